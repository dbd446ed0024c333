"""Production serving: the published catalog without a restart, robots blocked, plugins
pinned."""

import asyncio
import re
import shutil
import tomllib
from pathlib import Path

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history, refresh
from netzwerktimer_crawl.catalog import make_datasette

ROOT = Path(__file__).resolve().parent.parent


def test_a_running_server_shows_each_published_catalog(demo_db, tmp_path):
    """After a crawl publishes, the served catalog is the new one: no restart."""
    path = tmp_path / "netzwerktimer.db"
    shutil.copy(demo_db, path)
    datasette = make_datasette(path)

    def count() -> int:
        answer = asyncio.run(datasette.client.get("/netzwerktimer/events.json?_size=0"))
        return answer.json()["filtered_table_rows_count"]

    before = count()
    with refresh.writing(path) as held:
        writer = catalog.open_db(held.copy)
        row = dict.fromkeys(catalog.EVENT_COLUMNS) | {
            "id": "neu", "network": "optonet", "title": "Neu im Katalog",
            "start": "2026-11-20", "all_day": True,
        }  # fmt: skip
        history.store(writer, [row], run=0)
        writer.close()
        assert count() == before  # not yet published
    assert count() == before + 1
    assert asyncio.run(datasette.client.get("/netzwerktimer/events/neu.json")).status_code == 200
    databases = asyncio.run(datasette.client.get("/-/databases.json")).json()
    assert {d["name"]: d["is_mutable"] for d in databases}["netzwerktimer"] is True


def test_robots_are_blocked(demo_db):
    answer = asyncio.run(make_datasette(demo_db).client.get("/robots.txt"))
    assert answer.text == "User-agent: *\nDisallow: /"


def test_plugins_are_pinned_to_a_minor_version(demo_db):
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = dict(
        match.groups()
        for d in dependencies
        if (match := re.fullmatch(r"(datasette-[\w-]+)==(\d+\.\d+)\.\*", d))
    )
    assert {"datasette-cluster-map", "datasette-block-robots"} <= set(pins)
    installed = asyncio.run(make_datasette(demo_db).client.get("/-/plugins.json")).json()
    for plugin in installed:
        # datasette-leaflet comes with datasette-cluster-map, which pins it.
        if plugin["name"].startswith("datasette-") and plugin["name"] != "datasette-leaflet":
            minor = pins[plugin["name"]]
            assert plugin["version"] == minor or plugin["version"].startswith(f"{minor}.")
