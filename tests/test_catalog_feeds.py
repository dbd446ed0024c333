"""The iCal subscription feed and the Atom feed, as calendar programs and feed readers read them.

The demo's today is 2026-11-16, so "upcoming" is everything from that day on.
"""

import asyncio
import json
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import demo, rehearse
from icalendar import Calendar

from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.db import open_db

BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"


def feed(get, path: str = "/netzwerktimer/kalender.ics") -> Calendar:
    answer = get(path)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(answer.content)


def by_summary(calendar: Calendar) -> dict:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_timed_event_in_berlin_time_with_a_vtimezone(get):
    calendar = feed(get)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    stammtisch = by_summary(calendar)["Photonik-Stammtisch Jena – November"]
    start = stammtisch["DTSTART"]
    assert start.params["TZID"] == "Europe/Berlin"
    assert start.dt == datetime(2026, 11, 19, 18, 0, tzinfo=BERLIN)
    assert stammtisch["DTEND"].dt == datetime(2026, 11, 19, 20, 0, tzinfo=BERLIN)
    assert str(stammtisch["LOCATION"]) == "Optisches Museum Jena, Carl-Zeiss-Platz 12, 07743 Jena"
    url = "https://optonet-jena.de/veranstaltung/photonik-stammtisch-jena-november/"
    assert str(stammtisch["URL"]) == url
    assert str(stammtisch["DESCRIPTION"]).startswith("Der Stammtisch für alle, die in Jena")
    assert url in str(stammtisch["DESCRIPTION"])
    assert str(stammtisch["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in stammtisch


def test_all_day_event_is_a_date_with_exclusive_end(get):
    workshop = by_summary(feed(get))["Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung"]
    assert workshop["DTSTART"].params["VALUE"] == "DATE"
    assert workshop["DTSTART"].dt == date(2027, 2, 3)
    assert workshop["DTEND"].dt == date(2027, 2, 5)  # the workshop's last day is 4 February


def test_cancelled_and_online_events(get):
    events = by_summary(feed(get))
    assert str(events["Abgesagt: OptoNet-Jahresempfang 2027"]["STATUS"]) == "CANCELLED"
    assert str(events["Webinar: Quantensensorik für die Industrie"]["LOCATION"]) == "Online"


def test_only_upcoming_events(get):
    for event in feed(get).walk("VEVENT"):
        end = (event.get("DTEND") or event["DTSTART"]).dt
        assert (end.date() if isinstance(end, datetime) else end) >= date(2026, 11, 16)


def test_uids_are_the_stable_event_ids(get, demo_db):
    ids = {row[0] for row in sqlite3.connect(demo_db).execute("select id from events")}
    uids = {str(event["UID"]) for event in feed(get).walk("VEVENT")}
    assert uids and {uid.removesuffix("@netzwerktimer-thueringen.de") for uid in uids} <= ids


def test_uids_stay_the_same_in_the_next_crawl(get, demo_db, tmp_path):
    # A subscribed calendar sees the same catalog crawl after crawl.
    again = tmp_path / "netzwerktimer.db"
    shutil.copy(demo_db, again)
    assert demo(again).returncode == 0
    second = make_datasette(again)

    def uids(get) -> dict:
        return {
            (str(e["SUMMARY"]), e["DTSTART"].dt): str(e["UID"]) for e in feed(get).walk("VEVENT")
        }

    assert uids(get) == uids(lambda path: asyncio.run(second.client.get(path)))


def test_feed_per_network(get):
    calendar = feed(get, "/netzwerktimer/kalender.ics?network=theen")
    assert str(calendar["X-WR-CALNAME"]) == "Netzwerktimer Thüringen: ThEEN"
    events = calendar.walk("VEVENT")
    assert "ThEEN-Mitgliederversammlung 2026" in {str(e["SUMMARY"]) for e in events}
    # Its own events and the one CCIT organizes with it, under its organizer's name.
    assert {e["CATEGORIES"].cats[0] for e in events} == {"ThEEN", "CCIT"}


def test_feed_query_as_csv_and_json(get):
    rows = get("/netzwerktimer/kalender.json?_shape=array&network=optonet").json()
    assert rows and {row["network"] for row in rows} == {"optonet", "ccit"}
    csv = get("/netzwerktimer/kalender.csv?network=optonet")
    assert csv.status_code == 200
    assert csv.text.startswith("id,title,start,end,all_day,url,description,location,city")


def test_atom_feed_of_newly_found_events(get):
    answer = get("/netzwerktimer/neu.atom")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(answer.content)
    assert root.find(f"{ATOM}title").text == "Neu gefundene Veranstaltungen"
    # The feed's id names the feed, not the host it was read from.
    assert root.find(f"{ATOM}id").text == "tag:netzwerktimer-thueringen.de,2026:neu"
    entries = {e.find(f"{ATOM}title").text: e for e in root.iter(f"{ATOM}entry")}
    stammtisch = entries["Photonik-Stammtisch Jena – November"]
    assert stammtisch.find(f"{ATOM}link").get("href") == (
        "https://optonet-jena.de/veranstaltung/photonik-stammtisch-jena-november/"
    )
    assert stammtisch.find(f"{ATOM}updated").text == "2026-11-16T08:00:00+00:00"
    assert stammtisch.find(f"{ATOM}author/{ATOM}name").text == "OptoNet"
    assert stammtisch.find(f"{ATOM}content").text.startswith(
        "19.11.2026, 18:00 Uhr · OptoNet · Optisches Museum Jena"
    )


def test_atom_feed_holds_upcoming_events_only(get, demo_db):
    # The demo's today is 2026-11-16: the ones found that are already over stay out.
    root = ET.fromstring(get("/netzwerktimer/neu.atom").content)
    titles = {e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")}
    with sqlite3.connect(demo_db) as db:
        upcoming = {t for (t,) in db.execute("select title from events where end_date >= ?",
                                             ["2026-11-16"])}  # fmt: skip
        over = {t for (t,) in db.execute("select title from events where end_date < ?",
                                         ["2026-11-16"])}  # fmt: skip
    assert over and not titles & over
    assert titles == upcoming


def test_atom_feed_of_an_empty_catalog_is_an_empty_feed(tmp_path):
    path = tmp_path / "leer.db"
    open_db(path).close()  # the schema, no crawl yet
    datasette = make_datasette(path)
    answer = asyncio.run(datasette.client.get("/netzwerktimer/neu.atom"))
    assert answer.status_code == 200, answer.text[:300]
    root = ET.fromstring(answer.content)
    assert root.find(f"{ATOM}title").text == "Neu gefundene Veranstaltungen"
    assert list(root.iter(f"{ATOM}entry")) == []


@pytest.mark.parametrize(
    "path",
    [
        "/netzwerktimer/events.ics",  # a table page shows 50 rows at a time
        "/netzwerktimer/events.ics?_size=5",
        "/netzwerktimer/events_public.ics?_sort=title",
        "/netzwerktimer/events.ics?netzwerk=theen",
    ],
)
def test_ics_of_a_table_holds_every_matching_event(get, demo_db, path):
    events = feed(get, path).walk("VEVENT")
    with sqlite3.connect(demo_db) as db:
        if "theen" in path:
            sql = "select id from events where id in (select event_id from event_sources "
            matching = db.execute(sql + "where network = 'theen')").fetchall()
        else:
            matching = db.execute("select id from events").fetchall()
    assert len(matching) > 50 or "theen" in path
    assert sorted(str(e["UID"]).split("@")[0] for e in events) == sorted(i for (i,) in matching)


def test_a_changed_event_says_so_to_calendars(demo_db, tmp_path, snapshot_copy):
    # OptoNet's workshop moves to the next week; the other events stay as they were.
    db = tmp_path / "netzwerktimer.db"
    shutil.copy(demo_db, db)
    api = snapshot_copy.folder / "optonet" / "events-api-2.json"
    page = json.loads(api.read_text())
    workshop = page["events"][1]
    for key, value in (("start_date", "2027-02-10 00:00:00"), ("end_date", "2027-02-11 23:59:59"),
                       ("utc_start_date", "2027-02-09 23:00:00"),
                       ("utc_end_date", "2027-02-11 22:59:59")):  # fmt: skip
        workshop[key] = value
    api.write_text(json.dumps(page))
    assert rehearse(db, snapshot_copy.folder, "optonet").returncode == 0
    second = make_datasette(db)
    calendar = feed(lambda path: asyncio.run(second.client.get(path)))
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    moved = events[workshop["title"]]
    assert moved["DTSTART"].dt == date(2027, 2, 10)
    with sqlite3.connect(db) as connection:
        (changes,) = connection.execute(
            "select count(*) from changes where event_id = ?", [str(moved["UID"]).split("@")[0]]
        ).fetchone()
    assert changes >= 1 and moved["SEQUENCE"] == changes  # start and end: one version more
    assert "LAST-MODIFIED" in moved
    stammtisch = events["Photonik-Stammtisch Jena – November"]
    assert "SEQUENCE" not in stammtisch  # never changed: version 0
    assert stammtisch["LAST-MODIFIED"].dt == stammtisch["CREATED"].dt


def test_the_week_page_offers_a_webcal_subscription(get):
    page = get("/woche?netzwerk=theen").text
    assert 'href="webcal://localhost/netzwerktimer/kalender.ics?netzwerk=theen"' in page
    assert 'href="/netzwerktimer/kalender.ics?netzwerk=theen"' in page


def test_ics_of_a_long_table_holds_every_event(big):
    answer = asyncio.run(big.client.get("/netzwerktimer/events.ics"))
    calendar = Calendar.from_ical(answer.content)
    assert len(calendar.walk("VEVENT")) == 1500
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
