"""Events a page announces only in a sentence ("… findet am … statt"), as a news post does."""

from __future__ import annotations

from datetime import UTC, datetime

from netzwerktimer_crawl.pipelines.offline import rows

from netzwerktimer_crawl.extract import extract, saved_page

FETCHED = datetime(2026, 11, 20, 8, tzinfo=UTC)
URL = "https://www.gemeinde.example/aktuelles/"


def found(body: str) -> list[tuple]:
    html = (
        f"<html><head><title>Aktuelles</title></head><body><h1>Aktuelles</h1>{body}</body></html>"
    )
    kept, _ = rows(extract(saved_page(html.encode(), URL, FETCHED), "unknown").events)
    return [(e["title"], e["start"], e["end"], e["location"]) for e in kept]


def test_a_sentence_that_opens_with_its_date_names_the_event_after_its_article():
    assert found(
        "<h2>Advent im Dorf</h2><p>Am Samstag, 5. Dezember findet um 14 Uhr auf dem Dorfplatz"
        " der Weihnachtsmarkt statt. Die Vereine bieten Glühwein und Waffeln an.</p>"
    ) == [("Weihnachtsmarkt", "2026-12-05T14:00", None, "Dorfplatz")]


def test_a_sentence_in_the_past_tense_reports_no_event():
    assert (
        found(
            "<h2>Rückblick</h2><p>Das Erntefest fand am 3. Oktober bei bestem Wetter auf der"
            " Festwiese statt. Vielen Dank an alle Helferinnen und Helfer!</p>"
        )
        == []
    )


def test_a_subject_that_names_no_event_takes_the_posts_heading():
    assert found(
        "<h2>Jahreshauptversammlung 2027</h2><p>Liebe Mitglieder, die Veranstaltung findet am"
        " Freitag, 12. März 2027 um 19 Uhr im Vereinsheim statt. Anträge bitte schriftlich.</p>"
    ) == [("Jahreshauptversammlung 2027", "2027-03-12T19:00", None, "Vereinsheim")]


def test_a_posts_heading_that_names_its_event_stays_and_a_topic_gives_way():
    posts = [
        ("2. Stammtisch des Ortsverbands", "Der monatliche Stammtisch des Ortsverbands findet"
         " am Freitag, 11. Dezember ab 20 Uhr im Ratskeller statt."),
        ("Glasfaser: die ersten Anschlüsse sind aktiv", "Ein Infoabend findet am Montag,"
         " den 14. Dezember um 19 Uhr im Gemeindehaus statt."),
    ]  # fmt: skip
    body = "".join(
        f'<div class="post"><p class="datum">[<a href="/2026/11/{19 + n}/post-{n}/">'
        f"{19 + n}. November 2026</a>]</p><h2>{h}</h2><p>{p}</p></div>"
        for n, (h, p) in enumerate(posts)
    )
    assert sorted(found(body)) == [
        ("2. Stammtisch des Ortsverbands", "2026-12-11T20:00", None, "Ratskeller"),
        ("Infoabend", "2026-12-14T19:00", None, "Gemeindehaus"),
    ]


def test_a_name_may_open_with_its_number():
    assert found(
        "<h2>Photonik in Jena</h2><p>Der 3. Thüringer Photonik-Tag findet am Mittwoch,"
        " 10. März 2027 ab 9 Uhr im Volkshaus Jena statt. Die Anmeldung ist offen.</p>"
    ) == [("3. Thüringer Photonik-Tag", "2027-03-10T09:00", None, "Volkshaus Jena")]


def test_a_sentence_ends_at_its_full_stop_not_at_an_abbreviations():
    assert found(
        "<h2>Neues aus dem Verein</h2><p>Die Anmeldung ist ab sofort offen. Der Vortrag von"
        " Dr. Müller findet am 12. Januar um 18 Uhr im Rathaus statt. Alle sind willkommen.</p>"
    ) == [("Vortrag von Dr. Müller", "2027-01-12T18:00", None, "Rathaus")]


def test_english_says_it_will_take_place_or_is_held():
    assert found(
        "<h2>AGM 2027</h2><p>Dear members, the meeting will take place on Friday, 12 March 2027"
        " at 7 pm in the Village Hall. Please send motions in writing.</p>"
    ) == [("AGM 2027", "2027-03-12T19:00", None, "Village Hall")]
    assert found(
        "<h2>News</h2><p>Registration is open. Our Winter Concert is held on December 12th"
        " from 6:30pm to 8pm at St. Mary's Church.</p>"
    ) == [("Winter Concert", "2026-12-12T18:30", "2026-12-12T20:00", "St. Mary's Church")]
    assert found("<h2>Review</h2><p>The Summer Fair took place on 3 October in the park.</p>") == []


