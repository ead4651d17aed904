"""The extraction cache returns exactly what was stored, and only for the same inputs."""

from graph.builder.cache import ExtractionCache, extractor_fingerprint
from graph.model.usage import document_usage
from loaders.catalogue import Catalogue, CatalogueEntity
from tests.records_factory import entity, extraction, make_document, relation


def cached(cache: ExtractionCache, doc):
    """The extraction ``cache`` holds for ``doc``, or None."""
    loaded = cache.load(cache.key(doc))
    return None if loaded is None else loaded[1]


def sample():
    doc = make_document("n.txt", [("Note", "Ada Brown, CEO of Riverside Trust, spoke.")])
    x = extraction(
        doc,
        [entity(doc, "Person", "Ada Brown", aliases=("Ada",)), entity(doc, "Organisation", "Riverside Trust")],
        [
            relation(
                doc,
                "ROLE_AT",
                ("Person", "Ada Brown"),
                ("Organisation", "Riverside Trust"),
                "Ada Brown, CEO of Riverside Trust",
                attrs=(("title", "CEO"),),
            )
        ],
    )
    return doc, x


def put(cache: ExtractionCache, doc, x) -> None:
    cache.put(doc, x, document_usage(doc, x))


def test_round_trip_gives_an_equal_extraction_and_usage(tmp_path):
    doc, x = sample()
    put(ExtractionCache(tmp_path, "f1"), doc, x)
    assert cached(ExtractionCache(tmp_path, "f1"), doc) == x
    assert ExtractionCache(tmp_path, "f1").load(ExtractionCache(tmp_path, "f1").key(doc))[2] == document_usage(doc, x)


def test_an_entry_without_usage_evidence_is_extracted_again(tmp_path):
    import json

    doc, x = sample()
    cache = ExtractionCache(tmp_path, "f1")
    put(cache, doc, x)
    [path] = tmp_path.glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["usage"]  # an entry from before usage evidence was cached
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cached(ExtractionCache(tmp_path, "f1"), doc) is None


def test_other_fingerprint_or_content_misses(tmp_path):
    doc, x = sample()
    put(ExtractionCache(tmp_path, "f1"), doc, x)
    assert cached(ExtractionCache(tmp_path, "f2"), doc) is None
    other = make_document("n.txt", [("Note", "Someone else entirely.")])
    assert cached(ExtractionCache(tmp_path, "f1"), other) is None


def test_damaged_entry_counts_as_missing(tmp_path):
    doc, x = sample()
    cache = ExtractionCache(tmp_path, "f1")
    put(cache, doc, x)
    for path in tmp_path.glob("*.json"):
        path.write_text("{not json")
    assert cached(ExtractionCache(tmp_path, "f1"), doc) is None


def test_prune_removes_entries_this_build_did_not_use(tmp_path):
    doc, x = sample()
    put(ExtractionCache(tmp_path, "f1"), doc, x)
    fresh = ExtractionCache(tmp_path, "f1")
    assert fresh.prune() == 1
    assert not list(tmp_path.glob("*.json"))


def test_fingerprint_follows_catalogue_and_model():
    base = extractor_fingerprint(Catalogue(), None)
    assert base == extractor_fingerprint(Catalogue(), None)
    assert base != extractor_fingerprint(Catalogue(), "en_core_web_sm")
    assert base != extractor_fingerprint(Catalogue(entities=(CatalogueEntity("Person", "Ada Brown"),)), None)


def test_fingerprint_follows_the_versions_of_the_libraries_that_read_files(monkeypatch):
    import graph.builder.cache

    base = extractor_fingerprint(Catalogue(), None)
    real = graph.builder.cache._version
    monkeypatch.setattr(graph.builder.cache, "_version", lambda name: "99.0" if name == "pypdf" else real(name))
    assert extractor_fingerprint(Catalogue(), None) != base  # an upgraded reader: files are read again


def test_fingerprint_changes_once_trafilatura_can_clean_html(monkeypatch):
    # Web pages read while lxml_html_clean was missing were plain dumps: they are read again.
    import graph.builder.cache

    base = extractor_fingerprint(Catalogue(), None)
    real = graph.builder.cache._version
    monkeypatch.setattr(graph.builder.cache, "_version", lambda name: "" if name == "lxml_html_clean" else real(name))
    assert extractor_fingerprint(Catalogue(), None) != base
