"""The knowledge base: the seed's answers, SHACL shapes, idempotent re-add, remove, atomic adds, bindings."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from core_fixtures import ARTICLES, SEED, articles_kb, kb  # noqa: F401  (fixtures)
from kb import KnowledgeBase, QueryError, UnknownPaper
from kb.errors import StoreError
from kb.validation import validate_nquads
from kb.vocab import EKB


def rows(kb, name, **params):
    return kb.query(name, params).rows


# ---------------------------------------------------------------- the seed article, as issue 2 promises
def test_seed_regimens(articles_kb):
    got = {(r["drug"], r["dose"], r["unit"], r["schedule"]) for r in rows(articles_kb, "regimens", paper=SEED)}
    assert got == {("temsirolimus", "20", "mg/m2", "weekly"), ("liposomal doxorubicin", "30", "mg/m2", "monthly")}


def test_seed_outcomes(articles_kb):
    got = {r["measure"]: r for r in rows(articles_kb, "outcomes", paper=SEED)}
    pfs = got["progression-free survival"]
    assert (pfs["statistic"], pfs["value"], pfs["unit"], pfs["range_low"], pfs["range_high"]) == \
        ("median", "315", "days", "27", "799")
    orr = got["overall response rate"]
    assert (orr["value"], orr["unit"], orr["timepoint"]) == ("53", "%", "60 days")
    assert all(r["sentence"] for r in got.values())


def test_seed_study(articles_kb):
    (st,) = rows(articles_kb, "studies", paper=SEED)
    assert (st["trial_id"], st["phase"], st["n_patients"], st["condition"]) == ("NCT00949325", "2", "15", "sarcoma")


def test_seed_mechanisms_and_biomarkers(articles_kb):
    mech = {(r["subject"], r["relation"], r["object"], r["certainty"]) for r in rows(articles_kb, "mechanisms", paper=SEED)}
    assert ("temsirolimus", "inhibits", "mTOR", "stated") in mech
    assert any(s in ("mTOR inhibition", "temsirolimus") and rel == "sensitizes" and "cancer stem cell" in o
               and c == "hypothesis" for s, rel, o, c in mech)
    bio = {(r["biomarker"], r["change"], r["associated_with"]) for r in rows(articles_kb, "biomarkers", paper=SEED)}
    assert ("ALDH", "decreased", "response") in bio
    for r in rows(articles_kb, "mechanisms", paper=SEED) + rows(articles_kb, "biomarkers", paper=SEED):
        assert r["sentence"] and r["certainty"] in ("stated", "hypothesis", "negated")


def test_seed_entities_have_vocabulary_ids(articles_kb):
    ents = {r["entity"]: r for r in rows(articles_kb, "entities", paper=SEED)}
    assert "DRUGBANK:DB06287" in ents["temsirolimus"]["id"].split()
    assert ents["MTOR"]["type"] == "target" and "HGNC:3942" in ents["MTOR"]["id"]
    assert any(e.startswith("cancer stem cell") and r["type"] == "cell_population" for e, r in ents.items())
    assert "Clinical Sarcoma Research" not in ents


# ---------------------------------------------------------------- cross-paper queries
def test_drugs_targeting_mtor_across_papers(articles_kb):
    got = {r["drug"]: int(r["papers"]) for r in rows(articles_kb, "drugs_targeting", target="mTOR")}
    assert {"temsirolimus", "everolimus", "ridaforolimus", "sirolimus"} <= set(got)
    assert got["temsirolimus"] >= 3


def test_evidence_for_a_target_by_identifier(articles_kb):
    got = rows(articles_kb, "evidence_for", entity="HGNC:3942")
    assert len({r["paper"] for r in got}) >= 5 and all(r["sentence"] for r in got)


def test_outcomes_for_drug_and_claims_across_papers(articles_kb):
    assert {r["measure"] for r in rows(articles_kb, "outcomes_for_drug", drug="everolimus")} >= {"progression-free survival"}
    agg = {(r["subject"], r["relation"], r["object"]): r for r in rows(articles_kb, "claims_about", entity="MTOR")}
    tem = agg[("temsirolimus", "inhibits", "MTOR")]
    assert int(tem["papers_supporting"]) >= 3


def test_outcomes_for_drug_keeps_to_its_arm(kb, tmp_path):
    """An arm's outcome belongs to the arm's drug only; an arm-less one to every drug the paper gives."""
    f = tmp_path / "arms.txt"
    f.write_text("Sunitinib versus sorafenib in renal cell carcinoma\n\nIn this phase 3 trial, 400 patients with "
                 "metastatic renal cell carcinoma were randomly assigned to sunitinib 50 mg orally once daily or "
                 "sorafenib 400 mg orally twice daily. Median progression-free survival was 9.5 months with sunitinib "
                 "and 5.1 months with sorafenib. Treatment-related fatigue occurred in 12% of patients.\n",
                 encoding="utf-8")
    kb.add_paths([f])
    for drug, mine, other in (("sunitinib", "9.5", "5.1"), ("sorafenib", "5.1", "9.5")):
        got = {(r["measure"], r["value"], r["arm"]) for r in rows(kb, "outcomes_for_drug", drug=drug)}
        assert ("progression-free survival", mine, drug) in got and ("fatigue", "12", "") in got
        assert not any(value == other for _, value, _ in got)


def test_required_parameter_is_checked(articles_kb):
    with pytest.raises(QueryError, match="needs --param entity"):
        articles_kb.query("evidence_for")


def test_bound_parameter_equals_values_clause(articles_kb):
    """Binding a parameter gives the same rows as a VALUES clause, and values never enter the text."""
    text = "SELECT ?_drug ?paper WHERE { GRAPH ?g { ?p ekb:paperId ?paper ; ekb:reports/ekb:drug/rdfs:label ?_drug } }"
    bound = {r["paper"] for r in articles_kb.query_text(text, {"drug": "everolimus"}).rows}
    values = "SELECT ?paper WHERE { VALUES ?d { \"everolimus\" } GRAPH ?g { ?p ekb:paperId ?paper ; ekb:reports/ekb:drug/rdfs:label ?d } }"
    assert bound == {r["paper"] for r in articles_kb.query_text(values).rows} and bound
    hostile = 'x" } } DROP ALL ; SELECT * { ?a ?b "'
    assert articles_kb.query_text(text, {"drug": hostile}).rows == []
    assert articles_kb.stats()["papers"] == 16


def test_rdflib_initbindings_on_the_same_store(articles_kb):
    """Users of rdflib's API see the same store through oxrdflib, with initBindings."""
    ds = articles_kb.store.dataset()
    # as with pyoxigraph, a bound variable must be projected
    q = "SELECT ?label ?paper WHERE { GRAPH ?g { ?p <%s> ?paper ; <%s> ?d . ?d <http://www.w3.org/2000/01/rdf-schema#label> ?label } }" % (
        EKB.paperId, EKB.mentions)
    got = {str(r[1]) for r in ds.query(q, initBindings={"label": Literal("temsirolimus")})}
    assert SEED in got and len(got) >= 4


