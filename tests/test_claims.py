"""Mechanism and biomarker claims with certainty (a NegEx-style table of sentences)."""

import pytest

from extract.records import Certainty

from core_fixtures import extractor, read  # noqa: F401  (fixtures)


def claims(read, text, kind="mechanism"):
    return {(c.subject, c.relation, c.object, c.certainty.value) for c in read(text).claims if c.kind == kind}


@pytest.mark.parametrize("text,expected", [
    ("Patients received the mTOR inhibitor temsirolimus.", ("temsirolimus", "inhibits", "mTOR", "stated")),
    ("Temsirolimus, a selective inhibitor of the mammalian target of rapamycin (mTOR) kinase, was tested.",
     ("temsirolimus", "inhibits", "mTOR", "stated")),
    ("Olaratumab, a human monoclonal antibody directed against PDGFRα, was added.",
     ("olaratumab", "targets", "PDGFRα", "stated")),
    ("Everolimus extended median progression-free survival to 11.0 months.",
     ("everolimus", "improves", "progression-free survival", "stated")),
    ("The drug did not significantly prolong overall survival in patients treated with ridaforolimus.",
     ("ridaforolimus", "improves", "overall survival", "negated")),
    ("Researchers are proposing a mechanism by which mTOR inhibition enhances the efficacy of chemotherapy.",
     ("mTOR inhibition", "enhances", "efficacy of chemotherapy", "hypothesis")),
    ("Activation of the mTOR pathway is thought to contribute to resistance to endocrine therapy.",
     ("activation of the mTOR pathway", "contributes to", "resistance to endocrine therapy", "hypothesis")),
    ("Loss of E-cadherin triggered an epithelial-to-mesenchymal transition.",
     ("loss of E-cadherin", "triggers", "epithelial-to-mesenchymal transition", "stated")),
])
def test_mechanisms(read, text, expected):
    assert expected in claims(read, text)


def test_coordinated_objects_and_shared_heads(read):
    got = claims(read, "Adding olaratumab to doxorubicin prolonged both progression-free and overall survival.")
    assert ("olaratumab plus doxorubicin", "improves", "progression-free survival", "stated") in got
    assert ("olaratumab plus doxorubicin", "improves", "overall survival", "stated") in got


def test_endpoint_that_did_not_differ_is_a_negated_claim(read):
    got = claims(read, "Pazopanib was compared with placebo. Overall survival did not differ significantly between the arms.")
    assert ("pazopanib", "improves", "overall survival", "negated") in got


def test_biomarker_correlation(read):
    got = claims(read, "The researchers found a correlation between response and decreased aldehyde dehydrogenase "
                       "(ALDH) expression.", kind="biomarker")
    assert got == {("ALDH", "associated with", "response", "stated")}


def test_hyphenated_causes_name_one_drug_and_one_effect(read):
    """"X (ABBR)-induced Y, Z-induced W": each drug its own effect; never a drug or the animals as an effect."""
    got = claims(read, "GSPE was tested to prevent acetaminophen (AAP)-induced nephrotoxicity, amiodarone (AMI)-induced "
                       "lung toxicity, and doxorubicin (DOX)-induced cardiotoxicity in isoproterenol-induced rats.")
    induced = {(subj, obj) for subj, rel, obj, _ in got if rel == "induces"}
    assert induced == {("acetaminophen", "nephrotoxicity"), ("amiodarone", "lung toxicity"),
                       ("doxorubicin", "cardiotoxicity")}


def test_association_sides_end_at_the_verb(read):
    got = claims(read, "The correlation between neuropathic damage and inhibition of neuropathy target esterase (NTE) "
                       "was examined in rats exposed to mipafox.", kind="biomarker")
    assert got and all(len(subj.split()) <= 8 and len(obj.split()) <= 8 and "examined" not in subj + obj
                       for subj, _, obj, _ in got)


def test_biomarker_not_associated_is_negated(read):
    got = claims(read, "ALDH expression was not associated with response.", kind="biomarker")
    assert got == {("ALDH", "associated with", "response", "negated")}


def test_biomarker_change_with_treatment(read):
    x = read("In culture, DSF/Cu markedly lowered expression of Sox2, Oct-4 and Nanog.")
    got = {(c.subject, c.change, c.object) for c in x.claims if c.kind == "biomarker"}
    assert got == {("Sox2", "decreased", "disulfiram/copper complex"), ("Oct-4", "decreased", "disulfiram/copper complex"),
                   ("Nanog", "decreased", "disulfiram/copper complex")}
    # and expression changes are not mechanisms
    assert not [c for c in x.claims if c.kind == "mechanism"]


def test_claim_evidence_has_the_sentence(read):
    text = "Intro sentence. Everolimus, an mTOR inhibitor, was given."
    c = next(c for c in read(text).claims if c.relation == "inhibits")
    assert text[c.evidence.start:c.evidence.end] == "Everolimus, an mTOR inhibitor, was given."
    assert c.certainty is Certainty.STATED and 0 < c.evidence.confidence <= 1


def test_trigger_words_find_what_the_full_alternation_finds():
    """Relation phrases are searched only where a trigger word starts; that must lose nothing."""
    from core_fixtures import ARTICLES

    from extract.claims import _REL_RE, _relation_matches
    from extract.text import split_sentences

    checked = 0
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text()
        for s in split_sentences(text):
            sent = text[s.start:s.end]
            expected = [(m.start(), m.end(), m.lastgroup) for m in _REL_RE.pattern.finditer(sent)]
            assert [(m.start(), m.end(), m.lastgroup) for m in _relation_matches(sent)] == expected, sent
            checked += len(expected)
    assert checked > 100


def test_a_hyphenated_cause_that_is_no_entity_keeps_its_words_without_the_hyphen(read):
    assert claims(read, "mTOR inhibitors-induced proteinuria: mechanisms and management.") == {
        ("mTOR inhibitors", "induces", "proteinuria", "stated")}


def test_a_clause_or_a_comparison_is_no_object(read):
    found = claims(read, "This case shows that clotiazepam can induce acute hepatitis and suggests that "
                         "there is no cross hepatotoxicity with other benzodiazepines.")
    assert {o for _, _, o, _ in found} == {"acute hepatitis"}
    assert not [c for c in claims(read, "Superoxide production by neutrophils was reduced compared with controls.")
                if c[2].startswith("compared")]


def test_neither_a_significant_increase_is_negated(read):
    found = claims(read, "After the administration of saline, cisplatin and cyclophosphamide neither a statistically "
                         "significant increase in creatinine concentration nor an increase in creatinine clearance "
                         "was observed.")
    assert found and all(c[3] == "negated" for c in found)


def test_a_control_group_and_a_passive_with_an_adverb_make_no_claim(read):
    assert claims(read, "Rats were assigned to untreated hypertensive controls (n = 8) or enalapril-treated "
                        "rats (n = 8).") == set()
    assert claims(read, "The glomerulosclerosis index was significantly increased in the nitrendipine-treated "
                        "group.") == set()
    # a comparator: "X-controlled" before a trial names no regulation
    assert claims(read, "A multicenter, randomized, prazosin-controlled trial was designed.") == set()
    assert claims(read, "Asenapine was studied in a placebo- and haloperidol-controlled trial.") == set()
    # the verb "controls" still reads
    assert ("mTOR", "regulates", "cell growth", "stated") in claims(read, "mTOR controls cell growth.")


def test_an_adverb_after_the_object_is_not_part_of_it(read):
    assert claims(read, "Enalapril reduced blood pressure significantly.") == {
        ("enalapril", "reduces", "blood pressure", "stated")}


def test_an_effect_caused_by_another_drug_is_the_object_not_that_drug(read):
    assert claims(read, "L-NAME reduced gentamicin-induced hearing loss in the high-frequency range.") == {
        ("n-omega-nitro-l-arginine methyl ester", "reduces", "gentamicin-induced hearing loss", "stated"),
        ("gentamicin", "induces", "hearing loss", "stated")}


def test_a_hyphenated_cause_is_only_the_words_joined_to_it(read):
    found = claims(read, "We studied the effect of histamine H(3)-receptor ligands on neuroleptic-induced catalepsy, "
                         "apomorphine-induced climbing behavior and amphetamine-induced locomotor activities in mice.")
    assert {s for s, _, _, _ in found} == {"apomorphine", "amphetamine"}


def test_without_only_a_new_clause_and_symbols_end_or_are_no_objects(read):
    assert claims(read, "Isoproterenol pretreatment caused cardiac hypertrophy without affecting blood pressure "
                        "and heart rate.") == {("isoproterenol", "causes", "cardiac hypertrophy", "stated")}
    assert {o for _, _, o, _ in claims(read, "Sulpiride induced only SOCS-1 in the medial preoptic area.")} == {"SOCS-1"}
    found = claims(read, "To test the hypothesis that estrogen increases PRL-R expression and sensitivity to prolactin, "
                         "we next demonstrated that estradiol augments STAT5 activation.")
    assert not [c for c in found if c[2].startswith("we ")]
    assert not [c for c in claims(read, "The primary outcome was a postdose creatinine increase > or = 0.5 mg/dL.")
                if not any(ch.isalpha() for ch in c[2].replace(" or ", ""))]


