"""The forms of names while resolution runs: one record per extracted or catalogued entity,
the keys that compare names, and the union-find that joins the records of one entity.

Shared by :mod:`graph.model.resolution` and the rules that merge (:mod:`graph.model.merge_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from graph.model.usage import FormUse
from loaders.names import normalise

__all__ = [
    "ACRONYM",
    "CONCEPT_TAILS",
    "FUZZY_MIN",
    "FUZZY_SLIPS",
    "SMALL",
    "Item",
    "UnionFind",
    "close",
    "closed",
    "core",
    "global_keys",
    "initials",
    "letters",
    "stem_key",
    "tokens",
]

FUZZY_MIN = 9  # shorter names differ by a letter too often to be the same name misspelt
FUZZY_SLIPS = 2  # the most slips allowed (in names of 16 characters or more)
# Generic tails of ideas: "Open Door Learning model" is Open Door Learning.
CONCEPT_TAILS = frozenset(
    {
        "model",
        "approach",
        "approaches",
        "agenda",
        "framework",
        "method",
        "movement",
        "principles",
        "programme",
        "initiative",
        "idea",
        "concept",
        "way",
    }
)
SMALL = frozenset({"of", "for", "and", "the", "in", "on", "to", "at", "&", "a", "an"})
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")


@dataclass(slots=True)
class Item:
    """One entity as extracted in one section (or one catalogue entry), while it is resolved.

    The merge rules rename, relabel and mark items as they go (hence not frozen)."""

    label: str
    name: str
    aliases: tuple[str, ...]
    curated: bool
    attrs: tuple
    key: tuple | None  # (document, section, label, name) as extracted, or None for the catalogue
    uses: tuple[FormUse, ...] = ()
    doc: str = ""
    facts: frozenset[str] = frozenset()
    spans: tuple[tuple[int, int], ...] = ()  # where its mentions are in the document's text
    reason: str = ""  # why this item joined its node (set by the merge that brought it in)
    short: bool = False  # a short form (its name is not a candidate for the canonical name)


def core(key: str) -> str:
    """A normalised name without a leading article."""
    for article in ("the ", "a ", "an "):
        if key.startswith(article) and len(key) > len(article) + 1:
            return key[len(article) :]
    return key


def global_keys(label: str, name: str, aliases: Iterable[str]) -> set[str]:
    """The normalised forms under which a name (and its aliases) may meet another document's."""
    keys = {normalise(name)}
    for alias in aliases:
        key = normalise(alias)
        # A first name alone is only an in-section reference, never a reason to merge people.
        if label == "Person" and len(key.split()) < 2:
            continue
        if len(key) >= 2:
            keys.add(key)
    keys.discard("")
    return keys


_SUFFIXES = ("ations", "ation", "tions", "tion", "ings", "ing", "ies", "ed", "es", "ic", "s", "e")


def stem_key(name: str) -> str:
    """The stems of a name's words, so inflected and derived forms of one idea compare equal.

    >>> stem_key("co-produced") == stem_key("co-production") == stem_key("Co-produce")
    True
    >>> stem_key("place-based working") == stem_key("place-based work")
    True
    """
    out = []
    for word in re.split(r"[\s\-]+", normalise(name.replace("-", " - "))):
        if not word:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
        out.append(word)
    return " ".join(out)


def closed(key: str) -> str:
    """A normalised name with its spaces closed up ("nord well" -> "nordwell")."""
    return key.replace(" ", "")


def close(a: str, b: str) -> bool:
    """True when two normalised names are the same name with a small slip of spelling."""
    shorter = min(len(a), len(b))
    if a[:1] != b[:1] or shorter < FUZZY_MIN:
        return False
    allowed = 1 if shorter < 16 else FUZZY_SLIPS
    # Spaces count as slips too: "newnes smith" vs "newness smith" is one insertion.
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


class UnionFind:
    """Sets of item indices, joined as merges are found; each set is one entity."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        # The smaller index wins so the result does not depend on merge order.
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


# A name is asked for its words and acronyms once per rule that indexes it, and a large corpus
# names the same things thousands of times: both answers are kept.
@lru_cache(maxsize=1 << 16)
def tokens(name: str) -> tuple[str, ...]:
    """The words of a normalised name without a leading article."""
    return tuple(core(normalise(name)).split())


@lru_cache(maxsize=1 << 16)
def initials(form: str) -> frozenset[str]:
    """Acronyms a name may go by: initials of its words, with and without the small words;
    a word in capitals gives all its letters ("UK Harbour Trusts" -> UKHT)."""
    words_ = [w for w in re.split(r"[\s\-]+", form.strip()) if w and w[0].isalnum()]
    if len(words_) < 2:
        return frozenset()
    out = set()
    for keep_small in (False, True):
        acronym = ""
        for w in words_:
            if w.casefold() in SMALL and not keep_small:
                continue
            acronym += w if (w.isupper() and w.isalpha() and len(w) <= 4) else w[0]
        if len(acronym) >= 2:
            out.add(acronym.upper())
    return frozenset(out)


def letters(text: str) -> str:
    """The letters of ``text`` in capitals ("H.F." -> "HF")."""
    return "".join(ch for ch in text if ch.isalpha()).upper()
