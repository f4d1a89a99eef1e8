"""Entity recognition and normalization on hand-written sentences, traps included."""

import pytest

from core_fixtures import extractor, read  # noqa: F401  (fixtures)


def entities(read, text):
    return {(e.label, e.type) for e in read(text).entities}


def ids(read, text, label):
    return next(e.ids for e in read(text).entities if e.label == label)


def test_drugs_targets_and_cell_populations_from_seed_sentence(read):
    found = entities(read, "Researchers examined chemoresistance of cancer stem cells (CSC) following treatment with "
                           "the mTOR inhibitor temsirolimus and liposomal doxorubicin.")
    assert ("temsirolimus", "drug") in found
    assert ("liposomal doxorubicin", "drug") in found
    assert ("MTOR", "target") in found
    assert ("cancer stem cells", "cell_population") in found


def test_identifiers_come_from_shipped_vocabularies(read):
    assert ids(read, "Patients received temsirolimus.", "temsirolimus") == ["DRUGBANK:DB06287", "MESH:C401859"]
    assert "HGNC:3942" in ids(read, "mTOR was inhibited.", "MTOR")
    assert "MESH:D012509" in ids(read, "Patients had sarcoma.", "sarcoma")


@pytest.mark.parametrize("text", [
    "The study was published in the journal Clinical Sarcoma Research.",
    "He works at the Sidney Kimmel Comprehensive Cancer Center in Baltimore.",
    "Results appeared in the Journal of Clinical Oncology.",
    "Scores on the Brief Psychiatric Rating Scale and the Erectile Dysfunction Inventory improved.",
    "Two further NOD/SCID xenograft models and SCID mice were used.",
    "The amsacrine analogue CI-921 (NSC 343499) was given by infusion.",
])
def test_journal_institution_and_scale_names_are_not_diseases(read, text):
    assert not [e for e in read(text).entities if e.type == "disease"]


def test_abbreviation_defined_in_text_resolves_to_long_form(read):
    x = read("Aldehyde dehydrogenase (ALDH) activity fell. ALDH was measured again.")
    ent = next(e for e in x.entities if e.label == "aldehyde dehydrogenase")
    assert len(ent.mentions) == 3


def test_abbreviation_with_other_meaning_is_dropped(read):
    # "HR" is a gene symbol elsewhere; here the text defines it as hazard ratio
    x = read("The hazard ratio (HR) was 0.5. The HR favoured the drug.")
    assert not [e for e in x.entities if e.type == "target"]


def test_coordinated_disease_names_are_split(read):
    found = entities(read, "Patients with metastatic soft tissue or bone sarcoma were enrolled.")
    assert ("soft tissue sarcoma", "disease") in found
    assert ("bone sarcoma", "disease") in found


def test_salt_word_joins_the_drug(read):
    found = entities(read, "Patients received eribulin mesylate 1.4 mg/m2.")
    assert ("eribulin", "drug") in found
    assert not any(label.startswith("mesylate") for label, _ in found)


def test_gene_symbols_need_their_case(read):
    # "met" and "set" are English words; MET and SET are genes
    assert not [e for e in read("The patients met the criteria and set a record.").entities if e.type == "target"]


def test_adverse_events_are_diseases_named_as_written(read):
    found = entities(read, "Diarrhea and hypertension were more frequent with pazopanib.")
    assert ("diarrhea", "disease") in found
    assert ("hypertension", "disease") in found


def test_cell_population_phrases(read):
    found = entities(read, "DSF/Cu eliminated ALDH-positive NSCLC stem cells in culture.")
    assert ("ALDH-positive NSCLC stem cells", "cell_population") in found


def test_expression_makes_a_biomarker(read):
    x = read("Decreased ALDH expression was associated with response.")
    assert ("aldehyde dehydrogenase", "biomarker") in {(e.label, e.type) for e in x.entities}


@pytest.mark.parametrize("text, label, mesh", [
    # MONDO gives each of these names as a synonym of another disease (hypereosinophilic syndrome,
    # atactic disorder, stroke disorder); the MeSH heading of that very name wins
    ("Eosinophilia developed after two weeks of treatment.", "eosinophilia", "MESH:D004802"),
    ("Ataxia and dysarthria were dose-limiting.", "ataxia", "MESH:D001259"),
    ("Cerebral infarction occurred in two patients.", "cerebral infarction", "MESH:D002544"),
])
def test_a_disease_name_takes_the_id_of_the_heading_it_names(read, text, label, mesh):
    assert mesh in ids(read, text, label)


@pytest.mark.parametrize("text", [
    "Body weight and emergency visits were recorded; signs and symptoms resolved.",
    "Serum levels were depressed in the bone marrow of treated rats.",
])
def test_general_headings_and_body_parts_are_not_diseases(read, text):
    assert not [e for e in read(text).entities if e.type == "disease"]


def test_dosage_forms_and_substance_groups_are_not_drugs(read):
    found = entities(read, "Rats received saline solution, tablets or placebo with drinking water; "
                           "electrolytes, lipids and cisplatin were measured.")
    assert {label for label, typ in found if typ == "drug"} == {"cisplatin"}


