"""The data behind every picture of the graph: ``to_view(G)`` turns a graph into plain records.

Both renderers (the interactive HTML explorer and the board-paper map) draw a view, never the
graph itself, so what they show is decided once, here, by pure and deterministic functions:
the same graph and options always give the same view, key for key.

A view is a dict::

    {"nodes":  [{"id", "label", "name", "aliases", "colour", "size", "degree", "roles", "tooltip"}],
     "edges":  [{"id", "source", "target", "type", "colour", "dash", "width", "title", "status",
                 "confidence", "low_confidence", "curated", "count", "evidence", "tooltip"}],
     "legend": {"labels": [{"label", "colour", "count"}], "edge_types": [{"type", "colour", "dash", "count"}],
                "ended", "low_confidence"},   # how many facts are drawn dotted (ended) and faded
     "meta":   {"title", "data_as_of", "documents", "sources", "focus", "depth", "types"}}

Tooltips are plain text: renderers must treat every string as text, never as markup.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from loaders.errors import UsageError
from loaders.names import normalise

from .model import edge_evidence
from .palette import LABEL_COLOURS, OTHER_COLOUR

__all__ = [
    "DOCUMENT_LABEL",
    "EDGE_STYLES",
    "LABEL_COLOURS",
    "find_nodes",
    "layout_positions",
    "nodes_in_result",
    "resolve_node",
    "to_view",
]

# Colour alone cannot tell twelve edge types apart, so colour and dash pattern together do.
EDGE_STYLES = {
    "FUNDED": ("#000000", "solid"),
    "PARTNERED_WITH": ("#0072B2", "dashed"),
    "ROLE_AT": ("#E69F00", "solid"),
    "MEMBER_OF": ("#009E73", "dashed"),
    "LEADS": ("#009E73", "solid"),
    "SPOKE_AT": ("#CC79A7", "solid"),
    "CHAIRED": ("#CC79A7", "dashed"),
    "PART_OF": ("#56B4E9", "dashed"),
    "DISCUSSED": ("#56B4E9", "solid"),
    "AUTHORED": ("#D55E00", "dashed"),
    "LOCATED_IN": ("#999999", "dotted"),
    "MENTIONS": ("#BBBBBB", "dotted"),
}
OTHER_EDGE_STYLE = ("#666666", "solid")
DOCUMENT_LABEL = "Document"
# Most quotes a tooltip shows per edge; the view keeps them all.
TOOLTIP_QUOTES = 3
MIN_SIZE, MAX_SIZE = 10.0, 40.0


def find_nodes(G: nx.MultiDiGraph, name: str) -> list[dict[str, Any]]:
    """Entity nodes whose id, name or an alias matches ``name``; exact names first.

    Matching ignores case, accents and punctuation, like ``kg show``. Document nodes are never
    matched.
    """
    wanted = normalise(name)
    raw = name.strip()
    found = []
    for nid, data in sorted(G.nodes(data=True)):
        if data.get("label") == DOCUMENT_LABEL:
            continue
        names = [data.get("name") or "", *(data.get("aliases") or [])]
        if nid == raw or (wanted and any(normalise(n) == wanted for n in names)):
            found.append({"id": nid, "label": data.get("label"), "name": data.get("name") or nid,
                          "aliases": list(data.get("aliases") or [])})
    return sorted(found, key=lambda r: (r["id"] != raw, normalise(r["name"]) != wanted, r["id"]))


def resolve_node(G: nx.MultiDiGraph, name: str) -> str:
    """The id of the one entity node ``name`` refers to.

    Raises:
        UsageError: nothing matches (with close names), or several do (listed with their ids).
    """
    found = find_nodes(G, name)
    if found and (found[0]["id"] == name.strip() or len(found) == 1):
        return found[0]["id"]
    exact = [r for r in found if normalise(r["name"]) == normalise(name)]
    if len(exact) == 1:
        return exact[0]["id"]
    if found:
        listed = "; ".join(f"{r['name']} ({r['label']}, id {r['id']})" for r in found)
        raise UsageError(f"'{name}' could mean several entities: {listed}. Use the full name or the id.")
    from rapidfuzz import fuzz, process

    names = sorted({d.get("name") for _, d in G.nodes(data=True) if d.get("label") != DOCUMENT_LABEL and d.get("name")})
    hint = [m[0] for m in process.extract(name, names, scorer=fuzz.WRatio, limit=5, score_cutoff=70)]
    more = f" Did you mean: {', '.join(hint)}?" if hint else " Run `kg stats` to see what the graph holds."
    raise UsageError(f"no entity is called '{name}'.{more}")


_ROUTE = " / "  # what joins the names of a route in a query's answer


def nodes_in_result(G: nx.MultiDiGraph, rows: Iterable[Iterable[Any]], ids: Iterable[str] = ()) -> list[str]:
    """The ids of the nodes of ``G`` that a query result names, sorted.

    A value names a node when it is a node, relationship or path record from a store, a node
    id, or an entity's exact name (ignoring case); lists are searched too, and so is a route
    written as names between " / " (as the connection query gives it) when every part is a
    name. ``ids`` (e.g. the entity a query was asked about) are added as they are.
    """
    by_name: dict[str, list[str]] = {}
    for nid, data in G.nodes(data=True):
        if data.get("label") != DOCUMENT_LABEL and data.get("name"):
            by_name.setdefault(str(data["name"]).casefold(), []).append(nid)
    found = {i for i in ids if i in G}

    def visit(value: Any) -> None:
        if isinstance(value, str):
            if value in G:
                found.add(value)
            named = by_name.get(value.casefold(), ())
            found.update(named)
            if not named and _ROUTE in value:
                parts = [by_name.get(part.strip().casefold()) for part in value.split(_ROUTE)]
                if all(parts):
                    found.update(nid for part in parts for nid in part)
        elif isinstance(value, Mapping):
            kind = value.get("_type")
            if kind == "node":
                visit((value.get("properties") or {}).get("id"))
            elif kind == "relationship":
                visit(value.get("source"))
                visit(value.get("target"))
            elif kind == "path":
                for item in [*(value.get("nodes") or []), *(value.get("relationships") or [])]:
                    visit(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)

    for row in rows:
        visit(list(row))
    return sorted(found)


def _split_types(G: nx.MultiDiGraph, types: Iterable[str] | None) -> tuple[set[str] | None, set[str] | None]:
    # One --types list may name node labels, edge types or both.
    if not types:
        return None, None
    labels_known = {d.get("label") for _, d in G.nodes(data=True)} | set(LABEL_COLOURS)
    edges_known = {d.get("type") for *_, d in G.edges(data=True)} | set(EDGE_STYLES)
    labels: set[str] = set()
    edge_types: set[str] = set()
    by_fold = {t.casefold(): t for t in labels_known | edges_known if t}
    for raw in types:
        item = by_fold.get(raw.strip().casefold())
        if item is None:
            raise UsageError(
                f"unknown type '{raw}'. Node labels: {', '.join(sorted(t for t in labels_known if t))}; "
                f"edge types: {', '.join(sorted(t for t in edges_known if t))}."
            )
        (labels if item in labels_known else edge_types).add(item)
    return labels or None, edge_types or None


def _subgraph(G: nx.MultiDiGraph, focus: str | None, depth: int, labels: set[str] | None,
              edge_types: set[str] | None, only: set[str] | None) -> tuple[set[str], list[tuple[str, str, str, dict]], str | None]:
    if only is not None:
        # The nodes a query picked are shown whatever their label, unless types say otherwise.
        keep = {n for n in only if n in G and (labels is None or G.nodes[n].get("label") in labels)}
    elif labels is None and not (edge_types and "MENTIONS" in edge_types):
        # Documents and their MENTIONS would bury the network; they appear only when asked for
        # (by label, or by asking for mentions, which only documents make).
        keep = {n for n, d in G.nodes(data=True) if d.get("label") != DOCUMENT_LABEL}
    elif labels is None:
        keep = set(G.nodes)
    else:
        keep = {n for n, d in G.nodes(data=True) if d.get("label") in labels}
    focus_id = resolve_node(G, focus) if focus else None
    if focus_id is not None:
        keep.add(focus_id)
    edges = [
        (s, t, k, d) for s, t, k, d in G.edges(keys=True, data=True)
        if s in keep and t in keep and (edge_types is None or d.get("type", k) in edge_types)
    ]
    if focus_id is not None:
        if depth < 0:
            raise UsageError(f"--depth must be 0 or more, not {depth}.")
        adjacency: dict[str, set[str]] = {n: set() for n in keep}
        for s, t, _k, _d in edges:
            adjacency[s].add(t)
            adjacency[t].add(s)
        reached, frontier = {focus_id}, {focus_id}
        for _ in range(depth):
            frontier = {m for n in frontier for m in adjacency[n]} - reached
            reached |= frontier
        keep = reached
        edges = [e for e in edges if e[0] in keep and e[1] in keep]
    elif edge_types is not None and labels is None:
        # Asking for some edge types means: show what those edges connect.
        keep = {n for s, t, _k, _d in edges for n in (s, t)}
    return keep, sorted(edges, key=lambda e: (e[0], e[2], e[1])), focus_id


def _node_tooltip(data: Mapping[str, Any], roles: list[str], degree: int) -> str:
    lines = [f"{data.get('name') or data.get('id')} ({data.get('label')})"]
    if data.get("aliases"):
        lines.append("Also called: " + "; ".join(data["aliases"]))
    if roles:
        lines.append("Roles: " + "; ".join(roles))
    if data.get("date"):
        lines.append(f"Date: {data['date']}")
    docs = data.get("documents") or []
    if docs:
        lines.append(f"Seen in {len(docs)} document(s): " + "; ".join(docs[:5]) + ("; ..." if len(docs) > 5 else ""))
    lines.append(f"Connections: {degree}")
    return "\n".join(lines)


def _edge_tooltip(etype: str, sname: str, tname: str, data: Mapping[str, Any], evidence: list[dict]) -> str:
    head = f"{sname} {etype} {tname}"
    extras = [f"{k}: {data[k]}" for k in ("title", "status") if data.get(k)]
    if data.get("curated"):
        extras.append("curated")
    if data.get("low_confidence"):
        extras.append(f"low confidence {data.get('confidence')}")
    lines = [head + (f" [{', '.join(extras)}]" if extras else "")]
    for ev in evidence[:TOOLTIP_QUOTES]:
        where = ev.get("document", "") + (f", {ev['section']}" if ev.get("section") else "")
        lines.append(f"\u201c{ev.get('quote', '')}\u201d ({where})")
    if len(evidence) > TOOLTIP_QUOTES:
        lines.append(f"... and {len(evidence) - TOOLTIP_QUOTES} more")
    return "\n".join(lines)


def _meta(G: nx.MultiDiGraph, build: Mapping[str, Any] | None, title: str | None, focus_name: str | None,
          depth: int, types: Iterable[str] | None) -> dict[str, Any]:
    build = dict(build or {})
    files = sorted({d.get("path") for _, d in G.nodes(data=True)
                    if d.get("label") == DOCUMENT_LABEL and d.get("kind", "file") == "file" and d.get("path")})
    documents = list(build.get("documents") or files)
    built_at = str(build.get("built_at") or "")
    if built_at:
        as_of = built_at[:10]
    else:
        # Without a build record the newest dated document is the best "as of" there is.
        dates = sorted(str(d["date"]) for _, d in G.nodes(data=True) if d.get("label") == DOCUMENT_LABEL and d.get("date"))
        as_of = dates[-1][:10] if dates else "unknown"
    sources = [str(s) for s in (build.get("sources") or documents)]
    if title is None:
        title = f"Network around {focus_name}" if focus_name else "Knowledge graph network"
    return {
        "title": title,
        "data_as_of": as_of,
        "documents": len(documents),
        "sources": sources,
        "focus": focus_name,
        "depth": depth if focus_name else None,
        "types": sorted(types) if types else None,
    }


def to_view(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    types: Iterable[str] | None = None,
    title: str | None = None,
    build: Mapping[str, Any] | None = None,
    nodes: Iterable[str] | None = None,
    new: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The nodes, edges, legend and caption to draw for ``G``; pure and deterministic.

    Args:
        G: the graph (as built, or as read back from a store).
        focus: name, alias or id of an entity: keep only what lies within ``depth`` steps of it.
        depth: how many steps from the focus to include.
        types: node labels and/or edge types to keep (default: every label but Document).
        title: the picture's title (default: "Network around <focus>" or a generic one).
        build: the store's build record (``built_at``, ``sources``, ``documents``) for the caption.
        nodes: only these node ids (e.g. what a prepared query returned, see
            :func:`nodes_in_result`), with the edges between them.
        new: what to highlight as new: ``{"since": label, "nodes": ids, "edges": edge ids}``
            (edge ids are ``source|TYPE|target``), e.g. from :func:`graph.diff.diff_graphs`.

    Raises:
        UsageError: the focus is unknown or ambiguous, a type is unknown, or depth is negative.
    """
    types = list(types) if types else None
    new_nodes, new_edges = set((new or {}).get("nodes", ())), set((new or {}).get("edges", ()))
    labels, edge_types = _split_types(G, types)
    keep, edges, focus_id = _subgraph(G, focus, depth, labels, edge_types, set(nodes) if nodes is not None else None)

    neighbours: dict[str, set[str]] = {n: set() for n in keep}
    roles: dict[str, list[str]] = {n: [] for n in keep}
    for s, t, _key, _data in edges:
        neighbours[s].add(t)
        neighbours[t].add(s)
    for s, t, k, d in sorted(iter(G.edges(keys=True, data=True)), key=lambda e: (e[0], e[2], e[1])):
        # Roles describe the person whatever the filter; they are part of who they are.
        if s in keep and d.get("type", k) == "ROLE_AT":
            org = G.nodes[t].get("name") or t
            roles[s].append(f"{d['title']}, {org}" if d.get("title") else org)
    top = max([len(v) for v in neighbours.values()] + [1])

    nodes = []
    for nid in sorted(keep):
        data = G.nodes[nid]
        label = data.get("label") or "Unknown"
        degree = len(neighbours[nid])
        size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(degree / top)
        nodes.append({
            "id": nid,
            "label": label,
            "name": data.get("name") or nid,
            "aliases": list(data.get("aliases") or []),
            "colour": LABEL_COLOURS.get(label, OTHER_COLOUR),
            "size": round(size, 2),
            "degree": degree,
            "roles": roles[nid],
            "focus": nid == focus_id,
            "new": nid in new_nodes,
            "tooltip": _node_tooltip(data, roles[nid], degree) + (f"\nNew since {new['since']}" if nid in new_nodes else ""),
        })

    view_edges = []
    for s, t, k, d in edges:
        etype = d.get("type", k)
        colour, dash = EDGE_STYLES.get(etype, OTHER_EDGE_STYLE)
        evidence = [{"document": ev.get("document"), "section": ev.get("section"), "quote": ev.get("quote")}
                    for ev in edge_evidence(d)]
        count = int(d.get("count") or len(evidence) or 1)
        view_edges.append({
            "id": f"{s}|{etype}|{t}",
            "source": s,
            "target": t,
            "type": etype,
            "colour": colour,
            "dash": dash,
            "width": round(1.0 + min(4.0, math.log2(count)), 2),
            "title": d.get("title"),
            "status": d.get("status"),
            "confidence": d.get("confidence"),
            "low_confidence": bool(d.get("low_confidence")),
            "curated": bool(d.get("curated")),
            "count": count,
            "new": f"{s}|{etype}|{t}" in new_edges,
            "evidence": evidence,
            "tooltip": _edge_tooltip(etype, G.nodes[s].get("name") or s, G.nodes[t].get("name") or t, d, evidence),
        })

    label_counts = Counter(n["label"] for n in nodes)
    type_counts = Counter(e["type"] for e in view_edges)
    legend = {
        "labels": [{"label": lab, "colour": LABEL_COLOURS.get(lab, OTHER_COLOUR), "count": label_counts[lab]}
                   for lab in _ordered(label_counts, LABEL_COLOURS)],
        "edge_types": [{"type": et, "colour": EDGE_STYLES.get(et, OTHER_EDGE_STYLE)[0],
                        "dash": EDGE_STYLES.get(et, OTHER_EDGE_STYLE)[1], "count": type_counts[et]}
                       for et in _ordered(type_counts, EDGE_STYLES)],
        "ended": sum(1 for e in view_edges if e.get("status") == "ended"),
        "low_confidence": sum(1 for e in view_edges if e["low_confidence"]),
    }
    if new is not None:
        legend["new"] = {"since": str(new.get("since", "")), "nodes": sum(n["new"] for n in nodes),
                         "edges": sum(e["new"] for e in view_edges)}
    focus_name = G.nodes[focus_id].get("name") if focus_id else None
    meta = _meta(G, build, title, focus_name, depth, types)
    if new is not None:
        meta["new_since"] = str(new.get("since", ""))
    return {"nodes": nodes, "edges": view_edges, "legend": legend, "meta": meta}


