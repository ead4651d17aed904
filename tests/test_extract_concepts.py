"""Concepts, their salience, and the DISCUSSED edges of a meeting, from made-up notes."""

from __future__ import annotations

from tests.records_factory import make_notes

make_doc = make_notes  # the shared builder of made-up note pages


def concepts(extraction):
    return {e.name: dict(e.attrs)["salience"] for e in extraction.entities if e.label == "Concept"}


def test_glossary_terms_in_any_case_or_hyphenation(extractor):
    body = "Members tried participatory budgeting. Others preferred co-production and Systems Thinking."
    found = concepts(extractor.extract(make_doc(("Notes", body))))
    assert {"participatory budgeting", "co-production", "systems thinking"} <= set(found)


def test_quoted_terms_need_a_cue(extractor):
    body = "They called it the ‘kitchen table model’. She felt ‘quite tired’ after the day. The principle of ‘open doors’ matters."
    found = concepts(extractor.extract(make_doc(("Notes", body))))
    assert "kitchen table model" in found and "open doors" in found
    assert "quite tired" not in found


def test_capitalised_idea_names_that_are_not_organisations(extractor):
    body = "The group compared the Fair Rent Compact with the Neighbourhood Pledge initiative."
    found = concepts(extractor.extract(make_doc(("Notes", body))))
    assert "Fair Rent Compact" in found and "Neighbourhood Pledge" in found


def test_recurring_idea_phrases_but_not_one_offs(extractor):
    body = (
        "Kinship budgeting was new to most. Kinship budgeting means families decide. Some tried quiet budgeting once."
    )
    found = concepts(extractor.extract(make_doc(("Notes", body))))
    assert "kinship budgeting" in {k.lower() for k in found}
    assert "quiet budgeting" not in found


def test_title_topic_is_core_and_discussed(extractor):
    doc = make_doc(
        (
            "Open Tables: shared meals",
            "Shared meals build trust, said Helen Okoro. The co-production of menus was mentioned.",
        ),
        ("Open Tables: rural transport", "Our first speaker was Marcus Fenwick."),
        header="Site Header",
    )
    ex = extractor.extract(doc)
    first = {e.name: dict(e.attrs)["salience"] for e in ex.entities if e.label == "Concept" and e.section == 0}
    assert first["shared meals"] == "core"
    assert first["co-production"] == "mention"
    discussed = sorted((r.source.name, r.target.name) for r in ex.relations if r.type == "DISCUSSED")
    assert ("Open Tables: shared meals", "shared meals") in discussed
    assert all(t != "co-production" for _, t in discussed)


def test_concept_variants_in_a_section_are_one_entity(extractor):
    body = "We used the appreciative inquiry approach. Appreciative inquiry helped."
    ex = extractor.extract(make_doc(("Notes", body)))
    names = [e.name for e in ex.entities if e.label == "Concept"]
    assert names == ["appreciative inquiry"]
