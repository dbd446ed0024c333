"""Dedupe stage: give each event its stable id, and merge the copies a run finds of it.

A list page and its detail page, or overlapping pages, yield the same event twice. The
copies are merged field by field: structured data (API, iCal, JSON-LD, microdata) beats
the HTML list, and a copy only fills what the other lacks otherwise. The merged event is
passed on again, and the store's upsert keeps the last, most complete version.
"""

from __future__ import annotations

from dataclasses import fields

from scrapy.exceptions import DropItem

from netzwerktimer_crawl.berlin import iso
from netzwerktimer_crawl.identity import event_id
from netzwerktimer_crawl.items import Event

# How much a value from each step of the extraction chain is trusted (higher wins).
TRUST = {"tribe-api": 3, "ical": 3, "json-ld": 3, "microdata": 3, "html": 1}
_MERGED = [f.name for f in fields(Event) if f.name not in ("id", "network", "extra")]


class Duplicate(DropItem):
    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")


def merge(first: Event, second: Event) -> Event:
    """One event from two copies; `first` is updated in place and returned."""
    better = TRUST.get(second.extractor or "", 0) > TRUST.get(first.extractor or "", 0)
    for name in _MERGED:
        ours, theirs = getattr(first, name), getattr(second, name)
        if theirs is not None and (ours is None or better):
            setattr(first, name, theirs)
    return first


class DedupePipeline:
    def __init__(self) -> None:
        self.seen: dict[str, Event] = {}

    def process_item(self, item: Event) -> Event:
        item.id = event_id(item.network, item.url, item.source_url, iso(item.start), item.title)
        if item.id not in self.seen:
            self.seen[item.id] = item
            return item
        first = self.seen[item.id]
        snapshot = [getattr(first, name) for name in _MERGED]
        merge(first, item)
        if [getattr(first, name) for name in _MERGED] == snapshot:
            raise Duplicate(f"duplicate of event {item.id}")
        return first
