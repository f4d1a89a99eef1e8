"""Deterministic generator of synthetic oncology articles for the benchmarks (issue 5).

Each article is about 250 words in one of three styles: a structured abstract
(BACKGROUND/METHODS/RESULTS/CONCLUSIONS), an unlabeled abstract, or a medical news summary
("according to a study published in ...", an investigator and affiliation, "Continue
Reading", "Related Articles", a Reference line). Every article states drugs with doses,
routes and schedules, trial facts (phase, design, N, an NCT id), numeric outcomes (medians
with hazard ratios, confidence intervals and P values, response rates at a time point,
adverse-event rates), a mechanism, a hedged claim, a negated finding and a biomarker.

Names are drawn with a Zipf distribution from the project lexicon
``data/lexicons/terms.tsv.gz`` when it exists, else from the built-in oncology lists below,
so a few drugs are everywhere and most appear in a handful of papers, as in PubMed.

Article ``i`` depends only on ``(seed, i)`` and the vocabulary: ``generate(100, 1)`` is a
prefix of ``generate(1000, 1)``, and ``start=`` continues a corpus with fresh ids.

    python benchmarks/generate.py --n 10000 --out DIR --seed 1
    python benchmarks/generate.py --n 50 --out DIR --real-dir data/articles --real-fraction 0.2

or, from Python::

    for doc_id, text in generate(1000, seed=1): ...
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import itertools
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LEXICON = REPO / "data" / "lexicons" / "terms.tsv.gz"
DEFAULT_REAL_DIR = REPO / "data" / "articles"
ZIPF_S = 1.1  # exponent of the rank-frequency law; about 1 for words and biomedical terms

# ---------------------------------------------------------------------------------------------
# Built-in vocabulary (used when the lexicon is missing, and ranked first when it is present).

#: (name, main target as written in text, kind). Kind chooses dose units and routes:
#: oral = tablets in mg, chemo = mg/m2 infusions, mab = antibodies in mg/kg or flat mg.
FALLBACK_DRUGS: list[tuple[str, str, str]] = [
    ("temsirolimus", "mTOR", "chemo"), ("everolimus", "mTOR", "oral"), ("sirolimus", "mTOR", "oral"),
    ("ridaforolimus", "mTOR", "oral"), ("pazopanib", "VEGFR2", "oral"), ("sunitinib", "VEGFR2", "oral"),
    ("sorafenib", "RAF1", "oral"), ("imatinib", "KIT", "oral"), ("dasatinib", "ABL1", "oral"),
    ("nilotinib", "ABL1", "oral"), ("erlotinib", "EGFR", "oral"), ("gefitinib", "EGFR", "oral"),
    ("osimertinib", "EGFR", "oral"), ("afatinib", "EGFR", "oral"), ("lapatinib", "HER2", "oral"),
    ("trastuzumab", "HER2", "mab"), ("pertuzumab", "HER2", "mab"), ("bevacizumab", "VEGF-A", "mab"),
    ("cetuximab", "EGFR", "mab"), ("panitumumab", "EGFR", "mab"), ("pembrolizumab", "PD-1", "mab"),
    ("nivolumab", "PD-1", "mab"), ("ipilimumab", "CTLA-4", "mab"), ("atezolizumab", "PD-L1", "mab"),
    ("durvalumab", "PD-L1", "mab"), ("olaparib", "PARP1", "oral"), ("niraparib", "PARP1", "oral"),
    ("rucaparib", "PARP1", "oral"), ("palbociclib", "CDK4", "oral"), ("ribociclib", "CDK4", "oral"),
    ("abemaciclib", "CDK6", "oral"), ("vemurafenib", "BRAF", "oral"), ("dabrafenib", "BRAF", "oral"),
    ("trametinib", "MEK1", "oral"), ("cobimetinib", "MEK1", "oral"), ("crizotinib", "ALK", "oral"),
    ("alectinib", "ALK", "oral"), ("ibrutinib", "BTK", "oral"), ("venetoclax", "BCL2", "oral"),
    ("bortezomib", "PSMB5", "chemo"), ("doxorubicin", "TOP2A", "chemo"), ("liposomal doxorubicin", "TOP2A", "chemo"),
    ("gemcitabine", "RRM1", "chemo"), ("docetaxel", "TUBB", "chemo"), ("paclitaxel", "TUBB", "chemo"),
    ("cisplatin", "", "chemo"), ("oxaliplatin", "", "chemo"), ("irinotecan", "TOP1", "chemo"),
    ("topotecan", "TOP1", "chemo"), ("etoposide", "TOP2A", "chemo"), ("dacarbazine", "", "chemo"),
    ("trabectedin", "FUS-CHOP", "chemo"), ("eribulin", "TUBB", "chemo"), ("ifosfamide", "", "chemo"),
    ("pemetrexed", "TYMS", "chemo"), ("temozolomide", "MGMT", "chemo"), ("olaratumab", "PDGFRA", "mab"),
    ("regorafenib", "VEGFR2", "oral"), ("cabozantinib", "MET", "oral"), ("lenvatinib", "VEGFR2", "oral"),
    ("axitinib", "VEGFR1", "oral"), ("exemestane", "CYP19A1", "oral"), ("letrozole", "CYP19A1", "oral"),
    ("fulvestrant", "ESR1", "mab"), ("enzalutamide", "AR", "oral"), ("disulfiram", "ALDH1A1", "oral"),
    ("salinomycin", "WNT", "oral"), ("metformin", "AMPK", "oral"),
]

FALLBACK_TARGETS: list[str] = [
    "mTOR", "EGFR", "HER2", "KIT", "PDGFRA", "ABL1", "ALK", "BRAF", "KRAS", "NRAS", "PIK3CA", "PTEN",
    "AKT1", "MEK1", "CDK4", "CDK6", "PARP1", "BRCA1", "BRCA2", "TP53", "BCL2", "BTK", "VEGFR2", "FLT3",
    "MET", "RET", "ROS1", "FGFR1", "FGFR2", "IDH1", "ESR1", "AR", "CTLA-4", "PD-1", "PD-L1", "TOP2A",
    "ALDH1A1", "HIF1A", "JAK2", "STAT3", "NOTCH1", "MYC",
]

FALLBACK_DISEASES: list[str] = [
    "soft tissue sarcoma", "osteosarcoma", "Ewing sarcoma", "leiomyosarcoma", "liposarcoma",
    "renal cell carcinoma", "hepatocellular carcinoma", "non-small cell lung cancer", "small cell lung cancer",
    "breast cancer", "triple-negative breast cancer", "ovarian cancer", "endometrial cancer", "cervical cancer",
    "prostate cancer", "bladder cancer", "colorectal cancer", "gastric cancer", "pancreatic cancer",
    "esophageal cancer", "head and neck squamous cell carcinoma", "glioblastoma", "melanoma",
    "mantle cell lymphoma", "diffuse large B-cell lymphoma", "follicular lymphoma", "Hodgkin lymphoma",
    "multiple myeloma", "chronic myeloid leukemia", "acute myeloid leukemia", "chronic lymphocytic leukemia",
    "acute lymphoblastic leukemia", "gastrointestinal stromal tumor", "pancreatic neuroendocrine tumors",
    "mesothelioma", "thyroid cancer", "neuroblastoma", "lymphangioleiomyomatosis", "myelodysplastic syndromes",
    "cholangiocarcinoma", "Merkel cell carcinoma",
]

FALLBACK_BIOMARKERS: list[str] = [
    "ALDH", "Ki-67", "PD-L1", "CD133", "Sox2", "VEGF-D", "HER2", "CA-125", "PSA", "cyclin D1",
    "phosphorylated S6", "CD44", "Nanog", "Oct4", "circulating tumor DNA", "lactate dehydrogenase",
]

FALLBACK_CELLS: list[str] = [
    "cancer stem cells", "CD8+ T cells", "regulatory T cells", "tumor-associated macrophages",
    "myeloid-derived suppressor cells", "natural killer cells", "endothelial cells",
]

ADVERSE_EVENTS = [
    "stomatitis", "neutropenia", "fatigue", "diarrhea", "hypertension", "rash", "nausea",
    "thrombocytopenia", "anemia", "hyperglycemia", "pneumonitis", "hand-foot syndrome", "mucositis",
]

JOURNALS = [  # (name as in news text, abbreviation as in references)
    ("the New England Journal of Medicine", "N Engl J Med"), ("the Journal of Clinical Oncology", "J Clin Oncol"),
    ("The Lancet Oncology", "Lancet Oncol"), ("JAMA Oncology", "JAMA Oncol"), ("Annals of Oncology", "Ann Oncol"),
    ("Clinical Cancer Research", "Clin Cancer Res"), ("the British Journal of Cancer", "Br J Cancer"),
    ("Clinical Sarcoma Research", "Clin Sarcoma Res"), ("the European Journal of Cancer", "Eur J Cancer"),
    ("Blood", "Blood"), ("Cancer", "Cancer"), ("Oncotarget", "Oncotarget"),
]

FIRST_NAMES = ["Matteo", "George", "Jose", "Winette", "Patrick", "Maria", "Kathleen", "Hiroshi", "Anna",
               "David", "Sarah", "Lars", "Priya", "Chen", "Fatima", "Robert", "Elena", "Thomas", "Aisha", "Juan"]
LAST_NAMES = ["Trucco", "Demetri", "Baselga", "van der Graaf", "Schoffski", "Hess", "McCormack", "Tap",
              "Maki", "Yao", "Thornton", "Nakamura", "Larsen", "Gupta", "Okafor", "Moreau", "Chen", "Rossi",
              "Schmidt", "Alvarez", "Kowalski", "Haddad"]
INSTITUTIONS = [
    ("Sidney Kimmel Comprehensive Cancer Center, Johns Hopkins University", "Baltimore, Maryland"),
    ("Dana-Farber Cancer Institute and Harvard Medical School", "Boston, Massachusetts"),
    ("Memorial Sloan Kettering Cancer Center", "New York, New York"),
    ("MD Anderson Cancer Center", "Houston, Texas"),
    ("Radboud University Medical Centre", "Nijmegen, the Netherlands"),
    ("Gustave Roussy Cancer Campus", "Villejuif, France"),
    ("University of Cincinnati College of Medicine", "Cincinnati, Ohio"),
    ("Princess Margaret Cancer Centre", "Toronto, Canada"),
    ("National Cancer Center Hospital", "Tokyo, Japan"),
    ("Peter MacCallum Cancer Centre", "Melbourne, Australia"),
]

# ---------------------------------------------------------------------------------------------
# Vocabulary


@dataclass
class Vocabulary:
    """Ranked name lists per entity type; rank 0 is the most frequent under the Zipf law."""

    drugs: list[str]
    targets: list[str]
    diseases: list[str]
    biomarkers: list[str]
    cells: list[str]
    drug_target: dict[str, str] = field(default_factory=dict)
    drug_kind: dict[str, str] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, surface) -> lexicon label
    source: str = "built-in"

    def label(self, type_: str, name: str) -> str:
        """The lexicon's canonical label for a name written in the text (the name itself if unknown)."""
        return self.labels.get((type_, name), name)


