"""Relation rules between organisations (and where they are): FUNDED, PARTNERED_WITH, MEMBER_OF
and LOCATED_IN.

The funding rules live in :mod:`loaders.extract.org_funding`, the partnership and membership
rules in :mod:`loaders.extract.org_partners`; ``org_links`` runs them over one sentence.
"""

from __future__ import annotations

from .facts import Found, SectionFacts, mention_at, ref
from .lexicon import rx
from .org_funding import _ENDED_FUNDING, _GRANT_ENDS, funded_by_verbs, funded_our_grantees
from .org_partners import coalition_of, host_partners, member_of, partnered_with, partnership_between
from .org_sentence import OrgSentence
from .spans import Sentence

__all__ = ["located", "org_links"]


def org_links(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Found]:
    """FUNDED, PARTNERED_WITH and MEMBER_OF read in one sentence."""
    orgs = [i for i in idx if facts.mentions[i].label == "Organisation"]
    if not orgs:
        return []  # every rule here ends at an organisation named in the sentence
    s_text = facts.text[sent.start : sent.end]
    ended = bool(_ENDED_FUNDING.search(s_text) or _GRANT_ENDS.search(s_text))
    s = OrgSentence(facts, sent, idx, orgs, s_text, ended)
    return [
        *funded_by_verbs(s),
        *funded_our_grantees(s),
        *partnered_with(s),
        *(host_partners(s) if facts.host else ()),
        *partnership_between(s),
        *coalition_of(s),
        *member_of(s),
    ]


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
