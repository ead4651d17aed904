"""The graph model: nodes, edges and their evidence from extraction records."""

import pytest

from graph.exchange.canonical_json import to_json
from graph.model.assemble import build_graph, edge_evidence
from loaders.catalogue import Catalogue, CatalogueEdge
from tests.records_factory import entity, extraction, make_document, relation

BODY = (
    "Our first speaker was Ada Brown, CEO of Riverside Trust. Ada talked about deep listening. "
    "Riverside Trust works in partnership with Hilltop Care."
)


def small_graph(catalogue=None):
    doc = make_document("notes.txt", [("Note from Harbour Cell 1", BODY)])
    ents = [
        entity(doc, "Person", "Ada Brown", aliases=("Ada",)),
        entity(doc, "Organisation", "Riverside Trust"),
        entity(doc, "Organisation", "Hilltop Care"),
        entity(doc, "Meeting", "Harbour Cell 1"),
        entity(doc, "Concept", "deep listening", attrs=(("salience", "core"),)),
    ]
    rels = [
        relation(
            doc,
            "ROLE_AT",
            ("Person", "Ada Brown"),
            ("Organisation", "Riverside Trust"),
            "Ada Brown, CEO of Riverside Trust",
            attrs=(("title", "CEO"),),
        ),
        relation(
            doc, "SPOKE_AT", ("Person", "Ada Brown"), ("Meeting", "Harbour Cell 1"), "Our first speaker was Ada Brown"
        ),
        relation(
            doc,
            "PARTNERED_WITH",
            ("Organisation", "Riverside Trust"),
            ("Organisation", "Hilltop Care"),
            "Riverside Trust works in partnership with Hilltop Care",
            confidence=0.5,
        ),
    ]
    return build_graph([doc], [extraction(doc, ents, rels)], catalogue), doc


def test_edges_keep_document_section_quote_and_offsets():
    G, doc = small_graph()
    data = G.get_edge_data("person:ada-brown", "organisation:riverside-trust")["ROLE_AT"]
    [ev] = edge_evidence(data)
    assert ev["document"] == "notes.txt"
    assert ev["section"] == "Note from Harbour Cell 1"
    assert doc.text[ev["start"] : ev["end"]] == ev["quote"] == "Ada Brown, CEO of Riverside Trust"
    assert data["title"] == "CEO"


def test_partnership_is_stored_once_and_low_confidence_is_marked():
    G, _ = small_graph()
    partners = [(s, t) for s, t, d in G.edges(data=True) if d["type"] == "PARTNERED_WITH"]
    assert partners == [("organisation:hilltop-care", "organisation:riverside-trust")]
    data = G.get_edge_data(*partners[0])["PARTNERED_WITH"]
    assert data["low_confidence"] is True


def test_mentions_come_from_the_document_with_counts():
    G, doc = small_graph()
    data = G.get_edge_data(doc.id, "person:ada-brown")["MENTIONS"]
    assert data["count"] == 2  # "Ada Brown" and "Ada"
    assert sorted(data["quotes"]) == ["Ada", "Ada Brown"]
    assert G.nodes["person:ada-brown"]["aliases"] == ["Ada"]
    assert G.nodes["person:ada-brown"]["documents"] == ["notes.txt"]


def test_catalogue_edge_is_curated_and_wins_on_status():
    cat = Catalogue(
        edges=(
            CatalogueEdge(
                "FUNDED",
                ("Organisation", "Riverside Trust"),
                ("Organisation", "Hilltop Care"),
                note="Grant closed in 2023",
                attrs=(("status", "ended"),),
            ),
        )
    )
    G, _ = small_graph(cat)
    data = G.get_edge_data("organisation:riverside-trust", "organisation:hilltop-care")["FUNDED"]
    assert data["curated"] is True and data["status"] == "ended"
    assert edge_evidence(data)[0]["quote"] == "Grant closed in 2023"


def test_same_input_same_json():
    assert to_json(small_graph()[0]) == to_json(small_graph()[0])


def test_multi_section_document_has_section_nodes():
    doc = make_document("page.txt", [("Note one", "Ada Brown spoke."), ("Note two", "Ben Ortiz spoke.")])
    G = build_graph([doc], [extraction(doc, [entity(doc, "Person", "Ben Ortiz", section=1)])])
    sections = sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "section")
    assert sections == [f"{doc.id}#s0", f"{doc.id}#s1"]
    assert G.has_edge(f"{doc.id}#s1", "person:ben-ortiz")


@pytest.mark.parametrize(
    "statuses, kept",
    [
        (("past", "current"), "current"),  # "we funded" in one note, "we fund" in a later one: current
        (("current", "past"), "current"),
        (("current", "ended", "past"), "ended"),  # ended anywhere: ended
        (("past",), "past"),
        ((None, "past"), "past"),  # a note that says nothing of it does not undo one that does
        ((None,), None),
    ],
)
def test_funding_stated_in_several_places_keeps_the_status_that_says_most(statuses, kept):
    bodies = [f"Quill Fund funds Larch House, note {i}." for i in range(len(statuses))]
    doc = make_document("grants.txt", [(f"Note {i}", body) for i, body in enumerate(bodies)])
    ents = [
        e
        for i in range(len(statuses))
        for e in (
            entity(doc, "Organisation", "Quill Fund", section=i),
            entity(doc, "Organisation", "Larch House", section=i),
        )
    ]
    rels = [
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Quill Fund"),
            ("Organisation", "Larch House"),
            bodies[i][:-1],
            attrs=((("status", status),) if status else ()),
            section=i,
        )
        for i, status in enumerate(statuses)
    ]
    G = build_graph([doc], [extraction(doc, ents, rels)])
    data = G.edges["organisation:quill-fund", "organisation:larch-house", "FUNDED"]
    assert data.get("status") == kept and data["count"] == len(statuses)
