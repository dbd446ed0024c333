"""Scrapy commands of the project (COMMANDS_MODULE): `scrapy crawl` and `scrapy runspider` as
the operator needs them.

The store stage locks, copies and publishes the catalog as `netzwerktimer crawl` does
(refresh.py); these commands add what Scrapy's own leave out: a run that health.py or
Spidermon flags, or that stored nothing, fails the command, so cron and job servers see it.
"""

from __future__ import annotations

import argparse

from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from .. import logs


class JudgedRun:
    """Mixed into a Scrapy command that runs one spider."""

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
            print(f"{self.crawler.spidercls.name}: FAILED: {reason}")
