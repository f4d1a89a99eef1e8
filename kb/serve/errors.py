"""Exceptions of the HTTP app and its store process. Each carries the HTTP status it is answered with.

Library exceptions (``kb.errors`` and these) are mapped to statuses in one table, ``kb.serve.app.STATUS``.
"""

from __future__ import annotations

from kb.errors import QueryError, StoreError


class HttpError(Exception):
    """An error answered with ``status``; the message is shown to the client as is."""

    status = 500

    def __init__(self, message: str, *, status: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status
        self.headers = headers or {}


class BadRequest(HttpError):
    """The request is malformed (missing parameter, bad query, unreadable body)."""

    status = 400


class Forbidden(HttpError):
    """The request is understood but not allowed (an update without the server's token)."""

    status = 403


class NotFound(HttpError):
    """No such page, paper or entity."""

    status = 404


class NotAcceptable(HttpError):
    """None of the media types the client accepts can be produced."""

    status = 406


class PayloadTooLarge(HttpError):
    """The request body is larger than the limit."""

    status = 413


class UnsupportedMediaType(HttpError):
    """The request body has a Content-Type this route does not read."""

    status = 415


class QueryRefused(QueryError):
    """The query asks for something this endpoint never does (SERVICE, LOAD): nothing was run."""


class QueryTimeout(StoreError):
    """The query ran longer than the server's time limit and was stopped."""


class ResultTooLarge(QueryError):
    """The result has more rows than the server's cap; nothing partial is returned."""


class StoreBusy(StoreError):
    """The store process was busy for longer than the time limit."""


class StoreUnavailable(StoreError):
    """The remote store (a SPARQL server) did not answer; the request may succeed later."""


class ServerUnreachable(StoreError):
    """A running `kb serve` was found in serve.json but did not answer."""
