"""`kb --store URL serve`: the HTTP app on a real `oxigraph serve` answers as it does on the embedded store.

The dev corpus is added through the CLI to an embedded knowledge base and to a remote one; one app
serves each. Shows: /sparql gives the same rows (every result type, datasets, FROM), CONSTRUCT and
DESCRIBE the same triples, the row cap and the time limit the same errors; the browser's JSON API,
the pages' JSON twins and the named queries give the same JSON; the app's refusals (updates when
read-only, SERVICE, LOAD) stop requests before they reach the SPARQL server; writes by another
writer show up in the browser; a killed server is a 503 with a clear message, and an unreachable one
an error at start (exit 2); credentials reach the server and never a log line, a page or an error.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from conftest import fixture_extractions
from test_remote_store import (
    SECRET_PASSWORD,
    SECRET_TOKEN,
    AuthProxy,
    OxigraphServer,
    free_port,
)
from werkzeug.test import Client
from werkzeug.wrappers import Response

from kb.cli import cli
from kb.errors import StoreUnreachable
from kb.knowledgebase import KnowledgeBase
from kb.mapping import extraction_quads, graph_iri, paper_iri
from kb.query import named_queries, with_prefixes
from kb.remote import RemoteStore
from kb.serve.app import App, Settings
from kb.serve.remote_backend import RemoteBackend
from kb.serve.server import read_serve_file

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
TOKEN = "update-token"
LOCAL = {"REMOTE_ADDR": "127.0.0.1"}  # the kb command on this machine, for the internal routes
PREFIXES = ("PREFIX ekb: <https://w3id.org/evidencekb/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
SEED = graph_iri("000_dc0a5bd87a20dde1").value
PAZOPANIB = graph_iri("dev05-pazopanib-palette").value
NOT_RUN = "FILTER(?p != <http://www.w3.org/ns/prov#startedAtTime>)"  # the run's time differs between the loads
CAP = 2000
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6)) + " }"


def backend(url: str, **kw) -> RemoteBackend:
    """A remote backend whose stores give up fast (tests kill servers); environment credentials unread."""
    return RemoteBackend(lambda: RemoteStore.from_url(url, env={}, retries=1, backoff=0.05), **kw)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("serve-remote") / "oxigraph").start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def homes(tmp_path_factory, upstream):
    """The dev corpus added by `kb add`, once to the embedded store and once to the remote one."""
    emb, rem = tmp_path_factory.mktemp("embedded") / "kb", tmp_path_factory.mktemp("remote") / "kb"
    for args in (["--home", str(emb)], ["--home", str(rem), "--store", upstream.url]):
        result = CliRunner().invoke(cli, [*args, "add", "-q", str(ARTICLES)], env={"KB_STORE": None})
        assert result.exit_code == 0, result.output
    return emb, rem


@pytest.fixture(scope="module")
def apps(homes, upstream):
    """Read-only apps: on the embedded store, and on the remote one (re-reading its marker every request)."""
    emb = App(homes[0], Settings(timeout=30, max_rows=CAP))
    rem = App(homes[1], Settings(timeout=30, max_rows=CAP), store=backend(upstream.url, timeout=30, max_rows=CAP,
                                                                           recheck=0))
    yield emb, rem
    emb.close()
    rem.close()


@pytest.fixture(scope="module")
def clients(apps):
    return Client(apps[0]), Client(apps[1])


def both(clients, path: str, **kw):
    """The same request to the embedded and the remote app: two responses."""
    method = kw.pop("method", "GET")
    return tuple(c.open(path, method=method, **kw) for c in clients)


def solutions(response, media: str) -> list[tuple]:
    """Rows of a SELECT answer in any result type, as sorted tuples of N-Triples terms (CSV: of its cells)."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == media
    if media == "text/csv":  # lossy: pyoxigraph does not read it back
        return sorted(tuple(row) for row in csv.reader(io.StringIO(response.get_data(as_text=True))))
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media]
    result = ox.parse_query_results(response.get_data(), format=fmt)
    names = [v.value for v in result.variables]
    return sorted(tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in result)


