"""Date anchors: where the generic steps find a page's dates (anchors.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netzwerktimer_crawl.berlin import parse_machine
from netzwerktimer_crawl.extract import anchors, dom


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-12", date(2026, 11, 12)),
        ("2026-11-12T18:00:00+01:00", datetime(2026, 11, 12, 18, 0)),
        ("2026-11-12T17:00:00Z", datetime(2026, 11, 12, 18, 0)),  # Drupal: UTC with a Z
        # a custom Contao template printing the database's Unix timestamps
        ("1794438000", date(2026, 11, 12)),  # midnight in Berlin: a day
        ("1794502800", datetime(2026, 11, 12, 18, 0)),
        ("18:00", None),  # TEC's month grid: a time only, the day is the cell's
        # a theme printing a German date where ISO belongs
        ("05.10.2026 13:30:00", datetime(2026, 10, 5, 13, 30)),
        ("5.10.2026", date(2026, 10, 5)),
        ("31.02.2026", None),
        ("", None),
    ],
)
def test_machine_readable_dates(value, expected):
    assert parse_machine(value) == expected


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://programm.example/Tagesagenda?startDate=04.01.2016", date(2016, 1, 4)),
        ("https://www.example.de/veranstaltungen/2022-05-04/", date(2022, 5, 4)),
        ("https://www.example.de/kalender.html?day=20250510", date(2025, 5, 10)),
        ("https://blog.example.de/2015/03/19/sommerfest/", date(2015, 3, 19)),
        ("https://www.example.de/veranstaltungen/monat/2022-07/", None),  # a month
        ("https://www.example.de/events/?id=1794520800", None),
    ],
)
def test_the_day_a_url_names(url, day):
    assert anchors.url_day(url) == day


def found(html: str, reference: date = date(2026, 11, 1)) -> list[anchors.Anchor]:
    return anchors.find(dom.blocks(dom.parse(html)), reference)


def test_a_year_heading_dates_the_list_below_it():
    page = "<h2>Termine 2027</h2><ul><li><b>1. Februar:</b> Jahresempfang</li></ul>"
    (anchor,) = found(page)
    assert anchor.sessions[0].start == date(2027, 2, 1)


def test_bylines_and_deadlines_are_marked():
    page = """<p class="byline">veröffentlicht am 01.08.2026</p>
    <dl><dt>Anmeldeschluss</dt><dd>04.09.2026</dd><dt>Datum</dt><dd>16.09.2026</dd></dl>"""
    byline, deadline, day = found(page)
    assert (byline.published, deadline.deadline, day.published, day.deadline) == (
        True, True, False, False,
    )  # fmt: skip


def test_a_date_stamped_to_the_second_is_a_posts_and_one_to_the_minute_may_be_an_events():
    # a blog theme's post date (Hugo Mainroad's meta__item-datetime), and an event's day
    page = """<div class="meta__item"><time datetime="2020-03-24T21:40:37+01:00">24.03.2020</time>
    </div><p class="datum"><time datetime="2020-04-30T19:00:00+02:00">30.04.2020</time></p>"""
    post, event = found(page)
    assert (post.published, event.published) == (True, False)


def test_a_time_span_in_post_metadata_is_an_event_time():
    # TYPO3 news used for events prints the event's time where a post date would be
    page = '<span class="news-list-date">Mittwoch, 20. Mai 2026, 14:45 Uhr bis 15:45 Uhr</span>'
    (anchor,) = found(page)
    assert not anchor.published and anchor.sessions[0].end == datetime(2026, 5, 20, 15, 45)


def test_a_posts_signature_of_its_authors_and_day_is_its_publication():
    root = dom.parse(
        "<html><body><section><h2>Neuer Vorstand gewählt</h2><p>Der Verein hat gewählt.</p>"
        "<p>(Wieland Carls / Christian Hain, 17.06.2026)</p>"
        # a press quote's source, its paper in quotes
        "<p>(Samir H. Köck “Die Presse”, 17.12.2025)</p>"
        "<p>(Tag der offenen Tür, 12.07.2027)</p></section></body></html>"
    )
    found = anchors.find(dom.blocks(root), date(2026, 11, 20))
    assert [(a.block.text, a.published) for a in found] == [
        ("(Wieland Carls / Christian Hain, 17.06.2026)", True),
        ("(Samir H. Köck “Die Presse”, 17.12.2025)", True),
        ("(Tag der offenen Tür, 12.07.2027)", False),
    ]


def test_a_press_releases_dateline_is_its_publication():
    root = dom.parse(
        "<html><body><p>Berlin, 05.03.2026 - Der Bundesverband begrüßt, dass die neue"
        " Bundesregierung ein Digitalministerium einrichten will, und fordert mehr Tempo.</p>"
        "<p>Freitag, 23. Juli 2027 - Samstag, 24. Juli 2027 09:00 - 17:00 Thüringer"
        " Kunststofftage im Zentrum für Kunststofftechnik in Rudolstadt</p></body></html>"
    )
    found = anchors.find(dom.blocks(root), date(2026, 11, 20))
    assert [a.published for a in found] == [True, False]


def test_a_stand_up_show_is_no_stand_of_a_page():
    # "Stand: 28.11.2026" says when a page was last changed; "Stand-up" is a show
    root = dom.parse(
        "<html><body><ul><li>12.11.27 Zürich Club Bellevue · Die Cousins – Stand-up Mixshow"
        "</li><li>Stand: 28.11.2026</li></ul></body></html>"
    )
    found = anchors.find(dom.blocks(root), date(2026, 11, 20))
    assert [a.published for a in found] == [False, True]
