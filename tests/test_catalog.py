"""The catalog as Datasette serves it, answered through Datasette's in-process client."""

import asyncio
import csv
import io
import sqlite3

import pytest
import yaml

from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.db import add_today
from netzwerktimer_crawl.settings import DATA_DIR


@pytest.mark.parametrize(
    ("table", "title"),
    [
        ("events", "Veranstaltungen"),
        ("networks", "Netzwerke"),
        ("crawl_runs", "Crawl-Läufe"),
        ("rejected_items", "Abgewiesene Einträge"),
        ("events_public", "Veranstaltungen (öffentlich)"),
    ],
)
def test_table_pages_have_german_titles(get, table, title):
    page = get(f"/netzwerktimer/{table}?_size=5")  # a bare events opens on upcoming ones
    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.text or f"<h1>{title} (Sicht)</h1>" in page.text


def test_events_table_is_sorted_by_start_by_default(get):
    data = get("/netzwerktimer/events.json?_shape=array&_size=max").json()
    starts = [row["start"] for row in data]
    assert len(starts) >= 9 and starts == sorted(starts)


def test_events_public_streams_in_full_as_csv(get, demo_db):
    answer = get("/netzwerktimer/events_public.csv?_stream=on&_size=max")
    assert answer.status_code == 200
    assert (
        answer.headers["content-type"].startswith("text/plain")
        or "csv" in answer.headers["content-type"]
    )
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert (
        len(rows) == sqlite3.connect(demo_db).execute("select count(*) from events").fetchone()[0]
    )
    stammtisch = next(r for r in rows if r["title"] == "Photonik-Stammtisch Jena – November")
    assert stammtisch["network_name"] == "OptoNet" and stammtisch["start"] == "2026-11-19T18:00"


def test_events_public_as_json(get):
    data = get("/netzwerktimer/events_public.json?_shape=array&networks__contains=theen").json()
    assert [(r["network_name"], r["networks"]) for r in data] == [
        ("ThEEN", "theen"),
        ("CCIT", "ccit, optonet, theen"),  # co-hosted: listed by all three, shown once
        ("ThEEN", "theen"),
        ("ThEEN", "theen"),
    ]


def test_every_table_view_and_column_is_described_in_german(demo_db):
    # Documentation checked by a test: a new column without a description fails here.
    metadata = yaml.safe_load((DATA_DIR / "metadata.yml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["netzwerktimer"]["tables"]
    conn = sqlite3.connect(demo_db)
    add_today(conn)  # upcoming_events calls heute()
    names = [
        r[0]
        for r in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like "
            "'\\_%' escape '\\' and name not like 'sqlite%'"
        )
    ]
    # The search index's tables are internal: Datasette hides them.
    database = make_datasette(demo_db).get_database("netzwerktimer")
    hidden = set(asyncio.run(database.hidden_table_names()))
    assert {"events_fts", "events_fts_data"} <= hidden
    for name in set(names) - hidden:
        assert tables[name]["title"] and tables[name]["description"], name
        # table_xinfo: generated columns (start_date, month) included.
        columns = [r[1] for r in conn.execute(f"pragma table_xinfo([{name}])")]
        assert set(columns) == set(tables[name]["columns"]), name
