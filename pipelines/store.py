"""Store stage: events into the catalog in batches; each run and each rejection recorded."""

from __future__ import annotations

from datetime import UTC, datetime

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl.berlin import iso, utc_stamp
from netzwerktimer_crawl.items import Event

from . import Rejected

BATCH_SIZE = 500


def record(event: Event, seen: str) -> dict:
    """The complete events row: every column present, so upserts never blank one."""
    return {
        "id": event.id,
        "network": event.network,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "all_day": bool(event.all_day),
        "url": event.url,
        "description": event.description,
        "location": event.location,
        "city": event.city,
        "status": event.status,
        "attendance": event.attendance,
        "source_url": event.source_url,
        "first_seen": seen,
        "last_seen": seen,
    }


def run_summary(stats: dict, reason: str, stored: int, rejected: int, warnings: list[str]) -> dict:
    """The crawl_runs columns, from Scrapy's stats of the finished spider."""
    # Error pages the spider was given up on, plus those its errbacks handled (API fallback).
    http_errors = stats.get("httperror/response_ignored_count", 0) + stats.get(
        "netzwerktimer/http_errors_handled", 0
    )
    return {
        "finished": utc_stamp(datetime.now(UTC)),
        "finish_reason": reason,
        "items_stored": stored,
        "items_rejected": rejected,
        "errors": stats.get("log_count/ERROR", 0),
        "requests": stats.get("downloader/request_count", 0),
        "http_errors": http_errors,
        "warnings": "\n".join(warnings) or None,
    }


class StorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.path = crawler.settings["NETZWERKTIMER_DB"]
        self.buffer: list[dict] = []
        self.stored: set[str] = set()
        self.rejected = 0
        self.started = datetime.now(UTC)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.db = catalog.open_db(self.path)
        self.run = catalog.start_run(self.db, self.crawler.spider.name, utc_stamp(self.started))

    def process_item(self, item: Event) -> Event:
        seen = utc_stamp(item.fetched or self.started)
        self.buffer.append(record(item, seen))
        if len(self.buffer) >= BATCH_SIZE:
            self.flush()
        return item

    def flush(self) -> None:
        # A merged event comes again with the same id: only its last version is written.
        latest = list({row["id"]: row for row in self.buffer}.values())
        catalog.upsert_events(self.db, latest)
        self.stored.update(row["id"] for row in latest)
        self.buffer = []

    def item_dropped(self, item: Event, response, exception: DropItem, spider: Spider) -> None:
        if not isinstance(exception, Rejected):
            return
        self.rejected += 1
        source = getattr(item, "source_url", None) or (response.url if response else None)
        catalog.reject(
            self.db, self.run, spider.name, source, str(exception), ItemAdapter(item).asdict()
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.flush()
        # What the spider could not read (see NetworkSpider.problem) goes into the run's row.
        warnings = list(getattr(spider, "problems", []))
        if not self.stored:
            warnings.append("no events stored")
        stats = self.crawler.stats.get_stats()
        summary = run_summary(stats, reason, len(self.stored), self.rejected, warnings)
        catalog.finish_run(self.db, self.run, summary)
        self.crawler.stats.set_value("netzwerktimer/run", self.run)
        self.db.close()
