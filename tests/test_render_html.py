"""The explorer page: self-contained, safe with hostile text, and working in a real browser.

The browser tests drive Debian's Chromium (``apt-get install chromium``) through Python
playwright, with its own networking switched off (the ``browser`` fixture in conftest.py); they
are skipped, saying how to get what is missing, when either is (and fail under KG_CI).
``playwright install`` is never needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.render.explorer import LARGE_GRAPH, render_html
from graph.render.view import to_view
from tests.viz_graph import BUILD, viz_graph

HOSTILE_IMG = "<img src=x onerror=window.__pwned=1>"
HOSTILE_SCRIPT = "</script><script>window.__pwned=1</script>"
HOSTILE_COMMENT = "<!--<script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def page_html() -> str:
    return render_html(to_view(viz_graph(), build=BUILD))


@pytest.fixture(scope="module")
def hostile_html() -> str:
    G = viz_graph(HOSTILE_IMG)
    G2 = viz_graph(HOSTILE_SCRIPT)
    G3 = viz_graph(HOSTILE_COMMENT)
    for extra in (G2, G3):
        G.add_nodes_from(extra.nodes(data=True))
        G.add_edges_from(extra.edges(keys=True, data=True))
    build = dict(BUILD, sources=[HOSTILE_SCRIPT])
    return render_html(to_view(G, build=build, title=HOSTILE_IMG))


def test_the_page_links_nothing_outside_itself(page_html):
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:|//|ftp:)""", page_html, re.I)
    assert "<link" not in page_html
    assert "@import" not in page_html
    assert "Content-Security-Policy" in page_html and "default-src 'none'" in page_html


def test_same_view_gives_the_same_page(page_html):
    assert render_html(to_view(viz_graph(), build=BUILD)) == page_html


def test_the_page_carries_title_caption_and_legend(page_html):
    assert "<h1>Knowledge graph network</h1>" in page_html
    assert "Sources undated. Graph built 2031-05-06 from 2 documents: papers" in page_html
    for item in ("Organisation", "Person", "FUNDED:none", "PARTNERED_WITH", "ROLE_AT"):
        assert f'value="{item}"' in page_html
    # edge types in words, as on the printed map
    legend = re.sub(r"<[^>]+>|\s+", " ", page_html[page_html.index('id="kg-types"') : page_html.index('id="kg-reset"')])
    assert "partnered with 1" in legend and "role at 3" in legend and "funded, status not stated 1" in legend


def test_document_text_cannot_break_out_of_the_page_source(hostile_html, page_html):
    # Only kg's own script blocks close; the hostile text appears only in escaped forms.
    assert hostile_html.lower().count("</script") == page_html.lower().count("</script") == 5
    assert HOSTILE_IMG not in hostile_html
    assert "window.__pwned" in hostile_html  # it is there, as inert text
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in hostile_html  # the title, escaped by Jinja
    assert "<!--" not in hostile_html.split("<body>", 1)[1]


