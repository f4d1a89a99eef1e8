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

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping

import sqlite_utils

from extract.records import Extraction
from kb.mapping import GRAPHS, RDF_TYPE, TYPE_CLASS, XSD, _h, claim_iri, end_iri, entity_lookup_keys, string_literal
from kb.vocab import EKB, RESOURCE

PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD_INTEGER = XSD + "integer"
#: an assembled claim lists the ids of at most this many of its papers (sorted; ekb:paperCount has
#: them all): a claim in 5,000 papers would otherwise carry and rewrite 100 KB with every batch
PAPER_IDS_SHOWN = 100
CLAIM_GRAPHS = f"{GRAPHS}claim/"  # an assembled claim's graph: CLAIM_GRAPHS + its hash
KIND_CLASS = {"mechanism": EKB.MechanismClaim, "biomarker": EKB.BiomarkerClaim}
COUNTED = (EKB.papersStating, EKB.papersHypothesizing, EKB.papersNegating)  # the order of CERTAINTY_BIT

#: a paper's certainty for a claim, as bits (a paper may state it in one sentence and negate it in another)
CERTAINTY_BIT = {"stated": 1, "hypothesis": 2, "negated": 4}

#: what the writer needs of one paper's claims, made where the paper was extracted:
#: (support {assembled hash: (certainty bits, per-paper claim IRIs)},
#:  assembled claims {hash: (kind, subject IRI, relation, object IRI, change or "")},
#:  claim ends {IRI: (label, type class IRIs, lookup keys)})
PaperClaims = tuple[dict[str, tuple[int, tuple[str, ...]]], dict[str, tuple[str, str, str, str, str]],
                    dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]]


def _chunks(items: list[str], size: int = 500) -> Iterable[tuple[list[str], str]]:
    """Slices of at most ``size`` items with their ``?,?,...`` placeholders (SQLite's limit on variables)."""
    for i in range(0, len(items), size):
        chunk = items[i:i + size]
        yield chunk, ",".join("?" * len(chunk))


def claim_graph_iri(hash_: str) -> str:
    return CLAIM_GRAPHS + hash_


def is_claim_graph(iri: str) -> bool:
    return iri.startswith(CLAIM_GRAPHS)


def paper_claims(x: Extraction) -> PaperClaims:
    """The paper's support for assembled claims; the ends are the nodes its graph links (kb.mapping)."""
    entities = {e.key: e for e in x.entities}
    support: dict[str, tuple[int, set[str]]] = {}
    assembled: dict[str, tuple[str, str, str, str, str]] = {}
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
        # a biomarker's change is part of what is claimed: "ALDH decreased" and "ALDH increased" stay apart
        h = _h("assembled", c.kind, sides[0], c.relation, sides[1], c.change or "")
        assembled[h] = (c.kind, sides[0], c.relation, sides[1], c.change or "")
        bits, sources = support.get(h, (0, set()))
        support[h] = (bits | CERTAINTY_BIT[c.certainty.value], sources | {claim_iri(c).value})
    return {h: (bits, tuple(sorted(src))) for h, (bits, src) in support.items()}, assembled, ends


