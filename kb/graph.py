"""The entity graph as a networkx view, and its exports for Gephi and Cytoscape desktop.

Nodes are entities (drugs, targets, diseases, cell populations, biomarkers) and the phrase nodes
that claims end in when no entity names them ("cell growth"). Edges are aggregated claims: one
edge per claim IRI, from subject to object. A claim's IRI hashes its normalized content, so every
paper stating the same fact adds to the same edge: ``papers`` counts them, and ``stated``,
``hypothesis`` and ``negated`` count the papers holding it with each certainty.

Example::

    >>> from kb import KnowledgeBase
    >>> from kb.graph import entity_graph, find_node, neighbors
    >>> g = entity_graph(KnowledgeBase("kb-data"))                 # doctest: +SKIP
    >>> sorted(neighbors(g, find_node(g, "temsirolimus")).nodes)     # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import io
import itertools
import json
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from kb.errors import InputError
from kb.mapping import CLASS_TYPE, RESOURCE

ONTOLOGY = "https://w3id.org/evidencekb/ontology#"
# node type of an entity with several classes: the first of these it has
TYPE_ORDER = ("drug", "target", "biomarker", "disease", "cell_population")
CONCEPT = "concept"  # a claim end no entity names
MEASURES = ("papers", "degree", "betweenness")
EXPORT_FORMATS = ("graphml", "gexf", "cyjs")

# The whole-store view is read with one-pattern scans joined here: Oxigraph scans a predicate at a
# few microseconds a row, but joins several patterns over the whole store with an index lookup per
# row (a three-pattern claims query took 15 s at 10,000 papers; these scans take ~3 s in all).
# Each scan is one SELECT of one triple pattern, so it runs unchanged on a SPARQL server.
SCAN = "SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s {p} ?o }} }}"
# the same, for claim nodes only (every fact has ekb:evidence; only claims are wanted here)
SCAN_CLAIMS = 'SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s {p} ?o }} FILTER(STRSTARTS(STR(?s), "%sclaim/")) }}' % RESOURCE
SCAN_CLAIMS_DISTINCT = SCAN_CLAIMS.replace("SELECT ?g ?s ?o", "SELECT DISTINCT ?s ?o")
SCAN_DISTINCT = "SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s {p} ?o }} }}"
LABELS = "SELECT ?s ?o (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?s rdfs:label ?o } } GROUP BY ?s ?o"
MENTIONED = "SELECT ?e (COUNT(DISTINCT ?p) AS ?papers) WHERE { GRAPH ?g { ?p ekb:mentions ?e } } GROUP BY ?e"
TYPED = "SELECT DISTINCT ?s ?o WHERE { VALUES ?o { %s } GRAPH ?g { ?s a ?o } }"
TYPED_IN = "SELECT ?g ?s ?o WHERE { VALUES ?o { ekb:MechanismClaim ekb:BiomarkerClaim } GRAPH ?g { ?s a ?o } }"
CLAIM_KIND = {ONTOLOGY + "MechanismClaim": "mechanism", ONTOLOGY + "BiomarkerClaim": "biomarker"}
CLAIM_EVIDENCE = """
SELECT ?_claim ?_paper ?ev ?paper ?sentence ?start ?span ?certainty ?confidence ?section
       ?title ?journal ?year ?pmid ?doi WHERE {
  GRAPH ?g {
    ?_paper ekb:reports ?_claim ; a ekb:Paper ; ekb:paperId ?paper .
    ?_claim ekb:evidence ?ev .
    ?ev ekb:sentence ?sentence .
  }
  OPTIONAL { GRAPH ?g { ?ev ekb:startOffset ?start } }
  OPTIONAL { GRAPH ?g { ?ev ekb:span ?span } }
  OPTIONAL { GRAPH ?g { ?ev ekb:certainty ?cert } }
  OPTIONAL { GRAPH ?g { ?ev ekb:confidence ?confidence } }
  OPTIONAL { GRAPH ?g { ?ev ekb:section ?section } }
  OPTIONAL { GRAPH ?g { ?_paper dcterms:title ?title } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:journal ?journal } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:year ?year } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:pmid ?pmid } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:doi ?doi } }
  BIND(LCASE(STRAFTER(STR(?cert), "#")) AS ?certainty)
} ORDER BY ?paper ?start"""
# the papers that state a claim, and how many sentences hold it (one triple pattern each)
CLAIM_PAPERS = "SELECT ?_claim ?p WHERE { GRAPH ?g { ?p ekb:reports ?_claim } }"
CLAIM_SENTENCES = "SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { GRAPH ?g { ?_claim ekb:evidence ?ev } }"


class UnknownEntity(InputError):
    """No node of the entity graph has that IRI, label, synonym or identifier."""


# ---------------------------------------------------------------- building the view


def entity_graph(kb) -> nx.MultiDiGraph:
    """The whole knowledge base as a ``MultiDiGraph`` keyed by IRIs; edge keys are claim IRIs."""
    def rows(sparql: str) -> list[dict]:
        return kb.query_text(sparql).rows

    g = nx.MultiDiGraph()
    papers = {r["e"]: int(r["papers"] or 0) for r in rows(MENTIONED)}
    labels: dict[str, str] = {}  # the label most papers give a node (papers may spell it differently)
    for r in sorted(rows(LABELS), key=lambda r: (-int(r["n"]), r["o"])):
        labels.setdefault(r["s"], r["o"])
    for e in sorted(papers):
        if e in labels:
            g.add_node(e, label=labels[e], type=CONCEPT, types=[], ids=[], synonyms=[], papers=papers[e])
    classes = " ".join(f"<{c}>" for c in CLASS_TYPE)
    for r in rows(TYPED % classes):
        if r["s"] in g:
            g.nodes[r["s"]]["types"].append(CLASS_TYPE[r["o"]])
    for key, pred in (("ids", "ekb:identifier"), ("synonyms", "skos:altLabel")):
        for r in rows(SCAN_DISTINCT.format(p=pred)):
            node = g.nodes.get(r["s"])
            if node is not None and (key == "ids" or r["o"] != node["label"]):
                node[key].append(r["o"])
    for _, data in g.nodes(data=True):
        data["types"] = [t for t in TYPE_ORDER if t in data["types"]]
        data["type"] = data["types"][0] if data["types"] else CONCEPT
        data["ids"].sort()
        data["synonyms"].sort(key=str.lower)
    paper_ids = rows(SCAN.format(p="ekb:paperId"))
    _add_claims(g, _claim_rows(rows, labels, {r["g"]: r["o"] for r in paper_ids}))
    # paper IRI -> (newest first, then by id): the order a neighbourhood lists the papers that mention an entity
    year = {r["s"]: int(r["o"]) for r in rows(SCAN.format(p="ekb:year")) if r["o"].lstrip("-").isdigit()}
    g.graph["paper_order"] = {r["s"]: (-year.get(r["s"], -10**6), r["o"]) for r in paper_ids}
    return g


def _claim_rows(rows, labels: dict[str, str], paper: dict[str, str]) -> list[dict]:
    """One row per claim and paper graph, as the claims query gave them: kind, ends and their
    labels, relation, paper (``paper`` maps a paper graph to its paper id), evidence node and its
    certainty."""
    claims = {(r["g"], r["s"]): CLAIM_KIND[r["o"]] for r in rows(TYPED_IN)}

    # a claim's IRI hashes its content, so its ends and relation are the same in every paper graph
    claim_iris = {c for _, c in claims}

    def values(pred: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in rows(SCAN_CLAIMS_DISTINCT.format(p=pred)):
            if r["s"] in claim_iris:
                out[r["s"]].append(r["o"])
        return out

    subject, obj, label, relation = (values(p) for p in ("ekb:subject", "ekb:object", "ekb:relationLabel",
                                                          "ekb:relation"))
    evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows(SCAN_CLAIMS.format(p="ekb:evidence")):
        if (r["g"], r["s"]) in claims:
            evidence[r["g"], r["s"]].append(r["o"])
    wanted = {(g, ev) for (g, _), evs in evidence.items() for ev in evs}
    certainty: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows(SCAN.format(p="ekb:certainty")):
        if (r["g"], r["s"]) in wanted:
            certainty[r["g"], r["s"]].append(r["o"].rsplit("#", 1)[-1].lower())
    out = []
    for (g, c), kind in claims.items():
        if g not in paper:
            continue
        for s in subject.get(c, ()):
            for o in obj.get(c, ()):
                for rel in label.get(c, ()):
                    for ev in evidence.get((g, c), ()):
                        for cert in certainty.get((g, ev)) or [""]:
                            for ri in relation.get(c) or [""]:
                                out.append({"claim": c, "kind": kind, "s": s, "o": o, "s_label": labels.get(s, ""),
                                            "o_label": labels.get(o, ""), "relation": rel, "relation_iri": ri,
                                            "paper": paper[g], "certainty": cert, "ev": ev})
    return out


def _add_claims(g: nx.MultiDiGraph, rows: list[dict]) -> None:
    by_claim: dict[str, dict] = {}
    for r in rows:
        for end, label in ((r["s"], r["s_label"]), (r["o"], r["o_label"])):
            if end not in g:
                g.add_node(end, label=label or end.rsplit("/", 1)[-1], type=CONCEPT, types=[], ids=[],
                           synonyms=[], papers=0)
        c = by_claim.setdefault(r["claim"], {
            "s": r["s"], "o": r["o"], "kind": r["kind"], "relation": r["relation"],
            "relation_iri": r["relation_iri"], "papers": set(), "stated": set(), "hypothesis": set(),
            "negated": set(), "evidence": set()})
        c["papers"].add(r["paper"])
        c["evidence"].add(r["ev"])
        if r["certainty"] in ("stated", "hypothesis", "negated"):
            c[r["certainty"]].add(r["paper"])
    ends = g.graph.setdefault("claim_ends", {})
    for iri, c in by_claim.items():
        ends[iri] = (c["s"], c["o"])
        stated, hypothesis, negated = len(c["stated"]), len(c["hypothesis"]), len(c["negated"])
        g.add_edge(c["s"], c["o"], key=iri, claim=iri, kind=c["kind"], relation=c["relation"],
                   relation_iri=c["relation_iri"], papers=len(c["papers"]), paper_ids=sorted(c["papers"]),
                   stated=stated, hypothesis=hypothesis, negated=negated, evidence=len(c["evidence"]),
                   certainty="stated" if stated else "hypothesis" if hypothesis else "negated")


# ---------------------------------------------------------------- finding nodes


def _names(data: dict) -> list[tuple[str, str]]:
    """(name, how) pairs a node can be found by, besides its IRI."""
    return ([(data["label"], "label")] + [(s, "synonym") for s in data["synonyms"]]
            + [(i, "identifier") for i in data["ids"]])


class NameIndex:
    """Every name a node can be found by, lower-cased and sorted, for search-box speed.

    A linear scan of every node's names cost 30 ms a keystroke at 10,000 papers and ten times that
    at 100,000. Here an exact name or a prefix is a bisected slice of the sorted names, and a
    substring a ``str.find`` over all names joined by newlines. Built once per graph
    (:func:`name_index` keeps it in ``g.graph``; the graph is rebuilt after each write anyway) and
    kept lean: ``kb serve`` holds it beside the graph."""

    def __init__(self, g: nx.MultiDiGraph):
        # (name, node, rank of the name among the node's names: label first, name, how)
        self.entries = sorted((value.lower(), n, j, value, how) for n, d in g.nodes(data=True)
                              for j, (value, how) in enumerate(_names(d)))
        self.keys = [e[0] for e in self.entries]
        self.blob = "\n".join(self.keys)  # names never hold a newline: extraction reads words
        self.starts = array("q", itertools.accumulate((len(k) + 1 for k in self.keys[:-1]), initial=0))

    def named(self, wanted: str) -> range:
        """Positions of the names that are ``wanted``."""
        return range(bisect.bisect_left(self.keys, wanted), bisect.bisect_right(self.keys, wanted))

    def prefixed(self, wanted: str) -> range:
        """Positions of the names that start with ``wanted``."""
        return range(bisect.bisect_left(self.keys, wanted), bisect.bisect_left(self.keys, wanted + "\U0010ffff"))

    def containing(self, wanted: str) -> Iterator[int]:
        """Positions of the names that hold ``wanted``, each once."""
        pos = self.blob.find(wanted)
        while pos >= 0:
            i = bisect.bisect_right(self.starts, pos) - 1
            if pos + len(wanted) <= self.starts[i] + len(self.keys[i]):
                yield i
            pos = self.blob.find(wanted, self.starts[i + 1] if i + 1 < len(self.starts) else len(self.blob))


def _kept(g: nx.MultiDiGraph, key: str, build):
    """``build(g)``, kept in ``g.graph`` until the graph is rebuilt (after the next write). A subgraph
    view shares its graph's attribute dict, so only a whole (unfrozen) graph keeps what it builds."""
    if nx.is_frozen(g):
        return build(g)
    value = g.graph.get(key)
    if value is None:
        value = g.graph[key] = build(g)
    return value


