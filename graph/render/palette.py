"""How every picture kg makes draws the graph: one palette and one set of edge styles.

The explorer, the board-paper map, their legends and the Gephi exports all take their looks
from here, so they agree with each other and a legend always draws a line as the picture does.

Node colours are from the Okabe-Ito palette, chosen so that every pair of entity labels stays
apart under the common colour-vision deficiencies even on small dots (``tests/test_palette.py``
measures it): Concept is black, as the palette's sky blue was hard to tell from Organisation's
blue. Colour alone cannot tell thirteen edge types apart, so colour and dash pattern together do.

A fact's look (:func:`edge_look`) is decided once, here: its type's colour and dash; for a
funding fact its status (current solid and heavy, past dashed, ended dotted, not stated a plain
thin line); faded when its evidence is weak; heavier when it is new since an earlier build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from loaders.records import EDGE_TYPES

__all__ = [
    "DASHES",
    "EDGE_STYLES",
    "EDGE_WORDS",
    "FADED",
    "LABEL_COLOURS",
    "NEW_EXTRA_WIDTH",
    "OTHER_COLOUR",
    "OTHER_EDGE_STYLE",
    "STATUS_TYPES",
    "STATUS_WORDS",
    "EdgeLook",
    "edge_look",
    "edge_words",
    "status_key",
]

LABEL_COLOURS = {
    "Organisation": "#0072B2",
    "Person": "#E69F00",
    "Cell": "#009E73",
    "Meeting": "#CC79A7",
    "Concept": "#000000",
    "Place": "#F0E442",
    "Publication": "#D55E00",
    "Document": "#999999",
}
OTHER_COLOUR = "#666666"
# The opacity of a low-confidence fact's line, on the printed map and in the explorer alike.
FADED = 0.35
# How much thicker (in points) a fact new since an earlier build is drawn.
NEW_EXTRA_WIDTH = 2.0

# Type -> (colour, dash): the type's own look.
EDGE_STYLES = {
    "FUNDED": ("#000000", "solid"),
    "PARTNERED_WITH": ("#0072B2", "dashed"),
    "ROLE_AT": ("#E69F00", "solid"),
    "MEMBER_OF": ("#009E73", "dashed"),
    "LEADS": ("#009E73", "solid"),
    "SPOKE_AT": ("#CC79A7", "solid"),
    "CHAIRED": ("#CC79A7", "dashed"),
    "ATTENDED": ("#CC79A7", "dashdot"),
    "PART_OF": ("#56B4E9", "dashed"),
    "DISCUSSED": ("#56B4E9", "solid"),
    "AUTHORED": ("#D55E00", "dashed"),
    "LOCATED_IN": ("#999999", "dotted"),
    "MENTIONS": ("#BBBBBB", "dotted"),
}
OTHER_EDGE_STYLE = ("#666666", "solid")
# Dash name -> on/off lengths in points for a line one point wide (renderers scale them with
# the line's width, as matplotlib does); () is a solid line.
DASHES: dict[str, tuple[float, ...]] = {
    "solid": (),
    "dashed": (6.0, 3.0),
    "dotted": (1.0, 2.5),
    "dashdot": (6.0, 2.5, 1.0, 2.5),
}

# Type -> its name in words, as legends, tooltips and tables of changes write it.
EDGE_WORDS = {
    "SPOKE_AT": "spoke at",
    "CHAIRED": "chaired",
    "ATTENDED": "attended",
    "LEADS": "leads",
    "ROLE_AT": "role at",
    "MEMBER_OF": "member of",
    "FUNDED": "funded",
    "PARTNERED_WITH": "partnered with",
    "PART_OF": "part of",
    "DISCUSSED": "discussed",
    "AUTHORED": "authored",
    "LOCATED_IN": "located in",
    "MENTIONS": "mentions",
}
assert set(EDGE_WORDS) == set(EDGE_STYLES) == set(EDGE_TYPES), "every edge type needs a look and words"

# Types whose facts are drawn by their status. A funding fact says whether the money is
# current, past or ended, or nothing: a board paper must not read "not stated" as "current".
STATUS_TYPES = frozenset({"FUNDED"})
# Status -> (dash, width in points, words); None is a fact whose text states no status.
_STATUS_LOOKS: dict[str | None, tuple[str, float, str]] = {
    "current": ("solid", 3.2, "current"),
    "past": ("dashed", 2.0, "past"),
    "ended": ("dotted", 2.2, "ended"),
    None: ("solid", 1.2, "status not stated"),
}
STATUS_WORDS = {status: words for status, (_dash, _width, words) in _STATUS_LOOKS.items()}


@dataclass(frozen=True, slots=True)
class EdgeLook:
    """How one fact's line is drawn, whatever draws it."""

    colour: str
    dash: str  # a key of DASHES
    width: float  # points
    opacity: float  # 1.0, or FADED for weak evidence
    key: str  # the legend entry it belongs to: its type, or "TYPE:status" for a drawn status

    def as_dict(self) -> dict[str, Any]:
        """The look as plain values, for a view."""
        return {"colour": self.colour, "dash": self.dash, "width": self.width, "opacity": self.opacity, "key": self.key}


def edge_words(etype: str, status: Any = None, *, with_status: bool = False) -> str:
    """A fact type in words; ``with_status``, for the types drawn by their status, with it too.

    >>> edge_words("PARTNERED_WITH"), edge_words("FUNDED", "past", with_status=True)
    ('partnered with', 'funded, past')
    >>> edge_words("FUNDED", None, with_status=True)
    'funded, status not stated'
    """
    words = EDGE_WORDS.get(etype, etype.replace("_", " ").lower())
    if with_status and etype in STATUS_TYPES:
        words += ", " + STATUS_WORDS[status_key(etype, status)]
    return words


def status_key(etype: str, status: Any) -> str | None:
    """The status a fact is drawn by: one of the statuses known for its type, else None."""
    if etype not in STATUS_TYPES:
        return None
    return status if status in _STATUS_LOOKS else None


def edge_look(edge: Mapping[str, Any]) -> EdgeLook:
    """The look of a fact: a mapping with ``type`` and, where known, ``status``,
    ``low_confidence``, ``count`` and ``new``."""
    etype = edge["type"]
    colour, dash = EDGE_STYLES.get(etype, OTHER_EDGE_STYLE)
    status = status_key(etype, edge.get("status"))
    if etype in STATUS_TYPES:
        dash, width, _words = _STATUS_LOOKS[status]
    else:
        # A fact stated many times is drawn heavier (a log scale: 1, 2, 4, 8 times ...).
        count = max(1, int(edge.get("count") or 1))
        width = 1.0 + min(3.0, (count.bit_length() - 1) * 0.75)
    if edge.get("new"):
        width += NEW_EXTRA_WIDTH
    opacity = FADED if edge.get("low_confidence") else 1.0
    key = f"{etype}:{status or 'none'}" if etype in STATUS_TYPES else etype
    return EdgeLook(colour, dash, round(width, 2), opacity, key)
