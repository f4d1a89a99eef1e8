"""Numeric outcomes: measure, value, unit, statistic, range, CI, p, timepoint and arm."""

import pytest

from core_fixtures import extractor, read  # noqa: F401  (fixtures)


def outcomes(read, text):
    return read(text).outcomes


def test_median_with_range(read):
    (o,) = outcomes(read, "The median progression-free survival (PFS) was 315 days (range, 27 days to 799 days).")
    assert (o.measure, o.value, o.unit, o.statistic) == ("progression-free survival", 315, "days", "median")
    assert (o.range_low, o.range_high) == (27, 799)


def test_rate_with_timepoint(read):
    (o,) = outcomes(read, "The overall response rate, which was defined as stable disease or better, was 53% at 60 days.")
    assert (o.measure, o.value, o.unit, o.timepoint) == ("overall response rate", 53, "%", "60 days")


def test_vs_comparison_with_hazard_ratio_ci_and_p(read):
    text = ("Patients were randomly assigned to ridaforolimus or placebo. Median PFS was 17.7 weeks in the ridaforolimus "
            "group and 14.6 weeks in the placebo group (hazard ratio [HR], 0.72; 95% CI, 0.61-0.85; P = .001).")
    got = {(o.measure, o.value, o.statistic, tuple(o.arm or ())): o for o in outcomes(read, text)}
    assert ("progression-free survival", 17.7, "median", ("ridaforolimus",)) in got
    assert ("progression-free survival", 14.6, "median", ("placebo",)) in got
    hr = got[("progression-free survival", 0.72, "hazard ratio", ())]
    assert (hr.ci_low, hr.ci_high, hr.p_value, hr.unit) == (0.61, 0.85, "0.001", None)


def test_adverse_event_list_with_respectively(read):
    text = ("Stomatitis (64% vs. 17%) and rash (49% vs. 10%) were the most common in the everolimus and placebo "
            "groups, respectively.")
    got = {(o.measure, o.value, tuple(o.arm or ())) for o in outcomes(read, text)}
    assert got == {("stomatitis", 64, ("everolimus",)), ("stomatitis", 17, ("placebo",)),
                   ("rash", 49, ("everolimus",)), ("rash", 10, ("placebo",))}


def test_shared_unit_and_risk_reduction(read):
    text = ("Trabectedin reduced the risk of disease progression or death by 45% compared with dacarbazine "
            "(median PFS, 4.2 v 1.5 months; HR, 0.55; P < .001).")
    got = {(o.measure, o.value, o.unit) for o in outcomes(read, text)}
    assert ("reduction in risk of disease progression or death", 45, "%") in got
    assert ("progression-free survival", 4.2, "months") in got
    assert ("progression-free survival", 1.5, "months") in got


def test_design_figures_are_not_outcomes(read):
    text = ("Dose escalation aimed at a 20% rate of dose-limiting toxicity. Patients were randomized 2:1 at 72 sites "
            "in the phase 3 trial (NCT00753688) in 2012, once a day, 5 days a week.")
    assert outcomes(read, text) == []


def test_no_patient_means_zero_percent(read):
    got = {(o.measure, o.value) for o in outcomes(read, "Grade 3 or 4 anemia was reported in 6% of patients receiving "
                                                         "everolimus and in no patient receiving placebo.")}
    assert got == {("grade 3 or 4 anemia", 6), ("grade 3 or 4 anemia", 0)}


def test_timing_strength_and_denominator_are_not_outcomes(read):
    """What real abstracts put next to outcomes: when something was sampled, the strength of a
    solution, the denominator of a concentration. None is a measured outcome."""
    text = ("Cord damage was scored in rats sampled 14-21 days post-exposure. Cells were kept in vehicle "
            "(0.01% ethanol). Calcium was higher in cows treated 32 days prepartum (8.8 mg/100 ml). "
            "The fever disappeared 7 days later.")
    assert outcomes(read, text) == []


def test_a_survival_after_an_event_is_still_an_outcome(read):
    got = {(o.measure, o.value, o.unit) for o in outcomes(read, "The median overall survival was 12 months after "
                                                                 "diagnosis, and 40% responded to 5% lidocaine.")}
    assert ("overall survival", 12, "months") in got
    assert [v for _, v, _ in got if v == 5] == []  # the strength of the lidocaine


def test_thresholds_deviations_range_ends_and_timepoint_lists_are_not_outcomes(read):
    text = ("Mild hypoxia (SO2<90%) was common. Blood flow was 34.3 +/- 2.1 ml/min. Response rates were greater "
            "with the standard dose (55%-60%). Platelet counts did not differ at 3, 6, 9 and 12 months.")
    got = {(o.value, o.unit) for o in outcomes(read, text)}
    assert (55, "%") in got  # the range's start is still read
    assert not got & {(90, "%"), (2.1, "mL"), (-60, "%"), (60, "%"), (12, "months"), (9, "months")}


def test_a_drug_acting_and_a_bare_conjunction_are_no_measures(read):
    measures = {o.measure for o in outcomes(read, "Vancomycin was curative in 95% of 43 patients with proven infection.")}
    assert "vancomycin" not in measures
    (o,) = outcomes(read, "Aneurysmal alteration and increased collagen deposition (n=12, 100%) were demonstrated.")
    assert o.measure == "aneurysmal alteration"
    # an analyte that changes is a measure
    assert "serum creatinine" in {o.measure for o in outcomes(read, "Serum creatinine increased by 45% at week 2.")}


@pytest.mark.parametrize("text", [
    # a time after an event, within a span or at the end of a period: when, not how long
    "The fourth patient developed thrombophlebitis 14 days after initiation of contraceptive therapy.",
    "Orthostatic hypotension was ameliorated 4 days after withdrawal of selegiline.",
    "Prolactin levels were measured in the rats at the end of 98 days.",
    "Albumin penetration was studied 24 and 48 hours after i. v. injection of the tracer.",
    "Pulmonary function was tested at baseline, and 6 and 12 months after treatment with mazindol.",
    "Drowsiness was common on clonidine, but generally resolved by 6 to 8 weeks.",
    "Two patients developed liver failure within 3-5 days after hospitalization.",
    "Rats received the drug once daily for 1, 3, 6, 9 and 12 months.",
    # ages and an age threshold
    "The cohort was women aged between 15 and 39 years with acne.",
    "Five children, aged 3 to 11 years, were treated with carbamazepine for epilepsy.",
    "Tremor was quantified, with the exception of children (<12 years).",
    # doses: a strength before the drug, a volume per kilogram
    "A transient neurological deficit followed intrathecal injection of 1% hyperbaric bupivacaine.",
    "Rats were challenged once daily with 1.0 ml/kg of corn oil.",
    "Patients received 0.2 ml. of a combination of 3 drugs.",
    "Radiological studies were angiographies with contrast material, at an average dose of 245 ml.",
    # a strength given per time, and the patients a share is of
    "Eight glaucomatous patients chronically treated with timolol 0.5%/12h were included.",
    "Our data suggest that this occurs in 14.3% of prostate cancer patients after 6 months of therapy.",
    # a responder's definition
    "Outcomes were the percentage of participants who saw a 50% reduction in their headache intensity and of "
    "patients with a 50% reduction in their nausea.",
    # a span of time as an adjective
    "The primary response variable was based on central reading of 24 hour ambulatory electrocardiographic recordings.",
    # a share of the people is no measure
    "Nine hundred one patients were randomized. The majority were women (52.7%).",
    # a group named last is no measure
    "The number of patients with suppression in the combination and zidovudine groups was six (40%) and two (11%).",
    "In twenty dogs injections were made with iopentol, iohexol and metrizoate in doses of 4 ml, 8 ml and 16 ml.",
    # times after an event, ages, periods and design figures
    "Creatinine was assessed at baseline and 2 to 5 days after receiving medications.",
    "He developed rhabdomyolysis 10 days after clarithromycin 500 mg twice daily was added to simvastatin.",
    "Patients' mean age was 53.9 years.",
    "Progression-free survival was the end point. The median age of the patients was 73 years.",
    "Progression-free survival was the end point. During a median follow-up of 17.6 months (crizotinib) and 18.6 "
    "months (alectinib), 164 events occurred.",
    "The incidence of adverse events was similar during the first 2 weeks of product use.",
    "During a mean follow-up of 3.3 years, raloxifene was well tolerated.",
    "A total of 7020 patients were treated (median observation time, 3.1 years).",
    "Cisplatin 60 mg/m2 is administered every 3-4 weeks.",
    # thresholds in words and symbols, a CI written with an l
    "Lignocaine should be administered in concentrations not greater than 2% at a total dose of 60 mg.",
    "The proportion of patients attaining at least a 15% increase in the FEV1 was recorded.",
    "Secondary outcomes were a postdose SCr increase > or = 25% over baseline.",
    "Headache was common (95% Cl, -5.0 to 2.6).",
    # heterogeneity, a treatment period, an age after the words that name it
    "Heterogeneity was moderate (I2 = 45%).",
    "Overall survival was the end point. Cisplatin and 5-FU were given daily as a continuous infusion during 5 days.",
    "Overall survival was the end point. The mean age of these patients was the same as for the entire group, 64 years.",
    # a strength after the drug, with the percentage spelled out
    "Tinnitus was treated by intratympanic instillation of lignocaine (lidocaine) 2 per cent through a grommet.",
])
def test_numbers_that_are_no_outcomes(read, text):
    assert outcomes(read, text) == []


def test_a_rate_with_the_drug_after_it_stays_an_outcome_of_that_arm(read):
    (o,) = outcomes(read, "The objective response rate was 22% with temsirolimus.")
    assert (o.value, o.arm) == (22, ["temsirolimus"])


def test_a_mean_with_its_sd_is_an_outcome(read):
    got = {(o.measure, o.value, o.statistic, o.unit, o.p_value) for o in outcomes(
        read, "The mean pain score for buffered lidocaine was significantly lower than the mean score for standard "
              "lidocaine (2.7 +/- 1.9 vs. 3.8 +/- 2.2, P = 0.03).")}
    assert got == {("pain score", 2.7, "mean", None, None), ("pain score", 3.8, "mean", None, "0.03")}
    got = {(o.measure, o.value, o.unit) for o in outcomes(
        read, "Left ventricular end-diastolic pressure fell from 11.5+/-1.4 to 5.6+/-0.9 mm Hg (P less than 0.001).")}
    assert ("left ventricular end-diastolic pressure", 5.6, "mmHg") in got
    # a disease names no measured quantity; a measurement without its SD is no outcome
    assert outcomes(read, "The infarct was less in the hypertensive group (33 +/- 3 vs 21 +/- 4).") == []
    assert outcomes(read, "Blood pressure above 140 mmHg was treated with 5 mg amlodipine.") == []


