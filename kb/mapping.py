"""Extraction -> RDF quads in the paper's named graph. The only code that knows the RDF shape of a record.

Identities (INDRA-style): an entity's IRI comes from its first identifier, so papers share it;
a claim's IRI hashes its normalized content (same fact, whatever paper); evidence, regimen,
outcome and study IRIs hash the paper, the offsets and the content, so re-extraction of an
unchanged paper gives the same IRIs and re-adding it makes no duplicates.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from decimal import Decimal
from urllib.parse import quote, unquote

import pyoxigraph as ox

from extract.records import Certainty, Claim, Entity, Evidence, Extraction, Outcome, Regimen, Study, normalize_label
from kb.query import lookup_key
from kb.vocab import EKB, QUDT_UNIT, RESOURCE, SCHEMA

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

TYPE_CLASS = {"drug": EKB.Drug, "target": EKB.Target, "disease": EKB.Disease,
              "cell_population": EKB.CellPopulation, "biomarker": EKB.Biomarker}
CLASS_TYPE = {str(v): k for k, v in TYPE_CLASS.items()}
CERTAINTY_IRI = {Certainty.STATED: EKB.Stated, Certainty.HYPOTHESIS: EKB.Hypothesis, Certainty.NEGATED: EKB.Negated}
# relation label (first word) -> relation property
RELATION_PROPERTY = {
    "inhibits": EKB.inhibits, "blocks": EKB.inhibits, "suppresses": EKB.inhibits,
    "activates": EKB.activates, "targets": EKB.targets, "binds": EKB.targets,
    "sensitizes": EKB.sensitizes, "enhances": EKB.enhances, "potentiates": EKB.enhances,
    "reduces": EKB.reduces, "decreases": EKB.reduces, "lowers": EKB.reduces,
    "increases": EKB.increases, "improves": EKB.improves, "prolongs": EKB.improves,
    "treats": EKB.treats, "causes": EKB.causes, "induces": EKB.causes, "regulates": EKB.regulates,
    "controls": EKB.regulates, "associated": EKB.associatedWith, "metabolized": EKB.metabolizedBy,
    "substrate": EKB.metabolizedBy,
}
IDENTIFIER_IRI = {
    "DRUGBANK": "https://go.drugbank.com/drugs/{}",
    "MESH": "http://id.nlm.nih.gov/mesh/{}",
    "HGNC": "https://identifiers.org/hgnc:{}",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_{}",
    "DOID": "http://purl.obolibrary.org/obo/DOID_{}",
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_{}",
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_{}",
}
UNIT_IRI = {"months": "MO", "month": "MO", "days": "DAY", "day": "DAY", "weeks": "WK", "week": "WK",
            "years": "YR", "year": "YR", "%": "PERCENT", "mg": "MilliGM", "mg/m2": "MilliGM-PER-M2",
            "mg/kg": "MilliGM-PER-KiloGM", "g/m2": "GM-PER-M2", "mL": "MilliL", "µmol/L": "MicroMOL-PER-L",
            "µM": "MicroMOL-PER-L", "nM": "NanoMOL-PER-L", "nmol/L": "NanoMOL-PER-L"}


class _Terms:
    """The ``<iri>`` texts of a namespace's terms, made on first use (``T.paperId``), so the
    graph builder pays neither rdflib's namespace lookup nor a pyoxigraph term per triple."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        text = f"<{getattr(self._namespace, name)}>"
        setattr(self, name, text)
        return text