def test_a_drug_named_as_the_target_of_a_class_is_not_the_subject(read):
    found = claims(read, "High doses of the vitamin K antagonist warfarin are known to cause calcification of the "
                         "artery media.")
    assert {s for s, _, _, _ in found} == {"warfarin"}


def test_an_object_loses_the_preposition_the_number_left_hanging(read):
    assert claims(read, "Treatment with lithium resulted in a loss of renal concentrating ability of 30%.") == {
        ("lithium", "leads to", "loss of renal concentrating ability", "stated")}
    assert claims(read, "The plasma levels of BNP increased above the normal limit (40 pg/ml).") == set()


def test_an_object_ends_before_a_modal_or_a_linking_verb(read):
    assert claims(read, "Lithium-induced polyuria seems to be related to extrarenal effects.") == {
        ("lithium", "induces", "polyuria", "stated")}
    assert ("tamoxifen", "induces", "liver dysfunction", "stated") in claims(
        read, "Patients with tamoxifen-induced liver dysfunction may be at increased risk.")


@pytest.mark.parametrize("text, claim", [
    ("Bupropion is an effective treatment for male sexual dysfunction.",
     ("bupropion", "treats", "male sexual dysfunction", "stated")),
    ("Buspirone reverses catalepsy induced by haloperidol.", ("buspirone", "reverses", "catalepsy", "stated")),
    ("Metformin prevents experimental gentamicin-induced nephropathy.",
     ("metformin", "prevents", "experimental gentamicin-induced nephropathy", "stated")),
    ("Pretreatment with dexamethasone prevented the development of cisplatin-induced nausea.",
     ("dexamethasone", "prevents", "cisplatin-induced nausea", "stated")),
    ("Losartan attenuated the increase in blood pressure.",
     ("losartan", "reduces", "increase in blood pressure", "stated")),
    # an object that is a drug's effect stays that effect
    ("Naloxone reverses the antihypertensive effect of clonidine.",
     ("naloxone", "reverses", "antihypertensive effect of clonidine", "stated")),
    # a study's question is a hypothesis
    ("We asked whether the complex prevents recurrence in patients given disulfiram.",
     ("disulfiram", "prevents", "recurrence", "hypothesis")),
])
def test_treats_reverses_prevents_and_attenuates(read, text, claim):
    assert claim in claims(read, text)


@pytest.mark.parametrize("text", [
    "Potassium was applied by reverse dialysis twice, separated by 75 min.",
    "In the isoproterenol group, tachycardia was reversed to significant bradycardia.",
    "Cocaine-induced anxiety was also attenuated in mice following administration of disulfiram.",
])
def test_no_claim_from_a_noun_or_a_passive(read, text):
    assert not [c for c in claims(read, text) if c[1] in ("reverses", "reduces")]


def test_an_endpoint_reached_and_a_clause_are_no_claim_ends(read):
    assert claims(read, "The combination of cisplatin and amifostine resulted in an overall response rate "
                        "of 16%.") == set()
    assert claims(read, "HP failed to accentuate progression of renal failure and tended to increase GFR.") == set()


def test_two_measures_of_one_object_are_one_object(read):
    assert claims(read, "Lidocaine reduces the incidence and severity of propofol injection pain.") == {
        ("lidocaine", "reduces", "incidence and severity of propofol injection pain", "stated")}


def test_the_drug_a_copula_names_is_the_subject_of_its_relative_clause(read):
    found = claims(read, "Pembrolizumab is a humanized monoclonal antibody against programmed death 1 (PD-1) that "
                         "has antitumor activity in advanced non-small-cell lung cancer.")
    assert ("pembrolizumab", "has antitumor activity in", "advanced non-small-cell lung cancer", "stated") in found
    assert {s for s, *_ in claims(read, "A serious complication of ethambutol is an optic neuropathy that impairs "
                                        "visual acuity.")} == {"optic neuropathy"}


def test_associated_with_longer_or_improved(read):
    assert claims(read, "Pembrolizumab was associated with significantly longer progression-free and overall "
                        "survival.") == {("pembrolizumab", "prolongs", "progression-free survival", "stated"),
                                         ("pembrolizumab", "prolongs", "overall survival", "stated")}
    assert claims(read, "Everolimus was associated with improved progression-free survival.") == {
        ("everolimus", "improves", "progression-free survival", "stated")}
    assert claims(read, "She developed sinus thrombosis associated with prolonged oral epsilon-aminocaproic "
                        "acid.") == set()


def test_an_adjective_a_pronoun_or_a_comparative_is_no_object(read):
    assert "significant" not in {o for _, _, o, _ in claims(read, "Oxytocin can cause significant and even fatal "
                                                                  "hypotension.")}
    assert claims(read, "Fentanyl is a commonly used supplement that may contribute to this.") == set()
    assert claims(read, "Haloperidol induced a higher incidence of akathisia.") == {
        ("haloperidol", "induces", "incidence of akathisia", "stated")}


def test_patients_who_received_a_drug_had_a_lower_rate(read):
    assert ("empagliflozin", "reduces", "primary composite cardiovascular outcome", "stated") in claims(
        read, "Patients who received empagliflozin had a lower rate of the primary composite cardiovascular outcome "
              "and of death from any cause.")
    # "cause" the noun is no verb
    assert claims(read, "Irritable bowel syndrome is a common cause of abdominal pain.") == set()


def test_a_drug_that_showed_activity(read):
    assert claims(read, "In this study, crizotinib showed marked antitumor activity in patients with advanced "
                        "ROS1-rearranged NSCLC.") == {
        ("crizotinib", "has antitumor activity in", "advanced ROS1-rearranged NSCLC", "stated")}
    assert claims(read, "Studies show that rapamycin inhibits mTOR.") == {("rapamycin", "inhibits", "mTOR", "stated")}
    assert claims(read, "Computed tomography showed a hemorrhagic infarct and increased density.") == set()


def test_an_endpoint_named_as_an_object_is_whole(read):
    assert claims(read, "Dapagliflozin, an SGLT2 inhibitor, reduced hospitalization for heart failure.") == {
        ("dapagliflozin", "inhibits", "SGLT2", "stated"),
        ("dapagliflozin", "reduces", "hospitalization for heart failure", "stated")}
    assert ("empagliflozin", "inhibits", "sodium-glucose cotransporter 2", "stated") in claims(
        read, "The effects of empagliflozin, an inhibitor of sodium-glucose cotransporter 2, are not known.")


@pytest.mark.parametrize("text, claim", [
    ("Sotorasib showed durable anticancer activity in patients with KRAS G12C-mutated NSCLC.",
     ("sotorasib", "has antitumor activity in", "KRAS G12C-mutated NSCLC", "stated")),
    ("Nivolumab demonstrated clinically meaningful antitumor activity in advanced melanoma.",
     ("nivolumab", "has antitumor activity in", "advanced melanoma", "stated")),
])
def test_anticancer_and_clinical_activity(read, text, claim):
    assert claims(read, text) == {claim}


def test_a_verb_hyphenated_to_the_next_word_is_a_modifier(read):
    # "extended-interval amikacin" is a dosing scheme, not "aminoglycoside extends amikacin"
    assert claims(read, "Forty patients who required treatment with an aminoglycoside were randomized to either "
                        "conventional or extended-interval amikacin.") == set()


@pytest.mark.parametrize("text", [
    "Nicotine caused a significant increase in locomotor activity.",
    "Haloperidol resulted in a dose-dependent increase in the catalepsy times.",
    "Fenoldopam causes vasodilatation to the kidney and other organs.",
    "This drug caused biventricular dysfunction, due to its negative inotropic effect.",
])
def test_a_change_with_nothing_changed_is_no_object(read, text):
    objects = {o for _, _, o, _ in claims(read, text)}
    assert not any(o.endswith(("increase", "organs", "effect")) or o.startswith("due") for o in objects), objects


def test_an_object_stops_before_its_own_verb(read):
    assert claims(read, "In the controls, the cisplatin-induced nausea gradually disappeared.") == {
        ("cisplatin", "induces", "nausea", "stated")}
    # an adverb that modifies the noun stays in the object
    assert ("everolimus", "reduces", "growth of newly diagnosed tumors", "stated") in claims(
        read, "Everolimus reduced the growth of newly diagnosed tumors.")


def test_an_amount_of_a_drug_in_the_body_is_no_drug(read):
    assert claims(read, "Spironolactone reduced potassium requirements in neutropenic patients.") == {
        ("spironolactone", "reduces", "potassium requirements", "stated")}
    # its levels are the substance itself
    assert claims(read, "Coenzyme Q10 significantly reduced serum creatinine levels.") == {
        ("coenzyme q10", "reduces", "creatinine", "stated")}


@pytest.mark.parametrize("text, claim", [
    ("Mechanistically, metformin activated AMPK in these cells.", ("metformin", "activates", "AMPK", "stated")),
    ("Dexrazoxane protects against myelosuppression.", ("dexrazoxane", "protects against", "myelosuppression", "stated")),
    ("Urotensin II stimulates prolactin secretion.", ("urotensin ii", "stimulates", "prolactin secretion", "stated")),
])
def test_activation_stimulation_and_protection(read, text, claim):
    assert claim in claims(read, text)


