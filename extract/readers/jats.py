"""JATS full-text XML (an ``<article>``, or a ``<pmc-articleset>`` of them) -> Documents.

Spec: JATS 1.3 (NISO Z39.96), https://jats.nlm.nih.gov/archiving/tag-library/1.3/ - the form of
PubMed Central's open-access articles, of Europe PMC's ``fullTextXML`` and of most publishers'
full-text XML.

The document text is the title, the abstract (one paragraph per abstract section, ``RESULTS: ...``
as PubMed records read) and the body, one paragraph per ``<p>``, each in a section named from its
top-level ``<sec>`` title (Introduction -> BACKGROUND, Materials and methods -> METHODS, ...). Left
out: tables, figures, formulas shown apart, the reference list, acknowledgements and supplements;
citation markers (``<xref ref-type="bibr">``) are dropped with the brackets and commas around them,
so a sentence reads as its words. Parsed with defusedxml (no entity declarations, no external entities;
the JATS DOCTYPE line itself is allowed).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from extract.readers import MAX_TEXT_BYTES, ReaderError
from extract.readers.pubmed_xml import GZIP_MAGIC, assemble_text, section_label
from extract.records import Document, DocumentMetadata

__all__ = ["ROOT_TAGS", "iter_jats_safe", "parse_jats_bytes", "document_from_article", "body_section_label"]

#: Root elements of a JATS file: one article, or PMC's set of them (``efetch db=pmc``, the OAI service).
ROOT_TAGS = ("article", "pmc-articleset")
#: Parts of a body or an abstract that are not running text.
_SKIPPED = {"table-wrap", "table-wrap-group", "fig", "fig-group", "disp-formula", "ref-list", "supplementary-material",
            "inline-supplementary-material", "media", "graphic", "alternatives", "table", "label", "fn-group",
            "glossary", "ack", "app-group", "notes"}
#: Section types of a body that hold no findings of the paper.
_SKIPPED_SEC_TYPES = ("supplementary-material", "display-objects", "COI-statement", "data-availability", "ethics-statement",
                      "author-contributions", "funding", "abbreviations")
#: Body section titles -> the section names extraction uses (the abstract's NLM categories, and DISCUSSION).
_BODY_SECTIONS = (
    (re.compile(r"introduction|background|rationale", re.I), "BACKGROUND"),
    (re.compile(r"method|patients and|materials|study design|experimental procedures", re.I), "METHODS"),
    (re.compile(r"result|finding", re.I), "RESULTS"),
    (re.compile(r"discussion", re.I), "DISCUSSION"),
    (re.compile(r"conclusion|summary|interpretation", re.I), "CONCLUSIONS"),
)
#: Cross-references that are markers, not words: citations and footnote marks.
_MARKER_XREFS = ("bibr", "fn", "table-fn")
_CITED = "\x00"  # where a citation marker stood, until the markers and what joins them are dropped
# (a run of markers with the brackets and separators around them: "[12, 13]", "(4\u20136)", "1, 2")
_CITATIONS = re.compile(r"\s*[\[(]?\s*\x00(?:\s*[,;\u2013\u2014-]\s*\x00)*\s*[\])]?")
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])")  # (what a left-out formula leaves)
_SPACE_BEFORE_MARK = re.compile(r"\s+([.,;:)])")
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")  # "2.1 ", "3. ", "IV. "


def body_section_label(title: str | None) -> str:
    """The section name a body section's title maps to ("2. Materials and Methods" -> METHODS)."""
    text = " ".join((title or "").split())
    for pattern, label in _BODY_SECTIONS:
        if pattern.search(text):
            return label
    return section_label(_SECTION_NUMBER.sub("", text)) if text else "BODY"


