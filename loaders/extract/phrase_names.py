"""Names found by the shape of a phrase rather than by a run of capitals: cells and teams ("the
Housing cell", "we set up a new messaging group"), publications ("a report called X", "wrote X",
"X, a new report on"), governments ("the Scottish Government") and organisations a descriptor
follows ("Friends of Hollybank, a local charity")."""

from __future__ import annotations

import re

from .lexicon import Cued, Lexicon, rx
from .mentions import Mention

__all__ = ["names_by_phrase"]

_NATIONALITY = (
    r"(?:Scottish|Welsh|English|British|Irish|Northern Irish|UK|French|German|Dutch|Danish|Swedish|Norwegian|Finnish|"
    r"Spanish|Italian|Canadian|Australian|American|US|Indian|New Zealand)"
)
_CELL_TEXT = Cued(
    r"\b(?:the|our) (?P<name>[A-Z][\w-]*(?: (?:[A-Z][\w-]*|and|of|in|the))*?) (?P<kind>[Pp]ortfolio [Tt]eam|"
    r"[Ww]orkstream|[Ss]trand|[Cc]ell|[Ww]orking [Gg]roup|[Tt]eam)\b",
    # the kind always follows a space, which keeps "well" and "steam" from passing as cues
    (" team", " Team", " cell", " Cell", " strand", " Strand", " workstream", " Workstream", " group", " Group"),
    one_line=True,
)
_PUB_NOUNS = ("publication", "report", "book", "paper", "pamphlet", "manifesto", "briefing", "essay", "study", "guide")
_PUB_CUE = Cued(
    r"\b(?:publication|report|book|paper|pamphlet|manifesto|briefing|essay)(?: called| titled| entitled)?,? [‘'“\"]?"
    r"(?P<t>[A-Z][\w’'-]*(?: (?:(?:a|an|the|for|of|to|in|and|on|with|from|is|what|we|were|this) )*[A-Z0-9][\w’'-]*)*)",
    _PUB_NOUNS,
    one_line=True,
)
_TITLE = (
    r"[A-Z][\w’'-]*(?: (?:(?:a|an|the|for|of|to|in|and|on|with|from|is|are|was|we|what|our|this|"
    r"it) )*[A-Z0-9][\w’'-]*)*"
)
_PUB_VERB = Cued(
    r"\b(?:wrote|writes|published|publishes|authored|co-wrote|co-authored|edited|launched) "
    r"(?:the |a |an |their |her |his |its )?(?:new |recent |latest )?"
    r"(?:(?:book|report|paper|pamphlet|guide|study|essay|briefing)(?: called| titled| entitled)?,? )?"
    rf"(?P<q>[‘“\"])?(?P<t>{_TITLE})",
    ("wrote", "writes", "publishe", "authored", "edited", "launched"),
    one_line=True,
)
_PUB_APPOS = Cued(
    rf"(?<![\w’])(?<!\w')(?P<t>{_TITLE})[’'”\"]?,? (?:a|an|the) (?:new |recent |short |landmark )?"
    r"(?:report|book|paper|pamphlet|study|guide|briefing|essay|manifesto)"
    r"(?= (?:on|about|by|from|into|for|published|that|which|setting|looking)\b|[,.;:)])",
    _PUB_NOUNS,
    one_line=True,
)
_NEW_GROUP = Cued(
    r"\b(?:we|We)(?: (?:are|have|had|will|would|also|now|recently|then|’ve|'ve|’re|'re|just|plan to|hope to))* "
    r"(?:establish(?:ed|ing)?|set(?:ting)? up|creat(?:e|ed|ing)|form(?:ed|ing)?|launch(?:ed|ing)?|conven(?:e|ed|ing)) "
    r"(?:a|an|our) (?:new )?(?P<name>(?:[a-z][a-z-]+ ){1,3}(?:group|team|panel|circle|forum|taskforce))\b",
    ("group", "team", "panel", "circle", "forum", "taskforce"),
    one_line=True,
)
_SIZE_WORDS = frozenset({"small", "large", "big", "little", "informal", "wider", "whole", "core", "new"})
_LISTED_STRANDS = Cued(  # "three strands (Housing, Work and Justice)"
    r"\b(?:strands|workstreams|streams|cells|portfolio teams|teams|working groups)\b[^.()\n]{0,30}\(([^()\n]{3,80})\)",
    ("strands", "streams", "cells", "teams", "groups"),
    one_line=True,
)
_DESCRIBED_ORG = Cued(  # "Friends of Hollybank, a local charity"
    r"\b([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*) (for|of) ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*),? (?:an?|the) "
    r"(?:[\w-]+ ){0,3}?(?:alliance|coalition|network|charity|organisation|partnership|campaign|movement|project|"
    r"programme)\b",
    (
        "alliance",
        "coalition",
        "network",
        "charity",
        "organisation",
        "partnership",
        "campaign",
        "movement",
        "project",
        "programme",
    ),
    one_line=True,
)
_GOV = Cued(rf"\b(?:the )?(?P<n>{_NATIONALITY} [Gg]overnment)\b", ("overnment",), one_line=True)


