"""The extraction cache that makes rebuilds incremental.

A document's extraction depends only on its bytes, the name it is given in evidence, the
loading and extraction code and data, the catalogue and the spaCy model; the cache key is a
hash of all of them, so a cached extraction is exactly what re-extracting would give. An entry
also holds the document as loaded (without its text), so an unchanged file is only read and
hashed, never parsed again. Entries are JSON files in the data directory (readable, and never
executed on loading, unlike pickles).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from graph.model import usage
from graph.model.usage import DocumentUsage, usage_from_row, usage_row
from loaders.catalogue import Catalogue
from loaders.document import Document, Section
from loaders.records import Entity, EntityRef, Evidence, Extraction, Relation

__all__ = ["ExtractionCache", "extractor_fingerprint", "shared_values"]

_FORMAT = 4  # 4: entries hold the usage evidence too (graph/model/usage.py)


# lxml_html_clean: without it trafilatura cannot run and a web page is read as a plain dump
# (menus and footers too), so a cache made before it was installed must not be reused after.
_READING_LIBRARIES = ("spacy", "trafilatura", "lxml", "lxml_html_clean", "pypdf", "python-docx")


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def extractor_fingerprint(catalogue: Catalogue, model: str | None) -> str:
    """A hash of everything besides the document that decides what extraction produces."""
    import loaders

    h = hashlib.sha256(f"format {_FORMAT}; model {model or ''}\n".encode())
    # The libraries that read files and split words: an upgrade may read a file differently.
    h.update(repr([(name, _version(name)) for name in _READING_LIBRARIES]).encode())
    h.update(repr(catalogue.entities).encode() + repr(catalogue.ignore).encode())
    # All of loaders (readers and section splitting as well as extraction): entries hold the
    # loaded document too, and extraction sees the sections the readers make.
    root = Path(loaders.__file__).parent
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    # The usage evidence cached beside each extraction is read by this package's own module.
    h.update(Path(usage.__file__).read_bytes())
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
        return self.entry(doc.sha256, doc.path)

    def entry(self, sha256: str, name: str) -> str:
        """The entry name of a file's bytes (their sha256) given ``name`` in evidence."""
        return hashlib.sha256(f"{self.fingerprint}\n{sha256}\n{name}".encode()).hexdigest()

    def has(self, key: str) -> bool:
        """Whether an entry ``key`` is there to read (it may still prove damaged)."""
        return self.read and (self.folder / f"{key}.json").is_file()

    def load(self, key: str, memo: dict | None = None) -> tuple[Document, Extraction, DocumentUsage] | None:
        """The document (without its text), extraction and usage evidence of entry ``key``, or None.

        A missing or damaged entry is None. With ``memo`` (a dict kept from entry to entry),
        values that repeat across entries (paths, section titles, rules, names, quotes,
        confidences) are made one object each: a build keeps millions of them. An entry is
        read even when the cache is not (``read=False``): that only skips entries from before.
        """
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            extraction = _from_dict(data, {} if memo is None else memo)
            loaded = _document(data["document"]), extraction, usage_from_row(extraction.document_id, data["usage"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None
        self.used.add(key)
        return loaded

    def put(self, doc: Document, extraction: Extraction, usage: DocumentUsage) -> None:
        """Store a document's extraction and usage evidence (and the document, without its
        text); written to a temporary file and renamed, so never half-written."""
        key = self.key(doc)
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{key}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            _write_entry(fh, doc, extraction, usage)
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


def _document_row(doc: Document) -> list:
    sections = [[sec.index, sec.title, sec.start, sec.end, sec.date] for sec in doc.sections]
    return [doc.id, doc.path, doc.format, doc.title, doc.date, doc.sha256, sections]


def _document(row: list) -> Document:
    doc_id, path, fmt, title, date, sha256, sections = row
    secs = tuple(Section(index, heading, start, end, "", day) for index, heading, start, end, day in sections)
    return Document(doc_id, path, fmt, title, date, "", secs, sha256)


# Evidence as a list in field order: much smaller and faster than dataclasses.asdict.
def _ev(e: Evidence) -> list:
    return [e.document, e.section, e.quote, e.start, e.end, e.rule, e.confidence]


def _write_entry(fh: TextIO, doc: Document, x: Extraction, usage: DocumentUsage) -> None:
    """An entry's JSON object, written one record at a time: a long document's extraction is
    then never held a second time, as dicts or as one string, beside itself."""
    dumps = functools.partial(json.dumps, ensure_ascii=False)
    fh.write(
        f'{{"document": {dumps(_document_row(doc))}, "document_id": {dumps(x.document_id)}, '
        f'"document_path": {dumps(x.document_path)}, "entities": ['
    )
    for i, e in enumerate(x.entities):
        record = {
            "label": e.label,
            "name": e.name,
            "section": e.section,
            "aliases": list(e.aliases),
            "mentions": [_ev(m) for m in e.mentions],
            "attrs": [list(a) for a in e.attrs],
        }
        fh.write((", " if i else "") + dumps(record))
    fh.write('], "relations": [')
    for i, r in enumerate(x.relations):
        record = {
            "type": r.type,
            "source": [r.source.label, r.source.name],
            "target": [r.target.label, r.target.name],
            "evidence": _ev(r.evidence),
            "attrs": [list(a) for a in r.attrs],
        }
        fh.write((", " if i else "") + dumps(record))
    fh.write(f'], "warnings": {dumps(list(x.warnings))}, "usage": {dumps(usage_row(usage))}}}')


def _shared_evidence(row: Sequence, one: Callable) -> Evidence:
    """Evidence from its fields in order (as :func:`_ev` lists them), each text and confidence
    the one object ``one`` (a memo's ``setdefault``) keeps for its value."""
    document, section, quote, start, end, rule, confidence = row
    if type(confidence) is float:  # floats only: no text equals one
        confidence = one(confidence, confidence)
    return Evidence(
        one(document, document), one(section, section), one(quote, quote), start, end, one(rule, rule), confidence
    )


def shared_values(x: Extraction, memo: dict) -> Extraction:
    """``x`` with each repeated text (paths, section titles, rules, names, quotes) and
    confidence the one object ``memo`` keeps for its value, as :meth:`ExtractionCache.load`
    makes them.

    Extractions from other processes come as fresh copies of every value; the same few values
    repeat in every piece of evidence, and the graph keeps them all.
    """
    one = memo.setdefault
    entities = tuple(
        Entity(
            one(e.label, e.label),
            one(e.name, e.name),
            e.section,
            e.aliases,
            tuple(_shared_evidence(_ev(m), one) for m in e.mentions),
            e.attrs,
        )
        for e in x.entities
    )
    relations = tuple(
        Relation(one(r.type, r.type), r.source, r.target, _shared_evidence(_ev(r.evidence), one), r.attrs)
        for r in x.relations
    )
    return Extraction(x.document_id, x.document_path, entities, relations, x.warnings)


def _from_dict(d: dict, memo: dict) -> Extraction:
    one = memo.setdefault
    entities = tuple(
        Entity(
            one(e["label"], e["label"]),
            one(e["name"], e["name"]),
            e["section"],
            tuple(e["aliases"]),
            tuple(_shared_evidence(m, one) for m in e["mentions"]),
            tuple(map(tuple, e["attrs"])),
        )
        for e in d["entities"]
    )
    relations = tuple(
        Relation(
            one(r["type"], r["type"]),
            EntityRef(*r["source"]),
            EntityRef(*r["target"]),
            _shared_evidence(r["evidence"], one),
            tuple(map(tuple, r["attrs"])),
        )
        for r in d["relations"]
    )
    return Extraction(d["document_id"], d["document_path"], entities, relations, tuple(d.get("warnings", ())))
