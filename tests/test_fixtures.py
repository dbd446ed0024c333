"""Every saved response under tests/fixtures gives exactly the expected events."""

import pytest

from netzwerktimer_crawl import fixtures

CASES = fixtures.cases()


IDS = [f"{c.spider}/{c.name}" for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_spider_reads_what_a_person_reads(case):
    diffs = fixtures.check_stated(case.stated(), fixtures.run(case))
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_spider_output_matches_its_golden_file(case):
    diffs = fixtures.compare(case.expected(), fixtures.run(case))
    assert not diffs, "\n".join(
        [*diffs, "if the change is right: netzwerktimer fixtures --update, then read the diff"]
    )


def test_an_event_the_page_does_not_show_is_reported():
    case = next(c for c in CASES if c.spider == "medways" and c.name == "event-page")
    stated = case.stated()
    stated["events"][0]["title"] = "Ein anderer Titel"
    assert fixtures.check_stated(stated, fixtures.run(case)) == [
        "not found: 'Ein anderer Titel' at " + repr(stated["events"][0]["start"])[1:-1],
        f"not on the page: {case.stated()['events'][0]['title']!r} at "
        + stated["events"][0]["start"],
    ]


def test_a_case_nobody_has_read_fails():
    assert fixtures.check_stated({"stated_by": None, "events": []}, {"events": []}) == [
        "stated.json is not filled in yet: write the page's events as you read them"
    ]


def test_a_changed_field_is_reported_by_name():
    case = next(c for c in CASES if c.spider == "theen")
    expected = case.expected()
    expected["events"][0]["end"] = "2026-12-09T12:00"
    assert fixtures.compare(expected, fixtures.run(case)) == [
        "events[0] (Webinar Agri-PV: Genehmigung und Förderung) end: "
        "expected '2026-12-09T12:00', got '2026-12-09T11:30'"
    ]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_says_whether_it_is_modeled_or_captured(case):
    meta = case.meta
    assert isinstance(meta["modeled"], bool) and meta["note"]
    if meta["modeled"]:
        assert "MODEL" in meta["note"].upper()
