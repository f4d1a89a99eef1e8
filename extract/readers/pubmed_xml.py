"""PubMed XML (``PubmedArticleSet``, as efetch and the annual baseline files give it) -> Documents.

Spec: the PubMed DTD, https://dtd.nlm.nih.gov/ncbi/pubmed/doc/out/250101/index.html

Files are streamed with defusedxml's ``iterparse`` (no entity declarations, no external
entities) and every record is dropped from the tree once read, so a 30,000-record baseline
file reads in constant memory. The document text is the title, a blank line, then one
paragraph per abstract section (``RESULTS: ...``), so an extraction knows which section
a sentence is in; inline markup (``<i>``, ``<sup>``) is kept as its plain text.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from extract.readers import ReaderError
from extract.records import Document, DocumentMetadata, Section

__all__ = [
    "iter_pubmed_xml",
    "iter_pubmed_xml_safe",
    "parse_pubmed_xml_bytes",
    "document_from_record",
    "assemble_text",
    "section_label",
]

ROOT_TAG = "PubmedArticleSet"
#: Children of the root that are articles; ``DeleteCitation`` (update files) is skipped.
RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")
GZIP_MAGIC = b"\x1f\x8b"

#: Author labels of structured abstracts -> NLM categories, for labels that come without
#: an ``NlmCategory`` (MEDLINE text, older records).
LABEL_CATEGORIES = {
    "INTRODUCTION": "BACKGROUND", "CONTEXT": "BACKGROUND", "RATIONALE": "BACKGROUND",
    "PURPOSE": "OBJECTIVE", "AIM": "OBJECTIVE", "AIMS": "OBJECTIVE", "OBJECTIVES": "OBJECTIVE",
    "METHOD": "METHODS", "PATIENTS AND METHODS": "METHODS", "MATERIALS AND METHODS": "METHODS",
    "DESIGN": "METHODS", "EXPERIMENTAL DESIGN": "METHODS", "METHODOLOGY": "METHODS",
    "FINDINGS": "RESULTS", "RESULT": "RESULTS",
    "CONCLUSION": "CONCLUSIONS", "INTERPRETATION": "CONCLUSIONS",
}


def section_label(label: str | None, nlm_category: str | None = None) -> str:
    """The section name an extraction sees: the NLM category when given, else the label, upper-cased.

    NLM categories (BACKGROUND, OBJECTIVE, METHODS, RESULTS, CONCLUSIONS) are what PubMed
    normalises author labels to, so ``PATIENTS AND METHODS`` is still ``METHODS``.
    """
    if nlm_category and nlm_category.upper() != "UNASSIGNED":
        return nlm_category.upper()
    if label:
        upper = " ".join(label.upper().split())
        return LABEL_CATEGORIES.get(upper, upper)
    return "ABSTRACT"


def assemble_text(
    title: str, paragraphs: list[tuple[str | None, str, str]]
) -> tuple[str, list[Section]]:
    """Join the title and ``(shown label, section label, text)`` paragraphs; return text and sections.

    Each labelled paragraph starts with its label line (``BACKGROUND: ...``) and its
    Section covers the whole paragraph, label included.
    """
    parts: list[str] = []
    sections: list[Section] = []
    pos = 0
    if title:
        parts.append(title)
        sections.append(Section("TITLE", 0, len(title)))
        pos = len(title)
    for shown, label, body in paragraphs:
        para = f"{shown}: {body}" if shown else body
        if not para:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(para)
        sections.append(Section(label, pos, pos + len(para)))
        pos += len(para)
    return "".join(parts), sections


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _all_text(elem: Element | None) -> str:
    """Text of an element with its inline markup flattened (``<i>in vitro</i>`` -> ``in vitro``)."""
    return _clean("".join(elem.itertext())) if elem is not None else ""


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _year(*candidates: str | None) -> int | None:
    for value in candidates:
        if value:
            m = _YEAR.search(value)
            if m:
                return int(m.group(1))
    return None


def _authors(author_list: Element | None) -> list[str]:
    """Authors as ``Last Initials`` (``Smith JA``); collective names as written."""
    authors: list[str] = []
    if author_list is None:
        return authors
    for author in author_list.findall("Author"):
        if author.get("ValidYN") == "N":
            continue
        collective = _all_text(author.find("CollectiveName"))
        last = _all_text(author.find("LastName"))
        initials = _clean(author.findtext("Initials"))
        if last:
            authors.append(f"{last} {initials}".strip())
        elif collective:
            authors.append(collective)
    return authors


def _article_ids(*id_lists: Element | None) -> dict[str, str]:
    """The record's own ids by type (``doi``, ``pmc``); first one wins. Never pass a reference's list."""
    ids: dict[str, str] = {}
    for id_list in id_lists:
        if id_list is None:
            continue
        for article_id in id_list.findall("ArticleId"):
            kind = (article_id.get("IdType") or "").lower()
            value = _clean(article_id.text)
            if kind and value:
                ids.setdefault(kind, value)
    return ids


def _abstract_paragraphs(abstract: Element | None) -> list[tuple[str | None, str, str]]:
    paragraphs: list[tuple[str | None, str, str]] = []
    if abstract is None:
        return paragraphs
    for part in abstract.findall("AbstractText"):
        body = _all_text(part)
        if not body:
            continue
        shown = _clean(part.get("Label")) or None
        paragraphs.append((shown, section_label(shown, part.get("NlmCategory")), body))
    return paragraphs


def document_from_record(record: Element, *, path: str = "<pubmed-xml>", origin: str = "pubmed-xml") -> Document:
    """Build a Document from one ``PubmedArticle`` or ``PubmedBookArticle`` element.

    Raises ReaderError when the record has no PMID, or neither a title nor an abstract.
    """
    if record.tag == "PubmedBookArticle":
        citation = record.find("BookDocument")
        article = citation
        id_lists = (citation.find("ArticleIdList") if citation is not None else None,
                    record.find("PubmedBookData/ArticleIdList"))
    else:
        citation = record.find("MedlineCitation")
        article = citation.find("Article") if citation is not None else None
        id_lists = (record.find("PubmedData/ArticleIdList"),)
    if citation is None:
        raise ReaderError(path, f"<{record.tag}> has no MedlineCitation/BookDocument; is this PubMed XML?")
    pmid = _clean(citation.findtext("PMID"))
    if not pmid:
        raise ReaderError(path, f"<{record.tag}> has no PMID; every PubMed record needs one")
    if article is None:
        raise ReaderError(path, "record has no <Article>; it has neither a title nor an abstract", record=pmid)

    title = _all_text(article.find("ArticleTitle")) or _all_text(article.find("VernacularTitle"))
    if record.tag == "PubmedBookArticle" and not title:
        title = _all_text(article.find("Book/BookTitle"))
    paragraphs = _abstract_paragraphs(article.find("Abstract"))
    if not title and not paragraphs:
        raise ReaderError(path, "record has neither a title nor an abstract; nothing to extract", record=pmid)
    text, sections = assemble_text(title, paragraphs)

    ids = _article_ids(*id_lists)
    doi = ids.get("doi")
    if doi is None:
        for loc in article.findall("ELocationID"):
            if (loc.get("EIdType") or "").lower() == "doi" and loc.get("ValidYN") != "N" and _clean(loc.text):
                doi = _clean(loc.text)
                break
    pmcid = ids.get("pmc")

    if record.tag == "PubmedBookArticle":
        journal = None
        year = _year(article.findtext("Book/PubDate/Year"), article.findtext("Book/PubDate/MedlineDate"))
    else:
        journal = _clean(article.findtext("Journal/ISOAbbreviation")) or _clean(article.findtext("Journal/Title")) or None
        year = _year(
            article.findtext("Journal/JournalIssue/PubDate/Year"),
            article.findtext("Journal/JournalIssue/PubDate/MedlineDate"),
            article.findtext("ArticleDate/Year"),
        )

    mesh = [
        (d.get("UI", ""), _all_text(d))
        for d in citation.findall("MeshHeadingList/MeshHeading/DescriptorName")
        if _all_text(d)
    ]
    chemicals = [
        (s.get("UI", ""), _all_text(s))
        for s in citation.findall("ChemicalList/Chemical/NameOfSubstance")
        if _all_text(s)
    ]
    pub_types = [_all_text(p) for p in article.findall("PublicationTypeList/PublicationType") if _all_text(p)]

    meta = DocumentMetadata(
        title=title or None,
        journal=journal,
        year=year,
        pmid=pmid,
        doi=doi,
        pmcid=pmcid,
        authors=_authors(article.find("AuthorList")),
        mesh_headings=mesh,
        chemicals=chemicals,
        publication_types=pub_types,
        source=origin,
    )
    return Document(id=pmid, text=text, sections=sections, metadata=meta)


class _HeadRecorder:
    """A read-through stream that keeps the first bytes, to tell an HTML error page from XML."""

    def __init__(self, stream: BinaryIO, keep: int = 512):
        self.stream = stream
        self.keep = keep
        self.head = b""

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if len(self.head) < self.keep:
            self.head += data[: self.keep - len(self.head)]
        return data


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:300]


def _is_gzip(stream: BinaryIO) -> bool | None:
    """True/False when the first bytes can be inspected without consuming them; None otherwise."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return peek(2)[:2] == GZIP_MAGIC
    if stream.seekable():
        pos = stream.tell()
        magic = stream.read(2)
        stream.seek(pos)
        return magic == GZIP_MAGIC
    return None


