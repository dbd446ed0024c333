"""ThEEN e.V., Erfurt: Contao (likely, from its URL scheme) with the core event list."""

from netzwerktimer_crawl.extract.listing import CONTAO_LIST
from netzwerktimer_crawl.spider import NetworkSpider


class TheenSpider(NetworkSpider):
    name = "theen"
    listing = CONTAO_LIST
