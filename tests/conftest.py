import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netzwerktimer_crawl.replay import SNAPSHOTS

CLI = [sys.executable, "-m", "netzwerktimer_crawl.cli"]


def netzwerktimer(*args: str) -> subprocess.CompletedProcess:
    """The real command line, in its own process (Scrapy's reactor runs once per process)."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def demo(db: Path, snapshots: Path = SNAPSHOTS) -> subprocess.CompletedProcess:
    return netzwerktimer("demo", "--no-serve", "--db", str(db), "--snapshots", str(snapshots))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The catalog the offline demo builds from the bundled snapshots."""
    db = tmp_path_factory.mktemp("demo") / "netzwerktimer.db"
    result = demo(db)
    assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.fixture
def snapshot_copy(tmp_path) -> "SnapshotCopy":
    return SnapshotCopy(tmp_path / "snapshots")


class SnapshotCopy:
    """A private copy of the bundled snapshots that a test may change."""

    def __init__(self, folder: Path):
        shutil.copytree(SNAPSHOTS, folder)
        self.folder = folder
        self.manifest = json.loads((folder / "manifest.json").read_text())

    def drop(self, url: str) -> None:
        self.manifest["pages"] = [p for p in self.manifest["pages"] if p["url"] != url]
        self.save()

    def replace(self, url: str, body: str, status: int = 200) -> None:
        page = next(p for p in self.manifest["pages"] if p["url"] == url)
        (self.folder / page["file"]).write_text(body, encoding="utf-8")
        page["status"] = status
        self.save()

    def save(self) -> None:
        (self.folder / "manifest.json").write_text(json.dumps(self.manifest, indent=1))
