"""The HTTP app of ``kb serve``: one route table, one error handler, HTML pages with JSON twins.

Every page ``/x`` has a twin ``/x.json`` served by the same view (datasette's habit); the JSON API
under ``/api/`` feeds the browser; ``/sparql`` is the SPARQL 1.1 Protocol endpoint
(:mod:`kb.serve.sparql`); ``/-/store/...`` lets the ``kb`` command write and read through a
running server (token-protected, loopback only; see :mod:`kb.serve.client`).

Errors: JSON paths (``.json``, ``/api/``, ``/sparql``, ``/-/``) get one shape,
``{"ok": false, "error": MESSAGE, "errors": [MESSAGE], "status": CODE, "title": REASON}``; pages
get an HTML page with the same message. Article text is untrusted: templates autoescape, the
scripts only ever set ``textContent``, and a Content-Security-Policy allows scripts from the
app itself only.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import jinja2
import pyoxigraph as ox
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.routing import Map, Rule
from werkzeug.utils import send_from_directory
from werkzeug.wrappers import Request, Response

from kb.errors import InputError, KbError, StoreError, UnknownPaper
from kb.graph import UnknownEntity, entity_graph, hub_rank, name_index
from kb.knowledgebase import KnowledgeBase
from kb.serve import api
from kb.serve import sparql as protocol
from kb.serve.errors import (BadRequest, Forbidden, HttpError, QueryRefused, QueryTimeout, ResultTooLarge,
                             StoreBusy, StoreUnavailable)
from kb.serve.guard import refuse_remote
from kb.serve.worker import StoreProcess

if TYPE_CHECKING:
    from kb.serve.remote_backend import RemoteBackend

log = logging.getLogger("kb.serve")
HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MiB = 1024 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

# library exceptions -> HTTP status; the first class that matches wins
STATUS = [
    (UnknownPaper, 404), (UnknownEntity, 404), (QueryRefused, 403), (ResultTooLarge, 400),
    (QueryTimeout, 503), (StoreBusy, 503), (StoreUnavailable, 503), (InputError, 400), (StoreError, 500),
    (KbError, 500),
]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


@dataclass
class Settings:
    """How the app runs; ``kb serve`` options map to these one to one."""

    timeout: float = 30.0  # seconds a query may run
    graph_wait: float = 3.0  # a graph rebuild that took longer than this runs in the background next time (no option)
    max_rows: int = 10_000  # rows (or triples) a /sparql result may have
    max_body: int = 1 * MiB  # bytes of a /sparql request body
    max_write_body: int = 512 * MiB  # bytes of a /-/store/graphs request body (a batch of papers)
    token: str | None = None  # lets SPARQL updates through when sent as a Bearer token
    internal_token: str | None = None  # the kb command's token for /-/store/... (from serve.json)
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES  # Host header names accepted; None: any


@dataclass
class Page:
    """What a page view returns: rendered with ``template`` as HTML, or ``data`` as JSON."""

    template: str
    title: str
    data: dict


# ---------------------------------------------------------------- views


def index(app: "App", request: Request, fmt: str):
    """The graph browser: search an entity, see its neighbourhood, click for evidence. JSON: counts."""
    return Page("index.html", "Graph", {"stats": app.stats(), "legend": api.legend(),
                                        "entity": request.args.get("entity", "")})


def papers_page(app: "App", request: Request, fmt: str):
    """Every paper in the knowledge base, with what was extracted from it."""
    return Page("papers.html", "Papers", api.papers(app.kb()))


def paper_page(app: "App", request: Request, fmt: str, paper_id: str):
    """Everything extracted from one paper: study, entities, regimens, outcomes, claims, with sentences."""
    data = api.paper(app.kb(), paper_id)
    return Page("paper.html", data.get("title") or paper_id, data)


def query_page(app: "App", request: Request, fmt: str):
    """The SPARQL editor (YASGUI), with the named queries as tabs. JSON: the named queries."""
    return Page("query.html", "SPARQL", api.named_queries())


def api_page(app: "App", request: Request, fmt: str):
    """This list of routes and what they answer."""
    return Page("api.html", "API", {"routes": app.describe_routes()})


def api_search(app: "App", request: Request, fmt: str):
    """Entity suggestions. Parameters: ``q`` (text matched against labels, synonyms and identifiers),
    ``limit`` (default 10, at most 50)."""
    return api.search_entities(app.graph(), request.args.get("q", ""), _int(request, "limit", 10))


def api_neighbourhood(app: "App", request: Request, fmt: str):
    """Nodes and edges around a node. Parameters: ``node`` (entity IRI, label, synonym or identifier, or a
    paper IRI), ``depth`` (1 or 2), ``papers`` (0 to leave out the papers that mention the entity).
    At most 150 entities (the center, then those with most claims), 600 claim edges (the center's,
    then the best supported) and 25 papers (newest first); ``truncated`` says when some were left out.
    Edges: ``kind`` mechanism/biomarker (``id`` is the claim IRI; ``papers``, ``stated``,
    ``hypothesis``, ``negated`` count papers; ``paper_ids`` lists the first 10), mentions, or reports."""
    node = _required(request, "node")
    return api.neighbourhood(app.kb(), app.graph(), node, depth=_int(request, "depth", 1),
                             papers=request.args.get("papers", "1") not in ("0", "false", "no"))


def api_evidence(app: "App", request: Request, fmt: str):
    """Evidence for an edge. Parameters: ``claim`` (the claim IRI, an edge's ``id``), ``limit`` (default
    100; ``total`` counts all). Each item: sentence, ``spans`` ([start, end] offsets into the sentence of
    the matched words), certainty, confidence, paper id, title, journal, year, PubMed/DOI ``links``."""
    return api.evidence(app.kb(), app.graph(), _required(request, "claim"), limit=_int(request, "limit", 100))


def sparql_endpoint(app: "App", request: Request, fmt: str):
    """SPARQL 1.1 Protocol: GET ``query=``, POST form (``query=`` or ``update=``), POST
    application/sparql-query or application/sparql-update; ``default-graph-uri``, ``named-graph-uri``."""
    response = protocol.answer(request, app.store, max_body=app.settings.max_body, token=app.settings.token)
    if response is not None:
        return response
    if protocol.negotiate(request.headers.get("Accept"), ["application/sparql-results+json", "text/html"]) \
            == "text/html":  # a browser: show the editor
        return Response(status=303, headers={"Location": "/query"})
    raise BadRequest("give a query: GET /sparql?query=..., or POST it (see /api)")


def static(app: "App", request: Request, fmt: str, path: str):
    """The app's scripts and styles, and the vendored libraries under /static/vendor/."""
    return send_from_directory(STATIC, path, request.environ, max_age=3600)


