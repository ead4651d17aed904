"""Relation rules as data: each rule is a row of ``loaders/data/relation_rules.yaml``.

A row names its relation, a *frame* (how its slots are filled), its trigger words, what each
slot takes, a confidence, and examples with made-up names that must give the edge (and
counter-examples that must stay silent; ``tests/test_relation_rules.py`` runs them all).
Adding a phrasing is one row, or a trigger word added to one.

Frames (each a function of :mod:`~loaders.extract.frames`, :mod:`~loaders.extract.meeting_frames`
or :mod:`~loaders.extract.name_frames`; this module runs the rows over a clause):

``verb``
    "X funds Y", "Y is funded by X", "Y, funded by X,", "Funded by X, Y ...". The subject and
    the object (after one of ``object`` prepositions, "" for a direct object) fill the slots;
    the passive swaps them, its agent following ``agent``. ``subject: target`` reverses the
    roles ("Y received a grant from X"). ``pairwise`` relates the names of a listed subject
    to each other when no object follows ("A, B and C joined forces").
``noun``
    "a grant from X to Y", "X's partnership with Y", "Y is a member of X": the names after
    the prepositions of ``slots`` fill their roles; a role left empty is filled by the
    possessor or the subject of the clause ("Y has received funding from X") or the
    organisation the document speaks for ("our partnership with Y").
``list``
    "funders including A, B and C": every listed name to the anchor (the subject, the
    possessor, the name after "of", or the document's own organisation).
``meeting``
    SPOKE_AT and CHAIRED of the meeting the section records: "X spoke", "chaired by X",
    "speakers included A and B".

ROLE_AT rows use the frames of :mod:`loaders.extract.roles`.
"""

from __future__ import annotations

from .clauses import Clause
from .facts import Found, SectionFacts
from .frames import list_frame, noun_frame, verb_frame
from .meeting_frames import label_frame, meeting_frame, venue_frame
from .name_frames import (
    POSTCODE,
    address_frame,
    bracket_place_frame,
    by_apposition_frame,
    compound_frame,
    fronted_frame,
    place_kind_frame,
    possessive_frame,
    possessive_place_frame,
)
from .rules import address_rules, role_rules, trigger_index

__all__ = ["apply_rules"]


# -- applying -----------------------------------------------------------------------------


def apply_rules(facts: SectionFacts, clause: Clause) -> list[Found]:
    """Every edge the rows read in one clause (sentence)."""
    index = trigger_index()
    out: list[Found] = []
    units = clause.units
    if any(
        u.kind == "E" and u.low == "Person" or u.kind == "R" and clause.label(k) == "Person"
        for k, u in enumerate(units)
    ):
        from .roles import role_frames

        out += role_frames(facts, clause, role_rules())
    if POSTCODE.search(facts.text, clause.sent.start, clause.sent.end):
        for rule in address_rules():
            out += address_frame(facts, clause, rule, -1, -1)
    taken: set[tuple[str, int]] = set()  # (relation, trigger unit): the longest trigger wins
    for k, u in enumerate(units):
        if u.kind == "E" and u.low == "Concept":
            # "co-designed" read as an idea is still a verb to the rules
            cands = index.get(facts.text[u.start : u.end].lower())
        elif u.kind not in "WRP":
            continue  # a reference ("the consortium") or a bracket may be a trigger too
        else:
            cands = index.get(u.low)
        if not cands:
            continue
        for rule, trig in cands:
            end = _match(units, k, trig)
            if end is None or (rule.relation + rule.frame, k) in taken:
                continue
            found = list(_FRAMES[rule.frame](facts, clause, rule, k, end))
            if found:
                taken.add((rule.relation + rule.frame, k))
                out += found
    return out


def _match(units, k: int, trig: tuple[str, ...]) -> int | None:
    j = k
    for word in trig[1:]:
        j += 1
        while (
            j < len(units) and units[j].kind == "W" and units[j].low in _PHRASE_FILLERS and word not in _PHRASE_FILLERS
        ):
            j += 1  # "joined forces", "work closely with": one adverb inside a phrase
        if j >= len(units) or units[j].low != word:
            return None
    return j


_PHRASE_FILLERS = frozenset(("closely", "together", "also", "jointly", "directly", "in", "formally", "officially"))


# -- frames -------------------------------------------------------------------------------


_FRAMES = {
    "verb": verb_frame,
    "noun": noun_frame,
    "list": list_frame,
    "meeting": meeting_frame,
    "fronted": fronted_frame,
    "label": label_frame,
    "compound": compound_frame,
    "place_kind": place_kind_frame,
    "bracket_place": bracket_place_frame,
    "possessive_place": possessive_place_frame,
    "possessive": possessive_frame,
    "by_apposition": by_apposition_frame,
    "venue": venue_frame,
}
