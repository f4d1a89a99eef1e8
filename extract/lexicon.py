"""The entity lexicon: ~530k terms from MeSH, DrugBank, HGNC, MONDO, DOID and curated rows.

Terms are matched with an Aho-Corasick automaton (pyahocorasick) over a length-preserving
normalized copy of the text (lower case, dashes as spaces), so offsets stay exact and memory stays
far below a spaCy PhraseMatcher over the same terms. Terms are stored with a leading space and
searched in a copy of the text where a space stands before every word, so the automaton reports
only hits that start a word: otherwise it reports every term hidden inside a longer word ("can"
in "cancer"), about three times as many hits to throw away. (Marking the word starts this way
adds one automaton node in all, where inserted marks would add hundreds of thousands.) Symbols (gene names, abbreviations) must
also match with their case. The automaton is cached on disk, keyed by the lexicon file's hash.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick

# Which source wins when one term names several concepts (lower wins)
SOURCE_PRIORITY = {"curated": 0, "drugbank": 1, "mondo": 2, "hgnc": 3, "mesh": 4, "doid": 5, "bc5cdr-train": 6,
                   "hgnc-alias": 7, "mesh-scr": 8, "british": 9, "singular": 9, "hyphenated": 9}
# (and Greek letters as the Latin letter gene symbols use: "GSK-3β" is GSK-3B, "IL-1β" IL-1B, "PPARγ" PPARG;
# one character for one, so offsets survive; not "μ", a unit's prefix)
_DASHES = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ",
                         "/": " ", "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "κ": "k"})
CACHE_VERSION = 7
_CODE_GOES_ON = re.compile(r"[A-Z]{1,5}\d{2,}")  # ("NVP-BEZ235", "GSK-J4": a development code)
_BEFORE_WORD = re.compile(r"[^\w ](?=\w)")  # (a space before a word is one already: far fewer replacements)
_LEN = 256  # automaton value = entry * _LEN + key length (capped at _LEN - 1)


@dataclass(frozen=True)
class Concept:
    label: str
    type: str
    ids: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class LexMatch:
    start: int
    end: int
    text: str
    concept: Concept


def normalize(text: str) -> str:
    """Lower-case with dashes and slashes as spaces; same length as ``text`` (offsets survive)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. 'İ') lower-case to two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_DASHES)


def search_form(norm: str) -> str:
    """``norm`` behind a space, with a space for every character before a word (terms are stored
    the same way); offsets shift by one."""
    return " " + _BEFORE_WORD.sub(" ", norm)


def search_forms(norm: str, spans: list[tuple[int, int]]) -> list[str]:
    """``search_form(norm[a:b])`` for every span, from one substitution over the whole text: a
    character's replacement depends on the character after it, which a span's last character
    does not see."""
    whole = _BEFORE_WORD.sub(" ", norm)
    return [" " + whole[a:b - 1] + norm[b - 1:b] if b > a else " " for a, b in spans]


def default_lexicon_path() -> Path:
    return Path(str(resources.files("evidencekb_data") / "lexicons" / "terms.tsv.gz"))


