"""Name normalisation shared by extraction, resolution and node ids."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalise", "slug"]

_POSSESSIVE = re.compile(r"'s\b")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@lru_cache(maxsize=65536)  # extraction and resolution normalise the same few names many times
def normalise(name: str) -> str:
    """Casefolded, accent-free, punctuation-free form of a name, for comparing surface forms.

    >>> normalise("  Hollins-Pike’s ")
    'hollins pike'
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _POSSESSIVE.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def slug(name: str) -> str:
    """A stable, URL-safe id fragment for a name.

    >>> slug("Coastal Youth Alliance")
    'coastal-youth-alliance'
    """
    return normalise(name).replace(" ", "-").replace("_", "-") or "unnamed"
