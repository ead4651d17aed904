"""The embedded store's bulk writes keep every value, property and edge end exactly."""

from __future__ import annotations

import enum

import pytest

from graph.stores import FalkorStore
from loaders.errors import StoreError


class Level(enum.IntEnum):
    HIGH = 3


class Tag(str):
    pass


def node(label: str, node_id: str, **props: object) -> dict:
    return {"id": node_id, "label": label, "props": props}


def edge(etype: str, source: dict, target: dict, edge_key: str, **props: object) -> dict:
    return {
        "type": etype,
        "source": source["id"],
        "source_label": source["label"],
        "target": target["id"],
        "target_label": target["label"],
        "key": edge_key,
        "props": props,
    }


def props_of(store: FalkorStore, node_id: str) -> dict:
    return store.run("MATCH (n {id: $id}) RETURN properties(n)", {"id": node_id}).rows[0][0]


def test_values_of_every_kind_come_back_unchanged(store: FalkorStore) -> None:
    values = {
        "big": 2**63 - 1,
        "small": -(2**63),
        "zero": 0,
        "ratio": 0.125,
        "yes": True,
        "no": False,
        "text": "Wren Dunmore – “Kestrel” ✓",
        "none_listed": [],
        "counts": [3, 1, 2],
        "weights": [0.5, 1.5],
        "flags": [True, False],
        "mixed": ["a", 1, 2.5, True],
        "pair": ("x", "y"),
        "level": Level.HIGH,
        "extremes": [2**63 - 1, -(2**63)],
        "numbers": [1, 2.5, False],
        "decimals": [0.25, -1e300],
        "tag": Tag("community"),
    }
    store.replace_graph([node("Concept", "concept:all", **values)], [])

    got = props_of(store, "concept:all")
    expected = {**values, "id": "concept:all", "pair": ["x", "y"], "level": 3, "tag": "community"}
    assert got == expected
    assert type(got["level"]) is int and type(got["yes"]) is bool


def test_rows_of_one_label_keep_only_their_own_properties_across_many_batches(store: FalkorStore) -> None:
    # Optional properties come and go from row to row, and the rows span several write batches.
    people = [
        node("Person", f"person:{i:02d}", name=f"Orla Fenwick {i}", **({"date": "2021-03-04"} if i % 3 else {}))
        for i in range(10)
    ]
    places = [node("Place", f"place:{i}", name=f"Vale {i}") for i in range(4)]
    edges = [
        edge("LOCATED_IN", p, places[i % 4], f"k{i}", **({"note": "seen"} if i % 2 else {}))
        for i, p in enumerate(people)
    ]
    store.replace_graph(list(reversed(people)) + places, edges, batch_size=3)

    for person in people:
        assert props_of(store, person["id"]) == {"id": person["id"], **person["props"]}
    rows = store.run("MATCH (p:Person)-[e:LOCATED_IN]->(v:Place) RETURN p.id, e.key, e.note, v.id ORDER BY p.id").rows
    assert rows == tuple((p["id"], f"k{i}", "seen" if i % 2 else None, f"place:{i % 4}") for i, p in enumerate(people))


def test_rows_may_come_from_generators_read_once(store: FalkorStore) -> None:
    ada, trust = node("Person", "person:ada", name="Ada Quill"), node("Organisation", "org:tarn", name="Tarn Trust")
    store.replace_graph((n for n in [ada, trust]), (e for e in [edge("LEADS", ada, trust, "leads:1")]))

    assert store.run("MATCH (:Person)-[e:LEADS]->(o) RETURN e.key, o.name").rows == (("leads:1", "Tarn Trust"),)


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"count": 2**63}, "does not fit in 64 bits"),
        ({"starts": [0, 2**63]}, "does not fit in 64 bits"),
        ({"ratio": [float("nan")]}, "not a finite number"),
        ({"pairs": [["a", "b"]]}, "lists of lists"),
        ({"names": ["ok", "bad\0name"]}, "NUL"),
        ({"names": ["ok", None]}, "cannot be stored"),
        ({"ratio": [1.0, float("inf")]}, "not a finite number"),
    ],
)
def test_unstorable_values_are_refused_by_name_and_change_nothing(
    store: FalkorStore, props: dict, message: str
) -> None:
    store.replace_graph([node("Place", "place:old", name="Old Vale")], [])

    with pytest.raises(StoreError, match=f"node Place:'place:new', property '{next(iter(props))}': .*{message}"):
        store.replace_graph([node("Place", "place:ok", name="Fine"), node("Place", "place:new", **props)], [])

    assert store.run("MATCH (n) RETURN n.id").rows == (("place:old",),)


def test_an_edge_may_not_carry_its_key_twice(store: FalkorStore) -> None:
    ada, trust = node("Person", "person:ada"), node("Organisation", "org:tarn")
    with pytest.raises(StoreError, match="must not contain 'key'"):
        store.replace_graph([ada, trust], [edge("LEADS", ada, trust, "leads:1", key="other")])
