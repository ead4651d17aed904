"""The lexicon's regex helpers: the trie alternation must match exactly what a plain list does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.lexicon import alternation, rx

_WORDS = st.lists(st.text(alphabet="ab -.", min_size=1, max_size=5), min_size=1, max_size=8)


def _plain(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="ab -.xB", max_size=40))
def test_trie_alternation_finds_what_a_longest_first_list_finds(words, text):
    words = frozenset(words)
    for template in (r"(?:{})", r"\b(?:{})\b", r"(?:{}) a", r"(?i:{})s?"):
        trie = re.compile(template.format(alternation(words)))
        plain = re.compile(template.format(_plain(words)))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_space_class_stands_for_spaces_and_hyphens():
    pattern = re.compile(r"\b(?:" + alternation(frozenset({"co-design", "peer support"}), r"[\s-]") + r")s?\b")
    found = [m.group() for m in pattern.finditer("co design, peer-supports and co-design")]
    assert found == ["co design", "peer-supports", "co-design"]


def test_longest_word_wins():
    pattern = re.compile(rf"(?:{alternation(frozenset({'chief', 'chief executive', 'chair', 'chairman'}))})")
    assert [m.group() for m in pattern.finditer("our chief executive and chairman")] == [
        "chief executive",
        "chairman",
    ]


def test_rx_compiles_each_pattern_once():
    assert rx(r"\bgrant\b") is rx(r"\bgrant\b")
    assert rx(r"x", re.IGNORECASE).flags & re.IGNORECASE
