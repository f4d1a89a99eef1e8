"""Numeric outcomes: measure, statistic, value, unit, range, 95% CI, p-value, timepoint and arm.

Reads sentences such as "median PFS was 17.7 weeks in the ridaforolimus group and 14.6 weeks in
the placebo group (hazard ratio [HR], 0.72; 95% CI, 0.61-0.85; P = .001)", "stomatitis (64% vs.
17%)", "the overall response rate ... was 53% at 60 days", "reduced the risk of death by 13%".
Each number of the sentence is first classified (value, CI bound, p-value, range, timepoint,
design figure), then every value gets its measure (the nearest measure phrase before it, else
after it, else the previous sentence's) and its arm (the drugs named right after it, the
"respectively" list, or the order of the arms seen so far).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import ahocorasick

from extract.alternation import Alternation
from extract.context import DocContext
from extract.entities import EntityMention, surface
from extract.numbers import NUMERAL, WORD_NUMBER, parse_number
from extract.records import Evidence, Outcome
from extract.regimens import MOLAR_UNITS, find_doses
from extract.studies import PEOPLE_WORDS, named_after_patients_with
from extract.text import PARENTHESES_SPACED, footnote_spans, percent_signs

NUM = NUMERAL  # ("1,250 ng/mL", "0·72")
_TIME_UNITS = {"month": "months", "months": "months", "mo": "months", "week": "weeks", "weeks": "weeks",
               "wk": "weeks", "wks": "weeks", "day": "days", "days": "days", "year": "years", "years": "years",
               "yr": "years", "hours": "hours", "hour": "hours"}
_MEASUREMENT_UNITS = {"mmhg": "mmHg", "mg/dl": "mg/dL", "mmol/l": "mmol/L", "µmol/l": "µmol/L", "μmol/l": "µmol/L",
                      "ng/ml": "ng/mL", "pg/ml": "pg/mL", "u/l": "U/L", "iu/l": "IU/L", "beats/min": "beats/min",
                      "bpm": "beats/min", "min": "minutes", "kg": "kg", "g/dl": "g/dL", "g/l": "g/L", "mg/l": "mg/L",
                      "µg/ml": "µg/mL", "μg/ml": "µg/mL", "ug/ml": "µg/mL", "u/ml": "U/mL", "iu/ml": "IU/mL",
                      "ng·h/ml": "ng·h/mL", "ng*h/ml": "ng·h/mL", "ng.h/ml": "ng·h/mL", "ngh/ml": "ng·h/mL",
                      "µg·h/ml": "µg·h/mL", "μg·h/ml": "µg·h/mL", "l/h": "L/h", "uperliter": "U/L", "iuperliter": "IU/L",
                      "mgperdeciliter": "mg/dL", "gperdeciliter": "g/dL", "mmolperliter": "mmol/L", "ngpermilliliter": "ng/mL"}
_VALUE = re.compile(
    rf"(?<![\w.±])(?P<v>{NUM})(?P<sd>\s*(?:±|\+/-|\+/−|\+-)\s*{NUM}|\s*\(\s*(?:SD|sd|s\.d\.)?\s*[=:,]?\s*\d+(?:\.\d+)?\s*\))?"
    rf"(?:\s*(?P<pct>%)(?P<per_year>\s+(?:per|a|/)\s*(?:year|yr|patient-year|person-year)\b)?|\s*(?P<fold>-?fold)\b|"
    rf"\s+(?P<ml>mL|ml)(?:\s*(?:per|/)\s*(?P<mlper>month|year|week|min(?:ute)?)"  # (a clearance: "ml/min/kg")
    rf"(?:\s*(?:per|/)\s*(?P<mlper2>kg|m2|m²|1\.73\s*m2|1\.73\s*m²)(?![\w/]))?|"
    rf"\s*/\s*kg\s*/\s*(?P<mlkgper>day|h|hr|hour|min)\b)?\b|"  # (or "3 mL/kg/day"; "1.0 ml/kg" is a dose)
    rf"\s+(?P<time>months?|mo|weeks?|wks?|wk|days?|years?|yr|hours?)\b|"
    rf"\s+(?P<per1000>per\s+(?:1,?000|100)\s+(?:person|patient)[- ]years?)\b|\s+(?P<pp>percentage points?)\b|\s+(?P<pts>points?)\b(?![\s-]+(?:scales?|Likert|rating|system))|"
    rf"\s*(?P<meas>mm\s?Hg|mg/d[lL]|g/d[lL]|g/[lL]|mg/[lL]|mmol/[lL]|[µμ]mol/[lL]|[µμu]g/m[lL]|ng/m[lL]|pg/m[lL]|I?U/m?[lL]|"
    rf"(?:U|IU|mg|g|mmol|µmol|μmol|ng|pg)\s+per\s+(?:liter|litre|deciliter|decilitre|milliliter|millilitre)|"
    rf"beats/min|bpm|min|kg|ng\s*[·*.]?\s*h\s*/\s*m[lL]|[µμu]g\s*[·*.]?\s*h\s*/\s*m[lL]|L/h)\b)?")
# (bounds may be split by a comma before a closing mark: "95% CI: 0.47, 0.81;")
_STAT_LABEL = re.compile(r"\s\((?:(?:mean|median)\s*(?:[,;]|±|\+/-|\+-)?\s*)?(?:sd|s\.d\.|se|sem|iqr|range)\)", re.I)
_MEAN_SD_NAMED = re.compile(r"\bmean\b|\bSD\b|\(sd\)|standard deviation", re.I)
_CI = re.compile(rf"9\d(?:\.\d+)?\s*%\s*(?:C[Il]|confidence interval)(?:\s*\[CI\])?\s*[,:]?\s*(?:of\s+)?(?P<lo>{NUM})\s*(?:%|(?!to\b)\w+)?\s*(?:-|–|to|,(?=\s*{NUM}\s*[;)\]]))\s*"
                 rf"(?:(?P<hi>{NUM})|not\s+(?:reached|estimable|evaluable)\b|N[RE]\b)",
                 re.I)  # (an upper bound not reached: "(95% CI, 6.7 to not reached)")
# a CI in brackets after its value, without the words ("11.2 months [95% CI 8.3-14.0] vs 4.3 months
# [3.0-5.4]; HR 0.18 [0.10-0.31]")
_BRACKET_CI = re.compile(rf"(?<=[\d%a-z])\s*\[\s*(?P<lo>{NUM})\s*(?:-|–|to)\s*(?P<hi>{NUM})\s*\]")
# (or after the value's share: "five (12%; 4-26) of 42 patients")
_PAREN_CI = re.compile(rf"(?<=[\d%a-z])\s*(?:\(|;)\s*(?P<lo>{NUM})\s*(?:-|–|to)\s*(?P<hi>{NUM})\s*\)")
_P = re.compile(r"\b[Pp]\s*(?:value\s*)?(?P<op>[<>]\s*or\s*=|less than|greater than|=|<|>|≤|≥|<=|>=)\s*"
                r"(?P<v>0?[.·]\d+|\d(?:[.·]\d+)?(?:\s*[x×]\s*10\s*[-−]\s*\d+)?)")
_RANGE = re.compile(rf"\(\s*range,?\s*(?P<lo>{NUM})\s*(?:[a-z]+\s*)?(?:-|–|to)\s*(?P<hi>{NUM})", re.I)
_TIMEPOINT = re.compile(rf"\b(?:at|after|by)\s+(?P<tp>(?P<n>\d+|{WORD_NUMBER})\s*(?:-\s*)?(?P<u>months?|weeks?|days?|years?))\b",
                        re.I)  # (in words too: "After three years, 44 percent ... were still alive")
# a rate named with its time: "the 2-year overall survival rate", "12-month progression-free survival"
_TIMEPOINT_OF_RATE = re.compile(r"\b(?P<n>\d+)-(?P<u>year|month)\s+(?:[a-z-]+\s+){0,3}?(?:rates?|survival|PFS|OS|DFS|EFS|RFS|non-progression)\b",
                                re.I)
_HR = re.compile(rf"(?P<label>(?:stratified\s+|adjusted\s+|unadjusted\s+)?(?:hazard ratios?|\ba?HRs?\b))(?:\s*\[a?HRs?\])?"
                 rf"(?P<mid>[^0-9;()]{{0,70}}?)[,:=]?\s*(?P<v>{NUM})(?![\d%])")
# a relative risk or an odds ratio: of the measure named before it ("risk for cataracts (RR 0.9; 95% CI 0.8-1.1)")
# (its abbreviation after it in brackets or parentheses, and what it is for: "an adjusted odds ratio (OR) for hip
# fracture of 1.44")
_RR = re.compile(rf"(?P<label>relative risks?|risk ratios?|rate ratios?|odds ratios?|\bRRs?\b|\bORs?\b)(?:\s*[\[(](?:RR|OR|aRR|aOR)s?[\])])?"
                 rf"(?P<mid>\s+per\s+\d[\d,]*\s+[a-z][a-z -]{{1,30}}?(?=,)|[^0-9;()]{{0,20}}?|\s+for\s+[^0-9;()]{{3,40}}?\s+of|"
                 # "the age-adjusted relative risk of atypical fracture with bisphosphonate use was 47.3": of what
                 rf"\s+of\s+(?P<of>[a-z][^0-9;(),]{{2,50}}?)(?:\s+(?:with|among|in|for|after)\s+[^0-9;(),]{{2,40}}?)?\s+(?:was|were|is))"
                 rf"[,:=]?\s*(?P<v>{NUM})(?![\d%])")
# the next ratio of a list: "0.66 (95% CI, 0.44-0.99), 0.41 (...) and 0.34"
_NEXT_IN_LIST = re.compile(rf"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:and\s+)?|and\s+)(?P<v>{NUM})(?![\d%.]|\s*(?:-|–|to)\s*\d)")
_HR_FOR_PROGRESSION = re.compile(r"\bfor (?:disease )?progression\b", re.I)
_HR_FOR_DEATH = re.compile(r"\bfor death\b", re.I)
_RR_VALUE_AFTER = re.compile(r"\s*[,:=]?\s*\d")
_RR_NAMES = {"rr": "relative risk", "relative risk": "relative risk", "risk ratio": "relative risk", "or": "odds ratio",
             "odds ratio": "odds ratio", "rate ratio": "rate ratio"}
# a potency and its value (and a second value with its own context: "7.5 nM in mouse BMDMs and 8.1 nM in human cells")
# (or an affinity: "binds BCL-2 with a Ki of less than 0.010 nM", "dissociation constants of approximately 50 nM and 90 nM")
_POTENCY = re.compile(rf"(?P<label>\b(?:IC|EC|GI)50s?\b|half-maximal (?:inhibitory|effective) concentrations?(?:\s*\((?:IC|EC)50s?\))?|"
                      r"\bK[iId]s?\b(?!-?67)|\b(?:inhibition|dissociation) constants?(?:\s*\(K[iId]\))?)"
                      rf"(?P<mid>[^;.]{{0,40}}?)(?=(?P<v>{NUM})(?:\s*,\s*{NUM})*(?:\s*,?\s*and\s+{NUM})?"  # (a list: "0.5, 0.9 and 2.7 nM")
                      r"\s*(?:nM|µM|μM|uM|pM|mM|nmol/L|µmol/L|μmol/L)\b)")
_AFFINITY = re.compile(r"\bK[iId]s?\b(?!-?67)|\b(?:inhibition|dissociation) constants?\b")  # (a cheap test first)
_POTENCY_NEXT = re.compile(r"(?:\s+(?:in|for|against|on)\s+(?:[^,;.()]|\([^()]*\)){1,80}?)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+to\s+)(?=[\d.]+\s*[nµμupm])")
# what a ratio is of, named after it: "1.29 (95% CI, 1.23-1.35) for BCC"
_RATIO_FOR = re.compile(r"\s*(?:\([^()]*\)\s*)?for\s+(?:the\s+)?(?!(?:those|patients|women|men|subjects|participants|"
                        r"users|individuals|people|children|adults|persons|group|cases|controls)\b)(?P<what>[A-Za-z][\w'-]*(?:\s+(?!and\b|or\b|in\b|among\b|with\b)"
                        r"[\w'-]+){0,4})(?=\s*(?:[,;.)]|\s+(?:and|in|among|with)\b|$))")


def _ratio_for(sent: str, end: int) -> str | None:
    m = _RATIO_FOR.match(sent, end)
    return " ".join(m.group("what").split()) if m else None
_RISK_RED = [
    re.compile(rf"(?P<v>{NUM})\s*%\s+(?:lower|reduced|reduction in(?: the)?|decrease in(?: the)?)\s+(?:estimated\s+)?"
               rf"risk of (?P<what>[a-z ]+?)(?=[,.;)]|\s*\(|\s+(?:with|in|among|compared|versus|vs|that|which)\b)", re.I),
    re.compile(rf"(?:reduced|cut|lowered|decreased) the (?:estimated )?risk of (?P<what>[a-z ]+?) by (?P<v>{NUM})\s*%", re.I),
    # (and a higher risk: "had a 44 percent higher risk of developing dementia than")
    re.compile(rf"(?P<v>{NUM})\s*%\s+(?P<up>higher|increased|greater|increase in(?: the)?)\s+risk of (?P<what>[a-z ]+?)"
               rf"(?=[,.;)]|\s*\(|\s+(?:with|in|among|compared|versus|vs|that|which|than)\b)", re.I),
    re.compile(rf"risk of (?P<what>[a-z ]+?) that was (?P<v>{NUM})\s*%\s+lower\b", re.I),  # "a risk of death that was 84% lower"
]
# a percentage in words: "Forty-nine percent of patients were pain free" (one in digits is "49       %" by now)
_WORD_PERCENT = re.compile(rf"(?<![\w-])(?P<w>{WORD_NUMBER})\s+(?:percent|per\s?cent)\b", re.I)
# a span of time in words after its statistic: "responses lasted a median of nine months"
_FOLLOWED_FOR = re.compile(r"\b(?:followed(?:\s+up)?|observed|treated)\s+(?:for\s+)?(?:a\s+|an?\s+)?$|"
                           r"\b(?:over|during|after|within)\s+a\s+$|\bfollow-?up\b[^.;]{0,20}$", re.I)
_WORD_TIME = re.compile(rf"\b(?P<stat>median|mean)\s+(?:(?:[\w-]+\s+){{0,4}}?(?:of|was|were|is|lasted)\s+)?(?P<w>{WORD_NUMBER})\s+"
                        r"(?P<unit>months?|weeks?|years?|days?)\b", re.I)
# a relative change named before what changed: "resulted in a 30% reduction in mortality"
_RELATIVE_CHANGE = re.compile(
    rf"\b(?P<a>an?)\s+(?P<v>{NUM})\s*%\s+(?:relative\s+)?(?P<dir>reduction|decrease|decline|increase|rise|improvement|drop)\s+in\s+"
    r"(?:the\s+)?(?P<what>[a-z][\w-]*(?:\s+(?!(?:with|in|among|compared|versus|vs|that|which|from|after|at|by|for|"
    r"and|was|were|when|while|if)\b)[\w-]+){0,5})(?=\s*[,.;)(]|\s+(?:with|in|among|compared|versus|vs|that|which|from|"
    r"after|at|by|for|and|was|were|when|while|if)\b|$)", re.I)
_PROB = re.compile(r"posterior probabilit(?:y|ies)\b", re.I)
_PROB_VALUE = re.compile(r"(?<![\w.])(?P<v>0?\.\d+|1\.0+)(?!\w|\.\d)(?:\s+for\s+(?P<for>[\w -]+?)(?=,|;|\.|\s+and\b|$))?")
# outcome measures: pattern -> canonical name (None: use the matched text)
_ENDPOINTS: list[tuple[str, str | None]] = [
    (r"radiographic progression[- ]free survival(?: rate)?|\brPFS\b", "radiographic progression-free survival"),
    (r"progression[- ]free survival(?: rate)?|\bPFS\b|alive (?:and )?(?:without|free of) (?:their |the )?(?:disease |cancer )?"
     r"(?:progression|worsening|progressing)|progression[- ]free", "progression-free survival"),
    (r"overall survival|\bOS\b|(?:percentage|proportion) of patients (?:who (?:were|are) )?alive", "overall survival"),
    (r"event[- ]free survival|\bEFS\b", "event-free survival"),
    (r"disease[- ]free survival|\bDFS\b", "disease-free survival"),
    (r"(?:relapse|recurrence)[- ]free survival|\bRFS\b", "relapse-free survival"),
    (r"metastasis[- ]free survival", "metastasis-free survival"),
    (r"time to (?:radiologic(?:al)?|symptomatic|clinical|CNS|intracranial|biochemical|PSA) progression", None),
    # "the time to the first exacerbation": a time-to-event endpoint of any first event
    (r"time to (?:the )?first (?:[\w-]+ ){0,2}?(?:exacerbations?|events?|relapses?|recurrences?|hospitali[sz]ations?|"
     r"seizures?|episodes?|infections?|fractures?|strokes?|flares?|attacks?)", None),
    (r"time to prostate[- ]specific antigen (?:\(PSA\) )?progression", "time to PSA progression"),
    (r"(?:PSA|prostate[- ]specific antigen(?: \(PSA\))?) response(?: rate)?", "PSA response"),
    (r"time to (?:tumou?r )?progression|\bTTP\b", "time to progression"),
    (r"time to (?:at least an? )?(?:minor |major |partial |complete |first |objective )?response", "time to response"),
    (r"duration of (?:objective )?response|\bDOR\b|responses? lasted", "duration of response"),
    (r"time to treatment failure", "time to treatment failure"),
    # a response of one kind: "spleen response", "symptom response rate", "complete cytogenetic response"
    (r"(?:(?:complete|major|partial)\s+)?(?:spleen|symptom|hematologic|haematologic|cytogenetic|molecular|biochemical|"
     r"metabolic|serologic(?:al)?|histologic(?:al)?|radiologic(?:al)?|clinical)\s+response(?: rate)?", None),
    (r"(?:objective|overall) response rate|\bORR\b|objective response|overall response|response rate|\bRR\b|"
     r"tumou?r response(?: rate)?", None),
    (r"(?:complete|partial|major|minor|very good partial) (?:response|remission)(?: rate)?|"
     r"pathologic(?:al)? complete response(?: rate)?|\bpCR\b", None),
    (r"disease control rate|\bDCR\b|clinical benefit rate|\bCBR\b|clinical benefit|disease control", None),
    # antiviral therapy's endpoints: "SVR rates", "a sustained virological response 12 weeks after treatment"
    (r"sustained virologic(?:al)? response(?: rates?)?|\bSVR(?:12|24)?\b(?: rates?)?", "sustained virologic response"),
    (r"rapid virologic(?:al)? response(?: rates?)?|\bRVR\b", "rapid virologic response"),
    (r"stable disease", "stable disease"),
    # pharmacokinetic parameters named where no "was" follows: "with an elimination half-life of approximately 21 days"
    (r"(?:elimination |terminal |plasma |serum )?half-life|\bt1/2\b", None),
    (r"non-progression", "non-progression"),
    # "17.6% discontinued treatment due to AEs"
    (r"discontinu(?:ed|ation of) (?:the )?(?:study )?(?:treatment|therapy|drug) (?:due to|because of) (?:an )?(?:adverse events?|AEs?|"
     r"toxicity)", "discontinuation due to adverse events"),
    # (the grade after the name: "adverse events of grade 3 or higher")
    (r"(?:(?:serious|severe|treatment-related|drug-related)\s+)?adverse events? of grade 3 or (?:higher|greater|worse|above)",
     "grade 3 or higher adverse events"),
    (r"(?:(?:serious|severe|treatment-related|drug-related)\s+)?adverse events? of grade 3 or 4", "grade 3 or 4 adverse events"),
    (r"(?:grade\s*(?:≥|>=)?\s*\d(?:\s*,\s*\d)*(?:,?\s*(?:or|to|and|-|/)\s*(?:\d|higher|worse|greater|above))?\s+)?(?:serious |severe |"
     r"treatment-related |drug-related |immune-related |infusion-related |(?:treatment-|drug-)?emergent )?adverse events?", None),
    (r"grade\s*(?:≥|>=)?\s*\d(?:\s*,\s*\d)*(?:,?\s*(?:or|to|and|-|/)\s*(?:\d|higher|worse|greater|above))?\s+(?:serious |treatment-related |"
     r"drug-related )?AEs?\b|(?:serious|severe|treatment-related|drug-related) AEs?\b", None),
    (r"grade\s*(?:≥|>=)?\s*\d(?:\s*,\s*\d)*(?:,?\s*(?:or|to|and|-|/)\s*(?:\d|higher|worse|greater|above))?\s+(?:treatment-related |drug-related )?events?", None),
    (r"\b(?:FEV1|FVC|DLCO)\b(?:\s+slope)?|slope of (?:the )?FEV1", None),
    (r"(?:death|mortality) from (?:any cause|(?:cardiovascular|cardiac|all) causes?)|all-cause mortality|"
     r"cardiovascular death|hospitali[sz]ation for (?:heart failure|unstable angina)", None),
    (r"(?<![\w-])survival", "overall survival"),
    (r"(?<![\w-])deaths(?=\s+(?:\([^()]*\)\s+)?(?:in|among|with|occurred|were)\b)", "death"),  # ("more deaths in the mexiletine group (7.6%)")
    # news wording: "patients lived a median of 11.1 months", "40 percent of patients responded"
    (r"(?<![\w-])(?:lived|survived)(?= (?:a |for a )?(?:median|mean|average)\b)", "overall survival"),
    # "went a median of 24.8 months before their cancer worsened", "kept cancer from progressing for 10 months
    # longer", "Tumors shrank in 42 percent of women"
    (r"before (?:their|the|its) (?:cancer|disease|tumou?rs?) (?:worsened|progressed|grew|got worse|returned)|"
     r"from (?:progressing|worsening|getting worse)", "progression-free survival"),
    (r"(?<![\w-])tumou?rs? (?:shrank|shrunk|shrinking)", "response rate"),
    # ("44 percent ... were still alive"; not "are alive with functioning grafts 686 days after conversion")
    (r"(?:(?<=\bwere )|(?<=\bremained ))(?:still )?alive\b(?!\s+(?:with|for)\b)", "overall survival"),
    (r"(?<=patients )responded\b", "response rate"),
    # "Sixteen of 49 patients had a response (33%)": the count and its share are the response rate
    (r"(?:(?<=\bhad )|(?<=\bachieved ))an? (?:confirmed |clinical )?response\b(?! rate)", "response rate"),
]
_ENDPOINT_RE = [(re.compile(p, re.I if not p.startswith("\\b(?:FEV1") else 0), c) for p, c in _ENDPOINTS]
# the same patterns as one alternation: one pass over a sentence instead of one per pattern
# (every measure starts a word with one of these letters: the guard skips other positions cheaply)
_ENDPOINT_ONE = Alternation([f"(?P<e{i}>{p})" if p.startswith("\\b(?:FEV1") else f"(?P<e{i}>(?i:{p}))"
                             for i, (p, _) in enumerate(_ENDPOINTS)],
                            prefix="(?<![A-Za-z])(?=[AaBbCcDdEeFfGgHhLlMmNnOoPpRrSsTt])")
_MEDIAN_LEAD = re.compile(r"^(?:median|mean)\s+", re.I)
# Where an endpoint's name can start: the first words of the _ENDPOINTS patterns (with the offset of the
# match from the word for the patterns that begin after a lookbehind: "had a response"), found with an
# Aho-Corasick automaton; the alternation then runs only there, as claims do for relation phrases (running
# it at every word start cost 0.27 ms a paper).
_ENDPOINT_STARTS: tuple[tuple[str, int], ...] = tuple((w, 0) for w in (
    "radiographic", "rpfs", "progression", "pfs", "alive", "overall", "os", "percentage", "proportion", "event", "efs", "disease", "dfs",
    "relapse", "recurrence", "rfs", "metastasis", "time", "ttp", "duration", "dor", "response", "objective", "orr",
    "rr", "tumor", "tumour", "complete", "partial", "major", "minor", "very", "pathologic", "pcr", "clinical", "cbr",
    "dcr", "stable", "non-progression", "discontinu", "adverse", "grade", "serious", "severe", "treatment-related",
    "drug-related", "ae", "fev1", "fvc", "dlco", "slope", "death", "mortality", "all-cause", "cardiovascular",
    "hospitali", "survival", "lived", "survived", "responded", "before", "from", "still", "psa", "prostate",
    "half-life", "elimination", "terminal", "plasma", "serum", "t1/2", "sustained", "svr", "rapid", "rvr", "spleen", "symptom",
    "hematologic", "haematologic", "cytogenetic", "molecular", "biochemical", "metabolic", "serologic", "histologic",
    "radiologic")) + (
    ("had a ", 4), ("had an ", 4), ("achieved a ", 9), ("achieved an ", 9))
_ENDPOINT_TRIGGERS = ahocorasick.Automaton()
for _stem, _offset in _ENDPOINT_STARTS:
    _ENDPOINT_TRIGGERS.add_word(_stem, (_stem, _offset))
_ENDPOINT_TRIGGERS.make_automaton()


def endpoint_matches(sent: str) -> Iterator[re.Match]:
    """What ``_ENDPOINT_ONE.finditer(sent)`` finds, trying the alternation only where a trigger word starts."""
    low = sent.lower()
    starts = sorted({end - len(stem) + 1 + offset for end, (stem, offset) in _ENDPOINT_TRIGGERS.iter(low)
                     if end - len(stem) + 1 == 0 or not low[end - len(stem)].isalnum()})
    last_end = 0
    for start in starts:
        if start < last_end:
            continue
        m = _ENDPOINT_ONE.match(sent, start)
        if m:
            last_end = m.end()
            yield m


def endpoint_named(phrase: str) -> str | None:
    """The measure a whole phrase names ("median PFS" -> "progression-free survival"), if any.

    The first pattern (in _ENDPOINTS order) that matches the phrase, or the phrase without its
    leading "median"/"mean", wins; the phrase itself wins a tie."""
    best: re.Match | None = None
    for text in dict.fromkeys((phrase, _MEDIAN_LEAD.sub("", phrase))):
        m = _ENDPOINT_ONE.fullmatch(text)
        if m and (best is None or int(m.lastgroup[1:]) < int(best.lastgroup[1:])):
            best = m
    if best is None:
        return None
    return _ENDPOINTS[int(best.lastgroup[1:])][1] or _clean_measure(best.group(0))


def endpoint_span(text: str, start: int) -> int | None:
    """Where the endpoint named at ``start`` ends ("hospitalization for heart failure"), if one is."""
    m = _ENDPOINT_ONE.match(text, start)
    return m.end() if m else None


# a word joined to a disease names where it is: "leg-pain intensity"
_JOINED_WORD_BEFORE = re.compile(r"(?<![\w-])[a-z]+-$")
# how severe the events counted were is part of their name: "the rate of major bleeding", "serious infections"
_SEVERITY_BEFORE = re.compile(r"\b(?:major|serious|severe|fatal|nonfatal|non-fatal|life-threatening|"
                              r"clinically (?:relevant|significant))\s+$", re.I)
_GRADE = re.compile(r"(?:grade\s*(?:≥|>=)?\s*\d(?:\s*,\s*\d)*(?:,?\s*(?:or|to|and|-|/)\s*(?:\d|higher|worse|greater|above))?\s+)$", re.I)
_GENERIC_MEASURE = re.compile(  # (the lookahead lets the scan skip most positions cheaply)
    r"(?:^|(?=[,;:abtwABTW]))(?:^|[,;:]\s+|\b(?:and|but|whereas|while|although|though)\s+)(?:(?:the|an?)\s+)?"
    r"(?P<np>(?!(?:the|an?|no|any|there|and|or|but|as|so|nor|than|although|though|while|whereas|differences?|similar|"
    r"findings|results|data)\b)(?:mean\s+|median\s+)?[a-z][a-z0-9-]*(?:\s+(?:of\s+)?[a-z0-9-]+){0,5}?"
    r"(?:\s+due\s+to(?:\s+[a-z0-9-]+){1,3}?)?)(?:\s+\([\w-]{1,15}\))?"  # ("seroconversion (anti-HBs) occurred")
    r"\s+(?:was|were|decreased|increased|declined|fell|rose|changed|improved|reached|averaged|occurred)\b", re.I)
_PEOPLE_HAD_MEASURE = re.compile(rf"\b(?:{PEOPLE_WORDS}|people|controls)"
                                 r"(?:\s+(?:in|of)\s+the\s+[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm|cohort))?,?\s+(?:who\s+)?"
                                 r"(?:had|experienced)\s+(?:a|an)\s+(?P<np>[a-z][\w-]*(?:\s+(?:of\s+)?(?!both\b|in\b|with\b|"
                                 r"at\b|after\b|during\b|than\b|compared\b|versus\b|vs\b|on\b|by\b|among\b)[a-z][\w-]*){0,4})"
                                 r"(?=\s*[,(;.]|\s+(?:both|in|with|at|after|during|than|compared|versus|vs|on|by|among)\b)", re.I)
_NAMED_SCALE_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][\w'-]*\s+)+$")
_NAMED_SCALE_TAIL = re.compile(r"-[A-Z][\w]*(?:\s+(?:of|for|[A-Z][\w-]*))*\s+(?:scores?|scales?)\b")
_SCALE_AFTER = re.compile(r"\s+(?:scores?|scales?|intensity|severity|index|ratings?|volumes?|size|diameter|burden)\b|"
                          r"-related\s+(?:(?:serious|severe)\s+)?(?:adverse\s+events?|AEs?|events?|deaths?|mortality|"
                          r"hospitali[sz]ations?)\b", re.I)  # ("EPS-related adverse events": events, not the disease)
# the arms a trial compares a drug with
_CONTROL_ARM_WORDS = r"placebo|investigator'?s choice|physician'?s choice|best supportive care|observation"
_ARM_WORDS = re.compile(rf"\b({_CONTROL_ARM_WORDS}|the combination|combination therapy|combination|control group|"
                        r"control (?:regimen|arm)|standard-therapy|"
                        r"standard therapy|chemotherapy)\b", re.I)
_DESIGN_NUMBER_BEFORE = re.compile(
    r"(?:\b(?:phase|grade|grades|day|days|cycle|cycles|stage|type|NCT|version|\bn\s*=|aged?|ratio|sites?|in|"
    r"previous|prior|within|every|at least|up to|for|over|after|end of)\s*$)", re.I)


_HAS_DIGIT = re.compile(r"\d")
# every value _values() keeps has one of these near it: a sentence without any has no outcome
# (the lookahead: the first letters of the alternatives, so other positions fail at once)
_VALUE_HINT = re.compile(r"(?=[%fmwdyhpbgkl±+])(?:%|fold|±|\+/-|ml\b|\b(?:months?|mo|weeks?|wks?|wk|days?|years?|yr|hours?)\b|"
                         r"hazard ratio|\bHR\b|posterior probabilit|percentage point|\bpoints?\b|\bby \d|\bperson-years?\b|"
                         # (a laboratory value: "from 3520 mg/dl to 880 mg/dl"; a mean change: "-15.3 kg with semaglutide")
                         r"\bm?g/d?l\b|\bkg\b|mm\s?hg\b|mmol/l\b|\bbpm\b|h\s*/\s*ml\b|\bl/h\b|per (?:deci|milli)?lit)", re.I)


@dataclass
class Value:
    start: int
    end: int
    value: float
    unit: str | None
    statistic: str | None = None
    measure: str | None = None
    ci: tuple[float, float] | None = None
    rng: tuple[float, float] | None = None
    p: str | None = None
    timepoint: str | None = None
    arm: list[str] | None = None
    fixed_measure: bool = False
    sd: bool = False  # given as mean ± SD
    of_disease: bool = False  # its measure is a disease's name
    per_year: bool = False  # an annual rate: "1.69% per year"
    events: bool = False  # a rate counted in events: "2.9 events", "8.6 events per 1000 person-years"


@dataclass
class MeasureMention:
    start: int
    end: int
    name: str
    endpoint: bool  # a survival/response endpoint (what an HR refers to), not an adverse event
    median: bool = False
    disease: bool = False  # a disease named alone: the measure of an incidence, not of a mean


@dataclass
class ArmState:
    order: list[list[str]] = field(default_factory=list)
    # the arms the last sentence comparing two or more arms named, in its order: a later pair
    # without names is of these (not of a single-arm value seen between: "events occurred in 31%
    # of patients receiving A")
    compared: list[list[str]] = field(default_factory=list)
    combination: list[str] = field(default_factory=list)  # the drugs of the paper's combination arm
    by_dose: dict[tuple[float, str], str] = field(default_factory=dict)  # an arm named by its dose alone: its drug

    def see(self, arm: list[str] | None) -> None:
        if arm and arm not in self.order:
            self.order.append(arm)


_LEADING_PREPOSITION = re.compile(r"^(?:on|of|in(?!\s+(?:vitro|vivo|situ)\b)|for|with|to)\s+")  # ("no significant effect on cancer incidence")
_DEATHS_FROM_BEFORE = re.compile(r"\b(?:deaths?|mortality)\s+(?:from|due to)\s+(?:other\s+)?$", re.I)
_AT_THESE_DOSES = re.compile(r"\s+at\s+(?:these|this|the|all|each|higher|lower|both)\s+(?:doses?|dose levels?|levels?)$")
_NOT_ENDPOINT = re.compile(r"adverse|FEV1|FVC|DLCO|half-life|clearance|AUC|area under|Cmax|concentration", re.I)


class _LastEndpoint:
    """The endpoint named last before the current sentence: a hazard ratio or a bare duration in
    the next sentences is of it. A sentence without values is read for endpoints only when a value
    asks (most never do: the endpoint scan was 5% of extraction time)."""

    def __init__(self) -> None:
        self.known: str | None = None
        self.unread: list[str] = []  # sentences without values since ``known`` was set

    def passed(self, sent: str) -> None:
        self.unread.append(sent)

    def named(self, name: str) -> None:
        self.known, self.unread = name, []

    def get(self) -> str | None:
        for sent in reversed(self.unread):
            last = None
            for m in endpoint_matches(sent):
                name = _ENDPOINTS[int(m.lastgroup[1:])][1] or _clean_measure(m.group(0))
                if not _NOT_ENDPOINT.search(name):
                    last = name
            if last is not None:
                self.named(last)
                break
        self.unread = []
        return self.known


_OF_AFTER = re.compile(r"\s+of\s+(?:(?:the|a|an|oral|intravenous|subcutaneous|daily|weekly|continuous|open-label|"
                       r"maintenance|adjuvant|treatment with|therapy with)\s+)*(?=\S)", re.I)
_BARE = "ratio, as the last"  # (a placeholder statistic, resolved to the ratio named before)
_BARE_RATIO_CI = re.compile(rf"(?:\(|\band\s+)\s*(?P<v>{NUM})\s*,\s*(?P<lo>{NUM})\s*(?:to|–)\s*(?P<hi>{NUM})(?=\s*[);]|\s+for\b)")
_SCALE_WORD = re.compile(r"cale|core|ating|nventory|uestionnaire|ndex")
_SCALE_NAMED = re.compile(r"\b(?:[Ss]cales?|[Rr]atings?|[Ss]cores?|[Ii]nventory|[Qq]uestionnaire|[Ii]ndex)\b[^()]{0,100}?"
                          r"\((?P<ab>[A-Z][A-Za-z0-9-]{1,12})\)")
_SCORE_END = re.compile(r"\b(?:score|scale|index)$")
# a bare number as a score's value: after "score(s) was/were", or paired with one, and before an arm or its pair
_SCORE_WAS_BEFORE = re.compile(r"\bscores?\b(?:\s+(?:on|of|for|at)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}?)?,?\s+"
                               r"(?:was|were|averaged|fell to|decreased to|improved to|rose to|increased to)\s+"
                               r"(?:a\s+mean\s+of\s+|approximately\s+|about\s+)?$", re.I)
_SCORE_PAIR_GAP = re.compile(r"(?:\s+(?:in|with|among|for|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+)?\s*,?\s*"
                             r"(?:and|vs\.?|versus|as compared with|compared with)\s+", re.I)
_SCORE_ARM_AFTER = re.compile(r"\s+(?:in|with|among|for|on)\s+(?:the\s+)?[a-z]|\s*,?\s*(?:and|vs\.?|versus)\s+[-−]?\d|"
                              r",\s+respectively\b", re.I)
# the primary end point defined, and named later by its rank: "The primary outcome was stroke or systemic embolism."
# (a name alone in its clause: a composite spelled out in parentheses stays "the primary outcome")
_PRIMARY_DEFINED = re.compile(r"\b[Tt]he primary (?:efficacy )?(?:outcome|end ?point)(?: measure)? was (?:the\s+)?"
                              r"(?P<x>(?!both\b|an?\s)[a-z][^.;:(),]{2,60}?)\s*(?:[.;]|$)")
_NOT_A_DEFINITION = re.compile(r"(?:not|met|achieved|reached|significantly|similar|reduced|improved|higher|lower|longer|"
                               r"shorter|better|worse|observed|seen|positive|negative|\d)\b", re.I)
_PRIMARY_MEASURE = re.compile(r"(?:(?:the\s+)?(?:rates?|risks?|incidences?|frequenc(?:y|ies))\s+of\s+)?(?:the\s+)?"
                              r"(?P<p>primary (?:efficacy )?(?:outcome|end ?point))s?", re.I)


def extract_outcomes(ctx: DocContext) -> list[Outcome]:
    foot = footnote_spans(ctx.text)
    outcomes: list[Outcome] = []
    arms = ArmState(combination=list(dict.fromkeys(m.concept.label for m in ctx.combination())),
                    by_dose=_drugs_by_dose(ctx.regimens))
    last_endpoint = _LastEndpoint()
    condition_keys = {m.key for m in ctx.mentions if m.concept.type == "disease"
                      and named_after_patients_with(ctx, m)}
    seen: set[tuple] = set()
    given = {r.drug_key for r in ctx.regimens}
    last_ratio_measure: str | None = None  # what the last odds ratio or relative risk was of
    last_ratio: tuple[str, str | None] | None = None  # the last ratio's statistic and measure
    primary: str | None = None  # what "the primary outcome" is, once the paper says
    last_score_measure: str | None = None  # the score named last, for a later "the scores were"
    for s in ctx.sentences:
        if s.section == "TITLE":
            continue
        sent = percent_signs(ctx.sentence_text(s))  # (the evidence keeps the sentence as written)
        if "rimary" in sent and (defined := _PRIMARY_DEFINED.search(sent)) and not _NOT_A_DEFINITION.match(defined.group("x")):
            primary = " ".join(defined.group("x").split())  # "The primary outcome was stroke or systemic embolism."
        for named in _SCALE_NAMED.finditer(sent) if "(" in sent and _SCALE_WORD.search(sent) else ():
            # "on a version of the Scale for the Assessment of Positive Symptoms adapted for Parkinson's disease
            # (SAPS-PD). Scores fell by an average of 5.79 points": the scale's
            last_score_measure = named.group("ab")
        values: list[Value] = []
        if _HAS_DIGIT.search(sent) and ("%" in sent or _VALUE_HINT.search(sent) or "score" in sent or "C50" in sent
                                        or "I50" in sent or "aximal" in sent
                                        or ("K" in sent or "onstant" in sent) and _AFFINITY.search(sent)
                                        or " in " in sent and _EVENTS_HINT.search(sent) and _EVENTS_IN.search(sent)
                                        or " had " in sent and _PEOPLE_HAD.search(sent)
                                        or last_ratio is not None and "(" in sent
                                        or "(" in sent and _MEAN_SD_NAMED.search(sent)) \
                or ("edian" in sent or "ean" in sent) and _WORD_TIME.search(sent) \
                or ("ercent" in sent or "er cent" in sent) and _WORD_PERCENT.search(sent):  # ("eleven months", "six percent")
            drugs = ctx.mentions_in(s.start, s.end, ("drug",))
            values = _values(sent, s.start, foot, {m.start - s.start for m in drugs}, {m.end - s.start for m in drugs})
        if not values:  # only the endpoint named last matters, for the next sentence's hazard ratios
            last_endpoint.passed(sent)
            continue
        measures = _measures(sent, ctx.mentions_in(s.start, s.end), s.start, condition_keys)
        owners = ctx.mentions_in(s.start, s.end, ("cell_population", "target")) if "their " in sent or "its " in sent \
            else ()  # (what "their" may refer to: "lowered their proportion more than 100-fold")
        for v in values:
            if not v.fixed_measure:
                _assign_measure(v, measures, last_endpoint.get, sent,
                                [surface(ctx.text, m) for m in owners if m.end - s.start < v.start])
        event_rate, kept = None, []
        for v in values:
            rates = [m for m in measures if m.end <= v.start and _EVENT_RATE_NAME.search(m.name)] if v.events else []
            if rates:
                v.measure = event_rate = rates[-1].name  # "The annualized bleeding rate was 2.9 events"
            elif v.events:
                continue  # (events the sentence names no rate for are not read: "favored tolvaptan (44 vs. 50 events per ...")
            elif event_rate and v.unit == "%" and _REDUCTION_AFTER.match(sent, v.end):
                v.measure = event_rate  # "... compared with 23.3 events ... - an 87% reduction": of the rate
            kept.append(v)
        values = kept
        for prev, v in zip(values, values[1:]) if "-fold" in sent else ():
            if v.unit == prev.unit == "fold" and prev.measure and _JOINED.fullmatch(sent, prev.end, v.start):
                v.measure = prev.measure  # "increased the AUC 15-fold and 10-fold": both of the AUC
        _fill_measures(sent, values, last_endpoint.get)
        for v in values:  # "At week 52, the scores were 3.4 and 3.0": the score named before
            if v.unit in (None, "points") and v.measure is not None and v.statistic in (None, "difference"):
                if v.measure in ("scores", "score", "the scores", "the score") and last_score_measure:
                    v.measure = last_score_measure
                elif _SCORE_END.search(v.measure) or "intensity" in v.measure:
                    last_score_measure = v.measure
        for v in values:  # "The risk was markedly increased in ... (OR, 2.65", "the adjusted OR was 1.22": of the ratio before
            if v.statistic == _BARE:  # "(1.43, 1.28 to 1.60)" after an odds ratio written in full: another one
                v.statistic, v.measure = (last_ratio[0], last_ratio[1]) if last_ratio else (None, None)
                continue
            if v.statistic in _RATIOS and v.measure is None and last_ratio_measure and not measures \
                    and "ratio" not in last_ratio_measure:
                # a ratio the sentence names nothing for is of the ratio read before: "Bisphosphonates were being taken
                # by 78% of the case patients ... (multivariable-adjusted odds ratio, 33.3"
                v.measure = last_ratio_measure
            if v.statistic in _RATIOS and v.measure:
                last_ratio = (v.statistic, v.measure if v.measure not in _BARE_RATIO_MEASURES else last_ratio_measure)
                if v.measure in _BARE_RATIO_MEASURES and last_ratio_measure:
                    v.measure = last_ratio_measure
                elif v.measure not in _BARE_RATIO_MEASURES:
                    last_ratio_measure = v.measure
        if "respectively" in sent:
            _respective_measures(sent, values, measures)
        paired: Value | None = None
        for v in values:
            if v.sd and v.of_disease:
                v.measure = None  # "hypotensive group (33 +/- 3%)": a disease names no measured quantity
            if v.measure is None:
                continue
            if v.statistic is None:
                v.statistic = _statistic(sent, v, measures)
                if v.statistic is None and paired is not None and paired.measure == v.measure and paired.unit == v.unit:
                    v.statistic = paired.statistic  # "the mean change was -1.5 ... and -0.1 percentage points"
            paired = v
        # (a substance measured and never given is no arm: "serum creatinine level")
        _assign_arms(sent, s.start, values, [d for d in drugs if d.key in given or not (
            _MEASURED_BEFORE.search(sent, max(0, d.start - s.start - 12), d.start - s.start)
            or _LEVEL_AFTER.match(sent, d.end - s.start))], arms)
        endpoints = [m for m in measures if m.endpoint]
        if endpoints:
            last_endpoint.named(endpoints[-1].name)
        for v in values:
            if v.measure is None or _just_a_duration(v) or \
                    "valua" in sent and _NOT_EVALUATED_BEFORE.search(sent, max(0, v.start - 80), v.start):
                continue  # (nor a count of patients not evaluated: "response could not be evaluated in 7 (4.8%)")
            if "rimary" in v.measure and (named := _PRIMARY_MEASURE.fullmatch(v.measure)):
                v.measure = primary or named.group("p")  # "Rates of the primary outcome were 1.69% ..."
            key = (v.measure.lower(), v.value, tuple(v.arm or ()), v.statistic)
            if key in seen:
                continue
            seen.add(key)
            ev = Evidence(ctx.sentence_text(s), s.start, s.end, s.section, spans=((s.start + v.start, s.start + v.end),),
                          extractor=ctx.extractor, confidence=0.8 if v.arm is None else 0.85)
            outcomes.append(Outcome(
                measure=_LEADING_PREPOSITION.sub("", v.measure), value=v.value, evidence=ev, statistic=v.statistic,
                unit=f"{v.unit} per year" if v.per_year else v.unit,
                range_low=v.rng[0] if v.rng else None, range_high=v.rng[1] if v.rng else None,
                ci_low=v.ci[0] if v.ci else None, ci_high=v.ci[1] if v.ci else None, p_value=v.p,
                timepoint=v.timepoint, arm=v.arm))
    orr = " ".join(ctx.abbreviation_map.get("ORR", "").lower().split())
    if orr in _RESPONSE_RATE_NAMES:  # "ORR" is the response rate the paper defines: "Objective response rate (ORR)"
        for o in outcomes:
            if o.measure in _RESPONSE_RATE_NAMES:
                o.measure = orr
    single = _single_arm(ctx, outcomes)
    for o in outcomes if single else ():
        if o.arm is None and o.statistic not in _COMPARATIVE:
            o.arm = list(single)
    return outcomes


_COMPARATIVE = {"hazard ratio", "odds ratio", "relative risk", "rate ratio", "risk reduction", "risk increase",
                "relative risk reduction", "difference",
                "posterior probability"}
_CONTROLLED = re.compile(r"random|placebo|controlled|crossover|comparative", re.I)
_COMPARED = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|in comparison)\b", re.I)


def _single_arm(ctx: DocContext, outcomes: list[Outcome]) -> list[str] | None:
    """The drugs of a trial's only arm: a study that is neither randomized nor controlled, where no
    value was given to an arm and the regimens name the drugs ("ibrutinib 420 mg daily")."""
    st = ctx.study
    if st is None or not (st.phase or st.n_patients) or st.design and _CONTROLLED.search(st.design):
        return None
    drugs = list(dict.fromkeys(r.drug for r in ctx.regimens))
    if len(drugs) > 1 and _COMPARED.search(ctx.text):
        return None  # (two drugs compared, not given together: "ranitidine versus cimetidine")
    given = {tuple(o.arm) for o in outcomes if o.arm}
    if len(given) > 1 or given and not set(next(iter(given))) <= set(drugs):
        return None  # (values given to arms: a comparison; one arm of the drugs given is still the only one)
    return drugs or None


_SPANS_OF_TIME = frozenset(_TIME_UNITS.values())
# (or a count of days: "migraine days", "days of use of acute migraine-specific medication")
_TIMED_MEASURE = re.compile(r"\b(?:time|duration|period|delay|interval|latency|onset|half[- ]?(?:life|time)|follow-up|days|"
                            r"survival|response|remission|stay|length|PFS|OS|DFS|EFS|RFS|TTP|TTF|DoR)s?\b", re.I)


def _just_a_duration(v: Value) -> bool:
    """A span of time with no statistic after a phrase that is no timed endpoint is how long
    something lasted or when it happened ("trials that were 6-52 weeks in duration", "hepatitis
    3 weeks following"; "disease control", a rate, is no timed endpoint), not a measured outcome."""
    return v.unit in _SPANS_OF_TIME and (v.statistic is None and not _TIMED_MEASURE.search(v.measure)
                                         or bool(_A_RATE.search(v.measure)))


# a rate is no span of time ("had a response or were stable for a median of 20 weeks")
_NOT_EVALUATED_BEFORE = re.compile(r"\b(?:could\s+not\s+be\s+evaluated|not\s+evaluable|unevaluable|inevaluable|"
                                   r"were\s+not\s+evaluated)\b[^,;]*$", re.I)
_A_RATE = re.compile(r"\b(?:rates?|proportion|percentage)$")


# ---------------------------------------------------------------- measures
_DEFINED_AS_BEFORE = re.compile(r"\bdefined as\s+(?:\w+\s+){0,3}$", re.I)
_MEDIAN_BEFORE = re.compile(r"\bmedian\s+(?:\w+\s+){0,2}$", re.I)
_MEDIAN_OR_MEAN = re.compile(r"(median|mean)$", re.I)
_NOT_A_MEASURE = re.compile(r"\b(patients?|study|trial|drug|treatment|analysis|it|this|they|which|where|when|there|recipients?|subjects?|"
    r"volunteers?|women|men|children|participants|cases?|rats?|mice|age|aged|majority|minority)\b|"
    r"\b(?:groups?|arms?|cohorts?)$", re.I)  # (a group named last: "the combination and zidovudine groups was")
_LEADING_STATISTIC = re.compile(r"^(?:(?:(?:a|an)\s+)?(?:lower|higher|greater|smaller|reduced|increased)\s+|"
                                r"(?:geometric\s+|least-squares\s+)?mean\s+|"
                                r"median\s+|kaplan-meier estimates?\s+of\s+)")
_LEADING_CONJUNCTION_OR_POSSESSIVE = re.compile(r"(?:whereas|while|but|and|although|her|his|their|its)\s+", re.I)
_TRAILING_AUXILIARY = re.compile(r"\s+(?:had|has|have|had been|has been|have been)$", re.I)
_TRAILING_CONJUNCTION = re.compile(r"\s+(?:and|or|but)$", re.I)
_TRAILING_ADVERB = re.compile(r"\s+[a-z]+ly$", re.I)
_VERB_OBJECT = re.compile(r"\s+(?!(?:by|to|from|in|at|on|over|during|after|with|and|or|but|than|significantly|markedly|"
                          r"slightly|only|not|\d)\b)[a-z]", re.I)  # the verb has an object: "decreased creatinine clearance"
_FUNCTION_WORDS = re.compile(r"(?:(?:and|or|but|was|were|is|are|has|have|had|been|not|also|then)\b\s*)+", re.I)


_INCLUDING_BEFORE = re.compile(r"[,(]\s*(?:including|such as|e\.g\.,?|notably|especially|chiefly|mainly|mostly|"
                               r"primarily|predominantly|particularly)\s+(?:[\w-]+\s+(?:and|or)\s+)?$", re.I)
_INCLUDED_END = re.compile(r"\s*[,)]|\s+(?:and|or)\s+[\w-]+\s*[,)]")
_PEOPLE_AFTER = re.compile(r"\s+(?:patients|subjects|women|men|children|adults|survivors|recipients)\b", re.I)


def _measures(sent: str, mentions: list[EntityMention], offset: int, condition_keys: set[str]) -> list[MeasureMention]:
    out: list[MeasureMention] = []
    taken: list[tuple[int, int]] = []
    for m in endpoint_matches(sent):
        canon = _ENDPOINTS[int(m.lastgroup[1:])][1]
        if _DEFINED_AS_BEFORE.search(sent[max(0, m.start() - 40):m.start()]):
            continue
        if m.group(0) == "RR" and (_RR_VALUE_AFTER.match(sent, m.end()) or sent[m.start() - 1:m.start()] == "["):
            continue  # a relative risk's label: "(RR 0.9; 95% CI 0.8-1.1)", "relative risk [RR]"
        name = canon or _clean_measure(m.group(0))
        endpoint = not _NOT_ENDPOINT.search(name)
        median = bool(_MEDIAN_BEFORE.search(sent[max(0, m.start() - 30):m.start()]))
        out.append(MeasureMention(m.start(), m.end(), name, endpoint, median))
        taken.append((m.start(), m.end()))
    for men in mentions:
        if men.concept.type != "disease" or men.key in condition_keys:
            continue
        s, e = men.start - offset, men.end - offset
        if any(a < e and s < b for a, b in taken):
            continue
        if _PEOPLE_AFTER.match(sent, e):
            continue  # who was counted, not what: "occurs in 14.3% of prostate cancer patients"
        if _INCLUDING_BEFORE.search(sent, max(0, s - 40), s) and _INCLUDED_END.match(sent, e):
            continue  # an example inside the measure's name: "EPS-related adverse events, including akathisia, was"
        grade = _GRADE.search(sent[:s]) or _SEVERITY_BEFORE.search(sent, max(0, s - 30), s) or \
            (_JOINED_WORD_BEFORE.search(sent, max(0, s - 20), s) if s and sent[s - 1] == "-" and not any(
                d.concept.type == "drug" and d.end - offset == s - 1 for d in mentions) else None)  # (not "gentamicin-ARF")
        start = grade.start() if grade else s
        died = _DEATHS_FROM_BEFORE.search(sent, max(0, s - 30), s) if not grade else None
        if died:  # "deaths from coronary heart disease (RR 0.80": the deaths, not the disease
            start, grade = died.start(), died
        scale = _SCALE_AFTER.match(sent, e)  # "pain score": the scale measures the disease
        if not scale and (counted := _INCIDENCE_AFTER.match(sent, e)):
            e, grade = counted.end(), counted  # "cancer incidence (RR 1.00": the measure names its incidence
        if scale:
            e = scale.end()
            if men.text[:1].isupper() and not grade and (named := _NAMED_SCALE_BEFORE.search(sent, max(0, s - 40), s)):
                # a named scale: "the Clinical Dementia Rating-Sum of Boxes score", not the disease's rating
                start, grade = named.start(), named
                e = (tail.end() if (tail := _NAMED_SCALE_TAIL.match(sent, e)) else e)
        out.append(MeasureMention(start, e, sent[start:e].strip().lower() if grade or scale else men.text.lower(),
                                  False, disease=not scale))
    disease_starts = {x.start for x in out if x.disease}
    # (a statistic's label in parentheses is blanked: "the mean (sd) scores for CGI-SF were")
    labelled = _STAT_LABEL.sub(lambda x: " " * len(x.group(0)), sent) if "(" in sent else sent
    for m in _GENERIC_MEASURE.finditer(labelled):
        np_ = _TRAILING_CONJUNCTION.sub("", m.group("np"))  # "alteration and (increased ...)"
        np_start = m.start("np")
        # ", whereas paclitaxel increased": the clause's subject; "her hematocrit had (decreased)"
        lead = _LEADING_CONJUNCTION_OR_POSSESSIVE.match(np_)
        if lead:
            np_, np_start = np_[lead.end():], np_start + lead.end()
        np_ = _TRAILING_AUXILIARY.sub("", np_)
        if not np_ or _MEDIAN_OR_MEAN.match(np_) or any(a <= np_start < b for a, b in taken):
            continue
        if np_start in disease_starts and m.group(0).lower().endswith("occurred") and not _EVENT_HEAD.search(np_):
            continue  # the disease that occurred is the measure ("confusion mostly occurred in ...")
        if _NOT_A_MEASURE.search(np_) or _FUNCTION_WORDS.fullmatch(np_) or _TIME_PHRASE.fullmatch(np_):
            continue  # (nor a time: "... and at 24 months was 85.9%")
        np_end = np_start + len(_TRAILING_ADVERB.sub("", np_))
        if _VERB_OBJECT.match(sent, m.end()) and any(
                men.concept.type == "drug" and men.start - offset <= np_start and np_end <= men.end - offset
                for men in mentions):
            continue  # "amphotericin B decreased creatinine clearance": a drug acting is no measure
        name = _AT_THESE_DOSES.sub("", _LEADING_STATISTIC.sub("", " ".join(np_.lower().split())))
        if " with " in name or " in " in name or " among " in name:
            # "Clinical cure rates with fidaxomicin were ...": the drug is the arm, not part of the measure
            arm = _ARM_TAIL.search(name)
            if arm and any(men.concept.type == "drug" and men.text.lower() == (arm.group("drug") or arm.group("drug2"))
                           and np_start <= men.start - offset for men in mentions):
                name = name[:arm.start()]
        out.append(MeasureMention(np_start, m.end("np"), name, False))
    for m in _PEOPLE_HAD_MEASURE.finditer(sent) if " had " in sent or "experienced" in sent else ():
        # "Significantly fewer fidaxomicin-treated patients had a recurrence of infection, both in ... (15.4% vs.
        # 25.3%": what the people had is the measure
        np_start = m.start("np")
        if not any(a <= np_start < b for a, b in taken) and not _NOT_A_MEASURE.search(m.group("np")):
            out.append(MeasureMention(np_start, m.end("np"), " ".join(m.group("np").lower().split()), False))
    for m in _THRESHOLD_MEASURE.finditer(sent) if "%" in sent and " of " in sent else ():
        # responders by a threshold: "weight reductions of 5% or more occurred in 86.4%, reductions of 10% or more
        # in 69.1%": the threshold is part of the measure's name
        out = [x for x in out if not (x.start < m.end() and m.start() < x.end)]
        name = _NAMED_ABBREVIATION.sub(lambda a: a.group("ab"), m.group(0))  # "in prostate-specific antigen (PSA)": PSA
        out.append(MeasureMention(m.start(), m.end(), " ".join(name.split()) if name != m.group(0) else
                                  " ".join(name.lower().split()), False))
    for m in _COMPOSITE_OF.finditer(sent) if "omposite" in sent else ():
        # "A composite of TTP-related death, recurrence of TTP or a major thromboembolic event ... occurred in 12%":
        # the composite, named whole (its parts are no measures here)
        name = "composite of " + " ".join(m.group("np").lower().split())
        out = [y for y in out if not (m.start("np") <= y.start and y.end <= m.end("np"))]
        out.append(MeasureMention(m.start(), m.end("np"), name, True))
    for x in list(out) if " or " in sent else ():
        # a composite endpoint is one measure: "COVID-19-related hospitalization or death from any cause",
        # "the risk of aortic aneurysm or dissection"
        if x not in out:
            continue
        if (before := _COMPOSITE_BEFORE.search(sent, max(0, x.start - 50), x.start)) is not None:
            x.name, x.start = f"{' '.join(before.group('np').lower().split())} or {x.name}", before.start("np")
        elif x.disease and (after := _COMPOSITE_AFTER.match(sent, x.end)) is not None:
            x.name, x.end = f"{x.name} or {after.group('np').lower()}", after.end("np")
        else:
            continue
        out = [y for y in out if y is x or not (x.start <= y.start and y.end <= x.end)]  # (its parts are no measures)
    for x in out if "discontinu" in sent else ():
        if (led := _LED_TO_DISCONTINUATION.match(sent, x.end)) and _EVENT_HEAD.search(x.name):
            # "Adverse events led to discontinuation in 7.0%": the discontinuations are counted
            x.name, x.end = f"discontinuation due to {x.name}", led.end()
    generic = [x for x in out if not x.endpoint and not x.disease and (_EVENT_HEAD.search(x.name) or _DAYS_OF.search(x.name))]
    if generic:  # a disease inside a count of events is not the measure: "a first worsening heart failure event"
        out = [x for x in out if not (x.disease and any(g.start <= x.start and x.end < g.end for g in generic))]
    caused = [x for x in out if _DUE_TO.search(x.name)]
    if caused:  # what a rate is due to is part of its name: "the discontinuation rate due to adverse events"
        out = [x for x in out if not any(g is not x and g.start <= x.start and x.end <= g.end for g in caused)]
    out.sort(key=lambda x: x.start)
    return out


_EVENT_HEAD = re.compile(r"\b(?:events?|episodes?)$")
_LED_TO_DISCONTINUATION = re.compile(r"\s+(?:led|leading)\s+to\s+(?:the\s+)?(?:permanent\s+)?(?:treatment\s+|drug\s+|study[- ]drug\s+)?"
                                     r"discontinuation(?:\s+of\s+(?:treatment|therapy|the\s+study\s+drug))?", re.I)
_COMPOSITE_BEFORE = re.compile(r"(?<![\w-])(?P<np>(?:[\w-]+\s+){0,2}(?:hospitali[sz]ations?|death|progression|relapse|"
                               r"recurrence|admissions?))\s+or\s+$", re.I)
_COMPOSITE_AFTER = re.compile(r"\s+or\s+(?P<np>dissection|rupture|death|hospitali[sz]ation|recurrence|relapse)\b", re.I)
_COMPOSITE_OF = re.compile(r"\b[Aa]\s+composite\s+(?:end ?point\s+|outcome\s+)?of\s+(?P<np>[^;()]{5,120}?)"
                           r"(?=,?\s+(?:(?:had|has|have)\s+)?(?:during|occurred|was|were|at|through|within|by|over|"
                           r"in\s+the\s+(?:first|\d))\b)")  # (", had occurred in 9.8%")
_RATIOS = frozenset({"odds ratio", "relative risk", "hazard ratio", "rate ratio"})
_BARE_RATIO_MEASURES = frozenset({"risk", "adjusted", "association", "the association", "odds", "the risk"})
_NAMED_ABBREVIATION = re.compile(r"(?<=\bin )[\w-]+(?:\s+[\w-]+){0,2}\s+\((?P<ab>[A-Z][A-Za-z0-9-]{1,9})\)")
_MEASURED_BEFORE = re.compile(r"\b(?:serum|plasma|blood|urinary|urine|(?:reductions?|increases?|changes?|decreases?|rises?|"
                           r"falls?|declines?)\s+in)\s+$", re.I)  # (and "the mean reduction in alkaline phosphatase")
_LEVEL_AFTER = re.compile(r"\s+(?:levels?|concentrations?|clearance)\b", re.I)
_THRESHOLD_MEASURE = re.compile(
    r"\b(?:(?:body\s+)?weight\s+|[\w-]+\s+(?=(?:loss|gain)))?(?:reductions?|loss(?:es)?|decreases?|declines?|increases?|"
    r"improvements?|gains?|responses?)\s+(?:in\s+(?:[\w-]+\s+){1,3}?(?:\([^()]{1,10}\)\s+)?)?of\s+(?:(?:at\s+least\s+|more\s+than\s+|[≥>]=?\s*)"
    r"\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%\s+or\s+(?:more|greater|higher|above))"
    # (and the scale it is measured on: "an improvement of at least 75% in the Eczema Area and Severity Index (EASI-75)")
    r"(?:\s+in\s+(?:the\s+)?[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,6}?(?=\s*\(|\s+(?:at|from|score|was|were|occurred)\b))?",
    re.I)
_DUE_TO = re.compile(r"\s(?:due to|because of|owing to|leading to)\s")


# the last resort: a noun phrase whose head names a measured quantity, close before the value
# ("an increase in the total IIEF score (54.4% vs 1.2%", "SCr increases > or = 0.5 mg/dL occurred in 4.4%")
_MEASURE_HEAD = re.compile(
    r"\b(?:scores?|rates?|levels?|concentrations?|pressures?|counts?|durations?|index|indices|volumes?|incidences?|"
    r"frequenc(?:y|ies)|ratios?|increases?|decreases?|reductions?|changes?|clearance|output|amplitudes?|"
    r"latenc(?:y|ies)|values?|outcomes?|end ?points?)\b", re.I)
_MODIFIER_WORDS = re.compile(r"(?<![\w-])(?:(?!(?:the|a|an|of|in|and|or|with|was|were|had|for|than|significant(?:ly)?|mean|"
                             r"median|higher|lower|greater|smaller|no|whereas|while|whom|who|which|this|that|these|those|"
                             r"did|does|do|not|to|sd|se|by|its|their|his|her|where|when|similar|dramatic|marked|(?!(?:estimat|adjust|correct|summ)ed)\w+ed)\b)"
                             r"[A-Za-z][\w-]*\s+){0,3}$", re.I)
_OF_WHAT = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?(?P<what>(?:(?!_)[A-Za-z][\w-]*(?:\s+(?!_)[A-Za-z][\w-]*){0,2}))"
                      .replace("(?!_)", r"(?!(?:from|to|in|of|was|were|by|at|with|after|than|and|or|the|a|an|almost|about|"
                                        r"approximately|nearly|only|patients|animals|rats|mice|groups?|subjects|controls|"
                                        r"women|men|\w+ed)\b)"), re.I)
