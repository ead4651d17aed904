"""The words of a picture: tooltips of nodes and edges, and the months its sources are dated.

Plain text: renderers treat every string as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.render.palette import STATUS_TYPES, STATUS_WORDS, edge_words, status_key

__all__ = ["TOOLTIP_QUOTES", "edge_tooltip", "month_range", "node_tooltip", "source_dates_text"]

# Most quotes a tooltip shows per edge; the view keeps them all.
TOOLTIP_QUOTES = 3


def node_tooltip(data: Mapping[str, Any], roles: list[str], degree: int) -> str:
    """A node's tooltip: its name and label, other names, roles, date, documents, connections."""
    lines = [f"{data.get('name') or data.get('id')} ({data.get('label')})"]
    if data.get("aliases"):
        lines.append("Also called: " + "; ".join(data["aliases"]))
    if roles:
        lines.append("Roles: " + "; ".join(roles))
    if data.get("date"):
        lines.append(f"Date: {data['date']}")
    docs = data.get("documents") or []
    if docs:
        lines.append(f"Seen in {len(docs)} document(s): " + "; ".join(docs[:5]) + ("; ..." if len(docs) > 5 else ""))
    lines.append(f"Connections: {degree}")
    return "\n".join(lines)


def edge_tooltip(etype: str, sname: str, tname: str, data: Mapping[str, Any], evidence: list[dict]) -> str:
    """An edge's tooltip: the fact in words, its status and confidence, and its first quotes."""
    head = f"{sname} {edge_words(etype)} {tname}"
    extras = [f"title: {data['title']}"] if data.get("title") else []
    if etype in STATUS_TYPES:
        extras.append(STATUS_WORDS.get(status_key(etype, data.get("status")), str(data.get("status"))))
    elif data.get("status"):
        extras.append(f"status: {data['status']}")
    if data.get("curated"):
        extras.append("curated")
    if data.get("low_confidence"):
        extras.append(f"low confidence {data.get('confidence')}")
    lines = [head + (f" [{', '.join(extras)}]" if extras else "")]
    for ev in evidence[:TOOLTIP_QUOTES]:
        where = ev.get("document", "") + (f", {ev['section']}" if ev.get("section") else "")
        lines.append(f"\u201c{ev.get('quote', '')}\u201d ({where})")
    if len(evidence) > TOOLTIP_QUOTES:
        lines.append(f"... and {len(evidence) - TOOLTIP_QUOTES} more")
    return "\n".join(lines)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_range(first: str, last: str) -> str:
    """Two ISO dates as the months they fall in, once when they are the same month.

    >>> month_range("2020-03-04", "2021-06-30"), month_range("2021-06-01", "2021-06-30")
    ('March 2020 - June 2021', 'June 2021')
    """

    def month(iso: str) -> str:
        return f"{_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"

    return month(first) if first[:7] == last[:7] else f"{month(first)} - {month(last)}"


def source_dates_text(meta: Mapping[str, Any]) -> str:
    """ "Sources dated March 2020 - June 2021 (2 notes undated)", from a view's meta."""
    dates, undated = meta.get("source_dates"), int(meta.get("undated_sources") or 0)
    if not dates:
        return "Sources undated"
    text = f"Sources dated {month_range(*dates)}"
    return text + (f" ({undated} note{'s' if undated != 1 else ''} undated)" if undated else "")