_NAME_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+\-]*(?: [A-Za-z0-9+\-]+){0,3}$")


def _usable(name: str) -> bool:
    """A name that reads well inside a sentence: 3-40 chars, letters first, at most 4 words."""
    return 3 <= len(name) <= 40 and bool(_NAME_OK.match(name))


def _symbol_like(name: str) -> bool:
    """A word with two capitals or a digit (FPL 67047XX, HER2): its case means something."""
    return any(sum(c.isupper() for c in w) > 1 or any(c.isdigit() for c in w) for w in name.split())


@lru_cache(maxsize=4)
def load_vocabulary(lexicon: str | None = None, seed: int = 0) -> Vocabulary:
    """Build the ranked vocabulary: built-in names first (those the lexicon knows), then the rest
    of the lexicon in a seeded shuffled order; falls back to the built-in lists alone."""
    path = Path(lexicon) if lexicon else DEFAULT_LEXICON
    builtin = {
        "drug": [d for d, _, _ in FALLBACK_DRUGS], "target": FALLBACK_TARGETS, "disease": FALLBACK_DISEASES,
        "biomarker": FALLBACK_BIOMARKERS, "cell_population": FALLBACK_CELLS,
    }
    vocab = Vocabulary(
        drugs=list(builtin["drug"]), targets=list(FALLBACK_TARGETS), diseases=list(FALLBACK_DISEASES),
        biomarkers=list(FALLBACK_BIOMARKERS), cells=list(FALLBACK_CELLS),
        drug_target={d: t for d, t, _ in FALLBACK_DRUGS if t}, drug_kind={d: k for d, _, k in FALLBACK_DRUGS},
    )
    if not path.exists():
        return vocab
    # type -> label -> surface terms that spell the label (any case), and type -> term -> label
    spellings: dict[str, dict[str, list[str]]] = {t: {} for t in builtin}
    term_label: dict[str, dict[str, str]] = {t: {} for t in builtin}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        try:
            i_term, i_type = header.index("term"), header.index("type")
        except ValueError:
            return vocab  # not the expected layout: keep the built-in lists
        i_label = header.index("label") if "label" in header else i_term
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) <= max(i_term, i_type, i_label):
                continue
            type_, term, label = cells[i_type], cells[i_term], cells[i_label] or cells[i_term]
            if type_ not in spellings:
                continue
            term_label[type_].setdefault(term, label)
            term_label[type_].setdefault(term.lower(), label)
            if term.lower() == label.lower() and _usable(term):
                spellings[type_].setdefault(label, []).append(term)
    rng = random.Random(f"vocabulary:{seed}")
    ranked: dict[str, list[str]] = {}
    for type_, labels in spellings.items():
        if not labels:
            ranked[type_] = list(builtin[type_])
            continue
        # the head: the built-in names, as written there, under the lexicon's label
        head = list(builtin[type_])
        head_labels = set()
        for name in head:
            label = term_label[type_].get(name) or term_label[type_].get(name.lower()) or name
            vocab.labels[(type_, name)] = label
            head_labels.add(label)
        # the tail: one spelling per lexicon label, sorted first so the seeded shuffle is reproducible
        tail = []
        for label in sorted(labels):
            if label in head_labels:
                continue
            terms = labels[label]
            surface = label if label in terms or not _symbol_like(terms[0]) else terms[0]
            vocab.labels[(type_, surface)] = label
            tail.append(surface)
        rng.shuffle(tail)
        ranked[type_] = head + tail
    vocab.drugs, vocab.targets, vocab.diseases = ranked["drug"], ranked["target"], ranked["disease"]
    vocab.biomarkers, vocab.cells = ranked["biomarker"], ranked["cell_population"]
    vocab.source = str(path)
    return vocab


