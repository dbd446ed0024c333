"""`scrapy crawl X` behaves like `netzwerktimer crawl`: it writes under the catalog's lock
into a copy, publishes it whole, and exits non-zero when the run is unhealthy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from netzwerktimer_crawl import refresh
from netzwerktimer_crawl.replay import ReplayServer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site():
    with ReplayServer() as server:
        yield server.address


def scrapy_crawl(spider: str, db: Path, site: str) -> subprocess.CompletedProcess:
    handler = "netzwerktimer_crawl.replay.ReplayDownloadHandler"
    settings = {
        "NETZWERKTIMER_DB": str(db),
        "NETZWERKTIMER_REPLAY": site,
        "DOWNLOAD_HANDLERS": json.dumps({"http": handler, "https": handler}),
        "HTTPCACHE_ENABLED": "False",
        "AUTOTHROTTLE_ENABLED": "False",
    }
    flags = [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]
    return subprocess.run([sys.executable, "-m", "scrapy", "crawl", spider, *flags],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip


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