# ---------------------------------------------------------------- the graph
def test_graph_conforms_to_shapes(articles_kb):
    conforms, report = articles_kb.validate()
    assert conforms, report


def test_shapes_catch_a_broken_graph(articles_kb):
    data = articles_kb.export("nquads", SEED).decode()
    broken = data.replace(f"<{EKB.startOffset}>", f"<{EKB.endOffset}>", 1)
    conforms, report = validate_nquads(broken.encode())
    assert not conforms and "endOffset" in report


def test_trial_id_shape_accepts_every_registry_number_the_study_reader_reads():
    """The shape's pattern and ``extract.studies`` each list the registries; they must agree."""
    import re
    from importlib import resources

    from rdflib.namespace import SH

    from extract.studies import NCT, REGISTRY_ID

    shapes = Graph().parse(str(resources.files("evidencekb_data") / "ontology" / "shapes.ttl"))
    (pattern,) = {str(shapes.value(p, SH.pattern)) for p in shapes.objects(None, SH.property)
                  if shapes.value(p, SH.path) == EKB.trialId}
    ids = ["NCT00949325", "ISRCTN93732214", "ACTRN12613000530729", "ChiCTR-IPR-17011234", "ChiCTR1800012345",
           "UMIN000012345", "DRKS00012345", "CTRI/2018/05/013456", "KCT0001234", "jRCTs031180123",
           "PACTR201801002345678", "IRCT20150101012345N2"]
    for trial_id in ids:
        assert (REGISTRY_ID.fullmatch(trial_id) or NCT.fullmatch(trial_id)) and re.fullmatch(pattern, trial_id), trial_id
    assert not re.fullmatch(pattern, "NCT123") and not re.fullmatch(pattern, "trial 7")


