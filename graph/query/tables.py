"""Query results as text a person can read or paste: table, csv, json or markdown.

CSV is for spreadsheets: a text cell that would start a formula is written with a leading
apostrophe, so opening the file never runs what a document said.

Nodes, relationships and paths in a result are shown readably: a node as ``Name (Label)``,
a relationship as ``source -TYPE-> target`` and a path as its chain of names and types. Lists
are joined with ``"; "``, and an item a list repeats (the same quote stating one fact in several
notes) is shown once with its count: ``"quote" (3 times)``. JSON keeps the full values, with each
row an object keyed by column.

A column whose name starts with ``_`` (the prepared queries' ``_ids``: the ids of the entities a
row names, which a map of the answer draws) is plumbing, not part of the answer: no format shows it.

The text table fits a given width (the terminal's): long cells are wrapped onto more lines of
their column, never left as one line of a thousand characters.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "EXCEL_BOM",
    "FORMATS",
    "HIDDEN_PREFIX",
    "cell_text",
    "format_result",
    "sheet_plain",
    "sheet_text",
    "shown_columns",
]

# Columns whose name starts with this are not shown (see the module docstring).
HIDDEN_PREFIX = "_"
# No column of a wrapped table is made narrower than this (or than its heading).
_MIN_COLUMN = 12


def cell_text(value: Any) -> str:
    """One result value as a single line of text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    if isinstance(value, dict):
        kind = value.get("_type")
        if kind == "node":
            return _node_text(value)
        if kind == "relationship":
            return f"{value.get('source')} -{value.get('type')}-> {value.get('target')}"
        if kind == "path":
            return _path_text(value)
        return "; ".join(f"{k}: {cell_text(v)}" for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        items = [cell_text(v) for v in value]
        counts = Counter(items)
        shown = dict.fromkeys(items)  # each once, in the order first seen
        return "; ".join(item if counts[item] == 1 else f"{item} ({counts[item]} times)" for item in shown)
    return " ".join(str(value).split())  # one line: newlines and runs of spaces become one space


def _node_text(node: dict) -> str:
    props = node.get("properties") or {}
    labels = node.get("labels") or []
    name = props.get("name") or props.get("id") or "?"
    return f"{name} ({labels[0]})" if labels else str(name)


def _path_text(path: dict) -> str:
    nodes = path.get("nodes") or []
    rels = path.get("relationships") or []
    if not nodes:
        return ""
    names = {(n.get("properties") or {}).get("id"): (n.get("properties") or {}).get("name") for n in nodes}
    parts = [_node_text(nodes[0])]
    for i, rel in enumerate(rels):
        here = (nodes[i].get("properties") or {}).get("id")
        forward = rel.get("source") == here
        arrow = f"-{rel.get('type')}->" if forward else f"<-{rel.get('type')}-"
        nxt = nodes[i + 1] if i + 1 < len(nodes) else {"properties": {"name": names.get(rel.get("target"))}}
        parts.append(f"{arrow} {_node_text(nxt)}")
    return " ".join(parts)


def _plain(value: Any) -> Any:
    """A value made JSON-friendly, keeping its structure."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _column_widths(natural: list[int], floors: list[int], width: int) -> list[int]:
    """Column widths that fit ``width`` (two spaces between columns): the widest column is
    narrowed first, a character at a time, none below its floor.

    >>> _column_widths([10, 300, 80], [8, 12, 12], 100)
    [10, 43, 43]
    """
    widths = list(natural)
    room = width - 2 * (len(widths) - 1)
    while sum(widths) > room:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not shrinkable:
            break  # every column at its floor: as narrow as it reads
        widths[max(shrinkable, key=lambda i: (widths[i], -i))] -= 1
    return widths


def _table(columns: tuple[str, ...], rows: list[list[str]], width: int | None = None) -> str:
    if not columns:
        return f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"
    natural = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    widths = natural
    if width is not None:
        floors = [min(n, max(len(c), _MIN_COLUMN)) for n, c in zip(natural, columns, strict=False)]
        widths = _column_widths(natural, floors, width)
    wrapped = widths != natural

    def lines_of(cells) -> list[str]:
        parts = [
            (textwrap.wrap(cell, w, break_on_hyphens=False) or [""]) if len(cell) > w else [cell]
            for cell, w in zip(cells, widths, strict=False)
        ]
        height = max(len(p) for p in parts)
        return [
            "  ".join((p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=False)).rstrip()
            for k in range(height)
        ]

    lines = lines_of(columns)
    lines.append("  ".join("-" * w for w in widths))
    for n, row in enumerate(rows):
        if wrapped and n:
            lines.append("")  # rows of several lines each: a blank line tells them apart
        lines += lines_of(row)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


# What a CSV file kg writes starts with: Excel takes a CSV file for UTF-8 only after a byte-order
# mark (without one, "’" and "é" come out garbled); other spreadsheets and utf-8-sig readers skip it.
EXCEL_BOM = "\ufeff"
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def markdown_text(text: Any) -> str:
    r"""``text`` as literal markdown on one line: names and quotes come from documents, and their
    characters must not turn into markup (``<img ...>``, ``[link](...)``, ``|`` ending a cell).

    >>> print(markdown_text("<b>Ada</b> | [x](y)\n*z*"))
    \<b\>Ada\</b\> \| \[x\](y) \*z\*
    """
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def _markdown(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    esc = markdown_text
    lines = ["| " + " | ".join(esc(c) for c in columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(esc(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _csv(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


# A spreadsheet runs a cell that starts like a formula ("=HYPERLINK(...)", "@SUM(...)"); names
# and quotes come from documents, so such text gets the leading apostrophe that spreadsheets
# read as "this is text" (and do not show). Numbers are left as they are.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_mark(text: str) -> bool:
    # text that already looks marked ("'=x", "''=x") is marked again, to read back whole
    return text.lstrip("'").startswith(_FORMULA_START)


def sheet_text(text: str) -> str:
    """``text`` as a spreadsheet will keep it as text: with an apostrophe before a formula start."""
    return "'" + text if _needs_mark(text) else text


def sheet_plain(text: str) -> str:
    """The text :func:`sheet_text` was given, whether or not a spreadsheet kept the apostrophe."""
    return text[1:] if text[:1] == "'" and _needs_mark(text[1:]) else text


def _sheet_cell(value: Any) -> str:
    text = cell_text(value)
    return text if isinstance(value, (int, float)) else sheet_text(text)


def shown_columns(result) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The columns of a result that are shown, and each row's values in them."""
    keep = [i for i, c in enumerate(result.columns) if not c.startswith(HIDDEN_PREFIX)]
    return tuple(result.columns[i] for i in keep), [tuple(row[i] for i in keep) for row in result.rows]


def _csv_result(result, width: int | None = None) -> str:
    columns, rows = shown_columns(result)
    return _csv(columns, [[_sheet_cell(v) for v in row] for row in rows])


def _text_table(result, width: int | None = None) -> str:
    columns, rows = shown_columns(result)
    return _table(columns, [[cell_text(v) for v in row] for row in rows], width)


def _markdown_result(result, width: int | None = None) -> str:
    columns, rows = shown_columns(result)
    return _markdown(columns, [[cell_text(v) for v in row] for row in rows])


def _json(result, width: int | None = None) -> str:
    columns, rows = shown_columns(result)
    records = [{c: _plain(v) for c, v in zip(columns, row, strict=False)} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


# Output format -> renderer of a QueryResult (given the width a text table fits).
FORMATS: dict[str, Callable[[Any, int | None], str]] = {
    "table": _text_table,
    "csv": _csv_result,
    "json": _json,
    "markdown": _markdown_result,
}


# What a file's ending asks for when no --format is given.
_BY_SUFFIX = {".csv": "csv", ".json": "json", ".md": "markdown", ".markdown": "markdown"}
_SPREADSHEETS = (".xlsx", ".xls", ".ods", ".numbers")


def result_format(fmt: str | None, output: Path | None) -> str:
    """The format to show a result in: ``fmt`` if given, else the one ``output``'s ending names
    (``.csv``, ``.json``, ``.md``), else the text table.

    >>> result_format(None, Path("people.csv")), result_format("table", Path("people.csv"))
    ('csv', 'table')
    >>> result_format(None, None), result_format(None, Path("people.txt"))
    ('table', 'table')

    Raises:
        UsageError: ``output`` names a spreadsheet file, which kg cannot write (CSV opens in one).
    """
    if fmt is not None:
        return fmt
    if output is None:
        return "table"
    suffix = output.suffix.lower()
    if suffix in _SPREADSHEETS:
        from loaders.errors import UsageError

        raise UsageError(
            f"kg cannot write {suffix} files; write {output.with_suffix('.csv')} instead, which any spreadsheet opens"
        )
    return _BY_SUFFIX.get(suffix, "table")


def format_result(result, fmt: str = "table", width: int | None = None) -> str:
    """A QueryResult as text in ``fmt`` (one of :data:`FORMATS`), ending with a newline; a text
    table fits ``width`` characters where it can (None: as wide as its cells).

    Raises:
        UsageError: ``fmt`` is not a known format (the message lists them).
    """
    render = FORMATS.get(fmt)
    if render is None:
        from loaders.errors import UsageError

        raise UsageError(f"unknown format '{fmt}'; known formats: {', '.join(FORMATS)}")
    return render(result, width)
