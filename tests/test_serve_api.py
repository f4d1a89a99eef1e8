"""The JSON API behind the browser, the pages' JSON twins, the error shape and `kb serve --get`."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from werkzeug.test import Client

from extract.records import Certainty
from kb.cli import cli
from kb.mapping import extraction_quads, graph_iri
from kb.serve.app import ROUTES, App, Settings

from conftest import EVEROLIMUS, MTOR, extraction

TEMSIROLIMUS_IRI = "https://w3id.org/evidencekb/id/entity/DRUGBANK_DB06287"
MTOR_IRI = "https://w3id.org/evidencekb/id/entity/HGNC_3942"


@pytest.fixture(scope="module")
def app(serve_home_template, tmp_path_factory):
    home = tmp_path_factory.mktemp("api") / "kb"
    shutil.copytree(serve_home_template, home)
    app = App(home, Settings(timeout=10))
    yield app
    app.close()


@pytest.fixture(scope="module")
def client(app):
    return Client(app)


def ok(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert list(body) == ["ok", "error", "errors", "status", "title"]
    assert body["ok"] is False and body["status"] == status and body["errors"] == [body["error"]]
    return body["error"]


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("q, label, matched_by", [
    ("temsi", "temsirolimus", "label"),
    ("TEMSIROLIMUS", "temsirolimus", "label"),
    ("torisel", "temsirolimus", "synonym"),
    ("HGNC:3942", "MTOR", "identifier"),
    ("mammalian target", "MTOR", "synonym"),
    ("DB01590", "everolimus", "identifier"),
])
def test_search_by_name_synonym_or_identifier(client, q, label, matched_by):
    results = ok(client.get("/api/search.json", query_string={"q": q}))["results"]
    assert results[0]["label"] == label and results[0]["matched_by"] == matched_by


def test_search_ranks_exact_then_prefix_then_substring(client):
    labels = [r["label"] for r in ok(client.get("/api/search.json?q=mtor"))["results"]]
    assert labels[0] == "MTOR"


def test_search_limit_and_empty_query(client):
    assert len(ok(client.get("/api/search.json?q=e&limit=2"))["results"]) == 2
    assert ok(client.get("/api/search.json?q="))["results"] == []
    assert "integer" in error(client.get("/api/search.json?q=e&limit=two"), 400)


# ---------------------------------------------------------------- neighbourhood


def test_neighbourhood_of_an_entity(client):
    data = ok(client.get("/api/neighbourhood.json?node=temsirolimus"))
    assert data["center"]["iri"] == TEMSIROLIMUS_IRI and data["center"]["type"] == "drug"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[MTOR_IRI]["type"] == "target" and nodes[MTOR_IRI]["label"] == "MTOR"
    papers = sorted(n["paper"] for n in data["nodes"] if n["type"] == "paper")
    assert papers == ["fx-everolimus", "fx-seed", "fx-xss"]
    claims = [e for e in data["edges"] if e["kind"] == "mechanism"]
    inhibits = next(e for e in claims if e["target"] == MTOR_IRI)
    assert inhibits["relation"] == "inhibits" and inhibits["papers"] == 2 and inhibits["stated"] == 2
    assert inhibits["certainty"] == "stated" and inhibits["id"].startswith("https://w3id.org/evidencekb/id/claim/")
    mentions = [e for e in data["edges"] if e["kind"] == "mentions"]
    assert len(mentions) == 3 and all(e["target"] == TEMSIROLIMUS_IRI for e in mentions)
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])


def test_neighbourhood_edges_list_a_few_paper_ids(client, monkeypatch):
    """A hub's edges name thousands of papers: an edge lists the first few, ``papers`` counts all."""
    from kb.serve import api

    monkeypatch.setattr(api, "EDGE_PAPER_IDS", 1)
    data = ok(client.get("/api/neighbourhood.json?node=temsirolimus"))
    inhibits = next(e for e in data["edges"] if e["kind"] == "mechanism" and e["target"] == MTOR_IRI)
    assert inhibits["papers"] == 2 and inhibits["paper_ids"] == ["fx-everolimus"]


