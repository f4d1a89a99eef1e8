"""A SPARQL server as the store: SPARQL 1.1 Protocol (query, update) and the Graph Store HTTP Protocol.

Specs: https://www.w3.org/TR/sparql11-protocol/ and https://www.w3.org/TR/sparql11-http-rdf-update/

``RemoteStore`` provides what ``kb.store.Store`` asks for, against any server that speaks these
protocols (the reference is ``oxigraph serve``; Virtuoso 7 is documented in docs/scaling.md).
The SQLite part of a knowledge base (documents, runs) stays local in ``KB_HOME``.

- **Endpoints.** ``RemoteStore.from_url("http://127.0.0.1:7878")`` uses Oxigraph's layout
  (``/query``, ``/update``, ``/store``); a URL with a path (``http://host:8890/sparql``) is taken
  as one endpoint for query and update. ``KB_STORE_QUERY_URL``, ``KB_STORE_UPDATE_URL`` and
  ``KB_STORE_GSP_URL`` override each one.
- **Credentials** come from the environment only: ``KB_STORE_TOKEN`` (Bearer) or
  ``KB_STORE_USER`` + ``KB_STORE_PASSWORD`` (Basic; ``KB_STORE_AUTH=digest`` for Digest, which
  Virtuoso's ``/sparql-auth`` wants). They never appear in a message, a log line or a repr;
  user:password in the URL is moved out of it into Basic auth.
- **Timeouts and retries.** Every request has ``(connect, read)`` timeouts; connection errors,
  connect timeouts, 429 and 502/503/504 are retried with exponential backoff (a read timeout is
  not: the server is still working on the request). Every request we send
  is idempotent (queries; ``DROP`` + ``INSERT DATA`` of whole graphs; ``PUT``), so a retry after a
  lost response is safe. When the server cannot be reached, ``StoreError`` says so and how to fix it.
- **Results** come back as pyoxigraph objects (``QuerySolutions``, ``QueryBoolean``, an iterable
  of ``Triple``), so ``kb.query`` and the HTTP app work unchanged.

**Bound parameters** (``substitutions``) are never formatted into the query by hand: each value
is a pyoxigraph term (a ``NamedNode`` or ``Literal``, validated and escaped by pyoxigraph's own
N-Triples serialization, which is also valid SPARQL term syntax) and goes into one
``VALUES (?_a ?_b) { (term term) }`` block placed first inside the query's WHERE group (see
:func:`inline_values`). The values are then visible to every FILTER, BIND and EXISTS of that
group, as SEP-0007 substitution intends. A trailing ``VALUES`` clause would not do: it joins
*after* the WHERE pattern and its aggregates, so a FILTER on the parameter would never see the
value. (A parameter used only inside a nested ``{ }`` group or a sub-select is not visible
there; named queries use parameters at the top level of WHERE or inside EXISTS, where it is.)
No server-side binding API is needed, so this works on any SPARQL 1.1 server.

**Writing.** ``replace_graphs`` has two modes (``write_mode`` or ``KB_STORE_WRITE``):

- ``update`` (default): the whole batch is one SPARQL update request (``DROP SILENT GRAPH`` +
  ``INSERT DATA`` per paper). Servers that run an update request in one transaction (Oxigraph,
  Jena TDB2, GraphDB) write the batch whole or not at all.
- ``gsp``: one Graph Store ``PUT`` per paper graph. Each paper is replaced whole; the batch is
  not atomic, but the knowledge base records a paper in SQLite (its ledger) only after the whole
  batch is written, and re-adding replaces, so a re-run after a failure makes every paper whole
  and adds nothing twice.
"""

from __future__ import annotations

import base64
import logging
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from kb.bindings import inline_values, query_form
from kb.errors import StoreError, StoreTimeout, StoreUnreachable
from kb.mapping import graph_iri as _graph_iri
from kb.store import EXPORT_FORMATS, QUAD_FORMATS, replace_graphs_update