def test_each_value_of_a_list_takes_the_name_before_it(read):
    got = {(o.measure, o.value) for o in outcomes(
        read, "Side effects included decreased appetite (36%), dry mouth (10%), behavioral change (22%), and "
              "gastrointestinal symptoms (18%).")}
    assert got == {("decreased appetite", 36), ("dry mouth", 10), ("behavioral change", 22),
                   ("gastrointestinal symptoms", 18)}
    got = {(o.measure, o.value) for o in outcomes(
        read, "Of 18 patients evaluable for response, seven (39%) achieved a complete response and six (33%) "
              "achieved a partial response.")}
    assert got == {("complete response", 39), ("partial response", 33)}
    got = {o.measure for o in outcomes(
        read, "Seizures and acute renal failure were documented in seven (10%) and five (7.1%) patients.")}
    assert not got & {"seven", "five"}


def test_a_value_in_parentheses_after_a_drug_is_that_arm(read):
    got = {(o.value, tuple(o.arm or ())) for o in outcomes(
        read, "Lithium was associated with a significantly higher incidence of tremor (18.4%) than quetiapine (5.6%).")}
    assert got == {(18.4, ("lithium",)), (5.6, ("quetiapine",))}
    # a parenthesis that lists both arms' values keeps their order
    got = {(o.value, tuple(o.arm or ())) for o in outcomes(
        read, "Nephrotoxicity occurred in patients treated with netilmicin and tobramycin (17% vs 11%).")}
    assert got == {(17, ("netilmicin",)), (11, ("tobramycin",))}
    # a solution's strength is no outcome
    assert outcomes(read, "Mannitol (18% solution; 1 g/kg) was given to ten patients with malignant glioma.") == []


def test_a_value_no_rule_names_takes_the_measured_quantity_before_it(read):
    got = {(o.measure, o.value, tuple(o.arm or ())) for o in outcomes(
        read, "SCr increases > or = 0.5 mg/dL occurred in 4.4% (9 of 204 patients) after iopamidol and 6.7% "
              "(14 of 210 patients) after iodixanol (P=0.39).")}
    assert got == {("scr increases", 4.4, ("iopamidol",)), ("scr increases", 6.7, ("iodixanol",))}
    got = {(o.measure, o.value) for o in outcomes(
        read, "Men who received bupropion had a significant increase in the total IIEF score (54.4% vs 1.2%; "
              "P= 0.003).")}
    assert got == {("total iief score", 54.4), ("total iief score", 1.2)}
    # a change with nothing said of what changed names no measure
    assert outcomes(read, "Plasma apolipoprotein A-I tended to rise, an increase (40%) at day 5.") == []


def test_relative_risks_and_odds_ratios_take_the_measure_before_them(read):
    got = {(o.measure, o.value, o.statistic, o.ci_low, o.ci_high, tuple(o.arm or ())) for o in outcomes(
        read, "Raloxifene did not increase risk for cataracts (RR 0.9; 95% CI 0.8-1.1) or gallbladder disease "
              "(RR 1.0; 95% CI 0.7-1.3).")}
    assert got == {("cataracts", 0.9, "relative risk", 0.8, 1.1, ()),
                   ("gallbladder disease", 1.0, "relative risk", 0.7, 1.3, ())}
    got = {(o.measure, o.value, o.statistic) for o in outcomes(
        read, "Smoking was associated with lung cancer (odds ratio, 3.4; 95% CI, 2.1-5.6).")}
    assert got == {("lung cancer", 3.4, "odds ratio")}


def test_a_trial_report_with_cis_between_values_and_arms(read):
    text = ("Median progression-free survival was 10.3 months (95% confidence interval [CI], 6.7 to not reached) in "
            "the pembrolizumab group versus 6.0 months (95% CI, 4.2 to 6.2) in the chemotherapy group (hazard ratio "
            "for disease progression or death, 0.50; 95% CI, 0.37 to 0.68; P<0.001). The estimated percentage of "
            "patients who were alive at 6 months was 80.2% in the pembrolizumab group versus 72.4% in the "
            "chemotherapy group (hazard ratio for death, 0.60; 95% CI, 0.41 to 0.89; P=0.005). The median duration of "
            "response was longer, and adverse events were less frequent (73.4% vs. 90.0%).")
    got = {(o.measure, o.value, o.statistic, tuple(o.arm or ())) for o in outcomes(read, text)}
    assert {("progression-free survival", 10.3, "median", ("pembrolizumab",)),
            ("progression-free survival", 6.0, "median", ("chemotherapy",)),
            ("progression-free survival", 0.5, "hazard ratio", ()),
            ("overall survival", 80.2, "rate", ("pembrolizumab",)),
            ("overall survival", 72.4, "rate", ("chemotherapy",)),
            ("overall survival", 0.6, "hazard ratio", ())} <= got
    assert {(m, v, st) for m, v, st, _ in got if v in (73.4, 90.0)} == {
        ("adverse events", 73.4, "rate"), ("adverse events", 90.0, "rate")}


def test_a_cardiovascular_outcomes_trial(read):
    text = ("The primary outcome occurred in 490 of 4687 patients (10.5%) in the pooled empagliflozin group and in 282 "
            "of 2333 patients (12.1%) in the placebo group (hazard ratio in the empagliflozin group, 0.86; 95.02% "
            "confidence interval, 0.74 to 0.99; P=0.04 for superiority). In the empagliflozin group there were lower "
            "rates of hospitalization for heart failure (2.7% and 4.1%, respectively; 35% relative risk reduction) and "
            "death from any cause (5.7% and 8.3%, respectively; 32% relative risk reduction).")
    got = {(o.measure, o.value, o.statistic, tuple(o.arm or ())): o for o in outcomes(read, text)}
    assert ("primary outcome", 10.5, "rate", ("empagliflozin",)) in got
    assert ("primary outcome", 12.1, "rate", ("placebo",)) in got
    hr = got[("primary outcome", 0.86, "hazard ratio", ())]
    assert (hr.ci_low, hr.ci_high, hr.p_value) == (0.74, 0.99, "0.04")
    assert {k[:3] for k in got if k[0] != "primary outcome"} == {
        ("hospitalization for heart failure", 2.7, "rate"), ("hospitalization for heart failure", 4.1, "rate"),
        ("hospitalization for heart failure", 35, "relative risk reduction"),
        ("death from any cause", 5.7, "rate"), ("death from any cause", 8.3, "rate"),
        ("death from any cause", 32, "relative risk reduction")}


def test_patients_still_in_follow_up_are_no_outcome(read):
    got = {(o.measure, o.value) for o in outcomes(read, "Median progression-free survival was 19.2 months, with 25 "
                                                        "patients (50%) still in follow-up for progression.")}
    assert got == {("progression-free survival", 19.2)}


def test_two_values_in_parentheses_follow_the_arms_before_them(read):
    got = {(o.measure, o.value, o.statistic, tuple(o.arm or ())) for o in outcomes(
        read, "Progression-free survival was significantly longer in the olaparib group than in the control group "
              "(median, 7.4 months vs. 3.6 months). The median overall survival was 18.5 months and 15.1 months, "
              "respectively; 81% of the patients in the control group who had progression crossed over to olaparib.")}
    assert ("progression-free survival", 7.4, "median", ("olaparib",)) in got
    assert ("progression-free survival", 3.6, "median", ("control group",)) in got
    assert not [g for g in got if g[1] == 81]


def test_changes_in_percentage_points_and_kilograms(read):
    got = {(o.measure, o.value, o.unit, o.statistic, o.ci_low, o.ci_high, tuple(o.arm or ())) for o in outcomes(
        read, "At week 30, the mean change from baseline in glycated hemoglobin was -1.5 percentage points with "
              "semaglutide and -0.1 percentage points with placebo (estimated treatment difference, -1.4 percentage "
              "points; 95% CI, -1.6 to -1.2; P<0.001). Body weight decreased by 4.5 kg with semaglutide.")}
    m = "change from baseline in glycated hemoglobin"
    assert {(m, -1.5, "percentage points", "mean", None, None, ("semaglutide",)),
            (m, -0.1, "percentage points", "mean", None, None, ("placebo",)),
            (m, -1.4, "percentage points", "difference", -1.6, -1.2, ()),
            ("body weight", 4.5, "kg", None, None, None, ("semaglutide",))} == got
    assert outcomes(read, "Potassium was applied by reverse dialysis twice, separated by 75 min.") == []


@pytest.mark.parametrize("text", [
    "Outcomes were pooled from 10 randomized rheumatoid arthritis trials that were 6-52 weeks in duration.",
    "A 70-year-old woman developed acute cholestatic hepatitis 3 weeks following surgery.",
    "The patients of both groups were of similar age (25-40 years).",
    "Lower doses of azelastine were more effective than placebo only during the first 3 weeks of the study.",
    "Men from the Centers for Disease Control classification were followed by a washout period of 6 weeks.",
])
def test_a_span_of_time_with_no_statistic_is_no_outcome(read, text):
    assert outcomes(read, text) == []


@pytest.mark.parametrize("text, measure, value", [
    ("The incubation periods averaged 10.6 months.", "incubation periods", 10.6),
    ("One partial response lasted 11 months.", "partial response", 11),
    ("Overall survival was 14.2 months in the everolimus arm.", "overall survival", 14.2),
])
def test_a_timed_endpoint_keeps_its_span_of_time(read, text, measure, value):
    assert [(o.measure, o.value) for o in outcomes(read, text)] == [(measure, value)]


def test_a_hazard_ratio_of_a_named_rate_with_its_ci_in_nested_parentheses(read):
    (o,) = outcomes(read, "The discontinuation rate was lower with etoricoxib than with diclofenac (hazard ratio "
                          "0.62 (95% CI: 0.47, 0.81; p=0.001)).")
    assert (o.measure, o.statistic, o.value, o.ci_low, o.ci_high, o.p_value) == (
        "discontinuation rate", "hazard ratio", 0.62, 0.47, 0.81, "0.001")


