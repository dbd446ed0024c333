"""The Events Calendar's REST API: /wp-json/tribe/events/v1/events, paged.

start_date/end_date are local "Y-m-d H:i:s" in the event's own time zone; utc_start_date
is unambiguous, so timed events are built from it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..berlin import local
from ..items import Event
from ..text import clean, html_to_text


def _moment(event: dict, key: str) -> datetime | None:
    utc = event.get(f"utc_{key}")
    if utc:
        return local(datetime.fromisoformat(utc).replace(tzinfo=UTC))
    value = event.get(key)
    return local(datetime.fromisoformat(value)) if value else None


def _venue(event: dict) -> tuple[str | None, str | None]:
    venue = event.get("venue")
    if not isinstance(venue, dict) or not venue:
        return None, None
    city = clean(venue.get("city"))
    locality = " ".join(filter(None, [clean(venue.get("zip")), city]))
    parts = [clean(venue.get("venue")), clean(venue.get("address")), locality or None]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or None, city


def _event(event: dict) -> Event:
    start, end = _moment(event, "start_date"), _moment(event, "end_date")
    all_day = bool(event.get("all_day"))
    if all_day and start:
        start, end = start.date(), end.date() if end else None
    if end == start:
        end = None
    title = clean(event.get("title"))
    description = html_to_text(event.get("description"))
    location, city = _venue(event)
    return Event(
        network="",
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        url=event.get("url"),
        description=description,
        location=location,
        city=city,
        extractor="tribe-api",
    )


def events(data: dict) -> tuple[list[Event], list[str]]:
    found, problems = [], []
    for entry in data.get("events") or []:
        try:
            found.append(_event(entry))
        except (TypeError, ValueError, AttributeError) as error:
            problems.append(f"event {entry.get('id')!r} is malformed: {error}")
    return found, problems


def next_page(data: dict) -> str | None:
    return data.get("next_rest_url") or None


def is_response(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("events"), list)
