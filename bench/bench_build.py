"""Build benchmarks: every figure is printed beside a baseline measured in the same run.

    python bench/bench_build.py [--scales 1,10,100] [--work /tmp/kg-bench]

- extraction throughput against spaCy's bare tokenizer on the same text (the floor of any
  spaCy pass), and against a statistical pipeline when one is installed (en_core_web_sm);
- end-to-end `kg build` time and peak memory at each corpus size (cost should grow linearly:
  the MB/s column should stay flat);
- batched store writes against a naive one-statement-per-row baseline.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import write_corpus  # noqa: E402


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def extraction_throughput(folder: Path) -> None:
    import spacy

    from loaders import load_file
    from loaders.extract import make_extractor

    docs = [load_file(p) for p in sorted(folder.glob("*.txt"))]
    chars = sum(len(d.text) for d in docs)
    nlp = spacy.blank("en")
    t = time.perf_counter()
    for d in docs:
        nlp.tokenizer(d.text)
    base = chars / (time.perf_counter() - t)
    extractor = make_extractor()
    t = time.perf_counter()
    for d in docs:
        extractor.extract(d)
    ours = chars / (time.perf_counter() - t)
    print(f"extraction      {ours / 1e6:8.3f} MB/s   bare tokenizer {base / 1e6:8.3f} MB/s   ratio {ours / base:6.1%}  (target >= 25%)")
    if spacy.util.is_package("en_core_web_sm"):
        stat = spacy.load("en_core_web_sm")
        t = time.perf_counter()
        for _ in stat.pipe((d.text for d in docs), batch_size=16):
            pass
        sm = chars / (time.perf_counter() - t)
        print(f"                statistical en_core_web_sm {sm / 1e6:8.3f} MB/s   kg is {ours / sm:5.1f}x its speed")
    else:
        print("                (no statistical spaCy model installed: that comparison is skipped)")


def end_to_end(work: Path, scales: list[float]) -> None:
    kg = [sys.executable, "-m", "graph.cli"]
    print(f"{'scale':>6} {'files':>6} {'MB':>7} {'build s':>8} {'MB/s':>7} {'peak MB':>8}   (targets at 100x: >= 1 MB/s, < 2048 MB)")
    for scale in scales:
        corpus = work / f"corpus-{scale:g}x"
        if not corpus.exists():
            write_corpus(corpus, scale)
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        files = len(list(corpus.glob("*.txt")))
        data = work / f"d{scale:g}"
        shutil.rmtree(data, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([*kg, "--data-dir", str(data), "build", "-q", "--full", str(corpus)], check=True,
                       stdout=subprocess.DEVNULL, cwd=ROOT)
        seconds = time.perf_counter() - t
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        print(f"{scale:>5g}x {files:>6} {size / 1e6:7.2f} {seconds:8.2f} {size / 1e6 / seconds:7.2f} {peak:8.0f}")


def batched_writes(work: Path) -> None:
    from graph.stores.embedded import EmbeddedServer
    from graph.stores.falkor import FalkorStore

    n = 3000
    nodes = [{"id": f"p{i}", "label": "Person", "props": {"name": f"Person {i}", "aliases": [f"P{i}"]}} for i in range(n)]
    edges = [{"type": "ROLE_AT", "source": f"p{i}", "target": f"p{(i * 7) % n}", "source_label": "Person",
              "target_label": "Person", "key": f"k{i}", "props": {"quotes": [f"q{i}"]}} for i in range(n)]
    data = work / "dw"
    shutil.rmtree(data, ignore_errors=True)
    with EmbeddedServer(data) as server:
        store = FalkorStore(server, graph="bench")
        t = time.perf_counter()
        store.replace_graph(nodes, edges)
        batched = time.perf_counter() - t
        g = server.connect().select_graph("naive")
        t = time.perf_counter()
        g.query("CREATE INDEX FOR (n:Person) ON (n.id)")
        for row in nodes:
            g.query("MERGE (n:Person {id: $id}) SET n += $props", {"id": row["id"], "props": row["props"]})
        for row in edges:
            g.query("MATCH (a:Person {id: $s}), (b:Person {id: $t}) MERGE (a)-[e:ROLE_AT {key: $k}]->(b) SET e += $p",
                    {"s": row["source"], "t": row["target"], "k": row["key"], "p": row["props"]})
        naive = time.perf_counter() - t
        store.close()
    print(f"store writes    batched {batched:6.2f} s   one statement per row {naive:6.2f} s   speed-up {naive / batched:5.1f}x  (target >= 20x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10", help="comma-separated corpus sizes (x the example corpus)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    scales = [float(s) for s in args.scales.split(",")]
    one = args.work / "corpus-1x"
    if not one.exists():
        write_corpus(one, 1)
    extraction_throughput(one)
    batched_writes(args.work)
    end_to_end(args.work, scales)


if __name__ == "__main__":
    main()
