"""Text views and candidate name spans: runs of capitalised words inside one sentence.

Offsets here are relative to the section text; the extractor adds the section start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon

__all__ = ["Sentence", "Span", "Word", "cased_view", "find_spans", "possessive_end", "sentence_words"]

WORD_RE = re.compile(r"[^\W_](?:[\w&]|[-'’.&](?=[^\W_]))*")
_FILE_RE = re.compile(r"[_]|\.(?:png|jpe?g|gif|pdf|docx?|svg)$", re.IGNORECASE)
_HEADING_KEEP_UPPER = re.compile(r"^(?:[A-Z]{2,5}s?|[IVX]+)$")
_SMALL = {"of", "for", "the", "and", "in", "on", "at", "to", "a", "an", "by", "with", "upon", "from"}
# lower-case words allowed inside a name between capitalised words (when the left part is a
# head that takes a complement: "Centre for Public Impact", "Newcastle upon Tyne")
_JOINERS = {"of", "for", "upon", "on", "under", "in"}


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a section, with section-relative offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (from the spaCy pipeline) and its words."""

    index: int
    start: int
    end: int
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Span:
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


def possessive_end(text: str) -> int:
    """Length of ``text`` without a trailing possessive "'s"."""
    if len(text) > 2 and text[-2] in "'’" and text[-1] == "s":
        return len(text) - 2
    return len(text)


def sentence_words(text: str, start: int, end: int) -> tuple[Word, ...]:
    """The words of ``text[start:end]`` with section-relative offsets."""
    return tuple(Word(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text, start, end))


def _cap(word: Word) -> bool:
    return word.text[:1].isupper() and not _FILE_RE.search(word.text)


def find_spans(text: str, sentences: tuple[Sentence, ...], lex: Lexicon) -> list[Span]:
    """Every maximal run of capitalised words (plus name-internal joiners) in each sentence."""
    spans: list[Span] = []
    for sent in sentences:
        words = sent.words
        i = 0
        while i < len(words):
            if not _cap(words[i]):
                i += 1
                continue
            j = i
            while j + 1 < len(words):
                if possessive_end(words[j].text) != len(words[j].text):
                    nxt = words[j + 1]
                    # "Children's Services" is one name; "Shelter's role" is a name and a noun
                    if text[words[j].end : nxt.start] == " " and (
                        nxt.text in lex.org_words or nxt.text in lex.strong_org_words
                    ):
                        j += 1
                        continue
                    break
                gap = text[words[j].end : words[j + 1].start]
                nxt = words[j + 1]
                if gap in (" ", "\u00a0", " & ") and _cap(nxt):
                    j += 1
                    continue
                if (
                    gap == " "
                    and nxt.text[:1].isdigit()
                    and nxt.text.isalnum()
                    and words[j].text not in _NO_NUMBER
                ):
                    j += 1  # "Project 507"
                    break
                if (
                    gap == " "
                    and words[j].text == "Call"
                    and nxt.text == "to"
                    and j + 2 < len(words)
                    and words[j + 2].text == "Action"
                ):
                    j += 2  # "Call to Action"
                    continue
                if gap == " " and nxt.text in _JOINERS and j + 2 < len(words):
                    k = j + 2
                    if words[k].text == "the" and k + 1 < len(words):
                        k += 1
                    if (
                        _cap(words[k])
                        and text[nxt.end : words[k].start].replace("the", "").strip() == ""
                        and _joins(words[j].text, nxt.text, lex)
                    ):
                        j = k
                        continue
                if (
                    gap == " "
                    and nxt.text in lex.name_particles
                    and j == i
                    and words[i].text in lex.first_names
                ):
                    # "Samira ben Omar", "Jan van der Berg"
                    k = j + 1
                    while (
                        k < len(words)
                        and words[k].text in lex.name_particles
                        and text[words[k - 1].end : words[k].start] == " "
                    ):
                        k += 1
                    if k < len(words) and _cap(words[k]) and text[words[k - 1].end : words[k].start] == " ":
                        j = k
                        continue
                if (
                    gap == ". "
                    and len(words[j].text) == 1
                    and words[j].text.isupper()
                    and j > i
                    and _cap(nxt)
                ):
                    j += 1  # a middle initial: "Jo F. Bloggs"
                    continue
                break
            run = words[i : j + 1]
            last = run[-1]
            end = last.start + possessive_end(last.text)
            spans.append(
                Span(
                    start=run[0].start,
                    end=end,
                    text=text[run[0].start : end],
                    sentence=sent.index,
                    words=run[:-1] + (Word(last.start, end, text[last.start : end]),),
                    initial=(i == 0),
                )
            )
            i = j + 1
    return spans


def _joins(left: str, joiner: str, lex: Lexicon) -> bool:
    if joiner in ("upon", "on", "under"):
        return True  # "Newcastle upon Tyne", "Stoke on Trent"
    if joiner == "in":
        return False
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
