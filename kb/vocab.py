"""The evidencekb RDF vocabulary, a closed namespace: a typo raises AttributeError.

Generated from ``data/ontology/evidencekb.ttl`` (the source of truth); ``tests/test_vocab.py`` checks
that the two agree.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class EKB(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/evidencekb/ontology#")

    AssembledClaim: URIRef  # One subject-relation-object across every paper that states, hypothesizes or negates it, wi
    Biomarker: URIRef  # A measured marker whose change the paper associates with a treatment or a response.
    BiomarkerClaim: URIRef  # A marker with a stated change associated with a treatment or a response.
    CellPopulation: URIRef  # A population of cells such as cancer stem cells.
    Certainty: URIRef  # How the text holds a claim.
    Claim: URIRef  # A subject-relation-object statement. Its IRI hashes the normalized content, so papers stat
    Disease: URIRef  # A disease, or an adverse event named as a condition (MONDO, MeSH, DOID, NCIt identifiers).
    Drug: URIRef  # A drug or chemical given or studied (DrugBank, MeSH, NCIt, ChEBI identifiers).
    Entity: URIRef  # A normalized named thing: drug, target, disease, cell population or biomarker. Its IRI com
    Evidence: URIRef  # The sentence a fact was read from: text, character offsets, matched spans, certainty, conf
    ExtractionRun: URIRef  # One run of the extractor over one paper.
    Hypothesis: URIRef  # Proposed, suggested, may, believed.
    MechanismClaim: URIRef  # A drug-target relation, a biological relation or a treatment-endpoint claim.
    Negated: URIRef  # Reported as not holding.
    Outcome: URIRef  # A numeric result: measure, statistic, value, unit, range, confidence interval, p-value, ti
    Paper: URIRef  # An article added to the knowledge base (news summary, abstract or full text).
    Regimen: URIRef  # A drug given at a dose, with unit, schedule, route and arm.
    Stated: URIRef  # Reported as a finding or established fact.
    Study: URIRef  # The trial or preclinical study a paper reports.
    Target: URIRef  # A gene, protein, enzyme, pathway or structure a drug acts on (HGNC or MeSH identifiers).
    activates: URIRef  # Subject activates object.
    arm: URIRef  # The drugs of the arm a regimen or value belongs to, joined with ' + '; absent when it hold
    armDrug: URIRef  # A drug of the arm.
    associatedWith: URIRef  # Subject is associated or correlated with object.
    author: URIRef  # An author name (Last Initials).
    causes: URIRef  # Subject causes, induces or leads to object.
    certainty: URIRef  # How this sentence holds the claim.
    change: URIRef  # The stated change of the marker: increased, decreased, overexpressed ... (of a biomarker claim, or an assembled one).
    ciHigh: URIRef  # Upper bound of the 95% confidence interval.
    ciLow: URIRef  # Lower bound of the 95% confidence interval.
    claimObject: URIRef  # The object of the claims assembled.
    claimSubject: URIRef  # The subject of the claims assembled (the node ekb:subject names in each paper).
    claimType: URIRef  # The class of the claims assembled: ekb:MechanismClaim or ekb:BiomarkerClaim.
    condition: URIRef  # The disease studied.
    confidence: URIRef  # The extractor's confidence in reading the fact, 0 to 1.
    contentHash: URIRef  # SHA-256 of the paper's text; an unchanged paper is not extracted again.
    design: URIRef  # Design keywords: randomized, double-blind, placebo-controlled, single-arm, preclinical ...
    doi: URIRef  # Digital Object Identifier, lower case.
    drug: URIRef  # The drug given.
    endOffset: URIRef  # Character offset just after the sentence.
    enhances: URIRef  # Subject enhances or potentiates object.
    evidence: URIRef  # Where a claim, regimen, outcome or study was read.
    extractorVersion: URIRef  # Version of the extraction pipeline.
    identifier: URIRef  # A CURIE from a shipped vocabulary (DRUGBANK:DB06287, MESH:C401859, HGNC:3942, MONDO:000508
    improves: URIRef  # Subject improves or prolongs an endpoint.
    increases: URIRef  # Subject increases object.
    inhibits: URIRef  # Subject inhibits or blocks object.
    journal: URIRef  # Journal name as given by the source.
    lookupKey: URIRef  # A name, synonym or identifier of the entity, lower-cased with single spaces, for exact lo
    measure: URIRef  # What was measured: progression-free survival, overall survival, response rate, an adverse 
    mentionText: URIRef  # A surface form under which a paper names the entity.
    mentions: URIRef  # The paper names this entity.
    metabolizedBy: URIRef  # Subject (a drug) is metabolized by, or is a substrate of, the object enzyme or transporter.
    meshHeading: URIRef  # A MeSH descriptor the indexers gave the paper (a MeSH IRI).
    numberOfPatients: URIRef  # Stated number of enrolled or randomized patients.
    object: URIRef  # The claim's object.
    objectKey: URIRef  # A lookup key of the object entity.
    objectLabel: URIRef  # The object's preferred label.
    objectText: URIRef  # The object as this paper words it.
    objectType: URIRef  # A class of the object entity.
    ofStudy: URIRef  # The study the regimen or outcome belongs to.
    pValue: URIRef  # P-value as stated: 0.001 or <0.001.
    paperCount: URIRef  # How many papers report the claim, whatever their certainty.
    paperId: URIRef  # The paper's id in this knowledge base: a file stem or a PMID.
    paperIds: URIRef  # The ids of the papers that report the claim, sorted, separated by spaces.
    papersHypothesizing: URIRef  # How many papers propose or suggest the claim.
    papersNegating: URIRef  # How many papers report that the claim does not hold.
    papersStating: URIRef  # How many papers state the claim as a finding or fact.
    pmcid: URIRef  # PubMed Central identifier.
    pmid: URIRef  # PubMed identifier.
    publicationType: URIRef  # PubMed publication type.
    rangeHigh: URIRef  # Upper end of a reported range.
    rangeLow: URIRef  # Lower end of a reported range.
    reduces: URIRef  # Subject reduces or decreases object.
    registryCondition: URIRef  # A condition listed in the trial registry.
    registryDisagreement: URIRef  # Where the registry and the text disagree (e.g. enrollment vs evaluable patients).
    registryEnrollment: URIRef  # Enrollment as the trial registry gives it.
    registryIntervention: URIRef  # An intervention listed in the trial registry.
    registryPhase: URIRef  # Phase as the trial registry gives it.
    registryStatus: URIRef  # Overall status in the trial registry.
    regulates: URIRef  # Subject regulates, controls or governs object.
    relatedTo: URIRef  # Any other stated relation; the claim's relation label says which.
    relation: URIRef  # The relation property (ekb:inhibits ...) that the claim asserts.
    relationLabel: URIRef  # The relation in words (inhibits, sensitizes, associated with), of a claim or an assembled claim.
    reports: URIRef  # The paper reports this study, regimen, outcome or claim.
    route: URIRef  # Route of administration: oral, intravenous, subcutaneous ...
    schedule: URIRef  # Schedule as stated: weekly, once daily, days 1 and 8 of a 21-day cycle.
    section: URIRef  # Section label: TITLE, BACKGROUND, RESULTS, BODY ...
    sensitizes: URIRef  # Subject sensitizes object (to a treatment).
    sentence: URIRef  # The sentence text.
    source: URIRef  # Where the text came from: file, pubmed-xml, jats, medline, eutils, europepmc.
    span: URIRef  # A matched span, 'start-end' in paper offsets.
    startOffset: URIRef  # Character offset of the sentence in the paper's text.
    statistic: URIRef  # median, mean, rate, hazard ratio, difference ...
    subject: URIRef  # The claim's subject: an entity, or a node labelled with the phrase when no entity names it
    subjectKey: URIRef  # A lookup key (ekb:lookupKey) of the subject entity: claims about an entity are found by it
    subjectLabel: URIRef  # The subject's preferred label (the phrase, when no entity names it).
    subjectText: URIRef  # The subject as this paper words it (mTOR inhibition, loss of E-cadherin).
    subjectType: URIRef  # A class of the subject entity (ekb:Drug, ekb:Target ...).
    targets: URIRef  # Subject targets or binds object.
    timepoint: URIRef  # When the value holds: 60 days, 18 months.
    treats: URIRef  # Subject is used or active against a disease.
    trialId: URIRef  # Registry identifier (NCT number, or ISRCTN, ACTRN, ChiCTR ... of another registry).
    unit: URIRef  # Unit as a label (months, %, mg/m2).
    unitIRI: URIRef  # The unit in QUDT (http://qudt.org/vocab/unit/).
    value: URIRef  # The number reported.
    year: URIRef  # Publication year.


#: Base of the knowledge base's own resources (papers, graphs, entities, claims, evidence).
RESOURCE = Namespace("https://w3id.org/evidencekb/id/")
SCHEMA = Namespace("http://schema.org/")
QUDT_UNIT = Namespace("http://qudt.org/vocab/unit/")
