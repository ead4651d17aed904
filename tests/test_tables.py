"""Query results as tables people paste: what reaches a spreadsheet or a terminal is plain text."""

from __future__ import annotations

import csv
import io

from graph.stores.base import QueryResult
from graph.tables import format_result


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


def test_markdown_shows_markup_from_documents_as_text(tmp_path):
    # Markdown viewers render inline HTML and links: a name from a document must stay text.
    hostile = ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "*bold* `code` # heading"]
    text = format_result(QueryResult(("name",), tuple((h,) for h in hostile)), "markdown")
    body = text.splitlines()[2:]
    assert len(body) == len(hostile)
    for line in body:
        unescaped = line.replace("\\\\", "").replace("\\<", "").replace("\\>", "").replace("\\[", "").replace(
            "\\]", "").replace("\\*", "").replace("\\`", "").replace("\\#", "")
        assert not any(c in unescaped for c in "<>[]*`#"), line
