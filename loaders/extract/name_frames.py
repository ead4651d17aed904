"""Frames anchored on a name and the mark beside it: "Leeds-based X", "X, a Leeds charity",
"X (Leeds)", "Kendal's new X", "In Kendal, X ...", a postal address (where an organisation
is), and "X's 2021 report Y", "Y, by X" (who wrote a work)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .clauses import Clause
from .edges import document_org, edge
from .facts import Found, SectionFacts
from .frames import COPULA_SKIP
from .rules import Rule

__all__ = [
    "POSTCODE",
    "address_frame",
    "by_apposition_frame",
    "bracket_place_frame",
    "compound_frame",
    "fronted_frame",
    "place_kind_frame",
    "possessive_frame",
    "possessive_place_frame",
]


POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")


def address_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """A postal address ("Tarn Trust, 4 Mill Lane, Kendal LA9 4AB"): the organisation it opens
    with, or the document's own, is in the towns it names (not its street). A venue line is the
    meeting's, read by the venue frame."""
    units = clause.units
    if units and units[0].low in ("venue", "location", "address", "where"):
        return
    places = [
        j
        for j, u in enumerate(units)
        if u.kind == "E" and u.low == "Place" and facts.mentions[u.mention].rule != "place.street"
    ]
    if not places:
        return
    text = facts.text
    line_start = text.rfind("\n", 0, units[places[0]].start) + 1
    before = [j for j in range(places[0]) if units[j].start >= line_start and clause.arg(j, rule.source)]
    org = clause.arg(before[-1], rule.source) if before else document_org(facts, clause)
    if org is None:
        return
    for j in places:
        f = edge(facts, clause, rule, org, clause.arg(j, rule.target), min(j, org.unit if org.unit >= 0 else j), j)
        if f:
            yield f


def compound_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Leeds-based Tarn Trust", "a Cumbria-based charity": a place joined to "based"."""
    units = clause.units
    if k < 2 or units[k - 1].low not in ("-", "–"):
        return
    place = clause.arg(k - 2, rule.target)
    if place is None:
        return
    j = end + 1
    while j < len(units) and units[j].kind == "W" and j - end <= 3 and units[j].low not in ("and", "of"):
        j += 1  # "Leeds-based youth charity Tarn Trust", "a Leeds-based funder"
    org = clause.arg(j, rule.source) if j < len(units) else None
    if org is None:
        # "Tarn Trust is a Leeds-based funder": the subject
        got = clause.left(k - 2, rule.source, skip=COPULA_SKIP)
        org = got[-1] if got else None
    if org is not None:
        f = edge(facts, clause, rule, org, place, k - 2, j)
        if f:
            yield f


def place_kind_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Tarn Trust, a Grimsby charity,", "Tarn Trust is a Leeds arts charity": a place before a
    word for a kind of body, said of a name."""
    units = clause.units
    place = None
    b = k - 1
    while b >= 0 and k - b <= 4 and units[b].low not in ("a", "an"):
        got = clause.arg(b, rule.target)
        if got:
            place = got
        elif units[b].kind != "W":
            return
        b -= 1  # "a Leeds arts charity": the place may come before other words
    if place is None or b < 0:
        return
    org = clause.left(b, rule.source, skip=COPULA_SKIP)
    if not org and k + 2 < len(units) and units[k + 1].low == ",":
        got = clause.arg(k + 2, rule.source)
        org = [got] if got else []  # "the Leeds arts charity, Tarn Trust,"
    if org:
        f = edge(facts, clause, rule, org[-1], place, b, k)
        if f:
            yield f


def by_apposition_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Open Doors, by the Harbour Trust, explains ...", "Open Doors by Jo Bloggs": a work and
    its maker."""
    units = clause.units
    b = k - 1
    if b >= 0 and units[b].low == ",":
        b -= 1
    work = clause.arg(b, rule.target) if b >= 0 else None
    if work is None:
        return
    j = end + 1 + (end + 1 < len(units) and units[end + 1].low == "the")
    maker = clause.arg(j, rule.source) if j < len(units) else None
    if maker:
        f = edge(facts, clause, rule, maker, work, b, j)
        if f:
            yield f


def possessive_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "the Harbour Trust's 2021 Open Doors Report": a work named with its maker's possessive."""
    units = clause.units
    if k < 1:
        return
    maker = clause.arg(k - 1, rule.source)
    if maker is None:
        return
    for j in range(end + 1, min(len(units), end + 5)):
        work = clause.arg(j, rule.target)
        if work and facts.mentions[work.mention].label in rule.target:
            f = edge(facts, clause, rule, maker, work, k - 1, j)
            if f:
                yield f
            return
        if units[j].kind not in "WM" or units[j].low in ("and", "of", "to", "with"):
            return


def possessive_place_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Kendal's new Tarn Community Centre": a place owning a name."""
    units = clause.units
    if k < 1:
        return
    place = clause.arg(k - 1, rule.target)
    if place is None or facts.mentions[place.mention].label != "Place":
        return
    for j in range(end + 1, min(len(units), end + 5)):
        got = clause.arg(j, rule.source)
        if got:
            f = edge(facts, clause, rule, got, place, k - 1, j)
            if f:
                yield f
            return
        if units[j].kind != "W":
            return


def bracket_place_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Tarn Trust (Kendal)": a place in brackets after a name."""
    units = clause.units
    if k < 1 or k + 2 >= len(units) or units[k + 2].low != ")":
        return
    org = clause.arg(k - 1, rule.source)
    place = clause.arg(k + 1, rule.target)
    if org and place:
        f = edge(facts, clause, rule, org, place, k - 1, k + 2)
        if f:
            yield f


def fronted_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "In Kendal, Tarn Food Bank ...": a place that opens the sentence, and the organisation
    that is its subject."""
    units = clause.units
    if any(u.kind != "P" for u in units[:k]):
        return
    place = clause.arg(end + 1, rule.target) if end + 1 < len(units) else None
    if place is None or facts.mentions[place.mention].label not in rule.target:
        return
    j = end + 2
    while j < len(units) and units[j].low in (",", "the", "a", "an"):
        j += 1
    org = clause.arg(j, rule.source) if j < len(units) else None
    if org is None:
        return
    f = edge(facts, clause, rule, org, place, k, j)
    if f:
        yield f
