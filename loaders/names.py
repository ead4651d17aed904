"""Name normalisation shared by extraction, resolution and node ids."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "slug"]

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise(name: str) -> str:
    """Casefolded, accent-free, punctuation-free form of a name, for comparing surface forms.

    >>> normalise("  Hollins-Pike’s ")
    'hollins pike'
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(name: str) -> str:
    """A stable, URL-safe id fragment for a name.

    >>> slug("Making Every Adult Matter")
    'making-every-adult-matter'
    """
    return normalise(name).replace(" ", "-").replace("_", "-") or "unnamed"
