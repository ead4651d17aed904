"""Lists of members under the sentence or heading that introduces them: "The Tarn Alliance is a
network of 12 charities." or "Our members:", then a list of names, one per line or parted by
semicolons. Each name listed is an organisation and a member of the body introduced.

The introduction says what the list is, so the names need no other evidence of being
organisations; a list is only read as one when nearly all of its items look like names.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .facts import Found, SectionFacts
from .mentions import Mention

__all__ = ["member_list_relations", "with_member_list_names"]

# "X is a network of 12 charities", "X, an alliance of over 40 organisations"
_BODY_OF_MEMBERS = re.compile(
    r"\b(?:is|are|was|became|,)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:movement|network|coalition|collective|alliance|consortium|federation|partnership|association|union)\s+of\s+"
    r"(?:(?:over|more than|around|about|some|nearly|almost)\s+)?(?:\d+|[a-z]+)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:charities|organisations|organizations|members|groups|bodies|funders|agencies|providers|partners)\b",
    re.IGNORECASE,
)
# a heading line: "Our members", "Member organisations:", "Members include:"
_MEMBERS_HEADING = re.compile(
    r"^[ \t]*(?:our\s+|current\s+|the\s+)?(?:members|member organi[sz]ations|membership)"
    r"(?:\s+(?:include|are))?:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_ITEM_SPLIT = re.compile(r"\s*;\s*|\s*\n\s*")
_BULLET = re.compile(r"^[-–•*·]\s*")
# a name: capitalised words and the small words names keep ("The Connection at St Anne's")
_NAME_ITEM = re.compile(
    r"[A-Z0-9][\w’'&.()-]*(?:\s+(?:[A-Z0-9(&][\w’'&.()-]*|of|and|the|for|at|in|on|upon|under|with)){0,9}"
)
_MIN_ITEMS = 3
_LOOK_AHEAD = 3000
_SHORT_HEADING_WORDS = 6


class MemberList(NamedTuple):
    """A list of members: where its introduction ends and where each listed name is."""

    intro_start: int
    intro_end: int
    items: tuple[tuple[int, int], ...]


def member_lists(text: str) -> list[MemberList]:
    """Every list of members in ``text``, with its introduction.

    >>> text = "The Tarn Alliance is a network of 3 charities.\\n\\nAlder Trust; Fenby Youth Club; Mill House"
    >>> [text[a:b] for a, b in member_lists(text)[0].items]
    ['Alder Trust', 'Fenby Youth Club', 'Mill House']
    """
    found = []
    intros = [(m.start(), m.end()) for m in _BODY_OF_MEMBERS.finditer(text)]
    intros += [(m.start(), m.end()) for m in _MEMBERS_HEADING.finditer(text)]
    for start, end in sorted(intros):
        items = _list_after(text, _sentence_end(text, end))
        if items:
            found.append(MemberList(start, end, items))
    return found


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
        if k == 0 and not _is_short_heading(text[a:b]):
            break
    return ()


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
    # a cut-off last item ("... Look Ahead; New") and the odd stray line are allowed
    return tuple(names) if len(names) >= _MIN_ITEMS and len(names) >= 0.8 * len(pieces) else ()


def with_member_list_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with every name a list of members gives taken as an organisation: a name no
    rule found is added, one taken for a place or an idea is relabelled; a person stays."""
    lists = member_lists(text)
    if not lists:
        return mentions
    by_span = {(m.start, m.end): k for k, m in enumerate(mentions)}
    out = list(mentions)
    taken = sorted((m.start, m.end) for m in mentions)
    for member_list in lists:
        for start, end in member_list.items:
            k = by_span.get((start, end))
            if k is not None:
                if out[k].label not in ("Person", "Organisation"):
                    out[k] = out[k]._replace(label="Organisation", rule="org.member_list", confidence=0.7)
                continue
            if any(s < end and start < e for s, e in taken):
                continue  # a name inside the item, or over its edge: the rules' reading stands
            name = text[start:end]
            out.append(Mention("Organisation", name, start, end, "org.member_list", 0.7))
    return sorted(out, key=lambda m: (m.start, -m.end, m.label))


def member_list_relations(facts: SectionFacts) -> list[Found]:
    """MEMBER_OF from each listed organisation to the body its introduction names: the last
    organisation named before "is a network of ..." in that sentence, or the organisation the
    document speaks for under a heading such as "Our members"."""
    out = []
    for member_list in member_lists(facts.text):
        body = _introduced_body(facts, member_list)
        if body is None:
            continue
        for start, end in member_list.items:
            member = next(
                (
                    i
                    for i, m in enumerate(facts.mentions)
                    if m.start == start and m.end == end and m.label == "Organisation"
                ),
                None,
            )
            if member is None or (facts.mentions[member].label, facts.names[member]) == body:
                continue
            out.append(
                Found(
                    "MEMBER_OF",
                    (facts.mentions[member].label, facts.names[member]),
                    body,
                    start,
                    end,
                    "member.listed",
                    0.75,
                )
            )
    return out


def _introduced_body(facts: SectionFacts, member_list: MemberList) -> tuple[str, str] | None:
    text = facts.text
    line_start = text.rfind("\n", 0, member_list.intro_start) + 1
    named = [
        i
        for i, m in enumerate(facts.mentions)
        if m.label == "Organisation" and line_start <= m.start and m.end <= member_list.intro_start + 1
    ]
    if named:
        i = named[-1]
        return facts.mentions[i].label, facts.names[i]
    intro = text[line_start : member_list.intro_end].lower()
    if facts.host and re.search(r"\b(?:we|our)\b", intro) or _MEMBERS_HEADING.match(intro) and facts.host:
        return "Organisation", facts.host
    return None
