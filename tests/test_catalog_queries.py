"""Canned queries, facets and the map, on the demo catalog (its today: Monday 2026-11-16).

Expected rows are derived from the database where other networks' events may join in.
"""

import asyncio
import json
import sqlite3
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl.catalog import make_datasette


@pytest.fixture(scope="module")
def sql(demo_db):
    conn = sqlite3.connect(demo_db)
    return lambda query, *params: [row[0] for row in conn.execute(query, params)]


def rows(get, path: str) -> list[dict]:
    answer = get(path)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_heute_is_the_demos_capture_date(analyst):
    assert rows(analyst, "/netzwerktimer.json?sql=select+heute()+as+t&_shape=array") == [
        {"t": "2026-11-16"}
    ]


def test_heute_is_berlins_date_in_a_live_catalog(tmp_path):
    catalog.open_db(tmp_path / "live.db").close()
    live = make_datasette(tmp_path / "live.db", allow_sql=True)
    answer = asyncio.run(
        live.client.get("/netzwerktimer.json?sql=select+heute()+as+t&_shape=array")
    )
    assert answer.json() == [{"t": datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()}]


def test_heute_follows_a_new_pin_on_an_open_connection(tmp_path):
    # heute() is declared deterministic, so SQLite reads it once per statement; the next
    # statement must still see a date set in between.
    db = catalog.open_db(tmp_path / "pinned.db")
    catalog.set_today(db, date(2026, 11, 16))
    assert db.execute("select heute()").fetchone() == ("2026-11-16",)
    catalog.set_today(db, date(2026, 12, 24))
    assert db.execute("select heute()").fetchone() == ("2026-12-24",)


def test_diese_woche(get, sql):
    found = rows(get, "/netzwerktimer/diese_woche.json?_shape=array")
    assert "Photonik-Stammtisch Jena – November" in [r["title"] for r in found]
    assert {r["id"] for r in found} == set(
        sql("select id from events where start_date <= '2026-11-22' and end_date >= '2026-11-16'")
    )


def test_naechste_woche(get, sql):
    found = rows(get, "/netzwerktimer/naechste_woche.json?_shape=array")
    titles = [r["title"] for r in found]
    assert "Webinar: Quantensensorik für die Industrie" in titles
    assert "ThEEN-Mitgliederversammlung 2026" in titles
    assert {r["id"] for r in found} == set(
        sql("select id from events where start_date <= '2026-11-29' and end_date >= '2026-11-23'")
    )
    assert [r["start"] for r in found] == sorted(r["start"] for r in found)


def test_nach_netzwerk(get, sql):
    # ThEEN's own upcoming events and the one it co-hosts with CCIT and OptoNet.
    theen = rows(get, "/netzwerktimer/nach_netzwerk.json?_shape=array&netzwerk=theen")
    assert {r["network"] for r in theen} == {"theen"}
    assert [r["title"] for r in theen] == [
        "ThEEN-Mitgliederversammlung 2026",
        "Cross-Cluster-Wochen 2026: Photonik trifft Energie",
        "Webinar Agri-PV: Genehmigung und Förderung",
        "Thüringer Energiespeichertage 2027",
    ]
    every = rows(get, "/netzwerktimer/nach_netzwerk.json?_shape=array")
    assert [(r["network_name"], r["start"]) for r in every] == sorted(
        (r["network_name"], r["start"]) for r in every
    )
    # Under each of its networks: the co-hosted event three times.
    upcoming = "select s.event_id from event_sources s join events e on e.id = s.event_id "
    assert len(every) == len(sql(upcoming + "where e.end_date >= '2026-11-16'"))
    co_hosted = [r["network"] for r in every if r["title"].endswith("Photonik trifft Energie")]
    assert co_hosted == ["ccit", "optonet", "theen"]


def test_neu_seit(get, sql):
    since = rows(get, "/netzwerktimer/neu_seit.json?_shape=array&seit=2026-11-16")
    assert "Photonik-Stammtisch Jena – November" in [r["title"] for r in since]
    assert len(since) == len(sql("select id from events where first_seen >= '2026-11-16'"))
    later = rows(get, "/netzwerktimer/neu_seit.json?_shape=array&seit=2026-11-17")
    assert len(later) == len(sql("select id from events where first_seen >= '2026-11-17'"))


def test_canned_queries_are_listed_with_german_titles(get):
    page = get("/netzwerktimer").text
    for path, title in [
        ("diese_woche", "Diese Woche"),
        ("naechste_woche", "Nächste Woche"),
        ("nach_netzwerk", "Nach Netzwerk"),
        ("neu_seit", "Neu seit"),
    ]:
        assert f'<a href="/netzwerktimer/{path}" title=' in page or path in page
        assert title in page


