"""Mechanism and biomarker claims with their certainty.

Without a parser, a claim is read from a relation phrase (``extract/claim_rules.py``) and the noun
phrases on either side of it: the subject is the closest phrase before the verb in its clause
(skipping appositions such as "Eribulin, a synthetic inhibitor of ..., improved"), the objects
are the coordinated phrases after it up to a clause boundary. Drug names are normalized to their
labels ("X plus Y" for combinations), anaphora ("the drug", "the combination") to the paper's
drugs. Drug-target facts also come from appositions ("the mTOR inhibitor temsirolimus",
"temsirolimus, a selective inhibitor of mTOR"). Certainty is read from the clause: hedges make a
hypothesis, negations a negated claim (after NegEx's idea of trigger words with a scope).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from extract.alternation import Alternation
from extract.claim_rules import (
    CHANGES,
    COMBINATION,
    DRUG_ANAPHORA,
    HEDGES,
    NEGATION_AFTER,
    NEGATION_BEFORE,
    NEGATION_CLAUSE,
    PARTICIPLES,
    RELATIONS,
)
from extract.context import DocContext
from extract.entities import (ABBREVIATION_AFTER, KINASE_SUFFIX, EntityMention, is_salt_form, measured_in_body,
                               names_a_class_target,
                               names_an_inhibited_target, surface)
from extract.outcomes import (_ENDPOINT_RE, _ENDPOINTS, _NOT_ENDPOINT, _clean_measure, endpoint_matches, endpoint_named,
                              endpoint_span)
from extract.records import Certainty, Claim, Evidence
from extract.studies import LIST_JOIN, PEOPLE_WORDS
from extract.text import PARENTHESES_SPACED, Sentence

# (a verb joined to the next word by a hyphen is a modifier, not the relation: "extended-interval
# amikacin", "reduced-intensity conditioning")
# (tried where a trigger word starts: only the branches that can begin with its first letter)
_REL_RE = Alternation([f"(?P<r{i}>\\b(?:{p})\\b(?!-\\w))" for i, (p, _) in enumerate(RELATIONS)], re.I)
# (or a modifier coordinated after one: "correlated with total and delayed recall")
# (a lower-case "a" only: "Salvianolic acid A attenuated" is a name's letter and a verb)
_ADJECTIVAL = re.compile(r"\b(?:the|(?-i:a)|an|of|with|in|for|as)\s+(?:(?:total|immediate|early|late|acute|chronic|short-term|"
                         r"long-term|free|verbal|[a-z]+(?:al|ive|ous|ic))\s+(?:and|or)\s+)?$", re.I)
_LISTED_BEFORE = re.compile(r"(?:\band|,)\s*$")
_NP_THEN_VERB = re.compile(r"\s+(?:[\w-]+\s+){1,4}?(?:was|were|is|are)\b", re.I)
# (or plural: "ketoconazole and itraconazole are potent inhibitors of CYP3A4")
_IS_A = re.compile(r"\b(?:(?:is|was)\s+(?:a|an)|are|were)\s+(?:[\w-]+\s+){0,3}$", re.I)
_HEDGE_RE = re.compile(HEDGES, re.I)
_NEG_BEFORE = re.compile(NEGATION_BEFORE, re.I)
_NEG_AFTER = re.compile(NEGATION_AFTER, re.I)
_NEG_CLAUSE = re.compile(NEGATION_CLAUSE, re.I)
_CHANGE_RE = [(re.compile(rf"\b(?:{p})\b", re.I), c) for p, c in CHANGES]
_SKIP_LEFT = re.compile(
    r"(?:\s+|^)(?:significantly|selectively|markedly|further|also|both|not|did|does|do|has|have|had|is|are|was|were|be|"
    r"been|may|might|could|can|would|will|thereby|therefore|thus|hence|so|then|only|still|consistently|substantially|nearly|"
    r"more than|thought to|believed to|shown to|appears? to|seems? to|to|help|helps|each|strongly|potently|"
    r"dramatically|further|directly|partially|effectively|however|proved to|reported to|thought|believed|known|"
    r"shown|reported|proposed|predicted|expected|likely|able|unable|so far|again|concurrently|through the|via the|"
    r"through|via|does so|do so|did so|frequently|often|commonly|widely|(?-i:a)|an|the|one|possible|new|useful|offers?|offered|"
    r"provides?|provided|represents?|plays?|played|serve as|serves as|become|becomes|as|uncommonly|rarely|"
    r"occasionally|sometimes|usually|generally|greatly|even|showed|shows|show|demonstrated|demonstrates|exhibited|"
    r"exhibits|displayed|marked|promising|modest|durable|substantial|encouraging|potent|significant|considerable|"
    r"notable|high|robust|durable|meaningful|clinically|irreversibly|reversibly|covalently|competitively|"
    r"noncompetitively|allosterically|specifically|preferentially|rapidly|profoundly|transiently|extensively|mainly|"
    r"largely|predominantly|mostly|chiefly|partly|primarily|"
    # two adverbs joined: "that selectively and irreversibly inhibits"
    r"[a-z]+ly\s+(?:and|or))\s*$", re.I)
#: longer than any _SKIP_LEFT word with the space before it: the end of the text it is searched in
_SKIP_LEFT_SPAN = 20
_CLAUSE_START = re.compile(
    r"(?:[;:]|\b(?:that|which|who|whereas|while|but|although|because|since|if|whether|by which|through which|"
    r"suggest(?:s|ed)?|conclud(?:e|ed)|show(?:s|ed)?(?=\s+that)|found|indicat(?:e|es|ed)|report(?:s|ed)?|"
    r"propos(?:e|ed|ing))\b)",
    re.I)
_PREP_START = re.compile(r"^(?:in|at|after|during|from|compared with|among|for|with|on|by|to|although|because|when|"
                         r"while|as|since|before|over|under|following|unlike|like|despite|using|within|according to)\b",
                         re.I)
_OBJ_STOP = re.compile(  # (the lookahead lets the scan skip most positions cheaply)
    r"(?=[\s;:.(\[,])(?:\s+(?:compared|relative to|versus|vs\.?|than|among|when|while|whereas|which|that|by|"
    r"from(?!\s+(?:[\w-]+\s+)?causes\b)|at|after|before|"  # (not "death from vascular causes")
    r"like|unlike|even|without|through|via|potentially|possibly|probably|presumably|regardless|irrespective|similar|above|below|may|might|could|should|would|seems?|appear(?:s|ed)?|tend(?:s|ed)?|during|with(?! stem-like)|for|on|but|although|according|as(?!\s+well\s+as)(?<!well as)|over|until|because|since|in (?:patients|mice|women|men|adults|"
    r"children|vitro|vivo|culture|the|a|an|this|these|those|both|each|every|combination|addition)|in\b(?!\s+(?:lung|"
    r"function)))\b|\s+(?:more|less)\s+than\b|\s+to\s+\d|\s+to\s+(?:be|have)\b|\s+(?:driven|mediated|caused|induced)\b|(?<!\bgrade)(?<!\bstage)(?<!\btype)\s+[-−]?\d|[;:.(\[?]|--|"
    # a purpose: "blocks CTLA-4 to potentiate an antitumor T-cell response"
    r"\s+(?:in\s+order\s+)?to\s+(?:potentiate|enhance|induce|inhibit|block|prevent|reduce|increase|promote|improve|restore|"
    r"activate|trigger|stimulate|kill|overcome|sensitize|suppress|limit|lower|raise|augment|boost|amplify|disrupt)\b|"
    rf"(?:,|\s+and)\s+(?:thereby\s+|thus\s+)?(?:{'|'.join(PARTICIPLES)})\b|"  # ("..., thereby reducing ...")
    r",\s+(?:which|who|according|as|compared|but|and the|while|whereas)|"
    # (an adverb of a finished course and a verb: "the headache gradually disappeared"; not the adverbs
    # that modify a noun, "newly diagnosed", "previously treated", "sexually transmitted")
    r"\s+(?:gradually|completely|rapidly|slowly|subsequently|eventually|spontaneously|fully|totally|quickly)"
    r"\s+[a-z]{3,}ed\b)", re.I)
# Where an _OBJ_STOP match can start: a run of spaces before one of its first words or a number, a
# punctuation mark, a comma before a space. Scanning for these and trying the pattern only there
# gives the same leftmost match as _OBJ_STOP.search, without trying its ~40 words at every space.
_ACTIVITY_OF_WHAT_BEFORE = re.compile(r"(?:[\w]+-cell|\bcell|\bimmune|\bcytotoxic|\benzyme|\bkinase|\bcellular)\s+$", re.I)
_NOUN_FORMS = {"increase", "decrease", "reduction", "change", "elevation", "rise", "control", "target", "block"}
_CLASS_PLURAL_BETWEEN = re.compile(r"\s+[a-z][a-z-]+s\s+")  # "the azole antimycotics ketoconazole and itraconazole"
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$", re.I)
# "the Wnt target genes LEF1": the noun, not the verb
_TARGET_NOUN_AFTER = re.compile(r"['’]?\s+(?:genes?|proteins?|cells?|lesions?|organs?|tissues?|doses?|populations?|"
                                r"engagement|identification|validation|sites?|sequences?|molecules?)\b|\s*[,.;:)\"'”]", re.I)
_TARGET_NOUN_BEFORE = re.compile(r"\b(?:an?|the|its|their|important|attractive|potential|therapeutic|promising|novel|"
                                 r"key|drug|molecular|druggable|new|main|primary|ideal|rational)\s+$", re.I)
_OBJ_STOP_FIRST = frozenset((
    "compared relative versus vs than among when while whereas which that by from at after before during with "
    "for on but although according as over until because since in to driven mediated caused induced "
    "like unlike even without through via potentially possibly probably presumably regardless irrespective more less similar above below may might could should would seem seems appear appears appeared "
    "tend tends tended gradually completely rapidly slowly subsequently eventually spontaneously fully totally quickly"
    ).split())
_OBJ_STOP_AT = re.compile(r"\s+(?:(?P<num>[-−]?\d)|(?P<word>\w+))?|[;:.(\[?]|--|,(?=\s)")


_PARTICIPLE_NEXT = re.compile(r"\s+(?:thereby\s+|thus\s+)?[a-z]+ing\b")
_GENUS_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.\s[a-z]{2}")


def _obj_stop(text: str, start: int, end: int | None = None) -> re.Match | None:
    """``_OBJ_STOP.search(text, start, end)``, trying the pattern only where it can match."""
    end = len(text) if end is None else end
    for c in _OBJ_STOP_AT.finditer(text, start, end):
        if c.group(0) == "." and c.start() and text[c.start() - 1].isdigit() and text[c.end():c.end() + 1].isdigit():
            continue  # a decimal point inside a name: "Kv1.5", "Nav1.7"
        if c.group(0) == "." and _GENUS_INITIAL.match(text, max(0, c.start() - 2), c.end() + 3):
            continue  # a genus's initial: "recurrence of C. difficile infection", "E. coli"
        word = c.group("word")
        if c.group(0)[0].isspace() and c.group("num") is None and (word is None or word.lower() not in _OBJ_STOP_FIRST) \
                and not (word == "and" and _PARTICIPLE_NEXT.match(text, c.end())):
            continue  # (an "and" only before a participle: "reducing spleen size and improving symptoms")
        m = _OBJ_STOP.match(text, c.start(), end)
        if m:
            return m
    return None


_DET = re.compile(r"^(?:the|a|an|their|its|his|her|these|this|those|that|both|each|all|any|either|significantly|markedly|"
                  r"selectively|further|also|far|much|more|somewhat|large numbers of|numbers of)\s+", re.I)
_VERBISH = re.compile(r"\b(?:was|were|is|are|has|have|had|be|been|being|did|does|do|showed|shown|led|(?-i:met)|reached|"
                      r"occurred|received|remained|according|evokes|elicits|provokes|produces)\b", re.I)
_CHANGE_NOUN = re.compile(r"^(?:decline|declines|increase|increases|decrease|decreases|reduction|change|changes|"
                          r"improvement|improvements|rise|fall|disruption|impairment|deficits?|defects?|alterations?|"
                          r"abnormalit(?:y|ies)|dysfunction)$", re.I)
_BIO_NOUN = re.compile(r"\b(?:signal(?:l)?ing|pathway|activation|inhibition|loss|translocation|expression|transition|"
                       r"EMT|cells?|discontinuation|withdrawal|hypothesis|suppression|knockdown|overexpression|"
                       r"inhibitors?|blockade|deprivation)\b", re.I)
# not a claim end: starts with a preposition, holds a clause, is only a number, or is only a change
# with no thing changed ("a dose-dependent increase", "other organs", "due to its ... effect")
_BAD_PHRASE = re.compile(r"^(?:in|of|to|at|by|for|from|with|on|than|as|and|or|due|other)\b|\bthere (?:was|were|is|are)\b|"
                         r"^(?:about|approximately|nearly|around|roughly|almost|up|over|sustained|clinically relevant "
                         r"reduction)$|"  # (a number's qualifier the cut left alone: "kills about (65%)")
                         r"^[\d\s.,%-]+$|\b(?:was|were|failed|fails|did|does|showed|shows|revealed|demonstrated|"
                         r"developed|reflecting)\b|"
                         r"^(?:(?:significant|marked|dose-dependent|transient|similar|paradoxical|net|maximal|critical|"
                         r"further|slight|small|large|substantial|modest|sustained|rapid|greater|even greater|"
                         r"statistically significant|[\w]+-(?:induced|evoked|mediated))\s+)*"
                         r"(?:increase|decrease|reduction|rise|fall|improvement)s?$|^effects?$|"
                         # (a second predicate of the subject, not an object: "targets CSCs and acts together")
                         r"^(?:acts|works|plays|appears|seems|remains|becomes|makes|takes|has|have|is|are|forms|"
                         r"contains|includes|involves|requires|shows|exhibits|produces|yields|"
                         r"consistent|resulting|[a-z]{3,}(?:izes|ises|ifies))\b",
                         re.I)
_MARKER_NOUNS = (r"(?:serum\s+|plasma\s+|tumou?r\s+|circulating\s+|protein\s+|mRNA\s+)?(?:expression|levels?|activity|concentrations?|"
                 r"fractions?|burden|load|copy number)")  # ("high ctDNA fraction was associated with")
# Where a relation phrase can start: the first words of the RELATIONS patterns, found with an
# Aho-Corasick automaton; the big alternation then runs only there (running it over every
# position of every sentence was the slowest step of the pipeline).
_REL_STARTS = (
    "active", "metabol", "substrate", "modif", "modulat", "antitum", "activity", "used", "treatment", "therapeutic", "useful", "benefit", "central",
    "key", "major", "critical", "important", "pivotal", "found", "linked", "contribut", "give", "gave", "control",
    "regulat", "govern", "lead", "led", "result", "caus", "trigger", "induc", "kill", "elimin", "initiat", "fuel",
    "sustains", "maintains",
    "expla", "possible", "overc", "stabil", "delay", "postpon", "potentiat", "enhanc", "sensiti", "inhibit", "suppress", "block",
    "direct", "target", "bind", "bound", "act", "alter", "chang", "affect", "rais", "increas", "reduc", "improv", "prolong",
    "extend", "lengthen", "doubl", "tripl", "decreas", "lower", "diminish", "impair", "enrich", "effective", "prevent",
    "revers", "preserv", "attenuat", "alleviat", "shorten", "slow", "restrain", "abolish", "antagoniz", "counteract",
    "associated", "anticancer", "anti-cancer",
    "antineoplastic", "clinical activity", "activat", "stimulat", "promot", "up-regulat", "upregulat", "down-regulat",
    "downregulat", "phosphorylat", "protect", "achieved", "produced", "yielded", "provided", "conferred",
    "effect", "significant eff", "apparent eff", "measurable eff") + tuple(
    f"{verb} {word}" for verb in ("had", "has", "have")  # (not every "had": "had a lower rate of")
    for word in ("a ", "an ", "lower", "reduced", "decreased", "higher", "increased", "significantly", "substantially"))
_REL_TRIGGERS = ahocorasick.Automaton()
for _stem in _REL_STARTS:
    _REL_TRIGGERS.add_word(_stem, _stem)
_REL_TRIGGERS.make_automaton()


def _relation_matches(sent: str):
    """What ``_REL_RE.finditer(sent)`` finds, trying the alternation only where a trigger word starts."""
    low = sent.lower()
    last_end = 0
    tried: set[int] = set()
    for end, stem in sorted(_REL_TRIGGERS.iter(low), key=lambda x: x[0] - len(x[1])):
        start = end - len(stem) + 1
        if start < last_end or start in tried or start > 0 and low[start - 1].isalnum():
            continue
        tried.add(start)
        m = _REL_RE.match(sent, start)
        if m:
            last_end = m.end()
            yield m


@dataclass
class Phrase:
    text: str  # normalized phrase as the claim shows it
    key: str | None = None  # entity key when the phrase names one entity
    is_drug: bool = False
    # drugs listed with "and" that the paper does not give together: each does what the verb says
    # ("ketoconazole and itraconazole are potent inhibitors of CYP3A4")
    each: tuple["Phrase", ...] = ()


_PLACE_PP = re.compile(r"\s+(?:in|from|among|within)\s+(?!vitro|vivo)")
_COMBINATION_WORDS = re.compile(rf"{COMBINATION}|the two drugs|both drugs")
_DRUG_ANAPHORA_WORDS = re.compile(rf"(?:{DRUG_ANAPHORA}|it|they)")
_DRUG_ANAPHORA_RE = re.compile(DRUG_ANAPHORA, re.I)
# a subordinate clause's subject, up to its verb: "Although the sP120T substitution (also impaired)"
_SUBORDINATE_START = re.compile(r"(?:although|though|while|whereas|because|since|when|if)\s+(?:the|this|these|that|its|their)\s+"
                                r"(?P<np>(?:(?!(?:was|were|is|are|has|have|had|also|did|does|may|could|can|[a-z]+ed)\b)"
                                r"[\w-]+\s+){1,5}?)(?=(?:was|were|is|are|has|have|had|also|did|does|may|could|can|[a-z]+ed)\b)",
                                re.I)
_INHIBITOR_WITH_BEFORE = re.compile(r"\binhibitors?\s+(?:with|having|that has|which has)\s+(?:(?:potent|broad|strong|"
                                    r"selective|high|nanomolar)\s+)?$", re.I)
_EVENT_ADJECTIVES = frozenset(("increased", "decreased", "elevated", "reduced", "raised", "lowered"))
_EVENT_SHARE_AFTER = re.compile(r"\s+[\w -]{2,40}?\s*\(\s*(?:grade\s+\d[^()]*?)?\d+(?:\.\d+)?\s*%")
_LIST_BEFORE = re.compile(r"(?:[,:;(]|\band|\bwere|\bwas|\bincluded|\bincluding)\s*$", re.I)
_CONVERSION_OF = re.compile(r"\b(?:conversion|transformation|cleavage|processing|metabolism)\s+of\b", re.I)
# measures read in the clinic or the laboratory: what a drug raised or lowered is a marker that changed with it
_LAB_MEASURE = re.compile(
    r"(?:(?:serum|plasma|blood|urinary|urine|sputum|fasting|mean|median|estimated|total|systolic|diastolic|"
    r"circulating)\s+)*(?:eGFR|estimated glomerular filtration rate|glomerular filtration rate|blood pressure|"
    r"(?:albumin|protein)-to-creatinine ratio|creatinine|blood urea nitrogen|BUN|bilirubin|alkaline phosphatase|"
    r"(?:alanine|aspartate) aminotransferase|ALT|AST|HbA1c|glycated ha?emoglobin|glucose|(?:LDL|HDL)(?:[- ]cholesterol)?|"
    r"cholesterol|triglycerides?|C-reactive protein|hsCRP|hs-CRP|CRP|platelet counts?|ha?emoglobin|neutrophil counts?|"
    r"body weight|NT-proBNP|troponin(?: [IT])?|uric acid|urate|ferritin|viral load|HIV-1 RNA|HCV RNA|CD4(?:\+)?(?: cell)? counts?|"
    r"IL-6|interleukin-6|(?:neutrophil )?elastase activity)(?:\s+(?:levels?|concentrations?))?", re.I)
_LAB_CHANGE = {"increases": "increased", "reduces": "decreased"}
_AND_OTHER = re.compile(r"\s(?:and|or)\s+(?:the\s+)?other\s", re.I)
# between two drugs of a list: "X and Y", "X, Y and Z", "X or Y", "metformin and the more potent biguanide phenformin"
_LISTED_BETWEEN = re.compile(r"[-\s]*(?:\([^()]*\)\s*)?(?:,\s*(?:and\s+|or\s+)?|(?:and|or|and/or)\s+)(?:the\s+)?(?:[\w-]+\s+){0,4}?")
_COMBINED_IN = re.compile(r"\b(?:plus|with|added to|adding|combined|combination|together|co-?administ\w*)\b|[+/]", re.I)
_COMBINING_WORD = re.compile(r"\b(?:plus|with|and|added to|adding|combined|combination|together)\b|\+|\bto\b", re.I)
_ARTICLE_AND_WORD = re.compile(r"(?:the\s+)?(?:\w+\s+)?")
_MONOTHERAPY_TAIL = re.compile(r"(?:alone|monotherapy|treatment|therapy|pretreatment|\d[\d/ ]*mg|mesylate)?")
# (nor is a change in the body's balance of it: "potassium depletion", "potassium requirements", "urinary
# potassium excretion"; its levels are the substance itself: "reduced serum creatinine levels")
_NOT_EFFICACY_WORD = re.compile(r"\b(?:discontinu|withdraw|stopping|resistance|exposure|pharmacokinetic|cytotoxicity|"
                                r"depletion|deficiency|requirements?\b|wasting|loss(?:es)?\b|excretion|clearance)")
# the substance made, not the drug acting: "suppressed prostaglandin E2 production", "enhance PTH secretion"
_MADE_AFTER = re.compile(r"(?:production|synthesis|biosynthesis|secretion|release)\b")
_PARENTHESES = re.compile(r"\([^)]*\)")
_MEASURE_NOUN = r"(?:incidence|severity|frequency|duration|intensity|number|rate|risk|occurrence|extent|degree|signs|symptoms|" \
                r"size|volume)"
_DESCRIBED_BY_HEAD = re.compile(r"\b(?:component|member|subunit|regulator|mediator|effector|protein|kinase|enzyme|"
                                r"receptor|factor)\s+$", re.I)
_PATHWAY_ACTIVITY = re.compile(r"\b(pathway|signaling|signalling)\s+activity$", re.I)
_NUMBERED_ENZYME = re.compile(r"\s+\d+[αβγa-z]?[-‐][a-z]*ases?\b", re.I)
_DRUG_AS_MODIFIER = re.compile(r"[-‐](?:losing|sparing|conserving|resistant|refractory|sensitive|naive|naïve|dependent|"
                               r"free|deficient|depleted|intolerant|tolerant)\b|"
                               # the substrate in an enzyme's name: "lanosterol 14α-demethylase", "glutathione reductase"
                               r"\s+(?!(?:in|de)creases?\b|releases?\b|diseases?\b|phases?\b|cases?\b|bases?\b|erases?\b)"
                               r"(?:\d+[αβγa-z]?[-‐])?[a-z]{2,}ases?\b|"
                               # a ligand naming its receptor: "the adenosine diphosphate receptor P2Y12", "the
                               # serotonin 5-HT2A receptor", "the dopamine D2 receptor"
                               r"\s+(?:(?-i:[A-Z0-9][\w-]*)\s+)?(?:receptors?|transporters?)\b", re.I)
# (but "isoproterenol-treated rats" show the drug's effect: "-treated" is not among them)
_EFFECT_AFTER_DRUG = re.compile(r"(?:induced\s+|related\s+|associated\s+)?(?:\w*toxicit(?:y|ies)|injury|damage|"
                                r"neuropathy|toxic effects?|side effects?|adverse effects?)\b")
_EFFECT_OF_END = re.compile(rf"\b(?:effects?|actions?|activit(?:y|ies)|responses?|\w*toxicit(?:y|ies)|efficacy|potency|"
                            rf"{_MEASURE_NOUN})\s+(?:of|to)$|"
                            r"\b(?:sensitivity|resistance|responses?)\s+(?:of\s+(?:[\w-]+\s+){1,4})?to$|"
                            # a drug's kinetics: "prolonged the half-life of cerivastatin", "raised the AUC of"
                            r"\b(?:half-li(?:fe|ves)|clearance|concentrations?|AUC|Cmax|bioavailability|metabolism|"
                            r"absorption|elimination)\s+of$")
# ("enhanced the sensitivity of spheroids to cisplatin": the sensitivity, not cisplatin)
_BETWEEN_PAIR = re.compile(r"(?:the\s+)?(?:[\w-]+\s+)?(?:interactions?|binding|associations?|complex|crosstalk|"
                           r"communication)\s+between\s", re.I)
_TWO_MEASURES_OF = re.compile(rf"{_MEASURE_NOUN}\s+(?:and|or)\s+(?:the\s+)?{_MEASURE_NOUN}\s+of\s", re.I)
_TARGET_NOUN_TAIL = re.compile(r"(?:the\b)?\s*(?:kinase|protein|receptor|receptors|enzyme|gene)?")


class ClaimReader:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.text = ctx.text
        self.main_drugs = self._main_drugs()
        self.combination = ctx.combination()

    # -- document-level context
    def _main_drugs(self) -> list[EntityMention]:
        drugs = [m for m in self.ctx.mentions if m.concept.type == "drug"]
        return drugs

    def main_drug(self) -> EntityMention | None:
        return self.main_drugs[0] if self.main_drugs else None

    # -- phrase normalization
    def _pronoun_of_subordinate_subject(self, start: int) -> bool:
        """The sentence opens with a subordinate clause whose subject names no drug ("Although the
        sP120T substitution impaired X, it ..."): the pronoun after it refers to that subject."""
        back = self.text[max(0, start - 200):start]
        clause = back[max(back.rfind(". "), back.rfind("\n")) + 1:].lstrip()
        opening = _SUBORDINATE_START.match(clause)
        if not opening:
            return False
        np_start = start - len(clause) + opening.start("np")
        np_end = np_start + opening.end("np") - opening.start("np")
        return not (self.ctx.mentions_in(np_start, np_end, ("drug",)) or _DRUG_ANAPHORA_RE.search(opening.group(0)))

    def phrase(self, start: int, end: int, *, allow_plain: bool = True, subject: bool = False) -> Phrase | None:
        """Normalize the document span [start, end) into a claim end. A subject loses trailing
        prepositional phrases ("cancer stem cells in NSCLC" -> "cancer stem cells")."""
        raw = self.text[start:end]
        if ("compared" in raw or "versus" in raw or " vs" in raw or "relative to" in raw) and \
                (versus := _COMPARED_WITH.search(_BRACKETED.sub(lambda x: " " * len(x.group(0)), raw))) and versus.start() > 0:
            end = start + versus.start()  # "treatment with ticagrelor as compared with clopidogrel": ticagrelor's
            raw = self.text[start:end]
        if subject:
            pp = _PLACE_PP.search(raw)
            if pp and pp.start() > 0:
                end = start + pp.start()
                raw = self.text[start:end]
        if not raw.strip():
            return None
        mentions = self.ctx.mentions_in(start, end)
        drugs = [m for m in mentions if m.concept.type == "drug"]
        acting = [m for m in drugs if not names_a_class_target(self.text, m.end)
                  and not (any(o.start > m.end and (not self.text[m.end:o.start].strip()
                                                    or _CLASS_PLURAL_BETWEEN.fullmatch(self.text, m.end, o.start)) for o in drugs)
                           and _DETERMINER_BEFORE.search(self.text, max(0, m.start - 40), m.start))
                  # "the glucose-lowering drug canagliflozin": what the drug lowers, not a drug acting
                  and not any(_CLASS_NOUN_BETWEEN.fullmatch(self.text, m.end, o.start) for o in drugs if o.start > m.end)]
        drugs = acting or drugs  # "the dopamine antagonist sulpiride", "the biguanide phenformin": the last drug
        low = raw.strip().lower()
        if _COMBINATION_WORDS.fullmatch(low) and len(self.combination) > 1:
            return self.combo_phrase(self.combination)
        if _DRUG_ANAPHORA_WORDS.fullmatch(low) and self.main_drug():
            if low in ("it", "they") and self._pronoun_of_subordinate_subject(start):
                return None  # "Although the substitution impaired X, it did not enhance Y": the substitution
            m = self.main_drug()
            return Phrase(m.concept.label, m.key, True)
        if drugs:
            distinct = list({m.key: m for m in drugs}.values())
            distinct = [m for m in distinct if not any(o is not m and m.concept.label.lower() in o.concept.label.lower()
                                                         and len(o.concept.label) > len(m.concept.label) for o in distinct)]
            if len(distinct) > 1 and _COMBINING_WORD.search(raw) and not _CONVERSION_OF.search(raw):
                # (not "the conversion of plasminogen to plasmin": one substance made into another)
                if _AND_OTHER.search(raw):  # "Digoxin and other cardiac glycosides": one of them, not a combination
                    return Phrase(distinct[0].concept.label, distinct[0].key, True)
                combo = self.combo_phrase(distinct)
                if subject and not _COMBINED_IN.search(raw) and \
                        not {m.key for m in distinct} <= {m.key for m in self.combination} and \
                        all(_LISTED_BETWEEN.fullmatch(self.text, a.end, b.start) for a, b in zip(distinct, distinct[1:])):
                    combo.each = tuple(Phrase(m.concept.label, m.key, True) for m in distinct)
                return combo
            d = drugs[0]
            lead = self.text[start:d.start].strip().lower()
            tail = self.text[d.end:end].strip().lower()
            if (_ARTICLE_AND_WORD.fullmatch(lead) and _MONOTHERAPY_TAIL.fullmatch(tail) or
                    not _NOT_EFFICACY_WORD.search(low)) and not _caused_by_inside(self.text, d.start, d.end, end) \
                    and not _DRUG_AS_MODIFIER.match(self.text, d.end) and not _MADE_AFTER.match(tail) \
                    and not (not subject and _EFFECT_OF_END.search(lead)) \
                    and not (not subject and _EFFECT_AFTER_DRUG.match(tail)) \
                    and not _BETWEEN_PAIR.fullmatch(f"{lead} ") \
                    and not self.text[max(start, d.start - 4):d.start].endswith(("-to-", "-of-")):
                # ("the interaction between vWF and platelets"; "the albumin-to-creatinine ratio")
                # (not "gentamicin-induced hearing loss", an effect; nor "potassium-losing diuretic therapy" or
                # "cisplatin-resistant cells", not the drug acting; nor, as an object, "the hypotensive
                # actions of captopril" or "acute cisplatin nephrotoxicity")
                return Phrase(d.concept.label, d.key, True)
        cleaned = _clean_np(raw)
        if not cleaned or _BAD_PHRASE.search(cleaned):
            return None
        first: dict[str, EntityMention] = {}
        for m in mentions:
            if m.concept.type != "drug":
                first.setdefault(m.key, m)
        targets = list(first.values())  # "X (abbr)" is one: the first mention (the long form) names it
        endpoint = endpoint_named(cleaned)
        if endpoint:
            return Phrase(endpoint)
        if len(targets) == 1:
            t = targets[0]
            rest = (self.text[start:t.start] + self.text[t.end:end]).strip(" ,").lower()
            rest = _PARENTHESES.sub("", rest).strip()
            if _TARGET_NOUN_TAIL.fullmatch(rest):
                if not rest and ABBREVIATION_AFTER.match(self.text, t.end, end):  # "X (abbr)" in full: X, as named
                    name = t.text if t.text[1:2].isupper() else t.text[:1].lower() + t.text[1:]  # (not "Cancer stem cells")
                    return Phrase(KINASE_SUFFIX.sub("", name), t.key)
                return Phrase(surface(self.text, t), t.key)
        if targets and (last := max(targets, key=lambda t: t.end)).start > start and \
                not self.text[last.end:end].strip(" ,") and _DESCRIBED_BY_HEAD.search(self.text, start, last.start):
            # "the essential Hh pathway component Smoothened": the named thing, not its description
            return Phrase(surface(self.text, last), last.key)
        if not allow_plain and not targets and not _BIO_NOUN.search(cleaned):
            return None
        if len(cleaned.split()) > 8:
            return None
        # a phrase around an entity ("mTOR inhibition") is its own node, not the entity
        return Phrase(cleaned, None)

    def combo_phrase(self, drugs: list[EntityMention]) -> Phrase:
        labels = list(dict.fromkeys(m.concept.label for m in drugs))
        return Phrase(" plus ".join(labels), None, True)




_BRACKETS_SPACED = re.compile(r"\s*\[[^\]]*\]")
# (and a participle whose complement the object's end cut off: "cumulative lethality associated (with kindling)")
_TRAILING_FILLER = re.compile(r"\s+(?:alone|as well|too|and|or|associated|related|induced|mediated|caused|"
                              r"(?:could|may|might|can|should|would|will)\s+(?:also\s+)?be\s+used)$", re.I)
# (and a subject's modal use: "ALDH1A1 inhibitors (could be used) to target ovarian CSCs")
_CAPITALIZED_WORD = re.compile(r"[A-Z][a-z]+\b")
_CHANGED_AMOUNT_OF = re.compile(r"^(?:(?:increased|enhanced|greater|higher|reduced|decreased|lower)\s+(?:production|synthesis|"
                                r"levels?|secretion|release)|(?:pre-messenger RNA\s+|pre-mRNA\s+|alternative\s+)?splicing)"
                                r"\s+of\s+(?:the\s+)?(?=\S)", re.I)  # ("modifies pre-mRNA splicing of the SMN2 gene": SMN2)
_ENCODING = re.compile(r"^(?:[\w-]+\s+){0,3}?(?:mRNAs?|transcripts?|genes?)\s+(?:encoding|coding\s+for)\s+(?=\S)", re.I)
_ONSET_OF = re.compile(r"^(?:development|occurrence|appearance|emergence|onset) of\s+(?=\S)", re.I)


def _clean_np(text: str) -> str:
    t = PARENTHESES_SPACED.sub("", text)
    t = _BRACKETS_SPACED.sub("", t)
    t = " ".join(t.split()).strip(" ,.;:?!")
    prev = None
    while prev != t:
        prev = t
        t = _DET.sub("", t)
    t = _TRAILING_FILLER.sub("", t)
    t = _ONSET_OF.sub("", t)  # "the development of cisplatin-induced nausea" is the nausea
    t = _ENCODING.sub("", t)  # "the atrophy-associated mRNAs encoding atrogin-1" are atrogin-1's
    t = _CHANGED_AMOUNT_OF.sub("", t)  # "(promotes) increased production of SMN protein": the verb says the change
    if t[1:3] == ". " and t[:1].isupper():
        pass  # a genus's initial stays: "E. coli"
    elif t and not any(c.isupper() for c in t[1:]) or t.istitle():
        t = t.lower()
    elif _CAPITALIZED_WORD.match(t):  # sentence-initial capital: "Loss of E-cadherin"
        t = t[0].lower() + t[1:]
    return t


# the participles that make a drug's name an adjective of its effect: "cisplatin-induced nausea"
_CAUSE_PARTICIPLE_WORDS = ("induced", "associated", "related", "mediated", "evoked", "elicited", "triggered",
                           "stimulated")
_CAUSE_PARTICIPLES = "|".join(_CAUSE_PARTICIPLE_WORDS)
_SPACED_PARTICIPLES = tuple(f" {w} " for w in _CAUSE_PARTICIPLE_WORDS)
# "reduce succinylcholine induced myalgia": a drug and its participle written apart, where the drug
# is the object of a verb or a preposition, are the adjective "succinylcholine-induced" (not "Cocaine
# induced seizures", a clause; nor "cocaine induced a", "induced by")
_SPACED_CAUSE = re.compile(rf" (?=(?:{_CAUSE_PARTICIPLES}) "
                           r"(?!(?:by|in|with|to|a|an|the|that|this|these|its|their|his|her|no|significant)\b)[a-z])")
_OBJECT_SLOT_BEFORE = re.compile(
    r"\b(?:of|on|for|against|in|the|a|an|following|after|during|(?:reduc|prevent|attenuat|treat|inhibit|revers|block|"
    r"antagoniz|decreas|amelior|suppress|potentiat|enhanc|increas|abolish|exacerbat|protect)\w*)\s+$", re.I)


def _hyphenated_causes(ctx: DocContext, s: Sentence, sent: str) -> str:
    """``sent`` with "X induced Y" written "X-induced Y" where X is a drug in an object's slot (the
    same length: offsets hold), so the rules for the adjective read both spellings."""
    if not any(w in sent for w in _SPACED_PARTICIPLES):  # (a cheap test first: every sentence asks)
        return sent
    spaces = [m.start() for m in _SPACED_CAUSE.finditer(sent)]
    if not spaces:
        return sent
    ends = {m.end - s.start: m.start - s.start for m in ctx.mentions_in(s.start, s.end, ("drug",))}
    for i in spaces:
        start = ends.get(i)
        if start is not None and _OBJECT_SLOT_BEFORE.search(sent, max(0, start - 40), start):
            sent = sent[:i] + "-" + sent[i + 1:]
    return sent


_ACTIVE_IN = {"has activity against", "has antitumor activity in", "treats"}
_POPULATION = re.compile(r"(?:patients|nonsmokers|smokers|never-smokers|women|men|children|adults|subjects|people|"
                         r"individuals|participants)\b(?!\s+with\b)", re.I)
_UP = {"improves", "increases", "prolongs", "enhances"}
_DOWN = {"reduces", "decreases"}
_RESPONSE_KIND = re.compile(r"^(?:objective|overall)\s+(?=response)")


def extract_claims(ctx: DocContext) -> list[Claim]:
    reader = ClaimReader(ctx)
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, str]] = set()

    def add(subj: Phrase, relation: str, obj: Phrase, certainty: Certainty, s: Sentence, kind: str = "mechanism",
            change: str | None = None, spans: tuple = (), confidence: float = 0.7) -> None:
        if not subj or not obj or subj.text.lower() == obj.text.lower():
            return
        if relation in _ACTIVE_IN and _POPULATION.match(obj.text):
            return  # who was studied, not what it is active against: "active in patients of East Asian origin, nonsmokers"
        key = (kind, subj.text.lower(), relation, obj.text.lower())
        key_ids = (kind, subj.key or subj.text.lower(), relation, obj.key or obj.text.lower())
        # (one effect on one endpoint, however the paper words it: the title's "improves response rate" and
        # the results' "increased the objective response rate")
        endpoint = endpoint_named(obj.text) if relation in _UP or relation in _DOWN else None
        key_endpoint = (kind, subj.key or subj.text.lower(), relation in _UP, _RESPONSE_KIND.sub("", endpoint),
                        certainty) if endpoint else key
        if key in seen or key_ids in seen or key_endpoint in seen:
            return
        seen.update((key, key_ids, key_endpoint))
        ev = Evidence(ctx.sentence_text(s), s.start, s.end, s.section, spans=spans, extractor=ctx.extractor,
                      confidence=confidence)
        claims.append(Claim(subject=subj.text, relation=relation, object=obj.text, certainty=certainty, evidence=ev,
                            kind=kind, change=change, subject_key=subj.key, object_key=obj.key))

    given = {r.drug_key for r in ctx.regimens}
    measured_keys: set[str] | None = None

    def measured(key: str | None) -> bool:
        """Whether the paper measures the substance in the body somewhere (read once, when a claim first asks)."""
        nonlocal measured_keys
        if measured_keys is None:
            measured_keys = {m.key for m in ctx.mentions if m.concept.type == "drug"
                             and measured_in_body(ctx.text, m.start, m.end)}
        return key in measured_keys

    for s in ctx.sentences:
        sent = _hyphenated_causes(ctx, s, ctx.sentence_text(s))
        for subj, rel, obj, cert, spans, conf in _apposition_claims(reader, s, sent):
            add(subj, rel, obj, cert, s, spans=spans, confidence=conf)
        for subj, rel, obj, cert, spans in _verb_claims(reader, s, sent):
            add(subj, rel, obj, cert, s, spans=spans)
            if subj.is_drug and rel in _LAB_CHANGE and (_LAB_MEASURE.fullmatch(obj.text) or obj.is_drug and obj.key
                                                         and obj.key not in given and measured(obj.key)
                                                         and not measured(subj.key)):
                # a laboratory or clinical measure a drug moved is also a marker that changed with the drug:
                # "bardoxolone methyl increased eGFR, blood pressure and the urinary albumin-to-creatinine ratio"; so is
                # a substance the paper measures and never gives ("malondialdehyde increased 2.4-fold after cisplatin")
                add(Phrase(obj.text, obj.key), "associated with", subj, cert, s, kind="biomarker",
                    change=_LAB_CHANGE[rel], spans=spans, confidence=0.6)
        for subj, rel, obj, cert in _endpoint_negations(reader, s, sent):
            add(subj, rel, obj, cert, s, confidence=0.6)
        for subj, rel, obj, cert in _endpoint_with_drug(reader, s, sent) \
                if " with " in sent and (" was " in sent or " were " in sent) else ():
            add(subj, rel, obj, cert, s, confidence=0.6)
        for marker, change, assoc, cert in _biomarker_claims(reader, s, sent):
            # the marker is the gene's mutation ("EGFR mutation"), or the unmutated gene's subgroup ("wild-type KRAS")
            if change == "mutated" and "mutat" not in marker.text.lower():
                marker = Phrase(f"{marker.text} mutation", marker.key)
            elif change == "wild-type" and not marker.text.lower().startswith("wild"):
                marker = Phrase(f"wild-type {marker.text}", marker.key)
            add(marker, "associated with", assoc, cert, s, kind="biomarker", change=change, confidence=0.6)
    return claims


