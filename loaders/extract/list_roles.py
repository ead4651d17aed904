"""ROLE_AT shapes of lists, lines and brackets, as minutes, annual reports and programmes write
them: "Jo Bloggs (CEO, X)", "Jo Bloggs – X", "Jo Bloggs (Treasurer)", "Chief Officer Jo Bloggs",
"Mr Jo Bloggs Treasurer", "Trustees: A, B and C", "X – Jo Bloggs", "Cllr Jo Bloggs (X)"; a bare
title is held at the document's organisation (the one its heading names, or "we")."""

from __future__ import annotations

import re

from .clauses import Arg, Clause
from .edges import document_org
from .titles import DASHES, HONORIFIC_LEADS, is_role_head, read_title, singular_title, title_backward

__all__ = [
    "bracket_shape",
    "bracket_title_shape",
    "dash_reversed_shape",
    "dash_shape",
    "honorific_shape",
    "line_end",
    "line_start",
    "name_title_shape",
    "owned_here",
    "title_comma_name_shape",
    "title_list_shape",
    "title_name_shape",
]

PERSON = ("Person",)
ORG = ("Organisation",)


def owned_here(clause: Clause, host: Arg) -> bool:
    """Whether a bare title may be read as held at ``host``: the sentence names no other
    organisation (else the title may be theirs)."""
    return not any(u.kind == "E" and u.low == "Organisation" and u.mention != host.mention for u in clause.units)


def title_list_shape(facts, clause: Clause, p: int):
    """ "Trustees: Jo Bloggs, Sam Iver and Ann Lee", "our new Trustees Jo Bloggs and Sam Iver",
    "the trustees of Tarn Trust are Jo Bloggs and Sam Iver": a title, then a list of people."""
    units = clause.units
    # walk back over the list to its first name
    first = p
    while first >= 2 and units[first - 1].low in (",", "and", "&", ";") and clause.arg(first - 2, PERSON):
        first -= 2
    b = first - 1
    if b >= 0 and units[b].low in (":", "are", "were", "include", "included", "–"):
        b -= 1
    if b < 0:
        return
    org = None
    # "the trustees of Tarn Trust are ..."
    if clause.arg(b, ORG) and b >= 2 and units[b - 1 - (units[b - 1].low == "the")].low in ("of", "at"):
        org = clause.arg(b, ORG)
        b -= 2 + (units[b - 1].low == "the")
    got = title_backward(clause, b, limit=5)
    if not got:
        return
    a, title = got
    if not any(is_role_head(units[j].low) for j in range(a, b + 1)) or title.lower().rstrip(".") in HONORIFIC_LEADS:
        return
    if units[first - 1].low not in (":", "–") and first == p and not title[:1].isupper():
        return  # "the architect Jo Bloggs": one person named by a lower-case title, at no body
    if org is None:
        org = document_org(facts, clause)
        if org is None or not owned_here(clause, org):
            return
    yield org, singular_title(title), a, p


def title_comma_name_shape(facts, clause: Clause, p: int):
    """ "research manager, Jo Bloggs": a title with no organisation, at the document's."""
    units = clause.units
    if p < 2 or units[p - 1].low != ",":
        return
    got = title_backward(clause, p - 2, limit=4)
    if not got:
        return
    a, title = got
    if a > 0 and units[a - 1].kind == "R" and clause.arg(a - 1, ORG):
        yield clause.arg(a - 1, ORG), title, a - 1, p  # "our research manager, Jo Bloggs"
        return
    if a > 0 and units[a - 1].kind in "ER":
        return  # "Tarn Trust's director, Jo": the org_title shape
    if a > 0 and units[a - 1].low in ("of", "at", "for", "’s"):
        return
    host = document_org(facts, clause)
    if host is not None and owned_here(clause, host) and title.lower().rstrip(".") not in HONORIFIC_LEADS:
        yield host, title, a, p


def dash_reversed_shape(facts, clause: Clause, p: int):
    """A list line "Tarn Trust – Jo Bloggs": the organisation first."""
    units = clause.units
    if (
        p < 2
        or units[p - 1].low not in DASHES
        or p + 1 < len(units)
        and "\n" not in clause.facts.text[units[p].end : units[p + 1].start]
    ):
        return
    org = clause.arg(p - 2, ORG)
    if org and line_start(clause, p - 2):
        yield org, "of", p - 2, p


