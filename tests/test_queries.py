"""Prepared queries: parsing, parameter checks, and every built-in query on a made-up graph."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from graph.builder.run import build
from graph.model.assemble import build_graph
from graph.query.lookup import find_entity
from graph.query.prepared import ENV_QUERIES, load_library, parse_query, query_dirs, used_params
from graph.query.running import bind_params, run_query
from graph.query.tables import shown_columns
from graph.stores import FalkorStore
from graph.stores.graph_rows import to_store_rows
from loaders.errors import QueryError, UsageError
from queries import BUILTIN_DIR
from tests.records_factory import entity, extraction, make_document, relation

P, O, C, M, K, PL, PUB = "Person", "Organisation", "Cell", "Meeting", "Concept", "Place", "Publication"


def world_graph():
    """A small made-up foundation world: two cells, three meetings, three organisations, funding."""
    notes = make_document(
        "notes/ember-notes.txt",
        [
            (
                "Ember Cell 1",
                "The Ember cell met on 4 March 2021 in Dunmore. Mira Castell chaired the session. "
                "Our first speaker was Tobias Wren, chief executive of Harbourlight Trust. "
                "Tobias talked about deep listening. Harbourlight Trust works in partnership with Saltmarsh Collective.",
            ),
            (
                "Ember Cell 2",
                "The Ember cell met again on 9 June 2021. Tobias Wren chaired. "
                "Priya Anand from Saltmarsh Collective spoke about deep listening and shared budgets. "
                "Tobias Wren also spoke. Priya Anand leads the Ember cell. Mira Castell attended.",
            ),
            (
                "Bramble Cell 1",
                "The Bramble cell met on 2 February 2021. Priya Anand spoke about shared budgets. "
                "Joss Kettle of Fernleaf Foundation spoke too.",
            ),
        ],
    )
    ember1 = [
        entity(notes, C, "Ember", 0),
        entity(notes, M, "Ember Cell 1", 0, attrs=(("date", "2021-03-04"),)),
        entity(notes, PL, "Dunmore", 0),
        entity(notes, P, "Mira Castell", 0),
        entity(notes, P, "Tobias Wren", 0, aliases=("Tobias",)),
        entity(notes, O, "Harbourlight Trust", 0),
        entity(notes, O, "Saltmarsh Collective", 0),
        entity(notes, K, "deep listening", 0, attrs=(("salience", "core"),)),
    ]
    ember2 = [
        entity(notes, C, "Ember", 1),
        entity(notes, M, "Ember Cell 2", 1, attrs=(("date", "2021-06-09"),)),
        entity(notes, P, "Tobias Wren", 1),
        entity(notes, P, "Priya Anand", 1),
        entity(notes, O, "Saltmarsh Collective", 1),
        entity(notes, K, "deep listening", 1),
        entity(notes, K, "shared budgets", 1),
        entity(notes, P, "Mira Castell", 1),
    ]
    bramble = [
        entity(notes, C, "Bramble", 2),
        entity(notes, M, "Bramble Cell 1", 2, attrs=(("date", "2021-02-02"),)),
        entity(notes, P, "Priya Anand", 2),
        entity(notes, P, "Joss Kettle", 2),
        entity(notes, O, "Fernleaf Foundation", 2),
        entity(notes, K, "shared budgets", 2),
    ]
    rel = relation
    notes_rels = [
        rel(notes, "PART_OF", (M, "Ember Cell 1"), (C, "Ember"), "The Ember cell met on 4 March 2021"),
        rel(notes, "LOCATED_IN", (M, "Ember Cell 1"), (PL, "Dunmore"), "in Dunmore"),
        rel(notes, "CHAIRED", (P, "Mira Castell"), (M, "Ember Cell 1"), "Mira Castell chaired the session"),
        rel(notes, "SPOKE_AT", (P, "Tobias Wren"), (M, "Ember Cell 1"), "Our first speaker was Tobias Wren"),
        rel(
            notes,
            "ROLE_AT",
            (P, "Tobias Wren"),
            (O, "Harbourlight Trust"),
            "Tobias Wren, chief executive of Harbourlight Trust",
            attrs=(("title", "chief executive"),),
        ),
        rel(notes, "DISCUSSED", (M, "Ember Cell 1"), (K, "deep listening"), "Tobias talked about deep listening"),
        rel(
            notes,
            "PARTNERED_WITH",
            (O, "Harbourlight Trust"),
            (O, "Saltmarsh Collective"),
            "Harbourlight Trust works in partnership with Saltmarsh Collective",
        ),
        rel(notes, "PART_OF", (M, "Ember Cell 2"), (C, "Ember"), "The Ember cell met again", section=1),
        rel(notes, "CHAIRED", (P, "Tobias Wren"), (M, "Ember Cell 2"), "Tobias Wren chaired", section=1),
        rel(
            notes,
            "SPOKE_AT",
            (P, "Priya Anand"),
            (M, "Ember Cell 2"),
            "Priya Anand from Saltmarsh Collective spoke",
            section=1,
        ),
        rel(notes, "SPOKE_AT", (P, "Tobias Wren"), (M, "Ember Cell 2"), "Tobias Wren also spoke", section=1),
        rel(
            notes,
            "ROLE_AT",
            (P, "Priya Anand"),
            (O, "Saltmarsh Collective"),
            "Priya Anand from Saltmarsh Collective",
            section=1,
        ),
        rel(notes, "DISCUSSED", (M, "Ember Cell 2"), (K, "deep listening"), "spoke about deep listening", section=1),
        rel(
            notes,
            "DISCUSSED",
            (M, "Ember Cell 2"),
            (K, "shared budgets"),
            "deep listening and shared budgets",
            section=1,
        ),
        rel(notes, "LEADS", (P, "Priya Anand"), (C, "Ember"), "Priya Anand leads the Ember cell", section=1),
        rel(notes, "ATTENDED", (P, "Mira Castell"), (M, "Ember Cell 2"), "Mira Castell attended", section=1),
        rel(notes, "PART_OF", (M, "Bramble Cell 1"), (C, "Bramble"), "The Bramble cell met", section=2),
        rel(
            notes,
            "SPOKE_AT",
            (P, "Priya Anand"),
            (M, "Bramble Cell 1"),
            "Priya Anand spoke about shared budgets",
            section=2,
        ),
        rel(
            notes,
            "SPOKE_AT",
            (P, "Joss Kettle"),
            (M, "Bramble Cell 1"),
            "Joss Kettle of Fernleaf Foundation spoke",
            section=2,
        ),
        rel(
            notes,
            "ROLE_AT",
            (P, "Joss Kettle"),
            (O, "Fernleaf Foundation"),
            "Joss Kettle of Fernleaf Foundation",
            section=2,
        ),
        rel(notes, "DISCUSSED", (M, "Bramble Cell 1"), (K, "shared budgets"), "spoke about shared budgets", section=2),
    ]
    grants = make_document(
        "papers/grants.txt",
        [
            (
                "Grants review",
                "Fernleaf Foundation (FF) funded Harbourlight Trust until 2020, when the grant ended. "
                "Fernleaf Foundation also funds Saltmarsh Collective. Priya Anand is a board member of Fernleaf Foundation. "
                "Harbourlight Trust published The Quiet Room. Tobias, a volunteer at Saltmarsh Collective, helped. "
                "The next review will be held in Westmoor.",
            )
        ],
    )
    grants_ents = [
        entity(grants, O, "Fernleaf Foundation", aliases=("FF",)),
        entity(grants, O, "Harbourlight Trust"),
        entity(grants, O, "Saltmarsh Collective"),
        entity(grants, P, "Priya Anand"),
        entity(grants, PUB, "The Quiet Room"),
        entity(grants, P, "Tobias Marsh", aliases=("Tobias",)),
        entity(grants, PL, "Westmoor"),
    ]
    grants_rels = [
        rel(
            grants,
            "FUNDED",
            (O, "Fernleaf Foundation"),
            (O, "Harbourlight Trust"),
            "Fernleaf Foundation (FF) funded Harbourlight Trust until 2020, when the grant ended",
            attrs=(("status", "ended"),),
        ),
        rel(
            grants,
            "FUNDED",
            (O, "Fernleaf Foundation"),
            (O, "Saltmarsh Collective"),
            "Fernleaf Foundation also funds Saltmarsh Collective",
        ),
        rel(
            grants,
            "ROLE_AT",
            (P, "Priya Anand"),
            (O, "Fernleaf Foundation"),
            "Priya Anand is a board member of Fernleaf Foundation",
            attrs=(("title", "board member"),),
        ),
        rel(
            grants,
            "AUTHORED",
            (O, "Harbourlight Trust"),
            (PUB, "The Quiet Room"),
            "Harbourlight Trust published The Quiet Room",
        ),
        rel(
            grants,
            "ROLE_AT",
            (P, "Tobias Marsh"),
            (O, "Saltmarsh Collective"),
            "Tobias, a volunteer at Saltmarsh Collective",
            attrs=(("title", "volunteer"),),
            confidence=0.5,
        ),
    ]
    docs = [notes, grants]
    xs = [extraction(notes, ember1 + ember2 + bramble, notes_rels), extraction(grants, grants_ents, grants_rels)]
    return build_graph(docs, xs), docs


@pytest.fixture
def world(store):
    """The made-up world written to a fresh store."""
    G, _ = world_graph()
    store.replace_graph(*to_store_rows(G, {"built_at": "test"}))
    return store


# -- reading query files ------------------------------------------------------------------

LIBRARY = load_library()

HEADER = "// name: {name}\n// description: Made up for a test.\n{params}"


def make_query(name: str = "q", params: str = "", body: str = "RETURN 1 AS one") -> str:
    return HEADER.format(name=name, params=params) + body + "\n"


def test_parameters_are_found_outside_comments_and_strings():
    text = (
        "// params: $not_this\nMATCH (n {id: $who}) /* nor $that */\n"
        "WHERE n.note <> 'costs $5' AND n.x <> \"$quoted\" AND n.`$odd` = $limit\nRETURN n"
    )
    assert used_params(text) == ("limit", "who")


def test_a_header_is_read_with_types_defaults_and_optional_params():
    q = parse_query(
        make_query(
            params="// params: who (entity) the person\n// params: n (int, default 3) how many\n"
            "// params: area (text, optional) where\n// example: kg query run q -p who X\n",
            body="MATCH (a {id: $who}) WHERE $area IS NULL RETURN a LIMIT $n",
        ),
        Path("q.cypher"),
    )
    assert [(p.name, p.type, p.required, p.default) for p in q.params] == [
        ("who", "entity", True, None),
        ("n", "int", False, 3),
        ("area", "text", False, None),
    ]
    assert q.examples == ("kg query run q -p who X",)
    assert q.param("n").describe() == "n (int, default 3) how many"


@pytest.mark.parametrize(
    "text, message",
    [
        ("// description: no name\nRETURN 1", "name"),
        ("// name: q\nRETURN 1", "description"),
        (make_query(body="RETURN $x"), "does not declare"),
        (make_query(params="// params: x (int) a number\n"), "never uses"),
        (make_query(params="// params: x (colour) a colour\n", body="RETURN $x"), "unknown type 'colour'"),
        (make_query(params="// params: x int a number\n", body="RETURN $x"), "cannot read"),
        (make_query(params="// params: x (int, default many) a number\n", body="RETURN $x"), "not a int"),
    ],
)
def test_a_header_that_disagrees_with_the_query_is_refused_at_load_time(text, message):
    with pytest.raises(QueryError, match=message) as info:
        parse_query(text, Path("mine/bad.cypher"))
    assert "mine/bad.cypher" in str(info.value)


def test_there_are_at_least_fifteen_built_in_queries_each_fully_described():
    builtin = [q for q in LIBRARY.queries.values() if q.builtin]
    assert len(builtin) >= 15
    for q in builtin:
        assert q.path.stem == q.name
        assert q.description.endswith(".")
        assert q.examples, f"{q.name} has no example"
        for example in q.examples:
            words = shlex.split(example)
            assert words[:4] == ["kg", "query", "run", q.name]
            given = {words[i + 1] for i, w in enumerate(words) if w == "-p"}
            assert given <= {p.name for p in q.params}
            assert {p.name for p in q.params if p.required} <= given


def test_user_queries_appear_beside_built_ins_and_clashes_are_reported(tmp_path):
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir(), theirs.mkdir()
    (mine / "my-count.cypher").write_text(make_query("my-count"), encoding="utf-8")
    (mine / "timeline.cypher").write_text(make_query("timeline"), encoding="utf-8")
    (theirs / "copy.cypher").write_text(make_query("my-count"), encoding="utf-8")
    lib = load_library(query_dirs([mine], env={ENV_QUERIES: str(theirs)}))
    assert "my-count" in lib.names() and "partners-of" in lib.names()
    assert not lib.get("my-count").builtin
    assert lib.get("timeline").path == BUILTIN_DIR / "timeline.cypher"
    assert [(c.name, c.ignored) for c in lib.clashes] == [
        ("timeline", mine / "timeline.cypher"),
        ("my-count", theirs / "copy.cypher"),
    ]
    assert "rename" in lib.clashes[0].message()


def test_a_broken_query_file_is_left_out_and_the_rest_still_load(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "fine.cypher").write_text(make_query("fine"), encoding="utf-8")
    (mine / "windows.cypher").write_text(make_query("windows"), encoding="utf-8-sig")  # a byte-order mark
    (mine / "broken.cypher").write_text(make_query("broken", body="MATCH (n {id: $who}) RETURN n"), encoding="utf-8")
    (mine / "binary.cypher").write_bytes(b"\xff\xfe\x00garbage")
    lib = load_library([mine])
    assert {"fine", "windows", "timeline"} <= set(lib.names()) and "broken" not in lib.names()
    assert [u.path.name for u in lib.unreadable] == ["binary.cypher", "broken.cypher"]
    assert "$who" in lib.unreadable[1].message() and str(mine / "broken.cypher") in lib.unreadable[1].message()


def test_query_dirs_come_from_option_then_environment_without_repeats(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert query_dirs([a], env={ENV_QUERIES: f"{b}{os.pathsep}{a}"}) == [a, b]
    assert query_dirs([], env={}) == []


def test_a_missing_query_folder_or_unknown_query_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        load_library([tmp_path / "nowhere"])
    with pytest.raises(UsageError, match="partners-of"):
        LIBRARY.get("partners")


# -- binding parameters -------------------------------------------------------------------


def test_unknown_and_missing_parameters_list_what_is_expected():
    q = LIBRARY.get("neighbourhood")
    with pytest.raises(UsageError, match=r"no parameter depth.*entity \(entity\).*hops \(int, default 2, 1 to 3\)"):
        bind_params(q, {"entity": "x", "depth": "2"})
    with pytest.raises(UsageError, match=r"needs entity.*expected"):
        bind_params(q, {"hops": "2"})
    with pytest.raises(UsageError, match=r"must be int, not 'two' \(give a whole number, such as 3\)"):
        bind_params(q, {"entity": "x", "hops": "two"}, store=None)


def test_values_are_converted_and_defaults_filled_in(world):
    q = LIBRARY.get("neighbourhood")
    assert bind_params(q, {"entity": "TOBIAS WREN"}, world) == {"entity": "person:tobias-wren", "hops": 2}
    assert bind_params(q, {"entity": "place:dunmore", "hops": "3"}, world) == {"entity": "place:dunmore", "hops": 3}


def test_entity_names_resolve_through_aliases_case_insensitively(world):
    q = LIBRARY.get("funders-of")
    assert bind_params(q, {"organisation": "ff"}, world) == {"organisation": "organisation:fernleaf-foundation"}


def test_names_are_matched_in_the_case_the_store_folds_them_and_namesakes_need_the_id(store):
    people = [
        ("person:ilkay", "Person", "İlkay Gündoğan"),
        ("concept:cl-1", "Concept", "Collaborative leadership"),
        ("concept:cl-2", "Concept", "collaborative leadership"),
        ("person:nameless", "Person", None),
    ]
    store.replace_graph(
        [{"id": i, "label": lab, "props": {"name": n, "aliases": ["CL"] if n is None else []}} for i, lab, n in people],
        [],
    )
    # Python's lower() makes two letters of "İ", Cypher's toLower() one: the store compares both sides
    assert find_entity(store, "İlkay Gündoğan")["id"] == "person:ilkay"
    assert find_entity(store, "İLKAY GÜNDOĞAN")["id"] == "person:ilkay"
    with pytest.raises(UsageError, match=r"could mean several.*Use the id\.$"):
        find_entity(store, "COLLABORATIVE LEADERSHIP")
    # an entity without a name (made with kg cypher --write) is still found by its alias
    assert find_entity(store, "cl")["id"] == "person:nameless"


def test_an_ambiguous_name_lists_the_candidates(world):
    with pytest.raises(UsageError, match="Tobias Marsh.*Tobias Wren"):
        bind_params(LIBRARY.get("about"), {"entity": "tobias"}, world)


def test_an_unknown_name_is_a_usage_error(world):
    with pytest.raises(UsageError, match="no entity is called 'Nobody Atall'"):
        run_query(world, LIBRARY.get("about"), {"entity": "Nobody Atall"})


def test_prepared_queries_run_read_only(world, tmp_path):
    (tmp_path / "wipe.cypher").write_text(make_query("wipe", body="MATCH (n) DETACH DELETE n"), encoding="utf-8")
    wipe = load_library([tmp_path]).get("wipe")
    with pytest.raises(QueryError, match=r"query 'wipe' would change the graph.*kg cypher --write"):
        run_query(world, wipe)
    assert world.run("MATCH (n:Person) RETURN count(n)").rows == ((5,),)


def test_a_value_with_cypher_in_it_stays_a_value(world):
    result = run_query(world, LIBRARY.get("about"), {"entity": "person:tobias-wren"})
    assert result.rows
    with pytest.raises(UsageError):
        run_query(world, LIBRARY.get("about"), {"entity": "x'}) MATCH (n) DETACH DELETE n //"})
    assert world.run("MATCH (n:Person) RETURN count(n)").rows == ((5,),)


# -- every built-in query on the made-up world --------------------------------------------

NOTES, GRANTS = "notes/ember-notes.txt", "papers/grants.txt"
EXPECTED = {
    ("partners-of", (("organisation", "Saltmarsh Collective"),)): [
        (
            "Harbourlight Trust",
            1,
            ["Harbourlight Trust works in partnership with Saltmarsh Collective"],
            [f"{NOTES} § Ember Cell 1"],
        )
    ],
    ("funding", ()): [
        (
            "Fernleaf Foundation",
            "Harbourlight Trust",
            "ended",
            ["Fernleaf Foundation (FF) funded Harbourlight Trust until 2020, when the grant ended"],
            [f"{GRANTS} § Grants review"],
        ),
        (
            "Fernleaf Foundation",
            "Saltmarsh Collective",
            "not stated",
            ["Fernleaf Foundation also funds Saltmarsh Collective"],
            [f"{GRANTS} § Grants review"],
        ),
    ],
    ("funders-of", (("organisation", "Harbourlight Trust"),)): [
        (
            "is funded by",
            "Fernleaf Foundation",
            "ended",
            ["Fernleaf Foundation (FF) funded Harbourlight Trust until 2020, when the grant ended"],
            [f"{GRANTS} § Grants review"],
        )
    ],
    ("people-at", (("organisation", "FF"),)): [
        ("Joss Kettle", "", "ROLE_AT", ["Joss Kettle of Fernleaf Foundation"], [f"{NOTES} § Bramble Cell 1"]),
        (
            "Priya Anand",
            "board member",
            "ROLE_AT",
            ["Priya Anand is a board member of Fernleaf Foundation"],
            [f"{GRANTS} § Grants review"],
        ),
    ],
    ("cell-meetings", (("cell", "ember"),)): [
        ("Ember", "Ember Cell 1", "2021-03-04", ["Tobias Wren"], ["Mira Castell"], []),
        ("Ember", "Ember Cell 2", "2021-06-09", ["Priya Anand", "Tobias Wren"], ["Tobias Wren"], ["Mira Castell"]),
    ],
    ("cell-meetings", ()): [
        ("Bramble", "Bramble Cell 1", "2021-02-02", ["Joss Kettle", "Priya Anand"], [], []),
        ("Ember", "Ember Cell 1", "2021-03-04", ["Tobias Wren"], ["Mira Castell"], []),
        ("Ember", "Ember Cell 2", "2021-06-09", ["Priya Anand", "Tobias Wren"], ["Tobias Wren"], ["Mira Castell"]),
    ],
    ("meeting-people", (("meeting", "Ember Cell 2"),)): [
        ("Mira Castell", "attended", ["Mira Castell attended"], [f"{NOTES} § Ember Cell 2"]),
        ("Priya Anand", "spoke", ["Priya Anand from Saltmarsh Collective spoke"], [f"{NOTES} § Ember Cell 2"]),
        ("Tobias Wren", "chaired", ["Tobias Wren chaired"], [f"{NOTES} § Ember Cell 2"]),
        ("Tobias Wren", "spoke", ["Tobias Wren also spoke"], [f"{NOTES} § Ember Cell 2"]),
    ],
    ("meetings-of", (("person", "Mira Castell"),)): [
        (
            "2021-03-04",
            "Ember Cell 1",
            "Ember",
            "chaired",
            ["Mira Castell chaired the session"],
            [f"{NOTES} § Ember Cell 1"],
        ),
        ("2021-06-09", "Ember Cell 2", "Ember", "attended", ["Mira Castell attended"], [f"{NOTES} § Ember Cell 2"]),
    ],
    ("meetings-discussing", (("concept", "Shared Budgets"),)): [
        ("Bramble Cell 1", "2021-02-02", "Bramble", ["spoke about shared budgets"], [f"{NOTES} § Bramble Cell 1"]),
        ("Ember Cell 2", "2021-06-09", "Ember", ["deep listening and shared budgets"], [f"{NOTES} § Ember Cell 2"]),
    ],
    ("cell-themes", (("cell", "Ember"),)): [
        ("Ember", "deep listening", 2, ["Ember Cell 1", "Ember Cell 2"]),
        ("Ember", "shared budgets", 1, ["Ember Cell 2"]),
    ],
    ("cell-themes", ()): [
        ("Bramble", "shared budgets", 1, ["Bramble Cell 1"]),
        ("Ember", "deep listening", 2, ["Ember Cell 1", "Ember Cell 2"]),
        ("Ember", "shared budgets", 1, ["Ember Cell 2"]),
    ],
    ("concept-network", (("concept", "shared budgets"),)): [
        ("Priya Anand", "Person", 2),
        ("Fernleaf Foundation", "Organisation", 1),
        ("Saltmarsh Collective", "Organisation", 1),
        ("Joss Kettle", "Person", 1),
        ("Mira Castell", "Person", 1),
        ("Tobias Wren", "Person", 1),
    ],
    ("neighbourhood", (("entity", "Mira Castell"), ("hops", "2"))): [
        ("Ember Cell 1", "Meeting", 1),
        ("Ember Cell 2", "Meeting", 1),
        ("Ember", "Cell", 2),
        ("deep listening", "Concept", 2),
        ("shared budgets", "Concept", 2),
        ("Priya Anand", "Person", 2),
        ("Tobias Wren", "Person", 2),
        ("Dunmore", "Place", 2),
    ],
    ("neighbourhood", (("entity", "Mira Castell"), ("hops", "1"))): [
        ("Ember Cell 1", "Meeting", 1),
        ("Ember Cell 2", "Meeting", 1),
    ],
    ("most-connected", (("limit", "2"),)): [("Fernleaf Foundation", 4), ("Harbourlight Trust", 4)],
    ("bridges", ()): [
        ("Priya Anand", 4, ["Bramble", "Ember", "Fernleaf Foundation", "Saltmarsh Collective"]),
        ("Joss Kettle", 2, ["Bramble", "Fernleaf Foundation"]),
        ("Tobias Wren", 2, ["Ember", "Harbourlight Trust"]),
    ],
    ("bridges", (("min", "3"),)): [
        ("Priya Anand", 4, ["Bramble", "Ember", "Fernleaf Foundation", "Saltmarsh Collective"])
    ],
    ("spoke-alongside", (("person", "priya anand"),)): [
        ("Joss Kettle", 1, ["Bramble Cell 1"]),
        ("Tobias Wren", 1, ["Ember Cell 2"]),
    ],
    ("timeline", ()): [
        ("2021-02-02", "Bramble Cell 1", "Bramble", ""),
        ("2021-03-04", "Ember Cell 1", "Ember", "Dunmore"),
        ("2021-06-09", "Ember Cell 2", "Ember", ""),
    ],
    ("about", (("entity", "Joss Kettle"),)): [
        (
            "ROLE_AT",
            "to",
            "Fernleaf Foundation",
            "Organisation",
            "Joss Kettle of Fernleaf Foundation",
            NOTES,
            "Bramble Cell 1",
        ),
        (
            "SPOKE_AT",
            "to",
            "Bramble Cell 1",
            "Meeting",
            "Joss Kettle of Fernleaf Foundation spoke",
            NOTES,
            "Bramble Cell 1",
        ),
    ],
    ("about", (("entity", "Dunmore"),)): [
        ("LOCATED_IN", "from", "Ember Cell 1", "Meeting", "in Dunmore", NOTES, "Ember Cell 1")
    ],
    ("mentioned-together", (("first", "Priya Anand"), ("second", "Fernleaf Foundation"))): [
        (NOTES, "Bramble Cell 1", 1, 1),
        (GRANTS, "Grants review", 1, 2),
    ],
    ("mentioned-together", (("first", "Mira Castell"), ("second", "Fernleaf Foundation"))): [],
    ("publications", ()): [("The Quiet Room", ["Harbourlight Trust"], [GRANTS])],
    ("low-confidence", ()): [
        (
            "Tobias Marsh",
            "ROLE_AT",
            "Saltmarsh Collective",
            0.5,
            ["Tobias, a volunteer at Saltmarsh Collective"],
            [f"{GRANTS} § Grants review"],
        )
    ],
}


def shown(result) -> list[list]:
    """A result's rows as a user sees them: without the hidden ``_ids`` column."""
    return [list(row) for row in shown_columns(result)[1]]


