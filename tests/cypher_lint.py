"""Runs Neo4j's own Cypher linter (tools/cypher-lint, on Node.js) over Cypher texts.

The linter is the npm package ``@neo4j-cypher/language-support``; install it once with
``npm ci`` in ``tools/cypher-lint``. :func:`lint` sends ``[{"name", "text", "parameters"}]``
to ``lint.mjs`` and returns its diagnostics; a missing Node.js or package is an error that
says how to install it. The tests ask for the linter through the ``cypher_linter`` fixture
first, so on a machine without it they are skipped saying so (and fail under KG_CI).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from typing import Any

from tests.optional import CYPHER_LINT_DIR as TOOL_DIR
from tests.optional import CYPHER_LINT_PACKAGE as PACKAGE

_COMMENT_OR_STRING = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class LintSetupError(RuntimeError):
    """Node.js or the linter package is not installed."""


def parameters_of(text: str) -> list[str]:
    """The ``$name`` parameters a Cypher text uses (outside comments and strings), sorted."""
    return sorted(set(_PARAM.findall(_COMMENT_OR_STRING.sub(" ", text))))


def lint(items: Iterable[Mapping[str, Any]], timeout: float = 60.0) -> list[dict[str, Any]]:
    """Diagnostics of Neo4j's linter for each ``{"name", "text", "parameters"}`` item.

    Raises:
        LintSetupError: ``node`` is not on PATH or the package is not installed.
    """
    node = shutil.which("node")
    if node is None:
        raise LintSetupError(
            "Node.js is not installed, so Neo4j's Cypher linter cannot run; install it "
            "(Debian: `apt-get install -y nodejs npm`) and run `npm ci` in tools/cypher-lint"
        )
    if not PACKAGE.is_dir():
        raise LintSetupError(
            f"the Cypher linter is not installed in {TOOL_DIR}; run `npm ci` there (it needs npm and the network once)"
        )
    payload = json.dumps([dict(item) for item in items], ensure_ascii=False)
    proc = subprocess.run(
        [node, str(TOOL_DIR / "lint.mjs")],
        input=payload.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        cwd=TOOL_DIR,
        check=False,
    )
    if proc.returncode not in (0, 1):
        detail = proc.stderr.decode(errors="replace")
        raise LintSetupError(f"the Cypher linter failed (exit {proc.returncode}): {detail}")
    return json.loads(proc.stdout)


def errors(diagnostics: Iterable[Mapping[str, Any]]) -> list[str]:
    """The error diagnostics as readable lines ``name:line:column: message``."""
    return [f"{d['name']}:{d['line']}:{d['column']}: {d['message']}" for d in diagnostics if d["severity"] == "error"]
