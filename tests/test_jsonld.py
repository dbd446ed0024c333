"""schema.org JSON-LD as CMS plugins print it; a malformed block loses only itself."""

from datetime import date, datetime

from parsel import Selector

from netzwerktimer_crawl.extract import jsonld

PAGE = """<html><head>
<script type="application/ld+json">[{"@context":"http://schema.org","@type":"Event",
 "name":"Stammtisch &#8211; Dezember","startDate":"2026-12-03T18:00:00+01:00",
 "endDate":"2026-12-03T20:00:00+01:00","url":"https://optonet-jena.de/veranstaltung/st/",
 "eventStatus":"https://schema.org/EventCancelled",
 "location":{"@type":"Place","name":"Volkshaus","address":{"@type":"PostalAddress",
 "streetAddress":"Carl-Zeiß-Platz 15","postalCode":"07743","addressLocality":"Jena"}}}]</script>
<script type="application/ld+json">Termine folgen!</script>
<script type="application/ld+json"><!-- {"@context":"https://schema.org","@graph":[
 {"@type":"WebPage"},
 {"@type":"BusinessEvent","name":"Messe","startDate":"2027-03-10","endDate":"2027-03-12",
  "eventAttendanceMode":"https://schema.org/MixedEventAttendanceMode",
  "location":[{"@type":"VirtualLocation","url":"https://x.de"},"Messe Erfurt"]}]}; --></script>
</head></html>"""


def test_arrays_graphs_and_wrappers_are_read_and_bad_blocks_isolated():
    events, problems = jsonld.events(Selector(text=PAGE))
    assert [
        (e.title, e.start, e.end, e.status, e.attendance, e.location, e.city) for e in events
    ] == [
        (
            "Stammtisch – Dezember",
            datetime(2026, 12, 3, 18),
            datetime(2026, 12, 3, 20),
            "cancelled",
            None,
            "Volkshaus, Carl-Zeiß-Platz 15, 07743 Jena",
            "Jena",
        ),
        ("Messe", date(2027, 3, 10), date(2027, 3, 12), None, "mixed", "Messe Erfurt", None),
    ]
    assert len(problems) == 1 and problems[0].startswith("JSON-LD block 1 is malformed")


def test_malformed_blocks_are_repaired_before_they_are_given_up():
    # As Modern Events Calendar and hand-made snippets print it: a comment, a trailing
    # comma, an unescaped quote inside the name, a day with a leading zero as a number.
    page = """<script type="application/ld+json">{
      // Veranstaltung
      "@type": "Event", "name": "Der "große" Netzwerktag", "startDate": "2026-05-10",
      "endDate": "2026-05-11", "position": 07,
    }</script>"""
    (event,), problems = jsonld.events(Selector(text=page))
    assert (event.title, event.start, event.end) == (
        'Der "große" Netzwerktag',
        date(2026, 5, 10),
        date(2026, 5, 11),
    )
    assert problems and "repaired" in problems[0]


def test_utc_times_become_berlin_wall_clock():
    page = (
        '<script type="application/ld+json">{"@type":"Event","name":"x",'
        '"startDate":"2026-07-01T16:00:00Z"}</script>'
    )
    (event,), _ = jsonld.events(Selector(text=page))
    assert event.start == datetime(2026, 7, 1, 18, 0) and event.all_day is False


def test_dpcalendar_all_day_dates_at_midnight_utc_are_days():
    html = """<div itemtype="http://schema.org/Event" itemscope>
    <meta itemprop="name" content="Treffen"><meta itemprop="startDate"
    content="2027-06-11T00:00:00+00:00"><meta itemprop="endDate"
    content="2027-06-12T00:00:00+00:00"></div>
    <div itemtype="http://schema.org/Event" itemscope><meta itemprop="name" content="Seminar">
    <meta itemprop="startDate" content="2026-11-26T10:00:00+01:00"></div>"""
    (day, timed), _ = jsonld.microdata_events(html, "https://smarttex-netzwerk.de/")
    assert (day.start, day.end, day.all_day) == (date(2027, 6, 11), date(2027, 6, 12), True)
    assert (timed.start, timed.all_day) == (datetime(2026, 11, 26, 10, 0), False)


def test_days_written_as_their_first_and_last_moments_are_days():
    # An exhibition as a script's toISOString() writes it, and an installation that ends
    # at 23:59:00 of its last day.
    page = """<script type="application/ld+json">[
    {"@type":"ExhibitionEvent","name":"Licht und Glas","startDate":"2026-04-25T00:00:00.000Z",
     "endDate":"2026-11-29T00:00:00.000Z"},
    {"@type":"Event","name":"Klangraum","startDate":"2026-07-27T00:00:00+02:00",
     "endDate":"2026-09-20T23:59:00+02:00"},
    {"@type":"Event","name":"Nachtführung","startDate":"2026-07-27T22:00:00+02:00",
     "endDate":"2026-07-27T23:59:00+02:00"}]</script>"""
    events, _ = jsonld.events(Selector(text=page))
    assert [(e.title, e.start, e.end, e.all_day) for e in events] == [
        ("Licht und Glas", date(2026, 4, 25), date(2026, 11, 29), True),
        ("Klangraum", date(2026, 7, 27), date(2026, 9, 20), True),
        ("Nachtführung", datetime(2026, 7, 27, 22), datetime(2026, 7, 27, 23, 59), False),
    ]


