"""Every failure is recorded with its reason: a page given up on names its URL and its cause
in the run's warnings, as does a page the spider's code failed on."""

from __future__ import annotations

import json
import sqlite3

from conftest import SnapshotCopy, scrapy_crawl

from netzwerktimer_crawl.replay import ReplayServer

THEEN_2 = "https://www.theen-ev.de/de/veranstaltungen.html?page_e12=2"
API_2 = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50&page=2"


def warnings_of(tmp_path, spider: str, sites: SnapshotCopy | None = None) -> str:
    db = tmp_path / "netzwerktimer.db"
    with ReplayServer(*([sites.folder] if sites else [])) as site:
        scrapy_crawl(spider, db, site.address)
    ((warnings,),) = sqlite3.connect(db).execute("select warnings from crawl_runs").fetchall()
    return warnings or ""


def test_a_page_that_answers_an_error_is_named_with_its_status(tmp_path):
    # The snapshots' ThEEN answers 500 on its second page, three times.
    assert f"{THEEN_2}: HTTP 500, given up after 3 tries" in warnings_of(tmp_path, "theen")


def test_a_page_that_cannot_be_downloaded_is_named_with_the_cause(tmp_path):
    sites = SnapshotCopy(tmp_path / "snapshots")
    sites.fail(API_2)  # the connection drops without an answer
    warnings = warnings_of(tmp_path, "optonet", sites)
    assert f"{API_2}: connection lost, given up after 3 tries" in warnings


BROKEN = """
from netzwerktimer_crawl.spiders.optonet import OptonetSpider


class BrokenOptonet(OptonetSpider):
    def parse_api(self, response):
        raise RuntimeError("a bug in the spider")
"""


def test_a_page_the_spider_fails_on_is_named_with_the_error(tmp_path):
    spider = tmp_path / "broken.py"
    spider.write_text(BROKEN)
    db = tmp_path / "netzwerktimer.db"
    with ReplayServer() as site:
        done = scrapy_crawl(str(spider), db, site.address, command="runspider")
    assert done.returncode == 1  # flagged: its callback raised
    ((warnings,),) = sqlite3.connect(db).execute("select warnings from crawl_runs").fetchall()
    api = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50"
    assert f"{api}: the spider failed on it: RuntimeError: a bug in the spider" in warnings


def test_a_next_page_link_that_is_not_a_string_ends_the_paging(tmp_path):
    sites = SnapshotCopy(tmp_path / "snapshots")
    page = sites.folder / "optonet" / "events-api-2.json"
    data = json.loads(page.read_text())
    data["next_rest_url"] = {"href": "?page=3"}
    page.write_text(json.dumps(data))
    warnings = warnings_of(tmp_path, "optonet", sites)
    assert "the spider failed on it" not in warnings, warnings
