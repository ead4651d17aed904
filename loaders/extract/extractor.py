"""The extractor: Document -> Extraction, section by section, with rules over a spaCy pipeline."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from loaders.names import normalise

from ..dates import parse_date
from ..document import Document, Section
from ..records import Entity, EntityRef, Evidence, Extraction, Relation
from .classify import SectionView, label_document
from .concepts import concept_counts, find_concepts
from .context_types import promote_by_context
from .lexicon import Lexicon, load_lexicon, rx
from .meetings import MeetingInfo, cells_from_titles, meeting_for_section
from .mentions import Mention, Occupied
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

    def __init__(
        self, nlp: Language, catalogue: Catalogue | None = None, lexicon: Lexicon | None = None
    ) -> None:
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
        for section, text, doc in zip(pieces, texts, docs):
            if self._marked_sentences:
                sentences = tuple([Sentence(k, a, b) for k, (a, b) in enumerate(sentence_offsets(doc))])
            else:
                sentences = tuple(Sentence(k, s.start_char, s.end_char) for k, s in enumerate(doc.sents))
            catalogue = [
                Mention(ent.label_, ent.ent_id_ or ent.text, ent.start_char, ent.end_char, "catalogue", 1.0)
                for ent in doc.ents
                if ent.label_
                in ("Person", "Organisation", "Cell", "Meeting", "Concept", "Place", "Publication")
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
        cells = cells_from_titles([s.title for s in document.sections])
        label_document(views, cells, self._ignore, lex)
        for view in views:
            view.mentions = sorted(view.catalogue + view.mentions, key=lambda m: (m.start, -m.end, m.label))
        host = _host(views) or _introduced_host(views) or _sole_host(views)
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
                meeting = meeting_for_section(section.title, view.text, cells)
                date = (section.date or parse_date(view.text[:400])) if meeting else None
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
        lex = self.lexicon
        raw = document.text
        base = view.base
        meeting, date = meeting_date
        mentions = list(view.mentions)
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
            view.text, view.sentences, section.title, mentions, leftovers, counts, lex, cells, known
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

        def evidence(start: int, end: int, rule: str, conf: float) -> Evidence:
            return Evidence(
                document.path,
                section.title,
                raw[base + start : base + end],
                base + start,
                base + end,
                rule,
                conf,
            )

        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, m in enumerate(mentions):
            groups[(m.label, names[i])].append(i)
        local = _host([view])
        host_here = local or (host if host and ("Organisation", host) in groups else None)
        extra: dict[tuple[str, str], tuple[list[Evidence], tuple]] = {}
        if meeting:
            title_at = _find_title(view.text, section.title) if first else None
            ev = [evidence(title_at[0], title_at[1], meeting.rule, 0.9)] if title_at else []
            attrs = []
            if date:
                attrs.append(("date", date))
            extra[("Meeting", meeting.name)] = (ev, tuple(attrs))
            if meeting.cell and ("Cell", meeting.cell) not in groups:
                extra[("Cell", meeting.cell)] = (ev, ())
            holder = _meeting_holder(meeting.name, lex)
            if holder and title_at and ("Organisation", holder) not in groups:
                # "Tarn Valley CVS Annual General Meeting": the body whose meeting it is
                at = view.text.find(holder, title_at[0], title_at[1])
                if at >= 0:
                    extra[("Organisation", holder)] = ([evidence(at, at + len(holder), "org.meeting_holder", 0.75)], ())

        entities = []
        for (label, name), idxs in sorted(groups.items()):
            evs = tuple(
                evidence(mentions[i].start, mentions[i].end, mentions[i].rule, mentions[i].confidence)
                for i in idxs
            )
            aliases = tuple(sorted({e.quote for e in evs} - {name}))
            attrs = ()
            if label == "Concept":
                core = any(mentions[i].rule.endswith(".core") for i in idxs)
                attrs = (("salience", "core" if core else "mention"),)
            entities.append(Entity(label, name, section.index, aliases, evs, attrs))
        by_key = {(e.label, e.name): k for k, e in enumerate(entities)}
        for (label, name), (evs, attrs) in sorted(extra.items()):
            if (label, name) in by_key:
                # the section's meeting is also named in its text: one entity, the title's facts too
                k = by_key[(label, name)]
                e = entities[k]
                entities[k] = replace(e, mentions=tuple(evs) + e.mentions, attrs=tuple(sorted(set(e.attrs) | set(attrs))))
                continue
            entities.append(Entity(label, name, section.index, (), tuple(evs), attrs))
        entities.sort(key=lambda e: (e.label, e.name))

        facts = SectionFacts(
            view.text,
            view.sentences,
            mentions,
            names,
            meeting.name if meeting else _named_meeting(mentions, names, view.text, section.title),
            meeting.cell if meeting else None,
            host_here,
        )
        heading = _heading_org(mentions, names, view.text, section.title) or (
            _meeting_holder(meeting.name, lex) if meeting and ("Organisation", _meeting_holder(meeting.name, lex)) in extra else None
        )
        if heading:
            # the organisation a section's heading names ("Minutes of the board of the Tarn
            # Trust"): whose officers a list of names with titles lists
            facts.__dict__["title_org"] = ("Organisation", heading)
        found = [f for f in find_relations(facts, lex) if not _hedged(view.text, view.sentences, f)]
        if meeting and meeting.cell:
            at = _find_title(view.text, section.title) if first else None
            if at:
                found.append(
                    Found(
                        "PART_OF",
                        ("Meeting", meeting.name),
                        ("Cell", meeting.cell),
                        at[0],
                        at[1],
                        "part_of.title",
                        0.9,
                    )
                )
        for e in entities:
            if meeting and e.label == "Concept" and dict(e.attrs).get("salience") == "core":
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
            if cur is None or (-f.confidence, f.end - f.start, f.start) < (
                -cur.confidence,
                cur.end - cur.start,
                cur.start,
            ):
                best[key] = Found(f.type, src, tgt, f.start, f.end, f.rule, f.confidence, f.attrs)
        relations = [
            Relation(t, EntityRef(*s), EntityRef(*g), evidence(f.start, f.end, f.rule, f.confidence), f.attrs)
            for (t, s, g), f in sorted(best.items())
        ]
        return entities, relations


# A fact the text only expects, wants or denies is no fact: "plans to fund", "may partner with",
# "is looking at a merger with", "does not fund". Read in the evidence and the few words before it.
_HEDGE = re.compile(
    r"\b(?:(?:plans? to|planning to|planned to|hopes? to|hoping to|intends? to|intending to|aims? to|"
    r"wants? to|would like to)(?! (?:continue|keep|carry on|build on|deepen|strengthen|grow|extend)\b)|(?-i:may)|might|could|considering|consider(?:s|ed)? (?:a|an|the)|exploring|explores?|"
    r"looking (?:at|into)|proposed|proposals?|proposing|potential(?:ly)?|possible|possibly|prospective|"
    r"if|whether|talks (?:with|about)|discussions? (?:with|about)|not|n[’']t|never|neither|nor|"
    r"unsuccessful(?:ly)?|rejected|turned down|declined)\b",
    re.IGNORECASE,
)
_NO_LONGER = re.compile(r"\bno longer\b", re.IGNORECASE)
_HEDGED_TYPES = frozenset(("FUNDED", "PARTNERED_WITH", "MEMBER_OF", "AUTHORED", "LOCATED_IN"))


def _sentence_at(sentences, pos: int) -> int:
    """The index of the sentence holding ``pos`` (sentences are in order), by bisection."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _hedged(text: str, sentences, f: Found) -> bool:
    """Whether a fact is stated as a plan, a possibility or a denial (see ``_HEDGE``)."""
    if f.type not in _HEDGED_TYPES:
        return False
    start = f.start
    k = _sentence_at(sentences, f.start)
    if 0 <= k < len(sentences) and sentences[k].start <= f.start < sentences[k].end:
        start = max(sentences[k].start, f.start - 40)
    window = text[start : f.end]
    if _NO_LONGER.search(window):
        return f.type != "FUNDED"  # "no longer funds": funding that ended, kept as such
    return _HEDGE.search(window) is not None


