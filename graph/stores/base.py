"""The small interface every graph store implements, and the rows it is written with.

A store holds one named graph. It is written whole (:meth:`Store.replace_graph`, atomic:
readers see the old graph or the new one, never half of it) and read with Cypher
(:meth:`Store.run`, read-only unless asked otherwise). Rows are plain dicts:

- node: ``{"id": str, "label": str, "props": {name: value}}``
- edge: ``{"type": str, "source": id, "source_label": str, "target": id,
  "target_label": str, "key": str, "props": {name: value}}``

where a value is a ``str``, ``int``, ``float``, ``bool`` or a list of those. Labels, edge
types and property names are identifiers (``[A-Za-z_][A-Za-z0-9_]*``) because they are
written into query text; values are always bound as parameters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from loaders.errors import StoreError, StoreNotFound, UsageError
from loaders.records import EDGE_TYPES

__all__ = [
    "IDENTIFIER",
    "batches",
    "EdgeRow",
    "NodeRow",
    "Progress",
    "QueryResult",
    "Store",
    "check_identifier",
    "check_params",
    "check_rows",
    "check_value",
    "cypher_code",
    "flagged_edge_types",
    "open_store",
]

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# Comments, string literals and quoted identifiers: what they hold ("$", "count(*)") is not code.
_NOT_CODE = re.compile(
    r"""//[^\n]*            # line comment
      | /\*.*?\*/           # block comment
      | '(?:[^'\\]|\\.)*'   # single-quoted string
      | "(?:[^"\\]|\\.)*"   # double-quoted string
      | `[^`]*`             # quoted identifier
    """,
    re.VERBOSE | re.DOTALL,
)


def cypher_code(cypher: str) -> str:
    """The Cypher text with each comment, string literal and quoted identifier made one space.

    >>> cypher_code("RETURN '$no' AS `a$b`, $yes // $nor")
    'RETURN   AS  , $yes  '
    """
    return _NOT_CODE.sub(" ", cypher)


def flagged_edge_types(present: Iterable[str]) -> list[str]:
    """The edge types a store indexes on ``low_confidence``, sorted: every fact type of the
    ontology and any other type ``present`` in the rows, but not ``MENTIONS`` (mentions are not
    facts, and most edges). Types the graph lacks get one too: without an index, the
    low-confidence query's lookup of that type reads every node."""
    return sorted((set(EDGE_TYPES) | set(present)) - {"MENTIONS"})


def batches(rows: list, size: int):
    """Consecutive slices of ``rows``, ``size`` long (the last may be shorter)."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


NodeRow = dict[str, Any]
EdgeRow = dict[str, Any]
Progress = Callable[[int, int], None]

_INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: column names and rows of plain Python values.

    Nodes come back as ``{"_type": "node", "labels": [...], "properties": {...}}``,
    relationships as ``{"_type": "relationship", "type", "source", "target",
    "properties"}`` (source and target are the nodes' ``id`` properties) and paths as
    ``{"_type": "path", "nodes": [...], "relationships": [...]}``.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@runtime_checkable
class Store(Protocol):
    """A graph store holding one named graph; use it as a context manager."""

    url: str  # display form, never containing a password

    def replace_graph(
        self,
        nodes: Iterable[NodeRow],
        edges: Iterable[EdgeRow],
        *,
        batch_size: int = 500,
        progress: Progress | None = None,
    ) -> None:
        """Replace the whole graph with these rows, atomically."""
        ...

    def run(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """Run one Cypher query (read-only unless ``write``) and return plain values."""
        ...

    def has_graph(self) -> bool:
        """Whether a graph has been built in this store."""
        ...

    def notes(self, cypher: str) -> tuple[str, ...]:
        """What this store may answer differently from openCypher for this text (often nothing)."""
        ...

    def build_lock(self) -> AbstractContextManager[None]:
        """Hold the store's build lock; raise StoreError at once if another build holds it."""
        ...

    def close(self) -> None:
        """Release the connection (and the server, for embedded stores)."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def check_identifier(name: object, what: str) -> str:
    """``name`` if it is a safe Cypher identifier, else raise StoreError naming ``what``."""
    if not isinstance(name, str) or not IDENTIFIER.fullmatch(name):
        raise StoreError(f"{what} {name!r} is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*); it cannot be written")
    return name


def _check_scalar(value: object, where: str) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise StoreError(f"{where}: the integer {value} does not fit in 64 bits")
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"{where}: {value} is not a finite number")
        return
    if isinstance(value, str):
        if "\0" in value:
            raise StoreError(f"{where}: the text contains a NUL character")
        return
    raise StoreError(
        f"{where}: a {type(value).__name__} cannot be stored; use text, a number, a boolean or a list of those"
    )


def check_value(value: object, where: str) -> None:
    """Raise StoreError unless ``value`` is a primitive or a flat list of primitives."""
    if isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, (list, tuple)):
                raise StoreError(f"{where}: lists of lists cannot be stored")
            _check_scalar(item, where)
    else:
        _check_scalar(value, where)


def _check_props(props: object, where: str) -> dict[str, Any]:
    if props is None:
        return {}
    if not isinstance(props, Mapping):
        raise StoreError(f"{where}: props must be a mapping, not {type(props).__name__}")
    out: dict[str, Any] = {}
    for name in sorted(props):
        check_identifier(name, f"{where}: property name")
        value = props[name]
        if value is None:
            continue  # an absent property; storing null would only delete it
        check_value(value, f"{where}, property {name!r}")
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def check_rows(
    nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]
) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str, str, str], list[dict[str, Any]]]]:
    """Validate rows and group them for writing, in a deterministic order.

    Returns:
        Node rows ``{"id", "props"}`` by label, and edge rows ``{"source", "target",
        "key", "props"}`` by ``(type, source label, target label)``; groups and rows sorted.

    Raises:
        StoreError: a row is malformed, a name is not an identifier, a value cannot be
            stored, an edge key repeats, or an edge names a node that is not in ``nodes``.
    """
    by_label: dict[str, dict[str, dict[str, Any]]] = {}
    for row in nodes:
        node_id, label = row.get("id"), row.get("label")
        if not isinstance(node_id, str) or not node_id:
            raise StoreError(f"node row {row!r} has no text id")
        check_identifier(label, f"node {node_id!r}: label")
        where = f"node {label}:{node_id!r}"
        props = _check_props(row.get("props"), where)
        if "id" in props:
            raise StoreError(f"{where}: props must not contain 'id' (it is the row's id)")
        check_value(node_id, where)
        group = by_label.setdefault(label, {})
        if node_id in group:
            raise StoreError(f"{where} appears twice; merge its rows before writing")
        group[node_id] = {"id": node_id, "props": props}

    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    keys: set[str] = set()
    for row in edges:
        etype, key = row.get("type"), row.get("key")
        check_identifier(etype, "edge type")
        if not isinstance(key, str) or not key:
            raise StoreError(f"{etype} edge row {row!r} has no text key")
        where = f"{etype} edge {key!r}"
        if key in keys:
            raise StoreError(f"{where} appears twice; edge keys must be unique")
        keys.add(key)
        ends = []
        for end in ("source", "target"):
            end_id, end_label = row.get(end), row.get(f"{end}_label")
            check_identifier(end_label, f"{where}: {end}_label")
            if end_id not in by_label.get(end_label, {}):
                raise StoreError(f"{where}: its {end} {end_label}:{end_id!r} is not among the nodes")
            ends.append((end_id, end_label))
        (source, source_label), (target, target_label) = ends
        props = _check_props(row.get("props"), where)
        by_type.setdefault((etype, source_label, target_label), []).append(
            {"source": source, "target": target, "key": key, "props": props}
        )

    node_groups = {label: [group[i] for i in sorted(group)] for label, group in sorted(by_label.items())}
    edge_groups = {k: sorted(v, key=lambda r: r["key"]) for k, v in sorted(by_type.items())}
    return node_groups, edge_groups


def check_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Query parameters as a dict, refusing names and values the server would misread.

    Raises:
        StoreError: a name is not text or a value cannot be sent.
    """
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise StoreError(f"query parameters must be a mapping, not {type(params).__name__}")
    out: dict[str, Any] = {}
    for name, value in params.items():
        if not isinstance(name, str) or not name or "`" in name:
            raise StoreError(f"query parameter name {name!r} is not usable")
        _check_param_value(value, f"parameter ${name}")
        out[name] = value
    return out


