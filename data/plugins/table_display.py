"""How the events tables read in the browser: upcoming events first, times in German.

A bare /netzwerktimer/events opens on the events not yet over (end_date from the catalog's
today, a filter the page shows and the visitor can remove), not on the archive's first
page. A second filter, start from the earliest start of any of them, changes no row but lets
SQLite read the start index from there instead of from the archive's first event: at a
million events the page would otherwise hit the SQL time limit (benchmarks/bench_catalog.py). On the HTML pages, start and end read "Do, 2. Juli 2026, 18:00"; the data, JSON and
CSV keep ISO.
"""

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from netzwerktimer_crawl.catalog import DATABASE_NAME, german_moment

TABLES = ("events", "events_public")
UPCOMING = f"/{DATABASE_NAME}/events"
# Today, and the first day of the events still running: at most 31 days back, unless one
# of the few longer events (idx_events_long, db.py m009) began earlier.
EARLIEST_RUNNING = """
select heute(), min(date(heute(), '-31 days'), coalesce(min(start_date), '9999'))
from events indexed by idx_events_long
where julianday(end_date) - julianday(start_date) > 31 and end_date >= heute()
"""


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def upcoming_first(scope, receive, send):
            if (
                scope["type"] == "http"
                and scope["path"] == UPCOMING
                and not scope.get("query_string")
            ):
                db = datasette.get_database(DATABASE_NAME)
                today, since = (await db.execute(EARLIEST_RUNNING)).first()
                response = Response.redirect(f"{UPCOMING}?start__gte={since}&end_date__gte={today}")
                await response.asgi_send(send)
                return
            await app(scope, receive, send)

        return upcoming_first

    return wrap


@hookimpl
def render_cell(value, column, table, database):
    if database != DATABASE_NAME or table not in TABLES or column not in ("start", "end"):
        return None
    if not isinstance(value, str) or not (shown := german_moment(value)):
        return None
    return Markup(f'<time datetime="{escape(value)}">{escape(shown)}</time>')