@pytest.mark.parametrize("name, params", list(EXPECTED), ids=lambda v: v if isinstance(v, str) else "")
def test_every_built_in_query_returns_the_expected_rows(world, name, params):
    result = run_query(world, LIBRARY.get(name), dict(params))
    assert shown(result) == [list(row) for row in EXPECTED[(name, params)]]


@pytest.mark.parametrize("name, params", list(EXPECTED), ids=lambda v: v if isinstance(v, str) else "")
def test_every_built_in_query_carries_the_ids_of_the_entities_its_rows_name(world, name, params):
    G, _ = world_graph()
    query = LIBRARY.get(name)
    result = run_query(world, query, dict(params))
    if name == "mentioned-together":
        assert "_ids" not in result.columns  # its rows are documents, which a map does not draw
        return
    ids = [row[result.columns.index("_ids")] for row in result.rows]
    names_of = {nid: d["name"] for nid, d in G.nodes(data=True)}
    for row, row_ids in zip(shown(result), ids, strict=False):
        assert row_ids and all(i in G for i in row_ids), (row, row_ids)
        text = repr(row)
        # every entity a row names is among its ids (and the ids name nothing the row does not)
        assert all(names_of[i] in text for i in row_ids if i not in dict(params).values()), (row, row_ids)


def test_every_built_in_query_is_tested_on_the_made_up_world():
    assert {name for name, _ in EXPECTED} | {"connection"} == {n for n, q in LIBRARY.queries.items() if q.builtin}


