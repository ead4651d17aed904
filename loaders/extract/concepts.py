"""Concepts: named ideas, approaches and policies.

Candidates come from a general glossary (``loaders/data/concepts.txt``), quoted terms,
capitalised names that are neither people nor organisations, and phrases built on an
idea word ("... approach", "... leadership") that recur or are hyphenated compounds.
A concept is "core" to a section when its title names it or the note returns to it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from itertools import islice

from loaders.names import normalise

from .lexicon import Cued, Lexicon, alternation, rx
from .mentions import Mention, Occupied
from .spans import Sentence, Span, lower_words

__all__ = ["concept_counts", "find_concepts", "is_glossary_term"]

_PHRASE_WORD = r"[a-z][a-z’'-]*[a-z]"
_FIRST_WORD = r"[A-Za-z][a-z’'-]*[a-z]"
_QUOTED = re.compile(r"[‘“\"']([A-Za-z][A-Za-z -]{2,40}?)[’”\"'‘]")
_HYPHEN = Cued(
    r"\b(co-(?:production|produced|produce|design|designed|creation|created|operation)|[a-z]+-(?:based|informed|centred|centered|led))\b",
    ("co-", "-based", "-informed", "-centred", "-centered", "-led"),
    one_line=True,
)
_QUOTE_STOP = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "what",
    "how",
    "we",
    "i",
    "you",
    "it",
    "they",
    "is",
    "are",
    "so",
    "our",
    "us",
    "do",
    "not",
    "no",
    "yes",
    "let",
}


@lru_cache(maxsize=1)
def _glossary() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """The glossary as a pattern over lower-case text, the same ignoring case, and its names."""
    text = resources.files("loaders").joinpath("data", "concepts.txt").read_text(encoding="utf-8")
    terms = {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    body = r"\b(?:" + alternation(frozenset(t.lower() for t in terms), r"[\s-]") + r")s?\b"
    names = {normalise(t): t for t in sorted(terms, key=lambda t: (-len(t), t))}
    return re.compile(body), re.compile(body, re.IGNORECASE), names


def glossary_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every glossary term in ``text``, in any case, spaces or hyphens."""
    lower, folded, _ = _glossary()
    low = text.lower()
    if len(low) == len(text):
        # A case-sensitive search of the lower-cased text is about 2.5x faster than ignoring
        # case; lower() keeps every offset unless a letter's lower case is longer ("İ").
        return [m.span() for m in lower.finditer(low)]
    return [m.span() for m in folded.finditer(text)]


def is_glossary_term(text: str) -> bool:
    """True when ``text`` is (a plural of) a glossary concept, in any case or hyphenation."""
    canonical = _glossary()[2]
    key = normalise(text)
    return key in canonical or key[:-1] in canonical


def concept_counts(texts: list[str], lex: Lexicon) -> Counter:
    """How often each idea phrase occurs in a document (normalised), to tell recurring ones."""
    counts: Counter = Counter()
    for text in texts:
        for phrase, _, _ in _idea_phrases(text, lex):
            counts[normalise(phrase)] += 1
    return counts


@lru_cache(maxsize=64)
def _idea_phrases(text: str, lex: Lexicon) -> tuple[tuple[str, int, int], ...]:
    """Lower-case phrases of 1-3 modifiers and an idea word: (phrase, start, end).

    Cached: a document's counts and then each of its sections ask for the same texts.
    """
    return tuple(_scan_idea_phrases(text, lex))


