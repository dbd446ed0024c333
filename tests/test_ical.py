"""iCal feeds (extract/ical.py): each occurrence of a series is an event of its own, the
expansion of a series is bounded, and an event or series that cannot be read loses only
itself."""

import json
import sqlite3
import time
from datetime import UTC, datetime

import pytest
from conftest import netzwerktimer, rehearse

from netzwerktimer_crawl.berlin import iso
from netzwerktimer_crawl.extract import ical
from netzwerktimer_crawl.replay import SNAPSHOTS

FETCHED = datetime(2026, 11, 16, 8, tzinfo=UTC)
FEED = "https://www.cci-thueringen.de/events.ics"
PAGE = "https://www.cci-thueringen.de/veranstaltungen/netzwerkfruehstueck/"
# The CCIT feed's monthly series (six Thursdays from 19 November 2026), and the same
# series given a page of its own, as the report that found the collapse did.
SERIES = "RRULE:FREQ=MONTHLY;BYDAY=3TH;COUNT=6\n"
WITH_URL = f"{SERIES}URL:{PAGE}\n"
# The feed's other events, which no broken neighbour may take along.
SINGLE = "UID:ok-single\nSUMMARY:Einzeltermin\nDTSTART:20261201T100000\n"
WEEKLY = "UID:ok-series\nSUMMARY:Wochentermin\nDTSTART:20261202T100000\nRRULE:FREQ=WEEKLY;COUNT=3\n"
GOOD = [("Einzeltermin", "2026-12-01T10:00")] + [
    ("Wochentermin", day) for day in ("2026-12-02T10:00", "2026-12-09T10:00", "2026-12-16T10:00")
]


