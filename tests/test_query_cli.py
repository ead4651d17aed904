"""``kg query list|show|run`` and ``kg cypher`` through the command line, on the real embedded store."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.stores import EmbeddedServer, FalkorStore
from graph.stores.graph_rows import to_store_rows
from tests.helpers import kg as run_kg
from tests.helpers import short_data_dir
from tests.test_queries import make_query, world_graph


@pytest.fixture(scope="module")
def data_dir():
    """A data dir whose graph is the made-up world; its server runs for the whole module."""
    with short_data_dir() as data, EmbeddedServer(data) as server, FalkorStore(server) as store:
        G, _ = world_graph()
        store.replace_graph(*to_store_rows(G, {"built_at": "test"}))
        yield data


def kg(data_dir, *args: str, code: int = 0, env: dict | None = None):
    # A wide terminal unless a test says otherwise: tables fit the terminal's width.
    return run_kg(data_dir, *args, code=code, env={"KG_QUERIES": None, "COLUMNS": "250", **(env or {})})


@pytest.fixture
def my_queries(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "cell-count.cypher").write_text(
        make_query("cell-count", body="MATCH (c:Cell) RETURN count(c) AS cells"), encoding="utf-8"
    )
    return folder


def test_list_shows_every_built_in_query_with_its_description(data_dir):
    out = kg(data_dir, "query", "list").stdout
    assert "partners-of" in out and "The organisations an organisation partners with" in out
    assert len(out.splitlines()) >= 15


def test_your_own_queries_are_listed_beside_the_built_in_ones(data_dir, my_queries):
    out = kg(data_dir, "query", "list", "--queries", str(my_queries)).stdout
    assert "cell-count" in out and "[yours]" in out and "timeline" in out
    from_env = kg(data_dir, "query", "list", env={"KG_QUERIES": str(my_queries)}).stdout
    assert from_env == out
    (my_queries / "timeline.cypher").write_text(make_query("timeline"), encoding="utf-8")
    clashed = kg(data_dir, "query", "list", "--queries", str(my_queries))
    assert "Warning: query 'timeline'" in clashed.stderr and "rename" in clashed.stderr


def test_your_own_query_runs_by_name(data_dir, my_queries):
    out = kg(data_dir, "query", "run", "cell-count", "--queries", str(my_queries), "--format", "csv").stdout
    assert out == "cells\n2\n"


def test_show_gives_description_parameters_example_and_text(data_dir):
    out = kg(data_dir, "query", "show", "connection").stdout
    assert out.startswith("connection: How two entities are connected")
    assert "  first (entity)" in out and "  second (entity)" in out
    assert "Example: kg query run connection -p first" in out
    assert "allShortestPaths" in out


def test_an_unknown_query_is_a_usage_error_listing_the_known_ones(data_dir):
    result = kg(data_dir, "query", "run", "partner", code=2)
    assert "no query called 'partner'" in result.stderr and "partners-of" in result.stderr
    assert "partners-of" in kg(data_dir, "query", "show", "partner", code=2).stderr


def test_missing_and_unknown_parameters_are_usage_errors_listing_the_expected_ones(data_dir):
    missing = kg(data_dir, "query", "run", "people-at", code=2).stderr
    assert "needs organisation" in missing and "organisation (entity, Organisation)" in missing
    unknown = kg(data_dir, "query", "run", "people-at", "-p", "org", "x", code=2).stderr
    assert "no parameter org" in unknown and "organisation (entity, Organisation)" in unknown
    wrong = kg(data_dir, "query", "run", "most-connected", "-p", "limit", "lots", code=2).stderr
    assert "must be int" in wrong and "whole number" in wrong and "invalid literal" not in wrong


def test_cypher_names_the_parameters_it_was_given_no_value_for(data_dir):
    err = kg(
        data_dir, "cypher", "MATCH (p:Person) WHERE p.name = $who RETURN p LIMIT $n", "-p", "n", "1", code=2
    ).stderr
    assert "$who" in err and "-p" in err and "$n" not in err
    assert (
        kg(data_dir, "cypher", "RETURN '$not_a_parameter' AS text", "--format", "csv").stdout
        == "text\n$not_a_parameter\n"
    )


def test_run_finds_an_entity_by_alias_in_any_case_and_shows_a_table(data_dir):
    out = kg(data_dir, "query", "run", "people-at", "-p", "organisation", "ff").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["person", "title", "relation", "quotes", "sources"]
    assert lines[2].startswith("Joss Kettle") and lines[3].startswith("Priya Anand  board member")
    assert lines[-1] == "(2 rows)"


def test_an_ambiguous_name_lists_the_candidates(data_dir):
    err = kg(data_dir, "query", "run", "about", "-p", "entity", "Tobias", code=2).stderr
    assert "Tobias Marsh" in err and "Tobias Wren" in err


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_formats_hold_the_same_rows(data_dir, fmt):
    out = kg(data_dir, "query", "run", "funding", "--format", fmt).stdout
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["funder", "recipient", "status", "quotes", "sources"]
        assert rows[1][4] == "papers/grants.txt § Grants review"  # where each quote is: document § section
        assert [r[:3] for r in rows[1:]] == [
            ["Fernleaf Foundation", "Harbourlight Trust", "ended"],
            ["Fernleaf Foundation", "Saltmarsh Collective", "not stated"],
        ]
    elif fmt == "json":
        rows = json.loads(out)
        assert rows[0]["status"] == "ended" and rows[0]["quotes"] == [
            "Fernleaf Foundation (FF) funded Harbourlight Trust until 2020, when the grant ended"
        ]
        assert [r["recipient"] for r in rows] == ["Harbourlight Trust", "Saltmarsh Collective"]
    else:
        lines = out.splitlines()
        assert lines[0] == "| funder | recipient | status | quotes | sources |"
        assert lines[1] == "|---|---|---|---|---|"
        assert lines[2].startswith("| Fernleaf Foundation | Harbourlight Trust | ended | Fernleaf Foundation (FF)")


def test_output_goes_to_a_file(data_dir, tmp_path):
    target = tmp_path / "timeline.md"
    result = kg(data_dir, "query", "run", "timeline", "--format", "markdown", "-o", str(target))
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "| 2021-03-04 | Ember Cell 1 | Ember | Dunmore |" in text
    assert not (tmp_path / "timeline.md.part").exists()


def test_the_same_query_gives_the_same_bytes(data_dir):
    args = ("query", "run", "connection", "-p", "first", "Tobias Wren", "-p", "second", "Bramble", "--format", "json")
    assert kg(data_dir, *args).stdout == kg(data_dir, *args).stdout


def test_cypher_runs_ad_hoc_queries_with_typed_parameters(data_dir):
    out = kg(
        data_dir,
        "cypher",
        "MATCH (p:Person) RETURN p.name AS name ORDER BY name LIMIT $n",
        "-p",
        "n",
        "2",
        "--format",
        "csv",
    ).stdout
    assert out == "name\nJoss Kettle\nMira Castell\n"
    text = kg(data_dir, "cypher", "MATCH (p:Person {name: $name}) RETURN p.name AS name", "-p", "name", "Mira Castell")
    assert "Mira Castell" in text.stdout


def test_cypher_shows_nodes_relationships_and_paths_readably(data_dir):
    out = kg(
        data_dir,
        "cypher",
        "MATCH p = (a:Person {name: 'Mira Castell'})-[r:CHAIRED]->(m) RETURN a, r, p",
        "--format",
        "csv",
    ).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1] == [
        "Mira Castell (Person)",
        "person:mira-castell -CHAIRED-> meeting:ember-cell-1",
        "Mira Castell (Person) -CHAIRED-> Ember Cell 1 (Meeting)",
    ]


def test_cypher_is_read_only_unless_write_is_given(data_dir):
    err = kg(data_dir, "cypher", "CREATE (:Scratch {id: 'scratch'})", code=1).stderr
    assert "--write" in err
    kg(data_dir, "cypher", "CREATE (:Scratch {id: 'scratch'})", "--write")
    assert kg(data_dir, "cypher", "MATCH (s:Scratch) RETURN count(s) AS n", "--format", "csv").stdout == "n\n1\n"
    kg(data_dir, "cypher", "MATCH (s:Scratch) DELETE s", "--write")
    assert kg(data_dir, "cypher", "MATCH (s:Scratch) RETURN count(s) AS n", "--format", "csv").stdout == "n\n0\n"


def test_a_broken_cypher_text_is_an_error_not_a_traceback(data_dir):
    result = kg(data_dir, "cypher", "MATCH (n RETURN n", code=1)
    assert result.stderr.startswith("Error: ")


def _speaking_and_chairing() -> int:
    """How many SPOKE_AT and CHAIRED facts the made-up world has (Tobias Wren both spoke at and
    chaired one meeting: two relationships between one pair of nodes)."""
    G, _ = world_graph()
    return sum(1 for _, _, d in G.edges(data=True) if d["type"] in ("SPOKE_AT", "CHAIRED"))


def test_cypher_warns_that_count_star_over_relationships_can_undercount_and_its_advice_is_right(data_dir):
    counted = kg(
        data_dir, "cypher", "MATCH (p:Person)-[:SPOKE_AT|CHAIRED]->(m:Meeting) RETURN count(*) AS n", "--format", "csv"
    )
    assert "Note: " in counted.stderr and "count(r)" in counted.stderr
    assert "Note" not in counted.stdout  # the table stays clean for pasting

    # The advice (count a named relationship) gives every fact, the pair joined twice included.
    advised = kg(
        data_dir, "cypher", "MATCH (p:Person)-[r:SPOKE_AT|CHAIRED]->(m:Meeting) RETURN count(r) AS n", "--format", "csv"
    )
    assert advised.stdout == f"n\n{_speaking_and_chairing()}\n"
    assert advised.stderr == ""


@pytest.mark.parametrize(
    "text",
    [
        "MATCH (p:Person) RETURN count(*) AS n",  # no relationship: nothing to undercount
        "MATCH (p:Person)-[r:SPOKE_AT]->(m) RETURN count(r) AS n, 'count(*)' AS said // count(*)",
    ],
)
def test_cypher_says_nothing_more_when_count_star_is_not_over_relationships(data_dir, text):
    assert kg(data_dir, "cypher", text).stderr == ""


def test_your_own_queries_get_the_same_warning_and_the_built_in_ones_do_not(data_dir, my_queries):
    (my_queries / "talks.cypher").write_text(
        make_query("talks", body="MATCH (p:Person)-[:SPOKE_AT]->(:Meeting)-[:PART_OF]->(:Cell) RETURN count(*) AS n"),
        encoding="utf-8",
    )
    assert "Note: " in kg(data_dir, "query", "run", "talks", "--queries", str(my_queries)).stderr
    # bridges counts rows with count(*) after UNWIND, and is held to plain Python by its tests
    assert kg(data_dir, "query", "run", "bridges", "--queries", str(my_queries)).stderr == ""


def test_queries_before_any_build_say_what_to_do():
    with short_data_dir() as empty:
        err = kg(empty, "query", "run", "timeline", code=1).stderr
        assert "kg build" in err


@pytest.mark.parametrize(
    "args",
    [
        ("query", "run", "timeline", "-o", "{blocked}/timeline.csv"),
        ("cypher", "RETURN 1 AS one", "-o", "{blocked}/one.txt"),
        ("export", "--format", "json", "-o", "{blocked}/graph.json"),
        ("export", "--format", "kumu", "-o", "{blocked}/kumu"),
        ("review", "-o", "{blocked}/review.csv"),
        ("map", "--focus", "Ember", "-o", "{blocked}/ember.svg"),
    ],
)
def test_an_output_path_that_cannot_be_written_is_an_error_not_a_traceback(data_dir, tmp_path, args):
    blocked = tmp_path / "a-file"  # a file where the output's folder should be
    blocked.write_text("not a folder", encoding="utf-8")
    result = kg(data_dir, *(a.format(blocked=blocked) for a in args), code=2)
    assert result.stderr.startswith("Error: cannot ") and str(blocked) in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_the_output_files_ending_picks_the_format_unless_one_is_given(data_dir, tmp_path):
    as_csv = kg(data_dir, "query", "run", "timeline", "--format", "csv").stdout
    kg(data_dir, "query", "run", "timeline", "-o", str(tmp_path / "timeline.csv"))
    # the file starts with a byte-order mark, which Excel needs to read it as UTF-8
    assert (tmp_path / "timeline.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "timeline.csv").read_text(encoding="utf-8-sig") == as_csv
    kg(data_dir, "cypher", "MATCH (c:Cell) RETURN c.name AS cell ORDER BY cell", "-o", str(tmp_path / "cells.JSON"))
    assert json.loads((tmp_path / "cells.JSON").read_text(encoding="utf-8")) == [{"cell": "Bramble"}, {"cell": "Ember"}]
    kg(data_dir, "query", "run", "timeline", "-o", str(tmp_path / "timeline.md"))
    assert (tmp_path / "timeline.md").read_text(encoding="utf-8").startswith("| date |")
    # an explicit --format wins over the ending
    kg(data_dir, "query", "run", "timeline", "--format", "table", "-o", str(tmp_path / "table.csv"))
    assert (tmp_path / "table.csv").read_text(encoding="utf-8") == kg(data_dir, "query", "run", "timeline").stdout


def test_a_spreadsheet_file_is_refused_before_the_query_runs_with_the_csv_to_write_instead(data_dir, tmp_path):
    err = kg(data_dir, "query", "run", "timeline", "-o", str(tmp_path / "timeline.xlsx"), code=2).stderr
    assert "timeline.csv" in err
    assert list(tmp_path.iterdir()) == []


def test_a_broken_query_file_of_yours_is_a_warning_and_every_other_query_runs(data_dir, my_queries):
    (my_queries / "broken.cypher").write_text("MATCH (n) RETURN n\n", encoding="utf-8")  # no header
    result = kg(data_dir, "query", "run", "cell-count", "--queries", str(my_queries), "--format", "csv")
    assert result.stdout == "cells\n2\n"
    assert "Warning: " in result.stderr and "broken.cypher" in result.stderr


def test_an_entity_of_another_kind_is_refused_and_an_empty_answer_names_its_entities(data_dir):
    # a person given where the query means an organisation: refused, saying what it takes
    result = kg(data_dir, "query", "run", "partners-of", "-p", "organisation", "Tobias Wren", code=2)
    assert "person:tobias-wren is a Person" in result.stderr and "takes an Organisation" in result.stderr
    found = kg(data_dir, "query", "run", "partners-of", "-p", "organisation", "Harbourlight Trust")
    assert "(0 rows)" not in found.stdout and found.stderr == ""
    # a query of any kind with nothing to say: the note shows what each name was taken to be
    none = kg(
        data_dir, "query", "run", "mentioned-together", "-p", "first", "Tobias Wren", "-p", "second", "tobias wren"
    )
    assert "(0 rows)" in none.stdout
    assert "first and second are the same entity (person:tobias-wren)" in none.stderr


# -- tables a terminal can show, answers that say what they mean -----------------------------------


def test_a_table_fits_the_terminal(data_dir):
    wide = kg(data_dir, "query", "run", "funding").stdout
    assert max(len(line) for line in wide.splitlines()) > 100  # these rows are long
    narrow = kg(data_dir, "query", "run", "funding", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert "when the grant ended" in " ".join(narrow.split())  # wrapped, not cut


def test_no_connection_says_there_is_no_path_within_the_steps_searched(data_dir):
    result = kg(data_dir, "query", "run", "connection", "-p", "first", "Westmoor", "-p", "second", "Dunmore")
    assert "Note: no path within 6 steps between Westmoor and Dunmore" in result.stderr
    assert "holds no such facts" not in result.stderr
    # the number said is the number the query searches
    import re

    from graph.query.prepared import load_library

    query = load_library().get("connection")
    assert re.search(r"\*\.\.(\d+)\]", query.text).group(1) in query.empty


def test_kg_show_prints_a_partnership_the_same_way_from_either_side(data_dir):
    left = kg(data_dir, "show", "Harbourlight Trust").stdout
    right = kg(data_dir, "show", "Saltmarsh Collective").stdout
    assert "PARTNERED_WITH -- Saltmarsh Collective (Organisation)" in left.splitlines()
    assert "PARTNERED_WITH -- Harbourlight Trust (Organisation)" in right.splitlines()


# -- where the graph is ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project():
    """A folder holding kg-data (the made-up world) and a subfolder of documents."""
    root = Path(tempfile.mkdtemp(prefix="kgp-", dir="/tmp"))
    with EmbeddedServer(root / "kg-data") as server, FalkorStore(server) as store:
        G, _ = world_graph()
        store.replace_graph(*to_store_rows(G, {"built_at": "test"}))
        (root / "papers" / "2021").mkdir(parents=True)
        yield root
    shutil.rmtree(root, ignore_errors=True)


def test_commands_find_the_graph_from_a_subfolder_as_git_finds_its_repository(project, monkeypatch):
    monkeypatch.chdir(project / "papers" / "2021")
    result = CliRunner().invoke(cli, ["query", "run", "timeline"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Ember Cell 1" in result.stdout
    assert not (project / "papers" / "2021" / "kg-data").exists()


def test_a_read_command_where_there_is_no_graph_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["stats"], ["show", "Anyone"], ["query", "run", "timeline"], ["export", "--format", "json"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert "no graph has been built" in result.output and "kg build" in result.output
        assert not (tmp_path / "kg-data").exists(), args
