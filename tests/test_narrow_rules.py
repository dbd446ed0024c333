"""Structures that look like those the chain's rules read and are not: a rule that reads
a place, a deadline, a remark, a day or a copy must leave these as a reader sees them."""

from __future__ import annotations

from datetime import UTC, datetime

from netzwerktimer_crawl.pipelines.offline import rows
from netzwerktimer_crawl.pipelines.offline import rows as rows_of

from netzwerktimer_crawl.extract import dom, extract, saved_page

FETCHED = datetime(2026, 11, 20, 8, tzinfo=UTC)
URL = "https://www.example.de/veranstaltungen/"


def found(body: str, head: str = "") -> list[dict]:
    html = f"<html><head><title>Veranstaltungen</title>{head}</head><body>{body}</body></html>"
    kept, _ = rows(extract(saved_page(html.encode(), URL, FETCHED), "unknown").events)
    return kept


def test_a_title_that_opens_with_a_preposition_is_no_place():
    events = found("""<h1>Veranstaltungen</h1><h2>Unsere nächsten Termine</h2><ul>
    <li>12.03.2027, 19 Uhr Im Gespräch mit Oberbürgermeister Müller</li>
    <li>16.04.2027, 18 Uhr Am Puls der Zeit</li>
    <li>20.05.2027, 18 Uhr Auf dem Weg zur Klimaneutralität</li></ul>""")
    assert [(e["start"], e["location"]) for e in events] == [
        ("2027-03-12T19:00", None), ("2027-04-16T18:00", None), ("2027-05-20T18:00", None),
    ]  # fmt: skip
    assert "Unsere nächsten Termine" not in {e["title"] for e in events}


def test_brackets_that_open_a_title_are_part_of_it():
    rows_html = "".join(
        f'<div class="event"><h3><a href="/e/{n}">{title}</a></h3>'
        f'<div class="date">{day}.04.2027, 18:00 Uhr</div></div>'
        for n, (title, day) in enumerate(
            [("(Online) Seminar Datenschutz (Teil 2)", 16), ("(Un)Sichtbar – Ausstellung", 18)]
        )
    )
    assert [e["title"] for e in found(f'<div class="events">{rows_html}</div>')] == [
        "(Online) Seminar Datenschutz (Teil 2)", "(Un)Sichtbar – Ausstellung",
    ]  # fmt: skip


def test_a_calendars_day_links_with_the_day_in_the_query_are_the_span_they_fall_in():
    page = "/veranstaltungen/weihnachtsmarkt/"
    events = found(f"""<div class="events">
    <div class="event"><span class="date">27.11.2026 – 23.12.2026</span>
      <a class="title" href="{page}">Weihnachtsmarkt</a></div>
    <div class="event"><span class="date">05.12.2026</span>
      <a class="title" href="{page}?datum=2026-12-05">Weihnachtsmarkt</a></div>
    <div class="event"><span class="date">15.01.2027, 18:00 Uhr</span>
      <a class="title" href="/veranstaltungen/neujahrsempfang/">Neujahrsempfang</a></div></div>""")
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Weihnachtsmarkt", "2026-11-27", "2026-12-23"),
        ("Neujahrsempfang", "2027-01-15T18:00", None),
    ]


def test_a_numbered_list_of_names_is_no_list_of_days():
    events = found("""<h2>Termine</h2><ul><li>14.03.2027 Frühjahrsschießen</li>
    <li>20.06.2027 Schützenfest</li></ul>
    <h2>Vereinsmeisterschaft</h2><p>Senioren:</p>
    <ol start="4"><li>August Müller 361 Ringe</li><li>Mai Nguyen 355 Ringe</li></ol>""")
    assert [e["title"] for e in events] == ["Frühjahrsschießen", "Schützenfest"]


def test_a_days_list_number_is_put_back_before_a_bold_month():
    events = found("""<h1>Offene Treffen 2027</h1><p>Jeweils von 18 bis 20 Uhr.</p><ul>
    <li><ol start="14"><li><strong>Januar</strong> 2027</li></ol></li>
    <li><ol start="11"><li><strong>Februar</strong> 2027</li></ol></li>
    <li><ol start="11"><li><strong>März</strong> 2027</li></ol></li></ul>""")
    assert [e["start"] for e in events] == [
        "2027-01-14T18:00",
        "2027-02-11T18:00",
        "2027-03-11T18:00",
    ]


def test_exhibitions_until_a_day_are_no_deadlines():
    events = found("""<h2>Aktuell</h2><ul>
    <li>Ausstellung zum Fotowettbewerb „Unser Dorf“ bis 18.12.2026</li>
    <li>Sonderschau Zahlungsmittel der DDR bis 28.02.2027</li></ul>""")
    assert [e["end"] for e in events] == ["2026-12-18", "2027-02-28"]


def test_icons_of_map_links_and_bookmarks_name_no_place():
    events = found("""<div class="events">
    <div class="event"><h3><a href="/e/1">Unternehmerfrühstück</a></h3><p>12.03.2027, 08:00 Uhr</p>
      <p><i class="fa fa-map-signs"></i> <a href="/anfahrt">Anfahrt planen</a></p></div>
    <div class="event"><h3><a href="/e/3">Workshop</a></h3><p><span class="icon icon-pin"></span>
      Merken</p><p>20.05.2027, 18:00 Uhr</p><p>Ort: IHK Erfurt</p></div></div>""")
    assert [e["location"] for e in events] == [None, "IHK Erfurt"]


def test_json_ld_at_noon_utc_without_an_end_keeps_its_time():
    moment = "2027-06-10T12:00:00Z"
    ld = ('<script type="application/ld+json">{"@type":"Event","name":"Mittagstalk",'
          f'"startDate":"{moment}","endDate":"{moment}"}}</script>')  # fmt: skip
    events = found("<h1>Mittagstalk</h1><p>Online. Beginn 14 Uhr.</p>", ld)
    assert [e["start"] for e in events] == ["2027-06-10T14:00"]


def test_the_next_concert_a_date_box_names_is_not_a_second_day():
    events = found("""<h1>Sommerkonzert</h1><div class="box">Sa 12. Juni 2027<br>19:00 bis
    22:00 Uhr<br><br>Nächstes Konzert:<br>So 20. Juni 2027<br>17:00 Uhr</div>
    <p>Das Sommerkonzert des Kammerorchesters.</p>""")
    assert [e["start"] for e in events] == ["2027-06-12T19:00"]


def titles(events: list[dict]) -> list[str]:
    return [e["title"] for e in events]


def test_a_table_row_title_is_not_its_category_room_or_club():
    category_first = found("""<h1>Kurse 2027</h1><table class="contenttable">
    <tr><td>09.03.2027</td><td>Vortrag</td><td>Gesunde Ernährung im Kleinkindalter</td>
    <td>Saal</td></tr>
    <tr><td>16.03.2027</td><td>Kurs</td><td>Babymassage für Eltern mit Kindern</td>
    <td>Raum 2</td></tr>
    <tr><td>13.04.2027</td><td>Workshop</td><td>Osterdeko aus Naturmaterialien</td>
    <td>Werkraum</td></tr>
    </table>""")
    assert titles(category_first) == [
        "Gesunde Ernährung im Kleinkindalter", "Babymassage für Eltern mit Kindern",
        "Osterdeko aus Naturmaterialien",
    ]  # fmt: skip
    room_before_title = found("""<h1>Seniorentreff</h1><table>
    <tr><td>Mo</td><td>03.05.2027</td><td>14:00</td><td>Aula</td><td>Gedächtnistraining</td></tr>
    <tr><td>Mi</td><td>05.05.2027</td><td>10:00</td><td>Raum 1.12</td><td>Smartphone-Hilfe</td></tr>
    <tr><td>Do</td><td>13.05.2027</td><td>15:00</td><td>Turnhalle</td><td>Sitzgymnastik</td></tr>
    </table>""")
    assert titles(room_before_title) == ["Gedächtnistraining", "Smartphone-Hilfe", "Sitzgymnastik"]
    club_column = found("""<h1>Termine im Dorf</h1><table><tr><th>Datum</th><th>Verein</th>
    <th>Anlass</th><th>Ort</th></tr>
    <tr><td>10.04.2027</td><td>Feuerwehrverein</td><td>Osterfeuer</td><td>Festwiese</td></tr>
    <tr><td>30.04.2027</td><td>Heimatverein</td><td>Maibaumsetzen</td><td>Dorfplatz</td></tr>
    </table>""")
    assert titles(club_column) == ["Osterfeuer", "Maibaumsetzen"]


def test_a_pin_in_a_title_does_not_make_it_the_place():
    events = found("""<h1>Wanderungen</h1><div class="entry">
    <p><strong>📍 Sternwanderung zum Kickelhahn</strong><br>Samstag, 17. April 2027, 9:30 Uhr<br>
    Treffpunkt: Parkplatz Gabelbach</p>
    <p><strong>📍 Auf Goethes Spuren</strong><br>Sonntag, 16. Mai 2027, 10 Uhr<br>
    Treffpunkt: Bahnhof Ilmenau</p></div>""")
    assert [e["location"] for e in events] == ["Parkplatz Gabelbach", "Bahnhof Ilmenau"]


def test_a_photo_named_after_a_place_is_no_place_icon():
    card = """<div class="card"><img class="card-img-top" src="/img/events/location-{}.jpg">
    <div class="card-body"><h3>{}</h3><p>{}, 18:00 Uhr</p></div></div>"""
    events = found("<h1>Veranstaltungen</h1>" + "".join([
        card.format("biergarten", "Sommernachtsfest", "Samstag, 10.07.2027"),
        card.format("brauhaus", "Brauseminar", "Samstag, 24.07.2027"),
    ]))  # fmt: skip
    assert [(e["title"], e["location"]) for e in events] == [
        ("Sommernachtsfest", None), ("Brauseminar", None),
    ]  # fmt: skip


def test_an_h_event_without_a_name_of_its_own_keeps_its_title():
    # microformats2 would name it by the whole card; p-summary is a teaser, not a title
    card = """<article class="h-event"><a class="u-url" href="/t/{0}"><strong>{1}</strong></a>
    <time class="dt-start" datetime="{2}">{3}</time><p class="p-summary">{4}</p></article>"""
    events = found("<h1>Termine</h1>" + "".join([
        card.format(1, "Repair Café", "2027-03-13T14:00", "13.03.2027, 14 Uhr", "Elektrogeräte."),
        card.format(2, "Nähcafé", "2027-04-24T15:00", "24.04.2027, 15 Uhr", "Nähmaschinen."),
    ]))  # fmt: skip
    assert titles(events) == ["Repair Café", "Nähcafé"]


