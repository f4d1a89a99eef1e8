"""Study facts: registry ids, phase, design, patient numbers (also in words), condition."""

import pytest

from core_fixtures import extractor, read  # noqa: F401  (fixtures)


def study(read, text):
    x = read(text)
    return x.studies[0] if x.studies else None


@pytest.mark.parametrize("text,n", [
    ("The phase 2 trial included 15 patients with relapsed sarcoma.", 15),
    ("Fifteen patients were enrolled in this phase II trial.", 15),
    ("A total of 410 patients were randomized to everolimus (n=207) or placebo (n=203).", 410),
    ("In total, 1,200 patients were randomly assigned.", 1200),
    ("The adaptive procedure assigned 73 patients to the combination. Of 122 randomized patients, 119 were assessable.",
     122),
    ("Carboplatin was given every 21 days to women with ovarian cancer. To date, 30 previously untreated patients "
     "have been entered into this ongoing phase I study.", 30),
    ("Sixty-seven of 926 patients (7.2%) required discontinuation of spironolactone.", 926),
    ("Of 162 patients screened, 65 (40%) had PD-L1-positive tumours; 39 were enrolled. Four patients (10%) had a "
     "grade 3 or 4 treatment-related adverse event.", 39),
    # the count under a PATIENTS heading, not an arm's denominator
    ("DESIGN: Retrospective analysis of a randomized phase II trial. PATIENTS: Seventy men, aged 50-80 years, with "
     "prostate cancer. RESULTS: None of 23 patients who received docetaxel alone developed VTE, whereas 9 of 47 "
     "patients (19%) who received docetaxel plus thalidomide developed VTE.", 70),
    # events in patients of one group are no enrolment
    ("Seventy-five patients were randomized to zidovudine alone (group I) or with folinic acid (group II). Severe "
     "toxicity occurred in 4 patients assigned to group I and 7 assigned to group II.", 75),
])
def test_number_of_patients(read, text, n):
    assert study(read, text).n_patients == [n]


def test_a_phase_number_is_no_count(read):
    st = study(read, "We conducted a phase 3 trial involving patients with breast cancer.")
    assert (st.phase, st.n_patients) == ("3", [])


@pytest.mark.parametrize("text", [
    "A phase 2 study showed longer survival with palbociclib. We performed a phase 3 trial to confirm it.",
    "Based on a previous phase 2 trial of palbociclib, this phase 3 trial enrolled 666 women.",
])
def test_the_papers_own_phase_wins_over_a_cited_one(read, text):
    assert study(read, text).phase == "3"


def test_an_adverse_event_is_no_condition_studied(read):
    st = study(read, "Twenty-one patients were treated in this phase I study. DLTs included grade 4 thrombocytopenia. "
                     "The most common adverse events were thrombocytopenia (71%) and fatigue (52%).")
    assert st.conditions == []
    # far down the list of the most common adverse effects
    st = study(read, "Flumazenil was assessed in a double-blind multicenter study. The most common adverse effects "
                     "were nausea and vomiting in the flumazenil group and nausea and injection-site pain in the "
                     "placebo group.")
    assert st.conditions == []


def test_subgroups_are_not_the_enrolment(read):
    st = study(read, "The phase 2 trial included 15 patients with sarcoma. In this cohort, 9 patients previously "
                     "had been treated with doxorubicin.")
    assert st.n_patients == [15]


@pytest.mark.parametrize("text,phase", [
    ("a phase 2 trial", "2"), ("a phase II study", "2"), ("a phase III trial", "3"),
    ("a phase 1b/2 study", "1b/2"), ("a phase I/II trial", "1/2"),
])
def test_phase(read, text, phase):
    assert study(read, f"This was {text} of temsirolimus.").phase == phase


def test_registry_id_design_and_condition(read):
    st = study(read, "In this randomized, double-blind, placebo-controlled phase 3 study (ClinicalTrials.gov number, "
                     "NCT00510068), 410 patients with advanced pancreatic neuroendocrine tumors were enrolled.")
    assert st.trial_ids == ["NCT00510068"]
    assert st.design.startswith("randomized, double-blind")
    assert "placebo-controlled" in st.design
    assert st.conditions == ["pancreatic neuroendocrine tumors"]


def test_preclinical_study_has_no_phase_or_patients(read):
    st = study(read, "In vitro and in mouse xenograft models, disulfiram suppressed 12 tumors in mice.")
    assert st.phase is None and st.n_patients == [] and st.design.startswith("preclinical")


@pytest.mark.parametrize("text, n", [
    ("We conducted a 12-month controlled trial of mazindol in 83 boys with Duchenne dystrophy.", 83),
    ("Subjects were 1210 inpatients with heart failure.", 1210),
    ("Twelve healthy volunteers were randomized to receive the drug or placebo.", 12),
])
def test_boys_inpatients_and_volunteers_are_counted(read, text, n):
    (study,) = read(text).studies
    assert study.n_patients == [n]


def test_a_non_randomised_study_is_not_randomized(read):
    (study,) = read("A non-randomised clinical study of 164 patients aged 65 years or more.").studies
    assert "randomized" not in (study.design or "")


def test_a_clinical_study_that_cites_in_vitro_work_counts_its_subjects(read):
    (study,) = read("In vitro work has demonstrated that cinacalcet inhibits CYP2D6. Seventeen subjects who were "
                    "genotyped as extensive metabolizers were enrolled in this randomized, crossover study.").studies
    assert study.n_patients == [17] and "preclinical" not in (study.design or "")


