"""Resolution: the surface forms of one entity, across sections and documents, become one node.

Entities arrive already merged within their section by extraction (first names, abbreviations,
headings). Here, in order:

1. **Junk** is dropped, renamed or relabelled by the kinds of error :mod:`graph.model.junk` knows,
   judged on every use of a name in the corpus (see :mod:`graph.model.usage`). The catalogue's names
   are never judged, and an extracted name the catalogue gives another label takes that label.
2. **Same name.** Entities merge when they share a normalised name or alias, the same name
   without a leading article ("the Kestrel Trust"), the same letters closed up ("Nordwell" /
   "Nord Well"), or (ideas) the same words' stems ("co-produce" / "co-production").
3. **Short forms.** A short form merges into the one longer name it abbreviates, across
   documents, when the corpus gives no other candidate: the longer name's leading words
   ("Hollybank" / "Hollybank Foundation"), its words without a generic tail ("Hollybank
   network"), the acronym of its initials ("HF"), and, within one document, its last words
   ("the Library Hub" / "Upper Norwood Library Hub") or a heading word glued before it. When two
   longer names fit, the short form stays apart and the node lists them in ``may_be`` for
   ``kg review``.
4. **People.** A first name alone, a first name with a surname's initial ("Ada B") or a short
   first name ("Sam" / "Samuel") with the same surname merges with the one full name that fits
   in the same document.
5. **Spelling slips** ("Hollins-Pike" / "Hollins Pyke") merge.
6. **One name, one label.** A name found both as an organisation and as an idea becomes one
   node with the label most of its uses support.

The canonical name is chosen by evidence: the catalogue's; else the fullest form (not a short
form of another, not a name plus a lower-case description), then the form used most in running
text, title case over all capitals, then the longer. Every alias carries the reason it was
merged (``alias_reasons``, in the same order as ``aliases``).

The rules of each step are in :mod:`graph.model.merge_rules`; the record each entity is while
they run, and the keys that compare names, in :mod:`graph.model.forms`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph.model import forms, merge_rules
from graph.model.forms import stem_key
from graph.model.ids import node_id
from graph.model.junk import Corpus, words
from graph.model.usage import DocumentUsage, FormUse
from loaders.catalogue import Catalogue
from loaders.names import normalise
from loaders.records import Entity

__all__ = ["Resolution", "ResolvedNode", "resolve", "stem_key"]


@dataclass(frozen=True, slots=True)
class ResolvedNode:
    """One entity node: canonical name, every other surface form, and what it is known from."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    curated: bool
    attrs: tuple[tuple[str, str], ...]
    alias_reasons: tuple[str, ...] = ()  # why each alias is this entity (same order as aliases)
    may_be: tuple[str, ...] = ()  # longer names this short form may abbreviate (left apart)
    context: tuple[str, str] = ("", "")  # (document id, a sentence of it that uses the name)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Nodes, and the node each (document, section, label, name) entity became."""

    nodes: dict[str, ResolvedNode]
    node_of: dict[tuple[str, int, str, str], str]
    dropped: dict[str, str] = field(default_factory=dict)  # name -> the kind of error it is
    relabelled: frozenset[tuple[str, int, str, str]] = frozenset()  # entities now under another label


@dataclass(frozen=True, slots=True)
class _TextEvidence:
    """What the documents' text says of their names (see :mod:`graph.model.usage`), by entity
    key ``(document, section, label, name)`` or by document."""

    uses_of: dict[tuple, tuple[FormUse, ...]]
    expansions: dict[str, tuple]  # document -> the acronyms it spells out
    pairs: list[tuple[str, str, str]]  # (document, a, b): names written "a and b"
    sentence_of: dict[tuple, str]  # a sentence that uses the name
    former: list[tuple[str, str, str]]  # (document, current name, former name)
    corpus: Corpus | None  # word counts of the whole corpus; None when no text was read


