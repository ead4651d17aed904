"""The faster helpers behind extraction give the same answers as the plain ways they replace."""

from __future__ import annotations

import re
from functools import cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.pipeline import build_nlp, set_sentence_starts

TEXTS = [
    "",
    "Hello",
    "Mira Quell spoke first. Then Tomas Wren chaired the session!",
    "Was it useful? Yes... \"Very,\" said Ana. (See the notes.) Next steps follow.",
    ". A leading stop. And a trailing one.",
    "Agenda\nWelcome from the chair\n\n  • Budget review\n• Next meeting. Close",
    "Line one\n",
    "Ends with a break.\n\nNew paragraph?! Yes.",
]


@cache
def _blank():
    return spacy.blank("en")


@cache
def _sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _spacy_starts(text: str) -> list[bool]:
    """Sentence starts by spaCy's own sentencizer, then a start after every line break."""
    doc = _sentencizer()(text)
    starts = [t.is_sent_start for t in doc]
    for t in doc[:-1]:
        if t.is_space and "\n" in t.text:
            starts[t.i + 1] = True
    return starts


def _our_starts(text: str) -> list[bool]:
    doc = set_sentence_starts(_blank().make_doc(text))
    return [t.is_sent_start for t in doc]


def test_sentence_starts_match_spacy_sentencizer_plus_line_breaks():
    for text in TEXTS:
        assert _our_starts(text) == _spacy_starts(text), text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Ana", "met", "Tom", ".", "?", "!", ",", '"', ")", "(", "...", " ", "\n", "\n\n", "。", "-"]), max_size=30))
def test_sentence_starts_match_on_generated_texts(parts):
    text = " ".join(parts)
    assert _our_starts(text) == _spacy_starts(text)


def test_blank_pipeline_splits_headings_and_sentences():
    doc = build_nlp()("Board Meeting\nJo Vance opened it. Sam Ode took notes.")
    assert [s.text for s in doc.sents] == ["Board Meeting\n", "Jo Vance opened it.", "Sam Ode took notes."]


def test_rx_with_fills_the_word_alternation_once():
    from loaders.extract.lexicon import alternation, rx_with

    roles = alternation(frozenset({"chair", "chief executive", "trustee"}))
    pattern = rx_with(r"\b(?:{words}) (?:of|at) $", roles, re.IGNORECASE)
    assert pattern is rx_with(r"\b(?:{words}) (?:of|at) $", roles, re.IGNORECASE)
    assert pattern.search("Lena Oduya, Chief Executive of ")
    assert not pattern.search("Lena Oduya, a volunteer of ")


_ROLES = frozenset({"chair", "co-chair", "chief executive", "director", "trustee"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Alder Trust", "’s", "'s", " ", ", ", "\n", "CHAIR", "Co-Chair", "chief", "executive", "our", "x", "Director", "trustee"]), max_size=12))
def test_role_gate_never_hides_a_title_before_a_name(parts):
    from loaders.extract.lexicon import alternation, rx_with
    from loaders.extract.relations import _ends_with_role

    role = alternation(_ROLES)
    before = "".join(parts)[-80:]
    full = rx_with(r"(?:[’']s)? (?P<title>(?:[\w-]+ )?(?i:{words})),? $", role).search(before)
    if full:
        assert _ends_with_role(before, role, max(map(len, _ROLES)))
