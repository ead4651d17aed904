"""Labelling candidate spans: Person, Organisation, Place, Publication, Cell.

Passes, strongest first: catalogue; words of the span (given name, "Trust", a listed
place); the sentence around it ("X, CEO of Y", "organisations like Y"); lists that
mix known and unknown names; and the document's memory (a name labelled once keeps
its label in every section of the document). The rules that read one span live in
:mod:`loaders.extract.span_clues`, the names a phrase's shape gives in
:mod:`loaders.extract.phrase_names`; this module runs them in passes over a document.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from loaders.names import normalise

from .concepts import is_glossary_term
from .lexicon import Lexicon, alternation, rx
from .mentions import Mention
from .organisations import is_acronym
from .people import clean_words, looks_like_person
from .phrase_names import names_by_phrase
from .span_clues import concept_acronym, label_by_context, label_by_words, lone_given_name, mention_of
from .spans import Sentence, Span, Word, lower_words

__all__ = ["SectionView", "label_document"]


@dataclass
class SectionView:
    """One section as the rules see it (offsets relative to ``text``)."""

    index: int
    title: str
    base: int  # offset of the section in the document text
    text: str  # cased view of the section text
    sentences: tuple[Sentence, ...]
    spans: list[Span]
    catalogue: list[Mention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def _role_alt(lex: Lexicon) -> str:
    return alternation(lex.role_heads_lower)


def _strip(span: Span, lower_vocab: frozenset[str], lex: Lexicon) -> tuple[Word, ...]:
    words = list(span.words)
    while words:
        w = words[0].text
        initial = span.initial and words[0] is span.words[0]
        if w in lex.honorifics and len(words) > 1 and words[1].text not in lex.honorifics:
            break  # "Dr Jo Bloggs": the title says a person follows; people.clean_words drops it
        if w in lex.always_strip and w in lex.first_names and len(words) == 2:
            break  # "June Fenwick", "Jan Oakes": a given name that is also a month
        if w in lex.always_strip or w in lex.honorifics and len(words) > 1:
            words.pop(0)
            continue
        if (w in lex.role_words or w in lex.non_name_caps) and len(words) > 2 and words[1].text in lex.first_names:
            words.pop(0)  # "CEO Jo Bloggs", "Director Jo Bloggs"
            continue
        if initial and (w in lex.sentence_caps or w in lex.non_name_caps and len(words) > 1 and w not in lex.org_words):
            words.pop(0)
            continue
        if initial and w.lower() in lower_vocab and w not in lex.first_names and w not in lex.places:
            words.pop(0)
            continue
        break
    # "Project Co-ordinator Jo Bloggs", "Chief Officer Jo Bloggs": a title before a name
    for h in range(len(words) - 3, -1, -1):
        if words[h].text.lower() in lex.role_heads_lower and looks_like_person(
            tuple(words[h + 1 :]), lex, known_given=False
        ):
            words = words[h + 1 :]
            break
    # "Mr Jo Bloggs Treasurer": a title after a name in a list
    while (
        len(words) > 2
        and _title_word(words[-1].text, lex)
        and words[-2].text not in lex.org_words
        and looks_like_person(clean_words(tuple(words[:-1]), lex), lex, known_given=words[0].text not in lex.honorifics)
    ):
        words.pop()
    # "Tarn Trust Director", "Kestrel Foundation Chief Executive": a name, then a title
    tail = len(words)
    while tail > 1 and _title_word(words[tail - 1].text, lex):
        tail -= 1
    if (
        1 < tail < len(words)
        and words[tail - 1].text in lex.strong_org_words | lex.org_words
        and any(w.text.lower() in lex.role_heads_lower for w in words[tail:])
    ):
        words = words[:tail]
    while words and words[-1].text in lex.sentence_caps:
        words.pop()
    if len(words) == 1 and (
        words[0].text in lex.sentence_caps
        or words[0].text in lex.non_name_caps
        and (span.initial or words[0].text in lex.never_alone)
        and words[0].text not in lex.places  # "the UK": a country, though it opens names too
    ):
        return ()
    return tuple(words)


def _title_word(text: str, lex: Lexicon) -> bool:
    """A word of a job title: "Chief", "Officer", "Co-ordinator", "Project"."""
    return text in lex.role_words or text.lower() in lex.role_heads_lower


def _overlaps(a_start: int, a_end: int, spans: list[Mention]) -> bool:
    return any(m.start < a_end and a_start < m.end for m in spans)


def label_document(views: list[SectionView], cells: dict[str, str], ignore: set[str], lex: Lexicon) -> None:
    """Fill ``view.mentions`` for every section of one document."""
    lower_vocab = frozenset().union(*(lower_words(v.text) for v in views))
    role = _role_alt(lex)
    memory: _Memory = {}
    pending = _words_pass(views, cells, ignore, lex, lower_vocab, role, memory)
    pending = _context_pass(pending, lex, role, memory)
    pending = _lone_name_pass(pending, lower_vocab, lex, memory)
    pending = _list_pass(pending, lex, memory)
    _remember_abbreviations(views, memory)
    _memory_pass(pending, lex, memory)
    _people_over_places(views)
    _organisations_over_context_people(views)
    _one_spelling_per_person(views)
    for v in views:
        v.mentions.sort(key=lambda m: (m.start, -m.end))


# normalised surface -> (label, canonical name): what the document has already called a name
_Memory = dict[str, tuple[str, str]]
# the spans no pass has labelled yet: (section, the span's words once stripped, the span)
_Pending = list[tuple[SectionView, tuple[Word, ...], Span]]


def _words_pass(
    views: list[SectionView],
    cells: dict[str, str],
    ignore: set[str],
    lex: Lexicon,
    lower_vocab: frozenset[str],
    role: str,
    memory: _Memory,
) -> _Pending:
    """Label the names a phrase's shape gives, then each span by its own words; return the rest."""
    pending: _Pending = []
    for v in views:
        for m in names_by_phrase(v.text, cells, lex):
            if not _overlaps(m.start, m.end, v.catalogue + v.mentions):
                v.mentions.append(m)
                memory.setdefault(normalise(m.name), (m.label, m.name))
        fixed = list(v.mentions)
        for span in v.spans:
            if _overlaps(span.start, span.end, fixed):
                continue
            inside = [c for c in v.catalogue if c.start < span.end and span.start < c.end]
            words = _strip(span, lower_vocab, lex)
            if not words or normalise(" ".join(w.text for w in words)) in ignore:
                continue
            m = label_by_words(v, words, cells, lex, role)
            if inside:
                # The catalogue's name wins, unless the rules read a longer name around it ("the
                # Kestrel Way network", "Kestrel Way Call to Action" beside a catalogued "Kestrel
                # Way"): that is another entity, which listing the shorter name must not erase. A
                # longer form that is the catalogued entity is one of its aliases, matched whole.
                if m and all(
                    m.start <= c.start and c.end <= m.end and m.end - m.start > c.end - c.start for c in inside
                ):
                    for c in inside:
                        v.catalogue.remove(c)
                    v.mentions.append(m)
                    memory.setdefault(normalise(" ".join(w.text for w in words)), (m.label, m.name))
                continue
            if m:
                v.mentions.append(m)
                memory.setdefault(normalise(" ".join(w.text for w in words)), (m.label, m.name))
            else:
                pending.append((v, words, span))
    return pending


