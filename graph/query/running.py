"""Running a prepared query: its parameters bound (an entity found by name or id), the text run
read-only, and the words that title its answer or say what an empty one means.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.query.prepared import PARAM_TYPES, PLACEHOLDER, Param, PreparedQuery, used_params
from loaders.errors import UsageError, WriteRefused

__all__ = [
    "bind_params",
    "check_given",
    "empty_answer_note",
    "fill_template",
    "param_words",
    "query_title",
    "run_query",
]


def fill_template(template: str, words: Mapping[str, str | None]) -> str:
    """``template`` with each ``{param}`` replaced by the parameter in words, ``{param|text}``
    by ``text`` when the parameter was left out.

    >>> fill_template("Meetings of {cell|every cell} since {year}", {"cell": None, "year": "2020"})
    'Meetings of every cell since 2020'
    """
    return PLACEHOLDER.sub(lambda m: words.get(m.group(1)) or m.group(2) or "", template).strip()


def param_words(query: PreparedQuery, bound: Mapping[str, Any], store) -> dict[str, str | None]:
    """Each parameter's value in words: an entity by its name (its id when it has none), a
    number or text as it is, None when left out."""
    words: dict[str, str | None] = {}
    for param in query.params:
        value = bound.get(param.name)
        if value is None:
            words[param.name] = None
        elif param.type == "entity":
            found = store.run("MATCH (n {id: $id}) RETURN n.name AS name", {"id": value})
            words[param.name] = str(found.rows[0][0]) if found.rows and found.rows[0][0] else str(value)
        elif isinstance(value, bool):
            words[param.name] = "yes" if value else "no"
        else:
            words[param.name] = str(value)
    return words


def query_title(query: PreparedQuery, words: Mapping[str, str | None]) -> str:
    """The default title of a map of ``query``'s answer: its ``title`` line filled in, else its
    description (first sentence) followed by the parameters given, in words.

    >>> from pathlib import Path
    >>> q = PreparedQuery(
    ...     "people-at",
    ...     "The people of an organisation. With titles.",
    ...     (Param("organisation", "entity", ""),),
    ...     (),
    ...     "",
    ...     Path("q"),
    ... )
    >>> query_title(q, {"organisation": "Alder Trust"})
    'The people of an organisation: organisation Alder Trust'
    """
    if query.title:
        return fill_template(query.title, words)
    head = query.description.split(". ")[0].rstrip(". ")
    given = ", ".join(f"{name} {value}" for name, value in words.items() if value)
    return f"{head}: {given}" if given else head


def bind_params(query: PreparedQuery, given: Mapping[str, Any], store=None) -> dict[str, Any]:
    """The values to bind for ``query``: given values converted to their types, defaults filled in.

    Entity parameters are looked up in ``store`` by id, then by name or alias (ignoring case)
    and bound to the entity's id.

    Raises:
        UsageError: a parameter is unknown or missing, a value does not fit its type, or an
            entity name is unknown or ambiguous; the message lists what is expected.
    """
    given = {_declared_name(query, key): value for key, value in given.items()}
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        raise UsageError(f"query '{query.name}' has no parameter {', '.join(unknown)}; {query.expected()}")
    missing = [p.name for p in query.params if p.required and p.name not in given]
    if missing:
        raise UsageError(f"query '{query.name}' needs {', '.join(missing)}; {query.expected()}")
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name not in given or given[param.name] is None:
            bound[param.name] = param.default
            continue
        raw = given[param.name]
        try:
            value = PARAM_TYPES[param.type](raw)
        except (TypeError, ValueError) as exc:
            raise UsageError(
                f"parameter {param.name} of query '{query.name}' must be {param.type}, not '{raw}' ({exc})"
            ) from None
        bound[param.name] = param.check(value, query.name)
    # Names are looked up only once every value is known to fit, so typos are reported first.
    for param in query.params:
        if param.type == "entity" and bound[param.name] is not None:
            if store is None:
                raise UsageError(f"parameter {param.name} names an entity; a store is needed to look it up")
            bound[param.name] = _entity_id(store, bound[param.name], param, query.name)
    return bound


def _declared_name(query: PreparedQuery, key: str) -> str:
    """``key`` as the query declares it: "-p Organisation x" means organisation, when only one
    parameter has that name in any case."""
    if query.param(key) is not None:
        return key
    same = [p.name for p in query.params if p.name.lower() == key.lower()]
    return same[0] if len(same) == 1 else key


def _entity_id(store, name: str, param: Param, query: str) -> str:
    from graph.query.lookup import find_entity

    found = find_entity(store, name, param.kinds)
    return _of_kind(found["id"], found["label"], param, query)


def _of_kind(entity_id: str, label: str, param: Param, query: str) -> str:
    """``entity_id`` if its label is one ``param`` takes.

    Raises:
        UsageError: it is not (the message says what the parameter takes).
    """
    if param.kinds and label not in param.kinds:
        wanted = " or ".join(f"{'an' if k[0] in 'AEIOU' else 'a'} {k}" for k in param.kinds)
        raise UsageError(
            f"{entity_id} is {'an' if label[0] in 'AEIOU' else 'a'} {label}, but parameter {param.name} "
            f"of query '{query}' takes {wanted}; see kg query show {query}"
        )
    return entity_id


def run_query(store, query: PreparedQuery, params: Mapping[str, Any] | None = None):
    """Run a prepared query read-only with its parameters bound, and return the QueryResult.

    Raises:
        UsageError: the parameters do not fit the query (see :func:`bind_params`).
        QueryError: the query failed in the store.
        StoreNotFound: no graph has been built yet.
    """
    bound = bind_params(query, dict(params or {}), store)
    try:
        return store.run(query.text, bound, write=False)
    except WriteRefused:
        raise WriteRefused(
            f"query '{query.name}' would change the graph, and prepared queries always run read-only; "
            f"to change the graph on purpose, run its Cypher ({query.path}) with kg cypher --write"
        ) from None


def empty_answer_note(
    query: PreparedQuery, bound: Mapping[str, Any], words: Mapping[str, str | None] | None = None
) -> str | None:
    """For an answer with no rows: what the query's ``empty`` line says it means (given the
    parameters in ``words``, see :func:`param_words`), else the entities its parameters were
    bound to, so that the user sees which entities were meant (an id starts with its kind);
    None when the query has neither.

    >>> from pathlib import Path
    >>> q = PreparedQuery("partners-of", "", (Param("organisation", "entity", ""),), (), "", Path("q"))
    >>> print(empty_answer_note(q, {"organisation": "organisation:alder-trust"}))  # doctest: +NORMALIZE_WHITESPACE
    no rows for organisation = organisation:alder-trust:
    the graph holds no such facts (kg show NAME lists what it holds)
    """
    given = [(p.name, bound[p.name]) for p in query.params if p.type == "entity" and bound.get(p.name)]
    ids = [value for _, value in given]
    twice = next((value for value in ids if ids.count(value) > 1), None)
    if twice is not None:
        names = " and ".join(name for name, value in given if value == twice)
        return f"no rows: {names} are the same entity ({twice}); give two different ones"
    if query.empty and words is not None:
        return fill_template(query.empty, words)
    if not given:
        return None
    parts = ", ".join(f"{name} = {value}" for name, value in given)
    return f"no rows for {parts}: the graph holds no such facts (kg show NAME lists what it holds)"


def check_given(cypher: str, given: Mapping[str, Any]) -> None:
    """Check that every ``$parameter`` of an ad-hoc Cypher text has a value.

    Raises:
        UsageError: some have none (the message names them).
    """
    missing = [name for name in used_params(cypher) if name not in given]
    if missing:
        names = ", ".join(f"${name}" for name in missing)
        raise UsageError(f"the query uses {names} but no value was given; add -p NAME VALUE for each")
