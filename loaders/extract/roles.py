"""ROLE_AT frames: a person's title at an organisation, read from the words around the name.

Each frame is a *shape* that rows of ``relation_rules.yaml`` name (``frame: role``,
``shape: ...``); P is a person, O an organisation, T a title (words holding a role word,
"chief executive", "Head of Policy", "portfolio holder for housing"):

``appositive``       P, [the] T of|at|for O       "Jo Bloggs, chief executive of Harbour Trust"
``appositive_org``   P, O['s] T                   "Jo Bloggs, Harbour Trust's director of policy"
``org_title``        O['s] T[,] P                 "Harbour Trust's chief executive, Jo Bloggs"
``title_of_org``     T of|at O[,] P               "The chair of Harbour Trust, Jo Bloggs"
``bracket``          P (T, O) / P (O, T) / P (O)  "Jo Bloggs (CEO, Harbour Trust)"
``dash``             P – O / P – T O / P – T      a line of a list: "Jo Bloggs – Harbour Trust"
``bracket_title``    P (T)                        "Jo Bloggs (Treasurer)": the document's organisation
``title_name``       T P                          "Chief Officer Jo Bloggs": the document's organisation
``name_title``       P T                          a list line "Mr Jo Bloggs Treasurer"
``copula``           P is|was|became T of|at O    "Jo Bloggs became chair of Harbour Trust"
``appointed``        O appointed P as T           "Harbour Trust has appointed Jo Bloggs as its CEO"
``joins``            P joins O as T               "Jo Bloggs joins Harbour Trust as director"
``from``             P from|of O                  "Jo Bloggs from Harbour Trust" (title "from"/"of")
``honorific``        Cllr P (O)                   the honorific is the title when no other is given

A title that says the post is over ("former", "previously") keeps that word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .clauses import Arg, Clause
from .edges import document_org, edge
from .facts import Found, SectionFacts
from .list_roles import (
    bracket_shape,
    bracket_title_shape,
    dash_reversed_shape,
    dash_shape,
    honorific_shape,
    name_title_shape,
    owned_here,
    title_comma_name_shape,
    title_list_shape,
    title_name_shape,
)
from .titles import (
    LEFT_POST,
    NOT_TITLES,
    REMIT_TITLES,
    former_title,
    read_title,
    singular_title,
    title_backward,
    title_forward,
)

__all__ = ["role_frames", "shapes"]

PERSON = ("Person",)
ORG = ("Organisation",)
PEOPLE_AND_ORGS = ("Person", "Organisation")
BODIES = ("Organisation", "Cell")  # what a person or organisation may be a member of


def role_frames(facts: SectionFacts, clause: Clause, rules) -> Iterator[Found]:
    """Run every role row's shape at every person of the clause: role rows are anchored on
    names, not on trigger words."""
    people = [(p, clause.arg(p, PERSON)) for p in range(len(clause.units)) if clause.units[p].kind in "ER"]
    people = [(p, person) for p, person in people if person is not None]
    for rule in rules:
        shape = _SHAPES[rule.opt("shape")]
        for p, person in people:
            if person.via_reference and not rule.opt("references"):
                continue
            for org, title, lo, hi in shape(facts, clause, p):
                yield from _found(facts, clause, rule, person, org, title, lo, hi)


def _found(facts, clause, rule, person: Arg, org: Arg, title: str | None, lo: int, hi: int) -> Iterator[Found]:
    member_like = title is not None and (
        title.lower() in NOT_TITLES or title.lower().endswith(" member") and "board" not in title.lower()
    )
    if member_like:
        # "Jo Bloggs – elected member": a member of the body whose list it is (an organisation,
        # or the forum whose minutes these are)
        membership = replace(rule, relation="MEMBER_OF", source=PEOPLE_AND_ORGS, target=BODIES)
        found = edge(facts, clause, membership, person, org, lo, hi)
        if found:
            yield found
        return
    if title and not title.lower().startswith("former"):
        after = clause.facts.text[clause.units[hi].end : clause.units[hi].end + 60]
        if LEFT_POST.match(after):
            title = "former " + title  # "Jo Bloggs, our CEO, stepped down in May"
    if title:
        title = singular_title(title)
    attrs = (("title", title),) if title is not None else ()
    f = edge(facts, clause, rule, person, org, lo, hi, attrs)
    if f:
        yield f


# -- shapes: each yields (organisation, title, first unit, last unit) ---------------------------


def _appositive(facts, clause: Clause, p: int):
    units = clause.units
    q = p
    while q + 2 < len(units) and units[q + 1].low in ("and", "&", ",") and clause.arg(q + 2, PERSON):
        q += 2  # "Jo Bloggs and Sam Iver, co-directors of Tarn Trust": one apposition for both
    if q != p:
        for org, title, _lo, hi in _appositive(facts, clause, q):
            yield org, singular_title(title) if title else title, p, hi
        return
    if p + 2 >= len(units) or units[p + 1].low != ",":
        return
    a = p + 2
    if units[a].low in ("who", "which"):
        a += 1
        if a < len(units) and units[a].low in ("is", "was", "has", "had", "became"):
            a += 1
            if a < len(units) and units[a].low == "been":
                a += 1
    got = title_forward(clause, a)
    if not got:
        return
    b, title = got
    j = b + 1
    # "for" joins a remit to some titles ("Minister for Housing"); after others it names the
    # employer ("Director of Communications for the Tarn Trust")
    remit = units[b].low in REMIT_TITLES
    if j < len(units) and (units[j].low in ("of", "at", "with", "in", ",") or units[j].low == "for" and not remit):
        j += 1
        if j < len(units) and units[j].low == "the":
            j += 1
        org = clause.arg(j, ORG)
        if org:
            # "Head of Policy Unit at Tarn Trust": the first name was part of the title
            k = j + 1
            if k + 1 < len(units) and units[k].low in ("at", "with") and units[j - 1].low in ("of", "for"):
                k2 = k + 2 if units[k + 1].low == "the" else k + 1
                employer = clause.arg(k2, ORG) if k2 < len(units) else None
                if employer:
                    whole = clause.facts.text[units[a].start : units[j].end]
                    yield employer, former_title(clause, whole if read_title(clause, a, b) else title, a - 1), p, k2
                    return
            yield org, former_title(clause, title, a - 1), p, j
            last = j
            for more in clause._coordinated_right(j, ORG):
                if units[more.unit - 1].low in ("and", "&") or units[more.unit - 2].low in ("and", "&"):
                    yield more, former_title(clause, title, a - 1), p, more.unit  # "of X and Y"
                    last = more.unit
            # "Chief Executive of X and Chair of Y": a second post
            if last + 2 < len(units) and units[last + 1].low == "and":
                again = title_forward(clause, last + 2)
                if again and again[0] + 2 < len(units) and units[again[0] + 1].low in ("of", "at"):
                    k3 = again[0] + 2 + (units[again[0] + 2].low == "the")
                    second = clause.arg(k3, ORG) if k3 < len(units) else None
                    if second:
                        yield second, again[1], p, k3
        return
    # "Jo Bloggs, CEO, said": a title with no organisation after it is held at the document's
    if j >= len(units) or units[j].low in (",", ".", ";", ")", "–", "-", ":", "said", "says", "who", "and"):
        host = document_org(facts, clause)
        if host is not None and owned_here(clause, host):
            yield host, former_title(clause, title, a - 1), p, b


def _appositive_org(facts, clause: Clause, p: int):
    units = clause.units
    if p + 2 >= len(units) or units[p + 1].low != ",":
        return
    j = p + 2
    if units[j].low == "the":
        j += 1
    org = clause.arg(j, ORG)
    if not org:
        return
    a = j + 1
    if a < len(units) and units[a].low == "’s":
        a += 1
    got = title_forward(clause, a)
    if got:
        b, title = got
        yield org, title, p, b


def _org_title(facts, clause: Clause, p: int):
    units = clause.units
    b = p - 1
    if b >= 0 and units[b].low in (",", "is", "was"):
        b -= 1  # "Tarn Trust's chief executive, Jo Bloggs", "... chief executive is Jo Bloggs"
    if b < 1:
        return
    got = title_backward(clause, b)
    if not got:
        return
    a, title = got
    j = a - 1
    if j >= 0 and units[j].low == "’s":
        j -= 1
    org = clause.arg(j, ORG) if j >= 0 else None
    if org:
        yield org, title, j, p


def _title_of_org(facts, clause: Clause, p: int):
    units = clause.units
    b = p - 1
    if b >= 0 and units[b].low in (",", "is", "was"):
        b -= 1  # "The chair of Tarn Trust, Jo Bloggs", "The new director of Tarn Trust is Jo Bloggs"
    org = clause.arg(b, ORG) if b >= 0 else None
    if not org:
        return
    j = b - 1
    if j >= 0 and units[j].low == "the":
        j -= 1
    if j < 1 or units[j].low not in ("of", "at", "for"):
        return
    got = title_backward(clause, j - 1)
    if got:
        a, title = got
        yield org, title, a, p


def _copula(facts, clause: Clause, p: int):
    """ "P is|was|became|will become|has been (appointed|named|elected) (as) T of|at O";
    "Jo and Sam are the leads for this work": a post at the document's organisation."""
    units = clause.units
    q = p
    while q + 2 < len(units) and units[q + 1].low in ("and", "&", ",") and clause.arg(q + 2, PERSON):
        q += 2  # "Jo Bloggs and Sam Iver are the co-leads"
    j = q + 1
    verbs = 0
    former = False
    while j < len(units) and units[j].low in _COPULA_WORDS and verbs < 5:
        if units[j].low in ("was", "had", "previously", "formerly"):
            former = former or units[j].low in ("previously", "formerly")
        j += 1
        verbs += 1
    if verbs == 0:
        return
    got = title_forward(clause, j)
    if not got:
        return
    b, title = got
    k = b + 1
    # "Jo and Sam are the leads for this work": the document's organisation
    if (
        k + 2 < len(units)
        and units[k].low in ("for", "on", "of")
        and units[k + 1].low in ("this", "that", "the", "our")
        and units[k + 2].low in _OWN_WORK
    ):
        host = document_org(facts, clause)
        if host is not None and owned_here(clause, host):
            yield host, singular_title(title), p, k + 2
        return
    if k < len(units) and units[k].low in ("of", "at", "for", "with"):
        k += 1
        if k < len(units) and units[k].low in ("both", "the"):
            k += 1
        if k < len(units) and units[k].low == "the":
            k += 1
        org = clause.arg(k, ORG)
        if org:
            yield org, ("former " + title if former else title), p, k
            for more in clause._coordinated_right(k, ORG):
                yield more, ("former " + title if former else title), p, more.unit
        return
    # "P was elected as Chair": the document's organisation
    if units[j - 1].low in ("as",) or units[q + 1].low in ("became", "becomes", "elected", "appointed"):
        host = document_org(facts, clause)
        if host and k < len(units) and units[k].low in (".", ",", "in", "on", "for", ";") or host and k >= len(units):
            yield host, title, p, b


