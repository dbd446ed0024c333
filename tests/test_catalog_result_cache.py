"""Facets, row counts and the week page answered from memory until the catalog changes
(result_cache.py)."""

import asyncio
import shutil
import sqlite3
from contextlib import closing

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history, refresh
from netzwerktimer_crawl.catalog import make_datasette

ROWS = 60_000  # enough that a GROUP BY outlasts a 1 ms facet time limit


def _catalog_with_big_table(demo_db, tmp_path):
    path = tmp_path / "netzwerktimer.db"
    shutil.copy(demo_db, path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("create table messung (id integer primary key, art text)")
        conn.executemany(
            "insert into messung (art) values (?)", (("abc"[i % 3],) for i in range(ROWS))
        )
    return path


def _add(path, art: str, rows: int) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany("insert into messung (art) values (?)", [(art,)] * rows)


def _facet(page: dict) -> dict[str, int]:
    return {value["value"]: value["count"] for value in page["facet_results"]["art"]["results"]}


def test_a_facet_cut_by_its_time_limit_is_there_for_the_next_visitor(demo_db, tmp_path):
    path = _catalog_with_big_table(demo_db, tmp_path)
    datasette = make_datasette(path)
    datasette._settings["facet_time_limit_ms"] = 1  # read by the cache at startup

    async def visits():
        url = "/netzwerktimer/messung.json?_facet=art&_size=0"
        first = (await datasette.client.get(url)).json()
        await datasette.get_database("netzwerktimer").execute.__self__.settled()
        second = (await datasette.client.get(url)).json()
        return first, second

    first, second = asyncio.run(visits())
    assert "art" not in first["facet_results"]  # timed out
    assert _facet(second) == {"a": 20_000, "b": 20_000, "c": 20_000}


def test_kept_facets_and_counts_follow_each_change_of_the_catalog(demo_db, tmp_path):
    path = _catalog_with_big_table(demo_db, tmp_path)
    datasette = make_datasette(path)

    def page() -> dict:
        url = "/netzwerktimer/messung.json?_facet=art&_size=0"
        return asyncio.run(datasette.client.get(url)).json()

    assert page()["filtered_table_rows_count"] == ROWS
    _add(path, "d", 5)
    changed = page()
    assert changed["filtered_table_rows_count"] == ROWS + 5
    assert _facet(changed)["d"] == 5


def test_the_week_page_shows_what_a_crawl_published_after_it_was_first_served(demo_db, tmp_path):
    path = tmp_path / "netzwerktimer.db"
    shutil.copy(demo_db, path)
    datasette = make_datasette(path)
    with closing(sqlite3.connect(path)) as conn:
        today = conn.execute("select value from catalog_info where key = 'today'").fetchone()[0]

    def week() -> str:
        return asyncio.run(datasette.client.get("/woche")).text

    assert "Neu in dieser Woche" not in week()
    with refresh.writing(path) as held:
        writer = catalog.open_db(held.copy)
        row = dict.fromkeys(catalog.EVENT_COLUMNS) | {
            "id": "neu", "network": "optonet", "title": "Neu in dieser Woche",
            "start": today, "all_day": True,
        }  # fmt: skip
        history.store(writer, [row], run=0)
        writer.close()
        assert "Neu in dieser Woche" not in week()  # not yet published
    assert "Neu in dieser Woche" in week()
