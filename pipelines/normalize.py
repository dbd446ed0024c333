"""Normalize stage: clean text, and the raw date text to start, end and all_day."""

from __future__ import annotations

from datetime import date

from netzwerktimer_crawl.berlin import local
from netzwerktimer_crawl.dates import parse_when
from netzwerktimer_crawl.items import Event
from netzwerktimer_crawl.text import clean

from . import Rejected


def reference_date(event: Event) -> date | None:
    """What a missing year is inferred from: a hint on the page, else its fetch date."""
    if event.reference:
        return event.reference
    return local(event.fetched).date() if event.fetched else None


def normalize(event: Event) -> Event:
    event.title = clean(event.title)
    event.location = clean(event.location)
    event.city = clean(event.city)
    event.when = clean(event.when)
    if event.start is None and event.when:
        when = parse_when(event.when, reference=reference_date(event))
        if when is None:
            raise Rejected(f"unparseable date: {event.when!r}")
        event.start, event.end, event.all_day = when.start, when.end, when.all_day
    if event.start is not None and event.all_day is None:
        event.all_day = not hasattr(event.start, "hour")
    return event


class NormalizePipeline:
    def process_item(self, item: Event) -> Event:
        return normalize(item)
