"""Which files a build reads, and the name each is given in evidence."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from loaders import Skipped, discover, shown_path

__all__ = ["display_paths", "find_files"]


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
        names[f] = shown_path(name)
    # Two files may get one name (notes.txt in two folders given to one build): each is then
    # named by as much of its own path as tells it apart, so evidence and diffs keep them apart.
    by_name: dict[str, list[Path]] = {}
    for f, name in names.items():
        by_name.setdefault(name, []).append(f)
    for clashing in (group for group in by_name.values() if len(group) > 1):
        parts = {f: f.resolve().parts for f in clashing}
        depth = len(PurePosixPath(names[clashing[0]]).parts) + 1
        while True:
            longer = {f: "/".join(p[-depth:]) for f, p in parts.items()}
            if len(set(longer.values())) == len(clashing) or depth >= max(map(len, parts.values())):
                break
            depth += 1
        for f in clashing:
            names[f] = shown_path(longer[f])
    return names


def _is_unsupported(item: Skipped) -> bool:
    return item.reason.startswith("unsupported file type")


def find_files(
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
