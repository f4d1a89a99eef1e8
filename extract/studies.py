"""Study facts: registry ids, phase, design, number of patients, condition studied."""

from __future__ import annotations

import re

from extract.context import DocContext
from extract.entities import EntityMention
from extract.numbers import WORD_NUMBER, WORD_NUMBER_START, parse_number
from extract.records import Evidence, Study

NCT = re.compile(r"\bNCT\s?(\d{8})\b")
# other registries' numbers: ISRCTN, ANZCTR, ChiCTR, UMIN, DRKS, CTRI, CRiS, jRCT, PACTR, IRCT
REGISTRY_ID = re.compile(r"\b(?:ISRCTN\d{8}|ACTRN\d{14}|ChiCTR-?[A-Z]{0,4}-?\d{6,12}|UMIN\d{9}|DRKS\d{8}|"
                         r"CTRI/\d{4}/\d{2,3}/\d{6}|KCT\d{7}|jRCT[a-z]?\d{9,10}|PACTR\d{15}|IRCT\d{8,}N\d+)\b")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "1": "1", "2": "2", "3": "3", "4": "4", "0": "0"}
PHASE = re.compile(
    r"\bphase[\s-]+(?P<a>IV|III|II|I|[0-4])(?P<a2>[ab])?(?:\s*(?:/|-|and|or|to)\s*(?:phase\s+)?(?P<b>IV|III|II|I|[0-4])(?P<b2>[ab])?)?\b",
    re.I)
_DESIGN_WORDS = [
    ("randomized", r"(?<!non-)(?<!non)(?<!not )\brandomi[sz]ed|randomly assigned|randomly allocated|"
                   r"(?<!non-)(?<!non)\brandomi[sz]ation\b"),
    ("double-blind", r"\bdouble[- ]blind(?:ed)?\b"),
    ("single-blind", r"\bsingle[- ]blind(?:ed)?\b"),
    ("open-label", r"\bopen[- ]label\b"),
    ("placebo-controlled", r"\bplacebo[- ]controlled\b"),
    ("single-arm", r"\bsingle[- ]arm\b"),
    ("multicenter", r"\bmulti-?cent(?:er|re)\b|\bmulti-?institutional\b"),
    ("dose-escalation", r"\bdose[- ]escalation\b|\bdose[- ]finding\b"),
    ("crossover", r"\bcross-?over\b(?!\s+(?:from|to|of|was|were|is|rates?|occurred|permitted|allowed)\b)"),  # (not "crossover to X was permitted")
]
_DESIGN_RE = [(name, re.compile(p, re.I)) for name, p in _DESIGN_WORDS]
#: designs of studies in people: with a count of people, no laboratory word in the background makes the paper preclinical
_CLINICAL_DESIGNS = {"double-blind", "single-blind", "open-label", "placebo-controlled", "crossover"}
# a cheap test first: most sentences name no design (each pattern holds one of these words)
_DESIGN_HINTS = ("random", "blind", "label", "controlled", "single", "multi", "escalation", "finding", "cross")
_PRECLINICAL = re.compile(r"\b(in vitro|in vivo|xenograft|mice|murine|cell lines?|in culture|mouse model)\b", re.I)
_PRECLINICAL_HINTS = ("in vitro", "in vivo", "xenograft", "mice", "murine", "cell line", "in culture", "mouse model")


def _preclinical_words(text: str) -> bool:
    """A word of laboratory work in the text (substring tests first: the pattern is searched through
    the whole text, 50 us a paper)."""
    low = text.lower()
    return any(h in low for h in _PRECLINICAL_HINTS) and bool(_PRECLINICAL.search(text))


