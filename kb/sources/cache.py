"""Raw HTTP responses kept in SQLite (sqlite-utils), so a re-run fetches nothing it already has.

One row per (method, URL, request body): the URL is the canonical one (sorted query, without
credentials such as ``api_key``), the body is stored as bytes with its content type, status
and the UTC time it was fetched, which is the provenance a record cites.

A batch response (one efetch for 200 PMIDs) is stored once, as received; ``http_cache_items``
maps each item asked for in it (``pubmed:30410720``) to that row, so a later run that asks for
the same PMID in another batch finds it without a request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

__all__ = ["CachedResponse", "HttpCache", "cache_key", "body_hash"]

TABLE = "http_cache"
ITEMS = "http_cache_items"


@dataclass(frozen=True)
class CachedResponse:
    """A stored response; ``fetched_at`` is an ISO 8601 UTC time."""

    url: str
    method: str
    status: int
    content_type: str
    body: bytes
    fetched_at: str
    key: str = ""


def body_hash(body: bytes | None) -> str:
    """SHA-256 of a request body ('' for none), part of the cache key of a POST."""
    return hashlib.sha256(body).hexdigest() if body else ""


def cache_key(method: str, url: str, body: bytes | None = None) -> str:
    """The row key: a hash of the method, canonical URL and body hash."""
    return hashlib.sha256(f"{method.upper()} {url} {body_hash(body)}".encode()).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class HttpCache:
    """The ``http_cache`` table of a sqlite-utils Database."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.table = db[TABLE]
        if not self.table.exists():
            self.table.create(
                {
                    "key": str,
                    "url": str,
                    "method": str,
                    "body_hash": str,
                    "status": int,
                    "content_type": str,
                    "body": bytes,
                    "fetched_at": str,
                },
                pk="key",
            )
            self.table.create_index(["url"])
        self.items = db[ITEMS]
        if not self.items.exists():
            self.items.create({"item": str, "key": str}, pk="item", foreign_keys=[("key", TABLE, "key")])

    def get(self, method: str, url: str, body: bytes | None = None) -> CachedResponse | None:
        """The stored response for this request, or None."""
        return self._row(cache_key(method, url, body))

    def _row(self, key: str) -> CachedResponse | None:
        try:
            row = self.table.get(key)
        except sqlite_utils.db.NotFoundError:
            return None
        return CachedResponse(
            url=row["url"], method=row["method"], status=row["status"], content_type=row["content_type"] or "",
            body=bytes(row["body"] or b""), fetched_at=row["fetched_at"], key=key,
        )

    def link(self, items: list[str], key: str) -> None:
        """Record that the response stored under ``key`` holds these items (``pubmed:<PMID>``)."""
        self.items.upsert_all([{"item": item, "key": key} for item in items], pk="item")

    def find(self, item: str) -> CachedResponse | None:
        """The stored response that holds ``item``, or None."""
        try:
            row = self.items.get(item)
        except sqlite_utils.db.NotFoundError:
            return None
        return self._row(row["key"])

    def put(self, method: str, url: str, body: bytes | None, *, status: int, content_type: str,
            content: bytes, fetched_at: str | None = None) -> CachedResponse:
        """Store (or replace) the response to this request and return it as cached."""
        key = cache_key(method, url, body)
        entry = CachedResponse(url=url, method=method.upper(), status=status, content_type=content_type,
                               body=content, fetched_at=fetched_at or utc_now(), key=key)
        self.table.upsert(
            {
                "key": key,
                "url": url,
                "method": entry.method,
                "body_hash": body_hash(body),
                "status": status,
                "content_type": content_type,
                "body": content,
                "fetched_at": entry.fetched_at,
            },
            pk="key",
        )
        return entry

    def delete(self, key: str) -> None:
        """Forget a stored response (and the items that pointed at it): the next run fetches it again."""
        self.items.delete_where("key = ?", [key])
        self.table.delete_where("key = ?", [key])

    def __len__(self) -> int:
        return self.table.count
