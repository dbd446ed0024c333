"""One event per event across the steps of the chain.

JSON-LD and the page's HTML often describe the same events, with URLs that differ (a
mirror's relative paths, tracking parameters, a list page vs. the event page). Two copies
are one event when they fall on the same day, one title contains the other (normalised),
and their times agree: equal, one of them without a time, or differing only by a wrong
time-zone offset (below). Occurrences of a series on different days stay apart, and so
do two sessions of one day at different times.

Time zones: a JSON-LD `startDate` carries an offset, which the CMS takes from its time-zone
setting. Sites get that setting wrong (a German site set to Helsinki writes 18:00+02:00 all
year). When the page itself shows the clock time the JSON-LD wrote, and only the offset
makes them differ, the displayed clock wins: it is what the organizer typed and what the
reader acts on, and the offset is the misconfigured part. The displayed time is another
step's copy of the event, or else the clock printed beside the event's title in the page's
text (`displayed_clock`). Without a displayed time to compare with, the offset is trusted
and the instant is shown in Berlin time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from ..identity import canonical_url
from ..items import Event
from .steps import TRUST

_FIELDS = ("url", "description", "location", "city", "status", "status_evidence", "attendance")


def first_day(event: Event) -> date | None:
    """The event's first day (of its end when it states none)."""
    value = event.start if event.start is not None else event.end
    return value.date() if isinstance(value, datetime) else value


_day = first_day


def _title(event: Event) -> str:
    return " ".join((event.title or "").casefold().split())


def _titles_match(a: Event, b: Event) -> bool:
    """One title is the other, or the other goes on from it ("Sommerfest" and "Sommerfest
    2026 im Park") or holds it as most of its words; a short title that another names in
    passing is another event ("D&D" beside "The Stygian Gambit (D&D)" at the same time)."""
    x, y = sorted((_title(a), _title(b)), key=len)
    if not x or not _holds_words(y, x):
        return False
    return y.startswith(x) or len(x) * 2 >= len(y)


