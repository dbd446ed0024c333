"""Downloader middleware that counts what really crossed the network."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.http import Request, Response


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
