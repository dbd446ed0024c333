"""Events from a JSON feed of any shape that names its fields plainly.

Calendar widgets load their events as JSON: FullCalendar's event source (`title`, `start`,
`end`, `allDay`, `url`), which many CMS calendars serve from an AJAX or REST endpoint, and
REST APIs with schema.org's names (`name`, `startDate`, `endDate`, `location`) or a
plugin's own (`start_date`, `permalink`, `venue`), in any case and with or without "event"
before them (an OData API's `Subject` and `EventStartDate`). The events are the list at the
top or under a key such as "events", "data", "items" or OData's "value", else the first
such list deeper in the feed (a Wix page's data) or an object of entries keyed by their ids;
an entry counts when it has a title and a start that reads as a date, also one nested a
level or two down. The Events Calendar's REST API has a reader of its own (tribe_api.py).

A hand-made feed may give the date in parts (`"dateno": "1", "datemonth": "SEP", "time":
"18:00 Uhr"`): its year is the one nearest the fetch date.

Its background events (`"display": "background"`) shade closed days and are skipped.
A page with a calendar drawn by JavaScript may carry the same feed inline: in a script
(`events: [{ title: '…', start: '2026-12-08T10:00' }]`) or a data attribute; embedded()
reads those arrays (json_repair reads JavaScript's unquoted keys and single quotes).

FullCalendar's end is exclusive: an all-day event of 3 to 6 February ends "2027-02-07".
That holds for its own field names (`start`, `end`); other APIs' end dates are inclusive.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import json_repair
from parsel import Selector

from ..berlin import local, parse_iso
from ..dates import find_times, parse_sessions
from ..items import Event
from ..text import city_from_location, clean, html_to_text
from .steps import JSON_FEED

# "subject": Microsoft's (Graph, Exchange, SharePoint lists) and OData APIs'
TITLE = ("title", "name", "summary", "titel", "event_title", "subject")
# In the order they are tried: a plain "date" is often a post's, so it comes late.
START = ("start", "startDate", "start_date", "startdate", "starttime", "startTime",
         "startDateTime", "start_datetime", "startsAt", "starts_at", "start_time", "time_start",
         "begin", "dtstart", "dateTime", "eventDate", "event_date", "date", "datum",
         "beginn")  # fmt: skip
END = ("end", "endDate", "end_date", "enddate", "endtime", "endTime", "endDateTime",
       "end_datetime", "endsAt", "ends_at", "end_time", "time_end", "dtend", "ende")  # fmt: skip
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_UNIX_TEXT = re.compile(r"^\s*(?:\d{10}|\d{13})\s*$")  # a Unix time in seconds or ms, as text
# A clock beside a date written out ("date": "Apr 27, 2026", "time": "09:00 AM").
CLOCK = ("time", "uhrzeit", "zeit", "clock")
# Names that say "the event's start" wherever they stand: read in an entry's nested objects
# too (Wix's scheduling.config.startDate, radar.squat.net's date_time[0].time_start), where a
# plain "date" may be anything's.
NESTED_START = ("startDate", "start_date", "time_start", "dtstart")
NESTED_END = ("endDate", "end_date", "time_end", "dtend")
_REACH = 2  # levels of nested objects an entry's start is looked for in
_DEPTH = 6  # levels of a feed its list of entries is looked for in
ALL_DAY = ("allDay", "all_day", "allday")
URL = ("url", "link", "permalink", "href", "event_url", "detailUrl", "sourceUrl")
PLACE = ("location", "venue", "place", "ort", "veranstaltungsort", "address")
TEXT = ("description", "excerpt", "content", "teaser", "beschreibung", "caption", "subtitle")
LISTS = (
    "events", "data", "items", "results", "entries", "records", "termine", "veranstaltungen",
    "orderedItems",  # an ActivityPub collection (Mobilizon's outbox)
    "value",  # an OData or Microsoft Graph collection
)  # fmt: skip


def entries(data: object, depth: int = _DEPTH, reference: date | None = None) -> list[dict]:
    """The feed's entries that may be events: a title and a start field. None of them when
    no start reads as a date (a shop's products with a "date" are no events). The list is
    the feed, or under a key such as "events", else the first list of them found deeper
    (Wix's appsWarmupData, an object of entries keyed by their ids)."""
    found = data if isinstance(data, list) else []
    if isinstance(data, dict):
        found = next((data[k] for k in LISTS if isinstance(data.get(k), list)), [])
        if not found and _activity_event(data):
            found = [data]  # one ActivityPub event, as Mobilizon and Gancio federate it
    found = [
        e
        for e in found
        if isinstance(e, dict) and _title(e) and (_first(e, START)[0] or _date_parts(e))
    ]
    if any(_start(e, reference)[0] for e in found):
        return found
    if depth and isinstance(data, dict):
        values = list(data.values())
        if values and all(isinstance(v, dict) for v in values):
            keyed = entries(values, 0, reference)  # {"597687": {…}, "597688": {…}}
            if keyed:
                return keyed
        if values and all(isinstance(v, list) for v in values) and all(map(_YEAR.match, data)):
            # lists of entries keyed by year ({"2025": […], "2024": […]}): all of them; not
            # lists of other kinds beside the events ({"konzerte": […], "news": […]})
            joined = entries([e for v in values for e in v], 0, reference)
            if joined:
                return joined
        for value in values:
            if isinstance(value, dict | list) and (deeper := entries(value, depth - 1, reference)):
                return deeper
    elif depth and isinstance(data, list):
        groups = [v for v in data if isinstance(v, dict)]
        lists = [next((g[k] for k in LISTS if isinstance(g.get(k), list)), None) for g in groups]
        if groups and all(lists):
            # groups that each hold their entries ([{"month": "Juli 2026", "events": […]}, …]):
            # all of them, not the first group's
            joined = entries([e for v in lists for e in v], 0, reference)  # type: ignore[union-attr]
            if joined:
                return joined
        for value in data[:20]:
            if isinstance(value, dict) and (deeper := entries(value, depth - 1, reference)):
                return deeper
    return []


def _activity_event(data: dict) -> bool:
    """An ActivityStreams object of type Event (its startTime, name, location); a poll's
    Question with an endTime is none."""
    kind = data.get("type")
    return kind == "Event" or (isinstance(kind, list) and "Event" in kind)


def events(data: object, reference: date | None = None) -> tuple[list[Event], list[str]]:
    """The events of the feed, and a message per entry that could not be read. `reference`,
    the fetch date, gives the year of entries that state their day and month only."""
    found, problems = [], []
    for entry in entries(data, reference=reference):
        if _background(entry):
            continue
        try:
            found.append(_event(entry, reference))
        except (TypeError, ValueError, OverflowError) as error:
            problems.append(f"JSON event {_title(entry)!r} is malformed: {error}")
    return found, problems


def _background(entry: dict) -> bool:
    """FullCalendar's background events shade days (holidays, closures); they are no events."""
    shown = entry.get("display") or entry.get("rendering")
    return isinstance(shown, str) and "background" in shown


_ARRAY = re.compile(r"\[\s*\{")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_LONGEST = 1_000_000  # characters of one inline array


def embedded(selector: Selector) -> tuple[list[Event], list[str]]:
    """The events of feeds a page carries inline for a calendar its scripts draw."""
    texts = selector.xpath(
        "//script[not(@src)][not(contains(@type, 'json+ld') or contains(@type, 'ld+json'))]"
        "/text() | //@*[starts-with(name(), 'data-')]"
    ).getall()
    found, problems = [], []
    for text in texts:
        if "start" not in text.lower() or not _ISO_DAY.search(text):
            continue
        position = 0
        while match := _ARRAY.search(text, position):
            chunk = _balanced(text, match.start())
            position = match.start() + (len(chunk) if chunk else 1)
            if not chunk or not _ISO_DAY.search(chunk):
                continue
            try:
                data = json_repair.loads(chunk)
            except (ValueError, RecursionError):
                continue
            events_of, problems_of = events(data)
            found += events_of
            problems += problems_of
    return found, problems


def _balanced(text: str, start: int) -> str | None:
    """The array literal that opens at `start`, to its closing bracket."""
    depth, quote, escaped = 0, "", False
    for index in range(start, min(len(text), start + _LONGEST)):
        char = text[index]
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    return None


def _plain(key: str) -> str:
    """A field's name as the lists above know it, whatever its case and joints, without an
    "event" before it: an OData API's "EventStartDate", "Event_Title", "eventUrl"."""
    name = key.casefold().replace("_", "").replace("-", "")
    return name[5:] if name.startswith("event") and len(name) > 5 else name


def _first(entry: dict, keys: tuple[str, ...]) -> tuple[str | None, object]:
    found = next(((k, entry[k]) for k in keys if entry.get(k) not in (None, "", [])), None)
    if found is None:
        given = {_plain(k): k for k in entry if isinstance(k, str)}
        named = (given.get(_plain(k)) for k in keys)
        # a plain value only: radar's "date_time" list of occurrences is no "dateTime"
        found = next(((k, entry[k]) for k in named if k and _scalar(entry[k])), None)
    if found is None and keys in (START, END):
        found = _nested(entry, NESTED_START if keys is START else NESTED_END, _REACH)
    return found or (None, None)


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and value != ""


def _nested(entry: dict, keys: tuple[str, ...], reach: int) -> tuple[str, object] | None:
    """The first of `keys` in the entry's nested objects (a list's first object)."""
    for value in entry.values():
        value = value[0] if isinstance(value, list) and value else value
        if not isinstance(value, dict):
            continue
        for key in keys:
            if value.get(key) not in (None, "", []):
                return key, value[key]
        if reach > 1 and (found := _nested(value, keys, reach - 1)):
            return found
    return None


def _text(value: object) -> str | None:
    if isinstance(value, dict):  # WordPress REST: {"rendered": "…"}; Eventbrite: {"text": "…"}
        value = (
            value.get("rendered") or value.get("text") or value.get("name") or value.get("title")
        )
    return clean(value) if isinstance(value, str) else None


def _postal(value: object) -> str | None:
    """schema.org's PostalAddress as one line: "Ehrenbergstraße 11, 98693 Ilmenau"."""
    if not isinstance(value, dict):
        return None
    street = _text(value.get("streetAddress"))
    town = " ".join(
        filter(None, (_text(value.get("postalCode")), _text(value.get("addressLocality"))))
    )
    return ", ".join(p for p in (street, town) if p) or None


def _title(entry: dict) -> str | None:
    return _text(_first(entry, TITLE)[1])


def _moment(value: object) -> date | datetime | None:
    """An ISO date or date-time (an offset is turned into Berlin's wall clock), or a Unix
    time in seconds or milliseconds."""
    if isinstance(value, dict):
        # a moment with its zone: Eventbrite's {"timezone", "local", "utc"}, Google
        # Calendar's {"dateTime": …, "timeZone"} or {"date": …} for a whole day
        value = next((value[k] for k in ("utc", "dateTime", "date") if value.get(k)), None)
    if isinstance(value, str) and _UNIX_TEXT.match(value):
        value = int(value)  # Facebook's FQL: "start_time": "1339302600"
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value < 946_684_800:  # before 2000: a count or an index, no Unix time of an event
            return None
        seconds = value / 1000 if value > 10**11 else value
        return local(datetime.fromtimestamp(seconds, UTC))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) > 10 and text[10] == " ":  # "2026-12-08 10:00:00"
        text = f"{text[:10]}T{text[11:]}"
    return parse_iso(text)


# A date in parts, as a church's hand-made feed gives it: {"dateno": "1", "datemonth": "SEP",
# "time": "18:00 Uhr"}; its year is the fetch date's nearest.
DAY = ("day", "tag", "dateno", "dayno", "daynum", "date_day", "datum_tag")
MONTH = ("month", "monat", "datemonth", "monthname", "date_month", "datum_monat")
YEAR = ("year", "jahr", "dateyear", "date_year", "datum_jahr")
TIME = ("time", "zeit", "uhrzeit", "starttime", "startzeit")


def _date_parts(entry: dict) -> str | None:
    """The text of a date given in parts, when the entry has a day and a month."""
    day, month = _first(entry, DAY)[1], _first(entry, MONTH)[1]
    if not isinstance(day, str | int) or not isinstance(month, str | int):
        return None
    year, clock = _first(entry, YEAR)[1], _first(entry, TIME)[1]
    text = f"{day}.{month}." if str(month).isdigit() else f"{day}. {month}"
    text += f" {year}" if isinstance(year, str | int) else ""
    return text + (f" {clock}" if isinstance(clock, str) else "")


def _start(entry: dict, reference: date | None = None) -> tuple[date | datetime | None, str | None]:
    """The first of the entry's start keys, in their order, whose value reads as a moment
    (ISO, or written out with a clock beside it): "dateTime" before "date": "Apr 27, 2026",
    and "begin": "20.03.2027" before a post's "date" of publication."""
    present = [(k, entry[k]) for k in START if entry.get(k) not in (None, "", [])]
    for key, value in present:
        if (moment := _moment(value)) is not None:
            return _at_clock(moment, entry), key
        if isinstance(value, str) and reference is not None:
            clock = _first(entry, CLOCK)[1]
            text = f"{value} {clock}" if isinstance(clock, str) else value
            sessions = parse_sessions(text, reference)
            if len(sessions) == 1:
                return sessions[0].start, key
    if present:
        return None, present[0][0]
    key, value = _first(entry, START)
    if key is None and (parts := _date_parts(entry)):
        sessions = parse_sessions(parts, reference)
        return (sessions[0].start, "parts") if len(sessions) == 1 else (None, "parts")
    return _moment(value), key


def _at_clock(moment: date | datetime, entry: dict) -> date | datetime:
    """An ISO day at the clock beside it ("date": "2026-07-12", "time": "15:30"); "00:00"
    there says no time."""
    clock = _first(entry, CLOCK)[1]
    if type(moment) is not date or not isinstance(clock, str):
        return moment
    times = find_times(clock)
    if len(times) != 1 or not 0 < times[0].start < 24 * 60:
        return moment
    return datetime.combine(moment, time(times[0].start // 60, times[0].start % 60))


def _event(entry: dict, reference: date | None = None) -> Event:
    start, key = _start(entry, reference)
    if start is None:
        value = _date_parts(entry) if key == "parts" else entry[key]
        raise ValueError(f"its start {value!r} is no date")
    end_key, end_value = _first(entry, END)
    end = _moment(end_value)
    flag = _first(entry, ALL_DAY)[1]
    all_day = bool(flag) if flag is not None else not isinstance(start, datetime)
    if all_day:
        start = start.date() if isinstance(start, datetime) else start
        end = end.date() if isinstance(end, datetime) else end
        if end is not None and key == "start" and end_key == "end" and end > start:
            end -= timedelta(days=1)  # FullCalendar's exclusive end
    if end is not None and (end == start or end < start):  # type: ignore[operator]
        end = None
    place = _first(entry, PLACE)[1]
    if isinstance(place, dict):
        parts = (
            _postal(place.get(k)) or _text(place.get(k))
            for k in ("name", "title", "venue", "address", "city")
        )
        place = ", ".join(dict.fromkeys(p for p in parts if p)) or None
    url = _first(entry, URL)[1]
    description = _first(entry, TEXT)[1]
    if isinstance(description, dict):
        description = description.get("rendered") or description.get("text")
    location = _text(place)
    return Event(
        network="",
        title=_title(entry),
        start=start,
        end=end,
        all_day=all_day,
        url=url if isinstance(url, str) else None,
        description=html_to_text(description) if isinstance(description, str) else None,
        location=location,
        city=city_from_location(location),
        extractor=JSON_FEED,
    )
