"""Every build is recorded in the data directory and can be found again by id or date."""

import gzip

import pytest
from click.testing import CliRunner

import graph.cli.history  # noqa: F401  (registers kg history and kg diff)
from graph.cli import cli
from graph.exchange.canonical_json import to_json_data
from graph.history.builds import find_build, list_builds, load_build, record_build
from graph.model.assemble import build_graph
from loaders.errors import UsageError
from tests.corpus_factory import write_corpus
from tests.helpers import kg
from tests.records_factory import entity, extraction, make_document, relation


def graph_of(text: str, partner: bool = False):
    doc = make_document("minutes.txt", [("Minutes", text)])
    ents = [entity(doc, "Organisation", "Quillfield Trust"), entity(doc, "Person", "Odile Marsh")]
    rels = []
    if partner:
        ents.append(entity(doc, "Organisation", "Heron Lane Trust"))
        rels.append(
            relation(
                doc,
                "PARTNERED_WITH",
                ("Organisation", "Quillfield Trust"),
                ("Organisation", "Heron Lane Trust"),
                "Quillfield Trust partners with Heron Lane Trust",
            )
        )
    return build_graph([doc], [extraction(doc, ents, rels)]), doc


def meta(doc, built_at):
    return {
        "built_at": built_at,
        "sources": ["notes"],
        "documents": [doc.path],
        "sha256": [doc.sha256],
        "catalogue": None,
    }


FIRST = "Odile Marsh joined Quillfield Trust."
SECOND = "Odile Marsh joined Quillfield Trust. Quillfield Trust partners with Heron Lane Trust."


@pytest.fixture
def two_builds(tmp_path):
    G1, d1 = graph_of(FIRST)
    G2, d2 = graph_of(SECOND, partner=True)
    first = record_build(tmp_path, G1, meta(d1, "2024-02-01T09:30:00+00:00"))
    second = record_build(tmp_path, G2, meta(d2, "2024-03-15T17:00:00+00:00"))
    return tmp_path, first, second, G1, G2


def test_a_build_is_recorded_with_date_hashes_and_counts(two_builds):
    data_dir, first, second, G1, _ = two_builds
    assert first.id.startswith("20240201-093000-")
    assert first.date == "2024-02-01T09:30:00+00:00"
    assert first.documents == (("minutes.txt", graph_of(FIRST)[1].sha256),)
    assert first.nodes == {"Document": 1, "Organisation": 1, "Person": 1}
    assert first.edges == {"MENTIONS": 2}
    assert second.edges == {"MENTIONS": 3, "PARTNERED_WITH": 1}
    assert list_builds(data_dir) == [first, second]
    assert (data_dir / "builds" / "builds.jsonl").read_text(encoding="utf-8").count("\n") == 2


def test_load_build_returns_the_graph_as_exported(two_builds):
    data_dir, first, _, G1, _ = two_builds
    record, data = load_build(data_dir, first.id)
    assert record == first
    assert data == to_json_data(G1)


def test_builds_are_found_by_id_prefix_or_date(two_builds):
    data_dir, first, second, _, _ = two_builds
    assert find_build(data_dir, first.id[:10]) == first  # "20240201-0" is unique
    assert find_build(data_dir, "2024-02-01") == first  # a day includes the whole day
    assert find_build(data_dir, "2024-03-14") == first  # latest on or before
    assert find_build(data_dir, "2024-03-15T17:00:00") == second
    assert find_build(data_dir, "2030-01-01") == second
    with pytest.raises(UsageError, match="no build on or before 2023-12-31"):
        find_build(data_dir, "2023-12-31")
    with pytest.raises(UsageError, match="give a build id or a date"):
        find_build(data_dir, "last-tuesday")
    with pytest.raises(UsageError, match="more than one build"):
        find_build(data_dir, "2024")


def test_recording_is_deterministic_and_idempotent(tmp_path):
    G, doc = graph_of(FIRST)
    a = record_build(tmp_path / "a", G, meta(doc, "2024-02-01T09:30:00Z"))
    b = record_build(tmp_path / "b", graph_of(FIRST)[0], meta(doc, "2024-02-01T09:30:00Z"))
    assert a == b
    assert (tmp_path / "a" / "builds" / a.file).read_bytes() == (tmp_path / "b" / "builds" / b.file).read_bytes()
    record_build(tmp_path / "a", G, meta(doc, "2024-02-01T09:30:00Z"))
    assert len(list_builds(tmp_path / "a")) == 1
    with gzip.open(tmp_path / "a" / "builds" / a.file, "rt", encoding="utf-8") as fh:
        assert '"Quillfield Trust"' in fh.read()


