"""ROLE_AT frames: a person's title at an organisation, read from the words around the name.

Each frame is a *shape* that rows of ``relation_rules.yaml`` name (``frame: role``,
``shape: ...``); P is a person, O an organisation, T a title (words holding a role word,
"chief executive", "Head of Policy", "portfolio holder for housing"):

``appositive``       P, [the] T of|at|for O       "Jo Bloggs, chief executive of Harbour Trust"
``appositive_org``   P, O['s] T                   "Jo Bloggs, Harbour Trust's director of policy"
``org_title``        O['s] T[,] P                 "Harbour Trust's chief executive, Jo Bloggs"
``title_of_org``     T of|at O[,] P               "The chair of Harbour Trust, Jo Bloggs"
``bracket``          P (T, O) / P (O, T) / P (O)  "Jo Bloggs (CEO, Harbour Trust)"
``dash``             P – O / P – T O / P – T      a line of a list: "Jo Bloggs – Harbour Trust"
``bracket_title``    P (T)                        "Jo Bloggs (Treasurer)": the document's organisation
``title_name``       T P                          "Chief Officer Jo Bloggs": the document's organisation
``name_title``       P T                          a list line "Mr Jo Bloggs Treasurer"
``copula``           P is|was|became T of|at O    "Jo Bloggs became chair of Harbour Trust"
``appointed``        O appointed P as T           "Harbour Trust has appointed Jo Bloggs as its CEO"
``joins``            P joins O as T               "Jo Bloggs joins Harbour Trust as director"
``from``             P from|of O                  "Jo Bloggs from Harbour Trust" (title "from"/"of")
``honorific``        Cllr P (O)                   the honorific is the title when no other is given

A title that says the post is over ("former", "previously") keeps that word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .clauses import Arg, Clause
from .facts import Found, SectionFacts
from .lexicon import Lexicon, load_lexicon

__all__ = ["read_title", "role_frames"]

PERSON = ("Person",)
ORG = ("Organisation",)

_TITLE_MODIFIERS = frozenset(
    """former then interim acting outgoing incoming new founding joint deputy vice assistant associate
    senior junior chief executive national regional local area community head lead principal honorary
    managing general co co-opted elected retiring previous current permanent""".split()
)
_TITLE_STOP = frozenset(
    """said says say told tells explained added is was were are has have had who which that will would
    and but when while with at in on from by to as the a an our their its his her this these those
    said, also""".split()
)
_LINKS = frozenset(("of", "for", "&", "and", "on", "to"))
_REMIT_TITLES = frozenset(
    """minister secretary commissioner spokesperson spokesman spokeswoman champion lead holder member
    czar tsar envoy adviser advisor""".split()
)
_TITLE_ADVERBS = frozenset(("currently", "now", "also", "then", "still", "recently", "newly", "until", "since"))
_NO_TITLE_END = frozenset(("both", "the", "a", "an", "its", "their", "our", "his", "her", "each", "all", "either", "of", "for", "and", "&", "to", "on"))
_NOT_TITLES = frozenset(
    ("member", "members", "a member", "one of the members", "founding member", "full member", "elected member", "co-opted member", "ordinary member")
)
_DASHES = frozenset(("–", "-", "—", ":"))


@lru_cache(maxsize=1)
def _heads() -> tuple[frozenset[str], frozenset[str]]:
    """Role words: single words, and the multi-word ones (as word tuples joined by spaces)."""
    lex = load_lexicon()
    singles = {h for h in lex.role_heads_lower if " " not in h}
    multi = {h for h in lex.role_heads_lower if " " in h}
    return frozenset(singles), frozenset(multi)


def _is_head(low: str) -> bool:
    singles, _ = _heads()
    return low in singles or low.rstrip("s") in singles


def read_title(clause: Clause, a: int, b: int) -> str | None:
    """The title the words from unit ``a`` to ``b`` (inclusive) make, if they make one: no
    name among them, at most eight words, and a role word among them."""
    units = clause.units
    if a > b or b - a > 9:
        return None
    seg = units[a : b + 1]
    if any(u.kind in "ER" and not _place_in_title(clause, a + k) for k, u in enumerate(seg)):
        return None
    while seg and (seg[0].low in ("the", "a", "an", "our", "its", "their", "his", "her", ",") or seg[0].kind == "P"):
        seg = seg[1:]
    while seg and seg[-1].kind == "P":
        seg = seg[:-1]
    if not seg or any(u.kind == "P" and u.low not in ("&", "-", "/", "(", ")", "’", ".") for u in seg):
        return None
    if any(u.low in _TITLE_STOP and u.low not in _LINKS for u in seg[1:]):
        return None
    lows = [u.low for u in seg]
    if lows[-1] in _NO_TITLE_END:
        return None  # "trustee of both": the title ends before the names it governs
    _, multi = _heads()
    joined = " ".join(lows)
    if not any(_is_head(w) for w in lows) and not any(m in joined for m in multi):
        return None
    while len(seg) > 1 and seg[0].low in _TITLE_ADVERBS:
        seg = seg[1:]  # "currently director", "also chair": when, not what
    text = clause.facts.text[seg[0].start : seg[-1].end]
    return text.strip(" ,")


def _place_in_title(clause: Clause, j: int) -> bool:
    """A place inside a title: "Regional Head of the North", "programme manager for Wales"."""
    units = clause.units
    if units[j].kind != "E" or units[j].low != "Place" or j < 1:
        return False
    b = j - 1 - (units[j - 1].low == "the")
    return b >= 0 and units[b].low in ("of", "for")


def _title_forward(clause: Clause, a: int, limit: int = 9) -> tuple[int, str] | None:
    """The longest title starting at unit ``a``: (its last unit, its text)."""
    units = clause.units
    while a < len(units) and units[a].low in ("the", "a", "an", "its", "their", "our", "his", "her"):
        a += 1  # "as its new director"
    best = None
    for b in range(a, min(len(units), a + limit)):
        u = units[b]
        if u.kind in "ER" and not _place_in_title(clause, b) or u.low in (",", ";", ":", "(", ")", ".") or u.low in _DASHES and b > a:
            break
        if u.low in _TITLE_STOP and u.low not in _LINKS and b > a:
            break
        t = read_title(clause, a, b)
        if t and (units[b].low not in _LINKS):
            best = (b, t)
    return best


def _title_backward(clause: Clause, b: int, limit: int = 8) -> tuple[int, str] | None:
    """The longest title ending at unit ``b``: (its first unit, its text)."""
    units = clause.units
    best = None
    for a in range(b, max(-1, b - limit), -1):
        u = units[a]
        if u.kind in "ER" or u.low in (",", ";", ":", "(", ")", ".") or u.low in _DASHES:
            break
        if u.low in ("the", "our", "its", "their", "a", "an", "’s"):
            break
        t = read_title(clause, a, b)
        if t:
            best = (a, t)
    return best


def _former(clause: Clause, title: str, before: int) -> str:
    """ "previously/formerly T" and "then T" read as a post no longer held."""
    low = title.lower()
    for w in ("previously ", "formerly "):
        if low.startswith(w):
            return "former " + title[len(w) :]
    if before >= 0 and clause.units[before].low in ("formerly", "previously"):
        return "former " + title
    return title


def role_frames(facts: SectionFacts, clause: Clause, rules) -> Iterator[Found]:
    """Run every role row's shape at every person of the clause: role rows are anchored on
    names, not on trigger words."""
    people = [(p, clause.arg(p, PERSON)) for p in range(len(clause.units)) if clause.units[p].kind in "ER"]
    people = [(p, person) for p, person in people if person is not None]
    for rule in rules:
        shape = _SHAPES[rule.opt("shape")]
        for p, person in people:
            if person.via_reference and not rule.opt("references"):
                continue
            for org, title, lo, hi in shape(facts, clause, p):
                yield from _found(facts, clause, rule, person, org, title, lo, hi)


def _singular(title: str) -> str:
    """ "Trustees Jo Bloggs and Sam Iver": each is a trustee; "our new Trustees": a trustee."""
    title = _NEWLY.sub("", title)
    words = title.split()
    last = words[-1]
    if last.lower().endswith("s") and not last.lower().endswith("ss") and _is_head(last.lower()[:-1]):
        words[-1] = last[:-1]
    return " ".join(words)


def _found(facts, clause, rule, person: Arg, org: Arg, title: str | None, lo: int, hi: int) -> Iterator[Found]:
    from .edges import edge  # one builder of edges for every frame
    from .relations import _LEFT

    member_like = title is not None and (title.lower() in _NOT_TITLES or title.lower().endswith(" member") and "board" not in title.lower())
    if member_like:
        if True:
            # "Jo Bloggs – elected member": a member of the body whose list it is
            from dataclasses import replace

            yield from (
                f._replace(type="MEMBER_OF", attrs=())
                for f in [edge(facts, clause, replace(rule, relation="MEMBER_OF", source=("Person", "Organisation")), person, org, lo, hi)]
                if f
            )
        return  # "a member of X" is membership, read by the MEMBER_OF rows
    if title and not title.lower().startswith("former"):
        after = clause.facts.text[clause.units[hi].end : clause.units[hi].end + 60]
        if _LEFT.match(after):
            title = "former " + title  # "Jo Bloggs, our CEO, stepped down in May"
    if title:
        title = _singular(title)
    attrs = (("title", title),) if title is not None else ()
    f = edge(facts, clause, rule, person, org, lo, hi, attrs)
    if f:
        yield f


# -- shapes: each yields (organisation, title, first unit, last unit) ---------------------------


def _appositive(facts, clause: Clause, p: int):
    units = clause.units
    q = p
    while q + 2 < len(units) and units[q + 1].low in ("and", "&", ",") and clause.arg(q + 2, PERSON):
        q += 2  # "Jo Bloggs and Sam Iver, co-directors of Tarn Trust": one apposition for both
    if q != p:
        for org, title, lo, hi in _appositive(facts, clause, q):
            yield org, _singular(title) if title else title, p, hi
        return
    if p + 2 >= len(units) or units[p + 1].low != ",":
        return
    a = p + 2
    if units[a].low in ("who", "which"):
        a += 1
        if a < len(units) and units[a].low in ("is", "was", "has", "had", "became"):
            a += 1
            if a < len(units) and units[a].low == "been":
                a += 1
    got = _title_forward(clause, a)
    if not got:
        return
    b, title = got
    j = b + 1
    # "for" joins a remit to some titles ("Minister for Housing"); after others it names the
    # employer ("Director of Communications for the Tarn Trust")
    remit = units[b].low in _REMIT_TITLES
    if j < len(units) and (units[j].low in ("of", "at", "with", "in", ",") or units[j].low == "for" and not remit):
        j += 1
        if j < len(units) and units[j].low == "the":
            j += 1
        org = clause.arg(j, ORG)
        if org:
            # "Head of Policy Unit at Tarn Trust": the first name was part of the title
            k = j + 1
            if k + 1 < len(units) and units[k].low in ("at", "with") and units[j - 1].low in ("of", "for"):
                k2 = k + 2 if units[k + 1].low == "the" else k + 1
                employer = clause.arg(k2, ORG) if k2 < len(units) else None
                if employer:
                    whole = clause.facts.text[units[a].start : units[j].end]
                    yield employer, _former(clause, whole if read_title(clause, a, b) else title, a - 1), p, k2
                    return
            yield org, _former(clause, title, a - 1), p, j
            last = j
            for more in clause._coordinated_right(j, ORG):
                if units[more.unit - 1].low in ("and", "&") or units[more.unit - 2].low in ("and", "&"):
                    yield more, _former(clause, title, a - 1), p, more.unit  # "of X and Y"
                    last = more.unit
            # "Chief Executive of X and Chair of Y": a second post
            if last + 2 < len(units) and units[last + 1].low == "and":
                again = _title_forward(clause, last + 2)
                if again and again[0] + 2 < len(units) and units[again[0] + 1].low in ("of", "at"):
                    k3 = again[0] + 2 + (units[again[0] + 2].low == "the")
                    second = clause.arg(k3, ORG) if k3 < len(units) else None
                    if second:
                        yield second, again[1], p, k3
        return
    # "Jo Bloggs, CEO, said": a title with no organisation after it is held at the document's
    if j >= len(units) or units[j].low in (",", ".", ";", ")", "–", "-", ":", "said", "says", "who", "and"):
        host = _document_org(facts, clause)
        if host is not None and _owned_here(clause, host):
            yield host, _former(clause, title, a - 1), p, b


def _owned_here(clause: Clause, host: Arg) -> bool:
    """Whether a bare title may be read as held at ``host``: the sentence names no other
    organisation (else the title may be theirs)."""
    return not any(u.kind == "E" and u.low == "Organisation" and u.mention != host.mention for u in clause.units)


def _title_list(facts, clause: Clause, p: int):
    """ "Trustees: Jo Bloggs, Sam Iver and Ann Lee", "our new Trustees Jo Bloggs and Sam Iver",
    "the trustees of Tarn Trust are Jo Bloggs and Sam Iver": a title, then a list of people."""
    units = clause.units
    # walk back over the list to its first name
    first = p
    while first >= 2 and units[first - 1].low in (",", "and", "&", ";") and clause.arg(first - 2, PERSON):
        first -= 2
    b = first - 1
    if b >= 0 and units[b].low in (":", "are", "were", "include", "included", "–"):
        b -= 1
    if b < 0:
        return
    org = None
    # "the trustees of Tarn Trust are ..."
    if clause.arg(b, ORG) and b >= 2 and units[b - 1 - (units[b - 1].low == "the")].low in ("of", "at"):
        org = clause.arg(b, ORG)
        b -= 2 + (units[b - 1].low == "the")
    got = _title_backward(clause, b, limit=5)
    if not got:
        return
    a, title = got
    if not any(_is_head(units[j].low) for j in range(a, b + 1)) or title.lower().rstrip(".") in _HONORIFIC_LEADS:
        return
    if org is None:
        org = _document_org(facts, clause)
        if org is None or not _owned_here(clause, org):
            return
    yield org, _singular(title), a, p


def _title_comma_name(facts, clause: Clause, p: int):
    """ "research manager, Jo Bloggs": a title with no organisation, at the document's."""
    units = clause.units
    if p < 2 or units[p - 1].low != ",":
        return
    got = _title_backward(clause, p - 2, limit=4)
    if not got:
        return
    a, title = got
    if a > 0 and units[a - 1].kind == "R" and clause.arg(a - 1, ORG):
        yield clause.arg(a - 1, ORG), title, a - 1, p  # "our research manager, Jo Bloggs"
        return
    if a > 0 and units[a - 1].kind in "ER":
        return  # "Tarn Trust's director, Jo": the org_title shape
    if a > 0 and units[a - 1].low in ("of", "at", "for", "’s"):
        return
    host = _document_org(facts, clause)
    if host is not None and _owned_here(clause, host) and title.lower().rstrip(".") not in _HONORIFIC_LEADS:
        yield host, title, a, p


