"""The interactive explorer: one self-contained HTML file drawn from a view (see ``graph.render.view``).

pyvis builds the vis-network data and renders it with ``generate_html()`` through kg's own
template: vis-network's script and style are inlined, nothing is fetched (pyvis' stock
template links Bootstrap from a CDN even in "in_line" mode), and a Content-Security-Policy
forbids any request the page might still try. Every string from the documents reaches the
page only as JSON inside a ``<script type="application/json">`` block (with ``<``, ``>`` and
``&`` escaped, so ``</script>`` and ``<!--`` cannot break out) or through Jinja's
autoescaping, and the page's own script writes it with ``textContent``, never ``innerHTML``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph.render.layout import layout_positions
from graph.render.palette import DASHES, FADED, edge_look
from graph.render.words import source_dates_text
from loaders.records import SYMMETRIC

__all__ = ["LARGE_GRAPH", "caption", "render_html"]

# Up to this many nodes the browser's physics settles the layout in a couple of seconds, and
# spreads busy parts apart better than a layout made in advance; above it, it would take far
# longer (minutes at thousands of nodes), so the layout is made in Python instead.
LARGE_GRAPH = 500
# The legend's sample lines, drawn as the network draws its edges (see graph.render.palette).
_SAMPLE_LENGTH = 34


def _dashes(dash: str, width: float) -> list[float] | bool:
    """A dash name as vis-network's dash pattern (pixels, scaled with the line's width as the
    printed map scales it); False for a solid line."""
    pattern = DASHES.get(dash, ())
    return [round(x * max(width, 1.0), 2) for x in pattern] if pattern else False


def _sample(item: Mapping[str, Any]) -> dict[str, Any]:
    """An SVG line that looks like the edges of a legend entry."""
    pattern = _dashes(item["dash"], item["width"])
    return {
        "colour": item["colour"],
        "width": item["width"],
        "opacity": item["opacity"],
        "dasharray": " ".join(str(x) for x in pattern) if pattern else "none",
        "length": _SAMPLE_LENGTH,
    }


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }}</title>
<style>{{ vis_css|safe }}</style>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #222; }
  header { padding: 8px 14px; border-bottom: 1px solid #ddd; }
  header h1 { font-size: 20px; margin: 0 0 2px 0; }
  header p { margin: 0; font-size: 12px; color: #555; }
  #kg-main { display: flex; height: calc(100vh - 62px); }
  #kg-side { width: 260px; overflow-y: auto; padding: 10px 12px; border-right: 1px solid #ddd; font-size: 13px; }
  #kg-side h2 { font-size: 13px; margin: 12px 0 4px 0; text-transform: uppercase; letter-spacing: .04em; color: #444; }
  #kg-side label { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
  #kg-search { width: 100%; box-sizing: border-box; padding: 5px; font-size: 13px; }
  #kg-results { list-style: none; padding: 0; margin: 4px 0; max-height: 160px; overflow-y: auto; }
  #kg-results li { padding: 2px 4px; cursor: pointer; border-radius: 3px; }
  #kg-results li:hover { background: #eef; }
  .kg-dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; border: 1px solid #444; flex: none; }
  .kg-sample { flex: none; }
  #kg-unconnected-row { margin-top: 6px; }
  .kg-count { color: #777; margin-left: auto; }
  #kg-reset { margin-top: 10px; }
  #kg-network { flex: 1; position: relative; background: #ffffff; }
  div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: inherit; font-size: 12px; }
</style>
</head>
<body>
<header>
  <h1>{{ heading }}</h1>
  <p>{{ caption }}</p>
</header>
<div id="kg-main">
  <aside id="kg-side">
    <h2>Search</h2>
    <input id="kg-search" type="search" placeholder="Name or alias" autocomplete="off" aria-label="Search nodes">
    <ul id="kg-results"></ul>
    <h2>Node labels</h2>
    <div id="kg-labels">
    {% for item in legend.labels %}
      <label><input type="checkbox" class="kg-label-filter" value="{{ item.label }}" checked>
        <span class="kg-dot" style="background: {{ item.colour }}"></span>{{ item.label }}<span class="kg-count" data-label="{{ item.label }}">{{ item.count }}</span></label>
    {% endfor %}
    </div>
    {% if unconnected %}
    <label id="kg-unconnected-row"><input type="checkbox" id="kg-unconnected">Show entities with no connection<span class="kg-count">{{ unconnected }}</span></label>
    {% endif %}
    <h2>Edge types</h2>
    <div id="kg-types">
    {% for item in edge_entries %}
      <label><input type="checkbox" class="kg-type-filter" value="{{ item.key }}" checked>
        <svg class="kg-sample" width="{{ item.sample.length }}" height="10" aria-hidden="true"><line x1="1" y1="5.5" x2="{{ item.sample.length - 1 }}" y2="5.5" stroke="{{ item.sample.colour }}" stroke-width="{{ item.sample.width }}" stroke-dasharray="{{ item.sample.dasharray }}" stroke-opacity="{{ item.sample.opacity }}"/></svg>{{ item.words }}<span class="kg-count" data-key="{{ item.key }}">{{ item.count }}</span></label>
    {% endfor %}
    {% if faded_sample %}
      <label id="kg-faded-row"><svg class="kg-sample" width="{{ faded_sample.length }}" height="10" aria-hidden="true"><line x1="1" y1="5.5" x2="{{ faded_sample.length - 1 }}" y2="5.5" stroke="{{ faded_sample.colour }}" stroke-width="{{ faded_sample.width }}" stroke-dasharray="{{ faded_sample.dasharray }}" stroke-opacity="{{ faded_sample.opacity }}"/></svg>faded: low confidence<span class="kg-count" id="kg-faded-count">{{ legend.low_confidence }}</span></label>
    {% endif %}
    </div>
    <button id="kg-reset" type="button">Show everything</button>
    <p>Click a node to highlight its neighbourhood; click empty space to clear.</p>
  </aside>
  <div id="kg-network"></div>
</div>
<script type="application/json" id="kg-nodes">{{ nodes|tojson }}</script>
<script type="application/json" id="kg-edges">{{ edges|tojson }}</script>
<script type="application/json" id="kg-options">{{ options_data|tojson }}</script>
<script>{{ vis_js|safe }}</script>
<script>
(function () {
  "use strict";
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var nodeList = data("kg-nodes"), edgeList = data("kg-edges"), options = data("kg-options");
  var base = {}, edgeBase = {};
  nodeList.forEach(function (n) { base[n.id] = { color: n.color, font: { color: "#222222" } }; });
  edgeList.forEach(function (e) { edgeBase[e.id] = e.color; });
  var nodes = new vis.DataSet(nodeList), edges = new vis.DataSet(edgeList);
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "yes"); });

  function checked(cls) {
    var out = {};
    document.querySelectorAll("input." + cls).forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  var unconnectedBox = document.getElementById("kg-unconnected");
  // What the filters leave: nodes of a checked label that have an edge of a checked type (or
  // every such node, when unconnected ones are asked for); the legend counts what is shown
  // and the view is fitted to it.
  function applyFilters(fit) {
    var labels = checked("kg-label-filter"), types = checked("kg-type-filter");
    var all = unconnectedBox !== null && unconnectedBox.checked;
    var labelled = {}, linked = {}, shown = {};
    nodeList.forEach(function (n) { labelled[n.id] = labels[n.kg_label] !== false; });
    var edgeShown = {};
    edgeList.forEach(function (e) {
      edgeShown[e.id] = types[e.kg_key] !== false && labelled[e.from] && labelled[e.to];
      if (edgeShown[e.id]) { linked[e.from] = true; linked[e.to] = true; }
    });
    var labelCounts = {}, keyCounts = {}, faded = 0, visible = [];
    nodes.update(nodeList.map(function (n) {
      shown[n.id] = labelled[n.id] && (all || linked[n.id] === true);
      if (shown[n.id]) { labelCounts[n.kg_label] = (labelCounts[n.kg_label] || 0) + 1; visible.push(n.id); }
      return { id: n.id, hidden: !shown[n.id] };
    }));
    edges.update(edgeList.map(function (e) {
      if (edgeShown[e.id]) {
        keyCounts[e.kg_key] = (keyCounts[e.kg_key] || 0) + 1;
        if (e.kg_faded_row) { faded += 1; }
      }
      return { id: e.id, hidden: !edgeShown[e.id] };
    }));
    document.querySelectorAll("#kg-labels .kg-count").forEach(function (span) {
      span.textContent = String(labelCounts[span.getAttribute("data-label")] || 0);
    });
    document.querySelectorAll("#kg-types .kg-count[data-key]").forEach(function (span) {
      span.textContent = String(keyCounts[span.getAttribute("data-key")] || 0);
    });
    var fadedCount = document.getElementById("kg-faded-count");
    if (fadedCount !== null) { fadedCount.textContent = String(faded); }
    if (fit && visible.length) { network.fit({ nodes: visible, animation: false }); }
  }
  document.querySelectorAll("input.kg-label-filter, input.kg-type-filter").forEach(function (box) {
    box.addEventListener("change", function () { applyFilters(true); });
  });
  if (unconnectedBox !== null) { unconnectedBox.addEventListener("change", function () { applyFilters(true); }); }
  applyFilters(false);
  // "settled": the layout is final (the physics has stabilised, or there is none)
  function settled() { document.body.setAttribute("data-settled", "yes"); }
  if (options.physics && options.physics.enabled) {
    network.once("stabilized", function () { applyFilters(true); settled(); });
  } else {
    network.once("afterDrawing", settled);
  }

  var highlighted = false;
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    nodes.update(nodeList.map(function (n) {
      return keep[n.id] ? { id: n.id, color: base[n.id].color, font: { color: "#222222" } }
                        : { id: n.id, color: "rgba(200,200,200,0.35)", font: { color: "rgba(120,120,120,0.5)" } };
    }));
    // the node's own edges keep their colour; every other edge fades with the other nodes
    edges.update(edgeList.map(function (e) {
      return { id: e.id, color: e.from === id || e.to === id ? edgeBase[e.id] : "rgba(200,200,200,0.25)" };
    }));
    highlighted = true;
  }
  function clearHighlight() {
    if (!highlighted) { return; }
    nodes.update(nodeList.map(function (n) { return { id: n.id, color: base[n.id].color, font: base[n.id].font }; }));
    edges.update(edgeList.map(function (e) { return { id: e.id, color: edgeBase[e.id] }; }));
    highlighted = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); } else { clearHighlight(); }
  });

  var search = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  function fold(s) { return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  search.addEventListener("input", function () {
    var q = fold(search.value.trim());
    while (results.firstChild) { results.removeChild(results.firstChild); }
    if (!q) { return; }
    nodeList.filter(function (n) {  // what the filters hide cannot be shown: not offered
      return !nodes.get(n.id).hidden && n.kg_search.some(function (s) { return fold(s).indexOf(q) >= 0; });
    }).slice(0, 30).forEach(function (n) {
      var li = document.createElement("li");
      li.textContent = n.label + " (" + n.kg_label + ")";
      li.addEventListener("click", function () {
        network.selectNodes([n.id]);
        network.focus(n.id, { scale: 1.2, animation: false });
        highlight(n.id);
      });
      results.appendChild(li);
    });
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    document.querySelectorAll("input.kg-label-filter, input.kg-type-filter").forEach(function (b) { b.checked = true; });
    search.value = "";
    while (results.firstChild) { results.removeChild(results.firstChild); }
    clearHighlight();
    network.unselectAll();
    applyFilters(true);
  });
})();
</script>
</body>
</html>
"""


