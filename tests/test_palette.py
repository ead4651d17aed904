"""The palette and edge looks every picture shares: colours a colour-blind reader tells apart,
and one look per fact whatever draws it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from graph.render.palette import (
    DASHES,
    EDGE_STYLES,
    EDGE_WORDS,
    FADED,
    LABEL_COLOURS,
    STATUS_TYPES,
    edge_look,
    edge_words,
)
from loaders.records import EDGE_TYPES, ENTITY_LABELS

# Machado, Oliveira & Fernandes (2009), full severity: how each deficiency sees linear RGB.
SIMULATIONS = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
    "typical": np.eye(3),
}


def _linear(colour: str) -> np.ndarray:
    c = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        linear, 0, 1
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_difference(a: str, b: str) -> float:
    """The smallest CIE76 difference between two colours for any of the simulated viewers."""
    return min(float(np.linalg.norm(_lab(m @ _linear(a)) - _lab(m @ _linear(b)))) for m in SIMULATIONS.values())


def test_organisations_and_concepts_are_told_apart_by_colour_blind_readers():
    # On small dots a difference below about 30 is hard to see; the old sky blue was 25 from blue.
    assert seen_difference(LABEL_COLOURS["Organisation"], LABEL_COLOURS["Concept"]) >= 40


def test_no_two_kinds_of_entity_are_closer_than_before():
    worst = min(
        seen_difference(LABEL_COLOURS[a], LABEL_COLOURS[b]) for a, b in itertools.combinations(ENTITY_LABELS, 2)
    )
    assert worst >= 16.0  # the old palette's closest pair (cell and concept) was 16.05


def test_every_edge_type_has_a_look_and_words():
    assert set(EDGE_STYLES) == set(EDGE_WORDS) == set(EDGE_TYPES)
    assert "ATTENDED" in EDGE_TYPES
    looks = {EDGE_STYLES[t] for t in EDGE_TYPES}
    assert len(looks) == len(EDGE_TYPES), "colour and dash together tell every type apart"
    assert all(dash in DASHES for _colour, dash in looks)
    assert edge_words("PARTNERED_WITH") == "partnered with" and edge_words("ATTENDED") == "attended"


def test_funding_is_drawn_by_its_status_and_not_stated_is_not_current():
    looks = {status: edge_look({"type": "FUNDED", "status": status}) for status in ("current", "past", "ended", None)}
    assert {(look.dash, look.width) for look in looks.values()}.__len__() == 4
    assert (looks["current"].dash, looks["past"].dash, looks["ended"].dash) == ("solid", "dashed", "dotted")
    assert looks[None].width < looks["current"].width  # a plain thin line, not the heavy current one
    assert edge_look({"type": "FUNDED", "status": "someday"}) == looks[None]  # an unknown status is not stated
    assert STATUS_TYPES == {"FUNDED"}
    # a weak fact is faded, a new one heavier, whatever its type
    assert edge_look({"type": "FUNDED", "status": "ended", "low_confidence": True}).opacity == FADED
    assert edge_look({"type": "ROLE_AT", "new": True}).width > edge_look({"type": "ROLE_AT"}).width


@pytest.mark.parametrize("count, width", [(1, 1.0), (2, 1.75), (4, 2.5), (8, 3.25), (100, 4.0)])
def test_a_fact_stated_more_often_is_drawn_heavier(count, width):
    assert edge_look({"type": "PARTNERED_WITH", "count": count}).width == width