class Zipf:
    """Draw items from a ranked list with probability proportional to 1 / rank**s."""

    def __init__(self, items: list[str], s: float = ZIPF_S):
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (r ** s) for r in range(1, len(items) + 1)))

    def draw(self, rng: random.Random, avoid: tuple[str, ...] = ()) -> str:
        for _ in range(20):
            item = self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]
            if item not in avoid:
                return item
        return next(i for i in self.items if i not in avoid)


# ---------------------------------------------------------------------------------------------
# Articles


@dataclass
class Article:
    """One generated article and the facts put into it (used to choose benchmark query entities)."""

    id: str
    text: str
    style: str  # abstract | abstract-unlabeled | news | real
    drugs: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    diseases: list[str] = field(default_factory=list)
    biomarkers: list[str] = field(default_factory=list)
    trial_id: str | None = None


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _fmt(x: float, nd: int = 1) -> str:
    return f"{x:.{nd}f}"


def _p_text(rng: random.Random, hr: float) -> str:
    if hr < 0.6:
        return rng.choice(["P<0.001", "P < .001", "P<0.0001"])
    if hr < 0.85:
        return f"P={rng.choice(['0.001', '0.003', '0.008', '0.02', '0.04'])}"
    return f"P={rng.choice(['0.21', '0.37', '0.46', '0.58', '0.70'])}"


