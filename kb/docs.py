"""Source documents, their metadata and extraction runs, in SQLite through sqlite-utils.

Keeping the text lets ``kb reextract`` re-run an improved pipeline without the original files.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from extract.records import Document, DocumentMetadata, Section

SCHEMA_VERSION = 1


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class DocumentStore:
    """The ``papers`` and ``runs`` tables (and, for the HTTP clients, the same database file)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA busy_timeout=10000")
        self._migrate()

    def _migrate(self) -> None:
        if "papers" not in self.db.table_names():
            self.db["papers"].create({
                "id": str, "sha256": str, "text": str, "sections": str, "metadata": str, "source": str,
                "title": str, "added_at": str, "extracted_at": str, "extractor_version": str, "counts": str,
            }, pk="id")
        if "runs" not in self.db.table_names():
            self.db["runs"].create({
                "id": int, "started_at": str, "finished_at": str, "command": str, "extractor_version": str,
                "added": int, "replaced": int, "skipped": int, "failed": int, "status": str,
            }, pk="id")
        if "loading" not in self.db.table_names():
            # graphs being bulk-loaded right now: a note committed before the load, removed with
            # the papers' rows; one left behind names a load that died half-way (see KnowledgeBase)
            self.db["loading"].create({"graph": str}, pk="graph")
        self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def mark_loading(self, graph_iris: list[str]) -> None:
        """Note (committed at once) the graphs about to be bulk-loaded."""
        with self.db.conn:
            self.db["loading"].insert_all(({"graph": g} for g in graph_iris), replace=True)

    def loading(self) -> list[str]:
        return [r["graph"] for r in self.db["loading"].rows]

    def clear_loading(self, graph_iris: list[str]) -> None:
        """Inside the caller's transaction, with the papers' rows."""
        for i in range(0, len(graph_iris), 500):
            chunk = graph_iris[i:i + 500]
            self.db.execute(f"DELETE FROM loading WHERE graph IN ({','.join('?' * len(chunk))})", chunk)

    def get(self, paper_id: str) -> dict | None:
        rows = list(self.db["papers"].rows_where("id = ?", [paper_id]))
        return rows[0] if rows else None

    def fingerprints(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """paper id -> (sha256, extractor version) for the ids already stored."""
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT id, sha256, extractor_version FROM papers WHERE id IN ({marks})", chunk):
                out[row[0]] = (row[1], row[2])
        return out

    def upsert_rows(self, rows: list[dict]) -> None:
        """Write rows inside the caller's transaction (``with kb.docs.db.conn:``)."""
        if rows:
            self.db["papers"].upsert_all(rows, pk="id")

    @staticmethod
    def row_for(document: Document, extractor_version: str, counts: dict[str, int]) -> dict:
        meta = asdict(document.metadata)
        return {
            "id": document.id,
            "sha256": document.sha256,
            "text": document.text,
            "sections": json.dumps([[s.label, s.start, s.end] for s in document.sections]),
            "metadata": json.dumps(meta),
            "source": document.metadata.source,
            "title": document.metadata.title,
            "added_at": now(),
            "extracted_at": now(),
            "extractor_version": extractor_version,
            "counts": json.dumps(counts),
        }

    @staticmethod
    def document_from_row(row: dict) -> Document:
        meta = json.loads(row["metadata"] or "{}")
        meta["mesh_headings"] = [tuple(x) for x in meta.get("mesh_headings", [])]
        meta["chemicals"] = [tuple(x) for x in meta.get("chemicals", [])]
        sections = [Section(label, s, e) for label, s, e in json.loads(row["sections"] or "[]")]
        return Document(id=row["id"], text=row["text"], sections=sections, metadata=DocumentMetadata(**meta))

    def delete(self, paper_id: str) -> None:
        self.db["papers"].delete_where("id = ?", [paper_id])

    def list(self) -> list[dict]:
        return list(self.db.query(
            "SELECT id, title, source, added_at, extractor_version, counts FROM papers ORDER BY id"))

    def count(self) -> int:
        return self.db["papers"].count

    def iter_documents(self, outdated_from: str | None = None):
        """Stored documents, all or only those extracted by another extractor version."""
        where = "extractor_version != ?" if outdated_from else None
        args = [outdated_from] if outdated_from else []
        for row in self.db["papers"].rows_where(where, args, order_by="id"):
            yield self.document_from_row(row)

    def start_run(self, command: str, extractor_version: str) -> int:
        return self.db["runs"].insert({"started_at": now(), "command": command, "extractor_version": extractor_version,
                                       "status": "running"}).last_pk

    def finish_run(self, run_id: int, *, status: str, added: int, replaced: int, skipped: int, failed: int) -> None:
        self.db["runs"].update(run_id, {"finished_at": now(), "status": status, "added": added, "replaced": replaced,
                                        "skipped": skipped, "failed": failed})

    def close(self) -> None:
        self.db.close()
