"""The catalog in a real browser: Debian's headless Chromium, driven by Playwright, against
`netzwerktimer serve` on the demo catalog. Screenshots go to each test's tmp_path.

`make test` installs chromium; without it the tests are skipped, except on CI, where they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Headless as root, and nothing but the test server: Chromium's own background traffic off.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs it", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """The production server on an ephemeral port."""
    db = tmp_path_factory.mktemp("served") / "netzwerktimer.db"
    shutil.copy(demo_db, db)
    port = free_port()
    command = [sys.executable, "-m", "netzwerktimer_crawl.cli", "serve"]
    process = subprocess.Popen(
        [*command, "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/-/versions.json", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"server did not start: {process.communicate()[0]}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="de-DE")
    # Map tiles and anything else off the test server are refused: nothing leaves the machine.
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(server) else route.abort(),
    )
    page = context.new_page()
    yield page
    context.close()


def test_weekly_overview_and_the_next_week(page, server, tmp_path):
    page.goto(server)
    assert page.url == f"{server}/woche"
    expect(page.locator("h1")).to_have_text("Woche vom 16. bis 22. November 2026 (KW 47)")
    expect(page.locator("section.heute h2")).to_have_text("Montag, 16. November (heute)")
    stammtisch = page.get_by_role("link", name="Photonik-Stammtisch Jena – November")
    expect(stammtisch).to_have_attribute(
        "href", "https://optonet-jena.de/veranstaltung/photonik-stammtisch-jena-november/"
    )
    expect(page.locator("li.termin", has=stammtisch)).to_contain_text("18:00–20:00 Uhr")
    page.screenshot(path=tmp_path / "woche.png", full_page=True)

    page.get_by_role("link", name="Nächste Woche →").click()
    page.wait_for_url(f"{server}/woche?datum=2026-11-23")
    expect(page.locator("h1")).to_have_text("Woche vom 23. bis 29. November 2026 (KW 48)")
    webinar = page.locator("li.termin", has_text="Webinar: Quantensensorik für die Industrie")
    expect(webinar).to_contain_text("online")
    expect(page.get_by_role("link", name="ThEEN-Mitgliederversammlung 2026")).to_be_visible()
    page.screenshot(path=tmp_path / "naechste-woche.png", full_page=True)

    page.locator("select[name=netzwerk]").select_option("theen")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**/woche?datum=2026-11-23&netzwerk=theen&branche=")
    expect(page.get_by_role("link", name="ThEEN-Mitgliederversammlung 2026")).to_be_visible()
    expect(webinar).to_have_count(0)


def test_filtered_table_and_german_search(page, server, tmp_path):
    page.goto(f"{server}/netzwerktimer/events?network=theen")
    expect(page.locator("h1")).to_have_text("Veranstaltungen")
    # ThEEN's events, and the one CCIT organizes with it.
    cells = page.locator("table.rows-and-columns td.col-network")
    expect(cells.first).to_have_text("ThEEN\xa0theen")
    assert set(cells.all_inner_texts()) == {"ThEEN\xa0theen", "CCIT\xa0ccit"}
    expect(page.get_by_text('Netzwerk ist "theen"')).to_be_visible()
    page.screenshot(path=tmp_path / "tabelle.png", full_page=True)

    page.locator("input[name=_search]").fill("mitglieder")
    page.locator("input[name=_search]").press("Enter")
    page.wait_for_url("**_search=mitglieder**")
    rows = page.locator("table.rows-and-columns tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("ThEEN-Mitgliederversammlung 2026")
    expect(page.get_by_role("link", name="excel")).to_be_visible()
    page.screenshot(path=tmp_path / "suche.png", full_page=True)


def test_map_shows_the_upcoming_events(page, server, tmp_path):
    page.goto(f"{server}/netzwerktimer/karte")
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator(".marker-cluster, .leaflet-marker-icon").first).to_be_visible()
    page.screenshot(path=tmp_path / "karte.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    ["/woche", "/woche?datum=2026-11-23", "/netzwerktimer", "/netzwerktimer/events",
     "/netzwerktimer/events_public", "/netzwerktimer/diese_woche", "/netzwerktimer/kalender",
     "/netzwerktimer/karte"],
)  # fmt: skip
def test_every_page_a_reader_reaches_fits_the_screen(browser, server, tmp_path, path, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="de-DE")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server)
                  else r.abort())  # fmt: skip
    page = context.new_page()
    page.goto(server + path)
    page.screenshot(path=tmp_path / f"{width}.png", full_page=True)
    # Nothing wider than the screen, at the top level: the page never scrolls sideways.
    # (Datasette's table of rows scrolls inside its own box.)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    if path.startswith("/woche"):
        # Each filter shows its choice, not "alle N▾".
        for select in page.locator("select").all():
            assert select.bounding_box()["width"] >= min(150, width / 3)
    if path == "/netzwerktimer/events":
        # The column documentation scrolls in its own box instead of taking 1,000 px.
        assert page.locator("dl.column-descriptions").bounding_box()["height"] < 200
    context.close()
