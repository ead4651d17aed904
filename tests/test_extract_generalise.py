"""Patterns seen in documents kg was not tuned on: one made-up text per pattern, plus the
cases where a rule must keep quiet."""

from __future__ import annotations

import pytest

from .test_extract_relations import make_doc, rel, rels


def people(extraction):
    return sorted(e.name for e in extraction.entities if e.label == "Person")


def test_given_names_beyond_the_census_list_and_role_change_cues(extractor):
    doc = make_doc(
        (
            "Board news",
            (
                "Anwen Pryce was appointed treasurer last year. Rhodri Vaughan became chair in July. "
                "Eilidh Macrae joined as director in May. Tavish Okorie-Lund took over as secretary."
            ),
        )
    )
    assert people(extractor.extract(doc)) == [
        "Anwen Pryce",
        "Eilidh Macrae",
        "Rhodri Vaughan",
        "Tavish Okorie-Lund",
    ]


def test_a_grant_that_would_end_is_funding_that_ended(extractor):
    doc = make_doc(
        (
            "Funding update",
            (
                "We heard that the Brookfield Trust had funded the Northside Renters Union for six years, "
                "and that the grant would end in 2026."
            ),
        )
    )
    funded = rel(extractor.extract(doc), "FUNDED", "Brookfield Trust", "Northside Renters Union")
    assert dict(funded.attrs) == {"status": "ended"}


def test_a_meeting_that_closed_does_not_end_funding(extractor):
    doc = make_doc(
        (
            "Funding update",
            "The Brookfield Trust funds the Northside Renters Union. The session closed with thanks.",
        )
    )
    funded = rel(extractor.extract(doc), "FUNDED", "Brookfield Trust", "Northside Renters Union")
    assert dict(funded.attrs) == {}


def test_merged_with_and_joined_forces_with_are_partnerships(extractor):
    doc = make_doc(
        (
            "News",
            (
                "Harbour Lane Advice has merged with the Southern Money Helpline. "
                "The Valley Arts Trust joined forces with the Riverside Music Project."
            ),
        )
    )
    assert rels(extractor.extract(doc), "PARTNERED_WITH") == [
        ("Harbour Lane Advice", "Southern Money Helpline"),
        ("Riverside Music Project", "Valley Arts Trust"),
    ]


ABOUT_US = (
    "About us",
    (
        "The Larchmont Trust supports community groups across the north. "
        "In 2023 we gave grants to Bryn Youth, the Hillside Food Collective and Ebb Arts. "
        "We are a member of the Northern Funders Forum and work in partnership with the "
        "Uplands Regeneration Alliance. Our chair, Professor Helen Marsh, stepped down in June."
    ),
)


def test_we_gave_grants_to_a_list_in_a_document_an_organisation_writes(extractor):
    ex = extractor.extract(make_doc(ABOUT_US))
    assert [t for s, t in rels(ex, "FUNDED") if s == "Larchmont Trust"] == [
        "Bryn Youth",
        "Ebb Arts",
        "Hillside Food Collective",
    ]


def test_we_are_a_member_and_we_work_in_partnership(extractor):
    ex = extractor.extract(make_doc(ABOUT_US))
    assert rels(ex, "MEMBER_OF") == [("Larchmont Trust", "Northern Funders Forum")]
    # "we" works in partnership, not the forum named just before
    assert rels(ex, "PARTNERED_WITH") == [("Larchmont Trust", "Uplands Regeneration Alliance")]


def test_our_chair_name_stepped_down_is_a_former_chair(extractor):
    ex = extractor.extract(make_doc(ABOUT_US))
    role = rel(ex, "ROLE_AT", "Helen Marsh", "Larchmont Trust")
    assert dict(role.attrs) == {"title": "former chair"}
    assert role.evidence.quote == "Our chair, Professor Helen Marsh"


def test_our_grantees_include_and_became_chair_in_an_organisations_own_voice(extractor):
    doc = make_doc(
        (
            "Our year",
            (
                "The Fernhill Foundation exists to help young carers. We were glad that Tavish Okorie-Lund "
                "became chair in July. Our grantees include Moss Side Carers and the Brindle Youth Project."
            ),
        )
    )
    ex = extractor.extract(doc)
    assert rels(ex, "FUNDED") == [
        ("Fernhill Foundation", "Brindle Youth Project"),
        ("Fernhill Foundation", "Moss Side Carers"),
    ]
    role = rel(ex, "ROLE_AT", "Tavish Okorie-Lund", "Fernhill Foundation")
    assert dict(role.attrs) == {"title": "chair"}


