"""Prepared queries on graph shapes that make their rewrites matter, checked against plain Python.

The built-in queries avoid enumerating paths and anchor on indexed lookups so that they stay
fast on large graphs; these tests pin down that they still mean what they say: on cycles,
hubs, isolated entities, every number of hops, groups that share a name, and meetings that
belong to two cells, each answer equals the one computed from the networkx graph itself.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pytest

from graph.query.prepared import load_library
from graph.query.running import run_query
from graph.query.tables import shown_columns
from graph.stores.graph_rows import to_store_rows
from loaders.errors import UsageError
from loaders.records import EDGE_TYPES, SYMMETRIC
from tests.test_queries import world_graph

LIBRARY = load_library()
P, O, C, M, K, PL, PUB = "Person", "Organisation", "Cell", "Meeting", "Concept", "Place", "Publication"
STEPS = tuple(t for t in EDGE_TYPES if t != "MENTIONS")  # every fact type a step may take


def _nid(label: str, name: str) -> str:
    return f"{label.lower()}:{name.lower().replace(' ', '-')}"


def made_up(
    nodes: list[tuple[str, str]],
    edges: list[tuple[str, tuple[str, str], tuple[str, str]]],
    low: frozenset[int] = frozenset(),
) -> nx.MultiDiGraph:
    """A graph of named nodes and typed edges, each edge with one quote of evidence.

    Edges whose position is in ``low`` are marked low-confidence (0.4).
    """
    G = nx.MultiDiGraph()
    for label, name in nodes:
        G.add_node(_nid(label, name), label=label, name=name, aliases=[])
    for i, (etype, source, target) in enumerate(edges):
        confidence = 0.4 if i in low else 0.9
        G.add_edge(
            _nid(*source),
            _nid(*target),
            key=etype,
            type=etype,
            quotes=[f"quote {i}"],
            documents=["notes.txt"],
            sections=["s"],
            confidences=[confidence],
            confidence=confidence,
            count=1,
            low_confidence=i in low,
        )
    return G


def _write(store, G: nx.MultiDiGraph):
    store.replace_graph(*to_store_rows(G, {"built_at": "test"}))
    return store


def _rows(store, name: str, **params) -> list[list]:
    """The rows as a user sees them (without the hidden ``_ids`` column)."""
    return [list(row) for row in shown_columns(run_query(store, LIBRARY.get(name), params))[1]]


# -- neighbourhood ------------------------------------------------------------------------


def expected_neighbourhood(G: nx.MultiDiGraph, start: str, hops: int) -> list[list]:
    """Rows of the neighbourhood query computed with a breadth-first search in networkx."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from((s, t) for s, t, data in G.edges(data=True) if data["type"] in STEPS)
    within = nx.single_source_shortest_path_length(U, start, cutoff=max(0, min(hops, 3)))
    rows = [[G.nodes[n]["name"], G.nodes[n]["label"], d] for n, d in within.items() if n != start]
    return sorted(rows, key=lambda r: (r[2], r[1], r[0]))


# A ring of five with a chord and a tail: paths of three steps come back to where they began,
# and two routes of different length reach the same node.
RING_NODES = [
    (P, "Ines Rook"),
    (M, "Spring Meet"),
    (P, "Otto Vane"),
    (O, "Gull Works"),
    (P, "Uma Petrel"),
    (O, "Tern House"),
    (K, "slow money"),
    (PL, "Skerry"),
]
RING_EDGES = [
    ("SPOKE_AT", (P, "Ines Rook"), (M, "Spring Meet")),
    ("CHAIRED", (P, "Otto Vane"), (M, "Spring Meet")),
    ("ROLE_AT", (P, "Otto Vane"), (O, "Gull Works")),
    ("ROLE_AT", (P, "Uma Petrel"), (O, "Gull Works")),
    ("MEMBER_OF", (P, "Uma Petrel"), (O, "Tern House")),
    ("ROLE_AT", (P, "Ines Rook"), (O, "Tern House")),
    ("PARTNERED_WITH", (O, "Gull Works"), (O, "Tern House")),
    ("DISCUSSED", (M, "Spring Meet"), (K, "slow money")),
]


