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
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from graph.model.ids import node_id
from graph.model.junk import Corpus, judge, words
from graph.model.usage import DocumentUsage, FormUse
from loaders.catalogue import Catalogue
from loaders.names import normalise
from loaders.records import Entity

__all__ = ["Resolution", "ResolvedNode", "resolve", "stem_key"]

# Labels whose names are proper names, where a one-letter slip is a misspelling, not another thing.
_FUZZY_LABELS = frozenset({"Person", "Organisation", "Publication", "Cell"})
_FUZZY_MIN = 9  # shorter names differ by a letter too often to be the same name misspelt
_FUZZY_SLIPS = 2  # the most slips allowed (in names of 16 characters or more)
# Labels whose short forms (leading words, acronyms, generic tails) name the same thing.
_SHORT_FORM_LABELS = frozenset({"Organisation", "Cell", "Publication", "Concept"})
# Labels judged for junk (people, meetings and documents have their own rules in extraction).
_JUDGED = frozenset({"Organisation", "Place", "Concept", "Cell", "Publication", "Person"})
# Generic tails of ideas: "Human Learning Systems model" is Human Learning Systems.
_CONCEPT_TAILS = frozenset({"model", "approach", "approaches", "agenda", "framework", "method", "movement",
                            "principles", "programme", "initiative", "idea", "concept", "way"})
_SMALL = frozenset({"of", "for", "and", "the", "in", "on", "to", "at", "&", "a", "an"})
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")


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
    ignored: frozenset[str]  # normalised names the catalogue says to drop
    dropped: dict[str, str] = field(default_factory=dict)  # name -> the kind of error it is
    relabelled: frozenset[tuple[str, int, str, str]] = frozenset()  # entities now under another label


@dataclass(slots=True)
class _Item:
    label: str
    name: str
    aliases: tuple[str, ...]
    curated: bool
    attrs: tuple
    key: tuple | None  # (document, section, label, name) as extracted, or None for the catalogue
    uses: tuple[FormUse, ...] = ()
    doc: str = ""
    facts: frozenset[str] = frozenset()
    spans: tuple[tuple[int, int], ...] = ()  # where its mentions are in the document's text
    reason: str = ""  # why this item joined its node (set by the merge that brought it in)
    short: bool = False  # a short form (its name is not a candidate for the canonical name)


def _core(key: str) -> str:
    """A normalised name without a leading article."""
    for article in ("the ", "a ", "an "):
        if key.startswith(article) and len(key) > len(article) + 1:
            return key[len(article):]
    return key


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


_SUFFIXES = ("ations", "ation", "tions", "tion", "ings", "ing", "ies", "ed", "es", "ic", "s", "e")


def stem_key(name: str) -> str:
    """The stems of a name's words, so inflected and derived forms of one idea compare equal.

    >>> stem_key("co-produced") == stem_key("co-production") == stem_key("Co-produce")
    True
    >>> stem_key("place-based working") == stem_key("place-based work")
    True
    """
    out = []
    for word in re.split(r"[\s\-]+", normalise(name.replace("-", " - "))):
        if not word:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
        out.append(word)
    return " ".join(out)