LIST_PAGE = """<html><head><script type="application/ld+json">{"@context":"https://schema.org",
 "@type":"ItemList","itemListElement":[
 {"@type":"ListItem","position":1,"item":{"@type":"Event","name":"Laserforum",
  "startDate":"2027-03-09T18:00:00+01:00","url":"https://www.beispiel.de/e/laserforum"}},
 {"@type":"ListItem","position":2,"item":{"@type":["Event","EducationEvent"],
  "name":"Seminar Optik","startDate":"2027-04-01"}},
 {"@type":"ListItem","position":3,"url":"https://www.beispiel.de/e/ohne-daten"}]}</script>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","name":"Jahrestagung","mainEntity":{"@type":"Event",
  "name":"Jahrestagung 2027","startDate":"2027-05-05T09:00:00+02:00"}}]}</script>
</head></html>"""


def test_events_in_an_item_list_and_a_pages_main_entity_are_read():
    events, problems = jsonld.events(Selector(text=LIST_PAGE))
    assert [(e.title, e.start) for e in events] == [
        ("Laserforum", datetime(2027, 3, 9, 18)),
        ("Seminar Optik", date(2027, 4, 1)),
        ("Jahrestagung 2027", datetime(2027, 5, 5, 9)),
    ]
    assert problems == []


def test_a_venues_events_are_read():
    # A cinema's or a venue's page: its MovieTheater or Place lists its events under `event`.
    page = """<script type="application/ld+json">{"@context": "https://schema.org",
      "@type": "MovieTheater", "name": "Kino am Markt", "event": [
        {"@type": "ScreeningEvent", "name": "Die Wolke", "startDate": "2026-12-04T20:15"},
        {"@type": "Event", "name": "Kinderkino", "startDate": "2026-12-05T15:00"}]}</script>
      <script type="application/ld+json">{"@type": "Organization", "name": "Verein",
      "events": {"@type": "Event", "name": "Jahresfeier", "startDate": "2026-12-12"}}</script>"""
    events, problems = jsonld.events(Selector(text=page))
    assert [(e.title, e.start) for e in events] == [
        ("Die Wolke", datetime(2026, 12, 4, 20, 15)),
        ("Kinderkino", datetime(2026, 12, 5, 15)),
        ("Jahresfeier", date(2026, 12, 12)),
    ]
    assert problems == []


def test_a_postal_code_written_as_a_number_and_a_place_named_by_its_address():
    # "postalCode": 04109 is not JSON; read leniently it is the number 4109. The place's
    # name is its address already, which is not said twice.
    page = """<script type="application/ld+json">{"@type": "Event",
      "name": "Klimastreik", "startDate": "2026-03-25T09:00",
      "location": {"@type": "Place", "name": "Augustusplatz, 04109 Leipzig",
        "address": {"@type": "PostalAddress", "streetAddress": "Augustusplatz",
          "addressLocality": "Leipzig", "postalCode": 04109}}}</script>"""
    (event,), problems = jsonld.events(Selector(text=page))
    assert (event.title, event.location, event.city) == (
        "Klimastreik",
        "Augustusplatz, 04109 Leipzig",
        "Leipzig",
    )
    assert "repaired" in problems[0]


def test_fields_that_are_not_text_lose_only_themselves():
    page = """<script type="application/ld+json">[
      {"@type": "Event", "name": "Mit Objekt", "startDate": "2026-12-01",
       "description": {"@type": "TextObject"}},
      {"@type": "Event", "name": "Mit Liste", "startDate": "2026-12-02", "description": [1]}
      ]</script>"""
    events, problems = jsonld.events(Selector(text=page))
    assert [(e.title, e.start, e.description) for e in events] == [
        ("Mit Objekt", date(2026, 12, 1), None),
        ("Mit Liste", date(2026, 12, 2), None),
    ]
    assert problems == []


def test_an_address_part_is_left_out_only_when_the_name_holds_it_as_words():
    page = """<script type="application/ld+json">{"@type": "Event", "name": "Stammtisch",
      "startDate": "2026-12-01", "location": {"@type": "Place", "name": "Ratskeller Markt 12",
      "address": {"streetAddress": "Markt 1", "postalCode": 4109,
      "addressLocality": "Leipzig"}}}</script>"""
    (event,), _ = jsonld.events(Selector(text=page))
    assert event.location == "Ratskeller Markt 12, Markt 1, 04109 Leipzig"


