"""Microformats: hCalendar's vevent and microformats2's h-event, read as schema.org Events."""

from datetime import date, datetime

from netzwerktimer_crawl.extract import dom, microformats

HCALENDAR = """<html><body><ul>
<li class="vevent"><a class="url summary" href="/t/1">Kreistag</a>
 <abbr class="dtstart" title="20261105T1830">5.11., 18:30</abbr>
 <div class="location vcard"><span class="fn org">Landratsamt</span>,
  <span class="adr"><span class="street-address">Markt 1</span>
  <span class="locality">Gotha</span></span></div></li>
<li class="vevent"><span class="summary">Kirmes</span>
 <abbr class="dtstart" title="20260912">12.9.</abbr> bis
 <abbr class="dtend" title="20260914">14.9.</abbr></li>
<li class="vevent"><span class="summary">Stadtratssitzung</span>
 <abbr class="dtstart" title="20261110T170000Z">10.11., 18 Uhr</abbr></li>
</ul></body></html>"""


def test_hcalendar_compact_dates_and_vcard_places():
    events, problems = microformats.events(dom.tree(HCALENDAR), "https://gotha.example/termine/")
    assert problems == []
    assert [(e.title, e.start, e.end, e.url, e.location, e.city) for e in events] == [
        # mf2py reads a vcard's adr as one text: the town is found in it later (enrich)
        ("Kreistag", datetime(2026, 11, 5, 18, 30), None, "https://gotha.example/t/1",
         "Landratsamt, Markt 1 Gotha", None),
        ("Kirmes", date(2026, 9, 12), date(2026, 9, 14), None, None, None),
        # UTC, as the Z says: 18:00 in Berlin
        ("Stadtratssitzung", datetime(2026, 11, 10, 18), None, None, None, None),
    ]  # fmt: skip


def test_pages_without_events_give_none():
    entry = '<article class="h-entry"><h1 class="p-name">Neues Vereinsheim</h1>' \
        '<time class="dt-published" datetime="2026-11-02">2.11.2026</time></article>'  # fmt: skip
    assert microformats.events(dom.tree(entry), "https://x.example/") == ([], [])
    assert not microformats.present("<p>Veranstaltungen im Herbst</p>")


def test_an_end_before_the_start_is_dropped_not_the_event():
    # Plone's folder listing: the end left from an earlier event, the visible text consistent
    page = """<html><body><div class="vevent"><a class="url summary" href="/kurs">Kurs</a>
    von <abbr class="dtstart" title="2026-06-13 09:45:00">13.06.2026 09:45</abbr> bis
    <abbr class="dtend" title="2026-03-30 13:00:00">20.06.2026 13:00</abbr></div></body></html>"""
    events, _ = microformats.events(dom.tree(page), "https://verein.example/termine/")
    assert [(e.title, e.start, e.end) for e in events] == [
        ("Kurs", datetime(2026, 6, 13, 9, 45), None)
    ]
