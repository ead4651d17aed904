"""Query results as tables people paste: what reaches a spreadsheet or a terminal is plain text."""

from __future__ import annotations

import csv
import io

from graph.query.tables import format_result
from graph.stores.base import QueryResult


def test_csv_cells_that_would_run_as_formulas_are_kept_as_text():
    hostile = ['=HYPERLINK("http://x.invalid","click")', "+1+1", "-2+3", "@SUM(A1)"]
    result = QueryResult(("name", "count", "share"), tuple((h, -4, -0.5) for h in hostile))
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == ["name", "count", "share"]
    assert [r[0] for r in rows[1:]] == ["'" + h for h in hostile]
    assert {(r[1], r[2]) for r in rows[1:]} == {("-4", "-0.5")}  # numbers stay numbers


def test_other_formats_show_the_text_as_written_on_one_line():
    result = QueryResult(("name",), (("=A1 and\nB2 | C3",),))
    assert "=A1 and B2 | C3" in format_result(result, "table")
    assert "=A1 and B2 \\| C3" in format_result(result, "markdown")
    assert '"=A1 and\\nB2 | C3"' in format_result(result, "json")


def test_markdown_shows_markup_from_documents_as_text():
    # Markdown viewers render inline HTML and links: a name from a document must stay text.
    hostile = ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "*bold* `code` # heading"]
    text = format_result(QueryResult(("name",), tuple((h,) for h in hostile)), "markdown")
    body = text.splitlines()[2:]
    assert len(body) == len(hostile)
    for line in body:
        unescaped = (
            line.replace("\\\\", "")
            .replace("\\<", "")
            .replace("\\>", "")
            .replace("\\[", "")
            .replace("\\]", "")
            .replace("\\*", "")
            .replace("\\`", "")
            .replace("\\#", "")
        )
        assert not any(c in unescaped for c in "<>[]*`#"), line


def test_a_table_fits_the_width_it_is_given_by_wrapping_long_cells():
    quote = " ".join(["The partnership grew out of a long conversation about shared budgets"] * 20)  # ~1,400 chars
    result = QueryResult(
        ("partner", "quotes", "sources"),
        (("Alder Trust", [quote], ["notes.txt § Spring"]), ("Birch Fund", ["short"], ["notes.txt § Summer"])),
    )
    text = format_result(result, "table", width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert " ".join(" ".join(line.split()) for line in lines).count("shared budgets") == 20  # nothing is lost
    assert lines[-1] == "(2 rows)"
    # without a width (as to a file): one line per row, as before
    assert len(format_result(result, "table").splitlines()) == 5


def test_a_quote_repeated_for_one_fact_is_shown_once_with_its_count():
    result = QueryResult(
        ("quotes", "sources"),
        (
            (
                ["We fund them", "We fund them", "We fund them", "Still funded"],
                ["a.txt § 1", "a.txt § 2", "a.txt § 3", "b.txt § 1"],
            ),
        ),
    )
    for fmt in ("table", "csv", "markdown"):
        text = format_result(result, fmt)
        assert text.count("We fund them") == 1 and "We fund them (3 times); Still funded" in text, fmt
    assert format_result(result, "json").count("We fund them") == 3  # JSON keeps every value


def test_columns_that_carry_ids_for_maps_are_never_shown():
    result = QueryResult(("partner", "_ids"), (("Alder Trust", ["organisation:alder-trust"]),))
    for fmt in ("table", "csv", "markdown", "json"):
        text = format_result(result, fmt)
        assert "Alder Trust" in text and "_ids" not in text and "organisation:alder-trust" not in text, fmt
