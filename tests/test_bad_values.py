"""One bad value on a page never takes the page, the run or the catalog down: it becomes a
cleaned value or one rejected event, with the reason recorded, and the page's other events
are stored. Each case crawls the replay snapshots with one value broken, as `scrapy crawl`
runs in production."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import SnapshotCopy, scrapy_crawl

from netzwerktimer_crawl.replay import ReplayServer

API_1 = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50"
THEEN = "https://www.theen-ev.de/de/veranstaltungen.html"


def crawl(tmp_path, spider: str, sites: SnapshotCopy) -> tuple[sqlite3.Connection, dict]:
    db = tmp_path / "netzwerktimer.db"
    with ReplayServer(sites.folder) as site:
        done = scrapy_crawl(spider, db, site.address)
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    catalog = sqlite3.connect(db)
    catalog.row_factory = sqlite3.Row
    (run,) = catalog.execute("select * from crawl_runs").fetchall()
    return catalog, dict(run)


def titles(catalog: sqlite3.Connection) -> set[str]:
    return {row[0] for row in catalog.execute("select title from events")}


def rejections(catalog: sqlite3.Connection) -> list[str]:
    return [row[0] for row in catalog.execute("select reason from rejected_items")]


def tribe_events(sites: SnapshotCopy, change) -> None:
    """Changes the first event of OptoNet's first API page (a real JSON file, written back
    with JSON escapes so that a lone surrogate survives as `\\ud800`)."""
    path = sites.folder / "optonet" / "events-api-1.json"
    data = json.loads(path.read_text())
    change(data["events"][0])
    path.write_text(json.dumps(data))


def test_a_lone_surrogate_is_replaced_and_the_run_stored(tmp_path):
    sites = SnapshotCopy(tmp_path / "snapshots")
    tribe_events(sites, lambda event: event.update(title="Photonik\ud800-Stammtisch"))
    catalog, run = crawl(tmp_path, "optonet", sites)
    assert run["finish_reason"] == "finished" and run["items_stored"] == 5
    assert "Photonik\ufffd-Stammtisch" in titles(catalog)
    assert "characters that are not text" in run["warnings"]


@pytest.mark.parametrize("value", ["10000-01-01 10:00:00", "0000-01-01 10:00:00",
                                   "9999-12-31 23:30:00"])  # fmt: skip
def test_a_tribe_date_out_of_range_rejects_one_event(tmp_path, value):
    sites = SnapshotCopy(tmp_path / "snapshots")

    def far(event: dict) -> None:
        event.update(start_date=value, end_date=value, utc_start_date=None, utc_end_date=None)

    tribe_events(sites, far)
    catalog, run = crawl(tmp_path, "optonet", sites)
    assert run["finish_reason"] == "finished"
    assert run["items_stored"] == 4
    reasons = rejections(catalog) + (run["warnings"] or "").splitlines()
    named = "event 8812 (Photonik-Stammtisch Jena – November) is malformed"
    assert any(named in r or "start 9999-12-31T23:30 is more than 100 years from 2026-11-16" in r
               for r in reasons), reasons  # fmt: skip


def test_a_tribe_url_that_is_not_a_string_is_left_out(tmp_path):
    sites = SnapshotCopy(tmp_path / "snapshots")
    tribe_events(sites, lambda event: event.update(url={"href": "/x"}, link=["/y"]))
    catalog, run = crawl(tmp_path, "optonet", sites)
    assert run["items_stored"] == 5
    assert run["errors"] == 0


def test_an_http_date_in_year_9999_is_not_the_fetch_date(tmp_path):
    sites = SnapshotCopy(tmp_path / "snapshots")
    manifest = sites.folder / "optonet" / "manifest.json"
    data = json.loads(manifest.read_text())
    for page in data["pages"]:
        page["captured"] = "9999-12-31T23:59:59+00:00"
    manifest.write_text(json.dumps(data))
    catalog, run = crawl(tmp_path, "optonet", sites)
    assert run["finish_reason"] == "finished" and run["items_stored"] == 5
    assert run["errors"] == 0
    assert not run["fetched"].startswith("9999")
    assert "its Date header (Fri, 31 Dec 9999 23:59:59 GMT) is not a time" in run["warnings"]


PAGE = """<!doctype html><html lang="de"><head><title>Veranstaltungen</title>
<script type="application/ld+json">{ld}</script></head>
<body><h1>Veranstaltungen</h1>
<p>Vorschau: gut, fern und spaet.</p>
<ul class="termine">
<li class="termin"><h3><a href="/de/termine/a.html">Energieforum Erfurt</a></h3>
  <time datetime="2026-12-10T10:00">10.12.2026, 10:00 Uhr</time></li>
