"""MEDLINE/.nbib reader: fields with continuation lines, structured abstracts, bad records."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers import ReaderError, read_path
from extract.readers.medline import iter_medline, iter_medline_safe, split_structured_abstract
from extract.readers.pubmed_xml import iter_pubmed_xml

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"
SAMPLE = FIXTURES / "sample.nbib"


def test_fields_and_continuation_lines():
    doc = list(iter_medline_safe(SAMPLE))[0]
    assert doc.id == "90000001"
    meta = doc.metadata
    assert meta.title == ("Temsirolimus in PEComa: a phase II study of weekly dosing in patients with "
                          "perivascular epithelioid cell tumours.")
    assert meta.doi == "10.1186/s13569-018-0107-9"
    assert meta.pmcid == "PMC9000001"
    assert meta.journal == "Clin Sarcoma Res"  # TA before JT
    assert meta.year == 2018
    assert meta.authors == ["Smith JA", "Muller K"]
    # MEDLINE has no descriptor ids; the major-topic star and the qualifiers are dropped
    assert meta.mesh_headings == [("", "Humans"), ("", "Perivascular Epithelioid Cell Neoplasms")]
    assert meta.publication_types == ["Clinical Trial, Phase II", "Journal Article"]
    assert meta.source == "medline"


def test_structured_abstract_matches_the_xml_reader_sections():
    nbib = list(iter_medline_safe(SAMPLE))[0]
    xml = next(iter_pubmed_xml(FIXTURES / "structured.xml"))
    assert [s.label for s in nbib.sections] == [s.label for s in xml.sections]
    body = nbib.text.split("\n\n")[1:]
    assert body[1] == "PATIENTS AND METHODS: Sixteen patients received temsirolimus 25 mg/m2 weekly."
    # "HR: 0.5" inside a sentence is not a section label
    assert body[2] == "RESULTS: The objective response rate was 31% (95% CI 11-59; HR: 0.5)."
    for section in nbib.sections[1:]:
        assert nbib.text[section.start:section.end] in body


def test_unstructured_title_only_and_bad_records():
    items = list(iter_medline_safe(SAMPLE))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "ReaderError", "Document"]
    plain = items[1]
    assert plain.text == ("Everolimus after sunitinib & sorafenib.\n\n"
                          "Everolimus 10 mg daily prolonged progression-free survival (HR 0.30; P < 0.001).")
    assert [s.label for s in plain.sections] == ["TITLE", "ABSTRACT"]
    assert plain.metadata.journal == "Oncology reports of nowhere"  # JT when there is no TA
    assert items[2].record == "90000005" and "neither a title" in str(items[2])
    assert items[3].text == "A title-only record." and items[3].metadata.year is None
    with pytest.raises(ReaderError, match="90000005"):
        list(iter_medline(SAMPLE))


@pytest.mark.parametrize("abstract, expected", [
    ("BACKGROUND: A. METHODS: B. RESULTS: C.", [("BACKGROUND", "A."), ("METHODS", "B."), ("RESULTS", "C.")]),
    ("PATIENTS AND METHODS: x (HR: 2). CONCLUSION: y.", [("PATIENTS AND METHODS", "x (HR: 2)."), ("CONCLUSION", "y.")]),
    ("We treated 10 patients. RESULTS: were good.", [(None, "We treated 10 patients. RESULTS: were good.")]),
    ("", []),
])
def test_split_structured_abstract(abstract, expected):
    assert split_structured_abstract(abstract) == expected


def test_unreadable_inputs(tmp_path):
    latin = tmp_path / "latin.nbib"
    latin.write_bytes("PMID- 1\nTI  - Caf\xe9\n".encode("latin-1"))
    empty = tmp_path / "empty.nbib"
    empty.write_text("\n\n")
    prose = tmp_path / "prose.nbib"
    prose.write_text("This is a plain article, not MEDLINE.\n")
    no_pmid = tmp_path / "nopmid.nbib"
    no_pmid.write_text("TI  - A title\n")
    cases = [(latin, "not valid UTF-8"), (empty, "no MEDLINE records"), (prose, "line 1 is not a MEDLINE field"),
             (no_pmid, "record at line 1 has no PMID"), (tmp_path / "missing.nbib", "cannot read")]
    for path, message in cases:
        (item,) = list(iter_medline_safe(path))
        assert isinstance(item, ReaderError), path
        assert message in str(item) and str(path) in str(item)


def test_read_path_picks_the_medline_reader():
    docs = read_path(SAMPLE)
    assert [next(docs).id, next(docs).id] == ["90000001", "90000003"]
    bad = next(docs)  # a bad record in a bulk file is reported, not raised: the others still come
    assert isinstance(bad, ReaderError) and "90000005" in str(bad)
