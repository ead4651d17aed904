"""Store rows in FalkorDB's ``GRAPH.BULK`` binary form, validated and packed in one pass.

``GRAPH.BULK`` (FalkorDB's "GRAPH.BULK endpoint specification", the format its bulk loader
uses) adds nodes and edges from binary blobs, with no Cypher to parse. One blob describes
entities of one label or relationship type that share their property names::

    name NUL, uint32 property count, each property name NUL-terminated, then per entity:
      node:  one value per property
      edge:  uint64 source node, uint64 target node, one value per property

A value is a type byte and its data: 0 null (the property is absent), 1 bool (one byte),
2 double, 3 UTF-8 text ending in NUL, 4 int64, 5 array (int64 length, then its values).
Nodes are numbered from 0 in the order they are sent; edges name their ends by that number.

Validation is that of :func:`~graph.stores.base.check_rows` (same rules, same messages; and an
edge's props must not hold ``key``, its row's key), folded into packing so that each value is
looked at once. Packed rows take a fraction of the memory of the row dicts, and the input may
be a generator that is read once.
"""

from __future__ import annotations

import functools
import math
import struct
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graph.stores.base import EdgeRow, NodeRow, check_identifier, check_value
from loaders.errors import StoreError

__all__ = ["BulkBatch", "BulkPlan", "pack_rows"]

# Type bytes (0 is null: a property a row does not have is simply left out of its blob).
_BOOL, _DOUBLE, _STRING, _LONG, _ARRAY = 1, 2, 3, 4, 5
_TAGGED_INT = struct.Struct("=Bq").pack  # also an array's type byte and length
_TAGGED_DOUBLE = struct.Struct("=Bd").pack
_ENDS = struct.Struct("=QQ").pack
_COUNT = struct.Struct("=I").pack
_TRUE, _FALSE = bytes([_BOOL, 1]), bytes([_BOOL, 0])
_LONG_ITEM = functools.partial(_TAGGED_INT, _LONG)
_DOUBLE_ITEM = functools.partial(_TAGGED_DOUBLE, _DOUBLE)


class _Unstorable(Exception):
    """A value that cannot be stored; the caller adds where it was."""


def _text(value: str) -> bytes:
    if "\0" in value:
        raise _Unstorable("the text contains a NUL character")
    return b"\x03" + value.encode() + b"\x00"  # _STRING, the text, its terminating NUL


def _bool(value: bool) -> bytes:
    return _TRUE if value else _FALSE


def _int(value: int) -> bytes:
    try:
        return _TAGGED_INT(_LONG, value)
    except struct.error:
        raise _Unstorable(f"the integer {value} does not fit in 64 bits") from None


def _float(value: float) -> bytes:
    if not math.isfinite(value):
        raise _Unstorable(f"{value} is not a finite number")
    return _TAGGED_DOUBLE(_DOUBLE, value)


def _list(value: list | tuple) -> bytes:
    head = _TAGGED_INT(_ARRAY, len(value))
    if not value:
        return head
    kind = type(value[0])
    if kind is str:
        try:
            # The usual list (names, quotes, paths) is all text: one join and one encode for it.
            joined = "\x00\x03".join(value)
        except TypeError:
            pass
        else:
            if joined.count("\0") >= len(value):  # more than the separators
                raise _Unstorable("the text contains a NUL character")
            return b"".join((head, b"\x03", joined.encode(), b"\x00"))
    elif (kind is int or kind is float) and set(map(type, value)) == {kind}:
        # The other usual lists (evidence offsets, confidences) are all whole numbers or all
        # decimals: packed in one pass at C speed; a value out of range is named below.
        try:
            if kind is int:
                return head + b"".join(map(_LONG_ITEM, value))
            if all(map(math.isfinite, value)):
                return head + b"".join(map(_DOUBLE_ITEM, value))
        except struct.error:
            pass
    parts = [head]
    for item in value:
        pack = _SCALARS.get(type(item))
        parts.append(pack(item) if pack is not None else _unusual(item, in_list=True))
    return b"".join(parts)


_SCALARS = {str: _text, bool: _bool, int: _int, float: _float}
_PACKERS = {**_SCALARS, list: _list, tuple: _list}


def _value(value: Any) -> bytes:
    """One property value, packed; raises _Unstorable for what a store cannot hold."""
    pack = _PACKERS.get(type(value))
    return pack(value) if pack is not None else _unusual(value)


