"""Lists of names under the sentence or heading that says what they are, one per line or parted
by semicolons:

- members: "The Tarn Alliance is a network of 12 charities." or "Our members", then the list:
  each name is a member (MEMBER_OF) of the body introduced;
- funders: "We thank the following funders:", "Our funders", or "... founder donors ... /
  They were:", then the list: each name FUNDED the organisation the document speaks for.

The introduction says what the list is, so the names need no other evidence of being
organisations; a list is only read as one when nearly all of its items look like names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .facts import Found, SectionFacts
from .mentions import Mention

__all__ = ["introduced_lists", "list_relations", "with_listed_names"]

# bodies made of members: "a network of", "an alliance of"
_BODIES = r"(?:movement|network|coalition|collective|alliance|consortium|federation|partnership|association|union)"
# "X is a network of 12 charities", "X, an alliance of over 40 organisations"
_BODY_OF_MEMBERS = re.compile(
    r"\b(?:is|are|was|became|,)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?" + _BODIES + r"\s+of\s+"
    r"(?:(?:over|more than|around|about|some|nearly|almost)\s+)?(?:\d+|[a-z]+)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:charities|organisations|organizations|members|groups|bodies|funders|agencies|providers|partners)\b",
    re.IGNORECASE,
)
_BODY_OF_HINT = re.compile(r"\b" + _BODIES + r"\s+of\s", re.IGNORECASE)
# a heading line: "Our members", "Member organisations:", "Members include:"
_MEMBERS_HEADING = re.compile(
    r"^[ \t]*(?:our\s+|current\s+|the\s+)?(?:members|member organi[sz]ations|membership)"
    r"(?:\s+(?:include|are))?:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Our funders", "Founder donors:", "Funded by:"
_FUNDERS_HEADING = re.compile(
    r"^[ \t]*(?:our\s+|the\s+)?(?:(?:core\s+|founder\s+|main\s+)?(?:funders|donors)(?:\s+(?:include|are|were))?|"
    r"funded\s+by)\s*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# a sentence that ends in a colon and speaks of funders: "We thank the following funders for
# their support:"
_FUNDERS_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?]\s))[^.!?\n]*\b(?:funders|donors|funded\s+by|grants?\s+from)\b[^.!?\n]*:[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "They were:" under a sentence about funders or donors
_THEY_WERE = re.compile(
    r"(?:^|(?<=[.!?]\s))[ \t]*(?:they|these)\s+(?:were|are|include|included)\s*:[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ABOUT_FUNDING = re.compile(r"\b(?:funders|donors|funded|grants?)\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_ITEM_SPLIT = re.compile(r"\s*;\s*|\s*\n\s*")
_BULLET = re.compile(r"^[-–•*·]\s*")
# a name: capitalised words and the small words names keep ("The Connection at St Anne's")
_NAME_ITEM = re.compile(
    r"[A-Z0-9][\w’'&.()-]*(?:\s+(?:[A-Z0-9(&][\w’'&.()-]*|of|and|the|for|at|in|on|upon|under|with)){0,9}"
)
_MIN_ITEMS = 3
_LOOK_AHEAD = 3000
_LOOK_BACK = 500
_SHORT_HEADING_WORDS = 6


class IntroducedList(NamedTuple):
    """A list of names and what its introduction says they are ("members" or "funders")."""

    kind: str
    intro_start: int
    intro_end: int
    items: tuple[tuple[int, int], ...]


def introduced_lists(text: str) -> list[IntroducedList]:
    """Every list of members or funders in ``text``, with its introduction.

    >>> text = "The Tarn Alliance is a network of 3 charities.\\n\\nAlder Trust; Fenby Youth Club; Mill House"
    >>> [(found.kind, [text[a:b] for a, b in found.items]) for found in introduced_lists(text)]
    [('members', ['Alder Trust', 'Fenby Youth Club', 'Mill House'])]
    """
    return list(_introduced_lists(text))


@lru_cache(maxsize=4)
def _introduced_lists(text: str) -> tuple[IntroducedList, ...]:
    # Each section is read twice (its names, then its facts): the answer is kept for the text.
    intros = [("members", m.start(), m.end()) for m in _bodies_of_members(text)]
    intros += [("members", m.start(), m.end()) for m in _MEMBERS_HEADING.finditer(text)]
    intros += [("funders", m.start(), m.end()) for m in _FUNDERS_HEADING.finditer(text)]
    for start, end in _colon_lines(text):
        # only a line that ends in a colon introduces a list in so many words
        if _FUNDERS_SENTENCE.search(text, start, end):
            intros.append(("funders", start, end))
        elif _THEY_WERE.search(text, start, end) and _ABOUT_FUNDING.search(text, max(0, start - _LOOK_BACK), start):
            intros.append(("funders", start, end))
    found = []
    for kind, start, end in sorted(intros, key=lambda x: (x[1], x[0])):
        items = _list_after(text, _sentence_end(text, end))
        if items and not any(items == earlier.items for earlier in found):
            found.append(IntroducedList(kind, start, end, items))
    return tuple(found)


def _bodies_of_members(text: str) -> Iterator[re.Match[str]]:
    """ "X is a network of 12 charities": looked for only around "network of" and its kin."""
    for hint in _BODY_OF_HINT.finditer(text):
        found = _BODY_OF_MEMBERS.search(text, max(0, hint.start() - 80), min(len(text), hint.end() + 120))
        if found and found.start() <= hint.start():
            yield found


def _colon_lines(text: str) -> Iterator[tuple[int, int]]:
    """Where each line that ends in a colon starts and ends."""
    at = text.find(":")
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if not text[at + 1 : end].strip():
            yield text.rfind("\n", 0, at) + 1, end
        at = text.find(":", end)


def _sentence_end(text: str, pos: int) -> int:
    stop = re.compile(r"[.!?](?=\s)|\n").search(text, pos)
    return stop.end() if stop else len(text)


def _list_after(text: str, pos: int) -> tuple[tuple[int, int], ...]:
    """The items of the list that starts in the paragraph after ``pos`` (or the one after a
    short heading line there): names parted by semicolons or one per line."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text, pos, min(len(text), pos + _LOOK_AHEAD))]
    for k, (a, b) in enumerate(paragraphs[:2]):
        items = _items(text, a, b)
        if len(items) >= _MIN_ITEMS:
            return items
        run = _one_name_paragraphs(text, paragraphs[k:])
        if len(run) >= _MIN_ITEMS:
            return run
        if k == 0 and not _is_short_heading(text[a:b]):
            break
    return ()