def test_an_adjective_or_a_name_is_no_activation(read):
    assert all(c[1] != "activates" for c in claims(read, "The activated partial thromboplastin time was prolonged."))
    assert all(c[1] != "activates" for c in claims(read, "AMP-activated protein kinase is a sensor of energy."))


def test_a_drug_toxicity_as_an_object_is_the_toxicity(read):
    assert ("coenzyme q10", "protects against", "acute cisplatin nephrotoxicity", "hypothesis") in claims(
        read, "Coenzyme Q10 may protect against acute cisplatin nephrotoxicity.")
    # and a second predicate of the subject is no object
    assert not [c for c in claims(read, "Metformin selectively targets cancer stem cells and acts together with "
                                        "chemotherapy.") if c[2].startswith("acts")]
    assert ("disulfiram", "treats", "alcoholism", "stated") in (found := claims(
        read, "Disulfiram (DSF), an ALDH inhibitor used to treat alcoholism, forms a complex with copper."))
    assert not [c for c in found if c[2].startswith("forms")]


def test_expression_of_a_marker_list_was_changed_after_a_drug(read):
    found = read("Expression of the stem cell genes NANOG, OCT4 and SOX2 was decreased after salinomycin "
                 "treatment.").claims
    assert {(c.subject, c.change, c.object) for c in found if c.kind == "biomarker"} == {
        ("NANOG", "decreased", "salinomycin"), ("OCT4", "decreased", "salinomycin"), ("SOX2", "decreased", "salinomycin")}


def test_an_object_ends_before_a_dangling_participle_or_a_new_predicate(read):
    assert claims(read, "Azathioprine-induced cholestasis associated with histological evidence was reversible.") == {
        ("azathioprine", "induces", "cholestasis", "stated")}
    assert ("amphetamine", "induces", "rotation", "stated") in claims(
        read, "Amphetamine-induced rotation tended to become gradually more ipsilateral.")


def test_what_is_sensitized_is_the_object_not_the_drug_it_is_sensitized_to(read):
    assert claims(read, "Preclinical data suggest that mTOR inhibition sensitizes tumor cells to gemcitabine.") == {
        ("mTOR inhibition", "sensitizes", "tumor cells", "hypothesis")}


@pytest.mark.parametrize("text, claim", [
    ("Tumor PIK3CA mutation status did not predict benefit from everolimus.",
     ("PIK3CA mutation", "mutated", "benefit from everolimus", Certainty.NEGATED)),
    ("PD-L1 expression predicted response to pembrolizumab.",
     ("PD-L1", "expressed", "response to pembrolizumab", Certainty.STATED)),
    ("KRAS mutations were associated with resistance to cetuximab in patients with colorectal cancer.",
     ("KRAS mutation", "mutated", "resistance to cetuximab", Certainty.STATED)),
])
def test_an_alteration_or_expression_that_predicts(read, text, claim):
    assert [(c.subject, c.change, c.object, c.certainty) for c in read(text).claims if c.kind == "biomarker"] == [claim]


def test_it_after_although_is_the_papers_drug(read):
    assert ("everolimus", "delays", "disease progression", "hypothesis") in claims(
        read, "Everolimus did not significantly prolong overall survival, although it may delay disease progression.")


def test_coordinated_adjectives_share_the_head_noun(read):
    assert claims(read, "Cisplatin causes renal and hepatic toxicity.") == {
        ("cisplatin", "causes", "renal toxicity", "stated"), ("cisplatin", "causes", "hepatic toxicity", "stated")}
    # (a noun in -al is no adjective: "self-renewal, proliferation and invasive capacity")
    assert ("salinomycin", "reduces", "self-renewal", "stated") in claims(
        read, "Salinomycin reduced self-renewal, proliferation and invasive capacity.")