def test_a_value_after_the_control_arm_takes_no_drug_arm(read):
    found = outcomes(read, "Adverse events occurred in 59.6% of patients treated with haloperidol, whereas 26.5% of "
                           "patients treated with lithium had adverse events. The incidence of akathisia was similar "
                           "with quetiapine monotherapy (3.3%) and placebo (6.1%).")
    assert [(o.value, o.arm) for o in found if o.measure == "akathisia"] == [(3.3, ["quetiapine"]), (6.1, None)]


def test_a_trial_abstract_in_the_form_of_a_journal(read):
    found = outcomes(read, "The objective response rate was similar in the two groups: 80% with osimertinib and 76% "
                           "with standard EGFR-TKIs (odds ratio, 1.27; 95% CI, 0.85 to 1.90; P=0.24). Data for overall "
                           "survival were immature at the interim analysis (25% maturity). Adverse events of grade 3 or "
                           "higher occurred in 52.6% of the patients who received osimertinib and 67.4% of those who "
                           "received the physician's choice of chemotherapy.")
    assert [(o.measure, o.value, o.arm) for o in found if o.statistic == "rate"] == [
        ("objective response rate", 80, ["osimertinib"]), ("objective response rate", 76, None),
        ("grade 3 or higher adverse events", 52.6, ["osimertinib"]),
        ("grade 3 or higher adverse events", 67.4, ["physician's choice"])]


def test_a_clause_subject_after_whereas_is_a_measure_without_the_conjunction(read):
    found = outcomes(read, "Peak grip force was higher in patients with dyskinesia, while static grip force was 138% "
                           "higher.")
    assert "static grip force" in {o.measure for o in found}
    assert not any(o.measure.startswith(("while", "whereas")) for o in found)


def test_a_measure_named_with_a_possessive_and_an_auxiliary(read):
    found = outcomes(read, "Two weeks after the initiation of therapy, her hematocrit had decreased from 44.1% to 20.4%.")
    assert {o.measure for o in found} == {"hematocrit"}


def test_a_rate_named_with_its_time(read):
    found = outcomes(read, "The 2-year overall survival rate was 56.2% with durvalumab versus 44.2% with placebo. The "
                           "1-year survival rate was 33%.")
    assert [(o.value, o.timepoint) for o in found] == [(56.2, "2 years"), (44.2, "2 years"), (33, "1 year")]


def test_a_relative_difference_is_no_rate_of_the_endpoint(read):
    found = outcomes(read, "Ibrutinib resulted in longer progression-free survival than did chlorambucil (median, not "
                           "reached vs. 18.9 months), with a risk of progression or death that was 84% lower with "
                           "ibrutinib. Median survival was nearly 3 months longer for patients treated with sorafenib.")
    assert [(o.measure, o.statistic, o.value, o.arm) for o in found] == [
        ("progression-free survival", "median", 18.9, ["chlorambucil"]),
        ("reduction in risk of progression or death", "risk reduction", 84, None),
        ("overall survival", "difference", 3, None)]


def test_a_qualified_time_to_progression_keeps_its_qualifier(read):
    found = outcomes(read, "There was no significant difference in the median time to symptomatic progression (4.1 "
                           "months vs. 4.9 months, P=0.77).")
    assert {o.measure for o in found} == {"time to symptomatic progression"}


def test_arms_after_a_ci_in_brackets_or_a_long_ci(read):
    found = outcomes(read, "The 12-month event-free survival rate was 68.4% [95% CI, 61.0 to 75.9] with alectinib "
                           "vs. 48.7% [95% CI, 40.4 to 56.9] with crizotinib. The median progression-free survival "
                           "was 24.8 months (95% confidence interval [CI], 22.1 to not estimable) in the "
                           "palbociclib-letrozole group, as compared with 14.5 months (95% CI, 12.9 to 17.1) in the "
                           "placebo-letrozole group.")
    assert [(o.value, o.arm) for o in found] == [(68.4, ["alectinib"]), (48.7, ["crizotinib"]),
                                                 (24.8, ["palbociclib", "letrozole"]),
                                                 (14.5, ["placebo", "letrozole"])]


def test_a_list_of_paired_values_keeps_the_order_of_the_first_pair(read):
    found = outcomes(read, "Grade 3 or 4 adverse events were neutropenia (66.4% in the palbociclib-letrozole group vs. "
                           "1.4% in the placebo-letrozole group), leukopenia (24.8% vs. 0%) and anemia (5.4% vs. 1.8%).")
    a, b = ["palbociclib", "letrozole"], ["placebo", "letrozole"]
    assert [(o.measure, o.value, o.arm) for o in found] == [
        ("neutropenia", 66.4, a), ("neutropenia", 1.4, b), ("leukopenia", 24.8, a), ("leukopenia", 0, b),
        ("anemia", 5.4, a), ("anemia", 1.8, b)]


@pytest.mark.parametrize("text, expected", [
    # transitive: what was changed
    ("Everolimus reduced cell proliferation by 45% after 72 hours, whereas apoptosis was not significantly increased. "
     "Gum arabic decreased that of cortical GSH by 21%.",
     [("cell proliferation", "reduction", 45), ("cortical gsh", "reduction", 21)]),
    # intransitive: the measure that fell or rose
    ("Tumor volume decreased by 30% in treated mice. Serum levels rose by 20%.",
     [("tumor volume", "reduction", 30), ("serum levels", "increase", 20)]),
])
def test_a_change_by_a_percentage_is_of_what_was_changed(read, text, expected):
    assert [(o.measure, o.statistic, o.value) for o in outcomes(read, text)] == expected


def test_pairs_in_parentheses_after_not_reached_and_occurring_in(read):
    found = outcomes(read, "Median progression-free survival was 10.3 months in the pembrolizumab group versus 6.0 "
                           "months in the chemotherapy group. The median duration of response was longer (not reached "
                           "[range, 1.9+ to 14.5+ months] vs. 6.3 months [range, 2.1+ to 12.6+]), and treatment-related "
                           "adverse events were less frequent (occurring in 73.4% vs. 90.0% of patients), as were grade "
                           "3, 4, or 5 treatment-related adverse events (26.6% vs. 53.3%).")
    assert [(o.value, o.arm) for o in found][2:] == [(6.3, ["chemotherapy"]), (73.4, ["pembrolizumab"]),
                                                     (90.0, ["chemotherapy"]), (26.6, ["pembrolizumab"]),
                                                     (53.3, ["chemotherapy"])]
    assert "as" not in {o.measure for o in found}


def test_a_later_pair_takes_the_arms_last_compared_not_a_single_arm_value_between(read):
    found = outcomes(read, "Median progression-free survival was 7.0 weeks in the temsirolimus plus doxorubicin group "
                           "and 4.5 weeks in the doxorubicin alone group. Grade 3 or 4 events occurred in 31% of "
                           "patients receiving temsirolimus. Temsirolimus did not improve overall survival (median, "
                           "18.6 vs 17.5 months).")
    assert [(o.measure, o.value, o.arm) for o in found][2:] == [
        ("grade 3 or 4 events", 31, ["temsirolimus"]),
        ("overall survival", 18.6, ["temsirolimus", "doxorubicin"]), ("overall survival", 17.5, ["doxorubicin"])]


def test_a_value_paired_with_the_control_is_the_drug_arms(read):
    found = outcomes(read, "The primary outcome occurred in 10.5% in the empagliflozin group and in 12.1% in the placebo "
                           "group. There were lower rates of death from cardiovascular causes (3.7%, vs. 5.9% in the "
                           "placebo group; 38% relative risk reduction).")
    assert [(o.value, o.arm) for o in found if o.measure == "death from cardiovascular causes"] == [
        (3.7, ["empagliflozin"]), (5.9, ["placebo"]), (38, None)]


def test_a_change_from_one_value_to_another_is_of_what_changed(read):
    found = outcomes(read, "Metformin decreased the ALDH-positive population from 8.2% to 2.1%. The sensitivity "
                           "improved dramatically from 16% to 79%.")
    assert [(o.measure, o.value) for o in found] == [("aldh-positive population", 8.2), ("aldh-positive population", 2.1),
                                                     ("sensitivity", 16), ("sensitivity", 79)]


def test_a_lancet_abstract_with_cis_in_brackets_and_a_subgroup_pair(read):
    found = outcomes(read, "Median progression-free survival was significantly longer in the olaparib group than in the "
                           "placebo group (11.2 months [95% CI 8.3-not calculable] vs 4.3 months [3.0-5.4]; HR 0.18 "
                           "[0.10-0.31]; p<0.0001). Similar findings were noted for patients with wild-type BRCA, "
                           "although the difference between groups was lower (7.4 months [5.5-10.3] vs 5.5 months "
                           "[3.7-5.6]; HR 0.54 [0.34-0.85]; p=0.0075).")
    assert [(o.measure, o.statistic, o.value, o.ci_low, o.ci_high, o.arm) for o in found] == [
        ("progression-free survival", "median", 11.2, None, None, ["olaparib"]),
        ("progression-free survival", "median", 4.3, 3.0, 5.4, ["placebo"]),
        ("progression-free survival", "hazard ratio", 0.18, 0.10, 0.31, None),
        ("progression-free survival", "median", 7.4, 5.5, 10.3, ["olaparib"]),
        ("progression-free survival", "median", 5.5, 3.7, 5.6, ["placebo"]),
        ("progression-free survival", "hazard ratio", 0.54, 0.34, 0.85, None)]


def test_combined_drugs_are_one_arm_and_a_control_regimen_the_other(read):
    found = outcomes(read, "The incidence of complete remission was higher with azacitidine-venetoclax than with the "
                           "control regimen (36.7% vs. 17.9%; P<0.001). Nausea occurred in 44% and 35%, respectively.")
    assert [(o.value, o.arm) for o in found] == [(36.7, ["azacitidine", "venetoclax"]), (17.9, ["control group"]),
                                                 (44, ["azacitidine", "venetoclax"]), (35, ["control group"])]


def test_an_event_that_occurred_is_a_measure_and_a_median_period_is_follow_up(read):
    found = outcomes(read, "Over a median of 18.2 months, the primary outcome occurred in 16.3% in the dapagliflozin "
                           "group. A first worsening heart failure event occurred in 237 patients (10.0%) in the "
                           "dapagliflozin group.")
    assert [(o.measure, o.value) for o in found] == [("primary outcome", 16.3),
                                                     ("first worsening heart failure event", 10.0)]


