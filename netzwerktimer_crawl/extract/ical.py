"""iCalendar feeds (The Events Calendar ?ical=1, Events Manager, news/calendarize exports).

icalendar handles TZID, VALUE=DATE, UTC times and folded lines; recurring-ical-events
expands each series (its RRULE, EXDATEs and moved occurrences, all VEVENTs of one UID)
within a horizon around the fetch date. A feed that does not parse as a whole is read
event by event, and an event or series that cannot be read is a problem of its own.

Whatever a feed says, expansion is bounded (one series every minute once came to 576,551
occurrences, 2 GB and 80 s): at most SERIES_LIMIT occurrences a series and FEED_LIMIT a
feed, and no series whose rule takes more than SERIES_STEPS steps to get there. What is
cut is named in the problems.

Each occurrence carries extra["occurrence"], its slot in the series (RECURRENCE-ID): its
day, or its minute when the series meets twice that day. The occurrences of a series
share the series' URL; the slot tells them apart, the same on every run.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import recurring_ical_events
from dateutil.rrule import rrulestr
from icalendar import Calendar, Component

from ..berlin import iso, local
from ..items import Event
from ..text import clean, html_to_text

PAST = timedelta(days=90)
FUTURE = timedelta(days=400)
# A daily series fills the horizon's 491 days: only a denser one (hourly, every minute) is
# cut, which no network's calendar has.
SERIES_LIMIT = 500
# Ten such series; a network's feed has dozens of events. At about 0.1 ms an occurrence.
FEED_LIMIT = 5000
# dateutil walks a rule from its DTSTART, about 8 µs a step: a weekly series since 1900 or
# an hourly one of the last ten years fits, one every minute since last year does not.
SERIES_STEPS = 100_000
FEED_STEPS = 500_000
_READING = (KeyError, ValueError, TypeError, OverflowError)  # OverflowError: year 9999 UTC
_VEVENT = re.compile(r"BEGIN:VEVENT.*?END:VEVENT\r?\n?", re.S)
_VTIMEZONE = re.compile(r"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r?\n?", re.S)


def _moment(value: object) -> date | datetime:
    if isinstance(value, datetime):
        return local(value)
    if isinstance(value, date):
        return value
    raise ValueError(f"not a date: {value!r}")  # icalendar keeps broken values as text


def _midnight(value: object) -> bool:
    return isinstance(value, datetime) and value.time() == time()


def _span(component: Component) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and the end (DTEND, else DTSTART + DURATION), DTEND exclusive as written.
    Days written as times are days: from midnight to midnight, in the feed's own zone
    (DPCalendar writes them at midnight UTC) or in Berlin's, or marked all-day by Outlook."""
    start = component.decoded("DTSTART")
    end = component.decoded("DTEND") if "DTEND" in component else None
    if end is None and "DURATION" in component:
        end = start + component.decoded("DURATION")
    outlook = str(component.get("X-MICROSOFT-CDO-ALLDAYEVENT", "")).upper() == "TRUE"
    if isinstance(start, datetime) and isinstance(end, datetime) and end > start:
        for read in (lambda moment: moment, _moment):
            if _midnight(read(start)) and _midnight(read(end)):
                return read(start).date(), read(end).date()
    if outlook and isinstance(start, datetime):
        start = _moment(start).date()
        end = _moment(end).date() if isinstance(end, datetime) else None
        return start, end if end and end > start else None
    return _moment(start), _moment(end) if end is not None else None


def _event(component: Component) -> Event:
    start, end = _span(component)
    all_day = not isinstance(start, datetime)
    if all_day and end is not None:
        # DTEND of an all-day event is exclusive; one equal to DTSTART (a feed generator's
        # one-day event) ends the day it starts
        end = end - timedelta(days=1) if end > start else None
    url = component.get("URL")
    status = str(component.get("STATUS", "")).upper()
    return Event(
        network="",
        title=clean(str(component.get("SUMMARY", ""))),
        start=start,
        end=end if end and end != start else None,
        all_day=all_day,
        # not Apple's link to the mail it came from ("message:%3C…%3E"): no page of the event
        url=str(url) if url and str(url).lower().startswith(("http://", "https://")) else None,
        description=html_to_text(str(component.get("DESCRIPTION", ""))),
        location=clean(str(component.get("LOCATION", ""))),
        status={"CANCELLED": "cancelled"}.get(status),
        status_evidence=f"iCal STATUS:{status}" if status == "CANCELLED" else None,
        extractor="ical",
    )


