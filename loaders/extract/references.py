"""References, and what they stand for: "we"/"our"/"us" is the organisation the document speaks
for; "it"/"its" the nearest organisation before; "he"/"she" the nearest person; "they" the
names listed before (read by the clause walkers); "the trust", "the charity" the nearest
organisation whose name fits the noun (further back when only one fits), or none."""

from __future__ import annotations

import bisect

from .facts import SectionFacts
from .units import Unit

__all__ = ["PLURAL_PRONOUNS", "REFERRING_NOUNS", "host_mention", "mark_references", "nearest_before"]


# References and what they may stand for.
_HOST_WORDS = frozenset(("we", "our", "us", "ourselves"))


_ORG_PRONOUNS = frozenset(("it", "its", "itself"))


PLURAL_PRONOUNS = frozenset(("they", "their", "them"))


_PERSON_PRONOUNS = frozenset(("he", "she", "his", "her", "him", "hers"))


REFERRING_NOUNS = frozenset(
    """charity trust foundation organisation organization fund council network group partnership
    alliance coalition project company bank university association forum board centre center
    society institute agency authority collective consortium programme funder federation cvs
    college school club service team department body initiative enterprise campaign""".split()
)


def mark_references(facts: SectionFacts, units: list[Unit]) -> list[Unit]:
    """Mark "we", "the trust", "it", "she" as references, resolved to a mention where the
    section makes it clear (the organisation it speaks for; the nearest fitting name before)."""
    out = []
    skip = -1
    for k, u in enumerate(units):
        if k <= skip:
            continue
        if u.kind != "W":
            out.append(u)
            continue
        low = u.low
        if low in _HOST_WORDS:
            out.append(Unit("R", low, u.start, u.end, host_mention(facts)))
            continue
        if low in _PERSON_PRONOUNS:
            out.append(Unit("R", low, u.start, u.end, nearest_before(facts, u.start, "Person")))
            continue
        if low in PLURAL_PRONOUNS:
            out.append(Unit("R", low, u.start, u.end, -1))
            continue
        if low in _ORG_PRONOUNS:
            out.append(Unit("R", low, u.start, u.end, nearest_before(facts, u.start, "Organisation")))
            continue
        if low == "the" and k + 1 < len(units) and units[k + 1].low in REFERRING_NOUNS:
            nxt = units[k + 1]
            after = units[k + 2] if k + 2 < len(units) else None
            # "the trust's", "the charity said": a reference; "the trust fund", "the charity sector": not
            if after is None or after.kind != "W" or after.low in _AFTER_REFERENCE or after.low.endswith(("ed", "s")):
                out.append(
                    Unit("R", nxt.low, u.start, nxt.end, nearest_before(facts, u.start, "Organisation", nxt.low))
                )
                skip = k + 1
                continue
        out.append(u)
    return out


_AFTER_REFERENCE = frozenset(
    """’s is was has had will would also said says and which who to in for with by of its their
    has have can could now then today""".split()
)


def host_mention(facts: SectionFacts) -> int:
    """The first mention of the organisation the document speaks for (-1 when none); found once
    per section."""
    cached = facts.__dict__.get("host_mention")
    if cached is None:
        cached = -1
        if facts.host:
            cached = next(
                (
                    i
                    for i, m in enumerate(facts.mentions)
                    if m.label == "Organisation" and facts.names.get(i) == facts.host
                ),
                -1,
            )
        facts.__dict__["host_mention"] = cached
    return cached


def nearest_before(facts: SectionFacts, pos: int, label: str, head: str | None = None, window: int = 600) -> int:
    """The nearest mention of ``label`` before ``pos`` (within ``window`` characters); for a
    head noun ("the trust"), one whose name has that word, if any, else the nearest.

    Mentions are sorted by start, so only those starting in the window are looked at: a long
    section's references cost no more than a short one's.
    """
    starts = facts.starts
    lo = bisect.bisect_left(starts, pos - window - 200)
    hi = bisect.bisect_left(starts, pos)
    best = -1
    fitting = -1
    for i in range(lo, hi):
        m = facts.mentions[i]
        if m.label != label or pos - m.end > window or m.end > pos:
            continue
        best = i
        if head and any(w.startswith(head) for w in m.name.lower().split()):
            fitting = i  # "the bank": "Tarn Banking Group"
    if head and fitting < 0 and head not in _GENERIC_HEADS:
        # "the centre" a page after "Tarn Valley Community Centre": a fitting name further back
        for i in range(lo - 1, -1, -1):
            m = facts.mentions[i]
            if pos - m.start > 20_000:
                break  # a long section: only its last pages
            if m.label == label and m.end <= pos and any(w.startswith(head) for w in m.name.lower().split()):
                return i
    if head and fitting >= 0:
        return fitting
    if head and head not in _GENERIC_HEADS:
        return -1  # "the trust" when no trust is named: not the nearest charity
    return best


_GENERIC_HEADS = frozenset(("charity", "organisation", "organization", "group", "body", "funder"))
