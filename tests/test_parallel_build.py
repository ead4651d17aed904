"""Building with several processes gives exactly the graph, report and progress of a serial build.

Starting worker processes (each loads spaCy) takes seconds, so these tests are in the slow tier.
"""

from __future__ import annotations

import shutil

import pytest

from graph.builder.run import build_graph_from_paths
from tests.corpus_factory import progress_per_file, write_corpus
from tests.helpers import kg

EXTRA = """Note from Lantern Cell {n}

The meeting on {day} May 2022 was chaired by Esi Carrow, Director of Beacon Advice Centre.

Our speaker was Jonah Pell{n} from Kestrel Youth Project. Jonah said that Kestrel Youth Project
is funded by the Alder Community Fund and works in partnership with Beacon Advice Centre.
"""


@pytest.fixture
def data_root(data_dir):
    """A folder for several data dirs, with paths short enough for the server's socket."""
    return data_dir.parent


@pytest.fixture
def corpus(tmp_path):
    folder = write_corpus(tmp_path / "corpus")
    for n in range(1, 7):
        (folder / f"lantern-{n}.txt").write_text(EXTRA.format(n=n, day=n + 2), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_parallel_build_exports_the_same_bytes_as_a_serial_one(data_root, corpus):
    kg(data_root / "serial", "build", "-q", "--jobs", "1", str(corpus))
    kg(data_root / "pool", "build", "-q", "--jobs", "2", str(corpus))
    serial = kg(data_root / "serial", "export", "--format", "json").stdout
    assert '"Jonah Pell3"' in serial
    assert kg(data_root / "pool", "export", "--format", "json").stdout == serial
    # A rebuild from the extraction cache, again by two processes, changes nothing either.
    out = kg(data_root / "pool", "build", "-q", "--jobs", "2", str(corpus)).output
    assert "10 unchanged, from the cache" in out
    assert kg(data_root / "pool", "export", "--format", "json").stdout == serial
    # --full extracts everything again (workers hand their extractions over through the cache,
    # which a full build does not otherwise read): still the same graph.
    out = kg(data_root / "pool", "build", "-q", "--full", "--jobs", "2", str(corpus)).output
    assert "from the cache" not in out
    assert kg(data_root / "pool", "export", "--format", "json").stdout == serial


@pytest.mark.slow
def test_files_that_cannot_be_used_are_reported_by_path_as_in_a_serial_build(data_root, corpus):
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (corpus / "image.txt").write_bytes(bytes(range(256)) * 4)
    shutil.copy(corpus / "forum-notes.txt", corpus / "zz-copy.txt")

    serial = kg(data_root / "serial", "build", "-q", "--jobs", "1", str(corpus))
    pool = kg(data_root / "pool", "build", "-q", "--jobs", "2", str(corpus))

    assert "Built the graph from 10 documents" in pool.output
    assert "scan.pdf" in pool.stderr and "image.txt" in pool.stderr
    assert "zz-copy.txt: same content as forum-notes.txt" in pool.stderr
    assert pool.stderr == serial.stderr


@pytest.mark.slow
def test_progress_counts_every_file_once_and_in_order(corpus):
    calls = []
    build_graph_from_paths([corpus], jobs=2, progress=lambda stage, done, total: calls.append((stage, done, total)))

    # counted in bytes: each file's once it is done, in the order the files were found
    expected = progress_per_file(corpus)
    assert len(expected) == 10
    assert [c for c in calls if c[0] == "extracting"] == expected
    # then making the graph, in percent, without going back
    building = [done for stage, done, total in calls if stage == "building" and total == 100]
    assert [c[0] for c in calls] == ["extracting"] * 10 + ["building"] * len(building)
    assert building == sorted(set(building)) and building[0] == 0 and building[-1] == 100


@pytest.mark.slow
def test_one_long_file_moves_the_progress_while_it_is_extracted(tmp_path):
    # A year of notes in one file takes minutes: the bar must not sit still until it is done.
    note = "Mirela Dunsford of Harrowgate Advice spoke about the food bank rota.\n\n"
    path = tmp_path / "year.txt"
    path.write_text(note * 5000, encoding="utf-8")  # 350,000 characters: read in four pieces
    calls = []
    build_graph_from_paths([path], progress=lambda stage, done, total: calls.append((stage, done, total)))

    size = path.stat().st_size
    extracting = [done for stage, done, total in calls if stage == "extracting" and total == size]
    assert len(extracting) == len([c for c in calls if c[0] == "extracting"])  # one total throughout
    assert extracting == sorted(extracting) and extracting[-1] == size
    assert len({done for done in extracting if 0 < done < size}) >= 4  # moved while the file was read


def test_jobs_must_be_a_positive_number(data_root, corpus):
    result = kg(data_root / "d", "build", "--jobs", "0", str(corpus), code=2)
    assert "--jobs" in result.output
