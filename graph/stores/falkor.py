"""The :class:`~graph.stores.base.Store` on the embedded FalkorDB server.

A graph is one FalkorDB key. :meth:`FalkorStore.replace_graph` writes into
``<graph>__building`` (with the binary bulk insert, see :mod:`graph.stores.bulk`) and
renames it over ``<graph>`` only when everything is in, then saves, so readers never see
a half-built graph and a failed build changes nothing.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from graph.collector import collector_paused
from graph.stores.base import (
    EdgeRow,
    NodeRow,
    Progress,
    QueryResult,
    check_params,
    flagged_edge_types,
)
from graph.stores.bulk import pack_rows
from graph.stores.embedded import EmbeddedServer
from graph.stores.falkor_dialect import dialect_notes
from loaders.errors import KGError, QueryError, StoreError, StoreNotFound, UsageError, WriteRefused

__all__ = ["BUILDING_SUFFIX", "GRAPH_NAME", "FalkorStore"]

GRAPH_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
BUILDING_SUFFIX = "__building"
_READ_ONLY_REFUSAL = "to be executed only on read-only queries"
# How long one command of a graph write may take before the server is taken for stuck. The
# slowest (a bulk batch of 10,000 rows) takes well under a second; FalkorDB has been seen to
# deadlock (all its threads waiting) on an index made just after a graph, under heavy load.
WRITE_TIMEOUT = 60.0


class _Stuck(Exception):
    """The server did not answer a write command in time."""


class FalkorStore:
    """A graph store backed by an :class:`EmbeddedServer`.

    Args:
        server: A started server; the store uses it and does not stop it unless
            ``owns_server`` is true (then :meth:`close` stops it).
        graph: Name of the graph (the FalkorDB key).
        owns_server: Whether :meth:`close` should also stop ``server``.

    Raises:
        UsageError: the graph name is not a plain name.
        StoreError: the server is not started.
    """

    def __init__(self, server: EmbeddedServer, *, graph: str = "kg", owns_server: bool = False) -> None:
        if not isinstance(graph, str) or not GRAPH_NAME.fullmatch(graph) or graph.endswith(BUILDING_SUFFIX):
            raise UsageError(
                f"graph name {graph!r} is not usable; use letters, digits, '_', '.' or '-' "
                f"(at most 100, not ending in {BUILDING_SUFFIX!r})"
            )
        self.graph = graph
        self.url = f"embedded:{server.data_dir}"
        self._server = server
        self._owns_server = owns_server
        self._db: Any = server.connect()
        self.write_timeout = WRITE_TIMEOUT

    # -- Store protocol ---------------------------------------------------------------

    def replace_graph(
        self,
        nodes: Iterable[NodeRow],
        edges: Iterable[EdgeRow],
        *,
        batch_size: int = 10000,
        progress: Progress | None = None,
    ) -> None:
        """Replace the whole graph with these rows, atomically, then save it to disk.

        Rows are validated first (as :func:`~graph.stores.base.check_rows` does); nothing
        is written if any is bad. An index on ``id`` is made for every node label, and one
        on ``low_confidence`` for every fact type (all but ``MENTIONS``), before the rows are
        loaded with FalkorDB's binary bulk insert (``GRAPH.BULK``).

        Args:
            nodes: Node rows ``{"id", "label", "props"}`` (read once, before ``edges``).
            edges: Edge rows ``{"type", "source", "source_label", "target",
                "target_label", "key", "props"}`` (read once).
            batch_size: Rows per write command.
            progress: Called as ``progress(rows_done, rows_total)`` after each batch.

        Raises:
            StoreError: a row is invalid, or writing failed; the previous graph (if any)
                is unchanged in both cases.
        """
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise UsageError(f"batch_size must be a positive whole number, not {batch_size!r}")
        plan = pack_rows(nodes, edges)
        try:
            self._write(plan, batch_size, progress)
        except _Stuck:
            # The last saved graph is on disk: a new server loads it, and the write starts over.
            self._restart_server()
            try:
                self._write(plan, batch_size, progress)
            except _Stuck:
                self._restart_server()
                raise StoreError(
                    f"the embedded graph server in {self._server.data_dir} stopped answering while the graph "
                    "was written, twice; it has been restarted, and the previous graph is unchanged. Try again."
                ) from None
        self._save()

    def _write(self, plan: Any, batch_size: int, progress: Progress | None) -> None:
        """Write ``plan`` into the building key and rename it over the graph.

        Raises:
            _Stuck: a command got no answer within :attr:`write_timeout` seconds.
            StoreError: the server refused the write (the building key is deleted again).
        """
        import redis

        total = plan.total
        building = self.graph + BUILDING_SUFFIX
        done = 0
        db = None
        try:
            db = self._server.connect(socket_timeout=self.write_timeout)  # the client asks the server too
            db.connection.execute_command("DEL", building)
            g = db.select_graph(building)
            g.query("RETURN 0")  # creates the key, so that even an empty graph exists
            # Indexes made on the empty graph are kept up to date by the bulk insert, and are
            # complete when it returns (made afterwards, they would be filled in the background).
            for label in plan.labels:
                g.query(f"CREATE INDEX FOR (n:`{label}`) ON (n.id)")
            # the low-confidence query finds the few weak facts without reading every fact
            for etype in flagged_edge_types(key[0] for key in plan.edge_groups):
                g.query(f"CREATE INDEX FOR ()-[e:`{etype}`]-() ON (e.low_confidence)")
            # No BEGIN: that is only for a key that does not exist yet, and this one does.
            # Node numbers in edge rows count from 0 because the graph starts empty.
            for batch in plan.batches(batch_size):
                db.connection.execute_command("GRAPH.BULK", building, *batch.args())
                done += batch.rows
                if progress is not None:
                    progress(done, total)
            db.connection.execute_command("RENAME", building, self.graph)
        except redis.exceptions.TimeoutError:
            raise _Stuck() from None
        except BaseException as exc:
            with contextlib.suppress(Exception):
                self._delete_key(building)
            if isinstance(exc, KGError) or not isinstance(exc, Exception):
                raise
            raise StoreError(
                f"could not write the graph {self.graph!r} in {self._server.data_dir}: {exc}; "
                "the previous graph is unchanged"
            ) from exc
        finally:
            if db is not None:
                with contextlib.suppress(Exception):
                    db.close()

    def _restart_server(self) -> None:
        with contextlib.suppress(Exception):
            self._db.close()
        self._server.restart()
        self._db = self._server.connect()

    def run(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """Run one Cypher query and return its columns and rows as plain Python values.

        Args:
            cypher: The query text; values belong in ``params``, never in the text.
            params: Values for the query's ``$name`` parameters.
            write: Allow the query to change the graph (then the graph is saved).

        Raises:
            StoreNotFound: no graph has been built yet.
            QueryError: the query failed, has unusable parameters, or would write
                while ``write`` is false.
            StoreError: the server could not be reached.
        """
        try:
            bound = check_params(params)
        except StoreError as exc:
            raise QueryError(str(exc)) from None
        if not self.has_graph():
            raise StoreNotFound(f"no graph has been built yet in {self._server.data_dir}; run `kg build PATH` first")
        # A fresh handle per query: the client caches label and property names by
        # position, and a rebuild (here or in another process) reorders them.
        g = self._db.select_graph(self.graph)
        command = "GRAPH.QUERY" if write else "GRAPH.RO_QUERY"
        text = _params_header(bound) + cypher
        connection = self._db.connection
        with collector_paused():  # a large reply is many small objects, no cycles
            reply = self._call(lambda: _checked(connection.execute_command(command, self.graph, text, "--compact")))
            if write:
                self._save()
            if len(reply) < 3:  # statistics alone: the query returns nothing
                return QueryResult(columns=(), rows=())
            columns = tuple(str(h[1]) for h in reply[0])
            decoded = _Decoder(g)
            # Inside _call: decoding a node may ask the server for label and property names.
            rows = self._call(lambda: decoded.rows(reply[1]))
            if decoded.entities:
                # Nodes, relationships and paths: our ids for their ends, then plain data.
                names = self._resolve_node_ids(g, rows)
                rows = tuple(tuple(_convert(v, names) for v in row) for row in rows)
        return QueryResult(columns=columns, rows=rows)

    def notes(self, cypher: str) -> tuple[str, ...]:
        """What this store may answer differently from openCypher for ``cypher`` (see
        :func:`~graph.stores.falkor_dialect.dialect_notes`)."""
        return dialect_notes(cypher)

    def has_graph(self) -> bool:
        """Whether a graph has been built (the graph's key exists)."""
        return bool(self._call(lambda: self._db.connection.execute_command("EXISTS", self.graph)))

    def build_lock(self) -> contextlib.AbstractContextManager[None]:
        """Hold the data dir's build lock (see :meth:`EmbeddedServer.build_lock`)."""
        return self._server.build_lock()

    def close(self) -> None:
        """Close the connection; stop the server too if this store started it."""
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(Exception):
                db.connection.close()
            if self._owns_server:
                self._server.stop()

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FalkorStore({self.url!r}, graph={self.graph!r})"

    # -- internals --------------------------------------------------------------------

    def _call(self, fn: Callable[[], Any]) -> Any:
        """Run a client call, turning redis errors into kg errors."""
        if self._db is None:
            raise StoreError("this store is closed; open it again")
        import redis

        try:
            return fn()
        except redis.exceptions.ResponseError as exc:
            message = str(exc)
            if _READ_ONLY_REFUSAL in message:
                raise WriteRefused() from None
            raise QueryError(f"the query failed: {message}") from None
        except (redis.exceptions.RedisError, OSError) as exc:
            raise StoreError(f"lost the embedded graph server in {self._server.data_dir}: {exc}; try again") from exc

    def _save(self) -> None:
        try:
            self._db.connection.execute_command("SAVE")
        except Exception as exc:
            raise StoreError(
                f"the graph {self.graph!r} was written but could not be saved to "
                f"{self._server.data_dir}: {exc}. Server log:\n{self._server.log_tail()}"
            ) from exc

    def _delete_key(self, key: str) -> None:
        self._db.connection.execute_command("DEL", key)

    def _resolve_node_ids(self, g: Any, rows: list[list[Any]]) -> dict[int, Any]:
        """Map FalkorDB's internal node ids to our ``id`` property for every edge end."""
        from falkordb import Edge, Node

        known: dict[int, Any] = {}
        wanted: set[int] = set()
        nested = [v for row in rows for v in row if type(v) not in _PLAIN]
        if not nested:
            return known  # the common case: only text and numbers, nothing to resolve
        for value in _walk(nested):
            if isinstance(value, Node) and value.id is not None:
                known[value.id] = value.properties.get("id")
            elif isinstance(value, Edge):
                for end in (value.src_node, value.dest_node):
                    wanted.add(end.id if isinstance(end, Node) else end)
        missing = sorted(wanted - known.keys())
        if missing:
            found = self._call(
                lambda: g.ro_query("UNWIND $ids AS i MATCH (n) WHERE id(n) = i RETURN i, n.id", {"ids": missing})
            )
            known.update((int(i), our_id) for i, our_id in found.result_set)
        return known


def _walk(value: Any) -> Iterator[Any]:
    """Every value nested in a result, depth first."""
    from falkordb import Path

    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Path):
            stack.extend(item.nodes())
            stack.extend(item.edges())
        elif isinstance(item, dict):
            stack.extend(v for v in item.values() if type(v) not in _PLAIN)
        elif isinstance(item, (list, tuple)):
            stack.extend(v for v in item if type(v) not in _PLAIN)


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _params_header(params: Mapping[str, Any]) -> str:
    """The ``CYPHER name=value ...`` prefix that binds ``params`` (as the falkordb client writes it)."""
    from falkordb.helpers import stringify_param_value

    return "CYPHER " + "".join(f"`{name}`={stringify_param_value(value)} " for name, value in params.items())