def _one_name_paragraphs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """A list written one name to a paragraph: the names up to the first paragraph that is none."""
    run = []
    for a, b in paragraphs:
        line = text[a:b].rstrip(" .,;")
        bullet = _BULLET.match(line)
        skip = bullet.end() if bullet else 0
        if "\n" in line or not _NAME_ITEM.fullmatch(line[skip:]):
            break
        run.append((a + skip, a + len(line)))
    return tuple(run)


def _is_short_heading(paragraph: str) -> bool:
    return "\n" not in paragraph and len(paragraph.split()) <= _SHORT_HEADING_WORDS and paragraph[-1:] not in ".!?"


def _items(text: str, a: int, b: int) -> tuple[tuple[int, int], ...]:
    """The names a paragraph lists, when nearly all of its pieces are names."""
    pieces = []
    at = a
    for part in _ITEM_SPLIT.split(text[a:b]):
        start = text.index(part, at) if part else at
        at = start + len(part)
        bullet = _BULLET.match(part)
        if bullet:
            start, part = start + bullet.end(), part[bullet.end() :]
        part = part.rstrip(" .,")
        if part.lower().startswith("and "):
            start, part = start + 4, part[4:]
        if part:
            pieces.append((start, start + len(part)))
    if len(pieces) < _MIN_ITEMS:
        return ()
    names = [(s, e) for s, e in pieces if _NAME_ITEM.fullmatch(text[s:e]) and not text[s:e].endswith(("...", "…"))]
    # a cut-off last item ("... Mill House; Fen") and the odd stray line are allowed
    strays = len(pieces) - len(names)
    return tuple(names) if len(names) >= _MIN_ITEMS and strays <= max(1, 0.2 * len(pieces)) else ()


def with_listed_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with every name a list of members or funders gives taken as an
    organisation: a name no rule found is added, one taken for a place or an idea is
    relabelled; a person stays."""
    lists = introduced_lists(text)
    if not lists:
        return mentions
    by_span = {(m.start, m.end): k for k, m in enumerate(mentions)}
    out = list(mentions)
    taken = sorted((m.start, m.end) for m in mentions)
    for listed in lists:
        for start, end in listed.items:
            k = by_span.get((start, end))
            if k is not None:
                if out[k].label not in ("Person", "Organisation"):
                    out[k] = out[k]._replace(label="Organisation", rule="org.listed", confidence=0.7)
                continue
            if any(s < end and start < e for s, e in taken):
                continue  # a name inside the item, or over its edge: the rules' reading stands
            name = text[start:end]
            out.append(Mention("Organisation", name, start, end, "org.listed", 0.7))
    return sorted(out, key=lambda m: (m.start, -m.end, m.label))


def list_relations(facts: SectionFacts) -> list[Found]:
    """The facts lists of members and funders state: each listed organisation is a MEMBER_OF
    the body the introduction names (the last organisation named before "is a network of ..."
    in that sentence, or the one the document speaks for under "Our members"), or FUNDED the
    organisation the document speaks for."""
    out = []
    by_span = {(m.start, m.end): i for i, m in enumerate(facts.mentions) if m.label == "Organisation"}
    for listed in introduced_lists(facts.text):
        if listed.kind == "members":
            body, relation, rule = _introduced_body(facts, listed), "MEMBER_OF", "member.listed"
        else:
            body, relation, rule = (("Organisation", facts.host) if facts.host else None), "FUNDED", "funded.listed"
        if body is None:
            continue
        for start, end in listed.items:
            i = by_span.get((start, end))
            if i is None or ("Organisation", facts.names[i]) == body:
                continue
            # a member is a member of the body; a funder funded the document's organisation
            out.append(Found(relation, ("Organisation", facts.names[i]), body, start, end, rule, 0.75))
    return out


def _introduced_body(facts: SectionFacts, listed: IntroducedList) -> tuple[str, str] | None:
    text = facts.text
    line_start = text.rfind("\n", 0, listed.intro_start) + 1
    named = [
        i
        for i, m in enumerate(facts.mentions)
        if m.label == "Organisation" and line_start <= m.start and m.end <= listed.intro_start + 1
    ]
    if named:
        i = named[-1]
        return facts.mentions[i].label, facts.names[i]
    intro = text[line_start : listed.intro_end].lower()
    if facts.host and re.search(r"\b(?:we|our)\b", intro) or _MEMBERS_HEADING.match(intro) and facts.host:
        return "Organisation", facts.host
    return None
