"""One sentence as the rules between organisations read it: its organisations, which of them is
the subject of a cue, and the list of organisations a cue introduces."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .facts import SectionFacts
from .lexicon import rx
from .spans import Sentence

__all__ = ["OrgSentence"]

_OBJECT_BEFORE = re.compile(
    r"\b(?:of|to|with|from|for|by|at|on|in|into|about|join|joins|joined|support|supports|supported|fund|funds|"
    r"funded|thank|thanks|thanked|visit|visited|met)\s+(?:the\s+)?$"
)
_WE = re.compile(r"\b(?:we|We)\b")


@dataclass(frozen=True)
class OrgSentence:
    """What the rules between organisations know of one sentence. Offsets called ``pos`` are
    section-relative; a ``cue`` offset is relative to the sentence's ``text``."""

    facts: SectionFacts
    sent: Sentence
    idx: list[int]  # the mentions in the sentence
    orgs: list[int]  # the organisations among them
    text: str  # the sentence's own text
    ended: bool  # the sentence says funding ended ("was withdrawn", "the grant would end in 2025")

    def subject_before(self, pos: int) -> int | None:
        """The last organisation of the sentence that ends by ``pos``."""
        prior = [i for i in self.orgs if self.facts.mentions[i].end <= pos]
        return prior[-1] if prior else None

    def is_object(self, i: int) -> bool:
        """True when mention ``i`` follows a preposition or verb ("member of X"), so is not a subject."""
        return bool(_OBJECT_BEFORE.search(self.facts.text[self.sent.start : self.facts.mentions[i].start]))

    def we_subject(self, cue: int) -> bool:
        """True when "we" is the subject of the verb at ``cue``, not the organisation named
        before it: "We are members of X and work in partnership with Y"."""
        we_at = _WE.search(self.text[:cue])
        if we_at is None:
            return False
        subj = self.subject_before(self.sent.start + cue)
        return (
            subj is None or self.facts.mentions[subj].start > self.sent.start + we_at.start() and self.is_object(subj)
        )

    def orgs_after(self, pos: int, limit: int = 200) -> list[int]:
        """The organisation list that starts at ``pos``: "X, Y and Z"."""
        facts = self.facts
        t = facts.text
        found = []
        cur = pos
        for i in sorted(self.idx, key=lambda k: facts.mentions[k].start):
            m = facts.mentions[i]
            if m.start < cur or m.label != "Organisation":
                continue
            gap = t[cur : m.start]
            if found and not rx(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?").fullmatch(gap):
                break
            if not found and not rx(r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,4}").fullmatch(gap):
                break
            found.append(i)
            cur = m.end
            if cur - pos > limit:
                break
        return found
