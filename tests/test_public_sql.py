"""What a public instance allows: the catalog's pages, filters, canned queries and feeds, but
no SQL of a visitor's own. SQLite's time limit cannot stop one expensive function call
(printf('%.*c', 1000000000, 'x') held the server for 19 s and took 1 GB), so anonymous
visitors get no ?sql= and no ?_where=. make_datasette(allow_sql=True) is the analysts' way back.
"""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from netzwerktimer_crawl.settings import DATA_DIR

QUERIES = yaml.safe_load((DATA_DIR / "metadata.yml").read_text(encoding="utf-8"))["databases"][
    "netzwerktimer"
]["queries"]
EXPENSIVE = "select+printf('%25.*c',+1000000000,+'x')"


@pytest.mark.parametrize(
    "path",
    [
        f"/netzwerktimer?sql={EXPENSIVE}",
        f"/netzwerktimer.json?sql={EXPENSIVE}",
        "/netzwerktimer.csv?sql=select+1",
        "/netzwerktimer.excel?sql=select+1",
        "/netzwerktimer/events.json?_where=length(printf('%25.*c',+1000000000,+'x'))",
    ],
)
def test_anonymous_sql_is_refused(get, path):
    assert get(path).status_code == 403


def test_database_page_offers_no_sql_editor(get):
    page = get("/netzwerktimer")
    assert page.status_code == 200
    assert 'name="sql"' not in page.text
    assert "Diese Woche" in page.text  # the canned queries are listed


@pytest.mark.parametrize("name", list(QUERIES))
def test_every_canned_query_answers(get, name):
    answer = get(f"/netzwerktimer/{name}.json?_shape=array&seit=2026-11-16")
    assert answer.status_code == 200, answer.text
    assert get(f"/netzwerktimer/{name}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/woche",
        "/woche?datum=2026-11-23&netzwerk=theen",
        "/netzwerktimer/kalender.ics?network=optonet",
        "/netzwerktimer/neu.atom",
        "/netzwerktimer/diese_woche.excel",
        "/netzwerktimer/events?network=theen&_sort=start",
        "/netzwerktimer/events.json?title__contains=Stammtisch&start_date__gte=2026-11-16",
        "/netzwerktimer/events.json?_search=Netzwerk&_facet=city",
        "/netzwerktimer/events_public.csv?_stream=on",
    ],
)
def test_pages_filters_and_feeds_answer(get, path):
    assert get(path).status_code in (200, 302), path


def test_analysts_get_sql_back_with_bounded_values(analyst):
    answer = analyst("/netzwerktimer.json?sql=select+heute()+as+t,+town_latitude('Jena')+as+j")
    assert answer.status_code == 200
    assert answer.json()["rows"] == [["2026-11-16", 50.92878]]
    assert 'name="sql"' in analyst("/netzwerktimer").text
    # No value a query builds may pass 10 MB (data/plugins/sql_limits.py).
    too_big = analyst("/netzwerktimer.json?sql=select+length(zeroblob(1000000000))")
    assert too_big.status_code == 400 and "too big" in too_big.text
    capped = analyst("/netzwerktimer.json?sql=select+length(printf('%25.*c',+20000000,+'x'))")
    assert capped.json()["rows"] == [[None]]


def test_serve_allow_sql_is_the_command_line_way_back(demo_db):
    """`netzwerktimer serve --allow-sql`, as an analyst runs it on their own machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def status(flags: list[str]) -> int:
        command = [sys.executable, "-m", "netzwerktimer_crawl.cli", "serve", "--db",
                   str(demo_db), "--port", str(port), *flags]  # fmt: skip
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(150):
                try:
                    url = f"http://127.0.0.1:{port}/netzwerktimer.json?sql=select+1"
                    with urllib.request.urlopen(url, timeout=5) as answer:
                        return answer.status
                except urllib.error.HTTPError as refused:
                    return refused.code
                except OSError:
                    time.sleep(0.2)
            raise AssertionError("the server did not start")
        finally:
            server.terminate()
            server.wait(timeout=30)

    assert status([]) == 403
    assert status(["--allow-sql"]) == 200
