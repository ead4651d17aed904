"""parse_date: the first full date stated in a text, as YYYY-MM-DD."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import parse_date
from loaders.dates import _first_date_by_pattern, find_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The cell met online on 17 September 2020 to talk about kelp.", "2020-09-17"),
        ("Notes of the meeting, 8th September 2020", "2020-09-08"),
        ("Held on Tuesday 3 March 2021 in the boathouse", "2021-03-03"),
        ("on the 21st of June 2019 we gathered", "2019-06-21"),
        ("Posted September 17, 2020 by the editor", "2020-09-17"),
        ("posted Sept. 2nd 2022", "2022-09-02"),
        ("1 Dec 2023 - Annual gathering", "2023-12-01"),
        ("Minutes 2021-03-04 (draft)", "2021-03-04"),
        ("Received 04/03/2021", "2021-03-04"),  # day first, as British documents write it
        ("Received 4.3.2021", "2021-03-04"),
        ("MEETING ON 12 NOVEMBER 2018", "2018-11-12"),
        ("16thSeptember 2014The Old Hall, Kendal", "2014-09-16"),  # table cells run together
    ],
)
def test_full_dates_are_found(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We will meet again in March 2021.",  # month and year only
        "Held on Thursday 9th July, 3.00-4.30pm.",  # no year
        "Revenue grew by 17 percent in 2020.",
        "Version 1.2.3 of the toolkit",
        "",
    ],
)
def test_partial_or_no_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


def test_the_first_date_in_the_text_wins_whatever_its_format() -> None:
    text = "Agreed on 2021-05-06 and confirmed on 1 June 2021; drafted 3/4/2021."
    assert parse_date(text) == "2021-05-06"
    assert parse_date("Drafted 3 April 2021, agreed 2021-05-06") == "2021-04-03"


def test_find_date_says_where_the_date_is_written() -> None:
    text = "Minutes of the meeting held on 14th March, 2024 at Alder House"
    iso, start, end = find_date(text)
    assert (iso, text[start:end]) == ("2024-03-14", "14th March, 2024")
    assert find_date("We will meet again in March 2021.") is None


def test_impossible_dates_are_skipped_for_the_next_real_one() -> None:
    assert parse_date("On 31 February 2021, or rather 1 March 2021") == "2021-03-01"
    assert parse_date("Ref 45/13/2020") is None


_PIECES = [
    "3",
    "31",
    "29",
    "12th",
    "02",
    "of",
    "May",
    "sept.",
    "Feb",
    "FEBRUARY",
    "2020",
    "2021",
    "1899",
    "2024-02-30",
    "2023-1-9",
    "04/03/2021",
    "31.2.2022",
    "7/13/2019",
    ",",
    " ",
    "  ",
    "\n",
    "-",
    "/",
    "on",
    "the",
    "x2021",
    "20211",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map(lambda parts: " ".join(parts)))
def test_one_scan_for_all_formats_finds_what_trying_each_in_turn_finds(text: str) -> None:
    # parse_date scans once with every format at once; the answer must be the one that trying
    # each format in turn gives, impossible dates and overlapping matches included.
    assert parse_date(text) == _first_date_by_pattern(text)