def test_hcalendar_events_in_a_sidebar_leave_the_page_its_own_event():
    events = found("""<div id="content"><h1>Jahreskonzert 2027</h1>
    <p><b>Datum:</b> 20.11.2027, 19:00 Uhr</p><p><b>Ort:</b> Kulturhaus Gotha</p></div>
    <aside id="portal-column-two"><dl class="portlet portletEvents"><dt>Weitere Termine</dt>
    <dd class="vevent"><a class="url summary" href="/probe">Probenwochenende</a>
    <abbr class="dtstart" title="2027-10-09 10:00:00">09.10.2027</abbr></dd>
    <dd class="vevent"><a class="url summary" href="/advent">Adventssingen</a>
    <abbr class="dtstart" title="2027-12-12 16:00:00">12.12.2027</abbr></dd></dl></aside>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Jahreskonzert 2027", "2027-11-20T19:00")
    ]


def test_a_bold_title_before_a_colon_stays_the_title():
    events = found("""<h1>Termine im Frühjahr</h1><div class="item-page">
    <p><strong>Kinderflohmarkt</strong>: Samstag, 13. März 2027, 10 bis 13 Uhr in der Turnhalle</p>
    <p><strong>Osterfeuer</strong>: Samstag, 3. April 2027, ab 19 Uhr auf der Festwiese</p>
    <ul><li><a href="/wgt">Weltgebetstag</a>: Freitag, 5. März 2027, 18 Uhr</li>
    <li><a href="/passion">Passionsandacht</a>: Mittwoch, 17. März 2027, 19 Uhr</li></ul></div>""")
    assert sorted(titles(events)) == [
        "Kinderflohmarkt", "Osterfeuer", "Passionsandacht", "Weltgebetstag",
    ]  # fmt: skip


def test_question_labels_name_when_and_where():
    events = found("""<h1>Sommerfest 2027</h1><p>Liebe Gartenfreunde, wir feiern!</p>
    <p><strong>Wann?</strong> Samstag, 26. Juni 2027, ab 14 Uhr<br>
    <strong>Wo?</strong> Vereinsheim, Steigerstraße 40, Erfurt<br>
    <strong>Was?</strong> Kaffee und Kuchen, Tombola</p>
    <p>Kuchenspenden bitte bis 20.06. bei Frau Heinze melden.</p>""")
    assert [(e["title"], e["start"], e["location"]) for e in events] == [
        ("Sommerfest 2027", "2027-06-26T14:00", "Vereinsheim, Steigerstraße 40, Erfurt"),
    ]


def test_a_numbered_list_of_runners_named_jan_or_juli_is_no_list_of_days():
    events = found("""<h1>Ergebnisse Stadtlauf</h1><p>Nächster Lauf: Samstag, 12.06.2027,
    10 Uhr, Saaletal-Halbmarathon</p><h2>Frauen und Männer</h2><ol start="4">
    <li>Jan Becker (TSV Rudolstadt) 36:12</li><li>Juni Hoffmann (SV Pößneck) 37:05</li>
    <li>Juli Neumann (LG Saalfeld) 41:10</li></ol>""")
    assert [e["start"] for e in events] == ["2027-06-12T10:00"]


def test_a_quoted_title_after_its_date_keeps_its_quotes():
    events = found("""<h1>Spielplan</h1><ul class="termine">
    <li>Fr, 12.03.2027, 19:30 Uhr „Faust“ – Premiere</li>
    <li>So, 21.03.2027, 16:00 Uhr ‚Die Physiker‘ – Gastspiel</li>
    <li>Sa, 10.04.2027, 10:00 Uhr Fahrradbörse (Kinderräder bis 24")</li></ul>""")
    assert titles(events) == [
        "„Faust“ – Premiere", "‚Die Physiker‘ – Gastspiel", 'Fahrradbörse (Kinderräder bis 24")',
    ]  # fmt: skip


def test_a_year_in_the_club_name_or_a_review_title_is_not_the_dates_year():
    FEB = datetime(2026, 2, 15, 8, tzinfo=UTC)

    def starts(body: str) -> list[str]:
        html = f"<html><head><title>Termine</title></head><body>{body}</body></html>"
        kept, _ = rows(extract(saved_page(html.encode(), URL, FEB), "unknown").events)
        return [e["start"] for e in kept]

    assert starts("""<div class="logo"><h1>Skiclub 1968 Todtnau e.V.</h1></div><ul>
    <li>Sa., 14. März – Skibasar in der Festhalle, 19:30 Uhr</li>
    <li>Sa., 18. April – Vereinsmeisterschaft am Feldberg, 10 Uhr</li></ul>""") == [
        "2026-03-14T19:30", "2026-04-18T10:00",
    ]  # fmt: skip
    assert starts("""<div class="page-title"><h1>Rückblick 2025</h1></div>
    <div class="box"><h3>Kommende Termine</h3><ul><li>12.03. – Jahreshauptversammlung, 19:30 Uhr
    </li><li>25.04. – Maibaumstellen, 17 Uhr</li></ul></div>""") == [
        "2026-03-12T19:30", "2026-04-25T17:00",
    ]  # fmt: skip


def test_a_reports_timeline_of_dated_headings_is_no_agenda():
    head = '<meta property="og:type" content="article">'
    events = found(
        """<h1>Bürgerbegehren Freibad: Eine Chronologie</h1>
    <h3>12. Januar – Die Initiative gründet sich</h3><p>Zwölf Bürger treffen sich.</p>
    <h3>3. Februar – Unterschriften übergeben</h3><p>2.300 Unterschriften.</p>
    <h3>12. März – Der Gemeinderat stimmt ab</h3><p>Mit 14 zu 9 Stimmen.</p>""",
        head,
    )
    steps = {"Die Initiative gründet sich", "Unterschriften übergeben", "Der Gemeinderat stimmt ab"}
    assert not steps & set(titles(events))


def test_a_heading_takes_no_place_from_the_next_events_paragraph():
    events = found("""<h1>Wandertermine</h1><h3>Sa., 14. März – Frühjahrsputz am Vereinsheim</h3>
    <p>Alle Mitglieder sind eingeladen.</p>
    <p><strong>Sa., 21. März – Halbtageswanderung</strong><br>Ort: Bahnhof Hornberg</p>
    <h3>Sa., 18. April – Frühlingswanderung</h3><p>Ort: Parkplatz Freilichtmuseum</p>""")
    assert ("Frühjahrsputz am Vereinsheim", None) in [(e["title"], e["location"]) for e in events]


def test_a_site_header_with_a_modifier_class_stays_page_chrome():
    events = found("""<header class="c-header c-header--post"><div class="c-header__logo">
    <a href="/">Stadtteilverein</a></div><div class="c-header__notice">Unser Büro ist vom 23.12.
    bis 06.01. geschlossen.</div></header><main><article><h1>Kinderflohmarkt im Bürgerhaus</h1>
    <p>Am Samstag, 14. März 2027, von 10:00 bis 13:00 Uhr findet wieder unser Kinderflohmarkt
    statt.</p><p>Standanmeldung bis 1. März per E-Mail.</p></article></main>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Kinderflohmarkt im Bürgerhaus", "2027-03-14T10:00")
    ]


def test_a_lunch_or_a_play_called_pause_with_a_page_or_place_is_an_event():
    events = found("""<h1>Seniorentreff</h1><table>
    <tr><th>Datum</th><th>Zeit</th><th>Was</th><th>Ort</th></tr>
    <tr><td>Do., 11.03.2027</td><td>12 Uhr</td><td>Mittagessen</td><td>Gemeindehaus</td></tr>
    <tr><td>Do., 25.03.2027</td><td>15 Uhr</td><td>Spielenachmittag</td><td>Gemeindehaus</td></tr>
    </table><h2>Spielplan</h2><div class="stueck"><h3><a href="/stuecke/pause">Pause</a></h3>
    <p>Fr., 12.03.2027, 20 Uhr</p></div><div class="stueck"><h3><a href="/stuecke/lunch">Lunch
    </a></h3><p>Do., 18.03.2027, 12 Uhr</p></div>""")
    assert sorted(titles(events)) == ["Lunch", "Mittagessen", "Pause", "Spielenachmittag"]


def test_a_wiki_page_on_openstreetmap_is_an_events_page():
    events = found("""<h1>OSM-Stammtische</h1><ul>
    <li>Mi., 10.03.2027, 19 Uhr: <a href="https://wiki.openstreetmap.org/wiki/Karlsruhe/Stammtisch">
    Karlsruher OSM-Stammtisch</a> (<a href="https://www.openstreetmap.org/node/123#map=19/49/8">
    Karte</a>)</li><li>Sa., 20.03.2027, 10 Uhr: <a
    href="https://wiki.openstreetmap.org/wiki/Karlsruhe/Mapping_Party">Mapping Party</a></li>
    </ul>""")
    assert [e["url"] for e in events] == [
        "https://wiki.openstreetmap.org/wiki/Karlsruhe/Stammtisch",
        "https://wiki.openstreetmap.org/wiki/Karlsruhe/Mapping_Party",
    ]


def page_titled(h1: str, body: str) -> list[tuple[str, str]]:
    return [(e["title"], e["start"]) for e in found(f"<h1>{h1}</h1>{body}")]


def test_a_list_pages_one_entry_is_titled_by_itself_not_by_an_intro_or_a_series_title():
    intro = "<p>Hier finden Sie unsere kommenden Veranstaltungen und Termine.</p>"
    entry = "<p>Sa, 13.03.2027, 10:00 Uhr: Schnittkurs für Einsteiger</p>"
    assert page_titled("Termine", intro + entry) == [
        ("Schnittkurs für Einsteiger", "2027-03-13T10:00")
    ]
    # an event page whose title names a series: its title stays
    assert page_titled("Konzerte im Park", "<h2>Programm</h2><p>So, 13.06.2027, 15 Uhr</p>") == [
        ("Konzerte im Park", "2027-06-13T15:00")
    ]
    # nothing names the entry: the page's title stays, rather than the intro sentence
    assert page_titled("Termine", intro + "<p>13.03.2027, 10:00 Uhr</p>") == [
        ("Termine", "2027-03-13T10:00")
    ]


def test_a_list_with_one_odd_minute_among_round_times_is_still_events():
    events = found("""<div class="events">
    <div class="event"><h3>Sternwanderung</h3><p>12.03.2027, 19:49 Uhr (Sonnenuntergang)</p></div>
    <div class="event"><h3>Vollmondführung</h3><p>21.03.2027, 20:00 Uhr</p></div></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Sternwanderung", "2027-03-12T19:49"), ("Vollmondführung", "2027-03-21T20:00"),
    ]  # fmt: skip


def test_a_labelled_date_years_before_the_fetch_is_the_pages_own_event():
    # an event's own page in an archive, fetched years later; unlabelled, the date is no event's
    labelled = "<h1>Historischer Markt</h1><dl><dt>Beginn:</dt><dd>13. Mai 2012 11:00</dd></dl>"
    assert [(e["title"], e["start"]) for e in found(labelled)] == [
        ("Historischer Markt", "2012-05-13T11:00")
    ]
    assert found("<h1>Historischer Markt</h1><p>13. Mai 2012, 11:00 bis 18:00 Uhr</p>") == []


def test_headings_stacked_above_a_list_pages_one_date_name_the_event_then_its_venue():
    body = """<p><a href="/programm.pdf">Das Programm ist online</a></p>
    <h2>Photonik im Mittelstand 2.0</h2><h2>Ernst-Abbe-Hochschule Jena</h2>
    <h2>29. September bis 1. Oktober 2026</h2><p>Wir laden ein, Beiträge einzureichen.</p>"""
    assert page_titled("Vergangene Tagungen", body) == [
        ("Photonik im Mittelstand 2.0", "2026-09-29")
    ]


def test_a_span_of_days_below_an_event_pages_title_is_its_date_among_undated_lines():
    body = """<p>12./13.03.2027</p><p>Zwei Tage Vorträge und Workshops.</p>
    <p>Anmeldung über das Formular.</p>"""
    assert page_titled("Frühjahrstagung Photonik", body) == [
        ("Frühjahrstagung Photonik", "2027-03-12")
    ]


def test_a_call_for_papers_milestones_are_no_events_but_a_workshop_on_such_a_day_is():
    events = found("""<h2>Wichtige Termine</h2><ul>
    <li>15.03.2027 Einreichung von Abstracts</li><li>30.04.2027 Notification of acceptance</li>
    <li>16.09.2027 Tagung in Erfurt</li><li>17.09.2027, 9 Uhr Abgabe-Workshop für Autoren</li>
    </ul>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Tagung in Erfurt", "2027-09-16"), ("Abgabe-Workshop für Autoren", "2027-09-17T09:00"),
    ]  # fmt: skip


def test_a_title_before_its_dates_colon_stays_the_title_outside_a_subheading():
    events = found("""<h2>Termine</h2><ul><li>Sommerfest: 12.07.2027, 15 Uhr</li>
    <li>Jahreshauptversammlung: 19.03.2027, 19 Uhr</li></ul>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Sommerfest", "2027-07-12T15:00"), ("Jahreshauptversammlung", "2027-03-19T19:00"),
    ]  # fmt: skip


def test_an_address_line_is_short_and_keeps_a_meeting_points_label():
    long = "Wir treffen uns wie immer vor dem Vereinsheim in der Goethestraße 5, 07743 Jena und"
    long += " laufen dann gemeinsam zum Sportplatz am Stadtrand hinüber."
    events = found(f"""<div class="events">
    <div class="event"><h3>Nachtwanderung</h3><p>12.03.2027, 19 Uhr</p><p>{long}</p></div>
    <div class="event"><h3>Frühjahrsputz</h3><p>20.03.2027, 9 Uhr</p>
    <p>Treffpunkt: Bahnhof, 07743 Jena</p></div></div>""")
    assert [e["location"] for e in events] == [None, "Bahnhof, 07743 Jena"]


def test_a_posts_comments_and_their_form_are_not_the_events_text_nor_its_events():
    events = found("""<article><h1>Obstbaumschnitt am Kirchberg</h1>
    <p>Datum: 13.03.2027, 10:00 Uhr</p></article>
    <div id="comments" class="comments-area"><ol class="comment-list"><li class="comment">
    <div class="comment-meta">14. März 2027 um 18:13</div><p>Danke für den tollen Kurs!</p>
    </li></ol><div id="respond" class="comment-respond"><p class="comment-notes">Ihre
    E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert</p>
    </div></div>""")
    assert [(e["title"], e["start"], e["description"]) for e in events] == [
        ("Obstbaumschnitt am Kirchberg", "2027-03-13T10:00", None)
    ]


def test_a_sentence_that_opens_with_the_date_leaves_the_title_to_the_heading_above():
    events = found("""<h2>Winzerfest</h2><p>Das Fest in und um die Halle.</p>
    <p><strong>10. und 11. Oktober 2026</strong></p>
    <h2>Maibaumstellen</h2><p>Am 30. April 2027 stellen wir den Maibaum am Dorfplatz auf.</p>
    <h2>Generalversammlung</h2><p><strong>16. September 2027, 19 Uhr</strong></p>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Winzerfest", "2026-10-10"), ("Maibaumstellen", "2027-04-30"),
        ("Generalversammlung", "2027-09-16T19:00"),
    ]  # fmt: skip


def test_a_time_columns_not_yet_fixed_is_no_title_beside_an_ereignis_column():
    # the head's soft hyphen ("Uhr&shy;zeit") as a club's table sets it
    events = found("""<h1>Termine</h1><table>
    <tr><th>Datum</th><th>Uhr&shy;zeit</th><th>Ereignis</th><th>Gruppe</th></tr>
    <tr><td>Samstag, 13.03.27</td><td>19:30 Uhr</td><td>Frühjahrskonzert</td><td>alle</td></tr>
    <tr><td>Samstag, 11.11.27</td><td>noch offen</td><td>Martinszug</td><td>Jugend</td></tr>
    </table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Frühjahrskonzert", "2027-03-13T19:30"), ("Martinszug", "2027-11-11"),
    ]  # fmt: skip


def test_rules_drawn_around_a_title_are_no_part_of_it_but_its_words_stay():
    events = found("""<h2>Semesterabschluss</h2>
    <h6><strong>==== Playtesting ====</strong><br>When: March 24th, 2027 @ 6:00pm<br>
    Where: Hennings 200</h6>
    <h6><strong>*** Präsentationen ***</strong><br>When: March 25th, 2027 @ 6:00pm<br>
    Where: Hennings 200</h6>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Playtesting", "2027-03-24T18:00"), ("Präsentationen", "2027-03-25T18:00"),
    ]  # fmt: skip


def test_a_row_with_its_title_cell_left_empty_is_another_day_of_the_event_above():
    events = found("""<h1>Termine</h1><table>
    <tr><th>Anlass</th><th>Datum</th><th>Uhrzeit</th></tr>
    <tr><td>Herbstmarkt Bad Camberg</td><td>Sa, 30.10.2027</td><td>11:00 - 18:00 Uhr</td></tr>
    <tr><td></td><td>So, 31.10.2027</td><td>11:00 - 17:00 Uhr</td></tr>
    <tr><td>Adventszauber</td><td>So, 12.12.2027</td><td>ab 12:00 Uhr</td></tr></table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Herbstmarkt Bad Camberg", "2027-10-30T11:00"),
        ("Herbstmarkt Bad Camberg", "2027-10-31T11:00"),
        ("Adventszauber", "2027-12-12T12:00"),
    ]


def test_a_sidebars_further_dates_of_other_events_are_not_the_pages_event_again():
    events = found("""<div id="content"><h1>Frühlingskonzert des Posaunenchors</h1>
    <p><strong>Sonntag, 14. März 2027, 17:00 Uhr</strong>, Stadtkirche St. Marien</p></div>
    <div id="sidebar" class="sidebar"><h3>Weitere Termine</h3><ul>
    <li>21.03.2027, 10:00 Uhr <a href="/termine/gottesdienst-21-03/">mehr »</a></li>
    <li>28.03.2027, 10:00 Uhr <a href="/termine/palmsonntag/">mehr »</a></li>
    <li>02.04.2027, 15:00 Uhr <a href="/termine/karfreitag/">mehr »</a></li></ul></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Frühlingskonzert des Posaunenchors", "2027-03-14T17:00")
    ]


def test_an_extra_performance_named_zusatztermin_keeps_its_name():
    events = found("""<h1>Spielplan</h1><div class="spielplan">
    <div class="vorstellung"><h3>Nathan der Weise</h3><p>Fr, 19.03.2027, 19:30 Uhr</p></div>
    <div class="vorstellung"><h3>Zusatztermin Schwanensee</h3><p>Sa, 27.03.2027, 19:30 Uhr</p></div>
    </div>""")
    assert [e["title"] for e in events] == ["Nathan der Weise", "Zusatztermin Schwanensee"]


def test_a_nav_of_further_events_beside_the_pages_own_stays_page_chrome():
    events = found("""<main><h1>Osterfeuer auf dem Dorfplatz</h1>
    <p>Datum: Samstag, 27.03.2027, 18:00 Uhr</p><p>Ort: Dorfplatz Kleinschwabhausen</p>
    <nav class="weitere-veranstaltungen" aria-label="Weitere Veranstaltungen"><ul>
    <li><a href="/v/jhv/">12.03.2027 Jahreshauptversammlung</a></li>
    <li><a href="/v/maibaum/">30.04.2027 Maibaumsetzen</a></li>
    <li><a href="/v/kirmes/">04.09.2027 Kirmes</a></li></ul></nav></main>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Osterfeuer auf dem Dorfplatz", "2027-03-27T18:00")
    ]


def test_a_parishs_group_column_and_a_schools_termin_column_hold_the_titles():
    parish = found("""<h1>Gemeindeleben</h1><table>
    <tr><th>Gruppe</th><th>Termin</th><th>Ort</th></tr>
    <tr><td>Bibelkreis</td><td>Mi, 03.03.2027, 19:30 Uhr</td><td>Gemeindehaus</td></tr>
    <tr><td>Seniorenkreis</td><td>Do, 11.03.2027, 14:30 Uhr</td><td>Pfarrhaus</td></tr>
    </table>""")
    school = found("""<h1>Termine im 2. Halbjahr</h1><table>
    <tr><th>Termin</th><th>Datum</th><th>Uhrzeit</th><th>Ort</th></tr>
    <tr><td>Elternabend Klassen 1 und 2</td><td>04.03.2027</td><td>18 Uhr</td><td>Aula</td></tr>
    <tr><td>Frühlingsfest</td><td>19.03.2027</td><td>15 Uhr</td><td>Schulhof</td></tr>
    </table>""")
    assert [e["title"] for e in parish] == ["Bibelkreis", "Seniorenkreis"]
    assert [e["title"] for e in school] == ["Elternabend Klassen 1 und 2", "Frühlingsfest"]


def test_a_ticket_sale_announced_above_an_archive_of_concerts_is_no_event():
    cards = "".join(
        f'<article class="concert"><time>{day}</time><h3>{title}</h3>'
        f'<a href="/k/{n}/">Rückblick</a></article>'
        for n, (day, title) in enumerate(
            [("13. Dezember 2026", "Adventskonzert"), ("5. Juli 2026", "Sommerkonzert"),
             ("22. März 2026", "Passionsmusik")]
        )
    )  # fmt: skip
    events = found(f"""<h1>Konzerte</h1><article class="notice"><h2>Sommerkonzert 2027</h2>
    <p>Der Kartenvorverkauf startet am 1. März 2027, um 10 Uhr.</p>
    <a href="/karten/">Karten</a></article><h2>Rückblick</h2>{cards}""")
    assert "2027-03-01T10:00" not in {e["start"] for e in events}
    assert len(events) == 3


def test_a_gender_star_or_a_single_tilde_stays_in_the_title():
    events = found("""<h1>Termine</h1><ul class="termine">
    <li>03.03.2027, 19 Uhr: Offener Treff für FLINTA*</li>
    <li>05.03.2027, 18 Uhr: Selbstverteidigung für Frauen*</li>
    <li>27.03.2027, 21 Uhr: ~ Soli-Party ~</li></ul>""")
    assert [e["title"] for e in events] == [
        "Offener Treff für FLINTA*", "Selbstverteidigung für Frauen*", "~ Soli-Party ~",
    ]  # fmt: skip


def test_a_posts_stamp_above_an_events_date_line_gives_it_no_time():
    events = found("""<div id="inhalt"><p>23.02.2027 00:03 Uhr</p>
    <p><b>25.04.2027 - Service Desk Vorabend</b></p>
    <p>Für alle, die am Abend zuvor anreisen, reservieren wir einen Tisch.</p></div>""")
    assert [(e["title"], e["start"]) for e in events] == [("Service Desk Vorabend", "2027-04-25")]


def test_a_heading_names_its_event_before_the_date_and_its_speakers_link_after_it():
    talks = "".join(
        f'<div class="artikel"><h3>{topic}, {day} um 19:00 Uhr im TZ Erfurt mit '
        f'<a href="/referenten/{n}/">{speaker}</a></h3><h2>Abstract</h2><p>{topic} erklärt.</p>'
        f'<a href="/termine/{n}/">Mehr lesen</a></div>'
        for n, (topic, day, speaker) in enumerate(
            [("Xamarin", "29.06.2027", "Kerry Lothrop"),
             ("Microservices", "24.05.2027", "Frank Pommer")]
        )
    )  # fmt: skip
    events = found(f"<h1>Termine</h1>{talks}")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Xamarin", "2027-06-29T19:00"), ("Microservices", "2027-05-24T19:00"),
    ]  # fmt: skip