# ---------------------------------------------------------------- certainty
_CONTRAST_CLAUSE = re.compile(r",\s+but\b|;|\bwhereas\b|\balthough\b")
_CLAUSE_BREAK = re.compile(r"[;]|\bbut\b|\bwhereas\b")
_TO_BE_AFTER = re.compile(r"\s*(?:to be|\w+ to)")


def certainty_of(sent: str, verb_start: int, verb_end: int) -> Certainty:
    """Negation close before or right after the verb; a hedge anywhere in its clause or in a
    reporting clause before it ("researchers suggested that ...")."""
    before = sent[max(0, verb_start - 40):verb_start]
    after = sent[verb_end:verb_end + 50]
    if _NEG_BEFORE.search(before) or _NEG_AFTER.match(after) or \
            _NEG_CLAUSE.search(_CONTRAST_CLAUSE.split(sent[verb_start:])[0]):
        return Certainty.NEGATED
    clause_start = 0
    for m in _CLAUSE_BREAK.finditer(sent[:verb_start]):
        clause_start = m.end()
    if _HEDGE_RE.search(sent[clause_start:verb_end]) or _TO_BE_AFTER.match(after) and \
            _HEDGE_RE.search(sent[verb_end:verb_end + 25]):
        return Certainty.HYPOTHESIS
    return Certainty.STATED


