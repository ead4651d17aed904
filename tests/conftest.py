"""Shared fixtures: one real embedded FalkorDB server per test session."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from graph.stores import EmbeddedServer, FalkorStore


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
