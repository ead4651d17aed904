"""The extractor: Document -> Extraction, section by section, with rules over a spaCy pipeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from loaders.names import normalise

from ..dates import parse_date
from ..document import Document, Section
from ..records import Entity, EntityRef, Evidence, Extraction, Relation
from .classify import SectionView, label_document
from .concepts import concept_counts, find_concepts
from .context_types import promote_by_context
from .document_context import find_title, heading_org, meeting_holder, most_named_host, named_meeting
from .document_context import host as document_host
from .hedges import hedged
from .lexicon import Lexicon, load_lexicon
from .listed import with_listed_names
from .meetings import MeetingInfo, cells_from_minutes, cells_from_titles, meeting_for_section
from .mentions import Mention, Occupied
from .minutes import MinutesHeading, minutes_heading
from .pipeline import build_nlp, sentence_offsets
from .relations import Found, SectionFacts, find_relations
from .resolve_local import resolve_section
from .spans import Sentence, cased_view, find_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..catalogue import Catalogue

__all__ = ["PIECE_CHARS", "Extractor", "make_extractor"]

# spaCy refuses texts over ``nlp.max_length`` (a million characters) and a statistical model
# needs about 1 GB per 100,000 characters, so a longer section is read in pieces of at most this
# many characters, cut at a paragraph break where there is one: a 50 MB file of unbroken notes
# builds in bounded memory and loses at most the facts that straddle a cut.
PIECE_CHARS = 100_000
_BATCH = 16  # pieces parsed at a time


def make_extractor(model: str | None = None, catalogue: Catalogue | None = None) -> Extractor:
    """Build an :class:`Extractor` on a blank English pipeline (``model=None``) or an installed model.

    Raises:
        ExtractionError: ``model`` is not installed (kg never downloads models).
    """
    return Extractor(build_nlp(model, catalogue), catalogue)


class Extractor:
    """Reads people, organisations, meetings, cells, places, publications, concepts and their
    relations from documents. Deterministic: the same document always gives the same result."""

    def __init__(self, nlp: Language, catalogue: Catalogue | None = None, lexicon: Lexicon | None = None) -> None:
        self.nlp = nlp
        # Sentence starts marked token by token (kg's own rule, spaCy's sentencizer or senter)
        # are read from arrays; a parser's sentences are read as spaCy makes them.
        self._marked_sentences = not nlp.has_pipe("parser")
        self.catalogue = catalogue
        self.lexicon = lexicon or load_lexicon()
        self._ignore = {normalise(n) for n in (catalogue.ignore if catalogue else ())}

    def extract(self, document: Document, progress: Callable[[int, int], None] | None = None) -> Extraction:
        """Extract the entities and relations of one document.

        ``progress(done, total)`` is called as the work goes on, for a long document's pause:
        each character counts twice, once when its words are read and once when its facts are.
        """
        return next(self.extract_many([document], progress))

    def extract_many(
        self, documents: Iterable[Document], progress: Callable[[int, int], None] | None = None
    ) -> Iterator[Extraction]:
        """Extract many documents with ``nlp.pipe``; results come in the input order.

        ``progress`` is as for :meth:`extract`, counting afresh for each document.
        """
        for document in documents:
            pieces = [p for s in document.sections for p in _pieces(document, s)]
            texts = [cased_view(_section_text(document, p), self.lexicon) for p in pieces]
            # a stream, not a list: a long document's parsed pieces are let go one by one
            docs = self.nlp.pipe(texts, batch_size=_BATCH)
            yield self._extract(document, pieces, texts, docs, progress)

    # -- internals -------------------------------------------------------------------------

    def _extract(
        self,
        document: Document,
        pieces: list[Section],
        texts: list[str],
        docs: Iterable[Doc],
        progress: Callable[[int, int], None] | None = None,
    ) -> Extraction:
        lex = self.lexicon
        views = []
        total = 2 * sum(map(len, texts))
        done = 0
        for section, text, doc in zip(pieces, texts, docs, strict=True):
            if self._marked_sentences:
                sentences = tuple([Sentence(k, a, b) for k, (a, b) in enumerate(sentence_offsets(doc))])
            else:
                sentences = tuple(Sentence(k, s.start_char, s.end_char) for k, s in enumerate(doc.sents))
            catalogue = [
                Mention(ent.label_, ent.ent_id_ or ent.text, ent.start_char, ent.end_char, "catalogue", 1.0)
                for ent in doc.ents
                if ent.label_ in ("Person", "Organisation", "Cell", "Meeting", "Concept", "Place", "Publication")
            ]
            view = SectionView(
                section.index,
                section.title,
                _section_base(document, section),
                text,
                sentences,
                find_spans(text, sentences, lex),
                catalogue,
            )
            views.append(view)
            if progress is not None and total:
                done += len(text)
                progress(done, total)
        # a section read in pieces has its heading in its first piece
        minutes: dict[int, MinutesHeading | None] = {}
        for section, view in zip(pieces, views, strict=True):
            if section.index not in minutes:
                minutes[section.index] = minutes_heading(section.title, view.text)
        cells = cells_from_titles([s.title for s in document.sections]) | cells_from_minutes(minutes.values())
        label_document(views, cells, self._ignore, lex)
        for view in views:
            view.mentions = sorted(view.catalogue + view.mentions, key=lambda m: (m.start, -m.end, m.label))
        host = document_host(views)
        promote_by_context(views, host, lex, self._ignore)
        counts = concept_counts([v.text for v in views], lex)
        known = frozenset(normalise(m.name) for v in views for m in v.mentions if m.label != "Concept")
        entities: list[Entity] = []
        relations: list[Relation] = []
        meetings: dict[int, tuple[MeetingInfo | None, str | None]] = {}
        # Each view is let go once its facts are read: a long document's words and spans then
        # make way for its facts instead of adding to them.
        views.reverse()
        for section in pieces:
            view = views.pop()
            # a section read in pieces records one meeting, named and dated by its first piece
            first = section.index not in meetings
            if first:
                meeting = meeting_for_section(section.title, view.text, cells, minutes[section.index])
                date = (meeting.date or section.date or parse_date(view.text[:400])) if meeting else None
                meetings[section.index] = (meeting, date)
            ents, rels = self._section(
                document, section, view, cells, host, counts, known, meetings[section.index], first
            )
            entities += ents
            relations += rels
            if progress is not None and total:
                done += len(view.text)
                progress(done, total)
        return Extraction(document.id, document.path, tuple(entities), tuple(relations))

    def _section(
        self,
        document: Document,
        section: Section,
        view: SectionView,
        cells: dict[str, str],
        host: str | None,
        counts: Counter,
        known: frozenset[str],
        meeting_date: tuple[MeetingInfo | None, str | None],
        first: bool,
    ) -> tuple[list[Entity], list[Relation]]:
        meeting, date = meeting_date
        mentions, names = self._section_mentions(section, view, meeting, cells, counts, known)
        evidence = partial(_evidence, document, section.title, view.base)
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, m in enumerate(mentions):
            groups[(m.label, names[i])].append(i)
        title_at = find_title(view.text, section.title) if first else None
        extra = _meeting_extras(view, meeting, date, title_at, groups, evidence, self.lexicon)
        entities = _entities(groups, mentions, extra, section.index, evidence)
        local = most_named_host([view])
        facts = SectionFacts(
            view.text,
            view.sentences,
            mentions,
            names,
            meeting.name if meeting else named_meeting(mentions, names, view.text, section.title),
            meeting.cell if meeting else None,
            local or (host if host and ("Organisation", host) in groups else None),
            _title_org(mentions, names, view.text, section.title, meeting, extra, self.lexicon),
        )
        found = [f for f in find_relations(facts, self.lexicon) if not hedged(view.text, view.sentences, f)]
        found += _title_relations(meeting, entities, title_at, view, self.lexicon)
        return entities, _best_relations(found, entities, evidence)

    def _section_mentions(
        self,
        section: Section,
        view: SectionView,
        meeting: MeetingInfo | None,
        cells: dict[str, str],
        counts: Counter,
        known: frozenset[str],
    ) -> tuple[list[Mention], dict[int, str]]:
        """The section's mentions with its ideas, in order, and each one's name in the section."""
        mentions = with_listed_names(view.text, list(view.mentions))
        if meeting:
            # the title's meeting named again, in part, in its text ("Lights Roundtable" in the
            # title line "Harbour Lights Roundtable held in Whitby") is that meeting
            whole = normalise(meeting.name)
            mentions = [
                m._replace(name=meeting.name) if m.label == "Meeting" and normalise(m.name) in whole else m
                for m in mentions
            ]
        occupied = Occupied((m.start, m.end) for m in mentions)
        leftovers = [sp for sp in view.spans if not occupied.overlaps(sp.start, sp.end)]
        concepts = find_concepts(
            view.text, view.sentences, section.title, mentions, leftovers, counts, self.lexicon, cells, known
        )
        if meeting:  # the meeting's own name, read off its title, is not an idea it discussed
            concepts = [c for c in concepts if normalise(c.name) != normalise(meeting.name)]
        mentions += concepts
        # the catalogue's ignore list wins over every rule
        mentions = sorted(
            (m for m in mentions if normalise(m.name) not in self._ignore),
            key=lambda m: (m.start, -m.end, m.label),
        )
        names, _ = resolve_section(mentions, view.text)
        return mentions, names


def _title_org(
    mentions: list[Mention],
    names: dict[int, str],
    text: str,
    title: str,
    meeting: MeetingInfo | None,
    extra: dict[tuple[str, str], tuple[list[Evidence], tuple]],
    lex: Lexicon,
) -> tuple[str, str] | None:
    """The body a section's heading names: an organisation ("Minutes of the board of the Tarn
    Trust"), the body whose meeting its title names ("Tarn CVS AGM"), or the standing group
    whose minutes these are."""
    heading = heading_org(mentions, names, text, title)
    if heading:
        return "Organisation", heading
    holder = meeting_holder(meeting.name, lex) if meeting else None
    if holder and ("Organisation", holder) in extra:
        return "Organisation", holder
    return ("Cell", meeting.cell) if meeting and meeting.cell else None


def _evidence(document: Document, title: str, base: int, start: int, end: int, rule: str, conf: float) -> Evidence:
    """Evidence for section-relative offsets ``start:end`` of the section at ``base``."""
    return Evidence(
        document.path, title, document.text[base + start : base + end], base + start, base + end, rule, conf
    )


def _meeting_extras(
    view: SectionView,
    meeting: MeetingInfo | None,
    date: str | None,
    title_at: tuple[int, int] | None,
    groups: dict[tuple[str, str], list[int]],
    evidence: Callable[..., Evidence],
    lex: Lexicon,
) -> dict[tuple[str, str], tuple[list[Evidence], tuple]]:
    """The entities a section's title names beyond its text: its meeting (dated), the cell the
    meeting belongs to, and the body whose meeting it is ("Tarn CVS Annual General Meeting")."""
    extra: dict[tuple[str, str], tuple[list[Evidence], tuple]] = {}
    if not meeting:
        return extra
    ev = [evidence(title_at[0], title_at[1], meeting.rule, 0.9)] if title_at else []
    extra[("Meeting", meeting.name)] = (ev, (("date", date),) if date else ())
    if meeting.cell and ("Cell", meeting.cell) not in groups:
        extra[("Cell", meeting.cell)] = (ev, ())
    for name, start, end in _venue_places(view.text, meeting, lex):
        extra[("Place", name)] = ([evidence(start, end, "place.minutes_venue", 0.7)], ())
    holder = meeting_holder(meeting.name, lex)
    if holder and title_at and ("Organisation", holder) not in groups:
        at = view.text.find(holder, title_at[0], title_at[1])
        if at >= 0:
            extra[("Organisation", holder)] = ([evidence(at, at + len(holder), "org.meeting_holder", 0.75)], ())
    return extra


def _venue_places(text: str, meeting: MeetingInfo, lex: Lexicon) -> list[tuple[str, int, int]]:
    """The venue a meeting's heading names, and the town that ends it when the town is a
    known place ("Riverside Room, Tarn House, Kendal" and "Kendal"), with where each is."""
    if not meeting.venue:
        return []
    start, end = meeting.venue
    venue = text[start:end]
    found = [(venue, start, end)]
    town = venue.rsplit(",", 1)[-1].strip()
    if town != venue and town in lex.places:
        found.append((town, end - len(town), end))
    return found


def _entities(
    groups: dict[tuple[str, str], list[int]],
    mentions: list[Mention],
    extra: dict[tuple[str, str], tuple[list[Evidence], tuple]],
    index: int,
    evidence: Callable[..., Evidence],
) -> list[Entity]:
    """One entity per (label, name) of the section, with every mention's evidence; the title's
    extra entities join an entity of the same name (a meeting named in its text too)."""
    entities = []
    for (label, name), idxs in sorted(groups.items()):
        evs = tuple(
            evidence(mentions[i].start, mentions[i].end, mentions[i].rule, mentions[i].confidence) for i in idxs
        )
        aliases = tuple(sorted({e.quote for e in evs} - {name}))
        attrs = ()
        if label == "Concept":
            core = any(mentions[i].rule.endswith(".core") for i in idxs)
            attrs = (("salience", "core" if core else "mention"),)
        entities.append(Entity(label, name, index, aliases, evs, attrs))
    by_key = {(e.label, e.name): k for k, e in enumerate(entities)}
    for (label, name), (evs, attrs) in sorted(extra.items()):
        if (label, name) in by_key:
            k = by_key[(label, name)]
            e = entities[k]
            entities[k] = replace(e, mentions=tuple(evs) + e.mentions, attrs=tuple(sorted(set(e.attrs) | set(attrs))))
            continue
        entities.append(Entity(label, name, index, (), tuple(evs), attrs))
    entities.sort(key=lambda e: (e.label, e.name))
    return entities


def _title_relations(
    meeting: MeetingInfo | None,
    entities: list[Entity],
    title_at: tuple[int, int] | None,
    view: SectionView,
    lex: Lexicon,
) -> list[Found]:
    """The facts a section's title states: its meeting is part of its cell, was held at the
    venue its heading names, and discussed the ideas the section is about."""
    found: list[Found] = []
    if not meeting:
        return found
    base = view.base
    for name, _, _ in _venue_places(view.text, meeting, lex):
        start, end = meeting.venue
        found.append(
            Found("LOCATED_IN", ("Meeting", meeting.name), ("Place", name), start, end, "located.minutes_venue", 0.7)
        )
    if meeting.cell and title_at:
        found.append(
            Found(
                "PART_OF",
                ("Meeting", meeting.name),
                ("Cell", meeting.cell),
                title_at[0],
                title_at[1],
                "part_of.title",
                0.9,
            )
        )
    for e in entities:
        if e.label == "Concept" and dict(e.attrs).get("salience") == "core":
            m0 = e.mentions[0]
            found.append(
                Found(
                    "DISCUSSED",
                    ("Meeting", meeting.name),
                    (e.label, e.name),
                    m0.start - base,
                    m0.end - base,
                    "discussed.core_concept",
                    0.6,
                )
            )
    return found


def _best_relations(found: list[Found], entities: list[Entity], evidence: Callable[..., Evidence]) -> list[Relation]:
    """One relation per (type, source, target) between the section's entities: the most
    confident reading, then the shortest quote, then the first."""
    known = {(e.label, e.name) for e in entities}
    best: dict[tuple, Found] = {}
    for f in found:
        if f.source not in known or f.target not in known or f.source == f.target:
            continue
        src, tgt = f.source, f.target
        if f.type == "PARTNERED_WITH" and src > tgt:
            src, tgt = tgt, src
        key = (f.type, src, tgt)
        cur = best.get(key)
        if cur is None or (-f.confidence, f.end - f.start, f.start) < (-cur.confidence, cur.end - cur.start, cur.start):
            best[key] = Found(f.type, src, tgt, f.start, f.end, f.rule, f.confidence, f.attrs)
    return [
        Relation(t, EntityRef(*s), EntityRef(*g), evidence(f.start, f.end, f.rule, f.confidence), f.attrs)
        for (t, s, g), f in sorted(best.items())
    ]


def _section_text(document: Document, section: Section) -> str:
    text = document.text[section.start : section.end]
    return text if text == section.text or not section.text else section.text


def _pieces(document: Document, section: Section, limit: int = PIECE_CHARS) -> list[Section]:
    """The section itself, or (when longer than ``limit``) consecutive pieces of it, each a
    :class:`Section` with the same index and title whose text is its slice of the document."""
    text = _section_text(document, section)
    if len(text) <= limit:
        return [section]
    base = _section_base(document, section)
    pieces = []
    at = 0
    while at < len(text):
        end = len(text) if len(text) - at <= limit else _cut(text, at, at + limit)
        pieces.append(replace(section, start=base + at, end=base + end, text=text[at:end]))
        at = end
    return pieces


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end a piece that starts at ``lo``: after the last paragraph break, line break,
    sentence end or space before ``hi``, in that order, in its second half; else at ``hi``."""
    mid = lo + (hi - lo) // 2
    for mark in ("\n\n", "\n", ". ", " "):
        at = text.rfind(mark, mid, hi)
        if at >= 0:
            return at + len(mark)
    return hi


def _section_base(document: Document, section: Section) -> int:
    if document.text[section.start : section.end] == section.text or not section.text:
        return section.start
    at = document.text.find(section.text)
    return at if at >= 0 else section.start