# ---- the kb command's access to the store while the server holds it (see kb.serve.client)


def store_info(app: "App", request: Request, fmt: str):
    """Internal: which knowledge base this server holds."""
    app.internal(request)
    return {"home": str(app.home.resolve()), "pid": os.getpid(), "generation": app.store.generation}


def store_graphs(app: "App", request: Request, fmt: str):
    """Internal: GET the graph names; POST ``{"replace": {graph IRI: N-Quads}, "drop": [graph IRI]}``,
    applied in one transaction."""
    app.internal(request)
    if request.method == "GET":
        return {"graphs": app.store.graph_names(), "quads": app.store.quad_count()}
    body = protocol.read_body(request, app.settings.max_write_body)
    try:
        doc = json.loads(body)
        graphs = {str(k): v.encode("utf-8") for k, v in doc.get("replace", {}).items()}
        graphs.update({str(k): b"" for k in doc.get("drop", [])})
    except (ValueError, AttributeError) as exc:
        raise BadRequest(f"expected {{\"replace\": {{graph: N-Quads}}, \"drop\": [graph]}}: {exc}") from exc
    try:
        app.store.replace_graphs_nquads(graphs)
    except (OSError, SyntaxError, ValueError) as exc:
        raise BadRequest(f"the graphs were not written: {exc}") from exc
    return Response(status=204)


def store_query(app: "App", request: Request, fmt: str):
    """Internal: ``{"query": SPARQL, "substitutions": {name: N-Triples term, or a list of them},
    "union_default_graph": bool, "named_graphs": [IRI, ...] (optional: GRAPH patterns see only these)}``."""
    app.internal(request)
    try:
        doc = json.loads(protocol.read_body(request, app.settings.max_body))
        text = doc["query"]
        subs = {name: [_term(v) for v in value] if isinstance(value, list) else _term(value)
                for name, value in (doc.get("substitutions") or {}).items()}
        named = doc.get("named_graphs")
        if named is not None and (not named or not all(isinstance(g, str) for g in named)):
            raise ValueError("named_graphs is a list of one or more graph IRIs")
    except (ValueError, KeyError, TypeError, StopIteration) as exc:
        raise BadRequest(f"expected {{\"query\": ..., \"substitutions\": {{name: term}}}}: {exc}") from exc
    refuse_remote(text)
    try:
        form, data = app.store.query_serialized(text, subs, union_default_graph=bool(doc.get("union_default_graph",
                                                                                              True)),
                                                named_graphs=named)
    except SyntaxError as exc:
        raise BadRequest(f"the query is not valid SPARQL: {exc}") from exc
    if form == "graph":
        return Response(data, headers={"Content-Type": "application/n-triples"})
    if form == "ask":
        data = json.dumps({"head": {}, "boolean": data}).encode()
    return Response(data, headers={"Content-Type": "application/sparql-results+json"})


