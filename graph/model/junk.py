"""What is not a name: kinds of extraction error, judged from how the corpus uses a name.

Each rule describes a kind of error, never a particular word or name; the word lists it reads
(``graph/data/resolve_words.json``) hold general English usage. :func:`judge` looks at one name
with the evidence of every place the corpus uses it and says what to do:

- **drop** it, with the kind of error as the reason: an index or reference code ("AB100"), a
  one-letter typo of a frequent word written in capitals, a capitalised common word that is
  capitalised only where every word is (a title, a heading, a sentence's first word) or only
  as a piece of a longer name, a kind of body rather than the name of one ("a local CVS",
  "Funders"), a job title or a person's title inside an organisation's name, a boilerplate
  phrase ("Registered Charity No"), a compass word taken for a place, an adjective
  and a generic noun taken for an idea ("good work");
- **rename** it to the name the text meant: the same words without a job title, a
  registration-number tail or a document word ("Kestrel Trust Minutes");
- **relabel** it: an organisation named as an event ("... Conference") is a Meeting, one named as
  a fund or programme with no sign of being a body (nobody works there, it funds or partners no
  one) is a Concept, a person's name typed as an organisation is a Person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from graph.model.usage import FormUse

__all__ = ["Corpus", "Verdict", "judge", "known_places", "words"]

_TOKEN = re.compile(r"[^\s]+")
# Letters and digits glued: an index or stock code ("AB100"), a reference ("AB1234CD"). Two
# digits after letters are left alone: a postcode district ("AB12") names a real area.
_CODE = re.compile(r"^(?:[A-Z]{2,}\d{3,}|[A-Z]+\d{2,}[A-Z]+\d*)$")
_LONG_NUMBER = re.compile(r"\d{5,}")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_POSSESSIVES = frozenset({"our", "their", "its", "my", "your", "his", "her"})


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word lists of ``graph/data/resolve_words.json``, each a frozenset of lower-case text."""
    path = files("graph") / "data" / "resolve_words.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: frozenset(v.casefold() for v in values) for key, values in data.items() if not key.startswith("_")}


def _loaders_list(name: str) -> frozenset[str]:
    # Read, not owned: one of extraction's word lists (data files of general usage).
    path = files("loaders") / "data" / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return _loaders_list("first_names.txt")


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Names of places (towns, counties, nations), casefolded: extraction's gazetteer."""
    return _loaders_list("places.txt")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Word evidence of the whole corpus: how often each word occurs, and which the text writes
    in lower case (common words)."""

    counts: dict[str, int]
    lower: frozenset[str]

    def common(self, word: str) -> bool:
        """True when the corpus writes ``word`` in lower case somewhere."""
        return word.casefold() in self.lower

    def count(self, word: str) -> int:
        return self.counts.get(word.casefold(), 0)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What to do with a name: ``keep``, ``drop``, ``rename`` (to ``name``) or ``relabel``
    (to ``label``), and why."""

    action: str
    label: str
    name: str
    reason: str = ""


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(name)


def _bare(token: str) -> str:
    return token.strip(".,;:!?()[]\"'‘’“”").casefold()


def _ends_with(tokens: Sequence[str], phrases: frozenset[str]) -> int:
    """How many of ``tokens``' last words form one of ``phrases`` (0 when none does)."""
    folded = [_bare(t) for t in tokens]
    best = 0
    for n in (3, 2, 1):
        if len(folded) >= n and " ".join(folded[-n:]) in phrases:
            best = max(best, n)
    return best


def _contains_role(tokens: Sequence[str]) -> int | None:
    """Index of the first word that starts a job title, or None."""
    folded = [_bare(t) for t in tokens]
    roles = words()["role_titles"]
    for i in range(len(folded)):
        for n in (3, 2, 1):
            if " ".join(folded[i : i + n]) in roles and len(folded[i : i + n]) == n:
                return i
    return None