def test_a_crossover_study_in_volunteers_that_cites_laboratory_work_is_no_preclinical_study(read):
    (study,) = read("Tizanidine is metabolized by CYP1A2 in vitro. In a randomized, double-blind, two-phase crossover "
                    "study, 10 healthy volunteers took 100 mg fluvoxamine or placebo orally once daily for 4 days.").studies
    assert study.n_patients == [10] and study.design == "randomized, double-blind, crossover"


@pytest.mark.parametrize("text, n", [
    ("Adults with moderate asthma (n = 412) were randomly assigned to budesonide or placebo.", [412]),
    ("Treatment-naive patients with chronic hepatitis C virus (HCV) infection who consented to genetic testing "
     "(n=1604) were genotyped at rs12979860.", [1604]),
    ("Patients in the placebo group (n = 120) were treated with saline.", []),  # (a group's size)
])
def test_the_people_described_and_their_number_in_parentheses(read, text, n):
    assert [s.n_patients for s in read(text).studies] in ([n], [] if not n else [n])


def test_patients_with_no_symptom_do_not_name_the_condition(read):
    st = study(read, "Rizatriptan was tested in migraine. It was superior in the proportions of patients with no "
                     "nausea, vomiting or photophobia.")
    assert st.conditions == ["migraine"]


def test_crossing_over_to_the_other_arm_is_no_crossover_design(read):
    st = study(read, "In this randomized phase 3 trial, crossover from the chemotherapy group to the pembrolizumab "
                     "group was permitted.")
    assert "crossover" not in st.design


def test_only_a_cited_trials_phase_is_not_the_papers(read):
    st = study(read, "Azacitidine added to venetoclax had promising efficacy in a previous phase 1b study. We randomly "
                     "assigned 431 patients with acute myeloid leukemia.")
    assert st.phase is None


@pytest.mark.parametrize("text, design", [
    ("None of the studies was randomized, and only one was prospective. Further randomized studies are needed.", None),
    ("Nor are there any prospective randomized, controlled trials of anti-adenovirus therapies. A large, multicenter "
     "clinical trial of potentially useful therapies, such as intravenous ribavirin, is clearly required.", None),
    ("We included prospective, randomised studies of dexmedetomidine. A randomised placebo-controlled trial of "
     "dexmedetomidine is warranted.", "randomized"),
])
def test_a_design_of_studies_missing_or_wished_for_is_not_the_papers(read, text, design):
    assert [st.design for st in read(text).studies] in ([design], [] if design is None else [design])


def test_what_a_drug_is_for_said_in_passing_is_no_condition_studied(read):
    x = read("Metformin selectively targets cancer stem cells.\n\nHere we show that metformin, a standard drug for "
             "diabetes, selectively kills cancer stem cells in four types of breast cancer.")
    assert [st.conditions for st in x.studies] in ([], [["breast cancer"]])
    assert "diabetes" not in {c for st in x.studies for c in st.conditions}


def test_an_adverse_event_counted_in_patients_is_no_condition_studied(read):
    x = read("Pharmacokinetics of busulfan in children.\n\nTwenty-four children received intravenous busulfan 0.8 mg/kg "
             "every 6 hours. Hepatic veno-occlusive disease occurred in 3 patients (12.5%) and seizures in none.")
    assert [st.conditions for st in x.studies] == [[]]


@pytest.mark.parametrize("text, n", [
    ("Seventy-five human immunodeficiency virus (HIV)-infected patients were enrolled.", 75),
    ("A total of 48 consecutive, previously untreated patients were included.", 48),
])
def test_a_count_that_opens_the_sentence_with_many_words_before_patients(read, text, n):
    assert [st.n_patients for st in read(text).studies] == [[n]]


def test_a_process_such_as_metastasis_is_a_weaker_condition_than_a_disease(read):
    x = read("Identification of selective inhibitors of cancer stem cells by high-throughput screening.\n\nCancer stem "
             "cells are thought to drive tumor recurrence and metastasis. Salinomycin reduced the proportion of breast "
             "CSCs by more than 100-fold relative to paclitaxel, a commonly used breast cancer chemotherapeutic drug.")
    assert [st.conditions for st in x.studies] == [["breast cancer"]]


def test_a_count_whose_people_are_described_before_they_were_randomized(read):
    text = ("In this phase 2/3 trial, 2246 symptomatic, nonhospitalized adults with confirmed SARS-CoV-2 infection and at "
            "least one risk factor were randomly assigned to nirmatrelvir or placebo. In a planned interim analysis of "
            "774 patients, the primary outcome occurred in 0.77% of patients.")
    (study,) = read(text).studies
    assert study.n_patients == [2246]


def test_other_registries_numbers_are_trial_ids(read):
    st = read("The TICH-2 trial (ISRCTN93732214) randomised 2325 adults with intracerebral haemorrhage. It was "
              "registered with ACTRN12613000530729 and NCT01234567.").studies[0]
    assert st.trial_ids == ["ISRCTN93732214", "ACTRN12613000530729", "NCT01234567"]


@pytest.mark.parametrize("text,n", [
    ("RESULTS: A total of 88 902 patients (mean age, 70.2 years) were included.", 88902),  # digits grouped by spaces
    # a number before a word other than the people's is no count of them
    ("Patients with genotype 1, 2, 4 or 6 infection, including patients with cirrhosis, were randomly assigned. "
     "Of the 740 patients enrolled, 624 received the drug.", 740),
    ("The trial was done at 107 centres in 16 countries; adults with focal seizures were randomly assigned. "
     "Findings: 437 patients were randomly assigned.", 437),
    ("Three trials were run. All three were randomized. In total, 1139 patients were enrolled.", 1139),
])
def test_the_count_of_people_enrolled(read, text, n):
    assert read(text).studies[0].n_patients == [n]