def test_neighbourhood_keeps_the_centers_best_supported_claims(client, monkeypatch):
    from kb.serve import api

    whole = ok(client.get("/api/neighbourhood.json?node=MTOR&depth=2&papers=0"))
    claims = [e for e in whole["edges"] if e["kind"] in ("mechanism", "biomarker")]
    assert len(claims) > 1 and not whole["truncated"]
    monkeypatch.setattr(api, "MAX_EDGES", 1)
    [kept] = ok(client.get("/api/neighbourhood.json?node=MTOR&depth=2&papers=0"))["edges"]
    touching = [e for e in claims if MTOR_IRI in (e["source"], e["target"])]
    assert MTOR_IRI in (kept["source"], kept["target"]) and kept["papers"] == max(e["papers"] for e in touching) == 2
    assert ok(client.get("/api/neighbourhood.json?node=MTOR&depth=2&papers=0"))["truncated"]


def test_neighbourhood_marks_hypotheses_and_negations(client):
    mtor = ok(client.get("/api/neighbourhood.json", query_string={"node": MTOR_IRI, "papers": "0"}))
    assert not [n for n in mtor["nodes"] if n["type"] == "paper"]
    sensitizes = next(e for e in mtor["edges"] if e["relation"] == "sensitizes")
    assert sensitizes["certainty"] == "hypothesis" and sensitizes["stated"] == 0 and sensitizes["hypothesis"] == 1
    everolimus = ok(client.get("/api/neighbourhood.json?node=everolimus&depth=2"))
    reduces = next(e for e in everolimus["edges"] if e["relation"] == "reduces")
    assert reduces["certainty"] == "negated" and reduces["negated"] == 1
    assert any(n["label"] == "temsirolimus" for n in everolimus["nodes"])  # two claims away, via MTOR


def test_neighbourhood_by_name_iri_or_identifier_is_the_same(client):
    by = [ok(client.get("/api/neighbourhood.json", query_string={"node": n}))
          for n in ("temsirolimus", TEMSIROLIMUS_IRI, "DRUGBANK:DB06287", "Torisel")]
    assert all(b == by[0] for b in by)


def test_neighbourhood_of_a_paper(client):
    node = "https://w3id.org/evidencekb/id/paper/fx-seed"
    data = ok(client.get("/api/neighbourhood.json", query_string={"node": node}))
    assert data["center"]["type"] == "paper" and data["center"]["journal"] == "Clin Sarcoma Res"
    assert data["center"]["links"]["pubmed"] == "https://pubmed.ncbi.nlm.nih.gov/30410720/"
    labels = {n["label"] for n in data["nodes"]}
    assert {"temsirolimus", "MTOR", "cancer stem cells", "ALDH", "sarcoma"} <= labels
    assert {e["relation"] for e in data["edges"] if e["kind"] != "mentions"} == {"inhibits", "sensitizes",
                                                                                  "associated_with"}


def test_neighbourhood_errors(client):
    assert "no entity is named 'imatinib'" in error(client.get("/api/neighbourhood.json?node=imatinib"), 404)
    assert "`node` parameter is required" in error(client.get("/api/neighbourhood.json"), 400)


# ---------------------------------------------------------------- evidence