def _typo_of(token: str, corpus: Corpus) -> str | None:
    """A frequent word one letter away from a rare capitalised token, or None."""
    word = token.casefold()
    mine = corpus.count(word)
    letters = "abcdefghijklmnopqrstuvwxyz"
    variants = set()
    for i in range(len(word) + 1):
        if i < len(word):
            variants.add(word[:i] + word[i + 1 :])
            variants.update(word[:i] + c + word[i + 1 :] for c in letters)
        variants.update(word[:i] + c + word[i:] for c in letters)
    variants.discard(word)
    best = max(sorted(variants), key=corpus.count, default=None)
    if best is not None and corpus.count(best) >= max(3, 3 * mine):
        return best
    return None


def _totals(uses: Iterable[FormUse]) -> tuple[int, int, int, int]:
    running = opening = heading = fragment = 0
    for u in uses:
        running += u.running
        opening += u.opening
        heading += u.heading
        fragment += u.fragment
    return running, opening, heading, fragment


def judge(
    label: str,
    name: str,
    uses: Sequence[FormUse],
    corpus: Corpus | None,
    facts: frozenset[str] = frozenset(),
) -> Verdict:
    """What to do with the name ``name`` labelled ``label``.

    Args:
        label: the label extraction gave.
        name: the name (all the corpus's uses of it are in ``uses``).
        uses: how the text uses its surface forms, summed over the corpus; empty when the
            text was not read (then only rules that need no usage apply).
        corpus: the corpus's word evidence, or None.
        facts: the facts it takes part in, as ``TYPE:source`` / ``TYPE:target``.

    Returns:
        The verdict; ``keep`` when no rule applies.
    """
    keep = Verdict("keep", label, name)
    tokens = _tokens(name)
    if not tokens:
        return keep
    lists = words()
    folded = [_bare(t) for t in tokens]
    core = folded[1:] if folded[0] in lists["articles"] and len(folded) > 1 else folded

    # An index or reference code: letters and digits glued ("AB100"), or a long number.
    if label in ("Organisation", "Place", "Person", "Cell", "Concept"):
        if any(_CODE.match(t.strip(".,;:()")) for t in tokens) or any(
            _LONG_NUMBER.search(t) and not _YEAR.match(t) for t in tokens
        ):
            return Verdict("drop", label, name, "a code or reference number, not a name")

    running, opening, heading, fragment = _totals(uses)
    total = running + opening + heading

    if label in ("Organisation", "Place", "Cell", "Publication", "Concept") and len(tokens) == 1 and corpus is not None:
        token = tokens[0].strip(".,;:()")
        # A rare word in capitals one letter away from a frequent word: a typo ("COVIID").
        if token.isupper() and token.isalpha() and len(token) >= 5 and total <= 2 and not corpus.common(token):
            typo = _typo_of(token, corpus)
            if typo is not None:
                return Verdict("drop", label, name, f"a misspelling of '{typo}'")
        # A common word capitalised only where every word may be: a title or heading, a
        # sentence's first word, or as a piece of a longer capitalised name. (A word the corpus
        # never writes in lower case is still common when its ending says it is a verb or an
        # adverb: "Removing", "Recently".)
        if uses and label != "Concept" and not token.isupper() and (corpus.common(token) or _inflected(token)):
            standing = running - fragment
            if standing <= 0:
                where = "a title or heading" if heading and not running else "a longer name or a sentence's start"
                return Verdict("drop", label, name, f"a common word capitalised only in {where}")

    if label == "Organisation":
        verdict = _organisation(name, tokens, folded, core, uses, corpus, facts)
        if verdict is not None:
            return verdict
    elif label == "Place":
        if " ".join(core) in lists["compass"] or all(w in lists["compass"] for w in core) and len(core) == 1:
            return Verdict("drop", label, name, "a compass point, not a place")
        if len(core) == 1 and corpus is not None:
            for word in lists["building_words"]:
                stem = core[0][: -len(word)]
                if core[0].endswith(word) and len(stem) >= 3 and corpus.common(stem):
                    return Verdict("drop", label, name, "a building's name, not a place")
    elif label == "Concept":
        if len(core) == 2 and core[0] in lists["evaluative"] and core[1] in lists["generic_nouns"]:
            return Verdict("drop", label, name, "an adjective and a generic noun, not a named idea")
    return keep


