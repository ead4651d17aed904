"""kg's graph: extractions in; a resolved graph stored, queried, drawn, exported and reviewed.

The names below are the library's public API; the ``kg`` command line (:mod:`graph.cli`) is a
thin layer over them. Build a folder into the embedded store and export it:

>>> from pathlib import Path
>>> from graph import build, open_store, read_graph, to_json          # doctest: +SKIP
>>> with open_store(None, Path("kg-data")) as store:                   # doctest: +SKIP
...     report = build(["notes/"], store, data_dir=Path("kg-data"))
...     text = to_json(read_graph(store))

``build_graph`` makes the graph in memory from loaded documents and their extractions, without
a store; ``to_view`` with ``render_html`` or ``render_map`` draws it. Each name is imported from
its module when first used:

>>> import graph
>>> graph.to_view.__module__
'graph.render.view'

The packages, in the one direction their imports flow (each uses only those before it):

- :mod:`graph.model`: records become one networkx ``MultiDiGraph``: entity resolution, ids,
  the edge types' schema, edges' evidence.
- :mod:`graph.stores`: where the graph is kept (the embedded FalkorDB server, or Neo4j),
  behind one small ``Store`` protocol; the graph as store rows and back.
- :mod:`graph.query`: statistics, one entity's card, finding an entity by name, prepared
  queries, and answers as tables.
- :mod:`graph.render`: what a picture shows (a view), and the explorer and board-paper map.
- :mod:`graph.exchange`: canonical JSON, every ``kg export`` format, ``kg push``.
- :mod:`graph.history`: every build recorded, and what changed between two.
- :mod:`graph.review`: what needs a human look, and the decisions kept in the catalogue.
- :mod:`graph.builder`: ``kg build`` from files to a stored graph (discovery, workers, cache).
- :mod:`graph.cli`: the ``kg`` command line.

:mod:`graph.collector` (pausing the cycle collector around bulk work) serves stores and builds.
Every error kg raises on purpose derives from :class:`loaders.errors.KGError`.
"""

from __future__ import annotations

import importlib
from typing import Any

# Public name -> the module that defines it. Imported on first use (PEP 562): ``import graph``
# stays cheap, and ``kg stats`` never loads matplotlib because the map renderer is public.
_API = {
    # making the graph
    "build": "graph.builder.run",
    "BuildReport": "graph.builder.run",
    "build_graph_from_paths": "graph.builder.run",
    "GraphBuild": "graph.builder.run",
    "build_graph": "graph.model.assemble",
    "edge_evidence": "graph.model.assemble",
    # keeping it
    "open_store": "graph.stores.base",
    "Store": "graph.stores.base",
    "QueryResult": "graph.stores.base",
    "read_graph": "graph.stores.graph_rows",
    "to_store_rows": "graph.stores.graph_rows",
    # asking it
    "graph_stats": "graph.query.lookup",
    "GraphStats": "graph.query.lookup",
    "entity_card": "graph.query.lookup",
    "EntityCard": "graph.query.lookup",
    "find_entity": "graph.query.lookup",
    "load_library": "graph.query.prepared",
    "bind_params": "graph.query.running",
    "run_query": "graph.query.running",
    "format_result": "graph.query.tables",
    # drawing it
    "to_view": "graph.render.view",
    "render_html": "graph.render.explorer",
    "render_map": "graph.render.board_map",
    # exchanging it
    "to_json": "graph.exchange.canonical_json",
    "write_export": "graph.exchange.export",
    "export_text": "graph.exchange.export",
    "FORMATS": "graph.exchange.export",
    "copy_graph": "graph.exchange.push",
    # its history
    "list_builds": "graph.history.builds",
    "load_build": "graph.history.builds",
    "diff_graphs": "graph.history.diff",
    "diff_markdown": "graph.history.diff",
    "GraphDiff": "graph.history.diff",
    # reviewing it
    "review_rows": "graph.review.findings",
    "write_review": "graph.review.findings",
    "read_review": "graph.review.findings",
    "apply_review": "graph.review.decisions",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