def _dash_reversed(facts, clause: Clause, p: int):
    """A list line "Tarn Trust – Jo Bloggs": the organisation first."""
    units = clause.units
    if p < 2 or units[p - 1].low not in _DASHES or p + 1 < len(units) and "\n" not in clause.facts.text[units[p].end : units[p + 1].start]:
        return
    org = clause.arg(p - 2, ORG)
    if org and _line_start(clause, p - 2):
        yield org, "of", p - 2, p


def _appositive_org(facts, clause: Clause, p: int):
    units = clause.units
    if p + 2 >= len(units) or units[p + 1].low != ",":
        return
    j = p + 2
    if units[j].low == "the":
        j += 1
    org = clause.arg(j, ORG)
    if not org:
        return
    a = j + 1
    if a < len(units) and units[a].low == "’s":
        a += 1
    got = _title_forward(clause, a)
    if got:
        b, title = got
        yield org, title, p, b


def _org_title(facts, clause: Clause, p: int):
    units = clause.units
    b = p - 1
    if b >= 0 and units[b].low in (",", "is", "was"):
        b -= 1  # "Tarn Trust's chief executive, Jo Bloggs", "... chief executive is Jo Bloggs"
    if b < 1:
        return
    got = _title_backward(clause, b)
    if not got:
        return
    a, title = got
    j = a - 1
    if j >= 0 and units[j].low == "’s":
        j -= 1
    org = clause.arg(j, ORG) if j >= 0 else None
    if org:
        yield org, title, j, p


