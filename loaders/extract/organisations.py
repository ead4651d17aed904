"""Organisations, places and publications: what the words of a span say about its kind."""

from __future__ import annotations

from .lexicon import Lexicon
from .spans import Word

__all__ = ["is_acronym", "org_by_words", "place_name", "publication_by_words"]


def is_acronym(text: str) -> bool:
    """ "CYA", "B&Q", "NCVO": two to seven capitals (digits and "&" allowed)."""
    core = text.replace("&", "")
    return 2 <= len(text) <= 7 and core.isalnum() and sum(c.isupper() for c in core) >= 2 and core.upper() == core


def org_by_words(words: tuple[Word, ...], lex: Lexicon) -> bool:
    """True when a word of the span marks an organisation ("Trust", "Council", "NHS ...")."""
    texts = [w.text for w in words]
    if len(texts) == 1 and not is_acronym(texts[0]):
        return False  # "Trust" alone is a kind of organisation, not a name
    if texts[-1] in _PERSON_ROLES:
        return False  # "Council Leader": a person's title
    if " ".join(texts) in lex.publication_words:
        return False  # "Call to Action": a kind of document
    if any(t in lex.strong_org_words for t in texts):
        return True
    return texts[0] in lex.known_org_acronyms or (len(texts) >= 2 and texts[-1] in lex.org_words)


def place_name(text: str, lex: Lexicon) -> bool:
    """True for a listed town, region or country."""
    return text in lex.places


def publication_by_words(words: tuple[Word, ...], lex: Lexicon) -> bool:
    """True when the span ends with a publication word ("... White Paper", "... Report")."""
    if len(words) < 2:
        return False
    texts = [w.text for w in words]
    pubs = lex.publication_words
    # the last one, two, ... words, looked up whole: cheaper than testing every publication word
    return " ".join(texts) not in pubs and any(" ".join(texts[k:]) in pubs for k in range(1, len(texts)))


_PERSON_ROLES = {
    "Leader",
    "Director",
    "Manager",
    "Officer",
    "Chair",
    "Chairman",
    "Chairwoman",
    "CEO",
    "Secretary",
    "Head",
    "Lead",
    "Member",
    "Worker",
    "Adviser",
    "Advisor",
    "Minister",
    "Mayor",
}