def name_index(g: nx.MultiDiGraph) -> NameIndex:
    """The graph's :class:`NameIndex`, built on first use."""
    return _kept(g, "name_index", NameIndex)


def degrees(g: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's number of claims, counted once per graph (networkx sums a node's edges per call)."""
    return _kept(g, "degrees", lambda g: dict(g.degree()))


def hub_rank(g: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's place when nodes are ordered by claims (most first), then IRI: which nodes a
    neighbourhood keeps, found with a dict look-up per node."""
    def build(g: nx.MultiDiGraph) -> dict[str, int]:
        degree = degrees(g)
        return {n: i for i, n in enumerate(sorted(g, key=lambda n: (-degree[n], n)))}

    return _kept(g, "hub_rank", build)


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, label, synonym or identifier is ``name`` (case-insensitive)."""
    if name.strip() in g:
        return name.strip()
    index = name_index(g)
    exact = {index.entries[i][1] for i in index.named(name.strip().lower())}
    if exact:
        return max(sorted(exact), key=lambda n: (g.nodes[n]["type"] != CONCEPT, g.degree(n), g.nodes[n]["papers"]))
    hints = [s["label"] for s in search(g, name, limit=5)]
    hint = f"; did you mean {', '.join(hints)}?" if hints else "; `kb query entities` lists them"
    raise UnknownEntity(f"no entity is named {name!r} (label, synonym or identifier){hint}")


def search(g: nx.MultiDiGraph, text: str, limit: int = 10) -> list[dict]:
    """Suggestions for a search box: exact names first, then prefixes, then substrings; within
    each, the nodes with more claims and papers first."""
    wanted = " ".join(text.lower().split())
    if not wanted:
        return []
    index = name_index(g)
    best: dict[str, tuple[int, int, str, str]] = {}  # node -> (rank, which of its names, name, how)

    def consider(positions: Iterable[int], rank: int) -> None:
        for i in positions:
            _, n, j, value, how = index.entries[i]
            if n not in best or (rank, j) < best[n][:2]:
                best[n] = (rank, j, value, how)

    if text.strip() in g:  # an IRI, pasted
        best[text.strip()] = (0, -1, text.strip(), "iri")
    consider(index.named(wanted), 0)
    consider(index.prefixed(wanted), 1)
    if len(best) < limit:  # substrings rank after every prefix: needed only to fill the list
        consider(index.containing(wanted), 2)
    degree = degrees(g)
    found = sorted((rank, -degree[n], -g.nodes[n]["papers"], g.nodes[n]["label"].lower(), n, value, how)
                   for n, (rank, _, value, how) in best.items())
    return [node_summary(g, n) | {"matched": value, "matched_by": how} for *_, n, value, how in found[:limit]]


def node_summary(g: nx.MultiDiGraph, n: str) -> dict:
    d = g.nodes[n]
    return {"iri": n, "label": d["label"], "type": d["type"], "types": list(d["types"]), "ids": list(d["ids"]),
            "synonyms": list(d["synonyms"]), "papers": d["papers"], "claims": degrees(g)[n]}


def edge_summary(g: nx.MultiDiGraph, u: str, v: str, key: str, max_ids: int | None = None) -> dict:
    """A claim edge as JSON; ``paper_ids`` holds the first ``max_ids`` papers (``papers`` counts them all)."""
    d = g.edges[u, v, key]
    return {"claim": key, "source": u, "target": v, "source_label": g.nodes[u]["label"],
            "target_label": g.nodes[v]["label"], "relation": d["relation"], "kind": d["kind"],
            "papers": d["papers"], "paper_ids": d["paper_ids"][:max_ids], "stated": d["stated"],
            "hypothesis": d["hypothesis"], "negated": d["negated"], "certainty": d["certainty"]}


# ---------------------------------------------------------------- neighbourhoods, paths, centrality


def within(g: nx.MultiDiGraph, node: str, depth: int = 1) -> set[str]:
    """The nodes within ``depth`` claims of ``node`` (either direction), ``node`` included."""
    if node not in g:
        raise UnknownEntity(f"no node {node!r} in the entity graph")
    seen = {node}
    frontier = {node}
    for _ in range(max(0, depth)):
        nxt = set()
        for n in frontier:
            nxt.update(g.successors(n))
            nxt.update(g.predecessors(n))
        frontier = nxt - seen
        seen |= frontier
    return seen


def neighbors(g: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """The subgraph of nodes within ``depth`` claims of ``node`` (either direction)."""
    return g.subgraph(within(g, node, depth))


def _supported(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph over edges that some paper states or hypothesizes (not only negates)."""
    h = nx.Graph()
    h.add_nodes_from(g.nodes)
    for u, v, d in g.edges(data=True):
        if d["stated"] or d["hypothesis"]:
            w = h.edges[u, v]["papers"] if h.has_edge(u, v) else 0
            h.add_edge(u, v, papers=w + d["papers"])
    return h