def _dose(rng: random.Random, kind: str) -> tuple[str, str]:
    """(dose with unit and route, schedule) for a drug of the given kind."""
    if kind == "chemo":
        dose = rng.choice(["1.5", "20", "25", "30", "40", "60", "75", "85", "175", "1000", "1250"])
        unit = "mg/m2"
        route = rng.choice(["intravenously", "as an intravenous infusion", "as a 24-hour intravenous infusion"])
        sched = rng.choice(["every 3 weeks", "once weekly", "on days 1 and 8 of a 21-day cycle",
                            "on days 1, 8 and 15 of a 28-day cycle", "every 2 weeks", "monthly"])
    elif kind == "mab":
        if rng.random() < 0.5:
            dose, unit = rng.choice(["3", "6", "10", "15"]), "mg/kg"
        else:
            dose, unit = rng.choice(["200", "240", "500", "840", "1200"]), "mg"
        route = "intravenously"
        sched = rng.choice(["every 3 weeks", "every 2 weeks", "on days 1 and 8 of a 21-day cycle", "once weekly"])
    else:
        dose, unit = rng.choice(["2", "5", "10", "25", "40", "100", "150", "250", "400", "600", "800"]), "mg"
        route = rng.choice(["orally", "by mouth", "orally"])
        sched = rng.choice(["once daily", "twice daily", "once a day, 5 days a week",
                            "once daily on days 1 to 21 of a 28-day cycle", "once weekly"])
    return f"{dose} {unit} {route}", sched