def test_a_gene_alias_needs_a_sentence_about_genes_or_proteins(read):
    # REM is an alias of REM1: in this sentence it is sleep
    assert not [e for e in read("Clomipramine suppressed REM sleep. It was measured in no patient.").entities
                if e.type in ("target", "biomarker")]
    # the same alias names the gene where the sentence speaks of one
    assert ("MAP2K1", "target") in entities(read, "MEK1 kinase activity was inhibited by trametinib.")


def test_foods_brand_words_and_capitalized_synonyms_are_not_entities(read):
    # DrugBank's allergen extracts ("Date", "Rabbit"), a brand name in capitals ("MONITOR", methamidophos),
    # MONDO's "THYROID" (thyroid tumor) and "Air" (acute insulin response)
    text = ("To date, rabbits fed lemon and turkey were monitored; thyroid function and air flow were normal. "
            "Rash developed in two rabbits.")
    assert {label for label, _ in entities(read, text)} == {"rash"}


def test_an_abbreviation_keeps_its_meaning_before_a_hyphen(read):
    doc = read("Neuropathy limits chemotherapy with paclitaxel (PAC). We studied PAC-induced peripheral neuropathy.")
    assert {(e.label, e.type) for e in doc.entities} >= {("paclitaxel", "drug")}
    assert not [e for e in doc.entities if e.label == "gonorrhea"]  # what the lexicon alone reads "PAC" as
    assert ("paclitaxel", "induces", "peripheral neuropathy") in {(c.subject, c.relation, c.object) for c in doc.claims}


def test_a_short_form_is_read_as_a_word_of_its_own_within_each_sentence():
    from extract.entities import word_places
    text = "PAC. PACs and PAC-1 differ from PAC-induced (PAC) effects.PAC"
    sentences = [(0, 4), (5, 57), (58, 61)]
    places = [text[a:b] + "@" + str(a) for a, b in word_places(text, "PAC", sentences)]
    # (a word's edge is the sentence's: "effects.PAC" starts a sentence of its own; "PACs" and "PAC-1" are other words)
    assert places == ["PAC@0", "PAC@32", "PAC@45", "PAC@58"]
    assert list(word_places("a PAC b", "PAC", [(0, 2)])) == []  # outside every sentence
    # a code stands before no hyphen at all ("MCC950-treated" is not the code's own word)
    assert list(word_places("MCC950-treated and MCC950.", "MCC950", [(0, 26)], hyphen_after=False)) == [(19, 25)]


def test_every_use_of_many_short_forms_in_a_long_text_is_read(read):
    # (hundreds of abbreviations in a full text: each short form is looked for once, not once per sentence)
    text = " ".join(f"Drug {i} was given with paclitaxel (PAC{i}). PAC{i} was well tolerated." for i in range(10, 310))
    doc = read(text)
    paclitaxel = next(e for e in doc.entities if e.label == "paclitaxel")
    assert len(paclitaxel.mentions) == 900


@pytest.mark.parametrize("text, label, synonym", [
    # a MeSH heading is a plural, an enzyme name or a class: the paper's name labels the entity
    ("Patients given estrogen had lower alanine aminotransferase.", "alanine aminotransferase", "alanine transaminase"),
    ("Ototoxicity of aminoglycoside antibiotics causes hearing loss.", "aminoglycoside", "aminoglycosides"),
    # an abbreviation or a misspelling does not name it; the spelled-out or vocabulary name does
    ("Rats received alpha-tocopherol (alpha-TC). alpha-TC reduced the damage; alpha-TC was safe.",
     "alpha-tocopherol", "alpha-TC"),
    ("She was treated with benazapril 5 mg daily.", "benazepril", "benazapril"),
    # DrugBank's name stays the drug's label
    ("Patients received CCI-779 weekly.", "temsirolimus", "CCI-779"),
])
def test_an_entity_is_labelled_by_a_name_it_goes_by(read, text, label, synonym):
    x = read(text)
    ent = next(e for e in x.entities if e.label == label)
    assert synonym in ent.synonyms


def test_records_name_an_entity_as_its_label_does(read):
    x = read("Gentamicin, an aminoglycoside, was compared. Aminoglycoside (5 mg/kg daily) induced hearing loss.")
    assert {r.drug for r in x.regimens} == {"aminoglycoside"}
    assert {c.subject for c in x.claims} == {"aminoglycoside"}


def test_what_an_inhibitor_inhibits_is_a_target(read):
    x = read("Ximelagatran, an oral direct thrombin inhibitor, and idraparinux, a Factor Xa inhibitor, were compared.")
    assert {(e.label, e.type) for e in x.entities} >= {("thrombin", "target"), ("factor xa", "target"),
                                                        ("ximelagatran", "drug"), ("idraparinux", "drug")}


@pytest.mark.parametrize("text", [
    "Patients received asenapine at 5 mg twice daily (BID) or asenapine at 10 mg BID.",
    "Haloperidol was given at 4 mg BID for 6 weeks.",
])
def test_a_dosing_abbreviation_is_no_gene(read, text):
    assert not [e for e in read(text).entities if e.type == "target"]


def test_the_bid_gene_is_still_read_in_a_sentence_about_apoptosis(read):
    assert ("BID", "target") in entities(read, "Caspase-8 cleaves BID in apoptotic cells.")


