"""SQL function heute(): the catalog's today as YYYY-MM-DD, for "this week" and "upcoming".

The demo pins it to the snapshots' capture date (catalog_info); live catalogs get the date in
Europe/Berlin, whatever the server's time zone.
"""

from datasette import hookimpl

from netzwerktimer_crawl.db import add_today


@hookimpl
def prepare_connection(conn):
    add_today(conn)
