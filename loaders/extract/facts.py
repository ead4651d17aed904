"""The records shared by the relation rules: what they know of a section and what they find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .mentions import Mention
from .spans import Sentence

__all__ = ["Found", "SectionFacts", "in_sentence", "mention_at", "ref"]


class Found(NamedTuple):
    """A relation a rule read: endpoints, evidence offsets (section-relative), rule and confidence."""

    type: str
    source: tuple[str, str]  # (label, canonical name)
    target: tuple[str, str]
    start: int
    end: int
    rule: str
    confidence: float
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass
class SectionFacts:
    """What the relation rules need to know about one section."""

    text: str
    sentences: tuple[Sentence, ...]
    mentions: list[Mention]
    names: dict[int, str]  # mention index -> canonical name
    meeting: str | None
    cell: str | None
    host: str | None  # the organisation "we" and "our" refer to, when the document makes it clear
    # the body a section's heading names (minutes of its board, of a forum): whose officers and
    # members a list of names with titles lists
    title_org: tuple[str, str] | None = None

    @property
    def starts(self) -> list[int]:
        """Start offsets of the mentions, which are sorted by start (for bisection)."""
        cached = self.__dict__.get("_starts")
        if cached is None or len(cached) != len(self.mentions):
            cached = [m.start for m in self.mentions]
            self.__dict__["_starts"] = cached
        return cached


def in_sentence(sent: Sentence, m: Mention) -> bool:
    """True when the mention lies inside the sentence."""
    return sent.start <= m.start and m.end <= sent.end


def ref(facts: SectionFacts, i: int) -> tuple[str, str]:
    """(label, canonical name) of mention ``i``."""
    return facts.mentions[i].label, facts.names[i]


def mention_at(facts: SectionFacts, idx: list[int], pos: int, label: str) -> int | None:
    """The mention among ``idx`` with that label that starts exactly at ``pos``."""
    for i in idx:
        if facts.mentions[i].start == pos and facts.mentions[i].label == label:
            return i
    return None