def _cache_dir() -> Path:
    base = os.environ.get("KB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "evidencekb")
    return Path(base)


def _prune_caches(keep: Path) -> None:
    """Remove the automata of other lexicon files (175 MB each; one was left behind by every
    lexicon change), and temporary files a killed process left. Two installs with different
    lexicons sharing one cache directory rebuild in turn (a few seconds each), which is cheaper
    than a cache that grows without bound."""
    for old in keep.parent.glob("lexicon-*"):
        try:
            stale = old.suffix == ".pickle" or old.suffix == ".tmp" and time.time() - old.stat().st_mtime > 3600
            if old != keep and stale:
                old.unlink()
        except OSError:  # (gone already: another process pruned it)
            pass


class Lexicon:
    """Loads the term table once and finds the longest non-overlapping matches in a text.

    Memory matters (500k+ terms): the automaton stores plain ints, and the candidate and concept
    tables are flat strings parsed only for terms that actually match.
    """

    def __init__(self, concepts: list[str], entries: list[str], automaton: ahocorasick.Automaton):
        self._concepts = concepts  # "label\ttype\tids\tsource"
        self._entries = entries  # "prio\x1fidx\x1fcased-term-or-empty" joined by \x1e
        self.automaton = automaton
        self._concept_cache: dict[int, Concept] = {}
        self._choice_cache: dict[tuple[str, int], Concept | None] = {}

    @classmethod
    def load(cls, path: Path | None = None, *, use_cache: bool = True) -> "Lexicon":
        path = path or default_lexicon_path()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        cache = _cache_dir() / f"lexicon-{CACHE_VERSION}-{digest}.pickle"
        if use_cache and cache.exists():
            try:
                with cache.open("rb") as fh:
                    concepts, entries, automaton = pickle.load(fh)
                return cls(concepts, entries, automaton)
            except Exception:  # a stale or truncated cache is rebuilt, never trusted
                pass
        lex = cls.build(path)
        if use_cache:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump((lex._concepts, lex._entries, lex.automaton), fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(cache)
                _prune_caches(cache)
            except OSError:
                pass
        return lex

    @classmethod
    def build(cls, path: Path) -> "Lexicon":
        concept_index: dict[str, int] = {}
        concepts: list[str] = []
        entries: dict[str, list[tuple[int, int, str]]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            if header[:6] != ["term", "type", "label", "ids", "source", "case"]:
                raise ValueError(f"{path}: unexpected lexicon header {header!r}")
            for line in fh:
                term, typ, label, ids, source, case = line.rstrip("\n").split("\t")
                ckey = f"{label}\t{typ}\t{ids}\t{source}"
                idx = concept_index.get(ckey)
                if idx is None:
                    idx = concept_index[ckey] = len(concepts)
                    concepts.append(ckey)
                prio = SOURCE_PRIORITY.get(source, 9)
                keys = [normalize(term)]
                if typ in ("disease", "cell_population") and case == "0" and len(term) > 4 and term[-1].isalpha() \
                        and not term.endswith("s"):
                    keys.append(keys[0] + "s")  # plural: sarcoma -> sarcomas
                for key in keys:
                    key = " ".join(key.split())
                    entries.setdefault(key, []).append((prio, idx, term if case == "1" else ""))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        table: list[str] = []
        for key, cands in entries.items():
            cands.sort(key=lambda c: (c[0], c[1]))
            table.append("\x1e".join(f"{p}\x1f{i}\x1f{t}" for p, i, t in dict.fromkeys(cands)))
            automaton.add_word(search_form(key), (len(table) - 1) * _LEN + min(len(key), _LEN - 1))
        automaton.make_automaton()
        return cls(concepts, table, automaton)

    def concept(self, idx: int) -> Concept:
        c = self._concept_cache.get(idx)
        if c is None:
            label, typ, ids, source = self._concepts[idx].split("\t")
            c = self._concept_cache[idx] = Concept(label, typ, tuple(i for i in ids.split("|") if i), source)
        return c

    def match(self, text: str, norm: str | None = None, form: str | None = None) -> list[LexMatch]:
        """Longest, leftmost, non-overlapping matches on word boundaries. ``form``: ``search_form(norm)``
        when the caller has it (``search_forms`` gives every sentence's from one pass over a document)."""
        norm = norm if norm is not None else normalize(text)
        found: list[tuple[int, int, Concept]] = []
        n = len(text)
        for end_idx, value in self.automaton.iter(form if form is not None else search_form(norm)):
            length = value % _LEN
            if length == _LEN - 1:
                continue  # a term too long to place (none in the shipped lexicon)
            end = end_idx  # (the search form is one character longer)
            start = end - length
            if end < n and norm[end].isalnum():
                continue  # the term ends inside a word
            if start > 1 and text[start - 1] == "-" and text[end:end + 1] == "-" and text[end + 1:end + 2].isdigit() \
                    and (text[start - 2].isupper() or text[start - 2].isdigit()):
                continue  # the middle of a code: "SCC" in the cell line "UM-SCC-22B"
            if text[end:end + 1] == "-" and _CODE_GOES_ON.match(text, end + 1) and text[start:end].isupper():
                continue  # the start of a code: "NVP" in "NVP-BEZ235" is no nevirapine
            if text[end - 1:end].isdigit() and text[end:end + 1] in ".," and text[end + 1:end + 2].isdigit():
                continue  # a name and a number: "CCr 2.1 ml/min" is no "CCR-2"
            concept = self._choose(text[start:end], value // _LEN)
            if concept is not None:
                found.append((start, end, concept))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[LexMatch] = []
        last_end = -1
        for start, end, concept in found:
            if start < last_end:
                continue
            out.append(LexMatch(start, end, text[start:end], concept))
            last_end = end
        return out

    def _choose(self, surface: str, entry: int) -> Concept | None:
        """The concept a matched surface names (memoized: the same names recur across papers)."""
        key = (surface, entry)
        if key in self._choice_cache:
            return self._choice_cache[key]
        if len(self._choice_cache) > 50_000:
            self._choice_cache.clear()
        best = self._choice_cache[key] = self._choose_uncached(surface, entry)
        return best

    def _choose_uncached(self, surface: str, entry: int) -> Concept | None:
        best: Concept | None = None
        name = _name_form(surface)
        for cand in self._entries[entry].split("\x1e"):
            _prio, idx, cased = cand.split("\x1f")
            if cased and not _case_ok(surface, cased):
                continue
            concept = self.concept(int(idx))
            if best is None:
                best = concept
            elif concept.type == best.type and _name_form(concept.label) == name != _name_form(best.label):
                # the concept this is the name of, over one it is only a synonym of: MONDO lists
                # related synonyms ("eosinophilia" under hypereosinophilic syndrome, "ataxia" under
                # atactic disorder) that must not take the name from MeSH's own heading
                best = concept
            elif concept.type == best.type and not any(i.startswith("MESH:") for i in best.ids):
                mesh = [i for i in concept.ids if i.startswith("MESH:")]
                if mesh:  # keep the winner's label, add the MeSH id another source knows
                    best = Concept(best.label, best.type, best.ids + tuple(mesh[:1]), best.source)
        return best

    def gene_symbol(self, surface: str) -> Concept | None:
        """The gene whose approved HGNC symbol ``surface`` is, written as HGNC writes it, if any: the
        alternative to a drug that DrugBank lists the same symbol for ("MYC" for myricetin)."""
        entry = self._entry_of(surface)
        if entry is None:
            return None
        for cand in self._entries[entry].split("\x1e"):
            _prio, idx, cased = cand.split("\x1f")
            concept = self.concept(int(idx))
            if cased == surface and concept.type == "target" and concept.source == "hgnc":
                return concept
        return None

    def lookup(self, term: str) -> Concept | None:
        """The concept a whole term names, if any (used to normalize abbreviation long forms)."""
        entry = self._entry_of(term)
        return None if entry is None else self._choose(term, entry)

    def _entry_of(self, term: str) -> int | None:
        """The candidate list of a whole term, if the lexicon holds it."""
        value = self.automaton.get(search_form(" ".join(normalize(term).split())), None)
        return None if value is None else value // _LEN


def _name_form(text: str) -> str:
    return " ".join(normalize(text).split())


def _case_ok(surface: str, term: str) -> bool:
    """A case-sensitive term matches its exact spelling, or a mixed-case variant of a long symbol
    (``Sox2`` for SOX2, ``Nanog`` for NANOG) but never an all-lower-case word (``met``, ``set``)."""
    if surface.replace("\u2010", "-") == term:
        return True
    if surface.islower() or surface.lower() != term.lower() and normalize(surface) != normalize(term):
        return False
    letters = [c for c in surface if c.isalpha()]
    return len(surface) >= 4 and (any(c.isdigit() for c in surface) or sum(c.isupper() for c in letters) >= 1
                                   and not surface.istitle() or len(surface) >= 5 and surface.istitle())
