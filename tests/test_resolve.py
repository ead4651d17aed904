"""Resolution merges the surface forms of one entity across sections and documents."""

from graph.model.resolution import resolve
from loaders.catalogue import Catalogue, CatalogueEntity
from loaders.records import Entity


def ents(*specs):
    return [(doc, Entity(label, name, section, tuple(aliases))) for doc, section, label, name, aliases in specs]


def test_same_name_in_two_documents_is_one_node():
    res = resolve(ents(("d1", 0, "Person", "Ada Brown", ()), ("d2", 0, "Person", "Ada Brown", ())))
    assert len(res.nodes) == 1
    assert res.node_of[("d1", 0, "Person", "Ada Brown")] == res.node_of[("d2", 0, "Person", "Ada Brown")]


def test_spelling_variant_merges_and_most_used_form_is_the_name():
    res = resolve(
        ents(
            ("d1", 0, "Person", "Mira Hollins-Pike", ()),
            ("d1", 1, "Person", "Mira Hollins-Pike", ()),
            ("d2", 0, "Person", "Mira Hollins Pyke", ()),
        )
    )
    [node] = res.nodes.values()
    assert node.name == "Mira Hollins-Pike"
    assert "Mira Hollins Pyke" in node.aliases


def test_different_short_names_do_not_merge():
    res = resolve(ents(("d1", 0, "Person", "Jon Bell", ()), ("d2", 0, "Person", "Jo Bell", ())))
    assert len(res.nodes) == 2


def test_first_name_alias_does_not_merge_two_people():
    res = resolve(
        ents(
            ("d1", 0, "Person", "Ada Brown", ("Ada",)),
            ("d2", 0, "Person", "Ada Okoro", ("Ada",)),
        )
    )
    assert len(res.nodes) == 2


def test_abbreviation_alias_merges_organisations():
    res = resolve(
        ents(
            ("d1", 0, "Organisation", "Coastal Youth Alliance", ("CYA",)),
            ("d2", 0, "Organisation", "CYA", ()),
        )
    )
    [node] = res.nodes.values()
    assert node.name == "Coastal Youth Alliance"
    assert node.aliases == ("CYA",)


def test_same_name_different_labels_stay_apart():
    res = resolve(ents(("d1", 0, "Place", "Harbourside", ()), ("d1", 0, "Organisation", "Harbourside", ())))
    assert sorted(n.label for n in res.nodes.values()) == ["Organisation", "Place"]


def test_catalogue_gives_the_canonical_name_and_ignore_drops():
    cat = Catalogue(
        entities=(CatalogueEntity("Organisation", "Northgate Housing Trust", ("Northgate",)),), ignore=("Read On",)
    )
    res = resolve(
        ents(
            ("d1", 0, "Organisation", "Northgate", ()),
            ("d1", 0, "Organisation", "Read On", ()),
        ),
        cat,
    )
    names = {n.name: n for n in res.nodes.values()}
    assert set(names) == {"Northgate Housing Trust"}
    assert names["Northgate Housing Trust"].curated
    assert ("d1", 0, "Organisation", "Read On") not in res.node_of


def test_resolution_does_not_depend_on_input_order():
    specs = [
        ("d1", 0, "Person", "Mira Hollins-Pike", ()),
        ("d2", 0, "Person", "Mira Hollins Pyke", ()),
        ("d3", 0, "Organisation", "Coastal Youth Alliance", ("CYA",)),
    ]
    assert resolve(ents(*specs)) == resolve(ents(*reversed(specs)))


def test_short_form_of_one_organisation_in_the_same_document_merges():
    res = resolve(
        ents(
            ("d1", 0, "Organisation", "Hollybank Foundation", ()),
            ("d1", 1, "Organisation", "Hollybank", ()),
        )
    )
    [node] = res.nodes.values()
    assert node.name == "Hollybank Foundation" and node.aliases == ("Hollybank",)


def test_short_form_stays_apart_when_ambiguous_and_lists_the_candidates():
    ambiguous = resolve(
        ents(
            ("d1", 0, "Organisation", "Greenway Trust", ()),
            ("d1", 0, "Organisation", "Greenway Housing", ()),
            ("d2", 0, "Organisation", "Greenway", ()),
        )
    )
    assert len(ambiguous.nodes) == 3
    short = ambiguous.nodes[ambiguous.node_of[("d2", 0, "Organisation", "Greenway")]]
    assert short.may_be == ("Greenway Housing", "Greenway Trust")


def test_short_form_in_another_document_merges_when_it_is_the_only_candidate():
    res = resolve(
        ents(("d1", 0, "Organisation", "Hollybank Foundation", ()), ("d2", 0, "Organisation", "Hollybank", ()))
    )
    [node] = res.nodes.values()
    assert node.name == "Hollybank Foundation" and node.aliases == ("Hollybank",)
    assert node.alias_reasons == ("the leading words of 'Hollybank Foundation'",)


def test_the_fullest_form_is_the_name_even_when_the_short_form_is_commoner():
    res = resolve(
        ents(
            ("d1", 0, "Organisation", "Hollybank Foundation", ()),
            ("d1", 1, "Organisation", "Hollybank", ()),
            ("d1", 2, "Organisation", "Hollybank", ()),
        )
    )
    [node] = res.nodes.values()
    assert node.name == "Hollybank Foundation"


def test_an_acronym_is_not_taken_for_the_start_of_a_longer_name():
    res = resolve(ents(("d1", 0, "Organisation", "NHS England", ()), ("d1", 0, "Organisation", "NHS", ())))
    assert len(res.nodes) == 2


def test_a_lower_case_description_after_a_name_merges_and_the_name_is_kept():
    res = resolve(ents(("d1", 0, "Organisation", "Hollybank network", ()), ("d2", 1, "Organisation", "Hollybank", ())))
    [node] = res.nodes.values()
    assert node.name == "Hollybank" and node.aliases == ("Hollybank network",)
