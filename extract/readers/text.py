"""Plain-text articles: news summaries and abstracts, one per file; the paper id is the file stem."""

from __future__ import annotations

import re
from pathlib import Path

from extract.readers import MAX_TEXT_BYTES, ReaderError
from extract.records import Document, DocumentMetadata
from extract.text import find_sections

_JOURNAL_REF = re.compile(
    r"(?P<journal>[A-Z][A-Za-z .&]{2,80}?)\.\s*(?P<year>(?:19|20)\d\d)\s*[;:]", re.M
)


def read_text_file(path: Path) -> Document:
    """Read one UTF-8 text article; refuse empty, binary, non-UTF-8 and oversized files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReaderError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if size > MAX_TEXT_BYTES:
        raise ReaderError(
            path, f"file is {size / 1e6:.1f} MB; articles larger than {MAX_TEXT_BYTES // 2**20} MiB are refused "
            "(split it, or give PubMed XML for bulk input)"
        )
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise ReaderError(path, "looks like a binary file (NUL bytes); give a UTF-8 text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            path, f"is not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); "
            "re-encode it, e.g. iconv -f latin1 -t utf-8"
        ) from exc
    if not text.strip():
        raise ReaderError(path, "is empty; an article needs some text")
    return document_from_text(path.stem, text)


def document_from_text(doc_id: str, text: str) -> Document:
    """Build a Document from raw text: sections, a title line when there is one, journal and year."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sections = find_sections(text)
    meta = DocumentMetadata(source="file")
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) < 200 and not first.endswith(".") and "\n" in text.strip():
        meta.title = first
    ref = next((s for s in sections if s.label == "REFERENCES"), None)
    if ref is not None:
        m = _JOURNAL_REF.search(text, ref.start, ref.end)
        # the last sentence-like piece before the year is the journal abbreviation
        if m:
            journal = m.group("journal").split(". ")[-1].strip()
            meta.journal = journal or None
            meta.year = int(m.group("year"))
    if meta.journal is None:
        m = re.search(r"published (?:online )?in (?:the journal )?(?:the )?(?P<j>[A-Z][\w&]*(?: (?:of |and |& )?[A-Z][\w&]*){0,6})", text)
        if m:
            meta.journal = m.group("j")
    return Document(id=doc_id, text=text, sections=sections, metadata=meta)
