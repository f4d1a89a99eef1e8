"""The extraction pipeline: ``spacy.blank("en")`` plus our registered components.

``Extractor().extract(document) -> Extraction`` is the one entry point; ``extract_many`` runs a
pool of worker processes that send back plain records (cheaper than shipping spaCy Docs).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import signal
import weakref
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import spacy
from spacy.language import Language

import extract.components  # noqa: F401  (registers the factories)
from extract.components import CTX
from extract import EXTRACTOR_VERSION
from extract.context import DocContext
from extract.entities import group_entities, measured_in_body
from extract.lexicon import Lexicon
from extract.records import Document, Entity, Extraction

PIPES = ("ekb_sentences", "ekb_entities", "ekb_study", "ekb_regimens", "ekb_outcomes", "ekb_claims")


class ModelNotFound(ValueError):
    """The spaCy model named for the pipeline is not installed."""


def build_pipeline(model: str | None = None, lexicon: Lexicon | None = None) -> Language:
    """A blank English pipeline with our components. ``model`` (or the environment variable
    ``KB_SPACY_MODEL``) may name an installed spaCy model to start from instead; no component
    needs its parser, so features degrade gracefully without one."""
    model = model or os.environ.get("KB_SPACY_MODEL") or None
    try:
        nlp = spacy.load(model, exclude=["ner"]) if model else spacy.blank("en")
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {model!r} is not installed; install it (pip install ...) or unset "
                            "KB_SPACY_MODEL to use the blank pipeline") from exc
    for name in PIPES:
        nlp.add_pipe(name)
    nlp.get_pipe("ekb_entities").initialize(nlp=nlp, lexicon=lexicon)
    return nlp


class Extractor:
    """Turns Documents into Extractions; loads the lexicon once."""

    version = EXTRACTOR_VERSION

    def __init__(self, model: str | None = None, lexicon: Lexicon | None = None):
        self.nlp = build_pipeline(model, lexicon)
        self._pool = None  # worker processes, kept across batches (forking per batch cost memory and time)
        self._pool_size = 0

    def extract(self, document: Document) -> Extraction:
        doc = self.nlp.make_doc(document.text)
        ctx = DocContext(document, extractor=f"evidencekb-extract/{self.version}")
        doc.user_data[CTX] = ctx
        for _name, proc in self.nlp.pipeline:
            doc = proc(doc)
        capitalized = any(m.text[:1].isupper() for m in ctx.mentions if m.concept.type == "drug")
        entities = group_entities(ctx.mentions, _sentence_starts(ctx) if capitalized else frozenset())
        _retype_biomarkers(entities, ctx)
        _name_as_entities(entities, ctx)
        return Extraction(
            document=document,
            extractor_version=self.version,
            entities=entities,
            regimens=ctx.regimens,
            studies=[ctx.study] if ctx.study else [],
            outcomes=ctx.outcomes,
            claims=ctx.claims,
        )

    def extract_many(self, documents: Iterable[Document], workers: int = 1) -> Iterator[Extraction]:
        """Extract in order; with ``workers > 1`` a process pool does the work."""
        if workers <= 1:
            for d in documents:
                yield self.extract(d)
            return
        yield from (x for x, _ in self.submit(list(documents), workers))

    def submit(self, documents: list[Document], workers: int,
               then: Callable[[Extraction], Any] | None = None,
               keep: bool = True) -> Iterator[tuple[Extraction | None, Any]]:
        """Start extracting now and return the results in order as ``(extraction, then(extraction))``.

        With ``workers > 1`` the pool starts at once, so the caller can store the previous
        batch while this one is extracted; ``then`` (a module-level function) runs in the worker
        too, e.g. to turn the records into triples there rather than in the one writing process.
        ``keep=False`` sends back only ``then``'s result from a worker process (``None`` in place
        of the extraction), when the caller needs no more: unpickling every record cost the one
        writing process half a millisecond a paper.
        """
        if workers <= 1:
            return ((x, then(x) if then else None) for x in map(self.extract, documents))
        if self._pool is None or self._pool_size != workers:
            self.close()
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            global _WORKER
            _WORKER = self  # inherited by forked workers: the lexicon is shared copy-on-write
            self._pool = ctx.Pool(workers, initializer=_ignore_interrupt)
            self._pool_size = workers
            # an Extractor dropped without close() still stops its workers, before interpreter shutdown
            self._finalizer = weakref.finalize(self, self._pool.terminate)
        return self._pool.imap(partial(_extract_in_worker, then=then, keep=keep), documents, chunksize=8)

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._finalizer.detach()
            self._pool.close()
            self._pool.join()
            self._pool = None
            self._pool_size = 0


_WORKER: Extractor | None = None


def _ignore_interrupt() -> None:
    """Ctrl-C is the parent's to handle: it stores the batch in flight, then stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract_in_worker(document: Document, then: Callable[[Extraction], Any] | None = None,
                       keep: bool = True) -> tuple[Extraction | None, Any]:
    global _WORKER
    if _WORKER is None:
        _WORKER = Extractor()
    x = _WORKER.extract(document)
    return x if keep else None, then(x) if then else None


