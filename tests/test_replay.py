"""The replay server answers over real HTTP with the manifest's file, status and Date."""

import urllib.error
import urllib.request

import pytest

from netzwerktimer_crawl.replay import URL_HEADER, ReplayServer


def fetch(server: ReplayServer, url: str):
    request = urllib.request.Request(server.address + "/replay", headers={URL_HEADER: url})
    return urllib.request.urlopen(request, timeout=5)


def test_serves_snapshot_with_capture_date_as_http_date():
    with ReplayServer() as server:
        assert server.address.startswith("http://127.0.0.1:")
        answer = fetch(server, "https://www.theen-ev.de/de/veranstaltungen.html")
        assert answer.status == 200
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
        assert answer.headers["Date"] == "Mon, 16 Nov 2026 08:00:00 GMT"
        assert "ThEEN-Mitgliederversammlung 2026" in answer.read().decode()


def test_query_order_does_not_matter():
    with ReplayServer() as server:
        url = "https://optonet-jena.de/wp-json/tribe/events/v1/events?page=2&per_page=50"
        assert b"Ultrakurzpulslaser" in fetch(server, url).read()


def test_manifest_status_and_unknown_urls():
    with ReplayServer() as server:
        with pytest.raises(urllib.error.HTTPError) as error:
            fetch(server, "https://www.theen-ev.de/de/veranstaltungen.html?page_e12=2")
        assert error.value.code == 500
        with pytest.raises(urllib.error.HTTPError) as error:
            fetch(server, "https://www.theen-ev.de/nicht-da.html")
        assert error.value.code == 404


def test_manifest_says_the_snapshots_are_modeled():
    with ReplayServer() as server:
        assert server.manifest.modeled is True
        assert str(server.manifest.captured) == "2026-11-16 08:00:00+00:00"
