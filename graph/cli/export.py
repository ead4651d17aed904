"""``kg export``: the stored graph in the formats other tools read (JSON, Gephi, Kumu, Neo4j)."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.root import cli, open_store, store_options
from graph.exchange.export import FORMATS


@cli.command()
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="json",
    show_default=True,
    help="json; graphml or gexf (Gephi); kumu or csv (neo4j-admin import; both write a folder); cypher (a script).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (a folder for kumu and csv) instead of standard output.",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export the stored graph for other tools; the same corpus always gives the same bytes.

    \b
    Example:
      kg export --format json -o graph.json
      kg export --format gexf -o graph.gexf
      kg export --format kumu -o kumu-sheets
    """
    from graph.exchange.export import export_text, write_export
    from graph.stores.graph_rows import read_graph

    with open_store(ctx) as store:
        G = read_graph(store)
    if output is None:
        click.echo(export_text(G, fmt), nl=False)
        return
    for path in write_export(G, fmt, output):
        click.echo(f"Wrote {path}", err=True)
