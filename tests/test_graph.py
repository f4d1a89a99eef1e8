"""The entity graph as a networkx view: aggregation, lookup, neighbourhoods, paths, centrality,
exports (GraphML and GEXF read back by networkx, cyjs by networkx's cytoscape reader), CLI."""

from __future__ import annotations

import io
import json
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.graph import (UnknownEntity, centrality, degrees, entity_graph, export_graph, find_node, neighbors,
                      path_report, relative_spans, search, shortest_paths)
from kb.knowledgebase import KnowledgeBase

TEMSIROLIMUS = "https://w3id.org/evidencekb/id/entity/DRUGBANK_DB06287"
EVEROLIMUS = "https://w3id.org/evidencekb/id/entity/DRUGBANK_DB01590"
MTOR = "https://w3id.org/evidencekb/id/entity/HGNC_3942"


@pytest.fixture(scope="module")
def kb(serve_home_template, tmp_path_factory):
    # a copy, as the other modules use: a store held open read-write compacts (deletes) its files, which
    # raced with serve_home copying the same template ("No such file or directory: .../000018.sst")
    home = tmp_path_factory.mktemp("graph") / "kb"
    shutil.copytree(serve_home_template, home)
    kb = KnowledgeBase(home)
    yield kb
    kb.close()


@pytest.fixture(scope="module")
def g(kb):
    return entity_graph(kb)


def edges(g, u, v):
    return list((g.get_edge_data(u, v) or {}).values())


# ---------------------------------------------------------------- the view


def test_nodes_carry_type_label_and_identifiers(g):
    t = g.nodes[TEMSIROLIMUS]
    assert (t["label"], t["type"], t["ids"], t["synonyms"], t["papers"]) == (
        "temsirolimus", "drug", ["DRUGBANK:DB06287", "MESH:C401859"], ["Torisel"], 3)
    assert g.nodes[MTOR]["type"] == "target"
    assert {d["type"] for _, d in g.nodes(data=True)} == {"drug", "target", "cell_population", "biomarker",
                                                          "disease", "concept"}


def test_one_edge_per_claim_aggregated_across_papers(g):
    [inhibits] = edges(g, TEMSIROLIMUS, MTOR)
    assert inhibits["relation"] == "inhibits" and inhibits["kind"] == "mechanism"
    assert inhibits["papers"] == 2 and inhibits["paper_ids"] == ["fx-everolimus", "fx-seed"]
    assert (inhibits["stated"], inhibits["hypothesis"], inhibits["negated"]) == (2, 0, 0)
    assert inhibits["certainty"] == "stated"
    assert g.number_of_edges() == 6


def test_certainty_of_hypotheses_and_negations(g):
    csc = find_node(g, "cancer stem cells")
    [sensitizes] = edges(g, MTOR, csc)
    assert sensitizes["certainty"] == "hypothesis" and sensitizes["hypothesis"] == 1
    [reduces] = edges(g, EVEROLIMUS, find_node(g, "sarcoma"))
    assert reduces["certainty"] == "negated" and reduces["negated"] == 1 and reduces["stated"] == 0


def test_biomarker_claims_end_in_phrase_nodes(g):
    [assoc] = edges(g, find_node(g, "ALDH"), find_node(g, "response"))
    assert assoc["kind"] == "biomarker"
    assert g.nodes[find_node(g, "response")]["type"] == "concept"


# ---------------------------------------------------------------- lookup and neighbourhoods


@pytest.mark.parametrize("name", ["temsirolimus", "TEMSIROLIMUS", "Torisel", "DRUGBANK:DB06287", "MESH:C401859",
                                  TEMSIROLIMUS])
def test_find_node(g, name):
    assert find_node(g, name) == TEMSIROLIMUS


def test_unknown_entity_suggests(g):
    with pytest.raises(UnknownEntity, match="did you mean temsirolimus"):
        find_node(g, "temsi")
    with pytest.raises(UnknownEntity, match="no entity is named 'imatinib'"):
        find_node(g, "imatinib")


