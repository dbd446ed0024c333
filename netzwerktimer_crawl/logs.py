"""What a crawl logs: its progress, the pages it could not read, and its summary.

Scrapy's own INFO lines (each crawler's settings, middleware lists, stats dumps) and
Spidermon's per-monitor banners repeat for every spider, and would bury the lines an
operator needs under a thousand others; the run's figures are in crawl_runs anyway.
Warnings and errors still come through.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import logformatter
from scrapy.crawler import Crawler

CHATTY = (
    "scrapy.addons",
    "scrapy.core.engine",
    "scrapy.crawler",
    "scrapy.extensions.logstats",
    "scrapy.extensions.telnet",
    "scrapy.middleware",
    "scrapy.statscollectors",
    "scrapy.utils.log",
)


def quiet() -> None:
    """Quiet Scrapy's chatty loggers for this process (before its crawlers log anything)."""
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)


class QuietLogs:
    """An extension: quiets Scrapy's chatty loggers and the spider's own INFO lines,
    where Spidermon prints its banners, unless LOG_LEVEL asks for DEBUG."""

    def __init__(self, crawler: Crawler):
        if crawler.settings.get("LOG_LEVEL") == "DEBUG":
            return
        for name in (*CHATTY, crawler.spidercls.name):
            logging.getLogger(name).setLevel(logging.WARNING)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietLogs:
        return cls(crawler)


class LogFormatter(logformatter.LogFormatter):
    """A rejected event is one line with its reason and title (rejected_items keeps the
    whole item), not a dump of the item."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict:
        level = getattr(exception, "log_level", None) or logging.INFO
        return {
            "level": logging.getLevelName(level) if isinstance(level, str) else level,
            "msg": "rejected %(title)r: %(exception)s",
            "args": {"title": getattr(item, "title", None), "exception": exception},
        }
