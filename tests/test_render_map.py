"""Board-paper maps (valid, labelled, reproducible files) and the ``kg viz`` / ``kg map`` commands."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

import graph.cli.viz  # noqa: F401  (registers viz and map, whether or not the CLI package lists them yet)
from graph.render.board_map import render_map
from graph.render.view import to_view
from loaders.errors import UsageError
from tests.corpus_factory import write_corpus
from tests.helpers import kg as run
from tests.helpers import short_data_dir
from tests.viz_graph import BUILD, viz_graph

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def view():
    return to_view(viz_graph(), focus="Oakridge Hub", depth=2, build=BUILD, title="Partners of Oakridge Hub")


@pytest.fixture(scope="module")
def svg_text(view) -> str:
    return render_map(view, "svg").decode("utf-8")


def svg_strings(text: str) -> list[str]:
    root = ET.fromstring(text)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_is_a4_landscape_with_title_legend_and_footnote(svg_text):
    root = ET.fromstring(svg_text)
    assert root.get("width") == "841.68pt" and root.get("height") == "595.44pt"  # 297 x 210 mm
    strings = svg_strings(svg_text)
    assert "Partners of Oakridge Hub" in strings
    assert "Everything within 2 steps of Oakridge Hub" in strings
    assert {"Node labels", "Edge types", "Organisation (3)", "Person (3)", "Place (1)"} <= set(strings)
    assert {"funded, status not stated (1)", "partnered with (1)", "role at (3)", "located in (1)"} <= set(strings)
    # the footnote: when the sources are dated, the documents behind the facts drawn, the build's date and sources
    assert (
        "Sources undated. The facts drawn come from 2 documents: papers/spring.txt, papers/summer.txt. "
        "Graph built 2031-05-06 from 2 documents in papers"
    ) in strings
    for name in ("Oakridge Hub", "Fernbank Trust", "Mira Quell", "Pell Wexford", "Brackenfield"):
        assert name in strings


@pytest.mark.slow  # draws PDF and PNG with matplotlib (seconds each)
def test_pdf_and_png_are_valid_files(view):
    pdf = render_map(view, "pdf")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [ 0 0 841.68 595.44 ]" in pdf
    png = render_map(view, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.size == (3507, 2481)  # A4 at 300 dpi, for print
    assert [round(d) for d in image.info["dpi"]] == [300, 300]


@pytest.mark.slow  # draws PDF and PNG with matplotlib (seconds each)
@pytest.mark.parametrize("fmt", ["pdf", "svg", "png"])
def test_two_renders_are_identical(view, fmt):
    assert render_map(view, fmt) == render_map(
        to_view(viz_graph(), focus="Oakridge Hub", depth=2, build=BUILD, title="Partners of Oakridge Hub"), fmt
    )


def test_pdf_carries_no_creation_date(view):
    pdf = render_map(view, "pdf")
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf


def test_labels_do_not_overlap(view):
    from graph.render.board_map import _draw

    fig = _draw(view, seed=7)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) == len(view["nodes"])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "two node labels overlap"


def test_the_legend_stays_on_the_page_with_a_long_new_since_entry():
    from graph.render.board_map import _draw

    G = viz_graph()
    new = {"since": "2026-12-06 (build 20261206-045057-c81568b3)", "nodes": sorted(G.nodes)[:2], "edges": []}
    fig = _draw(to_view(G, build=BUILD, new=new), seed=7)
    fig.canvas.draw()  # legends are placed when drawn
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    texts = [t for legend in fig.legends for t in legend.get_texts()]
    assert any("new since" in t.get_text() for t in texts)
    for t in texts:
        box = t.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1, t.get_text()
    labels, types = (legend.get_window_extent(renderer) for legend in fig.legends)
    assert not labels.overlaps(types), "the two legends overlap"


def test_hostile_and_dollar_names_are_drawn_as_plain_text():
    hostile = "</text><script>x</script> $x^2$ & co"
    text = render_map(to_view(viz_graph(hostile)), "svg").decode("utf-8")
    assert hostile in svg_strings(text)
    assert "<script" not in text


def test_nothing_to_draw_and_unknown_formats_are_usage_errors(view):
    with pytest.raises(UsageError, match="pdf, svg, png"):
        render_map(view, "gif")
    with pytest.raises(UsageError, match="nothing to draw"):
        render_map(to_view(viz_graph(), types=["Cell"]), "svg")


# -- the commands, on a graph built from the made-up corpus ----------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = write_corpus(tmp_path_factory.mktemp("corpus") / "corpus")
    with short_data_dir() as data:
        run(data, "build", "-q", str(corpus))
        yield data


@pytest.mark.slow  # draws PDF and PNG with matplotlib (seconds each)
def test_kg_map_writes_each_format(built, tmp_path):
    for suffix, magic in ((".pdf", b"%PDF-"), (".svg", b"<?xml"), (".png", b"\x89PNG"), (".html", b"<!DOCTYPE html>")):
        out = tmp_path / f"map{suffix}"
        result = run(built, "map", "--focus", "northgate housing trust", "--depth", "1", "-o", str(out))
        assert out.read_bytes().startswith(magic)
        assert "Wrote" in result.output
    strings = svg_strings((tmp_path / "map.svg").read_text(encoding="utf-8"))
    assert "Network around Northgate Housing Trust" in strings
    assert any("Graph built " in s and "from 4 documents" in s for s in strings)


@pytest.mark.slow  # draws PDF and PNG with matplotlib (seconds each)
def test_kg_map_twice_gives_the_same_file(built, tmp_path):
    run(built, "map", "--focus", "Northgate Housing Trust", "--title", "Board map", "-o", str(tmp_path / "a.pdf"))
    run(built, "map", "--focus", "Northgate Housing Trust", "--title", "Board map", "-o", str(tmp_path / "b.pdf"))
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_kg_viz_writes_one_offline_page(built, tmp_path):
    out = tmp_path / "net.html"
    run(built, "viz", "--types", "Person,Organisation", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "Northgate Housing Trust" in html and 'value="Meeting"' not in html
    assert not list(tmp_path.glob("lib")), "pyvis' lib/ folder must not be copied"


def test_kg_viz_draws_what_a_prepared_query_returns(built, tmp_path):
    out = tmp_path / "partners.html"
    result = run(
        built, "viz", "--query", "partners-of", "-p", "organisation", "Northgate Housing Trust", "-o", str(out)
    )
    assert "2 nodes, 1 edges." in result.output
    html = out.read_text(encoding="utf-8")
    assert "Saltmarsh Council" in html and "Greenway Foundation" not in html


def test_kg_map_explains_mistakes(built, tmp_path):
    result = run(built, "map", "--focus", "Northgate", "-o", str(tmp_path / "m.pdf"), code=2)
    assert "Did you mean: Northgate Housing Trust" in result.output
    result = run(built, "map", "--focus", "Northgate Housing Trust", "-o", str(tmp_path / "m.doc"), code=2)
    assert ".pdf, .svg, .png, .html" in result.output
    result = run(built, "viz", "--types", "Charity", "-o", str(tmp_path / "v.html"), code=2)
    assert "unknown type 'Charity'" in result.output
    result = run(built, "viz", "-p", "organisation", "x", "-o", str(tmp_path / "v.html"), code=2)
    assert "only goes with --query" in result.output
    result = run(
        built,
        "map",
        "--focus",
        "Saltmarsh Council",
        "--query",
        "partners-of",
        "-p",
        "organisation",
        "Northgate Housing Trust",
        "-o",
        str(tmp_path / "m.pdf"),
        code=2,
    )
    assert "--focus and --query each choose what to draw" in result.output
    assert not (tmp_path / "m.pdf").exists() and not (tmp_path / "v.html").exists()


def test_kg_query_run_can_draw_its_result(built, tmp_path):
    out = tmp_path / "partners.svg"
    result = run(
        built, "query", "run", "partners-of", "-p", "organisation", "Northgate Housing Trust", "--map", str(out)
    )
    assert "Saltmarsh Council" in result.stdout  # the table still comes out
    strings = svg_strings(out.read_text(encoding="utf-8"))
    assert "Saltmarsh Council" in strings and "Greenway Foundation" not in strings
    assert "Partners of Northgate Housing Trust" in strings  # the title says what was asked, in words
    bad = run(
        built,
        "query",
        "run",
        "partners-of",
        "-p",
        "organisation",
        "Northgate Housing Trust",
        "--map",
        str(tmp_path / "m.doc"),
        code=2,
    )
    assert ".pdf, .svg, .png, .html" in bad.output


def test_what_is_new_since_a_build_is_highlighted(data_dir, tmp_path):
    from graph.history.builds import list_builds

    data, corpus = data_dir, write_corpus(tmp_path / "corpus")
    run(data, "build", "-q", str(corpus))
    (corpus / "new.txt").write_text(
        "Update\n\nOur first speaker was Wanjiru Castellano, Director of Fellside Commons.\n", encoding="utf-8"
    )
    run(data, "build", "-q", str(corpus))
    old = list_builds(data)[0].id
    svg = tmp_path / "new.svg"
    run(data, "map", "--focus", "Fellside Commons", "--new-since", old, "-o", str(svg))
    strings = svg_strings(svg.read_text(encoding="utf-8"))
    # the legend's entry, over its lines: the person and the org are new
    assert re.search(r"new since \S+ \(build [^)]+\) \(2\)", " ".join(strings))
    page = tmp_path / "new.html"
    run(data, "viz", "--new-since", old, "-o", str(page))
    assert f"new since {list_builds(data)[0].date[:10]}" in page.read_text(encoding="utf-8")


def test_funding_shows_who_funds_whom_ended_facts_show_and_no_fact_hides_another():
    import networkx as nx
    from matplotlib.patches import FancyArrowPatch

    from graph.render.board_map import _draw, linestyle

    G = nx.MultiDiGraph()
    for nid, label, name in [
        ("organisation:alder", "Organisation", "Alder Fund"),
        ("organisation:birch", "Organisation", "Birch Project"),
        ("person:cass", "Person", "Cass Doyle"),
    ]:
        G.add_node(nid, id=nid, label=label, name=name)
    G.add_edge(
        "organisation:alder",
        "organisation:birch",
        key="FUNDED",
        type="FUNDED",
        status="ended",
        low_confidence=True,
        count=1,
    )
    G.add_edge("organisation:alder", "organisation:birch", key="PARTNERED_WITH", type="PARTNERED_WITH", count=1)
    G.add_edge("person:cass", "organisation:birch", key="ROLE_AT", type="ROLE_AT", count=1)
    fig = _draw(to_view(G, build=BUILD), seed=7)
    curves = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    # the two facts between the fund and the project bend opposite ways, so both show
    assert len(curves) == 2
    rads = sorted(c.get_connectionstyle().rad for c in curves)
    assert rads[0] < 0 < rads[1]
    # only the funding has an arrowhead (a person's role reads one way without one)
    heads = [c for c in curves if type(c.get_arrowstyle()).__name__ != "Curve"]
    assert len(heads) == 1
    assert heads[0].get_linestyle() == linestyle("dotted")  # the funding ended
    legend = {t.get_text(): h for lg in fig.legends for t, h in zip(lg.get_texts(), lg.legend_handles, strict=False)}
    assert {"funded, ended (1)", "partnered with (1)", "role at (1)", "arrow: from who to whom"} <= set(legend)
    # drawn as the map draws it: dotted and faded, as every funding drawn is ended and weak
    funded = legend["funded, ended (1)"]
    assert funded._unscaled_dash_pattern == heads[0]._unscaled_dash_pattern  # the same dots
    assert (funded.get_linewidth(), funded.get_alpha()) == (heads[0].get_linewidth(), heads[0].get_alpha())
    assert funded.get_alpha() < 0.5


def test_funding_each_way_between_one_pair_is_two_curves_on_opposite_sides():
    import networkx as nx
    from matplotlib.patches import FancyArrowPatch

    from graph.render.board_map import _draw

    G = nx.MultiDiGraph()
    for nid, name in [("organisation:alder", "Alder Fund"), ("organisation:birch", "Birch Project")]:
        G.add_node(nid, id=nid, label="Organisation", name=name)
    G.add_edge("organisation:alder", "organisation:birch", key="FUNDED", type="FUNDED", count=1)
    G.add_edge("organisation:birch", "organisation:alder", key="FUNDED", type="FUNDED", count=1)
    fig = _draw(to_view(G, build=BUILD), seed=7)
    fig.canvas.draw()
    curves = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert len(curves) == 2
    # an arc from A to B bending by r is the arc from B to A bending by -r: that would be one curve
    (a1, b1), (a2, b2) = (c._posA_posB for c in curves)
    r1, r2 = (c.get_connectionstyle().rad for c in curves)
    assert (a1, b1) == (b2, a2) and r1 != -r2


def test_a_map_of_a_connection_draws_the_route_between_the_two(built, tmp_path):
    out = tmp_path / "route.svg"
    result = run(
        built,
        "map",
        "--query",
        "connection",
        "-p",
        "first",
        "Saltmarsh Council",
        "-p",
        "second",
        "Greenway Foundation",
        "-o",
        str(out),
    )
    # the route runs through Northgate Housing Trust: three entities and the two facts between them
    assert "3 nodes, 2 edges." in result.output
    assert "Northgate Housing Trust" in svg_strings(out.read_text(encoding="utf-8"))


def test_a_long_title_stays_on_the_page_whole():
    title = (
        "Partners of Oakridge Hub: funding that ended in 2029, partnerships that go on, "
        "and the people who lead them across the region"
    )
    svg = render_map(to_view(viz_graph(), focus="Oakridge Hub", build=BUILD, title=title), "svg").decode("utf-8")
    lines = [t for t in svg_strings(svg) if len(t.split()) > 3 and t in title]  # not the names of nodes
    assert " ".join(lines) == title  # on one or two lines, every word of it
    # and a title too long for two lines ends in an ellipsis rather than running off the page
    svg = render_map(to_view(viz_graph(), build=BUILD, title=title * 4), "svg").decode("utf-8")
    assert any(t.endswith("\u2026") and t.strip("\u2026 ") in title * 4 for t in svg_strings(svg))


# -- measured on the drawn figure: names at their nodes, no line through a node ------------------


def dense_network():
    """A funder with many partners, grantees, staff and meetings, whose partners also partner
    each other: a busy focus map of about fifty entities (every name made up)."""
    import random

    import networkx as nx

    rng = random.Random(11)
    G = nx.MultiDiGraph()

    def node(nid, label, name):
        G.add_node(nid, id=nid, label=label, name=name, aliases=[], documents=[])

    def edge(s, t, etype, **attrs):
        G.add_edge(s, t, key=etype, type=etype, count=attrs.pop("count", 1), **attrs)

    node("organisation:alder", "Organisation", "Alder Vale Trust")
    partners = [f"organisation:p{i}" for i in range(20)]
    for i, p in enumerate(partners):
        node(
            p,
            "Organisation",
            f"{['Birch', 'Cedar', 'Damson', 'Elm'][i % 4]} {['Works', 'Network', 'Collective', 'Hub', 'Fund'][i // 4]}",
        )
        edge(min(p, "organisation:alder"), max(p, "organisation:alder"), "PARTNERED_WITH", low_confidence=i % 5 == 0)
    for _ in range(14):
        a, b = sorted(rng.sample(partners, 2))
        edge(a, b, "PARTNERED_WITH")
    for i, status in enumerate(["current", "past", "ended", None, "current", None, "past", None]):
        g = f"organisation:g{i}"
        node(g, "Organisation", f"Grantee Project {i}")
        edge("organisation:alder", g, "FUNDED", **({"status": status} if status else {}))
    for i in range(10):
        person = f"person:s{i}"
        node(person, "Person", f"{['Ada', 'Ben', 'Cleo', 'Dev', 'Eve'][i % 5]} {['Hartwell', 'Okonjo'][i // 5]}")
        edge(person, "organisation:alder" if i < 5 else rng.choice(partners), "ROLE_AT")
    for i in range(6):
        meeting = f"meeting:m{i}"
        node(meeting, "Meeting", f"Alder Vale roundtable {i + 1}")
        edge(f"person:s{i}", meeting, "CHAIRED")
        edge(f"person:s{(i + 1) % 10}", meeting, "SPOKE_AT")
    return G


def drawn(fig):
    """What the figure draws, in display units: node centres and radii, every line as points
    along it with the nodes it joins, and each name's box with the leader lines."""
    import numpy as np
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.patches import FancyArrowPatch

    fig.canvas.draw()
    ax = fig.axes[0]
    dots = next(c for c in ax.collections if isinstance(c, PathCollection))
    centres = ax.transData.transform(np.asarray(dots.get_offsets()))
    radii = np.sqrt(dots.get_sizes()) / 2 * fig.dpi / 72

    def nearest(point) -> int:
        return int(np.argmin(((centres - point) ** 2).sum(1)))

    lines = []
    for coll in ax.collections:
        if isinstance(coll, LineCollection):
            for seg in coll.get_segments():
                pts = ax.transData.transform(np.asarray(seg))
                steps = np.linspace(0, 1, 40)[:, None]
                lines.append((pts[0] * (1 - steps) + pts[1] * steps, {nearest(pts[0]), nearest(pts[-1])}))
    for patch in ax.patches:
        if isinstance(patch, FancyArrowPatch):
            path = patch.get_transform().transform_path(patch.get_path())
            pts = path.to_polygons(closed_only=False)[0]
            ends = {nearest(ax.transData.transform(p)) for p in patch._posA_posB}
            head = type(patch.get_arrowstyle()).__name__ != "Curve"
            lines.append((pts[: len(pts) // 2 + 1] if head else pts, ends))  # an arrow's path comes back along itself
    renderer = fig.canvas.get_renderer()
    names = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    leaders = [ax.transData.transform(np.column_stack(line.get_data())) for line in ax.lines]
    return centres, radii, lines, names, leaders


def _box_distance(box, point) -> float:
    dx = max(box.x0 - point[0], 0, point[0] - box.x1)
    dy = max(box.y0 - point[1], 0, point[1] - box.y1)
    return (dx * dx + dy * dy) ** 0.5


def test_a_dense_focus_map_draws_no_line_through_a_node_and_every_name_at_its_node():
    import numpy as np

    from graph.render.board_map import _draw, _short

    view = to_view(dense_network(), focus="Alder Vale Trust", depth=2, build=BUILD)
    assert len(view["nodes"]) >= 40
    fig = _draw(view, seed=7)
    centres, radii, lines, names, leaders = drawn(fig)
    order = {node["id"]: k for k, node in enumerate(view["nodes"])}
    by_name = {_short(node["name"]): order[node["id"]] for node in view["nodes"]}

    for points, ends in lines:
        for k in range(len(centres)):
            if k in ends:
                continue
            gap = np.sqrt(((points - centres[k]) ** 2).sum(1)).min()
            assert gap >= radii[k], (
                f"a line between {sorted(ends)} passes through node {k} ({gap:.1f} < {radii[k]:.1f})"
            )

    assert len(names) >= 0.9 * len(view["nodes"]), f"only {len(names)} of {len(view['nodes'])} nodes are named"
    for text, box in names:
        own = by_name[text]
        edge_gaps = [_box_distance(box, centres[k]) - radii[k] for k in range(len(centres))]
        assert min(edge_gaps) >= 0, f"the name {text!r} covers a node"
        nearest_other = min(g for k, g in enumerate(edge_gaps) if k != own)
        assert edge_gaps[own] < nearest_other, f"the name {text!r} is nearer another node than its own"
        if edge_gaps[own] > 4 * fig.dpi / 72:
            # further out than beside it: a leader line joins the name to its node
            assert any(
                np.hypot(*(line[0] - centres[own])) <= radii[own] + 1 and _box_distance(box, line[-1]) <= 1
                for line in leaders
            ), f"the name {text!r} is away from its node without a leader line"
    boxes = [box for _, box in names]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "two names overlap"


def test_the_legend_has_entries_only_for_what_the_map_draws_and_draws_them_as_it_does():
    from matplotlib.collections import LineCollection

    from graph.render.board_map import _draw

    view = to_view(dense_network(), focus="Alder Vale Trust", depth=1, build=BUILD)
    fig = _draw(view, seed=7)
    handles = {t.get_text(): h for lg in fig.legends for t, h in zip(lg.get_texts(), lg.legend_handles, strict=False)}
    drawn_types = {e["type"] for e in view["edges"]}
    assert "CHAIRED" not in drawn_types and not any(t.startswith("chaired") for t in handles)
    assert not any(t.startswith("Meeting") for t in handles)  # no meeting within one step
    # funding by status: each status drawn has its own entry, drawn with that status's line
    for status, words in (
        ("current", "funded, current (2)"),
        ("past", "funded, past (2)"),
        ("ended", "funded, ended (1)"),
        (None, "funded, status not stated (3)"),
    ):
        handle = handles[words]
        edges = [e for e in view["edges"] if e["type"] == "FUNDED" and e.get("status") == status]
        assert edges and handle.get_linewidth() == edges[0]["width"] and handle.get_color() == edges[0]["colour"]
    styles = {(h.get_linewidth(), h._unscaled_dash_pattern) for t, h in handles.items() if t.startswith("funded")}
    assert len(styles) == 4, "current, past, ended and not stated funding look different"
    # every straight line is drawn as the legend entry of its colour (faded, for weak facts)
    from matplotlib.colors import to_hex

    from graph.render.palette import FADED

    by_colour = {
        to_hex(h.get_color()): h
        for t, h in handles.items()
        if not t.startswith(("faded", "arrow")) and h.get_linestyle() != "None"
    }
    collections = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert collections
    for coll in collections:
        handle = by_colour[to_hex(coll.get_edgecolor()[0], keep_alpha=False)]
        assert coll._us_linestyles[0] == handle._unscaled_dash_pattern
        assert coll.get_alpha() in (handle.get_alpha() or 1.0, FADED)


def test_a_map_without_a_focus_draws_the_largest_connected_part_and_says_so(built, tmp_path):
    out = tmp_path / "whole.svg"
    run(built, "map", "-o", str(out))
    strings = svg_strings(out.read_text(encoding="utf-8"))
    subtitle = next(s for s in strings if "largest connected part" in s)
    assert "The largest connected part of the graph" in subtitle and "left out" in subtitle
    html = tmp_path / "whole.html"
    run(built, "map", "-o", str(html))  # the explorer shows everything (unconnected ones on request)
    assert "Show entities with no connection" in html.read_text(encoding="utf-8")


def test_a_query_map_takes_a_title(built, tmp_path):
    out = tmp_path / "partners.svg"
    run(
        built,
        "query",
        "run",
        "partners-of",
        "-p",
        "organisation",
        "Northgate Housing Trust",
        "--map",
        str(out),
        "--title",
        "Our partners this year",
    )
    assert "Our partners this year" in svg_strings(out.read_text(encoding="utf-8"))
    result = run(built, "query", "run", "timeline", "--title", "No map", code=2)
    assert "--title names the picture --map draws" in result.output