def test_large_graphs_are_laid_out_in_python_with_physics_off():
    import json

    import networkx as nx

    n = LARGE_GRAPH + 50
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"n{i}", id=f"n{i}", label="Organisation", name=f"Org {i}", aliases=[], documents=[])
    for i in range(1, n):
        G.add_edge(f"n{i}", f"n{i // 2}", key="FUNDED", type="FUNDED", count=1)
    view = to_view(G)
    html = render_html(view)
    options = json.loads(
        re.search(r'<script type="application/json" id="kg-options">(.*?)</script>', html, re.S).group(1)
    )
    nodes = json.loads(re.search(r'<script type="application/json" id="kg-nodes">(.*?)</script>', html, re.S).group(1))
    assert options["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in nodes)


# -- in a real browser --------------------------------------------------------------------------


class Opened:
    """A page opened from a file, with every request and console message it made."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.page = self.context.new_page()
        # Anything but the file itself is refused, so a leak would show up and never reach out.
        self.context.route("**/*", lambda route: route.continue_() if route.request.url == self.url else route.abort())
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on(
            "console",
            lambda msg: self.problems.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-drawn=yes]", timeout=15000)

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, tmp_path):
    opened = []

    def opener(html: str) -> Opened:
        path = tmp_path / f"page{len(opened)}.html"
        path.write_text(html, encoding="utf-8")
        opened.append(Opened(browser, path))
        return opened[-1]

    yield opener
    for page in opened:
        page.close()


def non_white_pixels(png: bytes) -> int:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(image.histogram()[:240])


def test_the_explorer_opens_offline_and_draws(open_page, page_html):
    opened = open_page(page_html)
    assert opened.requests == [opened.url]
    assert opened.problems == []
    canvas = opened.page.locator("#kg-network canvas")
    assert canvas.count() == 1
    assert non_white_pixels(canvas.screenshot()) > 2000


def test_hostile_names_do_not_run(open_page, hostile_html):
    opened = open_page(hostile_html)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.fill("#kg-search", "pwned")
    results = page.locator("#kg-results li").all_text_contents()
    assert f"{HOSTILE_IMG} (Organisation)" in results and f"{HOSTILE_SCRIPT} (Organisation)" in results
    page.locator("#kg-results li", has_text="img src").click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("h1").text_content() == HOSTILE_IMG
    assert opened.requests == [opened.url]
    assert opened.problems == []


def test_filters_hide_labels_and_edge_types(open_page, page_html):
    page = open_page(page_html).page
    hidden = "id => kgNetwork.body.data.{kind}.get(id).hidden === true"
    page.uncheck("input.kg-label-filter[value=Person]")
    assert page.evaluate(hidden.format(kind="nodes"), "person:mira-quell")
    assert page.evaluate(hidden.format(kind="edges"), "person:mira-quell|ROLE_AT|organisation:fernbank-trust")
    assert not page.evaluate(hidden.format(kind="nodes"), "organisation:oakridge-hub")
    page.uncheck("input.kg-type-filter[value='FUNDED:none']")
    assert page.evaluate(hidden.format(kind="edges"), "organisation:fernbank-trust|FUNDED|organisation:oakridge-hub")
    page.click("#kg-reset")
    assert not page.evaluate(hidden.format(kind="nodes"), "person:mira-quell")


def test_clicking_a_node_greys_out_all_but_its_neighbourhood(open_page, page_html):
    page = open_page(page_html).page
    box = page.locator("#kg-network canvas").bounding_box()
    at = page.evaluate(
        """id => { kgNetwork.stopSimulation();
        const p = kgNetwork.getPositions([id])[id]; return kgNetwork.canvasToDOM(p); }""",
        "organisation:oakridge-hub",
    )
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    colour = "id => JSON.stringify(kgNetwork.body.data.nodes.get(id).color)"
    assert "200,200,200" in page.evaluate(colour, "person:pell-wexford")  # two steps away: greyed
    assert "200,200,200" not in page.evaluate(colour, "person:dex-harlan")  # a neighbour: kept
    assert "200,200,200" not in page.evaluate(colour, "organisation:oakridge-hub")
    edge = "id => JSON.stringify(kgNetwork.body.data.edges.get(id).color)"
    assert "200,200,200" not in page.evaluate(edge, "organisation:fernbank-trust|FUNDED|organisation:oakridge-hub")
    assert "200,200,200" in page.evaluate(edge, "person:mira-quell|ROLE_AT|organisation:fernbank-trust")  # not its own
    page.mouse.click(box["x"] + 3, box["y"] + 3)  # empty space: everything comes back
    assert "200,200,200" not in page.evaluate(edge, "person:mira-quell|ROLE_AT|organisation:fernbank-trust")


def test_search_offers_only_what_the_filters_show(open_page, page_html):
    page = open_page(page_html).page
    page.fill("#kg-search", "Mira")
    assert page.locator("#kg-results li").all_text_contents() == ["Mira Quell (Person)"]
    page.uncheck("input.kg-label-filter[value=Person]")
    page.fill("#kg-search", "Mir")
    assert page.locator("#kg-results li").all_text_contents() == []


def test_a_large_graph_opens_and_draws(open_page):
    import random

    import networkx as nx

    rng = random.Random(5)
    G = nx.MultiDiGraph()
    for i in range(1500):
        G.add_node(
            f"n{i}", id=f"n{i}", label=("Person", "Organisation")[i % 2], name=f"Made Up {i}", aliases=[], documents=[]
        )
    for i in range(1, 1500):
        j = rng.randrange(i)
        G.add_edge(f"n{i}", f"n{j}", key="MEMBER_OF", type="MEMBER_OF", count=1)
    html = render_html(to_view(G))
    opened = open_page(html)  # waits until the network has been drawn (timed in bench/bench_explorer.py)
    assert opened.problems == []
    assert non_white_pixels(opened.page.locator("#kg-network canvas").screenshot()) > 2000


def test_ended_and_low_confidence_facts_look_as_they_do_on_the_printed_map():
    import json

    G = viz_graph()
    for _, _, data in G.edges(data=True):
        if data["type"] == "FUNDED":
            data["status"] = "ended"
    view = to_view(G, build=BUILD)
    page = render_html(view)
    edges = json.loads(re.search(r'id="kg-edges">(.*?)</script>', page, re.S).group(1))
    looks = {e["kg_type"]: (e["dashes"], e["color"]["opacity"]) for e in edges}
    assert looks["FUNDED"][0] == [2.2, 5.5]  # dotted: the funding has ended
    assert looks["LOCATED_IN"][1] < 0.5  # faded: confidence 0.5
    assert looks["ROLE_AT"] == (False, 1.0)  # a current, confident fact: solid and full
    # the map draws the same edges the same way (one decision, in graph.render.palette)
    by_id = {e["id"]: e for e in view["edges"]}
    for edge in edges:
        mine = by_id[edge["id"]]
        assert (edge["width"], edge["color"]["color"], edge["color"]["opacity"]) == (
            mine["width"],
            mine["colour"],
            mine["opacity"],
        )
    legend = re.sub(r"<[^>]+>|\s+", " ", page[page.index('id="kg-types"') : page.index('id="kg-reset"')])
    assert "funded, ended 1" in legend and "located in 1" in legend


def _legend_samples(page: str) -> dict[str, dict[str, str]]:
    """Each legend entry's sample line: its SVG line's attributes, by the entry's filter value."""
    samples = {}
    for key, line in re.findall(r'value="([^"]+)" checked>\s*<svg[^>]*><line ([^>]*)/>', page):
        samples[key] = dict(re.findall(r'([a-z-]+)="([^"]*)"', line))
    return samples


def test_the_legend_draws_each_entry_as_the_network_draws_its_edges():
    import json

    G = viz_graph()
    for _, _, data in G.edges(data=True):
        if data["type"] == "FUNDED":
            data["status"] = "current"
    G.add_edge(
        "organisation:tallow-collective",
        "organisation:fernbank-trust",
        key="FUNDED",
        type="FUNDED",
        status="past",
        count=1,
    )
    G.add_edge(
        "organisation:oakridge-hub",
        "organisation:tallow-collective",
        key="FUNDED",
        type="FUNDED",
        status="ended",
        count=1,
    )
    page = render_html(to_view(G, build=BUILD))
    edges = json.loads(re.search(r'id="kg-edges">(.*?)</script>', page, re.S).group(1))
    samples = _legend_samples(page)
    assert set(samples) == {e["kg_key"] for e in edges}  # an entry for what is drawn, and only that
    for edge in edges:
        line = samples[edge["kg_key"]]
        dashes = edge["dashes"] or []
        assert line["stroke"] == edge["color"]["color"]
        assert float(line["stroke-opacity"]) == edge["color"]["opacity"]
        assert float(line["stroke-width"]) == edge["width"]
        assert line["stroke-dasharray"] == (" ".join(str(x) for x in dashes) if dashes else "none")
    # current, past and ended funding are three different lines
    funded = [tuple(sorted(samples[k].items())) for k in ("FUNDED:current", "FUNDED:past", "FUNDED:ended")]
    assert len(set(funded)) == 3


def _hubs_and_isolates(hubs: int = 4, spokes: int = 45, alone: int = 150):
    """A graph shaped like a corpus's: a few well-connected organisations, and many entities
    (concepts, places) with no drawn fact."""
    import networkx as nx

    G = nx.MultiDiGraph()
    for h in range(hubs):
        G.add_node(f"h{h}", id=f"h{h}", label="Organisation", name=f"Hub {h}", aliases=[], documents=[])
        for s in range(spokes):
            node = f"s{h}-{s}"
            G.add_node(node, id=node, label="Person", name=f"Spoke {h}-{s}", aliases=[], documents=[])
            G.add_edge(node, f"h{h}", key="ROLE_AT", type="ROLE_AT", count=1)
            if s % 9 == 0:
                G.add_edge(node, f"h{(h + 1) % hubs}", key="SPOKE_AT", type="SPOKE_AT", count=1)
    for a in range(alone):
        G.add_node(f"a{a}", id=f"a{a}", label="Concept", name=f"Idea {a}", aliases=[], documents=[])
    return G


def test_a_corpus_sized_network_opens_with_its_nodes_apart(open_page):
    # A corpus of a few hundred entities settles in the browser: its busy parts spread out
    # rather than piling up (laid out in advance, they did: names on top of each other).
    view = to_view(_hubs_and_isolates())  # 334 nodes
    opened = open_page(render_html(view))
    positions = opened.page.evaluate("() => Object.values(window.kgNetwork.getPositions())")
    points = [(p["x"], p["y"]) for p in positions]
    crowded = 0
    for i, (x, y) in enumerate(points):
        nearest = min(((x - u) ** 2 + (y - v) ** 2) ** 0.5 for j, (u, v) in enumerate(points) if j != i)
        crowded += nearest < 12  # closer than a node is wide: one hides the other
    assert crowded <= len(points) // 20, f"{crowded} of {len(points)} nodes sit on top of another"


# -- what the explorer shows at first, and as it is filtered ------------------------------------


def _two_groups():
    """People with roles at organisations, and, apart from them, meetings and the ideas they
    discussed; one concept that nothing connects; one weak role."""
    import networkx as nx

    G = nx.MultiDiGraph()

    def node(nid, label, name):
        G.add_node(nid, id=nid, label=label, name=name, aliases=[], documents=[])

    for i in range(6):
        node(f"organisation:o{i}", "Organisation", f"Quill Org {i}")
        node(f"person:p{i}", "Person", f"Wren Person {i}")
        G.add_edge(
            f"person:p{i}",
            f"organisation:o{i}",
            key="ROLE_AT",
            type="ROLE_AT",
            count=1,
            low_confidence=i == 0,
            confidence=0.5 if i == 0 else 0.9,
        )
        if i:
            G.add_edge(
                f"organisation:o{i}", f"organisation:o{i - 1}", key="PARTNERED_WITH", type="PARTNERED_WITH", count=1
            )
    for i in range(4):
        node(f"meeting:m{i}", "Meeting", f"Lark Meeting {i}")
        node(f"concept:k{i}", "Concept", f"lark idea {i}")
        G.add_edge(f"meeting:m{i}", f"concept:k{i}", key="DISCUSSED", type="DISCUSSED", count=1)
        if i:
            G.add_edge(f"meeting:m{i}", f"concept:k{i - 1}", key="DISCUSSED", type="DISCUSSED", count=1)
    node("concept:alone", "Concept", "an idea on its own")
    return G


def _hidden(page, node_id: str) -> bool:
    return page.evaluate("id => kgNetwork.body.data.nodes.get(id).hidden === true", node_id)


def _counts(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.kg-count[data-label],'
        + ' .kg-count[data-key], #kg-faded-count')).map(s => [s.getAttribute('data-label') || s.getAttribute('data-key')
        || 'faded', s.textContent]))""")


def test_unconnected_entities_are_hidden_until_asked_for(open_page):
    page = open_page(render_html(to_view(_two_groups()))).page
    assert _hidden(page, "concept:alone")
    assert not _hidden(page, "concept:k0")
    assert _counts(page)["Concept"] == "4"
    page.check("#kg-unconnected")
    assert not _hidden(page, "concept:alone")
    assert _counts(page)["Concept"] == "5"


def test_filtering_refits_the_view_and_updates_the_legend_counts(open_page):
    opened = open_page(render_html(to_view(_two_groups())))
    page = opened.page
    box = page.locator("#kg-network canvas").bounding_box()

    def spread() -> float:
        """How much of the canvas's width the shown nodes span."""
        xs = page.evaluate("""() => Object.entries(kgNetwork.getPositions())
            .filter(([id]) => !kgNetwork.body.data.nodes.get(id).hidden)
            .map(([id, p]) => kgNetwork.canvasToDOM(p).x)""")
        return (max(xs) - min(xs)) / box["width"]

    page.wait_for_timeout(500)
    before = spread()
    page.uncheck("input.kg-type-filter[value=DISCUSSED]")  # the meetings and ideas lose their edges
    assert _hidden(page, "meeting:m0") and _hidden(page, "concept:k0")
    counts = _counts(page)
    assert (counts["Meeting"], counts["Concept"], counts["DISCUSSED"]) == ("0", "0", "0")
    assert (counts["Person"], counts["ROLE_AT"], counts["faded"]) == ("6", "6", "1")
    assert spread() > max(before, 0.5), "the view is fitted to what is left"
    page.uncheck("input.kg-label-filter[value=Person]")
    assert _counts(page)["ROLE_AT"] == "0" and _counts(page)["faded"] == "0"
    page.click("#kg-reset")
    assert _counts(page)["Meeting"] == "4" and _counts(page)["ROLE_AT"] == "6"


