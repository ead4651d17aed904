"""The rule for optional tools: a missing one is skipped saying how to get it, except in CI (KG_CI),
where .ci/run installs it and its absence fails the test. See tests/optional.py."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from tests import optional
from tests.optional import CI_VARIABLE, HELPERS, ROOT, TOOLS


def _take_every_tool_away(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Make every optional tool missing, as on a fresh machine."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium, no node
    monkeypatch.setitem(sys.modules, "playwright", None)  # importing it fails
    monkeypatch.setattr(optional, "CYPHER_LINT_PACKAGE", tmp_path / "not-installed")
    monkeypatch.setattr(optional, "_NEO4J_URI", "")
    monkeypatch.setattr(optional, "SHARED", tmp_path / "no-shared-folder")


def test_every_tool_has_one_helper():
    assert sorted(t.name for t in HELPERS.values()) == sorted(t.name for t in TOOLS)


@pytest.mark.parametrize("helper", list(HELPERS), ids=lambda h: h.__name__)
def test_a_missing_tool_skips_saying_how_to_get_it(helper, monkeypatch, tmp_path):
    monkeypatch.delenv(CI_VARIABLE, raising=False)
    _take_every_tool_away(monkeypatch, tmp_path)
    with pytest.raises(pytest.skip.Exception) as skipped:
        helper()
    assert HELPERS[helper].how in str(skipped.value)


@pytest.mark.parametrize("helper", list(HELPERS), ids=lambda h: h.__name__)
def test_under_ci_a_missing_tool_fails_unless_ci_cannot_have_it(helper, monkeypatch, tmp_path):
    monkeypatch.setenv(CI_VARIABLE, "1")
    _take_every_tool_away(monkeypatch, tmp_path)
    tool = HELPERS[helper]
    with pytest.raises(pytest.fail.Exception if tool.in_ci else pytest.skip.Exception) as outcome:
        helper()
    assert tool.how in str(outcome.value)


def test_only_a_neo4j_server_is_left_out_of_ci():
    # CI reaches no registry that carries one; everything else .ci/run installs or has beside it.
    assert [t.name for t in TOOLS if not t.in_ci] == [optional.NEO4J.name]


def test_ci_sets_the_variable_before_it_runs_the_tests():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    exported = re.search(rf"^export {CI_VARIABLE}=1$", script, re.M)
    assert exported and exported.start() < script.index("python -m pytest")


_SKIPPING = {"skip", "skipif", "importorskip", "xfail"}


def _skips_in(path: Path) -> list[str]:
    """Each ``pytest.skip(...)``, ``pytest.importorskip``, ``pytest.mark.skipif``... in one file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in _SKIPPING:
            owner = ast.unparse(node.value)
            if owner in ("pytest", "pytest.mark"):
                found.append(f"{path.name}:{node.lineno}: {owner}.{node.attr}")
    return found


def test_no_test_skips_but_through_the_optional_tools():
    # A skip of its own would escape the rule above (and KG_CI with it).
    files = sorted((ROOT / "tests").glob("*.py"))
    assert len(files) > 20
    found = [s for path in files if path.name not in ("optional.py", "test_optional.py") for s in _skips_in(path)]
    assert found == []


def test_the_scan_finds_a_skip(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text("import pytest\n\n@pytest.mark.skipif(True, reason='x')\ndef test_x():\n    pytest.skip('no')\n")
    assert _skips_in(sample) == ["test_sample.py:3: pytest.mark.skipif", "test_sample.py:5: pytest.skip"]