# ---------------------------------------------------------------- appositions: drug-target facts
# what a drug of each kind does to what it is named for
_KIND_RELATION = {"inhibitor": "inhibits", "antagonist": "inhibits", "blocker": "inhibits", "antibody": "targets",
                  "inverse agonist": "inhibits", "agonist": "activates"}  # (an inverse agonist lowers its activity)
_PRONOUN_BEFORE_IS_A = re.compile(r"\b[Ii]t(?=\s+(?:is|was)\s+an?\s)")
_KINDS = "|".join(_KIND_RELATION)
_INHIBITOR_APPOSITION = re.compile(rf"\s*(?:\([^)]*\)\s*)?(?:(?:tyrosine\s+)?kinase\s+)?(?P<kind>{_KINDS})s?\s*,?\s*(?:\([^)]*\)\s*)?"
                                   # (or one of a class named: "TNF inhibitors such as infliximab")
                                   r"(?:(?:such as|including|like)\s+)?")
# a modifier word, with its brackets: "poly(adenosine diphosphate [ADP]-ribose)", "(PARP)", "1/2"
_MOD_WORD = r"[\w\[\]()/-]+"
_IS_A_APPOSITION = re.compile(r"\s*(?:\([^)]*\))?\s*(?:,\s*(?:also called|also known as|or)\s+[\w-]+\s*,)?\s*"
    rf"(?:(?:,|is|was|are)\s+(?:a|an)\s+|(?P<paren>\()(?=[^()]*?\b(?:{_KINDS})s?\b)\s*(?:an?\s+)?)"
    # (or in parentheses: "statins (inhibitors of HMG-CoA reductase)", the kind inside them)
    rf"(?P<mods>(?:{_MOD_WORD}\s+){{0,4}}?|(?:(?!(?:for|who|which|that|of|with|in|to|the|a|an|after|than|or|by|from)\b)"
    rf"{_MOD_WORD},?\s+){{1,9}}?)"
    rf"(?P<kind>{_KINDS})s?\b", re.I)  # ("an oral, third-generation, irreversible EGFR inhibitor")
_CLASS_ADJECTIVES = re.compile(r"^(?:(?:selective|specific|highly|potent|novel|new|oral|nonsteroidal|non-steroidal|"
                               r"competitive|noncompetitive|partial|full|synthetic|reversible|irreversible|long-acting|"
                               r"short-acting|centrally|peripherally|acting)\s+)+", re.I)
_NAMED_RECEPTOR_END = re.compile(r"(?<![\w-])(?!(?:a|an|the)\s)"  # (its leading adjectives are taken off after: _CLASS_ADJECTIVES)
                                 r"(?:[\w-]+\s+){0,2}?[\w-]+\s+receptors?(?=\s*$)", re.I)
_AND_OR = re.compile(r"\s(?:and|or)\s")
_EXAMPLE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_SHARED_HEAD = re.compile(r"[a-z-]+")  # one lowercase word
_KINASE_CLASS = re.compile(r"(?:protein\s+|receptor\s+)?(?:tyrosine|serine/threonine|multi-?)?\s*kinases?", re.I)
_KINASE_WORD = re.compile(r"\s*kinase\s*")
_OF_AGAINST = re.compile(r"\s+(?:of|against|directed against|to)\s+")


def _apposition_claims(reader: ClaimReader, s: Sentence, sent: str):
    ctx = reader.ctx
    mentions = ctx.mentions_in(s.start, s.end)
    drugs = [m for m in mentions if m.concept.type == "drug"]
    targets = [m for m in mentions if m.concept.type in ("target", "biomarker")]
    text = reader.text
    out = []
    # "the (oral) mTOR inhibitor everolimus", "steroidal aromatase inhibitor exemestane"
    for t in targets:
        after = text[t.end:min(s.end, t.end + 60)]
        m = _INHIBITOR_APPOSITION.match(after)
        if m:
            if _KINASE_CLASS.fullmatch(surface(reader.text, t)) and any(
                    o.end < t.start and not text[o.end:t.start].strip() for o in targets):
                continue  # "EGFR tyrosine kinase inhibitors": EGFR's, not the class's
            d = next((x for x in drugs if x.start == t.end + m.end()), None)
            named = [d] if d is not None else []
            while named and (nxt := next((x for x in drugs if x.start > named[-1].end), None)) is not None \
                    and m.group(0).rstrip().endswith(("such as", "including", "like")) \
                    and _EXAMPLE_LIST_GAP.fullmatch(text, named[-1].end, nxt.start):
                named.append(nxt)  # "TNF inhibitors such as infliximab and adalimumab": each of them
            for d in named:
                rel = _KIND_RELATION[m.group("kind")]
                out.append((Phrase(d.concept.label, d.key, True), rel, Phrase(surface(reader.text, t), t.key),
                            Certainty.STATED, ((d.start, d.end), (t.start, t.end)), 0.9))
    # "temsirolimus, a selective inhibitor of mTOR"; "pazopanib, an oral tyrosine kinase inhibitor";
    # "sirolimus ... is an mTOR inhibitor"
    subjects = [(d.start, d.end, Phrase(d.concept.label, d.key, True)) for d in drugs]
    if ("it is a" in sent or "It is a" in sent or "it was a" in sent) and (main := reader.main_drug()) is not None:
        # "Pimavanserin takes a different route: it is a selective inverse agonist of the 5-HT2A receptor"
        subjects += [(s.start + p.start(), s.start + p.end(), Phrase(main.concept.label, main.key, True))
                     for p in _PRONOUN_BEFORE_IS_A.finditer(sent)]
    for d_start, d_end, subj in subjects:
        after = text[d_end:min(s.end, d_end + 160)]
        m = _IS_A_APPOSITION.match(after)
        if not m:
            continue
        mods_start = d_end + m.start("mods")
        kind_end = d_end + m.end()  # (after a plural kind too: "inhibitors of")
        # target named inside the modifiers: "an oral multitargeted tyrosine kinase inhibitor"
        inside = [t for t in targets if mods_start <= t.start and t.end <= d_end + m.start("kind") + 1
                  or mods_start <= t.start and _KINASE_WORD.fullmatch(text[t.end:d_end + m.start("kind")])]
        om = _OF_AGAINST.match(text[kind_end:s.end])
        specific = [t for t in inside if not _KINASE_CLASS.fullmatch(surface(reader.text, t))]
        if inside and (specific or not om):  # "an EGFR tyrosine kinase inhibitor": EGFR, not the class
            t = (specific or inside)[-1]
            rel = _KIND_RELATION[m.group("kind").lower()]  # ("an anti-CD20 antibody" targets; "an agonist" activates)
            out.append((subj, rel, Phrase(surface(reader.text, t), t.key),
                        Certainty.STATED, ((d_start, d_end), (t.start, t.end)), 0.9))
            continue
        if not inside and not om and (named := _NAMED_RECEPTOR_END.search(text, mods_start, d_end + m.start("kind"))):
            # a receptor the class name holds: "a nonsteroidal, selective mineralocorticoid receptor antagonist" (the
            # class is one drug name in the vocabularies, so no target was found inside it)
            out.append((subj, _KIND_RELATION[m.group("kind").lower()], Phrase(_CLASS_ADJECTIVES.sub("", named.group(0)), None),
                        Certainty.STATED, ((d_start, d_end), (d_end + m.start("mods"), kind_end)), 0.85))
            continue
        if om:  # "a dual tyrosine kinase inhibitor of EGFR and HER2": what it inhibits follows
            o_start = kind_end + om.end()
            o_end = _object_end(text, o_start, s.end)
            if m.group("paren") and (close := text.find(")", o_start, o_end)) != -1:
                o_end = close  # (the parentheses end what it acts on)
            o_end = max([o_end] + [t.end for t in targets if t.start < o_end < t.end  # not "programmed death| 1"
                                   or t.start == o_end + 1 and text[o_end].isspace()])  # nor "the serotonin| 5-HT2A receptor"
            rel = _KIND_RELATION[m.group("kind").lower()]
            # a list of targets ("of EGFR and HER2") is one claim each, as after a verb
            in_paren = bool(m.group("paren"))  # ("X (an antagonist of Y) or Z (...)": the list ends with the parentheses)
            objs = _objects(reader, s, sent, o_start - s.start) \
                if _AND_OR.search(text, o_start, o_end if in_paren else o_end + 80) else []
            if not objs or len(objs) > 1 and _SHARED_HEAD.fullmatch(objs[0].text) and not objs[0].key \
                    and " " in objs[-1].text:
                # (not "alkyl" from "an inhibitor of alkyl and aryl transferases": one head, two modifiers)
                objs = [o for o in [reader.phrase(o_start, o_end)] if o]
            for obj in objs:
                out.append((subj, rel, obj, Certainty.STATED, ((d_start, d_end), (o_start, o_end)), 0.85))
    return out


