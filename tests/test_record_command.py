"""`netzwerktimer record` refreshes a spider's snapshots and fixtures from a real server."""

import json

from conftest import demo, netzwerktimer

from netzwerktimer_crawl import fixtures
from netzwerktimer_crawl.replay import ReplayServer

LIST = "https://www.theen-ev.de/de/veranstaltungen.html"
NEW_EVENT = """
  <div class="event layout_list upcoming">
    <h2><a href="de/veranstaltungen/netzwerkabend-dezember.html">Netzwerkabend im Dezember</a></h2>
    <p class="time"><time datetime="2026-12-17T18:00:00+01:00">17.12.2026 18:00–21:00</time></p>
    <p class="location">Kaisersaal (Futterstraße 15, 99084 Erfurt)</p>
  </div>
  <nav class="pagination block">"""


def test_record_writes_snapshots_and_a_fixture_case_per_page(tmp_path, snapshot_copy):
    # The "live site" after a change: a local server with one more event on the list.
    page = snapshot_copy.folder / "theen" / "veranstaltungen.html"
    page.write_text(page.read_text().replace('  <nav class="pagination block"', NEW_EVENT, 1))
    out, cases = tmp_path / "snapshots", tmp_path / "fixtures"

    with ReplayServer(snapshot_copy.folder) as site:
        result = netzwerktimer("record", "theen", "--snapshots", str(out),
                               "--fixtures", str(cases), "--via", site.address)  # fmt: skip
    assert result.returncode == 0, result.stderr

    manifest = json.loads((out / "theen" / "manifest.json").read_text())
    assert manifest["modeled"] is False
    assert {(p["url"], p["status"]) for p in manifest["pages"]} == {
        ("https://www.theen-ev.de/robots.txt", 404),
        (LIST, 200),
        (LIST + "?page_e12=2", 500),
    }
    assert all(p["captured"] == "2026-11-16T08:00:00+00:00" for p in manifest["pages"])

    recorded = fixtures.cases(cases)
    first = next(c for c in recorded if c.meta["url"] == LIST)
    assert first.meta["fetched"] == "2026-11-16T08:00:00Z" and first.meta["modeled"] is False
    titles = [e["title"] for e in first.expected()["events"]]
    assert "Netzwerkabend im Dezember" in titles and len(titles) == 5
    # Nobody has read the new page yet: its case fails until a person states its events.
    assert first.stated()["stated_by"] is None
    assert fixtures.check_stated(first.stated(), fixtures.run(first))

    # The new snapshots replay like the old ones: the demo crawls them.
    other = snapshot_copy.folder / "theen"
    assert other.exists()
    (snapshot_copy.folder / "optonet").rename(out / "optonet")
    assert demo(tmp_path / "c.db", out).returncode == 0