def test_an_unlabelled_ci_after_a_labelled_one_and_an_arm_without_a_drug(read):
    found = outcomes(read, "Median survival was 10.6 months (95% CI 9.1-12.1) for regorafenib versus 7.8 months "
                           "(6.3-8.8) for placebo. The median overall survival was 13.5 months with radiotherapy plus "
                           "temozolomide and 7.7 months with radiotherapy alone.")
    assert [(o.value, o.ci_low, o.ci_high, o.arm) for o in found] == [
        (10.6, 9.1, 12.1, ["regorafenib"]), (7.8, 6.3, 8.8, ["placebo"]), (13.5, None, None, ["temozolomide"]),
        (7.7, None, None, None)]


def test_a_tumour_response_in_british_spelling(read):
    found = outcomes(read, "30 of 35 evaluable patients (86%; 95% CI 70-95) had a tumour response.")
    assert [(o.measure, o.value, o.ci_low, o.ci_high) for o in found] == [("tumour response", 86, 70, 95)]


def test_pairs_after_arms_named_in_their_sentence_and_arms_without_a_drug(read):
    found = outcomes(read, "Patients in the niraparib group had a longer median progression-free survival than did those "
                           "in the placebo group, including 21.0 vs. 5.5 months in the gBRCA cohort. The median overall "
                           "survival was 13.6 months with cabazitaxel and 11.0 months with the androgen-signaling-"
                           "targeted inhibitor.")
    assert [(o.value, o.arm) for o in found] == [(21.0, ["niraparib"]), (5.5, ["placebo"]), (13.6, ["cabazitaxel"]),
                                                 (11.0, None)]


def test_an_asco_style_abstract_with_month_abbreviations_aes_and_a_clause_of_its_own(read):
    found = outcomes(read, "Median follow-up was 18.7 mo. ORR was 38.0% (95% CI: 28.8-47.8%). Grade 3-4 treatment-"
                           "related AEs occurred in 66.9% of patients, most commonly hypertension (31.5%); 17.6% "
                           "discontinued treatment due to AEs.")
    assert [(o.measure, o.value) for o in found] == [
        ("overall response rate", 38.0), ("grade 3-4 treatment-related aes", 66.9), ("hypertension", 31.5),
        ("discontinuation due to adverse events", 17.6)]


def test_a_landmark_rate_after_a_median_follow_up(read):
    found = outcomes(read, "With a median follow-up of 9 years, 10-year PFS was 51.1% with rituximab maintenance vs "
                           "35.0% with observation.")
    assert [(o.statistic, o.value, o.timepoint, o.arm) for o in found] == [
        ("rate", 51.1, "10 years", ["rituximab"]), ("rate", 35.0, "10 years", ["observation"])]


def test_a_hazard_ratio_of_a_rate_named_with_of(read):
    found = outcomes(read, "The rate of cardiovascular disease was 10.7 events per 1000 person-years in the aspirin group "
                           "and 11.3 events per 1000 person-years in the placebo group (hazard ratio, 0.95; 95% CI, "
                           "0.83 to 1.08). The rate of major hemorrhage was 8.6 and 6.2 events per 1000 person-years, "
                           "respectively (hazard ratio, 1.38; 95% CI, 1.18 to 1.62; P<0.001).")
    assert [(o.measure, o.value) for o in found if o.statistic == "hazard ratio"] == [
        ("cardiovascular disease", 0.95), ("major hemorrhage", 1.38)]


def test_shares_with_cis_after_a_semicolon_thresholds_and_other_confidence_levels(read):
    found = outcomes(read, "Ten (26%; 95% CI 13-42) of 39 patients had an objective response; 14 (33%; 20-50) had "
                           "6-month non-progression. Median overall survival was 12.2 months with nivolumab versus 9.4 "
                           "months with docetaxel (HR 0.73; 96% CI 0.59-0.89). Among patients with PD-L1 expression of "
                           "1% or more, the objective response rate was 31% with nivolumab versus 12% with docetaxel, "
                           "whereas among those with expression of less than 1% it was 9% versus 15%.")
    got = [(o.measure, o.value, o.ci_low, o.ci_high, o.timepoint, o.arm) for o in found]
    assert ("non-progression", 33, 20, 50, "6 months", None) in got
    assert ("overall survival", 0.73, 0.59, 0.89, None, None) in got
    assert [o.value for o in found if o.measure == "objective response rate"] == [26, 31, 12, 9, 15]
    assert [o.arm for o in found if o.value in (9, 15)] == [["nivolumab"], ["docetaxel"]]


def test_the_physicians_choice_is_an_arm(read):
    found = outcomes(read, "The median progression-free survival was 10.1 months in the trastuzumab deruxtecan group and "
                           "5.4 months in the physician's choice group.")
    assert [(o.value, o.arm) for o in found] == [(10.1, ["trastuzumab deruxtecan"]), (5.4, ["physician's choice"])]


def test_shares_of_the_patients_in_a_group_and_a_hyphenated_standard_therapy(read):
    found = outcomes(read, "The primary end point was achieved in 21% of the patients in the ruxolitinib group versus 1% "
                           "of those in the standard-therapy group (P<0.001).")
    assert [(o.value, o.arm) for o in found] == [(21, ["ruxolitinib"]), (1, ["standard therapy"])]


def test_a_percentage_spelled_out_reads_as_one_written_with_its_sign(read):
    # older abstracts (NEJM until about 2010) write "percent": the value, its CI and its arm are read as for "%",
    # and the evidence keeps the sentence as written
    text = ("The overall response rate was 34 percent in the docetaxel group (95 percent confidence interval, "
            "25 to 44 percent). Response rates were docetaxel 30%, paclitaxel 25 per cent and placebo 5%.")
    got = outcomes(read, text)
    first = next(o for o in got if o.value == 34)
    assert (first.measure, first.unit, first.ci_low, first.ci_high, first.arm) == (
        "overall response rate", "%", 25, 44, ["docetaxel"])
    assert "34 percent" in first.evidence.sentence
    assert text[first.evidence.spans[0][0]:first.evidence.spans[0][1]] == "34 percent"
    assert {(o.value, o.unit) for o in got} >= {(30, "%"), (25, "%"), (5, "%")}


def test_an_example_inside_a_measure_is_not_the_measure(read):
    got = outcomes(read, "The incidence of EPS-related adverse events, including akathisia, was no different with "
                         "quetiapine monotherapy (12.9%) than with placebo (13.1%).")
    assert {(o.measure, o.value) for o in got} == {("eps-related adverse events", 12.9),
                                                   ("eps-related adverse events", 13.1)}


def test_a_rate_due_to_a_cause_keeps_its_cause_and_takes_the_hazard_ratio(read):
    got = outcomes(read, "The cumulative discontinuation rate due to GI AEs was significantly lower with etoricoxib "
                         "than diclofenac (5.2 vs 8.5 events per 100 patient-years, respectively; hazard ratio 0.62 "
                         "(95% CI: 0.47, 0.81; p<or=0.001)).")
    hr = next(o for o in got if o.statistic == "hazard ratio")
    assert (hr.measure, hr.value, hr.ci_low, hr.ci_high, hr.p_value) == (
        "cumulative discontinuation rate due to gi aes", 0.62, 0.47, 0.81, "<=0.001")
    (hr,) = outcomes(read, "The discontinuation rate due to adverse events was lower with etoricoxib (hazard ratio 0.62).")
    assert hr.measure == "discontinuation rate due to adverse events"


def test_a_measure_with_its_abbreviation_and_a_p_value_in_words(read):
    got = outcomes(read, "Clinical hepatitis developed in 1.4% of HBIG and in 5.9% of ISG recipients (P = 0.016), and "
                         "seroconversion (anti-HBs) occurred in 5.6% and 20.7% of them respectively (P less than 0.001).")
    assert {(o.measure, o.value, o.p_value) for o in got} >= {("seroconversion", 5.6, None),
                                                              ("seroconversion", 20.7, "<0.001")}
    (svr,) = outcomes(read, "A sustained virological response (SVR) was 29.6% in the cohort.")
    assert (svr.measure, svr.value) == ("sustained virologic response", 29.6)  # (one name for both spellings)


def test_a_mean_with_its_sd_in_parentheses(read):
    got = outcomes(read, "After 12 weeks, the mean (sd) scores for CGI-SF were lower in patients on bupropion, at 2.4 "
                         "(1.2), than in the placebo group, at 3.9 (1.1) (P= 0.01).")
    assert {(o.measure, o.statistic, o.value) for o in got} == {("scores for cgi-sf", "mean", 2.4),
                                                                ("scores for cgi-sf", "mean", 3.9)}
    got = outcomes(read, "Visual analogue scores (mean +/- SD) during induction were lower in Groups L (3.3 +/- 2.5) "
                         "and T (4.1 +/- 2.7) than in Group C (5.6 +/- 2.3); P = 0.0031.")
    assert {(o.measure, o.value) for o in got} == {("visual analogue scores during induction", v) for v in (3.3, 4.1, 5.6)}
    # without a mean or an SD named, a number before another in parentheses is a count and its share, or
    # an exponent: no outcome
    assert outcomes(read, "Nausea occurred in 12 (10) patients. The mean concentration was 1.1 X 10(-3) mol/L.") == []


@pytest.mark.parametrize("text, measure, statistic, value", [
    ("Treatment with aspirin resulted in a 30% reduction in mortality.", "mortality", "reduction", 30),
    ("Aspirin produced a 25% decrease in the incidence of stroke (P=0.01).", "incidence of stroke", "reduction", 25),
    ("Rats receiving prenatal dexamethasone had a 17% reduction in glomeruli compared with control rats.", "glomeruli",
     "reduction", 17),
])
def test_a_relative_change_named_before_what_changed(read, text, measure, statistic, value):
    assert [(o.measure, o.statistic, o.value) for o in outcomes(read, text)] == [(measure, statistic, value)]


def test_a_change_that_defines_an_endpoint_is_no_outcome(read):
    assert outcomes(read, "The primary end point was at least a 35% reduction in spleen volume at week 32.") == []


def test_a_disease_in_a_list_after_patients_with_is_a_condition_but_not_one_after_another_clause(read):
    # the hypotension is an outcome: it is not what the patients have
    got = outcomes(read, "ACE inhibitors are used in patients with congestive heart failure, cases of severe hypotension "
                         "have been reported. Patients who received enalapril had less symptomatic hypotension (5.2%) "
                         "than the patients who received prazosin (12.9%).")
    assert {(o.measure, o.value) for o in got} == {("hypotension", 5.2), ("hypotension", 12.9)}