def test_vocab_module_matches_ontology():
    from importlib import resources

    g = Graph().parse(str(resources.files("evidencekb_data") / "ontology" / "evidencekb.ttl"))
    in_ttl = {str(s).split("#")[1] for s in g.subjects() if str(s).startswith(str(EKB._NS)) and "#" in str(s)}
    in_py = set(EKB.__annotations__)
    assert in_ttl == in_py
    with pytest.raises(AttributeError):
        EKB.inhibitz  # noqa: B018  (a closed namespace)


def test_rdflib_insert_data_needs_graph_form():
    """rdflib 7.3-7.6: INSERT DATA with bare triples on a Dataset raises; the GRAPH form works (regression)."""
    ds = Dataset()
    ex = Namespace("http://example.org/")
    try:
        ds.update("INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }")
    except ValueError:
        pass
    ds.update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> 1 } }")
    assert (ex.a, ex.p, Literal(1)) in ds.graph(URIRef("http://example.org/g"))


# ---------------------------------------------------------------- adding, re-adding, removing
def test_re_add_is_idempotent(kb):
    seed = ARTICLES / f"{SEED}.txt"
    first = kb.add_paths([seed])
    n = kb.store.quad_count()
    second = kb.add_paths([seed])
    assert first.added == [SEED] and second.skipped == [SEED]
    forced = kb.add_documents(kb.read_paths([seed]), force=True)
    assert forced.replaced == [SEED]
    assert kb.store.quad_count() == n


def test_changed_paper_replaces_its_graph(kb, tmp_path):
    f = tmp_path / "p1.txt"
    f.write_text("Patients received everolimus 10 mg once daily.")
    kb.add_paths([f])
    f.write_text("Patients received sirolimus 2 mg daily.")
    report = kb.add_paths([f])
    assert report.replaced == ["p1"]
    assert {r["drug"] for r in kb.query("regimens").rows} == {"sirolimus"}


def test_remove_keeps_what_other_papers_share(kb):
    kb.add_paths([ARTICLES / f"{SEED}.txt", ARTICLES / "dev14-temsirolimus-liposomal-doxorubicin-phase1.txt"])
    kb.remove(SEED)
    assert [p["id"] for p in kb.papers()] == ["dev14-temsirolimus-liposomal-doxorubicin-phase1"]
    ents = {r["entity"] for r in kb.query("entities").rows}
    assert "temsirolimus" in ents and {r["paper"] for r in kb.query("entities").rows} == {
        "dev14-temsirolimus-liposomal-doxorubicin-phase1"}
    with pytest.raises(UnknownPaper):
        kb.remove(SEED)


def test_failed_add_leaves_the_kb_as_it_was(kb, tmp_path, monkeypatch):
    kb.add_paths([ARTICLES / f"{SEED}.txt"])
    before = (kb.store.export("nquads"), [p["id"] for p in kb.papers()])
    new = tmp_path / "new.txt"
    new.write_text("Patients received everolimus 10 mg once daily.")

    def boom(self, graphs, **kw):
        raise StoreError("disk full (simulated)")

    monkeypatch.setattr(type(kb.store), "replace_graphs", boom)
    monkeypatch.setattr(type(kb.store), "replace_graphs_nquads", boom)
    with pytest.raises(StoreError):
        kb.add_paths([new, ARTICLES / f"{SEED}.txt"], force=True)
    monkeypatch.undo()
    assert (kb.store.export("nquads"), [p["id"] for p in kb.papers()]) == before