def _context_pass(pending: _Pending, lex: Lexicon, role: str, memory: _Memory) -> _Pending:
    """Label the spans the sentence around them names; return the rest."""
    still: _Pending = []
    for v, words, span in pending:
        m = label_by_context(v, words, lex, role)
        if m:
            v.mentions.append(m)
            memory.setdefault(normalise(m.name), (m.label, m.name))
        else:
            still.append((v, words, span))
    return still


def _lone_name_pass(pending: _Pending, lower_vocab: frozenset[str], lex: Lexicon, memory: _Memory) -> _Pending:
    """Label a lone given name that reads as a person ("Ada is thinking", "with Tomas"), and an
    acronym that is no common word nor a method's name; return the rest."""
    rest = []
    for v, words, span in pending:
        m = lone_given_name(v, words, span, lower_vocab, lex)
        text = " ".join(w.text for w in words)
        if (
            not m
            and len(words) == 1
            and is_acronym(text)
            and len(text) >= 3
            and text.lower() not in lower_vocab
            and not span.initial
            and not concept_acronym(v.text, words[0])
            and normalise(text) not in memory
        ):
            m = mention_of("Organisation", words, "org.acronym", 0.5)
        if m:
            v.mentions.append(m)
        else:
            rest.append((v, words, span))
    return rest