def test_a_lung_function_measure_names_no_drug(read):
    assert not entities(read, "The diffusing capacity of the lung for carbon monoxide did not differ.")


def test_names_of_one_drug_from_two_vocabularies_are_one_entity(read):
    x = read("A study of single-agent paclitaxel (Taxol; Bristol-Myers Squibb) reported a 37% response rate. "
             "Taxol was given at 175 mg/m2.")
    (drug,) = [e for e in x.entities if e.type == "drug"]
    assert drug.label == "paclitaxel" and "Taxol" in drug.synonyms and "MESH:D017239" in drug.ids
    assert {(r.drug, r.drug_key) for r in x.regimens} == {("paclitaxel", drug.ids[0])}


@pytest.mark.parametrize("text, label, synonym", [
    # another generic name the paper uses labels the drug ...
    ("Patients took paracetamol for pain; paracetamol overdose was rare.", "paracetamol", "acetaminophen"),
    # ... a brand name or a code does not
    ("An overdose of Zyban caused significant neurological toxicity.", "bupropion", "Zyban"),
    ("Patients received MK-801 and haloperidol.", "MK-801", "dizocilpine maleate"),
])
def test_a_drug_goes_by_the_generic_name_the_paper_uses(read, text, label, synonym):
    ent = next(e for e in read(text).entities if e.type == "drug")
    assert (ent.label, synonym in ent.synonyms) == (label, True)


def test_pd1_and_pdl1_by_their_full_names_are_targets(read):
    found = entities(read, "Pembrolizumab is an antibody against programmed death 1 that blocks its binding to "
                           "programmed death ligand 1.")
    assert {("PDCD1", "target"), ("CD274", "target")} <= found


def test_a_gene_a_long_form_names_keeps_its_symbol(read):
    x = read("Rearrangements of the gene encoding ROS1 proto-oncogene receptor tyrosine kinase (ROS1) define a "
             "subgroup. Crizotinib inhibits ROS1 in ROS1-rearranged tumors.")
    ros1 = next(e for e in x.entities if e.label == "ROS1")
    assert ros1.type == "target" and "biomarker" in ros1.extra_types


def test_an_assay_names_no_target(read):
    assert not [e for e in read("Fusions were identified with reverse-transcriptase-polymerase-chain-reaction "
                                "assays.").entities if e.type == "target"]


def test_an_abbreviation_whose_long_form_stops_short_of_a_name_is_not_that_name(read):
    found = entities(read, "Alterations in DNA repair genes are associated with response to poly(adenosine "
                           "diphosphate-ribose) polymerase (PARP) inhibition. The PARP inhibitor olaparib was given.")
    assert ("PARP1", "target") in found and not [f for f in found if f[0].startswith("poly")]


def test_genes_whose_alteration_selects_patients_are_biomarkers(read):
    x = read("Cohort A had at least one alteration in BRCA1, BRCA2, or ATM.")
    assert {(e.label, e.type) for e in x.entities} >= {("BRCA1", "biomarker"), ("BRCA2", "biomarker"),
                                                         ("ATM", "biomarker")}
    assert ("castration-resistant prostate cancer", "disease") in entities(
        read, "Men with metastatic castration-resistant prostate cancer were enrolled.")


def test_a_development_code_in_parentheses_is_the_drug_before_it(read):
    x = read("Dexrazoxane (ICRF-187) protects the heart. ICRF-187 was given before doxorubicin.")
    (dex,) = [e for e in x.entities if e.label == "dexrazoxane"]
    assert [m.text for m in dex.mentions].count("ICRF-187") == 2
    # not the tail of a longer chemical name the lexicon cut short
    x = read("N,N'-dibenzhydrylethane-1,2-diamine dihydrochloride (AMN082) was tested. AMN082 (5 mg/kg) was given.")
    assert not any("AMN082" in [m.text for m in e.mentions] for e in x.entities)
    # and the other way round: the code first, the name in parentheses
    x = read("BMS-354825 (dasatinib) was given at 70 mg twice daily. BMS-354825 inhibits SRC kinases.")
    (das,) = [e for e in x.entities if e.label == "dasatinib"]
    assert [m.text for m in das.mentions].count("BMS-354825") == 2


def test_a_gene_product_long_form_the_lexicon_lacks_keeps_its_symbol(read):
    x = read("Half of breast cancers have low levels of human epidermal growth factor receptor 2 (HER2) expression. "
             "Trastuzumab deruxtecan targets HER2.")
    assert {(e.label, e.type) for e in x.entities} == {
        ("breast cancers", "disease"), ("ERBB2", "target"), ("trastuzumab deruxtecan", "drug")}


@pytest.mark.parametrize("text, symbol, mention", [
    ("Serum neuron-specific enolase (NSE) was measured monthly; NSE fell.", "ENO2", "NSE"),  # the head is an enzyme
    ("We measured secreted protein acidic and rich in cysteine (SPARC) in the stroma; SPARC was high.", "SPARC", "SPARC"),
])
def test_a_gene_product_long_form_named_by_its_head_keeps_its_symbol(read, text, symbol, mention):
    genes = {e.label: [m.text for m in e.mentions] for e in read(text).entities if e.type in ("target", "biomarker")}
    assert mention in genes.get(symbol, [])