def _scan_idea_phrases(text: str, lex: Lexicon):
    stop = lex.concept_modifier_stop_lower
    for m in _heads_re(lex).finditer(text):
        window = text[max(0, m.start() - 60) : m.start()]
        pre = rx(rf"(?<![\w’'-])((?:{_FIRST_WORD} )(?:{_PHRASE_WORD} ){{0,2}})$").search(window)
        if not pre:
            continue
        words = pre.group(1).split()
        if words[0][:1].isupper():
            if rx(r"(?:^|[.!?:•\n(‘“\"]\s*)$").search(window[: pre.start()]):
                words[0] = words[0].lower()
            else:
                words.pop(0)  # a capital mid-sentence belongs to a name, not to this phrase
        # drop leading words that cannot open a named idea
        while words and (words[0] in stop or words[0] == "and"):
            if words[0] in _EVALUATIVE and len(words) == 1:
                break  # "good support", kept only if it recurs (see find_concepts)
            words.pop(0)
        if (
            not words
            or any(w in stop and w not in _EVALUATIVE for w in words if w != "and")
            or words[-1] == "and"
            or any(w.endswith(("’s", "'s")) for w in words)
        ):
            continue
        phrase = " ".join(words + [m.group(0)])
        yield phrase, m.end() - len(phrase), m.end()


@lru_cache(maxsize=4)
def _heads_re_cached(heads: frozenset[str]) -> re.Pattern:
    return re.compile(rf"\b(?:{alternation(heads)})\b")


def _heads_re(lex: Lexicon) -> re.Pattern:
    return _heads_re_cached(lex.concept_heads_lower)


