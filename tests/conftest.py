import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history
from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.replay import SNAPSHOTS

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "netzwerktimer_crawl.cli"]


def netzwerktimer(*args: str) -> subprocess.CompletedProcess:
    """The real command line, in its own process (Scrapy's reactor runs once per process)."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def scrapy_crawl(spider: str, db: Path, site: str, *flags: str,
                 command: str = "crawl") -> subprocess.CompletedProcess:  # fmt: skip
    """`scrapy crawl` (or `runspider`) in the checkout, reading the sites from the replay
    server at `site`."""
    handler = "netzwerktimer_crawl.replay.ReplayDownloadHandler"
    settings = {
        "NETZWERKTIMER_DB": str(db),
        "NETZWERKTIMER_REPLAY": site,
        "DOWNLOAD_HANDLERS": json.dumps({"http": handler, "https": handler}),
        "HTTPCACHE_ENABLED": "False",
        "AUTOTHROTTLE_ENABLED": "False",
    }
    options = [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]
    return subprocess.run([sys.executable, "-m", "scrapy", command, spider, *options, *flags],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip


def demo(db: Path, snapshots: Path = SNAPSHOTS) -> subprocess.CompletedProcess:
    return netzwerktimer("demo", "--no-serve", "--db", str(db), "--snapshots", str(snapshots))


def rehearse(db: Path, snapshots: Path = SNAPSHOTS, *args: str) -> subprocess.CompletedProcess:
    """`netzwerktimer crawl` as a scheduler runs it, on saved pages instead of the live web."""
    return netzwerktimer("crawl", "--db", str(db), "--snapshots", str(snapshots), *args)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The catalog the offline demo builds from the bundled snapshots."""
    db = tmp_path_factory.mktemp("demo") / "netzwerktimer.db"
    result = demo(db)
    assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.fixture(scope="module")
def get(demo_db):
    """GET a path of the demo catalog, answered through Datasette's in-process client."""
    datasette = make_datasette(demo_db)
    return lambda path: asyncio.run(datasette.client.get(path))


@pytest.fixture(scope="module")
def analyst(demo_db):
    """The same, as analysts get it: with SQL of their own (off in public)."""
    datasette = make_datasette(demo_db, allow_sql=True)
    return lambda path: asyncio.run(datasette.client.get(path))


@pytest.fixture
def snapshot_copy(tmp_path) -> "SnapshotCopy":
    return SnapshotCopy(tmp_path / "snapshots")


class SnapshotCopy:
    """A private copy of the bundled snapshots that a test may change."""

    def __init__(self, folder: Path):
        shutil.copytree(SNAPSHOTS, folder)
        self.folder = folder

    def _site(self, url: str) -> tuple[Path, dict, dict]:
        for path in self.folder.glob("*/manifest.json"):
            manifest = json.loads(path.read_text())
            for page in manifest["pages"]:
                if page["url"] == url:
                    return path, manifest, page
        raise KeyError(url)

    def drop(self, url: str) -> None:
        path, manifest, page = self._site(url)
        manifest["pages"].remove(page)
        path.write_text(json.dumps(manifest, indent=1))

    def replace(self, url: str, body: str, status: int = 200) -> None:
        path, manifest, page = self._site(url)
        (path.parent / page["file"]).write_text(body, encoding="utf-8")
        page["status"] = status
        path.write_text(json.dumps(manifest, indent=1))

    def fail(self, url: str, status: int | None = None, **headers: str) -> None:
        """The site fails at `url`: it answers `status`, or with none it drops the
        connection without an answer."""
        path, manifest, page = self._site(url)
        if status is None:
            page["reset"] = True
        else:
            page["status"] = status
            page["headers"] = {name.replace("_", "-"): value for name, value in headers.items()}
        path.write_text(json.dumps(manifest, indent=1))

    def add(self, site: str, url: str, file: str, content_type: str = "text/html") -> None:
        """Serve an existing or new file of `site`'s folder at `url` too."""
        path = self.folder / site / "manifest.json"
        manifest = json.loads(path.read_text())
        manifest["pages"].append({"url": url, "file": file, "content_type": content_type})
        path.write_text(json.dumps(manifest, indent=1))


@pytest.fixture(scope="session")
def big(tmp_path_factory):
    """A catalog with more rows than Datasette returns per query (1,000)."""
    path = tmp_path_factory.mktemp("big") / "netzwerktimer.db"
    db = catalog.open_db(path)
    rows = [
        dict.fromkeys(catalog.EVENT_COLUMNS)
        | {
            "id": f"e{i:04}",
            "network": "optonet",
            "title": f"Veranstaltung Nr. {i} in Köln",
            "start": f"2027-{1 + i % 12:02}-{1 + i % 28:02}",
            "all_day": True,
        }
        for i in range(1500)
    ]
    rows[0]["title"] = '=HYPERLINK("http://example.org","klick")'
    history.store(db, rows, run=0)
    db.close()
    return make_datasette(path)