_OWN_WORK = frozenset(("work", "area", "strand", "team", "programme", "project", "theme", "workstream", "portfolio"))
_COPULA_WORDS = frozenset(
    """is are was were has have had been be will would become becomes became remains remained serves served
    serving appointed named elected confirmed announced as the a an its their our new also now currently
    previously formerly co-opted re-elected reappointed""".split()
)


def _appointed(facts, clause: Clause, p: int):
    """ "O has appointed P as (its) (new) T", "O appoints P as T"."""
    units = clause.units
    j = p - 1
    while j >= 0 and units[j].low in (
        "has",
        "have",
        "appointed",
        "appoints",
        "appoint",
        "named",
        "names",
        "welcomed",
        "welcomes",
        "recruited",
        "hired",
        "elected",
        "announced",
        "today",
        "recently",
    ):
        j -= 1
    if (
        j == p - 1
        or j < 0
        or units[p - 1].low
        not in ("appointed", "appoints", "named", "names", "welcomed", "welcomes", "recruited", "hired", "elected")
    ):
        return
    org = clause.arg(j, ORG)
    if not org:
        return
    k = p + 1
    if k < len(units) and units[k].low == ",":
        return
    if k < len(units) and units[k].low == "as":
        got = title_forward(clause, k + 1)
        if got:
            yield org, got[1], j, got[0]


