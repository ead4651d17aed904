"""What a document is about, as the rules need to know it: the organisation it speaks for
("we", "our", "the foundation"), the one its heading names (whose officers a minutes' list
gives), the body whose meeting its title names ("Tarn CVS AGM"), and the meeting a section is
about when its title does not say."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .classify import SectionView
from .lexicon import Lexicon, rx
from .mentions import Mention

__all__ = ["find_title", "heading_org", "host", "meeting_holder", "most_named_host", "named_meeting"]


_HOLDER_TAIL = re.compile(
    r"\s+(?:(?:Annual|Extraordinary|Special|Quarterly|Monthly|Ordinary|Full|Open)\s+)*(?:General\s+Meeting|AGM|EGM|"
    r"Board\s+Meeting|Trustees[’']?\s+Meeting|Committee\s+Meeting|Meeting|Conference|Convention|Forum\s+Meeting)\b.*$"
)


def meeting_holder(name: str, lex: Lexicon) -> str | None:
    """The organisation a meeting's name begins with ("Tarn CVS AGM" -> "Tarn CVS"), when its
    words make it one."""
    m = _HOLDER_TAIL.search(name)
    if not m or m.start() == 0:
        return None
    head = name[: m.start()].strip(" ,:-–")
    words = head.split()
    if not words or len(words) > 12 or not any(w.strip(",") in lex.strong_org_words | lex.org_words for w in words):
        return None
    return head


def heading_org(mentions: list[Mention], names: dict[int, str], text: str, title: str) -> str | None:
    """The first organisation named in a section's heading: its title line and the short lines
    after it that are no sentences ("Minutes of Board Meeting / of the Tarn Trust / Held on ...")."""
    at = find_title(text, title)
    start = at[0] if at else 0
    end = at[1] if at else 0
    lines = 0
    while lines < 3:
        nxt = text.find("\n", end + 1)
        line = text[end : nxt if nxt >= 0 else len(text)].strip()
        if line and (len(line.split()) > 12 or line.endswith((".", "!", "?"))):
            break  # running text: the heading is over
        if line:
            lines += 1
        if nxt < 0:
            end = len(text)
            break
        end = nxt
    named = [i for i, m in enumerate(mentions) if m.label == "Organisation" and start <= m.start and m.end <= end]
    return names[named[0]] if named else None


def named_meeting(mentions: list[Mention], names: dict[int, str], text: str, title: str) -> str | None:
    """The meeting a section is about when its title does not say: the one its title line
    names, else the one it names most (ties: the first)."""
    found = [i for i, m in enumerate(mentions) if m.label == "Meeting"]
    if not found:
        return None
    at = find_title(text, title)
    for i in found:
        if at and at[0] <= mentions[i].start < at[1]:
            return names[i]
    counts = Counter(names[i] for i in found)
    return max(counts, key=lambda n: (counts[n], -min(mentions[i].start for i in found if names[i] == n)))


def find_title(text: str, title: str) -> tuple[int, int] | None:
    title = title.strip()
    if not title:
        return None
    at = text.find(title)
    if at < 0:
        at = text.casefold().find(title.casefold())
    return (at, at + len(title)) if at >= 0 else None


def most_named_host(views: list[SectionView]) -> str | None:
    """The organisation a document speaks for ("we", "our", "the foundation"): its most
    mentioned, clearly so. "The trust" counts for the named organisation whose name ends in
    "Trust" (the one named most, when several are); a name in the document's opening line (its
    headline) counts twice."""
    counts = Counter(m.name for v in views for m in v.mentions if m.label == "Organisation")
    if not counts:
        return None
    heads: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        last = name.split()[-1].lower()
        if last in _REFERRING_HEADS:
            heads[last].append(name)
    named = Counter(counts)  # "the trust" is the trust named most, when one is named most
    for v in views:
        for m in _THE_HEAD.finditer(v.text):
            owners = sorted(heads.get(m.group(1).lower(), []), key=lambda n: -named[n])
            if len(owners) == 1 or len(owners) > 1 and named[owners[0]] > named[owners[1]]:
                counts[owners[0]] += 1
    first = views[0]
    line_end = first.text.find("\n", first.text.find(first.title[:20]) + 1 if first.title else 0)
    headline = None
    for m in first.mentions:
        if m.label == "Organisation" and m.start < max(line_end, 0):
            headline = m.name
            counts[m.name] += 2
            break
    if headline:
        # "the charity", "the organisation": the one the headline names
        counts[headline] += sum(len(_THE_GENERIC.findall(v.text)) for v in views)
    top = counts.most_common(2)
    if top[0][1] < 3 or (len(top) > 1 and top[1][1] * 3 > top[0][1] * 2):
        return None
    return top[0][0]


_REFERRING_HEADS = frozenset(
    (
        "foundation",
        "trust",
        "charity",
        "fund",
        "council",
        "network",
        "alliance",
        "partnership",
        "association",
        "society",
        "forum",
        "collective",
        "group",
        "institute",
        "centre",
        "project",
    )
)


_THE_GENERIC = re.compile(r"\b[Tt]he (?:charity|organisation|organization|funder)\b")


_THE_HEAD = re.compile(r"\b[Tt]he ((?i:" + "|".join(sorted(_REFERRING_HEADS)) + r"))\b(?! [A-Z])")


def sole_host(views: list[SectionView]) -> str | None:
    """In a text that says "we", the organisation "we" are when nothing else tells: the only one
    it names, or the one its opening lines name (a blog's byline, a page's header)."""
    if not any(_FIRST_PERSON.search(v.text) for v in views):
        return None
    names = [m.name for v in views for m in v.mentions if m.label == "Organisation"]
    if len(set(names)) == 1:
        return names[0]
    first = views[0]
    opening = [m.name for m in first.mentions if m.label == "Organisation" and m.start < 300]
    return opening[0] if opening else None


_FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|us)\b")


def introduced_host(views: list[SectionView]) -> str | None:
    """The organisation a "we" document opens by introducing: "The Alder Trust supports ... we
    gave grants to ...". Only the opening sentences count, and only when the text says "we"."""
    if not any(_FIRST_PERSON.search(v.text) for v in views):
        return None
    seen = 0
    for v in views:
        for sent in v.sentences:
            if not v.text[sent.start : sent.end].strip():
                continue
            seen += 1
            if seen > 3:
                return None
            for m in v.mentions:
                if m.label != "Organisation" or not sent.start <= m.start < sent.end:
                    continue
                lead = v.text[sent.start : m.start].strip()
                if lead in ("", "The", "the") and rx(
                    r" (?:is|was|are|has|have|exists|works|helps|supports|funds|gives|makes|runs|believes|"
                    r"aims|brings|offers|provides|invests|champions|backs|seeks|wants)\b"
                ).match(v.text[m.end : m.end + 20]):
                    return m.name
                break
    return None


def host(views: list[SectionView]) -> str | None:
    """The organisation a document speaks for, by the first of these that tells: the one it
    names most, clearly; the one its opening sentences introduce; the one it alone names."""
    return most_named_host(views) or introduced_host(views) or sole_host(views)