def test_a_tables_day_heading_rows_date_the_talks_below_and_are_no_events():
    events = found("""<h2>Upcoming Talks</h2><table>
    <thead><tr><th>Topic</th><th>Speaker</th><th>Location</th><th>Time</th></tr></thead><tbody>
    <tr><th colspan="4">Talks on Friday March 12, 2027</th></tr>
    <tr><td>Inverse Galois Theory</td><td>David Liu</td><td>MC 4045</td><td>17:30</td></tr>
    <tr><td>Universal Property of Quotients</td><td>Lirong Yang</td><td>MC 4045</td>
    <td>18:30</td></tr>
    <tr><th colspan="4">Talks on Friday March 19, 2027</th></tr>
    <tr><td>Brachistochrone</td><td>Manas Joshi</td><td>MC 4045</td><td>17:30</td></tr>
    </tbody></table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Inverse Galois Theory", "2027-03-12T17:30"),
        ("Universal Property of Quotients", "2027-03-12T18:30"),
        ("Brachistochrone", "2027-03-19T17:30"),
    ]


def test_a_list_pages_one_labelled_date_line_leaves_the_title_to_the_heading_above():
    events = found("""<h1>Events</h1><h3>June 2027 Field Day</h3><ul>
    <li><strong>Date:</strong> June 25–27, 2027</li>
    <li><strong>Location:</strong> Monroe Camp, Snohomish</li></ul>
    <p>Join us for our annual field day.</p>""")
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("June 2027 Field Day", "2027-06-25", "2027-06-27")
    ]


def test_an_opening_hours_table_names_no_events():
    events = found("""<h1>Öffnungszeiten</h1><table>
    <tr><td>19. März - 03. April</td><td>täglich</td><td>11 - 18 Uhr</td></tr>
    <tr><td>04. April - 30. Juni</td><td>Freitag, Samstag, Sonntag und Feiertage</td>
    <td>11 - 18 Uhr</td></tr>
    <tr><td>01. Juli - 13. September</td><td>täglich</td><td>10 - 19 Uhr</td></tr></table>""")
    assert events == []


def test_a_seasons_greeting_dated_among_news_is_no_event():
    events = found("""<h1>Aktuelles</h1>
    <h3>Frohe Weihnachten, 24. Dezember 2026</h3><p>Wir wünschen allen Mitgliedern …</p>
    <h3>Prüfung in Nagold, 16. Januar 2027</h3><p>Prüfung ab 10 Uhr in der Halle.</p>
    <h3>Ein gutes neues Jahr, 31. Dezember 2026</h3><p>Danke für ein schönes Jahr.</p>""")
    assert [(e["title"], e["start"]) for e in events] == [("Prüfung in Nagold", "2027-01-16")]


def test_a_link_in_the_sentence_that_gives_the_date_is_no_title_beside_the_items_title():
    slides = "".join(
        f'<div class="item"><div class="carousel-caption"><p class="carousel-title">{title}</p>'
        f'<hr><div class="carousel-message"><p>{text}</p></div></div></div>'
        for title, text in [
            ("Annual Brain Mapping Meeting", 'Mark your calendar for the <a href="/posts/m/">'
             "<strong>annual meeting</strong></a>, scheduled for November 11th and 12th, 2027, "
             "at the Ian Potter Auditorium in Melbourne. We look forward to welcoming you!"),
            ("BrainHack Australia", "BrainHack Australia is coming to Melbourne on November 8, "
             '2027, with talks and hacking for everyone, <a href="/bh/">find out more</a>.'),
        ]
    )  # fmt: skip
    events = found(f'<h1>Meetings</h1><div class="carousel-inner">{slides}</div>')
    assert [(e["title"], e["start"]) for e in events] == [
        ("Annual Brain Mapping Meeting", "2027-11-11"), ("BrainHack Australia", "2027-11-08"),
    ]  # fmt: skip


def test_a_pager_or_a_footers_list_with_a_content_id_stays_page_chrome():
    events = found("""<div id="inhalt"><h1>Stammtisch März</h1>
    <p>Datum: Freitag, 12.03.2027, 19:30 Uhr</p><p>Ort: Gasthaus Zur Linde</p></div>
    <div id="related-content" class="pagination">
    <a href="/v/feb/">« Stammtisch Februar, 12.02.2027</a>
    <a href="/v/apr/">Stammtisch April, 09.04.2027 »</a></div>
    <div id="pre-footer-content" class="footer-widgets"><h3>Nächste Termine</h3><ul>
    <li><a href="/v/jhv/">20.03.2027 Jahreshauptversammlung</a></li>
    <li><a href="/v/lauf/">24.04.2027 Stadtlauf</a></li></ul></div>""")
    assert [(e["title"], e["start"]) for e in events] == [("Stammtisch März", "2027-03-12T19:30")]


def test_dates_a_plain_class_names_as_an_articles_are_an_events_list_still():
    rows = "".join(
        f'<div class="termin"><span class="artikel-datum">{day}</span>'
        f'<h3><a href="/t/{n}/">{title}</a></h3></div>'
        for n, (day, title) in enumerate(
            [("13.03.2027", "Altpapiersammlung"), ("11.04.2027", "Ostermarkt"),
             ("08.05.2027", "Maibaumfest")]
        )
    )  # fmt: skip
    events = found(f"<h1>Veranstaltungskalender</h1>{rows}")
    assert [e["title"] for e in events] == ["Altpapiersammlung", "Ostermarkt", "Maibaumfest"]


def test_a_grids_end_label_holding_a_day_still_labels_the_time_beside_it():
    events = found("""<h1>Tagungen</h1>
    <div class="termin"><h3><a href="/t/1">Frühjahrstagung Pflege</a></h3>
    <div class="row"><div>Beginn: Fr, 12.03.2027</div><div>14:00</div></div>
    <div class="row"><div>Ende: Sa, 13.03.2027</div><div>13:00</div></div></div>
    <div class="termin"><h3><a href="/t/2">Herbsttagung Pflege</a></h3>
    <div class="row"><div>Beginn: Fr, 15.10.2027</div><div>14:00</div></div>
    <div class="row"><div>Ende: Sa, 16.10.2027</div><div>13:00</div></div></div>""")
    assert [(e["start"], e["end"]) for e in events] == [
        ("2027-03-12T14:00", "2027-03-13T13:00"), ("2027-10-15T14:00", "2027-10-16T13:00"),
    ]  # fmt: skip


def test_a_date_heading_of_a_kind_then_its_titles_link_keeps_the_link_as_title():
    events = found("""<h1>Programm</h1>
    <h3>Vortrag, 12.03.2027, 19:30 Uhr: <a href="/p/1/">Die Wölfe kehren zurück</a></h3>
    <p>Mit Bildern aus der Region.</p>
    <h3>Filmclub am 19.03.2027 um 20 Uhr: <a href="/p/2/">Paris, Texas</a></h3>
    <p>Im Kino am Markt.</p>""")
    assert [e["title"] for e in events] == ["Die Wölfe kehren zurück", "Paris, Texas"]


def test_a_table_of_head_cells_only_is_its_events_not_day_headings():
    events = found("""<h2>Blutspende im Bürgerhaus Felsberg</h2><table>
    <tr><th>Montag, 08.03.2027</th><th>16:00 – 19:30 Uhr</th></tr>
    <tr><th>Montag, 10.05.2027</th><th>16:00 – 19:30 Uhr</th></tr>
    <tr><th>Montag, 12.07.2027</th><th>16:00 – 19:30 Uhr</th></tr></table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Blutspende im Bürgerhaus Felsberg", "2027-03-08T16:00"),
        ("Blutspende im Bürgerhaus Felsberg", "2027-05-10T16:00"),
        ("Blutspende im Bürgerhaus Felsberg", "2027-07-12T16:00"),
    ]


