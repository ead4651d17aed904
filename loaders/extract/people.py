"""Person names: cleaning titles and honours off a span and deciding whether it names a person."""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .spans import Word

__all__ = ["clean_words", "looks_like_person", "person_name"]


def clean_words(words: tuple[Word, ...], lex: Lexicon) -> tuple[Word, ...]:
    """Drop leading honorifics ("Dr", "Cllr", "Lord") and trailing honours ("MP", "OBE")."""
    lo, hi = 0, len(words)
    while lo < hi - 1 and words[lo].text in lex.honorifics:
        lo += 1
    while hi - 1 > lo and words[hi - 1].text.rstrip(".,") in lex.suffixes:
        hi -= 1
    return words[lo:hi]


def _namelike(text: str) -> bool:
    if _INITIALS.fullmatch(text):
        return True  # "K.", "C.A."
    parts = [p for p in text.replace("’", "-").replace("'", "-").split("-") if p]
    return bool(parts) and all(p[:1].isupper() and (len(p) == 1 or not p.isupper()) for p in parts)


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def looks_like_person(words: tuple[Word, ...], lex: Lexicon, *, known_given: bool = True) -> bool:
    """True when the words read as "Given [particle] Family": 2-4 words, no organisation words.

    With ``known_given`` the first word must be a listed given name; without it (a person
    context such as "X, CEO of Y" already vouches for it) any capitalised word will do.
    """
    texts = [w.text for w in words]
    if not 2 <= len(texts) <= 4:
        return False
    caps = [t for t in texts if t not in lex.name_particles]
    if len(caps) < 2 or not all(_namelike(t) for t in caps):
        return False
    if any(t in lex.strong_org_words or t in lex.org_words or t in lex.publication_words for t in caps):
        return False
    # a given name that is also a month or a title ("Jan", "June", "Dean") opens a name
    rest = caps[1:] if caps[0] in lex.first_names else caps
    if any(t in lex.non_name_caps or t in lex.role_words for t in rest):
        return False
    if " ".join(texts) in lex.places or texts[-1] in lex.places and texts[0] in lex.places:
        return False
    if known_given:
        return texts[0] in lex.first_names
    return True


def person_name(words: tuple[Word, ...]) -> str:
    """The canonical form of a person's name from its (cleaned) words."""
    return " ".join(w.text for w in words)
