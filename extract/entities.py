"""Entity mentions: lexicon matches, cleaned of journal and institution names, extended with
abbreviations defined in the text, coordinated disease names and cell-population phrases."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

from extract.abbreviations import DRUG_CODE, Abbreviation
from extract.lexicon import Concept, Lexicon, normalize, search_forms
from extract.records import Entity, Mention, normalize_label

# A run of capitalized words containing one of these is an organisation, journal or trial name
_ORG_WORDS = re.compile(
    r"\b(Research|Journal|Center|Centre|Institute|Hospital|University|Society|College|School|Foundation|"
    r"Association|Clinic|Network|Trials|Group|Consortium|Alliance|Oncology|Medicine|Annals|Reports|"
    r"Letters|Reviews|Proceedings|Department|Division|Laboratory|Program|Programme|"
    r"Scales?|Inventory|Questionnaire|Index|Examination|Diary|Checklist|Assessment)\b"
)
# a run of capitalized words, joined by blanks and the small words of names ("Journal of Clinical
# Oncology"); a capital not after a word character starts it (a character class first: re skips to the next
# capital in C, not by trying the pattern at every position)
_CAP_RUN = re.compile(r"[A-Z](?<!\w.)[\w'’-]*(?:(?:[ \t]+(?:of|and|for|the|&|in|de|on)\b)*[ \t]+[A-Z][\w'’-]*)*")
_GENERIC = {"chemotherapy", "placebo", "radiotherapy", "radiation"}
# Words that may modify "cells" in a cell-population phrase
_CELL_MOD = (r"(?:[A-Za-z0-9]+-(?i:positive|negative|high|low|resistant|sensitive|derived|like|initiating)|"
             r"[A-Z][A-Z0-9]+\+?|(?i:chemoresistant|resistant|drug-resistant|transformed|human|mouse|murine|"
             r"breast|mammary|lung|epithelial|mesenchymal|tumou?r|cancer|leukemia|leukaemia|glioma|glioblastoma|"
             r"sarcoma|melanoma|colon|colorectal|prostate|ovarian|pancreatic|liver|hepatic|progenitor|"
             r"circulating|residual|quiescent|malignant|neoplastic|normal|primary|immune|dormant))")
_CELL_PHRASE = re.compile(
    rf"\b(?:{_CELL_MOD}\s+){{1,5}}(?:(?i:stem(?:-like)?\s+cells|cells)|CSCs)\b")
# Salt and form words that belong to the drug name before them ("eribulin mesylate")
_SALT_WORDS = (r"mesylate|mesilate|hydrochloride|HCl|sodium|potassium|citrate|sulfate|sulphate|acetate|maleate|tartrate|"
               r"besylate|tosylate|phosphate|fumarate|succinate|malate|dimaleate|calcium|bromide|chloride|disodium|"
               r"dihydrochloride|monohydrate")
_SALT = re.compile(rf"\s+({_SALT_WORDS}|liposomal|liposome injection)\b", re.I)

_SALT_AT_END = re.compile(_SALT.pattern + "$", re.I)


def is_salt_form(text: str) -> bool:
    """Whether ``text`` is only a salt or form word that belongs to the drug name before it."""
    return bool(_SALT.fullmatch(" " + text.strip()))


@dataclass
class EntityMention:
    start: int
    end: int
    text: str
    concept: Concept

    @property
    def key(self) -> str:
        return self.concept.ids[0] if self.concept.ids else f"{self.concept.type}:{normalize_label(self.concept.label)}"


# names that hold a lexicon term but name no entity: mouse strains ("NOD/SCID xenograft models",
# "SCID mice"), a lung function measure ("diffusing capacity of the lung for carbon monoxide") and
# an assay ("reverse-transcriptase-polymerase-chain-reaction") and cell lines ("MDA-MB-231": not MDA)
_NAMES_NO_ENTITY = re.compile(r"\bNOD[/-]SCID\b|\bSCID(?=[\s/-]+(?:beige\s+)?(?:mice|mouse|rats?|xenografts?)\b)|"
                              r"\b(?:MDA-MB|SK-BR|SK-OV|SK-MEL|SK-N-SH|NCI-H)-?\d*[A-Z]?\b|"
                              r"\bdiffusing capacity (?:of the lungs? )?for carbon monoxide\b|"
                              r"\breverse[- ]transcript(?:ase|ion)[- ](?:quantitative[- ])?polymerase[- ]chain[- ]reaction\b", re.I)
_IN_TITLE_RUN = re.compile(r"[A-Z][a-z]+\s+$")
_TITLE_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")
_MONTHS = frozenset(("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                     "November", "December"))
_DATE_AFTER = re.compile(r",?\s+\d")
_NOT_CANCER_AFTER = re.compile(r"\s+(?:stem|cells?|cell lines?|genome|genomics?|cent(?:er|re)s?|institutes?|research|society|network|"
                               r"registry|foundation|consortium|hospital|biology|biologists?)\b", re.I)
# a word that names a disease alone, and something else before these words
_NOT_THE_DISEASE_AFTER = {
    "cancer": _NOT_CANCER_AFTER, "cancers": _NOT_CANCER_AFTER,
    "bipolar": re.compile(r"\s+(?:spindles?|mitotic|cells?|neurons?|electrodes?|cautery|diathermy|forceps|"
                          r"resection|stimulation|leads?|recordings?|montage)\b", re.I),
}
_CRITERIA_IN_BEFORE = re.compile(r"\bcriteria\s+in\s+$", re.I)
_PUBLISHED_IN = re.compile(r"published (?:online )?in (?:the journal )?(?:the )?")


def org_spans(text: str) -> list[tuple[int, int]]:
    """Spans of journal, institution, trial and rating-scale names ("Clinical Sarcoma Research",
    "Brief Psychiatric Rating Scale"): the diseases in them are not the paper's."""
    spans = []
    for m in _CAP_RUN.finditer(text):
        run = m.group(0)
        if len(run.split()) >= 2 and _ORG_WORDS.search(run):
            spans.append((m.start(), m.end()))
    for m in _PUBLISHED_IN.finditer(text):
        m2 = _CAP_RUN.match(text, m.end())
        if m2:
            spans.append((m2.start(), m2.end()))
    return spans


