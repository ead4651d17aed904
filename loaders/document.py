"""The record every loader produces: a :class:`Document` split into :class:`Section` s.

Offsets are character offsets into ``Document.text``; a section's text is
``document.text[section.start:section.end]``, so evidence quotes found in a section
can be reported with offsets that point into the whole document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["Document", "Section", "content_id"]


@dataclass(frozen=True, slots=True)
class Section:
    """One note or part of a document: its own meeting, first-name references and evidence."""

    index: int
    title: str
    start: int
    end: int
    text: str
    date: str | None = None  # ISO date when the section states one


@dataclass(frozen=True, slots=True)
class Document:
    """One source file after loading: normalised text, title, date and sections."""

    id: str  # "doc:" + content hash, so a renamed file keeps its id
    path: str  # as the user named it, relative to the build root where possible
    format: str  # the loader that read it: txt, md, html, docx, pdf
    title: str
    date: str | None
    text: str
    sections: tuple[Section, ...]
    sha256: str


def content_id(data: bytes) -> tuple[str, str]:
    """Return ``(document id, sha256 hex)`` for a file's raw bytes."""
    digest = hashlib.sha256(data).hexdigest()
    return f"doc:{digest[:16]}", digest
