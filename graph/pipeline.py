"""``build``: files in, a resolved graph written atomically to a store, and a report out."""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import networkx as nx

from loaders import Skipped, discover
from loaders.catalogue import Catalogue, load_catalogue
from loaders.document import Document
from loaders.errors import UsageError
from loaders.records import Entity, Evidence, Extraction

from .cache import ExtractionCache, extractor_fingerprint
from .export import iter_store_rows
from .history import record_build
from .model import build_graph
from .workers import FileWorker, cpu_count, outcomes, pooled

__all__ = ["BuildReport", "GraphBuild", "Progress", "build", "build_graph_from_paths", "display_paths"]

# progress(stage, done, total): stage is "extracting" (counting files read and extracted, or
# taken from the cache) or "writing" (counting rows written to the store).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build read, made and skipped."""

    documents: int
    sections: int
    nodes: dict[str, int]
    edges: dict[str, int]
    skipped: tuple[Skipped, ...]
    seconds: float
    store: str
    low_confidence: int = 0  # facts (not mentions) whose best evidence is weak
    extracted: int = 0  # documents extracted afresh; the rest came unchanged from the cache
    ignored: dict[str, int] = field(default_factory=dict)  # files of unsupported types, per suffix
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class GraphBuild:
    """A graph made from files, before it is stored, with what went into it."""

    graph: nx.MultiDiGraph
    documents: tuple[Document, ...]  # without their text, which is not kept after extraction
    skipped: tuple[Skipped, ...]
    catalogue: Catalogue
    extracted: int  # documents extracted afresh (the others came from the cache)
    ignored: dict[str, int]  # files of unsupported types found in folders, per suffix


def display_paths(files: Sequence[Path], roots: Sequence[Path]) -> dict[Path, str]:
    """How each file is named in evidence: relative to the folder it was found in.

    Naming files relative to the folder the user gave keeps exports identical wherever the
    corpus lives; a file given directly is named by its file name.
    """
    names: dict[Path, str] = {}
    resolved_roots = [(r, r.resolve()) for r in roots if r.is_dir()]
    for f in files:
        rf = f.resolve()
        name = f.name
        for _root, rroot in resolved_roots:
            try:
                name = rf.relative_to(rroot).as_posix()
                break
            except ValueError:
                continue
        names[f] = name
    return names


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector; reference counting still frees everything we drop.

    Building makes millions of small objects that live to the end (evidence, graph
    attributes, rows) and no cycles: the collector's passes over them, triggered by the
    allocations alone, took about half of the time of making the graph.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _is_unsupported(item: Skipped) -> bool:
    return item.reason.startswith("unsupported file type")


def _discover(
    paths: Sequence[Path], exclude: Sequence[Path] = ()
) -> tuple[list[Path], dict[Path, str], list[Skipped], dict[str, int]]:
    """The files to read under ``paths`` (not under ``exclude``), how evidence names them,
    what could not be listed, and how many files of each unsupported type were found in
    folders: those are counted, not listed one by one."""
    files, found_skipped = discover(paths)
    excluded = [e.resolve() for e in exclude]

    def kept(path: str | Path) -> bool:
        # kg's own data directory inside a corpus folder holds no documents.
        real = Path(path).resolve()
        return not any(real == e or e in real.parents for e in excluded)

    files = [f for f in files if kept(f)]
    explicit = {p.resolve() for p in paths if not p.is_dir()}
    skipped: list[Skipped] = []
    ignored: dict[str, int] = {}
    for item in found_skipped:
        if not kept(item.path):
            continue
        if _is_unsupported(item) and Path(item.path).resolve() not in explicit:
            suffix = Path(item.path).suffix.lower() or "(no extension)"
            ignored[suffix] = ignored.get(suffix, 0) + 1
        else:
            skipped.append(item)
    return files, display_paths(files, paths), skipped, dict(sorted(ignored.items()))


def _shared_strings(x: Extraction, memo: dict[str, str]) -> Extraction:
    """``x`` with each repeated text (paths, section titles, rules, names, quotes) one object.

    Extractions come from other processes or from the cache as fresh copies of every string;
    the same few values repeat in every piece of evidence, and the graph keeps them all.
    """
    one = memo.setdefault

    def ev(e: Evidence) -> Evidence:
        return Evidence(one(e.document, e.document), one(e.section, e.section), one(e.quote, e.quote),
                        e.start, e.end, one(e.rule, e.rule), e.confidence)

    entities = tuple(
        Entity(one(e.label, e.label), one(e.name, e.name), e.section, e.aliases, tuple(map(ev, e.mentions)), e.attrs)
        for e in x.entities
    )
    relations = tuple(replace(r, type=one(r.type, r.type), evidence=ev(r.evidence)) for r in x.relations)
    return replace(x, entities=entities, relations=relations)


def _read_and_extract(
    files: Sequence[Path],
    names: dict[Path, str],
    model: str | None,
    catalogue: Catalogue,
    progress: Progress | None,
    cache: ExtractionCache | None,
    jobs: int,
) -> tuple[list[Document], list[Extraction], list[Skipped], int]:
    """Documents (without text) and their extractions, what was skipped, and how many were fresh.

    A file whose content repeats an earlier one's is skipped, as the later of the two.
    """
    documents: list[Document] = []
    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    memo: dict[str, str] = {}
    fresh = 0
    results = outcomes(files, names, FileWorker(model, catalogue, cache), jobs)
    try:
        # With a pool, this process only unpickles results; spaCy, extracting here, may make cycles.
        with _no_cycle_collection() if pooled(jobs, files) else nullcontext():
            for i, outcome in enumerate(results, 1):
                path = files[i - 1]
                doc = outcome.document
                if doc is not None and doc.id in seen:
                    skipped.append(Skipped(str(path), f"same content as {seen[doc.id]}"))
                else:
                    if doc is not None:
                        seen[doc.id] = doc.path
                    if outcome.skipped is not None:
                        skipped.append(outcome.skipped)
                    else:
                        assert doc is not None and outcome.extraction is not None
                        documents.append(doc)
                        extractions.append(_shared_strings(outcome.extraction, memo))
                        fresh += outcome.fresh
                    if cache and outcome.cache_key:
                        cache.used.add(outcome.cache_key)
                if progress:
                    progress("extracting", i, len(files))
    finally:
        results.close()  # stops the pool at once, whatever happened above
    return documents, extractions, skipped, fresh


