"""The meeting a set of minutes records, read from its heading: the lines above its first
sentence or list ("Tarn Valley Forum / Minutes of the meeting held on 4 May 2023 / Present:").

Minutes name the body that met, and the date it met, in a few lines of their own. A standing
group with no governance of its own (a forum, committee, panel or working group) meets again
and again, so its meeting is named by the group and the date as written ("Tarn Valley Forum
4 May 2023"), and is part of the group, a Cell; one set of minutes then never merges with the
next. A body meeting as itself (an AGM, a board or trustees' meeting) is named as its heading
names it ("Board Meeting of Tarn Trust"), and no cell is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import find_date

__all__ = ["MinutesHeading", "minutes_heading"]

_HEADING_LINES = 8
_LONGEST_HEADING_LINE = 160
_OPENING = 2500  # characters in which a roll call ("Present:") marks a text as minutes

_MINUTES_WORD = re.compile(r"\b(?:minutes|notes of (?:the |a |an )?meeting|action notes)\b", re.IGNORECASE)
# "Present:", "Those Present", "Attendees", "In attendance", "Apologies received"
_ROLL_CALL = re.compile(
    r"^[ \t]*(?:those |members |councillors |trustees )?"
    r"(?:present|attendees|attending|in attendance|apologies(?: for absence| received)?)\b",
    re.IGNORECASE | re.MULTILINE,
)
_PREFIX = re.compile(
    r"^(?:(?:draft|approved|unconfirmed|confirmed|signed)\s+)?(?:minutes|notes|action notes)\s+(?:of|from|for)\s+"
    r"(?:the\s+|a\s+|an\s+)?",
    re.IGNORECASE,
)
# "Tarn Valley Forum Minutes", "Tarn Valley Forum: minutes, May 2023"
_SUFFIX = re.compile(r"\s*(?:[:,–—-]\s*)?(?:(?:draft|approved)\s+)?(?:minutes|notes)\b.*$", re.IGNORECASE)
# "... held on 4 May 2023 at the Old School", "... - 4 May 2023"
_WHEN = re.compile(
    r"(?:\s*[,–—-]\s*|\s+)(?:held\b|date\b|on\s+(?:[A-Z][a-z]+day,?\s+)?\d).*$"
    r"|\s*[,–—-]?\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}.*$"
)
_ACRONYM = re.compile(r"\s*\([A-Z&]{2,8}\)$")
_GENERIC = re.compile(r"^(?:(?:the|a|an|this|last|previous|next)\s+)?meeting\b", re.IGNORECASE)
# a body that meets as itself: its AGM, its board, its trustees
_GOVERNANCE = re.compile(
    r"\b(?:AGM|(?:annual |extraordinary |special )?general meeting|board meeting|trustees[’']? meeting|"
    r"meeting of (?:the )?(?:board|trustees|directors))\b",
    re.IGNORECASE,
)
# the kind of meeting alone, with no body named ("First AGM", "Board Meeting")
_KIND_ONLY = re.compile(
    r"^(?:(?:first|second|third|\d+(?:st|nd|rd|th)|annual|extraordinary|special|inaugural)\s+)*"
    r"(?:AGM|annual general meeting|general meeting|board meeting|trustees[’']? meeting)$",
    re.IGNORECASE,
)
# a standing group of a network or council, with no governance of its own
_STANDING_GROUP = re.compile(
    r"\b(?:forum|group|committee|sub-?committee|panel|taskforce|task force|working party|cell)$", re.IGNORECASE
)
_HELD = re.compile(r"\b(?:held|date of (?:the )?meeting|meeting date|met)\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*,?\s+(?:19|20)\d\d\b", re.IGNORECASE
)
_LINE = re.compile(r"^[ \t\-–—•*#]*(.*?)[ \t]*$", re.MULTILINE)
# "at Tarn House, Kendal" after the date; "The Old Hall, Kendal." run on after it
_AT_VENUE = re.compile(r",?\s+(?:at|in)\s+(?P<venue>[A-Z0-9][^,;()]*(?:,\s*[A-Z0-9][^,;()]*){0,3})")
_RUN_ON_VENUE = re.compile(r"(?P<venue>[A-Z][^,;()]*(?:,\s*[A-Z][^,;()]*){1,3})")
# capitalised parts parted by commas: "Riverside Room, Tarn House, Kendal"
_ADDRESS_LINE = re.compile(
    r"(?:The\s+)?[A-Z0-9][\w’'&.-]*(?:\s+[\w’'&.-]+){0,4}(?:,\s*[A-Z0-9][\w’'&.-]*(?:\s+[\w’'&.-]+){0,4}){1,3}\.?"
)
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]$")
_SMALL_WORDS = frozenset(("a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"))


@dataclass(frozen=True, slots=True)
class MinutesHeading:
    """What a set of minutes says of its own meeting.

    Attributes:
        meeting: the meeting's name.
        cell: the standing group it is part of, or None when a body met as itself.
        date: the meeting's date (YYYY-MM-DD), or None when no full date is given.
        venue: where the venue the heading names is written in the text (start, end), if it
            names one: the line under the date, or "held ... at <venue>".
    """

    meeting: str
    cell: str | None
    date: str | None
    venue: tuple[int, int] | None = None


def minutes_heading(title: str, text: str) -> MinutesHeading | None:
    """The meeting that minutes record, read from the heading of a section; None when the
    section is no minutes or its heading names no body.

    Args:
        title: the section's title.
        text: the section's text (which may begin with the title line).

    >>> minutes_heading("Tarn Valley Forum", "Tarn Valley Forum\\nMinutes of the meeting held on 4 May 2023\\n")
    MinutesHeading(meeting='Tarn Valley Forum 4 May 2023', cell='Tarn Valley Forum', date='2023-05-04', venue=None)
    >>> minutes_heading("Minutes of Board Meeting", "Minutes of Board Meeting\\nof Tarn Trust\\nPresent: Jo Bloggs")
    MinutesHeading(meeting='Board Meeting of Tarn Trust', cell=None, date=None, venue=None)
    """
    placed = _heading_lines(title, text)
    lines = [line for line, _ in placed]
    if not lines or not (any(_MINUTES_WORD.search(line) for line in lines) or _ROLL_CALL.search(text[:_OPENING])):
        return None
    iso, written = _meeting_date(lines)
    venue = _venue(placed, written)
    governance = _governance_meeting(lines)
    if governance:
        return MinutesHeading(governance, None, iso, venue)
    group = next((core for line in lines if (core := _core(line)) and _STANDING_GROUP.search(core)), None)
    if group is None or not written:
        return None
    return MinutesHeading(f"{group} {written}", group, iso, venue)


def _heading_lines(title: str, text: str) -> list[tuple[str, int]]:
    """The title and the short lines after it, up to the first roll call, sentence or long line,
    each with where it starts in ``text`` (-1 for a title the text does not begin with)."""
    skip = len(title) if text.startswith(title) else 0
    lines = [(title.strip(), 0 if skip else -1)]
    for found in _LINE.finditer(text, skip, min(len(text), _OPENING)):
        line = found.group(1)
        if len(lines) >= _HEADING_LINES or len(line) > _LONGEST_HEADING_LINE or _ROLL_CALL.match(line):
            break
        if _SENTENCE_END.search(line) and len(line.split()) > 6:
            break
        lines.append((line, found.start(1)))
    return [(line, at) for line, at in lines if line]


def _venue(placed: list[tuple[str, int]], written: str | None) -> tuple[int, int] | None:
    """Where the heading names the meeting's venue: after "at" or "in" past the date in the
    line that dates it, or the rest of that line, or the line under it when that line reads
    as an address ("Riverside Room, Tarn House, Kendal")."""
    if not written:
        return None
    for k, (line, at) in enumerate(placed):
        cut = line.find(written)
        if cut < 0 or at < 0:
            continue
        rest = line[cut + len(written) :]
        inline = _AT_VENUE.match(rest) or (_RUN_ON_VENUE.match(rest) if rest[:1].isupper() else None)
        if inline:
            start = at + cut + len(written) + inline.start("venue")
            return start, start + len(inline.group("venue").rstrip(" ."))
        if rest.strip(" ,."):
            return None
        if k + 1 < len(placed):
            after, after_at = placed[k + 1]
            if _ADDRESS_LINE.fullmatch(after) and not _MINUTES_WORD.search(after):
                return after_at, after_at + len(after.rstrip(" ."))
        return None
    return None


def _core(line: str) -> str:
    """A heading line without "Minutes of the", "minutes", when and where it was held, and a
    bracketed short form: what is left names the body or the meeting."""
    core = _PREFIX.sub("", line.strip())
    core = _SUFFIX.sub("", core)
    core = _WHEN.sub("", core).strip(" ,:;–—-")
    core = _ACRONYM.sub("", core).strip()
    if not core or _GENERIC.match(core) or find_date(core) or _MONTH_YEAR.fullmatch(core):
        return ""
    if core.isupper() and len(core) > 4:
        core = _title_case(core)
    return core


def _title_case(text: str) -> str:
    """ "TARN VALLEY FORUM" as "Tarn Valley Forum"; a short form of capitals ("CVS") stays."""
    words = text.split()
    return " ".join(
        w.lower() if k and w.lower() in _SMALL_WORDS else w if len(w) <= 3 and w.isalpha() else w.capitalize()
        for k, w in enumerate(words)
    )


def _meeting_date(lines: list[str]) -> tuple[str | None, str | None]:
    """The date the meeting was held, as ISO and as written: said to be when it was held if a
    line says so, else the first full date of the heading, else its first month and year."""
    # "Date of meeting / 2 May 2023": the line after a label too
    held = [part for k, line in enumerate(lines) if _HELD.search(line) for part in (line, *lines[k + 1 : k + 2])]
    for line in held + lines:
        found = find_date(line)
        if found:
            return found[0], line[found[1] : found[2]]
    for line in lines:
        month = _MONTH_YEAR.search(line)
        if month:
            return None, month.group(0)
    return None, None


def _governance_meeting(lines: list[str]) -> str | None:
    """A body's own meeting named by the heading: "Tarn Trust Annual General Meeting", "Board
    Meeting / of Tarn Trust", "Tarn Forum / First AGM held 4 May 2023"."""
    cores = [_core(line) for line in lines]
    for k, core in enumerate(cores):
        if not core or not _GOVERNANCE.search(core):
            continue
        if not _KIND_ONLY.match(core):
            return core
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if following.lower().startswith("of "):
            return f"{core} {_core(following) or following}"
        before = next((c for c in reversed(cores[:k]) if c), None)
        return f"{before} {core}" if before else core
    return None
