"""Minutes as secretaries write them: field lines give the chair, who attended and their posts,
and a plan or a possibility is no fact (made-up names throughout)."""

from __future__ import annotations

import pytest

from tests.records_factory import make_notes

MINUTES = (
    "Minutes of the Harbour Trust board meeting, 3 May 2024",
    "**Chair:** Jo Bloggs\n"
    "**Present:** Priya Natarajan (Treasurer), Tom Okafor (Millbrook Council)\n"
    "In attendance: Sam Iverson\n"
    "Apologies: Ada Greaves\n"
    "Author: Lena Marsh, Head of Grants\n\n"
    "The Harbour Trust is looking at a merger with Seaview Youth Project. "
    "The board may partner with Tarn Valley Food Bank and plans to fund Alder Housing Association.",
)


@pytest.fixture
def extraction(extractor):
    return extractor.extract(make_notes(MINUTES))


def edges(extraction, kind):
    return sorted((r.source.name, r.target.name) for r in extraction.relations if r.type == kind)


def test_the_chair_and_attendance_of_the_meeting_the_minutes_record(extraction):
    meeting = "Harbour Trust board meeting"
    assert edges(extraction, "CHAIRED") == [("Jo Bloggs", meeting)]
    assert edges(extraction, "ATTENDED") == [
        ("Priya Natarajan", meeting),
        ("Sam Iverson", meeting),
        ("Tom Okafor", meeting),
    ]  # apologies are no attendance


def test_posts_in_brackets_and_an_author_line_are_roles(extraction):
    roles = {
        (r.source.name, r.target.name): dict(r.attrs).get("title") for r in extraction.relations if r.type == "ROLE_AT"
    }
    assert roles[("Priya Natarajan", "Harbour Trust")] == "Treasurer"
    assert roles[("Tom Okafor", "Millbrook Council")] == "of"
    assert roles[("Lena Marsh", "Harbour Trust")] == "Head of Grants"
    names = {e.name for e in extraction.entities if e.label == "Organisation"}
    assert "Grants" not in names  # a department, not an organisation


def test_plans_and_possibilities_are_no_facts(extraction):
    for kind in ("PARTNERED_WITH", "FUNDED"):
        assert edges(extraction, kind) == []