<li class="termin"><h3><a href="/de/termine/b.html">Wasserstoff-Stammtisch</a></h3>
  <time datetime="2026-12-11T17:00">11.12.2026, 17:00 Uhr</time></li>
<li class="termin"><h3><a href="/de/termine/c.html">Speichertag</a></h3>
  <time datetime="{bad}">{text}</time></li>
</ul></body></html>"""


def event_ld(name: str, start: str) -> dict:
    url = f"https://www.theen-ev.de/de/termine/{name}.html"
    return {"@context": "https://schema.org", "@type": "Event", "name": name,
            "startDate": start, "url": url}  # fmt: skip


@pytest.mark.parametrize(
    ("ld", "bad", "text"),
    [
        # JSON-LD dates beyond Python's range, next to one good event.
        ([event_ld("gut", "2026-12-12T10:00:00+01:00"), event_ld("fern", "99999-01-01"),
          event_ld("spaet", "9999-12-31T23:30:00-05:00")], "2026-12-14T09:00", "14.12.2026"),
        # A <time> whose datetime is beyond range, its text still readable.
        ([], "99999-12-14T09:00", "14.12.2026"),
        ([], "9999-12-31T23:30:00-05:00", "14.12.2026"),
        # 100,000 levels of nested JSON-LD.
        ("[" * 100_000 + "]" * 100_000, "2026-12-14T09:00", "14.12.2026"),
    ],
    ids=["json-ld", "time-5-digit-year", "time-year-9999", "deep-json-ld"],
)  # fmt: skip
def test_a_page_with_a_date_beyond_range_keeps_its_other_events(tmp_path, ld, bad, text):
    sites = SnapshotCopy(tmp_path / "snapshots")
    body = PAGE.format(ld=ld if isinstance(ld, str) else json.dumps(ld), bad=bad, text=text)
    sites.replace(THEEN, body)
    catalog, run = crawl(tmp_path, "theen", sites)
    assert run["finish_reason"] == "finished"
    assert run["errors"] == 0, run
    found = titles(catalog)
    # The bad <time> attribute gives way to its text, 14.12.2026.
    assert {"Energieforum Erfurt", "Wasserstoff-Stammtisch", "Speichertag"} <= found, found
    assert ("gut" in found) == (not isinstance(ld, str) and bool(ld))
    assert not found & {"fern", "spaet"}


UMLAUTS = """<!doctype html><html lang="de"><head><meta charset="{declared}">
<title>Veranstaltungen</title></head><body><h1>Veranstaltungen</h1>
<ul class="termine">
<li class="termin"><h3><a href="/de/termine/a.html">Energieforum Thüringen</a></h3>
  <p>10.12.2026, 10:00 Uhr</p><p>Ort: Gößnitz</p></li>
<li class="termin"><h3>Wärmepumpen-Stammtisch</h3>
  <p>11.12.2026, 17:00 Uhr</p><p>Ort: Jena</p></li>
</ul></body></html>"""


@pytest.mark.parametrize(("declared", "written"), [("utf-8", "cp1252"), ("iso-8859-1", "utf-8")])
def test_a_wrong_declared_charset_is_detected_and_never_overwrites_good_text(
    tmp_path, declared, written
):
    sites = SnapshotCopy(tmp_path / "snapshots")
    good = UMLAUTS.format(declared=written)
    sites.replace(THEEN, good)
    db = tmp_path / "netzwerktimer.db"
    with ReplayServer(sites.folder) as site:
        assert scrapy_crawl("theen", db, site.address).returncode == 0
    page = sites.folder / "theen" / "veranstaltungen.html"
    page.write_bytes(UMLAUTS.format(declared=declared).encode(written))
    manifest = sites.folder / "theen" / "manifest.json"
    manifest.write_text(manifest.read_text().replace("charset=utf-8", f"charset={declared}"))
    with ReplayServer(sites.folder) as site:
        done = scrapy_crawl("theen", db, site.address)
    assert done.returncode == 0, done.stdout
    catalog = sqlite3.connect(db)
    assert titles(catalog) == {"Energieforum Thüringen", "Wärmepumpen-Stammtisch"}
    assert {row[0] for row in catalog.execute("select location from events")} == {
        "Gößnitz", "Jena"}  # fmt: skip
    (warnings,) = catalog.execute("select warnings from crawl_runs order by id desc").fetchone()
    assert f"{THEEN}: read as {written}, not the declared" in warnings