__all__ = ["RemoteStore", "Endpoints", "inline_values", "query_form", "RemoteTriples"]

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
USER_AGENT = "evidencekb/0.1 (kb.remote; python-requests)"
#: Oxigraph's server layout under one base URL.
OXIGRAPH_PATHS = {"query": "/query", "update": "/update", "gsp": "/store"}
#: Oxigraph's request parameter that makes the default graph the union of all named graphs.
OXIGRAPH_UNION_PARAM = "union-default-graph"
#: Paper graphs are named under this IRI; other graphs on a shared server are not the knowledge base's.
GRAPH_PREFIX = _graph_iri("").value


# ------------------------------------------------------------------------------------------
# Configuration: endpoints and credentials.

@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    gsp: str | None = None


class _Auth(requests.auth.AuthBase):
    """Adds one Authorization header; its repr never shows the secret."""

    def __init__(self, scheme: str, header: str):
        self.scheme = scheme
        self._header = header

    def __call__(self, r):
        r.headers["Authorization"] = self._header
        return r

    def __repr__(self) -> str:
        return f"<{self.scheme} auth, credentials hidden>"


class _DigestAuth(requests.auth.HTTPDigestAuth):
    def __repr__(self) -> str:
        return "<digest auth, credentials hidden>"


def auth_from_env(env: Mapping[str, str] | None = None, *, user: str | None = None,
                  password: str | None = None) -> requests.auth.AuthBase | None:
    """Bearer from ``KB_STORE_TOKEN``, else Basic (or Digest) from ``KB_STORE_USER``/``KB_STORE_PASSWORD``."""
    env = os.environ if env is None else env
    token = env.get("KB_STORE_TOKEN")
    if token:
        return _Auth("bearer", f"Bearer {token}")
    user = env.get("KB_STORE_USER") or user
    password = env.get("KB_STORE_PASSWORD") if env.get("KB_STORE_PASSWORD") is not None else password
    if not user:
        return None
    if (env.get("KB_STORE_AUTH") or "basic").lower() == "digest":
        return _DigestAuth(user, password or "")
    raw = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
    return _Auth("basic", f"Basic {raw}")


def _strip_userinfo(url: str) -> tuple[str, str | None, str | None]:
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return (urlunsplit(parts._replace(netloc=netloc)), unquote(parts.username or ""),
            unquote(parts.password or ""))


def _env_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise StoreError(f"{name}={raw!r} is not a number") from None


# ------------------------------------------------------------------------------------------

class RemoteTriples:
    """The triples of a CONSTRUCT/DESCRIBE answer: iterate them, or ``serialize`` like ``QueryTriples``."""

    def __init__(self, triples: list[ox.Triple]):
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def serialize(self, output=None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES):  # noqa: A002
        return ox.serialize(self._triples, output, format=format)


