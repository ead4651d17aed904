"""Reading answers out of a stored graph: its statistics and one entity's card."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from graph.model.assemble import edge_evidence
from graph.stores.graph_rows import BUILD_LABEL
from loaders.errors import UsageError
from loaders.names import normalise
from loaders.records import ENTITY_LABELS, SYMMETRIC

__all__ = [
    "EdgeView",
    "EntityCard",
    "GraphStats",
    "choose_entity",
    "entity_card",
    "entity_names",
    "find_entities",
    "find_entities_in_graph",
    "graph_entities",
    "graph_stats",
    "match_forms",
    "find_entity",
    "find_entity_in_graph",
]


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
    outgoing: bool  # stored from this entity to the other (for a symmetric type, only how it was stored)
    other_id: str
    other_label: str
    other_name: str
    properties: dict[str, Any]
    evidence: list[dict[str, Any]]

    @property
    def symmetric(self) -> bool:
        """Whether the fact reads the same both ways (partners): then it has no direction to show."""
        return self.type in SYMMETRIC


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
    for row in _all_entities(store):
        for form in [row["name"], *row["aliases"]]:
            if form:
                names.setdefault((row["label"], normalise(form)), row["name"] or form)
    return names


# -- finding an entity by what a user types: the same rules for every command ---------------
#
# A typed name finds the entities whose name or an alias equals it ignoring case (and straight
# against curly apostrophes); when none does, those equal to it ignoring case, accents and
# punctuation as well ("Ada Hollins Pike" finds "Ada Hollins-Pike"). An id finds its entity.
# The same rules run on a store (kg show, kg query run) and on a graph read from it (kg viz,
# kg map), through the pure functions below, so every command finds the same entity.

_FOLD = "replace(toLower({}), '\u2019', \"'\")"


def _fold(text: str) -> str:
    """Python's side of the store's case fold (the store's own fold decides on a store)."""
    return text.lower().replace("\u2019", "'")


def _entity_row(nid: str, label: str, name: Any, aliases: Any) -> dict[str, Any]:
    return {"id": nid, "label": label, "name": name, "aliases": list(aliases or [])}


def _all_entities(store) -> list[dict[str, Any]]:
    """Every entity of the store: id, label, name and aliases."""
    rows = []
    for label in ENTITY_LABELS:
        result = store.run(f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases")
        rows += [_entity_row(nid, label, name, aliases) for nid, name, aliases in result.rows]
    return rows


def graph_entities(G) -> list[dict[str, Any]]:
    """Every entity node of a graph (not documents): id, label, name and aliases, by id."""
    return [
        _entity_row(nid, d.get("label"), d.get("name"), d.get("aliases"))
        for nid, d in sorted(G.nodes(data=True))
        if d.get("label") in ENTITY_LABELS
    ]


def match_forms(name: str, entities: Iterable[dict[str, Any]], key: Callable[[str], str]) -> list[dict[str, Any]]:
    """The entities with a name or alias whose ``key`` equals that of ``name``, each marked
    ``exact`` when it is the entity's name (not an alias) that does."""
    wanted = key(name.strip())
    found = []
    for row in entities:
        forms = [row["name"] or "", *row["aliases"]]
        if wanted and any(key(form) == wanted for form in forms if form):
            found.append({**row, "exact": bool(row["name"]) and key(row["name"]) == wanted})
    return sorted(found, key=lambda r: (not r["exact"], r["id"]))


def _close_names(name: str, names: Iterable[str], limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process

    matches = process.extract(
        name, sorted(set(n for n in names if n)), scorer=fuzz.WRatio, limit=limit, score_cutoff=70
    )
    return [m[0] for m in matches]


def choose_entity(
    name: str, found: list[dict[str, Any]], kinds: tuple[str, ...], suggest: Callable[[], list[str]]
) -> dict[str, Any]:
    """The one entity of ``found`` (see :func:`match_forms`) that ``name`` means; of those
    ``kinds`` when some of them are.

    Raises:
        UsageError: none was found (with the close names ``suggest`` gives), or several were.
    """
    if kinds and any(r["label"] in kinds for r in found):
        # "Riverside Learning" is a concept and an organisation: a query of organisations means the latter
        found = [r for r in found if r["label"] in kinds]
    if not found:
        hint = suggest()
        more = f" Did you mean: {', '.join(hint)}?" if hint else " Run `kg stats` to see what the graph holds."
        raise UsageError(f"no entity is called '{name}'.{more}")
    exact = [r for r in found if r["exact"]]
    if len(exact) == 1 or len(found) == 1:
        return exact[0] if exact else found[0]
    listed = "; ".join(f"{r['name'] or r['id']} ({r['label']}, id {r['id']})" for r in found)
    # names that differ only in case cannot tell the entities apart: only the id can
    hint = "Use the id." if len(exact) > 1 else "Use the full name or the id."
    raise UsageError(f"'{name}' could mean several entities: {listed}. {hint}")


def find_entities(store, name: str) -> list[dict[str, Any]]:
    """Entities whose name or an alias is ``name`` (see above); best matches first."""
    # One scan per entity label: a scan of every node would also read every Document, and a
    # large graph has far more documents and sections than entities. Case is folded by the
    # store alone: Python's lower() and Cypher's toLower() differ on some letters ("İ"). A typed
    # straight apostrophe finds a name written with a curly one ("Children’s Society"), and back.
    result = store.run(
        " UNION ALL ".join(
            f"MATCH (n:{label}) "
            f"WHERE {_FOLD.format('n.name')} = {_FOLD.format('$q')} "
            f"OR any(a IN n.aliases WHERE {_FOLD.format('a')} = {_FOLD.format('$q')}) "
            "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.aliases AS aliases, "
            f"coalesce({_FOLD.format('n.name')} = {_FOLD.format('$q')}, false) AS exact"
            for label in ENTITY_LABELS
        ),
        {"q": name.strip()},
    )
    rows = [{**_entity_row(r[0], r[1], r[2], r[3]), "exact": r[4]} for r in result.rows]
    if rows:
        # An exact name beats an alias: "Sam" the person named Sam before Sam Brown whose alias it is.
        return sorted(rows, key=lambda r: (not r["exact"], r["id"]))
    # Only a name found no other way costs a read of every name (it is what suggestions need too).
    return match_forms(name, _all_entities(store), normalise)


def find_entities_in_graph(G, name: str) -> list[dict[str, Any]]:
    """:func:`find_entities` on a graph rather than a store."""
    entities = graph_entities(G)
    return match_forms(name, entities, _fold) or match_forms(name, entities, normalise)


def _by_id(store, name: str) -> dict[str, Any] | None:
    """The entity whose id is ``name``, if any (looked up through its label's index)."""
    text = name.strip()
    if ":" not in text:  # every entity id has one; a plain name is looked up as a name at once
        return None
    # An entity id starts with its label in lower case and a colon (graph.model.ids.node_id), so the
    # label's id index can find it without reading every node.
    prefix = text.split(":", 1)[0]
    label = next((label for label in ENTITY_LABELS if label.lower() == prefix), None)
    queries = [f"MATCH (n:{label} {{id: $id}}) "] if label else []
    queries.append(f"MATCH (n {{id: $id}}) WHERE NOT n:{BUILD_LABEL} AND NOT n:Document ")
    for query in queries:
        found = store.run(
            query + "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.aliases AS aliases", {"id": text}
        )
        if found.rows:
            return {**_entity_row(*found.rows[0]), "exact": True}
    return None


def find_entity(store, name: str, kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    """The one entity ``name`` (a name, an alias or an id) refers to; of those ``kinds``
    (labels), when some of them are. Returns its ``id``, ``label``, ``name`` and ``aliases``.

    Raises:
        UsageError: no entity has that name or alias (with suggestions), or several do (listed).
    """
    by_id = _by_id(store, name)
    if by_id is not None:
        return by_id
    return choose_entity(name, find_entities(store, name), kinds, lambda: _suggestions(store, name))


def find_entity_in_graph(G, name: str, kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    """:func:`find_entity` on a graph rather than a store: the same entity for the same name."""
    text = name.strip()
    if text in G and G.nodes[text].get("label") in ENTITY_LABELS:
        d = G.nodes[text]
        return {**_entity_row(text, d.get("label"), d.get("name"), d.get("aliases")), "exact": True}
    return choose_entity(
        name, find_entities_in_graph(G, name), kinds, lambda: _close_names(name, (r["name"] for r in graph_entities(G)))
    )


def _suggestions(store, name: str, limit: int = 5) -> list[str]:
    result = store.run(f"MATCH (n) WHERE NOT n:{BUILD_LABEL} AND NOT n:Document RETURN n.name AS name")
    return _close_names(name, (row[0] for row in result.rows), limit)


def entity_card(store, name: str) -> EntityCard:
    """The card for the entity called ``name`` (or with that alias, or that id)."""
    # Any node by its id (a document's too); otherwise an entity by name, alias or id.
    by_id = store.run(
        f"MATCH (n {{id: $id}}) WHERE NOT n:{BUILD_LABEL} RETURN n.id AS id, labels(n)[0] AS label",
        {"id": name.strip()},
    )
    nid = by_id.rows[0][0] if by_id.rows else find_entity(store, name)["id"]
    node = store.run("MATCH (n {id: $id}) RETURN labels(n)[0] AS label, properties(n) AS props", {"id": nid}).rows[0]
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
                    properties={
                        k: v
                        for k, v in eprops.items()
                        if k in ("title", "status", "confidence", "count", "curated", "low_confidence")
                    },
                    evidence=edge_evidence(eprops),
                )
            )
    edges.sort(
        key=lambda e: (e.type == "MENTIONS", e.type, not (e.outgoing or e.symmetric), e.other_name.lower(), e.other_id)
    )
    return EntityCard(
        id=nid,
        label=node[0],
        name=props.get("name", nid),
        aliases=list(props.get("aliases") or []),
        properties={k: v for k, v in props.items() if k not in ("id", "name", "aliases")},
        edges=edges,
    )