def test_a_labelled_date_line_names_its_event_after_the_date():
    events = found("""<h1>Aktuelles</h1><h2>Nächstes Konzert</h2>
    <p>Datum: 21.03.2027, 17:00 Uhr – Frühjahrskonzert in der Stadthalle</p>
    <p>Der Chor singt Werke von Brahms.</p>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Frühjahrskonzert in der Stadthalle", "2027-03-21T17:00")
    ]


def test_a_page_of_an_events_opening_hours_is_that_event():
    events = found("""<h1>Öffnungszeiten des Weihnachtsmarkts 2027</h1>
    <p>Datum: 23.11.2027 – 22.12.2027</p><p>Täglich von 11 bis 21 Uhr auf dem Markt.</p>""")
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Öffnungszeiten des Weihnachtsmarkts 2027", "2027-11-23", "2027-12-22")
    ]


def test_an_events_list_that_its_theme_calls_an_article_keeps_its_dated_entries():
    head = '<meta property="og:type" content="article"><meta property="og:title" content="Termine">'
    events = found(
        """<h1>Termine</h1><ul>
        <li><strong>24.02. bis 04.04.2027</strong> - Osterschießen</li>
        <li><strong>17.04.2027</strong> - Königsschießen</li>
        <li><strong>08.05.2027</strong> - Frühjahrsputz am Schützenhaus</li>
        <li><strong>12.06.2027</strong> - Sommerfest</li></ul>""",
        head,
    )
    assert [(e["title"], e["start"]) for e in events] == [
        ("Osterschießen", "2027-02-24"), ("Königsschießen", "2027-04-17"),
        ("Frühjahrsputz am Schützenhaus", "2027-05-08"), ("Sommerfest", "2027-06-12"),
    ]  # fmt: skip


def test_a_time_of_midnight_without_an_end_is_a_cms_left_empty():
    events = found("""<h1>Veranstaltungen</h1>
    <div class="card"><p>08.05.2027 · 18:00 Uhr · Trafoturm</p>
    <h3><a href="/v/1">Lesenacht</a></h3></div>
    <div class="card"><p>23.06.2027 · 00:00 Uhr · Wiese</p>
    <h3><a href="/v/2">BatCamp</a></h3></div>""")
    assert [(e["title"], e["start"], e["all_day"]) for e in events] == [
        ("Lesenacht", "2027-05-08T18:00", False), ("BatCamp", "2027-06-23", True),
    ]  # fmt: skip


def test_a_venues_link_or_a_place_yet_to_be_fixed_is_no_title():
    events = found("""<h1>Bitcoin in Dresden</h1><h3>Geselliges Treffen</h3><ul>
    <li><time datetime="2027-02-27T19:00:00+01:00">27. Februar 2027 ab 19 Uhr</time>
    Stammtisch im <a href="https://kelix.example/">Kelix</a></li>
    <li><time datetime="2027-03-27T19:00:00+01:00">27. März 2027 ab 19 Uhr</time>
    – Ort wird noch im Chat abgestimmt</li></ul>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Stammtisch im Kelix", "2027-02-27T19:00"),
        ("Geselliges Treffen", "2027-03-27T19:00"),
    ]


def test_titles_that_open_with_a_greeting_or_a_place_word_are_still_titles():
    events = found("""<h1>Programm</h1><ul class="termine">
    <li>25.12.2026, 23 Uhr: Merry Christmas Techno</li>
    <li>31.12.2026, 21 Uhr: Happy New Year 2027 – Die große Silvesterparty</li>
    <li>13.02.2027, 15 Uhr: Ort steht Kopf: Kinderfest im Park</li>
    <li>20.02.2027, 19 Uhr: Place to be – Afterwork am Markt</li></ul>""")
    assert [e["title"] for e in events] == [
        "Merry Christmas Techno", "Happy New Year 2027 – Die große Silvesterparty",
        "Ort steht Kopf: Kinderfest im Park", "Place to be – Afterwork am Markt",
    ]  # fmt: skip


def test_a_pages_only_date_in_a_sentence_is_no_event():
    assert (
        found("""<h1>Vereinszeitung</h1><div class="box"><h3>Heft 94 in Vorbereitung</h3>
    <p>Redaktionsschluss ist der 15. März 2027. Beiträge bitte an die Redaktion.</p></div>""")
        == []
    )


def test_days_under_a_heading_of_due_dates_are_no_events():
    events = found("""<h1>Aktuelles</h1><h2>Grundsteuer und Abwasser: Fälligkeiten 2027</h2>
    <ul><li>15.02.2027 – erste Rate Grundsteuer</li><li>15.05.2027 – zweite Rate Grundsteuer</li>
    <li>16.08.2027 – dritte Rate Grundsteuer</li></ul>""")
    assert events == []


def test_a_labelled_date_lines_next_label_is_no_title():
    events = found("""<h1>Veranstaltungen</h1><h2>Offene Stadtmeisterschaft im Schnellschach</h2>
    <p>Datum: Samstag, 13.03.2027, 10:00 Uhr, Ort: Gemeindehaus St. Clemens</p>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Offene Stadtmeisterschaft im Schnellschach", "2027-03-13T10:00")
    ]


def test_a_day_row_above_a_row_of_column_heads_dates_the_rows_below():
    events = found("""<h1>Stadtfest</h1><table class="programm"><tbody>
    <tr><th colspan="3">Freitag, 14. Mai 2027</th></tr>
    <tr><th>Zeit</th><th>Programmpunkt</th><th>Ort</th></tr>
    <tr><td>18:00</td><td>Eröffnung mit dem Jugendblasorchester</td><td>Schlossplatz</td></tr>
    <tr><th colspan="3">Samstag, 15. Mai 2027</th></tr>
    <tr><th>Zeit</th><th>Programmpunkt</th><th>Ort</th></tr>
    <tr><td>14:00</td><td>Skate-Contest</td><td>Skatepark</td></tr></tbody></table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Eröffnung mit dem Jugendblasorchester", "2027-05-14T18:00"),
        ("Skate-Contest", "2027-05-15T14:00"),
    ]


def test_an_articles_lines_of_the_past_or_of_opening_hours_are_no_events():
    head = '<meta property="og:type" content="article">'
    cv = found(
        """<h1>Neue Juniorprofessur</h1><p>Ihr Werdegang:</p>
        <p>12.03.2019 – Promotion an der Universität Jena</p>
        <p>01.10.2021 – Postdoc am Fraunhofer IOF</p>
        <p>Die Bibliothek ist zwischen den Jahren so geöffnet:</p>
        <p>23.12.2026 – regulär geöffnet</p><p>24.12.2026 – geschlossen</p>
        <p>02.01.2027 – wieder regulär geöffnet</p>""",
        head,
    )
    assert cv == []


def test_a_page_with_a_placeholder_publication_date_keeps_its_events():
    head = '<meta property="og:type" content="article">'
    head += '<meta property="article:published_time" content="0001-01-01T00:00:00+00:00">'
    events = found(
        """<h1>Programm</h1><div class="events">
        <div class="event"><p>Fr, 14.03.2027, 20 Uhr</p><h3><a href="/k/1">Konzert</a></h3></div>
        <div class="event"><p>Sa, 27.03.2027, 19:30 Uhr</p><h3><a href="/k/2">Lesung</a></h3></div>
        </div>""",
        head,
    )
    assert [(e["title"], e["start"]) for e in events] == [
        ("Konzert", "2027-03-14T20:00"), ("Lesung", "2027-03-27T19:30"),
    ]  # fmt: skip


def test_a_greeting_with_a_new_years_wish_in_a_list_of_dates_is_no_event():
    events = found("""<h1>Termine</h1><ul class="termine">
    <li>14.12.2026, 18 Uhr: Weihnachtsfeier mit Ehrungen</li>
    <li>24.12.2026 – Frohe Weihnachten und einen guten Rutsch ins neue Jahr!</li>
    <li>04.01.2027, 15 Uhr: Neujahrsschießen</li></ul>""")
    assert [e["title"] for e in events] == ["Weihnachtsfeier mit Ehrungen", "Neujahrsschießen"]


def test_a_place_to_be_told_later_is_no_title():
    events = found("""<h1>Nürnberg</h1><h3>Offener Stammtisch</h3><ul>
    <li>13.02.2027 ab 19 Uhr – Ort wird rechtzeitig bekanntgegeben</li>
    <li>13.03.2027 ab 19 Uhr – Ort wird per Mailingliste mitgeteilt</li>
    <li>10.04.2027 ab 19 Uhr – Ort noch unklar</li></ul>""")
    assert {e["title"] for e in events} == {"Offener Stammtisch"} and len(events) == 3


def test_a_home_pages_one_card_with_its_place_on_the_date_line_is_its_event():
    events = found("""<h1>Freiwillige Feuerwehr Hohenwart</h1><section><h2>Nächster Termin</h2>
    <div class="card"><h3>Tag der offenen Tür</h3>
    <p>Sonntag, 25. Mai 2027 · Gerätehaus Hohenwart</p>
    <a href="/tag-der-offenen-tuer/">Mehr erfahren</a></div></section>""")
    assert [(e["title"], e["start"]) for e in events] == [("Tag der offenen Tür", "2027-05-25")]


def test_events_under_a_heading_of_dates_and_deadlines_stay_events():
    events = found("""<h1>Termine</h1><h2>Termine und Fristen im 2. Halbjahr</h2><ul>
    <li>25.01.2027 – Tag der offenen Tür</li><li>14.02.2027 – Abiball in der Stadthalle</li>
    <li>11.07.2027 – Sommerfest</li></ul>""")
    assert [e["title"] for e in events] == [
        "Tag der offenen Tür", "Abiball in der Stadthalle", "Sommerfest",
    ]  # fmt: skip


def test_an_ordinals_letters_before_a_colon_are_no_part_of_the_title():
    events = found("""<h1>Seminar</h1><h2>Dates for 2027</h2><ul>
    <li>thursday oct 7th: Salle 314</li><li>thursday nov 4th: Salle 201</li></ul>""")
    assert "th: Salle 314" not in {e["title"] for e in events}


def test_a_labelled_title_beats_the_speakers_link_and_tba_is_no_title():
    events = found("""<h1>Seminar</h1><div class="post-preview">
    <p>4 October 2027, 14h-15h, room 314.<br>
    <a href="https://example.org/talbot">Hughes Talbot</a> (CentraleSupelec)<br>
    <b>Title:</b> <i>Path operators for thin objects restoration</i><br></p>
    <p>8 November 2027, 14h-15h, room 314.<br>TBA</p></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Path operators for thin objects restoration", "2027-10-04T14:00"),
        ("Seminar", "2027-11-08T14:00"),
    ]


def test_labels_in_dd_cells_with_their_values_in_dt_still_label_them():
    events = found("""<h1>Kameradschaftlicher Abend</h1><dl>
    <dd>Wann</dd><dt>Freitag, 1. Oktober 2027, 19:00 Uhr</dt>
    <dd>Wo</dd><dt>Feuerwehrmuseum Depot61</dt></dl>""")
    assert [(e["start"], e["location"]) for e in events] == [
        ("2027-10-01T19:00", "Feuerwehrmuseum Depot61")
    ]


def test_a_map_link_names_no_event():
    # where a group meets from January on, and the maps of it: no event of January 1st
    events = found("""<h1>Termine</h1><div class="content"><p>Wir treffen uns monatlich.</p>
    <p>Nachdem wir uns seit 2016 im Campus getroffen haben, finden unsere Treffen ab Januar
    2027 in der Stadtbibliothek statt.<br><a href="https://www.openstreetmap.org/node/1">
    OpenStreetMap</a> - <a href="">GoogleMaps</a></p>
    <p>Wir haben jeweils von 18:00 bis 20:00 Uhr reserviert.</p>
    <p>Wir freuen uns auf euch.</p></div>""")
    assert events == []


def test_a_name_in_brackets_after_a_day_keeps_no_stray_bracket():
    events = found("""<h1>Termine 2027</h1><ul class="termine">
    <li>5. Februar (Jahreshauptversammlung)</li><li>15. März (Frühjahrsputz)</li>
    <li>20. April (Osterfeuer)</li></ul>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Jahreshauptversammlung", "2027-02-05"), ("Frühjahrsputz", "2027-03-15"),
        ("Osterfeuer", "2027-04-20"),
    ]  # fmt: skip


def test_entries_parted_by_blank_lines_are_one_each_under_their_months_heading():
    # a hand-made calendar: month headings, each entry's day on a line of its own and its
    # name on the next, blank lines (<br><br>) between the entries, all in one container
    events = found("""<div class="logo"><img src="logo.png" alt="Logo"></div><br><br>
    <u><b>Januar 2027</b></u><br><br>
    Donnerstag, 14. Januar<br>&emsp;<i>Gartenfreunde: Vortrag Obstbaumschnitt 19 Uhr</i><br><br>
    <u><b>Februar 2027</b></u><br><br>Kein Treffen im Februar<br><br>
    <u><b>März 2027</b></u><br><br>
    Samstag, 6. März<br>&emsp;<i>Saatgut-Tauschbörse</i><br>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Gartenfreunde: Vortrag Obstbaumschnitt", "2027-01-14T19:00"),
        ("Saatgut-Tauschbörse", "2027-03-06"),
    ]


def test_dated_lines_after_a_heading_in_one_container_are_one_entry_each():
    # the lines follow the heading as bare text, in the heading's container (here a heading
    # left unclosed: a browser shows them big and bold, as part of it)
    events = found("""<div id="inhalt"><h1>Programm 2027</h1>
    <p>Hallo zusammen, hier kommt unser Programm.</p>
    <h2>NÄCHSTE TERMINE<h2>
    Sa 13.03. Gemeinsames Frühstück<br>
    Fr 26.03. Kanufahren<br>
    Do 08.04. Filmabend<br><br>
    <div id="impressum"><a href="impressum.htm">Impressum</a></div></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Gemeinsames Frühstück", "2027-03-13"), ("Kanufahren", "2027-03-26"),
        ("Filmabend", "2027-04-08"),
    ]  # fmt: skip


def test_a_days_heading_stands_over_its_events_without_dates_of_their_own():
    # a venue guide: each day's heading, then a box of that day's events (a venue's logo
    # link without text first), one of them with its hours in its name
    day = '<div class="event-date">{}</div><div class="events">{}</div>'
    item = (
        '<div class="event"><a class="venue" href="/v" title="Club"></a><a href="{}">{}</a></div>'
    )
    events = found('<h1>Konzerte in Leipzig</h1><div class="program">' + "".join([
        day.format("Fr. 11.12.", item.format("/a", "OST+FRONT") + item.format("/b", "Darknight")),
        day.format("Sa. 12.12.", item.format("/c", "80er Party mit DJ - 16 - 22 Uhr")),
        day.format("So. 13.12.", item.format("/d", "Tanzwut")),
    ]) + "</div>")  # fmt: skip
    assert [(e["title"], e["start"], e["url"]) for e in events] == [
        ("OST+FRONT", "2026-12-11", "https://www.example.de/a"),
        ("Darknight", "2026-12-11", "https://www.example.de/b"),
        ("80er Party mit DJ - 16 - 22 Uhr", "2026-12-12T16:00", "https://www.example.de/c"),
        ("Tanzwut", "2026-12-13", "https://www.example.de/d"),
    ]