def _title_of_org(facts, clause: Clause, p: int):
    units = clause.units
    b = p - 1
    if b >= 0 and units[b].low in (",", "is", "was"):
        b -= 1  # "The chair of Tarn Trust, Jo Bloggs", "The new director of Tarn Trust is Jo Bloggs"
    org = clause.arg(b, ORG) if b >= 0 else None
    if not org:
        return
    j = b - 1
    if j >= 0 and units[j].low == "the":
        j -= 1
    if j < 1 or units[j].low not in ("of", "at", "for"):
        return
    got = _title_backward(clause, j - 1)
    if got:
        a, title = got
        yield org, title, a, p


def _bracket(facts, clause: Clause, p: int):
    """P (T, O) / P (O, T) / P (O – T) / P (O) / P (O & O2) / P (T) (O)."""
    units = clause.units
    a = p + 1
    if a >= len(units) or units[a].low != "(":
        return
    close = clause._close_paren(a)
    inner = range(a + 1, close)
    if not inner:
        return
    orgs = [j for j in inner if clause.arg(j, ORG)]
    if not orgs:
        # "P (T) (O)": a title in brackets, then the organisation in the next
        if close + 1 < len(units) and units[close + 1].low == "(":
            yield from _bracket(facts, clause, close) if False else ()
            nxt_close = clause._close_paren(close + 1)
            orgs2 = [j for j in range(close + 2, nxt_close) if clause.arg(j, ORG)]
            title = read_title(clause, a + 1, close - 1)
            if len(orgs2) == 1 and title:
                yield clause.arg(orgs2[0], ORG), title, p, nxt_close
        return
    # what is not an organisation inside is the title (or a separator)
    rest = [j for j in inner if j not in orgs and units[j].low not in (",", "&", "/", "and", "–", "-", "the", "’s", ";")]
    title = None
    if rest:
        if units[rest[-1]].low in ("of", "at", "for") and rest[-1] + 1 in orgs:
            # "(Head of X Unit)": a title and the one name after it
            title = read_title(clause, rest[0], rest[-1] - 1)
            orgs = [rest[-1] + 1] if title and all(j > rest[-1] for j in orgs) else []
        else:
            title = read_title(clause, rest[0], rest[-1])
            if title is None and any(units[j].low == "," for j in inner):
                # "(CEO, Tarn Trust, funded partner)": the title is the part before the first comma
                first = [j for j in rest if j < next(j for j in inner if units[j].low == ",")]
                title = read_title(clause, first[0], first[-1]) if first else None
        if title is None:
            return  # something else in the brackets: "P (speaking for O about ...)"
    for j in orgs:
        yield clause.arg(j, ORG), title if title is not None else "of", p, close


