"""JSON feeds of events in other shapes than The Events Calendar's REST API: a REST API with
schema.org's field names under "data", Unix times, a malformed entry, and JSON that holds no
events. FullCalendar's event source is a page fixture (tests/pages/fullcalendar-json-feed)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from netzwerktimer_crawl.extract import extract, json_feed, saved_page

FETCHED = datetime(2026, 12, 1, 12, tzinfo=UTC)

# Modeled (not a capture): a CMS's own REST endpoint, schema.org's names, inclusive end date.
SCHEMA_NAMES = {
    "data": [
        {
            "name": "Sensorik-Tag 2027",
            "startDate": "2027-03-04",
            "endDate": "2027-03-05",
            "location": {
                "name": "Technologiezentrum",
                "address": "Ehrenbergstraße 11, 98693 Ilmenau",
            },
            "permalink": "https://sensorik-beispiel.de/termine/sensorik-tag-2027",
            "description": {"rendered": "<p>Zwei Tage <b>Sensorik</b>.</p>"},
        },
        # Unix time in milliseconds: 2027-01-20 17:00 UTC, 18:00 in Berlin
        {"title": "Webinar Förderung", "start": 1800464400000, "url": "/termine/webinar"},
        # and in seconds as text, as Facebook's FQL wrote it: 2027-01-21 09:30 UTC
        {"name": "Sprechstunde", "start_time": "1800523800", "end_time": "1800527400"},
        {"title": "Kaputt", "start_date": "2027-02-30"},
    ],
    "meta": {"total": 3},
}


def test_schema_names_unix_times_and_a_malformed_entry():
    found, problems = json_feed.events(SCHEMA_NAMES)
    assert [(e.title, e.start, e.end, e.all_day) for e in found] == [
        ("Sensorik-Tag 2027", date(2027, 3, 4), date(2027, 3, 5), True),  # inclusive end
        ("Webinar Förderung", datetime(2027, 1, 20, 18, 0), None, False),
        ("Sprechstunde", datetime(2027, 1, 21, 10, 30), datetime(2027, 1, 21, 11, 30), False),
    ]
    assert found[0].location == "Technologiezentrum, Ehrenbergstraße 11, 98693 Ilmenau"
    assert found[0].city == "Ilmenau"
    assert found[0].description == "Zwei Tage Sensorik."
    # "2027-02-30" is no day: that entry is said to be malformed, and the others are kept
    assert problems == ["JSON event 'Kaputt' is malformed: its start '2027-02-30' is no date"]


def test_a_feed_read_through_the_chain_names_its_step_and_resolves_links():
    body = json.dumps(SCHEMA_NAMES).encode()
    result = extract(saved_page(body, "https://sensorik-beispiel.de/api/termine", FETCHED), "x")
    assert [e.url for e in result.events] == [
        "https://sensorik-beispiel.de/termine/sensorik-tag-2027",
        "https://sensorik-beispiel.de/termine/webinar",
        None,
    ]
    assert "json-feed: 3" in result.tried


def test_json_without_events_is_said_to_be_of_an_unknown_shape():
    body = json.dumps({"products": [{"name": "Linse", "price": 12.5}]}).encode()
    result = extract(saved_page(body, "https://shop-beispiel.de/api/products", FETCHED), "x")
    assert result.events == []
    assert result.problems == [
        "JSON of an unknown shape: no list of entries with a title and a start"
    ]


# Modeled on radar.squat.net's event API (api/1.2/search/events.json): entries in an object
# keyed by their ids, each start in a list of occurrences.
KEYED_BY_ID = {
    "result": {
        "597687": {
            "title": "Konzert im Hof",
            "url": "https://radar.example/node/597687",
            "date_time": [
                {"value": "1796148000", "time_start": "2026-12-01T20:00:00+01:00",
                 "time_end": "2026-12-01T23:00:00+01:00", "rrule": None}
            ],
        },
        "597690": {
            "title": "Filmabend",
            "url": "https://radar.example/node/597690",
            "date_time": [{"time_start": "2026-12-04T19:30:00+01:00", "time_end": None}],
        },
    },
    "count": 2,
}  # fmt: skip

# Modeled on a Wix site's page data (script#wix-warmup-data): the Events app's list lies
# four objects deep, each start in scheduling.config, in UTC.
WIX = {
    "appsWarmupData": {
        "140603ad-af8d-84a5-2c80-a0f60cb47351": {
            "widgetcomp-kdgvr9vc": {
                "events": {
                    "events": [
                        {
                            "title": "Jazz am Montag",
                            "slug": "jazz-am-montag",
                            "location": {"name": "Kulturhaus", "address": "Markt 3, 07743 Jena"},
                            "scheduling": {
                                "config": {
                                    "startDate": "2026-12-07T18:00:00.000Z",
                                    "endDate": "2026-12-07T21:00:00.000Z",
                                    "timeZoneId": "Europe/Berlin",
                                },
                                "formatted": "7. Dezember 2026 um 19:00",
                            },
                        }
                    ]
                }
            }
        }
    }
}


def test_entries_keyed_by_id_and_starts_in_nested_objects():
    found, problems = json_feed.events(KEYED_BY_ID)
    assert [(e.title, e.start, e.end, e.url) for e in found] == [
        ("Konzert im Hof", datetime(2026, 12, 1, 20), datetime(2026, 12, 1, 23),
         "https://radar.example/node/597687"),
        ("Filmabend", datetime(2026, 12, 4, 19, 30), None, "https://radar.example/node/597690"),
    ]  # fmt: skip
    assert problems == []


def test_a_wix_pages_events_in_its_page_data():
    body = (
        '<html><body><div id="SITE_CONTAINER"></div><script type="application/json" '
        f'id="wix-warmup-data">{json.dumps(WIX)}</script></body></html>'
    ).encode()
    result = extract(saved_page(body, "https://www.kulturhaus-beispiel.de/", FETCHED), "x")
    assert [(e.title, e.start, e.end, e.location) for e in result.events] == [
        ("Jazz am Montag", datetime(2026, 12, 7, 19), datetime(2026, 12, 7, 22),
         "Kulturhaus, Markt 3, 07743 Jena"),
    ]  # fmt: skip


def test_a_talks_page_whose_script_holds_the_terms_talks_is_the_one_it_names():
    # Modeled on a colloquium site built by a script: each talk's page carries all talks
    talks = [
        {"title": "Agentic AI for Research", "start": "2026-12-08", "speaker": "A. Kim"},
        {"title": "Evolving AI Models Demand New Datacenters", "start": "2026-12-15"},
        {"title": "Searching Complex Design Spaces", "start": "2027-01-12"},
    ]
    page = (
        '<html><head><meta property="og:title" content="Evolving AI Models Demand New'
        ' Datacenters"><title>Evolving AI Models Demand New Datacenters — AI Colloquium'
        '</title></head><body><div id="talk"></div>'
        f"<script>const TALKS = {json.dumps(talks)};</script></body></html>"
    )
    url = "https://colloquium.example/talk-1215.html"
    result = extract(saved_page(page.encode(), url, FETCHED), "x")
    assert [(e.title, e.start) for e in result.events] == [
        ("Evolving AI Models Demand New Datacenters", date(2026, 12, 15))
    ]
    # the term's page, titled by none of them, lists them all
    listing = page.replace("Evolving AI Models Demand New Datacenters", "AI Colloquium", 2)
    result = extract(saved_page(listing.encode(), url, FETCHED), "x")
    assert len(result.events) == 3


def test_a_date_in_parts_takes_its_year_from_the_fetch():
    # Modeled on a real church's hand-made feed: day, a month's abbreviation, a time
    feed = {
        "veranstaltungen": [
            {"dateno": "28", "datemonth": "DEZ", "title": "Weihnachtsoratorium",
             "time": "17:00 Uhr", "caption": "Kantaten IV bis VI"},
            {"dateno": "6", "datemonth": "JAN", "title": "Neujahrskonzert", "time": "18:00 Uhr"},
            {"dateno": "31", "datemonth": "FEB", "title": "Kein Tag"},
        ]
    }  # fmt: skip
    found, problems = json_feed.events(feed, date(2026, 12, 1))
    assert [(e.title, e.start, e.description) for e in found] == [
        ("Weihnachtsoratorium", datetime(2026, 12, 28, 17), "Kantaten IV bis VI"),
        ("Neujahrskonzert", datetime(2027, 1, 6, 18), None),
    ]
    assert problems == ["JSON event 'Kein Tag' is malformed: its start '31. FEB' is no date"]


def test_a_meeting_portals_iso_date_time_beside_its_written_out_date():
    # Modeled on a real council's meeting portal feed: "dateTime" ISO, "date" for people
    feed = [
        {"id": 696, "dateTime": "2027-04-27T09:00:00", "date": "Apr 27, 2027",
         "time": "09:00 AM", "title": "Budget Meeting"},
        {"id": 697, "date": "Apr 28, 2027", "time": "06:30 PM", "title": "Regular Meeting"},
    ]  # fmt: skip
    found, problems = json_feed.events(feed, date(2027, 4, 1))
    assert [(e.title, e.start) for e in found] == [
        ("Budget Meeting", datetime(2027, 4, 27, 9)),
        ("Regular Meeting", datetime(2027, 4, 28, 18, 30)),
    ]
    assert problems == []


def test_a_written_out_start_comes_before_a_posts_iso_date_of_publication():
    feed = [
        {"id": 101, "date": "2027-01-10T08:15:00", "title": "Frühjahrsputz",
         "begin": "20.03.2027", "uhrzeit": "9 Uhr"},
    ]  # fmt: skip
    found, _ = json_feed.events(feed, date(2027, 1, 20))
    assert [(e.title, e.start) for e in found] == [("Frühjahrsputz", datetime(2027, 3, 20, 9))]


def test_lists_of_entries_keyed_by_year_are_all_read_with_starttime_and_endtime():
    # Modeled on a real music club's Hugo data file
    feed = {
        "2027": [{"title": "Jahreskonzert", "starttime": "2027-01-30", "endtime": "2027-01-31",
                  "location": {"name": "Kandertalhalle", "address": "Wollbach"}}],
        "2026": [{"title": "Sauser-Express", "starttime": "2026-10-10"}],
    }  # fmt: skip
    found, _ = json_feed.events(feed, date(2026, 10, 1))
    assert [(e.title, e.start, e.end, e.location) for e in found] == [
        ("Jahreskonzert", date(2027, 1, 30), date(2027, 1, 31), "Kandertalhalle, Wollbach"),
        ("Sauser-Express", date(2026, 10, 10), None, None),
    ]


def test_lists_of_other_kinds_beside_the_events_are_not_read_as_events():
    feed = {
        "konzerte": [{"title": "Frühjahrskonzert", "start": "2027-03-20T19:00"}],
        "news": [{"title": "Neue Uniformen", "date": "2027-01-10T08:00:00"}],
    }
    found, _ = json_feed.events(feed, date(2027, 1, 20))
    assert [e.title for e in found] == ["Frühjahrskonzert"]


# Modeled on Eventbrite's API (v3 organizer events): an "events" list, as The Events
# Calendar's REST answer has, whose names and times are objects.
EVENTBRITE = {
    "pagination": {"object_count": 1, "page_number": 1, "has_more_items": False},
    "events": [
        {
            "name": {"text": "Cybersicherheitstag Thüringen", "html": "Cybersicherheitstag"},
            "description": {"text": "Vorträge und Workshops.", "html": "<p>Vorträge</p>"},
            "url": "https://www.eventbrite.de/e/cybersicherheitstag-thueringen-123",
            "start": {"timezone": "Europe/Berlin", "local": "2027-03-02T08:30:00",
                      "utc": "2027-03-02T07:30:00Z"},
            "end": {"timezone": "Europe/Berlin", "local": "2027-03-02T16:00:00",
                    "utc": "2027-03-02T15:00:00Z"},
        }
    ],
}  # fmt: skip
# Google Calendar's API: a timed event and a whole day.
GOOGLE = {
    "kind": "calendar#events",
    "items": [
        {"summary": "Netzwerktreffen", "start": {"dateTime": "2027-01-14T18:00:00+01:00"},
         "end": {"dateTime": "2027-01-14T20:00:00+01:00"}},
        {"summary": "Messe Erfurt", "start": {"date": "2027-02-10"}, "end": {"date": "2027-02-12"}},
    ],
}  # fmt: skip


def test_an_events_list_of_another_api_than_the_events_calendars_is_read_by_its_names():
    page = saved_page(
        json.dumps(EVENTBRITE).encode(), "https://www.eventbriteapi.com/v3/x/", FETCHED
    )
    result = extract(page, "unknown")
    assert [(e.title, e.start, e.end) for e in result.events] == [
        ("Cybersicherheitstag Thüringen", datetime(2027, 3, 2, 8, 30), datetime(2027, 3, 2, 16, 0))
    ]
    assert result.events[0].description == "Vorträge und Workshops."


def test_google_calendars_start_objects_are_moments_and_whole_days():
    found, problems = json_feed.events(GOOGLE)
    assert [(e.title, e.start, e.end, e.all_day) for e in found] == [
        ("Netzwerktreffen", datetime(2027, 1, 14, 18, 0), datetime(2027, 1, 14, 20, 0), False),
        ("Messe Erfurt", date(2027, 2, 10), date(2027, 2, 11), True),
    ]


# Modeled on Mobilizon's federated event (ActivityStreams, schema.org's place and address):
# one object, not a list; its times in UTC.
ACTIVITY_EVENT = {
    "@context": ["https://www.w3.org/ns/activitystreams", {"sc": "http://schema.org#"}],
    "type": "Event",
    "id": "https://mobilizon.beispiel.de/events/7f0c",
    "url": "https://mobilizon.beispiel.de/events/7f0c",
    "name": "Repair-Café im Stadtteilzentrum",
    "startTime": "2027-01-16T13:00:00Z",
    "endTime": "2027-01-16T16:00:00Z",
    "published": "2026-11-28T09:12:00Z",
    "location": {
        "type": "Place",
        "name": "Stadtteilzentrum LISA",
        "address": {
            "type": "PostalAddress",
            "streetAddress": "Werner-Seelenbinder-Straße 28a",
            "postalCode": "07747",
            "addressLocality": "Jena",
        },
    },
}
# A Mastodon poll: an endTime (when voting closes), no event
ACTIVITY_POLL = {
    "type": "Question",
    "name": "Welcher Termin passt?",
    "endTime": "2027-01-10T12:00:00Z",
    "published": "2026-11-28T09:12:00Z",
}


def test_an_activitypub_event_is_one_event_and_a_poll_none():
    found, problems = json_feed.events(ACTIVITY_EVENT)
    assert [(e.title, e.start, e.end, e.location) for e in found] == [
        (
            "Repair-Café im Stadtteilzentrum",
            datetime(2027, 1, 16, 14, 0),
            datetime(2027, 1, 16, 17, 0),
            "Stadtteilzentrum LISA, Werner-Seelenbinder-Straße 28a, 07747 Jena",
        )
    ]
    assert json_feed.events(ACTIVITY_POLL) == ([], [])


def test_an_odata_collection_names_its_fields_in_its_own_case_and_with_event_before():
    # Modeled on a city content API (OData): entries under "value", the title as "Subject",
    # dates as "EventStartDate"; the page's own dates of publication and expiry are no start
    odata = {
        "odata.metadata": "https://www.example-stadt.de/api/v1/$metadata#Contents",
        "value": [
            {
                "ContentId": 93902,
                "Subject": "Führung durch die Glashütte",
                "PublicDate": "2026-06-08T13:53:00",
                "ExpiryDate": "2029-12-05T15:16:00",
                "EventStartDate": "2027-03-07T14:00:00",
                "EventEndDate": "2027-03-07T15:00:00",
                "Event_URL": "https://www.example-stadt.de/museum/glashuette",
            },
            {"ContentId": 93903, "Subject": "Sprechzeiten", "PublicDate": "2026-06-09T10:00:00"},
        ],
    }
    found, problems = json_feed.events(odata)
    assert [(e.title, e.start, e.end, e.url) for e in found] == [
        (
            "Führung durch die Glashütte",
            datetime(2027, 3, 7, 14, 0),
            datetime(2027, 3, 7, 15, 0),
            "https://www.example-stadt.de/museum/glashuette",
        )
    ]
    assert problems == []


def test_entries_grouped_by_month_are_all_read_each_day_at_the_clock_beside_it():
    # Modeled on a club's file of a town calendar's events: groups by month, an ISO day
    # and its clock apart, "00:00" for no time, the town's page as "sourceUrl"
    grouped = [
        {"month": "Juni 2027", "events": [
            {"date": "2027-06-27", "time": "00:00", "title": "Tag der offenen Tür",
             "sourceUrl": "https://www.example-stadt.de/veranstaltungen/detail-1.html"}]},
        {"month": "Juli 2027", "events": [
            {"date": "2027-07-11", "time": "15:30", "title": "Königsschießen"},
            {"date": "2027-07-16", "time": "16:45", "title": "Schützenfest"}]},
    ]  # fmt: skip
    found, problems = json_feed.events(grouped)
    assert [(e.title, e.start, e.all_day, e.url) for e in found] == [
        ("Tag der offenen Tür", date(2027, 6, 27), True,
         "https://www.example-stadt.de/veranstaltungen/detail-1.html"),
        ("Königsschießen", datetime(2027, 7, 11, 15, 30), False, None),
        ("Schützenfest", datetime(2027, 7, 16, 16, 45), False, None),
    ]  # fmt: skip
    assert problems == []
