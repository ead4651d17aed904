"""The embedded store's own reader of FalkorDB's compact replies, against the falkordb client's.

``FalkorStore.run`` decodes text, numbers, booleans, nulls, lists and maps itself (the
client's generic parser was most of the time of a query returning thousands of rows); these
tests hold it to giving exactly what the client's parser gives, value for value and type for
type, and to leaving the garbage collector as it found it.
"""

from __future__ import annotations

import gc

import pytest

from graph.stores.falkor import _convert
from loaders.errors import QueryError

FEN = {"id": "org:fenmoor-circle", "label": "Organisation", "props": {"name": "Fenmoor Circle", "size": 3}}
ODO = {"id": "person:odile-marsh", "label": "Person", "props": {"name": "Odile Marsh", "aliases": ["Odi"]}}
EDGE = {
    "type": "ROLE_AT",
    "source": ODO["id"],
    "source_label": "Person",
    "target": FEN["id"],
    "target_label": "Organisation",
    "key": "role:1",
    "props": {"title": "treasurer", "low_confidence": True},
}

# One value of every plain kind, alone and nested, including the empty and null cases.
EVERY_KIND = (
    "RETURN 'heron' AS text, '' AS empty_text, 42 AS whole, -3 AS negative, 2.5 AS decimal, 2.0 AS round_decimal, "
    "true AS yes, false AS no, null AS nothing, [] AS empty_list, ['a', 1, 0.5, false, null] AS mixed, "
    "[[1, 2], [], ['x']] AS nested, {} AS empty_map, {k: [1, {inner: 'v'}], n: null} AS map"
)


def _client_rows(store, cypher: str, params: dict | None = None) -> list[list]:
    """The rows as the falkordb client's own parser gives them, made plain as the store did before."""
    graph = store._db.select_graph(store.graph)
    return [[_convert(v, {}) for v in row] for row in graph.ro_query(cypher, params).result_set]


def _types(value):
    if isinstance(value, list):
        return [_types(v) for v in value]
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    return type(value)


def test_every_plain_kind_comes_back_as_the_client_reads_it(store) -> None:
    store.replace_graph([FEN], [])

    result = store.run(EVERY_KIND)

    (row,) = result.rows
    assert result.columns == (
        "text",
        "empty_text",
        "whole",
        "negative",
        "decimal",
        "round_decimal",
        "yes",
        "no",
        "nothing",
        "empty_list",
        "mixed",
        "nested",
        "empty_map",
        "map",
    )
    assert row == (
        "heron",
        "",
        42,
        -3,
        2.5,
        2.0,
        True,
        False,
        None,
        [],
        ["a", 1, 0.5, False, None],
        [[1, 2], [], ["x"]],
        {},
        {"k": [1, {"inner": "v"}], "n": None},
    )
    assert [_types(v) for v in row] == [_types(v) for v in _client_rows(store, EVERY_KIND)[0]]
    assert type(row[5]) is float and type(row[6]) is bool and type(row[11][0][0]) is int


def test_thousands_of_rows_match_the_client_row_for_row(store) -> None:
    store.replace_graph([FEN, ODO], [EDGE])
    cypher = (
        "UNWIND range(0, 2999) AS i "
        "RETURN i, 'row ' + toString(i) AS label, i % 7 = 0 AS seventh, i / 4.0 AS quarter, "
        "CASE WHEN i % 5 = 0 THEN null ELSE [i, 'q' + toString(i), [i % 3 = 0]] END AS quotes"
    )

    rows = store.run(cypher).rows

    assert len(rows) == 3000
    assert [list(row) for row in rows] == _client_rows(store, cypher)
    assert rows[10] == (10, "row 10", False, 2.5, None)
    assert rows[21] == (21, "row 21", True, 5.25, [21, "q21", [True]])


def test_nodes_and_relationships_inside_lists_and_maps_are_plain_data(store) -> None:
    store.replace_graph([FEN, ODO], [EDGE])

    result = store.run(
        "MATCH (p:Person)-[r:ROLE_AT]->(o:Organisation) RETURN [p, o] AS ends, {fact: r, name: p.name} AS fact"
    )

    ends, fact = result.rows[0]
    assert [(n["labels"], n["properties"]["id"]) for n in ends] == [
        (["Person"], ODO["id"]),
        (["Organisation"], FEN["id"]),
    ]
    assert ends[0]["properties"]["aliases"] == ["Odi"]
    assert fact["name"] == "Odile Marsh"
    assert (fact["fact"]["type"], fact["fact"]["source"], fact["fact"]["target"]) == ("ROLE_AT", ODO["id"], FEN["id"])
    assert fact["fact"]["properties"]["low_confidence"] is True


def test_a_failure_while_the_query_runs_is_a_query_error_and_the_collector_is_back_on(store) -> None:
    store.replace_graph([FEN], [])
    assert gc.isenabled()

    with pytest.raises(QueryError, match="the query failed"):
        store.run("UNWIND [1, 0] AS x RETURN 10 / x")

    assert gc.isenabled()
    assert store.run("RETURN 1 AS one").rows == ((1,),)


def test_the_collector_is_left_as_the_caller_had_it(store) -> None:
    store.replace_graph([FEN], [])

    store.run("UNWIND range(1, 100) AS i RETURN [i, 'x']")
    assert gc.isenabled()
    gc.disable()
    try:
        store.run("UNWIND range(1, 100) AS i RETURN [i, 'x']")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_query_that_returns_nothing_has_no_columns_and_no_rows(store) -> None:
    store.replace_graph([FEN], [])

    result = store.run("MATCH (o:Organisation) SET o.checked = true", write=True)

    assert (result.columns, result.rows) == ((), ())
    assert store.run("MATCH (o:Organisation) RETURN o.checked AS checked").rows == ((True,),)
    empty = store.run("MATCH (o:Organisation {id: 'org:none'}) RETURN o.name AS name")
    assert (empty.columns, empty.rows) == (("name",), ())
