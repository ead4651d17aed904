"""``build``: files in, a resolved graph written atomically to a store, and a report out."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import networkx as nx

from graph.builder.cache import ExtractionCache, extractor_fingerprint, shared_values
from graph.builder.discovery import find_files
from graph.builder.workers import FileWorker, Outcome, cpu_count, outcomes, pooled
from graph.collector import collector_paused
from graph.history.builds import list_builds, prepare_build
from graph.model.assemble import build_graph
from graph.model.usage import DocumentUsage
from graph.stores.graph_rows import iter_store_rows
from graph.stores.locks import held_or_refused
from loaders import Skipped, shown_path
from loaders.catalogue import Catalogue, load_catalogue
from loaders.document import Document, content_id
from loaders.errors import IncompleteBuild, UsageError
from loaders.readers import supported
from loaders.reading import MAX_BYTES
from loaders.records import Extraction

__all__ = ["BuildReport", "GraphBuild", "Progress", "build", "build_graph_from_paths"]

# progress(stage, done, total): stage is "extracting" (counting bytes of the files read and
# extracted, or taken from the cache), "building" (percent of the graph made), "recording" (nodes and edges
# saved to the build history) or "writing" (counting rows written to the store).
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
    # files of the last build from the same sources that this one no longer found (deleted, moved)
    gone: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GraphBuild:
    """A graph made from files, before it is stored, with what went into it."""

    graph: nx.MultiDiGraph
    documents: tuple[Document, ...]  # without their text, which is not kept after extraction
    skipped: tuple[Skipped, ...]
    catalogue: Catalogue
    extracted: int  # documents extracted afresh (the others came from the cache)
    ignored: dict[str, int]  # files of unsupported types found in folders, per suffix


def _cached_entries(files: Sequence[Path], names: dict[Path, str], cache: ExtractionCache | None) -> dict[Path, str]:
    """The cache entry of each file that has one: a file is read and hashed, not parsed."""
    found: dict[Path, str] = {}
    if cache is None or not cache.read:
        return found
    for path in files:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError:
            continue  # reading it again will say why it cannot be read
        if len(data) > MAX_BYTES:
            continue  # too large to load: reading it again says so
        key = cache.entry(content_id(data)[1], names[path])
        if cache.has(key):
            found[path] = key
    return found


def _read_and_extract(
    files: Sequence[Path],
    names: dict[Path, str],
    model: str | None,
    catalogue: Catalogue,
    progress: Progress | None,
    cache: ExtractionCache | None,
    jobs: int | None,
) -> tuple[list[Document], list[Extraction], list[DocumentUsage], list[Skipped], int]:
    """Documents (without text), their extractions and usage evidence, what was skipped, and how
    many were fresh.

    Files unchanged since the last build are taken from the cache here: reading an entry costs
    less than having a worker read it and send it back pickled, and needs no worker at all when
    nothing changed. The others are read and extracted by ``jobs`` processes (see
    :func:`build_graph_from_paths`) meanwhile. A file whose content repeats an earlier one's is
    skipped, as the later of the two.
    """
    gathered = _Gathered()
    cached = _cached_entries(files, names, cache)
    todo = [f for f in files if f not in cached]
    # Starting a worker costs about a second (it loads spaCy and the rules), which only pays
    # off with enough files to share; an explicit number of jobs is always honoured.
    auto = cpu_count() if len(todo) >= _FILES_PER_POOL else 1
    workers = max(1, min(jobs or auto, len(todo)))
    worker = FileWorker(model, catalogue, cache)
    # Progress counts bytes of files, so that one long file extracted here moves the bar too.
    sizes = [_size(path) for path in files]
    total = sum(sizes)
    done = 0
    current = 0  # the size of the file under way

    def within_file(fraction: float) -> None:
        if progress:  # also called for a damaged entry, extracted again here
            progress("extracting", done + int(current * min(fraction, 1.0)), total)

    results = outcomes(todo, names, worker, workers, within_file if progress else None)
    # Only extraction in this process (spaCy) may make cycles; everything else here is
    # millions of small objects that live to the end, which the cycle collector would walk.
    here = bool(todo) and not pooled(workers, todo)
    try:
        with nullcontext() if here else collector_paused():
            for path, size in zip(files, sizes, strict=True):
                current = size
                key = cached.get(path)
                if key is not None:
                    outcome, loaded = _from_cache(cache, key, False, gathered.memo), True
                else:
                    outcome, loaded = next(results), False
                    if outcome.in_cache:  # extracted by a worker, which left it in the cache
                        outcome, loaded = _from_cache(cache, outcome.cache_key, True, gathered.memo), True
                if outcome is None:  # an entry that proves damaged (rare) is extracted here
                    outcome, loaded = worker(path, names[path], within_file), False
                gathered.add(path, outcome, loaded)
                done += size
                if progress:
                    progress("extracting", done, total)
    finally:
        results.close()  # stops the pool at once, whatever happened above
    return gathered.documents, gathered.extractions, gathered.usages, gathered.skipped, gathered.fresh


def _from_cache(cache: ExtractionCache | None, key: str, fresh: bool, memo: dict) -> Outcome | None:
    """The outcome kept in cache entry ``key`` (``fresh``: a worker has just put it there), or
    None when the entry proves damaged."""
    assert cache is not None
    loaded = cache.load(key, memo)
    return Outcome(loaded[0], loaded[1], None, fresh, key, usage=loaded[2]) if loaded else None


@dataclass(slots=True)
class _Gathered:
    """The documents, extractions and usage evidence read so far, and the files skipped."""

    documents: list[Document] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    usages: list[DocumentUsage] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    fresh: int = 0  # documents extracted afresh
    seen: dict[str, str] = field(default_factory=dict)  # document id -> the path first read with it
    memo: dict = field(default_factory=dict)  # one object per repeated text or confidence

    def add(self, path: Path, outcome: Outcome, loaded: bool) -> None:
        """Keep what reading ``path`` gave (``loaded``: from the cache, its values shared already);
        a file whose content repeats an earlier one's is skipped, as the later of the two."""
        doc = outcome.document
        if doc is not None and doc.id in self.seen:
            self.skipped.append(Skipped(shown_path(path), f"{SAME_CONTENT}{self.seen[doc.id]}"))
            return
        if doc is not None:
            self.seen[doc.id] = doc.path
        if outcome.skipped is not None:
            self.skipped.append(outcome.skipped)
            return
        assert doc is not None and outcome.extraction is not None
        self.documents.append(doc)
        self.extractions.append(outcome.extraction if loaded else shared_values(outcome.extraction, self.memo))
        if outcome.usage is not None:
            self.usages.append(outcome.usage)
        self.fresh += outcome.fresh


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say why it cannot be read


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """``progress`` for one stage, as the stage's own work reports it."""
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def _handed_over(items: list) -> Iterator:
    """The items of ``items``, which is left empty: the reader then holds the only references."""
    items.reverse()
    while items:
        yield items.pop()


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
    ``None`` one per CPU when there are enough files to extract (16 or more; files taken from
    the cache do not count); the graph is the same whatever the number. As with any use of
    Python's multiprocessing, a script that asks for more must guard its main code with
    ``if __name__ == "__main__":`` (each worker process imports the script).

    Raises:
        UsageError: no path was given, ``jobs`` is not positive, or no document could be read.
    """
    roots = [Path(p) for p in paths]
    if not roots:
        raise UsageError("name at least one file or folder to build from")
    # A folder named on the command line and not there is a typo or a move: building the rest
    # would quietly drop every fact of that folder from the graph.
    missing = [shown_path(r) for r in roots if not os.path.lexists(r)]
    if missing:
        raise UsageError(
            f"no such file or folder: {', '.join(missing)}. Check the path; nothing was built, and the "
            "graph is as it was."
        )
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise UsageError(f"jobs must be a positive whole number (1 extracts in this process), not {jobs!r}")
    cat = load_catalogue(catalogue) if catalogue else Catalogue()
    files, names, skipped, ignored = find_files(roots, exclude)
    cache = ExtractionCache(cache_dir, extractor_fingerprint(cat, model), read=use_cache) if cache_dir else None
    documents, extractions, usages, failed, fresh = _read_and_extract(files, names, model, cat, progress, cache, jobs)
    skipped.extend(failed)
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
        raise UsageError(
            "no readable documents in "
            + ", ".join(map(str, roots))
            + (f" ({reasons})" if reasons else "")
            + f". kg reads files ending {supported()}."
        )
    if cache:
        cache.prune()
    with collector_paused():
        # Handed over: build_graph lets each extraction go once its facts are gathered.
        G = build_graph(
            documents,
            _handed_over(extractions),
            cat,
            catalogue_name=Path(cat.path).name if cat.path else "catalogue",
            progress=_stage(progress, "building"),
            usage=usages,
        )
    return GraphBuild(G, tuple(documents), tuple(skipped), cat, fresh, ignored)


SAME_CONTENT = "same content as "  # how a file repeating another's is reported, skipped on purpose
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
    strict: bool = False,
) -> BuildReport:
    """Build the graph of ``paths`` and replace the store's graph with it, atomically.

    The previous graph stays in place until the new one is complete; a broken file is reported
    in the result's ``skipped`` and the rest of the corpus still builds, unless ``strict``: then
    any file that could not be read stops the build before the store is touched (a file whose
    content repeats another's is no loss, and does not). With ``data_dir``,
    unchanged documents come from the extraction cache there (unless ``use_cache`` is False)
    and the build is recorded in its history for ``kg diff``. ``jobs`` is as for
    :func:`build_graph_from_paths` (``kg build`` passes ``None``, one process per CPU, by default).

    Raises:
        IncompleteBuild: ``strict``, and some files could not be read (the message lists them).
    """
    cache_dir = data_dir / "cache" if data_dir is not None else None
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    # The store's lock keeps two builds from writing one graph; the data folder's keeps two from
    # sharing one cache and history, whatever the store (a Neo4j server, another embedded folder).
    with store.build_lock(), _data_dir_lock(data_dir):
        made = build_graph_from_paths(
            paths,
            catalogue=catalogue,
            model=model,
            progress=progress,
            cache_dir=cache_dir,
            use_cache=use_cache,
            exclude=[data_dir] if data_dir is not None else [],
            jobs=jobs,
        )
        G, documents = made.graph, made.documents
        skipped, extracted, ignored = made.skipped, made.extracted, made.ignored
        if strict:
            _refuse_unread(skipped)
        meta = _build_record(paths, documents, made.catalogue, model)
        labels, types, low_confidence = _counts(G)
        with collector_paused():
            # The history's export is made first, while the graph is whole; the store then
            # takes the graph's edges as it packs them (rows and graph are never both held
            # whole), and the build joins the history only once the store has the graph.
            recording = (
                prepare_build(data_dir, G, meta, _stage(progress, "recording")) if data_dir is not None else None
            )
            gone = _gone_since_last(data_dir, meta) if data_dir is not None else ()
            if progress:
                # Stores take a while to prepare the rows before the first batch is written. The
                # counts made above serve: networkx counts a multigraph's edges by walking them.
                progress("writing", 0, sum(labels.values()) + sum(types.values()) + 1)  # + the build record
            nodes, edges = iter_store_rows(G, meta, consume=True)
            del G, made  # the rows now hold the graph
            _write(store, nodes, edges, recording, progress)
    return BuildReport(
        documents=len(documents),
        sections=sum(len(d.sections) for d in documents),
        nodes=dict(sorted(labels.items())),
        edges=dict(sorted(types.items())),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        seconds=round(time.perf_counter() - started, 2),
        store=store.url,
        extracted=extracted,
        ignored=ignored,
        low_confidence=low_confidence,
        gone=gone,
    )


def _refuse_unread(skipped: Sequence[Skipped]) -> None:
    """Under ``strict``: stop before the store is touched if any file could not be read (a file
    whose content repeats another's is no loss)."""
    unread = [s for s in skipped if not s.reason.startswith(SAME_CONTENT)]
    if unread:
        listed = "; ".join(f"{s.path}: {s.reason}" for s in sorted(unread, key=lambda s: s.path)[:10])
        more = f"; and {len(unread) - 10} more" if len(unread) > 10 else ""
        raise IncompleteBuild(
            f"{len(unread)} file(s) could not be read ({listed}{more}), so under --strict the graph was not "
            "replaced: the previous one stays. Mend or remove those files, or build without --strict."
        )


def _build_record(
    paths: Sequence[Path], documents: Sequence[Document], catalogue: Catalogue, model: str | None
) -> dict:
    """The record of this build that the store keeps beside the graph, and the history too."""
    by_path = sorted(documents, key=lambda d: d.path)
    return {
        "built_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "sources": [shown_path(p) for p in paths],
        "documents": [d.path for d in by_path],
        "sha256": [d.sha256 for d in by_path],
        "catalogue": catalogue.path,
        "model": model or "",
        "kg_version": _kg_version(),
    }


def _counts(G: nx.MultiDiGraph) -> tuple[Counter[str], Counter[str], int]:
    """Nodes per label, edges per type, and the facts (not mentions) of low confidence."""
    labels = Counter(d["label"] for _, d in G.nodes(data=True))
    types: Counter[str] = Counter()
    low_confidence = 0
    for _, _, d in G.edges(data=True):
        types[d["type"]] += 1
        if d.get("low_confidence") and d["type"] != "MENTIONS":
            low_confidence += 1
    return labels, types, low_confidence


def _write(store, nodes: Iterator[dict], edges: Iterator[dict], recording, progress: Progress | None) -> None:
    """Replace the store's graph with the rows; the build joins the history (``recording``) only
    once the store has the whole graph, and never if writing fails."""

    def on_batch(done: int, total: int) -> None:
        if progress:
            progress("writing", done, total)

    try:
        store.replace_graph(nodes, edges, progress=on_batch)
    except BaseException:
        if recording is not None:
            recording.discard()
        raise
    if recording is not None:
        recording.commit()


def _data_dir_lock(data_dir: Path | None):
    if data_dir is None:
        return nullcontext()
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: the cache holds document text
    except OSError as exc:
        raise UsageError(f"cannot use the data folder {data_dir}: {exc.strerror or exc}") from None
    return held_or_refused(data_dir / "data.lock", f"another kg build is using {data_dir}; wait for it to finish")


def _gone_since_last(data_dir: Path, meta: dict) -> tuple[str, ...]:
    """The files of the last recorded build that this build did not read.

    Only a rebuild of the same corpus is compared (the two builds share a document), however
    its folders were typed: a different corpus built into the same data directory loses
    everything of the last one, which says nothing. A file whose content this build read under
    another name (renamed or moved) is not gone.
    """
    builds = list_builds(data_dir)
    if not builds:
        return ()
    last = builds[-1].documents
    paths, shas = set(meta["documents"]), set(meta["sha256"])
    if not any(path in paths or sha in shas for path, sha in last):
        return ()
    return tuple(sorted({path for path, sha in last if path not in paths and sha not in shas}))
