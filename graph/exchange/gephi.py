"""GraphML and GEXF for Gephi: node attributes ``label`` (the name Gephi shows), ``type``
(Person, Organisation ...), ``colour``, ``degree``; lists become ``"; "``-joined text because
GraphML and GEXF attributes are scalars.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exchange.files import atomic_write
from graph.model.assemble import sorted_edges
from graph.render.palette import LABEL_COLOURS, OTHER_COLOUR

__all__ = ["gexf_text", "graphml_text", "write_gexf", "write_graphml"]

_LIST_SEPARATOR = "; "


def _colour(label: str) -> str:
    return LABEL_COLOURS.get(label, OTHER_COLOUR)


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return _LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _uniform(records: list[dict]) -> None:
    """Make each attribute one type across records (text if they differ), as GraphML needs."""
    types: dict[str, set[type]] = {}
    for rec in records:
        for key, value in rec.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {k for k, ts in types.items() if len(ts) > 1}
    for rec in records:
        for key in mixed & rec.keys():
            rec[key] = str(rec[key])


def _gephi_graph(G: nx.MultiDiGraph, *, gexf: bool) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes, in sorted order, and the attributes Gephi reads."""
    H = nx.MultiDiGraph()
    node_records = []
    for nid, data in sorted(G.nodes(data=True)):
        kg_label = data.get("label", "")
        rec = {k: _flat(v) for k, v in sorted(data.items()) if k not in ("id", "label") and v is not None}
        colour = _colour(kg_label)
        rec.update(label=str(data.get("name") or nid), type=kg_label, colour=colour, degree=G.degree(nid))
        if not gexf:
            rec.update(_rgb(colour))  # Gephi's GraphML importer takes node colours from r, g, b
        node_records.append((nid, rec))
    _uniform([rec for _, rec in node_records])
    for nid, rec in node_records:
        H.add_node(nid, **rec)
        if gexf:
            H.nodes[nid]["viz"] = {"color": {**_rgb(rec["colour"]), "a": 1.0}}

    edge_records = []
    for s, t, key, data in sorted_edges(G):
        rec = {k: _flat(v) for k, v in sorted(data.items()) if k != "type" and v is not None}
        rec.update(label=data["type"], weight=int(data.get("count") or 1))
        if gexf:
            # In GEXF, "type" is the edge's direction (all directed: networkx cannot read mixed
            # graphs back); the kg type goes in "relation" and the label.
            rec.update(relation=data["type"], type="directed", id=f"{s}|{key}|{t}")
        else:
            rec["type"] = data["type"]
        edge_records.append((s, t, key, rec))
    _uniform([rec for *_, rec in edge_records])
    for s, t, key, rec in edge_records:
        # GraphML writes the key as the edge's id, which must be unique in the file (Gephi keeps
        # only the first edge of an id); GEXF has its own id attribute.
        H.add_edge(s, t, key=key if gexf else f"{s}|{key}|{t}", **rec)
    return H


def graphml_text(G: nx.MultiDiGraph) -> str:
    """GraphML for Gephi or yEd: ``label``, ``type``, ``colour`` (and ``r``, ``g``, ``b``), ``degree``."""
    # Numbered key ids (d0, d1, ...): named ones would repeat, as nodes and edges share names
    # (label, type, documents); readers go by each key's attr.name.
    return "\n".join(nx.generate_graphml(_gephi_graph(G, gexf=False))) + "\n"


def write_graphml(G: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write :func:`graphml_text` to ``path``."""
    path = Path(path)
    atomic_write(path, graphml_text(G))
    return [path]


def gexf_text(G: nx.MultiDiGraph) -> str:
    """GEXF 1.2 for Gephi: node ``label``, ``type``, ``colour``, ``degree`` and a viz colour."""
    text = "\n".join(nx.generate_gexf(_gephi_graph(G, gexf=True), version="1.2draft")) + "\n"
    # networkx stamps today's date in the header; drop it so the same graph gives the same bytes.
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def write_gexf(G: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write :func:`gexf_text` to ``path``."""
    path = Path(path)
    atomic_write(path, gexf_text(G))
    return [path]
