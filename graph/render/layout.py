"""Where each node of a view goes: the same view always gets the same layout.

Both pictures place nodes with :func:`layout_positions` (the explorer only for a graph too large
for the browser's physics to settle).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx

__all__ = ["layout_positions"]


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
    return {
        n: (round(float((p[0] - cx) / half), 6), round(float((p[1] - cy) / half), 6)) for n, p in sorted(pos.items())
    }


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
            disp[:, axis] = (
                np.bincount(i, push[:, axis], n)
                - np.bincount(j, push[:, axis], n)
                - np.bincount(src, pull[:, axis], n)
                + np.bincount(dst, pull[:, axis], n)
            )
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
