"""Writers from the graph to the tools people already use: Gephi, Kumu, Neo4j, spreadsheets.

Each writer takes the ``MultiDiGraph`` of :func:`graph.model.assemble.build_graph` (or
:func:`graph.stores.graph_rows.read_graph`) and a path, and writes canonically sorted output, so the same
graph always gives the same bytes. :data:`FORMATS` maps a format name to its writer;
:func:`write_export` is the one entry point.

- ``json``: the canonical export of :func:`graph.exchange.canonical_json.to_json` (one file).
- ``graphml``, ``gexf``: one file for Gephi; node attributes ``label`` (the name Gephi shows),
  ``type`` (Person, Organisation ...), ``colour``, ``degree``; lists become ``"; "``-joined text
  because GraphML and GEXF attributes are scalars.
- ``kumu``: a folder with ``elements.csv`` and ``connections.csv`` for Kumu's import. Document
  nodes and MENTIONS edges are left out (a map of who works with whom, not of files); each
  connection's description carries its evidence quotes.
- ``csv``: a folder with ``nodes.csv`` and ``relationships.csv`` in the header format of
  ``neo4j-admin database import`` (arrays ``;``-separated).
- ``cypher``: one file of parameter-free ``CREATE`` statements, one per line, that recreates
  the graph in an empty Neo4j or FalkorDB graph.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exchange.canonical_json import to_json
from graph.model.assemble import SYMMETRIC, edge_evidence, edge_order
from graph.render.palette import LABEL_COLOURS, OTHER_COLOUR
from loaders.errors import UsageError

__all__ = [
    "FOLDER_FORMATS",
    "FORMATS",
    "LABEL_COLOURS",
    "atomic_write",
    "cypher_literal",
    "cypher_statements",
    "cypher_text",
    "export_text",
    "gexf_text",
    "graphml_text",
    "write_csv",
    "write_cypher",
    "write_export",
    "write_gexf",
    "write_graphml",
    "write_json",
    "write_kumu",
]

# One colour per node label, for the formats that carry colours (GraphML and GEXF, for Gephi).
_LIST_SEPARATOR = "; "
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _colour(label: str) -> str:
    return LABEL_COLOURS.get(label, OTHER_COLOUR)


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so readers never see half a file: it is
    written beside the target, then renamed over it.

    Raises:
        UsageError: the file (or its folder) cannot be written there.
    """
    make_folder(path.parent)
    tmp = path.with_name(path.name + ".part")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8", newline="")
        else:
            tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}; choose another file name or folder") from None


def make_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if missing.

    Raises:
        UsageError: it cannot be made (a file is in the way, or no permission).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder {folder}: {exc.strerror or exc}; choose another place") from None


def _sorted_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    return sorted(iter(G.edges(keys=True, data=True)), key=edge_order)


# --- json ---------------------------------------------------------------------------------


def write_json(G: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write the canonical JSON export (:func:`graph.exchange.canonical_json.to_json`) to ``path``."""
    path = Path(path)
    atomic_write(path, to_json(G))
    return [path]


# --- graphml and gexf ---------------------------------------------------------------------


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
    for s, t, key, data in _sorted_edges(G):
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


# --- kumu -------------------------------------------------------------------------------------

# "kg id" rather than "ID": connections name their elements by Label, which is unique here.
KUMU_ELEMENT_COLUMNS = ("Label", "Type", "Description", "Tags", "Aliases", "Documents", "kg id")
KUMU_CONNECTION_COLUMNS = ("From", "To", "Type", "Direction", "Label", "Description", "Tags", "Strength")


def _csv_text(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


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
    for s, t, _key, data in _sorted_edges(G):
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
    atomic_write(elements, _csv_text(KUMU_ELEMENT_COLUMNS, element_rows))
    atomic_write(connections, _csv_text(KUMU_CONNECTION_COLUMNS, connection_rows))
    return [elements, connections]


# --- neo4j-admin csv --------------------------------------------------------------------------


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
    node_text = _csv_text(["id:ID", ":LABEL", *header], node_rows)

    edges = _sorted_edges(G)
    edge_recs = [{k: v for k, v in d.items() if k != "type"} for *_, d in edges]
    eheader, erows, _ = _neo4j_table(edge_recs, [], array_delimiter)
    edge_rows = [[s, t, d["type"], *row] for (s, t, _k, d), row in zip(edges, erows, strict=True)]
    edge_text = _csv_text([":START_ID", ":END_ID", ":TYPE", *eheader], edge_rows)

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
    for s, t, _key, data in _sorted_edges(G):
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


# --- registry ---------------------------------------------------------------------------------

Writer = Callable[[nx.MultiDiGraph, Path], list[Path]]

# Format name -> (writer(G, path) returning the files written, the text for standard output or
# None for a format that writes a folder of several files): the one registry of exports.
_REGISTRY: dict[str, tuple[Writer, Callable[[nx.MultiDiGraph], str] | None]] = {
    "json": (write_json, to_json),
    "graphml": (write_graphml, graphml_text),
    "gexf": (write_gexf, gexf_text),
    "kumu": (write_kumu, None),
    "csv": (write_csv, None),
    "cypher": (write_cypher, cypher_text),
}
FORMATS: dict[str, Writer] = {name: writer for name, (writer, _text) in _REGISTRY.items()}
# Formats whose path is a folder of several files rather than one file.
FOLDER_FORMATS = frozenset(name for name, (_writer, text) in _REGISTRY.items() if text is None)
_TEXTS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    name: text for name, (_writer, text) in _REGISTRY.items() if text is not None
}


def export_text(G: nx.MultiDiGraph, fmt: str) -> str:
    """``G`` in one-file format ``fmt`` as text (for standard output).

    Raises:
        UsageError: ``fmt`` is unknown or writes a folder (kumu, csv), which needs a path.
    """
    if fmt in FOLDER_FORMATS:
        raise UsageError(f"the {fmt} export writes a folder of CSV files; give it a folder with -o PATH")
    if fmt not in _TEXTS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}")
    return _TEXTS[fmt](G)


def write_export(G: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``G`` in format ``fmt`` to ``path`` (a folder for kumu and csv); returns the files.

    Raises:
        UsageError: ``fmt`` is not one of :data:`FORMATS` (the message lists them), or ``path``
            is a folder for a one-file format or a file for a folder format.
    """
    writer = FORMATS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}")
    path = Path(path)
    if fmt in FOLDER_FORMATS and path.exists() and not path.is_dir():
        raise UsageError(f"{path} is a file; the {fmt} export writes a folder of CSV files: give a folder name")
    if fmt not in FOLDER_FORMATS and path.is_dir():
        raise UsageError(f"{path} is a folder; the {fmt} export writes one file: give a file name")
    return writer(G, path)