class RemoteStore:
    """A SPARQL 1.1 server as the knowledge base's RDF store (one named graph per paper)."""

    def __init__(self, endpoints: Endpoints, *, auth: requests.auth.AuthBase | None = None,
                 timeout: tuple[float, float] = (5.0, 300.0), retries: int = 3, backoff: float = 0.5,
                 max_backoff: float = 10.0, write_mode: str = "update", union_param: str | None = None,
                 page_size: int | None = None, graph_prefix: str = GRAPH_PREFIX,
                 max_update_bytes: int | None = None, max_update_graphs: int | None = None,
                 session: requests.Session | None = None):
        if write_mode not in ("update", "gsp"):
            raise StoreError(f"write mode {write_mode!r} is unknown; use 'update' or 'gsp' (KB_STORE_WRITE)")
        if write_mode == "gsp" and not endpoints.gsp:
            raise StoreError("write mode 'gsp' needs a Graph Store endpoint: set KB_STORE_GSP_URL")
        self.endpoints = endpoints
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.write_mode = write_mode
        self.union_param = union_param
        self.page_size = page_size
        self.graph_prefix = graph_prefix
        self.max_update_bytes = max_update_bytes
        self.max_update_graphs = max_update_graphs
        self._session = session or requests.Session()
        self._session.headers.setdefault("User-Agent", USER_AGENT)
        self._session.auth = auth
        self._session.trust_env = False  # no .netrc credentials or proxies picked up behind our back
        self._auth_scheme = getattr(auth, "scheme", "digest" if auth is not None else None)

    @classmethod
    def from_url(cls, url: str, env: Mapping[str, str] | None = None, **kwargs) -> "RemoteStore":
        """A store for ``url`` (``--store`` / ``KB_STORE``), configured from the environment.

        ``http://host:port`` (no path) is Oxigraph's layout: ``/query``, ``/update``, ``/store``;
        a URL with a path is one endpoint for query and update. Environment: ``KB_STORE_QUERY_URL``,
        ``KB_STORE_UPDATE_URL``, ``KB_STORE_GSP_URL``, ``KB_STORE_TOKEN`` or ``KB_STORE_USER`` +
        ``KB_STORE_PASSWORD`` (``KB_STORE_AUTH=digest``), ``KB_STORE_TIMEOUT`` (read, s),
        ``KB_STORE_CONNECT_TIMEOUT`` (s), ``KB_STORE_RETRIES``, ``KB_STORE_WRITE`` (update|gsp),
        ``KB_STORE_UNION_PARAM`` (request parameter for a union default graph; ``none`` for none),
        ``KB_STORE_PAGE_SIZE`` (page ``graph_names`` for servers that cap result rows),
        ``KB_STORE_MAX_UPDATE_BYTES`` and ``KB_STORE_MAX_UPDATE_GRAPHS`` (split a batch's update
        into requests of at most this size / this many graphs; Virtuoso needs both).
        """
        env = os.environ if env is None else env
        url, user, password = _strip_userinfo(url.strip())
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"--store {url!r} is not an http(s) URL; give e.g. http://127.0.0.1:7878")
        base = url.rstrip("/")
        oxigraph_layout = parts.path in ("", "/")
        if oxigraph_layout:
            default = Endpoints(base + OXIGRAPH_PATHS["query"], base + OXIGRAPH_PATHS["update"],
                                base + OXIGRAPH_PATHS["gsp"])
        else:
            default = Endpoints(base, base, None)
        endpoints = Endpoints(
            query=_strip_userinfo(env.get("KB_STORE_QUERY_URL") or default.query)[0],
            update=_strip_userinfo(env.get("KB_STORE_UPDATE_URL") or default.update)[0],
            gsp=_strip_userinfo(env.get("KB_STORE_GSP_URL") or default.gsp or "")[0] or None,
        )
        union = env.get("KB_STORE_UNION_PARAM", OXIGRAPH_UNION_PARAM if oxigraph_layout else "")
        options = dict(
            auth=auth_from_env(env, user=user, password=password),
            timeout=(_env_float(env, "KB_STORE_CONNECT_TIMEOUT", 5.0), _env_float(env, "KB_STORE_TIMEOUT", 300.0)),
            retries=int(_env_float(env, "KB_STORE_RETRIES", 3)),
            write_mode=(env.get("KB_STORE_WRITE") or "update").lower(),
            union_param=None if union.lower() in ("", "none") else union,
            page_size=int(_env_float(env, "KB_STORE_PAGE_SIZE", 0)) or None,
            max_update_bytes=int(_env_float(env, "KB_STORE_MAX_UPDATE_BYTES", 0)) or None,
            max_update_graphs=int(_env_float(env, "KB_STORE_MAX_UPDATE_GRAPHS", 0)) or None,
        )
        options.update(kwargs)
        return cls(endpoints, **options)

    @property
    def origin(self) -> str:
        """The query endpoint as messages show it: no credentials, no query string."""
        return _origin(self.endpoints.query)

    def __repr__(self) -> str:
        return (f"RemoteStore(query={self.endpoints.query!r}, update={self.endpoints.update!r}, "
                f"gsp={self.endpoints.gsp!r}, auth={self._auth_scheme!r}, write_mode={self.write_mode!r})")

    # -- HTTP ------------------------------------------------------------------------------
    def _request(self, method: str, url: str, *, what: str, allow: tuple[int, ...] = (),
                 timeout: tuple[float, float] | None = None, retries: int | None = None,
                 **kwargs) -> requests.Response:
        """One request with timeouts and retries; a ``StoreError`` naming the server when it fails
        (``StoreUnreachable``: no answer after the retries; ``StoreTimeout``: the read timeout).
        A status in ``allow`` is returned to the caller instead of raising."""
        timeout = timeout or self.timeout
        retries = self.retries if retries is None else retries
        attempt = 0
        while True:
            problem = None
            try:
                resp = self._session.request(method, url, timeout=timeout, **kwargs)
            except requests.ReadTimeout:  # the server is working on it: asking again would only pile up
                raise StoreTimeout(f"{what} failed: the SPARQL server at {_origin(url)} did not finish within "
                                   f"{timeout[1]:g} s (KB_STORE_TIMEOUT).") from None
            except (requests.ConnectionError, requests.Timeout) as exc:
                problem = _reason(exc)
            else:
                if resp.status_code not in RETRY_STATUSES:
                    if resp.status_code not in allow:
                        self._check_status(resp, what)
                    return resp
                resp.close()  # a streamed answer would hold its connection
                problem = f"HTTP {resp.status_code}"
            if attempt >= retries:
                raise StoreUnreachable(
                    f"{what} failed: the SPARQL server at {_origin(url)} did not answer ({problem}) after "
                    f"{attempt + 1} tries. Is it running? Start it (e.g. `oxigraph serve --location DIR "
                    f"--bind HOST:PORT`) or check --store / KB_STORE and KB_STORE_*_URL.")
            delay = min(self.max_backoff, self.backoff * (2 ** attempt))
            log.warning("%s %s: %s; retry %d of %d in %.1f s", method, url, problem, attempt + 1, retries, delay)
            time.sleep(delay)
            attempt += 1

    def _check_status(self, resp: requests.Response, what: str) -> None:
        if resp.status_code < 400:
            return
        detail = " ".join(resp.text[:300].split())
        if resp.status_code in (401, 403):
            hint = ("the server refused the credentials" if self._auth_scheme else "the server asks for credentials")
            raise StoreError(f"{what} failed: {hint} (HTTP {resp.status_code}) at {_origin(resp.url)}. "
                             "Set KB_STORE_TOKEN (Bearer) or KB_STORE_USER and KB_STORE_PASSWORD (Basic).")
        if resp.status_code == 400 and what in ("query", "update"):
            raise SyntaxError(detail or f"the server rejected the {what} (HTTP 400)")
        raise StoreError(f"{what} failed: HTTP {resp.status_code} from {_origin(resp.url)}: {detail}")

    def _update(self, update: str, what: str) -> None:
        self._request("POST", self.endpoints.update, what=what, data=update.encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def query_response(self, text: str, *, accept: str, union_default_graph: bool = True,
                       default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
                       read_timeout: float | None = None, stream: bool = False) -> requests.Response:
        """POST one query (parameters already bound) and return the server's answer unparsed, for
        callers that read it themselves (``kb serve``'s /sparql streams it under a row cap).
        ``default_graphs``/``named_graphs`` are the protocol's ``default-graph-uri``/``named-graph-uri``;
        without them the default graph is the union of the named graphs when ``union_default_graph``."""
        data = [("query", text)]
        data += [("default-graph-uri", g) for g in default_graphs] + [("named-graph-uri", g) for g in named_graphs]
        if union_default_graph and self.union_param and not (default_graphs or named_graphs):
            data.append((self.union_param, "true"))
        timeout = self.timeout if read_timeout is None else (self.timeout[0], read_timeout)
        resp = self._request("POST", self.endpoints.query, what="query", data=data, headers={"Accept": accept},
                             timeout=timeout, stream=stream)
        try:
            self._check_truncation(resp)
        except StoreError:
            resp.close()
            raise
        return resp

    def update(self, sparql: str, *, read_timeout: float | None = None) -> None:
        """Run one SPARQL update as given (``kb serve``'s /sparql, started with a token); 400 is a SyntaxError.
        Sent once: unlike the knowledge base's own writes, a user's update need not be idempotent."""
        timeout = self.timeout if read_timeout is None else (self.timeout[0], read_timeout)
        self._request("POST", self.endpoints.update, what="update", data=sparql.encode("utf-8"), timeout=timeout,
                      retries=0, headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    @staticmethod
    def unreadable(resp: requests.Response, exc: Exception) -> StoreError:
        """The error for an answer that does not parse: the server cut it (its own time limit) or sent junk."""
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return StoreError(f"the SPARQL server at {_origin(resp.url)} sent an unreadable or unfinished answer "
                          f"({ctype or 'no content type'}; did the server stop the query at its time limit?): {exc}")

    # -- Store protocol ------------------------------------------------------------------------
    def query(self, sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              *, union_default_graph: bool = True, read_timeout: float | None = None,
              named_graphs: Sequence[str] | None = None):
        """Run a query on the server; parameters are bound by :func:`inline_values`. ``named_graphs``
        (not empty) restricts GRAPH patterns to those graphs (the protocol's ``named-graph-uri``)."""
        if named_graphs is not None and not named_graphs:
            raise ValueError("named_graphs: give at least one graph (none means every graph to the protocol)")
        text = inline_values(sparql, substitutions)
        form = query_form(text)
        accept = f"{RESULTS_JSON}, {RESULTS_XML};q=0.9" if form in ("SELECT", "ASK") else \
            f"{N_TRIPLES}, text/turtle;q=0.9"
        resp = self.query_response(text, accept=accept, union_default_graph=union_default_graph,
                                   named_graphs=named_graphs or (), read_timeout=read_timeout)
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if form in ("SELECT", "ASK"):
                fmt = ox.QueryResultsFormat.XML if "xml" in ctype else ox.QueryResultsFormat.JSON
                checked = ox.parse_query_results(resp.content, fmt)
                if isinstance(checked, ox.QuerySolutions):
                    # parsing is lazy: read it all once here, so that an answer the server cut
                    # short (a query timeout after the 200 was sent) fails now, as a StoreError
                    for _ in checked:
                        pass
                return ox.parse_query_results(resp.content, fmt)
            fmt = ox.RdfFormat.TURTLE if "turtle" in ctype else ox.RdfFormat.N_TRIPLES
            return RemoteTriples([q.triple for q in ox.parse(resp.content, fmt)])
        except (SyntaxError, ValueError) as exc:
            raise self.unreadable(resp, exc) from exc

    @staticmethod
    def _check_truncation(resp: requests.Response) -> None:
        cap = resp.headers.get("X-SPARQL-MaxRows")
        if cap:
            raise StoreError(f"the SPARQL server at {_origin(resp.url)} cut the result at {cap} rows "
                             "(Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")

    def replace_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        """Replace each paper graph whole: one update for the batch, or one PUT per graph."""
        if not graphs:
            return
        if self.write_mode == "update":
            requests_ = self._update_requests(graphs)
            for i, part in enumerate(requests_):
                what = (f"writing {len(graphs)} paper graph(s) (one update; nothing of it is kept on failure)"
                        if len(requests_) == 1 else
                        f"writing {len(graphs)} paper graph(s), update {i + 1} of {len(requests_)} "
                        "(each update is whole or absent; run the same `kb add` again to finish)")
                self._update(part, what)
            return
        for done, (iri, quads) in enumerate(graphs.items()):
            what = (f"writing paper graph {done + 1} of {len(graphs)} by PUT ({done} written whole; "
                    "run the same `kb add` again to finish)")
            if not quads:
                self.drop_graphs([iri])
                continue
            body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
            self._request("PUT", self.endpoints.gsp, what=what, params={"graph": iri}, data=body,
                          headers={"Content-Type": f"{N_TRIPLES}; charset=utf-8"})

    def _update_requests(self, graphs: Mapping[str, list[ox.Quad]]) -> list[str]:
        """The batch as one update, or split between graphs into updates of at most
        ``max_update_bytes`` and ``max_update_graphs`` (Virtuoso refuses request bodies over
        10 MB and updates of many operations)."""
        if not self.max_update_bytes and not self.max_update_graphs:
            return [replace_graphs_update(graphs)]
        limit_bytes = self.max_update_bytes or float("inf")
        limit_graphs = self.max_update_graphs or len(graphs)
        out: list[str] = []
        part: dict[str, list[ox.Quad]] = {}
        size = 0
        for iri, quads in graphs.items():
            one = len(replace_graphs_update({iri: quads}).encode("utf-8")) + 4
            if part and (size + one > limit_bytes or len(part) >= limit_graphs):
                out.append(replace_graphs_update(part))
                part, size = {}, 0
            part[iri] = quads
            size += one
        if part:
            out.append(replace_graphs_update(part))
        return out

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        iris = list(graph_iris)
        step = self.max_update_graphs or len(iris) or 1
        for i in range(0, len(iris), step):
            part = iris[i:i + step]
            self._update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in part),
                         f"dropping {len(part)} paper graph(s)")

    def graph_names(self) -> list[str]:
        """The paper graphs (named under ``graph_prefix``; a server's own graphs are left out)."""
        text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(?_prefix))) }"
        prefix = {"_prefix": ox.Literal(self.graph_prefix)}
        if not self.page_size:
            return [s["g"].value for s in self.query(text, prefix, union_default_graph=False)]
        out: list[str] = []
        while True:  # servers that cap result rows (Virtuoso): page in a stable order
            page = [s["g"].value for s in self.query(f"{text} ORDER BY ?g LIMIT {int(self.page_size)} "
                                                     f"OFFSET {len(out)}", prefix, union_default_graph=False)]
            out.extend(page)
            if len(page) < self.page_size:
                return out

    def quad_count(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                               "FILTER(STRSTARTS(STR(?g), STR(?_prefix))) }",
                               {"_prefix": ox.Literal(self.graph_prefix)}, union_default_graph=False))
        return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0

    def _nquads(self, graph_iri: str | None) -> bytes:
        """N-Quads of one graph or of every named graph (Graph Store GETs where the server has them)."""
        if graph_iri is None and self.endpoints.gsp:
            # Oxigraph answers a GET on the whole store with N-Quads; the protocol itself has no such request
            resp = self._request("GET", self.endpoints.gsp, what="export", headers={"Accept": N_QUADS},
                                 allow=(400, 404, 405, 406, 415))
            if resp.status_code == 200 and resp.headers.get("Content-Type", "").startswith(N_QUADS):
                mine = [q for q in ox.parse(resp.content, ox.RdfFormat.N_QUADS)
                        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(self.graph_prefix)]
                return ox.serialize(mine, format=ox.RdfFormat.N_QUADS) or b""
        names = [graph_iri] if graph_iri else sorted(self.graph_names())
        out = []
        for name in names:
            g = ox.NamedNode(name)
            out.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in self._graph_triples(name))
        return ox.serialize(out, format=ox.RdfFormat.N_QUADS) or b""

    def _graph_triples(self, iri: str) -> Iterable[ox.Triple]:
        if self.endpoints.gsp:
            resp = self._request("GET", self.endpoints.gsp, what="export", params={"graph": iri},
                                 headers={"Accept": N_TRIPLES}, allow=(404,))
            if resp.status_code == 404:
                return []
            return [q.triple for q in ox.parse(resp.content, ox.RdfFormat.N_TRIPLES)]
        return self.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?_g { ?s ?p ?o } }", {"_g": ox.NamedNode(iri)},
                          union_default_graph=False)

    def export(self, fmt: str, graph_iri: str | None = None) -> bytes:
        """Like ``EmbeddedStore.export``: quad formats keep the graphs, triple formats give their union."""
        rdf_format = EXPORT_FORMATS[fmt]
        data = self._nquads(graph_iri)
        if fmt == "nquads":
            return data
        quads = list(ox.parse(data, ox.RdfFormat.N_QUADS))
        if fmt in QUAD_FORMATS:
            return ox.serialize(quads, format=rdf_format) or b""
        triples = list(dict.fromkeys(q.triple for q in quads))
        return ox.serialize(triples, format=rdf_format) or b""

    def close(self) -> None:
        self._session.close()


def _origin(url: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.hostname + (f":{p.port}" if p.port else "") if p.hostname else p.netloc,
                       p.path, "", ""))


def _reason(exc: Exception) -> str:
    """A short cause (connection refused, timed out) without the long urllib3 chain."""
    text = str(exc)
    for marker in ("Connection refused", "Connection reset", "Name or service not known", "timed out",
                   "Remote end closed connection", "Connection aborted", "Broken pipe"):
        if marker.lower() in text.lower():
            return marker.lower()
    return type(exc).__name__
