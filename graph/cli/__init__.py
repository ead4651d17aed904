"""The ``kg`` command line: each command parses options, calls one library function, formats the result."""

from __future__ import annotations

from . import (
    core,  # noqa: F401  (registers build, stats, show, export)
    formats,  # noqa: F401  (registers history, diff)
    neo4j,  # noqa: F401  (registers push)
    query,  # noqa: F401  (registers query list/show/run, cypher)
    review,  # noqa: F401  (registers review)
    viz,  # noqa: F401  (registers viz, map)
)
from .root import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
