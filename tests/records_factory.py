"""Small builders of made-up loader and extraction records for pure unit tests."""

from __future__ import annotations

from loaders.document import Document, Section, content_id
from loaders.records import Entity, EntityRef, Evidence, Extraction, Relation


def make_document(path: str, sections: list[tuple[str, str]]) -> Document:
    """A Document whose text is the sections' titles and bodies, one after another."""
    text, secs = "", []
    for index, (title, body) in enumerate(sections):
        start = len(text)
        chunk = f"{title}\n{body}\n"
        text += chunk
        secs.append(Section(index=index, title=title, start=start, end=len(text), text=chunk))
    doc_id, digest = content_id(text.encode())
    return Document(doc_id, path, "txt", sections[0][0], None, text, tuple(secs), digest)


def evidence(doc: Document, quote: str, rule: str = "test.rule", confidence: float = 0.9, after: int = 0) -> Evidence:
    """Evidence for the first occurrence of ``quote`` in ``doc`` at or after ``after``."""
    start = doc.text.index(quote, after)
    section = next(s for s in doc.sections if s.start <= start < s.end)
    return Evidence(doc.path, section.title, quote, start, start + len(quote), rule, confidence)


def entity(doc: Document, label: str, name: str, section: int = 0, aliases=(), attrs=()) -> Entity:
    """An entity of a section, mentioned wherever its name occurs in that section."""
    sec = doc.sections[section]
    mentions = []
    for form in (name, *aliases):
        at = doc.text.find(form, sec.start, sec.end)
        if at >= 0:
            mentions.append(evidence(doc, form, rule="mention", after=at))
    return Entity(label, name, section, tuple(aliases), tuple(mentions), tuple(attrs))


def relation(
    doc: Document,
    rtype: str,
    source: tuple[str, str],
    target: tuple[str, str],
    quote: str,
    attrs=(),
    confidence: float = 0.9,
    section: int = 0,
) -> Relation:
    """A relation whose evidence is ``quote`` within the given section."""
    return Relation(
        rtype,
        EntityRef(*source),
        EntityRef(*target),
        evidence(doc, quote, confidence=confidence, after=doc.sections[section].start),
        tuple(attrs),
    )


def extraction(doc: Document, entities=(), relations=()) -> Extraction:
    return Extraction(doc.id, doc.path, tuple(entities), tuple(relations))


def make_notes(
    *sections: tuple[str, str], path: str = "notes.txt", header: str | None = None, date: str | None = None
) -> Document:
    """A Document laid out as a page of notes: per section an optional header line, the title,
    a blank line and the body; sections are (title, body) pairs."""
    text, parts = "", []
    for index, (title, body) in enumerate(sections):
        if header:
            text += header + "\n"
        start = len(text)
        text += f"{title}\n\n{body}\n"
        parts.append(Section(index, title, start, len(text), text[start:], date))
    return Document("doc:test", path, "txt", sections[0][0], None, text, tuple(parts), "0" * 64)
