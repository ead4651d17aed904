"""Prepared-query latency on graphs of several sizes, against a trivial query's round trip.

    python bench/bench_queries.py [--scales 1,10,100] [--work /tmp/kg-bench] [--runs 30]
                                  [--queries neighbourhood,bridges] [--server] [--dense]

Builds the synthetic corpus at each size (as dense as real notes, or with --dense naming someone
in every sentence; unless bench_build.py or an earlier run already did, in
the same --work folder: an existing corpus and graph are reused as they are), then runs every
prepared query (or those named by --queries) with parameters picked from the graph (of the ten
best-connected entities of the right label, the one whose answer has the most rows) and prints
p50/p95 per query, with a warning for any query whose answer is empty. The baseline is `RETURN 1`
over the same connection: the floor of any query. Times are as `kg query run` sees them, less
the one-off lookup of entity names: the store's round trip and the conversion of every row.
With --server, each line also gives the rows returned and the p50 of the server's own execution
time (from FalkorDB's statistics, as many extra runs): the rest is the reply's transfer and decoding.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import synthetic_corpus  # noqa: E402

# Parameter name -> the label of the entity it names.
_LABELS = {
    "organisation": "Organisation",
    "person": "Person",
    "cell": "Cell",
    "concept": "Concept",
    "meeting": "Meeting",
    "first": "Person",
    "second": "Organisation",
    "entity": "Organisation",
}


def _candidates(store, label: str, k: int = 10) -> list[str]:
    """The ``k`` best-connected entities of ``label``."""
    rows = store.run(f"MATCH (n:{label})-[e]-() RETURN n.id AS id, count(e) AS d ORDER BY d DESC, id LIMIT {k}").rows
    return [row[0] for row in rows]


def _pick(store, query, bind_params) -> dict | None:
    """Entity parameters for ``query``: of the best-connected entities of each one's label, the
    one whose answer has the most rows (the slow case, never an empty answer when there is a
    full one), chosen one parameter at a time; None when the graph has no entity of a kind."""
    params = [p for p in query.params if p.type == "entity"]
    choices = {p.name: _candidates(store, _LABELS.get(p.name, "Organisation")) for p in params}
    if any(not c for c in choices.values()):
        return None
    for p in params:
        if not p.required:
            choices[p.name].append(None)  # left out: often the largest answer ("every cell")
    given = {name: c[0] for name, c in choices.items()}

    def rows(values: dict) -> int:
        bound = bind_params(query, {k: v for k, v in values.items() if v is not None}, store)
        return len(store.run(query.text, bound).rows)

    for p in params:
        given[p.name] = max(choices[p.name], key=lambda value: rows({**given, p.name: value}))
    return {k: v for k, v in given.items() if v is not None}


def _server_ms(store, text: str, params: dict) -> float:
    """The embedded server's own execution time of one run, from the statistics of its reply."""
    from graph.stores.falkor import _params_header

    reply = store._db.connection.execute_command(
        "GRAPH.RO_QUERY", store.graph, _params_header(params) + text, "--compact"
    )
    line = next(s for s in reply[-1] if "internal execution time" in s)
    return float(line.split(": ")[1].split(" ")[0])


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench(data_dir: Path, runs: int, names: list[str] | None = None, server: bool = False) -> None:
    from graph.query.prepared import load_library
    from graph.query.running import bind_params
    from graph.stores import open_store

    library = load_library()
    for name in names or ():
        library.get(name)  # an unknown name fails here, listing the known ones
    with open_store(None, data_dir) as store:
        base = []
        for _ in range(runs):
            t = time.perf_counter()
            store.run("RETURN 1")
            base.append(time.perf_counter() - t)
        b50 = statistics.median(base)
        print(f"  {'baseline RETURN 1':28} p50 {b50 * 1e3:7.2f} ms")
        worst = 0.0
        for name in names or library.names():
            query = library.get(name)
            given = _pick(store, query, bind_params)
            if given is None:
                print(f"  {name:28} (skipped: the graph has no entity of the kind it asks for)")
                continue
            bound = bind_params(query, given, store)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                store.run(query.text, bound)
                times.append(time.perf_counter() - t)
            p50, p95 = statistics.median(times), _percentile(times, 0.95)
            worst = max(worst, p95)
            rows = len(store.run(query.text, bound).rows)
            extra = ""
            if server:
                own = statistics.median(_server_ms(store, query.text, bound) for _ in range(runs))
                extra = f"  rows {rows:6}  server p50 {own:7.2f} ms"
            if not rows:
                extra += "  (empty answer: this graph cannot exercise it)"
            print(f"  {name:28} p50 {p50 * 1e3:7.2f} ms  p95 {p95 * 1e3:7.2f} ms  ({p50 / b50:6.1f}x baseline){extra}")
        print(f"  slowest p95 {worst * 1e3:.1f} ms (target < 100 ms at 100x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--queries", default="", help="comma-separated query names (default: every one)")
    parser.add_argument("--server", action="store_true", help="also show rows and the server's own time per query")
    parser.add_argument(
        "--dense", action="store_true", help="synthetic notes that name someone in every sentence (a stress test)"
    )
    args = parser.parse_args()
    names = [n.strip() for n in args.queries.split(",") if n.strip()] or None
    for scale in (float(s) for s in args.scales.split(",")):
        corpus, data = synthetic_corpus(args.work, scale, args.dense)
        if not (data / "graph.rdb").exists():
            subprocess.run(
                [sys.executable, "-m", "graph.cli", "--data-dir", str(data), "build", "-q", str(corpus)],
                check=True,
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
            )
        print(f"{scale:g}x{' (dense)' if args.dense else ''}")
        bench(data, args.runs, names, args.server)


if __name__ == "__main__":
    main()
