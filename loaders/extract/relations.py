"""Relation rules over sentence context: who spoke at, chaired or leads what, and works where.

Each rule reads one sentence: the labelled mentions in it and the words between them.
Rules return :class:`~loaders.extract.facts.Found` records with section-relative evidence
offsets; the extractor turns them into :class:`~loaders.records.Relation` s. Rules between
organisations live in :mod:`loaders.extract.org_relations`.
"""

from __future__ import annotations

import bisect
import re

from .clauses import Clause
from .facts import Found, SectionFacts, in_sentence, mention_at, ref
from .lexicon import Lexicon, rx
from .listed import list_relations
from .org_relations import located, org_links
from .patterns import apply_rules
from .rules import trigger_words
from .spans import Sentence

__all__ = ["Found", "SectionFacts", "find_relations"]

_SPEECH = (
    r"said|says|spoke|speaks|described|describes|explained|explains|presented|presents|talked|talks|"
    r"noted|notes|argued|argues|suggested|suggests|highlighted|highlights|shared|shares|pointed out|"
    r"points out|reflected|reflects|outlined|outlines|gave|gives|told|tells|quoted|emphasised|"
    r"stressed|observed|added|warned|showed|shows|set out|went on|drew|draws|agreed|agrees|reminded|"
    r"reminds|recapped|recapping|mentioned|mentions|commented|comments|responded|replied|proposed|"
    r"proposes|recommended|raised|summarised|summarized|summarises|began by|started by|concluded|"
    r"urged|challenged|acknowledged|insisted|spoke|introduced the "
    r"(?:model|idea|concept|work|findings|report|approach|framework|project|programme|thinking)"
)
_CHAIR_NOUNS = (
    r"(?:cell|meeting|discussion|roundtable|round table|session|event|webinar|workshop|conversation|call|group|debate|"
    r"seminar)"
)
_APPOS = (
    r"(?: (?:MP|MSP|MS|AM|MEP|OBE|MBE|CBE|QC|KC|PhD))*"
    r"(?:,[^,;.()]{1,90},|\s\([^()]{1,90}\)|,(?! (?:who|which|that|whose|whom|when|where|and|or|"
    r"but)\b)(?: [\w’'-]+){1,5}?(?= ))?"
)


def find_relations(facts: SectionFacts, lex: Lexicon) -> list[Found]:
    """Every relation the rules read in one section (duplicates are removed by the caller)."""
    out: list[Found] = []
    order = sorted(range(len(facts.mentions)), key=lambda i: facts.mentions[i].start)
    starts = [facts.mentions[i].start for i in order]
    for sent in facts.sentences:
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        idx = sorted(i for i in order[lo:hi] if in_sentence(sent, facts.mentions[i]))
        if not idx:
            continue
        out += _pronoun_roles(facts, sent, idx)
        if facts.meeting:
            out += _speaking(facts, sent, idx)
            out += _meeting_place(facts, sent, idx)
        out += _leads(facts, sent, idx)
        out += org_links(facts, sent, idx)
        out += located(facts, idx)

        if len(idx) >= 1 and _worth_a_clause(facts, sent, idx):
            out += apply_rules(facts, Clause(facts, sent, idx))
    out += list_relations(facts)
    return out


_WORD = re.compile(r"[a-z][a-z-]*")


def _worth_a_clause(facts: SectionFacts, sent: Sentence, idx: list[int]) -> bool:
    """A sentence needs its clause read when it names a person (role frames) or holds a trigger."""
    if any(facts.mentions[i].label == "Person" for i in idx):
        return True
    words = set(_WORD.findall(facts.text[sent.start : sent.end].lower()))
    return not words.isdisjoint(trigger_words())


_STARTED = re.compile(
    r"\b(?:her|his|their) (?:own )?(?:experience|time|work|years?|role)(?: [\w’'-]+){0,6}? "
    r"(?P<verb>setting up|founding|establishing|starting|running|leading|managing|heading|chairing) (?:the )?"
)


def _pronoun_roles(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Found]:
    """ "... who drew on her experience of setting up X": the person named just before."""
    t = facts.text
    out = []
    for m in _STARTED.finditer(t, sent.start, sent.end):
        j = mention_at(facts, idx, m.end(), "Organisation")
        if j is None:
            continue
        people = [
            i
            for i, p in enumerate(facts.mentions)
            if p.label == "Person" and p.end <= m.start() and m.start() - p.end < 300
        ]
        if not people or "\n\n" in t[facts.mentions[people[-1]].end : m.start()]:
            continue
        title = "founder" if m.group("verb") in ("setting up", "founding", "establishing", "starting") else "leader"
        out.append(
            Found(
                "ROLE_AT",
                ref(facts, people[-1]),
                ref(facts, j),
                m.start(),
                facts.mentions[j].end,
                "role.pronoun_experience",
                0.55,
                (("title", title),),
            )
        )
    return out


