"""The built-in prepared queries: one ``.cypher`` file per question, with a header.

See :mod:`graph.query.prepared` for the header format and how the files are loaded and run.
"""

from pathlib import Path

__all__ = ["BUILTIN_DIR"]

BUILTIN_DIR = Path(__file__).parent
