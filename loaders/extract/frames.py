"""The clause frames: ``verb`` ("X funds Y", "Y is funded by X", "Funded by X, Y ..."),
``noun`` ("a grant from X to Y", "X's partnership with Y", "Y is a member of X") and ``list``
("X's funders include A, B and C"), each filling a rule's slots from the clause around its
trigger (see :mod:`loaders.extract.clauses`)."""

from __future__ import annotations

from collections.abc import Iterator

from .clauses import COORD, Arg, Clause
from .edges import document_org, edge, emit, funder_like, host_arg, money, status, with_attrs
from .facts import Found, SectionFacts
from .rules import Rule
from .titles import singular_title, title_forward

__all__ = ["COPULA_SKIP", "LIST_INTRO", "is_passive", "list_frame", "listed", "noun_frame", "owner_of", "verb_frame"]


_BE = frozenset(("is", "are", "was", "were", "be", "been", "being", "’s"))


def is_passive(clause: Clause, k: int) -> bool:
    """Whether the participle at ``k`` is passive: after a form of "be" (adverbs between),
    after a comma or a bracket (a reduced relative: "Y, funded by X"), or opening the sentence."""
    units = clause.units
    low = units[k].low
    if not (low.endswith(("ed", "en", "wn")) or low in _PARTICIPLES):
        return False
    j = k - 1
    while j >= 0 and (
        units[j].low.endswith("ly")
        or units[j].low in ("also", "now", "jointly", "generously", "recently", "kindly", "not", "originally", "first")
    ):
        j -= 1
    if j < 0:
        return True
    return units[j].low in _BE or units[j].low in (",", "(")


_PARTICIPLES = frozenset(
    """set led run held made won given brought begun paid written spoken taken grown underwritten
    built chosen known""".split()
)


def verb_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    if clause.hedged(k):
        return
    if rule.opt("needs_money") and not money(clause):
        return
    if rule.opt("not_before") and end + 1 < len(clause.units) and clause.units[end + 1].low in rule.opt("not_before"):
        return  # "Head of Policy": a noun, not the verb "heads"
    titles = rule.opt("titles")
    if titles:
        title = titles.get(clause.units[k].low)
        if title is None:
            return
        rule = with_attrs(rule, {"title": title})
    for f in _verb_edges(facts, clause, rule, k, end):
        if rule.opt("funder_agent") and not funder_like(f.source[1]):
            continue
        if rule.opt("title_after_as"):
            f = f._replace(attrs=_title_as(clause, end, f.attrs))
        yield f


def _title_as(clause: Clause, end: int, attrs):
    """ "employs Jo Bloggs as a part-time technician": the title after "as"."""
    for j in range(end + 1, min(len(clause.units), end + 8)):
        if clause.units[j].low == "as":
            got = title_forward(clause, j + 1)
            if got:
                return tuple(sorted({**dict(attrs), "title": singular_title(got[1])}.items()))
            break
    return attrs


