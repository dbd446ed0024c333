"""SolarInput e.V., Erfurt: WordPress (likely, from its permalinks) with the Events Manager
list [G: the plugin is a guess; the live site was not checked]."""

from netzwerktimer_crawl.extract.listing import EM_LIST
from netzwerktimer_crawl.spider import NetworkSpider


class SolarinputSpider(NetworkSpider):
    name = "solarinput"
    listing = EM_LIST