# words said of genes, not of drugs
_GENE_ONLY_CONTEXT = re.compile(r"\b(?:genes?|mutat\w*|amplif\w*|overexpress\w*|knock\w*|silenc\w*|polymorphisms?|"
                                r"alleles?|variants?|transcripts?|isoforms?|fusions?|deletions?|mRNAs?|wild-type|"
                                r"copy number|alterations?|pathways?|signal(?:l)?ing)\b", re.I)
_GENE_CONTEXT = re.compile(
    r"\b(?:genes?|genetic|proteins?|express\w*|overexpress\w*|receptors?|kinases?|mRNAs?|mutat\w*|antibod\w*|"
    r"pathways?|signal\w*|inhibit\w*|knock\w*|silenc\w*|polymorphisms?|alleles?|variants?|transcript\w*|"
    r"isoforms?|enzymes?|phosphorylat\w*|ligands?|amplif\w*|deletions?|fusions?|activat\w*|activity|target\w*|"
    r"levels?|serum|plasma|concentrations?|antagonis\w*|agonis\w*|blocker\w*|bind\w*|suppressors?|oncogen\w*|"
    r"oncoproteins?|(?:de)?acetylat\w*|ubiquitin\w*)\b", re.I)
_PROTEIN_BY_WEIGHT = re.compile(r"p\d{2,3}")  # "p53", "p21": a protein named by its mass is no other abbreviation


_DOSING_ABBREVIATIONS = frozenset({"bid", "tid", "qid", "qd", "qod", "od", "bd", "tds", "qds", "prn", "qhs", "qam"})
_DOSE_BEFORE = re.compile(r"(?:\d\s*(?:[µμu]?g|mg|mcg|ml|mL|IU|units?)|daily|\btimes|\bdose[sd]?)\W*$", re.I)
_CODE_NUMBER_AFTER = re.compile(r"[\s-]?\d{3,}\b")
_INHIBITOR_AFTER = re.compile(r"\s*-?\s*inhibitors?\b", re.I)
_CLASS_NOUN_AFTER = re.compile(r"(?:\s*(?!(?:is|are|was|were|be)\b)[\w()]{1,6})?\s*-?\s*(?:receptors?\s+)?(?:receptors?|antagonists?|agonists?|"
                               r"blockers?|inhibitors?|analogu?es?)\b", re.I)


_BODY_FLUID_BEFORE = re.compile(r"\b(?:plasma|serum|blood|urinary|urine|renal|hepatic|kidney|liver|tissue|brain|"
                                r"cerebrospinal fluid|CSF|intracellular)\s+$", re.I)
_LEVEL_AFTER = re.compile(r"(?:\s*\([^()]*\))?\s+(?:levels?|concentrations?|content)\b", re.I)


def measured_in_body(text: str, start: int, end: int) -> bool:
    """Whether the substance named at [start, end) is measured in the body there ("plasma creatinine", "renal
    malondialdehyde", "BUN levels"): a marker the paper reads, when the paper never gives it."""
    return bool(_BODY_FLUID_BEFORE.search(text, max(0, start - 25), start) or _LEVEL_AFTER.match(text, end))


def names_a_class_target(text: str, end: int) -> bool:
    """Whether the drug name that ends at ``end`` names what a drug class acts on ("the dopamine
    antagonist sulpiride", "an angiotensin II receptor antagonist"): not the drug given, which is
    named beside it."""
    return bool(_CLASS_NOUN_AFTER.match(text, end))


def names_an_inhibited_target(text: str, end: int) -> bool:
    """Whether the name that ends at ``end`` is what an inhibitor class inhibits ("a direct
    thrombin inhibitor", "calcineurin inhibitors"): a target, and no marker the paper measures."""
    return bool(_INHIBITOR_AFTER.match(text, end))


