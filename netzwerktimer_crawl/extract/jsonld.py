"""schema.org Event objects from JSON-LD scripts and microdata, as CMS plugins print them.

Handles top-level arrays (The Events Calendar), @graph (Contao), one script per event
(Modern Events Calendar), events in an ItemList or a WebPage's mainEntity, and
entity-encoded names. Each script is parsed on its own, so one malformed block loses
nothing but itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import extruct
import json_repair
from parsel import Selector

from ..berlin import padded, parse_iso
from ..dates import When, parse_sessions
from ..items import Event
from ..text import clean, html_to_text
from . import dom

_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_STATUS = {"eventcancelled": "cancelled", "eventpostponed": "postponed"}
_ATTENDANCE = {
    "onlineeventattendancemode": "online",
    "offlineeventattendancemode": "offline",
    "mixedeventattendancemode": "mixed",
}


def _blocks(selector: Selector) -> Iterator[str]:
    yield from selector.css('script[type="application/ld+json"]::text').getall()


def _loads(block: str) -> tuple[object, str | None]:
    """The block's data, and what was wrong with it if it had to be repaired.

    CMS plugins that paste strings together (Modern Events Calendar, sf_event_mgt's
    snippet) print trailing commas, comments, unescaped quotes inside names and numbers with
    leading zeros; json-repair reads those as a lenient parser would. Nothing readable left
    after repair is an error."""
    text = _CONTROL.sub(" ", _WRAPPERS.sub("", block.strip())).strip().rstrip(";")
    try:
        return json.loads(text), None
    except ValueError as error:
        repaired = json_repair.loads(text, skip_json_loads=True)
        if not isinstance(repaired, dict | list) or not repaired:
            raise
        return repaired, str(error)


# Where a page's node holds its events: a list page's ItemList (itemListElement, each a
# ListItem's item), a WebPage's mainEntity, the events of a Place or an Organization (a
# cinema's MovieTheater, a venue, a club: `event`, formerly `events`).
_HOLDERS = ("itemListElement", "item", "mainEntity", "event", "events")


def _nodes(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for entry in data:
            yield from _nodes(entry)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _nodes(data["@graph"])
            return
        yield data
        if not _is_event(data):
            for key in _HOLDERS:
                if isinstance(data.get(key), dict | list):
                    yield from _nodes(data[key])


def _is_event(node: dict) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.endswith("Event") for t in types)


def _enum(value: object) -> str:
    """'https://schema.org/EventCancelled', 'EventCancelled' -> 'eventcancelled'."""
    return str(value or "").rstrip("/").rsplit("/", 1)[-1].lower()


def _words(value: object) -> object:
    """A property given more than once as one text: microdata's two itemprop=name of one
    Place (<span itemprop=name>Kandertalhalle</span> <span itemprop=name>Wollbach</span>);
    of texts and items, the texts."""
    if isinstance(value, list) and (texts := [part for part in value if isinstance(part, str)]):
        # not an item nested in it by a wrong itemprop (an organizer's <span itemscope
        # itemprop=name>): its texts alone
        return " ".join(texts)
    return value


def _place(location: object) -> tuple[str | None, str | None, bool]:
    """(location text, city, is_virtual) of a Place, VirtualLocation, string or list."""
    if isinstance(location, list):
        places = [_place(entry) for entry in location]
        physical = [p for p in places if not p[2]]
        text, city, _ = physical[0] if physical else (None, None, True)
        return text, city, not physical
    if isinstance(location, str):
        return clean(location), None, False
    if not isinstance(location, dict):
        return None, None, False
    if _enum(location.get("@type")) == "virtuallocation":
        return None, None, True
    address = location.get("address")
    city = None
    parts = [_words(location.get("name"))]
    if isinstance(address, dict):
        city = (clean(address.get("addressLocality")) or "").strip(" ,;") or None
        # A postal code may be a number ("postalCode": 04109, read leniently as 4109).
        postal = address.get("postalCode")
        postal = str(postal).zfill(5) if isinstance(postal, int) else clean(postal)
        locality = " ".join(filter(None, [postal, city]))
        parts += [address.get("streetAddress"), locality, address.get("description")]
    elif isinstance(address, str):
        parts.append(address)
    # A part the name already holds ("Augustusplatz, 04109 Leipzig") is not said twice;
    # as words, so that "Ratskeller Markt 12" does not hold "Markt 1".
    text = ""
    for part in filter(None, map(clean, parts)):
        if not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.I):
            text = f"{text}, {part}" if text else part
    return text or None, city, False


# Joomla's DPCalendar prints an all-day event's days at midnight UTC (it never moves them to
# the site's zone), and so does a script's toISOString() ("…T00:00:00.000Z"); read as times
# they would start at 01:00 or 02:00 in Berlin.
_UTC_MIDNIGHT = re.compile(r"^\d{4}-\d\d-\d\dT00:00(?::00(?:\.0+)?)?(?:\+00:?00|Z)$")
_DAY_START = re.compile(r"^\d{4}-\d\d-\d\dT00:00(?::00(?:\.0+)?)?(?:[+-]\d\d:?\d\d|Z)?$")
# A day's last minute, to the second or not: 23:59, 23:59:59(.999), 23:59:00.
_DAY_END = re.compile(r"^\d{4}-\d\d-\d\dT23:59(?::59(?:\.9+)?|:00(?:\.0+)?)?(?:[+-]\d\d:?\d\d|Z)?$")


# A day as some CMSs write it in microdata when it has no time: noon UTC, start and end the
# same instant (a city portal's date box beside "So. 13.09.2026 11:00 - 21:00 Uhr" in its
# text). In JSON-LD the same is as often a real 14:00 without an end.
_UTC_NOON = re.compile(r"^\d{4}-\d\d-\d\dT12:00(?::00(?:\.0+)?)?(?:\+00:?00|Z)$")


def _dates(
    node: dict, microdata: bool = False
) -> tuple[date | datetime | None, date | datetime | None]:
    start, end = (str(node.get(key) or "").strip() for key in ("startDate", "endDate"))
    if _UTC_MIDNIGHT.match(start) and (not end or _UTC_MIDNIGHT.match(end)):
        start, end = start[:10], end[:10]
    if microdata and _UTC_NOON.match(start) and end == start:
        start, end = start[:10], ""
    # The Events Calendar's all-day events run from 00:00 to 23:59:59 of their days.
    if _DAY_START.match(start) and _DAY_END.match(end):
        start, end = start[:10], end[:10]
    return parse_iso(start), parse_iso(end)


def _written(value: object) -> datetime | None:
    """The wall clock a date-time with an offset states, before converting it: the clock
    the page displays beside it when only the site's time-zone setting is wrong (merge.py)."""
    text = padded(str(value or "").strip())
    if len(text) <= 19 or text[10:11] not in ("T", " "):
        return None
    try:
        return datetime.fromisoformat(text[:16])
    except ValueError:
        return None


