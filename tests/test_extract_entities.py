"""Entities read by the rule extractor from made-up notes: people, organisations, places,
publications, cells, and their resolution within a section."""

from __future__ import annotations

import pytest

from loaders.catalogue import Catalogue, CatalogueEntity
from loaders.extract import make_extractor
from tests.records_factory import make_notes

make_doc = make_notes  # the shared builder of made-up note pages


def names(extraction, label, section=None):
    return sorted(e.name for e in extraction.entities if e.label == label and (section is None or e.section == section))


def entity(extraction, label, name):
    found = [e for e in extraction.entities if e.label == label and e.name == name]
    assert found, f"no {label} {name!r} in {[(e.label, e.name) for e in extraction.entities]}"
    return found[0]


def test_people_need_a_given_name_or_a_person_context(extractor):
    doc = make_doc(
        (
            "Spring review",
            "Marcus Fenwick opened with a reflection. Later Zandor Quillby, CEO of Harbourside Housing Trust, explained the plan. Open Doors and Bright Steps were mentioned.",
        )
    )
    ex = extractor.extract(doc)
    assert names(ex, "Person") == ["Marcus Fenwick", "Zandor Quillby"]
    assert "Harbourside Housing Trust" in names(ex, "Organisation")


def test_titles_and_honours_are_not_part_of_a_name(extractor):
    doc = make_doc(("Visit", "We met Dr Helen Okoro and later Cllr Priya Hartley. Daniel Prescott MP sent apologies."))
    ex = extractor.extract(doc)
    assert names(ex, "Person") == ["Daniel Prescott", "Helen Okoro", "Priya Hartley"]


def test_first_name_and_surname_after_full_name_are_aliases(extractor):
    doc = make_doc(
        (
            "Session",
            "Our first speaker was Marcus Fenwick. Marcus said the work had only begun. Fenwick added that funding mattered.",
        )
    )
    ex = extractor.extract(doc)
    person = entity(ex, "Person", "Marcus Fenwick")
    assert set(person.aliases) == {"Marcus", "Fenwick"}
    assert len(person.mentions) == 3
    assert names(ex, "Person") == ["Marcus Fenwick"]


def test_a_given_name_two_people_share_means_the_one_named_last_before_it(extractor):
    doc = make_doc(
        (
            "Session",
            "The meeting was chaired by Tamsin Orrell, Director of Fallowfield Trust. "
            "Our first speaker was Tamsin Greaves from Brackenbury Advice. Tamsin described the waiting lists.",
        )
    )
    ex = extractor.extract(doc)
    assert names(ex, "Person") == ["Tamsin Greaves", "Tamsin Orrell"]  # not a third person, "Tamsin"
    assert [m.quote for m in entity(ex, "Person", "Tamsin Greaves").mentions] == ["Tamsin Greaves", "Tamsin"]


def test_spelling_variant_in_one_section_merges(extractor):
    doc = make_doc(("Session", "The speaker was Helen Okoro-Banks. Later, Helen Okoro Banks noted the risks."))
    ex = extractor.extract(doc)
    assert names(ex, "Person") == ["Helen Okoro-Banks"]
    assert entity(ex, "Person", "Helen Okoro-Banks").aliases == ("Helen Okoro Banks",)


def test_first_names_stay_local_to_their_section(extractor):
    doc = make_doc(
        ("Morning", "The speaker was Marcus Fenwick. Marcus spoke about rents."),
        ("Afternoon", "Marcus is thinking about next steps with the team."),
        header="Site Header",
    )
    ex = extractor.extract(doc)
    assert names(ex, "Person", 0) == ["Marcus Fenwick"]
    assert names(ex, "Person", 1) == ["Marcus"]


def test_upper_case_heading_gives_name_and_alias(extractor):
    doc = make_doc(("Cell notes", "JANE DOE, CEO OF RIVER TRUST\n\nShe described the waiting lists."))
    ex = extractor.extract(doc)
    person = entity(ex, "Person", "Jane Doe")
    assert person.aliases == ("JANE DOE",)
    assert "River Trust" in names(ex, "Organisation")


def test_possessive_is_not_part_of_the_name(extractor):
    doc = make_doc(("Notes", "Riverside Youth Trust’s board met twice. The board of Riverside Youth Trust agreed."))
    ex = extractor.extract(doc)
    org = entity(ex, "Organisation", "Riverside Youth Trust")
    assert len(org.mentions) == 2
    assert all(m.quote == "Riverside Youth Trust" for m in org.mentions)


def test_abbreviation_defined_in_text_is_an_alias(extractor):
    doc = make_doc(("Notes", "The Fair Homes Coalition (FHC) wrote to ministers. Since then FHC has grown."))
    ex = extractor.extract(doc)
    org = entity(ex, "Organisation", "Fair Homes Coalition")
    assert "FHC" in org.aliases
    assert names(ex, "Organisation") == ["Fair Homes Coalition"]


