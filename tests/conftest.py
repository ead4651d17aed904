"""Shared fixtures: one real embedded FalkorDB server per test session."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator

import pytest

from graph.stores import EmbeddedServer, FalkorStore


# The user's own settings must not steer the tests: a test names its data dir and store itself.
_SETTINGS_ENV = ("KG_DATA_DIR", "KG_STORE", "KG_CATALOGUE", "KG_MODEL", "KG_QUERIES", "NEO4J_URI")
_NEO4J_URI = os.environ.get("NEO4J_URI", "")


@pytest.fixture(autouse=True)
def _clean_settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def neo4j_uri() -> str:
    """The Neo4j server the tests may use (NEO4J_URI as it was when the tests started)."""
    if not _NEO4J_URI:
        pytest.skip("NEO4J_URI is not set")
    return _NEO4J_URI


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
