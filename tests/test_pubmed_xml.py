"""PubMed XML reader: structured abstracts, the record's own DOI, bad records, hostile and truncated XML."""

from __future__ import annotations

import gzip
import io
import itertools
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.readers import ReaderError, read_path
from extract.readers.pubmed_xml import (
    assemble_text,
    iter_pubmed_xml,
    iter_pubmed_xml_safe,
    parse_pubmed_xml_bytes,
    section_label,
)

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"


def read_all(name: str):
    return list(iter_pubmed_xml_safe(FIXTURES / name))


def section_text(doc, label):
    (section,) = [s for s in doc.sections if s.label == label]
    return doc.text[section.start:section.end]


def test_structured_abstract_keeps_labels_as_paragraphs():
    doc = read_all("structured.xml")[0]
    assert doc.id == "90000001"
    assert doc.text == (
        "Temsirolimus in PEComa: a phase II study.\n\n"
        "BACKGROUND: The mTOR inhibitor temsirolimus has activity in perivascular epithelioid cell tumours.\n\n"
        "PATIENTS AND METHODS: Sixteen patients received temsirolimus 25 mg/m2 weekly.\n\n"
        "RESULTS: The objective response rate was 31% (95% CI 11-59).\n\n"
        "CONCLUSIONS: Temsirolimus is active in PEComa."
    )
    assert [s.label for s in doc.sections] == ["TITLE", "BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert section_text(doc, "TITLE") == "Temsirolimus in PEComa: a phase II study."
    # the NLM category names the section; the author's label stays in the text
    assert section_text(doc, "METHODS").startswith("PATIENTS AND METHODS: Sixteen")
    assert section_text(doc, "RESULTS") == "RESULTS: The objective response rate was 31% (95% CI 11-59)."
    assert "©" not in doc.text  # CopyrightInformation is not abstract text


def test_metadata_comes_from_the_record_not_its_references():
    meta = read_all("structured.xml")[0].metadata
    assert meta.doi == "10.1186/s13569-018-0107-9"  # ArticleIdList, not ReferenceList, not ELocationID
    assert meta.pmid == "90000001"
    assert meta.pmcid == "PMC9000001"
    assert meta.title == "Temsirolimus in PEComa: a phase II study."
    assert meta.journal == "Clin Sarcoma Res"
    assert meta.year == 2018
    assert meta.authors == ["Smith JA", "Müller K", "Sarcoma Trials Group"]  # ValidYN="N" left out
    assert meta.mesh_headings == [("D006801", "Humans"), ("D054973", "Perivascular Epithelioid Cell Neoplasms")]
    assert meta.chemicals == [("D000970", "Antineoplastic Agents"), ("C401859", "temsirolimus")]
    assert meta.publication_types == ["Clinical Trial, Phase II", "Journal Article"]
    assert meta.source == "pubmed-xml"


def test_record_without_abstract_is_title_only():
    doc = read_all("structured.xml")[1]
    assert doc.id == "90000002"
    assert doc.text == "Letter: sirolimus and the skin."
    assert [(s.label, s.start, s.end) for s in doc.sections] == [("TITLE", 0, len(doc.text))]
    assert doc.metadata.doi == "10.5555/letter.1998"  # from ELocationID when ArticleIdList has none
    assert doc.metadata.year == 1998  # from MedlineDate "1998 Dec-1999 Jan"
    assert doc.metadata.journal == "Journal of hypothetical oncology"  # Title when no ISOAbbreviation


def test_unlabelled_abstract_and_character_entities():
    doc = read_all("structured.xml")[2]
    assert doc.text == ("Everolimus after sunitinib & sorafenib.\n\n"
                        "Everolimus 10 mg daily prolonged progression-free survival (HR 0.30; P < 0.001).")
    assert [s.label for s in doc.sections] == ["TITLE", "ABSTRACT"]
    assert doc.metadata.doi is None


def test_gzip_file_and_streams_read_the_same(tmp_path):
    raw = (FIXTURES / "structured.xml").read_bytes()
    gz = tmp_path / "set.xml.gz"
    gz.write_bytes(gzip.compress(raw))
    expected = [(d.id, d.text, d.sections) for d in iter_pubmed_xml(FIXTURES / "structured.xml")]

    class NonSeekable(io.RawIOBase):
        def __init__(self, data):
            self._data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    for source in (gz, str(gz), io.BytesIO(raw), io.BytesIO(gzip.compress(raw)), NonSeekable(raw)):
        assert [(d.id, d.text, d.sections) for d in iter_pubmed_xml(source)] == expected
    assert [d.id for d in read_path(gz)] == ["90000001", "90000002", "90000003"]


def test_parse_bytes_and_origin():
    docs = parse_pubmed_xml_bytes((FIXTURES / "structured.xml").read_bytes(), origin="eutils")
    assert [d.metadata.source for d in docs] == ["eutils"] * 3


def test_bad_records_are_reported_and_the_rest_kept():
    items = read_all("bad_record.xml")
    assert [type(i).__name__ for i in items] == ["Document", "ReaderError", "ReaderError", "Document"]
    assert items[1].record == "91000002"
    assert "neither a title nor an abstract" in str(items[1])
    assert "no PMID" in str(items[2]) and "after 91000001" in str(items[2])
    assert items[3].id == "91000004"  # DeleteCitation between them is skipped
    with pytest.raises(ReaderError, match="91000002"):
        list(iter_pubmed_xml(FIXTURES / "bad_record.xml"))


def test_truncated_file_names_last_good_record_and_stops():
    items = read_all("truncated.xml")
    assert [type(i).__name__ for i in items] == ["Document", "ReaderError"]
    assert items[0].id == "92000001"
    message = str(items[1])
    assert "truncated" in message and "after record 92000001" in message and "truncated.xml" in message
    seen = []
    with pytest.raises(ReaderError, match="after record 92000001"):
        for doc in iter_pubmed_xml(FIXTURES / "truncated.xml"):
            seen.append(doc.id)
    assert seen == ["92000001"]


def test_truncated_gzip_is_reported(tmp_path):
    data = gzip.compress((FIXTURES / "structured.xml").read_bytes())
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = list(iter_pubmed_xml_safe(cut))
    assert isinstance(items[-1], ReaderError)
    assert "truncated" in str(items[-1])


@pytest.mark.parametrize("name, expected", [
    ("error_page.html", "HTML page"),
    ("efetch_error.xml", "Cannot retrieve history data"),
])
def test_error_documents_give_a_clear_message(name, expected):
    (item,) = read_all(name)
    assert isinstance(item, ReaderError)
    assert expected in str(item)


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_declarations_are_refused(name):
    (item,) = read_all(name)
    assert isinstance(item, ReaderError)
    assert "refused" in str(item) and "entit" in str(item)
    assert "root:" not in str(item)  # nothing of /etc/passwd


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    (item,) = list(iter_pubmed_xml_safe(empty))
    assert "is empty" in str(item)
    (item,) = list(iter_pubmed_xml_safe(tmp_path / "nope.xml"))
    assert "cannot open" in str(item)
    with pytest.raises(ReaderError, match="expected a <PubmedArticleSet>, got <rss>"):
        parse_pubmed_xml_bytes(b"<rss><channel><title>news</title></channel></rss>")


def _record(pmid: int) -> bytes:
    return (f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>Title {pmid}"
            f"</ArticleTitle><Abstract><AbstractText Label=\"RESULTS\">{'Response was seen. ' * 20}"
            "</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>\n").encode()


class GeneratedSet(io.RawIOBase):
    """A PubmedArticleSet produced on demand, so the test never holds the whole file."""

    def __init__(self, n: int):
        records = (_record(i) for i in range(1, n + 1))
        self._parts = itertools.chain([b"<PubmedArticleSet>\n"], records, [b"</PubmedArticleSet>"])
        self._buffer = b""
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        while len(self._buffer) < len(buffer):
            part = next(self._parts, None)
            if part is None:
                break
            self._buffer += part
        chunk, self._buffer = self._buffer[: len(buffer)], self._buffer[len(buffer):]
        buffer[: len(chunk)] = chunk
        self.bytes_read += len(chunk)
        return len(chunk)


def _peak_bytes(n: int) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_pubmed_xml(GeneratedSet(n)))
        assert count == n
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_records_stream_and_memory_stays_flat():
    stream = GeneratedSet(500)
    first = next(iter_pubmed_xml(stream))
    assert first.id == "1" and stream.bytes_read < 100_000  # yielded long before the end (~600 kB)
    small, large = _peak_bytes(300), _peak_bytes(3000)
    # cleared records do not accumulate: 10x the records, about the same peak
    assert large < 1.5 * small, (small, large)


def test_section_label_normalizes_author_labels():
    assert section_label("PATIENTS AND METHODS", "METHODS") == "METHODS"
    assert section_label("Findings", None) == "RESULTS"
    assert section_label("TRIAL REGISTRATION", "UNASSIGNED") == "TRIAL REGISTRATION"
    assert section_label(None, None) == "ABSTRACT"


paragraph = st.tuples(st.one_of(st.none(), st.sampled_from(["BACKGROUND", "RESULTS"])),
                      st.sampled_from(["BACKGROUND", "RESULTS", "ABSTRACT"]),
                      st.text(min_size=1, max_size=40))


@given(title=st.text(max_size=30), paragraphs=st.lists(paragraph, max_size=5))
def test_assemble_text_offsets_point_at_each_paragraph(title, paragraphs):
    text, sections = assemble_text(title, paragraphs)
    expected = ([("TITLE", title)] if title else []) + [
        (label, f"{shown}: {body}" if shown else body) for shown, label, body in paragraphs
    ]
    assert [(s.label, text[s.start:s.end]) for s in sections] == expected
    assert text == "\n\n".join(part for _, part in expected)