@pytest.mark.parametrize("text,expected", [
    # -- definitions targets and objects of journal abstracts
    # a definition with a long, comma-separated modifier list, and its relative clause
    ("Osimertinib is an oral, third-generation, irreversible epidermal growth factor receptor tyrosine kinase "
     "inhibitor (EGFR-TKI) that selectively inhibits EGFR T790M resistance mutations.",
     {("osimertinib", "inhibits", "epidermal growth factor receptor", "stated"),
      ("osimertinib", "inhibits", "EGFR T790M resistance mutations", "stated")}),
    # the target before "tyrosine kinase", not the class; the targets after "of", one each
    ("Osimertinib is an oral EGFR tyrosine kinase inhibitor.", {("osimertinib", "inhibits", "EGFR", "stated")}),
    ("Lapatinib is an oral dual tyrosine kinase inhibitor of EGFR and HER2.",
     {("lapatinib", "inhibits", "EGFR", "stated"), ("lapatinib", "inhibits", "HER2", "stated")}),
    # one head with two modifiers stays one object
    ("Tocopherylquinone, an inhibitor of alkyl and aryl transferases, has shown activity.",
     {("tocopherylquinone", "inhibits", "alkyl and aryl transferases", "stated")}),
    # a comma after the apposition ends it, even before "and"
    ("Temsirolimus, a selective inhibitor of mTOR, was given weekly and shrank tumors.",
     {("temsirolimus", "inhibits", "mTOR", "stated")}),
    # "X-targeted": the target is the word joined to it, the drug comes after
    ("Patients received the HER2-targeted antibody trastuzumab.", {("trastuzumab", "targets", "ERBB2", "stated")}),
    # a participle in a listed subject is no verb
    ("The incidences of thrombocytopenia and increased serum aminotransferase levels were higher with T-DM1.", set()),
    # the means ("through", "via") is not part of the object
    ("Everolimus inhibits growth of gastric cancer cells through mTOR blockade and induction of autophagy.",
     {("everolimus", "inhibits", "growth of gastric cancer cells", "stated")}),
    # -- symbols qualifications and comparisons
    # an upper-case gene symbol that is also an English verb in lower case
    ("Cabozantinib is a multikinase inhibitor of MET, VEGFR2 and AXL.",
     {("cabozantinib", "inhibits", "MET", "stated"), ("cabozantinib", "inhibits", "VEGFR2", "stated"),
      ("cabozantinib", "inhibits", "AXL", "stated")}),
    # an adverb that opens a qualification is no object; a comparison's adverb is cut
    ("Cabozantinib demonstrated antitumor activity in advanced PRCC, particularly in tumors harboring MET alterations.",
     {("cabozantinib", "has antitumor activity in", "advanced PRCC", "stated")}),
    ("The combination of metformin and doxorubicin prevented tumor relapse more effectively than either drug alone.",
     {("metformin plus doxorubicin", "prevents", "tumor relapse", "stated")}),
    # -- modifiers in parentheses grades and what in combination leaves
    ("Olaparib, an oral poly(ADP-ribose) polymerase (PARP) inhibitor, has shown antitumour activity in ovarian cancer.",
     {("olaparib", "inhibits", "PARP", "stated"), ("olaparib", "has antitumor activity in", "ovarian cancer", "stated")}),
    ("Bevacizumab increased the risk of grade 3 or higher hypertension and gastrointestinal perforation.",
     {("bevacizumab", "increases", "risk of grade 3 or higher hypertension", "stated"),
      ("bevacizumab", "increases", "gastrointestinal perforation", "stated")}),
    ("Disulfiram, an ALDH inhibitor, has shown anticancer activity in combination with copper.",
     {("disulfiram", "inhibits", "ALDH", "stated")}),
    ("A phase I study of the MEK inhibitor trametinib in combination with the BRAF inhibitor dabrafenib.",
     {("trametinib", "inhibits", "MEK", "stated"), ("dabrafenib", "inhibits", "BRAF", "stated")}),
    # -- what a targeted class targets and bracketed modifiers
    ("Cabazitaxel was compared with an androgen-signaling-targeted inhibitor (abiraterone or enzalutamide).", set()),
    ("Niraparib is an oral poly(adenosine diphosphate [ADP]-ribose) polymerase (PARP) 1/2 inhibitor.",
     {("niraparib", "inhibits", "PARP", "stated")}),
    # -- target as a noun and a class name before its drug
    ("Salinomycin decreased the expression of the Wnt target genes LEF1, cyclin D1 and fibronectin.", set()),
    ("We show that metformin and the more potent biguanide phenformin inhibit mitochondrial complex I.",
     {("metformin", "inhibits", "mitochondrial complex I", "stated"),
      ("phenformin", "inhibits", "mitochondrial complex I", "stated")}),
    # -- an antibody targets and regardless ends an object
    ("Rituximab, a chimeric anti-CD20 monoclonal antibody, prolongs remission.",
     {("rituximab", "targets", "CD20", "stated"), ("rituximab", "improves", "remission", "stated")}),
    ("Lenvatinib plus pembrolizumab showed promising antitumor activity in endometrial carcinoma regardless of MSI status.",
     {("lenvatinib plus pembrolizumab", "has antitumor activity in", "endometrial carcinoma", "stated")}),
    # -- achieved longer and a comparison after the object
    ("Gemcitabine plus docetaxel achieved longer progression-free and overall survival than gemcitabine alone.",
     {("gemcitabine plus docetaxel", "prolongs", "progression-free survival", "stated"),
      ("gemcitabine plus docetaxel", "prolongs", "overall survival", "stated")}),
    ("Salinomycin lowered their proportion more than 100-fold compared with paclitaxel.",
     {("salinomycin", "reduces", "proportion", "stated")}),
    # -- as well as lists and clauses of a negation
    ("Temsirolimus alone prolonged overall survival (hazard ratio [HR] for death, 0.73; P=0.008) as well as "
     "progression-free survival (P<0.001).",
     {("temsirolimus", "improves", "overall survival", "stated"),
      ("temsirolimus", "improves", "progression-free survival", "stated")}),
    # the endpoint of another clause is not the negated one's
    ("Temsirolimus extended overall survival relative to IFN-α, whereas combining a lower dose of temsirolimus "
     "with IFN-α did not improve survival over IFN-α alone.",
     {("temsirolimus", "improves", "overall survival", "stated"),
      ("temsirolimus plus interferon alfa", "improves", "overall survival", "negated")}),
    ("The results suggest that bromocriptine inhibits protein synthesis as well as bringing about a disturbance of "
     "secretion.", {("bromocriptine", "inhibits", "protein synthesis", "hypothesis")}),
    # -- a long form with its abbreviation is one object
    # a long form with its abbreviation is one entity, named once (the apposition and the verb agree)
    ("Adding olaratumab, a human monoclonal antibody directed against platelet-derived growth factor receptor α "
     "(PDGFRα), to doxorubicin was tested.", {("olaratumab", "targets", "PDGFRα", "stated")}),
    ("The pathomechanism of nicotine-induced nystagmus (NIN) is unknown.",
     {("nicotine", "induces", "nystagmus", "stated")}),
    # -- the activity of cells is not a drug's
    ("Atezolizumab is an anti-PD-L1 antibody that restores T-cell activity against tumors.",
     {("atezolizumab", "targets", "PD-L1", "stated")}),
    # -- a noun with its share is no verb
    ("The most common grade 3 or 4 adverse events were hypophosphataemia (14% in the Ewing cohort), "
     "aspartate aminotransferase increase (9%) and palmar-plantar syndrome (8%).", set()),
    # -- a drug and its participle written apart in an object's slot are one adjective; a question mark ends an object
    ("Can lidocaine reduce succinylcholine induced postoperative myalgia?",
     {("lidocaine", "reduces", "succinylcholine induced postoperative myalgia", "hypothesis"),
      ("succinylcholine", "induces", "postoperative myalgia", "hypothesis")}),
    ("Analogues were tested for their ability to reverse haloperidol induced catalepsy in rats.",
     {("haloperidol", "induces", "catalepsy", "stated")}),
    # (not at the head of its clause: there the participle is the verb)
    ("Cocaine induced seizures in rats. Everolimus induced autophagy.",
     {("cocaine", "induces", "seizures", "stated"), ("everolimus", "induces", "autophagy", "stated")}),
    # -- intransitive: what changed after a drug is the drug's effect on it, not the drug changed
    ("Maximal platelet aggregation induced by adenosine diphosphate decreased after administration of ketoprofen.",
     {("ketoprofen", "reduces", "maximal platelet aggregation", "stated")}),
    ("Blood pressure decreased significantly following intravenous clonidine. The degree of these seizures "
     "increased with increasing concentration of tranexamic acid. Renal blood flow increased during "
     "fenoldopam-induced hypotension.",
     {("clonidine", "reduces", "blood pressure", "stated"), ("fenoldopam", "induces", "hypotension", "stated")}),
    # -- "A but not B": A did, B did not
    ("Ketoprofen but not acetaminophen impaired platelet function in patients with SAH.",
     {("ketoprofen", "reduces", "platelet function", "stated"), ("acetaminophen", "reduces", "platelet function", "negated")}),
    ("Allopregnanolone and pregnanolone, but not ganaxolone, may reduce cumulative lethality.",
     {("allopregnanolone", "reduces", "cumulative lethality", "hypothesis"),
      ("pregnanolone", "reduces", "cumulative lethality", "hypothesis"),
      ("ganaxolone", "reduces", "cumulative lethality", "negated")}),
    # -- a participle coordinated with an adjective is one too; after a plain noun it is a verb
    ("Scores between trihexyphenidyl and placebo correlated with total and delayed recall on the test.", set()),
    ("Temsirolimus was tested in rats and reduced tumor growth.", {("temsirolimus", "reduces", "tumor growth", "stated")}),
    # -- a noun of impairment keeps its "in" complement, as a noun of change does
    ("Methamphetamine causes alterations in the MAP kinase-related pathways in the brains of mice.",
     {("methamphetamine", "causes", "alterations in the MAP kinase-related pathways", "stated")}),
    ("Nimodipine attenuated the disruption in consolidation of long-term memory caused by nitroglycerin.",
     {("nimodipine", "reduces", "disruption in consolidation of long-term memory", "stated")}),
    # -- a drug as a modifier ("potassium-losing"), a quoted noun and a pronoun of another clause's subject are no agents
    ("The results indicate that potassium-losing diuretic therapy can increase myocardial electrical excitability.",
     set()),
    ("Changes in size, colour and associated oedema of selected 'target' lesions were measured.", set()),
    ("Lamivudine was given. Although the sP120T substitution also impaired HBsAg secretion, it did not enhance the "
     "replication of LAM-resistant clones.", set()),
    ("Everolimus was given. Although the drug was well tolerated, it did not improve overall survival.",
     {("everolimus", "improves", "overall survival", "negated")}),
    # -- an agonist activates what it is named for; "acts as an agonist of/antagonist of"
    ("Terbutaline, a beta2-adrenoceptor agonist, was given. Semaglutide is a GLP-1 receptor agonist.",
     {("terbutaline", "activates", "adrenoceptor", "stated"), ("semaglutide", "activates", "GLP-1 receptor", "stated")}),
    ("Aripiprazole acts as a partial agonist at dopamine D2 receptors. Memantine acts as an antagonist of NMDA receptors.",
     {("aripiprazole", "activates", "dopamine D2 receptors", "stated"),
      ("memantine", "inhibits", "NMDA receptors", "stated")}),
    # -- "had no effect on" is a negated claim (and a drug named in the object is no effect); "no evidence that" negates
    ("Propranolol had no effect on stimulus-induced overflow. Carbamazepine had no effect on lidocaine-kindled "
     "seizures. There was no evidence that aspirin reduced the risk of cancer.",
     {("propranolol", "affects", "stimulus-induced overflow", "negated"),
      ("aspirin", "reduces", "risk of cancer", "negated")}),
    ("Dexamethasone had no significant effect on the incidence of nausea. Dexamethasone had a modest effect on pain.",
     {("dexamethasone", "affects", "incidence of nausea", "negated")}),
    # -- "NO" is nitric oxide, no negation
    ("Atorvastatin improves endothelial function through increased availability of NO and reduced O2- production.",
     {("atorvastatin", "improves", "endothelial function", "stated"),
      ("atorvastatin", "increases", "availability of NO", "stated"), ("atorvastatin", "reduces", "o2- production", "stated")}),
    # -- a study group is no object
    ("The results indicate that muscle fasciculation was not found in Group PR.", set()),
])
def test_claims_read_on_journal_form_abstracts(read, text, expected):
    """Each case a rule of extractor 0.2.20 or 0.2.21 (see the README, "How extraction works")."""
    assert claims(read, text) == expected


def test_a_combination_is_named_as_the_paper_names_its_drugs(read):
    found = claims(read, "Rapamycin inhibited mTOR. The combination of rapamycin and cixutumumab induced apoptosis.")
    assert ("rapamycin plus cixutumumab", "induces", "apoptosis", "stated") in found


def test_circulating_tumor_dna_is_a_biomarker_and_its_fraction_a_marker_status(read):
    x = read("We analyzed circulating tumor DNA (ctDNA). High ctDNA fraction was associated with shorter "
             "progression-free survival in both arms.")
    assert ("biomarker", "MESH:D000074141") in {(e.type, e.ids[0]) for e in x.entities}
    assert {(c.subject, c.object) for c in x.claims if c.kind == "biomarker"} == {
        ("ctDNA", "shorter progression-free survival")}


@pytest.mark.parametrize("text, claim", [
    ("EGFR mutation status was predictive of response to gefitinib.", ("EGFR mutation", "mutated", "response to gefitinib")),
    ("Reduction of ALDH activity correlated with response to disulfiram.",
     ("ALDH", "decreased", "response to disulfiram")),
    ("Low baseline VEGF-D levels were associated with a greater response to sirolimus in women with LAM.",
     ("VEGF-D", "decreased", "greater response to sirolimus")),
    ("High PD-L1 expression was associated with longer overall survival.",
     ("PD-L1", "increased", "longer overall survival")),
])
def test_a_marker_status_predictive_of_or_correlated_with_an_outcome(read, text, claim):
    x = read(text)
    assert [(c.subject, c.change, c.object) for c in x.claims if c.kind == "biomarker"] == [claim]
    # a marker's level is no agent of a mechanism
    assert not [c for c in x.claims if c.kind == "mechanism"]


