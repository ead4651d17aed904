"""Review: what most needs a human look, and the user's decisions turned into catalogue entries.

``review_rows(G)`` lists low-confidence edges, near-duplicate names, entities whose label is
uncertain and entities seen once, most useful first. ``write_review`` / ``read_review`` are a
named pair for the CSV a spreadsheet opens; the user fills the ``decision`` column (accept,
reject, merge into, rename, relabel) and ``value``. ``apply_review(rows, catalogue)`` returns a
new catalogue that keeps those decisions on every later build:

- reject an edge: a ``reject`` entry (the extracted edge is never built again);
- accept an edge: a curated edge (kept at full confidence, no longer reviewed);
- merge into X: the name becomes an alias of X's catalogue entity;
- rename: a catalogue entity with the new name and the old one as alias;
- relabel: a catalogue entity with the new label;
- reject a name: it joins ``ignore``; accept a name: a catalogue entity that fixes it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TextIO

import networkx as nx
from rapidfuzz import fuzz

from graph.model.assemble import edge_evidence
from graph.model.schema import fits
from graph.query.tables import sheet_plain, sheet_text
from loaders.catalogue import Catalogue, CatalogueEdge, CatalogueEntity
from loaders.errors import UsageError
from loaders.names import normalise
from loaders.records import NODE_LABELS

__all__ = [
    "COLUMNS",
    "DECISIONS",
    "KINDS",
    "ReviewResult",
    "ReviewRow",
    "apply_review",
    "read_review",
    "review_rows",
    "write_review",
]

# Row kinds, in the order the review lists them.
KINDS = ("low-confidence edge", "ambiguous short form", "near-duplicate names", "uncertain label", "seen once")
DECISIONS = ("accept", "reject", "merge into", "rename", "relabel")
# A mention at or below this confidence came from a weak rule: its label is a guess.
UNCERTAIN_LABEL = 0.6
# fuzz.ratio of two normalised names at or above which they may be one entity.
NEAR_DUPLICATE = 85


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One thing to look at, with the evidence to judge it and room for the decision."""

    kind: str
    what: str
    evidence: str = ""
    document: str = ""
    decision: str = ""
    value: str = ""
    label: str = ""
    name: str = ""
    other: str = ""  # near-duplicate rows: the other name
    edge_type: str = ""
    source_label: str = ""
    source_name: str = ""
    target_label: str = ""
    target_name: str = ""
    ids: str = ""


COLUMNS = tuple(f.name for f in fields(ReviewRow))


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """The catalogue with the decisions added, and one line per change made."""

    catalogue: Catalogue
    changes: tuple[str, ...]
    decisions: int = 0  # rows with a decision (those already in the catalogue change nothing)


# -- listing ------------------------------------------------------------------------------


def review_rows(G: nx.MultiDiGraph, *, limit: int | None = None) -> list[ReviewRow]:
    """What in ``G`` most needs a human look, most useful first (deterministic order).

    Args:
        G: a built or read-back graph.
        limit: keep at most this many rows.
    """
    # An entity made by hand (kg cypher --write) may have no name: it is shown by its id.
    entities = {
        nid: data if data.get("name") else {**data, "name": nid}
        for nid, data in G.nodes(data=True) if data.get("label") not in (None, "Document")
    }
    mentions: dict[str, list[dict]] = {nid: [] for nid in entities}
    for _s, t, data in G.edges(data=True):
        if data.get("type") == "MENTIONS" and t in mentions:
            mentions[t].extend(edge_evidence(data))
    for evs in mentions.values():
        evs.sort(key=lambda e: (-float(e.get("confidence") or 0), e["document"], int(e.get("start") or 0)))
    context = _contexts(G, entities, mentions)

    rows = _low_confidence(G, entities)
    rows += _ambiguous(entities, context)
    rows += _near_duplicates(entities, context)
    rows += _uncertain_labels(entities, mentions, context)
    rows += _seen_once(G, entities, mentions, context)
    return rows[:limit] if limit is not None else rows


def _first(evs: list[dict]) -> tuple[str, str]:
    return (evs[0]["quote"], evs[0]["document"]) if evs else ("", "")


