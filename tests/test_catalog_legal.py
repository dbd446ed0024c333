"""Impressum and Datenschutz: set in metadata.yml, linked in the footer of every page."""

import asyncio
import logging
import shutil

import pytest
import yaml

from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.settings import DATA_DIR

PAGES = ["/woche", "/netzwerktimer", "/netzwerktimer/events?_size=1", "/netzwerktimer/karte"]


@pytest.fixture(scope="module")
def published(demo_db, tmp_path_factory):
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.db"))
    metadata = yaml.safe_load((data / "metadata.yml").read_text(encoding="utf-8"))
    metadata["impressum_url"] = "https://betreiber.example/impressum"
    metadata["datenschutz_url"] = "https://betreiber.example/datenschutz"
    (data / "metadata.yml").write_text(yaml.safe_dump(metadata, allow_unicode=True))
    return make_datasette(demo_db, data_dir=data)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_impressum_and_datenschutz(published, path):
    page = asyncio.run(published.client.get(path)).text
    footer = page[page.index("<footer") :]
    assert '<a href="https://betreiber.example/impressum">Impressum</a>' in footer
    assert '<a href="https://betreiber.example/datenschutz">Datenschutz</a>' in footer


def test_a_catalog_without_them_links_none_and_says_so(demo_db, get, caplog):
    assert "Impressum" not in get("/woche").text
    with caplog.at_level(logging.WARNING, logger="netzwerktimer.legal_links"):
        asyncio.run(make_datasette(demo_db).invoke_startup())
    assert "metadata.yml has no impressum_url and no datenschutz_url" in caplog.text