SCHEMA = """
-- one row a paper and claim, kept in claim order (WITHOUT ROWID): a claim's papers are one range
CREATE TABLE claim_support (claim TEXT, paper_id TEXT, bits INTEGER, sources TEXT,
                            PRIMARY KEY (claim, paper_id)) WITHOUT ROWID;
CREATE INDEX claim_support_paper ON claim_support (paper_id);
-- a claim's counts, kept by every write (a claim in 5,000 papers is not counted again per batch)
CREATE TABLE assembled_claims (claim TEXT PRIMARY KEY, kind TEXT, subject TEXT, relation TEXT, object TEXT, change TEXT,
                               papers INTEGER DEFAULT 0, stated INTEGER DEFAULT 0,
                               hypothesis INTEGER DEFAULT 0, negated INTEGER DEFAULT 0);
CREATE INDEX assembled_claims_papers ON assembled_claims (papers);
CREATE INDEX assembled_claims_subject ON assembled_claims (subject);
CREATE INDEX assembled_claims_object ON assembled_claims (object);
-- the per-paper claim nodes an assembled claim counts, with how many papers give each
CREATE TABLE claim_sources (claim TEXT, source TEXT, papers INTEGER, PRIMARY KEY (claim, source)) WITHOUT ROWID;
CREATE TABLE claim_ends (iri TEXT PRIMARY KEY, label TEXT, types TEXT, keys TEXT);
-- an end's lookup keys one by one: the claims about an entity, for pages of claims_about
CREATE TABLE claim_end_keys (key TEXT, iri TEXT, PRIMARY KEY (key, iri)) WITHOUT ROWID;
CREATE TABLE claim_index (id INTEGER PRIMARY KEY, state TEXT, layout INTEGER);
"""
#: the layout of the tables above; tables of another layout are dropped on open (they are made
#: again from the stored texts by `kb reextract --all`, which the claim queries ask for)
LAYOUT = 1
TABLES = ("claim_support", "assembled_claims", "claim_sources", "claim_ends", "claim_end_keys", "claim_index")


