"""PARTNERED_WITH and MEMBER_OF between organisations, read from the words of one sentence (and,
for the partners of the organisation the text speaks for, the sentences beside it)."""

from __future__ import annotations

import bisect
import re

from .facts import Found, mention_at, ref
from .lexicon import Cued, rx
from .org_sentence import OrgSentence
from .spans import Sentence

__all__ = ["coalition_of", "host_partners", "member_of", "partnered_with", "partnership_between"]

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
_PARTNER_WORD = re.compile(r"\bpartner(?:s|ship|ships|ship\(s\))?\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|We|Our)\b")
_ENDED = re.compile(r"\b(?:ending|ended|end) (?:our|their|its|the) funding\b|\bno longer fund", re.IGNORECASE)


def partnered_with(s: OrgSentence) -> list[Found]:
    """ "X works in partnership with Y", "we merged with Y": the partner follows the cue; the
    subject is the organisation named before, or the one the text speaks for."""
    facts, sent = s.facts, s.sent
    out = []
    for m in _PARTNERING.finditer(s.text):
        pos = sent.start + m.end()
        targets = s.orgs_after(pos)
        if not targets:
            continue
        subj = s.subject_before(sent.start + m.start())
        we = rx(r"\b(?:we|We|our|Our)\b").search(s.text[: m.start()])
        conf = 0.8
        if s.we_subject(m.start()):
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
    return out


def host_partners(s: OrgSentence) -> list[Found]:
    """Partners of the organisation the text speaks for: "These include X, Y and Z" after a
    sentence about "our partners", or "partnerships with X" in a "we" sentence."""
    facts, sent = s.facts, s.sent
    t = facts.text
    targets = [j for j in s.orgs if facts.names[j] != facts.host]
    if not targets:
        return []
    cue_here = _partner_word_here(s)
    cue_before = _partner_sentence_beside(s, cue_here)
    if not (cue_here or cue_before):
        return []
    if cue_here and not cue_before:
        cue_at = sent.start + cue_here.start()
        if any(facts.mentions[j].end <= cue_at and not s.is_object(j) for j in targets):
            return []  # "We heard that X works in partnership with Y": the partnership is X's
    if not _spoken_as_the_host(s, cue_before):
        return []
    if cue_before is not None and cue_before.start > sent.start:
        # "X, Y and Z. These are our partners": the evidence runs to the word in the next sentence
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
    out = []
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


def _partner_word_here(s: OrgSentence) -> re.Match[str] | None:
    """The first "partner(s)", "partnership" of the sentence outside a name ("X Partnership")."""
    facts, sent = s.facts, s.sent
    lo = bisect.bisect_left(facts.starts, sent.start)
    hi = bisect.bisect_left(facts.starts, sent.end)
    named = [(m.start, m.end) for m in facts.mentions[lo:hi]]
    return next(
        (c for c in _PARTNER_WORD.finditer(s.text) if not any(a <= sent.start + c.start() < b for a, b in named)),
        None,
    )


def _partner_sentence_beside(s: OrgSentence, cue_here: re.Match[str] | None) -> Sentence | None:
    """The sentence that calls this one's organisations partners: one of the two before it in
    its paragraph, when this one opens "These ...", or, without a word for it here, the next
    one ("These are our partners")."""
    facts, sent = s.facts, s.sent
    t = facts.text
    k = sent.index
    context = [
        facts.sentences[i] for i in range(max(0, k - 2), k) if "\n\n" not in t[facts.sentences[i].end : sent.start]
    ]
    if rx(r"\s*(?:[•*-]\s*)?(?:these|this|they|which|both|all)\b", re.IGNORECASE).match(s.text):
        for prev in reversed(context):
            if _PARTNER_WORD.search(t[prev.start : prev.end]):
                return prev
    if not cue_here and k + 1 < len(facts.sentences):
        nxt = facts.sentences[k + 1]
        if rx(r"\s*(?:these|they|both|all of these) (?:are|were|have been) (?:\w+ )?partners\b", re.IGNORECASE).match(
            t[nxt.start : nxt.end]
        ):
            return nxt
    return None


def _spoken_as_the_host(s: OrgSentence, cue_before: Sentence | None) -> bool:
    """Whether the text speaks as the organisation: "we", "our", or a list introduced that way."""
    facts, sent = s.facts, s.sent
    t = facts.text
    k = sent.index
    voiced = (
        [sent]
        + ([cue_before] if cue_before else [])
        + [prev for prev in facts.sentences[max(0, k - 6) : k] if t[prev.start : prev.end].rstrip().endswith(":")]
    )
    return any(_FIRST_PERSON.search(t[x.start : x.end]) for x in voiced)


def partnership_between(s: OrgSentence) -> list[Found]:
    """ "a partnership between X, Y and Z": each pair of them are partners."""
    facts, sent = s.facts, s.sent
    out = []
    for m in _PARTNERSHIP_BETWEEN.finditer(s.text):
        targets = s.orgs_after(sent.start + m.end())
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
    return out


def coalition_of(s: OrgSentence) -> list[Found]:
    """ "a coalition of X, Y and Z": each pair of them are partners, and each is a member of the
    coalition, when the organisation named just before is it ("W. This is a coalition of")."""
    facts, sent = s.facts, s.sent
    out = []
    for m in _COALITION_OF.finditer(s.text):
        targets = s.orgs_after(sent.start + m.end())
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
            pre = rx(r"\b(?:This|It|The \w+) (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,2}$").search(s.text[: m.start()])
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
    return out


def member_of(s: OrgSentence) -> list[Found]:
    """ "X is a member of Y", "we are members of Y": MEMBER_OF from the subject, a person or an
    organisation, or from the organisation the text speaks for."""
    facts, sent, idx = s.facts, s.sent, s.idx
    out = []
    for m in _MEMBER_OF.finditer(s.text):
        pos = sent.start + m.end()
        j = mention_at(facts, idx, pos, "Organisation")
        we = rx(r"\b(?:we|We)\s+(?:\w+\s+)?$").search(s.text[: m.start()])
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
