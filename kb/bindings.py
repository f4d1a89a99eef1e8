"""Binding query parameters as a VALUES block first in the WHERE group, terms serialized by pyoxigraph.

Both stores bind this way. Oxigraph plans a query before it applies ``substitutions``, so with
them a bound entity name could not lead the join order: a named query over one entity scanned
every claim (2-30 s at 10,000 papers). With the same value in a VALUES block the planner starts
from it (50-200 ms). A remote SPARQL server has no other portable way to take bindings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_NAME = re.compile(r"[A-Za-z0-9_\-.:%\\\u00b7-\U000effff]+")
_VARNAME = re.compile(r"[?$][A-Za-z0-9_\u00b7-\U000effff]+")
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
#: a bound value: one term, or (for one parameter of a query) a list of terms
Binding = ox.NamedNode | ox.Literal | list[ox.NamedNode | ox.Literal]


def _tokens(sparql: str) -> Iterator[tuple[str, int, int]]:
    """Significant tokens of a SPARQL text as (kind, start, end): ``word`` (keywords, prefixed
    names), ``{``, ``}``, ``(``, ``)``. Comments, strings, IRIs and variables are skipped whole,
    so braces inside them never count."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
        elif c in "\"'":
            quote = sparql[i:i + 3] if sparql[i:i + 3] == c * 3 else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
        elif c == "<":
            m = _IRIREF.match(sparql, i)
            i = m.end() if m else i + 1
        elif c in "?$":
            m = _VARNAME.match(sparql, i)
            i = m.end() if m else i + 1
        elif c in "{}()":
            yield c, i, i + 1
            i += 1
        elif c.isalpha() or c == "_":
            m = _NAME.match(sparql, i)
            yield "word", i, m.end()
            i = m.end()
        else:
            i += 1


def query_form(sparql: str) -> str:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK`` (the first query-form keyword)."""
    for kind, s, e in _tokens(sparql):
        if kind == "word" and sparql[s:e].upper() in QUERY_FORMS:
            return sparql[s:e].upper()
    raise SyntaxError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")


def _where_group(sparql: str) -> tuple[int, int, bool, int | None]:
    """Offsets of the WHERE group's ``{`` and ``}``, whether it holds a sub-select, and for the
    ``CONSTRUCT WHERE { }`` short form the offset of its ``WHERE``."""
    form = None
    short_form = None
    depth = paren = 0
    skip_groups = 0
    open_at = None
    after_open = False
    subselect = False
    for kind, s, e in _tokens(sparql):
        word = sparql[s:e].upper() if kind == "word" else ""
        if form is None:
            if word in QUERY_FORMS:
                form = word
                skip_groups = -1 if form == "CONSTRUCT" else 0  # -1: not yet known
            continue
        if skip_groups == -1:  # the token after CONSTRUCT: a template, or the WHERE short form
            skip_groups = 1 if kind == "{" else 0
            short_form = s if word == "WHERE" else None
        if open_at is not None:
            if after_open:
                subselect = word == "SELECT"
                after_open = False
            if kind == "{":
                depth += 1
            elif kind == "}":
                depth -= 1
                if depth == 0:
                    return open_at, s, subselect, short_form
            continue
        if kind == "(":
            paren += 1
        elif kind == ")":
            paren -= 1
        elif kind == "{" and paren == 0:
            if depth == 0 and skip_groups == 0:
                open_at, depth, after_open = s, 1, True
                continue
            depth += 1
        elif kind == "}" and paren == 0:
            depth -= 1
            if depth == 0 and skip_groups > 0:
                skip_groups -= 1
    raise SyntaxError("cannot find the query's WHERE group to bind parameters in")


def sparql_term(term: ox.NamedNode | ox.Literal) -> str:
    """A bound value in SPARQL syntax, by pyoxigraph's own (escaping) N-Triples serialization."""
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise ValueError(f"only IRIs and literals can be bound, not {type(term).__name__}")
    return str(term)


def inline_values(sparql: str, substitutions: Mapping[str, Binding] | None) -> str:
    """The query with ``substitutions`` ({name without ``?``: term}) as a VALUES block first in
    its WHERE group. Names are validated by ``pyoxigraph.Variable``, values serialized by pyoxigraph;
    no other text is added. A WHERE group that is a sub-select is wrapped in braces first, and the
    ``CONSTRUCT WHERE { T }`` short form is spelled out as ``CONSTRUCT { T } WHERE { T }``.

    One parameter may be bound to a list of terms: one VALUES row each (the facts of 25 papers in
    one query instead of 25)."""
    if not substitutions:
        return sparql
    names = [str(ox.Variable(name)) for name in substitutions]  # raises ValueError on a bad name
    lists = [i for i, t in enumerate(substitutions.values()) if isinstance(t, (list, tuple))]
    if len(lists) > 1:
        raise ValueError("only one parameter can be bound to several values")
    values = [[sparql_term(x) for x in t] if isinstance(t, (list, tuple)) else [sparql_term(t)]
              for t in substitutions.values()]
    rows = [values[:lists[0]] + [[x]] + values[lists[0] + 1:] for x in values[lists[0]]] if lists else [values]
    block = f"VALUES ({' '.join(names)}) {{ {' '.join('(' + ' '.join(v[0] for v in row) + ')' for row in rows)} }}"
    start, end, subselect, short_form = _where_group(sparql)
    if short_form is not None:  # CONSTRUCT WHERE { T }  ->  CONSTRUCT { T } WHERE { VALUES ... T }
        body = sparql[start + 1:end]
        return f"{sparql[:short_form]}{{{body}}} WHERE {{ {block}\n{body}}}{sparql[end + 1:]}"
    if subselect:
        return f"{sparql[:start + 1]} {block} {{{sparql[start + 1:end]}}} {sparql[end:]}"
    return f"{sparql[:start + 1]} {block}\n{sparql[start + 1:]}"