_BARE_HEAD = re.compile(r"(?:increases?|decreases?|reductions?|changes?|values?|levels?|rates?|durations?|outcomes?|"
                        r"end ?points?)", re.I)


def _measure_named_before(sent: str, lo: int, start: int) -> str | None:
    head = None
    for head in _MEASURE_HEAD.finditer(sent, lo, start):
        pass
    if head is None or start - head.end() > 45 or any(c in sent[head.end():start] for c in ";,"):
        return None
    end = head.end()
    of = _OF_WHAT.match(sent, end, start)  # "the incidence of postoperative convulsive seizures from 1.3%"
    if of:
        end = of.end("what")
    mods = _MODIFIER_WORDS.search(sent, max(lo, head.start() - 40), head.start())
    begin = mods.start() if mods else head.start()
    if begin == head.start() and end == head.end() and _BARE_HEAD.fullmatch(head.group(0)):
        return None  # "an increase (40%)": of what, the rule cannot tell
    return " ".join(sent[begin:end].split()).lower()


_MEASURE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")


def _respective_measures(sent: str, values: list[Value], measures: list[MeasureMention]) -> None:
    """"The 2-year progression-free survival and overall survival rates were 69.1% and 95.2%,
    respectively": as many measures listed as values after them, each value its measure."""
    resp = sent.index("respectively")
    runs: list[list[MeasureMention]] = []
    for m in sorted(measures, key=lambda x: x.start):
        if " and " in m.name or " or " in m.name:
            continue  # (a name read across the list: "vomiting and fatigue")
        if runs and _MEASURE_LIST_GAP.fullmatch(sent, runs[-1][-1].end, m.start) and m.start >= runs[-1][-1].end:
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < 2:
            continue
        after = [v for v in values if run[-1].end <= v.start and v.end <= resp and v.statistic != "hazard ratio"]
        if len(after) == len(run):
            for v, m in zip(after, run):
                v.measure, v.of_disease = m.name, m.disease


