"""Behind a proxy that serves the catalog under a path (base_url "/nt/"): every page's links
and redirects carry it, and the filters and redirects still apply."""

import asyncio
import json
import re
import shutil

import pytest

from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.settings import DATA_DIR

PAGES = [
    "/woche",
    "/woche?netzwerk=theen",
    "/netzwerktimer",
    "/",
    "/netzwerktimer/events?start__gte=2026-10-16&end_date__gte=2026-11-16",
    "/netzwerktimer/events_public",
    "/netzwerktimer/karte",
    "/netzwerktimer/kalender",
]


@pytest.fixture(scope="module")
def proxied(demo_db, tmp_path_factory):
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.db"))
    settings = json.loads((data / "settings.json").read_text()) | {"base_url": "/nt/"}
    (data / "settings.json").write_text(json.dumps(settings))
    datasette = make_datasette(demo_db, data_dir=data)

    def get(path: str):  # Datasette's client puts the prefix on, as the proxy forwards it
        return asyncio.run(datasette.client.get(path))

    return get


@pytest.mark.parametrize("path", PAGES)
def test_every_link_carries_the_base_url(proxied, path):
    page = proxied(path)
    if path == "/":
        assert page.status_code == 302 and page.headers["location"] == "/nt/woche"
        return
    assert page.status_code == 200, page.text[:300]
    links = re.findall(r'(?:href|src|action)="([^"#]*)"', page.text)
    assert links
    for link in links:
        if link.startswith(("http://", "https://", "webcal://", "mailto:")):
            continue
        if link.startswith("/"):
            assert link.startswith("/nt/"), (path, link)
        else:  # relative, on a page one level below the root
            assert link.startswith(("?", "netzwerktimer/", "woche")) or path.count("/") > 1


def test_redirects_and_filters_work_behind_it(proxied):
    bare = proxied("/netzwerktimer/events")
    assert bare.status_code == 302
    assert bare.headers["location"] == (
        "/nt/netzwerktimer/events?start__gte=2026-10-16&end_date__gte=2026-11-16"
    )
    assert proxied("/netzwerktimer/kalender.ics?netzwerk=unbekannt").status_code == 400
    theen = proxied("/netzwerktimer/events.json?_shape=array&network=ThEEN&_size=max").json()
    assert theen and all("theen" in json.loads(row["networks"]) for row in theen)
    assert 'href="webcal://localhost/nt/netzwerktimer/kalender.ics?netzwerk=theen"' in (
        proxied("/woche?netzwerk=theen").text
    )