def _holds_words(text: str, words: str) -> bool:
    """`words` stand in `text` as whole words (a regex built per pair would be compiled
    anew for each pair of a long page's entries)."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if not (at and _word_char(text[at - 1])) and not (
            end < len(text) and _word_char(text[end])
        ):
            return True
        at = text.find(words, at + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what a regex means by \w


def _timed(event: Event) -> bool:
    return isinstance(event.start, datetime)


def _written(event: Event) -> datetime | None:
    value = event.extra.get("written_start")
    return value if isinstance(value, datetime) else None


def _times_agree(a: Event, b: Event) -> bool:
    if not (_timed(a) and _timed(b)) or a.start == b.start:
        return True
    return _written(a) == b.start or _written(b) == a.start


def _last_day(event: Event) -> date | None:
    value = event.end if event.end is not None else event.start
    return value.date() if isinstance(value, datetime) else value


def _within(day_copy: Event, span: Event) -> bool:
    """A day-only copy on a later day of a multi-day event: a calendar cell it spans."""
    first, last = _day(span), _last_day(span)
    return (
        not _timed(day_copy)
        and first is not None
        and last is not None
        and first < (_day(day_copy) or first) <= last
    )


def program_of(item: Event, event: Event) -> bool:
    """Whether `item`, another copy than `event`'s, falls within `event`'s days: on the page
    of `event`, a line of its program ("13:30 - 14:30 Uhr Klimatalks")."""
    first, last, day = _day(event), _last_day(event), _day(item)
    return None not in (first, last, day) and first <= day <= last and not same(item, event)


def _other_pages(a: Event, b: Event) -> bool:
    """Whether the two, titled apart, link pages that differ in their paths: two events; a
    calendar's day cell links its event's page with the day in the query ("?datum=…")."""
    if not (a.url and b.url) or _title(a) == _title(b):
        return False
    here, there = urlsplit(canonical_url(a.url)), urlsplit(canonical_url(b.url))
    return (here.netloc, here.path) != (there.netloc, there.path)


def same(a: Event, b: Event) -> bool:
    """Whether two copies describe one event (see the module's docstring)."""
    if _day(a) is None:
        return False
    # a calendar's cell of a day the other spans links the same page; "Schulsachenbörse"
    # within the days of "Schulsachenbörse-Sammelaktion", with a page of its own, is another
    if (_within(a, b) or _within(b, a)) and _titles_match(a, b) and not _other_pages(a, b):
        return True
    if _day(a) != _day(b) or not _times_agree(a, b):
        return False
    if a.extractor == b.extractor and _other_pages(a, b):
        return False  # one list's "League Match" and "League match against St Andrews B"
    return _titles_match(a, b) or (bool(a.url) and a.url == b.url and a.start == b.start)


def _closest(event: Event, twins: list[Event]) -> Event | None:
    """Of the copies `event` may be, the one with its title, else with its page."""
    for fits in (
        lambda twin: _title(twin) == _title(event),
        lambda twin: not _other_pages(twin, event),
    ):
        if found := next((twin for twin in twins if fits(twin)), None):
            return found
    return twins[0] if twins else None


# How closely a teaser's words must contain an event's title ("den öffentlichen Lauf" for
# "Öffentlicher Lauf": German inflects), on a 0–100 scale.
_MENTION = 88
_MIN_TITLE = 6


def mentions(teaser: Event, event: Event) -> bool:
    """A day-only copy whose words name a timed event of that day: a teaser ("Die Saison
    beginnt für den öffentlichen Lauf am Dienstag, 24. September!") of a list entry."""
    if _timed(teaser) or not _timed(event) or _day(teaser) != _day(event):
        return False
    title = _title(event)
    words = " ".join(f"{teaser.title or ''} {teaser.extra.get('text') or ''}".casefold().split())
    return len(title) >= _MIN_TITLE and fuzz.partial_ratio(title, words) >= _MENTION


def _trust(event: Event) -> int:
    return TRUST.get(event.extractor or "", 0)


def absorb(kept: Event, other: Event) -> None:
    """Fold `other` into `kept`, field by field; the more trusted copy wins each field."""
    better = _trust(other) > _trust(kept)
    displayed = None  # the page's clock where it shows the time a JSON-LD offset moved
    for copy, twin in ((kept, other), (other, kept)):
        if _written(copy) is not None and _written(copy) == twin.start != copy.start:
            displayed = twin
    if displayed is not None:
        structured = other if displayed is kept else kept
        structured.start, structured.end = (
            displayed.start,
            displayed.end or (structured.extra.get("written_end")),
        )
    if better:
        kept.title = other.title or kept.title
        if other.start is not None and (_timed(other) or not _timed(kept)):
            kept.start, kept.end, kept.all_day = other.start, other.end, other.all_day
        kept.extractor = other.extractor
    elif kept.start is not None and not _timed(kept) and _timed(other):
        kept.start, kept.end, kept.all_day = other.start, other.end, other.all_day
    elif kept.start == other.start and kept.end is None:
        kept.end = other.end
    for name in _FIELDS:
        ours, theirs = getattr(kept, name), getattr(other, name)
        if theirs is not None and (ours is None or better):
            setattr(kept, name, theirs)
    kept.extra["steps"] = sorted({*kept.extra.get("steps", [kept.extractor]), other.extractor})


# A clock time as pages print it: 18:00, 18.00 (with "Uhr" or not).
_CLOCK = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d.:])")
# The text around a title that is still its record: TEC and most lists put the date line
# before the title, details after it.
_BEFORE, _AFTER = 200, 300


def displayed_clock(events: list[Event], page_text: Callable[[], str]) -> None:
    """Where no other step showed an event's time, take the page's own clock for a JSON-LD
    time its offset moved: the written clock (18:00) is printed beside the title, and the
    clock of the converted instant (17:00) is not (see the module's docstring). The page's
    text is read only for such an event."""
    moved = [e for e in events if _written(e) not in (None, e.start) and _timed(e)]
    if not moved:
        return
    folded = " ".join(page_text().split()).casefold()
    for event in moved:
        written, title = _written(event), _title(event)
        at = folded.find(title) if len(title) >= _MIN_TITLE else -1
        if at < 0:
            continue
        near = folded[max(0, at - _BEFORE) : at + len(title) + _AFTER]
        shown = {(int(h), int(m)) for h, m in _CLOCK.findall(near)}
        if (written.hour, written.minute) in shown and (
            event.start.hour,
            event.start.minute,
        ) not in shown:
            event.start = written
            if isinstance(end := event.extra.get("written_end"), datetime):
                event.end = end


