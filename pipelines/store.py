"""Store stage: events into the catalog in batches, with their history; each run, its health
and each rejection recorded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import health, history
from netzwerktimer_crawl.berlin import iso, local, utc_stamp
from netzwerktimer_crawl.items import Event
from netzwerktimer_crawl.refresh import Writing

from . import Rejected

BATCH_SIZE = 500


def record(event: Event, seen: str | None) -> dict:
    """The complete events row: every column present, so no write blanks one."""
    return {
        "id": event.id,
        "network": event.network,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "all_day": bool(event.all_day),
        "start_open": bool(event.open_start),
        "end_open": bool(event.open_end),
        "url": event.url,
        "description": event.description,
        "location": event.location,
        "city": event.city,
        "status": event.status,
        "status_evidence": event.status_evidence,
        "attendance": event.attendance,
        "event_type": event.event_type,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "source_url": event.source_url,
        "first_seen": seen,
        "last_seen": seen,
    }


def coverage(rows: list[dict]) -> dict[str, float | None]:
    """Share of a run's events with a page of their own, a place and an end."""
    if not rows:
        return {"coverage_url": None, "coverage_location": None, "coverage_end": None}
    own_page = sum(1 for r in rows if r["url"] and r["url"] != r["source_url"])
    return {
        "coverage_url": round(own_page / len(rows), 3),
        "coverage_location": round(sum(1 for r in rows if r["location"]) / len(rows), 3),
        "coverage_end": round(sum(1 for r in rows if r["end"]) / len(rows), 3),
    }


def run_summary(stats: dict, reason: str, rows: list[dict], rejected: int,
                warnings: list[str]) -> dict:  # fmt: skip
    """The crawl_runs columns, from Scrapy's stats and the run's stored events."""
    # Error pages the spider was given up on, those its errbacks handled (API fallback), and
    # outages the HTTP cache answered with the last run's copy.
    http_errors = sum(stats.get(key, 0) for key in ("httperror/response_ignored_count",
                      "netzwerktimer/http_errors_handled", "netzwerktimer/outages"))  # fmt: skip
    return {
        "finished": utc_stamp(datetime.now(UTC)),
        "finish_reason": reason,
        "items_stored": len(rows),
        "items_rejected": rejected,
        # The spider's own failures: pages given up on, and callbacks that raised. (Scrapy's
        # log_count/ERROR counts every spider's log lines in the process.)
        "errors": stats.get("retry/max_reached", 0) + stats.get("spider_exceptions/count", 0),
        "requests": stats.get("downloader/request_count", 0),
        "http_errors": http_errors,
        "bytes": stats.get("netzwerktimer/bytes_downloaded", 0),
        "not_modified": stats.get("netzwerktimer/not_modified", 0),
        "warnings": "\n".join(warnings) or None,
    } | coverage(rows)


class StorePipeline:
    """Writes a spider's events into the working copy of the catalog (refresh.Writing), and
    when the spider closes records its run: summary, health, missing events. The last
    spider of the process to close publishes the copy."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.path = Path(crawler.settings["NETZWERKTIMER_DB"])
        self.wait = crawler.settings.getfloat("NETZWERKTIMER_LOCK_WAIT", 0)
        self.missing_after = crawler.settings.getint("NETZWERKTIMER_MISSING_AFTER", 2)
        self.buffer: list[dict] = []
        self.stored: dict[str, dict] = {}
        self.rejected = 0
        self.started = datetime.now(UTC)
        self.fetched: datetime | None = None
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.writing = Writing.join(self.path, self.wait)
        self.db = catalog.open_db(self.writing.copy)
        self.run = catalog.start_run(self.db, self.crawler.spider.name, utc_stamp(self.started))

    def process_item(self, item: Event) -> Event:
        if item.fetched and (self.fetched is None or item.fetched > self.fetched):
            self.fetched = item.fetched
        self.buffer.append(record(item, utc_stamp(item.fetched or self.started)))
        if len(self.buffer) >= BATCH_SIZE:
            self.flush()
        return item

    def flush(self) -> None:
        # A merged event comes again with the same id: only its last version is written.
        latest = {row["id"]: row for row in self.buffer}
        for row, reason in history.store(self.db, list(latest.values()), self.run):
            del latest[row["id"]]
            self.rejected += 1
            catalog.reject(self.db, self.run, self.crawler.spider.name, row["source_url"],
                           reason, row)  # fmt: skip
        self.stored |= latest
        self.buffer = []

    def item_dropped(self, item: Event, response, exception: DropItem, spider: Spider) -> None:
        if not isinstance(exception, Rejected):
            return
        self.rejected += 1
        source = getattr(item, "source_url", None) or (response.url if response else None)
        catalog.reject(self.db, self.run, spider.name, source, str(exception),
                       ItemAdapter(item).asdict())  # fmt: skip

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            self.flush()
            self.summarise(spider, reason)
            flags = self.judge(spider)
            if not flags:
                self.mark_missing(spider)
            self.crawler.stats.set_value("netzwerktimer/run", self.run)
            self.crawler.stats.set_value("netzwerktimer/flags", flags)
        finally:
            self.db.close()
            self.writing.leave()

    def summarise(self, spider: Spider, reason: str) -> None:
        """The run's row: counts from Scrapy's stats and what could not be read."""
        warnings = list(getattr(spider, "problems", []))  # see NetworkSpider.problem
        stats = self.crawler.stats.get_stats()
        summary = run_summary(stats, reason, list(self.stored.values()), self.rejected, warnings)
        summary["fetched"] = utc_stamp(self.fetched or self.started)
        catalog.finish_run(self.db, self.run, summary)

    def judge(self, spider: Spider) -> list[str]:
        """The run's health flags (health.py and Spidermon's monitors), recorded."""
        flags = health.flags(self.db, self.run, getattr(spider, "monitor_failures", []))
        catalog.finish_run(self.db, self.run, {"healthy": not flags,
                                               "flags": "\n".join(flags) or None})  # fmt: skip
        return flags

    def mark_missing(self, spider: Spider) -> None:
        """Absence means something only after a run that demonstrably worked: a healthy run
        with a baseline, health's comparison with at least health.BASELINE earlier runs."""
        if (earlier := health.baseline(self.db, self.run)) < health.BASELINE:
            if earlier:  # a first run has nothing to miss
                note = (f"absences not counted: {earlier} earlier run, {health.BASELINE} "
                        "needed to compare this one with")  # fmt: skip
                earlier_warnings = self.db["crawl_runs"].get(self.run)["warnings"]
                warnings = "\n".join(filter(None, [earlier_warnings, note]))
                catalog.finish_run(self.db, self.run, {"warnings": warnings})
            return
        fetched = self.fetched or self.started
        history.mark_missing(self.db, spider.name, self.run, local(fetched).date().isoformat(),
                             self.missing_after, utc_stamp(fetched))  # fmt: skip
