"""Every saved response under tests/fixtures gives exactly the expected events."""

import pytest

from netzwerktimer_crawl import fixtures

CASES = fixtures.cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.spider}/{c.name}" for c in CASES])
def test_fixture_case(case):
    diffs = fixtures.compare(case.expected(), fixtures.run(case))
    assert not diffs, "\n".join(diffs)


def test_a_changed_field_is_reported_by_name():
    case = next(c for c in CASES if c.spider == "theen")
    expected = case.expected()
    expected["events"][0]["end"] = "2026-12-09T12:00"
    assert fixtures.compare(expected, fixtures.run(case)) == [
        "events[0] (Webinar Agri-PV: Genehmigung und Förderung) end: "
        "expected '2026-12-09T12:00', got '2026-12-09T11:30'"
    ]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.spider}/{c.name}" for c in CASES])
def test_case_says_whether_it_is_modeled_or_captured(case):
    meta = case.meta
    assert isinstance(meta["modeled"], bool) and meta["note"]
    if meta["modeled"]:
        assert "MODEL" in meta["note"].upper()
