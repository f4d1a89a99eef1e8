"""Regimens: drug, dose, unit, schedule and route, from phrases such as
"temsirolimus (20 mg/m2 weekly)", "everolimus 10 mg once daily", "60 mg/kg DSF",
"dacarbazine 850, 1000, or 1200 mg/m2 on day 1 every 21 days"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extract.context import DocContext
from extract.entities import EntityMention, names_a_class_target
from extract.numbers import parse_number
from extract.records import Evidence, Regimen

# unit pattern -> canonical unit ("micrograms", "microg" and "mcg" are µg; "mg kg-1" is mg/kg)
_MICRO = r"(?:µg|μg|ug|mcg|micrograms?|microg)"
# (the factors joined by a dot, an "x" or a multiplication sign: "mg.kg(-1)", "1.5 mg x kg(-1)", "mg·kg−1")
_TIMES = r"\s*(?:[.x×·]\s*)?"
_PER_KG = rf"(?:\s*/\s*kg|{_TIMES}kg\s*(?:-1|\(-1\)|−1)(?!\d)| per kilogram)"
_UNIT_FORMS: list[tuple[str, str]] = [
    (r"mg\s*/\s*m(?:2|²|\^2|\(2\))|mg per (?:square meter|m2|m²)", "mg/m2"),
    (r"g\s*/\s*m(?:2|²|\^2|\(2\))", "g/m2"),
    (rf"{_MICRO}\s*/\s*m(?:2|²|\^2|\(2\))", "µg/m2"),
    (rf"mg{_PER_KG}", "mg/kg"),
    (rf"{_MICRO}{_PER_KG}", "µg/kg"),
    # (a concentration keeps the form the paper writes: "7.5 µM" is not rewritten as "7.5 µmol/L")
    (r"(?:µmol|μmol|umol)\s*/\s*(?:L|l)", "µmol/L"),
    (r"[µμu]M\b|micromolar", "µM"),
    (r"nmol\s*/\s*(?:L|l)", "nmol/L"),
    (r"nM\b|nanomolar", "nM"),
    (r"mmol\s*/\s*(?:L|l)", "mmol/L"),
    (r"mM\b|millimolar", "mM"),
    (r"million (?:international )?units|million U\b|MU\b", "MU"),
    (r"million IU|MIU\b", "MIU"),
    (r"IU\s*/\s*kg", "IU/kg"),
    (r"(?:units?|U)\s*/\s*kg", "U/kg"),
    (r"IU\b|international units", "IU"),
    (r"mg\b|milligrams?", "mg"),
    (rf"{_MICRO}\b", "µg"),
    (r"g\b|grams?", "g"),
    (r"AUC\s*(?:of\s*)?", "AUC"),
]
_UNIT = "(?:" + "|".join(f"(?:{p})" for p, _ in _UNIT_FORMS) + ")"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# a dose given per day ("600 mg/day", "30 mg/kg/day", "2 mg kg-1 day-1") or an infusion rate
# ("40 micrograms/kg/min", kept in the unit)
_PER_DAY = rf"\s*/\s*(?:day|d)\b|{_TIMES}(?:day|d)\s*(?:-1|\(-1\)|−1)(?!\d)|\s+(?:per|a)\s+day\b"
_PER_WEEK = r"\s*/\s*(?:week|wk)\b|\s+(?:per|a)\s+week\b"  # ("docetaxel 30 mg/m2/week")
_RATE = rf"\s*/\s*(?:min|h|hr)\b|{_TIMES}(?:min|h)\s*(?:-1|\(-1\)|−1)(?!\d)"
# one or several alternative doses: "850, 1000, or 1200 mg/m2", "0.5/1 µmol/L", "3 MU", "a 25-mg/m2 infusion";
# a mean's standard deviation is skipped ("3.4 +/- 2.0 micrograms/kg/min" is 3.4), and so is a
# denominator ("0.5 mL/100 g bodyweight")
DOSE = re.compile(  # (a dose starts with a digit: the lookahead skips other positions first)
    rf"(?=\d)(?<![\w.,/])(?<!/\s)(?<!±)(?<!±\s)(?<!\+/-)(?<!\+/-\s)(?P<nums>{_NUM}(?:(?:,\s+|\s*/\s*|\s+or\s+|\s+and\s+|\s+to\s+|,\s*or\s+|,\s*and\s+|\s*[-–]\s*){_NUM})*)(?:\s*(?:±|\+/-)\s*{_NUM})?(?:-|\s*)"
    rf"(?P<unit>{_UNIT})(?:(?P<per_day>{_PER_DAY})|(?P<per_week>{_PER_WEEK})|(?P<rate>{_RATE}))?(?![\w/])"
    # (a concentration is no dose: "1.5 mg/dl", "1.5 mg per deciliter")
    r"(?!\s+per\s+(?:(?:deci|milli|centi)?lit(?:er|re)s?|d[lL]|m[lL]|[lL])\b)")
_RATE_UNIT = re.compile(r"[\s./x×·]*(min|h)")
# carboplatin's dose as a target exposure: "AUC 6", "AUC of 5", "(area under the curve, 6)"
AUC_DOSE = re.compile(rf"\bAUC\s*(?:of\s*)?(?P<nums>{_NUM})|(?<=\()\s*area under the (?:concentration[- ]time )?curve\s*"
                      rf"(?:\[AUC\]\s*)?[,:=]?\s*(?:of\s*)?(?P<nums2>{_NUM})(?=\s*(?:mg/m[lL]/min)?\s*\))")

# route adjectives before a drug or a dose ("intravenous ofatumumab", "a single oral dose")
_ROUTE_ADJECTIVE = r"(?:intravenous|oral|subcutaneous|intramuscular|intraperitoneal|inhaled|topical)"
# what kind of dose it is: "at an initial dose of 300 mg", "a 600 mg loading dose", "a single oral dose of"
_DOSE_KIND = rf"(?:single|initial|loading)\s+(?:{_ROUTE_ADJECTIVE}\s+)?dose"
_SCHEDULE = re.compile(
    r"\b(?:(?:once|twice|three times|four times|1x|2x|3x)\s+(?:daily|a day|per day|weekly|a week|per week|"
    r"every\s+\w+\s+weeks?|monthly|a month)|daily|weekly|biweekly|monthly|every (?:other )?(?:day|week|month)|"
    r"every\s+(?:\d+|two|three|four|six|eight|twelve)\s+(?:days|weeks|months|hours|hrs?|h)|(?:on\s+)?days?\s+\d+(?:\s*(?:,\s*and|,|and|to|-|–|through)\s*\d+)*"
    r"(?:\s+(?:of\s+(?:each|every|a|the)\s+)?(?:\d+|twenty-one|twenty-eight)-day\s+cycles?)?|"
    r"(?:of\s+)?(?:each|every|a)\s+(?:\d+)-day\s+cycles?|\d+\s+days\s+(?:a|per)\s+week|for\s+\d+\s+(?:days|weeks|months|cycles)|"
    r"q\d+[wh]|qd|bid|tid|(?:[bt]\.i\.d|q\.i\.d|q\.d)(?=\.)|as a single dose|continuously|(?:every|each)\s+(?:morning|evening|night)|nightly|at bedtime|"
    rf"{_DOSE_KIND}|"
    r"(?:over|during)\s+\d+\s+(?:minutes|min|hours|h))\b", re.I)
# An abbreviation joined to a number, or followed by one of 3 digits or more, is a code, not a
# route: "SC-48334 (1000 mg)", "SC 58125" (but "1 g IV 2 times a day").
_NOT_A_CODE = r"(?!-?\d|\s\d{3})"
_ROUTE = [  # (route, pattern); abbreviations must keep their case, words need not
    ("intravenous", r"(?i:\bintravenous(?:ly)?\b|\bi\.v\.|\binfusion\b|\binfused\b)|\bIV\b" + _NOT_A_CODE),
    ("oral", r"(?i:\boral(?:ly)?\b|\bby mouth\b|\bp\.o\.|\bper\s+os\b)|\bPO\b" + _NOT_A_CODE),
    ("subcutaneous", r"(?i:\bsubcutaneous(?:ly)?\b|\bs\.c\.)|\bSC\b" + _NOT_A_CODE),
    ("intramuscular", r"(?i:\bintramuscular(?:ly)?\b|\bi\.m\.)"),
    ("intraperitoneal", r"(?i:\bintraperitoneal(?:ly)?\b|\bi\.p\.)"),
    ("intradermal", r"(?i:\bintradermal(?:ly)?\b)"),  # (not "i.d.": the end of "t.i.d.")
    ("intrathecal", r"(?i:\bintrathecal(?:ly)?\b)"),
    ("epidural", r"(?i:\bepidural(?:ly)?\b)"),
    ("intravitreal", r"(?i:\bintravitreal(?:ly)?\b)"),
    ("intranasal", r"(?i:\bintranasal(?:ly)?\b)"),
    ("intra-arterial", r"(?i:\bintra-?arterial(?:ly)?\b)"),
    ("intravesical", r"(?i:\bintravesical(?:ly)?\b)"),
    ("transdermal", r"(?i:\btransdermal(?:ly)?\b)"),
    ("sublingual", r"(?i:\bsublingual(?:ly)?\b)"),
    ("inhaled", r"(?i:\binhaled\b|\binhalation\b|\bnebuli[sz]ed\b)"),
    ("topical", r"(?i:\btopical(?:ly)?\b)"),
    ("injection", r"(?i:\binjections?\b)"),
]

_ROUTE_RE = [(name, re.compile(p)) for name, p in _ROUTE]
# molar concentrations: written with their case ("mM" is no "MM"), and in culture, where no route applies
MOLAR_UNITS = frozenset({"µmol/L", "nmol/L", "mmol/L", "µM", "nM", "mM"})
_UNIT_RE = [(re.compile(p, re.I if canon not in MOLAR_UNITS | {"MU", "MIU"} else 0), canon)
            for p, canon in _UNIT_FORMS]


@dataclass(frozen=True)
class DoseMention:
    start: int
    end: int
    values: list[float]
    unit: str
    schedule: str | None = None  # "daily" for a dose per day ("600 mg/day"), "weekly" per week


def canonical_unit(unit: str) -> str:
    """Canonical spelling of a dose unit ("mg/m²" -> "mg/m2", "million units" -> "MU")."""
    u = unit.strip()
    for pattern, canon in _UNIT_RE:
        if pattern.fullmatch(u):
            return canon
    return u


def find_doses(sentence: str) -> list[DoseMention]:
    """Dose expressions in a sentence, offsets relative to it."""
    return list(_doses_in(sentence))


_LEVEL_BEFORE = re.compile(r"\b(?:dose\s+)?(?:levels?|cohorts?|steps?|tiers?)\s*$", re.I)
_LEVEL_AND_DOSE = re.compile(r"\d{1,2},\d{3}")
_DOSE_NUMBER_SEPARATOR = re.compile(r"(?:,\s*or\s+|,\s*and\s+|,\s+|\s*/\s*|\s+or\s+|\s+and\s+|\s+to\s+|\s*[-–]\s*)")


@lru_cache(maxsize=256)  # the regimen and the outcome readers both ask, sentence by sentence
def _doses_in(sentence: str) -> tuple[DoseMention, ...]:
    out = []
    for m in DOSE.finditer(sentence):
        unit = canonical_unit(m.group("unit"))
        if unit == "AUC":
            continue
        if m.group("rate"):  # an infusion rate: "40 micrograms/kg/min"
            unit += "/" + _RATE_UNIT.match(m.group("rate")).group(1)
        nums = _DOSE_NUMBER_SEPARATOR.split(m.group("nums"))
        if _LEVEL_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            # the first number names the level: "level 1, 135 mg/m2", "level 4,210 mg/m2"
            if _LEVEL_AND_DOSE.fullmatch(nums[0]):
                nums[0] = nums[0].split(",")[1]
            elif len(nums) > 1:
                nums = nums[1:]
        values = [v for v in (parse_number(n) for n in nums) if v is not None]
        if not values:
            continue
        # "95% CI" or "P = 0.05 g" are not doses; a dose unit right after a percent sign never is
        out.append(DoseMention(m.start(), m.end(), values, unit,
                               "daily" if m.group("per_day") else "weekly" if m.group("per_week") else None))
    for m in AUC_DOSE.finditer(sentence) if "AUC" in sentence or "under the" in sentence else ():
        v = parse_number(m.group("nums") or m.group("nums2"))
        if v is not None:
            out.append(DoseMention(m.start(), m.end(), [v], "AUC"))
    out.sort(key=lambda d: d.start)
    return tuple(out)


_DRUG_CLASS_WORD = re.compile(r"\b(?:inhibitor|agent|drug)\b")
_CLAUSE_END = re.compile(r"[.;]")


def _document_routes(ctx: DocContext) -> dict[str, str]:
    """Routes the paper states next to a drug name anywhere: "the oral mTOR inhibitor everolimus",
    "Intravenous temsirolimus", "everolimus, an orally active inhibitor"."""
    routes: dict[str, str] = {}
    text = ctx.text
    for m in ctx.mentions:
        if m.concept.type != "drug" or m.key in routes:
            continue
        before = text[max(0, m.start - 45):m.start]
        before = before.rsplit(",", 1)[-1] if _DRUG_CLASS_WORD.search(before) else before
        after = text[m.end:m.end + 40]
        around = _CLAUSE_END.split(before)[-1] + " " + _CLAUSE_END.split(after)[0]
        route = _route(around)
        if route and route != "injection":
            routes[m.key] = route
    # "All drugs were given intravenously." (a cheap test first: the search costs more than the loop above)
    every = _ALL_DRUGS_ROUTE.search(text) if "ll drugs" in text or "ll agents" in text or "oth drugs" in text \
        or "oth agents" in text or "ll study" in text or "oth given" in text or "oth administered" in text else None
    if every:
        route = _route(every.group("route"))
        # ("..., both given intravenously on days 1, 8 and 15": the drugs of that sentence)
        sent = next((s for s in ctx.sentences if s.start <= every.start() < s.end), None) \
            if not every.group("noun") else None
        for m in ctx.mentions if sent is None else ctx.mentions_in(sent.start, sent.end):
            if m.concept.type == "drug":
                routes.setdefault(m.key, route)
    return routes


_ALL_DRUGS_ROUTE = re.compile(r"\b(?:all|both)\s+(?P<noun>(?:study\s+)?(?:drugs|agents|treatments|medications)\s+)?(?:were\s+)?"
                              r"(?:given|administered|infused|delivered)\s+(?P<route>intravenously|orally|subcutaneously)\b",
                              re.I)
# the rest of a sentence gives every dose without one its schedule: "..., both administered every 3 weeks"
_SHARED_SCHEDULE = re.compile(r"\b(?:both|each|all)\s+(?:(?:was|were)\s+)?(?:given|administered|repeated)\s+", re.I)
# a dose raised or lowered keeps its schedule: "three times weekly, starting at 3 MU and increased to 18 MU"
_DOSE_CHANGED_TO = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:,\s*)?(?:and\s+|then\s+)?(?:increased|escalated|reduced|decreased|titrated)"
                              r"\s+(?:up\s+)?to\s+", re.I)


_RAISED_IN_PARENTHESES = re.compile(r"(?:\s+of\s+[^().;,]{1,40}?)?\s*\(\s*(?:with\s+)?(?:an?\s+)?(?:increase|escalation|titration|increased|escalated|"
                                    r"titrated)\s+(?:up\s+)?to\s+", re.I)


def extract_regimens(ctx: DocContext) -> list[Regimen]:
    regimens: list[Regimen] = []
    doc_routes = _document_routes(ctx)
    # how the paper names single drugs ("DSF", "Cu"), to split a complex's doses over its parts
    components = {m.text: m for m in ctx.mentions if m.concept.type == "drug" and "/" not in m.text}
    seen: set[tuple] = set()
    earlier: list[EntityMention] = []  # the drugs of the sentences before
    dose_of: dict[tuple[tuple[float, ...], str | None], str] = {}  # each dose read so far: whose it is

    def last_drug() -> EntityMention | None:
        """The drug named last before this sentence, not one left out or measured ("given without Mesna",
        "a decrease in hemoglobin"): what a dose with no drug of its own is of. (Asked rarely: read lazily.)"""
        return next((m for m in reversed(earlier)
                     if not _NOT_GIVEN_BEFORE.search(ctx.text, max(0, m.start - 40), m.start)
                     and not _MEASURED_AFTER.match(ctx.text, m.end)), None)  # ("LDL cholesterol levels")
    for s in ctx.sentences:
        sent = ctx.sentence_text(s)
        drugs = ctx.mentions_in(s.start, s.end, ("drug",))
        doses = find_doses(sent)
        listed: list[tuple[int, Regimen]] = []  # this sentence's regimens, by dose index
        cumulative = _CUMULATIVE_DOSE.search(sent) if doses and "umulative" in sent else None
        for i, d in enumerate(doses):
            if cumulative and cumulative.start() < d.start:
                continue  # an exposure reached, not a dose given: "median cumulative doxorubicin dose ... 2,220 mg/m2"
            if d.unit in MOLAR_UNITS and _POTENCY_BEFORE.search(sent, max(0, d.start - 50), d.start):
                continue  # a potency measured, not a dose given: "an IC50 of 25.3 nM versus 0.6 nM"
            if _GROUP_LABEL_AFTER.match(sent, d.end) and "-" in sent[d.start:d.end]:
                continue  # an arm's name, not a dose given here: "in the 5-10-mg group and ... the 10-mg group"
            if _DOSE_THRESHOLD_BEFORE.search(sent, max(0, d.start - 20), d.start):
                continue  # an eligibility threshold: "who tolerated sorafenib (≥400 mg/day for ≥20 of 28 days)"
            assigned = _assign(sent, s.start, d, drugs, doses, i, last_drug, components)
            if not assigned:
                continue
            if len(assigned) == 1 and assigned[0][0].end - s.start <= d.start and \
                    (given := dose_of.get((tuple(d.values), d.unit))) is not None and given != assigned[0][0].key and \
                    _RESULT_BETWEEN.search(sent, assigned[0][0].end - s.start, d.start):
                continue  # "0.38% with warfarin versus 0.12% with 110 mg": the arm given 110 mg of another drug
            window_end = doses[i + 1].start if i + 1 < len(doses) else min(len(sent), d.end + 90)
            tail = sent[d.end:window_end]
            # stop the window at the next drug name: its schedule is its own ("25 mg of empagliflozin or
            # placebo once daily": not at the dose's own drug)
            # (nor at the drug's abbreviation right after it: "600 mg/m2 of cyclophosphamide (C), every 3 weeks")
            own = {id(m) for m, _ in assigned}
            own_ends = {m.key: m.end for m, _ in assigned}
            next_drug = [m.start - s.start for m in drugs if m.start - s.start >= d.end and id(m) not in own
                         and not 0 <= m.start - own_ends.get(m.key, -99) <= 3]
            if next_drug:  # (and the next drug's route: "420 mg once daily or intravenous ofatumumab")
                tail = _ROUTE_AT_END.sub("", tail[: max(0, min(next_drug) - d.end)])
            # the words between the drug and its dose count too: "IFN-α given subcutaneously three times weekly, starting at 3 MU"
            lead = sent[assigned[0][0].end - s.start:d.start] if assigned[0][0].end - s.start <= d.start else ""
            lead = lead if not find_doses(lead) else ""
            schedule = d.schedule or _schedule(tail) or _schedule(lead) or \
                _schedule_before(sent, assigned[0][0].start - s.start)
            if schedule and schedule.startswith("for ") and (often := _schedule_before(sent, assigned[0][0].start - s.start)):
                schedule = f"{often} {schedule}"  # "Daily intraperitoneal injection of X at 50 mg/kg for 2 weeks"
            w0 = max(0, d.start - 40)
            route = _route(sent[w0:d.end] + tail, near=(d.start - w0, d.end - w0)) or _route(lead)
            if route in (None, "injection") and (before := _ROUTE_BEFORE_DRUG.search(
                    sent, max(0, assigned[0][0].start - s.start - 50), assigned[0][0].start - s.start)):
                route = _route(before.group(0)) or route  # "Daily intraperitoneal injection of sulforaphane at 50 mg/kg"
            for drug_m, values in assigned:
                for v in values:
                    key = (drug_m.key, v, d.unit)
                    if key in seen:
                        continue
                    seen.add(key)
                    ev = Evidence(sent, s.start, s.end, s.section,
                                  spans=((drug_m.start, drug_m.end), (s.start + d.start, s.start + d.end)),
                                  extractor=ctx.extractor, confidence=0.9)
                    regimens.append(Regimen(drug=drug_m.concept.label, dose=v, unit=d.unit, evidence=ev,
                                            schedule=schedule,
                                            # (a concentration in culture has no route: "salinomycin at 1 uM")
                                            route=route or (None if d.unit in MOLAR_UNITS else doc_routes.get(drug_m.key)),
                                            drug_key=drug_m.key))
                    listed.append((i, regimens[-1]))
                    dose_of.setdefault((tuple(d.values), d.unit), drug_m.key)
        # "10 mg or 25 mg of empagliflozin ... once daily": a listed dose shares the schedule of the next
        for i, r in listed:  # "starting at 3 MU and increased to 18 MU"
            before = [o for j, o in listed if j == i - 1 and o.drug_key == r.drug_key]
            if r.schedule is None and before and _DOSE_CHANGED_TO.fullmatch(sent[doses[i - 1].end:doses[i].start]):
                r.schedule = before[0].schedule
        for i, r in listed:  # "3 million U of interferon alfa (with an increase to 18 million U) subcutaneously
            # three times weekly": the first dose is given as the raised one, after the parenthesis
            after = [o for j, o in listed if j == i + 1 and o.drug_key == r.drug_key]
            if after and _RAISED_IN_PARENTHESES.fullmatch(sent[doses[i].end:doses[i + 1].start]):
                r.schedule = r.schedule or after[0].schedule
                r.route = after[0].route or r.route
        shared = _SHARED_SCHEDULE.search(sent) if listed and ("oth " in sent or "ach " in sent or "ll " in sent) else None
        if shared:
            schedule = _schedule(sent[shared.end():])
            for _, r in listed:
                if r.schedule is None:
                    r.schedule = schedule
        # "paclitaxel (175 mg/m2) and carboplatin (AUC 6) every 3 weeks": drugs listed share it too
        for i, r in reversed(listed):
            nxt = [o for j, o in listed if j == i + 1]
            if r.schedule is not None or not nxt or doses[i + 1].schedule:
                continue  # (a dose per day is that dose's: "A 1.5 mg/kg and B 5 mg/kg/day")
            gap = sent[doses[i].end:doses[i + 1].start]
            if nxt[0].drug_key == r.drug_key and _DOSE_LIST_GAP.fullmatch(gap) or _DRUG_LIST_GAP.fullmatch(gap):
                r.schedule = nxt[0].schedule
                r.route = r.route or nxt[0].route  # ("A (3 mg/kg) plus B (1 mg/kg) intravenously every 3 weeks")
        earlier.extend(drugs)
    return regimens


# a result or a comparison between a drug and a dose after it: the dose names another arm
_RESULT_BETWEEN = re.compile(r"\d\s*%|\bversus\b|\bvs\b|\bcompared\b")
_ROUTE_BEFORE_DRUG = re.compile(rf"\b{_ROUTE_ADJECTIVE}\s+(?:injections?|infusions?|administration|doses?|bolus)?\s*(?:of\s+)?$",
                                re.I)
_AT_DOSE_OPENING = re.compile(r"\s*(?:At|With|Using)\s+(?:(?:a\s+)?(?:concentrations?|doses?)\s+of\s+)?", re.I)
_COMMA_GAP = re.compile(r"\s*,\s*(?:the\s+)?")
_DOSE_THRESHOLD_BEFORE = re.compile(r"(?:≥|≤|>=|<=|[<>]\s*or\s*=|>|<|\bat least|\bmore than|\bless than|\bgoals?\s+of|"
                                    r"\btargets?\s+of|\babove\s+the)\s*$", re.I)  # (not "up to", a dose given; "the goal of 3.36 mmol/L")
_GROUP_LABEL_AFTER = re.compile(r"\s+(?:dose\s+)?(?:groups?|arms?|cohorts?)\b", re.I)
_POTENCY_BEFORE = re.compile(r"\b(?:IC|EC|GI|LC|ED)50\b[^;]*$|\bK[id]\b[^;]*$|\b(?:inhibition|dissociation) constants?\b[^;]*$")
_CUMULATIVE_DOSE = re.compile(r"\bcumulative\s+(?:[\w-]+\s+){0,2}(?:doses?|exposure)\b", re.I)
# a drug left out ("without mesna"), or a substance measured ("a decrease in hemoglobin")
_NOT_GIVEN_BEFORE = re.compile(r"\b(?:without|instead of|rather than|no|with or without|found in|derived from|present in|"
                               r"isolated from|extracted from|(?:increases?|decreases?|"
                               r"reductions?|rises?|falls?|changes?|levels?|concentrations?)\s+(?:in|of))\s+(?:the\s+)?"
                               r"(?:(?:serum|plasma|blood|urinary|urine)\s+)?$", re.I)


# what may stand between a dose and the drug named after it: "60 mg/kg DSF", "500 mg of the drug",
# "60 mg/day for methylphenidate", "3.2 mg/kg s.c. morphine"
_DOSE_TO_DRUG_GAP = re.compile(r"(?:\.(?=\s))?\s*(?:(?:s\.c\.|i\.v\.|i\.p\.|i\.m\.|p\.o\.|sc|iv|ip|im|po)\s+)?"
                               r"(?:(?:daily\s+)?doses?\s+)?(?:of\s+|for\s+)?(?:the\s+)?"  # ("a 400-mg dose of imatinib")
                               r"(?:(?:intravenous|oral|subcutaneous|intramuscular|intraperitoneal|inhaled|topical)\s+)?")
                               # ("25 mg of intravenous temsirolimus")
# a drug measured, not given: "18F-FDG uptake", "plasma cisplatin levels"
_MEASURED_NOUNS = ("uptake", "level", "concentration", "clearance", "excretion", "binding")
_MEASURED = r"\s*(?:\([^()]*\)\s*)?(?:" + "|".join(_MEASURED_NOUNS) + r")s?"
_MEASURED_AFTER = re.compile(_MEASURED + r"\b", re.I)
_MEASURED_WORDS = _MEASURED_NOUNS + tuple(w.capitalize() for w in _MEASURED_NOUNS)  # (for a substring test)
_MEASURED_VALUE_GAP = re.compile(_MEASURED + r"\s*(?:was|were|of|reached|rose to|fell to|=|:)?\s*(?:about\s+|approximately\s+)?",
                                 re.I)
_SENTENCE_BREAK = re.compile(r"[.;]\s")
_DRUG_LIST_GAP = re.compile(r"(?:\s+of\s+body[\s-]weight)?\s*\)?\s*(?:,\s*(?:and\s+)?|and\s+|plus\s+)[\w-]+(?:\s+[\w-]+)?\s*\(?\s*")
_DOSE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:or\s+|and\s+)?|or\s+|and\s+)")
_GIVEN_WORD = re.compile(r"\b(received|given|administered|dose|doses|at)\b", re.I)


def _assign(sent: str, s_start: int, d: DoseMention, drugs: list[EntityMention], doses: list[DoseMention],
            i: int, last_drug: Callable[[], EntityMention | None],
            components: dict[str, EntityMention] | None = None) -> list[tuple[EntityMention, list[float]]]:
    """Which drug a dose belongs to: "60 mg/kg DSF" (drug after), else the nearest drug before it."""
    components = components or {}
    rel = [(m, m.start - s_start, m.end - s_start) for m in drugs if not names_a_class_target(sent, m.end - s_start)]
    measured = {id(m) for m, _, e in rel if _MEASURED_AFTER.match(sent, e)} \
        if any(w in sent for w in _MEASURED_WORDS) else set()  # (a substring test first: most sentences measure none)
    # a dose right after a drug measured ("the plasma methotrexate concentration was 1,200 umol/L") is
    # no one's; a drug measured further before is passed over ("18F-FDG uptake ... at doses of 80 mg")
    last_before = max((x for x in rel if x[2] <= d.start), key=lambda x: x[2], default=None)
    if last_before is not None and id(last_before[0]) in measured and \
            _MEASURED_VALUE_GAP.fullmatch(sent, last_before[2], d.start):
        return []
    rel = [x for x in rel if id(x[0]) not in measured]
    after = [x for x in rel if x[1] >= d.end and _DOSE_TO_DRUG_GAP.fullmatch(sent[d.end:x[1]])]
    if after:
        return [(after[0][0], d.values)]
    if _AT_DOSE_OPENING.fullmatch(sent, 0, d.start):  # "At 1 to 5 μmol/L, sulforaphane decreased ...": the subject's
        subject = [x for x in rel if x[1] >= d.end and _COMMA_GAP.fullmatch(sent[d.end:x[1]])]
        if subject:
            return [(subject[0][0], d.values)]
    # "10 mg or 25 mg of empagliflozin": a dose listed before another takes that dose's drug
    j = i
    while j + 1 < len(doses) and _DOSE_LIST_GAP.fullmatch(sent[doses[j].end:doses[j + 1].start]):
        j += 1
        nxt = doses[j]
        listed = [x for x in rel if x[1] >= nxt.end and _DOSE_TO_DRUG_GAP.fullmatch(sent[nxt.end:x[1]])]
        if listed:
            return [(listed[0][0], d.values)]
    before = [x for x in rel if x[2] <= d.start]
    if before:
        m, m_s, m_e = before[-1]
        gap = sent[m_e:d.start]
        prev_dose_end = doses[i - 1].end if i > 0 else -1
        # combined forms: "DSF/Cu at 0.5/1 µmol/L" gives one value per drug
        if len(d.values) == 2 and "/" in sent[d.start:d.end]:
            pair = [x for x in before if x[2] <= d.start]
            if len(pair) >= 2 and sent[pair[-2][2]:pair[-1][1]].strip() == "/":
                return [(pair[-2][0], [d.values[0]]), (pair[-1][0], [d.values[1]])]
            parts = [components.get(p) for p in m.text.split("/")] if m.text.count("/") == 1 else []
            if len(parts) == 2 and all(parts):
                return [(parts[0], [d.values[0]]), (parts[1], [d.values[1]])]
        if len(gap) <= 120 and not _SENTENCE_BREAK.search(gap):
            return [(m, d.values)]
        if prev_dose_end > m_e:  # "175 mg weekly ... followed by 75 mg weekly": same drug continues
            return [(m, d.values)]
    elif i == 0 and _GIVEN_WORD.search(sent[:d.start]) and (previous := last_drug()) is not None:
        return [(previous, d.values)]
    return []


_ROUTE_AT_END = re.compile(rf"\b{_ROUTE_ADJECTIVE}\s*$", re.I)
_SCHEDULE_JOIN = re.compile(r"[\s,]*(?:and|then|of|followed by)?[\s,]*")
_LEADING_ON = re.compile(r"^on\s+")


def _schedule(tail: str) -> str | None:
    found = list(_SCHEDULE.finditer(tail))
    if not found:
        return None
    parts = [found[0]]
    for m in found[1:]:
        if m.start() - parts[-1].end() <= 4 or _SCHEDULE_JOIN.fullmatch(tail[parts[-1].end():m.start()]):
            parts.append(m)
        else:
            break
    # an infusion's length is no schedule when a schedule is given: "over 120 minutes on days 1 and 8"
    timed = [m for m in parts if not _INFUSION_LENGTH.fullmatch(m.group(0))] or parts
    text = tail[timed[0].start():timed[-1].end()].strip(" ,")
    return _LEADING_ON.sub("", text)


# a schedule written before the drug: "a single oral dose of baloxavir (40 mg", "once-weekly subcutaneous semaglutide"
_SCHEDULE_BEFORE_DRUG = re.compile(rf"\b(?P<s>{_DOSE_KIND}|(?:once|twice)[- ](?:daily|weekly|monthly)|(?<![\w-])(?:daily|weekly|"
                                   rf"monthly)(?=\s+(?:{_ROUTE_ADJECTIVE}\s+)?(?:injections?|infusions?|doses?|"
                                   rf"administration)\b))\s+(?:of\s+)?(?:{_ROUTE_ADJECTIVE}\s+)?"
                                   r"(?:(?:injections?|infusions?|doses?|administration)\s+of\s+)?$", re.I)


def _schedule_before(sent: str, drug_start: int) -> str | None:
    m = _SCHEDULE_BEFORE_DRUG.search(sent, max(0, drug_start - 50), drug_start)
    return m.group("s").replace("-", " ").lower() if m else None


_INFUSION_LENGTH = re.compile(r"(?:over|during)\s+\d+\s+(?:minutes|min|hours|h)", re.I)


# a piece of every route word (matched in lower case), and the abbreviations that keep their case
_ROUTE_HINTS = ("intraven", "i.v.", "infus", "oral", "mouth", "p.o.", "per os", "subcut", "s.c.", "intramus", "i.m.",
                "intraperit", "i.p.", "inject", "intraderm", "intrath", "epidur", "intravit", "intranas",
                "arterial", "intraves", "transderm", "subling", "inhal", "nebuli", "topical")
_ROUTE_SYMBOLS = ("IV", "PO", "SC")


def _route(window: str, near: tuple[int, int] | None = None) -> str | None:
    """The first route of ``_ROUTE`` the window names; with ``near`` (a dose's span in the window), the
    route named closest to it ("oral ibrutinib at a dose of 420 mg once daily or intravenous ofatumumab").
    (Substring tests first: most windows name no route, and a search for each costs several times as much.)"""
    low = window.lower()
    if not any(h in low for h in _ROUTE_HINTS) and not any(h in window for h in _ROUTE_SYMBOLS):
        return None
    best, best_gap = None, None
    for name, pattern in _ROUTE_RE:  # (in the list's order: the common routes first, "injection" last)
        for m in pattern.finditer(window) if near else [pattern.search(window)]:
            if m is None:
                continue
            if near is None:
                return name
            gap = near[0] - m.end() if m.end() <= near[0] else max(0, m.start() - near[1])
            if name == "injection" and best is not None:
                continue  # (a named route over a bare "injection", listed last: "by monthly intravenous injections")
            if best_gap is None or gap < best_gap:
                best, best_gap = name, gap
    return best
