"""``kg history`` and ``kg diff``: the recorded builds, and what changed between two of them."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.root import cli, emit_text, settings
from loaders.errors import UsageError


def _set_data_dir(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.find_object(dict)["data_dir"] = value


def data_dir_option(command):
    """Let a command take ``--data-dir`` itself (the history lives there, whatever the store)."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        callback=_set_data_dir,
        help="Where the build history lives [env KG_DATA_DIR].",
    )(command)


@cli.command()
@data_dir_option
@click.pass_context
def history(ctx: click.Context) -> None:
    """List the recorded builds, oldest first: id, date, documents, nodes and edges.

    Use a build id (or its first characters) or a date with `kg diff --since`.

    \b
    Example:
      kg history
    """
    from graph.history.builds import list_builds

    data_dir = settings(ctx).data_dir
    builds = list_builds(data_dir)
    if not builds:
        click.echo(f"No builds recorded in {data_dir}; run `kg build PATH` first.")
        return
    click.echo(f"{'build':<25} {'date':<25} {'documents':>9} {'nodes':>7} {'edges':>7}")
    for b in builds:
        click.echo(
            f"{b.id:<25} {b.date:<25} {len(b.documents):>9} {sum(b.nodes.values()):>7} {sum(b.edges.values()):>7}"
        )


@cli.command()
@click.option(
    "--since",
    "since",
    default=None,
    metavar="DATE|BUILD",
    help="Compare with this build: an id from `kg history` or a date (the last build on or before it). "
    "Default: the build before the latest.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the markdown to this file instead of standard output.",
)
@data_dir_option
@click.pass_context
def diff(ctx: click.Context, since: str | None, output: Path | None) -> None:
    """What changed since an earlier build, as markdown for a board paper.

    Lists entities and connections added and removed (new partners, ended funding, new people,
    new ideas) with the quotes that state them, comparing the latest build with an earlier one.

    \b
    Example:
      kg diff
      kg diff --since 2024-01-31 -o changes.md
    """
    from graph.history.builds import list_builds, load_build
    from graph.history.diff import diff_graphs, diff_markdown

    data_dir = settings(ctx).data_dir
    builds = list_builds(data_dir)
    if not builds:
        raise UsageError(f"no builds are recorded in {data_dir}; run `kg build PATH` first")
    if since is None:
        if len(builds) < 2:
            raise UsageError(
                "only one build is recorded, so there is nothing to compare yet; "
                "run `kg build` again after your documents change"
            )
        since = builds[-2].id
    old_rec, old = load_build(data_dir, since)
    if old_rec.id == builds[-1].id and len(builds) > 1:
        # "--since today" after several builds today finds the latest: say why nothing changed
        click.echo(
            f"Note: the last build on or before '{since}' is the latest one ({old_rec.id}), so it is "
            f"compared with itself; for earlier changes give an earlier date, or a build id from "
            f"`kg history` (the one before it is {builds[-2].id}).",
            err=True,
        )
    new_rec, new = load_build(data_dir, builds[-1].id)
    text = diff_markdown(
        diff_graphs(old, new),
        since=f"build {old_rec.id} ({old_rec.date})",
        until=f"build {new_rec.id} ({new_rec.date})",
    )
    emit_text(text, output)
