"""Lists of members under the sentence or heading that introduces them (made-up names)."""

from __future__ import annotations

from tests.records_factory import make_notes


def members(extractor, title: str, body: str) -> list[tuple[str, str]]:
    found = extractor.extract(make_notes((title, body)))
    return sorted((r.source.name, r.target.name) for r in found.relations if r.type == "MEMBER_OF")


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
