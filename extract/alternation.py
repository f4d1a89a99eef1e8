"""A large regex alternation tried at positions the caller already knows (a trigger word starts
there): at each position only the branches that can begin with the character found there are
tried, in their order, so a match is the one the whole alternation would give.

A branch's possible first characters are read from Python's own parse of it; anything the reading
does not follow (a character class such as ``\\w``, a back reference, a character outside ASCII,
whose case folding is Unicode's) counts as "any character".
Zero-width items (``\\b``, lookarounds) are passed over: they consume nothing, so the first
character the branch consumes is still the one at the position.
"""

from __future__ import annotations

import re

try:  # (Python 3.11 renamed the parser's modules)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ANY = None  # a first character the reading cannot bound


def _first_of_sequence(items) -> tuple[set[str] | None, bool]:
    """(the characters a sequence of parsed items can start with, whether it can match empty)."""
    out: set[str] = set()
    for op, av in items:
        first, empty = _first_of_item(op, av)
        if first is _ANY:
            return _ANY, False
        out |= first
        if not empty:
            return out, False
    return out, True


def _first_of_item(op, av) -> tuple[set[str] | None, bool]:
    if op is _sre.LITERAL:
        return ({chr(av).lower()}, False) if av < 128 else (_ANY, False)  # (Unicode case folding: any)
    if op in _ZERO_WIDTH:
        return set(), True
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _sre.LITERAL and value < 128:
                chars.add(chr(value).lower())
            elif kind is _sre.RANGE and value[1] < 128:
                chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
            else:  # (a category, a negation, a character outside ASCII)
                return _ANY, False
        return chars, False
    if op is _sre.SUBPATTERN:
        return _first_of_sequence(av[-1])
    if op is _sre.BRANCH:
        out: set[str] = set()
        empty = False
        for branch in av[1]:
            first, branch_empty = _first_of_sequence(branch)
            if first is _ANY:
                return _ANY, False
            out |= first
            empty = empty or branch_empty
        return out, empty
    if op in _REPEATS:
        first, empty = _first_of_sequence(av[2])
        return first, empty or av[0] == 0
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _first_of_sequence(av)
    return _ANY, False  # (any character, a back reference, a conditional group)


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The lower-case characters a match of ``pattern`` can start with, or None for any (also when
    it can match the empty string)."""
    first, empty = _first_of_sequence(_sre_parse.parse(pattern, flags))
    return _ANY if first is _ANY or empty else first


class Alternation:
    """``prefix(?:branch0|branch1|...)suffix`` compiled once whole, and once per first character
    (ASCII) with only the branches that can start with it. ``prefix`` must be zero-width."""

    def __init__(self, branches: list[str], flags: int = 0, prefix: str = "", suffix: str = ""):
        def build(chosen: list[str]) -> re.Pattern:
            return re.compile(f"{prefix}(?:{'|'.join(chosen)}){suffix}", flags)

        self.pattern = build(branches)
        firsts = [first_chars(b, flags) for b in branches]
        keys = {c for f in firsts if f is not _ANY for c in f if c.isascii()}
        self._by_char = {c: build([b for b, f in zip(branches, firsts) if f is _ANY or c in f]) for c in sorted(keys)}

    def match(self, string: str, pos: int = 0) -> re.Match | None:
        """``self.pattern.match(string, pos)``, trying only the branches that can start there."""
        return self._by_char.get(string[pos:pos + 1].lower(), self.pattern).match(string, pos)

    def fullmatch(self, string: str, pos: int = 0) -> re.Match | None:
        return self._by_char.get(string[pos:pos + 1].lower(), self.pattern).fullmatch(string, pos)
