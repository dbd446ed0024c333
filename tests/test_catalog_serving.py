"""Production serving: read-only with an inspect file, robots blocked, plugins pinned."""

import asyncio
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history
from netzwerktimer_crawl.catalog import freeze, make_datasette

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def frozen(demo_db, tmp_path):
    """A copy of the demo catalog with one more event still in its WAL, then frozen."""
    path = tmp_path / "netzwerktimer.db"
    shutil.copy(demo_db, path)
    writer = catalog.open_db(path)
    row = dict.fromkeys(catalog.EVENT_COLUMNS) | {
        "id": "nur-im-wal",
        "network": "optonet",
        "title": "Nur im WAL",
        "start": "2026-11-20",
        "all_day": True,
    }
    history.store(writer, [row], run=0)
    assert Path(f"{path}-wal").stat().st_size > 0  # the writer is still open: not yet merged
    data = freeze(path)
    writer.close()
    return path, data


def test_freeze_writes_the_inspect_file_next_to_the_database(frozen):
    path, data = frozen
    assert json.loads((path.parent / "inspect-data.json").read_text()) == data
    assert data["netzwerktimer"]["file"] == "netzwerktimer.db"
    events = catalog.count(catalog.Database(path), "events")
    assert data["netzwerktimer"]["tables"]["events"]["count"] == events


def test_immutable_catalog_serves_what_the_wal_held(frozen):
    path, data = frozen
    datasette = make_datasette(path, immutable=True, inspect_data=data)

    def get(url: str):
        return asyncio.run(datasette.client.get(url))

    databases = get("/-/databases.json").json()
    assert {d["name"]: d["is_mutable"] for d in databases}["netzwerktimer"] is False
    assert get("/netzwerktimer/events/nur-im-wal.json").status_code == 200
    table = get("/netzwerktimer/events.json?_size=0").json()
    assert table["filtered_table_rows_count"] == data["netzwerktimer"]["tables"]["events"]["count"]
    assert get("/woche").status_code == 200


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
    assert {"datasette-atom", "datasette-cluster-map", "datasette-block-robots"} <= set(pins)
    installed = asyncio.run(make_datasette(demo_db).client.get("/-/plugins.json")).json()
    for plugin in installed:
        # datasette-leaflet comes with datasette-cluster-map, which pins it.
        if plugin["name"].startswith("datasette-") and plugin["name"] != "datasette-leaflet":
            minor = pins[plugin["name"]]
            assert plugin["version"] == minor or plugin["version"].startswith(f"{minor}.")
