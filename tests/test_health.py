"""Health flags compare a run with the spider's earlier runs."""

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl.health import flags


def runs(tmp_path, *items_and_coverage):
    db = catalog.open_db(tmp_path / "c.db")
    ids = []
    for items, place in items_and_coverage:
        run = catalog.start_run(db, "medways", "2026-11-16T08:00:00Z")
        summary = {"finished": "2026-11-16T08:01:00Z", "finish_reason": "finished",
                   "items_stored": items, "coverage_url": 1.0, "coverage_location": place,
                   "coverage_end": 0.5}  # fmt: skip
        catalog.finish_run(db, run, summary)
        ids.append(run)
    return db, ids[-1]


def test_a_usual_run_is_healthy(tmp_path):
    assert flags(*runs(tmp_path, (40, 0.9), (42, 0.9), (39, 0.85))) == []


def test_nothing_is_flagged(tmp_path):
    assert flags(*runs(tmp_path, (40, 0.9), (0, None))) == ["returned nothing"]


def test_far_fewer_than_usual_is_flagged(tmp_path):
    assert flags(*runs(tmp_path, (40, 0.9), (42, 0.9), (44, 0.9), (12, 0.9))) == [
        "returned 12 events, its median is 42"
    ]


def test_lost_field_coverage_is_flagged(tmp_path):
    assert flags(*runs(tmp_path, (40, 0.9), (42, 0.95), (41, 0.3))) == [
        "lost coverage of place: 30% (median 92%)"
    ]


def test_one_earlier_run_is_not_enough_to_compare(tmp_path):
    assert flags(*runs(tmp_path, (40, 0.9), (5, 0.1))) == []


def test_spidermon_failures_are_flags(tmp_path):
    db, run = runs(tmp_path, (40, 0.9))
    assert flags(db, run, ["Retry Count monitor: 1 page given up"]) == [
        "Retry Count monitor: 1 page given up"
    ]
