"""The internal record passed between extraction rules: one labelled occurrence of a name."""

from __future__ import annotations

import bisect
from typing import NamedTuple

__all__ = ["Mention", "Occupied"]


class Mention(NamedTuple):
    """A labelled occurrence; offsets are relative to the section text."""

    # this record and the rules' other internal ones (Found, Span, Sentence, Word) are named
    # tuples: immutable like frozen dataclasses, and several times cheaper to build, which
    # matters at thousands per document

    label: str
    name: str  # canonical form (titles stripped, headings title-cased)
    start: int
    end: int
    rule: str
    confidence: float


class Occupied:
    """Character ranges already taken, with a fast overlap test (sections can be long)."""

    def __init__(self, ranges=()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for start, end in ranges:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Take the range ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a taken range."""
        i = bisect.bisect_left(self._starts, start - self._longest)
        j = bisect.bisect_left(self._starts, end)
        return any(self._ends[k] > start for k in range(i, j))
