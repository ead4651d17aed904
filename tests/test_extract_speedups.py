"""The faster helpers behind extraction give the same answers as the plain ways they replace."""

from __future__ import annotations

import re
from functools import cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.pipeline import build_nlp, sentence_offsets, set_sentence_starts

TEXTS = [
    "",
    "Hello",
    "Mira Quell spoke first. Then Tomas Wren chaired the session!",
    'Was it useful? Yes... "Very," said Ana. (See the notes.) Next steps follow.',
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
@given(
    st.lists(
        st.sampled_from(["Ana", "met", "Tom", ".", "?", "!", ",", '"', ")", "(", "...", " ", "\n", "\n\n", "。", "-"]),
        max_size=30,
    )
)
def test_sentence_starts_match_on_generated_texts(parts):
    text = " ".join(parts)
    assert _our_starts(text) == _spacy_starts(text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ana", "met", "Tom", ".", "?", "!", ",", '"', ")", "(", "...", " ", "  ", "\n", "\n\n", "-"]),
        max_size=30,
    )
)
def test_sentence_offsets_are_those_of_the_sentences_spacy_makes(parts):
    text = " ".join(parts)
    for doc in (set_sentence_starts(_blank().make_doc(text)), _sentencizer()(text)):
        assert sentence_offsets(doc) == [(s.start_char, s.end_char) for s in doc.sents]


def test_every_sentence_final_character_is_a_punctuation_token():
    # set_sentence_starts looks for sentence-final tokens among punctuation tokens only
    from spacy.pipeline.sentencizer import Sentencizer

    for char in Sentencizer.default_punct_chars:
        assert [t.is_punct for t in _blank().make_doc(f"a {char} b")] == [False, True, False], char


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


def _spellings_by_comparing_all(names: list[str]) -> dict[str, str]:
    """The plain way: every spelling against every spelling kept so far, in preference order."""
    from collections import Counter

    from rapidfuzz import fuzz

    from loaders.names import normalise

    counts = Counter(names)
    forms = sorted(counts, key=lambda n: (-counts[n], "-" not in n, -len(n), n))
    canon: dict[str, str] = {}
    for form in forms:
        squashed = normalise(form).replace(" ", "")
        for best in forms:
            if best in canon.values() and best.split()[0] == form.split()[0]:
                other = normalise(best).replace(" ", "")
                if other == squashed or fuzz.ratio(other, squashed) >= 90:
                    canon[form] = best
                    break
        else:
            canon[form] = form
    return canon


_GIVEN = st.sampled_from(["Jo", "Ana", "Tomas", "Mira", "Jo-Ann"])
_FAMILY = st.sampled_from(["Bloggs", "Bloggs-Smith", "Bloggs Smith", "Blogs", "Quell", "Quel", "Wren", "Wrenn"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_GIVEN, _FAMILY).map(" ".join), max_size=30))
def test_preferred_spellings_compare_only_within_a_given_name_and_agree_with_all_pairs(names):
    from loaders.extract.classify import _person_spellings

    assert _person_spellings(names) == _spellings_by_comparing_all(names)


def _people_by_comparing_all(names: list[str]) -> dict[int, str]:
    """The plain way of resolve_section for people: every name against every cluster."""
    from collections import Counter

    from rapidfuzz import fuzz

    from loaders.names import normalise

    def squash(name: str) -> str:
        return normalise(name).replace(" ", "")

    canon: dict[int, str] = {}
    clusters: list[list[int]] = []
    for i in (i for i, n in enumerate(names) if " " in n):
        for cluster in clusters:
            other = names[cluster[0]]
            if squash(names[i]) == squash(other) or (
                names[i].split()[0] == other.split()[0] and fuzz.ratio(squash(names[i]), squash(other)) >= 88
            ):
                cluster.append(i)
                break
        else:
            clusters.append([i])
    for cluster in clusters:
        forms = Counter(names[i] for i in cluster)
        best = max(forms, key=lambda f: (forms[f], "-" in f, len(f), f))
        for i in cluster:
            canon[i] = best
    for i, name in enumerate(names):
        if i in canon:
            continue
        word = normalise(name)
        targets = []
        for cluster in clusters:
            parts = normalise(canon[cluster[0]]).split()
            if word in (parts[0], parts[-1]) or word == "".join(parts[1:]):
                targets.append(cluster)
        same = len(targets) == 1 or targets and len({canon[c[0]] for c in targets}) == 1
        if same:
            canon[i] = canon[targets[0][0]]
        elif targets:  # ambiguous: the person named last before it, else the one named first after
            earlier = [c for c in targets if any(j < i for j in c)]
            if earlier:
                chosen = max(earlier, key=lambda c: max(j for j in c if j < i))
            else:
                chosen = min(targets, key=min)
            canon[i] = canon[chosen[0]]
        else:
            canon[i] = name
    spelling: dict[str, str] = {}
    for i in sorted(canon):
        current = spelling.get(normalise(canon[i]))
        if current is None or (canon[i][:1].isupper() and not current[:1].isupper()):
            spelling[normalise(canon[i])] = canon[i]
    return {i: spelling[normalise(name)] for i, name in canon.items()}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.tuples(_GIVEN, _FAMILY).map(" ".join), _GIVEN, _FAMILY), max_size=30))