def test_evidence_for_an_edge(client):
    data = ok(client.get("/api/neighbourhood.json?node=temsirolimus"))
    claim = next(e for e in data["edges"] if e.get("target") == MTOR_IRI and e["kind"] == "mechanism")
    ev = ok(client.get("/api/evidence.json", query_string={"claim": claim["id"]}))
    assert ev["claim"]["source_label"] == "temsirolimus" and ev["claim"]["papers"] == 2
    items = {e["paper"]: e for e in ev["evidence"]}
    assert set(items) == {"fx-seed", "fx-everolimus"}
    seed = items["fx-seed"]
    assert seed["sentence"].startswith("Investigators examined chemoresistance")
    assert [seed["sentence"][a:b] for a, b in seed["spans"]] == ["mTOR", "temsirolimus"]
    assert seed["certainty"] == "stated" and seed["confidence"] == 0.9
    assert (seed["title"], seed["journal"], seed["year"]) == (
        "A phase II study of temsirolimus and liposomal doxorubicin in sarcoma", "Clin Sarcoma Res", 2018)
    assert seed["links"] == {"pubmed": "https://pubmed.ncbi.nlm.nih.gov/30410720/",
                             "doi": "https://doi.org/10.1186/s13569-018-0108-1"}
    assert items["fx-everolimus"]["links"] == {}
    assert ev["total"] == 2 and [e["paper"] for e in ev["evidence"]] == ["fx-seed", "fx-everolimus"]  # newest first
    one = ok(client.get("/api/evidence.json", query_string={"claim": claim["id"], "limit": 1}))
    assert one["total"] == 2 and [e["paper"] for e in one["evidence"]] == ["fx-seed"]


def test_evidence_errors(client):
    assert "no claim" in error(client.get("/api/evidence.json?claim=urn:nothing"), 404)
    assert "`claim` parameter is required" in error(client.get("/api/evidence.json"), 400)


# ---------------------------------------------------------------- pages and their JSON twins


def test_every_page_has_a_json_twin(client):
    pages = [(path, view) for path, view, _, fmt in ROUTES if fmt == "html"]
    assert len(pages) >= 5
    for path, view in pages:
        html_path = path.replace("<paper_id>", "fx-seed")
        twin = "/index.json" if html_path == "/" else html_path + ".json"
        assert any(p.replace("<paper_id>", "fx-seed") == twin and v is view for p, v, _, f in ROUTES if f == "json")
        assert client.get(html_path).mimetype == "text/html"
        ok(client.get(twin))


def test_paper_json(client):
    data = ok(client.get("/paper/fx-seed.json"))
    assert data["title"].startswith("A phase II study") and data["year"] == 2018 and data["pmid"] == "30410720"
    assert {r["relation"] for r in data["mechanisms"]} == {"inhibits", "sensitizes"}
    assert {r["paper"] for r in data["mechanisms"]} == {"fx-seed"}
    assert data["counts"]["mechanisms"] == 2


def test_paper_page(client):
    html = client.get("/paper/fx-seed").get_data(as_text=True)
    assert "A phase II study of temsirolimus" in html and "https://pubmed.ncbi.nlm.nih.gov/30410720/" in html
    assert "The belief is that mTOR inhibition sensitizes" in html


def test_unknown_paper(client):
    assert "no paper 'nope'" in error(client.get("/paper/nope.json"), 404)
    r = client.get("/paper/nope")
    assert r.status_code == 404 and r.mimetype == "text/html" and "no paper" in r.get_data(as_text=True)


def test_index_json_and_query_json(client):
    index = ok(client.get("/index.json"))
    assert index["stats"]["papers"] == 3 and [t["type"] for t in index["legend"]][:2] == ["drug", "target"]
    queries = ok(client.get("/query.json"))["queries"]
    mechanisms = next(q for q in queries if q["name"] == "mechanisms")
    assert mechanisms["sparql"].startswith("PREFIX ") and "paper" in mechanisms["params"]


def test_api_lists_the_routes(client):
    routes = ok(client.get("/api.json"))["routes"]
    search = next(r for r in routes if r["path"] == "/api/search.json")
    assert "limit" in search["doc"]
    assert "/api/search.json" in client.get("/api").get_data(as_text=True)


def test_unknown_routes(client):
    error(client.get("/api/nothing.json"), 404)
    assert client.get("/nothing").mimetype == "text/html"
    error(client.post("/api/search.json"), 405)


