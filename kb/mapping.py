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
XSD_INTEGER = ox.NamedNode(XSD + "integer")
XSD_DECIMAL = ox.NamedNode(XSD + "decimal")
XSD_DATETIME = ox.NamedNode(XSD + "dateTime")

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
    "controls": EKB.regulates, "associated": EKB.associatedWith,
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
            "mg/kg": "MilliGM-PER-KiloGM", "g/m2": "GM-PER-M2", "mL": "MilliL", "µmol/L": "MicroMOL-PER-L"}


_NAMED: dict[str, ox.NamedNode] = {}  # vocabulary IRIs made once (a paper uses ~500 of them)


def _n(iri) -> ox.NamedNode:
    if isinstance(iri, ox.NamedNode):
        return iri
    node = _NAMED.get(iri)
    if node is None:
        node = _NAMED[iri] = ox.NamedNode(str(iri))
    return node


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


def identifier_iri(curie: str) -> ox.NamedNode | None:
    prefix, _, local = curie.partition(":")
    pattern = IDENTIFIER_IRI.get(prefix)
    return ox.NamedNode(pattern.format(local)) if pattern and local else None


def lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def dec(value: float) -> ox.Literal:
    return ox.Literal(format(Decimal(repr(float(value))).normalize(), "f"), datatype=XSD_DECIMAL)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=XSD_INTEGER)


