"""FUNDED between organisations, read from the words of one sentence: "funded by X", "X funds Y",
"funded through a partnership with X", "our grantees include X and Y"."""

from __future__ import annotations

import re

from .facts import Found, mention_at, ref
from .lexicon import Cued, rx
from .org_sentence import OrgSentence

__all__ = ["funded_by_verbs", "funded_our_grantees"]

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
_MODIFIER_OF = re.compile(
    r"\s(?:volunteers?|staff|members?|residents|trustees|teams?|workers?|users|colleagues|officers?|employees)\b"
)
# a grant or funding that ends, said in words other than "ended": "the grant would end in 2025"
_GRANT_ENDS = re.compile(
    r"\b(?:grants?|funding)\b[^.;]{0,40}?\b(?:(?:would|will|is to|was to|is going to) (?:end|close|stop)|ends|"
    r"is ending|"
    r"(?:came|comes|come|coming) to an end|closed|closes|(?:was|were|has been|have been|is being) withdrawn|expired|"
    r"expires|finished)\b",
    re.IGNORECASE,
)


def funded_by_verbs(s: OrgSentence) -> list[Found]:
    """FUNDED read from a funding verb or phrase: "funded by X", "X funds Y", "X awarded a grant
    to Y", "funded through a partnership with X"."""
    out = []
    for m in _FUNDING.finditer(s.text):
        attrs = (("status", "ended"),) if s.ended else ()
        if m.group("through"):
            out += _funded_through_partnership(s, m, attrs)
            continue
        targets = s.orgs_after(s.sent.start + m.end())
        if not targets:
            continue
        subj = s.subject_before(s.sent.start + m.start())
        we = rx(r"\b(?:we|We)\s+(?:\w+\s+){0,2}$").search(s.text[: m.start()])
        if we and subj is not None and s.facts.mentions[subj].start > s.sent.start + we.start() and s.is_object(subj):
            subj = None  # "we" is the subject: the organisation named before is an object
        if m.group("passive"):
            out += _funded_passive(s, m, targets, subj, attrs)
        else:
            out += _funded_active(s, m, targets, subj, we, attrs)
    return out


def _funded_through_partnership(s: OrgSentence, m: re.Match[str], attrs: tuple[tuple[str, str], ...]) -> list[Found]:
    """ "X is funded through the Y partnership": Y funds X, and the two are partners."""
    facts, sent, idx = s.facts, s.sent, s.idx
    t = facts.text
    pos = sent.start + m.end()
    j = mention_at(facts, idx, pos, "Organisation")
    src = s.subject_before(sent.start + m.start())
    if j is None or src is None or not rx(r"\s+partnership").match(t[facts.mentions[j].end :]):
        return []
    end = facts.mentions[j].end + len(" partnership")
    return [
        Found(
            "FUNDED",
            ref(facts, j),
            ref(facts, src),
            facts.mentions[src].start,
            end,
            "funded.through_partnership",
            0.7,
            attrs,
        ),
        Found(
            "PARTNERED_WITH",
            ref(facts, src),
            ref(facts, j),
            facts.mentions[src].start,
            end,
            "partner.through_partnership",
            0.6,
        ),
    ]


def _funded_passive(
    s: OrgSentence, m: re.Match[str], targets: list[int], subj: int | None, attrs: tuple[tuple[str, str], ...]
) -> list[Found]:
    """ "Y is funded by X", "Y, supported by X and Z": the funders follow the cue."""
    facts, sent = s.facts, s.sent
    t = facts.text
    out = []
    if subj is None:
        # "Funding from the Alder Trust was withdrawn in 2024": no recipient is named,
        # so it is the organisation the document speaks for, when it opens the sentence
        opening = rx(r"^\s*(?:(?:the|our|all|their|its) )?$", re.IGNORECASE).match(s.text[: m.start()])
        if opening and facts.host and facts.names[targets[0]] != facts.host:
            end = facts.mentions[targets[0]].end
            stop = _ENDED_FUNDING.search(s.text)
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
        return out
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
    return out


def _funded_active(
    s: OrgSentence,
    m: re.Match[str],
    targets: list[int],
    subj: int | None,
    we: re.Match[str] | None,
    attrs: tuple[tuple[str, str], ...],
) -> list[Found]:
    """ "X funds Y", "we awarded grants to Y and Z": the funder is the subject, or the
    organisation the text speaks for."""
    facts, sent = s.facts, s.sent
    if m.group("active").lower().startswith("support") and not we:
        return []  # "X supports Y" is too often not about money
    if subj is not None and sent.start + m.start() - facts.mentions[subj].end < 40:
        src, start = ref(facts, subj), facts.mentions[subj].start
    elif we and facts.host:
        src, start = ("Organisation", facts.host), sent.start + we.start()
    else:
        return []
    out = []
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
    return out


def funded_our_grantees(s: OrgSentence) -> list[Found]:
    """ "Our grantees include X and Y": the organisation the text speaks for funds them."""
    facts, sent = s.facts, s.sent
    out = []
    if not facts.host:
        return out
    for m in _OUR_GRANTEES.finditer(s.text):
        for j in s.orgs_after(sent.start + m.end()):
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
                        (("status", "ended"),) if s.ended else (),
                    )
                )
    return out
