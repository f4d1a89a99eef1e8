"""Offset-preserving text handling: sections, boilerplate, sentence splitting.

Nothing here changes the text: boilerplate is *skipped*, never cut, so every offset an
extractor reports still points into ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.records import Section

# Headings of structured abstracts, alone on a line or followed by ':'
# a parenthetical with the space before it, to drop from a name ("ERBB2 (HER2) overexpression", "the AUC (AUC)")
PARENTHESES_SPACED = re.compile(r"\s*\([^)]*\)")
_HEADING = re.compile(
    r"^(?P<label>BACKGROUND|INTRODUCTION|PURPOSE|OBJECTIVES?|AIMS?|METHODS?|PATIENTS AND METHODS|"
    r"MATERIALS AND METHODS|DESIGN|SETTING|PARTICIPANTS|INTERVENTIONS?|FINDINGS|RESULTS?|"
    r"CONCLUSIONS?|INTERPRETATION|SIGNIFICANCE|CONTEXT|MAIN OUTCOME MEASURES?|TRIAL REGISTRATION|"
    r"FUNDING|EXPERIMENTAL DESIGN|CLINICAL TRIAL REGISTRATION)\s*[:.]?\s*(?=\S|$)",
    re.M,
)
# Site boilerplate lines of news summaries
_BOILERPLATE_LINE = re.compile(
    r"^[ \t]*(Continue Reading|Related Articles|Read More|Advertisement|Sponsored|Share this article|"
    r"Click here.*|Subscribe.*|Sign up.*)[ \t]*$",
    re.M | re.I,
)
_REFERENCES = re.compile(r"^[ \t]*(References?|Sources?|Bibliography|Disclosures?)[ \t]*:?[ \t]*$", re.M | re.I)

# Abbreviations after which a period does not end a sentence
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:et al|vs|Dr|Drs|Mr|Ms|Mrs|Prof|Fig|Figs|No|approx|ca|e\.g|i\.e|cf|Inc|Ltd|Co|St|Jr|Sr|Ref|Eq|resp|"
    r"U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|(?<!/)\b[A-Z])$"
)  # (an initial, but not a unit's litre: "3.36 mmol/L. Elevations")
# a capital that is a numeral, not an initial: "mitochondrial complex I. We show", "phase I. The"
_NUMERAL_LETTER = re.compile(r"\b(?:complex|phase|type|grade|stage|class|group|part|arm|cohort|level|study|trial)\s+[IVX]$",
                             re.I)
# (footnote digits may follow the full stop, but not a decimal point: "0.35 (95% CI" is one sentence)
_SENT_END = re.compile(r"[.!?](?:(?<![0-9][.])\d{1,2}(?:,\d{1,2})*)?(?=[\"'”’)\]]*\s+[\"'“‘(\[]*[A-Z0-9])")
# (the punctuation first and the lookbehind after it: re then skips to the next [.,;] in C)
_FOOTNOTE = re.compile(r"[.,;](?<=[a-z)\]][.,;])(\d{1,2}(?:[,–-]\d{1,2})*)(?=\s|$)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: str | None


def find_sections(text: str) -> list[Section]:
    """Split a text into labelled sections (structured-abstract headings, BODY, REFERENCES).

    The reference list and everything after it is its own section, which extractors skip.
    """
    ref = _REFERENCES.search(text)
    body_end = ref.start() if ref else len(text)
    sections: list[Section] = []
    heads = [m for m in _HEADING.finditer(text, 0, body_end)]
    if heads:
        if heads[0].start() > 0 and text[: heads[0].start()].strip():
            sections.append(Section("TITLE", 0, heads[0].start()))
        for i, m in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else body_end
            label = m.group("label").upper()
            sections.append(Section(_canonical_heading(label), m.start(), end))
    else:
        sections.append(Section("BODY", 0, body_end))
    if ref:
        sections.append(Section("REFERENCES", ref.start(), len(text)))
    return sections


def _canonical_heading(label: str) -> str:
    label = label.rstrip(":. ")
    for key, value in (("RESULT", "RESULTS"), ("CONCLUSION", "CONCLUSIONS"), ("METHOD", "METHODS"),
                       ("OBJECTIVE", "OBJECTIVES"), ("FINDING", "RESULTS"), ("INTERPRETATION", "CONCLUSIONS")):
        if key in label:
            return value
    return label


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of site boilerplate ("Continue Reading", "Related Articles") to skip."""
    return [(m.start(), m.end()) for m in _BOILERPLATE_LINE.finditer(text)]


