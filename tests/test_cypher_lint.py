"""Neo4j's own Cypher linter accepts every Cypher text kg can send to a Neo4j server.

That is: every prepared query in ``queries/``, every schema and write statement the Neo4j
adapter generates, and the read statements of ``graph.query.lookup``, ``graph.stores.graph_rows`` and
``graph.exchange.push`` (collected by running them against a recording double of the driver).
Warnings are allowed; any error fails. Needs Node.js and ``npm ci`` in tools/cypher-lint
(the ``cypher_linter`` fixture skips, saying so, without them). Each run of the linter takes
seconds, so the fixture puts these tests in the slow tier.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j.graph import Graph, Node

from graph.model.assemble import build_graph
from graph.query.lookup import entity_card, find_entities, find_entity, graph_stats
from graph.stores.graph_rows import read_graph, to_store_rows
from graph.stores.neo4j import Neo4jStore
from loaders.errors import UsageError
from tests.cypher_lint import LintSetupError, errors, lint, parameters_of
from tests.neo4j_fake import RecordingDriver
from tests.optional import ROOT
from tests.records_factory import entity, extraction, make_document, relation

QUERIES = ROOT / "queries"

TEXT = (
    "Our guest was Rosalind Pike, chair of Marlow Fields Trust. Rosalind spoke about patient funding. "
    "Marlow Fields Trust funded Tidewater Studio."
)


def _sample_graph():
    doc = make_document("minutes.txt", [("Notes of Kiln Cell 4", TEXT)])
    ents = [
        entity(doc, "Person", "Rosalind Pike", aliases=("Rosalind",)),
        entity(doc, "Organisation", "Marlow Fields Trust"),
        entity(doc, "Organisation", "Tidewater Studio"),
        entity(doc, "Meeting", "Kiln Cell 4"),
        entity(doc, "Concept", "patient funding", attrs=(("salience", "core"),)),
    ]
    rels = [
        relation(
            doc,
            "ROLE_AT",
            ("Person", "Rosalind Pike"),
            ("Organisation", "Marlow Fields Trust"),
            "Rosalind Pike, chair of Marlow Fields Trust",
            attrs=(("title", "chair"),),
        ),
        relation(
            doc, "SPOKE_AT", ("Person", "Rosalind Pike"), ("Meeting", "Kiln Cell 4"), "Our guest was Rosalind Pike"
        ),
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Marlow Fields Trust"),
            ("Organisation", "Tidewater Studio"),
            "Marlow Fields Trust funded Tidewater Studio",
        ),
    ]
    return build_graph([doc], [extraction(doc, ents, rels)])


def _assert_clean(items: list[dict]) -> None:
    assert items, "nothing to lint"
    found = errors(lint(items))
    assert found == [], "Neo4j's Cypher linter reports errors:\n" + "\n".join(found)


def test_the_linter_runs_and_reports_errors(cypher_linter: str) -> None:
    diagnostics = lint(
        [
            {"name": "broken", "text": "MATCH (n RETURN n", "parameters": {}},
            {"name": "undeclared", "text": "MATCH (n {id: $who}) RETURN n", "parameters": {}},
            {"name": "fine", "text": "MATCH (n {id: $who}) RETURN n.name AS name", "parameters": {"who": "x"}},
        ]
    )
    by_name = {d["name"] for d in diagnostics if d["severity"] == "error"}
    assert by_name == {"broken", "undeclared"}


def test_without_node_the_lint_fails_with_an_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LintSetupError, match="Node.js is not installed.*npm ci"):
        lint([{"name": "q", "text": "RETURN 1", "parameters": {}}])


def _query_groups(size: int = 4) -> list[list[Path]]:
    # A few files per Node.js process: one process for all is too slow for one test, one per file wasteful.
    files = sorted(QUERIES.glob("*.cypher"))
    return [files[i : i + size] for i in range(0, len(files), size)]


def test_there_are_prepared_queries_to_lint() -> None:
    assert sum(map(len, _query_groups())) >= 10, f"the prepared queries are not in {QUERIES}"


@pytest.mark.parametrize("files", _query_groups(), ids=lambda files: ",".join(f.stem for f in files))
def test_every_prepared_query_is_valid_neo4j_cypher(cypher_linter: str, files: list[Path]) -> None:
    items = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        items.append({"name": path.name, "text": text, "parameters": {p: None for p in parameters_of(text)}})
    _assert_clean(items)


def test_every_statement_the_neo4j_store_sends_is_valid_cypher(cypher_linter: str) -> None:
    G = _sample_graph()
    nodes, edges = to_store_rows(G, {"built_at": "2026-01-01T00:00:00+00:00", "documents": ["minutes.txt"]})
    person = next(n for n in nodes if n["label"] == "Person")
    driver = RecordingDriver()
    driver.answer(
        "WHERE NOT n:KgBuild RETURN n.id AS id, labels(n)[0] AS label", ["id", "label"], [[person["id"], "Person"]]
    )
    driver.answer(
        "RETURN labels(n)[0] AS label, properties(n) AS props",
        ["label", "props"],
        [["Person", {"id": person["id"], "name": "Rosalind Pike"}]],
    )
    g = Graph()
    bare = g.relationship_type("FUNDED")(g, "5:x:1", 1, {"key": "k"})
    bare._start_node, bare._end_node = Node(g, "4:x:1", 1), Node(g, "4:x:2", 2)
    driver.answer("RETURN r AS funded", ["funded"], [[bare]])
    store = Neo4jStore("neo4j://graph.example.org:7687", env={}, driver=driver)

    # Writes (schema, delete, batched merges, build marker), then every read kg makes.
    store.replace_graph(nodes, edges, batch_size=2)
    store.has_graph()
    graph_stats(store)
    find_entities(store, "Rosalind Pike")
    entity_card(store, person["id"])
    read_graph(store)
    with pytest.raises(UsageError):
        find_entity(store, "Nobody Known")
    store.run("MATCH ()-[r:FUNDED]->() RETURN r AS funded")  # ends not returned: looked up by element id
    store.clear()

    seen: dict[str, dict] = {}
    for statement in driver.statements:
        seen.setdefault(statement.text, statement.params)
    texts = list(seen)
    assert any(t.startswith("CREATE CONSTRAINT kg_Person_id") for t in texts)
    assert any("MERGE (a)-[e:`FUNDED`" in t for t in texts)
    assert any("elementId(n)" in t for t in texts)
    _assert_clean([{"name": text, "text": text, "parameters": params} for text, params in seen.items()])
