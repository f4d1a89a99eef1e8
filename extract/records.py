"""The plain typed records every other module speaks.

`extract/` turns a :class:`Document` into an :class:`Extraction`; `kb/` maps an Extraction to RDF.
Nothing here knows about RDF, SQLite or HTTP. All offsets are character offsets into
``Document.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum

ENTITY_TYPES = ("drug", "target", "disease", "cell_population", "biomarker")


class Certainty(str, Enum):
    """How the text holds a claim (medspaCy-style fixed categories)."""

    STATED = "stated"
    HYPOTHESIS = "hypothesis"
    NEGATED = "negated"


@dataclass(frozen=True)
class Section:
    """A labelled part of a document (``RESULTS``, ``TITLE``, ``BODY``); offset into Document.text."""

    label: str | None
    start: int
    end: int


@dataclass
class DocumentMetadata:
    """Bibliographic facts known about a paper (from the reader, PubMed or the text itself)."""

    title: str | None = None
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    pmcid: str | None = None
    authors: list[str] = field(default_factory=list)
    mesh_headings: list[tuple[str, str]] = field(default_factory=list)  # (MeSH id, label)
    chemicals: list[tuple[str, str]] = field(default_factory=list)  # (MeSH id, label)
    publication_types: list[str] = field(default_factory=list)
    source: str = "file"  # file | pubmed-xml | medline | eutils | europepmc


@dataclass
class Document:
    """One article: its identity, full text (what offsets point into), sections and metadata."""

    id: str
    text: str
    sections: list[Section] = field(default_factory=list)
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)

    @property
    def sha256(self) -> str:
        """Content hash: a paper whose text is unchanged needs no re-extraction."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence, its offsets, the matched spans and who read it."""

    sentence: str
    start: int
    end: int
    section: str | None = None
    spans: tuple[tuple[int, int], ...] = ()  # matched spans, document offsets
    extractor: str = ""
    confidence: float = 1.0


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A normalized entity of one paper: canonical label, type, identifiers, mentions.

    ``ids`` are CURIEs from shipped vocabularies: ``DRUGBANK:DB06287``, ``MESH:C401859``,
    ``HGNC:3942``, ``MONDO:0005089``, ``NCIT:C1234``, ``CHEBI:1234``. ``key`` is stable across
    papers: the first identifier, else ``type:normalized label``.
    """

    label: str
    type: str
    ids: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    extra_types: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.ids[0] if self.ids else f"{self.type}:{normalize_label(self.label)}"

    @property
    def types(self) -> list[str]:
        return list(dict.fromkeys([self.type, *self.extra_types]))


@dataclass
class Regimen:
    drug: str  # canonical drug label
    dose: float | None
    unit: str | None
    evidence: Evidence
    schedule: str | None = None
    route: str | None = None
    arm: list[str] | None = None  # drug labels of the arm; None when given in all arms
    drug_key: str | None = None


@dataclass
class Study:
    evidence: list[Evidence]
    trial_ids: list[str] = field(default_factory=list)
    phase: str | None = None
    design: str | None = None
    n_patients: list[int] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    condition_keys: list[str] = field(default_factory=list)  # entity keys of the conditions
    name: str | None = None  # acronym such as SUCCEED


@dataclass
class Outcome:
    measure: str
    value: float
    evidence: Evidence
    statistic: str | None = None
    unit: str | None = None
    range_low: float | None = None
    range_high: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: str | None = None  # "0.001" or "<0.001"
    timepoint: str | None = None
    arm: list[str] | None = None


@dataclass
class Claim:
    """A mechanism or biomarker statement, kept apart from its evidence (INDRA-style).

    ``kind`` is ``mechanism`` or ``biomarker``. For a biomarker, ``subject`` is the marker,
    ``relation`` is ``associated_with``, ``change`` the stated change and ``object`` what
    it is associated with (a treatment or response/disease).
    """

    subject: str
    relation: str
    object: str
    certainty: Certainty
    evidence: Evidence
    kind: str = "mechanism"
    change: str | None = None
    subject_key: str | None = None
    object_key: str | None = None

    @property
    def content_key(self) -> str:
        """Shallow identity: the same fact whatever paper states it."""
        parts = [self.kind, normalize_label(self.subject), self.relation, normalize_label(self.object),
                 self.change or ""]
        return "|".join(parts)


@dataclass
class Extraction:
    document: Document
    extractor_version: str
    entities: list[Entity] = field(default_factory=list)
    regimens: list[Regimen] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "entities": len(self.entities),
            "regimens": len(self.regimens),
            "studies": len(self.studies),
            "outcomes": len(self.outcomes),
            "claims": len(self.claims),
        }


def normalize_label(label: str) -> str:
    """Lower-case, single-spaced form used for keys and de-duplication."""
    return " ".join(label.lower().replace("\u2010", "-").replace("\u2013", "-").split())
