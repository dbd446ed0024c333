"""An outage shows even when the HTTP cache covers it: a site that answers 503 or drops the
connection on a page the last run saw is an HTTP error of the run, named in its warnings,
and flags the spider; the cached copy keeps its events from being marked missing."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import SnapshotCopy, rehearse

from netzwerktimer_crawl.replay import SNAPSHOTS

API_2 = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50&page=2"


def last_run(db, spider: str) -> dict:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return dict(connection.execute(
        "select * from crawl_runs where spider = ? order by id desc limit 1", [spider]
    ).fetchone())  # fmt: skip


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A catalog whose first crawl filled the HTTP cache beside it."""
    root = tmp_path_factory.mktemp("outages")
    db = root / "netzwerktimer.db"
    done = rehearse(db, SNAPSHOTS, "optonet")
    assert last_run(db, "optonet")["healthy"] == 1, done.stdout + done.stderr
    return root, db


@pytest.mark.parametrize("outage", ["503", "reset"])
def test_an_outage_answered_from_the_cache_flags_the_spider(cached, tmp_path, outage):
    root, db = cached
    work = tmp_path / "netzwerktimer.db"
    work.write_bytes(db.read_bytes())
    shutil.copytree(root / "httpcache", tmp_path / "httpcache")
    sites = SnapshotCopy(tmp_path / "snapshots")
    sites.fail(API_2, 503) if outage == "503" else sites.fail(API_2)
    before = sqlite3.connect(work).execute("select count(*) from events").fetchone()[0]

    done = rehearse(work, sites.folder, "optonet")

    run = last_run(work, "optonet")
    assert done.returncode == 1, done.stdout
    assert run["healthy"] == 0
    assert run["http_errors"] >= 1
    cause = "HTTP 503" if outage == "503" else "connection lost"
    assert f"{API_2} failed ({cause}" in run["warnings"], run["warnings"]
    assert "its copy from the last run was used" in run["warnings"]
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("optonet ")]
    assert "FAILED" in row
    # The cached copy is evidence that page 2's events still exist: none is missing.
    events = sqlite3.connect(work).execute(
        "select count(*), sum(status = 'missing') from events").fetchone()  # fmt: skip
    assert events == (before, 0)