def test_people_in_a_section_are_grouped_as_by_comparing_every_pair(names):
    from loaders.extract.mentions import Mention
    from loaders.extract.resolve_local import resolve_section

    mentions = [Mention("Person", n, 10 * i, 10 * i + len(n), "test", 0.9) for i, n in enumerate(names)]
    canon, _ = resolve_section(mentions, " " * (10 * len(names) + 20))
    assert canon == _people_by_comparing_all(names)


# -- words, glossary terms and cued patterns ------------------------------------------------------

# The word pattern as first written: one character at a time, a joiner only before a letter.
_PLAIN_WORD = re.compile(r"[^\W_](?:[\w&]|[-'’.&](?=[^\W_]))*")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab9É_&-'’. \n,é", max_size=40))
def test_words_are_the_ones_the_plain_word_pattern_finds(text):
    from loaders.extract.spans import WORD_RE

    assert [m.span() for m in WORD_RE.finditer(text)] == [m.span() for m in _PLAIN_WORD.finditer(text)]


def _glossary_terms() -> list[str]:
    from importlib import resources

    text = resources.files("loaders").joinpath("data", "concepts.txt").read_text(encoding="utf-8")
    return sorted({ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_glossary_terms()).flatmap(
                lambda t: st.sampled_from([t, t.upper(), t.title(), t.replace(" ", "-"), t + "s", t.upper() + "S"])
            ),
            st.sampled_from([" ", "\n", "-", "x", "İ", "ß", "The ", ", ", "s"]),
        ),
        max_size=12,
    )
)
def test_glossary_terms_are_found_in_any_case_as_by_ignoring_case(parts):
    from loaders.extract.concepts import _glossary, glossary_spans

    text = "".join(parts)
    ignoring_case = _glossary()[1]
    assert glossary_spans(text) == [m.span() for m in ignoring_case.finditer(text)]


def _one_line_patterns():
    from loaders.extract import concepts, phrase_names
    from loaders.extract.lexicon import Cued

    found = {
        f"{module.__name__}.{name}": v
        for module in (concepts, phrase_names)
        for name, v in vars(module).items()
        if isinstance(v, Cued) and v.one_line
    }
    assert len(found) >= 9  # the section-wide phrase rules
    return found


_CUED_WORDS = sorted(
    {cue.strip() for cued in _one_line_patterns().values() for cue in cued.cues}
    | {
        "the",
        "our",
        "we",
        "have",
        "a",
        "an",
        "of",
        "for",
        "called",
        "Scottish",
        "new",
        "local",
        "Alder",
        "Trust",
        "Friends",
        "Hollybank",
        "Open",
        "Doors",
        "Housing",
        "and",
        "Work",
        "strengths",
        "production",
    }
)


_GAPS = [" "] * 6 + ["", "\n", ", ", ". ", " (", ") ", " ‘", "’ "]

# One line per rule that its pattern matches, so that the generated texts below are not all misses.
_MATCHED_LINES = [
    "we heard from the Open Doors Working Group about housing",
    "a publication called Work and Housing",
    "they published ‘Open Doors’",
    "Open Doors, a new report on housing",
    "we have established a local housing group",
    "three strands (Housing, Work)",
    "Friends of Hollybank, a local charity",
    "the Scottish Government",
    "a strengths-based way of working",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CUED_WORDS + _MATCHED_LINES), st.sampled_from(_GAPS)), max_size=16))
def test_one_line_cued_patterns_find_what_a_search_of_the_whole_text_finds(parts):
    text = "".join(word + gap for word, gap in parts)
    for name, cued in _one_line_patterns().items():
        got = [(m.span(), m.groups()) for m in cued.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in cued.pattern.finditer(text)], name


def test_every_one_line_cued_pattern_matches_one_of_the_lines_above():
    text = "\n".join(_MATCHED_LINES)
    for name, cued in _one_line_patterns().items():
        assert list(cued.finditer(text)), name


def test_one_line_cued_pattern_reads_each_line_with_its_neighbours_in_view():
    from loaders.extract.lexicon import Cued

    cued = Cued(r"(?<!x)\bcell\b", ("cell",), one_line=True)
    text = "xcell\nx\ncell one\ncell"
    assert [m.span() for m in cued.finditer(text)] == [m.span() for m in cued.pattern.finditer(text)]
    assert [m.start() for m in cued.finditer(text)] == [8, 17]
