"""Named queries (``queries/*.rq``), bound parameters and result formats.

A named query file starts with a comment header that keeps it valid SPARQL::

    #+ summary: what it answers
    #+ param: drug: label or identifier of a drug (optional)
    #+ columns: paper, drug, dose

Parameters appear in the query as ``?_name``. Values are pyoxigraph terms bound as a VALUES block
first in the WHERE group (``kb.bindings``; what rdflib calls ``initBindings``), never pasted into
the text as strings. Both stores bind this way: Oxigraph's planner sees a VALUES block, not its
``substitutions``. The runner drops ``?_`` columns from what it returns. An optional parameter
is tested with ``COALESCE(?_name, "") = ""``, or matched in the graph pattern where an unbound one
matches every value (``regimens``). How to shape a query so that Oxigraph starts from the bound
entity (its key in the facts' own paper graph; no UNION or property path; one-triple OPTIONALs
outside the graph pattern) is in docs/scaling.md, "Query shapes".
A parameter described as ``(case-insensitive)`` is bound lower-cased, to match ``ekb:lookupKey``.
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kb.bindings import Binding
from kb.errors import QueryError

PREFIXES = {
    "ekb": "https://w3id.org/evidencekb/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class NamedQuery:
    name: str
    text: str
    summary: str = ""
    params: dict[str, str] = field(default_factory=dict)  # name -> description
    columns: list[str] = field(default_factory=list)
    path: Path | None = None
    #: ``#+ pages: paper``: rows come ordered by ?paper first, each from its paper's graph, so the
    #: query can run over a few paper graphs at a time (:meth:`KnowledgeBase.query` with a limit)
    pages_by_paper: bool = False
    #: ``#+ pages: claim``: rows come ordered by their assembled claim's paper count first, each
    #: from that claim's graph, so a page can be read from the most reported claims (kb.assembled)
    pages_by_claim: bool = False
    #: ``#+ reads: assembled claims``: the query reads the claims assembled across papers (kb.assembled)
    reads_assembled_claims: bool = False

    def key_params(self) -> list[str]:
        """The parameters matched against ``ekb:lookupKey`` (names, synonyms, identifiers)."""
        return [p for p, desc in self.params.items() if "case-insensitive" in desc]


def queries_dir() -> Path:
    return Path(str(resources.files("evidencekb_queries")))


def parse_header(name: str, text: str, path: Path | None = None) -> NamedQuery:
    q = NamedQuery(name=name, text=text, path=path)
    for line in text.splitlines():
        m = re.match(r"#\+\s*(\w+):\s*(.*)", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "summary":
            q.summary = (q.summary + " " + value).strip()
        elif key == "param":
            pname, _, desc = value.partition(":")
            q.params[pname.strip()] = desc.strip()
        elif key == "columns":
            q.columns = [c.strip() for c in value.split(",") if c.strip()]
        elif key == "pages":
            q.pages_by_paper = value.split()[:1] == ["paper"]
            q.pages_by_claim = value.split()[:1] == ["claim"]
        elif key == "reads":
            q.reads_assembled_claims = value == "assembled claims"
    for var in re.findall(r"\?_(\w+)", text):
        q.params.setdefault(var, "")
    return q


def named_queries() -> dict[str, NamedQuery]:
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        out[path.stem] = parse_header(path.stem, path.read_text(encoding="utf-8"), path)
    return out


def resolve(name_or_path: str | None, sparql: str | None = None) -> NamedQuery:
    """A named query, a ``.rq`` file, or inline SPARQL text."""
    if sparql:
        return parse_header("inline", sparql)
    if not name_or_path:
        raise QueryError("give a query name, a .rq file or --sparql TEXT (see `kb query --list`)")
    p = Path(name_or_path)
    if p.suffix == ".rq" and p.exists():
        return parse_header(p.stem, p.read_text(encoding="utf-8"), p)
    queries = named_queries()
    if name_or_path in queries:
        return queries[name_or_path]
    raise QueryError(f"no named query {name_or_path!r}; known: {', '.join(queries)} (or give a .rq file)")


def bind_value(value: str) -> ox.NamedNode | ox.Literal:
    """``<iri>`` or ``http(s)://...`` binds an IRI, anything else a plain string literal."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return ox.NamedNode(v[1:-1])
    if re.match(r"https?://\S+$", v):
        return ox.NamedNode(v)
    return ox.Literal(v)


def substitutions(query: NamedQuery, params: dict[str, str | list[str]]) -> dict[str, Binding]:
    """The terms to bind; a list of values (for one parameter) binds each in turn (kb.bindings)."""
    unknown = [k for k in params if k not in query.params]
    if unknown:
        known = ", ".join(query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r}; its parameters: {known}")

    def term(k: str, v: str) -> ox.NamedNode | ox.Literal:
        return bind_value(lookup_key(v) if "case-insensitive" in query.params.get(k, "") else v)

    return {f"_{k}": [term(k, x) for x in v] if isinstance(v, (list, tuple)) else term(k, v) for k, v in params.items()}


