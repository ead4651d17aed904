"""Split a document's text into sections: one per note on pages that hold many notes.

Web pages saved as text often list many notes (meeting notes, blog posts, news items), each
introduced by the same site header line and closed by a "Read more" link. The splitter finds
those delimiters generically, from the shape of the page, never from one site's wording:

* a **closer** is a short line that occurs at least twice and reads like link text:
  "Read more", "Continue reading", "Read the full note", "Find out more" (any case);
* a **header** is a short line (at most :data:`MAX_DELIMITER_WORDS` words) that occurs at least
  twice, where every occurrence starts a block. When the page has closers, "starts a block"
  means it is the first line after a closer (the first occurrence may instead precede the
  first closer, after an introduction). Without closers
  the evidence must be stronger: every occurrence is followed by a distinct, title-like line
  (short, not a sentence) and a body of at least :data:`MIN_BODY_LINES` lines. A repeated
  sub-heading such as "Summary" fails that test because a sentence follows it.

A line is never a delimiter when it is a table row (a Word table's row, given by the reader,
or a Markdown table's "| a | b |") or a field of minutes or a form ("Present: Ada Brown, Ben
Cole", "**Apologies:**", "Chair: ..."): such lines are passages of their note, however often they
repeat.

Each block between delimiters becomes a :class:`~loaders.document.Section` whose title is its
first non-empty line and whose text runs from that line to the last line before the next
delimiter (delimiter lines belong to no section). Text before the first header becomes a
section titled with the document title when it is not trivial (:data:`MIN_SECTION_WORDS`
words); a page with no delimiters is one section titled with the document title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from .dates import parse_date
from .document import Section

__all__ = ["MAX_DELIMITER_WORDS", "MIN_BODY_LINES", "MIN_SECTION_WORDS", "split_sections"]

MAX_DELIMITER_WORDS = 8
MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 200
MIN_BODY_LINES = 2
MIN_SECTION_WORDS = 5

_CLOSER = re.compile(
    r"""^(?:
        continue\ reading
      | (?:read|view|see|find\ out|learn|show)\s+
        (?:the\s+|this\s+)?(?:full\s+|whole\s+|complete\s+)?
        (?:more|note|notes|article|post|blog\ post|story|report|entry|here|details)
    )\b[\s\W]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.,;]$")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s*")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset just after the last non-space character
    text: str  # the stripped line
    key: str  # whitespace-collapsed, casefolded text, for comparing repeats


def split_sections(text: str, title: str, table_rows: Collection[str] = ()) -> tuple[Section, ...]:
    """Split ``text`` into sections; ``title`` names a section that has no title of its own.

    ``table_rows`` are lines of ``text`` that the reader found to be table rows (never delimiters).
    Every section satisfies ``section.text == text[section.start:section.end]``.
    """
    lines = _lines(text)
    if not lines:
        return (Section(index=0, title=title, start=0, end=0, text="", date=None),)
    rows = {" ".join(row.split()).casefold() for row in table_rows}
    passages = [line.key in rows or _is_passage(line.text) for line in lines]
    closers = _closer_keys(lines, passages)
    is_closer = [line.key in closers for line in lines]
    header = _header_key(lines, is_closer, passages)
    is_header = [line.key == header for line in lines]

    blocks: list[tuple[int, int, bool]] = []  # (first line, last line, follows a delimiter)
    run_start: int | None = None
    after_delimiter = False
    for i in range(len(lines)):
        if is_closer[i] or is_header[i]:
            if run_start is not None:
                blocks.append((run_start, i - 1, after_delimiter))
                run_start = None
            after_delimiter = True
        elif run_start is None:
            run_start = i
    if run_start is not None:
        blocks.append((run_start, len(lines) - 1, after_delimiter))

    has_header = header is not None
    structured = bool(closers) or has_header
    sections: list[Section] = []
    for first, last, follows in blocks:
        words = sum(len(line.text.split()) for line in lines[first : last + 1])
        if structured and words < MIN_SECTION_WORDS:
            continue  # stray link text or a lone word between delimiters
        # Notes carry their own title; text before the first header is the page's own.
        own_title = structured and (follows or not has_header)
        name = _title(lines[first].text) if own_title else title
        start, end = lines[first].start, lines[last].end
        body = text[start:end]
        sections.append(Section(len(sections), name, start, end, body, parse_date(body)))
    if not sections:
        start, end = lines[0].start, lines[-1].end
        body = text[start:end]
        sections.append(Section(0, title, start, end, body, parse_date(body)))
    return tuple(sections)


