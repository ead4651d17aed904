"""Exports to Gephi, Kumu, neo4j-admin and Cypher, each read back with a real reader."""

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.exchange.canonical_json import to_json, to_json_data
from graph.exchange.export import FORMATS, export_text, write_export
from graph.exchange.neo4j_import import cypher_literal, cypher_statements
from graph.model.assemble import build_graph
from graph.render.palette import LABEL_COLOURS
from graph.stores.graph_rows import read_graph
from loaders.errors import UsageError
from tests.records_factory import entity, extraction, make_document, relation

# Made-up text with the characters exports get wrong: apostrophes, double quotes, backslashes,
# semicolons, a tab, a line break inside a quote and non-ASCII letters.
FIRST = (
    'Gwen O\'Malley chairs Larkspur Fund; she said "grants\\loans" matter.\n'
    "Larkspur Fund funded Brackenside Hub until March.\tZoë Prideaux spoke at Orchard Circle 4."
)
SECOND = "Brackenside Hub works in partnership with Tollgate Collective on open budgeting."


def sample_graph() -> nx.MultiDiGraph:
    doc = make_document("notes/board.txt", [("Orchard Circle 4", FIRST), ("Partners", SECOND)])
    ents = [
        entity(doc, "Person", "Gwen O'Malley", aliases=("Gwen",)),
        entity(doc, "Person", "Zoë Prideaux"),
        entity(doc, "Organisation", "Larkspur Fund"),
        entity(doc, "Organisation", "Brackenside Hub"),
        entity(doc, "Meeting", "Orchard Circle 4", attrs=(("date", "2024-03-05"),)),
        entity(doc, "Organisation", "Brackenside Hub", section=1),
        entity(doc, "Organisation", "Tollgate Collective", section=1),
        entity(doc, "Concept", "open budgeting", section=1, attrs=(("salience", "core"),)),
    ]
    rels = [
        relation(
            doc,
            "ROLE_AT",
            ("Person", "Gwen O'Malley"),
            ("Organisation", "Larkspur Fund"),
            'Gwen O\'Malley chairs Larkspur Fund; she said "grants\\loans" matter.\nLarkspur',
            attrs=(("title", "Chair; trustee"),),
        ),
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Larkspur Fund"),
            ("Organisation", "Brackenside Hub"),
            "Larkspur Fund funded Brackenside Hub until March.\tZoë",
            attrs=(("status", "ended"),),
        ),
        relation(
            doc,
            "SPOKE_AT",
            ("Person", "Zoë Prideaux"),
            ("Meeting", "Orchard Circle 4"),
            "Zoë Prideaux spoke at Orchard Circle 4",
            confidence=0.45,
        ),
        relation(
            doc,
            "PARTNERED_WITH",
            ("Organisation", "Tollgate Collective"),
            ("Organisation", "Brackenside Hub"),
            "Brackenside Hub works in partnership with Tollgate Collective",
            section=1,
        ),
    ]
    return build_graph([doc], [extraction(doc, ents, rels)])


@pytest.fixture(scope="module")
def G():
    return sample_graph()


def test_every_format_is_registered_and_unknown_ones_list_the_choices(tmp_path, G):
    assert sorted(FORMATS) == ["csv", "cypher", "gexf", "graphml", "json", "kumu"]
    with pytest.raises(UsageError, match="graphml"):
        write_export(G, "xlsx", tmp_path / "x")


def test_json_export_is_the_canonical_json(tmp_path, G):
    [path] = write_export(G, "json", tmp_path / "g.json")
    assert json.loads(path.read_text(encoding="utf-8")) == to_json_data(G)