class PaperGraph:
    """Builds the quads of one paper's graph."""

    def __init__(self, extraction: Extraction, run_time: datetime | None = None):
        self.x = extraction
        self.doc = extraction.document
        self.g = graph_iri(self.doc.id)
        self.paper = paper_iri(self.doc.id)
        self.run = ox.NamedNode(f"{RESOURCE}run/{_h(self.doc.id, self.doc.sha256, extraction.extractor_version)}")
        self.run_time = run_time or datetime.now(timezone.utc)
        self.quads: list[ox.Quad] = []
        self.entity_by_key = {e.key: e for e in extraction.entities}

    def add(self, s, p, o) -> None:
        self.quads.append(ox.Quad(s, p if isinstance(p, ox.NamedNode) else _n(p), o, self.g))

    def build(self) -> list[ox.Quad]:
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
        return self.quads

    # -- paper and run
    def _paper(self) -> None:
        d, m, p = self.doc, self.doc.metadata, self.paper
        self.add(p, RDF_TYPE, _n(EKB.Paper))
        self.add(p, EKB.paperId, lit(d.id))
        self.add(p, EKB.contentHash, lit(d.sha256))
        self.add(p, EKB.source, lit(m.source))
        if m.title:
            self.add(p, DCT + "title", lit(m.title))
        if m.journal:
            self.add(p, EKB.journal, lit(m.journal))
        if m.year:
            self.add(p, EKB.year, integer(m.year))
        if m.pmid:
            self.add(p, EKB.pmid, lit(m.pmid))
        if m.doi:
            self.add(p, EKB.doi, lit(m.doi.lower()))
        if m.pmcid:
            self.add(p, EKB.pmcid, lit(m.pmcid))
        for a in m.authors:
            self.add(p, EKB.author, lit(a))
        for pt in m.publication_types:
            self.add(p, EKB.publicationType, lit(pt))
        for mesh_id, label in [*m.mesh_headings, *m.chemicals]:
            node = identifier_iri(f"MESH:{mesh_id}")
            if node is not None:
                self.add(p, EKB.meshHeading, node)
                self.add(node, RDFS_LABEL, lit(label))
        r = self.run
        self.add(r, RDF_TYPE, _n(EKB.ExtractionRun))
        self.add(r, EKB.extractorVersion, lit(self.x.extractor_version))
        self.add(r, PROV + "used", p)
        self.add(r, PROV + "startedAtTime", ox.Literal(self.run_time.isoformat(), datatype=XSD_DATETIME))
        self.add(p, PROV + "wasGeneratedBy", r)

    # -- entities
    def _entity(self, e: Entity) -> ox.NamedNode:
        node = entity_iri(e.key)
        self.add(self.paper, EKB.mentions, node)
        self.add(node, RDF_TYPE, _n(EKB.Entity))
        for t in e.types:
            self.add(node, RDF_TYPE, _n(TYPE_CLASS[t]))
        self.add(node, RDFS_LABEL, lit(e.label))
        self.add(node, SKOS + "prefLabel", lit(e.label))
        for syn in e.synonyms:
            self.add(node, SKOS + "altLabel", lit(syn))
        # every name and identifier, lower-cased: lookups by name use the index, not a scan with LCASE()
        for key in entity_lookup_keys(e):
            self.add(node, EKB.lookupKey, lit(key))
        for curie in e.ids:
            self.add(node, EKB.identifier, lit(curie))
            iri = identifier_iri(curie)
            if iri is not None:
                self.add(node, SKOS + "exactMatch", iri)
        return node

    def _end(self, label: str, key: str | None) -> ox.NamedNode:
        node = end_iri(label, key, self.entity_by_key)
        if not (key and key in self.entity_by_key):
            self.add(node, RDFS_LABEL, lit(label))
        return node

    # -- evidence
    def _evidence(self, ev: Evidence, *parts: object, certainty: Certainty | None = None) -> ox.NamedNode:
        node = ox.NamedNode(f"{RESOURCE}evidence/{_h(self.doc.id, ev.start, ev.end, self.x.extractor_version, *parts)}")
        self.add(node, RDF_TYPE, _n(EKB.Evidence))
        self.add(node, EKB.sentence, lit(ev.sentence))
        self.add(node, EKB.startOffset, integer(ev.start))
        self.add(node, EKB.endOffset, integer(ev.end))
        if ev.section:
            self.add(node, EKB.section, lit(ev.section))
        for s, e in ev.spans:
            self.add(node, EKB.span, lit(f"{s}-{e}"))
        self.add(node, EKB.confidence, dec(round(ev.confidence, 3)))
        if certainty is not None:
            self.add(node, EKB.certainty, _n(CERTAINTY_IRI[certainty]))
        self.add(node, PROV + "wasDerivedFrom", self.paper)
        self.add(node, PROV + "wasGeneratedBy", self.run)
        return node

    # -- study, regimens, outcomes
    def _study(self, st: Study) -> ox.NamedNode:
        node = ox.NamedNode(f"{RESOURCE}study/{_h(self.doc.id, 'study')}")
        self.add(node, RDF_TYPE, _n(EKB.Study))
        self.add(self.paper, EKB.reports, node)
        for t in st.trial_ids:
            self.add(node, EKB.trialId, lit(t))
        if st.phase:
            self.add(node, SCHEMA.phase, lit(st.phase))
        if st.design:
            self.add(node, EKB.design, lit(st.design))
        for n in st.n_patients:
            self.add(node, EKB.numberOfPatients, integer(n))
        for key in st.condition_keys:
            if key in self.entity_by_key:
                self.add(node, EKB.condition, entity_iri(key))
        for ev in st.evidence:
            self.add(node, EKB.evidence, self._evidence(ev, "study"))
        return node

    def _arm(self, node: ox.NamedNode, arm: list[str] | None) -> None:
        if not arm:
            return
        self.add(node, EKB.arm, lit(" + ".join(arm)))
        for label in arm:
            ent = next((e for e in self.x.entities if e.label == label and e.type == "drug"), None)
            if ent is not None:
                self.add(node, EKB.armDrug, entity_iri(ent.key))

    def _regimen(self, r: Regimen, study: ox.NamedNode | None) -> None:
        node = ox.NamedNode(f"{RESOURCE}regimen/{_h(self.doc.id, r.drug_key or r.drug, r.dose, r.unit)}")
        self.add(node, RDF_TYPE, _n(EKB.Regimen))
        self.add(self.paper, EKB.reports, node)
        self.add(node, EKB.drug, self._end(r.drug, r.drug_key))
        if r.dose is not None:
            self.add(node, SCHEMA.doseValue, dec(r.dose))
        if r.unit:
            self.add(node, SCHEMA.doseUnit, lit(r.unit))
        if r.schedule:
            self.add(node, EKB.schedule, lit(r.schedule))
        if r.route:
            self.add(node, EKB.route, lit(r.route))
        self._arm(node, r.arm)
        if study is not None:
            self.add(node, EKB.ofStudy, study)
        self.add(node, EKB.evidence, self._evidence(r.evidence, "regimen", r.drug, r.dose, r.unit))

    def _outcome(self, o: Outcome, study: ox.NamedNode | None) -> None:
        arm = " + ".join(o.arm or [])
        node = ox.NamedNode(f"{RESOURCE}outcome/{_h(self.doc.id, o.evidence.start, o.measure, o.value, arm, o.statistic)}")
        self.add(node, RDF_TYPE, _n(EKB.Outcome))
        self.add(self.paper, EKB.reports, node)
        self.add(node, EKB.measure, lit(o.measure))
        self.add(node, EKB.value, dec(o.value))
        if o.statistic:
            self.add(node, EKB.statistic, lit(o.statistic))
        if o.unit:
            self.add(node, EKB.unit, lit(o.unit))
            if o.unit in UNIT_IRI:
                self.add(node, EKB.unitIRI, _n(QUDT_UNIT[UNIT_IRI[o.unit]]))
        for prop, v in ((EKB.rangeLow, o.range_low), (EKB.rangeHigh, o.range_high),
                        (EKB.ciLow, o.ci_low), (EKB.ciHigh, o.ci_high)):
            if v is not None:
                self.add(node, prop, dec(v))
        if o.p_value:
            self.add(node, EKB.pValue, lit(o.p_value))
        if o.timepoint:
            self.add(node, EKB.timepoint, lit(o.timepoint))
        self._arm(node, o.arm)
        if study is not None:
            self.add(node, EKB.ofStudy, study)
        self.add(node, EKB.evidence, self._evidence(o.evidence, "outcome", o.measure, o.value, arm))

    # -- claims
    def _claim(self, c: Claim) -> None:
        node = claim_iri(c)
        self.add(node, RDF_TYPE, _n(EKB.Claim))
        self.add(node, RDF_TYPE, _n(EKB.BiomarkerClaim if c.kind == "biomarker" else EKB.MechanismClaim))
        self.add(self.paper, EKB.reports, node)
        subj = self._end(c.subject, c.subject_key)
        obj = self._end(c.object, c.object_key)
        prop = relation_property(c.relation)
        self.add(node, EKB.subject, subj)
        self.add(node, EKB.object, obj)
        self.add(node, EKB.subjectText, lit(c.subject))
        self.add(node, EKB.objectText, lit(c.object))
        self.add(node, EKB.relation, _n(prop))
        self.add(node, EKB.relationLabel, lit(c.relation))
        if c.change:
            self.add(node, EKB.change, lit(c.change))
        ev = self._evidence(c.evidence, "claim", c.content_key, certainty=c.certainty)
        self.add(node, EKB.evidence, ev)
        # direct triples only for stated claims between entities
        if c.certainty == Certainty.STATED and c.kind == "mechanism" and c.subject_key in self.entity_by_key \
                and c.object_key in self.entity_by_key:
            self.add(subj, prop, obj)


