"""Readers turn input files into :class:`~extract.records.Document` objects.

``read_path(path)`` picks the reader by file name; each reader raises :class:`ReaderError`
naming the file (and record) and the problem, so the CLI can report it and add nothing.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from extract.records import Document

#: Suffixes ``kb add DIR`` picks up when walking a directory.
ARTICLE_SUFFIXES = (".txt", ".xml", ".xml.gz", ".nxml", ".nbib", ".medline")  # (.nxml: PMC's open-access JATS files)
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


_FIRST_ELEMENT = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")


def _xml_root(path: Path) -> str | None:
    """The name of an XML file's first element (a DOCTYPE and comments skipped), from its first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            stream = gzip.GzipFile(fileobj=fh) if head == b"\x1f\x8b" else fh
            data = stream.read(65536)
    except (OSError, EOFError, zlib.error):
        return None  # (the reader reports what is wrong with the file)
    data = re.sub(rb"<!--.*?-->", b"", data, flags=re.S)
    m = _FIRST_ELEMENT.search(data)
    return m.group(1).decode("ascii", "replace").rsplit(":", 1)[-1] if m else None


def reader_for(path: Path) -> str:
    """Name of the reader for ``path``: ``text``, ``pubmed-xml``, ``jats`` (a .nxml file, or an XML file
    whose root is a JATS ``<article>`` or ``<pmc-articleset>``) or ``medline`` (also a .txt file that
    starts with a MEDLINE ``PMID-`` line)."""
    name = path.name.lower()
    if name.endswith(".nxml"):
        return "jats"
    if name.endswith((".xml", ".xml.gz")):
        return "jats" if _xml_root(path) in ("article", "pmc-articleset") else "pubmed-xml"
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
    is unusable; a PubMed XML, JATS or MEDLINE file may hold many records, so a bad record is
    yielded as a ReaderError naming it and the others still come."""
    path = Path(path)
    kind = reader_for(path)
    if kind == "text":
        from extract.readers.text import read_text_file

        yield read_text_file(path)
    elif kind == "pubmed-xml":
        from extract.readers.pubmed_xml import iter_pubmed_xml_safe

        yield from iter_pubmed_xml_safe(path)
    elif kind == "jats":
        from extract.readers.jats import iter_jats_safe

        yield from iter_jats_safe(path)
    else:
        from extract.readers.medline import iter_medline_safe

        yield from iter_medline_safe(path)