def find_concepts(
    text: str,
    sentences: tuple[Sentence, ...],
    title: str,
    mentions: list[Mention],
    leftovers: list[Span],
    doc_counts: Counter,
    lex: Lexicon,
    cells: dict[str, str] | None = None,
    known: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Concept mentions of one section; rules ending in ".core" mark the section's core topics."""
    cells = cells or {}
    found = [
        *_glossary_concepts(text),
        *_quoted_concepts(text, lex),
        *_proper_name_concepts(text, leftovers, lex, cells, known),
        *_idea_phrase_concepts(text, doc_counts, lex),
        *_compound_concepts(text, doc_counts),
        *_title_topic_concepts(text, title, cells),
    ]
    cells_norm = {normalise(c) for c in cells.values()}
    found = [c for c in found if normalise(c.name) not in cells_norm]
    return _mark_core(_longest_where_free(found, mentions), text, sentences, title)


def _glossary_concepts(text: str) -> Iterator[Mention]:
    """The glossary's terms, with an idea word that follows ("co-production model")."""
    canonical = _glossary()[2]
    for start, end in glossary_spans(text):
        key = normalise(text[start:end])
        name = canonical.get(key) or canonical.get(key[:-1]) or text[start:end]
        tail = rx(r"^ (programme|model|approach|initiative|agenda)\b").match(text[end : end + 20])
        if tail:
            end += tail.end()
        yield Mention("Concept", name, start, end, "concept.glossary", 0.8)


def _quoted_concepts(text: str, lex: Lexicon) -> Iterator[Mention]:
    """Quoted terms that the words around them call an idea ("the idea of 'X'", "'X' is a model")."""
    for m in _QUOTED.finditer(text):
        term = m.group(1).strip()
        words = term.split()
        if (
            not 1 <= len(words) <= 4
            or words[0].lower() in _QUOTE_STOP
            or words[-1].lower() in lex.concept_modifier_stop_lower
        ):
            continue
        if term[:1].isupper() and len(words) > 1 and all(w[:1].isupper() for w in words):
            continue  # a quoted proper name: left to the name rules
        cue = rx(
            r"\b(?:called|known as|concept of|principles? of|idea of|notion of|model of|so-called|term|the idea|"
            r"principle)\W{0,3}(?:the )?(?:[A-Z][\w ]{0,20} )?$"
        ).search(text[max(0, m.start() - 40) : m.start()])
        after = rx(
            r"^[’”\"']?,? (?:is|was|as) (?:a|an|the) (?:[\w-]+ ){0,2}(?:concept|idea|approach|model|principle|term)"
        ).match(text[m.end(1) : m.end(1) + 50])
        headed = words[-1].lower() in lex.concept_heads_lower and len(words) > 1
        tail = rx(r"^[’”\"']? (approach|model|method|principle)\b").match(text[m.end(1) : m.end(1) + 20])
        if tail:
            end = m.end(1) + tail.end()
            yield Mention("Concept", f"{term} {tail.group(1)}", m.start(1), end, "concept.quoted", 0.6)
        elif cue or after or headed:
            yield Mention("Concept", term, m.start(1), m.start(1) + len(term), "concept.quoted", 0.6)


def _proper_name_concepts(
    text: str, leftovers: list[Span], lex: Lexicon, cells: dict[str, str], known: frozenset[str]
) -> Iterator[Mention]:
    """Capitalised names that no other rule took and that read as an idea ("Open Valley")."""
    vocab = lower_words(text)
    for span in leftovers:
        words = [w.text for w in span.words]
        idea_tail = rx(
            r"^ (?:model|approach|framework|method|initiative|programme|agenda|policy|principle|idea|concept)\b"
        ).match(text[span.end : span.end + 20])
        if (
            len(words) == 2
            and not any(w.lower() in vocab for w in words)
            and (not idea_tail or words[0] in lex.first_names)
        ):
            continue  # two unknown capitalised words: more likely a person than an idea
        if any(
            w.lower() in lex.concept_modifier_stop_lower and w.lower() not in _NAME_SMALL or w in lex.role_words
            for w in words
        ):
            continue  # "What If", "Chief Relationships Officer"
        if any(normalise(span.text).startswith(normalise(c)) for c in cells.values()) or "Cell" in words:
            continue
        stripped = False
        while words and (words[0] in _STOP_CAPS_CONCEPT):
            words.pop(0)
            stripped = True
        if (
            len(words) < 2
            or (span.initial and not stripped)
            or all(w in lex.non_name_caps for w in words)
            or normalise(words[0]) in known
        ):
            continue
        if any(
            w in lex.first_names or w in lex.places or w in _STOP_CAPS_CONCEPT or (w.isupper() and len(w) > 1)
            for w in words
        ):
            continue
        if words[-1] in lex.org_words or words[-1] in lex.strong_org_words:
            continue
        start = span.end - len(" ".join(words)) if span.text.endswith(" ".join(words)) else span.start
        end = span.end
        tail = rx(r"^ (model|approach|framework|method)\b").match(text[end : end + 20])
        if tail:
            end += tail.end()
        yield Mention("Concept", text[start:end], start, end, "concept.proper_name", 0.6)


def _idea_phrase_concepts(text: str, doc_counts: Counter, lex: Lexicon) -> Iterator[Mention]:
    """Phrases built on an idea word that recur in the document or hold a hyphenated compound."""
    for phrase, s, e in _idea_phrases(text, lex):
        key = normalise(phrase)
        first = phrase.split()[0]
        hyphen = any(
            rx(r"-(?:based|informed|centred|centered|led|focused)$|^co-").search(w) for w in phrase.split()[:-1]
        )
        if first in _EVALUATIVE and doc_counts[key] < 4:
            continue
        if " and " in phrase and doc_counts[key] < 3:
            continue  # "X and Y idea" only when it is a recurring fixed phrase
        if doc_counts[key] >= 2 or hyphen:
            yield Mention("Concept", phrase, s, e, "concept.idea_phrase", 0.55)


def _compound_concepts(text: str, doc_counts: Counter) -> Iterator[Mention]:
    """Hyphenated compounds ("co-production", "strengths-based") said of something or recurring."""
    for m in _HYPHEN.finditer(text):
        predicative = rx(r"^(?:[,.;)]| and\b| or\b)").match(text[m.end(1) : m.end(1) + 5]) and rx(
            r"\b(?:is|are|be|was|were|being) $"
        ).search(text[max(0, m.start(1) - 8) : m.start(1)])
        if m.group(1).startswith("co-") or predicative or doc_counts[normalise(m.group(1))] >= 2:
            yield Mention("Concept", m.group(1), m.start(1), m.end(1), "concept.compound", 0.5)


def _title_topic_concepts(text: str, title: str, cells: dict[str, str]) -> list[Mention]:
    """The topic of a series title ("Series: topic", "Series for Topic"), where the text names it."""
    topic = _title_topic(title, cells)
    if topic:
        at = text.find(topic)
        if at < 0:
            at = text.casefold().find(topic.casefold())
        if at >= 0:
            return [Mention("Concept", topic, at, at + len(topic), "concept.title_topic.core", 0.6)]
    return []


def _longest_where_free(found: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """The longest of overlapping candidates, and only where no other entity is named."""
    taken = Occupied((m.start, m.end) for m in mentions)
    kept: list[Mention] = []
    chosen = Occupied()
    for c in sorted(found, key=lambda c: (_PRIORITY.get(c.rule.split(".")[1], 9), c.start, -(c.end - c.start))):
        if taken.overlaps(c.start, c.end) or chosen.overlaps(c.start, c.end):
            continue
        kept.append(c)
        chosen.add(c.start, c.end)
    return kept


def _mark_core(kept: list[Mention], text: str, sentences: tuple[Sentence, ...], title: str) -> list[Mention]:
    """The concepts in text order, with ".core" added to the rule of those named in the title or
    the stated theme, or returned to (three or more times)."""
    kept = sorted(kept, key=lambda c: c.start)
    per_section = Counter(_count_key(c.name) for c in kept)
    folded_title = normalise(title)
    body = list(islice((s for s in sentences if normalise(text[s.start : s.end]) != folded_title), 6))
    theme = " ".join(
        normalise(text[s.start : s.end])
        for k, s in enumerate(body[:6])
        if k == 0
        or _THEME.search(text[s.start : s.end])
        or (k > 0 and _THEME.search(text[body[k - 1].start : body[k - 1].end]))
    )
    out = []
    for c in kept:
        key = normalise(c.name)
        core = bool(key) and (
            key in folded_title
            or (theme and key in theme)
            or per_section[_count_key(c.name)] >= 3
            or c.rule.endswith(".core")
        )
        rule = c.rule if c.rule.endswith(".core") or not core else c.rule + ".core"
        out.append(Mention(c.label, c.name, c.start, c.end, rule, c.confidence))
    return out


_STOP_CAPS_CONCEPT = {
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Our",
    "Their",
    "Its",
    "As",
    "In",
    "On",
    "Of",
    "Us",
    "Them",
    "We",
    "Me",
    "You",
}
_NAME_SMALL = {
    "new",
    "public",
    "social",
    "big",
    "back",
    "better",
    "integrated",
    "human",
    "community",
    "total",
    "open",
    "local",
    "national",
}
_THEME = re.compile(r"\b(?:theme|topic|focus|questions?|explored?)\b", re.IGNORECASE)
_EVALUATIVE = {"good", "effective", "best", "better"}
_PRIORITY = {"title_topic": 0, "proper_name": 1, "glossary": 2, "quoted": 3, "idea_phrase": 4, "compound": 5}


def _count_key(name: str) -> str:
    return rx(r" (?:model|approach|framework|method)$").sub("", normalise(name))


def _title_topic(title: str, cells: dict[str, str]) -> str | None:
    bare = rx(r"^\s*notes? (?:from|of|on) (?:an? |the )?", re.IGNORECASE).sub("", title).strip()
    for key in sorted(cells, key=len, reverse=True):
        if bare.casefold().startswith(key):
            rest = bare[len(key) :]
            m = rx(r"^\s*(?::|-|–|for|on|about)\s+(.+)$").match(rest)
            if m and 1 <= len(m.group(1).split()) <= 4 and not m.group(1).split()[0].lower().endswith("ing"):
                return m.group(1).strip()
    return None
