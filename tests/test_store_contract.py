"""What every graph store must do, whatever its backend (the Store protocol's contract)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.stores import QueryResult, Store
from loaders.errors import QueryError, StoreError, StoreNotFound

# Each backend names a fixture giving an open store on an empty graph of its own. Neo4j's asks
# for the neo4j_uri fixture, which skips (saying how to give one) when NEO4J_URI is not set.
BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
_FIXTURES = {"embedded": "store", "neo4j": "neo4j_store"}


@pytest.fixture
def neo4j_store(neo4j_uri: str) -> Iterator[Store]:
    """The Neo4j server NEO4J_URI names (credentials from NEO4J_*), emptied before and after: use a throwaway one."""
    from graph.stores.neo4j import Neo4jStore

    with Neo4jStore(neo4j_uri) as opened:
        opened.clear()
        yield opened
        opened.clear()


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue(_FIXTURES[request.param])


def _node(label: str, node_id: str, **props: object) -> dict:
    return {"id": node_id, "label": label, "props": props}


def _edge(etype: str, source: dict, target: dict, key: str, **props: object) -> dict:
    return {
        "type": etype,
        "source": source["id"],
        "source_label": source["label"],
        "target": target["id"],
        "target_label": target["label"],
        "key": key,
        "props": props,
    }


ADA = _node("Person", "person:ada-quennell", name="Ada Quennell", aliases=["Ada", "A. Quennell"])
TRUST = _node("Organisation", "org:hollowmere-trust", name="Hollowmere Trust", founded=1987, active=True)
GROUP = _node("Organisation", "org:fenwick-youth", name="Fenwick Youth Group", score=0.75)
NODES = [ADA, TRUST, GROUP]
EDGES = [
    _edge("LEADS", ADA, TRUST, "leads:1", since="2019"),
    _edge("FUNDED", TRUST, GROUP, "funded:1", amount=12000, evidence=["They gave the grant."]),
]


def _names(store: Store, label: str) -> list[str]:
    result = store.run(f"MATCH (n:{label}) RETURN n.name AS name ORDER BY name")
    return [row[0] for row in result.rows]


def test_store_satisfies_protocol(any_store: Store) -> None:
    assert isinstance(any_store, Store)
    assert "password" not in any_store.url


def test_run_before_any_build_says_to_build_first(any_store: Store) -> None:
    assert not any_store.has_graph()
    with pytest.raises(StoreNotFound, match="kg build"):
        any_store.run("MATCH (n) RETURN n")


def test_round_trip_of_nodes_and_properties(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)

    assert any_store.has_graph()
    result = any_store.run("MATCH (n:Person {id: $id}) RETURN n", {"id": ADA["id"]})
    assert result.columns == ("n",)
    assert result.rows == (
        (
            {
                "_type": "node",
                "labels": ["Person"],
                "properties": {"aliases": ["Ada", "A. Quennell"], "id": ADA["id"], "name": "Ada Quennell"},
            },
        ),
    )
    row = any_store.run("MATCH (o:Organisation {id: $id}) RETURN o.founded, o.active", {"id": TRUST["id"]}).rows[0]
    assert row == (1987, True)
    assert _names(any_store, "Organisation") == ["Fenwick Youth Group", "Hollowmere Trust"]


def test_relationships_come_back_with_our_node_ids(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)

    rel = any_store.run("MATCH ()-[r:FUNDED]->() RETURN r").rows[0][0]
    assert rel == {
        "_type": "relationship",
        "type": "FUNDED",
        "source": TRUST["id"],
        "target": GROUP["id"],
        "properties": {"amount": 12000, "evidence": ["They gave the grant."], "key": "funded:1"},
    }


def test_paths_and_nested_values_are_plain_data(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)

    result = any_store.run(
        "MATCH p = (:Person)-[:LEADS]->(:Organisation)-[:FUNDED]->(g) "
        "RETURN p AS path, {group: g.name, labels: labels(g)} AS info, [1, 'two'] AS items"
    )
    path, info, items = result.rows[0]
    assert result.columns == ("path", "info", "items")
    assert path["_type"] == "path"
    assert [n["properties"]["id"] for n in path["nodes"]] == [ADA["id"], TRUST["id"], GROUP["id"]]
    assert [(r["type"], r["source"], r["target"]) for r in path["relationships"]] == [
        ("LEADS", ADA["id"], TRUST["id"]),
        ("FUNDED", TRUST["id"], GROUP["id"]),
    ]
    assert info == {"group": "Fenwick Youth Group", "labels": ["Organisation"]}
    assert items == [1, "two"]
    assert result.records()[0]["items"] == [1, "two"]


def test_rebuilding_with_the_same_rows_gives_the_same_answers(any_store: Store) -> None:
    query = "MATCH (a)-[r]->(b) RETURN a, r, b ORDER BY r.key"
    any_store.replace_graph(NODES, EDGES)
    first = any_store.run(query)
    any_store.replace_graph(list(reversed(NODES)), list(reversed(EDGES)))
    second = any_store.run(query)

    assert isinstance(first, QueryResult)
    assert first == second
    assert any_store.run("MATCH (n) RETURN count(n)").rows == ((3,),)


def test_replace_drops_what_is_no_longer_there(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)
    any_store.replace_graph([ADA, TRUST], EDGES[:1])

    assert _names(any_store, "Organisation") == ["Hollowmere Trust"]
    assert any_store.run("MATCH ()-[r]->() RETURN count(r)").rows == ((1,),)


def test_an_empty_build_is_still_a_graph(any_store: Store) -> None:
    any_store.replace_graph([], [])

    assert any_store.has_graph()
    assert any_store.run("MATCH (n) RETURN count(n)").rows == ((0,),)


def test_progress_reports_every_batch_up_to_the_total(any_store: Store) -> None:
    calls: list[tuple[int, int]] = []
    any_store.replace_graph(NODES, EDGES, batch_size=2, progress=lambda done, total: calls.append((done, total)))

    # Batches are per label and edge type: Organisation (2), Person (1), FUNDED (1), LEADS (1).
    assert calls == [(2, 5), (3, 5), (4, 5), (5, 5)]


def test_a_failure_half_way_leaves_the_previous_graph_intact(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)
    before = any_store.run("MATCH (a)-[r]->(b) RETURN a, r, b ORDER BY r.key")
    new_nodes = [_node("Place", f"place:{i}", name=f"Vale {i}") for i in range(10)]

    def fail_after_first_batch(done: int, total: int) -> None:
        if done > 2:
            raise RuntimeError("disk full")

    with pytest.raises(StoreError, match="disk full.*previous graph is unchanged"):
        any_store.replace_graph(new_nodes, [], batch_size=2, progress=fail_after_first_batch)

    assert any_store.run("MATCH (a)-[r]->(b) RETURN a, r, b ORDER BY r.key") == before
    assert any_store.run("MATCH (p:Place) RETURN count(p)").rows == ((0,),)
    # A later build still works (the half-written graph was cleaned up).
    any_store.replace_graph(new_nodes, [], batch_size=2)
    assert any_store.run("MATCH (p:Place) RETURN count(p)").rows == ((10,),)


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        ([ADA, TRUST], [_edge("LEADS", ADA, TRUST, "x", note={"nested": "map"})], "cannot be stored"),
        ([ADA, TRUST], [_edge("LEADS", ADA, TRUST, "x", ratio=float("nan"))], "not a finite number"),
        ([ADA, TRUST], [_edge("LEADS", ADA, GROUP, "x")], "not among the nodes"),
        ([ADA, TRUST], [_edge("LEADS", ADA, TRUST, "x"), _edge("LEADS", TRUST, ADA, "x")], "appears twice"),
        ([_node("Person", "p", note="a\0b")], [], "NUL"),
        ([_node("Per son", "p")], [], "not a plain identifier"),
        ([_node("Person", "p", **{"bad key": 1})], [], "not a plain identifier"),
        ([_node("Person", "p")], [_edge("LEADS`]->() DELETE x //", ADA, TRUST, "x")], "not a plain identifier"),
    ],
)
def test_bad_rows_are_refused_and_change_nothing(any_store: Store, nodes: list, edges: list, message: str) -> None:
    any_store.replace_graph(NODES, EDGES)
    before = any_store.run("MATCH (a)-[r]->(b) RETURN a, r, b ORDER BY r.key")

    with pytest.raises(StoreError, match=message):
        any_store.replace_graph(nodes, edges)

    assert any_store.run("MATCH (a)-[r]->(b) RETURN a, r, b ORDER BY r.key") == before


HOSTILE = [
    'O\'Brien & "Sons"',
    "back\\slash \\n \\u0041 \\",
    "'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    "<script>alert('x')</script>",
    "line one\nline two\ttab\r",
    "Zoë Ångström – “quoted” 😀",
    "$name {id: 1} `tick`",
]


def test_hostile_strings_are_stored_as_data_and_returned_exactly(any_store: Store) -> None:
    nodes = [_node("Concept", f"concept:{i}", name=text, aliases=[text, text + "!"]) for i, text in enumerate(HOSTILE)]
    edges = [_edge("MENTIONS", nodes[0], nodes[i], f"m:{i}", quote=text) for i, text in enumerate(HOSTILE)]
    any_store.replace_graph(nodes, edges)

    assert any_store.run("MATCH (n) RETURN count(n)").rows == ((len(HOSTILE),),)
    for i, text in enumerate(HOSTILE):
        result = any_store.run("MATCH (n:Concept {name: $text}) RETURN n.id, n.aliases", {"text": text})
        assert result.rows == ((f"concept:{i}", [text, text + "!"]),)
        quote = any_store.run("MATCH ()-[r:MENTIONS {quote: $text}]->() RETURN r.key", {"text": text})
        assert quote.rows == ((f"m:{i}",),)


def test_queries_are_read_only_unless_asked(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)

    for write in ("CREATE (:Person {id: 'intruder'})", "MATCH (n) DETACH DELETE n", "MATCH (n) SET n.x = 1"):
        with pytest.raises(QueryError, match="read-only unless you pass --write"):
            any_store.run(write)
    assert any_store.run("MATCH (n) RETURN count(n)").rows == ((3,),)

    any_store.run("MATCH (n:Person) SET n.checked = $flag", {"flag": True}, write=True)
    assert any_store.run("MATCH (n:Person) RETURN n.checked").rows == ((True,),)


def test_bad_cypher_and_bad_parameters_are_query_errors(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)

    with pytest.raises(QueryError, match="the query failed"):
        any_store.run("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="NUL"):
        any_store.run("RETURN $x", {"x": "a\0b"})
    with pytest.raises(QueryError, match="finite"):
        any_store.run("RETURN $x", {"x": float("inf")})


def test_parameters_of_every_kind_are_bound(any_store: Store) -> None:
    any_store.replace_graph(NODES, EDGES)

    params = {"s": HOSTILE[2], "i": -7, "f": 2.5, "b": False, "n": None, "l": ["a", 1], "m": {"k": "v"}}
    result = any_store.run("RETURN $s, $i, $f, $b, $n, $l, $m.k", params)
    assert result.rows == ((HOSTILE[2], -7, 2.5, False, None, ["a", 1], "v"),)
