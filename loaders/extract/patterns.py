"""Relation rules as data: each rule is a row of ``loaders/data/relation_rules.yaml``.

A row names its relation, a *frame* (how its slots are filled), its trigger words, what each
slot takes, a confidence, and examples with made-up names that must give the edge (and
counter-examples that must stay silent; ``tests/test_relation_rules.py`` runs them all).
Adding a phrasing is one row, or a trigger word added to one.

Frames (each a function below):

``verb``
    "X funds Y", "Y is funded by X", "Y, funded by X,", "Funded by X, Y ...". The subject and
    the object (after one of ``object`` prepositions, "" for a direct object) fill the slots;
    the passive swaps them, its agent following ``agent``. ``subject: target`` reverses the
    roles ("Y received a grant from X"). ``pairwise`` relates the names of a listed subject
    to each other when no object follows ("A, B and C joined forces").
``noun``
    "a grant from X to Y", "X's partnership with Y", "Y is a member of X": the names after
    the prepositions of ``slots`` fill their roles; a role left empty is filled by the
    possessor or the subject of the clause ("Y has received funding from X") or the
    organisation the document speaks for ("our partnership with Y").
``list``
    "funders including A, B and C": every listed name to the anchor (the subject, the
    possessor, the name after "of", or the document's own organisation).
``meeting``
    SPOKE_AT and CHAIRED of the meeting the section records: "X spoke", "chaired by X",
    "speakers included A and B".

ROLE_AT rows use the frames of :mod:`loaders.extract.roles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from .clauses import COORD, Arg, Clause
from .facts import Found, SectionFacts

__all__ = ["Rule", "apply_rules", "inflections", "load_rules"]

ORG = ("Organisation",)


@dataclass(frozen=True)
class Example:
    """A made-up sentence, and the edge a rule must read from it ((source, target) names)."""

    text: str
    edge: tuple[str, str]
    attrs: tuple[tuple[str, str], ...] = ()
    context: str = ""  # sentences before the example (who "we" are, say)
    title: str = ""  # the section's title (the meeting it records)


@dataclass(frozen=True)
class Rule:
    """One row of the rules file."""

    id: str
    relation: str
    frame: str
    triggers: tuple[tuple[str, ...], ...]  # each a sequence of word forms
    source: tuple[str, ...]
    target: tuple[str, ...]
    confidence: float
    options: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    examples: tuple[Example, ...] = ()
    counter: tuple[str, ...] = ()

    def opt(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


# -- loading ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Read every row of the rules file (once per process)."""
    import yaml

    text = resources.files("loaders").joinpath("data", "relation_rules.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the pure-Python one took half a second per process
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    irregular = {k: tuple(v) for k, v in (data.get("irregular") or {}).items()}
    rules = []
    for row in data["rules"]:
        frame = row["frame"]
        pos = row.get("pos", "verb" if frame == "verb" else "noun")
        triggers = []
        for trig in row.get("triggers", ()):
            words = trig.split()
            heads = inflections(words[0], pos, irregular) if not row.get("exact") else (words[0],)
            for head in heads:
                triggers.append((head, *words[1:]))
        options = {
            k: v
            for k, v in row.items()
            if k not in ("id", "relation", "frame", "triggers", "source", "target", "confidence", "examples", "counter", "pos", "exact")
        }
        examples = tuple(
            Example(
                e["text"],
                tuple(e["edge"]),
                tuple(sorted((e.get("attrs") or {}).items())),
                e.get("context", ""),
                e.get("title", ""),
            )
            for e in row.get("examples", ())
        )
        rules.append(
            Rule(
                row["id"],
                row["relation"],
                frame,
                tuple(sorted(set(triggers))),
                tuple(row.get("source", ORG)),
                tuple(row.get("target", ORG)),
                float(row["confidence"]),
                MappingProxyType(options),
                examples,
                tuple(row.get("counter", ())),
            )
        )
    return tuple(rules)


def inflections(lemma: str, pos: str, irregular: dict[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The forms of a verb ("fund": fund, funds, funded, funding) or a noun (its plural).

    >>> inflections("fund", "verb")
    ('fund', 'funded', 'funding', 'funds')
    >>> inflections("partnership", "noun")
    ('partnership', 'partnerships')
    """
    irregular = irregular or {}
    if pos == "noun":
        if lemma.endswith(("s", "x", "ch", "sh")):
            forms = {lemma, lemma + "es"}
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms = {lemma, lemma[:-1] + "ies"}
        else:
            forms = {lemma, lemma + "s"}
        return tuple(sorted(forms))
    if pos != "verb":
        return (lemma,)
    if lemma in irregular:
        return tuple(sorted({lemma, *irregular[lemma]}))
    forms = {lemma}
    if lemma.endswith("e") and not lemma.endswith("ee"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "x", "ch", "sh", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return tuple(sorted(forms))


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[Rule, tuple[str, ...]], ...]]:
    index: dict[str, list[tuple[Rule, tuple[str, ...]]]] = {}
    for rule in load_rules():
        for trig in rule.triggers:
            index.setdefault(trig[0], []).append((rule, trig))
    # longer triggers first: "set up" before "set"
    return {k: tuple(sorted(v, key=lambda rt: -len(rt[1]))) for k, v in index.items()}


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")


@lru_cache(maxsize=1)
def _address_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.frame == "address")


def _address(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """A postal address ("Tarn Trust, 4 Mill Lane, Kendal LA9 4AB"): the organisation it opens
    with, or the document's own, is in the places it names."""
    from .roles import _document_org

    units = clause.units
    places = [j for j, u in enumerate(units) if u.kind == "E" and u.low == "Place"]
    if not places:
        return
    org = next((clause.arg(j, rule.source) for j, u in enumerate(units) if u.kind == "E" and clause.arg(j, rule.source) and j < places[0]), None)
    if org is None:
        org = _document_org(facts, clause)
    if org is None:
        return
    for j in places:
        f = _edge(facts, clause, rule, org, clause.arg(j, rule.target), min(j, org.unit if org.unit >= 0 else j), j)
        if f:
            yield f


@lru_cache(maxsize=1)
def _role_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.frame == "role")


def trigger_words() -> frozenset[str]:
    """Every word that opens a trigger: a sentence without one needs no clause."""
    return frozenset(_index())


# -- applying -----------------------------------------------------------------------------


def apply_rules(facts: SectionFacts, clause: Clause) -> list[Found]:
    """Every edge the rows read in one clause (sentence)."""
    index = _index()
    out: list[Found] = []
    units = clause.units
    if any(u.kind == "E" and u.low == "Person" or u.kind == "R" and clause.label(k) == "Person" for k, u in enumerate(units)):
        from .roles import role_frames

        out += role_frames(facts, clause, _role_rules())
    if _POSTCODE.search(facts.text, clause.sent.start, clause.sent.end):
        for rule in _address_rules():
            out += _address(facts, clause, rule, -1, -1)
    taken: set[tuple[str, int]] = set()  # (relation, trigger unit): the longest trigger wins
    for k, u in enumerate(units):
        if u.kind == "E" and u.low == "Concept":
            # "co-designed" read as an idea is still a verb to the rules
            cands = index.get(facts.text[u.start : u.end].lower())
        elif u.kind not in "WRP":
            continue  # a reference ("the consortium") or a bracket may be a trigger too
        else:
            cands = index.get(u.low)
        if not cands:
            continue
        for rule, trig in cands:
            end = _match(units, k, trig)
            if end is None or (rule.relation + rule.frame, k) in taken:
                continue
            found = list(_FRAMES[rule.frame](facts, clause, rule, k, end))
            if found:
                taken.add((rule.relation + rule.frame, k))
                out += found
    return out


def _match(units, k: int, trig: tuple[str, ...]) -> int | None:
    j = k
    for word in trig[1:]:
        j += 1
        while j < len(units) and units[j].kind == "W" and units[j].low in _PHRASE_FILLERS and word not in _PHRASE_FILLERS:
            j += 1  # "joined forces", "work closely with": one adverb inside a phrase
        if j >= len(units) or units[j].low != word:
            return None
    return j


_PHRASE_FILLERS = frozenset(("closely", "together", "also", "jointly", "directly", "in", "formally", "officially"))


def _edge(
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


def _status(clause: Clause, k: int, end: int, rule: Rule) -> tuple[tuple[str, str], ...]:
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
    if before and before[-1] in ("is", "are", "am") or trig.endswith("s") and not trig.endswith("ss") and trig not in _NOUN_FORMS:
        return (("status", "current"),)
    if before and before[-1] in ("was", "were", "had") or "had" in before or trig.endswith("ed") or trig in _PAST_FORMS:
        if not before or before[-1] not in ("has", "have", "been") or "had" in before:
            return (("status", "past"),)
    return ()


_FUTURE_SPANS = ("for the next", "over the next", "for the coming", "over the coming", "until 20", "to 20")
_PAST_FORMS = frozenset(("gave", "given", "granted", "awarded", "donated", "provided", "made", "won", "received", "secured"))
_NOUN_FORMS = frozenset(("grants", "funds", "awards", "donations", "gifts", "investments"))


# -- frames -------------------------------------------------------------------------------

_BE = frozenset(("is", "are", "was", "were", "be", "been", "being", "’s"))


def _passive(clause: Clause, k: int) -> bool:
    """Whether the participle at ``k`` is passive: after a form of "be" (adverbs between),
    after a comma or a bracket (a reduced relative: "Y, funded by X"), or opening the sentence."""
    units = clause.units
    low = units[k].low
    if not (low.endswith(("ed", "en", "wn")) or low in _PARTICIPLES):
        return False
    j = k - 1
    while j >= 0 and (units[j].low.endswith("ly") or units[j].low in ("also", "now", "jointly", "generously", "recently", "kindly", "not", "originally", "first")):
        j -= 1
    if j < 0:
        return True
    return units[j].low in _BE or units[j].low in (",", "(")


_PARTICIPLES = frozenset(
    """set led run held made won given brought begun paid written spoken taken grown underwritten
    built chosen known""".split()
)


def _verb(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    if clause.hedged(k):
        return
    if rule.opt("needs_money") and not _money(clause):
        return
    titles = rule.opt("titles")
    if titles:
        title = titles.get(clause.units[k].low)
        if title is None:
            return
        rule = _with_attrs(rule, {"title": title})
    for f in _verb_edges(facts, clause, rule, k, end):
        if rule.opt("funder_agent") and not _funder_like(f.source[1]):
            continue
        if rule.opt("title_after_as"):
            f = f._replace(attrs=_title_as(clause, end, f.attrs))
        yield f


def _title_as(clause: Clause, end: int, attrs):
    """ "employs Jo Bloggs as a part-time technician": the title after "as"."""
    from .roles import _singular, _title_forward

    for j in range(end + 1, min(len(clause.units), end + 8)):
        if clause.units[j].low == "as":
            got = _title_forward(clause, j + 1)
            if got:
                return tuple(sorted({**dict(attrs), "title": _singular(got[1])}.items()))
            break
    return attrs


def _money(clause: Clause) -> bool:
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


def _funder_like(name: str) -> bool:
    return bool(set(name.lower().replace("’s", "").split()) & _FUNDER_WORDS)


def _with_attrs(rule: Rule, attrs: dict) -> Rule:
    from dataclasses import replace

    options = dict(rule.options)
    options["attrs"] = {**dict(rule.opt("attrs", {})), **attrs}
    return replace(rule, options=MappingProxyType(options))


def _verb_edges(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    subject_role = rule.opt("subject", "source")
    a_labels, b_labels = (rule.source, rule.target) if subject_role == "source" else (rule.target, rule.source)
    preps = tuple(rule.opt("object", [""]))
    attrs = _status(clause, k, end, rule)
    passive = _passive(clause, k)
    if rule.opt("passive_only") and not passive:
        return
    if passive and not rule.opt("active_only"):
        agents = clause.right(end, a_labels, tuple(rule.opt("agent", ["by"])), reach=int(rule.opt("agent_reach", 3)))
        if not agents and rule.opt("agent_reach"):
            # "was founded as X in Leeds in 1989, by Jo Bloggs": an agent after an aside
            agents = clause.after_word(end, tuple(rule.opt("agent", ["by"])), a_labels, limit=int(rule.opt("agent_reach")) * 2)
        patients = clause.left(k, b_labels)
        if not patients and k <= 1:
            patients = clause.first_after_comma(end, b_labels)
        if not patients and rule.opt("host_agent") and facts.host:
            agents = agents  # the passive without an agent: see below
        if patients and not agents and rule.opt("host_agent"):
            host = _host_arg(facts, clause)
            if host is not None:
                agents = [host]
        for a in agents:
            for p in patients:
                yield from _emit(facts, clause, rule, a, p, k, end, subject_role, attrs, rule.opt("host_agent_confidence") if a.unit < 0 else None)
        return
    # an active verb never follows its subject's comma ("Jo, Chair of X": a noun, not "chairs"),
    # but a participle may ("X, based in Leeds,")
    subjects = clause.left(k, a_labels, reach=int(rule.opt("reach", 0)), appositive=bool(rule.opt("appositive")))
    if not subjects and all(u.kind == "P" for u in clause.units[:k]) and clause.units[k].low.endswith(("ing", "ed")):
        # "Working alongside X, Y has opened", "Based in Oban, Y supports": the subject follows
        subjects = clause.first_after_comma(end, a_labels)
    objects = clause.right(
        end, b_labels, preps, reach=int(rule.opt("object_reach", 6)), skip=frozenset(rule.opt("skip", ()))
    )
    if rule.opt("pairwise_subjects"):
        objects = []  # "A, B and C are investing £1m": the joint subjects, whatever the object
    if rule.opt("pairwise_subjects") and len(subjects) > 1 and not any(
        u.low in COORD for u in clause.units[subjects[0].unit : subjects[-1].unit]
    ):
        return  # "X, the Y report found": an apposition, not a list of subjects
    if rule.opt("pairwise") and not objects and len(subjects) > 1:
        for i, a in enumerate(subjects):
            for b in subjects[i + 1 :]:
                f = _edge(facts, clause, rule, a, b, k, end, attrs)
                if f:
                    yield f
        return
    for a in subjects:
        for b in objects:
            yield from _emit(facts, clause, rule, a, b, k, end, subject_role, attrs)


def _emit(facts, clause, rule, a: Arg, b: Arg, k: int, end: int, subject_role: str, attrs, conf=None) -> Iterator[Found]:
    src, tgt = (a, b) if subject_role == "source" else (b, a)
    f = _edge(facts, clause, rule, src, tgt, k, end, attrs, conf)
    if f:
        yield f


def _host_arg(facts: SectionFacts, clause: Clause) -> Arg | None:
    """The organisation the document speaks for, as a slot filler (no unit names it here)."""
    for u_i, u in enumerate(clause.units):
        if u.kind == "R" and u.mention >= 0 and u.low in ("we", "our", "us"):
            return Arg(u.mention, u_i, True)
    from .clauses import _host_mention

    i = _host_mention(facts)
    return Arg(i, -1, True) if i >= 0 else None


def _noun(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    if clause.hedged(k):
        return
    slots: dict[str, str] = dict(rule.opt("slots", {}))
    units = clause.units
    filled: dict[str, list[Arg]] = {"source": [], "target": []}
    labels = {"source": rule.source, "target": rule.target}
    if "" in slots:
        # a name right after the noun: "the report Tides of Change", "its latest report, X,"
        j = end + 1
        while j < len(units) and units[j].low in (",", "called", "titled", "entitled", "named", ":", "the"):
            j += 1
        got = clause.arg(j, labels[slots[""]]) if j < len(units) else None
        if got:
            filled[slots[""]].append(got)
    # the prepositions after the noun: "a grant of £5,000 from X to Y"
    j = end + 1
    words = 0
    while j < len(units) and words <= 2:
        u = units[j]
        if u.kind == "P" and (u.low in ".;:!?" or u.low in "–—"):
            break
        if u.kind == "W" and u.low in slots:
            role = slots[u.low]
            if role == "both_or_target":
                got = clause.right(j, labels["target"], ("",), reach=1)
                role = "both" if len(got) >= 2 else "target"
            roles = ("source", "target") if role == "both" else (role,)
            got = clause.right(j, labels[roles[0]], ("",), reach=1)
            if got:
                if role == "both":
                    if len(got) >= 2:
                        filled["source"].append(got[0])
                        filled["target"] += got[1:]
                else:
                    filled[roles[0]] += [g for g in got if g not in filled[roles[0]]]
                j = got[-1].unit + 1
                words = 0
                continue
        if u.kind == "E":
            if any(a.unit == j for r in filled.values() for a in r):
                j += 1  # the name a direct slot took: "the book X by Y"
                continue
            break
        if u.kind == "W" and u.low not in ("of", "a", "an", "the", "in", "£"):
            words += 1
        j += 1
    fill = rule.opt("apposition_fills")
    if fill and not filled[fill] and k >= 2:
        b = k - 1
        while b >= 0 and units[b].kind == "W" and units[b].low not in (",",) and k - b <= 4:
            b -= 1  # "X, a new report from Y": the adjectives and the article
        if b >= 1 and units[b].low == "," and units[b + 1].low in ("a", "an", "the", "its", "their", "his", "her"):
            got = clause.arg(b - 1, labels[fill])
            if got:
                filled[fill].append(got)
    owner = rule.opt("owner", "source")
    if owner == "auto":
        # the role the prepositions left empty: "a grant from X" is owned by its recipient
        empty = [r for r in ("source", "target") if not filled[r]]
        if len(empty) > 1:
            return
        owner = empty[0] if empty else "source"
    other = "target" if owner == "source" else "source"
    if not filled[owner]:
        filled[owner] = _owner(facts, clause, k, labels[owner], rule)
    if not filled[other] and rule.opt("other_from_subject"):
        filled[other] = _owner(facts, clause, k, labels[other], rule)
    attrs = _status(clause, k, end, rule)
    for s in filled["source"]:
        for t in filled["target"]:
            f = _edge(facts, clause, rule, s, t, k, end, attrs)
            if f:
                yield f
    if rule.opt("pairwise") and len(filled["target"]) > 1 and not filled["source"]:
        group = filled["target"]
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                f = _edge(facts, clause, rule, a, b, k, end, attrs)
                if f:
                    yield f


def _owner(facts: SectionFacts, clause: Clause, k: int, labels: tuple[str, ...], rule: Rule) -> list[Arg]:
    """Who a noun belongs to: "X's grant", "X grant", "X has a partnership", "our partnership"."""
    units = clause.units
    j = k - 1
    # adjectives and the like between: "X's new three-year partnership"
    while j >= 0 and units[j].kind in "WM" and units[j].low not in ("’s", "of", "with", "to", "from", "by", "and", "for") and k - j <= 4 and units[j].low not in _VERBISH:
        if clause.arg(j, labels):
            break
        j -= 1
    if j >= 0 and units[j].low == "’s" and j > 0:
        got = clause.arg(j - 1, labels)
        if got:
            return [got]
    if j >= 0:
        got = clause.arg(j, labels)
        if got:
            return clause._coordinated_left(j, labels) + [got]  # "X and Y's partnership", "our partnership"
    copula = rule.opt("owner_via")
    if copula == "copula":
        # "Y is a member of X", "Y, a member of X,", "Y became members of X"
        got = clause.left(k, labels, skip=_COPULA_SKIP)
        if not got and units and units[0].low in ("as", "being"):
            got = clause.first_after_comma(k, labels)  # "As members of X, A and B receive"
        return got
    if rule.opt("subject_owner", True):
        got = clause.subject(k, labels)
        if got:
            return got
        if units and units[0].low in _FRONTED:
            # "Thanks to funding from X, Y can ...": the clause after the fronted phrase
            return clause.first_after_comma(k, labels)
    return []


_COPULA_SKIP = frozenset(
    """is are was were be been being has have had become became becomes remain remains remained
    a an the one also already now still full founding proud longstanding long-standing active new
    key major leading main principal lead long-time longtime as of both all each""".split()
)
_FRONTED = frozenset(("with", "thanks", "through", "using", "following", "after", "since", "via", "together", "alongside", "in", "jointly"))


_VERBISH = frozenset(
    """is are was were has have had be been received receive receives secured secure won win
    announced announce announces made make makes awarded gave given provided agreed signed formed
    launched entered became become joined""".split()
)


def _list(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "funders including A, B and C", "members include A and B", "supporters: A; B; C"."""
    if clause.hedged(k):
        return
    units = clause.units
    listed_labels = rule.source if rule.opt("listed", "source") == "source" else rule.target
    anchor_labels = rule.target if rule.opt("listed", "source") == "source" else rule.source
    j = end + 1
    anchors: list[Arg] = []
    if rule.opt("of_kind") and j + 1 < len(units) and units[j].low == "of":
        # "a consortium of funders, including A, B and C": what kind of members, then the list
        b = j + 1
        while b < len(units) and units[b].kind == "W" and units[b].low not in _LIST_INTRO and b - j <= 4:
            b += 1
        j = b
    elif j + 1 < len(units) and units[j].low == "of":
        # "Members of X include A and B"
        b = j + 2 if units[j + 1].low == "the" else j + 1
        got = clause.arg(b, anchor_labels) if b < len(units) else None
        if got:
            anchors = [got]
            j = b + 1
    if not anchors and j + 1 < len(units) and units[j].low in ("by", "from") and rule.opt("listed", "source") == "target":
        # "Grants awarded by the Tarn Trust: A (£5,000); B (£2,000)"
        b = j + 1 + (units[j + 1].low == "the")
        got = clause.arg(b, anchor_labels) if b < len(units) else None
        if got:
            anchors = [got]
            j = b + 1
    # the listing words: "including", "include", "such as", ":", "are", "were"
    intro = 0
    intros = _LIST_INTRO | {","} if rule.opt("of_kind") else _LIST_INTRO
    while j < len(units) and intro < 4 and units[j].kind in "WP" and units[j].low in intros:
        j += 1
        intro += 1
    if intro == 0 and not rule.opt("bare"):
        # "Tarn Trust's partners on the project were A and B": a phrase, then the listing word
        for b in range(j, min(len(units), j + 7)):
            if units[b].kind not in "WM":
                break
            if units[b].low in ("include", "included", "includes", "including", "were", "are", "was", "is"):
                j = b + 1
                intro = 1
                break
        if intro == 0:
            return
    listed = _listed(clause, j, listed_labels)
    if not listed or rule.opt("pairwise_only") and len(listed) < 2:
        return
    if not anchors and not rule.opt("pairwise_only"):
        b = k - 1
        while b >= 0 and (units[b].kind == "M" or units[b].low in ("founding", "member", "new", "active", "current", "full", "thirty", "forty", "many", "several", "some", "now")):
            b -= 1
        if b >= 0 and units[b].low in ("has", "have", "had", "with", "boasts", "counts"):
            anchors = clause.left(b, anchor_labels, skip=_COPULA_SKIP)[-1:]  # "Tarn Network has forty members, including"
        elif b >= 1 and units[b].low == "whose":
            got = clause.arg(b - 1 - (units[b - 1].low == ","), anchor_labels)
            anchors = [got] if got else []  # "Tarn Network, whose members include"
    if not anchors and not rule.opt("pairwise_only"):
        # "X's funders include", "our funders include": the possessor
        b = k - 1
        while b >= 0 and units[b].kind == "W" and units[b].low not in ("’s",) and k - b <= 3 and units[b].low not in _VERBISH:
            b -= 1
        if b >= 1 and units[b].low == "’s":
            got = clause.arg(b - 1, anchor_labels)
            anchors = [got] if got else []
        elif b >= 0 and units[b].kind == "R":
            got = clause.arg(b, anchor_labels)
            anchors = [got] if got else []
        elif b >= 0 and clause.arg(b, anchor_labels) and k - b == 1:
            anchors = [clause.arg(b, anchor_labels)]  # "Kestrel funders include"
    if not anchors and rule.opt("host_fallback"):
        doc = _document_org_arg(facts, clause)
        anchors = [doc] if doc else []
    for a in anchors:
        for x in listed:
            src, tgt = (x, a) if rule.opt("listed", "source") == "source" else (a, x)
            f = _edge(facts, clause, rule, src, tgt, k, x.unit, conf=rule.confidence)
            if f:
                yield f
    if rule.opt("pairwise"):
        for i, a in enumerate(listed):
            for b in listed[i + 1 :]:
                f = _edge(facts, clause, rule, a, b, k, b.unit)
                if f:
                    yield f


_LIST_INTRO = frozenset(("including", "include", "includes", "included", "such", "as", ":", "are", "were", "is", "was", "like", "namely", "incl", ".", "the", "all", "from"))


def _document_org_arg(facts: SectionFacts, clause: Clause) -> Arg | None:
    from .roles import _document_org

    return _document_org(facts, clause)


def _listed(clause: Clause, j: int, labels: tuple[str, ...]) -> list[Arg]:
    """The names listed from unit ``j``: separated by commas, semicolons, "and", "&". A list
    whose items are parted by semicolons may describe each ("A, chief executive of X; B, ...")."""
    units = clause.units
    if any(u.low == ";" for u in units[j:]):
        out = []
        for b in range(j, len(units)):
            if b == j or units[b - 1].low in (";", "and") or units[b - 1].low == "and" or b >= 2 and units[b - 2].low == ";" and units[b - 1].low == "and":
                got = clause.arg(b, labels)
                if got:
                    out.append(got)
        if len(out) > 1:
            return out
    out: list[Arg] = []
    while j < len(units):
        got = clause.arg(j, labels)
        if got is None:
            if units[j].kind == "E" and out:
                j += 1  # a name of another kind inside the list ("A (Leeds), B")
                continue
            break
        out.append(got)
        j += 1
        # separators, and bracketed asides after a name: "A (UK Branch), B"
        while j < len(units) and (units[j].low in (",", ";", "and", "&", "the", "/") or units[j].low == "("):
            if units[j].low == "(":
                j = clause._close_paren(j)
            j += 1
    return out


def _address_place(clause: Clause, end: int, preps: tuple[str, ...]) -> list[Arg]:
    """ "held at Riverside House, 4 Mill Lane, Kendal": the place that ends a venue's address."""
    units = clause.units
    text = clause.facts.text
    for j in range(end + 1, min(len(units), end + 9)):
        if units[j].low in preps:
            for b in range(j + 1, min(len(units), j + 12)):
                got = clause.arg(b, ("Place",))
                if got:
                    return [got]
                u = units[b]
                capital = u.kind == "W" and text[u.start : u.start + 1].isupper()
                if not (capital or u.kind in "ME" or u.low in (",", "the")):
                    return []
            return []
    return []


def _cited(facts: SectionFacts, clause: Clause, p: Arg) -> bool:
    """ "as Jo Bloggs has described", "in the words of Jo Bloggs", "at our last meeting Jo said":
    someone cited or recalled, not heard at this meeting."""
    from .relations import _recalls_another_meeting

    units = clause.units
    if p.unit <= 0:
        return False
    before = units[p.unit - 1].low
    if before in ("as", "by", "of", "like", "according"):
        return True
    text = facts.text
    return _recalls_another_meeting(text[clause.sent.start : units[p.unit].start], facts.meeting)


def _meeting(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """SPOKE_AT / CHAIRED a meeting: the one the sentence names, nearest the trigger, else the one
    the section records: "X spoke", "chaired by X", "speakers at the launch included A, B"."""
    named = [j for j, u in enumerate(clause.units) if u.kind == "E" and u.low == "Meeting"]
    if named:
        j = min(named, key=lambda j: abs(j - k))
        meeting = Arg(clause.units[j].mention, j, False)
    elif facts.meeting:
        meeting = Arg(-1, -1, False, ("Meeting", facts.meeting))
    else:
        return
    if clause.hedged(k):
        return
    nouns = rule.opt("object_nouns")
    if nouns and not any(u.low in nouns for u in clause.units[end + 1 : end + 7]):
        return  # "gave a talk", "chaired the session": only with such a noun after the verb
    mode = rule.opt("slot", "subject")
    people: list[Arg]
    if mode == "subject":
        people = clause.left(k, ("Person",))
        people = [p for p in people if not _cited(facts, clause, p)]
    elif mode == "agent":
        # "The session was chaired by X", not "a small group convened by X" (that group's lead)
        b = k - 1
        while b >= 0 and clause.units[b].low in ("was", "were", "is", "be", "been", "being", "originally", "first", "also", "kindly", "ably", "expertly", ","):
            b -= 1
        if b >= 0 and clause.units[b].low not in _MEETING_NOUNS and clause.units[b].kind != "P":
            return
        people = clause.right(end, ("Person",), ("by",), reach=2)
    elif mode == "bracket":
        # "Jo Bloggs (CEO, Tarn Trust) (Chair)": a bracket after a name, in a list of those present
        units = clause.units
        if end + 1 >= len(units) or units[end + 1].low != ")" or k < 1 or units[k - 1].low != "(":
            return
        b = k - 2
        while b >= 0 and units[b].low == ")":
            b = clause._open_paren(b) - 1  # over the brackets before: "(CEO, Tarn Trust)"
        got = clause.arg(b, ("Person",)) if b >= 0 else None
        people = [got] if got else []
    elif mode == "by_noun":
        # "a keynote by X", "closing remarks from A and B"
        people = clause.right(end, ("Person",), ("by", "from"), reach=1)
    elif mode == "place":
        # "The meeting was held at Riverside House, Kendal": where the section's meeting was
        places = clause.right(end, ("Place",), tuple(rule.opt("object", ["at", "in"])), reach=8)
        if not places:
            places = _address_place(clause, end, tuple(rule.opt("object", ["at", "in"])))
        for pl in places:
            f = _edge(facts, clause, rule, meeting, pl, k, end)
            if f:
                yield f
        return
    else:  # "list": "speakers included A, B and C", "speakers at the launch were A and B"
        j = end + 1
        if j < len(clause.units) and clause.units[j].low in ("at", "for", "on", "in"):
            for b in range(j + 1, min(len(clause.units), j + 12)):
                if clause.units[b].low in ("include", "included", "includes", "including", "were", "are", "will", ":"):
                    j = b
                    break
        while j < len(clause.units) and clause.units[j].low in _LIST_INTRO | _SPEAKER_INTRO:
            j += 1
        people = _listed(clause, j, ("Person",))
    for p in people:
        f = _edge(facts, clause, rule, p, meeting, k, end)
        if f:
            yield f


def _label(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """A labelled list, as minutes and programmes write them: "Chair: Jo Bloggs", "Present: Jo
    Bloggs (Tarn Trust), Sam Iver", "Speakers – A, B and C". The meeting is the one the section
    records (or the one its sentence names)."""
    units = clause.units
    if any(u.kind != "P" and u.low not in ("*", "•") for u in units[:k]):
        return  # the label opens its line
    j = end + 1
    if j >= len(units) or units[j].low not in (":", "–", "-", "—"):
        return
    j += 1
    while j < len(units) and units[j].low in ("*", "_", "•"):
        j += 1  # "**Chair:** Jo Bloggs": the bold's closing marks
    people = _listed(clause, j, ("Person",))
    if not people:
        return
    named = [b for b, u in enumerate(units) if u.kind == "E" and u.low == "Meeting"]
    if named:
        meeting = Arg(units[named[0]].mention, named[0], False)
    elif facts.meeting:
        meeting = Arg(-1, -1, False, ("Meeting", facts.meeting))
    else:
        return
    for p in people:
        f = _edge(facts, clause, rule, p, meeting, k, end)
        if f:
            yield f


def _compound(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Leeds-based Tarn Trust", "a Cumbria-based charity": a place joined to "based"."""
    units = clause.units
    if k < 2 or units[k - 1].low not in ("-", "–"):
        return
    place = clause.arg(k - 2, rule.target)
    if place is None:
        return
    j = end + 1
    while j < len(units) and units[j].kind == "W" and j - end <= 3 and units[j].low not in ("and", "of"):
        j += 1  # "Leeds-based youth charity Tarn Trust", "a Leeds-based funder"
    org = clause.arg(j, rule.source) if j < len(units) else None
    if org is None:
        # "Tarn Trust is a Leeds-based funder": the subject
        got = clause.left(k - 2, rule.source, skip=_COPULA_SKIP)
        org = got[-1] if got else None
    if org is not None:
        f = _edge(facts, clause, rule, org, place, k - 2, j)
        if f:
            yield f


def _place_kind(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Tarn Trust, a Grimsby charity,", "Tarn Trust is a Leeds arts charity": a place before a
    word for a kind of body, said of a name."""
    units = clause.units
    place = None
    b = k - 1
    while b >= 0 and k - b <= 4 and units[b].low not in ("a", "an"):
        got = clause.arg(b, rule.target)
        if got:
            place = got
        elif units[b].kind != "W":
            return
        b -= 1  # "a Leeds arts charity": the place may come before other words
    if place is None or b < 0:
        return
    org = clause.left(b, rule.source, skip=_COPULA_SKIP)
    if not org and k + 2 < len(units) and units[k + 1].low == ",":
        got = clause.arg(k + 2, rule.source)
        org = [got] if got else []  # "the Leeds arts charity, Tarn Trust,"
    if org:
        f = _edge(facts, clause, rule, org[-1], place, b, k)
        if f:
            yield f


def _by_apposition(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Open Doors, by the Harbour Trust, explains ...", "Open Doors by Jo Bloggs": a work and
    its maker."""
    units = clause.units
    b = k - 1
    if b >= 0 and units[b].low == ",":
        b -= 1
    work = clause.arg(b, rule.target) if b >= 0 else None
    if work is None:
        return
    j = end + 1 + (end + 1 < len(units) and units[end + 1].low == "the")
    maker = clause.arg(j, rule.source) if j < len(units) else None
    if maker:
        f = _edge(facts, clause, rule, maker, work, b, j)
        if f:
            yield f


def _possessive(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "the Harbour Trust's 2021 Open Doors Report": a work named with its maker's possessive."""
    units = clause.units
    if k < 1:
        return
    maker = clause.arg(k - 1, rule.source)
    if maker is None:
        return
    for j in range(end + 1, min(len(units), end + 5)):
        work = clause.arg(j, rule.target)
        if work and facts.mentions[work.mention].label in rule.target:
            f = _edge(facts, clause, rule, maker, work, k - 1, j)
            if f:
                yield f
            return
        if units[j].kind not in "WM" or units[j].low in ("and", "of", "to", "with"):
            return


def _possessive_place(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Kendal's new Tarn Community Centre": a place owning a name."""
    units = clause.units
    if k < 1:
        return
    place = clause.arg(k - 1, rule.target)
    if place is None or facts.mentions[place.mention].label != "Place":
        return
    for j in range(end + 1, min(len(units), end + 5)):
        got = clause.arg(j, rule.source)
        if got:
            f = _edge(facts, clause, rule, got, place, k - 1, j)
            if f:
                yield f
            return
        if units[j].kind != "W":
            return


def _venue(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Venue: Riverside Hall, 1 Mill Street, Kendal LA9 4AB": where the section's meeting is."""
    units = clause.units
    if any(u.kind != "P" for u in units[:k]) or end + 1 >= len(units) or units[end + 1].low not in (":", "–", "-"):
        return
    if not facts.meeting:
        return
    places = [j for j in range(end + 2, len(units)) if clause.arg(j, ("Place",)) and facts.mentions[units[j].mention].label == "Place"]
    if places:
        meeting = Arg(-1, -1, False, ("Meeting", facts.meeting))
        f = _edge(facts, clause, rule, meeting, clause.arg(places[-1], ("Place",)), k, places[-1])
        if f:
            yield f


def _bracket_place(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "Tarn Trust (Kendal)": a place in brackets after a name."""
    units = clause.units
    if k < 1 or k + 2 >= len(units) or units[k + 2].low != ")":
        return
    org = clause.arg(k - 1, rule.source)
    place = clause.arg(k + 1, rule.target)
    if org and place:
        f = _edge(facts, clause, rule, org, place, k - 1, k + 2)
        if f:
            yield f


def _fronted(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "In Kendal, Tarn Food Bank ...": a place that opens the sentence, and the organisation
    that is its subject."""
    units = clause.units
    if any(u.kind != "P" for u in units[:k]):
        return
    place = clause.arg(end + 1, rule.target) if end + 1 < len(units) else None
    if place is None or facts.mentions[place.mention].label not in rule.target:
        return
    j = end + 2
    while j < len(units) and units[j].low in (",", "the", "a", "an"):
        j += 1
    org = clause.arg(j, rule.source) if j < len(units) else None
    if org is None:
        return
    f = _edge(facts, clause, rule, org, place, k, j)
    if f:
        yield f


_SPEAKER_INTRO = frozenset(("our", "today", "today’s", "will", "also", "be", "have", "has", "this", "year’s", "expert"))
_MEETING_NOUNS = frozenset(
    """meeting session event discussion roundtable webinar workshop conference panel call debate
    seminar forum it this evening day gathering launch conversation symposium summit festival
    programme agm""".split()
)

_FRAMES = {
    "verb": _verb,
    "noun": _noun,
    "list": _list,
    "meeting": _meeting,
    "fronted": _fronted,
    "label": _label,
    "compound": _compound,
    "place_kind": _place_kind,
    "bracket_place": _bracket_place,
    "possessive_place": _possessive_place,
    "possessive": _possessive,
    "by_apposition": _by_apposition,
    "venue": _venue,
}


def uses_coordination() -> frozenset[str]:
    """The words that join a list (for the rules' documentation)."""
    return COORD
