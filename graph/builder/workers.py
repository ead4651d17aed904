"""Reading and extracting files, one at a time here or in a pool of processes.

Each file becomes an :class:`Outcome`: its document (without the text) and extraction (stored in
the cache for the next build), or the reason it was skipped. Files unchanged since the last
build never come here: the caller takes them from the cache itself. :func:`outcomes` gives them in the
order of the files however many processes work on them, so the graph made from them is the
same. This module is all a pool process imports, so keep its imports light: spaCy is loaded
only when a file must really be extracted.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from graph.builder.cache import ExtractionCache
from graph.model.usage import DocumentUsage, document_usage
from loaders import Skipped, load_file, shown_path
from loaders.catalogue import Catalogue
from loaders.document import Document
from loaders.errors import ExtractionError, KGError, LoadError
from loaders.records import Extraction

__all__ = ["FileWorker", "Outcome", "cpu_count", "outcomes", "pooled"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file: its document and extraction, or why it was skipped."""

    document: Document | None  # without its text (extraction is done with it)
    extraction: Extraction | None
    skipped: Skipped | None
    fresh: bool  # extracted now, not taken from the cache
    cache_key: str | None
    # Document and extraction left out: read them from the cache entry cache_key, just written.
    in_cache: bool = False
    usage: DocumentUsage | None = None  # how the text uses each name (read while it is at hand)


def _without_text(doc: Document) -> Document:
    # After extraction only the metadata and section bounds are needed; the text is most of a
    # Document's memory, and the graph's evidence quotes keep what matters of it.
    return replace(doc, text="", sections=tuple(replace(sec, text="") for sec in doc.sections))


class FileWorker:
    """Reads and extracts one file, and stores its extraction in the cache.

    The extractor is made on first need: spaCy start-up is not free, and a file that cannot be
    read needs none.
    """

    def __init__(self, model: str | None, catalogue: Catalogue, cache: ExtractionCache | None) -> None:
        self.model = model
        self.catalogue = catalogue
        self.cache = cache
        self.extractor = None

    def __call__(self, path: Path, name: str, progress: Callable[[float], None] | None = None) -> Outcome:
        """Read and extract one file; ``progress(fraction)`` is called as its extraction goes on."""
        try:
            doc = load_file(path, display_path=name)
        except LoadError as exc:
            return Outcome(None, None, Skipped(shown_path(path), exc.reason), False, None)
        except Exception as exc:  # noqa: BLE001 - one file's failure must not lose the corpus
            reason = f"could not be read ({type(exc).__name__}: {exc}); please report this"
            return Outcome(None, None, Skipped(shown_path(path), reason), False, None)
        key = self.cache.key(doc) if self.cache else None
        if self.extractor is None:
            # Imported here: only a file to extract needs spaCy and the rules.
            from loaders.extract import make_extractor

            self.extractor = make_extractor(self.model, self.catalogue)
        try:
            extraction = self.extractor.extract(
                doc, None if progress is None else (lambda done, total: progress(done / total))
            )
        except KGError:
            raise
        except Exception as exc:  # noqa: BLE001 - one document's failure must not lose the corpus
            reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this"
            return Outcome(_without_text(doc), None, Skipped(doc.path, reason), False, None)
        usage = document_usage(doc, extraction)
        if self.cache:
            self.cache.put(doc, extraction, usage)
        return Outcome(_without_text(doc), extraction, None, True, key, usage=usage)


# The worker of a process in the extraction pool (one per process, made by _start_worker).
_worker: FileWorker | None = None


def _start_worker(model: str | None, catalogue: Catalogue, cache: ExtractionCache | None) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent alone decides what happens then.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker = FileWorker(model, catalogue, cache)


def _exit_with_parent(parent: int) -> None:
    # A killed build must not leave its workers behind, still extracting for no one.
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _work(path: Path, name: str) -> Outcome:
    assert _worker is not None, "the worker was not started"
    outcome = _worker(path, name)
    if outcome.extraction is not None and outcome.cache_key is not None:
        # The parent reads the entry just written rather than unpickling a second copy: the
        # pickle cost this process as much again as writing the entry, and the parent more
        # than reading it, which also shares repeated values as it goes.
        return replace(outcome, document=None, extraction=None, usage=None, in_cache=True)
    return outcome


def cpu_count() -> int:
    """How many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def pooled(jobs: int, files: Sequence[Path]) -> bool:
    """Whether :func:`outcomes` uses a pool of processes for these files."""
    return jobs > 1 and len(files) > 1


def outcomes(
    files: Sequence[Path],
    names: dict[Path, str],
    worker: FileWorker,
    jobs: int,
    progress: Callable[[float], None] | None = None,
) -> Iterator[Outcome]:
    """One outcome per file, in the order of ``files``, from ``jobs`` processes.

    ``progress(fraction)`` is called as each file's extraction goes on, when they are extracted
    here (a pool's processes say nothing until a file is done).
    """
    if not pooled(jobs, files):
        for path in files:
            yield worker(path, names[path], progress)
        return
    context = multiprocessing.get_context("spawn")  # no inherited locks, sockets or threads
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(worker.model, worker.catalogue, worker.cache),
    )
    try:
        # map() keeps the order of the files, so the graph is the one a serial build makes.
        yield from pool.map(_work, files, [names[p] for p in files])
    except BrokenProcessPool as exc:
        raise ExtractionError(
            f"an extraction process stopped unexpectedly ({exc}); if memory is short, build with --jobs 1"
        ) from exc
    finally:
        # On an error or Ctrl-C, files not yet started are dropped; those under way finish.
        pool.shutdown(wait=True, cancel_futures=True)