def _fill_measures(sent: str, values: list[Value], prev_endpoint: Callable[[], str | None]) -> None:
    """Values no rule named: the measured quantity named just before, else the value before's
    ("occurred in 4.4% (9 of 204 patients) after iopamidol and 6.7% ... after iodixanol"); a
    hazard ratio takes the value before's measure, else the endpoint named last."""
    prev = None
    for v in values:
        if v.measure is None and v.statistic == "hazard ratio":
            if prev is not None and prev.statistic == "risk increase" and prev.measure:
                v.measure = prev.measure  # "a 44 percent higher risk of developing dementia (hazard ratio 1.44"
            elif prev is not None and prev.statistic == "risk reduction" and prev.measure:
                # "a 42 percent reduction in the risk of progression or death (hazard ratio 0.58": the endpoint's
                v.measure = "progression-free survival" if "progression" in prev.measure else \
                    "overall survival" if prev.measure.endswith("risk of death") else prev.measure
            elif prev is not None and prev.measure and prev.statistic != "hazard ratio":
                v.measure = prev.measure  # "... (12.1%) in the placebo group (hazard ratio, 0.86; ...)"
            else:
                v.measure = prev_endpoint()
        elif v.measure is None and not v.fixed_measure:
            v.measure = _measure_named_before(sent, prev.end if prev else 0, v.start)
            if v.measure is None and prev is not None and prev.measure and v.unit == prev.unit \
                    and v.start - prev.end < 70 and ";" not in sent[prev.end:v.start]:
                v.measure = prev.measure
        if v.measure == "risk" and (named := prev_endpoint()):
            v.measure = named  # "The risk was lower by 6.32 percentage points": the risk of the endpoint named last
        prev = v