def test_neighbourhood_equals_a_breadth_first_search_for_every_entity_and_hops(store):
    G, _ = world_graph()
    _write(store, G)
    entities = sorted(n for n, data in G.nodes(data=True) if data["label"] != "Document")
    for nid in entities:
        for hops in (1, 2, 3):
            assert _rows(store, "neighbourhood", entity=nid, hops=hops) == expected_neighbourhood(G, nid, hops), (
                nid,
                hops,
            )


def test_neighbourhood_on_a_ring_counts_the_shortest_way_round(store):
    G = made_up(RING_NODES, RING_EDGES)
    _write(store, G)
    assert _rows(store, "neighbourhood", entity="Ines Rook", hops=3) == [
        ["Spring Meet", "Meeting", 1],
        ["Tern House", "Organisation", 1],
        ["slow money", "Concept", 2],
        ["Gull Works", "Organisation", 2],
        ["Otto Vane", "Person", 2],
        ["Uma Petrel", "Person", 2],
    ]
    for hops in (1, 2, 3):
        for label, name in RING_NODES:
            nid = _nid(label, name)
            assert _rows(store, "neighbourhood", entity=nid, hops=hops) == expected_neighbourhood(G, nid, hops)


def test_an_entity_with_no_neighbours_has_an_empty_neighbourhood(store):
    _write(store, made_up(RING_NODES, RING_EDGES))
    for hops in (1, 3):
        assert _rows(store, "neighbourhood", entity="Skerry", hops=hops) == []


def test_neighbourhood_hops_outside_one_to_three(store):
    _write(store, made_up(RING_NODES, RING_EDGES))
    for hops in (0, 7):
        with pytest.raises(UsageError, match="from 1 to 3"):
            _rows(store, "neighbourhood", entity="Ines Rook", hops=hops)
    # The Cypher itself, run with values bound by hand (as from Neo4j's browser), answers nothing
    # for 0 and goes at most three steps.
    text, rook = LIBRARY.get("neighbourhood").text, _nid(P, "Ines Rook")
    assert store.run(text, {"entity": rook, "hops": 0}).rows == ()
    assert store.run(text, {"entity": rook, "hops": 7}).rows == store.run(text, {"entity": rook, "hops": 3}).rows


# -- bridges ------------------------------------------------------------------------------

LINKS = ("SPOKE_AT", "CHAIRED", "ATTENDED", "LEADS", "ROLE_AT", "MEMBER_OF")


def expected_bridges(G: nx.MultiDiGraph, least: int) -> list[list]:
    """Rows of the bridges query computed in Python: a meeting counts as its cells."""
    groups: dict[str, set[str]] = defaultdict(set)
    for p, x, data in G.edges(data=True):
        if G.nodes[p]["label"] != "Person" or data["type"] not in LINKS:
            continue
        cells = [c for _, c, d in G.out_edges(x, data=True) if d["type"] == "PART_OF" and G.nodes[c]["label"] == "Cell"]
        for g in cells or [x]:
            if G.nodes[g]["label"] in ("Cell", "Organisation"):
                groups[p].add(g)
    rows = [
        [G.nodes[p]["name"], len(gs), sorted({G.nodes[g]["name"] for g in gs})]
        for p, gs in groups.items()
        if len(gs) >= least
    ]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def test_bridges_equals_python_on_the_made_up_world(store):
    G, _ = world_graph()
    _write(store, G)
    for least in (0, 1, 2, 3, 4, 5):
        assert _rows(store, "bridges", min=least) == expected_bridges(G, least), least
    # whole numbers, as a table shows them (FalkorDB's sum() gives a decimal: 8.0)
    assert {type(links) for _, links, _ in _rows(store, "bridges", min=0)} == {int}


