"""Board-paper maps: a view (see ``graph.view``) drawn on one A4 landscape page with matplotlib.

The page carries the title, the network, a legend for node labels and edge types, and a
footnote saying how old the data is and where it came from. Rendering is deterministic: the
layout is seeded, labels are placed by a fixed greedy rule, and the file metadata that would
hold a date or a random id (PDF CreationDate, SVG Date and id salt) is fixed, so the same
view always gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from loaders.errors import UsageError

from .model import SYMMETRIC
from .palette import FADED
from .view import layout_positions

__all__ = ["FORMATS", "render_map"]

A4_LANDSCAPE = (11.69, 8.27)  # inches
_LINESTYLES = {"solid": "-", "dashed": (0, (6, 3)), "dotted": (0, (1, 2.5))}
# Where a label may go around its node, in order of preference: (dx, dy, ha, va) in units of
# the node's radius plus a small gap.
_CANDIDATES = [
    (1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
    (0, -1, "center", "top"), (0.75, 0.75, "left", "bottom"), (-0.75, 0.75, "right", "bottom"),
    (0.75, -0.75, "left", "top"), (-0.75, -0.75, "right", "top"),
    (2.5, 0, "left", "center"), (-2.5, 0, "right", "center"), (0, 2.5, "center", "bottom"), (0, -2.5, "center", "top"),
]
_MAX_LABEL = 40
# A page can hold this many readable names; on bigger maps only the best-connected are named.
MAX_LABELS = 120


def _savers() -> dict[str, Callable[[Any, io.BytesIO], None]]:
    return {
        "pdf": lambda fig, buf: fig.savefig(buf, format="pdf", metadata={"CreationDate": None, "ModDate": None}),
        "svg": lambda fig, buf: fig.savefig(buf, format="svg", metadata={"Date": None}),
        "png": lambda fig, buf: fig.savefig(buf, format="png", dpi=150, metadata={"Software": None}),
    }


FORMATS = ("pdf", "svg", "png")


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


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _place_labels(fig, ax, view: Mapping[str, Any], pos: dict, radius_pt: dict, fontsize: float) -> int:
    # Greedy: big nodes choose first; each label takes the first spot that overlaps no label,
    # node, line or the frame, else the spot that overlaps least. Returns how many were named.
    renderer = fig.canvas.get_renderer()
    to_px = fig.dpi / 72.0
    import numpy as np

    ids = [node["id"] for node in view["nodes"]]
    centres = ax.transData.transform(np.array([pos[i] for i in ids], dtype=float))
    radii = np.array([radius_pt[i] * to_px for i in ids])
    # Node discs as boxes: x0, y0, x1, y1 per row.
    discs = np.column_stack([centres - radii[:, None], centres + radii[:, None]])
    row = {i: k for k, i in enumerate(ids)}
    frame = ax.get_window_extent(renderer)

    # Points along every edge: a label should not sit on a line either (but that matters less).
    steps = np.linspace(0.0, 1.0, 25)[:, None]
    samples = [ax.transData.transform(np.asarray(pos[e["source"]]) * (1 - steps) + np.asarray(pos[e["target"]]) * steps)
               for e in view["edges"]]
    points = np.vstack(samples) if samples else np.zeros((0, 2))
    placed: list = []
    order = sorted(view["nodes"], key=lambda n: (-n["size"], n["name"].lower(), n["id"]))
    crowded = len(view["nodes"]) > 40
    for node in order[:MAX_LABELS]:
        best = None
        for dx, dy, ha, va in _CANDIDATES:
            gap = radius_pt[node["id"]] + 2.0
            text = ax.annotate(
                _short(node["name"]), xy=pos[node["id"]], xytext=(dx * gap, dy * gap), textcoords="offset points",
                ha=ha, va=va, fontsize=fontsize, color="#111111", parse_math=False, zorder=4,
            )
            box = text.get_window_extent(renderer)
            clash = sum(_overlap(box, b) for b in placed)
            w = np.clip(np.minimum(box.x1, discs[:, 2]) - np.maximum(box.x0, discs[:, 0]), 0, None)
            h = np.clip(np.minimum(box.y1, discs[:, 3]) - np.maximum(box.y0, discs[:, 1]), 0, None)
            area = w * h
            area[row[node["id"]]] = 0.0
            outside = box.width * box.height - _overlap(box, frame)
            inside = (points[:, 0] > box.x0) & (points[:, 0] < box.x1) & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)
            cost = 10 * clash + float(area.sum()) + 2 * outside + 40.0 * int(inside.sum())
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, text, box, clash)
            else:
                text.remove()
            if cost == 0:
                break
        if crowded and best[3] > 0:
            # On a crowded map a name on top of another helps nobody: leave this one out.
            best[1].remove()
            continue
        placed.append(best[2])
    return len(placed)


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
    """The map's footnote: how old the data is, the documents behind the facts drawn, and the build's sources.

    A board paper's reader needs the sources of this picture, not of the whole graph: the
    documents named are those whose quotes state a fact on the map (the first ``shown`` by name).
    """
    meta = view["meta"]
    docs = sorted({ev["document"] for e in view["edges"] for ev in e["evidence"] if ev.get("document")})
    text = f"Data as of {meta.get('data_as_of', 'unknown')}"
    if docs:
        listed = ", ".join(docs[:shown]) + (f" and {len(docs) - shown} more" if len(docs) > shown else "")
        text += f". The facts drawn come from {len(docs)} document{'s' if len(docs) != 1 else ''}: {listed}"
    n = meta.get("documents", 0)
    roots = [PurePath(str(source)).name or str(source) for source in meta.get("sources") or []]
    text += f". The graph was built from {n} document{'s' if n != 1 else ''}"
    text += f" in {', '.join(roots)}" if roots else " (no sources recorded)"
    if meta.get("new_since"):
        text += f". Thick outlines and lines: new since {meta['new_since']}"
    return text


def _draw(view: Mapping[str, Any], seed: int):
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=A4_LANDSCAPE, dpi=100)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    meta = view["meta"]
    _fit_title(fig, meta["title"])
    notes = []
    if meta.get("focus"):
        notes.append(f"Everything within {meta['depth']} step{'s' if meta['depth'] != 1 else ''} of {meta['focus']}")
    if meta.get("types"):
        notes.append("only " + ", ".join(meta["types"]))
    subtitle = fig.text(0.03, 0.905, "", fontsize=10, color="#444444", ha="left", va="top", parse_math=False)
    foot = textwrap.fill(map_caption(view), width=180, max_lines=3, placeholder=" \u2026")
    fig.text(0.03, 0.02, foot, fontsize=7.5, color="#444444", ha="left", va="bottom", parse_math=False)

    ax = fig.add_axes((0.03, 0.09, 0.72, 0.80))
    ax.set_axis_off()
    pos = layout_positions(view, seed=seed)
    ax.set_xlim(-1.15, 1.15)
    ax.set_ylim(-1.12, 1.12)

    n = len(view["nodes"])
    scale = 1.0 if n <= 40 else 0.7 if n <= 120 else 0.45
    radius_pt = {node["id"]: node["size"] * 0.45 * scale for node in view["nodes"]}
    labels_of = {node["id"]: node["label"] for node in view["nodes"]}
    _draw_edges(ax, view["edges"], pos, radius_pt, labels_of)
    xs = [pos[node["id"]][0] for node in view["nodes"]]
    ys = [pos[node["id"]][1] for node in view["nodes"]]
    ax.scatter(xs, ys, s=[(2 * radius_pt[node["id"]]) ** 2 for node in view["nodes"]],
               c=[node["colour"] for node in view["nodes"]],
               edgecolors=["#000000" if node.get("focus") or node.get("new") else "#333333" for node in view["nodes"]],
               linewidths=[3.0 if node.get("new") else 2.0 if node.get("focus") else 0.6 for node in view["nodes"]],
               zorder=2)
    fontsize = 8.5 if n <= 40 else 7 if n <= 120 else 5.5
    named = _place_labels(fig, ax, view, pos, radius_pt, fontsize)
    if named < n:
        notes.append(f"names shown for {named} of {n} nodes, the best connected that fit")
    if notes:
        sub = "; ".join(notes)
        subtitle.set_text(sub[:1].upper() + sub[1:])

    label_handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=9, markerfacecolor=item["colour"],
               markeredgecolor="#333333", label=f"{item['label']} ({item['count']})")
        for item in view["legend"]["labels"]
    ]
    type_handles = [
        Line2D([], [], color=item["colour"], linestyle=_LINESTYLES.get(item["dash"], "-"), linewidth=2,
               label=f"{item['type'].replace('_', ' ').lower()} ({item['count']})")
        for item in view["legend"]["edge_types"]
    ]
    ended, weak = view["legend"]["ended"], view["legend"]["low_confidence"]
    if ended:
        type_handles.append(Line2D([], [], color="#000000", linestyle=_LINESTYLES["dotted"], linewidth=2,
                                   label=f"dotted: ended ({ended})"))
    if weak:
        type_handles.append(Line2D([], [], color="#000000", alpha=FADED, linewidth=2,
                                   label=f"faded: low confidence ({weak})"))
    if any(labels_of[e["source"]] == labels_of[e["target"]] and e["type"] not in SYMMETRIC for e in view["edges"]):
        type_handles.append(Line2D([], [], color="#000000", marker=">", markevery=[-1], linewidth=1,
                                   label="arrow: from who to whom"))
    new = view["legend"].get("new")
    if new:
        label_handles.append(
            Line2D([], [], marker="o", linestyle="none", markersize=9, markerfacecolor="#FFFFFF",
                   markeredgecolor="#000000", markeredgewidth=3.0,
                   # wrapped: the date and build id would run off the page's right edge
                   label=textwrap.fill(f"new since {new['since']} ({new['nodes']})", 26))
        )
    if label_handles:
        fig.legend(handles=label_handles, title="Node labels", loc="upper left", bbox_to_anchor=(0.77, 0.89),
                   fontsize=9, title_fontsize=10, frameon=False, alignment="left")
    if type_handles:
        fig.legend(handles=type_handles, title="Edge types", loc="upper left",
                   bbox_to_anchor=(0.77, 0.89 - 0.035 * (sum(1 + h.get_label().count("\n") for h in label_handles) + 2)),
                   fontsize=9, title_fontsize=10, frameon=False, alignment="left", handlelength=3)
    return fig


def _edge_look(edge: Mapping[str, Any]) -> tuple[str, Any, float, float]:
    """Colour, line style, width and opacity: ended facts dotted, weak ones faded."""
    dash = "dotted" if edge.get("status") == "ended" else edge["dash"]
    width = 0.6 + 0.4 * edge["width"] + (2.0 if edge.get("new") else 0.0)
    return edge["colour"], _LINESTYLES.get(dash, "-"), width, FADED if edge.get("low_confidence") else 0.85


def _draw_edges(ax, edges: list, pos: Mapping[str, Any], radius_pt: Mapping[str, float], labels_of: Mapping[str, str]) -> None:
    """Straight lines in bulk; an arrow where the two ends' kinds do not say the direction (who
    funds whom), and a curve for each of several facts between one pair, so none hides another."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyArrowPatch

    pairs: dict[frozenset, list] = {}
    for edge in edges:
        pairs.setdefault(frozenset((edge["source"], edge["target"])), []).append(edge)
    straight: dict[tuple, list] = {}
    for group in pairs.values():
        for i, edge in enumerate(group):
            colour, style, width, alpha = _edge_look(edge)
            s, t = edge["source"], edge["target"]
            arrow = labels_of.get(s) == labels_of.get(t) and edge["type"] not in SYMMETRIC
            if len(group) == 1 and not arrow:
                straight.setdefault((colour, style, alpha), []).append((width, [pos[s], pos[t]]))
                continue
            # several facts between one pair: alternate sides, further out for each pair of them.
            # The side is taken for the pair in sorted order: an arc drawn the other way round
            # with the opposite sign would lie on the same curve.
            rad = 0.0 if len(group) == 1 else (0.15 + 0.15 * (i // 2)) * (1 if i % 2 == 0 else -1)
            if s > t:
                rad = -rad
            ax.add_patch(FancyArrowPatch(
                tuple(pos[s]), tuple(pos[t]), arrowstyle="-|>" if arrow else "-", mutation_scale=9 + 2 * width,
                connectionstyle=f"arc3,rad={rad}", shrinkA=radius_pt.get(s, 0), shrinkB=radius_pt.get(t, 0),
                color=colour, linestyle=style, linewidth=width, alpha=alpha, zorder=1,
            ))
    for (colour, style, alpha), items in sorted(straight.items(), key=lambda kv: repr(kv[0])):
        ax.add_collection(LineCollection(
            [seg for _w, seg in items], colors=colour, linestyles=[style],
            linewidths=[w for w, _seg in items], alpha=alpha, zorder=1,
        ))


def render_map(view: Mapping[str, Any], fmt: str, *, seed: int = 7) -> bytes:
    """The map of ``view`` as the bytes of a PDF, SVG or PNG file (A4 landscape).

    Raises:
        UsageError: the format is unknown, or the view has no nodes to draw.
    """
    import matplotlib

    savers = _savers()
    if fmt not in savers:
        raise UsageError(f"maps can be written as {', '.join(FORMATS)} (or html), not '{fmt}'.")
    if not view["nodes"]:
        raise UsageError("nothing to draw: no node matches. Widen --types or --depth, or check the focus name.")
    rc = {"svg.hashsalt": "kg-map", "svg.fonttype": "none", "pdf.fonttype": 42, "font.family": "DejaVu Sans"}
    with matplotlib.rc_context(rc):
        fig = _draw(view, seed)
        buf = io.BytesIO()
        savers[fmt](fig, buf)
    return buf.getvalue()
