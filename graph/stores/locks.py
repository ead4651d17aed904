"""A lock on a file that a second holder is refused at once rather than made to wait.

Builds use it: a second build on the same data folder is told another is running, instead of
sitting silent, and neither can prune the other's cache entries or interleave its history.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from loaders.errors import StoreError

__all__ = ["held_or_refused"]


@contextlib.contextmanager
def held_or_refused(path: Path, busy: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (made if missing) for the ``with`` block.

    The lock goes with the process: a build that is killed releases it.

    Raises:
        StoreError: ``busy``, when another process holds the lock; or the file cannot be opened.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {path}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(busy) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
