"""Events with only an end ("noch bis 25. Oktober") or only a start ("ab Mai 2027"):
how they are read, stored over several runs, and shown in the weekly overview."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from html import unescape

from netzwerktimer_crawl.pipelines.offline import rows

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history
from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.items import Event

PAGE = "https://www.example-netzwerk.de/ausstellungen/"


def read(when: str, fetched: datetime) -> tuple[list[dict], list[dict]]:
    event = Event(network="optonet", title="Ausstellung Lichtwerke", when=when, url=PAGE + "lw",
                  source_url=PAGE, fetched=fetched, extractor="generic-records")  # fmt: skip
    return rows([event])


def test_an_end_alone_runs_from_the_fetch_day():
    (row,), rejected = read("noch bis 25. Oktober", datetime(2026, 10, 6, 8, tzinfo=UTC))
    assert rejected == []
    assert (row["start"], row["end"], row["all_day"], row["start_open"]) == (
        "2026-10-06", "2026-10-25", True, True,
    )  # fmt: skip


def test_an_end_alone_before_the_fetch_day_is_over():
    kept, (rejected,) = read("noch bis 25. Oktober 2026", datetime(2026, 11, 2, 8, tzinfo=UTC))
    assert kept == [] and rejected["rejected"].startswith("ended (2026-10-25) before")


def test_a_start_alone_has_no_end():
    (row,), _ = read("ab Mai 2027", datetime(2026, 10, 6, 8, tzinfo=UTC))
    assert (row["start"], row["end"], row["end_open"]) == ("2027-05-01", None, True)


def stored(tmp_path, *fetches: datetime):
    db = catalog.open_db(tmp_path / "c.db")
    for run, fetched in enumerate(fetches, start=1):
        (row,), _ = read("noch bis 25. Oktober", fetched)
        seen = fetched.strftime("%Y-%m-%dT%H:%M:%SZ")
        history.store(db, [row | {"first_seen": seen, "last_seen": seen}], run)
    return db


def test_the_catalog_keeps_the_first_day_it_was_seen_running(tmp_path):
    db = stored(
        tmp_path, datetime(2026, 10, 6, 8, tzinfo=UTC), datetime(2026, 10, 13, 8, tzinfo=UTC)
    )
    (event,) = db["events"].rows
    assert (event["start"], event["end"], event["start_open"]) == ("2026-10-06", "2026-10-25", 1)
    assert db["changes"].count == 0  # a later fetch day is no change to the event


def test_the_week_shows_it_running_not_as_a_one_day_event(tmp_path):
    # Once for the week, above the days, as every long event is; never on its last day only.
    db = stored(tmp_path, datetime(2026, 10, 6, 8, tzinfo=UTC))
    datasette = make_datasette(tmp_path / "c.db")
    for week in ("2026-10-14", "2026-10-21"):
        html = asyncio.run(datasette.client.get(f"/woche?datum={week}")).text
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
        assert text.count("Lichtwerke") == 1
        assert "Über mehrere Tage läuft bis 25. Oktober 2026 Ausstellung Lichtwerke" in text
    last_week = asyncio.run(datasette.client.get("/woche?datum=2026-10-26")).text
    assert "Lichtwerke" not in last_week
    del db
