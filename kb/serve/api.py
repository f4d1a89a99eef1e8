"""The data behind the browser: entity search, neighbourhoods, evidence for an edge, papers.

Plain functions of a :class:`~kb.knowledgebase.KnowledgeBase` and the entity graph
(:func:`kb.graph.entity_graph`) that return JSON-ready dicts; the HTTP views in
:mod:`kb.serve.app` only read parameters and call them. Node ids are IRIs; a node's ``type`` is
an entity type, ``concept`` (a claim end no entity names) or ``paper``.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter

import networkx as nx

from kb import query as q
from kb.graph import (CLAIM_PAPERS, CLAIM_SENTENCES, claim_evidence, edge_summary, find_node, hub_rank,
                      node_summary, paper_links, search, within)
from kb.serve.errors import NotFound

NODE_TYPES = [  # (type, label, colour): the legend, in this order
    ("drug", "Drug", "#1f77b4"),
    ("target", "Target", "#d62728"),
    ("disease", "Disease", "#9467bd"),
    ("cell_population", "Cell population", "#2ca02c"),
    ("biomarker", "Biomarker", "#ff7f0e"),
    ("outcome", "Outcome", "#17becf"),
    ("concept", "Other phrase", "#7f7f7f"),
    ("paper", "Paper", "#8c564b"),
]
MAX_PAPERS = 25  # paper nodes added around one entity
MAX_NODES = 150  # entity nodes in one neighbourhood
MAX_EDGES = 600  # claim edges in one neighbourhood
EDGE_PAPER_IDS = 10  # paper ids listed on a neighbourhood's edge (``papers`` counts them all)

# Shaped for Oxigraph's planner (docs/scaling.md, "Query shapes"): one-triple OPTIONALs outside the
# graph pattern, on a node it binds, are looked up row by row; inside it they scan the whole store.
PAPER_FACTS = """
SELECT ?_paper ?node ?paper ?title ?journal ?year ?pmid ?doi ?pmcid ?source WHERE {
  GRAPH ?g { ?_paper a ekb:Paper ; ekb:paperId ?paper . }
  BIND(?_paper AS ?node)
  OPTIONAL { GRAPH ?g { ?_paper dcterms:title ?title } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:journal ?journal } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:year ?year } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:pmid ?pmid } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:doi ?doi } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:pmcid ?pmcid } }
  OPTIONAL { GRAPH ?g { ?_paper ekb:source ?source } }
}"""
# the papers that mention an entity: one pattern, ordered in Python (the graph's paper_order) and
# only the first MAX_PAPERS looked up (ordering them in SPARQL fetched every one's year and title)
ENTITY_PAPERS = "SELECT ?_entity ?p WHERE { GRAPH ?g { ?p ekb:mentions ?_entity } }"
PAPER_CONTENTS = """
SELECT ?_paper ?kind ?x WHERE {
  GRAPH ?g { ?_paper ?link ?x . ?x a ?cls . }
  FILTER(?link = ekb:mentions && ?cls = ekb:Entity || ?link = ekb:reports && ?cls = ekb:Claim)
  BIND(IF(?link = ekb:mentions, "entity", "claim") AS ?kind)
}"""
PAPER_OUTCOMES = """
SELECT ?_paper ?o ?measure ?statistic ?value ?unit ?arm ?timepoint ?sentence WHERE {
  GRAPH ?g {
    ?_paper ekb:reports ?o .
    ?o a ekb:Outcome ; ekb:measure ?measure ; ekb:value ?value ; ekb:evidence ?ev .
  }
  OPTIONAL { GRAPH ?g { ?o ekb:statistic ?statistic } }
  OPTIONAL { GRAPH ?g { ?o ekb:unit ?unit } }
  OPTIONAL { GRAPH ?g { ?o ekb:arm ?arm } }
  OPTIONAL { GRAPH ?g { ?o ekb:timepoint ?timepoint } }
  OPTIONAL { GRAPH ?g { ?ev ekb:sentence ?sentence } }
}"""


def iri(value: str) -> str:
    """An IRI as a bound parameter value (``kb.query.bind_value`` reads ``<...>`` as an IRI)."""
    return f"<{value}>"


# ---------------------------------------------------------------- search and neighbourhoods


def search_entities(g: nx.MultiDiGraph, text: str, limit: int = 10) -> dict:
    """Suggestions for the search box: entities whose label, synonym or identifier matches."""
    return {"query": text, "results": search(g, text, limit=max(1, min(limit, 50)))}


def neighbourhood(kb, g: nx.MultiDiGraph, node: str, *, depth: int = 1, papers: bool = True) -> dict:
    """Nodes and edges around an entity (claims, and the papers that mention it) or a paper."""
    paper = paper_facts(kb, node) if node not in g and "/paper/" in node else None
    if paper is not None:
        return _paper_neighbourhood(kb, g, node, paper)
    center = find_node(g, node)  # UnknownEntity (404) if no entity has that IRI or name
    # the center, then the nodes with most claims (a hub's second ring is tens of thousands of
    # nodes at 100,000 papers: plain sets here, not networkx subgraph views, which filter per call)
    around = within(g, center, depth=max(1, min(depth, 2)))
    truncated = len(around) > MAX_NODES
    around.discard(center)
    keep = [center] + heapq.nsmallest(MAX_NODES - 1, around, key=hub_rank(g).__getitem__)
    kept = set(keep)
    nodes = [_entity_node(g, n) for n in keep]
    claims = [(u, v, k, d["papers"]) for u in keep for v in _kept_successors(g, u, keep, kept)
              for k, d in g.succ[u][v].items()]
    # the center's claims first, then the best supported (150 hubs share ~3,000 claims at 100k papers)
    best = heapq.nsmallest(MAX_EDGES, claims, key=lambda c: (center not in (c[0], c[1]), -c[3]))
    edges = [_claim_edge(g, u, v, k) for u, v, k, _ in best]
    truncated = truncated or len(claims) > MAX_EDGES
    if papers:
        mentions = {r["p"] for r in kb.query_text(ENTITY_PAPERS, {"entity": iri(center)}).rows}
        first = _newest(g, mentions, MAX_PAPERS)
        truncated = truncated or len(mentions) > MAX_PAPERS
        facts = papers_facts(kb, first)
        for p in first:
            nodes.append(_paper_node(p, facts.get(p, {})))
            edges.append({"id": f"{p} mentions {center}", "source": p, "target": center,
                          "kind": "mentions", "relation": "mentions"})
    return {"center": node_summary(g, center), "nodes": nodes, "edges": edges, "truncated": truncated}


def _newest(g: nx.MultiDiGraph, papers: set[str], n: int) -> list[str]:
    """The ``n`` newest of some paper nodes (then by paper id), by the year and id map kept with the
    graph; a paper added since the graph was built comes last."""
    order = g.graph.get("paper_order", {})
    return heapq.nsmallest(n, papers, key=lambda p: (order.get(p, (10**7, "")), p))


def _kept_successors(g: nx.MultiDiGraph, u: str, keep: list[str], kept: set[str]) -> list[str]:
    """``u``'s successors among the kept nodes, looked up from the smaller side (a hub has thousands)."""
    succ = g.succ[u]
    if len(succ) <= len(keep):
        return [v for v in succ if v in kept]
    return [v for v in keep if v in succ]


