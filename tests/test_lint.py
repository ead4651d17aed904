"""The code passes ruff's checks, with the project's settings in pyproject.toml."""

import subprocess
import sys

from tests.optional import ROOT


def test_ruff_finds_nothing():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, (
        f"ruff check found problems (fix them, or run `ruff check --fix`):\n{proc.stdout}{proc.stderr}"
    )