def _closed(key: str) -> str:
    return key.replace(" ", "")


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

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        # The smaller index wins so the result does not depend on merge order.
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


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
    facts = facts or {}
    ignored = frozenset(normalise(n) for n in catalogue.ignore)
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

    items: list[_Item] = []
    catalogued: dict[str, set[str]] = defaultdict(set)  # normalised name -> catalogue labels
    for ce in catalogue.entities:
        items.append(_Item(ce.label, ce.name, ce.aliases, True, (), None, reason="catalogue"))
        for form in (ce.name, *ce.aliases):
            catalogued[normalise(form)].add(ce.label)
    for doc_id, ent in sorted(entities, key=lambda p: (p[0], p[1].section, p[1].label, p[1].name)):
        if normalise(ent.name) in ignored:
            continue
        aliases = tuple(a for a in ent.aliases if normalise(a) not in ignored)
        key = (doc_id, ent.section, ent.label, ent.name)
        items.append(_Item(ent.label, ent.name, aliases, False, ent.attrs, key, uses_of.get(key, ()), doc_id,
                           facts.get(key, frozenset()), tuple((m.start, m.end) for m in ent.mentions)))

    _spell_out(items, expansions)
    _join_halves(items, pairs)
    dropped, relabelled = _judge_all(items, catalogued, corpus)
    items = [it for it in items if it.key is None or it.key not in dropped]
    n = len(items)
    uf = _UnionFind(n)

    # Same name: normalised names and aliases, without a leading article, closed up, stems.
    owner: dict[tuple[str, str], int] = {}
    for i, it in enumerate(items):
        keys = _global_keys(it.label, it.name, it.aliases)
        for key in sorted(keys):
            _join(uf, items, owner, (it.label, key), i, "same name")
        if it.label != "Person":
            for key in sorted(keys):
                core = _core(key)
                if core != key:
                    _join(uf, items, owner, (it.label, "core " + core), i, "the same name without an article")
                else:
                    _join(uf, items, owner, (it.label, "core " + core), i, "same name")
            closed = {_closed(_core(k)) for k in keys if len(_closed(_core(k))) >= 6}
            for key in sorted(closed):
                _join(uf, items, owner, (it.label, "closed " + key), i, "the same name closed up or spaced")
        if it.label == "Concept":
            _join(uf, items, owner, (it.label, "stem " + stem_key(it.name)), i, "another form of the same words")

    _merge_former_names(items, uf, former)
    # Twice: a short form's candidates are counted after the first round has joined the forms of
    # one longer name ("H&F Council" and "Hammersmith & Fulham Council" for "the Council").
    _merge_short_forms(items, uf, corpus)
    may_be = _merge_short_forms(items, uf, corpus)
    _merge_people(items, uf)
    _merge_spelling(items, uf)
    label_of = _settle_labels(items, uf, relabelled)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
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
            pairs = dict(zip(prev.aliases, prev.alias_reasons, strict=False)) | dict(zip(aliases, reasons, strict=False))
            pairs.pop(prev.name, None)
            aliases = tuple(sorted(pairs, key=lambda s: (s.casefold(), s)))
            reasons = tuple(pairs[a] for a in aliases)
            attrs = _merge_attrs([prev.attrs, attrs])
            curated = curated or prev.curated
            name = prev.name
        context = next(((items[i].key[0], sentence_of[items[i].key]) for i in members
                        if items[i].key is not None and items[i].key in sentence_of), ("", ""))
        if nid in nodes and nodes[nid].context[1]:
            context = nodes[nid].context
        nodes[nid] = ResolvedNode(nid, label, name, aliases, curated, attrs, reasons, context=context)
        nid_of_root[root] = nid
        for i in members:
            if items[i].key is not None:
                node_of[items[i].key] = nid
    # The longer names an ambiguous short form may stand for, by their final names.
    candidates_of: dict[str, set[str]] = defaultdict(set)
    for i, candidates in sorted(may_be.items()):
        nid = nid_of_root[uf.find(i)]
        others = {nid_of_root[uf.find(c)] for c in candidates} - {nid}
        if len(others) >= 2:
            candidates_of[nid] |= {nodes[o].name for o in others}
    for nid, names in sorted(candidates_of.items()):
        node = nodes[nid]
        nodes[nid] = ResolvedNode(node.id, node.label, node.name, node.aliases, node.curated, node.attrs,
                                  node.alias_reasons, tuple(sorted(names)), node.context)
    relabelled_keys = frozenset(
        it.key for i, it in enumerate(items)
        if it.key is not None and (it.key in relabelled or label_of.get(uf.find(i), it.label) != it.key[2])
    )
    dropped_names = {key[3]: reason for key, reason in dropped.items()}
    return Resolution(nodes=nodes, node_of=node_of, ignored=ignored, dropped=dict(sorted(dropped_names.items())),
                      relabelled=relabelled_keys)


def _join(uf: _UnionFind, items: list[_Item], owner: dict, key: tuple[str, str], i: int, reason: str) -> None:
    j = owner.setdefault(key, i)
    if j != i and uf.union(i, j) and not items[max(i, j)].reason:
        items[max(i, j)].reason = reason


# -- what the text itself says -------------------------------------------------------------


def _spell_out(items: list[_Item], expansions: dict[str, tuple]) -> None:
    """A name found only inside the words an acronym stands for ("Parents" in "PACT, Parents and
    Communities Together") is a piece of that name: it becomes the whole."""
    for it in items:
        if it.key is None or not it.spans or not expansions.get(it.doc):
            continue
        for _acronym, phrase, a, b in expansions[it.doc]:
            if normalise(phrase) != normalise(it.name) and all(a <= s and e <= b for s, e in it.spans):
                it.aliases = ()
                it.name = phrase
                it.reason = "a piece of the words an acronym stands for"
                break


