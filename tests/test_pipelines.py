"""The cleaning stages: what they fix, and what they reject with which reason."""

from datetime import UTC, date, datetime

import pytest
from netzwerktimer_crawl.pipelines import Rejected
from netzwerktimer_crawl.pipelines.offline import process

from netzwerktimer_crawl.items import Event

FETCHED = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
LISTING = "https://www.theen-ev.de/de/veranstaltungen.html"


def event(**fields) -> Event:
    return Event(
        **{"network": "theen", "title": "Netzwerkabend", "source_url": LISTING, "fetched": FETCHED}
        | fields
    )


def run(*events: Event) -> list[tuple]:
    return [(e.start, e.end, e.all_day, reason) for e, reason in process(events)]


def test_date_text_becomes_wall_clock_start_and_end():
    assert run(event(when="Mi, 02.12., 14:30 – 16:30 Uhr")) == [
        (datetime(2026, 12, 2, 14, 30), datetime(2026, 12, 2, 16, 30), False, None)
    ]


def test_missing_year_comes_from_the_fetch_date_not_the_clock():
    # Fetched in mid-November: "14.01." is the coming January.
    assert run(event(when="14.01."))[0][:3] == (date(2027, 1, 14), None, True)


def test_a_date_hint_on_the_page_beats_the_fetch_date():
    # The Events Calendar's <time datetime> anchors year-less text.
    got = run(event(when="19. November @ 18:00 - 20:00", reference=date(2025, 11, 19)))
    assert got[0][0] == datetime(2025, 11, 19, 18, 0)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"when": "Termin folgt"}, "unparseable date: 'Termin folgt'"),
        ({"when": None}, "no date"),
        ({"title": " ", "when": "02.12.2026"}, "no title"),
        (
            {"when": "02.12.2026", "url": "javascript:void(0)"},
            "url is not an absolute http(s) address: 'javascript:void(0)'",
        ),
        (
            {"start": date(2026, 12, 3), "end": date(2026, 12, 2)},
            "ends before it starts: 2026-12-03 > 2026-12-02",
        ),
    ],
)
def test_rejections_carry_a_reason(fields, reason):
    assert [why for _, why in process([event(**fields)])] == [reason]


def test_rejected_is_a_drop_that_scrapy_counts():
    from scrapy.exceptions import DropItem

    assert issubclass(Rejected, DropItem)


def test_same_event_twice_in_a_run_is_kept_once():
    page = "https://www.theen-ev.de/de/veranstaltungen/abend.html"
    got = list(
        process([event(when="02.12.2026", url=page), event(when="2.12.2026", url=page + "?")])
    )
    assert len(got) == 1


def test_city_attendance_and_status_from_words():
    ((cleaned, _),) = process(
        [
            event(
                when="02.12.2026",
                title="Abgesagt: Netzwerkabend",
                location="IHK Erfurt (Arnstädter Straße 34, 99096 Erfurt)",
            )
        ]
    )
    assert (cleaned.city, cleaned.attendance, cleaned.status) == ("Erfurt", "offline", "cancelled")
    ((webinar, _),) = process([event(when="02.12.2026", title="Webinar: Förderung")])
    assert (webinar.attendance, webinar.url) == ("online", LISTING)


def test_list_and_detail_copies_merge_and_structured_data_wins():
    page = "https://www.theen-ev.de/de/veranstaltungen/abend.html"
    listed = event(when="02.12.2026", url=page, location="Erfurt", extractor="html")
    detailed = event(start=datetime(2026, 12, 2, 18, 0), url=page,
                     description="Mit Imbiss.", extractor="json-ld")  # fmt: skip
    ((merged, reason),) = process([listed, detailed])
    assert reason is None
    assert (merged.start, merged.location, merged.description) == (
        datetime(2026, 12, 2, 18, 0),
        "Erfurt",
        "Mit Imbiss.",
    )


def test_a_timed_copy_of_the_same_day_brings_start_end_and_all_day_together():
    page = "https://www.maschinenbau-thueringen.de/veranstaltungen/forum"
    listed = event(when="19.11.2026", url=page, extractor="html")
    detailed = event(when="19.11.2026, 13:00 – 17:30 Uhr", url=page, extractor="html")
    ((merged, _),) = process([listed, detailed])
    assert (merged.start, merged.end, merged.all_day) == (
        datetime(2026, 11, 19, 13, 0),
        datetime(2026, 11, 19, 17, 30),
        False,
    )


def test_one_page_listed_on_two_days_is_two_occurrences():
    # A series whose dates share one page (MEC, a weekly course): each date is an event,
    # and an end never joins the start of another day's copy.
    page = "https://www.maschinenbau-thueringen.de/veranstaltungen/forum"
    listed = event(when="19.11.2026", url=page, extractor="html")
    other_day = event(when="20.11.2026, 10:00 – 12:00 Uhr", url=page, extractor="html")
    (first, _), (second, _) = process([listed, other_day])
    assert (first.start, first.end, first.all_day) == (date(2026, 11, 19), None, True)
    assert (second.start, second.end) == (datetime(2026, 11, 20, 10), datetime(2026, 11, 20, 12))
    assert first.id != second.id


def test_a_bare_date_of_trusted_data_keeps_the_time_of_its_day():
    page = "https://www.cluster-thueringen.de/aktuelles/veranstaltungen/detail?e=87"
    listed = event(when="19.11.2026 - 10:00 – 19.11.2026 - 15:30", url=page, extractor="html")
    snippet = event(start=date(2026, 11, 19), url=page, city="Erfurt", extractor="json-ld")
    ((merged, _),) = process([listed, snippet])
    assert (merged.start, merged.end, merged.all_day, merged.city) == (
        datetime(2026, 11, 19, 10, 0),
        datetime(2026, 11, 19, 15, 30),
        False,
        "Erfurt",
    )
