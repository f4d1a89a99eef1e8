"""Language data for claims: relation verbs, change words and certainty cues.

Plain tables (spaCy keeps language data the same way, in ``spacy/lang/en/stop_words.py``), so
rules can be read and extended without touching the algorithm in ``extract/claims.py``.
"""

from __future__ import annotations

# (regex on the text, canonical relation). Longer, more specific phrases first.
RELATIONS: list[tuple[str, str]] = [
    # Each pattern starts with a word it cannot do without (auxiliaries before it - "is", "has",
    # "may be" - stay left of the match, where the subject and certainty readers skip or use
    # them): a regex alternation whose branches start with optional words is slow.
    (r"(?:active\s+)?metabolites? of", "is the active metabolite of"),
    # what metabolizes a drug: "midazolam is extensively metabolized by cytochrome P450 3A4", "a substrate of CYP3A4"
    (r"metaboli[sz]ed\s+(?:(?:mainly|primarily|predominantly|largely|mostly|chiefly|extensively|in part)\s+)?(?:by|via)",
     "is metabolized by"),
    (r"substrates? (?:of|for)(?=\s+(?:the\s+)?(?:CYP|cytochrome|P-?gp|P-glycoprotein|UGT|OATP|BCRP|MATE|OCT))",
     "is a substrate of"),  # (of an enzyme or a transporter: "a substrate of P-glycoprotein")
    (r"acts? as an? (?:[\w-]+\s+){0,2}agonists? (?:of|at|on)", "activates"),  # ("acts as a partial agonist at")
    (r"acts? as an? (?:[\w-]+\s+){0,2}(?:antagonist|inhibitor|blocker)s? (?:of|at|on)", "inhibits"),
    (r"(?:antitumou?r|anti-?cancer|antineoplastic|clinical) activity (?:in|against)", "has antitumor activity in"),
    (r"antitumou?r effects?", "has antitumor effects"),
    (r"activity against|active (?:against|in)", "has activity against"),
    (r"used (?:to treat|for|in the treatment of)", "treats"),
    (r"(?:treatment|therapeutic) (?:option|strategy|approach)e?s? for", "treats"),
    (r"effective (?:(?:treatment|therapy|drug|agent) (?:for|of)|in the treatment of)", "treats"),
    (r"useful (?:in|for)", "treats"),
    (r"benefit(?=\s+(?:patients|women|men|children))|benefits?(?=\s+(?:patients|women|men|children))", "benefits"),
    (r"(?:central|key|major|critical|important|pivotal) role in", "has a central role in"),
    (r"found in", "found in"),
    (r"linked to", "linked to"),
    (r"contribut(?:es|ed|e|ing) to", "contributes to"),
    (r"gives? rise to|gave rise to", "gives rise to"),
    (r"controls? the translation of|regulates? the translation of", "controls the translation of"),
    (r"governs|governed|regulates|regulated|controls|controlled", "regulates"),
    (r"leads? to|led to|results? in|resulted in", "leads to"),
    (r"causes?|caused", "causes"),
    (r"triggers?|triggered", "triggers"),
    # "parthenolide induces robust apoptosis of primary AML cells": the cells are the object
    (r"induc(?:es|ed|e)\s+(?:(?:robust|significant|selective|marked|potent|extensive|massive|rapid)\s+)?apoptosis\s+(?:in|of)",
     "induces apoptosis in"),
    (r"induces?|induced", "induces"),
    # (not the adjective: "heart failure with preserved ejection fraction", "preserved antitumor efficacy")
    (r"preserv(?:es|e)\b|preserved(?=\s+(?:the|its|their|renal|kidney|cardiac|quality|function|blood))", "preserves"),
    (r"kills?|killed", "kills"),
    (r"eliminates?|eliminated", "eliminates"),
    (r"initiates? and sustains?", "initiate and sustain"),
    (r"fuels?|fueled|fuelled", "fuels"),
    (r"sustains|maintains", "sustains"),  # ("mTOR signaling sustains the stem-like population")
    (r"explains?|explained|(?:possible )?explanation for", "explains"),
    (r"overcomes?|overcame", "overcomes"),
    (r"stabiliz(?:es|ed|e)|stabilis(?:es|ed|e)", "stabilizes"),
    (r"delays?|delayed|postpon(?:es|ed|e)", "delays"),
    (r"prevents?|prevented", "prevents"),
    (r"revers(?:es|ed)|reverse(?!\s+(?:dialysis|transcript\w*|order|phase|genetics?|osmosis|microdialysis|T3|"
     r"triiodothyronine|direction|sequence|primers?|cholesterol))", "reverses"),
    (r"attenuat(?:es|ed|e)|alleviat(?:es|ed|e)|shorten(?:s|ed)", "reduces"),
    # ("slowed cognitive decline"; not the adjective, "a slow infusion")
    (r"slow(?:s|ed)|slow(?=\s+(?:the|disease|progression|decline|cognitive|tumou?r))", "reduces"),
    (r"restrain(?:s|ed)?", "inhibits"),
    (r"abolish(?:es|ed)|antagoniz(?:es|ed)|counteract(?:s|ed)?", "inhibits"),
    (r"potentiates?|potentiated", "potentiates"),
    (r"enhances?|enhanced", "enhances"),
    (r"sensitiz(?:es|ed|e)|sensitization of", "sensitizes"),
    (r"inhibits?|inhibited|suppress(?:es|ed)?|blocks?|blocked", "inhibits"),
    # (not a name, "AMP-activated protein kinase"; "activated"/"stimulated" only as a verb with an object
    # after it, not as an adjective, "activated partial thromboplastin time", "neutrophils stimulated with")
    (r"(?<!-)activat(?:es|e)|(?<!-)activated(?=\s+(?:the|a|an|its|their|both|all|this|these|(?-i:[A-Z])))", "activates"),
    (r"stimulat(?:es|e)|stimulated(?=\s+(?:the|a|an|its|their|both|all|this|these|(?-i:[A-Z])))", "stimulates"),
    (r"promot(?:es|ed|e)", "promotes"),
    (r"modif(?:ies|ied|y)", "modifies"),  # ("modifies pre-messenger RNA splicing of the SMN2 gene")
    (r"modulat(?:es|ed|e)", "modulates"),
    (r"up-?regulat(?:es|ed|e)", "upregulates"),
    (r"down-?regulat(?:es|ed|e)", "downregulates"),
    (r"phosphorylat(?:es|ed|e)", "phosphorylates"),
    (r"protect(?:s|ed)? against", "protects against"),
    (r"inhibitors? of", "inhibits"),
    (r"directed against|targets?|targeted", "targets"),
    (r"(?:binds?|bound)(?:\s+(?:directly|specifically|selectively|covalently|tightly|irreversibly|reversibly|avidly))?"
     r"(?:\s+to)?(?=\s+(?:the\s+)?[A-Z\w])", "binds"),
    (r"acts? on|acting on", "targets"),
    (r"alters?|altered|changes?|changed|affects?|affected", "affects"),
    (r"(?<=\bno )(?:(?:significant|apparent|measurable)\s+)?effects? on", "affects"),  # ("had no effect on"; negated)
    (r"(?:raised|raises?|increased|increases?) exposure to", "increases"),
    (r"reduced the risk of|reduces? the risk of", "reduces the risk of"),
    # "patients who received empagliflozin had a lower rate of the primary outcome"
    (r"(?:had|have|has) (?:an? )?(?:significantly |substantially )?(?:lower|reduced|decreased) (?:rates?|risks?|incidences?) of",
     "reduces"),
    (r"(?:had|have|has) (?:an? )?(?:significantly |substantially )?(?:higher|increased) (?:rates?|risks?|incidences?) of",
     "increases"),
    (r"improvements? in", "improves"),
    # "Gemcitabine plus docetaxel achieved longer progression-free and overall survival"
    (r"(?:achieved|produced|yielded|provided|conferred) (?:an? )?(?:significantly |statistically significantly )?"
     r"(?:longer|prolonged)", "prolongs"),
    (r"(?:achieved|produced|yielded|provided|conferred) (?:an? )?(?:significantly |statistically significantly )?"
     r"(?:improved|better|superior)", "improves"),
    # an exposure's association: "Statin use was associated with a dose-dependent reduction in HCC risk",
    # "aspirin use was associated with a reduced risk of colorectal cancer"
    (r"associated with (?:an? )?(?:(?:significant(?:ly)?|statistically significant(?:ly)?|dose-dependent|modest(?:ly)?|"
     r"marked(?:ly)?|substantial(?:ly)?)\s+)?(?:reduction|decrease|reduced|decreased|lower)\s+(?:in\s+)?(?:the\s+)?"
     r"(?:(?:risks?|incidences?|rates?|odds) (?:of|for)|(?=[\w-]+(?:\s+[\w-]+)?\s+(?:risk|incidence)\b))", "reduces"),
    (r"associated with (?:an? )?(?:(?:significant(?:ly)?|statistically significant(?:ly)?|dose-dependent|modest(?:ly)?|"
     r"marked(?:ly)?|substantial(?:ly)?)\s+)?(?:increased|higher|elevated|greater)\s+(?:the\s+)?(?:relative\s+|absolute\s+)?"
     r"(?:risks?|incidences?|rates?|odds) (?:of|for)", "associated with"),  # (an association, not a cause: "Pioglitazone use
    # was associated with an increased risk of bladder cancer" says no more than that)
    (r"associated with (?:(?:a\s+)?(?:significantly|statistically significantly)\s+)?(?:longer|prolonged)", "prolongs"),
    (r"associated with (?:(?:a\s+)?(?:significantly|statistically significantly)\s+)?(?:improved|better)", "improves"),
    (r"improv(?:es|ed|e)|prolong(?:s|ed)?|extend(?:s|ed)?|lengthen(?:s|ed)?|doubl(?:es|ed)|tripl(?:es|ed)", "improves"),
    (r"reduc(?:es|ed|e)|decreas(?:es|ed|e)|lower(?:s|ed)|diminish(?:es|ed)|impair(?:s|ed)", "reduces"),
    (r"increas(?:es|ed|e)|rais(?:es|ed)|enrich(?:es|ed)(?: for)?", "increases"),
]


