"""What a public SPARQL endpoint refuses before anything runs: ``SERVICE`` and ``LOAD``.

pyoxigraph evaluates ``SERVICE <iri> {...}`` by calling that endpoint over HTTP and ``LOAD <iri>``
by fetching the IRI; neither can be switched off from Python. So the text is checked first,
lexically, against the grammar of SPARQL 1.1 (https://www.w3.org/TR/sparql11-query/#grammar):

1. codepoint escapes (``\\u0053``, ``\\U00000053``) are replaced, as section 19.2 of the spec
   (and Oxigraph's parser) do before parsing, so ``\\u0053ERVICE`` is seen as ``SERVICE``;
2. comments, string literals, IRI references, ``\\``-escapes of prefixed names and variable
   names are blanked out;
3. what is left is searched for the letters ``service`` (and, in updates, ``load``).

Oxigraph's parser needs no word boundary after a keyword (``SERVICE<http://x>{}`` and
``SERVICEex:y{}`` both parse), so any occurrence outside a string, IRI, comment or variable
counts. A prefixed name that contains the letters (``ex:service``) is refused too: write that
IRI in full (``<http://example.org/service>``). Blanking is never wider than the grammar's own
tokens, so the check can refuse a harmless query but cannot miss a keyword.

``FROM`` is reported too: a query with its own dataset must not get the union default graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.serve.errors import QueryRefused

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# PN_CHARS_BASE, PN_CHARS_U and VARNAME of the grammar (productions 164-166), exactly.
_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_VARNAME = f"[{_PN_CHARS_BASE}_0-9][{_PN_CHARS_BASE}_0-9\u00B7\u0300-\u036F\u203F-\u2040]*"

# One token at a time, leftmost first; every alternative is one whole token of the grammar.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>
          \"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"
        | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
        | \"(?:[^\"\\\n\r]|\\.)*\"
        | '(?:[^'\\\n\r]|\\.)*'
      )
    | (?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)
    | (?P<escape>\\.)
    | (?P<var>[?$]""" + _VARNAME + r""")
    """,
    re.VERBOSE | re.DOTALL,
)
_FROM = re.compile(r"(?<![\w:.\-])FROM(?![\w:\-])", re.IGNORECASE)


def unescape_codepoints(text: str) -> str:
    """Replace ``\\uXXXX`` and ``\\UXXXXXXXX`` anywhere in the text (SPARQL 1.1 Query, 19.2)."""

    def repl(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:  # beyond U+10FFFF: leave it for the parser to reject
            return m.group(0)

    return _CODEPOINT.sub(repl, text)


def code_only(text: str) -> str:
    """The text with comments, strings, IRIs, escapes and variables blanked (same length, spaces)."""
    text = unescape_codepoints(text)
    return _TOKEN.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class Inspection:
    code: str

    @property
    def has_service(self) -> bool:
        return "service" in self.code.lower()

    @property
    def has_load(self) -> bool:
        return "load" in self.code.lower()

    @property
    def has_from(self) -> bool:
        return _FROM.search(self.code) is not None


def inspect(text: str) -> Inspection:
    return Inspection(code_only(text))


def refuse_remote(text: str, *, update: bool = False) -> Inspection:
    """Raise :class:`QueryRefused` if the text could make the store fetch anything; else its inspection."""
    found = inspect(text)
    if found.has_service:
        raise QueryRefused(
            "SERVICE is refused by this endpoint: it never calls other endpoints. (The letters 'service' "
            "appear outside a string, IRI or variable; if they are part of a prefixed name, write the IRI in full.)")
    if update and found.has_load:
        raise QueryRefused(
            "LOAD is refused by this endpoint: it never fetches or reads anything. Add data with `kb add`. "
            "(If the letters 'load' are part of a prefixed name, write the IRI in full.)")
    return found
