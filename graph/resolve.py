"""Resolution: the surface forms of one entity, across sections and documents, become one node.

Entities arrive already merged within their section by extraction (first names, abbreviations,
headings). Here they merge across sections and documents when they share a normalised name or
a global alias, and when two names differ only by a small spelling slip ("Hollins-Pike" /
"Hollins Pyke"). A user's catalogue entries take part too and always give the canonical name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from loaders.catalogue import Catalogue
from loaders.names import normalise
from loaders.records import Entity

from .ids import node_id

__all__ = ["Resolution", "ResolvedNode", "resolve"]

# Labels whose names are proper names, where a one-letter slip is a misspelling, not another thing.
_FUZZY_LABELS = frozenset({"Person", "Organisation", "Publication", "Cell"})
_FUZZY_MIN = 9  # shorter names differ by a letter too often to be the same name misspelt
_FUZZY_SLIPS = 2  # the most slips allowed (in names of 16 characters or more)


@dataclass(frozen=True, slots=True)
class ResolvedNode:
    """One entity node: canonical name, every other surface form, and what it is known from."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    curated: bool
    attrs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """Nodes, and the node each (document, section, label, name) entity became."""

    nodes: dict[str, ResolvedNode]
    node_of: dict[tuple[str, int, str, str], str]


def _global_keys(label: str, name: str, aliases: Iterable[str]) -> set[str]:
    keys = {normalise(name)}
    for alias in aliases:
        key = normalise(alias)
        # A first name alone is only an in-section reference, never a reason to merge people.
        if label == "Person" and len(key.split()) < 2:
            continue
        if len(key) >= 2:
            keys.add(key)
    keys.discard("")
    return keys


def _close(a: str, b: str) -> bool:
    """True when two normalised names are the same name with a small slip of spelling."""
    shorter = min(len(a), len(b))
    if a[:1] != b[:1] or shorter < _FUZZY_MIN:
        return False
    allowed = 1 if shorter < 16 else _FUZZY_SLIPS
    # Spaces count as slips too: "newnes smith" vs "newness smith" is one insertion.
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index wins so the result does not depend on merge order.
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(
    entities: Iterable[tuple[str, Entity]],
    catalogue: Catalogue | None = None,
) -> Resolution:
    """Merge ``(document id, entity)`` pairs into nodes.

    Args:
        entities: every entity of every section, with the id of its document.
        catalogue: the user's known entities and names to ignore.

    Returns:
        The nodes and, for each input entity, the id of the node it became.
    """
    catalogue = catalogue or Catalogue()
    ignored = frozenset(normalise(n) for n in catalogue.ignore)
    # Items: (label, name, aliases, curated, attrs, key-of-origin or None). Catalogue first so it wins ties.
    items: list[tuple[str, str, tuple[str, ...], bool, tuple, tuple | None]] = []
    for ce in catalogue.entities:
        items.append((ce.label, ce.name, ce.aliases, True, (), None))
    for doc_id, ent in sorted(entities, key=lambda p: (p[0], p[1].section, p[1].label, p[1].name)):
        if normalise(ent.name) in ignored:
            continue
        aliases = tuple(a for a in ent.aliases if normalise(a) not in ignored)
        items.append((ent.label, ent.name, aliases, False, ent.attrs, (doc_id, ent.section, ent.label, ent.name)))

    uf = _UnionFind(len(items))
    owner: dict[tuple[str, str], int] = {}
    for i, (label, name, aliases, _, _, _) in enumerate(items):
        for key in sorted(_global_keys(label, name, aliases)):
            j = owner.setdefault((label, key), i)
            if j != i:
                uf.union(i, j)

    _merge_short_forms(items, uf)

    # Fuzzy pass over distinct normalised names, blocked by label and first letter, and within a
    # block only between names whose lengths differ by no more than the slips _close allows.
    by_block: dict[tuple[str, str], list[tuple[int, str, int]]] = defaultdict(list)
    for (label, key), i in sorted(owner.items()):
        if label in _FUZZY_LABELS and len(key) >= _FUZZY_MIN:
            by_block[(label, key[:1])].append((len(key), key, i))
    for block in by_block.values():
        block.sort()
        for x, (length, key, i) in enumerate(block):
            for y in range(x + 1, len(block)):
                other_length, other, j = block[y]
                if other_length - length > _FUZZY_SLIPS:
                    break
                if _close(key, other):
                    uf.union(i, j)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[uf.find(i)].append(i)

    nodes: dict[str, ResolvedNode] = {}
    node_of: dict[tuple[str, int, str, str], str] = {}
    for members in clusters.values():
        label = items[members[0]][0]
        curated = [items[i][1] for i in members if items[i][3]]
        counts = Counter(items[i][1] for i in members)
        # The canonical name: the user's, else the fullest form (no other form extends it), and
        # among those the one used in most sections (the usual spelling), else the longest.
        full = [n for n in counts if not _extended(n, counts)] or list(counts)
        name = curated[0] if curated else min(full, key=lambda n: (-counts[n], -len(n), n))
        forms = {items[i][1] for i in members} | {a for i in members for a in items[i][2]}
        aliases = tuple(sorted({f for f in forms if f != name}, key=lambda s: (s.casefold(), s)))
        nid = node_id(label, name)
        attrs = _merge_attrs(items[i][4] for i in members)
        if nid in nodes:  # two clusters that slug alike: merge rather than overwrite
            prev = nodes[nid]
            aliases = tuple(sorted(set(prev.aliases) | set(aliases), key=lambda s: (s.casefold(), s)))
            attrs = _merge_attrs([prev.attrs, attrs])
            curated = curated or ([prev.name] if prev.curated else [])
        nodes[nid] = ResolvedNode(nid, label, name, aliases, bool(curated), attrs)
        for i in members:
            if items[i][5] is not None:
                node_of[items[i][5]] = nid
    return Resolution(nodes=nodes, node_of=node_of)


