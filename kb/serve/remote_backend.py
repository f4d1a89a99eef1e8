"""``kb --store URL serve``: the HTTP app on a SPARQL server instead of the embedded store.

:class:`RemoteBackend` offers the app what :class:`kb.serve.worker.StoreProcess` offers it (``run``
and ``update`` for ``/sparql``, the Store protocol for the knowledge base and the ``/-/store/``
routes, ``generation``) and forwards each call to a :class:`kb.remote.RemoteStore`, which owns
endpoints, credentials, timeouts and retries. The app's checks (read-only unless a token,
``SERVICE``/``LOAD`` refused, body limit) run before any call reaches this class.

- **/sparql.** The query goes upstream with its dataset (``default-graph-uri``/``named-graph-uri``,
  else the union default graph unless the query has ``FROM``). The answer is asked for as SPARQL
  Results JSON or N-Triples, parsed as it streams in and written in the negotiated type by the
  embedded path's own serializers, so the row cap stops reading past ``max_rows`` and both
  servers give the same bytes. (Forwarding ``Accept`` upstream would leave the cap uncheckable.)
- **Time limit.** ``timeout`` is the upstream read timeout and a deadline for reading the whole
  answer; past it the request gets :class:`QueryTimeout` (503) as on the embedded store. The
  SPARQL server itself may compute on until its own limit (``oxigraph serve --timeout-s``).
- **Unreachable.** The first check at start raises ``StoreUnreachable`` (``kb`` exits 2); later
  requests get :class:`StoreUnavailable` (503), the details go to the log (they name the server,
  never credentials).
- **generation** (the entity graph's cache key): bumped by every write through this server, and,
  for writes by others (``kb --store URL add`` elsewhere), by a change of the paper graphs' run
  marker: the count and latest ``prov:startedAtTime`` of the runs, one per paper graph. It is read
  through the predicate index (one row per paper, not a scan of every quad), at most every
  ``recheck`` seconds. Edits that touch no run (a SPARQL update sent to the server directly) show
  up after this server's next write or restart.
- **Threads.** Each thread has its own ``RemoteStore`` (requests sessions are not shared); queries run
  concurrently, unlike the embedded store's one-at-a-time process.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping

import pyoxigraph as ox
import requests
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ReadTimeoutError

from kb.errors import StoreTimeout, StoreUnreachable
from kb.remote import N_TRIPLES, RESULTS_JSON, RemoteStore, query_form
from kb.serve.errors import QueryTimeout, StoreUnavailable
from kb.serve.worker import (
    RESULT_FORMATS,
    Answer,
    Dataset,
    serialize_select,
    serialize_triples,
    serialized,
)
from kb.store import graphs_from_nquads

log = logging.getLogger("kb.serve")

RUN_MARKER = """SELECT (COUNT(?t) AS ?runs) (MAX(?t) AS ?latest) WHERE {
  GRAPH ?g { ?run <http://www.w3.org/ns/prov#startedAtTime> ?t }
  FILTER(STRSTARTS(STR(?g), STR(?_prefix)))
}"""
CHUNK = 64 * 1024


class _Body(io.RawIOBase):
    """An answer's body as a file for pyoxigraph's parsers, raising once the time limit has passed."""

    def __init__(self, resp: requests.Response, deadline: float, timeout: float):
        self._raw = resp.raw
        # what has arrived so far (urllib3 2); urllib3 1.26 has only read(), which waits for the whole amount,
        # so there the limit is checked less often
        self._read = getattr(resp.raw, "read1", None) or resp.raw.read
        self._deadline = deadline
        self._timeout = timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if time.monotonic() > self._deadline:
            raise _timeout(self._timeout)
        try:
            data = self._read(min(len(buffer), CHUNK), decode_content=True)
        except ReadTimeoutError:
            raise _timeout(self._timeout) from None
        except Urllib3Error as exc:
            raise _unavailable(exc) from None
        buffer[:len(data)] = data
        return len(data)


def _timeout(limit: float) -> QueryTimeout:
    return QueryTimeout(f"the query ran longer than the time limit of {limit:g} s (start the server with --timeout "
                        "to change the limit; the SPARQL server may go on until its own time limit)")


def _unavailable(exc: Exception) -> StoreUnavailable:
    log.warning("remote store: %s", exc)  # names the server, never credentials (kb.remote keeps them out)
    return StoreUnavailable("the SPARQL server behind this knowledge base (the remote store) did not answer: "
                            "it may be stopped or restarting. Try again later; the server log has the details.")


class RemoteBackend:
    """The app's store interface over a SPARQL server; ``connect`` makes one ``RemoteStore`` per thread."""

    def __init__(self, connect: Callable[[], RemoteStore], *, timeout: float = 30.0, max_rows: int = 10_000,
                 recheck: float = 5.0):
        self._connect = connect
        self.timeout = timeout
        self.max_rows = max_rows
        self.recheck = recheck
        self._local = threading.local()
        self._opened: list[RemoteStore] = []
        self._opened_lock = threading.Lock()
        self._lock = threading.Lock()  # the generation and its marker
        self._generation = 0
        self._marker = self._read_marker()  # at start: an unreachable server is an error now, with how to fix it
        self._next_check = time.monotonic() + recheck

    @classmethod
    def from_url(cls, url: str, **kwargs) -> RemoteBackend:
        """For ``--store URL`` / ``KB_STORE``; the rest (credentials, endpoints) from ``KB_STORE_*``."""
        return cls(lambda: RemoteStore.from_url(url), **kwargs)

    @property
    def origin(self) -> str:
        """The SPARQL server's query endpoint, without credentials (for the start-up line)."""
        return self.store().origin

    def store(self) -> RemoteStore:
        """This thread's RemoteStore."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._connect()
            with self._opened_lock:
                self._opened.append(store)
        return store

    @contextlib.contextmanager
    def _answering(self) -> Iterator[None]:
        """The remote store's failures as the app answers them: 503 for a timeout or a server that is gone."""
        try:
            yield
        except StoreTimeout:
            raise _timeout(self.timeout) from None
        except StoreUnreachable as exc:
            raise _unavailable(exc) from None

    # -- generation
    def _read_marker(self) -> tuple[str | None, ...]:
        store = self.store()
        row = next(iter(store.query(RUN_MARKER, {"_prefix": ox.Literal(store.graph_prefix)},
                                    union_default_graph=False, read_timeout=self.timeout)), None)
        return (None, None) if row is None else tuple(None if t is None else t.value for t in (row[0], row[1]))

    @property
    def generation(self) -> int:
        """Changes when the store's paper graphs may have changed (see the module's doc)."""
        with self._lock:
            if time.monotonic() >= self._next_check:
                with self._answering():
                    marker = self._read_marker()
                self._next_check = time.monotonic() + self.recheck
                if marker != self._marker:
                    self._marker = marker
                    self._generation += 1
            return self._generation

    def _written(self) -> None:
        with self._lock:
            self._generation += 1
            self._next_check = 0.0  # take the new marker at the next read, so this write counts once

    # -- the SPARQL protocol
    def run(self, sparql: str, dataset: Dataset, *, select_type: str | None, graph_type: str | None) -> Answer:
        """Answer a /sparql query in ``select_type`` (SELECT, ASK) or ``graph_type`` (CONSTRUCT, DESCRIBE)."""
        form = query_form(sparql)  # SyntaxError when there is no query form: a 400 like the embedded parser's
        kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else form.lower()
        media = graph_type if kind == "graph" else select_type
        if media is None:  # nothing the client accepts: no need to run it
            return Answer(b"", None, kind)
        deadline = time.monotonic() + self.timeout
        with self._answering():
            resp = self.store().query_response(
                sparql, accept=N_TRIPLES if kind == "graph" else RESULTS_JSON,
                union_default_graph=dataset.union_default_graph, default_graphs=dataset.default_graphs,
                named_graphs=dataset.named_graphs, read_timeout=self.timeout, stream=True)
        with resp:
            ctype = resp.headers.get("Content-Type", "").lower()
            body = _Body(resp, deadline, self.timeout)
            try:
                if kind == "graph":
                    fmt = ox.RdfFormat.TURTLE if "turtle" in ctype else ox.RdfFormat.N_TRIPLES
                    data = serialize_triples((q.triple for q in ox.parse(body, fmt)), media, self.max_rows)
                else:
                    fmt = ox.QueryResultsFormat.XML if "xml" in ctype else ox.QueryResultsFormat.JSON
                    result = ox.parse_query_results(body, fmt)
                    data = result.serialize(format=RESULT_FORMATS[media]) if kind == "ask" else \
                        serialize_select(result, media, self.max_rows)
            except (SyntaxError, ValueError) as exc:  # the server cut its answer (its own time limit) or sent junk
                raise RemoteStore.unreadable(resp, exc) from exc
        return Answer(data, media, kind)

    def update(self, sparql: str) -> Answer:
        try:
            with self._answering():
                self.store().update(sparql, read_timeout=self.timeout)
        finally:
            self._written()
        return Answer(b"", None, "update")

    # -- the Store protocol (the knowledge base, the browser's API) and the /-/store/ routes
    def query(self, sparql: str, substitutions=None, *, union_default_graph: bool = True,
              named_graphs: list[str] | None = None):
        with self._answering():
            return self.store().query(sparql, substitutions, union_default_graph=union_default_graph,
                                      read_timeout=self.timeout, named_graphs=named_graphs)

    def query_serialized(self, sparql: str, substitutions=None, *, union_default_graph: bool = True,
                         named_graphs: list[str] | None = None) -> tuple[str, bytes | bool]:
        return serialized(self.query(sparql, substitutions, union_default_graph=union_default_graph,
                                     named_graphs=named_graphs))

    def replace_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        try:
            with self._answering():
                self.store().replace_graphs(graphs)
        finally:
            self._written()

    def replace_graphs_nquads(self, graphs: Mapping[str, bytes]) -> None:
        if graphs:
            self.replace_graphs(graphs_from_nquads(graphs))

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        try:
            with self._answering():
                self.store().drop_graphs(graph_iris)
        finally:
            self._written()

    def graph_names(self) -> list[str]:
        with self._answering():
            return self.store().graph_names()

    def quad_count(self) -> int:
        with self._answering():
            return self.store().quad_count()

    def export(self, fmt: str, graph_iri: str | None = None) -> bytes:
        with self._answering():
            return self.store().export(fmt, graph_iri)

    def close(self) -> None:
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