def test_a_days_heading_over_a_list_of_links_dates_each_of_them_but_not_a_closure():
    events = found("""<h1>Programm</h1><div class="program">
    <h3>Fr. 11.12.</h3><ul><li><a href="/a">Lesung: Winterreise</a></li>
    <li><a href="/b">Kinderkino</a></li></ul>
    <h3>Do. 24.12.</h3><ul><li>Heiligabend geschlossen</li></ul>
    <h3>Sa. 26.12.</h3><ul><li><a href="/c">Weihnachtskonzert</a></li></ul></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Lesung: Winterreise", "2026-12-11"), ("Kinderkino", "2026-12-11"),
        ("Weihnachtskonzert", "2026-12-26"),
    ]  # fmt: skip


def test_an_accordions_heading_names_its_concert_after_the_date():
    panel = """<div class="panel"><h4 class="panel-title"><a href="#c{n}" data-toggle="collapse">
      {day}
      <i>/ <span>{title}</span></i></a></h4><div id="c{n}" class="panel-collapse collapse">
      <p>J. Haydn: Sinfonie G-Dur Nr. 94<br></p><p><a href="/solisten/{n}">Anna Berg</a>, Sopran
      <br>Leitung: <a href="/leitung/forster/">Michael Forster</a><br><br>
      <a href="https://tickets.example.com/{n}">Tickets für dieses Konzert sichern ab € 25</a>
      </p></div></div>"""
    events = found("<h2>Spielplan 2027</h2>" + "".join(
        panel.format(n=n, day=day, title=title)
        for n, (day, title) in enumerate([("10. April 2027", "Chaos und Paukenschlag"),
                                          ("28. Juni 2027", "Sternzeichen: Klarinette!")])
    ))  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Chaos und Paukenschlag", "2027-04-10"), ("Sternzeichen: Klarinette!", "2027-06-28"),
    ]  # fmt: skip


def test_hashtags_with_hyphens_name_no_event():
    card = """<a class="card" href="/events/{n}/"><h3 class="date">{day}</h3>
      <h3 class="tags">#open-mic #konzert</h3><h1>{title}</h1></a>"""
    events = found("".join(
        card.format(n=n, day=day, title=title)
        for n, (day, title) in enumerate([("27.03.2027", "Rap im Keller #2"),
                                          ("29.05.2027", "Rap im Keller #3")])
    ))  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Rap im Keller #2", "2027-03-27"), ("Rap im Keller #3", "2027-05-29"),
    ]  # fmt: skip


def test_a_box_offices_link_names_no_concert():
    card = """<div class="konzert"><p class="datum">{day}, 19 Uhr</p><p>{title}</p>
      <p><a href="https://tickets.example.com/{n}">Tickets für dieses Konzert sichern</a></p>
      </div>"""
    events = found('<div class="konzerte">' + "".join(
        card.format(n=n, day=day, title=title)
        for n, (day, title) in enumerate([("10.04.2027", "Frühlingskonzert"),
                                          ("28.06.2027", "Serenade im Park")])
    ) + "</div>")  # fmt: skip
    assert [e["title"] for e in events] == ["Frühlingskonzert", "Serenade im Park"]


def test_a_posts_date_printed_as_a_heading_above_its_title_is_no_event():
    head = '<meta property="og:type" content="article">'
    events = found(
        """<section class="hero"><h1 class="subtitle"><mark>17.11.2026 - </mark></h1>
        <h1 class="title"><mark>ABSAGE ANSAGE</mark></h1>
        <h1 class="title is-3"><mark>Statement zur Absage des bevorstehenden Konzerts</mark></h1>
        </section><div class="content"><p>Liebe Freundinnen und Freunde, leider müssen wir
        das Konzert absagen. Bereits gekaufte Karten behalten ihre Gültigkeit.</p></div>""",
        head,
    )
    assert events == []


def test_a_tables_one_row_is_titled_by_its_cell_beside_the_days_not_by_the_head_row():
    # a hand-made table: the head row's names in bold plain cells, the row's two days as
    # paragraphs of one cell, its title a link in the next, its teacher in the last
    events = found("""<h1>Terminkalender</h1><table><tbody>
    <tr><td><strong>Datum und Ort</strong></td><td><strong>Veranstaltung</strong></td>
    <td><strong>Dozent/ Musiker</strong></td></tr>
    <tr><td><p><strong>Samstag 13.03.2027 11 bis 18 Uhr</strong></p>
    <p><strong>und Sonntag 14.03.2027 11 bis ca. 14 Uhr</strong></p><p>Frankfurt</p></td>
    <td><a href="/2026/06/28/rhythmus/"><strong>Rhythmus und die Kunst des Loslassens</strong></a>
    <p>Rhythmus begegnet uns überall: in den Zyklen der Natur.</p></td>
    <td><p>Anna Berg</p></td></tr></tbody></table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Rhythmus und die Kunst des Loslassens", "2027-03-13T11:00")
    ]


def test_a_closed_dialogs_heading_in_each_row_names_no_event():
    row = """<div class="jev_listrow"><p>{day} 10:00 - 16:00<br/>
      <a class="ev_link_row" href="/eventdetail/{n}">{title}</a> Flohmarkt in Kreuzberg
      <div id="ical{n}" class="ical_dialogJQ modal hide fade" role="dialog" aria-hidden="true">
      <div class="modal-header"><h4 class="modal-title">Event exportieren</h4></div>
      <div class="modal-body"><a href="/ical/{n}">Als iCal exportieren</a></div></div></p></div>"""
    events = found('<div class="jev_listbody">' + "".join(
        row.format(n=n, day=day, title=title)
        for n, (day, title) in enumerate([("Samstag, 06. März 2027", "Trödelmarkt am Platz"),
                                          ("Sonntag, 07. März 2027", "Kunstmarkt am Ufer")])
    ) + "</div>")  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Trödelmarkt am Platz", "2027-03-06T10:00"), ("Kunstmarkt am Ufer", "2027-03-07T10:00"),
    ]  # fmt: skip


def test_a_days_programme_of_times_and_shows_in_a_definition_list_is_an_event_each():
    show = '<dt><strong>{}</strong> <a href="{}"><img src="/logo.png" alt="Bühne"></a></dt>'
    show += '<dd><a href="/2027/03/{}/"><strong>{}</strong>, <em>{}</em></a><br><em>{}</em></dd>'
    events = found(
        "<h1>Veranstaltungen</h1><h2>Mittwoch, 10.03.</h2><dl>"
        + show.format("11:00", "https://jt.example", 1, "Der kleine Prinz", "Junges Theater",
                      "Schulvorstellung")
        + show.format("20:15", "https://thop.example", 2, "Der Kissenmann", "ThOP", "Komödie")
        + "</dl><h2>Donnerstag, 11.03.</h2><dl>"
        + show.format("20:00", "https://exil.example", 3, "Show: Polkageist", "Exil", "Konzert")
        + "</dl>"
    )  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Der kleine Prinz", "2027-03-10T11:00"),
        ("Der Kissenmann", "2027-03-10T20:15"),
        ("Show: Polkageist", "2027-03-11T20:00"),
    ]


def test_further_dates_below_a_box_of_facts_take_the_pages_title():
    events = found("""<div class="event"><h1>Familiensportfest</h1>
    <div class="date"><h2>So</h2><p>06.06.2027 | 10:00 - 17:00 Uhr</p></div>
    <div class="facts"><h2>Auf einen Blick</h2><ul><li>Sportforum</li><li>Eintritt frei</li>
    </ul></div><div class="text"><p>Vereine stellen sich vor.</p></div>
    <div class="dates"><h2>Nächste Termine</h2><ul><li>06.06.2027 von 10:00 - 17:00 Uhr</li>
    <li>07.06.2027 von 10:00 - 17:00 Uhr</li><li>08.06.2027 von 10:00 - 17:00 Uhr</li></ul>
    </div></div>""")
    assert sorted({(e["title"], e["start"]) for e in events}) == [
        ("Familiensportfest", "2027-06-06T10:00"), ("Familiensportfest", "2027-06-07T10:00"),
        ("Familiensportfest", "2027-06-08T10:00"),
    ]  # fmt: skip


def test_a_year_grid_whose_columns_are_kinds_of_event_dates_each_day_at_its_heads_time():
    # a club's year: a row a month, a column a kind of event with its time in the head,
    # the days alone in the cells, "-" for none, a name in brackets for a special one
    rows = [("Januar", "-", "-"), ("Februar", "4. Februar", "-"), ("März", "4. März", "-"),
            ("April", "1. April", "5. April (Ostermontag)"), ("Mai", "6. Mai", "16. Mai"),
            ("Juni", "3. Juni", "13. Juni"),
            ("Dezember", "2. Dezember (Jahreshauptversammlung)", "-")]  # fmt: skip
    body = "".join(f"<tr><td>{m}</td><td>{a}</td><td>{b}</td></tr>" for m, a, b in rows)
    events = found(f"""<h1>Termine 2027</h1><table class="tabelle"><thead><tr><th>Monat</th>
    <th>Versammlungen um 20 Uhr<br>im Gasthof Linde</th><th>Rennen ab 14 Uhr<br>auf unserer
    Bahn</th></tr></thead><tbody>{body}</tbody></table>""")
    assert sorted((e["start"], e["title"]) for e in events) == [
        ("2027-02-04T20:00", "Versammlungen"), ("2027-03-04T20:00", "Versammlungen"),
        ("2027-04-01T20:00", "Versammlungen"), ("2027-04-05T14:00", "Rennen (Ostermontag)"),
        ("2027-05-06T20:00", "Versammlungen"), ("2027-05-16T14:00", "Rennen"),
        ("2027-06-03T20:00", "Versammlungen"), ("2027-06-13T14:00", "Rennen"),
        ("2027-12-02T20:00", "Versammlungen (Jahreshauptversammlung)"),
    ]  # fmt: skip


def test_a_tables_column_of_days_under_its_name_stays_the_rows_date():
    # "Datum" heads the days of the rows' events: no event called "Datum"
    events = found("""<h1>Termine 2027</h1><table><tr><th>Datum</th><th>Veranstaltung</th>
    </tr><tr><td>4. Februar</td><td>Jahreshauptversammlung</td></tr>
    <tr><td>4. März</td><td>Frühjahrsputz</td></tr><tr><td>1. April</td><td>Osterfeuer</td></tr>
    </table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Jahreshauptversammlung", "2027-02-04"), ("Frühjahrsputz", "2027-03-04"),
        ("Osterfeuer", "2027-04-01"),
    ]  # fmt: skip


def test_two_lists_side_by_side_in_one_table_are_read_pair_by_pair():
    # a layout table: the club evenings on the left, the fairs on the right, a row holding
    # a day and its title of each
    rows = [("08.01.2027", "Jahreshauptversammlung", "21.02.2027", "Winterbörse"),
            ("05.02.2027", "Vereinsabend", "25.04.2027", "Frühjahrsbörse"),
            ("05.03.2027", "Themenabend Wasserpflanzen", "10.10.2027", "Herbstbörse"),
            ("02.04.2027", "Vereinsabend", "", "")]  # fmt: skip
    body = "".join(
        f"<tr><td><b>{a}</b></td><td><p><b>{b}</b></p><p>Vortrag: N.N.</p></td>"
        f"<td>{c}</td><td>&nbsp;</td><td>{d}</td></tr>"
        for a, b, c, d in rows
    )
    events = found(f"<h1>Termine</h1><table>{body}</table>")
    assert sorted((e["start"], e["title"]) for e in events) == [
        ("2027-01-08", "Jahreshauptversammlung"), ("2027-02-05", "Vereinsabend"),
        ("2027-02-21", "Winterbörse"), ("2027-03-05", "Themenabend Wasserpflanzen"),
        ("2027-04-02", "Vereinsabend"), ("2027-04-25", "Frühjahrsbörse"),
        ("2027-10-10", "Herbstbörse"),
    ]  # fmt: skip


def test_a_tables_columns_of_start_and_end_days_are_no_two_lists():
    rows = [("12.03.2027", "14.03.2027", "Frühjahrsmesse"),
            ("02.05.2027", "04.05.2027", "Kongress"),
            ("10.09.2027", "12.09.2027", "Herbstmesse")]  # fmt: skip
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    events = found(f"<h1>Messen</h1><table><tr><th>Von</th><th>Bis</th><th>Messe</th></tr>"
                   f"{body}</table>")  # fmt: skip
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Frühjahrsmesse", "2027-03-12", "2027-03-14"), ("Kongress", "2027-05-02", "2027-05-04"),
        ("Herbstmesse", "2027-09-10", "2027-09-12"),
    ]  # fmt: skip


def test_a_year_heading_in_the_first_record_of_its_year_dates_the_records_after_it():
    event = """<div class="schedule-event">{year}<div class="block"><div class="date">
      <span>{day}.</span><br><span>{month}</span></div><div class="time">18:00 Uhr</div>
      <h3>{title}</h3></div></div>"""
    events = found('<div class="schedule">' + "".join(
        event.format(year=f"<h4>{year}</h4>" if year else "", day=day, month=month, title=t)
        for year, day, month, t in [("2025", "09", "Dec", "QGIS Workshop"),
                                    ("", "29", "Apr", "Open Data Lunch"),
                                    ("2024", "03", "Dec", "Datensprechstunde"),
                                    ("", "27", "Aug", "Sommerfest")]
    ) + "</div>")  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("QGIS Workshop", "2025-12-09T18:00"), ("Open Data Lunch", "2025-04-29T18:00"),
        ("Datensprechstunde", "2024-12-03T18:00"), ("Sommerfest", "2024-08-27T18:00"),
    ]  # fmt: skip