def _bracket_title(facts, clause: Clause, p: int):
    units = clause.units
    a = p + 1
    if a >= len(units) or units[a].low != "(":
        return
    close = clause._close_paren(a)
    if close + 1 < len(units) and units[close + 1].low == "(":
        return  # "P (T) (O)": the bracket shape reads it
    title = read_title(clause, a + 1, close - 1)
    if not title:
        return
    host = _document_org(facts, clause)
    if host:
        yield host, title, p, close


def _dash(facts, clause: Clause, p: int):
    """A list line: "P – O", "P – T, O", "P – T O", "P – O T", "P - appointed by O", "P – T"."""
    units = clause.units
    a = p + 1
    if a >= len(units) or units[a].low not in _DASHES or not _line_start(clause, p):
        return
    end = _line_end(clause, a)
    for j in range(a + 1, end + 1):
        if units[j].low in _DASHES:
            end = j - 1  # "Jo Bloggs - Manager, Tarn Trust - will present": the aside ends
            break
    inner = list(range(a + 1, end + 1))
    orgs = [j for j in inner if clause.arg(j, ORG)]
    if any(units[j].kind == "E" and j not in orgs for j in inner):
        return
    rest = [j for j in inner if j not in orgs and units[j].low not in (",", "&", "/", "and", "–", "-", "the", ".", "’s")]
    if orgs:
        title = None
        if rest:
            words = [units[j].low for j in rest]
            if words[:2] in (["appointed", "by"],) or words[:1] == ["rep"]:
                title = "appointed by" if words[0] == "appointed" else "representative"
                orgs = orgs[:1]
            else:
                title = read_title(clause, rest[0], rest[-1])
                if title is None:
                    return
        for j in orgs:
            yield clause.arg(j, ORG), title if title is not None else "of", p, end
        return
    title = read_title(clause, inner[0], inner[-1]) if inner else None
    if title:
        host = _document_org(facts, clause)
        if host:
            yield host, title, p, end