def _local(tag: object) -> str:
    """The element's name without a namespace (``{http://...}article`` -> ``article``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(elem: Element | None) -> str:
    """Running text of an element: inline markup flattened, skipped parts and citation markers left out."""
    if elem is None:
        return ""
    parts: list[str] = []

    def walk(e: Element) -> None:
        name = _local(e.tag)
        if name in _SKIPPED or name == "xref" and e.get("ref-type") in _MARKER_XREFS:
            parts.append(_CITED if name == "xref" else " ")
            if e.tail:
                parts.append(e.tail)
            return
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
        if e.tail and e is not elem:
            parts.append(e.tail)

    walk(elem)
    text = _CITATIONS.sub("", " ".join("".join(parts).split())).replace(_CITED, "")
    return " ".join(_SPACE_BEFORE_MARK.sub(r"\1", _EMPTY_BRACKETS.sub("", text)).split())


def _children(elem: Element, name: str) -> list[Element]:
    return [c for c in elem if _local(c.tag) == name]


def _first(elem: Element | None, *path: str) -> Element | None:
    """The first element down ``path`` (local names), or None."""
    for name in path:
        if elem is None:
            return None
        elem = next((c for c in elem if _local(c.tag) == name), None)
    return elem


def _abstract_paragraphs(meta: Element) -> list[tuple[str | None, str, str]]:
    """The main abstract (not a graphical abstract or a teaser), as PubMed records read it."""
    every = _children(meta, "abstract")
    abstracts = [a for a in every if a.get("abstract-type") in (None, "", "structured")] or \
        [a for a in every if a.get("abstract-type") not in ("graphical", "teaser", "toc", "short")]
    if not abstracts:
        return []
    out: list[tuple[str | None, str, str]] = []
    secs = _children(abstracts[0], "sec")
    if secs:
        for sec in secs:
            label = _text(_first(sec, "title")).rstrip(":") or None
            body = " ".join(t for t in (_text(p) for p in sec.iter() if _local(p.tag) == "p") if t)
            if body:
                out.append((label, section_label(label) if label else "ABSTRACT", body))
    else:
        body = " ".join(t for t in (_text(p) for p in abstracts[0].iter() if _local(p.tag) == "p") if t) or \
            _text(abstracts[0])
        if body:
            out.append((None, "ABSTRACT", body))
    return out


def _body_paragraphs(body: Element | None) -> list[tuple[str | None, str, str]]:
    """One paragraph per ``<p>`` of the body, each in the section of its top-level ``<sec>``."""
    out: list[tuple[str | None, str, str]] = []
    if body is None:
        return out

    def walk(elem: Element, label: str) -> None:
        for child in elem:
            name = _local(child.tag)
            if name == "sec":
                if child.get("sec-type") in _SKIPPED_SEC_TYPES:
                    continue
                walk(child, body_section_label(_text(_first(child, "title"))) if elem is body else label)
            elif name == "p":
                text = _text(child)
                if text:
                    out.append((None, label, text))
            elif name not in _SKIPPED and name != "title":
                walk(child, label)  # (a list, a boxed text, a statement: their paragraphs)

    walk(body, "BODY")
    return out


def _article_ids(meta: Element) -> dict[str, str]:
    ids: dict[str, str] = {}
    for e in _children(meta, "article-id"):
        kind = (e.get("pub-id-type") or "").lower()
        value = " ".join((e.text or "").split())
        if kind and value:
            ids.setdefault({"pmcid": "pmc"}.get(kind, kind), value)
    return ids


def _year(meta: Element) -> int | None:
    for date in _children(meta, "pub-date"):
        year = _text(_first(date, "year"))
        if re.fullmatch(r"(1[89]|20)\d\d", year):
            return int(year)
    return None


def _authors(meta: Element) -> list[str]:
    out = []
    for group in _children(meta, "contrib-group"):
        for contrib in _children(group, "contrib"):
            if contrib.get("contrib-type") not in (None, "author"):
                continue
            name = _first(contrib, "name")
            if name is not None:
                surname, given = _text(_first(name, "surname")), _text(_first(name, "given-names"))
                initials = "".join(w[0] for w in given.replace("-", " ").split() if w[:1].isalpha())
                if surname:
                    out.append(f"{surname} {initials}".strip())
            elif (collab := _text(_first(contrib, "collab"))):
                out.append(collab)
    return out


def document_from_article(article: Element, *, path: str, fallback_id: str, origin: str = "jats") -> Document:
    """One ``<article>`` as a Document; its id is the PMID, else the PMCID, else ``fallback_id``."""
    front = _first(article, "front")
    meta = _first(front, "article-meta")
    if meta is None:
        raise ReaderError(path, "the <article> has no <front>/<article-meta>; not a JATS article")
    ids = _article_ids(meta)
    pmcid = ids.get("pmc")
    if pmcid and not pmcid.upper().startswith("PMC"):
        pmcid = f"PMC{pmcid}"
    own_id = ids.get("pmid") or pmcid  # (an error names the record by it; else the message names the file)
    paper_id = own_id or fallback_id
    title = _text(_first(meta, "title-group", "article-title"))
    paragraphs = _abstract_paragraphs(meta) + _body_paragraphs(_first(article, "body"))
    if not title and not paragraphs:
        raise ReaderError(path, "the article has neither a title, an abstract nor body text; nothing to extract",
                          record=own_id)
    text, sections = assemble_text(title, paragraphs)
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ReaderError(path, f"the article's text is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB", record=own_id)
    journal = _text(_first(front, "journal-meta", "journal-title-group", "journal-title")) or \
        _text(_first(front, "journal-meta", "journal-title")) or None
    metadata = DocumentMetadata(title=title or None, journal=journal, year=_year(meta), pmid=ids.get("pmid"),
                                doi=ids.get("doi"), pmcid=pmcid, authors=_authors(meta), source=origin)
    return Document(id=paper_id, text=text, sections=sections, metadata=metadata)


def iter_jats_safe(path: str | Path, *, origin: str = "jats") -> Iterator[Document | ReaderError]:
    """Yield a Document per article of a JATS file (.xml or .xml.gz), or a ReaderError for one that
    cannot be read; a file that is not well-formed yields one ReaderError and nothing else."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReaderError(path, f"cannot open file: {exc.strerror or exc}")
        return
    yield from _iter_bytes(raw, str(path), path.name.split(".")[0], origin)