def _toy(names: dict[str, tuple[str, list[str]]]) -> nx.MultiDiGraph:
    """A graph of unconnected nodes: iri -> (label, synonyms)."""
    g = nx.MultiDiGraph()
    for n, (label, synonyms) in names.items():
        g.add_node(n, label=label, type="drug", types=["drug"], ids=[], synonyms=synonyms, papers=1)
    return g


def test_search_finds_each_node_once_by_its_best_name():
    g = _toy({"x:1": ("alpha-beta", ["betabeta"]), "x:2": ("Beta", []), "x:3": ("gamma", ["zeta-beta"]),
              "x:4": ("delta", ["BETAMAX"]), "x:5": ("omega", [])})
    found = [(r["iri"], r["matched"], r["matched_by"]) for r in search(g, "beta", limit=10)]
    # exact; prefixes (x:1's synonym beats its label's substring), by label; substrings, the last name included
    assert found == [("x:2", "Beta", "label"), ("x:1", "betabeta", "synonym"), ("x:4", "BETAMAX", "synonym"),
                     ("x:3", "zeta-beta", "synonym")]
    assert [r["iri"] for r in search(g, "ab", limit=10)] == ["x:1"]  # "betabeta", once
    assert [r["iri"] for r in search(g, "beta", limit=2)] == ["x:2", "x:1"]
    assert search(g, "mega x", limit=10) == [] and search(g, "  ", limit=10) == []
    assert find_node(g, "BETAMAX") == "x:4" and find_node(g, "Omega") == "x:5"


def test_degrees_of_a_view_are_its_own():
    """A subgraph view shares its graph's attribute dict: what is kept there is the whole graph's."""
    g = _toy({"x:1": ("a", []), "x:2": ("b", []), "x:3": ("c", [])})
    g.add_edge("x:1", "x:2", key="c1")
    g.add_edge("x:2", "x:3", key="c2")
    view = g.subgraph(["x:1", "x:2"])
    assert degrees(view) == {"x:1": 1, "x:2": 1}
    assert degrees(g) == {"x:1": 1, "x:2": 2, "x:3": 1} and degrees(view)["x:2"] == 1
    assert [r["label"] for r in search(view, "c")] == [] and [r["label"] for r in search(g, "c")] == ["c"]


def test_neighbors_by_depth(g):
    assert set(neighbors(g, TEMSIROLIMUS, 1)) == {TEMSIROLIMUS, MTOR, find_node(g, "<b>cell growth</b>")}
    two = set(neighbors(g, TEMSIROLIMUS, 2))
    assert {EVEROLIMUS, find_node(g, "cancer stem cells")} <= two and find_node(g, "sarcoma") not in two


# ---------------------------------------------------------------- paths and centrality


def test_shortest_path_with_evidence_per_hop(kb, g):
    csc = find_node(g, "cancer stem cells")
    assert shortest_paths(g, TEMSIROLIMUS, csc) == [[(TEMSIROLIMUS, MTOR), (MTOR, csc)]]
    [hops] = path_report(kb, g, TEMSIROLIMUS, csc, sentences=5)
    assert [h.claims[0]["relation"] for h in hops] == ["inhibits", "sensitizes"]
    first = hops[0].claims[0]["evidence"]
    assert {e["paper"] for e in first} == {"fx-seed", "fx-everolimus"}
    assert hops[1].claims[0]["evidence"][0]["sentence"].startswith("The belief is that mTOR inhibition")


def test_paths_ignore_claims_that_are_only_negated(g):
    assert shortest_paths(g, TEMSIROLIMUS, find_node(g, "sarcoma")) == []


def test_paths_ignore_direction(g):
    assert shortest_paths(g, EVEROLIMUS, TEMSIROLIMUS) == [[(EVEROLIMUS, MTOR), (MTOR, TEMSIROLIMUS)]]


