"""Validate stage: an event the catalog cannot show is rejected with the reason."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from netzwerktimer_crawl.berlin import implausible, local
from netzwerktimer_crawl.items import Event

from . import Rejected


def _comparable(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())


def _implausible(event: Event) -> str | None:
    if event.fetched is None:
        return None
    read = local(event.fetched).date()
    for name, value in (("start", event.start), ("end", event.end)):
        if why := implausible(value, read):
            return f"{name} {why}, when its page was read"
    return None


def problems(event: Event) -> list[str]:
    found = []
    if not event.title:
        found.append("no title")
    if event.start is None:
        found.append("no date")
    elif far := _implausible(event):
        found.append(far)
    elif event.end is not None and _comparable(event.end) < _comparable(event.start):
        found.append(f"ends before it starts: {event.start} > {event.end}")
    if event.url:
        parts = urlsplit(event.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            found.append(f"url is not an absolute http(s) address: {event.url!r}")
    return found


class ValidatePipeline:
    def process_item(self, item: Event) -> Event:
        if found := problems(item):
            raise Rejected("; ".join(found))
        return item
