"""Prepared queries: Cypher files with a header, found by name and run with bound parameters.

A prepared query is one ``.cypher`` file whose first comment lines are its header::

    // name: partners-of
    // description: The organisations an organisation partners with.
    // params: organisation (entity) the organisation, by name, alias or id
    // params: limit (int, default 10) how many rows to show
    // example: kg query run partners-of -p organisation "Riverside Trust"
    // title: Partners of {organisation}
    MATCH (o:Organisation {id: $organisation}) ...

The optional ``title`` line is the default title of a map of the answer, and the optional
``empty`` line what to say when the answer has no rows; in both, ``{name}`` stands for a
parameter in words (an entity's name, not its id) and ``{name|words}`` gives the words to use
when the parameter is left out.

A parameter's type is one of :data:`PARAM_TYPES`; ``(TYPE, optional)`` makes it default to
null and ``(TYPE, default VALUE)`` gives it a default. An ``entity`` parameter takes a name,
an alias (case-insensitive) or an id and is bound to the entity's ``id``; ``(entity,
Organisation)`` (or ``Person or Organisation``) says which kinds it takes, so that a name two
kinds share finds the one meant and a person given for an organisation is refused. The parameters the
header declares must be exactly those the text uses (``$name`` outside comments and strings);
that is checked when the file is loaded. Values are always bound, never written into the text.

Queries come from the built-in folder (:data:`queries.BUILTIN_DIR`) and then from user
folders (given by the caller, then the ``KG_QUERIES`` environment variable, a
``os.pathsep``-separated list). A user query whose name is already taken is left out and
reported in :attr:`QueryLibrary.clashes`. Running a query, and the words of its answer, are
:mod:`graph.query.running`'s.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.stores.base import cypher_code
from loaders.errors import QueryError, UsageError
from loaders.records import ENTITY_LABELS

__all__ = [
    "Clash",
    "Unreadable",
    "ENV_QUERIES",
    "PARAM_TYPES",
    "Param",
    "PreparedQuery",
    "QueryLibrary",
    "load_library",
    "parse_query",
    "query_dirs",
    "used_params",
]

ENV_QUERIES = "KG_QUERIES"
NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def _to_text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a yes/no value is not a whole number")
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError("give a whole number, such as 3") from None


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("a yes/no value is not a number")
    try:
        return float(value if isinstance(value, (int, float)) else str(value).strip())
    except ValueError:
        raise ValueError("give a number, such as 0.5") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError("use true or false")


# Parameter type -> converter from what the user typed. "entity" is text here and becomes an
# id in bind_params, which needs the store.
PARAM_TYPES = {
    "text": _to_text,
    "entity": _to_text,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
}


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a prepared query."""

    name: str
    type: str
    description: str
    required: bool = True
    default: Any = None
    bounds: tuple[Any, Any] | None = None  # (lowest, highest) a number may be
    kinds: tuple[str, ...] = ()  # the labels an entity may have; () for any

    def describe(self) -> str:
        """The parameter as one line of help: ``name (type[, default ...][, A to B]) description``."""
        if self.required:
            kind = self.type
        elif self.default is None:
            kind = f"{self.type}, optional"
        else:
            kind = f"{self.type}, default {self.default}"
        if self.bounds is not None:
            kind += f", {self.bounds[0]} to {self.bounds[1]}"
        if self.kinds:
            kind += ", " + " or ".join(self.kinds)
        return f"{self.name} ({kind}) {self.description}".rstrip()

    def check(self, value: Any, query: str) -> Any:
        """``value`` if it lies within the bounds (if any).

        Raises:
            UsageError: it does not.
        """
        if self.bounds is not None and not self.bounds[0] <= value <= self.bounds[1]:
            raise UsageError(
                f"parameter {self.name} of query '{query}' must be from {self.bounds[0]} to {self.bounds[1]}, "
                f"not {value}"
            )
        return value


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """A named Cypher query read from a ``.cypher`` file, with its declared parameters."""

    name: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str
    path: Path
    builtin: bool = False
    title: str | None = None  # a map's default title, with {param} placeholders
    empty: str | None = None  # what an answer with no rows means, with {param} placeholders

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, if any."""
        return next((p for p in self.params if p.name == name), None)

    def expected(self) -> str:
        """The declared parameters in one phrase, for error messages."""
        if not self.params:
            return "it takes no parameters"
        return "expected: " + "; ".join(p.describe() for p in self.params)


@dataclass(frozen=True, slots=True)
class Clash:
    """A query left out because an earlier one already has its name."""

    name: str
    kept: Path
    ignored: Path

    def message(self) -> str:
        """A sentence saying which file was ignored and why."""
        return f"query '{self.name}' in {self.ignored} is ignored: {self.kept} already defines it; rename one of them"


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file of a user's query folder left out because it is not a well-formed query."""

    path: Path
    reason: str  # names the file, says what is wrong

    def message(self) -> str:
        """A sentence saying which file was left out and why."""
        return f"{self.reason} (this file is left out; the other queries can still run)"