def _title_name(facts, clause: Clause, p: int):
    """ "Chief Officer Jo Bloggs" opening a line or after a comma: the document's organisation."""
    units = clause.units
    b = p - 1
    if b < 0:
        return
    got = _title_backward(clause, b, limit=5)
    if not got:
        return
    a, title = got
    if title.lower().rstrip(".") in _HONORIFIC_LEADS:
        return  # "Professor Jo Bloggs": a form of address, not a post here
    text = clause.facts.text
    # capitalised titles only ("Project Co-ordinator Jo Bloggs"), at a line start or after a comma
    if not text[units[a].start : units[a].start + 1].isupper():
        return
    before = units[a - 1].low if a > 0 else "\n"
    if a > 0 and before not in (",", ";", ":") and not _line_start(clause, a):
        return
    host = _document_org(facts, clause)
    if host:
        yield host, title, a, p


def _name_title(facts, clause: Clause, p: int):
    """A list line "Mr Jo Bloggs Treasurer": the title follows the name to the end of its line."""
    units = clause.units
    if not _line_start(clause, p) or p + 1 >= len(units):
        return
    end = _line_end(clause, p + 1)
    if end <= p or any(units[j].kind in "ER" for j in range(p + 1, end + 1)):
        return
    text = clause.facts.text
    if "\n" not in text[units[end].end : units[end].end + 2] and end + 1 < len(units):
        return
    title = read_title(clause, p + 1, end)
    if title and title[:1].isupper():
        host = _document_org(facts, clause)
        if host:
            yield host, title, p, end


