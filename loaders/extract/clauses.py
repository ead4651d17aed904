"""Sentences as units (words, punctuation, amounts and the names found in them), and the
walkers that fill a rule's slots from the clause around its trigger.

A relation rule names a trigger ("funded", "partnership", "member") and what its slots take
(an organisation, a person); the walkers here find the names that fill them, allowing what
English puts in between: adverbs and auxiliaries ("has also recently funded"), amounts
("awarded £5,000 to"), parentheses and appositions ("X, a charity in Leeds, funds Y"),
relative clauses ("Y, which is funded by X"), coordinated lists ("X, Y and Z") and references
("we", "the trust", "she").

Offsets are relative to the section text, as everywhere in extraction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .facts import SectionFacts
from .references import PLURAL_PRONOUNS
from .spans import Sentence
from .units import Unit, sentence_units

__all__ = ["Arg", "Clause", "Unit"]


class Arg(NamedTuple):
    """A filled slot: the mention that fills it and the unit that names it (a name or a
    reference); or, with ``mention`` -1, an entity no unit names (the section's meeting)."""

    mention: int
    unit: int
    via_reference: bool
    ref: tuple[str, str] | None = None


# Words a subject may stand apart from its verb by: auxiliaries, adverbs, time words.
SKIP_LEFT = frozenset(
    """is are was were be been being has have had will would shall should can could must do does did
    also now today yesterday recently already jointly together since then still currently previously
    formerly originally first again further just once soon this last next year years week month
    proudly generously kindly newly initially subsequently additionally ultimately finally eventually
    both all each together, often always usually regularly continue continues continued continuing
    to agreed agree agrees decided decide decides went go goes going set proud delighted pleased
    able happy thrilled excited glad committed helping help helps helped seeks seeking""".split()
)
# Words that tell of a fact that has not happened (or may not): its rule stays silent.
HEDGES = frozenset(
    """may might could plans plan planning planned hopes hope hoping intends intend intending
    considering consider considers exploring explore explores proposes propose proposed proposing
    aims aim aiming expected expects looking want wants wanted would hoped seeking discuss discussing
    discussions talks potential possible possibly prospective if whether""".split()
)
NEGATIONS = frozenset("not n't never neither nor cannot no".split())
BOUNDARY = frozenset(";:?!")
RELATIVE = frozenset(("which", "who", "that", "whose", "whom"))
# Openers of an insertion between commas that a subject may stand before: "X, a charity
# based in Leeds, funds Y", "X, which began in 2001, supports Y".
INSERTION_OPENERS = frozenset(
    """which who whose whom a an the one its their his her based founded set established now
    also itself alongside along like including as with together working led run chaired
    formerly previously originally known registered an""".split()
)
# Words that open a new clause after a comma, not an insertion: "X said, and Y funds".
_NOT_OPENERS = frozenset(
    """and but or so then while when because although though if we i they he she it you this that
    there these those but however""".split()
)
# Before an object: articles, amounts and the like ("awarded a further £5,000 to X").
SKIP_RIGHT = frozenset(
    """a an the its their our his her new further additional total more than over up around about
    some another extra almost nearly approximately just this that these those of several""".split()
)
COORD = frozenset(("and", "&", "plus", "as well as"))


class Clause:
    """One sentence of a section as units, with the walkers that fill slots from them."""

    def __init__(self, facts: SectionFacts, sent: Sentence, idx: list[int]) -> None:
        self.facts = facts
        self.sent = sent
        self.units = sentence_units(facts, sent, idx)

    # -- what the rules ask ------------------------------------------------------------------

    def label(self, k: int) -> str | None:
        """The label of what unit ``k`` names (a name or a resolved reference), else None."""
        if not 0 <= k < len(self.units):
            return None
        u = self.units[k]
        if u.kind in "ER" and u.mention >= 0:
            return self.facts.mentions[u.mention].label
        return None

    def arg(self, k: int, labels: Iterable[str]) -> Arg | None:
        """Unit ``k`` as a slot filler, when it names something of one of ``labels``."""
        if not 0 <= k < len(self.units):
            return None
        u = self.units[k]
        if u.kind in "ER" and u.mention >= 0:
            label = self.facts.mentions[u.mention].label
            if label in labels or label == "?" and any(x in labels for x in ("Organisation", "Place", "Publication")):
                return Arg(u.mention, k, u.kind == "R")
        return None

    def words_between(self, a: int, b: int) -> list[Unit]:
        """The units strictly between ``a`` and ``b``."""
        return self.units[a + 1 : b]

    def text(self, a: int, b: int) -> str:
        """The section text from unit ``a`` to unit ``b`` inclusive."""
        return self.facts.text[self.units[a].start : self.units[b].end]

    def hedged(self, k: int, back: int = 6) -> bool:
        """True when a hedge or a negation stands within ``back`` words before unit ``k``
        in its clause ("plans to fund", "may partner with", "does not fund")."""
        seen = 0
        for j in range(k - 1, -1, -1):
            u = self.units[j]
            if u.kind == "P" and (u.low in BOUNDARY or u.low == ","):
                return False
            if u.kind == "E":
                return False
            if u.low in HEDGES or u.low in NEGATIONS:
                return True
            seen += 1
            if seen >= back:
                return False
        return False

    # -- slot walkers -----------------------------------------------------------------------

    def left(
        self,
        k: int,
        labels: Iterable[str],
        *,
        skip: frozenset[str] = SKIP_LEFT,
        reach: int = 0,
        appositive: bool = True,
    ) -> list[Arg]:
        """The subject of the word at ``k``: the nearest name (or reference) to its left in its
        clause with only auxiliaries, adverbs, insertions between commas, parentheses or a
        relative pronoun in between; a coordinated list of names is returned whole.

        ``reach`` allows that many other words in between as well ("X's board agreed to fund").
        """
        labels = tuple(labels)
        units = self.units
        j = k - 1
        other = 0
        while j >= 0:
            u = units[j]
            if u.kind == "R" and u.mention < 0 and u.low in PLURAL_PRONOUNS:
                return self._listed_before(j, labels)
            if u.kind in "ER":
                got = self.arg(j, labels)
                if got is None:
                    if u.kind == "E" and j > 0 and units[j - 1].low in ("’s", "'s"):
                        j -= 1
                        continue
                    # "X's board", "the trust's chief executive": the possessor stands for it
                    return []
                return self._coordinated_left(j, labels) + [got]
            if u.kind == "P":
                if u.low == ")":
                    j = self._open_paren(j) - 1
                    continue
                if u.low == ",":
                    start = self._insertion_start(j)
                    if start is None:
                        # "Y, funded by X", "Y, with funding from X,": a name just before the comma
                        got = self.arg(j - 1, labels) if j > 0 and appositive else None
                        return self._coordinated_left(j - 1, labels) + [got] if got else []
                    j = start - 1
                    continue
                if u.low in BOUNDARY or u.low in "–—-":
                    return []
                j -= 1
                continue
            if u.kind == "M":
                if "one" in skip:
                    j -= 1  # "X is one of forty members of": a count in a copula
                    continue
                return []
            if u.low in RELATIVE and j > 0:
                return self._relative_antecedent(j, labels)
            if u.low in skip or u.low.endswith("ly") and len(u.low) > 4:
                j -= 1
                continue
            if u.low in ("and",):
                # "X was founded in 1990 and funds Y": the subject of the clause before
                first = self._sentence_subject(j, labels)
                return [first] if first else []
            if other < reach:
                other += 1
                j -= 1
                continue
            return self._possessor_of_subject(j, labels)
        return []

    def right(
        self,
        k: int,
        labels: Iterable[str],
        preps: Iterable[str] = ("",),
        *,
        reach: int = 6,
        stop: frozenset[str] = frozenset(),
        skip: frozenset[str] = frozenset(),
    ) -> list[Arg]:
        """The object of the word at ``k``: the first name to its right that follows one of
        ``preps`` ("" for none: a direct object), within ``reach`` words; with the rest of a
        coordinated list ("to X, Y and Z"). Amounts and articles are passed over."""
        labels = tuple(labels)
        preps = tuple(preps)
        units = self.units
        j = k + 1
        seen = 0
        pending = "" in preps  # a direct object may follow at once
        while j < len(units) and seen <= reach:
            u = units[j]
            if u.kind in "ER":
                if pending:
                    got = self.arg(j, labels)
                    if got is not None and j + 1 < len(units) and units[j + 1].low == "’s" and units[j - 1].low == "by":
                        j += 2  # "by Jo's mother, X": a possessor, not the agent
                        continue
                    if got is not None and j + 1 < len(units) and units[j + 1].low in _MODIFIED:
                        return []  # "supported by Tarn Trust volunteers": the name only describes them
                    if got is not None:
                        return [got] + self._coordinated_right(j, labels)
                if u.kind == "E":
                    # a name of another kind in the way: "funded Y's work with X" reads Y
                    return []
                j += 1
                continue
            if u.kind == "P":
                if u.low in BOUNDARY or u.low in (".", "–", "—"):
                    return []
                if u.low == "(":
                    j = self._close_paren(j) + 1
                    continue
                if u.low == "," and not pending:
                    return []
                if u.low == "," and j + 1 < len(units) and units[j + 1].low in ("which", "who", "and", "but", "while"):
                    return []
                j += 1
                continue
            if u.kind == "M":
                j += 1
                continue
            low = u.low
            if low in stop:
                return []
            # a two-word preposition: "on behalf of", "as well as", "alongside"
            if low in preps or j + 1 < len(units) and f"{low} {units[j + 1].low}" in preps:
                if f"{low} {units[j + 1].low}" in preps if j + 1 < len(units) else False:
                    j += 1
                pending = True
                j += 1
                continue
            if low in SKIP_RIGHT or low in ("’s", "'s") or low in skip or low.endswith("ly") and len(low) > 4:
                j += 1
                continue
            # any other word: a direct object can no longer follow ("awarded a prize to"
            # still looks for "to")
            seen += 1
            pending = False
            j += 1
        return []

    def after_word(self, k: int, words: tuple[str, ...], labels: Iterable[str], limit: int = 12) -> list[Arg]:
        """The name right after one of ``words`` later in the clause (within ``limit`` units):
        "was founded as X in Leeds in 1989, by Jo Bloggs"."""
        labels = tuple(labels)
        units = self.units
        for j in range(k + 1, min(len(units), k + limit)):
            if units[j].low in BOUNDARY:
                return []
            if units[j].low in words:
                b = j + 1
                while b < len(units) and units[b].low in ("the", "rt", "hon", "right", "honourable"):
                    b += 1
                got = self.arg(b, labels) if b < len(units) else None
                return [got] + self._coordinated_right(b, labels) if got else []
        return []

    def first_after_comma(self, k: int, labels: Iterable[str]) -> list[Arg]:
        """ "Funded by X, Y runs ...": the name that opens the clause after the next comma."""
        labels = tuple(labels)
        for j in range(k + 1, len(self.units)):
            if self.units[j].low == ",":
                for m in range(j + 1, min(j + 4, len(self.units))):
                    got = self.arg(m, labels)
                    if got is not None:
                        return [got] + self._coordinated_right(m, labels)
                    if self.units[m].kind == "E":
                        return []
                return []
            if self.units[j].low in BOUNDARY:
                return []
        return []

    def subject(self, k: int, labels: Iterable[str]) -> list[Arg]:
        """The subject of the clause holding ``k`` when a light verb stands between it and
        ``k`` ("X has received a grant", "X announced a partnership"): the nearest name to
        the left within a few words, else the name that opens the sentence."""
        got = self.left(k, labels, reach=4)
        if got:
            return got
        first = self._sentence_subject(k, tuple(labels))
        return [first] if first else []

    # -- internals ----------------------------------------------------------------------------

    def _coordinated_left(self, j: int, labels: tuple[str, ...]) -> list[Arg]:
        """The names listed before the name at ``j`` ("A, B and C" read from C)."""
        out: list[Arg] = []
        units = self.units
        while j >= 2:
            if units[j - 1].low == "the" and j >= 3:
                j -= 1  # "X and the Y"
            sep = units[j - 1].low
            b = j - 2
            if sep in COORD or sep == ",":
                if sep in COORD and units[b].low == ",":
                    b -= 1  # "A, B, and C"
                if b >= 1 and units[b].low in ("’s",):
                    b -= 1  # "St Anne's and Millbrook": a name ending in 's
                if b >= 1 and units[b].low == ")":
                    b = self._open_paren(b) - 1  # "Coastal Youth Alliance (CYA) and Tarn Trust"
                got = self.arg(b, labels) if b >= 0 else None
                if got is None:
                    break
                out.insert(0, got)
                j = b
                continue
            break
        return out

    def _coordinated_right(self, j: int, labels: tuple[str, ...]) -> list[Arg]:
        out: list[Arg] = []
        units = self.units
        n = len(units)
        while j + 2 < n:
            sep = units[j + 1].low
            b = j + 2
            if sep == "," and b < n and units[b].low in COORD:
                b += 1
            elif sep == "as" and b + 1 < n and units[b].low == "well" and units[b + 1].low == "as":
                b += 2
            elif sep not in COORD and sep != ",":
                break
            if b < n and units[b].low == "the":
                b += 1
            got = self.arg(b, labels) if b < n else None
            if got is None:
                break
            out.append(got)
            j = b
        return out

    def _listed_before(self, j: int, labels: tuple[str, ...]) -> list[Arg]:
        """ "A and B announced they will merge": the names listed before the plural pronoun at
        ``j``, only when there are two or more."""
        for b in range(j - 1, -1, -1):
            got = self.arg(b, labels)
            if got is not None:
                group = self._coordinated_left(b, labels)
                return [*group, got] if group else []
        return []

    def _relative_antecedent(self, j: int, labels: tuple[str, ...]) -> list[Arg]:
        """ "Y, which is funded by X": the relative pronoun at ``j`` stands for the name before it."""
        b = j - 1
        if self.units[b].low == ",":
            b -= 1
        got = self.arg(b, labels) if b >= 0 else None
        if got is not None:
            return self._coordinated_left(b, labels) + [got]
        return []

    def _possessor_of_subject(self, j: int, labels: tuple[str, ...]) -> list[Arg]:
        """ "Tarn Trust's new helpline is funded by": the possessor of the subject that ends at ``j``."""
        units = self.units
        for b in range(j - 1, max(-1, j - 4), -1):
            if units[b].low == "’s" and b > 0:
                got = self.arg(b - 1, labels)
                return [got] if got else []
            if units[b].kind != "W":
                break
        return []

    def _open_paren(self, j: int) -> int:
        depth = 0
        for b in range(j, -1, -1):
            low = self.units[b].low
            if low == ")":
                depth += 1
            elif low == "(":
                depth -= 1
                if depth == 0:
                    return b
        return 0

    def _close_paren(self, j: int) -> int:
        depth = 0
        for b in range(j, len(self.units)):
            low = self.units[b].low
            if low == "(":
                depth += 1
            elif low == ")":
                depth -= 1
                if depth == 0:
                    return b
        return len(self.units) - 1

    def _insertion_start(self, j: int) -> int | None:
        """The comma that opens the insertion whose closing comma is unit ``j``, when the
        insertion reads as one ("X, a charity in Leeds, funds"); else None."""
        units = self.units
        for b in range(j - 1, max(-1, j - 30), -1):
            low = units[b].low
            if low in BOUNDARY:
                return None
            if low == ",":
                opener = units[b + 1] if b + 1 < j else None
                if opener is not None and opener.kind in "WER" and opener.low not in _NOT_OPENERS:
                    # "X, a charity in Leeds, funds", "X, from Tarn Trust, said", "X, CEO of Y, said"
                    return b
                return None
        return None

    def _sentence_subject(self, k: int, labels: tuple[str, ...]) -> Arg | None:
        """The name that opens the sentence, before ``k`` ("X was founded in 1990 and funds")."""
        for j in range(0, k):
            u = self.units[j]
            if u.kind in "ER":
                got = self.arg(j, labels)
                if got is None:
                    return None
                # only when the name opens its clause: nothing but an article or a fronted
                # time phrase before it
                if all(v.kind == "P" or v.low in _OPENERS or v.kind == "M" for v in self.units[:j]):
                    return got
                return None
            if u.low in BOUNDARY:
                return None
        return None


_MODIFIED = frozenset(
    """volunteers volunteer staff members member residents trustees team teams workers worker users
    colleagues officers officer employees representatives clients pupils students customers""".split()
)
_OPENERS = frozenset(
    """the in on at by since during from after before this last next year years today yesterday
    earlier later month week also meanwhile now elsewhere additionally however""".split()
)
