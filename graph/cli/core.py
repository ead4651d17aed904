"""``kg build``, ``kg stats``, ``kg show`` and ``kg export``."""

from __future__ import annotations

from pathlib import Path

import click

from .. import settings as settings_mod
from ..formats import FORMATS
from .root import Progress, cli, open_store, settings, store_options


@cli.command()
@store_options
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--catalogue", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"YAML file of known entities, names to ignore and curated edges [env {settings_mod.ENV['catalogue']}].")
@click.option("--model", default=None, help="An installed spaCy pipeline to use for tokens and sentences (never downloaded).")
@click.option("--strict", is_flag=True,
              help="If any file cannot be read, keep the previous graph and exit with status 1.")
@click.option("--full", is_flag=True, help="Re-extract every document, ignoring the cache of unchanged ones.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that read and extract files at once [default: one per CPU from 16 files; 1: no extra process].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], catalogue: Path | None, model: str | None,
          strict: bool, full: bool, jobs: int | None, quiet: bool) -> None:
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
    from ..pipeline import build as run_build

    cfg = settings(ctx, catalogue=catalogue, model=model)
    progress = None if quiet else Progress()
    with open_store(ctx, create=True) as store:
        try:
            report = run_build(paths, store, catalogue=cfg.catalogue, model=cfg.model, progress=progress,
                               data_dir=cfg.data_dir, use_cache=not full, jobs=jobs, strict=strict)
        finally:
            if progress:
                progress.close()
    click.echo(f"Built the graph from {_count(report.documents, 'document')} "
               f"({_count(report.sections, 'section')}) in {report.seconds:.1f} s.")
    if report.extracted < report.documents:
        unchanged = report.documents - report.extracted
        click.echo(f"Extracted {report.extracted} new or changed document(s); {unchanged} unchanged, from the cache.")
    if report.gone:
        listed = ", ".join(report.gone[:10]) + (f" and {len(report.gone) - 10} more" if len(report.gone) > 10 else "")
        click.echo(f"No longer found since the last build: {_count(len(report.gone), 'file')} ({listed}); "
                   "their facts are gone from the graph.")
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


@cli.command()
@store_options
@click.pass_context
def stats(ctx: click.Context) -> None:
    """Counts per label and edge type of the stored graph, and when and from what it was built.

    \b
    Example:
      kg stats
    """
    from ..lookup import graph_stats

    with open_store(ctx) as store:
        st = graph_stats(store)
    build = st.build
    if build:
        click.echo(f"Built {build.get('built_at', '?')} from {', '.join(build.get('sources', []))}")
        # "files", not "documents": each file's notes and sections are Document nodes too
        catalogue = f"; catalogue: {build['catalogue']}" if build.get("catalogue") else ""
        click.echo(f"Files read: {len(build.get('documents', []))}{catalogue}")
    width = max([len(k) for k in [*st.labels, *st.edge_types]] + [5])
    click.echo("\nNodes")
    for label, n in st.labels.items():
        click.echo(f"  {label:<{width}} {n:>7}")
    click.echo(f"  {'total':<{width}} {sum(st.labels.values()):>7}")
    click.echo("\nEdges")
    for etype, n in st.edge_types.items():
        click.echo(f"  {etype:<{width}} {n:>7}")
    click.echo(f"  {'total':<{width}} {sum(st.edge_types.values()):>7}")


@cli.command()
@store_options
@click.argument("name")
@click.option("--all-mentions", is_flag=True, help="List every document that mentions it, not just the count.")
@click.pass_context
def show(ctx: click.Context, name: str, all_mentions: bool) -> None:
    """One entity, found by name, alias or id (case-insensitive), with every edge and its evidence.

    \b
    Example:
      kg show "Riverside Trust"
      kg show riverside
    """
    from ..lookup import entity_card

    with open_store(ctx) as store:
        card = entity_card(store, name)
    click.secho(f"{card.name}", bold=True, nl=False)
    click.echo(f"  ({card.label}, id {card.id})")
    if card.aliases:
        click.echo("Also called: " + "; ".join(card.aliases))
    for key in ("date", "salience", "curated"):
        if card.properties.get(key):
            click.echo(f"{key.capitalize()}: {card.properties[key]}")
    facts = [e for e in card.edges if e.type != "MENTIONS"]
    mentions = [e for e in card.edges if e.type == "MENTIONS"]
    if facts:
        click.echo("")
    for edge in facts:
        arrow = "--" if edge.symmetric else "->" if edge.outgoing else "<-"
        extras = [f"{k}: {edge.properties[k]}" for k in ("title", "status") if edge.properties.get(k)]
        if edge.properties.get("curated"):
            extras.append("curated")
        if edge.properties.get("low_confidence"):
            extras.append(f"low confidence {edge.properties.get('confidence')}")
        click.echo(f"{edge.type} {arrow} {edge.other_name} ({edge.other_label})" + (f"  [{', '.join(extras)}]" if extras else ""))
        for ev in edge.evidence:
            where = ev["document"] + (f" § {ev['section']}" if ev.get("section") else "")
            click.echo(f"    \u201c{ev['quote']}\u201d  ({where})")
    if mentions:
        total = sum(int(e.properties.get("count") or 0) for e in mentions)
        click.echo(f"\nMentioned {total} time(s) in {len(mentions)} document section(s).")
        for edge in mentions if all_mentions else []:
            click.echo(f"    {edge.other_name}: {edge.properties.get('count')}")


@cli.command()
@store_options
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="json", show_default=True,
              help="json; graphml or gexf (Gephi); kumu or csv (neo4j-admin import; both write a folder); cypher (a script).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file (a folder for kumu and csv) instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export the stored graph for other tools; the same corpus always gives the same bytes.

    \b
    Example:
      kg export --format json -o graph.json
      kg export --format gexf -o graph.gexf
      kg export --format kumu -o kumu-sheets
    """
    from ..export import read_graph
    from ..formats import export_text, write_export

    with open_store(ctx) as store:
        G = read_graph(store)
    if output is None:
        click.echo(export_text(G, fmt), nl=False)
        return
    for path in write_export(G, fmt, output):
        click.echo(f"Wrote {path}", err=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