_ABBREVIATED_MEASURE = re.compile(r"[A-Z0-9]+(?: slope)?")
_GRADE_OR_HIGHER = re.compile(r"\bgrade\s*(?:≥|>=)\s*(\d)")


_RESPONSE_RATE_NAMES = frozenset(("objective response rate", "overall response rate"))


def _clean_measure(text: str) -> str:
    t = " ".join(text.split())
    if t.isupper() or _ABBREVIATED_MEASURE.fullmatch(t):
        return {"ORR": "overall response rate", "RR": "response rate", "DCR": "disease control rate",
                "CBR": "clinical benefit rate", "PCR": "pathologic complete response"}.get(t.upper(), t)
    t = t.lower()
    t = _GRADE_OR_HIGHER.sub(r"grade \1 or higher", t)
    if t in ("objective response", "overall response"):
        t += " rate"
    return t


_ADVERSE_EVENTS = re.compile(r"adverse events?")
_OF_PATIENTS_AFTER = re.compile(r"\s+of\s+(?:the\s+|all\s+)?(?:patients|participants|subjects|men|women)\b", re.I)
_VERB_AFTER_SHARE = re.compile(r"\s+(?:discontinued|stopped|withdrew|died|required|had|developed|experienced|achieved)\b", re.I)
_CLAUSE_OPENS_BEFORE = re.compile(r"(?:^|[;:]\s*|(?<!\bvs)(?<!\bv)\.\s+)$")  # (not "vs. 90.0%")
_NUMBER_WORD = re.compile(rf"(?i:{WORD_NUMBER})\b")
_COUNT_THEN_VERB = re.compile(r"\s*(?:;[^()]{0,30})?\)\s*(?:of\s+(?:the\s+)?patients\s+)?(?:had|achieved|developed|experienced|showed|"
                              r"attained|reached|obtained|required)\b", re.I)
# the words between a list's comma and the parenthesis a value opens ("..., behavioral change (22")
_LISTED_NAME = re.compile(r",\s+(?:and\s+|or\s+)?(?P<name>[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z-]+){0,3})\s*\(\s*$")


_THAT_OF = re.compile(r"^(?:that|those) of\s+")
# "... reductions in X of 13%", and the next of a list: ", in Y of 19%"
_CHANGE_IN_OF = re.compile(r"(?:\breductions?|\bdecreases?|\bincreases?|\brises?|,|\band)\s+in\s+(?:the\s+)?"
                           r"(?P<what>[a-z][\w-]*(?:\s+(?!of\b)[\w-]+){0,6}?)\s+of\s+(?:about\s+|approximately\s+)?$", re.I)
_CHANGE_NOUN_BEFORE = re.compile(r"\b(?:reductions?|decreases?|increases?|rises?)\b(?!.*\b(?:was|were)\b)", re.I)
_CATEGORY = re.compile(r"^(?:the\s+)?most\s+(?:common|frequent|frequently\s+\w+)\b|^(?:[\w-]+\s+)?(?:adverse\s+events?|AEs?|"
                       r"toxicit(?:y|ies)|side\s+effects?)$", re.I)
_NOT_A_NAME_WORD = r"(?!(?:significantly|higher|lower|more|less|similar|reported|observed|seen|with|in|than|the|a|an|" \
                   r"of|for|and|or|mostly|mainly|generally|grade)\b)"
_CATEGORY_THEN_NAME = re.compile(rf"\s+(?:were|was|included|includ(?:ing|es))\s*:?\s+(?P<name>{_NOT_A_NAME_WORD}[A-Za-z][\w-]*"
                                 rf"(?:\s+{_NOT_A_NAME_WORD}[\w-]+){{0,3}}?)\s*\([^()]*$", re.I)
