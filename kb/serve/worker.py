"""The store process: the server's one read-write opener of the Oxigraph store, which can be killed.

pyoxigraph evaluates a query in Rust and cannot be interrupted from Python: an aggregate over a
large join keeps a core busy (and memory held) until it finishes. So ``kb serve`` keeps the store
in a child process and waits for each answer at most the time limit; past it, the child is killed
and started again (RocksDB is crash-safe and an update commits whole or not at all, so a killed
update leaves nothing behind). Writes (``replace_graphs``, ``drop_graphs``) are never timed out.

:class:`StoreProcess` implements the :class:`kb.store.Store` protocol, so a ``KnowledgeBase`` can
run on it, and adds :meth:`StoreProcess.run` for the SPARQL protocol endpoint (the answer already
serialized in the negotiated format, with the row cap applied in the child). One request at a
time goes to the child; a request that waits longer than the time limit for its turn gets
:class:`StoreBusy`.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kb.errors import StoreError, StoreLocked
from kb.query import PREFIXES, term_json
from kb.serve.errors import QueryTimeout, ResultTooLarge, StoreBusy
from kb.store import graphs_from_nquads

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
TURTLE_PREFIXES = PREFIXES  # the same prefixes the named queries get


@dataclass
class Dataset:
    """The RDF dataset of one protocol request (SPARQL 1.1 Protocol, 2.1.4)."""

    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    union_default_graph: bool = True  # when neither the request nor the query names a dataset

    @property
    def given(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)

    def options(self) -> dict:
        if self.given:
            return {"default_graph": [ox.NamedNode(g) for g in self.default_graphs],
                    "named_graphs": [ox.NamedNode(g) for g in self.named_graphs]}
        return {"use_default_graph_as_union": self.union_default_graph}


@dataclass
class Answer:
    """What :meth:`StoreProcess.run` returns: the body, its media type and the query form."""

    body: bytes
    media_type: str | None  # None: the form's results cannot be given in any accepted type
    form: str  # select | ask | graph | update


# ---------------------------------------------------------------- the child


def _solutions_json(solutions: ox.QuerySolutions, max_rows: int | None) -> bytes:
    """SPARQL 1.1 Query Results JSON, raising :class:`ResultTooLarge` past ``max_rows`` rows."""
    names = [v.value for v in solutions.variables]
    bindings = []
    for n, sol in enumerate(solutions):
        if max_rows is not None and n >= max_rows:
            raise ResultTooLarge(
                f"the result has more than {max_rows} rows, the server's cap: add LIMIT (and OFFSET to page), "
                "or start the server with a higher --max-rows")
        row = {}
        for name in names:
            t = sol[name]
            if t is not None:
                row[name] = term_json(t)
        bindings.append(row)
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def serialize_select(result, media_type: str, max_rows: int | None) -> bytes:
    """SELECT solutions in a /sparql media type, under the row cap (shared by the embedded and remote stores)."""
    data = _solutions_json(result, max_rows)
    fmt = RESULT_FORMATS[media_type]
    if fmt == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


def serialize_triples(triples, media_type: str, max_rows: int | None) -> bytes:
    """CONSTRUCT/DESCRIBE triples, deduplicated, in a /sparql media type under the cap (both stores)."""
    kept: dict = {}  # a graph is a set: DESCRIBE over the union default graph repeats triples per paper graph
    for t in triples:
        kept[t] = None
        if max_rows is not None and len(kept) > max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} triples, the server's cap: narrow the "
                                 "query, or start the server with a higher --max-rows")
    fmt = GRAPH_FORMATS[media_type]
    prefixes = TURTLE_PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(kept, format=fmt, prefixes=prefixes) or b""


def serialized(result) -> tuple[str, bytes | bool]:
    """(form, data) of a query result, as it crosses a process or HTTP boundary: SELECT as SPARQL
    Results JSON, ASK as a bool, CONSTRUCT/DESCRIBE as N-Triples."""
    if isinstance(result, ox.QuerySolutions):
        return "select", _solutions_json(result, None)
    if isinstance(result, ox.QueryBoolean):
        return "ask", bool(result)
    return "graph", ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b""


class _Handler:
    """Runs in the child: one method per request kind."""

    def __init__(self, path: str):
        from kb.store import EmbeddedStore

        self.store = EmbeddedStore(Path(path))
        self.ox = self.store.oxigraph

    def query(self, sparql, substitutions, union_default_graph, named_graphs=None):
        return serialized(self.store.query(sparql, substitutions, union_default_graph=union_default_graph,
                                           named_graphs=named_graphs))

    def run(self, sparql, dataset: Dataset, select_type, graph_type, max_rows):
        result = self.ox.query(sparql, **dataset.options())
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            form = "select" if isinstance(result, ox.QuerySolutions) else "ask"
            if select_type is None:
                return Answer(b"", None, form)
            if form == "ask":
                return Answer(result.serialize(format=RESULT_FORMATS[select_type]), select_type, form)
            return Answer(serialize_select(result, select_type, max_rows), select_type, form)
        if graph_type is None:
            return Answer(b"", None, "graph")
        return Answer(serialize_triples(result, graph_type, max_rows), graph_type, "graph")

    def update(self, sparql):
        self.ox.update(sparql)
        self.store.flush()
        return Answer(b"", None, "update")

    def replace_graphs(self, nquads: Mapping[str, bytes]):
        self.store.replace_graphs(graphs_from_nquads(nquads))
        self.store.flush()

    def drop_graphs(self, iris):
        self.store.drop_graphs(iris)
        self.store.flush()

    def graph_names(self):
        return self.store.graph_names()

    def quad_count(self):
        return self.store.quad_count()

    def export(self, fmt, graph_iri):
        return self.store.export(fmt, graph_iri)


def child_entry(fd: int, path: str) -> None:
    """``python -c`` entry of the store process: requests arrive on the socket ``fd``."""
    _child_main(Connection(fd), path)


def _child_main(conn, path: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then closes this process
    try:
        handler = _Handler(path)
    except StoreError as exc:
        conn.send(("error", type(exc).__name__, str(exc)))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):  # the server went away
            return
        if op == "close":
            handler.store.close()
            conn.send(("ok", None, None))
            return
        try:
            conn.send(("ok", getattr(handler, op)(*args), None))
        except SyntaxError as exc:
            conn.send(("error", "SyntaxError", str(exc)))
        except (ResultTooLarge, StoreError) as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except (OSError, ValueError, RuntimeError, TypeError) as exc:
            conn.send(("error", "OSError", str(exc)))


# ---------------------------------------------------------------- the parent

_ERRORS = {"SyntaxError": SyntaxError, "ResultTooLarge": ResultTooLarge, "StoreLocked": StoreLocked,
           "StoreError": StoreError, "OSError": OSError}


class StoreProcess:
    """The Store protocol over a killable child process that holds ``path`` read-write."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, max_rows: int = 10_000):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self.max_rows = max_rows
        self.generation = 0  # bumped by every write: caches of derived views key on it
        self.restarts = 0
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._start()

    # -- process lifecycle
    def _start(self) -> None:
        # A plain subprocess on a socket pair (not multiprocessing's spawn, which re-imports the
        # parent's __main__ module): the child imports kb.serve.worker and nothing else.
        mine, theirs = socket.socketpair()
        code = "import sys; from kb.serve.worker import child_entry; child_entry(int(sys.argv[1]), sys.argv[2])"
        try:
            proc = subprocess.Popen([sys.executable, "-c", code, str(theirs.fileno()), str(self.path)],
                                    pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        finally:
            theirs.close()
        conn = Connection(mine.detach())
        if not conn.poll(60):
            proc.kill()
            proc.wait()
            conn.close()
            raise StoreError(f"the store process for {self.path} did not start within 60 s")
        try:
            status, kind, message = conn.recv()
        except EOFError as exc:
            proc.wait()
            conn.close()
            raise StoreError(f"the store process for {self.path} exited while opening the store") from exc
        if status != "ready":
            proc.wait(10)
            conn.close()
            raise _ERRORS.get(kind, StoreError)(message)
        self._proc, self._conn = proc, conn

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(10)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def _call(self, op: str, *args, timeout: float | None):
        """Send one request; wait at most ``timeout`` seconds for the turn and for the answer."""
        start = time.monotonic()
        if not self._lock.acquire(timeout=-1 if timeout is None else timeout):
            raise StoreBusy(f"the store was busy with other queries for more than {timeout:g} s; try again")
        try:
            if not self._alive():
                self._kill()
                self._start()
                self.restarts += 1
            self._conn.send((op, args))
            left = None if timeout is None else max(0.0, timeout - (time.monotonic() - start))
            if not self._conn.poll(left):
                self._kill()
                self._start()
                self.restarts += 1
                raise QueryTimeout(f"the query ran longer than the time limit of {timeout:g} s and was stopped "
                                   f"(start the server with --timeout to change the limit)")
            try:
                status, value, message = self._conn.recv()
            except EOFError as exc:
                self._kill()
                raise StoreError("the store process ended while answering; it is restarted for the next "
                                 "request") from exc
            if status == "error":
                raise _ERRORS.get(value, StoreError)(message)
            return value
        finally:
            self._lock.release()

    # -- the SPARQL protocol
    def run(self, sparql: str, dataset: Dataset, *, select_type: str | None, graph_type: str | None) -> Answer:
        return self._call("run", sparql, dataset, select_type, graph_type, self.max_rows, timeout=self.timeout)

    def update(self, sparql: str) -> Answer:
        try:
            return self._call("update", sparql, timeout=self.timeout)
        finally:
            self.generation += 1

    # -- the Store protocol
    def query_serialized(self, sparql: str, substitutions=None, *, union_default_graph: bool = True,
                         named_graphs: list[str] | None = None) -> tuple[str, bytes | bool]:
        """(form, data): SELECT as SPARQL Results JSON, ASK as a bool, CONSTRUCT/DESCRIBE as N-Triples."""
        return self._call("query", sparql, dict(substitutions or {}), union_default_graph, named_graphs,
                          timeout=self.timeout)

    def query(self, sparql: str, substitutions=None, *, union_default_graph: bool = True,
              named_graphs: list[str] | None = None):
        """``named_graphs`` restricts GRAPH patterns (one paper's graph for a paper page)."""
        form, data = self.query_serialized(sparql, substitutions, union_default_graph=union_default_graph,
                                           named_graphs=named_graphs)
        if form == "select":
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if form == "ask":
            return ox.parse_query_results(json.dumps({"head": {}, "boolean": data}).encode(),
                                          format=ox.QueryResultsFormat.JSON)
        return iter(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))

    def replace_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        self.replace_graphs_nquads({iri: ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
                                    for iri, quads in graphs.items()})

    def replace_graphs_nquads(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each graph by the N-Quads given for it, all in one transaction."""
        if not graphs:
            return
        try:
            self._call("replace_graphs", dict(graphs), timeout=None)
        finally:
            self.generation += 1

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        try:
            self._call("drop_graphs", list(graph_iris), timeout=None)
        finally:
            self.generation += 1

    def graph_names(self) -> list[str]:
        return self._call("graph_names", timeout=self.timeout)

    def quad_count(self) -> int:
        return self._call("quad_count", timeout=self.timeout)

    def export(self, fmt: str, graph_iri: str | None = None) -> bytes:
        return self._call("export", fmt, graph_iri, timeout=None)

    def close(self) -> None:
        with self._lock:
            if self._alive() and self._conn is not None:
                try:
                    self._conn.send(("close", ()))
                    if self._conn.poll(30):
                        self._conn.recv()
                    self._proc.wait(10)
                except (OSError, EOFError, subprocess.TimeoutExpired):
                    pass
            self._kill()
