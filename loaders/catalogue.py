"""The user's catalogue: known entities, names to ignore and curated edges (a YAML file).

Example::

    entities:
      - label: Organisation
        name: Riverside Trust
        aliases: [Riverside, RT]
    ignore:
      - Read More
    edges:
      - type: FUNDED
        source: {label: Organisation, name: Riverside Trust}
        target: {label: Organisation, name: Hillside Youth}
        note: Confirmed with the grants team, March 2024
        status: ended
    reject:
      - type: PARTNERED_WITH
        source: {label: Organisation, name: Riverside Trust}
        target: {label: Organisation, name: Hillside Youth}
        note: Rejected in review

Curated entities and edges win over extracted ones: their names are canonical and their
facts are marked ``curated``. A rejected edge is never built from extracted evidence.
``save_catalogue`` writes a catalogue back as readable YAML in a stable order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CatalogueError
from .records import EDGE_TYPES, NODE_LABELS

__all__ = ["Catalogue", "CatalogueEdge", "CatalogueEntity", "load_catalogue", "save_catalogue"]

_EDGE_ATTRS = ("title", "status")


@dataclass(frozen=True, slots=True)
class CatalogueEntity:
    """A known entity: its canonical name and other names it goes by."""

    label: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogueEdge:
    """A manual edge, with the note that justifies it."""

    type: str
    source: tuple[str, str]  # (label, name)
    target: tuple[str, str]
    note: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything a user has told kg by hand."""

    entities: tuple[CatalogueEntity, ...] = ()
    ignore: tuple[str, ...] = ()
    edges: tuple[CatalogueEdge, ...] = ()
    path: str = ""
    reject: tuple[CatalogueEdge, ...] = ()  # extracted edges the user said are wrong


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate a catalogue YAML file.

    Raises:
        CatalogueError: the file is missing, is not YAML, or an entry is malformed; the message
            names the file and the entry.
    """
    import yaml  # imported here: only builds that use a catalogue need it

    path = Path(path)
    try:
        # Every value is text: the base loader keeps "NO", "On" and "1.10" as written, where the
        # usual one would make them false, true and 1.1 (names are often such words).
        data = _nulls(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))
    except OSError as exc:
        raise CatalogueError(f"cannot read catalogue {path}: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"catalogue {path} is not valid YAML: {exc}") from exc
    if data is None:
        return Catalogue(path=str(path))
    if not isinstance(data, dict):
        raise CatalogueError(f"catalogue {path}: expected a mapping with entities, ignore, edges")
    unknown = sorted(set(data) - {"entities", "ignore", "edges", "reject"})
    if unknown:
        raise CatalogueError(
            f"catalogue {path}: unknown section(s) {', '.join(unknown)}; "
            "the known ones are entities, ignore, edges, reject"
        )
    entities = tuple(_entity(path, i, e) for i, e in enumerate(_list(path, data, "entities")))
    ignore = tuple(_text(path, f"ignore[{i}]", v) for i, v in enumerate(_list(path, data, "ignore")))
    edges = tuple(_edge(path, i, e) for i, e in enumerate(_list(path, data, "edges")))
    reject = tuple(_edge(path, i, e, "reject") for i, e in enumerate(_list(path, data, "reject")))
    return Catalogue(entities=entities, ignore=ignore, edges=edges, path=str(path), reject=reject)


def save_catalogue(catalogue: Catalogue, path: str | Path) -> Path:
    """Write ``catalogue`` as readable YAML: sections and entries in the catalogue's own order.

    The file is written whole (YAML comments in an older file are not kept); empty sections are
    left out, so a hand-written file keeps its shape. Returns the path written.

    Raises:
        CatalogueError: the file cannot be written.
    """
    import yaml  # imported here: only catalogue users need it

    data: dict[str, list] = {}
    if catalogue.entities:
        data["entities"] = [_entity_data(e) for e in catalogue.entities]
    if catalogue.ignore:
        data["ignore"] = list(catalogue.ignore)
    if catalogue.edges:
        data["edges"] = [_edge_data(e) for e in catalogue.edges]
    if catalogue.reject:
        data["reject"] = [_edge_data(e) for e in catalogue.reject]
    text = yaml.dump(data, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=100) if data else ""
    path = Path(path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"cannot write catalogue {path}: {exc.strerror or exc}") from exc
    return path


class _Inline(dict):
    """A mapping written on one line: an edge's ``{label: ..., name: ...}`` end."""