_HOLDER_TAIL = re.compile(
    r"\s+(?:(?:Annual|Extraordinary|Special|Quarterly|Monthly|Ordinary|Full|Open)\s+)*(?:General\s+Meeting|AGM|EGM|"
    r"Board\s+Meeting|Trustees[’']?\s+Meeting|Committee\s+Meeting|Meeting|Conference|Convention|Forum\s+Meeting)\b.*$"
)


def _meeting_holder(name: str, lex: Lexicon) -> str | None:
    """The organisation a meeting's name begins with ("Tarn CVS AGM" -> "Tarn CVS"), when its
    words make it one."""
    m = _HOLDER_TAIL.search(name)
    if not m or m.start() == 0:
        return None
    head = name[: m.start()].strip(" ,:-–")
    words = head.split()
    if not words or len(words) > 12 or not any(w.strip(",") in lex.strong_org_words | lex.org_words for w in words):
        return None
    return head


def _heading_org(mentions: list[Mention], names: dict[int, str], text: str, title: str) -> str | None:
    """The first organisation named in a section's heading: its title line and the short lines
    after it that are no sentences ("Minutes of Board Meeting / of the Tarn Trust / Held on ...")."""
    at = _find_title(text, title)
    start = at[0] if at else 0
    end = at[1] if at else 0
    lines = 0
    while lines < 3:
        nxt = text.find("\n", end + 1)
        line = text[end:nxt if nxt >= 0 else len(text)].strip()
        if line and (len(line.split()) > 12 or line.endswith((".", "!", "?"))):
            break  # running text: the heading is over
        if line:
            lines += 1
        if nxt < 0:
            end = len(text)
            break
        end = nxt
    named = [i for i, m in enumerate(mentions) if m.label == "Organisation" and start <= m.start and m.end <= end]
    return names[named[0]] if named else None


