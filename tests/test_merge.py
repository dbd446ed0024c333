"""One event per event across the chain's steps: JSON-LD and the page's HTML, a teaser and
its list entry; occurrences of a series stay apart (merge.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from netzwerktimer_crawl.pipelines.offline import rows

from netzwerktimer_crawl.extract import extract, saved_page

FETCHED = datetime(2026, 10, 1, 8, tzinfo=UTC)


def found(html: str, url: str = "https://www.example-netzwerk.de/veranstaltungen/") -> list:
    kept, _ = rows(extract(saved_page(html.encode(), url, FETCHED), "unknown").events)
    return [(e["title"], e["start"], e["end"], e["url"]) for e in kept]


def listing(rows_html: str, json_ld: str = "") -> str:
    script = f'<script type="application/ld+json">{json_ld}</script>' if json_ld else ""
    return f"<html><head>{script}</head><body><ul class='termine'>{rows_html}</ul></body></html>"


ROW = """<li class="termin"><h3><a href="{href}">{title}</a></h3>
<p class="datum">{when}</p></li>"""


def test_the_displayed_clock_wins_over_a_wrong_offset():
    # A German site whose WordPress is set to Helsinki writes +02:00 in November: the page
    # shows 18:00, the offset would make it 17:00 in Berlin.
    ld = """[{"@type":"Event","name":"Pitch-Abend","url":"https://www.example-netzwerk.de/?p=7",
      "startDate":"2026-11-10T18:00:00+02:00","endDate":"2026-11-10T22:00:00+02:00"},
      {"@type":"Event","name":"Stammtisch","url":"https://www.example-netzwerk.de/?p=8",
      "startDate":"2026-12-01T19:00:00+02:00","endDate":"2026-12-01T21:00:00+02:00"}]"""
    html = listing(
        ROW.format(href="../pitch-abend/", title="Pitch-Abend", when="10. November | 18:00 - 22:00")
        + ROW.format(href="../stammtisch/", title="Stammtisch", when="1. Dezember | 19:00 - 21:00"),
        ld,
    )
    assert found(html) == [
        (
            "Pitch-Abend",
            "2026-11-10T18:00",
            "2026-11-10T22:00",
            "https://www.example-netzwerk.de/?p=7",
        ),
        (
            "Stammtisch",
            "2026-12-01T19:00",
            "2026-12-01T21:00",
            "https://www.example-netzwerk.de/?p=8",
        ),
    ]


def test_without_a_displayed_time_the_offset_is_trusted():
    ld = """{"@type":"Event","name":"Webinar","url":"https://www.example-netzwerk.de/webinar/",
      "startDate":"2026-11-10T18:00:00+02:00"}"""
    assert found(listing("", ld)) == [
        ("Webinar", "2026-11-10T17:00", None, "https://www.example-netzwerk.de/webinar/")
    ]


WEBINAR = """{"@type":"Event","name":"Webinar Wasserstoffnetze",
  "url":"https://www.example-netzwerk.de/webinar/", "startDate":"2026-11-10T18:00:00+02:00"}"""


def page(body: str) -> str:
    return f'<html><head><script type="application/ld+json">{WEBINAR}</script></head>{body}</html>'


def test_a_clock_printed_beside_the_title_wins_over_a_wrong_offset():
    # One entry, so no list of records; the page prints the clock the JSON-LD wrote.
    html = page("<div><p>Di, 10.11. | 18:00 Uhr</p><h3>Webinar Wasserstoffnetze</h3></div>")
    assert found(html)[0][:2] == ("Webinar Wasserstoffnetze", "2026-11-10T18:00")


def test_the_offset_stands_when_the_page_prints_the_converted_clock_or_none_near():
    prints_berlin = page("<div><p>10.11., 17:00 Uhr</p><h3>Webinar Wasserstoffnetze</h3></div>")
    assert found(prints_berlin)[0][1] == "2026-11-10T17:00"
    both = page("<p>Webinar Wasserstoffnetze: 17:00 Uhr (Einwahl ab 18:00)</p>")
    assert found(both)[0][1] == "2026-11-10T17:00"
    far = page(f"<p>Webinar Wasserstoffnetze</p><p>{'Text ' * 200}</p><p>Büro bis 18:00</p>")
    assert found(far)[0][1] == "2026-11-10T17:00"


def test_json_ld_and_html_with_different_urls_are_one_event():
    ld = """{"@type":"Event","name":"Netzwerktreffen Photonik","startDate":"2026-11-12",
      "url":"https://www.example-netzwerk.de/events/netzwerktreffen-photonik/"}"""
    html = listing(
        ROW.format(
            href="/termine/12345?utm_source=nl",
            title="Netzwerktreffen Photonik",
            when="Do, 12.11.2026, 14:00 – 16:00 Uhr",
        )  # fmt: skip
        + ROW.format(href="/termine/678", title="Stammtisch", when="Di, 17.11.2026, 18 Uhr"),
        ld,
    )
    assert found(html) == [
        (
            "Netzwerktreffen Photonik",
            "2026-11-12T14:00",
            "2026-11-12T16:00",
            "https://www.example-netzwerk.de/events/netzwerktreffen-photonik/",
        ),
        ("Stammtisch", "2026-11-17T18:00", None, "https://www.example-netzwerk.de/termine/678"),
    ]


def test_an_event_within_anothers_days_with_a_page_of_its_own_is_another_event():
    # A library's collection drive and, within its weeks at another branch, the swap meet
    # it collects for; a calendar's cell of the drive's later day links the drive's page.
    html = listing(
        ROW.format(href="/details/schulsachenboerse-sammelaktion-44673",
                   title="Schulsachenbörse-Sammelaktion", when="28.10.2026 – 18.12.2026")
        + ROW.format(href="/details/schulsachenboerse-43850", title="Schulsachenbörse",
                     when="01.12.2026 – 19.12.2026")
        + ROW.format(href="/details/schulsachenboerse-sammelaktion-44673",
                     title="Schulsachenbörse-Sammelaktion", when="02.11.2026")
    )  # fmt: skip
    base = "https://www.example-netzwerk.de/details/"
    assert found(html) == [
        ("Schulsachenbörse-Sammelaktion", "2026-10-28", "2026-12-18",
         base + "schulsachenboerse-sammelaktion-44673"),
        ("Schulsachenbörse", "2026-12-01", "2026-12-19", base + "schulsachenboerse-43850"),
    ]  # fmt: skip


def test_occurrences_sharing_a_url_stay_separate():
    # Modern Events Calendar: one script per occurrence, all pointing at the series' page.
    page = "https://www.example-netzwerk.de/events/sprechstunde/"
    ld = "".join(
        f'<script type="application/ld+json">{{"@type":"Event","name":"Sprechstunde",'
        f'"startDate":"{day}","url":"{page}"}}</script>'
        for day in ("2026-11-04", "2026-11-11", "2026-11-18")
    )
    html = f"<html><head>{ld}</head><body><p>Sprechstunde</p></body></html>"
    assert [(title, start) for title, start, *_ in found(html)] == [
        ("Sprechstunde", "2026-11-04"),
        ("Sprechstunde", "2026-11-11"),
        ("Sprechstunde", "2026-11-18"),
    ]


def test_a_teaser_that_names_a_listed_entry_is_that_entry():
    html = """<html><body>
    <div class="intro"><p><strong>Die Saison beginnt für den öffentlichen Lauf am Dienstag,
    den 24. November 2026!</strong></p></div>
    <h5>Öffentlicher Lauf</h5>
    <div class="zeiten"><p>Dienstag, 24. November 13:45 – 15:30 Uhr</p>
    <p>Mittwoch, 25. November 13:45 – 15:30 Uhr</p></div></body></html>"""
    assert [(title, start) for title, start, *_ in found(html)] == [
        ("Öffentlicher Lauf", "2026-11-24T13:45"),
        ("Öffentlicher Lauf", "2026-11-25T13:45"),
    ]


def test_a_short_title_another_names_in_passing_is_another_event():
    # Two game tables at the same hours: "D&D", and a campaign that says it is D&D
    html = listing(
        ROW.format(href="#t1", title="D&amp;D", when="24.10.2026, 14 - 18 Uhr")
        + ROW.format(
            href="#t2", title="The Stygian Gambit (D&amp;D)", when="24.10.2026, 14 - 18 Uhr"
        )
        + ROW.format(href="#t3", title="Sommerfest", when="25.10.2026, 15 Uhr"),
        '{"@type":"Event","name":"Sommerfest 2026 im Park","startDate":"2026-10-25T15:00"}',
    )
    assert sorted(title for title, *_ in found(html)) == [
        "D&D", "Sommerfest 2026 im Park", "The Stygian Gambit (D&D)",
    ]  # fmt: skip


def test_two_entries_at_one_time_that_link_pages_of_their_own_are_two_events():
    # a chess club's league evening: its A team at home, its B team away, both listed and
    # both in the JSON-LD; the shorter title starts the longer one
    base = "https://www.example-netzwerk.de/event/"
    ld = json_ld(
        ("Ligaspiel", "2026-10-27T19:30:00+01:00", base + "ligaspiel/"),
        ("Ligaspiel gegen Jena B", "2026-10-27T19:30:00+01:00", base + "ligaspiel-gegen-jena-b/"),
    )
    html = listing(
        ROW.format(href="/event/ligaspiel/", title="Ligaspiel", when="27.10.2026, 19:30 Uhr")
        + ROW.format(href="/event/ligaspiel-gegen-jena-b/", title="Ligaspiel gegen Jena B",
                     when="27.10.2026, 19:30 Uhr"),
        ld,
    )  # fmt: skip
    assert found(html) == [
        ("Ligaspiel", "2026-10-27T19:30", None, base + "ligaspiel/"),
        ("Ligaspiel gegen Jena B", "2026-10-27T19:30", None, base + "ligaspiel-gegen-jena-b/"),
    ]


def json_ld(*events: tuple[str, str, str]) -> str:
    return (
        "["
        + ",".join(
            f'{{"@type":"Event","name":"{name}","startDate":"{start}","url":"{url}"}}'
            for name, start, url in events
        )
        + "]"
    )
