"""Text views and candidate name spans: runs of capitalised words inside one sentence.

Offsets here are relative to the section text; the extractor adds the section start.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

from .lexicon import Lexicon

__all__ = ["Sentence", "Span", "Word", "cased_view", "find_spans", "lower_words", "possessive_end", "sentence_words"]

# A word: a letter or digit, then letters, digits, "&" and "_", with "-", "'", "’" or "." only
# between two letters or digits ("co-op", "O’Neil", "St.John"); "Leeds-based" is two words, a
# place and what it says of the name after it. Written as runs, not as one
# character at a time with a look-ahead: the same words, found about a third faster.
WORD_RE = re.compile(r"[^\W_][\w&]*(?:(?:[-'’.](?!(?:based|headquartered|registered)\b))[^\W_][\w&]*)*")
_WORD_SPLIT = re.compile(f"({WORD_RE.pattern})").split
# file names, and the parts of a UK postcode ("LA9 4AB"): no name, though they have capitals
_FILE_RE = re.compile(r"[_]|\.(?:png|jpe?g|gif|pdf|docx?|svg)$|^[A-Z]{1,2}\d[A-Z\d]?$|^\d[A-Z]{2}$", re.IGNORECASE)
_HEADING_KEEP_UPPER = re.compile(r"^(?:[A-Z]{2,5}s?|[IVX]+)$")
_SMALL = {"of", "for", "the", "and", "in", "on", "at", "to", "a", "an", "by", "with", "upon", "from"}
# lower-case words allowed inside a name between capitalised words (when the left part is a
# head that takes a complement: "Centre for Civic Repair", "Newcastle upon Tyne")
_JOINERS = {"of", "for", "upon", "on", "under", "in"}


class Word(NamedTuple):
    """One word of a section, with section-relative offsets."""

    start: int
    end: int
    text: str


class Sentence(NamedTuple):
    """One sentence (from the spaCy pipeline); offsets are section-relative."""

    index: int
    start: int
    end: int


class Span(NamedTuple):
    """A run of capitalised words; ``initial`` when it opens its sentence (so may be a common word)."""

    start: int
    end: int
    text: str
    sentence: int
    words: tuple[Word, ...]
    initial: bool


def cased_view(text: str, lex: Lexicon) -> str:
    """The text with all-capital lines (headings) in title case; same length, same offsets."""
    out = []
    for line in text.splitlines(keepends=True):
        if line != line.upper():  # has a lower-case letter: not a heading (the common case)
            out.append(line)
            continue
        letters = [c for c in line if c.isalpha()]
        first = line.strip().split(" ", 1)[0].capitalize()
        # only headings that name someone ("JANE DOE, CEO OF ...") are re-cased; others stay capitals
        if (
            len(letters) >= 6
            and all(c.isupper() for c in letters)
            and len(line.split()) >= 2
            and ("," in line or first in lex.first_names)
        ):
            titled = _title_line(line, lex)
            out.append(titled if len(titled) == len(line) else line)
        else:
            out.append(line)
    return "".join(out)


def _title_line(line: str, lex: Lexicon) -> str:
    def fix(match: re.Match) -> str:
        word = match.group(0)
        if word.lower() in _SMALL and match.start() > 0:
            return word.lower()
        if word in lex.suffixes or word in lex.known_org_acronyms or word in {"CEO", "CEOS", "UK", "NHS"}:
            return word
        if line[max(0, match.start() - 1) : match.start()] == "(" and len(word) <= 6:
            return word  # "(CTS)": an abbreviation
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))

    return WORD_RE.sub(fix, line)


@lru_cache(maxsize=64)
def lower_words(text: str) -> frozenset[str]:
    """The lower-case words of ``text`` ("the", "listening"): words used as common words.

    Cached because label, context and concept rules all ask for the same sections' words.
    """
    return frozenset(_LOWER_WORD.findall(text))


_LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]+\b")


def possessive_end(text: str) -> int:
    """Length of ``text`` without a trailing possessive "'s"."""
    if len(text) > 2 and text[-2] in "'’" and text[-1] == "s":
        return len(text) - 2
    return len(text)


def sentence_words(text: str, start: int, end: int) -> tuple[Word, ...]:
    """The words of ``text[start:end]`` with section-relative offsets."""
    return tuple([Word(*m.span(), m.group()) for m in WORD_RE.finditer(text, start, end)])


def find_spans(text: str, sentences: tuple[Sentence, ...], lex: Lexicon) -> list[Span]:
    """Every maximal run of capitalised words (plus name-internal joiners) in each sentence."""
    spans: list[Span] = []
    file_re = _FILE_RE.search
    for sent in sentences:
        # Plain strings and a capital flag per word: a section has thousands of words and only
        # the few in names become Word records. split() gives the words and the gaps between
        # them (gap, word, gap, ..., word, gap) without a match object per word.
        parts = _WORD_SPLIT(text[sent.start : sent.end])
        words = parts[1::2]
        cap = [w[:1].isupper() and not file_re(w) for w in words]
        if True not in cap:
            continue
        split = _Split(parts, words, cap, list(accumulate(map(len, parts), initial=sent.start)))
        resume = 0  # the first word after the last span
        for i in compress(range(len(words)), cap):
            if i < resume:
                continue
            j = _run_end(text, split, i, lex)
            spans.append(_span(text, sent, split, i, j))
            resume = j + 1
    return spans


class _Split(NamedTuple):
    """One sentence as split for finding runs: word ``k`` is ``parts[2k + 1]`` and runs from
    ``at[2k + 1]`` to ``at[2k + 2]``; the gap after it is ``parts[2k + 2]``."""

    parts: list[str]
    words: list[str]
    cap: list[bool]  # capitalised, and no file name or postcode
    at: list[int]  # where each part starts in the section text


def _run_end(text: str, split: _Split, i: int, lex: Lexicon) -> int:
    """The last word of the run of capitalised words that starts at word ``i``."""
    parts, words, cap, _ = split
    org_words, strong = lex.org_words, lex.strong_org_words
    n = len(words)
    j = i
    while j + 1 < n:
        wj, nxt = words[j], words[j + 1]
        gap = parts[2 * j + 2]
        if possessive_end(wj) != len(wj):
            # "Children's Services" is one name; "Tarnaid's role" is a name and a noun
            if gap == " " and (nxt in org_words or nxt in strong):
                j += 1
                continue
            break
        if (
            cap[j + 1]
            and gap in (" ", "\u00a0", " & ", "  ", " \u00a0", "\u00a0 ")
            and not (nxt in _NEW_NAME and j + 2 < n and cap[j + 2] and wj not in _NEW_NAME)
        ):
            if gap == " & " and wj in strong and j > i:
                break  # "Fenby Council & Tarn Trust": two names, the first complete
            j += 1
            continue
        if gap != " " and gap != ". ":
            break
        if gap == " " and nxt[:1].isdigit() and nxt.isalnum() and wj not in _NO_NUMBER:
            j += 1  # "Project 507"
            break
        if gap == " " and wj == "Call" and nxt == "to" and j + 2 < n and words[j + 2] == "Action":
            j += 2  # "Call to Action"
            continue
        if gap == " ":
            joined = _joined_end(text, split, i, j, lex)
            if joined is not None:
                j = joined
                continue
        if gap == ". " and cap[j + 1] and _name_goes_on(split, i, j, lex):
            j += 1  # "Jo F. Bloggs", "Ms. K. Bloggs", "Cllr Mrs. J.A. Bloggs"
            continue
        break
    return j


_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")
_BEFORE_A_NAME = frozenset(("", ",", ";", "(", ":", "and", "&", "-", "–"))


def _name_goes_on(split: _Split, i: int, j: int, lex: Lexicon) -> bool:
    """Whether a person's name runs on over the full stop after word ``j``: after an honorific
    ("Ms."), or after initials in a name ("Jo F."), or initials opening one where a list or a
    title puts a name ("Present: K. Bloggs", "Councillors L. Bloggs")."""
    words, wj = split.words, split.words[j]
    if wj in lex.honorifics:
        return True
    if not _INITIALS.fullmatch(wj):
        return False
    if j > i:
        return True
    before = split.parts[2 * i].strip()
    return before in _BEFORE_A_NAME or i > 0 and (words[i - 1] in lex.honorifics or words[i - 1] == "Councillors")


def _joined_end(text: str, split: _Split, i: int, j: int, lex: Lexicon) -> int | None:
    """Where the run that starts at word ``i`` goes on to, when a lower-case word after word
    ``j`` (and a space) joins it to more capitalised words; else None."""
    parts, words, cap, at = split
    org_words, strong = lex.org_words, lex.strong_org_words
    n = len(words)
    wj, nxt = words[j], words[j + 1]
    if (
        nxt == "in"
        and j + 2 < n
        and cap[j + 2]
        and parts[2 * j + 4] == " "
        and words[j + 2] not in lex.places
        and words[j + 2] not in lex.sentence_caps
        and words[j + 2] not in lex.always_strip
        and (j + 3 >= n or not cap[j + 3] or parts[2 * j + 6] != " ")
        and wj not in lex.places
    ):
        return j + 2  # "Children in Need", "Women in Leadership": "in" and a word that is no place
    if (
        nxt == "and"
        and j + 2 < n
        and cap[j + 2]
        and parts[2 * j + 4] == " "
        and not parts[2 * i].rstrip(" ").endswith((",", ";"))  # "A, B and C Trust": a list
    ):
        k = j + 2
        while k + 1 < n and cap[k + 1] and parts[2 * k + 2] == " " and k - j < 4:
            k += 1
        left, right = words[i : j + 1], words[j + 2 : k + 1]
        ends_org = right[-1] in strong or right[-1] in org_words
        if (
            ends_org
            and len(right) >= 2
            and not any(w in strong or w in org_words for w in left)
            and (len(left) == 1 or wj in lex.coordinated_domains)
        ) or (
            k == j + 2 and j - 1 > i and words[j - 1] in ("of", "for") and wj in lex.places and right[0] in lex.places
        ):
            return k  # "Health and Care Trust", "Foundation for England and Wales": one name
    if nxt in _JOINERS and j + 2 < n:
        k = j + 2
        if words[k] == "the" and k + 1 < n:
            k += 1
        if cap[k] and text[at[2 * j + 4] : at[2 * k + 1]].replace("the", "").strip() == "" and _joins(wj, nxt, lex):
            return k
    if nxt in lex.name_particles and j == i and words[i] in lex.first_names:
        # "Nadia ben Salah", "Jan van der Berg"
        k = j + 1
        while k < n and words[k] in lex.name_particles and parts[2 * k] == " ":
            k += 1
        if k < n and cap[k] and parts[2 * k] == " ":
            return k
    return None


def _word(split: _Split, k: int) -> Word:
    """Word ``k`` of a run; initials keep their full stop ("K." in "K. Bloggs")."""
    word, start, end = split.words[k], split.at[2 * k + 1], split.at[2 * k + 2]
    if split.parts[2 * k + 2] == ". " and _INITIALS.fullmatch(word):
        return Word(start, end + 1, word + ".")
    return Word(start, end, word)


def _span(text: str, sent: Sentence, split: _Split, i: int, j: int) -> Span:
    """The span of words ``i`` to ``j``, without a possessive "'s" at its end."""
    words, at = split.words, split.at
    last_start = at[2 * j + 1]
    end = last_start + possessive_end(words[j])
    run = tuple(_word(split, k) for k in range(i, j))
    return Span(
        start=at[2 * i + 1],
        end=end,
        text=text[at[2 * i + 1] : end],
        sentence=sent.index,
        words=run + (Word(last_start, end, text[last_start:end]),),
        initial=(i == 0),
    )


# an honorific inside a run of capitals starts another name ("Mr Jo Bloggs Chair Mrs Ann Lee"
# in a table read as one line)
_NEW_NAME = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Cllr", "Councillor"))


def _joins(left: str, joiner: str, lex: Lexicon) -> bool:
    if joiner in ("upon", "on", "under"):
        return True  # "Newcastle upon Tyne", "Stoke on Trent"
    if joiner == "in":
        return False  # see _joined_end: only a complement that is no place ("Children in Need")
    return left in lex.org_words or left in lex.strong_org_words or left in lex.complement_heads


_NO_NUMBER = {
    "Cell",
    "Part",
    "Section",
    "Chapter",
    "Page",
    "Figure",
    "Table",
    "Appendix",
    "Covid",
    "COVID",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Session",
    "Meeting",
    "Phase",
    "Stage",
    "Step",
    "Round",
}