def _named_meeting(mentions: list[Mention], names: dict[int, str], text: str, title: str) -> str | None:
    """The meeting a section is about when its title does not say: the one its title line
    names, else the one it names most (ties: the first)."""
    found = [i for i, m in enumerate(mentions) if m.label == "Meeting"]
    if not found:
        return None
    at = _find_title(text, title)
    for i in found:
        if at and at[0] <= mentions[i].start < at[1]:
            return names[i]
    counts = Counter(names[i] for i in found)
    return max(counts, key=lambda n: (counts[n], -min(mentions[i].start for i in found if names[i] == n)))


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


def _find_title(text: str, title: str) -> tuple[int, int] | None:
    title = title.strip()
    if not title:
        return None
    at = text.find(title)
    if at < 0:
        at = text.casefold().find(title.casefold())
    return (at, at + len(title)) if at >= 0 else None


def _host(views: list[SectionView]) -> str | None:
    """The organisation a document speaks for ("we", "our", "the foundation"): its most
    mentioned, clearly so. "The trust" counts for the one named organisation whose name ends
    in "Trust"; a name in the document's opening line (its headline) counts twice."""
    counts = Counter(m.name for v in views for m in v.mentions if m.label == "Organisation")
    if not counts:
        return None
    heads: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        last = name.split()[-1].lower()
        if last in _REFERRING_HEADS:
            heads[last].append(name)
    for v in views:
        for m in _THE_HEAD.finditer(v.text):
            owners = heads.get(m.group(1).lower(), [])
            if len(owners) == 1:
                counts[owners[0]] += 1
    first = views[0]
    line_end = first.text.find("\n", first.text.find(first.title[:20]) + 1 if first.title else 0)
    headline = None
    for m in first.mentions:
        if m.label == "Organisation" and m.start < max(line_end, 0):
            headline = m.name
            counts[m.name] += 2
            break
    if headline:
        # "the charity", "the organisation": the one the headline names
        counts[headline] += sum(len(_THE_GENERIC.findall(v.text)) for v in views)
    top = counts.most_common(2)
    if top[0][1] < 3 or (len(top) > 1 and top[1][1] * 3 > top[0][1] * 2):
        return None
    return top[0][0]


_REFERRING_HEADS = frozenset(
    ("foundation", "trust", "charity", "fund", "council", "network", "alliance", "partnership", "association", "society", "forum", "collective", "group", "institute", "centre", "project")
)
_THE_GENERIC = re.compile(r"\b[Tt]he (?:charity|organisation|organization|funder)\b")
_THE_HEAD = re.compile(r"\b[Tt]he (" + "|".join(sorted(_REFERRING_HEADS)) + r")\b(?! [A-Z])")


def _sole_host(views: list[SectionView]) -> str | None:
    """In a text that says "we", the organisation "we" are when nothing else tells: the only one
    it names, or the one its opening lines name (a blog's byline, a page's header)."""
    if not any(_FIRST_PERSON.search(v.text) for v in views):
        return None
    names = [m.name for v in views for m in v.mentions if m.label == "Organisation"]
    if len(set(names)) == 1:
        return names[0]
    first = views[0]
    opening = [m.name for m in first.mentions if m.label == "Organisation" and m.start < 300]
    return opening[0] if opening else None


_FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|us)\b")


def _introduced_host(views: list[SectionView]) -> str | None:
    """The organisation a "we" document opens by introducing: "The Alder Trust supports ... we
    gave grants to ...". Only the opening sentences count, and only when the text says "we"."""
    if not any(_FIRST_PERSON.search(v.text) for v in views):
        return None
    seen = 0
    for v in views:
        for sent in v.sentences:
            if not v.text[sent.start : sent.end].strip():
                continue
            seen += 1
            if seen > 3:
                return None
            for m in v.mentions:
                if m.label != "Organisation" or not sent.start <= m.start < sent.end:
                    continue
                lead = v.text[sent.start : m.start].strip()
                if lead in ("", "The", "the") and rx(r" (?:is|was|are|has|have|exists|works|helps|supports|funds|gives|makes|runs|believes|"
                    r"aims|brings|offers|provides|invests|champions|backs|seeks|wants)\b").match(v.text[m.end : m.end + 20]):
                    return m.name
                break
    return None