# "an alteration in BRCA1, BRCA2, or ATM", "mutations of the EGFR gene"
_ALTERED_BEFORE = re.compile(r"\b(?:alterations?|mutations?|rearrangements?|fusions?|amplifications?|deletions?)\s+(?:in|of)\s+"
                             r"(?:the\s+)?(?:genes?\s+)?(?:[\w-]+,?\s+(?:(?:or|and)\s+)?)*$", re.I)
# "blood levels of vascular endothelial growth factor D", "expression of cyclin D1": measured
_LEVELS_OF_BEFORE = re.compile(r"\b(?:levels?|concentrations?|expression|overexpression)\s+of\s+(?:the\s+)?(?:serum\s+|plasma\s+)?$",
                               re.I)
_MEASURED = re.compile(r"(?:/\d)?(?:\s*(?:\([^)]*\)\s*)?(?:(?:over)?expression|levels?|status|positivity|activity|concentrations?)\b|"
                       r"-(?:positive|negative|high|low|expressing)\b|\+\s*(?:cells|CSCs)|"
                       r"(?:\s*\([^)]*\))?,\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:bio)?markers?\b|"  # ("VEGF-D, a marker of")
                       # a genomic alteration that selects patients: "ROS1-rearranged", "EGFR mutations", "HER2-amplified"
                       # (also of a numbered pair: "BRCA1/2 mutations")
                       r"[-\s](?:rearranged|rearrangements?|fusions?|mutations?|mutant|mutated|amplified|amplification)\b)",
                       re.I)


_HEADING = re.compile(r"[^A-Za-z]*(?:[A-Z][A-Z ]+:\s*)?")


def _sentence_starts(ctx: DocContext) -> frozenset[int]:
    """Where each sentence's first word starts, after any section heading ("RESULTS: ")."""
    text = ctx.text
    return frozenset(m.end() for s in ctx.sentences for m in [_HEADING.match(text, s.start, s.end)])


def _name_as_entities(entities: list[Entity], ctx: DocContext) -> None:
    """Records name an entity as its Entity does: the rules wrote the vocabulary's label, and
    group_entities may have labelled the entity as the paper names it."""
    by_key = {e.key: e for e in entities}
    if ctx.study is not None:
        ctx.study.conditions = [by_key[k].label if k in by_key else c
                                for k, c in zip(ctx.study.condition_keys, ctx.study.conditions)]
    vocabulary = {m.key: m.concept.label for m in ctx.mentions}
    renamed = {k: e.label for k, e in by_key.items() if vocabulary.get(k, e.label) != e.label}
    if not renamed:
        return
    old_to_new = {vocabulary[k]: label for k, label in renamed.items()}
    for r in ctx.regimens:
        if r.drug_key in renamed and r.drug == vocabulary[r.drug_key]:
            r.drug = renamed[r.drug_key]
    for c in ctx.claims:
        if c.subject_key in renamed and c.subject == vocabulary[c.subject_key]:
            c.subject = renamed[c.subject_key]
        elif c.subject_key is None and " plus " in c.subject:  # a combination: "rapamycin plus cixutumumab"
            c.subject = " plus ".join(old_to_new.get(part, part) for part in c.subject.split(" plus "))
        if c.object_key in renamed and c.object == vocabulary[c.object_key]:
            c.object = renamed[c.object_key]
    for o in ctx.outcomes:
        if o.arm:
            o.arm = [old_to_new.get(a, a) for a in o.arm]


def _retype_biomarkers(entities, ctx: DocContext) -> None:
    """A marker that a biomarker claim is about, whose expression or level the paper measures
    ("PDGFRα expression", "ALDH-positive") or whose alteration selects patients ("ROS1-rearranged")
    is a biomarker in this paper; it stays a target too when a mechanism claim names it."""
    markers = {c.subject_key for c in ctx.claims if c.kind == "biomarker" and c.subject_key}
    text = ctx.text
    for e in entities:
        if e.type in ("target", "biomarker") and any(
                _MEASURED.match(text, m.end) or _ALTERED_BEFORE.search(text, max(0, m.start - 60), m.start)
                or _LEVELS_OF_BEFORE.search(text, max(0, m.start - 40), m.start) for m in e.mentions):
            markers.add(e.key)
    # a substance measured in the body and never given: "plasma creatinine had risen", "renal malondialdehyde
    # (MDA)", "BUN levels" is the paper's biomarker too (a chemical still: its type stays)
    given = {r.drug_key for r in ctx.regimens} | {c.subject_key for c in ctx.claims if c.kind == "mechanism"}
    for e in entities:
        if e.type == "drug" and e.key not in given and any(
                measured_in_body(text, m.start, m.end)
                for m in e.mentions):
            e.extra_types.append("biomarker")
    mech = {k for c in ctx.claims if c.kind == "mechanism" for k in (c.subject_key, c.object_key) if k}
    for e in entities:
        if e.key in markers and "biomarker" not in e.extra_types:  # (once: a substance measured is one already)
            if e.type == "target" and e.key in mech:
                e.extra_types.append("biomarker")
            elif e.type != "biomarker":
                if e.type == "target":
                    e.type = "biomarker"
                else:
                    e.extra_types.append("biomarker")