_LIST_AFTER_COMMA = re.compile(r",\s+(?:(?!(?:was|were|is|are|has|have|had)\b)[\w-]+\s+){0,3}(?:and|or)\s")


def _object_end(text: str, start: int, limit: int) -> int:
    m = _obj_stop(text, start, limit)
    end = m.start() if m else limit
    # "resistance to endocrine therapy, ..." - stop at the first comma that does not continue a list
    comma = text.find(",", start, end)
    if comma != -1 and not _LIST_AFTER_COMMA.match(text[comma:end]):
        end = comma
    return end


# ---------------------------------------------------------------- verb claims
_DOSE_OR_CHANGE_AFTER = re.compile(r"\s+(?:dose|doses|by\b|to\s+\d|from\s+\d|risk\b)", re.I)
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+)?(?:(?:drug|agent|inhibitor|compound)\s+)?")
_AGENT_RELATIONS = {"inhibits", "targets", "activates", "reduces", "increases", "induces", "kills", "eliminates",
                    "regulates", "stimulates", "enhances", "sensitizes", "reverses", "prevents"}
_CLASS_NOUN_BEFORE_DRUG = re.compile(r"(?:[\w-]+\s+){0,2}(?:chelator|inhibitor|antagonist|agonist|blocker|antioxidant|"
                                     r"scavenger|drug|agent|compound|antibody|analogu?e)\s+", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+(?:(?:[a-z]+ly|also|not|further|partly|partially|"
                             r"completely|totally|largely)\s+)?$", re.I)
# where the words before a hyphenated verb start: after a preposition, a conjunction, an article, a
# verb in -ed or a punctuation mark ("antagonized MAP-induced behavior": MAP)
_HYPHENATED_CAUSE_START = re.compile(
    r"[,;:(]\s*|\b(?:on|of|in|for|with|by|to|from|at|and|or|the|a|an|following|after|during|before|against|than|via|"
    r"versus|vs|but|not|without|under|over|into|as|is|are|was|were|that|which|whether|who|[a-z]+ed)\s+", re.I)
_CAUSED_BY_BEFORE = re.compile(rf"\s*(?:\([^()]*\))?\s*(?:[-‐]\s*|\s)(?:{_CAUSE_PARTICIPLES})\b", re.I)


def _caused_by_inside(text: str, drug_start: int, drug_end: int, end: int) -> bool:
    """The span goes on after the drug with its participle: "gentamicin-induced hearing loss", or
    spaced, "reduce succinylcholine induced myalgia" where the drug is in an object's slot and the
    effect follows in the span (not "Everolimus induced autophagy", nor "reserpine induced" before a verb)."""
    m = _CAUSED_BY_BEFORE.match(text, drug_end)
    if m is None or m.end() > end:
        return False
    if "-" in text[drug_end:m.end()] or "‐" in text[drug_end:m.end()]:
        return True
    return bool(text[m.end():end].strip()) and bool(_OBJECT_SLOT_BEFORE.search(text, max(0, drug_start - 40), drug_start))


_NOMINAL_CONTROLS_BEFORE = re.compile(r"\b(?:healthy|matched|normal|untreated|vehicle|saline|sham|placebo|users?|"
                                      r"non-[\w-]+)\s+$", re.I)
_NOMINAL_CONTROLS_AFTER = re.compile(r"\s*(?:[(),.;:]|$|(?:and|or|but|were|was|who|group|groups|subjects|rats|mice|"
                                     r"patients|in|at|with|versus|vs|[a-z]+ed)\b)", re.I)
_CAUSE_NOUN_BEFORE = re.compile(r"\b(?:any|a|the|common|main|leading|major|primary|possible|likely|root|underlying|"
                                r"from|other|all|cardiovascular|natural|unknown)\s+$", re.I)
_CONTROLLED_DESIGN = re.compile(r"(?:,?\s+[\w-]+){0,3}?\s+(?:trials?|stud(?:y|ies)|designs?|comparisons?|fashion|manner|"
                                r"evaluations?|analgesia|ventilation|crossover|experiments?)\b", re.I)
_ANTITUMOR_ACTIVITY = re.compile(r"antitumou?r activity of (?P<drug>[\w-]+)(?:\s*,[^,]{0,120},)?\s+in\s+(?:patients\s+with\s+)?(?P<dz>[^,;.()]+)", re.I)
_RISK_REDUCTION_WITH = re.compile(r"reduction in (?:the )?risk of (?P<what>[a-z ]+?) with (?P<drug>[\w-]+)", re.I)


_AFTER_DRUG_GIVEN = re.compile(r"\s+(?:(?:by\s+)?(?:about\s+|approximately\s+|nearly\s+)?\d+(?:\.\d+)?\s*(?:-?fold|%|percent)\s+)?"
                               r"(?:(?:significantly|markedly|slightly|further|only)\s+)?(?:after|following|upon|with|during)\s+"
                               r"(?:the\s+)?(?:(?:oral|intravenous|intrathecal|i\.v\.|acute|chronic|repeated)\s+)?"
                               r"(?:(?:administration|injection|infusion|treatment|use|intake|ingestion|pretreatment)\s+"
                               r"(?:of|with)\s+)?", re.I)
_AGENT_AFTER = re.compile(r"\s+(?:induced|caused|evoked|produced|elicited|mediated|stimulated|triggered)\s+by\b", re.I)


def _effect_after_drug(reader: ClaimReader, s: Sentence, sent: str, vs: int, drug_at: int, relation: str,
                       cert: Certainty):
    """(drug, relation, what changed) for "X decreased after administration of DRUG", the drug named
    right after and X the clause's subject before the verb; None where either is missing."""
    drug = next(iter(reader.ctx.mentions_in(s.start + drug_at, s.start + min(len(sent), drug_at + 60), ("drug",))), None)
    if drug is None or drug.start != s.start + drug_at or _CAUSED_BY_BEFORE.match(reader.text, drug.end):
        return None  # (not "increased during fenoldopam-induced hypotension": during the effect)
    left = sent[:vs]
    start = max((m.end() for m in _CLAUSE_START.finditer(left)), default=0)
    chunks = [c for c in _comma_chunks(left[start:], start) if sent[c[0]:c[1]].strip()
              and not _INDEFINITE_START.match(sent[c[0]:c[1]].strip())]
    if not chunks:
        return None
    # (the clause's last chunk, past an apposition: "Renal malondialdehyde (MDA), an index of lipid peroxidation,
    # increased 2.4-fold after cisplatin")
    start, vs = chunks[-1]
    agent = _AGENT_AFTER.search(sent, start, vs)  # "aggregation induced by ADP": the aggregation
    obj = reader.phrase(s.start + start, s.start + (agent.start() if agent else vs))
    if obj is None or _PREP_START.match(obj.text) or obj.is_drug and (
            obj.key is None or obj.key in {r.drug_key for r in reader.ctx.regimens}):
        return None  # (a substance the paper measures and never gives may change: "Renal malondialdehyde ... increased")
    return (Phrase(drug.concept.label, drug.key, True), relation, obj, cert, ((s.start + vs, s.start + drug_at),))


_BUT_NOT_BETWEEN = re.compile(r"\s*,?\s*but\s+not\s+(?:the\s+)?")
_UP_TO_VERB = re.compile(r"\s*,?\s*(?:(?:also|only|significantly|markedly|may|might|can|could|would|will)\s+)*")




def _but_not_first(reader: ClaimReader, s: Sentence, sent: str, vs: int,
                   ve: int) -> tuple[list[tuple[Phrase, Certainty]], str] | None:
    """For a verb after "A but not B": A (or the drugs listed with it) with its own certainty (read
    with "but not B" blanked), and B's key; None when no such pair stands right before the verb."""
    drugs = reader.ctx.mentions_in(s.start, s.start + vs, ("drug",))
    if len(drugs) < 2:
        return None
    a, b = drugs[-2], drugs[-1]
    if not (_UP_TO_VERB.fullmatch(sent, b.end - s.start, vs)
            and _BUT_NOT_BETWEEN.fullmatch(sent, a.end - s.start, b.start - s.start)):
        return None
    i, j = a.end - s.start, b.end - s.start
    cert = certainty_of(sent[:i] + " " * (j - i) + sent[j:], vs, ve)
    firsts = [a]  # "Allopregnanolone and pregnanolone, but not ganaxolone": both
    for d in reversed(drugs[:-2]):
        if not LIST_JOIN.fullmatch(sent, d.end - s.start, firsts[0].start - s.start):
            break
        firsts.insert(0, d)
    return [(Phrase(d.concept.label, d.key, True), cert) for d in firsts], b.key


def _verb_claims(reader: ClaimReader, s: Sentence, sent: str):
    out = []
    prev_subject: Phrase | None = None
    inside = None  # the sentence's entity spans, once a relation word is found
    for m in _relation_matches(sent):
        idx = int(m.lastgroup[1:])
        relation = RELATIONS[idx][1]
        vs, ve = m.start(), m.end()
        if inside is None:
            inside = [(x.start - s.start, x.end - s.start) for x in reader.ctx.mentions_in(s.start, s.end)]
        if any(a <= vs < b or a < ve <= b for a, b in inside):
            continue  # "target" inside "mammalian target of rapamycin"
        before = sent[:vs]
        if _ADJECTIVAL.search(before) and relation not in (
                "has antitumor activity in", "has activity against", "treats", "contributes to", "has antitumor effects",
                "has a central role in", "is the active metabolite of") and \
                not m.group(0).lower().startswith(("sensitization", "improvement", "explanation")) and \
                not (m.group(0).lower().startswith(("inhibitor", "substrate")) and _IS_A.search(before)):
            continue  # adjectival or nominal use: "the improved", "with reduced"
        if relation == "causes" and _CAUSES_NOUN_BEFORE.search(sent, max(0, vs - 20), vs):
            continue  # a noun: "death from vascular causes", "of all causes"
        if s.section == "TITLE" and m.group(0).lower().endswith("ed") and m.group(0)[:1].isupper():
            continue  # a title's participle in Title Case: "in Patients with Heart Failure and Reduced Ejection Fraction"
        if m.group(0).lower().endswith("ed") and _WITH_X_AND_BEFORE.search(sent, max(0, vs - 60), vs):
            continue  # a participle in what patients have: "patients with heart failure and reduced ejection fraction"
        if m.group(0).lower().endswith("ed") and _LISTED_BEFORE.search(sent, max(0, vs - 6), vs) \
                and _NP_THEN_VERB.match(sent, ve):
            continue  # a participle in a listed subject: "thrombocytopenia and increased aminotransferase levels were higher"
        if m.group(0).lower().startswith("inhibitor") and not _IS_A.search(before):
            continue  # "X, a selective inhibitor of Y" is read by the apposition rules
        agent = _BY_AGENT.match(sent, ve) if relation in _AGENT_RELATIONS and " by " in sent else None
        if agent and (aux := _PASSIVE_BEFORE.search(before)):
            drugs = reader.ctx.mentions_in(s.start + agent.end(), s.start + agent.end() + 60, ("drug",))
            drug = drugs[0] if drugs else None
            if len(drugs) > 1 and (not reader.text[drugs[0].end:drugs[1].start].strip() or
                                   _CLASS_NOUN_BEFORE_DRUG.fullmatch(reader.text, s.start + agent.end(), drugs[1].start)):
                drug = drugs[1]  # "by the benzodiazepine lorazepam", "by the iron chelator deferoxamine": the drug
            if drug is not None and (drugs[0].start == s.start + agent.end() or
                                     _CLASS_NOUN_BEFORE_DRUG.fullmatch(reader.text, s.start + agent.end(), drug.start)):
                # (also with its class between: "was prevented by the iron chelator deferoxamine")
                # "BTK, which is inhibited by ibrutinib", "mTOR is blocked by rapamycin": the agent's claim
                obj = _subject(reader, s, sent, aux.start(), None, relation)
                if obj is not None and obj.text[:1].isupper() and obj.text[1:2].islower():
                    obj = Phrase(obj.text[0].lower() + obj.text[1:], obj.key, obj.is_drug)  # ("Catalepsy was induced")
                if obj is not None and not obj.is_drug:
                    out.append((Phrase(drug.concept.label, drug.key, True), relation, obj, certainty_of(sent, vs, ve),
                                ((s.start + vs, s.start + ve),)))
            continue
        if relation in ("reduces", "increases") and (given := _AFTER_DRUG_GIVEN.match(sent, ve)):
            # intransitive: "platelet aggregation decreased after administration of ketoprofen" is the drug's
            # effect on the clause's subject (not "ADP reduces ketoprofen")
            claim = _effect_after_drug(reader, s, sent, vs, given.end(), relation, certainty_of(sent, vs, ve))
            if claim is not None:
                out.append(claim)
            continue
        if _DOSE_OR_CHANGE_AFTER.match(sent[ve:]) and relation != "reduces the risk of":
            continue
        if m.group(0).lower() in ("target", "targets") and (
                _TARGET_NOUN_AFTER.match(sent, ve) or _TARGET_NOUN_BEFORE.search(sent, max(0, vs - 30), vs)):
            continue  # the noun: "STAT3 remains an important target," "a promising therapeutic target for"
        if sent[ve:ve + 2].lstrip()[:1] == "(" and m.group(0).lower() in _NOUN_FORMS:
            continue  # a noun with its share: "aspartate aminotransferase increase (9%) and ..."
        if m.group(0).lower() in _EVENT_ADJECTIVES and _EVENT_SHARE_AFTER.match(sent, ve) and \
                _LIST_BEFORE.search(sent, max(0, vs - 12), vs):
            continue  # an adverse event listed with its share: "..., decreased platelet count (8%) and hypophosphataemia"
        if relation == "has activity against" and _ACTIVITY_OF_WHAT_BEFORE.search(sent, max(0, vs - 25), vs):
            continue  # "restores T-cell activity against tumors": the cells' activity, not the drug's
        if relation == "has activity against" and _INHIBITOR_WITH_BEFORE.search(sent, max(0, vs - 30), vs):
            relation = "inhibits"  # "a multikinase inhibitor with activity against RET, MET and VEGFR2": what it inhibits
        if m.group(0).lower() in ("controls", "control") and (_NOMINAL_CONTROLS_AFTER.match(sent, ve) or
                                                              _NOMINAL_CONTROLS_BEFORE.search(before)):
            continue  # the control group: "untreated hypertensive controls (n = 8)", "than in controls."
        if relation == "causes" and _CAUSE_NOUN_BEFORE.search(before):
            continue  # the noun: "death from any cause", "the main cause of"
        if relation == "regulates" and vs and sent[vs - 1] in "-‐" and _CONTROLLED_DESIGN.match(sent, ve):
            continue  # a comparator, not a regulator: "a prazosin-controlled trial", "patient-controlled analgesia"
        if _PASSIVE_BEFORE.search(before) and not m.group(0).lower().startswith(("associated", "inhibitor")) and relation in (
                "improves", "reduces", "increases", "inhibits", "targets", "induces", "affects", "regulates", "kills",
                "eliminates", "causes", "enhances", "potentiates", "sensitizes", "delays", "triggers", "prevents",
                "reverses"):
            continue  # passive: "was reduced", "were treated"
        attached = _attached_subject(reader, s, sent, vs)  # "doxorubicin (DOX)-induced cardiotoxicity"
        if attached is None and relation == "targets" and vs and sent[vs - 1] in "-‐":
            continue  # "an androgen-signaling-targeted inhibitor": what is targeted, not what targets
        if attached is not None and relation == "targets":
            # "HER2-targeted": the target is the word joined to it; the drug comes after ("the
            # HER2-targeted antitumor properties of trastuzumab"), if the clause names one
            clause_end = min((i for i in (sent.find(";", ve), sent.find(". ", ve)) if i != -1), default=len(sent))
            drug = next((x for x in reader.ctx.mentions_in(s.start + ve, s.start + min(clause_end, ve + 80), ("drug",))),
                        None)
            if drug is not None and not attached.is_drug:
                out.append((Phrase(drug.concept.label, drug.key, True), relation, attached,
                            certainty_of(sent, vs, ve), ((s.start + vs, s.start + ve),)))
            continue
        if attached is None and vs and sent[vs - 1] in "-‐":  # "mTOR inhibitors-induced": the words joined to it
            start = max((b.end() for b in _HYPHENATED_CAUSE_START.finditer(sent, 0, vs - 1)), default=0)
            subj = reader.phrase(s.start + start, s.start + vs - 1, allow_plain=False, subject=True) \
                if start < vs - 1 else None
        else:
            subj = attached or _subject(reader, s, sent, vs, prev_subject, relation)
        if subj is not None and not subj.key and _RELATIVE_BEFORE.search(sent, max(0, vs - 30), vs):
            subj = _copula_drug(reader, s, vs) or subj  # "X is an oral EGFR inhibitor that selectively inhibits"
        if subj is None:
            continue
        if attached is None:  # ("lithium-induced nephropathy ... to induce": the clause's subject, not the adjective's)
            prev_subject = subj
        cert = certainty_of(sent, vs, ve)
        if subj.text.lower().startswith("not "):
            cert = Certainty.NEGATED  # "... but not neuronal NO synthase activity reduces X"
        objs = _objects(reader, s, sent, ve, out[-1][2] if out else None, relation)
        if attached:  # an adjectival "X-induced Y" names one effect: the list after it is not its objects
            objs = objs[:1]
        objs = [Phrase(_COMPARATIVE_OF.sub("", o.text), o.key, o.is_drug) if _COMPARATIVE_OF.match(o.text) else o
                for o in objs]  # "induced a higher incidence of akathisia": the incidence of akathisia
        objs = [o for o in objs if not _NOT_AN_OBJECT.match(o.text)]
        if m.group(0).lower().startswith("associated"):
            objs = [o for o in objs if not o.is_drug]  # "thrombosis associated with prolonged oral EACA"
        if relation in ("induces", "causes", "leads to", "affects"):  # ("no effect on lidocaine-kindled seizures")
            objs = [o for o in objs if not o.is_drug and not _NOT_AN_EFFECT.fullmatch(o.text)
                    and not (relation == "leads to" and endpoint_named(o.text) == o.text)]  # "resulted in an overall response rate of 16%"
        if relation == "reduces the risk of":
            relation = "reduces"
            objs = [Phrase("risk of " + o.text, o.key) for o in objs]
        if relation == "affects" and cert != Certainty.NEGATED:
            continue  # "changed" is too vague unless negated ("did not change the pharmacokinetics")
        contrasted = _but_not_first(reader, s, sent, vs, ve) if " but not " in sent else None
        if contrasted is not None and contrasted[1] == subj.key:
            cert = Certainty.NEGATED  # "Clozapine, but not haloperidol, may reduce X": not haloperidol
        else:
            contrasted = None
        if m.group(0).lower().startswith("associated") and not subj.is_drug and _MARKER_STATUS_END.search(subj.text):
            continue  # "High PD-L1 expression was associated with longer survival": a biomarker's claim, read below
        for obj in objs:
            if relation in ("improves",) and not subj.is_drug and not subj.key:
                continue
            if subj.is_drug and obj.text.lower().startswith(f"{subj.text.lower()}-") and \
                    subj.text.lower() not in before.lower():
                continue  # "it diminished the methamphetamine-induced hyperthermia": "it" is not the inducer
            rel = "increases" if relation == "improves" and _LENGTHENED.fullmatch(obj.text) else relation
            # (a QT interval or a half-life prolonged is lengthened, not improved)
            for one in subj.each or (subj,):
                out.append((one, rel, obj, cert, ((s.start + vs, s.start + ve),)))
            if contrasted is not None:  # "Ketoprofen but not acetaminophen impaired X": ketoprofen did
                for first, first_cert in contrasted[0]:
                    out.append((first, relation, obj, first_cert, ((s.start + vs, s.start + ve),)))
    # nominal: "antitumor activity of everolimus, an mTOR inhibitor, in patients with advanced pancreatic NETs"
    low = sent.lower()  # (both nominal patterns need their words: most sentences have neither)
    for m in _ANTITUMOR_ACTIVITY.finditer(sent) if "ntitumo" in low else ():
        drug = reader.ctx.mentions_in(s.start + m.start("drug"), s.start + m.end("drug"), ("drug",))
        dz = reader.ctx.mentions_in(s.start + m.start("dz"), s.start + m.end("dz"), ("disease",))
        if drug and dz:
            out.append((Phrase(drug[0].concept.label, drug[0].key, True), "has antitumor activity in",
                        Phrase(_clean_np(m.group("dz")), dz[0].key), certainty_of(sent, m.start(), m.end()),
                        ((s.start + m.start(), s.start + m.end()),)))
    # nominal risk reductions: "a 13% reduction in the risk of death with trabectedin"
    for m in _RISK_REDUCTION_WITH.finditer(sent) if "reduction in" in low else ():
        drug = next((x for x in reader.ctx.mentions_in(s.start + m.start("drug"), s.start + m.end("drug"), ("drug",))), None)
        if drug:
            out.append((Phrase(drug.concept.label, drug.key, True), "reduces", Phrase("risk of " + m.group("what").strip()),
                        certainty_of(sent, m.start(), m.end()), ((s.start + m.start(), s.start + m.end()),)))
    return out


_SENSITIZED_TO = re.compile(r"\s+to\s+")
_ATTACHED_GAP = re.compile(r"\)?\s*(?:\([^()]*\))?\s*[-‐]$")  # (the entity may be the abbreviation: "(AAP)-")
# what an effect verb cannot act on: a drug ("haloperidol-induced catalepsy or MK-801") or the study animals
_NOT_AN_EFFECT = re.compile(r"(?:the\s+)?(?:rats?|mice|animals?|patients?|subjects?|volunteers?|dogs?|rabbits?|cats?|monkeys?|"
                            r"guinea pigs?|hamsters?|pigs?|sheep|primates?)", re.I)


# an object that is a clause or a comparison, not a noun phrase: "(can induce hepatitis and) suggests
# that ...", "(did not increase) compared to controls", "(increased) above the normal limit"
_OF_ITEM = re.compile(r"\s*of\s+")
_COMPARATIVE_OF = re.compile(r"^(?:significantly\s+)?(?:higher|lower|greater|increased|reduced)\s+(?=(?:incidence|rate|risk|"
                             r"frequency|number|levels?)\s+of\s)", re.I)
_NOT_AN_OBJECT = re.compile(r"(?:suggest|show|indicate|demonstrate|reveal|confirm)(?:s|ed)\b|"
                            r"(?:compared|relative|versus|vs\.?)(?:\s+(?:to|with))?\b|(?:above|below|beyond|during|after|before)\b|"
                            # an adjective or a pronoun alone ("cause significant and even fatal hypotension",
                            # "contribute to this"); a comparative's quantity ("associated with ... shorter latency")
                            r"(?:significant|severe|mild|moderate|serious|fatal|marked|this|that|these|those|it)$|"
                            r"(?:shorter|longer|lower|higher|fewer|less|more|smaller|larger|greater)\b|"
                            # a thought, not an effect: "has led to the idea of a dysfunction"
                            r"(?:the\s+)?(?:idea|notion|hypothesis|concept|suggestion|conclusion|view|assumption)\b|"
                            # an adverb that opens a qualification: "..., particularly in tumors harboring"
                            r"(?:particularly|especially|notably|mainly|mostly|primarily|specifically|even)$|"
                            # what "in ... with" leaves: "has shown anticancer activity in combination with copper"
                            r"(?:combination|addition|comparison|contrast|particular|general)$|"
                            # a study group ("was not found in Group PR", "in the placebo group", "in both arms")
                            r"(?:(?:the|both|all|each|either)\s+)?(?:[\w-]+\s+){0,2}(?:groups?|arms?|cohorts?)(?:\s+\w{1,4})?$|"
                            r"groups?\s+\w{1,4}$", re.I)


_RELATIVE_BEFORE = re.compile(r"\b(?:that|which)\s+(?:[a-z]+ly\s+(?:(?:and|or)\s+[a-z]+ly\s+)?)?$", re.I)
_IS_A_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:is|was|are)\s+(?:a|an)\b", re.I)


def _copula_drug(reader: ClaimReader, s: Sentence, vs: int) -> Phrase | None:
    """The drug a relative clause speaks of when the sentence defines it: "Osimertinib is an oral,
    irreversible EGFR tyrosine kinase inhibitor (EGFR-TKI) that selectively inhibits ..."."""
    for m in reversed(reader.ctx.mentions_in(s.start, s.start + vs, ("drug",))):
        if _IS_A_AFTER.match(reader.text, m.end):
            return Phrase(m.concept.label, m.key, True)
    return None


def _attached_subject(reader: ClaimReader, s: Sentence, sent: str, vs: int) -> Phrase | None:
    """The entity a verb is hyphenated to ("cisplatin-induced", "doxorubicin (DOX)-induced"): that
    entity alone is the subject, not the phrase or list around it."""
    if not vs or sent[vs - 1] not in "-‐":
        return None
    before = reader.ctx.mentions_in(s.start, s.start + vs)
    if not before or not _ATTACHED_GAP.fullmatch(sent[before[-1].end - s.start:vs]):
        return None
    m = before[-1]
    return Phrase(m.concept.label, m.key, m.concept.type == "drug")


_NP_BOUNDARY = re.compile(r"^|,\s*|(?<!\d);(?!\d)\s*|\b(?:[a-z]+ed|is|are|was|were|of|by|with|to|in|through|and|that|which|whether)\s+")


_PARENS_AND_COMMAS = re.compile(r"[\s,]*(?:\([^)]*\)[\s,]*)*")
_ARTICLE = re.compile(r"(?:the|a|an)", re.I)


def _last_np(reader: ClaimReader, s: Sentence, sent: str, end: int) -> Phrase | None:
    """The noun phrase that ends at ``end``: an entity that ends there (with the modifiers before
    it), else the words back to the nearest verb, preposition or comma."""
    head = sent[:end].rstrip(" ,")
    ending = [m for m in reader.ctx.mentions_in(s.start, s.start + len(head))
              if _PARENS_AND_COMMAS.fullmatch(head[m.end - s.start:])]
    if ending:
        m = min(ending, key=lambda x: x.start)  # "mammalian target of rapamycin (mTOR)": the long form
        if m.concept.type == "drug":
            return Phrase(m.concept.label, m.key, True)
        starts = [b.end() for b in _NP_BOUNDARY.finditer(head) if b.end() <= m.start - s.start]
        st = starts[-1] if starts else 0
        mods = head[st:m.start - s.start].strip()
        if not mods or _ARTICLE.fullmatch(mods):
            return Phrase(surface(reader.text, m), m.key)
        return reader.phrase(s.start + st, s.start + len(head), allow_plain=False, subject=True)
    starts = [b.end() for b in _NP_BOUNDARY.finditer(head) if b.end() < len(head)]
    for st in reversed(starts):
        if head[st:].strip().startswith("("):
            continue
        return reader.phrase(s.start + st, s.start + len(head), allow_plain=False, subject=True)
    return None


_PURPOSE_TO_END = re.compile(r"[\w)]\s+(?:in\s+order\s+)?to\s*$")  # ("blocks CTLA-4 to (potentiate)": the same subject's purpose)
_CONJUNCTION_END = re.compile(r"(?:,\s*|\s)(?:and|but)$")
_RELATIVE_END = re.compile(r"(?:,\s*)?\b(?:that|which|who)$")
_INDEFINITE_APPOSITION_END = re.compile(r",\s*(?:a|an)\s+(?:[a-z][\w-]*,\s*)?[^,]+$")  # (also "JQ1, a potent, cell-permeable X that")
_COPULA_INDEFINITE_END = re.compile(r"\s+(?:is|are)\s+(?:a|an)\s+[^,]+$")
_INDEFINITE_START = re.compile(r"(?:a|an)\s", re.I)
_PRONOUN = re.compile(r"it|they|this|these", re.I)


def _skip_left(left: str) -> str:
    """``left`` without the adverb, auxiliary or article it ends with (``_SKIP_LEFT``). The pattern is
    anchored at the end, so it is searched in the end only, from the start of a blank run (the
    search through every position of a long left context took 8 us a call)."""
    start = max(0, len(left.rstrip()) - _SKIP_LEFT_SPAN)
    while start > 0 and left[start - 1].isspace():
        start -= 1
    m = _SKIP_LEFT.search(left, start)
    return left[:m.start()] if m else left


def _subject(reader: ClaimReader, s: Sentence, sent: str, vs: int, prev: Phrase | None,
             relation: str = "") -> Phrase | None:
    left = sent[:vs]
    prev_len = None
    while prev_len != len(left):
        prev_len = len(left)
        left = _skip_left(left)
    left = left.rstrip()
    if not left:
        return None
    # ("thereby", "thus" before a participle are skipped above: "activated AMPK, thereby reducing")
    if prev is not None and (_CONJUNCTION_END.search(left) or prev.is_drug and _PURPOSE_TO_END.search(sent, max(0, vs - 40), vs)
                             or prev.is_drug and left.endswith(",") and sent[vs:vs + 14].split()[0].endswith("ing")):
        return prev  # coordinated verbs share their subject: "lowered X and diminished Y", "induced X, increasing Y"
    if left.endswith(",") and relation == "is the active metabolite of":
        # an apposition: "sirolimus, the active metabolite of temsirolimus"
        return _last_np(reader, s, sent, len(left) - 1)
    # relative clause: "mTOR, a kinase that controls", "an epithelial-to-mesenchymal transition (EMT), which gave rise to"
    rel = _RELATIVE_END.search(left)
    if rel:
        head = left[:rel.start()].rstrip(" ,")
        appos = _INDEFINITE_APPOSITION_END.search(head)
        if appos:  # "mTOR, a kinase that": the entity before the apposition
            return _last_np(reader, s, sent, appos.start())
        copula = _COPULA_INDEFINITE_END.search(head)
        if copula:  # "pembrolizumab is an antibody ... that has": the drug the sentence is about
            drug = _drug_named_alone(reader, s, sent[:copula.start()])
            if drug is not None:
                return drug
        return _last_np(reader, s, sent, len(head))
    clause_start, previous = 0, 0
    for m in _CLAUSE_START.finditer(left):
        previous, clause_start = clause_start, m.end()
        last_word = m.group(0).lower()
    if clause_start and last_word in ("that", "which") and _REL_RE.match(left, clause_start + 1) and \
            _INDEFINITE_APPOSITION_END.search(left, previous, clause_start - len(last_word)):
        # "Bardoxolone methyl, an oral triterpenoid that activates Nrf2 (...), raises eGFR": the relative clause
        # belongs to the apposition, and the sentence's subject stands before it
        clause_start = previous
    segment = left[clause_start:]
    chunks = _comma_chunks(segment, clause_start)
    # closest chunk first; skip appositions ("a synthetic inhibitor of ...") and leading PPs
    for c_start, c_end in reversed(chunks):
        chunk = sent[c_start:c_end].strip()
        if _PARTICIPLE_APPOSITION.match(chunk):
            continue  # "Pioglitazone, widely used to treat type 2 diabetes, has been linked to": the drug
        if not chunk or _INDEFINITE_START.match(chunk) or _PREP_START.match(chunk):
            if chunk and _PREP_START.match(chunk) and c_start == chunks[-1][0]:
                # "In the final PFS analysis, trabectedin" -> the next chunk; here nothing is left
                continue
            continue
        offset = c_start + (len(sent[c_start:c_end]) - len(sent[c_start:c_end].lstrip()))
        i = chunks.index((c_start, c_end))
        appos = next((k for k in range(i - 1, 0, -1) if _INDEFINITE_START.match(sent[chunks[k][0]:chunks[k][1]].strip())), None)
        # (the apposition goes on past a comma after its first adjective: "Finerenone, a nonsteroidal, selective
        # mineralocorticoid receptor antagonist, reduced albuminuria")
        adjective_only = appos == i - 1 and len(sent[chunks[appos][0]:chunks[appos][1]].split()) <= 2
        if appos is not None and (adjective_only or not reader.ctx.mentions_in(s.start + c_start, s.start + c_end, ("drug",))) and \
                (drug := _drug_named_alone(reader, s, sent[:chunks[appos - 1][1]])) is not None:
            # "Imatinib mesylate, an inhibitor of BCR-ABL, KIT and PDGFR tyrosine kinases, is metabolized": the list
            # ends the apposition; the drug before it is the subject
            return drug
        if i > 0 and _COMBINATION_BEFORE_APPOSITION.match(sent[chunks[i - 1][0]:chunks[i - 1][1]].strip()):
            # "The combination of metformin and a chemotherapeutic agent, doxorubicin, kills": both drugs
            first = reader.ctx.mentions_in(s.start + chunks[i - 1][0], s.start + chunks[i - 1][1], ("drug",))
            this = reader.ctx.mentions_in(s.start + c_start, s.start + c_end, ("drug",))
            if first and this:
                return reader.combo_phrase([first[0], this[0]])
        if _PRONOUN.fullmatch(chunk) and relation not in (  # (what a drug, the paper's "it", does)
                "sensitizes", "enhances", "improves", "reduces", "inhibits", "potentiates", "delays", "prolongs",
                "prevents", "kills", "eliminates", "activates", "targets", "reverses", "protects against"):
            return None
        return reader.phrase(s.start + offset, s.start + c_end, allow_plain=False, subject=True)
    return None


_PARTICIPLE_APPOSITION = re.compile(r"(?:[a-z]+ly\s+)?(?:used|approved|known|isolated|derived|marketed|licensed|indicated|"
                                    r"developed|designed|given|prescribed)\b(?!\s+(?:to|with)\s+(?:a|an|the)\b)")
_COMBINATION_BEFORE_APPOSITION = re.compile(r"(?:the\s+)?combination\s+of\s+\S.*?\s+(?:and|with|plus)\s+(?:a|an|the)\s+[\w\s-]+$",
                                            re.I)


def _drug_named_alone(reader: ClaimReader, s: Sentence, left: str) -> Phrase | None:
    """The drug ``left`` (a clause's subject) consists of: "Pembrolizumab", "The drug sorafenib",
    not "A serious complication of ethambutol"."""
    start = max([0] + [m.end() for m in _CLAUSE_START.finditer(left)])
    drugs = reader.ctx.mentions_in(s.start + start, s.start + len(left), ("drug",))
    if not drugs:
        return None
    d = drugs[-1]
    lead = left[start:d.start - s.start].strip()
    tail = left[d.end - s.start:].strip()
    if len(lead.split()) > 2 or " of" in f" {lead}" or tail and not _PARENTHESES.fullmatch(tail) \
            and not is_salt_form(tail):
        return None
    return Phrase(d.concept.label, d.key, True)


def _comma_chunks(segment: str, base: int) -> list[tuple[int, int]]:
    chunks = []
    pos = 0
    depth = 0
    for i, ch in enumerate(segment):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            chunks.append((base + pos, base + i))
            pos = i + 1
    chunks.append((base + pos, base + len(segment)))
    return chunks


_PLACE_AFTER_IN = re.compile(r"(?:patients|mice|rats|women|men|children|vitro|vivo|the|a|an|both|all|this|these|\d)\b", re.I)
_COMPARED_WITH = re.compile(r",?\s+(?:as\s+)?(?:compared\s+(?:with|to)|versus|vs\.?|relative\s+to)\s", re.I)
_CAUSES_NOUN_BEFORE = re.compile(r"\b(?:from|of|all|any|other|natural|unknown|vascular|cardiovascular|non-?cardiovascular|"
                                 r"renal|cardiac|external|underlying|root|multiple|several|possible|common)\s+$", re.I)
_WITH_X_AND_BEFORE = re.compile(rf"\b(?:{PEOPLE_WORDS}|people|those)\s+with\s+"
                                r"(?:[\w-]+\s+){1,4}and\s+(?:an?\s+)?$", re.I)
_ENDPOINT_LEAD = re.compile(r"(?:(?:the\s+)?(?:risks?|odds|likelihood)\s+(?:of|for)\s+)?(?:an?\s+|the\s+)?(?:first\s+)?",
                            re.I)
_OBJECT_LEAD = re.compile(r"\s*(?:the\s+|a\s+|an\s+|their\s+|its\s+|both\s+|significantly\s+|only\s+)*", re.I)
_PRONOUN_OBJECT = re.compile(r"(?:it|them)\b")
_LEVEL_OF = re.compile(r"(?:(?:loss of )?expression|levels?|concentrations?) of\b", re.I)
_PATIENTS_WITH_START = re.compile(r"(?:(?:selected|eligible|adult|previously treated)\s+)?(?:patients|women|men|adults|children)\s+with\s+", re.I)
_OBJECT_STOP = re.compile(r"\s+(?:who|that|whose|after|and who|which)\b|[,;.(]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_GERUND_PHRASE = re.compile(r"\s*[a-z]+ing\s+(?:a|an|the|about|to|up|out|its|their)\b")
_LIST_CONNECTIVE_START = re.compile(r"\s*(?:including|such as|e\.g\.|that|and|or|which|who)\b", re.I)
_CLAUSE_SUBJECT_START = re.compile(r"\s*(?:we|they|our|it|this|these|those)\s", re.I)
_SHORT_WORD_START = re.compile(r"\s*(?:a|an|to|with|in|for|of|by|as|at)\b", re.I)
_LENGTHENED = re.compile(r"(?:(?:the|corrected)\s+)?(?:QTc?|PR|QRS)(?:\s+interval)?|(?:(?:elimination|terminal|plasma)\s+)?"
                         r"half-li(?:fe|ves)(?:\s+of\s+[\w-]+)?|bleeding time|prothrombin time", re.I)
_ADVERB_LEAD = re.compile(r"^(?:[a-z]+ly|so|thus|thereby|hence)\s+(?=[a-z])")
_APPOSITION_START = re.compile(r"\s*(?:a|an|the)\s", re.I)


def _objects(reader: ClaimReader, s: Sentence, sent: str, ve: int, prev_object: Phrase | None = None,
             relation: str = "") -> list[Phrase]:
    rest = sent[ve:]
    lead = _OBJECT_LEAD.match(rest)
    start = ve + (lead.end() if lead else 0)
    if relation == "improves" and sent.startswith("in ", start) and \
            sent[ve - 2:ve] == "ed" and not _PLACE_AFTER_IN.match(sent, start + 3):
        start += 3  # "patients taking sirolimus also improved in forced vital capacity": what improved
    if _PRONOUN_OBJECT.match(sent[start:]) and prev_object is not None:
        if sent[start:start + 4].lower() == "them" and " of " in prev_object.text:
            # "promotes the assembly of microtubules and stabilizes them": the things, not their assembly
            return [Phrase(prev_object.text.rsplit(" of ", 1)[1])]
        return [Phrase(prev_object.text, prev_object.key)]  # "salinomycin reduced it"
    if _LEVEL_OF.match(sent[start:]):
        return []  # a marker change: a biomarker claim, not a mechanism
    pw = _PATIENTS_WITH_START.match(sent[start:])
    if pw:  # "a treatment option for patients with metastatic soft tissue sarcoma": the disease
        d_start = start + pw.end()
        stop = _OBJECT_STOP.search(sent[d_start:])
        d_end = d_start + (stop.start() if stop else len(sent) - d_start)
        diseases = reader.ctx.mentions_in(s.start + d_start, s.start + d_end, ("disease",))
        if diseases:
            return [Phrase(_clean_np(sent[d_start:d_end]), diseases[0].key)]
        return []
    # parentheticals ("cancer stem cell (CSC) population") never end an object: search a blanked copy
    sent = _BRACKETED.sub(lambda x: " " * len(x.group(0)), sent)
    # allow "decline in lung function": a change noun keeps its "in" complement
    m = _obj_stop(sent, start)
    while m and m.group(0)[:1].isspace() and (digit := m.group(0).strip()[:1]) and (digit.isdigit() or digit in "-−"):
        # a number inside a name does not end the object: "4E-BP1", "lipoprotein receptor-related protein 6"
        named = [x for x in reader.ctx.mentions_in(s.start + start, s.end) if x.start < s.start + m.end() <= x.end]
        if not named:
            enzyme = _NUMBERED_ENZYME.match(sent, m.start())  # "lanosterol 14α-demethylase": an enzyme's name
            if enzyme is None:
                break
            m = _obj_stop(sent, enzyme.end())
            continue
        m = _obj_stop(sent, named[0].end - s.start)
    end = m.start() if m else len(sent)
    first_word = sent[start:end].split(" ", 1)[0] if sent[start:end] else ""
    if m and _CHANGE_NOUN.match(first_word) and sent[m.start():m.start() + 4].strip() == "in":
        m2 = _obj_stop(sent, m.end())
        end = m2.start() if m2 else len(sent)
    lead_in = _ENDPOINT_LEAD.match(sent, start)  # ("the risk of a first hospitalization for heart failure")
    named = endpoint_span(sent, lead_in.end())
    if (named is None or named <= end) and (alt := sent.find(" or ", start, end)) > 0:
        named = endpoint_span(sent, alt + 4)  # a composite's last endpoint: "... or death from cardiovascular causes"
    if named and named > end:
        end = named  # "reduced hospitalization for heart failure": an endpoint's name is one object
    if relation == "sensitizes" and (to := _SENSITIZED_TO.search(sent, start, end)):
        end = to.start()  # "sensitizes tumor cells to gemcitabine": the cells are sensitized
    span = sent[start:end]
    # "the incidence and severity of propofol injection pain": two measures of one object
    # ("the interaction between von Willebrand factor and platelets" is one thing)
    items = [(0, len(span))] if _TWO_MEASURES_OF.match(span) or _BETWEEN_PAIR.match(span) else _split_list(span)
    phrases: list[Phrase] = []
    for n_item, (i_start, i_end) in enumerate(items):
        item = span[i_start:i_end]
        if phrases and _REL_RE.match(_ADVERB_LEAD.sub("", _DET.sub("", item.strip()))):  # a verb: the next claim starts
            break  # "eliminated X and inhibited Y", "binds p53 and negatively regulates": the next verb starts its own claim
        if _LIST_CONNECTIVE_START.match(item) or _CLAUSE_SUBJECT_START.match(item):
            break  # examples and new clauses ("..., we next demonstrated") are not further objects
        if phrases and _GERUND_PHRASE.match(item):
            break  # a second predicate: "inhibits protein synthesis as well as bringing about a disturbance"
        if phrases and _OF_ITEM.match(item) and sent[:ve].endswith(" of"):
            i_start += _OF_ITEM.match(item).end()  # "a lower rate of X and of Y": Y too
            item = span[i_start:i_end]
        elif phrases and _SHORT_WORD_START.match(item):
            break  # an apposition ("mTOR, a kinase") or a prepositional phrase ends the list
        stop_after = False
        if _VERBISH.search(item):
            if phrases:
                break  # ", and global gene expression analysis showed ...": a new clause
            cut = _VERBISH.search(item).start()
            i_end = i_start + cut
            if i_end <= i_start:
                break
            stop_after = True
        p = reader.phrase(s.start + start + i_start, s.start + start + i_end)
        if p is not None:  # "reduced blood pressure significantly", "a response rate of (16%)", "NMDA receptors)"
            # (and a pathway is what is inhibited, not its activity: "inhibits Hedgehog pathway activity")
            p = Phrase(_PATHWAY_ACTIVITY.sub(r"\1", _without_loose_end(p.text)), p.key, p.is_drug)
        if p is not None and p.is_drug and phrases and n_item + 1 < len(items) and \
                _APPOSITION_START.match(span, items[n_item + 1][0]):
            break  # "Sofosbuvir, an inhibitor of NS5B polymerase, and velpatasvir, an inhibitor of NS5A": a new subject
        if p is not None and 0 < len(p.text.split()) <= 8 and _A_WORD.search(p.text):  # (not "> or =")
            phrases.append(p)
        if stop_after:
            break
    _share_heads(phrases)
    _share_of_head(phrases)
    _drop_shared_complement(phrases)
    return phrases


_TRAILING_PREPOSITION = re.compile(r"(?:\s+(?:of|to|in|with|for|by|at|from|and|or|within|after|before|during|over|into|"
                                   r"than|upon|via|through))+$", re.I)


def _without_loose_end(text: str) -> str:
    """An object without what the cut left hanging: an adverb, a preposition, an unopened bracket."""
    prev = None
    while prev != text:  # "relapse much more effectively", "apoptosis within"
        prev = text
        text = _TRAILING_PREPOSITION.sub("", _TRAILING_ADVERB.sub("", text))
    return text[:-1].rstrip() if text.endswith(")") and text.count(")") > text.count("(") else text
_A_WORD = re.compile(r"\b(?!(?:or|and|to|of|in|by)\b)[A-Za-z]{2,}")
_TRAILING_ADVERB = re.compile(r"(?<=\w)\s+(?:(?:more|less)\s+(?:effectively|efficiently|potently|strongly|rapidly|"
                              r"markedly)|significantly|markedly|dramatically|slightly|substantially|strongly|"
                              r"further|only|also|again|even|effectively|efficiently|potently|much|far|greatly|"
                              r"considerably|completely|partially|selectively)$", re.I)
_LIST_SEPARATOR = re.compile(r",\s*(?:and|or)\s+|,\s+|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+")


def _split_list(span: str) -> list[tuple[int, int]]:
    parts = []
    pos = 0
    for m in _LIST_SEPARATOR.finditer(span):
        if m.group(0).strip() == "or" and _OR_INSIDE_A_NAME.search(span[pos:m.start()] + " |" + span[m.end():]):
            continue  # "risk of disease progression or death", "grade 3 or higher", "thermal or chemical stimulation"
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(span)))
    # a single " and " inside a name ("initiate and sustain", "bone and soft tissue") stays when items would be bare adjectives
    return [(a, b) for a, b in parts if span[a:b].strip()]