E, S = _Terms(EKB), _Terms(SCHEMA)
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_term(iri: str) -> str:
    """``<iri>`` for N-Quads text, refused (as pyoxigraph refuses it) when the IRI holds a
    character that IRIs exclude: IRIs made from input (identifiers, MeSH ids of a record)."""
    if _IRI_FORBIDDEN.search(iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def string_literal(text: str) -> str:
    """An N-Triples string literal (the four characters its grammar excludes, escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def paper_iri(paper_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RESOURCE}paper/{quote(paper_id, safe='')}")


GRAPHS = f"{RESOURCE}graph/"  # a paper's graph: GRAPHS + its quoted id (no "/" left in it)


def graph_iri(paper_id: str) -> ox.NamedNode:
    return ox.NamedNode(GRAPHS + quote(paper_id, safe=""))


def is_paper_graph(iri: str) -> bool:
    """A paper's graph (not a trial registry record's, ``graph/registry/NCT...``)."""
    return iri.startswith(GRAPHS) and "/" not in iri[len(GRAPHS):]


def paper_id_of_graph(iri: str) -> str:
    """The paper id a :func:`graph_iri` was made from."""
    return unquote(iri[len(GRAPHS):])


def entity_iri(key: str) -> ox.NamedNode:
    """From the entity's first identifier ("DRUGBANK:DB06287" -> .../entity/DRUGBANK_DB06287),
    else from its type and normalized label."""
    if re.fullmatch(r"[A-Z]+:[\w.-]+", key):
        return ox.NamedNode(f"{RESOURCE}entity/{key.replace(':', '_')}")
    typ, _, label = key.partition(":")
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "x"
    return ox.NamedNode(f"{RESOURCE}entity/{typ}-{slug}-{_h(key)[:8]}")


def phrase_iri(label: str) -> ox.NamedNode:
    """A claim end that no entity names ("cell growth", "chemotherapy") gets a node of its own."""
    norm = normalize_label(label)
    slug = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")[:40] or "x"
    return ox.NamedNode(f"{RESOURCE}concept/{slug}-{_h(norm)[:8]}")


def end_iri(label: str, key: str | None, entity_keys) -> ox.NamedNode:
    """A claim's or regimen's end: the entity its key names in this paper, else the phrase's node."""
    return entity_iri(key) if key and key in entity_keys else phrase_iri(label)


def claim_iri(c: Claim) -> ox.NamedNode:
    return ox.NamedNode(f"{RESOURCE}claim/{_h(c.content_key)}")


def entity_lookup_keys(e: Entity) -> set[str]:
    """Every name and identifier of the entity, lower-cased (``ekb:lookupKey``)."""
    return {lookup_key(x) for x in [e.label, *e.synonyms, *e.ids]}


def identifier_term(curie: str) -> str | None:
    """The IRI an identifier resolves to (``MESH:D000001``), as N-Quads text; ``None`` for a prefix without one."""
    prefix, _, local = curie.partition(":")
    pattern = IDENTIFIER_IRI.get(prefix)
    return iri_term(pattern.format(local)) if pattern and local else None


def _decimal_text(value: float) -> str:
    return f'"{format(Decimal(repr(float(value))).normalize(), "f")}"^^<{XSD}decimal>'


def _integer_text(value: int) -> str:
    return f'"{int(value)}"^^<{XSD}integer>'


_TYPE, _LABEL = f"<{RDF_TYPE.value}>", f"<{RDFS_LABEL.value}>"
_PREF, _ALT, _EXACT = f"<{SKOS}prefLabel>", f"<{SKOS}altLabel>", f"<{SKOS}exactMatch>"
_USED, _STARTED, _GENERATED, _DERIVED = (f"<{PROV}{x}>" for x in ("used", "startedAtTime", "wasGeneratedBy",
                                                                   "wasDerivedFrom"))
_TITLE = f"<{DCT}title>"
_CERTAINTY = {c: f"<{iri}>" for c, iri in CERTAINTY_IRI.items()}
_CLASS = {t: f"<{iri}>" for t, iri in TYPE_CLASS.items()}