def _checked(reply: Any) -> Any:
    """``reply``, unless the server put an error in it (a failure while the query ran)."""
    import redis

    if reply and isinstance(reply[-1], redis.exceptions.ResponseError):
        raise reply[-1]
    return reply


# FalkorDB's compact result format gives each value as [type, value], with these type codes
# (falkordb.query_result.ResultSetScalarTypes); text and whole numbers arrive as they are.
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _EDGE, _NODE, _PATH, _MAP = range(1, 11)
_AS_IS = frozenset({_STRING, _INTEGER})
_ENTITIES = frozenset({_EDGE, _NODE, _PATH})


class _Decoder:
    """Turns compact result rows into Python values.

    Text, numbers, booleans, nulls, lists and maps are decoded here in one tight pass; any
    other value (node, relationship, path, point, temporal) goes through the falkordb
    client's own parser, and :attr:`entities` records that a node, relationship or path was
    seen, so that the caller converts those to plain data.
    """

    def __init__(self, graph: Any) -> None:
        self._graph = graph
        self.entities = False

    def rows(self, raw_rows: list[list[list[Any]]]) -> tuple[tuple[Any, ...], ...]:
        """Every row as a tuple of decoded values."""
        value = self.value
        # Lists of text (quotes, documents) are the bulk of large replies: their items are
        # read here, without a call per list (a third faster on a reply of 15k such rows).
        return tuple(
            [
                tuple(
                    [
                        raw
                        if kind in _AS_IS
                        else [c[1] if c[0] in _AS_IS else value(c) for c in raw]
                        if kind == _ARRAY
                        else value((kind, raw))
                        for kind, raw in row
                    ]
                )
                for row in raw_rows
            ]
        )

    def value(self, cell: Sequence[Any]) -> Any:
        """One ``[type, value]`` pair as a Python value."""
        kind, raw = cell[0], cell[1]
        if kind in _AS_IS:
            return raw
        if kind == _NULL:
            return None
        if kind == _ARRAY:
            value = self.value
            return [c[1] if c[0] in _AS_IS else value(c) for c in raw]
        if kind == _BOOLEAN:
            return raw == "true"
        if kind == _DOUBLE:
            return float(raw)
        if kind == _MAP:
            return {str(raw[i]): self.value(raw[i + 1]) for i in range(0, len(raw), 2)}
        from falkordb.query_result import parse_scalar

        if kind in _ENTITIES:
            self.entities = True
        return parse_scalar(cell, self._graph)


