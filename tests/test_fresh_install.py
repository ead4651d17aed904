"""kg installs and works from the project's own files in a brand-new virtual environment.

The rest of the suite runs in whatever environment the developer made, where a package
installed by hand can stand in for one the project forgot to declare (trafilatura once lost
lxml.html.clean that way, and every web page was read with its menus and footer). This test
installs a copy of the project, without its test extra, into a new venv and uses it: every
dependency declared, the queries and lexicon data shipped. It downloads nothing the README's
test command has not just downloaded (pip's cache), but still takes a minute or more.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus_factory import write_corpus
from tests.helpers import short_data_dir
from tests.optional import ROOT

pytestmark = pytest.mark.slow

# What a developer's checkout holds beside the project's own files.
_NOT_THE_PROJECT = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "kg-data",
    "*.pyc",
)

_READ_A_WEB_PAGE = """
import sys
from loaders import load_file
doc = load_file(sys.argv[1])
print(doc.title)
print(doc.text)
"""


def _run(*args: str | Path, timeout: float = 900) -> str:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_a_fresh_install_reads_builds_and_queries(tmp_path: Path) -> None:
    project = tmp_path / "kg"
    shutil.copytree(ROOT, project, ignore=_NOT_THE_PROJECT)
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    _run(venv / "bin" / "pip", "install", "--quiet", "--no-compile", project)  # no .pyc: seconds saved

    corpus = write_corpus(tmp_path / "corpus")
    # trafilatura reads the page's main text: its menu and footer are left out
    page = _run(venv / "bin" / "python", "-c", _READ_A_WEB_PAGE, corpus / "meadow.html")
    assert "Samira Doyle, Programme Lead at Meadow Network" in page
    assert "About us" not in page and "Cookie settings" not in page

    kg = venv / "bin" / "kg"
    with short_data_dir() as data:
        assert "Built the graph from 4 documents" in _run(kg, "--data-dir", data, "build", "-q", corpus)
        assert "Person" in _run(kg, "--data-dir", data, "stats")
        timeline = _run(kg, "--data-dir", data, "query", "run", "timeline", "--format", "csv")
        assert "Harbour Cell 2" in timeline