def _calendars(text: str) -> tuple[list[Calendar], list[str]]:
    # icalendar raises what its parsers raise on odd feeds: a ValueError, and an
    # AttributeError for a VTIMEZONE with two TZIDs (a The Events Calendar export)
    try:
        return [Calendar.from_ical(text)], []
    except Exception as error:  # noqa: BLE001 - the feed is read event by event instead
        problems = [f"iCal feed does not parse as a whole ({error!r}); reading event by event"]
    zones = ""
    for index, zone in enumerate(_VTIMEZONE.findall(text)):
        if _parses(zone):
            zones += zone
        else:  # its events' TZIDs are read as IANA names, or as floating times
            problems.append(f"VTIMEZONE {index} is malformed; left out")
    calendars = []
    for index, block in enumerate(_VEVENT.findall(text)):
        try:
            calendars.append(
                Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{zones}{block}END:VCALENDAR\r\n")
            )
        except Exception as error:  # noqa: BLE001 - one broken VEVENT, not the feed
            problems.append(f"VEVENT {index} is malformed: {error!r}")
    return calendars, problems


def _parses(component: str) -> bool:
    try:
        Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{component}END:VCALENDAR\r\n")
    except Exception:  # noqa: BLE001
        return False
    return True


@dataclass
class _Budget:
    """What is left to expand of one feed."""

    occurrences: int
    steps: int


class _TooDense(Exception):
    pass


def _name(component: Component) -> str:
    return f"{str(component.get('SUMMARY', ''))!r} (UID {component.get('UID')})"


def _uid(component: Component) -> object:
    """What ties a series' VEVENTs together; an event without a UID stands alone."""
    return str(component["UID"]) if "UID" in component else id(component)


def _wall(value: date | datetime) -> datetime:
    """The series' own wall-clock time, as recurring-ical-events reads naive bounds."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(_moment(value), time())


def _stop(core: Component, lo: datetime, hi: datetime, limit: int, budget: _Budget) -> datetime:
    """`hi`, or the start of the first occurrence past `limit` before `hi`: counted lazily
    with the bare rule, so that expanding up to there holds at most `limit`."""
    start = _wall(core.decoded("DTSTART"))
    end = core.decoded("DTEND", None)
    length = _wall(end) - start if end else core.decoded("DURATION", timedelta())
    if not _rules(core):
        # its days are listed (RDATE), none to walk to: cut where more than `limit` are
        listed = sorted(m for m in _listed(core) if m + length >= lo and m <= hi)
        return listed[limit] if len(listed) > limit else hi
    starts = heapq.merge(
        *(rrulestr(rule.to_ical().decode(), dtstart=start, ignoretz=True) for rule in _rules(core))
    )
    allowed = min(SERIES_STEPS, budget.steps)
    seen: list[datetime] = []
    step = 0
    for step, moment in enumerate(starts, 1):
        if step > allowed or moment > hi:
            break
        if moment + length >= lo:  # still running at lo: in the horizon
            if len(seen) == limit:
                hi = moment  # the first one cut, where the expansion stops (exclusive)
                break
            seen.append(moment)
    budget.steps -= min(step, allowed)
    if step > allowed and allowed < SERIES_STEPS:
        raise _TooDense(f"the feed's {FEED_STEPS} steps of rules are spent")
    if step > allowed:
        raise _TooDense(
            f"its rule takes more than {allowed} steps from {iso(start)} to the horizon"
        )
    return hi


def _repeats(component: Component) -> bool:
    """A series: by a rule, or by a list of further days (RDATE) alone."""
    return "RRULE" in component or "RDATE" in component


def _rules(core: Component) -> list:
    rules = core.get("RRULE")
    return [] if rules is None else rules if isinstance(rules, list) else [rules]


def _listed(core: Component) -> list[datetime]:
    """The series' days that its RDATEs list, as wall-clock times."""
    values = core.get("RDATE")
    found = []
    for value in values if isinstance(values, list) else [values]:
        dts = getattr(value, "dts", [])  # (a PERIOD's pair is no day to count)
        found += [_wall(m.dt) for m in dts if isinstance(m.dt, date)]
    return found


def _bounded(core: Component) -> bool:
    """Every rule of the series stops: by UNTIL or by COUNT (its RDATEs always do)."""
    return all("UNTIL" in rule or "COUNT" in rule for rule in _rules(core))


