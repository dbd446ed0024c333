"""iCalendar feeds (The Events Calendar ?ical=1, Events Manager, news/calendarize exports).

icalendar handles TZID, VALUE=DATE, UTC times and folded lines; recurring-ical-events
expands RRULEs, within a horizon around the fetch date. A feed that does not parse as a
whole is read event by event, so one broken VEVENT loses only itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar

from ..berlin import local
from ..items import Event
from ..text import clean, html_to_text

PAST = timedelta(days=90)
FUTURE = timedelta(days=400)
_VEVENT = re.compile(r"BEGIN:VEVENT.*?END:VEVENT\r?\n?", re.S)
_VTIMEZONE = re.compile(r"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r?\n?", re.S)


def _moment(value: object) -> date | datetime:
    if isinstance(value, datetime):
        return local(value)
    if isinstance(value, date):
        return value
    raise ValueError(f"not a date: {value!r}")  # icalendar keeps broken values as text


def _event(component) -> Event:
    start = _moment(component.decoded("DTSTART"))
    end = _moment(component.decoded("DTEND")) if "DTEND" in component else None
    all_day = not isinstance(start, datetime)
    if all_day and end is not None:
        end = end - timedelta(days=1)  # DTEND of an all-day event is exclusive
    url = component.get("URL")
    status = str(component.get("STATUS", "")).upper()
    return Event(
        network="",
        title=clean(str(component.get("SUMMARY", ""))),
        start=start,
        end=end if end and end != start else None,
        all_day=all_day,
        url=str(url) if url else None,
        description=html_to_text(str(component.get("DESCRIPTION", ""))),
        location=clean(str(component.get("LOCATION", ""))),
        status={"CANCELLED": "cancelled"}.get(status),
        status_evidence=f"iCal STATUS:{status}" if status == "CANCELLED" else None,
        extractor="ical",
    )


def _calendars(text: str) -> tuple[list[Calendar], list[str]]:
    try:
        return [Calendar.from_ical(text)], []
    except ValueError as error:
        problems = [f"iCal feed does not parse as a whole ({error}); reading event by event"]
    zones = "".join(_VTIMEZONE.findall(text))
    calendars = []
    for index, block in enumerate(_VEVENT.findall(text)):
        try:
            calendars.append(
                Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{zones}{block}END:VCALENDAR\r\n")
            )
        except ValueError as error:
            problems.append(f"VEVENT {index} is malformed: {error}")
    return calendars, problems


def events(text: str, fetched: datetime | None) -> tuple[list[Event], list[str]]:
    calendars, problems = _calendars(text)
    found: list[Event] = []
    for calendar in calendars:
        series = Calendar()
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE" or "RRULE" in component:
                series.add_component(component)  # expanded below, apart from broken neighbours
            elif component.name == "VEVENT":
                try:
                    found.append(_event(component))
                except (KeyError, ValueError, TypeError) as error:
                    problems.append(f"VEVENT {str(component.get('UID'))!r} is unreadable: {error}")
        if not series.walk("VEVENT"):
            continue
        if fetched is None:
            problems.append("no fetch date to anchor the horizon; recurring events skipped")
            continue
        anchor = local(fetched)
        try:
            window = recurring_ical_events.of(series).between(anchor - PAST, anchor + FUTURE)
            found.extend(_event(c) for c in window)
        except (ValueError, TypeError) as error:
            problems.append(f"recurring events could not be expanded: {error}")
    return found, problems


def is_feed(text: str) -> bool:
    return text.lstrip("\ufeff \r\n").startswith("BEGIN:VCALENDAR")