def test_new_papers_load_in_one_transaction(kb):
    """New papers go in as N-Quads in one load: one malformed paper graph, and none is written."""
    from extract.readers.text import document_from_text
    from kb.mapping import extraction_nquads, graph_iri

    kb.add_paths([ARTICLES / f"{SEED}.txt"])
    n = kb.store.quad_count()
    x = kb.extractor.extract(document_from_text("p1", "Patients received everolimus 10 mg once daily."))
    good = {graph_iri("p1").value: extraction_nquads(x)}
    with pytest.raises(StoreError):
        kb.store.replace_graphs_nquads({**good, graph_iri("p2").value: b"<a> <b> broken ."})
    assert kb.store.quad_count() == n and graph_iri("p1").value not in kb.store.graph_names()
    kb.store.replace_graphs_nquads(good)
    assert kb.store.quad_count() > n


def test_a_failed_bulk_load_leaves_the_kb_as_it_was(kb, monkeypatch):
    """New papers go through the bulk loader (not one transaction): a load that fails half-way
    is dropped again, so no paper is half-written and the same add can run again."""
    import kb.knowledgebase as kbmod
    from extract.readers.text import document_from_text

    kb.add_paths([ARTICLES / f"{SEED}.txt"])
    before = (kb.store.export("nquads"), [p["id"] for p in kb.papers()])
    real = kbmod.extraction_nquads

    def second_breaks(x):  # the first paper's graph is fine; the second one is malformed
        return real(x) if x.document.id == "p1" else real(x)[:-40] + b" broken ."

    monkeypatch.setattr(kbmod, "extraction_nquads", second_breaks)
    docs = [document_from_text(p, f"Patients received everolimus {i} mg once daily.") for i, p in enumerate(["p1", "p2"])]
    with pytest.raises(StoreError):
        kb.add_documents(docs)
    assert (kb.store.export("nquads"), [p["id"] for p in kb.papers()]) == before
    assert kb.docs.loading() == []
    monkeypatch.undo()
    assert kb.add_documents(docs).added == ["p1", "p2"]


def test_a_bulk_load_that_died_is_dropped_at_the_next_open(tmp_path):
    """A process killed in the middle of a bulk load leaves a note; the next open drops the half graph."""
    from extract.readers.text import document_from_text
    from kb.mapping import extraction_nquads, graph_iri

    home = tmp_path / "kb"
    with KnowledgeBase(home) as first:
        first.add_paths([ARTICLES / f"{SEED}.txt"])
        n = first.store.quad_count()
        iri = graph_iri("p1").value
        x = first.extractor.extract(document_from_text("p1", "Patients received everolimus 10 mg once daily."))
        half = b"\n".join(extraction_nquads(x).splitlines()[:5]) + b"\n"
        first.docs.mark_loading([iri])  # what _write notes before loading, then the load "dies" half-way
        first.store.replace_graphs_nquads({iri: half}, bulk=True)
        assert first.store.quad_count() == n + 5
    with KnowledgeBase(home) as second:
        assert second.store.quad_count() == n and iri not in second.store.graph_names()
        assert second.docs.loading() == [] and [p["id"] for p in second.papers()] == [SEED]


def test_read_only_knowledge_base_queries_and_closes(tmp_path):
    """A reader beside the writer's files (benchmarks, a second terminal) opens, queries and closes cleanly."""
    home = tmp_path / "kb"
    with KnowledgeBase(home) as kb:
        kb.add_paths([ARTICLES / f"{SEED}.txt"])
    with KnowledgeBase(home, read_only=True) as reader:
        assert {r["drug"] for r in rows(reader, "regimens", paper=SEED)} == {"temsirolimus", "liposomal doxorubicin"}
    with KnowledgeBase(home) as kb:  # the writer opens again: the reader let go of nothing it should not
        assert [p["id"] for p in kb.papers()] == [SEED]