def test_an_enzyme_long_form_does_not_take_an_alias_that_collides(read):
    # "UGT" is an alias of SLC35A2 in HGNC: the glucuronosyltransferases are not named by the lexicon
    x = read("Ezetimibe undergoes glucuronidation by uridine diphosphate glucoronosyltransferases (UGT) in the liver.")
    assert "SLC35A2" not in {e.label for e in x.entities}


def test_a_new_lexicon_cache_replaces_the_caches_of_other_lexicons(tmp_path, monkeypatch):
    import gzip
    import os
    import time

    from extract.lexicon import Lexicon
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))

    def lexicon_file(name: str, term: str):
        path = tmp_path / name
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write("term\ttype\tlabel\tids\tsource\tcase\n")
            fh.write(f"{term}\tdrug\t{term}\tDRUGBANK:DB00001\tdrugbank\t0\n")
        return path

    Lexicon.load(lexicon_file("a.tsv.gz", "alphamab"))
    (first,) = (tmp_path / "cache").glob("lexicon-*.pickle")
    stale_tmp = tmp_path / "cache" / "lexicon-0-dead.123.tmp"
    stale_tmp.write_bytes(b"x")
    os.utime(stale_tmp, (time.time() - 7200, time.time() - 7200))
    lex = Lexicon.load(lexicon_file("b.tsv.gz", "betamab"))
    assert [c.label for c in (lex.lookup("betamab"),)] == ["betamab"]
    (second,) = (tmp_path / "cache").glob("lexicon-*")  # the first lexicon's cache and the stale file are gone
    assert second != first and second.suffix == ".pickle"


@pytest.mark.parametrize("text, label, type_", [
    ("Tumor PIK3CA mutation status did not predict benefit from everolimus.", "PIK3CA", "biomarker"),
    ("MYC amplification was found in 20% of tumors.", "MYC", "biomarker"),
    ("DES exposure in utero increased the risk of vaginal adenocarcinoma.", "diethylstilbestrol", "drug"),
])
def test_a_gene_symbol_drugbank_also_lists_is_the_gene_where_genes_are_spoken_of(read, text, label, type_):
    assert (label, type_) in {(e.label, e.type) for e in read(text).entities}


def test_adverse_events_of_targeted_therapy_and_a_listed_pair(read):
    x = read("The incidences of diarrhea, nausea, vomiting, and palmar-plantar erythrodysesthesia were higher with "
             "capecitabine; hand-foot skin reaction was frequent with sorafenib, an inhibitor of Raf.")
    found = {(e.type, e.ids[0]) for e in x.entities}
    assert {("disease", "MESH:D009325"), ("disease", "MESH:D014839"), ("disease", "MESH:D060831"),
            ("target", "MESH:D048490")} <= found
    assert {m.text for e in x.entities if e.ids[0] == "MESH:D060831" for m in e.mentions} == {
        "palmar-plantar erythrodysesthesia", "hand-foot skin reaction"}
    assert not any(", " in e.label for e in x.entities)


def test_a_cell_line_name_is_no_drug(read):
    x = read("Metformin killed stem cells in MCF-7 and MDA-MB-231 cells.")
    assert {e.label for e in x.entities if e.type == "drug"} == {"metformin"}


def test_a_numbered_pair_of_genes_and_growth_factors_as_targets(read):
    x = read("Patients with BRCA1/2 mutations benefited. Bevacizumab is an antibody against vascular endothelial "
             "growth factor (VEGF).")
    found = {(e.type, e.ids[0]) for e in x.entities}
    assert {("biomarker", "HGNC:1100"), ("biomarker", "HGNC:1101"), ("target", "HGNC:12680")} <= found


def test_mgmt_long_form_is_the_gene_not_a_drug(read):
    x = read("Among patients with methylated O6-methylguanine-DNA methyltransferase (MGMT) status, survival was longer.")
    assert {(e.type, e.ids[0]) for e in x.entities} == {("biomarker", "HGNC:7059")}


def test_rank_ligand_is_a_target(read):
    x = read("Denosumab is a fully human monoclonal antibody that binds RANK ligand (RANKL).")
    assert ("target", "HGNC:11926") in {(e.type, e.ids[0]) for e in x.entities}


def test_cyclooxygenases_are_the_prostaglandin_synthases_not_cytochrome_oxidase(read):
    # HGNC lists COX as an alias of COX8A and COX2 of MT-CO2; a pharmacology text means PTGS1 and PTGS2
    x = read("Valdecoxib, a COX-2-specific inhibitor, spares COX-1. NSAIDs inhibit cyclooxygenase (COX).")
    found = {(e.type, e.ids[0]) for e in x.entities}
    assert {("target", "HGNC:9605"), ("target", "HGNC:9604"), ("target", "MESH:D011451")} <= found
    assert not {"COX8A", "MT-CO2"} & {e.label for e in x.entities}
    assert ("valdecoxib", "inhibits", "COX-2") in {(c.subject, c.relation, c.object) for c in x.claims}


def test_bcr_abl_and_abl_are_targets_not_lauric_acid(read):
    x = read("Imatinib mesylate, an inhibitor of BCR-ABL, KIT and PDGFR tyrosine kinases, also inhibits ABL.")
    found = {(e.type, e.ids[0]) for e in x.entities}
    assert {("target", "MESH:D016044"), ("target", "HGNC:76")} <= found
    assert not any(e.label == "lauric acid" for e in x.entities)


