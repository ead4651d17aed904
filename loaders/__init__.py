"""kg's lowest layer: files in, :class:`Document` records out (and the shared records).

>>> from loaders import discover, load_file
>>> files, skipped = discover(["notes/"])            # doctest: +SKIP
>>> documents = [load_file(path) for path in files]  # doctest: +SKIP

``READERS`` maps a file suffix to its reader; ``parse_date`` finds the first full date in a text.
"""

from .dates import parse_date
from .document import Document, Section, content_id
from .errors import KGError, LoadError
from .files import Skipped, discover, load_file, normalise_text, shown_path
from .readers import READERS
from .sections import split_sections

__all__ = [
    "Document",
    "KGError",
    "LoadError",
    "READERS",
    "Section",
    "Skipped",
    "content_id",
    "discover",
    "load_file",
    "normalise_text",
    "parse_date",
    "shown_path",
    "split_sections",
]
