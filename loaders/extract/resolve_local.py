"""Within-section resolution: one entity per thing named in a section, with every surface form.

First names and surnames after a full name, spelling variants of a full name, abbreviations
defined in the text ("Coastal Youth Alliance (CYA)") and initials all become aliases.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from loaders.names import normalise

from .lexicon import rx
from .mentions import Mention

__all__ = ["resolve_section"]


def _squash(name: str) -> str:
    return normalise(name).replace(" ", "")


def _initials(name: str) -> str:
    return "".join(w[0] for w in rx(r"[A-Za-z][\w’'-]*").findall(name) if w[0].isupper() or len(w) > 3).upper()


def resolve_section(mentions: list[Mention], text: str) -> tuple[dict[int, str], dict[str, str]]:
    """Group a section's mentions into entities.

    Returns ``(canonical name for each mention index, label for each canonical name)``;
    canonical names are unique per (label, name) in the section.
    """
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_label[m.label].append(i)
    canon: dict[int, str] = {}
    canon.update(_people(mentions, by_label.get("Person", [])))
    canon.update(_organisations(mentions, by_label.get("Organisation", []), text))
    canon.update(_concepts(mentions, by_label.get("Concept", [])))
    for label, idxs in by_label.items():
        if label in ("Person", "Organisation", "Concept"):
            continue
        for i in idxs:
            canon[i] = mentions[i].name
    canon = _one_spelling(mentions, canon)
    labels = {name: mentions[i].label for i, name in canon.items()}
    return canon, labels


def _people(mentions: list[Mention], people: list[int]) -> dict[int, str]:
    """Canonical names of the people: full names clustered, then single words attached."""
    clusters = _full_name_clusters(mentions, [i for i in people if " " in mentions[i].name])
    canon: dict[int, str] = {}
    for cluster in clusters:
        forms = Counter(mentions[i].name for i in cluster)
        best = max(forms, key=lambda f: (forms[f], "-" in f, len(f), f))
        for i in cluster:
            canon[i] = best
    _attach_single_words(mentions, people, clusters, canon)
    return canon


def _full_name_clusters(mentions: list[Mention], full: list[int]) -> list[list[int]]:
    """Full names grouped by spelling: the same squashed, or the same given name and close."""
    clusters: list[list[int]] = []
    # A long section names thousands of people: a name is compared only with the clusters that
    # could take it (the same squashed spelling, or the same given name), first made first.
    heads: list[str] = []  # each cluster's first name, squashed
    by_squash: dict[str, list[int]] = defaultdict(list)
    by_given: dict[str, list[int]] = defaultdict(list)
    for i in full:
        name = mentions[i].name
        squashed, given = _squash(name), name.split()[0]
        for k in sorted({*by_squash.get(squashed, ()), *by_given.get(given, ())}):
            if squashed == heads[k] or (
                given == mentions[clusters[k][0]].name.split()[0] and fuzz.ratio(squashed, heads[k]) >= 88
            ):
                clusters[k].append(i)
                break
        else:
            by_squash[squashed].append(len(clusters))
            by_given[given].append(len(clusters))
            heads.append(squashed)
            clusters.append([i])
    return clusters


def _attach_single_words(
    mentions: list[Mention], people: list[int], clusters: list[list[int]], canon: dict[int, str]
) -> None:
    """Add to ``canon`` each one-word person mention: the cluster whose name starts or ends with it."""
    by_word: dict[str, set[int]] = defaultdict(set)
    for k, cluster in enumerate(clusters):
        parts = normalise(canon[cluster[0]]).split()
        for word in (parts[0], parts[-1], "".join(parts[1:])):
            by_word[word].add(k)
    for i in people:
        if i in canon:
            continue
        targets = [clusters[k] for k in sorted(by_word.get(normalise(mentions[i].name), ()))]
        if len(targets) == 1 or targets and len({canon[c[0]] for c in targets}) == 1:
            canon[i] = canon[targets[0][0]]
        elif targets:
            # Two people of the section share the word ("Sami Kell" and "Sami Iver"): it means
            # the one named last before it, as notes name someone and then use their first
            # name (or, with none before, the one named first after it); never a third person.
            at = mentions[i].start
            last = [max((mentions[j].start for j in c if mentions[j].start < at), default=-1) for c in targets]
            if max(last) >= 0:
                chosen = targets[last.index(max(last))]
            else:
                chosen = min(targets, key=lambda c: min(mentions[j].start for j in c))
            canon[i] = canon[chosen[0]]
        else:
            canon[i] = mentions[i].name


def _organisations(mentions: list[Mention], orgs: list[int], text: str) -> dict[int, str]:
    """Canonical names of the organisations: abbreviations defined in the text, initials."""
    abbrev: dict[str, str] = {}
    for i in orgs:
        m = mentions[i]
        after = rx(r" \(([A-Z][A-Za-z&]{1,7})\)").match(text[m.end : m.end + 12])
        if after:
            abbrev[after.group(1)] = m.name
    long_names = [mentions[i].name for i in orgs if " " in mentions[i].name]
    initials: list[tuple[str, str]] | None = None  # made when the first acronym needs them
    canon: dict[int, str] = {}
    for i in orgs:
        name = mentions[i].name
        if name in abbrev:
            canon[i] = abbrev[name]
            continue
        match = []
        if name.isupper() and len(name) >= 2:
            if initials is None:
                initials = [(n, _initials(n)) for n in long_names]
            match = [n for n, letters in initials if letters == name]
        canon[i] = match[0] if len(set(match)) == 1 else name
    return canon


def _concepts(mentions: list[Mention], concepts: list[int]) -> dict[int, str]:
    """Canonical names of the concepts: "X", "X model" and "X approach" are one idea."""
    base_forms: dict[str, list[int]] = defaultdict(list)
    for i in concepts:
        base_forms[
            rx(r" (?:model|approach|framework|method|agenda|initiative)$").sub("", normalise(mentions[i].name))
        ].append(i)
    canon: dict[int, str] = {}
    for idxs in base_forms.values():
        # the spelling used most often; on a tie a capitalised one (a proper name like "Open Valley")
        used = Counter(mentions[i].name for i in idxs)
        forms = sorted(used, key=lambda f: (-used[f], -sum(c.isupper() for c in f[:1]), len(f), f))
        for i in idxs:
            canon[i] = forms[0]
    return canon


def _one_spelling(mentions: list[Mention], canon: dict[int, str]) -> dict[int, str]:
    """``canon`` with one spelling per normalised name: the first seen, preferring capitals
    (concepts keep theirs)."""
    spelling: dict[tuple[str, str], str] = {}
    for i in sorted(canon):
        key = (mentions[i].label, normalise(canon[i]))
        current = spelling.get(key)
        if current is None or (mentions[i].label != "Concept" and canon[i][:1].isupper() and not current[:1].isupper()):
            spelling[key] = canon[i]
    return {i: spelling[(mentions[i].label, normalise(name))] for i, name in canon.items()}
