"""Relation rules over sentence context: who spoke at, chaired or leads what, and works where.

Each rule reads one sentence: the labelled mentions in it and the words between them.
Rules return :class:`~loaders.extract.facts.Found` records with section-relative evidence
offsets; the extractor turns them into :class:`~loaders.records.Relation` s. Rules between
organisations live in :mod:`loaders.extract.org_relations`.
"""

from __future__ import annotations

import bisect
import re

from .facts import Found, SectionFacts, in_sentence, mention_at, ref
from .lexicon import Lexicon, alternation, rx, rx_with
from .clauses import Clause
from .org_relations import authored, located, org_links
from .patterns import apply_rules, trigger_words
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
_CHAIR_NOUNS = r"(?:cell|meeting|discussion|roundtable|round table|session|event|webinar|workshop|conversation|call|group|debate|seminar)"
_APPOS = (
    r"(?: (?:MP|MSP|MS|AM|MEP|OBE|MBE|CBE|QC|KC|PhD))*"
    r"(?:,[^,;.()]{1,90},|\s\([^()]{1,90}\)|,(?! (?:who|which|that|whose|whom|when|where|and|or|but)\b)(?: [\w’'-]+){1,5}?(?= ))?"
)


def find_relations(facts: SectionFacts, lex: Lexicon) -> list[Found]:
    """Every relation the rules read in one section (duplicates are removed by the caller)."""
    out: list[Found] = []
    role = alternation(lex.role_heads_lower)
    longest_role = max(map(len, lex.role_heads_lower), default=0)
    order = sorted(range(len(facts.mentions)), key=lambda i: facts.mentions[i].start)
    starts = [facts.mentions[i].start for i in order]
    for sent in facts.sentences:
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        idx = sorted(i for i in order[lo:hi] if in_sentence(sent, facts.mentions[i]))
        if not idx:
            continue
        out += _roles(facts, idx, role, longest_role)
        out += _pronoun_roles(facts, sent, idx)
        if facts.meeting:
            out += _speaking(facts, sent, idx)
            out += _meeting_place(facts, sent, idx)
        out += _leads(facts, sent, idx)
        out += org_links(facts, sent, idx)
        out += located(facts, idx)
        out += authored(facts, idx)
        if len(idx) >= 1 and _worth_a_clause(facts, sent, idx):
            out += apply_rules(facts, Clause(facts, sent, idx))
    return out


_WORD = re.compile(r"[a-z][a-z-]*")


def _worth_a_clause(facts: SectionFacts, sent: Sentence, idx: list[int]) -> bool:
    """A sentence needs its clause read when it names a person (role frames) or holds a trigger."""
    if any(facts.mentions[i].label == "Person" for i in idx):
        return True
    words = set(_WORD.findall(facts.text[sent.start : sent.end].lower()))
    return not words.isdisjoint(trigger_words())