def test_graphml_reads_back_with_label_type_colour_and_degree(tmp_path, G):
    [path] = write_export(G, "graphml", tmp_path / "g.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert H.number_of_edges() == G.number_of_edges()
    gwen = H.nodes["person:gwen-o-malley"]
    assert gwen["label"] == "Gwen O'Malley"
    assert gwen["type"] == "Person"
    assert gwen["colour"] == LABEL_COLOURS["Person"]
    assert gwen["degree"] == G.degree("person:gwen-o-malley")
    assert gwen["aliases"] == "Gwen"
    colour = LABEL_COLOURS["Person"]
    assert (gwen["r"], gwen["g"], gwen["b"]) == (
        int(colour[1:3], 16),
        int(colour[3:5], 16),
        int(colour[5:7], 16),
    )  # what Gephi colours GraphML nodes by
    funded = [d for _, _, d in H.edges(data=True) if d["type"] == "FUNDED"]
    assert funded[0]["status"] == "ended"
    assert "until March.\tZoë" in funded[0]["quotes"]


def test_graphml_ids_are_unique_as_gephi_needs(tmp_path, G):
    # Gephi keeps only the first edge of a repeated id, and XML ids must be unique anyway.
    [path] = write_export(G, "graphml", tmp_path / "g.graphml")
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edge_ids = [e.get("id") for e in root.iterfind(".//g:edge", ns)]
    assert len(edge_ids) == G.number_of_edges() and len(set(edge_ids)) == len(edge_ids)
    key_ids = [k.get("id") for k in root.iterfind("g:key", ns)]
    assert len(set(key_ids)) == len(key_ids)


def test_gexf_reads_back_with_label_type_colour_and_degree(tmp_path, G):
    [path] = write_export(G, "gexf", tmp_path / "g.gexf")
    text = path.read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text  # no date stamp: the same graph gives the same bytes
    H = nx.read_gexf(path)
    assert sorted(H.nodes) == sorted(G.nodes)
    hub = H.nodes["organisation:brackenside-hub"]
    assert (hub["label"], hub["type"], hub["colour"]) == (
        "Brackenside Hub",
        "Organisation",
        LABEL_COLOURS["Organisation"],
    )
    assert hub["degree"] == G.degree("organisation:brackenside-hub")
    assert hub["viz"]["color"]["r"] == int(LABEL_COLOURS["Organisation"][1:3], 16)
    relations = sorted(d["relation"] for _, _, d in H.edges(data=True))
    assert relations == sorted(d["type"] for _, _, d in G.edges(data=True))
    assert 'label="PARTNERED_WITH"' in text


def test_same_graph_gives_the_same_bytes_in_every_format(tmp_path, G):
    for fmt in FORMATS:
        first = write_export(G, fmt, tmp_path / "a" / f"out-{fmt}")
        second = write_export(sample_graph(), fmt, tmp_path / "b" / f"out-{fmt}")
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second], fmt


def _rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_kumu_sheets_have_elements_and_connections_with_evidence(tmp_path, G):
    elements_path, connections_path = write_export(G, "kumu", tmp_path / "kumu")
    elements = {r["Label"]: r for r in _rows(elements_path)}
    assert "Document" not in {r["Type"] for r in elements.values()}
    assert elements["Gwen O'Malley"]["Type"] == "Person"
    assert "Also called Gwen" in elements["Gwen O'Malley"]["Description"]
    assert elements["open budgeting"]["Tags"] == "core"
    connections = _rows(connections_path)
    assert {r["Type"] for r in connections} == {"ROLE_AT", "FUNDED", "SPOKE_AT", "PARTNERED_WITH"}
    assert all(r["From"] in elements and r["To"] in elements for r in connections)
    funded = next(r for r in connections if r["Type"] == "FUNDED")
    assert (funded["From"], funded["To"], funded["Tags"]) == ("Larkspur Fund", "Brackenside Hub", "ended")
    assert "\u201cLarkspur Fund funded Brackenside Hub until March." in funded["Description"]
    assert "(notes/board.txt \u00a7 Orchard Circle 4)" in funded["Description"]
    partners = next(r for r in connections if r["Type"] == "PARTNERED_WITH")
    assert partners["Direction"] == "undirected"
    role = next(r for r in connections if r["Type"] == "ROLE_AT")
    assert role["Label"] == "Chair; trustee"
    spoke = next(r for r in connections if r["Type"] == "SPOKE_AT")
    assert "low confidence" in spoke["Tags"].split("|")


def test_kumu_labels_stay_unique_when_two_elements_share_a_name(tmp_path):
    doc = make_document("a.txt", [("Note", "Elmstead is a place and Elmstead is a charity.")])
    G = build_graph(
        [doc], [extraction(doc, [entity(doc, "Place", "Elmstead"), entity(doc, "Organisation", "Elmstead")])]
    )
    elements_path, _ = write_export(G, "kumu", tmp_path / "kumu")
    assert sorted(r["Label"] for r in _rows(elements_path)) == ["Elmstead (Organisation)", "Elmstead (Place)"]


