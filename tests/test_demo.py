"""The offline demo end to end: real spiders, real loopback HTTP, a real SQLite file."""

import sqlite3

from conftest import demo

from netzwerktimer_crawl.runner import enabled_spiders

# Everything the bundled (modeled) snapshots of OptoNet and ThEEN announce, as the catalog
# must hold it. The Cross-Cluster-Wochen event they (and the CCIT) list is one event;
# events.networks is the JSON array of every network that lists an event.
# fmt: off
EXPECTED = [
    ('["optonet"]', "2026-11-19T18:00", "2026-11-19T20:00", 0,
     "Photonik-Stammtisch Jena – November", None, "offline", "Jena"),
    ('["optonet"]', "2026-11-25T10:00", "2026-11-25T11:30", 0,
     "Webinar: Quantensensorik für die Industrie", None, "online", None),
    ('["theen"]', "2026-11-26T14:00", "2026-11-26T17:00", 0, "ThEEN-Mitgliederversammlung 2026",
     None, "offline", "Erfurt"),
    ('["ccit", "optonet", "theen"]', "2026-12-02T14:00", "2026-12-02T17:00", 0,
     "Cross-Cluster-Wochen 2026: Photonik trifft Energie", None, "offline", "Erfurt"),
    ('["theen"]', "2026-12-09T10:00", "2026-12-09T11:30", 0,
     "Webinar Agri-PV: Genehmigung und Förderung", None, "online", None),
    ('["optonet"]', "2027-01-15T18:30", "2027-01-15T22:00", 0,
     "Abgesagt: OptoNet-Jahresempfang 2027", "cancelled", "offline", "Jena"),
    ('["theen"]', "2027-01-20T09:00", "2027-01-21T16:00", 0, "Thüringer Energiespeichertage 2027",
     None, "offline", "Jena"),
    ('["optonet"]', "2027-02-03", "2027-02-04", 1,
     "Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung", None, "offline", "Jena"),
]
# fmt: on

COLUMNS = 'networks, start, "end", all_day, title, status, attendance, city'


def rows(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchall()


def test_demo_stores_every_event_of_both_spiders(demo_db):
    got = rows(
        demo_db,
        f"select {COLUMNS} from events where id in (select event_id from event_sources "
        "where network in ('optonet', 'theen')) order by start, networks",
    )
    assert got == EXPECTED


def test_co_hosted_event_is_stored_once_with_every_network(demo_db):
    got = rows(
        demo_db,
        "select e.networks, s.network, s.url from events e join event_sources s "
        "on s.event_id = e.id where e.title = 'Cross-Cluster-Wochen 2026: Photonik trifft Energie' "
        "order by s.network",
    )
    # fmt: off
    assert got == [
        ('["ccit", "optonet", "theen"]', "ccit", "https://www.cci-thueringen.de/veranstaltungen/"
         "cross-cluster-wochen-2026-photonik-trifft-energie/"),
        ('["ccit", "optonet", "theen"]', "optonet",
         "https://optonet-jena.de/veranstaltung/cross-cluster-wochen-2026-photonik-trifft-energie/"),
        ('["ccit", "optonet", "theen"]', "theen", "https://www.theen-ev.de/de/veranstaltungen/"
         "cross-cluster-wochen-2026-photonik-trifft-energie.html"),
    ]
    # fmt: on


def test_events_link_to_the_organizer_page(demo_db):
    urls = dict(rows(demo_db, "select title, url from events"))
    assert urls["ThEEN-Mitgliederversammlung 2026"] == (
        "https://www.theen-ev.de/de/veranstaltungen/theen-mitgliederversammlung-2026.html"
    )
    # Tracking parameters are not part of the organizer's address.
    assert urls["Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung"] == (
        "https://optonet-jena.de/veranstaltung/laser-workshop-ultrakurzpulslaser/"
    )
    # No page of its own: the listing it was found on.
    assert urls["Webinar Agri-PV: Genehmigung und Förderung"] == (
        "https://www.theen-ev.de/de/veranstaltungen.html"
    )


def test_seen_stamps_are_the_fetch_date_not_the_wall_clock(demo_db):
    assert rows(demo_db, "select distinct first_seen, last_seen from events") == [
        ("2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z")
    ]


def test_entry_without_date_is_rejected_with_reason_and_kept(demo_db):
    got = rows(
        demo_db,
        "select spider, source_url, reason, json_extract(item, '$.title') from rejected_items",
    )
    assert got == [
        (
            "theen",
            "https://www.theen-ev.de/de/veranstaltungen.html",
            "unparseable date: 'Termin folgt'",
            "Wasserstoff-Stammtisch",
        )
    ]


def test_each_spider_run_is_recorded_with_its_health(demo_db):
    got = rows(
        demo_db,
        "select spider, finish_reason, items_stored, items_rejected, http_errors "
        "from crawl_runs where spider in ('optonet', 'theen') order by spider",
    )
    # ThEEN's second list page answers 500: one error page, the rest is stored.
    assert got == [("optonet", "finished", 5, 0, 0), ("theen", "finished", 4, 1, 1)]
    requests = dict(rows(demo_db, "select spider, requests from crawl_runs"))
    assert requests["optonet"] >= 2 and requests["theen"] >= 2


def test_second_run_over_unchanged_sources_changes_no_event(tmp_path):
    db = tmp_path / "netzwerktimer.db"
    first = demo(db)
    assert first.returncode == 0, first.stderr
    before = rows(db, "select * from events order by id")
    second = demo(db)
    assert second.returncode == 0, second.stderr
    assert rows(db, "select * from events order by id") == before
    assert rows(db, "select count(*) from crawl_runs") == [(2 * len(enabled_spiders()),)]
    assert "optonet" in second.stdout and "theen" in second.stdout


def test_demo_pins_the_catalog_today_to_the_capture_date(demo_db):
    assert rows(demo_db, "select key, value from catalog_info") == [("today", "2026-11-16")]
