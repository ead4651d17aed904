"""Labelling candidate spans: Person, Organisation, Place, Publication, Cell.

Passes, strongest first: catalogue; words of the span (given name, "Trust", a listed
place); the sentence around it ("X, CEO of Y", "organisations like Y"); lists that
mix known and unknown names; and the document's memory (a name labelled once keeps
its label in every section of the document).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.names import normalise

from .concepts import is_glossary_term
from .lexicon import Lexicon, alternation, rx, rx_with
from .mentions import Mention
from .organisations import is_acronym, org_by_words, place_name, publication_by_words
from .people import clean_words, looks_like_person, person_name
from .phrase_names import names_by_phrase
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


# Words that end an event's name ("Annual Conference"), and those that follow a name in lower
# case ("the Tarn Trust launch"); not "Forum" or "Assembly", which name standing bodies too.
_EVENT_WORDS = frozenset(
    (
        "Conference",
        "Convention",
        "Summit",
        "Festival",
        "Roundtable",
        "Symposium",
        "Seminar",
        "Lecture",
        "Webinar",
        "Workshop",
        "AGM",
        "Launch",
        "Meeting",
        "Gathering",
        "Congress",
        "Expo",
        "Hustings",
        "Colloquium",
    )
)
_EVENT_HEAD = (
    r"^ (conference|convention|summit|festival|roundtable|round table|launch|webinar|seminar|workshop|"
    r"symposium|lecture|meeting|annual general meeting|agm|hustings|open day|celebration|(?:official )?opening|"
    r"event|events)\b(?! (?:of|for|to|on)\b)"
)

_STREET_WORDS = frozenset(("Street", "Road", "Lane", "Avenue", "Crescent", "Terrace", "Square", "Boulevard", "Parade"))


def _title_word(text: str, lex: Lexicon) -> bool:
    """A word of a job title: "Chief", "Officer", "Co-ordinator", "Project"."""
    return text in lex.role_words or text.lower() in lex.role_heads_lower


# capitalised single words that, mid-sentence, name one national body
_INSTITUTIONS = {
    "Government",
    "Parliament",
    "Treasury",
    "Whitehall Government",
    "Cabinet",
    "Ofsted",
    "Ofgem",
    "Ofwat",
}


def _mk(label: str, words: tuple[Word, ...], rule: str, conf: float, name: str | None = None) -> Mention:
    return Mention(label, name or " ".join(w.text for w in words), words[0].start, words[-1].end, rule, conf)


def _overlaps(a_start: int, a_end: int, spans: list[Mention]) -> bool:
    return any(m.start < a_end and a_start < m.end for m in spans)


def label_document(views: list[SectionView], cells: dict[str, str], ignore: set[str], lex: Lexicon) -> None:
    """Fill ``view.mentions`` for every section of one document."""
    lower_vocab = frozenset().union(*(lower_words(v.text) for v in views))
    role = _role_alt(lex)
    pending: list[tuple[SectionView, tuple[Word, ...], Span]] = []
    memory: dict[str, tuple[str, str]] = {}  # normalised surface -> (label, canonical name)

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
            m = _by_words(v, words, cells, lex, role)
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

    # the sentence around the span
    still: list[tuple[SectionView, tuple[Word, ...], Span]] = []
    for v, words, span in pending:
        m = _by_context(v, words, lex, role)
        if m:
            v.mentions.append(m)
            memory.setdefault(normalise(m.name), (m.label, m.name))
        else:
            still.append((v, words, span))

    # a lone given name that reads as a person ("Jess is thinking", "with Julian")
    rest = []
    for v, words, span in still:
        m = _first_name_only(v, words, span, lower_vocab, lex)
        text = " ".join(w.text for w in words)
        if (
            not m
            and len(words) == 1
            and is_acronym(text)
            and len(text) >= 3
            and text.lower() not in lower_vocab
            and not span.initial
            and not _concept_acronym(v.text, words[0])
            and normalise(text) not in memory
        ):
            m = _mk("Organisation", words, "org.acronym", 0.5)
        if m:
            v.mentions.append(m)
        else:
            rest.append((v, words, span))
    still = rest

    # lists: "A, B and C" where one item is already known
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

    # abbreviations defined after a name: "Coastal Youth Alliance (CYA)"
    for v in views:
        for m in list(v.mentions):
            after = rx(r" \(([A-Z][A-Za-z&]{1,7})\)").match(v.text[m.end : m.end + 12])
            if after and m.label in ("Organisation", "Publication", "Concept"):
                memory.setdefault(normalise(after.group(1)), (m.label, after.group(1)))

    # names that recur in the document without any other clue are organisations
    counts = Counter(normalise(" ".join(w.text for w in words)) for v, words, span in still if len(words) >= 2)
    # document memory and in-section references (first names, surnames, abbreviations)
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
            v.mentions.append(_mk("Person", words, "person.reference", 0.8))
        elif key in memory:
            v.mentions.append(_mk(memory[key][0], words, "memory", 0.7))
        elif (
            len(words) >= 2
            and normalise(words[0].text) in memory
            and memory[normalise(words[0].text)][0] == "Organisation"
        ):
            v.mentions.append(_mk("Organisation", words[:1], "memory.prefix", 0.6))  # "Shelter DIY adviser"

        elif (
            counts[key] >= 2
            and not _idea_like(words, lex)
            and not span.initial
            and not any(w.text in lex.role_words for w in words)
        ):
            v.mentions.append(_mk("Organisation", words, "org.recurring_name", 0.5))
    # a surname or given name of someone the document names in full is that person, though a
    # place shares it ("Marcus Fenwick ... Fenwick added"): the gazetteer gives way
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
    # a name read as a person only from context, but known as an organisation, is the organisation
    orgs = {normalise(m.name) for v in views for m in v.mentions if m.label == "Organisation"}
    for v in views:
        v.mentions = [
            Mention("Organisation", m.name, m.start, m.end, "memory", 0.6)
            if m.rule == "person.context" and normalise(m.name) in orgs
            else m
            for m in v.mentions
        ]
    # one spelling per person in a document: "Jo Bloggs-Smith" and "Jo Bloggs Smith" are one name
    canon = _person_spellings([m.name for v in views for m in v.mentions if m.label == "Person" and " " in m.name])
    for v in views:
        v.mentions = [
            Mention(m.label, canon.get(m.name, m.name), m.start, m.end, m.rule, m.confidence)
            if m.label == "Person"
            else m
            for m in v.mentions
        ]
    for v in views:
        v.mentions.sort(key=lambda m: (m.start, -m.end))


def _by_words(
    v: SectionView, words: tuple[Word, ...], cells: dict[str, str], lex: Lexicon, role: str
) -> Mention | None:
    text = " ".join(w.text for w in words)
    if text.casefold() in cells:
        return _mk("Cell", words, "cell.title_name", 0.9, cells[text.casefold()])
    after = v.text[words[-1].end : words[-1].end + 40]
    before = v.text[max(0, words[0].start - 4) : words[0].start]
    if rx(
        r"^ (?:initiative|agenda|approach|model|policy|concept|idea|principle|framework|method|methodology|philosophy|"
        r"paradigm|theory|act|bill)\b"
    ).match(after):
        return None  # a named idea, not an organisation ("Big Society initiative")
    event = rx(_EVENT_HEAD).match(after)
    if event and not looks_like_person(clean_words(words, lex), lex) and text not in lex.places:
        # "the Harbour Trust launch", "the Tarn Valley roundtable": an event named by its host
        return Mention(
            "Meeting",
            f"{text} {event.group(1)}",
            words[0].start,
            words[-1].end + event.end(),
            "meeting.lower_head",
            0.7,
        )
    if words[-1].text in _EVENT_WORDS and len(words) >= 2 and not looks_like_person(words, lex):
        return _mk("Meeting", words, "meeting.name", 0.8)  # "Tarn Valley Annual Conference 2024"
    head = rx(r"^ (network|project|programme)\b").match(after)
    if head and not looks_like_person(words, lex) and text not in lex.places and not rx(r"\ban? $").search(before):
        m = _mk("Organisation", words, "org.lower_head", 0.75)
        return Mention(m.label, f"{m.name} {head.group(1)}", m.start, words[-1].end + head.end(), m.rule, m.confidence)
    if rx(r"\b(?:an?|any|each|every|one) $").search(before) and org_by_words(words, lex) and len(words) <= 3:
        return None  # "an NHS Trust": a kind of organisation, not a name
    cleaned = clean_words(words, lex)
    if (
        len(cleaned) < len(words)
        and words[0].text in lex.honorifics
        and looks_like_person(cleaned, lex, known_given=False)
    ):
        return _mk("Person", cleaned, "person.honorific", 0.85, person_name(cleaned))
    if looks_like_person(cleaned, lex):
        return _mk("Person", cleaned, "person.given_name", 0.9, person_name(cleaned))
    if len(words) >= 2 and words[-1].text in _STREET_WORDS and not looks_like_person(words[:-1], lex):
        return _mk("Place", words, "place.street", 0.75)  # "Mill Lane", "Chippenham Road"
    if place_name(text, lex):
        m = _mk("Place", words, "place.lexicon", 0.9)
        qualifier = rx(r"\b(?:central|greater|inner|outer|north|south|east|west|rural|urban) $").search(
            v.text[max(0, m.start - 10) : m.start]
        )
        if qualifier:
            start = m.start - (len(v.text[max(0, m.start - 10) : m.start]) - qualifier.start())
            return Mention("Place", v.text[start : m.end], start, m.end, "place.qualified", 0.8)
        return m
    if (
        len(words) >= 2
        and words[-1].text in lex.places
        and words[0].text.lower() in {"central", "greater", "inner", "outer"}
    ):
        return _mk("Place", words, "place.lexicon", 0.8)
    if publication_by_words(words, lex):
        return _mk("Publication", words, "publication.title_word", 0.8)
    if org_by_words(words, lex):
        return _mk("Organisation", words, "org.type_word", 0.85)
    if len(words) == 1 and text in _INSTITUTIONS:
        return _mk("Organisation", words, "org.institution", 0.7)
    if len(words) == 1 and text in lex.known_org_acronyms:
        return _mk("Organisation", words, "org.known_acronym", 0.85)
    return None


def _org_desc(lex: Lexicon) -> str:
    return alternation(lex.org_descriptors_lower)


def _by_context(v: SectionView, words: tuple[Word, ...], lex: Lexicon, role: str) -> Mention | None:
    t = v.text
    s, e = words[0].start, words[-1].end
    before = t[max(0, s - 60) : s]
    after = t[e : e + 80]
    text = " ".join(w.text for w in words)
    cleaned = clean_words(words, lex)
    namelike = looks_like_person(cleaned, lex, known_given=False)
    if namelike and 2 * sum(w.text.lower() in _lower_vocab_of(v) for w in cleaned) >= len(cleaned):
        namelike = False  # "Open Road", "Youth Voice": made of common words, not a person's name
    if namelike and (
        rx_with(
            r", (?:the |our |a |an )?(?:former |previously |now |then |interim |acting |"
            r"joint )?(?:[\w-]+ ){0,3}(?:{words})\b",
            role,
            re.IGNORECASE,
        ).match(after)
        or rx(r",? (?:from|of) (?:the )?[A-Z]").match(after)
        or rx(r" \((?:[\w-]+ ){0,4}[\w-]+,").match(after)
        or rx(
            r" (?:said|says|spoke|described|explained|presented|talked|noted|argued|suggested|highlighted|introduced|"
            r"shared|pointed out|reflected|added|observed)\b"
        ).match(after)
        or _role_change(role).match(after)
        or rx(
            r"(?:speaker (?:was|is)|speakers were|presentations? (?:from|by)|introduced by|followed by|chaired by|"
            r"facilitated by|convened by|led by|hosted by|thanks to|said|says|introduced|welcomed|pioneered by|"
            r"written by|civil servant|founder|author) $"
        ).search(before)
    ):
        return _mk("Person", cleaned, "person.context", 0.75, person_name(cleaned))
    if any(w.text in lex.first_names for w in words[:1]) and len(words) == 1:
        return None  # a lone given name is never an organisation
    if len(words) == 1 and text in lex.departments and not is_acronym(text):
        return None  # "Grants awarded by ...", "Funding came from ...": a common noun, capitalised
    if text in lex.departments and rx_with(r"\b(?:{words}) (?:of|for) $", role, re.IGNORECASE).search(before):
        return None  # "Head of Grants", "Director for Policy": the rest of a title, not an organisation
    if all(w.text in lex.role_words for w in words) and rx(r" (?:of|at|for) (?:the )?[A-Z]").match(after):
        return None  # "Head of Policy of Tarn Trust": the end of a title, whose organisation follows
    desc = _org_desc(lex)
    if len(words) == 1 and text.lower() in _lower_vocab_of(v) and not is_acronym(text):
        # a common word ("Health") becomes a name only in the strongest contexts
        if rx_with(r"\b(?:{words}) (?:of|at) (?:the )?$", role, re.IGNORECASE).search(before) or (
            rx(r"\b[A-Z][\w-]+,? (?:from|at) (?:the )?$").search(before) and _person_ends_before(v, s)
        ):
            return _mk("Organisation", words, "org.context", 0.6)
        return None
    if (
        (
            rx_with(r"\b(?:{words}) (?:of|at) (?:the )?$", role, re.IGNORECASE).search(before)
            and not rx(r"(?: and [A-Z][\w ]{0,40}?)? at (?:the )?[A-Z]").match(after)
        )
        or (rx(r"\b[A-Z][\w-]+,? (?:from|at) (?:the )?(?:[a-z]+ ){0,2}$").search(before) and _person_ends_before(v, s))
        or rx_with(r",? (?:a|an|the) (?:[\w-]+ ){0,3}(?:{words})\b", desc).match(after)
        or rx_with(r"\b(?:{words})s? (?:like|such as|including|called|named) (?:the )?$", desc).search(before)
        or rx(
            r" (?:[a-z-]+ ){0,2}(?:centre|charity|organisation|service|clinic|hospital|trust|foundation|coalition|"
            r"alliance|partnership|enterprise|company|housing association|social enterprise)\b"
        ).match(after)
        or rx(
            r"\b(?:staff|team|teams|colleagues|volunteers|works|worked|working|employed|based|job) (?:at|for|"
            r"by) (?:the )?$"
        ).search(before)
        or (is_acronym(text) and rx(r" (?:partnership|grant|funding|programme|initiative)\b").match(after))
        or rx(
            r"\b(?:national|local|regional|small|large|equality|housing|youth|community|grassroots|grass roots|"
            r"voluntary|umbrella|infrastructure) (?:charity|organisation|organization|body|group|funder) (?:the )?$"
        ).search(before)
        or rx(
            r"\b(?:funded by|supported by|grants? from|funding from|partnership with|partnerships with|partnered with|"
            r"merged with|joined forces with|alliance with|works alongside|work alongside|working alongside|member of|"
            r"members of|ownership of|coalition of|alliance of|we funded|we supported|we fund|we support) (?:the )?$",
            re.IGNORECASE,
        ).search(before)
        or rx(
            r" (?:has |had |have )?(?:always |also |previously |long |recently )?(?:funds|funded|grants|awarded|"
            r"commissioned|merged with|joined forces with)\b"
        ).match(after)
    ):
        if len(words) == 1 and words[0].text in lex.places:
            return None
        return _mk("Organisation", words, "org.context", 0.7)
    if len(words) >= 2 and is_acronym(words[-1].text) is False and rx(r" \([A-Z&]{2,7}\)").match(after):
        return _mk("Organisation", words, "org.defined_abbreviation", 0.7)
    if len(words) >= 2 and rx(
        r"\b(?:publication|report|book|paper|pamphlet|manifesto) (?:called |titled |entitled )?$", re.IGNORECASE
    ).search(before):
        return _mk("Publication", words, "publication.cue", 0.7)
    return None


# a change of office right after a name is a strong sign of a person: "Jo Bloggs became chair"
@lru_cache(maxsize=4)
def _role_change(role: str) -> re.Pattern[str]:
    return re.compile(
        r" (?:(?:has|had|will|was|were|is) )?(?:been )?(?:"
        r"(?:became|becomes|become|appointed|elected|joined (?:us |the board |the team )?as|took over as|takes over as|"
        r"retired as|resigned as|named as) (?:as )?(?:the |our |a |an |new |interim |acting |joint |deputy |vice )*"
        rf"(?:[\w-]+ )?(?i:{role})\b"
        r"|(?:appointed|elected|co-opted) to the board|joined (?:the|our) board|stepped down|steps down|stood down)"
    )


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
    if is_acronym(words[0].text) and _concept_acronym(t, words[0]):
        return None
    labels = {m.label for m in neighbours}
    common = len(words) == 1 and words[0].text.lower() in _lower_vocab_of(v)
    if common and not (any(m.end <= s for m in neighbours) and any(m.start >= e for m in neighbours)):
        return None  # a common word in a list ("Trust, Power and Connection") needs names on both sides
    if labels == {"Person"}:
        if len(words) == 1 and all(" " not in m.name for m in neighbours) and words[0].text not in lex.places:
            return _mk("Person", words, "person.list", 0.6)
        if (
            2 <= len(words) <= 3
            and words[0].text in lex.first_names
            and not any(w.text in lex.org_words for w in words)
        ):
            return _mk("Person", words, "person.list", 0.65)  # "A, Lawrence Black, B": a name among names
        return None
    if labels == {"Organisation"} and not (len(words) == 1 and words[0].text in lex.places):
        return _mk("Organisation", words, "org.list", 0.6)
    return None


_PERSON_NEXT = re.compile(
    r"^(?:,|\s+(?:and|is|was|are|were|has|had|said|says|spoke|thinks|felt|feels|noted|added|explained|"
    r"described|shared|suggested|pointed|asked|introduced|agreed|will|would|can|could|who|[a-z]+ed|[a-z]+s)\b)"
)


def _first_name_only(
    v: SectionView, words: tuple[Word, ...], span: Span, lower_vocab: frozenset[str], lex: Lexicon
) -> Mention | None:
    if len(words) != 1 or words[0].text not in lex.first_names:
        return None
    if span.initial and words[0].text.lower() in lower_vocab:
        return None
    before = v.text[max(0, words[0].start - 30) : words[0].start]
    prev = rx(r"([A-Za-z’'-]+)\W*$").search(before)
    if prev and not span.initial and prev.group(1)[0].islower() and prev.group(1).lower() not in _FUNCTION_WORDS:
        return None  # "the trespass Bill": a common noun before it
    if not _PERSON_NEXT.match(v.text[words[0].end : words[0].end + 20]):
        return None
    return _mk("Person", words, "person.first_name_only", 0.5)


_FUNCTION_WORDS = {
    "with",
    "and",
    "by",
    "to",
    "from",
    "for",
    "of",
    "as",
    "said",
    "says",
    "thanked",
    "thank",
    "thanks",
    "asked",
    "told",
    "invited",
    "introduced",
    "welcomed",
    "but",
    "or",
    "while",
    "when",
    "that",
    "so",
    "then",
    "because",
    "if",
    "although",
    "including",
    "like",
    "whom",
    "where",
}


def _idea_like(words: tuple[Word, ...], lex: Lexicon) -> bool:
    if is_glossary_term(" ".join(w.text for w in words)):
        return True
    return any(w.text.lower() in lex.concept_heads_lower for w in words[-1:]) or any(
        w.text in lex.places or w.text in lex.non_name_caps for w in words
    )


def _concept_acronym(text: str, word: Word) -> bool:
    """ "VEST as a guide", "OPERA stands for": an acronym naming a method, not a body."""
    after = text[word.end : word.end + 40]
    before = text[max(0, word.start - 20) : word.start]
    if rx(r"\bstands for\b").search(text[max(0, word.start - 80) : word.start]):
        return True  # the words an acronym spells out
    return bool(
        rx(
            r"^ (?:stands for|as a (?:guide|tool|framework|model)|is a (?:technique|method|tool|framework|model))"
        ).match(after)
        or rx(r"\b(?:uses?|using|adopt|adopts|applies|apply) $").search(before)
    )


def _person_ends_before(v: SectionView, pos: int) -> bool:
    """True when a person's name ends shortly before ``pos`` ("Jo Bloggs, from ...")."""
    return any(m.label == "Person" and 0 <= pos - m.end <= 40 and "\n" not in v.text[m.end : pos] for m in v.mentions)


def _lower_vocab_of(v: SectionView) -> frozenset[str]:
    return lower_words(v.text)


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
