"""`netzwerktimer extract` prints the events of one saved page, without a spider."""

import json

from conftest import netzwerktimer

from netzwerktimer_crawl.replay import SNAPSHOTS


def extract(file: str, *args: str):
    result = netzwerktimer("extract", str(SNAPSHOTS / file), *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def test_contao_list_page():
    events, errors = extract(
        "theen/veranstaltungen.html",
        "--url",
        "https://www.theen-ev.de/de/veranstaltungen.html",
        "--fetched",
        "2026-11-16",
    )
    assert [(e["network"], e["start"], e["end"], e["title"]) for e in events] == [
        (
            "theen",
            "2026-12-09T10:00",
            "2026-12-09T11:30",
            "Webinar Agri-PV: Genehmigung und Förderung",
        ),
        ("theen", "2026-11-26T14:00", "2026-11-26T17:00", "ThEEN-Mitgliederversammlung 2026"),
        (
            "theen",
            "2026-12-02T14:00",
            "2026-12-02T17:00",
            "Cross-Cluster-Wochen 2026: Photonik trifft Energie",
        ),
        ("theen", "2027-01-20T09:00", "2027-01-21T16:00", "Thüringer Energiespeichertage 2027"),
    ]
    assert set(events[0]) == {
        "id",
        "network",
        "title",
        "start",
        "end",
        "all_day",
        "url",
        "description",
        "location",
        "city",
        "status",
        "status_evidence",
        "attendance",
        "event_type",
        "latitude",
        "longitude",
        "source_url",
        "start_open",
        "end_open",
        "found_by",
    }
    rejected = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
    assert rejected[-1] == {
        "rejected": "unparseable date: 'Termin folgt'",
        "title": "Wasserstoff-Stammtisch",
        "when": "Termin folgt",
    }


def test_tribe_list_page_takes_the_year_from_the_datetime_attribute():
    # The Events Calendar drops the current year from its text ("19. November @ 18:00").
    events, _ = extract(
        "optonet/veranstaltungen.html",
        "--url",
        "https://optonet-jena.de/veranstaltungen/",
        "--fetched",
        "2026-11-16",
    )
    assert [(e["start"], e["end"], e["status"], e["city"]) for e in events] == [
        ("2026-11-19T18:00", "2026-11-19T20:00", None, "Jena"),
        ("2026-11-25T10:00", "2026-11-25T11:30", None, None),
        ("2027-01-15T18:30", "2027-01-15T22:00", "cancelled", "Jena"),
    ]
    # TEC prints "street, town, country" with no postcode; the gazetteer knows the town.
    assert events[0]["location"] == (
        "Optisches Museum Jena, Carl-Zeiss-Platz 12, Jena, Deutschland"
    )
    assert events[1]["attendance"] == "online"


def test_tribe_rest_json():
    events, _ = extract(
        "optonet/events-api-2.json",
        "--url",
        "https://optonet-jena.de/wp-json/tribe/events/v1/events?page=2",
    )
    assert [(e["start"], e["end"], e["all_day"], e["status"]) for e in events] == [
        ("2027-01-15T18:30", "2027-01-15T22:00", False, "cancelled"),
        ("2027-02-03", "2027-02-04", True, None),
    ]
    assert events[0]["description"] == (
        "Der Jahresempfang entfällt in diesem Winter. Wir laden im Frühjahr neu ein."
    )
    assert events[0]["location"] == "Volkshaus Jena, Carl-Zeiß-Platz 15, 07743 Jena"


def test_a_news_feed_is_not_read_for_events():
    # RSS dates its items by publication: taking them for events would fill the week.
    from datetime import UTC, datetime

    from netzwerktimer_crawl.extract import extract, saved_page

    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><item><title>Neues Mitglied
    </title><pubDate>Tue, 01 Dec 2026 10:00:00 +0000</pubDate></item></channel></rss>"""
    page = saved_page(rss, "https://www.theen-ev.de/feed/", datetime(2026, 12, 1, tzinfo=UTC))
    result = extract(page, "theen")
    assert result.events == [] and result.tried == [
        "rss/atom: not read (its dates are publication dates)"
    ]
