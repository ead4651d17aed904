"""The rules that join the forms of one entity, in the order :func:`graph.model.resolution.resolve`
runs them. Each takes the items (:class:`graph.model.forms.Item`) and the union-find of their
entities; some also rename or relabel items, and say why in ``Item.reason``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.model import forms
from graph.model.junk import Corpus, judge, known_places, words
from loaders.names import normalise

__all__ = [
    "judge_all",
    "join_halves",
    "merge_former_names",
    "merge_people",
    "merge_same_names",
    "merge_short_forms",
    "merge_spelling",
    "settle_labels",
    "spell_out",
]

# Labels whose names are proper names, where a one-letter slip is a misspelling, not another thing.
_FUZZY_LABELS = frozenset({"Person", "Organisation", "Publication", "Cell"})
# Labels whose short forms (leading words, acronyms, generic tails) name the same thing.
_SHORT_FORM_LABELS = frozenset({"Organisation", "Cell", "Publication", "Concept"})
# Labels judged for junk (people, meetings and documents have their own rules in extraction).
_JUDGED = frozenset({"Organisation", "Place", "Concept", "Cell", "Publication", "Person"})


# -- what the text itself says -------------------------------------------------------------


def spell_out(items: list[forms.Item], expansions: dict[str, tuple]) -> None:
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


def join_halves(items: list[forms.Item], pairs: list[tuple[str, str, str]]) -> None:
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
        if (
            it.uses
            and all(u.fragment == u.total for u in it.uses)
            and len(runs) == 1
            and it.label in ("Organisation", "Cell", "Publication")
        ):
            (run,) = runs
            for u in it.uses:
                if run.endswith(u.form) and _AND_BEFORE.match(run[: -len(u.form)]):
                    it.name, it.aliases, it.reason = run, (), "half of a name written with 'and'"
                    break


def merge_former_names(items: list[forms.Item], uf: forms.UnionFind, former: list[tuple[str, str, str]]) -> None:
    """ "Kestrel Action (formerly KA Trust)": one body under its two names, in that document."""
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.doc:
            for key in forms.global_keys(it.label, it.name, it.aliases):
                by_name[(it.doc, key)].append(i)
    for doc, current, earlier in sorted(former):
        now = by_name.get((doc, normalise(current)), [])
        then = by_name.get((doc, normalise(earlier)), [])
        for i in now[:1]:
            for j in then:
                if items[i].label == items[j].label and uf.union(i, j):
                    items[j].reason = f"the former name of '{items[i].name}'"


# -- junk -----------------------------------------------------------------------------------


def judge_all(
    items: list[forms.Item], catalogued: dict[str, set[str]], corpus: Corpus | None
) -> tuple[dict[tuple, str], set[tuple]]:
    """Judge every extracted name once, on all its uses; returns what is dropped (with the
    reason) and which entities changed label. Renames and relabels are made on the items."""
    groups: dict[tuple[str, str], list[forms.Item]] = defaultdict(list)
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


# -- the same name ---------------------------------------------------------------------------


def _join(uf: forms.UnionFind, items: list[forms.Item], owner: dict, key: tuple[str, str], i: int, reason: str) -> None:
    j = owner.setdefault(key, i)
    if j != i and uf.union(i, j) and not items[max(i, j)].reason:
        items[max(i, j)].reason = reason


def merge_same_names(items: list[forms.Item], uf: forms.UnionFind) -> None:
    """Join the items that share a normalised name or alias, the same name without a leading
    article, the same letters closed up, or (ideas) the same words' stems."""
    owner: dict[tuple[str, str], int] = {}
    for i, it in enumerate(items):
        keys = forms.global_keys(it.label, it.name, it.aliases)
        for key in sorted(keys):
            _join(uf, items, owner, (it.label, key), i, "same name")
        if it.label != "Person":
            for key in sorted(keys):
                core = forms.core(key)
                if core != key:
                    _join(uf, items, owner, (it.label, "core " + core), i, "the same name without an article")
                else:
                    _join(uf, items, owner, (it.label, "core " + core), i, "same name")
            closed = {forms.closed(forms.core(k)) for k in keys if len(forms.closed(forms.core(k))) >= 6}
            for key in sorted(closed):
                _join(uf, items, owner, (it.label, "closed " + key), i, "the same name closed up or spaced")
        if it.label == "Concept":
            _join(uf, items, owner, (it.label, "stem " + forms.stem_key(it.name)), i, "another form of the same words")


# -- short forms ----------------------------------------------------------------------------


@dataclass(slots=True)
class _LongerForms:
    """Longer names indexed by what a short form of them may be: by label, their leading words,
    their words without a generic tail, their initials; per document, their last words and the
    initials of those. Each key gives the indices of the items with such a name."""

    prefix: dict[tuple[str, tuple[str, ...]], set[int]] = field(default_factory=lambda: defaultdict(set))
    base: dict[tuple[str, tuple[str, ...]], set[int]] = field(default_factory=lambda: defaultdict(set))
    initials: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    suffix: dict[tuple[str, str, tuple[str, ...]], set[int]] = field(default_factory=lambda: defaultdict(set))
    tail_initials: dict[tuple[str, str, str], set[int]] = field(default_factory=lambda: defaultdict(set))