@dataclass(frozen=True, slots=True)
class QueryLibrary:
    """The queries available by name, and the clashes and unreadable files found loading them."""

    queries: Mapping[str, PreparedQuery]
    clashes: tuple[Clash, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()

    def names(self) -> list[str]:
        """Every query name, sorted."""
        return sorted(self.queries)

    def get(self, name: str) -> PreparedQuery:
        """The query called ``name`` (query names are lower case, so "Timeline" is timeline).

        Raises:
            UsageError: there is no such query (the message lists the known ones).
        """
        query = self.queries.get(name) or self.queries.get(name.strip().lower())
        if query is None:
            raise UsageError(
                f"there is no query called '{name}'. Known queries: {', '.join(self.names()) or '(none)'}. "
                "Run `kg query list` to see what each does."
            )
        return query


# -- reading query files ------------------------------------------------------------------

_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def used_params(cypher: str) -> tuple[str, ...]:
    """The names of the ``$parameters`` a Cypher text uses, sorted, ignoring comments and strings.

    >>> used_params("MATCH (n {id: $who}) // not $this\\nRETURN '$nor_this', $limit")
    ('limit', 'who')
    """
    return tuple(sorted({match.group(1) for match in _PARAM_USE.finditer(cypher_code(cypher))}))


_HEADER = re.compile(r"//\s*([A-Za-z]+)\s*:\s*(.*)")
_BOUNDS = re.compile(r"(-?[0-9][0-9.eE+-]*)\s+to\s+(-?[0-9][0-9.eE+-]*)")
_PARAM_DECL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([a-z]+)\s*(?:,\s*([^)]*))?\)\s*(.*)")
# {param} or {param|words when it is left out}, in a title or empty line (see graph.query.running).
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^{}]*))?\}")
_HEADER_KEYS = ("name", "description", "params", "param", "example", "title", "empty")


def parse_query(text: str, path: Path, *, builtin: bool = False) -> PreparedQuery:
    """Read one query file's header and check it against the parameters its text uses.

    Args:
        text: the file's content.
        path: where it came from (named in error messages).
        builtin: whether it ships with kg.

    Raises:
        QueryError: the header is missing a name or description, a parameter line is malformed,
            or declared and used parameters differ.
    """
    fields: dict[str, list[str]] = {key: [] for key in _HEADER_KEYS}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break  # the header ends where the query begins
        match = _HEADER.fullmatch(stripped)
        if match and match.group(1).lower() in fields:
            fields[match.group(1).lower()].append(match.group(2).strip())
    where = str(path)
    names = fields["name"]
    if len(names) != 1 or not NAME.fullmatch(names[0]):
        raise QueryError(
            f"{where}: the header needs exactly one '// name: NAME' line (lower-case letters, digits, '-' or '_')"
        )
    descriptions = fields["description"]
    if len(descriptions) != 1 or not descriptions[0]:
        raise QueryError(f"{where}: the header needs exactly one '// description: ...' line")
    params: list[Param] = []
    for decl in [*fields["params"], *fields["param"]]:
        if decl.lower() in ("", "none"):
            continue
        params.append(_parse_param(decl, where))
    declared = [p.name for p in params]
    if len(set(declared)) != len(declared):
        raise QueryError(f"{where}: a parameter is declared twice in: {', '.join(declared)}")
    used = used_params(text)
    missing = sorted(set(used) - set(declared))
    unused = sorted(set(declared) - set(used))
    if missing:
        raise QueryError(
            f"{where}: the query uses {', '.join('$' + n for n in missing)} but the header does not declare "
            "it; add a line '// params: NAME (TYPE) description'"
        )
    if unused:
        raise QueryError(
            f"{where}: the header declares {', '.join(unused)} but the query never uses "
            f"{', '.join('$' + n for n in unused)}; remove the declaration or use it"
        )
    templates = {}
    for key in ("title", "empty"):
        if len(fields[key]) > 1:
            raise QueryError(f"{where}: the header has more than one '// {key}: ...' line")
        template = fields[key][0] if fields[key] else None
        if template is not None:
            unknown = sorted({m.group(1) for m in PLACEHOLDER.finditer(template)} - set(declared))
            if unknown:
                raise QueryError(
                    f"{where}: the {key} line names {', '.join(unknown)}, which the header does not "
                    f"declare; parameters: {', '.join(declared) or 'none'}"
                )
        templates[key] = template
    return PreparedQuery(
        name=names[0],
        description=descriptions[0],
        params=tuple(params),
        examples=tuple(fields["example"]),
        text=text,
        path=path,
        builtin=builtin,
        title=templates["title"],
        empty=templates["empty"],
    )


