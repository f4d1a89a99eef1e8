"""Numbers as articles write them: "15", "1,200", ".001", "0·72", "−1.3", "Fifteen", "twenty-one"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}

_FIRST_WORDS = [w for w in list(_TENS) + list(_UNITS) if w != "no"]
#: the letters a WORD_NUMBER starts with: a lookahead on them skips other words cheaply
WORD_NUMBER_START = "".join(sorted({w[0] for w in _FIRST_WORDS}))
WORD_NUMBER = (r"(?:(?:" + "|".join(sorted(_FIRST_WORDS, key=len, reverse=True))
               + r")(?:[\s-](?:" + "|".join(sorted(list(_UNITS) + list(_TENS) + list(_SCALES) + ["and"], key=len,
                                                     reverse=True)) + r"))*)")
# A numeral: optional sign, digits with thousands separators, or a bare decimal such as .001
NUMERAL = r"[-−–]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.·]\d+)?|[.·]\d+)"


_NUMERAL = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+")


def parse_number(text: str) -> float | None:
    """Parse a numeral or an English number word; None when it is neither.

    >>> parse_number("1,200"), parse_number(".001"), parse_number("Fifteen"), parse_number("−1.3")
    (1200.0, 0.001, 15.0, -1.3)
    """
    t = text.strip().replace("\u2212", "-").replace("\u2013", "-").replace("·", ".")
    if not t:
        return None
    if _NUMERAL.fullmatch(t):
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    return words_to_number(t)


def words_to_number(text: str) -> float | None:
    """"twenty-one" -> 21, "one hundred and five" -> 105; None if any word is not a number word."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
        else:
            return None
    return float(total + current)


def format_number(value: float) -> str:
    """Shortest plain decimal form: 315.0 -> "315", 0.001 -> "0.001"."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