def _contexts(G: nx.MultiDiGraph, entities: dict, mentions: dict) -> dict[str, tuple[str, str]]:
    """(quote, document) per entity: a fact's quote shows a name in context better than the bare
    mention, so the most confident fact's quote wins; else the sentence resolution kept for the
    name (``context``); else the best mention."""
    context: dict[str, tuple[str, str]] = {}
    for s, t, data in sorted(iter(G.edges(data=True)), key=lambda e: (-e[2].get("confidence", 0), e[0], e[2]["type"], e[1])):
        if data.get("type") == "MENTIONS" or data.get("curated"):
            continue
        evs = edge_evidence(data)
        for nid in (s, t):
            # A quote that is only the name itself shows nothing of its context.
            if evs and nid in entities and normalise(evs[0]["quote"]) != normalise(entities[nid]["name"]):
                context.setdefault(nid, (evs[0]["quote"], evs[0]["document"]))
    for nid, data in entities.items():
        if nid not in context and data.get("context"):
            context[nid] = (data["context"], data.get("context_document", ""))
    for nid, evs in mentions.items():
        if evs and nid not in context:
            context[nid] = _first(evs)
    return context


def _ambiguous(entities: dict, context: dict) -> list[ReviewRow]:
    """Short forms resolution left apart because two or more longer names fit them."""
    rows = []
    for nid, data in sorted(entities.items()):
        candidates = [c for c in data.get("may_be") or [] if c]
        if not candidates or data.get("curated"):
            continue
        quote, doc = _context(context, nid)
        rows.append(ReviewRow(
            kind=KINDS[1],
            what=f"{data['label']} '{data['name']}' may be short for {' or '.join(repr(c) for c in candidates)}; "
                 "kept apart (merge into the one meant, or accept)",
            evidence=quote, document=doc, label=data["label"], name=data["name"], ids=nid,
        ))
    return rows


def _context(context: dict, nid: str) -> tuple[str, str]:
    return context.get(nid, ("", ""))


def _low_confidence(G: nx.MultiDiGraph, entities: dict) -> list[ReviewRow]:
    rows = []
    for s, t, data in sorted(iter(G.edges(data=True)), key=lambda e: (e[2].get("confidence", 0), e[0], e[2]["type"], e[1])):
        if data.get("type") == "MENTIONS" or not data.get("low_confidence") or s not in entities or t not in entities:
            continue
        src, tgt = entities[s], entities[t]
        evs = sorted(edge_evidence(data), key=lambda e: (-float(e.get("confidence") or 0), e["document"]))
        quote, doc = _first(evs)
        rows.append(ReviewRow(
            kind=KINDS[0],
            what=f"{src['name']} {data['type']} {tgt['name']} (confidence {data.get('confidence')})",
            evidence=quote, document=doc, edge_type=data["type"],
            source_label=src["label"], source_name=src["name"], target_label=tgt["label"], target_name=tgt["name"],
            ids=f"{s}|{data['type']}|{t}",
        ))
    return rows


def _near_duplicates(entities: dict, context: dict) -> list[ReviewRow]:
    rows = []
    by_label: dict[str, list[tuple[str, str, frozenset]]] = {}
    for nid, data in sorted(entities.items()):
        key = normalise(data["name"])
        by_label.setdefault(data["label"], []).append((nid, key, frozenset(key.split())))
    for label, items in sorted(by_label.items()):
        for i, (a, ka, ta) in enumerate(items):
            for b, kb, tb in items[i + 1:]:
                if entities[a].get("curated") and entities[b].get("curated"):
                    continue  # both already fixed by the user
                if not _similar(ka, ta, kb, tb):
                    continue
                # Suggest merging the shorter name into the longer (fuller) one.
                short, full = (a, b) if (len(ka), ka) < (len(kb), kb) else (b, a)
                quote, doc = _context(context, short)
                rows.append(ReviewRow(
                    kind=KINDS[2],
                    what=f"{label} '{entities[short]['name']}' may be the same as '{entities[full]['name']}'",
                    evidence=quote, document=doc, label=label, name=entities[short]["name"],
                    other=entities[full]["name"], ids=f"{short} {full}",
                ))
    return rows