def _organisation(
    name: str,
    tokens: list[str],
    folded: list[str],
    core: list[str],
    uses: Sequence[FormUse],
    corpus: Corpus | None,
    facts: frozenset[str],
) -> Verdict | None:
    # The rules in order: the first that applies decides.
    return (
        _titles_or_boilerplate(name, tokens, folded)
        or _job_title_or_person(name, tokens, folded, corpus, facts)
        or _another_kind(name, tokens, folded, core, uses, corpus, facts)
    )


def _titles_or_boilerplate(name: str, tokens: list[str], folded: list[str]) -> Verdict | None:
    lists = words()
    label = "Organisation"
    # A person's title inside the name: a list of people, not a body.
    if any(w.rstrip(".") in lists["honorifics"] for w in folded[1:]) or (
        folded[0].rstrip(".") in lists["honorifics"] and len(folded) > 1
    ):
        return Verdict("drop", label, name, "people's names and titles, not an organisation")
    # Boilerplate: a registration number, an image caption.
    for i, w in enumerate(folded):
        if w in lists["boilerplate"]:
            cut = i
            while cut > 0 and folded[cut - 1] in ("charity", "company"):
                cut -= 1
            base = tokens[:cut]
            if len(base) >= 2 and not _generic(folded[:cut]):
                return Verdict("rename", label, " ".join(base), "a name with a registration or caption tail")
            return Verdict("drop", label, name, "a registration or caption phrase, not a name")
    return None


def _job_title_or_person(
    name: str, tokens: list[str], folded: list[str], corpus: Corpus | None, facts: frozenset[str]
) -> Verdict | None:
    lists = words()
    label = "Organisation"
    # A job title: at the end ("Kestrel Trust Chief Executive") or before a person's name.
    role_at = _contains_role(tokens)
    if role_at is not None:
        base = tokens[:role_at]
        ends = _ends_with(tokens, lists["role_titles"])
        if ends and role_at == len(tokens) - ends:
            lone_word = (
                len(base) == 1
                and not base[0].isupper()
                and (
                    (corpus is not None and corpus.common(base[0]))
                    or _bare(base[0]) in lists["generic_tails"] | lists["body_words"] | lists["programme_heads"]
                )
            )  # a department or a unit before the title ("Project Assistant"), not a body's name
            if base and _bare(base[0]) not in _POSSESSIVES and not _generic([_bare(t) for t in base]) and not lone_word:
                return Verdict("rename", label, " ".join(base), "an organisation's name with a job title after it")
            return Verdict("drop", label, name, "a job title, not an organisation")
        after = [w for w in folded[role_at:] if w not in lists["role_titles"]]
        if after and after[0] in _first_names():
            return Verdict("drop", label, name, "a job title with a person's name, not an organisation")
    # A person's name after a body's name ("Kestrel Trust Ada Brown"), or alone.
    firsts = _first_names()
    if firsts and len(tokens) >= 2:
        heads = lists["body_words"] | lists["generic_tails"]
        for i in range(1, len(tokens) - 1):
            if folded[i - 1] in heads and folded[i] in firsts and tokens[i + 1][:1].isupper() and i + 2 == len(tokens):
                return Verdict(
                    "rename", label, " ".join(tokens[:i]), "an organisation's name with a person's name after it"
                )
        if (
            len(tokens) == 2
            and folded[0] in firsts
            and not any(w in heads for w in folded)
            and all(t[:1].isupper() and not t.isupper() for t in tokens)
            and not _org_facts(facts)
            and corpus is not None
            and not corpus.common(tokens[1])
        ):
            return Verdict("relabel", "Person", name, "a person's name")
    return None


