"""The SPARQL 1.1 Protocol at /sparql: each method, media type and status code; Accept q-values
and wildcards; percent signs; the body-size limit; the dataset parameters.
https://www.w3.org/TR/sparql11-protocol/"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote, urlencode
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from werkzeug.test import Client

from kb.mapping import graph_iri
from kb.serve.app import App, Settings
from kb.serve.sparql import negotiate

TOKEN = "s3cret-token"
MAX_BODY = 4096
PREFIXES = "PREFIX ekb: <https://w3id.org/evidencekb/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
TITLES = PREFIXES + "SELECT ?t WHERE { ?p dcterms:title ?t } ORDER BY ?t"
CONSTRUCT = PREFIXES + "CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p dcterms:title ?t }"
SELECT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}


@pytest.fixture(scope="module")
def app(serve_home_template, tmp_path_factory):
    import shutil

    home = tmp_path_factory.mktemp("protocol") / "kb"
    shutil.copytree(serve_home_template, home)
    app = App(home, Settings(timeout=10, max_rows=50, max_body=MAX_BODY, token=TOKEN))
    yield app
    app.close()


@pytest.fixture(scope="module")
def client(app):
    return Client(app)


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql?" + urlencode({"query": query, **params}, doseq=True), headers=headers)


def values(response, var="t"):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [b[var]["value"] for b in response.get_json(force=True)["results"]["bindings"] if var in b]


def error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json(force=True)
    assert set(body) == {"ok", "error", "errors", "status", "title"} and body["ok"] is False
    assert body["status"] == status
    return body["error"]


# ---------------------------------------------------------------- methods


def test_get_query(client):
    r = get(client, TITLES)
    assert r.headers["Content-Type"] == "application/sparql-results+json"
    assert "Everolimus with exemestane" in values(r)


def test_post_form(client):
    r = client.post("/sparql", data={"query": TITLES})
    assert "Everolimus with exemestane" in values(r)


def test_post_sparql_query_body(client):
    r = client.post("/sparql", data=TITLES.encode(), content_type="application/sparql-query")
    assert "Everolimus with exemestane" in values(r)


def test_post_sparql_query_body_with_charset(client):
    r = client.post("/sparql", data=TITLES.encode("utf-16"), content_type="application/sparql-query; charset=utf-16")
    assert "Everolimus with exemestane" in values(r)


def test_post_without_content_type_is_400(client):
    r = client.post("/sparql", data=TITLES.encode(), headers={"Content-Type": ""})
    assert "Content-Type" in error(r, 400)


@pytest.mark.parametrize("ctype", ["text/plain", "application/json", "multipart/form-data; boundary=x"])
def test_post_unknown_content_type_is_415(client, ctype):
    r = client.post("/sparql", data=TITLES.encode(), headers={"Content-Type": ctype})
    assert "application/sparql-query" in error(r, 415)


def test_form_without_query_or_update_is_400(client):
    assert "neither" in error(client.post("/sparql", data={"other": "x"}), 400)


def test_query_and_update_together_is_400(client):
    assert "not both" in error(client.post("/sparql", data={"query": TITLES, "update": "CLEAR ALL"}), 400)


def test_two_query_parameters_is_400(client):
    r = client.get("/sparql?" + urlencode([("query", TITLES), ("query", TITLES)]))
    assert "exactly one" in error(r, 400)


def test_get_without_query(client):
    assert "give a query" in error(client.get("/sparql", headers={"Accept": "application/json"}), 400)
    browser = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 303 and browser.headers["Location"] == "/query"


def test_other_methods_are_405(client):
    r = client.put("/sparql", data=TITLES)
    assert r.status_code == 405
    assert set(r.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_malformed_query_is_400_with_parser_message(client):
    message = error(get(client, "SELECT ?x WHERE { ?x ?y }"), 400)
    assert message.startswith("the query is not valid SPARQL: ") and "error at 1:" in message


def test_update_sent_as_query_says_so(client):
    message = error(get(client, "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), 400)
    assert "looks like an update" in message


def test_sparqlwrapper_parameters_are_ignored(client):
    r = get(client, TITLES, accept="application/sparql-results+json", format="json", output="json", results="json")
    assert "Everolimus with exemestane" in values(r)


# ---------------------------------------------------------------- media types


@pytest.mark.parametrize("media", SELECT_TYPES)
def test_select_media_types(client, media):
    r = get(client, TITLES, accept=media)
    assert r.status_code == 200
    assert r.mimetype == media
    body = r.get_data(as_text=True)
    if media.endswith("json"):
        assert r.get_json(force=True)["head"]["vars"] == ["t"]
    elif media.endswith("xml"):
        root = ElementTree.fromstring(body)
        assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["t"] and ["Everolimus with exemestane"] in rows
    else:
        lines = body.splitlines()
        assert lines[0] == "?t" and '"Everolimus with exemestane"' in lines


@pytest.mark.parametrize("media", SELECT_TYPES[:2])
def test_ask_media_types(client, media):
    r = get(client, PREFIXES + "ASK { ?p a ekb:Paper }", accept=media)
    assert r.mimetype == media
    assert "true" in r.get_data(as_text=True)


@pytest.mark.parametrize("media", list(GRAPH_TYPES))
def test_construct_media_types(client, media):
    r = get(client, CONSTRUCT, accept=media)
    assert r.status_code == 200 and r.mimetype == media
    triples = list(ox.parse(r.get_data(), format=GRAPH_TYPES[media]))
    assert len(triples) == 3


def test_describe_defaults_to_turtle(client):
    r = get(client, "DESCRIBE <https://w3id.org/evidencekb/id/paper/fx-seed>")
    assert r.mimetype == "text/turtle"
    assert len(list(ox.parse(r.get_data(), format=ox.RdfFormat.TURTLE))) > 3


# ---------------------------------------------------------------- content negotiation


@pytest.mark.parametrize("accept, select, graph", [
    (None, "application/sparql-results+json", "text/turtle"),
    ("*/*", "application/sparql-results+json", "text/turtle"),
    ("text/*", "text/csv", "text/turtle"),
    ("application/*", "application/sparql-results+json", "application/n-triples"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml", None),
    ("text/*;q=0.9, text/csv;q=0.1", "text/tab-separated-values", "text/turtle"),  # the most specific range decides
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml", "text/turtle"),
    ("text/csv, application/sparql-results+json", "application/sparql-results+json", None),  # tie: server order
    ("application/json", "application/sparql-results+json", "application/ld+json"),  # alias
    ("application/rdf+xml;q=1, text/turtle;q=0.5", None, "application/rdf+xml"),
    ("image/png", None, None),
    ("*; q=.2", "application/sparql-results+json", "text/turtle"),  # Java's URLConnection
    ("text/csv;q=nonsense, text/tab-separated-values", "text/tab-separated-values", None),
])
def test_negotiation(client, accept, select, graph):
    r = get(client, TITLES, accept=accept)
    if select is None:
        assert r.status_code == 406
    else:
        assert r.status_code == 200 and r.mimetype == select
    r = get(client, CONSTRUCT, accept=accept)
    if graph is None:
        assert r.status_code == 406
        assert "text/turtle" in error(r, 406)
    else:
        assert r.status_code == 200 and r.mimetype == graph


def test_negotiate_is_a_pure_function():
    offered = ["a/x", "a/y", "b/z"]
    assert negotiate("a/*;q=0.5, b/z;q=0.6", offered) == "b/z"
    assert negotiate("a/y;q=0, a/*", offered) == "a/x"
    assert negotiate("", offered) == "a/x"
    assert negotiate("c/*", offered) is None


def test_406_names_the_types(client):
    message = error(get(client, TITLES, accept="image/png"), 406)
    assert "application/sparql-results+json" in message and "text/turtle" in message


# ---------------------------------------------------------------- percent signs: decoded exactly once

PERCENT = 'SELECT ?t WHERE { BIND("%41 100% %2541 +" AS ?t) }'


def test_percent_in_get(client):
    r = client.get("/sparql?query=" + quote(PERCENT, safe=""))
    assert values(r) == ["%41 100% %2541 +"]


def test_percent_in_form_post(client):
    r = client.post("/sparql", data=urlencode({"query": PERCENT}).encode(),
                    content_type="application/x-www-form-urlencoded")
    assert values(r) == ["%41 100% %2541 +"]


def test_percent_in_sparql_query_body(client):
    r = client.post("/sparql", data=PERCENT.encode(), content_type="application/sparql-query")
    assert values(r) == ["%41 100% %2541 +"]


@pytest.mark.parametrize("method", ["get", "form", "body"])
def test_percent_matches_stored_literal(client, method):
    query = PREFIXES + 'ASK { ?ev ekb:sentence ?s FILTER(CONTAINS(?s, "50%41 dose")) }'
    if method == "get":
        r = client.get("/sparql?query=" + quote(query, safe=""))
    elif method == "form":
        r = client.post("/sparql", data={"query": query})
    else:
        r = client.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert r.get_json(force=True)["boolean"] is True


# ---------------------------------------------------------------- body size


def test_form_body_over_the_limit_is_413(client):
    big = TITLES + " #" + "x" * MAX_BODY
    message = error(client.post("/sparql", data={"query": big}), 413)
    assert f"{MAX_BODY} bytes" in message


def test_sparql_query_body_over_the_limit_is_413(client):
    big = (TITLES + " #" + "x" * MAX_BODY).encode()
    message = error(client.post("/sparql", data=big, content_type="application/sparql-query"), 413)
    assert f"limit of {MAX_BODY} bytes" in message


def test_body_at_the_limit_is_read(client):
    query = TITLES + " #"
    query += "x" * (MAX_BODY - len(query.encode()))
    assert len(query.encode()) == MAX_BODY
    assert "Everolimus with exemestane" in values(client.post("/sparql", data=query.encode(),
                                                              content_type="application/sparql-query"))


# ---------------------------------------------------------------- datasets


def test_default_graph_is_the_union_of_paper_graphs(client):
    r = get(client, PREFIXES + "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ekb:Paper }")
    assert values(r, "n") == ["3"]


def test_default_graph_uri(client):
    seed = graph_iri("fx-seed").value
    r = get(client, TITLES, **{"default-graph-uri": seed})
    assert values(r) == ["A phase II study of temsirolimus and liposomal doxorubicin in sarcoma"]
    both = get(client, TITLES, **{"default-graph-uri": [seed, graph_iri("fx-everolimus").value]})
    assert len(values(both)) == 2


def test_named_graph_uri(client):
    query = PREFIXES + "SELECT ?g ?t WHERE { GRAPH ?g { ?p dcterms:title ?t } }"
    r = get(client, query, **{"named-graph-uri": graph_iri("fx-everolimus").value})
    assert values(r) == ["Everolimus with exemestane"]
    assert values(r, "g") == [graph_iri("fx-everolimus").value]


def test_dataset_in_a_form_body(client):
    r = client.post("/sparql", data={"query": TITLES, "default-graph-uri": graph_iri("fx-everolimus").value})
    assert values(r) == ["Everolimus with exemestane"]


def test_from_in_the_query_is_honoured(client):
    query = PREFIXES + f"SELECT ?t FROM <{graph_iri('fx-everolimus').value}> WHERE {{ ?p dcterms:title ?t }}"
    assert values(get(client, query)) == ["Everolimus with exemestane"]


def test_protocol_dataset_overrides_from(client):
    query = PREFIXES + f"SELECT ?t FROM <{graph_iri('fx-everolimus').value}> WHERE {{ ?p dcterms:title ?t }}"
    r = get(client, query, **{"default-graph-uri": graph_iri("fx-seed").value})
    assert values(r) == ["A phase II study of temsirolimus and liposomal doxorubicin in sarcoma"]


def test_unknown_graphs_are_empty(client):
    r = get(client, TITLES, **{"default-graph-uri": "http://example.org/not-here"})
    assert values(r) == []


def test_graph_uri_must_be_an_iri(client):
    assert "not an absolute IRI" in error(get(client, TITLES, **{"default-graph-uri": "not an iri"}), 400)


# ---------------------------------------------------------------- result cap and updates


def test_result_over_the_row_cap_is_an_error_not_a_cut(client):
    message = error(get(client, "SELECT * WHERE { ?s ?p ?o }"), 400)
    assert "more than 50 rows" in message and "LIMIT" in message
    assert len(values(get(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 50"), "s")) == 50


def test_update_with_the_token(client):
    insert = 'INSERT DATA { GRAPH <urn:test:g> { <urn:test:s> <http://purl.org/dc/terms/title> "Inserted" } }'
    r = client.post("/sparql", data=insert.encode(), content_type="application/sparql-update",
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204, r.get_data(as_text=True)
    assert "Inserted" in values(get(client, TITLES))
    r = client.post("/sparql", data={"update": "DROP GRAPH <urn:test:g>"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204
    assert "Inserted" not in values(get(client, TITLES))


def test_update_with_a_wrong_token_is_403(client):
    r = client.post("/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer wrong"})
    assert "missing or wrong" in error(r, 403)
    assert len(values(get(client, TITLES))) == 3


def test_update_by_get_is_400(client):
    assert "POST" in error(client.get("/sparql?" + urlencode({"update": "CLEAR ALL"})), 400)


def test_malformed_update_is_400(client):
    r = client.post("/sparql", data={"update": "INSERT DATA { <a> }"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert "not valid SPARQL" in error(r, 400)


def test_json_error_shape_is_pinned(client):
    body = json.loads(get(client, "SELECT").get_data())
    assert list(body) == ["ok", "error", "errors", "status", "title"]
    assert body["errors"] == [body["error"]] and body["title"] == "Bad Request"