def trial_graph_iri(nct_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{GRAPHS}registry/{nct_id}")


def trial_quads(record, papers: list[str], disagreements: list[tuple[str, str]]) -> list[ox.Quad]:
    """A ClinicalTrials.gov record (``kb.sources.ctgov.TrialRecord``) as its own graph: the registry
    facts on the study nodes of the papers that name the trial, with the registry's provenance."""
    g = trial_graph_iri(record.nct_id)
    reg = ox.NamedNode(f"{RESOURCE}registry/{record.nct_id}")
    out: list[ox.Quad] = []

    def add(s, p, o):
        out.append(ox.Quad(s, _n(p), o, g))

    add(reg, RDF_TYPE, _n(PROV + "Entity"))
    add(reg, EKB.trialId, lit(record.nct_id))
    if record.title:
        add(reg, DCT + "title", lit(record.title))
    if record.source_url:
        add(reg, PROV + "wasDerivedFrom", ox.NamedNode(record.source_url))
    if record.fetched_at:
        add(reg, PROV + "generatedAtTime", ox.Literal(record.fetched_at, datatype=XSD_DATETIME))
    for paper in papers:
        study = ox.NamedNode(f"{RESOURCE}study/{_h(paper, 'study')}")
        add(study, PROV + "wasInfluencedBy", reg)
        if record.enrollment is not None:
            add(study, EKB.registryEnrollment, integer(record.enrollment))
        if record.overall_status:
            add(study, EKB.registryStatus, lit(record.overall_status))
        for ph in record.phases:
            add(study, EKB.registryPhase, lit(ph))
        for c in record.conditions:
            add(study, EKB.registryCondition, lit(c))
        for kind, name in record.interventions:
            add(study, EKB.registryIntervention, lit(f"{name} ({kind.lower()})" if kind else name))
    for paper, note in disagreements:
        add(ox.NamedNode(f"{RESOURCE}study/{_h(paper, 'study')}"), EKB.registryDisagreement, lit(note))
    return out


def relation_property(label: str):
    first = label.split()[0] if label else ""
    if first in RELATION_PROPERTY:
        return RELATION_PROPERTY[first]
    for word, prop in RELATION_PROPERTY.items():
        if word in label:
            return prop
    return EKB.relatedTo


def extraction_quads(extraction: Extraction, run_time: datetime | None = None) -> list[ox.Quad]:
    return PaperGraph(extraction, run_time).build()


def extraction_nquads(extraction: Extraction) -> bytes:
    """The paper's graph as N-Quads: made in the extraction worker, loaded as is by the store."""
    return ox.serialize(extraction_quads(extraction), format=ox.RdfFormat.N_QUADS) or b""