@dataclass
class Hop:
    source: str
    target: str
    claims: list[dict]  # edge summaries (either direction), each with "evidence"


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, limit: int = 3) -> list[list[tuple[str, str]]]:
    """Up to ``limit`` shortest paths from ``a`` to ``b``, ignoring direction and negated-only claims."""
    h = _supported(g)
    try:
        paths = []
        for p in nx.all_shortest_paths(h, a, b):
            paths.append(list(zip(p, p[1:], strict=False)))
            if len(paths) >= limit:
                break
        return paths
    except nx.NetworkXNoPath:
        return []


def path_report(kb, g: nx.MultiDiGraph, a: str, b: str, limit: int = 3, sentences: int = 3) -> list[list[Hop]]:
    """Shortest paths with, for each hop, its claims and up to ``sentences`` evidence sentences each."""
    cache: dict[str, list[dict]] = {}
    out = []
    for path in shortest_paths(g, a, b, limit):
        hops = []
        for u, v in path:
            claims = []
            for s, t in ((u, v), (v, u)):
                for key in g.get_edge_data(s, t, default={}):
                    summary = edge_summary(g, s, t, key)
                    if not (summary["stated"] or summary["hypothesis"]):
                        continue
                    if key not in cache:
                        cache[key] = claim_evidence(kb, key)
                    summary["evidence"] = cache[key][:sentences]
                    claims.append(summary)
            claims.sort(key=lambda c: -c["papers"])
            hops.append(Hop(u, v, claims))
        out.append(hops)
    return out


