"""Every row of the relation rules file: its examples give its edge, its counter-examples stay silent.

The examples use made-up names; each row states its phrasing in more than one wording where
the frame allows, and adding a phrasing is a row (or a trigger word) in
``loaders/data/relation_rules.yaml``.
"""

from __future__ import annotations

import pytest

from loaders.document import Document, Section, content_id
from loaders.extract import patterns
from loaders.extract.roles import shapes
from loaders.extract.rules import load_rules

RULES = load_rules()

EXAMPLES = [(r, e) for r in RULES for e in r.examples]
COUNTERS = [(r, c) for r in RULES for c in r.counter]


def _document(text: str, title: str) -> Document:
    body = f"{title}\n\n{text}"
    doc_id, sha = content_id(body.encode("utf-8"))
    return Document(doc_id, "example.txt", "txt", title, None, body, (Section(0, title, 0, len(body), body),), sha)


@pytest.fixture
def fired(monkeypatch):
    """The rule ids each relation came from, as the rules found them (before duplicates go)."""
    seen: list = []
    real = patterns.apply_rules

    def spy(facts, clause):
        found = real(facts, clause)
        seen.extend(found)
        return found

    monkeypatch.setattr("loaders.extract.relations.apply_rules", spy)
    return seen


def test_every_row_is_complete():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    for r in RULES:
        assert r.examples, f"{r.id} has no example"
        assert r.relation in (
            "FUNDED",
            "PARTNERED_WITH",
            "MEMBER_OF",
            "AUTHORED",
            "LOCATED_IN",
            "SPOKE_AT",
            "CHAIRED",
            "ROLE_AT",
            "LEADS",
            "PART_OF",
            "DISCUSSED",
            "ATTENDED",
        )
        assert 0 < r.confidence <= 1
        if r.frame == "role":
            assert r.opt("shape") in shapes()
        elif r.frame == "address":
            pass  # run on every sentence that holds a postcode
        else:
            assert r.triggers, f"{r.id} has no trigger"


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r.id}:{e.text[:40]}" for r, e in EXAMPLES])
def test_rule_examples_give_their_edge(extractor, fired, rule, example):
    context = example.context
    doc = _document((context + " " if context else "") + example.text, example.title or "Notes")
    extraction = extractor.extract(doc)
    edges = {(r.type, r.source.name, r.target.name) for r in extraction.relations}
    want = (rule.relation, *example.edge)
    if rule.relation == "PARTNERED_WITH":
        assert want in edges or (rule.relation, example.edge[1], example.edge[0]) in edges, edges
    else:
        assert want in edges, edges
    by_rule = [f for f in fired if f.rule == rule.id and {f.source[1], f.target[1]} == set(example.edge)]
    assert by_rule, f"{rule.id} did not fire on its own example"
    for key, value in example.attrs:
        assert (key, value) in by_rule[0].attrs, by_rule[0].attrs


@pytest.mark.parametrize(("rule", "text"), COUNTERS, ids=[f"{r.id}:{c[:40]}" for r, c in COUNTERS])
def test_rule_counter_examples_stay_silent(extractor, rule, text):
    extraction = extractor.extract(_document(text, "Notes"))
    assert not [r for r in extraction.relations if r.type == rule.relation], extraction.relations