def _verb_edges(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    subject_role = rule.opt("subject", "source")
    a_labels, b_labels = (rule.source, rule.target) if subject_role == "source" else (rule.target, rule.source)
    preps = tuple(rule.opt("object", [""]))
    attrs = status(clause, k, end, rule)
    passive = is_passive(clause, k)
    if rule.opt("passive_only") and not passive:
        return
    if passive and not rule.opt("active_only"):
        agents = clause.right(end, a_labels, tuple(rule.opt("agent", ["by"])), reach=int(rule.opt("agent_reach", 3)))
        if not agents and rule.opt("agent_reach"):
            # "was founded as X in Leeds in 1989, by Jo Bloggs": an agent after an aside
            agents = clause.after_word(
                end, tuple(rule.opt("agent", ["by"])), a_labels, limit=int(rule.opt("agent_reach")) * 2
            )
        patients = clause.left(k, b_labels)
        if not patients and k <= 1:
            patients = clause.first_after_comma(end, b_labels)
        if patients and not agents and rule.opt("host_agent"):
            # "Tarn Youth Club was awarded £5,000": on a funder's page, by the funder
            host = host_arg(facts, clause)
            if host is not None:
                agents = [host]
        for a in agents:
            for p in patients:
                yield from emit(
                    facts,
                    clause,
                    rule,
                    a,
                    p,
                    k,
                    end,
                    subject_role,
                    attrs,
                    rule.opt("host_agent_confidence") if a.unit < 0 else None,
                )
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
    if (
        rule.opt("pairwise_subjects")
        and len(subjects) > 1
        and not any(u.low in COORD for u in clause.units[subjects[0].unit : subjects[-1].unit])
    ):
        return  # "X, the Y report found": an apposition, not a list of subjects
    if rule.opt("pairwise") and not objects and len(subjects) > 1:
        for i, a in enumerate(subjects):
            for b in subjects[i + 1 :]:
                f = edge(facts, clause, rule, a, b, k, end, attrs)
                if f:
                    yield f
        return
    conf = None
    if subjects and not objects and rule.opt("host_object"):
        # "Tarn Youth Club applied successfully for £5,000": on a funder's page, to the funder
        host = host_arg(facts, clause)
        objects = [host] if host is not None else []
        conf = rule.opt("host_agent_confidence")
    for a in subjects:
        for b in objects:
            yield from emit(facts, clause, rule, a, b, k, end, subject_role, attrs, conf)


def noun_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    if clause.hedged(k):
        return
    slots: dict[str, str] = dict(rule.opt("slots", {}))
    filled: dict[str, list[Arg]] = {"source": [], "target": []}
    labels = {"source": rule.source, "target": rule.target}
    if "" in slots:
        got = _named_after_noun(clause, end, labels[slots[""]])
        if got:
            filled[slots[""]].append(got)
    _fill_from_prepositions(clause, end, slots, labels, filled)
    fill = rule.opt("apposition_fills")
    if fill and not filled[fill] and k >= 2:
        got = _apposition_before(clause, k, labels[fill])
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
        filled[owner] = owner_of(facts, clause, k, labels[owner], rule)
    if not filled[other] and rule.opt("other_from_subject"):
        filled[other] = owner_of(facts, clause, k, labels[other], rule)
    attrs = status(clause, k, end, rule)
    for s in filled["source"]:
        for t in filled["target"]:
            f = edge(facts, clause, rule, s, t, k, end, attrs)
            if f:
                yield f
    if rule.opt("pairwise") and len(filled["target"]) > 1 and not filled["source"]:
        group = filled["target"]
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                f = edge(facts, clause, rule, a, b, k, end, attrs)
                if f:
                    yield f


def _named_after_noun(clause: Clause, end: int, labels: tuple[str, ...]) -> Arg | None:
    """A name right after the noun: "the report Tides of Change", "its latest report, X,"."""
    units = clause.units
    j = end + 1
    while j < len(units) and units[j].low in (",", "called", "titled", "entitled", "named", ":", "the"):
        j += 1
    return clause.arg(j, labels) if j < len(units) else None


def _fill_from_prepositions(
    clause: Clause, end: int, slots: dict[str, str], labels: dict[str, tuple[str, ...]], filled: dict[str, list[Arg]]
) -> None:
    """Add to ``filled`` the names after the prepositions that follow the noun: "a grant of
    £5,000 from X to Y"."""
    units = clause.units
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


def _apposition_before(clause: Clause, k: int, labels: tuple[str, ...]) -> Arg | None:
    """The name the noun at ``k`` stands in apposition to: "X, a new report from Y"."""
    units = clause.units
    b = k - 1
    while b >= 0 and units[b].kind == "W" and units[b].low not in (",",) and k - b <= 4:
        b -= 1  # the adjectives and the article
    if b >= 1 and units[b].low == "," and units[b + 1].low in ("a", "an", "the", "its", "their", "his", "her"):
        return clause.arg(b - 1, labels)
    return None


def owner_of(facts: SectionFacts, clause: Clause, k: int, labels: tuple[str, ...], rule: Rule) -> list[Arg]:
    """Who a noun belongs to: "X's grant", "X grant", "X has a partnership", "our partnership"."""
    units = clause.units
    j = k - 1
    # adjectives and the like between: "X's new three-year partnership"
    while (
        j >= 0
        and units[j].kind in "WM"
        and units[j].low not in ("’s", "of", "with", "to", "from", "by", "and", "for")
        and k - j <= 4
        and units[j].low not in _VERBISH
    ):
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
        got = clause.left(k, labels, skip=COPULA_SKIP)
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


COPULA_SKIP = frozenset(
    """is are was were be been being has have had become became becomes remain remains remained
    a an the one also already now still full founding proud longstanding long-standing active new
    key major leading main principal lead long-time longtime as of both all each""".split()
)


_FRONTED = frozenset("with thanks through using following after since via together alongside in jointly".split())


_VERBISH = frozenset(
    """is are was were has have had be been received receive receives secured secure won win
    announced announce announces made make makes awarded gave given provided agreed signed formed
    launched entered became become joined""".split()
)


def list_frame(facts: SectionFacts, clause: Clause, rule: Rule, k: int, end: int) -> Iterator[Found]:
    """ "funders including A, B and C", "members include A and B", "supporters: A; B; C"."""
    if clause.hedged(k):
        return
    listed_labels = rule.source if rule.opt("listed", "source") == "source" else rule.target
    anchor_labels = rule.target if rule.opt("listed", "source") == "source" else rule.source
    anchors, j = _anchor_after_noun(clause, rule, end + 1, anchor_labels)
    j = _past_listing_words(clause, rule, j)
    if j is None:
        return
    names = listed(clause, j, listed_labels)
    if not names or rule.opt("pairwise_only") and len(names) < 2:
        return
    if not anchors and not rule.opt("pairwise_only"):
        anchors = _anchor_before_noun(clause, k, anchor_labels)
    if not anchors and rule.opt("host_fallback"):
        doc = _document_org_arg(facts, clause)
        anchors = [doc] if doc else []
    for a in anchors:
        for x in names:
            src, tgt = (x, a) if rule.opt("listed", "source") == "source" else (a, x)
            f = edge(facts, clause, rule, src, tgt, k, x.unit, conf=rule.confidence)
            if f:
                yield f
    if rule.opt("pairwise"):
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                f = edge(facts, clause, rule, a, b, k, b.unit)
                if f:
                    yield f


def _anchor_after_noun(clause: Clause, rule: Rule, j: int, labels: tuple[str, ...]) -> tuple[list[Arg], int]:
    """Whose list it is when a name follows the noun ("Members of X include", "Grants awarded by
    X: A; B"), and the unit after what was read, where the listing words may start."""
    units = clause.units
    anchors: list[Arg] = []
    if rule.opt("of_kind") and j + 1 < len(units) and units[j].low == "of":
        # "a consortium of funders, including A, B and C": what kind of members, then the list
        b = j + 1
        while b < len(units) and units[b].kind == "W" and units[b].low not in LIST_INTRO and b - j <= 4:
            b += 1
        j = b
    elif j + 1 < len(units) and units[j].low == "of":
        # "Members of X include A and B"
        b = j + 2 if units[j + 1].low == "the" else j + 1
        got = clause.arg(b, labels) if b < len(units) else None
        if got:
            anchors = [got]
            j = b + 1
    if (
        not anchors
        and j + 1 < len(units)
        and units[j].low in ("by", "from")
        and rule.opt("listed", "source") == "target"
    ):
        # "Grants awarded by the Tarn Trust: A (£5,000); B (£2,000)"
        b = j + 1 + (units[j + 1].low == "the")
        got = clause.arg(b, labels) if b < len(units) else None
        if got:
            anchors = [got]
            j = b + 1
    return anchors, j


def _past_listing_words(clause: Clause, rule: Rule, j: int) -> int | None:
    """The unit after the listing words from ``j`` ("including", "include", "such as", ":",
    "are", "were"), or None when no listing word comes and the rule needs one."""
    units = clause.units
    intro = 0
    intros = LIST_INTRO | {","} if rule.opt("of_kind") else LIST_INTRO
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
            return None
    return j


def _anchor_before_noun(clause: Clause, k: int, labels: tuple[str, ...]) -> list[Arg]:
    """Whose list it is when a name comes before the noun at ``k``."""
    return _holder_before(clause, k, labels) or _possessor_before(clause, k, labels)


def _holder_before(clause: Clause, k: int, labels: tuple[str, ...]) -> list[Arg]:
    """The body that has what is listed: "Tarn Network has forty members, including", "Tarn
    Network, whose members include"."""
    units = clause.units
    b = k - 1
    while b >= 0 and (units[b].kind == "M" or units[b].low in _COUNT_WORDS):
        b -= 1
    if b >= 0 and units[b].low in ("has", "have", "had", "with", "boasts", "counts"):
        return clause.left(b, labels, skip=COPULA_SKIP)[-1:]
    if b >= 1 and units[b].low == "whose":
        got = clause.arg(b - 1 - (units[b - 1].low == ","), labels)
        return [got] if got else []
    return []


# Between the verb and the noun: "Tarn Network has forty founding members".
_COUNT_WORDS = frozenset("founding member new active current full thirty forty many several some now".split())


def _possessor_before(clause: Clause, k: int, labels: tuple[str, ...]) -> list[Arg]:
    """The possessor of what is listed: "X's funders include", "our funders include", "Kestrel
    funders include"."""
    units = clause.units
    b = k - 1
    while (
        b >= 0 and units[b].kind == "W" and units[b].low not in ("’s",) and k - b <= 3 and units[b].low not in _VERBISH
    ):
        b -= 1
    if b >= 1 and units[b].low == "’s":
        got = clause.arg(b - 1, labels)
        return [got] if got else []
    if b >= 0 and units[b].kind == "R":
        got = clause.arg(b, labels)
        return [got] if got else []
    if b >= 0 and clause.arg(b, labels) and k - b == 1:
        return [clause.arg(b, labels)]
    return []


LIST_INTRO = frozenset(
    "including include includes included such as : are were is was like namely incl . the all from".split()
)


def _document_org_arg(facts: SectionFacts, clause: Clause) -> Arg | None:
    return document_org(facts, clause)


def listed(clause: Clause, j: int, labels: tuple[str, ...]) -> list[Arg]:
    """The names listed from unit ``j``: separated by commas, semicolons, "and", "&". A list
    whose items are parted by semicolons may describe each ("A, chief executive of X; B, ...")."""
    units = clause.units
    if any(u.low == ";" for u in units[j:]):
        out = []
        for b in range(j, len(units)):
            if (
                b == j
                or units[b - 1].low in (";", "and")
                or units[b - 1].low == "and"
                or b >= 2
                and units[b - 2].low == ";"
                and units[b - 1].low == "and"
            ):
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