def centrality(g: nx.MultiDiGraph, measure: str = "papers", limit: int = 20) -> list[dict]:
    """Nodes ranked by ``papers`` (supporting papers summed over their claims), ``degree``
    (distinct neighbours) or ``betweenness`` (on the undirected graph of supported claims)."""
    if measure == "papers":
        scores = {n: 0.0 for n in g}
        for u, v, d in g.edges(data=True):
            scores[u] += d["papers"]
            scores[v] += d["papers"]
    elif measure == "degree":
        scores = {n: float(len(set(g.successors(n)) | set(g.predecessors(n)))) for n in g}
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(_supported(g))
    else:
        raise InputError(f"unknown measure {measure!r}; use one of: {', '.join(MEASURES)}")
    ranked = sorted(g.nodes, key=lambda n: (-scores[n], g.nodes[n]["label"].lower()))[:limit]
    return [node_summary(g, n) | {"score": round(scores[n], 6)} for n in ranked]


# ---------------------------------------------------------------- evidence


def claim_evidence(kb, claim: str, papers: list[str] | None = None) -> list[dict]:
    """Every sentence that holds a claim (in ``papers``, paper IRIs, when given), with spans
    relative to the sentence and the paper's facts."""
    params: dict[str, str | list[str]] = {"claim": f"<{claim}>"}
    if papers is not None:
        params["paper"] = [f"<{p}>" for p in papers]
    rows = kb.query_text(CLAIM_EVIDENCE, params).rows
    by_ev: dict[str, dict] = {}
    spans: dict[str, set] = defaultdict(set)
    for r in rows:
        ev = by_ev.get(r["ev"])
        if ev is None:
            ev = by_ev[r["ev"]] = {
                "evidence": r["ev"], "paper": r["paper"], "sentence": r["sentence"],
                "start": int(r["start"]) if r["start"] else None, "certainty": r["certainty"] or None,
                "confidence": float(r["confidence"]) if r["confidence"] else None, "section": r["section"] or None,
                "title": r["title"] or None, "journal": r["journal"] or None,
                "year": int(r["year"]) if r["year"] else None, "pmid": r["pmid"] or None, "doi": r["doi"] or None,
            }
        if r["span"]:
            spans[r["ev"]].add(r["span"])
    out = []
    for key, ev in by_ev.items():
        ev["spans"] = relative_spans(spans[key], ev["start"], len(ev["sentence"]))
        ev["links"] = paper_links(ev["pmid"], ev["doi"])
        out.append(ev)
    return out


