"""Claims assembled across papers (kb/assembled.py): the counts the claim queries read are the counts
of the paper graphs, after adds, replacements, removals and failed writes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from core_fixtures import articles_kb  # noqa: F401  (fixture)
from conftest import ALDH, EVEROLIMUS, MTOR, SARCOMA, TEMSIROLIMUS, extraction, fixture_extractions
from extract.records import Certainty
from kb.assembled import is_claim_graph
from kb.cli import cli
from kb.errors import QueryError, StoreError
from kb.knowledgebase import KnowledgeBase
from kb.mapping import is_paper_graph

# the claims counted from the paper graphs at query time, as `claims_across_papers` did before the
# assembled claims: the reference the assembled counts must equal
COUNTED_FROM_PAPERS = """
SELECT ?subject ?relation ?object
       (COUNT(DISTINCT ?sup) AS ?papers_supporting) (COUNT(DISTINCT ?hyp) AS ?papers_hypothesizing)
       (COUNT(DISTINCT ?neg) AS ?papers_negating) (GROUP_CONCAT(DISTINCT ?paper; separator=" ") AS ?papers)
WHERE {
  GRAPH ?g {
    ?c a ekb:MechanismClaim ; ekb:subject ?s ; ekb:object ?o ; ekb:relationLabel ?relation ; ekb:evidence ?ev .
    ?p ekb:reports ?c ; ekb:paperId ?paper .
    ?ev ekb:certainty ?cert .
    ?s rdfs:label ?subject . ?o rdfs:label ?object .
  }
  BIND(IF(?cert = ekb:Stated, ?paper, ?unbound) AS ?sup)
  BIND(IF(?cert = ekb:Hypothesis, ?paper, ?unbound) AS ?hyp)
  BIND(IF(?cert = ekb:Negated, ?paper, ?unbound) AS ?neg)
}
GROUP BY ?subject ?relation ?object
"""


def as_counts(rows: list[dict]) -> dict[tuple, tuple]:
    return {(r["subject"], r["relation"], r["object"]):
            (int(r["papers_supporting"]), int(r["papers_hypothesizing"]), int(r["papers_negating"]),
             tuple(sorted(r["papers"].split()))) for r in rows}


def assert_counts_match_papers(kb: KnowledgeBase) -> dict[tuple, tuple]:
    assembled = as_counts(kb.query("claims_across_papers").rows)
    assert assembled == as_counts(kb.query_text(COUNTED_FROM_PAPERS).rows)
    # every per-paper claim some paper reports is counted by an assembled claim, and no other
    derived = {r["c"] for r in kb.query_text("SELECT ?c WHERE { GRAPH ?g { ?a prov:wasDerivedFrom ?c ; "
                                             "a ekb:AssembledClaim } }").rows}
    reported = {r["c"] for r in kb.query_text("SELECT ?c WHERE { GRAPH ?g { ?p ekb:reports ?c . ?c a ekb:Claim } }").rows}
    assert derived == reported
    return assembled


def test_counts_equal_the_paper_graphs_on_real_articles(articles_kb):
    counts = assert_counts_match_papers(articles_kb)
    assert len(counts) > 10
    rows = articles_kb.query("claims_across_papers").rows
    papers = [len(r["papers"].split()) for r in rows]
    assert papers == sorted(papers, reverse=True)  # best supported first


def fixture_kb(tmp_path) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path / "home")
    kb.add_extractions(fixture_extractions())
    return kb


def test_counts_follow_adds_replacements_and_removals(tmp_path):
    kb = fixture_kb(tmp_path)
    counts = assert_counts_match_papers(kb)
    assert counts[("temsirolimus", "inhibits", "MTOR")] == (2, 0, 0, ("fx-everolimus", "fx-seed"))
    assert counts[("everolimus", "reduces", "sarcoma")] == (0, 0, 1, ("fx-everolimus",))

    # a third paper hypothesizes what two state
    kb.add_extractions([extraction("fx-new", ["Temsirolimus may inhibit mTOR."], [TEMSIROLIMUS, MTOR],
                                   [(0, TEMSIROLIMUS, "inhibits", MTOR, Certainty.HYPOTHESIS, ("mTOR",))])])
    counts = assert_counts_match_papers(kb)
    assert counts[("temsirolimus", "inhibits", "MTOR")] == (2, 1, 0, ("fx-everolimus", "fx-new", "fx-seed"))

    # replaced: it now states it, and a new claim
    kb.add_extractions([extraction("fx-new", ["Temsirolimus inhibits mTOR.", "Everolimus reduces sarcoma."],
                                   [TEMSIROLIMUS, MTOR, EVEROLIMUS, SARCOMA],
                                   [(0, TEMSIROLIMUS, "inhibits", MTOR, Certainty.STATED, ("mTOR",)),
                                    (1, EVEROLIMUS, "reduces", SARCOMA, Certainty.STATED, ("sarcoma",))])])
    counts = assert_counts_match_papers(kb)
    assert counts[("temsirolimus", "inhibits", "MTOR")] == (3, 0, 0, ("fx-everolimus", "fx-new", "fx-seed"))
    assert counts[("everolimus", "reduces", "sarcoma")] == (1, 0, 1, ("fx-everolimus", "fx-new"))

    # removed: its support goes; a claim no paper reports any more goes with its graph
    claim_graphs = {g for g in kb.store.graph_names() if is_claim_graph(g)}
    kb.remove("fx-new")
    kb.remove("fx-everolimus")
    counts = assert_counts_match_papers(kb)
    assert counts[("temsirolimus", "inhibits", "MTOR")] == (1, 0, 0, ("fx-seed",))
    assert ("everolimus", "reduces", "sarcoma") not in counts
    left = {g for g in kb.store.graph_names() if is_claim_graph(g)}
    assert left < claim_graphs and len(left) == len(kb.claim_index.everything()) == kb.stats()["assembledclaims"]
    kb.close()


def test_claims_about_and_drugs_targeting_read_the_assembled_claims(tmp_path):
    kb = fixture_kb(tmp_path)
    about = {(r["subject"], r["relation"], r["object"]): int(r["papers_supporting"])
             for r in kb.query("claims_about", {"entity": "mammalian target of rapamycin"}).rows}
    assert about == {("temsirolimus", "inhibits", "MTOR"): 2, ("everolimus", "inhibits", "MTOR"): 1,
                     ("MTOR", "sensitizes", "cancer stem cells"): 0}
    assert kb.query("claims_about", {"entity": "HGNC:3942"}).rows == kb.query("claims_about", {"entity": "mtor"}).rows
    drugs = [(r["drug"], r["relation"], r["target"], int(r["papers"]))
             for r in kb.query("drugs_targeting", {"target": "MTOR"}).rows]
    assert drugs == [("temsirolimus", "inhibits", "MTOR", 2), ("everolimus", "inhibits", "MTOR", 1)]
    # a biomarker claim is assembled too, but these queries list mechanisms
    assert kb.query("claims_about", {"entity": ALDH.label}).rows == []
    assert kb.query("claims_about", {"entity": "no such thing"}).rows == []
    kb.close()


def test_a_failed_claim_write_leaves_counts_as_committed(tmp_path, monkeypatch):
    kb = fixture_kb(tmp_path)
    before = assert_counts_match_papers(kb)
    def failing(graphs):
        raise StoreError("the disk is full (test)")

    monkeypatch.setattr(kb.store, "rewrite_graphs_nquads", failing)
    extra = extraction("fx-new", ["Temsirolimus inhibits mTOR."], [TEMSIROLIMUS, MTOR],
                       [(0, TEMSIROLIMUS, "inhibits", MTOR, Certainty.STATED, ("mTOR",))])
    with pytest.raises(StoreError):
        kb.add_extractions([extra])
    monkeypatch.undo()
    # the paper's row was rolled back; its graph was written before the claims failed
    assert "fx-new" not in {p["id"] for p in kb.papers()}
    assert kb.docs.loading()  # the claims it touched are noted for repair
    kb.repair()
    assert as_counts(kb.query("claims_across_papers").rows) == before
    kb.add_extractions([extra])  # the same add again finishes it
    assert assert_counts_match_papers(kb)[("temsirolimus", "inhibits", "MTOR")][0] == 3
    kb.close()


def test_a_knowledge_base_made_before_the_index_says_how_to_build_it(tmp_path):
    kb = fixture_kb(tmp_path)
    with kb.docs.db.conn:  # as a knowledge base from before the assembled claims
        for table in [t for t in kb.docs.db.table_names() if t.startswith("claim_") or t == "assembled_claims"]:
            kb.docs.db[table].drop()
    kb.store.drop_graphs([g for g in kb.store.graph_names() if is_claim_graph(g)])
    kb.close()
    home = str(tmp_path / "home")
    result = CliRunner().invoke(cli, ["--home", home, "query", "claims_across_papers"])
    assert result.exit_code != 0 and "kb reextract --all" in result.output
    with KnowledgeBase(home) as old:
        assert old.query("regimens").rows == []  # the other queries answer as before
        with pytest.raises(QueryError, match="reextract"):
            old.query("drugs_targeting", {"target": "mTOR"})
    result = CliRunner().invoke(cli, ["--home", home, "reextract", "--all"])
    assert result.exit_code == 0, result.output
    with KnowledgeBase(home) as rebuilt:
        assert assert_counts_match_papers(rebuilt)  # the stored texts, extracted again, and counted


def test_claim_tables_of_another_layout_are_built_again(tmp_path):
    kb = fixture_kb(tmp_path)
    stale = kb.claim_index.everything()
    with kb.docs.db.conn:  # as if another version had made the tables
        kb.docs.db.execute("UPDATE claim_index SET layout = 0")
    kb.close()
    home = str(tmp_path / "home")
    with KnowledgeBase(home) as reopened:
        with pytest.raises(QueryError, match="reextract --all"):
            reopened.query("claims_across_papers")
    assert CliRunner().invoke(cli, ["--home", home, "reextract", "--all"]).exit_code == 0
    with KnowledgeBase(home) as rebuilt:
        assert_counts_match_papers(rebuilt)
        # the graphs of claims the new extraction does not make were dropped
        graphs = {g for g in rebuilt.store.graph_names() if is_claim_graph(g)}
        assert len(graphs) == len(rebuilt.claim_index.everything())
        assert stale - rebuilt.claim_index.everything()  # (the fixture's hand-made claims are not re-extracted)


def test_claim_graphs_validate_and_stay_apart_from_paper_graphs(tmp_path):
    kb = fixture_kb(tmp_path)
    graphs = kb.store.graph_names()
    assert sum(is_paper_graph(g) for g in graphs) == 3
    assert all(is_paper_graph(g) != is_claim_graph(g) for g in graphs)
    conforms, report = kb.validate()
    assert conforms, report
    kb.close()


def test_pages_of_claims_across_papers_are_slices_of_the_whole(articles_kb, monkeypatch):
    whole = articles_kb.query("claims_across_papers").rows
    assert len(whole) > 20
    for offset, limit in ((0, 1), (0, 5), (3, 7), (10, 100), (len(whole) - 2, 5), (len(whole) + 5, 5)):
        assert articles_kb.query("claims_across_papers", limit=limit, offset=offset).rows == whole[offset:offset + limit]
    about = articles_kb.query("claims_about", {"entity": "mTOR"}).rows
    assert len(about) > 5
    for offset, limit in ((0, 1), (0, 3), (2, 4), (len(about) - 1, 5)):
        assert articles_kb.query("claims_about", {"entity": "mTOR"}, limit=limit, offset=offset).rows == \
            about[offset:offset + limit]
    # read from the most reported claims' graphs only, growing the set when too few rows come back
    seen = []
    real = articles_kb.claim_index.most_reported
    monkeypatch.setattr(articles_kb.claim_index, "most_reported", lambda n, keys=None: seen.append(n) or real(n, keys))
    assert articles_kb.query("claims_across_papers", limit=3).rows == whole[:3]
    assert seen


def test_an_assembled_claim_lists_its_first_papers_and_counts_them_all(tmp_path, monkeypatch):
    monkeypatch.setattr("kb.assembled.PAPER_IDS_SHOWN", 2)
    kb = KnowledgeBase(tmp_path / "home")
    kb.add_extractions([extraction(f"fx-{i}", ["Temsirolimus inhibits mTOR."], [TEMSIROLIMUS, MTOR],
                                   [(0, TEMSIROLIMUS, "inhibits", MTOR, Certainty.STATED, ("mTOR",))])
                        for i in range(5)])
    (row,) = kb.query("claims_across_papers").rows
    assert row["papers"] == "fx-0 fx-1" and int(row["papers_supporting"]) == 5
    assert kb.query("drugs_targeting", {"target": "mTOR"}).rows[0]["papers"] == "5"
    kb.close()


def test_opposite_biomarker_changes_are_not_assembled_together(tmp_path):
    kb = KnowledgeBase(tmp_path / "home")
    papers = []
    for i, change in enumerate(["decreased", "increased", "decreased"]):
        x = extraction(f"fx-{i}", [f"Response was associated with {change} ALDH."], [ALDH],
                       [(0, ALDH, "associated_with", "response", Certainty.STATED, ("ALDH",), "biomarker")])
        x.claims[0].change = change
        papers.append(x)
    kb.add_extractions(papers)
    rows = kb.query_text("""SELECT ?change ?n WHERE { GRAPH ?g {
        ?a ekb:claimType ekb:BiomarkerClaim ; ekb:change ?change ; ekb:paperCount ?n } } ORDER BY ?change""").rows
    assert [(r["change"], r["n"]) for r in rows] == [("decreased", "2"), ("increased", "1")]
    assert kb.validate()[0]
    kb.close()
