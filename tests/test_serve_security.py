"""Safe by default: updates refused, SERVICE and LOAD refused before anything runs, nothing fetched,
a query time limit that stops the query, article text shown as text, local-only internal routes."""

from __future__ import annotations

import re
import shutil
import time
from urllib.parse import urlencode

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.test import Client

from kb.serve.app import App, Settings
from kb.serve.guard import inspect, refuse_remote
from kb.serve.errors import QueryRefused

TOKEN = "token-for-updates"
LOCAL = {"REMOTE_ADDR": "127.0.0.1"}
TITLES = "SELECT ?t WHERE { ?p <http://purl.org/dc/terms/title> ?t }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # ~290^4 rows


@pytest.fixture(scope="module")
def home(serve_home_template, tmp_path_factory):
    home = tmp_path_factory.mktemp("security") / "kb"
    shutil.copytree(serve_home_template, home)
    return home


@pytest.fixture(scope="module")
def app(home):
    app = App(home, Settings(timeout=0.5, internal_token="internal"))  # read-only: no update token
    yield app
    app.close()


@pytest.fixture(scope="module")
def client(app):
    return Client(app)


@pytest.fixture
def fetched(httpserver: HTTPServer):
    """A local HTTP server that records every request: it must receive none."""
    httpserver.expect_request("/", method="GET").respond_with_data("", status=200)
    yield httpserver
    assert httpserver.log == [], f"the endpoint fetched {[r.url for r, _ in httpserver.log]}"


def status(response):
    return response.status_code, response.get_json(force=True)["error"]


# ---------------------------------------------------------------- updates


@pytest.mark.parametrize("how", ["form", "body", "form+bearer"])
def test_updates_are_refused_without_a_server_token(client, how):
    update = "CLEAR ALL"
    if how == "body":
        r = client.post("/sparql", data=update, content_type="application/sparql-update")
    else:
        headers = {"Authorization": "Bearer anything"} if how.endswith("bearer") else {}
        r = client.post("/sparql", data={"update": update}, headers=headers)
    code, message = status(r)
    assert code == 403 and "read-only" in message
    assert len(client.get("/sparql?" + urlencode({"query": TITLES})).get_json()["results"]["bindings"]) == 3


# ---------------------------------------------------------------- SERVICE and LOAD

