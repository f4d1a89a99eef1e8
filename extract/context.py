"""What the pipeline components share while reading one document."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from extract.abbreviations import Abbreviation
from extract.entities import EntityMention
from extract.records import Claim, Document, Outcome, Regimen, Study
from extract.text import Sentence


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

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_text(self, s: Sentence) -> str:
        return self.document.text[s.start:s.end]

    def mentions_in(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[EntityMention]:
        """Mentions inside [start, end), in text order (mentions are sorted and do not overlap)."""
        if self._starts is None or len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        i = bisect_left(self._starts, start)
        out = []
        for m in self.mentions[i:]:
            if m.start >= end:
                break
            if m.end <= end and (types is None or m.concept.type in types):
                out.append(m)
        return out

    @property
    def abbreviation_map(self) -> dict[str, str]:
        return {a.short: a.long for a in self.abbreviations}