def _paper_neighbourhood(kb, g: nx.MultiDiGraph, paper_node: str, paper: dict) -> dict:
    rows = kb.query_text(PAPER_CONTENTS, {"paper": iri(paper_node)}).rows
    entities = sorted({r["x"] for r in rows if r["kind"] == "entity" and r["x"] in g})
    claims = {r["x"] for r in rows if r["kind"] == "claim"}
    nodes = [_paper_node(paper_node, paper)] + [_entity_node(g, n) for n in entities]
    edges = [{"id": f"{paper_node} mentions {n}", "source": paper_node, "target": n, "kind": "mentions",
              "relation": "mentions"} for n in entities]
    ends = g.graph.get("claim_ends", {})
    for claim in sorted(claims):
        if claim in ends:
            u, v = ends[claim]
            for n in (u, v):
                if n not in entities:
                    entities.append(n)
                    nodes.append(_entity_node(g, n))
            edges.append(_claim_edge(g, u, v, claim))
    outcomes = kb.query_text(PAPER_OUTCOMES, {"paper": iri(paper_node)}).rows
    seen = set()
    for r in outcomes:
        if r["o"] in seen:
            continue
        seen.add(r["o"])
        nodes.append(_outcome_node(r))
        edges.append({"id": f"{paper_node} reports {r['o']}", "source": paper_node, "target": r["o"],
                      "kind": "reports", "relation": "reports"})
    return {"center": dict(nodes[0]), "nodes": nodes, "edges": edges, "truncated": False}


def _outcome_node(r: dict) -> dict:
    """A numeric result as a node: "median progression-free survival 315 days (temsirolimus)"."""
    words = [r["statistic"], r["measure"], r["value"], r["unit"]]
    label = " ".join(w for w in words if w)
    if r["arm"]:
        label += f" ({r['arm']})"
    return {"id": r["o"], "iri": r["o"], "type": "outcome", "label": label, "measure": r["measure"],
            "statistic": r["statistic"] or None, "value": r["value"], "unit": r["unit"] or None,
            "arm": r["arm"] or None, "timepoint": r["timepoint"] or None, "sentence": r["sentence"] or None}