def test_a_years_programme_that_its_theme_calls_an_article_lists_its_days():
    head = '<meta property="og:type" content="article">'
    head += '<meta property="og:title" content="Jahresprogramm | Gartenbauverein Kößlarn">'
    events = found(
        """<section><h1>Jahres&shy;programm 2027</h1></section>
        <section><h2>Pflanzen&shy;tauschbörse</h2><h3>Samstag, 01.05.2027, ab 14 Uhr</h3>
        <h3>im Kirchenhof</h3></section>
        <section><h2>Herbstwanderung</h2><h3>Samstag, 16.10.2027</h3></section>
        <section><h2>Kripperlweg</h2><h3>Samstag, 11.12.2027</h3></section>""",
        head,
    )
    assert [(e["title"], e["start"]) for e in events] == [
        ("Pflanzentauschbörse", "2027-05-01T14:00"), ("Herbstwanderung", "2027-10-16"),
        ("Kripperlweg", "2027-12-11"),
    ]  # fmt: skip


def test_a_month_grids_day_numbers_under_its_month_and_year_date_each_days_events():
    # a month calendar: "2027 März" in its header, each day's cell its number alone and a
    # box per event; the grid opens with the last days of February
    def cell(day: int, *titles: str) -> str:
        boxes = "".join(f'<div class="cal__event"><a href="/e/{day}-{n}">{title}</a></div>'
                        for n, title in enumerate(titles))  # fmt: skip
        return f'<li class="cal__day"><div class="cal__day-date">{day}</div>{boxes}</li>'

    days = [cell(d) for d in (22, 23, 24, 25, 26, 27, 28)]
    days += [cell(d) for d in range(1, 32)]
    days[8] = cell(2, "Gründerstammtisch", "Sprechtag Patente")
    days[10] = cell(4, "Pitch-Training")
    weeks = "".join(f'<ul class="cal__days">{"".join(days[i:i + 7])}</ul>'
                    for i in range(0, len(days), 7))  # fmt: skip
    events = found(f"""<div class="calendar"><ul class="cal__browser"><li><a href="/2027/2">
    Februar</a></li><li><span>2027</span><span>März</span></li><li><a href="/2027/4">April</a>
    </li></ul><ul class="cal__weekdays"><li>Mo</li><li>Di</li><li>Mi</li><li>Do</li><li>Fr</li>
    <li>Sa</li><li>So</li></ul>{weeks}</div>""")
    assert sorted((e["start"], e["title"]) for e in events) == [
        ("2027-03-02", "Gründerstammtisch"), ("2027-03-02", "Sprechtag Patente"),
        ("2027-03-04", "Pitch-Training"),
    ]  # fmt: skip


def test_a_day_without_the_usual_meeting_is_no_event():
    events = found("""<h1>Gottesdienste</h1><div class="termine">
    <p>Samstag, 24.12.2026 | 15:30 Uhr – Christvesper</p>
    <p>Sonntag, 03.01.2027 | Kein Gottesdienst</p>
    <p>Sonntag, 10.01.2027 | 10 Uhr – Familiengottesdienst</p></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Christvesper", "2026-12-24T15:30"), ("Familiengottesdienst", "2027-01-10T10:00"),
    ]  # fmt: skip


def test_a_timelines_columns_of_one_width_are_its_rows_fields_not_a_list():
    # each row: its day in one column and its story in the other, both "ctl-6" (a day in a
    # story made the columns look like one list of dated records)
    row = """<div class="timeline-block-child swiper-slide"><div class="timeline-content">
      <div class="timeline-block-timeline ctl-row"><div class="ctl-6 timeline-block-time">
      <div class="story-time"><p>{day}</p></div></div><div class="timeline-block-icon"></div>
      <div class="ctl-6 timeline-block-detail"><div class="story-details"><div class="story">
      <h3 class="wp-block-heading ctlb-block-title">{title}</h3><p class="ctlb-block-desc">
      {text}</p></div></div></div></div></div></div>"""
    events = found('<h1>Veranstaltungen</h1><div class="timeline-list">' + "".join(
        row.format(day=day, title=title, text=text) for day, title, text in [
            ("13.05.2027", "Podiumsdiskussion KI im Dialog", "Mit Gästen aus der Region."),
            ("13.03.2027", "Anwendertagung in Bad Kissingen", "Am 13. März kamen viele."),
            ("25.02.2027", "Unternehmer-Barcamp", "Vortrag zum Thema Künstliche Intelligenz."),
            ("Dezember 2026", "Förderung bewilligt", "Das Team war in Berlin."),
            ("01.08.2026", "Workshop für Softwareunternehmen", "Mit praktischen Übungen."),
        ]) + "</div>")  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Podiumsdiskussion KI im Dialog", "2027-05-13"),
        ("Anwendertagung in Bad Kissingen", "2027-03-13"),
        ("Unternehmer-Barcamp", "2027-02-25"),
        ("Workshop für Softwareunternehmen", "2026-08-01"),
    ]


def test_days_over_news_or_speakers_are_no_days_of_events():
    news = found("""<h1>Aktuelles</h1><div class="news"><h3>Mi. 18.11.2026</h3><ul>
    <li><a href="/n/1">Neuer Vorstand gewählt</a></li>
    <li><a href="/n/2">Förderung bewilligt</a></li>
    </ul><h3>Do. 05.11.2026</h3><ul><li><a href="/n/3">Rückblick Herbstfest</a></li></ul>
    <h3>Mo. 26.10.2026</h3><ul><li><a href="/n/4">Neue Mitglieder</a></li></ul></div>""")
    speakers = found("""<h1>Fachtag Inklusion</h1><div class="programm-tage">
    <h3>Fr. 12.03.2027</h3><div class="speakers"><div class="speaker"><a href="/r/1">Anna Berg
    </a></div><div class="speaker"><a href="/r/2">Thomas Kühn</a></div></div>
    <h3>Sa. 13.03.2027</h3><div class="speakers"><div class="speaker"><a href="/r/3">Jana Wolf
    </a></div></div></div>""")
    assert (news, speakers) == ([], [])


def test_titles_that_start_like_a_box_office_are_titles():
    card = '<div class="event"><p class="date">{}, 18 Uhr</p><h3><a href="/e/{}">{}</a></h3></div>'
    events = found('<div class="events">' + "".join(
        card.format(day, n, title) for n, (day, title) in enumerate([
            ("02.12.2026", "Karten spielen im Park"),
            ("10.12.2026", "Karten online erstellen mit uMap"),
            ("15.12.2026", "Tickets für alle? Podiumsgespräch zum Kulturpass"),
        ])) + "</div>")  # fmt: skip
    assert [e["title"] for e in events] == [
        "Karten spielen im Park", "Karten online erstellen mit uMap",
        "Tickets für alle? Podiumsgespräch zum Kulturpass",
    ]  # fmt: skip


def test_a_heading_that_opens_with_a_day_and_a_town_leaves_the_title_to_the_panels_bold():
    panel = """<div class="panel"><h4><a href="#p{n}" data-toggle="collapse">{day} – {town}</a>
      </h4><div id="p{n}" class="collapse"><p><strong>{title}</strong></p>
      <p><a href="/anmeldung/{n}">Anmeldung</a></p></div></div>"""
    events = found("<h2>Regionalkonferenzen 2027</h2>" + "".join(
        panel.format(n=n, day=day, town=town, title=title)
        for n, (day, town, title) in enumerate([
            ("12.03.2027", "Jena", "Regionalkonferenz Ost"),
            ("19.03.2027", "Erfurt, Augustinerkloster", "Regionalkonferenz Mitte")])
    ))  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Regionalkonferenz Ost", "2027-03-12"), ("Regionalkonferenz Mitte", "2027-03-19"),
    ]  # fmt: skip


def test_a_cards_title_held_only_in_its_closed_dialog_still_names_it():
    card = """<div class="col event-card"><p class="event-date">{day}</p>
      <button data-bs-toggle="modal" data-bs-target="#ev{n}">Details</button>
      <div class="modal fade" id="ev{n}" aria-hidden="true"><div class="modal-content">
      <h5 class="modal-title">{title}</h5><p>Eintritt 10 €.</p></div></div></div>"""
    events = found('<h1>Programm</h1><div class="row event-grid">' + "".join(
        card.format(n=n, day=day, title=title) for n, (day, title) in enumerate([
            ("Sa. 12.12.2026, 19:30 Uhr", "Adventskonzert des Kammerchors"),
            ("Fr. 15.01.2027, 20:00 Uhr", "Lesung: Stern 111"),
            ("So. 24.01.2027, 17:00 Uhr", "Scheunenkino")])
    ) + "</div>")  # fmt: skip
    assert [(e["title"], e["start"]) for e in events] == [
        ("Adventskonzert des Kammerchors", "2026-12-12T19:30"),
        ("Lesung: Stern 111", "2027-01-15T20:00"), ("Scheunenkino", "2027-01-24T17:00"),
    ]  # fmt: skip


def test_blank_lines_between_groups_of_dated_lines_keep_each_line_an_entry():
    events = found("""<h1>Jahresplan 2027</h1><p>Hier unsere Termine:</p><p>
    15.01.2027 Jahreshauptversammlung<br>12.02.2027 Fischerfasching<br><br>
    17.04.2027 Anangeln<br>19.06.2027 Sommerfest<br><br>11.09.2027 Königsangeln</p>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Jahreshauptversammlung", "2027-01-15"), ("Fischerfasching", "2027-02-12"),
        ("Anangeln", "2027-04-17"), ("Sommerfest", "2027-06-19"),
        ("Königsangeln", "2027-09-11"),
    ]  # fmt: skip


def test_a_headings_lines_of_days_and_places_are_its_events_days():
    events = found("""<h1>Konzerte</h1><div class="konzert"><h3>Adventskonzert der Kantorei<br>
    12.12.2026 Marienkirche<br>13.12.2026 Divi-Blasii-Kirche</h3><p>Beginn jeweils 17 Uhr.</p>
    </div>""")
    assert {e["title"] for e in events} == {"Adventskonzert der Kantorei"}


MENU_CELL = """<td class="navi"><a href="index.html">Startseite</a><br>
<a href="verein.html">Der Verein</a><br><a href="termine.html">Termine</a></td>"""


def test_a_layout_tables_page_content_beside_its_menu_is_read_as_a_page():
    stammtisch = found(f"""<table width="800"><tr>{MENU_CELL}<td><h2>Stammtisch</h2>
    <p>Unser Stammtisch trifft sich jeweils um 19 Uhr im „Schwan“ an folgenden Tagen:</p>
    <ul><li>Donnerstag, 14.01.2027</li><li>Donnerstag, 11.02.2027</li>
    <li>Donnerstag, 11.03.2027</li></ul><p>Gäste sind willkommen!</p></td></tr></table>""")
    one = found(f"""<table width="780"><tr>{MENU_CELL}<td><h1>Termine</h1>
    <h3>Turmblasen zum 1. Advent</h3><p>Sonntag, 29.11.2026, 16:30 Uhr<br>Bergkirche</p>
    <p>Weitere Termine folgen.</p></td></tr></table>""")
    assert [(e["title"], e["start"]) for e in stammtisch] == [
        ("Stammtisch", "2027-01-14T19:00"), ("Stammtisch", "2027-02-11T19:00"),
        ("Stammtisch", "2027-03-11T19:00"),
    ]  # fmt: skip
    assert [(e["title"], e["start"]) for e in one] == [
        ("Turmblasen zum 1. Advent", "2026-11-29T16:30")
    ]


def _post(body: str, title: str, url: str) -> list[dict]:
    html = f"<html><head><title>{title} | Qigong-Haus</title></head><body>{body}</body></html>"
    kept, _ = rows(extract(saved_page(html.encode(), url, FETCHED), "unknown").events)
    return kept


def test_a_posts_seminar_told_in_its_prose_and_by_its_label_is_one_event():
    # a blog post on a seminar: its day in a sentence, then again under "Seminartermin"
    filler = "<div>Atem, Haltung und Bewegung werden Schritt für Schritt geübt.</div>" * 4
    events = _post(
        f"""<article><header><h1 class="entry-title">Qigong und Meditation</h1>
        <div class="entry-meta">Veröffentlicht am <time datetime="2027-01-10">10. Januar
        2027</time></div></header><div class="entry-content"><h2>Was ist Qigong?</h2>{filler}
        <h2>Seminar Qigong und Meditation</h2>
        <div>Dieses Jahr gebe ich dieses Seminar am 22.-23. Mai 2027 in Erfurt.</div>{filler}
        <div><strong>Seminartermin: 22. &amp; 23. Mai 2027</strong></div>{filler}
        <div>Anmeldetermin: 30. April 2027</div></div></article>""",
        "Qigong und Meditation",
        "https://www.example.de/qigong-und-meditation/",
    )
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Qigong und Meditation", "2027-05-22", "2027-05-23")
    ]


def test_a_picture_opened_in_a_lightbox_is_no_events_page():
    events = found("""<h1>Termine</h1><div class="termine">
    <div class="termin"><a href="/uploads/flyer-fruehlingsfest.jpg"><img src="/t.jpg"></a>
      <p>24.04.2027, 14 Uhr: Frühlingsfest im Pfarrgarten</p></div>
    <div class="termin"><a href="/uploads/plakat-sommerkonzert.png?v=2"><img src="/t.jpg"></a>
      <p>19.06.2027, 19 Uhr: Sommerkonzert des Chors</p></div></div>""")
    assert [(e["title"], e["start"], e["url"]) for e in events] == [
        ("Frühlingsfest im Pfarrgarten", "2027-04-24T14:00", URL),
        ("Sommerkonzert des Chors", "2027-06-19T19:00", URL),
    ]


