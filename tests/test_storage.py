"""The catalog database: migrations, complete upserts, first_seen kept, rejections kept."""

import json
import sqlite3
from datetime import date, datetime

from netzwerktimer_crawl.pipelines.store import record

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history
from netzwerktimer_crawl.items import Event


def event(**changes) -> dict:
    base = Event(
        network="optonet",
        id="e1",
        title="Photonik-Stammtisch",
        start=datetime(2026, 11, 19, 18, 0),
        end=datetime(2026, 11, 19, 20, 0),
        all_day=False,
        url="https://optonet-jena.de/veranstaltung/stammtisch/",
        location="Optisches Museum Jena",
        city="Jena",
    )
    row = record(base, seen="2026-11-16T08:00:00Z")
    return row | changes


def test_schema_is_created_by_migrations_and_reapplied_harmlessly(tmp_path):
    path = tmp_path / "netzwerktimer.db"
    catalog.open_db(path).close()
    db = catalog.open_db(path)
    assert {"networks", "events", "crawl_runs", "rejected_items"} <= set(db.table_names())
    assert "events_public" in db.view_names()
    applied = [m.name for m in catalog.migrations.applied(db)]
    assert applied[:4] == [
        "m001_initial",
        "m002_catalog_info",
        "m003_catalog_facets",
        "m004_catalog_search",
    ]
    assert "m005_history" in applied
    assert db["networks"].get("theen")["name"] == "ThEEN"
    indexes = {tuple(i.columns) for i in db["events"].indexes}
    assert {("start",), ("network", "start")} <= indexes
    assert db.journal_mode == "wal"


def test_the_crawl_writes_every_column_it_owns_and_only_those(tmp_path):
    # EVENT_COLUMNS is the one list: the store's record() fills exactly it, the schema has
    # it, and everything else in events is the history's or derived (generated, by trigger).
    db = catalog.open_db(tmp_path / "c.db")
    assert set(event()) == set(catalog.EVENT_COLUMNS)
    columns = {r[1] for r in db.execute("pragma table_xinfo(events)")}
    assert columns - set(catalog.EVENT_COLUMNS) == {
        "networks", "last_changed", "start_date", "end_date", "month", "sector",
    }  # fmt: skip


def test_iso_wall_clock_and_all_day_dates(tmp_path):
    db = catalog.open_db(tmp_path / "c.db")
    all_day = event(id="e2", start="2027-02-03", end="2027-02-04", all_day=True)
    history.store(db, [event(), all_day], run=0)
    assert db["events"].get("e1")["start"] == "2026-11-19T18:00"
    assert db["events"].get("e2")["start"] == "2027-02-03"
    assert db["events"].get("e2")["all_day"] == 1
    assert record(Event(network="x", start=date(2027, 2, 3)), "s")["start"] == "2027-02-03"


def test_second_sighting_keeps_first_seen_and_updates_the_rest(tmp_path):
    db = catalog.open_db(tmp_path / "c.db")
    history.store(db, [event()], run=0)
    later = event(
        title="Photonik-Stammtisch (verlegt)",
        first_seen="2026-11-23T08:00:00Z",
        last_seen="2026-11-23T08:00:00Z",
    )
    history.store(db, [later], run=0)
    row = db["events"].get("e1")
    assert row["first_seen"] == "2026-11-16T08:00:00Z"
    assert row["last_seen"] == "2026-11-23T08:00:00Z"
    assert row["title"] == "Photonik-Stammtisch (verlegt)"


def test_a_missing_location_in_one_record_does_not_blank_others(tmp_path):
    # sqlite-utils' upsert_all NULLs columns a record leaves out; records are complete.
    db = catalog.open_db(tmp_path / "c.db")
    history.store(db, [event(), event(id="e2", location=None)], run=0)
    assert db["events"].get("e1")["location"] == "Optisches Museum Jena"


def test_rejected_item_is_kept_with_reason_and_raw_item(tmp_path):
    db = catalog.open_db(tmp_path / "c.db")
    run = catalog.start_run(db, "theen", "2026-11-16T08:00:00Z")
    catalog.reject(
        db,
        run,
        "theen",
        "https://www.theen-ev.de/x.html",
        "unparseable date: 'Termin folgt'",
        {"title": "Stammtisch", "when": "Termin folgt"},
    )
    row = next(db["rejected_items"].rows)
    assert row["run"] == run and row["reason"] == "unparseable date: 'Termin folgt'"
    assert json.loads(row["item"]) == {"title": "Stammtisch", "when": "Termin folgt"}


def test_events_public_view_names_the_network(tmp_path):
    path = tmp_path / "c.db"
    db = catalog.open_db(path)
    history.store(db, [event()], run=0)
    rows = sqlite3.connect(path).execute("select network_name, title from events_public").fetchall()
    assert rows == [("OptoNet", "Photonik-Stammtisch")]
