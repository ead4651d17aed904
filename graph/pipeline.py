"""``build``: files in, a resolved graph written atomically to a store, and a report out."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable, Iterable, Sequence

import networkx as nx

from loaders import Skipped, discover, load_file
from loaders.catalogue import Catalogue, load_catalogue
from loaders.document import Document
from loaders.errors import KGError, LoadError, UsageError
from loaders.extract import make_extractor
from loaders.records import Extraction

from .cache import ExtractionCache, extractor_fingerprint
from .export import to_store_rows
from .history import record_build
from .model import build_graph

__all__ = ["BuildReport", "GraphBuild", "Progress", "build", "build_graph_from_paths", "display_paths"]

# progress(stage, done, total): stage is "reading", "extracting" or "writing".
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
    documents: tuple[Document, ...]
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


def _is_unsupported(item: Skipped) -> bool:
    return item.reason.startswith("unsupported file type")


def _read(
    paths: Sequence[Path], progress: Progress | None, exclude: Sequence[Path] = ()
) -> tuple[list[Document], list[Skipped], dict[str, int]]:
    """Load every document under ``paths``, except what lies under ``exclude``.

    Returns the documents, the files that could not be read (with reasons), and how many files
    of each unsupported type were found in folders: those are counted, not listed one by one.
    """
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
    names = display_paths(files, paths)
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for i, path in enumerate(files, 1):
        try:
            doc = load_file(path, display_path=names[path])
        except LoadError as exc:
            skipped.append(Skipped(str(path), exc.reason))
        else:
            if doc.id in seen:
                skipped.append(Skipped(str(path), f"same content as {seen[doc.id]}"))
            else:
                seen[doc.id] = doc.path
                documents.append(doc)
        if progress:
            progress("reading", i, len(files))
    return documents, skipped, dict(sorted(ignored.items()))


def _extract(
    documents: Sequence[Document],
    model: str | None,
    catalogue: Catalogue,
    progress: Progress | None,
    cache: ExtractionCache | None,
) -> tuple[list[Extraction], list[Skipped], int]:
    """Extractions of ``documents``, from the cache where unchanged; returns how many were fresh."""
    extractor = None  # built only when some document is not cached: spaCy start-up is not free
    extractions: list[Extraction] = []
    failed: list[Skipped] = []
    fresh = 0
    for i, doc in enumerate(documents, 1):
        cached = cache.get(doc) if cache else None
        if cached is not None:
            extractions.append(cached)
        else:
            extractor = extractor or make_extractor(model, catalogue)
            try:
                extraction = extractor.extract(doc)
            except KGError:
                raise
            except Exception as exc:  # noqa: BLE001 - one document's failure must not lose the corpus
                failed.append(Skipped(doc.path, f"extraction failed ({type(exc).__name__}: {exc}); please report this"))
            else:
                extractions.append(extraction)
                fresh += 1
                if cache:
                    cache.put(doc, extraction)
        if progress:
            progress("extracting", i, len(documents))
    return extractions, failed, fresh


def build_graph_from_paths(
    paths: Iterable[str | Path],
    *,
    catalogue: str | Path | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    exclude: Sequence[Path] = (),
) -> GraphBuild:
    """Read, extract and resolve: the graph of the given files and folders, not yet stored.

    With ``cache_dir``, documents whose content, name and extractor are unchanged are not
    extracted again. Nothing under ``exclude`` is read.
    """
    roots = [Path(p) for p in paths]
    if not roots:
        raise UsageError("name at least one file or folder to build from")
    cat = load_catalogue(catalogue) if catalogue else Catalogue()
    documents, skipped, ignored = _read(roots, progress, exclude)
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
        raise UsageError(
            "no readable documents in " + ", ".join(map(str, roots)) + (f" ({reasons})" if reasons else "")
            + ". kg reads .txt, .md, .html, .docx and .pdf files."
        )
    cache = ExtractionCache(cache_dir, extractor_fingerprint(cat, model), read=use_cache) if cache_dir else None
    extractions, failed, fresh = _extract(documents, model, cat, progress, cache)
    if cache:
        cache.prune()
    skipped.extend(failed)
    failed_paths = {s.path for s in failed}
    documents = [d for d in documents if d.path not in failed_paths]
    G = build_graph(documents, extractions, cat, catalogue_name=Path(cat.path).name if cat.path else "catalogue")
    return GraphBuild(G, tuple(documents), tuple(skipped), cat, fresh, ignored)


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
) -> BuildReport:
    """Build the graph of ``paths`` and replace the store's graph with it, atomically.

    The previous graph stays in place until the new one is complete; a broken file is reported
    in the result's ``skipped`` and the rest of the corpus still builds. With ``data_dir``,
    unchanged documents come from the extraction cache there (unless ``use_cache`` is False)
    and the build is recorded in its history for ``kg diff``.
    """
    cache_dir = data_dir / "cache" if data_dir is not None else None
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    with store.build_lock():
        made = build_graph_from_paths(
            paths, catalogue=catalogue, model=model, progress=progress, cache_dir=cache_dir, use_cache=use_cache,
            exclude=[data_dir] if data_dir is not None else [],
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
        nodes, edges = to_store_rows(G, meta)

        def on_batch(done: int, total: int) -> None:
            if progress:
                progress("writing", done, total)

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
