"""`pip install .` (not editable) gives a package that serves the catalog on its own, and
puts nothing generic such as `spiders` or `pipelines` into site-packages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SERVE = """
import asyncio, sys
from pathlib import Path
import netzwerktimer_crawl
from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.db import open_db
installed = Path(netzwerktimer_crawl.__file__)
assert installed.is_relative_to(Path(sys.argv[1])), installed
open_db(Path("c.db")).close()
ds = make_datasette(Path("c.db"))
for path in ("/woche", "/netzwerktimer/events.json", "/netzwerktimer/kalender.ics"):
    print(path, asyncio.run(ds.client.get(path)).status_code)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)  # fmt: skip
    return next(out.glob("netzwerktimer-*.whl"))


def test_the_wheel_keeps_spiders_pipelines_and_data_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.startswith("netzwerktimer-")}
    assert tops == {"netzwerktimer_crawl"}
    for needed in ("netzwerktimer_crawl/spiders/optonet.py",
                   "netzwerktimer_crawl/pipelines/store.py",
                   "netzwerktimer_crawl/extract/records.py",
                   "netzwerktimer_crawl/networks.json",
                   "netzwerktimer_crawl/data/metadata.yml",
                   "netzwerktimer_crawl/data/plugins/week.py",
                   "netzwerktimer_crawl/data/templates/woche.html"):  # fmt: skip
        assert needed in names, needed
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "[scrapy]\nsettings = netzwerktimer_crawl.settings"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


def test_an_installed_package_serves_the_catalog(wheel, tmp_path):
    site = tmp_path / "site"
    install = ["install", "--quiet", "--no-deps", "--target", str(site), str(wheel)]
    subprocess.run([sys.executable, "-m", "pip", *install], check=True, capture_output=True)
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run([sys.executable, "-c", SERVE, str(site)], cwd=work,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "/woche", "200", "/netzwerktimer/events.json", "200", "/netzwerktimer/kalender.ics", "200",
    ]  # fmt: skip
