""".ics: events as an iCalendar feed that calendar programs can subscribe to.

Written here rather than with datasette-ics, which leaves out LOCATION, URL and VTIMEZONE,
times all-day events and has no stable UIDs. Renders any table, view or query with the
events' columns (id, title, start, end, all_day); /netzwerktimer/kalender.ics is the feed.
"""

import logging
import re
from datetime import UTC, date, datetime, timedelta

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from icalendar import Calendar, Event

from netzwerktimer_crawl.berlin import BERLIN, YEARS_AROUND, implausible, parse_iso
from netzwerktimer_crawl.catalog import clean_text, clean_url

REQUIRED = {"id", "title", "start", "end", "all_day"}
# A feed of a table or query holds every matching event up to this many.
MAX_EVENTS = 20_000
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}
SUMMARY_PREFIX = {"postponed": "Verschoben: "}
# The catalog's own rule (berlin.implausible) for dates that are no event's: such a year
# would also stretch the VTIMEZONE over centuries (1 s and 260 kB for 2026 to 9998).
# An event left out names itself and the reason here; calendar programs ignore X- properties.
SKIPPED = "x-netzwerktimer-skipped"

log = logging.getLogger("netzwerktimer.ical_feed")


class Skipped(Exception):
    """The event cannot be in the feed; the message says why, in German."""


@hookimpl
def register_output_renderer():
    return {"extension": "ics", "render": render_ics, "can_render": can_render_ics}


def can_render_ics(columns):
    return REQUIRED.issubset(columns)


async def render_ics(datasette, request, rows, columns, query_name, database, data):
    if not can_render_ics(columns):
        return Response.text(f"iCal braucht die Spalten {', '.join(sorted(REQUIRED))}", 400)
    rows, cut = await _every_row(datasette, database, data, rows)
    calendar = Calendar()
    calendar.add("prodid", "-//netzwerktimer//Veranstaltungen der Thüringer Netzwerke//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", await _calendar_name(datasette, request.args.get("netzwerk")))
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    if cut:
        calendar.add(SKIPPED, f"nur die ersten {len(rows)} Veranstaltungen")
    years = []
    for row in map(_cleaned, rows):
        # One bad event is left out with its reason, and the rest of the feed is served.
        try:
            event, event_years = _event(row)
        except Skipped as reason:
            _skip(calendar, row, str(reason))
            continue
        except Exception:  # a bad value nobody foresaw: still that event only
            log.exception("event %s cannot be rendered", row.get("id"))
            _skip(calendar, row, "kann nicht dargestellt werden")
            continue
        calendar.add_component(event)
        years += event_years
    if years:
        # A VTIMEZONE for the feed's years only keeps the file small.
        calendar.add_missing_timezones(date(min(years), 1, 1), date(max(years) + 1, 12, 31))
    name = f"{query_name or 'kalender'}.ics"
    return Response(
        calendar.to_ical().decode("utf-8"),
        content_type="text/calendar; charset=utf-8",
        headers={"content-disposition": f'inline; filename="{name}"'},
    )


async def _every_row(datasette, database: str, data: dict, rows) -> tuple[list[dict], bool]:
    """All the rows the page stands for, not its first page: a table page shows 50 at a time
    and a query at most max_returned_rows, but a calendar has no next page. At most
    MAX_EVENTS, and whether some were cut."""
    if not (data.get("next") or data.get("truncated")):
        return [dict(row) for row in rows], False
    query = data["query"]
    if data.get("table"):  # the page's own limit goes, its filters and order stay
        sql = re.sub(r"\s+limit\s+\d+(\s+offset\s+\d+)?\s*$", "", query["sql"], flags=re.I)
    else:  # a canned query's own limit stays
        sql = f"select * from ({query['sql']})"
    try:
        results = await datasette.get_database(database).execute(
            f"{sql} limit {MAX_EVENTS + 1}", query.get("params") or {}
        )
    except QueryInterrupted:  # the SQL time limit: the page's own rows, and the cut named
        log.warning("the feed holds the page's %d rows only: the query took too long", len(rows))
        return [dict(row) for row in rows], True
    every = [dict(row) for row in results.rows]
    return every[:MAX_EVENTS], len(every) > MAX_EVENTS