# where " or " joins parts of one name, not two objects (tested on "LEFT |RIGHT")
_OR_INSIDE_A_NAME = re.compile(r"\b(?:risks?|rates?|incidences?|odds|time|freedom)\s+(?:of|to)\b.* \||\d \||"
                               r"^(?:\S+\s+)*?[a-z-]{2,}(?:ic|ive|ous|ary|al) \||^\S+ \|(?!\s*\S+\s*$)|"
                               r"\| *(?:higher|greater|more|above|worse|less|lower|death|mortality)\b|"
                               r"\b(?:death|progression|relapse|recurrence) \|", re.I)  # (a composite endpoint)
_SURVIVAL_MODIFIER_END = re.compile(r"(?:-free|free|overall|objective)$")


_ORDINAL = re.compile(r"first|second|third|fourth|fifth|sixth|[1-9](?:st|nd|rd|th)|N-terminal|C-terminal", re.I)


def _share_heads(phrases: list[Phrase]) -> None:
    """"progression-free and overall survival": the first item borrows the shared head noun."""
    if len(phrases) < 2:
        return
    last = phrases[-1].text.split()
    head = last[-1]
    for p in phrases[:-1]:
        if _SURVIVAL_MODIFIER_END.search(p.text):
            p.text = f"{p.text} {head}"
            for cut, canon in _ENDPOINT_RE:
                if cut.fullmatch(p.text):
                    p.text = canon or _clean_measure(p.text)
                    break
        elif len(last) > 1 and _ADJECTIVE.fullmatch(p.text.split()[-1]) and len(p.text.split()) <= 2 and \
                _ADJECTIVE.fullmatch(last[0]):
            # "a cholinergic and a serotonergic memory deficit", "renal and hepatic toxicity"
            p.text = " ".join([p.text, *last[1:]])
        elif len(last) > 1 and _COMPOUND_ADJECTIVE.fullmatch(p.text):
            # "EGFR-TKI-sensitizing and EGFR T790M resistance mutations": the mutations of both
            p.text = f"{p.text} {head}"
        elif len(last) > 1 and _ORDINAL.fullmatch(p.text) and _ORDINAL.fullmatch(last[0]):
            # "the first and second bromodomains of BRD4": the bromodomains of BRD4, both
            p.text = " ".join([p.text, *last[1:]])


