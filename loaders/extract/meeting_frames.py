"""Frames for the meeting a section records or its sentence names: who spoke at or chaired it
("X spoke", "chaired by X", "speakers included A and B", "Chair: Jo Bloggs") and where it
was held ("held at Riverside House, Kendal", "Venue: ...")."""

from __future__ import annotations

from collections.abc import Iterator

from .clauses import Arg, Clause
from .edges import edge
from .facts import Found, SectionFacts
from .frames import LIST_INTRO, listed
from .rules import Rule

__all__ = ["label_frame", "meeting_frame", "venue_frame"]


def _address_place(clause: Clause, end: int, preps: tuple[str, ...]) -> list[Arg]:
    """ "held at Riverside House, 4 Mill Lane, Kendal": the place that ends a venue's address."""
    units = clause.units
    text = clause.facts.text
    for j in range(end + 1, min(len(units), end + 9)):
        if units[j].low in preps:
            for b in range(j + 1, min(len(units), j + 12)):
                got = clause.arg(b, ("Place",))
                if got:
                    return [got]
                u = units[b]
                capital = u.kind == "W" and text[u.start : u.start + 1].isupper()
                if not (capital or u.kind in "ME" or u.low in (",", "the")):
                    return []
            return []
    return []


def _cited(facts: SectionFacts, clause: Clause, p: Arg) -> bool:
    """ "as Jo Bloggs has described", "in the words of Jo Bloggs", "at our last meeting Jo said":
    someone cited or recalled, not heard at this meeting."""
    from .relations import _recalls_another_meeting

    units = clause.units
    if p.unit <= 0:
        return False
    before = units[p.unit - 1].low
    if before in ("as", "by", "of", "like", "according"):
        return True
    text = facts.text
    return _recalls_another_meeting(text[clause.sent.start : units[p.unit].start], facts.meeting)


def meeting_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """SPOKE_AT / CHAIRED a meeting: the one the sentence names, nearest the trigger, else the one
    the section records: "X spoke", "chaired by X", "speakers at the launch included A, B"."""
    named = [j for j, u in enumerate(clause.units) if u.kind == "E" and u.low == "Meeting"]
    if named:
        j = min(named, key=lambda j: abs(j - k))
        meeting = Arg(clause.units[j].mention, j, False)
    elif facts.meeting:
        meeting = Arg(-1, -1, False, ("Meeting", facts.meeting))
    else:
        return
    if clause.hedged(k):
        return
    nouns = rule.opt("object_nouns")
    if nouns and not any(u.low in nouns for u in clause.units[end + 1 : end + 7]):
        return  # "gave a talk", "chaired the session": only with such a noun after the verb
    mode = rule.opt("slot", "subject")
    people: list[Arg]
    if mode == "subject":
        people = clause.left(k, ("Person",))
        people = [p for p in people if not _cited(facts, clause, p)]
    elif mode == "agent":
        # "The session was chaired by X", not "a small group convened by X" (that group's lead)
        b = k - 1
        while b >= 0 and clause.units[b].low in (
            "was",
            "were",
            "is",
            "be",
            "been",
            "being",
            "originally",
            "first",
            "also",
            "kindly",
            "ably",
            "expertly",
            ",",
        ):
            b -= 1
        if b >= 0 and clause.units[b].low not in _MEETING_NOUNS and clause.units[b].kind != "P":
            return
        people = clause.right(end, ("Person",), ("by",), reach=2)
    elif mode == "bracket":
        # "Jo Bloggs (CEO, Tarn Trust) (Chair)": a bracket after a name, in a list of those present
        units = clause.units
        if end + 1 >= len(units) or units[end + 1].low != ")" or k < 1 or units[k - 1].low != "(":
            return
        b = k - 2
        while b >= 0 and units[b].low == ")":
            b = clause._open_paren(b) - 1  # over the brackets before: "(CEO, Tarn Trust)"
        got = clause.arg(b, ("Person",)) if b >= 0 else None
        people = [got] if got else []
    elif mode == "by_noun":
        # "a keynote by X", "closing remarks from A and B"
        people = clause.right(end, ("Person",), ("by", "from"), reach=1)
    elif mode == "place":
        # "The meeting was held at Riverside House, Kendal": where the section's meeting was
        places = clause.right(end, ("Place",), tuple(rule.opt("object", ["at", "in"])), reach=8)
        if not places:
            places = _address_place(clause, end, tuple(rule.opt("object", ["at", "in"])))
        for pl in places:
            f = edge(facts, clause, rule, meeting, pl, k, end)
            if f:
                yield f
        return
    else:  # "list": "speakers included A, B and C", "speakers at the launch were A and B"
        j = end + 1
        if j < len(clause.units) and clause.units[j].low in ("at", "for", "on", "in"):
            for b in range(j + 1, min(len(clause.units), j + 12)):
                if clause.units[b].low in ("include", "included", "includes", "including", "were", "are", "will", ":"):
                    j = b
                    break
        while j < len(clause.units) and clause.units[j].low in LIST_INTRO | _SPEAKER_INTRO:
            j += 1
        people = listed(clause, j, ("Person",))
    for p in people:
        f = edge(facts, clause, rule, p, meeting, k, end)
        if f:
            yield f


def label_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """A labelled list, as minutes and programmes write them: "Chair: Jo Bloggs", "Present: Jo
    Bloggs (Tarn Trust), Sam Iver", "Speakers – A, B and C". The meeting is the one the section
    records (or the one its sentence names)."""
    units = clause.units
    if any(u.kind != "P" and u.low not in ("*", "•") for u in units[:k]):
        return  # the label opens its line
    j = end + 1
    if j >= len(units) or units[j].low not in (":", "–", "-", "—"):
        return
    j += 1
    while j < len(units) and units[j].low in ("*", "_", "•"):
        j += 1  # "**Chair:** Jo Bloggs": the bold's closing marks
    people = listed(clause, j, ("Person",))
    if not people:
        return
    named = [b for b, u in enumerate(units) if u.kind == "E" and u.low == "Meeting"]
    if named:
        meeting = Arg(units[named[0]].mention, named[0], False)
    elif facts.meeting:
        meeting = Arg(-1, -1, False, ("Meeting", facts.meeting))
    else:
        return
    for p in people:
        f = edge(facts, clause, rule, p, meeting, k, end)
        if f:
            yield f


def venue_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Venue: Riverside Hall, 1 Mill Street, Kendal LA9 4AB": where the section's meeting is."""
    units = clause.units
    if any(u.kind != "P" for u in units[:k]) or end + 1 >= len(units) or units[end + 1].low not in (":", "–", "-"):
        return
    if not facts.meeting:
        return
    places = [
        j
        for j in range(end + 2, len(units))
        if clause.arg(j, ("Place",)) and facts.mentions[units[j].mention].label == "Place"
    ]
    if places:
        meeting = Arg(-1, -1, False, ("Meeting", facts.meeting))
        f = edge(facts, clause, rule, meeting, clause.arg(places[-1], ("Place",)), k, places[-1])
        if f:
            yield f


_SPEAKER_INTRO = frozenset(("our", "today", "today’s", "will", "also", "be", "have", "has", "this", "year’s", "expert"))


_MEETING_NOUNS = frozenset(
    """meeting session event discussion roundtable webinar workshop conference panel call debate
    seminar forum it this evening day gathering launch conversation symposium summit festival
    programme agm""".split()
)