def test_organisations_from_context_and_lists(extractor):
    doc = make_doc(
        (
            "Notes",
            "We worked with organisations like Brightwell. Partners included Lantern Collective, Brightwell and Kestrel.",
        )
    )
    ex = extractor.extract(doc)
    assert {"Brightwell", "Lantern Collective", "Kestrel"} <= set(names(ex, "Organisation"))


def test_places_and_qualified_places(extractor):
    doc = make_doc(("Notes", "The project runs in Leeds and in central London, and has plans for Scotland."))
    ex = extractor.extract(doc)
    assert names(ex, "Place") == ["Leeds", "Scotland", "central London"]


@pytest.mark.parametrize("opening, closing", [("‘", "’"), ("'", "'"), ("“", "”")])
def test_a_publication_title_in_quotes_is_named_without_them(extractor, opening, closing):
    body = (
        f"In 2023 the Pebblewick Foundation published a report called {opening}Tides of Change{closing} on its grants. "
        f"{opening}Quiet Harbours{closing}, a short report by Pebblewick Foundation, followed."
    )
    ex = extractor.extract(make_doc(("Our publications", body)))
    assert names(ex, "Publication") == ["Quiet Harbours", "Tides of Change"]
    for pub in ("Quiet Harbours", "Tides of Change"):
        assert [m.quote for m in entity(ex, "Publication", pub).mentions] == [pub]  # offsets without the quote
    assert ("Pebblewick Foundation", "Tides of Change") in {
        (r.source.name, r.target.name) for r in ex.relations if r.type == "AUTHORED"
    }


def test_publications_by_title_word_and_cue(extractor):
    doc = make_doc(
        (
            "Notes",
            "The group read the Housing Futures White Paper and the recent publication Roots and Branches of Care.",
        )
    )
    ex = extractor.extract(doc)
    assert names(ex, "Publication") == ["Housing Futures White Paper", "Roots and Branches of Care"]


def test_catalogue_entities_and_ignore_list(extractor):
    catalogue = Catalogue(
        entities=(CatalogueEntity("Organisation", "Quillfeather Partners", ("Quillfeather", "QP")),),
        ignore=("Marcus Fenwick",),
    )
    custom = make_extractor(catalogue=catalogue)
    doc = make_doc(("Notes", "QP hosted the day. Quillfeather later wrote up notes. Marcus Fenwick attended."))
    ex = custom.extract(doc)
    org = entity(ex, "Organisation", "Quillfeather Partners")
    assert set(org.aliases) == {"QP", "Quillfeather"}
    assert all(m.rule == "catalogue" for m in org.mentions)
    assert names(ex, "Person") == []


def test_a_catalogued_name_does_not_erase_longer_names_read_around_it(extractor):
    doc = make_doc(
        (
            "Spring gathering",
            "The first speaker was Mara Quillan, co-convenor of the Kestrel Way network, who spoke about "
            "trust. The group then looked again at the Kestrel Way Call to Action. Kestrel Way itself "
            "sent apologies.",
        )
    )
    plain = extractor.extract(doc)
    listed = make_extractor(catalogue=Catalogue(entities=(CatalogueEntity("Organisation", "Kestrel Way"),)))
    ex = listed.extract(doc)
    # the network and the publication are found as they are without a catalogue
    for label, name in [("Organisation", "Kestrel Way network"), ("Publication", "Kestrel Way Call to Action")]:
        assert entity(plain, label, name) and entity(ex, label, name)
    assert {(r.type, r.source.name, r.target.name) for r in ex.relations if r.type == "ROLE_AT"} == {
        ("ROLE_AT", "Mara Quillan", "Kestrel Way network")
    }
    # ... and the bare name is the catalogue's entity
    assert [m.rule for m in entity(ex, "Organisation", "Kestrel Way").mentions] == ["catalogue"]

    # listing the longer form as an alias makes it the catalogued entity, as the user says
    aliased = make_extractor(
        catalogue=Catalogue(entities=(CatalogueEntity("Organisation", "Kestrel Way", ("Kestrel Way network",)),))
    )
    org = entity(aliased.extract(doc), "Organisation", "Kestrel Way")
    assert "Kestrel Way network" in {m.quote for m in org.mentions}


def test_mention_quotes_point_into_the_whole_document(extractor):
    doc = make_doc(
        ("First note", "Nothing named here."),
        ("Second note", "Marcus Fenwick visited Leeds."),
        header="Site Header",
    )
    ex = extractor.extract(doc)
    for e in ex.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.quote
            assert m.document == "notes.txt"
    person = entity(ex, "Person", "Marcus Fenwick")
    assert person.section == 1 and person.mentions[0].section == "Second note"


