"""The ``kg`` command line: each command parses options, calls one library function, formats the result."""

from __future__ import annotations

from . import core  # noqa: F401  (registers build, stats, show, export)
from . import formats  # noqa: F401  (registers history, diff)
from . import neo4j  # noqa: F401  (registers push)
from . import query  # noqa: F401  (registers query list/show/run, cypher)
from . import review  # noqa: F401  (registers review)
from . import viz  # noqa: F401  (registers viz, map)
from .root import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
