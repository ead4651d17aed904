"""Job titles read from the words around a name: "chief executive", "Head of Policy",
"portfolio holder for housing", "Regional Head of the North"; "former" when the text says the
post is over, singular when a list shares it ("Trustees: A, B")."""

from __future__ import annotations

import re
from functools import lru_cache

from .clauses import Clause
from .lexicon import load_lexicon

__all__ = [
    "DASHES",
    "HONORIFIC_LEADS",
    "LEFT_POST",
    "NOT_TITLES",
    "REMIT_TITLES",
    "former_title",
    "is_role_head",
    "read_title",
    "singular_title",
    "title_backward",
    "title_forward",
]


TITLE_MODIFIERS = frozenset(
    """former then interim acting outgoing incoming new founding joint deputy vice assistant associate
    senior junior chief executive national regional local area community head lead principal honorary
    managing general co co-opted elected retiring previous current permanent""".split()
)


TITLE_STOP = frozenset(
    """said says say told tells explained added is was were are has have had who which that will would
    and but when while with at in on from by to as the a an our their its his her this these those
    said, also""".split()
)


TITLE_LINKS = frozenset(("of", "for", "&", "and", "on", "to"))


REMIT_TITLES = frozenset(
    """minister secretary commissioner spokesperson spokesman spokeswoman champion lead holder member
    czar tsar envoy adviser advisor""".split()
)


TITLE_ADVERBS = frozenset(("currently", "now", "also", "then", "still", "recently", "newly", "until", "since"))


NO_TITLE_END = frozenset(
    (
        "both",
        "the",
        "a",
        "an",
        "its",
        "their",
        "our",
        "his",
        "her",
        "each",
        "all",
        "either",
        "of",
        "for",
        "and",
        "&",
        "to",
        "on",
    )
)


# ", who stepped down in May": the post named before is one its holder has left
LEFT_POST = re.compile(
    r"^,? (?:who )?(?:has |had |have )?(?:recently |now )?(?:stepped down|stood down|retired|resigned|stepped aside|"
    r"moved on|left (?:us|(?:the|our) (?:organisation|board|post|role|charity|trust|foundation)))\b"
)

NOT_TITLES = frozenset(
    (
        "member",
        "members",
        "a member",
        "one of the members",
        "founding member",
        "full member",
        "elected member",
        "co-opted member",
        "ordinary member",
    )
)


DASHES = frozenset(("–", "-", "—", ":"))


