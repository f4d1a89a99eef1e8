"""Where extraction runs: in this process (or a local pool), or on a Dask cluster.

``make_executor("local" | "dask", scheduler=None, workers=N).extract(documents)`` yields one
:class:`~extract.records.Extraction` per document, in input order, whatever the executor. The
caller (``KnowledgeBase.add_documents``) stays the one writer: it loads what comes back into the
store in batches.

Dask (``dask.distributed``):

- ``scheduler="tcp://HOST:8786"`` connects to a running cluster (``dask scheduler`` plus
  ``dask worker`` processes); without it a ``LocalCluster`` of ``workers`` single-threaded worker
  processes is started (``workers`` <= 1 means one per core) and kept for the life of this process.
- A unit of work is a list of up to ``unit_size`` documents. Workers build one ``Extractor`` per
  process (a module-level cache, warmed on every worker when the executor starts) and send back
  plain ``Extraction`` dataclasses.
- At most ``window`` units are in flight at once, so a long input never floods the scheduler.
- Keys are content hashes of the unit (ids, text hashes, extractor version), so the same unit
  submitted twice on a live cluster is computed once.

Resuming: the ledger of finished work is the knowledge base's ``papers`` table. A batch's rows
are committed only after its graphs are in the store, and a paper whose text and extractor
version are unchanged is skipped before extraction, so a killed run, run again, extracts only the
papers not yet written and adds nothing twice (tests/test_executors.py kills one to show it).
Extraction is deterministic: the same documents give equal Extractions in one process, in a local
pool or on Dask (only the run timestamp ``prov:startedAtTime`` in the graph differs between runs).
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Protocol

from extract.records import Document, Extraction
from kb.errors import ExecutorError, InputError

__all__ = ["Executor", "ExecutorError", "LocalExecutor", "DaskExecutor", "make_executor", "close_executors",
           "EXECUTORS"]

log = logging.getLogger(__name__)

EXECUTORS = ("local", "dask")
DEFAULT_UNIT_SIZE = 16


class Executor(Protocol):
    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]: ...

    def close(self) -> None: ...


# ------------------------------------------------------------------------------------------
# Worker side: one Extractor per process, built on first use.

_EXTRACTOR = None
_EXTRACTOR_LOCK = threading.Lock()


def worker_extractor():
    """This process's Extractor (the lexicon is loaded once per worker process)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        with _EXTRACTOR_LOCK:
            if _EXTRACTOR is None:
                from extract.pipeline import Extractor

                _EXTRACTOR = Extractor()
    return _EXTRACTOR


def extract_unit(documents: list[Document]) -> list[Extraction]:
    """The task a worker runs: one unit of documents in, their Extractions out (same order)."""
    extractor = worker_extractor()
    return [extractor.extract(d) for d in documents]


def warm_up() -> str:
    """Build the worker's Extractor now, so the first unit does not pay for it."""
    return worker_extractor().version


def unit_key(documents: list[Document], version: str) -> str:
    h = hashlib.sha256(version.encode())
    for d in documents:
        h.update(b"\x1f" + d.id.encode("utf-8") + b"\x1e" + d.sha256.encode())
    return f"ekb-extract-{h.hexdigest()[:32]}"


def units(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    unit: list[Document] = []
    for d in documents:
        unit.append(d)
        if len(unit) >= size:
            yield unit
            unit = []
    if unit:
        yield unit


# ------------------------------------------------------------------------------------------

class LocalExecutor:
    """Extraction in this process, or in a fork pool of ``workers`` processes."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        return worker_extractor().extract_many(documents, workers=self.workers)

    def close(self) -> None:
        pass


class DaskExecutor:
    """Extraction on a Dask cluster; results come back in input order."""

    def __init__(self, scheduler: str | None = None, workers: int = 0, *, unit_size: int = DEFAULT_UNIT_SIZE,
                 window: int | None = None, client=None, warm: bool = True, connect_timeout: float = 20.0):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise InputError("--executor dask needs Dask: pip install 'dask[distributed]' "
                             "(or evidencekb[scale])") from exc
        self.scheduler = scheduler
        self.unit_size = max(1, unit_size)
        self._cluster = None
        self._own_client = client is None
        if client is not None:
            self.client = client
        elif scheduler:
            self.client = _connect(Client, scheduler, connect_timeout)
        else:
            n = workers if workers and workers > 1 else (os.cpu_count() or 1)
            self._cluster = LocalCluster(n_workers=n, processes=True, threads_per_worker=1,
                                         dashboard_address=None, silence_logs=logging.WARNING)
            self.client = Client(self._cluster)
        self.window = window or max(4, 3 * self.n_workers())
        from extract.pipeline import EXTRACTOR_VERSION

        self.version = EXTRACTOR_VERSION
        if warm:
            self.warm_up()

    def n_workers(self) -> int:
        return max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))

    def warm_up(self) -> None:
        """Build the Extractor on every worker (in its task thread, not its event loop)."""
        workers = list(self.client.scheduler_info(n_workers=-1).get("workers", {}))
        futures = [self.client.submit(warm_up, workers=[w], allow_other_workers=False, pure=False) for w in workers]
        self.client.gather(futures)

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        in_flight: deque = deque()
        for unit in units(documents, self.unit_size):
            in_flight.append(self.client.submit(extract_unit, unit, key=unit_key(unit, self.version)))
            if len(in_flight) >= self.window:
                yield from self._take(in_flight.popleft())
        while in_flight:
            yield from self._take(in_flight.popleft())

    @staticmethod
    def _take(future) -> list[Extraction]:
        result = future.result()
        future.release()
        return result

    def close(self) -> None:
        if self._own_client:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _connect(client_cls, scheduler: str, timeout: float = 20.0):
    try:
        return client_cls(scheduler, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one with "
                         "`dask scheduler --port 8786` and workers with `dask worker tcp://HOST:8786`.") from exc


# ------------------------------------------------------------------------------------------
# One executor per (kind, scheduler, workers) per process: KnowledgeBase asks once per batch.

_EXECUTORS: dict[tuple, Executor] = {}
_LOCK = threading.Lock()


def make_executor(name: str = "local", *, scheduler: str | None = None, workers: int = 1, **options) -> Executor:
    """The executor ``kb add --executor NAME`` uses; Dask ones are started once and reused."""
    if name == "local":
        return LocalExecutor(workers)
    if name != "dask":
        raise InputError(f"unknown executor {name!r}; use one of: {', '.join(EXECUTORS)}")
    key = (name, scheduler, None if scheduler else workers, tuple(sorted(options.items())))
    with _LOCK:
        ex = _EXECUTORS.get(key)
        if ex is None:
            ex = _EXECUTORS[key] = DaskExecutor(scheduler, workers, **options)
        return ex


def close_executors() -> None:
    """Close every cached executor (their clients and LocalClusters); runs at exit too."""
    with _LOCK:
        items = list(_EXECUTORS.values())
        _EXECUTORS.clear()
    for ex in items:
        try:
            ex.close()
        except Exception as exc:  # noqa: BLE001 - shutting down: report, never raise
            log.warning("closing executor: %s", exc)


atexit.register(close_executors)
