"""The Datasette instance that publishes the catalog, configured from data/.

`netzwerktimer serve`, the demo and the tests all build it here, so they serve the same
thing. `datasette data/` (configuration directory mode) gives the same catalog too.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import yaml
from datasette.app import Datasette
from datasette.database import Database

from .settings import DATA_DIR
from .text import NOT_TEXT

DATABASE_NAME = "netzwerktimer"
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip

_URL_EDGE = "".join(map(chr, range(0x21)))  # C0 controls and space


def make_datasette(db: Path, data_dir: Path = DATA_DIR, *, allow_sql: bool = False) -> Datasette:
    """Datasette on `db`, always published under the name 'netzwerktimer'.

    Its connections read the file with `mode=ro`, never `immutable=1`: a crawl publishes a
    new catalog into the same file (refresh.publish), and the next query sees it.
    Arbitrary SQL is off (settings.json) unless `allow_sql`: for a server that only its
    operator or analysts reach, never a public one.
    """
    settings_file = data_dir / "settings.json"
    settings = json.loads(settings_file.read_text()) if settings_file.exists() else {}
    if allow_sql:
        settings["default_allow_sql"] = True
    datasette = Datasette(
        metadata=yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8")),
        settings=settings or None,
        template_dir=_existing(data_dir / "templates"),
        plugins_dir=_existing(data_dir / "plugins"),
        static_mounts=[("static", str(p))] if (p := _existing(data_dir / "static")) else None,
    )
    datasette.add_database(Database(datasette, path=str(db)), name=DATABASE_NAME)
    return datasette


def routed(datasette: Datasette, path: str) -> str:
    """`path` as Datasette routes it: without the base_url prefix (settings.json) that its
    own links carry, as an ASGI wrapper sees the path before Datasette strips it."""
    base = datasette.setting("base_url")
    return "/" + path[len(base) :] if base != "/" and path.startswith(base) else path


def clean_text(text: str | None) -> str | None:
    """`text` with every character a feed may not carry (text.NOT_TEXT) replaced by a space;
    the crawl cleans them too, but the catalog may hold rows written before it did."""
    return NOT_TEXT.sub(" ", text) if text else text


def clean_url(url: str | None) -> str | None:
    """`url` as a browser follows it (WHATWG URL parsing): control characters and spaces
    trimmed from the ends, tab, CR and LF dropped, the other controls and spaces
    percent-encoded. So a URL property never breaks a feed's line or XML."""
    if not url:
        return url
    url = url.strip(_URL_EDGE).translate({9: None, 10: None, 13: None})
    return re.sub(r"[\x00-\x20\x7f-\x9f]", lambda m: quote(m.group()), url) or None


def _existing(path: Path) -> str | None:
    return str(path) if path.exists() else None


def german_moment(value: str) -> str | None:
    """A stored start or end as people read it: "Do, 2. Juli 2026, 18:00", or for an
    all-day one "Do, 2. Juli 2026"; None if it is not a date."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    weekday, month = WEEKDAYS[moment.weekday()][:2], MONTHS[moment.month - 1]
    day = f"{weekday}, {moment.day}. {month} {moment.year}"
    return day if len(value) == 10 else f"{day}, {moment:%H:%M}"
