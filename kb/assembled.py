"""Claims assembled across papers: one node per (kind, subject, relation, object) with how many
papers state, hypothesize or negate it (INDRA's assembled statements, SemMedDB's predication counts).

Why: counting a claim's support at query time reads every claim's evidence in every paper graph:
`claims_across_papers` took 15 s at 10,000 papers and over 30 s at 100,000, `claims_about` a
common target 2.4 s at 10,000. Here each paper's support is kept in SQLite, written in the same
transaction as the paper's row, and every assembled claim a write touches is rewritten as its own
small named graph (``graph/claim/<hash>``), so the claim queries read a few triples a claim.

The per-paper graphs stay the source of every fact and sentence; an assembled claim links to the
per-paper claim nodes it counts (``prov:wasDerivedFrom``), whose evidence holds the sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import sqlite_utils

from extract.records import Extraction
from kb.mapping import GRAPHS, RDF_TYPE, TYPE_CLASS, XSD, _h, claim_iri, end_iri, entity_lookup_keys
from kb.vocab import EKB, RESOURCE

PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD_INTEGER = XSD + "integer"
#: an assembled claim lists the ids of at most this many of its papers (sorted; ekb:paperCount has
#: them all): a claim in 5,000 papers would otherwise carry and rewrite 100 KB with every batch
PAPER_IDS_SHOWN = 100
CLAIM_GRAPHS = f"{GRAPHS}claim/"  # an assembled claim's graph: CLAIM_GRAPHS + its hash
KIND_CLASS = {"mechanism": EKB.MechanismClaim, "biomarker": EKB.BiomarkerClaim}
COUNTED = (("stated", EKB.papersStating), ("hypothesis", EKB.papersHypothesizing), ("negated", EKB.papersNegating))

#: what the writer needs of one paper's claims, made where the paper was extracted:
#: (support rows (assembled hash, certainty, per-paper claim IRI),
#:  assembled claims {hash: (kind, subject IRI, relation, object IRI)},
#:  claim ends {IRI: (label, type class IRIs, lookup keys)})
PaperClaims = tuple[list[tuple[str, str, str]], dict[str, tuple[str, str, str, str]],
                    dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]]


def claim_graph_iri(hash_: str) -> str:
    return CLAIM_GRAPHS + hash_


def is_claim_graph(iri: str) -> bool:
    return iri.startswith(CLAIM_GRAPHS)


def paper_claims(x: Extraction) -> PaperClaims:
    """The paper's support for assembled claims; the ends are the nodes its graph links (kb.mapping)."""
    entities = {e.key: e for e in x.entities}
    support: set[tuple[str, str, str]] = set()
    assembled: dict[str, tuple[str, str, str, str]] = {}
    ends: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for c in x.claims:
        sides = []
        for label, key in ((c.subject, c.subject_key), (c.object, c.object_key)):
            iri = end_iri(label, key, entities).value
            sides.append(iri)
            if iri not in ends:
                e = entities.get(key) if key else None
                ends[iri] = ((e.label, tuple(str(TYPE_CLASS[t]) for t in e.types), tuple(sorted(entity_lookup_keys(e))))
                             if e is not None else (label, (), ()))
        h = _h("assembled", c.kind, sides[0], c.relation, sides[1])
        assembled[h] = (c.kind, sides[0], c.relation, sides[1])
        support.add((h, c.certainty.value, claim_iri(c).value))
    return sorted(support), assembled, ends


