"""MEDLINE text (PubMed's "MEDLINE" format, ``.nbib`` citation files) -> Documents.

Spec: https://www.nlm.nih.gov/bsd/mms/medlineelements.html

Each field is ``TAG - value`` with the tag padded to four characters; a value continues on
lines indented by six spaces; records are separated by blank lines. The text is built like
the PubMed XML reader's (title, then one paragraph per abstract section) so the same paper
read from either format gives the same sections. MEDLINE gives MeSH headings without their
ids, so ``mesh_headings`` holds ``("", label)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from extract.readers import ReaderError
from extract.readers.pubmed_xml import assemble_text, section_label
from extract.records import Document, DocumentMetadata

__all__ = ["iter_medline", "iter_medline_safe", "document_from_fields", "split_structured_abstract"]

_FIELD = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{0,3}) {0,3}- ?(?P<value>.*)$")
_CONTINUATION = "      "
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A label is upper case words and a colon, at the start or after a sentence end.
_LABEL = re.compile(r"(?:^|(?<=[.?!)\]] ))(?P<label>[A-Z][A-Z/&,()-]*(?: [A-Z/&,()-]+){0,5}): ")


def split_structured_abstract(abstract: str) -> list[tuple[str | None, str]]:
    """Split ``BACKGROUND: x. METHODS: y.`` into ``[("BACKGROUND", "x."), ("METHODS", "y.")]``.

    Only an abstract that starts with a label is structured; otherwise it is one unlabelled part.
    """
    matches = [m for m in _LABEL.finditer(abstract) if len(m.group("label").replace(" ", "")) >= 3]
    if not matches or matches[0].start() != 0:
        return [(None, abstract)] if abstract else []
    parts: list[tuple[str | None, str]] = []
    for m, nxt in zip(matches, [*matches[1:], None]):
        body = abstract[m.end(): nxt.start() if nxt else len(abstract)].strip()
        if body:
            parts.append((m.group("label"), body))
    return parts


def _clean(value: str) -> str:
    return " ".join(value.split())


def document_from_fields(fields: list[tuple[str, str]], *, path: str = "<medline>", where: str = "") -> Document:
    """Build a Document from one record's ``(tag, value)`` fields (continuations already joined)."""
    first: dict[str, str] = {}
    for tag, value in fields:
        first.setdefault(tag, value)
    pmid = first.get("PMID", "").strip()
    if not pmid:
        raise ReaderError(path, f"record {where} has no PMID- field; every MEDLINE record needs one".replace("  ", " "))
    title = _clean(first.get("TI", ""))
    abstract = _clean(" ".join(v for t, v in fields if t == "AB"))
    paragraphs = [(label, section_label(label), body) for label, body in split_structured_abstract(abstract)]
    if not title and not paragraphs:
        raise ReaderError(path, "record has neither a title (TI) nor an abstract (AB); nothing to extract",
                          record=pmid)
    text, sections = assemble_text(title, paragraphs)

    doi = None
    for tag, value in fields:
        if tag in ("AID", "LID") and value.strip().endswith("[doi]"):
            doi = value.strip()[: -len("[doi]")].strip()
            if tag == "AID":
                break
    year_match = _YEAR.search(first.get("DP", ""))
    mesh = []
    for tag, value in fields:
        if tag == "MH":
            label = value.split("/", 1)[0].strip().lstrip("*").strip()
            if label:
                mesh.append(("", label))
    meta = DocumentMetadata(
        title=title or None,
        journal=_clean(first.get("TA", "")) or _clean(first.get("JT", "")) or None,
        year=int(year_match.group(1)) if year_match else None,
        pmid=pmid,
        doi=doi,
        pmcid=_clean(first.get("PMC", "")) or None,
        authors=[_clean(v) for t, v in fields if t == "AU" and v.strip()],
        mesh_headings=mesh,
        publication_types=[_clean(v) for t, v in fields if t == "PT" and v.strip()],
        source="medline",
    )
    return Document(id=pmid, text=text, sections=sections, metadata=meta)


def _records(path: Path) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """Yield ``(first line number, fields)`` per record, reading one line at a time."""
    fields: list[tuple[str, str]] = []
    start = 0
    with path.open("r", encoding="utf-8-sig", newline=None) as handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if fields:
                    yield start, fields
                    fields = []
                continue
            m = _FIELD.match(line)
            if m and not line.startswith(" "):
                if not fields:
                    start = lineno
                fields.append((m.group("tag"), m.group("value")))
            elif fields:
                # a continuation line (six spaces) or a stray wrapped line: both extend the value
                tag, value = fields[-1]
                fields[-1] = (tag, f"{value} {line.strip()}")
            else:
                raise ReaderError(path, f"line {lineno} is not a MEDLINE field ('TAG - value'): {line[:60]!r}; "
                                  "is this a MEDLINE/.nbib file?")
    if fields:
        yield start, fields


def iter_medline_safe(path: str | Path) -> Iterator[Document | ReaderError]:
    """Yield a Document per record, or a ReaderError for a record that cannot be read, and keep going."""
    path = Path(path)
    count = 0
    try:
        for start, fields in _records(path):
            count += 1
            try:
                yield document_from_fields(fields, path=str(path), where=f"at line {start}")
            except ReaderError as err:
                yield err
    except ReaderError as err:
        yield err
        return
    except UnicodeDecodeError as exc:
        yield ReaderError(path, f"is not valid UTF-8 (byte {exc.start} of a chunk: {exc.object[exc.start:exc.start + 1]!r}); "
                          "re-encode it, e.g. iconv -f latin1 -t utf-8")
        return
    except OSError as exc:
        yield ReaderError(path, f"cannot read file: {exc.strerror or exc}")
        return
    if count == 0:
        yield ReaderError(path, "holds no MEDLINE records (no 'PMID- ' lines); is this a MEDLINE/.nbib file?")


def iter_medline(path: str | Path) -> Iterator[Document]:
    """Yield the Documents of a MEDLINE/.nbib file; raise ReaderError at the first bad record."""
    for item in iter_medline_safe(path):
        if isinstance(item, ReaderError):
            raise item
        yield item
