"""/woche: the weekly overview, Montag to Sonntag, and / leads there.

?datum=JJJJ-MM-TT or TT.MM.JJJJ picks the week containing that day (default: the catalog's
today, see sql_today.py); ?netzwerk= and ?branche= filter (checked in network_filter.py).
Reads through Datasette, renders data/templates/woche.html (autoescaped). Its lists of
events come from _termine.html, rendered apart by a synchronous Jinja environment on the same
templates: Datasette's is asynchronous, and took 100 ms for the 2,300 entries of a busy week
at a million events (benchmarks/bench_catalog.py), awaiting every expression of every entry.
"""

import re
import weakref
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import jinja2
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup

from netzwerktimer_crawl.berlin import BERLIN
from netzwerktimer_crawl.catalog import MONTHS, WEEKDAYS
from netzwerktimer_crawl.result_cache import PageCache

DATABASE = "netzwerktimer"
STATUS = {"cancelled": "abgesagt", "postponed": "verschoben", "missing": "nicht mehr angekündigt"}
# The page links the weeks before and after its own, so all three must be Python dates (years
# 1 to 9999): the first week shown starts 0001-01-08, the last one 9999-12-13, whose next
# week ends 9999-12-26. Beyond them a date is a 400, as a malformed one is.
FIRST_MONDAY = date.min + timedelta(days=7)
LAST_MONDAY = date.max - timedelta(days=date.max.weekday() + 14)
GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")

# An event over more than 31 days, as the partial index idx_events_long says it (db.py).
LONG = "julianday(end_date) - julianday(start_date) > 31"
LONGEST_INDEXED = timedelta(days=31)
# An event of a week or more is shown once for the week, with its dates, not on each day,
# which it would fill; a four-day fair stays on its days, "Tag 2 von 4".
LONG_EVENT = timedelta(days=6)

# A co-hosted event shows every network that lists it, and each network's filter finds it.
EVENTS = f"""
select e.title, e.start, e."end", e.all_day, e.url, e.location, e.city, e.status,
       e.attendance, e.start_date, e.end_date, e.start_open, e.end_open,
       (select group_concat(network_name, ', ') from (select network_name from event_networks
          where event_id = e.id order by network_name)) as network_name
from events e
where e.rowid in (
    -- the week's events from two index ranges: those that start in it or in the 31 days
    -- before it, and those that run longer (db.py, m009)
    select rowid from events where start_date between :from and :sunday and end_date >= :monday
    union all
    select rowid from events where {LONG} and end_date >= :monday and start_date < :from
  )
  and (:netzwerk = '' or e.id in (select event_id from event_networks where network = :netzwerk))
  and (:branche = '' or e.id in (select event_id from event_networks where sector = :branche))
order by e.start, network_name, e.title
"""
# The filters offer only networks and sectors that have events.
NETWORKS = """
select slug, name from networks n
where exists (select 1 from event_sources s where s.network = n.slug) order by name
"""
# "Stand": when each network's pages were last read in a healthy run (their fetch time).
FRESHNESS = """
select n.name, max(r.fetched) as fetched from crawl_runs r join networks n on n.slug = r.spider
where r.healthy and r.fetched is not null group by r.spider order by n.name
"""
PINNED = "select value from catalog_info where key = 'today'"
SECTORS = """
select distinct sector from networks n where sector is not null
  and exists (select 1 from event_sources s where s.network = n.slug) order by sector
"""


@dataclass
class Entry:
    time: str
    day_of: str  # "Tag 2 von 4" for events over several days
    title: str
    url: str | None
    network: str
    place: str
    status: str | None  # in German
    status_key: str | None  # as stored, for the style


@hookimpl
def register_routes():
    return [(r"^/$", home), (r"^/woche$", week)]


def home(datasette):
    return Response.redirect(datasette.urls.path("/woche"))