def test_demographics_are_no_outcomes_and_a_hazard_ratio_takes_the_risk_named(read):
    got = outcomes(read, "Among 18353 randomized participants (mean age, 67.5 years; 49.2% women), the risk of "
                         "depression or clinically relevant depressive symptoms was not significantly different between "
                         "the vitamin D3 group and the placebo group (hazard ratio, 0.97 [95% CI, 0.87 to 1.09]; P = .62).")
    assert [(o.measure, o.statistic, o.value, o.ci_low, o.ci_high) for o in got] == [
        ("depression", "hazard ratio", 0.97, 0.87, 1.09)]


def test_a_median_measurement_with_thousands_and_its_range(read):
    (o,) = outcomes(read, "The median trough concentration was 1,250 ng/mL (range, 610 to 2,940).")
    assert (o.measure, o.statistic, o.value, o.unit, o.range_low, o.range_high) == (
        "trough concentration", "median", 1250, "ng/mL", 610, 2940)
    # a measurement with no statistic stays a threshold or a dose
    assert outcomes(read, "Patients with a serum creatinine of 1.5 mg/dL or higher were excluded.") == []


@pytest.mark.parametrize("text, expected", [
    ("Patients who received the drug lived a median of 11.1 months, compared with 8.4 months for those on placebo.",
     {("overall survival", "median", 11.1), ("overall survival", "median", 8.4)}),
    ("The drug cut the risk of death by 30 percent, researchers reported.",
     {("reduction in risk of death", "risk reduction", 30)}),
    ("About 40 percent of patients responded to the treatment.", {("response rate", "rate", 40)}),
    ("Fifty percent of the patients had a complete response.", {("complete response", "rate", 50)}),
    ("Responses lasted for a median of nine months. Median survival was eleven months in the docetaxel group. The median "
     "age was sixty years. Patients were followed for a median of two years.",
     {("duration of response", "median", 9), ("overall survival", "median", 11)}),
])
def test_outcomes_in_the_words_of_news_reports(read, text, expected):
    assert {(o.measure, o.statistic, o.value) for o in outcomes(read, text)} == expected


def test_the_lancets_decimal_point(read):
    got = outcomes(read, "Median overall survival was 12·5 months versus 9·1 months (hazard ratio 0·72, 95% CI "
                         "0·61–0·85; p=0·001).")
    assert {(o.statistic, o.value, o.ci_low, o.ci_high, o.p_value) for o in got} == {
        ("median", 12.5, None, None, None), ("median", 9.1, None, None, None), ("hazard ratio", 0.72, 0.61, 0.85, "0.001")}


def test_deaths_in_a_group_are_a_death_rate(read):
    got = outcomes(read, "There were more deaths in the mexiletine group (7.6%) than in the placebo group (4.8%).")
    assert {(o.measure, o.value) for o in got} == {("death", 7.6), ("death", 4.8)}


def test_the_first_of_a_pair_shares_the_percent_sign_of_the_second(read):
    got = outcomes(read, "The most common adverse events after rizatriptan and ergotamine/caffeine, respectively, were "
                         "dizziness (6.7 and 5.3%) and nausea (4.2 and 8.5%).")
    assert {(o.measure, o.value, o.unit) for o in got} == {
        ("dizziness", 6.7, "%"), ("dizziness", 5.3, "%"), ("nausea", 4.2, "%"), ("nausea", 8.5, "%")}
    # (not a number outside parentheses: "NCT00594726 and 53%")
    assert [o.value for o in outcomes(read, "The trial (NCT00594726) and 53% of patients responded.")] in ([], [53])


def test_patients_who_had_a_response_give_the_response_rate(read):
    got = outcomes(read, "Sixteen of 49 patients who could be evaluated had a response (33%; 95% CI, 20 to 48), with "
                         "12 patients receiving the study treatment for more than 6 months.")
    assert [(o.measure, o.statistic, o.value, o.ci_low, o.ci_high) for o in got] == [
        ("response rate", "rate", 33, 20, 48)]
    # a rate is never a span of time, whatever the sentence calls it
    assert outcomes(read, "Seventeen of these had a response or were stable for a median of 20 weeks.") == []
    assert outcomes(read, "Patients who had a response lived longer (18.1 vs 7.2 months).") == []


@pytest.mark.parametrize("text, expected", [
    ("Median progression-free survival was 10.3 months (95% confidence interval [CI], 6.7 to not reached).",
     (10.3, 6.7, None)),
    ("Median overall survival was 24.1 months (95% CI 18.2-NR).", (24.1, 18.2, None)),
    ("Median overall survival was 24.1 months (95% CI, 18.2 to 30.5).", (24.1, 18.2, 30.5)),
])
def test_a_confidence_interval_whose_upper_bound_was_not_reached(read, text, expected):
    assert [(o.value, o.ci_low, o.ci_high) for o in outcomes(read, text)] == [expected]


def test_a_clearance_keeps_its_whole_unit_and_a_paired_value_shares_it(read):
    got = outcomes(read, "The mean clearance was 3.4 +/- 0.9 ml/min/kg. Children younger than 4 years had a higher "
                         "clearance than older children (4.1 vs 2.9 ml/min/kg, P = 0.01). Mean eGFR was 58 mL/min/1.73 m2.")
    assert {(o.measure, o.value, o.unit) for o in got} == {
        ("clearance", 3.4, "mL/min/kg"), ("clearance", 4.1, "mL/min/kg"), ("clearance", 2.9, "mL/min/kg"),
        ("egfr", 58, "mL/min/1.73 m2")}
    # (a standard deviation before "vs." is no value: "GFR (1.03 +/- 0.04 vs. 1.10 +/- 0.05 ml/min)")
    assert {o.value for o in outcomes(read, "The mean GFR was unchanged (1.03 +/- 0.04 vs. 1.10 +/- 0.05 ml/min).")} \
        <= {1.03, 1.10}


def test_a_list_of_hazard_ratios_and_a_hazard_ratio_for_a_disease(read):
    got = outcomes(read, "Statin use was associated with a dose-dependent reduction in HCC risk; the aHRs were 0.66 (95% "
                         "CI, 0.44-0.99), 0.41 (95% CI, 0.27-0.61) and 0.34 (95% CI, 0.18-0.67) for 28-90, 91-365 and "
                         "more than 365 cumulative defined daily doses, respectively.")
    assert [(o.measure, o.statistic, o.value, o.ci_low, o.ci_high) for o in got] == [
        ("hcc", "hazard ratio", 0.66, 0.44, 0.99), ("hcc", "hazard ratio", 0.41, 0.27, 0.61),
        ("hcc", "hazard ratio", 0.34, 0.18, 0.67)]
    got = outcomes(read, "The adjusted hazard ratio for hepatocellular carcinoma was 0.66 (95% CI, 0.44-0.99).")
    assert [(o.measure, o.value) for o in got] == [("hepatocellular carcinoma", 0.66)]


def test_patients_still_alive_at_a_time_in_words(read):
    got = outcomes(read, "After three years, 44 percent of those on the combination were still alive, compared with 32 "
                         "percent of those who got dabrafenib alone.")
    assert {(o.measure, o.value, o.timepoint) for o in got} == {("overall survival", 44, "3 years"),
                                                               ("overall survival", 32, "3 years")}
    # a status with a span of time after it is no survival time
    assert outcomes(read, "Sixty-two patients (88.6%) are alive with functioning grafts 686 days after conversion.") == []


def test_two_changes_that_share_one_verb(read):
    got = outcomes(read, "Celecoxib reduced the incidence of colon adenocarcinomas by 93% and tumor multiplicity by 97%.")
    assert {(o.measure, o.statistic, o.value) for o in got} == {
        ("colon adenocarcinomas", "reduction", 93), ("tumor multiplicity", "reduction", 97)}


def test_the_most_common_events_are_named_by_the_event(read):
    got = outcomes(read, "Adverse events were mostly grade 1 or 2; the most common were mouth ulceration (32% in the "
                         "everolimus group vs 5% in the placebo group) and stomatitis (31% vs 21%).")
    assert {(o.measure, o.value) for o in got} == {("mouth ulceration", 32), ("mouth ulceration", 5), ("stomatitis", 31),
                                                   ("stomatitis", 21)}
    # (a comparison after the category is no event's name)
    got = outcomes(read, "Discontinuations for oedema-related AEs were significantly higher with etoricoxib (2.5%).")
    assert [o.measure for o in got] == ["oedema-related aes"]


def test_each_share_takes_its_own_time(read):
    got = outcomes(read, "The mean (+/-SD) angiomyolipoma volume at 12 months was 53.2+/-26.6% of the baseline value "
                         "(P<0.001) and at 24 months was 85.9+/-28.5% of the baseline value (P=0.005).")
    assert [(o.measure, o.statistic, o.value, o.timepoint, o.p_value) for o in got] == [
        ("angiomyolipoma volume", "mean", 53.2, "12 months", "<0.001"),
        ("angiomyolipoma volume", "mean", 85.9, "24 months", "0.005")]
    got = outcomes(read, "The response rate was 40% at 6 months and 30% at 12 months.")
    assert [(o.value, o.timepoint) for o in got] == [(40, "6 months"), (30, "12 months")]


def test_a_list_of_times_for_groups_named_first(read):
    got = outcomes(read, "Median overall survival times in the interferon group, the temsirolimus group, and the "
                         "combination-therapy group were 7.3, 10.9, and 8.4 months, respectively.")
    assert [(o.value, o.unit, o.arm) for o in got] == [
        (7.3, "months", ["interferon"]), (10.9, "months", ["temsirolimus"]), (8.4, "months", ["interferon", "temsirolimus"])]


def test_a_hazard_ratio_with_a_long_label(read):
    got = outcomes(read, "The median progression-free survival was 11.0 months with everolimus as compared with 4.6 months "
                         "with placebo (hazard ratio for disease progression or death with everolimus, 0.35; 95% "
                         "confidence interval [CI], 0.27 to 0.45; P<0.001).")
    assert [(o.statistic, o.value, o.ci_low, o.p_value) for o in got] == [
        ("median", 11.0, None, None), ("median", 4.6, None, None), ("hazard ratio", 0.35, 0.27, "<0.001")]


def test_patients_not_evaluated_are_no_outcome(read):
    got = outcomes(read, "Overall, 79 patients (53.7 percent) had a partial response, 41 patients (27.9 percent) had "
                         "stable disease, and for technical reasons, response could not be evaluated in 7 patients "
                         "(4.8 percent).")
    assert {(o.measure, o.value) for o in got} == {("partial response", 53.7), ("stable disease", 27.9)}