def _read_evidence(usage: Iterable[DocumentUsage]) -> _TextEvidence:
    uses_of: dict[tuple, tuple[FormUse, ...]] = {}
    counts: Counter[str] = Counter()
    lower: set[str] = set()
    read = False
    expansions: dict[str, tuple] = {}
    pairs: list[tuple[str, str, str]] = []
    sentence_of: dict[tuple, str] = {}
    former: list[tuple[str, str, str]] = []
    for doc_usage in usage:
        read = True
        expansions[doc_usage.document_id] = doc_usage.expansions
        pairs.extend((doc_usage.document_id, a, b) for a, b in doc_usage.pairs)
        for (sec, label, name), quote in doc_usage.sentences.items():
            sentence_of[(doc_usage.document_id, sec, label, name)] = quote
        former.extend((doc_usage.document_id, a, b) for a, b in doc_usage.former)
        for (sec, label, name), uses in doc_usage.forms.items():
            uses_of[(doc_usage.document_id, sec, label, name)] = uses
        counts.update(doc_usage.words)
        lower |= doc_usage.lower
    corpus = Corpus(dict(counts), frozenset(lower)) if read else None
    return _TextEvidence(uses_of, expansions, pairs, sentence_of, former, corpus)


def _make_items(
    entities: Iterable[tuple[str, Entity]],
    catalogue: Catalogue,
    ignored: frozenset[str],
    uses_of: Mapping[tuple, tuple[FormUse, ...]],
    facts: Mapping[tuple[str, int, str, str], frozenset[str]],
) -> tuple[list[forms.Item], dict[str, set[str]]]:
    """One item per catalogue entry, then per extracted entity (sorted), without ignored names;
    and the catalogue's labels of each normalised name."""
    items: list[forms.Item] = []
    catalogued: dict[str, set[str]] = defaultdict(set)  # normalised name -> catalogue labels
    for ce in catalogue.entities:
        items.append(forms.Item(ce.label, ce.name, ce.aliases, True, (), None, reason="catalogue"))
        for form in (ce.name, *ce.aliases):
            catalogued[normalise(form)].add(ce.label)
    for doc_id, ent in sorted(entities, key=lambda p: (p[0], p[1].section, p[1].label, p[1].name)):
        if normalise(ent.name) in ignored:
            continue
        aliases = tuple(a for a in ent.aliases if normalise(a) not in ignored)
        key = (doc_id, ent.section, ent.label, ent.name)
        items.append(
            forms.Item(
                ent.label,
                ent.name,
                aliases,
                False,
                ent.attrs,
                key,
                uses_of.get(key, ()),
                doc_id,
                facts.get(key, frozenset()),
                tuple((m.start, m.end) for m in ent.mentions),
            )
        )
    return items, catalogued


def resolve(
    entities: Iterable[tuple[str, Entity]],
    catalogue: Catalogue | None = None,
    *,
    usage: Iterable[DocumentUsage] = (),
    facts: Mapping[tuple[str, int, str, str], frozenset[str]] | None = None,
) -> Resolution:
    """Merge ``(document id, entity)`` pairs into nodes.

    Args:
        entities: every entity of every section, with the id of its document.
        catalogue: the user's known entities and names to ignore.
        usage: how each document's text uses its names (see :mod:`graph.model.usage`); without it,
            names are judged by their mentions alone.
        facts: for each entity, the facts it takes part in (``TYPE:source`` / ``TYPE:target``).

    Returns:
        The nodes and, for each input entity, the id of the node it became.
    """
    catalogue = catalogue or Catalogue()
    ignored = frozenset(normalise(n) for n in catalogue.ignore)
    text = _read_evidence(usage)
    items, catalogued = _make_items(entities, catalogue, ignored, text.uses_of, facts or {})

    merge_rules.spell_out(items, text.expansions)
    merge_rules.join_halves(items, text.pairs)
    dropped, relabelled = merge_rules.judge_all(items, catalogued, text.corpus)
    items = [it for it in items if it.key is None or it.key not in dropped]
    uf = forms.UnionFind(len(items))
    merge_rules.merge_same_names(items, uf)
    merge_rules.merge_former_names(items, uf, text.former)
    # Twice: a short form's candidates are counted after the first round has joined the forms of
    # one longer name ("A&B Council" and "Ash & Beck Council" for "the Council").
    merge_rules.merge_short_forms(items, uf, text.corpus)
    may_be = merge_rules.merge_short_forms(items, uf, text.corpus)
    merge_rules.merge_people(items, uf)
    merge_rules.merge_spelling(items, uf)
    label_of = merge_rules.settle_labels(items, uf)

    nodes, node_of, nid_of_root = _make_nodes(items, uf, label_of, text.sentence_of)
    _name_candidates(nodes, may_be, uf, nid_of_root)
    relabelled_keys = frozenset(
        it.key
        for i, it in enumerate(items)
        if it.key is not None and (it.key in relabelled or label_of.get(uf.find(i), it.label) != it.key[2])
    )
    dropped_names = {key[3]: reason for key, reason in dropped.items()}
    return Resolution(
        nodes=nodes,
        node_of=node_of,
        dropped=dict(sorted(dropped_names.items())),
        relabelled=relabelled_keys,
    )