class ClaimIndex:
    """The claim tables of ``kb.sqlite`` (:data:`SCHEMA`), and the graphs made from them."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        # the index's tables outgrow SQLite's default 2 MB page cache at ~20,000 papers
        db.execute("PRAGMA cache_size = -65536")
        tables = set(db.table_names())
        if "claim_support" in tables and self._layout() != LAYOUT:
            with db.conn:  # another layout (not one this version can keep up to date): built again
                for table in TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
            tables = set(db.table_names())
        if "claim_support" not in tables:
            # a knowledge base whose papers the index has not seen: its claim queries need `kb reextract --all`
            state = "complete" if "papers" not in tables or not db["papers"].count else "missing"
            with db.conn:
                db.conn.executescript(SCHEMA)
                db.execute("INSERT INTO claim_index VALUES (1, ?, ?)", [state, LAYOUT])

    def _layout(self) -> int | None:
        try:
            return next(self.db.execute("SELECT layout FROM claim_index WHERE id = 1"))[0]
        except sqlite3.OperationalError:  # no such column: a layout from before it was numbered
            return None

    @property
    def complete(self) -> bool:
        return next(self.db.execute("SELECT state FROM claim_index WHERE id = 1"))[0] == "complete"

    def mark_complete(self) -> None:
        with self.db.conn:
            self.db.execute("UPDATE claim_index SET state = 'complete' WHERE id = 1")

    def claims_of(self, paper_ids: Iterable[str]) -> set[str]:
        """The assembled claims the given papers support now."""
        out: set[str] = set()
        ids = list(paper_ids)
        for chunk, marks in _chunks(ids):
            out.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT claim FROM claim_support WHERE paper_id IN ({marks})", chunk))
        return out

    def replace(self, papers: Mapping[str, PaperClaims | None], changed_ends: dict | None = None) -> None:
        """Inside the caller's transaction: the given papers' support is replaced (``None``: removed),
        and the counts of the claims it changes moved by the difference. ``changed_ends``: what
        :meth:`touched_by` found for the same papers (found again when not given)."""
        ids = list(papers)
        delta: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # papers, stated, hypothesis, negated
        source_delta: dict[tuple[str, str], int] = defaultdict(int)

        def count(claim: str, bits: int, sources: Iterable[str], sign: int) -> None:
            d = delta[claim]
            d[0] += sign
            for i, bit in enumerate((1, 2, 4), start=1):
                if bits & bit:
                    d[i] += sign
            for src in sources:
                source_delta[claim, src] += sign

        for chunk, marks in _chunks(ids):
            for claim, bits, sources in self.db.execute(
                    f"SELECT claim, bits, sources FROM claim_support WHERE paper_id IN ({marks})", chunk):
                count(claim, bits, sources.split(), -1)
            self.db.execute(f"DELETE FROM claim_support WHERE paper_id IN ({marks})", chunk)
        rows, assembled = [], {}
        for paper_id, pc in papers.items():
            if pc is None:
                continue
            for h, (bits, sources) in pc[0].items():
                rows.append((h, paper_id, bits, " ".join(sources)))
                count(h, bits, sources, +1)
            assembled.update(pc[1])
        self.db.conn.executemany("INSERT INTO claim_support VALUES (?, ?, ?, ?)", rows)
        self.db.conn.executemany("INSERT OR IGNORE INTO assembled_claims (claim, kind, subject, relation, object, "
                                 "change) VALUES (?, ?, ?, ?, ?, ?)", [(h, *d) for h, d in assembled.items()])
        self.db.conn.executemany(
            "UPDATE assembled_claims SET papers = papers + ?, stated = stated + ?, hypothesis = hypothesis + ?, "
            "negated = negated + ? WHERE claim = ?", [(*d, h) for h, d in delta.items() if any(d)])
        changes = [(h, src, n) for (h, src), n in source_delta.items() if n]
        self.db.conn.executemany("INSERT INTO claim_sources VALUES (?, ?, ?) ON CONFLICT (claim, source) "
                                 "DO UPDATE SET papers = papers + excluded.papers", changes)
        self.db.conn.executemany("DELETE FROM claim_sources WHERE claim = ? AND source = ? AND papers <= 0",
                                 [(h, src) for h, src, n in changes if n < 0])
        changed = self._changed_ends(papers) if changed_ends is None else changed_ends
        self.db.conn.executemany("INSERT OR REPLACE INTO claim_ends VALUES (?, ?, ?, ?)", [
            (iri, label, " ".join(sorted(types)), "\x1f".join(sorted(keys))) for iri, (label, types, keys) in changed.items()])
        self.db.conn.executemany("INSERT OR IGNORE INTO claim_end_keys VALUES (?, ?)",
                                 [(k, iri) for iri, (_, _, keys) in changed.items() for k in keys])

    def touched_by(self, papers: Mapping[str, PaperClaims | None]) -> tuple[set[str], dict]:
        """The assembled claims that replacing the given papers' support rewrites: those the papers
        support now or will, and those whose subject or object gains a name or a type; and those
        ends' new descriptions (for :meth:`replace`)."""
        out = self.claims_of(papers) | {h for pc in papers.values() if pc for h in pc[1]}
        changed = self._changed_ends(papers)
        for chunk, marks in _chunks(sorted(changed), 250):
            out.update(r[0] for r in self.db.execute(
                f"SELECT claim FROM assembled_claims WHERE subject IN ({marks}) OR object IN ({marks})", chunk + chunk))
        return out, changed

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
        for iri, (label, types, keys) in self._ends(merged).items():
            old = (label, set(types), set(keys))
            new = (min(label, merged[iri][0]), merged[iri][1] | old[1], merged[iri][2] | old[2])
            if new == old:
                del merged[iri]
            else:
                merged[iri] = new
        return merged

    def graphs(self, claims: Iterable[str]) -> tuple[dict[str, bytes], list[str]]:
        """The graphs of the given assembled claims as they are now, as N-Quads: ``(graphs to
        write, graphs to drop)`` (a claim no paper supports any more is dropped). The counts are
        kept, and the listed paper ids stop at :data:`PAPER_IDS_SHOWN`, so a claim's graph costs
        the same whatever the number of papers behind it."""
        hashes = sorted(set(claims))
        defs: dict[str, tuple] = {}
        sources: dict[str, list[str]] = defaultdict(list)
        for chunk, marks in _chunks(hashes):
            for h, *row in self.db.execute(
                    "SELECT claim, kind, subject, relation, object, change, papers, stated, hypothesis, negated "
                    f"FROM assembled_claims WHERE claim IN ({marks}) AND papers > 0", chunk):
                defs[h] = tuple(row)
            for h, src in self.db.execute(
                    f"SELECT claim, source FROM claim_sources WHERE claim IN ({marks}) ORDER BY claim, source", chunk):
                sources[h].append(src)
        ends = self._ends({x for d in defs.values() for x in (d[1], d[3])})
        write: dict[str, bytes] = {}
        for h, d in defs.items():
            papers = [r[0] for r in self.db.execute(
                "SELECT paper_id FROM claim_support WHERE claim = ? ORDER BY paper_id LIMIT ?", [h, PAPER_IDS_SHOWN])]
            write[claim_graph_iri(h)] = _nquads(h, d, papers, sources[h], ends)
        return write, [claim_graph_iri(h) for h in hashes if h not in defs]

    def _ends(self, iris: Iterable[str]) -> dict[str, tuple[str, list[str], list[str]]]:
        out: dict[str, tuple[str, list[str], list[str]]] = {}
        ends = sorted(iris)
        for chunk, marks in _chunks(ends):
            for iri, label, types, keys in self.db.execute(
                    f"SELECT iri, label, types, keys FROM claim_ends WHERE iri IN ({marks})", chunk):
                out[iri] = (label, types.split(), keys.split("\x1f") if keys else [])
        return out

    def most_reported(self, n: int, keys: list[str] | None = None) -> list[str] | None:
        """Every claim reported by at least as many papers as the ``n``-th most reported one (ties
        included), or ``None`` when fewer than ``n`` claims have papers: a superset of the first
        ``n`` claims of any query ordered by paper count first (:meth:`kb.KnowledgeBase.query`).
        With ``keys`` (lookup keys), among the claims whose subject or object has one of them."""
        where, args = "papers > 0", []
        if keys:
            ends = f"SELECT iri FROM claim_end_keys WHERE key IN ({','.join('?' * len(keys))})"
            where += f" AND (subject IN ({ends}) OR object IN ({ends}))"
            args = [*keys, *keys]
        row = list(self.db.execute(f"SELECT papers FROM assembled_claims WHERE {where} "
                                   "ORDER BY papers DESC LIMIT 1 OFFSET ?", [*args, n - 1]))
        if not row:
            return None
        return [r[0] for r in self.db.execute(f"SELECT claim FROM assembled_claims WHERE {where} AND papers >= ?",
                                              [*args, row[0][0]])]

    def everything(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT claim FROM assembled_claims WHERE papers > 0")}

    def count(self) -> int:
        """How many assembled claims some paper supports."""
        return next(self.db.execute("SELECT COUNT(*) FROM assembled_claims WHERE papers > 0"))[0]


def _nquads(h: str, definition: tuple, papers: list[str], sources: list[str],
            ends: Mapping[str, tuple[str, list[str], list[str]]]) -> bytes:
    """One assembled claim's graph. Written as text: it is made for every claim a batch touches,
    and pyoxigraph term objects cost ~15 µs a triple."""
    kind, subj, rel, obj, change, total, *counts = definition
    head = f"<{RESOURCE}assembled/{h}> "
    tail = f" <{claim_graph_iri(h)}> .\n"
    lines = [f"<{RDF_TYPE.value}> <{EKB.AssembledClaim}>", f"<{EKB.claimType}> <{KIND_CLASS.get(kind, EKB.Claim)}>",
             f"<{EKB.relationLabel}> {string_literal(rel)}"] + ([f"<{EKB.change}> {string_literal(change)}"] if change else [])
    for prop, iri, label_prop, key_prop, type_prop in (
            (EKB.claimSubject, subj, EKB.subjectLabel, EKB.subjectKey, EKB.subjectType),
            (EKB.claimObject, obj, EKB.objectLabel, EKB.objectKey, EKB.objectType)):
        label, types, keys = ends.get(iri, ("", [], []))
        lines.append(f"<{prop}> <{iri}>")
        lines.append(f"<{label_prop}> {string_literal(label)}")
        lines.extend(f"<{key_prop}> {string_literal(k)}" for k in keys)
        lines.extend(f"<{type_prop}> <{t}>" for t in types)
    for n, prop in zip(counts, COUNTED):
        lines.append(f'<{prop}> "{n}"^^<{XSD_INTEGER}>')
    lines.append(f'<{EKB.paperCount}> "{total}"^^<{XSD_INTEGER}>')
    lines.append(f"<{EKB.paperIds}> {string_literal(' '.join(papers))}")
    lines.extend(f"<{PROV_DERIVED}> <{src}>" for src in sources)
    return "".join(head + line + tail for line in lines).encode("utf-8")
