"""Extend loaders/data/first_names.txt with given names from many languages.

usage: pip install '.[data]' && python tools/make_first_names.py

Source: the given-name lists of Faker's person providers (MIT licence), Latin-script names
only. Names that are common English words (wordfreq: Zipf frequency 3.0 or more: "Will",
"Hope", "Faith") or places in loaders/data/places.txt are left out unless the file already
has them: a capitalised common word is no sign of a person. Entries already in the file are
kept.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT / "loaders" / "data" / "first_names.txt"
PLACES = ROOT / "loaders" / "data" / "places.txt"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    from faker.providers import person
    from wordfreq import zipf_frequency

    header = [line for line in _lines(NAMES) if line.startswith("#")]
    kept = {line for line in _lines(NAMES) if not line.startswith("#")}
    places = {line for line in _lines(PLACES) if not line.startswith("#")}
    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            names = getattr(provider, attr, None)
            if isinstance(names, (dict, list, tuple, set)):
                found.update(n for n in names if isinstance(n, str))
    new = {
        n
        for n in found
        if n not in kept
        and n[:1].isupper()
        and n.isalpha()
        and len(n) > 2
        and all(ord(c) < 0x250 for c in n)  # Latin script
        and n not in places
        and zipf_frequency(n.lower(), "en") < 3.0
    }
    if not any("Faker" in line for line in header):
        header.append("# Extended by tools/make_first_names.py from Faker's given-name lists (MIT licence).")
    NAMES.write_text("\n".join(header + sorted(kept | new)) + "\n", encoding="utf-8")
    print(f"{len(kept | new)} given names ({len(new)} new) written to {NAMES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
