"""Listing fields for templates that split a date up: an end in a row of its own, a year in
a heading above the list, a date written before the title."""

from datetime import date

from parsel import Selector

from netzwerktimer_crawl.extract.listing import SF_EVENT_MGT, Listing, events

BASE = "https://example.org/"


def test_an_end_row_of_its_own_joins_the_start_as_a_range():
    html = """<div class="tx-sf-event-mgt"><div class="event-list-item">
    <h2 class="event-title"><a href="/e/1">Forum</a></h2>
    <div class="event-list-value event-startdate">19.11.2026 - 10:00</div>
    <div class="event-list-value event-enddate">19.11.2026 - 15:30</div></div>
    <div class="event-list-item"><h2 class="event-title"><a href="/e/2">Abend</a></h2>
    <div class="event-list-value event-startdate">25.11.2026 - 18:00</div>
    <div class="event-list-value event-enddate"> </div></div></div>"""
    found = events(Selector(text=html), SF_EVENT_MGT, BASE)
    assert [e.when for e in found] == [
        "19.11.2026 - 10:00 – 19.11.2026 - 15:30",
        "25.11.2026 - 18:00",
    ]


HAND_WRITTEN = Listing(item="ul > li", title="li", url="a::attr(href)", when="strong",
                       year_heading="preceding::h2[1]")  # fmt: skip


def test_a_year_heading_anchors_year_less_dates_and_the_date_leaves_the_title():
    html = """<h2>Termine 2026</h2><ul><li><strong>2. November:</strong> Business-Lounge</li>
    </ul><h2>Termine 2027</h2><ul><li><strong>15. und 16. Juni:</strong>
    <a href="/Digitaltag">Digitaltag Thüringen</a></li></ul>"""
    found = events(Selector(text=html), HAND_WRITTEN, BASE)
    assert [(e.title, e.when, e.reference) for e in found] == [
        ("Business-Lounge", "2. November:", date(2026, 7, 2)),
        ("Digitaltag Thüringen", "15. und 16. Juni:", date(2027, 7, 2)),
    ]