def _article(i: int, seed: int, vocab: Vocabulary, zipf: dict[str, Zipf]) -> Article:
    rng = random.Random(f"{seed}:{i}")
    doc_id = f"{i:06d}"
    drug = zipf["drug"].draw(rng)
    partner = zipf["drug"].draw(rng, avoid=(drug,))
    disease = zipf["disease"].draw(rng)
    target = vocab.drug_target.get(drug) or zipf["target"].draw(rng)
    target2 = zipf["target"].draw(rng, avoid=(target,))
    marker = zipf["biomarker"].draw(rng)
    cells = zipf["cell"].draw(rng)
    kind = vocab.drug_kind.get(drug) or rng.choice(["oral", "chemo", "mab"])
    pkind = vocab.drug_kind.get(partner) or rng.choice(["oral", "chemo"])
    dose, sched = _dose(rng, kind)
    pdose, psched = _dose(rng, pkind)
    combo = rng.random() < 0.45
    control = "placebo" if not combo and rng.random() < 0.6 else partner
    arm = f"{drug} plus {partner}" if combo else drug
    ctrl_arm = f"{partner} alone" if combo else control
    phase = rng.choice(["1", "1b", "2", "2", "3", "3", "1/2"])
    n = rng.randint(40, 900)
    if phase in ("1", "1b"):
        control, combo = partner, True
        arm, ctrl_arm = f"{drug} plus {partner}", f"{partner} alone"
        n = rng.randint(12, 60)
    blind = control == "placebo"
    design = ("randomized, double-blind, placebo-controlled" if blind
              else "open-label, dose-escalation" if phase in ("1", "1b")
              else rng.choice(["randomized, open-label", "multicenter, randomized", "open-label, randomized"]))
    nct = f"NCT0{rng.randint(0, 4)}{rng.randint(0, 999999):06d}"
    pfs_c = round(rng.uniform(1.2, 9.0), 1)
    pfs_e = round(pfs_c * rng.uniform(1.3, 3.0), 1)
    hr = round(min(0.95, max(0.2, pfs_c / pfs_e * rng.uniform(0.85, 1.1))), 2)
    ci_lo, ci_hi = round(hr * rng.uniform(0.7, 0.85), 2), round(min(0.99, hr * rng.uniform(1.15, 1.35)), 2)
    os_c = round(rng.uniform(8.0, 24.0), 1)
    os_e = round(os_c * rng.uniform(0.95, 1.15), 1)
    os_hr = round(rng.uniform(0.82, 1.05), 2)
    orr = rng.randint(12, 70)
    orr_c = max(2, orr - rng.randint(5, 40))
    days = rng.choice([60, 90, 12 * 7, 24 * 7])
    ae = rng.sample(ADVERSE_EVENTS, 3)
    ae_rates = [(rng.randint(20, 70), rng.randint(3, 30)) for _ in ae]
    unit = rng.choice(["months", "months", "weeks"]) if pfs_c > 3 else "months"
    journal, jabbr = rng.choice(JOURNALS)
    year = rng.randint(2005, 2024)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    inst, city = rng.choice(INSTITUTIONS)
    ratio = rng.choice(["", " in a 2:1 ratio", " in a 1:1 ratio"])
    cap = drug[0].upper() + drug[1:]

    # ---- the facts, each a sentence; `style` picks the frame around them
    regimen = (f"{n} patients were randomly assigned{ratio} to receive {drug} {dose} {sched}"
               + (f" plus {partner} {pdose} {psched}" if combo else "")
               + (f" or {ctrl_arm}" if not combo else f" or {partner} {pdose} {psched} alone") + ".")
    if phase in ("1", "1b"):
        regimen = (f"A total of {n} patients received {drug} {dose} {sched}"
                   + (f" with {partner} {pdose} {psched}" if combo else "") + ".")
    pfs = (f"Median progression-free survival was {_fmt(pfs_e)} {unit} in the {arm} group and "
           f"{_fmt(pfs_c)} {unit} in the {ctrl_arm} group (hazard ratio, {hr:.2f}; 95% CI, {ci_lo:.2f} to "
           f"{ci_hi:.2f}; {_p_text(rng, hr)}).")
    pfs_alt = (f"Median PFS reached {_fmt(pfs_e)} {unit} with {arm} vs {_fmt(pfs_c)} {unit} with {ctrl_arm} "
               f"(HR, {hr:.2f}; 95% CI, {ci_lo:.2f}-{ci_hi:.2f}; {_p_text(rng, hr)}).")
    negation = rng.choice([
        f"However, {drug} did not significantly improve overall survival (median, {_fmt(os_e)} vs {_fmt(os_c)} "
        f"months; HR, {os_hr:.2f}; P={rng.choice(['0.25', '0.37', '0.46', '0.61'])}).",
        f"Overall survival did not differ significantly between the groups ({_fmt(os_e)} and {_fmt(os_c)} months, "
        f"respectively; hazard ratio, {os_hr:.2f}).",
        f"The addition of {drug} was not associated with longer overall survival (HR, {os_hr:.2f}; "
        f"95% CI, {os_hr * 0.8:.2f} to {os_hr * 1.2:.2f}).",
    ])
    response = rng.choice([
        f"The overall response rate was {orr}% at {days} days.",
        f"The objective response rate was {orr}% with {arm} and {orr_c}% with {ctrl_arm}.",
        f"An objective response was seen in {orr}% of patients treated with {drug}.",
    ])
    ae_items = [f"{a} ({x}% vs {y}%)" for a, (x, y) in zip(ae, ae_rates)]
    aes = ", ".join(ae_items[:-1]) + ", and " + ae_items[-1]
    safety = rng.choice([
        f"The most common adverse events with {drug} were {aes}.",
        f"Adverse events that were more frequent with {drug} included {aes}.",
    ])
    mechanism = rng.choice([
        f"{cap}, an inhibitor of {target}, has shown activity in {disease}.",
        f"{cap}, a selective {target} inhibitor, blocks signaling downstream of {target2}.",
        f"{cap} inhibits {target} and suppresses the growth of {disease} cells in preclinical models.",
        f"{cap} is {'an oral' if kind == 'oral' else 'an'} inhibitor of {target} that reduces phosphorylation of {target2}.",
    ])
    hedge = rng.choice([
        f"Inhibition of {target} may enhance the efficacy of {partner} by sensitizing {cells}.",
        f"The findings suggest that {drug} could overcome resistance to {partner} in {disease}.",
        f"The researchers propose that blocking {target} depletes {cells}, which may explain the benefit.",
        f"These data suggest that {target2} activation might contribute to resistance to {drug}.",
    ])
    change = rng.choice(["decreased", "increased", "reduced", "elevated", "low", "high"])
    biomarker = rng.choice([
        f"{change.capitalize()} {marker} expression was associated with response to {drug}.",
        f"In paired biopsies, {change} {marker} levels correlated with longer progression-free survival.",
        f"Patients with {change} baseline {marker} were more likely to respond to {arm}.",
    ])
    trial = (f"This {design} phase {phase} trial (ClinicalTrials.gov Identifier: {nct}) enrolled patients "
             f"with advanced {disease}.")
    background = rng.choice([
        f"Patients with advanced {disease} who progress after standard chemotherapy have few options.",
        f"Signaling through {target} is frequently altered in {disease} and is linked to chemoresistance.",
        f"Outcomes for patients with relapsed or refractory {disease} remain poor.",
    ])
    extras = [
        f"Eligible patients had measurable disease and an ECOG performance status of 0 or 1.",
        f"The primary end point was progression-free survival; secondary end points included overall survival, "
        f"objective response and safety.",
        f"Dose reductions for toxicity were required in {rng.randint(8, 40)}% of patients.",
        f"Grade 3 or 4 events occurred in {rng.randint(20, 60)}% of patients receiving {drug}.",
        f"Quality of life was maintained during treatment.",
        f"Treatment continued until disease progression or unacceptable toxicity.",
        f"Tumor tissue was collected before treatment and at progression for exploratory analyses.",
        f"The median duration of follow-up was {rng.randint(12, 48)} months.",
    ]
    rng.shuffle(extras)
    conclusion = rng.choice([
        f"{cap} prolonged progression-free survival in patients with {disease}, although it did not extend survival.",
        f"Adding {drug} to {partner} improved disease control in {disease} and warrants further study.",
        f"{cap} is an active treatment option for patients with advanced {disease}.",
    ])

    style = rng.choices(["abstract", "abstract-unlabeled", "news"], weights=[35, 25, 40])[0]
    title = rng.choice([
        f"{cap} versus {ctrl_arm} in advanced {disease}: {_a(design.split(',')[0])} phase {phase} trial",
        f"{cap} for {disease}: results of a phase {phase} study",
        f"{cap} Improves Progression-Free Survival in {disease[0].upper() + disease[1:]}",
    ])
    core_words = 0
    blocks: list[list[str]]
    if style == "news":
        lead = (f"Treatment with {drug} extended progression-free survival in patients with {disease}, "
                f"according to a study published in {journal}.")
        who = (f"{first} {last}, MD, of {inst}, {city}, and colleagues conducted the {design} phase {phase} "
               f"trial (ClinicalTrials.gov Identifier: {nct}).")
        blocks = [[lead, mechanism, hedge], [who, regimen], ["Continue Reading"], [pfs, negation, response],
                  ["Related Articles"], [safety, biomarker]]
        ref_authors = f"{last} {first[0]}, {rng.choice(LAST_NAMES)} {rng.choice('ABCDJKMPRS')}, et al."
        tail = ["Reference", f"{ref_authors} {title}. {jabbr}. {year};{rng.randint(1, 40)}:{rng.randint(100, 2999)}."]
    elif style == "abstract":
        blocks = [["BACKGROUND", background, mechanism], ["METHODS", trial, regimen],
                  ["RESULTS", rng.choice([pfs, pfs_alt]), negation, response, safety, biomarker],
                  ["CONCLUSIONS", conclusion, hedge]]
        tail = []
    else:
        blocks = [[background, mechanism, trial, regimen], [rng.choice([pfs, pfs_alt]), negation, response, safety],
                  [biomarker, conclusion, hedge]]
        tail = []
    core_words = sum(len(s.split()) for b in blocks for s in b) + len(title.split())
    # pad with optional sentences up to about 250 words, placed in the body
    body = blocks[1] if style in ("abstract", "news") else blocks[0]  # METHODS, the trial paragraph
    for extra in extras:
        if core_words >= 235:
            break
        body.append(extra)
        core_words += len(extra.split())

    parts = [title, ""]
    for b in blocks:
        if style == "abstract":
            parts.append(b[0])
            parts.append(" ".join(b[1:]))
        elif len(b) == 1:
            parts.append(b[0])
        else:
            parts.append(" ".join(b))
        parts.append("")
    parts.extend(x for t in tail for x in (t, ""))
    text = "\n".join(parts).strip() + "\n"
    low = text.lower()
    return Article(
        id=doc_id, text=text, style=style,
        drugs=[vocab.label("drug", d) for d in (drug, partner) if d.lower() in low],
        targets=[vocab.label("target", t) for t in (target, target2) if t.lower() in low],
        diseases=[vocab.label("disease", disease)], biomarkers=[vocab.label("biomarker", marker)],
        trial_id=nct,
    )