_N_NUM = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})*|\d+|{WORD_NUMBER})"
# "15 patients were enrolled", "included 15 patients", "In total, 711 patients were randomly assigned"
_N_PATIENTS = [
    # (the lookahead: a count starts with a digit or a number word's letter; other words fail at once)
    # (a word between is \w+(?:-\w*)?, not the ambiguous \w+-?\w*, whose many splits of each word
    #  were tried in turn when no people word followed: half the pattern's time)
    re.compile(rf"\b(?=[\dai{WORD_NUMBER_START}])(?:a total of |in total,? |overall,? )?{_N_NUM}\s+(?:(?:adult|eligible|evaluable|consecutive|"
               rf"previously treated|postmenopausal|pediatric|(?!(?:including|and|or|with|without|of|in|among|from|to|for|"
               rf"who|that|which|plus|versus|vs|countries|centres|centers|sites|hospitals|cities|states|regions|"
               rf"days|weeks|months|years)\b)\w+(?:-\w*)?),?\s+){{0,2}}(?:patients|participants|subjects|"
               rf"women|men|adults|children|people|individuals|boys|girls|infants|neonates|volunteers|inpatients|outpatients)\b(?P<after>[^.;]{{0,80}})", re.I),
    re.compile(r"\(\s*[nN]\s*=\s*(?P<n>\d[\d,]*)\s*\)"),
    re.compile(r"\b[nN]\s*=\s*(?P<n>\d[\d,]*)\b"),
]
_PEOPLE = re.compile(r"\b(?=[pswmacibgnvio])(?:patients|participants|subjects|women|men|adults|children|people|individuals|"
                     r"boys|girls|infants|neonates|volunteers|inpatients|outpatients)\b",
                     re.I)
#: the words a count of study participants is of (shared with the claims' patient-group patterns)
PEOPLE_WORDS = r"(?:patients|participants|subjects|women|men|adults|children|volunteers|boys|girls|infants)"
_PEOPLE_ENROLLED = re.compile(
    rf"\b{PEOPLE_WORDS}\b[^.;]{{0,80}}?\b(?:were|was)\s+(?:\w+\s+)?(?:enrolled|included|randomi[sz]ed|randomly|recruited|"
    rf"assigned|studied)\b|\b(?:enrolled|recruited|randomi[sz]ed|included)\s+(?:\d[\d,]*|\w+)\s+(?:\w+\s+){{0,2}}?{PEOPLE_WORDS}\b",
    re.I)
_ENROL_VERB = re.compile(
    r"\b(enrolled|enrolment|enrollment|included|randomi[sz]ed|randomly assigned|randomly allocated|assigned|"
    r"recruited|accrued|received|were treated|underwent|participated|took part|registered|entered)\b", re.I)
# "9 patients previously had been treated", "Four patients (10%) had": a subgroup described, not the enrolment
_NOT_ENROL = re.compile(r"^\s*(?:\(\s*\d+(?:\.\d+)?\s*%|(?:screened|previously|had been|had|have(?!\s+been\s+(?:enrolled|entered|included|accrued|treated)\b)|died|discontinued|withdrew|experienced|developed|"
                        r"achieved|responded|showed|were excluded|did not|could not)\b)", re.I)


def normalize_phase(m: re.Match) -> str:
    a = _ROMAN[m.group("a").upper()] + (m.group("a2") or "").lower()
    if m.group("b"):
        return f"{a}/{_ROMAN[m.group('b').upper()]}{(m.group('b2') or '').lower()}"
    return a


_TRIAL_OR_STUDY = re.compile(r"\b(trial|study)\b", re.I)


_OWN_STUDY_BEFORE = re.compile(r"\b(?:we|this|our|the present|the current)\b[^.;]{0,40}$", re.I)
_CITED_BEFORE = re.compile(r"\b(?:previous|prior|earlier|preliminary|preceding|recent)\s+(?:randomi[sz]ed\s+)?$", re.I)
_CITED_AFTER = re.compile(r"[ab]?\s+(?:(?:randomi[sz]ed|clinical|open-label)\s+)*(?:study|trial)\s+(?:has\s+|had\s+)?"
                          r"(?:showed|shown|demonstrated|suggested|reported|found|indicated)\b", re.I)


# a design named of studies that do not exist or are still to be done: "None of the studies was
# randomized", "nor are there any prospective randomized, controlled trials", "Further randomized
# studies are needed", "a large, multicenter clinical trial ... is clearly required"
_NO_STUDY_BEFORE = re.compile(r"\b(?:none\s+of\s+the\s+(?:\w+\s+){0,2}(?:studies|trials)|nor\s+(?:are|were|is|was)\s+there|"
                              r"there\s+(?:are|were|is|was)\s+no|absence\s+of|lack\s+of|(?:further|future|additional)"
                              r"(?:\s+(?:large|larger|well-designed|prospective|randomi[sz]ed|controlled|clinical))*)\b"
                              r"[^.;]{0,50}$", re.I)
