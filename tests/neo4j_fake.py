"""A recording test double of the ``neo4j`` driver (the driver, never our own code).

It speaks just enough of the driver's session/transaction API for
:class:`graph.stores.neo4j.Neo4jStore`: ``driver.session(database=)``, managed
``execute_read``/``execute_write`` transactions, ``tx.run(text, params)`` and results
with ``keys()``, iteration, ``single()`` and ``consume()``. Every transaction is
recorded with its access mode, its statements and parameters, and whether it committed.
Answers are canned: :meth:`RecordingDriver.answer` maps a piece of query text to rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j
import neo4j.exceptions as ne


@dataclass
class Statement:
    """One ``tx.run`` call."""

    text: str
    params: dict[str, Any]


@dataclass
class Transaction:
    """One managed transaction: READ or WRITE, its statements, and how it ended."""

    mode: str
    database: str | None
    statements: list[Statement] = field(default_factory=list)
    outcome: str = "open"  # "committed" or "rolled back" once finished


class FakeResult:
    """The part of ``neo4j.Result`` the store uses."""

    def __init__(self, keys: list[str], rows: list[list[Any]]) -> None:
        self._keys = list(keys)
        self._records = [neo4j.Record(zip(self._keys, row, strict=True)) for row in rows]

    def keys(self) -> list[str]:
        return list(self._keys)

    def __iter__(self) -> Iterator[neo4j.Record]:
        return iter(self._records)

    def single(self) -> neo4j.Record | None:
        return self._records[0] if self._records else None

    def consume(self) -> None:
        return None


class FakeTx:
    def __init__(self, driver: RecordingDriver, record: Transaction) -> None:
        self._driver = driver
        self.record = record

    def run(self, text: str, params: dict[str, Any] | None = None, **kwargs: Any) -> FakeResult:
        params = dict(params or {}, **kwargs)
        self.record.statements.append(Statement(text, params))
        return self._driver._respond(text, params, self.record.mode)


class FakeSession:
    def __init__(self, driver: RecordingDriver, database: str | None) -> None:
        self._driver = driver
        self._database = database

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def execute_read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._execute("READ", fn, args, kwargs)

    def execute_write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._execute("WRITE", fn, args, kwargs)

    def _execute(self, mode: str, fn: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
        record = Transaction(mode=mode, database=self._database)
        self._driver.transactions.append(record)
        try:
            value = fn(FakeTx(self._driver, record), *args, **kwargs)
        except BaseException:
            record.outcome = "rolled back"
            raise
        record.outcome = "committed"
        return value


class RecordingDriver:
    """A driver double that records every transaction and answers from canned rows.

    Args:
        built: Whether the build marker exists (what ``has_graph`` asks first).
        refuse_writes_in_read: Answer a write statement in a READ transaction the way a
            Neo4j server does (``Neo.ClientError.Statement.AccessMode``).
    """

    WRITE_WORDS = ("CREATE", "MERGE", "DELETE", "SET ", "REMOVE", "DROP")

    def __init__(self, *, built: bool = True, refuse_writes_in_read: bool = True) -> None:
        self.built = built
        self.refuse_writes_in_read = refuse_writes_in_read
        self.transactions: list[Transaction] = []
        self.closed = False
        self._answers: list[tuple[str, list[str], list[list[Any]]]] = []
        self._failures: list[tuple[str, BaseException]] = []

    # -- what tests set up ------------------------------------------------------------

    def answer(self, fragment: str, keys: list[str], rows: list[list[Any]]) -> None:
        """Answer statements containing ``fragment`` with these columns and rows."""
        self._answers.append((fragment, keys, rows))

    def fail(self, fragment: str, error: BaseException) -> None:
        """Raise ``error`` when a statement containing ``fragment`` runs."""
        self._failures.append((fragment, error))

    # -- what tests read --------------------------------------------------------------

    @property
    def statements(self) -> list[Statement]:
        """Every statement sent, in order, across transactions."""
        return [s for tx in self.transactions for s in tx.statements]

    # -- the driver API ---------------------------------------------------------------

    def session(self, database: str | None = None, **_config: Any) -> FakeSession:
        if self.closed:
            raise ne.DriverError("driver closed")
        return FakeSession(self, database)

    def verify_connectivity(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True

    def _respond(self, text: str, params: dict[str, Any], mode: str) -> FakeResult:
        for fragment, error in self._failures:
            if fragment in text:
                raise error
        upper = text.upper()
        if (
            mode == "READ"
            and self.refuse_writes_in_read
            and not upper.startswith("SHOW")
            and any(word in upper for word in self.WRITE_WORDS)
        ):
            raise access_mode_error()
        for fragment, keys, rows in self._answers:
            if fragment in text:
                return FakeResult(keys, rows)
        if upper.startswith("SHOW CONSTRAINTS"):
            return FakeResult(["n"], [[1 if self.built else 0]])
        if "RETURN COUNT(N) > 0" in upper:
            return FakeResult(["found"], [[False]])
        return FakeResult([], [])


def access_mode_error() -> ne.Neo4jError:
    """The error a Neo4j server sends for a write in a read transaction."""
    return ne.Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Statement.AccessMode", message="Writing in read access mode not allowed."
    )


def server_error(code: str, message: str) -> ne.Neo4jError:
    """A server error as the driver raises it."""
    return ne.Neo4jError._hydrate_neo4j(code=code, message=message)