class PaperGraph:
    """Builds one paper's graph as N-Quads text. Written as text, not as pyoxigraph terms: a paper
    has ~560 triples, and making a term object per triple cost as much as extracting the paper."""

    def __init__(self, extraction: Extraction, run_time: datetime | None = None):
        self.x = extraction
        self.doc = extraction.document
        self.tail = f" <{graph_iri(self.doc.id).value}> .\n"
        self.paper = f"<{paper_iri(self.doc.id).value}>"
        self.run = f"<{RESOURCE}run/{_h(self.doc.id, self.doc.sha256, extraction.extractor_version)}>"
        self.run_time = run_time or datetime.now(timezone.utc)
        self.lines: list[str] = []
        self.entity_by_key = {e.key: e for e in extraction.entities}

    def add(self, s: str, p: str, o: str) -> None:
        """One triple of N-Triples terms (``<iri>``, a literal) in the paper's graph."""
        self.lines.append(f"{s} {p} {o}{self.tail}")

    def build(self) -> str:
        self._paper()
        for e in self.x.entities:
            self._entity(e)
        study_node = None
        for st in self.x.studies:
            study_node = self._study(st)
        for r in self.x.regimens:
            self._regimen(r, study_node)
        for o in self.x.outcomes:
            self._outcome(o, study_node)
        for c in self.x.claims:
            self._claim(c)
        return "".join(self.lines)

    # -- paper and run
    def _paper(self) -> None:
        d, m, p = self.doc, self.doc.metadata, self.paper
        self.add(p, _TYPE, E.Paper)
        self.add(p, E.paperId, string_literal(d.id))
        self.add(p, E.contentHash, string_literal(d.sha256))
        self.add(p, E.source, string_literal(m.source))
        if m.title:
            self.add(p, _TITLE, string_literal(m.title))
        if m.journal:
            self.add(p, E.journal, string_literal(m.journal))
        if m.year:
            self.add(p, E.year, _integer_text(m.year))
        if m.pmid:
            self.add(p, E.pmid, string_literal(m.pmid))
        if m.doi:
            self.add(p, E.doi, string_literal(m.doi.lower()))
        if m.pmcid:
            self.add(p, E.pmcid, string_literal(m.pmcid))
        for a in m.authors:
            self.add(p, E.author, string_literal(a))
        for pt in m.publication_types:
            self.add(p, E.publicationType, string_literal(pt))
        for mesh_id, label in [*m.mesh_headings, *m.chemicals]:
            node = identifier_term(f"MESH:{mesh_id}")
            if node is not None:
                self.add(p, E.meshHeading, node)
                self.add(node, _LABEL, string_literal(label))
        r = self.run
        self.add(r, _TYPE, E.ExtractionRun)
        self.add(r, E.extractorVersion, string_literal(self.x.extractor_version))
        self.add(r, _USED, p)
        self.add(r, _STARTED, f'"{self.run_time.isoformat()}"^^<{XSD}dateTime>')
        self.add(p, _GENERATED, r)

    # -- entities
    def _entity(self, e: Entity) -> str:
        node = f"<{entity_iri(e.key).value}>"
        self.add(self.paper, E.mentions, node)
        self.add(node, _TYPE, E.Entity)
        for t in e.types:
            self.add(node, _TYPE, _CLASS[t])
        label = string_literal(e.label)
        self.add(node, _LABEL, label)
        self.add(node, _PREF, label)
        for syn in e.synonyms:
            self.add(node, _ALT, string_literal(syn))
        # every name and identifier, lower-cased: lookups by name use the index, not a scan with LCASE()
        for key in entity_lookup_keys(e):
            self.add(node, E.lookupKey, string_literal(key))
        for curie in e.ids:
            self.add(node, E.identifier, string_literal(curie))
            iri = identifier_term(curie)
            if iri is not None:
                self.add(node, _EXACT, iri)
        return node

    def _end(self, label: str, key: str | None) -> str:
        node = f"<{end_iri(label, key, self.entity_by_key).value}>"
        if not (key and key in self.entity_by_key):
            self.add(node, _LABEL, string_literal(label))
        return node

    # -- evidence
    def _evidence(self, ev: Evidence, *parts: object, certainty: Certainty | None = None) -> str:
        node = f"<{RESOURCE}evidence/{_h(self.doc.id, ev.start, ev.end, self.x.extractor_version, *parts)}>"
        self.add(node, _TYPE, E.Evidence)
        self.add(node, E.sentence, string_literal(ev.sentence))
        self.add(node, E.startOffset, _integer_text(ev.start))
        self.add(node, E.endOffset, _integer_text(ev.end))
        if ev.section:
            self.add(node, E.section, string_literal(ev.section))
        for s, e in ev.spans:
            self.add(node, E.span, f'"{int(s)}-{int(e)}"')
        self.add(node, E.confidence, _decimal_text(round(ev.confidence, 3)))
        if certainty is not None:
            self.add(node, E.certainty, _CERTAINTY[certainty])
        self.add(node, _DERIVED, self.paper)
        self.add(node, _GENERATED, self.run)
        return node

    # -- study, regimens, outcomes
    def _study(self, st: Study) -> str:
        node = f"<{RESOURCE}study/{_h(self.doc.id, 'study')}>"
        self.add(node, _TYPE, E.Study)
        self.add(self.paper, E.reports, node)
        for t in st.trial_ids:
            self.add(node, E.trialId, string_literal(t))
        if st.phase:
            self.add(node, S.phase, string_literal(st.phase))
        if st.design:
            self.add(node, E.design, string_literal(st.design))
        for n in st.n_patients:
            self.add(node, E.numberOfPatients, _integer_text(n))
        for key in st.condition_keys:
            if key in self.entity_by_key:
                self.add(node, E.condition, f"<{entity_iri(key).value}>")
        for ev in st.evidence:
            self.add(node, E.evidence, self._evidence(ev, "study"))
        return node

    def _arm(self, node: str, arm: list[str] | None) -> None:
        if not arm:
            return
        self.add(node, E.arm, string_literal(" + ".join(arm)))
        for label in arm:
            ent = next((e for e in self.x.entities if e.label == label and e.type == "drug"), None)
            if ent is not None:
                self.add(node, E.armDrug, f"<{entity_iri(ent.key).value}>")

    def _regimen(self, r: Regimen, study: str | None) -> None:
        node = f"<{RESOURCE}regimen/{_h(self.doc.id, r.drug_key or r.drug, r.dose, r.unit)}>"
        self.add(node, _TYPE, E.Regimen)
        self.add(self.paper, E.reports, node)
        self.add(node, E.drug, self._end(r.drug, r.drug_key))
        if r.dose is not None:
            self.add(node, S.doseValue, _decimal_text(r.dose))
        if r.unit:
            self.add(node, S.doseUnit, string_literal(r.unit))
        if r.schedule:
            self.add(node, E.schedule, string_literal(r.schedule))
        if r.route:
            self.add(node, E.route, string_literal(r.route))
        self._arm(node, r.arm)
        if study is not None:
            self.add(node, E.ofStudy, study)
        self.add(node, E.evidence, self._evidence(r.evidence, "regimen", r.drug, r.dose, r.unit))

    def _outcome(self, o: Outcome, study: str | None) -> None:
        arm = " + ".join(o.arm or [])
        node = f"<{RESOURCE}outcome/{_h(self.doc.id, o.evidence.start, o.measure, o.value, arm, o.statistic)}>"
        self.add(node, _TYPE, E.Outcome)
        self.add(self.paper, E.reports, node)
        self.add(node, E.measure, string_literal(o.measure))
        self.add(node, E.value, _decimal_text(o.value))
        if o.statistic:
            self.add(node, E.statistic, string_literal(o.statistic))
        if o.unit:
            self.add(node, E.unit, string_literal(o.unit))
            if o.unit in UNIT_IRI:
                self.add(node, E.unitIRI, f"<{QUDT_UNIT[UNIT_IRI[o.unit]]}>")
        for prop, v in ((E.rangeLow, o.range_low), (E.rangeHigh, o.range_high),
                        (E.ciLow, o.ci_low), (E.ciHigh, o.ci_high)):
            if v is not None:
                self.add(node, prop, _decimal_text(v))
        if o.p_value:
            self.add(node, E.pValue, string_literal(o.p_value))
        if o.timepoint:
            self.add(node, E.timepoint, string_literal(o.timepoint))
        self._arm(node, o.arm)
        if study is not None:
            self.add(node, E.ofStudy, study)
        self.add(node, E.evidence, self._evidence(o.evidence, "outcome", o.measure, o.value, arm))

    # -- claims
    def _claim(self, c: Claim) -> None:
        node = f"<{claim_iri(c).value}>"
        self.add(node, _TYPE, E.Claim)
        self.add(node, _TYPE, E.BiomarkerClaim if c.kind == "biomarker" else E.MechanismClaim)
        self.add(self.paper, E.reports, node)
        subj = self._end(c.subject, c.subject_key)
        obj = self._end(c.object, c.object_key)
        prop = f"<{relation_property(c.relation)}>"
        self.add(node, E.subject, subj)
        self.add(node, E.object, obj)
        self.add(node, E.subjectText, string_literal(c.subject))
        self.add(node, E.objectText, string_literal(c.object))
        self.add(node, E.relation, prop)
        self.add(node, E.relationLabel, string_literal(c.relation))
        if c.change:
            self.add(node, E.change, string_literal(c.change))
        ev = self._evidence(c.evidence, "claim", c.content_key, certainty=c.certainty)
        self.add(node, E.evidence, ev)
        # direct triples only for stated claims between entities
        if c.certainty == Certainty.STATED and c.kind == "mechanism" and c.subject_key in self.entity_by_key \
                and c.object_key in self.entity_by_key:
            self.add(subj, prop, obj)


