"""The relation rules file: its rows as :class:`Rule` records, and the index of trigger words.

Each rule is a row of ``loaders/data/relation_rules.yaml``: its id, relation, *frame* (how its
slots are filled, see :mod:`loaders.extract.patterns`), trigger words, what each slot takes, a
confidence, and examples with made-up names that must give the edge and counter-examples that
must stay silent (``tests/test_relation_rules.py`` runs them all). Verbs are written once and
inflected here ("fund": funds, funded, funding); irregular forms are listed in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "Example",
    "Rule",
    "address_rules",
    "inflections",
    "load_rules",
    "role_rules",
    "trigger_index",
    "trigger_words",
]


ORG = ("Organisation",)


@dataclass(frozen=True)
class Example:
    """A made-up sentence, and the edge a rule must read from it ((source, target) names)."""

    text: str
    edge: tuple[str, str]
    attrs: tuple[tuple[str, str], ...] = ()
    context: str = ""  # sentences before the example (who "we" are, say)
    title: str = ""  # the section's title (the meeting it records)


@dataclass(frozen=True)
class Rule:
    """One row of the rules file."""

    id: str
    relation: str
    frame: str
    triggers: tuple[tuple[str, ...], ...]  # each a sequence of word forms
    source: tuple[str, ...]
    target: tuple[str, ...]
    confidence: float
    options: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    examples: tuple[Example, ...] = ()
    counter: tuple[str, ...] = ()

    def opt(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Read every row of the rules file (once per process)."""
    import yaml

    text = resources.files("loaders").joinpath("data", "relation_rules.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the pure-Python one took half a second per process
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    irregular = {k: tuple(v) for k, v in (data.get("irregular") or {}).items()}
    rules = []
    for row in data["rules"]:
        frame = row["frame"]
        pos = row.get("pos", "verb" if frame == "verb" else "noun")
        triggers = []
        for trig in row.get("triggers", ()):
            words = trig.split()
            heads = inflections(words[0], pos, irregular) if not row.get("exact") else (words[0],)
            for head in heads:
                triggers.append((head, *words[1:]))
        options = {
            k: v
            for k, v in row.items()
            if k
            not in (
                "id",
                "relation",
                "frame",
                "triggers",
                "source",
                "target",
                "confidence",
                "examples",
                "counter",
                "pos",
                "exact",
            )
        }
        examples = tuple(
            Example(
                e["text"],
                tuple(e["edge"]),
                tuple(sorted((e.get("attrs") or {}).items())),
                e.get("context", ""),
                e.get("title", ""),
            )
            for e in row.get("examples", ())
        )
        rules.append(
            Rule(
                row["id"],
                row["relation"],
                frame,
                tuple(sorted(set(triggers))),
                tuple(row.get("source", ORG)),
                tuple(row.get("target", ORG)),
                float(row["confidence"]),
                MappingProxyType(options),
                examples,
                tuple(row.get("counter", ())),
            )
        )
    return tuple(rules)


def inflections(lemma: str, pos: str, irregular: dict[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The forms of a verb ("fund": fund, funds, funded, funding) or a noun (its plural).

    >>> inflections("fund", "verb")
    ('fund', 'funded', 'funding', 'funds')
    >>> inflections("partnership", "noun")
    ('partnership', 'partnerships')
    """
    irregular = irregular or {}
    if pos == "noun":
        if lemma.endswith(("s", "x", "ch", "sh")):
            forms = {lemma, lemma + "es"}
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms = {lemma, lemma[:-1] + "ies"}
        else:
            forms = {lemma, lemma + "s"}
        return tuple(sorted(forms))
    if pos != "verb":
        return (lemma,)
    if lemma in irregular:
        return tuple(sorted({lemma, *irregular[lemma]}))
    forms = {lemma}
    if lemma.endswith("e") and not lemma.endswith("ee"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "x", "ch", "sh", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return tuple(sorted(forms))


@lru_cache(maxsize=1)
def trigger_index() -> dict[str, tuple[tuple[Rule, tuple[str, ...]], ...]]:
    index: dict[str, list[tuple[Rule, tuple[str, ...]]]] = {}
    for rule in load_rules():
        for trig in rule.triggers:
            index.setdefault(trig[0], []).append((rule, trig))
    # longer triggers first: "set up" before "set"
    return {k: tuple(sorted(v, key=lambda rt: -len(rt[1]))) for k, v in index.items()}


@lru_cache(maxsize=1)
def address_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.frame == "address")


@lru_cache(maxsize=1)
def role_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.frame == "role")


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every word that opens a trigger: a sentence without one needs no clause."""
    return frozenset(trigger_index())