_TO_BE_DONE_AFTER = re.compile(r"[^.;]{0,120}?\b(?:are|is)\s+(?:\w+\s+)?(?:needed|required|warranted)\b", re.I)


def _of_a_study_done(sent: str, m: re.Match) -> bool:
    """The design word is of a study the paper reports, not one that is missing or wished for."""
    return not (_NO_STUDY_BEFORE.search(sent, max(0, m.start() - 80), m.start())
                or _TO_BE_DONE_AFTER.match(sent, m.end()))


def extract_study(ctx: DocContext) -> Study | None:
    """The one study an article reports (articles here report one; a review would need more)."""
    text = ctx.text
    evidence: list[Evidence] = []
    trial_ids: list[str] = []
    phases: list[tuple[int, str]] = []
    design: list[str] = []
    n_candidates: list[tuple[int, int]] = []  # (score, n)
    for s in ctx.sentences:
        sent = ctx.sentence_text(s)
        used = False
        lower = sent.lower()
        found = [(m.start(), "NCT" + m.group(1)) for m in NCT.finditer(sent)] if "NCT" in sent else []
        if "CT" in sent or "UMIN" in sent or "DRKS" in sent:
            found = sorted(found + [(m.start(), m.group(0)) for m in REGISTRY_ID.finditer(sent)])
        for _, trial_id in found:
            if trial_id not in trial_ids:
                trial_ids.append(trial_id)
                used = True
        for m in PHASE.finditer(sent) if "phase" in lower else ():
            # "in the phase 2 portion" is weaker than "a phase 3 trial"; the paper's own trial ("we
            # performed a phase 3 trial") is stronger than one it cites ("a phase 2 study showed")
            weight = 2 if _TRIAL_OR_STUDY.search(sent[m.end():m.end() + 40]) else 1
            if _OWN_STUDY_BEFORE.search(sent, max(0, m.start() - 50), m.start()):
                weight = 3
            elif _CITED_BEFORE.search(sent, max(0, m.start() - 30), m.start()) or _CITED_AFTER.match(sent, m.end()):
                weight = 0
            phases.append((weight, normalize_phase(m)))
            used = True
        for name, pattern in _DESIGN_RE if any(w in lower for w in _DESIGN_HINTS) else ():
            if name not in design and any(_of_a_study_done(sent, m) for m in pattern.finditer(sent)):
                design.append(name)
        for score, n in _patients_in(sent):
            n_candidates.append((score, n))
            used = True
        if used:
            evidence.append(Evidence(sent, s.start, s.end, s.section, extractor=ctx.extractor))
    # (a clinical study may cite in vitro work: "In vitro work has demonstrated ... Seventeen subjects were enrolled")
    preclinical = not trial_ids and not phases and _preclinical_words(text) and not _PEOPLE_ENROLLED.search(text) \
        and not (n_candidates and _CLINICAL_DESIGNS.intersection(design))  # ("a crossover study, 10 healthy volunteers took")
    if preclinical:
        design.insert(0, "preclinical")
    phase = None
    if phases and max(w for w, _ in phases) > 0:  # (only a cited trial's phase: the paper's is not given)
        best = max(w for w, _ in phases)
        phase = next(p for w, p in phases if w == best)
    n_patients: list[int] = []
    if n_candidates and not preclinical:
        top = max(sc for sc, _ in n_candidates)
        for sc, n in n_candidates:
            if sc == top and n not in n_patients:
                n_patients.append(n)
    condition_mentions = _conditions(ctx)
    conditions = [m.concept.label for m in condition_mentions]
    if not (trial_ids or phase or n_patients or design or conditions):
        return None
    return Study(evidence=evidence, trial_ids=trial_ids, phase=phase, design=", ".join(design) or None,
                 n_patients=n_patients[:1], conditions=conditions,
                 condition_keys=[m.key for m in condition_mentions])


_TOTAL_WORDS = re.compile(r"\b(a total of|in total|overall)\b", re.I)
_WERE_ENROLLED_AFTER = re.compile(r"\s+were\s+(randomly|enrolled|included|randomi|assigned|allocated)", re.I)
_ENROLLED_BEFORE = re.compile(r"\b(enrolled|included|randomi[sz]ed|assigned|accrued|recruited)\s+(?:\w+\s+){0,2}$", re.I)
# (no other count on the way; a digit inside a name is none: "SARS-CoV-2")
_CLAUSE_ENROLLED_AFTER = re.compile(r"(?:[^.;:()\d]|(?<=[A-Za-z-])\d){0,160}?\b(?:(?:were|was)\s+(?:randomly\s+)?(?:assigned|randomi[sz]ed|"
                                    r"allocated|enrolled|included|recruited)|underwent\s+randomi[sz]ation)\b", re.I)