def news_item(headline: str, *paragraphs: str) -> list[tuple]:
    """A town's news item (TYPO3 news): its headline names the event and its day."""
    html = (
        f"<html><head><title>{headline}: Stadt Beispielstadt</title>"
        f'<meta property="og:title" content="{headline}"></head><body>'
        f'<div class="news-single"><h1 itemprop="headline">{headline}</h1>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></body></html>"
    )
    page = saved_page(html.encode(), URL + "reparaturcafe/", datetime(2027, 1, 20, tzinfo=UTC))
    kept, _ = rows(extract(page, "unknown").events)
    return [(e["title"], e["start"], e["end"]) for e in kept]


def test_the_further_days_a_news_items_text_gives_are_its_event_on_those_days():
    assert news_item(
        "Reparaturcafé am 29. Januar",
        "Gelegenheit zu einem Besuch im Reparaturcafé bietet sich am Freitag, 29. Januar, in"
        " der Zeit von 15.00 bis 18.00 Uhr in den Räumen des Stadtteilzentrums.",
        "Das Projekt ist eine Kooperation der Stadt mit dem Verein Anti-Rost. Schon jetzt"
        " vormerken: Das Reparaturcafé öffnet auch am 26. März, 14. Mai und 26. November"
        " jeweils von 15.00 bis 18.00 Uhr. Alle Interessierten sind herzlich eingeladen.",
    ) == [
        ("Reparaturcafé am 29. Januar", "2027-01-29T15:00", "2027-01-29T18:00"),
        ("Reparaturcafé", "2027-03-26T15:00", "2027-03-26T18:00"),
        ("Reparaturcafé", "2027-05-14T15:00", "2027-05-14T18:00"),
        ("Reparaturcafé", "2027-11-26T15:00", "2027-11-26T18:00"),
    ]


def test_further_days_deep_in_a_paragraph_of_the_news_items_text_are_read_too():
    # beyond the start of a long paragraph, where the list steps read no date
    assert news_item(
        "Reparaturcafé am 29. Januar",
        "Gelegenheit zu einem Besuch im Reparaturcafé bietet sich am Freitag, 29. Januar, in"
        " der Zeit von 15.00 bis 18.00 Uhr in den Räumen des Stadtteilzentrums.",
        "Ins Reparaturcafé kann jeder reparaturbedürftige Gegenstände bringen, um sie von einem"
        " engagierten Team reparieren zu lassen. Elektriker, Tischler und Schneiderinnen bieten"
        " kostenlos ihre Dienste an. Das Projekt ist eine Kooperation der Stadt mit dem Verein"
        " Anti-Rost. Schon jetzt vormerken: Das Reparaturcafé öffnet auch am 26. März und 14. Mai"
        " jeweils von 15.00 bis 18.00 Uhr. Im Herbst war das Reparaturcafé auch am 27. November"
        " gut besucht.",
    ) == [
        ("Reparaturcafé am 29. Januar", "2027-01-29T15:00", "2027-01-29T18:00"),
        ("Reparaturcafé", "2027-03-26T15:00", "2027-03-26T18:00"),
        ("Reparaturcafé", "2027-05-14T15:00", "2027-05-14T18:00"),
    ]


def test_a_sentence_opened_by_an_adverbial_finds_its_subject_after_the_date():
    # "Unter diesem Motto" is no name; "eine Demonstration" names a kind, the post its cause
    assert found(
        "<h2>Bildung für alle!</h2><p>Unter diesem Motto findet am 12. Dezember um 13 Uhr eine"
        " Demonstration in Erfurt statt, zu der wir aufrufen.</p>"
    ) == [("Bildung für alle!", "2026-12-12T13:00", None, "Erfurt")]


def test_a_blog_posts_day_in_its_address_dates_none_of_its_times():
    # the march's stations by their times alone, in a post written two days before it
    html = (
        "<html><head><title>Aufruf</title></head><body><article><h1>Bildung für alle!</h1>"
        "<p>Unter diesem Motto findet am 12. Dezember um 13 Uhr eine Demonstration in Erfurt"
        " statt.</p><p><strong>Beginn 13 Uhr am Anger</strong></p>"
        "<p><strong>14 Uhr auf dem Domplatz</strong></p></article></body></html>"
    )
    url = "https://www.gemeinde.example/blog/2026/11/10/bildung-fuer-alle/"
    kept, _ = rows(extract(saved_page(html.encode(), url, FETCHED), "unknown").events)
    assert [(e["title"], e["start"]) for e in kept] == [("Bildung für alle!", "2026-12-12T13:00")]
