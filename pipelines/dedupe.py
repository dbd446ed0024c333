"""Dedupe stage: give each event its stable id, and merge the copies a run finds of it.

A list page and its detail page, or overlapping pages, yield the same event twice. The
copies are merged field by field: structured data (API, iCal, JSON-LD, microdata) beats
the HTML list, and a copy only fills what the other lacks otherwise. The merged event is
passed on again, and the store's upsert keeps the last, most complete version.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from scrapy.exceptions import DropItem

from netzwerktimer_crawl.berlin import iso
from netzwerktimer_crawl.extract.steps import TRUST
from netzwerktimer_crawl.identity import event_id, has_own_page, occurrence_id
from netzwerktimer_crawl.items import Event

_MERGED = [f.name for f in fields(Event) if f.name not in ("id", "network", "extra")]
_WHEN = ("start", "end", "all_day")


class Duplicate(DropItem):
    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")


def _takes_dates(first: Event, second: Event, better: bool) -> bool:
    """Whether the second copy's start, end and all_day replace the first's."""
    if second.start is None:
        return False
    # A bare date never replaces a time on its day, however trusted: sf_event_mgt's
    # JSON-LD snippet prints dates only, beside the list's "10.05.2025 - 18:00".
    bare = type(second.start) is date
    if bare and isinstance(first.start, datetime) and first.start.date() == second.start:
        return False
    if first.start is None or better:
        return True
    # A timed copy of an all-day copy's day says more, e.g. a detail page's "Uhrzeit".
    timed = isinstance(second.start, datetime) and not second.all_day
    return bool(first.all_day) and timed and second.start.date() == first.start


def merge(first: Event, second: Event) -> Event:
    """One event from two copies; `first` is updated in place and returned."""
    better = TRUST.get(second.extractor or "", 0) > TRUST.get(first.extractor or "", 0)
    for name in _MERGED:
        ours, theirs = getattr(first, name), getattr(second, name)
        if name not in _WHEN and theirs is not None and (ours is None or better):
            setattr(first, name, theirs)
    # Start, end and all_day move together: an end never joins a start of another copy.
    same_start = second.start == first.start
    if _takes_dates(first, second, better):
        end = second.end if second.end is not None or not same_start else first.end
        first.start, first.end, first.all_day = second.start, end, second.all_day
    elif same_start and first.end is None:
        first.end = second.end
    return first


def _day(event: Event) -> str:
    return (iso(event.start if event.start is not None else event.end) or "")[:10]


class DedupePipeline:
    def __init__(self) -> None:
        self.seen: dict[str, Event] = {}
        # The start each event page was first seen with in this run: a page listed again on
        # another day is a series (MEC, a weekly course), and each occurrence is an event;
        # a date-only copy of a timed one (list and detail page) is the same event. The
        # first occurrence a run sees keeps the page's id, unless its slot is named.
        self.days: dict[str, str] = {}

    def process_item(self, item: Event) -> Event:
        start = iso(item.start if item.start is not None else item.end) or ""
        item.id = event_id(item.network, item.url, item.source_url, start, item.title)
        first = self.days.setdefault(item.id, start)
        slot = item.extra.get("occurrence")
        if slot and has_own_page(item.url, item.source_url):
            # The occurrences share the series' page; the feed names each one's slot in the
            # series (iCal RECURRENCE-ID), the same on every run, whichever a run meets first.
            # Without a page of its own the id is keyed on the start already.
            item.id = occurrence_id(item.id, slot)
        elif first[:10] != start[:10]:
            item.id = occurrence_id(item.id, start[:10])
            # and a second show on that later day (a cinema's week: 17:30 and 20:15)
            earlier = self.days.setdefault(item.id, start)
            if earlier != start and len(earlier) > 10 and len(start) > 10:
                item.id = occurrence_id(item.id, start)
        elif first != start and len(first) > 10 and len(start) > 10:
            # one page for two timed entries of one day (a venue's page for two films)
            item.id = occurrence_id(item.id, start)
        if item.id not in self.seen:
            self.seen[item.id] = item
            return item
        first = self.seen[item.id]
        snapshot = [getattr(first, name) for name in _MERGED]
        merge(first, item)
        if [getattr(first, name) for name in _MERGED] == snapshot:
            raise Duplicate(f"duplicate of event {item.id}")
        return first