def test_neo4j_admin_csv_headers_and_arrays(tmp_path, G):
    nodes_path, rels_path = write_export(G, "csv", tmp_path / "neo4j")
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "aliases:string[]" in header and "curated:boolean" in header and "name" in header
    nodes = {r["id:ID"]: r for r in _rows(nodes_path)}
    assert len(nodes) == G.number_of_nodes()
    assert nodes["person:gwen-o-malley"][":LABEL"] == "Person"
    assert nodes["person:gwen-o-malley"]["aliases:string[]"] == "Gwen"
    assert nodes["meeting:orchard-circle-4"]["date"] == "2024-03-05"
    rels = _rows(rels_path)
    assert len(rels) == G.number_of_edges()
    with rels_path.open(encoding="utf-8", newline="") as fh:
        rheader = next(csv.reader(fh))
    assert rheader[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "confidence:double" in rheader and "count:long" in rheader and "quotes:string[]" in rheader
    role = next(r for r in rels if r[":TYPE"] == "ROLE_AT")
    assert role[":START_ID"] == "person:gwen-o-malley" and role["title"] == "Chair; trustee"
    # the array delimiter inside an array item would split it: it becomes a comma
    assert role["quotes:string[]"].startswith("Gwen O'Malley chairs Larkspur Fund, she said")
    mentions = next(r for r in rels if r[":TYPE"] == "MENTIONS" and r[":END_ID"] == "person:gwen-o-malley")
    assert mentions["quotes:string[]"].split(";") == ["Gwen", "Gwen O'Malley"]


def test_cypher_literals_escape_quotes_backslashes_and_line_breaks():
    assert cypher_literal('it\'s a \\ "test"\nnext') == "'it\\'s a \\\\ \"test\"\\nnext'"
    assert cypher_literal([1, 0.5, True, "a"]) == "[1, 0.5, true, 'a']"
    with pytest.raises(UsageError):
        cypher_literal(float("nan"))


def test_cypher_script_recreates_the_graph_in_falkordb(tmp_path, store, G):
    [path] = write_export(G, "cypher", tmp_path / "graph.cypher")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("//")]
    assert lines == [s + ";" for s in cypher_statements(G)]
    assert all("$" not in line.split("'")[0] for line in lines)  # no parameters
    store.replace_graph([], [])  # an empty graph to run the script into
    for line in lines:
        store.run(line.removesuffix(";"), write=True)
    assert to_json(read_graph(store)) == to_json(G)


def test_one_file_formats_also_render_as_text_and_folder_formats_need_a_path(tmp_path, G):
    for fmt in ("json", "graphml", "gexf", "cypher"):
        [path] = write_export(G, fmt, tmp_path / f"g.{fmt}")
        assert export_text(G, fmt) == path.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="folder"):
        export_text(G, "kumu")
    (tmp_path / "taken").write_text("x")
    with pytest.raises(UsageError, match="is a file"):
        write_export(G, "csv", tmp_path / "taken")


def test_a_built_corpus_survives_every_reader(tmp_path, store):
    from graph.builder.run import build_graph_from_paths
    from tests.corpus_factory import write_corpus

    G = build_graph_from_paths([write_corpus(tmp_path / "corpus")]).graph
    assert G.number_of_edges() > 0
    out = tmp_path / "out"
    assert json.loads(export_text(G, "json")) == to_json_data(G)
    assert (
        nx.read_graphml(write_export(G, "graphml", out / "g.graphml")[0], force_multigraph=True).number_of_edges()
        == G.number_of_edges()
    )
    assert nx.read_gexf(write_export(G, "gexf", out / "g.gexf")[0]).number_of_nodes() == G.number_of_nodes()
    nodes_path, rels_path = write_export(G, "csv", out / "neo4j")
    assert len(_rows(nodes_path)) == G.number_of_nodes() and len(_rows(rels_path)) == G.number_of_edges()
    elements, connections = (_rows(p) for p in write_export(G, "kumu", out / "kumu"))
    assert {r["From"] for r in connections} | {r["To"] for r in connections} <= {r["Label"] for r in elements}
    store.replace_graph([], [])
    for statement in cypher_statements(G):
        store.run(statement, write=True)
    assert to_json(read_graph(store)) == to_json(G)


def test_gephi_files_colour_each_kind_as_the_maps_and_the_explorer_do(G):
    from graph.render.view import LABEL_COLOURS as PICTURE_COLOURS

    assert LABEL_COLOURS == PICTURE_COLOURS
    text = export_text(G, "gexf")
    assert all(f'"{PICTURE_COLOURS[d["label"]]}"' in text for _, d in G.nodes(data=True))
