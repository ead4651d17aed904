"""``to_view``: the data behind the explorer and the maps, checked against golden files."""

from __future__ import annotations

import copy
import json
import os
from dataclasses import replace
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graph.render.layout import layout_positions
from graph.render.view import (
    EDGE_STYLES,
    LABEL_COLOURS,
    find_node_id,
    nodes_in_result,
    to_view,
)
from loaders.errors import UsageError
from tests.viz_graph import BUILD, viz_graph

GOLDEN = Path(__file__).parent / "golden"
# KG_UPDATE_GOLDEN=1 rewrites the golden files after a deliberate change; review the diff.
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"


def canonical(view: dict) -> str:
    return json.dumps(view, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def check_golden(name: str, view: dict) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(canonical(view), encoding="utf-8")
    assert canonical(view) == path.read_text(encoding="utf-8"), (
        f"{name} changed; rerun with KG_UPDATE_GOLDEN=1 if meant"
    )


@pytest.fixture(scope="module")
def G():
    return viz_graph()


def test_whole_graph_matches_golden(G):
    check_golden("view_all.json", to_view(G, build=BUILD))


def test_focus_view_matches_golden(G):
    check_golden("view_focus_oakridge.json", to_view(G, focus="oakridge hub", depth=1, build=BUILD))


def test_same_graph_gives_the_same_view_and_leaves_the_graph_alone(G):
    before = copy.deepcopy(nx.node_link_data(G, edges="links"))
    assert canonical(to_view(G, build=BUILD)) == canonical(to_view(viz_graph(), build=BUILD))
    assert nx.node_link_data(G, edges="links") == before


def test_documents_and_mentions_are_left_out_unless_asked_for(G):
    view = to_view(G)
    assert {n["label"] for n in view["nodes"]} == {"Person", "Organisation", "Concept", "Place"}
    assert "MENTIONS" not in {e["type"] for e in view["edges"]}
    with_docs = to_view(G, types=["Document", "Organisation"])
    assert {n["label"] for n in with_docs["nodes"]} == {"Document", "Organisation"}
    assert "MENTIONS" in {e["type"] for e in with_docs["edges"]}


def test_focus_keeps_what_lies_within_depth_steps(G):
    one = {n["name"] for n in to_view(G, focus="Oakridge Hub", depth=1)["nodes"]}
    assert one == {"Oakridge Hub", "Fernbank Trust", "Tallow Collective", "Dex Harlan"}
    two = {n["name"] for n in to_view(G, focus="Oakridge Hub", depth=2)["nodes"]}
    assert two == one | {"Mira Quell", "Pell Wexford", "Brackenfield"}
    alone = to_view(G, focus="Oakridge Hub", depth=0)
    assert [n["name"] for n in alone["nodes"]] == ["Oakridge Hub"] and alone["edges"] == []


def test_types_may_name_labels_and_edge_types(G):
    orgs = to_view(G, types=["organisation"])
    assert {n["label"] for n in orgs["nodes"]} == {"Organisation"}
    money = to_view(G, types=["FUNDED"])
    assert {e["type"] for e in money["edges"]} == {"FUNDED"}
    assert {n["name"] for n in money["nodes"]} == {"Fernbank Trust", "Oakridge Hub"}
    with pytest.raises(UsageError, match="unknown type 'Charity'.*Organisation.*PARTNERED_WITH"):
        to_view(G, types=["Charity"])


def test_asking_for_mentions_shows_the_documents_that_make_them(G):
    mentions = [(s, t) for s, t, d in G.edges(data=True) if d["type"] == "MENTIONS"]
    assert mentions  # the made-up graph has some
    view = to_view(G, types=["MENTIONS"])
    assert {e["type"] for e in view["edges"]} == {"MENTIONS"} and len(view["edges"]) == len(mentions)
    assert {n["id"] for n in view["nodes"]} == {n for pair in mentions for n in pair}


def test_nodes_carry_style_tooltip_and_roles(G):
    view = to_view(G)
    mira = next(n for n in view["nodes"] if n["name"] == "Mira Quell")
    assert mira["colour"] == LABEL_COLOURS["Person"]
    assert mira["roles"] == ["chair, Fernbank Trust"]
    assert "Also called: Mira" in mira["tooltip"] and "Roles: chair, Fernbank Trust" in mira["tooltip"]
    hub = next(n for n in view["nodes"] if n["name"] == "Oakridge Hub")
    assert hub["size"] > mira["size"], "the best-connected node is drawn biggest"


def test_edges_carry_style_and_every_piece_of_evidence(G):
    view = to_view(G)
    funded = next(e for e in view["edges"] if e["type"] == "FUNDED")
    assert (funded["colour"], funded["dash"]) == EDGE_STYLES["FUNDED"]
    assert [ev["quote"] for ev in funded["evidence"]] == [
        "Fernbank Trust funds Oakridge Hub",
        "Fernbank Trust funds Oakridge Hub again",
    ]
    assert "\u201cFernbank Trust funds Oakridge Hub again\u201d (papers/summer.txt, Summer update)" in funded["tooltip"]
    located = next(e for e in view["edges"] if e["type"] == "LOCATED_IN")
    assert located["low_confidence"] and "low confidence 0.5" in located["tooltip"]


def test_legend_counts_what_is_shown_in_palette_order(G):
    legend = to_view(G, focus="Oakridge Hub", depth=1)["legend"]
    assert legend["labels"] == [
        {"label": "Organisation", "colour": LABEL_COLOURS["Organisation"], "count": 3},
        {"label": "Person", "colour": LABEL_COLOURS["Person"], "count": 1},
    ]
    assert [(t["key"], t["words"], t["count"]) for t in legend["edges"]] == [
        ("FUNDED:none", "funded, status not stated", 1),
        ("PARTNERED_WITH", "partnered with", 1),
        ("ROLE_AT", "role at", 1),
    ]


def test_meta_says_when_and_from_what(G):
    meta = to_view(G, focus="Oakridge Hub", build=BUILD)["meta"]
    assert meta["title"] == "Network around Oakridge Hub"
    assert (meta["data_as_of"], meta["documents"], meta["sources"]) == ("2031-05-06", 2, ["papers"])
    bare = to_view(G, title="Partners")["meta"]
    assert bare["title"] == "Partners" and bare["data_as_of"] == "unknown"
    assert bare["sources"] == ["papers/spring.txt", "papers/summer.txt"]


def test_document_text_is_kept_verbatim_for_the_renderers_to_escape():
    hostile = "</script><script>window.__pwned=1</script>"
    view = to_view(viz_graph(hostile))
    assert hostile in {n["name"] for n in view["nodes"]}


def test_focus_names_are_resolved_like_kg_show(G):
    assert find_node_id(G, "MIRA") == "person:mira-quell"
    assert find_node_id(G, "person:dex-harlan") == "person:dex-harlan"
    # An exact name beats someone else's alias.
    assert find_node_id(G, "jordan vale") == "person:jordan-vale"
    with pytest.raises(UsageError, match="no entity is called 'Oakridge Hubb'. Did you mean: Oakridge Hub"):
        to_view(G, focus="Oakridge Hubb")


def test_an_ambiguous_focus_lists_the_candidates():
    H = nx.MultiDiGraph()
    H.add_node("person:sol-brook", id="person:sol-brook", label="Person", name="Sol Brook", aliases=["Sol"])
    H.add_node("person:sol-vance", id="person:sol-vance", label="Person", name="Sol Vance", aliases=["Sol"])
    with pytest.raises(
        UsageError, match=r"'Sol' could mean several.*Sol Brook \(Person, id person:sol-brook\).*Sol Vance"
    ):
        find_node_id(H, "Sol")


def test_query_results_pick_nodes_by_record_id_or_id_never_by_name(G):
    rows = [
        ["Tallow Collective", 1, ["organisation:tallow-collective"]],
        [{"_type": "node", "labels": ["Person"], "properties": {"id": "person:dex-harlan"}}],
        [
            {
                "_type": "relationship",
                "type": "ROLE_AT",
                "source": "person:mira-quell",
                "target": "organisation:fernbank-trust",
            }
        ],
        [["place:brackenfield", "nobody at all"]],
        ["Jordan Vale", "Fernbank Trust / Oakridge Hub"],  # names (one of two entities!) and a route: not ids
    ]
    found = nodes_in_result(G, rows, ids=["organisation:oakridge-hub"])
    assert found == [
        "organisation:fernbank-trust",
        "organisation:oakridge-hub",
        "organisation:tallow-collective",
        "person:dex-harlan",
        "person:mira-quell",
        "place:brackenfield",
    ]
    view = to_view(G, nodes=["organisation:oakridge-hub", "organisation:tallow-collective"])
    assert [e["type"] for e in view["edges"]] == ["PARTNERED_WITH"]


def test_types_that_name_edge_types_drop_the_nodes_those_edges_leave_alone(G):
    # Organisations and funding: an organisation that neither funds nor is funded is not drawn
    view = to_view(G, types=["Organisation", "FUNDED"])
    assert {n["name"] for n in view["nodes"]} == {"Fernbank Trust", "Oakridge Hub"}
    # with a focus, the focus stays whatever it is
    alone = to_view(G, focus="Tallow Collective", types=["Organisation", "FUNDED"])
    assert [n["name"] for n in alone["nodes"]] == ["Tallow Collective"]


def test_a_map_of_the_whole_graph_keeps_its_largest_connected_part(G):
    view = to_view(G, largest_part=True)
    names = {n["name"] for n in view["nodes"]}
    assert "Oakridge Hub" in names and not names & {"Jordan Vale", "Jordan Vale Foundation", "listening circles"}
    assert all(n["degree"] > 0 for n in view["nodes"])
    assert view["meta"]["part"] == {"nodes": len(view["nodes"]), "of": len(to_view(G)["nodes"])}
    assert to_view(G, focus="Oakridge Hub", largest_part=True)["meta"]["part"] is None  # a focus says what to draw


def test_the_sources_of_the_facts_drawn_are_dated_by_their_notes():
    from graph.model.assemble import build_graph
    from tests.records_factory import entity, extraction, make_document, relation

    doc = make_document(
        "papers/dated.txt",
        [("Spring 2020", "Ada Brell chairs Quorn Trust."), ("Summer 2021", "Ben Sallow chairs Quorn Trust.")],
    )
    doc = replace(
        doc, sections=(replace(doc.sections[0], date="2020-03-04"), replace(doc.sections[1], date="2021-06-30"))
    )
    x = extraction(
        doc,
        [
            entity(doc, "Person", "Ada Brell"),
            entity(doc, "Organisation", "Quorn Trust"),
            entity(doc, "Person", "Ben Sallow", section=1),
            entity(doc, "Organisation", "Quorn Trust", section=1),
        ],
        [
            relation(
                doc, "ROLE_AT", ("Person", "Ada Brell"), ("Organisation", "Quorn Trust"), "Ada Brell chairs Quorn Trust"
            ),
            relation(
                doc,
                "ROLE_AT",
                ("Person", "Ben Sallow"),
                ("Organisation", "Quorn Trust"),
                "Ben Sallow chairs Quorn Trust",
                section=1,
            ),
        ],
    )
    G = build_graph([doc], [x])
    meta = to_view(G)["meta"]
    assert (meta["source_dates"], meta["undated_sources"]) == (["2020-03-04", "2021-06-30"], 0)
    from graph.render.words import source_dates_text

    assert source_dates_text(meta) == "Sources dated March 2020 - June 2021"
    assert to_view(G, focus="Ben Sallow", depth=1)["meta"]["source_dates"] == ["2021-06-30", "2021-06-30"]


def test_layout_is_seeded_and_fills_the_unit_square(G):
    view = to_view(G)
    pos = layout_positions(view)
    assert pos == layout_positions(to_view(viz_graph()))
    assert set(pos) == {n["id"] for n in view["nodes"]}
    assert max(max(abs(x), abs(y)) for x, y in pos.values()) == pytest.approx(1.0)


def test_large_layouts_are_deterministic():
    import random

    rng = random.Random(3)
    nodes = [{"id": f"n{i}"} for i in range(1500)]
    edges = [{"source": f"n{i}", "target": f"n{rng.randrange(i)}"} for i in range(1, 1500)]
    view = {"nodes": nodes, "edges": edges}
    first = layout_positions(view)
    assert first == layout_positions(view)


def test_nodes_laid_out_at_the_same_point_are_parted():
    from graph.render.layout import _spread

    pos = _spread({"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (1.0, 1.0), "d": (1.0, 1.0), "e": (0.0, 1.0)})
    xy = np.array([pos[n] for n in sorted(pos)])
    assert np.isfinite(xy).all()
    gaps = [np.linalg.norm(xy[i] - xy[j]) for i in range(len(xy)) for j in range(i + 1, len(xy))]
    assert min(gaps) > 0.05  # every pair apart (the span is about 1)
