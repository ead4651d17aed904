"""What one candidate name's own words, and the sentence around it, say it is.

Each rule here looks at a single span: its words ("Trust", a given name, a listed place, an
event's head word), or the words before and after it ("X, CEO of Y", "funded by X", "Jess
is thinking"). :mod:`loaders.extract.classify` runs them in passes over a document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import Lexicon, alternation, rx, rx_with
from .mentions import Mention
from .organisations import is_acronym, org_by_words, place_name, publication_by_words
from .people import clean_words, looks_like_person, person_name
from .spans import Span, Word, lower_words

if TYPE_CHECKING:  # pragma: no cover
    from .classify import SectionView

__all__ = ["concept_acronym", "label_by_context", "label_by_words", "lone_given_name", "mention_of"]


def mention_of(label: str, words: tuple[Word, ...], rule: str, conf: float, name: str | None = None) -> Mention:
    """A mention over ``words``, named by them unless ``name`` is given."""
    return Mention(label, name or " ".join(w.text for w in words), words[0].start, words[-1].end, rule, conf)


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


def label_by_words(
    v: SectionView, words: tuple[Word, ...], cells: dict[str, str], lex: Lexicon, role: str
) -> Mention | None:
    """A label read from the name's own words: a cell's title, an event's head word, a given
    name, "Trust", a street, a listed place, a known acronym."""
    text = " ".join(w.text for w in words)
    if text.casefold() in cells:
        return mention_of("Cell", words, "cell.title_name", 0.9, cells[text.casefold()])
    after = v.text[words[-1].end : words[-1].end + 40]
    before = v.text[max(0, words[0].start - 4) : words[0].start]
    if rx(
        r"^ (?:initiative|agenda|approach|model|policy|concept|idea|principle|framework|method|methodology|philosophy|"
        r"paradigm|theory|act|bill)\b"
    ).match(after):
        return None  # a named idea, not an organisation ("Open Valley initiative")
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
        return mention_of("Meeting", words, "meeting.name", 0.8)  # "Tarn Valley Annual Conference 2024"
    head = rx(r"^ (network|project|programme)\b").match(after)
    if head and not looks_like_person(words, lex) and text not in lex.places and not rx(r"\ban? $").search(before):
        m = mention_of("Organisation", words, "org.lower_head", 0.75)
        return Mention(m.label, f"{m.name} {head.group(1)}", m.start, words[-1].end + head.end(), m.rule, m.confidence)
    if rx(r"\b(?:an?|any|each|every|one) $").search(before) and org_by_words(words, lex) and len(words) <= 3:
        return None  # "an NHS Trust": a kind of organisation, not a name
    cleaned = clean_words(words, lex)
    if (
        len(cleaned) < len(words)
        and words[0].text in lex.honorifics
        and looks_like_person(cleaned, lex, known_given=False)
    ):
        return mention_of("Person", cleaned, "person.honorific", 0.85, person_name(cleaned))
    if looks_like_person(cleaned, lex):
        return mention_of("Person", cleaned, "person.given_name", 0.9, person_name(cleaned))
    if len(words) >= 2 and words[-1].text in _STREET_WORDS and not looks_like_person(words[:-1], lex):
        return mention_of("Place", words, "place.street", 0.75)  # "Mill Lane", "Chippenham Road"
    if place_name(text, lex):
        m = mention_of("Place", words, "place.lexicon", 0.9)
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
        return mention_of("Place", words, "place.lexicon", 0.8)
    if publication_by_words(words, lex):
        return mention_of("Publication", words, "publication.title_word", 0.8)
    if org_by_words(words, lex):
        return mention_of("Organisation", words, "org.type_word", 0.85)
    if len(words) == 1 and text in _INSTITUTIONS:
        return mention_of("Organisation", words, "org.institution", 0.7)
    if len(words) == 1 and text in lex.known_org_acronyms:
        return mention_of("Organisation", words, "org.known_acronym", 0.85)
    return None


def label_by_context(v: SectionView, words: tuple[Word, ...], lex: Lexicon, role: str) -> Mention | None:
    """A label read from the sentence around the name: "X, CEO of Y", "X said", "funded by X",
    "organisations like X", "a report called X"."""
    t = v.text
    s, e = words[0].start, words[-1].end
    before = t[max(0, s - 60) : s]
    after = t[e : e + 80]
    text = " ".join(w.text for w in words)
    cleaned = clean_words(words, lex)
    if _reads_as_person(v, cleaned, before, after, lex, role):
        return mention_of("Person", cleaned, "person.context", 0.75, person_name(cleaned))
    if any(w.text in lex.first_names for w in words[:1]) and len(words) == 1:
        return None  # a lone given name is never an organisation
    if len(words) == 1 and text in lex.departments and not is_acronym(text):
        return None  # "Grants awarded by ...", "Funding came from ...": a common noun, capitalised
    if text in lex.departments and rx_with(r"\b(?:{words}) (?:of|for) $", role, re.IGNORECASE).search(before):
        return None  # "Head of Grants", "Director for Policy": the rest of a title, not an organisation
    if all(w.text in lex.role_words for w in words) and rx(r" (?:of|at|for) (?:the )?[A-Z]").match(after):
        return None  # "Head of Policy of Tarn Trust": the end of a title, whose organisation follows
    if len(words) == 1 and text.lower() in lower_words(v.text) and not is_acronym(text):
        # a common word ("Health") becomes a name only in the strongest contexts
        if rx_with(r"\b(?:{words}) (?:of|at) (?:the )?$", role, re.IGNORECASE).search(before) or (
            rx(r"\b[A-Z][\w-]+,? (?:from|at) (?:the )?$").search(before) and _person_ends_before(v, s)
        ):
            return mention_of("Organisation", words, "org.context", 0.6)
        return None
    if _reads_as_organisation(v, words, text, before, after, lex, role):
        if len(words) == 1 and words[0].text in lex.places:
            return None
        return mention_of("Organisation", words, "org.context", 0.7)
    if len(words) >= 2 and is_acronym(words[-1].text) is False and rx(r" \([A-Z&]{2,7}\)").match(after):
        return mention_of("Organisation", words, "org.defined_abbreviation", 0.7)
    if len(words) >= 2 and rx(
        r"\b(?:publication|report|book|paper|pamphlet|manifesto) (?:called |titled |entitled )?$", re.IGNORECASE
    ).search(before):
        return mention_of("Publication", words, "publication.cue", 0.7)
    return None


def _reads_as_person(
    v: SectionView, cleaned: tuple[Word, ...], before: str, after: str, lex: Lexicon, role: str
) -> bool:
    """Whether a name of a person's shape stands where people are named: "X, CEO of Y", "X, from
    Y", "X said", "X became chair", "chaired by X"."""
    if not looks_like_person(cleaned, lex, known_given=False):
        return False
    if 2 * sum(w.text.lower() in lower_words(v.text) for w in cleaned) >= len(cleaned):
        return False  # "Open Road", "Youth Voice": made of common words, not a person's name
    return bool(
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
    )