def test_the_combination_is_the_arm_of_the_drugs_given_plus_one_another(read):
    got = outcomes(read, "Patients received dabrafenib (150 mg twice a day) plus either trametinib (2 mg once a day) or "
                         "placebo. The median overall survival was 25.1 months with the combination and 18.7 months with "
                         "dabrafenib alone.")
    assert [(o.value, o.arm) for o in got] == [(25.1, ["dabrafenib", "trametinib"]), (18.7, ["dabrafenib"])]


def test_measures_listed_respectively(read):
    got = outcomes(read, "The estimated 2-year progression-free survival and overall survival rates were 69.1% and 95.2%, "
                         "respectively. Rates of nausea, vomiting and fatigue were 12%, 8% and 20%, respectively.")
    assert {(o.measure, o.value) for o in got} == {("progression-free survival", 69.1), ("overall survival", 95.2),
                                                   ("nausea", 12), ("vomiting", 8), ("fatigue", 20)}


def test_response_kinds_times_to_response_and_changes_of_lab_values(read):
    got = outcomes(read, "The median time to at least a minor response was 4 weeks. The overall response rate was 90.5% "
                         "and the major response rate was 73.0%. During ibrutinib therapy, median serum IgM levels "
                         "decreased from 3520 mg/dl to 880 mg/dl and median hemoglobin levels increased from 10.5 g/dl "
                         "to 13.8 g/dl.")
    assert {(o.measure, o.value, o.unit) for o in got} >= {
        ("time to response", 4, "weeks"), ("overall response rate", 90.5, "%"), ("major response rate", 73.0, "%"),
        ("serum igm levels", 3520, "mg/dL"), ("serum igm levels", 880, "mg/dL"), ("hemoglobin levels", 13.8, "g/dL")}
    got = outcomes(read, "Grade 3, 4, or 5 treatment-related adverse events occurred in 26.6% of the patients.")
    assert [o.measure for o in got] == ["grade 3, 4, or 5 treatment-related adverse events"]


def test_the_only_arm_of_a_single_arm_trial(read):
    x = read("Ibrutinib in Waldenstrom's macroglobulinemia.\n\nIn this single-arm phase 2 study, 63 patients received "
             "ibrutinib 420 mg orally once daily. The overall response rate was 90.5%.")
    assert [(o.value, o.arm) for o in x.outcomes] == [(90.5, ["ibrutinib"])]
    x = read("In this randomized phase 3 trial, 63 patients received ibrutinib 420 mg once daily or placebo. The overall "
             "response rate was 90.5%.")
    assert [(o.value, o.arm) for o in x.outcomes] == [(90.5, None)]


def test_a_group_named_by_two_drugs_with_a_hyphen_is_one_arm(read):
    got = outcomes(read, "Progression-free survival was significantly longer in the cisplatin-paclitaxel group (median, "
                         "18 vs. 13 months; P<0.001).")
    assert [(o.value, o.arm) for o in got] == [(18, ["cisplatin", "paclitaxel"]), (13, None)]


def test_one_group_named_right_before_a_pair_is_the_first_value(read):
    got = outcomes(read, "Median progression-free survival was 11 months in the sunitinib group and 5 months in the "
                         "interferon alfa group. Grade 3 or 4 fatigue was significantly more frequent in the interferon "
                         "alfa group (12% vs. 7%).")
    assert [(o.value, o.arm) for o in got][2:] == [(12, ["interferon alfa"]), (7, ["sunitinib"])]


def test_pharmacokinetic_parameters_named_in_passing(read):
    got = outcomes(read, "Pharmacokinetics were linear, with an elimination half-life of approximately 21 days; clearance "
                         "at these doses was about 3 mL/kg/day.")
    assert {(o.measure, o.value, o.unit) for o in got} == {("elimination half-life", 21, "days"),
                                                          ("clearance", 3, "mL/kg/day")}
    assert outcomes(read, "Rats received 1.0 ml/kg of corn oil daily for 5 days.") == []


def test_psa_endpoints_deaths_from_a_disease_and_reductions_in_a_list(read):
    got = outcomes(read, "Secondary end points included time to prostate-specific antigen (PSA) progression (10.2 vs. 6.6 "
                         "months) and the proportion of patients with a PSA response (29% vs. 6%).")
    assert {(o.measure, o.statistic, o.value) for o in got} == {
        ("time to PSA progression", "median", 10.2), ("time to PSA progression", "median", 6.6),
        ("PSA response", "rate", 29), ("PSA response", "rate", 6)}
    got = outcomes(read, "Statins reduced major vascular events, including reductions in coronary death or non-fatal "
                         "myocardial infarction of 13% (95% CI 7-19) and in coronary revascularisation of 19% (95% CI "
                         "15-24), with fewer deaths from coronary heart disease (RR 0.80, 95% CI 0.74-0.87).")
    assert {(o.measure, o.statistic, o.value) for o in got} == {
        ("coronary death or non-fatal myocardial infarction", "reduction", 13),
        ("coronary revascularisation", "reduction", 19), ("deaths from coronary heart disease", "relative risk", 0.8)}


def test_progression_free_survival_in_the_words_of_news_reports(read):
    got = outcomes(read, "Women in the palbociclib group went a median of 24.8 months before their cancer worsened or "
                         "they died, compared with 14.5 months in the placebo group. Tumors shrank in 42 percent of "
                         "women taking palbociclib.")
    assert {(o.measure, o.value) for o in got} == {("progression-free survival", 24.8), ("progression-free survival", 14.5),
                                                   ("response rate", 42)}


def test_a_higher_risk_its_hazard_ratio_and_a_ci_before_the_measure(read):
    got = outcomes(read, "Regular PPI users had a 44 percent higher risk of developing dementia than people who did not "
                         "take the drugs (hazard ratio 1.44; 95 percent confidence interval, 1.36 to 1.52).")
    assert {(o.measure, o.statistic, o.value) for o in got} == {("risk of developing dementia", "risk increase", 44),
                                                               ("risk of developing dementia", "hazard ratio", 1.44)}
    got = outcomes(read, "At 12 months, 75.8% (95% CI, 69.8 to 81.0) of the patients in the trastuzumab deruxtecan "
                         "group were alive without disease progression, as compared with 34.1% in the trastuzumab "
                         "emtansine group. Roughly 85 percent of patients in the venetoclax group were alive without "
                         "their disease worsening. Drug-related adverse events of grade 3 or 4 occurred in 45.1%.")
    assert {(o.measure, o.value) for o in got} == {
        ("progression-free survival", 75.8), ("progression-free survival", 34.1), ("progression-free survival", 85),
        ("grade 3 or 4 adverse events", 45.1)}


def test_endpoint_triggers_find_what_the_full_alternation_finds():
    """Endpoint names are searched only where a trigger word starts; that must lose nothing."""
    from core_fixtures import ARTICLES

    from extract.outcomes import _ENDPOINT_ONE, endpoint_matches
    from extract.text import split_sentences

    checked = 0
    texts = [p.read_text() for p in sorted(ARTICLES.glob("*.txt"))] + [
        "Sixteen of 49 patients had a response (33%). 44 percent were still alive; the patients responded. Women went "
        "a median of 24.8 months before their cancer worsened. The elimination half-life (t1/2) was 21 days; the PSA "
        "response rate was 29%; time to prostate-specific antigen (PSA) progression was 10.2 months."]
    for text in texts:
        for s in split_sentences(text):
            sent = text[s.start:s.end]
            expected = [(m.start(), m.end(), m.lastgroup) for m in _ENDPOINT_ONE.pattern.finditer(sent)]
            assert [(m.start(), m.end(), m.lastgroup) for m in endpoint_matches(sent)] == expected, sent
            checked += len(expected)
    assert checked > 100


def test_chemotherapy_is_the_papers_one_chemotherapy_doublet(read):
    got = outcomes(read, "Median progression-free survival was 5.7 months with gefitinib and 5.8 months with "
                         "carboplatin-paclitaxel. The objective response rate was 43.0% with gefitinib and 32.2% with "
                         "chemotherapy (P<0.001).")
    assert [(o.value, o.arm) for o in got][2:] == [(43.0, ["gefitinib"]), (32.2, ["carboplatin", "paclitaxel"])]


def test_responders_by_a_threshold_keep_the_threshold_in_the_measure(read):
    text = ("Participants were randomly assigned to semaglutide or placebo. At week 68, weight reductions of 5% or more "
            "occurred in 86.4% vs. 31.5% of participants, and reductions of 10% or more in 69.1% vs. 12.0%.")
    got = {(o.measure, o.value) for o in outcomes(read, text)}
    assert got == {("weight reductions of 5% or more", 86.4), ("weight reductions of 5% or more", 31.5),
                   ("reductions of 10% or more", 69.1), ("reductions of 10% or more", 12.0)}


def test_a_measured_loss_is_no_threshold(read):
    # "a mean loss of 72%" states the value; only "of N% or more" / "of at least N%" define responders
    names = {o.measure for o in outcomes(read, "Platelet counts fell, with a mean loss of 72% in 58% of patients.")}
    assert not any("72%" in n for n in names)


def test_the_second_measurement_of_a_pair_is_a_value_too(read):
    text = ("The mean change in body weight was -15.3 kg with semaglutide and -2.6 kg with placebo (estimated difference, "
            "-12.7 kg; 95% CI, -13.7 to -11.7).")
    got = {(o.value, o.unit, tuple(o.arm or ()), o.ci_low) for o in outcomes(read, text)}
    assert (-15.3, "kg", ("semaglutide",), None) in got and (-2.6, "kg", ("placebo",), None) in got
    assert (-12.7, "kg", (), -13.7) in got


def test_events_that_led_to_discontinuation_count_the_discontinuations(read):
    got = {(o.measure, o.value) for o in outcomes(
        read, "Adverse events leading to treatment discontinuation occurred in 12% of patients.")}
    assert got == {("discontinuation due to adverse events", 12)}


@pytest.mark.parametrize("text, measure", [
    ("COVID-19-related hospitalization or death from any cause through day 28 occurred in 0.77% of patients.",
     "covid-19-related hospitalization or death from any cause"),
    ("Fluoroquinolone use was associated with an increased risk of aortic aneurysm or dissection (hazard ratio 1.66, "
     "95% confidence interval 1.12 to 2.46).", "aortic aneurysm or dissection"),
])
def test_a_composite_endpoint_is_one_measure(read, text, measure):
    assert {o.measure for o in outcomes(read, text)} == {measure}


