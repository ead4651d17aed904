"""The canonical JSON text of a graph: what ``kg export --format json`` writes.

``to_json`` is canonical (sorted, stable), so the same corpus always exports to the same bytes;
the build history keeps each build's graph in this form too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import networkx as nx

from graph.model.assemble import EVIDENCE_FIELDS, edge_evidence, edge_order

__all__ = ["iter_json", "to_json", "to_json_data"]


def _node_records(G: nx.MultiDiGraph) -> Iterator[dict]:
    for nid, data in sorted(G.nodes(data=True)):
        record = {
            "id": nid,
            "label": data["label"],
            "name": data.get("name", ""),
            "aliases": list(data.get("aliases", [])),
        }
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
