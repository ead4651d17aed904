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

from graph.render_html import LARGE_GRAPH, render_html
from graph.view import to_view
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
    assert "Data as of 2031-05-06, built from 2 documents: papers" in page_html
    for item in ("Organisation", "Person", "FUNDED", "PARTNERED_WITH", "ROLE_AT"):
        assert f'value="{item}"' in page_html


def test_document_text_cannot_break_out_of_the_page_source(hostile_html, page_html):
    # Only kg's own script blocks close; the hostile text appears only in escaped forms.
    assert hostile_html.lower().count("</script") == page_html.lower().count("</script") == 5
    assert HOSTILE_IMG not in hostile_html
    assert "window.__pwned" in hostile_html  # it is there, as inert text
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in hostile_html  # the title, escaped by Jinja
    assert "<!--" not in hostile_html.split("<body>", 1)[1]


def test_large_graphs_are_laid_out_in_python_with_physics_off():
    import json

    n = LARGE_GRAPH + 50
    view = {
        "nodes": [{"id": f"n{i}", "label": "Organisation", "name": f"Org {i}", "aliases": [], "colour": "#0072B2",
                   "size": 10, "focus": False, "tooltip": f"Org {i}"} for i in range(n)],
        "edges": [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i // 2}", "type": "FUNDED", "colour": "#D55E00",
                   "dash": "solid", "width": 1, "tooltip": ""} for i in range(1, n)],
        "legend": {"labels": [], "edge_types": []},
        "meta": {"title": "Big", "data_as_of": "unknown", "documents": 0, "sources": []},
    }
    html = render_html(view)
    options = json.loads(re.search(r'<script type="application/json" id="kg-options">(.*?)</script>', html, re.S).group(1))
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
        self.page.on("console", lambda msg: self.problems.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
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
    page.uncheck("input.kg-type-filter[value=FUNDED]")
    assert page.evaluate(hidden.format(kind="edges"), "organisation:fernbank-trust|FUNDED|organisation:oakridge-hub")
    page.click("#kg-reset")
    assert not page.evaluate(hidden.format(kind="nodes"), "person:mira-quell")


def test_clicking_a_node_greys_out_all_but_its_neighbourhood(open_page, page_html):
    page = open_page(page_html).page
    box = page.locator("#kg-network canvas").bounding_box()
    at = page.evaluate("""id => { kgNetwork.stopSimulation();
        const p = kgNetwork.getPositions([id])[id]; return kgNetwork.canvasToDOM(p); }""", "organisation:oakridge-hub")
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
        G.add_node(f"n{i}", id=f"n{i}", label=("Person", "Organisation")[i % 2], name=f"Made Up {i}", aliases=[], documents=[])
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
    page = render_html(to_view(G, build=BUILD))
    edges = json.loads(re.search(r'id="kg-edges">(.*?)</script>', page, re.S).group(1))
    looks = {e["kg_type"]: (e["dashes"], e["color"]["opacity"]) for e in edges}
    assert looks["FUNDED"][0] == [2, 4]  # dotted: the funding has ended
    assert looks["LOCATED_IN"][1] < 0.5  # faded: confidence 0.5
    assert looks["ROLE_AT"] == (False, 1.0)  # a current, confident fact: solid and full
    legend = re.sub(r"<[^>]+>|\s+", " ", page[page.index('id="kg-types"') : page.index('id="kg-reset"')])
    assert "ended 1" in legend and "low confidence 1" in legend


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