_RANDOMIZED = re.compile(r"\brandomi[sz]ed\b", re.I)
# words that cannot stand between a count and its people: a span of time, a preposition
_NOT_A_COUNT_BETWEEN = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?|to|of|in|at|for|with|from|per|trials?|"
                                  r"stud(?:y|ies))\b", re.I)
# a number that labels something: "a phase 3 trial involving patients", "grade 3 ..."
_LABEL_NUMBER_BEFORE = re.compile(r"\b(?:phase|grade|stage|type|cycle|day|week|arm|cohort|level|part|step)\s*$", re.I)
_PER_ARM_AFTER = re.compile(r"\s+(?:to|in the|in each|per)\b|\s+(?:(?:were|was)\s+)?(?:assigned|randomi[sz]ed|allocated)\s+to\s+"
                            r"(?:the\s+)?(?:\w+\s+)?(?:group|arm|cohort)\b", re.I)  # ("4 patients assigned to group I")
_PER_ARM = re.compile(r"\b(each|per|either) (arm|group|cohort)\b|\bportion\b.*\btreated\b", re.I)


_OF_BEFORE = re.compile(r"\bof\s*$", re.I)
_EVENT_IN_BEFORE = re.compile(r"\b(?:occurred|observed|seen|reported|noted|developed|found)\s+in\s+(?:only\s+)?$", re.I)
_COUNT_OF_BEFORE = re.compile(rf"\b(?:\d+|none|all|{WORD_NUMBER})\s+of\s*$", re.I)  # (not "Of 553 enrolled patients")
_PEOPLE_HEADING = re.compile(r"\s*(?:PATIENTS|PARTICIPANTS|SUBJECTS|POPULATION)\s*:\s*")
# "...; 39 were enrolled": the people word is left out
# (the verb first, then the count that ends right before it: a count searched everywhere is slow)
_WERE_ENROLLED = re.compile(r"\s+(?:were|was)\s+(?:enrolled|recruited|accrued|randomi[sz]ed)\b", re.I)
_SPACED_THOUSANDS = re.compile(r"\d[ \u2009\u202f]\d{3}\b")  # (a cheap test first)
_SPACE_GROUPED = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[ \u2009\u202f]\d{{3}})+(?=\s+{PEOPLE_WORDS}\b)")
_LABEL_WORD_BEFORE = re.compile(r"\b(?:day|week|month|year|grade|phase|cycle|stage|step|arm|group|visit|version)s?\s+$", re.I)
_REFERENCE_BEFORE = re.compile(r"\b(?:all|both|these|those|the)\s+$", re.I)
_COUNT_AT_END = re.compile(rf"(?<![\w.,]){_N_NUM}$", re.I)
_LEADING_COUNT = re.compile(rf"\s*(?:(?:a total of|in total,?|overall,?)\s+)?{_N_NUM}\s+(?P<between>(?:[^.;:\s]+\s+){{1,8}}?)"
                            rf"(?={PEOPLE_WORDS}\s+(?:were|was)\s)", re.I)
_N_EQUALS_ENROLLED = re.compile(
    rf"\b{PEOPLE_WORDS}\b(?P<between>(?:[^.;()]|\([^()]{{0,30}}\)){{0,140}}?)\(\s*[nN]\s*=\s*(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)\s*\)\s*"
    r"(?:were|was)\s+(?:\w+\s+)?(?:enrolled|included|randomi[sz]ed|randomly|assigned|allocated|recruited|genotyped|"
    r"studied|treated|analy[sz]ed|evaluated)\b", re.I)
_ARM_WORDS_BETWEEN = re.compile(r"\b(?:groups?|arms?|cohorts?|subgroups?)\b", re.I)  # (a group's size is no study's)
_PEOPLE_ENROLLED_AT = re.compile(rf"{PEOPLE_WORDS}\s+(?:were|was)\s+(?:\w+\s+)?(?:enrolled|included|recruited|accrued|"
                                 r"randomi[sz]ed|randomly|studied|registered|treated)\b", re.I)


