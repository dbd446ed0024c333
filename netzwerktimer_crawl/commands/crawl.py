"""`scrapy crawl SPIDER`, exiting non-zero when the run is unhealthy (see the package)."""

from scrapy.commands.crawl import Command as ScrapyCrawl

from . import JudgedRun


class Command(JudgedRun, ScrapyCrawl):
    pass