def _share_of_head(phrases: list[Phrase]) -> None:
    """"phosphorylation of AKT and ERK": the names after the first share its head."""
    head = _OF_HEAD.match(phrases[0].text) if len(phrases) > 1 else None
    if head is None:
        return
    for p in phrases[1:]:
        if len(p.text.split()) <= 2 and " of " not in f" {p.text} " and not _OF_HEAD.match(p.text):
            p.text = f"{head.group('head')}{p.text}"


_OF_HEAD = re.compile(r"(?P<head>(?:phosphorylation|expression|activation|activity|levels?|secretion|production|"
                      r"release|degradation|transcription|synthesis|nuclear translocation) of )(?:the )?", re.I)
_ADJECTIVE = re.compile(r"[a-z-]{2,}(?:ic|ergic|ive|ous|ary|[nrct]al)")  # (not "self-renewal", "survival")
_COMPOUND_ADJECTIVE = re.compile(r"[\w-]+-(?:[a-z]+ing|[a-z]+ed|positive|negative|resistant|sensitive|dependent)")


_OF_CELLS = re.compile(r" of .*\b(?:cells|CSCs|tumou?rs)\b")


def _drop_shared_complement(phrases: list[Phrase]) -> None:
    """"self-renewal, proliferation and invasive capacity of X cells": the last item's complement belongs to all."""
    if len(phrases) >= 2 and _OF_CELLS.search(phrases[-1].text) and \
            all(" of " not in p.text for p in phrases[:-1]):
        phrases[-1].text = phrases[-1].text.split(" of ")[0]