def test_connection_gives_every_shortest_path_with_evidence_for_each_step(world):
    result = run_query(world, LIBRARY.get("connection"), {"first": "Mira Castell", "second": "Harbourlight Trust"})
    assert result.columns == ("route", "steps", "evidence", "_ids")
    assert result.rows[0][3] == [
        "person:mira-castell",
        "meeting:ember-cell-1",
        "person:tobias-wren",
        "organisation:harbourlight-trust",
    ]
    routes = [row[0] for row in result.rows]
    assert (
        routes
        == ["Mira Castell / Ember Cell 1 / Tobias Wren / Harbourlight Trust"]
        + ["Mira Castell / Ember Cell 2 / Tobias Wren / Harbourlight Trust"] * 2
    )  # Tobias chaired and spoke there
    assert result.rows[0][1] == 3
    assert result.rows[0][2] == [
        f'Mira Castell CHAIRED Ember Cell 1: "Mira Castell chaired the session" ({NOTES})',
        f'Tobias Wren SPOKE_AT Ember Cell 1: "Our first speaker was Tobias Wren" ({NOTES})',
        f'Tobias Wren ROLE_AT Harbourlight Trust: "Tobias Wren, chief executive of Harbourlight Trust" ({NOTES})',
    ]


def test_connection_lists_equally_short_paths_in_a_stable_order(world):
    q = LIBRARY.get("connection")
    first = run_query(world, q, {"first": "Tobias Wren", "second": "Bramble"})
    assert len(first.rows) == 4 and {row[1] for row in first.rows} == {4}
    assert first.rows == run_query(world, q, {"first": "Tobias Wren", "second": "Bramble"}).rows
    assert [row[0] for row in first.rows] == sorted(row[0] for row in first.rows)


