"""Bad values in the catalog never break a feed or an export: each is cleaned, or its event is
left out with the reason, and the rest of the feed is served.

Each test builds a catalog with one good event and one bad one (catalog today: 2026-11-16).
"""

import asyncio
import csv
import io
import logging
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from icalendar import Calendar

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history
from netzwerktimer_crawl.catalog import make_datasette

ATOM = "{http://www.w3.org/2005/Atom}"
GOOD = "Photonik-Stammtisch"


def event(id: str, **fields) -> dict:
    return (
        dict.fromkeys(catalog.EVENT_COLUMNS)
        | {
            "id": id,
            "network": "optonet",
            "title": f"Veranstaltung {id}",
            "start": "2026-11-20T18:00",
            "end": "2026-11-20T20:00",
            "all_day": False,
            "url": f"https://optonet-jena.de/veranstaltung/{id}/",
            "last_seen": "2026-11-16T08:00:00Z",
        }
        | fields
    )


def served(tmp_path, *bad: dict):
    """`get` on a catalog holding a good event and the `bad` ones."""
    path = tmp_path / "netzwerktimer.db"
    db = catalog.open_db(path)
    catalog.set_today(db, date(2026, 11, 16))
    history.store(db, [event("gut", title=GOOD), *bad], run=0)
    db.close()
    datasette = make_datasette(path)
    return lambda path: asyncio.run(datasette.client.get(path))


def calendar(get, path: str = "/netzwerktimer/kalender.ics") -> Calendar:
    answer = get(path)
    assert answer.status_code == 200, answer.text[:500]
    return Calendar.from_ical(answer.content)


def summaries(feed: Calendar) -> set[str]:
    return {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}


def test_ics_url_with_cr_lf_is_cleaned(tmp_path, caplog):
    get = served(tmp_path, event("crlf", url="https://example.org/a\r\nX-Evil: 1"))
    with caplog.at_level(logging.WARNING):
        feed = calendar(get)
    assert GOOD in summaries(feed)
    crlf = next(e for e in feed.walk("VEVENT") if str(e["UID"]).startswith("crlf@"))
    # As a browser reads it: CR and LF dropped (WHATWG URL), the space percent-encoded.
    assert str(crlf["URL"]) == "https://example.org/aX-Evil:%201"
    assert "https://example.org/aX-Evil:%201" in str(crlf["DESCRIPTION"])
    assert b"\nX-Evil" not in get("/netzwerktimer/kalender.ics").content
    assert "crlf" in caplog.text and "url" in caplog.text


@pytest.mark.parametrize(
    "path, fields",
    [
        ("/netzwerktimer/kalender.ics", {"start": "9999-12-31T10:00:00", "end": None}),
        ("/netzwerktimer/kalender.ics", {"start": "9999-12-31", "end": None, "all_day": True}),
        ("/netzwerktimer/kalender.ics", {"start": "2026-11-20T10:00", "end": "9999-12-31T12:00"}),
        ("/netzwerktimer/events.ics", {"start": "0001-01-01T10:00", "end": None}),
        ("/netzwerktimer/events.ics", {"start": "kaputt", "end": None}),
    ],
)
def test_ics_leaves_out_an_event_it_cannot_place_and_says_why(tmp_path, caplog, path, fields):
    get = served(tmp_path, event("falsch", **fields))
    with caplog.at_level(logging.WARNING):
        feed = calendar(get, path)
    assert summaries(feed) == {GOOD}
    skipped = feed["X-NETZWERKTIMER-SKIPPED"]
    assert str(skipped).startswith("falsch: ")
    assert "falsch" in caplog.text
    # The VTIMEZONE is not stretched over the centuries up to the bad year.
    assert len(get(path).content) < 10_000


def test_ics_names_a_hundred_events_left_out_and_counts_the_rest(tmp_path):
    bad = [event(f"falsch{n:03}", start="9999-12-31T10:00:00", end=None) for n in range(105)]
    feed = calendar(served(tmp_path, *bad))
    assert summaries(feed) == {GOOD}
    notes = [str(note) for note in feed["X-NETZWERKTIMER-SKIPPED"]]
    assert len(notes) == 101 and notes[0].startswith("falsch000: Beginn 9999-12-31T10:00:00")
    assert notes[-1] == "und 5 weitere"


def test_atom_control_characters_are_cleaned(tmp_path):
    get = served(
        tmp_path,
        event("steuer", title="Titel\x0bmit\x1bSteuer\x00zeichen", description="A\x0cB\x7fC"),
    )
    answer = get("/netzwerktimer/neu.atom")
    assert answer.status_code == 200, answer.text[:500]
    entries = {
        e.find(f"{ATOM}title").text: e for e in ET.fromstring(answer.content).iter(f"{ATOM}entry")
    }
    assert GOOD in entries
    # Word's manual line break (\x0b) and the other control characters become a space.
    cleaned = entries["Titel mit Steuer zeichen"]
    assert cleaned.find(f"{ATOM}content").text.endswith("\n\nA B C")


def test_atom_event_without_a_page_links_its_catalog_row(tmp_path):
    get = served(tmp_path, event("ohne", url=None, source_url=None))
    answer = get("/netzwerktimer/neu.atom")
    assert answer.status_code == 200, answer.text[:500]
    links = {
        e.find(f"{ATOM}title").text: e.find(f"{ATOM}link").get("href")
        for e in ET.fromstring(answer.content).iter(f"{ATOM}entry")
    }
    assert links["Veranstaltung ohne"] == "http://localhost/netzwerktimer/events/ohne"
    assert links[GOOD] == "https://optonet-jena.de/veranstaltung/gut/"


@pytest.mark.parametrize(
    "path",
    ["/netzwerktimer/events_public.excel", "/netzwerktimer/events.excel?network=optonet",
     "/netzwerktimer/diese_woche.excel"],
)  # fmt: skip
def test_excel_cuts_a_cell_excel_cannot_hold_and_says_so(tmp_path, path):
    get = served(tmp_path, event("lang", description="Lorem ipsum " * 12_000))  # 144,000
    answer = get(path)
    assert answer.status_code == 200, answer.text[:500]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    by_title = {row["Titel"]: row for row in rows}
    assert GOOD in by_title
    cut = by_title["Veranstaltung lang"]["Beschreibung"]
    assert len(cut) <= 32_767  # Excel's limit per cell
    assert cut.startswith("Lorem ipsum Lorem")
    assert cut.endswith("[gekürzt: 144000 Zeichen, Excel fasst 32767 je Zelle]")
