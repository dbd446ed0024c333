"""Successive crawls over changing sites: the catalog records what changed, marks what
vanished as missing (never cancelled, never deleted), and a broken spider changes nothing."""

import json
import sqlite3
import subprocess
import sys

import pytest
from conftest import demo

LIST = "https://www.theen-ev.de/de/veranstaltungen.html"
API_2 = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50&page=2"


def rows(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchall()


def next_week(snapshots) -> str:
    """The sites a week later. ThEEN moves one event, drops another and fixes its paging;
    OptoNet cancels one; the first other network's site breaks (every page empty)."""
    for manifest in snapshots.folder.glob("*/manifest.json"):
        data = json.loads(manifest.read_text())
        data["captured"] = "2026-11-23T08:00:00+00:00"
        manifest.write_text(json.dumps(data))
    theen = snapshots.folder / "theen" / "veranstaltungen.html"
    html = theen.read_text()
    html = html.replace("2026-11-26T14:00:00+01:00\">26.11.2026 14:00–17:00",
                        "2026-11-26T15:00:00+01:00\">26.11.2026 15:00–18:00")  # fmt: skip
    start = html.index(
        '  <div class="header"><span class="day">Mittwoch, </span><span class="date">20.01'
    )
    end = html.index('  <div class="header last">')
    html = html[:start] + html[end:]
    html = html[: html.index('  <nav class="pagination')] + html[html.index("</nav>") + 6 :]
    theen.write_text(html)
    api = snapshots.folder / "optonet" / "events-api-2.json"
    api.write_text(
        api.read_text().replace('"title": "Laser-Workshop', '"title": "Abgesagt: Laser-Workshop')
    )
    broken = sorted(p.name for p in snapshots.folder.iterdir() if p.is_dir()
                    and p.name not in ("optonet", "theen"))[0]  # fmt: skip
    site = json.loads((snapshots.folder / broken / "manifest.json").read_text())
    for page in site["pages"]:
        (snapshots.folder / broken / page["file"]).write_text("<html><body></body></html>")
    return broken


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    from conftest import SnapshotCopy

    root = tmp_path_factory.mktemp("history")
    db = root / "netzwerktimer.db"
    assert demo(db).returncode == 0
    before = dict(rows(db, "select id, title from events"))
    snapshots = SnapshotCopy(root / "snapshots")
    broken = next_week(snapshots)
    second = demo(db, snapshots.folder)
    after_second = {
        "events": rows(db, "select id, title, start, status from events order by id"),
        "changes": rows(db, "select e.title, c.field, c.old, c.new from changes c "
                            "join events e on e.id = c.event_id order by e.title, c.field"),
    }  # fmt: skip
    demo(db, snapshots.folder)
    after_third = rows(db, "select id, title, start, status from events order by id")
    fourth = demo(db, snapshots.folder)
    return {"db": db, "before": before, "broken": broken, "second": second, "last": fourth,
            "after_second": after_second, "after_third": after_third}  # fmt: skip


def test_changes_table_says_exactly_what_changed(history):
    assert history["after_second"]["changes"] == [
        ("Abgesagt: Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung", "status", None,
         "cancelled"),
        ("Abgesagt: Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung",
         "status_evidence", None,
         "title: Abgesagt: Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung"),
        ("Abgesagt: Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung", "title",
         "Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung",
         "Abgesagt: Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung"),
        ("ThEEN-Mitgliederversammlung 2026", "end", "2026-11-26T17:00", "2026-11-26T18:00"),
        ("ThEEN-Mitgliederversammlung 2026", "start", "2026-11-26T14:00", "2026-11-26T15:00"),
    ]  # fmt: skip


def test_vanished_event_is_missing_only_after_two_healthy_runs_with_a_baseline(history):
    title = "Thüringer Energiespeichertage 2027"
    # Run 2, with one earlier run, has no baseline: its absences are not counted.
    statuses = [row[3] for row in history["after_second"]["events"] if row[1] == title]
    assert statuses == [None]
    ((warnings,),) = rows(history["db"], "select warnings from crawl_runs where spider = "
                          "'theen' order by id limit 1 offset 1")  # fmt: skip
    assert "absences not counted: 1 earlier run, 2 needed to compare this one with" in warnings
    statuses = [row[3] for row in history["after_third"] if row[1] == title]
    assert statuses == [None]  # absent from one run with a baseline: not yet
    db = history["db"]
    ((status, evidence),) = rows(
        db, "select status, status_evidence from events where title = ?", title
    )
    assert (status, evidence) == ("missing", "absent from 2 consecutive healthy runs")
    changes = rows(db, "select c.field, c.old, c.new from changes c join events e "
                       "on e.id = c.event_id where e.title = ?", title)  # fmt: skip
    assert changes == [("status", None, "missing")]


def test_no_event_is_lost_and_the_broken_spiders_events_stay_as_they_were(history):
    db = history["db"]
    assert dict(rows(db, "select id, title from events")).keys() == history["before"].keys()
    broken = history["broken"]
    assert rows(db, "select count(*) from events where network = ? and status = 'missing'",
                broken) == [(0,)]  # fmt: skip
    assert rows(db, "select count(*) from events where network = ? and last_changed != first_seen",
                broken) == [(0,)]  # fmt: skip
    assert "FAILED: " in history["last"].stdout and "returned nothing" in history["last"].stdout


def test_health_report_flags_the_broken_spider(history):
    result = subprocess.run([sys.executable, "-m", "netzwerktimer_crawl.cli", "health", "--db",
                             str(history["db"]), "--runs", "4"],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0
    assert f"flagged: {history['broken']}" in result.stderr
    broken_lines = [
        line for line in result.stdout.splitlines() if line.startswith(history["broken"])
    ]
    assert len(broken_lines) == 4 and "returned nothing" in broken_lines[0]
    assert "returned nothing" not in broken_lines[3]


def test_unchanged_pages_come_back_as_304_and_cost_no_bytes(history):
    db = history["db"]
    runs = rows(db, "select bytes, not_modified, requests from crawl_runs where spider = 'optonet' "
                    "order by id")  # fmt: skip
    first, second, third, fourth = runs
    assert first[0] > 0 and first[1] == 0
    assert second[1] == 2 and second[0] > 0  # page 2 changed, page 1 and robots.txt did not
    assert third[0] == fourth[0] == 0 and third[1] == fourth[1] == 3
