"""Every build, recorded: what was read, what came out, and the graph itself, for ``kg diff``.

A data directory keeps its history in ``builds/``: one gzipped canonical JSON export per build
(``<id>.json.gz``) and an index, ``builds.jsonl``, with one line per build (oldest first). A
build id is ``YYYYMMDD-HHMMSS-<first 8 hex digits of the graph's hash>``: it sorts by date and
says whether two builds made the same graph.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exchange.canonical_json import iter_json
from loaders.errors import StoreError, UsageError

__all__ = [
    "HISTORY_DIR",
    "INDEX",
    "BuildRecord",
    "PreparedBuild",
    "find_build",
    "list_builds",
    "load_build",
    "prepare_build",
    "record_build",
]

HISTORY_DIR = "builds"
INDEX = "builds.jsonl"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class BuildRecord:
    """One recorded build: when, from which files (path and sha256), and what it holds."""

    id: str
    date: str  # ISO 8601, UTC, to the second
    documents: tuple[tuple[str, str], ...]  # (path, sha256), sorted by path
    nodes: dict[str, int] = field(default_factory=dict)  # label -> count
    edges: dict[str, int] = field(default_factory=dict)  # edge type -> count
    graph_sha256: str = ""
    sources: tuple[str, ...] = ()
    catalogue: str = ""

    @property
    def file(self) -> str:
        """Name of the build's gzipped export inside the history folder."""
        return f"{self.id}.json.gz"

    def to_dict(self) -> dict[str, Any]:
        """The record as the JSON line of the index."""
        return {
            "id": self.id,
            "date": self.date,
            "documents": [{"path": p, "sha256": h} for p, h in self.documents],
            "nodes": self.nodes,
            "edges": self.edges,
            "graph_sha256": self.graph_sha256,
            "sources": list(self.sources),
            "catalogue": self.catalogue,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuildRecord:
        """The record from a line of the index."""
        return cls(
            id=data["id"],
            date=data["date"],
            documents=tuple((d["path"], d["sha256"]) for d in data.get("documents", [])),
            nodes=dict(data.get("nodes", {})),
            edges=dict(data.get("edges", {})),
            graph_sha256=data.get("graph_sha256", ""),
            sources=tuple(data.get("sources", [])),
            catalogue=data.get("catalogue") or "",
        )


def _history(data_dir: str | Path) -> Path:
    return Path(data_dir) / HISTORY_DIR


def _parse_date(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def record_build(data_dir: str | Path, G: nx.MultiDiGraph, meta: dict[str, Any]) -> BuildRecord:
    """Save the build's graph and add it to the index; returns its record.

    Args:
        data_dir: the data directory; the history lives in its ``builds/`` folder.
        G: the built graph.
        meta: the build record the pipeline stores: ``built_at`` (ISO date; now if absent),
            ``documents`` and ``sha256`` (parallel lists), ``sources``, ``catalogue``.

    Recording the same graph at the same second twice adds it once.
    """
    return prepare_build(data_dir, G, meta).commit()


@dataclass(frozen=True)
class PreparedBuild:
    """A build's export, saved aside: :meth:`commit` adds it to the history, :meth:`discard` drops it."""

    data_dir: Path
    part: Path  # the gzipped export, under a temporary name in the history folder
    record: BuildRecord

    def commit(self) -> BuildRecord:
        """Add the build to the history (once, if it is already there) and return its record."""
        folder = _history(self.data_dir)
        if any(r.id == self.record.id for r in list_builds(self.data_dir)):
            self.part.unlink(missing_ok=True)
            return self.record
        self.part.replace(folder / self.record.file)
        # The export is in place before its index line, so every indexed build can be loaded.
        # The index is rewritten whole and renamed into place: a build killed meanwhile leaves
        # the old index or the new one, never half a line.
        index = folder / INDEX
        lines = _complete_lines(index.read_text(encoding="utf-8")) if index.exists() else []
        lines.append(json.dumps(self.record.to_dict(), ensure_ascii=False, sort_keys=True))
        tmp = index.with_name(index.name + f".{os.getpid()}.part")
        try:
            tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            tmp.replace(index)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return self.record

    def discard(self) -> None:
        """Forget the build: its export is deleted and the history is unchanged."""
        self.part.unlink(missing_ok=True)


_parts = itertools.count()


def prepare_build(
    data_dir: str | Path,
    G: nx.MultiDiGraph,
    meta: dict[str, Any],
    progress: Callable[[int, int], None] | None = None,
) -> PreparedBuild:
    """Save the build's graph aside, to be added to the history (or not) later.

    A build prepares its record while it still has the whole graph, writes the store, then
    commits the record only if the store took the graph. Arguments are as for
    :func:`record_build`; ``progress(done, total)`` counts the nodes and edges written.
    Exports left aside by a process that no longer runs (a build that was killed) are deleted.

    Raises:
        StoreError: the history's index is damaged (the message names the line); nothing is
            written, so a build stops before it changes the store.
    """
    folder = _history(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_orphans(folder)
    list_builds(data_dir)  # a damaged index is reported now, before the store is written
    # Streamed: the export is hashed and compressed a megabyte at a time, never held whole in
    # memory (at 100x the corpus it is hundreds of megabytes); piece by piece (one per node or
    # edge), the calls into zlib and hashlib cost several times the compression itself. Both
    # let other threads run while they work, so they get a thread of their own, beside the
    # making of the text. mtime=0 keeps the gzip header free of the clock: the same graph gives
    # the same bytes. Level 6 is zlib's usual trade-off; 9 took several times longer for a few
    # percent.
    part = folder / f".recording-{os.getpid()}-{next(_parts)}.part"
    sha = hashlib.sha256()
    try:
        with (
            open(part, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0, compresslevel=6) as gz,
        ):

            def write(data: bytes) -> None:
                sha.update(data)
                gz.write(data)

            with ThreadPoolExecutor(max_workers=1) as writer:
                pending = None
                total = G.number_of_nodes() + G.number_of_edges()
                for done, chunk in _chunks(iter_json(G)):
                    if progress is not None:
                        progress(min(done, total), total)
                    data = chunk.encode("utf-8")
                    if pending is not None:
                        pending.result()  # one chunk in hand, one being written: memory stays flat
                    pending = writer.submit(write, data)
                if pending is not None:
                    pending.result()
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    digest = sha.hexdigest()
    built = _parse_date(meta["built_at"]) if meta.get("built_at") else datetime.now(UTC)
    built = built.replace(microsecond=0)
    labels: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        labels[data["label"]] = labels.get(data["label"], 0) + 1
    types: dict[str, int] = {}
    for _, _, data in G.edges(data=True):
        types[data["type"]] = types.get(data["type"], 0) + 1
    record = BuildRecord(
        id=f"{built:%Y%m%d-%H%M%S}-{digest[:8]}",
        date=built.isoformat(),
        documents=tuple(sorted(zip(meta.get("documents", []), meta.get("sha256", []), strict=False))),
        nodes=dict(sorted(labels.items())),
        edges=dict(sorted(types.items())),
        graph_sha256=digest,
        sources=tuple(str(s) for s in meta.get("sources", [])),
        catalogue=str(meta.get("catalogue") or ""),
    )
    return PreparedBuild(Path(data_dir), part, record)


def _remove_orphans(folder: Path) -> None:
    """Delete exports saved aside by processes that are gone."""
    for path in folder.glob(".recording-*.part"):
        pid = path.name.removeprefix(".recording-").split("-", 1)[0].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)
    for path in folder.glob(f"{INDEX}.*.part"):  # an index being rewritten when its build was killed
        pid = path.name.removeprefix(f"{INDEX}.").split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _chunks(pieces: Iterator[str], size: int = 1 << 20) -> Iterator[tuple[int, str]]:
    """The pieces' text joined into chunks of about ``size`` characters, each with how many
    pieces have been read by its end."""
    held: list[str] = []
    length = count = 0
    for piece in pieces:
        held.append(piece)
        length += len(piece)
        count += 1
        if length >= size:
            yield count, "".join(held)
            held, length = [], 0
    if held:
        yield count, "".join(held)


def _complete_lines(text: str) -> list[str]:
    """The index's lines, less a last one cut short (no newline, and not a whole record): what
    an append interrupted by a crash or a full disk leaves, before the index was written whole."""
    lines = text.split("\n")
    last = lines.pop()  # "" when the text ends with a newline
    if last.strip():
        try:
            json.loads(last)
        except ValueError:
            return lines
        lines.append(last)
    return lines


def list_builds(data_dir: str | Path) -> list[BuildRecord]:
    """Every recorded build, oldest first (empty when none has been recorded)."""
    index = _history(data_dir) / INDEX
    if not index.exists():
        return []
    records = []
    for number, line in enumerate(_complete_lines(index.read_text(encoding="utf-8")), 1):
        if not line.strip():
            continue
        try:
            records.append(BuildRecord.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"{index}, line {number}, is not a build record ({exc}); remove or repair that line"
            ) from exc
    # Builds within the same second keep the order they were recorded in (the sort is stable).
    return sorted(records, key=lambda r: r.date)


def find_build(data_dir: str | Path, ref: str) -> BuildRecord:
    """The build named by ``ref``: a build id (or a unique start of one), or a date.

    A date (``2024-05-01`` or ``2024-05-01T12:00:00``) names the latest build on or before it;
    a day alone includes the whole day.

    Raises:
        UsageError: nothing is recorded, or no build matches (the message lists the builds).
    """
    builds = list_builds(data_dir)
    if not builds:
        raise UsageError(f"no builds are recorded in {_history(data_dir)}; run `kg build PATH` first")
    ref = ref.strip()
    exact = [b for b in builds if b.id == ref]
    if exact:
        return exact[-1]
    by_prefix = [b for b in builds if b.id.startswith(ref)]
    if len(by_prefix) == 1:
        return by_prefix[0]
    if len(by_prefix) > 1:
        raise UsageError(
            f"{ref!r} starts more than one build id: {', '.join(b.id for b in by_prefix)}; give more of it"
        )
    try:
        when = _parse_date(ref + "T23:59:59" if _DAY.fullmatch(ref) else ref)
    except (ValueError, OverflowError):  # OverflowError: a date at the end of time, moved to UTC
        raise UsageError(
            f"no build {ref!r}; give a build id or a date (YYYY-MM-DD). "
            f"Recorded: {', '.join(b.id for b in builds[-10:])}"
        ) from None
    before = [b for b in builds if _parse_date(b.date) <= when]
    if not before:
        raise UsageError(f"no build on or before {ref}; the first was {builds[0].id} on {builds[0].date}")
    return before[-1]


def load_build(data_dir: str | Path, ref: str) -> tuple[BuildRecord, dict[str, Any]]:
    """The build named by ``ref`` (see :func:`find_build`) and its export data (as ``to_json``)."""
    record = find_build(data_dir, ref)
    path = _history(data_dir) / record.file
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return record, json.load(fh)
    except FileNotFoundError:
        raise StoreError(
            f"the export of build {record.id} is missing ({path}); that build cannot be compared"
        ) from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"the export of build {record.id} ({path}) is damaged: {exc}") from exc
