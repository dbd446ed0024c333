"""Downloader and spider middlewares: what really crossed the network, outages the HTTP
cache covers, Retry-After, and a reason in the run's warnings for every page that failed."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

from .berlin import http_date

logger = logging.getLogger(__name__)


class TransferStats:
    """Bytes received and 304 answers, counted below the HTTP cache (which otherwise hands the
    cached copy of a 304 page on as if it had been downloaded again)."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TransferStats:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        self.stats.inc_value("netzwerktimer/bytes_downloaded", len(response.body))
        if response.status == 304:
            self.stats.inc_value("netzwerktimer/not_modified")
        return response


class ServerClock:
    """A page's HTTP Date is its fetch time, from which the crawl infers missing years. A
    Date after its receipt is a broken server clock (year 9999 has been seen): the time of
    receipt replaces it, and the run's warnings say so."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ServerClock:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        sent = response.headers.get(b"Date")
        received = datetime.now(UTC)
        stated = http_date(sent)
        if stated is not None and stated <= received + timedelta(days=1):
            return response
        if sent:
            stated_text = sent.decode("latin-1")
            _problem(self.crawler, f"{response.url}: its Date header ({stated_text}) is not a "
                     "time it could have been sent; the time of receipt is used")  # fmt: skip
        response.headers[b"Date"] = format_datetime(received, usegmt=True)
        return response


class HttpCache(HttpCacheMiddleware):
    """Scrapy's HTTP cache, placed above the retries (settings.DOWNLOADER_MIDDLEWARES), so it
    answers for a site only once the retries have given up. When it answers a 5xx, a
    timeout or a reset with the page of the last run, that copy is evidence that the events
    still exist, but the outage is an HTTP error of the run and named in its warnings."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        answer = super().process_response(request, response)
        if response.status >= 500 and answer is not response and "cached" in answer.flags:
            self._outage(request, f"HTTP {response.status}")
        return answer

    def process_exception(self, request: Request, exception: Exception) -> Response | None:
        answer = super().process_exception(request, exception)
        if answer is not None:
            self._outage(request, cause(exception))
        return answer

    def _outage(self, request: Request, cause: str) -> None:
        self.stats.inc_value("netzwerktimer/outages")
        _problem(
            self.crawler, f"{request.url} failed ({cause}); its copy from the last run was used"
        )


_CAUSES = {
    "DownloadTimeoutError": "timed out",
    "TimeoutError": "timed out",
    "TCPTimedOutError": "timed out",
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "CannotResolveHostError": "host not found",
    "DNSLookupError": "host not found",
    "ConnectionDone": "connection lost",
    "ConnectionLost": "connection lost",
    "ConnectionResetError": "connection lost",
    "ResponseDataLossError": "connection lost",
}


def cause(exception: BaseException) -> str:
    """A download failure in words. Scrapy and Twisted wrap the cause (`__cause__`, a
    failure's `reasons`): the innermost known one names it."""
    chain, seen = [exception], exception
    while seen is not None and len(chain) < 10:
        reasons = getattr(seen, "reasons", None)
        seen = seen.__cause__ or (reasons[0].value if reasons else None)
        chain.append(seen)
    for failure in reversed([link for link in chain if link is not None]):
        if type(failure).__name__ in _CAUSES:
            return _CAUSES[type(failure).__name__]
    return str(exception) or type(exception).__name__


def retry_after(response: Response, now: datetime) -> float | None:
    """The seconds a 429 or 503 answer asks to wait (RFC 9110 10.2.3: seconds or an HTTP
    date), counted from the answer's Date; None without a readable header."""
    value = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
    if value.isdigit():
        return float(value)
    try:
        until = parsedate_to_datetime(value)
        sent = response.headers.get(b"Date")
        sent_at = parsedate_to_datetime(sent.decode("latin-1")) if sent else now
        return max(0.0, (until - sent_at).total_seconds())
    except (TypeError, ValueError, OverflowError):
        return None


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, which wait as long as a 429 or 503 answer's Retry-After asks. A site
    that asks for more than NETZWERKTIMER_RETRY_AFTER_MAX seconds is not retried in this
    run, and says so."""

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.longest = settings.getfloat("NETZWERKTIMER_RETRY_AFTER_MAX", 120)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        wait = None
        if response.status in (429, 503) and not request.meta.get("dont_retry"):
            wait = retry_after(response, datetime.now(UTC))
        if wait is not None and wait > self.longest:
            message = f"{request.url} answered {response.status} and asks to wait {wait:.0f} s"
            _problem(self.crawler, message + "; not retried in this run")
            self.crawler.stats.inc_value("retry/max_reached")  # a page given up on
            return response
        if wait:
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return super().process_response(request, response)

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is None and isinstance(reason, Exception):  # an HTTP status: see PageFailures
            tries = request.meta.get("retry_times", 0) + 1
            _problem(self.crawler, f"{request.url}: {cause(reason)}, given up after {tries} tries")
        return retry


class PageFailures:
    """Spider middleware: a page that answered an HTTP error (and has no errback of its own
    to say so) or whose callback raised is named in the run's warnings, with the cause;
    Scrapy itself only counts them."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageFailures:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        if isinstance(exception, HttpError):
            tries = response.request.meta.get("retry_times", 0) + 1 if response.request else 1
            after = f", given up after {tries} tries" if tries > 1 else ""
            _problem(self.crawler, f"{response.url}: HTTP {response.status}{after}")
        else:
            _problem(self.crawler, f"{response.url}: the spider failed on it: "
                                   f"{type(exception).__name__}: {exception}")  # fmt: skip


def _problem(crawler: Crawler, message: str) -> None:
    """Into the run's warnings (NetworkSpider.problem), or the log for another spider."""
    getattr(crawler.spider, "problem", logger.warning)(message)