_AND_BEFORE = re.compile(r"^\S+ (?:and|&) $")


def _join_halves(items: list[_Item], pairs: list[tuple[str, str, str]]) -> None:
    """Halves of one name split at "and". Two places the corpus only ever writes as "X and Y"
    are one place of that name; a name only ever found after "X and " ("X and [Y Collective]")
    is that whole name."""
    standing: Counter[tuple[str, str]] = Counter()  # (label, normalised name) -> uses outside pairs
    for it in items:
        if it.key is not None:
            standing[(it.label, normalise(it.name))] += sum(u.total - u.fragment - u.paired for u in it.uses)
    # The pair must be used as one name: written so twice, or inside a longer name.
    times = Counter((normalise(a), normalise(b)) for _doc, a, b in pairs)
    runs = " | ".join(sorted({normalise(u.joined) for it in items for u in it.uses if u.joined}))
    joined: dict[tuple[str, str, str], str] = {}
    for doc, a, b in sorted(set(pairs)):
        unit = times[(normalise(a), normalise(b))] >= 2 or f"{normalise(a)} and {normalise(b)}" in runs
        if unit and standing[("Place", normalise(a))] <= 0 and standing[("Place", normalise(b))] <= 0:
            whole = f"{a} and {b}"
            joined[(doc, "Place", normalise(a))] = joined[(doc, "Place", normalise(b))] = whole
    for it in items:
        if it.key is None:
            continue
        whole = joined.get((it.doc, it.label, normalise(it.name)))
        if whole is not None:
            it.name, it.aliases, it.reason = whole, (), "half of a name written with 'and'"
            continue
        runs = {u.joined for u in it.uses}
        if (it.uses and all(u.fragment == u.total for u in it.uses) and len(runs) == 1
                and it.label in ("Organisation", "Cell", "Publication")):
            (run,) = runs
            for u in it.uses:
                if run.endswith(u.form) and _AND_BEFORE.match(run[: -len(u.form)]):
                    it.name, it.aliases, it.reason = run, (), "half of a name written with 'and'"
                    break


def _merge_former_names(items: list[_Item], uf: _UnionFind, former: list[tuple[str, str, str]]) -> None:
    """ "Kestrel Action (formerly KA Trust)": one body under its two names, in that document."""
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.doc:
            for key in _global_keys(it.label, it.name, it.aliases):
                by_name[(it.doc, key)].append(i)
    for doc, current, earlier in sorted(former):
        now = by_name.get((doc, normalise(current)), [])
        then = by_name.get((doc, normalise(earlier)), [])
        for i in now[:1]:
            for j in then:
                if items[i].label == items[j].label and uf.union(i, j):
                    items[j].reason = f"the former name of '{items[i].name}'"


# -- junk -----------------------------------------------------------------------------------


def _judge_all(
    items: list[_Item], catalogued: dict[str, set[str]], corpus: Corpus | None
) -> tuple[dict[tuple, str], set[tuple]]:
    """Judge every extracted name once, on all its uses; returns what is dropped (with the
    reason) and which entities changed label. Renames and relabels are made on the items."""
    groups: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for it in items:
        if it.key is not None:
            groups[(it.label, normalise(it.name))].append(it)
    dropped: dict[tuple, str] = {}
    relabelled: set[tuple] = set()
    for (label, key), members in sorted(groups.items()):
        labels = catalogued.get(key)
        if labels:
            if label not in labels:  # the user gave this name another label: theirs wins
                for it in members:
                    it.label = sorted(labels)[0]
                    relabelled.add(it.key)
            continue
        if label not in _JUDGED:
            continue
        uses = tuple(u for it in members for u in it.uses)
        facts = frozenset().union(*(it.facts for it in members))
        verdict = judge(label, members[0].name, uses, corpus, facts)
        if verdict.action == "drop":
            for it in members:
                dropped[it.key] = verdict.reason
        elif verdict.action == "rename":
            for it in members:
                it.name = verdict.name
                it.aliases = tuple(a for a in it.aliases if normalise(a) != key)
        elif verdict.action == "relabel":
            for it in members:
                it.label = verdict.label
                relabelled.add(it.key)
    return dropped, relabelled


# -- short forms ----------------------------------------------------------------------------


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(_core(normalise(name)).split())