def store_export(app: "App", request: Request, fmt: str):
    """Internal: the store (or one graph) in an RDF format, as ``kb export`` writes it."""
    app.internal(request)
    return Response(app.store.export(_required(request, "format"), request.args.get("graph") or None))


def _term(nt: str):
    """One RDF term from its N-Triples form."""
    triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {nt} .".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    if len(triples) != 1:
        raise ValueError(f"not one N-Triples term: {nt!r}")
    return triples[0].object


def _required(request: Request, name: str) -> str:
    value = request.args.get(name, "").strip()
    if not value:
        raise BadRequest(f"the `{name}` parameter is required")
    return value


def _int(request: Request, name: str, default: int) -> int:
    value = request.args.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise BadRequest(f"`{name}` must be an integer, not {value!r}") from exc


# ---------------------------------------------------------------- the route table

GET, GET_POST, POST = ("GET",), ("GET", "POST"), ("POST",)
ROUTES = [  # path, view, methods, format (html pages and their .json twins share a view)
    ("/",                         index,               GET,       "html"),
    ("/index.json",               index,               GET,       "json"),
    ("/papers",                   papers_page,         GET,       "html"),
    ("/papers.json",              papers_page,         GET,       "json"),
    ("/paper/<paper_id>.json",    paper_page,          GET,       "json"),
    ("/paper/<paper_id>",         paper_page,          GET,       "html"),
    ("/query",                    query_page,          GET,       "html"),
    ("/query.json",               query_page,          GET,       "json"),
    ("/api",                      api_page,            GET,       "html"),
    ("/api.json",                 api_page,            GET,       "json"),
    ("/api/search.json",          api_search,          GET,       "json"),
    ("/api/neighbourhood.json",   api_neighbourhood,   GET,       "json"),
    ("/api/evidence.json",        api_evidence,        GET,       "json"),
    ("/sparql",                   sparql_endpoint,     GET_POST,  "sparql"),
    ("/static/<path:path>",       static,              GET,       "file"),
    ("/-/store/info",             store_info,          GET,       "json"),
    ("/-/store/graphs",           store_graphs,        GET_POST,  "json"),
    ("/-/store/query",            store_query,         POST,      "json"),
    ("/-/store/export",           store_export,        GET,       "file"),
]
VIEWS = {view.__name__: view for _, view, _, _ in ROUTES}


def wants_json(path: str) -> bool:
    return path.endswith(".json") or path.startswith(("/api/", "/sparql", "/-/"))


def error_body(status: int, message: str) -> dict:
    """The one shape of a JSON error."""
    return {"ok": False, "error": message, "errors": [message], "status": status,
            "title": HTTP_STATUS_CODES.get(status, "Error")}


def status_for(exc: KbError) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


# ---------------------------------------------------------------- the app