def test_no_connection_gives_no_rows(world):
    assert run_query(world, LIBRARY.get("connection"), {"first": "Westmoor", "second": "Dunmore"}).rows == ()


@pytest.mark.parametrize("name", ["connection", "mentioned-together"])
def test_one_entity_given_twice_has_nothing_to_connect(world, name):
    # FalkorDB would walk a loop out and back (or one MENTIONS edge twice); Neo4j would not
    assert run_query(world, LIBRARY.get(name), {"first": "Tobias Wren", "second": "tobias wren"}).rows == ()
    assert run_query(world, LIBRARY.get(name), {"first": "Tobias Wren", "second": "Mira Castell"}).rows


# -- every example on the example corpus ---------------------------------------------------

EXAMPLES = [(q.name, ex) for q in LIBRARY.queries.values() if q.builtin for ex in q.examples]


@pytest.fixture(scope="module")
def corpus_store(embedded_server, example_corpus):
    """The example corpus built through the real pipeline, once for this module."""
    with FalkorStore(embedded_server, graph="t_query_examples") as opened:
        build([example_corpus], opened)
        yield opened
        db = embedded_server.connect()
        db.connection.delete("t_query_examples", "t_query_examples__building")
        db.connection.close()


def _example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return {words[i + 1]: words[i + 2] for i, w in enumerate(words) if w == "-p"}