def schema_event(node: dict, microdata: bool = False) -> Event:
    """Our Event of a schema.org Event node (JSON-LD, microdata, or microformats mapped to
    it)."""
    location, city, virtual = _place(node.get("location"))
    title = clean(_words(node.get("name")))
    # Text, though plugins print a description as an object or a list too
    description = node.get("description")
    description = html_to_text(description) if isinstance(description, str) else None
    attendance = _ATTENDANCE.get(_enum(node.get("eventAttendanceMode")))
    if attendance is None and virtual:
        attendance = "online"
    start, end = _dates(node, microdata)
    return Event(
        network="",
        title=title,
        start=start,
        end=end if end != start else None,
        all_day=None if start is None else not hasattr(start, "hour"),
        url=node.get("url") if isinstance(node.get("url"), str) else None,
        description=description,
        location=location,
        city=city,
        status=_STATUS.get(_enum(node.get("eventStatus"))),
        status_evidence=f"schema.org eventStatus {node['eventStatus']}"
        if _enum(node.get("eventStatus")) in _STATUS
        else None,
        attendance=attendance,
        when=None if start else clean(node.get("startDate")),
        extractor="json-ld",
        extra={
            "written_start": _written(node.get("startDate")),
            "written_end": _written(node.get("endDate")),
        },
    )


