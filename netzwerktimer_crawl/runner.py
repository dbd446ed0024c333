"""Runs spiders in one Scrapy process and reports how each one did."""

from __future__ import annotations

import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlite_utils import Database

from . import logs, registry
from .db import open_db, set_today
from .refresh import writing


@dataclass
class SpiderResult:
    spider: str
    items_stored: int = 0
    items_rejected: int = 0
    errors: int = 0
    http_errors: int = 0
    seconds: float = 0.0
    finish_reason: str | None = None
    warnings: str | None = None
    crashed: str | None = None
    flags: str | None = None  # why health.py or Spidermon judged the run unhealthy
    recorded: bool = False

    @property
    def failed(self) -> bool:
        """A spider that crashed, was not recorded, or whose run is flagged (it stopped
        early, stored nothing, stored far less than usual …) needs an operator."""
        return bool(self.crashed) or not self.recorded or bool(self.flags)

    @property
    def why(self) -> str:
        if self.crashed:
            return f"crashed: {self.crashed}"
        if not self.recorded:
            return "no run recorded"
        return "; ".join((self.flags or "").splitlines())


def project_settings(db: Path, overrides: dict | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("netzwerktimer_crawl.settings", priority="project")
    settings.set("NETZWERKTIMER_DB", str(db), priority="cmdline")
    settings.set("HTTPCACHE_DIR", str(Path(db).resolve().parent / "httpcache"), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def enabled_spiders() -> list[str]:
    return [n.slug for n in registry.networks().values() if n.enabled]


def crawl(
    spiders: list[str], db: Path, overrides: dict | None = None, read_from: Path | None = None
) -> list[SpiderResult]:
    """Run the spiders side by side; one failing never stops the others. Their runs are
    read from `read_from` (the working copy, before it is published), else from `db`."""
    settings = project_settings(db, overrides)
    if settings.get("LOG_LEVEL") != "DEBUG":
        logs.quiet()
    if sys.stderr.isatty():
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")  # the progress table instead
    process = CrawlerProcess(settings)
    results = {name: SpiderResult(name) for name in spiders}
    crawlers = {}
    for name in spiders:
        crawler = process.create_crawler(name)
        crawlers[name] = crawler
        deferred = process.crawl(crawler)
        deferred.addErrback(lambda failure, n=name: _crashed(results[n], failure))
    process.start()
    with closing(Database(read_from or db)) as catalog:
        for name, crawler in crawlers.items():
            run = crawler.stats.get_value("netzwerktimer/run") if crawler.stats else None
            if run is not None:
                _read_run(results[name], catalog["crawl_runs"].get(run))
    return list(results.values())


def refresh(
    spiders: list[str], db: Path, overrides: dict | None = None, today: date | None = None
) -> list[SpiderResult]:
    """Crawl into a copy of the catalog under its lock, then publish the copy into the
    served file (refresh.py): once, for all spiders, whichever of them failed.

    `today` pins the catalog's "today" (the demo's capture date); None means the real date.
    """
    with writing(db) as held:
        results = crawl(spiders, db, overrides, read_from=held.copy)
        with closing(open_db(held.copy)) as catalog:
            set_today(catalog, today)
    return results


def _crashed(result: SpiderResult, failure) -> None:
    result.crashed = failure.getErrorMessage()


def _read_run(result: SpiderResult, row: dict) -> None:
    from datetime import datetime

    for key in (
        "items_stored",
        "items_rejected",
        "errors",
        "http_errors",
        "finish_reason",
        "warnings",
        "flags",
    ):
        setattr(result, key, row[key])
    result.recorded = row["healthy"] is not None
    started = datetime.fromisoformat(row["started"])
    result.seconds = (datetime.fromisoformat(row["finished"]) - started).total_seconds()


def summary_table(results: list[SpiderResult]) -> str:
    lines = [
        f"{'spider':<16}{'stored':>8}{'rejected':>10}{'errors':>8}{'http err':>10}"
        f"{'seconds':>9}  status"
    ]
    for r in results:
        status = f"FAILED: {r.why}" if r.failed else "ok"
        lines.append(
            f"{r.spider:<16}{r.items_stored:>8}{r.items_rejected:>10}{r.errors:>8}"
            f"{r.http_errors:>10}{r.seconds:>9.1f}  {status}"
        )
    return "\n".join(lines)
