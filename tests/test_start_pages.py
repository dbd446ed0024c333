"""A site that splits its events over several list pages names them in `start_pages`."""

import asyncio

from netzwerktimer_crawl.spider import NetworkSpider

EVENTS_URL = "https://www.theen-ev.de/de/veranstaltungen.html"
ARCHIVE = "https://www.theen-ev.de/de/veranstaltungsarchiv.html"


class SplitSite(NetworkSpider):
    name = "theen"
    start_pages = (ARCHIVE,)


async def requests(spider: NetworkSpider) -> list:
    return [request async for request in spider.start()]


def test_start_pages_are_read_besides_the_events_page():
    found = asyncio.run(requests(SplitSite()))
    assert [(r.url, r.callback.__name__) for r in found] == [
        (EVENTS_URL, "parse"),
        (ARCHIVE, "parse"),
    ]


def test_without_start_pages_only_the_events_page_is_read():
    class OnePage(NetworkSpider):
        name = "theen"

    assert [r.url for r in asyncio.run(requests(OnePage()))] == [EVENTS_URL]
