""".ics: events as an iCalendar feed that calendar programs can subscribe to.

Written here rather than with datasette-ics, which leaves out LOCATION, URL and VTIMEZONE,
times all-day events and has no stable UIDs. Renders any table, view or query with the
events' columns (id, title, start, end, all_day); /netzwerktimer/kalender.ics is the feed.
A feed holds every matching row, not the page's, and streams them (streaming.py); the
events are written by vevent.py.
"""

import logging
from datetime import UTC, date, datetime, timedelta

from datasette import hookimpl
from datasette.utils import derive_named_parameters
from datasette.utils.asgi import Response
from icalendar import Calendar, Timezone

from netzwerktimer_crawl.berlin import BERLIN, YEARS_AROUND
from netzwerktimer_crawl.catalog import clean_text, clean_url
from netzwerktimer_crawl.streaming import EveryRow, StreamingResponse
from netzwerktimer_crawl.vevent import Skipped, fold, text, vevent

REQUIRED = {"id", "title", "start", "end", "all_day"}
DATABASE, SUBSCRIPTION = "netzwerktimer", "kalender"
# An event left out names itself and the reason in the feed; calendar programs ignore X-
# properties. They come last, as the stream only knows them then; at most this many.
SKIPPED = "X-NETZWERKTIMER-SKIPPED"
MAX_SKIPPED_NOTES = 100

log = logging.getLogger("netzwerktimer.ical_feed")


@hookimpl
def register_output_renderer():
    return {"extension": "ics", "render": render_ics, "can_render": can_render_ics}


def can_render_ics(columns):
    return REQUIRED.issubset(columns)


async def render_ics(datasette, request, rows, columns, query_name, database, data):
    if not can_render_ics(columns):
        return Response.text(f"iCal braucht die Spalten {', '.join(sorted(REQUIRED))}", 400)
    return await _calendar(
        datasette, request, EveryRow(datasette, database, data, rows), query_name
    )


@hookimpl
def register_routes():
    return [(rf"^/{DATABASE}/{SUBSCRIPTION}\.ics$", subscription)]


async def subscription(datasette, request):
    """The feed calendar programs subscribe to, the canned query kalender, streamed from one
    run of its SQL: Datasette's query page would run it first for its first 1,000 rows, which
    at a million events doubled the time to the first byte (benchmarks/bench_catalog.py)."""
    await datasette.ensure_permissions(
        request.actor,
        [("view-query", (DATABASE, SUBSCRIPTION)), ("view-database", DATABASE), "view-instance"],
    )
    query = (await datasette.get_canned_queries(DATABASE, request.actor))[SUBSCRIPTION]
    names = await derive_named_parameters(datasette.get_database(DATABASE), query["sql"])
    data = {"query": {"sql": query["sql"], "params": {n: request.args.get(n, "") for n in names}},
            "truncated": True}  # fmt: skip
    return await _calendar(datasette, request, EveryRow(datasette, DATABASE, data, []), None)


async def _calendar(datasette, request, source: EveryRow, query_name: str | None):
    name = await _calendar_name(datasette, request.args.get("netzwerk"))
    return StreamingResponse(
        _feed(source, name),
        content_type="text/calendar; charset=utf-8",
        headers={"content-disposition": f'inline; filename="{query_name or "kalender"}.ics"'},
    )


async def _feed(source: EveryRow, name: str):
    """The feed's text, a chunk of events at a time."""
    today, now = datetime.now(BERLIN).date(), datetime.now(UTC).replace(microsecond=0)
    notes = Notes()
    chunks = source.chunks()
    if source.complete:  # the page held the whole feed: a VTIMEZONE for its years only
        first, years = _events(await anext(chunks, []), today, now, notes)
        yield _header(name, (min(years), max(years)) if years else None) + first
    else:  # every year an event of the feed can have (berlin.implausible): about 6 kB
        yield _header(name, (today.year - YEARS_AROUND, today.year + YEARS_AROUND))
    async for chunk in chunks:
        yield _events(chunk, today, now, notes)[0]
    if source.cut:
        log.warning("the feed ends after %d events: the query took too long", source.count)
        notes.kept.insert(0, f"nur die ersten {source.count} Veranstaltungen: Zeitlimit")
    yield "".join(fold(f"{SKIPPED}:{text(note)}") for note in notes.lines()) + "END:VCALENDAR\r\n"


class Notes:
    """The events left out, named with their reason: the first MAX_SKIPPED_NOTES and how many
    more, so that a stream of bad rows keeps its memory constant."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.more = 0

    def add(self, note: str) -> None:
        if len(self.kept) < MAX_SKIPPED_NOTES:
            self.kept.append(note)
        else:
            self.more += 1

    def lines(self) -> list[str]:
        return self.kept + ([f"und {self.more} weitere"] if self.more else [])


def _header(name: str, span: tuple[int, int] | None) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//netzwerktimer//Veranstaltungen der Thüringer Netzwerke//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    if span:  # the events' TZID, for the years they fall in: small, and exact for them
        first, last = date(span[0], 1, 1), date(span[1], 12, 31)
        calendar.add_component(
            Timezone.from_tzid("Europe/Berlin", first_date=first, last_date=last)
        )
    return calendar.to_ical().decode().removesuffix("END:VCALENDAR\r\n")


def _events(rows: list, today: date, now: datetime, notes: Notes):
    """The VEVENTs of `rows` and the years they touch; each event left out goes to `notes`."""
    parts, years = [], []
    for row in (_cleaned(dict(row)) for row in rows):
        # One bad event is left out with its reason, and the rest of the feed is served.
        try:
            part, event_years = vevent(row, today, now)
        except Skipped as reason:
            _skip(notes, row, str(reason))
            continue
        except Exception:  # a bad value nobody foresaw: still that event only
            log.exception("event %s cannot be rendered", row.get("id"))
            _skip(notes, row, "kann nicht dargestellt werden")
            continue
        parts.append(part)
        years += event_years
    return "".join(parts), years


async def _calendar_name(datasette, network: str | None) -> str:
    """The feed's name; a network's feed is named after it (network_filter.py checked it)."""
    if network:
        rows = await datasette.get_database(DATABASE).execute(
            "select name from networks where slug = ?", [network]
        )
        if row := rows.first():
            return f"Netzwerktimer Thüringen: {row['name']}"
    return "Netzwerktimer Thüringen"


def _cleaned(row: dict) -> dict:
    """The row with its text and URLs fit for iCalendar (see catalog.py), each change logged."""
    cleaned = {}
    for column, value in row.items():
        url = column.endswith("url")
        # Printable text (and a URL without spaces) is clean already: a check in C.
        if not isinstance(value, str) or (value.isprintable() and not (url and " " in value)):
            cleaned[column] = value
            continue
        clean = clean_url if url else clean_text
        cleaned[column] = clean(value)
        if cleaned[column] != value:
            log.warning("event %s: %s cleaned for the feed: %.80r", row.get("id"), column, value)
    return cleaned


def _skip(notes: Notes, row: dict, reason: str) -> None:
    log.warning("event %s left out of the feed: %s", row.get("id"), reason)
    notes.add(f"{row.get('id')}: {reason}")
