"""Moving the graph between networkx, a store and canonical JSON.

``to_store_rows`` and ``read_graph`` are a named pair: what one writes, the other reads back
as an equal ``MultiDiGraph``. ``to_json`` is canonical (sorted, stable), so the same corpus
always exports to the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from .model import EVIDENCE_FIELDS, edge_evidence

__all__ = ["BUILD_LABEL", "read_graph", "to_json", "to_json_data", "to_store_rows"]

# The label of the one node that records how the graph was built; never part of an export.
BUILD_LABEL = "KgBuild"
_NODE_KEYS = ("id", "label")


def to_store_rows(G: nx.MultiDiGraph, meta: dict[str, Any] | None = None) -> tuple[list[dict], list[dict]]:
    """Node and edge rows for :meth:`Store.replace_graph`, sorted, with the build record if given."""
    nodes = [
        {"id": nid, "label": data["label"], "props": {k: v for k, v in data.items() if k not in _NODE_KEYS}}
        for nid, data in sorted(G.nodes(data=True))
    ]
    if meta is not None:
        nodes.append({"id": "build", "label": BUILD_LABEL, "props": dict(meta)})
    edges = []
    for s, t, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        edges.append(
            {
                "type": data["type"],
                "source": s,
                "target": t,
                "source_label": G.nodes[s]["label"],
                "target_label": G.nodes[t]["label"],
                "key": f"{s}|{key}|{t}",
                "props": {k: v for k, v in data.items() if k != "type"},
            }
        )
    return nodes, edges


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


def to_json_data(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """The export document: nodes and edges as plain, canonically ordered records."""
    nodes = []
    for nid, data in sorted(G.nodes(data=True)):
        record = {"id": nid, "label": data["label"], "name": data.get("name", ""), "aliases": list(data.get("aliases", []))}
        record.update({k: v for k, v in sorted(data.items()) if k not in record})
        nodes.append(record)
    edges = []
    for s, t, _key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[3]["type"], e[1])):
        record = {"source": s, "target": t, "type": data["type"], "evidence": edge_evidence(data)}
        record.update({k: v for k, v in sorted(data.items()) if k not in record and k not in EVIDENCE_FIELDS})
        edges.append(record)
    return {"nodes": nodes, "edges": edges}


def to_json(G: nx.MultiDiGraph) -> str:
    """Canonical JSON text of the graph: identical graphs give identical bytes.

    One node or edge per line keeps the file readable and diffable, and lets the C encoder
    do the work (``indent`` would fall back to the pure-Python one, many times slower).
    """
    data = to_json_data(G)
    parts = []
    for key in ("nodes", "edges"):
        rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in data[key])
        parts.append(f'"{key}": [\n{rows}\n]' if rows else f'"{key}": []')
    return "{" + ",\n".join(parts) + "}\n"
