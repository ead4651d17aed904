"""The graph for Neo4j without a running kg: ``neo4j-admin database import`` CSV files, and a
Cypher script of parameter-free statements that recreates it in an empty Neo4j or FalkorDB graph.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exchange.files import atomic_write, csv_text, make_folder
from graph.model.assemble import sorted_edges
from loaders.errors import UsageError

__all__ = ["cypher_literal", "cypher_statements", "cypher_text", "write_csv", "write_cypher"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _neo4j_type(values: list[Any]) -> str:
    """The neo4j-admin header type that holds every one of ``values``."""
    scalars = [x for v in values for x in (v if isinstance(v, (list, tuple)) else [v])]
    is_list = any(isinstance(v, (list, tuple)) for v in values)
    if scalars and all(isinstance(x, bool) for x in scalars):
        base = "boolean"
    elif scalars and all(isinstance(x, int) and not isinstance(x, bool) for x in scalars):
        base = "long"
    elif scalars and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in scalars):
        base = "double"
    else:
        base = "string"
    return base + ("[]" if is_list else "")


def _neo4j_cell(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in items:
        if isinstance(item, bool):
            text = "true" if item else "false"
        elif kind.startswith("double"):
            text = repr(float(item))
        else:
            text = str(item)
        # An array item may not contain the array delimiter; neo4j-admin would split it in two.
        out.append(text.replace(delimiter, ",") if kind.endswith("[]") else text)
    return delimiter.join(out)


def _neo4j_table(records: list[dict], fixed: list[str], delimiter: str) -> tuple[list[str], list[list[str]], list[str]]:
    keys = sorted({k for rec in records for k in rec} - set(fixed))
    kinds = {k: _neo4j_type([rec[k] for rec in records if k in rec]) for k in keys}
    header = [f"{k}:{kinds[k]}" if kinds[k] != "string" else k for k in keys]
    rows = [[_neo4j_cell(rec.get(k), kinds[k], delimiter) for k in keys] for rec in records]
    return header, rows, keys


def write_csv(G: nx.MultiDiGraph, path: Path, *, array_delimiter: str = ";") -> list[Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import``, in a folder.

    Headers carry types (``id:ID``, ``:LABEL``, ``aliases:string[]``, ``confidence:double``,
    ``:START_ID``, ``:END_ID``, ``:TYPE`` ...); array items are joined with ``array_delimiter``
    (a delimiter inside an item becomes ``,``). Import with, e.g.::

        neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
            --array-delimiter=";" --multiline-fields=true neo4j
    """
    folder = Path(path)
    node_recs = [{k: v for k, v in d.items() if k not in ("id", "label")} for _, d in sorted(G.nodes(data=True))]
    header, rows, _ = _neo4j_table(node_recs, [], array_delimiter)
    node_rows = [[nid, d["label"], *row] for (nid, d), row in zip(sorted(G.nodes(data=True)), rows, strict=True)]
    node_text = csv_text(["id:ID", ":LABEL", *header], node_rows)

    edges = sorted_edges(G)
    edge_recs = [{k: v for k, v in d.items() if k != "type"} for *_, d in edges]
    eheader, erows, _ = _neo4j_table(edge_recs, [], array_delimiter)
    edge_rows = [[s, t, d["type"], *row] for (s, t, _k, d), row in zip(edges, erows, strict=True)]
    edge_text = csv_text([":START_ID", ":END_ID", ":TYPE", *eheader], edge_rows)

    make_folder(folder)
    nodes_path, rels_path = folder / "nodes.csv", folder / "relationships.csv"
    atomic_write(nodes_path, node_text)
    atomic_write(rels_path, edge_text)
    return [nodes_path, rels_path]


# --- cypher -----------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal: text single-quoted and escaped, numbers, booleans, lists.

    >>> cypher_literal(["it's", 2, 0.5, True])
    "['it\\\\'s', 2, 0.5, true]"
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UsageError(f"{value} cannot be written as a Cypher literal; only finite numbers can")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_ESCAPES.get(c, c) for c in value) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if value is None:
        return "null"
    raise UsageError(f"a {type(value).__name__} cannot be written as a Cypher literal")


def _name(identifier: str) -> str:
    # Labels, types and keys are plain identifiers in kg; anything else is back-quoted.
    return identifier if _IDENTIFIER.fullmatch(identifier) else "`" + identifier.replace("`", "``") + "`"


def _map(props: dict[str, Any]) -> str:
    items = [f"{_name(k)}: {cypher_literal(v)}" for k, v in sorted(props.items()) if v is not None]
    return "{" + ", ".join(items) + "}"


def cypher_statements(G: nx.MultiDiGraph) -> list[str]:
    """Parameter-free statements that recreate ``G`` in an empty graph, in a fixed order.

    First an index on ``id`` per label, then one ``CREATE`` per node, then one
    ``MATCH ... CREATE`` per edge. Each statement is one line (newlines inside text are escaped).
    """
    labels = sorted({d["label"] for _, d in G.nodes(data=True)})
    out = [f"CREATE INDEX FOR (n:{_name(label)}) ON (n.id)" for label in labels]
    for nid, data in sorted(G.nodes(data=True)):
        props = {k: v for k, v in data.items() if k != "label"}
        props["id"] = nid
        out.append(f"CREATE (:{_name(data['label'])} {_map(props)})")
    for s, t, _key, data in sorted_edges(G):
        sl, tl = _name(G.nodes[s]["label"]), _name(G.nodes[t]["label"])
        props = {k: v for k, v in data.items() if k != "type"}
        out.append(
            f"MATCH (a:{sl} {{id: {cypher_literal(s)}}}), (b:{tl} {{id: {cypher_literal(t)}}}) "
            f"CREATE (a)-[:{_name(data['type'])} {_map(props)}]->(b)"
        )
    return out


def cypher_text(G: nx.MultiDiGraph) -> str:
    """A Cypher script (one ``;``-terminated statement per line) that recreates ``G``.

    Run it into an empty graph, e.g. ``cypher-shell -f graph.cypher`` for Neo4j.
    """
    header = [
        "// kg graph: parameter-free statements that recreate it in an empty graph.",
        f"// {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships.",
    ]
    return "\n".join(header + [s + ";" for s in cypher_statements(G)]) + "\n"


def write_cypher(G: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write :func:`cypher_text` to ``path``."""
    path = Path(path)
    atomic_write(path, cypher_text(G))
    return [path]
