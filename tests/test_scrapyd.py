"""Scrapyd, for when one machine is not enough: `scrapyd-deploy` builds the project's egg and
uploads it to a real Scrapyd on 127.0.0.1, two spiders run as jobs side by side, and both land
in one catalog, one after the other under its lock."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlite_utils import Database

from netzwerktimer_crawl import refresh
from netzwerktimer_crawl.replay import ReplayServer

ROOT = Path(__file__).resolve().parent.parent
# The base interpreter of .venv, with .venv's libraries on PYTHONPATH: .pth files there are not
# run, so the editable install of the checkout is invisible and the jobs can only import the
# project from the egg Scrapyd activates.
PYTHON = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
LIBRARIES = os.pathsep.join(dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib")))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, body, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def scrapyd(tmp_path):
    """Scrapyd as the README starts it, with deploy/scrapyd.conf; ~/.scrapyd.conf moves its
    port and folders into the test's."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    shutil.copy(ROOT / "deploy" / "scrapyd.conf", home / "scrapyd.conf")
    (home / ".scrapyd.conf").write_text(
        f"[scrapyd]\nhttp_port = {port}\npoll_interval = 0.5\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\n"
    )
    db = tmp_path / "catalog" / "netzwerktimer.db"
    env = {**os.environ, "PYTHONPATH": LIBRARIES, "HOME": str(home),
           "NETZWERKTIMER_DB": str(db), "NETZWERKTIMER_LOCK_WAIT": "120"}  # fmt: skip
    env.pop("VIRTUAL_ENV", None)
    server = subprocess.Popen([str(PYTHON), "-m", "scrapyd"], cwd=home, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                call(url + "daemonstatus.json")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stdout.read().decode())
                time.sleep(0.2)
        yield url, home, db
    finally:
        server.terminate()
        server.wait(timeout=30)


def deploy(url: str, tmp_path: Path) -> None:
    """scrapyd-deploy as an operator runs it, from a copy of the project (its build files
    stay out of the checkout), with the target in the operator's ~/.scrapy.cfg."""
    project = tmp_path / "project"
    skip = shutil.ignore_patterns(".git", ".venv", "tests", "benchmarks", "build",
                                  "*.egg-info", "__pycache__", "*.db", "*.db-*", "*.db.*",
                                  "httpcache")  # fmt: skip
    shutil.copytree(ROOT, project, ignore=skip)
    operator = tmp_path / "operator"
    operator.mkdir()
    (operator / ".scrapy.cfg").write_text(f"[deploy:jobs]\nurl = {url}\n")
    command = [Path(sys.executable).parent / "scrapyd-deploy", "jobs", "-p", "netzwerktimer"]
    done = subprocess.run(command, cwd=project, env={**os.environ, "HOME": str(operator)},
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"status": "ok"' in done.stdout + done.stderr, done.stdout + done.stderr


def waiting(home, job: str, spider: str) -> bool:
    log = home / "logs" / "netzwerktimer" / spider / f"{job}.log"
    return log.exists() and "waiting up to 120s for another crawl" in log.read_text()


def test_scrapyd_runs_two_spiders_into_one_catalog(scrapyd, tmp_path):
    url, home, db = scrapyd
    deploy(url, tmp_path)
    spiders = call(url + "listspiders.json?project=netzwerktimer")["spiders"]
    assert {"optonet", "medways"} <= set(spiders)

    handler = "netzwerktimer_crawl.replay.ReplayDownloadHandler"
    with ReplayServer() as site:
        # The catalog and the lock wait come from Scrapyd's environment; the jobs read the
        # bundled snapshots instead of the live sites.
        settings = {
            "NETZWERKTIMER_REPLAY": site.address,
            "DOWNLOAD_HANDLERS": json.dumps({"http": handler, "https": handler}),
            "HTTPCACHE_ENABLED": "False",
            "AUTOTHROTTLE_ENABLED": "False",
        }
        jobs = {}
        # Another crawl of the catalog (an operator's, say) holds its lock while Scrapyd
        # starts both jobs (max_proc = 2): each waits for the lock, then runs.
        with refresh.lock(db):
            for spider in ("optonet", "medways"):
                form = [("project", "netzwerktimer"), ("spider", spider)]
                form += [("setting", f"{key}={value}") for key, value in settings.items()]
                jobs[call(url + "schedule.json", form)["jobid"]] = spider
            deadline = time.monotonic() + 120
            while sum(waiting(home, job, spider) for job, spider in jobs.items()) < 2:
                if time.monotonic() > deadline:
                    pytest.fail("the jobs did not wait for the lock")
                time.sleep(0.2)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            listed = call(url + "listjobs.json?project=netzwerktimer")
            if {job["id"] for job in listed["finished"]} >= set(jobs):
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"jobs did not finish: {listed}")

    logs = {spider: (home / "logs" / "netzwerktimer" / spider / f"{job}.log").read_text()
            for job, spider in jobs.items()}  # fmt: skip
    for log in logs.values():
        assert "Traceback" not in log, log
    catalog = Database(db)
    runs = list(catalog["crawl_runs"].rows)
    assert sorted(run["spider"] for run in runs) == ["medways", "optonet"]
    assert all(run["healthy"] for run in runs), runs
    # Each job writes a copy of the catalog and publishes it whole: without the lock the
    # second copy, taken before the first was published, would drop the first's events.
    networks = {row["network"] for row in catalog.query("select network from events")}
    assert networks == {"optonet", "medways"}
    assert not db.with_name("netzwerktimer.db.new").exists()