def test_a_dash_the_style_sheet_draws_after_a_12_hour_time_ends_its_range():
    # Squarespace in English prints both clocks; CSS shows one and draws the dash
    def row(slug: str, day: str, iso: str, times: tuple[str, str, str, str]) -> str:
        s12, e12, s24, e24 = times
        return f"""<article class="eventlist-event"><div class="eventlist-column-info">
        <h1 class="eventlist-title"><a href="/events/{slug}">{slug.title()}</a></h1>
        <ul class="eventlist-meta"><li class="eventlist-meta-date"><time class="event-date"
        datetime="{iso}">{day}</time></li><li class="eventlist-meta-time"><span
        class="event-time-12hr"><time datetime="{iso}">{s12}</time><span
        class="event-datetime-divider"></span><time datetime="{iso}">{e12}</time></span><span
        class="event-time-24hr"><time datetime="{iso}">{s24}</time><span
        class="event-datetime-divider"></span><time datetime="{iso}">{e24}</time></span></li>
        </ul></div></article>"""

    events = found(
        '<div class="eventlist">'
        + row("gala", "Sat, March 13, 2027", "2027-03-13", ("7:00 PM", "9:00 PM", "19:00", "21:00"))
        + row("poetry", "Thu, March 18, 2027", "2027-03-18", ("6:30PM", "8:00PM", "18:30", "20:00"))
        + "</div>"
    )  # fmt: skip
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Gala", "2027-03-13T19:00", "2027-03-13T21:00"),
        ("Poetry", "2027-03-18T18:30", "2027-03-18T20:00"),
    ]


def test_an_events_labelled_beginning_and_end_are_its_span():
    events = _post(
        """<div class="news-single"><h1>Fachtagung Wasserstoff 2027</h1>
        <div class="news-meta">12.01.2027 · Veranstaltungen</div><div class="eventdetails"><dl>
        <dt>Veranstaltungsbeginn</dt><dd>16.03.2027 09:30</dd>
        <dt>Veranstaltungsende</dt><dd>17.03.2027 15:00</dd>
        <dt>Ort</dt><dd>Kaisersaal, Futterstraße 15/16, 99084 Erfurt</dd>
        <dt>Anmeldeschluss</dt><dd>01.03.2027</dd></dl></div>
        <p>Die Tagung bringt Hersteller, Anwender und Forschung zusammen.</p></div>""",
        "Fachtagung Wasserstoff 2027",
        "https://www.example.de/veranstaltungen/fachtagung-wasserstoff-2027/",
    )
    assert [(e["title"], e["start"], e["end"], e["location"]) for e in events] == [
        ("Fachtagung Wasserstoff 2027", "2027-03-16T09:30", "2027-03-17T15:00",
         "Kaisersaal, Futterstraße 15/16, 99084 Erfurt"),
    ]  # fmt: skip


def test_a_title_wrapped_over_source_lines_is_one_line_as_the_browser_shows_it():
    # a formatter re-indented the page and wrapped its long lines
    events = found("""<h1>Termine</h1><div class="termine">
    <div class="termin"><div>18.06.2027</div><div>Sommerkonzert des
        Posaunenchors</div><div>19:00
        - 21:00 Uhr</div></div>
    <div class="termin"><div>10.07.2027</div><div>Kinderfest auf dem
        Sportplatz</div><div>15:00
        - 18:00 Uhr</div></div></div>""")
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Sommerkonzert des Posaunenchors", "2027-06-18T19:00", "2027-06-18T21:00"),
        ("Kinderfest auf dem Sportplatz", "2027-07-10T15:00", "2027-07-10T18:00"),
    ]


def test_a_nested_list_of_days_is_named_by_the_item_it_hangs_from():
    events = found("""<h2>Feste im Jahr</h2><ul>
    <li><strong>Osterfeuer</strong>: 27. März 2027</li>
    <li><strong>Johannisfeuer</strong>: 24. Juni 2027</li>
    <li><strong>Kirchweih</strong>: 17. Oktober 2027</li>
    <li><strong>Patronatsfest</strong>: <ul><li>19. Mai 2027,</li><li>10. September 2027</li>
    </ul></li></ul>""")
    assert sorted((e["start"], e["title"]) for e in events) == [
        ("2027-03-27", "Osterfeuer"),
        ("2027-05-19", "Patronatsfest"),
        ("2027-06-24", "Johannisfeuer"),
        ("2027-09-10", "Patronatsfest"),
        ("2027-10-17", "Kirchweih"),
    ]


def test_a_records_date_only_in_its_data_attribute_dates_it():
    # a concert hall's calendar: the item's day and time in data attributes, its microdata
    # without a startDate; the button's data-startdate is when the page was made
    def item(n: int, slug: str, title: str, day: str, clock: str) -> str:
        return f"""<li id="page-{n}" data-fulldate="{day}" data-fulltime="{day} {clock}:00"
        itemscope itemtype="https://schema.org/MusicEvent"><span itemprop="url"
        content="https://www.example.de/kalender/{slug}/"></span><h3 itemprop="name"><a
        href="/kalender/{slug}/">{title}</a></h3></li>"""

    more = '<li><button data-startdate="2026-11-20 08:13:27">Mehr zeigen</button></li>'
    first = item(1, "sinfonie", "3. Sinfonie", "2027-01-16", "19:30")
    one = found(f'<ul class="program-list">{first}{more}</ul>')
    three = found(
        f'<ul class="program-list">{first}'
        + item(2, "orgel", "Orgelnacht", "2027-01-22", "21:00")
        + item(3, "familie", "Familienkonzert", "2027-01-24", "11:00")
        + more + "</ul>"
    )  # fmt: skip
    assert [(e["title"], e["start"]) for e in one] == [("3. Sinfonie", "2027-01-16T19:30")]
    assert [(e["title"], e["start"]) for e in three] == [
        ("3. Sinfonie", "2027-01-16T19:30"),
        ("Orgelnacht", "2027-01-22T21:00"),
        ("Familienkonzert", "2027-01-24T11:00"),
    ]


def test_a_season_in_date_order_across_new_year_puts_its_summer_in_the_next_year():
    # fetched in November: "nearest" alone would put June in the June before
    cards = "".join(
        f'<div class="event"><div class="date"><span>{day}</span> <span>{month}</span></div>'
        f'<h3><a href="/events/{n}/">{title}</a></h3></div>'
        for n, (day, month, title) in enumerate([
            ("26", "Sep.", "Herbstessen"), ("12", "Dez.", "Weihnachtsfeier"),
            ("21", "Jan.", "Neujahrsempfang"), ("29", "Mai", "Frühlingsfest"),
            ("19", "Juni", "Saisonabschluss"),
        ])
    )  # fmt: skip
    events = found(f"<h1>Veranstaltungen</h1>{cards}")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Herbstessen", "2026-09-26"), ("Weihnachtsfeier", "2026-12-12"),
        ("Neujahrsempfang", "2027-01-21"), ("Frühlingsfest", "2027-05-29"),
        ("Saisonabschluss", "2027-06-19"),
    ]  # fmt: skip


def test_a_days_item_over_a_nested_list_dates_each_of_its_events():
    # a Markdown programme: "- Freitag, 4. Juni 2027" over "  - Festakt …", "  - Umzug …"
    events = found("""<h1>Festprogramm</h1><ul>
    <li>Freitag, den 4. Juni 2027<ul><li>Festakt in der Stadtkirche</li>
    <li>Umzug zum Marktplatz</li><li>Festkommers im Ratskeller</li></ul></li>
    <li>Samstag, den 5. Juni 2027<ul><li>Frühschoppen im Hof</li></ul></li>
    <li>Sonntag, den 6. Juni 2027<ul><li>Familienfest im Park</li></ul></li></ul>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Festakt in der Stadtkirche", "2027-06-04"), ("Umzug zum Marktplatz", "2027-06-04"),
        ("Festkommers im Ratskeller", "2027-06-04"), ("Frühschoppen im Hof", "2027-06-05"),
        ("Familienfest im Park", "2027-06-06"),
    ]  # fmt: skip


def test_a_first_and_last_item_class_keeps_the_items_in_their_list():
    # each item a date line and a link in divs of its own: the first and last items,
    # classed for where they stand, once made a list of their own lines
    items = [
        ("first", "14.01.2027", "Neujahrsempfang"), ("", "11.03.2027", "Stammtisch"),
        ("", "13.05.2027", "Betriebsbesuch"), ("last", "08.07.2027", "Sommerfest"),
    ]  # fmt: skip
    body = "".join(
        f'<li class="{where}"><div>{day}</div><div>19:00 Uhr</div>'
        f'<div><a href="/t/{n}">{title}</a></div><div>Vereinsheim</div></li>'
        for n, (where, day, title) in enumerate(items)
    )
    assert [(e["title"], e["start"]) for e in found(f"<ul>{body}</ul>")] == [
        ("Neujahrsempfang", "2027-01-14T19:00"), ("Stammtisch", "2027-03-11T19:00"),
        ("Betriebsbesuch", "2027-05-13T19:00"), ("Sommerfest", "2027-07-08T19:00"),
    ]  # fmt: skip


def test_tables_of_fields_are_titled_by_their_programme_row():
    def table(day: str, place: str, programme: str) -> str:
        rows = [("Datum:", day), ("Uhrzeit:", "19:30"), ("Ort:", place), ("Programm:", programme)]
        return (
            "<table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows) + "</table>"
        )

    events = found(
        "<h2>Konzerte 2027</h2>"
        + table("16.01.2027", "Rathaussaal Jena", "Neujahrskonzert mit Werken von Haydn")
        + table("13.03.2027", "Stadtkirche Weimar", "Frühlingslieder")
    )
    assert [(e["title"], e["start"], e["location"]) for e in events] == [
        ("Neujahrskonzert mit Werken von Haydn", "2027-01-16T19:30", "Rathaussaal Jena"),
        ("Frühlingslieder", "2027-03-13T19:30", "Stadtkirche Weimar"),
    ]


def test_a_past_events_badge_below_its_day_keeps_the_day_with_its_time():
    # MEC's single event: the day in one <dl>, the "Expired!" badge in the next, the time
    # under a label of its own
    events = found("""<h1>Vereinsmeisterschaft</h1><div class="mec-event-meta">
    <div class="mec-single-event-date"><h3 class="mec-date">Date</h3>
      <dl><dd><abbr><span class="mec-start-date-label">Sep 18 2026</span></abbr></dd></dl>
      <dl><dd><span class="mec-holding-status mec-holding-status-expired">Expired!</span></dd></dl>
    </div>
    <div class="mec-single-event-time"><h3 class="mec-time">Time</h3>
      <dl><dd><abbr>9:00 am - 6:00 pm</abbr></dd></dl></div></div>""")
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Vereinsmeisterschaft", "2026-09-18T09:00", "2026-09-18T18:00")
    ]


def test_events_at_odd_minutes_with_an_end_are_no_posting_stamps():
    # a test site's events at 13:01 and 13:04, each a span: not bylines, which have no end
    body = "".join(
        f'<article class="day__event"><time datetime="2027-01-20">'
        f"<span>January 20 @ 1:0{m} pm</span> - <span>5:0{m} pm</span></time>"
        f'<h3><a href="/event/{m}">Probelauf {m}</a></h3></article>'
        for m in (1, 4)
    )
    assert [(e["title"], e["start"], e["end"]) for e in found(f"<div>{body}</div>")] == [
        ("Probelauf 1", "2027-01-20T13:01", "2027-01-20T17:01"),
        ("Probelauf 4", "2027-01-20T13:04", "2027-01-20T17:04"),
    ]


def test_a_date_that_links_the_posts_own_day_in_its_permalink_is_when_it_was_posted():
    # a blog's front page: each post opens with its day, linked to its permalink; the
    # Stammtisch's own day is in the post's text
    posts = [
        ("2026/10/17/stammtisch-im-november", "Samstag, 17. Oktober 2026", "Stammtisch im November",
         "Der Stammtisch ist am Freitag, 13. November 2026<br>ab 20:00 Uhr im Ratskeller."),
        ("2026/10/02/neuer-vorstand", "Freitag, 2. Oktober 2026", "Neuer Vorstand gewählt",
         "Die Mitglieder haben einen neuen Vorstand gewählt."),
        ("2026/09/12/sommerfest-rueckschau", "Samstag, 12. September 2026", "Danke fürs Sommerfest",
         "Wir danken allen, die beim Sommerfest geholfen haben."),
    ]  # fmt: skip
    body = "".join(
        f'<div class="news"><p class="newsdatum">[<a href="/{path}/">{day}</a>]</p>'
        f'<h2><a href="/{path}/">{title}</a></h2><div class="newstext"><p>{text}</p></div></div>'
        for path, day, title, text in posts
    )
    events = found(body)
    assert [(e["title"], e["start"]) for e in events] == [
        ("Stammtisch im November", "2026-11-13T20:00")
    ]


def test_an_articles_yearless_day_is_of_the_year_its_json_ld_says_it_was_published():
    # og:type article without article:published_time; Yoast's WebPage datePublished is it
    head = """<meta property="og:type" content="article" />
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
    {"@type":"WebPage","name":"Skate-Contest",
     "datePublished":"2025-08-03T10:49:24+00:00"}]}
    </script>"""
    events = found(
        "<article><h1>Skate-Contest auf der Miniramp am 19. August in Gera</h1>"
        "<p>Warm Up 11:00 Uhr, Contest 12:00 Uhr.</p></article>",
        head,
    )
    assert [e["start"][:10] for e in events] == ["2025-08-19"]


def test_a_day_agenda_shows_an_exhibitions_run_on_its_day_and_dates_no_row_by_it():
    table = "".join(
        f"<tr><td>{time}</td><td><b>{title}</b> {text}</td><td>{place}</td></tr>"
        for time, title, text, place in [
            ("10:00 – 20:00", "Licht und Schatten", "Fotografien. 4.12.-24.2. (tägl. 10-20).",
             "Kunsthaus Gera"),
            ("15:00", "Der gestiefelte Kater", "Märchen für Kinder ab 4.", "Puppentheater"),
            ("20:15", "Live-Reportage Island", "Ein Abend in Bildern.", "Stadthalle"),
        ]
    )  # fmt: skip
    html = f"<html><body><h1>Tagesagenda</h1><table>{table}</table></body></html>"
    url = "https://www.kultur-gera.example/Tagesagenda?startDate=14.01.2027"
    kept, _ = rows(extract(saved_page(html.encode(), url, FETCHED), "unknown").events)
    assert [(e["title"], e["start"], e["end"]) for e in kept] == [
        ("Licht und Schatten", "2027-01-14T10:00", "2027-01-14T20:00"),
        ("Der gestiefelte Kater", "2027-01-14T15:00", None),
        ("Live-Reportage Island", "2027-01-14T20:15", None),
    ]


def test_rows_of_times_alone_after_an_exhibitions_run_take_no_day_from_it():
    table = "".join(
        f"<tr><td>{time}</td><td><b>{title}</b> {text}</td></tr>"
        for time, title, text in [
            ("10:00 – 20:00", "Licht und Schatten", "Fotografien. 4.12.-24.2. (tägl. 10-20)."),
            ("15:00", "Der gestiefelte Kater", "Märchen für Kinder ab 4."),
            ("20:15", "Live-Reportage Island", "Ein Abend in Bildern."),
        ]
    )
    events = found(f"<h1>Tagesagenda</h1><table>{table}</table>")
    assert [(e["title"], e["start"][:10]) for e in events] == [("Licht und Schatten", "2026-12-04")]


def test_a_day_pages_panels_are_dated_by_its_address_an_all_day_line_too():
    # Events Manager's day page in a theme of panels: the day only in the address
    panel = (
        '<div class="col"><div class="panel"><div class="panel-heading">{}</div>'
        '<div class="panel-body"><i class="icon-map-marker"></i> {} <br>'
        '<i class="icon-time"></i> {} <br><p>{}</p></div></div></div>'
    )
    html = "<html><body><h2>Veranstaltungen</h2><div class='cols'>{}{}</div></body></html>".format(
        panel.format("Tag der Menschenrechte", "Anger, Erfurt", "Ganztägig", "Infostände."),
        panel.format("Pressekonferenz", "Rathaus Erfurt", "13:00 - 14:30", "Mit Fragen."),
    )
    url = "https://www.example.de/veranstaltungen/2026-12-10/"
    kept, _ = rows(extract(saved_page(html.encode(), url, FETCHED), "unknown").events)
    assert [(e["title"], e["start"], e["end"]) for e in kept] == [
        ("Tag der Menschenrechte", "2026-12-10", None),
        ("Pressekonferenz", "2026-12-10T13:00", "2026-12-10T14:30"),
    ]


def test_a_calendar_widget_of_one_coming_event_in_the_footer_lists_it():
    # Events Manager's widget in a theme's footer, beside the page's list of events
    items = "".join(
        f'<li><a href="/veranstaltungen/{n}/">{title}</a> {day}</li>'
        for n, (title, day) in enumerate([("Stammtisch", "03.12.2026"), ("Lesung", "10.12.2026")])
    )
    events = found(f"""<h1>Veranstaltungen</h1><ul class="em-events-list">{items}</ul>
    <div class="footer"><div class="footer-box widget_em_widget"><h4>Nächste Termine</h4>
    <ul><li><a href="/veranstaltungen/neujahrsempfang/">Neujahrsempfang 2027</a>
    <ul><li>15.01.2027 - 16.01.2027 Rathaus</li></ul></li></ul></div></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Stammtisch", "2026-12-03"), ("Lesung", "2026-12-10"),
        ("Neujahrsempfang 2027", "2027-01-15"),
    ]  # fmt: skip