def feed(*events: str) -> str:
    """A calendar of VEVENTs, each given as its property lines."""
    body = "".join(f"BEGIN:VEVENT\n{lines}END:VEVENT\n" for lines in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\n{body}END:VCALENDAR\n".replace("\n", "\r\n")


def ccit_feed(*changes: tuple[str, str]) -> str:
    """The CCIT snapshot's feed, its series given a URL and any other `changes`."""
    text = (SNAPSHOTS / "ccit" / "events.ics").read_text(encoding="utf-8")
    for old, new in ((SERIES, WITH_URL), *changes):
        assert old in text
        text = text.replace(old, new)
    return text


def read(text: str, fetched: datetime | None = FETCHED):
    found, problems = ical.events(text, fetched)
    return sorted((e.title, iso(e.start)) for e in found), problems


def extract(tmp_path, text: str) -> list[dict]:
    """`netzwerktimer extract`: the chain and the pipeline's stages, ids included."""
    path = tmp_path / "events.ics"
    path.write_text(text, encoding="utf-8")
    result = netzwerktimer("extract", str(path), "--url", FEED, "--fetched", "2026-11-16")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def breakfasts(rows: list[dict]) -> list[tuple[str, str]]:
    return sorted((r["start"], r["id"]) for r in rows if r["title"] == "CCIT-Netzwerkfrühstück")


# Each occurrence is its own event


def test_each_occurrence_keeps_its_slot_in_the_series():
    # extra["occurrence"] is the occurrence's RECURRENCE-ID: its day, or its minute when the
    # series meets twice that day. It is what identifies the occurrence across runs (the
    # dedupe stage keys on it), and a moved occurrence keeps it and replaces its slot.
    text = feed(
        "UID:s1\nSUMMARY:Stammtisch\nDTSTART;TZID=Europe/Berlin:20261201T180000\n"
        f"RRULE:FREQ=WEEKLY;COUNT=3\nURL:{PAGE}\n",
        "UID:s1\nSUMMARY:Stammtisch (verlegt)\nRECURRENCE-ID;TZID=Europe/Berlin:20261208T180000\n"
        f"DTSTART;TZID=Europe/Berlin:20261209T190000\nURL:{PAGE}\n",
        f"UID:s2\nSUMMARY:Sprechstunde\nDTSTART:20261201T090000\n"
        f"RRULE:FREQ=DAILY;BYHOUR=9,14;COUNT=4\nURL:{PAGE}\n",
    )
    found, problems = ical.events(text, FETCHED)
    assert problems == []
    assert sorted((iso(e.start), e.title, e.extra.get("occurrence")) for e in found) == [
        ("2026-12-01T09:00", "Sprechstunde", "2026-12-01T09:00"),
        ("2026-12-01T14:00", "Sprechstunde", "2026-12-01T14:00"),
        ("2026-12-01T18:00", "Stammtisch", "2026-12-01"),
        ("2026-12-02T09:00", "Sprechstunde", "2026-12-02T09:00"),
        ("2026-12-02T14:00", "Sprechstunde", "2026-12-02T14:00"),
        ("2026-12-09T19:00", "Stammtisch (verlegt)", "2026-12-08"),
        ("2026-12-15T18:00", "Stammtisch", "2026-12-15"),
    ]


def test_a_series_with_a_url_stays_six_events_through_the_pipeline(tmp_path):
    # The reported case: one URL line on the CCIT series, and all six occurrences share it.
    rows = breakfasts(extract(tmp_path, ccit_feed()))
    assert [start for start, _ in rows] == [
        "2026-11-19T08:30",
        "2026-12-17T08:30",
        "2027-01-21T08:30",
        "2027-02-18T08:30",
        "2027-03-18T08:30",
        "2027-04-15T08:30",
    ]
    assert len({id for _, id in rows}) == 6


def test_two_occurrences_of_one_day_stay_two_events_through_the_pipeline(tmp_path):
    daily = f"RRULE:FREQ=DAILY;BYHOUR=8,14;BYMINUTE=30;COUNT=6\nURL:{PAGE}\n"
    rows = breakfasts(extract(tmp_path, ccit_feed((WITH_URL, daily))))
    assert [start for start, _ in rows] == [
        f"2026-11-{day}T{hour}:30" for day in (19, 20, 21) for hour in ("08", "14")
    ]
    assert len({id for _, id in rows}) == 6


def test_an_occurrence_keeps_its_row_when_the_horizon_moves(tmp_path, snapshot_copy):
    # The series from 18 June 2026, monthly: in the horizon of a fetch on 1 August, and
    # more than 90 days past on 16 November (fetch dates after the clock are not taken).
    moved = [(f"20261119T{t}", f"20260618T{t}") for t in ("083000", "100000")]
    text = ccit_feed(*moved, ("COUNT=6", "COUNT=12"))
    folder = snapshot_copy.folder / "ccit"
    (folder / "events.ics").write_text(text, encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text())
    db = tmp_path / "n.db"
    for captured in ("2026-08-01T08:00:00+00:00", "2026-11-16T08:00:00+00:00"):
        manifest["captured"] = captured
        (folder / "manifest.json").write_text(json.dumps(manifest))
        result = rehearse(db, snapshot_copy.folder, "ccit")
        assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(db) as connection:
        starts = connection.execute(
            "select start from events where title = 'CCIT-Netzwerkfrühstück' order by start"
        ).fetchall()
        moved = connection.execute("select * from changes where field = 'start'").fetchall()
    assert [s[:10] for (s,) in starts][:3] == ["2026-06-18", "2026-07-16", "2026-08-20"]
    assert len(starts) == 12 and moved == []


# Bounded expansion


def test_a_series_every_minute_is_cut_lazily_and_says_so():
    # Was 576,551 occurrences, 2 GB and 80 s.
    text = feed(
        SINGLE, WEEKLY, "UID:tick@x\nSUMMARY:Ticker\nDTSTART:20261116T090000\nRRULE:FREQ=MINUTELY\n"
    )
    began = time.monotonic()
    found, problems = read(text)
    assert time.monotonic() - began < 10
    ticks = [start for title, start in found if title == "Ticker"]
    assert len(ticks) == ical.SERIES_LIMIT
    assert ticks[0] == "2026-11-16T09:00" and ticks[-1] == "2026-11-16T17:19"
    assert [e for e in found if e[0] != "Ticker"] == GOOD
    assert problems == [
        f"series 'Ticker' (UID tick@x) has more than {ical.SERIES_LIMIT} occurrences "
        f"between 2026-08-18 and 2027-12-21: kept the first {ical.SERIES_LIMIT}, "
        "to 2026-11-16T17:19"
    ]


def test_a_dense_series_from_long_ago_is_not_walked_to_the_horizon():
    # dateutil walks every occurrence from DTSTART: six years of minutes are 3 million steps.
    text = feed(
        SINGLE, WEEKLY, "UID:old@x\nSUMMARY:Uralt\nDTSTART:20200101T000000\nRRULE:FREQ=MINUTELY\n"
    )
    began = time.monotonic()
    found, problems = read(text)
    assert time.monotonic() - began < 10
    assert found == GOOD
    assert problems == [
        "series 'Uralt' (UID old@x) not expanded, kept none: its rule takes more than "
        f"{ical.SERIES_STEPS} steps from 2020-01-01T00:00 to the horizon"
    ]


def test_the_feed_bounds_the_occurrences_of_all_its_series(monkeypatch):
    monkeypatch.setattr(ical, "FEED_LIMIT", 8)
    weekly = "DTSTART:20261202T100000\nRRULE:FREQ=WEEKLY;COUNT=5\n"
    text = feed(*(f"UID:w{n}\nSUMMARY:Reihe {n}\n{weekly}" for n in (1, 2, 3, 4)))
    found, problems = read(text)
    assert [title for title, _ in found] == ["Reihe 1"] * 5 + ["Reihe 2"] * 3
    assert problems == [
        "series 'Reihe 2' (UID w2) reaches the feed's limit of 8 occurrences: kept the "
        "first 3, to 2026-12-16T10:00",
        "2 series not expanded, the feed's limit of 8 occurrences is reached, kept none: "
        "'Reihe 3' (UID w3), 'Reihe 4' (UID w4)",
    ]


def test_a_feed_of_ordinary_series_is_not_cut():
    # Weekly since 2015, and daily for the whole horizon: all kept, no problems.
    text = feed(
        "UID:a\nSUMMARY:Jour fixe\nDTSTART:20150105T090000\nRRULE:FREQ=WEEKLY\n",
        "UID:b\nSUMMARY:Ausstellung\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=DAILY\n",
    )
    found, problems = read(text)
    assert problems == []
    assert sum(title == "Ausstellung" for title, _ in found) == 491  # 90 + 400 days, both ends
    assert sum(title == "Jour fixe" for title, _ in found) == 70


def test_a_series_that_ended_before_the_horizon_is_kept_whole_as_a_past_event_is():
    # A course of last year's spring, as a Google Calendar export keeps it, beside a one-off
    # event of the same spring: both are the feed's past, and neither is dropped.
    text = feed(
        "UID:kurs\nSUMMARY:Aktzeichnen\nDTSTART;TZID=Europe/Berlin:20250204T190000\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20250304T180000Z;BYDAY=TU\n"
        "EXDATE;TZID=Europe/Berlin:20250218T190000\n",
        "UID:fest\nSUMMARY:Frühlingsfest\nDTSTART;TZID=Europe/Berlin:20250322T150000\n",
    )
    found, problems = read(text)
    assert problems == []
    assert found == [
        ("Aktzeichnen", "2025-02-04T19:00"), ("Aktzeichnen", "2025-02-11T19:00"),
        ("Aktzeichnen", "2025-02-25T19:00"), ("Aktzeichnen", "2025-03-04T19:00"),
        ("Frühlingsfest", "2025-03-22T15:00"),
    ]  # fmt: skip


def test_an_until_without_a_zone_is_in_the_zone_of_the_series_start():
    # As Google Calendar exports a series (RFC 5545 wants UNTIL in UTC): read as UTC, its
    # 23:59:59 ends the New York series four hours early, before the last Tuesday's 20:00.
    text = feed(
        "UID:bachata\nSUMMARY:Bachata Tuesdays\nDTSTART;TZID=America/New_York:20261201T200000\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20261222T235959;BYDAY=TU\n"
    )
    found, problems = read(text)
    assert problems == []
    # 20:00 in New York is 02:00 the next morning in Berlin
    assert [start for _, start in found] == [
        "2026-12-02T02:00", "2026-12-09T02:00", "2026-12-16T02:00", "2026-12-23T02:00",
    ]  # fmt: skip


def test_events_without_a_uid_stand_alone():
    text = feed(
        "SUMMARY:Reihe A\nDTSTART:20261201T100000\nRRULE:FREQ=WEEKLY;COUNT=2\n",
        "SUMMARY:Reihe B\nDTSTART:20261202T100000\nRRULE:FREQ=WEEKLY;COUNT=2\n",
        "SUMMARY:Damals\nDTSTART:20200101T100000\n",  # a single event has no horizon
    )
    assert read(text) == (
        [
            ("Damals", "2020-01-01T10:00"),
            ("Reihe A", "2026-12-01T10:00"),
            ("Reihe A", "2026-12-08T10:00"),
            ("Reihe B", "2026-12-02T10:00"),
            ("Reihe B", "2026-12-09T10:00"),
        ],
        [],
    )


# A broken event or series loses only itself


@pytest.mark.parametrize(
    "broken, problem",
    [
        # UTC at the end of year 9999 is past it in Berlin time
        (
            "UID:far\nSUMMARY:Fern\nDTSTART:99991231T233000Z\n",
            "VEVENT 'far' is unreadable: date value out of range",
        ),
        (
            "UID:bad\nSUMMARY:Kaputt\nDTSTART:2026-11-3O 25:61\nRRULE:FREQ=DAILY\n",
            "series 'Kaputt' (UID bad) is unreadable: ",
        ),
        (
            "UID:rule\nSUMMARY:Regel\nDTSTART:20261201T100000\nRRULE:FREQ=FOO\n",
            "series 'Regel' (UID rule) is unreadable: ",
        ),
        (
            "UID:nostart\nSUMMARY:Ohne Beginn\nRRULE:FREQ=DAILY;COUNT=2\n",
            "series 'Ohne Beginn' (UID nostart) is unreadable: ",
        ),
    ],
    ids=["year-9999-utc", "unparseable-dtstart", "unknown-freq", "no-dtstart"],
)
def test_a_broken_event_is_a_problem_of_its_own(broken, problem):
    found, problems = read(feed(SINGLE, broken, WEEKLY))
    assert found == GOOD
    assert len(problems) == 1 and problems[0].startswith(problem)


def test_a_broken_time_zone_loses_only_itself():
    # The Events Calendar's export on a real site: one VTIMEZONE with two TZIDs. The
    # events keep their IANA zone by its name.
    zone = (
        "BEGIN:VTIMEZONE\nTZID:UTC\nBEGIN:STANDARD\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0000\n"
        "TZNAME:UTC\nDTSTART:20240101T000000\nEND:STANDARD\nTZID:America/Chicago\n"
        "BEGIN:DAYLIGHT\nTZOFFSETFROM:-0600\nTZOFFSETTO:-0500\nTZNAME:CDT\n"
        "DTSTART:20240310T080000\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
    ).replace("\n", "\r\n")
    text = feed(SINGLE, "UID:chi\nSUMMARY:Sitzung\nDTSTART;TZID=America/Chicago:20261201T083000\n")
    text = text.replace("VERSION:2.0\r\n", f"VERSION:2.0\r\n{zone}")
    found, problems = read(text)
    assert found == [("Einzeltermin", "2026-12-01T10:00"), ("Sitzung", "2026-12-01T15:30")]
    assert problems[0].startswith("iCal feed does not parse as a whole")
    assert "VTIMEZONE 0 is malformed; left out" in problems


def test_an_event_of_year_9999_goes_no_further_than_validation(tmp_path):
    rows = extract(tmp_path, feed(SINGLE, "UID:far\nSUMMARY:Fern\nDTSTART:99991231T100000\n"))
    assert [r["title"] for r in rows] == ["Einzeltermin"]


@pytest.mark.parametrize(
    ("lines", "start", "end", "all_day"),
    [
        # DURATION instead of DTEND, timed and all-day (RFC 5545 3.8.2.5)
        ("DTSTART:20261210T140000\nDURATION:PT2H30M\n", "2026-12-10T14:00", "2026-12-10T16:30",
         False),
        ("DTSTART;VALUE=DATE:20261216\nDURATION:P2D\n", "2026-12-16", "2026-12-17", True),
        # a generator's one-day event whose exclusive DTEND is its DTSTART: that day, no end
        ("DTSTART;VALUE=DATE:20261026\nDTEND;VALUE=DATE:20261026\n", "2026-10-26", None, True),
        # Days written as times are days, not events from midnight to midnight: in Berlin time,
        ("DTSTART;TZID=Europe/Berlin:20261211T000000\n"
         "DTEND;TZID=Europe/Berlin:20261213T000000\n", "2026-12-11", "2026-12-12", True),
        ("DTSTART:20261214T230000Z\nDTEND:20261215T230000Z\n", "2026-12-15", None, True),
        # at midnight UTC (DPCalendar), or marked all-day by Outlook.
        ("DTSTART:20261214T000000Z\nDTEND:20261215T000000Z\n", "2026-12-14", None, True),
        ("DTSTART:20261218T000000\nDTEND:20261218T235900\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE\n",
         "2026-12-18", None, True),
        # A night that ends at midnight keeps its times.
        ("DTSTART;TZID=Europe/Berlin:20261219T200000\nDTEND;TZID=Europe/Berlin:20261220T000000\n",
         "2026-12-19T20:00", "2026-12-20T00:00", False),
    ],
)  # fmt: skip
def test_the_end_and_whole_days_as_the_feed_writes_them(lines, start, end, all_day):
    (event,), problems = ical.events(feed(f"UID:x\nSUMMARY:Messe\n{lines}"), FETCHED)
    assert (iso(event.start), iso(event.end), event.all_day) == (start, end, all_day)
    assert problems == []


def test_a_long_series_that_ends_keeps_the_horizons_occurrences_not_its_oldest():
    # daily from 2015 to 2030: more than a series may keep from its start, so the horizon's
    text = feed(
        "UID:d\nSUMMARY:Täglich\nDTSTART;VALUE=DATE:20150101\nRRULE:FREQ=DAILY;UNTIL=20301231\n"
    )
    found, problems = read(text)
    assert problems == []
    assert (found[0][1], found[-1][1], len(found)) == ("2026-08-18", "2027-12-21", 491)


def test_a_town_halls_closing_days_are_no_events_and_are_said_to_be_left_out(tmp_path):
    # a municipal feed writes its office's days off as all-day entries like its events
    text = feed(
        "UID:1\nSUMMARY:15.05.2026   Brückentag nach Himmelfahrt\nDTSTART;VALUE=DATE:20260515\n",
        "UID:2\nSUMMARY:Schließtag vor Weihnachten\nDTSTART;VALUE=DATE:20261223\n",
        "UID:3\nSUMMARY:Betriebsruhe 2026\nDTSTART;VALUE=DATE:20261224\n",
        "UID:4\nSUMMARY:Weihnachtsmarkt am Rathaus\nDTSTART;VALUE=DATE:20261212\n",
        # a day off named for something else, whose text says only that the office is closed
        "UID:5\nSUMMARY:Administrative Day\nDESCRIPTION:Office Closed\n"
        "DTSTART;VALUE=DATE:20261209\n",
        "UID:6\nSUMMARY:Tag der offenen Tür\nDESCRIPTION:Das Amt ist an diesem Tag für den"
        " Publikumsverkehr geschlossen, dafür zeigen wir Ihnen alle Räume.\n"
        "DTSTART;VALUE=DATE:20261210\n",
        # a sports hall's feed of its closures and of its regular opening hours, every day
        "UID:7\nSUMMARY:Stengt: Påskeaften\nDTSTART;VALUE=DATE:20261211\n",
        "UID:8\nSUMMARY:Ordinære åpningstider\nDTSTART:20261211T080000\n",
    )
    path = tmp_path / "events.ics"
    path.write_text(text, encoding="utf-8")
    result = netzwerktimer("extract", str(path), "--url", FEED, "--fetched", "2026-11-16")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["title"], r["start"]) for r in rows] == [
        ("Weihnachtsmarkt am Rathaus", "2026-12-12"), ("Tag der offenen Tür", "2026-12-10")
    ]  # fmt: skip
    assert "left out 6 closure(s) or opening hours, not events" in result.stderr


def test_a_series_of_listed_days_without_a_rule_is_each_of_its_days():
    # Data::ICal's export of a monthly show: DTSTART and RDATEs, no RRULE
    days = "".join(
        f"RDATE;VALUE=DATE-TIME:{d}T190000Z\n" for d in ("20261205", "20270102", "20270206")
    )
    text = feed(
        f"UID:hpr\nSUMMARY:Community News\nDTSTART:20261205T190000Z\nDTEND:20261205T210000Z\n{days}"
    )
    found, problems = read(text)
    assert problems == []
    assert found == [
        ("Community News", "2026-12-05T20:00"), ("Community News", "2027-01-02T20:00"),
        ("Community News", "2027-02-06T20:00"),
    ]  # fmt: skip


def test_a_link_to_the_mail_an_event_came_from_is_no_url_and_loses_no_event():
    text = feed(
        "UID:wein\nSUMMARY:Weinabend\nDTSTART;TZID=Europe/Berlin:20261216T193000\n"
        "URL;VALUE=URI:message:%3C1836419472.103507@example.org%3E\n"
    )
    found, problems = ical.events(text, FETCHED)
    assert [(e.title, e.url) for e in found] == [("Weinabend", None)] and problems == []
