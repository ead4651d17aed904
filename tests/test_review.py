"""kg review: what needs a human look, and decisions that survive every later build."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.model.assemble import build_graph
from graph.review.decisions import apply_review
from graph.review.findings import COLUMNS, ReviewRow, read_review, review_rows, write_review
from loaders.catalogue import Catalogue, CatalogueEdge, CatalogueEntity, load_catalogue, save_catalogue
from loaders.errors import UsageError
from tests.corpus_factory import write_corpus
from tests.helpers import kg
from tests.records_factory import entity, extraction, make_document, relation

# -- made-up records ---------------------------------------------------------------------

TEXT = (
    "Oakridge Trust works in partnership with Fenwick Arts. Oakridge Trust funded Fenwick Arts. "
    "Bramble Lane Cell 4 met. Bramble Lane Cell 5 met. Kite Club joined. Fenwick Housing hosted it."
)
VISIT = "Volunteers from Fenwick came too. The Kite Club met."


def small_graph(catalogue: Catalogue | None = None):
    doc = make_document("news.txt", [("News", TEXT)])
    visit = make_document("visit.txt", [("Visit", VISIT)])
    ents = [
        entity(doc, "Organisation", "Oakridge Trust"),
        entity(doc, "Organisation", "Fenwick Arts"),
        entity(doc, "Cell", "Bramble Lane Cell 4"),
        entity(doc, "Cell", "Bramble Lane Cell 5"),
        entity(doc, "Organisation", "Kite Club"),
        entity(doc, "Organisation", "Fenwick Housing"),
    ]
    rels = [
        relation(
            doc,
            "PARTNERED_WITH",
            ("Organisation", "Oakridge Trust"),
            ("Organisation", "Fenwick Arts"),
            "Oakridge Trust works in partnership with Fenwick Arts",
            confidence=0.5,
        ),
        relation(
            doc,
            "FUNDED",
            ("Organisation", "Oakridge Trust"),
            ("Organisation", "Fenwick Arts"),
            "Oakridge Trust funded Fenwick Arts",
            confidence=0.9,
        ),
    ]
    extractions = [
        extraction(doc, ents, rels),
        extraction(visit, [entity(visit, "Organisation", "Fenwick"), entity(visit, "Cell", "Kite Club")]),
    ]
    return build_graph([doc, visit], extractions, catalogue)


def test_review_lists_low_confidence_edges_first_with_their_evidence():
    rows = review_rows(small_graph())
    first = rows[0]
    assert first.kind == "low-confidence edge"
    assert first.edge_type == "PARTNERED_WITH"
    assert first.evidence == "Oakridge Trust works in partnership with Fenwick Arts"
    assert first.document == "news.txt"
    assert "FUNDED" not in {r.edge_type for r in rows}  # confident facts need no look


def test_review_pairs_a_short_name_with_its_fuller_forms_but_not_numbered_siblings():
    rows = [r for r in review_rows(small_graph()) if r.kind == "near-duplicate names"]
    assert [(r.name, r.other) for r in rows] == [("Fenwick", "Fenwick Arts"), ("Fenwick", "Fenwick Housing")]


def test_a_short_form_two_longer_names_fit_is_listed_with_both():
    [row] = [r for r in review_rows(small_graph()) if r.kind == "ambiguous short form"]
    assert row.name == "Fenwick" and "'Fenwick Arts' or 'Fenwick Housing'" in row.what
    assert row.evidence == "Volunteers from Fenwick came too."


def test_a_name_found_under_two_labels_is_an_uncertain_label_for_each():
    rows = [r for r in review_rows(small_graph()) if r.kind == "uncertain label"]
    assert [(r.label, r.name) for r in rows] == [("Cell", "Kite Club"), ("Organisation", "Kite Club")]
    assert "also found as Organisation" in rows[0].what


def test_entity_rows_quote_a_fact_that_shows_the_name_in_context():
    once = {r.name: r for r in review_rows(small_graph()) if r.kind == "seen once"}
    assert once["Oakridge Trust"].evidence == "Oakridge Trust funded Fenwick Arts"
    # No fact: the sentence that uses the name, never the bare name.
    assert once["Fenwick"].evidence == "Volunteers from Fenwick came too." and once["Fenwick"].document == "visit.txt"


def test_review_is_deterministic_and_respects_limit():
    assert review_rows(small_graph()) == review_rows(small_graph())
    assert len(review_rows(small_graph(), limit=2)) == 2


def test_review_csv_round_trips_through_a_spreadsheet_style_file(tmp_path):
    rows = review_rows(small_graph())
    buf = io.StringIO()
    write_review(rows, buf)
    path = tmp_path / "review.csv"
    path.write_text(buf.getvalue(), encoding="utf-8-sig")  # spreadsheets add a byte-order mark
    assert next(csv.reader(io.StringIO(buf.getvalue()))) == list(COLUMNS)
    assert read_review(path) == rows


@pytest.mark.parametrize("name", ["=x", "'=x", "''=x", "'''+1", "'plain", "''", "'"])
def test_text_that_already_starts_with_apostrophes_reads_back_exactly(tmp_path, name):
    rows = [ReviewRow(kind="seen once", what="a name", evidence="a quote", label="Organisation", name=name)]
    buf = io.StringIO()
    write_review(rows, buf)
    path = tmp_path / "review.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert read_review(path) == rows


def test_review_csv_keeps_formula_like_text_inert_and_reads_it_back_exactly(tmp_path):
    name, quote = '=HYPERLINK("x")', "-1 said @everyone"
    rows = [ReviewRow(kind="seen once", what=f"'{name}'", evidence=quote, label="Organisation", name=name)]
    buf = io.StringIO()
    write_review(rows, buf)
    cells = list(csv.DictReader(io.StringIO(buf.getvalue())))[0]
    # a spreadsheet opening the file shows text, not a formula it runs
    assert cells["name"] == "'" + name and cells["evidence"] == "'" + quote
    path = tmp_path / "review.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert read_review(path) == rows
    # and a spreadsheet that saved those cells without their apostrophe reads back the same
    saved = io.StringIO()
    writer = csv.DictWriter(saved, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow({**cells, "name": name, "evidence": quote})
    path.write_text(saved.getvalue(), encoding="utf-8")
    assert read_review(path) == rows


def test_a_file_that_is_not_a_review_is_a_usage_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(UsageError, match="lacks the column"):
        read_review(path)


# -- decisions -> catalogue ----------------------------------------------------------------


def row(**kw) -> ReviewRow:
    return ReviewRow(kind=kw.pop("kind", "seen once"), what="", **kw)


def test_each_decision_becomes_the_catalogue_entry_that_keeps_it():
    hand = Catalogue(entities=(CatalogueEntity("Organisation", "Oakridge Trust", ("Oakridge",)),), ignore=("Read On",))
    rows = [
        row(
            kind="low-confidence edge",
            decision="reject",
            edge_type="PARTNERED_WITH",
            source_label="Organisation",
            source_name="Oakridge Trust",
            target_label="Organisation",
            target_name="Fenwick Arts",
        ),
        row(
            kind="low-confidence edge",
            decision="Accept",
            edge_type="FUNDED",
            source_label="Organisation",
            source_name="Oakridge Trust",
            target_label="Organisation",
            target_name="Fenwick Arts",
            evidence="funded",
        ),
        row(
            kind="near-duplicate names",
            decision="merge into",
            label="Organisation",
            name="Oakridge T",
            other="x",
            value="Oakridge Trust",
        ),
        row(kind="near-duplicate names", decision="merge", label="Organisation", name="Fenwick", other="Fenwick Arts"),
        row(decision="rename", label="Person", name="Jo Pell", value="Joanna Pell"),
        row(decision="relabel", label="Cell", name="Kite Club", value="Organisation"),
        row(decision="reject", label="Concept", name="Home Page"),
        row(decision="", label="Person", name="Untouched Person"),
    ]
    result = apply_review(rows, hand)
    cat = result.catalogue
    ents = {(e.label, e.name): e.aliases for e in cat.entities}
    assert ents[("Organisation", "Oakridge Trust")] == ("Oakridge", "Oakridge T")  # hand entry kept, alias added
    assert ents[("Organisation", "Fenwick Arts")] == ("Fenwick",)
    assert ents[("Person", "Joanna Pell")] == ("Jo Pell",)
    assert ents[("Organisation", "Kite Club")] == ()
    assert ("Person", "Untouched Person") not in ents
    assert cat.ignore == ("Read On", "Home Page")
    assert [(e.type, e.source[1], e.target[1]) for e in cat.reject] == [
        ("PARTNERED_WITH", "Oakridge Trust", "Fenwick Arts")
    ]
    assert [(e.type, e.note) for e in cat.edges] == [("FUNDED", "Accepted in review: \u201cfunded\u201d")]
    assert result.changes == (
        "rejected edge PARTNERED_WITH Oakridge Trust -> Fenwick Arts",
        "curated edge FUNDED Oakridge Trust -> Fenwick Arts",
        "alias 'Oakridge T' of Organisation 'Oakridge Trust'",
        "entity Organisation 'Fenwick Arts'",
        "alias 'Fenwick' of Organisation 'Fenwick Arts'",
        "entity Person 'Joanna Pell'",
        "alias 'Jo Pell' of Person 'Joanna Pell'",
        "entity Organisation 'Kite Club'",
        "ignore 'Home Page'",
    )
    # Applying the same decisions again adds nothing.
    assert apply_review(rows, cat).changes == ()


def test_renaming_an_entity_already_in_the_catalogue_keeps_the_old_name_as_alias():
    cat = Catalogue(entities=(CatalogueEntity("Person", "Jo Pell", ("J. Pell",)),))
    out = apply_review([row(decision="rename", label="Person", name="J. Pell", value="Joanna Pell")], cat).catalogue
    assert out.entities == (CatalogueEntity("Person", "Joanna Pell", ("J. Pell", "Jo Pell")),)


@pytest.mark.parametrize(
    "bad, fragment",
    [
        (row(decision="maybe", label="Person", name="A B"), "row 3: decision 'maybe' is not one of"),
        (row(decision="rename", label="Person", name="A B"), "row 3: 'rename' needs a value"),
        (row(decision="relabel", label="Person", name="A B", value="Animal"), "'Animal' is not a label"),
        (row(kind="low-confidence edge", decision="rename", edge_type="FUNDED", value="x"), "accept or reject"),
    ],
)
def test_a_bad_decision_names_its_row_and_changes_nothing(bad, fragment):
    good = row(decision="reject", label="Concept", name="Home Page")
    with pytest.raises(UsageError, match=fragment):
        apply_review([good, bad], Catalogue())


def test_saved_catalogue_reads_back_equal_and_stays_readable(tmp_path):
    cat = Catalogue(
        entities=(
            CatalogueEntity("Organisation", "Oakridge Trust", ("Oakridge",)),
            CatalogueEntity("Place", "Lowmoor"),
        ),
        ignore=("Read On",),
        edges=(
            CatalogueEdge(
                "FUNDED",
                ("Organisation", "Oakridge Trust"),
                ("Organisation", "Fenwick Arts"),
                "Checked",
                (("status", "ended"),),
            ),
        ),
        reject=(
            CatalogueEdge(
                "PARTNERED_WITH",
                ("Organisation", "Oakridge Trust"),
                ("Organisation", "Fenwick Arts"),
                "Rejected in review",
            ),
        ),
    )
    path = save_catalogue(cat, tmp_path / "catalogue.yaml")
    text = path.read_text()
    assert text.index("entities:") < text.index("ignore:") < text.index("edges:") < text.index("reject:")
    # One key per line, as a person would write it; only aliases and edge ends sit on one line.
    assert "- label: Place\n  name: Lowmoor\n" in text and "aliases: [Oakridge]" in text
    assert "source: {label: Organisation, name: Oakridge Trust}" in text
    assert load_catalogue(path) == Catalogue(
        **{**{f: getattr(cat, f) for f in ("entities", "ignore", "edges", "reject")}, "path": str(path)}
    )
    assert save_catalogue(load_catalogue(path), tmp_path / "again.yaml").read_text() == text


# -- the build honours the catalogue -------------------------------------------------------


def test_a_rejected_edge_is_not_built_and_an_accepted_one_is_curated():
    reject = CatalogueEdge("PARTNERED_WITH", ("Organisation", "Fenwick Arts"), ("Organisation", "Oakridge Trust"))
    accept = CatalogueEdge(
        "FUNDED", ("Organisation", "Oakridge Trust"), ("Organisation", "Fenwick Arts"), "Accepted in review"
    )
    G = small_graph(Catalogue(edges=(accept,), reject=(reject,)))
    types = {d["type"]: d for _s, _t, d in G.edges(data=True)}
    assert "PARTNERED_WITH" not in types  # rejected, whichever way round the user wrote it
    assert types["FUNDED"]["curated"] is True
    assert "low-confidence edge" not in {r.kind for r in review_rows(G)}


# -- end to end: build, review, decide, apply, rebuild ---------------------------------------

POND = """# Pondside Trust news

