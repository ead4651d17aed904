"""Shared fixtures: one real embedded FalkorDB server per test session, one extractor, short data
dirs, and the optional tools (see tests/optional.py), each of which marks the tests that use it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.stores import EmbeddedServer, FalkorStore
from tests import optional
from tests.helpers import short_data_dir

if TYPE_CHECKING:
    from loaders.extract import Extractor

# The user's own settings must not steer the tests: a test names its data dir and store itself.
_SETTINGS_ENV = ("KG_DATA_DIR", "KG_STORE", "KG_CATALOGUE", "KG_MODEL", "KG_QUERIES", "NEO4J_URI")

# A test that uses one of these fixtures gets the marker, so `-m "not browser"` and the like
# leave out exactly the tests that need the tool.
MARK_BY_FIXTURE = {
    "browser": "browser",
    "cypher_linter": "lint",
    "neo4j_uri": "neo4j",
    "example_corpus": "corpus",
    "dev_gold": "corpus",
}
# Starting Chromium or Node.js takes seconds, and the linter reads each text for about one more:
# tests that need them are in the slow tier too (`pytest -m "not slow"` is the quick loop).
SLOW_FIXTURES = {"browser", "cypher_linter"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture in sorted(fixtures & MARK_BY_FIXTURE.keys()):
            item.add_marker(MARK_BY_FIXTURE[fixture])
        if fixtures & SLOW_FIXTURES:
            item.add_marker("slow")


@pytest.fixture(autouse=True)
def _clean_settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)


# -- optional tools: skipped with how to get them, or failed under KG_CI --------------------------


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """The Neo4j server the tests may use (NEO4J_URI as it was when the tests started)."""
    return optional.neo4j_uri()


@pytest.fixture(scope="session")
def example_corpus() -> Path:
    """The example corpus in the project's shared folder."""
    return optional.example_corpus()


@pytest.fixture(scope="session")
def dev_gold() -> tuple[Path, Path]:
    """The dev gold folder and the corpus its documents are in."""
    return optional.dev_gold()


@pytest.fixture(scope="session")
def cypher_linter() -> str:
    """Node.js, with Neo4j's Cypher linter installed in tools/cypher-lint."""
    return optional.cypher_linter()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, started headless through playwright (no browser download), for one module."""
    executable = optional.chromium()
    sync_api = optional.playwright_sync_api()
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-default-apps",
                "--disable-extensions",
            ],
        )
        yield launched
        launched.close()


# -- the real parts -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The default extractor (blank English pipeline, no catalogue); it keeps no state between documents."""
    from loaders.extract import make_extractor  # spaCy: only for the tests that extract

    return make_extractor()


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data dir of its own (not yet made) with a path short enough for the server's socket."""
    with short_data_dir() as path:
        yield path


@pytest.fixture(scope="session")
def embedded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A started embedded server in a session-wide temporary data dir."""
    with EmbeddedServer(tmp_path_factory.mktemp("kgdata")) as server:
        yield server


@pytest.fixture
def store(embedded_server: EmbeddedServer, request: pytest.FixtureRequest) -> Iterator[FalkorStore]:
    """An open store on the session server, on a graph of its own (removed afterwards)."""
    name = "t_" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    with FalkorStore(embedded_server, graph=name) as opened:
        yield opened
        db = embedded_server.connect()
        db.connection.delete(name, name + "__building")
        db.connection.close()
