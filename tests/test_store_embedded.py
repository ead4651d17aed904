"""The embedded FalkorDB server's life cycle, and opening stores by URL (real servers)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import time
from pathlib import Path

import pytest

from graph.stores import EmbeddedServer, FalkorStore, open_store
from graph.stores.embedded import MAX_SOCKET_PATH
from loaders.errors import StoreError, UsageError

NODES = [
    {"id": "person:orla", "label": "Person", "props": {"name": "Orla Brightwater"}},
    {"id": "org:tidewell", "label": "Organisation", "props": {"name": "Tidewell Fund"}},
]
EDGES = [
    {
        "type": "LEADS",
        "source": "person:orla",
        "source_label": "Person",
        "target": "org:tidewell",
        "target_label": "Organisation",
        "key": "leads:orla:tidewell",
        "props": {},
    }
]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return False


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), f"process {pid} still running"


def _tcp_listening_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def test_start_makes_a_private_dir_with_a_socket_and_no_tcp_port(tmp_path: Path) -> None:
    data_dir = tmp_path / "kg"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)

    with EmbeddedServer(data_dir) as server:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_ISSOCK((data_dir / "kg.sock").stat().st_mode)
        assert server.pid is not None and _alive(server.pid)
        assert not (_socket_inodes(server.pid) & _tcp_listening_inodes())
        db = server.connect()
        assert db.connection.config_get("port") == {"port": "0"}
        assert db.connection.config_get("appendonly") == {"appendonly": "no"}
        db.connection.close()
        pid = server.pid

    _wait_gone(pid)
    assert not (data_dir / "kg.sock").exists()


def test_a_second_user_reuses_the_running_server(embedded_server: EmbeddedServer) -> None:
    with EmbeddedServer(embedded_server.data_dir) as second:
        assert second.pid == embedded_server.pid
    # The session's share keeps the server up after the second user leaves.
    assert _alive(embedded_server.pid)
    db = embedded_server.connect()
    assert db.connection.ping()
    db.connection.close()


def test_the_last_user_out_stops_the_server(data_dir: Path) -> None:
    first = EmbeddedServer(data_dir).start()
    second = EmbeddedServer(data_dir).start()
    pid = first.pid
    assert second.pid == pid

    first.stop()
    assert _alive(pid)
    second.stop()
    _wait_gone(pid)
    assert not (data_dir / "kg.sock").exists()


def test_recovers_after_the_server_was_killed(data_dir: Path) -> None:
    first = EmbeddedServer(data_dir).start()
    old_pid = first.pid
    os.kill(old_pid, signal.SIGKILL)
    _wait_gone(old_pid)
    assert (data_dir / "kg.sock").exists() and (data_dir / "redis.pid").exists()  # left behind

    with EmbeddedServer(data_dir) as again:
        assert again.pid != old_pid
        db = again.connect()
        assert db.connection.ping()
        db.connection.close()
    first.stop()


def test_a_pid_file_naming_another_program_is_treated_as_stale(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "redis.pid").write_text(f"{os.getpid()}\n")  # alive, but not a redis-server
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(data_dir / "kg.sock"))  # a socket file nobody listens on
    dead.close()

    with EmbeddedServer(data_dir) as server:
        assert server.pid != os.getpid()
        assert int((data_dir / "redis.pid").read_text()) == server.pid
    assert _alive(os.getpid())


def test_a_server_that_cannot_start_reports_its_log(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "graph.rdb").write_bytes(b"this is not a redis dump")

    with pytest.raises(StoreError, match="did not start") as info:
        EmbeddedServer(data_dir).start()
    assert "Server log" in str(info.value)


def test_a_data_dir_too_deep_for_a_socket_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / ("x" * (MAX_SOCKET_PATH - len(str(tmp_path))))
    with pytest.raises(StoreError, match="shorter --data-dir"):
        EmbeddedServer(deep).start()
    assert not deep.exists()


def test_the_graph_survives_a_restart(data_dir: Path) -> None:
    with open_store(None, data_dir) as store:
        store.replace_graph(NODES, EDGES)
        pid = store._server.pid
    _wait_gone(pid)

    with open_store("embedded", data_dir) as store:
        assert store.has_graph()
        result = store.run("MATCH (p:Person)-[r:LEADS]->(o) RETURN p.name, r, o.name")
        assert result.rows == (
            (
                "Orla Brightwater",
                {
                    "_type": "relationship",
                    "type": "LEADS",
                    "source": "person:orla",
                    "target": "org:tidewell",
                    "properties": {"key": "leads:orla:tidewell"},
                },
                "Tidewell Fund",
            ),
        )


def test_only_one_build_at_a_time(store: FalkorStore, embedded_server: EmbeddedServer) -> None:
    other = EmbeddedServer(embedded_server.data_dir)  # another user of the same data dir
    with store.build_lock():
        with pytest.raises(StoreError, match="another kg build is running"):
            with other.build_lock():
                pass
    with other.build_lock():  # free again once the first build is done
        pass


def test_open_store_chooses_the_backend_from_the_url(tmp_path: Path, data_dir: Path) -> None:
    elsewhere = tmp_path / "other"
    with open_store(f"embedded:{elsewhere}", data_dir, graph="notes") as store:
        assert store.url == f"embedded:{elsewhere}"
        assert (elsewhere / "kg.sock").exists()
        assert not data_dir.exists()
    with pytest.raises(UsageError, match="contains a password") as refused:
        open_store("neo4j://user:secret@db.example:7687", data_dir)
    assert "secret" not in str(refused.value)
    with pytest.raises(UsageError, match="known schemes: .*embedded") as info:
        open_store("sqlite://user:secret@somewhere", data_dir)
    assert "secret" not in str(info.value)


def test_bad_graph_names_are_usage_errors(embedded_server: EmbeddedServer) -> None:
    for name in ("", "has space", "kg__building", "a/b"):
        with pytest.raises(UsageError, match="graph name"):
            FalkorStore(embedded_server, graph=name)


def test_a_server_that_stops_answering_mid_write_is_restarted_and_the_write_done(data_dir: Path) -> None:
    # FalkorDB can deadlock (every thread waiting) while a graph is written; a stopped process
    # answers no more than a deadlocked one does.
    with EmbeddedServer(data_dir) as server, FalkorStore(server) as store:
        store.replace_graph(NODES[:1], [])
        stuck = server.pid
        store.write_timeout = 1.0
        os.kill(stuck, signal.SIGSTOP)
        try:
            store.replace_graph(NODES, EDGES)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(stuck, signal.SIGCONT)
        assert server.pid != stuck and not _alive(stuck)
        result = store.run("MATCH (p:Person)-[:LEADS]->(o) RETURN p.name, o.name")
        assert result.rows == (("Orla Brightwater", "Tidewell Fund"),)