Pondside Trust supports gardeners in Lowbridge. We are proud of our volunteers.

The garden project is now run in partnership with Lowfield Rotary Club.

Volunteers from Northgate Housing helped to dig the beds. Northgate Housing Partnership lent the tools.
"""


def nodes_by_name(data_dir: Path) -> dict[str, dict]:
    data = json.loads(kg(data_dir, "export", "--format", "json").stdout)
    return {n["name"]: n for n in data["nodes"] if n["label"] != "Document"}, data["edges"]


def test_decisions_applied_from_the_csv_survive_a_rebuild(data_dir, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "pond.md").write_text(POND, encoding="utf-8")
    kg(data_dir, "build", str(corpus), "-q")
    review_csv = tmp_path / "review.csv"
    kg(data_dir, "review", "-o", str(review_csv))
    assert review_csv.read_bytes().startswith(b"\xef\xbb\xbf")  # for Excel
    with review_csv.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))

    def mark(pred, decision, value=""):
        hits = [r for r in rows if pred(r)]
        assert hits, f"no review row for {decision}"
        hits[0].update(decision=decision, value=value)

    mark(
        lambda r: r["edge_type"] == "PARTNERED_WITH" and "Lowfield Rotary Club" in (r["source_name"], r["target_name"]),
        "reject",
    )
    # Two longer names fit "Northgate Housing", so kg left it apart and asks.
    assert any(r["kind"] == "ambiguous short form" and r["name"] == "Northgate Housing" for r in rows)
    mark(
        lambda r: (
            r["kind"] == "near-duplicate names"
            and r["name"] == "Northgate Housing"
            and r["other"] == "Northgate Housing Trust"
        ),
        "merge into",
    )
    mark(
        lambda r: r["kind"] == "uncertain label" and r["name"] == "Kestrel Fund" and r["label"] == "Cell",
        "relabel",
        "Organisation",
    )
    mark(lambda r: r["kind"] == "seen once" and r["name"] == "Marta Quinn", "rename", "Marta Quinn-Ellis")
    with review_csv.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text("ignore:\n  - Cookie settings\n", encoding="utf-8")  # a hand-written entry
    out = kg(data_dir, "review", "--apply", str(review_csv), "--catalogue", str(catalogue)).output
    assert "rejected edge PARTNERED_WITH" in out and "alias 'Northgate Housing'" in out

    # The catalogue comes from the environment on rebuild, as a user would set it once.
    kg(data_dir, "build", str(corpus), "-q", env={"KG_CATALOGUE": str(catalogue)})
    nodes, edges = nodes_by_name(data_dir)
    partners = {(e["source"], e["target"]) for e in edges if e["type"] == "PARTNERED_WITH"}
    assert not any("lowfield" in s + t for s, t in partners)
    assert "Lowfield Rotary Club" in nodes  # the organisation stays; only the fact went
    assert "Northgate Housing" not in nodes and "Northgate Housing" in nodes["Northgate Housing Trust"]["aliases"]
    assert nodes["Kestrel Fund"]["label"] == "Organisation"
    assert not any(n["label"] == "Cell" and n["name"] == "Kestrel Fund" for n in nodes.values())
    assert "Marta Quinn" not in nodes and "Marta Quinn" in nodes["Marta Quinn-Ellis"]["aliases"]
    assert load_catalogue(catalogue).ignore == ("Cookie settings",)

    # A second review no longer asks about what was decided.
    again = kg(data_dir, "review").stdout
    assert "Lowfield Rotary Club PARTNERED_WITH" not in again
    assert "Northgate Housing," not in again


def test_apply_with_a_bad_row_exits_2_and_leaves_the_catalogue_alone(tmp_path):
    review_csv = tmp_path / "review.csv"
    with review_csv.open("w", encoding="utf-8", newline="") as fh:
        write_review(
            [
                row(decision="reject", label="Concept", name="Home Page"),
                row(decision="merge into", label="Person", name="Jo Pell"),
            ],
            fh,
        )
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text("ignore: [Read On]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", "--apply", str(review_csv), "--catalogue", str(catalogue)])
    assert result.exit_code == 2
    assert "row 3: 'merge into' needs a value" in result.output
    assert catalogue.read_text(encoding="utf-8") == "ignore: [Read On]\n"


def test_apply_without_decisions_says_so_and_writes_nothing(tmp_path):
    review_csv = tmp_path / "review.csv"
    with review_csv.open("w", encoding="utf-8", newline="") as fh:
        write_review([row(label="Concept", name="Home Page")], fh)
    result = CliRunner().invoke(cli, ["review", "--apply", str(review_csv), "--catalogue", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and "No decisions to apply" in result.output
    assert not (tmp_path / "c.yaml").exists()


def test_an_entity_without_a_name_is_reviewed_under_its_id():
    # kg cypher --write can make one; the review sheet still comes out, naming it by its id
    G = small_graph()
    del G.nodes["organisation:kite-club"]["name"]
    rows = review_rows(G)
    assert any(r.ids == "organisation:kite-club" and r.name == "organisation:kite-club" for r in rows)


def test_one_name_merged_into_two_entities_is_refused_naming_both_rows():
    rows = [
        row(decision="merge into", label="Concept", name="asset-based", other="asset-based approach"),
        row(decision="merge into", label="Concept", name="asset-based", other="asset-based narratives"),
    ]
    with pytest.raises(
        UsageError,
        match=r"row 3 merges Concept 'asset-based' into 'asset-based narratives', "
        r"but row 2 merges it into 'asset-based approach'",
    ):
        apply_review(rows)


def test_merging_a_name_that_was_another_entrys_alias_moves_only_that_alias():
    before = Catalogue(entities=(CatalogueEntity("Organisation", "Lankmoor Trust", ("Lankmoor", "LT")),))
    result = apply_review(
        [row(decision="merge into", label="Organisation", name="Lankmoor", value="Lankmoor Foundation")], before
    )
    entities = {e.name: set(e.aliases) for e in result.catalogue.entities}
    assert entities == {"Lankmoor Trust": {"LT"}, "Lankmoor Foundation": {"Lankmoor"}}


def test_applying_a_sheet_again_says_its_decisions_are_already_in(tmp_path):
    review_csv, catalogue = tmp_path / "review.csv", tmp_path / "c.yaml"
    with review_csv.open("w", encoding="utf-8", newline="") as fh:
        write_review([row(decision="reject", label="Concept", name="Home Page")], fh)
    args = ["review", "--apply", str(review_csv), "--catalogue", str(catalogue)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    written = catalogue.read_text(encoding="utf-8")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0 and "All 1 decision(s)" in again.output and "already in" in again.output
    assert catalogue.read_text(encoding="utf-8") == written


def test_a_merge_into_a_name_the_graph_does_not_hold_is_refused_with_suggestions(data_dir, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    kg(data_dir, "build", str(corpus), "-q")
    sheet, catalogue = tmp_path / "review.csv", tmp_path / "catalogue.yaml"
    for target, code in (("Northgate Housing Trst", 2), ("northgate housing trust", 0)):
        with sheet.open("w", encoding="utf-8", newline="") as fh:
            write_review([row(decision="merge into", label="Organisation", name="Northgate Housing", value=target)], fh)
        result = kg(data_dir, "review", "--apply", str(sheet), "--catalogue", str(catalogue), code=code)
        if code:
            # a misspelt target would become a new entity taking in the real one
            assert "no Organisation has that name" in result.output
            assert "Did you mean: Northgate Housing Trust" in result.output
            assert not catalogue.exists()
    assert "Northgate Housing" in catalogue.read_text(encoding="utf-8")


# -- #20: meetings, sentences, merges into themselves, relabels that drop facts --------------


def test_a_meeting_is_not_listed_as_seen_once():
    doc = make_document("notes.txt", [("Note", "The Willow Cell 2 meeting was held online. Ada Brennick spoke.")])
    G = build_graph(
        [doc], [extraction(doc, [entity(doc, "Meeting", "Willow Cell 2"), entity(doc, "Person", "Ada Brennick")])]
    )
    once = [r.name for r in review_rows(G) if r.kind == "seen once"]
    assert "Willow Cell 2" not in once and "Ada Brennick" in once


def test_every_entity_row_quotes_a_sentence_not_the_bare_name():
    rows = [r for r in review_rows(small_graph()) if r.kind != "low-confidence edge"]
    assert rows
    for r in rows:
        assert r.evidence and r.evidence != r.name and " " in r.evidence, r


def test_a_merge_into_the_same_entity_is_refused():
    with pytest.raises(UsageError, match="same entity"):
        apply_review([row(decision="merge into", label="Organisation", name="Fenwick Arts", value="fenwick arts")])
    known = {("Organisation", "fenwick arts"): "Fenwick Arts", ("Organisation", "fenwick"): "Fenwick Arts"}
    with pytest.raises(
        UsageError, match="row 2 merges Organisation 'Fenwick' into 'Fenwick Arts', which is the same entity"
    ):
        apply_review(
            [row(decision="merge into", label="Organisation", name="Fenwick", value="Fenwick Arts")], known=known
        )


def relabel_graph(catalogue: Catalogue | None = None):
    doc = make_document("club.txt", [("Club", "Ada Brennick leads Kite Club. Ada Brennick is a member of Kite Club.")])
    ents = [entity(doc, "Cell", "Kite Club"), entity(doc, "Person", "Ada Brennick")]
    rels = [
        relation(doc, "LEADS", ("Person", "Ada Brennick"), ("Cell", "Kite Club"), "Ada Brennick leads Kite Club"),
        relation(
            doc, "MEMBER_OF", ("Person", "Ada Brennick"), ("Cell", "Kite Club"), "Ada Brennick is a member of Kite Club"
        ),
    ]
    return build_graph([doc], [extraction(doc, ents, rels)], catalogue)


def test_relabel_lists_the_facts_it_drops_and_the_rebuild_keeps_the_rest():
    G = relabel_graph()
    result = apply_review([row(decision="relabel", label="Cell", name="Kite Club", value="Organisation")], graph=G)
    assert any("LEADS from Ada Brennick does not fit an Organisation" in c for c in result.changes), result.changes
    assert not any("MEMBER_OF" in c for c in result.changes)
    rebuilt = relabel_graph(result.catalogue)
    kite = rebuilt.nodes["organisation:kite-club"]
    assert kite["label"] == "Organisation" and "cell:kite-club" not in rebuilt
    kept = sorted(d["type"] for _, t, d in rebuilt.in_edges("organisation:kite-club", data=True))
    assert kept == ["MEMBER_OF", "MENTIONS"]


def test_a_fact_quoted_by_the_bare_name_gives_way_to_a_sentence():
    doc = make_document("notes.txt", [("Willow Cell 2", "We talked about deep listening at length today.")])
    ents = [entity(doc, "Meeting", "Willow Cell 2"), entity(doc, "Concept", "deep listening")]
    rels = [relation(doc, "DISCUSSED", ("Meeting", "Willow Cell 2"), ("Concept", "deep listening"), "deep listening")]
    [row_] = [r for r in review_rows(build_graph([doc], [extraction(doc, ents, rels)])) if r.name == "deep listening"]
    assert row_.evidence == "We talked about deep listening at length today."
