"""The ``kg`` command line: each command parses options, calls one library function, formats the result."""

from __future__ import annotations

from . import (  # each module registers its commands on the group
    build,  # noqa: F401  (kg build)
    export,  # noqa: F401  (kg export)
    history,  # noqa: F401  (kg history, kg diff)
    push,  # noqa: F401  (kg push)
    query,  # noqa: F401  (kg query list/show/run, kg cypher)
    review,  # noqa: F401  (kg review)
    show,  # noqa: F401  (kg stats, kg show)
    viz,  # noqa: F401  (kg viz, kg map)
)
from .root import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
