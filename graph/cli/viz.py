"""``kg viz`` (the interactive explorer) and ``kg map`` (board-paper maps)."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.root import cli, collect_params, emit_text, open_store, store_options
from graph.render.board_map import FORMATS as _PRINTED

# A picture file's ending says what to draw: a printed map in one of the map's formats, or the explorer.
MAP_SUFFIXES = (*(f".{fmt}" for fmt in _PRINTED), ".html")


def _view_options(command):
    # Click lists options in reverse order of decoration: this reads --depth ... --query, -p.
    options = [
        click.option(
            "-p",
            "--param",
            "params",
            nargs=2,
            multiple=True,
            metavar="KEY VALUE",
            help="A parameter of --query (repeatable).",
        ),
        click.option(
            "--query",
            "query_name",
            default=None,
            help="Show only what this prepared query returns (see `kg query list`).",
        ),
        click.option("--title", default=None, help="The title shown above the picture."),
        click.option(
            "--new-since",
            "new_since",
            default=None,
            metavar="BUILD|DATE",
            help="Highlight what is new since that build (an id from `kg history`, or a date).",
        ),
        click.option(
            "--types",
            default=None,
            metavar="TYPE,...",
            help="Comma-separated node labels and/or edge types to keep, e.g. Person,Organisation,FUNDED.",
        ),
        click.option(
            "--depth",
            type=click.IntRange(min=0),
            default=2,
            show_default=True,
            help="With --focus: how many steps out from the focus.",
        ),
    ]
    for option in options:
        command = option(command)
    return command


def _new_since(ctx: click.Context, G, ref: str) -> dict:
    """What the stored graph has that the recorded build ``ref`` did not."""
    from graph.cli.root import settings
    from graph.exchange.canonical_json import to_json_data
    from graph.history.builds import load_build
    from graph.history.diff import diff_graphs

    record, old = load_build(settings(ctx).data_dir, ref)
    diff = diff_graphs(old, to_json_data(G))
    return {
        "since": f"{record.date[:10]} (build {record.id})",
        "nodes": [n["id"] for n in diff.added_nodes],
        "edges": [f"{e['source']}|{e['type']}|{e['target']}" for e in diff.added_edges],
    }


def _make_view(
    ctx: click.Context, focus, depth, types, title, new_since, query_name, params, *, for_map: bool = False
) -> dict:
    """The view a command draws. A map with neither focus nor query draws the largest connected
    part of the graph: unconnected entities would fill a printed page with dots."""
    from graph.query.lookup import find_entity, graph_stats
    from graph.render.view import to_view
    from graph.stores.graph_rows import read_graph

    if params and not query_name:
        raise click.UsageError("-p/--param only goes with --query.")
    if focus and query_name:
        # each picks the nodes to draw: together one would silently empty the other
        raise click.UsageError("--focus and --query each choose what to draw; give one of them.")
    type_list = [t for t in (types or "").split(",") if t.strip()] or None
    with open_store(ctx) as store:
        # The focus is found as every command finds a name, and carried on as its id.
        focus_id = find_entity(store, focus)["id"] if focus else None
        G = read_graph(store)
        build = graph_stats(store).build
        only = None
        if query_name:
            from graph.query.prepared import load_library, query_dirs
            from graph.query.running import bind_params, param_words, query_title, run_query

            query = load_library(query_dirs(())).get(query_name)
            given = collect_params(params)
            bound = bind_params(query, given, store)
            result = run_query(store, query, given)
            only = query_nodes(G, query, bound, result)
            if title is None:
                title = query_title(query, param_words(query, bound, store))
    new = _new_since(ctx, G, new_since) if new_since else None
    return to_view(
        G,
        focus=focus_id,
        depth=depth,
        types=type_list,
        title=title,
        build=build,
        nodes=only,
        new=new,
        largest_part=for_map and not focus and not query_name,
    )


def query_nodes(G, query, bound: dict, result) -> list[str]:
    """The nodes a query's result names, with the entities its parameters named."""
    from graph.render.view import nodes_in_result

    entity_ids = [bound[p.name] for p in query.params if p.type == "entity" and bound.get(p.name)]
    only = nodes_in_result(G, result.rows, entity_ids)
    if not only:
        raise click.UsageError(
            f"query '{query.name}' returned nothing that names an entity, so there is nothing to draw; a query to "
            "map returns entities, or their ids (e.g. RETURN n.name AS name, [n.id] AS _ids)."
        )
    return only


def check_picture_suffix(output: Path) -> str:
    """The picture format an output file's suffix asks for (a usage error if none)."""
    suffix = output.suffix.lower()
    if suffix not in MAP_SUFFIXES:
        raise click.UsageError(f"the picture file must end in {', '.join(MAP_SUFFIXES)}, not '{output.name}'.")
    return suffix


def draw(view: dict, output: Path) -> None:
    """Write ``view`` as the picture the file's suffix asks for: html, pdf, svg or png."""
    suffix = check_picture_suffix(output)
    if suffix == ".html":
        from graph.render.explorer import render_html

        data = render_html(view).encode("utf-8")
    else:
        from graph.render.board_map import render_map

        data = render_map(view, suffix[1:])
    emit_text(data, output)
    click.echo(f"{len(view['nodes'])} nodes, {len(view['edges'])} edges.", err=True)


@cli.command()
@store_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("kg-network.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--focus", default=None, help="Name, alias or id of an entity: show only its neighbourhood.")
@_view_options
@click.pass_context
def viz(ctx: click.Context, output: Path, focus, depth, types, title, new_since, query_name, params) -> None:
    """Write the graph as one interactive HTML page that works offline.

    The page has a legend, a search box, filters by node label and edge type, and a click
    highlights a node's neighbourhood; hovering shows aliases, roles and the evidence quotes.

    \b
    Example:
      kg viz -o network.html
      kg viz --focus "Riverside Trust" --depth 2 -o riverside.html
      kg viz --types Organisation,FUNDED,PARTNERED_WITH -o funding.html
      kg viz --query partners-of -p organisation "Riverside Trust" -o partners.html
    """
    from graph.render.explorer import render_html

    view = _make_view(ctx, focus, depth, types, title, new_since, query_name, params)
    emit_text(render_html(view).encode("utf-8"), output)
    click.echo(f"{len(view['nodes'])} nodes, {len(view['edges'])} edges.", err=True)


@cli.command("map")
@store_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write: .pdf, .svg, .png (A4 landscape) or .html (interactive).",
)
@click.option("--focus", default=None, help="Name, alias or id of the entity the map is centred on.")
@_view_options
@click.pass_context
def map_(ctx: click.Context, output: Path, focus, depth, types, title, new_since, query_name, params) -> None:
    """Draw a network map for a board paper: A4 landscape, legend, title and a data-as-of footnote.

    The same graph always gives the same picture. Give --focus (or --query) to map one
    entity's neighbourhood; without either, the map draws the largest connected part of the
    graph (its subtitle says how much of the graph that is).

    \b
    Example:
      kg map --focus "Riverside Trust" -o riverside.pdf
      kg map --focus "Riverside Trust" --depth 1 --types Organisation --title "Our partners" -o partners.svg
      kg map --focus "Riverside Trust" -o riverside.html
      kg map --focus "Riverside Trust" --new-since 2024-01-31 -o changes.pdf
    """
    check_picture_suffix(output)
    draw(
        _make_view(
            ctx, focus, depth, types, title, new_since, query_name, params, for_map=output.suffix.lower() != ".html"
        ),
        output,
    )