def _index_longer_forms(items: list[forms.Item]) -> _LongerForms:
    index = _LongerForms()
    tails = words()["generic_tails"]
    for i, it in enumerate(items):
        if it.label == "Meeting":
            # "Kestrel Summit 2024" is the Kestrel Summit, when no other year is named.
            raw = it.name.split()
            if len(raw) >= 3 and re.fullmatch(r"(?:19|20)\d\d", raw[-1]):
                index.prefix[(it.label, forms.tokens(" ".join(raw[:-1])))].add(i)
            continue
        if it.label not in _SHORT_FORM_LABELS:
            continue
        generic = forms.CONCEPT_TAILS if it.label == "Concept" else tails
        for form in [it.name, *(a for a in it.aliases if not forms.ACRONYM.match(a))]:
            _index_form(index, i, it, form, generic)
    return index


def _index_form(index: _LongerForms, i: int, it: forms.Item, form: str, generic: frozenset[str]) -> None:
    toks = forms.tokens(form)
    raw = form.split()
    for k in range(1, len(toks)):
        rest = raw[len(raw) - len(toks) + k :] if len(raw) >= len(toks) else []
        # Only a capitalised rest makes one proper name ("Hollybank Foundation"); a
        # lower-case rest is a description, taken only as a generic tail below.
        if rest and all(w[:1].isupper() or w.casefold() in forms.SMALL for w in rest) and it.label != "Concept":
            index.prefix[(it.label, toks[:k])].add(i)
    stripped = toks
    while len(stripped) > 1 and stripped[-1] in generic:
        stripped = stripped[:-1]
        index.base[(it.label, stripped)].add(i)
    if it.label != "Concept" or len(toks) >= 2:
        for acronym in forms.initials(form):
            index.initials[(it.label, acronym)].add(i)
        # Initials of the leading words, then the rest ("AB Council" for "Ash & Beck Council").
        spelled = [w for w in re.split(r"[\s\-]+", form.strip()) if w]
        for k in range(2, len(spelled)):
            rest = forms.tokens(" ".join(spelled[k:]))
            for acronym in forms.initials(" ".join(spelled[:k])):
                index.initials[(it.label, forms.letters(acronym) + " " + " ".join(rest))].add(i)
    if it.doc:
        for k in range(1, len(toks)):
            index.suffix[(it.doc, it.label, toks[k:])].add(i)
        # Initials of its last words, in its own document ("CVS" for "Ashby, Brill and
        # Colne Council for Voluntary Service").
        spelled = [w for w in re.split(r"[\s\-]+", form.strip()) if w]
        for k in range(1, len(spelled) - 1):
            for acronym in forms.initials(" ".join(spelled[k:])):
                index.tail_initials[(it.doc, it.label, acronym)].add(i)


def _longer_names(
    it: forms.Item, items: list[forms.Item], index: _LongerForms, corpus: Corpus | None, body: frozenset[str]
) -> dict[int, str]:
    """The items whose names ``it`` may be a short form of, each with how ("the initials of")."""
    toks = forms.tokens(it.name)
    if not toks:
        return {}
    acronym = bool(forms.ACRONYM.match(it.name))
    found: dict[int, str] = {}
    common_word = len(toks) == 1 and corpus is not None and corpus.common(toks[0])
    if not acronym:
        for j in index.prefix.get((it.label, toks), ()):
            if items[j].doc != it.doc and (common_word or _branch_of(it.name, items[j].name)):
                continue
            found.setdefault(j, "the leading words of")
    for j in index.base.get((it.label, toks), ()):
        if not common_word or items[j].doc == it.doc:
            found.setdefault(j, "the name without its generic tail of")
    if acronym:
        # A name of its own document that the acronym fits is the one meant; another
        # document's only when its own has none.
        letters = it.name.replace(".", "")
        fitting = index.initials.get((it.label, letters), set())
        own = {j for j in fitting if items[j].doc == it.doc} | index.tail_initials.get(
            (it.doc, it.label, letters), set()
        )
        for j in sorted(own or (fitting if len(letters) > 2 else ())):
            found.setdefault(j, "the initials of")
    head, _, rest = it.name.partition(" ")
    if rest and 2 <= len(forms.letters(head)) <= 5 and forms.ACRONYM.match(head.replace(".", "")):
        for j in index.initials.get((it.label, forms.letters(head) + " " + " ".join(forms.tokens(rest))), ()):
            found.setdefault(j, "the initials of")
    if it.doc and not acronym and it.label != "Meeting" and (len(toks) >= 2 or toks[-1] in body):
        for j in index.suffix.get((it.doc, it.label, toks), ()):
            found.setdefault(j, "the last words, in the same document, of")
    return found