@pytest.mark.parametrize("measure", ["papers", "degree", "betweenness"])
def test_centrality_ranks_mtor_first(g, measure):
    ranked = centrality(g, measure, limit=3)
    assert ranked[0]["label"] == "MTOR" and len(ranked) == 3
    assert ranked[0]["score"] >= ranked[1]["score"] >= ranked[2]["score"]


def test_centrality_scores(g):
    top = centrality(g, "papers", limit=1)[0]
    assert top["score"] == 4  # inhibits (2 papers) + everolimus inhibits (1) + sensitizes (1)
    with pytest.raises(Exception, match="unknown measure"):
        centrality(g, "fame")


@pytest.mark.parametrize("spans, start, expected", [
    ({"10-14", "20-25"}, 10, [[0, 4], [10, 15]]),
    ({"10-14", "12-18"}, 10, [[0, 8]]),  # overlapping spans merge
    ({"5-12"}, 10, [[0, 2]]),  # clipped to the sentence
    ({"bad", "40-50"}, 10, [[30, 40]]),
    ({"10-14"}, None, []),
])
def test_relative_spans(spans, start, expected):
    assert relative_spans(spans, start, 40) == expected


# ---------------------------------------------------------------- exports


def test_graphml_reads_back(kb, g):
    back = nx.read_graphml(io.BytesIO(export_graph(kb, "graphml")), force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert back.nodes[TEMSIROLIMUS]["label"] == "temsirolimus"
    assert back.nodes[TEMSIROLIMUS]["ids"] == "DRUGBANK:DB06287 | MESH:C401859"
    [(_, data)] = back.get_edge_data(TEMSIROLIMUS, MTOR).items()
    assert data["papers"] == 2 and data["relation"] == "inhibits" and data["certainty"] == "stated"


def test_gexf_reads_back(kb, g):
    back = nx.read_gexf(io.BytesIO(export_graph(kb, "gexf")))
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert back.nodes[MTOR]["label"] == "MTOR"


def test_cyjs_reads_back(kb, g):
    data = json.loads(export_graph(kb, "cyjs"))
    assert {"data", "elements"} <= set(data)
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    assert len(ids) == len(set(ids)) == g.number_of_edges()
    back = nx.cytoscape_graph(data, name="label", ident="id")
    assert back.number_of_nodes() == g.number_of_nodes()


def test_export_command(serve_home, tmp_path):
    out = tmp_path / "kb.graphml"
    result = CliRunner().invoke(cli, ["--home", str(serve_home), "export", "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_edges() == 6


# ---------------------------------------------------------------- kb graph


def run(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), "graph", *args])
    return result


def test_graph_neighbors_command(serve_home):
    result = run(serve_home, "neighbors", "Torisel", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["entity"] == "temsirolimus"
    assert [(c["relation"], c["target_label"], c["papers"]) for c in data["claims"]][0] == ("inhibits", "MTOR", 2)
    table = run(serve_home, "neighbors", "temsirolimus")
    assert table.exit_code == 0 and "inhibits" in table.output


def test_graph_path_command(serve_home):
    result = run(serve_home, "path", "temsirolimus", "cancer stem cells")
    assert result.exit_code == 0, result.output
    assert "path 1: temsirolimus -- MTOR -- cancer stem cells" in result.output
    assert "[fx-seed, hypothesis] The belief is that mTOR inhibition" in result.output
    none = run(serve_home, "path", "temsirolimus", "sarcoma")
    assert none.exit_code == 1 and "no path" in none.output


def test_graph_central_command(serve_home):
    result = run(serve_home, "central", "--measure", "degree", "--format", "json", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert [r["label"] for r in json.loads(result.output)][0] == "MTOR"


def test_graph_unknown_entity_exits_1(serve_home):
    result = run(serve_home, "neighbors", "imatinib")
    assert result.exit_code == 1 and "Input error: no entity is named 'imatinib'" in result.output
