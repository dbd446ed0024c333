"""`scrapy crawl SPIDER`, exiting non-zero when the run is unhealthy.

The store stage locks, copies and publishes the catalog as `netzwerktimer crawl` does
(refresh.py); this command adds what Scrapy's own leaves out: a run that health.py or
Spidermon flags, or that stored nothing, fails the command, so cron and job servers see it.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from .. import logs


class Command(ScrapyCrawl):
    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if self.settings.get("LOG_LEVEL") != "DEBUG":
            logs.quiet()
        super().run(args, opts)
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        flags = stats.get("netzwerktimer/flags")
        if flags is None or flags:
            self.exitcode = 1
            reason = "; ".join(flags) if flags else "the run was not recorded"
            print(f"{args[0]}: FAILED: {reason}")
