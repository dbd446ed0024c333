"""The Events Calendar's REST APIs: tribe/events/v1 (an archive object) and tec/v1 (a flat
array paged by a Link header), modeled on the plugin's endpoint definitions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from netzwerktimer_crawl.extract import extract, saved_page, tribe_api

# Modeled after tec/v1's Event_Definition (not a capture): rendered titles, local and UTC
# dates, a venue list; the second event is all day, the third's title a plain string.
TEC_V1 = [
    {
        "id": 41,
        "link": "https://optonet-jena.de/veranstaltung/photonik-fruehstueck/",
        "title": {"rendered": "Photonik-Fr&uuml;hst&uuml;ck"},
        "start_date": "2026-12-03 08:30:00",
        "end_date": "2026-12-03 10:00:00",
        "start_date_utc": "2026-12-03 07:30:00",
        "end_date_utc": "2026-12-03 09:00:00",
        "timezone": "Europe/Berlin",
        "all_day": False,
        "venues": [
            {
                "title": {"rendered": "Volkshaus"},
                "address": "Carl-Zeiß-Platz 15",
                "zip": "07743",
                "city": "Jena",
            }
        ],  # fmt: skip
    },
    {
        "id": 42,
        "link": "https://optonet-jena.de/veranstaltung/optatec/",
        "title": {"rendered": "OPTATEC Gemeinschaftsstand"},
        "start_date": "2027-05-11 00:00:00",
        "end_date": "2027-05-13 23:59:59",
        "timezone": "Europe/Berlin",
        "all_day": True,
        "venues": [],
    },
    {
        "id": 43,
        "link": "https://optonet-jena.de/veranstaltung/webinar/",
        "title": "Webinar Quantensensorik",
        "start_date": "2027-01-20T16:00:00",
        "timezone": "UTC",
        "all_day": False,
    },
]


def test_tec_v1_flat_array_is_read():
    assert tribe_api.is_response(TEC_V1)
    found, problems = tribe_api.events(TEC_V1)
    assert problems == []
    assert [(e.title, e.start, e.end, e.all_day, e.location, e.url) for e in found] == [
        (
            "Photonik-Frühstück",
            datetime(2026, 12, 3, 8, 30),
            datetime(2026, 12, 3, 10, 0),
            False,
            "Volkshaus, Carl-Zeiß-Platz 15, 07743 Jena",
            "https://optonet-jena.de/veranstaltung/photonik-fruehstueck/",
        ),
        (
            "OPTATEC Gemeinschaftsstand",
            date(2027, 5, 11),
            date(2027, 5, 13),
            True,
            None,
            "https://optonet-jena.de/veranstaltung/optatec/",
        ),  # fmt: skip
        # a site set to UTC: 16:00 there is 17:00 in Berlin
        (
            "Webinar Quantensensorik",
            datetime(2027, 1, 20, 17, 0),
            None,
            False,
            None,
            "https://optonet-jena.de/veranstaltung/webinar/",
        ),  # fmt: skip
    ]


def test_tec_v1_pages_by_its_link_header():
    header = '<https://optonet-jena.de/wp-json/tec/v1/events?page=2>; rel="next"'
    assert (
        tribe_api.next_page(TEC_V1, header)
        == "https://optonet-jena.de/wp-json/tec/v1/events?page=2"
    )
    assert tribe_api.next_page(TEC_V1, None) is None


def test_a_malformed_entry_loses_only_itself():
    broken = [*TEC_V1[:1], {"id": 9, "start_date": 20261203, "title": "kaputt"}]
    found, problems = tribe_api.events(broken)
    assert [e.title for e in found] == ["Photonik-Frühstück"]
    assert problems == ["event 9 (kaputt) is malformed: not a date-time: 20261203"]


def test_the_chain_reads_a_saved_tec_v1_response():
    body = json.dumps(TEC_V1).encode()
    response = saved_page(body, "https://optonet-jena.de/wp-json/tec/v1/events",
                          datetime(2026, 11, 20, tzinfo=UTC), "application/json")  # fmt: skip
    result = extract(response, "optonet")
    assert [e.title for e in result.events] == [
        "Photonik-Frühstück", "OPTATEC Gemeinschaftsstand", "Webinar Quantensensorik",
    ]  # fmt: skip
    assert result.tried == ["tribe-api: 3"]


def test_one_event_of_tribe_v1_is_read():
    # /wp-json/tribe/events/v1/events/<id>: the archive's entry, alone at the top
    one = {
        "id": 8212, "rest_url": "https://tc.example/wp-json/tribe/events/v1/events/8212",
        "url": "https://tc.example/event/interclub/", "title": "Interclub Damen 40+",
        "start_date": "2026-06-27 09:00:00", "end_date": "2026-06-27 13:00:00",
        "utc_start_date": "2026-06-27 07:00:00", "utc_end_date": "2026-06-27 11:00:00",
        "all_day": False, "venue": {"venue": "Tennisanlage Süd", "city": "Weimar"},
    }  # fmt: skip
    response = saved_page(json.dumps(one).encode(), one["rest_url"],
                          datetime(2026, 6, 1, tzinfo=UTC), "application/json")  # fmt: skip
    result = extract(response, "unknown")
    assert [(e.title, e.start, e.end, e.city) for e in result.events] == [
        ("Interclub Damen 40+", datetime(2026, 6, 27, 9), datetime(2026, 6, 27, 13), "Weimar")
    ]