# A participle after the main clause shares its subject: "induced skeletal muscle hypertrophy, increasing muscle
# weight, fiber size and grip strength", "activated AMPK, thereby reducing mTOR signaling". By relation; the claim
# reader also ends an object before one of these ("..., thereby reducing ...").
PARTICIPLE_RELATIONS: dict[str, tuple[str, ...]] = {
    "increases": ("increasing", "raising"),
    "reduces": ("reducing", "decreasing", "lowering", "attenuating", "impairing"),
    "improves": ("improving", "prolonging"),
    "inhibits": ("inhibiting", "blocking", "suppressing"),
    "activates": ("activating", "stimulating"),
    "enhances": ("enhancing",),
    "induces": ("inducing",),
    "prevents": ("preventing",),
}
PARTICIPLES: tuple[str, ...] = tuple(word for words in PARTICIPLE_RELATIONS.values() for word in words)
RELATIONS += [
    (rf"(?<=, )(?:thereby |thus |so )?(?:{'|'.join(words)})\b|(?<=thereby )(?:{'|'.join(words)})\b", relation)
    for relation, words in PARTICIPLE_RELATIONS.items()]

# hedges: the claim is a hypothesis
HEDGES = (r"\b(?:may|might|could|can|whether|possibl[ey]|potential(?:ly)?|suggests?|suggested|suggesting|hypothesi[sz]ed?|"
          r"hypothesis|propos(?:e|ed|es|ing)|believed?|belief|thought to|presumabl[ey]|likely|appears? to|"
          r"is thought|are thought|premise|speculat\w+|putative|probable|probably|rationale)\b")