def test_a_cut_object_loses_the_words_the_cut_left_hanging(read):
    assert claims(read, "The combination reduced tumor mass, and doxorubicin prevented relapse much more effectively "
                        "than either drug alone.") >= {("doxorubicin", "prevents", "relapse", "stated")}
    assert claims(read, "In CLL cells, salinomycin induced apoptosis within 24 hours.") == {
        ("salinomycin", "induces", "apoptosis", "stated")}


def test_a_compound_adjective_shares_the_head_of_the_list(read):
    assert claims(read, "Osimertinib selectively inhibits both EGFR-TKI-sensitizing and EGFR T790M resistance "
                        "mutations.") == {("osimertinib", "inhibits", "EGFR-TKI-sensitizing mutations", "stated"),
                                          ("osimertinib", "inhibits", "EGFR T790M resistance mutations", "stated")}


@pytest.mark.parametrize("text, expected", [
    ("Aspirin use was associated with a reduced risk of colorectal cancer.",
     ("aspirin", "reduces", "colorectal cancer", "stated")),
    ("Statin use was associated with a dose-dependent reduction in the risk of HCC.", ("statin", "reduces", "HCC", "stated")),
    # a harm found in observational data is an association, not a cause
    ("Use of omeprazole was associated with an increased risk of hip fracture.",
     ("omeprazole", "associated with", "hip fracture", "stated")),
    ("Omeprazole was not associated with an increased risk of hip fracture.",
     ("omeprazole", "associated with", "hip fracture", "negated")),
])
def test_an_exposure_associated_with_a_risk(read, text, expected):
    assert claims(read, text) == {expected}


def test_what_a_drug_makes_is_the_object_not_the_substance(read):
    assert claims(read, "Celecoxib significantly suppressed prostaglandin E2 production in the tumors.") == {
        ("celecoxib", "inhibits", "prostaglandin E2 production", "stated")}
    assert claims(read, "Nitroprusside-induced hypotension evokes ACTH secretion in rats.") == {
        ("nitroprusside", "induces", "hypotension", "stated")}


def test_target_as_a_noun_is_no_relation(read):
    assert claims(read, '"We believe that STAT3 remains an important target," the company said.') == set()
    assert claims(read, "Napabucasin targets STAT3 in cancer stem cells.") == {("napabucasin", "targets", "STAT3", "stated")}


def test_a_pathway_that_sustains_a_population(read):
    assert claims(read, "These data indicate that mTOR signaling sustains the stem-like population in HNSCC.") == {
        ("mTOR signaling", "sustains", "stem-like population", "stated")}
    # (a hedge after the object ends it: "potentially related to ...")
    assert claims(read, "Ephedrine maintains frontal lobe oxygenation potentially related to an increase in flow.") == {
        ("ephedrine", "sustains", "frontal lobe oxygenation", "stated")}


def test_a_modal_use_and_a_sensitivity_to_a_drug(read):
    assert claims(read, "These results suggest that ALDH1A1 inhibitors could be used to target ovarian cancer stem "
                        "cells.") == {("ALDH1A1 inhibitors", "targets", "ovarian cancer stem cells", "hypothesis")}
    assert claims(read, "Disulfiram enhanced the sensitivity of spheroids to cisplatin.") == {
        ("disulfiram", "enhances", "sensitivity of spheroids to cisplatin", "stated")}


@pytest.mark.parametrize("text, expected", [
    ("Patients whose tumors expressed high levels of ALDH1A1 had shorter progression-free survival (median 14 vs 21 "
     "months; P = 0.03).", ("ALDH1A1", "increased", "shorter progression-free survival")),
    ("Patients with tumors that harbored EGFR mutations had longer progression-free survival than those without.",
     ("EGFR mutation", "mutated", "longer progression-free survival")),
    ("Patients who had low PTEN expression had a higher response rate to everolimus.",
     ("PTEN", "decreased", "higher response rate to everolimus")),
])
def test_patients_whose_tumors_express_a_marker(read, text, expected):
    got = {(c.subject, c.change, c.object) for c in read(text).claims if c.kind == "biomarker"}
    assert got == {expected}


@pytest.mark.parametrize("text, expected", [
    # the people named by the marker's status, and what they had
    ("HER2-positive patients had shorter overall survival.", ("HER2", "positive", "shorter overall survival")),
    ("Patients with HER2-positive tumors had shorter overall survival.", ("HER2", "positive", "shorter overall survival")),
    ("Overall, BRAF-mutant patients had a higher response rate to vemurafenib.",
     ("BRAF mutation", "mutated", "higher response rate to vemurafenib")),
    ("Patients with KRAS wild-type tumors had longer progression-free survival.",
     ("wild-type KRAS", "wild-type", "longer progression-free survival")),
    ("In 2010, HER2-positive patients had longer survival.", ("HER2", "positive", "longer survival")),
])
def test_patients_named_by_a_marker_status_and_what_they_had(read, text, expected):
    got = {(c.subject, c.change, c.object) for c in read(text).claims if c.kind == "biomarker"}
    assert got == {expected}


@pytest.mark.parametrize("text, expected", [
    # a list of things associated, and a second predicate with its own list
    ("ALDH1 expression correlated with poor prognosis and was associated with high histological grade, ERBB2 (HER2) "
     "overexpression and absence of estrogen and progesterone receptor expression.",
     {("ALDH1", "expressed", "poor prognosis", "stated"), ("ALDH1", "expressed", "high histological grade", "stated"),
      ("ALDH1", "expressed", "ERBB2 overexpression", "stated"),
      ("ALDH1", "expressed", "absence of estrogen and progesterone receptor expression", "stated")}),
    # a predictor of an outcome with a drug: the outcome, not the drug
    ("The presence of an EGFR mutation in the tumor is a strong predictor of a better outcome with gefitinib.",
     {("EGFR mutation", "mutated", "better outcome with gefitinib", "stated")}),
    # where it was measured, and the clause that follows
    ("High SPARC expression in the tumor stroma was correlated with improved survival (median OS 17.8 vs. 8.1 months), "
     "whereas SPARC expression in the tumor cells was not.", {("SPARC", "increased", "improved survival", "stated")}),
    # a change of the marker first; a list of endpoints
    ("Decreases in CA19-9 correlated with a higher response rate and longer progression-free survival and OS.",
     {("CA19-9", "decreased", "higher response rate", "stated"),
      ("CA19-9", "decreased", "longer progression-free survival", "stated"),
      ("CA19-9", "decreased", "overall survival", "stated")}),
    # a marker's response is its fall
    ("Serum neuron-specific enolase (NSE) was measured monthly. An early NSE response was likewise associated with "
     "longer PFS.", {("NSE", "decreased", "longer PFS", "stated")}),
    # the marker's status as what the other side depends on
    ("The effectiveness of cetuximab was significantly associated with KRAS mutation status (P=0.01).",
     {("KRAS mutation", "mutated", "effectiveness of cetuximab", "stated")}),
    ("Overall survival was not associated with PD-L1 expression status.",
     {("PD-L1", "expressed", "overall survival", "negated")}),
    # when it was measured, between the marker and its verb
    ("Higher Ki67 expression after 2 weeks of endocrine therapy was significantly associated with lower recurrence-free "
     "survival (P=0.004).", {("Ki67", "increased", "lower recurrence-free survival", "stated")}),
    # a marker's modifiers after "levels of", an adverb before the change, and a drug pair as written
    ("Levels of high-sensitivity cardiac troponin T, a marker of myocardial injury, also declined more with "
     "sacubitril-valsartan.", {("troponin T", None, "myocardial injury", "stated"),
                               ("troponin T", "decreased", "sacubitril-valsartan", "stated")}),
    ("Serum chromogranin A (CgA) was measured. Patients with an early CgA response had longer PFS than patients "
     "without one.",
     {("CgA", "decreased", "longer PFS", "stated")}),
])
def test_what_a_marker_is_associated_with(read, text, expected):
    got = {(c.subject, c.change, c.object, c.certainty.value) for c in read(text).claims if c.kind == "biomarker"}
    assert got == expected


def test_a_combination_whose_second_drug_is_named_in_apposition(read):
    assert claims(read, "The combination of metformin and a well-defined chemotherapeutic agent, doxorubicin, kills "
                        "cancer stem cells in culture.") == {
        ("metformin plus doxorubicin", "kills", "cancer stem cells", "stated")}


def test_a_number_inside_a_name_and_a_head_shared_by_a_list(read):
    assert claims(read, "Rapamycin also decreased phosphorylation of S6 and 4E-BP1.") == {
        ("rapamycin", "reduces", "phosphorylation of S6", "stated"),
        ("rapamycin", "reduces", "phosphorylation of 4E-BP1", "stated")}
    assert claims(read, "Inhibition of mTOR may enhance the efficacy of temsirolimus by sensitizing T cells.") == {
        ("inhibition of mTOR", "enhances", "efficacy of temsirolimus", "hypothesis")}