def _lines(text: str) -> list[_Line]:
    """Non-empty lines with offsets of their stripped content."""
    out: list[_Line] = []
    for match in re.finditer(r"[^\n]*", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        out.append(_Line(start, end, stripped, " ".join(stripped.split()).casefold()))
    return out


def _is_short(line: _Line) -> bool:
    return len(line.text.split()) <= MAX_DELIMITER_WORDS and len(line.text) <= 80


# "Present: ...", "**In attendance:**", "Chair: Ada Brown": a field label of up to four words
# ending in a colon, before anything else on the line (Markdown emphasis aside).
_FIELD = re.compile(r"^[*_]{0,2}[A-Za-z][\w'’()/-]*(?:\s+[\w'’()/-]+){0,3}\s*[*_]{0,2}:(?!//)")


def _is_passage(line: str) -> bool:
    """Whether ``line`` is a table row or a field line, which is never a note's delimiter.

    >>> [_is_passage(x) for x in ("**Present:** Ada Brown", "| Ada | Chair |", "Tarn Way network")]
    [True, True, False]
    """
    return bool(_FIELD.match(line)) or (line.startswith("|") and line.endswith("|") and len(line) > 1)


def _closer_keys(lines: list[_Line], passages: list[bool]) -> frozenset[str]:
    counts = Counter(
        line.key for i, line in enumerate(lines) if not passages[i] and _is_short(line) and _CLOSER.match(line.text)
    )
    return frozenset(key for key, n in counts.items() if n >= 2)


def _header_key(lines: list[_Line], is_closer: list[bool], passages: list[bool]) -> str | None:
    """The key of the repeated header line, or None when the page has none."""
    counts = Counter(
        line.key for i, line in enumerate(lines) if _is_short(line) and not is_closer[i] and not passages[i]
    )
    positions: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if counts.get(line.key, 0) >= 2 and not is_closer[i] and not passages[i]:
            positions.setdefault(line.key, []).append(i)
    best: tuple[int, int, str] | None = None  # (-occurrences, first position, key)
    for key, where in positions.items():
        ok = _after_closers(where, is_closer) if any(is_closer) else _starts_titled_blocks(lines, where)
        if ok:
            candidate = (-len(where), where[0], key)
            best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def _after_closers(where: list[int], is_closer: list[bool]) -> bool:
    # Each occurrence directly follows a closer, except the first, which may instead come
    # after an introduction that precedes the first closer.
    first_closer = is_closer.index(True)
    head, rest = where[0], where[1:]
    return (head < first_closer or is_closer[head - 1]) and all(is_closer[i - 1] for i in rest)


def _starts_titled_blocks(lines: list[_Line], where: list[int]) -> bool:
    titles: set[str] = set()
    ends = where[1:] + [len(lines)]
    for i, nxt in zip(where, ends, strict=True):
        if nxt - i - 1 < 1 + MIN_BODY_LINES:
            return False
        heading = lines[i + 1]
        if len(heading.text.split()) > MAX_TITLE_WORDS or _SENTENCE_END.search(heading.text):
            return False
        titles.add(heading.key)
    return len(titles) == len(where)


def _title(line: str) -> str:
    """A section title from its first line: markdown heading marks dropped, length capped."""
    name = _HEADING_MARKS.sub("", line).strip() or line.strip()
    if len(name) > MAX_TITLE_CHARS:
        name = name[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return name
