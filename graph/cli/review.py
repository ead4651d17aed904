"""``kg review``: list what needs a human look, and apply the decisions to the catalogue."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from graph.cli.root import cli, open_store, settings, store_options
from loaders.errors import StoreNotFound

from . import settings as settings_mod


@cli.command()
@store_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the review CSV to this file instead of standard output.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="List at most this many rows.")
@click.option(
    "--apply",
    "apply_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Apply the decisions of a filled-in review CSV to the catalogue instead of listing.",
)
@click.option(
    "--catalogue",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Catalogue file --apply updates [env {settings_mod.ENV['catalogue']}; default ./catalogue.yaml].",
)
@click.pass_context
def review(
    ctx: click.Context, output: Path | None, limit: int | None, apply_path: Path | None, catalogue: Path | None
) -> None:
    """List what most needs a human look, or apply the decisions made on that list.

    Without --apply: a CSV of low-confidence edges, near-duplicate names, uncertain labels and
    entities seen once, with evidence. Fill its decision column with accept, reject, merge into,
    rename or relabel (value: the target name, new name or new label), then run --apply: the
    decisions become catalogue entries, so every later build keeps them.

    \b
    Example:
      kg review -o review.csv
      kg review --apply review.csv --catalogue catalogue.yaml
      kg build ./documents --catalogue catalogue.yaml
    """
    from graph.review import decisions, findings

    if apply_path is None:
        if catalogue is not None:
            raise click.UsageError("--catalogue goes with --apply")
        from graph.stores.graph_rows import read_graph

        with open_store(ctx) as store:
            rows = findings.review_rows(read_graph(store), limit=limit)
        if output is None:
            findings.write_review(rows, sys.stdout)
        else:
            from graph.exchange.files import atomic_write
            from graph.query.tables import EXCEL_BOM

            sheet = io.StringIO()
            findings.write_review(rows, sheet)
            atomic_write(output, EXCEL_BOM + sheet.getvalue())
            counts = {k: sum(1 for r in rows if r.kind == k) for k in findings.KINDS}
            click.echo(
                f"Wrote {len(rows)} row(s) to {output}: " + ", ".join(f"{k} {n}" for k, n in counts.items() if n),
                err=True,
            )
        return

    from loaders.catalogue import Catalogue, load_catalogue, save_catalogue

    path = settings(ctx, catalogue=catalogue).catalogue or Path("catalogue.yaml")
    current = load_catalogue(path) if path.exists() else Catalogue(path=str(path))
    rows = findings.read_review(apply_path)
    result = decisions.apply_review(rows, current)  # every row checked first: a bad one needs no graph
    asked = {(row.decision or "").strip().lower() for row in rows}
    if any(d.startswith("merge") or d == "relabel" for d in asked):
        known = _graph_names(ctx)
        if known is not None:  # merge targets are checked against what the graph holds
            graph = _graph(ctx) if "relabel" in asked else None  # a relabel lists the facts it drops
            result = decisions.apply_review(rows, current, known, graph)
    if not result.changes:
        if result.decisions:
            click.echo(f"All {result.decisions} decision(s) in {apply_path} are already in {path}; it is unchanged.")
        else:
            click.echo(f"No decisions to apply in {apply_path} (fill in its decision column); {path} is unchanged.")
        return
    save_catalogue(result.catalogue, path)
    click.echo(f"Added to {path}:")
    for change in result.changes:
        click.echo(f"  {change}")
    click.echo(f"Rebuild with --catalogue {path} (or {settings_mod.ENV['catalogue']}={path}) to see them.")


def _graph(ctx: click.Context):
    """The stored graph (for the facts a relabel drops), or None without one."""
    from graph.stores.graph_rows import read_graph

    try:
        with open_store(ctx) as store:
            return read_graph(store)
    except StoreNotFound:
        return None


def _graph_names(ctx: click.Context):
    """The graph's entity names (see :func:`graph.query.lookup.entity_names`), or None without a graph."""
    from graph.query.lookup import entity_names

    cfg = settings(ctx)
    if not cfg.store and not cfg.data_dir.is_dir():
        return None  # no embedded graph here (a sheet applied on another machine): nothing to ask
    try:
        with open_store(ctx) as store:
            return entity_names(store)
    except StoreNotFound:
        return None