def _list_pass(still: _Pending, lex: Lexicon, memory: _Memory) -> _Pending:
    """Label the spans listed beside known names ("A, B and C" where one item is already
    known), until a round labels none; return the rest."""
    changed = True
    while changed:
        changed = False
        rest = []
        for v, words, span in still:
            m = _by_list(v, words, lex)
            if m:
                v.mentions.append(m)
                memory.setdefault(normalise(m.name), (m.label, m.name))
                changed = True
            else:
                rest.append((v, words, span))
        still = rest
    return still


def _remember_abbreviations(views: list[SectionView], memory: _Memory) -> None:
    """Remember the abbreviations defined after a name: "Coastal Youth Alliance (CYA)"."""
    for v in views:
        for m in list(v.mentions):
            after = rx(r" \(([A-Z][A-Za-z&]{1,7})\)").match(v.text[m.end : m.end + 12])
            if after and m.label in ("Organisation", "Publication", "Concept"):
                memory.setdefault(normalise(after.group(1)), (m.label, after.group(1)))


def _memory_pass(still: _Pending, lex: Lexicon, memory: _Memory) -> None:
    """Label what is left by the document's memory and the section's references (first names,
    surnames, abbreviations), or as an organisation when its name recurs without other clues."""
    # names that recur in the document without any other clue are organisations
    counts = Counter(normalise(" ".join(w.text for w in words)) for v, words, span in still if len(words) >= 2)
    # Each section's full names, as given names and surnames: kept up to date as this loop
    # adds mentions (it only appends), rather than gathered again for every span.
    named: dict[int, tuple[int, set[str]]] = {}  # id(view) -> (mentions read, the names)
    for v, words, span in still:
        text = " ".join(w.text for w in words)
        key = normalise(text)
        read, parts = named.get(id(v), (0, set()))
        for m in v.mentions[read:]:
            if m.label == "Person" and " " in m.name:
                parts.update((normalise(m.name.split()[0]), normalise(m.name.split()[-1])))
        named[id(v)] = (len(v.mentions), parts)
        if len(words) == 1 and key in parts:
            v.mentions.append(mention_of("Person", words, "person.reference", 0.8))
        elif key in memory:
            v.mentions.append(mention_of(memory[key][0], words, "memory", 0.7))
        elif (
            len(words) >= 2
            and normalise(words[0].text) in memory
            and memory[normalise(words[0].text)][0] == "Organisation"
        ):
            v.mentions.append(mention_of("Organisation", words[:1], "memory.prefix", 0.6))  # "Tarnaid DIY adviser"
        elif (
            counts[key] >= 2
            and not _idea_like(words, lex)
            and not span.initial
            and not any(w.text in lex.role_words for w in words)
        ):
            v.mentions.append(mention_of("Organisation", words, "org.recurring_name", 0.5))


def _people_over_places(views: list[SectionView]) -> None:
    """A surname or given name of someone the document names in full is that person, though a
    place shares it ("Marcus Fenwick ... Fenwick added"): the gazetteer gives way."""
    parts = {
        part
        for v in views
        for m in v.mentions
        if m.label == "Person" and " " in m.name
        for part in (m.name.split()[0], m.name.split()[-1])
    }
    for v in views:
        v.mentions = [
            Mention("Person", m.name, m.start, m.end, "person.reference", 0.8)
            if m.label == "Place" and m.rule == "place.lexicon" and m.name in parts
            else m
            for m in v.mentions
        ]


def _organisations_over_context_people(views: list[SectionView]) -> None:
    """A name read as a person only from context, but known as an organisation, is the organisation."""
    orgs = {normalise(m.name) for v in views for m in v.mentions if m.label == "Organisation"}
    for v in views:
        v.mentions = [
            Mention("Organisation", m.name, m.start, m.end, "memory", 0.6)
            if m.rule == "person.context" and normalise(m.name) in orgs
            else m
            for m in v.mentions
        ]


