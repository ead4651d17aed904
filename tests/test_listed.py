"""Lists of members and funders under the sentence or heading that introduces them (made-up
names)."""

from __future__ import annotations

from tests.records_factory import make_notes


def edges(extractor, title: str, body: str, kind: str) -> list[tuple[str, str]]:
    found = extractor.extract(make_notes((title, body)))
    return sorted((r.source.name, r.target.name) for r in found.relations if r.type == kind)


def members(extractor, title: str, body: str) -> list[tuple[str, str]]:
    return edges(extractor, title, body, "MEMBER_OF")


def funders(extractor, title: str, body: str) -> list[tuple[str, str]]:
    return edges(extractor, title, body, "FUNDED")


def test_a_list_parted_by_semicolons_under_a_network_and_a_heading(extractor):
    body = (
        "Housing in the valley is in crisis. The Tarn Housing Alliance is a coalition of 4 charities.\n\n"
        "Our alliance\n\n"
        "Alder Trust; Fenby Youth Club; Mill House Project; Seaview Shelter\n\n"
        "Together we will press for more homes."
    )
    assert members(extractor, "Homes for all", body) == [
        ("Alder Trust", "Tarn Housing Alliance"),
        ("Fenby Youth Club", "Tarn Housing Alliance"),
        ("Mill House Project", "Tarn Housing Alliance"),
        ("Seaview Shelter", "Tarn Housing Alliance"),
    ]


def test_a_members_heading_on_a_networks_own_page_lists_its_members(extractor):
    body = (
        "The Kestrel Network brings carers' groups together across the county.\n\n"
        "Our members\n"
        "- Alder Carers\n- Fenby Carers Circle\n- Millbrook Young Carers\n\n"
        "We meet every quarter."
    )
    assert members(extractor, "About the Kestrel Network", body) == [
        ("Alder Carers", "Kestrel Network"),
        ("Fenby Carers Circle", "Kestrel Network"),
        ("Millbrook Young Carers", "Kestrel Network"),
    ]


def test_no_list_after_the_introduction_is_no_membership(extractor):
    body = (
        "The Tarn Housing Alliance is a coalition of charities. It was set up in 2019 by Jo Bloggs, "
        "who had run Alder Trust for a decade.\n\n"
        "Fenby Youth Club, Mill House Project and Seaview Shelter spoke at the launch."
    )
    assert members(extractor, "Homes for all", body) == []


def test_a_list_that_is_mostly_sentences_is_no_list_of_members(extractor):
    body = (
        "The Tarn Housing Alliance is a network of 30 groups.\n\n"
        "Rents rose by a fifth last year; Alder Trust saw demand double; the council has no plan"
    )
    assert members(extractor, "Homes for all", body) == []


def test_donors_listed_under_they_were_funded_the_organisation_the_page_is_about(extractor):
    body = (
        "At Tarn Trust we fund youth work. Companies and trusts were asked to become founder donors, "
        "and their support paid for our first year.\n\n"
        "They were:\nAlder Foundation\nFenby Bank\nMillbrook Charitable Trust\nAnd nine individual donors.\n\n"
        "Our first grants went out in 2006."
    )
    assert funders(extractor, "Tarn Trust annual review", body) == [
        ("Alder Foundation", "Tarn Trust"),
        ("Fenby Bank", "Tarn Trust"),
        ("Millbrook Charitable Trust", "Tarn Trust"),
    ]


def test_a_thank_you_to_the_following_funders_with_a_bulleted_list(extractor):
    body = (
        "At Tarn Trust we fund youth work.\n\n"
        "We are grateful to the following funders for their support:\n\n"
        "- Kestrel Fund\n- Seaview Trust\n- Harbour Council\n"
    )
    assert funders(extractor, "Tarn Trust annual review", body) == [
        ("Harbour Council", "Tarn Trust"),
        ("Kestrel Fund", "Tarn Trust"),
        ("Seaview Trust", "Tarn Trust"),
    ]


def test_they_were_after_no_talk_of_money_is_no_list_of_funders(extractor):
    body = (
        "At Tarn Trust we fund youth work. Three schools joined the reading scheme this year.\n\n"
        "They were:\nAlder Academy\nFenby High School\nMillbrook Primary School\n"
    )
    assert funders(extractor, "Tarn Trust annual review", body) == []


def test_the_foundation_in_capitals_is_the_foundation_the_page_names_most(extractor):
    # Several foundations are named, but "the Foundation" is the one named most: the page's own
    body = (
        "In 2005 neighbours from Fenby Church set up Tarn Valley Foundation to help small groups. "
        "The Foundation gives grants "
        "across the valley, and Tarn Valley Foundation now has a fund for young people.\n\n"
        "The Foundation's first costs were met by founder donors. They were:\n"
        "Alder Foundation\nFenby Bank\nMillbrook Foundation\n"
    )
    assert funders(extractor, "Our history", body) == [
        ("Alder Foundation", "Tarn Valley Foundation"),
        ("Fenby Bank", "Tarn Valley Foundation"),
        ("Millbrook Foundation", "Tarn Valley Foundation"),
    ]