def _check_param_value(value: object, where: str) -> None:
    if value is None:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str) or not key or "`" in key:
                raise StoreError(f"{where}: map key {key!r} is not usable")
            _check_param_value(item, where)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_param_value(item, where)
    else:
        _check_scalar(value, where)


# -- opening a store by URL ---------------------------------------------------------------

_NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _open_embedded(location: str, data_dir: Path, graph: str, create: bool) -> Store:
    from graph.stores.embedded import EmbeddedServer
    from graph.stores.falkor import FalkorStore

    if location.startswith("//"):
        location = location[2:]  # embedded:///abs/dir
    folder = Path(location) if location else data_dir
    if not create and not folder.is_dir():
        # Reading makes nothing: a mistyped or missing folder must not be left behind, empty.
        raise StoreNotFound(
            f"no graph has been built in {folder}: there is no such folder (kg looks for {folder.name} in this "
            "folder and in the folders above it); run `kg build PATH` first, or give --data-dir"
        )
    server = EmbeddedServer(folder).start()
    try:
        return FalkorStore(server, graph=graph, owns_server=True)
    except BaseException:
        server.stop()
        raise


def _neo4j_opener(scheme: str) -> Callable[[str, Path, str, bool], Store]:
    def open_neo4j(location: str, data_dir: Path, graph: str, create: bool) -> Store:
        from graph.stores.neo4j import Neo4jStore

        return Neo4jStore(f"{scheme}:{location}", graph=graph)

    return open_neo4j


