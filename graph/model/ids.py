"""Deterministic node ids: the same label and name always give the same id."""

from __future__ import annotations

from loaders.names import slug

__all__ = ["node_id", "section_id"]


def node_id(label: str, name: str) -> str:
    """Id of an entity node from its label and canonical name.

    >>> node_id("Person", "Ada  Brown")
    'person:ada-brown'
    """
    return f"{label.lower()}:{slug(name)}"


def section_id(document_id: str, index: int) -> str:
    """Id of the Document node for one section of a multi-section document."""
    return f"{document_id}#s{index}"
