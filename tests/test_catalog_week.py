"""/woche, the weekly overview, on the demo catalog (its today: 2026-11-16, a Monday)."""

import asyncio
import re
from datetime import date
from html import unescape

import pytest

from netzwerktimer_crawl.catalog import make_datasette


def days(html: str) -> dict[str, str]:
    """Day heading -> the text of that day's section, tags removed."""
    sections = re.findall(r"<h2>(.*?)</h2>(.*?)</section>", html, re.S)
    return {_text(heading): _text(body) for heading, body in sections}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_home_leads_to_the_weekly_overview(get):
    answer = get("/")
    assert answer.status_code == 302 and answer.headers["location"] == "/woche"


def test_default_week_is_the_catalogs_today(get):
    page = get("/woche")
    assert page.status_code == 200
    assert '<html lang="de">' in page.text
    assert "<h1>Woche vom 16. bis 22. November 2026 <small>(KW 47)</small></h1>" in page.text
    assert list(days(page.text)) == [
        "Montag, 16. November (heute)",
        "Dienstag, 17. November",
        "Mittwoch, 18. November",
        "Donnerstag, 19. November",
        "Freitag, 20. November",
        "Samstag, 21. November",
        "Sonntag, 22. November",
    ]
    thursday = days(page.text)["Donnerstag, 19. November"]
    assert (
        "18:00–20:00 Uhr Photonik-Stammtisch Jena – November OptoNet "
        "Optisches Museum Jena, Carl-Zeiss-Platz 12, 07743 Jena"
    ) in thursday


def test_days_without_events_say_so(get):
    week = days(get("/woche?datum=2031-06-04").text)
    assert list(week.values()) == ["Keine Veranstaltungen."] * 7


def test_titles_link_to_the_organizers_page(get):
    page = get("/woche").text
    assert (
        '<a class="titel" href="https://optonet-jena.de/veranstaltung/'
        'photonik-stammtisch-jena-november/">Photonik-Stammtisch Jena – November</a>'
    ) in page


def test_datum_picks_the_week_containing_it_with_online_events(get):
    page = get("/woche?datum=2026-11-27").text  # a Friday
    assert "Woche vom 23. bis 29. November 2026" in page
    week = days(page)
    assert (
        "10:00–11:30 Uhr Webinar: Quantensensorik für die Industrie OptoNet online"
        in (week["Mittwoch, 25. November"])
    )
    assert "ThEEN-Mitgliederversammlung 2026 ThEEN IHK Erfurt" in week["Donnerstag, 26. November"]


def test_previous_and_next_week_links(get):
    page = get("/woche?datum=2026-11-18").text
    assert '<a rel="prev" href="/woche?datum=2026-11-09">' in page
    assert '<a rel="next" href="/woche?datum=2026-11-23">' in page


def test_all_day_events_span_their_days(get):
    week = days(get("/woche?datum=2027-02-01").text)
    workshop = "Laser-Workshop: Ultrakurzpulslaser in der Mikrobearbeitung OptoNet"
    assert f"ganztägig Tag 1 von 2 {workshop}" in week["Mittwoch, 3. Februar"]
    assert f"ganztägig Tag 2 von 2 {workshop}" in week["Donnerstag, 4. Februar"]
    assert workshop not in week["Freitag, 5. Februar"]


def test_multi_day_timed_events_show_from_and_until(get):
    week = days(get("/woche?datum=2027-01-20").text)
    speicher = "Thüringer Energiespeichertage 2027"
    assert f"ab 09:00 Uhr Tag 1 von 2 {speicher}" in week["Mittwoch, 20. Januar"]
    assert f"bis 16:00 Uhr Tag 2 von 2 {speicher}" in week["Donnerstag, 21. Januar"]


def test_cancelled_events_say_so(get):
    week = days(get("/woche?datum=2027-01-15").text)
    assert (
        "18:30–22:00 Uhr Abgesagt: OptoNet-Jahresempfang 2027 abgesagt OptoNet"
        in (week["Freitag, 15. Januar"])
    )


def test_filter_by_network_and_by_sector(get):
    webinar = "Webinar: Quantensensorik für die Industrie OptoNet"
    assembly = "ThEEN-Mitgliederversammlung 2026 ThEEN"
    page = get("/woche?datum=2026-11-23").text
    assert webinar in _text(page) and assembly in _text(page)
    theen = get("/woche?datum=2026-11-23&netzwerk=theen").text
    assert assembly in _text(theen) and webinar not in _text(theen)
    assert '<option value="theen" selected>ThEEN</option>' in theen
    # The filter stays on when paging through the weeks.
    assert '<a rel="next" href="/woche?datum=2026-11-30&amp;netzwerk=theen">' in theen
    photonics = get("/woche?datum=2026-11-23&branche=Optik+und+Photonik").text
    assert webinar in _text(photonics) and assembly not in _text(photonics)
    assert '<option value="Optik und Photonik" selected>' in photonics


def test_links_to_the_weeks_table(get):
    page = get("/woche").text
    assert (
        'href="/netzwerktimer/events?start_date__lte=2026-11-22&amp;end_date__gte=2026-11-16"'
    ) in page


def test_everything_is_escaped(get):
    page = get('/woche?netzwerk="><script>alert(1)</script>').text
    assert "<script>alert(1)" not in page


def test_a_bad_date_is_a_german_400(get):
    answer = get("/woche?datum=31.02.2026")
    assert answer.status_code == 400
    assert "Ungültiges Datum" in answer.text


