"""Cross-Cluster-Initiative Thüringen (CCIT), Erfurt: its iCalendar feed first, the events
list second [G: the CMS is unknown; modeled as WordPress with Events Manager, whose
/events.ics the events page links as text/calendar]."""

from netzwerktimer_crawl.spider import NetworkSpider


class CcitSpider(NetworkSpider):
    name = "ccit"
    feed = "https://www.cci-thueringen.de/events.ics"