def real_articles(real_dir: str | Path | None = None) -> list[tuple[str, str]]:
    """The hand-checked articles (stem, text) in ``data/articles/*.txt``, sorted by name."""
    d = Path(real_dir) if real_dir else DEFAULT_REAL_DIR
    if not d.is_dir():
        return []
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(d.glob("*.txt"))]


def generate_articles(
    n: int, seed: int = 1, *, start: int = 1, lexicon: str | None = None,
    real_dir: str | Path | None = None, real_fraction: float = 0.0,
) -> Iterator[Article]:
    """Yield ``n`` articles with ids ``start`` .. ``start+n-1`` (six digits).

    With ``real_fraction > 0``, about that fraction of the slots (chosen by the seed) hold a real
    article from ``real_dir`` instead, taken in turn; its ``style`` is ``real``.
    """
    vocab = load_vocabulary(str(lexicon) if lexicon else None, seed)
    zipf = {"drug": Zipf(vocab.drugs), "target": Zipf(vocab.targets), "disease": Zipf(vocab.diseases),
            "biomarker": Zipf(vocab.biomarkers), "cell": Zipf(vocab.cells)}
    reals = real_articles(real_dir) if real_fraction > 0 else []
    for i in range(start, start + n):
        if reals and random.Random(f"{seed}:real:{i}").random() < real_fraction:
            _, text = reals[i % len(reals)]
            yield Article(id=f"{i:06d}", text=text, style="real")
        else:
            yield _article(i, seed, vocab, zipf)


