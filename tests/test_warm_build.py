"""Rebuilds from the extraction cache: the same graph as a fresh build, with nothing re-read that
did not change; and the build's history joins only builds the store took."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from graph.builder.run import build_graph_from_paths
from graph.exchange.canonical_json import to_json
from graph.history.builds import list_builds, prepare_build
from graph.stores.graph_rows import iter_store_rows, to_store_rows
from tests.corpus_factory import progress_per_file, write_corpus

EXTRA = """Note from Saltmarsh Cell

The meeting on 4 June 2023 was chaired by Wren Ashdown, Director of Tidewater Advice.
Our speaker was Corin Vale from Pebblebrook Youth Project.
"""


def build(corpus, cache, **kwargs):
    return build_graph_from_paths([corpus], cache_dir=cache, **kwargs)


def test_a_warm_build_makes_the_graph_of_a_fresh_one_without_extracting(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")  # text, markdown, html and docx
    fresh = build(corpus, tmp_path / "cache")
    warm = build(corpus, tmp_path / "cache")

    assert fresh.extracted == len(fresh.documents) and warm.extracted == 0
    assert warm.documents == fresh.documents  # titles, dates and sections come back as loaded
    assert to_json(warm.graph) == to_json(fresh.graph)


@pytest.mark.slow  # two worker processes, each loading spaCy
def test_only_changed_files_are_extracted_and_the_graph_is_a_fresh_builds(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    for n in range(3):
        (corpus / f"saltmarsh-{n}.txt").write_text(EXTRA.replace("Corin Vale", f"Corin Vale{n}"), encoding="utf-8")
    build(corpus, tmp_path / "cache", jobs=2)
    for n in (0, 2):  # two changed files: two processes extract them, meanwhile the rest is read here
        (corpus / f"saltmarsh-{n}.txt").write_text(EXTRA.replace("Corin Vale", f"Corin Valemont{n}"), encoding="utf-8")
    calls = []

    warm = build(corpus, tmp_path / "cache", jobs=2, progress=lambda *call: calls.append(call))

    assert warm.extracted == 2
    extracting = [c for c in calls if c[0] == "extracting"]
    expected = progress_per_file(corpus)  # progress counts bytes
    assert len(expected) == 7
    assert extracting == expected  # every file, once, in order
    assert to_json(warm.graph) == to_json(build(corpus, None).graph)


def test_a_damaged_cache_entry_is_extracted_again(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    fresh = build(corpus, tmp_path / "cache")
    entries = sorted((tmp_path / "cache").glob("*.json"))
    entries[0].write_text('{"document": ["cut sho', encoding="utf-8")

    again = build(corpus, tmp_path / "cache")

    assert again.extracted == 1
    assert to_json(again.graph) == to_json(fresh.graph)
    assert build(corpus, tmp_path / "cache").extracted == 0  # and the entry is whole again


def test_a_copy_is_reported_on_every_build_and_extracted_once(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    shutil.copy(corpus / "forum-notes.txt", corpus / "zz-copy.txt")
    first = build(corpus, tmp_path / "cache")
    second = build(corpus, tmp_path / "cache")

    for made in (first, second):
        assert [(s.path.endswith("zz-copy.txt"), s.reason) for s in made.skipped] == [
            (True, "same content as forum-notes.txt")
        ]
    assert second.extracted == 0


def test_consumed_store_rows_are_the_rows_and_take_the_edges(tmp_path):
    graph = build(write_corpus(tmp_path / "corpus"), None).graph
    expected = to_store_rows(graph, {"note": "x"})

    nodes, edges = iter_store_rows(graph, {"note": "x"}, consume=True)

    assert (list(nodes), list(edges)) == expected
    assert graph.number_of_edges() == 0 and graph.number_of_nodes() == len(expected[0]) - 1


def test_a_prepared_build_joins_the_history_only_when_committed(tmp_path):
    graph = build(write_corpus(tmp_path / "corpus"), None).graph
    meta = {"built_at": "2024-05-02T10:00:00+00:00"}

    prepare_build(tmp_path / "data", graph, meta).discard()
    assert list_builds(tmp_path / "data") == []
    assert not list((tmp_path / "data" / "builds").iterdir())

    record = prepare_build(tmp_path / "data", graph, meta).commit()
    assert list_builds(tmp_path / "data") == [record]


def test_an_export_left_aside_by_a_killed_build_is_removed(tmp_path):
    graph = build(write_corpus(tmp_path / "corpus"), None).graph
    folder = tmp_path / "data" / "builds"
    folder.mkdir(parents=True)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    orphan = folder / f".recording-{gone.stdout.strip()}-0.part"
    orphan.write_bytes(b"half an export")
    ours = folder / f".recording-{os.getpid()}-999.part"
    ours.write_bytes(b"a build still under way")

    prepare_build(tmp_path / "data", graph, {"built_at": "2024-05-02T10:00:00+00:00"}).commit()

    assert not orphan.exists() and ours.exists()
