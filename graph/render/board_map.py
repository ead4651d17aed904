"""Board-paper maps: a view (see ``graph.render.view``) drawn on one A4 landscape page with matplotlib.

The page carries the title, the network, a legend for node labels and edge types, and a
footnote saying when the sources are dated, how old the graph is and where it came from.

What makes a map readable is checked, not hoped for (``tests/test_render_map.py`` measures it on
the drawn figure): no line passes through a node it does not join (nodes are moved off lines,
and a line that still meets one is bent round it), every name sits beside its node or is joined
to it by a short leader line, and no name is nearer another node than its own. A name that
cannot be placed so is left out, and the subtitle says how many are shown. The legend draws each
entry with the look :func:`graph.render.palette.edge_look` gives the lines on the map.

Rendering is deterministic: the layout is seeded, moves and placements follow a fixed order, and
the file metadata that would hold a date or a random id (PDF CreationDate, SVG Date and id salt)
is fixed, so the same view always gives the same bytes.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from graph.render import map_geometry
from graph.render.layout import layout_positions
from graph.render.palette import DASHES, FADED, edge_look
from graph.render.words import source_dates_text
from loaders.errors import UsageError
from loaders.records import SYMMETRIC

__all__ = ["FORMATS", "PNG_DPI", "map_caption", "render_map"]

A4_LANDSCAPE = (11.69, 8.27)  # inches
_DPI = 100  # the figure's own resolution, in which placement is worked out (saving rescales it)
_MAX_LABEL = 40
# A page can hold this many readable names; on bigger maps only the best-connected are named.
MAX_LABELS = 120
# How far (points) a line must pass from a node it does not join, and two nodes keep apart.
_CLEARANCE = 3.0
# Where a name may go around its node, in order of preference (unit directions), and how far
# out (points beyond the node's edge): the first ring sits beside the node, the others are
# joined to it by a leader line.
_DIRECTIONS = [(1, 0), (-1, 0), (0, 1), (0, -1), (0.71, 0.71), (-0.71, 0.71), (0.71, -0.71), (-0.71, -0.71)]
_RINGS = (2.0, 12.0, 24.0)

# Print quality: a board paper's PNG is placed in a document and printed.
PNG_DPI = 300
# Format -> how to save a figure in it; the metadata that would hold a date or the software's
# version is left out, so the same map gives the same bytes.
_SAVERS: dict[str, Callable[[Any, io.BytesIO], None]] = {
    "pdf": lambda fig, buf: fig.savefig(buf, format="pdf", metadata={"CreationDate": None, "ModDate": None}),
    "svg": lambda fig, buf: fig.savefig(buf, format="svg", metadata={"Date": None}),
    "png": lambda fig, buf: fig.savefig(buf, format="png", dpi=PNG_DPI, metadata={"Software": None}),
}
FORMATS = tuple(_SAVERS)


def linestyle(dash: str) -> Any:
    """A dash name of :data:`graph.render.palette.DASHES` as a matplotlib line style."""
    pattern = DASHES.get(dash, ())
    return "-" if not pattern else (0, pattern)


def _short(name: str) -> str:
    """``name`` cut to fit a label, in the middle: names that differ at the end ("... Cell 2",
    "... Cell 3") stay told apart.

    >>> _short("Online roundtable: Coronavirus - building back better 2")
    'Online roundtable: Coronav\u2026back better 2'
    """
    if len(name) <= _MAX_LABEL:
        return name
    tail = _MAX_LABEL // 3
    return name[: _MAX_LABEL - tail - 1].rstrip() + "\u2026" + name[-tail:].lstrip()


# -- drawing -----------------------------------------------------------------------------------


class _Canvas:
    """The map's axes in display units: where each node is drawn and how big."""

    def __init__(self, ax, view: Mapping[str, Any], pos: Mapping[str, Any], radius_pt: Mapping[str, float]):
        import numpy as np

        self.ax = ax
        self.px = _DPI / 72.0
        self.ids = [node["id"] for node in view["nodes"]]
        self.row = {nid: k for k, nid in enumerate(self.ids)}
        self.xy = ax.transData.transform(np.array([pos[i] for i in self.ids], dtype=float))
        self.r = np.array([radius_pt[i] * self.px for i in self.ids])
        frame = ax.get_window_extent()
        self.frame = (frame.x0, frame.y0, frame.x1, frame.y1)

    def data(self, point):
        return tuple(float(v) for v in self.ax.transData.inverted().transform(point))


