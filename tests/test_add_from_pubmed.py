"""`kb add --pmid/--pubmed --trials` end to end against a local E-utilities and ClinicalTrials.gov."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"
XML = "text/xml"
ARTICLE = """<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>30410720</PMID><Article>
<Journal><JournalIssue><PubDate><Year>2018</Year></PubDate></JournalIssue><ISOAbbreviation>Clin Sarcoma Res</ISOAbbreviation></Journal>
<ArticleTitle>A phase II study of temsirolimus and liposomal doxorubicin in sarcoma.</ArticleTitle>
<Abstract><AbstractText Label="METHODS" NlmCategory="METHODS">The phase 2 trial (NCT00949325) included 15 patients with
relapsed sarcoma treated with temsirolimus 20 mg/m2 weekly.</AbstractText>
<AbstractText Label="RESULTS" NlmCategory="RESULTS">Median progression-free survival was 315 days.</AbstractText></Abstract>
<AuthorList><Author ValidYN="Y"><LastName>Trucco</LastName><Initials>MM</Initials></Author></AuthorList>
</Article><MeshHeadingList><MeshHeading><DescriptorName UI="D012509">Sarcoma</DescriptorName></MeshHeading></MeshHeadingList>
</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">30410720</ArticleId>
<ArticleId IdType="doi">10.1186/s13569-018-0107-9</ArticleId></ArticleIdList></PubmedData></PubmedArticle></PubmedArticleSet>"""
TRIAL = {"protocolSection": {
    "identificationModule": {"nctId": "NCT00949325", "briefTitle": "Temsirolimus and liposomal doxorubicin"},
    "statusModule": {"overallStatus": "COMPLETED"},
    "designModule": {"phases": ["PHASE1", "PHASE2"], "enrollmentInfo": {"count": 16, "type": "ACTUAL"}},
    "conditionsModule": {"conditions": ["Sarcoma"]}}}


@pytest.fixture
def env(httpserver, tmp_path, monkeypatch):
    base = httpserver.url_for("/")
    monkeypatch.setenv("KB_EUTILS_URL", base + "eutils/")
    monkeypatch.setenv("KB_EUROPEPMC_URL", base + "epmc/")
    monkeypatch.setenv("KB_CTGOV_URL", base + "ctgov/")
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KB_HTTP_RETRIES", "2")
    monkeypatch.setenv("KB_HTTP_BACKOFF", "0.01")
    return httpserver


def kb(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_add_by_pmid_with_trial_enrichment_then_offline(env):
    env.expect_request("/eutils/efetch.fcgi").respond_with_data(ARTICLE, content_type=XML)
    env.expect_request("/ctgov/studies/NCT00949325").respond_with_json(TRIAL)
    r = kb("add", "--pmid", "30410720", "--trials")
    assert r.exit_code == 0, r.output
    assert "1 added" in r.output and "trial NCT00949325: 2 disagreement(s)" in r.output
    meta = kb("query", "--sparql", "SELECT ?doi ?journal ?year ?mesh WHERE { GRAPH ?g { ?p ekb:paperId \"30410720\" ; "
                                    "ekb:doi ?doi ; ekb:journal ?journal ; ekb:year ?year ; ekb:meshHeading ?mesh } }",
              "--format", "json")
    b = json.loads(meta.output)["results"]["bindings"][0]
    assert (b["doi"]["value"], b["journal"]["value"], b["year"]["value"]) == \
        ("10.1186/s13569-018-0107-9", "Clin Sarcoma Res", "2018")
    assert b["mesh"]["value"] == "http://id.nlm.nih.gov/mesh/D012509"
    dis = kb("query", "--sparql", "SELECT ?note ?n WHERE { GRAPH ?g { ?s ekb:registryDisagreement ?note ; "
                                  "ekb:registryEnrollment ?n } }", "--format", "json")
    notes = {b["note"]["value"]: b["n"]["value"] for b in json.loads(dis.output)["results"]["bindings"]}
    assert notes == {"registry enrollment 16 vs text 15 patients": "16", "registry phase 1/2 vs text phase 2": "16"}
    requests_before = len(env.log)
    env.clear()  # the server now answers nothing: offline must work from the cache alone
    r = kb("add", "--pmid", "30410720", "--offline", "--force")
    assert r.exit_code == 0 and "1 replaced" in r.output
    assert len(env.log) == 0 and requests_before >= 2


def test_search_with_a_failing_server_adds_nothing(env):
    env.expect_request("/eutils/esearch.fcgi").respond_with_data("busy", status=503)
    r = CliRunner().invoke(cli, ["add", "--pubmed", "temsirolimus AND sarcoma", "--max", "5"])
    assert r.exit_code == 2 and "Source error" in r.output
    assert json.loads(kb("papers", "--format", "json").output) == []


def test_offline_miss_names_the_url(env):
    r = CliRunner().invoke(cli, ["add", "--pmid", "123", "--offline"])
    assert r.exit_code == 2 and "efetch" in r.output


JATS = (Path(__file__).parent / "fixtures" / "jats" / "PMC9000001.xml").read_bytes()


def test_add_an_open_access_full_text_by_pmcid_then_offline(env):
    env.expect_request("/epmc/PMC9000001/fullTextXML").respond_with_data(JATS, content_type="application/xml")
    r = kb("add", "--pmcid", "pmc9000001")
    assert r.exit_code == 0 and "1 added" in r.output, r.output
    rows = json.loads(kb("query", "regimens", "--format", "json").output)["results"]["bindings"]
    assert {(b["drug"]["value"], float(b["dose"]["value"])) for b in rows} == {
        ("temsirolimus", 20.0), ("pegylated liposomal doxorubicin", 30.0)}  # (read in the body's methods)
    src = kb("query", "--sparql", 'SELECT ?src WHERE { GRAPH ?g { ?p ekb:paperId "PMC9000001" ; ekb:source ?src } }',
             "--format", "json")
    assert json.loads(src.output)["results"]["bindings"][0]["src"]["value"] == "europepmc"
    env.clear()
    r = kb("add", "--pmcid", "PMC9000001", "--offline", "--force")
    assert r.exit_code == 0 and "1 replaced" in r.output and len(env.log) == 0


def test_an_article_without_an_open_access_full_text_is_named_and_nothing_is_added(env):
    env.expect_request("/epmc/PMC1234567/fullTextXML").respond_with_data("not found", status=404)
    r = CliRunner().invoke(cli, ["add", "--pmcid", "PMC1234567"])
    assert r.exit_code == 1 and "PMC1234567" in r.output and "no open-access full text" in r.output
    assert json.loads(kb("papers", "--format", "json").output) == []


def test_a_malformed_pmcid_is_refused_before_any_request(env):
    r = CliRunner().invoke(cli, ["add", "--pmcid", "PMID123"])
    assert r.exit_code == 1 and "is not a PubMed Central id" in r.output and len(env.log) == 0


def test_full_text_reads_a_pubmed_record_with_an_open_access_article_as_that_article(env):
    with_pmc = ARTICLE.replace('<ArticleId IdType="doi">', '<ArticleId IdType="pmc">PMC9000001</ArticleId><ArticleId IdType="doi">')
    env.expect_request("/eutils/efetch.fcgi").respond_with_data(with_pmc, content_type=XML)
    env.expect_request("/epmc/PMC9000001/fullTextXML").respond_with_data(JATS, content_type="application/xml")
    r = kb("add", "--pmid", "30410720", "--full-text")
    assert r.exit_code == 0 and "1 added" in r.output, r.output
    shown = json.loads(kb("show", "30410720", "--format", "json").output)
    # the body's methods give the liposomal doxorubicin dose the abstract does not; the record keeps PubMed's id and MeSH
    assert {(x["drug"], float(x["dose"])) for x in shown["regimens"]} >= {("pegylated liposomal doxorubicin", 30.0)}
    mesh = kb("query", "--sparql", 'SELECT ?m ?src WHERE { GRAPH ?g { ?p ekb:paperId "30410720" ; ekb:meshHeading ?m ; '
                                   "ekb:source ?src } }", "--format", "json")
    b = json.loads(mesh.output)["results"]["bindings"][0]
    assert (b["m"]["value"], b["src"]["value"]) == ("http://id.nlm.nih.gov/mesh/D012509", "europepmc")


def test_full_text_keeps_the_abstract_of_a_record_whose_article_is_not_open_access(env):
    with_pmc = ARTICLE.replace('<ArticleId IdType="doi">', '<ArticleId IdType="pmc">PMC1234567</ArticleId><ArticleId IdType="doi">')
    env.expect_request("/eutils/efetch.fcgi").respond_with_data(with_pmc, content_type=XML)
    env.expect_request("/epmc/PMC1234567/fullTextXML").respond_with_data("not found", status=404)
    r = kb("add", "--pmid", "30410720", "--full-text")
    assert r.exit_code == 0 and "1 added" in r.output, r.output
    shown = json.loads(kb("show", "30410720", "--format", "json").output)
    assert {x["drug"] for x in shown["regimens"]} == {"temsirolimus"}


def test_full_text_without_records_to_fetch_is_refused(env, tmp_path):
    r = CliRunner().invoke(cli, ["add", str(tmp_path), "--full-text"])
    assert r.exit_code == 1 and "--full-text reads fetched PubMed records" in r.output and len(env.log) == 0