def test_highlighting_a_neighbourhood_keeps_the_edge_type_colours(open_page, page_html):
    page = open_page(page_html).page
    box = page.locator("#kg-network canvas").bounding_box()
    at = page.evaluate(
        """id => { kgNetwork.stopSimulation();
        const p = kgNetwork.getPositions([id])[id]; return kgNetwork.canvasToDOM(p); }""",
        "organisation:oakridge-hub",
    )
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    funded = "organisation:fernbank-trust|FUNDED|organisation:oakridge-hub"
    partnered = "organisation:oakridge-hub|PARTNERED_WITH|organisation:tallow-collective"
    assert page.evaluate("() => kgNetwork.getSelectedEdges().length") >= 2  # the neighbourhood's edges are selected
    for edge_id, colour in ((funded, "#000000"), (partnered, "#0072B2")):
        options = page.evaluate("id => kgNetwork.body.edges[id].options.color", edge_id)
        # drawn selected, an edge takes its highlight colour: that is its type's colour too
        assert (options["color"], options["highlight"]) == (colour, colour)


def test_the_low_confidence_legend_row_shows_a_sample_line(open_page):
    page = open_page(render_html(to_view(_two_groups()))).page
    row = page.locator("#kg-faded-row svg")
    assert row.count() == 1
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(row.screenshot())).convert("L")
    assert sum(image.histogram()[:235]) >= 10, "the sample line is drawn"


