"""Hostile text is data: it is stored as written, changes nothing else, and never breaks a build."""

from __future__ import annotations

import json
import shutil

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from loaders import load_file
from loaders.errors import KGError
from tests.helpers import kg

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "back\\slash",
    "$param `tick`",
]


def test_cypher_looking_text_changes_nothing_else(data_dir, tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text(
        "Board notes\n\nOur first speaker was Ada Brown, CEO of Riverside Trust.\n", encoding="utf-8"
    )
    kg(data_dir, "build", "-q", str(plain))
    baseline = json.loads(kg(data_dir, "export").stdout)

    hostile = tmp_path / "hostile"
    shutil.copytree(plain, hostile)
    body = "\n\n".join(f"Someone wrote {h} in the margin." for h in HOSTILE)
    (hostile / "b.txt").write_text(f"Margin notes\n\n{body}\n", encoding="utf-8")
    kg(data_dir, "build", "-q", str(hostile))
    graph = json.loads(kg(data_dir, "export").stdout)
    ids = {n["id"] for n in graph["nodes"]}
    # Every node and edge of the plain build is still there, unchanged in name.
    assert {n["id"] for n in baseline["nodes"] if n["label"] != "Document"} <= ids
    before = {(e["source"], e["type"], e["target"]) for e in baseline["edges"] if e["type"] != "MENTIONS"}
    after = {(e["source"], e["type"], e["target"]) for e in graph["edges"] if e["type"] != "MENTIONS"}
    assert before <= after


def test_hostile_names_are_stored_exactly_and_shown_as_text(data_dir, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    name = 'O\'Brien "Quotes" <b>Bold</b> Trust'
    (corpus / "n.txt").write_text(f"Notes\n\nAda Brown, CEO of {name}, spoke first.\n", encoding="utf-8")
    catalogue = tmp_path / "cat.yaml"
    # The catalogue makes sure the hostile name is an entity whatever the rules would make of it.
    catalogue.write_text("entities:\n  - label: Organisation\n    name: " + json.dumps(name) + "\n", encoding="utf-8")
    kg(data_dir, "build", "-q", "--catalogue", str(catalogue), str(corpus))
    graph = json.loads(kg(data_dir, "export").stdout)
    assert name in {n["name"] for n in graph["nodes"]}
    out = kg(data_dir, "show", name).output
    assert name in out


def _read(extractor, path):
    """The text of ``path`` and every quote extracted from it, or None when kg refuses the file
    with a clear error (a KGError); any other exception fails the test."""
    try:
        doc = load_file(path)
    except KGError:
        return None
    extraction = extractor.extract(doc)
    return doc.text, [m for e in extraction.entities for m in e.mentions] + [r.evidence for r in extraction.relations]


def _check_quotes(read) -> None:
    event("refused" if read is None else "quotes checked" if read[1] else "read, nothing found")
    text, evidence = read or ("", [])
    for ev in evidence:
        assert text[ev.start : ev.end] == ev.quote


# Inputs that reach both ends of the properties below (see the test after them).
_REFUSED = ""
_QUOTED = "Board notes\n\nOur first speaker was Ada Brown, CEO of Riverside Trust.\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=400))
@example(_REFUSED)
@example(_QUOTED)
def test_arbitrary_text_loads_and_extracts_or_fails_cleanly(extractor, tmp_path, text):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _check_quotes(_read(extractor, path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "Our first speaker was",
                "Ada Brown",
                ", CEO of",
                "Riverside Trust",
                "(RT)",
                "funded by",
                "Read more",
                "\n",
                "\n\n",
                "Note from Harbour Cell 2",
                "'",
                '"',
                "<script>",
                "MP",
                "Dr",
                "in partnership with",
                "Leeds",
                "ADA BROWN, CEO OF RIVERSIDE TRUST",
                "Ada",
                ".",
                "\u2019s",
                "\u00a0",
                "\t",
            ]
        ),
        max_size=60,
    ).map(" ".join)
)
@example(_QUOTED)
def test_sentence_like_fragments_never_break_extraction(extractor, tmp_path, text):
    path = tmp_path / "frag.txt"
    path.write_text(text, encoding="utf-8")
    _check_quotes(_read(extractor, path))


def test_the_explicit_examples_are_refused_and_quoted(extractor, tmp_path):
    (tmp_path / "empty.txt").write_text(_REFUSED, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(_QUOTED, encoding="utf-8")
    assert _read(extractor, tmp_path / "empty.txt") is None
    assert len(_read(extractor, tmp_path / "notes.txt")[1]) >= 3
