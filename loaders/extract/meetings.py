"""Meetings and cells read from section titles: "Note from Sharing Power Cell 3" and the like."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .minutes import MinutesHeading

__all__ = ["MeetingInfo", "cells_from_minutes", "cells_from_titles", "meeting_for_section"]

_NOTE_PREFIX = re.compile(r"^\s*(?:notes?|minutes) (?:from|of|on) (?:an? |the )?", re.IGNORECASE)
_MEETING_WORDS = re.compile(
    r"\b(?:roundtable|round table|meeting|session|webinar|workshop|seminar|conference|summit|"
    r"symposium|gathering|huddle|call|retreat|away ?day|cell \d+)\b",
    re.IGNORECASE,
)
# a body that meets: its title names one of its meetings only with a date ("Tarn Forum, 4 May 2023")
_STANDING_BODY = re.compile(r"\b(?:forum|assembly|panel|committee|group)\b", re.IGNORECASE)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
# "..., held online on 4 March 2025", "... - 4th March 2025": when and how, not part of the name
_WHEN_TAIL = re.compile(
    rf"(?:,\s*|\s+[-–—]\s*|\s+)(?:held\b.*|(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}\.?)\s*$",
    re.IGNORECASE,
)
_CELL_N = re.compile(r"^(?P<cell>.+?)\s+cell\s+\d+\b", re.IGNORECASE)
_TEXT_MEETING = re.compile(
    r"\b(?:in this|at this|in today’s|in today's|this) (?:meeting|session|roundtable|webinar|workshop)\b|"
    r"\bthe (?:meeting|roundtable|webinar|workshop) (?:was|began|started|opened)\b",
    re.IGNORECASE,
)


_SENTENCE = re.compile(
    r"\b(?:I|we|was|were|is|are|has|have|had)\b.*[.!?]$|^(?:On|Last|This|Yesterday|Today)\b.*\b(?:I|we)\b"
)


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    """The meeting a section records, the cell it belongs to, and the rule that said so."""

    name: str
    cell: str | None
    rule: str
    date: str | None = None  # when the heading itself says (minutes), else read by the caller
    venue: tuple[int, int] | None = None  # where the heading names its venue (minutes)


def _series(title: str) -> str | None:
    head = _NOTE_PREFIX.sub("", title).split(":", 1)
    return head[0].strip() if len(head) == 2 and head[0].strip() else None


def cells_from_titles(titles: list[str]) -> dict[str, str]:
    """Cell names named by section titles, keyed by casefolded name.

    "X Cell 3" names cell X; a "Series: topic" prefix shared by two or more titles names a
    cell too, unless the prefix is itself a kind of meeting ("online roundtable: ...").
    """
    found: dict[str, Counter] = {}
    for title in titles:
        bare = _NOTE_PREFIX.sub("", title).strip()
        match = _CELL_N.match(bare)
        if match:
            found.setdefault(match["cell"].casefold(), Counter())[match["cell"]] += 2
    series = Counter(s.casefold() for t in titles if (s := _series(t)))
    for title in titles:
        s = _series(title)
        if s and series[s.casefold()] >= 2 and not _MEETING_WORDS.search(s) and len(s.split()) <= 6:
            found.setdefault(s.casefold(), Counter())[s] += 1
    # prefer the capitalised spelling ("Tarn Voices" over "Tarn voices")
    return {
        key: max(forms.items(), key=lambda kv: (sum(w[:1].isupper() for w in kv[0].split()), kv[1], kv[0]))[0]
        for key, forms in sorted(found.items())
    }


def cells_from_minutes(headings: Iterable[MinutesHeading | None]) -> dict[str, str]:
    """The standing groups whose minutes these are, keyed by casefolded name: "Tarn Valley Forum
    / Minutes of the meeting held on 4 May 2023" names a cell."""
    return {h.cell.casefold(): h.cell for h in headings if h and h.cell}


def meeting_for_section(
    title: str, text: str, cells: dict[str, str], minutes: MinutesHeading | None = None
) -> MeetingInfo | None:
    """The meeting a section records: the one its minutes' heading names (``minutes``, read by
    :func:`~loaders.extract.minutes.minutes_heading`), or the one named by its title without
    "Note from (a|the)"."""
    if minutes:
        return MeetingInfo(minutes.meeting, minutes.cell, "meeting.minutes", minutes.date, minutes.venue)
    bare = _NOTE_PREFIX.sub("", title).strip()
    undated = _WHEN_TAIL.sub("", bare).strip() or bare
    dated, bare = undated != bare, undated
    if not bare:
        return None
    folded = bare.casefold()
    cell = None
    for key, name in sorted(cells.items(), key=lambda kv: -len(kv[0])):
        if folded.startswith(key) and (len(folded) == len(key) or not folded[len(key)].isalnum()):
            cell = name
            break
    noted = bool(_NOTE_PREFIX.match(title))
    if len(bare.split()) > 14 or _SENTENCE.search(bare):
        return None  # a headline that is a sentence ("On Monday I was at ..."): no meeting's name
    if cell:
        return MeetingInfo(bare, cell, "meeting.cell_title")
    if _MEETING_WORDS.search(bare) or dated and _STANDING_BODY.search(bare) or noted and len(bare.split()) <= 14:
        return MeetingInfo(bare, None, "meeting.title")
    if _TEXT_MEETING.search(text[:1500]):
        return MeetingInfo(bare, None, "meeting.text")
    return None