def test_spelling_variants_across_sections_share_the_documents_spelling(extractor):
    doc = make_doc(
        ("Morning", "The speaker was Helen Okoro-Banks."),
        ("Noon", "Helen Okoro-Banks spoke again."),
        ("Evening", "The speaker was Helen Okoro Banks."),
        header="Site Header",
    )
    ex = extractor.extract(doc)
    people = [(e.section, e.name, e.aliases) for e in ex.entities if e.label == "Person"]
    assert people == [
        (0, "Helen Okoro-Banks", ()),
        (1, "Helen Okoro-Banks", ()),
        (2, "Helen Okoro-Banks", ("Helen Okoro Banks",)),
    ]


def test_government_and_possessive_names(extractor):
    doc = make_doc(
        (
            "Notes",
            "The plan was set by Government. Marcus Fenwick, Director of Children’s Services at Northgate Council, agreed.",
        )
    )
    ex = extractor.extract(doc)
    assert {"Government", "Northgate Council"} <= set(names(ex, "Organisation"))


def test_spelled_out_acronyms_are_not_organisations(extractor):
    doc = make_doc(("Notes", "SOAP stands for SEE, OWN, ACT and PAUSE. The charity worked with NCVO and ARCH."))
    ex = extractor.extract(doc)
    orgs = set(names(ex, "Organisation"))
    assert "NCVO" in orgs
    assert not orgs & {"SEE", "OWN", "ACT", "PAUSE", "SOAP"}


def test_a_name_made_of_words_the_text_uses_in_lower_case_is_not_a_person(extractor):
    body = "The door was left open. Open Door explained its plans. Zandor Quillby explained his."
    doc = make_doc(("Notes", body))
    ex = extractor.extract(doc)
    assert names(ex, "Person") == ["Zandor Quillby"]


def test_ignored_names_are_never_emitted_whatever_their_label():
    catalogue = Catalogue(ignore=("participatory budgeting", "Northgate Foundation"))
    custom = make_extractor(catalogue=catalogue)
    doc = make_doc(("Notes", "The Northgate Foundation funds Lantern Network. They tried participatory budgeting."))
    ex = custom.extract(doc)
    assert [e.name for e in ex.entities] == ["Lantern Network"]
    assert ex.relations == ()


def test_name_particles_and_middle_initials(extractor):
    doc = make_doc(("Notes", "We heard from Anna van der Berg and from Helen K. Okoro about housing."))
    ex = extractor.extract(doc)
    # an initial keeps its full stop, as written
    assert names(ex, "Person") == ["Anna van der Berg", "Helen K. Okoro"]


def test_initials_after_an_honorific_or_in_a_list_of_people(extractor):
    doc = make_doc(
        (
            "Committee minutes",
            "Present: Councillor Mrs. J.A. Corrie (Chair); Ms. K. Quayle (Alder Aid), Dr. P. Singh (Tarn Trust) "
            "and Cllr Jan Oakes (Fenby Borough Council).",
        )
    )
    ex = extractor.extract(doc)
    assert names(ex, "Person") == ["J.A. Corrie", "Jan Oakes", "K. Quayle", "P. Singh"]
    roles = sorted((r.source.name, r.target.name) for r in ex.relations if r.type == "ROLE_AT")
    assert roles == [("Jan Oakes", "Fenby Borough Council"), ("K. Quayle", "Alder Aid"), ("P. Singh", "Tarn Trust")]


def test_a_group_we_set_up_is_a_cell_even_in_lower_case(extractor):
    doc = make_doc(
        (
            "Autumn update",
            "We are setting up a regional listening panel for the Hollin Valley Trust. It will meet monthly. "
            "We have also formed a small group to plan the launch, and the council created a youth forum.",
        )
    )
    ex = extractor.extract(doc)
    assert names(ex, "Cell") == ["regional listening panel"]
    assert entity(ex, "Cell", "regional listening panel").mentions[0].quote == "regional listening panel"


@pytest.mark.parametrize(
    "title",
    [
        "Note from the Harbour Lights Roundtable, held online on 9 June 2025",
        "Note from the Harbour Lights Roundtable - 9th June 2025",
        "Harbour Lights Roundtable held in Whitby",
    ],
)
def test_a_meeting_is_named_without_when_and_where_it_was_held(extractor, title):
    doc = make_doc((title, "Jo Bracken opened the session. Ideas were shared about the harbour."))
    ex = extractor.extract(doc)
    assert names(ex, "Meeting") == ["Harbour Lights Roundtable"]
    assert "Harbour Lights Roundtable" not in names(ex, "Concept")  # its name is not a topic


def test_a_headline_word_before_centre_or_charity_is_no_organisation(extractor):
    doc = make_doc(
        ("New centre opens", "Tarn Community Centre opened on Friday.\n\nLocal charity wins award for its work.")
    )
    ex = extractor.extract(doc)
    assert names(ex, "Organisation") == ["Tarn Community Centre"]