def _another_kind(
    name: str,
    tokens: list[str],
    folded: list[str],
    core: list[str],
    uses: Sequence[FormUse],
    corpus: Corpus | None,
    facts: frozenset[str],
) -> Verdict | None:
    """A document, street, event, programme, activity or kind of body named as a body."""
    lists = words()
    label = "Organisation"
    # A document of a body ("... Minutes"): the body.
    if len(tokens) >= 3 and folded[-1] in lists["document_tails"]:
        return Verdict("rename", label, " ".join(tokens[:-1]), "a body's name with a document word after it")
    # A street named as a body.
    if len(core) > 1 and core[-1] in lists["street_words"] and tokens[-1][:1].isupper() and not _org_facts(facts):
        return Verdict("drop", label, name, "a street, not an organisation")
    # An event named as a body (its year after it or not).
    dated = tokens[:-1] if len(tokens) > 2 and _YEAR.match(tokens[-1]) else tokens
    if _ends_with(dated, lists["event_heads"]) and not _org_facts(facts):
        return Verdict("relabel", "Meeting", name, "an event, not a body")
    # A fund or programme with no sign of a body behind it.
    if len(core) >= 2 and core[-1] in lists["programme_heads"] and not _org_facts(facts):
        return Verdict("relabel", "Concept", name, "a fund or programme, not a body")
    # An activity ("... Grant Making", "Community Organising"): an idea, unless it acts as a body.
    if (
        len(core) >= 2
        and core[-1].endswith("ing")
        and len(core[-1]) >= 6
        and not _org_facts(facts)
        and corpus is not None
        and corpus.common(core[-1])
    ):
        return Verdict("relabel", "Concept", name, "an activity, not a body")
    # A kind of body rather than the name of one.
    if _generic(core, tokens=tokens[len(folded) - len(core) :], uses=uses):
        return Verdict("drop", label, name, "a kind of body, not the name of one")
    return None


def _inflected(word: str) -> bool:
    """True when a word's ending marks a verb or adverb form, not a name."""
    w = word.casefold()
    return len(w) >= 6 and w.endswith(("ing", "ly"))


def _org_facts(facts: frozenset[str]) -> bool:
    """True when a fact shows a body: someone works there or is a member, it funds or partners."""
    return bool(
        facts
        & {
            "ROLE_AT:target",
            "MEMBER_OF:target",
            "FUNDED:source",
            "PARTNERED_WITH:source",
            "PARTNERED_WITH:target",
            "MEMBER_OF:source",
        }
    )


def _generic(
    core: Sequence[str],
    *,
    tokens: Sequence[str] = (),
    uses: Sequence[FormUse] = (),
) -> bool:
    """True when words name a kind of body, not one body.

    A kind: a plural body word with only common modifiers ("Local Funders", "Charities"); words
    written in lower case or an indefinite article inside the name ("a traditional CVS").
    """
    lists = words()
    if not core:
        return True
    if tokens and any(t[:1].islower() for t in tokens[:-1]) and core[-1] in lists["body_words"]:
        others = [t for t in tokens[:-1] if t[:1].isupper()]
        if not others or all(_bare(t) in lists["kind_modifiers"] for t in others):
            return True
    if (
        uses
        and core[-1] in lists["body_words"]
        and all(w in lists["kind_modifiers"] or w in lists["body_words"] for w in core[:-1])
    ):
        indefinite = sum(u.indefinite for u in uses) + sum(
            u.total for u in uses if u.form.split(" ", 1)[0].casefold() in ("a", "an")
        )
        if indefinite * 2 >= sum(u.total for u in uses):
            return True
    if core[-1] in lists["plural_bodies"]:
        modifiers = core[:-1]
        return all(w in lists["kind_modifiers"] or w in lists["body_words"] for w in modifiers)
    return False
