"""Query results as text a person can read or paste: table, csv, json or markdown.

CSV is for spreadsheets: a text cell that would start a formula is written with a leading
apostrophe, so opening the file never runs what a document said.

Nodes, relationships and paths in a result are shown readably: a node as ``Name (Label)``,
a relationship as ``source -TYPE-> target`` and a path as its chain of names and types. Lists
are joined with ``"; "``. JSON keeps the full values, with each row an object keyed by column.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["EXCEL_BOM", "FORMATS", "cell_text", "format_result", "sheet_plain", "sheet_text"]


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
        return "; ".join(cell_text(v) for v in value)
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


def _table(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    widths = [len(c) for c in columns]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
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


def _csv_result(result) -> str:
    return _csv(tuple(result.columns), [[_sheet_cell(v) for v in row] for row in result.rows])


def _as_text(fn: Callable[[tuple[str, ...], list[list[str]]], str]) -> Callable[[Any], str]:
    def render(result) -> str:
        return fn(tuple(result.columns), [[cell_text(v) for v in row] for row in result.rows])

    return render


def _json(result) -> str:
    rows = [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


# Output format -> renderer of a QueryResult.
FORMATS: dict[str, Callable[[Any], str]] = {
    "table": _as_text(_table),
    "csv": _csv_result,
    "json": _json,
    "markdown": _as_text(_markdown),
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

        raise UsageError(f"kg cannot write {suffix} files; write {output.with_suffix('.csv')} instead, "
                         "which any spreadsheet opens")
    return _BY_SUFFIX.get(suffix, "table")


def format_result(result, fmt: str = "table") -> str:
    """A QueryResult as text in ``fmt`` (one of :data:`FORMATS`), ending with a newline.

    Raises:
        UsageError: ``fmt`` is not a known format (the message lists them).
    """
    render = FORMATS.get(fmt)
    if render is None:
        from loaders.errors import UsageError

        raise UsageError(f"unknown format '{fmt}'; known formats: {', '.join(FORMATS)}")
    return render(result)