def triples(response, media: str) -> set[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == media
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}[media]
    return {str(t) for t in ox.parse(response.get_data(), format=fmt)}


def sparql_url(query: str, **params) -> str:
    return "/sparql?" + urlencode({"query": query, **params}, doseq=True)


# ------------------------------------------------------------------------------ /sparql

SELECTS = {
    "claims": PREFIXES + """SELECT ?drug ?target (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
        GRAPH ?g { ?paper ekb:reports ?c . ?c ekb:subject/rdfs:label ?drug ; ekb:relationLabel "inhibits" ;
                   ekb:object/rdfs:label ?target } } GROUP BY ?drug ?target ORDER BY DESC(?papers) ?drug ?target""",
    "union-default-graph": PREFIXES + "SELECT ?e ?label WHERE { ?e a ekb:Drug ; skos:prefLabel ?label }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "from": PREFIXES + f"SELECT ?p ?o FROM <{SEED}> FROM <{PAZOPANIB}> WHERE {{ ?s ?p ?o {NOT_RUN} }}",
    "from-named": PREFIXES + f"SELECT ?g ?t FROM NAMED <{PAZOPANIB}> WHERE {{ GRAPH ?g {{ ?p dcterms:title ?t }} }}",
}


@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                   "text/tab-separated-values"])
@pytest.mark.parametrize("name", sorted(SELECTS))
def test_select_gives_the_same_rows(clients, name, media):
    emb, rem = both(clients, sparql_url(SELECTS[name]), headers={"Accept": media})
    assert solutions(emb, media) == solutions(rem, media) != []


def test_ordered_select_gives_the_same_bytes(clients):
    emb, rem = both(clients, sparql_url(SELECTS["claims"]))
    assert emb.status_code == rem.status_code == 200 and emb.get_data() == rem.get_data()
    assert emb.headers["Content-Type"] == rem.headers["Content-Type"]


@pytest.mark.parametrize("params", [
    {"default-graph-uri": SEED},
    {"default-graph-uri": [SEED, PAZOPANIB]},
    {"named-graph-uri": PAZOPANIB},
    {"default-graph-uri": SEED, "named-graph-uri": PAZOPANIB},
], ids=["default", "two-defaults", "named", "default-and-named"])
def test_dataset_parameters_name_the_same_graphs(clients, params):
    media = "application/sparql-results+json"
    for query in (f"SELECT ?p ?o WHERE {{ ?s ?p ?o {NOT_RUN} }}", "SELECT ?g ?p WHERE { GRAPH ?g { ?s ?p ?o } }"):
        emb, rem = both(clients, "/sparql", method="POST", data={"query": query, **params})
        assert solutions(emb, media) == solutions(rem, media)
        assert solutions(rem, media) or ("GRAPH" in query) != ("named-graph-uri" in params)


def test_ask_in_every_result_type(clients):
    for query in ("ASK { ?s ?p ?o }", "ASK { ?s <urn:nothing> ?o }"):
        for media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                      "text/tab-separated-values"):
            emb, rem = both(clients, sparql_url(query), headers={"Accept": media})
            assert emb.status_code == rem.status_code == 200 and emb.get_data() == rem.get_data()


@pytest.mark.parametrize("media", ["text/turtle", "application/n-triples", "application/ld+json",
                                   "application/rdf+xml"])
@pytest.mark.parametrize("query", [
    PREFIXES + "CONSTRUCT { ?p dcterms:title ?t ; ekb:reports ?c . ?c rdfs:label ?l } WHERE { "
               "GRAPH ?g { ?p dcterms:title ?t ; ekb:reports ?c . OPTIONAL { ?c rdfs:label ?l } } }",
    "DESCRIBE <https://w3id.org/evidencekb/id/entity/HGNC_3942>",
], ids=["construct", "describe"])
def test_construct_and_describe_give_the_same_triples(clients, query, media):
    emb, rem = both(clients, sparql_url(query), headers={"Accept": media})
    assert triples(emb, media) == triples(rem, media) != set()
    if media == "text/turtle":  # the same prefixes as on the embedded store
        assert emb.get_data() == rem.get_data()