def test_a_page_builders_date_and_time_in_widgets_of_their_own_are_one_start():
    # Elementor: the title's widget, then the date's and the time's headings side by side;
    # Yoast calls the event's page an article
    widget = '<div class="elementor-widget"><div class="elementor-widget-container">{}</div></div>'
    head = '<meta property="og:type" content="article" />'
    events = found(
        widget.format("<h1>Rock für den Frieden</h1>")
        + '<div class="e-con"><div class="e-con-inner">'
        + widget.format("<h2>Samstag, 7. November 2026</h2>")
        + widget.format("<h2>, 18:30</h2>")
        + "</div></div>"
        + widget.format("<h2>10 €</h2><p>Drei Bands spielen für die Tafel.</p>"),
        head,
    )
    assert [(e["title"], e["start"]) for e in events] == [
        ("Rock für den Frieden", "2026-11-07T18:30")
    ]


def test_a_run_of_days_with_an_opening_time_in_a_box_of_its_own_keeps_its_last_day():
    # TYPO3 events2: the run in the date box on lines of its own, the time under the title
    entry = (
        '<div class="eventWrapper"><div class="date">{}</div><div class="eventInner">'
        '<h3><a href="/e/{}">{}</a></h3><div class="time">{}</div></div></div>'
    )
    events = found(
        '<div class="list">'
        + entry.format(
            "\n01.12.2026\n - \n01.02.2027\n", 1, "Ausstellung Himmelsbilder", "09.00 Uhr"
        )
        + entry.format("12.12.2026", 2, "Führung im Garten", "11 – 12.30 Uhr")
        + "</div>"
    )
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Ausstellung Himmelsbilder", "2026-12-01T09:00", "2027-02-02T00:00"),
        ("Führung im Garten", "2026-12-12T11:00", "2026-12-12T12:30"),
    ]


def test_further_dates_of_the_pages_event_listed_below_its_place_take_that_place():
    # Drupal's date_recur: the venue once, then the occurrences as a list
    days = "".join(
        f'<li><time datetime="2027-05-{d}T10:00:00Z">{d}.05.2027 | 10:00</time>'
        f' - <time datetime="2027-05-{d}T17:00:00Z">17:00</time></li>'
        for d in ("01", "08", "15")
    )
    events = found(f"""<h1>Familiensportfest</h1>
    <div class="field--name-field-location"><div class="field__label">Ort</div>
    <div class="field__item">Eishalle am Sportforum, Konrad-Wolf-Str. 39, 13055 Berlin</div></div>
    <ol class="date-recur-occurrences">{days}</ol>
    <p>Sport und Spiel für die ganze Familie.</p>""")
    place = "Eishalle am Sportforum, Konrad-Wolf-Str. 39, 13055 Berlin"
    assert [(e["start"], e["location"]) for e in events] == [
        (f"2027-05-{d}T10:00", place) for d in ("01", "08", "15")
    ]


def test_lines_spaced_with_underscores_read_as_date_lines():
    # a bar's programme typed with underscores for spaces, day_month for the day; one night
    # is a line alone, the others run on below it until an empty paragraph
    events = found("""<div class="content">
    <p><a href="https://band-a.example/">Fr__08_01__22h____Schüttelfrost</a></p>
    <p><a href="https://band-a.example/">Surf, Garage</a></p><p> </p>
    <p>Do__14_01__20h____Kneipenquiz</p><p> </p>
    <p>Sa__16_01__22h___Die Nachtfalter</p><p>Dark Wave</p><p> </p></div>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Schüttelfrost", "2027-01-08T22:00"), ("Kneipenquiz", "2027-01-14T20:00"),
        ("Die Nachtfalter", "2027-01-16T22:00"),
    ]  # fmt: skip


def test_a_cells_two_days_beside_a_note_and_an_address_are_one_courses_days():
    # (not a row of two entries, one a line: club-table-lines-per-entry)
    events = found("""<h1>Kurse 2027</h1><table><tr><th>Termin</th><th>Kurs</th><th>Ort</th></tr>
    <tr><td>12.01.2027<br>14.01.2027</td><td>Erste-Hilfe-Grundkurs<br><small>(zweitägig)</small>
    </td><td>DRK-Haus<br>Lindenstr. 4</td></tr>
    <tr><td>09.02.2027<br>11.02.2027</td><td>Erste-Hilfe-Grundkurs<br><small>(zweitägig)</small>
    </td><td>DRK-Haus<br>Lindenstr. 4</td></tr></table>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Erste-Hilfe-Grundkurs", "2027-01-12"), ("Erste-Hilfe-Grundkurs", "2027-01-14"),
        ("Erste-Hilfe-Grundkurs", "2027-02-09"), ("Erste-Hilfe-Grundkurs", "2027-02-11"),
    ]  # fmt: skip


def test_a_day_views_title_names_no_event_when_the_day_lists_none():
    # The Events Calendar's legacy day view of an empty day
    for title in ("Events for May 27, 2027", "Veranstaltungen am 27. Mai 2027"):
        html = (
            f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            "<ul><li>No events scheduled for May 27, 2027. Please try another day.</li></ul>"
            "</body></html>"
        )
        page = saved_page(html.encode(), URL, FETCHED)
        assert extract(page, "unknown").events == []


def test_a_home_pages_one_event_teaser_is_its_date_over_the_link_that_names_it():
    # beside a news teaser of the same markup that opens with its press dateline
    page = """<h1>Startup-Verband</h1><div class="news-box"><div class="news-link">
    <a href="/presse/bar">Verband begrüßt Digitalministerium</a></div>
    <p>Berlin, 05.11.2026 - Der Verband begrüßt, dass die neue Regierung ein eigenes
    Digitalministerium einrichten will, und fordert mehr Tempo beim Breitband.</p></div>
    <div class="news-box"><div class="news-link"><small>12.04.2027</small><br>
    <a href="/events/kalender/?eintrag=212">Startup Camp Berlin 2027</a></div>
    <p>Join the biggest early stage startup conference in Berlin!</p></div>"""
    assert [(e["title"], e["start"]) for e in found(page)] == [
        ("Startup Camp Berlin 2027", "2027-04-12")
    ]


def test_a_page_that_puts_a_day_over_12_second_writes_its_month_first_whatever_its_lang():
    # Joomla's Ohanah list on a site left at lang="en-gb": MM/DD/YY ranges
    rows = "".join(
        f'<tr><td><b><a href="/events/{n}">{when}</a></b></td><td><b><a href="/events/{n}">'
        f"{title} @ {place}</a></b></td></tr>"
        for n, (when, title, place) in enumerate([
            ("02/26/27 - 02/28/27", "Joshua Tree Weekend", "Indian Cove"),
            ("03/06/27 - 03/06/27", "Safety Evaluation", "Mt. Rubidoux"),
            ("03/12/27 - 03/14/27", "Red Rock Trip", "Red Rock Canyon"),
        ])
    )  # fmt: skip
    html = f'<html lang="en-gb"><head><title>Events</title></head><body><table>{rows}</table>'
    page = saved_page(f"{html}</body></html>".encode(), URL, FETCHED)
    kept, _ = rows_of(extract(page, "unknown").events)
    assert [(e["title"], e["start"], e["end"]) for e in kept] == [
        ("Joshua Tree Weekend", "2027-02-26", "2027-02-28"),
        ("Safety Evaluation", "2027-03-06", "2027-03-06"),
        ("Red Rock Trip", "2027-03-12", "2027-03-14"),
    ]


def test_spans_side_by_side_without_spaces_are_apart_where_no_word_runs_on():
    # a generated flyer: date, time and room in three <span>s a style sheet lays out apart
    events = found(
        '<p class="when"><span>Friday, December 11, 2026</span><span>10:00–10:50 AM Central'
        "</span><span>GP 208</span></p><h1>Towards Inclusive Intelligence</h1><p>Aina Irbe</p>"
        "<p>Organizations are increasingly using AI to create workplace training.</p>"
    )
    assert [(e["title"], e["start"], e["end"]) for e in events] == [
        ("Towards Inclusive Intelligence", "2026-12-11T10:00", "2026-12-11T10:50")
    ]
    # and a word split for styling stays one: "<b>J</b>ena"
    paragraph = dom.parse("<html><body><p><b>J</b><span>ena</span>, 12.03.2027</p></body></html>")
    assert dom.own_text(paragraph.find(".//p")) == "Jena, 12.03.2027"


def test_a_link_to_the_programme_file_is_no_title():
    events = found(
        "<h1>Tagungen</h1><ul>"
        '<li>Frühjahrstagung Photonik in Jena (12.–13. März 2027). <a href="/pdf/2027-1.pdf">'
        "🖹 Tagungsprogramm</a></li>"
        '<li>Herbsttagung Sensorik in Ilmenau (8.–9. Oktober 2027). <a href="/pdf/2027-2.pdf">'
        "Flyer (PDF)</a></li></ul>"
    )
    assert [(e["title"], e["start"]) for e in events] == [
        ("Frühjahrstagung Photonik in Jena", "2027-03-12"),
        ("Herbsttagung Sensorik in Ilmenau", "2027-10-08"),
    ]


def test_a_date_lines_zone_and_language_name_no_event_the_heading_above_does():
    # a user group's talks: the talk's h4, then an h3 of its date, time, zone and language
    events = found("""<h1>Java-Treff</h1><article>
    <hr><h4>Neuerungen in Java 25 mit <em>Jana Beispiel</em></h4>
    <h3>10.11.2026 - 18:30 Uhr <em>CET | German</em></h3><p>Veranstaltungsort: Online</p>
    <hr><h4>Modern Reactive Java by John Example</h4>
    <h3>12.01.2027 - 18:30 Uhr <em>CET | English</em></h3><p>Veranstaltungsort: Online</p>
    </article>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Neuerungen in Java 25 mit Jana Beispiel", "2026-11-10T18:30"),
        ("Modern Reactive Java by John Example", "2027-01-12T18:30"),
    ]


def test_a_fields_label_alone_names_no_event_the_page_does():
    # a community's event post: its h1, then "Date:" and "Time:" in bold over their values
    events = page_titled(
        "2026 Diwali Celebration",
        "<p>Join us for a Glorious Diwali Celebration!</p><p><strong>Date:</strong>"
        " 14.11.2026<br><strong>Time:</strong> 10:30 AM onwards<br><strong>Venue:</strong>"
        " Raderberger Str. 205, 50968 Köln.</p><p>Please RSVP by 08.11.2026.</p>",
    )
    assert events == [("2026 Diwali Celebration", "2026-11-14T10:30")]


def test_a_tables_description_column_titles_its_rows_not_the_hint_column_link():
    # a railway club's WordPress table: Datum | Beschreibung | Hinweis, each hint a link
    events = found("""<h1>Termine</h1><figure class="wp-block-table"><table><thead><tr>
    <th>Datum</th><th>Beschreibung</th><th>Hinweis</th></tr></thead><tbody>
    <tr><td>11.05.2027</td><td>Fahrt auf der Krumpe</td><td><a href="/anbrennen/">Mehr
    Informationen finden Sie hier</a></td></tr>
    <tr><td>12.05.2027</td><td>Dampfzug nach Mariazell</td><td><a href="https://bahn.example/
    dampf">Auskunft und Buchungen über die Bahn</a></td></tr></tbody></table></figure>""")
    assert [(e["title"], e["start"]) for e in events] == [
        ("Fahrt auf der Krumpe", "2027-05-11"),
        ("Dampfzug nach Mariazell", "2027-05-12"),
    ]