def test_british_spellings_of_disease_names(read):
    x = read("Grade 3 adverse events were hypophosphataemia, hypokalaemia, oesophagitis and palmar-plantar syndrome.")
    assert {e.ids[0] for e in x.entities} >= {"MESH:D017674", "MESH:D007008", "MESH:D060831"}


def test_bipolar_mania_is_one_disease(read):
    x = read("Quetiapine was studied in patients with bipolar mania.")
    assert [(e.type, e.ids[0]) for e in x.entities if e.type == "disease"] == [("disease", "MESH:D001714")]


def test_a_plural_heading_names_its_singular_too(read):
    # MeSH names "Hip Fractures" and "Psychoses" only in the plural; a stop word stays out ("infection")
    x = read("Elderly patients underwent hip fracture repair; one developed a toxic psychosis and an infection.")
    found = {(e.type, e.ids[0]) for e in x.entities}
    assert ("disease", "MESH:D006620") in found
    assert "fracture" not in {e.label for e in x.entities}
    assert "infection" not in {m.text for e in x.entities for m in e.mentions}


def _build_lexicons_module():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "build_lexicons.py"
    spec = importlib.util.spec_from_file_location("build_lexicons", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("plural, one", [
    ("Hip Fractures", "Hip Fracture"), ("Drug Allergies", "Drug Allergy"), ("Toxic Psychoses", "Toxic Psychosis"),
    ("Brain Diseases", "Brain Disease"), ("Zoonoses", "Zoonosis"),
    # no plural, or a plural with no singular in use
    ("Rheumatoid Arthritis", None), ("Herpes", None), ("Brain Abscess", None), ("Diabetes", None), ("Rabies", None),
    ("Bends", None), ("Delirium Tremens", None), ("Drug Overdoses", None), ("AA amyloidosis, bats", None),
])
def test_singular_of_a_plural_disease_name(plural, one):
    assert _build_lexicons_module().singular(plural) == one


def test_hiv_1_infection_is_hiv_infections(read):
    x = read("Zidovudine was studied in patients with HIV-1 infection.")
    assert [(e.type, e.ids[0]) for e in x.entities if e.type == "disease"] == [("disease", "MESH:D015658")]
    assert [st.conditions for st in x.studies] == [["HIV-1 infection"]]


def test_a_cell_population_and_its_abbreviated_form_are_one_entity(read):
    x = read("Breast cancer stem cells (CSCs) resist paclitaxel. Salinomycin killed breast CSCs and "
             "ALDH-positive cancer stem cells; ALDH-positive CSCs were fewer.")
    cells = [e for e in x.entities if e.type == "cell_population" and "positive" in e.label.lower()]
    assert len(cells) == 1
    assert len([e for e in x.entities if e.type == "cell_population" and e.label.lower().startswith("breast")]) == 1


def test_an_abbreviation_means_its_whole_long_form(read):
    # "breast cancer" and "stem cells" are the lexicon's names inside the long form; the whole is cancer stem cells
    x = read("Salinomycin kills breast cancer stem cells (CSCs). CSCs initiate tumor growth.")
    csc = next(e for e in x.entities if any(m.text == "CSCs" for m in e.mentions))
    assert csc.ids[0] == "MESH:D014411"


def test_a_name_with_its_abbreviation_in_the_vocabulary_is_still_one_entity(read):
    # MONDO lists "chronic lymphocytic leukemia (CLL)" as a name of another concept than the bare name's
    x = read("Salinomycin induces apoptosis in chronic lymphocytic leukemia (CLL) cells. CLL cells and chronic "
             "lymphocytic leukemia cells from patients were resistant to chlorambucil.")
    assert len([e for e in x.entities if e.type == "disease"]) == 1
    assert _build_lexicons_module().usable("ACTH (13-24)") and not _build_lexicons_module().usable("IP2 (formerly)")


def test_the_word_biomarker_is_no_drug(read):
    x = read("Reduced phospho-S6 may serve as a pharmacodynamic biomarker of mTOR inhibition by everolimus.")
    assert [e.label for e in x.entities if e.type == "drug"] == ["everolimus"]


def test_a_name_in_the_middle_of_a_code_is_no_mention(read):
    x = read("Rapamycin decreased ALDH-high cells in UM-SCC-22B cells and in the PI3K-AKT-mTOR axis of HNSCC.")
    assert not any(m.text == "SCC" for e in x.entities for m in e.mentions)
    assert {"AKT1", "MTOR"} <= {e.label for e in x.entities}


def test_gene_symbols_written_with_a_hyphen(read):
    x = read("Olaparib inhibits PARP-1 and reduced BMI-1 and MMP-9 expression in HIF-1α-positive cells.")
    assert {"PARP1", "BMI1", "MMP9", "HIF1A"} <= {e.label for e in x.entities if e.type in ("target", "biomarker")}
    assert "TIPARP" not in {e.label for e in x.entities}  # (an old alias of another gene)
    # a name followed by a decimal is a measurement: "CCr 2.1 ml/min" names no CCR2
    assert not [e for e in read("Baseline CCr 2.1 +/- 0.1 ml/min was normal.").entities if e.type == "target"]


def test_a_disease_named_in_the_plural_and_the_singular_is_one_entity(read):
    # MeSH's plural heading and MONDO's singular name share MESH:D046152; MONDO's "(gist)" name is dropped
    x = read("Imatinib in advanced gastrointestinal stromal tumors. We treated patients with advanced gastrointestinal "
             "stromal tumor (GIST) with imatinib; most GISTs respond.")
    gist = [e for e in x.entities if e.type == "disease"]
    assert len(gist) == 1 and "MESH:D046152" in gist[0].ids
    x = read("Imatinib in gastrointestinal stromal tumors. Patients with gastrointestinal stromal tumor responded.")
    assert len([e for e in x.entities if e.type == "disease"]) == 1  # (also without an abbreviation)


def test_a_compound_known_only_by_its_code(read):
    x = read("We identified CM37, a selective ALDH1A1 inhibitor, in a screen. CM37 reduced spheroid formation. The "
             "alpha-2 antagonist DG-5128 [10 mg/kg] was given. A2780 cells, a model of ovarian cancer, were used.")
    drugs = {e.label: e for e in x.entities if e.type == "drug"}
    assert set(drugs) == {"CM37", "DG-5128"} and drugs["CM37"].ids == [] and len(drugs["CM37"].mentions) == 2
    assert {(r.drug, r.dose) for r in x.regimens} == {("DG-5128", 10)}
    # (a code the vocabulary names stays that drug: "the MEK inhibitor PD0325901" is mirdametinib)
    assert [e.label for e in read("The MEK inhibitor PD0325901 reduced ERK phosphorylation.").entities
            if e.type == "drug"] == ["mirdametinib"]


def test_marker_statuses_and_levels_make_a_biomarker_and_a_gene_named_as_a_gene_is_no_disease(read):
    x = read("We enrolled women with estrogen receptor-positive, HER2-negative advanced breast cancer. Blood levels of "
             "vascular endothelial growth factor D (VEGF-D), a marker of disease activity, fell. LAM is caused by "
             "mutations in the tuberous sclerosis complex genes TSC1 and TSC2.")
    types = {e.label: e.types for e in x.entities}
    assert "biomarker" in types["ERBB2"] and "biomarker" in types["VEGFD"]
    assert types["TSC1"][0] in ("target", "biomarker") and types["TSC2"][0] in ("target", "biomarker")


def test_a_drug_its_salt_and_its_other_name_in_parentheses_are_one(read):
    x = read("Abiraterone in metastatic prostate cancer. Patients received abiraterone acetate 1000 mg daily with "
             "prednisone. Nab-paclitaxel (albumin-bound paclitaxel) was given with gemcitabine. PSA levels fell.")
    drugs = sorted(e.label for e in x.entities if e.type == "drug")
    assert drugs == ["abiraterone", "gemcitabine", "nab-paclitaxel", "prednisone"]
    assert [e.type for e in x.entities if e.label == "prostate-specific antigen"] == ["biomarker"]
    # (a salt of an ion is another substance; a class names no one drug: "a bisphosphonate (alendronate)")
    x = read("Potassium chloride and potassium were given. Patients took a bisphosphonate (alendronate) daily.")
    assert {"potassium chloride", "alendronate"} <= {e.label for e in x.entities if e.type == "drug"}


def test_a_substance_measured_in_the_body_is_also_a_biomarker(read):
    x = read("Cisplatin raised plasma creatinine from 0.42 to 2.3 mg/dL; renal malondialdehyde (MDA) levels doubled. "
             "Rats received resveratrol 10 mg/kg daily.")
    types = {e.label: e.types for e in x.entities}
    assert types["creatinine"] == ["drug", "biomarker"] and "biomarker" in types["malondialdehyde"]
    assert types["resveratrol"] == ["drug"] and types["cisplatin"] == ["drug"]


def test_s6_ribosomal_protein_and_words_that_name_no_entity(read):
    x = read("Phosphorylation of S6 ribosomal protein decreased. A two-drug combination helped. The p110alpha isoform "
             "was inhibited.")
    assert [(e.label, e.ids[0]) for e in x.entities] == [("RPS6", "HGNC:10429")]


@pytest.mark.parametrize("text, symbol, mention", [
    ("Pioglitazone activates PPARγ.", "PPARG", "PPARγ"),
    ("IL-1β levels rose after surgery.", "IL1B", "IL-1β"),
    ("HIF-1α was stabilized under hypoxia.", "HIF1A", "HIF-1α"),
])
def test_greek_letters_are_read_as_gene_symbols_write_them(read, text, symbol, mention):
    genes = {e.label: [m.text for m in e.mentions] for e in read(text).entities}
    assert mention in genes.get(symbol, [])


@pytest.mark.parametrize("text, symbol, other", [
    # a gene's name with its number is the gene, not the lymphoma or the kinase family inside it
    ("ABT-199 binds B-cell lymphoma 2 (BCL-2) with high affinity.", "BCL2", "B-Cell lymphoma"),
    ("Lithium inhibits glycogen synthase kinase-3β (GSK-3β).", "GSK3B", "glycogen synthase kinase"),
])
def test_a_numbered_gene_name_with_its_symbol_names_the_gene(read, text, symbol, other):
    labels = {e.label for e in read(text).entities}
    assert symbol in labels and other not in labels


def test_a_symbol_that_only_collides_with_an_alias_keeps_the_long_form(read):
    # "GlyT1" is an HGNC alias of MGAT1: the glycine transporter is not that gene
    labels = {e.label for e in read("Sarcosine inhibits glycine transporter 1 (GlyT1).").entities}
    assert "MGAT1" not in labels


def test_a_protein_complex_is_a_target_not_a_drug(read):
    types = {e.ids[0]: e.type for e in read("Bortezomib inhibits the proteasome and NF-kB signalling.").entities}
    assert types.get("MESH:D046988") == "target" and types.get("MESH:D016328") == "target"  # (MeSH tree D05.500)


def test_ras_genes_as_papers_write_them_and_enzymes_that_are_antigens_too(read):
    x = read("Tumors with K-ras mutations did not respond. Sacubitril inhibits neprilysin; troponin T declined.")
    genes = {e.label: e.type for e in x.entities}
    assert genes.get("KRAS") in ("target", "biomarker")
    types = {e.ids[0]: e.type for e in x.entities}
    assert types.get("MESH:D015260") == "target" and types.get("MESH:D020107") in ("target", "biomarker")


def test_a_radioligand_mapped_to_an_antigen_heading_stays_a_drug(read):
    types = {e.label.lower(): e.type for e in read("Patients received 177Lu-PSMA-617 every 6 weeks.").entities}
    assert types.get("177lu-psma-617") == "drug"


def test_a_ligand_with_its_abbreviation_before_receptor_names_the_receptor(read):
    x = read("Semaglutide, a glucagon-like peptide-1 (GLP-1) receptor agonist, may reduce body weight.")
    types = {e.ids[0]: e.type for e in x.entities if e.ids}
    assert types.get("MESH:D000067757") == "target"  # the GLP-1 receptor
    assert ("semaglutide", "activates", "glucagon-like peptide-1 receptor") in {
        (c.subject, c.relation, c.object) for c in x.claims}  # (named without the abbreviation inside)


def test_a_receptor_the_vocabularies_lack_is_a_target_without_an_identifier(read):
    x = read("Tirzepatide is a once-weekly agonist of both the glucose-dependent insulinotropic polypeptide (GIP) "
             "receptor and the glucagon-like peptide-1 (GLP-1) receptor.")
    ents = {e.label.lower(): e for e in x.entities}
    gip = ents.get("glucose-dependent insulinotropic polypeptide receptor")
    assert gip is not None and gip.type == "target" and gip.ids == []  # no identifier invented
    assert "glucose-dependent insulinotropic polypeptide" not in ents  # the ligand is not a drug given here
    claims = {(c.subject, c.relation, c.object) for c in x.claims}
    assert ("tirzepatide", "activates", "glucose-dependent insulinotropic polypeptide receptor") in claims
    assert ("tirzepatide", "activates", "glucagon-like peptide-1 receptor") in claims


def test_a_development_code_and_a_date_are_no_gene_or_disease(read):
    x = read("Sotorasib (AMG 510) inhibits KRAS G12C. It was approved in March 2019 for adults with AML.")
    assert {e.label for e in x.entities} == {"sotorasib", "KRAS", "acute myeloid leukemia"}
    assert "AMG 510" in next(e for e in x.entities if e.label == "sotorasib").synonyms


def test_a_receptor_named_with_its_ligands_class_after_the_abbreviation(read):
    x = read("Esketamine is a noncompetitive antagonist of the N-methyl-D-aspartate (NMDA) glutamate receptor.")
    assert {(e.type, e.ids[0]) for e in x.entities if e.ids} >= {("target", "MESH:D016194")}
    assert not [e for e in x.entities if e.type == "drug" and e.label != "esketamine"]  # (not the ligand)


def test_statins_are_the_class_not_simvastatin(read):
    ids = {e.label: e.ids for e in read("Statins can cause a necrotizing myopathy; simvastatin was stopped.").entities}
    assert ids["statins"] == ["MESH:D019161"] and ids["simvastatin"][0] != "MESH:D019161"


def test_a_code_with_its_other_names_in_parentheses_is_a_drug(read):
    x = read("Here we describe MCC950 (also known as CRID3), a potent and selective small-molecule inhibitor of NLRP3. "
             "MCC950 blocked NLRP3 activation.")
    drug = next(e for e in x.entities if e.label == "MCC950")
    assert drug.type == "drug" and drug.ids == []
    assert ("MCC950", "inhibits", "NLRP3") in {(c.subject, c.relation, c.object) for c in x.claims}


@pytest.mark.parametrize("text, not_a_disease", [
    ("IDH1 and IDH2 mutations were found. IDH differentiation syndrome occurred in 3.9%.", "IDH"),
    ("Patients with BRCA1 or BRCA2 mutations had BRCA-related cancers.", "BRCA"),
    ("Digoxin reduced the growth of PC3 prostate cancer xenografts.", "PC3"),
])
def test_a_gene_family_or_a_cell_line_code_is_no_disease(read, text, not_a_disease):
    x = read(text)
    assert not [e for e in x.entities if e.type == "disease" and not_a_disease in [m.text for m in e.mentions]]


def test_a_gene_named_by_its_family_and_member(read):
    # "cytochrome P450 3A4 (CYP3A4)" is the enzyme, not the whole P450 family (nor is CYP3A4 dropped)
    x = read("Midazolam is metabolized by cytochrome P450 3A4 (CYP3A4). Itraconazole inhibits CYP3A4.")
    targets = {e.label: e for e in x.entities if e.type == "target"}
    assert set(targets) == {"CYP3A4"} and len(targets["CYP3A4"].mentions) == 3
    # a short form the vocabulary knows only as a MeSH heading goes by the paper's name for it
    x = read("Abiraterone blocks cytochrome P450 c17 (CYP17), an enzyme of androgen biosynthesis; CYP17 is expressed.")
    assert [e.label for e in x.entities if e.type == "target"] == ["cytochrome P450 c17"]
    assert [e.label for e in read("Inhibitors of CYP17 were given.").entities if e.type == "target"] == ["CYP17"]


def test_a_protein_named_by_its_mass(read):
    # "p53" needs no gene word in its sentence, and a tumour suppressor or acetylation is one
    x = read("Resveratrol stimulated SIRT1-dependent deacetylation of p53 at lysine 382. Cells lacking p21 died.")
    assert {"TP53", "CDKN1A"} <= {e.label for e in x.entities if e.type == "target"}


def test_cancer_named_alone_is_the_disease(read):
    x = read("Disulfiram may be repurposed for cancer therapy; it did not raise the incidence of malignancies.")
    cancer = [e for e in x.entities if e.type == "disease"]
    assert len(cancer) == 1 and "MESH:D009369" in cancer[0].ids and len(cancer[0].mentions) == 2
    # cells, stem cells and institutions named after it are not the disease
    x = read("The cancer stem cell hypothesis was tested in cancer cells from The Cancer Genome Atlas.")
    assert not [e for e in x.entities if e.type == "disease"]


def test_a_rating_instruments_words_name_no_gene_or_disease(read):
    x = read("Secondary end points were scores of the Migraine Physical Function Impact Diary in patients with migraine. "
             "Sox2, Oct4 and Nanog fell.")
    assert {e.label for e in x.entities} == {"migraine", "SOX2", "POU5F1", "NANOG"}
    assert len([e for e in x.entities if e.label == "migraine"][0].mentions) == 1


def test_metastases_named_with_their_site(read):
    x = read("Patients with measurable central nervous system (CNS) metastases had responses; CNS metastases shrank.")
    mets = [e for e in x.entities if e.type == "disease"]
    assert [(e.label, e.ids[0]) for e in mets] == [("central nervous system metastases", "MESH:D009362")]


def test_proteins_papers_measure_are_not_drugs(read):
    x = read("Hemoglobin fell, collagen was degraded and cytokines and reactive oxygen species rose after a peptide vaccine.")
    assert {(e.label, e.type) for e in x.entities} == {("hemoglobin", "biomarker"), ("collagen", "target"),
                                                       ("cytokines", "target"), ("reactive oxygen species", "biomarker")}


def test_the_search_forms_of_a_documents_sentences_are_each_sentences_own():
    from extract.lexicon import normalize, search_form, search_forms
    norm = normalize("Anti-PD-1 (nivolumab) works. 5-FU/LV: ok.\nEnd-of-study, (n=3)")
    spans = [(0, 29), (30, 43), (44, 63), (5, 6), (7, 7), (62, 63)]
    assert search_forms(norm, spans) == [search_form(norm[a:b]) for a, b in spans]


@pytest.mark.parametrize("text, short, long", [
    ("Multiple myeloma (MM) remains incurable.", "MM", "Multiple myeloma"),  # (not "myeloma", whose m's spell MM too)
    ("Diabetic nephropathy (DN) progresses.", "DN", "Diabetic nephropathy"),
    ("Non-small cell lung cancer (NSCLC) was treated.", "NSCLC", "Non-small cell lung cancer"),  # (Schwartz & Hearst's)
])
def test_a_short_form_spelled_by_the_first_letters_of_its_words_takes_them_all(text, short, long):
    from extract.abbreviations import find_abbreviations
    [ab] = find_abbreviations(text, [(0, len(text))])
    assert (ab.short, ab.long) == (short, long)


def test_one_disease_whether_named_or_abbreviated(read):
    doc = read("Multiple myeloma (MM) remains incurable. We studied human MM cells.")
    [myeloma] = [e for e in doc.entities if e.type == "disease"]
    assert myeloma.ids[0] == "MESH:D009101" and {m.text for m in myeloma.mentions} == {"Multiple myeloma", "MM"}


def test_solid_tumors_are_a_condition_but_the_response_criteria_name_none(read):
    doc = read("Patients with advanced solid tumors received buparlisib once daily. One patient with triple-negative "
               "breast cancer had a partial response by Response Evaluation Criteria in Solid Tumors.")
    [solid] = [e for e in doc.entities if e.label == "solid tumors"]
    assert solid.type == "disease" and solid.ids == [] and [m.text for m in solid.mentions] == ["solid tumors"]
    assert doc.studies[0].conditions[0] == "solid tumors"