@pytest.mark.parametrize("text, objects", [
    ("Naloxone alone did not affect either blood pressure or heart rate.", {"blood pressure", "heart rate"}),
    ("Trabectedin reduced the risk of disease progression or death by 45%.", {"risk of disease progression or death"}),
    ("Adenosine produced no effect on noxious thermal or chemical stimulation.", {"noxious thermal or chemical stimulation"}),
])
def test_or_joins_two_objects_but_not_the_parts_of_one_name(read, text, objects):
    assert {c[2] for c in claims(read, text)} == objects


@pytest.mark.parametrize("text, expected", [
    ("MYD88 L265P promotes tumor-cell survival through Bruton's tyrosine kinase (BTK), which is inhibited by ibrutinib.",
     ("ibrutinib", "inhibits", "BTK", "stated")),
    ("mTOR is blocked by rapamycin in these cells.", ("rapamycin", "inhibits", "mTOR", "stated")),
    ("Akathisia was controlled by the benzodiazepine lorazepam in 14 of 16 patients.",
     ("lorazepam", "regulates", "akathisia", "stated")),
])
def test_a_passive_with_its_agent_is_the_agents_claim(read, text, expected):
    assert expected in claims(read, text)
    assert ("platelet counts", "reduces", "30%", "stated") not in claims(read, "Platelet counts were reduced by 30%.")


def test_a_participle_apposition_and_them(read):
    assert claims(read, "Pioglitazone, widely used to treat type 2 diabetes, has been linked to bladder cancer.") == {
        ("pioglitazone", "treats", "type 2 diabetes", "stated"), ("pioglitazone", "linked to", "bladder cancer", "stated")}
    assert ("paclitaxel", "stabilizes", "microtubules", "stated") in claims(
        read, "Paclitaxel promotes the assembly of microtubules and stabilizes them against depolymerization.")


def test_one_effect_on_one_endpoint_however_worded(read):
    got = claims(read, "Temsirolimus improves PFS and response rate in mantle cell lymphoma.\n\nTemsirolimus significantly "
                       "prolonged progression-free survival and increased the objective response rate.")
    assert len([c for c in got if "response" in c[2]]) == 1


def test_a_marker_named_in_apposition_and_improved_in(read):
    got = read("Patients taking sirolimus also improved in forced vital capacity, and their blood levels of vascular "
               "endothelial growth factor D (VEGF-D), a marker of disease activity, fell.").claims
    assert {(c.subject, c.object, c.change) for c in got if c.kind == "biomarker"} == {
        ("VEGF-D", "disease activity", None), ("VEGF-D", "sirolimus", "decreased")}
    assert ("sirolimus", "improves", "forced vital capacity", "stated") in {
        (c.subject, c.relation, c.object, c.certainty.value) for c in got}
    # (a marker's association ends before a parenthesis)
    got = read("KRAS mutation status was not significantly associated with overall survival (hazard ratio for death, "
               "1.01).").claims
    assert [c.object for c in got if c.kind == "biomarker"] == ["overall survival"]


def test_kinds_in_parentheses_named_chemicals_and_populations_are_no_objects(read):
    assert claims(read, "We assessed intensive lowering of LDL cholesterol with statins (inhibitors of HMG-CoA "
                        "reductase).") == {("statins", "inhibits", "HMG-CoA reductase", "stated")}
    x = read("We used the ALDEFLUOR assay, in which diethylaminobenzaldehyde (DEAB), a specific inhibitor of aldehyde "
             "dehydrogenase (ALDH), defines the negative gate. DEAB blocked ALDH activity.")
    assert [(e.label, e.ids) for e in x.entities if e.type == "drug"] == [("DEAB", [])]
    assert ("DEAB", "inhibits", "ALDH") in {(c.subject, c.relation, c.object) for c in x.claims}
    assert claims(read, "Nonrandomized studies have shown that gefitinib is active in patients of East Asian origin and "
                        "nonsmokers.") == set()


def test_a_code_with_a_company_prefix_and_a_qualifier_left_alone(read):
    x = read("The dual PI3K/mTOR inhibitor NVP-BEZ235 reduced phosphorylation of Akt.")
    assert [e.label for e in x.entities if e.type == "drug"] == ["NVP-BEZ235"]  # (not nevirapine, "NVP")
    assert claims(read, "Docetaxel kills about 65% of bulk tumour cells.") == set()


@pytest.mark.parametrize("text, claim", [
    ("Lecanemab slowed cognitive decline.", ("lecanemab", "reduces", "cognitive decline", "stated")),
    ("Metformin may restrain tumor growth.", ("metformin", "inhibits", "tumor growth", "hypothesis")),
    ("Prednisone alleviated her symptoms.", ("prednisone", "reduces", "symptoms", "stated")),
    ("Verapamil shortened the effective refractory period.", ("verapamil", "reduces", "effective refractory period", "stated")),
    # an effect phrase with a drug inside is the effect, not the drug
    ("Metformin did not enhance insulin-stimulated proliferation.",
     ("metformin", "enhances", "insulin-stimulated proliferation", "negated")),
])
def test_more_relation_verbs(read, text, claim):
    assert claims(read, text) == {claim}


def test_a_slow_infusion_is_no_relation(read):
    assert claims(read, "Heparin was given as a slow infusion over the first hour.") == set()


@pytest.mark.parametrize("text, obj", [
    ("Dapagliflozin lowers the risk of hospitalization for heart failure in patients with type 2 diabetes.",
     "risk of hospitalization for heart failure"),
    ("SGLT2 inhibitors reduce the risk of a first hospitalization for heart failure.",
     "risk of first hospitalization for heart failure"),
    ("Dapagliflozin reduced the risk of worsening heart failure or death from cardiovascular causes.",
     "risk of worsening heart failure or death from cardiovascular causes"),
])
def test_an_endpoint_after_the_risk_of_is_named_whole(read, text, obj):
    assert {c.object for c in read(text).claims if c.kind == "mechanism" and c.relation == "reduces"} == {obj}


def test_a_participle_in_what_patients_have_is_no_relation(read):
    assert claims(read, "Dapagliflozin in patients with heart failure and reduced ejection fraction.") == set()


@pytest.mark.parametrize("text, expected", [
    ("Parthenolide induces robust apoptosis in primary human AML cells and blast crisis CML cells.",
     {("parthenolide", "induces apoptosis in", "primary human AML cells", "stated"),
      ("parthenolide", "induces apoptosis in", "blast crisis CML cells", "stated")}),
    ("Dupilumab improved the signs and symptoms of atopic dermatitis.",
     {("dupilumab", "improves", "signs and symptoms of atopic dermatitis", "stated")}),
    ("Cetuximab improves overall survival and preserves quality of life.",
     {("cetuximab", "improves", "overall survival", "stated"), ("cetuximab", "preserves", "quality of life", "stated")}),
    ("Patients with heart failure with preserved ejection fraction received spironolactone.", set()),
    # a pathway, not its activity; an enzyme's name with its substrate and number; the named thing, not its description
    ("Itraconazole inhibits Hedgehog pathway activity.", {("itraconazole", "inhibits", "hedgehog pathway", "stated")}),
    ("Itraconazole inhibits lanosterol 14α-demethylase.",
     {("itraconazole", "inhibits", "lanosterol 14α-demethylase", "stated")}),
    ("Itraconazole acts on the essential Hh pathway component Smoothened (Smo) by a distinct mechanism.",
     {("itraconazole", "targets", "Smo", "stated")}),
    # (a drug followed by a verb ending in -ases is no enzyme's substrate)
    ("Oral hydrocortisone increases blood pressure.", {("hydrocortisone", "increases", "blood pressure", "stated")}),
])
def test_cell_killing_shared_heads_and_named_targets(read, text, expected):
    assert claims(read, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Among 261 patients with EGFR mutation-positive tumors, progression-free survival was significantly longer with "
     "gefitinib (hazard ratio, 0.48).", {("gefitinib", "improves", "progression-free survival", "stated")}),
    ("Progression-free survival was significantly longer with carboplatin-paclitaxel (hazard ratio, 2.85).",
     {("carboplatin plus paclitaxel", "improves", "progression-free survival", "stated")}),
    ("The overall response rate was higher with ibrutinib than with chlorambucil (86% vs. 35%).",
     {("ibrutinib", "improves", "overall response rate", "stated")}),
    ("Progression-free survival was longer in patients with EGFR mutations.", set()),  # (a group, not a drug)
    ("Rates of adverse events of grade 3 or above were higher with lapatinib plus capecitabine than with T-DM1.",
     {("lapatinib plus capecitabine", "increases", "grade 3 or higher adverse events", "stated")}),
])
def test_an_endpoint_better_with_a_drug(read, text, expected):
    assert claims(read, text) == expected


def test_a_drug_named_after_a_class_noun_with_what_it_lowers(read):
    assert claims(read, "The glucose-lowering drug canagliflozin reduced the risk of kidney failure.") == {
        ("canagliflozin", "reduces", "risk of kidney failure", "stated")}