def bracket_shape(facts, clause: Clause, p: int):
    """P (T, O) / P (O, T) / P (O – T) / P (O) / P (O & O2) / P (T) (O)."""
    units = clause.units
    a = p + 1
    if a >= len(units) or units[a].low != "(":
        return
    close = clause._close_paren(a)
    inner = range(a + 1, close)
    if not inner:
        return
    orgs = [j for j in inner if clause.arg(j, ORG)]
    if not orgs:
        # "P (T) (O)": a title in brackets, then the organisation in the next
        if close + 1 < len(units) and units[close + 1].low == "(":
            nxt_close = clause._close_paren(close + 1)
            orgs2 = [j for j in range(close + 2, nxt_close) if clause.arg(j, ORG)]
            title = read_title(clause, a + 1, close - 1)
            if len(orgs2) == 1 and title:
                yield clause.arg(orgs2[0], ORG), title, p, nxt_close
        return
    # what is not an organisation inside is the title (or a separator)
    rest = [
        j for j in inner if j not in orgs and units[j].low not in (",", "&", "/", "and", "–", "-", "the", "’s", ";")
    ]
    title = None
    if rest:
        title_of = _title_of_org(clause, rest, orgs)
        if title_of:
            title, orgs = title_of  # "(Head of X Unit)"
        else:
            title = read_title(clause, rest[0], rest[-1])
            if title is None and any(units[j].low == "," for j in inner):
                # "(CEO, Tarn Trust, funded partner)": the title is the part before the first comma
                first = [j for j in rest if j < next(j for j in inner if units[j].low == ",")]
                title = read_title(clause, first[0], first[-1]) if first else None
        if title is None:
            return  # something else in the brackets: "P (speaking for O about ...)"
    for j in orgs:
        yield clause.arg(j, ORG), title if title is not None else "of", p, close


def _title_of_org(clause: Clause, rest: list[int], orgs: list[int]) -> tuple[str | None, list[int]] | None:
    """ "Head of X Unit", "Chief Executive of X": a title and the one name after its "of", as
    a bracket or a list line's dash holds them; None when the words are not in that shape."""
    if clause.units[rest[-1]].low not in ("of", "at", "for") or rest[-1] + 1 not in orgs:
        return None
    title = read_title(clause, rest[0], rest[-1] - 1)
    return title, ([rest[-1] + 1] if title and all(j > rest[-1] for j in orgs) else [])


def bracket_title_shape(facts, clause: Clause, p: int):
    units = clause.units
    a = p + 1
    if a >= len(units) or units[a].low != "(":
        return
    close = clause._close_paren(a)
    if close + 1 < len(units) and units[close + 1].low == "(":
        return  # "P (T) (O)": the bracket shape reads it
    title = read_title(clause, a + 1, close - 1)
    if not title or len(title.split()) > 5 or " and " in title:
        return  # "(MP and candidate for mayor)": a description, not a post at this body
    host = document_org(facts, clause)
    if host:
        yield host, title, p, close


def dash_shape(facts, clause: Clause, p: int):
    """A list line: "P – O", "P – T, O", "P – T O", "P – O T", "P - appointed by O", "P – T"."""
    units = clause.units
    a = p + 1
    if a >= len(units) or units[a].low not in DASHES or not line_start(clause, p):
        return
    end = line_end(clause, a)
    for j in range(a + 1, end + 1):
        if units[j].low in DASHES:
            end = j - 1  # "Jo Bloggs - Manager, Tarn Trust - will present": the aside ends
            break
    inner = list(range(a + 1, end + 1))
    orgs = [j for j in inner if clause.arg(j, ORG)]
    if any(units[j].kind == "E" and j not in orgs for j in inner):
        return
    rest = [
        j for j in inner if j not in orgs and units[j].low not in (",", "&", "/", "and", "–", "-", "the", ".", "’s")
    ]
    if orgs:
        title = None
        if rest:
            words = [units[j].low for j in rest]
            title_of = _title_of_org(clause, rest, orgs)
            if words[:2] in (["appointed", "by"],) or words[:1] == ["rep"]:
                title = "appointed by" if words[0] == "appointed" else "representative"
                orgs = orgs[:1]
            elif title_of:
                title, orgs = title_of  # "Jo Bloggs – Chief Executive of Tarn Trust"
            else:
                title = read_title(clause, rest[0], rest[-1])
                if title is None:
                    return
        for j in orgs:
            yield clause.arg(j, ORG), title if title is not None else "of", p, end
        return
    title = read_title(clause, inner[0], inner[-1]) if inner else None
    if title:
        host = document_org(facts, clause)
        if host:
            yield host, title, p, end