def _copula(facts, clause: Clause, p: int):
    """ "P is|was|became|will become|has been (appointed|named|elected) (as) T of|at O";
    "Jo and Sam are the leads for this work": a post at the document's organisation."""
    units = clause.units
    q = p
    while q + 2 < len(units) and units[q + 1].low in ("and", "&", ",") and clause.arg(q + 2, PERSON):
        q += 2  # "Jo Bloggs and Sam Iver are the co-leads"
    j = q + 1
    verbs = 0
    former = False
    while j < len(units) and units[j].low in _COPULA_WORDS and verbs < 5:
        if units[j].low in ("was", "had", "previously", "formerly"):
            former = former or units[j].low in ("previously", "formerly")
        j += 1
        verbs += 1
    if verbs == 0:
        return
    got = _title_forward(clause, j)
    if not got:
        return
    b, title = got
    k = b + 1
    # "Jo and Sam are the leads for this work": the document's organisation
    if k + 2 < len(units) and units[k].low in ("for", "on", "of") and units[k + 1].low in ("this", "that", "the", "our") and units[k + 2].low in _OWN_WORK:
        host = _document_org(facts, clause)
        if host is not None and _owned_here(clause, host):
            yield host, _singular(title), p, k + 2
        return
    if k < len(units) and units[k].low in ("of", "at", "for", "with"):
        k += 1
        if k < len(units) and units[k].low in ("both", "the"):
            k += 1
        if k < len(units) and units[k].low == "the":
            k += 1
        org = clause.arg(k, ORG)
        if org:
            yield org, ("former " + title if former else title), p, k
            for more in clause._coordinated_right(k, ORG):
                yield more, ("former " + title if former else title), p, more.unit
        return
    # "P was elected as Chair": the document's organisation
    if units[j - 1].low in ("as",) or units[q + 1].low in ("became", "becomes", "elected", "appointed"):
        host = _document_org(facts, clause)
        if host and k < len(units) and units[k].low in (".", ",", "in", "on", "for", ";") or host and k >= len(units):
            yield host, title, p, b