def generate(n: int, seed: int = 1, **kwargs) -> Iterator[tuple[str, str]]:
    """Yield ``(id, text)`` for ``n`` synthetic articles; same ``(n, seed)`` gives the same texts."""
    for a in generate_articles(n, seed, **kwargs):
        yield a.id, a.text


def write_corpus(out: str | Path, n: int, seed: int = 1, **kwargs) -> list[Article]:
    """Write ``NNNNNN.txt`` files into ``out`` (created if needed); return the articles (no text kept)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    kept = []
    for a in generate_articles(n, seed, **kwargs):
        (out / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
        a.text = ""
        kept.append(a)
    return kept


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--out", required=True, help="output directory (NNNNNN.txt files)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=1, help="first id (to extend a corpus)")
    ap.add_argument("--lexicon", default=None, help=f"terms TSV (default {DEFAULT_LEXICON.relative_to(REPO)})")
    ap.add_argument("--real-dir", default=None, help="hand-checked articles to mix in (default data/articles)")
    ap.add_argument("--real-fraction", type=float, default=0.0, help="fraction of slots given to real articles")
    args = ap.parse_args(argv)
    arts = write_corpus(args.out, args.n, args.seed, start=args.start, lexicon=args.lexicon,
                        real_dir=args.real_dir, real_fraction=args.real_fraction)
    vocab = load_vocabulary(args.lexicon, args.seed)
    styles: dict[str, int] = {}
    for a in arts:
        styles[a.style] = styles.get(a.style, 0) + 1
    print(f"wrote {len(arts)} articles to {args.out} (vocabulary: {vocab.source}; styles: "
          + ", ".join(f"{k} {v}" for k, v in sorted(styles.items())) + ")", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
