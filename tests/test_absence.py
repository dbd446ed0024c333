"""Absence needs a baseline: an event is marked missing only after healthy runs that could be
compared with at least two earlier ones, and a cancelled event that leaves the page stays
cancelled."""

from __future__ import annotations

import json
import sqlite3

from conftest import SnapshotCopy, scrapy_crawl

from netzwerktimer_crawl.replay import ReplayServer


def statuses(db) -> dict[str, str | None]:
    return dict(sqlite3.connect(db).execute("select title, status from events"))


def test_a_young_catalog_marks_nothing_missing_and_cancelled_stays_cancelled(tmp_path):
    full = SnapshotCopy(tmp_path / "full")
    truncated = SnapshotCopy(tmp_path / "truncated")  # page 1 no longer links page 2
    page = truncated.folder / "optonet" / "events-api-1.json"
    data = json.loads(page.read_text())
    data["next_rest_url"] = None
    page.write_text(json.dumps(data))
    db = tmp_path / "netzwerktimer.db"

    def run(sites: SnapshotCopy) -> dict[str, str | None]:
        with ReplayServer(sites.folder) as site:
            assert scrapy_crawl("optonet", db, site.address).returncode == 0
        return statuses(db)

    first = run(full)
    assert first["Abgesagt: OptoNet-Jahresempfang 2027"] == "cancelled"
    laser = "Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung"
    assert run(truncated) == first  # one earlier run: no baseline, nothing missing
    assert run(full) == first
    assert run(truncated) == first  # compared with two runs: absent once
    last = run(truncated)  # absent from two healthy runs with a baseline
    assert last[laser] == "missing"
    assert last["Abgesagt: OptoNet-Jahresempfang 2027"] == "cancelled"