def trial_graph_iri(nct_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{GRAPHS}registry/{nct_id}")


def trial_quads(record, papers: list[str], disagreements: list[tuple[str, str]]) -> list[ox.Quad]:
    """A ClinicalTrials.gov record (``kb.sources.ctgov.TrialRecord``) as its own graph: the registry
    facts on the study nodes of the papers that name the trial, with the registry's provenance.
    Written as N-Quads text, as a paper's graph is."""
    tail = f" <{trial_graph_iri(record.nct_id).value}> .\n"
    reg = f"<{RESOURCE}registry/{record.nct_id}>"
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} {p} {o}{tail}")

    add(reg, _TYPE, f"<{PROV}Entity>")
    add(reg, E.trialId, string_literal(record.nct_id))
    if record.title:
        add(reg, _TITLE, string_literal(record.title))
    if record.source_url:
        add(reg, _DERIVED, iri_term(record.source_url))
    if record.fetched_at:
        add(reg, f"<{PROV}generatedAtTime>", f'{string_literal(record.fetched_at)}^^<{XSD}dateTime>')
    for paper in papers:
        study = f"<{RESOURCE}study/{_h(paper, 'study')}>"
        add(study, f"<{PROV}wasInfluencedBy>", reg)
        if record.enrollment is not None:
            add(study, E.registryEnrollment, _integer_text(record.enrollment))
        if record.overall_status:
            add(study, E.registryStatus, string_literal(record.overall_status))
        for ph in record.phases:
            add(study, E.registryPhase, string_literal(ph))
        for c in record.conditions:
            add(study, E.registryCondition, string_literal(c))
        for kind, name in record.interventions:
            add(study, E.registryIntervention, string_literal(f"{name} ({kind.lower()})" if kind else name))
    for paper, note in disagreements:
        add(f"<{RESOURCE}study/{_h(paper, 'study')}>", E.registryDisagreement, string_literal(note))
    return list(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def relation_property(label: str):
    first = label.split()[0] if label else ""
    if first in RELATION_PROPERTY:
        return RELATION_PROPERTY[first]
    for word, prop in RELATION_PROPERTY.items():
        if word in label:
            return prop
    return EKB.relatedTo


def extraction_nquads(extraction: Extraction, run_time: datetime | None = None) -> bytes:
    """The paper's graph as N-Quads: made in the extraction worker, loaded as is by the store."""
    return PaperGraph(extraction, run_time).build().encode("utf-8")


def extraction_quads(extraction: Extraction, run_time: datetime | None = None) -> list[ox.Quad]:
    """The paper's graph as quads (for a store that takes quads, not N-Quads)."""
    return list(ox.parse(extraction_nquads(extraction, run_time), format=ox.RdfFormat.N_QUADS))