# Who chaired or spoke, read from the words just before a person's name ("before") or just after
# it ("after"), tried in this order; the first that matches decides.
_SPEAKING_RULES = (
    (
        "before",
        re.compile(
            r"\b(?:introduced|chaired|convened|facilitated|hosted|led|opened|moderated|co-chaired) by (?:[\w-]+ )?$",
            re.IGNORECASE,
        ),
        "CHAIRED",
        "chair.by",
        0.9,
    ),
    (
        "after",
        re.compile(
            rf"^{_APPOS} (?:(?:then|also|formally|warmly) )?(?:introduced|chaired|convened|facilitated|hosted|opened|"
            rf"welcomed (?:everyone|participants|people) to|started|began|moderated) (?:the |this |our |today’s |"
            rf"today's )?{_CHAIR_NOUNS}\b",
            re.IGNORECASE,
        ),
        "CHAIRED",
        "chair.subject",
        0.9,
    ),
    (
        "after",
        re.compile(rf"^{_APPOS} (?:chaired|facilitated|convened)\b", re.IGNORECASE),
        "CHAIRED",
        "chair.verb",
        0.8,
    ),
    (
        "before",
        re.compile(
            r"\b(?:(?:first|second|third|fourth|main|guest|keynote|opening|final|next|other|last|"
            r"our) )*speakers? (?:was|were|is|are|will be|included?) (?:(?:[A-Z][\w’'-]+ ?){1,4}(?:, | and |"
            r",? and ))*$",
            re.IGNORECASE,
        ),
        "SPOKE_AT",
        "spoke.speaker_was",
        0.95,
    ),
    (
        "before",
        re.compile(
            r"\b(?:presentations? (?:from|by)|talks? (?:from|by)|followed by|heard from|introduced our (?:main |"
            r"guest |first |second )?speakers?,?|introduced|welcomed our (?:guest |"
            r"main )?speakers?,?) (?:(?:[A-Z][\w’'-]+ ?){1,4}(?:, | and |,? and ))*$",
            re.IGNORECASE,
        ),
        "SPOKE_AT",
        "spoke.presentation_from",
        0.85,
    ),
    ("before", re.compile(r"\b(?:said|says|added|asked) $"), "SPOKE_AT", "spoke.said_x", 0.55),
)