# the second of two changes that share one verb: "by 93% and (tumor multiplicity) by 97%"
_ELIDED_CHANGE_BY = re.compile(rf"\bby\s+{NUM}\s*%\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?"
                               r"(?P<what>[a-z][\w-]*(?:\s+(?!by\b)[a-z][\w-]*){0,3})\s+by\s+$", re.I)
_RAISING = {"increased", "raised", "enhanced", "elevated", "improved", "rose"}
# the verbs of a change by a percentage: "reduced X by 45%" (transitive), "X fell by 30%" (either)
_TRANSITIVE_CHANGE = "reduced|decreased|increased|inhibited|suppressed|lowered|raised|enhanced|elevated|improved"
_CHANGE_VERB = re.compile(rf"\b(?:{_TRANSITIVE_CHANGE})\b", re.I)
_CHANGED_BY = re.compile(rf"\b(?P<verb>{_TRANSITIVE_CHANGE})\s+(?:[a-z]+ly\s+)?(?:the\s+)?(?P<what>(?![a-z]+ly\b)[a-z][a-z-]*(?:\s+(?!by\b|from\b)[a-z][a-z0-9-]*){{0,4}}?)\s+(?:(?P<by>by)|from"
                         rf"(?:\s+{NUM}\s*%?\s+to)?)\s+(?:about\s+|approximately\s+|nearly\s+|up\s+to\s+)?$", re.I)


_DAYS_OF = re.compile(r"^(?:(?:mean\s+)?(?:number\s+of\s+)?days\s+(?:of|with|on)\b)")  # ("days of use of acute migraine-specific
# medication": a count of days, whatever disease its words name)
_ARM_TAIL = re.compile(r"\s+(?:with\s+(?:the\s+)?(?P<drug>[\w-]+(?:\s+[\w-]+)?)|(?:in|among)\s+the\s+(?P<drug2>[\w-]+(?:\s+[\w-]+)?)"
                       r"\s+(?:group|arm|recipients))$")
_INCIDENCE_AFTER = re.compile(r"\s+(?:incidence|mortality)\b", re.I)


def _assign_measure(v: Value, measures: list[MeasureMention], prev_endpoint: Callable[[], str | None],
                    sent: str, owners: list[str] | tuple[str, ...] = ()) -> None:
    """The measure a value is of; ``prev_endpoint()`` is the endpoint named last before the sentence; ``owners``
    what "their" may refer to (the cell populations and targets named before the value, as written)."""
    if v.statistic == "hazard ratio":  # (else the value before it, else the endpoint named last: _fill_measures)
        before = [m for m in measures if m.end <= v.start and m.endpoint]
        if not before:  # a rate the sentence names: "The discontinuation rate ... was lower (hazard ratio 0.62"
            before = [m for m in measures if m.end <= v.start and not m.disease and _RATE_LIKE.search(m.name)]
        if not before:  # "the rate of cardiovascular disease was 10.7 events per 1000 person-years (hazard ratio"
            rate_of = [m for m in measures if m.end <= v.start and not m.disease and _RATE_OF.match(m.name)]
            if rate_of:
                v.measure = _RATE_OF.match(rate_of[-1].name).group("what")
                return
        if not before:  # "the risk of depression or clinically relevant depressive symptoms was (...) (hazard ratio"
            before = [m for m in measures if m.end <= v.start and m.disease
                      and (_RISK_OF_END.search(sent, max(0, m.start - 20), m.start) or _RISK_AFTER.match(sent, m.end))]
        v.measure = before[-1].name if before else None
        return
    window = sent[max(0, v.start - 80):v.start] if v.unit else ""  # ("IgM levels decreased from 3520 mg/dl to")
    changed = _CHANGED_BY.search(window) if " by " in window or " from " in window else None
    if changed:  # "reduced cell proliferation by 45%", "decreased the ALDH-positive population from 8.2% to
        # 2.1%": what was changed, not a measure named after
        w0 = v.start - len(window)  # (the window's offsets in the sentence)
        inside = [m for m in measures if w0 + changed.start("what") <= m.start and m.end <= w0 + changed.end("what")]
        v.measure = inside[-1].name if inside else _THAT_OF.sub("", changed.group("what").lower())
        if changed.group("by"):
            v.statistic = v.statistic or ("increase" if changed.group("verb").lower() in _RAISING else "reduction")
        return
    if v.unit == "fold" and (fold := _CHANGED_FOLD.search(window)) and not _PASSIVE_END.search(window, 0, fold.start()):
        # "increased the area under the midazolam plasma concentration-time curve (AUC) 15-fold": what was changed
        what = _FOLD_HEDGE_END.sub("", " ".join(PARENTHESES_SPACED.sub("", fold.group("what")).split()))
        if (their := _THEIR.match(what)) and owners:
            v.measure = f"{their.group('what').lower()} of {owners[-1]}"  # "lowered their proportion": the CSCs'
            return
        if what and not their:
            v.measure = what if what[1:2].isupper() else what.lower()
            return
    change_in = _CHANGE_IN_OF.search(window) if " of " in window and " in " in window and (
        "reduc" in sent or "decreas" in sent or "increas" in sent or "rise" in sent) else None
    if change_in and v.unit == "%" and (noun := _CHANGE_NOUN_BEFORE.search(sent, 0, v.start)):
        # "reductions in coronary death of 13% (95% CI 7-19), in coronary revascularisation of 19%"
        v.measure = change_in.group("what").lower()
        v.statistic = v.statistic or ("increase" if noun.group(0).lower().startswith(("increase", "rise")) else "reduction")
        return
    elided = _ELIDED_CHANGE_BY.search(window) if " by " in window else None
    verb = _CHANGE_VERB.search(sent, 0, v.start - len(window) + elided.start()) if elided else None
    if verb:  # "reduced the incidence of X by 93% and tumor multiplicity by 97%": the verb is the first's
        v.measure = elided.group("what").lower()
        v.statistic = v.statistic or ("increase" if verb.group(0).lower() in _RAISING else "reduction")
        return
    if v.unit == "%" and _CLAUSE_OPENS_BEFORE.search(sent, max(0, v.start - 3), v.start) and (
            _OF_PATIENTS_AFTER.match(sent, v.end) or _VERB_AFTER_SHARE.match(sent, v.end)):
        # "...; 81% of the patients in the control group crossed over", "; 17.6% discontinued treatment due to AEs":
        # the clause names its own measure (a verb alone only when it does name one)
        after = [m for m in measures if m.start >= v.end and m.start - v.end < 80]
        if after or _OF_PATIENTS_AFTER.match(sent, v.end):
            v.measure = after[0].name if after else None
            return
    before = [m for m in measures if m.end <= v.start]
    if before:
        # an adverse-event list: "stomatitis (64% vs. 17%)" uses the closest name, but a plain
        # "adverse event" predicate ("X was the most frequent adverse event, affecting 59%") yields to X
        best = before[-1]
        if _ADVERSE_EVENTS.fullmatch(best.name) and len(before) > 1 and not before[-2].endpoint:
            best = before[-2]
        v.measure = best.name
        v.of_disease = best.disease
        if _COUNT_THEN_VERB.match(sent, v.end):  # "six (33%) achieved a partial response"
            after = [m for m in measures if m.start >= v.end and m.start - v.end < 60]
            if after:
                v.measure = after[0].name
            return
        named = _CATEGORY_THEN_NAME.match(sent, best.end, v.start) if _CATEGORY.search(best.name) else None
        if named and not _FUNCTION_WORDS.match(named.group("name")):
            # "the most common (adverse events) were mouth ulceration (32% ...": the event, not its category
            v.measure, v.of_disease = named.group("name").lower(), False
            return
        listed = _LISTED_NAME.search(sent, best.end, v.start)  # "dry mouth (10%), behavioral change (22%)"
        if listed and not _FUNCTION_WORDS.match(listed.group("name")) and not _NUMBER_WORD.match(listed.group("name")):
            v.measure = listed.group("name").lower()
            v.of_disease = False
        return
    # (a CI in parentheses between does not count: "75.8% (95% CI, 69.8 to 80.7) of patients ... were alive
    # without disease progression")
    after = [m for m in measures if m.start >= v.end and (m.start - v.end < 80 or m.start - v.end < 160 and "(" in sent[v.end:m.start]
                                                          and len(_CI_PARENTHESIS.sub("", sent[v.end:m.start])) < 80)]
    if after:
        v.measure = after[0].name
        v.of_disease = after[0].disease
        return
    if v.unit in ("months", "weeks", "days", "years") and not _PERIOD_OR_AGE_BEFORE.search(sent, max(0, v.start - 70), v.start):
        v.measure = prev_endpoint() or v.measure  # (not "infused during 5 days", "the mean age ..., 64 years")


_PERIOD_OR_AGE_BEFORE = re.compile(r"\b(?:during|over|for)\s+(?:(?:more|longer|less)\s+than\s+|at\s+least\s+|up\s+to\s+)?"
                                   r"(?:\d+(?:\.\d+)?\s*(?:-|–|to)\s*)?$|\bages?\b[^.;()]*$", re.I)
_RISK_OF_END = re.compile(r"(?:\b(?:risk|incidence|rate|odds|hazard)\s+of|\b(?:hazard ratios?|a?HRs?)\s+for)\s+(?:the\s+)?$", re.I)
_RISK_AFTER = re.compile(r"\s+(?:risk|incidence)\b", re.I)  # "a reduction in HCC risk; the aHRs were"
_RATE_OF = re.compile(r"(?:the\s+)?(?:rates?|risks?|incidences?) of (?P<what>.+)$", re.I)
_RATE_LIKE = re.compile(r"\b(?:rates?|risks?|incidences?|events?|mortality|discontinuations?|hazards?)"
                        r"(?:\s+(?:due to|because of|owing to)\s.+)?$", re.I)  # ("the discontinuation rate due to GI AEs")
_MEDIAN = re.compile(r"\bmedian\b(?!\s+(?:follow-?up|age|time of follow))", re.I)  # (not "With a median follow-up of 9 years, ...")
_MEAN = re.compile(r"\bmean\b", re.I)
_CHANGED_FOLD = re.compile(r"\b(?:increased|decreased|raised|reduced|lowered|elevated)\s+(?:the\s+)?"
                           r"(?P<what>[a-z](?:(?!-fold)[^;,]){2,90}?)\s+(?:by\s+)?(?:about\s+|approximately\s+|nearly\s+)?$",
                           re.I)
_PASSIVE_END = re.compile(r"\b(?:was|were|is|are|been|be)\s+$", re.I)
_FOLD_HEDGE_END = re.compile(r"\s+(?:more than|nearly|about|approximately|almost|over|up to|some)$", re.I)
_THEIR = re.compile(r"(?:their|its)\s+(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)$", re.I)
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+|\s*,\s*")
_CHANGED_BY_VERB = re.compile(rf"\b({_TRANSITIVE_CHANGE}|declined|fell|dropped|rose)\s+by\s+"
                              r"(?:about\s+|approximately\s+|nearly\s+)?$", re.I)
_SURVIVAL_TIMES = {"progression-free survival", "overall survival", "event-free survival", "disease-free survival",
                   "relapse-free survival", "metastasis-free survival", "time to progression", "duration of response",
                   "time to treatment failure", "time to PSA progression", "time to response"}
_PAIRED_AFTER = re.compile(r"\s*(?:months?|weeks?|days?|years?|%)?\s*(?:\[[^\[\]]*\]\s*|\([^()]*\)\s*)?(?:vs\.?|versus)\s", re.I)
_PAIRED_BEFORE = re.compile(r"\b(?:vs\.?|versus)\s+$", re.I)
_DIFFERENCE = re.compile(r"\b(improvement|gain|difference|longer)\b", re.I)


# "nearly 3 months longer", "a 15% higher rate": the value is a difference between arms
_COMPARATIVE_AFTER = re.compile(r"\s*(?:months?|weeks?|days?|years?)?\s+(?:longer|shorter|greater|higher|lower)\b", re.I)


def _statistic(sent: str, v: Value, measures: list[MeasureMention]) -> str | None:
    if _COMPARATIVE_AFTER.match(sent, v.end):
        return "difference"
    window = sent[max(0, v.start - 60):v.start]
    # the value's own clause ("... was longer, and AEs ... (73.4%", "...; 81% of the patients")
    window = window[max(window.rfind(", and "), window.rfind("; ")) + 1:]
    if _MEDIAN.search(window) or v.unit != "%" and any(m.median and m.end <= v.start and m.name == v.measure
                                                        for m in measures) \
            or v.unit in ("months", "weeks", "days", "years") and (_MEDIAN.search(sent) or v.measure in _SURVIVAL_TIMES):
        return "median"  # (a survival time without its statistic is a median: "(7.4 months [5.5-10.3] vs 5.5 months")
    if _MEAN.search(window):
        return "mean"
    if v.unit == "%" and (by := _CHANGED_BY_VERB.search(window[-30:])):  # "tumor volume decreased by 30%"
        return "increase" if by.group(1).lower() in _RAISING else "reduction"
    if _DIFFERENCE.search(window + sent[v.end:v.end + 20]) and not _PAIRED_AFTER.match(sent, v.end) \
            and not _PAIRED_BEFORE.search(sent, max(0, v.start - 6), v.start):
        return "difference"  # (not a value compared with another: "the difference was lower (7.4 vs 5.5 months")
    if v.unit == "%":
        return "rate"
    if v.unit == "fold":
        return "fold change"
    return None


# ---------------------------------------------------------------- values
_NOT_OUTCOME_NUMBER = re.compile(r"(?=[\dNnPpGgSs(±+])(?:\bNCT\d+|\b(?:19|20)\d\d\b|\b\d+:\d+\b|\(\s*n\s*=\s*\d+\s*\)|\bn\s*=\s*\d+|\d+-day\b|"
    r"\b\d+(?:st|nd|rd|th)\b|\b(?:phase|grade|stage)\s+[\dIV]+[ab]?\b|\d+\s+days?\s+(?:a|per|each)\s+week|(?:±|\+/-)\s*\d+(?:\.\d+)?|"
    r"\d+(?:\.\d+)?\s*%\s+(?:maturity|power)\b)", re.I)  # (a design figure: "(25% maturity)", "90% power")
_HETEROGENEITY = re.compile(r"\bI\s*[2²]\s*(?:=|:|of)\s*\d+(?:\.\d+)?\s*%")  # (heterogeneity, not an outcome: "I2 = 45%")
_TOXICITY = re.compile(r"toxicity", re.I)
_CI_AFTER = re.compile(r"\s*(?:C[IL]\b|confidence)", re.I)
_RRR_AFTER = re.compile(r"\s+(?:relative\s+)?risk\s+reduction\b", re.I)  # "95% Cl": an l for the I
_STATISTIC_WAS_BEFORE = re.compile(rf"\b(?:mean|median|average)\b[^.;,()]{{0,60}}\b(?:was|were|(?:decreased|increased|fell|rose|"
                                   rf"declined|dropped|improved)\s+(?:from|to)(?:\s+{NUM}\s*\S+\s+to)?)\s+"
                                   r"(?:about\s+|approximately\s+)?$", re.I)  # (or a change: "median IgM levels decreased from")
_DEMOGRAPHIC_AFTER = re.compile(r"\s*(?:were\s+)?(?:women|men|female|male|white|black|asian|hispanic|caucasian)\b"
                                r"(?!\s+(?:who|with|had|in)\b)", re.I)
_PCT_SHARED_AFTER = re.compile(rf"\s*(?:and|vs\.?|versus)\s+{NUMERAL}\s*%")
_WORD_AFTER = re.compile(r"\s+(?!(?:and|or|of|in|to|vs|versus|after|before|later|earlier|apart|ago|from|for|with)\b)[a-z]", re.I)
_AGE_AFTER = re.compile(r"[\s-]*(?:old|of age)\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged?|age of|ages?)\s*[,:=]?\s*(?:of\s*|between\s*|from\s*|was\s*|were\s*)?(?:\d+\s*(?:and|to|-|–)\s*)?$|"
                         r"\bages?\s+(?:of|at|in)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:was|were|is|of)\s+"
                         r"(?:about\s+|approximately\s+)?$", re.I)  # "the median age of the patients was 73 years"
_DESIGN_AIM_BEFORE = re.compile(r"\b(?:aim\w*|target\w*|assum\w*|power\w*|detect|expected|hypothesi[sz]ed)\b[^,;]{0,25}$", re.I)
# a time that places an event ("sampled 14-21 days post-exposure", "32 days prepartum", "3 weeks
# later", "15 days after transplantation") is a timepoint, not a measured duration ("survival of
# 12 months after diagnosis" is one)
_TIMING_AFTER = re.compile(r"\s+(?:post|pre)-[a-z]+|\s+(?:later|earlier|prior|ago|apart|postpartum|prepartum|"
                           r"post(?:operative(?:ly)?|transplant(?:ation)?|exposure|injection|dose|infusion|treatment))\b|"
                           r"\s+(?:after|before|following)\s+(?:the\s+)?(?:[\w.]+\s+){0,2}?(?:ingestion|transplant(?:ation)?|"
                           r"injection|administration|exposure|dosing|doses?|infusion|instillation|application|surgery|"
                           r"operation|onset|initiation|discontinuation|withdrawal|birth|delivery|challenge|treatment|"
                           r"therapy|randomi[sz]ation|presentation|admission|hospitali[sz]ation|receiving|starting|stopping)\b", re.I)
# "resolved by 6 to 8 weeks", "within 3-5 days": when something happened, not how long it lasted
_BY_TIME_BEFORE = re.compile(r"\b(?:by|within|(?:during|over|in|for)\s+the\s+(?:first|last|initial|final))\s+(?:\d+(?:\.\d+)?\s*(?:-|–|to|and|or)\s*)?$", re.I)
# "at 1, 2, 3 and 6 months": the last of a list of timepoints
_TIMEPOINT_LIST_BEFORE = re.compile(r"\b(?:at|after|by|following|for)\s+(?:\d+(?:\.\d+)?\s*(?:,\s*(?:and\s+)?|and\s+|or\s+))+$", re.I)
_THRESHOLD_WORDS_BEFORE = re.compile(r"\b(?:not\s+(?:greater|more|less|higher|lower)\s+than|of\s+(?:less|more|greater|fewer)\s+than|(?:greater|more|less|higher|lower)"
                                     r"\s+than\s+or\s+equal\s+to|at\s+least(?:\s+an?)?|exceeding)\s*$", re.I)