def caption(meta: Mapping[str, Any]) -> str:
    """The line under the explorer's title: when the sources are dated, and when and from what
    the graph was built (as on the printed map)."""
    sources = ", ".join(meta.get("sources") or []) or "no sources recorded"
    n = meta.get("documents", 0)
    text = (
        f"{source_dates_text(meta)}. Graph built {meta.get('data_as_of', 'unknown')} from {n} "
        f"document{'s' if n != 1 else ''}: {sources}"
    )
    if meta.get("new_since"):
        text += f". Thick outlines and lines: new since {meta['new_since']}"
    return text


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _network(view: Mapping[str, Any], *, seed: int):
    from pyvis.network import Network

    large = len(view["nodes"]) > LARGE_GRAPH
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=view["meta"]["title"])
    positions = layout_positions(view, seed=seed) if large else {}
    # Spread Python's [-1, 1] layout so average spacing is roughly a node's width apart.
    spread = 25.0 * max(len(view["nodes"]), 1) ** 0.5
    for node in view["nodes"]:
        extra = {}
        if node["id"] in positions:
            x, y = positions[node["id"]]
            extra = {"x": round(x * spread, 2), "y": round(-y * spread, 2)}
        net.add_node(
            node["id"],
            label=node["name"],
            title=node["tooltip"],
            color=node["colour"],
            size=node["size"],
            borderWidth=5 if node.get("new") else 3 if node.get("focus") else 1,
            kg_label=node["label"],
            kg_search=[node["name"], *node["aliases"]],
            **extra,
        )
    faded_keys = {item["key"] for item in view["legend"]["edges"] if item["opacity"] < 1}
    for edge in view["edges"]:
        # as on the printed map: the look graph.render.palette gives the fact (dash, width, fading).
        # Selected or hovered, an edge keeps its type's colour.
        colour = edge["colour"]
        net.add_edge(
            edge["source"],
            edge["target"],
            id=edge["id"],
            title=edge["tooltip"],
            color={"color": colour, "highlight": colour, "hover": colour, "opacity": edge["opacity"]},
            dashes=_dashes(edge["dash"], edge["width"]),
            width=edge["width"],
            arrows="" if edge["type"] in SYMMETRIC else "to",
            kg_type=edge["type"],
            kg_key=edge["key"],
            kg_faded_row=bool(edge["low_confidence"]) and edge["key"] not in faded_keys,
        )
    options: dict[str, Any] = {
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "arial"}},
        "edges": {"smooth": False if large else {"type": "continuous"}, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
        "layout": {"randomSeed": seed, "improvedLayout": not large},
        # avoidOverlap makes the solver keep nodes apart by their size, not as points: without it
        # the busy middle of a cell's or meeting's neighbourhood piles up on itself.
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"avoidOverlap": 1.0, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        },
    }
    net.set_options(json.dumps(options))
    return net, options


