"""Where FalkorDB answers a Cypher text differently from openCypher (and Neo4j): notes for users.

Two open families of FalkorDB bugs give wrong answers without an error, to texts that look
ordinary (FalkorDB issues 248, 2501 and 1944):

- **Counting by node pairs.** Unless a relationship variable is read after the MATCH, the
  matches of a relationship pattern are counted by the pairs of nodes they join, so
  ``count(*)`` comes out low: two nodes joined by several relationships (someone who spoke at
  and chaired a meeting) count once, and paths of two or more steps can undercount too.
  ``count(r)`` of a relationship variable enumerates every relationship and is right.
- **One relationship in two places.** openCypher never lets one relationship match two
  relationship patterns of the same MATCH; FalkorDB does, so a person turns up "alongside"
  themselves through their own SPOKE_AT. ``WHERE r1 <> r2`` rules it out.

The built-in queries avoid both (their tests hold them to plain Python on graphs with such
pairs); these notes are for texts kg has not seen: ``kg cypher`` and your own query files.
The checks read the text, not a parse of it: they may note a text that would be answered right,
never the reverse for the shapes above.
"""

from __future__ import annotations

import re

from graph.stores.base import cypher_code

__all__ = ["COUNT_NOTE", "REUSE_NOTE", "dialect_notes"]

COUNT_NOTE = (
    "on the embedded store, count(*) over a relationship pattern can come out too low: two nodes "
    "joined by more than one relationship, and paths of several steps, may be counted once. "
    "Name a relationship and count it instead, e.g. MATCH (p:Person)-[r:SPOKE_AT]->(m) RETURN count(r)"
)
REUSE_NOTE = (
    "on the embedded store, one relationship can match two relationship patterns of the same MATCH "
    "(a person 'alongside' themselves through their own SPOKE_AT). Name both and keep them apart, e.g. "
    "MATCH (a:Person)-[r1:SPOKE_AT]->(m)<-[r2:SPOKE_AT]-(b:Person) WHERE r1 <> r2"
)

_COUNT_ALL = re.compile(r"\bcount\s*\(\s*\*\s*\)", re.IGNORECASE)
# A relationship pattern between two node patterns: -[...]-> <-[...]- -- --> <--
_RELATIONSHIP = re.compile(r"\)\s*<?-\s*(?:\[([^\]]*)\])?\s*->?\s*\(")
# A MATCH clause runs to the next clause keyword.
_CLAUSES = re.compile(
    r"\b(MATCH|WHERE|WITH|RETURN|UNWIND|CALL|UNION|ORDER|CREATE|MERGE|SET|DELETE|DETACH|REMOVE|FOREACH)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\s*([A-Za-z_]\w*)")  # [r:A|B*..3 {k: v}] -> "r"
_TYPES = re.compile(r"\s*\w*\s*:\s*([^*{]*)")  # [r:A|B*..3 {k: v}] -> "A|B"


def dialect_notes(cypher: str) -> tuple[str, ...]:
    """Notes on what the embedded store may answer differently from openCypher for ``cypher``.

    >>> dialect_notes("MATCH (p)-[:SPOKE_AT|CHAIRED]->(m) RETURN count(*)") == (COUNT_NOTE,)
    True
    >>> dialect_notes("MATCH (p)-[r]->(m) RETURN count(r) // not count(*)")
    ()
    >>> dialect_notes("MATCH (a:Person)-[:SPOKE_AT]->(m)<-[:SPOKE_AT]-(b:Person) RETURN a, b") == (REUSE_NOTE,)
    True
    >>> dialect_notes("MATCH (a:Person)-[r1:SPOKE_AT]->(m)<-[r2:SPOKE_AT]-(b:Person) WHERE r1 <> r2 RETURN a, b")
    ()
    >>> dialect_notes("MATCH (p:Person)-[:SPOKE_AT]->(m)-[:PART_OF]->(c:Cell) RETURN p, c")
    ()
    """
    code = cypher_code(cypher)
    notes = []
    if _COUNT_ALL.search(code) and _RELATIONSHIP.search(code):
        notes.append(COUNT_NOTE)
    if any(_may_share(code, patterns) for patterns in _match_clauses(code)):
        notes.append(REUSE_NOTE)
    return tuple(notes)


def _match_clauses(code: str):
    """For each MATCH clause, the (name, types) of its relationship patterns (None: unnamed, any type)."""
    marks = list(_CLAUSES.finditer(code))
    for i, mark in enumerate(marks):
        if mark.group(1).upper() == "MATCH":
            end = marks[i + 1].start() if i + 1 < len(marks) else len(code)
            yield [(_name(m.group(1)), _types(m.group(1))) for m in _RELATIONSHIP.finditer(code, mark.end(), end)]


def _name(inside: str | None) -> str | None:
    found = _NAME.match(inside or "")
    return found.group(1) if found else None


def _types(inside: str | None) -> frozenset[str] | None:
    """The relationship types a pattern's brackets allow, or None for any type."""
    found = _TYPES.match(inside or "")
    if found is None:
        return None
    return frozenset(t.strip(" :`") for t in found.group(1).split("|"))


def _may_share(code: str, patterns: list[tuple[str | None, frozenset[str] | None]]) -> bool:
    """Whether two of these relationship patterns could match one relationship (unless the text
    keeps them apart as advised: ``r1 <> r2``)."""
    for i, (name_a, a) in enumerate(patterns):
        for name_b, b in patterns[i + 1 :]:
            if not (a is None or b is None or a & b):
                continue
            if name_a and name_b and re.search(rf"\b{name_a}\s*<>\s*{name_b}\b|\b{name_b}\s*<>\s*{name_a}\b", code):
                continue
            return True
    return False