@pytest.mark.parametrize("text, expected", [
    # a drug compared with is no part of the subject; "vascular causes" is a noun
    ("Treatment with ticagrelor as compared with clopidogrel significantly reduced the rate of death from vascular "
     "causes, myocardial infarction, or stroke.",
     {("ticagrelor", "reduces", "rate of death from vascular causes", "stated"),
      ("ticagrelor", "reduces", "myocardial infarction", "stated"), ("ticagrelor", "reduces", "stroke", "stated")}),
    # a ligand naming its receptor: the receptor
    ("Ticagrelor is a reversible inhibitor of the adenosine diphosphate receptor P2Y12.",
     {("ticagrelor", "inhibits", "P2Y12", "stated")}),
    ("Enzalutamide postponed the start of chemotherapy.", {("enzalutamide", "delays", "start of chemotherapy", "stated")}),
])
def test_comparators_noun_causes_receptors_and_postponing(read, text, expected):
    assert claims(read, text) == expected


def test_an_apposition_with_two_adjectives_still_names_the_compound(read):
    got = claims(read, "Here we describe JQ1, a potent, cell-permeable thienotriazolodiazepine that binds BRD4.")
    assert {c[0] for c in got} == {"JQ1"}


@pytest.mark.parametrize("text, expected", [
    ("The number of circulating tumor cells (CTCs) before treatment is an independent predictor of progression-free "
     "and overall survival in metastatic breast cancer.",
     {("CTCs", "progression-free survival"), ("CTCs", "overall survival")}),
    ("In multivariate analysis, circulating tumor cell levels at baseline and at follow-up were the most significant "
     "independent predictors of overall survival.",
     {("circulating tumor cells", "overall survival")}),
    ("We counted circulating tumor cells (CTCs). Patients with 5 or more CTCs per 7.5 ml at baseline had a shorter "
     "median progression-free survival than those with fewer than 5 CTCs (2.7 vs. 7.0 months).",
     {("CTCs", "shorter progression-free survival")}),
])
def test_cells_counted_are_a_marker(read, text, expected):
    got = {(c.subject, c.object) for c in read(text).claims if c.kind == "biomarker"}
    assert got == expected


def test_a_genotype_or_a_snp_is_a_marker(read):
    x = read("Patients were genotyped at rs12979860. The CC genotype was associated with higher SVR rates than the CT "
             "and TT genotypes. In multivariable analysis, the CC genotype was the strongest pretreatment predictor of "
             "SVR (odds ratio, 5.2), ahead of low baseline viral load and mild fibrosis.")
    assert {(e.label, e.type, tuple(e.ids)) for e in x.entities} >= {("rs12979860", "biomarker", ()),
                                                                       ("CC genotype", "biomarker", ())}
    got = {(c.subject, c.object) for c in x.claims if c.kind == "biomarker"}
    assert got == {("CC genotype", "higher SVR rates"), ("CC genotype", "sustained virologic response")}


def test_a_marker_found_after_treatment_linked_to_an_outcome(read):
    got = read("Circulating tumor DNA (ctDNA) was sequenced. Finding ctDNA after the treatment was finished was also "
               "linked to a higher risk of recurrence (hazard ratio 11).").claims
    assert {(c.subject, c.object) for c in got if c.kind == "biomarker"} == {("ctDNA", "higher risk of recurrence")}


def test_a_laboratory_measure_a_drug_moved_is_also_a_marker_that_changed(read):
    got = read("Compared with placebo, bardoxolone methyl increased eGFR and reduced body weight; it did not change "
               "the response rate.").claims
    assert {(c.subject, c.change, c.object) for c in got if c.kind == "biomarker"} == {
        ("eGFR", "increased", "bardoxolone methyl"), ("body weight", "decreased", "bardoxolone methyl")}
    assert ("bardoxolone methyl", "increases", "eGFR") in {(c.subject, c.relation, c.object) for c in got}


def test_cells_not_counted_are_no_marker(read):
    got = read("Circulating tumor cells were associated with poor prognosis.").claims
    assert not [c for c in got if c.kind == "biomarker"]


def test_a_drug_described_in_parentheses_acts_on_what_they_hold(read):
    got = claims(read, "Rats were injected with GR 55562 (an antagonist of 5-HT1B receptors) or CP 93129 (an agonist "
                       "of 5-HT1B receptors).")
    assert got == {("GR 55562", "inhibits", "5-HT1B", "stated"), ("CP 93129", "activates", "5-HT1B", "stated")}


def test_a_second_verb_after_an_adverb_ends_the_objects(read):
    got = claims(read, "MDM2 binds the p53 tumor suppressor protein and negatively regulates its activity and stability.")
    assert {c[2] for c in got} == {"p53 tumor suppressor protein"}


@pytest.mark.parametrize("text, expected", [
    ("Macrolide antibiotics can prolong the QT interval.", ("macrolide", "increases", "QT interval")),
    ("Gemfibrozil prolonged the half-life of cerivastatin.", ("gemfibrozil", "increases", "half-life of cerivastatin")),
    ("Gemfibrozil increased the plasma concentrations of cerivastatin.",
     ("gemfibrozil", "increases", "plasma concentrations of cerivastatin")),
    ("Everolimus prolonged progression-free survival.", ("everolimus", "improves", "progression-free survival")),
])
def test_an_interval_or_a_drugs_kinetics_lengthened_is_increased_not_improved(read, text, expected):
    assert expected in {c[:3] for c in claims(read, text)}


def test_a_drug_and_other_members_of_its_class_is_the_drug_not_a_combination(read):
    got = claims(read, "Digoxin and other cardiac glycosides inhibit HIF-1α synthesis and block tumor growth.")
    assert {c[0] for c in got} == {"digoxin"}


def test_two_measures_of_one_thing_with_an_article_are_one_object(read):
    got = claims(read, "Sulforaphane reduced the size and the number of primary mammospheres.")
    assert {c[2] for c in got} == {"size and the number of primary mammospheres"}


def test_an_inhibitor_with_activity_against_targets_inhibits_them(read):
    got = claims(read, "Cabozantinib, a multikinase inhibitor with activity against RET, MET and VEGFR2, was studied.")
    assert got == {("cabozantinib", "inhibits", t, "stated") for t in ("RET", "MET", "VEGFR2")}


def test_adverse_events_listed_with_their_shares_are_no_claims(read):
    assert not claims(read, "The most common grade 3 adverse events were lipase elevation (15%), increased alanine "
                            "aminotransferase (8%), increased aspartate aminotransferase (8%), decreased platelet count "
                            "(8%) and hypophosphataemia (8%).")


@pytest.mark.parametrize("text, expected", [
    ("TNF inhibitors such as infliximab have transformed the management of inflammatory diseases.",
     {("infliximab", "inhibits", "TNF", "stated")}),
    ("EGFR tyrosine kinase inhibitors, including gefitinib and erlotinib, are active.",
     {("gefitinib", "inhibits", "EGFR", "stated"), ("erlotinib", "inhibits", "EGFR", "stated")}),
    ("Sotorasib is a small molecule that selectively and irreversibly inhibits KRAS G12C.",
     {("sotorasib", "inhibits", "KRAS G12C", "stated")}),
    ("Pimavanserin takes a different route: it is a selective inverse agonist of the serotonin 5-HT2A receptor.",
     {("pimavanserin", "inhibits", "serotonin 5-HT2A receptor", "stated")}),
    ("Cerivastatin, an inhibitor of 3-hydroxy-3-methylglutaryl-coenzyme A (HMG-CoA) reductase, was withdrawn.",
     {("cerivastatin", "inhibits", "3-hydroxy-3-methylglutaryl-coenzyme A reductase", "stated")}),
])
def test_how_papers_name_what_a_drug_inhibits(read, text, expected):
    assert claims(read, text) == expected


def test_it_is_the_inducer_only_when_the_sentence_names_it(read):
    got = claims(read, "Clozapine was given to rats given methamphetamine. Moreover, it transiently diminished the "
                       "methamphetamine-induced hyperthermia.")
    assert ("clozapine", "reduces", "methamphetamine-induced hyperthermia", "stated") in got
    assert not any(c[0] == "methamphetamine" and c[1] == "reduces" for c in got)


def test_a_decimal_point_inside_a_name_does_not_end_the_object(read):
    assert ("cenobamate", "inhibits", "nav1.7 channels", "stated") in claims(read, "Cenobamate inhibits Nav1.7 channels.")


@pytest.mark.parametrize("text, expected", [
    ("Caplacizumab blocks the interaction between von Willebrand factor and platelets.",
     {("caplacizumab", "inhibits", "interaction between von Willebrand factor and platelets", "stated")}),
    ("Tranexamic acid blocks the conversion of plasminogen to plasmin and so slows the breakdown of blood clots.",
     {("tranexamic acid", "inhibits", "plasminogen", "stated"),
      ("tranexamic acid", "reduces", "breakdown of blood clots", "stated")}),
])
def test_an_interaction_or_a_conversion_is_one_object_and_so_starts_a_second_verb(read, text, expected):
    assert claims(read, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bardoxolone methyl, an oral synthetic triterpenoid that activates the transcription factor Nrf2, raises the "
     "estimated glomerular filtration rate.",
     {("bardoxolone methyl", "activates", "Nrf2", "stated"),
      ("bardoxolone methyl", "increases", "estimated glomerular filtration rate", "stated")}),
    ("Bardoxolone methyl increased the urinary albumin-to-creatinine ratio.",
     {("bardoxolone methyl", "increases", "urinary albumin-to-creatinine ratio", "stated")}),
    ("We report a case. Disulfiram-induced transient optic and peripheral neuropathy: a case report.",
     {("disulfiram", "induces", "transient optic neuropathy", "stated")}),  # (the shared head: not "transient optic")
])
def test_an_appositions_clause_a_ratio_of_two_substances_and_shared_heads(read, text, expected):
    assert claims(read, text) == expected


