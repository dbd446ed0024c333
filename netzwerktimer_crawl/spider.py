"""The base of every network's spider. A subclass describes its site; this does the rest."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from . import discovery, registry
from .berlin import local
from .dates import parse_when
from .extract import Extraction, extract
from .extract.listing import Listing
from .items import Event

# Paging stops once a whole page lies outside this window around the fetch date.
PAST_HORIZON = timedelta(days=365)
FUTURE_HORIZON = timedelta(days=2 * 365)


class NetworkSpider(scrapy.Spider):
    """Crawls one partner network's events. `name` is the network's registry slug.

    Without a subclass (see registry_spiders) it starts at the registry's events page or
    website, reads it with the extraction chain, and where that finds nothing follows the
    feeds, CMS API and menu entry the page names. A subclass adds hints, only where its
    site needs them:
    - `tribe_api`: The Events Calendar REST endpoint, tried before the HTML;
    - `feed`: an iCalendar feed (Events Manager /events.ics, TEC ?ical=1), tried first the
      same way when the site has no such API;
    - `follow_details`: the list lacks what each event's own page has (its times, its
      place): each listed event's page on the network's own domain is fetched too, and the
      copies are merged (structured data wins);
    - `start_pages`: further list pages besides the registry's events_url, for sites that
      split their events over several pages (by kind, or an archive);
    - `listing` / `detail`: CSS selectors of a template the generic steps cannot read.
    """

    tribe_api: str | None = None
    feed: str | None = None
    follow_details: bool = False
    listing: Listing | None = None
    detail: Listing | None = None
    start_pages: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.network = registry.get(self.name)
        self.allowed_domains = list(self.network.domains)
        # What could not be read; the store writes it into the run's crawl_runs row.
        self.problems: list[str] = []
        self.seen: set[tuple] = set()

    def problem(self, message: str) -> None:
        self.logger.warning(message)
        self.problems.append(message)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if api := self.tribe_api or self.feed:
            yield scrapy.Request(api, callback=self.parse_api, errback=self.api_failed)
        else:
            yield self.events_page()
        for url in self.start_pages:
            yield scrapy.Request(url, callback=self.parse)

    def events_page(self) -> scrapy.Request:
        """The registry's events page, or without one the home page, where the events
        page, a feed or the CMS's API are looked for."""
        url = self.network.events_url or self.network.website
        return scrapy.Request(url, callback=self.parse, errback=self.events_page_failed)

    def events_page_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """A moved events page is looked for in the sitemap and the home page's menu."""
        status = failure.value.response.status if failure.check(HttpError) else None
        if failure.check(HttpError):
            self.crawler.stats.inc_value("netzwerktimer/http_errors_handled")
        if status not in (404, 410):
            self.problem(f"events page failed: {failure.getErrorMessage()}")
            return
        self.problem(f"events page {self.network.events_url} answers {status}; looking for it")
        website = self.network.website or self.network.events_url
        yield scrapy.Request(urljoin(website, "/sitemap.xml"), callback=self.discover)
        yield scrapy.Request(website, callback=self.discover)

    def discover(self, response: Response) -> Iterator[scrapy.Request]:
        """The sitemap's events page, or the home page's feeds, APIs and menu entry."""
        if not response.url.endswith(".xml"):
            yield from self.look_further(response)
        elif found := discovery.events_page(response, self.network.domains):
            self.problem(f"events page found at {found} (via {response.url}); update the registry")
            yield scrapy.Request(found, callback=self.parse, cb_kwargs={"discovered": True})

    def api_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        reason = failure.getErrorMessage()
        if failure.check(HttpError):
            self.crawler.stats.inc_value("netzwerktimer/http_errors_handled")
            reason = f"HTTP {failure.value.response.status}"
        self.problem(f"events API failed ({reason}); reading the HTML list")
        yield self.events_page()

    def parse_api(self, response: Response) -> Iterator[Any]:
        result = extract(response, self.name)
        for event in result.events:
            if not event.url:
                # A feed is no page for people: link an event without a page of its own to
                # the events page (its id then comes from network, day and title).
                event.source_url = self.network.events_url
        if not result.events:
            self.problem(f"events API gave no events at {response.url}; reading the HTML list")
            yield self.events_page()
            return
        yield from self._emit(response, result, self.parse_api)

    def parse(self, response: Response, discovered: bool = False) -> Iterator[Any]:
        result = extract(response, self.name, self.listing)
        yield from self._emit(response, result, self.parse)
        if not result.events and not discovered:
            yield from self.look_further(response)

    def look_further(self, response: Response) -> Iterator[scrapy.Request]:
        """No events on the page: follow the calendar feeds and CMS APIs it announces and
        the events page its menu names; each is tried once and goes no further."""
        domains = self.network.domains
        for url in [*discovery.feeds(response, domains)[:2], *discovery.tec_apis(response)]:
            self.problem(f"no events on {response.url}; trying {url}")
            yield scrapy.Request(url, callback=self.parse_found, errback=self.found_failed)
        if page := discovery.events_page(response, domains):
            self.problem(
                f"no events on {response.url}; its menu names {page}: trying it"
                " (if it lists them, make it the registry's events_url)"
            )
            yield scrapy.Request(page, callback=self.parse, cb_kwargs={"discovered": True})

    def parse_found(self, response: Response) -> Iterator[Any]:
        """A feed or API found on the site: its events, and nothing further."""
        yield from self._emit(response, extract(response, self.name), self.parse_found)

    def found_failed(self, failure: Failure) -> None:
        # A probe for an API the site may not have: a 404 is an answer, not an outage.
        if failure.check(HttpError):
            self.crawler.stats.inc_value("netzwerktimer/http_errors_handled")
        self.problem(f"not there: {failure.request.url} ({failure.getErrorMessage()})")

    def _emit(self, response: Response, result: Extraction, callback) -> Iterator[Any]:
        for message in result.problems:
            self.problem(f"{response.url}: {message}")
        if not result.events:
            self.problem(f"no events found on {response.url}")
        new = [e for e in result.events if self._is_new(e)]
        yield from result.events
        if self.follow_details or self.detail:
            for event in new:
                if event.url and event.url != response.url and self._own(event.url):
                    yield response.follow(event.url, callback=self.parse_detail,
                                          cb_kwargs={"listing": response.url})  # fmt: skip
        # Page on while pages add events and stay inside the date horizon; a changed
        # template or an endless archive must not loop.
        if new and result.next_url and not all(self._beyond_horizon(e) for e in new):
            yield response.follow(result.next_url, callback=callback)

    def parse_detail(self, response: Response, listing: str) -> Iterator[Event]:
        result = extract(response, self.name, self.detail)
        for message in result.problems:
            self.problem(f"{response.url}: {message}")
        for event in result.events:
            # The page is the event's own: keep its address as the event's, and the list as
            # where it was found, so both copies get the same id.
            event.url = event.url or response.url
            event.source_url = listing
            yield event

    def _own(self, url: str) -> bool:
        return registry.for_url(url) is self.network

    def _is_new(self, event: Event) -> bool:
        key = (event.url, event.title, event.when, str(event.start))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _beyond_horizon(self, event: Event) -> bool:
        if event.fetched is None:
            return False
        today = local(event.fetched).date()
        start = event.start
        if start is None and event.when:
            when = parse_when(event.when, reference=event.reference or today)
            start = when.start if when else None
        if start is None:
            return False
        day = start.date() if isinstance(start, datetime) else start
        return not (today - PAST_HORIZON <= day <= today + FUTURE_HORIZON)
