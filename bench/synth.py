"""A synthetic corpus: realistic meeting notes and funder pages about made-up people and groups.

Every name is generated from small invented syllable lists, so the corpus can be as large as a
benchmark needs and never repeats the example corpus.

By default the notes are as dense as real ones: most of their words are discussion prose that
names no one (about 13 entities per 1000 words, as in the example corpus), written from a
vocabulary of thousands of words with the skewed frequencies of real prose, so that spaCy's
tokenizer meets as many distinct words as it does in real documents. ``dense=True`` (``--dense``)
leaves the prose out: every sentence then names someone, a stress test of the graph's stages
(about five times as many entities per MB).

    python bench/synth.py OUT_DIR --scale 10      # about 10x the size of ../shared/corpus
    python bench/synth.py OUT_DIR --scale 10 --dense
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
from pathlib import Path

FIRST = [
    "Ada",
    "Bola",
    "Cian",
    "Dara",
    "Esi",
    "Farah",
    "Gwen",
    "Hamid",
    "Ines",
    "Jonah",
    "Kemi",
    "Lior",
    "Maeve",
    "Nuno",
    "Orla",
    "Pavel",
    "Rhea",
    "Sami",
    "Tove",
    "Umar",
    "Vera",
    "Wren",
    "Yusuf",
    "Zara",
]
LAST_A = ["Ash", "Bram", "Carr", "Dun", "Ell", "Fen", "Gar", "Hol", "Ivers", "Kell", "Lind", "Mor", "Nor", "Penn"]
LAST_B = ["ford", "well", "by", "ton", "wick", "more", "ley", "stead", "combe", "ridge"]
ORG_A = [
    "Riverside",
    "Hillcrest",
    "Northgate",
    "Saltmarsh",
    "Kestrel",
    "Meadow",
    "Harbour",
    "Alder",
    "Greenway",
    "Stonebridge",
    "Willow",
    "Lantern",
    "Beacon",
    "Heather",
]
ORG_B = [
    "Trust",
    "Foundation",
    "Housing Trust",
    "Council",
    "Network",
    "Alliance",
    "Youth Project",
    "Community Fund",
    "Care Partnership",
    "Advice Centre",
]
PLACES = [
    "Leeds",
    "Bristol",
    "Newcastle",
    "Norwich",
    "Cardiff",
    "Glasgow",
    "Plymouth",
    "Hull",
    "Sheffield",
    "Brighton",
    "Derby",
    "Exeter",
]
IDEAS = [
    "deep listening",
    "participatory budgeting",
    "asset-based working",
    "shared leadership",
    "relational practice",
    "community wealth building",
    "systems thinking",
    "peer support",
]
CELLS = ["Open Doors", "Shared Ground", "New Roots", "Common Cause", "Bright Lines", "Long View"]
ROLES = ["CEO", "Director", "Chair", "Programme Lead", "co-convenor", "Head of Policy", "founder"]
REMARKS = [
    "It takes time to build trust",
    "We learned more by listening than by planning",
    "Small grants made the biggest difference",
    "People want to be asked, not told",
]
TITLE_A = ["Tides", "Roots", "Threads", "Bridges", "Voices", "Paths", "Lights"]
TITLE_B = ["of Change", "and Branches", "of Care", "Together", "Forward", "of Trust"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]
# Discussion prose. Real notes are mostly talk that names no one; its words follow a skewed
# (Zipf) distribution: a few hundred common words make up most of the text and a long tail of
# rarer ones (here invented from syllables, so no sentence of any real text can appear) makes
# up the rest, as it does in the example corpus (about 4,000 distinct words in 41,000).
COMMON = (
    "the of and to a in that is for it we was they with as on be this are were have not by at "
    "from their but more what our which or there how had about people has can been would who "
    "all so one some them when also if into other its than out these those time do way up "
    "many need very over could should much only most then just where well make new work being "
    "said through because think each any both same such between often while across before "
    "after around within without against still ever rather"
).split()
DOMAIN = (
    "community support services local change funding trust power systems learning practice "
    "relationships young families housing health money place voice risk care staff volunteers "
    "groups network approach conversation experience evidence outcomes grant grants funder "
    "funders partners partnership charity charities sector public policy government council "
    "councils budget budgets decisions decision commissioning contracts contract data stories "
    "story listening questions question answers problem problems response responses support "
    "wellbeing poverty income benefits jobs training skills school schools children parents "
    "carers residents neighbourhood neighbourhoods street streets city towns rural village "
    "culture leadership leaders governance board trustees accountability reporting impact "
    "measurement learning reflection feedback meetings session sessions workshop event events "
    "online room table agenda notes actions action plan plans strategy strategic priorities "
    "priority value values purpose mission vision collective collaboration shared sharing "
    "ownership control agency dignity respect fairness justice equity inequality barriers "
    "access digital phone calls visits outreach referrals waiting lists crisis prevention "
    "early help mental physical social economic political national regional long short term "
    "years months weeks week month year today future past history different difficult easy "
    "important clear open honest slow quick small large big little good better best hard "
    "simple complex real whole human individual personal professional formal informal "
    "together alone further again already perhaps instead quite really especially"
).split()
# Contractions and abbreviations are spaCy tokenizer "special cases": once a text has had one,
# the tokenizer stops caching the words it splits (spaCy issue 1250), which is much of why it is
# slower on real prose than on text without them. Real notes have about three per 1000 words.
SPECIAL = [
    "don\u2019t",
    "didn\u2019t",
    "it\u2019s",
    "can\u2019t",
    "doesn\u2019t",
    "isn\u2019t",
    "we\u2019re",
    "they\u2019re",
    "won\u2019t",
    "we\u2019ve",
    "haven\u2019t",
    "e.g.",
    "etc.",
]
STARTERS = [
    "The",
    "We",
    "It",
    "This",
    "There",
    "Participants",
    "Several",
    "Many",
    "Some",
    "One",
    "Our",
    "These",
    "Members",
    "Others",
    "Everyone",
    "People",
    "Most",
    "In",
    "For",
    "When",
]
_ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "cl",
    "d",
    "dr",
    "f",
    "fl",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pl",
    "pr",
    "r",
    "s",
    "sh",
    "sk",
    "sl",
    "sp",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "ie"]
_CODAS = ["", "", "n", "m", "r", "l", "s", "t", "nd", "st", "rk", "ng", "ck", "ll"]
_SUFFIXES = ["", "", "", "s", "ing", "ed", "tion", "ment", "ness", "ly", "er", "al", "ity", "ful"]


def _vocabulary(size: int = 6000, seed: int = 3) -> tuple[list[str], list[float]]:
    """Words and their cumulative Zipf weights: the common words first, then the domain words,
    then invented ones (rank r has weight 1/r)."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(COMMON + DOMAIN))
    seen = set(words)
    while len(words) < size:
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(rng.choice((1, 1, 2, 2, 3)))
        ) + rng.choice(_SUFFIXES)
        if word not in seen and len(word) > 2:
            seen.add(word)
            words.append(word)
    return words, list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))


