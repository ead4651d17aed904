"""Make the README's figures from the example corpus: ``python docs/make_figures.py``.

Builds the example corpus (default ``../shared/corpus`` beside the repository) into a temporary
data folder and draws the board-ready map the README shows, ``docs/board-map.png``, with
``kg map`` exactly as a user would. Run it again after a change to extraction or to the maps;
the graph's build date in the map's footnote changes with each run, nothing else does.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CORPUS = ROOT.parent / "shared" / "corpus"

# The README's figure: what a foundation's board paper would show of its network.
FIGURES = {
    "board-map.png": [
        "map",
        "--focus",
        "Lankelly Chase",
        "--depth",
        "2",
        "--title",
        "Lankelly Chase: its partners, funding and people",
    ],
}


def kg(data_dir: Path, *args: str) -> None:
    """Run one kg command on ``data_dir``, stopping at the first that fails."""
    command = [sys.executable, "-m", "graph.cli", "--data-dir", str(data_dir), *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"the example corpus [default: {CORPUS}]")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"the example corpus is not at {args.corpus}; give --corpus DIR")
    # A short path: the embedded store's unix socket lives in the data folder.
    root = Path(tempfile.mkdtemp(prefix="kg-figures-", dir="/tmp"))
    try:
        kg(root / "data", "build", "-q", str(args.corpus))
        for name, command in FIGURES.items():
            kg(root / "data", *command, "-o", str(DOCS / name))
            print(f"Wrote {DOCS / name}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
