"""A sentence as units for the rules: words, punctuation, amounts (passed over like a date) and
the names found in it (a name absorbs the honorific before it and the honours after it:
"Dr Jo Bloggs MP"). References ("we", "the trust", "she") are marked by
:mod:`loaders.extract.references`."""

from __future__ import annotations

import re
from typing import NamedTuple

from .facts import SectionFacts
from .spans import Sentence

__all__ = ["Unit", "sentence_units", "word_units"]


class Unit(NamedTuple):
    """One item of a sentence: a word, a punctuation mark, an amount, a name or a reference."""

    kind: str  # "W" word, "P" punctuation, "M" amount or number, "E" name, "R" reference
    low: str  # lower-case text (for "E", the mention's label)
    start: int
    end: int
    mention: int = -1  # "E": index into facts.mentions; "R": the mention it refers to, or -1


_TOKEN = re.compile(
    r"(?P<M>[£$€]\s?\d+(?:[.,]\d+)*(?:\s?(?:m|bn|k|million|billion|thousand|mn)\b)?|\d+(?:[.,]\d+)*(?:st|nd|rd|"
    r"th)?(?:\s?(?:%|per ?cent|million|billion|m\b|bn\b|k\b))?)"
    r"|(?P<S>(?<=\w)[’']s\b)"
    r"|(?P<W>[^\W\d_][\w&’'-]*(?<![’'-])(?:[’']s)?|[^\W_]+)"
    r"|(?P<P>[^\w\s])",
)


_HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Baron|Rev|Revd|Reverend|"
    r"Rt Hon|The Rt Hon)\.? )+$"
)


_HONOURS = re.compile(r"(?:,? (?:MP|MSP|MS|AM|MLA|MEP|OBE|MBE|CBE|KBE|DBE|QC|KC|PhD|FRSA|JP|DL|CVO|LVO))+\b")


_MONTHS = frozenset("""january february march april may june july august september october november december""".split())


def sentence_units(facts: SectionFacts, sent: Sentence, idx: list[int]) -> list[Unit]:
    text = facts.text
    out: list[Unit] = []
    at = sent.start
    ordered = sorted(idx, key=lambda i: facts.mentions[i].start)
    for i in ordered:
        m = facts.mentions[i]
        if m.start < at:
            continue  # nested in the one before
        start = m.start
        if m.label == "Person":
            lead = _HONORIFIC_BEFORE.search(text, max(at, start - 24), start)
            if lead:
                start = lead.start()  # "Our chair, Dr Jo Bloggs,": the honorific goes with the name
        out += word_units(text, at, start)
        end = m.end
        if m.label == "Person":
            honours = _HONOURS.match(text, end, sent.end)
            if honours:
                end = honours.end()  # "Jo Bloggs MP, patron of": the honours go with the name
        out.append(Unit("E", m.label, start, end, i))
        at = end
    out += word_units(text, at, sent.end)
    from .references import mark_references

    return mark_references(facts, out)


def word_units(text: str, start: int, end: int) -> list[Unit]:
    out = []
    for tok in _TOKEN.finditer(text, start, end):
        kind = tok.lastgroup
        if kind == "S":
            out.append(Unit("W", "’s", tok.start(), tok.end()))
            continue
        low = tok.group().lower().replace("'", "’") if kind != "P" else tok.group()
        if kind == "W" and low.endswith("’s") and len(low) > 2:
            out.append(Unit("W", low[:-2], tok.start(), tok.end() - 2))
            out.append(Unit("W", "’s", tok.end() - 2, tok.end()))
            continue
        if kind == "W" and low in _MONTHS:
            kind = "M"  # a date is passed over like an amount
        if kind == "P" and low in "’'" and tok.start() == start and start > 0 and text[start - 1] in "sS":
            out.append(Unit("W", "’s", tok.start(), tok.end()))  # "Tarn Arts' director": a possessive
            continue
        if kind == "P" and low in "‘’“”\"'":
            continue  # quotation marks carry no structure here
        out.append(Unit(kind, low, tok.start(), tok.end()))
    return out