def _patients_in(sent: str) -> list[tuple[int, int]]:
    out = []
    if _SPACED_THOUSANDS.search(sent):
        # digits grouped by spaces: "A total of 88 902 patients" (the offsets are not needed here)
        sent = _SPACE_GROUPED.sub(lambda m: m.group(0) if _LABEL_WORD_BEFORE.search(m.string, max(0, m.start() - 10), m.start())
                                  else m.group(0).replace(" ", "").replace("\u2009", "").replace("\u202f", ""), sent)
    if "enrolled" in sent or "randomi" in sent or "recruited" in sent or "accrued" in sent:
        for w in _WERE_ENROLLED.finditer(sent):
            if (m := _COUNT_AT_END.search(sent, max(0, w.start() - 24), w.start())) is None or \
                    _REFERENCE_BEFORE.search(sent, max(0, m.start() - 12), m.start()):
                continue  # (not "All three were randomized": the trials named before)
            n = parse_number(m.group("n"))
            if n is not None and n >= 2 and n == int(n) and not 1900 <= n < 2100:  # (not "in April 2004 were")
                out.append((4, int(n)))
    if " were " in sent and (lead := _LEADING_COUNT.match(sent)) and _PEOPLE_ENROLLED_AT.match(sent, lead.end()) \
            and not _NOT_A_COUNT_BETWEEN.search(lead.group("between")):
        # the sentence opens with its count, however many words describe the people: "Seventy-five human
        # immunodeficiency virus (HIV)-infected patients were enrolled", "A total of 48 consecutive, previously
        # untreated patients were included"
        n = parse_number(lead.group("n"))
        if n is not None and n >= 2 and n == int(n):
            out.append((4, int(n)))
    if not _PEOPLE.search(sent):
        return out
    if "=" in sent:
        for m in _N_EQUALS_ENROLLED.finditer(sent):
            # the people described, their number in parentheses, then what was done to all of them: "Patients with
            # chronic hepatitis C ... who consented to genetic testing (n=1604) were genotyped"
            if not _ARM_WORDS_BETWEEN.search(m.group("between")):
                out.append((4, int(m.group("n").replace(",", ""))))
    pos = 0
    while (m := _N_PATIENTS[0].search(sent, pos)) is not None:
        pos = m.end()
        if _NOT_A_COUNT_BETWEEN.search(sent, m.end("n"), m.start("after")) or \
                _LABEL_NUMBER_BEFORE.search(sent, max(0, m.start("n") - 8), m.start("n")):
            pos = m.end("n")  # "every 21 days to women", "11 of 20 patients": the count may come later
            continue
        n = parse_number(m.group("n"))
        if n is None or n < 2 or n != int(n):
            continue
        window = sent[max(0, m.start() - 40):m.end()]
        after = m.group("after")
        of_before = after.lstrip().startswith("(") and _OF_BEFORE.search(sent, max(0, m.start("n") - 8), m.start("n"))
        if _EVENT_IN_BEFORE.search(sent, max(0, m.start("n") - 30), m.start("n")):
            continue  # a count of events: "toxicity occurred in 4 patients assigned to group I"
        if _NOT_ENROL.search(after) and not of_before:
            continue  # (but "Five of 8 patients (63%)": the share is of the five)
        score = 1
        if _ENROL_VERB.search(window):
            score = 3
        if _TOTAL_WORDS.search(window):
            score += 1
        if _WERE_ENROLLED_AFTER.match(after) or _ENROLLED_BEFORE.search(sent[:m.start()]):
            score += 1
        elif _CLAUSE_ENROLLED_AFTER.match(sent, m.end()):
            # the people described first, then enrolled: "2246 symptomatic, nonhospitalized adults with confirmed
            # SARS-CoV-2 infection ... were randomly assigned"
            score = max(score, 3) + 1
        if _RANDOMIZED.search(sent):
            score += 1
        if (heading := _PEOPLE_HEADING.match(sent)) and m.start() < heading.end() + 20:
            score = max(score, 3)  # "PATIENTS: Seventy men, aged 50-80 years, with ..."
        if _PER_ARM_AFTER.match(after) or _PER_ARM.search(sent[:m.start()] + after[:30]):
            score = 1  # arm or cohort sizes: "assigned 73 patients to gemcitabine-docetaxel", "each arm included 54"
        elif _COUNT_OF_BEFORE.search(sent, max(0, m.start("n") - 30), m.start("n")):
            score = 1  # a denominator: "None of 23 patients who received docetaxel alone", "9 of 47 patients"
        out.append((score, int(n)))
    return out