def _roles(facts: SectionFacts, idx: list[int], role: str, longest_role: int) -> list[Found]:
    out = []
    t = facts.text
    role_re = rx_with(r"(?i:\b(?:{words})\b)", role)
    ordered = sorted(idx, key=lambda k: facts.mentions[k].start)
    for i in ordered:
        p = facts.mentions[i]
        if p.label != "Person":
            continue
        for j in ordered:
            o = facts.mentions[j]
            if o.start < p.end or o.start - p.end > 160:
                continue
            if o.label in ("Person",):
                break  # another person comes first: the role is theirs
            if o.label != "Organisation":
                continue
            between = t[p.end : o.start]
            if "\n" in between:
                break
            found = None
            m = rx(r",? (?:who is |who was |is |was |has been |became |is now |was then )?"
                r"(?P<adverb>(?:also|now|currently|still|then|jointly|formerly|previously) )?(?:the |our |a |an )?"
                r"(?P<title>[^,;()]{1,80}?) (?:of|at|for|with) (?:the )?(?:(?:national|local|regional|international|small|large|youth|housing|homelessness|community|equality|umbrella) )?(?:charity |organisation |network |body |group |coalition |funder |council )?").fullmatch(between)
            if (
                m
                and role_re.search(m.group("title"))
                and len(m.group("title").split()) <= 8
                and m.group("title").lower() not in ("member", "a member", "members", "one of the members")
            ):
                # "is also the convenor of": the adverb says when, it is no part of the title
                former = (m.group("adverb") or "").startswith(("formerly", "previously"))
                found = (("previously " if former else "") + m.group("title"), "role.appositive", 0.9, o.end)
            if not found:
                m = rx(r" \((?P<title>[^,()]{1,60}), (?:the )?").fullmatch(between)
                if m and role_re.search(m.group("title")):
                    found = (m.group("title"), "role.parenthetical", 0.85, o.end)
            if not found:
                m = rx(r",? (?P<how>from|of|at|previously at|formerly at|now at|then at|(?:who )?(?:works|worked|working) (?:at|for)) (?:the )?(?:[a-z-]+ ){0,2}").fullmatch(between)
                if m:
                    how = m.group("how")
                    found = (
                        "former" if how.startswith(("previously", "formerly")) else "",  # a past post, title unsaid
                        "role.from",
                        0.75,
                        o.end,
                    )
            if not found and rx(r",? (?:the )?").fullmatch(between):
                tail = rx_with(r"^[’']?s? ?(?P<title>(?:[\w-]+ )?(?i:{words}))\b", role).match(t[o.end : o.end + 40])
                if tail:
                    found = (tail.group("title"), "role.org_title", 0.7, o.end + tail.end())
            if found:
                title, rule, conf, end = found
                title = rx(r"^(?:previously|formerly) ").sub("former ", title.strip())
                out.append(
                    Found(
                        "ROLE_AT",
                        ref(facts, i),
                        ref(facts, j),
                        p.start,
                        end,
                        rule,
                        conf,
                        (("title", title),),
                    )
                )
            break
        # "Jo and Sam are the leads for this work": the organisation the text speaks for
        m = rx_with(r"^(?:(?:,| and) [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)* (?:is|are) (?:the |our |joint )?(?P<title>(?i:{words}))s? (?:for|of|on) (?:this|that|the|our) (?:work|area|strand|team|programme|theme|project)\b", role).match(t[p.end : p.end + 120])
        if m and facts.host:
            title = (
                m.group("title").lower()
                if m.group("title").islower() or m.group("title").istitle()
                else m.group("title")
            )
            out.append(_host_role(facts, i, p.start, p.end + m.end(), "role.are_the_leads", 0.55, title))
        # "Surrey Trust's CEO Jo Bloggs", "Riverside CEO Jo Bloggs"
        before = t[max(0, p.start - 80) : p.start]
        m = _ends_with_role(before, role, longest_role) and rx_with(
            r"(?:[’']s)? (?P<title>(?:[\w-]+ )?(?i:{words})),? $", role
        ).search(before)
        if m:
            org_end = p.start - len(before) + m.start()
            for j in idx:
                o = facts.mentions[j]
                if o.label == "Organisation" and o.end == org_end:
                    out.append(
                        Found(
                            "ROLE_AT",
                            ref(facts, i),
                            ref(facts, j),
                            o.start,
                            p.end,
                            "role.possessive",
                            0.8,
                            (("title", m.group("title")),),
                        )
                    )
        # "Jo Bloggs, our CEO"
        m = rx_with(r"^, (?:our|their) (?P<title>(?:[\w-]+ )?(?i:{words}))\b", role).match(t[p.end : p.end + 50])
        if m and facts.host:
            title = _former(m.group("title"), t[p.end + m.end() : p.end + m.end() + 60])
            out.append(_host_role(facts, i, p.start, p.end + m.end(), "role.our", 0.7, title))
        # "Our chair, Professor Jo Bloggs, stepped down"
        before = t[max(0, p.start - 80) : p.start]
        m = rx_with(_OUR_TITLE_NAME, role).search(before)
        if m and facts.host:
            title = _former(m.group("title"), t[p.end : p.end + 60])
            start = p.start - len(before) + m.start()
            out.append(_host_role(facts, i, start, p.end, "role.our_title_name", 0.75, title))
        # "Jo Bloggs became chair in July", "Jo Bloggs was appointed our treasurer"
        m = rx_with(r"^ (?:(?:has|had|was|is|will) )?(?:been )?(?:became|becomes|become|appointed|elected|joined (?:us |the board )?as|took over as|takes over as)"
            r" (?:as )?(?:the |our |a |an |new |interim |acting |joint )*(?P<title>(?:[\w-]+ )?(?i:{words}))\b(?! (?:of|at|for|with)\b)", role).match(t[p.end : p.end + 80])
        if m and facts.host and not any(
            facts.mentions[j].label == "Organisation" and p.end < facts.mentions[j].start < p.end + m.end() + 30
            for j in idx
        ):
            title = m.group("title")
            title = title.lower() if title.istitle() else title
            out.append(_host_role(facts, i, p.start, p.end + m.end(), "role.became", 0.55, title))
    return out


def _ends_with_role(before: str, role: str, longest_role: int) -> bool:
    """True when ``before`` ends with a role word and ",? " (what every title before a name ends with).

    Only the last few characters are searched: a ``$``-anchored search of the whole window
    tries the long role alternation at every word, and most names have no title before them.
    Case-insensitive matching is character by character, so a role match is never longer
    than the longest role word.
    """
    start = max(0, len(before) - longest_role - len(", \n"))
    return rx_with(r"(?i:{words}),? $", role).search(before, start) is not None