def test_bridges_counts_each_group_once_and_a_meeting_as_each_of_its_cells(store):
    G = made_up(
        [
            (P, "Ada Quill"),
            (P, "Bo Stave"),
            (C, "Harbour"),
            (O, "Harbour"),
            (C, "Kiln"),
            (M, "Joint Session"),
            (M, "Kiln Session"),
            (O, "Ropewalk Trust"),
        ],
        [
            # Ada leads the Kiln cell, speaks at and chairs its session: Kiln counts once.
            ("LEADS", (P, "Ada Quill"), (C, "Kiln")),
            ("SPOKE_AT", (P, "Ada Quill"), (M, "Kiln Session")),
            ("CHAIRED", (P, "Ada Quill"), (M, "Kiln Session")),
            ("PART_OF", (M, "Kiln Session"), (C, "Kiln")),
            # A session of two cells links Bo to both.
            ("SPOKE_AT", (P, "Bo Stave"), (M, "Joint Session")),
            ("PART_OF", (M, "Joint Session"), (C, "Harbour")),
            ("PART_OF", (M, "Joint Session"), (C, "Kiln")),
            # A cell and an organisation with one name: two links, one name in the list.
            ("ROLE_AT", (P, "Bo Stave"), (O, "Harbour")),
            ("MEMBER_OF", (P, "Ada Quill"), (O, "Ropewalk Trust")),
        ],
    )
    _write(store, G)
    assert _rows(store, "bridges", min=1) == [
        ["Bo Stave", 3, ["Harbour", "Kiln"]],
        ["Ada Quill", 2, ["Kiln", "Ropewalk Trust"]],
    ]
    assert _rows(store, "bridges", min=1) == expected_bridges(G, 1)


def test_bridges_weighs_each_person_by_the_groups_they_link_among_namesakes(store):
    # Three groups called Tidewater; each person links a different subset of them.
    G = made_up(
        [
            (P, "Dee Marl"),
            (P, "Eli Sward"),
            (P, "Fay Holm"),
            (C, "Tidewater"),
            (O, "Tidewater"),
            (M, "Tidewater Meet"),
            (O, "Flint Works"),
        ],
        [
            ("ROLE_AT", (P, "Dee Marl"), (O, "Tidewater")),
            ("LEADS", (P, "Dee Marl"), (C, "Tidewater")),
            ("SPOKE_AT", (P, "Eli Sward"), (M, "Tidewater Meet")),
            ("ROLE_AT", (P, "Eli Sward"), (O, "Flint Works")),
            ("MEMBER_OF", (P, "Fay Holm"), (O, "Tidewater")),
        ],
    )
    G.add_node("organisation:tidewater-2", label=O, name="Tidewater", aliases=[])
    G.add_edge(
        "person:fay-holm",
        "organisation:tidewater-2",
        key="ROLE_AT",
        type="ROLE_AT",
        quotes=["q"],
        documents=["notes.txt"],
        sections=["s"],
        confidences=[0.9],
        confidence=0.9,
        count=1,
        low_confidence=False,
    )
    _write(store, G)
    for least in (1, 2, 3):
        assert _rows(store, "bridges", min=least) == expected_bridges(G, least), least
    assert _rows(store, "bridges", min=1) == [
        ["Dee Marl", 2, ["Tidewater"]],
        ["Fay Holm", 2, ["Tidewater"]],
        ["Eli Sward", 1, ["Flint Works"]],
    ]


def test_an_organisation_that_is_part_of_a_cell_counts_as_that_cell(store):
    G = made_up(
        [(P, "Cy Loom"), (O, "Weir Group"), (C, "Weir"), (O, "Mill Fund")],
        [
            ("ROLE_AT", (P, "Cy Loom"), (O, "Weir Group")),
            ("PART_OF", (O, "Weir Group"), (C, "Weir")),
            ("ROLE_AT", (P, "Cy Loom"), (O, "Mill Fund")),
        ],
    )
    _write(store, G)
    assert _rows(store, "bridges", min=1) == [["Cy Loom", 2, ["Mill Fund", "Weir"]]] == expected_bridges(G, 1)


# -- the other rewritten queries ----------------------------------------------------------


def _facts(G: nx.MultiDiGraph):
    """Every edge but MENTIONS, as (source, target, data)."""
    return [(s, t, d) for s, t, d in G.edges(data=True) if d["type"] != "MENTIONS"]


def _name(G: nx.MultiDiGraph, nid: str) -> str:
    return G.nodes[nid]["name"]


def test_most_connected_counts_distinct_neighbours_but_not_documents(store):
    G, _ = world_graph()
    _write(store, G)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for s, t, _ in _facts(G):
        for o, x in ((s, t), (t, s)):
            if G.nodes[o]["label"] == "Organisation":
                neighbours[o].add(x)
    expected = sorted(([_name(G, o), len(xs)] for o, xs in neighbours.items()), key=lambda r: (-r[1], r[0]))
    assert _rows(store, "most-connected", limit=100) == expected
    assert _rows(store, "most-connected", limit=2) == expected[:2]
    # The mentions of every organisation are in the graph; they are not connections.
    assert any(d["type"] == "MENTIONS" and G.nodes[t]["label"] == "Organisation" for _, t, d in G.edges(data=True))


