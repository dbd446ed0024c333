"""Structures that look like those the chain's rules read and are not: a rule that reads
a place, a deadline, a remark, a day or a copy must leave these as a reader sees them."""

from __future__ import annotations

from datetime import UTC, datetime

from netzwerktimer_crawl.pipelines.offline import rows

from netzwerktimer_crawl.extract import extract, saved_page

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
