"""Table-driven tests for netzwerktimer_crawl.dates (cases in tests/date_cases.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
from date_cases import CASES, GROUPS, REF, Case, case_id

from netzwerktimer_crawl.dates import When, parse_when


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
    text = "Anmeldung bis 01.09.2025. " + "Lorem ipsum dolor sit amet. " * 200 + "14.09.2025"
    assert parse_when(text) == When(date(2025, 9, 1))
    assert parse_when("Lorem ipsum " * 500) is None
