"""Readers turn input files into :class:`~extract.records.Document` objects.

``read_path(path)`` picks the reader by file name; each reader raises :class:`ReaderError`
naming the file (and record) and the problem, so the CLI can report it and add nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from extract.records import Document

#: Suffixes ``kb add DIR`` picks up when walking a directory.
ARTICLE_SUFFIXES = (".txt", ".xml", ".xml.gz", ".nbib", ".medline")
#: Files larger than this are refused (a guard against mistaken inputs, not a format limit).
MAX_TEXT_BYTES = 20 * 1024 * 1024


class ReaderError(ValueError):
    """An input file (or one record in it) cannot be read as an article."""

    def __init__(self, path: str | Path, message: str, record: str | None = None):
        self.path = str(path)
        self.record = record
        self.message = message
        where = f"{self.path} (record {record})" if record else self.path
        super().__init__(f"{where}: {message}")


def reader_for(path: Path) -> str:
    """Name of the reader for ``path``: ``text``, ``pubmed-xml`` or ``medline`` (also a .txt
    file that starts with a MEDLINE ``PMID-`` line)."""
    name = path.name.lower()
    if name.endswith((".xml", ".xml.gz")):
        return "pubmed-xml"
    if name.endswith((".nbib", ".medline")):
        return "medline"
    try:
        with path.open("rb") as fh:
            if fh.read(64).lstrip().startswith(b"PMID-"):
                return "medline"
    except OSError:
        pass
    return "text"


def read_path(path: str | Path) -> Iterator[Document | ReaderError]:
    """The documents in one file. A text file is one document and raises ReaderError when it
    is unusable; a PubMed XML or MEDLINE file may hold thousands of records, so a bad record is
    yielded as a ReaderError naming it and the others still come."""
    path = Path(path)
    kind = reader_for(path)
    if kind == "text":
        from extract.readers.text import read_text_file

        yield read_text_file(path)
    elif kind == "pubmed-xml":
        from extract.readers.pubmed_xml import iter_pubmed_xml_safe

        yield from iter_pubmed_xml_safe(path)
    else:
        from extract.readers.medline import iter_medline_safe

        yield from iter_medline_safe(path)
