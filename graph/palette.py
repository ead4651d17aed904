"""The colour of each kind of node, one palette for every picture and export kg makes.

Okabe-Ito: a palette that stays distinguishable under the common colour-vision deficiencies,
so a map printed for a board paper, the explorer and a graph opened in Gephi all agree.
"""

from __future__ import annotations

__all__ = ["FADED", "LABEL_COLOURS", "OTHER_COLOUR"]

LABEL_COLOURS = {
    "Organisation": "#0072B2",
    "Person": "#E69F00",
    "Cell": "#009E73",
    "Meeting": "#CC79A7",
    "Concept": "#56B4E9",
    "Place": "#F0E442",
    "Publication": "#D55E00",
    "Document": "#999999",
}
OTHER_COLOUR = "#000000"
# The opacity of a low-confidence fact's line, on the printed map and in the explorer alike.
FADED = 0.35
