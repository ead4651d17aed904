"""How long the HTML explorer takes to become interactive in headless Chromium.

    python bench/bench_explorer.py [--sizes 1000,5000]

For each size, a made-up graph is rendered with kg's renderer and opened from a file; the time
is from navigation until the network has been drawn. The baseline is the same browser opening
a page with an empty canvas, measured in the same run. Target: 5,000 nodes in under 5 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


def made_up_graph(n: int, seed: int = 5):
    import networkx as nx

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    labels = ("Person", "Organisation", "Concept", "Place")
    for i in range(n):
        G.add_node(f"n{i}", id=f"n{i}", label=labels[i % 4], name=f"Made Up {i}", aliases=[], documents=[])
    for i in range(1, n):
        for _ in range(2):
            j = rng.randrange(i)
            etype = ("MEMBER_OF", "PARTNERED_WITH", "ROLE_AT")[rng.randrange(3)]
            G.add_edge(f"n{i}", f"n{j}", key=etype, type=etype, count=1)
    return G


def main() -> None:
    from playwright.sync_api import sync_playwright

    from graph.render.explorer import render_html
    from graph.render.view import to_view

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Chromium is not installed (apt-get install -y chromium)")
    work = Path(tempfile.mkdtemp(prefix="kg-explorer-"))
    empty = work / "empty.html"
    empty.write_text("<!doctype html><canvas></canvas><script>document.body.setAttribute('data-drawn','yes')</script>")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)

        def open_time(path: Path) -> float:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-drawn=yes]", timeout=120_000)
            seconds = time.perf_counter() - start
            page.close()
            return seconds

        base = min(open_time(empty) for _ in range(3))
        print(f"baseline (empty page)  {base:6.3f} s")
        for size in (int(s) for s in args.sizes.split(",")):
            t = time.perf_counter()
            html = render_html(to_view(made_up_graph(size)))
            render = time.perf_counter() - t
            page = work / f"g{size}.html"
            page.write_text(html, encoding="utf-8")
            seconds = open_time(page)
            print(
                f"{size:6} nodes  render {render:6.2f} s   interactive {seconds:6.2f} s  "
                f"({seconds / base:6.1f}x baseline)"
                f"   {len(html) / 1e6:5.1f} MB"
            )
        browser.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
