"""The data behind every picture of the graph: ``to_view(G)`` turns a graph into plain records.

Both renderers (the interactive HTML explorer and the board-paper map) draw a view, never the
graph itself, so what they show is decided once, here, by pure and deterministic functions:
the same graph and options always give the same view, key for key. How each fact is drawn
comes from :func:`graph.render.palette.edge_look`, and the legend lists exactly the looks drawn.

A view is a dict::

    {"nodes":  [{"id", "label", "name", "aliases", "colour", "size", "degree", "roles", "focus",
                 "new", "tooltip"}],
     "edges":  [{"id", "source", "target", "type", "words", "colour", "dash", "width", "opacity",
                 "key", "title", "status", "confidence", "low_confidence", "curated", "count",
                 "new", "evidence", "tooltip"}],
     "legend": {"labels": [{"label", "colour", "count"}],
                "edges": [{"key", "type", "status", "words", "colour", "dash", "width", "opacity", "count"}],
                "low_confidence"},  # faded facts among entries drawn unfaded (a legend row of their own)
     "meta":   {"title", "data_as_of", "documents", "sources", "source_dates", "undated_sources",
                "focus", "depth", "types", "part"}}

Tooltips are plain text: renderers must treat every string as text, never as markup.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.model.assemble import edge_evidence, edge_order
from graph.query.lookup import find_entity_in_graph
from graph.render.palette import (
    EDGE_STYLES,
    LABEL_COLOURS,
    OTHER_COLOUR,
    edge_look,
    edge_words,
)
from graph.render.words import edge_tooltip, node_tooltip
from loaders.errors import UsageError

__all__ = [
    "DOCUMENT_LABEL",
    "EDGE_STYLES",
    "LABEL_COLOURS",
    "nodes_in_result",
    "find_node_id",
    "to_view",
]

DOCUMENT_LABEL = "Document"
MIN_SIZE, MAX_SIZE = 10.0, 40.0


def find_node_id(G: nx.MultiDiGraph, name: str) -> str:
    """The id of the one entity node ``name`` (a name, alias or id) refers to, found as every
    command finds it (:func:`graph.query.lookup.find_entity_in_graph`).

    Raises:
        UsageError: nothing matches (with close names), or several do (listed with their ids).
    """
    return find_entity_in_graph(G, name)["id"]


def nodes_in_result(G: nx.MultiDiGraph, rows: Iterable[Iterable[Any]], ids: Iterable[str] = ()) -> list[str]:
    """The ids of the nodes of ``G`` that a query result names, sorted.

    A value names a node when it is a node, relationship or path record from a store, or a node
    id (the prepared queries' hidden ``_ids`` column holds them, see graph.query.tables); lists
    are searched too. Names are never matched: two entities may share one. ``ids`` (e.g. the
    entity a query was asked about) are added as they are.
    """
    found = {i for i in ids if i in G}

    def visit(value: Any) -> None:
        if isinstance(value, str):
            if value in G and G.nodes[value].get("label") != DOCUMENT_LABEL:
                found.add(value)
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


def _subgraph(
    G: nx.MultiDiGraph,
    focus: str | None,
    depth: int,
    labels: set[str] | None,
    edge_types: set[str] | None,
    only: set[str] | None,
) -> tuple[set[str], list[tuple[str, str, str, dict]], str | None]:
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
    focus_id = find_node_id(G, focus) if focus else None
    if focus_id is not None:
        keep.add(focus_id)
    edges = [
        (s, t, k, d)
        for s, t, k, d in G.edges(keys=True, data=True)
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
    if edge_types is not None:
        # Asking for some edge types means: show what those edges connect. A node left with
        # none of them (an organisation that neither funds nor partners) is not part of it.
        keep = {n for s, t, _k, _d in edges for n in (s, t)} | ({focus_id} if focus_id else set())
    return keep, sorted(edges, key=edge_order), focus_id


def _largest_part(keep: set[str], edges: list[tuple[str, str, str, dict]]) -> set[str]:
    """The nodes of the largest connected part (ties: the one whose first id sorts first)."""
    H = nx.Graph()
    H.add_nodes_from(keep)
    H.add_edges_from((s, t) for s, t, _k, _d in edges)
    parts = [part for part in nx.connected_components(H) if len(part) > 1]
    if not parts:
        return keep
    return max(parts, key=lambda part: (len(part), [-ord(c) for c in min(part)]))


def _source_dates(G: nx.MultiDiGraph, edges: list[dict[str, Any]]) -> tuple[list[str] | None, int]:
    """The first and last date of the notes whose quotes state the facts drawn (a note's own
    date, else its document's), and how many of those notes are undated."""
    file_dates: dict[str, str] = {}
    section_dates: dict[tuple[str, str], str] = {}
    for _nid, d in G.nodes(data=True):
        if d.get("label") != DOCUMENT_LABEL or not d.get("date") or not d.get("path"):
            continue
        if d.get("kind", "file") == "file":
            file_dates[str(d["path"])] = str(d["date"])[:10]
        else:
            section_dates[(str(d["path"]), str(d.get("name")))] = str(d["date"])[:10]
    dates: set[str] = set()
    undated: set[tuple[str, str]] = set()
    for edge in edges:
        if edge["curated"]:
            continue  # the catalogue's word, not a dated source
        for ev in edge["evidence"]:
            where = (str(ev.get("document")), str(ev.get("section")))
            date = section_dates.get(where) or file_dates.get(where[0])
            if date:
                dates.add(date)
            else:
                undated.add(where)
    return ([min(dates), max(dates)] if dates else None), len(undated)


def _meta(
    G: nx.MultiDiGraph,
    build: Mapping[str, Any] | None,
    title: str | None,
    focus_name: str | None,
    depth: int,
    types: Iterable[str] | None,
) -> dict[str, Any]:
    build = dict(build or {})
    files = sorted(
        {
            d.get("path")
            for _, d in G.nodes(data=True)
            if d.get("label") == DOCUMENT_LABEL and d.get("kind", "file") == "file" and d.get("path")
        }
    )
    documents = list(build.get("documents") or files)
    built_at = str(build.get("built_at") or "")
    if built_at:
        as_of = built_at[:10]
    else:
        # Without a build record the newest dated document is the best "as of" there is.
        dates = sorted(
            str(d["date"]) for _, d in G.nodes(data=True) if d.get("label") == DOCUMENT_LABEL and d.get("date")
        )
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
    largest_part: bool = False,
) -> dict[str, Any]:
    """The nodes, edges, legend and caption to draw for ``G``; pure and deterministic.

    Args:
        G: the graph (as built, or as read back from a store).
        focus: name, alias or id of an entity: keep only what lies within ``depth`` steps of it.
        depth: how many steps from the focus to include.
        types: node labels and/or edge types to keep (default: every label but Document). With
            edge types, only the nodes that such an edge connects are kept.
        title: the picture's title (default: "Network around <focus>" or a generic one).
        build: the store's build record (``built_at``, ``sources``, ``documents``) for the caption.
        nodes: only these node ids (e.g. what a prepared query returned, see
            :func:`nodes_in_result`), with the edges between them.
        new: what to highlight as new: ``{"since": label, "nodes": ids, "edges": edge ids}``
            (edge ids are ``source|TYPE|target``), e.g. from :func:`graph.history.diff.diff_graphs`.
        largest_part: keep only the largest connected part (a map of the whole graph); the
            view's ``meta["part"]`` then says how much of the graph that is.

    Raises:
        UsageError: the focus is unknown or ambiguous, a type is unknown, or depth is negative.
    """
    types = list(types) if types else None
    new_nodes, new_edges = set((new or {}).get("nodes", ())), set((new or {}).get("edges", ()))
    labels, edge_types = _split_types(G, types)
    keep, edges, focus_id = _subgraph(G, focus, depth, labels, edge_types, set(nodes) if nodes is not None else None)
    part = None
    if largest_part and focus_id is None:
        whole = len(keep)
        keep = _largest_part(keep, edges)
        edges = [e for e in edges if e[0] in keep]
        part = {"nodes": len(keep), "of": whole}

    view_nodes = _view_nodes(G, keep, edges, focus_id, new_nodes, new)
    view_edges = [_view_edge(G, s, t, k, d, new_edges) for s, t, k, d in edges]
    legend = _legend(view_nodes, view_edges)
    if new is not None:
        legend["new"] = {
            "since": str(new.get("since", "")),
            "nodes": sum(n["new"] for n in view_nodes),
            "edges": sum(e["new"] for e in view_edges),
        }
    focus_name = G.nodes[focus_id].get("name") if focus_id else None
    meta = _meta(G, build, title, focus_name, depth, types)
    meta["source_dates"], meta["undated_sources"] = _source_dates(G, view_edges)
    meta["part"] = part
    if new is not None:
        meta["new_since"] = str(new.get("since", ""))
    return {"nodes": view_nodes, "edges": view_edges, "legend": legend, "meta": meta}


def _roles(G: nx.MultiDiGraph, keep: set[str]) -> dict[str, list[str]]:
    """Each kept person's roles ("CEO, Riverside Trust"), whatever the filter: they are part of
    who the person is."""
    roles: dict[str, list[str]] = {n: [] for n in keep}
    for s, t, k, d in sorted(iter(G.edges(keys=True, data=True)), key=edge_order):
        if s in keep and d.get("type", k) == "ROLE_AT":
            org = G.nodes[t].get("name") or t
            roles[s].append(f"{d['title']}, {org}" if d.get("title") else org)
    return roles


def _view_nodes(
    G: nx.MultiDiGraph,
    keep: set[str],
    edges: list[tuple[str, str, str, dict]],
    focus_id: str | None,
    new_nodes: set[str],
    new: Mapping[str, Any] | None,
) -> list[dict[str, Any]]:
    neighbours: dict[str, set[str]] = {n: set() for n in keep}
    for s, t, _key, _data in edges:
        neighbours[s].add(t)
        neighbours[t].add(s)
    roles = _roles(G, keep)
    top = max([len(v) for v in neighbours.values()] + [1])
    view_nodes = []
    for nid in sorted(keep):
        data = G.nodes[nid]
        label = data.get("label") or "Unknown"
        degree = len(neighbours[nid])
        size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(degree / top)
        view_nodes.append(
            {
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
                "tooltip": node_tooltip(data, roles[nid], degree)
                + (f"\nNew since {new['since']}" if nid in new_nodes else ""),
            }
        )
    return view_nodes


def _view_edge(G: nx.MultiDiGraph, s: str, t: str, k: str, d: Mapping[str, Any], new_edges: set[str]) -> dict[str, Any]:
    etype = d.get("type", k)
    evidence = [
        {"document": ev.get("document"), "section": ev.get("section"), "quote": ev.get("quote")}
        for ev in edge_evidence(d)
    ]
    count = int(d.get("count") or len(evidence) or 1)
    edge = {
        "id": f"{s}|{etype}|{t}",
        "source": s,
        "target": t,
        "type": etype,
        "words": edge_words(etype),
        "title": d.get("title"),
        "status": d.get("status"),
        "confidence": d.get("confidence"),
        "low_confidence": bool(d.get("low_confidence")),
        "curated": bool(d.get("curated")),
        "count": count,
        "new": f"{s}|{etype}|{t}" in new_edges,
        "evidence": evidence,
        "tooltip": edge_tooltip(etype, G.nodes[s].get("name") or s, G.nodes[t].get("name") or t, d, evidence),
    }
    edge.update(edge_look(edge).as_dict())
    return edge


def _legend(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """What the picture holds, each entry drawn as the picture draws it: one per node label, one
    per edge type (per status, for the types drawn by it). An entry whose facts are all weak is
    drawn faded; faded facts of an entry drawn in full are counted for a row of their own."""
    label_counts = Counter(n["label"] for n in nodes)
    groups: dict[str, list[dict[str, Any]]] = {}
    for edge in edges:
        groups.setdefault(edge["key"], []).append(edge)
    order = {etype: i for i, etype in enumerate(EDGE_STYLES)}
    status_order = {"current": 0, "past": 1, "ended": 2, None: 3}
    entries = []
    for key, group in sorted(
        groups.items(),
        key=lambda kv: (
            order.get(kv[1][0]["type"], len(order)),
            kv[1][0]["type"],
            status_order.get(kv[1][0]["status"] if ":" in kv[0] else None, 4),
            kv[0],
        ),
    ):
        first = group[0]
        # the same look as an edge of the group, at the width of a fact stated once
        sample = edge_look(
            {
                "type": first["type"],
                "status": first["status"],
                "low_confidence": all(e["low_confidence"] for e in group),
            }
        )
        status = first["status"] if ":" in key else None
        entries.append(
            {
                "key": key,
                "type": first["type"],
                "status": status,
                "words": edge_words(first["type"], status, with_status=True),
                **{k: v for k, v in sample.as_dict().items() if k != "key"},
                "count": len(group),
            }
        )
    faded = sum(
        1
        for group in groups.values()
        if not all(e["low_confidence"] for e in group)
        for e in group
        if e["low_confidence"]
    )
    return {
        "labels": [
            {"label": lab, "colour": LABEL_COLOURS.get(lab, OTHER_COLOUR), "count": label_counts[lab]}
            for lab in _ordered(label_counts, LABEL_COLOURS)
        ],
        "edges": entries,
        "low_confidence": faded,
    }


def _ordered(counts: Counter, known: Mapping[str, Any]) -> list[str]:
    # Legend order is the palette's order, so the same types always sit in the same place.
    order = {k: i for i, k in enumerate(known)}
    return sorted(counts, key=lambda k: (order.get(k, len(order)), k))