def _make_nodes(
    items: list[forms.Item], uf: forms.UnionFind, label_of: dict[int, str], sentence_of: dict[tuple, str]
) -> tuple[dict[str, ResolvedNode], dict[tuple[str, int, str, str], str], dict[int, str]]:
    """One node per cluster of items; the node each extracted entity became; the node of each
    cluster's root."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[uf.find(i)].append(i)
    nodes: dict[str, ResolvedNode] = {}
    node_of: dict[tuple[str, int, str, str], str] = {}
    nid_of_root: dict[int, str] = {}
    for root, members in sorted(clusters.items()):
        label = label_of.get(root, items[members[0]].label)
        name, aliases, reasons = _naming(items, members)
        curated = any(items[i].curated for i in members)
        nid = node_id(label, name)
        attrs = _merge_attrs(items[i].attrs for i in members)
        if nid in nodes:  # two clusters that slug alike: merge rather than overwrite
            prev = nodes[nid]
            pairs = dict(zip(prev.aliases, prev.alias_reasons, strict=False)) | dict(
                zip(aliases, reasons, strict=False)
            )
            pairs.pop(prev.name, None)
            aliases = tuple(sorted(pairs, key=lambda s: (s.casefold(), s)))
            reasons = tuple(pairs[a] for a in aliases)
            attrs = _merge_attrs([prev.attrs, attrs])
            curated = curated or prev.curated
            name = prev.name
        context = next(
            (
                (items[i].key[0], sentence_of[items[i].key])
                for i in members
                if items[i].key is not None and items[i].key in sentence_of
            ),
            ("", ""),
        )
        if nid in nodes and nodes[nid].context[1]:
            context = nodes[nid].context
        nodes[nid] = ResolvedNode(nid, label, name, aliases, curated, attrs, reasons, context=context)
        nid_of_root[root] = nid
        for i in members:
            if items[i].key is not None:
                node_of[items[i].key] = nid
    return nodes, node_of, nid_of_root


def _name_candidates(
    nodes: dict[str, ResolvedNode], may_be: dict[int, tuple[int, ...]], uf: forms.UnionFind, nid_of_root: dict[int, str]
) -> None:
    """Give each node of an ambiguous short form the longer names it may stand for (``may_be``),
    by their final names."""
    candidates_of: dict[str, set[str]] = defaultdict(set)
    for i, candidates in sorted(may_be.items()):
        nid = nid_of_root[uf.find(i)]
        others = {nid_of_root[uf.find(c)] for c in candidates} - {nid}
        if len(others) >= 2:
            candidates_of[nid] |= {nodes[o].name for o in others}
    for nid, names in sorted(candidates_of.items()):
        node = nodes[nid]
        nodes[nid] = ResolvedNode(
            node.id,
            node.label,
            node.name,
            node.aliases,
            node.curated,
            node.attrs,
            node.alias_reasons,
            tuple(sorted(names)),
            node.context,
        )


# -- names ----------------------------------------------------------------------------------


def _naming(items: list[forms.Item], members: list[int]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The canonical name of a cluster, its other forms, and why each of those is this entity."""
    curated = [items[i].name for i in members if items[i].curated]
    running: Counter[str] = Counter()  # normalised form -> uses in running text
    exact: Counter[str] = Counter()  # form as written -> uses in running text
    seen: Counter[str] = Counter()  # entity name -> sections (when the text was not read)
    reasons: dict[str, str] = {}
    names: list[str] = []
    for i in members:
        it = items[i]
        seen[it.name] += 1
        names.append(it.name)
        reasons.setdefault(it.name, it.reason or "same name")
        for alias in it.aliases:
            reasons.setdefault(alias, "used for it in the same note")
        for u in it.uses:
            running[forms.core(normalise(u.form))] += u.running + u.opening
            exact[u.form] += u.running + u.opening
    name = curated[0] if curated else _best_name(items, members, names, running, exact, seen)
    every_form = set(names) | {a for i in members for a in items[i].aliases}
    aliases = tuple(sorted({f for f in every_form if f != name}, key=lambda s: (s.casefold(), s)))
    key = normalise(name)
    for alias in aliases:
        other = normalise(alias)
        if other == key:
            reasons[alias] = "the same name in other capitals"
        elif forms.core(other) == forms.core(key):
            reasons[alias] = "the same name without an article"
    return name, aliases, tuple(reasons.get(a, "same name") for a in aliases)


