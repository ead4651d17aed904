"""Reading answers out of a stored graph: its statistics and one entity's card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loaders.errors import UsageError
from loaders.records import ENTITY_LABELS

from .export import BUILD_LABEL
from .model import edge_evidence

__all__ = ["EdgeView", "EntityCard", "GraphStats", "entity_card", "find_entities", "graph_stats"]




@dataclass(frozen=True, slots=True)
class GraphStats:
    """Counts per node label and edge type, and the record of the build that made the graph."""

    labels: dict[str, int]
    edge_types: dict[str, int]
    build: dict[str, Any]


@dataclass(frozen=True, slots=True)
class EdgeView:
    """One edge seen from an entity: direction, the other end, properties and evidence."""

    type: str
    outgoing: bool
    other_id: str
    other_label: str
    other_name: str
    properties: dict[str, Any]
    evidence: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class EntityCard:
    """Everything the graph says about one entity."""

    id: str
    label: str
    name: str
    aliases: list[str]
    properties: dict[str, Any]
    edges: list[EdgeView]


def graph_stats(store) -> GraphStats:
    """Counts per label and edge type of the stored graph, and how it was built."""
    labels = store.run(
        f"MATCH (n) WHERE NOT n:{BUILD_LABEL} RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label"
    )
    types = store.run("MATCH ()-[e]->() RETURN type(e) AS type, count(e) AS n ORDER BY type")
    build = store.run(f"MATCH (b:{BUILD_LABEL}) RETURN properties(b) AS build")
    return GraphStats(
        labels={row[0]: row[1] for row in labels.rows},
        edge_types={row[0]: row[1] for row in types.rows},
        build=dict(build.rows[0][0]) if build.rows else {},
    )


def entity_names(store) -> dict[tuple[str, str], str]:
    """Every entity's name and aliases, as ``(label, normalised form) -> the entity's name``."""
    from loaders.names import normalise

    names: dict[tuple[str, str], str] = {}
    for label in ENTITY_LABELS:
        result = store.run(f"MATCH (n:{label}) RETURN n.name AS name, n.aliases AS aliases")
        for name, aliases in result.rows:
            for form in [name, *(aliases or [])]:
                if form:
                    names.setdefault((label, normalise(form)), name or form)
    return names


def find_entities(store, name: str) -> list[dict[str, Any]]:
    """Entities whose name or an alias equals ``name``, ignoring case; best matches first."""
    # One scan per entity label: a scan of every node would also read every Document, and a
    # large graph has far more documents and sections than entities. Case is folded by the
    # store alone: Python's lower() and Cypher's toLower() differ on some letters ("İ"). A typed
    # straight apostrophe finds a name written with a curly one ("Children’s Society"), and back.
    fold = "replace(toLower({}), '\u2019', \"'\")"
    result = store.run(
        " UNION ALL ".join(
            f"MATCH (n:{label}) "
            f"WHERE {fold.format('n.name')} = {fold.format('$q')} "
            f"OR any(a IN n.aliases WHERE {fold.format('a')} = {fold.format('$q')}) "
            "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.aliases AS aliases, "
            "coalesce(toLower(n.name) = toLower($q), false) AS exact"
            for label in ENTITY_LABELS
        ),
        {"q": name.strip()},
    )
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    # An exact name beats an alias: "Sam" the person named Sam before Sam Brown whose alias it is.
    return sorted(rows, key=lambda r: (not r["exact"], r["id"]))


def _suggestions(store, name: str, limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process

    result = store.run(f"MATCH (n) WHERE NOT n:{BUILD_LABEL} AND NOT n:Document RETURN n.name AS name")
    names = sorted({row[0] for row in result.rows if row[0]})
    matches = process.extract(name, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [m[0] for m in matches]


def resolve_entity(store, name: str, kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    """The one entity ``name`` refers to; of those ``kinds`` (labels), when some of them are.

    Raises:
        UsageError: no entity has that name or alias (with suggestions), or several do (listed).
    """
    found = find_entities(store, name)
    if kinds and any(r["label"] in kinds for r in found):
        # "Riverside Learning" is a concept and an organisation: a query of organisations means the latter
        found = [r for r in found if r["label"] in kinds]
    if not found:
        hint = _suggestions(store, name)
        more = f" Did you mean: {', '.join(hint)}?" if hint else " Run `kg stats` to see what the graph holds."
        raise UsageError(f"no entity is called '{name}'.{more}")
    exact = [r for r in found if r["exact"]]
    if len(exact) == 1:
        return exact[0]
    if len(found) > 1:
        listed = "; ".join(f"{r['name'] or r['id']} ({r['label']}, id {r['id']})" for r in found)
        # names that differ only in case cannot tell the entities apart: only the id can
        hint = "Use the id." if len(exact) > 1 else "Use the full name or the id."
        raise UsageError(f"'{name}' could mean several entities: {listed}. {hint}")
    return found[0]


def entity_card(store, name: str) -> EntityCard:
    """The card for the entity called ``name`` (or with that alias, or that id)."""
    by_id = store.run(
        f"MATCH (n {{id: $id}}) WHERE NOT n:{BUILD_LABEL} RETURN n.id AS id, labels(n)[0] AS label", {"id": name}
    )
    nid = by_id.rows[0][0] if by_id.rows else resolve_entity(store, name)["id"]
    node = store.run(
        "MATCH (n {id: $id}) RETURN labels(n)[0] AS label, properties(n) AS props", {"id": nid}
    ).rows[0]
    props = dict(node[1])
    edges: list[EdgeView] = []
    for outgoing, pattern in ((True, "(n {id: $id})-[e]->(m)"), (False, "(n {id: $id})<-[e]-(m)")):
        result = store.run(
            f"MATCH {pattern} RETURN type(e) AS type, m.id AS id, labels(m)[0] AS label, "
            "m.name AS name, properties(e) AS props ORDER BY type, id",
            {"id": nid},
        )
        for etype, mid, mlabel, mname, eprops in result.rows:
            eprops = dict(eprops)
            edges.append(
                EdgeView(
                    type=etype,
                    outgoing=outgoing,
                    other_id=mid,
                    other_label=mlabel,
                    other_name=mname or mid,
                    properties={k: v for k, v in eprops.items()
                                if k in ("title", "status", "confidence", "count", "curated", "low_confidence")},
                    evidence=edge_evidence(eprops),
                )
            )
    edges.sort(key=lambda e: (e.type == "MENTIONS", e.type, not e.outgoing, e.other_name.lower(), e.other_id))
    return EntityCard(
        id=nid,
        label=node[0],
        name=props.get("name", nid),
        aliases=list(props.get("aliases") or []),
        properties={k: v for k, v in props.items() if k not in ("id", "name", "aliases")},
        edges=edges,
    )