def footnote_spans(text: str) -> list[tuple[int, int]]:
    """Ranges of footnote digits glued to punctuation ("Research.1 Previous"): not numbers of the study."""
    return [(m.start(1), m.end(1)) for m in _FOOTNOTE.finditer(text)]


# a percentage spelled out after its number: "26 percent", "95 per cent confidence interval"
_PERCENT_WORD = re.compile(r"(?<=\d)\s*(?:percent|per\s?cent)\b", re.I)


def percent_signs(text: str) -> str:
    """``text`` with "26 percent" written "26       %": the same length, so every offset still
    points into the original, and the rules that read "26%" read older abstracts' spelling too."""
    if "ercent" not in text and "er cent" not in text:
        return text
    return _PERCENT_WORD.sub(lambda m: " " * (m.end() - m.start() - 1) + "%", text)


def split_sentences(text: str, sections: list[Section] | None = None) -> list[Sentence]:
    """Sentences with offsets into ``text``; skips the reference section and boilerplate lines.

    Breaks at paragraph boundaries and after ``.!?`` followed by a capital or a digit, except
    after common abbreviations (et al., vs., Dr.) and initials. Footnote digits glued to the full
    stop stay with the sentence they close.
    """
    sections = sections or find_sections(text)
    skip = boilerplate_spans(text)
    out: list[Sentence] = []
    for sec in sections:
        if sec.label == "REFERENCES":
            continue
        for p_start, p_end in _paragraphs(text, sec.start, sec.end):
            if any(s <= p_start and p_end <= e for s, e in skip):
                continue
            for s, e in _split_paragraph(text, p_start, p_end):
                if _HEADING.fullmatch(text[s:e]):  # a heading alone on its line is not a sentence
                    continue
                out.append(Sentence(s, e, sec.label))
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[A-Z][A-Z /]+:)")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text[start:end]):
        spans.append((pos, start + m.start()))
        pos = start + m.end()
    spans.append((pos, end))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            # a lone heading line ("RESULTS:") is part of the next text, not a sentence of its own
            result.append((s, e))
    return result


_NEWLINE = re.compile(r"\n")


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    cuts = []
    # single newlines inside a paragraph break only after a line that ends a sentence or a title
    for m in _SENT_END.finditer(chunk):
        # (the longest abbreviation and its word edge fit in 8 characters)
        if _NO_BREAK_BEFORE.search(chunk[max(0, m.start() - 8): m.start()]) \
                and not _NUMERAL_LETTER.search(chunk, max(0, m.start() - 14), m.start()):
            continue
        # decimals such as "P = .001" or "0.72" never end here: the next char is whitespace by regex
        cuts.append(m.end())
    for m in _NEWLINE.finditer(chunk):
        line_before = chunk[chunk.rfind("\n", 0, m.start()) + 1:m.start()]  # (no copy of all before it)
        if line_before and not line_before.rstrip().endswith((",", ";", "-")):
            cuts.append(m.start())
    pieces = []
    pos = 0
    for c in sorted(set(cuts)):
        if c <= pos:
            continue
        pieces.append((pos, c))
        pos = c
    pieces.append((pos, len(chunk)))
    result = []
    for s, e in pieces:
        while s < e and chunk[s].isspace():
            s += 1
        while e > s and chunk[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((start + s, start + e))
    return result
