"""JATS full-text XML (PubMed Central's form): what is read, what is left out, and bad files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.readers import ReaderError, read_path, reader_for
from extract.readers.jats import body_section_label, parse_jats_bytes
from kb.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "jats" / "PMC9000001.xml"


def test_a_full_text_reads_as_title_abstract_and_body_in_their_sections():
    assert reader_for(FIXTURE) == "jats"
    [doc] = list(read_path(FIXTURE))
    assert doc.id == "PMC9000001"  # (no PMID in the file: the PMC id names the paper)
    meta = doc.metadata
    assert (meta.pmcid, meta.doi, meta.year, meta.journal, meta.source) == (
        "PMC9000001", "10.1186/s13569-018-0107-9", 2018, "Clinical Sarcoma Research", "jats")
    assert meta.authors == ["Thornton KA", "The Sarcoma Study Group"]
    assert [s.label for s in doc.sections] == ["TITLE", "BACKGROUND", "RESULTS", "BACKGROUND", "METHODS", "RESULTS"]
    intro = next(s for s in doc.sections[3:] if s.label == "BACKGROUND")
    # citation markers go with their brackets and commas; inline markup keeps its text
    assert doc.text[intro.start:intro.end] == ("Cancer stem cells may explain relapse of sarcoma. Inhibition of mTOR may "
                                               "sensitize cancer stem cells to chemotherapy.")
    assert "30 mg/m2 every 4 weeks" in doc.text and "(Fig. 1)" in doc.text


@pytest.mark.parametrize("left_out", ["graphical abstract", "99 years", "500 patients", "12 tables", "40 patients",
                                      "Smith", "Table 1", "Supplementary"])
def test_tables_figures_references_and_back_matter_are_left_out(left_out):
    [doc] = list(read_path(FIXTURE))
    assert left_out not in doc.text


@pytest.mark.parametrize("title, label", [
    ("Introduction", "BACKGROUND"), ("2. Materials and Methods", "METHODS"), ("Results and discussion", "RESULTS"),
    ("Discussion", "DISCUSSION"), ("Conclusions", "CONCLUSIONS"), ("Case presentation", "CASE PRESENTATION"), (None, "BODY"),
    ("3.2 Immunohistochemistry", "IMMUNOHISTOCHEMISTRY"), ("IV. Statistics", "STATISTICS"),  # (a number goes, a word's I stays)
])
def test_body_section_titles_map_to_the_section_names_extraction_uses(title, label):
    assert body_section_label(title) == label


def test_a_full_text_added_gives_its_facts_with_their_sentences(tmp_path):
    home = tmp_path / "home"
    r = CliRunner().invoke(cli, ["--home", str(home), "add", str(FIXTURE)], catch_exceptions=False)
    assert r.exit_code == 0 and "1 added" in r.output
    out = CliRunner().invoke(cli, ["--home", str(home), "query", "outcomes", "--format", "json"], catch_exceptions=False)
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(out.output)["results"]["bindings"]]
    pfs = next(r for r in rows if r["measure"] == "progression-free survival")
    assert (float(pfs["value"]), pfs["unit"], pfs["paper"].rsplit("/", 1)[-1]) == (315.0, "days", "PMC9000001")
    # each sentence says where in the paper it stands: the dose in the body's methods, the claim in the abstract
    out = CliRunner().invoke(cli, ["--home", str(home), "query", "evidence_for", "-p", "entity=temsirolimus", "--format",
                                   "json"], catch_exceptions=False)
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(out.output)["results"]["bindings"]]
    assert {(r["kind"], r["section"]) for r in rows} >= {("regimen", "METHODS"), ("claim", "BACKGROUND")}


def test_an_article_set_reads_each_article_and_names_the_one_it_cannot(tmp_path):
    article = FIXTURE.read_bytes().split(b"-->", 1)[1]  # (the article element, without the XML declaration)
    empty = b"<article><front><article-meta><article-id pub-id-type='pmid'>42</article-id></article-meta></front></article>"
    path = tmp_path / "set.xml.gz"
    path.write_bytes(gzip.compress(b"<pmc-articleset>" + article + empty + b"</pmc-articleset>"))
    assert reader_for(path) == "jats"
    docs = list(read_path(path))
    assert docs[0].id == "PMC9000001"
    assert isinstance(docs[1], ReaderError) and docs[1].record == "42" and "nothing to extract" in str(docs[1])


@pytest.mark.parametrize("content, message", [
    (b"<article><front><article-meta><title-group><article-title>T</article-title>", "is not well-formed XML"),
    (b'<!DOCTYPE article [<!ENTITY x "boom">]><article>&x;</article>', "refused: the XML declares entities"),
    (b"<article><body><p>No front matter.</p></body></article>", "has no <front>/<article-meta>"),
])
def test_a_bad_full_text_fails_clearly_and_adds_nothing(tmp_path, content, message):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    home = tmp_path / "home"
    r = CliRunner().invoke(cli, ["--home", str(home), "add", str(bad)], catch_exceptions=False)
    assert r.exit_code == 1 and "bad.xml" in r.output and message in r.output
    papers = CliRunner().invoke(cli, ["--home", str(home), "papers", "--format", "json"], catch_exceptions=False)
    assert json.loads(papers.output) == []


def test_a_directory_of_pmc_open_access_files_is_read(tmp_path):
    from kb.knowledgebase import collect_paths

    (tmp_path / "PMC9000001.nxml").write_bytes(FIXTURE.read_bytes())  # (the open-access service's file name)
    [path] = collect_paths([tmp_path])
    assert reader_for(path) == "jats" and [d.id for d in read_path(path)] == ["PMC9000001"]


def test_europe_pmc_full_text_bytes_parse_the_same():
    [doc] = parse_jats_bytes(FIXTURE.read_bytes(), name="PMC9000001 (Europe PMC)", origin="europepmc")
    assert doc.id == "PMC9000001" and doc.metadata.source == "europepmc"


def test_lists_boxes_footnote_marks_and_a_typed_only_abstract():
    xml = b"""<article><front><article-meta><article-id pub-id-type="pmid">31000001</article-id>
      <title-group><article-title>Everolimus in tuberous sclerosis<xref ref-type="fn" rid="fn1">*</xref></article-title></title-group>
      <abstract abstract-type="graphical"><p>Picture.</p></abstract>
      <abstract abstract-type="executive-summary"><p>Everolimus reduced angiomyolipoma volume.</p></abstract>
      </article-meta></front>
      <body><sec><title>Results</title>
        <list list-type="bullet"><list-item><label>&#8226;</label><p>The response rate was 42%<xref ref-type="table-fn" rid="t1">a</xref>.</p></list-item></list>
        <boxed-text><p>Everolimus is an inhibitor of mTOR.</p></boxed-text>
        <p>Exposure rose (<inline-formula><alternatives><tex-math>p&lt;0.05</tex-math><mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:mi>p</mml:mi></mml:math></alternatives></inline-formula>).</p>
      </sec></body></article>"""
    [doc] = parse_jats_bytes(xml)
    assert doc.id == "31000001" and doc.metadata.title == "Everolimus in tuberous sclerosis"
    assert "Everolimus reduced angiomyolipoma volume." in doc.text and "Picture" not in doc.text
    assert "The response rate was 42%." in doc.text and "Everolimus is an inhibitor of mTOR." in doc.text
    assert "Exposure rose." in doc.text  # (a formula shown as markup is left out with its brackets)
    assert [s.label for s in doc.sections] == ["TITLE", "ABSTRACT", "RESULTS", "RESULTS", "RESULTS"]
