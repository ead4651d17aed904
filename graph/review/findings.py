"""What most needs a human look, as rows of a sheet the user fills in.

``review_rows(G)`` lists low-confidence edges, near-duplicate names, entities whose label is
uncertain and entities seen once, most useful first. ``write_review`` / ``read_review`` are a
named pair for the CSV a spreadsheet opens; the user fills the ``decision`` column (accept,
reject, merge into, rename, relabel) and ``value``, and :mod:`graph.review.decisions` turns
those into catalogue entries.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TextIO

import networkx as nx
from rapidfuzz import fuzz

from graph.model.assemble import edge_evidence
from graph.query.tables import sheet_plain, sheet_text
from loaders.errors import UsageError
from loaders.names import normalise

__all__ = [
    "COLUMNS",
    "DECISIONS",
    "KINDS",
    "ReviewRow",
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
        for nid, data in G.nodes(data=True)
        if data.get("label") not in (None, "Document")
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
    for s, t, data in sorted(
        iter(G.edges(data=True)), key=lambda e: (-e[2].get("confidence", 0), e[0], e[2]["type"], e[1])
    ):
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
        what = (
            f"{data['label']} '{data['name']}' may be short for {' or '.join(repr(c) for c in candidates)}; "
            "kept apart (merge into the one meant, or accept)"
        )
        rows.append(_entity_row(KINDS[1], what, nid, data, context))
    return rows


def _context(context: dict, nid: str) -> tuple[str, str]:
    return context.get(nid, ("", ""))


def _entity_row(kind: str, what: str, nid: str, data: dict, context: dict) -> ReviewRow:
    """A row about one entity, shown in its best context."""
    quote, doc = _context(context, nid)
    return ReviewRow(
        kind=kind, what=what, evidence=quote, document=doc, label=data["label"], name=data["name"], ids=nid
    )


def _low_confidence(G: nx.MultiDiGraph, entities: dict) -> list[ReviewRow]:
    rows = []
    for s, t, data in sorted(
        iter(G.edges(data=True)), key=lambda e: (e[2].get("confidence", 0), e[0], e[2]["type"], e[1])
    ):
        if data.get("type") == "MENTIONS" or not data.get("low_confidence") or s not in entities or t not in entities:
            continue
        src, tgt = entities[s], entities[t]
        evs = sorted(edge_evidence(data), key=lambda e: (-float(e.get("confidence") or 0), e["document"]))
        quote, doc = _first(evs)
        rows.append(
            ReviewRow(
                kind=KINDS[0],
                what=f"{src['name']} {data['type']} {tgt['name']} (confidence {data.get('confidence')})",
                evidence=quote,
                document=doc,
                edge_type=data["type"],
                source_label=src["label"],
                source_name=src["name"],
                target_label=tgt["label"],
                target_name=tgt["name"],
                ids=f"{s}|{data['type']}|{t}",
            )
        )
    return rows


def _near_duplicates(entities: dict, context: dict) -> list[ReviewRow]:
    rows = []
    by_label: dict[str, list[tuple[str, str, frozenset]]] = {}
    for nid, data in sorted(entities.items()):
        key = normalise(data["name"])
        by_label.setdefault(data["label"], []).append((nid, key, frozenset(key.split())))
    for label, items in sorted(by_label.items()):
        for i, (a, ka, ta) in enumerate(items):
            for b, kb, tb in items[i + 1 :]:
                if entities[a].get("curated") and entities[b].get("curated"):
                    continue  # both already fixed by the user
                if not _similar(ka, ta, kb, tb):
                    continue
                # Suggest merging the shorter name into the longer (fuller) one.
                short, full = (a, b) if (len(ka), ka) < (len(kb), kb) else (b, a)
                quote, doc = _context(context, short)
                rows.append(
                    ReviewRow(
                        kind=KINDS[2],
                        what=f"{label} '{entities[short]['name']}' may be the same as '{entities[full]['name']}'",
                        evidence=quote,
                        document=doc,
                        label=label,
                        name=entities[short]["name"],
                        other=entities[full]["name"],
                        ids=f"{short} {full}",
                    )
                )
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
        rows.append(_entity_row(KINDS[3], f"'{data['name']}' labelled {data['label']}: {why}", nid, data, context))
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
        what = f"{data['label']} '{data['name']}' is mentioned once ({facts} fact(s))"
        rows.append(_entity_row(KINDS[4], what, nid, data, context))
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
            missing = [
                c
                for c in ("kind", "decision", "value", "label", "name", "edge_type")
                if c not in (reader.fieldnames or [])
            ]
            if missing:
                raise UsageError(
                    f"{path} is not a review file: it lacks the column(s) {', '.join(missing)}; "
                    f"make one with kg review -o {path.name}"
                )
            return [ReviewRow(**{c: sheet_plain((rec.get(c) or "").strip()) for c in COLUMNS}) for rec in reader]
    except OSError as exc:
        raise UsageError(f"cannot read review file {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"{path} is not a UTF-8 CSV file ({exc}); save it from the spreadsheet as CSV UTF-8") from exc
