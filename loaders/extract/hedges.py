"""Facts a text only plans, expects or denies are no facts: "plans to fund", "may partner with",
"is looking at a merger with", "does not fund" (and "no longer funds": funding that ended)."""

from __future__ import annotations

import re

from .facts import Found

__all__ = ["hedged"]


# A fact the text only expects, wants or denies is no fact: "plans to fund", "may partner with",
# "is looking at a merger with", "does not fund". Read in the evidence and the few words before it.
_HEDGE = re.compile(
    r"\b(?:(?:plans? to|planning to|planned to|hopes? to|hoping to|intends? to|intending to|aims? to|"
    r"wants? to|would like to)(?! (?:continue|keep|carry on|build on|deepen|strengthen|grow|extend)\b)|(?-i:may)|"
    r"might|could|considering|consider(?:s|ed)? (?:a|an|the)|exploring|explores?|"
    r"looking (?:at|into)|proposed|proposals?|proposing|potential(?:ly)?|possible|possibly|prospective|"
    r"if|whether|talks (?:with|about)|discussions? (?:with|about)|not|n[’']t|never|neither|nor|"
    r"unsuccessful(?:ly)?|rejected|turned down|declined)\b",
    re.IGNORECASE,
)


_NO_LONGER = re.compile(r"\bno longer\b", re.IGNORECASE)


_HEDGED_TYPES = frozenset(("FUNDED", "PARTNERED_WITH", "MEMBER_OF", "AUTHORED", "LOCATED_IN"))


def _sentence_at(sentences, pos: int) -> int:
    """The index of the sentence holding ``pos`` (sentences are in order), by bisection."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def hedged(text: str, sentences, f: Found) -> bool:
    """Whether a fact is stated as a plan, a possibility or a denial (see ``_HEDGE``)."""
    if f.type not in _HEDGED_TYPES:
        return False
    start = f.start
    k = _sentence_at(sentences, f.start)
    if 0 <= k < len(sentences) and sentences[k].start <= f.start < sentences[k].end:
        start = max(sentences[k].start, f.start - 40)
    window = text[start : f.end]
    if _NO_LONGER.search(window):
        return f.type != "FUNDED"  # "no longer funds": funding that ended, kept as such
    return _HEDGE.search(window) is not None
