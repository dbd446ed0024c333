"""Normalize stage: clean text, and the raw date text to start, end and all_day."""

from __future__ import annotations

import logging
from dataclasses import fields
from datetime import date, datetime

from scrapy.crawler import Crawler

from netzwerktimer_crawl.berlin import local
from netzwerktimer_crawl.dates import parse_when
from netzwerktimer_crawl.identity import without_tracking
from netzwerktimer_crawl.items import Event
from netzwerktimer_crawl.text import (
    attendance_from_text,
    city_from_location,
    clean,
    status_from_text,
    text_only,
)

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
    # An event without a page of its own links to the listing it was found on.
    event.url = without_tracking(event.url) if event.url else event.source_url
    when = parse_when(event.when, reference=reference_date(event)) if event.when else None
    if event.start is None and event.when:
        if when is None:
            raise Rejected(f"unparseable date: {event.when!r}")
        event.start, event.end, event.all_day = when.start, when.end, when.all_day
        event.open_start, event.open_end = when.open_start, when.open_end
    if event.start is None and event.open_start and event.end is not None:
        _running_since_fetch(event)
    elif when and event.end is None and when.start == event.start:
        # The text agrees with the machine-readable start, and may add the end.
        event.end = when.end
    event.city = event.city or city_from_location(event.location)
    # Words are the fallback; structured data (schema.org) has already set what it knows.
    if event.status is None and (status := status_from_text(event.title)):
        event.status, event.status_evidence = status, f"title: {event.title}"
    event.attendance = (
        event.attendance
        or attendance_from_text(event.title, event.location)
        or ("offline" if event.location else None)
    )
    if event.start is not None and event.all_day is None:
        event.all_day = not hasattr(event.start, "hour")
    return event


def _running_since_fetch(event: Event) -> None:
    """An event with only an end ("noch bis 25. Oktober") is running when its page is read:
    as far as the catalog knows it runs from the fetch day (the store keeps the earliest
    such day) to its end, day by day. One whose end is before the fetch day is over."""
    seen = reference_date(event) if event.fetched else None
    if seen is None:
        raise Rejected("an end without a start, and no fetch date to say it is running")
    last = event.end.date() if isinstance(event.end, datetime) else event.end
    if last < seen:
        raise Rejected(f"ended ({last}) before its page was read ({seen})")
    # The span is of days: its start has no time, and a time of the end day says little.
    event.start, event.end, event.all_day = seen, last, True


def not_text(event: Event) -> list[str]:
    """Cleans the characters no output can carry out of every text field; names the fields
    that had them."""
    found = []
    for field in fields(event):
        value = getattr(event, field.name)
        if isinstance(value, str) and (cleaned := text_only(value)) != value:
            setattr(event, field.name, cleaned)
            found.append(field.name)
    return found


class NormalizePipeline:
    def __init__(self, crawler: Crawler | None = None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Event) -> Event:
        if found := not_text(item):
            spider = self.crawler.spider if self.crawler else None
            message = f"{item.url or item.source_url}: characters that are not text replaced"
            getattr(spider, "problem", logging.getLogger(__name__).warning)(
                f"{message} from {', '.join(found)}"
            )
        return normalize(item)
