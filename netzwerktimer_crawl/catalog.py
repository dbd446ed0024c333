"""The Datasette instance that publishes the catalog, configured from data/.

`netzwerktimer serve`, the demo and the tests all build it here, so they serve the same
thing. `datasette data/` (configuration directory mode) gives the same catalog too.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.database import Database

from .settings import DATA_DIR

DATABASE_NAME = "netzwerktimer"


def make_datasette(db: Path, immutable: bool = False, data_dir: Path = DATA_DIR) -> Datasette:
    """Datasette on `db`, always published under the name 'netzwerktimer'."""
    settings_file = data_dir / "settings.json"
    datasette = Datasette(
        metadata=yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8")),
        settings=json.loads(settings_file.read_text()) if settings_file.exists() else None,
        template_dir=_existing(data_dir / "templates"),
        plugins_dir=_existing(data_dir / "plugins"),
        static_mounts=[("static", str(p))] if (p := _existing(data_dir / "static")) else None,
    )
    database = Database(datasette, path=str(db), is_mutable=not immutable)
    datasette.add_database(database, name=DATABASE_NAME)
    return datasette


def _existing(path: Path) -> str | None:
    return str(path) if path.exists() else None
