"""What the pipeline components share while reading one document."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from extract.abbreviations import Abbreviation
from extract.entities import EntityMention
from extract.records import Claim, Document, Outcome, Regimen, Study
from extract.text import Sentence

# what stands between the two drugs of a combination: "X plus Y", "X (25 mg) combined with the Y"
_COMBINATION_GAP = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:\d[\d.,/ ]*\s*\S+\s+(?:\w+\s+){0,3})?(?:plus|\+|combined with|with|and|"
                              r"together with)\s+(?:the\s+)?(?:\w+\s+){0,4}?", re.I)
_PLUS = re.compile(r"\bplus\b|\+")  # (a sentence without "combination" names one by "plus")


@dataclass
class DocContext:
    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    study: Study | None = None
    regimens: list[Regimen] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    extractor: str = ""
    _starts: list[int] | None = field(default=None, repr=False)
    _combination: list[EntityMention] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_text(self, s: Sentence) -> str:
        return self.document.text[s.start:s.end]

    def mentions_in(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[EntityMention]:
        """Mentions inside [start, end), in text order (mentions are sorted and do not overlap)."""
        if self._starts is None or len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        mentions = self.mentions
        out = []
        for i in range(bisect_left(self._starts, start), len(mentions)):  # (no copy of the list's tail)
            m = mentions[i]
            if m.start >= end:
                break
            if m.end <= end and (types is None or m.concept.type in types):
                out.append(m)
        return out

    def combination(self) -> list[EntityMention]:
        """The drugs of a combination arm, from the first sentence that speaks of combining two:
        "X plus Y", "X combined with Y", "adding X to Y" (claims and arms read "the combination")."""
        if self._combination is None:
            self._combination = []
            for s in self.sentences:
                sent = self.sentence_text(s)
                said = "combin" in sent.lower()
                if not (said or "plus" in sent or "+" in sent):
                    continue  # (a cheap test first: a pair needs one of these words)
                drugs = self.mentions_in(s.start, s.end, ("drug",))
                pair = next(([a, b] for a, b in zip(drugs, drugs[1:])
                             if a.key != b.key and _COMBINATION_GAP.fullmatch(self.text, a.end, b.start)
                             and (said or _PLUS.search(self.text, a.end, b.start))), None)
                if pair:
                    self._combination = pair
                    break
        return self._combination

    @property
    def abbreviation_map(self) -> dict[str, str]:
        return {a.short: a.long for a in self.abbreviations}
