"""The code passes ruff's checks and is laid out as ruff format lays it out, with the project's
settings in pyproject.toml."""

import subprocess
import sys

from tests.optional import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_ruff_finds_nothing():
    proc = _ruff("check", "--no-cache", "--output-format", "concise")
    assert proc.returncode == 0, (
        f"ruff check found problems (fix them, or run `ruff check --fix`):\n{proc.stdout}{proc.stderr}"
    )


def test_the_code_is_formatted():
    proc = _ruff("format", "--check", "--no-cache")
    assert proc.returncode == 0, (
        f"ruff format would change these files (run `ruff format`):\n{proc.stdout}{proc.stderr}"
    )