def _entity_node(g: nx.MultiDiGraph, n: str) -> dict:
    return node_summary(g, n) | {"id": n}


def _claim_edge(g: nx.MultiDiGraph, u: str, v: str, key: str) -> dict:
    # a hub's edges at 100,000 papers held 159k paper ids (3 MB of JSON); /api/evidence.json lists them
    return edge_summary(g, u, v, key, max_ids=EDGE_PAPER_IDS) | {"id": key}


def _paper_node(node: str, facts: dict) -> dict:
    label = facts.get("title") or facts.get("paper") or node
    return {"id": node, "iri": node, "type": "paper", "label": label if len(label) <= 60 else label[:57] + "...",
            "paper": facts.get("paper"), "title": facts.get("title") or None, "journal": facts.get("journal") or None,
            "year": int(facts["year"]) if facts.get("year") else None,
            "links": paper_links(facts.get("pmid") or None, facts.get("doi") or None)}


# ---------------------------------------------------------------- evidence


def evidence(kb, g: nx.MultiDiGraph, claim: str, limit: int = 100) -> dict:
    """An aggregated claim (an edge) and the sentences that hold it (the first ``limit``, newest
    papers first), with the matched spans; ``total`` counts them all."""
    ends = g.graph.get("claim_ends", {})
    if claim not in ends:
        raise NotFound(f"no claim {claim!r}; edges of /api/neighbourhood.json carry claim IRIs as `id`")
    u, v = ends[claim]
    limit = max(1, limit)
    # a claim of a hub is in thousands of papers: read the sentences of the newest `limit` only
    papers = {r["p"] for r in kb.query_text(CLAIM_PAPERS, {"claim": iri(claim)}).rows}
    first = _newest(g, papers, limit)
    items = claim_evidence(kb, claim, first) if first else []
    items.sort(key=lambda e: (-(e["year"] or 0), e["paper"]))
    total = int(kb.query_text(CLAIM_SENTENCES, {"claim": iri(claim)}).rows[0]["n"] or 0)
    return {"claim": edge_summary(g, u, v, claim), "total": total, "evidence": items[:limit]}


# ---------------------------------------------------------------- papers


def paper_facts(kb, paper_node: str) -> dict | None:
    return papers_facts(kb, [paper_node]).get(paper_node)


def papers_facts(kb, paper_nodes: list[str]) -> dict[str, dict]:
    """Title, journal, year, identifiers of each paper node, in one query."""
    out: dict[str, dict] = {}
    for r in kb.query_text(PAPER_FACTS, {"paper": [iri(p) for p in paper_nodes]}).rows if paper_nodes else ():
        facts = out.get(r["node"])
        if facts is None:
            out[r["node"]] = dict(r)
        else:  # a fact given twice: keep the first, fill gaps
            for k, val in r.items():
                facts[k] = facts.get(k) or val
    return out


def paper(kb, paper_id: str) -> dict:
    """Everything extracted from one paper (``kb show``), with its bibliographic facts and links."""
    data = kb.show(paper_id)  # raises UnknownPaper
    node = kb.paper_iri(paper_id)
    facts = paper_facts(kb, node) or {}
    data.update({
        "iri": node, "title": facts.get("title") or data.get("title"), "journal": facts.get("journal") or None,
        "year": int(facts["year"]) if facts.get("year") else None, "pmid": facts.get("pmid") or None,
        "doi": facts.get("doi") or None, "links": paper_links(facts.get("pmid") or None, facts.get("doi") or None),
        "counts": dict(Counter({k: len(v) for k, v in data.items() if isinstance(v, list)})),
    })
    return data


def papers(kb) -> dict:
    rows = []
    for r in kb.papers():
        counts = json.loads(r.get("counts") or "{}")
        rows.append({"id": r["id"], "title": r["title"], "source": r["source"], "added_at": r["added_at"],
                     "extractor_version": r["extractor_version"], "counts": counts})
    return {"papers": rows}


# ---------------------------------------------------------------- named queries


def named_queries() -> dict:
    """The named queries (queries/*.rq) with their prefixes, for the SPARQL editor's tabs."""
    out = []
    for nq in q.named_queries().values():
        out.append({"name": nq.name, "summary": nq.summary, "params": nq.params, "columns": nq.columns,
                    "sparql": q.with_prefixes(nq.text)})
    return {"queries": out}


def legend() -> list[dict]:
    return [{"type": t, "label": label, "colour": colour} for t, label, colour in NODE_TYPES]


__all__ = ["evidence", "legend", "named_queries", "neighbourhood", "paper", "papers", "search_entities"]
