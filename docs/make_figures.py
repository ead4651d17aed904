"""Make the README's figures from the example corpus: ``python docs/make_figures.py``.

Builds the example corpus (default ``../shared/corpus`` beside the repository) into a temporary
data folder and draws the board-ready map the README shows, ``docs/board-map.png``, with
``kg map`` exactly as a user would. Run it again after a change to extraction or to the maps;
the graph's build date in the map's footnote changes with each run, nothing else does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CORPUS = ROOT.parent / "shared" / "corpus"

# The organisation a board paper would be about: the one with the most funding and partnership
# ties in the graph (the figure's subject comes from the data, not from this script).
BUSIEST = (
    "MATCH (o:Organisation)-[r:FUNDED|PARTNERED_WITH]-() "
    "RETURN o.name AS name, count(r) AS ties ORDER BY ties DESC, name LIMIT 1"
)


def kg(data_dir: Path, *args: str) -> str:
    """Run one kg command on ``data_dir`` and return what it printed, stopping at the first that fails."""
    command = [sys.executable, "-m", "graph.cli", "--data-dir", str(data_dir), *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def board_map(data_dir: Path, focus: str | None) -> list[str]:
    """The ``kg map`` command of the README's figure: one organisation's network, two steps out."""
    if focus is None:
        rows = json.loads(kg(data_dir, "cypher", BUSIEST, "--format", "json"))
        if not rows:
            sys.exit("the built graph has no funding or partnership ties to draw; give --focus NAME")
        focus = rows[0]["name"]
    return ["map", "--focus", focus, "--depth", "2", "--title", f"{focus}: its partners, funding and people"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"the example corpus [default: {CORPUS}]")
    parser.add_argument("--focus", help="the organisation to map [default: the one with the most ties]")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"the example corpus is not at {args.corpus}; give --corpus DIR")
    # A short path: the embedded store's unix socket lives in the data folder.
    root = Path(tempfile.mkdtemp(prefix="kg-figures-", dir="/tmp"))
    try:
        kg(root / "data", "build", "-q", str(args.corpus))
        out = DOCS / "board-map.png"
        kg(root / "data", *board_map(root / "data", args.focus), "-o", str(out))
        print(f"Wrote {out}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
