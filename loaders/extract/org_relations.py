"""Relation rules between organisations (and what they make and where they are): FUNDED,
PARTNERED_WITH, MEMBER_OF, LOCATED_IN and AUTHORED."""

from __future__ import annotations

import bisect
import re

from .facts import Found, SectionFacts, mention_at, ref
from .lexicon import Cued, rx
from .spans import Sentence

__all__ = ["located", "org_links"]


def _orgs_after(facts: SectionFacts, idx: list[int], pos: int, limit: int = 200) -> list[int]:
    """The organisation list that starts at ``pos``: "X, Y and Z"."""
    t = facts.text
    found = []
    cur = pos
    for i in sorted(idx, key=lambda k: facts.mentions[k].start):
        m = facts.mentions[i]
        if m.start < cur or m.label != "Organisation":
            continue
        gap = t[cur : m.start]
        if found and not rx(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?").fullmatch(gap):
            break
        if not found and not rx(r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,4}").fullmatch(gap):
            break
        found.append(i)
        cur = m.end
        if cur - pos > limit:
            break
    return found


def org_links(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Found]:
    """FUNDED, PARTNERED_WITH and MEMBER_OF read in one sentence."""
    t = facts.text
    out = []
    orgs = [i for i in idx if facts.mentions[i].label == "Organisation"]
    if not orgs:
        return out  # every rule here ends at an organisation named in the sentence
    s_text = t[sent.start : sent.end]
    ended = bool(_ENDED_FUNDING.search(s_text) or _GRANT_ENDS.search(s_text))

    def subject_before(pos: int) -> int | None:
        prior = [i for i in orgs if facts.mentions[i].end <= pos]
        return prior[-1] if prior else None

    def we_subject(cue: int) -> bool:
        """True when "we" is the subject of the verb at ``cue`` (sentence-relative), not the
        organisation named before it: "We are members of X and work in partnership with Y"."""
        we_at = _WE.search(s_text[:cue])
        if we_at is None:
            return False
        subj = subject_before(sent.start + cue)
        return subj is None or facts.mentions[subj].start > sent.start + we_at.start() and is_object(subj)

    def is_object(i: int) -> bool:
        """True when mention ``i`` follows a preposition or verb ("member of X"), so is not a subject."""
        return bool(_OBJECT_BEFORE.search(t[sent.start : facts.mentions[i].start]))

    for m in _FUNDING.finditer(s_text):
        pos = sent.start + m.end()
        attrs = (("status", "ended"),) if ended else ()
        if m.group("through"):
            j = mention_at(facts, idx, pos, "Organisation")
            src = subject_before(sent.start + m.start())
            if j is not None and src is not None and rx(r"\s+partnership").match(t[facts.mentions[j].end :]):
                end = facts.mentions[j].end + len(" partnership")
                out.append(
                    Found(
                        "FUNDED",
                        ref(facts, j),
                        ref(facts, src),
                        facts.mentions[src].start,
                        end,
                        "funded.through_partnership",
                        0.7,
                        attrs,
                    )
                )
                out.append(
                    Found(
                        "PARTNERED_WITH",
                        ref(facts, src),
                        ref(facts, j),
                        facts.mentions[src].start,
                        end,
                        "partner.through_partnership",
                        0.6,
                    )
                )
            continue
        targets = _orgs_after(facts, idx, pos)
        if not targets:
            continue
        subj = subject_before(sent.start + m.start())
        we = rx(r"\b(?:we|We)\s+(?:\w+\s+){0,2}$").search(s_text[: m.start()])
        if we and subj is not None and facts.mentions[subj].start > sent.start + we.start() and is_object(subj):
            subj = None  # "we" is the subject: the organisation named before is an object
        if m.group("passive"):
            if subj is None:
                # "Funding from the Alder Trust was withdrawn in 2024": no recipient is named,
                # so it is the organisation the document speaks for, when it opens the sentence
                opening = rx(r"^\s*(?:(?:the|our|all|their|its) )?$", re.IGNORECASE).match(s_text[: m.start()])
                if opening and facts.host and facts.names[targets[0]] != facts.host:
                    end = facts.mentions[targets[0]].end
                    stop = _ENDED_FUNDING.search(s_text)
                    if stop and sent.start + stop.end() - end < 60:
                        end = max(end, sent.start + stop.end())  # the quote shows "was withdrawn"
                    out.append(
                        Found(
                            "FUNDED",
                            ref(facts, targets[0]),
                            ("Organisation", facts.host),
                            sent.start + m.start(),
                            end,
                            "funded.from_unnamed_recipient",
                            0.55,
                            attrs,
                        )
                    )
                continue
            support = m.group("passive").lower().startswith("supported")
            for j in targets:
                if _MODIFIER_OF.match(t, facts.mentions[j].end):
                    continue  # "supported by Tarn Trust volunteers": the name describes them
                # "supported by" is money when a funder supports; from anyone else it is as often
                # advice, hosting or a method, so the fact is kept but flagged for a human look
                doubtful = support and not _FUNDER_NAME.search(facts.names[j])
                out.append(
                    Found(
                        "FUNDED",
                        ref(facts, j),
                        ref(facts, subj),
                        facts.mentions[subj].start,
                        facts.mentions[j].end,
                        "funded.supported_by" if doubtful else "funded.by",
                        0.55 if doubtful else 0.85,
                        attrs,
                    )
                )
        else:
            if m.group("active").lower().startswith("support") and not we:
                continue  # "X supports Y" is too often not about money
            if subj is not None and sent.start + m.start() - facts.mentions[subj].end < 40:
                src, start = ref(facts, subj), facts.mentions[subj].start
            elif we and facts.host:
                src, start = ("Organisation", facts.host), sent.start + we.start()
            else:
                continue
            for j in targets:
                if ref(facts, j) != src:
                    out.append(
                        Found(
                            "FUNDED",
                            src,
                            ref(facts, j),
                            start,
                            facts.mentions[j].end,
                            "funded.active",
                            0.75,
                            attrs,
                        )
                    )

    # "Our grantees include X and Y": the organisation the text speaks for funds them
    for m in _OUR_GRANTEES.finditer(s_text):
        if not facts.host:
            break
        for j in _orgs_after(facts, idx, sent.start + m.end()):
            if facts.names[j] != facts.host:
                out.append(
                    Found(
                        "FUNDED",
                        ("Organisation", facts.host),
                        ref(facts, j),
                        sent.start + m.start(),
                        facts.mentions[j].end,
                        "funded.our_grants",
                        0.7,
                        (("status", "ended"),) if ended else (),
                    )
                )

    for m in _PARTNERING.finditer(s_text):
        pos = sent.start + m.end()
        targets = _orgs_after(facts, idx, pos)
        if not targets:
            continue
        subj = subject_before(sent.start + m.start())
        we = rx(r"\b(?:we|We|our|Our)\b").search(s_text[: m.start()])
        conf = 0.8
        if we_subject(m.start()):
            if not facts.host:
                continue
            subj = None
        if subj is not None:
            src, start = ref(facts, subj), facts.mentions[subj].start
        elif facts.host:
            src, start = ("Organisation", facts.host), sent.start + m.start()
            conf = 0.6 if we else 0.5
        else:
            continue
        for j in targets:
            if ref(facts, j) != src:
                out.append(
                    Found(
                        "PARTNERED_WITH",
                        src,
                        ref(facts, j),
                        start,
                        facts.mentions[j].end,
                        "partner.with",
                        conf,
                    )
                )

    if facts.host:
        out += _host_partners(facts, sent, orgs)
    for m in _PARTNERSHIP_BETWEEN.finditer(s_text):
        targets = _orgs_after(facts, idx, sent.start + m.end())
        for a in range(len(targets)):
            for b in range(a + 1, len(targets)):
                out.append(
                    Found(
                        "PARTNERED_WITH",
                        ref(facts, targets[a]),
                        ref(facts, targets[b]),
                        sent.start + m.start(),
                        facts.mentions[targets[-1]].end,
                        "partner.between",
                        0.8,
                    )
                )

    for m in _COALITION_OF.finditer(s_text):
        targets = _orgs_after(facts, idx, sent.start + m.end())
        if len(targets) < 2:
            continue
        end = facts.mentions[targets[-1]].end
        for a in range(len(targets)):
            for b in range(a + 1, len(targets)):
                out.append(
                    Found(
                        "PARTNERED_WITH",
                        ref(facts, targets[a]),
                        ref(facts, targets[b]),
                        sent.start + m.start(),
                        end,
                        "partner.coalition_of",
                        0.7,
                    )
                )
        # the coalition itself: the organisation named just before ("X ... This is a coalition of")
        whole = [
            j
            for j in range(len(facts.mentions))
            if facts.mentions[j].label == "Organisation" and facts.mentions[j].end <= sent.start + m.start()
        ]
        if whole:
            c = whole[-1]
            start = sent.start + m.start()
            pre = rx(r"\b(?:This|It|The \w+) (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,2}$").search(s_text[: m.start()])
            if pre:
                start = sent.start + pre.start()
            if start - facts.mentions[c].end < 250:
                for j in targets:
                    out.append(
                        Found(
                            "MEMBER_OF",
                            ref(facts, j),
                            ref(facts, c),
                            start,
                            end,
                            "member.coalition_of",
                            0.7,
                        )
                    )

    for m in _MEMBER_OF.finditer(s_text):
        pos = sent.start + m.end()
        j = mention_at(facts, idx, pos, "Organisation")
        we = rx(r"\b(?:we|We)\s+(?:\w+\s+)?$").search(s_text[: m.start()])
        if j is not None and we and facts.host and facts.host != facts.names[j]:
            out.append(
                Found(
                    "MEMBER_OF",
                    ("Organisation", facts.host),
                    ref(facts, j),
                    sent.start + we.start(),
                    facts.mentions[j].end,
                    "member.we_are",
                    0.7,
                )
            )
            continue
        prior = [
            i
            for i in idx
            if facts.mentions[i].label in ("Person", "Organisation") and facts.mentions[i].end <= sent.start + m.start()
        ]
        if j is None or not prior:
            continue
        i = prior[-1]
        out.append(
            Found(
                "MEMBER_OF",
                ref(facts, i),
                ref(facts, j),
                facts.mentions[i].start,
                facts.mentions[j].end,
                "member.of",
                0.8,
            )
        )
    return out


def located(facts: SectionFacts, idx: list[int]) -> list[Found]:
    """LOCATED_IN: "X in Leeds", "X, based in Leeds", "a project in Leeds called X"."""
    t = facts.text
    out = []
    # "a project in Leeds called the Open Door"
    for j in idx:
        place = facts.mentions[j]
        if place.label != "Place":
            continue
        m = rx(r"^,? (?:called|named|known as) (?:the )?").match(t[place.end : place.end + 30])
        if m:
            k = mention_at(facts, idx, place.end + m.end(), "Organisation")
            if k is not None and rx(r"\b(?:in|across) (?:the )?$").search(t[max(0, place.start - 10) : place.start]):
                out.append(
                    Found(
                        "LOCATED_IN",
                        ref(facts, k),
                        ref(facts, j),
                        place.start - 3,
                        facts.mentions[k].end,
                        "located.called",
                        0.7,
                    )
                )
    for i in idx:
        o = facts.mentions[i]
        if o.label != "Organisation":
            continue
        # "X in Leeds", "X, based in Leeds", "X, a charity for young people in Leeds": only a
        # word for a kind of body may stand between ("X canteen in Leeds", "X, told an audience
        # in Leeds" say nothing of where X is)
        m = rx(
            r"^,? (?:(?:which is |that is )?(?:a|an|the) (?:[\w’'-]+ ){0,4}?(?:charity|organisation|organization|"
            r"project|group|network|"
            r"trust|foundation|service|centre|center|enterprise|company|body|initiative|partnership|alliance|coalition|club|hub|"
            r"scheme|funder|provider|association)s? (?:[\w’'-]+ ){0,6}?)?(?:,? ?(?:which is |that is |is |are |was )?"
            r"(?:based|located|headquartered|operating|working|active) )?(?:in|across) (?:the )?"
        ).match(t[o.end : o.end + 120])
        if not m:
            continue
        j = mention_at(facts, idx, o.end + m.end(), "Place")
        if j is None:
            continue
        if any(
            facts.mentions[k].label == "Organisation" and o.end <= facts.mentions[k].start < facts.mentions[j].start
            for k in idx
        ):
            continue
        close = m.end() < 12 or "based" in m.group(0)
        out.append(
            Found(
                "LOCATED_IN",
                ref(facts, i),
                ref(facts, j),
                o.start,
                facts.mentions[j].end,
                "located.in",
                0.85 if close else 0.55,
            )
        )
    return out


_ENDED_FUNDING = Cued(
    r"\b(?:ended|ending|ends|no longer fund\w*|stopp?ed funding|withdr[ae]w\w* funding|(?:was|were|has been|have been|"
    r"had been|will be) (?:withdrawn|discontinued)|cut (?:its|their|our) funding|end of (?:its|their|our) funding|"
    r"wound down|winding down)\b",
    ("end", "no longer", "stop", "withdr", "discontinued", "cut ", "wound", "winding"),
    re.IGNORECASE,
)
_FUNDING = Cued(
    r"\b(?:(?P<passive>funded by|supported by|grants? from|funding from|paid for by|financed by)|"
    r"(?P<through>funded through (?:a|an|the) )|(?P<active>funds|funded|has funded|have funded|fund|(?:gives|gave|"
    r"give|made|make|makes|awarded|awards|award) (?:(?:a|new|small|large|further|\w+-year|core|capital|"
    r"\d+) )*(?:grants?|awards?|funding) to|grant-funds|grant-funded|financially supports?|supported|support|"
    r"supports))\s*",
    ("fund", "support", "grant", "paid for", "financ", "award"),
    re.IGNORECASE,
)
_PARTNERING = Cued(
    r"\b(?:in partnership with|partnered with|partnering with|partnerships? with|partnership\(s\) with|merged with|"
    r"merger with|alliance with|joint venture with|working in collaboration with|collaborat(?:ed|es|ing) with|"
    r"teamed up with|transferred into the ownership of|taken over by|absorbed into|merged into|"
    r"formed (?:a )?(?:relationships?|partnerships?|links?|an alliance) with|joined forces with|joins forces with|"
    r"(?:works?|working|worked) alongside|commitment to|relationships? with)\s+",
    (
        "partner",
        "merge",
        "alliance",
        "venture",
        "collaborat",
        "teamed",
        "ownership",
        "taken over",
        "absorbed",
        "formed",
        "forces",
        "alongside",
        "commitment",
        "relationship",
    ),
    re.IGNORECASE,
)
_PARTNERSHIP_BETWEEN = Cued(
    r"\b(?:partnership|alliance|collaboration|joint venture) between\s+",
    ("between",),
    re.IGNORECASE,
)
_COALITION_OF = Cued(
    r"\b(?:coalition|alliance|consortium|partnership|federation|network|group) of (?:(?:[\w-]+ ){0,3}(?:charities|"
    r"organisations|organizations|funders|bodies|groups|partners|members)[,:]?\s+(?:including\s+|such as\s+)?)?",
    (" of ",),
    re.IGNORECASE,
)
_MEMBER_OF = Cued(
    r"\b(?:is|are|was|were|became|become|as) (?:a |an |the )?(?:founding |full |associate |"
    r"board )?members? of (?:the )?",
    ("member",),
    re.IGNORECASE,
)
# Names that say their holder gives money ("Alder Trust", "Kestrel Foundation", "Lottery Fund").
_FUNDER_NAME = re.compile(
    r"\b(?:Trust|Trusts|Foundation|Fund|Funds|Lottery|Charitable|Philanthropy|Endowment|Grants?|Funders?|"
    r"Council|Councils|Government|Department|Ministry|Authority|Commission|NHS|Bank|Bequest|Legacy)\b"
)
_OUR_GRANTEES = re.compile(
    r"\b(?:our|Our) (?:current |new |recent |past |former |\d{4} )?(?:(?:grantees|grant holders|grant recipients|"
    r"funded (?:partners|organisations|groups|projects))(?: (?:include|included|includes|are|were|have included|"
    r"such as))?:?"
    r"|(?:[\w-]+ )?(?:grants?|funding) (?:to|for))\s+"
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:of|to|with|from|for|by|at|on|in|into|about|join|joins|joined|support|supports|supported|fund|funds|"
    r"funded|thank|thanks|thanked|visit|visited|met)\s+(?:the\s+)?$"
)
_MODIFIER_OF = re.compile(
    r"\s(?:volunteers?|staff|members?|residents|trustees|teams?|workers?|users|colleagues|officers?|employees)\b"
)
_WE = re.compile(r"\b(?:we|We)\b")
# a grant or funding that ends, said in words other than "ended": "the grant would end in 2025"
_GRANT_ENDS = re.compile(
    r"\b(?:grants?|funding)\b[^.;]{0,40}?\b(?:(?:would|will|is to|was to|is going to) (?:end|close|stop)|ends|"
    r"is ending|"
    r"(?:came|comes|come|coming) to an end|closed|closes|(?:was|were|has been|have been|is being) withdrawn|expired|"
    r"expires|finished)\b",
    re.IGNORECASE,
)
_PARTNER_WORD = re.compile(r"\bpartner(?:s|ship|ships|ship\(s\))?\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|We|Our)\b")
_ENDED = re.compile(r"\b(?:ending|ended|end) (?:our|their|its|the) funding\b|\bno longer fund", re.IGNORECASE)


def _host_partners(facts: SectionFacts, sent: Sentence, orgs: list[int]) -> list[Found]:
    """Partners of the organisation the text speaks for: "These include X, Y and Z" after a
    sentence about "our partners", or "partnerships with X" in a "we" sentence."""
    t = facts.text
    targets = [j for j in orgs if facts.names[j] != facts.host]
    if not targets:
        return []
    s_text = t[sent.start : sent.end]
    k = sent.index
    context = [
        facts.sentences[i] for i in range(max(0, k - 2), k) if "\n\n" not in t[facts.sentences[i].end : sent.start]
    ]
    out = []
    lo = bisect.bisect_left(facts.starts, sent.start)
    hi = bisect.bisect_left(facts.starts, sent.end)
    named = [(m.start, m.end) for m in facts.mentions[lo:hi]]
    cue_here = next(
        (
            c
            for c in _PARTNER_WORD.finditer(s_text)
            if not any(a <= sent.start + c.start() < b for a, b in named)  # not "X Partnership" itself
        ),
        None,
    )
    cue_before = None
    if rx(r"\s*(?:[•*-]\s*)?(?:these|this|they|which|both|all)\b", re.IGNORECASE).match(s_text):
        for prev in reversed(context):
            if _PARTNER_WORD.search(t[prev.start : prev.end]):
                cue_before = prev
                break
    if not (cue_here or cue_before) and k + 1 < len(facts.sentences):
        nxt = facts.sentences[k + 1]
        if rx(r"\s*(?:these|they|both|all of these) (?:are|were|have been) (?:\w+ )?partners\b", re.IGNORECASE).match(
            t[nxt.start : nxt.end]
        ):
            cue_before = nxt
    if not (cue_here or cue_before):
        return []
    if cue_here and not cue_before:
        cue_at = sent.start + cue_here.start()
        if any(
            facts.mentions[j].end <= cue_at and not _OBJECT_BEFORE.search(t[sent.start : facts.mentions[j].start])
            for j in targets
        ):
            return []  # "We heard that X works in partnership with Y": the partnership is X's
    # only when the text speaks as the organisation: "we", "our", or a list introduced that way
    voiced = (
        [sent]
        + ([cue_before] if cue_before else [])
        + [prev for prev in facts.sentences[max(0, k - 6) : k] if t[prev.start : prev.end].rstrip().endswith(":")]
    )
    if not any(_FIRST_PERSON.search(t[x.start : x.end]) for x in voiced):
        return []
    if cue_before is not None and cue_before.start > sent.start:
        start = facts.mentions[targets[0]].start
        end_all = cue_before.start + _PARTNER_WORD.search(t[cue_before.start : cue_before.end]).end()
        return [
            Found(
                "PARTNERED_WITH",
                ("Organisation", facts.host),
                ref(facts, j),
                start,
                end_all,
                "partner.host_partners",
                0.5,
            )
            for j in targets
        ]
    start = (
        cue_before.start + _PARTNER_WORD.search(t[cue_before.start : cue_before.end]).start()
        if cue_before
        else sent.start + cue_here.start()
    )
    start = min(start, facts.mentions[targets[0]].start)
    ended = _ENDED.search(t[(cue_before.start if cue_before else sent.start) : sent.end])
    for j in targets:
        end = facts.mentions[j].end
        if cue_here and not cue_before and cue_here.start() + sent.start > facts.mentions[j].start:
            continue  # the organisation comes before the word "partner": it is not the partner
        out.append(
            Found(
                "PARTNERED_WITH",
                ("Organisation", facts.host),
                ref(facts, j),
                start,
                max(end, facts.mentions[targets[-1]].end),
                "partner.host_partners",
                0.55,
            )
        )
        if ended:
            out.append(
                Found(
                    "FUNDED",
                    ("Organisation", facts.host),
                    ref(facts, j),
                    start,
                    max(end, facts.mentions[targets[-1]].end),
                    "funded.host_ended",
                    0.55,
                    (("status", "ended"),),
                )
            )
    return out