class _InlineList(list):
    """A list written on one line: an entity's aliases."""


def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(_Inline, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
    Dumper.add_representer(_InlineList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
    return Dumper


def _entity_data(entity: CatalogueEntity) -> dict:
    data: dict = {"label": entity.label, "name": entity.name}
    if entity.aliases:
        data["aliases"] = _InlineList(entity.aliases)
    return data


def _edge_data(edge: CatalogueEdge) -> dict:
    data: dict = {
        "type": edge.type,
        "source": _Inline(label=edge.source[0], name=edge.source[1]),
        "target": _Inline(label=edge.target[0], name=edge.target[1]),
    }
    if edge.note:
        data["note"] = edge.note
    data.update(dict(edge.attrs))
    return data


_NULLS = frozenset({"~", "null", "Null", "NULL"})


def _nulls(value: Any) -> Any:
    """YAML's words for nothing as nothing again: the base loader keeps every value as text."""
    if isinstance(value, dict):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return None if value in _NULLS else value


def _list(path: Path, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise CatalogueError(f"catalogue {path}: '{key}' must be a list")
    return value


def _text(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, (str, int, float)) or not str(value).strip():
        raise CatalogueError(f"catalogue {path}: {where} must be a non-empty text")
    return str(value).strip()


def _label(path: Path, where: str, value: Any) -> str:
    label = _text(path, where, value)
    if label not in NODE_LABELS or label == "Document":
        known = ", ".join(lab for lab in NODE_LABELS if lab != "Document")
        raise CatalogueError(f"catalogue {path}: {where} '{label}' is not a label; use one of {known}")
    return label


def _entity(path: Path, i: int, entry: Any) -> CatalogueEntity:
    where = f"entities[{i}]"
    if not isinstance(entry, dict):
        raise CatalogueError(f"catalogue {path}: {where} must be a mapping with label, name, aliases")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        raise CatalogueError(f"catalogue {path}: {where}.aliases must be a list")
    return CatalogueEntity(
        label=_label(path, f"{where}.label", entry.get("label")),
        name=_text(path, f"{where}.name", entry.get("name")),
        aliases=tuple(_text(path, f"{where}.aliases[{j}]", a) for j, a in enumerate(aliases)),
    )


def _endpoint(path: Path, where: str, value: Any) -> tuple[str, str]:
    if not isinstance(value, dict):
        raise CatalogueError(f"catalogue {path}: {where} must be a mapping with label and name")
    return _label(path, f"{where}.label", value.get("label")), _text(path, f"{where}.name", value.get("name"))


def _edge(path: Path, i: int, entry: Any, section: str = "edges") -> CatalogueEdge:
    where = f"{section}[{i}]"
    if not isinstance(entry, dict):
        raise CatalogueError(f"catalogue {path}: {where} must be a mapping with type, source, target")
    etype = _text(path, f"{where}.type", entry.get("type"))
    if etype not in EDGE_TYPES or etype == "MENTIONS":
        known = ", ".join(t for t in EDGE_TYPES if t != "MENTIONS")
        raise CatalogueError(f"catalogue {path}: {where}.type '{etype}' is not an edge type; use one of {known}")
    attrs = tuple((k, _text(path, f"{where}.{k}", entry[k])) for k in _EDGE_ATTRS if entry.get(k))
    return CatalogueEdge(
        type=etype,
        source=_endpoint(path, f"{where}.source", entry.get("source")),
        target=_endpoint(path, f"{where}.target", entry.get("target")),
        note=str(entry.get("note") or "").strip(),
        attrs=attrs,
    )