@pytest.mark.parametrize(("query", "accept", "status"), [
    ("SELECT * WHERE { ?s ?p ?o }", None, 400),  # over the cap
    ("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle", 400),
    ("SELECT * WHERE { ?s ?p ?o", None, 400),  # not SPARQL
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None, 400),  # an update sent as a query
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/turtle", 406),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", None, 403),
])
def test_the_same_errors(clients, query, accept, status):
    emb_r, rem_r = both(clients, sparql_url(query), headers={"Accept": accept} if accept else {})
    assert emb_r.status_code == rem_r.status_code == status, rem_r.get_data(as_text=True)
    emb_j, rem_j = emb_r.get_json(), rem_r.get_json()
    if "INSERT" in query:  # the remote store sees no query form where the embedded parser stops: same hint
        assert rem_j["error"].startswith("the query is not valid SPARQL: ")
        assert "looks like an update" in emb_j["error"] and "looks like an update" in rem_j["error"]
    elif "valid SPARQL" in emb_j["error"]:  # the same parser's message; kb.remote keeps its first 300 characters
        assert rem_j["error"][:200] == emb_j["error"][:200]
    else:
        assert emb_j == rem_j
    if query == "SELECT * WHERE { ?s ?p ?o }":
        assert f"more than {CAP} rows" in rem_j["error"]


# ------------------------------------------------------------------------------ the browser's JSON, named queries

def _drop(data, *keys):
    """The JSON without fields that differ by design (where the KB lives, when papers were added)."""
    if isinstance(data, dict):
        return {k: _drop(v, *keys) for k, v in data.items() if k not in keys}
    if isinstance(data, list):
        return [_drop(v, *keys) for v in data]
    return data


def _claim(clients) -> str:
    around = clients[0].get("/api/neighbourhood.json?node=temsirolimus").get_json()
    return next(e["id"] for e in around["edges"] if e["kind"] == "mechanism")


@pytest.mark.parametrize("path", [
    "/api/search.json?q=mtor", "/api/search.json?q=temsirolimus&limit=50", "/api/search.json?q=HGNC:3942",
    "/api/search.json?q=e&limit=50",
    "/api/neighbourhood.json?node=mTOR", "/api/neighbourhood.json?node=everolimus&depth=2",
    "/api/neighbourhood.json?node=temsirolimus&papers=0",
    "/api/evidence.json?claim=CLAIM",
    f"/api/neighbourhood.json?node={paper_iri('dev05-pazopanib-palette').value}",
    "/index.json", "/papers.json", "/paper/dev05-pazopanib-palette.json", "/paper/000_dc0a5bd87a20dde1.json",
    "/query.json", "/api/neighbourhood.json?node=no-such-entity", "/paper/no-such-paper.json",
])
def test_browser_json_is_the_same(clients, path):
    path = path.replace("CLAIM", _claim(clients))
    emb, rem = both(clients, path)
    assert emb.status_code == rem.status_code, rem.get_data(as_text=True)
    emb_j, rem_j = (_drop(r.get_json(), "home", "added_at") for r in (emb, rem))
    if emb.status_code == 200:
        assert rem_j == emb_j  # in the same order too
    else:  # the error names the knowledge base's home, which differs
        assert rem_j["status"] == emb_j["status"] == 404


def test_the_paper_neighbourhood_is_a_paper_node(clients):
    node = paper_iri("dev05-pazopanib-palette").value
    body = clients[1].get(f"/api/neighbourhood.json?node={node}").get_json()
    assert body["center"]["type"] == "paper" and len(body["nodes"]) > 1


def _named_rows(response) -> list[tuple]:
    """Rows; GROUP_CONCAT lists compare as sets (their order is undefined, docs/scaling.md)."""
    assert response.status_code == 200, response.get_data(as_text=True)
    out = []
    for b in response.get_json()["results"]["bindings"]:
        out.append(tuple(sorted((k, " ".join(sorted(v["value"].split())) if k in ("papers", "ids", "synonyms")
                                 else v["value"]) for k, v in b.items())))
    return sorted(out)


@pytest.mark.parametrize("name", sorted(n for n, q in named_queries().items()
                                        if not any("(required" in d for d in q.params.values())))