def _ordered(counts: Counter, known: Mapping[str, Any]) -> list[str]:
    # Legend order is the palette's order, so the same types always sit in the same place.
    order = {k: i for i, k in enumerate(known)}
    return sorted(counts, key=lambda k: (order.get(k, len(order)), k))


def layout_positions(view: Mapping[str, Any], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1] x [-1, 1] for a view; the same view always gets the same layout.

    Small graphs get Kamada-Kawai (even spacing, readable); large ones a seeded spring layout,
    which stays fast for thousands of nodes.
    """
    H = nx.Graph()
    H.add_nodes_from(n["id"] for n in view["nodes"])
    H.add_edges_from((e["source"], e["target"]) for e in view["edges"])
    if H.number_of_nodes() == 0:
        return {}
    if H.number_of_nodes() == 1:
        return {next(iter(H.nodes)): (0.0, 0.0)}
    if H.number_of_nodes() <= 150:
        pos = _spread(nx.kamada_kawai_layout(H, pos=nx.circular_layout(sorted(H.nodes))))
    else:
        pos = _grid_spring(sorted(H.nodes), list(H.edges), seed=seed)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: (round(float((p[0] - cx) / half), 6), round(float((p[1] - cy) / half), 6)) for n, p in sorted(pos.items())}


def _grid_spring(nodes: list[str], edges: list[tuple[str, str]], *, seed: int, iterations: int = 50) -> dict[str, Any]:
    # Fruchterman-Reingold where each node is pushed only by nodes near it (a k-d tree finds
    # them): networkx's exact version takes about a minute for 5,000 nodes, this a few seconds.
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    src = np.array([index[s] for s, _t in edges], dtype=np.int64)
    dst = np.array([index[t] for _s, t in edges], dtype=np.int64)
    pos = np.random.default_rng(seed).random((n, 2)) * 2 - 1
    k = 2.0 / math.sqrt(n)
    step = 0.1
    for _ in range(iterations):
        pairs = cKDTree(pos).query_pairs(3 * k, output_type="ndarray")
        i, j = pairs[:, 0], pairs[:, 1]
        d = pos[i] - pos[j]
        push = d * (k * k / ((d * d).sum(1) + 1e-9))[:, None]
        d = pos[src] - pos[dst]
        pull = d * (np.sqrt((d * d).sum(1)) / k)[:, None]
        disp = np.empty_like(pos)
        for axis in (0, 1):
            disp[:, axis] = (np.bincount(i, push[:, axis], n) - np.bincount(j, push[:, axis], n)
                             - np.bincount(src, pull[:, axis], n) + np.bincount(dst, pull[:, axis], n))
        length = np.sqrt((disp * disp).sum(1)) + 1e-9
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step *= 0.95
    return {node: pos[i] for i, node in enumerate(nodes)}


def _spread(pos: dict[str, Any], rounds: int = 60) -> dict[str, Any]:
    # Kamada-Kawai may stack nodes it has no distance for (other components): nudge apart
    # any two closer than a node's width, in a fixed order so the result stays the same.
    import numpy as np

    nodes = sorted(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    span = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 1e-9))
    least = 0.09 * span
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((d * d).sum(-1)) + np.eye(len(nodes))
        close = (dist < least) & ~np.eye(len(nodes), dtype=bool)
        if not close.any():
            break
        same = close & (dist < 1e-9)
        if same.any():
            # Nodes at the same point have no direction between them: the earlier (in sorted
            # order) goes right and the later left, so they part (the same way every time).
            away = np.where(np.triu(np.ones_like(same), 1), 1e-6, -1e-6)
            d[:, :, 0] = np.where(same, away, d[:, :, 0])
            dist = np.where(same, 1e-6, dist)
        push = np.where(close, (least - dist) / 2 / dist, 0.0)
        xy += (d * push[:, :, None]).sum(1)
    return {n: xy[i] for i, n in enumerate(nodes)}
