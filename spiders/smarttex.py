"""SmartTex-Netzwerk, Weimar: Joomla (likely, from its URL scheme) with DPCalendar (a guess
[G]); list items and event views carry schema.org microdata, which the chain reads first."""

from netzwerktimer_crawl.spider import NetworkSpider


class SmarttexSpider(NetworkSpider):
    name = "smarttex"
    # The list shows a day per event; the event view has its times and place.
    follow_details = True
