"""The section splitter on made-up pages that hold many notes (and on pages that hold one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import load_file, split_sections
from tests.optional import SHARED

NOTE_A = """Note from the Harbour Cell 2

Our first speaker was Mirela Okonkwo, director of Tidewater Housing, who met the cell on 14 May 2022.
She described how tenants now sit on the board.
Several members asked about the costs.
"""
NOTE_B = """Note from the Orchard Cell 1

The orchard cell was opened by Piotr Vanterpool, who chairs the Greenhollow Trust.
Members agreed to swap budgets for a year.
"""
NOTE_C = """Spring roundtable: sharing the load

Twelve members joined from Eastmere and Northby.
The discussion turned to volunteers and burnout.
"""


def page(header: str | None, closer: str | None, notes: list[str], preamble: str = "") -> str:
    parts = [preamble] if preamble else []
    for note in notes:
        if header:
            parts.append(header + "\n\n")
        parts.append(note + "\n")
        if closer:
            parts.append(closer + "\n")
    return "".join(parts)


def check_offsets(text: str, sections) -> None:
    for i, section in enumerate(sections):
        assert section.index == i
        assert text[section.start : section.end] == section.text


def test_header_and_closer_page_gives_one_section_per_note() -> None:
    text = page("Riverbank Forum Riverbank Forum", "Read more", [NOTE_A, NOTE_B, NOTE_C])
    sections = split_sections(text, "Riverbank notes")
    check_offsets(text, sections)
    assert [s.title for s in sections] == [
        "Note from the Harbour Cell 2",
        "Note from the Orchard Cell 1",
        "Spring roundtable: sharing the load",
    ]
    # The delimiter lines belong to no section.
    assert all("Riverbank Forum" not in s.text and "Read more" not in s.text for s in sections)
    assert sections[0].text.endswith("Several members asked about the costs.")
    assert sections[0].text.startswith("Note from the Harbour Cell 2")


def test_each_section_gets_its_own_date() -> None:
    text = page("Riverbank Forum Riverbank Forum", "Read more", [NOTE_A, NOTE_B])
    sections = split_sections(text, "Riverbank notes")
    assert [s.date for s in sections] == ["2022-05-14", None]


def test_closers_alone_split_the_page_in_any_case() -> None:
    text = page(None, "CONTINUE READING »", [NOTE_A, NOTE_B, NOTE_C])
    sections = split_sections(text, "Blog")
    check_offsets(text, sections)
    assert [s.title for s in sections] == [
        "Note from the Harbour Cell 2",
        "Note from the Orchard Cell 1",
        "Spring roundtable: sharing the load",
    ]


def test_headers_alone_split_the_page_when_titles_follow_them() -> None:
    text = page("Lantern Network", None, [NOTE_A, NOTE_B, NOTE_C])
    sections = split_sections(text, "Lantern notes")
    check_offsets(text, sections)
    assert [s.title for s in sections] == [
        "Note from the Harbour Cell 2",
        "Note from the Orchard Cell 1",
        "Spring roundtable: sharing the load",
    ]


def test_a_page_without_delimiters_is_one_section_titled_by_the_document() -> None:
    text = "\n" + NOTE_A + "\n" + NOTE_B
    sections = split_sections(text, "Harbour and orchard")
    check_offsets(text, sections)
    assert len(sections) == 1
    assert sections[0].title == "Harbour and orchard"
    assert sections[0].text == text.strip()


def test_a_repeated_subheading_followed_by_sentences_is_not_a_header() -> None:
    body = (
        "Annual review of the Kestrel Fund\n\nSummary\n\n"
        "The fund made nine grants this year to groups in Westerby.\nMost were small.\n"
        "A few were large.\n\nSummary\n\nNext year the fund will focus on food banks.\n"
        "It will also hire a second officer.\nBoard members will visit each grantee.\n"
    )
    sections = split_sections(body, "Annual review of the Kestrel Fund")
    assert len(sections) == 1


def test_one_link_line_is_not_enough_to_split() -> None:
    text = NOTE_A + "\nRead more\n"
    assert len(split_sections(text, "One note")) == 1


def test_text_before_the_first_header_becomes_a_section_titled_by_the_document() -> None:
    preamble = "Welcome to the archive of meeting notes kept by our volunteers since the start.\n\n"
    text = page("Riverbank Forum Riverbank Forum", "Read more", [NOTE_A, NOTE_B], preamble)
    sections = split_sections(text, "Riverbank archive")
    check_offsets(text, sections)
    assert [s.title for s in sections] == [
        "Riverbank archive",
        "Note from the Harbour Cell 2",
        "Note from the Orchard Cell 1",
    ]


def test_trivial_text_before_the_first_header_is_dropped() -> None:
    text = page("Riverbank Forum Riverbank Forum", "Read more", [NOTE_A, NOTE_B], "Menu\n\n")
    assert [s.title for s in split_sections(text, "x")] == [
        "Note from the Harbour Cell 2",
        "Note from the Orchard Cell 1",
    ]


def test_markdown_heading_marks_are_not_part_of_the_title() -> None:
    text = page(None, "Read the full note", ["## " + NOTE_A, "# " + NOTE_B])
    sections = split_sections(text, "x")
    assert [s.title for s in sections] == ["Note from the Harbour Cell 2", "Note from the Orchard Cell 1"]
    assert sections[0].text.startswith("## Note from")  # the text itself stays verbatim


def test_empty_text_gives_one_empty_section() -> None:
    (section,) = split_sections("", "Nothing here")
    assert (section.title, section.start, section.end, section.text) == ("Nothing here", 0, 0, "")


CHUNKS = [NOTE_A, NOTE_B, NOTE_C, "Read more\n", "Riverbank Forum\n", "\n", "x y\n"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CHUNKS), max_size=12))
def test_sections_are_always_ordered_verbatim_slices(chunks: list[str]) -> None:
    text = "".join(chunks)
    sections = split_sections(text, "T")
    check_offsets(text, sections)
    assert sections
    assert all(a.end <= b.start for a, b in zip(sections, sections[1:], strict=False))
    assert split_sections(text, "T") == sections  # deterministic


GOLD_FILES = sorted((SHARED / "dev-gold").glob("*.json"))


# Without the shared folder one case stands in for the gold files, and dev_gold says what is missing.
@pytest.mark.parametrize("gold_name", [p.stem for p in GOLD_FILES] or ["dev-gold"])
def test_dev_corpus_sections_match_the_gold_section_titles(dev_gold: tuple[Path, Path], gold_name: str) -> None:
    gold_dir, corpus = dev_gold
    # Titles come from the gold files at run time: nothing from the corpus is written here.
    gold = json.loads((gold_dir / f"{gold_name}.json").read_text(encoding="utf-8"))
    doc = load_file(corpus / gold["document"])
    expected = [s["title"] for s in gold["sections"]]
    # The gold titles a one-section page by its first line, even when that line heads a cookie
    # notice; kg leaves the notice out, so the page's title is its first line after the notice.
    if len(expected) == 1 and "cookie" in expected[0].lower():
        lines = (corpus / gold["document"]).read_text(encoding="utf-8").splitlines()
        expected = [next(line.strip() for line in lines if line.strip() and "cookie" not in line.lower())]
    assert [s.title for s in doc.sections] == expected
