"""RSS and Atom feeds of events plugins: read where the items' dates are the events'."""

from __future__ import annotations

from datetime import UTC, datetime

from netzwerktimer_crawl.pipelines.offline import rows

from netzwerktimer_crawl.extract import extract, saved_page

FETCHED = datetime(2026, 11, 20, 8, tzinfo=UTC)


def read(feed: str, url: str = "https://www.example.de/events/feed/") -> tuple[list, list]:
    result = extract(saved_page(feed.encode(), url, FETCHED), "unknown")
    kept, _ = rows(result.events)
    return [(e["title"], e["start"], e["end"], e["location"]) for e in kept], result.tried


def rss(
    items: str,
    built: str = "Fri, 20 Nov 2026 07:00:00 +0000",
    head: str = "",
    title: str = "Veranstaltungen",
) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {head}><channel>'
        f"<title>{title}</title><lastBuildDate>{built}</lastBuildDate>{items}"
        "</channel></rss>"
    )


def test_a_blogs_feed_dates_its_posts_and_gives_no_events():
    found, tried = read(rss(
        "<item><title>Neues Mitglied: Photonik GmbH</title>"
        "<pubDate>Thu, 19 Nov 2026 10:00:00 +0000</pubDate></item>"
        "<item><title>Rückblick Jahrestagung</title>"
        "<pubDate>Mon, 16 Nov 2026 09:30:00 +0000</pubDate></item>"
    ))  # fmt: skip
    assert found == []
    assert tried == ["rss/atom: not read (its dates are publication dates)"]


def test_an_events_feed_whose_items_lie_after_it_was_built_dates_them_by_their_start():
    # Events Manager writes each event's start into pubDate, in UTC
    found, tried = read(rss(
        "<item><title>Netzwerktreffen Photonik</title><link>https://www.example.de/events/nt/"
        "</link><pubDate>Thu, 03 Dec 2026 17:00:00 UTC</pubDate><description><![CDATA["
        "03.12.2026 - 18:00<br/>Volkshaus Jena]]></description></item>"
        "<item><title>Sommerfest</title><link>https://www.example.de/events/sf/</link>"
        "<pubDate>Sat, 03 Jul 2027 14:00:00 +0000</pubDate></item>"
    ))  # fmt: skip
    assert found == [
        ("Netzwerktreffen Photonik", "2026-12-03T18:00", None, None),
        ("Sommerfest", "2027-07-03T16:00", None, None),
    ]
    assert tried == ["rss/atom: 2 (its item dates lie after the feed was built: the events')"]


def test_one_item_dated_on_several_days_is_its_occurrences_each_a_day():
    # an older Modern Events Calendar: a weekly meeting, its day as midnight UTC, one guid
    items = "".join(
        f"<item><title>Troop Meetings</title><link>https://www.example.org/events/tm/</link>"
        f"<pubDate>Mon, {day} Nov 2026 00:00:00 +0000</pubDate>"
        f'<guid isPermaLink="false">https://www.example.org?post_type=mec-events&amp;p=73</guid>'
        "</item>"
        for day in ("02", "09", "16")
    )
    found, _ = read(rss(items))
    assert found == [
        ("Troop Meetings", "2026-11-02", None, None),
        ("Troop Meetings", "2026-11-09", None, None),
        ("Troop Meetings", "2026-11-16", None, None),
    ]


def test_the_rss_event_module_and_mecs_own_fields_give_the_events_dates():
    event_module = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:ev="http://purl.org/rss/1.0/modules/event/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>Kalender'
        '</title></channel><item rdf:about="https://www.example.de/k/1"><title>Workshop Laser'
        "</title><link>https://www.example.de/k/1</link><dc:date>2026-10-01T09:00:00+02:00"
        "</dc:date><ev:startdate>2026-12-08T10:00:00+01:00</ev:startdate><ev:enddate>"
        "2026-12-08T16:00:00+01:00</ev:enddate><ev:location>Technologiepark Jena</ev:location>"
        "</item></rdf:RDF>"
    )
    assert read(event_module)[0] == [
        ("Workshop Laser", "2026-12-08T10:00", "2026-12-08T16:00", "Technologiepark Jena")
    ]
    mec = rss(
        "<item><title>Elternabend</title><pubDate>Tue, 10 Nov 2026 08:00:00 +0000</pubDate>"
        "<mec:startDate>2026-12-09</mec:startDate><mec:startHour>7:00 pm</mec:startHour>"
        "<mec:endDate>2026-12-09</mec:endDate><mec:endHour>8:30 pm</mec:endHour>"
        "<mec:location>Aula</mec:location></item>",
        head='xmlns:mec="http://webnus.net/rss/mec/"',
    )
    assert read(mec)[0] == [("Elternabend", "2026-12-09T19:00", "2026-12-09T20:30", "Aula")]


def test_an_atom_calendar_feed_of_coming_events_is_read():
    # Contao 5's calendar feed: each entry dated by its event's begin
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Termine</title><updated>2026-11-20T06:00:00+01:00</updated>"
        '<entry><title>Cluster-Stammtisch</title><link href="https://www.example.de/termine/'
        'stammtisch"/><id>https://www.example.de/termine/stammtisch</id><published>'
        "2026-12-10T18:30:00+01:00</published><updated>2026-12-10T18:30:00+01:00</updated>"
        "</entry></feed>"
    )
    assert read(atom)[0] == [("Cluster-Stammtisch", "2026-12-10T18:30", None, None)]


def test_a_feed_in_its_declared_latin_1_keeps_its_umlauts():
    feed = rss(
        "<item><title>Frühjahrsempfang</title><pubDate>Thu, 03 Dec 2026 17:00:00 +0000</pubDate>"
        "</item>"
    ).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    result = extract(
        saved_page(feed.encode("latin-1"), "https://www.example.de/events/feed/", FETCHED),
        "unknown",
    )
    assert [(e.title, e.start) for e in result.events] == [
        ("Frühjahrsempfang", datetime(2026, 12, 3, 18, 0))
    ]


def test_a_date_beyond_berlin_time_is_dropped_and_the_feed_still_read():
    found, _ = read(rss(
        "<item><title>Platzhalter</title><pubDate>Fri, 31 Dec 9999 23:00:00 -0500</pubDate></item>"
        "<item><title>Sommerfest</title><pubDate>Sat, 03 Jul 2027 14:00:00 +0000</pubDate></item>"
        "<item><title>Herbstfest</title><pubDate>Sat, 02 Oct 2027 14:00:00 +0000</pubDate></item>"
    ))  # fmt: skip
    assert found == [
        ("Sommerfest", "2027-07-03T16:00", None, None),
        ("Herbstfest", "2027-10-02T16:00", None, None),
    ]


def test_a_feed_titled_for_coming_events_dates_its_items_by_their_start():
    # The Events Calendar's feed of two, one of them a closure already under way
    items = (
        "<item><title>Betriebsferien im Dezember</title>"
        "<pubDate>Tue, 01 Dec 2026 00:00:00 +0000</pubDate></item>"
        "<item><title>Eröffnung der Praxis</title>"
        "<pubDate>Fri, 08 Jan 2027 00:00:00 +0000</pubDate></item>"
    )
    built, title = "Wed, 02 Dec 2026 13:43:33 +0000", "Anstehende Veranstaltungen &#8211; Praxis"
    found, tried = read(rss(items, built, title=title))
    assert found == [("Eröffnung der Praxis", "2027-01-08", None, None)]
    assert tried[0].startswith("rss/atom: 2 (its title says it lists coming events")
    # the same items under a blog's title are its posts
    assert read(rss(items, built, title="Aktuelles"))[0] == []
