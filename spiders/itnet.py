"""ITnet Thüringen e.V., Erfurt: a custom CMS [P] with a hand-written events list (a guess
[G]): year-less dates in bold before each title, under year headings."""

from netzwerktimer_crawl.spider import NetworkSpider


class ItnetSpider(NetworkSpider):
    name = "itnet"
    # The list names a day per event; its own page has the time and the place.
    follow_details = True
