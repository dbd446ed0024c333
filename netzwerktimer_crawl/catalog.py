"""The Datasette instance that publishes the catalog, configured from data/.

`netzwerktimer serve`, the demo and the tests all build it here, so they serve the same
thing. `datasette data/` (configuration directory mode) gives the same catalog too.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.database import Database

from .berlin import BERLIN
from .settings import DATA_DIR

DATABASE_NAME = "netzwerktimer"


def make_datasette(db: Path, data_dir: Path = DATA_DIR) -> Datasette:
    """Datasette on `db`, always published under the name 'netzwerktimer'.

    Its connections read the file with `mode=ro`, never `immutable=1`: a crawl publishes a
    new catalog into the same file (refresh.publish), and the next query sees it.
    """
    settings_file = data_dir / "settings.json"
    datasette = Datasette(
        metadata=yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8")),
        settings=json.loads(settings_file.read_text()) if settings_file.exists() else None,
        template_dir=_existing(data_dir / "templates"),
        plugins_dir=_existing(data_dir / "plugins"),
        static_mounts=[("static", str(p))] if (p := _existing(data_dir / "static")) else None,
    )
    datasette.add_database(Database(datasette, path=str(db)), name=DATABASE_NAME)
    return datasette


def today(conn: sqlite3.Connection) -> date:
    """The catalog's today: the demo's pinned date if catalog_info has one, else Berlin's."""
    try:
        row = conn.execute("select value from catalog_info where key = 'today'").fetchone()
    except sqlite3.OperationalError:  # a catalog older than catalog_info
        row = None
    return date.fromisoformat(row[0]) if row else datetime.now(BERLIN).date()


def _existing(path: Path) -> str | None:
    return str(path) if path.exists() else None
