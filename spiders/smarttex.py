"""SmartTex-Netzwerk, Weimar: Joomla (likely, from its URL scheme) with DPCalendar (a guess
[G]); list items and event views carry schema.org microdata, which the chain reads first."""

from netzwerktimer_crawl.extract.listing import DPCALENDAR_EVENT, DPCALENDAR_LIST
from netzwerktimer_crawl.spider import NetworkSpider


class SmarttexSpider(NetworkSpider):
    name = "smarttex"
    listing = DPCALENDAR_LIST
    detail = DPCALENDAR_EVENT
