"""The SPARQL 1.1 Protocol endpoint, ``/sparql`` (https://www.w3.org/TR/sparql11-protocol/).

Query operation (section 2.1): ``GET ?query=``, ``POST`` form-encoded with ``query=``, or ``POST``
``application/sparql-query`` with the query as the body; ``default-graph-uri`` and
``named-graph-uri`` (repeatable) give the dataset, in the URL or, for a form, in the body. They
are names of graphs in the store, never fetched: an unknown graph is empty. Without them (and
without ``FROM`` in the query) the default graph is the union of all paper graphs.

Update operation (section 2.2): ``POST`` form-encoded with ``update=`` or ``POST``
``application/sparql-update``; answered 403 unless the server was started with a token and the
request carries it as ``Authorization: Bearer TOKEN``.

Every value is percent-decoded exactly once (by the form or URL parser, never again), so a
``%41`` in a literal arrives as ``%41``. Results are content-negotiated (RFC 9110, 12.5.1:
q-values, wildcards, the most specific range decides) by query form; other parameters
(SPARQLWrapper's ``format=``, ``output=``, ``results=``) are ignored. ``SERVICE`` and ``LOAD``
are refused before anything runs (:mod:`kb.serve.guard`).
"""

from __future__ import annotations

import hmac

import pyoxigraph as ox
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from kb.serve.errors import BadRequest, Forbidden, HttpError, NotAcceptable, PayloadTooLarge, UnsupportedMediaType
from kb.serve.guard import inspect, refuse_remote
from kb.serve.worker import GRAPH_FORMATS, RESULT_FORMATS, Dataset

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"

# What each query form can be answered in, in the server's order of preference (first = default),
# and the extra names clients use for the same formats.
SELECT_TYPES = list(RESULT_FORMATS)
GRAPH_TYPES = list(GRAPH_FORMATS)
ALIASES = {
    "select": {"application/json": "application/sparql-results+json",
               "application/xml": "application/sparql-results+xml", "text/xml": "application/sparql-results+xml"},
    "graph": {"application/json": "application/ld+json", "application/x-turtle": "text/turtle"},
}
UPDATE_KEYWORDS = ("insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with")


# ---------------------------------------------------------------- content negotiation


def parse_accept(header: str) -> list[tuple[str, str, float]]:
    """``Accept`` as (type, subtype, q) ranges; malformed ranges and bad q-values are skipped."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media == "*":  # old clients (Java's URLConnection) send "*; q=.2"
            media = "*/*"
        typ, slash, sub = media.partition("/")
        if not slash or not typ or not sub or (typ == "*" and sub != "*"):
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append((typ, sub, q))
    return ranges


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers, or None if it accepts none of them.

    Each offered type takes the q-value of the most specific range that matches it
    (``text/csv`` before ``text/*`` before ``*/*``); q=0 means "not acceptable"; among equal
    q-values the server's order wins. No ``Accept`` header accepts anything.
    """
    if header is None or not header.strip():
        return offered[0] if offered else None
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for media in offered:
        typ, _, sub = media.partition("/")
        specificity, q = -1, 0.0
        for rt, rs, rq in ranges:
            if (rt, rs) == (typ, sub):
                s = 2
            elif rt == typ and rs == "*":
                s = 1
            elif (rt, rs) == ("*", "*"):
                s = 0
            else:
                continue
            if s > specificity or (s == specificity and rq > q):
                specificity, q = s, rq
        if q > best_q:
            best, best_q = media, q
    return best


def choose(accept: str | None, form: str) -> str | None:
    """The canonical media type to answer a query of ``form`` (select or graph) with, or None."""
    canonical = SELECT_TYPES if form == "select" else GRAPH_TYPES
    aliases = ALIASES[form]
    picked = negotiate(accept, canonical + list(aliases))
    return aliases.get(picked, picked) if picked else None


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


# ---------------------------------------------------------------- reading the request


class Operation:
    """A query or an update as the request gave it, with its dataset."""

    def __init__(self, kind: str, text: str, params: MultiDict):
        self.kind = kind
        self.text = text
        self.params = params

    def graphs(self, name: str) -> list[str]:
        out = []
        for value in self.params.getlist(name):
            try:
                out.append(ox.NamedNode(value).value)
            except ValueError as exc:
                raise BadRequest(f"{name} {value!r} is not an absolute IRI: {exc}") from exc
        return out


def _body_text(request: Request, limit: int) -> str:
    data = read_body(request, limit)
    charset = request.mimetype_params.get("charset", "utf-8")
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the request body is not valid {charset}: {exc}") from exc


def read_body(request: Request, limit: int) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise too_large(limit)
    request.max_content_length = limit
    try:
        return request.get_data(cache=True)
    except RequestEntityTooLarge as exc:
        raise too_large(limit) from exc


def _form(request: Request, limit: int) -> MultiDict:
    if request.content_length is not None and request.content_length > limit:
        raise too_large(limit)
    request.max_form_memory_size = limit
    request.max_content_length = limit
    try:
        return request.form
    except RequestEntityTooLarge as exc:
        raise too_large(limit) from exc