class Spans:
    """Spans (start, end, ...) to ask which of them hold a given span: those that hold none (most)
    are told apart by one bisection, so a full text's hundreds of spans cost no more per mention
    than an abstract's few."""

    def __init__(self, spans: Iterable[tuple]):
        self.spans = sorted(spans, key=lambda x: x[0])
        self.starts = [x[0] for x in self.spans]
        self.reach = list(accumulate((x[1] for x in self.spans), max))  # the furthest end so far

    def holding(self, start: int, end: int) -> list[tuple]:
        i = bisect_right(self.starts, start)
        if not i or self.reach[i - 1] < end:
            return []
        return [x for x in self.spans[:i] if end <= x[1]]

    def overlapping(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # (the spans that start before ``end``)
        return bool(i) and self.reach[i - 1] > start


def find_mentions(text: str, lexicon: Lexicon, sentences: list[tuple[int, int]],
                  abbreviations: list[Abbreviation]) -> list[EntityMention]:
    """All entity mentions inside the given sentences (document offsets), longest match first."""
    norm = normalize(text)
    orgs = org_spans(text)
    if "SCID" in text or "onoxide" in text or "everse" in text or "-MB" in text or "SK-" in text or "NCI-H" in text:
        # (a cheap test first)
        orgs += [m.span() for m in _NAMES_NO_ENTITY.finditer(text)]
    org_index = Spans(orgs)
    forms = iter(search_forms(norm, sentences))
    mentions: list[EntityMention] = []
    for s_start, s_end in sentences:
        gene_context: bool | None = None
        for m in lexicon.match(text[s_start:s_end], norm[s_start:s_end], next(forms)):
            start, end = s_start + m.start, s_start + m.end
            if m.concept.label.lower() in _GENERIC:
                continue
            if m.concept.source == "hgnc-alias" and not _PROTEIN_BY_WEIGHT.fullmatch(m.text):
                # a gene's former or alias symbol collides with abbreviations ("REM sleep", "CRL",
                # "COX"): it names the gene only in a sentence that speaks of genes or proteins
                if gene_context is None:
                    gene_context = bool(_GENE_CONTEXT.search(text, s_start, s_end))
                if not gene_context:
                    continue
            if org_index.holding(start, end):
                continue
            concept = m.concept
            if concept.type in ("disease", "target") and m.text.isupper() and _CODE_NUMBER_AFTER.match(text, end):
                continue  # a compound's code ("NSC 343499", "AMG 510"), not the disease or gene the letters abbreviate
            if concept.type == "disease" and (not_after := _NOT_THE_DISEASE_AFTER.get(m.text.lower())) is not None \
                    and not_after.match(text, end):
                continue  # "cancer stem cell hypothesis", "The Cancer Genome Atlas", "bipolar spindle": not the disease
            if concept.label == "solid tumors" and _CRITERIA_IN_BEFORE.search(text, max(0, start - 30), start):
                continue  # "Response Evaluation Criteria in Solid Tumors" (RECIST) names a standard, not the disease
            if concept.type == "target" and m.text.istitle() and m.text != concept.label and len(m.text) > 1 and \
                    _IN_TITLE_RUN.search(text, max(0, start - 30), start) and _TITLE_WORD_AFTER.match(text, end):
                continue  # a symbol's title-case spelling inside a name: "Migraine Physical Function Impact Diary"
            if m.text in _MONTHS and _DATE_AFTER.match(text, end):
                continue  # a date ("in March 2019"), not the MARCH syndrome
            if concept.type == "target" and m.text.lower() in _DOSING_ABBREVIATIONS and \
                    _DOSE_BEFORE.search(text, max(s_start, start - 40), start):
                continue  # "5 mg BID", "twice daily (BID)": a schedule, not the BID gene
            if concept.type in ("drug", "disease") and m.text.isupper() and len(m.text) > 2 and \
                    (gene := lexicon.gene_symbol(m.text)) and _GENE_ONLY_CONTEXT.search(text, s_start, s_end):
                # (also a disease named by its gene: "mutations in the genes TSC1 and TSC2", not MONDO's
                # "tuberous sclerosis 1")
                # "MYC amplification", "PIK3CA mutation status": the gene, not a drug DrugBank lists the
                # symbol for (myricetin, a PIK3CA-named biologic); "DES exposure" stays diethylstilbestrol
                concept = gene
            if concept.type == "drug" and names_an_inhibited_target(text, end):
                # "a direct thrombin inhibitor", "a factor Xa inhibitor": the enzyme a drug acts on
                concept = Concept(concept.label, "target", concept.ids, concept.source)
            mentions.append(EntityMention(start, end, m.text, concept))
    mentions = _absorb_salts(text, mentions)
    if "etasta" in text:
        mentions = _sited_metastases(text, mentions)
    mentions = _apply_abbreviations(text, mentions, abbreviations, lexicon, sentences)
    mentions = _receptors_of_ligands(text, mentions, lexicon) if ") " in text else mentions
    mentions += _coordinated(text, mentions, lexicon)
    mentions += _cell_phrases(text, sentences, mentions)
    mentions += _numbered_siblings(text, mentions, lexicon)
    mentions += _coded_compounds(text, sentences, mentions)
    mentions += _variants(text)
    mentions = _not_gene_families_or_cell_lines(text, mentions)
    return _one_disease_per_name(_one_drug_per_name(text, _one_concept_per_identifier(_non_overlapping(mentions))))


_METASTASIS_SITE_BEFORE = re.compile(r"(?:\b(?:central nervous system|CNS|brain|cerebral|intracranial|bone|osseous|skeletal|liver|"
                                     r"hepatic|lung|pulmonary|peritoneal|pleural|leptomeningeal|spinal|adrenal|nodal|lymph node|"
                                     r"visceral|distant|skin|cutaneous)(?:\s*\([^()]{1,10}\))?\s+)$", re.I)


def _sited_metastases(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """Metastases named with their site are named so ("brain metastases", "CNS metastases"): the vocabularies have
    only Neoplasm Metastasis, which stays the concept; the paper's words label it."""
    out = []
    for m in mentions:
        if m.concept.type == "disease" and m.text.lower().startswith("metasta") and \
                (site := _METASTASIS_SITE_BEFORE.search(text, max(0, m.start - 30), m.start)) is not None and \
                not any(o.end > site.start() and o.start < m.start for o in mentions if o is not m):
            m = EntityMention(site.start(), m.end, text[site.start():m.end], m.concept)
        out.append(m)
    return out


_CELL_LINE_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:cells?|cell lines?|xenografts?)\b")


def _not_gene_families_or_cell_lines(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """A disease abbreviation that is a gene family the paper names members of ("IDH differentiation syndrome"
    beside IDH1 and IDH2: not infective dermatitis), or a cell line's code ("PC3 prostate cancer xenografts":
    not pachyonychia congenita 3), names no disease."""
    if not any(m.concept.type == "disease" and m.text.isupper() for m in mentions):
        return mentions  # (a cheap test first: most papers abbreviate no disease this way)
    genes = {m.text for m in mentions if m.concept.type in ("target", "biomarker")}
    return [m for m in mentions if not (
        m.concept.type == "disease" and m.text.isupper() and (
            any(g.startswith(m.text) and g[len(m.text):].isdigit() for g in genes) or
            any(c.isdigit() for c in m.text) and _CELL_LINE_AFTER.match(text, m.end)))]


_ABBREVIATED_RECEPTOR_AFTER = re.compile(
    r"\s*\(([^()]{1,12})\)\s+(?:(?:glutamate|acetylcholine|cholinergic|nicotinic|muscarinic|hormone|peptide)\s+)?"
    r"(receptors?|(?P<enzyme>reductases?|synthases?|oxidases?|dehydrogenases?|transferases?|deacetylases?|phosphatases?|"
    r"polymerases?|hydroxylases?|decarboxylases?|carboxylases?|cyclases?|esterases?))\b")
# (the ligands' class between: "(NMDA) glutamate receptor"; or an enzyme named by its substrate:
# "3-hydroxy-3-methylglutaryl-coenzyme A (HMG-CoA) reductase")
_ABBREVIATION_OF = re.compile(r"[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*")  # ("(GLP-1)", not "(n = 12)" or "(ref. 4)")


def _receptors_of_ligands(text: str, mentions: list[EntityMention], lexicon: Lexicon) -> list[EntityMention]:
    """"glucagon-like peptide-1 (GLP-1) receptor": the receptor, not the peptide (the abbreviation between
    the ligand and "receptor" kept the lexicon's longer name from matching)."""
    out, spans = [], []
    for m in mentions:
        ab = _ABBREVIATED_RECEPTOR_AFTER.match(text, m.end) if m.concept.type == "drug" else None
        named = _named_receptor(m, ab, lexicon) if ab else None
        if named is None:
            out.append(m)
            continue
        out.append(EntityMention(m.start, ab.end(), text[m.start:ab.end()], named))
        spans.append((m.start, ab.end()))
    if not spans:
        return out
    # (the abbreviation inside the receptor's name is part of it)
    return [m for m in out if (m.start, m.end) in spans or not any(a <= m.start and m.end <= b for a, b in spans)]


def _named_receptor(m: EntityMention, ab: re.Match, lexicon: Lexicon) -> Concept | None:
    """The receptor (or enzyme) "ligand (ABBR) receptor" names: the lexicon's by the long form, an enzyme's also by
    the abbreviation ("HMG-CoA reductase"); a receptor the vocabularies lack is still the target named ("the
    glucose-dependent insulinotropic polypeptide (GIP) receptor"), without an identifier (none is invented)."""
    found = lexicon.lookup(f"{m.text} {ab.group(2)}")
    if (found is None or found.type != "target") and ab.group("enzyme"):
        found = lexicon.lookup(f"{ab.group(1)} {ab.group(2)}")
    if found is not None and found.type == "target":
        return found
    if ab.group("enzyme") or not _ABBREVIATION_OF.fullmatch(ab.group(1)):
        return None  # (an enzyme the vocabularies lack keeps its substrate; "(n = 12)" is no abbreviation)
    return Concept(f"{m.text} receptor", "target", (), "pattern")


_SIBLING_NUMBER = re.compile(r"/(\d)\b")


def _numbered_siblings(text: str, mentions: list[EntityMention], lexicon: Lexicon) -> list[EntityMention]:
    """"BRCA1/2 mutations": the "2" is BRCA2, the gene whose symbol differs in its last digit."""
    out = []
    for m in mentions:
        if m.concept.type != "target" or not m.text[-1:].isdigit() or text[m.end:m.end + 1] != "/":
            continue
        nm = _SIBLING_NUMBER.match(text, m.end)
        sibling = lexicon.gene_symbol(m.text[:-1] + nm.group(1)) if nm else None
        if sibling is not None:
            out.append(EntityMention(nm.start(1), nm.end(1), m.text[:-1] + nm.group(1), sibling))
    return out


def _one_concept_per_identifier(mentions: list[EntityMention]) -> list[EntityMention]:
    """Drug mentions whose concepts share an identifier name one drug: "Taxol" found through its
    MeSH heading and "paclitaxel" through DrugBank (which lists the same MeSH id) are one, named
    as DrugBank names it, with every identifier either source gives. (Not diseases: MONDO maps
    a disease to a broader MeSH heading, soft tissue sarcoma to Sarcoma.)"""
    groups: dict[str, list[Concept]] = {}  # identifier -> the concepts holding it
    for m in mentions:
        if m.concept.type != "drug":
            continue
        for i in m.concept.ids:
            members = groups.setdefault(f"{m.concept.type}|{i}", [])
            if m.concept not in members:
                members.append(m.concept)
    if all(len(g) == 1 for g in groups.values()):
        return mentions
    merged: dict[Concept, Concept] = {}
    for m in mentions:
        c = m.concept
        if c in merged or not c.ids or c.type != "drug":
            continue
        family = [c]  # every concept linked to c through shared identifiers
        for member in family:
            for i in member.ids:
                family += [o for o in groups[f"{c.type}|{i}"] if o not in family]
        if len(family) == 1:
            continue
        lead = min(family, key=lambda x: (x.source not in _PREFERRED_NAMES, family.index(x)))
        ids = tuple(dict.fromkeys(lead.ids + tuple(i for f in family for i in f.ids)))
        unified = Concept(lead.label, lead.type, ids, lead.source)
        for f in family:
            merged[f] = unified
    return [EntityMention(m.start, m.end, m.text, merged[m.concept]) if m.concept in merged else m for m in mentions]


# a compound named only by its development code, known as a drug by what the paper calls it: "CM37, a
# selective ALDH1A1 inhibitor", "the MEK inhibitor PD0325901" (no vocabulary lists it: it has no identifier)
_KIND_OF_COMPOUND = (r"(?:inhibitor|antagonist|agonist|blocker|activator|modulator|degrader|compound|small[- ]molecule|"
                     r"analog(?:ue)?|derivative|prodrug|antibody)s?")
_COMPOUND_CODE = rf"(?:[A-Z]{{1,5}}-)?{DRUG_CODE}"  # (with a company prefix: "NVP-BEZ235")
_CODE_THEN_KIND = re.compile(rf"(?<![\w-])(?P<code>{_COMPOUND_CODE})(?![\w-])"
                             # (its other names in parentheses: "MCC950 (also known as CRID3 or CP-456,773), a potent ...")
                             r"(?:\s*\((?P<aka>(?:also\s+)?(?:known\s+as|called|formerly)\s+[^()]{1,50})\))?"
                             rf",?\s+(?:\(\s*)?(?:is\s+)?(?:a|an)\s+(?:[\w-]+\s+){{0,4}}?{_KIND_OF_COMPOUND}\b")
_OTHER_CODE = re.compile(rf"(?<![\w-])(?P<code>{_COMPOUND_CODE})(?![\w-])")
# a chemical's systematic name in the same apposition, with its abbreviation: "diethylaminobenzaldehyde (DEAB), a
# specific inhibitor of aldehyde dehydrogenase"
_CHEMICAL_THEN_KIND = re.compile(rf"(?<![\w-])(?P<code>[a-z][a-z0-9,-]{{5,}}(?:ine|ide|ate|ol|one|ane|ene|yde|mycin|zole|"
                                 rf"amide|amine))\s*(?:\((?P<abbr>[A-Z][A-Za-z0-9-]{{1,9}})\))?,\s+(?:a|an)\s+"
                                 rf"(?:(?:specific|selective|potent|irreversible|reversible|novel|small-molecule)\s+)?"
                                 rf"(?:[\w-]+\s+){{0,2}}?(?:inhibitor|antagonist|agonist|blocker)s?\b")
# where such an apposition can be: ", a specific inhibitor" (searched first: the chemical pattern is slow)
_APPOSED_KIND = re.compile(r",\s+an?\s+(?:[\w-]+\s+){0,3}?(?:inhibitor|antagonist|agonist|blocker)s?\b")
_KIND_THEN_CODE = re.compile(rf"\b{_KIND_OF_COMPOUND},?\s+(?:called\s+|named\s+)?(?P<code>{_COMPOUND_CODE})(?![\w-])")
_KIND_WORD = re.compile(r"inhibitor|antagonist|agonist|blocker|activator|modulator|degrader|compound|molecule|analog|"
                        r"derivative|prodrug|antibod")


def _coded_compounds(text: str, sentences: list[tuple[int, int]], mentions: list[EntityMention]) -> list[EntityMention]:
    """Every mention of a development code the paper calls an inhibitor, compound, etc., as a drug
    without an identifier; a code the lexicon already names (a gene, a disease) is left alone."""
    # (each pattern is searched only around a kind word: over the whole text they cost 70 us a paper)
    kinds = [k.start() for k in _KIND_WORD.finditer(text.lower())]
    if not kinds:
        return []
    found = [m for k in kinds for rx, a, b in ((_CODE_THEN_KIND, 150, 20), (_KIND_THEN_CODE, 5, 40))
             for m in rx.finditer(text, max(0, k - a), k + b)]
    codes = {m.group("code") for m in found}
    named = {}  # a systematic name and its abbreviation: one drug, named as the paper abbreviates it
    for m in found:
        for other in _OTHER_CODE.finditer(m.group("aka") or "") if m.re is _CODE_THEN_KIND else ():
            codes.add(other.group("code"))  # "MCC950 (also known as CRID3 ...)": one compound, named as first written
            named[other.group("code")] = named[m.group("code")] = m.group("code")
    windows = [w for w in _APPOSED_KIND.finditer(text)] if ", a" in text else []
    for m in (c for w in windows for c in _CHEMICAL_THEN_KIND.finditer(text, max(0, w.start() - 80), w.end())):
        if not any(x.start <= m.start("code") < x.end for x in mentions):
            codes.add(m.group("code"))
            if m.group("abbr"):
                codes.add(m.group("abbr"))
                named[m.group("code")] = named[m.group("abbr")] = m.group("abbr")
    codes = {c for c in codes if not c.startswith("NCT") and any(ch.isalpha() for ch in c)}
    if codes:
        codes -= {m.text for m in mentions}
    if not codes:
        return []
    spans = Spans((m.start, m.end) for m in mentions)
    out = []
    for code in codes:
        concept = Concept(named.get(code, code), "drug", (), "code")
        for a, b in word_places(text, code, sentences, hyphen_after=False):
            if not spans.overlapping(a, b):
                out.append(EntityMention(a, b, code, concept))
    return out


def _one_drug_per_name(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """A drug and its salt ("abiraterone" and "abiraterone acetate", separate vocabulary entries), or a
    drug and another name for it in parentheses ("nab-paclitaxel (albumin-bound paclitaxel)"), are one
    drug in a paper: the concept named first stands for both."""
    drugs = [m for m in mentions if m.concept.type == "drug"]
    if len(drugs) < 2:
        return mentions
    merged: dict[Concept, Concept] = {}
    by_label: dict[str, Concept] = {}
    for m in drugs:
        by_label.setdefault(m.concept.label.lower(), m.concept)
    for label, concept in list(by_label.items()):
        base = _SALT_END.sub("", label) if " " in label else label
        if base != label and base in by_label and base not in _IONS:  # (potassium chloride is no potassium)
            first = min((x for x in drugs if x.concept in (concept, by_label[base])), key=lambda x: x.start).concept
            other = concept if first == by_label[base] else by_label[base]
            merged.setdefault(other, first)
    renamed: dict[int, Concept] = {}  # (a name in parentheses is renamed there only: it may name another drug elsewhere)
    for a, b in zip(drugs, drugs[1:]):
        if a.concept != b.concept and text[a.end:b.start] in (" (", "(") and text[b.end:b.end + 1] == ")" \
                and any(i.startswith("DRUGBANK:") for i in a.concept.ids):  # (a class names no one drug)
            renamed[b.start] = merged.get(a.concept, a.concept)
    if not merged and not renamed:
        return mentions
    out = []
    for m in mentions:
        c = renamed.get(m.start) if m.concept.type == "drug" else None
        c = c or merged.get(m.concept)
        out.append(EntityMention(m.start, m.end, m.text, c) if c else m)
    return out


_IONS = {"potassium", "sodium", "calcium", "magnesium", "lithium", "zinc", "iron", "copper"}
# (a salt ending a name; unlike _SALT_AT_END not "liposomal": liposomal doxorubicin is another drug)
_SALT_END = re.compile(rf"\s+(?:{_SALT_WORDS})$", re.I)


def _one_disease_per_name(mentions: list[EntityMention]) -> list[EntityMention]:
    """Disease mentions of one name (up to a plural) whose concepts share an identifier are one
    disease: "gastrointestinal stromal tumors" (the MeSH heading's plural) and "gastrointestinal
    stromal tumor" (MONDO, which lists the same MeSH id). The concept with more identifiers names
    both. (A shared identifier alone is not enough: see _one_concept_per_identifier.)"""
    best: dict[str, Concept] = {}  # a name without its plural -> the concept with most identifiers
    two = False  # (whether any name was seen with two concepts: most papers have none)
    for m in mentions:
        if m.concept.type == "disease" and m.concept.ids:
            name = _PLURAL_END.sub("", m.text.lower())
            c = best.get(name)
            if c is not None and c != m.concept:
                two = True
            if c is None or len(m.concept.ids) > len(c.ids) and set(c.ids) & set(m.concept.ids):
                best[name] = m.concept
    if not two:
        return mentions
    merged: dict[Concept, Concept] = {}
    for m in mentions:
        c = best.get(_PLURAL_END.sub("", m.text.lower())) if m.concept.type == "disease" and m.concept.ids else None
        if c is not None and c is not m.concept and set(c.ids) & set(m.concept.ids):
            merged[m.concept] = c
    return [EntityMention(m.start, m.end, m.text, merged[m.concept]) if m.concept in merged else m for m in mentions]


_PLURAL_END = re.compile(r"(?<=[a-z])s$")


def _absorb_salts(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """"eribulin mesylate" is eribulin: the salt word joins the drug mention and is no entity itself."""
    out: list[EntityMention] = []
    skip_until = -1
    for m in mentions:
        if m.start < skip_until:
            continue
        if m.concept.type == "drug":
            sm = _SALT.match(text, m.end)
            if sm:
                out.append(EntityMention(m.start, sm.end(), text[m.start:sm.end()], m.concept))
                skip_until = sm.end()
                continue
        out.append(m)
    return out


# (or a protein named by what it is: "secreted protein acidic and rich in cysteine (SPARC)")
_GENE_PRODUCT = re.compile(r"\b(?:receptors?|kinases?|factors?|proteins?|ligands?|enzymes?|transporters?|"
                           r"polymerases?|channels?)\b(?:\s+\d+)?$|^(?:[\w-]+\s+)?proteins?\s", re.I)
# what follows a gene's name in its long form: its number or Greek letter ("B-cell lymphoma 2", "kinase-3β")
# (or its family, subfamily and member: "cytochrome P450 3A4", "P450 c17")
_NUMBERED_AFTER = re.compile(r"[\s-]?(?:\d{1,2}(?:[A-Z]\d{1,2})?|[a-z]\d{1,2}|[αβγδεκ]|alpha|beta|gamma|delta)"
                             r"(?:[\s-]?(?:[αβγδεκ]|alpha|beta|gamma|delta))?\s*", re.I)


def _symbol_form(name: str) -> str:
    """A gene symbol as letters and digits only: "GSK-3β" and GSK3B, "BCL-2" and BCL2 are one (not "GlyT1" and
    MGAT1, whose alias it only collides with)."""
    return re.sub(r"[^a-z0-9]", "", normalize(name))


_CODE_BEFORE = re.compile(rf"(?<![\w-])({DRUG_CODE})\s*$")


def _apply_abbreviations(text: str, mentions: list[EntityMention], abbreviations: list[Abbreviation],
                         lexicon: Lexicon, sentences: list[tuple[int, int]]) -> list[EntityMention]:
    """A short form means what its long form means in this document, and nothing else."""
    by_short: dict[str, Concept | None] = {}
    name_parts: list[tuple[int, int, Concept]] = []  # long forms of targets: the drug names inside are words of them
    # numbered long forms of genes: their mentions name something else ("B-cell lymphoma"), the whole names the gene
    gene_names: list[tuple[int, int, Concept]] = []
    # (the mentions by start, so each long form reads only its own: a full text has hundreds of both)
    by_start = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in by_start]
    for ab in abbreviations:
        concept = None
        long_mentions = [mentions[i] for i in sorted(by_start[bisect_left(starts, ab.long_start):
                                                             bisect_left(starts, ab.long_end)])
                         if mentions[i].end <= ab.long_end]
        if ab.code:  # a drug's code means the drug named right before it; nothing else is read into it
            # (not a code the lexicon knows, nor the tail of a longer chemical name: "...-1,2-diamine
            # dihydrochloride (AMN082)")
            named = [m for m in long_mentions if m.end == ab.long_end and m.concept.type == "drug"
                     and (m.start == 0 or text[m.start - 1] in " (")]
            known = any(m.start == ab.short_start for m in mentions)
            if named and not known and ab.short not in by_short:
                by_short[ab.short] = max(named, key=lambda m: m.end - m.start).concept
            continue
        whole = lexicon.lookup(ab.long)  # (the whole long form first: "cancer stem cells (CSCs)", not "stem cells")
        if whole is not None:
            concept = whole
        elif long_mentions and _NUMBERED_AFTER.fullmatch(text, max(m.end for m in long_mentions), ab.long_end) and \
                (own := lexicon.lookup(ab.short) or lexicon.lookup(ab.short.replace("-", ""))) is not None \
                and own.type == "target" and _symbol_form(own.label).startswith(_symbol_form(ab.short)):
            # a gene's name with its number: "B-cell lymphoma 2 (BCL-2)" is BCL2 (no lymphoma), "glycogen synthase
            # kinase-3β (GSK-3β)" is GSK3B (not every glycogen synthase kinase)
            concept = own
            name_parts.append((ab.long_start, ab.long_end, own))
            gene_names.append((ab.long_start, ab.long_end, own))
        elif long_mentions:
            # the long form's head names the concept: "mammalian target of rapamycin (mTOR)"
            best = max(long_mentions, key=lambda m: (m.end == ab.long_end, m.end - m.start))
            # (a name that stops short of the long form's head is another thing: "poly(adenosine
            # diphosphate-ribose) polymerase (PARP)" is no poly(ADP-ribose))
            if best.end - best.start >= 0.5 * (ab.long_end - ab.long_start) and \
                    (best.end == ab.long_end or best.end - best.start >= 0.8 * (ab.long_end - ab.long_start)):
                concept = best.concept
        if concept is None:  # "ROS1 proto-oncogene receptor tyrosine kinase (ROS1)": the long form names it too
            concept = next((m.concept for m in long_mentions if m.text == ab.short), None)
        if concept is None and (_GENE_PRODUCT.search(ab.long) or any(
                m.concept.type == "target" for m in long_mentions)):
            # "human epidermal growth factor receptor 2 (HER2)": a long form the lexicon lacks, of a gene
            # product the short form names (also one whose head or family the lexicon knows: "neuron-specific
            # enolase (NSE)", "cytochrome P450 c17 (CYP17)")
            own = lexicon.lookup(ab.short)
            concept = own if own is not None and own.type == "target" else None
            if concept is not None and long_mentions and all(m.concept.type == "target" for m in long_mentions):
                gene_names.append((ab.long_start, ab.long_end, concept))  # (the whole long form names it, not its family)
        by_short.setdefault(ab.short, concept)
        if concept is not None and concept.type == "target":
            name_parts.append((ab.long_start, ab.long_end, concept))
    for m in mentions:  # the other way round: "BMS-354825 (dasatinib)"
        if m.concept.type == "drug" and m.start > 1 and text[m.start - 1] == "(" and text[m.end:m.end + 1] in ");,":
            code = _CODE_BEFORE.search(text, max(0, m.start - 20), m.start - 1)
            if code and not any(x.start <= code.start(1) < x.end for x in mentions):
                by_short.setdefault(code.group(1), m.concept)
    if not by_short:
        return mentions
    if gene_names:
        genes = Spans(gene_names)
        mentions = [m for m in mentions if not genes.holding(m.start, m.end)]
        mentions += [EntityMention(a, b, text[a:b], c) for a, b, c in gene_names]
    # ("human epidermal growth factor receptor 2 (HER2)" names no epidermal growth factor)
    parts = Spans(name_parts)
    out = [m for m in mentions if (m.text not in by_short or by_short[m.text] is not None) and not (
        m.concept.type == "drug" and any(m.concept != c for _, _, c in parts.holding(m.start, m.end)))]
    covered: dict[tuple[int, int], list[int]] = {}  # span -> its mentions' places in ``out``
    for i, m in enumerate(out):
        covered.setdefault((m.start, m.end), []).append(i)
    for short, concept in by_short.items():
        if concept is None:
            continue
        for span in word_places(text, short, sentences):
            if span in covered:
                for i in covered[span]:
                    out[i] = EntityMention(*span, short, concept)
                continue
            covered[span] = [len(out)]
            out.append(EntityMention(span[0], span[1], short, concept))
    return out


def word_places(text: str, word: str, sentences: list[tuple[int, int]], *,
                hyphen_after: bool = True) -> Iterator[tuple[int, int]]:
    """Where ``word`` (a short form, a code) stands as a word of its own inside a sentence, its
    edges as the sentence alone shows them. ``hyphen_after``: it may stand before a hyphenated word
    ("PAC-induced neuropathy"; never before a number, "PAC-1" is another name). One scan of the
    text per word: a scan of every sentence for every word grew with the square of a full text's
    length."""
    if not word:
        return
    sentences = sorted(sentences)
    sentence_starts = [a for a, _ in sentences]
    n = len(word)
    pos = text.find(word)
    while pos != -1:
        end = pos + n
        k = bisect_right(sentence_starts, pos) - 1
        if k >= 0 and end <= sentences[k][1]:
            s_start, s_end = sentences[k]
            if (pos == s_start or not _WORD_OR_HYPHEN_CHAR.match(text, pos - 1)) and \
                    (end == s_end or not (_WORD_CHAR.match(text, end) or text[end] == "-" and (
                        not hyphen_after or end + 1 < s_end and _DIGIT_CHAR.match(text, end + 1)))):
                yield pos, end
                pos = text.find(word, end)
                continue
        pos = text.find(word, pos + 1)


_WORD_CHAR = re.compile(r"\w")
_WORD_OR_HYPHEN_CHAR = re.compile(r"[\w-]")
_DIGIT_CHAR = re.compile(r"\d")


ABBREVIATION_AFTER = re.compile(r"\s*\(([^()]{1,12})\)")
_WORD_OR_HYPHEN = re.compile(r"[\w-]+")
KINASE_SUFFIX = re.compile(r"(?<=[A-Z0-9])\s+(?:kinase|protein)$")


def surface(text: str, m: EntityMention) -> str:
    """How a claim or a measure names an entity: its abbreviation when one is defined right after it ("ALDH")."""
    ab = ABBREVIATION_AFTER.match(text[m.end:m.end + 20])
    if ab and _WORD_OR_HYPHEN.fullmatch(ab.group(1)) and any(c.isupper() for c in ab.group(1)):
        return ab.group(1)
    name = _INNER_PARENTHETICAL.sub("", m.text) if ") " in m.text else m.text  # ("glucagon-like peptide-1 receptor")
    return KINASE_SUFFIX.sub("", name)


# (the lookbehind: a match never starts inside a word; without it every letter starts a run of [\w-]+)
_COORDINATED_BEFORE = re.compile(r"(?<![\w-])((?:[\w-]+\s+){0,2}[\w-]+),?\s+(?:or|and|and/or)\s+$")


def _coordinated(text: str, mentions: list[EntityMention], lexicon: Lexicon) -> list[EntityMention]:
    """"soft tissue or bone sarcoma": the first conjunct borrows the head of the second."""
    extra = []
    for m in mentions:
        if m.concept.type != "disease":
            continue
        words = m.text.split()
        head = words[-1]
        before = text[max(0, m.start - 60):m.start]
        if not before[-1:].isspace() or not before.rstrip().endswith(("and", "or")):
            continue  # (a cheap test first: the pattern below is anchored at the end, slow to search)
        cm = _COORDINATED_BEFORE.search(before)
        if not cm:
            continue
        conj = cm.group(1)
        for k in range(len(conj.split()), 0, -1):
            cand = " ".join(conj.split()[-k:])
            concept = lexicon.lookup(f"{cand} {head}")
            if concept is not None and concept.type == "disease":
                start = m.start - len(before) + cm.start(1) + len(conj) - len(cand)
                # the mention covers the conjunct; its text is the full name the reader understands
                extra.append(EntityMention(start, start + len(cand), f"{text[start:start + len(cand)]} {head}", concept))
                break
    return extra


_CSCS_END = re.compile(r"\bCSCs$", re.I)  # (also once the label is lower-cased: "breast cscs")


# genetic variants named by their dbSNP number or by a genotype: markers without an identifier of ours
# (each pattern starts with a literal, which the engine finds fast; a word boundary is checked after)
_RS_ID = re.compile(r"rs\d{3,}\b")
_GENOTYPE = re.compile(r"\b[ACGT]{2}\s+genotype\b|\b[ACGT]\s+allele\b")


def _variants(text: str) -> list[EntityMention]:
    """"rs12979860", "the CC genotype", "the T allele": a variant whose association a paper reports is a biomarker."""
    found = [m for m in _RS_ID.finditer(text) if not m.start() or not (text[m.start() - 1].isalnum() or
                                                                       text[m.start() - 1] == "-")]
    if "genotype" in text or "allele" in text:
        found += _GENOTYPE.finditer(text)
    return [EntityMention(m.start(), m.end(), m.group(0), Concept(" ".join(m.group(0).split()), "biomarker", (), "pattern"))
            for m in found]


def _cell_phrases(text: str, sentences: list[tuple[int, int]], mentions: list[EntityMention]) -> list[EntityMention]:
    """Cell populations named by a phrase: "ALDH-positive NSCLC stem cells", "resistant sarcoma cells"."""
    out = []
    for s_start, s_end in sentences:
        segment = text[s_start:s_end]
        if "CSCs" not in segment and "cells" not in segment.lower():
            continue
        for m in _CELL_PHRASE.finditer(text, s_start, s_end):
            phrase = m.group(0)
            words = phrase.split()
            if words[0].lower() in ("human", "mouse", "normal", "primary", "tumor", "tumour", "cancer") and len(words) == 2:
                continue
            if len(words) < 2:
                continue
            label = phrase if any(w.isupper() and len(w) > 1 for w in words) else phrase.lower()
            if phrase.lower() in ("cancer stem cells", "stem cells"):
                continue  # the lexicon names these
            label = _CSCS_END.sub("cancer stem cells", label)
            concept = Concept(label, "cell_population", (), "pattern")
            out.append(EntityMention(m.start(), m.end(), phrase, concept))
    return out


def _non_overlapping(mentions: list[EntityMention]) -> list[EntityMention]:
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[EntityMention] = []
    last_end = -1
    for m in mentions:
        if m.start < last_end:
            continue
        out.append(m)
        last_end = m.end
    return out


def group_entities(mentions: list[EntityMention], sentence_starts: frozenset[int] = frozenset()) -> list[Entity]:
    """One Entity per concept, with its surface forms as synonyms and every mention.

    Diseases and cell populations are labelled as the paper names them ("diarrhea", not the
    vocabulary's "diarrheal disease"); the vocabulary's name stays among the synonyms and the
    identifiers say which concept it is. A drug goes by the generic name the paper writes
    (see _drug_label). A gene keeps HGNC's symbol; another target or biomarker found
    through a MeSH heading or a BC5CDR annotation is named as the paper names it, since that
    heading may be a plural or a systematic name ("Peptidyl-Dipeptidase A" for angiotensin
    converting enzyme), by its abbreviation when the paper writes no other ("CYP17").
    """
    by_key: dict[str, Entity] = {}
    sources: dict[int, str] = {}
    for m in mentions:
        c = m.concept
        ent = by_key.get(m.key)
        if ent is None:
            ent = by_key[m.key] = Entity(label=c.label, type=c.type, ids=list(c.ids))
            sources[id(ent)] = c.source
        ent.mentions.append(Mention(m.text, m.start, m.end))
    for ent in by_key.values():
        if ent.type == "drug":
            label = _drug_label(ent, sources[id(ent)] in _PREFERRED_NAMES, sentence_starts)
        elif ent.type in ("disease", "cell_population") or sources[id(ent)] not in _PREFERRED_NAMES:
            label = _paper_label(ent)
            if label is None and ent.type in ("target", "biomarker") and not any(i.startswith("HGNC:") for i in ent.ids):
                label = _paper_label(ent, keep_symbols=True)  # "CYP17", not MeSH's "steroid 17-alpha-Hydroxylase"
            if label and ent.type == "cell_population" and ent.label.lower() == f"{label.lower()}s":
                label = None  # cells go by the plural ("circulating tumor cell levels" count circulating tumor cells)
        else:
            label = None
        if label and label.lower() != ent.label.lower() and not _misspelt(label, ent.label):
            ent.synonyms.append(ent.label)
            ent.label = label
        for men in ent.mentions:
            if men.text not in ent.synonyms and men.text.lower() != ent.label.lower():
                ent.synonyms.append(men.text)
    return list(by_key.values())


# lexicon sources whose label is the name a drug or gene goes by
_PREFERRED_NAMES = frozenset({"curated", "drugbank", "hgnc", "hgnc-alias"})
_SYMBOL_LIKE = re.compile(r"[A-Z0-9-]{2,6}s?")


def _drug_label(ent: Entity, preferred: bool, sentence_starts: frozenset[int]) -> str | None:
    """A drug goes by the generic name the paper writes ("paracetamol", not DrugBank's
    acetaminophen; "aminoglycoside", not MeSH's "aminoglycosides"), unless the paper writes the
    vocabulary's name too. A brand name ("Zyban", "Taxol": a capitalized word inside a sentence)
    never labels it. A code or an abbreviation ("CCI-779", "SKF 38393") leaves DrugBank's name,
    but beats a MeSH heading's systematic name."""
    label = _name_key(ent.label)
    if any(_name_key(m.text) == label for m in ent.mentions):
        return None
    named = [m for m in ent.mentions if not (_CAPITALIZED_WORD.match(m.text) and m.start not in sentence_starts)]
    generic = [m for m in named if not _ABBREVIATION.search(m.text) and not _SYMBOL_LIKE.fullmatch(m.text)]
    if generic:
        return _paper_label(ent, generic)
    codes = [m for m in named if any(c.isdigit() for c in m.text)]  # "SKF 38393", "MK-801"; not "ADR"
    if codes and not preferred:
        return _paper_label(ent, codes, keep_symbols=True)
    return None


_CAPITALIZED_WORD = re.compile(r"[A-Z][a-z]")  # "Zyban", "Taxol" (or a sentence's first word: kept out too)


def _name_key(text: str) -> str:
    return " ".join(normalize(_SALT_AT_END.sub("", text)).split())


def _paper_label(ent: Entity, mentions: list[Mention] | None = None, keep_symbols: bool = False) -> str | None:
    """The name the paper gives ``ent`` most often (among ``mentions``, default all of them)."""
    forms: dict[str, int] = {}
    for men in ent.mentions if mentions is None else mentions:
        t = " ".join(men.text.split())
        if ") " in t:
            t = _INNER_PARENTHETICAL.sub("", t)  # "glucagon-like peptide-1 (GLP-1) receptor": the name without it
        if _SYMBOL_LIKE.fullmatch(t) and not keep_symbols:
            continue  # an abbreviation: the long form names the entity better
        if t.istitle() or not any(c.isupper() for c in t[1:]):
            t = t.lower()
        forms[t] = forms.get(t, 0) + 1
    if not forms:
        return None
    # a singular form wins over its plural; cells are named in the plural ("circulating tumor cells")
    for f in list(forms):
        if f.endswith("s") and f[:-1] in forms:
            if ent.type == "cell_population":
                forms[f] += forms.pop(f[:-1])
            else:
                forms[f[:-1]] += forms.pop(f)
    # a name the paper spells out wins over one with an abbreviation in it ("alpha-TC")
    return max(forms, key=lambda f: (not _ABBREVIATION.search(f), forms[f], -len(f)))


_ABBREVIATION = re.compile(r"\b[A-Za-z]*[A-Z]{2}")
_INNER_PARENTHETICAL = re.compile(r"\s+\([^()]*\)(?=\s)")


def _misspelt(form: str, label: str) -> bool:
    """The paper's form is the vocabulary's name with a letter or two wrong ("benazapril") or
    spelled without its final e ("metamizol", "cyclosporin")."""
    form, label = form.lower(), label.lower()
    return len(form) == len(label) and 0 < sum(a != b for a, b in zip(form, label)) <= 2 or form + "e" == label