_OWN_WORK = frozenset(("work", "area", "strand", "team", "programme", "project", "theme", "workstream", "portfolio"))
_COPULA_WORDS = frozenset(
    """is are was were has have had been be will would become becomes became remains remained serves served
    serving appointed named elected confirmed announced as the a an its their our new also now currently
    previously formerly co-opted re-elected reappointed""".split()
)


def _appointed(facts, clause: Clause, p: int):
    """ "O has appointed P as (its) (new) T", "O appoints P as T"."""
    units = clause.units
    j = p - 1
    while j >= 0 and units[j].low in ("has", "have", "appointed", "appoints", "appoint", "named", "names", "welcomed", "welcomes", "recruited", "hired", "elected", "announced", "today", "recently"):
        j -= 1
    if j == p - 1 or j < 0 or units[p - 1].low not in ("appointed", "appoints", "named", "names", "welcomed", "welcomes", "recruited", "hired", "elected"):
        return
    org = clause.arg(j, ORG)
    if not org:
        return
    k = p + 1
    if k < len(units) and units[k].low == ",":
        return
    if k < len(units) and units[k].low == "as":
        got = _title_forward(clause, k + 1)
        if got:
            yield org, got[1], j, got[0]


def _joins(facts, clause: Clause, p: int):
    """ "P joins O as T", "P has joined O as its new T", "P joined O in 2019"."""
    units = clause.units
    j = p + 1
    while j < len(units) and units[j].low in ("has", "have", "will", "recently", "also", "today"):
        j += 1
    if j >= len(units) or units[j].low not in ("joins", "joined", "join", "joining"):
        return
    j += 1
    if j < len(units) and units[j].low == "the":
        j += 1
    org = clause.arg(j, ORG)
    if not org:
        return
    k = j + 1
    if k < len(units) and units[k].low == "as":
        got = _title_forward(clause, k + 1)
        if got:
            yield org, got[1], p, got[0]
            return
    yield org, "", p, j