def _initials(form: str) -> set[str]:
    """Acronyms a name may go by: initials of its words, with and without the small words;
    a word in capitals gives all its letters ("UK Community Foundations" -> UKCF)."""
    words_ = [w for w in re.split(r"[\s\-]+", form.strip()) if w and w[0].isalnum()]
    if len(words_) < 2:
        return set()
    out = set()
    for keep_small in (False, True):
        letters = ""
        for w in words_:
            if w.casefold() in _SMALL and not keep_small:
                continue
            letters += w if (w.isupper() and w.isalpha() and len(w) <= 4) else w[0]
        if len(letters) >= 2:
            out.add(letters.upper())
    return out


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha()).upper()


def _merge_short_forms(items: list[_Item], uf: _UnionFind, corpus: Corpus | None = None) -> dict[int, tuple[int, ...]]:
    """Merge each short form into the one longer name it abbreviates; returns, for short forms
    with two or more candidates, those candidates (item indices), left apart.

    A one-word short form that is a common word ("Haven", "Anchor") names a body of its own as
    often as it starts a longer name: it merges only with a longer name of its own document.
    """
    tails = words()["generic_tails"]
    # Indexes of longer forms, by label: leading words, bases without generic tails,
    # initials; and per document, last words.
    prefix: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    base: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    suffix: dict[tuple[str, str, tuple[str, ...]], set[int]] = defaultdict(set)
    tail_initials: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    forms_of: dict[int, list[str]] = {}
    for i, it in enumerate(items):
        if it.label == "Meeting":
            # "Kestrel Summit 2024" is the Kestrel Summit, when no other year is named.
            raw = it.name.split()
            if len(raw) >= 3 and re.fullmatch(r"(?:19|20)\d\d", raw[-1]):
                prefix[(it.label, _tokens(" ".join(raw[:-1])))].add(i)
            continue
        if it.label not in _SHORT_FORM_LABELS:
            continue
        forms = [it.name, *(a for a in it.aliases if not _ACRONYM.match(a))]
        forms_of[i] = forms
        generic = _CONCEPT_TAILS if it.label == "Concept" else tails
        for form in forms:
            toks = _tokens(form)
            raw = form.split()
            for k in range(1, len(toks)):
                rest = raw[len(raw) - len(toks) + k:] if len(raw) >= len(toks) else []
                # Only a capitalised rest makes one proper name ("Hollybank Foundation"); a
                # lower-case rest is a description, taken only as a generic tail below.
                if rest and all(w[:1].isupper() or w.casefold() in _SMALL for w in rest) and it.label != "Concept":
                    prefix[(it.label, toks[:k])].add(i)
            stripped = toks
            while len(stripped) > 1 and stripped[-1] in generic:
                stripped = stripped[:-1]
                base[(it.label, stripped)].add(i)
            if it.label != "Concept" or len(toks) >= 2:
                for acronym in _initials(form):
                    initials[(it.label, acronym)].add(i)
                # Initials of the leading words, then the rest ("AB Council" for "Ash & Beck Council").
                spelled = [w for w in re.split(r"[\s\-]+", form.strip()) if w]
                for k in range(2, len(spelled)):
                    rest = _tokens(" ".join(spelled[k:]))
                    for acronym in _initials(" ".join(spelled[:k])):
                        initials[(it.label, _letters(acronym) + " " + " ".join(rest))].add(i)
            if it.doc:
                for k in range(1, len(toks)):
                    suffix[(it.doc, it.label, toks[k:])].add(i)
                # Initials of its last words, in its own document ("CVS" for "Ashby, Brill and
                # Colne Council for Voluntary Service").
                spelled = [w for w in re.split(r"[\s\-]+", form.strip()) if w]
                for k in range(1, len(spelled) - 1):
                    for acronym in _initials(" ".join(spelled[k:])):
                        tail_initials[(it.doc, it.label, acronym)].add(i)

    body = words()["body_words"]
    plans: list[tuple[int, set[int], str]] = []
    for i, it in enumerate(items):
        if it.label not in _SHORT_FORM_LABELS | {"Meeting"} or it.curated:
            continue
        toks = _tokens(it.name)
        if not toks:
            continue
        acronym = bool(_ACRONYM.match(it.name))
        found: dict[int, str] = {}
        common_word = len(toks) == 1 and corpus is not None and corpus.common(toks[0])
        if not acronym:
            for j in prefix.get((it.label, toks), ()):
                if not common_word or items[j].doc == it.doc:
                    found.setdefault(j, "the leading words of")
        for j in base.get((it.label, toks), ()):
            if not common_word or items[j].doc == it.doc:
                found.setdefault(j, "the name without its generic tail of")
        if acronym:
            # A name of its own document that the acronym fits is the one meant; another
            # document's only when its own has none.
            letters = it.name.replace(".", "")
            fitting = initials.get((it.label, letters), set())
            own = {j for j in fitting if items[j].doc == it.doc} | tail_initials.get((it.doc, it.label, letters), set())
            for j in sorted(own or (fitting if len(letters) > 2 else ())):
                found.setdefault(j, "the initials of")
        head, _, rest = it.name.partition(" ")
        if rest and 2 <= len(_letters(head)) <= 5 and _ACRONYM.match(head.replace(".", "")):
            for j in initials.get((it.label, _letters(head) + " " + " ".join(_tokens(rest))), ()):
                found.setdefault(j, "the initials of")
        if it.doc and not acronym and it.label != "Meeting" and (len(toks) >= 2 or toks[-1] in body):
            for j in suffix.get((it.doc, it.label, toks), ()):
                found.setdefault(j, "the last words, in the same document, of")
        candidates: dict[int, str] = {}
        for j, why in sorted(found.items()):
            if uf.find(j) != uf.find(i):
                candidates.setdefault(uf.find(j), why)
        if candidates:
            plans.append((i, set(candidates), next(iter(candidates.values()))))
    # A heading word glued before a name of the same document ("Welcome Kestrel Trust").
    by_doc_name: dict[tuple[str, str, tuple[str, ...]], int] = {}
    for i, it in enumerate(items):
        if it.doc:
            by_doc_name.setdefault((it.doc, it.label, _tokens(it.name)), i)
    for i, it in enumerate(items):
        toks = _tokens(it.name)
        if (it.doc and len(toks) >= 3 and it.uses and all(u.heading == u.total for u in it.uses)):
            j = by_doc_name.get((it.doc, it.label, toks[1:]))
            if j is not None and uf.find(j) != uf.find(i):
                plans.append((i, {uf.find(j)}, "a heading word before"))

    ambiguous: dict[int, tuple[int, ...]] = {}
    for i, roots, why in plans:
        if len(roots) == 1:
            (j,) = roots
            if uf.find(i) != uf.find(j):
                longer = items[uf.find(j)]
                uf.union(i, j)
                if not items[i].reason or items[i].reason == "same name":
                    items[i].reason = f"{why} '{longer.name}'"
                items[i].short = True
        else:
            ambiguous[i] = tuple(sorted(roots))
    return ambiguous


