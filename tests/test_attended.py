"""ATTENDED (Person -> Meeting: attended the meeting the minutes record) through everything that
carries a fact type: the catalogue, the graph, the stores, every export, the prepared queries,
the pictures and their legends, the changes between builds and the README's graph model.

Extraction does not make ATTENDED facts here (it is tested where it does): these graphs are made
from records, and from a catalogue, as a user's own facts are. Every name is made up.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph.exchange.canonical_json import to_json_data
from graph.exchange.export import FORMATS, write_export
from graph.history.diff import diff_graphs, diff_markdown
from graph.model.assemble import build_graph
from graph.query.prepared import load_library
from graph.query.running import run_query
from graph.query.tables import shown_columns
from graph.render.board_map import _draw
from graph.render.explorer import render_html
from graph.render.view import to_view
from graph.stores.base import flagged_edge_types
from graph.stores.graph_rows import read_graph, to_store_rows
from loaders.catalogue import load_catalogue
from loaders.records import EDGE_TYPES
from tests.records_factory import entity, extraction, make_document, relation

MINUTES = (
    "Minutes of the Wrenfield board, 4 May 2023",
    "Present: Iona Fairweather, Rhys Cadwallader. Chair: Iona Fairweather. The board agreed the plan.",
)


def attended_graph(catalogue=None) -> nx.MultiDiGraph:
    doc = make_document("minutes/may.md", [MINUTES])
    meeting = ("Meeting", "Wrenfield board 4 May 2023")
    ents = [
        entity(doc, "Person", "Iona Fairweather"),
        entity(doc, "Person", "Rhys Cadwallader"),
        entity(doc, "Meeting", meeting[1]),
    ]
    rels = [
        relation(doc, "ATTENDED", ("Person", "Iona Fairweather"), meeting, "Present: Iona Fairweather"),
        relation(doc, "ATTENDED", ("Person", "Rhys Cadwallader"), meeting, "Rhys Cadwallader", confidence=0.5),
        relation(doc, "CHAIRED", ("Person", "Iona Fairweather"), meeting, "Chair: Iona Fairweather"),
    ]
    return build_graph([doc], [extraction(doc, ents, rels)], catalogue)


@pytest.fixture(scope="module")
def G():
    return attended_graph()


def test_attended_is_a_fact_type_and_the_stores_index_it():
    assert "ATTENDED" in EDGE_TYPES
    assert "ATTENDED" in flagged_edge_types([])  # its weak facts are found through an index


def test_the_graph_keeps_attendance_with_its_evidence(G):
    attended = [(s, t, d) for s, t, d in G.edges(data=True) if d["type"] == "ATTENDED"]
    assert sorted(s for s, _t, _d in attended) == ["person:iona-fairweather", "person:rhys-cadwallader"]
    weak = next(d for s, _t, d in attended if s == "person:rhys-cadwallader")
    assert weak["low_confidence"] and weak["quotes"] == ["Rhys Cadwallader"]


def test_a_catalogue_may_state_attendance(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text(
        "edges:\n  - type: ATTENDED\n    source: {label: Person, name: Tamsin Vell}\n"
        "    target: {label: Meeting, name: Wrenfield board 4 May 2023}\n    note: From the sign-in sheet\n",
        encoding="utf-8",
    )
    G = attended_graph(load_catalogue(path))
    curated = [d for s, _t, d in G.edges(data=True) if d["type"] == "ATTENDED" and s == "person:tamsin-vell"]
    assert len(curated) == 1 and curated[0]["curated"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_carries_attendance(G, tmp_path, fmt):
    files = write_export(G, fmt, tmp_path / f"out.{fmt}")
    text = "\n".join(Path(f).read_text(encoding="utf-8") for f in files)
    if fmt == "json":
        edges = json.loads(text)["edges"]
        assert sum(e["type"] == "ATTENDED" for e in edges) == 2
    elif fmt in ("graphml", "gexf"):
        read = nx.read_graphml(files[0]) if fmt == "graphml" else nx.read_gexf(files[0])
        kinds = [d.get("type") if fmt == "graphml" else d.get("relation") for *_e, d in read.edges(data=True)]
        assert kinds.count("ATTENDED") == 2
    elif fmt == "kumu":
        rows = list(csv.DictReader(open(files[1], encoding="utf-8")))
        assert [r["Direction"] for r in rows if r["Type"] == "ATTENDED"] == ["directed", "directed"]
    elif fmt == "csv":
        rows = list(csv.reader(open(files[1], encoding="utf-8")))
        assert sum(r[2] == "ATTENDED" for r in rows[1:]) == 2
    else:
        assert len(re.findall(r"CREATE \(a\)-\[:ATTENDED ", text)) == 2


def test_a_store_holds_attendance_and_the_queries_read_it(G, store):
    store.replace_graph(*to_store_rows(G, {"built_at": "test"}))
    assert sum(d["type"] == "ATTENDED" for *_e, d in read_graph(store).edges(data=True)) == 2
    library = load_library()

    def rows(name, **params):
        return [list(r) for r in shown_columns(run_query(store, library.get(name), params))[1]]

    assert [r[:2] for r in rows("meeting-people", meeting="Wrenfield board 4 May 2023")] == [
        ["Iona Fairweather", "attended"],
        ["Iona Fairweather", "chaired"],
        ["Rhys Cadwallader", "attended"],
    ]
    assert [r[3] for r in rows("meetings-of", person="Rhys Cadwallader")] == ["attended"]
    assert [r[1] for r in rows("low-confidence")] == ["ATTENDED"]
    assert ["Wrenfield board 4 May 2023", "Meeting", 1] in rows("neighbourhood", entity="Rhys Cadwallader", hops=1)
    assert rows("about", entity="Rhys Cadwallader")[0][:3] == ["ATTENDED", "to", "Wrenfield board 4 May 2023"]
    route = rows("connection", first="Rhys Cadwallader", second="Iona Fairweather")
    assert route and route[0][0] == "Rhys Cadwallader / Wrenfield board 4 May 2023 / Iona Fairweather"


def test_the_pictures_draw_attendance_with_its_own_look_and_legend_entry(G):
    view = to_view(G)
    attended = [e for e in view["edges"] if e["type"] == "ATTENDED"]
    assert {(e["colour"], e["dash"]) for e in attended} == {("#CC79A7", "dashdot")}
    entry = next(item for item in view["legend"]["edges"] if item["type"] == "ATTENDED")
    assert (entry["words"], entry["count"]) == ("attended", 2)
    page = render_html(view)
    assert 'value="ATTENDED"' in page and re.search(r"</svg>attended<span", page)
    fig = _draw(view, seed=7)
    assert "attended (2)" in [t.get_text() for lg in fig.legends for t in lg.get_texts()]


def test_the_changes_between_builds_say_who_attended(G):
    before = to_json_data(nx.MultiDiGraph())
    text = diff_markdown(diff_graphs(before, to_json_data(G)), since="before", until="now")
    assert "**Rhys Cadwallader** attended **Wrenfield board 4 May 2023** (low confidence)" in text


def test_the_readme_graph_model_names_every_fact_type():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    model = readme[readme.index("### The graph") :]
    model = model[: model.index("\n## ")]
    for etype in EDGE_TYPES:
        assert etype in model, etype
    assert re.search(r"ATTENDED.*Person.*Meeting", model, re.S)