def render_html(view: Mapping[str, Any], *, seed: int = 7) -> str:
    """The explorer page for ``view`` as one HTML string that needs no network at all.

    Graphs above :data:`LARGE_GRAPH` nodes are laid out in Python with physics off, so a few
    thousand nodes open in seconds.
    """
    import jinja2

    net, options = _network(view, seed=seed)
    vis_js, vis_css = _vis_assets()
    env = jinja2.Environment(loader=jinja2.DictLoader({"kg.html": _TEMPLATE}), autoescape=True)
    # generate_html() renders self.path from self.templateEnv: point both at kg's template.
    net.templateEnv = env
    net.path = "kg.html"
    env.globals.update(
        vis_js=vis_js.replace("</script", "<\\/script"),
        vis_css=vis_css.replace("</style", "<\\/style"),
        caption=caption(view["meta"]),
        legend=view["legend"],
        edge_entries=[{**item, "sample": _sample(item)} for item in view["legend"]["edges"]],
        faded_sample=_sample({**edge_look({"type": "?"}).as_dict(), "colour": "#000000", "opacity": FADED})
        if view["legend"].get("low_confidence")
        else None,
        unconnected=sum(1 for node in view["nodes"] if not node.get("degree")),
        options_data=options,
    )
    return net.generate_html(name="kg.html")
