"""SQL function heute(): the catalog's today as YYYY-MM-DD, for "this week" and "upcoming".

The demo pins it to the snapshots' capture date (catalog_info); live catalogs get the date in
Europe/Berlin, whatever the server's time zone.
"""

from datasette import hookimpl

from netzwerktimer_crawl.catalog import today


@hookimpl
def prepare_connection(conn):
    conn.create_function("heute", 0, lambda: today(conn).isoformat())