async def week(datasette, request):
    db = datasette.get_database(DATABASE)
    pages = _PAGES.setdefault(datasette, PageCache())
    key = (request.path, request.query_string, request.host)
    page, version = pages.get(db, key)
    if page is None:
        try:
            page = await _render(datasette, db, request)
        except QueryInterrupted:
            # a catalog file not yet in the page cache, at a million events: the week's
            # query outlasts the SQL time limit once; the reader is told to try again
            return Response.html(BUSY, status=503, headers={"Retry-After": "5"})
        if isinstance(page, Response):
            return page
        pages.keep(key, page, version)
    return Response.html(page)


BUSY = (
    "<!DOCTYPE html><html lang=de><title>Gleich noch einmal</title>"
    "<p>Die Woche ließ sich gerade nicht schnell genug lesen. Bitte laden Sie die Seite in ein "
    "paar Sekunden neu.</p>"
)


# The rendered weeks of each server, until its catalog changes: a busy week at a million
# events took 100 ms to read and render (benchmarks/bench_catalog.py), the same for every
# reader until the next crawl publishes.
_PAGES: "weakref.WeakKeyDictionary[object, PageCache]" = weakref.WeakKeyDictionary()


async def _render(datasette, db, request) -> str | Response:
    today = date.fromisoformat((await db.execute("select heute()")).first()[0])
    monday = _monday(request.args.get("datum") or today.isoformat())
    if monday is None:
        return Response.html(
            "<!DOCTYPE html><html lang=de><title>Ungültiges Datum</title>"
            "<p>Ungültiges Datum: bitte einen Tag zwischen "
            f"{FIRST_MONDAY} und {LAST_MONDAY + timedelta(days=6)} als JJJJ-MM-TT oder TT.MM.JJJJ "
            "angeben, "
            f'etwa <a href="{datasette.urls.path("/woche")}?datum={today}">'
            f"/woche?datum={today}</a>.</p>",
            status=400,
        )
    sunday = monday + timedelta(days=6)
    filters = {
        "netzwerk": request.args.get("netzwerk", ""),
        "branche": request.args.get("branche", ""),
    }
    rows = await db.execute(
        EVENTS,
        {
            "monday": monday.isoformat(),
            "sunday": sunday.isoformat(),
            "from": (monday - min(LONGEST_INDEXED, monday - date.min)).isoformat(),
            **filters,
        },
    )
    days = [monday + timedelta(days=i) for i in range(7)]
    entries = {d: [] for d in days}
    running = []  # long events, once for the week, with their span
    for row in rows:
        first, last = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
        if last - first >= LONG_EVENT or row["start_open"]:
            entry = _entry(row, monday, first, last)
            running.append(replace(entry, time=_dates(row, first, last), day_of=""))
            continue
        for d in days:
            if first <= d <= last:
                entries[d].append(_entry(row, d, first, last))

    def link(monday: date) -> str:
        return (
            datasette.urls.path("/woche")
            + "?"
            + urlencode({"datum": monday.isoformat(), **{k: v for k, v in filters.items() if v}})
        )

    freshness = list(await db.execute(FRESHNESS))
    calendar = datasette.urls.path("/netzwerktimer/kalender.ics") + (
        f"?{urlencode({'netzwerk': filters['netzwerk']})}" if filters["netzwerk"] else ""
    )
    context = {
        "title": _span(monday, sunday),
        "running": _listed(datasette, running),
        "calendar_week": monday.isocalendar().week,
        "days": [
            {
                "name": f"{WEEKDAYS[d.weekday()]}, {_day(d)}",
                "today": d == today,
                "entries": _listed(datasette, entries[d]),
            }
            for d in days
        ],
        "previous": link(monday - timedelta(days=7)),
        "next": link(monday + timedelta(days=7)),
        "this_week": link(today - timedelta(days=today.weekday())),
        "networks": [(r["slug"], r["name"]) for r in await db.execute(NETWORKS)],
        "sectors": [r["sector"] for r in await db.execute(SECTORS)],
        "filters": filters,
        "freshness": [(r["name"], _stamp(r["fetched"])) for r in freshness],
        "latest": _stamp(max(r["fetched"] for r in freshness)) if freshness else None,
        "demo_day": _day(today, year=True) if (await db.execute(PINNED)).first() else None,
        # webcal:// opens the calendar program's subscription; the feed takes the network.
        "calendar": calendar,
        "webcal": f"webcal://{request.host}{calendar}",
        "datum": monday.isoformat(),
        "table_url": datasette.urls.path("/netzwerktimer/events")
        + "?"
        + urlencode(
            {"start_date__lte": sunday.isoformat(), "end_date__gte": monday.isoformat()}
            | {name: value for name, value in filters.items() if value}
        ),
    }
    return await datasette.render_template("woche.html", context, request=request)


