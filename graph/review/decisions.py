"""The user's review decisions turned into catalogue entries, so every later build keeps them.

``apply_review(rows, catalogue)`` (rows from :func:`graph.review.findings.read_review`) returns
a new catalogue:

- reject an edge: a ``reject`` entry (the extracted edge is never built again);
- accept an edge: a curated edge (kept at full confidence, no longer reviewed);
- merge into X: the name becomes an alias of X's catalogue entity;
- rename: a catalogue entity with the new name and the old one as alias;
- relabel: a catalogue entity with the new label;
- reject a name: it joins ``ignore``; accept a name: a catalogue entity that fixes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.model.schema import fits
from graph.review.findings import DECISIONS, ReviewRow
from loaders.catalogue import Catalogue, CatalogueEdge, CatalogueEntity
from loaders.errors import UsageError
from loaders.names import normalise
from loaders.records import NODE_LABELS

__all__ = ["ReviewResult", "apply_review"]


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """The catalogue with the decisions added, and one line per change made."""

    catalogue: Catalogue
    changes: tuple[str, ...]
    decisions: int = 0  # rows with a decision (those already in the catalogue change nothing)


def _decision(row: ReviewRow, line: int) -> str:
    text = " ".join(row.decision.casefold().split())
    text = {"merge": "merge into", "merged into": "merge into"}.get(text, text)
    if text and text not in DECISIONS:
        raise UsageError(f"row {line}: decision '{row.decision}' is not one of {', '.join(DECISIONS)}")
    if text in ("merge into", "rename", "relabel") and row.edge_type:
        raise UsageError(f"row {line}: on an edge, the decision is accept or reject, not '{row.decision}'")
    if text in ("merge into", "rename", "relabel") and not (row.label and row.name):
        raise UsageError(f"row {line}: '{row.decision}' needs the label and name columns kg review wrote")
    value = row.value or (row.other if text == "merge into" else "")
    if text in ("merge into", "rename", "relabel") and not value:
        raise UsageError(f"row {line}: '{text}' needs a value (the {'new label' if text == 'relabel' else 'name'})")
    if text == "relabel" and (value not in NODE_LABELS or value == "Document"):
        known = ", ".join(lab for lab in NODE_LABELS if lab != "Document")
        raise UsageError(f"row {line}: '{value}' is not a label; use one of {known}")
    return text


class _Draft:
    """A mutable copy of a catalogue while decisions are applied."""

    def __init__(self, cat: Catalogue) -> None:
        self.entities = [[e.label, e.name, list(e.aliases)] for e in cat.entities]
        self.ignore = list(cat.ignore)
        self.edges = list(cat.edges)
        self.reject = list(cat.reject)
        self.changes: list[str] = []
        # (label, normalised name) -> (row, target) of each merge in this sheet
        self.merged: dict[tuple[str, str], tuple[int, str]] = {}
        self.known: Mapping[tuple[str, str], str] | None = None  # what the graph holds, if known
        self.graph: nx.MultiDiGraph | None = None  # the graph itself, when a relabel needs its facts

    def find(self, label: str, name: str) -> list | None:
        key = normalise(name)
        for entry in self.entities:
            if entry[0] == label and key in {normalise(f) for f in [entry[1], *entry[2]]}:
                return entry
        return None

    def entity(self, label: str, name: str) -> list:
        entry = self.find(label, name)
        if entry is None:
            entry = [label, name, []]
            self.entities.append(entry)
            self.changes.append(f"entity {label} '{name}'")
        return entry

    def alias(self, entry: list, name: str) -> None:
        if normalise(name) not in {normalise(f) for f in [entry[1], *entry[2]]}:
            entry[2].append(name)
            self.changes.append(f"alias '{name}' of {entry[0]} '{entry[1]}'")

    def catalogue(self, path: str) -> Catalogue:
        return Catalogue(
            entities=tuple(CatalogueEntity(lab, name, tuple(aliases)) for lab, name, aliases in self.entities),
            ignore=tuple(self.ignore),
            edges=tuple(self.edges),
            path=path,
            reject=tuple(self.reject),
        )


def apply_review(
    rows: Iterable[ReviewRow],
    catalogue: Catalogue | None = None,
    known: Mapping[tuple[str, str], str] | None = None,
    graph: nx.MultiDiGraph | None = None,
) -> ReviewResult:
    """Turn the decisions in ``rows`` into catalogue entries; rows without a decision are skipped.

    Every row is checked before anything changes, so a bad row leaves nothing half-applied.
    ``known`` (``(label, normalised name or alias) -> name``, see
    :func:`graph.query.lookup.entity_names`) is what the graph holds: a merge into a name that is
    neither there nor in the catalogue is refused, since a misspelt target would become a new
    entity that swallows the one meant. With ``graph``, a relabel lists the entity's facts that
    do not fit its new label (the next build drops those and keeps the rest).

    Raises:
        UsageError: a decision is unknown, lacks its value, or does not fit its row, or a merge
            target is unknown; the message names the row (counting the header as row 1).
    """
    catalogue = catalogue or Catalogue()
    rows = list(rows)
    decided = [(i, row, _decision(row, i)) for i, row in enumerate(rows, 2)]
    draft = _Draft(catalogue)
    draft.known = known
    draft.graph = graph
    for line, row, decision in decided:
        if not decision:
            continue
        if row.edge_type:
            _apply_edge(draft, row, decision)
        else:
            _apply_entity(draft, row, decision, line)
    return ReviewResult(draft.catalogue(catalogue.path), tuple(draft.changes), sum(1 for *_, d in decided if d))


def _unfit_facts(G: nx.MultiDiGraph | None, label: str, name: str, new_label: str) -> list[str]:
    """The facts of the entity ``label``/``name`` in ``G`` that an entity labelled ``new_label``
    cannot have (MENTIONS fit every label), in words."""
    if G is None or new_label == label:
        return []
    key = normalise(name)
    nid = next(
        (
            n
            for n, d in sorted(G.nodes(data=True))
            if d.get("label") == label
            and key in {normalise(f) for f in [d.get("name") or "", *(d.get("aliases") or [])]}
        ),
        None,
    )
    if nid is None:
        return []
    lost = []
    for s, _t, data in sorted(G.in_edges(nid, data=True), key=lambda e: (e[2].get("type", ""), e[0])):
        other = G.nodes[s]
        if data.get("type") != "MENTIONS" and not fits(data.get("type", ""), other.get("label", ""), new_label):
            lost.append(f"{data['type']} from {other.get('name', s)}")
    for _s, t, data in sorted(G.out_edges(nid, data=True), key=lambda e: (e[2].get("type", ""), e[1])):
        other = G.nodes[t]
        if data.get("type") != "MENTIONS" and not fits(data.get("type", ""), new_label, other.get("label", "")):
            lost.append(f"{data['type']} to {other.get('name', t)}")
    return lost


def _check_target(draft: _Draft, label: str, name: str, value: str, line: int) -> None:
    """Refuse a merge into a name neither the graph nor the catalogue has (a typo, most likely)."""
    if draft.known is None or draft.find(label, value) is not None or (label, normalise(value)) in draft.known:
        return
    from rapidfuzz import fuzz, process

    names = sorted({shown for (lab, _), shown in draft.known.items() if lab == label})
    close = [m[0] for m in process.extract(value, names, scorer=fuzz.WRatio, limit=3, score_cutoff=80)]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UsageError(
        f"row {line} merges {label} '{name}' into '{value}', but no {label} has that name in the graph or "
        f"the catalogue; a new name would take in the entity meant. Check the spelling.{hint}"
    )


def _apply_edge(draft: _Draft, row: ReviewRow, decision: str) -> None:
    source, target = (row.source_label, row.source_name), (row.target_label, row.target_name)
    same = lambda e: e.type == row.edge_type and {e.source, e.target} == {source, target}  # noqa: E731
    what = f"{row.edge_type} {row.source_name} -> {row.target_name}"
    if decision == "reject":
        if not any(map(same, draft.reject)):
            draft.reject.append(CatalogueEdge(row.edge_type, source, target, "Rejected in review"))
            draft.changes.append(f"rejected edge {what}")
    elif not any(map(same, draft.edges)):
        note = "Accepted in review" + (f": \u201c{row.evidence}\u201d" if row.evidence else "")
        note += f" ({row.document})" if row.document else ""
        draft.edges.append(CatalogueEdge(row.edge_type, source, target, note))
        draft.changes.append(f"curated edge {what}")


def _apply_entity(draft: _Draft, row: ReviewRow, decision: str, line: int) -> None:
    label, name = row.label, row.name
    if decision == "accept":
        draft.entity(label, name)
        if row.other:  # near-duplicates kept apart: both names are now fixed
            draft.entity(label, row.other)
    elif decision == "reject":
        if normalise(name) not in {normalise(n) for n in draft.ignore}:
            draft.ignore.append(name)
            draft.changes.append(f"ignore '{name}'")
    elif decision == "merge into":
        value = row.value or row.other
        if normalise(value) == normalise(name) or (
            draft.known is not None
            and draft.known.get((label, normalise(value))) is not None
            and draft.known.get((label, normalise(value))) == draft.known.get((label, normalise(name)))
        ):
            raise UsageError(
                f"row {line} merges {label} '{name}' into '{value}', which is the same entity; put the name of "
                "another entity in value, or use accept to keep it as it is"
            )
        earlier = draft.merged.get((label, normalise(name)))
        if earlier is not None and normalise(earlier[1]) != normalise(value):
            raise UsageError(
                f"row {line} merges {label} '{name}' into '{value}', but row {earlier[0]} merges it into "
                f"'{earlier[1]}'; a name can join only one entity, so clear one of the two decisions"
            )
        draft.merged[(label, normalise(name))] = (line, value)
        _check_target(draft, label, name, value, line)
        own = draft.find(label, name)
        target = draft.entity(label, value)
        if own is not None and own is not target:
            if normalise(own[1]) == normalise(name):
                # The merged name had its own entry: fold it into the target's.
                draft.entities.remove(own)
                for form in [own[1], *own[2]]:
                    draft.alias(target, form)
            else:
                # The name was only another entry's alias: it moves; that entry stays as it is.
                own[2] = [a for a in own[2] if normalise(a) != normalise(name)]
        draft.alias(target, name)
    elif decision == "rename":
        entry = draft.find(label, name)
        if entry is None:
            entry = draft.entity(label, row.value)
        elif normalise(entry[1]) != normalise(row.value):
            draft.changes.append(f"renamed {label} '{entry[1]}' to '{row.value}'")
            old = entry[1]
            entry[2] = [a for a in entry[2] if normalise(a) != normalise(row.value)]
            entry[1] = row.value
            draft.alias(entry, old)
        draft.alias(entry, name)
    elif decision == "relabel":
        entry = draft.find(label, name)
        if entry is None:
            entry = draft.find(row.value, name) or draft.entity(row.value, name)
        elif entry[0] != row.value:
            draft.changes.append(f"relabelled '{entry[1]}' from {entry[0]} to {row.value}")
            entry[0] = row.value
        for lost in _unfit_facts(draft.graph, label, name, row.value):
            article = "an" if row.value[:1] in "AEIOU" else "a"
            draft.changes.append(f"  {lost} does not fit {article} {row.value}: the next build drops it")
