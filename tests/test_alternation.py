"""The big alternations tried branch by first character give what the whole alternation gives."""

import re

import pytest

from extract.alternation import Alternation, first_chars


@pytest.mark.parametrize("pattern, flags, chars", [
    (r"\b(?:active\s+)?metabolites? of", re.I, {"a", "m"}),  # an optional word first: both starts
    (r"(?<=\bhad )an? response|(?=x)xy", 0, {"a", "x"}),  # lookarounds consume nothing
    (r"(?i:Ab)|(?-i:C)d", 0, {"a", "c"}),  # lower case, whatever the case the branch asks for
    (r"[A-C]1|FEV1", 0, {"a", "b", "c", "f"}),
    (r"\w+ed|x", re.I, None),  # a class: any character
    (r"(?:ab)?", 0, None),  # may match nothing: any position
    ("\u0130x|y", re.I, None),  # a capital dotted I matches "i" when case is ignored: no bound from it
])
def test_first_characters_of_a_pattern(pattern, flags, chars):
    assert first_chars(pattern, flags) == chars


def test_every_position_of_real_sentences_matches_as_the_whole_alternation():
    from core_fixtures import ARTICLES

    from extract.claims import _REL_RE
    from extract.outcomes import _ENDPOINT_ONE

    text = "\n".join(p.read_text() for p in sorted(ARTICLES.glob("*.txt")))[:40_000] + (
        " Kelvin \u212a, long \u017f, dotted \u0130 and had a response; FEV1 fell; Progression-free survival")
    found = 0
    for alternation in (_REL_RE, _ENDPOINT_ONE):
        for pos in range(len(text)):
            whole = alternation.pattern.match(text, pos)
            part = alternation.match(text, pos)
            assert (whole and (whole.span(), whole.lastgroup)) == (part and (part.span(), part.lastgroup)), text[pos:pos + 40]
            found += whole is not None
    assert found > 200


def test_an_alternation_keeps_the_order_of_its_branches():
    alt = Alternation([r"(?P<a>ab)", r"(?P<b>abc)", r"(?P<c>x)"], re.I)
    assert alt.match("ABC").lastgroup == "a"  # the first branch that matches, as in the whole alternation
    assert alt.match("zx", 1).lastgroup == "c"
    assert alt.match("zq", 1) is None