def test_without_we_nobody_speaks_for_an_organisation(extractor):
    doc = make_doc(
        (
            "News",
            (
                "The Fernhill Foundation helps young carers. Grantees include Moss Side Carers. "
                "Tavish Okorie-Lund became chair in July."
            ),
        )
    )
    ex = extractor.extract(doc)
    assert rels(ex, "FUNDED") == []
    assert rels(ex, "ROLE_AT") == []


def test_the_board_met_in_a_place_locates_the_sections_meeting(extractor):
    doc = make_doc(
        (
            "Board meeting, spring",
            "The board met in Leeds on 12 March 2024. Priya Raman chaired.",
        )
    )
    ex = extractor.extract(doc)
    located = rel(ex, "LOCATED_IN", "Board meeting, spring", "Leeds")
    assert located.evidence.quote == "The board met in Leeds"
    assert located.evidence.rule == "located.meeting_held_in"


def test_a_place_someone_else_met_in_is_not_the_meetings_place(extractor):
    doc = make_doc(
        (
            "Board meeting, spring",
            "Priya Raman chaired. She said her tenants met in Leeds last year.",
        )
    )
    assert rels(extractor.extract(doc), "LOCATED_IN") == []


def test_more_ways_to_say_partnership(extractor):
    doc = make_doc(
        (
            "News",
            (
                "The Wren Housing Trust formed an alliance with the Finch Tenants Forum. "
                "The Heron Law Centre works alongside the Crane Advice Service."
            ),
        )
    )
    assert rels(extractor.extract(doc), "PARTNERED_WITH") == [
        ("Crane Advice Service", "Heron Law Centre"),
        ("Finch Tenants Forum", "Wren Housing Trust"),
    ]


def test_more_ways_an_organisation_says_it_funds(extractor):
    doc = make_doc(
        (
            "Our grants",
            (
                "The Osprey Fund backs small arts groups. We fund the Teal Theatre Company. "
                "We supported the Kite Youth Club with a grant. "
                "We awarded three-year grants to Rook Arts and the Jay Music Trust. "
                "Our funding for the Plover Centre came to an end in March."
            ),
        )
    )
    ex = extractor.extract(doc)
    assert rels(ex, "FUNDED") == [
        ("Osprey Fund", "Jay Music Trust"),
        ("Osprey Fund", "Kite Youth Club"),
        ("Osprey Fund", "Plover Centre"),
        ("Osprey Fund", "Rook Arts"),
        ("Osprey Fund", "Teal Theatre Company"),
    ]
    assert dict(rel(ex, "FUNDED", "Osprey Fund", "Plover Centre").attrs) == {"status": "ended"}
    assert dict(rel(ex, "FUNDED", "Osprey Fund", "Rook Arts").attrs) == {}


def test_leaving_the_room_is_not_leaving_the_post(extractor):
    doc = make_doc(
        (
            "Board news",
            (
                "The Osprey Fund backs small arts groups. We thank our trustees. "
                "Nadia Farouk, our CEO, stepped down in May. Our treasurer, Dr Owain Price, left the meeting early."
            ),
        )
    )
    ex = extractor.extract(doc)
    assert dict(rel(ex, "ROLE_AT", "Nadia Farouk", "Osprey Fund").attrs) == {"title": "former CEO"}
    assert dict(rel(ex, "ROLE_AT", "Owain Price", "Osprey Fund").attrs) == {"title": "treasurer"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting was held in Bristol.",
        "This meeting took place in Bristol on 3 May.",
        "We met in Bristol.",
    ],
)
def test_ways_to_say_where_a_meeting_was(extractor, sentence):
    doc = make_doc(("Trustees meeting, autumn", sentence))
    assert rels(extractor.extract(doc), "LOCATED_IN") == [("Trustees meeting, autumn", "Bristol")]


def test_becoming_something_other_than_an_office_is_no_person_cue(extractor):
    doc = make_doc(("News", "Last year Kestrel Media became part of a larger group."))
    assert people(extractor.extract(doc)) == []


def test_we_heard_that_x_partners_with_y_keeps_x_as_the_partner(extractor):
    doc = make_doc(
        (
            "About us",
            (
                "The Larchmont Trust supports community groups across the north. "
                "We heard that the Alder Housing Trust works in partnership with the Birch Tenants Forum."
            ),
        )
    )
    assert rels(extractor.extract(doc), "PARTNERED_WITH") == [("Alder Housing Trust", "Birch Tenants Forum")]