def _routes(canvas: _Canvas, edges: list, labels_of: Mapping[str, str]) -> list[tuple[dict, float, bool]]:
    """Each fact with the bend it is drawn with and whether it has an arrowhead: several facts
    between one pair bend to alternate sides; a line that would pass through a node it does not
    join bends round it (the least bend that clears every node)."""
    import numpy as np

    gap = _CLEARANCE * canvas.px
    groups: dict[frozenset, list] = {}
    for edge in edges:
        groups.setdefault(frozenset((edge["source"], edge["target"])), []).append(edge)
    out = []
    for group in groups.values():
        ends = {canvas.row[group[0]["source"]], canvas.row[group[0]["target"]]}
        mask = np.array([k not in ends for k in range(len(canvas.ids))])
        others_xy, others_r = canvas.xy[mask], canvas.r[mask]
        for i, edge in enumerate(group):
            s, t = edge["source"], edge["target"]
            arrow = labels_of.get(s) == labels_of.get(t) and edge["type"] not in SYMMETRIC
            # several facts between one pair: alternate sides, further out for each pair of them.
            # The side is taken for the pair in sorted order: an arc drawn the other way round
            # with the opposite sign would lie on the same curve.
            base = 0.0 if len(group) == 1 else (0.15 + 0.15 * (i // 2)) * (1 if i % 2 == 0 else -1)
            if s > t:
                base = -base
            a, b = canvas.xy[canvas.row[s]], canvas.xy[canvas.row[t]]
            tries = [base] + [base + sign * step for step in (0.2, 0.35, 0.5, 0.7) for sign in (1, -1)]
            best = None
            for rad in tries:
                hits = map_geometry.route_clear(map_geometry.bezier(a, b, rad), others_xy, others_r, gap)
                if best is None or hits < best[0]:
                    best = (hits, rad)
                if hits == 0:
                    break
            out.append((edge, best[1], arrow))
    return out


def _draw_edges(canvas: _Canvas, routes, radius_pt: Mapping[str, float]) -> None:
    """Straight lines in bulk; a curve (or an arrowhead, where the two ends' kinds do not say
    the direction: who funds whom) as a patch of its own."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyArrowPatch

    ax = canvas.ax
    straight: dict[tuple, list] = {}
    for edge, rad, arrow in routes:
        s, t = edge["source"], edge["target"]
        ps, pt = canvas.data(canvas.xy[canvas.row[s]]), canvas.data(canvas.xy[canvas.row[t]])
        style = linestyle(edge["dash"])
        if rad == 0 and not arrow:
            straight.setdefault((edge["colour"], repr(style), edge["opacity"]), []).append(
                (edge["width"], [ps, pt], style)
            )
            continue
        ax.add_patch(
            FancyArrowPatch(
                ps,
                pt,
                arrowstyle="-|>" if arrow else "-",
                mutation_scale=9 + 2 * edge["width"],
                connectionstyle=f"arc3,rad={round(rad, 3)}",
                shrinkA=radius_pt.get(s, 0),
                shrinkB=radius_pt.get(t, 0),
                color=edge["colour"],
                linestyle=style,
                linewidth=edge["width"],
                alpha=edge["opacity"],
                zorder=1,
            )
        )
    for (colour, _style, alpha), items in sorted(straight.items(), key=lambda kv: repr(kv[0])):
        ax.add_collection(
            LineCollection(
                [seg for _w, seg, _s in items],
                colors=colour,
                linestyles=[items[0][2]],
                linewidths=[w for w, _seg, _s in items],
                alpha=alpha,
                zorder=1,
            )
        )


def _place_labels(fig, canvas: _Canvas, view: Mapping[str, Any], routes, fontsize: float) -> int:
    """Name each node beside it, or a little further out with a leader line, where the name
    overlaps no other name, node or the frame and lies nearer its own node than any other;
    big nodes choose first. Returns how many were named."""
    import numpy as np

    renderer = fig.canvas.get_renderer()
    ax = canvas.ax
    # Points along every line: a name should not sit on one either (but that matters less).
    samples = [
        map_geometry.bezier(canvas.xy[canvas.row[e["source"]]], canvas.xy[canvas.row[e["target"]]], rad, 20)
        for e, rad, _arrow in routes
    ]
    points = np.vstack(samples) if samples else np.zeros((0, 2))
    placed: list[tuple[float, float, float, float]] = []
    order = sorted(view["nodes"], key=lambda n: (not n.get("focus"), -n["size"], n["name"].lower(), n["id"]))
    pad = 1.5 * canvas.px
    for node in order[:MAX_LABELS]:
        k = canvas.row[node["id"]]
        (x, y), r = canvas.xy[k], canvas.r[k]
        probe = ax.text(0, 0, _short(node["name"]), fontsize=fontsize, parse_math=False)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = extent.width, extent.height
        best = None
        for ring, out in enumerate(_RINGS):
            for rank, (dx, dy) in enumerate(_DIRECTIONS):
                gap = r + out * canvas.px
                ax_, ay_ = x + dx * gap, y + dy * gap  # the point of the box nearest the node
                bx0 = ax_ if dx > 0.1 else ax_ - w if dx < -0.1 else ax_ - w / 2
                by0 = ay_ if dy > 0.1 else ay_ - h if dy < -0.1 else ay_ - h / 2
                box = (bx0, by0, bx0 + w, by0 + h)
                if not _fits(box, k, canvas, placed, pad):
                    continue
                inside = (
                    (points[:, 0] > box[0])
                    & (points[:, 0] < box[2])
                    & (points[:, 1] > box[1])
                    & (points[:, 1] < box[3])
                )
                cost = 40.0 * int(inside.sum()) + 25.0 * ring + rank
                if best is None or cost < best[0]:
                    best = (cost, box, ring, (dx, dy))
            if best is not None and best[0] < 25.0 * (ring + 1):
                break  # nothing further out can do better than this free spot
        if best is None:
            continue
        _cost, box, ring, (dx, dy) = best
        placed.append(box)
        anchor = canvas.data((box[0], box[1]))
        ax.text(
            *anchor,
            _short(node["name"]),
            fontsize=fontsize,
            color="#111111",
            ha="left",
            va="bottom",
            parse_math=False,
            zorder=4,
        )
        if ring > 0:
            # a leader line from the node's edge to the name's nearest corner or side
            near = (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))
            vx, vy = near[0] - x, near[1] - y
            length = math.hypot(vx, vy) or 1.0
            start = (x + vx / length * r, y + vy / length * r)
            ax.plot(*zip(canvas.data(start), canvas.data(near), strict=False), color="#777777", linewidth=0.5, zorder=3)
    return len(placed)


def _fits(box, own: int, canvas: _Canvas, placed, pad: float) -> bool:
    """Whether a name's box is on the page, clear of other names and of every node, and nearer
    its own node than any other."""
    fx0, fy0, fx1, fy1 = canvas.frame
    if box[0] < fx0 or box[1] < fy0 or box[2] > fx1 or box[3] > fy1:
        return False
    if any(map_geometry.overlaps(box, other, pad) for other in placed):
        return False
    edges = map_geometry.rect_distances(box, canvas.xy) - canvas.r
    mine = edges[own]
    if (edges < pad).any():
        return False
    edges[own] = math.inf
    return bool((edges > mine + pad).all())


def _fit_title(fig, title: str) -> None:
    """The title across the page's top: smaller type for a long one, then two lines, never off the page."""
    renderer = fig.canvas.get_renderer()
    room = fig.bbox.width * 0.94
    text = fig.text(0.03, 0.955, title, fontsize=18, fontweight="bold", ha="left", va="top", parse_math=False)
    for size in (16, 14, 12, 11):
        if text.get_window_extent(renderer).width <= room:
            return
        text.set_fontsize(size)
    if text.get_window_extent(renderer).width <= room:
        return
    # Two lines at the smallest size: as many characters per line as fit, the rest cut with "…".
    per_line = max(20, int(len(title) * room / text.get_window_extent(renderer).width))
    text.set_text(textwrap.fill(title, width=per_line, max_lines=2, placeholder=" \u2026"))


def map_caption(view: Mapping[str, Any], shown: int = 6) -> str:
    """The map's footnote: when the sources of the facts drawn are dated, which documents they
    are, and when and from what the graph was built.

    A board paper's reader needs the sources of this picture, not of the whole graph: the
    documents named are those whose quotes state a fact on the map (the first ``shown`` by
    name), and their dates say how old the facts are ("graph built" only says when kg read them).
    """
    meta = view["meta"]
    docs = sorted({ev["document"] for e in view["edges"] for ev in e["evidence"] if ev.get("document")})
    parts = [source_dates_text(meta)] if view["edges"] else []
    if docs:
        listed = ", ".join(docs[:shown]) + (f" and {len(docs) - shown} more" if len(docs) > shown else "")
        parts.append(f"The facts drawn come from {len(docs)} document{'s' if len(docs) != 1 else ''}: {listed}")
    n = meta.get("documents", 0)
    roots = [PurePath(str(source)).name or str(source) for source in meta.get("sources") or []]
    built = f"Graph built {meta.get('data_as_of', 'unknown')} from {n} document{'s' if n != 1 else ''}"
    parts.append(built + (f" in {', '.join(roots)}" if roots else " (no sources recorded)"))
    if meta.get("new_since"):
        parts.append(f"Thick outlines and lines: new since {meta['new_since']}")
    return ". ".join(parts)


def _subtitle(view: Mapping[str, Any], named: int) -> str:
    meta = view["meta"]
    notes = []
    if meta.get("focus"):
        notes.append(f"Everything within {meta['depth']} step{'s' if meta['depth'] != 1 else ''} of {meta['focus']}")
    part = meta.get("part")
    if part:
        left = part["of"] - part["nodes"]
        notes.append(
            f"the largest connected part of the graph: {part['nodes']} of {part['of']} entities"
            + (f" ({left} unconnected to it left out)" if left else "")
        )
    if meta.get("types"):
        notes.append("only " + ", ".join(meta["types"]))
    n = len(view["nodes"])
    if named < n:
        notes.append(f"names shown for {named} of {n} nodes, the best connected that fit")
    sub = "; ".join(notes)
    # two lines at most, within the network's width (the legends sit to its right)
    return textwrap.fill(sub[:1].upper() + sub[1:], width=125, max_lines=2, placeholder=" \u2026")


def _label_handles(legend: Mapping[str, Any]) -> list:
    from matplotlib.lines import Line2D

    label_handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=9,
            markerfacecolor=item["colour"],
            markeredgecolor="#333333",
            label=f"{item['label']} ({item['count']})",
        )
        for item in legend["labels"]
    ]
    new = legend.get("new")
    if new:
        label_handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=9,
                markerfacecolor="#FFFFFF",
                markeredgecolor="#000000",
                markeredgewidth=3.0,
                # wrapped: the date and build id would run off the page's right edge
                label=textwrap.fill(f"new since {new['since']} ({new['nodes']})", 26),
            )
        )
    return label_handles


