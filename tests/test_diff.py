"""Two builds of made-up documents: the diff lists exactly what changed, with its evidence."""

from graph.exchange.canonical_json import to_json_data
from graph.history.diff import diff_graphs, diff_markdown
from graph.model.assemble import build_graph
from tests.records_factory import entity, extraction, make_document, relation

OLD_NOTE = (
    "Fenwick Foundation funds Marlow Youth Project. "
    "Ines Varga is director of Marlow Youth Project. Hugo Brandt from Fenwick Foundation attended."
)
NEW_NOTE = (
    "Fenwick Foundation funding for Marlow Youth Project ended in May. Ines Varga is director of Marlow Youth Project."
)
EXTRA_NOTE = "Marlow Youth Project works in partnership with Saltmarsh Arts on slow commissioning."


def old_graph():
    doc = make_document("2023/spring.txt", [("Spring update", OLD_NOTE)])
    ents = [
        entity(doc, "Organisation", "Fenwick Foundation"),
        entity(doc, "Organisation", "Marlow Youth Project"),
        entity(doc, "Person", "Ines Varga"),
        entity(doc, "Person", "Hugo Brandt"),
    ]
    rels = [
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Fenwick Foundation"),
            ("Organisation", "Marlow Youth Project"),
            "Fenwick Foundation funds Marlow Youth Project",
        ),
        relation(
            doc,
            "ROLE_AT",
            ("Person", "Ines Varga"),
            ("Organisation", "Marlow Youth Project"),
            "Ines Varga is director of Marlow Youth Project",
            attrs=(("title", "director"),),
        ),
        relation(
            doc,
            "ROLE_AT",
            ("Person", "Hugo Brandt"),
            ("Organisation", "Fenwick Foundation"),
            "Hugo Brandt from Fenwick Foundation",
        ),
    ]
    return to_json_data(build_graph([doc], [extraction(doc, ents, rels)]))


def new_graph():
    doc = make_document("2023/spring.txt", [("Spring update", NEW_NOTE)])
    extra = make_document("2024/partners.txt", [("Partners", EXTRA_NOTE)])
    ents = [
        entity(doc, "Organisation", "Fenwick Foundation"),
        entity(doc, "Organisation", "Marlow Youth Project"),
        entity(doc, "Person", "Ines Varga"),
    ]
    rels = [
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Fenwick Foundation"),
            ("Organisation", "Marlow Youth Project"),
            "Fenwick Foundation funding for Marlow Youth Project ended",
            attrs=(("status", "ended"),),
        ),
        relation(
            doc,
            "ROLE_AT",
            ("Person", "Ines Varga"),
            ("Organisation", "Marlow Youth Project"),
            "Ines Varga is director of Marlow Youth Project",
            attrs=(("title", "director"),),
        ),
    ]
    extra_ents = [
        entity(extra, "Organisation", "Marlow Youth Project"),
        entity(extra, "Organisation", "Saltmarsh Arts"),
        entity(extra, "Concept", "slow commissioning"),
    ]
    extra_rels = [
        relation(
            extra,
            "PARTNERED_WITH",
            ("Organisation", "Marlow Youth Project"),
            ("Organisation", "Saltmarsh Arts"),
            "Marlow Youth Project works in partnership with Saltmarsh Arts",
        ),
    ]
    return to_json_data(
        build_graph([doc, extra], [extraction(doc, ents, rels), extraction(extra, extra_ents, extra_rels)])
    )


def test_diff_lists_exactly_the_changes():
    diff = diff_graphs(old_graph(), new_graph())
    assert [n["name"] for n in diff.added_nodes] == ["slow commissioning", "Saltmarsh Arts"]
    assert [n["name"] for n in diff.removed_nodes] == ["Hugo Brandt"]
    assert [(e["source_name"], e["type"], e["target_name"]) for e in diff.added_edges] == [
        ("Marlow Youth Project", "PARTNERED_WITH", "Saltmarsh Arts")
    ]
    assert [(e["source_name"], e["type"], e["target_name"]) for e in diff.removed_edges] == [
        ("Hugo Brandt", "ROLE_AT", "Fenwick Foundation")
    ]
    [ended] = diff.changed_edges
    assert (ended["type"], ended["changes"]) == ("FUNDED", {"status": [None, "ended"]})
    assert ended["evidence"][0]["quote"] == "Fenwick Foundation funding for Marlow Youth Project ended"
    assert diff.added_documents == ("2024/partners.txt",)
    assert diff.removed_documents == ()


