"""Library code stays in pieces a reader can hold: no function over 80 lines and no module over
500, unless a reason is written at its top.

The reason starts with "Kept whole:" in the module's docstring (or its opening comments), or in
the function's docstring (or the comment lines just above it), and says why splitting would
make it harder to follow.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.optional import ROOT

MAX_FUNCTION = 80  # lines, from `def` to its last line (decorators are declarations, not counted)
MAX_MODULE = 500
MARKER = "Kept whole:"

LIBRARY = ("graph", "loaders", "bench")


def _reason(text: str) -> bool:
    """Whether ``text`` gives a reason: the marker followed by a few words."""
    found = re.search(re.escape(MARKER) + r"\s*(.*)", text, re.DOTALL)
    return bool(found) and len(found.group(1).split()) >= 6


def _comments_above(lines: list[str], first: int) -> str:
    """The comment lines just above line ``first`` (1-based)."""
    above = []
    for line in reversed(lines[: first - 1]):
        if not line.strip().startswith("#"):
            break
        above.append(line.strip().lstrip("#"))
    return " ".join(reversed(above))


def _module_top(tree: ast.Module, lines: list[str]) -> str:
    docstring = ast.get_docstring(tree) or ""
    first_code = next((node.lineno for node in tree.body if not isinstance(node, ast.Expr)), len(lines) + 1)
    comments = [line.strip().lstrip("#") for line in lines[: first_code - 1] if line.strip().startswith("#")]
    return docstring + " " + " ".join(comments)


def excesses(source: str) -> list[str]:
    """Each function over MAX_FUNCTION lines and the module if over MAX_MODULE, without a reason."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found = []
    if len(lines) > MAX_MODULE and not _reason(_module_top(tree, lines)):
        found.append(f"module: {len(lines)} lines")
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = node.end_lineno - node.lineno + 1
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        said = (ast.get_docstring(node) or "") + " " + _comments_above(lines, first)
        if length > MAX_FUNCTION and not _reason(said):
            found.append(f"{node.name} (line {node.lineno}): {length} lines")
    return found


FILES = sorted(path for package in LIBRARY for path in (ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_long_function_or_module_without_a_reason(path: Path):
    found = excesses(path.read_text(encoding="utf-8"))
    assert found == [], f"split these into well-named pieces, or write '{MARKER} <why>' at their top: " + "; ".join(
        found
    )


def _function(name: str, body_lines: int, reason: str = "") -> str:
    doc = f'    """{reason}"""\n' if reason else ""
    return f"def {name}():\n{doc}" + "    x = 1\n" * body_lines


def test_a_long_function_is_found_unless_a_reason_is_given():
    assert excesses(_function("short", 78)) == []
    assert excesses(_function("long", 81)) == ["long (line 1): 82 lines"]
    why = f"{MARKER} one table of rules, read top to bottom, each a line."
    assert excesses(_function("long", 81, why)) == []
    assert excesses(f"# {why}\n" + _function("long", 81)) == []
    # the marker alone is no reason
    assert excesses(_function("long", 81, MARKER)) == ["long (line 1): 83 lines"]


def test_a_long_module_is_found_unless_its_top_gives_a_reason():
    body = "".join(_function(f"f{i}", 10) + "\n" for i in range(50))
    assert excesses(body) == [f"module: {len(body.splitlines())} lines"]
    why = f'"""Rules.\n\n{MARKER} the template is one page of HTML, clearer whole than cut.\n"""\n'
    assert excesses(why + body) == []


def test_the_library_is_measured():
    names = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert {
        "graph/model/resolution.py",
        "loaders/readers.py",
        "loaders/extract/classify.py",
        "bench/synth.py",
        "bench/extraction_quality.py",
    } <= names