def _extended(name: str, others) -> bool:
    """True when another form starts with all of this one's words and has more."""
    tokens = normalise(name).split()
    for other in others:
        longer = normalise(other).split()
        if len(longer) > len(tokens) and longer[: len(tokens)] == tokens:
            return True
    return False


def _merge_short_forms(items: list, uf: _UnionFind) -> None:
    """Within one document, an organisation named by the start of exactly one longer name is it.

    "Hollybank" after "Hollybank Foundation" in the same document is the foundation; when two
    longer names start the same way ("Greenway Trust", "Greenway Housing") it stays apart.
    """
    by_doc: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for i, item in enumerate(items):
        if item[0] == "Organisation" and item[5] is not None:
            by_doc[item[5][0]].append((tuple(normalise(item[1]).split()), i))
    for entries in by_doc.values():
        names: dict[tuple[str, ...], int] = {}
        for tokens, i in entries:
            names.setdefault(tokens, i)
        for short, i in entries:
            # An acronym that starts a longer name is usually a different body ("NHS" / "NHS England").
            if not short or len(" ".join(short)) < 3 or items[i][1].isupper():
                continue
            longer = {t for t in names if len(t) > len(short) and t[: len(short)] == short}
            if len(longer) == 1:
                j = names[longer.pop()]
                # Only a capitalised rest makes one proper name ("Hollybank Foundation"); a lower-case
                # rest is a description ("the Hollybank network") that the text may mean differently.
                rest = items[j][1].split()[len(items[i][1].split()):]
                if rest and all(word[:1].isupper() for word in rest):
                    uf.union(i, j)


def _merge_attrs(groups: Iterable[tuple[tuple[str, str], ...]]) -> tuple[tuple[str, str], ...]:
    merged: dict[str, str] = {}
    for group in groups:
        for key, value in group:
            if key == "salience":
                # A concept is core for the graph if any note is about it.
                if merged.get(key) != "core":
                    merged[key] = value
            else:
                merged.setdefault(key, value)
    return tuple(sorted(merged.items()))