def _similar(ka: str, ta: frozenset, kb: str, tb: frozenset) -> bool:
    if not ka or not kb or _numbers(ka) != _numbers(kb):
        return False  # "Cell 2" and "Cell 3" are two things, however alike they look
    if fuzz.ratio(ka, kb) >= NEAR_DUPLICATE:
        return True
    # One name is all of the other's words and more ("Hollybank" / "Hollybank Foundation").
    small, big = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    return bool(small) and small < big and max(len(w) for w in small) >= 4


def _numbers(key: str) -> list[str]:
    return re.findall(r"\d+", key)


def _uncertain_labels(entities: dict, mentions: dict, context: dict) -> list[ReviewRow]:
    labels_of: dict[str, set[str]] = {}
    for data in entities.values():
        labels_of.setdefault(normalise(data["name"]), set()).add(data["label"])
    rows = []
    for nid, data in sorted(entities.items()):
        if data.get("curated"):
            continue
        evs = mentions.get(nid, [])
        best = max((float(e.get("confidence") or 0) for e in evs), default=1.0)
        others = sorted(labels_of[normalise(data["name"])] - {data["label"]})
        if others:
            why = f"also found as {', '.join(others)}"
        elif best <= UNCERTAIN_LABEL and data["label"] != "Concept":
            why = f"label guessed by rule {evs[0].get('rule')} (confidence {best})"
        else:
            continue
        quote, doc = _context(context, nid)
        rows.append(ReviewRow(
            kind=KINDS[3], what=f"'{data['name']}' labelled {data['label']}: {why}", evidence=quote, document=doc,
            label=data["label"], name=data["name"], ids=nid,
        ))
    return rows


def _seen_once(G: nx.MultiDiGraph, entities: dict, mentions: dict, context: dict) -> list[ReviewRow]:
    rows = []
    for nid, data in sorted(entities.items()):
        evs = mentions.get(nid, [])
        # A meeting is seen once by nature: each note records one.
        if data.get("curated") or len(evs) != 1 or data.get("label") == "Meeting":
            continue
        facts = sum(1 for _s, _t, d in G.in_edges(nid, data=True) if d.get("type") != "MENTIONS")
        facts += sum(1 for _s, _t, d in G.out_edges(nid, data=True) if d.get("type") != "MENTIONS")
        quote, doc = _context(context, nid)
        rows.append(ReviewRow(
            kind=KINDS[4], what=f"{data['label']} '{data['name']}' is mentioned once ({facts} fact(s))",
            evidence=quote, document=doc, label=data["label"], name=data["name"], ids=nid,
        ))
    return rows


# -- CSV ----------------------------------------------------------------------------------


def write_review(rows: Iterable[ReviewRow], out: TextIO) -> None:
    """Write review rows as CSV with a header row (the columns in :data:`COLUMNS`)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: sheet_text(v) for k, v in asdict(row).items()})


def read_review(path: str | Path) -> list[ReviewRow]:
    """Read a review CSV back (as written by :func:`write_review`, perhaps edited in a spreadsheet).

    Raises:
        UsageError: the file cannot be read or lacks the review columns.
    """
    path = Path(path)
    try:
        # utf-8-sig: spreadsheets often save a byte-order mark.
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ("kind", "decision", "value", "label", "name", "edge_type") if c not in (reader.fieldnames or [])]
            if missing:
                raise UsageError(f"{path} is not a review file: it lacks the column(s) {', '.join(missing)}; "
                                 f"make one with kg review -o {path.name}")
            return [ReviewRow(**{c: sheet_plain((rec.get(c) or "").strip()) for c in COLUMNS}) for rec in reader]
    except OSError as exc:
        raise UsageError(f"cannot read review file {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"{path} is not a UTF-8 CSV file ({exc}); save it from the spreadsheet as CSV UTF-8") from exc


# -- applying decisions --------------------------------------------------------------------


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
            ignore=tuple(self.ignore), edges=tuple(self.edges), path=path, reject=tuple(self.reject),
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
    nid = next((n for n, d in sorted(G.nodes(data=True)) if d.get("label") == label
                and key in {normalise(f) for f in [d.get("name") or "", *(d.get("aliases") or [])]}), None)
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
    from rapidfuzz import process

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