def relative_spans(spans, sentence_start: int | None, length: int) -> list[list[int]]:
    """``"start-end"`` paper offsets -> sorted, merged [start, end] offsets into the sentence."""
    if sentence_start is None:
        return []
    pairs = []
    for s in spans:
        a, _, b = s.partition("-")
        try:
            lo, hi = int(a) - sentence_start, int(b) - sentence_start
        except ValueError:
            continue
        lo, hi = max(0, lo), min(length, hi)
        if lo < hi:
            pairs.append([lo, hi])
    pairs.sort()
    merged: list[list[int]] = []
    for lo, hi in pairs:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return merged


def paper_links(pmid: str | None, doi: str | None) -> dict:
    links = {}
    if pmid:
        links["pubmed"] = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
    if doi:
        links["doi"] = f"https://doi.org/{doi}"
    return links


# ---------------------------------------------------------------- exports


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are scalars (GraphML and GEXF have no lists): lists joined by ' | '."""
    h = nx.MultiDiGraph(**g.graph)
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: " | ".join(v) if isinstance(v, list) else v for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: " | ".join(x) if isinstance(x, list) else x
                                   for a, x in d.items() if x is not None})
    return h


def export_graph(kb, fmt: str) -> bytes:
    """The entity graph as GraphML (Gephi, Cytoscape, yEd), GEXF (Gephi) or Cytoscape.js JSON (cyjs)."""
    g = entity_graph(kb)
    g.graph.clear()  # the claim index is for lookups, not for export
    g.graph["name"] = "evidencekb entity graph"
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(_flat(g), buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(_flat(g), buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt == "cyjs":
        data = nx.cytoscape_data(g, name="label", ident="id")
        for e in data["elements"]["edges"]:
            e["data"]["id"] = e["data"]["key"]
        return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    raise InputError(f"unknown graph format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
