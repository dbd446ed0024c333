"""Table-driven tests for netzwerktimer_crawl.dates (cases in tests/date_cases.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
from date_cases import CASES, GROUPS, REF, Case, case_id

from netzwerktimer_crawl.dates import TimeSpan, When, find_times, parse_sessions, parse_when


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_parse_when(case: Case) -> None:
    when = parse_when(case.text, case.reference, case.prefer)
    if case.start is None:
        assert when is None
        return
    assert when is not None, "no date found"
    assert (when.start_iso, when.end_iso, when.all_day) == (case.start, case.end, case.all_day)


def test_table_is_large_and_ids_are_unique() -> None:
    assert len(CASES) >= 300
    assert all(len(rows) >= 10 for rows in GROUPS.values())
    duplicates = [i for i, n in Counter(map(case_id, CASES)).items() if n > 1]
    assert not duplicates


def test_types_follow_all_day() -> None:
    day = parse_when("3.–5. Juni 2025")
    assert day == When(date(2025, 6, 3), date(2025, 6, 5), True)
    assert type(day.start) is date and type(day.end) is date
    timed = parse_when("10.05.2025 18:00–11.05.2025 12:00")
    assert timed == When(datetime(2025, 5, 10, 18), datetime(2025, 5, 11, 12), False)
    assert timed.iso() == ("2025-05-10T18:00", "2025-05-11T12:00")
    single = parse_when("14.10.2025")
    assert single is not None and single.end is None and single.end_iso is None


def test_when_is_frozen_and_hashable() -> None:
    when = parse_when("14.10.2025")
    with pytest.raises(AttributeError):
        when.start = date(2000, 1, 1)  # type: ignore[misc]
    assert {when, parse_when("14.10.2025")} == {when}


@pytest.mark.parametrize("value", [None, 20251014, 14.1, b"14.10.2025", ["14.10.2025"], object()])
def test_non_str_input_gives_none(value: object) -> None:
    assert parse_when(value) is None  # type: ignore[arg-type]


def test_odd_reference_and_prefer_do_not_raise() -> None:
    assert parse_when("07.09.", "2026-11-16") is None  # type: ignore[arg-type]
    assert parse_when("07.09.", REF, prefer="bogus") == parse_when("07.09.", REF)
    assert parse_when("07.09.", date(1900, 1, 1), prefer="past") is None


def test_seconds_are_dropped() -> None:
    when = parse_when("10.05.2025 19:30:45")
    assert when is not None and when.start == datetime(2025, 5, 10, 19, 30)


def test_long_text_takes_first_expression() -> None:
    text = "Eröffnung 01.09.2025. " + "Lorem ipsum dolor sit amet. " * 200 + "14.09.2025"
    assert parse_when(text) == When(date(2025, 9, 1))
    assert parse_when("Lorem ipsum " * 500) is None


def test_deadline_is_skipped_for_the_event_day() -> None:
    text = "Anmeldung bis 01.09.2025. " + "Lorem ipsum dolor sit amet. " * 20 + "14.09.2025"
    assert parse_when(text) == When(date(2025, 9, 14))


def test_a_day_since_which_something_holds_is_no_event_day() -> None:
    # a hackerspace's post: "seit dem 1. Juni 2014 ein Büro angemietet"
    assert parse_when("Zusätzlich ist seit dem 1. Juni 2014 ein Büro angemietet.") is None
    assert parse_when("Open since March 3, 2020. Workshop on March 12, 2020") == When(
        date(2020, 3, 12)
    )


def test_an_end_without_a_start_is_open_not_one_day() -> None:
    when = parse_when("noch bis 25. Oktober", date(2026, 10, 1))
    assert when == When(None, date(2026, 10, 25), True, open_start=True)
    assert when.start_iso is None and when.end_iso == "2026-10-25"
    assert parse_when("Die Ausstellung läuft bis zum 3.11.2026") == When(
        None, date(2026, 11, 3), True, open_start=True
    )


def test_a_start_without_an_end_is_open() -> None:
    assert parse_when("ab Mai 2020") == When(date(2020, 5, 1), None, True, open_end=True)
    # a month alone is that month
    assert parse_when("Mai 2020") == When(date(2020, 5, 1), date(2020, 5, 31), True)


def test_sessions_on_one_day() -> None:
    sessions = parse_sessions("Sonntag, 31. Dezember 2023   09:45 – 11:30 und 14:00 – 15:45 Uhr")
    assert [s.iso() for s in sessions] == [
        ("2023-12-31T09:45", "2023-12-31T11:30"),
        ("2023-12-31T14:00", "2023-12-31T15:45"),
    ]
    # a door time and a start are one event, not two sessions
    assert len(parse_sessions("12.05.2025 Einlass 18:00, Beginn 19:00")) == 1


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "24.08.2027, 31.08.2027 und 07.09.2027, jeweils 18:00–20:00 Uhr",
            [("2027-08-24T18:00", "2027-08-24T20:00"), ("2027-08-31T18:00", "2027-08-31T20:00"),
             ("2027-09-07T18:00", "2027-09-07T20:00")],
        ),
        # a day without a year takes the next one's, December the year before January's
        ("28.12., 04.01. und 11.01.2027", [("2026-12-28", None), ("2027-01-04", None),
                                           ("2027-01-11", None)]),
        ("3. März, 10. März und 17. März 2027, 9 Uhr",
         [("2027-03-03T09:00", None), ("2027-03-10T09:00", None), ("2027-03-17T09:00", None)]),
        # a club's year of meetings, the days between bars and the time on the next line
        ("12.03. | 23.04. | 12.11.2027\njeweils 19:00 Uhr im Anglerheim",
         [("2027-03-12T19:00", None), ("2027-04-23T19:00", None), ("2027-11-12T19:00", None)]),
        # a coach's days between slashes, after dotted leaders; two slashes make a list
        ("Aufstellungsabende: ..........15..April/20. Mai/17. Juni 2027",
         [("2027-04-15", None), ("2027-05-20", None), ("2027-06-17", None)]),
        ("Samstag, 24. April 2027......9.30 Uhr - 16.30 Uhr",
         [("2027-04-24T09:30", "2027-04-24T16:30")]),
        ("11.04. | 09.05.2027\nTreffpunkt jeweils 8:00 Uhr am Vereinsheim",
         [("2027-04-11T08:00", None), ("2027-05-09T08:00", None)]),
        # each day with its own time
        ("24.08.2027 18:00 Uhr, 31.08.2027 19:00 Uhr",
         [("2027-08-24T18:00", None), ("2027-08-31T19:00", None)]),
        # two evenings: two days joined by "und", "&" or "/" and one time without an end
        ("18. & 19. Juni 2027, 20.00 Uhr",
         [("2027-06-18T20:00", None), ("2027-06-19T20:00", None)]),
        ("30./31.12.2027, 19 Uhr", [("2027-12-30T19:00", None), ("2027-12-31T19:00", None)]),
        ("31. Mai und 1. Juni 2027, 20 Uhr",
         [("2027-05-31T20:00", None), ("2027-06-01T20:00", None)]),
        # not lists: a span of two days, a date and its time, a date line then another
        ("10. und 11. Mai 2027", [("2027-05-10", "2027-05-11")]),
        ("10.–11. Mai 2027, 9–17 Uhr", [("2027-05-10T09:00", "2027-05-11T17:00")]),
        ("10. und 11. Mai 2027, 9–17 Uhr", [("2027-05-10T09:00", "2027-05-11T17:00")]),
        # two days not in a row, joined by "und" or "and": two days at their times
        ("March 4 and 11, 2027, 6 pm – 9 pm",
         [("2027-03-04T18:00", "2027-03-04T21:00"), ("2027-03-11T18:00", "2027-03-11T21:00")]),
        ("12.03. und 19.03.2027, jeweils 18 Uhr",
         [("2027-03-12T18:00", None), ("2027-03-19T18:00", None)]),
        # days without a year, in a list's order: each on or after the one before it
        ("auch am 27. März, 15. Mai, 18. September und 27. November, jeweils 15 bis 18 Uhr",
         [("2027-03-27T15:00", "2027-03-27T18:00"), ("2027-05-15T15:00", "2027-05-15T18:00"),
          ("2027-09-18T15:00", "2027-09-18T18:00"), ("2027-11-27T15:00", "2027-11-27T18:00")]),
        # days without a month of their own take the last one's: "5., 12. und 19. Dezember"
        ("5., 12. und 19. Dezember 2027, jeweils 18 Uhr",
         [("2027-12-05T18:00", None), ("2027-12-12T18:00", None), ("2027-12-19T18:00", None)]),
        ("Termine: 5., 12. und 19.12.2027", [("2027-12-05", None), ("2027-12-12", None),
                                             ("2027-12-19", None)]),
        ("2, 9 and 16 March 2027, 7 pm",
         [("2027-03-02T19:00", None), ("2027-03-09T19:00", None), ("2027-03-16T19:00", None)]),
        # and three days in a row without a start time of their own are one span
        ("3., 4. und 5. März 2027", [("2027-03-03", "2027-03-05")]),
        # a span said as one: "zwischen 3. und 28. Februar"
        ("Zu sehen zwischen 3. und 28. Februar 2027", [("2027-02-03", "2027-02-28")]),
        ("10.05.2027, 18:00", [("2027-05-10T18:00", None)]),
        ("So, 04.01.2026, 19:00 Uhr | Mo, 05.01.2026", [("2026-01-04T19:00", None)]),
    ],
)  # fmt: skip
def test_a_list_of_days_is_one_session_a_day(text: str, days: list) -> None:
    assert [s.iso() for s in parse_sessions(text, REF)] == days


def test_month_first_is_asked_for() -> None:
    assert parse_when("05/04/2019") == When(date(2019, 4, 5))
    assert parse_when("05/04/2019", month_first=True) == When(date(2019, 5, 4))
    assert parse_when("13/04/2019", month_first=True) is None
    # a two-digit year, as Joomla's Ohanah prints a range ("02/28/20 - 03/01/20")
    assert parse_when("02/28/20 - 03/01/20", month_first=True) == When(
        date(2020, 2, 28), date(2020, 3, 1)
    )
    assert parse_when("28/02/20") == When(date(2020, 2, 28))


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Hinterhof Bar ab 19.30 Uhr | Lesung ab 21.00 Uhr", [(1170, None), (1260, None)]),
        ("1:00 pm to 2:00 pm", [(780, 840)]),
        ("in der Zeit von voraussichtlich 14 bis 17 Uhr", [(840, 1020)]),
        ("20:00 – 22:30", [(1200, 1350)]),
        ("22.00h Saisonende", [(1320, None)]),
        ("Eintritt 19.50 €, Kinder 6-11 Jahre", []),
        ("Klassen 8 bis 12", []),
    ],
)
def test_find_times(text: str, spans: list) -> None:
    assert [tuple(span) for span in find_times(text)] == spans


def test_time_span_on_a_day_passes_midnight() -> None:
    assert TimeSpan(22 * 60, 2 * 60).on(date(2025, 5, 10)).iso() == (
        "2025-05-10T22:00",
        "2025-05-11T02:00",
    )


def test_day_month_and_year_joined_by_hyphens() -> None:
    # a band's gig table ("24-Mai-2019 | MTC, Köln"), an English table's "17-Feb-2018"
    assert parse_when("24-Mai-2019") == When(date(2019, 5, 24))
    assert parse_when("17-Feb-2018 19:00") == When(datetime(2018, 2, 17, 19, 0), None, False)
    assert parse_when("12-Jan-2027 - 14-Jan-2027") == When(date(2027, 1, 12), date(2027, 1, 14))
    assert parse_when("Seite 3-Mai-Ausgabe") is None


def test_day_month_and_full_year_in_numbers_joined_by_hyphens() -> None:
    # a Belgian club's table ("01-09-2018 | Start weekend"), Danish "1-12-2017 kl. 20:00"
    assert parse_when("01-09-2018") == When(date(2018, 9, 1))
    assert parse_when("1-12-2017 20:00") == When(datetime(2017, 12, 1, 20, 0), None, False)
    assert parse_when("01-09-2018 - 03-09-2018") == When(date(2018, 9, 1), date(2018, 9, 3))
    # a phone number's tail, a two-digit year, a month 13 are no dates
    assert parse_when("Tel. 0361-12-2018") is None
    assert parse_when("01-09-18") is None
    assert parse_when("13-13-2018") is None