# -- people ---------------------------------------------------------------------------------


def _merge_people(items: list[_Item], uf: _UnionFind) -> None:
    """A first name alone, a first name and a surname's initial, or a short first name with the
    same surname, merges with the one full name in the same document that fits."""
    full: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.label == "Person" and it.doc:
            toks = tuple(normalise(it.name).split())
            if len(toks) >= 2:
                full[it.doc].append((toks, i))
    for i, it in enumerate(items):
        if it.label != "Person" or not it.doc:
            continue
        toks = tuple(normalise(it.name).split())
        if not toks:
            continue
        fits: set[int] = set()
        why = ""
        for other, j in full.get(it.doc, ()):
            if other == toks:
                continue
            if len(toks) == 1 and other[0] == toks[0]:
                fits.add(uf.find(j))
                why = "the first name of"
            elif len(toks) == 2 and len(toks[1]) == 1 and other[0] == toks[0] and other[-1].startswith(toks[1]):
                fits.add(uf.find(j))
                why = "the first name and initial of"
            elif (len(toks) >= 2 and len(other) == len(toks) and other[1:] == toks[1:] and other[0] != toks[0]
                  and min(len(other[0]), len(toks[0])) >= 3 and other[0][:3] == toks[0][:3]
                  and len(toks[0]) < len(other[0])):
                fits.add(uf.find(j))
                why = "a short first name of"
        fits.discard(uf.find(i))
        if len(fits) == 1:
            (j,) = fits
            uf.union(i, j)
            items[i].reason = f"{why} '{items[j].name}'"
            items[i].short = True


# -- spelling -------------------------------------------------------------------------------


def _merge_spelling(items: list[_Item], uf: _UnionFind) -> None:
    # Distinct normalised names, blocked by label and first letter, and within a block only
    # between names whose lengths differ by no more than the slips _close allows.
    owner: dict[tuple[str, str], int] = {}
    for i, it in enumerate(items):
        for key in sorted(_global_keys(it.label, it.name, it.aliases)):
            owner.setdefault((it.label, _core(key)), i)
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
                if _close(key, other) and uf.union(i, j) and not items[max(i, j)].reason:
                    items[max(i, j)].reason = "a spelling variant"