_THRESHOLD_AFTER = re.compile(r"\s+or\s+(?:more|greater|higher|above|less|lower|fewer|below)\b", re.I)  # "of 1% or more"
_THRESHOLD_BEFORE = re.compile(r"[A-Za-z0-9)(]\s*(?:[<>≤≥]=?|[<>]\s*or\s*=|[<>]/=)\s*$")
_HAVING_A_BEFORE = re.compile(r"(?:\b(?:with|who\s+(?:saw|had|achieved|experienced|showed|reached|attained)|achieving|attaining|"
                              r"reaching|having)\s+|\bat\s+least\s+)an?\s+$", re.I)  # ("had at least a 35% reduction")
_CHANGE_AFTER = re.compile(r"\s*(?:or\s+(?:greater|more|higher)\s+)?(?:reduction|decrease|increase|improvement|decline|rise|"
                           r"fall|change|drop)\b", re.I)
_IN_NO_PATIENTS = re.compile(r"\b(?:in|of)\s+no\s+patients?\b", re.I)


# (and the later ones of a list: "a median follow-up of 17.6 months (crizotinib) and 18.6 months (alectinib)";
# and "over a median of 18.2 months")
_FOLLOW_UP_BEFORE = re.compile(r"\b(?:over|during|after|within)\s+a\s+(?:median|mean)\s+(?:period\s+)?of\s+$|"
                               r"\b(?:follow-?up|observation)(?:\s+(?:period|time|duration))?\s*[,:]?\s+(?:(?:was|of|for|lasted)\s+)?"
                               r"(?:(?:about|approximately|a mean of|a median of)\s+)?(?:\d+(?:\.\d+)?\s*(?:-|–|to)\s*)?"
                               r"(?:\d+(?:\.\d+)?\s+(?:months?|years?|weeks?|days?)\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*|and\s+|,\s*and\s+))*$",
                               re.I)
_AFTER_WORD = re.compile(r"\s+(?:after|following|since)\s", re.I)
_CHANGE_BY_BEFORE = re.compile(r"\bby\s+$", re.I)
# a change by a span of time, not a time reached: "migraine days were reduced by 3.2 days"
_CHANGED_BY_TIME = re.compile(r"\b(?:reduced|decreased|increased|fell|rose|declined|dropped|improved|shortened|lengthened|"
                              r"prolonged)\s+by\s+(?:about\s+|approximately\s+|nearly\s+)?(?:\d+(?:\.\d+)?\s+(?:and|or|to)\s+)?$", re.I)
# the unit a pair shares, written after the second: "fell by 1.1 and 1.6 days"
_TIME_PAIR_AFTER = re.compile(r"\s+(?:and|or|to)\s+\d+(?:\.\d+)?\s*(?P<u>days|weeks|months|points)\b")
_STILL_AFTER = re.compile(r"\)?\s*(?:were\s+|was\s+)?(?:still|remained|remaining)\s+(?:in|on|under)\s+(?:follow|study|treatment)",
                          re.I)
_EVERY_BEFORE = re.compile(r"\bevery\s+(?:\d+\s*(?:-|–|to|or)\s*)?$", re.I)
_GIVEN_BEFORE = re.compile(r"\b(?:received|receiving|given|injected|administered|infused|instilled|doses?\s+of)\s+"
                          r"(?:\w+\s+){0,2}$|\bdoses\s+of\s+(?:\w+,?\s+){0,6}$", re.I)  # ("in doses of 4 ml, 8 ml and 16 ml")
_SOLUTION_AFTER = re.compile(r"\s*(?:solutions?|cream|gel|ointment|lotion|eye drops|[wv]/[wv]|aqueous)\b|"
                             r"\s*/\s*\d*\s*(?:h|hr|hours?|d|days?)\b", re.I)  # (or given per time: "timolol 0.5%/12h")
_PER_KG_AFTER = re.compile(r"\s*/\s*kg\b", re.I)
_NEXT_WORD = re.compile(r"\s*(?:(?!(?:with|for|in|of|and|or|vs|versus|on|by|to|from|after|among|at|than|the|a|an|"
                        r"receiving|given|treated|patients|of)\b)[a-z-]{1,15}\s+)?")  # an adjective, not "with"


# after "lidocaine (lignocaine) 2%": a word that goes on about the drug, not a comparison or a list
_STRENGTH_GOES_ON = re.compile(r"\s+(?!(?:vs|versus|and|or|of|in|for|at|with|compared|than|respectively|group|arm|"
                               r"patients|by|to|from|among|after|during|while|whereas|but)\b)[a-z]", re.I)
_ALIAS_GAP = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?")


def _strength_of_drug(sent: str, start: int, end: int, drug_starts: set[int] | frozenset[int],
                      drug_ends: set[int] | frozenset[int] = frozenset()) -> bool:
    """A drug name starts right after the percentage, or after one word ("1% hyperbaric bupivacaine"),
    or ends right before it with the sentence going on about the drug ("lignocaine (lidocaine) 2 per
    cent through ventilation tubes"; not "aspirin 12% vs. placebo 8%")."""
    first = len(sent) - len(sent[end:].lstrip())
    if first in drug_starts or _NEXT_WORD.match(sent, end).end() in drug_starts:
        return True
    return bool(drug_ends) and _STRENGTH_GOES_ON.match(sent, end) is not None and any(
        d <= start and _ALIAS_GAP.fullmatch(sent, d, start) for d in drug_ends if start - d <= 45)


_EVENT_RATE_NAME = re.compile(r"\brates?$")
_REDUCTION_AFTER = re.compile(r"\s*(?:relative\s+)?(?:reduction|decrease|lower|fewer)\b", re.I)
_EVENTS_VALUE = re.compile(rf"(?:\b(?:was|were|of|with|versus|vs\.?|compared with|and)\s+|\()(?:about\s+|approximately\s+)?(?P<v>{NUM})\s+"
                           r"(?P<u>events?|bleeds?|episodes?|exacerbations?|attacks?|relapses?)\b"
                           r"(?:(?P<per>\s+per\s+(?:100|1000|1,000|10,000|100,000)\s+(?:person|patient|participant|follow-up)[- ]years?\b)"
                           r"|(?!\s+(?:of|in|were|was|occurred)))", re.I)
_EVENTS_HINT = re.compile(r"occurred|developed|reported|observed|seen|noted|documented")
_COUNTED_PEOPLE = rf"(?:{PEOPLE_WORDS}|persons|people|cases)"
_COUNT_N = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})*|\d+|{WORD_NUMBER})"
_EVENTS_IN = re.compile(
    rf"\b(?:occurred|developed|(?:was|were)\s+(?:reported|observed|seen|noted|documented))\s+in\s+(?:only\s+|a\s+total\s+of\s+)?"
    rf"{_COUNT_N}(?:\s+(?:and|vs\.?|versus)\s+(?P<n2>\d{{1,3}}(?:,\d{{3}})*|\d+))?(?:\s+of\s+(?:the\s+)?\d[\d,]*)?\s+"
    rf"(?:[\w-]+\s+)?{_COUNTED_PEOPLE}\b(?!\s*\(\s*\d)", re.I)  # (not "in 5 patients (12%)": the share is the value)
# the second arm's count after the first's: "... and in 163 of 516 patients (31.6%) who received placebo"
_AND_IN_MORE = re.compile(rf"(?:\s*\([^()]*\))?(?:\s+(?:who|receiving|treated|given|in)\b[^,;()]{{0,60}}?)?,?\s+(?:and|vs\.?|versus|compared with)\s+"
                          rf"in\s+(?P<n>\d{{1,3}}(?:,\d{{3}})*|\d+)(?:\s+of\s+(?:the\s+)?\d[\d,]*)?\s+(?:[\w-]+\s+)?"
                          rf"{_COUNTED_PEOPLE}\b(?!\s*\(\s*\d)", re.I)
_PEOPLE_HAD = re.compile(rf"(?<![\w.,-])(?<!\bof\s){_COUNT_N}\s+(?:of\s+(?:the\s+)?\d[\d,]*\s+)?(?:{_COUNTED_PEOPLE}\s+)?"
                         r"(?:had|achieved|experienced|developed)\s+(?:(?:a|an)\s+)?(?P<what>[a-z][\w-]*(?:\s+(?!and\b|or\b|in\b|with\b|"
                         r"after\b|at\b|for\b|on\b|during\b|while\b)[\w-]+){0,4})", re.I)
_EVENT_NOUN = re.compile(r"\b(?:response|remission|disease|relapse|recurrence|progression|infection|event|toxicity|"
                         r"reaction|syndrome|failure|death)s?$", re.I)