def test_two_drugs_each_with_its_apposition_are_two_subjects_not_an_object(read):
    got = claims(read, "Sofosbuvir, a nucleotide analogue inhibitor of the hepatitis C virus (HCV) NS5B polymerase, and "
                       "velpatasvir, a second-generation inhibitor of the HCV NS5A protein, have been combined in a "
                       "once-daily fixed-dose tablet.")
    assert ("sofosbuvir", "inhibits", "hepatitis C virus NS5B polymerase", "stated") in got
    assert ("velpatasvir", "inhibits", "HCV NS5A protein", "stated") in got
    assert not any(c[2] == "velpatasvir" for c in got)  # (the second drug is no object of the first)


@pytest.mark.parametrize("text, expected", [
    ("In patients with wild-type K-ras tumors, cetuximab, as compared with supportive care alone, significantly "
     "improved overall survival (median, 9.5 vs. 4.8 months).",
     {("wild-type K-ras", "wild-type", "improved overall survival")}),
    ("In patients with EGFR mutations, gefitinib prolonged progression-free survival.",
     {("EGFR mutation", "mutated", "prolonged progression-free survival")}),
])
def test_a_subgroup_named_by_a_marker_and_what_the_drug_did_in_it(read, text, expected):
    assert {(c.subject, c.change, c.object) for c in read(text).claims if c.kind == "biomarker"} == expected


def test_drugs_listed_with_and_each_do_what_the_verb_says(read):
    # two drugs the paper does not give together: each inhibits the enzyme (not a combination "X plus Y")
    assert claims(read, "Ketoconazole and itraconazole are potent inhibitors of CYP3A4.") == \
        {("ketoconazole", "inhibits", "CYP3A4", "stated"), ("itraconazole", "inhibits", "CYP3A4", "stated")}
    assert claims(read, "Verapamil and diltiazem are inhibitors of CYP3A4.") == \
        {("verapamil", "inhibits", "CYP3A4", "stated"), ("diltiazem", "inhibits", "CYP3A4", "stated")}
    assert claims(read, "Statins are inhibitors of HMG-CoA reductase.") == {("statins", "inhibits", "HMG-CoA reductase", "stated")}
    # a combination the paper gives stays one subject
    assert claims(read, "Mice received dasatinib plus quercetin. Dasatinib and quercetin reduced senescent cell burden.") == \
        {("dasatinib plus quercetin", "reduces", "senescent cell burden", "stated")}


def test_what_metabolizes_a_drug(read):
    assert claims(read, "Midazolam, a short-acting hypnotic, is extensively metabolized by cytochrome P450 3A4 (CYP3A4), "
                        "and the azole antimycotics ketoconazole and itraconazole are potent inhibitors of CYP3A4.") == {
        ("midazolam", "is metabolized by", "cytochrome P450 3A4", "stated"),
        ("ketoconazole", "inhibits", "CYP3A4", "stated"), ("itraconazole", "inhibits", "CYP3A4", "stated")}
    assert claims(read, "Apixaban is a substrate of P-glycoprotein and is metabolized mainly by CYP3A4.") == {
        ("apixaban", "is a substrate of", "p-glycoprotein", "stated"), ("apixaban", "is metabolized by", "CYP3A4", "stated")}
    # a list inside the drug's apposition does not take the subject's place
    assert ("imatinib mesylate", "is metabolized by", "CYP3A4", "stated") in claims(
        read, "Imatinib mesylate, an inhibitor of BCR-ABL, KIT and PDGFR tyrosine kinases, is metabolized mainly by CYP3A4.")


def test_a_substance_measured_in_the_body_changed_by_a_drug(read):
    text = ("Rats received cisplatin (5 mg/kg) with or without resveratrol. Renal malondialdehyde (MDA), an index of lipid "
            "peroxidation, increased 2.4-fold after cisplatin.")
    assert ("cisplatin", "increases", "malondialdehyde", "stated") in claims(read, text)
    # never given, measured in the kidney: also a marker that rose with the drug
    assert {(c.subject, c.change, c.object) for c in read(text).claims if c.kind == "biomarker"} == \
        {("malondialdehyde", "increased", "cisplatin")}


def test_binding_is_its_own_relation(read):
    assert claims(read, "Nutlin-3 binds MDM2 in the p53-binding pocket.") == {("nutlin-3", "binds", "MDM2", "stated")}
    assert claims(read, "Ivermectin bound to importin.") == {("ivermectin", "binds", "importin", "stated")}
    # ordinals share the head they are listed before
    assert claims(read, "JQ1 bound the first and second bromodomains of BRD4.") == {
        ("JQ1", "binds", "first bromodomains of BRD4", "stated"), ("JQ1", "binds", "second bromodomains of BRD4", "stated")}


def test_a_participle_after_the_main_clause_shares_its_subject(read):
    assert claims(read, "Ursolic acid supplementation induced skeletal muscle hypertrophy, increasing muscle weight, "
                        "fiber size and grip strength.") == {
        ("ursolic acid", "induces", "skeletal muscle hypertrophy", "stated"),
        ("ursolic acid", "increases", "muscle weight", "stated"), ("ursolic acid", "increases", "fiber size", "stated"),
        ("ursolic acid", "increases", "grip strength", "stated")}
    assert claims(read, "Metformin activated AMPK, thereby reducing mTOR signaling.") == {
        ("metformin", "activates", "AMPK", "stated"), ("metformin", "reduces", "mTOR signaling", "stated")}
    assert ("ruxolitinib", "reduces", "spleen size", "stated") in claims(
        read, "Ruxolitinib was superior to standard therapy, reducing spleen size and improving symptoms.")
    # a gene's transcripts are the gene's
    assert claims(read, "Ursolic acid reduced the atrophy-associated mRNAs encoding atrogin-1.") == {
        ("ursolic acid", "reduces", "atrogin-1", "stated")}


def test_a_purpose_infinitive_shares_the_subject(read):
    assert claims(read, "Ipilimumab is a monoclonal antibody that blocks cytotoxic T-lymphocyte-associated antigen 4 "
                        "(CTLA-4) to potentiate an antitumor T-cell response.") == {
        ("ipilimumab", "inhibits", "CTLA-4", "stated"), ("ipilimumab", "potentiates", "antitumor T-cell response", "stated")}
    # a genus's initial does not end the object; an adjective's drug is no later verb's subject
    assert claims(read, "Vancomycin reduced recurrence of C. difficile infection.") == {
        ("vancomycin", "reduces", "recurrence of C. difficile infection", "stated")}
    assert ("salvianolic acid a", "improves", "mitochondrial respiratory function", "stated") in claims(
        read, "Salvianolic acid A attenuated isoproterenol-induced cardiac dysfunction and improved mitochondrial "
              "respiratory function.")


def test_binding_directly_and_an_apposition_with_two_adjectives(read):
    assert ("thalidomide", "binds", "CRBN", "stated") in claims(read, "Thalidomide binds directly to CRBN.")
    assert claims(read, "Finerenone, a nonsteroidal, selective mineralocorticoid receptor antagonist, reduced albuminuria.") \
        >= {("finerenone", "reduces", "albuminuria", "stated")}


def test_the_receptor_a_class_name_holds(read):
    assert ("finerenone", "inhibits", "mineralocorticoid receptor", "stated") in claims(
        read, "Finerenone, a nonsteroidal, selective mineralocorticoid receptor antagonist, reduced albuminuria.")
    assert ("fenoldopam", "activates", "DA1 receptor", "stated") in claims(
        read, "Fenoldopam mesylate is a specific DA1 receptor agonist that lowers blood pressure.")


def test_splicing_modified_and_production_promoted(read):
    assert claims(read, "Nusinersen is an antisense oligonucleotide that modifies pre-messenger RNA splicing of the SMN2 gene "
                        "and thereby promotes increased production of full-length SMN protein.") == {
        ("nusinersen", "modifies", "SMN2 gene", "stated"), ("nusinersen", "promotes", "full-length SMN protein", "stated")}


def test_an_agent_named_with_its_class(read):
    assert claims(read, "ROS accumulation was inhibited by the iron chelator deferoxamine.") == {
        ("deferoxamine", "inhibits", "ROS accumulation", "stated")}
    assert ("sch 23390", "inhibits", "nicotine-induced hyperactivity", "stated") in claims(
        read, "Nicotine-induced hyperactivity was blocked by the selective D1 antagonist SCH 23390.")