def _type_handles(legend: Mapping[str, Any], routes) -> list:
    from matplotlib.lines import Line2D

    # Each entry drawn as the map draws its lines: colour, dash, width and (all weak) fading.
    type_handles = [
        Line2D(
            [],
            [],
            color=item["colour"],
            linestyle=linestyle(item["dash"]),
            linewidth=item["width"],
            alpha=item["opacity"],
            label=f"{item['words']} ({item['count']})",
        )
        for item in legend["edges"]
    ]
    if legend.get("low_confidence"):
        type_handles.append(
            Line2D(
                [],
                [],
                color="#000000",
                alpha=FADED,
                linewidth=edge_look({"type": "?"}).width,
                label=f"faded: low confidence ({legend['low_confidence']})",
            )
        )
    if any(arrow for _e, _rad, arrow in routes):
        type_handles.append(
            Line2D([], [], color="#000000", marker=">", markevery=[-1], linewidth=1, label="arrow: from who to whom")
        )
    return type_handles


def _legends(fig, view: Mapping[str, Any], routes) -> None:
    label_handles = _label_handles(view["legend"])
    type_handles = _type_handles(view["legend"], routes)
    if label_handles:
        fig.legend(
            handles=label_handles,
            title="Node labels",
            loc="upper left",
            bbox_to_anchor=(0.77, 0.89),
            fontsize=9,
            title_fontsize=10,
            frameon=False,
            alignment="left",
        )
    if type_handles:
        fig.legend(
            handles=type_handles,
            title="Edge types",
            loc="upper left",
            bbox_to_anchor=(0.77, 0.89 - 0.035 * (sum(1 + h.get_label().count("\n") for h in label_handles) + 2)),
            fontsize=9,
            title_fontsize=10,
            frameon=False,
            alignment="left",
            handlelength=3,
        )