def title_name_shape(facts, clause: Clause, p: int):
    """ "Chief Officer Jo Bloggs" opening a line or after a comma: the document's organisation."""
    units = clause.units
    b = p - 1
    if b < 0:
        return
    got = title_backward(clause, b, limit=5)
    if not got:
        return
    a, title = got
    if title.lower().rstrip(".") in HONORIFIC_LEADS:
        return  # "Professor Jo Bloggs": a form of address, not a post here
    text = clause.facts.text
    # capitalised titles only ("Project Co-ordinator Jo Bloggs"), at a line start or after a comma
    if not text[units[a].start : units[a].start + 1].isupper():
        return
    before = units[a - 1].low if a > 0 else "\n"
    if a > 0 and before not in (",", ";", ":") and not line_start(clause, a):
        return
    host = document_org(facts, clause)
    if host:
        yield host, title, a, p


def name_title_shape(facts, clause: Clause, p: int):
    """A list line "Mr Jo Bloggs Treasurer": the title follows the name to the end of its line."""
    units = clause.units
    if not line_start(clause, p) or p + 1 >= len(units):
        return
    end = line_end(clause, p + 1)
    if end <= p or any(units[j].kind in "ER" for j in range(p + 1, end + 1)):
        return
    text = clause.facts.text
    if "\n" not in text[units[end].end : units[end].end + 2] and end + 1 < len(units):
        return
    title = read_title(clause, p + 1, end)
    if title and title[:1].isupper():
        host = document_org(facts, clause)
        if host:
            yield host, title, p, end


def honorific_shape(facts, clause: Clause, p: int):
    """ "Cllr Jo Bloggs (Millbrook Council)", "Cllr Jo Bloggs – Millbrook Council": the honorific
    is the title."""
    text = clause.facts.text
    start = clause.facts.mentions[clause.units[p].mention].start
    before = text[max(0, start - 16) : start]
    title = None
    for h in ("Cllr", "Councillor", "Professor", "Prof", "Bishop", "Revd", "Reverend"):
        if before.rstrip(". ").endswith(h):
            title = {"Prof": "Professor"}.get(h, h)
    if not title:
        return
    for shape in (bracket_shape, dash_shape):
        for org, t, lo, hi in shape(facts, clause, p):
            if t == "of":
                yield org, title, lo, hi


def line_start(clause: Clause, p: int) -> bool:
    text = clause.facts.text
    u = clause.units[p]
    lead = text[max(0, u.start - 40) : u.start]
    line = lead.rsplit("\n", 1)[-1] if "\n" in lead else (lead if u.start - 40 <= 0 else None)
    if line is None:
        return False
    # a list label before the name ("Representatives – Cllr Jo Bloggs", "Present: Jo Bloggs")
    bare = LIST_LABEL.sub("", line.strip()).strip()
    bare = bare.strip(" \t•*-–·>|#0123456789.)").strip()
    return not bare or bare.rstrip(".").lower() in HONORIFIC_LEADS


LIST_LABEL = re.compile(
    r"^[A-Z][\w ’']{0,30}\s*[–:-]\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Professor|Sir|Dame|Rev|Revd)\.?)?$"
)


def line_end(clause: Clause, a: int) -> int:
    """The last unit on the line of unit ``a``."""
    text = clause.facts.text
    units = clause.units
    b = a
    while b + 1 < len(units) and "\n" not in text[units[b].end : units[b + 1].start]:
        b += 1
    return b
