"""Which labels each edge type joins (the ontology's table), so a fact can be checked against
the labels of its ends: when resolution or a review relabels an entity, its facts that no
longer fit are dropped, and said to be."""

from __future__ import annotations

__all__ = ["EDGE_ENDS", "fits"]

_ORG = frozenset({"Organisation"})
_PEOPLE_AND_ORGS = frozenset({"Person", "Organisation"})

# type -> (labels its source may have, labels its target may have)
EDGE_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "SPOKE_AT": (frozenset({"Person"}), frozenset({"Meeting"})),
    "CHAIRED": (frozenset({"Person"}), frozenset({"Meeting"})),
    "LEADS": (frozenset({"Person"}), frozenset({"Cell"})),
    "ROLE_AT": (frozenset({"Person"}), _ORG),
    "MEMBER_OF": (_PEOPLE_AND_ORGS, frozenset({"Organisation", "Cell"})),
    "FUNDED": (_ORG, frozenset({"Organisation", "Person"})),
    "PARTNERED_WITH": (_ORG, _ORG),
    "PART_OF": (frozenset({"Meeting"}), frozenset({"Cell"})),
    "DISCUSSED": (frozenset({"Meeting"}), frozenset({"Concept"})),
    "AUTHORED": (_PEOPLE_AND_ORGS, frozenset({"Publication"})),
    "LOCATED_IN": (frozenset({"Organisation", "Meeting"}), frozenset({"Place"})),
}


def fits(edge_type: str, source_label: str, target_label: str) -> bool:
    """True when an edge of ``edge_type`` may join these labels (types not in the table fit
    anything: MENTIONS, and any type added later).

    >>> fits("ROLE_AT", "Person", "Organisation"), fits("ROLE_AT", "Person", "Concept")
    (True, False)
    """
    ends = EDGE_ENDS.get(edge_type)
    return ends is None or (source_label in ends[0] and target_label in ends[1])
