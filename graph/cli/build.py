"""``kg build``: read documents, extract, resolve, and store the graph."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.root import Progress, cli, open_store, settings, store_options

from . import settings as settings_mod


@cli.command()
@store_options
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--catalogue",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"YAML file of known entities, names to ignore and curated edges [env {settings_mod.ENV['catalogue']}].",
)
@click.option(
    "--model", default=None, help="An installed spaCy pipeline to use for tokens and sentences (never downloaded)."
)
@click.option(
    "--strict", is_flag=True, help="If any file cannot be read, keep the previous graph and exit with status 1."
)
@click.option("--full", is_flag=True, help="Re-extract every document, ignoring the cache of unchanged ones.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that read and extract files at once [default: one per CPU from 16 files; 1: no extra process].",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    catalogue: Path | None,
    model: str | None,
    strict: bool,
    full: bool,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Read documents, extract people, organisations and ideas, and store the graph.

    PATHS are files and folders (searched recursively) of .txt, .md, .html, .docx, .pdf and .eml.
    The previous graph stays until the new one is complete. Files that cannot be read are
    listed with the reason; the rest still builds (exit 0). With --strict such a file stops
    the build instead: the previous graph stays, and the exit status is 1.

    \b
    Example:
      kg build ../shared/corpus
      kg build notes/ board-papers/ --catalogue catalogue.yaml
      kg build notes/ --jobs 1
    """
    from graph.builder.run import build as run_build

    cfg = settings(ctx, catalogue=catalogue, model=model)
    progress = None if quiet else Progress()
    with open_store(ctx, create=True) as store:
        try:
            report = run_build(
                paths,
                store,
                catalogue=cfg.catalogue,
                model=cfg.model,
                progress=progress,
                data_dir=cfg.data_dir,
                use_cache=not full,
                jobs=jobs,
                strict=strict,
            )
        finally:
            if progress:
                progress.close()
    click.echo(
        f"Built the graph from {_count(report.documents, 'document')} "
        f"({_count(report.sections, 'section')}) in {report.seconds:.1f} s."
    )
    if report.extracted < report.documents:
        unchanged = report.documents - report.extracted
        click.echo(f"Extracted {report.extracted} new or changed document(s); {unchanged} unchanged, from the cache.")
    if report.gone:
        listed = ", ".join(report.gone[:10]) + (f" and {len(report.gone) - 10} more" if len(report.gone) > 10 else "")
        click.echo(
            f"No longer found since the last build: {_count(len(report.gone), 'file')} ({listed}); "
            "their facts are gone from the graph."
        )
    click.echo(f"Store: {report.store}")
    click.echo("Nodes:  " + ", ".join(f"{k} {v}" for k, v in report.nodes.items()))
    click.echo("Edges:  " + ", ".join(f"{k} {v}" for k, v in report.edges.items()))
    if report.low_confidence:
        click.echo(f"Low-confidence facts kept, marked for a human look: {report.low_confidence} (see `kg review`)")
    if report.ignored:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in report.ignored.items())
        click.echo(f"Ignored {sum(report.ignored.values())} file(s) of types kg does not read ({kinds}).")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)} file(s):", err=True)
        for item in report.skipped:
            click.echo(f"  {item.path}: {item.reason}", err=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
