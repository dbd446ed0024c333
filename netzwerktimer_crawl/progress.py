"""Live progress of a crawl: pages fetched and events found per spider (each event once,
however many copies of it the pages held: the number the store will keep).

On a terminal, one line per spider redrawn in place; elsewhere (cron, systemd, CI), a plain
log line per spider every LOG_EVERY seconds and when it finishes.
"""

from __future__ import annotations

import logging
import sys
from typing import ClassVar

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.internet import task

logger = logging.getLogger("netzwerktimer.progress")
LOG_EVERY = 15.0
DRAW_EVERY = 0.5


class Progress:
    # Shared by the crawl's spiders, which run in one process and draw one table.
    board: ClassVar[dict[str, dict]] = {}
    drawn: ClassVar[int] = 0
    ticker: ClassVar[task.LoopingCall | None] = None

    def __init__(self, crawler: Crawler, terminal: bool):
        self.terminal = terminal
        self.name = crawler.spidercls.name
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.page, signal=signals.response_received)
        crawler.signals.connect(self.item, signal=signals.item_scraped)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        return cls(crawler, terminal=sys.stderr.isatty())

    def opened(self, spider: Spider) -> None:
        Progress.board[self.name] = {"pages": 0, "items": set(), "state": "running"}
        if Progress.ticker is None:
            Progress.ticker = task.LoopingCall(Progress.tick, self.terminal)
            Progress.ticker.start(DRAW_EVERY if self.terminal else LOG_EVERY, now=False)

    def page(self) -> None:
        Progress.board[self.name]["pages"] += 1

    def item(self, item: object) -> None:
        Progress.board[self.name]["items"].add(getattr(item, "id", None) or id(item))

    def closed(self, spider: Spider, reason: str) -> None:
        entry = Progress.board[self.name]
        entry["state"] = "done" if reason == "finished" else reason
        if self.terminal:
            Progress.draw()
        else:
            Progress.log(self.name, entry)
        if all(e["state"] != "running" for e in Progress.board.values()) and Progress.ticker:
            Progress.ticker.stop()
            Progress.ticker = None

    @staticmethod
    def line(name: str, entry: dict) -> str:
        events = len(entry["items"])
        return f"{name:<16}{entry['pages']:>5} pages {events:>5} events  {entry['state']}"

    @classmethod
    def log(cls, name: str, entry: dict) -> None:
        logger.info("progress %s", cls.line(name, entry))

    @classmethod
    def draw(cls) -> None:
        up = f"\x1b[{cls.drawn}F" if cls.drawn else ""
        lines = [cls.line(name, entry) for name, entry in sorted(cls.board.items())]
        sys.stderr.write(up + "".join(f"\x1b[2K{line}\n" for line in lines))
        sys.stderr.flush()
        cls.drawn = len(lines)

    @classmethod
    def tick(cls, terminal: bool) -> None:
        if terminal:
            cls.draw()
        else:
            for name, entry in sorted(cls.board.items()):
                if entry["state"] == "running":
                    cls.log(name, entry)
