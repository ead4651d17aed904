"""The extraction cache that makes rebuilds incremental.

A document's extraction depends only on its bytes, the name it is given in evidence, the
extraction code and data, the catalogue and the spaCy model; the cache key is a hash of all of
them, so a cached extraction is exactly what re-extracting would give. Entries are JSON files in
the data directory (readable, and never executed on loading, unlike pickles).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from loaders.catalogue import Catalogue
from loaders.document import Document
from loaders.records import Entity, EntityRef, Evidence, Extraction, Relation

__all__ = ["ExtractionCache", "extractor_fingerprint"]

_FORMAT = 2


def extractor_fingerprint(catalogue: Catalogue, model: str | None) -> str:
    """A hash of everything besides the document that decides what extraction produces."""
    import loaders
    import loaders.extract

    h = hashlib.sha256(f"format {_FORMAT}; model {model or ''}\n".encode())
    h.update(repr(catalogue.entities).encode() + repr(catalogue.ignore).encode())
    roots = [Path(loaders.extract.__file__).parent, Path(loaders.__file__).parent / "data"]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".pyc",)):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


class ExtractionCache:
    """Extractions stored by document content, name and extractor fingerprint."""

    def __init__(self, folder: Path, fingerprint: str, *, read: bool = True) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.read = read  # False: extract everything afresh, but still refresh the cache
        self.used: set[str] = set()

    def key(self, doc: Document) -> str:
        """The entry name of ``doc``: a hash of the fingerprint, its content and its name."""
        return hashlib.sha256(f"{self.fingerprint}\n{doc.sha256}\n{doc.path}".encode()).hexdigest()

    def get(self, doc: Document) -> Extraction | None:
        """The cached extraction of ``doc``, or None (a damaged entry counts as missing)."""
        key = self.key(doc)
        self.used.add(key)
        if not self.read:
            return None
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return _from_dict(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, doc: Document, extraction: Extraction) -> None:
        """Store an extraction; written to a temporary file and renamed, so never half-written."""
        key = self.key(doc)
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(_to_dict(extraction), ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.folder / f"{key}.json")

    def prune(self) -> int:
        """Delete entries this build did not use (deleted or changed files); returns how many."""
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.stem not in self.used or path.suffix != ".json":
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


# Evidence as a list in field order: much smaller and faster than dataclasses.asdict.
def _ev(e: Evidence) -> list:
    return [e.document, e.section, e.quote, e.start, e.end, e.rule, e.confidence]


def _evidence(row: list) -> Evidence:
    return Evidence(*row)


def _to_dict(x: Extraction) -> dict:
    return {
        "document_id": x.document_id,
        "document_path": x.document_path,
        "entities": [
            {"label": e.label, "name": e.name, "section": e.section, "aliases": list(e.aliases),
             "mentions": [_ev(m) for m in e.mentions], "attrs": [list(a) for a in e.attrs]}
            for e in x.entities
        ],
        "relations": [
            {"type": r.type, "source": [r.source.label, r.source.name], "target": [r.target.label, r.target.name],
             "evidence": _ev(r.evidence), "attrs": [list(a) for a in r.attrs]}
            for r in x.relations
        ],
        "warnings": list(x.warnings),
    }


def _from_dict(d: dict) -> Extraction:
    entities = tuple(
        Entity(
            label=e["label"],
            name=e["name"],
            section=e["section"],
            aliases=tuple(e["aliases"]),
            mentions=tuple(_evidence(m) for m in e["mentions"]),
            attrs=tuple(tuple(a) for a in e["attrs"]),
        )
        for e in d["entities"]
    )
    relations = tuple(
        Relation(
            type=r["type"],
            source=EntityRef(*r["source"]),
            target=EntityRef(*r["target"]),
            evidence=_evidence(r["evidence"]),
            attrs=tuple(tuple(a) for a in r["attrs"]),
        )
        for r in d["relations"]
    )
    return Extraction(d["document_id"], d["document_path"], entities, relations, tuple(d.get("warnings", ())))
