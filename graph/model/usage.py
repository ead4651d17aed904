"""How a document's text uses each name extraction found in it: the evidence resolution weighs.

Extraction says *that* a name occurs; resolution also needs to know *how*. A capital letter
proves nothing at the start of a sentence or in a heading; "the Council" is a description, not
a name; "Health" cut out of "Fenby Health and Care Commissioning" is a piece of a longer
name. :func:`document_usage` reads this once per document, while its text is at hand (the
build does not keep texts after extraction), into a :class:`DocumentUsage` that is cached
beside the extraction and handed to resolution.

Positions of one mention, each counted per surface form (:class:`FormUse`):

- ``heading``: in a heading or title line (short, no closing full stop, its words capitalised,
  or the section's own title line);
- ``opening``: the first word of a sentence or a line of running text;
- ``running``: anywhere else in running text, where a capital means a name;
- ``determined``: after an article or possessive ("the", "a", "our"), counted as well;
- ``fragment``: glued to capitalised words that are no part of the mention ("Fenby
  [Health] and Care", "Alder and [Beck Collective]", "[Voices] to Action"); ``joined``
  then holds the whole capitalised run, the name the text probably meant.

The words of the whole text are counted too (casefolded), with those it writes in lower case:
a word a corpus writes in lower case is a common word, and a frequent word a one-letter slip
away from a rare capitalised one shows the rare one to be a typo.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from loaders.document import Document
from loaders.records import Entity, Extraction

__all__ = ["DocumentUsage", "FormUse", "document_usage", "usage_from_row", "usage_row"]

# A word: letters, digits and inner hyphens or apostrophes.
_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")
_LETTERS = re.compile(r"[^\W\d_]+")
# Words that may stay lower case inside a title-case heading or name.
_SMALL = frozenset("a an and as at but by for from in into of on or the to with via vs v & its their our".split())
_DETERMINERS = frozenset("the a an our their its this that these those his her your my whose".split())
# Connectors that may join the capitalised words of one name ("Voices to Action", "Alder and
# Beck", "Institute for Civic Studies").
_CONNECTORS = frozenset("and & of for to in on the".split())
_SENTENCE_END = ".!?:;"
_MAX_HEADING_WORDS = 14


@dataclass(frozen=True, slots=True)
class FormUse:
    """How one surface form of an entity is used in one section (counts of mentions)."""

    form: str
    running: int = 0
    opening: int = 0
    heading: int = 0
    determined: int = 0
    fragment: int = 0
    joined: str = ""  # the capitalised run a fragment belongs to (the first one seen)
    indefinite: int = 0  # after "a" or "an" and perhaps a few lower-case words: a kind of thing
    paired: int = 0  # one half of "X and Y" with another name of its label ("Ashby and Coldmoor")

    @property
    def total(self) -> int:
        return self.running + self.opening + self.heading


@dataclass(frozen=True, slots=True)
class DocumentUsage:
    """The usage evidence of one document (see the module docstring)."""

    document_id: str
    # (section, label, name) of each entity -> how each of its surface forms is used
    forms: dict[tuple[int, str, str], tuple[FormUse, ...]] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)  # casefolded word -> occurrences
    lower: frozenset[str] = frozenset()  # words the text writes in lower case
    # (acronym, the words it stands for, start, end): "TACT, Tenants and Communities Together"
    expansions: tuple[tuple[str, str, int, int], ...] = ()
    # (name, earlier name): "Kestrel Action (formerly KA Trust)"
    former: tuple[tuple[str, str], ...] = ()
    # (section, label, name) of each entity -> a sentence that uses it, as the text has it
    sentences: dict[tuple[int, str, str], str] = field(default_factory=dict)
    # places written "X and Y": (X, Y) as written, once per time the text writes them so
    pairs: tuple[tuple[str, str], ...] = ()


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, (len(text) if b < 0 else b)


def is_heading(line: str, titles: frozenset[str] = frozenset()) -> bool:
    """True when a line reads as a heading or title rather than running text.

    >>> is_heading("Annual Report of the Kestrel Trust")
    True
    >>> is_heading("The Kestrel Trust funds the Otter Club.")
    False
    """
    stripped = line.strip().strip("#*•-–— \t\u00a0")
    if not stripped:
        return False
    if " ".join(stripped.split()) in titles:
        return True
    words = _WORD.findall(stripped)
    if not words or len(words) > _MAX_HEADING_WORDS or stripped[-1] in ".,;":
        return False
    lettered = [w for w in words if w[0].isalpha()]
    if not lettered:
        return False
    if not any(ch.islower() for ch in stripped):
        return True  # a line in capitals
    content = [w for w in lettered if w.casefold() not in _SMALL]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def _previous_word(text: str, pos: int, floor: int) -> tuple[str, int]:
    """The word ending just before ``pos`` (skipping spaces only) and its start, or ("", pos)."""
    i = pos
    while i > floor and text[i - 1] in " \t\u00a0":
        i -= 1
    j = i
    while j > floor and (text[j - 1].isalnum() or text[j - 1] in "&'’-"):
        j -= 1
    return text[j:i], j


def _next_word(text: str, pos: int, ceiling: int) -> tuple[str, int]:
    """The word starting just after ``pos`` (skipping spaces only) and its end, or ("", pos)."""
    i = pos
    while i < ceiling and text[i] in " \t\u00a0":
        i += 1
    j = i
    while j < ceiling and (text[j].isalnum() or text[j] in "&'’-"):
        j += 1
    return text[i:j].rstrip("'’"), j


def _capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit()) and word.casefold() not in _DETERMINERS


def _at_opening(text: str, pos: int, line_start: int) -> bool:
    """True when ``pos`` starts a sentence, a line (only bullets, numbers or quotes before) or a
    quotation (a quoted title's first word is capitalised whatever it is)."""
    if text[line_start:pos].rstrip(" \t\u00a0")[-1:] in ("‘", "“", '"', "'"):
        return True
    before = text[line_start:pos].rstrip(" \t\u00a0\"'‘“(")
    if not before or not any(ch.isalpha() for ch in before):
        return True
    return before[-1] in _SENTENCE_END


class _Taken:
    """Which characters of a section some mention covers: a neighbour inside another mention is
    a name of its own, not a piece of this one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def covers(self, start: int, end: int) -> bool:
        import bisect

        i = bisect.bisect_right(self.spans, (start, float("inf")))
        for s, e in self.spans[max(0, i - 8) : i + 1]:
            if s <= start and end <= e:
                return True
        return False


def _fragment_run(text: str, start: int, end: int, a: int, b: int, taken: _Taken) -> tuple[int, int]:
    """The capitalised run around a mention at ``[start, end)`` (line ``[a, b)``) that the mention
    is a piece of, or ``(start, end)`` when the mention stands on its own.

    A neighbour joins when it is a capitalised word that no other mention covers, next to the
    mention or across one connector ("and", "of", "to"...) with a capitalised word after it. A
    capitalised word that only opens the sentence ("Recently Riverside Trust ...") does not join.
    """
    lo, hi = start, end
    # Leftwards.
    while True:
        word, ws = _previous_word(text, lo, a)
        if not word:
            break
        if word.casefold() in _CONNECTORS and word not in ("The",):
            left, ls = _previous_word(text, ws, a)
            if (
                _capitalised(left)
                and not taken.covers(ls, ls + len(left))
                and not _at_opening(text, ls, a)
                and word.casefold() in ("and", "&", "of", "for")
            ):
                lo = ls
                continue
            break
        if _capitalised(word) and not taken.covers(ws, ws + len(word)) and not _at_opening(text, ws, a):
            lo = ws
            continue
        break
    # Rightwards.
    while True:
        word, we = _next_word(text, hi, b)
        if not word:
            break
        ws = we - len(word)
        if word.casefold() in _CONNECTORS and word[0].islower() or word == "&":
            right, re_ = _next_word(text, we, b)
            rs = re_ - len(right)
            if _capitalised(right) and right[0].isalpha() and not taken.covers(rs, re_):
                hi = re_
                continue
            break
        if _capitalised(word) and word[0].isalpha() and not taken.covers(ws, we):
            hi = we
            continue
        break
    return lo, hi


def _indefinite(text: str, pos: int, floor: int) -> bool:
    """True when "a" or "an" comes before ``pos`` with at most two lower-case words between."""
    for _ in range(3):
        word, start = _previous_word(text, pos, floor)
        if not word:
            return False
        if word in ("a", "an", "A", "An"):
            return True
        if not word.islower():
            return False
        pos = start
    return False


def document_usage(document: Document, extraction: Extraction) -> DocumentUsage:
    """Read how ``document``'s text uses each entity ``extraction`` found in it.

    Args:
        document: the document with its text.
        extraction: what extraction found in it (mention offsets point into its text).

    Returns:
        The usage record, ready to cache beside the extraction.
    """
    text = document.text
    titles = frozenset(" ".join(sec.title.split()) for sec in document.sections if sec.title)
    words, lower = _word_counts(text)
    # A neighbour inside another mention of the same label is a name of its own ("Tarnaid and
    # Kestrel Voice"); inside one of another label it may be a piece of this one ("Ashby [and
    # Coldmoor Collective]", where Ashby was read as a place).
    taken_by = {
        label: _Taken([(m.start, m.end) for e in extraction.entities if e.label == label for m in e.mentions])
        for label in {e.label for e in extraction.entities}
    }
    pairs = _pairs(text, extraction)
    heading_cache: dict[int, bool] = {}
    forms: dict[tuple[int, str, str], tuple[FormUse, ...]] = {}
    sentences: dict[tuple[int, str, str], str] = {}
    for ent in extraction.entities:
        counts, example = _count_uses(ent, text, titles, taken_by[ent.label], pairs, heading_cache)
        if example:
            sentences[(ent.section, ent.label, ent.name)] = example[0]
        if counts:
            forms[(ent.section, ent.label, ent.name)] = tuple(
                FormUse(form, *row) for form, row in sorted(counts.items())
            )
    spans = sorted({(m.start, m.end, e.label) for e in extraction.entities for m in e.mentions})
    return DocumentUsage(
        extraction.document_id,
        forms,
        dict(sorted(words.items())),
        frozenset(lower),
        _expansions(text, spans),
        _former_names(text, spans),
        sentences,
        tuple(sorted(pairs[span] for span in pairs if pairs[span][0] == text[span[0] : span[1]])),
    )


def _word_counts(text: str) -> tuple[Counter[str], set[str]]:
    """How often each word occurs (case-folded), and the words written in lower case somewhere."""
    words: Counter[str] = Counter()
    lower: set[str] = set()
    for match in _LETTERS.finditer(text):
        word = match.group()
        folded = word.casefold()
        words[folded] += 1
        if word.islower():
            lower.add(folded)
    return words, lower


def _count_uses(
    ent: Entity, text: str, titles: frozenset[str], taken: _Taken, pairs: dict, heading_cache: dict[int, bool]
) -> tuple[dict[str, list], tuple[str, bool] | str]:
    """Per surface form of ``ent``, the counts of :class:`FormUse` (in its field order) as a list;
    and an example sentence (with whether it is running text), or "" when it has none."""
    counts: dict[str, list] = {}
    example = ""
    for ev in ent.mentions:
        if not (0 <= ev.start < ev.end <= len(text)):
            continue
        form = text[ev.start : ev.end]
        a, b = _line_bounds(text, ev.start, ev.end)
        heading = heading_cache.get(a)
        if heading is None:
            heading = heading_cache[a] = is_heading(text[a:b], titles)
        row = counts.setdefault(form, [0, 0, 0, 0, 0, "", 0, 0])
        if (ev.start, ev.end) in pairs:
            row[7] += 1
        if not example or (heading_cache.get(a) is False and not example[1]):
            example = (_sentence(text, ev.start, ev.end, a, b), not heading)
        if heading:
            row[2] += 1
        elif _at_opening(text, ev.start, a):
            row[1] += 1
        else:
            row[0] += 1
        before, _ = _previous_word(text, ev.start, a)
        if before.casefold() in _DETERMINERS or form.split(" ", 1)[0].casefold() in _DETERMINERS:
            row[3] += 1
        if _indefinite(text, ev.start, a):
            row[6] += 1
        if not heading:
            lo, hi = _fragment_run(text, ev.start, ev.end, a, b, taken)
            if (lo, hi) != (ev.start, ev.end):
                row[4] += 1
                if not row[5]:
                    row[5] = " ".join(text[lo:hi].split())
    return counts, example


def _pairs(text: str, extraction: Extraction) -> dict[tuple[int, int], tuple[str, str]]:
    """Places written "X and Y" (not inside a longer list "W, X and Y"): each half's mention
    span -> the two names as written."""
    spans = sorted((m.start, m.end) for e in extraction.entities if e.label == "Place" for m in e.mentions)
    starts = {a: b for a, b in spans}
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for a, b in spans:
        match = re.match(r" (?:and|&) ", text[b : b + 6])
        if not match or (b + match.end()) not in starts:
            continue
        c = b + match.end()
        d = starts[c]
        before = text[max(0, a - 2) : a]
        if before.endswith(", ") or before.endswith(","):
            continue  # the last two of a list
        found[(a, b)] = found[(c, d)] = (text[a:b], text[c:d])
    return found


_MAX_SENTENCE = 300


def _sentence(text: str, start: int, end: int, a: int, b: int) -> str:
    """The sentence of the line ``[a, b)`` around ``[start, end)``, verbatim, at most about
    :data:`_MAX_SENTENCE` characters (cut at words around the name when longer)."""
    lo = a
    for m in re.finditer(r"[.!?](?=\s)", text[a:start]):
        lo = a + m.end()
    m = re.search(r"[.!?](?=\s|$)", text[end:b])
    hi = end + m.end() if m else b
    if hi - lo > _MAX_SENTENCE:
        lo = max(lo, start - _MAX_SENTENCE // 2)
        hi = min(hi, max(end, lo + _MAX_SENTENCE))
        while lo > a and not text[lo - 1].isspace() and lo < start:
            lo += 1
        while hi < b and not text[hi].isspace() and hi > end:
            hi -= 1
    return text[lo:hi].strip()


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_SPELLED = re.compile(
    r"[,(–—-]?\s*((?:[A-Z][\w'’\-]*|and|of|for|the|in|on|&)(?:\s+(?:[A-Z][\w'’\-]*|and|of|for|the|in|on|&))*)"
)
_FORMERLY = re.compile(r"\s*[,(]?\s*(?:previously|formerly|once)(?:\s+(?:known\s+as|called|named))?\s+", re.IGNORECASE)


def _initial_letters(words: list[str], keep_small: bool) -> str:
    out = ""
    for w in words:
        if w.casefold() in _SMALL and not keep_small:
            continue
        out += w if (w.isupper() and len(w) <= 4) else w[0]
    return out.upper()


def _expansions(text: str, spans: list[tuple[int, int, str]]) -> tuple[tuple[str, str, int, int], ...]:
    """Acronyms followed by the words they stand for ("TACT, Tenants and Communities Together")."""
    found = []
    for start, end, _label in spans:
        acronym = text[start:end]
        if not _ACRONYM.fullmatch(acronym):
            continue
        match = _SPELLED.match(text, end)
        if not match or match.start(1) - end > 3:
            continue
        words = match.group(1).split()
        for n in range(len(words), 1, -1):
            if words[n - 1].casefold() in _SMALL:
                continue
            if acronym.replace("&", "") in (_initial_letters(words[:n], False), _initial_letters(words[:n], True)):
                a = match.start(1)
                b = [m.end() for m in re.finditer(r"\S+", text[a : match.end(1)])][n - 1] + a
                found.append((acronym, " ".join(words[:n]), a, b))
                break
    return tuple(sorted(set(found), key=lambda f: (f[2], f[0])))


def _former_names(text: str, spans: list[tuple[int, int, str]]) -> tuple[tuple[str, str], ...]:
    """A name followed by the name it had before ("X (formerly Y)", "X, previously known as Y")."""
    starts = {start: (end, label) for start, end, label in spans}
    found = set()
    for start, end, label in spans:
        match = _FORMERLY.match(text, end)
        if not match:
            continue
        other = starts.get(match.end())
        if other is not None and other[1] == label:
            found.add((text[start:end], text[match.end() : other[0]]))
    return tuple(sorted(found))


def usage_row(usage: DocumentUsage) -> dict:
    """``usage`` as plain JSON data (for the extraction cache)."""
    return {
        "forms": [
            [
                sec,
                label,
                name,
                [
                    [
                        f.form,
                        f.running,
                        f.opening,
                        f.heading,
                        f.determined,
                        f.fragment,
                        f.joined,
                        f.indefinite,
                        f.paired,
                    ]
                    for f in uses
                ],
            ]
            for (sec, label, name), uses in usage.forms.items()
        ],
        "words": usage.words,
        "lower": sorted(usage.lower),
        "expansions": [list(e) for e in usage.expansions],
        "former": [list(f) for f in usage.former],
        "sentences": [[sec, label, name, quote] for (sec, label, name), quote in usage.sentences.items()],
        "pairs": [list(p) for p in usage.pairs],
    }


def usage_from_row(document_id: str, row: dict) -> DocumentUsage:
    """The inverse of :func:`usage_row`."""
    forms = {(sec, label, name): tuple(FormUse(*f) for f in uses) for sec, label, name, uses in row["forms"]}
    return DocumentUsage(
        document_id,
        forms,
        dict(row["words"]),
        frozenset(row["lower"]),
        tuple(tuple(e) for e in row["expansions"]),
        tuple(tuple(f) for f in row["former"]),
        {(sec, label, name): quote for sec, label, name, quote in row["sentences"]},
        tuple(tuple(p) for p in row["pairs"]),
    )