class ClaimIndex:
    """The ``claim_support``, ``assembled_claims`` and ``claim_ends`` tables, and the graphs made from them."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        if "claim_support" not in db.table_names():
            # a knowledge base made before the index had papers: its claim queries need `kb reextract --all`
            state = "complete" if "papers" not in db.table_names() or not db["papers"].count else "missing"
            with db.conn:
                db["claim_support"].create({"paper_id": str, "claim": str, "certainty": str, "source": str},
                                           pk=("paper_id", "claim", "certainty", "source"))
                # for a claim: its counts by certainty, its papers in order, its per-paper claim nodes
                db["claim_support"].create_index(["claim", "certainty", "paper_id"])
                db["claim_support"].create_index(["claim", "paper_id"])
                db["claim_support"].create_index(["claim", "source"])
                # papers: how many papers report the claim now (its ekb:paperCount), for pages in that order
                db["assembled_claims"].create({"claim": str, "kind": str, "subject": str, "relation": str,
                                               "object": str, "papers": int}, pk="claim", defaults={"papers": 0})
                db["assembled_claims"].create_index(["papers"])
                db["assembled_claims"].create_index(["subject"])
                db["assembled_claims"].create_index(["object"])
                db["claim_ends"].create({"iri": str, "label": str, "types": str, "keys": str}, pk="iri")
                db["claim_index"].insert({"id": 1, "state": state}, pk="id")

    @property
    def complete(self) -> bool:
        return self.db["claim_index"].get(1)["state"] == "complete"

    def mark_complete(self) -> None:
        with self.db.conn:
            self.db["claim_index"].update(1, {"state": "complete"})

    def claims_of(self, paper_ids: Iterable[str]) -> set[str]:
        """The assembled claims the given papers support now."""
        out: set[str] = set()
        ids = list(paper_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT claim FROM claim_support WHERE paper_id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def replace(self, papers: Mapping[str, PaperClaims | None]) -> None:
        """Inside the caller's transaction: the given papers' support is replaced (``None``: removed)."""
        ids = list(papers)
        recount = self.claims_of(ids) | {h for pc in papers.values() if pc for h in pc[1]}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            self.db.execute(f"DELETE FROM claim_support WHERE paper_id IN ({','.join('?' * len(chunk))})", chunk)
        rows, assembled = [], {}
        for paper_id, pc in papers.items():
            if pc is None:
                continue
            rows.extend({"paper_id": paper_id, "claim": h, "certainty": cert, "source": src} for h, cert, src in pc[0])
            assembled.update(pc[1])
        if rows:
            self.db["claim_support"].insert_all(rows, replace=True)
        if assembled:
            self.db["assembled_claims"].insert_all(
                ({"claim": h, "kind": k, "subject": s, "relation": r, "object": o} for h, (k, s, r, o) in assembled.items()),
                ignore=True)
        hashes = sorted(recount)
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            self.db.execute(f"""UPDATE assembled_claims SET papers = (
                SELECT COUNT(DISTINCT paper_id) FROM claim_support WHERE claim_support.claim = assembled_claims.claim)
                WHERE claim IN ({','.join('?' * len(chunk))})""", chunk)
        changed = self._changed_ends(papers)
        if changed:
            self.db["claim_ends"].insert_all(
                ({"iri": iri, "label": label, "types": " ".join(sorted(types)), "keys": "\x1f".join(sorted(keys))}
                 for iri, (label, types, keys) in changed.items()), replace=True)

    def touched_by(self, papers: Mapping[str, PaperClaims | None]) -> set[str]:
        """The assembled claims that replacing the given papers' support rewrites: those the papers
        support now or will, and those whose subject or object gains a name or a type."""
        out = self.claims_of(papers) | {h for pc in papers.values() if pc for h in pc[1]}
        changed = sorted(self._changed_ends(papers))
        for i in range(0, len(changed), 250):
            chunk = changed[i:i + 250]
            marks = ",".join("?" * len(chunk))
            out.update(r[0] for r in self.db.execute(
                f"SELECT claim FROM assembled_claims WHERE subject IN ({marks}) OR object IN ({marks})", chunk + chunk))
        return out

    def _changed_ends(self, papers: Mapping[str, PaperClaims | None]) -> dict:
        """The claim ends whose stored label, types or names the given papers change. An end's
        names and types are the union over the papers that wrote it, its label the first in sort
        order: the same whatever order the papers came in."""
        merged: dict[str, tuple[str, set[str], set[str]]] = {}
        for pc in papers.values():
            for iri, (label, types, keys) in (pc[2].items() if pc else ()):
                if iri in merged:
                    old = merged[iri]
                    merged[iri] = (min(old[0], label), old[1] | set(types), old[2] | set(keys))
                else:
                    merged[iri] = (label, set(types), set(keys))
        iris = list(merged)
        for i in range(0, len(iris), 500):
            chunk = iris[i:i + 500]
            for iri, label, types, keys in self.db.execute(
                    f"SELECT iri, label, types, keys FROM claim_ends WHERE iri IN ({','.join('?' * len(chunk))})", chunk):
                old = (label, set(types.split()), set(keys.split("\x1f") if keys else ()))
                new = (min(label, merged[iri][0]), merged[iri][1] | old[1], merged[iri][2] | old[2])
                if new == old:
                    del merged[iri]
                else:
                    merged[iri] = new
        return merged

    def graphs(self, claims: Iterable[str]) -> tuple[dict[str, bytes], list[str]]:
        """The graphs of the given assembled claims as they are now, as N-Quads: ``(graphs to
        write, graphs to drop)`` (a claim no paper supports any more is dropped). The counts are
        read from the index, so a claim's cost does not grow with the papers behind it beyond
        SQLite's count (the listed paper ids stop at :data:`PAPER_IDS_SHOWN`)."""
        hashes = sorted(set(claims))
        defs: dict[str, tuple[str, str, str, str]] = {}
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        total: dict[str, int] = {}
        sources: dict[str, list[str]] = defaultdict(list)
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            where = f"WHERE claim IN ({','.join('?' * len(chunk))})"
            for h, kind, subj, rel, obj in self.db.execute(
                    f"SELECT claim, kind, subject, relation, object FROM assembled_claims {where}", chunk):
                defs[h] = (kind, subj, rel, obj)
            for h, cert, n in self.db.execute(
                    f"SELECT claim, certainty, COUNT(DISTINCT paper_id) FROM claim_support {where} GROUP BY claim, certainty",
                    chunk):
                counts[h][cert] = n
            for h, n in self.db.execute(
                    f"SELECT claim, COUNT(DISTINCT paper_id) FROM claim_support {where} GROUP BY claim", chunk):
                total[h] = n
            for h, src in self.db.execute(
                    f"SELECT DISTINCT claim, source FROM claim_support {where} ORDER BY claim, source", chunk):
                sources[h].append(src)
        ends = self._ends({x for h in total for x in (defs[h][1], defs[h][3])})
        write: dict[str, bytes] = {}
        for h in hashes:
            if h in total:
                papers = [r[0] for r in self.db.execute(
                    "SELECT DISTINCT paper_id FROM claim_support WHERE claim = ? ORDER BY paper_id LIMIT ?",
                    [h, PAPER_IDS_SHOWN])]
                write[claim_graph_iri(h)] = _nquads(h, defs[h], counts[h], total[h], papers, sources[h], ends)
        return write, [claim_graph_iri(h) for h in hashes if h not in total]

    def _ends(self, iris: Iterable[str]) -> dict[str, tuple[str, list[str], list[str]]]:
        out: dict[str, tuple[str, list[str], list[str]]] = {}
        ends = sorted(iris)
        for i in range(0, len(ends), 500):
            chunk = ends[i:i + 500]
            for iri, label, types, keys in self.db.execute(
                    f"SELECT iri, label, types, keys FROM claim_ends WHERE iri IN ({','.join('?' * len(chunk))})", chunk):
                out[iri] = (label, types.split(), keys.split("\x1f") if keys else [])
        return out

    def most_reported(self, n: int) -> list[str] | None:
        """Every claim reported by at least as many papers as the ``n``-th most reported one (ties
        included), or ``None`` when fewer than ``n`` claims have papers: a superset of the first
        ``n`` claims of any query ordered by paper count first (:meth:`kb.KnowledgeBase.query`)."""
        row = list(self.db.execute("SELECT papers FROM assembled_claims WHERE papers > 0 "
                                   "ORDER BY papers DESC LIMIT 1 OFFSET ?", [n - 1]))
        if not row:
            return None
        return [r[0] for r in self.db.execute("SELECT claim FROM assembled_claims WHERE papers >= ?", [row[0][0]])]

    def everything(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT claim FROM claim_support")}


def _string(text: str) -> str:
    """An N-Triples string literal (the four characters its grammar excludes, escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _nquads(h: str, definition: tuple[str, str, str, str], counts: Mapping[str, int], total: int,
            papers: list[str], sources: list[str], ends: Mapping[str, tuple[str, list[str], list[str]]]) -> bytes:
    """One assembled claim's graph. Written as text: it is made for every claim a batch touches,
    and pyoxigraph term objects cost ~15 µs a triple."""
    kind, subj, rel, obj = definition
    head = f"<{RESOURCE}assembled/{h}> "
    tail = f" <{claim_graph_iri(h)}> .\n"
    lines = [f"<{RDF_TYPE.value}> <{EKB.AssembledClaim}>", f"<{EKB.claimType}> <{KIND_CLASS.get(kind, EKB.Claim)}>",
             f"<{EKB.relationLabel}> {_string(rel)}"]
    for prop, iri, label_prop, key_prop, type_prop in (
            (EKB.claimSubject, subj, EKB.subjectLabel, EKB.subjectKey, EKB.subjectType),
            (EKB.claimObject, obj, EKB.objectLabel, EKB.objectKey, EKB.objectType)):
        label, types, keys = ends.get(iri, ("", [], []))
        lines.append(f"<{prop}> <{iri}>")
        lines.append(f"<{label_prop}> {_string(label)}")
        lines.extend(f"<{key_prop}> {_string(k)}" for k in keys)
        lines.extend(f"<{type_prop}> <{t}>" for t in types)
    for cert, prop in COUNTED:
        lines.append(f'<{prop}> "{counts.get(cert, 0)}"^^<{XSD_INTEGER}>')
    lines.append(f'<{EKB.paperCount}> "{total}"^^<{XSD_INTEGER}>')
    lines.append(f"<{EKB.paperIds}> {_string(' '.join(papers))}")
    lines.extend(f"<{PROV_DERIVED}> <{src}>" for src in sources)
    return "".join(head + line + tail for line in lines).encode("utf-8")
