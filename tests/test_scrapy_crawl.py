"""`scrapy crawl X` behaves like `netzwerktimer crawl`: it writes under the catalog's lock
into a copy, publishes it whole, and exits non-zero when the run is unhealthy."""

from __future__ import annotations

import pytest
from conftest import scrapy_crawl
from sqlite_utils import Database

from netzwerktimer_crawl import refresh
from netzwerktimer_crawl.replay import ReplayServer


@pytest.fixture(scope="module")
def site():
    with ReplayServer() as server:
        yield server.address


def test_a_healthy_run_is_published_and_exits_zero(tmp_path, site):
    db = tmp_path / "netzwerktimer.db"
    done = scrapy_crawl("optonet", db, site)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert Database(db)["events"].count == 5
    assert not (tmp_path / "netzwerktimer.db.new").exists()
    (run,) = Database(db)["crawl_runs"].rows
    assert (run["spider"], run["healthy"]) == ("optonet", 1)


def test_an_unhealthy_run_is_published_and_exits_non_zero(tmp_path, site):
    db = tmp_path / "netzwerktimer.db"
    done = scrapy_crawl("theen", db, site)  # its second page answers 500
    assert done.returncode == 1
    assert "theen: FAILED:" in done.stdout
    assert Database(db)["events"].count == 4  # what it did read is kept


def test_it_takes_the_catalogs_lock(tmp_path, site):
    db = tmp_path / "netzwerktimer.db"
    with refresh.lock(db):
        done = scrapy_crawl("optonet", db, site)
    assert done.returncode == 1
    assert f"another crawl is writing {db}" in done.stdout + done.stderr
    assert not db.exists()
