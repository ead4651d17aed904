"""The Neo4j store, driven through a recording double of the neo4j driver (no server here)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from neo4j.graph import Graph, Node, Path

import graph.cli.push  # noqa: F401  (registers `kg push` on the group)
from graph.cli import cli
from graph.exchange.push import copy_graph
from graph.stores import FalkorStore, Store, open_store
from graph.stores.neo4j import MARKER_CONSTRAINT, Neo4jStore
from loaders.errors import QueryError, StoreError, StoreNotFound, UsageError
from loaders.records import EDGE_TYPES
from tests.neo4j_fake import RecordingDriver, server_error

SECRET = "s3cret-Pa55word"
ENV = {"NEO4J_USER": "kgwriter", "NEO4J_PASSWORD": SECRET, "NEO4J_DATABASE": "foundation"}


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


MAVIS = _node("Person", "person:mavis-orrell", name="Mavis Orrell", aliases=["Mavis"])
KESTREL = _node("Organisation", "org:kestrel-fund", name="Kestrel Fund", founded=1991)
LANTERN = _node("Organisation", "org:lantern-house", name="Lantern House")
OTTER = _node("Organisation", "org:otter-lane", name="Otter Lane Project")
NODES = [OTTER, MAVIS, KESTREL, LANTERN]
EDGES = [
    _edge("LEADS", MAVIS, KESTREL, "leads:1", title="Director"),
    _edge("FUNDED", KESTREL, LANTERN, "funded:1", quotes=["Kestrel paid for the roof."]),
    _edge("FUNDED", KESTREL, OTTER, "funded:2"),
]


def make_store(driver: RecordingDriver, url: str = "neo4j://graph.example.org:7687") -> Neo4jStore:
    return Neo4jStore(url, env=ENV, driver=driver)


# -- writing -------------------------------------------------------------------------------


def test_build_sends_constraints_then_one_transaction_of_batched_merges() -> None:
    driver = RecordingDriver()
    progress: list[tuple[int, int]] = []
    with make_store(driver) as store:
        store.replace_graph(NODES, EDGES, batch_size=2, progress=lambda d, t: progress.append((d, t)))

    facts = sorted(set(EDGE_TYPES) - {"MENTIONS"})
    schema = driver.transactions[: 2 + len(facts)]
    data, marker = driver.transactions[2 + len(facts) :]
    assert [tx.statements[0].text for tx in schema] == [
        "CREATE CONSTRAINT kg_Organisation_id IF NOT EXISTS FOR (n:`Organisation`) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT kg_Person_id IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE",
        # each fact type's weak facts are found by index (the low-confidence query), including
        # types this graph lacks: a lookup of a type without one would read every node
        *(f"CREATE INDEX kg_{t}_low_confidence IF NOT EXISTS FOR ()-[e:`{t}`]-() ON (e.low_confidence)" for t in facts),
    ]
    assert all(tx.mode == "WRITE" and tx.outcome == "committed" for tx in driver.transactions)
    assert {tx.database for tx in driver.transactions} == {"foundation"}

    # One transaction replaces the graph: delete, then every batch, rows per statement as asked.
    texts = [s.text for s in data.statements]
    assert texts[0] == "MATCH (n) DETACH DELETE n"
    org_write = "UNWIND $rows AS r MERGE (n:`Organisation` {id: r.id}) SET n += r.props"
    funded_write = (
        "UNWIND $rows AS r MATCH (a:`Organisation` {id: r.source}) MATCH (b:`Organisation` {id: r.target}) "
        "MERGE (a)-[e:`FUNDED` {key: r.key}]->(b) SET e += r.props"
    )
    assert texts[1:] == [
        org_write,
        org_write,
        "UNWIND $rows AS r MERGE (n:`Person` {id: r.id}) SET n += r.props",
        funded_write,
        "UNWIND $rows AS r MATCH (a:`Person` {id: r.source}) MATCH (b:`Organisation` {id: r.target}) "
        "MERGE (a)-[e:`LEADS` {key: r.key}]->(b) SET e += r.props",
    ]
    assert [len(s.params["rows"]) for s in data.statements[1:]] == [2, 1, 1, 2, 1]
    assert data.statements[1].params["rows"] == [
        {"id": "org:kestrel-fund", "props": {"founded": 1991, "name": "Kestrel Fund"}},
        {"id": "org:lantern-house", "props": {"name": "Lantern House"}},
    ]
    assert data.statements[4].params["rows"][0] == {
        "source": "org:kestrel-fund",
        "target": "org:lantern-house",
        "key": "funded:1",
        "props": {"quotes": ["Kestrel paid for the roof."]},
    }
    assert progress == [(2, 7), (3, 7), (4, 7), (6, 7), (7, 7)]
    assert marker.statements[0].text.startswith(f"CREATE CONSTRAINT {MARKER_CONSTRAINT} IF NOT EXISTS")
    assert driver.closed


def test_the_same_rows_in_any_order_send_the_same_statements() -> None:
    first, second = RecordingDriver(), RecordingDriver()
    make_store(first).replace_graph(NODES, EDGES)
    make_store(second).replace_graph(list(reversed(NODES)), list(reversed(EDGES)))

    assert first.statements == second.statements


def test_a_failure_rolls_the_whole_build_back() -> None:
    driver = RecordingDriver()
    driver.fail("MERGE (a)-[e:`LEADS`", server_error("Neo.TransientError.General.OutOfMemoryError", "out of memory"))

    with pytest.raises(StoreError, match="out of memory; the previous graph is unchanged"):
        make_store(driver).replace_graph(NODES, EDGES)

    data = driver.transactions[-1]  # after the constraints and indexes; no build marker follows
    assert data.statements[0].text == "MATCH (n) DETACH DELETE n"
    assert data.outcome == "rolled back"
    # No build marker after a failed build.
    assert not any(MARKER_CONSTRAINT in s.text for s in driver.statements)


def test_a_failing_progress_callback_also_rolls_back() -> None:
    driver = RecordingDriver()

    def stop(done: int, total: int) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(StoreError, match="disk full"):
        make_store(driver).replace_graph(NODES, EDGES, progress=stop)
    assert driver.transactions[-1].outcome == "rolled back"


def test_lists_are_made_of_one_type_as_neo4j_requires() -> None:
    driver = RecordingDriver()
    make_store(driver).replace_graph([_node("Concept", "c:1", weights=[1, 0.5])], [])
    row = next(s for s in driver.statements if s.text.startswith("UNWIND")).params["rows"][0]
    assert row["props"] == {"weights": [1.0, 0.5]}

    with pytest.raises(StoreError, match="Neo4j cannot store a list that mixes int, str"):
        make_store(RecordingDriver()).replace_graph([_node("Concept", "c:1", tags=["a", 1])], [])


def test_bad_rows_send_nothing() -> None:
    driver = RecordingDriver()
    with pytest.raises(StoreError, match="not a plain identifier"):
        make_store(driver).replace_graph([_node("Per`son", "p")], [])
    assert driver.transactions == []


# -- reading -------------------------------------------------------------------------------


def test_queries_run_in_read_transactions_and_writes_are_refused_like_the_embedded_store() -> None:
    driver = RecordingDriver()
    driver.answer("RETURN n.name", ["name"], [["Kestrel Fund"]])
    store = make_store(driver)

    result = store.run("MATCH (n:Organisation {id: $id}) RETURN n.name AS name", {"id": KESTREL["id"]})
    assert result.columns == ("name",)
    assert result.rows == (("Kestrel Fund",),)
    query_tx = driver.transactions[-1]
    assert query_tx.mode == "READ"
    assert query_tx.statements[-1].params == {"id": KESTREL["id"]}

    with pytest.raises(QueryError) as refused:
        store.run("MATCH (n) DETACH DELETE n")
    assert str(refused.value) == (
        "this query would change the graph; kg runs queries read-only unless you pass --write"
    )

    store.run("MATCH (n:Person) SET n.checked = $flag", {"flag": True}, write=True)
    assert driver.transactions[-1].mode == "WRITE"
    assert driver.transactions[-1].statements[-1].text == "MATCH (n:Person) SET n.checked = $flag"


def test_nothing_built_yet_says_to_build_first() -> None:
    store = make_store(RecordingDriver(built=False))
    assert not store.has_graph()
    with pytest.raises(StoreNotFound, match="kg build"):
        store.run("MATCH (n) RETURN n")


def test_bad_cypher_and_bad_parameters_are_query_errors() -> None:
    driver = RecordingDriver()
    driver.fail("RETURN n", server_error("Neo.ClientError.Statement.SyntaxError", "Invalid input 'RETURN'"))
    store = make_store(driver)

    with pytest.raises(QueryError, match="the query failed: Invalid input 'RETURN'"):
        store.run("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="NUL"):
        store.run("RETURN $x", {"x": "a\0b"})


def test_nodes_relationships_and_paths_come_back_as_plain_data() -> None:
    g = Graph()
    mavis = Node(g, "4:db:1", 1, ["Person"], {"id": MAVIS["id"], "name": "Mavis Orrell", "aliases": ["Mavis"]})
    kestrel = Node(g, "4:db:2", 2, ["Organisation"], {"id": KESTREL["id"], "name": "Kestrel Fund"})
    lantern_bare = Node(g, "4:db:3", 3)  # as the driver hydrates an end node it did not return
    leads = g.relationship_type("LEADS")(g, "5:db:1", 1, {"key": "leads:1", "title": "Director"})
    leads._start_node, leads._end_node = mavis, kestrel
    funded = g.relationship_type("FUNDED")(g, "5:db:2", 2, {"key": "funded:1"})
    funded._start_node, funded._end_node = Node(g, "4:db:2", 2), lantern_bare
    driver = RecordingDriver()
    driver.answer("RETURN p", ["p", "info"], [[Path(mavis, leads), {"group": "x", "items": [1, "two"]}]])
    driver.answer("RETURN r", ["r"], [[funded]])
    driver.answer("elementId(n) = i", ["element", "id"], [["4:db:2", KESTREL["id"]], ["4:db:3", LANTERN["id"]]])
    store = make_store(driver)

    path, info = store.run("MATCH p = (:Person)-[:LEADS]->() RETURN p, {} AS info").rows[0]
    assert path == {
        "_type": "path",
        "nodes": [
            {
                "_type": "node",
                "labels": ["Person"],
                "properties": {"aliases": ["Mavis"], "id": MAVIS["id"], "name": "Mavis Orrell"},
            },
            {"_type": "node", "labels": ["Organisation"], "properties": {"id": KESTREL["id"], "name": "Kestrel Fund"}},
        ],
        "relationships": [
            {
                "_type": "relationship",
                "type": "LEADS",
                "source": MAVIS["id"],
                "target": KESTREL["id"],
                "properties": {"key": "leads:1", "title": "Director"},
            },
        ],
    }
    assert info == {"group": "x", "items": [1, "two"]}
    # Every end was known from the path itself: no lookup was needed.
    assert not any("elementId" in s.text for s in driver.statements)

    rel = store.run("MATCH ()-[r:FUNDED]->() RETURN r").rows[0][0]
    assert rel == {
        "_type": "relationship",
        "type": "FUNDED",
        "source": KESTREL["id"],
        "target": LANTERN["id"],
        "properties": {"key": "funded:1"},
    }
    lookup = next(s for s in driver.statements if "elementId" in s.text)
    assert lookup.params == {"ids": ["4:db:2", "4:db:3"]}
    assert driver.transactions[-1].mode == "READ"  # the lookup ran inside the query's transaction


# -- URLs and secrets ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"])
def test_every_neo4j_scheme_is_accepted(scheme: str) -> None:
    store = Neo4jStore(f"{scheme}://db.example.org:7687", env={}, driver=RecordingDriver())
    assert store.url == f"{scheme}://db.example.org:7687"
    assert isinstance(store, Store)


def test_user_and_database_show_in_the_url_but_the_password_never_does() -> None:
    driver = RecordingDriver()
    driver.fail("RETURN 1", server_error("Neo.ClientError.Statement.SyntaxError", f"bad token near {SECRET}"))
    store = Neo4jStore("neo4j+s://alice@db.example.org", env=ENV, driver=driver)

    assert store.url == "neo4j+s://alice@db.example.org/foundation"
    assert store.user == "alice"  # the URL's user wins over NEO4J_USER
    with pytest.raises(QueryError) as failed:
        store.run("RETURN 1")
    for text in (store.url, repr(store), str(store), str(failed.value)):
        assert SECRET not in text
    assert "***" in str(failed.value)


def test_a_password_in_the_url_is_refused_without_repeating_it() -> None:
    with pytest.raises(UsageError) as refused:
        Neo4jStore(f"bolt://bob:{SECRET}@db.example.org:7687", env={}, driver=RecordingDriver())
    assert SECRET not in str(refused.value)
    assert "NEO4J_PASSWORD" in str(refused.value)


@pytest.mark.parametrize("url", ["neo4j://", "neo4j://host:notaport", "bolt://host:7687/somedb", "http://host"])
def test_malformed_urls_are_usage_errors(url: str) -> None:
    with pytest.raises(UsageError):
        Neo4jStore(url, env={}, driver=RecordingDriver())


def test_open_store_gives_a_neo4j_store_and_an_unreachable_server_is_a_clean_error(monkeypatch, tmp_path) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    # Port 1 on this machine refuses at once: the real driver is made, then cannot connect.
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at bolt://kgwriter@127\.0\.0\.1:1/foundation") as failed:
        open_store("bolt://127.0.0.1:1", tmp_path)
    assert SECRET not in str(failed.value)


# -- kg push -------------------------------------------------------------------------------


def test_copy_graph_sends_the_embedded_graph_and_its_build_record(store: FalkorStore) -> None:
    build = _node("KgBuild", "build", built_at="2026-01-02T03:04:05+00:00", documents=["a.txt"])
    store.replace_graph([*NODES, build], EDGES)
    driver = RecordingDriver()

    report = copy_graph(store, make_store(driver))

    assert (report.nodes, report.edges) == (4, 3)
    assert report.target == "neo4j://kgwriter@graph.example.org:7687/foundation"
    written = {
        row["id"]: row["props"]
        for s in driver.statements
        if s.text.startswith("UNWIND $rows AS r MERGE (n:")
        for row in s.params["rows"]
    }
    assert written["build"] == {"built_at": "2026-01-02T03:04:05+00:00", "documents": ["a.txt"]}
    assert written[MAVIS["id"]] == {"aliases": ["Mavis"], "name": "Mavis Orrell"}
    edge_keys = sorted(row["key"] for s in driver.statements if "MERGE (a)-[e:" in s.text for row in s.params["rows"])
    assert edge_keys == sorted(
        [
            f"{KESTREL['id']}|FUNDED|{LANTERN['id']}",
            f"{KESTREL['id']}|FUNDED|{OTTER['id']}",
            f"{MAVIS['id']}|LEADS|{KESTREL['id']}",
        ]
    )


def test_kg_push_copies_to_another_store(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)
    source, target = tmp_path / "src", tmp_path / "dst"
    runner = CliRunner()
    with open_store(f"embedded:{source}", tmp_path) as src:
        src.replace_graph(NODES, EDGES)

    result = runner.invoke(cli, ["--data-dir", str(source), "push", "-q", "--to", f"embedded:{target}"])

    assert result.exit_code == 0, result.output
    assert result.output == f"Pushed 4 nodes and 3 edges from embedded:{source} to embedded:{target}.\n"
    with open_store(f"embedded:{target}", tmp_path) as dst:
        names = dst.run("MATCH (n:Organisation) RETURN n.name ORDER BY n.name").rows
    assert names == (("Kestrel Fund",), ("Lantern House",), ("Otter Lane Project",))


def test_kg_push_never_prints_the_password(tmp_path, monkeypatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    with open_store(f"embedded:{tmp_path / 'src'}", tmp_path) as src:
        src.replace_graph(NODES, EDGES)

    unreachable = runner.invoke(cli, ["--data-dir", str(tmp_path / "src"), "push", "--to", "bolt://127.0.0.1:1"])
    in_url = runner.invoke(cli, ["--data-dir", str(tmp_path / "src"), "push", "--to", f"bolt://u:{SECRET}@127.0.0.1:1"])

    assert unreachable.exit_code == 1
    assert "cannot reach Neo4j at bolt://kgwriter@127.0.0.1:1/foundation" in unreachable.output
    assert in_url.exit_code == 2
    assert "NEO4J_PASSWORD" in in_url.output
    for result in (unreachable, in_url):
        assert SECRET not in result.output
