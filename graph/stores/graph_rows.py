"""The graph as a store's rows, and a store's graph read back.

``to_store_rows`` and ``read_graph`` are a named pair: what one writes, the other reads back
as an equal ``MultiDiGraph``. The canonical JSON text of a graph is
:mod:`graph.exchange.canonical_json`'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from graph.model.assemble import edge_order

__all__ = ["BUILD_LABEL", "iter_store_rows", "read_graph", "to_store_rows"]

# The label of the one node that records how the graph was built; never part of an export.
BUILD_LABEL = "KgBuild"
_NODE_KEYS = ("id", "label")


def to_store_rows(G: nx.MultiDiGraph, meta: dict[str, Any] | None = None) -> tuple[list[dict], list[dict]]:
    """Node and edge rows for :meth:`Store.replace_graph`, sorted, with the build record if given."""
    nodes, edges = iter_store_rows(G, meta)
    return list(nodes), list(edges)


def iter_store_rows(
    G: nx.MultiDiGraph, meta: dict[str, Any] | None = None, *, consume: bool = False
) -> tuple[Iterator[dict], Iterator[dict]]:
    """The rows of :func:`to_store_rows`, each made only when the store reads it.

    A store reads the nodes, then the edges, once: a large graph's rows are then never all in
    memory at once, beside the graph itself. With ``consume``, each edge is taken out of the
    graph as its row is made: for a graph not needed afterwards, whose memory a store that
    keeps the rows (packed) then reuses instead of adding to it.
    """
    return _node_rows(G, meta), _edge_rows(G, consume)


def _node_rows(G: nx.MultiDiGraph, meta: dict[str, Any] | None) -> Iterator[dict]:
    for nid, data in sorted(G.nodes(data=True)):
        yield {"id": nid, "label": data["label"], "props": {k: v for k, v in data.items() if k not in _NODE_KEYS}}
    if meta is not None:
        yield {"id": "build", "label": BUILD_LABEL, "props": dict(meta)}


def _edge_rows(G: nx.MultiDiGraph, consume: bool = False) -> Iterator[dict]:
    labels = {nid: data["label"] for nid, data in G.nodes(data=True)}
    # iter(): given the view itself, sorted() first asks its length, which networkx counts by
    # walking every edge (a third of the sort's time)
    edges = sorted(iter(G.edges(keys=True, data=True)), key=edge_order)
    if consume:
        edges.reverse()  # taken from the end, so that nothing is left of an edge once its row is made
    for i in range(len(edges)):
        s, t, key, data = edges.pop() if consume else edges[i]
        if consume:
            G.remove_edge(s, t, key)
        props = dict(data)
        etype = props.pop("type")
        yield {
            "type": etype,
            "source": s,
            "target": t,
            "source_label": labels[s],
            "target_label": labels[t],
            "key": f"{s}|{key}|{t}",
            "props": props,
        }


def read_graph(store) -> nx.MultiDiGraph:
    """Read the whole stored graph (without the build record) back into a ``MultiDiGraph``."""
    G = nx.MultiDiGraph()
    nodes = store.run(
        f"MATCH (n) WHERE NOT n:{BUILD_LABEL} RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
    )
    for nid, labels, props in nodes.rows:
        attrs = {k: v for k, v in props.items() if k not in _NODE_KEYS}
        G.add_node(nid, id=nid, label=labels[0], **attrs)
    edges = store.run(
        "MATCH (a)-[e]->(b) RETURN a.id AS source, type(e) AS type, b.id AS target, properties(e) AS props"
    )
    for s, etype, t, props in edges.rows:
        attrs = {k: v for k, v in props.items() if k != "key"}
        G.add_edge(s, t, key=etype, type=etype, **attrs)
    return G