def test_store_write_is_one_transaction(kb):
    """A batch whose update fails in the store itself writes nothing (Oxigraph runs one update atomically)."""
    kb.add_paths([ARTICLES / f"{SEED}.txt"])
    n = kb.store.quad_count()
    with pytest.raises(StoreError):
        kb.store.replace_graphs({"https://w3id.org/evidencekb/id/graph/" + SEED: [],
                                 "not an iri with spaces": []})
    assert kb.store.quad_count() == n


def test_reextract_works_from_stored_text(kb, tmp_path):
    f = tmp_path / "p2.txt"
    f.write_text("Patients received everolimus 10 mg once daily.")
    kb.add_paths([f])
    f.unlink()
    report = kb.reextract(everything=True)
    assert report.replaced == ["p2"]
    assert kb.query("regimens").rows[0]["drug"] == "everolimus"


def test_interrupted_bulk_add_resumes_with_nothing_half_added(kb):
    """Ctrl-C in the middle of a bulk add: committed batches stay whole, the rest is absent,
    and the same add run again does only what is missing."""
    from extract.readers.text import document_from_text

    docs = [document_from_text(f"p{i:02d}", f"Patients received everolimus {i + 1} mg once daily.") for i in range(10)]

    def interrupted():
        for i, d in enumerate(docs):
            if i == 7:
                raise KeyboardInterrupt
            yield d

    with pytest.raises(KeyboardInterrupt):
        kb.add_documents(interrupted(), batch_size=3)
    assert [p["id"] for p in kb.papers()] == ["p00", "p01", "p02", "p03", "p04", "p05"]
    assert len(kb.store.graph_names()) == 6  # the interrupted batch (p06) left nothing behind
    again = kb.add_documents(docs, batch_size=3)
    assert again.skipped == [f"p{i:02d}" for i in range(6)] and again.added == ["p06", "p07", "p08", "p09"]


def test_paper_graph_text_keeps_every_character_of_the_metadata():
    """A paper's graph is written as N-Quads text: quotes, backslashes and line breaks in a title
    or an author come back from the store exactly, and an identifier that cannot be an IRI is refused."""
    import pyoxigraph as ox

    from extract.readers.text import document_from_text
    from extract.records import DocumentMetadata, Extraction
    from kb.mapping import extraction_quads, identifier_term

    title = 'The "mTOR" \\ question:\r\nrapalogs in sarcoma'
    doc = document_from_text("odd", "Temsirolimus inhibits mTOR.")
    doc.metadata = DocumentMetadata(title=title, authors=['O\'Brien "Jr"'], mesh_headings=[("D000077", 'Label "x"\n')])
    quads = extraction_quads(Extraction(doc, "fixture-1"))
    values = {q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]: q.object for q in quads}
    assert values["title"] == ox.Literal(title)
    assert values["author"] == ox.Literal('O\'Brien "Jr"')
    assert values["label"] == ox.Literal('Label "x"\n')
    assert identifier_term("MESH:D000077") == "<http://id.nlm.nih.gov/mesh/D000077>"
    with pytest.raises(ValueError, match="not a valid IRI"):
        identifier_term("MESH:D000 077>")


def test_summary_is_the_stats_without_the_whole_store_counts(articles_kb):
    """The browser's home page reads `summary()`: the same papers, entities and claim counts as
    `kb stats`, without the counts that read every triple."""
    summary, stats = articles_kb.summary(), articles_kb.stats()
    assert summary == {k: stats[k] for k in summary}
    assert summary["papers"] == 16 and summary["entities"] > 16 and summary["mechanismclaim"] > 0
    assert "triples" not in summary and stats["triples"] > 1000 and stats["evidence"] > stats["outcome"] > 0


def test_an_outcomes_unit_links_to_qudt_where_one_exists():
    from extract.pipeline import Extractor
    from extract.readers.text import document_from_text
    from kb.mapping import extraction_nquads

    x = Extractor().extract(document_from_text(
        "u1", "MCC950 blocked NLRP3 with a half-maximal inhibitory concentration (IC50) of 7.5 nM in macrophages."))
    quads = extraction_nquads(x).decode()
    assert "<http://qudt.org/vocab/unit/NanoMOL-PER-L>" in quads
