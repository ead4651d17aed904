"""Kumu's import sheets: a folder with ``elements.csv`` and ``connections.csv``.

Document nodes and MENTIONS edges are left out (a map of who works with whom, not of files);
each connection's description carries its evidence quotes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from graph.exchange.files import atomic_write, csv_text, make_folder
from graph.model.assemble import SYMMETRIC, edge_evidence, sorted_edges

__all__ = ["KUMU_CONNECTION_COLUMNS", "KUMU_ELEMENT_COLUMNS", "write_kumu"]

# "kg id" rather than "ID": connections name their elements by Label, which is unique here.
KUMU_ELEMENT_COLUMNS = ("Label", "Type", "Description", "Tags", "Aliases", "Documents", "kg id")
KUMU_CONNECTION_COLUMNS = ("From", "To", "Type", "Direction", "Label", "Description", "Tags", "Strength")


def _evidence_lines(data: dict) -> list[str]:
    lines = []
    for ev in edge_evidence(data):
        where = ev["document"] + (f" \u00a7 {ev['section']}" if ev.get("section") else "")
        lines.append(f"\u201c{ev['quote']}\u201d ({where})" if ev.get("quote") else f"({where})")
    return lines


def _kumu_labels(G: nx.MultiDiGraph, nodes: list[str]) -> dict[str, str]:
    # Kumu joins connections to elements by label, so a name two elements share gets its type added.
    def name(nid: str) -> str:
        return str(G.nodes[nid].get("name") or nid)

    names = Counter(name(n) for n in nodes)
    typed = Counter((name(n), G.nodes[n]["label"]) for n in nodes)
    labels = {}
    for nid in nodes:
        key = (name(nid), G.nodes[nid]["label"])
        if names[key[0]] == 1:
            labels[nid] = key[0]
        elif typed[key] == 1:
            labels[nid] = f"{key[0]} ({key[1]})"
        else:  # same name and label (ids differ): only the id tells them apart
            labels[nid] = f"{key[0]} ({nid})"
    return labels


def write_kumu(G: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write a folder with Kumu's ``elements.csv`` and ``connections.csv`` sheets.

    Document nodes and MENTIONS edges are left out; each element's description says where it
    was seen and each connection's description quotes its evidence. Multi-valued cells use
    ``|``, Kumu's separator.
    """
    folder = Path(path)
    nodes = [n for n, d in sorted(G.nodes(data=True)) if d.get("label") != "Document"]
    labels = _kumu_labels(G, nodes)
    element_rows = []
    for nid in nodes:
        data = G.nodes[nid]
        docs = list(data.get("documents") or [])
        aliases = list(data.get("aliases") or [])
        description = [f"{data['label']}."]
        if aliases:
            description.append("Also called " + ", ".join(aliases) + ".")
        if data.get("date"):
            description.append(f"Date: {data['date']}.")
        if docs:
            description.append("Seen in " + ", ".join(docs) + ".")
        tags = (["curated"] if data.get("curated") else []) + ([str(data["salience"])] if data.get("salience") else [])
        element_rows.append(
            [labels[nid], data["label"], " ".join(description), "|".join(tags), "|".join(aliases), "|".join(docs), nid]
        )
    connection_rows = []
    for s, t, _key, data in sorted_edges(G):
        if s not in labels or t not in labels:
            continue
        tags = [str(data["status"])] if data.get("status") else []
        tags += ["curated"] if data.get("curated") else []
        tags += ["low confidence"] if data.get("low_confidence") else []
        connection_rows.append(
            [
                labels[s],
                labels[t],
                data["type"],
                "undirected" if data["type"] in SYMMETRIC else "directed",
                str(data.get("title") or ""),
                "\n".join(_evidence_lines(data)),
                "|".join(tags),
                data.get("confidence", ""),
            ]
        )
    make_folder(folder)
    elements, connections = folder / "elements.csv", folder / "connections.csv"
    atomic_write(elements, csv_text(KUMU_ELEMENT_COLUMNS, element_rows))
    atomic_write(connections, csv_text(KUMU_CONNECTION_COLUMNS, connection_rows))
    return [elements, connections]