def _cell_world():
    """A cell whose ten meetings share their speakers and ideas: a busy middle."""
    import random

    import networkx as nx

    G = nx.MultiDiGraph()

    def node(nid, label, name):
        G.add_node(nid, id=nid, label=label, name=name, aliases=[], documents=[])

    rng = random.Random(3)
    node("cell:harbour", "Cell", "Harbour Cell")
    people = [f"person:p{i}" for i in range(30)]
    for p in people:
        node(p, "Person", f"Made Up {p[8:]}")
    for k in range(12):
        node(f"concept:k{k}", "Concept", f"idea {k}")
    for m in range(10):
        mid = f"meeting:m{m}"
        node(mid, "Meeting", f"Harbour Cell {m}")
        G.add_edge(mid, "cell:harbour", key="PART_OF", type="PART_OF", count=1)
        for p in rng.sample(people, 5):
            G.add_edge(p, mid, key="SPOKE_AT", type="SPOKE_AT", count=1)
        G.add_edge(people[m], mid, key="CHAIRED", type="CHAIRED", count=1)
        for k in rng.sample(range(12), 3):
            G.add_edge(mid, f"concept:k{k}", key="DISCUSSED", type="DISCUSSED", count=1)
    return G


@pytest.mark.parametrize("focus", ["cell:harbour", "meeting:m1"])
def test_a_focus_on_a_cell_or_meeting_keeps_its_busy_middle_apart(open_page, focus):
    view = to_view(_cell_world(), focus=focus, depth=2)
    page = open_page(render_html(view)).page
    page.wait_for_selector("body[data-settled=yes]", state="attached", timeout=20000)
    positions = page.evaluate("() => kgNetwork.getPositions()")
    radius = {n["id"]: n["size"] for n in view["nodes"]}  # a dot's size is its radius
    ids = sorted(positions)
    piled = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            gap = ((positions[a]["x"] - positions[b]["x"]) ** 2 + (positions[a]["y"] - positions[b]["y"]) ** 2) ** 0.5
            if gap < radius[a] + radius[b]:
                piled.append((a, b))
    assert not piled, f"nodes drawn on top of each other: {piled}"