def test_the_same_graph_has_no_changes():
    diff = diff_graphs(new_graph(), new_graph())
    assert diff.empty
    assert "No changes." in diff_markdown(diff)


def test_markdown_puts_news_first_with_evidence():
    text = diff_markdown(diff_graphs(old_graph(), new_graph()), since="build A", until="build B")
    assert text.startswith("# What changed in the knowledge graph\n\nFrom build A to build B.")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == [
        "## New partners",
        "## Funding ended",
        "## New organisations",
        "## New ideas",
        "## Entities no longer found",
        "## Connections no longer found",
        "## Documents",
    ]
    assert "- **Marlow Youth Project** partnered with **Saltmarsh Arts**" in text
    assert (
        "\u201cMarlow Youth Project works in partnership with Saltmarsh Arts\u201d (2024/partners.txt \u00a7 Partners)"
        in text
    )
    assert "- **Fenwick Foundation** funded **Marlow Youth Project** (status: none \u2192 ended)" in text
    assert "- **Hugo Brandt** \u2014 in 2023/spring.txt (Person)" in text
    assert "- new: 2024/partners.txt" in text


def test_markdown_escapes_names_that_look_like_markup():
    old = {"nodes": [], "edges": []}
    new = {
        "nodes": [{"id": "organisation:x", "label": "Organisation", "name": "*Star* [Trust]", "aliases": []}],
        "edges": [],
    }
    text = diff_markdown(diff_graphs(old, new))
    assert "- **\\*Star\\* \\[Trust\\]**" in text


def test_an_entity_without_a_name_is_listed_under_its_id():
    new = new_graph()
    for node in new["nodes"]:
        if node["id"] == "organisation:saltmarsh-arts":
            node["name"] = ""  # as the export writes a node made without one (kg cypher --write)
    text = diff_markdown(diff_graphs(old_graph(), new))
    assert "**organisation:saltmarsh\\-arts**" in text or "**organisation:saltmarsh-arts**" in text
    assert "****" not in text


def _funding_graph(catalogue=None, text="Fenwick funds Marlow Youth Project."):
    doc = make_document("2023/grants.txt", [("Grants", text)])
    ents = [entity(doc, "Organisation", "Fenwick"), entity(doc, "Organisation", "Marlow Youth Project")]
    rels = [
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Fenwick"),
            ("Organisation", "Marlow Youth Project"),
            "Fenwick funds Marlow Youth Project",
        )
    ]
    return to_json_data(build_graph([doc], [extraction(doc, ents, rels)], catalogue))


def test_a_name_merged_by_the_catalogue_is_a_merge_not_news():
    from loaders.catalogue import Catalogue, CatalogueEntity

    before = _funding_graph()
    after = _funding_graph(Catalogue(entities=(CatalogueEntity("Organisation", "Fenwick Foundation", ("Fenwick",)),)))
    diff = diff_graphs(before, after)
    assert [(a["name"], b["name"]) for a, b in diff.merged_nodes] == [("Fenwick", "Fenwick Foundation")]
    assert not (diff.added_edges or diff.removed_edges or diff.added_nodes or diff.removed_nodes)
    text = diff_markdown(diff)
    assert "**Fenwick** (Organisation) is now part of **Fenwick Foundation**" in text
    assert "New funding" not in text and "## Entities no longer found" not in text
    assert "## Connections no longer found" not in text


def test_a_document_whose_content_changed_is_listed():
    diff = diff_graphs(_funding_graph(), _funding_graph(text="Fenwick funds Marlow Youth Project. More soon."))
    assert diff.changed_documents == ("2023/grants.txt",)
    assert "- changed: 2023/grants.txt" in diff_markdown(diff)
