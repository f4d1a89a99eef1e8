"""``KnowledgeBase``: the one entry object. The CLI and the HTTP app call its methods, nothing else.

Layout of ``KB_HOME``: ``oxigraph/`` (the RDF store, one named graph per paper) and ``kb.sqlite``
(source documents, extraction runs, HTTP cache).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple
from pathlib import Path

from extract import EXTRACTOR_VERSION
from extract.readers import ARTICLE_SUFFIXES, ReaderError, read_path, reader_for
from extract.records import Document, Extraction
from kb import query as q
from kb.assembled import CLAIM_GRAPHS, ClaimIndex, PaperClaims, claim_graph_iri, is_claim_graph, paper_claims
from kb.docs import DocumentStore
from kb.errors import InputError, QueryError, StoreError, StoreLocked, UnknownPaper
from kb.mapping import (extraction_nquads, extraction_quads, graph_iri, is_paper_graph, paper_id_of_graph,
                        paper_iri)
from kb.serve.client import running_server_store
from kb.store import EmbeddedStore, Store, graphs_from_nquads

DEFAULT_HOME = "kb-data"
BATCH_SIZE = 200

# the paper graphs that name an entity (by label, synonym or identifier): where its facts can be
GRAPHS_WITH_KEY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e ekb:lookupKey ?_key } }"


def default_home() -> Path:
    return Path(os.environ.get("KB_HOME") or DEFAULT_HOME)


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, message)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, counts: dict[str, int]) -> None:
        for k, v in counts.items():
            self.counts[k] = self.counts.get(k, 0) + v


class Extracted(NamedTuple):
    """What the writing process needs of one extracted paper (the records stay in the worker when
    the worker makes the N-Quads)."""

    document: Document
    extractor_version: str
    counts: dict[str, int]
    claims: PaperClaims  # the paper's support for assembled claims (kb.assembled)
    nquads: bytes | None = None  # the paper's graph, made by the worker
    extraction: Extraction | None = None  # the records, when the writer maps them itself


def stored_form(x: Extraction) -> tuple[str, dict[str, int], bytes, PaperClaims]:
    """Run in the extraction worker: the version, counts, N-Quads and claim support the writer stores."""
    return x.extractor_version, x.counts, extraction_nquads(x), paper_claims(x)


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and article files under directories named; a directory with none is an error."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(ARTICLE_SUFFIXES)
                           and not f.name.endswith(".gold.json"))
            if not found:
                raise InputError(f"{p}: directory holds no articles ({', '.join(ARTICLE_SUFFIXES)} files)")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


class KnowledgeBase:
    """Open (or create) a knowledge base under ``home``; ``store`` may be a remote store instead."""

    def __init__(self, home: str | Path | None = None, *, store: Store | None = None, read_only: bool = False):
        self.home = Path(home) if home is not None else default_home()
        self.home.mkdir(parents=True, exist_ok=True)
        self._store = store
        self._read_only = read_only
        self.docs = DocumentStore(self.home / "kb.sqlite")
        self.claim_index = ClaimIndex(self.docs.db)
        self._extractor = None

    # -- lifecycle
    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = EmbeddedStore(self.home / "oxigraph", read_only=self._read_only)
                if not self._read_only:
                    self.repair()
            except StoreLocked:
                # a running `kb serve` holds the store: read and write through it (see kb/serve/client.py)
                self._store = running_server_store(self.home)
                if self._store is None:
                    raise
        return self._store

    def repair(self) -> list[str]:
        """Finish a write that died or failed half-way (killed, power lost, a store error): the
        paper graphs of a bulk load are dropped (their papers have no row, so the same add run
        again does them whole) and the assembled claims it touched are rewritten from the
        committed support. Returns the graphs repaired."""
        pending = self.docs.loading()
        if pending:
            papers = [g for g in pending if not is_claim_graph(g)]
            if papers:
                self.store.drop_graphs(papers)
            self._write_claim_graphs(g[len(CLAIM_GRAPHS):] for g in pending if is_claim_graph(g))
            with self.docs.db.atomic():
                self.docs.clear_loading(pending)
        return pending

    def _repair_after_failure(self) -> None:
        """Repair at once when the store answers; when it does not, the noted graphs wait for the
        next open or write, and the caller's error (not the repair's) is what the user sees."""
        try:
            self.repair()
        except StoreError:
            pass

    def _write_claim_graphs(self, claims: Iterable[str]) -> None:
        write, drop = self.claim_index.graphs(claims)
        if isinstance(self.store, EmbeddedStore):
            self.store.rewrite_graphs_nquads(write)
        elif hasattr(self.store, "replace_graphs_nquads"):
            self.store.replace_graphs_nquads(write)
        elif write:
            self.store.replace_graphs(graphs_from_nquads(write))
        if drop:
            self.store.drop_graphs(drop)

    @property
    def extractor(self):
        if self._extractor is None:
            from extract.pipeline import Extractor, ModelNotFound

            try:
                self._extractor = Extractor()
            except ModelNotFound as exc:
                raise InputError(str(exc)) from exc
        return self._extractor

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()
        if self._store is not None:
            self._store.close()
            self._store = None
        self.docs.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- adding
    def read_paths(self, paths: Iterable[str | Path]) -> list[Document | ReaderError]:
        """Read every input before anything is written: one bad text file fails the whole add.
        (Bulk record files stream instead: see :meth:`iter_paths`.)"""
        return list(self.iter_paths(paths))

    def iter_paths(self, paths: Iterable[str | Path]) -> Iterator[Document | ReaderError]:
        """Text articles are all read (and checked) first; PubMed XML and MEDLINE records then
        stream in constant memory, a bad record coming as a ReaderError that names it."""
        files = collect_paths(paths)
        texts: list[Document] = []
        seen: dict[str, Path] = {}
        try:
            for path in files:
                if reader_for(path) != "text":
                    continue
                for d in read_path(path):
                    if d.id in seen and seen[d.id] != path:
                        raise InputError(f"{path}: paper id {d.id!r} is also given by {seen[d.id]}; rename one file")
                    seen[d.id] = path
                    texts.append(d)
        except ReaderError as exc:
            raise InputError(str(exc)) from exc
        yield from texts
        for path in files:
            if reader_for(path) != "text":
                yield from read_path(path)

    def add_paths(self, paths: Iterable[str | Path], **kw) -> AddReport:
        return self.add_documents(self.iter_paths(paths), **kw)

    def fetch_documents(self, *, pmids: Iterable[str] = (), query: str | None = None, max_results: int = 200,
                        dois: Iterable[str] = (), pmcids: Iterable[str] = (), full_text: bool = False,
                        offline: bool = False) -> Iterator[Document | ReaderError]:
        """Records from PubMed (E-utilities) and Europe PMC, and open-access full texts from Europe PMC
        (``pmcids``; with ``full_text``, also for the PubMed records that have one), cached in this
        knowledge base's SQLite."""
        from kb.sources.fetch import fetch_documents
        from kb.sources.settings import SourceSettings

        try:
            settings = SourceSettings.from_env()
            yield from fetch_documents(pmids=pmids, query=query, max_results=max_results, dois=dois, pmcids=pmcids,
                                       full_text=full_text, settings=settings, cache_db=self.docs.db, offline=offline)
        except ValueError as exc:  # a malformed PMID, DOI or setting: nothing was requested
            raise InputError(str(exc)) from exc

    def enrich_trials(self, *, offline: bool = False, papers: Iterable[str] | None = None) -> dict[str, str]:
        """Fetch the ClinicalTrials.gov record of every NCT id the papers name into a registry graph
        per trial, noting where registry and text disagree. Returns nct id -> outcome."""
        from kb.mapping import trial_quads, trial_graph_iri
        from kb.sources.ctgov import compare_trial
        from kb.sources.fetch import fetch_trials
        from kb.sources.settings import SourceSettings

        wanted = set(papers) if papers is not None else None
        studies = [r for r in self.query("studies").rows if (r["trial_id"] or "").startswith("NCT")
                   and (wanted is None or r["paper"] in wanted)]  # (other registries' numbers are not CT.gov's)
        by_trial: dict[str, list[dict]] = {}
        for r in studies:
            by_trial.setdefault(r["trial_id"], []).append(r)
        outcome: dict[str, str] = {}
        graphs = {}
        for nct, rec in fetch_trials(list(by_trial), settings=SourceSettings.from_env(), cache_db=self.docs.db,
                                     offline=offline):
            if rec is None:
                outcome[nct] = "not registered"
            elif isinstance(rec, Exception):
                outcome[nct] = f"failed: {rec}"
            else:
                notes = []
                for r in by_trial[nct]:
                    n = [int(r["n_patients"])] if r["n_patients"] else []
                    notes += [(r["paper"], note) for note in compare_trial(rec, n, r["phase"] or None)]
                graphs[trial_graph_iri(nct).value] = trial_quads(rec, [r["paper"] for r in by_trial[nct]], notes)
                outcome[nct] = f"{len(notes)} disagreement(s)" if notes else "agrees"
        self.store.replace_graphs(graphs)
        return outcome

    def add_documents(self, documents: Iterable[Document | ReaderError], *, workers: int = 1, force: bool = False,
                      batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
                      command: str = "add", executor: str = "local", scheduler: str | None = None) -> AddReport:
        """Extract and store documents in batches; each batch is written atomically.

        A paper whose text and extractor version are unchanged is skipped (unless ``force``);
        a changed one has its graph replaced.
        """
        report = AddReport()
        self.repair()  # a write through a remote store that failed half-way (an embedded one repairs on open)
        run_id = self.docs.start_run(command, EXTRACTOR_VERSION)
        status = "failed"

        def good() -> Iterator[Document]:
            for d in documents:
                if isinstance(d, ReaderError):
                    report.failed.append((d.record or d.path, d.message))
                    if progress:
                        progress(1)
                else:
                    yield d

        # the next batch is extracted while the previous one is written: the workers never wait
        # for the store, and turn their records into N-Quads themselves when the store takes them
        nquads = executor == "local" and hasattr(self.store, "replace_graphs_nquads")
        batches = _batches(good(), batch_size)
        in_flight: tuple[list[Document], Iterator] | None = None
        try:
            while True:
                try:
                    batch = next(batches, None)
                except BaseException:
                    if in_flight is not None:  # an interrupted input: the batch being extracted is still stored
                        self._write(self._collect(*in_flight, progress), report)
                    raise
                started = None
                if batch is not None:
                    todo = self._changed(batch, force, report)
                    if progress and len(todo) < len(batch):
                        progress(len(batch) - len(todo))
                    started = (todo, self._start(todo, workers, executor, scheduler, nquads))
                if in_flight is not None:
                    self._write(self._collect(*in_flight, progress), report)
                if batch is None:
                    break
                in_flight = started
            status = "ok"
        finally:
            self.docs.finish_run(run_id, status=status, added=len(report.added), replaced=len(report.replaced),
                                 skipped=len(report.skipped), failed=len(report.failed))
        return report

    def add_extractions(self, extractions: Iterable[Extraction]) -> AddReport:
        """Store extractions made elsewhere (another extractor, hand-made records) the way ``add``
        stores its own: each paper's graph replaced whole, its claims counted across papers."""
        report = AddReport()
        self.repair()
        self._write([Extracted(x.document, x.extractor_version, x.counts, paper_claims(x), None, x)
                     for x in extractions], report)
        return report

    def _start(self, docs: list[Document], workers: int, executor: str, scheduler: str | None,
               nquads: bool) -> Iterator[tuple[Extraction | None, tuple | None]]:
        if executor == "local":
            return self.extractor.submit(docs, workers, stored_form if nquads else None, keep=not nquads)
        from kb.executors import make_executor  # distributed extraction (see README, "Scaling out")

        return ((x, None) for x in make_executor(executor, scheduler=scheduler, workers=workers).extract(docs))

    @staticmethod
    def _collect(docs: list[Document], results: Iterator[tuple[Extraction | None, tuple | None]],
                 progress: Callable[[int], None] | None) -> list[Extracted]:
        out = []
        for doc, (x, stored) in zip(docs, results):
            if stored is not None:
                version, counts, nq, claims = stored
                out.append(Extracted(doc, version, counts, claims, nq, x))
            else:
                out.append(Extracted(x.document, x.extractor_version, x.counts, paper_claims(x), None, x))
            if progress:
                progress(1)
        return out

    def _changed(self, batch: list[Document], force: bool, report: AddReport) -> list[Document]:
        known = self.docs.fingerprints([d.id for d in batch])
        todo = []
        for d in batch:
            if not force and known.get(d.id) == (d.sha256, EXTRACTOR_VERSION):
                report.skipped.append(d.id)
            else:
                todo.append(d)
        return todo

    def _write(self, results: list[Extracted], report: AddReport) -> None:
        """RDF and SQLite for one batch: SQLite commits only if the RDF write succeeded."""
        if not results:
            return
        ids = [r.document.id for r in results]
        known = self.docs.fingerprints(ids)
        rows = [self.docs.row_for(r.document, r.extractor_version, r.counts) for r in results]
        iris = [graph_iri(i).value for i in ids]
        support = {r.document.id: r.claims for r in results}
        bulk = all(r.nquads is not None for r in results) and isinstance(self.store, EmbeddedStore)
        # noted first (committed): the new papers of a bulk load, and the assembled claims the
        # batch touches, so a write that fails or dies half-way is repaired (here, or at the
        # next open): no paper stays half-written and every claim count matches the committed rows
        touched, ends = self.claim_index.touched_by(support)
        noted = (self.store.absent(iris) if bulk else []) + [claim_graph_iri(h) for h in sorted(touched)]
        self.docs.mark_loading(noted)
        try:
            with self.docs.db.atomic():  # one SQLite transaction; rolled back if a store write raises
                self.docs.upsert_rows(rows)
                self.claim_index.replace(support, ends)
                if bulk:  # new papers through the bulk loader (not one transaction: see the note above)
                    self.store.replace_graphs_nquads(dict(zip(iris, (r.nquads for r in results))), bulk=True)
                elif all(r.nquads is not None for r in results):
                    self.store.replace_graphs_nquads(dict(zip(iris, (r.nquads for r in results))))
                else:
                    self.store.replace_graphs(dict(zip(iris, (extraction_quads(r.extraction) for r in results))))
                self._write_claim_graphs(touched)
                self.docs.clear_loading(noted)
        except BaseException:
            self._repair_after_failure()
            raise
        for r in results:
            (report.replaced if r.document.id in known else report.added).append(r.document.id)
            report.count(r.counts)

    # -- removing, listing
    def remove(self, paper_id: str) -> None:
        if self.docs.get(paper_id) is None and graph_iri(paper_id).value not in self.store.graph_names():
            raise UnknownPaper(f"no paper {paper_id!r} in {self.home}; `kb papers` lists them")
        self.repair()
        touched, _ = self.claim_index.touched_by({paper_id: None})
        noted = [claim_graph_iri(h) for h in sorted(touched)]
        self.docs.mark_loading(noted)
        try:
            with self.docs.db.atomic():
                self.docs.delete(paper_id)
                self.claim_index.replace({paper_id: None})
                self.store.drop_graphs([graph_iri(paper_id).value])
                self._write_claim_graphs(touched)
                self.docs.clear_loading(noted)
        except BaseException:
            self._repair_after_failure()
            raise

    def papers(self) -> list[dict]:
        return self.docs.list()

    def show(self, paper_id: str) -> dict:
        row = self.docs.get(paper_id)
        if row is None:
            raise UnknownPaper(f"no paper {paper_id!r} in {self.home}; `kb papers` lists them")
        out = {"paper": paper_id, "title": row["title"], "source": row["source"],
               "extractor_version": row["extractor_version"], "added_at": row["added_at"]}
        for name in ("studies", "entities", "regimens", "outcomes", "mechanisms", "biomarkers"):
            out[name] = self.query(name, {"paper": paper_id}).rows
        return out

    def summary(self) -> dict:
        """The counts the browser's home page shows: papers, entities, claims. Each is read through
        an index (a class's members, the papers' mentions), so it stays quick at 100,000 papers,
        where :meth:`stats` reads every triple (tens of seconds from a cold disk)."""
        entities = self.query_text("""
            SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE { GRAPH ?g { ?p ekb:mentions ?e } }""").rows[0]
        counts = self._class_counts("Paper", "MechanismClaim", "BiomarkerClaim")
        return {"home": str(self.home), "papers": counts.pop("paper"), "entities": int(entities["entities"] or 0),
                **counts, "assembledclaims": self.claim_index.count()}  # (kb.assembled: claims across papers)

    def stats(self) -> dict:
        """:meth:`summary` and the counts that read the whole store: every record kind and the triples."""
        return {**self.summary(), **self._class_counts("Study", "Regimen", "Outcome", "Evidence"),
                "triples": self.store.quad_count()}

    def _class_counts(self, *classes: str) -> dict[str, int]:
        """How many distinct nodes of each ``ekb:`` class the paper graphs hold (0 for a class with none)."""
        rows = self.query_text(f"""
            SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {{
              VALUES ?cls {{ {" ".join(f"ekb:{c}" for c in classes)} }} GRAPH ?g {{ ?x a ?cls }} }} GROUP BY ?cls""").rows
        found = {r["cls"].rsplit("#", 1)[-1]: int(r["n"]) for r in rows}
        return {c.lower(): found.get(c, 0) for c in classes}

    # -- re-extraction
    def reextract(self, *, everything: bool = False, workers: int = 1,
                  progress: Callable[[int], None] | None = None) -> AddReport:
        """Re-run the current pipeline on stored texts (all, or those from older extractor versions)."""
        outdated = None if everything else EXTRACTOR_VERSION
        docs = list(self.docs.iter_documents(outdated_from=outdated))
        report = self.add_documents(docs, workers=workers, force=True, progress=progress, command="reextract")
        if everything and not report.failed:  # every stored paper's claims are now in the index
            # claim graphs no paper supports now (left by an index of another layout) go
            kept = self.claim_index.everything()
            self.store.drop_graphs([g for g in self.store.graph_names()
                                    if is_claim_graph(g) and g[len(CLAIM_GRAPHS):] not in kept])
            self.claim_index.mark_complete()
        return report

    # -- queries
    def query(self, name_or_path: str | None, params: dict[str, str] | None = None, *,
              sparql: str | None = None, limit: int | None = None, offset: int = 0) -> q.QueryResult:
        """Run a named query, a .rq file or SPARQL text; ``limit``/``offset`` give one page of its rows.

        A query marked ``#+ pages: paper`` runs a page over a few paper graphs at a time, in paper
        order, so its first rows come back in milliseconds from a store of 100,000 papers (a common
        drug's full evidence is 40,000 rows and takes seconds). The rows are the same as the full
        result's at the same positions."""
        if limit is not None and limit < 0 or offset < 0:
            raise QueryError("--limit and --offset take a number of rows, 0 or more")
        params = params or {}
        named = q.resolve(name_or_path, sparql)
        if named.reads_assembled_claims and not self.claim_index.complete and self.docs.count():
            raise QueryError(f"query {named.name!r} reads the claims assembled across papers, which this knowledge "
                             f"base ({self.home}) has not built yet (it was made by an older version): run "
                             "`kb reextract --all` once to build them")
        missing = [p for p, desc in named.params.items() if re.search(r"\(required\b", desc) and p not in params]
        if missing:
            raise QueryError(f"query {named.name!r} needs --param {missing[0]}=VALUE ({named.params[missing[0]]})")
        # a paper's facts live in its graph: let the store look at that graph only
        paper = params.get("paper")
        graphs = [graph_iri(paper).value] if paper and named.path is not None and "paper id" in named.params.get(
            "paper", "") else None
        if (limit is not None or offset) and graphs is None and q.takes_named_graphs(self.store):
            if named.pages_by_paper:
                return self._paged(named, params, offset, limit)
            if named.pages_by_claim and limit is not None:
                return self._paged_by_claim(named, params, offset, limit)
        result = q.run_select(self.store, named, params, named_graphs=graphs)
        return result if limit is None and not offset else result.page(offset, limit)

    def _paged(self, named: q.NamedQuery, params: dict[str, str], offset: int, limit: int | None) -> q.QueryResult:
        """Rows ``offset`` to ``offset + limit`` of a ``#+ pages: paper`` query, read from the
        papers that can hold them (those naming each bound entity), a few graphs at a time."""
        keys = [q.lookup_key(params[p]) for p in named.key_params() if p in params]
        if keys:
            sets = [{r["g"] for r in self.query_text(GRAPHS_WITH_KEY, {"key": key}).rows} for key in keys]
            candidates = set.intersection(*sets)
        else:
            candidates = {g for g in self.store.graph_names() if is_paper_graph(g)}
        papers = sorted(candidates, key=paper_id_of_graph)
        if not papers:  # no paper can hold a row (an unknown entity, an empty store): a quick full run
            return q.run_select(self.store, named, params).page(offset, limit)
        need = None if limit is None else offset + limit
        parts: list[q.QueryResult] = []
        rows = start = 0
        size = 8 if need is not None else 1024
        while not parts or start < len(papers) and (need is None or rows < need):
            parts.append(q.run_select(self.store, named, params, named_graphs=papers[start:start + size]))
            rows += len(parts[-1].rows)
            start += size
            # the next batch: as many papers as should give the rows still wanted, at the rate so far
            per_paper = rows / start
            size = 1024 if need is None else min(1024, max(8, size * 2 if not per_paper else
                                                           math.ceil((need - rows) / per_paper * 1.25)))
        return q.QueryResult.joined(parts).page(offset, limit)

    def _paged_by_claim(self, named: q.NamedQuery, params: dict[str, str], offset: int, limit: int) -> q.QueryResult:
        """Rows ``offset`` to ``offset + limit`` of a ``#+ pages: claim`` query, read from the graphs
        of the most reported claims (about the bound entity, if any): every claim with at least as
        many papers as the n-th holds the first n rows whenever it gives n rows (a claim left out
        has fewer papers than all of them); otherwise n grows. (n starts at twice the rows: not
        every claim is of the query's kind.)"""
        n = max(2 * (offset + limit), 50)
        keys = [q.lookup_key(params[p]) for p in named.key_params() if p in params]  # (claims about an entity)
        while True:
            claims = self.claim_index.most_reported(n, keys)
            if claims is None:  # fewer claims than that: all of them
                return q.run_select(self.store, named, params).page(offset, limit)
            result = q.run_select(self.store, named, params, named_graphs=[claim_graph_iri(h) for h in claims])
            if len(result.rows) >= offset + limit:
                return result.page(offset, limit)
            n *= 4

    def query_text(self, sparql: str, params: dict[str, str] | None = None) -> q.QueryResult:
        return self.query(None, params, sparql=sparql)

    # -- export and validation
    def export(self, fmt: str, paper_id: str | None = None) -> bytes:
        if fmt == "jsonld":
            return self._jsonld(paper_id)
        return self.store.export(fmt, graph_iri(paper_id).value if paper_id else None)

    def _jsonld(self, paper_id: str | None) -> bytes:
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=self.store.export("nquads", graph_iri(paper_id).value if paper_id else None), format="nquads")
        return ds.serialize(format="json-ld", context=dict(q.PREFIXES)).encode("utf-8")

    def validate(self) -> tuple[bool, str]:
        """Run the SHACL shapes over the union of all paper graphs."""
        from kb.validation import validate_nquads

        return validate_nquads(self.store.export("nquads"))

    def paper_iri(self, paper_id: str) -> str:
        return paper_iri(paper_id).value


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