def test_cell_meetings_lists_speakers_and_chairs_each_once(store):
    G = made_up(
        [(C, "Loom"), (M, "Loom One"), (M, "Loom Two"), (P, "Ida Wick"), (P, "Abe Stile"), (P, "Zed Heald")],
        [
            ("PART_OF", (M, "Loom One"), (C, "Loom")),
            ("PART_OF", (M, "Loom Two"), (C, "Loom")),
            ("SPOKE_AT", (P, "Zed Heald"), (M, "Loom One")),
            ("CHAIRED", (P, "Zed Heald"), (M, "Loom One")),
            ("SPOKE_AT", (P, "Ida Wick"), (M, "Loom One")),
            ("CHAIRED", (P, "Abe Stile"), (M, "Loom One")),
            ("ATTENDED", (P, "Ida Wick"), (M, "Loom One")),
        ],
    )
    _write(store, G)
    assert _rows(store, "cell-meetings", cell="Loom") == [
        ["Loom", "Loom One", "", ["Ida Wick", "Zed Heald"], ["Abe Stile", "Zed Heald"], ["Ida Wick"]],
        ["Loom", "Loom Two", "", [], [], []],
    ]


def test_low_confidence_lists_exactly_the_weak_facts(store):
    G = made_up(RING_NODES, RING_EDGES, low=frozenset({1, 4, 7}))
    _write(store, G)
    expected = sorted(
        (
            [
                _name(G, s),
                d["type"],
                _name(G, t),
                d["confidence"],
                d["quotes"],
                [f"{doc} § {sec or ''}" for doc, sec in zip(d["documents"], d["sections"], strict=True)],
            ]
            for s, t, d in _facts(G)
            if d["low_confidence"]
        ),
        key=lambda r: (r[3], r[0], r[1], r[2]),
    )
    assert len(expected) == 3
    assert _rows(store, "low-confidence") == expected


def test_low_confidence_is_answered_from_an_index_per_fact_type_filled_by_the_bulk_load(store):
    G = made_up(RING_NODES, RING_EDGES, low=frozenset({0, 2, 6}))
    G.add_edge(
        "meeting:spring-meet", "concept:slow-money", key="MENTIONS", type="MENTIONS", count=1, low_confidence=True
    )
    store.replace_graph(*to_store_rows(G, {"built_at": "test"}), batch_size=2)  # many bulk calls
    indexed = store.run(
        "CALL db.indexes() YIELD label, properties, entitytype WHERE entitytype = 'RELATIONSHIP' "
        "RETURN label, properties ORDER BY label"
    ).rows
    # every fact type, those the graph lacks too (a lookup of a type without one reads every node)
    fact_types = sorted(set(EDGE_TYPES) - {"MENTIONS"})
    assert {d["type"] for _, _, d in _facts(G)} < set(fact_types)
    assert [label for label, props in indexed if props == ["low_confidence"]] == fact_types
    assert [(r[0], r[1], r[2]) for r in _rows(store, "low-confidence")] == [
        ("Gull Works", "PARTNERED_WITH", "Tern House"),
        ("Ines Rook", "SPOKE_AT", "Spring Meet"),
        ("Otto Vane", "ROLE_AT", "Gull Works"),
    ]


def expected_concept_network(G: nx.MultiDiGraph, concept: str) -> list[list]:
    """Rows of concept-network from the graph: per person or organisation, the notes it shares."""
    notes = {s for s, t, d in G.edges(data=True) if d["type"] == "MENTIONS" and t == concept}
    shared: dict[str, set[str]] = defaultdict(set)
    for s, t, d in G.edges(data=True):
        if d["type"] == "MENTIONS" and s in notes and G.nodes[t]["label"] in (P, O):
            shared[t].add(s)
    rows = [[_name(G, x), G.nodes[x]["label"], len(docs)] for x, docs in shared.items()]
    return sorted(rows, key=lambda r: (-r[2], r[1], r[0]))