def _branch_of(short: str, longer: str) -> bool:
    """Whether ``longer`` is ``short`` and then a place: a branch of it, another body
    ("Tarn Aid Scotland" is not the Tarn Aid another document names)."""
    rest = longer.split()[len(short.split()) :]
    return bool(rest) and " ".join(rest).casefold() in known_places()


def _heading_word_plans(items: list[forms.Item], uf: forms.UnionFind) -> list[tuple[int, set[int], str]]:
    """A heading word glued before a name of the same document ("Welcome Kestrel Trust")."""
    by_doc_name: dict[tuple[str, str, tuple[str, ...]], int] = {}
    for i, it in enumerate(items):
        if it.doc:
            by_doc_name.setdefault((it.doc, it.label, forms.tokens(it.name)), i)
    plans: list[tuple[int, set[int], str]] = []
    for i, it in enumerate(items):
        toks = forms.tokens(it.name)
        if it.doc and len(toks) >= 3 and it.uses and all(u.heading == u.total for u in it.uses):
            j = by_doc_name.get((it.doc, it.label, toks[1:]))
            if j is not None and uf.find(j) != uf.find(i):
                plans.append((i, {uf.find(j)}, "a heading word before"))
    return plans


def merge_short_forms(
    items: list[forms.Item], uf: forms.UnionFind, corpus: Corpus | None = None
) -> dict[int, tuple[int, ...]]:
    """Merge each short form into the one longer name it abbreviates; returns, for short forms
    with two or more candidates, those candidates (item indices), left apart.

    A one-word short form that is a common word ("Haven", "Anchor") names a body of its own as
    often as it starts a longer name: it merges only with a longer name of its own document.
    """
    index = _index_longer_forms(items)
    body = words()["body_words"]
    plans: list[tuple[int, set[int], str]] = []
    for i, it in enumerate(items):
        if it.label not in _SHORT_FORM_LABELS | {"Meeting"} or it.curated:
            continue
        candidates: dict[int, str] = {}
        for j, why in sorted(_longer_names(it, items, index, corpus, body).items()):
            if uf.find(j) != uf.find(i):
                candidates.setdefault(uf.find(j), why)
        if candidates:
            plans.append((i, set(candidates), next(iter(candidates.values()))))
    plans += _heading_word_plans(items, uf)
    # Every plan is made before any is carried out, so no merge here sways another.
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


def merge_people(items: list[forms.Item], uf: forms.UnionFind) -> None:
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
            elif (
                len(toks) >= 2
                and len(other) == len(toks)
                and other[1:] == toks[1:]
                and other[0] != toks[0]
                and min(len(other[0]), len(toks[0])) >= 3
                and other[0][:3] == toks[0][:3]
                and len(toks[0]) < len(other[0])
            ):
                fits.add(uf.find(j))
                why = "a short first name of"
        fits.discard(uf.find(i))
        if len(fits) == 1:
            (j,) = fits
            uf.union(i, j)
            items[i].reason = f"{why} '{items[j].name}'"
            items[i].short = True


# -- spelling -------------------------------------------------------------------------------


def merge_spelling(items: list[forms.Item], uf: forms.UnionFind) -> None:
    # Distinct normalised names, blocked by label and first letter, and within a block only
    # between names whose lengths differ by no more than the slips forms.close allows.
    owner: dict[tuple[str, str], int] = {}
    for i, it in enumerate(items):
        for key in sorted(forms.global_keys(it.label, it.name, it.aliases)):
            owner.setdefault((it.label, forms.core(key)), i)
    by_block: dict[tuple[str, str], list[tuple[int, str, int]]] = defaultdict(list)
    for (label, key), i in sorted(owner.items()):
        if label in _FUZZY_LABELS and len(key) >= forms.FUZZY_MIN:
            by_block[(label, key[:1])].append((len(key), key, i))
    for block in by_block.values():
        block.sort()
        for x, (length, key, i) in enumerate(block):
            for y in range(x + 1, len(block)):
                other_length, other, j = block[y]
                if other_length - length > forms.FUZZY_SLIPS:
                    break
                if forms.close(key, other) and uf.union(i, j) and not items[max(i, j)].reason:
                    items[max(i, j)].reason = "a spelling variant"


# -- labels ---------------------------------------------------------------------------------


def settle_labels(items: list[forms.Item], uf: forms.UnionFind) -> dict[int, str]:
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
            for key in forms.global_keys(label, items[i].name, items[i].aliases):
                if not items[i].short:
                    by_name[forms.stem_key(forms.core(key))].add(root)
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
                org_facts += any(
                    f.split(":")[0] in ("ROLE_AT", "FUNDED", "MEMBER_OF", "PARTNERED_WITH") for f in items[i].facts
                )
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
