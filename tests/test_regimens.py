"""Regimens as a table: a sentence, then its expected (drug, dose, unit, schedule, route) rows."""

import pytest

from core_fixtures import extractor, read  # noqa: F401  (fixtures)

CASES = [
    ("Patients received temsirolimus (20 mg/m2 weekly) with liposomal doxorubicin (30 mg/m2 monthly).",
     {("temsirolimus", 20, "mg/m2", "weekly", None), ("liposomal doxorubicin", 30, "mg/m2", "monthly", None)}),
    ("Patients took ridaforolimus 40 mg or placebo by mouth once a day, 5 days a week.",
     {("ridaforolimus", 40, "mg", "once a day, 5 days a week", "oral")}),
    ("Patients were assigned to dacarbazine 850, 1000, or 1200 mg/m2 intravenously on day 1.",
     {("dacarbazine", v, "mg/m2", "day 1", "intravenous") for v in (850, 1000, 1200)}),
    ("Gemcitabine 1,200 mg/m2 was given on days 1 and 8 every 21 days.",
     {("gemcitabine", 1200, "mg/m2", "days 1 and 8 every 21 days", None)}),
    ("Interferon alfa was started at 3 million units (MU) three times weekly.",
     {("interferon alfa", 3, "MU", "three times weekly", None)}),
    ("Mice received regular injections of 60 mg/kg disulfiram.",
     {("disulfiram", 60, "mg/kg", None, "injection")}),
    ("Olaratumab was given at 15 mg/kg intravenously on days 1 and 8 of each 21-day cycle.",
     {("olaratumab", 15, "mg/kg", "days 1 and 8 of each 21-day cycle", "intravenous")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_regimens(read, text, expected):
    got = {(r.drug, r.dose, r.unit, r.schedule, r.route) for r in read(text).regimens}
    assert got == expected


def test_no_dose_without_a_drug(read):
    assert read("The 95% CI was 0.61-0.85 and the median was 12 mg/dL.").regimens == []


def test_regimen_evidence_points_at_its_sentence(read):
    text = "Background. Patients took everolimus 10 mg once daily."
    r = read(text).regimens[0]
    assert text[r.evidence.start:r.evidence.end] == "Patients took everolimus 10 mg once daily."
