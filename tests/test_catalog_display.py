"""The events tables in the browser: they open on upcoming events, and times read German
while the data keeps ISO. On the demo catalog (its today: 2026-11-16)."""

import asyncio
import html
import re
import sqlite3
from datetime import date

import pytest

from netzwerktimer_crawl.catalog import german_moment, make_datasette
from netzwerktimer_crawl.db import EVENT_COLUMNS, open_db, set_today


def test_the_events_table_opens_on_upcoming_events(get, demo_db):
    answer = get("/netzwerktimer/events")
    assert answer.status_code == 302
    # No demo event runs longer than 31 days, so every one still running began since 16 October.
    since, upcoming = "start__gte=2026-10-16", "end_date__gte=2026-11-16"
    assert answer.headers["location"] == f"/netzwerktimer/events?{since}&{upcoming}"
    rows = get(f"/netzwerktimer/events.json?_shape=array&_size=max&{since}&{upcoming}").json()
    with sqlite3.connect(demo_db) as db:
        running = db.execute("select id from events where end_date >= '2026-11-16'").fetchall()
    assert sorted(r["id"] for r in rows) == sorted(i for (i,) in running)
    # Anything asked for explicitly is served as asked, the archive included.
    everything = get("/netzwerktimer/events.json?_shape=array&_size=max&_sort=start").json()
    assert min(r["end_date"] for r in everything) < "2026-11-16"


def test_times_read_german_on_the_page_and_stay_iso_in_the_data(get):
    page = get("/netzwerktimer/events?title__startswith=Photonik-Stammtisch+Jena").text
    assert '<time datetime="2026-11-19T18:00">Do, 19. November 2026, 18:00</time>' in page, (
        re.findall(r"<time[^>]*>[^<]*</time>", page)
    )
    rows = get("/netzwerktimer/events.json?_shape=array&title__startswith=Photonik-Stammtisch+Jena")
    assert rows.json()[0]["start"] == "2026-11-19T18:00"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-07-02T18:00", "Do, 2. Juli 2026, 18:00"),
        ("2027-02-03", "Mi, 3. Februar 2027"),
        ("kein Datum", None),
        (None, None),
    ],
)
def test_german_moment(stored, shown):
    assert german_moment(stored) == shown


def test_the_table_page_speaks_german(get):
    page = get("/netzwerktimer/events?end_date__gte=2026-11-16&_facet=status").text
    for german in ("Suche:", "Anwenden", "Diese Daten als", "– Spalte –", "sortiert nach start"):
        assert german in page, german
    for english in ("Search:", "Apply", "This data as", "- column -", "sorted by", ">home<",
                    "Data license", "Data source"):  # fmt: skip
        assert english not in page, english
    assert "Lizenz der Daten:" in page and ">Start</a>" in page
    # Facets under German names, their values as readers say them.
    facets = page.split('<div class="facet-results">', 1)[1].split("</div>\n</div>", 1)[0]
    assert "<strong>Teilnahme" in facets and "<strong>Netzwerke" in facets
    assert "vor Ort</a>" in facets and "abgesagt</a>" in facets
    assert ">offline</a>" not in facets and ">cancelled</a>" not in facets


def test_a_query_page_speaks_german(get):
    page = get("/netzwerktimer/nach_netzwerk?netzwerk=theen").text
    assert "Abfrage: 4 Zeilen" in page and 'value="Abfrage ausführen"' in page
    assert "Run SQL" not in page and "Custom SQL query" not in page


def test_an_event_running_for_months_moves_the_start_filter_back(tmp_path):
    path = tmp_path / "lang.db"
    db = open_db(path)
    set_today(db, date(2026, 11, 16))
    rows = [
        ("ausstellung", "Ausstellung Licht und Glas", "2026-03-01", "2027-01-10"),
        ("vorbei", "Tagung im Sommer", "2026-07-01", "2026-07-02"),
        ("bald", "Workshop Laser", "2026-11-20T09:00", "2026-11-20T12:00"),
    ]
    for event_id, title, start, end in rows:
        db["events"].insert(dict.fromkeys(EVENT_COLUMNS) | {"id": event_id, "title": title,
                            "network": "optonet", "start": start, "end": end})  # fmt: skip
    db.close()
    client = make_datasette(path).client
    answer = asyncio.run(client.get("/netzwerktimer/events"))
    query = "start__gte=2026-03-01&end_date__gte=2026-11-16"
    assert answer.headers["location"] == f"/netzwerktimer/events?{query}"
    shown = asyncio.run(client.get(f"/netzwerktimer/events.json?_shape=array&{query}")).json()
    assert [row["id"] for row in shown] == ["ausstellung", "bald"]


def test_the_filter_form_and_its_sentence_are_german(get):
    page = get("/netzwerktimer/events?title__contains=Laser+in&city__notblank=1").text
    heading = html.unescape(re.search(r"<h3>(.*?)</h3>", page, re.S)[1])
    # The value stays as typed: its "in" is no operator.
    assert 'mit city ist nicht leer und title enthält "Laser in" sortiert nach start' in heading
    options = dict(re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', page))
    assert options["contains"] == "enthält" and options["notblank__1"] == "ist nicht leer"
    assert options["startswith"] == "beginnt mit" and options["isnull__1"] == "hat keinen Wert"


def test_the_catalog_page_lists_tables_under_their_german_titles(get):
    page = get("/netzwerktimer").text
    assert '<h2 id="queries">Abfragen</h2>' in page and '<h2 id="tables">Tabellen</h2>' in page
    assert ">Veranstaltungen</a> <small><code>events</code></small>" in page
    assert ">Kommende Veranstaltungen</a> <small><code>upcoming_events</code></small>" in page
    # Internal tables are behind the link to the hidden ones.
    assert "catalog_info" not in page and "_sqlite_migrations" not in page
    assert "verborgene Tabellen</a>" in page
    for english in ("Queries", "Tables", "Views", " rows<", "hidden table"):
        assert english not in page, english


def test_a_row_page_speaks_german(get):
    page = get("/netzwerktimer/networks/optonet").text
    assert "<h1" in page and "Netzwerke: optonet" in page and "Diese Daten als" in page
    assert "Verweise aus anderen Tabellen" in page and "in events (Spalte network)" in page
    for english in ("This data as", "Links from other tables", " from network in "):
        assert english not in page, english