def build_graph_from_paths(
    paths: Iterable[str | Path],
    *,
    catalogue: str | Path | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    exclude: Sequence[Path] = (),
    jobs: int | None = 1,
) -> GraphBuild:
    """Read, extract and resolve: the graph of the given files and folders, not yet stored.

    With ``cache_dir``, documents whose content, name and extractor are unchanged are not
    extracted again. Nothing under ``exclude`` is read.

    Files are read and extracted by ``jobs`` processes: 1 (the default) is this one alone,
    ``None`` one per CPU when there are enough files to share (16 or more); the graph is the
    same whatever the number. As with any use of
    Python's multiprocessing, a script that asks for more must guard its main code with
    ``if __name__ == "__main__":`` (each worker process imports the script).

    Raises:
        UsageError: no path was given, ``jobs`` is not positive, or no document could be read.
    """
    roots = [Path(p) for p in paths]
    if not roots:
        raise UsageError("name at least one file or folder to build from")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise UsageError(f"jobs must be a positive whole number (1 extracts in this process), not {jobs!r}")
    cat = load_catalogue(catalogue) if catalogue else Catalogue()
    files, names, skipped, ignored = _discover(roots, exclude)
    cache = ExtractionCache(cache_dir, extractor_fingerprint(cat, model), read=use_cache) if cache_dir else None
    # Starting a worker costs about a second (it loads spaCy and the rules), which only pays
    # off with enough files to share; an explicit number of jobs is always honoured.
    auto = cpu_count() if len(files) >= _FILES_PER_POOL else 1
    workers = min(jobs or auto, len(files))
    documents, extractions, failed, fresh = _read_and_extract(files, names, model, cat, progress, cache, workers)
    skipped.extend(failed)
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
        raise UsageError(
            "no readable documents in " + ", ".join(map(str, roots)) + (f" ({reasons})" if reasons else "")
            + ". kg reads .txt, .md, .html, .docx and .pdf files."
        )
    if cache:
        cache.prune()
    with _no_cycle_collection():
        G = build_graph(documents, extractions, cat, catalogue_name=Path(cat.path).name if cat.path else "catalogue")
    return GraphBuild(G, tuple(documents), tuple(skipped), cat, fresh, ignored)


_FILES_PER_POOL = 16  # fewer files than this are extracted in this process unless jobs is given


def _kg_version() -> str:
    try:
        return version("kg")
    except PackageNotFoundError:
        return "unknown"


def build(
    paths: Iterable[str | Path],
    store,
    *,
    catalogue: str | Path | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    data_dir: Path | None = None,
    use_cache: bool = True,
    jobs: int | None = 1,
) -> BuildReport:
    """Build the graph of ``paths`` and replace the store's graph with it, atomically.

    The previous graph stays in place until the new one is complete; a broken file is reported
    in the result's ``skipped`` and the rest of the corpus still builds. With ``data_dir``,
    unchanged documents come from the extraction cache there (unless ``use_cache`` is False)
    and the build is recorded in its history for ``kg diff``. ``jobs`` is as for
    :func:`build_graph_from_paths` (``kg build`` passes ``None``, one process per CPU, by default).
    """
    cache_dir = data_dir / "cache" if data_dir is not None else None
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    with store.build_lock():
        made = build_graph_from_paths(
            paths, catalogue=catalogue, model=model, progress=progress, cache_dir=cache_dir, use_cache=use_cache,
            exclude=[data_dir] if data_dir is not None else [], jobs=jobs,
        )
        G, documents = made.graph, made.documents
        meta = {
            "built_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            "sources": [str(p) for p in paths],
            "documents": [d.path for d in sorted(documents, key=lambda d: d.path)],
            "sha256": [d.sha256 for d in sorted(documents, key=lambda d: d.path)],
            "catalogue": made.catalogue.path,
            "model": model or "",
            "kg_version": _kg_version(),
        }
        nodes, edges = iter_store_rows(G, meta)

        def on_batch(done: int, total: int) -> None:
            if progress:
                progress("writing", done, total)

        with _no_cycle_collection():
            store.replace_graph(nodes, edges, progress=on_batch)
            if data_dir is not None:
                record_build(data_dir, G, meta)
    labels = Counter(d["label"] for _, d in G.nodes(data=True))
    types = Counter(d["type"] for _, _, d in G.edges(data=True))
    return BuildReport(
        documents=len(documents),
        sections=sum(len(d.sections) for d in documents),
        nodes=dict(sorted(labels.items())),
        edges=dict(sorted(types.items())),
        skipped=tuple(sorted(made.skipped, key=lambda s: s.path)),
        seconds=round(time.perf_counter() - started, 2),
        store=store.url,
        extracted=made.extracted,
        ignored=made.ignored,
        low_confidence=sum(1 for _, _, d in G.edges(data=True) if d.get("low_confidence") and d["type"] != "MENTIONS"),
    )