def _opening_common_word(words: tuple[Word, ...], before: str, lex: Lexicon) -> bool:
    """ "New centre opens", "Local charity wins": a common word capitalised only because it
    opens a sentence or a headline, not a name before "centre"."""
    opening = not before.strip() or before.rstrip(" ")[-1:] in ("\n", ".", "!", "?", ":")
    return len(words) == 1 and opening and words[0].text.lower() in lex.common_words


def _reads_as_organisation(
    v: SectionView, words: tuple[Word, ...], text: str, before: str, after: str, lex: Lexicon, role: str
) -> bool:
    """Whether the name stands where organisations are named: "CEO of X", "Jo Bloggs, from X", "X,
    a charity", "organisations like X", "funded by X", "X funds"."""
    s = words[0].start
    desc = _org_desc(lex)
    return bool(
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
        and not _opening_common_word(words, before, lex)
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
    )


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


def _org_desc(lex: Lexicon) -> str:
    return alternation(lex.org_descriptors_lower)


def _person_ends_before(v: SectionView, pos: int) -> bool:
    """True when a person's name ends shortly before ``pos`` ("Jo Bloggs, from ...")."""
    return any(m.label == "Person" and 0 <= pos - m.end <= 40 and "\n" not in v.text[m.end : pos] for m in v.mentions)


_PERSON_NEXT = re.compile(
    r"^(?:,|\s+(?:and|is|was|are|were|has|had|said|says|spoke|thinks|felt|feels|noted|added|explained|"
    r"described|shared|suggested|pointed|asked|introduced|agreed|will|would|can|could|who|[a-z]+ed|[a-z]+s)\b)"
)


def lone_given_name(
    v: SectionView, words: tuple[Word, ...], span: Span, lower_vocab: frozenset[str], lex: Lexicon
) -> Mention | None:
    """A lone given name that reads as a person: "Ada is thinking", "with Tomas"."""
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
    return mention_of("Person", words, "person.first_name_only", 0.5)


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


def concept_acronym(text: str, word: Word) -> bool:
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
