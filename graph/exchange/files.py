"""Writing an export's files whole: a reader never sees half a file."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from loaders.errors import UsageError

__all__ = ["atomic_write", "csv_text", "make_folder"]


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so readers never see half a file: it is
    written beside the target, then renamed over it.

    Raises:
        UsageError: the file (or its folder) cannot be written there.
    """
    make_folder(path.parent)
    tmp = path.with_name(path.name + ".part")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8", newline="")
        else:
            tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}; choose another file name or folder") from None


def make_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if missing.

    Raises:
        UsageError: it cannot be made (a file is in the way, or no permission).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder {folder}: {exc.strerror or exc}; choose another place") from None


def csv_text(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text with a header row, lines ending in a bare newline."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
