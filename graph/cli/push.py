"""``kg push``: publish the graph already built in one store (usually the embedded one) to another."""

from __future__ import annotations

import click

from graph.cli.root import Progress, cli, open_store, settings, store_options


@cli.command()
@store_options
@click.option(
    "--to",
    "to_url",
    required=True,
    metavar="URL",
    help="Store to copy into: neo4j://HOST:7687, neo4j+s://..., bolt://... or embedded:/path.",
)
@click.option(
    "--batch-size", default=500, show_default=True, type=click.IntRange(min=1), help="Rows per write statement."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def push(ctx: click.Context, to_url: str, batch_size: int, quiet: bool) -> None:
    """Copy the built graph to another store, without re-extracting anything.

    The graph in --store (default: the embedded store) replaces the graph in the target
    in one transaction; if the copy fails, the target keeps its previous graph. Neo4j
    credentials come only from the environment: NEO4J_USER (or a user in the URL),
    NEO4J_PASSWORD and NEO4J_DATABASE. Never put the password in the URL.

    \b
    Example:
      kg build ./documents
      NEO4J_USER=kg NEO4J_PASSWORD=... kg push --to neo4j://graph.example.org:7687
      kg push --to embedded:/srv/kg-copy
    """
    from graph.exchange.push import copy_graph
    from graph.stores import open_store as open_url

    cfg = settings(ctx)
    progress = None if quiet else Progress()
    with open_store(ctx) as source, open_url(to_url, cfg.data_dir) as target:
        try:
            report = copy_graph(
                source,
                target,
                batch_size=batch_size,
                progress=None if progress is None else (lambda done, total: progress("writing", done, total)),
            )
        finally:
            if progress:
                progress.close()
    click.echo(f"Pushed {report.nodes} nodes and {report.edges} edges from {report.source} to {report.target}.")
