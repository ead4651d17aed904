"""Names typed by the part they play in a sentence, when their words say nothing.

"Jo Bloggs (Brightside)", "funded by Kestrel", "a member of Tallow", "based in Ambridge": the
relation rules' slots say what fills them (an organisation, a place) whatever the words of the
name. Capitalised names that no word list or cue typed are offered to the rules as candidates;
a candidate that fills a slot beside a name of known kind takes the slot's kind, and every
other use of that name in the document takes it too (one name, one kind per document).
"""

from __future__ import annotations

from collections.abc import Iterable

from loaders.names import normalise

from .classify import SectionView, _strip
from .clauses import Clause
from .facts import SectionFacts, in_sentence
from .lexicon import Lexicon
from .mentions import Mention, Occupied
from .patterns import apply_rules
from .relations import _worth_a_clause
from .spans import lower_words

__all__ = ["CANDIDATE", "promote_by_context"]

CANDIDATE = "?"
# What a candidate may become, in order of preference when a slot takes several kinds.
_PROMOTABLE = ("Organisation", "Place", "Publication")


def promote_by_context(views: list[SectionView], host: str | None, lex: Lexicon, ignore: Iterable[str] = ()) -> None:
    """Add to each view's mentions the candidates that relation slots type."""
    ignored = set(ignore)
    lower_vocab = frozenset().union(*(lower_words(v.text) for v in views)) if views else frozenset()
    promoted: dict[str, tuple[str, str]] = {}  # normalised name -> (label, rule)
    candidates_of: dict[int, list[Mention]] = {}
    for v in views:
        cands = _candidates(v, lower_vocab, lex, ignored)
        candidates_of[id(v)] = cands
        if not cands:
            continue
        mentions = sorted(v.mentions + cands, key=lambda m: (m.start, -m.end, m.label))
        names = {i: m.name for i, m in enumerate(mentions)}
        host_here = host if host and any(m.label == "Organisation" and m.name == host for m in v.mentions) else None
        facts = SectionFacts(v.text, v.sentences, mentions, names, None, None, host_here)
        starts = [m.start for m in mentions]
        for sent in v.sentences:
            idx = [i for i in range(_lo(starts, sent.start), _lo(starts, sent.end)) if in_sentence(sent, mentions[i])]
            if not any(mentions[i].label == CANDIDATE for i in idx) or len(idx) < 2 and not host_here:
                continue
            if not _worth_a_clause(facts, sent, idx):
                continue  # no trigger word and nobody named: no rule could type the candidate
            for f in apply_rules(facts, Clause(facts, sent, idx)):
                if f.rule in _WEAK:
                    continue  # a bracket or an opening "In X," types nothing on its own say-so
                for ref, other in ((f.source, f.target), (f.target, f.source)):
                    label, name = ref
                    key = normalise(name)
                    if key in promoted or other[0] == CANDIDATE:
                        continue
                    if any(c.name == name for c in cands) and label in _PROMOTABLE:
                        promoted[key] = (label, f.rule)
    if not promoted:
        return
    for v in views:
        taken = Occupied((m.start, m.end) for m in v.mentions)
        for c in candidates_of[id(v)]:
            got = promoted.get(normalise(c.name))
            if got and not taken.overlaps(c.start, c.end):
                v.mentions.append(Mention(got[0], c.name, c.start, c.end, "context." + got[1], 0.6))
                taken.add(c.start, c.end)
        v.mentions.sort(key=lambda m: (m.start, -m.end, m.label))


def _lo(starts: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_left(starts, pos)


def _candidates(v: SectionView, lower_vocab: frozenset[str], lex: Lexicon, ignored: set[str]) -> list[Mention]:
    """Capitalised names in the view that no rule typed, as candidate mentions."""
    taken = Occupied((m.start, m.end) for m in v.mentions)
    out = []
    for span in v.spans:
        if taken.overlaps(span.start, span.end):
            continue
        words = _strip(span, lower_vocab, lex)
        if not words or span.initial and len(words) == 1 and words[0].text.lower() in lex.common_words:
            continue  # a common word capitalised because it opens its sentence ("Grants awarded ...")
        text = " ".join(w.text for w in words)
        if normalise(text) in ignored or not _namelike(words, lex):
            continue
        out.append(Mention(CANDIDATE, text, words[0].start, words[-1].end, "candidate", 0.0))
    return out


_WEAK = frozenset(
    ("located.bracket", "located.fronted", "located.place_kind", "partner.joint_subject", "partner.consortium")
)
_GROUP_ENDINGS = ("ians", "ists", "ers", "ans", "ims", "ees", "’is", "'is", "ites", "ics")


def _namelike(words, lex: Lexicon) -> bool:
    """Whether capitalised words could be a proper name: not a title, a month or a heading word."""
    texts = [w.text for w in words]
    if not any(t[:1].isalpha() for t in texts):
        return False  # "1996"
    if len(texts) == 1 and (
        texts[0] in lex.org_words or texts[0] in lex.strong_org_words or texts[0].lower().endswith(("ed", "ing", "ly"))
    ):
        return False  # "the Foundation", "the Bank": a reference; "Elected", "Funding": no name
    if any(t in lex.role_words or t.lower() in lex.role_heads_lower for t in texts):
        return False
    if " ".join(texts) in lex.departments:
        return False  # "Director of Grants": a department
    if len(texts) == 1 and texts[0].lower().endswith(_GROUP_ENDINGS):
        return False  # "Christians", "Quakers": members of a faith or a kind, not a body
    if len(texts) == 1 and (
        texts[0] in lex.non_name_caps or texts[0] in lex.sentence_caps or texts[0] in lex.never_alone
    ):
        return False
    return not all(t in lex.always_strip or t in lex.sentence_caps for t in texts)