# ---------------------------------------------------------------- the view follows the store


def test_a_new_paper_shows_without_restart(app, client):
    sentence = "Everolimus inhibits mTOR signalling in tuberous sclerosis."
    x = extraction("fx-new", [sentence], [EVEROLIMUS, MTOR],
                   [(0, EVEROLIMUS, "inhibits", MTOR, Certainty.STATED, ("Everolimus", "mTOR"))], title="New paper")
    before = ok(client.get("/api/neighbourhood.json?node=everolimus"))
    app.store.replace_graphs({graph_iri("fx-new").value: extraction_quads(x)})
    after = ok(client.get("/api/neighbourhood.json?node=everolimus"))
    edge = lambda d: next(e for e in d["edges"] if e.get("target") == MTOR_IRI and e["kind"] == "mechanism")  # noqa
    assert edge(before)["papers"] == 1 and edge(after)["papers"] == 2
    app.store.drop_graphs([graph_iri("fx-new").value])
    assert edge(ok(client.get("/api/neighbourhood.json?node=everolimus")))["papers"] == 1


def test_warm_builds_the_graph_before_the_first_request(serve_home_template, tmp_path):
    """`kb serve` builds the entity graph at start-up, so the first search finds it ready."""
    home = tmp_path / "kb"
    shutil.copytree(serve_home_template, home)
    app = App(home, Settings(timeout=10))
    try:
        app.warm().join(60)
        ready = app._graph
        assert ready is not None and ready[0] == app.store.generation
        assert ok(Client(app).get("/api/search.json?q=temsi"))["results"][0]["label"] == "temsirolimus"
        assert app._graph is ready  # not built again
    finally:
        app.close()


def test_a_slow_rebuild_serves_the_previous_graph_meanwhile(serve_home_template, tmp_path):
    """At 100k papers a rebuild takes a minute: requests get the previous graph until the new one is ready."""
    home = tmp_path / "kb"
    shutil.copytree(serve_home_template, home)
    app = App(home, Settings(timeout=10, graph_wait=0.0))
    client = Client(app)
    edge = lambda d: next(e for e in d["edges"] if e.get("target") == MTOR_IRI and e["kind"] == "mechanism")  # noqa
    try:
        assert edge(ok(client.get("/api/neighbourhood.json?node=everolimus")))["papers"] == 1
        app._graph_seconds = 1.0  # as if that build had been slow
        x = extraction("fx-slow", ["Everolimus inhibits mTOR signalling."], [EVEROLIMUS, MTOR],
                       [(0, EVEROLIMUS, "inhibits", MTOR, Certainty.STATED, ("Everolimus", "mTOR"))], title="Slow")
        app.store.replace_graphs({graph_iri("fx-slow").value: extraction_quads(x)})
        assert edge(ok(client.get("/api/neighbourhood.json?node=everolimus")))["papers"] == 1  # the previous graph
        app._rebuild.join(60)
        assert edge(ok(client.get("/api/neighbourhood.json?node=everolimus")))["papers"] == 2
    finally:
        app.close()


# ---------------------------------------------------------------- kb serve --get


def test_serve_get(serve_home):
    result = CliRunner().invoke(cli, ["--home", str(serve_home), "serve", "--get", "/api/search.json?q=temsirolimus"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"][0]["label"] == "temsirolimus"


def test_serve_get_error_exits_1(serve_home):
    result = CliRunner().invoke(cli, ["--home", str(serve_home), "serve", "--get", "/paper/nope.json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["status"] == 404


def test_serve_token_env_must_be_set(serve_home, monkeypatch):
    monkeypatch.delenv("KB_TEST_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["--home", str(serve_home), "serve", "--token-env", "KB_TEST_TOKEN",
                                      "--get", "/index.json"])
    assert result.exit_code == 1 and "$KB_TEST_TOKEN is not set" in result.output