def _unusual(value: Any, *, in_list: bool = False) -> bytes:
    """Subclasses of storable types are stored as their plain value; anything else is refused."""
    if in_list and isinstance(value, (list, tuple)):
        raise _Unstorable("lists of lists cannot be stored")
    try:
        check_value(value, "")
    except StoreError as exc:
        raise _Unstorable(str(exc).removeprefix(": ")) from None
    for plain in (bool, int, float, str):
        if isinstance(value, plain):
            return _SCALARS[plain](plain(value))
    return _list(list(value))


def _header(name: str, properties: tuple[str, ...]) -> bytes:
    parts = [name.encode(), b"\0", _COUNT(len(properties))]
    for prop in properties:
        parts += [prop.encode(), b"\0"]
    return b"".join(parts)


@dataclass(frozen=True)
class BulkBatch:
    """The arguments of one ``GRAPH.BULK`` call after the graph name (and ``BEGIN``)."""

    nodes: int
    edges: int
    blobs: tuple[bytes, ...]

    @property
    def rows(self) -> int:
        """How many nodes and edges the batch adds."""
        return self.nodes + self.edges

    def args(self) -> list[Any]:
        """Node count, edge count, label blob count, type blob count, then the blobs."""
        labels = len(self.blobs) if self.nodes else 0
        return [self.nodes, self.edges, labels, len(self.blobs) - labels, *self.blobs]


# A packed row: (sort key, property names, packed properties).
_Packed = tuple[str, tuple[str, ...], bytes]


class BulkPlan:
    """Validated, packed rows, grouped and sorted as :func:`check_rows` groups them."""

    def __init__(self, node_groups: dict[str, list[_Packed]], edge_groups: dict[tuple[str, str, str], list[_Packed]]):
        self.node_groups = node_groups
        self.edge_groups = edge_groups

    @property
    def labels(self) -> list[str]:
        """The node labels, sorted."""
        return list(self.node_groups)

    @property
    def total(self) -> int:
        """How many nodes and edges there are."""
        return sum(map(len, self.node_groups.values())) + sum(map(len, self.edge_groups.values()))

    def batches(self, size: int) -> Iterator[BulkBatch]:
        """Calls of at most ``size`` rows each, per label then per edge group, in order.

        Rows of a call that share their property names go in one blob, so a call has as
        many blobs as runs of differently shaped rows (usually one).
        """
        groups = [(label, rows, True) for label, rows in self.node_groups.items()]
        groups += [(key[0], rows, False) for key, rows in self.edge_groups.items()]
        for name, rows, is_node in groups:
            first = "id" if is_node else "key"
            for start in range(0, len(rows), size):
                chunk = rows[start : start + size]
                blobs = []
                run: list[bytes] = []
                shape: tuple[str, ...] | None = None
                for _, props, packed in chunk:
                    if props is not shape and run:
                        blobs.append(_header(name, (first, *shape)) + b"".join(run))  # type: ignore[misc]
                        run = []
                    shape = props
                    run.append(packed)
                blobs.append(_header(name, (first, *shape)) + b"".join(run))  # type: ignore[misc]
                yield BulkBatch(len(chunk) if is_node else 0, 0 if is_node else len(chunk), tuple(blobs))


