"""Helpers the test modules share: running the kg command line, and data dirs with short paths."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

from graph.cli import cli


def kg(data_dir: Path | str, *args: str, code: int = 0, env: Mapping[str, str | None] | None = None) -> Result:
    """Run ``kg --data-dir DATA_DIR ARGS...`` in this process and check its exit code (0 unless given).

    ``env`` sets (or, with ``None``, removes) environment variables for the one command.
    """
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], env=env)
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


@contextmanager
def short_data_dir(prefix: str = "kg-") -> Iterator[Path]:
    """A data dir (not yet made) in a new folder right under /tmp, removed afterwards.

    The embedded server's unix socket lives in the data dir, and a socket path may be at most
    108 bytes: pytest's own temporary folders are too deep for it.
    """
    root = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    try:
        yield root / "data"
    finally:
        shutil.rmtree(root, ignore_errors=True)