async def _calendar_name(datasette, network: str | None) -> str:
    """The feed's name; a network's feed is named after it (network_filter.py checked it)."""
    if network:
        rows = await datasette.get_database("netzwerktimer").execute(
            "select name from networks where slug = ?", [network]
        )
        if row := rows.first():
            return f"Netzwerktimer Thüringen: {row['name']}"
    return "Netzwerktimer Thüringen"


def _cleaned(row: dict) -> dict:
    """The row with its text and URLs fit for iCalendar (see catalog.py), each change logged."""
    cleaned = {}
    for column, value in row.items():
        clean = clean_url if column.endswith("url") else clean_text
        cleaned[column] = clean(value) if isinstance(value, str) else value
        if cleaned[column] != value:
            log.warning("event %s: %s cleaned for the feed: %.80r", row.get("id"), column, value)
    return cleaned


def _skip(calendar: Calendar, row: dict, reason: str) -> None:
    log.warning("event %s left out of the feed: %s", row.get("id"), reason)
    calendar.add(SKIPPED, f"{row.get('id')}: {reason}")


def _times(row: dict) -> tuple[date | datetime, date | datetime | None]:
    start, end = parse_iso(row["start"]), parse_iso(row["end"])
    if start is None:
        raise Skipped(f"Beginn {row['start']!r} ist kein Datum")
    today = datetime.now(BERLIN).date()
    for name, value, text in (("Beginn", start, row["start"]), ("Ende", end, row["end"])):
        if implausible(value, today):
            raise Skipped(f"{name} {text} liegt mehr als {YEARS_AROUND} Jahre von heute entfernt")
    return start, end


def _event(row: dict) -> tuple[Event, list[int]]:
    """The VEVENT and the years it touches."""
    start, end = _times(row)
    event = Event()
    # Stable across crawls: the id is derived from the organizer's page.
    event.add("uid", f"{row['id']}@netzwerktimer-thueringen.de")
    seen = row.get("last_seen") or row.get("first_seen")
    event.add("dtstamp", _utc(seen) if seen else datetime.now(UTC).replace(microsecond=0))
    if row.get("first_seen"):
        event.add("created", _utc(row["first_seen"]))
    if row.get("last_changed"):
        event.add("last-modified", _utc(row["last_changed"]))
    if row.get("sequence"):  # how often the event changed: calendars take the newest version
        event.add("sequence", int(row["sequence"]))
    status = row.get("status")
    event.add("summary", SUMMARY_PREFIX.get(status, "") + row["title"])
    if row["all_day"] or not isinstance(start, datetime):
        first = start if not isinstance(start, datetime) else start.date()
        last = end if isinstance(end, date) and not isinstance(end, datetime) else first
        event.add("dtstart", first)  # a date: VALUE=DATE
        event.add("dtend", last + timedelta(days=1))  # exclusive in iCalendar
    else:
        event.add("dtstart", start.replace(tzinfo=BERLIN))
        if isinstance(end, datetime):
            event.add("dtend", end.replace(tzinfo=BERLIN))
    if place := _place(row):
        event.add("location", place)
    if row.get("url"):
        event.add("url", row["url"])
    event.add("description", _description(row))
    event.add("status", STATUS.get(status, "CONFIRMED"))
    if network := row.get("network_name") or row.get("network"):
        event.add("categories", [network])
    return event, [value.year for value in (start, end) if value]


def _place(row: dict) -> str | None:
    place = row.get("location") or row.get("city")
    if row.get("attendance") == "online":
        return f"{place} (online)" if place else "Online"
    if row.get("attendance") == "mixed" and place:
        return f"{place} und online"
    return place


def _description(row: dict) -> str:
    parts = [row.get("description") or ""]
    if network := row.get("network_name") or row.get("network"):
        parts.append(f"Veranstalter: {network}")
    if row.get("url"):
        parts.append(f"Anmeldung und Einzelheiten: {row['url']}")
    return "\n\n".join(part for part in parts if part)


def _utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