def test_co_hosted_event_shows_every_network_and_every_filter_finds_it(get):
    title = "Cross-Cluster-Wochen 2026: Photonik trifft Energie"
    wednesday = days(get("/woche?datum=2026-12-02").text)["Mittwoch, 2. Dezember"]
    assert f"{title} CCIT, OptoNet, ThEEN" in wednesday
    for network in ("ccit", "optonet", "theen"):
        page = get(f"/woche?datum=2026-12-02&netzwerk={network}").text
        assert title in page, network
    assert title not in get("/woche?datum=2026-12-02&netzwerk=medways").text


@pytest.mark.parametrize(
    "datum", ["9999-12-31", "9999-12-20", "0001-01-01", "0001-01-07", "kaputt", "2026-13-01"]
)
def test_a_date_beyond_the_calendar_is_a_german_400(get, datum):
    answer = get(f"/woche?datum={datum}")
    assert answer.status_code == 400
    assert "Ungültiges Datum" in answer.text and "<html lang=de>" in answer.text


@pytest.mark.parametrize(
    "datum, week", [("0001-01-08", "0001-01-08"), ("9999-12-19", "9999-12-13")]
)
def test_the_first_and_last_weeks_the_page_shows(get, datum, week):
    answer = get(f"/woche?datum={datum}")
    assert answer.status_code == 200
    assert f'<input type="hidden" name="datum" value="{week}">' in answer.text


def test_the_page_says_how_fresh_it_is_and_that_the_demo_is_a_demo(get):
    footer = _text(get("/woche").text.split('<footer class="ft">', 1)[1])
    # The snapshots were read on 16 November 2026 at 08:00 UTC, 09:00 in Berlin.
    assert footer.startswith(
        "Demo: gespeicherte Seiten; als „heute“ gilt der 16. November 2026, der Tag, an dem "
        "sie gelesen wurden. Stand: 16.11.2026, 09:00 Uhr"
    )
    assert "OptoNet: 16.11.2026, 09:00 Uhr" in footer and "ThEEN" not in footer  # its run failed


@pytest.mark.parametrize("query", ["diese_woche", "naechste_woche", "karte", "kalender", "neu"])
def test_reader_queries_open_without_their_sql(get, query):
    page = get(f"/netzwerktimer/{query}").text
    assert "select e." not in page  # Datasette's "Zeige SQL" still shows it on request


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/netzwerktimer", "Netzwerktimer Thüringen"),
        ("/netzwerktimer/events?end_date__gte=2026-11-16", "Veranstaltungen: "),
        ("/netzwerktimer/events_public?netzwerk=theen", "Veranstaltungen (öffentlich): 4 Zeilen"),
        ("/netzwerktimer/diese_woche", "Diese Woche – Netzwerktimer Thüringen"),
        ("/netzwerktimer/karte", "Karte – Netzwerktimer Thüringen"),
    ],
)
def test_datasettes_pages_are_german_with_german_tab_titles(get, path, title):
    page = get(path).text
    assert '<html lang="de">' in page
    assert title in re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert "Powered by" not in page and "Betrieben mit" in page


def test_a_week_shows_events_that_started_long_before_it(tmp_path):
    # The page reads a week's events from two index ranges (those starting up to 31 days
    # before it, and longer ones); an exhibition since October and a workshop that began 20
    # days before are both in the week of 16 November, a talk that ended before it is not.
    from netzwerktimer_crawl import db as catalog
    from netzwerktimer_crawl import history

    path = tmp_path / "netzwerktimer.db"
    db = catalog.open_db(path)
    seen = "2026-11-16T08:00:00Z"
    events = [("ausstellung", "2026-10-01", "2026-12-31"), ("kurs", "2026-10-27", "2026-11-17"),
              ("vortrag", "2026-10-02", "2026-11-15"), ("neu", "2026-11-20", None)]  # fmt: skip
    history.store(db, [dict.fromkeys(catalog.EVENT_COLUMNS) | {
        "id": name, "network": "optonet", "title": f"Termin {name}", "start": start, "end": end,
        "all_day": True, "url": f"https://optonet-jena.de/{name}", "first_seen": seen,
        "last_seen": seen} for name, start, end in events], run=1)  # fmt: skip
    catalog.set_today(db, date(2026, 11, 16))
    db.close()
    datasette = make_datasette(path)
    page = asyncio.run(datasette.client.get("/woche?datum=2026-11-16")).text
    shown = {name for name, _, _ in events if f"Termin {name}" in page}
    assert shown == {"ausstellung", "kurs", "neu"}
    # Long ones once, with their dates, before the days; not on each of them.
    week = days(page)
    assert list(week)[0] == "Über mehrere Tage"
    assert week["Über mehrere Tage"] == (
        "1. Oktober bis 31. Dezember 2026 Termin ausstellung OptoNet Ort nicht angegeben "
        "27. Oktober bis 17. November 2026 Termin kurs OptoNet Ort nicht angegeben"
    )
    assert "Termin ausstellung" not in week["Montag, 16. November (heute)"]
    assert "Termin neu" in week["Freitag, 20. November"]


def test_a_week_too_slow_to_read_is_a_german_503_not_an_error_page(demo_db):
    datasette = make_datasette(demo_db)
    datasette.sql_time_limit_ms = 0  # every query cut, as on a cold catalog at 1M
    answer = asyncio.run(datasette.client.get("/woche"))
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    assert "Bitte laden Sie die Seite in ein paar Sekunden neu" in answer.text
