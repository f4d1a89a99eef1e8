"""Narrow exceptions; each maps to one exit code of the ``kb`` command (see README, "Exit codes")."""

from __future__ import annotations


class KbError(Exception):
    """Base class: the message says what went wrong and how to fix it."""

    exit_code = 2
    heading = "Error"


class InputError(KbError):
    """An input file, paper id, parameter or query is unusable."""

    exit_code = 1
    heading = "Input error"


class UnknownPaper(InputError):
    """No paper with that id is in the knowledge base."""


class QueryError(InputError):
    """A SPARQL query is malformed or a named query does not exist."""

    heading = "Query error"


class StoreError(KbError):
    """The store could not be opened, read or written."""

    heading = "Store error"


class StoreLocked(StoreError):
    """Another process holds the embedded store."""


class StoreUnreachable(StoreError):
    """The SPARQL server (the remote store) did not answer: stopped, or not reachable."""


class StoreTimeout(StoreError):
    """The SPARQL server (the remote store) did not answer within the read timeout."""


class SourceError(KbError):
    """A remote source (PubMed, Europe PMC, ClinicalTrials.gov) failed (see ``kb.sources.http``)."""

    heading = "Source error"


class ExecutorError(KbError):
    """The Dask scheduler could not be reached or a unit of work failed."""

    heading = "Executor error"