def _one_spelling_per_person(views: list[SectionView]) -> None:
    """One spelling per person in a document: "Jo Bloggs-Smith" and "Jo Bloggs Smith" are one name."""
    canon = _person_spellings([m.name for v in views for m in v.mentions if m.label == "Person" and " " in m.name])
    for v in views:
        v.mentions = [
            Mention(m.label, canon.get(m.name, m.name), m.start, m.end, m.rule, m.confidence)
            if m.label == "Person"
            else m
            for m in v.mentions
        ]


def _by_list(v: SectionView, words: tuple[Word, ...], lex: Lexicon) -> Mention | None:
    t = v.text
    s, e = words[0].start, words[-1].end
    gap = r"(?:,\s*(?:and\s+)?|\s+and\s+|\s+&\s+)(?:the\s+)?"
    neighbours = []
    for m in _near(v, s - 12, e + 12):
        if m.label not in ("Organisation", "Person"):
            continue
        if m.end <= s and re.fullmatch(gap, t[m.end : s]) or m.start >= e and re.fullmatch(gap, t[e : m.start]):
            neighbours.append(m)
    if not neighbours:
        return None
    if len(words) == 1 and words[0].text in lex.departments:
        return None  # "Head of Fundraising, Tarn Trust": a department beside a name
    if all(_title_word(w.text, lex) for w in words):
        return None  # "Jo Bloggs - Chief Executive, Tarn Council": a title beside a name
    if is_acronym(words[0].text) and concept_acronym(t, words[0]):
        return None
    labels = {m.label for m in neighbours}
    common = len(words) == 1 and words[0].text.lower() in lower_words(v.text)
    if common and not (any(m.end <= s for m in neighbours) and any(m.start >= e for m in neighbours)):
        return None  # a common word in a list ("Trust, Power and Connection") needs names on both sides
    if labels == {"Person"}:
        if len(words) == 1 and all(" " not in m.name for m in neighbours) and words[0].text not in lex.places:
            return mention_of("Person", words, "person.list", 0.6)
        if (
            2 <= len(words) <= 3
            and words[0].text in lex.first_names
            and not any(w.text in lex.org_words for w in words)
        ):
            return mention_of("Person", words, "person.list", 0.65)  # "A, Jo Bloggs, B": a name among names
        return None
    if labels == {"Organisation"} and not (len(words) == 1 and words[0].text in lex.places):
        return mention_of("Organisation", words, "org.list", 0.6)
    return None


def _idea_like(words: tuple[Word, ...], lex: Lexicon) -> bool:
    if is_glossary_term(" ".join(w.text for w in words)):
        return True
    return any(w.text.lower() in lex.concept_heads_lower for w in words[-1:]) or any(
        w.text in lex.places or w.text in lex.non_name_caps for w in words
    )


def _person_spellings(names: list[str]) -> dict[str, str]:
    """Map each spelling of a full name to the document's preferred spelling of it."""
    from rapidfuzz import fuzz

    counts = Counter(names)
    forms = sorted(counts, key=lambda n: (-counts[n], "-" not in n, -len(n), n))
    canon: dict[str, str] = {}
    # The spellings kept so far, per given name, in the order kept: a long document names
    # thousands of people, and only those who share a given name need comparing.
    kept: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form in forms:
        squashed = normalise(form).replace(" ", "")
        same_given = kept[form.split()[0]]
        for best, other in same_given:
            if other == squashed or fuzz.ratio(other, squashed) >= 90:
                canon[form] = best
                break
        else:
            canon[form] = form
            same_given.append((form, squashed))
    return canon


def _near(v: SectionView, lo: int, hi: int) -> list[Mention]:
    """Mentions that overlap ``[lo, hi)``, found by bisection (sections can be long)."""
    import bisect

    index = getattr(v, "_index", None)
    if index is None or index[0] != len(v.mentions):
        ordered = sorted(v.mentions, key=lambda m: m.start)
        index = (
            len(v.mentions),
            ordered,
            [m.start for m in ordered],
            max((m.end - m.start for m in ordered), default=0),
        )
        v._index = index
    _, ordered, starts, longest = index
    i = bisect.bisect_left(starts, lo - longest)
    j = bisect.bisect_left(starts, hi)
    return [m for m in ordered[i:j] if m.end > lo]
