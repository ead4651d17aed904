"""The one exception tree of kg.

Every error kg raises on purpose derives from :class:`KGError`; the CLI turns it
into ``Error: <message>`` and exit code 1 in one place (``UsageError`` exits 2).
It lives in the lowest layer (``loaders``) so that every layer above can raise it.

    KGError
    ├── LoadError          a file could not be read or decoded (carries the path)
    ├── CatalogueError     the user's catalogue file is malformed
    ├── ExtractionError    the language pipeline could not be set up (e.g. model missing)
    ├── IncompleteBuild    a --strict build met files it could not read, and stored nothing
    ├── StoreError         the graph store failed or could not be reached
    │   └── StoreNotFound  there is no graph built yet
    ├── QueryError         a Cypher query failed or was refused
    │   └── WriteRefused   the query would change the graph, and it runs read-only
    └── UsageError         the user asked for something that does not exist or is incomplete
"""

from __future__ import annotations

__all__ = [
    "CatalogueError",
    "ExtractionError",
    "IncompleteBuild",
    "KGError",
    "LoadError",
    "QueryError",
    "StoreError",
    "StoreNotFound",
    "UsageError",
    "WriteRefused",
]


class KGError(Exception):
    """Root of every error kg raises deliberately; the message is meant for a person."""


class LoadError(KGError):
    """A source file could not be read; ``path`` and ``reason`` say which and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class CatalogueError(KGError):
    """The catalogue file is not valid; the message names the file and the entry."""


class ExtractionError(KGError):
    """The extraction pipeline could not be created."""


class IncompleteBuild(KGError):
    """A strict build found files it could not read, so it left the stored graph as it was."""


class StoreError(KGError):
    """The graph store failed, or could not be started or reached."""


class StoreNotFound(StoreError):
    """No graph has been built in this store yet."""


class QueryError(KGError):
    """A query failed, or was refused because it would write in read-only mode."""


class WriteRefused(QueryError):
    """A read-only query would change the graph, so nothing was run.

    Raised without a message, it says what every store says: the one wording of the refusal.
    """

    MESSAGE = "this query would change the graph; kg runs queries read-only unless you pass --write"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.MESSAGE)


class UsageError(KGError):
    """The request itself is wrong: unknown name, missing or unknown parameter."""
