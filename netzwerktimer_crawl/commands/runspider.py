"""`scrapy runspider FILE`, exiting non-zero when the run is unhealthy (see the package)."""

from scrapy.commands.runspider import Command as ScrapyRunSpider

from . import JudgedRun


class Command(JudgedRun, ScrapyRunSpider):
    pass