def test_concept_network_equals_python_for_every_concept_and_keeps_namesakes_apart(store):
    G, _ = world_graph()
    # Two distinct organisations with one name (one kept under the id it had before it was
    # relabelled), both named in the notes that name a concept: each is its own entity.
    concepts = sorted(n for n, d in G.nodes(data=True) if d["label"] == K)
    doc = next(s for s, t, d in G.edges(data=True) if d["type"] == "MENTIONS" and t == concepts[0])
    for nid in ("organisation:quillon", "cell:quillon"):
        G.add_node(nid, label=O, name="Quillon", aliases=[])
        G.add_edge(doc, nid, key="MENTIONS", type="MENTIONS", count=1, low_confidence=False)
    _write(store, G)
    for concept in concepts:
        assert _rows(store, "concept-network", concept=concept) == expected_concept_network(G, concept), concept
    assert [r for r in _rows(store, "concept-network", concept=concepts[0]) if r[0] == "Quillon"] == [
        ["Quillon", O, 1],
        ["Quillon", O, 1],
    ]


def test_spoke_alongside_equals_python_on_the_made_up_world(store):
    G, _ = world_graph()
    _write(store, G)
    spoke = defaultdict(set)
    for s, t, d in _facts(G):
        if d["type"] == "SPOKE_AT":
            spoke[s].add(t)
    for person in spoke:
        together: dict[str, set[str]] = defaultdict(set)
        for other, meetings in spoke.items():
            for m in meetings & spoke[person] if other != person else ():
                together[_name(G, other)].add(_name(G, m))
        expected = sorted(([q, len(ms), sorted(ms)] for q, ms in together.items()), key=lambda r: (-r[1], r[0]))
        assert _rows(store, "spoke-alongside", person=person) == expected, person


def test_about_finds_an_entity_of_every_label_by_its_id(store):
    G, _ = world_graph()
    _write(store, G)
    entities = [n for n, d in G.nodes(data=True) if d["label"] != "Document"]
    assert {G.nodes[n]["label"] for n in entities} == {P, O, C, M, K, PL, PUB}
    for nid in entities:
        expected = []
        for s, t, d in _facts(G):
            if nid in (s, t):
                other = t if s == nid else s
                for quote, document, section in zip(d["quotes"], d["documents"], d["sections"], strict=True):
                    direction = "with" if d["type"] in SYMMETRIC else "to" if s == nid else "from"
                    expected.append(
                        [d["type"], direction, _name(G, other), G.nodes[other]["label"], quote, document, section]
                    )
        rows = _rows(store, "about", entity=nid)
        assert sorted(rows) == sorted(expected), nid
        assert rows == sorted(rows, key=lambda r: (r[0], r[2], r[5], r[6], r[4]))


def test_two_entity_queries_find_both_ends_whatever_their_labels(store):
    G, _ = world_graph()
    _write(store, G)
    assert _rows(store, "connection", first="Dunmore", second="deep listening") == [
        [
            "Dunmore / Ember Cell 1 / deep listening",
            2,
            [
                'Ember Cell 1 LOCATED_IN Dunmore: "in Dunmore" (notes/ember-notes.txt)',
                'Ember Cell 1 DISCUSSED deep listening: "Tobias talked about deep listening" (notes/ember-notes.txt)',
            ],
        ]
    ]
    assert _rows(store, "mentioned-together", first="The Quiet Room", second="Westmoor") == [
        ["papers/grants.txt", "Grants review", 1, 1]
    ]


def test_an_id_whose_label_prefix_is_not_its_label_still_binds(store):
    from graph.query.running import bind_params

    G = made_up(RING_NODES, RING_EDGES)
    # A node kept under its first id after being relabelled (its id still says organisation).
    G.add_node("organisation:old-quay", label="Cell", name="Old Quay", aliases=[])
    G.add_edge(
        "person:ines-rook",
        "organisation:old-quay",
        key="LEADS",
        type="LEADS",
        quotes=["q"],
        documents=["notes.txt"],
        sections=["s"],
        confidences=[0.9],
        confidence=0.9,
        count=1,
        low_confidence=False,
    )
    _write(store, G)
    about = LIBRARY.get("about")
    assert bind_params(about, {"entity": "organisation:old-quay"}, store) == {"entity": "organisation:old-quay"}
    assert bind_params(about, {"entity": "old quay"}, store) == {"entity": "organisation:old-quay"}
    assert _rows(store, "about", entity="organisation:old-quay") == [
        ["LEADS", "from", "Ines Rook", "Person", "q", "notes.txt", "s"]
    ]
    assert ["Old Quay", "Cell", 1] in _rows(store, "neighbourhood", entity="Ines Rook", hops=1)
