"""The Events Calendar's REST APIs.

- `/wp-json/tribe/events/v1/events`: `{"events": [...], "next_rest_url": ...}`. Its
  `start_date`/`end_date` are local "Y-m-d H:i:s" in the event's own time zone and
  `utc_start_date` is unambiguous, so timed events are built from the UTC one
  (src/Tribe/REST/V1/Post_Repository.php).
- `/wp-json/tec/v1/events` (TEC 6.x): a flat array of events, paged by a `Link: <…>;
  rel="next"` header; `title` is `{"rendered": …}` in the code and a string in the docs
  example, `start_date_utc` beside the local `start_date`, `venues` a list
  (src/Events/REST/TEC/V1/Documentation/Event_Definition.php).
- `/wp-json/tribe/events/v1/events/<id>`: one event, the archive's entry alone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..berlin import local
from ..items import Event
from ..text import clean, html_to_text
from .steps import TRIBE_API

_NEXT_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def _rendered(value: object) -> str | None:
    return value.get("rendered") if isinstance(value, dict) else value  # type: ignore[return-value]


def _parse(value: object) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"not a date-time: {value!r}")
    return datetime.fromisoformat(value.replace(" ", "T", 1))


def _moment(event: dict, key: str) -> datetime | None:
    """The Berlin wall clock of `key`: from its UTC twin (tribe/v1 `utc_start_date`, tec/v1
    `start_date_utc`), else the local value in the event's own zone."""
    utc = event.get(f"utc_{key}") or event.get(f"{key}_utc")
    if utc:
        return local(_parse(utc).replace(tzinfo=UTC))
    value = event.get(key)
    if not value:
        return None
    moment = _parse(value)
    try:
        zone = ZoneInfo(event["timezone"]) if event.get("timezone") else None
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        zone = None
    return local(moment.replace(tzinfo=zone) if zone else moment)


def _venue(event: dict) -> tuple[str | None, str | None]:
    venue = event.get("venue")
    if not venue and isinstance(event.get("venues"), list) and event["venues"]:
        venue = event["venues"][0]
    if not isinstance(venue, dict) or not venue:
        return None, None
    city = clean(venue.get("city"))
    locality = " ".join(filter(None, [clean(venue.get("zip")), city]))
    name = clean(_rendered(venue.get("venue") or venue.get("title")))
    parts = [name, clean(venue.get("address")), locality or None]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or None, city


def _event(event: dict) -> Event:
    start, end = _moment(event, "start_date"), _moment(event, "end_date")
    all_day = bool(event.get("all_day"))
    day: date | datetime | None = start
    last: date | datetime | None = end
    if all_day and start:
        day, last = start.date(), end.date() if end else None
    if last == day:
        last = None
    url = event.get("url") or event.get("link")
    location, city = _venue(event)
    return Event(
        network="",
        title=clean(_rendered(event.get("title"))),
        start=day,
        end=last,
        all_day=all_day,
        url=url if isinstance(url, str) else None,
        description=html_to_text(_rendered(event.get("description") or event.get("content"))),
        location=location,
        city=city,
        extractor=TRIBE_API,
    )


def _entries(data: object) -> list:
    if _single(data):
        return [data]
    return data if isinstance(data, list) else (data.get("events") or [])  # type: ignore[union-attr]


def _single(data: object) -> bool:
    """One event's object (tribe/v1's `events/<id>`): its dates and title at the top."""
    return isinstance(data, dict) and "start_date" in data and "title" in data


def events(data: dict | list) -> tuple[list[Event], list[str]]:
    found, problems = [], []
    for entry in _entries(data):
        try:
            found.append(_event(entry))
        except (TypeError, ValueError, AttributeError, OverflowError) as error:
            ident = repr(entry.get("id")) if isinstance(entry, dict) else repr(entry)[:80]
            if isinstance(entry, dict) and isinstance(title := _rendered(entry.get("title")), str):
                ident += f" ({clean(title)})"
            problems.append(f"event {ident} is malformed: {error}")
    return found, problems


def next_page(data: dict | list, link_header: str | None = None) -> str | None:
    if isinstance(data, dict):
        following = data.get("next_rest_url")
        return following if isinstance(following, str) and following else None
    match = _NEXT_LINK.search(link_header or "")
    return match[1] if match else None


def is_response(data: object) -> bool:
    """tribe/v1's archive object or one event's, or tec/v1's array of events."""
    if isinstance(data, dict):
        # (not another API's {"events": […]}: Eventbrite's entries have no start_date)
        listed = data.get("events")
        if isinstance(listed, list):
            return all(isinstance(e, dict) and "start_date" in e for e in listed)
        return _single(data)
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(e, dict) and "start_date" in e for e in data)
    )
