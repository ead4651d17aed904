"""What a filled frame becomes: a :class:`~loaders.extract.facts.Found` edge with its evidence
span, confidence and (for funding) status, and the small tests the frames share (does the
sentence speak of money, is a name a funder's)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from types import MappingProxyType

from .clauses import Arg, Clause
from .facts import Found, SectionFacts
from .rules import Rule

__all__ = ["edge", "emit", "funder_like", "host_arg", "money", "status", "with_attrs"]


def edge(
    facts: SectionFacts,
    clause: Clause,
    rule: Rule,
    src: Arg,
    tgt: Arg,
    lo: int,
    hi: int,
    attrs: tuple[tuple[str, str], ...] = (),
    conf: float | None = None,
) -> Found | None:
    if src.mention == tgt.mention and src.ref == tgt.ref:
        return None
    s_ref = src.ref or _ref(facts, src.mention, rule.source)
    t_ref = tgt.ref or _ref(facts, tgt.mention, rule.target)
    if s_ref[0] not in rule.source or t_ref[0] not in rule.target or s_ref == t_ref:
        return None
    a = min(lo, *(x.unit for x in (src, tgt) if x.unit >= 0))
    b = max(hi, *(x.unit for x in (src, tgt) if x.unit >= 0))
    confidence = conf if conf is not None else rule.confidence
    if src.via_reference or tgt.via_reference:
        confidence = round(confidence * 0.85, 3)
    start, end = clause.units[a].start, clause.units[b].end
    return Found(
        rule.relation,
        s_ref,
        t_ref,
        start,
        end,
        rule.id,
        confidence,
        tuple(sorted(set(attrs) | set(rule.opt("attrs", {}).items()))),
    )


def _ref(facts: SectionFacts, i: int, labels: tuple[str, ...]) -> tuple[str, str]:
    """(label, name) of mention ``i``; a candidate name takes the kind its slot asks for."""
    label = facts.mentions[i].label
    if label == "?":
        label = next((x for x in ("Organisation", "Place", "Publication") if x in labels), label)
    return label, facts.names[i]


def status(clause: Clause, k: int, end: int, rule: Rule) -> tuple[tuple[str, str], ...]:
    """Funding status from tense and wording: current only when the text says so."""
    if rule.relation != "FUNDED":
        return ()
    from .org_relations import _ENDED_FUNDING, _GRANT_ENDS

    units = clause.units
    sentence = clause.facts.text[clause.sent.start : clause.sent.end]
    if _ENDED_FUNDING.search(sentence) or _GRANT_ENDS.search(sentence):
        return (("status", "ended"),)
    before = [u.low for u in units[max(0, k - 4) : k]]
    trig = units[k].low
    ahead = " ".join(u.low for u in units[end + 1 : min(len(units), end + 14)])
    if any(p in ahead for p in _FUTURE_SPANS) or "continue" in " ".join(before) or "currently" in before:
        return (("status", "current"),)
    if (
        before
        and before[-1] in ("is", "are", "am")
        or trig.endswith("s")
        and not trig.endswith("ss")
        and trig not in _NOUN_FORMS
    ):
        return (("status", "current"),)
    if before and before[-1] in ("was", "were", "had") or "had" in before or trig.endswith("ed") or trig in _PAST_FORMS:
        if not before or before[-1] not in ("has", "have", "been") or "had" in before:
            return (("status", "past"),)
    return ()


_FUTURE_SPANS = ("for the next", "over the next", "for the coming", "over the coming", "until 20", "to 20")


_PAST_FORMS = frozenset(
    ("gave", "given", "granted", "awarded", "donated", "provided", "made", "won", "received", "secured")
)


_NOUN_FORMS = frozenset(("grants", "funds", "awards", "donations", "gifts", "investments"))


def money(clause: Clause) -> bool:
    """Whether the sentence speaks of money: an amount, or a word for a grant."""
    return any(u.kind == "M" and u.low[:1] in "£$€" or u.low in _MONEY_WORDS for u in clause.units)


_MONEY_WORDS = frozenset(
    """grant grants funding funds fund donation donations investment money cash pounds £ award awards
    endowment legacy bursary loan sponsorship million""".split()
)


_FUNDER_WORDS = frozenset(
    """fund foundation trust lottery council bank charitable philanthropy giving endowment trustees
    government department authority""".split()
)


def funder_like(name: str) -> bool:
    return bool(set(name.lower().replace("’s", "").split()) & _FUNDER_WORDS)


def with_attrs(rule: Rule, attrs: dict) -> Rule:
    """The rule with ``attrs`` added to the attributes of every edge it gives."""
    options = dict(rule.options)
    options["attrs"] = {**dict(rule.opt("attrs", {})), **attrs}
    return replace(rule, options=MappingProxyType(options))


def emit(facts, clause, rule, a: Arg, b: Arg, k: int, end: int, subject_role: str, attrs, conf=None) -> Iterator[Found]:
    src, tgt = (a, b) if subject_role == "source" else (b, a)
    f = edge(facts, clause, rule, src, tgt, k, end, attrs, conf)
    if f:
        yield f


def host_arg(facts: SectionFacts, clause: Clause) -> Arg | None:
    """The organisation the document speaks for, as a slot filler (no unit names it here)."""
    for u_i, u in enumerate(clause.units):
        if u.kind == "R" and u.mention >= 0 and u.low in ("we", "our", "us"):
            return Arg(u.mention, u_i, True)
    from .references import host_mention

    i = host_mention(facts)
    return Arg(i, -1, True) if i >= 0 else None


def document_org(facts: SectionFacts, clause: Clause) -> Arg | None:
    """The organisation a list of names with titles belongs to: the one the document speaks
    for, or the one the section's title names (minutes of its board)."""
    if facts.title_org is not None:
        return Arg(-1, -1, True, facts.title_org)
    return host_arg(facts, clause)