#: a disease named after "patients with": the condition studied (outcomes use it to tell a condition from a measure)
# (not "the proportions of patients with no nausea": an outcome, not the condition studied)
PATIENTS_WITH_BEFORE = re.compile(r"\b(?:patients|women|men|participants|adults|children)\s+with\s+(?!no\s)(?:[\w/,-]+\s+){0,6}$",
                                  re.I)


#: what joins the items of a list of names: "VT or VF", "allopregnanolone and pregnanolone, but not ..."
LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)")


def named_after_patients_with(ctx: DocContext, m: EntityMention) -> bool:
    """The disease is the one "patients with" name, with no other disease between ("patients with
    congestive heart failure, cases of severe hypotension": the failure, not the hypotension)."""
    found = PATIENTS_WITH_BEFORE.search(ctx.text, max(0, m.start - 80), m.start)
    if found is None:
        return False
    before = [o for o in ctx.mentions_in(found.start(), m.start) if o.concept.type == "disease" and o is not m]
    # (a list is named whole: "patients with VT or VF")
    return all(LIST_JOIN.fullmatch(ctx.text, a.end, b.start) for a, b in zip(before, [*before[1:], m]))


def _conditions(ctx: DocContext) -> list:
    """Diseases named after "patients with", else in the title, else the most mentioned."""
    text = ctx.text
    diseases = [m for m in ctx.mentions if m.concept.type == "disease"]
    if not diseases:
        return []
    for m in diseases:
        if named_after_patients_with(ctx, m):
            return [m]
    title = next((s for s in ctx.sentences if s.section == "TITLE"), ctx.sentences[0] if ctx.sentences else None)
    if title is not None:
        in_title = [m for m in diseases if title.start <= m.start < title.end]
        if in_title:
            return [in_title[-1]]
    counts: dict[str, int] = {}
    for m in diseases:  # (an adverse event is no condition studied: "grade 4 thrombocytopenia", "fatigue (52%)")
        if not (_ADVERSE_BEFORE.search(text, max(0, m.start - 110), m.start) or _SHARE_AFTER.match(text, m.end)
                or _INDICATION_BEFORE.search(text, max(0, m.start - 80), m.start)):
            # (a process such as metastasis counts less than a disease: "drive tumor recurrence and metastasis")
            counts[m.key] = counts.get(m.key, 0) + (0.5 if m.concept.label.lower() in _PROCESSES else 1)
    if not counts:
        return []
    best = max(counts, key=counts.get)
    return [next(m for m in diseases if m.key == best)]


_ADVERSE_BEFORE = re.compile(r"(?:\bgrade\s*[1-5](?:\s*(?:or|-|/|to)\s*[1-5])?|\badverse events?|\btoxicit(?:y|ies)|"
                             r"\bDLTs?|dose-limiting|\bside effects?|\bmost common)\b[^.;]{0,100}$", re.I)  # (a list: "the most common adverse
# effects were nausea and vomiting in the A group and nausea and pain in the B group")
_PROCESSES = {"metastasis", "neoplasm metastasis", "carcinogenesis", "cell transformation, neoplastic", "tumor progression",
              "neoplasm invasiveness", "drug resistance"}
_SHARE_AFTER = re.compile(r"\s*(?:(?:occurred|developed|was\s+(?:observed|seen|reported|noted))\s+in\s+(?:\d+|[a-z]+)\s+"
                          r"(?:of\s+(?:the\s+)?\d+\s+)?(?:[a-z]+\s+)?)?\(\s*\d+(?:\.\d+)?\s*%|"
                          r"\s+in\s+(?:none|no\s+(?:patients?|one|children|subjects?))\b")  # ("VOD occurred in 3 patients (12.5%)")
# what a drug is for, said in passing, is no condition studied: "metformin, a standard drug for diabetes, ..."
_INDICATION_BEFORE = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:drug|agent|medication|medicine)\s+"
                                r"(?:for|used (?:to treat|for|in))\s+(?:the\s+treatment\s+of\s+)?(?:[\w-]+\s+){0,2}$", re.I)
