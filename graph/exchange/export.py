"""``kg export``: writers from the graph to the tools people already use (Gephi, Kumu, Neo4j).

Each writer takes the ``MultiDiGraph`` of :func:`graph.model.assemble.build_graph` (or
:func:`graph.stores.graph_rows.read_graph`) and a path, and writes canonically sorted output,
so the same graph always gives the same bytes. :data:`FORMATS` maps a format name to its
writer; :func:`write_export` is the one entry point (``kg export`` calls it).

- ``json``: the canonical export of :func:`graph.exchange.canonical_json.to_json` (one file).
- ``graphml``, ``gexf`` (:mod:`~graph.exchange.gephi`): one file for Gephi; node attributes
  ``label`` (the name Gephi shows), ``type`` (Person, Organisation ...), ``colour``,
  ``degree``; lists become ``"; "``-joined text because GraphML and GEXF attributes are scalars.
- ``kumu`` (:mod:`~graph.exchange.kumu`): a folder with ``elements.csv`` and
  ``connections.csv`` for Kumu's import. Document nodes and MENTIONS edges are left out (a map
  of who works with whom, not of files); each connection's description carries its evidence.
- ``csv`` (:mod:`~graph.exchange.neo4j_import`): a folder with ``nodes.csv`` and
  ``relationships.csv`` in the header format of ``neo4j-admin database import`` (arrays
  ``;``-separated).
- ``cypher`` (:mod:`~graph.exchange.neo4j_import`): one file of parameter-free ``CREATE``
  statements, one per line, that recreates the graph in an empty Neo4j or FalkorDB graph.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graph.exchange.canonical_json import to_json
from graph.exchange.files import atomic_write
from graph.exchange.gephi import gexf_text, graphml_text, write_gexf, write_graphml
from graph.exchange.kumu import write_kumu
from graph.exchange.neo4j_import import cypher_text, write_csv, write_cypher
from loaders.errors import UsageError

__all__ = ["FOLDER_FORMATS", "FORMATS", "export_text", "write_export", "write_json"]


def write_json(G: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write the canonical JSON export (:func:`graph.exchange.canonical_json.to_json`) to ``path``."""
    path = Path(path)
    atomic_write(path, to_json(G))
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
