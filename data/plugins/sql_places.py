"""SQL functions town_latitude(city) and town_longitude(city), for analysts' SQL.

The coordinates are the town's, from the offline gazetteer (places.py); NULL for a town it
does not know. The map reads the coordinates the crawl stored with each event.
"""

from datasette import hookimpl

from netzwerktimer_crawl.places import lookup


@hookimpl
def prepare_connection(conn):
    conn.create_function("town_latitude", 1, _coordinate(0), deterministic=True)
    conn.create_function("town_longitude", 1, _coordinate(1), deterministic=True)


def _coordinate(index: int):
    def coordinate(city: str | None) -> float | None:
        place = lookup(city)
        return (place.latitude, place.longitude)[index] if place else None

    return coordinate
