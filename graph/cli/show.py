"""``kg stats`` and ``kg show``: what the stored graph holds, in counts and one entity at a time."""

from __future__ import annotations

import click

from graph.cli.root import cli, open_store, store_options


@cli.command()
@store_options
@click.pass_context
def stats(ctx: click.Context) -> None:
    """Counts per label and edge type of the stored graph, and when and from what it was built.

    \b
    Example:
      kg stats
    """
    from graph.query.lookup import graph_stats

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
    from graph.query.lookup import entity_card

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
        click.echo(
            f"{edge.type} {arrow} {edge.other_name} ({edge.other_label})"
            + (f"  [{', '.join(extras)}]" if extras else "")
        )
        for ev in edge.evidence:
            where = ev["document"] + (f" § {ev['section']}" if ev.get("section") else "")
            click.echo(f"    \u201c{ev['quote']}\u201d  ({where})")
    if mentions:
        total = sum(int(e.properties.get("count") or 0) for e in mentions)
        click.echo(f"\nMentioned {total} time(s) in {len(mentions)} document section(s).")
        for edge in mentions if all_mentions else []:
            click.echo(f"    {edge.other_name}: {edge.properties.get('count')}")
