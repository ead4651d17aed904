"""What changed between two builds: entities and connections added and removed, funding ended.

:func:`diff_graphs` compares two export documents (as :func:`graph.exchange.canonical_json.to_json_data` makes
them, or as :func:`graph.history.builds.load_build` loads them) and returns a :class:`GraphDiff` of
plain records with their evidence; :func:`diff_markdown` renders it for a board paper. Both are
pure. Entities are matched by id, connections by (source, type, target); MENTIONS edges and
document sections are left out (new documents are listed on their own), because which note
names whom is the evidence, not the news.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.model.assemble import SYMMETRIC
from graph.query.tables import markdown_text
from loaders.names import normalise

__all__ = ["CHANGE_KEYS", "GraphDiff", "diff_graphs", "diff_markdown"]

# Edge attributes whose change is news (a funding that ended, a new job title).
CHANGE_KEYS = ("status", "title")
_IGNORED_EDGES = frozenset({"MENTIONS"})
# How each label is headed in the markdown, in the order a reader wants them.
_HEADINGS = {
    "Person": "people",
    "Organisation": "organisations",
    "Concept": "ideas",
    "Meeting": "meetings",
    "Cell": "cells",
    "Place": "places",
    "Publication": "publications",
}
_VERBS = {
    "SPOKE_AT": "spoke at",
    "CHAIRED": "chaired",
    "ATTENDED": "attended",
    "LEADS": "leads",
    "ROLE_AT": "has a role at",
    "MEMBER_OF": "is a member of",
    "FUNDED": "funded",
    "PARTNERED_WITH": "partnered with",
    "PART_OF": "is part of",
    "DISCUSSED": "discussed",
    "AUTHORED": "wrote",
    "LOCATED_IN": "is in",
}
_MAX_QUOTES = 3


@dataclass(frozen=True)
class GraphDiff:
    """Changes from an old graph to a new one; every tuple is sorted.

    Entity records are the export's node records. Connection records are the export's edge
    records plus ``source_name``, ``source_label``, ``target_name``, ``target_label``; changed
    connections (in the new graph's form) also carry ``changes``: ``{key: [old, new]}``.
    Documents are file paths.
    """

    added_nodes: tuple[dict[str, Any], ...] = ()
    removed_nodes: tuple[dict[str, Any], ...] = ()
    added_edges: tuple[dict[str, Any], ...] = ()
    removed_edges: tuple[dict[str, Any], ...] = ()
    changed_edges: tuple[dict[str, Any], ...] = ()
    added_documents: tuple[str, ...] = ()
    removed_documents: tuple[str, ...] = ()
    changed_documents: tuple[str, ...] = ()  # same path, other content
    # (old entity, the new one it joined): a name that became another entity's alias
    merged_nodes: tuple[tuple[dict[str, Any], dict[str, Any]], ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not any(
            (
                self.added_nodes,
                self.removed_nodes,
                self.added_edges,
                self.removed_edges,
                self.changed_edges,
                self.added_documents,
                self.removed_documents,
                self.changed_documents,
                self.merged_nodes,
            )
        )


def _entities(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in data.get("nodes", []) if n.get("label") != "Document"}


def _documents(data: dict[str, Any]) -> dict[str, str]:
    """Each file's path and content hash."""
    return {
        str(n.get("path") or n.get("name") or n["id"]): str(n.get("sha256", ""))
        for n in data.get("nodes", [])
        if n.get("label") == "Document" and n.get("kind", "file") == "file"
    }


def _merges(old_nodes: dict[str, dict], new_nodes: dict[str, dict]) -> dict[str, str]:
    """Old entities gone from the new graph whose name is now one new entity's alias (or name):
    merged, usually by a review decision, not gone from the world."""
    by_form: dict[tuple[str, str], set[str]] = {}
    for nid, node in new_nodes.items():
        for form in [node.get("name") or "", *(node.get("aliases") or [])]:
            by_form.setdefault((node.get("label", ""), normalise(form)), set()).add(nid)
    merged = {}
    for nid in old_nodes.keys() - new_nodes.keys():
        node = old_nodes[nid]
        found = by_form.get((node.get("label", ""), normalise(node.get("name") or "")), set())
        if len(found) == 1:
            merged[nid] = next(iter(found))
    return merged


def _edges(data: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    nodes = {n["id"]: n for n in data.get("nodes", [])}
    out = {}
    for e in data.get("edges", []):
        if e["type"] in _IGNORED_EDGES:
            continue
        s, t = nodes.get(e["source"], {}), nodes.get(e["target"], {})
        rec = dict(e)
        rec.update(
            source_name=s.get("name") or e["source"],
            source_label=s.get("label", ""),
            target_name=t.get("name") or e["target"],
            target_label=t.get("label", ""),
        )
        out[(e["source"], e["type"], e["target"])] = rec
    return out


def _edge_order(e: dict[str, Any]) -> tuple:
    return (e["type"], e["source_name"], e["target_name"], e["source"], e["target"])


def _node_order(n: dict[str, Any]) -> tuple:
    return (n.get("label", ""), str(n.get("name", "")).casefold(), n["id"])


def diff_graphs(old: dict[str, Any], new: dict[str, Any]) -> GraphDiff:
    """The entities, connections and documents added and removed, and connections whose status
    or title changed, from export document ``old`` to ``new``."""
    old_nodes, new_nodes = _entities(old), _entities(new)
    merged = _merges(old_nodes, new_nodes)
    old_edges, new_edges = _edges(old), _edges(new)
    # The old graph's facts of a merged entity are compared as the entity it joined: "Riverside
    # funded X" and "Riverside Trust funded X" are one fact, neither new nor gone.
    remapped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for (s, etype, t), rec in sorted(old_edges.items()):
        s, t = merged.get(s, s), merged.get(t, t)
        if etype in SYMMETRIC and t < s:
            s, t = t, s
        remapped.setdefault((s, etype, t), rec)
    old_edges = remapped
    changed = []
    for key in sorted(old_edges.keys() & new_edges.keys()):
        before, after = old_edges[key], new_edges[key]
        changes = {k: [before.get(k), after.get(k)] for k in CHANGE_KEYS if before.get(k) != after.get(k)}
        if changes:
            changed.append({**after, "changes": changes})
    old_docs, new_docs = _documents(old), _documents(new)
    return GraphDiff(
        # an entity that other names joined is listed as their merge, not as news (a renamed one too)
        added_nodes=tuple(
            sorted((new_nodes[k] for k in new_nodes.keys() - old_nodes.keys() - set(merged.values())), key=_node_order)
        ),
        removed_nodes=tuple(
            sorted((old_nodes[k] for k in old_nodes.keys() - new_nodes.keys() - merged.keys()), key=_node_order)
        ),
        added_edges=tuple(sorted((new_edges[k] for k in new_edges.keys() - old_edges.keys()), key=_edge_order)),
        removed_edges=tuple(sorted((old_edges[k] for k in old_edges.keys() - new_edges.keys()), key=_edge_order)),
        changed_edges=tuple(sorted(changed, key=_edge_order)),
        added_documents=tuple(sorted(new_docs.keys() - old_docs.keys())),
        removed_documents=tuple(sorted(old_docs.keys() - new_docs.keys())),
        changed_documents=tuple(sorted(d for d in old_docs.keys() & new_docs.keys() if old_docs[d] != new_docs[d])),
        merged_nodes=tuple(
            sorted(((old_nodes[k], new_nodes[v]) for k, v in merged.items()), key=lambda pair: _node_order(pair[0]))
        ),
    )


# --- markdown ---------------------------------------------------------------------------------

_md = markdown_text  # short: it wraps every name and quote below


def _evidence(edge: dict[str, Any]) -> list[str]:
    lines = []
    evidence = edge.get("evidence") or []
    for ev in evidence[:_MAX_QUOTES]:
        where = _md(ev.get("document", "")) + (f" \u00a7 {_md(ev['section'])}" if ev.get("section") else "")
        quote = f"\u201c{_md(ev['quote'])}\u201d " if ev.get("quote") else ""
        lines.append(f"  - {quote}({where})")
    if len(evidence) > _MAX_QUOTES:
        lines.append(f"  - and {len(evidence) - _MAX_QUOTES} more")
    return lines


def _edge_line(edge: dict[str, Any]) -> list[str]:
    verb = _VERBS.get(edge["type"], edge["type"].lower().replace("_", " "))
    extra = []
    if edge.get("title"):
        extra.append(_md(edge["title"]))
    for key, (before, after) in sorted((edge.get("changes") or {}).items()):
        extra.append(f"{key}: {_md(before) if before else 'none'} \u2192 {_md(after) if after else 'none'}")
    if edge.get("status") and "status" not in (edge.get("changes") or {}):
        extra.append(f"status: {_md(edge['status'])}")
    if edge.get("low_confidence"):
        extra.append("low confidence")
    head = f"- **{_md(edge['source_name'])}** {verb} **{_md(edge['target_name'])}**"
    return [head + (f" ({'; '.join(extra)})" if extra else ""), *_evidence(edge)]


def _node_line(node: dict[str, Any]) -> str:
    docs = node.get("documents") or []
    extra = []
    if node.get("date"):
        extra.append(_md(node["date"]))
    if node.get("aliases"):
        extra.append("also " + ", ".join(_md(a) for a in node["aliases"]))
    line = f"- **{_md(node.get('name') or node['id'])}**" + (f" ({'; '.join(extra)})" if extra else "")
    return line + (" \u2014 in " + ", ".join(_md(d) for d in docs) if docs else "")


def _label_heading(label: str) -> str:
    return _HEADINGS.get(label, label.lower() + "s")


def _section(out: list[str], title: str, lines: list[str]) -> None:
    if lines:
        out.extend([f"## {title}", "", *lines, ""])


def diff_markdown(diff: GraphDiff, *, since: str = "", until: str = "") -> str:
    """The diff as markdown for a board paper: news first (partners, funding, people, ideas).

    Args:
        diff: from :func:`diff_graphs`.
        since: how to name the old build in the heading (e.g. its id and date).
        until: how to name the new build.
    """
    out = ["# What changed in the knowledge graph", ""]
    if since or until:
        out += [f"From {_md(since) or 'the earlier build'} to {_md(until) or 'the latest build'}.", ""]
    if diff.empty:
        return "\n".join(out + ["No changes.", ""])
    out += [
        f"Entities: {len(diff.added_nodes)} new, {len(diff.removed_nodes)} no longer found. "
        f"Connections: {len(diff.added_edges)} new, {len(diff.removed_edges)} no longer found, "
        f"{len(diff.changed_edges)} changed. Documents: {len(diff.added_documents)} new, "
        f"{len(diff.removed_documents)} removed, {len(diff.changed_documents)} changed."
        + (f" Merged: {len(diff.merged_nodes)}." if diff.merged_nodes else ""),
        "",
    ]
    added = list(diff.added_edges)
    ended = [
        e
        for e in diff.changed_edges
        if e["type"] == "FUNDED" and (e["changes"].get("status") or [None, None])[1] == "ended"
    ]
    ended += [e for e in added if e["type"] == "FUNDED" and e.get("status") == "ended"]
    shown = {id(e) for e in ended}
    _section(out, "New partners", [ln for e in added if e["type"] == "PARTNERED_WITH" for ln in _edge_line(e)])
    _section(
        out, "New funding", [ln for e in added if e["type"] == "FUNDED" and id(e) not in shown for ln in _edge_line(e)]
    )
    _section(out, "Funding ended", [ln for e in sorted(ended, key=_edge_order) for ln in _edge_line(e)])
    labels = sorted(
        {n["label"] for n in diff.added_nodes},
        key=lambda lb: (list(_HEADINGS).index(lb) if lb in _HEADINGS else 99, lb),
    )
    for label in labels:
        _section(out, f"New {_label_heading(label)}", [_node_line(n) for n in diff.added_nodes if n["label"] == label])
    other = [e for e in added if e["type"] not in ("PARTNERED_WITH", "FUNDED")]
    _section(out, "Other new connections", [ln for e in other for ln in _edge_line(e)])
    _section(
        out, "Other changed connections", [ln for e in diff.changed_edges if id(e) not in shown for ln in _edge_line(e)]
    )
    _section(
        out,
        "Merged into another entity (a review or catalogue decision)",
        [
            f"- **{_md(a.get('name') or a['id'])}** ({a['label']}) is now part of **{_md(b.get('name') or b['id'])}**"
            for a, b in diff.merged_nodes
        ],
    )
    _section(out, "Entities no longer found", [f"{_node_line(n)} ({n['label']})" for n in diff.removed_nodes])
    _section(out, "Connections no longer found", [ln for e in diff.removed_edges for ln in _edge_line(e)])
    _section(
        out,
        "Documents",
        [f"- new: {_md(d)}" for d in diff.added_documents]
        + [f"- removed: {_md(d)}" for d in diff.removed_documents]
        + [f"- changed: {_md(d)}" for d in diff.changed_documents],
    )
    return "\n".join(out).rstrip("\n") + "\n"
