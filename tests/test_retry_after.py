"""A site that answers 429 or 503 with Retry-After is retried only after the wait it asks
for; one that asks for longer than NETZWERKTIMER_RETRY_AFTER_MAX is given up on in this run,
and the run says why."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from conftest import SnapshotCopy, scrapy_crawl
from scrapy.http import Response

from netzwerktimer_crawl.middlewares import retry_after
from netzwerktimer_crawl.replay import ReplayServer

API_2 = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50&page=2"
NOW = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


def answer(**headers: str) -> Response:
    return Response("https://example.org/", status=503, headers=headers)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "120"}, 120),
        ({"Retry-After": " 0 "}, 0),
        # An HTTP date counts from the answer's own Date, not from this machine's clock.
        ({"Retry-After": "Mon, 16 Nov 2026 08:01:30 GMT",
          "Date": "Mon, 16 Nov 2026 08:00:00 GMT"}, 90),
        ({"Retry-After": "Mon, 16 Nov 2026 08:00:30 GMT"}, 30),
        ({"Retry-After": "Sun, 15 Nov 2026 08:00:00 GMT"}, 0),  # already past
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "-5"}, None),
        ({}, None),
    ],
)  # fmt: skip
def test_retry_after_is_read_as_seconds_or_a_date(headers, seconds):
    assert retry_after(answer(**headers), NOW) == seconds


def test_a_date_in_year_9999_is_a_very_long_wait_not_an_error():
    assert retry_after(answer(**{"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}), NOW) > 2.5e11


def failing(tmp_path, seconds: str) -> SnapshotCopy:
    sites = SnapshotCopy(tmp_path / "snapshots")
    sites.fail(API_2, 503, Retry_After=seconds)
    return sites


def test_the_retries_wait_as_long_as_the_site_asks(tmp_path):
    sites = failing(tmp_path, "2")
    with ReplayServer(sites.folder) as site:
        done = scrapy_crawl("optonet", tmp_path / "n.db", site.address)
        asked = [at for at, url in site.answered if url == API_2]
    assert len(asked) == 3, done.stderr[-3000:]  # the first try and RETRY_TIMES = 2 retries
    gaps = [later - earlier for earlier, later in zip(asked, asked[1:], strict=False)]
    assert min(gaps) >= 2, gaps
    assert done.returncode == 1  # and then the page was given up on


def test_a_site_that_asks_for_too_long_is_not_retried_in_this_run(tmp_path):
    sites = failing(tmp_path, "3600")
    db = tmp_path / "n.db"
    with ReplayServer(sites.folder) as site:
        done = scrapy_crawl("optonet", db, site.address)
        asked = [url for _, url in site.answered if url == API_2]
    assert len(asked) == 1
    assert done.returncode == 1
    (warnings, errors) = sqlite3.connect(db).execute(
        "select warnings, errors from crawl_runs").fetchone()  # fmt: skip
    assert f"{API_2} answered 503 and asks to wait 3600 s; not retried in this run" in warnings
    assert errors == 1
