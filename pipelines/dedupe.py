"""Dedupe stage: give each event its stable id and pass each id once per run.

A list page and a detail page, or overlapping pages, yield the same event twice; the
chain emits structured data first, so the first copy is the one kept.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from netzwerktimer_crawl.berlin import iso
from netzwerktimer_crawl.identity import event_id
from netzwerktimer_crawl.items import Event


class Duplicate(DropItem):
    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")


class DedupePipeline:
    def __init__(self) -> None:
        self.seen: set[str] = set()

    def process_item(self, item: Event) -> Event:
        item.id = event_id(item.network, item.url, item.source_url, iso(item.start), item.title)
        if item.id in self.seen:
            raise Duplicate(f"duplicate of event {item.id}")
        self.seen.add(item.id)
        return item
