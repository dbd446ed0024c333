"""A site without a JSON API but with an iCalendar feed names it in `feed`: it is read first,
and the events page is the fallback, as with `tribe_api`."""

import asyncio

from scrapy.http import Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from netzwerktimer_crawl.items import Event
from netzwerktimer_crawl.spider import NetworkSpider

FEED = "https://www.cci-thueringen.de/events.ics"
EVENTS_PAGE = "https://www.cci-thueringen.de/veranstaltungen/"
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:1@x\r\nDTSTART;VALUE=DATE:20261202\r\nSUMMARY:Ohne eigene Seite\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:2@x\r\nDTSTART;VALUE=DATE:20261203\r\nSUMMARY:Mit Seite\r\n"
    "URL:https://www.cci-thueringen.de/veranstaltungen/mit-seite/\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


class FeedSite(NetworkSpider):
    name = "ccit"
    feed = FEED


def response(body: str, status: int = 200) -> TextResponse:
    headers = {"Content-Type": "text/calendar; charset=utf-8",
               "Date": "Mon, 16 Nov 2026 08:00:00 GMT"}  # fmt: skip
    return TextResponse(FEED, status=status, headers=headers, body=body.encode(),
                        request=Request(FEED))  # fmt: skip


async def requests(spider: NetworkSpider) -> list:
    return [request async for request in spider.start()]


def test_the_feed_is_read_first():
    (request,) = asyncio.run(requests(FeedSite()))
    assert (request.url, request.callback.__name__) == (FEED, "parse_api")
    assert request.errback.__name__ == "api_failed"


def test_a_failing_feed_falls_back_to_the_events_page():
    spider = FeedSite.from_crawler(get_crawler(FeedSite))
    (request,) = spider.api_failed(Failure(HttpError(response("", status=404))))
    assert request.url == EVENTS_PAGE
    assert spider.problems == ["events API failed (HTTP 404); reading the HTML list"]


def test_feed_events_without_a_page_link_to_the_events_page():
    events = [e for e in FeedSite().parse_api(response(ICS)) if isinstance(e, Event)]
    assert [(e.title, e.url, e.source_url) for e in events] == [
        ("Ohne eigene Seite", None, EVENTS_PAGE),
        ("Mit Seite", "https://www.cci-thueringen.de/veranstaltungen/mit-seite/", FEED),
    ]
