"""The base of every network's spider. A subclass describes its site; this does the rest."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from . import registry
from .extract import extract
from .extract.listing import Listing


class NetworkSpider(scrapy.Spider):
    """Crawls one partner network's events page. `name` is the network's registry slug.

    Subclasses set what their site offers:
    - `tribe_api`: The Events Calendar REST endpoint, tried before the HTML;
    - `listing`: the CSS selectors of the events page's list template.
    """

    tribe_api: str | None = None
    listing: Listing | None = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.network = registry.get(self.name)
        self.allowed_domains = list(self.network.domains)
        # What could not be read; the store writes it into the run's crawl_runs row.
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        self.logger.warning(message)
        self.problems.append(message)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.tribe_api:
            yield scrapy.Request(self.tribe_api, callback=self.parse_api, errback=self.api_failed)
        else:
            yield self.events_page()

    def events_page(self) -> scrapy.Request:
        return scrapy.Request(self.network.events_url, callback=self.parse)

    def api_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        reason = failure.getErrorMessage()
        if failure.check(HttpError):
            self.crawler.stats.inc_value("netzwerktimer/http_errors_handled")
            reason = f"HTTP {failure.value.response.status}"
        self.problem(f"events API failed ({reason}); reading the HTML list")
        yield self.events_page()

    def parse_api(self, response: Response) -> Iterator[Any]:
        result = extract(response, self.name)
        if not result.events:
            self.problem(f"events API gave no events at {response.url}; reading the HTML list")
            yield self.events_page()
            return
        yield from self._emit(response, result, self.parse_api)

    def parse(self, response: Response) -> Iterator[Any]:
        yield from self._emit(response, extract(response, self.name, self.listing), self.parse)

    def _emit(self, response: Response, result, callback) -> Iterator[Any]:
        for message in result.problems:
            self.problem(f"{response.url}: {message}")
        if not result.events:
            self.problem(f"no events found on {response.url}")
        yield from result.events
        # Stop paging when a page adds nothing: a changed template must not loop.
        if result.events and result.next_url:
            yield response.follow(result.next_url, callback=callback)