def microdata_events(html: str, base_url: str) -> tuple[list[Event], list[str]]:
    """Events from schema.org microdata (DPCalendar, Contao <= 4.9), via extruct."""
    try:
        items = extruct.extract(
            dom.without_xml_declaration(html),
            base_url=base_url,
            syntaxes=["microdata"],
            uniform=True,
        )
    except Exception as error:  # noqa: BLE001 - extruct raises whatever its parsers raise
        return [], [f"microdata could not be read: {error}"]
    nodes = [item for item in _nodes(items["microdata"]) if _is_event(item)]
    found = [schema_event(item, True) for item in nodes]
    root = None  # parsed only for an event whose machine dates need the page's text
    for node, event in zip(nodes, found, strict=True):
        event.extractor = "microdata"
        if event.start is not None and (event.end is None or _before(event.end, event.start)):
            root = dom.tree(html) if root is None else root
            _as_shown(event, node, root)
    return found, []


def _before(end: date | datetime, start: date | datetime) -> bool:
    if isinstance(end, datetime) != isinstance(start, datetime):
        return False
    return end < start  # type: ignore[operator]


def _shown(root, prop: str, value: object) -> When | None:
    """The date the page shows where microdata states `value`: the text of the element
    that carries it, or of a <meta>'s parent."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("itemprop") != prop:
            continue
        if (element.get("content") or element.get("datetime") or "").strip() != value:
            continue
        holder = element.getparent() if element.tag == "meta" else element
        sessions = parse_sessions(" ".join(dom.text_of(holder).split()), None)
        return sessions[0] if len(sessions) == 1 else None
    return None


def _as_shown(event: Event, node: dict, root) -> None:
    """Microdata dates the page contradicts: an end before its start, as The Events Calendar
    2.x wrote it on a 12-hour clock ("2012-05-13-06:00:00" beside "13. Mai 2012 18:00"),
    is the end the page shows; a start whose element shows a span ("March 17th - 20th,
    2016") has that span's end."""
    start = str(node.get("startDate") or "").strip()
    if event.end is None:
        shown = _shown(root, "startDate", start)
        if shown is not None and shown.end is not None and shown.day == _day(event.start):
            end = shown.end
            if isinstance(event.start, datetime) and not isinstance(end, datetime):
                # a timed start's span runs to the end of its last day, as dates.py reads it
                end = datetime.combine(end + timedelta(days=1), time())
            event.end = end
        return
    shown = _shown(root, "endDate", str(node.get("endDate") or "").strip())
    end = shown.start if shown is not None else None
    if end is not None and not _before(end, event.start):
        event.end = end
    else:
        event.end = None  # the page's end cannot be told; the start stands


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def events(selector: Selector) -> tuple[list[Event], list[str]]:
    """Events from every JSON-LD block, and a message per block that could not be read."""
    found: list[Event] = []
    problems: list[str] = []
    for index, block in enumerate(_blocks(selector)):
        try:
            data, repaired = _loads(block)
        except (ValueError, RecursionError) as error:
            problems.append(f"JSON-LD block {index} is malformed: {error}")
            continue
        if repaired:
            problems.append(f"JSON-LD block {index} was malformed ({repaired}); repaired")
        for node in _nodes(data):
            if not _is_event(node):
                continue
            try:
                found.append(schema_event(node))
            except Exception as error:  # noqa: BLE001 - one odd node, not the page's others
                problems.append(f"JSON-LD block {index}: an event could not be read: {error!r}")
    return found, problems