def lookup_key(text: str) -> str:
    """The form of a name in ``ekb:lookupKey``: lower case, single spaces (see kb.mapping)."""
    return " ".join(text.lower().split())


def with_prefixes(text: str) -> str:
    declared = set(re.findall(r"(?im)^\s*PREFIX\s+(\w*):", text))
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return head + text


@dataclass
class QueryResult:
    """A SELECT result as plain strings, plus the serialized forms the CLI and HTTP app need."""

    columns: list[str]
    rows: list[dict[str, str]]
    raw_json: bytes = b""
    boolean: bool | None = None
    _solutions: list | None = field(default=None, repr=False)  # serialized to raw_json when asked for

    def to_json(self) -> str:
        if not self.raw_json and self._solutions is not None:  # (most results are only read as rows)
            self.raw_json = _solutions_json(self.columns, self._solutions)
            self._solutions = None
        if self.raw_json:
            return self.raw_json.decode("utf-8")
        return json.dumps({"head": {"vars": self.columns}, "results": {"bindings": []}})

    @classmethod
    def joined(cls, parts: list["QueryResult"]) -> "QueryResult":
        """The rows of several runs of one SELECT, one after the other (not yet serialized)."""
        return cls(columns=parts[0].columns, rows=[r for p in parts for r in p.rows],
                   _solutions=[s for p in parts for s in p._solutions or ()])

    def page(self, offset: int, limit: int | None) -> "QueryResult":
        """Rows ``offset`` to ``offset + limit`` of this result."""
        end = None if limit is None else offset + limit
        if self.boolean is not None:
            return self
        if self._solutions is not None:
            return QueryResult(columns=self.columns, rows=self.rows[offset:end], _solutions=self._solutions[offset:end])
        data = json.loads(self.raw_json or b'{"results": {"bindings": []}}')  # already serialized
        data.setdefault("head", {"vars": self.columns})
        data["results"]["bindings"] = data["results"]["bindings"][offset:end]
        return QueryResult(columns=self.columns, rows=self.rows[offset:end], raw_json=json.dumps(data).encode())

    def to_delimited(self, delimiter: str) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n")
        w.writerow(self.columns if delimiter == "," else [f"?{c}" for c in self.columns])
        for r in self.rows:
            w.writerow([r.get(c, "") for c in self.columns])
        return buf.getvalue()


def takes_named_graphs(store) -> bool:
    """Whether the store can restrict GRAPH patterns to some graphs (the embedded one can)."""
    return "named_graphs" in inspect.signature(store.query).parameters


def run_select(store, query: NamedQuery, params: dict[str, str] | None = None,
               named_graphs: list[str] | None = None) -> QueryResult:
    """Run a SELECT (or ASK) query on a store and collect its rows. ``named_graphs``, when the
    store supports it, restricts GRAPH patterns to those graphs (the query's own filters still hold)."""
    subs = substitutions(query, params or {})
    kw = {}
    if named_graphs is not None and takes_named_graphs(store):
        kw["named_graphs"] = named_graphs
    try:
        result = store.query(with_prefixes(query.text), subs, **kw)
    except SyntaxError as exc:
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {exc}") from exc
    except (OSError, RuntimeError) as exc:
        hint = " (project the parameter: SELECT ?_name ...)" if "projection" in str(exc) else ""
        raise QueryError(f"query {query.name!r} failed: {exc}{hint}") from exc
    if isinstance(result, (bool, ox.QueryBoolean)):
        value = bool(result)
        raw = json.dumps({"head": {}, "boolean": value}).encode()
        return QueryResult(columns=["result"], rows=[{"result": str(value).lower()}], raw_json=raw, boolean=value)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {query.name!r} is a CONSTRUCT/DESCRIBE; use `kb export` or the HTTP endpoint")
    shown = [(i, v.value) for i, v in enumerate(result.variables) if not v.value.startswith("_")]
    solutions = list(result)
    # (by position: a solution looks a variable up by name at a few microseconds a row)
    rows = [{c: "" if (term := sol[i]) is None else term.value for i, c in shown} for sol in solutions]
    return QueryResult(columns=[c for _, c in shown], rows=rows, _solutions=solutions)


def term_json(term) -> dict:
    """One RDF term as SPARQL 1.1 Query Results JSON (RDF-star triples as nested terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject), "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _solutions_json(columns: list[str], solutions: list) -> bytes:
    bindings = []
    for sol in solutions:
        b = {}
        for c in columns:
            t = sol[c]
            if t is not None:
                b[c] = term_json(t)
        bindings.append(b)
    return json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
