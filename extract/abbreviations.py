"""Abbreviations defined in the text: "cancer stem cell (CSC)".

The long-form search is the algorithm of Schwartz & Hearst, "A simple algorithm for identifying
abbreviation definitions in biomedical text", PSB 2003: walk the short form's characters from the
end, finding each in the long form from its end, the first character at the start of a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAREN = re.compile(r"\(([^()]{1,12})\)")
# A development code: capitals, then digits (a hyphen or space between): "SC-48334", "CB 3717", "AZD6244"
DRUG_CODE = r"[A-Z]{1,5}[- ]?\d{2,7}[A-Z]?"
_CODE = re.compile(DRUG_CODE)


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    short_start: int
    long_start: int
    long_end: int
    code: bool = False  # the short form is a drug's development code: "N-butyl-deoxynojirimycin (SC-48334)"


def find_long_form(candidate: str, short: str) -> str | None:
    """The shortest tail of ``candidate`` that ``short`` abbreviates, or None (Schwartz & Hearst)."""
    s_idx = len(short) - 1
    l_idx = len(candidate) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (
            candidate[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and candidate[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = candidate.rfind(" ", 0, l_idx + 1) + 1
    long = candidate[start:].strip()
    if len(long) <= len(short) or long.lower() == short.lower():
        return None
    return long


def _by_initials(candidate: str, short: str) -> str | None:
    """The last words of ``candidate`` whose first letters spell ``short`` (letters only, 2 to 6 of
    them), or None: where Schwartz & Hearst find a shorter tail inside one word."""
    if not (short.isalpha() and 2 <= len(short) <= 6):
        return None
    words = candidate.split()[-len(short):]
    if len(words) == len(short) and all(w[:1].lower() == c.lower() for w, c in zip(words, short)):
        return " ".join(words)
    return None


def _valid_short(short: str) -> bool:
    if not (1 <= len(short) <= 10) or len(short.split()) > 2:
        return False
    if not short[0].isalnum() or not any(c.isalpha() for c in short):
        return False
    # "(range, ...)", "(n = 66)", "(95% CI ...)": not definitions
    return not re.search(r"[=%;,]", short) and not short.islower() or short in ("mTOR",) or re.fullmatch(
        r"[a-z]{1,3}[A-Z][\w-]*", short) is not None


def find_abbreviations(text: str, sentences: list[tuple[int, int]]) -> list[Abbreviation]:
    """Every "long form (SF)" definition inside the given sentences."""
    found: list[Abbreviation] = []
    for s_start, s_end in sentences:
        sent = text[s_start:s_end]
        for m in _PAREN.finditer(sent):
            short = m.group(1).strip()
            if not _valid_short(short):
                continue
            before = sent[: m.start()].rstrip()
            words = before.split()
            max_words = min(len(short) + 5, len(short) * 2)
            candidate = " ".join(words[-max_words:])
            # stop the long form at a clause boundary
            candidate = re.split(r"[;:,(]\s|\bthe\b\s|\ba\b\s|\ban\b\s", candidate)[-1]
            long = find_long_form(candidate, short)
            if long is not None and (initials := _by_initials(candidate, short)) is not None and len(initials) > len(long):
                long = initials  # "Multiple myeloma (MM)": both M's are words' first letters, not two of "myeloma"
            code = long is None and _CODE.fullmatch(short) is not None and before.endswith(candidate) and \
                bool(candidate)
            if code:  # its letters are not the name's: the name is what ends right before it (entities decide)
                long = " ".join(candidate.split()[-4:])
            if long is None:
                continue
            l_start = s_start + before.rfind(long)
            found.append(Abbreviation(short, long, s_start + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip())),
                                      l_start, l_start + len(long), code))
    return found