# ---------------------------------------------------------------- endpoint-first negations
_ENDPOINT_NEG = re.compile(
    r"(?P<ep>overall survival|progression-free survival|\bOS\b|\bPFS\b|(?<![\w-])survival(?: gain| benefit)?|"
    r"(?:objective |overall )?response rate)"
    r"(?P<mid>(?:[^.;]|\.\d){0,80}?)\b(?:did not differ|was not significantly (?:longer|different|improved|better|prolonged)|"
    r"(?:is|was) not significant|did not reach (?:statistical )?significance|were similar|was similar|did not improve)", re.I)


_CHANGES_NEG = re.compile(r"\bchanges? in (?P<list>[^;.]+?)\s+did not (?:differ|change|improve)", re.I)


_OTHER_CLAUSE = re.compile(r"\b(?:whereas|while|but|although)\b", re.I)
_NEGATION_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?(?:in\s+)?|\s+and\s+(?:in\s+)?")
_WITH_DRUG = re.compile(rf"\bwith\s+({COMBINATION}|{DRUG_ANAPHORA}|[\w-]+)", re.I)


def _endpoint_negations(reader: ClaimReader, s: Sentence, sent: str):
    out = []
    lower = sent.lower()
    if " not " not in lower and "similar" not in lower:
        return out  # both patterns need one of these words
    d = reader.main_drug()
    for m in _CHANGES_NEG.finditer(sent):
        if d is None:
            break
        for item in _NEGATION_LIST_SEPARATOR.split(m.group("list")):
            name = _clean_np(item)
            if name and len(name.split()) <= 10:
                out.append((Phrase(d.concept.label, d.key, True), "improves", Phrase(name), Certainty.NEGATED))
    for m in _ENDPOINT_NEG.finditer(sent):
        ep = m.group("ep")
        name = next((canon or _clean_measure(x.group(0)) for cut, canon in _ENDPOINT_RE for x in [cut.search(ep)] if x),
                    ep.lower())
        mid = m.group("mid")
        if _OTHER_CLAUSE.search(mid):
            continue  # the endpoint of another clause: "extended overall survival ..., whereas X did not improve"
        subj = None
        cm = _WITH_DRUG.search(mid)
        if cm:
            subj = reader.phrase(s.start + m.start("mid") + cm.start(1), s.start + m.start("mid") + cm.end(1))
        if subj is None and reader.main_drug() is not None:
            d = reader.main_drug()
            subj = Phrase(d.concept.label, d.key, True)
        if subj is not None:
            out.append((subj, "improves", Phrase(name), Certainty.NEGATED))
    return out


# "progression-free survival was significantly longer with gefitinib": after an endpoint, the drug improves it
_BETTER_WITH = re.compile(
    r"\s+(?:\([A-Z]{2,4}\)\s+)?(?:was|were)\s+(?:also\s+)?(?:significantly\s+|markedly\s+|substantially\s+|"
    r"statistically significantly\s+)?(?P<dir>longer|prolonged|improved|better|higher|greater|increased|shorter|lower|"
    r"reduced|worse)\s+(?:with|in|among|for)\s+(?:the\s+)?(?:patients\s+(?:receiving|treated with|given|assigned to)\s+)?",
    re.I)


_CLASS_NOUN_BETWEEN = re.compile(r"-[a-z]+ing\s+(?:drug|agent|medication|compound|therapy|treatment)\s+", re.I)
_COMBO_JOIN = re.compile(r"\s*[-/]\s*|\s+plus\s+|\s+and\s+(?=\S+\s+(?:than|compared|versus|vs)\b)", re.I)


def _endpoint_with_drug(reader: ClaimReader, s: Sentence, sent: str):
    out = []
    for ep in endpoint_matches(sent):
        if (m := _BETTER_WITH.match(sent, ep.end())) is None:
            continue
        drugs = reader.ctx.mentions_in(s.start + m.end(), s.start + m.end() + 60, ("drug",))
        if not drugs or drugs[0].start != s.start + m.end():
            continue  # (the drug right after: not "longer in patients with EGFR mutations")
        if len(drugs) > 1 and _COMBO_JOIN.fullmatch(reader.text, drugs[0].end, drugs[1].start):
            subj = reader.combo_phrase(drugs[:2])  # "with carboplatin-paclitaxel", "with palbociclib plus letrozole"
        else:
            subj = reader.phrase(drugs[0].start, drugs[0].end)
        if subj is None or subj.text.lower() == "placebo":
            continue
        up = m.group("dir").lower() in ("longer", "prolonged", "improved", "better", "higher", "greater", "increased")
        name = _ENDPOINTS[int(ep.lastgroup[1:])][1] or _clean_measure(ep.group(0))
        # (an efficacy endpoint is improved; adverse events are increased: "grade 3 or higher adverse events were
        # higher with lapatinib plus capecitabine")
        relation = ("increases" if up else "reduces") if _NOT_ENDPOINT.search(name) else ("improves" if up else "reduces")
        out.append((subj, relation, Phrase(name), certainty_of(sent, m.start("dir"), m.end("dir"))))
    return out


# ---------------------------------------------------------------- biomarkers
def _change_of(text: str) -> str | None:
    for rx, canon in _CHANGE_RE:
        if rx.search(text):
            return canon
    return None


def _marker_phrase(reader: ClaimReader, m: EntityMention) -> Phrase:
    """A marker is named as the text does, its abbreviation when one is defined right after it
    (cells in the plural: "circulating tumor cell levels" count circulating tumor cells)."""
    name = surface(reader.text, m)
    if m.concept.type == "cell_population" and m.concept.label.lower() == f"{name.lower()}s":
        name = m.concept.label
    return Phrase(name, m.key)


_NOT_ASSOCIATED = re.compile(r"\bnot (?:significantly )?(?:associated|correlated)\b|\bno (?:significant )?"
    r"(?:association|correlation)\b", re.I)
# (also an alteration and what it predicts: "KRAS mutations were associated with resistance", "PIK3CA
# mutation status did not predict benefit from everolimus")
_MARKER_STATUS_AFTER = re.compile(rf"\s*(?:\([^)]*\)\s*)?(?:{_MARKER_NOUNS}\s+|(?P<alt>(?:mutation|alteration|amplification|"
    r"deletion|fusion)s?\s+)?(?:status\s+)?|positivity\s+|(?P<resp>response)\s+)?"
    # where or when it was measured: "High SPARC expression in the tumor stroma was correlated with", "Higher Ki67
    # expression after 2 weeks of endocrine therapy was associated with"
    r"(?:(?:in|after|at|before|during|on|among)\s+(?:[\w-]+\s+){1,6}?)?"
    r"(?:(?:was|were|is|are)\s+(?P<neg>not\s+)?(?:likewise\s+|also\s+)?(?:significantly\s+|strongly\s+|independently\s+)?"
    r"(?:associated\s+with|correlated\s+with|predictive\s+of|linked\s+to|"
    # "is a strong predictor of a better outcome with gefitinib", "is a marker of poor prognosis"
    r"(?:an?|the)\s+(?:(?:strong|significant|independent|powerful|useful|reliable|poor|novel|potential|prognostic|"
    r"predictive|most|best|only|strongest|pretreatment|baseline|main|major|key|important|early)\s+)*(?:predictors?|(?P<marker>(?:bio)?markers?|indicators?))\s+(?:of|for))|"
    r"(?P<neg2>did\s+not\s+|does\s+not\s+|do\s+not\s+)?(?:(?:usually|may|might|could|can)\s+)?predict(?:s|ed)?|"
    r"(?:significantly\s+|strongly\s+|inversely\s+)?correlated\s+with)\s+(?P<obj>[^;.]+)", re.I)
# a second predicate on the same marker: "correlated with poor prognosis and was associated with high grade, ..."
_AND_ALSO_ASSOCIATED = re.compile(r"\s+and\s+(?:was|were|is|are)\s+(?:also\s+)?(?:significantly\s+)?"
                                  r"(?:associated|correlated)\s+with\s+", re.I)
# where the associated things end: a new clause ("..., whereas SPARC expression in the tumor cells was not")
_ASSOCIATED_END = re.compile(r",?\s+(?:whereas|while|but|although|though|which|than|compared|versus|vs|ahead of|followed by|"
                             r"regardless of|irrespective of|independent(?:ly)? of)\b|"
                             r",\s+(?:and\s+)?(?:we|it|this|these|the|those|in|among|as|a|an|P|p)\b")
_ASSOCIATED_WITH_BEFORE = re.compile(r"\s(?:was|were|is|are)\s+(?P<neg>not\s+)?(?:significantly\s+|strongly\s+|independently\s+)?"
                                     r"(?:associated|correlated)\s+with\s+(?:the\s+)?(?:tumou?r\s+)?$", re.I)
# a marker's status as what something depends on ("associated with KRAS mutation status"), not the marker acting
_STATUS_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:(?P<alt>mutation|mutational)\s+status|(?:expression|positivity)\s+status|"
                           r"status)\b", re.I)
# (the context of an association, not a part of it; "response to ibrutinib" keeps its drug)
_ASSOCIATED_CONTEXT = re.compile(r"\s+(?:in|among|after|before|at|during)\s")
_OF_ONE_WORD_END = re.compile(r"\bof\s+[\w-]+$")
_MARKER_STATUS_END = re.compile(rf"\b(?:{_MARKER_NOUNS}|(?:mutation|alteration|amplification|deletion|fusion)s?|status|"
                                r"positivity)$", re.I)
_LEVEL_BEFORE = re.compile(r"\b(?:high|low)(?=\s+(?:(?:baseline|serum|plasma|tumou?r)\s+)?$)", re.I)
_CONTEXT_PREPOSITION = re.compile(r"\s+(?:in|among|after|before|at|during|to)\s")
_ASSOCIATION_BETWEEN = re.compile(r"\b(?:correlation|association|relationship|link)s?\s+between\s+(?P<a>[^,;]+?)\s+and\s+"
    r"(?P<b>[^,;.]+?)(?=,|;|\.|$)", re.I)
_CHANGE_OF = re.compile(r"\b(?:inhibition|activation|loss|suppression)\s+of\b", re.I)
_AUXILIARY = re.compile(r"\s+(?:was|were|is|are|has|have|had)\b", re.I)
_CHANGE_IN_LIST = re.compile(rf"\b(?P<chg>\w+)\s+(?:the\s+)?(?:of\s+)?(?:{_MARKER_NOUNS}\s+)?(?:of|in)\s+(?=(?P<list>[^;.]+))", re.I)
_MEANS_BEFORE = re.compile(r"\b(?:with|combining|using|by|after|following)\s+$", re.I)
_MARKER_OR_CHANGE = re.compile(_MARKER_NOUNS + r"|overexpression|increases?|elevations?|decreases?|reductions?|loss", re.I)
_GENES_PHRASE = re.compile(r"((?:[\w-]+\s+){0,3}genes)\b")
_CHANGE_AFTER = re.compile(rf"\s*(?:\([^)]*\)\s*)?(?:{_MARKER_NOUNS}\s+)?(?:to be\s+|was\s+|were\s+|is\s+)?"
                           r"(?:(?:also|further|significantly|markedly|likewise)\s+)?(?P<chg>\w+)", re.I)
# (each search starts its word at a word boundary: a match never starts inside a word, and the
# boundary test spares the engine a run of \w+ at every letter of a left context)
_CHANGE_BEFORE = re.compile(rf"\b(?P<chg>\w+)\s+(?:{_MARKER_NOUNS}\s+of\s+)$|\b(?P<chg2>\w+)\s+$", re.I)
# (with the marker's modifiers: "Levels of high-sensitivity cardiac troponin T ... declined")
_MARKER_NOUNS_OF_END = re.compile(rf"{_MARKER_NOUNS}\s+of\s+(?:(?:the\s+)?[a-z][\w-]*\s+){{0,3}}$", re.I)
_MARKER_OR_TO_BE = re.compile(rf"{_MARKER_NOUNS}|to be|overexpress", re.I)
_MARKER_NOUN = re.compile(_MARKER_NOUNS, re.I)


@lru_cache(maxsize=256)
def _sentence_certainty(sent: str) -> Certainty:
    """A whole sentence's certainty, read when a biomarker claim is found (most sentences with a
    marker state none)."""
    return Certainty.NEGATED if _NOT_ASSOCIATED.search(sent) else \
        (Certainty.HYPOTHESIS if _HEDGE_RE.search(sent) else Certainty.STATED)


def _associated_things(reader: ClaimReader, s: Sentence, sent: str, start: int) -> tuple[list[Phrase], int]:
    """What a marker is associated with, from ``start`` to the clause's end: one or a list ("with high
    histological grade, ERBB2 overexpression and absence of estrogen receptor expression"), and a second
    predicate's list ("correlated with poor prognosis and was associated with ..."); and where they end."""
    blank = _BRACKETED.sub(lambda x: " " * len(x.group(0)), sent)  # (parentheses neither end nor split a list)
    stop = _ASSOCIATED_END.search(blank, start)
    end = stop.start() if stop else len(sent)
    spans = []
    for part in _split_at(_AND_ALSO_ASSOCIATED, blank, start, end):
        cut = _ASSOCIATED_CONTEXT.search(blank, part[0], part[1])  # "response to ibrutinib in patients with ..."
        spans.append((part[0], cut.start() if cut else part[1]))
    out: list[Phrase] = []
    for a, b in spans:
        items = _split_list(blank[a:b])
        merged: list[tuple[int, int]] = []
        for i, j in items:
            if merged and _OF_ONE_WORD_END.search(sent[a + merged[-1][0]:a + merged[-1][1]]) and len(sent[a + i:a + j].split()) > 1:
                merged[-1] = (merged[-1][0], j)  # "absence of estrogen and progesterone receptor expression": one
            else:
                merged.append((i, j))
        for n, (i, j) in enumerate(merged):
            if n and _VERBISH.search(sent, a + i, a + j):
                break  # a new clause, not a further thing associated
            p = _associated_phrase(reader, s, sent, a + i, a + j)
            if p is not None:
                out.append(p)
    _share_heads(out)  # "an independent predictor of progression-free and overall survival": both survivals
    return out, end


def _associated_phrase(reader: ClaimReader, s: Sentence, sent: str, a: int, b: int) -> Phrase | None:
    """One thing a marker is associated with, sentence offsets [a, b): an outcome with a drug stays the
    outcome ("a better outcome with gefitinib"), a target's change stays the change ("ERBB2 overexpression")."""
    p = reader.phrase(s.start + a, s.start + b)
    if p is not None and p.is_drug and not _JUST_THE_DRUG.fullmatch(
            sent, a, _first_drug_start(reader, s.start + a, s.start + b, a + s.start) - s.start):
        p = Phrase(_clean_np(sent[a:b]))  # (and "absence of estrogen and progesterone receptor expression")
    elif p is not None and not p.is_drug and p.key and _CHANGED_TARGET.match(sent, a, b):
        p = Phrase(_clean_np(sent[a:b]), p.key)
    return p if p is not None and p.text else None


# what may come before a drug that is itself the thing associated: "treatment with sirolimus"
_JUST_THE_DRUG = re.compile(r"\s*(?:(?:the|a|an)\s+)?(?:(?:treatment|therapy|use|exposure|administration)\s+(?:with|of|to)\s+)?",
                            re.I)


def _first_drug_start(reader: ClaimReader, start: int, end: int, default: int) -> int:
    drugs = reader.ctx.mentions_in(start, end, ("drug",))
    return drugs[0].start if drugs else default
_CHANGED_TARGET = re.compile(r"\s*[\w-]+\s*(?:\([^()]*\)\s*)?(?:overexpression|amplification|expression|mutations?|"
                             r"loss|deletion|positivity|negativity)\s*$", re.I)