def _draw(view: Mapping[str, Any], seed: int):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4_LANDSCAPE, dpi=_DPI)
    FigureCanvasAgg(fig)
    _fit_title(fig, view["meta"]["title"])
    subtitle = fig.text(0.03, 0.905, "", fontsize=10, color="#444444", ha="left", va="top", parse_math=False)
    foot = textwrap.fill(map_caption(view), width=180, max_lines=3, placeholder=" \u2026")
    fig.text(0.03, 0.02, foot, fontsize=7.5, color="#444444", ha="left", va="bottom", parse_math=False)

    ax = fig.add_axes((0.03, 0.09, 0.72, 0.80))
    ax.set_axis_off()
    ax.set_xlim(-1.15, 1.15)
    ax.set_ylim(-1.12, 1.12)
    pos = layout_positions(view, seed=seed)

    n = len(view["nodes"])
    scale = 1.0 if n <= 40 else 0.7 if n <= 120 else 0.45
    radius_pt = {node["id"]: node["size"] * 0.45 * scale for node in view["nodes"]}
    labels_of = {node["id"]: node["label"] for node in view["nodes"]}

    canvas = _Canvas(ax, view, pos, radius_pt)
    pairs = sorted({(canvas.row[e["source"]], canvas.row[e["target"]]) for e in view["edges"]})
    canvas.xy = map_geometry.clear_layout(canvas.xy, canvas.r, pairs, canvas.frame, _CLEARANCE * canvas.px)
    routes = _routes(canvas, view["edges"], labels_of)
    _draw_edges(canvas, routes, radius_pt)
    centres = [canvas.data(p) for p in canvas.xy]
    ax.scatter(
        [c[0] for c in centres],
        [c[1] for c in centres],
        s=[(2 * radius_pt[node["id"]]) ** 2 for node in view["nodes"]],
        c=[node["colour"] for node in view["nodes"]],
        edgecolors=["#000000" if node.get("focus") or node.get("new") else "#333333" for node in view["nodes"]],
        linewidths=[3.0 if node.get("new") else 2.0 if node.get("focus") else 0.6 for node in view["nodes"]],
        zorder=2,
    )
    fontsize = 8.5 if n <= 40 else 7 if n <= 120 else 5.5
    named = _place_labels(fig, canvas, view, routes, fontsize)
    subtitle.set_text(_subtitle(view, named))
    _legends(fig, view, routes)
    return fig


def render_map(view: Mapping[str, Any], fmt: str, *, seed: int = 7) -> bytes:
    """The map of ``view`` as the bytes of a PDF, SVG or PNG file (A4 landscape; PNG at 300 dpi).

    Raises:
        UsageError: the format is unknown, or the view has no nodes to draw.
    """
    import matplotlib

    if fmt not in _SAVERS:
        raise UsageError(f"maps can be written as {', '.join(FORMATS)} (or html), not '{fmt}'.")
    if not view["nodes"]:
        raise UsageError("nothing to draw: no node matches. Widen --types or --depth, or check the focus name.")
    rc = {"svg.hashsalt": "kg-map", "svg.fonttype": "none", "pdf.fonttype": 42, "font.family": "DejaVu Sans"}
    with matplotlib.rc_context(rc):
        fig = _draw(view, seed)
        buf = io.BytesIO()
        _SAVERS[fmt](fig, buf)
    return buf.getvalue()
