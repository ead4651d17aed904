"""End to end through the command line: real loaders, real spaCy, the real embedded store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus_factory import NOTES, write_corpus
from tests.helpers import kg, short_data_dir


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus")


def exported(data_dir: Path) -> dict:
    return json.loads(kg(data_dir, "export", "--format", "json").stdout)


def test_build_reports_what_it_read_and_made(data_dir, corpus):
    out = kg(data_dir, "build", "-q", str(corpus)).output
    assert "Built the graph from 4 documents" in out
    assert "Person" in out and "SPOKE_AT" in out
    stats = kg(data_dir, "stats").output
    assert str(corpus) in stats
    assert "Person" in stats and "Organisation" in stats and "MENTIONS" in stats


def test_build_shows_each_stage_of_its_work(data_dir, corpus):
    # Without a terminal, each stage's bar is its label on a line, in the order the work runs.
    stages = [line.strip() for line in kg(data_dir, "build", str(corpus)).stderr.splitlines()]
    assert stages == ["Extracting facts", "Making the graph", "Saving history", "Writing graph"]


def test_writing_is_reported_from_its_start_to_every_row_written(data_dir, corpus):
    from graph.builder.run import build
    from graph.stores import open_store

    calls = []
    with open_store(None, data_dir) as store:
        report = build([corpus], store, data_dir=data_dir, progress=lambda *call: calls.append(call))
    writing = [(done, total) for stage, done, total in calls if stage == "writing"]
    rows = sum(report.nodes.values()) + sum(report.edges.values()) + 1  # and the build record
    assert writing[0] == (0, rows) and writing[-1] == (rows, rows)
    assert [stage for stage, _, _ in calls if stage != "writing"][-1] == "recording"  # writing comes last


def test_every_edge_carries_verbatim_evidence(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    graph = exported(data_dir)
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    assert graph["edges"]
    for edge in graph["edges"]:
        assert edge["evidence"], edge
        for ev in edge["evidence"]:
            assert ev["quote"] and ev["document"]
            if ev["document"] in texts:  # plain text: offsets point into the file itself
                assert texts[ev["document"]][ev["start"] : ev["end"]] == ev["quote"]


def test_build_twice_gives_identical_export(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    first = kg(data_dir, "export", "--format", "json").stdout
    kg(data_dir, "build", "-q", str(corpus))
    assert kg(data_dir, "export", "--format", "json").stdout == first


def test_export_writes_a_file(data_dir, corpus, tmp_path):
    kg(data_dir, "build", "-q", str(corpus))
    target = tmp_path / "g.json"
    kg(data_dir, "export", "--format", "json", "-o", str(target))
    graph = json.loads(target.read_text())
    labels = {n["label"] for n in graph["nodes"]}
    assert {"Person", "Organisation", "Meeting", "Document"} <= labels
    assert all({"id", "label", "name", "aliases"} <= set(n) for n in graph["nodes"])


def test_broken_files_are_reported_and_the_rest_builds(data_dir, corpus):
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (corpus / "image.txt").write_bytes(bytes(range(256)) * 4)
    result = kg(data_dir, "build", "-q", str(corpus))
    assert "Built the graph from 4 documents" in result.output
    assert "scan.pdf" in result.stderr and "image.txt" in result.stderr
    names = {n["name"] for n in exported(data_dir)["nodes"]}
    assert "Tomasz Kowalczyk" in names


def test_a_strict_build_with_unreadable_files_keeps_the_previous_graph(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    before = kg(data_dir, "export", "--format", "json").stdout
    history = kg(data_dir, "history").stdout
    (corpus / "copy.txt").write_bytes(next(corpus.glob("*.txt")).read_bytes())  # a repeat is no loss
    (corpus / "more.txt").write_text("More notes\n\nPell Wexford spoke at the Harbour Forum.\n", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = kg(data_dir, "build", "-q", "--strict", str(corpus), code=1)
    assert "scan.pdf" in result.output and "the previous one stays" in result.output
    assert "copy.txt" not in result.output
    assert kg(data_dir, "export", "--format", "json").stdout == before  # nothing of more.txt
    assert kg(data_dir, "history").stdout == history
    (corpus / "scan.pdf").unlink()
    kg(data_dir, "build", "-q", "--strict", str(corpus))  # only the repeat is skipped: it builds
    assert kg(data_dir, "export", "--format", "json").stdout != before


@pytest.mark.slow  # about half a minute
def test_a_50_mb_text_builds_with_the_rest(data_dir, corpus):
    # One file of notes with no headings, longer than spaCy takes in one text (a million
    # characters): kg reads it in pieces, and a fact at its very end is found and traceable.
    line = "members talked about the weather and the late trains for a while, then about the rota.\n"
    closing = "\nThe last speaker was Ingrid Salvesen, Director of the Fallowfield Trust.\n"
    with open(corpus / "long notes.txt", "w", encoding="utf-8") as fh:
        fh.write("Long notes\n\n" + line * (50 * 2**20 // len(line)) + closing)
    result = kg(data_dir, "build", "-q", str(corpus))
    assert "Built the graph from 5 documents" in result.output
    text = (corpus / "long notes.txt").read_text(encoding="utf-8")
    assert len(text) > 50 * 2**20
    roles = [
        ev
        for edge in exported(data_dir)["edges"]
        if edge["type"] == "ROLE_AT"
        for ev in edge["evidence"]
        if ev["document"] == "long notes.txt"
    ]
    assert roles and all(text[ev["start"] : ev["end"]] == ev["quote"] for ev in roles)
    assert any("Ingrid Salvesen" in ev["quote"] and ev["start"] > len(text) - len(closing) for ev in roles)


def test_a_file_too_large_to_read_is_reported_and_the_rest_builds(data_dir, corpus):
    with open(corpus / "export dump.txt", "wb") as fh:
        fh.truncate(2**30)  # sparse: a gigabyte of nothing, on no disk
    result = kg(data_dir, "build", "-q", str(corpus))
    assert "Built the graph from 4 documents" in result.output
    assert "export dump.txt: larger than kg reads (128 MB); split it into smaller files" in result.stderr


def test_a_file_name_that_is_not_utf8_builds_and_is_named_with_escapes(data_dir, corpus):
    # Linux file names are bytes; one saved by an old Latin-1 system is not valid UTF-8.
    raw = os.path.join(os.fsencode(corpus), b"caf\xe9 minutes.txt")
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write("Minutes\n\nOlek Varga, Director of Tidewater Arts, opened the meeting.\n")
    result = kg(data_dir, "build", "-q", str(corpus))
    assert "Built the graph from 5 documents" in result.output
    documents = {ev["document"] for e in exported(data_dir)["edges"] for ev in e["evidence"]}
    assert "caf\\xe9 minutes.txt" in documents
    # named on its own, it is read, and a second naming of the same file is reported by that name
    result = kg(data_dir, "build", "-q", str(corpus), os.fsdecode(raw))
    assert "caf\\xe9 minutes.txt: same file as" in result.stderr


def test_show_finds_an_entity_by_alias_case_insensitively(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    out = kg(data_dir, "show", "tomasz").output
    assert "Tomasz Kowalczyk" in out and "(Person" in out
    assert "Northgate Housing Trust" in out
    assert "CEO" in out
    assert "forum-notes.txt" in out  # the evidence names its document


def test_show_unknown_name_suggests_close_names(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    result = kg(data_dir, "show", "Tomas Kowalczik", code=2)
    assert "Tomasz Kowalczyk" in result.output


def test_commands_before_any_build_say_what_to_do(data_dir):
    result = kg(data_dir, "stats", code=1)
    assert "kg build" in result.output


def test_nothing_readable_keeps_the_previous_graph(data_dir, corpus, tmp_path):
    kg(data_dir, "build", "-q", str(corpus))
    before = kg(data_dir, "export").stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("")
    result = kg(data_dir, "build", "-q", str(empty), code=2)
    assert "no readable documents" in result.output
    assert kg(data_dir, "export").stdout == before


def _big_corpus(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for i in range(copies):
        text = NOTES.replace("Harbour Cell", f"Harbour Cell {i} session").replace(
            "Priya Raman", f"Priya Raman{chr(65 + i % 26)}"
        )
        (folder / f"notes-{i:03d}.txt").write_text(text * 3, encoding="utf-8")
    return folder


@pytest.mark.slow  # builds 150 files in another process until it is killed
@pytest.mark.parametrize("stage", ["Extracting", "Writing"])
def test_killed_build_leaves_the_previous_graph(data_dir, corpus, tmp_path, stage):
    kg(data_dir, "build", "-q", str(corpus))
    before = kg(data_dir, "export").stdout
    big = _big_corpus(tmp_path / "big", 150)
    env = {**os.environ, "KG_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "build", str(big)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = ""
    deadline = time.monotonic() + 120
    while stage not in seen and proc.poll() is None and time.monotonic() < deadline:
        seen += proc.stderr.read(1)
    assert stage in seen, f"the build never reached {stage}: {seen}"
    # The label shows once the stage is under way (for writing: after its first batch).
    assert proc.poll() is None, "the build finished before it could be killed; make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # The next command recovers the server the killed build left behind and sees the old graph.
    assert kg(data_dir, "export").stdout == before
    kg(data_dir, "build", "-q", str(corpus))
    assert kg(data_dir, "export").stdout == before


def test_rebuild_after_one_change_reextracts_only_that_file(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    notes = corpus / "forum-notes.txt"
    notes.write_text(notes.read_text().replace("Helen Achebe", "Helen Okonjo"), encoding="utf-8")
    out = kg(data_dir, "build", "-q", str(corpus)).output
    assert "Extracted 1 new or changed document(s); 3 unchanged" in out
    incremental = kg(data_dir, "export").stdout
    kg(data_dir, "build", "-q", "--full", str(corpus))
    assert kg(data_dir, "export").stdout == incremental
    names = {n["name"] for n in json.loads(incremental)["nodes"]}
    assert "Helen Okonjo" in names and "Helen Achebe" not in names


def test_a_deleted_files_facts_disappear(data_dir, corpus):
    kg(data_dir, "build", "-q", str(corpus))
    assert "Ivy Marsh" in {n["name"] for n in exported(data_dir)["nodes"]}
    (corpus / "review.docx").unlink()
    result = kg(data_dir, "build", "-q", str(corpus))
    assert "No longer found since the last build: 1 file (review.docx)" in result.stdout
    again = kg(data_dir, "build", "-q", str(corpus))
    assert "No longer found" not in again.stdout  # said once, against the build before
    graph = exported(data_dir)
    assert "Ivy Marsh" not in {n["name"] for n in graph["nodes"]}
    assert all(ev["document"] != "review.docx" for e in graph["edges"] for ev in e["evidence"])


def test_a_renamed_file_is_not_gone_and_a_folder_typed_another_way_is_the_same_corpus(data_dir, corpus, monkeypatch):
    kg(data_dir, "build", "-q", str(corpus))
    (corpus / "forum-notes.txt").rename(corpus / "forum notes, March.txt")
    (corpus / "review.docx").unlink()
    # the same folder, named relative to where the build runs this time
    monkeypatch.chdir(corpus.parent)
    result = kg(data_dir, "build", "-q", corpus.name)
    assert "No longer found since the last build: 1 file (review.docx)" in result.stdout


def test_a_data_dir_inside_the_corpus_is_not_read_and_other_files_are_counted(corpus):
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (corpus / "budget.xlsx").write_bytes(b"PK\x03\x04")
    inside = corpus / "kg-data"
    kg(inside, "build", "-q", str(corpus))
    result = kg(inside, "build", "-q", str(corpus))  # the second build finds the first one's files
    assert "Built the graph from 4 documents" in result.output
    assert "Ignored 2 file(s) of types kg does not read (1 .png, 1 .xlsx)" in result.output
    assert "kg-data" not in result.output.replace(str(inside), "")
    assert "Skipped" not in result.output


def test_a_file_that_fails_in_an_unforeseen_way_is_reported_and_the_rest_builds(data_dir, corpus, monkeypatch):
    # A bug of kg's own while reading one file (the kind the ſeptember date was) must cost that
    # file alone: it is reported by path, asking for a report, and the rest builds.
    import graph.builder.workers
    from loaders import load_file

    def failing(path, *, display_path=None):
        if path.name == "meadow.html":
            raise KeyError("a bug")
        return load_file(path, display_path=display_path)

    monkeypatch.setattr(graph.builder.workers, "load_file", failing)
    result = kg(data_dir, "build", str(corpus), "--jobs", "1")
    assert "meadow.html: could not be read (KeyError: 'a bug'); please report this" in result.stderr
    assert "Built the graph from" in result.stdout


def test_files_of_one_name_in_two_folders_are_kept_apart(data_dir, tmp_path):
    from graph.builder.discovery import display_paths

    east, west = tmp_path / "east", tmp_path / "west"
    for folder, who in ((east, "Odile Marsh"), (west, "Tomas Reyes")):
        (folder / "notes").mkdir(parents=True)
        (folder / "notes" / "minutes.txt").write_text(
            f"Minutes\n\n{who} chaired the Alder Trust meeting.\n", encoding="utf-8"
        )
    (east / "other.txt").write_text("Other\n\nNothing to see.\n", encoding="utf-8")
    files = [east / "notes" / "minutes.txt", west / "notes" / "minutes.txt", east / "other.txt"]
    assert display_paths(files, [east, west]) == {
        files[0]: "east/notes/minutes.txt",
        files[1]: "west/notes/minutes.txt",
        files[2]: "other.txt",
    }
    kg(data_dir, "build", "-q", str(east), str(west))
    paths = {n.get("path") for n in exported(data_dir)["nodes"] if n["label"] == "Document"}
    assert {"east/notes/minutes.txt", "west/notes/minutes.txt", "other.txt"} <= paths


def test_two_builds_sharing_a_data_folder_are_refused_whatever_their_store(data_dir, corpus):
    # The graph goes to another embedded folder (as it would to a Neo4j server); the cache and
    # history in the data folder are still one build's at a time.
    from graph.stores.locks import held_or_refused

    with short_data_dir() as other:
        data_dir.mkdir(parents=True)
        with held_or_refused(data_dir / "data.lock", "held by the test"):
            refused = kg(data_dir, "--store", f"embedded:{other}", "build", "-q", str(corpus), code=1)
        assert refused.stderr.startswith(f"Error: another kg build is using {data_dir}")
        kg(data_dir, "--store", f"embedded:{other}", "build", "-q", str(corpus))  # free again


def test_a_meeting_named_only_by_a_files_own_title_builds(data_dir, tmp_path):
    # The HTML <title> names the meeting, the text never does: the meeting has no quote of its
    # own, but the build goes on and the speaker's fact keeps its quote.
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>Spring Gathering 2031</title></head><body>"
        "<p>Mira Quell, chair of Fernbank Trust, spoke about housing.</p></body></html>",
        encoding="utf-8",
    )
    kg(data_dir, "build", "-q", str(folder))
    graph = exported(data_dir)
    spoke = [e for e in graph["edges"] if e["type"] == "SPOKE_AT"]
    assert [(e["source"], e["target"]) for e in spoke] == [("person:mira-quell", "meeting:spring-gathering-2031")]
    assert all(ev["quote"] for e in graph["edges"] for ev in e["evidence"])  # every fact keeps its quote


def test_a_folder_named_for_the_build_and_not_there_stops_it_before_anything_changes(data_dir, corpus, tmp_path):
    kg(data_dir, "build", "-q", str(corpus))
    before = kg(data_dir, "export", "--format", "json").stdout
    result = kg(data_dir, "build", "-q", str(corpus), str(tmp_path / "board-paprs"), code=2)
    assert "no such file or folder" in result.output and "board-paprs" in result.output
    assert kg(data_dir, "export", "--format", "json").stdout == before
    assert len(kg(data_dir, "history").stdout.strip().splitlines()) == 2  # a header and the one build
