"""Find the first explicit calendar date stated in a text.

Only full dates count (day, month and year): "17 September 2020", "8th September 2020",
"Tuesday 3 March 2021", "September 17, 2020", "2021-03-04", "04/03/2021". A month and year
alone ("March 2021") or a day without a year ("Thursday 9th July") is not a date here,
because a meeting date that is off by weeks is worse than none.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["find_date", "parse_date"]

_MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Longest names first so that "sept" is preferred over "sep" inside the alternation.
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_PATTERNS = (
    # 17 September 2020, 8th Sept. 2020, 3rd of March 2021
    # (and "16thSeptember 2014The Hall", as text copied out of a table or PDF runs together)
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:(?:st|nd|rd|th)\s*|\s+)(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    # September 17, 2020 / September 17th 2020
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    # 2021-03-04 (ISO)
    re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    # 04/03/2021 or 04.03.2021: day first, as British documents write it
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:1[89]|20)\d\d)\b"),
)

_ANY_YEAR = re.compile(_YEAR)


def _numbered(pattern: re.Pattern[str], n: int) -> str:
    text = pattern.pattern
    for group in ("day", "month", "year"):
        text = text.replace(f"(?P<{group}>", f"(?P<{group}{n}>")
    return ("(?i:" if pattern.flags & re.IGNORECASE else "(?:") + text + ")"


# All the patterns in one: one scan finds the earliest match of any, and at a place where
# several match, the first of them, as trying each in turn would (several times slower).
_ANY_PATTERN = re.compile("|".join(_numbered(p, n) for n, p in enumerate(_PATTERNS)))


def parse_date(text: str) -> str | None:
    """Return the first full date stated in ``text`` as ``YYYY-MM-DD``, or None.

    Numeric dates with slashes or dots are read day first (04/03/2021 is 4 March).
    Impossible dates such as 31 February are ignored.

    >>> parse_date("The cell met online on Tuesday 3rd March 2021 at noon.")
    '2021-03-03'
    >>> parse_date("Planned for March 2021") is None
    True
    """
    if not _ANY_YEAR.search(text):
        return None  # every pattern needs a year; this one scan is far cheaper than theirs
    match = _ANY_PATTERN.search(text)
    if match is None:
        return None
    n = match.lastgroup[-1]  # every group of pattern n ends in n (there are fewer than ten)
    iso = _to_iso(match.group(f"year{n}"), match.group(f"month{n}"), match.group(f"day{n}"))
    # The earliest match is the answer unless it is no real date (31 February): then the
    # patterns are tried one by one, as a later match of one may overlap that of another.
    return iso if iso is not None else _first_date_by_pattern(text)


def find_date(text: str) -> tuple[str, int, int] | None:
    """Return the first full date stated in ``text`` and where it is written: ``(YYYY-MM-DD,
    start, end)``, or None. Reads dates as :func:`parse_date` does.

    >>> find_date("Minutes of the meeting held on 4th May, 2023 at the hall")
    ('2023-05-04', 31, 44)
    """
    if not _ANY_YEAR.search(text):
        return None
    for match in _ANY_PATTERN.finditer(text):
        n = match.lastgroup[-1]
        iso = _to_iso(match.group(f"year{n}"), match.group(f"month{n}"), match.group(f"day{n}"))
        if iso is not None:
            return iso, match.start(), match.end()
    return None


def _first_date_by_pattern(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            iso = _iso(match)
            if iso is not None:
                best = (match.start(), iso)
                break
    return best[1] if best else None


def _iso(match: re.Match[str]) -> str | None:
    return _to_iso(match.group("year"), match.group("month"), match.group("day"))


def _to_iso(year: str, month_text: str, day: str) -> str | None:
    month_text = month_text.lower().rstrip(".")
    # Ignoring case, the patterns also match letters whose lower case is no month's ("ſeptember")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if month is None:
        return None
    try:
        return _dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None
