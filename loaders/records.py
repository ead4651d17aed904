"""The record extraction produces from one :class:`~loaders.document.Document`.

``Extraction`` holds the entities seen in each section (already merged within the
section: first-name references, abbreviations and headings are aliases of one entity)
and the relations between them, each with the evidence that states it.
Entities are referred to by ``(label, name)``; turning those into graph nodes that
merge across documents is the graph model's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "EDGE_TYPES",
    "ENTITY_LABELS",
    "NODE_LABELS",
    "SYMMETRIC",
    "Entity",
    "EntityRef",
    "Evidence",
    "Extraction",
    "Relation",
]

NODE_LABELS = (
    "Person",
    "Organisation",
    "Cell",
    "Meeting",
    "Concept",
    "Place",
    "Publication",
    "Document",
)
ENTITY_LABELS = tuple(label for label in NODE_LABELS if label != "Document")  # what a document names
EDGE_TYPES = (
    "SPOKE_AT",
    "CHAIRED",
    "ATTENDED",
    "LEADS",
    "ROLE_AT",
    "MEMBER_OF",
    "FUNDED",
    "PARTNERED_WITH",
    "PART_OF",
    "DISCUSSED",
    "AUTHORED",
    "LOCATED_IN",
    "MENTIONS",
)
# Edge types stored once per pair, whichever way the text put it (source id < target id).
SYMMETRIC = frozenset({"PARTNERED_WITH"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the verbatim quote and its offsets in the document text."""

    document: str  # Document.path
    section: str  # Section.title
    quote: str  # == document.text[start:end]
    start: int
    end: int
    rule: str  # the extraction rule (or "catalogue") that produced the fact
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A reference to an entity by label and its canonical name within the section."""

    label: str
    name: str


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity as seen in one section, with every surface form used for it there."""

    label: str
    name: str
    section: int  # Section.index
    aliases: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    # Label-specific facts, e.g. ("date", "2020-09-17") for a Meeting or ("salience", "core").
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.label, self.name)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entities of the same section, with its evidence."""

    type: str
    source: EntityRef
    target: EntityRef
    evidence: Evidence
    # Edge properties, e.g. ("title", "CEO") for ROLE_AT or ("status", "ended") for FUNDED.
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document_id: str
    document_path: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())