def parse_jats_bytes(data: bytes, *, name: str = "<jats>", fallback_id: str = "article",
                     origin: str = "jats") -> list[Document]:
    """The Documents of one in-memory JATS response (Europe PMC's fullTextXML); raise ReaderError on a bad one."""
    out = []
    for item in _iter_bytes(data, name, fallback_id, origin):
        if isinstance(item, ReaderError):
            raise item
        out.append(item)
    return out


def _iter_bytes(raw: bytes, path: str, fallback_id: str, origin: str) -> Iterator[Document | ReaderError]:
    try:
        data = gzip.decompress(raw) if raw[:2] == GZIP_MAGIC else raw
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        yield ReaderError(path, f"is not well-formed XML ({exc}); re-download or repair the file")
        return
    except defusedxml.DefusedXmlException as exc:
        yield ReaderError(path, f"refused: the XML declares entities ({type(exc).__name__}: {exc}); entity expansion "
                          "and external entities are not allowed, and JATS articles never need them")
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield ReaderError(path, f"the gzip stream is truncated or corrupt ({exc}); re-download the file")
        return
    name = _local(root.tag)
    if name not in ROOT_TAGS:
        yield ReaderError(path, f"expected a JATS <article> or <pmc-articleset>, got <{name}>")
        return
    articles = [root] if name == "article" else [a for a in root if _local(a.tag) == "article"]
    if not articles:
        yield ReaderError(path, "the <pmc-articleset> holds no <article>")
    for n, article in enumerate(articles, 1):
        try:
            yield document_from_article(article, path=path, origin=origin,
                                        fallback_id=fallback_id if len(articles) == 1 else f"{fallback_id}-{n}")
        except ReaderError as err:
            yield err if err.record or len(articles) == 1 else ReaderError(path, f"article #{n}: {err.message}")
