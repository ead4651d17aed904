"""The :class:`~graph.stores.base.Store` on a Neo4j 5 server, through the official ``neo4j`` driver.

Atomicity: **one transaction per build**. :meth:`Neo4jStore.replace_graph` deletes the old
graph and writes every batch (``UNWIND $rows AS r MERGE ...``) inside one managed write
transaction, so readers see the old graph until the commit and a failure anywhere rolls
everything back. The alternative, a staging build id swapped in at the end, would need
every prepared query to filter on that id (they are shared with the embedded store, which
has no such property) and the swap itself would still be a multi-statement write. One
transaction costs server memory in proportion to the graph; a foundation's documents give
thousands of rows, far below what a Neo4j heap holds.

Schema statements cannot share a transaction with data writes in Neo4j, so the uniqueness
constraints on ``id`` (one per label, ``IF NOT EXISTS``, hence idempotent) are made first,
each in its own transaction; a failed build may leave a constraint behind, never data.

kg owns the whole database it is pointed at (``NEO4J_DATABASE``, default the server's
default database): a build replaces every node in it. Point kg at a database of its own.

Credentials come from the environment only: ``NEO4J_USER`` (or a user in the URL,
``neo4j://alice@host``), ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``. A password in the URL is
refused, and no URL, repr or error message ever contains the password.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from graph.stores.base import (
    EdgeRow,
    NodeRow,
    Progress,
    QueryResult,
    batches,
    check_params,
    check_rows,
    flagged_edge_types,
)
from loaders.errors import KGError, QueryError, StoreError, StoreNotFound, UsageError, WriteRefused

__all__ = [
    "ENV",
    "MARKER_CONSTRAINT",
    "SCHEMES",
    "Neo4jStore",
    "constraint_statement",
    "edge_statement",
    "flag_index_statement",
    "node_statement",
]

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
ENV = {"user": "NEO4J_USER", "password": "NEO4J_PASSWORD", "database": "NEO4J_DATABASE"}

# Made after a build commits: it tells "an empty graph was built" from "nothing built yet",
# without a node that every `MATCH (n)` would count.
MARKER_CONSTRAINT = "kg_graph_built"
_MARKER_STATEMENT = f"CREATE CONSTRAINT {MARKER_CONSTRAINT} IF NOT EXISTS FOR (n:KgGraph) REQUIRE n.id IS UNIQUE"
_HAS_MARKER = "SHOW CONSTRAINTS YIELD name WHERE name = $name RETURN count(*) AS n"
_HAS_NODES = "MATCH (n) RETURN count(n) > 0 AS found"
_DELETE_ALL = "MATCH (n) DETACH DELETE n"
_DROP_MARKER = f"DROP CONSTRAINT {MARKER_CONSTRAINT} IF EXISTS"
_NODE_IDS = "UNWIND $ids AS i MATCH (n) WHERE elementId(n) = i RETURN i AS element, n.id AS id"

# Same words as the embedded store, so users and tests see one message whatever the backend.
_REFUSAL_CODES = frozenset(
    {
        "Neo.ClientError.Statement.AccessMode",
        "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
        "Neo.ClientError.General.ReadOnly",
        "Neo.ClientError.Cluster.NotALeader",
    }
)


def constraint_statement(label: str) -> str:
    """The uniqueness constraint on ``id`` for nodes of ``label`` (an identifier)."""
    return f"CREATE CONSTRAINT kg_{label}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"


def flag_index_statement(etype: str) -> str:
    """The index on ``low_confidence`` for edges of fact type ``etype`` (an identifier): the
    low-confidence query looks weak facts up per type rather than reading every fact."""
    return f"CREATE INDEX kg_{etype}_low_confidence IF NOT EXISTS FOR ()-[e:`{etype}`]-() ON (e.low_confidence)"


def node_statement(label: str) -> str:
    """The batched write of node rows ``{"id", "props"}`` of one label."""
    return f"UNWIND $rows AS r MERGE (n:`{label}` {{id: r.id}}) SET n += r.props"


def edge_statement(etype: str, source_label: str, target_label: str) -> str:
    """The batched write of edge rows ``{"source", "target", "key", "props"}`` of one type."""
    return (
        f"UNWIND $rows AS r MATCH (a:`{source_label}` {{id: r.source}}) "
        f"MATCH (b:`{target_label}` {{id: r.target}}) "
        f"MERGE (a)-[e:`{etype}` {{key: r.key}}]->(b) SET e += r.props"
    )


class Neo4jStore:
    """A graph store on a Neo4j 5 server (or cluster, or Aura).

    Args:
        url: ``neo4j://``, ``neo4j+s://``, ``neo4j+ssc://``, ``bolt://``, ``bolt+s://`` or
            ``bolt+ssc://`` URL, optionally with a user (``neo4j://alice@host:7687``) but
            never a password.
        env: Where ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` are read
            (default ``os.environ``).
        driver: A driver to use instead of making one (tests inject a recording double);
            the store closes it on :meth:`close` either way.
        graph: Kept for the :class:`Store` interface; in Neo4j the database is the graph.

    Raises:
        UsageError: the URL is not a Neo4j URL or holds a password.
        StoreError: the ``neo4j`` package is missing or the server cannot be reached.
    """

    def __init__(
        self,
        url: str,
        *,
        env: Mapping[str, str] | None = None,
        driver: Any = None,
        graph: str = "kg",
    ) -> None:
        env = os.environ if env is None else env
        scheme, user, hostport = _parse_url(url)
        self.user = user or env.get(ENV["user"]) or None
        self.database = env.get(ENV["database"]) or None
        self.graph = graph
        self._password = env.get(ENV["password"]) or None
        self._driver_url = f"{scheme}://{hostport}"
        shown = f"{quote(self.user, safe='')}@" if self.user else ""
        self.url = f"{scheme}://{shown}{hostport}" + (f"/{self.database}" if self.database else "")
        if driver is None:
            driver = self._make_driver()
        self._driver: Any = driver

    # -- Store protocol ---------------------------------------------------------------

    def replace_graph(
        self,
        nodes: Iterable[NodeRow],
        edges: Iterable[EdgeRow],
        *,
        batch_size: int = 500,
        progress: Progress | None = None,
    ) -> None:
        """Replace the whole graph with these rows in one transaction.

        Rows are validated first (see :func:`~graph.stores.base.check_rows`); nothing is
        sent if any is bad. Then the uniqueness constraints on ``id`` and the indexes on
        each fact type's ``low_confidence`` are made (one transaction each), then one write
        transaction deletes the old graph and writes every batch.

        Args:
            nodes: Node rows ``{"id", "label", "props"}``.
            edges: Edge rows ``{"type", "source", "source_label", "target",
                "target_label", "key", "props"}``.
            batch_size: Rows per ``UNWIND`` statement.
            progress: Called as ``progress(rows_done, rows_total)`` after each batch.

        Raises:
            StoreError: a row is invalid, or writing failed; the previous graph is
                unchanged in both cases.
        """
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise UsageError(f"batch_size must be a positive whole number, not {batch_size!r}")
        node_groups, edge_groups = check_rows(nodes, edges)
        for rows in (*node_groups.values(), *edge_groups.values()):
            for row in rows:
                row["props"] = _neo4j_props(row["props"], row.get("id") or row.get("key"))
        total = sum(map(len, node_groups.values())) + sum(map(len, edge_groups.values()))

        def write_all(tx: Any) -> None:
            done = 0
            tx.run(_DELETE_ALL).consume()
            plan = [(node_statement(label), rows) for label, rows in node_groups.items()]
            plan += [(edge_statement(*key), rows) for key, rows in edge_groups.items()]
            for statement, rows in plan:
                for batch in batches(rows, batch_size):
                    tx.run(statement, {"rows": batch}).consume()
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)

        try:
            with self._session() as session:
                for label in node_groups:
                    session.execute_write(_consume, constraint_statement(label))
                for etype in flagged_edge_types(key[0] for key in edge_groups):
                    session.execute_write(_consume, flag_index_statement(etype))
                session.execute_write(write_all)
                session.execute_write(_consume, _MARKER_STATEMENT)
        except BaseException as exc:
            if isinstance(exc, KGError) or not isinstance(exc, Exception):
                raise
            raise StoreError(
                f"could not write the graph to {self.url}: {self._scrub(exc)}; the previous graph is unchanged"
            ) from None

    def run(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """Run one Cypher query and return its columns and rows as plain Python values.

        Read queries run in a read transaction, so the server itself refuses writes.

        Args:
            cypher: The query text; values belong in ``params``, never in the text.
            params: Values for the query's ``$name`` parameters.
            write: Allow the query to change the graph.

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
            raise StoreNotFound(f"no graph has been built yet in {self.url}; run `kg build PATH --store URL` first")

        def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, bound)
            keys = list(result.keys())
            rows = [list(record.values()) for record in result]
            names = _node_names(rows)
            missing = sorted(_relationship_ends(rows) - names.keys())
            if missing:
                for element, our_id in tx.run(_NODE_IDS, {"ids": missing}):
                    names[element] = our_id
            return keys, [[_convert(v, names) for v in row] for row in rows]

        keys, rows = self._call(lambda session: session.execute_write(work) if write else session.execute_read(work))
        return QueryResult(columns=tuple(keys), rows=tuple(tuple(row) for row in rows))

    def notes(self, cypher: str) -> tuple[str, ...]:
        """What this store may answer differently from openCypher for ``cypher``: nothing known."""
        return ()

    def has_graph(self) -> bool:
        """Whether a graph has been built here (the build marker exists, or any node does)."""

        def work(tx: Any) -> bool:
            marker = tx.run(_HAS_MARKER, {"name": MARKER_CONSTRAINT}).single()
            if marker is not None and marker[0]:
                return True
            nodes = tx.run(_HAS_NODES).single()
            return bool(nodes is not None and nodes[0])

        return bool(self._call(lambda session: session.execute_read(work)))

    def clear(self) -> None:
        """Delete the whole graph and the build marker (for tests and for starting over)."""

        def work(session: Any) -> None:
            session.execute_write(_consume, _DELETE_ALL)
            session.execute_write(_consume, _DROP_MARKER)

        self._call(work)

    def build_lock(self) -> contextlib.AbstractContextManager[None]:
        """A no-op: concurrent builds are serialised by the server's locks on the one build transaction."""
        return contextlib.nullcontext()

    def close(self) -> None:
        """Close the driver and its connections."""
        driver, self._driver = self._driver, None
        if driver is not None:
            with contextlib.suppress(Exception):
                driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.url!r})"

    # -- internals --------------------------------------------------------------------

    def _make_driver(self) -> Any:
        try:
            import neo4j
        except ImportError:
            raise StoreError("Neo4j stores need the neo4j package; install it with `pip install neo4j`") from None
        auth = (self.user or "neo4j", self._password) if self._password is not None else None
        try:
            driver = neo4j.GraphDatabase.driver(self._driver_url, auth=auth)
        except Exception as exc:  # ConfigurationError, ValueError for a bad address
            raise StoreError(f"cannot use {self.url}: {self._scrub(exc)}") from None
        try:
            driver.verify_connectivity()
        except Exception as exc:
            with contextlib.suppress(Exception):
                driver.close()
            raise StoreError(self._unreachable(exc)) from None
        return driver

    def _session(self) -> Any:
        if self._driver is None:
            raise StoreError("this store is closed; open it again")
        return self._driver.session(database=self.database) if self.database else self._driver.session()

    def _call(self, fn: Callable[[Any], Any]) -> Any:
        """Run ``fn(session)``, turning driver errors into kg errors."""
        import neo4j.exceptions as ne

        try:
            with self._session() as session:
                return fn(session)
        except KGError:
            raise
        except ne.Neo4jError as exc:
            code = getattr(exc, "code", None) or ""
            if code in _REFUSAL_CODES:
                raise WriteRefused() from None
            if isinstance(exc, ne.AuthError):
                raise StoreError(self._unreachable(exc)) from None
            raise QueryError(f"the query failed: {self._scrub(exc)}") from None
        except ne.DriverError as exc:
            raise StoreError(self._unreachable(exc)) from None

    def _unreachable(self, exc: BaseException) -> str:
        import neo4j.exceptions as ne

        if isinstance(exc, ne.AuthError):
            return (
                f"Neo4j at {self.url} refused the credentials; set {ENV['user']} and {ENV['password']} "
                "in the environment"
            )
        return f"cannot reach Neo4j at {self.url}: {self._scrub(exc)}; check the URL and that the server is running"

    def _scrub(self, exc: BaseException) -> str:
        """The error's message without the password, should a server or driver ever echo it."""
        text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if self._password:
            text = text.replace(self._password, "***")
        return text


def _parse_url(url: str) -> tuple[str, str | None, str]:
    """``(scheme, user or None, host[:port])`` of a Neo4j URL; refuse a password in it."""
    if not isinstance(url, str):
        raise UsageError(f"a Neo4j URL must be text, not {type(url).__name__}")
    scheme = url.partition(":")[0].strip().lower()
    if scheme not in SCHEMES:
        raise UsageError(f"{scheme!r} is not a Neo4j URL scheme; use one of: {', '.join(SCHEMES)}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UsageError(f"the {scheme} URL is malformed; write it as {scheme}://HOST:7687") from None
    if parts.password is not None:
        # Only the scheme is named: the rest of this URL holds a secret.
        raise UsageError(
            f"the {scheme} URL contains a password; remove it and set {ENV['password']} in the environment instead"
        )
    if not parts.hostname:
        raise UsageError(f"the {scheme} URL names no host; write it as {scheme}://HOST:7687")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise UsageError(
            f"a {scheme} URL is just {scheme}://[USER@]HOST[:PORT]; choose the database with {ENV['database']}"
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    hostport = host + (f":{port}" if port is not None else "")
    return scheme, unquote(parts.username) if parts.username else None, hostport


def _neo4j_props(props: dict[str, Any], where: str) -> dict[str, Any]:
    """Props as Neo4j stores them: a list property must hold items of one type.

    A list mixing whole numbers and decimals is stored as decimals (equal in Python);
    any other mix is refused, since Neo4j would refuse it half-way through the build.
    """
    out = dict(props)
    for name, value in props.items():
        if not isinstance(value, list) or not value:
            continue
        kinds = {bool if isinstance(v, bool) else int if isinstance(v, int) else type(v) for v in value}
        if kinds == {int, float}:
            out[name] = [float(v) for v in value]
        elif len(kinds) > 1:
            listed = ", ".join(sorted(k.__name__ for k in kinds))
            raise StoreError(
                f"{where!r}, property {name!r}: Neo4j cannot store a list that mixes {listed}; "
                "make its items all text, all numbers or all booleans"
            )
    return out


def _consume(tx: Any, statement: str) -> None:
    tx.run(statement).consume()


def _walk(value: Any) -> Iterator[Any]:
    """Every value nested in a result, depth first."""
    from neo4j.graph import Path, Relationship

    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Path):
            stack.extend(item.nodes)
            stack.extend(item.relationships)
        elif isinstance(item, Relationship):
            stack.extend(n for n in item.nodes if n is not None)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _node_names(rows: list[list[Any]]) -> dict[str, Any]:
    """Our ``id`` of every node whose properties came back, by element id."""
    from neo4j.graph import Node

    return {v.element_id: v.get("id") for v in _walk(rows) if isinstance(v, Node) and "id" in v}


def _relationship_ends(rows: list[list[Any]]) -> set[str]:
    from neo4j.graph import Relationship

    ends: set[str] = set()
    for v in _walk(rows):
        if isinstance(v, Relationship):
            ends.update(n.element_id for n in v.nodes if n is not None)
    return ends


def _convert(value: Any, names: Mapping[str, Any]) -> Any:
    """A driver value as the plain data every store returns (see :class:`QueryResult`)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {
            "_type": "node",
            "labels": sorted(value.labels),
            "properties": {k: _convert(value[k], names) for k in sorted(value.keys())},
        }
    if isinstance(value, Relationship):
        start, end = value.nodes
        return {
            "_type": "relationship",
            "type": value.type,
            "source": names.get(start.element_id) if start is not None else None,
            "target": names.get(end.element_id) if end is not None else None,
            "properties": {k: _convert(value[k], names) for k in sorted(value.keys())},
        }
    if isinstance(value, Path):
        return {
            "_type": "path",
            "nodes": [_convert(n, names) for n in value.nodes],
            "relationships": [_convert(r, names) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {str(k): _convert(v, names) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_convert(v, names) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    return value