def _edge_groups(text: str) -> list[set[str]]:
    """The alternatives of each typed relationship pattern, e.g. ``[e:A|B]`` -> {A, B}."""
    return [set(group.split("|")) for group in re.findall(r"\[\w*:([A-Z_|]+)", text)]


def _labels(text: str) -> set[str]:
    return set(re.findall(r"\(\w*:([A-Z]\w*)", text))


def _why_nothing(store, query, example: str) -> str:
    labels = {row[0] for row in store.run("MATCH (n) RETURN DISTINCT labels(n)[0]").rows}
    types = {row[0] for row in store.run("MATCH ()-[e]->() RETURN DISTINCT type(e)").rows}
    absent = sorted(_labels(query.text) - labels) + sorted(
        t for group in _edge_groups(query.text) if not group & types for t in group
    )
    return f"'{example}' found nothing in the example corpus" + (
        f", whose graph has no {', '.join(absent)}" if absent else ""
    )


@pytest.mark.parametrize("name, example", EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_every_example_runs_on_the_example_corpus(corpus_store, name, example):
    # An example is there to show the query finding something in the corpus a user has first.
    query = LIBRARY.get(name)
    result = run_query(corpus_store, query, _example_params(example))
    assert result.rows, _why_nothing(corpus_store, query, example)


def _library_of(tmp_path, **params: str):
    """The library with one query of yours per keyword: its name, and its one parameter line."""
    mine = tmp_path / "mine"
    mine.mkdir()
    for name, decl in params.items():
        var = decl.split()[0]
        (mine / f"{name}.cypher").write_text(
            make_query(name, params=f"// params: {decl}\n", body=f"RETURN ${var} AS {var}"), encoding="utf-8"
        )
    return load_library([mine])


def test_a_number_may_declare_its_range_and_a_value_outside_it_is_refused(tmp_path):
    q = LIBRARY.get("neighbourhood")
    assert q.param("hops").describe().startswith("hops (int, default 2, 1 to 3)")
    for outside in ("0", "7", "-1"):
        with pytest.raises(UsageError, match=f"hops of query 'neighbourhood' must be from 1 to 3, not {outside}"):
            bind_params(q, {"entity": "x", "hops": outside})
    lib = _library_of(tmp_path, share="share (float, 0 to 1) a fraction", bad="n (int, default 5, 1 to 3) a number")
    assert lib.get("share").param("share").bounds == (0.0, 1.0)
    assert bind_params(lib.get("share"), {"share": "0.25"}) == {"share": 0.25}
    assert "outside 1 to 3" in lib.unreadable[0].message()


def test_a_text_default_may_hold_commas_and_a_bad_range_is_a_broken_file_not_a_crash(tmp_path):
    lib = _library_of(
        tmp_path,
        greet="words (text, default a, b) some words",
        half="n (int, 1.5 to 3) a number",
        small="x (float, default 0.01, 1e-3 to 1) a share",
    )
    assert lib.get("greet").param("words").default == "a, b"
    assert lib.get("small").param("x").bounds == (0.001, 1.0)
    assert [u.path.name for u in lib.unreadable] == ["half.cypher"] and "range" in lib.unreadable[0].message()


def test_an_entity_parameter_may_declare_its_kinds_and_takes_only_those(tmp_path, store):
    query = parse_query(
        "// name: q\n// description: d\n"
        "// params: who (entity, optional, Person or Organisation) someone\n"
        "MATCH (n {id: $who}) RETURN n.name AS name\n",
        tmp_path / "q.cypher",
    )
    [who] = query.params
    assert who.kinds == ("Person", "Organisation") and not who.required
    assert who.describe() == "who (entity, optional, Person or Organisation) someone"
    with pytest.raises(QueryError, match="'Organization' is not a kind of entity"):
        parse_query(
            "// name: q\n// description: d\n// params: o (entity, Organization) x\nRETURN $o\n", tmp_path / "q.cypher"
        )
    nodes = [
        ("organisation:quiet-room", "Organisation", "Quiet Room"),
        ("concept:quiet-room", "Concept", "quiet room"),
        ("place:dunmore", "Place", "Dunmore"),
    ]
    store.replace_graph([{"id": i, "label": lab, "props": {"name": n, "aliases": []}} for i, lab, n in nodes], [])
    # a name an organisation shares with a concept finds the kind the parameter takes
    assert bind_params(query, {"who": "QUIET ROOM"}, store) == {"who": "organisation:quiet-room"}
    # an entity of another kind is refused, named as well as by id
    for given in ("Dunmore", "place:dunmore"):
        with pytest.raises(
            UsageError,
            match="place:dunmore is a Place, but parameter who of query 'q' takes a Person or an Organisation",
        ):
            bind_params(query, {"who": given}, store)
    # a parameter of any kind still calls the shared name ambiguous
    with pytest.raises(UsageError, match="could mean several"):
        bind_params(LIBRARY.get("about"), {"entity": "quiet room"}, store)


def test_query_names_parameter_names_and_apostrophes_are_taken_as_a_user_types_them(store):
    nodes = [
        ("organisation:childrens-room", "Organisation", "Children\u2019s Room"),
        ("organisation:kites", "Organisation", "Kites' Nest"),
    ]
    store.replace_graph([{"id": i, "label": lab, "props": {"name": n, "aliases": []}} for i, lab, n in nodes], [])
    query = LIBRARY.get("Partners-Of")
    assert query.name == "partners-of"
    # a straight apostrophe finds a curly one, and the other way round; the parameter's case is free
    assert bind_params(query, {"Organisation": "children's room"}, store) == {
        "organisation": "organisation:childrens-room"
    }
    assert bind_params(query, {"organisation": "KITES\u2019 NEST"}, store) == {"organisation": "organisation:kites"}
