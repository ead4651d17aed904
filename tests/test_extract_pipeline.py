"""The extraction pipeline itself: model loading, determinism, ordering, robustness."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from loaders.document import Document, Section
from loaders.errors import ExtractionError
from loaders.extract import make_extractor

BODY = (
    "The first speaker was Helen Okoro, CEO of Harbourside Housing Trust in Leeds. "
    "Helen said the Northgate Foundation funds Lantern Network. Marcus Fenwick facilitated the discussion."
)


def make_doc(title: str, body: str, path: str = "notes.txt") -> Document:
    text = f"{title}\n\n{body}\n"
    return Document(
        f"doc:{abs(hash(path)) % 10**8}",
        path,
        "txt",
        title,
        None,
        text,
        (Section(0, title, 0, len(text), text),),
        "0" * 64,
    )


def test_missing_model_is_an_error_that_says_what_to_do():
    with pytest.raises(ExtractionError, match=r"spaCy model 'xx_no_such_model' is not installed; install it with pip"):
        make_extractor("xx_no_such_model")


def test_blank_pipeline_has_sentences_at_line_breaks(extractor):
    doc = extractor.nlp("A heading without a stop\nThen a sentence. And another")
    assert [s.text.strip() for s in doc.sents] == [
        "A heading without a stop",
        "Then a sentence.",
        "And another",
    ]


def test_extraction_is_deterministic(extractor):
    doc = make_doc("Note from a Harbour Roundtable", BODY)
    first, second = extractor.extract(doc), make_extractor().extract(doc)
    assert first == second
    assert first.entities == tuple(sorted(first.entities, key=lambda e: (e.section, e.label, e.name)))


def test_extract_many_keeps_input_order(extractor):
    docs = [make_doc("Note from a Harbour Roundtable", BODY, path=f"n{i}.txt") for i in range(3)]
    out = list(extractor.extract_many(docs))
    assert [x.document_path for x in out] == ["n0.txt", "n1.txt", "n2.txt"]
    assert [(e.label, e.name) for e in out[0].entities] == [(e.label, e.name) for e in out[2].entities]
    assert out[0] == extractor.extract(docs[0])


def test_every_edge_type_but_mentions_can_be_produced_by_labels_used(extractor):
    ex = extractor.extract(make_doc("Note from a Harbour Roundtable", BODY))
    assert {e.label for e in ex.entities} >= {"Person", "Organisation", "Meeting", "Place"}
    assert {r.type for r in ex.relations} >= {"SPOKE_AT", "CHAIRED", "ROLE_AT", "FUNDED", "LOCATED_IN"}
    assert all(r.type != "MENTIONS" for r in ex.relations)


_WORDS = st.sampled_from(
    [
        "the",
        "Trust",
        "Helen",
        "Okoro",
        "of",
        "CEO",
        "speaker",
        "was",
        ",",
        ".",
        "(",
        ")",
        "’s",
        "Leeds",
        "funded",
        "by",
        "and",
        "Cell",
        "2",
        "CYA",
        "\n",
        "‘",
        "’",
        "Dr",
        "MP",
        "—",
        "in",
        "Marcus",
        "Fenwick",
    ]
)


# Words that give a person, an organisation and a fact between them, so the property below is
# checked on quotes at least once (see the test after it).
_QUOTED = ["The", "speaker", "was", "Helen", "Okoro", ",", "CEO", "of", "Lantern", "Network", "."]


def _evidence(extractor, words):
    doc = make_doc("Note from Test Cell 1", " ".join(words))
    ex = extractor.extract(doc)
    return doc, [m for e in ex.entities for m in e.mentions] + [r.evidence for r in ex.relations]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, min_size=1, max_size=60))
@example(_QUOTED)
def test_any_text_gives_exact_quotes(extractor, words):
    doc, evidence = _evidence(extractor, words)
    event("quotes checked" if evidence else "nothing found")
    for ev in evidence:
        assert doc.text[ev.start : ev.end] == ev.quote
        assert 0.0 <= ev.confidence <= 1.0


def test_the_explicit_example_above_has_quotes_to_check(extractor):
    _, evidence = _evidence(extractor, _QUOTED)
    assert len(evidence) >= 3


def test_a_long_section_is_extracted_whole(extractor):
    # Its speed (it once grew with the square of the length) is measured in bench/, not here.
    paragraph = (
        BODY
        + " Priya Hartley from Lantern Network said the Kestrel Institute in Leeds partnered with Oakfield Trust.\n"
    )
    small, large = make_doc("Notes", paragraph * 20), make_doc("Notes", paragraph * 400)
    extractor.extract(small)
    ex = extractor.extract(large)
    assert {e.name for e in ex.entities if e.label == "Person"} >= {
        "Helen Okoro",
        "Priya Hartley",
        "Marcus Fenwick",
    }


def test_a_section_longer_than_spacys_limit_is_read_whole_in_pieces(extractor):
    # spaCy refuses a text over a million characters; a file of unbroken notes must still build,
    # with facts from its end as traceable as those from its start.
    filler = "Members talked about the weather and the late trains for a while.\n\n" * 16_000
    closing = "The last speaker was Tomas Birchall, Director of the Kestrel Institute."
    doc = make_doc("Note from the Riverside Panel meeting", BODY + "\n\n" + filler + closing)
    assert len(doc.text) > 1_000_000
    ex = extractor.extract(doc)
    people = {e.name for e in ex.entities if e.label == "Person"}
    assert {"Helen Okoro", "Tomas Birchall"} <= people
    spoke = {(r.source.name, r.target.name) for r in ex.relations if r.type == "SPOKE_AT"}
    assert {("Helen Okoro", "Riverside Panel meeting"), ("Tomas Birchall", "Riverside Panel meeting")} <= spoke
    assert ("Tomas Birchall", "Kestrel Institute") in {
        (r.source.name, r.target.name) for r in ex.relations if r.type == "ROLE_AT"
    }
    meetings = [e for e in ex.entities if e.label == "Meeting"]
    assert {e.name for e in meetings} == {"Riverside Panel meeting"}
    evidence = [m for e in ex.entities for m in e.mentions] + [r.evidence for r in ex.relations]
    assert all(doc.text[ev.start : ev.end] == ev.quote for ev in evidence)
    assert max(ev.start for ev in evidence) > 1_000_000


def test_a_path_that_is_not_a_model_is_an_error(tmp_path):
    with pytest.raises(ExtractionError, match="could not be loaded"):
        make_extractor(str(tmp_path))


def test_catalogue_patterns_are_phrase_patterns_with_canonical_ids():
    from loaders.catalogue import Catalogue, CatalogueEntity
    from loaders.extract.pipeline import catalogue_patterns

    cat = Catalogue(entities=(CatalogueEntity("Cell", "Open Spaces", ("OS cell",)),))
    assert catalogue_patterns(cat) == [
        {"label": "Cell", "pattern": "OS cell", "id": "Open Spaces"},
        {"label": "Cell", "pattern": "Open Spaces", "id": "Open Spaces"},
    ]
    assert catalogue_patterns(None) == []
