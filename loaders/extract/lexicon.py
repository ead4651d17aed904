"""General word lists the rules consult: given names, places, role titles, organisation words.

The lists live in ``loaders/data`` (plain text, one entry a line, or ``lexicon.json``) so
they can be read and extended without touching code. None of them names a particular
person or organisation; corpus knowledge belongs in a user's catalogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = ["Cued", "Lexicon", "alternation", "load_lexicon", "rx", "rx_with"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list used by the extraction rules (all sets are exact-match, case-sensitive
    unless the field name says ``lower``)."""

    first_names: frozenset[str]
    places: frozenset[str]
    honorifics: frozenset[str]
    suffixes: frozenset[str]
    name_particles: frozenset[str]
    role_words: frozenset[str]
    role_heads_lower: frozenset[str]
    org_words: frozenset[str]
    strong_org_words: frozenset[str]
    known_org_acronyms: frozenset[str]
    non_name_caps: frozenset[str]
    lower_org_heads: frozenset[str]
    org_descriptors_lower: frozenset[str]
    publication_words: tuple[str, ...]
    publication_cues_lower: frozenset[str]
    concept_heads_lower: frozenset[str]
    concept_modifier_stop_lower: frozenset[str]
    sentence_caps: frozenset[str]  # capitalised only because a sentence starts with them
    never_alone: frozenset[str]  # never a name on their own, wherever they stand
    always_strip: frozenset[str]  # never the first word of a name (months, days, "Dear")
    complement_heads: frozenset[str]  # name heads that take "of"/"for": "Centre for ..."
    departments: frozenset[str] = frozenset()  # "Head of Grants": a department, part of a title
    coordinated_domains: frozenset[str] = frozenset()  # "Health and Care Trust": one name
    common_words: frozenset[str] = frozenset()  # common English words, lower case ("grants", "shelter")


def _lines(name: str) -> frozenset[str]:
    text = resources.files("loaders").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the shipped word lists once per process."""
    data = json.loads(resources.files("loaders").joinpath("data", "lexicon.json").read_text(encoding="utf-8"))
    return Lexicon(
        first_names=_lines("first_names.txt"),
        places=_lines("places.txt"),
        honorifics=frozenset(data["honorifics"]),
        suffixes=frozenset(data["suffixes"]),
        name_particles=frozenset(data["name_particles"]),
        role_words=frozenset(data["role_words"]),
        role_heads_lower=frozenset(data["role_heads"]),
        org_words=frozenset(data["org_words"]),
        strong_org_words=frozenset(data["strong_org_words"]),
        known_org_acronyms=frozenset(data["known_org_acronyms"]),
        non_name_caps=frozenset(data["non_name_caps"]),
        lower_org_heads=frozenset(data["lower_org_heads"]),
        org_descriptors_lower=frozenset(data["org_descriptors"]),
        # longest first, so "White Paper" wins over "Paper"
        publication_words=tuple(sorted(data["publication_words"], key=lambda w: (-len(w), w))),
        publication_cues_lower=frozenset(data["publication_cues"]),
        concept_heads_lower=frozenset(data["concept_heads"]),
        concept_modifier_stop_lower=frozenset(data["concept_modifier_stop"]) | _spacy_stop_words(),
        sentence_caps=frozenset(data["sentence_caps"]),
        never_alone=frozenset(data["never_alone"]),
        always_strip=frozenset(data["always_strip"]),
        complement_heads=frozenset(data["complement_heads"]),
        departments=frozenset(data["departments"]),
        coordinated_domains=frozenset(data["coordinated_domains"]),
        common_words=_lines("common_words.txt"),
    )


def _spacy_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in STOP_WORDS)


@lru_cache(maxsize=32)
def alternation(words: frozenset[str], space: str | None = None) -> str:
    """A regex matching any of ``words``, preferring the longest ("chief executive" over "chief").

    The words are folded into a character trie ("chair(?:man|person)?"), which matches the same
    text as a longest-first list of alternatives but lets the regex engine try one branch per
    character instead of every word at every position: several times faster on long lists.
    ``space``, when given, is the pattern that a space or hyphen inside a word stands for.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(" " if space and ch in " -" else ch, {})
        node[""] = {}
    return _trie_pattern(trie, space)


def _trie_pattern(node: dict, space: str | None) -> str:
    branches = [
        (space if space and ch == " " else re.escape(ch)) + _trie_pattern(child, space)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # greedy optional: the longer word is tried first, the shorter one on backtracking
    return f"(?:{body})?" if "" in node else body


@cache
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled once per process.

    The rules call their patterns for every sentence and name; ``re``'s own cache holds only
    512 patterns and re-checks its arguments on every call, which cost a tenth of extraction.
    """
    return re.compile(pattern, flags)


@lru_cache(maxsize=128)
def rx_with(template: str, words: str, flags: int = 0) -> re.Pattern[str]:
    """``template`` with each ``{words}`` replaced by ``words`` (an :func:`alternation`), compiled once.

    Rules embed word alternations hundreds of characters long; building the whole pattern
    string for every name, only to look it up in a cache, cost more than the match itself.
    """
    return re.compile(template.replace("{words}", words), flags)


@lru_cache(maxsize=8)
def _casefold(text: str) -> str:
    # Several cued patterns ignore case and ask about the same section in turn.
    return text.casefold()


class Cued:
    """A pattern run only on texts that contain one of its cue words.

    Python's ``re`` tries a pattern at every position of a text, which for long alternations is
    slow; testing a few literal substrings first is far faster and skips most sentences. Every
    match of the pattern must contain one of ``cues`` (compared after ``casefold`` when the
    pattern ignores case), or the cue test would hide real matches.

    With ``one_line``, which promises that no match holds a line break, :meth:`finditer` runs
    the pattern only over the lines that hold a cue: a section's few such lines instead of
    all of it.
    """

    __slots__ = ("_fold", "cues", "one_line", "pattern")

    def __init__(self, pattern: str, cues: tuple[str, ...], flags: int = 0, *, one_line: bool = False) -> None:
        self.pattern = re.compile(pattern, flags)
        self._fold = bool(flags & re.IGNORECASE)
        self.cues = tuple(c.casefold() for c in cues) if self._fold else cues
        self.one_line = one_line

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Like ``re.Pattern.finditer``; empty at once when no cue is in ``text``."""
        hay = _casefold(text) if self._fold else text
        # casefold() may lengthen a text ("ß" -> "ss"): then its offsets are not the text's
        if self.one_line and len(hay) == len(text):
            return self._in_lines(text, hay)
        if any(c in hay for c in self.cues):
            return self.pattern.finditer(text)
        return iter(())

    def _in_lines(self, text: str, hay: str) -> Iterator[re.Match[str]]:
        lines = set()
        for cue in self.cues:
            # str.find per cue: far faster than one regex of all the cues, whose first letters
            # are common ones
            at = hay.find(cue)
            while at >= 0:
                end = hay.find("\n", at + len(cue))
                if end < 0:
                    end = len(hay)
                lines.add((hay.rfind("\n", 0, at) + 1, end))
                at = hay.find(cue, end)
        # Searching text[start:end] through pos/endpos keeps every offset, and the pattern still
        # sees the line breaks around the line (for \b and look-behinds), so each line gives
        # the matches that a search of the whole text finds there.
        for start, end in sorted(lines):
            yield from self.pattern.finditer(text, start, end)

    def search(self, text: str) -> re.Match[str] | None:
        """Like ``re.Pattern.search``; None at once when no cue is in ``text``."""
        hay = _casefold(text) if self._fold else text
        return self.pattern.search(text) if any(c in hay for c in self.cues) else None