# "At our first meeting", "in the previous session of the cell": a sentence recalling another
# meeting than the section's own (an ordinal is another meeting only when it differs from the
# number in the section meeting's name: "Open Doors cell 2" is the second meeting).
_OTHER_MEETING = re.compile(
    r"\b(?:our|the|an?|that|its) (?P<which>first|second|third|fourth|fifth|sixth|previous|last|earlier|prior|"
    r"preceding|next|following|other|another|later|future) (?:(?:cell|group|network|board) )?(?:meeting|gathering)s?\b",
    re.IGNORECASE,
)
# What someone convened or led when it is not the meeting: the noun just before "chaired by".
_CONVENED_OTHER = re.compile(
    r"\b(?:group|project|programme|team|network|campaign|initiative|partnership|coalition|alliance|forum|"
    r"committee|consortium|charity|organisation|organization|review|study|research|inquiry)s?,? "
    r"(?:(?:was|were|is|are|has been|had been|being|originally|first) )*$",
    re.IGNORECASE,
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_MEETING_NUMBER = re.compile(
    r"\b(?:cell|meeting|roundtable|round table|session|workshop|gathering|part|no\.?|number|#) ?(\d{1,2})\b",
    re.IGNORECASE,
)


def _recalls_another_meeting(before: str, meeting: str | None) -> bool:
    """Whether the sentence so far (``before`` a name) speaks of a meeting other than ``meeting``."""
    matches = list(_OTHER_MEETING.finditer(before))
    if not matches:
        return False
    found = matches[-1]
    which = found.group("which").lower()
    if which not in _ORDINALS:
        return True
    number = _MEETING_NUMBER.search(meeting or "")
    return number is not None and int(number.group(1)) != _ORDINALS[which]


def _speaking(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Found]:
    out = []
    t = facts.text
    meeting = ("Meeting", facts.meeting)
    people = [i for i in idx if facts.mentions[i].label == "Person"]
    for i in people:
        p = facts.mentions[i]
        before = t[max(sent.start, p.start - 120) : p.start]
        after = t[p.end : min(sent.end, p.end + 200)]
        if _recalls_another_meeting(t[sent.start : p.start], facts.meeting):
            continue  # what someone said at an earlier (or later) meeting is no fact of this one
        found = None
        for side, pattern, etype, rule, conf in _SPEAKING_RULES:
            m = pattern.search(before) if side == "before" else pattern.match(after)
            if m and rule == "chair.by" and _CONVENED_OTHER.search(before, 0, m.start()):
                continue  # "a small group convened by Jo": Jo led the group, not this meeting
            if m:
                # The quote runs from the cue to the name, or from the name to the cue.
                span = (p.start - len(before) + m.start(), p.end) if side == "before" else (p.start, p.end + m.end())
                found = Found(etype, ref(facts, i), meeting, span[0], span[1], rule, conf)
                break
        if found is not None:
            out.append(found)
            continue
        if rx(r"\bwho $|\bwords of (?:[\w-]+ ){0,4}$|\bby (?:[\w’'-]+ ){0,4}$").search(before):
            continue  # "a method developed by network member Jo Bloggs, with X, shows": not Jo speaking
        if rx(r"\bas $").search(before) and rx(r"^ (?:has|have|had) ").match(after):
            continue  # "as Jo Bloggs has described": citing someone, not hearing them
        m = rx(
            rf"^{_APPOS} (?:(?:also|then|briefly|further|later|first|kindly) )*(?:{_SPEECH})\b", re.IGNORECASE
        ).match(after)
        if m:
            conf = (
                0.7
                if rx(r"^(?:,|\s\()").match(after)
                or rx(r"\b(?:introduced|presented|spoke|described|explained|talked|gave)\b").search(m.group(0))
                else 0.55
            )
            out.append(
                Found(
                    "SPOKE_AT",
                    ref(facts, i),
                    meeting,
                    p.start - (3 if before.endswith(("As ", "as ")) else 0),
                    p.end + m.end(),
                    "spoke.verb",
                    conf,
                )
            )
    return out


_MET_IN = re.compile(
    r"\b(?:we|We|[Tt]he (?:board|trustees|meeting|group|cell|committee|panel|session|event|workshop|roundtable|"
    r"round table|steering group|members|conference|seminar|gathering|network|forum|cohort)|[Ii]t|[Tt]his "
    r"(?:meeting|session|event|cell|workshop|gathering))"
    r" (?:(?:first|last|then|also|again|next) )?(?:met|meets|meet|will meet|gathered|convened|(?:was|is|will be|"
    r"were) held|"
    r"took place|takes place|will take place)(?: (?:online|in person|face to face))? (?:in|at) (?:the )?"
)


def _meeting_place(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Found]:
    """LOCATED_IN for the section's meeting: "The board met in Leeds", "It was held in Hull"."""
    out = []
    for m in _MET_IN.finditer(facts.text, sent.start, sent.end):
        j = mention_at(facts, idx, m.end(), "Place")
        if j is not None:
            out.append(
                Found(
                    "LOCATED_IN",
                    ("Meeting", facts.meeting),
                    ref(facts, j),
                    m.start(),
                    facts.mentions[j].end,
                    "located.meeting_held_in",
                    0.75,
                )
            )
    return out


def _leads(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Found]:
    t = facts.text
    out = []
    for m in rx(
        r"[‘'“\"]?thought[- ]leader[’'”\"]?,? for (?:this|the|our) (?:(?:[A-Z][\w-]* )+)?(?:[\w ]{0,30}?)(?:cell|"
        r"strand|group|team|workstream|stream)\b",
        re.IGNORECASE,
    ).finditer(t[sent.start : sent.end]):
        start = sent.start + m.start()
        persons = [i for i in idx if facts.mentions[i].label == "Person" and facts.mentions[i].end <= start]
        if not persons:
            continue
        i = persons[-1]
        cells = [
            j
            for j in idx
            if facts.mentions[j].label == "Cell" and start <= facts.mentions[j].start < sent.start + m.end()
        ]
        cell = ref(facts, cells[0]) if cells else (("Cell", facts.cell) if facts.cell else None)
        if cell is None:
            continue
        ev_start = facts.mentions[i].start if start - facts.mentions[i].end < 60 else start
        out.append(Found("LEADS", ref(facts, i), cell, ev_start, sent.start + m.end(), "leads.thought_leader", 0.9))
    return out
