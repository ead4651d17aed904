"""The root ``kg`` group and what every command shares: settings, the store, progress bars.

Errors are translated once, in :class:`KGGroup`: a ``KGError`` becomes ``Error: ...`` and exit 1,
a ``UsageError`` exit 2; tracebacks only with ``--debug``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from loaders.errors import KGError, UsageError

from . import settings as settings_mod

__all__ = ["KGGroup", "Progress", "cli", "collect_params", "open_store", "settings", "store_options"]


class KGGroup(click.Group):
    """Turns kg's own errors into clean messages, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.UsageError(str(exc)) from exc
        except KGError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(str(exc)) from exc


def settings(ctx: click.Context, **flags) -> settings_mod.Settings:
    """Settings from defaults, environment, the group's flags and the command's ``flags``."""
    return settings_mod.load_settings(data_dir=ctx.obj["data_dir"], store=ctx.obj["store"], **flags)


def open_store(ctx: click.Context, *, create: bool = False):
    """The store the command line's options and environment select (a context manager).

    Only a command that writes a graph (``create``: kg build) makes a missing data folder; a
    command that reads says there is no graph and leaves nothing behind.
    """
    from graph.stores import open_store as open_configured

    cfg = settings(ctx)
    return open_configured(cfg.store, cfg.data_dir, create=create)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=(
        f"Where the embedded graph lives [env {settings_mod.ENV['data_dir']}; "
        f"default ./{settings_mod.DEFAULT_DATA_DIR}]."
    ),
)
@click.option(
    "--store", default=None, help=f"Store URL, e.g. embedded:/path [env {settings_mod.ENV['store']}; default embedded]."
)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="kg")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, store: str | None, debug: bool) -> None:
    """kg: a knowledge graph of organisations, people and ideas, built from your documents.

    \b
    Example:
      kg build ./documents
      kg stats
      kg show "Riverside Trust"
    """
    ctx.ensure_object(dict)
    ctx.obj.update(data_dir=data_dir, store=store, debug=debug)


def collect_params(params: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The ``-p KEY VALUE`` pairs of a command as a dict; a key given twice is a usage error."""
    given: dict[str, str] = {}
    for key, value in params:
        if key in given:
            raise click.UsageError(f"parameter {key} is given twice")
        given[key] = value
    return given


def emit_text(text: str | bytes, output: Path | None) -> None:
    """Print ``text``, or write it (text as UTF-8, or bytes) to ``output`` whole: a reader never
    sees half a file."""
    if output is None:
        click.echo(text, nl=False)
        return
    from graph.exchange.files import atomic_write

    atomic_write(output, text)
    click.echo(f"Wrote {output}", err=True)


def _override(key: str):
    def callback(ctx: click.Context, _param: click.Parameter, value):
        if value is not None:
            ctx.find_object(dict)[key] = value
        return value

    return callback


def store_options(command):
    """Let a command take ``--store`` and ``--data-dir`` itself, as well as from the group."""
    command = click.option(
        "--store",
        default=None,
        expose_value=False,
        callback=_override("store"),
        help="Store URL: embedded (default), embedded:/path, neo4j://host:7687 ... [env KG_STORE].",
    )(command)
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        callback=_override("data_dir"),
        help="Where the embedded graph lives [env KG_DATA_DIR].",
    )(command)


class Progress:
    """Feeds the library's progress callback into one click progress bar per stage."""

    LABELS = {
        "reading": "Reading files   ",
        "extracting": "Extracting facts",
        "building": "Making the graph",
        "recording": "Saving history  ",
        "writing": "Writing graph   ",
    }

    def __init__(self) -> None:
        self.stage: str | None = None
        self.bar = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.done = 0
            self.bar = click.progressbar(length=total, label=self.LABELS.get(stage, stage), file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