def test_default_facets(get, sql):
    data = rows(get, "/netzwerktimer/events.json?_size=0")
    facets = data["facet_results"]
    # Datasette puts array facets last. A co-hosted event counts for each of its networks.
    assert list(facets) == ["sector", "city", "attendance", "status", "month", "networks"]
    networks = {f["value"]: f["count"] for f in facets["networks"]["results"]}
    assert networks["theen"] == len(
        sql("select distinct event_id from event_sources where network = ?", "theen")
    )
    assert networks["theen"] > len(sql("select id from events where network = ?", "theen"))
    sectors = {f["value"]: f["count"] for f in facets["sector"]["results"]}
    assert sectors["Optik und Photonik"] == len(
        sql("select id from events where network = ?", "optonet")
    )
    months = {f["value"] for f in facets["month"]["results"]}
    assert {"2026-11", "2026-12", "2027-01", "2027-02"} <= months


def test_date_facet_on_the_wall_clock_day(get, sql):
    data = rows(get, "/netzwerktimer/events.json?_size=0&_facet_date=start_date")
    days = {f["value"]: f["count"] for f in data["facet_results"]["start_date"]["results"]}
    # 18:00 in Berlin stays on its day.
    assert days["2026-11-19"] == len(sql("select id from events where start like '2026-11-19%'"))


def test_sector_and_month_filter_the_table(get):
    # Every event a network of the sector runs, the co-hosted one with CCIT included.
    found = rows(get, "/netzwerktimer/events.json?_shape=array&sector=Erneuerbare+Energien")
    assert found and all("theen" in json.loads(r["networks"]) for r in found)
    assert {r["network"] for r in found} == {"theen", "ccit"}
    january = rows(get, "/netzwerktimer/events.json?_shape=array&month=2027-01")
    assert "Thüringer Energiespeichertage 2027" in [r["title"] for r in january]


def test_map_of_upcoming_events_at_their_towns(get):
    found = rows(get, "/netzwerktimer/karte.json?_shape=array")
    stammtisch = next(r for r in found if r["title"] == "Photonik-Stammtisch Jena – November")
    assert (stammtisch["latitude"], stammtisch["longitude"]) == (50.92878, 11.5899)
    assembly = next(r for r in found if r["title"] == "ThEEN-Mitgliederversammlung 2026")
    assert (assembly["latitude"], assembly["longitude"]) == (50.97734, 11.03536)  # Erfurt
    assert all(r["latitude"] and r["longitude"] for r in found)
    assert "Webinar: Quantensensorik für die Industrie" not in [r["title"] for r in found]


def test_map_page_loads_the_cluster_map(get):
    page = get("/netzwerktimer/karte").text
    assert "datasette-cluster-map.js" in page
    assert 'DATASETTE_CLUSTER_MAP_LATITUDE_COLUMN = "latitude"' in page
    assert "OpenStreetMap" in page  # where the tiles come from


@pytest.mark.parametrize("table", ["events", "upcoming_events"])
def test_tables_show_their_rows_without_a_map(get, table):
    assert "datasette-cluster-map.js" not in get(f"/netzwerktimer/{table}?_size=5").text


def test_map_popups_read_german(get):
    found = rows(get, "/netzwerktimer/karte.json?_shape=array")
    stammtisch = next(r for r in found if r["title"] == "Photonik-Stammtisch Jena – November")
    assert json.loads(stammtisch["popup"]) == {
        "title": "Photonik-Stammtisch Jena – November",
        "link": stammtisch["url"],
        "description": "19.11.2026, 18:00 Uhr · OptoNet · "
        "Optisches Museum Jena, Carl-Zeiss-Platz 12, 07743 Jena",
    }


def test_settings_keep_pages_fast_and_sql_bounded(get, analyst):
    settings = get("/-/settings.json").json()
    assert settings["suggest_facets"] is False
    assert settings["default_allow_sql"] is False  # see tests/test_public_sql.py
    assert settings["sql_time_limit_ms"] == 2000
    # Where SQL is on, the time limit stops a long query.
    assert analyst("/netzwerktimer.json?sql=select+1").status_code == 200
    slow = analyst(
        "/netzwerktimer.json?sql=with+recursive+c(x)+as+(select+1+union+all+"
        "select+x%2B1+from+c)+select+count(*)+from+c"
    )
    assert slow.status_code == 400
    assert "interrupted" in slow.text.lower() or "time limit" in slow.text.lower()
