"""Event ids stay the same across runs and across cosmetic URL differences."""

import pytest

from netzwerktimer_crawl.identity import canonical_url, event_id

SAME = [
    ("https://optonet-jena.de/veranstaltung/x/", "http://OptoNet-Jena.de/veranstaltung/x"),
    ("https://www.theen-ev.de/a.html", "https://theen-ev.de/a.html?utm_source=newsletter"),
    ("https://example.de/news?id=3&cHash=ab12", "https://example.de/news?id=3"),
    ("https://example.de/e?PHPSESSID=123&id=7", "https://example.de/e?id=7#anmeldung"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_cosmetic_differences_give_one_url(a, b):
    assert canonical_url(a) == canonical_url(b)


def test_different_events_keep_different_urls():
    assert canonical_url("https://example.de/e?id=7") != canonical_url("https://example.de/e?id=8")


def test_id_follows_the_organizer_page_not_the_title_or_date():
    url, listing = "https://optonet-jena.de/veranstaltung/x/", "https://optonet-jena.de/list/"
    first = event_id("optonet", url, listing, "2026-11-19T18:00", "Stammtisch")
    assert first == event_id("optonet", url + "?utm_medium=mail", listing, "2026-11-26", "Neu")


def test_event_without_own_page_is_identified_by_day_and_title():
    listing = "https://www.theen-ev.de/de/veranstaltungen.html"
    a = event_id("theen", None, listing, "2026-12-09T10:00", "Webinar Agri-PV")
    assert a == event_id("theen", listing, listing, "2026-12-09T10:00", "Webinar  agri-PV!")
    assert a != event_id("theen", None, listing, "2026-12-10T10:00", "Webinar Agri-PV")
    assert a != event_id("optonet", None, listing, "2026-12-09T10:00", "Webinar Agri-PV")


def test_stored_address_keeps_what_the_site_needs():
    from netzwerktimer_crawl.identity import without_tracking

    url = "https://www.cluster-thueringen.de/detail?tx_x%5Bevent%5D=87&cHash=ab12&utm_source=nl"
    assert without_tracking(url) == (
        "https://www.cluster-thueringen.de/detail?tx_x%5Bevent%5D=87&cHash=ab12"
    )


def test_stored_address_keeps_its_bytes():
    from netzwerktimer_crawl.identity import without_tracking

    # The Events Calendar's plain permalinks: an encoded slash beside a plain one.
    url = "https://example.org/?tribe_events=netzwerktag%2F/&fbclid=x1"
    assert without_tracking(url) == "https://example.org/?tribe_events=netzwerktag%2F/"
    assert without_tracking("https://example.org/?a=b%2F/") == "https://example.org/?a=b%2F/"