def _values(sent: str, offset: int, foot: list[tuple[int, int]], drug_starts: set[int] | frozenset[int] = frozenset(),
            drug_ends: set[int] | frozenset[int] = frozenset()) -> list[Value]:
    """Classify every number in the sentence; return the values with their CI, p, range, timepoint.
    ``drug_starts``: where drug names start in the sentence (a percentage right before one is a
    strength, not an outcome: "0.01% ethanol", "5% dextrose")."""
    blocked: list[tuple[int, int]] = []
    values: list[Value] = []
    doses = find_doses(sent)
    for d in doses:
        blocked.append((d.start, d.end))
    for m in _NOT_OUTCOME_NUMBER.finditer(sent):
        blocked.append((m.start(), m.end()))
    for m in _HETEROGENEITY.finditer(sent) if "I2" in sent or "I²" in sent or "I 2" in sent else ():
        blocked.append((m.start(), m.end()))
    for a, b in foot:
        if offset <= a < offset + len(sent):
            blocked.append((a - offset, b - offset))
    specials: list[tuple[int, int, str, object]] = []
    low = sent.lower()  # rare patterns are tried only where a word they need occurs
    for m in _CI.finditer(sent) if "CI" in sent or "onfidence" in sent or "Cl" in sent else ():
        specials.append((m.start(), m.end(), "ci", (_num(m.group("lo")), _num(m.group("hi")) if m.group("hi") else None)))
    for m in _BRACKET_CI.finditer(sent) if "[" in sent else ():  # the Lancet's "4.3 months [3.0-5.4]"
        specials.append((m.start(), m.end(), "ci", (_num(m.group("lo")), _num(m.group("hi")))))
    if any(k == "ci" for *_, k, _ in specials):  # after one CI with its words, "7.8 months (6.3-8.8)" is one too
        for m in _PAREN_CI.finditer(sent):
            if not any(a <= m.start() < b for a, b, *_ in specials):
                specials.append((m.start(), m.end(), "ci", (_num(m.group("lo")), _num(m.group("hi")))))
    for m in _P.finditer(sent):
        specials.append((m.start(), m.end(), "p", _p_value(m.group("op"), m.group("v"))))
    for m in _RANGE.finditer(sent) if "range" in low else ():
        specials.append((m.start(), m.end(), "range", (_num(m.group("lo")), _num(m.group("hi")))))
    timepoints = []
    for m in _TIMEPOINT.finditer(sent):
        specials.append((m.start(), m.end(), "tp", m.group("tp")))
        n = m.group("n") if m.group("n")[0].isdigit() else f"{parse_number(m.group('n')):g}"
        timepoints.append((m.start(), f"{n} {m.group('u')}"))
    for m in _TIMEPOINT_OF_RATE.finditer(sent) if "-year" in low or "-month" in low else ():
        timepoints.append((m.start(), f"{m.group('n')} {m.group('u').lower()}{'' if m.group('n') == '1' else 's'}"))
    for m in _HR.finditer(sent) if "hazard ratio" in sent or "HR" in sent else ():
        if any(a <= m.start("v") < b for a, b, *_ in specials):
            continue
        v = _num(m.group("v"))
        if v is not None and 0 < v < 20:
            # "hazard ratio for death" is overall survival's; "for disease progression or death", PFS's
            of = _HR_FOR_PROGRESSION.search(m.group("mid")) and "progression-free survival" or \
                _HR_FOR_DEATH.search(m.group("mid")) and "overall survival"
            values.append(Value(m.start("v"), m.end("v"), v, None, statistic="hazard ratio", measure=of or None,
                                fixed_measure=bool(of)))
            blocked.append((m.start("v"), m.end("v")))
            end = m.end("v")
            while m.group("label")[-1] == "s" and (more := _NEXT_IN_LIST.match(sent, end)):
                # "the aHRs were 0.66 (95% CI, 0.44-0.99), 0.41 (95% CI, 0.27-0.61) and 0.34 (...)"
                v = _num(more.group("v"))
                if v is None or not 0 < v < 20:
                    break
                values.append(Value(more.start("v"), more.end("v"), v, None, statistic="hazard ratio",
                                    measure=of or None, fixed_measure=bool(of)))
                blocked.append((more.start("v"), more.end("v")))
                end = more.end("v")
    for m in _RR.finditer(sent) if "RR" in sent or "OR" in sent or "ratio" in low or "relative risk" in low else ():
        if any(a <= m.start("v") < b for a, b, *_ in specials):
            continue
        v = _num(m.group("v"))
        if v is not None and 0 <= v < 50:
            name = _RR_NAMES[m.group("label").lower().rstrip("s")]
            what = _ratio_for(sent, m.end("v")) or (" ".join(m.group("of").split()) if m.group("of") else None)
            values.append(Value(m.start("v"), m.end("v"), v, None, statistic=name, measure=what, fixed_measure=what is not None))
            blocked.append((m.start("v"), m.end("v")))
            end = (for_.end() if (for_ := _RATIO_FOR.match(sent, m.end("v"))) else m.end("v")) if values[-1].measure else m.end("v")
            while m.group("label")[-1] == "s" and (more := _NEXT_IN_LIST.match(sent, end)):
                # "adjusted ORs of 1.29 (95% CI, 1.23-1.35) for BCC and 3.98 (95% CI, 3.68-4.31) for SCC"
                v = _num(more.group("v"))
                if v is None or not 0 <= v < 50:
                    break
                what = _ratio_for(sent, more.end("v"))
                values.append(Value(more.start("v"), more.end("v"), v, None, statistic=name, measure=what,
                                    fixed_measure=what is not None))
                blocked.append((more.start("v"), more.end("v")))
                end = more.end("v")
                if what is not None:  # (past "for SCC": the next item of the list, if any)
                    end = _RATIO_FOR.match(sent, end).end()
    for m in _POTENCY.finditer(sent) if "50" in sent and ("IC" in sent or "EC" in sent or "GI" in sent or "aximal" in sent) \
            or ("K" in sent or "onstant" in sent) and _AFFINITY.search(sent) else ():
        # a potency: "a half-maximal inhibitory concentration (IC50) of approximately 7.5 nM in mouse macrophages and
        # 8.1 nM in human macrophages"
        label = m.group("label")
        name = "EC50" if "EC50" in label or "effective" in label else "GI50" if "GI50" in label else \
            "Ki" if label[:2] in ("Ki", "KI") or label.startswith("inhibition") else \
            "Kd" if label[:1] == "K" or label.startswith("dissociation") else "IC50"
        pos = m.start("v")
        # (its values are the concentrations the dose reader found: not blocked for it)
        for d in (d for d in doses if d.unit in MOLAR_UNITS and d.start >= pos):
            if d.start != pos or any(x.start <= d.start < x.end for x in values):
                break
            values.extend(Value(d.start, d.end, v, d.unit, measure=name, fixed_measure=True) for v in d.values)
            nxt = _POTENCY_NEXT.match(sent, d.end)
            if nxt is None:
                break
            pos = nxt.end()
    for rx in _RISK_RED if "risk of" in low else ():
        for m in rx.finditer(sent):
            v = _num(m.group("v"))
            what = " ".join(m.group("what").split()).lower()
            if v is None:
                continue
            if m.groupdict().get("up"):
                values.append(Value(m.start("v"), m.end("v"), v, "%", statistic="risk increase",
                                    measure=f"risk of {what}", fixed_measure=True))
            else:
                values.append(Value(m.start("v"), m.end("v"), v, "%", statistic="risk reduction",
                                    measure=f"reduction in risk of {what}", fixed_measure=True))
            blocked.append((m.start("v"), m.end("v") + 1))
    for m in _WORD_PERCENT.finditer(sent) if "ercent" in low or "er cent" in low else ():  # "Forty-nine percent of"
        v = parse_number(m.group("w"))
        if v is not None and not any(a <= m.start("w") < b for a, b in blocked):
            values.append(Value(m.start("w"), m.end(), v, "%"))
            blocked.append((m.start("w"), m.end()))
    for m in _WORD_TIME.finditer(sent) if "median" in low or "mean" in low else ():  # "a median of nine months"
        v = parse_number(m.group("w"))
        if v is not None and v == int(v) and not any(a <= m.start("w") < b for a, b in blocked) \
                and not _FOLLOWED_FOR.search(sent, max(0, m.start() - 40), m.start()):  # ("followed for a median of")
            values.append(Value(m.start("w"), m.end(), v, _TIME_UNITS[m.group("unit").lower()],
                                statistic=m.group("stat").lower()))
            blocked.append((m.start("w"), m.end()))
    for m in _RELATIVE_CHANGE.finditer(sent) if "%" in sent and " in " in sent else ():
        v = _num(m.group("v"))
        if v is None or "risk of" in m.group("what").lower() or any(a <= m.start("v") < b for a, b in blocked) \
                or _HAVING_A_BEFORE.search(sent, max(0, m.start() - 40), m.start("v")):
            continue  # (a risk is read above; "patients with a 50% reduction in nausea" define responders)
        rising = m.group("dir").lower() in ("increase", "rise", "improvement")
        values.append(Value(m.start("v"), m.end("v"), v, "%", statistic="increase" if rising else "reduction",
                            measure=" ".join(m.group("what").split()).lower(), fixed_measure=True))
        blocked.append((m.start("v"), m.end("v") + 1))
    prob = _PROB.search(sent)
    for m in (_PROB_VALUE.finditer(sent, prob.end()) if prob else ()):
        v = _num(m.group("v"))
        if v is None or any(a <= m.start() < b for a, b, *_ in specials):
            continue
        context = m.group("for") or sent[prob.end():m.start()]
        endpoint = next((c or _clean_measure(x.group(0)) for rx, c in _ENDPOINT_RE for x in [rx.search(context)] if x),
                        None)
        tox = _TOXICITY.search(context)
        measure = endpoint or ("discontinuation for toxicity" if tox else "posterior probability")
        values.append(Value(m.start("v"), m.end("v"), v, None, statistic="posterior probability", measure=measure,
                            fixed_measure=True))
        blocked.append((m.start("v"), m.end("v")))
    for m in _BARE_RATIO_CI.finditer(sent) if " to " in sent and "(" in sent else ():
        v, lo, hi = _num(m.group("v")), _num(m.group("lo")), _num(m.group("hi"))
        if v is not None and lo is not None and hi is not None and lo <= v <= hi < 50 and \
                not any(a <= m.start("v") < b for a, b in blocked) and not any(a <= m.start("v") < b for a, b, *_ in specials):
            # the BMJ's way: "(odds ratio 1.51, 95% confidence interval 1.36 to 1.69) ... (1.43, 1.28 to 1.60)"
            values.append(Value(m.start("v"), m.end("v"), v, None, statistic=_BARE, ci=(lo, hi), fixed_measure=True))
            blocked.append((m.start("v"), m.end()))
    for m in _EVENTS_IN.finditer(sent) if " in " in sent and _EVENTS_HINT.search(sent) else ():
        # a count of the people an event happened to, where no share is given beside it: "Tumor lysis syndrome
        # occurred in 3 patients", "ESRD developed in 43 and 51 patients, respectively", "reported in 131 of 532
        # patients (24.6%) who received remdesivir and in 163 of 516 patients (31.6%)" (the share is read too)
        for g in ("n", "n2"):
            if m.group(g) is None or any(a <= m.start(g) < b for a, b in blocked):
                continue
            v = parse_number(m.group(g))
            if v is not None and v == int(v) and v < 100000:
                values.append(Value(m.start(g), m.end(g), v, "patients", statistic="count"))
                blocked.append((m.start(g), m.end(g)))
        if (more := _AND_IN_MORE.match(sent, m.end())) is not None and not any(a <= more.start("n") < b for a, b in blocked):
            v = parse_number(more.group("n"))
            if v is not None and v == int(v) and v < 100000:
                values.append(Value(more.start("n"), more.end("n"), v, "patients", statistic="count"))
                blocked.append((more.start("n"), more.end("n")))
    for m in _EVENTS_VALUE.finditer(sent) if "rate" in low and "event" in low or "episode" in low or "bleeds" in low else ():
        # an event rate's value: "The annualized bleeding rate was 2.9 events (95% CI, 1.7 to 5.0) ..., compared with
        # 23.3 events"
        v = _num(m.group("v"))
        if v is not None and not any(a <= m.start("v") < b for a, b in blocked) and \
                not any(a <= m.start("v") < b for a, b, *_ in specials):
            # (a rate per person-time has that unit, as incidence rates do: "10.7 events per 1000 person-years")
            unit = " ".join(m.group("per").split()).replace("1,000", "1000") if m.group("per") else "events"
            values.append(Value(m.start("v"), m.end("v"), v, unit, events=True))
            blocked.append((m.start("v"), m.end()))
    for m in _PEOPLE_HAD.finditer(sent) if " had " in sent or "achieved" in low or "experienced" in low else ():
        # "Five patients had a partial response and 27 had stable disease": the count of what they had
        what = endpoint_named(m.group("what")) or (_clean_measure(m.group("what")) if _EVENT_NOUN.search(m.group("what"))
                                                    else None)
        v = parse_number(m.group("n"))
        if what and v is not None and v == int(v) and not any(a <= m.start("n") < b for a, b in blocked):
            values.append(Value(m.start("n"), m.end("n"), v, "patients", statistic="count", measure=what,
                                fixed_measure=True))
            blocked.append((m.start("n"), m.end("n")))
    measured: set[str] = set()  # the units of measurements read as values so far
    last_score: int | None = None  # where the last bare score read ended
    scored = "score" in low
    for m in _VALUE.finditer(sent):
        s, e = m.start("v"), m.end()
        # (one call for every group: a sentence holds many numbers, most of them bare)
        time, pct, fold, ml, sd, pp, meas, pts, per = m.group("time", "pct", "fold", "ml", "sd", "pp", "meas", "pts",
                                                             "per1000")
        if sd and sd.lstrip().startswith("(") and not _MEAN_SD_NAMED.search(sent):
            sd = None  # "2.4 (1.2)" is a mean with its SD only where the sentence says so ("mean (sd) scores")
        if not (time or pct or fold or ml or sd or pp or meas or pts or per):
            if s and sent[s - 1] == "(" and _PCT_SHARED_AFTER.match(sent, m.end("v")):
                pct = "%"  # the first of a pair that shares its sign: "dizziness (6.7 and 5.3%)"
            elif (pair := _TIME_PAIR_AFTER.match(sent, m.end("v"))) and _CHANGED_BY_TIME.search(sent, max(0, s - 40), s):
                # the first of a change pair that shares its unit: "fell by 1.1 and 1.6 days", "improved by 4.2 and 4.8 points"
                v = _num(m.group("v"))
                if v is not None and not any(a <= s < b for a, b in blocked):
                    values.append(Value(s, m.end("v"), v, pair.group("u")))
                continue
            elif scored and (_SCORE_WAS_BEFORE.search(sent, max(0, s - 50), s) or last_score is not None and
                             _SCORE_PAIR_GAP.fullmatch(sent, last_score, s)) and _SCORE_ARM_AFTER.match(sent, e) \
                    and not any(a <= s < b for a, b in blocked):
                # a score has no unit: "the mean leg-pain intensity score was 3.7 in the pregabalin group and 3.1 in
                # the placebo group", "the scores were 3.4 and 3.0, respectively"
                last_score = e
                v = _num(m.group("v"))
                if v is not None:
                    values.append(Value(s, e, v, None))
                continue
            else:
                continue  # a bare number: counts and design figures are not outcomes (a mean with its SD is one)
        if any(a <= s < b for a, b in blocked) or any(a <= s < b for a, b, *_ in specials):
            continue
        if meas and not sd and (meas == "min" or not (_CHANGE_BY_BEFORE.search(sent, max(0, s - 4), s)
                                                      or _STATISTIC_WAS_BEFORE.search(sent, max(0, s - 80), s)
                                                      or meas in measured)):
            continue  # a measurement without its SD, a change ("by 4.5 kg") or a statistic ("the median trough
            # concentration was 1,250 ng/mL"): a threshold or a dose as often (the second of a pair is one
            # when the first was: "was -15.3 kg with semaglutide and -2.6 kg with placebo")
        if pct is None and _DESIGN_NUMBER_BEFORE.search(sent[max(0, s - 14):s]):
            continue
        if _CI_AFTER.match(sent[e:e + 12]):
            continue
        if time and time.isalpha() and len(time) > 3 and not time.endswith("s") and _num(m.group("v")) != 1 \
                and _WORD_AFTER.match(sent, e):
            continue  # a span of time as an adjective: "24 hour ambulatory recordings", "30 minute blocks"
        if time and (_AGE_AFTER.match(sent[e:e + 10]) or _AGE_BEFORE.search(sent[max(0, s - 24):s])):
            continue  # ages: "56 years old", "aged 56 years", "aged between 15 and 39 years"
        if time and (_TIMING_AFTER.match(sent, e) or (_TIMEPOINT_LIST_BEFORE.search(sent, max(0, s - 40), s)
                                                      or _BY_TIME_BEFORE.search(sent, max(0, s - 20), s))
                     and not _CHANGED_BY_TIME.search(sent, max(0, s - 40), s)
                     or drug_starts and _AFTER_WORD.match(sent, e) and any(e < d <= e + 30 for d in drug_starts)):
            continue  # a time that places an event: "10 days after clarithromycin was added"
        if time and drug_starts and _OF_AFTER.match(sent, e) and any(e < d <= e + 30 for d in drug_starts):
            continue  # how long a drug was given: "randomly assigned to 48 weeks of peginterferon alfa-2b"
        if _THRESHOLD_BEFORE.search(sent, max(0, s - 12), s) or _THRESHOLD_WORDS_BEFORE.search(sent, max(0, s - 40), s) \
                or sent[s] in "-−–" and s and sent[s - 1] in "%0123456789":
            continue  # a threshold ("SO2<90%", "EF<45%") or a range's end read as negative ("55%-60%")
        if pct and _THRESHOLD_AFTER.match(sent, e):
            continue  # a threshold: "PD-L1 expression of 1% or more"
        if pct and _DEMOGRAPHIC_AFTER.match(sent, e):
            continue  # who the participants were: "(mean age, 67.5 years; 49.2% women)"
        if pct and _CHANGE_AFTER.match(sent, e) and _HAVING_A_BEFORE.search(sent, max(0, s - 40), s):
            continue  # a responder's definition: "participants who saw a 50% reduction in their headache intensity"
        if s and sent[s - 1] == "/":
            continue  # a denominator: "8.8 mg/100 ml"
        if pct and (drug_starts and _strength_of_drug(sent, s, e, drug_starts, drug_ends) or _SOLUTION_AFTER.match(sent, e)
                    or _STILL_AFTER.match(sent, e)):
            # a strength ("0.01% ethanol", "1% hyperbaric bupivacaine", "mannitol (18% solution"), or a count of
            # patients followed ("25 patients (50%) still in follow-up")
            continue
        if ml and (_PER_KG_AFTER.match(sent, e) or _GIVEN_BEFORE.search(sent, max(0, s - 30), s)):
            continue  # a dose: "1.0 ml/kg of corn oil", "received 0.2 ml. of a combination", "a dose of 245 ml"
        if time and (_FOLLOW_UP_BEFORE.search(sent, max(0, s - 90), s) or _EVERY_BEFORE.search(sent, max(0, s - 20), s)):
            continue  # a design figure: "a mean follow-up of 3.3 years", "every 3-4 weeks"
        if _DESIGN_AIM_BEFORE.search(sent[max(0, s - 40):s]):
            continue  # design figures: "aiming at a 20% rate of dose-limiting toxicity"
        v = _num(m.group("v"))
        if v is None:
            continue
        if pct:
            unit = "%"
        elif pp:
            unit = "percentage points"
        elif pts:
            unit = "points"  # a score's change: "rose by 1.21 points with lecanemab"
        elif per:  # an incidence rate: "278 deaths (23.5 per 1000 person-years)"
            unit = " ".join(per.replace(",", "").replace("patient-year", "person-year").split())
        elif fold:
            unit = "fold"
        elif ml:
            mlper = m.group("mlper")
            mlper = {"minute": "min"}.get(mlper, mlper)
            unit = "/".join(["mL", *(w for w in (mlper, m.group("mlper2")) if w)])
            if m.group("mlkgper"):
                unit = "mL/kg/" + {"hr": "h", "hour": "h"}.get(m.group("mlkgper"), m.group("mlkgper"))
        elif time:
            unit = _TIME_UNITS.get(time.lower(), time)
        else:
            unit = _MEASUREMENT_UNITS.get(meas.replace(" ", "").lower(), meas) if meas else None
        statistic = "mean" if sd else "relative risk reduction" if pct and _RRR_AFTER.match(sent, e) else None
        values.append(Value(s, e, v, unit, statistic=statistic, sd=bool(sd), per_year=bool(m.group("per_year"))))
        if meas:
            measured.add(meas)
    # "in no patient receiving placebo" next to an incidence: a 0% value
    if any(v.unit == "%" for v in values):
        for m in _IN_NO_PATIENTS.finditer(sent):
            values.append(Value(m.start(), m.end(), 0.0, "%"))
    values.sort(key=lambda x: x.start)
    _share_units(sent, values)
    # attach CI, p, range, timepoint to the nearest value before them
    for a, b, kind, payload in sorted(specials, key=lambda x: x[0]):
        before = [v for v in values if v.end <= a]
        if kind == "tp":
            continue
        if not before:
            continue
        target = before[-1]
        if kind == "ci" and target.ci is None:
            target.ci = payload
        elif kind == "range" and target.rng is None:
            target.rng = payload
        elif kind == "p":
            hr = [v for v in before if v.statistic == "hazard ratio"]
            (hr[-1] if hr and a - hr[-1].end < 80 else target).p = target.p or payload
    timepoints.sort()
    for v in values:  # each share takes its own time when several are named: "at 12 months was 53% ... and at
        # 24 months was 86%", "40% at 6 months and 30% at 12 months"; one time is every share's
        if timepoints and v.unit == "%" and v.timepoint is None and v.statistic not in ("risk reduction", "risk increase"):
            right_after = [tp for st, tp in timepoints if 0 <= st - v.end < 25 and not any(c.isdigit() for c in sent[v.end:st])]
            before = [tp for st, tp in timepoints if st < v.start]
            v.timepoint = right_after[0] if right_after else before[-1] if before else timepoints[0][1]
    return values


_TIME_PHRASE = re.compile(r"(?:at|after|by|within|during|over)\s+(?:the\s+)?(?:\S+\s+)?(?:months?|weeks?|days?|years?|baseline|"
                          r"follow-up|end of \S+)", re.I)


_SD_OR_GROUP_BEFORE = re.compile(r"(?:±|\+/-|\+-|\bgroups?)\s*$", re.I)
_LISTED_TIMES = re.compile(rf"(?<![\w.])(?P<list>{NUM}(?:\s*,\s*{NUM})+,?\s+(?:and|or)\s+)(?P<b>{NUM})\s+"
                           r"(?P<u>months?|weeks?|days?|years?)\b")
_PAIRED_VS = re.compile(rf"(?<![\w.])(?P<a>{NUM})\s+(?:vs\.?|versus)\s+(?P<b>{NUM})")
_PAIRED_TIMES = re.compile(rf"(?<![\w.])(?P<a>{NUM})\s+(?:v|vs\.?|versus|and|to)\s+(?P<b>{NUM})\s+(?P<u>months?|weeks?|days?|years?)\b")


def _share_units(sent: str, values: list[Value]) -> None:
    """"4.2 v 1.5 months": a bare number paired with a unit-bearing one takes its unit."""
    for m in _PAIRED_TIMES.finditer(sent):
        va = _num(m.group("a"))
        if va is None:
            continue
        unit = _TIME_UNITS.get(m.group("u").lower())
        if not any(v.start == m.start("b") for v in values):
            continue  # the partner is no outcome ("at 3 and 6 months post-treatment"): neither is this
        if not any(v.start == m.start("a") for v in values):
            values.append(Value(m.start("a"), m.end("a"), va, unit))
    listed = ", " in sent and ("and " in sent or "or " in sent) and (" month" in sent or " week" in sent or " day" in sent
                                                                     or " year" in sent)
    for m in _LISTED_TIMES.finditer(sent) if listed else ():  # "were 7.3, 10.9, and 8.4 months, respectively"
        if not any(v.start == m.start("b") for v in values):
            continue
        unit = _TIME_UNITS.get(m.group("u").lower())
        for n in re.finditer(NUM, m.group("list")):
            start = m.start("list") + n.start()
            va = _num(n.group(0))
            if va is not None and not any(v.start <= start < v.end for v in values):
                values.append(Value(start, start + len(n.group(0)), va, unit))
    for m in _PAIRED_VS.finditer(sent) if " vs" in sent or " versus" in sent else ():  # "(4.1 vs 2.9 ml/min/kg": any unit
        b = next((v for v in values if v.start == m.start("b")), None)
        va = _num(m.group("a"))
        if b is not None and b.unit and b.unit != "%" and va is not None \
                and not any(v.start <= m.start("a") < v.end for v in values) \
                and not _SD_OR_GROUP_BEFORE.search(sent, max(0, m.start("a") - 6), m.start("a")):  # (not "1.03 +/- 0.04 vs.")
            values.append(Value(m.start("a"), m.end("a"), va, b.unit, events=b.events))
    values.sort(key=lambda x: x.start)


def _num(s: str) -> float | None:
    return parse_number(s.replace("−", "-").replace("–", "-"))


def _p_value(op: str, v: str) -> str:
    n = _num(v.split("x")[0].split("×")[0])
    val = v if n is None else f"{n:g}"
    op = {"≤": "<=", "≥": ">=", "less than": "<", "greater than": ">"}.get(op, op)
    if "or" in op:  # "p<or=0.001", as PubMed writes "≤"
        op = op[0] + "="
    return val if op == "=" else f"{op}{val}"


# ---------------------------------------------------------------- arms
def _arm_name(word: str) -> str:
    """How an arm word of ``_ARM_WORDS`` names its arm: "placebo-treated" is placebo, "the control
    regimen" the control group, "investigators' choice" the investigator's choice."""
    w = word.lower()
    for prefix, name in (("placebo", "placebo"), ("investigator", "investigator's choice"),
                         ("physician", "physician's choice"), ("standard", "standard therapy")):
        if w.startswith(prefix):
            return name
    return "control group" if _CONTROL_SYNONYM.fullmatch(w) else w


_DOSE_ARM_AFTER = re.compile(r"\s*(?:with|in|among|for|on)\s+(?:the\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>mg|g|µg|μg|mcg)\b"
                             r"(?!\s*(?:/|per|of|daily|twice|once|every|dose))", re.I)