def _joins(facts, clause: Clause, p: int):
    """ "P joins O as T", "P has joined O as its new T", "P joined O in 2019"."""
    units = clause.units
    j = p + 1
    while j < len(units) and units[j].low in ("has", "have", "will", "recently", "also", "today"):
        j += 1
    if j >= len(units) or units[j].low not in ("joins", "joined", "join", "joining"):
        return
    j += 1
    if j < len(units) and units[j].low == "the":
        j += 1
    org = clause.arg(j, ORG)
    if not org:
        return
    k = j + 1
    if k < len(units) and units[k].low == "as":
        got = title_forward(clause, k + 1)
        if got:
            yield org, got[1], p, got[0]
            return
    yield org, "", p, j


def _from(facts, clause: Clause, p: int):
    """ "Jo Bloggs from Tarn Trust", "Jo Bloggs of Tarn Trust", "Jo Bloggs, previously at Tarn Trust,"."""
    units = clause.units
    j = p + 1
    comma = j < len(units) and units[j].low == ","
    if comma:
        j += 1
    former = j < len(units) and units[j].low in ("previously", "formerly")
    if j < len(units) and units[j].low in ("previously", "formerly", "now", "then"):
        j += 1
    if j >= len(units) or units[j].low not in ("from", "of", "at") or units[j].low == "at" and not (comma or former):
        return
    how = "former" if former else ("from" if units[j].low == "from" else "of")
    j += 1
    if j < len(units) and units[j].low == "the":
        j += 1
    org = clause.arg(j, ORG)
    if org:
        yield org, how, p, j
        for more in clause._coordinated_right(j, ORG):
            if units[more.unit - 1].low in ("and", "&") or units[more.unit - 2].low in ("and", "&"):
                yield more, how, p, more.unit  # "of X and Y"; "of X, Y" may be a list of others


_SHAPES = {
    "appositive": _appositive,
    "appositive_org": _appositive_org,
    "org_title": _org_title,
    "title_of_org": _title_of_org,
    "bracket": bracket_shape,
    "bracket_title": bracket_title_shape,
    "dash": dash_shape,
    "title_name": title_name_shape,
    "name_title": name_title_shape,
    "copula": _copula,
    "appointed": _appointed,
    "joins": _joins,
    "from": _from,
    "honorific": honorific_shape,
    "title_list": title_list_shape,
    "title_comma_name": title_comma_name_shape,
    "dash_reversed": dash_reversed_shape,
}


def shapes() -> frozenset[str]:
    """The names rows may give as ``shape``."""
    return frozenset(_SHAPES)