def _until_in_zone(core: Component) -> None:
    """A rule's UNTIL without a zone, beside a DTSTART with one, in DTSTART's zone, as
    calendar apps read it: Google's and Outlook's exports write it so (RFC 5545 wants UTC),
    and read as UTC it drops the last occurrence west of Greenwich."""
    start = core.decoded("DTSTART")
    if not isinstance(start, datetime) or start.tzinfo is None:
        return
    for rule in _rules(core):
        until = rule.get("UNTIL")
        values = until if isinstance(until, list) else [until]
        if values and isinstance(values[0], datetime) and values[0].tzinfo is None:
            rule["UNTIL"] = [values[0].replace(tzinfo=start.tzinfo).astimezone(UTC)]


def _series(
    parts: list[Component], zones: list[Component], lo: datetime, hi: datetime, budget: _Budget
) -> tuple[list[Event], list[str]]:
    core = next(p for p in parts if _repeats(p))
    try:
        _until_in_zone(core)
    except _READING as error:
        return [], [f"series {_name(core)} is unreadable: {error}"]
    limit = min(SERIES_LIMIT, budget.occurrences)
    try:
        # a series that ends is kept whole, as a one-off event of the past is, when it
        # fits: a long one keeps the horizon's occurrences rather than its oldest
        first = _wall(core.decoded("DTSTART"))
        whole = _bounded(core) and first < lo and _stop(core, first, hi, limit, budget) >= hi
        lo = first if whole else lo
        stop = _stop(core, lo, hi, limit, budget)
    except _TooDense as reason:
        return [], [f"series {_name(core)} not expanded, kept none: {reason}"]
    except _READING as error:
        return [], [f"series {_name(core)} is unreadable: {error}"]
    calendar = Calendar()
    for component in zones + parts:
        calendar.add_component(component)
    found: list[tuple[Event, date | datetime]] = []
    unreadable: list[str] = []
    try:
        for component in recurring_ical_events.of(calendar).between(lo, stop):
            try:
                slot = component.decoded("RECURRENCE-ID", None) or component.decoded("DTSTART")
                found.append((_event(component), _moment(slot)))
            except _READING as error:
                unreadable.append(str(error))
    except _READING as error:
        return [], [f"series {_name(core)} is unreadable: {error}"]
    problems = [
        f"{len(unreadable)} occurrences of series {_name(core)} are unreadable: {error}"
        for error in unreadable[:1]
    ]
    found.sort(key=lambda pair: _wall(pair[0].start))
    kept, cut = found[:limit], len(found) > limit or stop < hi
    days = Counter(iso(slot)[:10] for _, slot in kept)
    for event, slot in kept:
        day = iso(slot)[:10]
        event.extra["occurrence"] = day if days[day] == 1 else iso(slot)
    budget.occurrences -= len(kept)
    if cut and kept:
        last = iso(kept[-1][0].start)
        if limit < SERIES_LIMIT:
            reason = f"reaches the feed's limit of {FEED_LIMIT} occurrences"
        else:
            reason = f"has more than {limit} occurrences between {lo:%Y-%m-%d} and {hi:%Y-%m-%d}"
        problems.append(f"series {_name(core)} {reason}: kept the first {len(kept)}, to {last}")
    return [event for event, _ in kept], problems


def events(text: str, fetched: datetime | None) -> tuple[list[Event], list[str]]:
    calendars, problems = _calendars(text)
    found: list[Event] = []
    budget = _Budget(FEED_LIMIT, FEED_STEPS)
    skipped: list[str] = []
    for calendar in calendars:
        zones = calendar.walk("VTIMEZONE")
        vevents = calendar.walk("VEVENT")
        # A series is every VEVENT of its UID: the rule and the occurrences it moves.
        recurring = {_uid(c) for c in vevents if _repeats(c)}
        series: dict[object, list[Component]] = {}
        for component in vevents:
            if _uid(component) in recurring:
                series.setdefault(_uid(component), []).append(component)
                continue
            try:
                found.append(_event(component))
            except _READING as error:
                problems.append(f"VEVENT {str(component.get('UID'))!r} is unreadable: {error}")
        if not series:
            continue
        if fetched is None:
            problems.append("no fetch date to anchor the horizon; recurring events skipped")
            continue
        anchor = local(fetched)
        for parts in series.values():
            if budget.occurrences <= 0:
                skipped.append(_name(next(p for p in parts if _repeats(p))))
                continue
            more, notes = _series(parts, zones, anchor - PAST, anchor + FUTURE, budget)
            found += more
            problems += notes
    if skipped:
        problems.append(
            f"{len(skipped)} series not expanded, the feed's limit of {FEED_LIMIT} occurrences "
            f"is reached, kept none: {', '.join(skipped[:10])}"
            + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else "")
        )
    return found, problems


def is_feed(text: str) -> bool:
    return text.lstrip("\ufeff \r\n").startswith("BEGIN:VCALENDAR")
