"""A catalog event as an iCalendar VEVENT (RFC 5545), written as text.

Written directly rather than through icalendar's Event, which takes 0.48 ms an event: a feed
of 200,000 upcoming events would take 100 s (measured with benchmarks/bench_catalog.py).
This writes the same properties with the same escaping and folding about ten times faster;
tests/test_vevent.py reads its output back with icalendar. The calendar around the events
and its VTIMEZONE still come from icalendar (data/plugins/ical_feed.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from .berlin import YEARS_AROUND, implausible, parse_iso

UID_DOMAIN = "netzwerktimer-thueringen.de"
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}
SUMMARY_PREFIX = {"postponed": "Verschoben: "}
_TEXT = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})


class Skipped(Exception):
    """The event cannot be in a calendar; the message says why, in German."""


def vevent(row: dict, today: date, now: datetime) -> tuple[str, list[int]]:
    """The VEVENT of `row` (the catalog's event columns) and the years it touches.

    `today` judges implausible dates (berlin.implausible); `now` is DTSTAMP when the row
    has no crawl time. Raises Skipped for an event no calendar can hold.
    """
    start, end = _times(row, today)
    status = row.get("status")
    seen = row.get("last_seen") or row.get("first_seen")
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + text(SUMMARY_PREFIX.get(status, "") + row["title"]),
    ]
    if row["all_day"] or not isinstance(start, datetime):
        first = start.date() if isinstance(start, datetime) else start
        last = end if isinstance(end, date) and not isinstance(end, datetime) else first
        lines.append(f"DTSTART;VALUE=DATE:{first:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}")  # exclusive
    else:
        lines.append(f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}")
        if isinstance(end, datetime):
            lines.append(f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}")
    lines.append("DTSTAMP:" + _utc(_stamp(seen) if seen else now))
    # Stable across crawls: the id is derived from the organizer's page.
    lines.append(f"UID:{row['id']}@{UID_DOMAIN}")
    if row.get("first_seen"):
        lines.append("CREATED:" + _utc(_stamp(row["first_seen"])))
    if row.get("last_changed"):
        lines.append("LAST-MODIFIED:" + _utc(_stamp(row["last_changed"])))
    if row.get("sequence"):  # how often the event changed: calendars take the newest version
        lines.append(f"SEQUENCE:{int(row['sequence'])}")
    network = row.get("network_name") or row.get("network")
    if network:
        lines.append("CATEGORIES:" + text(network))
    lines.append("DESCRIPTION:" + text(_description(row, network)))
    if place := _place(row):
        lines.append("LOCATION:" + text(place))
    lines.append("STATUS:" + STATUS.get(status, "CONFIRMED"))
    if row.get("url"):
        lines.append("URL:" + row["url"])  # a URI: not escaped (clean_url made it one)
    lines.append("END:VEVENT")
    return "".join(map(fold, lines)), [value.year for value in (start, end) if value]


def text(value: str) -> str:
    """A TEXT value with its backslashes, semicolons, commas and line breaks escaped."""
    return value.translate(_TEXT)


def fold(line: str) -> str:
    """One content line with its CRLF, folded into parts of at most 75 octets, never inside
    a character's UTF-8 bytes; a continuation's leading space counts."""
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, size = [], 0, 75
    while start < len(data):
        end = min(start + size, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte
            end -= 1
        parts.append(data[start:end])
        start, size = end, 74
    return b"\r\n ".join(parts).decode() + "\r\n"


def _times(row: dict, today: date) -> tuple[date | datetime, date | datetime | None]:
    start, end = parse_iso(row["start"]), parse_iso(row["end"])
    if start is None:
        raise Skipped(f"Beginn {row['start']!r} ist kein Datum")
    for name, value, written in (("Beginn", start, row["start"]), ("Ende", end, row["end"])):
        if implausible(value, today):
            raise Skipped(
                f"{name} {written} liegt mehr als {YEARS_AROUND} Jahre von heute entfernt"
            )
    return start, end


def _place(row: dict) -> str | None:
    place = row.get("location") or row.get("city")
    if row.get("attendance") == "online":
        return f"{place} (online)" if place else "Online"
    if row.get("attendance") == "mixed" and place:
        return f"{place} und online"
    return place


def _description(row: dict, network: str | None) -> str:
    parts = [row.get("description") or ""]
    if network:
        parts.append(f"Veranstalter: {network}")
    if row.get("url"):
        parts.append(f"Anmeldung und Einzelheiten: {row['url']}")
    return "\n\n".join(part for part in parts if part)


def _stamp(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