# negations: the claim is reported as not holding. A trigger just before the verb (NegEx's
# "preceding" kind, scope two words), right after it, or a clause-level statement of non-significance.
# ("no" in lower case, or opening a sentence: "NO" is nitric oxide)
NEGATION_BEFORE = (r"\b(?:not|(?-i:[Nn]o)|never|failed to|fail to|fails to|did not|does not|do not|cannot|unable to|neither|nor)"
                   r"\s+(?:(?:a|an|any)\s+)?(?:(?:statistically|clinically)\s+)?(?:significant\s+)?(?:\w+\s+){0,2}$|"
                   # a clause that nothing supports: "There was no evidence that aspirin reduced the risk"
                   r"\bno\s+(?:(?:convincing|clear|significant)\s+)?(?:evidence|indication|proof)\s+(?:that|of)\s+(?:[\w-]+\s+){0,4}$")
NEGATION_AFTER = r"\s*(?:not|(?-i:no))\b"
NEGATION_CLAUSE = (r"\b(?:did not reach (?:statistical )?significance|was not (?:statistically )?significant|"
                   r"not significant|has not been shown|have not been shown|disappointing)\b")

# marker changes: word -> canonical change
CHANGES: list[tuple[str, str]] = [
    (r"overexpress(?:ion|ed)|over-expression|amplif(?:ied|ication)", "overexpressed"),
    (r"loss of expression|lost|loss", "decreased"),
    (r"decreas(?:e|ed|es|ing)|reduc(?:e|ed|es|tion|tions|ing)|lower(?:ed|ing)?|down-?regulat(?:ed|ion)|fell|fall|"
     r"declin(?:e|ed)|diminish(?:ed)?|suppress(?:ed|ion)|inhibit(?:ed|ion)", "decreased"),
    (r"increas(?:e|ed|es|ing)|elevat(?:ed|ion|ions)|rais(?:ed|e)|up-?regulat(?:ed|ion)|higher|rose|rise|induc(?:ed|tion)", "increased"),
]

# words of a subject or object that refer back to the paper's drug
DRUG_ANAPHORA = r"(?:the|this|both)\s+(?:active\s+|study\s+|investigational\s+)?(?:drug|agent|compound|complex|treatment|drugs)"
COMBINATION = r"(?:the\s+)?combination(?:\s+therapy|\s+regimen|\s+approach)?"
