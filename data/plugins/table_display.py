"""How the events tables read in the browser: upcoming events first, times in German.

A bare /netzwerktimer/events opens on the events not yet over (end_date from the catalog's
today, a filter the page shows and the visitor can remove), not on the archive's first
page. A second filter, start from the earliest start of any of them, changes no row but lets
SQLite read the start index from there instead of from the archive's first event: at a
million events the page would otherwise hit the SQL time limit (benchmarks/bench_catalog.py).
On the HTML pages, start and end read "Do, 2. Juli 2026, 18:00"; the data, JSON and CSV keep
ISO. On table pages, the filter form's operators and the sentence above the rows ("42 Zeilen
mit title enthält "Laser" sortiert nach start") are German too.
"""

import re

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from netzwerktimer_crawl.catalog import DATABASE_NAME, german_moment, routed

TABLES = ("events", "events_public", "upcoming_events")
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
                and routed(datasette, scope["path"]) == UPCOMING
                and not scope.get("query_string")
            ):
                db = datasette.get_database(DATABASE_NAME)
                today, since = (await db.execute(EARLIEST_RUNNING)).first()
                to = datasette.urls.path(f"{UPCOMING}?start__gte={since}&end_date__gte={today}")
                response = Response.redirect(to)
                await response.asgi_send(send)
                return
            await app(scope, receive, send)

        return upcoming_first

    return wrap


# Datasette's filter operators (datasette/filters.py) by key, as the form shows them.
OPERATORS = {
    "exact": "=", "not": "≠", "contains": "enthält", "endswith": "endet auf",
    "startswith": "beginnt mit", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤",
    "like": "wie (like)", "notlike": "nicht wie (not like)", "glob": "Muster (glob)",
    "in": "ist eins von", "notin": "ist keins von", "arraycontains": "Liste enthält",
    "arraynotcontains": "Liste enthält nicht", "date": "am Tag", "isnull": "hat keinen Wert",
    "notnull": "hat einen Wert", "isblank": "ist leer", "notblank": "ist nicht leer",
}  # fmt: skip
# The same words in Datasette's description of a page's filters, longest first.
DESCRIPTION = [
    (" does not contain ", " enthält nicht "), (" contains ", " enthält "),
    (" ends with ", " endet auf "), (" starts with ", " beginnt mit "),
    (" not like ", " nicht wie "), (" like ", " wie "), (" glob ", " passt auf "),
    (" not in ", " ist keins von "), (" in ", " ist eins von "), (" != ", " ≠ "),
    (" is on date ", " ist am "), (" is not null", " hat einen Wert"),
    (" is null", " hat keinen Wert"), (" is not blank", " ist nicht leer"),
    (" is blank", " ist leer"), ("search matches", "Suche nach"), ("where ", "mit "),
    (" sorted by ", " sortiert nach "), ("sorted by ", "sortiert nach "),
    (" descending", " absteigend"), (" and ", " und "),
]  # fmt: skip


def german_description(text: str) -> str:
    """Datasette's English description of the filters, with the values (in quotes) kept."""
    parts = re.split(r'("[^"]*")', text)
    for index in range(0, len(parts), 2):
        for english, german in DESCRIPTION:
            parts[index] = parts[index].replace(english, german)
    return "".join(parts)


@hookimpl
def prepare_jinja2_environment(env):
    env.globals["operators_de"] = OPERATORS
    env.filters["german_description"] = german_description


@hookimpl
def render_cell(value, column, table, database):
    if database != DATABASE_NAME or table not in TABLES or column not in ("start", "end"):
        return None
    if not isinstance(value, str) or not (shown := german_moment(value)):
        return None
    return Markup(f'<time datetime="{escape(value)}">{escape(shown)}</time>')
