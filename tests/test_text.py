"""Sentences, sections, boilerplate and footnotes: offsets always point into the original text."""

from extract.readers.text import document_from_text
from extract.text import find_sections, footnote_spans, split_sentences

NEWS = (
    "Adding an mTOR inhibitor may help, according to a study published in the journal Clinical Sarcoma Research.1 "
    "Previous studies had suggested a benefit.\n\nContinue Reading\n\nRelated Articles\n\n"
    "The median PFS was 315 days (range, 27 days to 799 days). Dr. Smith et al. vs. others agreed.\n\n"
    "Reference\n\n  1. Trucco MM, et al. A phase II study. Clin Sarcoma Res. 2018;8:21.\n"
)


def test_sentences_skip_boilerplate_and_references():
    sents = [NEWS[s.start:s.end] for s in split_sentences(NEWS)]
    assert sents[0].endswith("Research.1")
    assert sents[1] == "Previous studies had suggested a benefit."
    assert not any("Continue Reading" in s or "Related Articles" in s for s in sents)
    assert not any("Trucco" in s for s in sents)
    assert "The median PFS was 315 days (range, 27 days to 799 days)." in sents


def test_no_break_after_abbreviations_and_decimals():
    text = "Dr. Smith et al. reported P = .001 and HR 0.72 vs. placebo. Next sentence."
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert sents == ["Dr. Smith et al. reported P = .001 and HR 0.72 vs. placebo.", "Next sentence."]
    # a decimal's digits are no footnote mark: the sentence goes on into its parenthesis
    text = "The hazard ratio was 0.35 (95% CI 0.24-0.50). It was 4.2 ABC units. Research.1 Previous work."
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert sents == ["The hazard ratio was 0.35 (95% CI 0.24-0.50).", "It was 4.2 ABC units.", "Research.1",
                     "Previous work."]


def test_structured_abstract_sections():
    text = "Title line\nBACKGROUND: Why.\nMETHODS: How.\nRESULTS: What.\nCONCLUSIONS: So."
    labels = [s.label for s in find_sections(text)]
    assert labels == ["TITLE", "BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    sents = split_sentences(text)
    assert {s.section for s in sents} >= {"RESULTS", "CONCLUSIONS"}
    assert all(text[s.start:s.end].strip() for s in sents)


def test_footnote_digits_glued_to_full_stops():
    spans = footnote_spans(NEWS)
    assert [NEWS[a:b] for a, b in spans] == ["1"]


def test_reader_finds_journal_and_year_in_reference():
    doc = document_from_text("x", NEWS)
    assert doc.metadata.journal == "Clin Sarcoma Res"
    assert doc.metadata.year == 2018


def test_a_roman_numeral_ends_a_sentence_but_an_initial_does_not():
    text = "Effects are attributed to inhibition of mitochondrial complex I. We show that it works. J. R. Smith wrote it."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "Effects are attributed to inhibition of mitochondrial complex I.", "We show that it works.",
        "J. R. Smith wrote it."]


def test_a_unit_abbreviation_ends_a_sentence_before_a_capital():
    text = "Median follow-up was 18.7 mo. ORR was 38%. Patients were seen after 3 d. The drug was stopped."
    assert len(split_sentences(text)) == 4
    # a litre after a slash is no initial
    text = "Patients achieved the goal of 3.36 mmol/L. Elevations were dose dependent. Urea was 12 mg/L. It fell."
    assert len(split_sentences(text)) == 4