def test_named_queries_through_the_endpoint_give_the_same_rows(clients, name):
    text = with_prefixes(named_queries()[name].text)
    emb, rem = both(clients, "/sparql", method="POST", data={"query": text})
    assert _named_rows(emb) == _named_rows(rem)


# ------------------------------------------------------------------------------ what the app refuses

def test_refusals_happen_before_the_sparql_server(homes, upstream):
    """Read-only updates, SERVICE and LOAD are refused by the app: no request reaches the server."""
    recorder = AuthProxy(upstream.url, None)
    read_only = App(homes[1], Settings(timeout=30), store=backend(recorder.url))
    writable = App(homes[1], Settings(timeout=30, token=TOKEN), store=backend(recorder.url))
    try:
        before = len(recorder.seen)
        c = Client(read_only)
        update = "INSERT DATA { GRAPH <urn:x:scratch> { <urn:a> <urn:b> <urn:c> } }"
        for r in (c.post("/sparql", data={"update": update}),
                  c.post("/sparql", data=update, headers={"Content-Type": "application/sparql-update"}),
                  c.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})):
            assert r.status_code == 403 and "read-only" in r.get_json()["error"]
        w = Client(writable)
        assert w.post("/sparql", data={"update": update}).status_code == 403  # no token
        assert w.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer wrong"}).status_code == 403
        r = w.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and "LOAD is refused" in r.get_json()["error"]
        r = w.get(sparql_url("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
        assert r.status_code == 403 and "SERVICE is refused" in r.get_json()["error"]
        assert len(recorder.seen) == before
        assert Client(read_only).get(sparql_url("ASK { GRAPH <urn:x:scratch> { ?s ?p ?o } }")).get_data() == \
            b'{"head":{},"boolean":false}'
    finally:
        read_only.close()
        writable.close()
        recorder.close()


# ------------------------------------------------------------------------------ writes, generation

def _load_fixture(store: RemoteStore, home: Path, extractions=None) -> None:
    """The hand-made extractions of conftest, written as `kb add` writes them, into the remote store."""
    extractions = extractions or fixture_extractions()
    kb = KnowledgeBase(home, store=store)
    try:
        kb.docs.upsert_rows([kb.docs.row_for(x.document, x.extractor_version, x.counts) for x in extractions])
        kb.store.replace_graphs({graph_iri(x.document.id).value: extraction_quads(x) for x in extractions})
    finally:
        kb.close()


@pytest.fixture
def small(tmp_path):
    """A fresh server holding the fixture knowledge base, and its KB_HOME."""
    server = OxigraphServer(tmp_path / "oxigraph").start()
    home = tmp_path / "kb"
    _load_fixture(RemoteStore.from_url(server.url, env={}), home)
    yield server, home
    server.kill()


def _labels(client, q: str) -> list[str]:
    r = client.get(f"/api/search.json?q={q}")
    assert r.status_code == 200, r.get_data(as_text=True)
    return [x["label"] for x in r.get_json()["results"]]


def test_updates_with_the_token_reach_the_store(small):
    server, home = small
    app = App(home, Settings(timeout=30, token=TOKEN), store=backend(server.url, recheck=60))
    c = Client(app)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        generation = app.store.generation
        r = c.post("/sparql", data="INSERT DATA { GRAPH <urn:x:scratch> { <urn:a> <urn:b> \"c\" } }",
                   headers={**auth, "Content-Type": "application/sparql-update"})
        assert r.status_code == 204, r.get_data(as_text=True)
        assert app.store.generation > generation  # at once, not after `recheck`
        assert c.get(sparql_url("ASK { GRAPH <urn:x:scratch> { <urn:a> <urn:b> \"c\" } }")).get_json()["boolean"]
        r = c.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> "}, headers=auth)
        assert r.status_code == 400 and r.get_json()["error"].startswith("the update is not valid SPARQL")
        # a new entity through an update: the browser's graph is rebuilt
        assert "rapamycin" not in _labels(c, "rapamycin")
        r = c.post("/sparql", headers=auth, data={"update": f"""PREFIX ekb: <https://w3id.org/evidencekb/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            INSERT DATA {{ GRAPH <{graph_iri('fx-seed').value}> {{
              <{paper_iri('fx-seed').value}> ekb:mentions <urn:x:rapamycin> .
              <urn:x:rapamycin> a ekb:Drug ; rdfs:label "rapamycin" }} }}"""})
        assert r.status_code == 204, r.get_data(as_text=True)
        assert "rapamycin" in _labels(c, "rapamycin")
    finally:
        app.close()


def test_writes_by_another_writer_show_up(small):
    """`kb --store URL add/remove` in another shell: the run marker changes, the browser's graph follows."""
    server, home = small
    app = App(home, Settings(timeout=30), store=backend(server.url, recheck=0))
    c = Client(app)
    try:
        assert "exemestane" in _labels(c, "exemestane")
        result = CliRunner().invoke(cli, ["--home", str(home), "--store", server.url, "remove", "fx-everolimus"])
        assert result.exit_code == 0, result.output
        assert "exemestane" not in _labels(c, "exemestane")
        _load_fixture(RemoteStore.from_url(server.url, env={}), home,
                      [x for x in fixture_extractions() if x.document.id == "fx-everolimus"])
        assert "exemestane" in _labels(c, "exemestane")
    finally:
        app.close()


def test_the_internal_routes_write_through_the_remote_store(small):
    """`kb add` in another shell that finds this server in serve.json: its writes go to the remote store."""
    server, home = small
    app = App(home, Settings(timeout=30, internal_token="internal"), store=backend(server.url))
    c = Client(app)
    auth = {"Authorization": "Bearer internal"}
    try:
        x = next(x for x in fixture_extractions() if x.document.id == "fx-xss")
        quads = ox.serialize(extraction_quads(x), format=ox.RdfFormat.N_QUADS).decode()
        r = c.post("/-/store/graphs", headers=auth, environ_base=LOCAL,
                   json={"replace": {graph_iri("fx-new").value: quads}})
        assert r.status_code == 400 and "names graph" in r.get_json()["error"]  # quads of another graph
        r = c.post("/-/store/graphs", headers=auth, environ_base=LOCAL, json={"drop": [graph_iri("fx-xss").value]})
        assert r.status_code == 204
        graphs = c.get("/-/store/graphs", headers=auth, environ_base=LOCAL).get_json()["graphs"]
        assert sorted(graphs) == sorted(graph_iri(p).value for p in ("fx-seed", "fx-everolimus"))
        assert RemoteStore.from_url(server.url, env={}).graph_names() == graphs
        r = c.post("/-/store/query", headers=auth, environ_base=LOCAL, json={"query": "ASK { ?s ?p ?o }"})
        assert r.get_json() == {"head": {}, "boolean": True}
        assert c.get("/-/store/export?format=nquads", headers=auth, environ_base=LOCAL).get_data().count(b"\n") == \
            RemoteStore.from_url(server.url, env={}).quad_count()
    finally:
        app.close()


# ------------------------------------------------------------------------------ time limit, a server that is gone

def test_time_limit_then_server_killed(small):
    server, home = small
    app = App(home, Settings(timeout=1), store=backend(server.url, timeout=1, recheck=0))
    c = Client(app)
    try:
        assert c.get("/api/search.json?q=mtor").status_code == 200
        started = time.monotonic()
        r = c.get(sparql_url(SLOW))
        assert r.status_code == 503 and "time limit of 1 s" in r.get_json()["error"]
        assert time.monotonic() - started < 5
        server.kill()  # also stops the runaway query
        for path in (sparql_url("ASK { ?s ?p ?o }"), "/api/search.json?q=mtor", "/index.json",
                     "/api/neighbourhood.json?node=mTOR"):
            r = c.get(path)
            assert r.status_code == 503, (path, r.get_data(as_text=True))
            message = r.get_json()["error"]
            assert "remote store" in message and "did not answer" in message and server.url not in message
        r = c.get("/")
        assert r.status_code == 503 and b"did not answer" in r.get_data()
    finally:
        app.close()


MARKER_ANSWER = '{"head":{"vars":["runs","latest"]},"results":{"bindings":[]}}'


@contextlib.contextmanager
def fake_sparql(tmp_path: Path, answer, **settings):
    """An app on a stand-in SPARQL endpoint whose queries ``answer(request)`` answers (the backend's change
    marker, read at start, gets an empty answer): for server behaviour a real server does not show on demand."""
    from pytest_httpserver import HTTPServer

    def handler(request):
        if "startedAtTime" in request.form.get("query", ""):
            return Response(MARKER_ANSWER, content_type="application/sparql-results+json")
        return answer(request)

    fake = HTTPServer(host="127.0.0.1", port=0)
    fake.expect_request("/sparql").respond_with_handler(handler)
    fake.start()
    app = None
    try:
        timeout = settings.get("timeout", 5)
        app = App(tmp_path / "kb", Settings(**settings), store=backend(fake.url_for("/sparql"), timeout=timeout))
        yield Client(app)
    finally:
        if app is not None:
            app.close()
        fake.clear()
        fake.stop()


def test_a_trickling_answer_stops_at_the_time_limit(tmp_path):
    """The limit is on the whole answer, not on each read: a server that sends a row every 0.2 s is stopped."""
    def trickle(request):
        def rows():
            yield b'{"head":{"vars":["x"]},"results":{"bindings":['
            for i in range(100):
                time.sleep(0.2)
                yield (b"," if i else b"") + b'{"x":{"type":"literal","value":"%d"}}' % i
            yield b"]}}"
        return Response(rows(), content_type="application/sparql-results+json")

    with fake_sparql(tmp_path, trickle, timeout=1) as c:
        started = time.monotonic()
        r = c.get(sparql_url("SELECT ?x WHERE { ?s ?p ?x }"))
        assert r.status_code == 503 and "time limit of 1 s" in r.get_json()["error"]
        assert time.monotonic() - started < 3


def test_an_answer_cut_by_the_servers_own_limit_is_an_error(tmp_path):
    """Oxigraph 0.5.13 at its --timeout-s: 200, the start of the results, then a message instead of the rest."""
    def cut(request):
        return Response('{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled',
                        content_type="application/sparql-results+json")

    with fake_sparql(tmp_path, cut) as c:
        r = c.get(sparql_url("SELECT ?n WHERE { ?s ?p ?n }"))
        assert r.status_code == 500 and "unreadable or unfinished answer" in r.get_json()["error"]
        r = c.get(sparql_url("SELECT ?n WHERE { ?s ?p ?n }"), headers={"Accept": "text/csv"})
        assert r.status_code == 500 and "unreadable or unfinished answer" in r.get_json()["error"]


def test_a_users_update_is_sent_once(tmp_path):
    """Queries are retried on 503; an update from /sparql is not: it may not be idempotent."""
    seen: list[str] = []

    def busy(request):
        seen.append(request.mimetype)
        return Response("busy", status=503)

    with fake_sparql(tmp_path, busy, token=TOKEN) as c:
        r = c.post("/sparql", data={"update": "DELETE { ?s ?p 1 } INSERT { ?s ?p 2 } WHERE { ?s ?p 1 }"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 503 and "did not answer" in r.get_json()["error"]
        assert seen == ["application/sparql-update"]
        assert c.get(sparql_url("ASK { ?s ?p ?o }")).status_code == 503
        assert seen[1:] == ["application/x-www-form-urlencoded"] * 2  # the query: one retry (backend() sets 1)


def test_an_unreachable_server_is_an_error_at_start(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnreachable, match="did not answer.*Is it running"):
        backend(url)
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "kb"), "--store", url, "serve", "--get", "/"],
                                env={"KB_STORE_RETRIES": "0"})
    assert result.exit_code == 2, result.output
    assert "Store error" in result.stderr and "did not answer (connection refused)" in result.stderr
    assert not (tmp_path / "kb" / "oxigraph").exists()  # the embedded store was never opened


# ------------------------------------------------------------------------------ credentials

def test_credentials_reach_the_server_and_nothing_else(small, monkeypatch, caplog):
    server, home = small
    caplog.set_level(logging.DEBUG)
    expected = f"Bearer {SECRET_TOKEN}"
    proxy = AuthProxy(server.url, expected)
    monkeypatch.setenv("KB_STORE_TOKEN", SECRET_TOKEN)
    monkeypatch.setenv("KB_STORE_RETRIES", "0")
    app = App(home, Settings(timeout=30, token=TOKEN), store=RemoteBackend.from_url(proxy.url, timeout=30))
    c = Client(app)
    shown = []
    try:
        responses = [c.get(sparql_url("SELECT * WHERE { ?s ?p ?o } LIMIT 3")), c.get("/api/search.json?q=mtor"),
                     c.get("/index.json"), c.get("/"), c.get("/paper/fx-seed.json"),
                     c.post("/sparql", data={"update": "DROP SILENT GRAPH <urn:x:none>"},
                            headers={"Authorization": f"Bearer {TOKEN}"})]
        assert [r.status_code for r in responses] == [200, 200, 200, 200, 200, 204]
        assert proxy.seen and all(h == expected for h in proxy.seen)
        proxy.expected = "Bearer another"  # the server now refuses the token
        refused = c.get(sparql_url("ASK { ?s ?p ?o }"))
        assert refused.status_code == 500 and "refused the credentials" in refused.get_json()["error"]
        proxy.close()  # and now it is gone
        gone = c.get(sparql_url("ASK { ?s ?p ?o }"))
        assert gone.status_code == 503
        for r in [*responses, refused, gone]:
            shown += [r.get_data(as_text=True), str(r.headers)]
    finally:
        app.close()
        proxy.close()
    shown += [caplog.text, "\n".join(str(r.args) for r in caplog.records), repr(app.store.store())]
    assert any("did not answer" in s for s in shown)  # the log has the details of the 503 ...
    for text in shown:  # ... and no secret
        assert SECRET_TOKEN not in text


def _unordered(data):
    """Lists as multisets. Across processes the neighbourhood's order follows Python's hash seed (set order in
    the graph code, on the embedded store too), so only the in-process comparisons above check order."""
    if isinstance(data, dict):
        return {k: _unordered(v) for k, v in data.items()}
    if isinstance(data, list):
        return sorted((_unordered(v) for v in data), key=lambda v: json.dumps(v, sort_keys=True))
    return data


def _serve(home: Path, store_url: str, env: dict) -> tuple[subprocess.Popen, list[str], dict]:
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--home", str(home), "--store", store_url, "serve",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(proc.stdout.readline, "")), daemon=True).start()
    deadline = time.monotonic() + 60
    while (info := read_serve_file(home)) is None or info["pid"] != proc.pid:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("the server did not start:\n" + "".join(output))
        time.sleep(0.05)
    return proc, output, info


def test_kb_store_serve_in_a_real_process(homes, upstream, clients, tmp_path):
    """`kb --store http://user:password@host serve`: the remote store over a socket, the password moved into Basic
    auth and never printed."""
    import base64
    import os

    expected = "Basic " + base64.b64encode(f"kbuser:{SECRET_PASSWORD}".encode()).decode()
    proxy = AuthProxy(upstream.url, expected)
    url = proxy.url.replace("http://", f"http://kbuser:{SECRET_PASSWORD}@")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    proc, output, info = _serve(homes[1], url, env)
    try:
        base = info["url"]
        r = requests.get(base + "sparql", params={"query": SELECTS["claims"]}, timeout=60)
        assert r.status_code == 200 and r.content == clients[0].get(sparql_url(SELECTS["claims"])).get_data()
        r = requests.get(base + "api/neighbourhood.json", params={"node": "mTOR"}, timeout=60)
        expected_json = clients[0].get("/api/neighbourhood.json?node=mTOR").get_json()
        assert r.status_code == 200 and _unordered(r.json()) == _unordered(expected_json)
        assert requests.post(base + "sparql", data={"update": "CLEAR ALL"}, timeout=60).status_code == 403
        assert proxy.seen and all(h == expected for h in proxy.seen)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        proxy.close()
    text = "".join(output)
    assert code == 0 and f"on the store at {proxy.url}/query" in text, text
    assert SECRET_PASSWORD not in text and expected.split()[1] not in text
    assert read_serve_file(homes[1]) is None
