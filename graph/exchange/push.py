"""Copying a built graph from one store to another without re-extracting (``kg push``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.stores.graph_rows import BUILD_LABEL, read_graph, to_store_rows
from loaders.errors import UsageError

__all__ = ["PushReport", "copy_graph"]


@dataclass(frozen=True, slots=True)
class PushReport:
    """What was copied, and where from and to (store URLs never hold a password)."""

    source: str
    target: str
    nodes: int
    edges: int


def copy_graph(
    source,
    target,
    *,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Replace ``target``'s graph with ``source``'s, build record included, atomically.

    Args:
        source: The store to read (usually the embedded one).
        target: The store to write (usually a Neo4j server).
        batch_size: Rows per write statement.
        progress: Called as ``progress(rows_done, rows_total)`` while writing.

    Raises:
        UsageError: ``source`` and ``target`` are the same store.
        StoreNotFound: ``source`` holds no graph yet.
        StoreError: writing failed; ``target``'s previous graph is unchanged.
    """
    if source.url == target.url:
        raise UsageError(f"the source and the target are the same store ({source.url}); name another with --to")
    G = read_graph(source)
    build = source.run(f"MATCH (b:{BUILD_LABEL}) RETURN properties(b) AS build")
    meta = dict(build.rows[0][0]) if build.rows else None
    if meta is not None:
        meta.pop("id", None)  # the row's id; to_store_rows sets it again
    nodes, edges = to_store_rows(G, meta)
    with target.build_lock():
        target.replace_graph(nodes, edges, batch_size=batch_size, progress=progress)
    return PushReport(source=source.url, target=target.url, nodes=G.number_of_nodes(), edges=G.number_of_edges())