def _host_role(facts: SectionFacts, i: int, start: int, end: int, rule: str, conf: float, title: str) -> Found:
    """Person ``i`` holds ``title`` at the organisation the text speaks for ("our chair")."""
    host = ("Organisation", facts.host)
    return Found("ROLE_AT", ref(facts, i), host, start, end, rule, conf, (("title", title),))


_HONORIFICS = (
    r"Dr\.?|Prof\.?|Professor|Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx|Rev\.?|Revd|Reverend"
)
# "Our chair, Professor Jo Bloggs": the title and honorifics just before a name
_OUR_TITLE_NAME = r"\b(?:our|Our) (?P<title>(?:[\w-]+ )?(?i:{words})),? (?:(?:" + _HONORIFICS + r") )*$"
_LEFT = re.compile(
    r"^,? (?:who )?(?:has |had |have )?(?:recently |now )?(?:stepped down|stood down|retired|resigned|stepped aside|moved on|left (?:us|(?:the|our) (?:organisation|board|post|role|charity|trust|foundation)))\b"
)


def _former(title: str, after: str) -> str:
    """ "chair" becomes "former chair" when the sentence says the person has left the post."""
    if _LEFT.match(after) and not title.lower().startswith("former"):
        return f"former {title}"
    return title


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
        title = (
            "founder"
            if m.group("verb") in ("setting up", "founding", "establishing", "starting")
            else "leader"
        )
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
    ("before", re.compile(
        r"\b(?:introduced|chaired|convened|facilitated|hosted|led|opened|moderated|co-chaired) by (?:[\w-]+ )?$",
        re.IGNORECASE), "CHAIRED", "chair.by", 0.9),
    ("after", re.compile(
        rf"^{_APPOS} (?:(?:then|also|formally|warmly) )?(?:introduced|chaired|convened|facilitated|hosted|opened|welcomed (?:everyone|participants|people) to|started|began|moderated) (?:the |this |our |today’s |today's )?{_CHAIR_NOUNS}\b",
        re.IGNORECASE), "CHAIRED", "chair.subject", 0.9),
    ("after", re.compile(rf"^{_APPOS} (?:chaired|facilitated|convened)\b", re.IGNORECASE), "CHAIRED", "chair.verb", 0.8),
    ("before", re.compile(
        r"\b(?:(?:first|second|third|fourth|main|guest|keynote|opening|final|next|other|last|our) )*speakers? (?:was|were|is|are|will be|included?) (?:(?:[A-Z][\w’'-]+ ?){1,4}(?:, | and |,? and ))*$",
        re.IGNORECASE), "SPOKE_AT", "spoke.speaker_was", 0.95),
    ("before", re.compile(
        r"\b(?:presentations? (?:from|by)|talks? (?:from|by)|followed by|heard from|introduced our (?:main |guest |first |second )?speakers?,?|introduced|welcomed our (?:guest |main )?speakers?,?) (?:(?:[A-Z][\w’'-]+ ?){1,4}(?:, | and |,? and ))*$",
        re.IGNORECASE), "SPOKE_AT", "spoke.presentation_from", 0.85),
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
    r"\b(?:cell|meeting|roundtable|round table|session|workshop|gathering|part|no\.?|number|#) ?(\d{1,2})\b", re.IGNORECASE
)


def _recalls_another_meeting(before: str, meeting: str | None) -> bool:
    """Whether the sentence so far (``before`` a name) speaks of a meeting other than ``meeting``."""
    found = None
    for found in _OTHER_MEETING.finditer(before):
        pass
    if found is None:
        return False
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
        m = rx(rf"^{_APPOS} (?:(?:also|then|briefly|further|later|first|kindly) )*(?:{_SPEECH})\b", re.IGNORECASE).match(after)
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
    r" (?:(?:first|last|then|also|again|next) )?(?:met|meets|meet|will meet|gathered|convened|(?:was|is|will be|were) held|"
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
    for m in rx(r"[‘'“\"]?thought[- ]leader[’'”\"]?,? for (?:this|the|our) (?:(?:[A-Z][\w-]* )+)?(?:[\w ]{0,30}?)(?:cell|strand|group|team|workstream|stream)\b", re.IGNORECASE).finditer(t[sent.start : sent.end]):
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
        out.append(
            Found("LEADS", ref(facts, i), cell, ev_start, sent.start + m.end(), "leads.thought_leader", 0.9)
        )
    return out
