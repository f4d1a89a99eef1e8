"""Regimens as a table: a sentence, then its expected (drug, dose, unit, schedule, route) rows."""

import pytest

from core_fixtures import extractor, read  # noqa: F401  (fixtures)

CASES = [
    # a dose opening the sentence is its subject's; a route and a frequency written before the drug
    ("At 1 to 5 μmol/L, sulforaphane decreased the ALDH-positive cell population.",
     {("sulforaphane", 1, "µmol/L", None, None), ("sulforaphane", 5, "µmol/L", None, None)}),
    ("Daily intraperitoneal injection of sulforaphane at 50 mg/kg for 2 weeks reduced tumor growth.",
     {("sulforaphane", 50, "mg/kg", "daily for 2 weeks", "intraperitoneal")}),
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
    # the forms of PubMed abstracts: doses per day, per kilogram with negative exponents,
    # micrograms spelled out, hyphenated and ranged doses, infusion rates, a mean's SD
    ("Patients started sertraline at 50 mg/day.", {("sertraline", 50, "mg", "daily", None)}),
    ("Rats received haloperidol 2 mg kg-1 day-1 for two weeks.", {("haloperidol", 2, "mg/kg", "daily", None)}),
    ("Clonidine, 5 to 20 micrograms/kg, lowered blood pressure.",
     {("clonidine", 5, "µg/kg", None, None), ("clonidine", 20, "µg/kg", None, None)}),
    ("Vinorelbine was given weekly as a 25-mg/m2 short infusion.", {("vinorelbine", 25, "mg/m2", "weekly", "intravenous")}),
    ("Dexamethasone 1-2 mg was added.", {("dexamethasone", 1, "mg", None, None), ("dexamethasone", 2, "mg", None, None)}),
    ("Dobutamine was infused at 40 microg/kg/min.", {("dobutamine", 40, "µg/kg/min", None, "intravenous")}),
    ("Ropivacaine was infused at 2 mg. kg(-1). min(-1).", {("ropivacaine", 2, "mg/kg/min", None, "intravenous")}),
    ("Fenoldopam (3.4 +/- 2.0 micrograms.kg-1.min-1) lowered pressure.", {("fenoldopam", 3.4, "µg/kg/min", None, None)}),
    # factors joined by an "x" or a multiplication sign; a dose per day keeps "daily" to itself
    ("Group LS received lidocaine 1.5 mg x kg(-1) and remifentanil 0.25 microg x kg(-1) x min(-1).",
     {("lidocaine", 1.5, "mg/kg", None, None), ("remifentanil", 0.25, "µg/kg/min", None, None)}),
    ("Rats received lidocaine 1.5 mg/kg and aspirin 5 mg·kg−1·day−1.",
     {("lidocaine", 1.5, "mg/kg", None, None), ("aspirin", 5, "mg/kg", "daily", None)}),
    # a threshold written as PubMed encodes "≤": no dose given
    ("Naproxen 500 mg bid was given to users of low-dose (< or =325 mg daily) aspirin.",
     {("naproxen", 500, "mg", "bid", None)}),
    # a dose per week, and a time of day as the schedule
    ("Each patient received intravenous docetaxel 30 mg/m2/week for 3 consecutive weeks, or continuous oral "
     "thalidomide 200 mg every evening.",
     {("docetaxel", 30, "mg/m2", "weekly", "intravenous"), ("thalidomide", 200, "mg", "every evening", "oral")}),
    # a schedule written with full stops
    ("A therapy with metoprolol (100 mg t.i.d.) was started.", {("metoprolol", 100, "mg", "t.i.d", None)}),
    # the drug after "a ... dose of"
    ("Patients took a 400-mg dose of imatinib each morning.", {("imatinib", 400, "mg", "each morning", None)}),
    # a list of doses with ", and"
    ("DSE was performed with intravenous dobutamine infusion with incremental doses of 5, 10, and 20 microg/kg/min.",
     {("dobutamine", v, "µg/kg/min", None, "intravenous") for v in (5, 10, 20)}),
    # a goal reached is no dose, and a substance measured takes none
    ("Women received lovastatin. The goal of LDL cholesterol levels less than 4.14 mmol/L was reached; 40% "
     "achieved the goal of 3.36 mmol/L. Elevations were dose dependent at the 20-mg dose.",
     {("lovastatin", 20, "mg", None, None)}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_regimens(read, text, expected):
    got = {(r.drug, r.dose, r.unit, r.schedule, r.route) for r in read(text).regimens}
    assert got == expected


def test_no_dose_without_a_drug(read):
    assert read("The 95% CI was 0.61-0.85 and the median was 12 mg/dL.").regimens == []


def test_concentrations_are_not_doses(read):
    """mg/dL and mg/ml are concentrations: "mg" followed by a volume is no dose."""
    assert read("Patients on lithium had glucose of 100 mg/dl and 2 mg/ml in serum.").regimens == []


def test_regimen_evidence_points_at_its_sentence(read):
    text = "Background. Patients took everolimus 10 mg once daily."
    r = read(text).regimens[0]
    assert text[r.evidence.start:r.evidence.end] == "Patients took everolimus 10 mg once daily."


def test_a_denominator_is_no_dose(read):
    regimens = read("Rats received the extract at a dose of 0.5 mL/100 g bodyweight per day, orally for 30 days, "
                    "and an ipratropium bromide aerosol (36 micrograms).").regimens
    assert {(r.drug, r.dose, r.unit) for r in regimens} == {("ipratropium", 36, "µg")}


def test_a_ligand_naming_a_receptor_is_not_the_dosed_drug(read):
    regimens = read("The response was inhibited by oral administration of Dup 753 (losartan), a novel angiotensin II "
                    "receptor antagonist, at a dose of 1 or 2 mg/kg/day.").regimens
    assert {(r.drug, r.dose) for r in regimens} == {("losartan", 1), ("losartan", 2)}


def test_a_dose_for_a_drug_named_after_it(read):
    regimens = read("Doses were titrated up to 0.6 mg/day for clonidine and 60 mg/day for methylphenidate. "
                    "The combination of 3.2 mg/kg s.c. morphine with 177.8 mg/kg s.c. metamizol was studied.").regimens
    assert {(r.drug, r.dose) for r in regimens} == {("clonidine", 0.6), ("methylphenidate", 60),
                                                    ("morphine", 3.2), ("metamizole", 177.8)}


def test_a_unit_written_with_a_period_still_leads_to_its_drug(read):
    regimens = read("Patients received a combination of 3 drugs: 6 mg. papaverine, 100 micrograms. phentolamine "
                    "and 10 micrograms. prostaglandin E1.").regimens
    assert {(r.drug, r.dose, r.unit) for r in regimens} == {
        ("papaverine", 6, "mg"), ("phentolamine", 100, "µg"), ("prostaglandin E1", 10, "µg")}


def test_doses_listed_before_their_drug(read):
    regimens = read("We randomly assigned patients to receive 10 mg or 25 mg of empagliflozin or placebo once "
                    "daily.").regimens
    assert {(r.drug, r.dose, r.unit, r.schedule) for r in regimens} == {
        ("empagliflozin", 10, "mg", "once daily"), ("empagliflozin", 25, "mg", "once daily")}


@pytest.mark.parametrize("text, expected", [
    ("Patients received paclitaxel (175 mg/m2) and carboplatin (area under the curve, 6) every 3 weeks.",
     {("paclitaxel", 175, "mg/m2", "every 3 weeks"), ("carboplatin", 6, "AUC", "every 3 weeks")}),
    ("Enfortumab vedotin was given at 1.25 mg/kg on days 1, 8, and 15 of each 28-day cycle.",
     {("enfortumab vedotin", 1.25, "mg/kg", "days 1, 8, and 15 of each 28-day cycle")}),
    ("The arm received gemcitabine 1,200 mg/m2 over 120 minutes on days 1 and 8.",
     {("gemcitabine", 1200, "mg/m2", "days 1 and 8")}),
    ("Patients were assigned to trabectedin 1.5 mg/m2 as a 24-hour infusion or to dacarbazine 1 g/m2, both "
     "administered every 3 weeks.",
     {("trabectedin", 1.5, "mg/m2", "every 3 weeks"), ("dacarbazine", 1, "g/m2", "every 3 weeks")}),
    ("IFN-α was given subcutaneously three times weekly, starting at 3 million units (MU) and increased to 18 MU.",
     {("interferon alfa", 3, "MU", "three times weekly"), ("interferon alfa", 18, "MU", "three times weekly")}),
])
def test_schedules_shared_across_a_sentence(read, text, expected):
    assert {(r.drug, r.dose, r.unit, r.schedule) for r in read(text).regimens} == expected


def test_all_drugs_given_intravenously(read):
    regimens = read("All drugs were given intravenously. Patients received gemcitabine 900 mg/m2 on days 1 and 8 "
                    "plus docetaxel 100 mg/m2 on day 8.").regimens
    assert {(r.drug, r.route) for r in regimens} == {("gemcitabine", "intravenous"), ("docetaxel", "intravenous")}


@pytest.mark.parametrize("window, route", [
    ("given intravenously over 30 minutes", "intravenous"), ("as an IV infusion", "intravenous"),
    ("10 mg/kg i.v.", "intravenous"), ("Infused over 1 h", "intravenous"),
    ("taken orally", "oral"), ("by mouth", "oral"), ("200 mg p.o.", "oral"), ("400 mg PO", "oral"),
    ("Subcutaneously", "subcutaneous"), ("5 MU s.c.", "subcutaneous"), ("1 mg SC", "subcutaneous"),
    ("intramuscularly", "intramuscular"), ("2 mg i.m.", "intramuscular"),
    ("intraperitoneal", "intraperitoneal"), ("10 mg/kg i.p.", "intraperitoneal"),
    ("by injection", "injection"), ("INTRAVENOUS", "intravenous"),
    ("in a 21-day cycle", None), ("sc and po in words", None), ("the moral of a provisional plan", None),
    ("SC-48334 (1000 mg every 8 h)", None), ("the COX-2 inhibitor SC 58125", None), ("1 g IV 2 times a day", "intravenous"),
    ("intrathecal adenosine doses of 0.25-2.0 mg", "intrathecal"), ("the 0.59-mg intravitreal implant", "intravitreal"),
    ("0.5 mg sublingual nitroglycerin", "sublingual"), ("instilled intravesically", "intravesical"),
    ("intravesical acrolein", "intravesical"), ("epidural ropivacaine", "epidural"),
    ("injected intradermally", "intradermal"), ("100 mg t.i.d.", None), ("250 mg flutamide, tid, per Os", "oral"),
])
def test_route_named_in_a_window(window, route):
    # every route pattern is behind a substring test: each route must still be found, words in any case,
    # abbreviations in theirs
    from extract.regimens import _route

    assert _route(window) == route


def test_a_development_code_names_the_drug_it_follows(read):
    regimens = read("We compared N-butyl-deoxynojirimycin (SC-48334) plus zidovudine with zidovudine alone. Patients "
                    "received SC-48334 (1000 mg every 8 h) and zidovudine (100 mg every 8 h).").regimens
    assert {(r.drug, r.dose, r.unit, r.schedule, r.route) for r in regimens} == {
        ("n-butyl-deoxynojirimycin", 1000, "mg", "every 8 h", None), ("zidovudine", 100, "mg", "every 8 h", None)}


@pytest.mark.parametrize("text, schedule", [
    ("Gentamicin 80 mg every 12 hours was given.", "every 12 hours"),
    ("Vancomycin 1 g q12h was given.", "q12h"),
])
def test_hourly_schedules(read, text, schedule):
    assert [r.schedule for r in read(text).regimens] == [schedule]


def test_a_dose_with_no_drug_is_not_of_a_drug_left_out(read):
    regimens = read("Twenty patients received ifosfamide as a continuous infusion without mesna. Dose escalations "
                    "proceeded from 400 to 550 mg/m2/d.").regimens
    assert {(r.drug, r.dose) for r in regimens} == {("ifosfamide", 400), ("ifosfamide", 550)}
    # nor of a substance measured
    regimens = read("Volunteers were treated with zidovudine 600 mg/day. A decrease in hemoglobin occurred early. The "
                    "decrease was dose related between 600 and 900 mg/day.").regimens
    assert {r.drug for r in regimens} == {"zidovudine"}


def test_a_dose_level_number_is_no_dose(read):
    regimens = read("Paclitaxel doses were escalated as follows: level 1, 135 mg/m2; level 2, 160 mg/m2; and level "
                    "4,210 mg/m2.").regimens
    assert sorted(r.dose for r in regimens) == [135, 160, 210]


def test_a_cumulative_dose_is_no_regimen(read):
    regimens = read("Rats were given 1.5 mg/kg doxorubicin weekly for 8 weeks. Median cumulative doxorubicin dose at "
                    "onset was 2,220 mg/m(2) for MC versus 480 mg/m(2) for AC.").regimens
    assert {(r.drug, r.dose) for r in regimens} == {("doxorubicin", 1.5)}


def test_the_schedule_after_a_drug_and_its_abbreviation(read):
    regimens = read("Patients received 600 mg/m(2) of cyclophosphamide (C), every 3 weeks until disease "
                    "progression.").regimens
    assert [(r.drug, r.dose, r.schedule) for r in regimens] == [("cyclophosphamide", 600, "every 3 weeks")]


def test_a_concentration_in_culture_takes_no_route_the_paper_gives_elsewhere(read):
    regimens = read("Salinomycin at 1 uM reduced ALDH-positive cells. In xenografts, salinomycin (5 mg/kg daily, "
                    "intraperitoneally) inhibited tumor growth.").regimens
    assert {(r.dose, r.unit, r.route) for r in regimens} == {(1, "µM", None), (5, "mg/kg", "intraperitoneal")}


def test_a_dose_is_not_of_a_drug_measured_in_its_sentence(read):
    x = read("Patients received buparlisib once daily at doses from 12.5 to 150 mg. Reduction of 18F-FDG uptake "
             "confirmed inhibition of the PI3K pathway at doses of 80 mg/day or higher.")
    assert {(r.drug, r.dose) for r in x.regimens} == {("buparlisib", 12.5), ("buparlisib", 150), ("buparlisib", 80)}


def test_a_concentration_per_volume_is_no_dose(read):
    x = read("Patients given iodixanol had serum creatinine concentrations of 1.5 to 3.5 mg per deciliter.")
    assert x.regimens == []


def test_drugs_listed_with_doses_share_the_schedule_and_route_after_them(read):
    x = read("Patients received nivolumab (3 mg per kilogram of body weight) plus ipilimumab (1 mg per kilogram) "
             "intravenously every 3 weeks for four doses.")
    assert {(r.drug, r.dose, r.schedule, r.route) for r in x.regimens} == {
        ("nivolumab", 3, "every 3 weeks", "intravenous"), ("ipilimumab", 1, "every 3 weeks", "intravenous")}


def test_a_potency_is_no_dose(read):
    x = read("Resistant cells had an IC50 of 25.3 nM versus 0.6 nM for paclitaxel; disulfiram at 0.5 µM was toxic.")
    assert {(r.drug, r.dose) for r in x.regimens} == {("disulfiram", 0.5)}


def test_an_eligibility_threshold_is_no_dose_but_a_maximum_dose_is(read):
    x = read("Adults who tolerated sorafenib (≥400 mg/day for ≥20 of last 28 days) received regorafenib 160 mg once "
             "daily. Quetiapine monotherapy (up to 800 mg/day) was compared with placebo.")
    assert {(r.drug, r.dose) for r in x.regimens} == {("regorafenib", 160), ("quetiapine", 800)}


def test_a_concentration_of_a_measured_drug_is_no_dose_and_units_per_kilogram_are(read):
    x = read("His serum creatinine rose from 0.7 to 3.9 mg/dL and the plasma methotrexate concentration was 1,200 "
             "µmol/L at 24 hours. He was treated with glucarpidase (50 units/kg). 22-Oxacalcitriol induced a "
             "transient decrease in serum PTH levels at a dose of 0.1 microg/kg.")
    assert {(r.drug, r.dose, r.unit) for r in x.regimens} == {("glucarpidase", 50, "U/kg"),
                                                              ("22-oxacalcitriol", 0.1, "µg/kg")}


def test_a_dose_of_a_drug_named_with_its_route_and_a_dose_raised_in_parentheses(read):
    got = {(r.drug, r.dose, r.unit, r.schedule, r.route) for r in read(
        "We randomly assigned 626 patients to receive 25 mg of intravenous temsirolimus weekly, 3 million U of "
        "interferon alfa (with an increase to 18 million U) subcutaneously three times weekly, or both.").regimens}
    assert got == {("temsirolimus", 25, "mg", "weekly", "intravenous"),
                   ("interferon alfa", 3, "MU", "three times weekly", "subcutaneous"),
                   ("interferon alfa", 18, "MU", "three times weekly", "subcutaneous")}


def test_both_given_intravenously_is_the_route_of_the_sentences_drugs(read):
    got = {(r.drug, r.dose, r.route) for r in read(
        "Patients received nab-paclitaxel at 100 or 125 mg/m2 followed by gemcitabine 1,000 mg/m2, both given "
        "intravenously on days 1, 8 and 15 of each 28-day cycle.").regimens}
    assert got == {("nab-paclitaxel", 100, "intravenous"), ("nab-paclitaxel", 125, "intravenous"),
                   ("gemcitabine", 1000, "intravenous")}


@pytest.mark.parametrize("text, unit", [
    ("Parthenolide at 7.5 µM killed AML cells.", "µM"),
    ("Parthenolide at 7.5 μmol/L killed AML cells.", "µmol/L"),
    ("Everolimus at 10 nM inhibited S6 phosphorylation.", "nM"),
])
def test_a_concentration_keeps_the_unit_the_paper_writes(read, text, unit):
    assert {r.unit for r in read(text).regimens} == {unit}


@pytest.mark.parametrize("text, expected", [
    ("Patients received a single oral dose of baloxavir (40 mg in patients weighing less than 80 kg).",
     {("baloxavir", 40, "single oral dose", "oral")}),
    ("Adults were assigned to once-weekly subcutaneous semaglutide at a dose of 2.4 mg or placebo.",
     {("semaglutide", 2.4, "once weekly", "subcutaneous")}),
    ("Dupilumab groups received a 600 mg loading dose.", {("dupilumab", 600, "loading dose", None)}),
    # the route named closest to each dose, not the next drug's
    ("Patients received oral ibrutinib at a dose of 420 mg once daily or intravenous ofatumumab at an initial dose of "
     "300 mg.", {("ibrutinib", 420, "once daily", "oral"), ("ofatumumab", 300, "initial dose", "intravenous")}),
    ("Monkeys received adriamycin by monthly intravenous injections at 12 mg/m2.",
     {("adriamycin", 12, "monthly", "intravenous")}),
])
def test_dose_kinds_and_the_nearest_route(read, text, expected):
    assert {(r.drug, r.dose, r.schedule, r.route) for r in read(text).regimens} == expected


def test_a_dose_naming_another_drugs_arm_in_a_result_is_no_regimen(read):
    x = read("Patients were assigned to dabigatran (110 mg or 150 mg twice daily) or warfarin. Hemorrhagic stroke "
             "occurred at 0.38% per year with warfarin versus 0.12% per year with 110 mg and 0.10% with 150 mg.")
    assert {(r.drug, r.dose) for r in x.regimens} == {("dabigatran", 110), ("dabigatran", 150)}


def test_an_arm_named_by_its_dose_and_an_affinity_are_no_regimens(read):
    x = read("Patients were assigned to obeticholic acid 10 mg once daily. The mean reduction in alkaline phosphatase was "
             "113 U per liter in the 5-10-mg group and 130 U per liter in the 10-mg group. JQ1 bound BRD4 with "
             "dissociation constants of approximately 50 nM and 90 nM.")
    assert [(r.drug, r.dose, r.unit) for r in x.regimens] == [("obeticholic acid", 10, "mg")]
