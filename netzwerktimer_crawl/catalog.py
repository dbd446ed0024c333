"""The Datasette instance that publishes the catalog, configured from data/.

`netzwerktimer serve`, the demo and the tests all build it here, so they serve the same
thing. `datasette data/` (configuration directory mode) gives the same catalog too.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.cli import inspect_
from datasette.database import Database

from .berlin import BERLIN
from .settings import DATA_DIR

DATABASE_NAME = "netzwerktimer"


def make_datasette(
    db: Path, immutable: bool = False, data_dir: Path = DATA_DIR, inspect_data: dict | None = None
) -> Datasette:
    """Datasette on `db`, always published under the name 'netzwerktimer'."""
    settings_file = data_dir / "settings.json"
    datasette = Datasette(
        metadata=yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8")),
        settings=json.loads(settings_file.read_text()) if settings_file.exists() else None,
        template_dir=_existing(data_dir / "templates"),
        plugins_dir=_existing(data_dir / "plugins"),
        static_mounts=[("static", str(p))] if (p := _existing(data_dir / "static")) else None,
        inspect_data=inspect_data,
    )
    database = Database(datasette, path=str(db), is_mutable=not immutable)
    datasette.add_database(database, name=DATABASE_NAME)
    return datasette


def freeze(db: Path) -> dict:
    """Prepare `db` for immutable serving; write and return its inspect data.

    Immutable mode ignores the WAL, so it is checkpointed into the file first. The inspect
    file (row counts, hash) goes next to the database as inspect-data.json, where
    `datasette data/` finds it too.
    """
    # Only the checkpoint: a crawl may still hold the file open, so the journal mode stays.
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    inspected = asyncio.run(inspect_([str(db)], []))
    data = {DATABASE_NAME: next(iter(inspected.values())) | {"file": db.name}}
    (db.parent / "inspect-data.json").write_text(json.dumps(data, indent=2))
    return data


def today(conn: sqlite3.Connection) -> date:
    """The catalog's today: the demo's pinned date if catalog_info has one, else Berlin's."""
    try:
        row = conn.execute("select value from catalog_info where key = 'today'").fetchone()
    except sqlite3.OperationalError:  # a catalog older than catalog_info
        row = None
    return date.fromisoformat(row[0]) if row else datetime.now(BERLIN).date()


def _existing(path: Path) -> str | None:
    return str(path) if path.exists() else None