def iter_pubmed_xml_safe(
    source: str | Path | BinaryIO, *, name: str | None = None, origin: str = "pubmed-xml"
) -> Iterator[Document | ReaderError]:
    """Yield a Document per record, or a ReaderError for a record that cannot be read, and keep going.

    Truncated or malformed XML yields one ReaderError naming the last good record and stops;
    so does a file that declares entities (defusedxml refuses entity bombs and external entities).
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            raw: BinaryIO = path.open("rb")
        except OSError as exc:
            yield ReaderError(path, f"cannot open file: {exc.strerror or exc}")
            return
        with raw:
            yield from _iter_stream(raw, str(path), origin)
    else:
        yield from _iter_stream(source, name or str(getattr(source, "name", "<stream>")), origin)


def _iter_stream(raw: BinaryIO, path: str, origin: str) -> Iterator[Document | ReaderError]:
    stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if _is_gzip(raw) else raw  # type: ignore[assignment]
    head = _HeadRecorder(stream)
    last_good: str | None = None
    count = 0
    depth = 0
    root: Element | None = None
    foreign: list[str] = []  # text of an unexpected root (an eFetchResult ERROR, an HTML page)
    try:
        events = SafeET.iterparse(head, events=("start", "end"), forbid_dtd=False, forbid_entities=True,
                                  forbid_external=True)
        for event, elem in events:
            if event == "start":
                depth += 1
                if root is None:
                    root = elem
                continue
            depth -= 1
            if root.tag != ROOT_TAG:
                text = _clean(elem.text)
                if text:
                    foreign.append(text)
                if sum(map(len, foreign)) > 300 or depth == 0:
                    break
                continue
            if depth != 1:
                continue
            if elem.tag in RECORD_TAGS:
                count += 1
                try:
                    doc = document_from_record(elem, path=path, origin=origin)
                except ReaderError as err:
                    if err.record is None:
                        err = ReaderError(path, f"{err.message} (record #{count}, after {last_good or 'none'})")
                    yield err
                else:
                    last_good = doc.id
                    yield doc
            elem.clear()
            root.remove(elem)
    except ParseError as exc:
        yield _parse_error(path, exc, head.head, last_good, count)
        return
    except defusedxml.DefusedXmlException as exc:
        yield ReaderError(
            path, f"refused: the XML declares entities ({type(exc).__name__}: {exc}); entity expansion and "
            "external entities are not allowed, and PubMed XML never needs them",
        )
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield ReaderError(
            path, f"the gzip stream is truncated or corrupt ({exc}) after record {last_good or 'none'}; "
            "records before it were read — re-download the file",
        )
        return
    except OSError as exc:
        yield ReaderError(path, f"cannot read file: {exc.strerror or exc}")
        return
    if root is None:
        yield ReaderError(path, "is empty; expected a PubmedArticleSet")
    elif root.tag != ROOT_TAG:
        if _looks_like_html(head.head):
            yield ReaderError(path, f"is an HTML page, not PubMed XML ({' '.join(foreign)[:200]!r}); "
                              "a server or proxy sent an error page — retry later or check the URL")
        else:
            yield ReaderError(path, f"expected a <{ROOT_TAG}>, got <{root.tag}>: {' '.join(foreign)[:300]!r}")


def _parse_error(path: str, exc: ParseError, head: bytes, last_good: str | None, count: int) -> ReaderError:
    if count == 0 and _looks_like_html(head):
        return ReaderError(path, "is an HTML page, not PubMed XML; a server or proxy sent an error page "
                           "— retry later or check the URL")
    if count == 0 and head.startswith(GZIP_MAGIC):
        return ReaderError(path, "is gzip-compressed but was given as a stream that cannot be peeked at; "
                           "pass the file path, or wrap the stream in gzip.GzipFile")
    if count == 0 and not head.strip():
        return ReaderError(path, "is empty; expected a PubmedArticleSet")
    where = f"after record {last_good}" if last_good else "before any record could be read"
    return ReaderError(
        path, f"XML is truncated or malformed ({exc}) {where}; {count} record(s) seen and the ones before "
        "it were read — re-download or repair the file",
    )


def iter_pubmed_xml(
    source: str | Path | BinaryIO, *, name: str | None = None, origin: str = "pubmed-xml"
) -> Iterator[Document]:
    """Yield the Documents of a PubMed XML file (.xml or .xml.gz); raise ReaderError at the first bad record."""
    for item in iter_pubmed_xml_safe(source, name=name, origin=origin):
        if isinstance(item, ReaderError):
            raise item
        yield item


def parse_pubmed_xml_bytes(data: bytes, *, name: str = "<pubmed-xml>", origin: str = "pubmed-xml") -> list[Document]:
    """All Documents of one in-memory PubMed XML response (an efetch body); raise ReaderError on any bad record."""
    return list(iter_pubmed_xml(io.BytesIO(data), name=name, origin=origin))