def _best_name(
    items: list[forms.Item],
    members: list[int],
    names: list[str],
    running: Counter[str],
    exact: Counter[str],
    seen: Counter[str],
) -> str:
    """The fullest form, then the form used most in running text, title case over all capitals,
    then the longer (see the module docstring)."""
    candidates = set(n for i in members if not items[i].short for n in [items[i].name]) or set(names)
    every = set(names) | {a for i in members for a in items[i].aliases}
    candidates = sorted(_spelled_out(candidates, every))
    keys = {c: forms.tokens(c) for c in candidates}
    full = _full_names(candidates, every, keys)
    keys.update({c: forms.tokens(c) for c in full})
    full = full or candidates
    lowered = {forms.core(normalise(c)) for c in full if not c.isupper()}

    def rank(c: str) -> tuple:
        key = forms.core(normalise(c))
        capitals = c.isupper() and key in lowered  # a heading's capitals, not the name's
        return (
            capitals,
            -running[key],
            -exact[c],
            -seen[c],
            normalise(c).startswith(("the ", "a ")),
            -len(keys[c]),
            -len(c),
            c,
        )

    return min(full, key=rank)


def _spelled_out(candidates: set[str], every: set[str]) -> set[str]:
    """``candidates`` with each acronym given way to the words it stands for, when some form
    of the entity spells them out."""
    expansions = {}
    for form in every:
        if not forms.ACRONYM.match(form):
            for acronym in forms.initials(form):
                expansions.setdefault(forms.letters(acronym), form)
    for acronym in [c for c in candidates if forms.ACRONYM.match(c)]:
        expansion = expansions.get(forms.letters(acronym))
        if expansion is not None:
            candidates.discard(acronym)
            candidates.add(expansion)
    return candidates


def _full_names(candidates: list[str], every: set[str], keys: dict[str, tuple[str, ...]]) -> list[str]:
    """The candidates that are full names, sorted. Not one: a form another extends by capitalised
    words (its short form); a form that is another plus a lower-case generic tail (a
    description) stands for that other form."""
    tails = words()["generic_tails"] | forms.CONCEPT_TAILS
    every_keys = {f: forms.tokens(f) for f in every}
    full = []
    for c in candidates:
        toks, raw = keys[c], c.split()
        extended = any(len(o) > len(toks) and o[: len(toks)] == toks for o in keys.values())
        if extended:
            continue
        base = next((f for f, o in sorted(every_keys.items()) if o == toks[:-1]), None)
        if raw and raw[-1].islower() and raw[-1].casefold() in tails and base is not None:
            full.append(base)  # a name plus a lower-case description: the name
        else:
            full.append(c)
    return sorted(set(full))


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