def test_a_bare_risk_is_the_endpoint_named_before(read):
    text = ("Hospitalization or death from any cause occurred in 0.8% of the nirmatrelvir group and 7.0% of the placebo "
            "group. The risk was lower by 6.32 percentage points (95% confidence interval, 3.59 to 9.04).")
    (diff,) = [o for o in outcomes(read, text) if o.value == 6.32]
    assert diff.measure == "hospitalization or death from any cause"


def test_a_substance_measured_and_never_given_is_no_arm(read):
    text = "Mean serum creatinine level before conversion was 2.21 mg/dL and thereafter, 4.93 mg/dL (P = 0.02)."
    got = {(o.value, o.arm) for o in outcomes(read, text)}
    assert got == {(2.21, None), (4.93, None)}


def test_a_fold_change_is_of_what_the_verb_changed(read):
    text = ("Ketoconazole and itraconazole increased the area under the midazolam plasma concentration-time curve (AUC) "
            "15-fold and 10-fold, respectively (P<0.001), and increased the peak plasma concentration (Cmax) of "
            "midazolam 4-fold and 3-fold, respectively.")
    got = {(o.measure, o.value) for o in outcomes(read, text)}
    assert got == {("area under the midazolam plasma concentration-time curve", 15),
                   ("area under the midazolam plasma concentration-time curve", 10),
                   ("peak plasma concentration of midazolam", 4), ("peak plasma concentration of midazolam", 3)}


def test_their_proportion_is_of_the_cells_named_before(read):
    text = ("Salinomycin selectively kills breast cancer stem cells (CSCs) and lowered their proportion more than "
            "100-fold compared with paclitaxel.")
    assert {(o.measure, o.value) for o in outcomes(read, text)} == {("proportion of CSCs", 100)}


def test_a_passive_fold_change_is_not_of_an_adverb(read):
    text = "The risk of renal papillary necrosis was increased nearly 20-fold by consumption of phenacetin."
    assert "nearly" not in {o.measure for o in outcomes(read, text)}


def test_a_threshold_keeps_its_scale(read):
    text = ("An improvement of at least 75% in the Eczema Area and Severity Index (EASI-75) at week 16 was achieved "
            "by 51% of patients in the dupilumab group versus 15% in the placebo group.")
    assert {o.measure for o in outcomes(read, text)} == {
        "improvement of at least 75% in the eczema area and severity index"}


def test_examples_after_chiefly_are_not_the_measure(read):
    text = ("Grade 3 or 4 adverse events, chiefly hypercholesterolemia and hypertriglyceridemia, occurred in 72% of "
            "patients receiving lorlatinib and 56% of those receiving crizotinib.")
    assert {(o.measure, o.value) for o in outcomes(read, text)} == {
        ("grade 3 or 4 adverse events", 72), ("grade 3 or 4 adverse events", 56)}


def test_odds_ratios_for_a_condition_and_the_bare_ones_after_them(read):
    text = ("More than 1 year of PPI therapy was associated with an adjusted odds ratio (OR) for hip fracture of 1.44 "
            "(95% CI, 1.30-1.59). The risk was markedly increased in patients prescribed long-term high-dose PPIs (OR, "
            "2.65; 95% CI, 1.80-3.90). The association strengthened with duration: the adjusted OR was 1.22 (95% CI, "
            "1.15-1.30) after 1 year.")
    got = {(o.measure, o.statistic, o.value, o.ci_low) for o in outcomes(read, text)}
    assert got == {("hip fracture", "odds ratio", 1.44, 1.30), ("hip fracture", "odds ratio", 2.65, 1.80),
                   ("hip fracture", "odds ratio", 1.22, 1.15)}


@pytest.mark.parametrize("text, expected", [
    ("At 12 months, the rate of radiographic progression-free survival was 65% with enzalutamide and 14% with placebo.",
     {("radiographic progression-free survival", 65), ("radiographic progression-free survival", 14)}),
    ("After the 10 mg dose, the geometric mean Cmax was 175 ng/mL and the AUC from time zero to infinity was "
     "2180 ng·h/mL.", {("cmax", 175), ("auc from time zero to infinity", 2180)}),
    ("Kaplan-Meier estimates of mortality by day 29 were 11.4% with remdesivir and 15.2% with placebo.",
     {("mortality by day 29", 11.4), ("mortality by day 29", 15.2)}),
    ("Enzalutamide more often produced a decline in prostate-specific antigen (PSA) of 50% or more (78% vs. 3%).",
     {("decline in PSA of 50% or more", 78), ("decline in PSA of 50% or more", 3)}),
    ("The least-squares mean reduction in alkaline phosphatase was 113 U per liter in the treated group versus 14 U per "
     "liter with placebo.", {("reduction in alkaline phosphatase", 113), ("reduction in alkaline phosphatase", 14)}),
])
def test_pharmacokinetic_and_laboratory_measures_as_trials_report_them(read, text, expected):
    assert {(o.measure, o.value) for o in outcomes(read, text)} == expected


RELY = ("Patients with atrial fibrillation were randomly assigned to dabigatran (110 mg or 150 mg twice daily) or "
        "adjusted-dose warfarin. The primary outcome was stroke or systemic embolism. Rates of the primary outcome "
        "were 1.69% per year in the warfarin group, as compared with 1.53% per year with 110 mg of dabigatran. "
        "The rate of major bleeding was 3.36% per year with warfarin. Hemorrhagic stroke occurred at 0.38% per year "
        "with warfarin versus 0.12% per year with 110 mg (P<0.001) and 0.10% per year with 150 mg (P<0.001).")


def test_annual_rates_keep_their_unit_and_their_arm(read):
    got = {(o.measure, o.value): (o.unit, o.arm) for o in outcomes(read, RELY)}
    assert got[("hemorrhagic stroke", 0.38)] == ("% per year", ["warfarin"])
    # an arm named by its dose alone is the arm given that dose
    assert got[("hemorrhagic stroke", 0.12)] == ("% per year", ["dabigatran"])
    assert got[("hemorrhagic stroke", 0.1)] == ("% per year", ["dabigatran"])


def test_the_primary_outcome_named_by_its_rank_is_the_one_defined(read):
    got = {(o.measure, o.value, tuple(o.arm or ())) for o in outcomes(read, RELY)}
    assert ("stroke or systemic embolism", 1.69, ("warfarin",)) in got
    assert ("stroke or systemic embolism", 1.53, ("dabigatran",)) in got


def test_the_primary_outcome_spelled_out_in_parentheses_stays_the_primary_outcome(read):
    (o,) = outcomes(read, "The primary outcome was a composite of worsening heart failure (hospitalization or an urgent "
                          "visit) or cardiovascular death. The primary outcome occurred in 16.3% of the patients.")
    assert o.measure == "primary outcome"


def test_how_severe_the_events_were_is_part_of_the_measure(read):
    got = {(o.measure, o.value) for o in outcomes(read, RELY + " Serious infections occurred in 5% of the patients.")}
    assert ("major bleeding", 3.36) in got and ("serious infections", 5) in got


def test_a_score_without_a_unit_is_read_with_its_arms(read):
    got = {(o.measure, o.value, tuple(o.arm or ())) for o in outcomes(read, (
        "At week 8, the mean unadjusted leg-pain intensity score was 3.7 in the pregabalin group and 3.1 in the placebo "
        "group (adjusted mean difference, 0.5; 95% confidence interval [CI], -0.2 to 1.2; P=0.19). At week 52, the "
        "scores were 3.4 and 3.0, respectively."))}
    assert got >= {("leg-pain intensity", 3.7, ("pregabalin",)), ("leg-pain intensity", 3.1, ("placebo",)),
                   ("leg-pain intensity", 3.4, ("pregabalin",)), ("leg-pain intensity", 3.0, ("placebo",))}


def test_a_bare_number_without_a_score_is_no_outcome(read):
    assert not outcomes(read, "The mean age was 54 in the pregabalin group and 56 in the placebo group.")


def test_antiviral_response_endpoints_and_a_treatment_duration(read):
    got = {(o.measure, o.value, o.unit) for o in outcomes(read, (
        "Patients were randomly assigned to 48 weeks of peginterferon alfa-2b plus ribavirin. The CC genotype was "
        "associated with higher SVR rates than the CT and TT genotypes (69% vs 33% vs 27%)."))}
    assert got == {("sustained virologic response", v, "%") for v in (69, 33, 27)}  # (not "48 weeks")


def test_a_change_in_points_of_a_named_scale(read):
    got = {(o.measure, o.value, o.unit, o.statistic, tuple(o.arm or ())) for o in outcomes(read, (
        "The Clinical Dementia Rating-Sum of Boxes score rose by 1.21 points with lecanemab and by 1.66 points with "
        "placebo, a difference of 0.45 points (95% confidence interval, 0.23 to 0.67)."))}
    name = "clinical dementia rating-sum of boxes score"
    assert got == {(name, 1.21, "points", None, ("lecanemab",)), (name, 1.66, "points", None, ("placebo",)),
                   (name, 0.45, "points", "difference", ())}


def test_a_point_scale_is_no_value(read):
    assert not outcomes(read, "Efficacy was evaluated using the Patient Global Assessment of Disease Status (0-4 point scale).")


def test_bare_ratios_after_one_written_in_full_are_of_the_same_kind(read):
    got = outcomes(read, (
        "Benzodiazepine ever use was associated with an increased risk of Alzheimer's disease (adjusted odds ratio "
        "1.51, 95% confidence interval 1.36 to 1.69); further adjustment did not alter this result (1.43, 1.28 to "
        "1.60). The association increased with exposure density (1.32, 1.01 to 1.74 for 91-180 doses and 1.84, 1.62 "
        "to 2.08 for more than 180 doses)."))
    assert {(o.statistic, o.value, o.ci_low, o.ci_high) for o in got} == {
        ("odds ratio", 1.51, 1.36, 1.69), ("odds ratio", 1.43, 1.28, 1.6), ("odds ratio", 1.32, 1.01, 1.74),
        ("odds ratio", 1.84, 1.62, 2.08)}
    assert {o.measure for o in got} == {"alzheimer's disease"}


def test_a_bare_value_with_its_interval_but_no_ratio_before_is_no_outcome(read):
    assert not outcomes(read, "Scores were stable over time (1.43, 1.28 to 1.60).")