def _pub_title(text: str, m: re.Match[str]) -> tuple[str, int, int]:
    """A publication title matched as group ``t``, with its offsets: without the closing quote
    of a title in single quotes ("‘Tides of Change’"), which title words may hold ("Women’s")."""
    title, start, end = m.group("t"), m.start("t"), m.end("t")
    when = re.search(r" (?:in|on|at|from|since|by|for) (?:\d{4}|[A-Z][a-z]+ \d{4})$", title)
    if when:
        # "wrote Tides of Change in 2019": when it was written is no part of the title
        title, end = title[: when.start()], end - (len(title) - when.start())
    if title[-1] in "’'" and text[start - 1 : start] in ("‘", "'"):
        return title[:-1], start, end - 1
    return title, start, end


def names_by_phrase(text: str, cells: dict[str, str], lex: Lexicon) -> list[Mention]:
    """Names found by phrase shape rather than by capitalised runs, with offsets into ``text``."""
    out = []
    for m in _CELL_TEXT.finditer(text):
        name = m.group("name")
        if rx(r"[A-Z][\w-]* $").search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "Changing the Narrative Cell": the end of a longer name
        generic = name in lex.non_name_caps and name.casefold() not in cells
        if generic and (
            m.group("kind").lower() == "cell"
            or m.group("kind").lower() == "team"
            and name not in ("National", "Local", "Regional")
        ):
            continue  # "the Board team", "the Place cell" when no title names such a cell
        if name in lex.places or name.split()[0] in lex.sentence_caps:
            continue
        canonical = cells.get(name.casefold(), name)
        out.append(Mention("Cell", canonical, m.start("name"), m.end("kind"), "cell.named_group", 0.75))
    for m in _LISTED_STRANDS.finditer(text):
        inner_start = m.start(1)
        for item in rx(r"[A-Z][\w-]*(?: [A-Z][\w-]*)*").finditer(m.group(1)):
            name = item.group(0)
            out.append(
                Mention(
                    "Cell",
                    cells.get(name.casefold(), name),
                    inner_start + item.start(),
                    inner_start + item.end(),
                    "cell.listed_strand",
                    0.6,
                )
            )
    for m in _NEW_GROUP.finditer(text):
        # "we are establishing an outreach working group": a team the writers set up for
        # themselves; a group named by its own words, in lower case, is still a standing group
        modifiers = m.group("name").split()[:-1]
        if all(w in lex.concept_modifier_stop_lower or w in _SIZE_WORDS for w in modifiers):
            continue  # "a small group", "a new team": a description, not a name
        out.append(Mention("Cell", m.group("name"), m.start("name"), m.end("name"), "cell.we_established", 0.6))
    for m in _PUB_CUE.finditer(text):
        title, start, end = _pub_title(text, m)
        if len(title.split()) >= 2 and title.split()[0] not in lex.sentence_caps:
            out.append(Mention("Publication", title, start, end, "publication.cue", 0.7))
    for m in _PUB_VERB.finditer(text):
        title, start, end = _pub_title(text, m)
        if (len(title.split()) >= 2 or m.group("q")) and title.split()[0] not in lex.sentence_caps:
            out.append(Mention("Publication", title, start, end, "publication.verb", 0.6))
    for m in _PUB_APPOS.finditer(text):
        title, start, end = _pub_title(text, m)
        if len(title.split()) >= 2 and title.split()[0] not in lex.sentence_caps:
            out.append(Mention("Publication", title, start, end, "publication.apposition", 0.6))
    for m in _GOV.finditer(text):
        out.append(Mention("Organisation", m.group("n"), m.start("n"), m.end("n"), "org.government", 0.8))
    for m in _DESCRIBED_ORG.finditer(text):
        if (
            m.group(1).split()[0] in lex.sentence_caps
            or m.group(1) in lex.role_words
            or m.group(1).split()[-1] in lex.role_words
        ):
            continue
        out.append(
            Mention(
                "Organisation",
                text[m.start(1) : m.end(3)],
                m.start(1),
                m.end(3),
                "org.appositive_descriptor",
                0.7,
            )
        )
    return out
