"""One way to find an entity by what a user types, for every command: ``kg show``, ``kg query
run -p``, ``kg viz --focus`` and ``kg map --focus`` find the same entity for the same words,
whether they ask the store or the graph read from it. Every name is made up."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.query.lookup import find_entity, find_entity_in_graph
from graph.stores import EmbeddedServer, FalkorStore
from graph.stores.graph_rows import to_store_rows
from loaders.errors import UsageError


def people_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for nid, label, name, aliases in [
        ("person:ada-hollins-pike", "Person", "Ada Hollins-Pike", ["Ada"]),
        ("organisation:hollins-trust", "Organisation", "Hollins Trust", ["HT"]),
        ("person:sol-brook", "Person", "Sol Brook", ["Sol"]),
        ("person:sol-vance", "Person", "Sol Vance", ["Sol"]),
        ("organisation:childrens-room", "Organisation", "Children\u2019s Room", []),
        ("concept:riverside-learning", "Concept", "Riverside Learning", []),
        ("organisation:riverside-learning", "Organisation", "Riverside Learning", []),
        ("person:zoe-adair", "Person", "Zo\u00eb Adair", []),
    ]:
        G.add_node(nid, id=nid, label=label, name=name, aliases=aliases, documents=["notes.txt"])
    G.add_edge(
        "person:ada-hollins-pike",
        "organisation:hollins-trust",
        key="ROLE_AT",
        type="ROLE_AT",
        count=1,
        quotes=["Ada Hollins-Pike of Hollins Trust"],
        documents=["notes.txt"],
        sections=["Spring"],
        starts=[0],
        ends=[33],
        rules=["test"],
        confidences=[0.9],
        confidence=0.9,
        low_confidence=False,
        curated=False,
    )
    return G


PROBES = [
    ("Ada Hollins Pike", ()),  # the hyphen typed as a space
    ("ada hollins-pike", ()),
    ("ADA", ()),  # an alias, in any case
    ("person:ada-hollins-pike", ()),  # the id
    ("CHILDREN\u2019S ROOM.", ()),  # punctuation that is not in the name
    ("children's room", ()),  # a straight one for a curly one
    ("Zoe Adair", ()),  # no accent
    ("Sol", ()),  # two people: ambiguous
    ("Riverside Learning", ()),  # a concept and an organisation: ambiguous ...
    ("Riverside Learning", ("Organisation",)),  # ... unless the query takes organisations
    ("Hollins", ()),  # nobody: close names suggested
]


@pytest.fixture(scope="module")
def data_dir():
    root = Path(tempfile.mkdtemp(prefix="kgr-", dir="/tmp"))
    with EmbeddedServer(root / "data") as server, FalkorStore(server) as store:
        store.replace_graph(*to_store_rows(people_graph(), {"built_at": "test"}))
        yield root / "data"
    shutil.rmtree(root, ignore_errors=True)


def _outcome(resolve, source, name, kinds):
    try:
        return resolve(source, name, kinds)["id"]
    except UsageError as exc:
        return f"error: {exc}"


@pytest.mark.parametrize("name, kinds", PROBES)
def test_the_store_and_the_graph_find_the_same_entity(data_dir, name, kinds):
    with EmbeddedServer(data_dir) as server, FalkorStore(server) as store:
        from_store = _outcome(find_entity, store, name, kinds)
    from_graph = _outcome(find_entity_in_graph, people_graph(), name, kinds)
    assert from_store == from_graph
    expected = {
        "Sol": "error",
        "Riverside Learning": "error" if not kinds else "organisation:riverside-learning",
        "Hollins": "error",
        "CHILDREN\u2019S ROOM.": "organisation:childrens-room",
        "children's room": "organisation:childrens-room",
        "Zoe Adair": "person:zoe-adair",
    }
    assert from_store.startswith(expected.get(name, "person:ada-hollins-pike"))


def kg(data_dir: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


def test_every_command_finds_a_name_typed_without_its_hyphen(data_dir, tmp_path):
    assert kg(data_dir, "show", "Ada Hollins Pike").stdout.startswith("Ada Hollins-Pike  (Person")
    about = kg(data_dir, "query", "run", "about", "-p", "entity", "Ada Hollins Pike").stdout
    assert "Ada Hollins-Pike of Hollins Trust" in about
    page = tmp_path / "ada.html"
    kg(data_dir, "viz", "--focus", "Ada Hollins Pike", "-o", str(page))
    assert "Network around Ada Hollins-Pike" in page.read_text(encoding="utf-8")
    picture = tmp_path / "ada.svg"
    kg(data_dir, "map", "--focus", "Ada Hollins Pike", "-o", str(picture))
    assert "Network around Ada Hollins-Pike" in picture.read_text(encoding="utf-8")


def test_every_command_refuses_an_ambiguous_name_the_same_way(data_dir, tmp_path):
    messages = {
        kg(data_dir, "show", "Sol", code=2).stderr.splitlines()[-1],
        kg(data_dir, "query", "run", "about", "-p", "entity", "Sol", code=2).stderr.splitlines()[-1],
        kg(data_dir, "viz", "--focus", "Sol", "-o", str(tmp_path / "x.html"), code=2).stderr.splitlines()[-1],
    }
    assert len(messages) == 1 and "could mean several entities: Sol Brook" in messages.pop()