def _from(facts, clause: Clause, p: int):
    """ "Jo Bloggs from Tarn Trust", "Jo Bloggs of Tarn Trust", "Jo Bloggs, previously at Tarn Trust,"."""
    units = clause.units
    j = p + 1
    comma = j < len(units) and units[j].low == ","
    if comma:
        j += 1
    former = j < len(units) and units[j].low in ("previously", "formerly")
    if j < len(units) and units[j].low in ("previously", "formerly", "now", "then"):
        j += 1
    if j >= len(units) or units[j].low not in ("from", "of", "at") or units[j].low == "at" and not (comma or former):
        return
    how = "former" if former else ("from" if units[j].low == "from" else "of")
    j += 1
    if j < len(units) and units[j].low == "the":
        j += 1
    org = clause.arg(j, ORG)
    if org:
        yield org, how, p, j
        for more in clause._coordinated_right(j, ORG):
            yield more, how, p, more.unit


def _honorific(facts, clause: Clause, p: int):
    """ "Cllr Jo Bloggs (Millbrook Council)", "Cllr Jo Bloggs – Millbrook Council": the honorific
    is the title."""
    text = clause.facts.text
    start = clause.facts.mentions[clause.units[p].mention].start
    before = text[max(0, start - 16) : start]
    title = None
    for h in ("Cllr", "Councillor", "Professor", "Prof", "Bishop", "Revd", "Reverend"):
        if before.rstrip(". ").endswith(h):
            title = {"Prof": "Professor"}.get(h, h)
    if not title:
        return
    for shape in (_bracket, _dash):
        for org, t, lo, hi in shape(facts, clause, p):
            if t == "of":
                yield org, title, lo, hi


def _document_org(facts: SectionFacts, clause: Clause) -> Arg | None:
    """The organisation a list of names with titles belongs to: the one the document speaks
    for, or the one the section's title names (minutes of its board)."""
    from .edges import host_arg

    title_org = facts.__dict__.get("title_org")
    if title_org is not None:
        return Arg(-1, -1, True, title_org)
    return host_arg(facts, clause)


def _line_start(clause: Clause, p: int) -> bool:
    text = clause.facts.text
    u = clause.units[p]
    lead = text[max(0, u.start - 40) : u.start]
    line = lead.rsplit("\n", 1)[-1] if "\n" in lead else (lead if u.start - 40 <= 0 else None)
    if line is None:
        return False
    # a list label before the name ("Representatives – Cllr Jo Bloggs", "Present: Jo Bloggs")
    bare = _LIST_LABEL.sub("", line.strip()).strip()
    bare = bare.strip(" \t•*-–·>|#0123456789.)").strip()
    return not bare or bare.rstrip(".").lower() in _HONORIFIC_LEADS


_NEWLY = re.compile(r"^(?:(?:new|newly|recently|just)\s+(?:appointed\s+|elected\s+)?)", re.IGNORECASE)
_LIST_LABEL = re.compile(r"^[A-Z][\w ’']{0,30}\s*[–:-]\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Professor|Sir|Dame|Rev|Revd)\.?)?$")


_HONORIFIC_LEADS = frozenset(("mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "revd"))


def _line_end(clause: Clause, a: int) -> int:
    """The last unit on the line of unit ``a``."""
    text = clause.facts.text
    units = clause.units
    b = a
    while b + 1 < len(units) and "\n" not in text[units[b].end : units[b + 1].start]:
        b += 1
    return b


_SHAPES = {
    "appositive": _appositive,
    "appositive_org": _appositive_org,
    "org_title": _org_title,
    "title_of_org": _title_of_org,
    "bracket": _bracket,
    "bracket_title": _bracket_title,
    "dash": _dash,
    "title_name": _title_name,
    "name_title": _name_title,
    "copula": _copula,
    "appointed": _appointed,
    "joins": _joins,
    "from": _from,
    "honorific": _honorific,
    "title_list": _title_list,
    "title_comma_name": _title_comma_name,
    "dash_reversed": _dash_reversed,
}


def shapes() -> frozenset[str]:
    """The names rows may give as ``shape``."""
    return frozenset(_SHAPES)


def lexicon() -> Lexicon:
    return load_lexicon()