class App:
    """A WSGI app over the knowledge base at ``home``. It starts (and owns) the store process, unless given
    a ``store``: a :class:`RemoteBackend` for ``kb --store URL serve``, which it owns and closes too."""

    def __init__(self, home: str | Path, settings: Settings | None = None, *,
                 store: StoreProcess | RemoteBackend | None = None):
        self.home = Path(home)
        self.settings = settings or Settings()
        self.store = store or StoreProcess(self.home / "oxigraph", timeout=self.settings.timeout,
                                           max_rows=self.settings.max_rows)
        self.url_map = Map([Rule(path, endpoint=view.__name__, methods=list(methods), defaults={"fmt": fmt})
                            for path, view, methods, fmt in ROUTES])
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
        self.templates.filters["seg"] = lambda v: quote(str(v), safe="")
        self.templates.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=True)
        self._local = threading.local()
        self._graph_lock = threading.RLock()
        self._graph: tuple[int, object] | None = None
        self._graph_seconds = 0.0  # how long the last build took
        self._rebuild: threading.Thread | None = None
        self._stats_lock = threading.Lock()
        self._stats: tuple[int, dict] | None = None

    # -- shared state
    def kb(self) -> KnowledgeBase:
        """This thread's KnowledgeBase (SQLite connections belong to one thread), on the shared store."""
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = self._local.kb = KnowledgeBase(self.home, store=self.store)
        return kb

    def graph(self):
        """The entity graph, rebuilt after each write to the store.

        A rebuild reads the whole store (a second at 1,000 papers, a minute at 100,000). When the
        last one took longer than ``Settings.graph_wait`` seconds, requests keep getting the previous
        graph while the new one is built in the background, instead of waiting for it."""
        with self._graph_lock:
            generation = self.store.generation
            current = self._graph
            if current is not None and current[0] == generation:
                return current[1]
            if current is not None and self._graph_seconds > self.settings.graph_wait:
                if self._rebuild is None or not self._rebuild.is_alive():
                    self._rebuild = threading.Thread(target=self._build_graph, name="kb-serve-graph", daemon=True)
                    self._rebuild.start()
                return current[1]
            return self._build_graph()

    def _build_graph(self):
        """Build the graph of the store as it is now; keep it unless a newer one is already kept."""
        generation = self.store.generation
        started = time.monotonic()
        try:
            g = entity_graph(self.kb())
            name_index(g), hub_rank(g)  # what search and neighbourhoods look up, built here and not on a request
        except Exception:  # noqa: BLE001 (in the background: logged; the next request starts another)
            if threading.current_thread() is self._rebuild:
                log.exception("rebuilding the entity graph failed; the previous graph is still served")
                return None
            raise
        with self._graph_lock:
            self._graph_seconds = time.monotonic() - started
            if self._graph is None or self._graph[0] < generation:
                self._graph = (generation, g)
        return g

    def warm(self) -> threading.Thread:
        """Build the entity graph (a whole-store read: seconds at 10,000 papers, a minute at 100,000)
        and the home counts now, in the background, so the first search does not wait for them."""
        def build() -> None:
            try:
                self.graph()
                self.stats()
            except Exception:  # noqa: BLE001 (a request builds them again, and reports what failed)
                pass

        thread = threading.Thread(target=build, name="kb-serve-warm", daemon=True)
        thread.start()
        return thread

    def stats(self) -> dict:
        """The home page's counts (:meth:`KnowledgeBase.summary`), kept until the next write."""
        with self._stats_lock:
            generation = self.store.generation
            if self._stats is None or self._stats[0] != generation:
                self._stats = (generation, self.kb().summary())
            return self._stats[1]

    def internal(self, request: Request) -> None:
        """Only the kb command on this machine, with the token from serve.json, may use /-/store/."""
        try:
            local = ipaddress.ip_address(request.remote_addr or "").is_loopback
        except ValueError:
            local = False
        if not local or not protocol.authorized(request, self.settings.internal_token):
            raise Forbidden("this route is for the kb command on this machine (token in KB_HOME/serve.json)")

    def describe_routes(self) -> list[dict]:
        out = []
        for path, view, methods, fmt in ROUTES:
            doc = " ".join((view.__doc__ or "").split())
            out.append({"path": path, "methods": list(methods), "format": fmt, "doc": doc,
                        "internal": path.startswith("/-/")})
        return out

    def close(self) -> None:
        self.store.close()

    # -- WSGI
    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self.dispatch(request)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        try:
            self._check_host(request)
            adapter = self.url_map.bind_to_environ(request.environ)
            endpoint, args = adapter.match()
            result = VIEWS[endpoint](self, request, **args)
            response = self.render(request, result, args.get("fmt"))
        except HttpError as exc:
            response = self.error(request, exc.status, str(exc), exc.headers)
        except HTTPException as exc:  # routing: 404, 405
            headers = dict(exc.get_headers()) if exc.code == 405 else {}
            headers.pop("Content-Type", None)
            response = self.error(request, exc.code or 500, exc.description or exc.name, headers)
        except KbError as exc:
            response = self.error(request, status_for(exc), str(exc))
        except Exception:  # a bug: log it, tell the client nothing about the inside
            log.exception("error answering %s %s", request.method, request.path)
            response = self.error(request, 500, "internal error; the server log has the details")
        return self.secure(response)

    def _check_host(self, request: Request) -> None:
        allowed = self.settings.allowed_hosts
        if allowed is None:
            return
        host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
        host = host.strip("[]").lower()
        if host not in allowed:
            raise Forbidden(f"Host {request.host!r} is not served here (only {', '.join(allowed)}): this guards "
                            "a local server against DNS rebinding. Start `kb serve --host` with the name you use.")

    def render(self, request: Request, result, fmt: str | None) -> Response:
        if isinstance(result, Response):
            return result
        if isinstance(result, Page):
            if fmt == "json":
                return self.json(result.data)
            return self.html(result.template, title=result.title, data=result.data, request=request)
        return self.json(result)

    def json(self, data, status: int = 200) -> Response:
        return Response(json.dumps(data, ensure_ascii=False, indent=1), status=status,
                        mimetype="application/json")

    def html(self, template: str, status: int = 200, **context) -> Response:
        body = self.templates.get_template(template).render(**context)
        return Response(body, status=status, mimetype="text/html")

    def error(self, request: Request, status: int, message: str, headers: dict | None = None) -> Response:
        if wants_json(request.path):
            response = self.json(error_body(status, message), status=status)
        else:
            response = self.html("error.html", status=status, title=HTTP_STATUS_CODES.get(status, "Error"),
                                 data=error_body(status, message), request=request)
        for k, v in (headers or {}).items():
            response.headers[k] = v
        return response

    @staticmethod
    def secure(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response
