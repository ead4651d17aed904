"""Minutes as secretaries write them: field lines give the chair, who attended and their posts,
and a plan or a possibility is no fact (made-up names throughout)."""

from __future__ import annotations

from dataclasses import replace

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


# A standing group's minutes: its name and the date in lines of their own, a venue under the
# date, and a list of members before the business.
FORUM_MINUTES = (
    "Tarn Valley Carers Forum",
    "Minutes of the meeting held on 14th March 2024 at Alder House, Kendal\n\n"
    "Present:\n"
    "Jo Bloggs - elected member\n"
    "Priya Natarajan - appointed by Seaview Youth Project\n\n"
    "Jo Bloggs welcomed everyone and introduced the new terms of reference.",
)


def test_a_standing_groups_minutes_record_one_dated_meeting_of_it(extractor):
    found = extractor.extract(make_notes(FORUM_MINUTES))
    meeting = "Tarn Valley Carers Forum 14th March 2024"
    labels = {(e.label, e.name) for e in found.entities}
    assert ("Cell", "Tarn Valley Carers Forum") in labels
    assert ("Organisation", "Tarn Valley Carers Forum") not in labels
    assert dict(next(e for e in found.entities if e.name == meeting).attrs)["date"] == "2024-03-14"
    assert edges(found, "PART_OF") == [(meeting, "Tarn Valley Carers Forum")]
    assert edges(found, "MEMBER_OF") == [("Jo Bloggs", "Tarn Valley Carers Forum")]
    assert ("Priya Natarajan", "Tarn Valley Carers Forum") not in edges(found, "ROLE_AT")
    assert edges(found, "LOCATED_IN") == [(meeting, "Alder House, Kendal"), (meeting, "Kendal")]


def test_the_venue_line_under_the_date_and_a_title_in_capitals(extractor):
    found = extractor.extract(
        make_notes(
            (
                "MILLBROOK YOUTH PANEL MINUTES",
                "2 February 2023\nRiverside Room, Tarn House, Kendal\n\nPresent: Jo Bloggs, Sam Iverson\n\n"
                "The panel agreed its plan for the summer.",
            )
        )
    )
    meeting = "Millbrook Youth Panel 2 February 2023"
    assert edges(found, "PART_OF") == [(meeting, "Millbrook Youth Panel")]
    assert (meeting, "Riverside Room, Tarn House, Kendal") in edges(found, "LOCATED_IN")


def test_minutes_of_the_same_forum_on_two_dates_are_two_meetings_of_one_cell(extractor):
    from graph.model.assemble import build_graph

    later = (FORUM_MINUTES[0], FORUM_MINUTES[1].replace("14th March 2024", "9th May 2024"))
    docs = [make_notes(FORUM_MINUTES, path="march.txt"), make_notes(later, path="may.txt")]
    docs = [replace(d, id=f"doc:{d.path}") for d in docs]
    G = build_graph(docs, [extractor.extract(d) for d in docs])
    names = sorted((d["label"], d["name"]) for _, d in G.nodes(data=True) if d["label"] in ("Meeting", "Cell"))
    assert names == [
        ("Cell", "Tarn Valley Carers Forum"),
        ("Meeting", "Tarn Valley Carers Forum 14th March 2024"),
        ("Meeting", "Tarn Valley Carers Forum 9th May 2024"),
    ]


def test_a_body_meeting_as_itself_is_no_cell(extractor):
    found = extractor.extract(
        make_notes(
            (
                "Minutes of Board Meeting",
                "of Alder Housing Association\nHeld on 5 June 2024\n\n"
                "Jo Bloggs (Chair)\nSam Iverson (Treasurer)\n\nThe board approved the accounts.",
            )
        )
    )
    meeting = "Board Meeting of Alder Housing Association"
    assert {e.name for e in found.entities if e.label == "Meeting"} == {meeting}
    assert not [e for e in found.entities if e.label == "Cell"]
    assert ("Sam Iverson", "Alder Housing Association") in edges(found, "ROLE_AT")


def test_a_page_about_a_forum_is_no_minutes(extractor):
    found = extractor.extract(
        make_notes(
            (
                "Tarn Valley Carers Forum",
                "The forum brings carers together every month. Jo Bloggs founded it in 2019, "
                "and it now meets at Alder House in Kendal.",
            )
        )
    )
    assert not [e for e in found.entities if e.label in ("Meeting", "Cell")]