SERVICE_FORMS = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE<{url}>{{?s ?p ?o}} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z . {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "PREFIX ex: <{url}> SELECT * WHERE {{ SERVICE ex: {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_before_it_runs(client, fetched, form):
    query = form.format(url=fetched.url_for("/"))
    code, message = status(client.get("/sparql?" + urlencode({"query": query})))
    assert code == 403 and "SERVICE is refused" in message


@pytest.mark.parametrize("query", [
    'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) }',
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "SELECT ?x WHERE { <http://example.org/service> ?p ?x } # SERVICE <http://example.org/> {}",
    "SELECT ?x WHERE { BIND('''multi\nline SERVICE''' AS ?x) }",
])
def test_the_word_in_strings_iris_comments_and_variables_is_fine(client, query):
    assert client.get("/sparql?" + urlencode({"query": query})).status_code == 200


def test_a_prefixed_name_with_the_letters_is_refused_with_the_fix():
    with pytest.raises(QueryRefused, match="write the IRI in full"):
        refuse_remote("PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:serviceArea ?o }")


def test_escaped_quote_in_a_prefixed_name_does_not_hide_service():
    # ex:a\' is a prefixed name, not the start of a string: the SERVICE after it is code
    text = "SELECT * WHERE { ?s ex:a\\' . SERVICE <http://e/> { ?x ?y ?z } ex:b\\' ?o }"
    assert inspect(text).has_service


@pytest.fixture(scope="module")
def token_app(tmp_path_factory):
    app = App(tmp_path_factory.mktemp("load") / "kb", Settings(timeout=2, token=TOKEN))
    yield app
    app.close()


@pytest.mark.parametrize("target", ["http", "file"])
def test_load_is_refused_even_with_the_token(token_app, fetched, target):
    iri = fetched.url_for("/") if target == "http" else "file:///etc/passwd"
    r = Client(token_app).post("/sparql", data={"update": f"LOAD <{iri}> INTO GRAPH <urn:x>"},
                               headers={"Authorization": f"Bearer {TOKEN}"})
    code, message = status(r)
    assert code == 403 and "LOAD is refused" in message
    assert token_app.store.graph_names() == []


def test_from_and_dataset_iris_are_never_fetched(client, fetched):
    url = fetched.url_for("/")
    r = client.get("/sparql?" + urlencode({"query": f"SELECT * FROM <{url}> FROM NAMED <{url}> WHERE {{ ?s ?p ?o }}"}))
    assert r.status_code == 200 and r.get_json()["results"]["bindings"] == []
    r = client.get("/sparql?" + urlencode({"query": TITLES, "default-graph-uri": url, "named-graph-uri": url}))
    assert r.status_code == 200 and r.get_json()["results"]["bindings"] == []


# ---------------------------------------------------------------- time limit


def test_the_time_limit_stops_the_query(client, app):
    restarts = app.store.restarts
    start = time.monotonic()
    code, message = status(client.get("/sparql?" + urlencode({"query": SLOW})))
    elapsed = time.monotonic() - start
    assert code == 503 and "time limit of 0.5 s" in message
    assert elapsed < 5
    assert app.store.restarts == restarts + 1  # the query's process was killed, not left running
    r = client.get("/sparql?" + urlencode({"query": TITLES}))  # and the next query is answered
    assert r.status_code == 200 and len(r.get_json()["results"]["bindings"]) == 3


def test_the_time_limit_holds_for_the_json_api(client, app):
    r = client.post("/-/store/query", json={"query": SLOW}, headers={"Authorization": "Bearer internal"},
                    environ_base=LOCAL)
    assert r.status_code == 503


# ---------------------------------------------------------------- article text is shown as text


def test_paper_page_escapes_article_text(client):
    r = client.get("/paper/fx-xss")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<script>alert(" not in html and "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; 100% &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]


def test_papers_list_escapes_titles(client):
    html = client.get("/papers").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;title&#34;)" in html and "<script>alert(" not in html


def test_json_keeps_the_text_as_data(client):
    r = client.get("/paper/fx-xss.json")
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.get_json()["title"].startswith('<script>alert("title")</script>')


def test_error_pages_escape_what_the_request_said(client):
    r = client.get("/paper/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert r.status_code == 404
    html = r.get_data(as_text=True)
    assert "<img" not in html and "no paper &#39;&lt;img src=x onerror=alert(1)&gt;&#39;" in html


def test_pages_load_scripts_and_styles_from_the_app_only(client):
    for path in ("/", "/query", "/papers", "/paper/fx-seed", "/api"):
        html = client.get(path).get_data(as_text=True)
        loaded = re.findall(r'<script[^>]* src="([^"]+)"', html) + re.findall(r'<link[^>]* href="([^"]+)"', html)
        assert loaded
        for src in loaded:
            assert src.startswith("/static/"), (path, src)
            assert client.get(src).status_code == 200, src


# ---------------------------------------------------------------- hosts and internal routes


def test_other_host_names_are_refused(client):
    r = client.get("/index.json", headers={"Host": "evil.example:8000"})
    assert r.status_code == 403 and "DNS rebinding" in r.get_json()["error"]
    assert client.get("/index.json", headers={"Host": "localhost:8000"}).status_code == 200


def test_internal_routes_need_the_token_and_a_local_client(client):
    assert client.get("/-/store/info", environ_base=LOCAL).status_code == 403
    assert client.get("/-/store/info", headers={"Authorization": "Bearer wrong"}, environ_base=LOCAL).status_code == 403
    ok = client.get("/-/store/info", headers={"Authorization": "Bearer internal"}, environ_base=LOCAL)
    assert ok.status_code == 200
    remote = client.get("/-/store/info", headers={"Authorization": "Bearer internal"},
                        environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 403


def test_static_files_stay_in_their_directory(client):
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404
    assert client.get("/static/app.css").status_code == 200
