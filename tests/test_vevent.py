"""vevent.py writes VEVENTs as text; icalendar, which calendar programs' parsers agree with,
must read back what the row says."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from netzwerktimer_crawl.vevent import Skipped, fold, vevent

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
ROW = {
    "id": "optonet-4f2a",
    "title": "Photonik-Stammtisch; Laser, Optik & Co.",
    "start": "2026-11-19T18:00",
    "end": "2026-11-19T20:30",
    "all_day": 0,
    "url": "https://optonet-jena.de/veranstaltung/stammtisch/?a=1,2;b",
    "description": "Erst Vorträge,\ndann Gespräche über C:\\Optik – " + "ü" * 80 + " 🔬",
    "location": "Zeiss-Planetarium, Jena",
    "city": "Jena",
    "status": None,
    "attendance": "mixed",
    "network_name": "OptoNet",
    "first_seen": "2026-11-02T07:00:00Z",
    "last_seen": "2026-11-16T08:00:00Z",
    "last_changed": "2026-11-10T06:15:00Z",
    "sequence": 2,
}


def read(row: dict) -> dict:
    text, _ = vevent(row, TODAY, NOW)
    calendar = Calendar.from_ical("BEGIN:VCALENDAR\r\n" + text + "END:VCALENDAR\r\n")
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_timed_event_reads_back_as_the_row_says():
    event = read(ROW)
    assert str(event["SUMMARY"]) == "Photonik-Stammtisch; Laser, Optik & Co."
    assert event.decoded("DTSTART") == datetime(2026, 11, 19, 18, 0, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND") == datetime(2026, 11, 19, 20, 30, tzinfo=BERLIN)
    assert str(event["UID"]) == "optonet-4f2a@netzwerktimer-thueringen.de"
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    assert event.decoded("CREATED") == datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
    assert event.decoded("LAST-MODIFIED") == datetime(2026, 11, 10, 6, 15, tzinfo=UTC)
    assert event.decoded("SEQUENCE") == 2
    assert str(event["LOCATION"]) == "Zeiss-Planetarium, Jena und online"
    assert str(event["URL"]) == "https://optonet-jena.de/veranstaltung/stammtisch/?a=1,2;b"
    assert event["CATEGORIES"].cats == ["OptoNet"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["DESCRIPTION"]) == (
        "Erst Vorträge,\ndann Gespräche über C:\\Optik – " + "ü" * 80 + " 🔬\n\n"
        "Veranstalter: OptoNet\n\n"
        "Anmeldung und Einzelheiten: https://optonet-jena.de/veranstaltung/stammtisch/?a=1,2;b"
    )


def test_an_all_day_span_has_dates_and_an_exclusive_end():
    event = read(ROW | {"start": "2026-11-23", "end": "2026-11-25", "all_day": 1})
    assert event.decoded("DTSTART") == date(2026, 11, 23)
    assert event.decoded("DTEND") == date(2026, 11, 26)


def test_a_day_without_end_is_that_day():
    event = read(ROW | {"start": "2026-11-23", "end": None, "all_day": 1})
    assert event.decoded("DTSTART") == date(2026, 11, 23)
    assert event.decoded("DTEND") == date(2026, 11, 24)


def test_postponed_and_cancelled_online_events():
    postponed = read(ROW | {"status": "postponed"})
    assert str(postponed["SUMMARY"]).startswith("Verschoben: Photonik")
    assert str(postponed["STATUS"]) == "TENTATIVE"
    cancelled = read(ROW | {"status": "cancelled", "attendance": "online", "location": None,
                            "city": None})  # fmt: skip
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["LOCATION"]) == "Online"


def test_an_event_never_crawled_is_stamped_now_and_has_no_sequence():
    event = read(ROW | {"first_seen": None, "last_seen": None, "last_changed": None,
                        "sequence": 0})  # fmt: skip
    assert event.decoded("DTSTAMP") == NOW
    assert "SEQUENCE" not in event and "CREATED" not in event


@pytest.mark.parametrize("start", ["19.11.2026", "1903-01-01T10:00", "2999-01-01"])
def test_no_calendar_takes_a_date_that_is_none(start):
    with pytest.raises(Skipped):
        vevent(ROW | {"start": start, "end": None}, TODAY, NOW)


@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_folded_lines_are_short_and_unfold_to_the_line(value):
    line = "DESCRIPTION:" + value.replace("\r", "").replace("\n", "")
    folded = fold(line)
    assert folded.endswith("\r\n")
    parts = folded[:-2].split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line