@lru_cache(maxsize=1)
def role_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Role words: single words, and the multi-word ones (as word tuples joined by spaces)."""
    lex = load_lexicon()
    singles = {h for h in lex.role_heads_lower if " " not in h}
    multi = {h for h in lex.role_heads_lower if " " in h}
    return frozenset(singles), frozenset(multi)


def is_role_head(low: str) -> bool:
    singles, _ = role_heads()
    return low in singles or low.rstrip("s") in singles


def read_title(clause: Clause, a: int, b: int) -> str | None:
    """The title the words from unit ``a`` to ``b`` (inclusive) make, if they make one: no
    name among them, at most eight words, and a role word among them."""
    units = clause.units
    if a > b or b - a > 9:
        return None
    seg = units[a : b + 1]
    if any(u.kind in "ER" and not place_in_title(clause, a + k) for k, u in enumerate(seg)):
        return None
    while seg and (seg[0].low in ("the", "a", "an", "our", "its", "their", "his", "her", ",") or seg[0].kind == "P"):
        seg = seg[1:]
    while seg and seg[-1].kind == "P":
        seg = seg[:-1]
    if not seg or any(u.kind == "P" and u.low not in ("&", "-", "/", "(", ")", "’", ".") for u in seg):
        return None
    if any(u.low in TITLE_STOP and u.low not in TITLE_LINKS for u in seg[1:]):
        return None
    lows = [u.low for u in seg]
    if lows[-1] in NO_TITLE_END:
        return None  # "trustee of both": the title ends before the names it governs
    if lows[0] in ("and", "or", "&", "of", "for", "to", "on"):
        return None  # "... and West Devon MP": the end of a list, not a title
    _, multi = role_heads()
    joined = " ".join(lows)
    heads = [k for k, w in enumerate(lows) if is_role_head(w)]
    if not heads and not any(m in joined for m in multi):
        return None
    if heads and not any(m in joined for m in multi):
        # after its last role word a title has only its remit: "Head of Policy", not
        # "academics together to explore"
        after = lows[heads[-1] + 1 :]
        if after and after[0] not in TITLE_LINKS and after[0] not in ("at", "designate", "elect", "emeritus"):
            return None
    while len(seg) > 1 and seg[0].low in TITLE_ADVERBS:
        seg = seg[1:]  # "currently director", "also chair": when, not what
    text = clause.facts.text[seg[0].start : seg[-1].end]
    return text.strip(" ,")


def place_in_title(clause: Clause, j: int) -> bool:
    """A place inside a title: "Regional Head of the North", "programme manager for Wales"."""
    units = clause.units
    if units[j].kind != "E" or units[j].low != "Place" or j < 1:
        return False
    b = j - 1 - (units[j - 1].low == "the")
    return b >= 0 and units[b].low in ("of", "for")


def title_forward(clause: Clause, a: int, limit: int = 9) -> tuple[int, str] | None:
    """The longest title starting at unit ``a``: (its last unit, its text)."""
    units = clause.units
    while a < len(units) and units[a].low in ("the", "a", "an", "its", "their", "our", "his", "her"):
        a += 1  # "as its new director"
    best = None
    for b in range(a, min(len(units), a + limit)):
        u = units[b]
        if (
            u.kind in "ER"
            and not place_in_title(clause, b)
            or u.low in (",", ";", ":", "(", ")", ".")
            or u.low in DASHES
            and b > a
        ):
            break
        if u.low in TITLE_STOP and u.low not in TITLE_LINKS and b > a:
            break
        t = read_title(clause, a, b)
        if t and (units[b].low not in TITLE_LINKS):
            best = (b, t)
    return best


def title_backward(clause: Clause, b: int, limit: int = 8) -> tuple[int, str] | None:
    """The longest title ending at unit ``b``: (its first unit, its text)."""
    units = clause.units
    best = None
    for a in range(b, max(-1, b - limit), -1):
        u = units[a]
        if u.kind in "ER" or u.low in (",", ";", ":", "(", ")", ".") or u.low in DASHES:
            break
        if u.low in ("the", "our", "its", "their", "a", "an", "’s"):
            break
        t = read_title(clause, a, b)
        if t:
            best = (a, t)
    return best


def former_title(clause: Clause, title: str, before: int) -> str:
    """ "previously/formerly T" and "then T" read as a post no longer held."""
    low = title.lower()
    for w in ("previously ", "formerly "):
        if low.startswith(w):
            return "former " + title[len(w) :]
    if before >= 0 and clause.units[before].low in ("formerly", "previously"):
        return "former " + title
    return title


def singular_title(title: str) -> str:
    """ "Trustees Jo Bloggs and Sam Iver": each is a trustee; "our new Trustees": a trustee."""
    title = NEWLY.sub("", title)
    words = title.split()
    last = words[-1]
    if last.lower().endswith("s") and not last.lower().endswith("ss") and is_role_head(last.lower()[:-1]):
        words[-1] = last[:-1]
    return " ".join(words)


# "newly appointed Trustees", "appointed Trustee": how the post came, not the post
NEWLY = re.compile(
    r"^(?:(?:new|newly|recently|just)\s+(?:appointed\s+|elected\s+|co-opted\s+)?|(?:appointed|elected|co-opted)\s+(?!by\b|to\b|as\b|from\b))",
    re.IGNORECASE,
)


HONORIFIC_LEADS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "cllr",
        "councillor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
    )
)