@functools.cache
def _falkordb_types() -> tuple[type, type, type]:
    from falkordb import Edge, Node, Path  # the client is imported only by commands that query

    return Edge, Node, Path


def _convert(value: Any, names: dict[int, Any]) -> Any:
    """A FalkorDB result value as plain Python data (see :class:`QueryResult`)."""
    if type(value) in _PLAIN:
        return value  # most values: returned before any import or isinstance test
    Edge, Node, Path = _falkordb_types()

    if isinstance(value, Node):
        return {
            "_type": "node",
            "labels": list(value.labels or []),
            "properties": {k: _convert(value.properties[k], names) for k in sorted(value.properties)},
        }
    if isinstance(value, Edge):
        src = value.src_node.id if isinstance(value.src_node, Node) else value.src_node
        dst = value.dest_node.id if isinstance(value.dest_node, Node) else value.dest_node
        return {
            "_type": "relationship",
            "type": value.relation,
            "source": names.get(src),
            "target": names.get(dst),
            "properties": {k: _convert(value.properties[k], names) for k in sorted(value.properties)},
        }
    if isinstance(value, Path):
        return {
            "_type": "path",
            "nodes": [_convert(n, names) for n in value.nodes()],
            "relationships": [_convert(e, names) for e in value.edges()],
        }
    if isinstance(value, dict):
        return {str(k): _convert(v, names) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _PLAIN else _convert(v, names) for v in value]
    return value