class _Packer:
    """Packs property maps, remembering the names already checked and sharing equal name tuples."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.sorted: dict[tuple[str, ...], tuple[str, ...]] = {}  # names as given -> checked, sorted

    def props(self, props: object, where: Any) -> tuple[tuple[str, ...], list[bytes]]:
        if props is None:
            return self.shapes.setdefault((), ()), []
        if type(props) is not dict and not isinstance(props, Mapping):
            raise StoreError(f"{where()}: props must be a mapping, not {type(props).__name__}")
        # Rows are mostly of a few shapes: their names are sorted and checked once per shape.
        given = tuple(props)
        names = self.sorted.get(given)
        if names is None:
            names = tuple(sorted(given))
            for name in names:
                if name not in self.names:
                    check_identifier(name, f"{where()}: property name")
                    self.names.add(name)
            names = self.sorted[given] = self.shapes.setdefault(names, names)
        values = [props[name] for name in names]
        if None in values:  # an absent property; storing null would only delete it
            kept = tuple(name for name, value in zip(names, values, strict=True) if value is not None)
            names = self.shapes.setdefault(kept, kept)
            values = [value for value in values if value is not None]
        get = _PACKERS.get
        try:
            parts = [get(type(value), _unusual)(value) for value in values]
        except _Unstorable:
            for name, value in zip(names, values, strict=True):
                try:
                    _value(value)
                except _Unstorable as exc:
                    raise StoreError(f"{where()}, property {name!r}: {exc}") from None
            raise
        return names, parts


def _record(packer, props, reserved: str, value: str, where) -> tuple:
    """A row's property shape and its packed bytes: ``value`` (the row's id or key, stored
    under the ``reserved`` name) first, then its properties."""
    shape, parts = packer.props(props, where)
    if reserved in shape:
        raise StoreError(f"{where()}: props must not contain {reserved!r} (it is the row's {reserved})")
    try:
        packed = _text(value)
    except _Unstorable as exc:
        raise StoreError(f"{where()}: {exc}") from None
    return shape, packed + b"".join(parts)


def _end(number: dict[str, dict[str, int]], where: Any, end: str, end_id: Any, end_label: Any) -> int:
    """The number of an edge's ``end`` ("source" or "target") among the nodes."""
    found = number.get(end_label, {}).get(end_id) if isinstance(end_label, str) else None
    if found is None:
        check_identifier(end_label, f"{where()}: {end}_label")
        raise StoreError(f"{where()}: its {end} {end_label}:{end_id!r} is not among the nodes")
    return found


def pack_rows(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> BulkPlan:
    """Validate and pack rows (each iterable is read once, nodes first).

    Raises:
        StoreError: as :func:`~graph.stores.base.check_rows` does: a malformed row, a name
            that is not an identifier, a value that cannot be stored, a repeated node or edge
            key, or an edge whose end is not among the nodes.
    """
    packer = _Packer()
    labels: set[str] = set()
    by_label: dict[str, dict[str, tuple[tuple[str, ...], bytes]]] = {}
    for row in nodes:
        node_id, label = row.get("id"), row.get("label")
        if not isinstance(node_id, str) or not node_id:
            raise StoreError(f"node row {row!r} has no text id")
        if type(label) is not str or label not in labels:
            check_identifier(label, f"node {node_id!r}: label")
            labels.add(label)

        def where(label: str = label, node_id: str = node_id) -> str:
            return f"node {label}:{node_id!r}"

        shape, packed = _record(packer, row.get("props"), "id", node_id, where)
        group = by_label.setdefault(label, {})
        if node_id in group:
            raise StoreError(f"{where()} appears twice; merge its rows before writing")
        group[node_id] = (shape, packed)

    # Nodes are numbered in the order they will be sent: by label, then by id.
    node_groups: dict[str, list[_Packed]] = {}
    number: dict[str, dict[str, int]] = {}
    n = 0
    for label in sorted(by_label):
        group = by_label.pop(label)
        ids = sorted(group)
        number[label] = {node_id: n + i for i, node_id in enumerate(ids)}
        n += len(ids)
        node_groups[label] = [(node_id, *group[node_id]) for node_id in ids]

    by_type: dict[tuple[str, str, str], list[_Packed]] = {}
    types: set[str] = set()
    keys: set[str] = set()
    for row in edges:
        etype, key = row.get("type"), row.get("key")
        if type(etype) is not str or etype not in types:
            check_identifier(etype, "edge type")
            types.add(etype)
        if not isinstance(key, str) or not key:
            raise StoreError(f"{etype} edge row {row!r} has no text key")

        def where(etype: str = etype, key: str = key) -> str:
            return f"{etype} edge {key!r}"

        if key in keys:
            raise StoreError(f"{where()} appears twice; edge keys must be unique")
        keys.add(key)
        source_label, target_label = row.get("source_label"), row.get("target_label")
        ends = (
            _end(number, where, "source", row.get("source"), source_label),
            _end(number, where, "target", row.get("target"), target_label),
        )
        shape, packed = _record(packer, row.get("props"), "key", key, where)
        group_key = (etype, source_label, target_label)
        by_type.setdefault(group_key, []).append((key, shape, _ENDS(*ends) + packed))

    edge_groups = {k: sorted(v, key=lambda r: r[0]) for k, v in sorted(by_type.items())}
    return BulkPlan(node_groups, edge_groups)