# Scheme -> opener(location after "scheme:", data dir, graph name, whether to make a missing store).
_OPENERS: dict[str, Callable[[str, Path, str, bool], Store]] = {
    "embedded": _open_embedded,
    **{scheme: _neo4j_opener(scheme) for scheme in _NEO4J_SCHEMES},
}


def open_store(url: str | None, data_dir: Path, *, graph: str = "kg", create: bool = True) -> Store:
    """Open the store a URL names; the caller closes it (or uses ``with``).

    Args:
        url: ``None`` or ``"embedded"`` for the embedded FalkorDB server in
            ``data_dir``; ``"embedded:/some/dir"`` for one in that directory;
            ``neo4j://``, ``bolt://`` and their ``+s``/``+ssc`` forms for Neo4j.
        data_dir: The default data dir of the embedded server.
        graph: Name of the graph inside the store.
        create: Make an embedded store's folder if it is missing (a build); without it, a
            missing folder is StoreNotFound and nothing is made (a read).

    Raises:
        UsageError: the scheme is unknown (the message lists the known ones), or its
            backend is not available.
        StoreNotFound: the embedded store's folder is missing and ``create`` is false.
        StoreError: the store could not be opened.
    """
    if url is None or url.strip() == "":
        url = "embedded"
    scheme, _, location = url.strip().partition(":")
    opener = _OPENERS.get(scheme.lower())
    if opener is None:
        # Only the scheme is echoed: the rest of a URL may hold a password.
        raise UsageError(f"unknown store scheme {scheme!r}; known schemes: {', '.join(sorted(_OPENERS))}")
    return opener(location, Path(data_dir), graph, create)
