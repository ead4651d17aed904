"""A synthetic corpus: realistic meeting notes and funder pages about made-up people and groups.

Every name is generated from small invented syllable lists, so the corpus can be as large as a
benchmark needs and never repeats the example corpus.

    python bench/synth.py OUT_DIR --scale 10      # about 10x the size of ../shared/corpus
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = ["Ada", "Bola", "Cian", "Dara", "Esi", "Farah", "Gwen", "Hamid", "Ines", "Jonah", "Kemi", "Lior",
         "Maeve", "Nuno", "Orla", "Pavel", "Rhea", "Sami", "Tove", "Umar", "Vera", "Wren", "Yusuf", "Zara"]
LAST_A = ["Ash", "Bram", "Carr", "Dun", "Ell", "Fen", "Gar", "Hol", "Ivers", "Kell", "Lind", "Mor", "Nor", "Penn"]
LAST_B = ["ford", "well", "by", "ton", "wick", "more", "ley", "stead", "combe", "ridge"]
ORG_A = ["Riverside", "Hillcrest", "Northgate", "Saltmarsh", "Kestrel", "Meadow", "Harbour", "Alder",
         "Greenway", "Stonebridge", "Willow", "Lantern", "Beacon", "Heather"]
ORG_B = ["Trust", "Foundation", "Housing Trust", "Council", "Network", "Alliance", "Youth Project",
         "Community Fund", "Care Partnership", "Advice Centre"]
PLACES = ["Leeds", "Bristol", "Newcastle", "Norwich", "Cardiff", "Glasgow", "Plymouth", "Hull",
          "Sheffield", "Brighton", "Derby", "Exeter"]
IDEAS = ["deep listening", "participatory budgeting", "asset-based working", "shared leadership",
         "relational practice", "community wealth building", "systems thinking", "peer support"]
CELLS = ["Open Doors", "Shared Ground", "New Roots", "Common Cause", "Bright Lines", "Long View"]
ROLES = ["CEO", "Director", "Chair", "Programme Lead", "co-convenor", "Head of Policy", "founder"]
REMARKS = ["It takes time to build trust", "We learned more by listening than by planning",
           "Small grants made the biggest difference", "People want to be asked, not told"]
TITLE_A = ["Tides", "Roots", "Threads", "Bridges", "Voices", "Paths", "Lights"]
TITLE_B = ["of Change", "and Branches", "of Care", "Together", "Forward", "of Trust"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]
EXAMPLE_CORPUS_BYTES = 263_868  # the size of ../shared/corpus, so --scale means "times that"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST_A)}{rng.choice(LAST_B)}"


def _org(rng: random.Random) -> str:
    return f"{rng.choice(ORG_A)} {rng.choice(ORG_B)}"


def meeting_note(rng: random.Random, cell: str, number: int) -> str:
    """One note of a cell meeting, in the shape such notes usually take."""
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
        "Some themes from the discussion:\n\n"
        f"  \u2022 Trust takes time, and funders such as {o3} can help by staying for the long term.\n\n"
        f"  \u2022 People closest to a problem should shape the response to it.\n\n"
    )


def funder_page(rng: random.Random) -> str:
    """A funder's strategy page: grants, partners and places."""
    funder = _org(rng)
    lines = [f"Our work with partners\n\n{funder} supports organisations across the country."]
    if rng.random() < 0.5:
        title = f"{rng.choice(TITLE_A)} {rng.choice(TITLE_B)}"
        lines.append(f"In {rng.randint(2018, 2024)} {funder} published a report called \u2018{title}\u2019 "
                     f"on what its partners had learned about {rng.choice(IDEAS)}.")
    for _ in range(rng.randint(3, 6)):
        lines.append(
            f"We funded {_org(rng)} in {rng.choice(PLACES)} to develop {rng.choice(IDEAS)}. "
            f"{_person(rng)}, {rng.choice(ROLES)} at {_org(rng)}, led the work."
        )
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


def write_corpus(out: Path, scale: float, seed: int = 7) -> tuple[int, int]:
    """Write about ``scale`` times the example corpus's bytes; returns (files, bytes)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    target = int(EXAMPLE_CORPUS_BYTES * scale)
    written = files = 0
    held: dict[str, int] = {}  # meetings each cell has held so far: every meeting has its own number
    while written < target:
        if files % 4 == 3:
            text = funder_page(rng)
        else:
            cell = rng.choice(CELLS)
            header = "Common Ground Network Common Ground Network\n\n"
            first = held.get(cell, 0) + 1
            count = rng.randint(3, 8)
            held[cell] = first + count - 1
            notes = [header + meeting_note(rng, cell, first + n) + "Read more\n" for n in range(count)]
            text = "".join(notes)
        path = out / f"doc-{files:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode())
        files += 1
    return files, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="size as a multiple of the example corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files, size = write_corpus(args.out, args.scale, args.seed)
    print(f"wrote {files} files, {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