def test_no_history_is_a_clear_usage_error(tmp_path):
    assert list_builds(tmp_path) == []
    with pytest.raises(UsageError, match="run `kg build PATH` first"):
        find_build(tmp_path, "2024-01-01")


def test_cli_history_lists_builds(two_builds):
    data_dir, first, second, _, _ = two_builds
    result = CliRunner().invoke(cli, ["history", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == [first.id, first.date, "1", "3", "2"]
    assert lines[2].split() == [second.id, second.date, "1", "4", "4"]


def test_cli_diff_compares_the_latest_build_with_the_previous_one(two_builds, tmp_path):
    data_dir, first, second, _, _ = two_builds
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "diff"])
    assert result.exit_code == 0, result.output
    assert f"From build {first.id}" in result.output
    assert "## New partners" in result.output
    assert "- **Heron Lane Trust** partnered with **Quillfield Trust**" in result.output
    out = tmp_path / "changes.md"
    result = CliRunner().invoke(cli, ["diff", "--data-dir", str(data_dir), "--since", "2024-03-20", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "No changes." in out.read_text(encoding="utf-8")
    assert f"the one before it is {first.id}" in result.stderr  # and why: it is the latest build


def test_cli_diff_with_one_build_says_there_is_nothing_to_compare(tmp_path):
    G, doc = graph_of(FIRST)
    record_build(tmp_path, G, meta(doc, "2024-02-01T09:30:00Z"))
    result = CliRunner().invoke(cli, ["diff", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "only one build is recorded" in result.output


def test_builds_in_the_same_second_keep_the_order_they_were_recorded_in(tmp_path):
    from graph.history.builds import list_builds, record_build
    from graph.model.assemble import build_graph
    from tests.records_factory import entity, extraction, make_document

    ids = []
    for name in ("Zed Zimmer", "Abe Abbott", "Mo Mills"):  # hashes in no particular order
        doc = make_document("n.txt", [("Note", f"{name} spoke.")])
        G = build_graph([doc], [extraction(doc, [entity(doc, "Person", name)])])
        ids.append(record_build(tmp_path, G, {"built_at": "2030-01-01T10:00:00+00:00"}).id)
    assert [r.id for r in list_builds(tmp_path)] == ids


def test_an_index_line_cut_short_by_a_crash_is_dropped_and_recording_goes_on(two_builds):
    data, first, second, _G1, G2 = two_builds
    index = data / "builds" / "builds.jsonl"
    whole = index.read_text(encoding="utf-8")
    index.write_text(whole + whole.splitlines()[0][:150], encoding="utf-8")  # an append killed half-way
    assert [b.id for b in list_builds(data)] == [first.id, second.id]
    G3, d3 = graph_of(SECOND + " Odile Marsh chairs it.", partner=True)
    third = record_build(data, G3, meta(d3, "2024-04-01T08:00:00+00:00"))
    assert [b.id for b in list_builds(data)] == [first.id, second.id, third.id]
    assert index.read_text(encoding="utf-8").endswith("\n") and not list((data / "builds").glob("*.part"))


def test_a_damaged_index_stops_a_build_before_the_store_changes(data_dir, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    kg(data_dir, "build", "-q", str(corpus))
    before = kg(data_dir, "export", "--format", "json").stdout
    index = data_dir / "builds" / "builds.jsonl"
    index.write_text("not a record\n" + index.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "more.txt").write_text("Notes\n\nOdile Marsh chaired the Quillfield Trust meeting.\n", encoding="utf-8")
    failed = kg(data_dir, "build", "-q", str(corpus), code=1)
    assert "builds.jsonl, line 1, is not a build record" in failed.stderr
    assert kg(data_dir, "export", "--format", "json").stdout == before


@pytest.mark.parametrize("ref", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_a_date_at_the_ends_of_time_is_a_usage_error(two_builds, ref):
    with pytest.raises(UsageError, match="give a build id or a date"):
        find_build(two_builds[0], ref)
