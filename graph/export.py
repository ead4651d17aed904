"""Moving the graph between networkx, a store and canonical JSON.

``to_store_rows`` and ``read_graph`` are a named pair: what one writes, the other reads back
as an equal ``MultiDiGraph``. ``to_json`` is canonical (sorted, stable), so the same corpus
always exports to the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

from .model import EVIDENCE_FIELDS, edge_evidence, edge_order

__all__ = ["BUILD_LABEL", "iter_json", "iter_store_rows", "read_graph", "to_json", "to_json_data", "to_store_rows"]

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


def _node_records(G: nx.MultiDiGraph) -> Iterator[dict]:
    for nid, data in sorted(G.nodes(data=True)):
        record = {"id": nid, "label": data["label"], "name": data.get("name", ""), "aliases": list(data.get("aliases", []))}
        record.update({k: v for k, v in sorted(data.items()) if k not in record})
        yield record


_EDGE_RECORD_KEYS = frozenset({"source", "target", "type", "evidence", *EVIDENCE_FIELDS})


def _edge_records(G: nx.MultiDiGraph) -> Iterator[dict]:
    # Edges have few sets of attribute names: each set's other names are sorted once.
    others: dict[tuple[str, ...], list[str]] = {}
    for s, t, _key, data in sorted(iter(G.edges(keys=True, data=True)), key=edge_order):
        names = tuple(data)
        rest = others.get(names)
        if rest is None:
            rest = others[names] = sorted(k for k in names if k not in _EDGE_RECORD_KEYS)
        record = {"source": s, "target": t, "type": data["type"], "evidence": edge_evidence(data)}
        for k in rest:
            record[k] = data[k]
        yield record


def to_json_data(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """The export document: nodes and edges as plain, canonically ordered records."""
    return {"nodes": list(_node_records(G)), "edges": list(_edge_records(G))}


# json.dumps(row, ensure_ascii=False), without making an encoder per row (no cycles to look for).
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def iter_json(G: nx.MultiDiGraph) -> Iterator[str]:
    """:func:`to_json`'s text in pieces (about one per node or edge), made as they are read.

    Writing the pieces as they come never holds the whole text, nor all the records, at once.
    """
    yield "{"
    for n, (key, records) in enumerate((("nodes", _node_records(G)), ("edges", _edge_records(G)))):
        if n:
            yield ",\n"
        first = True
        for record in records:
            yield (f'"{key}": [\n' if first else ",\n") + _encode(record)
            first = False
        yield f'"{key}": []' if first else "\n]"
    yield "}\n"


def to_json(G: nx.MultiDiGraph) -> str:
    """Canonical JSON text of the graph: identical graphs give identical bytes.

    One node or edge per line keeps the file readable and diffable, and lets the C encoder
    do the work (``indent`` would fall back to the pure-Python one, many times slower).
    """
    return "".join(iter_json(G))
