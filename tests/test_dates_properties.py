"""Property tests for netzwerktimer_crawl.dates.parse_when."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerktimer_crawl.dates import When, parse_when

REF = date(2026, 11, 16)
# DATES_EXAMPLES=20000 for a long local run; the default keeps the suite within seconds.
FAST = settings(
    max_examples=int(os.environ.get("DATES_EXAMPLES", 200)), deadline=None, database=None
)

PREFERS = st.sampled_from(["nearest", "future", "past"])
REFERENCES = st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 11, 30))
MOMENTS = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2199, 11, 30)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)

# Pieces of real listing lines, shuffled together to reach the grammar's corners.
FRAGMENTS = [
    "14.10.", "14.10.2025", "07.09.22", "3.", "5.", "24", "0", "9", "31.02.", "29.02.",
    "2025", "2025-05-10", "T18:00", "Z", "+02:00", "18:00", "0.00", "24:00", "19:30:00",
    "18 Uhr", "18h", "Uhr", "-", "–", "—", "bis", "und", "&", "/", "|", "@", ",", "\n",
    "\xa0", "\xad", "\u200b", "Mai", "Okt.", "März", "Maerz", "SEP", "Dezember", "Jan",
    "Mi,", "Mittwoch, den", "am", "um", "ab", "von", "vom", "in der Zeit von", "ganztägig",
    "Tel.", "03641", "99084", "Erfurt", "19,50 €", "58.000", "Industrie 4.0", "Version",
    "Jahre", "jeden", "Dienstag", "Netzwerkabend",
]  # fmt: skip
LISTING_TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=10).flatmap(
    lambda parts: st.sampled_from(["", " "]).map(lambda sep: sep.join(parts))
)
ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")


def check_shape(when: When | None) -> None:
    if when is None:
        return
    assert isinstance(when, When)
    kind = date if when.all_day else datetime
    if when.open_start:  # "noch bis 25. Oktober": an end, no start
        assert when.start is None and type(when.end) is kind
        return
    assert type(when.start) is kind
    assert ISO_SHAPE.fullmatch(when.start_iso)
    if when.end is not None:
        assert type(when.end) is kind
        assert when.end >= when.start
        assert ISO_SHAPE.fullmatch(when.end_iso or "")
        assert len(when.end_iso or "") == len(when.start_iso)


@FAST
@given(st.text(max_size=80), REFERENCES, st.text(max_size=8) | PREFERS)
def test_never_raises_on_any_text(text: str, reference: date | None, prefer: str) -> None:
    check_shape(parse_when(text, reference, prefer))


@FAST
@given(LISTING_TEXT, REFERENCES, PREFERS)
def test_never_raises_on_listing_like_text(text: str, reference: date | None, prefer: str) -> None:
    check_shape(parse_when(text, reference, prefer))


@st.composite
def whens(draw: st.DrawFn) -> When:
    if draw(st.booleans()):
        start = draw(DAYS)
        days = draw(st.none() | st.integers(0, 400))
        end = None if days is None else min(start + timedelta(days=days), date(2199, 12, 31))
        return When(start, end, True)
    moment = draw(MOMENTS)
    minutes = draw(st.none() | st.integers(0, 60 * 24 * 40))
    return When(moment, None if minutes is None else moment + timedelta(minutes=minutes), False)


def german(value: date) -> str:
    text = f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{text}, {value:%H:%M} Uhr" if isinstance(value, datetime) else text


@FAST
@given(whens(), REFERENCES, PREFERS)
def test_own_iso_output_parses_back(when: When, reference: date | None, prefer: str) -> None:
    text = when.start_iso if when.end is None else f"{when.start_iso} - {when.end_iso}"
    assert parse_when(text, reference, prefer) == when


@FAST
@given(whens(), st.sampled_from(["{}", "Termin: {}", "Mi, {} | Erfurt", "\n{}\n", "vom {}"]))
def test_german_rendering_parses_back(when: When, frame: str) -> None:
    text = german(when.start) if when.end is None else f"{german(when.start)} – {german(when.end)}"
    assert parse_when(frame.format(text), REF) == when


@FAST
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)), DAYS, PREFERS)
def test_missing_year_follows_prefer(reference: date, day: date, prefer: str) -> None:
    when = parse_when(f"{day.day:02d}.{day.month:02d}.", reference, prefer)
    assert when is not None and when.all_day and when.end is None
    assert (when.start.month, when.start.day) == (day.month, day.day)
    if prefer == "future":
        assert when.start >= reference
        if (day.month, day.day) != (2, 29):  # the earliest such date on or after reference
            assert when.start.replace(year=when.start.year - 1) < reference
    elif prefer == "past":
        assert when.start <= reference
    elif (day.month, day.day) != (2, 29):
        assert abs((when.start - reference).days) <= 183


@FAST
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)), PREFERS)
def test_year_less_range_never_ends_before_it_starts(reference: date, prefer: str) -> None:
    when = parse_when("28.12. - 03.01.", reference, prefer)
    assert when is not None and when.end == date(when.start.year + 1, 1, 3)