def _split_at(rx: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut where ``rx`` matches, the matches left out."""
    parts, pos = [], start
    for m in rx.finditer(text, start, end):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, end))
    return [(a, b) for a, b in parts if b > a]


# cells counted are a marker: "the number of circulating tumor cells (CTCs)", "CTC levels", "CD4 cell counts"
_CELLS_COUNTED_BEFORE = re.compile(r"\b(?:numbers?|counts?|levels?|concentrations?)\s+of\s+(?:the\s+)?$|"
                              r"(?:\b\d+\s+or\s+(?:more|fewer)|\b(?:at least|more than|fewer than)\s+\d+|[≥≤]\s*\d+)\s+$", re.I)
_CELLS_COUNTED_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:counts?|levels?|numbers?)\b", re.I)


def _counted_cells(text: str, m: EntityMention) -> bool:
    return bool(_CELLS_COUNTED_AFTER.match(text, m.end) or _CELLS_COUNTED_BEFORE.search(text, max(0, m.start - 20), m.start))


def _biomarker_claims(reader: ClaimReader, s: Sentence, sent: str):
    ctx = reader.ctx
    out = []
    mentions = ctx.mentions_in(s.start, s.end)
    markers = [m for m in mentions if m.concept.type in ("target", "biomarker")
               and not names_an_inhibited_target(ctx.text, m.end)
               or m.concept.type == "cell_population" and _counted_cells(ctx.text, m)]
    if not markers and "genes" not in sent.lower():
        return out  # every rule below needs a marker, except B2's "... of N genes"
    used: set[int] = set()
    # B0: "ALDH expression was (not) associated with response"
    for x in markers:
        rel_e = x.end - s.start
        m = _MARKER_STATUS_AFTER.match(sent[rel_e:])
        if not m:
            continue
        assocs, assoc_end = _associated_things(reader, s, sent, rel_e + m.start("obj"))
        if assocs:
            before = sent[max(0, x.start - s.start - 30):x.start - s.start]
            level = _LEVEL_BEFORE.search(before)  # a level rather than a change: "high Ki-67 levels were associated"
            change = _change_of(before) or (level and ("increased" if level.group(0).lower() == "high" else "decreased")) or (
                "mutated" if m.group("alt") and m.group("alt").lower().startswith("mutation") else
                "altered" if m.group("alt") else
                "decreased" if m.group("resp") else  # a marker's response is its fall: "an early CgA response"
                None if m.group("marker") else "expressed")
            c = Certainty.NEGATED if m.group("neg") or m.group("neg2") else (
                Certainty.HYPOTHESIS if _HEDGE_RE.search(sent) else Certainty.STATED)
            for assoc in assocs:
                out.append((_marker_phrase(reader, x), change, assoc, c))
            used.add(x.start)
            # (markers among the things associated are no claims of their own: "ERBB2 (HER2) overexpression")
            used.update(o.start for o in markers if x.end < o.start < s.start + assoc_end)
    # B0r: "The effectiveness of cetuximab was significantly associated with KRAS mutation status"
    for x in markers if " with " in sent else ():
        if x.start in used:
            continue
        rel_s, rel_e = x.start - s.start, x.end - s.start
        verb = _ASSOCIATED_WITH_BEFORE.search(sent, max(0, rel_s - 70), rel_s)
        status = _STATUS_AFTER.match(sent, rel_e) if verb else None
        if status is None:
            continue
        cut = max(sent.rfind(", ", 0, verb.start()), sent.rfind("; ", 0, verb.start()))
        clause = cut + 2 if cut >= 0 else 0
        if _VERBISH.search(sent, clause, verb.start()):
            continue
        what = _associated_phrase(reader, s, sent, clause, verb.start())
        if what is None or len(what.text.split()) > 8:
            continue
        change = "mutated" if status.group("alt") else "expressed"
        c = Certainty.NEGATED if verb.group("neg") else _sentence_certainty(sent)
        out.append((_marker_phrase(reader, x), change, what, c))
        used.add(x.start)
    # B1: correlation between A and B
    for m in _ASSOCIATION_BETWEEN.finditer(sent):
        # a side ends where the clause's verb starts: "between damage and inhibition of NTE was examined in ..."
        sides = [(m.start(g), m.start(g) + (v.start() if (v := _AUXILIARY.search(m.group(g))) else len(m.group(g))))
                 for g in ("a", "b")]
        if any(len(sent[a:b].split()) > 8 for a, b in sides):
            continue
        for i, (a, b) in enumerate(sides):
            side_markers = [x for x in markers if s.start + a <= x.start < s.start + b]
            other = sides[1 - i]
            if not side_markers:
                continue
            side_text = sent[a:b]
            change = _change_of(side_text)
            mk = side_markers[0]
            if _CHANGE_OF.search(side_text):
                marker = Phrase(_clean_np(side_text), mk.key)
            else:
                marker = _marker_phrase(reader, mk)
            assoc = Phrase(_clean_np(sent[other[0]:other[1]]))
            if assoc.text and change:
                out.append((marker, change, assoc, _sentence_certainty(sent)))
                used.add(mk.start)
    # B2: "lowered expression of Sox2, Oct-4 and Nanog"; "increases in liver transaminases"; "overexpression of cyclin D1"
    for m in _CHANGE_IN_LIST.finditer(sent):
        change = _change_of(m.group("chg"))
        if change == "overexpressed" and _MEANS_BEFORE.search(sent[max(0, m.start() - 12):m.start()]):
            continue  # an experiment's manipulation ("combining RNAi with overexpression of ALDH isozymes")
        if change is None or not _MARKER_OR_CHANGE.search(sent[m.start():m.start("list")]):
            continue
        list_end = s.start + m.start("list") + _list_extent(m.group("list"))
        in_list = [x for x in markers if s.start + m.start("list") <= x.start < list_end and x.start not in used]
        names = [_marker_phrase(reader, x) for x in in_list]
        if not names:
            gm = _GENES_PHRASE.match(m.group("list"))
            if gm:
                names = [Phrase(_clean_np(gm.group(1)))]
        assoc = _association(reader, s, sent, m.start())
        for n in names:
            if assoc:
                out.append((n, change, assoc, _sentence_certainty(sent)))
        used.update(x.start for x in in_list)
    # B2b: "Expression of the stem cell genes NANOG, OCT4 and SOX2 was decreased after salinomycin"
    for m in _MEASURED_LIST_WAS.finditer(sent) if " of " in sent and (" was " in sent or " were " in sent) else ():
        change = _change_of(m.group("chg"))
        if change is None:
            continue
        in_list = [x for x in markers if s.start + m.start("list") <= x.start < s.start + m.end("list")
                   and x.start not in used]
        assoc = _association(reader, s, sent, m.start()) if in_list else None
        for x in in_list if assoc else ():
            out.append((_marker_phrase(reader, x), change, assoc, _sentence_certainty(sent)))
            used.add(x.start)
    # B4: "Patients whose tumors expressed high levels of ALDH1A1 had shorter progression-free survival"
    # "Patients with an early CgA response had longer PFS than patients without one"
    for x in markers if "whose" in sent or " who " in sent or " with " in sent or _STATUS_PEOPLE.search(sent) else ():
        if x.start in used:
            continue
        rel_s, rel_e = x.start - s.start, x.end - s.start
        who = _WHOSE_TUMORS_BEFORE.search(sent, max(0, rel_s - 80), rel_s)
        had = _HAD_OUTCOME_AFTER.match(sent, rel_e) if who or _CLAUSE_OPENS_BEFORE.search(sent, 0, rel_s) else None
        if had is None or who is None and not had.group("people"):
            continue  # (without "patients with" before it, the marker names the people: "AR-V7-positive patients had")
        status = (had.group("status") or "").lower()
        if status:
            change = {"mutant": "mutated", "mutated": "mutated"}.get(status, status)
            out.append((_marker_phrase(reader, x), change, Phrase(_clean_np(_MEDIAN_WORD.sub("", had.group("obj")))),
                        _sentence_certainty(sent)))
            used.add(x.start)
            continue
        level = (who.group("level") or "").lower()
        if who.group("count"):  # "with 5 or more CTCs", "with fewer than 5"
            more = who.group("more") or (who.group("than") or "").lower() == "more" or "≥" in who.group("count") \
                or who.group("count").lower().startswith("at least")
            level = "high" if more else "low"
        change = "increased" if level in ("high", "higher", "elevated", "increased") else \
            "decreased" if level in ("low", "lower", "reduced", "decreased") else \
            "mutated" if (had.group("alt") or "").lower().startswith("mutation") else \
            "altered" if had.group("alt") else "decreased" if had.group("resp") else \
            "overexpressed" if (who.group("verb") or "").lower() == "overexpressed" else "expressed"
        obj = _MEDIAN_WORD.sub("", had.group("obj"))  # ("a shorter median progression-free survival")
        out.append((_marker_phrase(reader, x), change, Phrase(_clean_np(obj)), _sentence_certainty(sent)))
        used.add(x.start)
    # B6: "In patients with wild-type K-ras tumors, cetuximab ... significantly improved overall survival"
    for x in markers if ("In " in sent or "Among " in sent or "among " in sent) and " with " in sent else ():
        if x.start in used:
            continue
        rel_s, rel_e = x.start - s.start, x.end - s.start
        group = _SUBGROUP_WITH_BEFORE.search(sent, max(0, rel_s - 60), rel_s)
        effect = _SUBGROUP_EFFECT_AFTER.match(sent, rel_e) if group else None
        if effect is None:
            continue
        ep = next(endpoint_matches(effect.group("ep")), None)
        if ep is None:
            continue
        name = _ENDPOINTS[int(ep.lastgroup[1:])][1] or _clean_measure(ep.group(0))
        status = (group.group("status") or effect.group("status") or "").lower()
        change = "wild-type" if status.startswith("wild") else "mutated" if status.startswith("mut") else \
            "increased" if status in ("high", "positive") else "decreased" if status in ("low", "negative") else "expressed"
        out.append((_marker_phrase(reader, x), change, Phrase(f"{effect.group('verb').lower()} {name}"),
                    _sentence_certainty(sent)))
        used.add(x.start)
    # B3: "serum levels of VEGF-D fell"; "cyclin D1 to be overexpressed"; "decreased ALDH expression"
    for x in markers:
        if x.start in used:
            continue
        rel_s, rel_e = x.start - s.start, x.end - s.start
        after = sent[rel_e:rel_e + 60]
        if "," in after and (appos := _MARKER_APPOSITION.match(sent, rel_e)):
            # "VEGF-D, a marker of disease activity, fell": the marker of, and the change after it
            what = reader.phrase(s.start + appos.start("what"), s.start + appos.end("what"))
            if what is not None:
                out.append((_marker_phrase(reader, x), None, what, _sentence_certainty(sent)))
            after = sent[appos.end():appos.end() + 60]
        before = sent[max(0, rel_s - 40):rel_s]
        am = _CHANGE_AFTER.match(after)
        bm = _CHANGE_BEFORE.search(before)
        change = None
        measured_before = _MARKER_NOUNS_OF_END.search(before)  # "serum levels of VEGF-D fell"
        if am and _change_of(am.group("chg")) and (_MARKER_OR_TO_BE.search(after[:am.end()])
                                                   or measured_before):
            change = _change_of(am.group("chg"))
        elif bm and _MARKER_NOUN.search(after[:25]):
            change = _change_of(bm.group("chg") or bm.group("chg2") or "")
        if change:
            assoc = _association(reader, s, sent, rel_s)
            if assoc:
                out.append((_marker_phrase(reader, x), change, assoc, _sentence_certainty(sent)))
                used.add(x.start)
    return out


# a subgroup named by a marker, and what the drug did in it
_SUBGROUP_WITH_BEFORE = re.compile(rf"\b(?:in|among)\s+(?:the\s+)?(?:\d+\s+)?(?:{PEOPLE_WORDS}|those)\s+"
                                   r"(?:whose\s+tumou?rs\s+(?:had|harbou?red|carried)|with)\s+(?:an?\s+)?"
                                   r"(?:(?P<status>wild-type|wild type|mutant|mutated|high|low|positive|negative)\s+)?$", re.I)
_SUBGROUP_EFFECT_AFTER = re.compile(
    r"(?:[\s-](?P<status>mutations?|mutant|mutated|wild-type|positive|negative|status|expression|amplification))*"
    r"(?:\s+(?:tumou?rs|cancers|disease))?\s*,\s+[^,;.]{0,80}?(?:,[^,;.]{0,60}?,)?\s*(?:significantly\s+)?"
    r"(?P<verb>improved|prolonged|extended|lengthened)\s+(?:the\s+)?(?P<ep>(?:median\s+)?[\w -]{2,40}?)(?=\s*[(,;.]|$)", re.I)
_WHOSE_TUMORS_BEFORE = re.compile(
    r"\b(?:patients|women|men|those|cases)\s+(?:(?:whose\s+(?:tumou?rs|cancers|disease)|with\s+tumou?rs\s+that|who)\s+"
    r"(?:still\s+)?(?P<verb>expressed|had|showed|harbou?red|displayed|overexpressed|carried)|with)\s+(?:an?\s+)?(?:early\s+)?"
    r"(?:(?P<level>high|low|elevated|increased|reduced|decreased|higher|lower)\s+)?"
    # a count over a threshold: "Patients with 5 or more CTCs per 7.5 ml at baseline had a shorter median PFS"
    r"(?:(?P<count>\d+\s+or\s+(?P<more>more)|\d+\s+or\s+fewer|at\s+least\s+\d+|(?P<than>more|fewer|less)\s+than\s+\d+|"
    r"[≥≤]\s*\d+)\s+)?"
    r"(?:(?:levels?|expression)\s+of\s+)?(?:the\s+)?$", re.I)
_STATUS = r"positive|negative|mutant|mutated|wild-type"  # a marker's status joined to it: "HER2-positive", "BRAF-mutant"
_HAD_OUTCOME_AFTER = re.compile(
    # (a status: "with HER2-positive tumors", "AR-V7-positive patients", "BRAF-mutant patients")
    rf"(?:[\s-](?P<status>{_STATUS})(?:\s+(?:tumou?rs|cancers|disease|"
    r"(?P<people>patients|women|men|cases)))?)?"
    r"(?:\s+(?:expression|levels?|protein|(?P<alt>mutations?|amplification|alterations?)|(?P<resp>response)))?"
    r"\s*(?:\([^()]*\)\s*)?(?:\s+per\s+[\d.]+\s*(?:ml|mL|µl|μl|uL)(?:\s+of\s+(?:whole\s+)?blood)?)?"
    r"(?:\s+(?:at|after|before|during)\s+(?:[\w-]+\s+){0,2}?(?:baseline|visit|follow-up|treatment|therapy))?"
    r"(?:,\s+(?:as\s+)?compared\s+(?:with|to)\s+[^,;.]{3,60},)?"  # (", as compared with those with fewer than 5,")
    r",?\s+(?:had|showed|experienced|achieved|attained)\s+(?:an?\s+)?(?:significantly\s+)?"
    r"(?P<obj>(?:shorter|longer|worse|better|poorer|improved|reduced|lower|higher|greater|increased)\s+"
    r"(?:(?:median|mean)\s+)?[\w -]{3,60}?)"
    r"(?=\s*[(,;.]|\s+(?:than|compared|versus|vs)\b|$)", re.I)
_MEDIAN_WORD = re.compile(r"(?<=\s)(?:median|mean)\s+", re.I)
_STATUS_PEOPLE = re.compile(rf"[\s-](?:{_STATUS})\s+(?:patients|women|men|cases)\b", re.I)
_CLAUSE_OPENS_BEFORE = re.compile(r"(?:^|[;:,]\s+|\b(?:[Tt]he|[Oo]verall|[Hh]owever)\s+)$")  # (where a subject starts)
_MARKER_APPOSITION = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:bio)?marker\s+(?:of|for)\s+"
                                r"(?P<what>[^,;.()]{3,60}?)\s*,", re.I)
_MEASURED_LIST_WAS = re.compile(rf"\b{_MARKER_NOUNS}\s+of\s+(?P<list>[^;.]{{1,80}}?)\s+(?:was|were)\s+"
                                rf"(?:(?:significantly|markedly|strongly|also)\s+)?(?P<chg>\w+)", re.I)
_LIST_END = re.compile(r",\s+(?!(?:[\w-]+\s*,|[\w-]+\s+and\s))|\s+(?:with|in|after|compared|relative|than|that|which)\b")


def _list_extent(text: str) -> int:
    m = _LIST_END.search(text)
    return m.start() if m else len(text)


_DRUG_ANAPHORA_OR_TREATMENT = re.compile(rf"\b(?:{DRUG_ANAPHORA}|with treatment)\b", re.I)


def _association(reader: ClaimReader, s: Sentence, sent: str, pos: int) -> Phrase | None:
    """What a marker change is associated with: the treatment of the clause, else a disease."""
    ctx = reader.ctx
    drugs = ctx.mentions_in(s.start, s.end, ("drug",))
    if drugs:
        before = [d for d in drugs if d.start - s.start < pos]
        d = before[-1] if before else drugs[0]
        pair = next((o for o in drugs if o.start == d.end + 1 and ctx.text[d.end] in "-/–"), None) or \
            next((o for o in drugs if o.end + 1 == d.start and ctx.text[o.end] in "-/–"), None)
        if pair is not None:  # "declined more with sacubitril-valsartan": the pair, as written
            a, b = min(d.start, pair.start), max(d.end, pair.end)
            return Phrase(ctx.text[a:b], None, True)
        # "DSF/Cu at 0.5/1 µmol/L lowered ...": the drug phrase of the clause
        return Phrase(d.concept.label, d.key, True)
    if _DRUG_ANAPHORA_OR_TREATMENT.search(sent) and reader.main_drug():
        d = reader.main_drug()
        return Phrase(d.concept.label, d.key, True)
    diseases = ctx.mentions_in(s.start, s.end, ("disease",))
    if diseases:
        return Phrase(diseases[0].concept.label, diseases[0].key)
    return None