# -- labels ---------------------------------------------------------------------------------


def _settle_labels(items: list[_Item], uf: _UnionFind, relabelled: set) -> dict[int, str]:
    """One name as an organisation and as an idea becomes one node, under the label most of its
    uses support (ties: the label its facts need). Returns the label of each merged cluster."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[uf.find(i)].append(i)
    by_name: dict[str, set[int]] = defaultdict(set)
    for root, members in clusters.items():
        label = items[root].label
        if label not in ("Organisation", "Concept"):
            continue
        for i in members:
            for key in _global_keys(label, items[i].name, items[i].aliases):
                if not items[i].short:
                    by_name[stem_key(_core(key))].add(root)
    decided: list[tuple[int, str]] = []
    for _key, roots in sorted(by_name.items()):
        roots = {uf.find(r) for r in roots}
        labels = {items[r].label for r in roots}
        if len(labels) < 2:
            continue
        weight: Counter[str] = Counter()
        org_facts = 0
        for r in roots:
            for i in clusters.get(r, ()):
                # A form written in lower case is an idea's, whatever extraction labelled it.
                lowered = sum(u.total for u in items[i].uses if u.form[:1].islower())
                weight[items[i].label] += max(1, sum(u.total for u in items[i].uses) - lowered)
                weight["Concept"] += lowered
                org_facts += any(f.split(":")[0] in ("ROLE_AT", "FUNDED", "MEMBER_OF", "PARTNERED_WITH") for f in items[i].facts)
        if weight["Organisation"] != weight["Concept"]:
            label = max(("Organisation", "Concept"), key=lambda lab: weight[lab])
        else:
            label = "Organisation" if org_facts else "Concept"
        first = min(roots)
        for r in sorted(roots):
            uf.union(first, r)
        decided.append((first, label))
    # Clusters merged here take the label chosen; other clusters keep their own.
    return {uf.find(first): label for first, label in decided}


# -- names ----------------------------------------------------------------------------------


def _naming(items: list[_Item], members: list[int]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The canonical name of a cluster, its other forms, and why each of those is this entity."""
    curated = [items[i].name for i in members if items[i].curated]
    tails = words()["generic_tails"] | _CONCEPT_TAILS
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
            running[_core(normalise(u.form))] += u.running + u.opening
            exact[u.form] += u.running + u.opening
    if curated:
        name = curated[0]
    else:
        candidates = set(n for i in members if not items[i].short for n in [items[i].name]) or set(names)
        # An acronym gives way to the words it stands for, when the text spells them out.
        every = set(names) | {a for i in members for a in items[i].aliases}
        spelled = {_letters(a): a for f in every for a in [f] if not _ACRONYM.match(f) for a in [f]}
        expansions = {}
        for form in every:
            if not _ACRONYM.match(form):
                for acronym in _initials(form):
                    expansions.setdefault(_letters(acronym), form)
        for acronym in [c for c in candidates if _ACRONYM.match(c)]:
            expansion = expansions.get(_letters(acronym))
            if expansion is not None:
                candidates.discard(acronym)
                candidates.add(expansion)
        del spelled
        candidates = sorted(candidates)
        keys = {c: _tokens(c) for c in candidates}
        # Not a candidate: a form another extends by capitalised words (its short form), or a
        # form that is another plus a lower-case generic tail (a description).
        every_keys = {f: _tokens(f) for f in every}
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
        full = sorted(set(full))
        keys.update({c: _tokens(c) for c in full})
        full = full or candidates
        lowered = {_core(normalise(c)) for c in full if not c.isupper()}

        def rank(c: str) -> tuple:
            key = _core(normalise(c))
            capitals = c.isupper() and key in lowered  # a heading's capitals, not the name's
            return (capitals, -running[key], -exact[c], -seen[c], normalise(c).startswith(("the ", "a ")),
                    -len(keys[c]), -len(c), c)

        name = min(full, key=rank)
    forms = set(names) | {a for i in members for a in items[i].aliases}
    aliases = tuple(sorted({f for f in forms if f != name}, key=lambda s: (s.casefold(), s)))
    key = normalise(name)
    for alias in aliases:
        other = normalise(alias)
        if other == key:
            reasons[alias] = "the same name in other capitals"
        elif _core(other) == _core(key):
            reasons[alias] = "the same name without an article"
    return name, aliases, tuple(reasons.get(a, "same name") for a in aliases)


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
