"""spaCy components, one concern each; each is a thin wrapper over a pure function in ``extract/``.

They share one :class:`~extract.context.DocContext` in ``doc.user_data["ekb"]``, set up by
``ekb_sentences`` (the first component). Registered with ``Language.factory`` so a pipeline
config can name, reorder or replace them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.abbreviations import find_abbreviations
from extract.claims import extract_claims
from extract.context import DocContext
from extract.entities import find_mentions
from extract.lexicon import Lexicon
from extract.outcomes import extract_outcomes
from extract.readers.text import document_from_text
from extract.regimens import extract_regimens
from extract.studies import extract_study
from extract.text import split_sentences

CTX = "ekb"


def context(doc: Doc) -> DocContext:
    """The shared context; a Doc made without one gets it from its own text."""
    ctx = doc.user_data.get(CTX)
    if ctx is None:
        ctx = doc.user_data[CTX] = DocContext(document_from_text("doc", doc.text))
    return ctx


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token (one array read: iterating tokens builds objects)."""
    return doc.to_array(IDX).tolist()


class SentenceComponent:
    """Offset-preserving sentences that skip boilerplate and the reference list."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        ctx.sentences = split_sentences(ctx.text, ctx.document.sections or None)
        # mark only the sentence starts (cheap); Doc.sents then splits there
        if len(doc):
            starts = token_starts(doc)
            flags = numpy.full((len(doc), 1), -1, dtype="int32")
            for s in ctx.sentences:
                i = bisect_left(starts, s.start)
                if i < len(doc):
                    flags[i, 0] = 1
            flags[0, 0] = 1
            doc.from_array([SENT_START], flags.astype("uint64"))  # one call; token by token re-checks the doc
        return doc


class EntityComponent:
    """Lexicon entities, abbreviations defined in the text, coordinated and phrase-built names."""

    def __init__(self) -> None:
        self.lexicon: Lexicon | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or Lexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            raise ValueError("[ekb_entities] The lexicon is not loaded. Maybe you forgot to call nlp.initialize()?")
        ctx = context(doc)
        spans = [(s.start, s.end) for s in ctx.sentences]
        ctx.abbreviations = find_abbreviations(ctx.text, spans)  # ctx.text: Doc.text is rebuilt on every access
        ctx.mentions = find_mentions(ctx.text, self.lexicon, spans, ctx.abbreviations)
        starts = token_starts(doc)
        spans = []
        for m in ctx.mentions:  # token span covering the characters (like char_span "expand", but cheaper)
            i = bisect_right(starts, m.start) - 1
            j = bisect_left(starts, m.end)
            if 0 <= i < j:
                spans.append(Span(doc, i, j, label=m.concept.type, kb_id=m.key))
        doc.spans["ekb_entities"] = spans
        return doc


def _stage(fn, attr: str):
    """A component that stores ``fn(ctx)`` on the context."""

    def component(doc: Doc) -> Doc:
        ctx = context(doc)
        setattr(ctx, attr, fn(ctx))
        return doc

    return component


@Language.factory("ekb_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceComponent:
    return SentenceComponent()


@Language.factory("ekb_entities", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_entities(nlp: Language, name: str) -> EntityComponent:
    return EntityComponent()


@Language.factory("ekb_study", requires=["doc.spans"])
def make_study(nlp: Language, name: str):
    return _stage(extract_study, "study")


@Language.factory("ekb_regimens", requires=["doc.spans"])
def make_regimens(nlp: Language, name: str):
    return _stage(extract_regimens, "regimens")


@Language.factory("ekb_outcomes", requires=["doc.spans"])
def make_outcomes(nlp: Language, name: str):
    return _stage(extract_outcomes, "outcomes")


@Language.factory("ekb_claims", requires=["doc.spans"])
def make_claims(nlp: Language, name: str):
    return _stage(extract_claims, "claims")