def _join_days(events: list[Event]) -> list[Event]:
    """A day-only event listed under each of its days (a Contao list's day headers, a month
    grid's cells), with the same page and title on consecutive days: one span of days.
    Without a page of its own, or with times, each day stays an event (a weekly course)."""
    kept: list[Event] = []
    by_page: dict[str, list[Event]] = {}  # only events of one page join (a year's 2,000 rows)
    for event in events:
        previous = next(
            (
                k
                for k in by_page.get(event.url or "", [])
                if k.url != k.source_url
                and _title(k) == _title(event)
                and not _timed(k)
                and not _timed(event)
                and _last_day(k) is not None
                and _day(event) == _last_day(k) + timedelta(days=1)
            ),
            None,
        )
        if previous is None:
            kept.append(event)
            if event.url:
                by_page.setdefault(event.url, []).append(event)
        else:
            previous.end = _last_day(event)
    return kept


def combine(events: list[Event], rank: dict[int, tuple[bool, int]] | None = None) -> list[Event]:
    """The events with the copies of each one folded into the first found.

    `rank` maps ids of generic events to (title is their own, size of their list). An event
    titled only by a heading above it yields to another event at the same minute with a
    title of its own or from a longer list: a teaser repeating a list's first entry.
    """
    rank = rank or {}
    kept: list[Event] = []
    # Copies of one event share its first day, or one spans the other's: so an event is
    # compared with those kept for its day and with the spans, not with every one (a venue's
    # year of 2,000 entries took 2.5 s a thousand before).
    by_day: dict[date, list[int]] = {}
    spans: list[int] = []

    def candidates(event: Event) -> list[int]:
        day = _day(event)
        if day is None:
            return []
        if _last_day(event) != day:
            return list(range(len(kept)))
        return sorted({*by_day.get(day, []), *spans})

    for event in events:
        event.extra.setdefault("steps", [event.extractor])
        near = candidates(event)
        twin = _closest(event, [kept[i] for i in near if same(kept[i], event)])
        if twin is not None:
            absorb(twin, event)
            continue
        teaser = next((i for i in near if mentions(kept[i], event)), None)
        if teaser is not None:  # the entry replaces its teaser
            absorb(event, kept[teaser])
            kept[teaser] = event
            continue
        if any(mentions(event, kept[i]) for i in near):
            continue
        kept.append(event)
        if (day := _day(event)) is not None:
            by_day.setdefault(day, []).append(len(kept) - 1)
            if _last_day(event) != day:
                spans.append(len(kept) - 1)

    def strength(event: Event) -> tuple[bool, int]:
        return rank.get(id(event), (True, 1_000_000))

    kept = _join_days(kept)
    by_start: dict[datetime, list[Event]] = {}
    for event in kept:
        if _timed(event):
            by_start.setdefault(event.start, []).append(event)  # type: ignore[arg-type]
    weak = set()
    for group in by_start.values():
        best = max(map(strength, group))
        weak |= {id(e) for e in group if not strength(e)[0] and strength(e) < best}
    return [e for e in kept if id(e) not in weak]


def share_places(events: list[Event], page: str) -> None:
    """Occurrences of one event (one title, one page: its own or `page`, which lists them)
    that a page lists below the place it names once take that place: Drupal's date_recur
    list under the venue's block. Not when its occurrences name places that differ (a tour)."""
    series: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        url = canonical_url(event.url or page)
        series.setdefault((_title(event), url), []).append(event)
    for occurrences in series.values():
        placed = {(e.location, e.city) for e in occurrences if e.location}
        if len(occurrences) < 2 or len(placed) != 1:
            continue
        location, city = next(iter(placed))
        for event in occurrences:
            if not event.location:
                event.location, event.city = location, city
