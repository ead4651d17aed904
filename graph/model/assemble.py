"""The graph model: extractions become one networkx ``MultiDiGraph``.

Every node and edge attribute is a primitive or a list of primitives, so the same graph can be
written to any store and read back unchanged. Each edge keeps its evidence as parallel lists
(``documents``, ``sections``, ``quotes``, ``starts``, ``ends``, ``rules``, ``confidences``): entry
*i* of each list is one place the fact was read.

Edges whose evidence lists are equal share them (most single-evidence edges name the same few
documents, sections and rules; several facts often rest on one quote): that saves about a
third of the graph's memory. Treat a built graph's lists as read-only; copy one to change it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter

import networkx as nx

from graph.model.ids import node_id, section_id
from graph.model.resolution import Resolution, resolve
from graph.model.schema import fits
from graph.model.usage import DocumentUsage, document_usage
from loaders.catalogue import Catalogue
from loaders.document import Document
from loaders.names import normalise
from loaders.records import SYMMETRIC, Evidence, Extraction

__all__ = [
    "EVIDENCE_FIELDS",
    "LOW_CONFIDENCE",
    "SYMMETRIC",
    "build_graph",
    "edge_evidence",
    "edge_order",
    "sorted_edges",
]

# Edges whose best evidence is below this are kept but marked for review.
LOW_CONFIDENCE = 0.6
# Evidence list attribute -> Evidence field.
EVIDENCE_FIELDS = {
    "documents": "document",
    "sections": "section",
    "quotes": "quote",
    "starts": "start",
    "ends": "end",
    "rules": "rule",
    "confidences": "confidence",
}


def build_graph(
    documents: Sequence[Document],
    extractions: Iterable[Extraction],
    catalogue: Catalogue | None = None,
    *,
    catalogue_name: str = "catalogue",
    progress: Callable[[int, int], None] | None = None,
    usage: Iterable[DocumentUsage] | None = None,
) -> nx.MultiDiGraph:
    """Resolve the entities of every extraction into nodes and attach every fact with evidence.

    Args:
        documents: the loaded documents (they become Document nodes).
        extractions: one per document, in any order, read once. They are let go as soon as
            their facts are gathered: handed over (not also held by the caller), their memory
            is free again before the edges are made.
        catalogue: the user's known entities, ignored names and curated edges.
        catalogue_name: how curated evidence names its source document.
        progress: called as ``progress(percent, 100)`` as the work goes on (names resolved,
            then facts gathered per document, then edges made), for a large corpus's pause.
        usage: how each document's text uses its names (see :mod:`graph.model.usage`), the evidence
            resolution weighs; None reads it from the documents that hold their text (the
            build pipeline's documents do not: it passes what the extraction workers read).

    Returns:
        A ``MultiDiGraph`` keyed ``(source, target, key)`` with one edge per fact type and pair.
    """
    catalogue = catalogue or Catalogue()
    G = nx.MultiDiGraph()
    docs_by_id = {d.id: d for d in documents}
    report = _Percent(progress)
    report(0)  # resolving names comes first and takes a while on a large corpus: say so now
    extractions = sorted(extractions, key=lambda x: x.document_id)
    if usage is None:
        # Documents that still hold their text (a library caller's) are read here.
        usage = [
            document_usage(docs_by_id[x.document_id], x)
            for x in extractions
            if x.document_id in docs_by_id and docs_by_id[x.document_id].text
        ]
    res = resolve(
        ((x.document_id, e) for x in extractions for e in x.entities),
        catalogue,
        usage=usage,
        facts=_facts_of(extractions, docs_by_id),
    )
    report(20)

    for doc in sorted(documents, key=lambda d: d.id):
        _add_document(G, doc)
    known = res.nodes
    facts: dict[tuple[str, str, str], _Fact] = {}
    seen_in = _gather_facts(extractions, docs_by_id, res, facts, report)
    del extractions, res  # their facts are gathered: the rest of them (names, mentions) can go

    for nid, node in sorted(known.items()):
        if not seen_in.get(nid) and node.curated:
            continue  # a catalogue entry no document mentions stays out unless an edge needs it
        G.add_node(nid, **_with_context(_entity_attrs(node, seen_in.get(nid, set())), node, docs_by_id))
    lookup = _name_lookup(G)
    _add_curated_facts(G, lookup, catalogue, known, facts, catalogue_name)
    _add_edges(G, facts, _rejected(lookup, catalogue), report)
    report(100)
    return G


def _gather_facts(
    extractions: list[Extraction], docs_by_id: dict[str, Document], res: Resolution, facts: dict, report: _Percent
) -> dict[str, set[str]]:
    """Every mention and relation of ``extractions`` as a fact between nodes, into ``facts``
    (keyed by type, source, target); returns the document paths each node is seen in."""
    seen_in: dict[str, set[str]] = defaultdict(set)
    section_ids: dict[tuple[str, int], str] = {}
    for i, x in enumerate(extractions):
        report(20 + 30 * i // len(extractions))
        doc = docs_by_id.get(x.document_id)
        _gather_mentions(x, doc, res.node_of, facts, seen_in, section_ids)
        _gather_relations(x, doc, res, facts)
    return seen_in


def _gather_mentions(
    x: Extraction,
    doc: Document | None,
    node_of: dict,
    facts: dict,
    seen_in: dict[str, set[str]],
    section_ids: dict[tuple[str, int], str],
) -> None:
    multi = doc is not None and len(doc.sections) > 1
    for ent in x.entities:
        nid = node_of.get((x.document_id, ent.section, ent.label, ent.name))
        if nid is None:  # ignored by the catalogue
            continue
        seen_in[nid].add(x.document_path)
        if multi:
            # One id object per section (not one per entity): each edge's end keeps it.
            source = section_ids.get((x.document_id, ent.section))
            if source is None:
                source = section_ids[(x.document_id, ent.section)] = section_id(x.document_id, ent.section)
        else:
            source = x.document_id
        if not ent.mentions:
            # Named only by the file's own title (an HTML <title>, a PDF's metadata), which is
            # not in its text: no quote can show the mention, so no MENTIONS fact. The
            # entity's other facts have their own quotes.
            continue
        # Mentions are most of the facts, and have no attributes: the short way of _add_fact.
        fact = facts.get(("MENTIONS", source, nid))
        if fact is None:
            fact = facts[("MENTIONS", source, nid)] = _Fact()
        for ev in ent.mentions:
            fact.add(ev)


def _gather_relations(x: Extraction, doc: Document | None, res: Resolution, facts: dict) -> None:
    known, relabelled = res.nodes, res.relabelled
    for rel in x.relations:
        sec = _section_at(doc, rel.evidence.start)
        s = res.node_of.get((x.document_id, sec, rel.source.label, rel.source.name))
        t = res.node_of.get((x.document_id, sec, rel.target.label, rel.target.name))
        if s is None or t is None or s == t:
            continue
        if (
            relabelled
            and (
                (x.document_id, sec, rel.source.label, rel.source.name) in relabelled
                or (x.document_id, sec, rel.target.label, rel.target.name) in relabelled
            )
            and not fits(rel.type, known[s].label, known[t].label)
        ):
            continue  # an entity resolution relabelled: its facts that no longer fit go
        if rel.type in SYMMETRIC and t < s:
            s, t = t, s
        _add_fact(facts, rel.type, s, t, rel.evidence, rel.attrs)


def _add_curated_facts(
    G: nx.MultiDiGraph, lookup: dict, catalogue: Catalogue, known: dict, facts: dict, catalogue_name: str
) -> None:
    """The catalogue's edges, as facts that win over what was extracted."""
    for cedge in catalogue.edges:
        s = _curated_endpoint(G, lookup, cedge.source, known)
        t = _curated_endpoint(G, lookup, cedge.target, known)
        if cedge.type in SYMMETRIC and t < s:
            s, t = t, s
        ev = Evidence(catalogue_name, "catalogue", cedge.note, 0, 0, "catalogue", 1.0)
        fact = _add_fact(facts, cedge.type, s, t, ev, ())
        fact.curated = True
        fact.attrs = {**(fact.attrs or {}), **dict(cedge.attrs)}  # the user's word wins over what was extracted


def _add_edges(G: nx.MultiDiGraph, facts: dict, rejected: set[tuple[str, str, str]], report: _Percent) -> None:
    """One edge per fact whose ends are nodes, unless the user rejected it; ``facts`` is emptied."""
    rounded: dict[float, float] = {}  # one object per confidence value (there are few)
    shared: dict[str, dict[tuple, list]] = {name: {} for name in EVIDENCE_FIELDS}
    # Each fact is dropped as its edge is made, so its evidence index is not held alongside the
    # finished graph's evidence lists (at scale, the two together set the build's peak memory).
    order = sorted(facts)
    for i, (etype, s, t) in enumerate(order):
        report(50 + 50 * i // len(order))
        fact = facts.pop((etype, s, t))
        if s not in G or t not in G:
            continue
        if (etype, s, t) in rejected and not fact.curated:
            continue  # the user said this extracted fact is wrong
        G.add_edge(s, t, key=etype, **_edge_attrs(etype, fact, shared, rounded))


class _Percent:
    """Calls ``progress(percent, 100)`` once per percent reached, not once per item."""

    __slots__ = ("done", "progress")

    def __init__(self, progress: Callable[[int, int], None] | None) -> None:
        self.progress = progress
        self.done = -1

    def __call__(self, percent: int) -> None:
        if self.progress is not None and percent > self.done:
            self.done = percent
            self.progress(percent, 100)


def _section_at(doc: Document | None, offset: int) -> int:
    # Relations point at entities of their own section: the one their evidence lies in.
    if doc is None:
        return 0
    for sec in doc.sections:
        if sec.start <= offset < sec.end:
            return sec.index
    return doc.sections[-1].index if doc.sections else 0


def _add_document(G: nx.MultiDiGraph, doc: Document) -> None:
    G.add_node(
        doc.id,
        id=doc.id,
        label="Document",
        name=doc.title or doc.path,
        kind="file",
        path=doc.path,
        format=doc.format,
        sha256=doc.sha256,
        **({"date": doc.date} if doc.date else {}),
    )
    if len(doc.sections) > 1:
        for sec in doc.sections:
            sid = section_id(doc.id, sec.index)
            G.add_node(
                sid,
                id=sid,
                label="Document",
                name=sec.title,
                kind="section",
                path=doc.path,
                parent=doc.id,
                section=sec.index,
                **({"date": sec.date} if sec.date else {}),
            )


class _Fact:
    """What is known of one (type, source, target) fact while the graph is made.

    Most facts are mentions read once: their one piece of evidence is kept as it is, and the
    index of evidence by place, the attributes and the titles are made only for facts that
    need them (a dict of each for every fact added 200 MB to the peak of a build at 100x the
    example corpus).
    """

    __slots__ = ("attrs", "curated", "evidence", "titles")

    def __init__(self) -> None:
        self.evidence: Evidence | dict[tuple, Evidence] | None = None  # by place, once there are two
        self.attrs: dict[str, str] | None = None
        self.titles: dict[str, int] | None = None  # title -> how many pieces of evidence give it
        self.curated = False

    def add(self, ev: Evidence) -> None:
        """Add a piece of evidence; of two at the same place, the first is kept."""
        current = self.evidence
        if current is None:
            self.evidence = ev
        elif type(current) is dict:
            current.setdefault((ev.document, ev.start, ev.end, ev.rule), ev)
        else:
            first = (current.document, current.start, current.end, current.rule)
            place = (ev.document, ev.start, ev.end, ev.rule)
            if place != first:
                self.evidence = {first: current, place: ev}

    def pieces(self) -> list[Evidence]:
        """The evidence, ordered by place."""
        by_place = self.evidence
        if type(by_place) is not dict:
            return [by_place]
        return [by_place[k] for k in sorted(by_place)]


def _add_fact(facts: dict, etype: str, s: str, t: str, ev: Evidence, attrs) -> _Fact:
    fact = facts.get((etype, s, t))
    if fact is None:
        fact = facts[(etype, s, t)] = _Fact()
    fact.add(ev)
    for key, value in attrs:
        if key == "title":
            if fact.titles is None:
                fact.titles = {}
            fact.titles[value] = fact.titles.get(value, 0) + 1
            continue
        if fact.attrs is None:
            fact.attrs = {}
        if key == "status":
            # Funding that ended anywhere in the evidence has ended; else it is current if any
            # evidence says so (one note reads "we funded", a later one "we fund"), else past.
            if _STATUS_RANK.get(value, 0) > _STATUS_RANK.get(fact.attrs.get("status"), -1):
                fact.attrs["status"] = value
        else:
            fact.attrs.setdefault(key, value)
    return fact


# Which of several statuses a fact stated in several places keeps: the highest.
_STATUS_RANK = {"past": 1, "current": 2, "ended": 3}


def _edge_attrs(etype: str, fact: _Fact, shared: dict[str, dict[tuple, list]], rounded: dict[float, float]) -> dict:
    evidence = fact.pieces()
    attrs: dict = {"type": etype}
    titles = fact.titles
    if titles and "title" not in (fact.attrs or ()):
        attrs["title"] = min(titles, key=lambda t: (-titles[t], t))
    if fact.attrs:
        attrs.update(fact.attrs)
    # One pass over the evidence, then one list per field (in EVIDENCE_FIELDS order); equal
    # lists of a field are one list (see the module docstring).
    for list_name, column in zip(EVIDENCE_FIELDS, zip(*map(_evidence_row, evidence), strict=True), strict=False):
        if list_name == "confidences":
            column = tuple(rounded[c] if c in rounded else rounded.setdefault(c, round(float(c), 3)) for c in column)
        same = shared[list_name]
        values = same.get(column)
        if values is None:
            values = same[column] = list(column)
        attrs[list_name] = values
    attrs["confidence"] = max(attrs["confidences"])
    attrs["count"] = len(evidence)
    attrs["curated"] = bool(fact.curated)
    attrs["low_confidence"] = attrs["confidence"] < LOW_CONFIDENCE and not attrs["curated"]
    return attrs


_evidence_row = attrgetter(*EVIDENCE_FIELDS.values())


def _entity_attrs(node, documents: set[str]) -> dict:
    attrs = {
        "id": node.id,
        "label": node.label,
        "name": node.name,
        "aliases": list(node.aliases),
        "documents": sorted(documents),
        "curated": node.curated,
        **dict(node.attrs),
    }
    if node.aliases and getattr(node, "alias_reasons", ()):
        attrs["alias_reasons"] = list(node.alias_reasons)  # why each alias is this entity
    if getattr(node, "may_be", ()):
        attrs["may_be"] = list(node.may_be)  # longer names a short form may abbreviate
    return attrs


def _with_context(attrs: dict, node, docs_by_id: dict) -> dict:
    """``attrs`` with a sentence that uses the name (``context``) and its document, for a
    reviewer who needs more than the bare name."""
    doc_id, quote = getattr(node, "context", ("", ""))
    doc = docs_by_id.get(doc_id)
    if quote and doc is not None:
        attrs["context"] = quote
        attrs["context_document"] = doc.path
    return attrs


def _facts_of(extractions: Sequence[Extraction], docs_by_id: dict[str, Document]) -> dict[tuple, frozenset[str]]:
    """For each entity (document, section, label, name), the facts it takes part in, as
    ``TYPE:source`` / ``TYPE:target``: the evidence of what kind of thing it is."""
    found: dict[tuple, set[str]] = defaultdict(set)
    for x in extractions:
        doc = docs_by_id.get(x.document_id)
        for rel in x.relations:
            sec = _section_at(doc, rel.evidence.start)
            found[(x.document_id, sec, rel.source.label, rel.source.name)].add(f"{rel.type}:source")
            found[(x.document_id, sec, rel.target.label, rel.target.name)].add(f"{rel.type}:target")
    return {key: frozenset(v) for key, v in found.items()}


def _name_lookup(G: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    lookup: dict[tuple[str, str], str] = {}
    for nid, data in sorted(G.nodes(data=True)):
        if data["label"] == "Document":
            continue
        for form in [data["name"], *data.get("aliases", [])]:
            lookup.setdefault((data["label"], normalise(form)), nid)
    return lookup


def _curated_endpoint(G: nx.MultiDiGraph, lookup: dict, ref: tuple[str, str], known: dict) -> str:
    label, name = ref
    nid = lookup.get((label, normalise(name)))
    if nid is not None:
        return nid
    nid = node_id(label, name)
    node = known.get(nid)
    if node is not None:
        G.add_node(nid, **_entity_attrs(node, set()))
    else:
        G.add_node(nid, id=nid, label=label, name=name, aliases=[], documents=[], curated=True)
    lookup[(label, normalise(name))] = nid
    return nid


def _rejected(lookup: dict, catalogue: Catalogue) -> set[tuple[str, str, str]]:
    """The (type, source, target) keys of the catalogue's rejected edges whose ends exist."""
    keys = set()
    for edge in catalogue.reject:
        s = lookup.get((edge.source[0], normalise(edge.source[1])))
        t = lookup.get((edge.target[0], normalise(edge.target[1])))
        if s is None or t is None:
            continue
        if edge.type in SYMMETRIC and t < s:
            s, t = t, s
        keys.add((edge.type, s, t))
    return keys


def edge_order(edge: tuple) -> tuple:
    """The one order of a graph's edges, for every export and picture: by source id, type,
    target id. ``edge`` is ``(source, target, key)`` or ``(source, target, key, data)`` as
    ``G.edges(keys=True[, data=True])`` gives it (the key is the type)."""
    return edge[0], edge[2], edge[1]


def sorted_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    """``G``'s edges with their keys and data, in :func:`edge_order`."""
    # iter(): given the view itself, sorted() first asks its length, which networkx counts by
    # walking every edge
    return sorted(iter(G.edges(keys=True, data=True)), key=edge_order)


def edge_evidence(attrs: dict) -> list[dict]:
    """The evidence of an edge as a list of records, from its parallel evidence lists."""
    lists = [attrs.get(name) or [] for name in EVIDENCE_FIELDS]
    # The fields of EVIDENCE_FIELDS, in its order, written out: a dict display is the quickest
    # way to make the hundreds of thousands of records an export of a large corpus has.
    return [
        {"document": d, "section": s, "quote": q, "start": start, "end": end, "rule": r, "confidence": c}
        for d, s, q, start, end, r, c in zip(*lists, strict=False)
    ]
