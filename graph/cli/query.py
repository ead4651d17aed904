"""``kg query list|show|run`` (prepared queries) and ``kg cypher`` (ad-hoc Cypher)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from graph.cli.root import cli, collect_params, emit_text, open_store, store_options
from graph.query.tables import FORMATS as _TABLE_FORMATS

FORMAT_NAMES = tuple(_TABLE_FORMATS)
# How wide a table is made when the terminal's width cannot be known (output to a pipe or file).
DEFAULT_WIDTH = 120


def _queries_option(command):
    return click.option(
        "--queries",
        "query_folders",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="A folder of your own .cypher queries (repeatable) [env KG_QUERIES, folders separated by ':'].",
    )(command)


def _output_options(command):
    command = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the result to this file instead of standard output.",
    )(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMAT_NAMES),
        default=None,
        help="How to show the result [default: as the -o file's ending says (.csv, .json, .md), else table].",
    )(command)


def _param_option(command):
    return click.option(
        "-p",
        "--param",
        "params",
        nargs=2,
        multiple=True,
        metavar="KEY VALUE",
        help="A parameter value (repeatable).",
    )(command)


def _library(folders: tuple[Path, ...]):
    from graph.query.prepared import load_library, query_dirs

    library = load_library(query_dirs(folders))
    for problem in (*library.unreadable, *library.clashes):
        click.echo(f"Warning: {problem.message()}", err=True)
    return library


@cli.group()
def query() -> None:
    """Prepared queries: questions about the graph, asked by name.

    \b
    Example:
      kg query list
      kg query show partners-of
      kg query run partners-of -p organisation "Riverside Trust"
    """


@query.command("list")
@_queries_option
def list_queries(query_folders: tuple[Path, ...]) -> None:
    """List every prepared query, built-in and your own, with what it answers.

    \b
    Example:
      kg query list
      kg query list --queries my-queries/
    """
    library = _library(query_folders)
    width = max([len(n) for n in library.names()] + [4])
    for name in library.names():
        q = library.queries[name]
        mark = "" if q.builtin else "  [yours]"
        click.echo(f"{name:<{width}}  {q.description}{mark}")


@query.command("show")
@_queries_option
@click.argument("name")
def show_query(query_folders: tuple[Path, ...], name: str) -> None:
    """Show a prepared query: what it does, its parameters, an example and its Cypher.

    \b
    Example:
      kg query show connection
    """
    q = _library(query_folders).get(name)
    click.echo(f"{q.name}: {q.description}")
    click.echo(f"File: {q.path}")
    click.echo("Parameters:" + ("" if q.params else " none"))
    for p in q.params:
        click.echo(f"  {p.describe()}")
    for example in q.examples:
        click.echo(f"Example: {example}")
    click.echo("")
    click.echo(q.text.rstrip("\n"))


@query.command("run")
@store_options
@_queries_option
@click.argument("name")
@_param_option
@_output_options
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw what the result names: map.html (interactive), map.pdf, map.svg or map.png.",
)
@click.option(
    "--title",
    default=None,
    help='The --map\'s title [default: what the query answers, e.g. "Partners of Riverside Trust"].',
)
@click.pass_context
def run_query_cmd(
    ctx: click.Context,
    query_folders: tuple[Path, ...],
    name: str,
    params: tuple[tuple[str, str], ...],
    fmt: str,
    output: Path | None,
    map_file: Path | None,
    title: str | None,
) -> None:
    """Run a prepared query by name, read-only, and show the result.

    Parameters that name an entity take its name, any alias (case does not matter) or its id.

    \b
    Example:
      kg query run timeline
      kg query run people-at -p organisation "Riverside Trust" --format markdown
      kg query run neighbourhood -p entity "Riverside Trust" -p hops 2 --format csv -o near.csv
      kg query run partners-of -p organisation "Riverside Trust" --map partners.pdf
      kg query run partners-of -p organisation "Riverside Trust" --map partners.png --title "Our partners"
    """
    from graph.cli.viz import check_picture_suffix, draw, query_nodes
    from graph.query.running import bind_params, empty_answer_note, param_words, query_title, run_query
    from graph.query.tables import result_format

    fmt = result_format(fmt, output)  # before the query runs, so a wrong ending costs nothing
    if map_file is not None:
        check_picture_suffix(map_file)  # before the query runs, so a typo costs nothing
    elif title is not None:
        raise click.UsageError("--title names the picture --map draws; give --map FILE too.")
    q = _library(query_folders).get(name)
    given = collect_params(params)
    with open_store(ctx) as store:
        result = run_query(store, q, given)
        # The built-in queries are tested against plain Python on every store; yours may not be.
        notes = () if q.builtin else store.notes(q.text)
        bound = bind_params(q, given, store)
        if not result.rows:
            empty = empty_answer_note(q, bound, param_words(q, bound, store))
            notes = (*notes, empty) if empty else notes
        if map_file is not None:
            from graph.query.lookup import graph_stats
            from graph.render.view import to_view
            from graph.stores.graph_rows import read_graph

            G = read_graph(store)
            only = query_nodes(G, q, bound, result)
            title = title if title is not None else query_title(q, param_words(q, bound, store))
            view = to_view(G, title=title, build=graph_stats(store).build, nodes=only)
    _emit_table(result, fmt, output)
    _show_notes(notes)
    if map_file is not None:
        draw(view, map_file)


@cli.command()
@store_options
@click.argument("text")
@_param_option
@click.option("--write", is_flag=True, help="Allow the query to change the graph (otherwise it is refused).")
@_output_options
@click.pass_context
def cypher(
    ctx: click.Context, text: str, params: tuple[tuple[str, str], ...], write: bool, fmt: str, output: Path | None
) -> None:
    """Run ad-hoc Cypher, read-only unless --write is given.

    A parameter value that reads as a JSON number, true, false or null is bound as that;
    anything else is bound as text.

    \b
    Example:
      kg cypher 'MATCH (o:Organisation) RETURN o.name AS name ORDER BY name LIMIT $n' -p n 5
      kg cypher 'MATCH (o:Organisation {name: $name})-[r]-(x) RETURN type(r), x.name' -p name "Riverside Trust"
      kg cypher 'MATCH (n:Scratch) DETACH DELETE n' --write
    """
    from graph.query.running import check_given
    from graph.query.tables import result_format

    fmt = result_format(fmt, output)
    given = {key: _literal(value) for key, value in collect_params(params).items()}
    check_given(text, given)
    with open_store(ctx) as store:
        result = store.run(text, given, write=write)
        notes = store.notes(text)
    _emit_table(result, fmt, output)
    _show_notes(notes)


def _show_notes(notes: tuple[str, ...]) -> None:
    # After the result, on stderr: a table piped or pasted elsewhere stays clean.
    for note in notes:
        click.echo(f"Note: {note}", err=True)


def _literal(value: str):
    """A number, true, false or null when the text is exactly one; the text otherwise."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    return parsed if parsed is None or isinstance(parsed, (bool, int, float)) else value


def _emit_table(result, fmt: str, output: Path | None) -> None:
    """Print the table, or write it to ``output``; a CSV file starts with a byte-order mark."""
    from graph.query.tables import EXCEL_BOM, format_result

    # A table to read in the terminal fits it (COLUMNS, else the terminal's own width).
    text = format_result(result, fmt, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    if output is not None and fmt == "csv":
        text = EXCEL_BOM + text
    emit_text(text, output)
