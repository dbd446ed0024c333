"""A network is a registry line: with only slug, name and website, its events are found
from the home page (the CMS's REST API, the menu's events page, an announced iCal feed)
and crawled over real HTTP into the catalog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

SITES = Path(__file__).parent / "sites"


def test_networks_with_only_a_registry_line_are_crawled(tmp_path):
    db = tmp_path / "netzwerktimer.db"
    env = {**os.environ, "NETZWERKTIMER_REGISTRY": str(SITES / "networks.json")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "netzwerktimer_crawl.cli",
            "demo",
            "--no-serve",
            "--db",
            str(db),
            "--snapshots",
            str(SITES),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=300,
        env=env,  # fmt: skip
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = Database(db).query("select network, title, start, end, url from events order by start")
    assert list(rows) == [
        {"network": "termincluster", "title": "Werkstofftag Kunststoff",
         "start": "2026-12-08T14:00", "end": "2026-12-08T17:00",
         "url": "https://termin-cluster.de/aktuelles/termine/werkstofftag/"},
        {"network": "beispielcluster", "title": "Sensorik-Forum 2026",
         "start": "2026-12-09T10:00", "end": "2026-12-09T16:00",
         "url": "https://www.beispiel-cluster.de/veranstaltung/sensorik-forum/"},
        {"network": "kalendercluster", "title": "Adventsstammtisch",
         "start": "2026-12-15T17:00", "end": "2026-12-15T19:00",
         "url": "https://www.kalender-cluster.de/termine/adventsstammtisch/"},
        {"network": "termincluster", "title": "Neujahrsempfang",
         "start": "2027-01-21T18:00", "end": None,
         "url": "https://termin-cluster.de/aktuelles/termine/neujahrsempfang/"},
    ]  # fmt: skip