def test_html_the_events_calendar_escaped_is_read_as_text():
    # TEC prints its description as escaped HTML, a line break escaped once too often, and
    # a town with the comma of its address line
    description = (
        "&lt;p&gt;Heimspiel gegen Gotha B&lt;/p&gt;\\\\n&lt;p&gt;Gäste willkommen&lt;/p&gt;\\\\n"
    )
    page = f"""<script type="application/ld+json">[{{"@type":"Event","name":"Mannschaftsspiel",
    "startDate":"2026-11-20T19:00:00+01:00", "description":"{description}",
    "location":{{"@type":"Place", "name":"Vereinsheim",
    "address":{{"addressLocality":"Arnstadt,"}}}}}}]</script>"""
    [event], _ = jsonld.events(Selector(text=page))
    assert (event.description, event.city) == (
        "Heimspiel gegen Gotha B\nGäste willkommen",
        "Arnstadt",
    )


def test_a_microdata_place_named_twice_is_one_text():
    # Hugo's microdata: the hall and its village as two itemprop=name of one Place
    page = """<div itemscope itemtype="http://schema.org/Event"><meta itemprop=startDate
    content="2027-02-11T19:00:00"><span itemprop=name>Generalversammlung</span> (<span
    itemprop=location itemscope itemtype=http://schema.org/Place><span itemprop=name>Festhalle
    </span> <span itemprop=name>Wollbach</span></span>)</div>"""
    [event], _ = jsonld.microdata_events(page, "https://mv.example/termine/")
    assert (event.title, event.location) == ("Generalversammlung", "Festhalle Wollbach")


def test_microdata_of_an_xhtml_page_that_declares_its_encoding_is_read():
    page = """<?xml version="1.0" encoding="ISO-8859-1" ?>
    <html xmlns="http://www.w3.org/1999/xhtml"><body><div itemscope
    itemtype="https://schema.org/Event"><span itemprop="name">Chorprobe</span><meta
    itemprop="startDate" content="2027-02-14T17:00"></div></body></html>"""
    events, problems = jsonld.microdata_events(page, "https://chor.example/")
    assert ([(e.title, e.start) for e in events], problems) == (
        [("Chorprobe", datetime(2027, 2, 14, 17))],
        [],
    )


def test_microdata_dates_the_page_contradicts_are_read_as_it_shows_them():
    # The Events Calendar 2.x: a 12-hour clock in the machine value, 18:00 on the page
    tec = """<div itemscope itemtype="http://schema.org/Event"><h2 itemprop="name">Historischer
    Markt</h2><dl><dt>Beginn:</dt><dd><meta itemprop="startDate" content="2012-05-13-11:00:00"/>13.
    Mai 2012 11:00</dd><dt>Ende:</dt><dd><meta itemprop="endDate"
    content="2012-05-13-06:00:00"/>13. Mai 2012 18:00</dd></dl></div>"""
    # a start whose element shows the span of days
    camp = """<div itemscope itemtype="http://schema.org/Event"><div class="event-date"
    content="2016-03-17T09:00" itemprop="startDate">March 17th - 20th, 2016</div><div
    itemprop="name">MidCamp 2016</div></div>"""
    found = [jsonld.microdata_events(page, "https://x.example/")[0][0] for page in (tec, camp)]
    assert [(e.title, e.start, e.end) for e in found] == [
        ("Historischer Markt", datetime(2012, 5, 13, 11), datetime(2012, 5, 13, 18)),
        ("MidCamp 2016", datetime(2016, 3, 17, 9), datetime(2016, 3, 21, 0)),
    ]


def test_eventons_unpadded_dates_and_offsets_are_read():
    # EventON prints "2023-4-1T19:00+0:00"; the page's clock beside it decides (merge.py)
    page = """<html><head><script type="application/ld+json">{"@context":"http://schema.org",
     "@type":"Event","name":"Alpha-Abend","startDate":"2027-4-1T19:00+2:00",
     "endDate":"2027-4-1T22:00+2:00"}</script></head></html>"""
    events, problems = jsonld.events(Selector(text=page))
    assert [(e.title, e.start, e.end) for e in events] == [
        ("Alpha-Abend", datetime(2027, 4, 1, 19), datetime(2027, 4, 1, 22))
    ]
    assert problems == []


def test_a_microdata_name_with_an_organizer_nested_in_it_by_mistake_is_its_text():
    # the organizer's <span itemscope itemprop=name> inside the event makes the Organization
    # a second name of the event: the title is the event's own text, never a list's repr
    page = """<html><body><table><tr itemscope itemtype="https://schema.org/Event">
    <td><meta itemprop="startDate" content="2027-01-05">05.01.2027</td>
    <td itemprop="organizer"><span itemscope itemtype="https://schema.org/Organization"
      itemprop="name">Feuerwehr-Abteilung</span></td>
    <td><span itemprop="name">Abteilungsversammlung</span></td></tr></table></body></html>"""
    [event], _ = jsonld.microdata_events(page, "https://dorf.example/veranstaltungen/")
    assert (event.title, event.start) == ("Abteilungsversammlung", date(2027, 1, 5))