def _parse_param(decl: str, where: str) -> Param:
    match = _PARAM_DECL.fullmatch(decl)
    usage = (
        "write it as 'NAME (TYPE) description', 'NAME (TYPE, optional) ...' or 'NAME (TYPE, default VALUE) ...', "
        "a number may add its range: 'NAME (int, default 2, 1 to 3) ...' and an entity its kinds: "
        "'NAME (entity, Person or Organisation) ...'"
    )
    if not match:
        raise QueryError(f"{where}: cannot read the parameter line '{decl}'; {usage}")
    name, ptype, extra, description = match.groups()
    if ptype not in PARAM_TYPES:
        raise QueryError(
            f"{where}: parameter {name} has unknown type '{ptype}'; known types: {', '.join(sorted(PARAM_TYPES))}"
        )
    required, default, bounds, kinds = True, None, None, ()
    parts = []
    if extra is not None and ptype == "entity":
        parts = [part.strip() for part in extra.split(",")]  # an entity has no default to hold commas
    elif extra is not None:
        # a range comes last, after the default, which may itself hold commas (a text default)
        head, sep, tail = extra.rpartition(",")
        parts = [head.strip(), tail.strip()] if sep and _BOUNDS.fullmatch(tail.strip()) else [extra.strip()]
    for part in parts:
        if part == "optional":
            required = False
        elif ptype == "entity" and part[:1].isupper():
            kinds = tuple(k.strip() for k in re.split(r"\s+or\s+|\|", part))
            wrong = [k for k in kinds if k not in ENTITY_LABELS]
            if wrong:
                raise QueryError(
                    f"{where}: parameter {name}: '{wrong[0]}' is not a kind of entity; "
                    f"kinds are {', '.join(ENTITY_LABELS)} (several as 'Person or Organisation')"
                )
        elif part.startswith("default "):
            raw = part[len("default ") :].strip()
            if ptype == "entity":
                raise QueryError(f"{where}: parameter {name}: an entity cannot have a default; make it optional")
            try:
                required, default = False, PARAM_TYPES[ptype](raw)
            except ValueError as exc:
                raise QueryError(f"{where}: parameter {name}: the default '{raw}' is not a {ptype} ({exc})") from None
        elif ptype in ("int", "float") and _BOUNDS.fullmatch(part):
            try:
                low, high = (PARAM_TYPES[ptype](v) for v in _BOUNDS.fullmatch(part).groups())
            except ValueError:
                raise QueryError(f"{where}: parameter {name}: cannot read the range '{part}' as {ptype}s") from None
            if low > high:
                raise QueryError(f"{where}: parameter {name}: '{part}' is empty; write the lowest value first")
            bounds = (low, high)
        else:
            raise QueryError(f"{where}: cannot read '({ptype}, {extra})' for parameter {name}; {usage}")
    param = Param(name, ptype, description.strip(), required=required, default=default, bounds=bounds, kinds=kinds)
    if default is not None:
        try:
            param.check(default, where)
        except UsageError:
            raise QueryError(
                f"{where}: parameter {name}: the default {default} is outside {bounds[0]} to {bounds[1]}"
            ) from None
    return param


def _load_dir(folder: Path, builtin: bool) -> tuple[list[PreparedQuery], list[Unreadable]]:
    """The queries of a folder, and its files that are not queries (for a user's folder; a
    broken built-in query raises)."""
    if not folder.is_dir():
        raise UsageError(f"the query folder {folder} does not exist; give a folder of .cypher files")
    out, bad = [], []
    for path in sorted(folder.glob("*.cypher")):
        try:
            try:
                # utf-8-sig: editors on Windows may start the file with a byte-order mark
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"{path}: cannot read the query file: {exc}") from None
            out.append(parse_query(text, path, builtin=builtin))
        except QueryError as exc:
            if builtin:
                raise
            bad.append(Unreadable(path, str(exc)))
    return out, bad


def query_dirs(dirs: Sequence[str | Path] = (), env: Mapping[str, str] | None = None) -> list[Path]:
    """The user's query folders: those given, then those in ``KG_QUERIES``, without repeats."""
    env = os.environ if env is None else env
    listed = [Path(d) for d in dirs]
    listed += [Path(part) for part in env.get(ENV_QUERIES, "").split(os.pathsep) if part.strip()]
    out: list[Path] = []
    for folder in listed:
        folder = folder.expanduser()
        if folder not in out:
            out.append(folder)
    return out


def load_library(user_dirs: Sequence[str | Path] = (), *, builtin_dir: Path | None = None) -> QueryLibrary:
    """Load the built-in queries, then those in ``user_dirs``, in that order.

    The first query with a name wins; every later one with the same name is recorded as a
    :class:`Clash` and left out. A file of a user folder that is not a well-formed query is
    recorded as :class:`Unreadable` and left out: the other queries still run.

    Raises:
        UsageError: a user folder does not exist.
        QueryError: a built-in query file is malformed (the message names the file).
    """
    if builtin_dir is None:
        from queries import BUILTIN_DIR

        builtin_dir = BUILTIN_DIR
    found, unreadable = _load_dir(Path(builtin_dir), True)
    for folder in user_dirs:
        mine, bad = _load_dir(Path(folder), False)
        found += mine
        unreadable += bad
    queries: dict[str, PreparedQuery] = {}
    clashes: list[Clash] = []
    for query in found:
        kept = queries.get(query.name)
        if kept is None:
            queries[query.name] = query
        else:
            clashes.append(Clash(query.name, kept.path, query.path))
    return QueryLibrary(queries=dict(sorted(queries.items())), clashes=tuple(clashes), unreadable=tuple(unreadable))