def too_large(limit: int) -> PayloadTooLarge:
    size = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
    return PayloadTooLarge(f"the request body is larger than the limit of {limit} bytes ({size}); "
                           "send a shorter query, or start the server with a higher --max-body")


def read_operation(request: Request, max_body: int) -> Operation | None:
    """The operation of a protocol request, or None for a GET without a query (a browser)."""
    if request.method in ("GET", "HEAD"):
        args = request.args
        if "update" in args:
            raise BadRequest("an update must be sent with POST (form-encoded `update=` or "
                             f"Content-Type: {UPDATE_BODY})")
        if "query" not in args:
            return None
        return Operation("query", _one(args, "query"), args)
    if request.method != "POST":
        raise HttpError(f"{request.method} is not allowed on /sparql; use GET or POST", status=405,
                        headers={"Allow": "GET, POST"})
    mimetype = request.mimetype
    if not request.headers.get("Content-Type"):
        raise BadRequest(f"a POST to /sparql needs a Content-Type: {FORM}, {QUERY_BODY} or {UPDATE_BODY}")
    if mimetype == FORM:
        form = _form(request, max_body)
        if "query" in form and "update" in form:
            raise BadRequest("give either `query` or `update`, not both")
        if "query" in form:
            return Operation("query", _one(form, "query"), form)
        if "update" in form:
            return Operation("update", _one(form, "update"), form)
        raise BadRequest("the form has neither a `query` nor an `update` field")
    if mimetype == QUERY_BODY:
        return Operation("query", _body_text(request, max_body), request.args)
    if mimetype == UPDATE_BODY:
        return Operation("update", _body_text(request, max_body), request.args)
    raise UnsupportedMediaType(f"Content-Type {mimetype!r} is not read by /sparql; send {FORM}, "
                               f"{QUERY_BODY} or {UPDATE_BODY}")


def _one(params: MultiDict, name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise BadRequest(f"give exactly one `{name}` parameter (got {len(values)})")
    if not values[0].strip():
        raise BadRequest(f"the `{name}` parameter is empty")
    return values[0]


# ---------------------------------------------------------------- answering


def authorized(request: Request, token: str | None) -> bool:
    if not token:
        return False
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def answer(request: Request, store, *, max_body: int, token: str | None) -> Response | None:
    """Run the protocol request on the store process; None means "no query given" (show the editor)."""
    op = read_operation(request, max_body)
    if op is None:
        return None
    if op.kind == "update":
        return _update(request, op, store, token)
    accept = request.headers.get("Accept")
    select_type, graph_type = choose(accept, "select"), choose(accept, "graph")
    if select_type is None and graph_type is None:
        raise NotAcceptable(f"cannot answer in any type the Accept header {accept!r} allows; results come as "
                            f"{', '.join(SELECT_TYPES)} (SELECT, ASK) or {', '.join(GRAPH_TYPES)} "
                            "(CONSTRUCT, DESCRIBE)")
    found = refuse_remote(op.text)
    dataset = Dataset(op.graphs("default-graph-uri"), op.graphs("named-graph-uri"),
                      union_default_graph=not found.has_from)
    try:
        result = store.run(op.text, dataset, select_type=select_type, graph_type=graph_type)
    except SyntaxError as exc:
        raise BadRequest(f"the query is not valid SPARQL: {exc}{_update_hint(op.text)}") from exc
    if result.media_type is None:
        offered = GRAPH_TYPES if result.form == "graph" else SELECT_TYPES
        raise NotAcceptable(f"a {'CONSTRUCT/DESCRIBE' if result.form == 'graph' else 'SELECT/ASK'} result "
                            f"comes as {', '.join(offered)}; the Accept header {accept!r} allows none of them")
    return Response(result.body, status=200, headers={"Content-Type": _content_type(result.media_type),
                                                      "Vary": "Accept"})


def _update(request: Request, op: Operation, store, token: str | None) -> Response:
    if not token:
        raise Forbidden("this endpoint is read-only: updates are refused. To allow them, start "
                        "`kb serve --token-env NAME` with a token in $NAME and send `Authorization: Bearer TOKEN`")
    if not authorized(request, token):
        raise Forbidden("updates need the server's token as `Authorization: Bearer TOKEN`; it is missing or wrong")
    if op.params.getlist("using-graph-uri") or op.params.getlist("using-named-graph-uri"):
        raise BadRequest("using-graph-uri and using-named-graph-uri are not supported; write USING or WITH "
                         "in the update")
    refuse_remote(op.text, update=True)
    try:
        store.update(op.text)
    except SyntaxError as exc:
        raise BadRequest(f"the update is not valid SPARQL: {exc}") from exc
    return Response(b"", status=204)


def _update_hint(text: str) -> str:
    words = inspect(text).code.lower().split()
    skipped = [w for w in words if w not in ("prefix", "base") and not w.endswith(":")]
    if skipped and skipped[0] in UPDATE_KEYWORDS:
        return " (this looks like an update: send it as `update=` or with Content-Type application/sparql-update)"
    return ""
