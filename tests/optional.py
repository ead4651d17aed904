"""The optional tools and data some tests need, and the one rule for when one is missing.

A developer's machine may lack them: then the test is skipped, and the reason says how to get
the tool. CI installs them (``.ci/run`` exports ``KG_CI=1``), so there a missing tool fails the
test instead: a skip would hide that the tests did not run. Every test that needs such a tool
asks for it through a function here (usually through a fixture in ``conftest.py``); none calls
``pytest.skip`` itself. ``tests/test_optional.py`` holds this module to that rule.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
CI_VARIABLE = "KG_CI"
SHARED = ROOT.parent / "shared"  # the project's shared folder, beside the repository (as in CI)


def in_ci() -> bool:
    """True when the tests run under CI, which provides every tool marked ``in_ci``."""
    return os.environ.get(CI_VARIABLE, "") not in ("", "0")


@dataclass(frozen=True)
class Tool:
    """Something outside the Python package that some tests need."""

    name: str
    how: str  # how to get it, as the skip reason tells a developer
    in_ci: bool = True  # .ci/run provides it, so its absence under KG_CI is a failure

    def missing(self, detail: str = "") -> NoReturn:
        """Skip the calling test, or fail it under CI when CI should have provided the tool."""
        what = f"{self.name} is not available" + (f" ({detail})" if detail else "")
        if self.in_ci and in_ci():
            pytest.fail(f"{what}, but CI ({CI_VARIABLE}=1) must provide it: {self.how}", pytrace=False)
        pytest.skip(f"{what}: {self.how}")


CHROMIUM = Tool(
    "Chromium", "install Debian's package (`apt-get install -y chromium`); kg's tests never download a browser"
)
PLAYWRIGHT = Tool("playwright for Python", "install the test extra: `.venv/bin/pip install '.[test]'`")
CYPHER_LINTER = Tool(
    "Neo4j's Cypher linter",
    "install Node.js and npm (`apt-get install -y nodejs npm`), then run `npm ci --prefix tools/cypher-lint`",
)
NEO4J = Tool(
    "A Neo4j server",
    "set NEO4J_URI (with NEO4J_USER and NEO4J_PASSWORD) to a throwaway Neo4j 5 database; the tests empty it",
    in_ci=False,  # no package registry CI reaches carries a Neo4j server; the Cypher linter stands in
)
EXAMPLE_CORPUS = Tool("The example corpus", f"it lives in the project's shared folder, expected at {SHARED / 'corpus'}")
DEV_GOLD = Tool("The dev gold set", f"it lives in the project's shared folder, expected at {SHARED / 'dev-gold'}")

TOOLS = (CHROMIUM, PLAYWRIGHT, CYPHER_LINTER, NEO4J, EXAMPLE_CORPUS, DEV_GOLD)

# Read when the tests start: conftest removes NEO4J_URI from each test's environment, so a
# user's setting cannot steer the other tests.
_NEO4J_URI = os.environ.get("NEO4J_URI", "")
CYPHER_LINT_DIR = ROOT / "tools" / "cypher-lint"
CYPHER_LINT_PACKAGE = CYPHER_LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"


def chromium() -> str:
    """The path of Debian's Chromium."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or CHROMIUM.missing("not on PATH")


def playwright_sync_api():
    """playwright's sync API module (a test dependency, but a hand-made venv may lack it)."""
    try:
        from playwright import sync_api
    except ImportError as exc:
        PLAYWRIGHT.missing(str(exc))
    return sync_api


def cypher_linter() -> str:
    """The path of ``node``, once the linter package is installed in tools/cypher-lint."""
    node = shutil.which("node")
    if node is None:
        CYPHER_LINTER.missing("Node.js is not on PATH")
    if not CYPHER_LINT_PACKAGE.is_dir():
        CYPHER_LINTER.missing(f"{CYPHER_LINT_PACKAGE.relative_to(ROOT)} is not there")
    return node


def neo4j_uri() -> str:
    """The Neo4j server the tests may use (NEO4J_URI as it was when the tests started)."""
    return _NEO4J_URI or NEO4J.missing("NEO4J_URI is not set")


def example_corpus() -> Path:
    """The example corpus folder."""
    folder = SHARED / "corpus"
    return folder if folder.is_dir() else EXAMPLE_CORPUS.missing(f"no folder {folder}")


def dev_gold() -> tuple[Path, Path]:
    """The dev gold folder and the corpus its documents are in."""
    gold = SHARED / "dev-gold"
    if not gold.is_dir():
        DEV_GOLD.missing(f"no folder {gold}")
    return gold, example_corpus()


# Each helper with the tool it asks for; the rule test calls every one with the tool taken away.
HELPERS = {
    chromium: CHROMIUM,
    playwright_sync_api: PLAYWRIGHT,
    cypher_linter: CYPHER_LINTER,
    neo4j_uri: NEO4J,
    example_corpus: EXAMPLE_CORPUS,
    dev_gold: DEV_GOLD,
}