def _drugs_by_dose(regimens) -> dict[tuple[float, str], str]:
    """Each dose given of one drug only, with that drug: an arm may be named by its dose ("with 150 mg")."""
    seen: dict[tuple[float, str], set[str]] = {}
    for r in regimens:
        if r.dose is not None and r.unit:
            seen.setdefault((float(r.dose), r.unit.lower()), set()).add(r.drug)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _arm_from(text: str, drugs: list[tuple[int, int, str]], arms: ArmState) -> list[str] | None:
    """The arm named in a short window: drug names, placebo, investigator's choice, the combination
    (the largest arm named so far, else the paper's combination: "25.1 months with the combination")."""
    names = [d for s, e, d in drugs]
    words = [w.group(1).lower() for w in _ARM_WORDS.finditer(text)]
    arm: list[str] = []
    for w in words:
        if "combination" in w:
            combo = max(arms.order, key=len, default=[])
            combo = combo if len(combo) > 1 else arms.combination
            if len(combo) > 1:
                return list(combo)
        elif w == "chemotherapy" and len(chemo := [a for a in arms.order if len(a) > 1 and "chemotherapy" not in a
                                                   and not set(a) & set(names)]) == 1:
            arm.extend(chemo[0])  # "32.2% with chemotherapy": the paper's one chemotherapy doublet named before
        else:
            arm.append(_arm_name(w))
    if "chemotherapy" in arm and any(a.endswith("choice") for a in arm):
        arm.remove("chemotherapy")  # "the physician's choice of chemotherapy" is one arm
    for n in names:
        if n not in arm:
            arm.append(n)
    return arm or None


_RESPECTIVELY = re.compile(r"\brespectively\b")
_CI_PARENTHESIS = re.compile(r"\(\s*95\s*%[^()]*\)|\[\s*95\s*%[^\[\]]*\]")  # (or in brackets: "[95% CI, 61.0 to 75.9]")
_VALUE_OF_DRUG_BEFORE = re.compile(r"(?:[\s-]+(?:groups?|arms?|treated|alone|monotherapy|therapy|treatment))?\s*\(\s*")
# a value of the control arm ("placebo (6.1%)", "76% with standard EGFR-TKIs"): no drug's, so not one the arms
# named in earlier sentences fill in
_CONTROL_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:with|in the|for|among|on|of\s+(?:the\s+)?(?:patients|those)\s+who\s+"
                            rf"(?:received|were\s+(?:given|assigned to)))\s+(?:the\s+)?(?:{_CONTROL_ARM_WORDS}|standard|"
                            r"control|comparator)\b", re.I)
_CONTROL_VALUE_BEFORE = re.compile(rf"\b(?:{_CONTROL_ARM_WORDS}|controls?)(?:[\s-]+(?:groups?|arms?|alone))?\s*\(\s*$", re.I)
_NON_DRUG_ARM_WORDS = ("alone", "radi", "surgery", "observation", "care", "inhibitor", "agent", "regimen", "comparator",
                       "group that", "group who")  # (each alternative of the pattern below holds one)
_NON_DRUG_ARM_AFTER = re.compile(r"\s*\)?\s*(?:(?:with|in|for|among|receiving|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:alone|"
                                 r"radiotherapy|radiation|surgery|observation|standard care|usual care|supportive care)\b|"
                                 # "with the androgen-signaling-targeted inhibitor", "in the group that received an ..."
                                 r"with\s+(?:the|an?)\s+(?:[\w-]+\s+){0,3}(?:inhibitors?|agents?|regimens?|comparators?)\b|"
                                 r"in\s+the\s+group\s+(?:that|who)\s+received\b)", re.I)
_ARM_WINDOW_CUT = re.compile(r"[;]|\((?:hazard|HR|95)|\bcompared with\b|\bvs\.?\b|\bversus\b|\bwhereas\b")
_ARM_PREPOSITION = re.compile(r"\s*(?:with|in|for|among|of)\b")
_ARM_WITH_AFTER = re.compile(r"\s*\)?\s*(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+)?(?:patients|those|women|men|people|participants)\s+)?"
                             r"(?:with|in|for|among|receiving|on|taking)\b",
                             re.I)  # ("21% of the patients in the ruxolitinib group")
_ARM_IN_AFTER = re.compile(r"\s*\)?\s*(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+)?(?:patients|those)\s+)?(?:in|with|after)\b", re.I)
_ARM_RECEIVING_AFTER = re.compile(r"\s*\)?\s*(?:\([^)]*\)\s*)?(?:\w*\s*(?:patients\s+)?(?:receiving|given|treated with|assigned to)|"
                                  r"of\s+(?:the\s+)?(?:patients|those)\s+who\s+(?:received|were\s+(?:given|treated with|"
                                  r"assigned to)))\b", re.I)
_IN_EACH_OR_BOTH_ANY_CASE = re.compile(r"\bin each\b|\bin both\b", re.I)
_IN_EACH_OR_BOTH = re.compile(r"\bin (?:each|both)\b")
_ARM_LIST = re.compile(r"[\s\w().,%\-–;\[\]]*?(?:vs\.?|v|versus|and|compared with|,)?[\s\w().,%\-–;\[\]]*")
_IN_THE_GROUPS_RESPECTIVELY = re.compile(r"in the ([\w\s,-]+?) (?:groups|arms)[, ]*respectively")
_AND_OR_COMMA = re.compile(r",\s*|\s+and\s+")
_GROUPS_NAMED_FIRST = re.compile(r"\bin the ((?:[\w-]+ ){1,3}?(?:group|arm)(?:,? (?:and )?the (?:[\w-]+ ){1,3}?(?:group|arm))+)")
_EACH_GROUP = re.compile(r"\s*(?:group|arm)(?:,? (?:and )?the |$)")
_EFFECT_VERB = re.compile(r"\b(with|to|extended|prolonged|improved|increased)\b")


def _clause_start(sent: str, end: int) -> int:
    """Where the clause ending at ``end`` starts: after a ";", a full stop that is no "vs.", or
    values in parentheses ("neutropenia (66.4% in the A group vs. 1.4% in the B group), leukopenia (")."""
    start = sent.rfind(";", 0, end) + 1
    stop = sent.rfind(". ", 0, end)
    while stop > start and (sent[max(0, stop - 3):stop].endswith((" vs", "(vs")) or sent[max(0, stop - 2):stop] in (" v", "(v")):
        stop = sent.rfind(". ", 0, stop)
    start = max(start, stop + 2 if stop != -1 else 0)
    close = sent.rfind(")", start, end)
    while close != -1:
        opening = sent.rfind("(", start, close)
        if opening != -1 and any(c.isdigit() for c in sent[opening:close]):
            return close + 1
        close = sent.rfind(")", start, close)
    return start
_PAIR_JOIN = re.compile(r"\s*(?:[a-z%]+\s*)?,?\s*(?:vs\.?|versus|v\.?|and)\s*")
_PAIR_VS = re.compile(r"\b(?:vs\.?|versus)\s")
_VERSUS_GAP = re.compile(r"\s*,?\s*(?:vs\.?|versus|compared with|as compared with)\s*", re.I)
_CONTROL_SYNONYM = re.compile(r"control (?:regimen|arm)")
_COMBINED = re.compile(r"\s*(?:-|/|\+|plus)\s*")  # drugs given together: one arm
_NOT_REACHED_VS = re.compile(r"\(\s*(?:median\s*,?\s*)?not\s+(?:yet\s+)?reached\s*(?:\[[^\[\]]*\]\s*|\([^()]*\)\s*)?,?\s*"
                             r"(?:vs\.?|versus|v\.?|and)\s*$", re.I)  # (with its range: "not reached [range, 1.9+ to 14.5+]")
_PAIR_OPEN = re.compile(r"\(\s*(?:(?:median|mean|rate)\s*,?\s*|(?:occurring|occurred|seen|observed|reported)\s+in\s+)?$", re.I)


def _pair_in_parentheses(sent: str, rel: list[tuple[int, int, str]], primary: list[Value],
                         known: list[list[str]]) -> None:
    """ "longer in the olaparib group than in the control group (median, 7.4 months vs. 3.6 months":
    the two values in parentheses belong to the two arms the clause names, in that order; after
    "(median, not reached vs." the one value is the second arm's."""
    for v1, v2 in zip(primary, primary[1:] + [None]):
        if "(" not in sent[max(0, v1.start - 60):v1.start]:
            continue  # (a cheap test first)
        if v2 is not None and _PAIR_JOIN.fullmatch(sent, v1.end, v2.start):
            opened = _PAIR_OPEN.search(sent, max(0, v1.start - 20), v1.start)
            second = False
        else:
            opened, second = _NOT_REACHED_VS.search(sent, max(0, v1.start - 60), v1.start), True
        if not opened:
            continue
        # (the clause: after a ";", a full stop that is no "vs.", or values in parentheses before: "neutropenia
        # (66.4% in the A group vs. 1.4% in the B group), leukopenia (24.8% vs. 0%)")
        clause_start = _clause_start(sent, opened.start())
        named = [(s, e, d) for s, e, d in rel if clause_start <= s < opened.start()]
        named += [(w.start(), w.end(), _arm_name(w.group(1))) for w in _ARM_WORDS.finditer(sent, clause_start, opened.start())]
        pair: list[list[str]] = []
        last_end = -1
        for s, e, d in sorted(named):  # ("with azacitidine-venetoclax than with the control regimen": two arms)
            if pair and _COMBINED.fullmatch(sent, last_end, s):
                pair[-1] += [d] if d not in pair[-1] else []
            elif [d] not in pair:
                pair.append([d])
            last_end = e
        if second and len(pair) != 2 and len(known) == 2:
            pair = known  # (the arms the sentences before compared)
        if len(pair) == 2 and second:
            v1.arm = list(pair[1])
        elif len(pair) == 2:
            v1.arm, v2.arm = pair[0], pair[1]


_GROUP_THEN_PAIR = re.compile(r"\b(?:in|with|for|among)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm)\s*\(\s*(?:median,?\s*)?$",
                              re.I)


def _named_before_pair(sent: str, rel: list[tuple[int, int, str]], g: list[Value],
                       known: list[list[str]]) -> list[list[str]] | None:
    """The two arms a sentence names before a pair joined by "vs": "longer in the A group than in the
    B group, including 21.0 vs. 5.5 months in the X cohort"."""
    gap = sent[g[0].end:g[1].start]
    if ("vs" not in gap and "versus" not in gap) or not _PAIR_VS.search(gap):
        return None
    names = sorted([(s, e, d) for s, e, d in rel if e <= g[0].start] +
                   [(m.start(1), m.end(1), _arm_name(m.group(1))) for m in _ARM_WORDS.finditer(sent, 0, g[0].start)])
    arms: list[list[str]] = []  # (names joined by a hyphen or slash are one arm: "the placebo-letrozole group")
    last_end = None
    for s, e, d in names:
        if last_end is not None and sent[last_end:s] in ("-", "/", "+", "–") and arms:
            arms[-1].append(d)
        else:
            arms.append([d])
        last_end = e
    arms = [list(a) for a in dict.fromkeys(tuple(a) for a in arms)]
    if len(arms) == 1 and _GROUP_THEN_PAIR.search(sent, max(0, g[0].start - 60), g[0].start):
        # one arm named right before the pair: "more frequent in the interferon alfa group (12% vs. 7%)": the
        # first value is its, the second the other arm's when the paper has one other
        others = [a for a in known if a != arms[0] and not set(a) & set(arms[0])]
        return [arms[0], others[0] if len(others) == 1 else []]
    if len(arms) == 1 and len(arms[0]) > 1:
        return [arms[0], []]  # one combination named: the first value is its, the other's arm is not said
    return arms if len(arms) == 2 else None


def _assign_arms(sent: str, offset: int, values: list[Value], drugs: list[EntityMention], arms: ArmState) -> None:
    rel = [(m.start - offset, m.end - offset, m.concept.label) for m in drugs]
    primary = [v for v in values if v.statistic not in ("hazard ratio", "risk reduction", "risk increase", "posterior probability",
                                                        "relative risk", "odds ratio", "rate ratio",
                                                        "relative risk reduction", "difference")
               and v.measure is not None]
    resp = _RESPECTIVELY.search(sent)
    if "95" in sent:  # a value's CI in parentheses does not end the words that name its arm
        sent = _CI_PARENTHESIS.sub(lambda m: " " * len(m.group(0)), sent)
    if primary and "(" in sent:
        _pair_in_parentheses(sent, rel, primary, arms.compared or arms.order)
    controls: set[int] = set()
    seen_here: list[list[str]] = []  # the arms this sentence's values name after them, in order
    for i, v in enumerate(primary):
        if v.arm:  # (paired in parentheses: "longer in the A group than in the B group (11.2 vs 4.3 months")
            arms.see(v.arm)
            if v.arm not in seen_here:
                seen_here.append(v.arm)
            continue
        after_control = sent[max(0, v.start - 2):v.start].strip().endswith("(") and \
            _CONTROL_VALUE_BEFORE.search(sent, max(0, v.start - 30), v.start)  # (the pattern only after a "(")
        if after_control or _CONTROL_AFTER.match(sent, v.end):
            controls.add(id(v))  # (its own words may still name it: "with placebo" is the placebo arm)
        named = [d for s, e, d in rel if e <= v.start < e + 20 and _VALUE_OF_DRUG_BEFORE.fullmatch(sent, e, v.start)]
        if named and not (i + 1 < len(primary) and ")" not in sent[v.end:primary[i + 1].start]):
            v.arm = named[-1:]  # "than the patients who received prazosin (12.9%)", not "A and B (17% vs 11%)"
            continue
        nxt = primary[i + 1].start if i + 1 < len(primary) else len(sent)
        # (70 characters of words: a blanked CI before them does not count)
        window_end = min(nxt, v.end + 70 + len(sent[v.end:v.end + 80]) - len(sent[v.end:v.end + 80].lstrip()))
        window = sent[v.end:window_end]
        cut = _ARM_WINDOW_CUT.search(window)
        if cut and not _ARM_PREPOSITION.match(window):
            window = window[:cut.start()]
        elif cut:
            window = window[:cut.start()] if cut.start() > 0 else window
        in_window = [(s, e, d) for s, e, d in rel if v.end <= s < v.end + len(window)]
        if not in_window and arms.by_dose and (dose := _DOSE_ARM_AFTER.match(window)) and \
                (drug := arms.by_dose.get((float(dose.group("n")), dose.group("u").lower()))):
            v.arm = [drug]  # "0.12% per year with 110 mg": the drug given at 110 mg
        elif _ARM_WITH_AFTER.match(window) \
                or in_window and _ARM_IN_AFTER.match(window):
            v.arm = _arm_from(window, in_window, arms)
        elif _ARM_RECEIVING_AFTER.match(window):
            v.arm = _arm_from(window, in_window, arms)
        if v.arm is None and window and any(w in window for w in _NON_DRUG_ARM_WORDS) and _NON_DRUG_ARM_AFTER.match(window):
            controls.add(id(v))  # an arm without a drug ("7.7 months with radiotherapy alone"): no drug's to fill in
        lowered = window.lower()
        if ("each" in lowered or "both" in lowered) and _IN_EACH_OR_BOTH_ANY_CASE.search(window):
            v.arm = None
            continue
        arms.see(v.arm)
        if v.arm and v.arm not in seen_here:
            seen_here.append(v.arm)
    if len(seen_here) > 1:
        arms.compared = seen_here
    # values without an arm in a comparison: the "respectively" list, the subject drug, or the known order
    unassigned = [v for v in primary if v.arm is None and id(v) not in controls
                  and not _IN_EACH_OR_BOTH.search(sent[v.end:v.end + 30])]
    if not unassigned:
        return
    groups: list[list[Value]] = []
    for v in unassigned:
        gap = sent[groups[-1][-1].end:v.start] if groups else ""
        if groups and _ARM_LIST.fullmatch(gap) and v.measure == groups[-1][-1].measure \
                and v.start - groups[-1][-1].end < 90 \
                and not (len(groups[-1]) > 1 and ")" in gap and "(" in gap):  # (a pair in parentheses is complete)
            groups[-1].append(v)
        else:
            groups.append([v])
    resp_arms: list[list[str]] = []
    if resp:
        m = _IN_THE_GROUPS_RESPECTIVELY.search(sent)
        named_first = None if m else _GROUPS_NAMED_FIRST.search(sent)
        if named_first:  # "in the interferon group, the temsirolimus group, and the combination-therapy group
            # were 7.3, 10.9, and 8.4 months, respectively"
            parts = [p for p in _EACH_GROUP.split(named_first.group(1)) if p]
            found = [_arm_from(p, [(s, e, d) for s, e, d in rel if sent[s:e].lower() in p.lower()], arms)
                     for p in parts]
            singles = [d for a in found if a and len(a) == 1 for d in a]
            # (the combination of the single drugs named beside it, when no earlier sentence named it)
            resp_arms.extend(a if a else singles if "combination" in p.lower() and len(singles) > 1 else []
                             for p, a in zip(parts, found))
            resp_arms = [a for a in resp_arms if a]
        if m:
            for part in _AND_OR_COMMA.split(m.group(1)):
                part_drugs = [(s, e, d) for s, e, d in rel if d.lower() in part.lower()]
                a = _arm_from(part, part_drugs, arms)
                if a:
                    resp_arms.append(a)
    subject = [d for s, e, d in rel if e <= (unassigned[0].start)]
    for g in groups:
        if len(g) < 2:
            partner = next((v for v in primary if v.start > g[0].end), None)
            if subject and _EFFECT_VERB.search(sent[:g[0].start]):
                g[0].arm = [subject[0]]
            elif partner is not None and id(partner) in controls and _VERSUS_GAP.fullmatch(sent, g[0].end, partner.start):
                # "(3.7%, vs. 5.9% in the placebo group)": the arm that is not the control
                drug_arms = [a for a in arms.order if not _ARM_WORDS.fullmatch(" ".join(a))]
                if len(drug_arms) == 1:
                    g[0].arm = list(drug_arms[0])
            continue
        source = resp_arms if len(resp_arms) >= len(g) else (len(g) == 2 and _named_before_pair(sent, rel, g, arms.compared or arms.order)) \
            or (arms.compared if len(arms.compared) >= len(g) else arms.order)
        if len(source) >= len(g):
            for v, a in zip(g, source):
                v.arm = list(a) or None
        elif subject and len(g) == 2:
            g[0].arm = [subject[0]]
