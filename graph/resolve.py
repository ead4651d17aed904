"""Kept only for ``bench/extraction_quality.py``, which imports ``graph.resolve.resolve`` and is
being changed on another branch: cross-document entity resolution lives in
:mod:`graph.model.resolution`. Delete this module once that import names the new one.
"""

from graph.model.resolution import resolve

__all__ = ["resolve"]