_LISTS: "weakref.WeakKeyDictionary[jinja2.Environment, jinja2.Template]" = (
    weakref.WeakKeyDictionary()
)


def _listed(datasette, entries: list[Entry]) -> Markup | None:
    """The entries as the page's list (_termine.html), None for none."""
    if not entries:
        return None
    template = _LISTS.get(datasette.jinja_env)
    if template is None:
        environment = jinja2.Environment(loader=datasette.jinja_env.loader, autoescape=True)
        template = _LISTS[datasette.jinja_env] = environment.get_template("_termine.html")
    return Markup(template.render(entries=entries))


def _stamp(fetched: str) -> str:
    """A fetch time (UTC) as Berlin reads it: "16.11.2026, 09:00 Uhr"."""
    moment = datetime.fromisoformat(fetched.replace("Z", "+00:00")).astimezone(BERLIN)
    return f"{moment:%d.%m.%Y, %H:%M} Uhr"


def _monday(datum: str) -> date | None:
    """The Monday of the week of `datum` (JJJJ-MM-TT, or TT.MM.JJJJ as Germans write it),
    None if it is no date the page shows."""
    german = GERMAN_DATE.fullmatch(datum.strip())
    try:
        day = date(*map(int, german.group(3, 2, 1))) if german else date.fromisoformat(datum)
    except ValueError:
        return None
    monday = day - timedelta(days=day.weekday())
    return monday if FIRST_MONDAY <= monday <= LAST_MONDAY else None


def _entry(row, day: date, first: date, last: date) -> Entry:
    return Entry(
        time=_time(row, day, first, last),
        day_of=f"Tag {(day - first).days + 1} von {(last - first).days + 1}"
        if last > first and not row["start_open"]
        else "",
        title=row["title"],
        url=row["url"],
        network=row["network_name"],
        place=_place(row),
        status=STATUS.get(row["status"], row["status"]),
        status_key=row["status"],
    )


def _time(row, day: date, first: date, last: date) -> str:
    if row["start_open"]:  # running, its start not stated: never a one-day event
        return f"läuft bis {_day(last, year=last.year != day.year)}"
    start, end = row["start"][11:16], (row["end"] or "")[11:16]
    if row["end_open"]:  # "ab Mai 2020": from then on, no end stated
        return f"ab {start} Uhr, Ende offen" if start else "Beginn, Ende offen"
    if row["all_day"] or not start:
        return "ganztägig"
    if first == last:
        return f"{start}–{end} Uhr" if end else f"{start} Uhr"
    if day == first:
        return f"ab {start} Uhr"
    if day == last and end:
        return f"bis {end} Uhr"
    return "ganztägig"


def _place(row) -> str:
    place = row["location"] or row["city"]
    if row["attendance"] == "online":
        return "online"
    if row["attendance"] == "mixed":
        return f"{place} und online" if place else "online und vor Ort"
    return place or "Ort nicht angegeben"


def _dates(row, first: date, last: date) -> str:
    """A long event's days: "1. Oktober bis 31. Dezember 2026", "läuft bis 25. Oktober"."""
    if row["start_open"]:
        return f"läuft bis {_day(last, year=True)}"
    return _span(first, last)


def _span(monday: date, sunday: date) -> str:
    """'16. bis 22. November 2026', '30. November bis 6. Dezember 2026', across years in full."""
    if monday.year != sunday.year:
        return f"{_day(monday, year=True)} bis {_day(sunday, year=True)}"
    first = f"{monday.day}." if monday.month == sunday.month else _day(monday)
    return f"{first} bis {_day(sunday, year=True)}"


def _day(d: date, year: bool = False) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")
