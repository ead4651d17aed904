"""The benchmarks' synthetic corpus: reproducible, and as dense as it claims to be."""

from __future__ import annotations

import random

from bench.synth import discussion, synthetic_corpus, write_corpus
from loaders import load_file


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def test_the_same_seed_writes_the_same_corpus(tmp_path):
    # Benchmarks reuse a corpus written by an earlier run: it must be the one this run would write.
    write_corpus(tmp_path / "a", 0.05)
    write_corpus(tmp_path / "b", 0.05)
    write_corpus(tmp_path / "c", 0.05, seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_discussion_prose_names_no_one(tmp_path, extractor):
    text = "Notes\n\n" + discussion(random.Random(5), 3000)
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    found = extractor.extract(load_file(tmp_path / "talk.txt"))
    named = [e for e in found.entities if e.label in {"Person", "Organisation", "Cell", "Place", "Publication"}]
    assert named == []
    assert len(text.split()) >= 3000


def _per_1000_words(folder, extractor) -> float:
    docs = [load_file(p) for p in sorted(folder.glob("*.txt"))]
    entities = sum(len(extractor.extract(d).entities) for d in docs)
    return 1000 * entities / sum(len(d.text.split()) for d in docs)


def test_realistic_notes_name_far_fewer_entities_per_word_than_dense_ones(tmp_path, extractor):
    write_corpus(tmp_path / "real", 0.1)
    write_corpus(tmp_path / "dense", 0.1, dense=True)
    realistic, dense = _per_1000_words(tmp_path / "real", extractor), _per_1000_words(tmp_path / "dense", extractor)
    # the example corpus's real documents have about 13 per 1000 words
    assert 8 <= realistic <= 20
    assert dense >= 3 * realistic


def test_a_corpus_from_another_version_of_the_generator_is_written_again(tmp_path):
    corpus, data = synthetic_corpus(tmp_path, 0.02)
    written = _files(corpus)
    (data / "graph.rdb").parent.mkdir(parents=True)
    (data / "graph.rdb").write_bytes(b"a graph of this corpus")
    (corpus / "doc-00000.txt").write_text("left by hand", encoding="utf-8")
    assert synthetic_corpus(tmp_path, 0.02) == (corpus, data)
    assert (corpus / "doc-00000.txt").read_text(encoding="utf-8") == "left by hand"  # reused as it is
    assert (data / "graph.rdb").exists()

    (corpus / ".synth").write_text("version 1, scale 0.02, dense False\n", encoding="utf-8")
    synthetic_corpus(tmp_path, 0.02)
    assert _files(corpus) == written
    assert not data.exists()  # its graph was of the old text
    dense, _ = synthetic_corpus(tmp_path, 0.02, dense=True)
    assert dense != corpus and _files(dense) != written