_WORDS, _CUMULATIVE = _vocabulary()


def _sentence(rng: random.Random) -> str:
    """One sentence of discussion: about 23 words, with the commas, hyphens, possessives,
    figures and asides of real notes."""
    n = max(5, min(45, int(rng.gauss(22, 8))))
    words = rng.choices(_WORDS, cum_weights=_CUMULATIVE, k=n)
    out = [rng.choice(STARTERS)]
    for i, word in enumerate(words):
        roll = rng.random()
        if roll < 0.003:
            word = rng.choice(SPECIAL)
        elif roll < 0.02:
            word = f"{word}\u2019s"
        elif roll < 0.035:
            word = f"{word}-{rng.choice(_WORDS[:800])}"
        elif roll < 0.045:
            word = f"{rng.randint(2, 95)}%" if rng.random() < 0.5 else str(rng.randint(2, 400))
        elif roll < 0.05 and i < n - 3:
            word = f"({word}"
            words[i + 2] = f"{words[i + 2]})"
        out.append(word)
        if rng.random() < 0.08 and i < n - 1:
            out[-1] += ","
    return " ".join(out) + ("?" if rng.random() < 0.04 else ".")


def discussion(rng: random.Random, words: int) -> str:
    """Paragraphs of discussion prose of about ``words`` words, naming no one."""
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n\n"


EXAMPLE_CORPUS_BYTES = 263_868  # the size of ../shared/corpus, so --scale means "times that"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST_A)}{rng.choice(LAST_B)}"


def _org(rng: random.Random) -> str:
    return f"{rng.choice(ORG_A)} {rng.choice(ORG_B)}"


def meeting_note(rng: random.Random, cell: str, number: int, prose: int = 0) -> str:
    """One note of a cell meeting, in the shape such notes usually take, with about ``prose``
    words of discussion that names no one."""
    talk = discussion(rng, prose) if prose else ""
    chair, s1, s2 = _person(rng), _person(rng), _person(rng)
    o1, o2, o3 = _org(rng), _org(rng), _org(rng)
    idea, place = rng.choice(IDEAS), rng.choice(PLACES)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2019, 2024)
    first1 = s1.split()[0]
    return (
        f"Note from {cell} Cell {number}\n\n"
        f"The meeting was held online on {day} {month} {year} and was chaired by {chair}, "
        f"{rng.choice(ROLES)} of {o3}. The focus of the session was {idea}.\n\n"
        f"Our first speaker was {s1}, {rng.choice(ROLES)} of {o1}, a charity based in {place}. "
        f"{first1} described how the team had moved towards {idea}, and why it mattered to the "
        f"people who used their services. {first1} said that {o1} works in partnership with {o2}.\n\n"
        f"The second speaker was {s2} from {o2}. They explained that {o2} is funded by {o3}, "
        f"and that the grant had allowed staff to spend more time listening. Participants discussed "
        f"{idea} and how it could spread to other places."
        # a remark with only "said" to tie its speaker to the meeting: a weakly stated fact
        + (f" \u201c{rng.choice(REMARKS)},\u201d said {_person(rng)}." if rng.random() < 0.3 else "")
        + "\n\n"
        + talk
        + "Some themes from the discussion:\n\n"
        f"  \u2022 Trust takes time, and funders such as {o3} can help by staying for the long term.\n\n"
        f"  \u2022 People closest to a problem should shape the response to it.\n\n"
    )