def test_ratios_listed_with_what_each_is_for(read):
    got = outcomes(read, "High use of hydrochlorothiazide was associated with adjusted ORs of 1.29 (95% CI, 1.23-1.35) "
                         "for BCC and 3.98 (95% CI, 3.68-4.31) for SCC.")
    assert {(o.measure, o.statistic, o.value, o.ci_low, o.ci_high) for o in got} == {
        ("BCC", "odds ratio", 1.29, 1.23, 1.35), ("SCC", "odds ratio", 3.98, 3.68, 4.31)}


def test_a_ratio_for_a_subgroup_is_not_of_the_subgroup(read):
    got = outcomes(read, "Among women who used oral contraceptives, the odds ratio for myocardial infarction was 2.1 "
                         "(95 percent confidence interval, 1.5 to 3.0) for those without a prothrombotic mutation.")
    assert all(not o.measure.startswith("those") for o in got)


def test_a_potency_and_its_values(read):
    got = outcomes(read, "MCC950 blocked NLRP3 activation, with a half-maximal inhibitory concentration (IC50) of "
                         "approximately 7.5 nM in mouse bone marrow-derived macrophages (BMDMs) and 8.1 nM in human "
                         "monocyte-derived macrophages.")
    assert {(o.measure, o.value, o.unit) for o in got} == {("IC50", 7.5, "nM"), ("IC50", 8.1, "nM")}
    assert not read("MCC950 was given at 7.5 nM to macrophages.").outcomes  # (a concentration alone is no outcome)


def test_orr_is_the_response_rate_the_paper_defines(read):
    got = outcomes(read, "Objective response rate (ORR) was the primary end point. Patients with T790M detected in plasma "
                         "had an ORR of 63%.")
    assert {(o.measure, o.value) for o in got} == {("objective response rate", 63)}


def test_a_response_of_one_kind_keeps_its_kind(read):
    got = outcomes(read, "A spleen response occurred in 36% of patients given fedratinib and 1% of those given placebo. "
                         "The symptom response rate was 34%.")
    assert {(o.measure, o.value) for o in got} == {("spleen response", 36), ("spleen response", 1),
                                                   ("symptom response rate", 34)}


def test_time_to_a_first_event_and_rate_ratios(read):
    got = {(o.measure, o.statistic, o.value) for o in outcomes(read, (
        "The time to the first exacerbation was longer with brensocatib than with placebo (hazard ratio, 0.58; 95% "
        "confidence interval [CI], 0.35 to 0.95). The annualized rate of exacerbations was lower with brensocatib "
        "than with placebo (rate ratio, 0.64; 95% CI, 0.42 to 0.98)."))}
    assert got == {("time to the first exacerbation", "hazard ratio", 0.58),
                   ("annualized rate of exacerbations", "rate ratio", 0.64)}


def test_a_composite_named_whole(read):
    got = outcomes(read, "A composite of TTP-related death, recurrence of TTP or a major thromboembolic event during the "
                         "treatment period occurred in 12% of patients in the caplacizumab group and in 49% of those in "
                         "the placebo group.")
    assert {o.measure for o in got} == {"composite of ttp-related death, recurrence of ttp or a major thromboembolic event"}


def test_an_incidence_rate_per_person_years(read):
    got = outcomes(read, "During follow-up, 278 deaths (23.5 per 1000 person-years) occurred in the tramadol cohort.")
    assert {(o.measure, o.value, o.unit) for o in got} == {("death", 23.5, "per 1000 person-years")}


def test_a_disease_incidence_names_the_measure(read):
    got = outcomes(read, "Statins had no effect on deaths from cancer (RR 0.97, 95% CI 0.92-1.03) or on cancer incidence "
                         "(RR 1.00, 95% CI 0.96-1.04), nor on stroke mortality (RR 0.96, 95% CI 0.84-1.09).")
    assert {(o.measure, o.value) for o in got} == {("deaths from cancer", 0.97), ("cancer incidence", 1.0),
                                                   ("stroke mortality", 0.96)}


def test_binding_affinities_are_outcomes(read):
    got = outcomes(read, "NRA0160 binds D4 receptors with Ki values of 0.5, 0.9 and 2.7 nM, and the D3 receptor weakly "
                         "(Ki=39 nM). JQ1 bound BRD4 with dissociation constants of approximately 50 nM and 90 nM.")
    assert {(o.measure, o.value, o.unit) for o in got} == {("Ki", 0.5, "nM"), ("Ki", 0.9, "nM"), ("Ki", 2.7, "nM"),
                                                           ("Ki", 39.0, "nM"), ("Kd", 50.0, "nM"), ("Kd", 90.0, "nM")}
    # Ki-67 is a marker, not an inhibition constant
    assert all(o.measure != "Ki" for o in outcomes(read, "Ki-67 of 12 nM-treated tumours fell."))


def test_a_composite_named_before_had_occurred(read):
    got = outcomes(read, "At 12 months, the primary end point, a composite of death from vascular causes, myocardial "
                         "infarction, or stroke, had occurred in 9.8% of patients receiving ticagrelor as compared with "
                         "11.7% of those receiving clopidogrel.")
    assert {o.measure for o in got} == {"composite of death from vascular causes, myocardial infarction, or stroke"}


def test_scores_of_the_scale_named_in_the_sentence_before(read):
    got = outcomes(read, "Symptoms were scored on the Scale for the Assessment of Positive Symptoms adapted for "
                         "Parkinson's disease (SAPS-PD). Scores fell by an average of 5.79 points with pimavanserin and "
                         "2.73 points with placebo.")
    assert {(o.measure, o.value) for o in got} == {("SAPS-PD", 5.79), ("SAPS-PD", 2.73)}


def test_counts_of_people_an_event_happened_to(read):
    got = outcomes(read, "Tumor lysis syndrome occurred in 3 patients. ESRD developed in 43 and 51 patients, respectively. "
                         "Five patients had a partial response and 27 had stable disease.")
    assert {(o.measure, o.value, o.unit, o.statistic) for o in got} == {
        ("tumor lysis syndrome", 3, "patients", "count"), ("esrd", 43, "patients", "count"),
        ("esrd", 51, "patients", "count"), ("partial response", 5, "patients", "count"),
        ("stable disease", 27, "patients", "count")}
    # a share given beside the count is the value; a denominator is no count
    got = outcomes(read, "Serious adverse events were reported in 131 of 532 patients (24.6%) who received remdesivir and "
                         "in 163 of 516 patients (31.6%) who received placebo. Ten (26%) of 39 patients had an objective "
                         "response.")
    assert {o.value for o in got} == {24.6, 31.6, 26}


def test_what_fewer_patients_had_is_the_measure(read):
    got = outcomes(read, "Significantly fewer fidaxomicin-treated patients had a recurrence of infection, both in the "
                         "modified intention-to-treat analysis (15.4% vs. 25.3%, P=0.005) and in the per-protocol analysis "
                         "(13.3% vs. 24.0%, P=0.004).")
    assert {(o.measure, o.value) for o in got} == {("recurrence of infection", v) for v in (15.4, 25.3, 13.3, 24.0)}


def test_the_drug_after_a_measure_is_its_arm(read):
    got = outcomes(read, "Patients received fidaxomicin or vancomycin. Clinical cure rates with fidaxomicin were "
                         "noninferior to those with vancomycin (88.2% vs. 85.8%).")
    assert {(o.measure, o.value) for o in got} == {("clinical cure rates", 88.2), ("clinical cure rates", 85.8)}
    # an event class with its qualifier and grade
    got = outcomes(read, "Grade 3 or 4 immune-related adverse events occurred in 10.2% of patients.")
    assert [o.measure for o in got] == ["grade 3 or 4 immune-related adverse events"]


def test_changes_counted_in_days_and_points(read):
    got = outcomes(read, "Migraine days were reduced by 3.2 days in the 70-mg group, as compared with 1.8 days in the placebo "
                         "group. Days of use of acute migraine-specific medication fell by 1.1 and 1.6 days with erenumab, "
                         "versus 0.2 days with placebo.")
    assert {(o.measure, o.value, o.unit) for o in got} == {
        ("migraine days", 3.2, "days"), ("migraine days", 1.8, "days"),
        ("days of use of acute migraine-specific medication", 1.1, "days"),
        ("days of use of acute migraine-specific medication", 1.6, "days"),
        ("days of use of acute migraine-specific medication", 0.2, "days")}


def test_ratios_named_by_what_they_are_of(read):
    got = outcomes(read, "The age-adjusted relative risk of atypical fracture with bisphosphonate use was 47.3 (95% confidence "
                         "interval [CI], 25.6 to 87.3) in the cohort analysis. Bisphosphonates were being taken by 78% of the "
                         "case patients and 10% of the controls (multivariable-adjusted odds ratio, 33.3; 95% CI, 14.3 to "
                         "77.8). The duration of use influenced the risk (odds ratio per 100 daily doses, 1.3; 95% CI, 1.1 "
                         "to 1.6).")
    assert {(o.measure, o.statistic, o.value) for o in got} >= {
        ("atypical fracture", "relative risk", 47.3), ("atypical fracture", "odds ratio", 33.3),
        ("atypical fracture", "odds ratio", 1.3)}


def test_an_event_rate_in_events(read):
    got = outcomes(read, "The annualized bleeding rate was 2.9 events (95% CI, 1.7 to 5.0) among the 35 patients assigned to "
                         "emicizumab, compared with 23.3 events (95% CI, 12.3 to 43.9) among the 18 patients who received no "
                         "prophylaxis - an 87% reduction (P<0.001).")
    assert {(o.measure, o.value, o.unit) for o in got} == {
        ("annualized bleeding rate", 2.9, "events"), ("annualized bleeding rate", 23.3, "events"),
        ("annualized bleeding rate", 87, "%")}
    # per person-time, the unit is the incidence rate's; events no rate is named for are not read
    got = outcomes(read, "The annual event rate was 8.6 events per 1000 person-years in the aspirin group.")
    assert [(o.measure, o.value, o.unit) for o in got] == [("annual event rate", 8.6, "per 1000 person-years")]
    assert not outcomes(read, "The composite end point favored tolvaptan (44 vs. 50 events per 100 follow-up-years).")


def test_what_a_share_of_people_had_is_its_measure(read):
    got = outcomes(read, "In a prespecified interim analysis, 41% of infants in the nusinersen group had a motor-milestone "
                         "response on the Hammersmith Infant Neurological Examination, compared with 0% of infants in the "
                         "control group (P<0.001).")
    assert {(o.measure, o.value) for o in got} == {("motor-milestone response", 41), ("motor-milestone response", 0)}