def funder_page(rng: random.Random, prose: int = 0) -> str:
    """A funder's strategy page: grants, partners and places, each grant followed by about
    ``prose`` words of prose that names no one."""
    funder = _org(rng)
    lines = [f"Our work with partners\n\n{funder} supports organisations across the country."]
    if rng.random() < 0.5:
        title = f"{rng.choice(TITLE_A)} {rng.choice(TITLE_B)}"
        lines.append(
            f"In {rng.randint(2018, 2024)} {funder} published a report called \u2018{title}\u2019 "
            f"on what its partners had learned about {rng.choice(IDEAS)}."
        )
    for _ in range(rng.randint(3, 6)):
        lines.append(
            f"We funded {_org(rng)} in {rng.choice(PLACES)} to develop {rng.choice(IDEAS)}. "
            f"{_person(rng)}, {rng.choice(ROLES)} at {_org(rng)}, led the work."
        )
        if prose:
            lines.append(discussion(rng, prose).rstrip())
    return "\n\n".join(lines) + "\n"


def write_long_file(path: Path, megabytes: float, seed: int = 11) -> int:
    """Write one file of about ``megabytes`` MB of meeting notes run together with no headings
    (one long section, as an export of a whole year's notes might be); returns its bytes."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1e6)
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Notes of the year\n\n")
        while written < target:
            note = meeting_note(rng, rng.choice(CELLS), rng.randint(1, 99))
            # no note titles or repeated short lines, which would make headings of their own
            body = "".join(line + "\n" for line in note.splitlines()[1:] if line and not line.endswith(":"))
            fh.write(body)
            written += len(body.encode())
    return written


# Words of prose per meeting note and per grant on a funder page: with them, the notes name
# about as many entities per 1000 words as the example corpus does (bench_build prints both).
NOTE_PROSE, GRANT_PROSE = 600, 120


def write_corpus(out: Path, scale: float, seed: int = 7, dense: bool = False) -> tuple[int, int]:
    """Write about ``scale`` times the example corpus's bytes, as dense as real notes or (with
    ``dense``) naming someone in every sentence; returns (files, bytes)."""
    note_prose, grant_prose = (0, 0) if dense else (NOTE_PROSE, GRANT_PROSE)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    target = int(EXAMPLE_CORPUS_BYTES * scale)
    written = files = 0
    held: dict[str, int] = {}  # meetings each cell has held so far: every meeting has its own number
    while written < target:
        if files % 4 == 3:
            text = funder_page(rng, grant_prose)
        else:
            cell = rng.choice(CELLS)
            header = "Common Ground Network Common Ground Network\n\n"
            first = held.get(cell, 0) + 1
            count = rng.randint(3, 8)
            held[cell] = first + count - 1
            notes = [header + meeting_note(rng, cell, first + n, note_prose) + "Read more\n" for n in range(count)]
            text = "".join(notes)
        path = out / f"doc-{files:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode())
        files += 1
    return files, written


# Bump when the generator writes different text, so that benchmarks rewrite their corpora.
GENERATOR_VERSION = 2
_MARKER = ".synth"  # hidden: kg build does not read it


def synthetic_corpus(work: Path, scale: float, dense: bool = False) -> tuple[Path, Path]:
    """The folder of the synthetic corpus of ``scale`` in ``work`` and the data folder a
    benchmark builds its graph in. Benchmarks share a corpus (and its graph) written by an
    earlier run; one written by another version of this generator, or left half written, is
    written again, and its graph deleted."""
    suffix = f"{scale:g}x" + ("-dense" if dense else "")
    corpus, data = work / f"corpus-{suffix}", work / f"d{suffix}"
    marker = f"version {GENERATOR_VERSION}, scale {scale:g}, dense {dense}\n"
    try:
        current = (corpus / _MARKER).read_text(encoding="utf-8") == marker
    except OSError:
        current = False
    if not current:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
        write_corpus(corpus, scale, dense=dense)
        (corpus / _MARKER).write_text(marker, encoding="utf-8")  # last: the corpus is complete
    return corpus, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="size as a multiple of the example corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dense", action="store_true", help="no prose: every sentence names someone")
    args = parser.parse_args()
    files, size = write_corpus(args.out, args.scale, args.seed, args.dense)
    print(f"wrote {files} files, {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
