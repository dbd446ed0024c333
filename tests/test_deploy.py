"""The scheduling recipes as the README and deploy/ give them: the units verify, and their
commands (run on the bundled snapshots instead of the live sites) refresh the served
catalog, report each spider's health and fail the run when a spider fails."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from netzwerktimer_crawl.replay import SNAPSHOTS

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SRV = "/srv/netzwerktimer"


def exec_start(unit: str) -> str:
    (line,) = [
        row for row in (DEPLOY / unit).read_text().splitlines() if row.startswith("ExecStart=")
    ]
    return line.removeprefix("ExecStart=")


def rehearsal(command: str, srv: Path) -> str:
    """The command with the checkout's path for /srv/netzwerktimer, crawling the bundled
    snapshots instead of the live sites."""
    command = command.replace(SRV, str(srv))
    return re.sub(r"netzwerktimer crawl\b", f"netzwerktimer crawl --snapshots {SNAPSHOTS}",
                  command)  # fmt: skip


@pytest.fixture
def srv(tmp_path) -> Path:
    """A stand-in for /srv/netzwerktimer: the checkout's virtualenv, its own data folder."""
    (tmp_path / "data").mkdir()
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def test_the_units_verify(tmp_path, srv):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    units = tmp_path / "units"
    units.mkdir()
    for unit in DEPLOY.iterdir():
        name = unit.name.replace("@.", "@netzwerktimer-crawl.")  # the instance OnFailure= starts
        (units / name).write_text(unit.read_text().replace(SRV, str(srv)))
    names = [str(units / name) for name in ("netzwerktimer-crawl.service",
             "netzwerktimer-crawl.timer", "netzwerktimer-serve.service",
             "netzwerktimer-alert@netzwerktimer-crawl.service")]  # fmt: skip
    done = subprocess.run(["systemd-analyze", "verify", *names], capture_output=True, text=True)
    problems = [row for row in done.stderr.splitlines() if "netzwerktimer" in row]
    assert done.returncode == 0 and problems == [], done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def count(base: str) -> int:
    with urllib.request.urlopen(f"{base}/netzwerktimer/events.json?_size=0", timeout=10) as r:
        return json.load(r)["filtered_table_rows_count"]


def test_the_crawl_unit_refreshes_the_running_server_and_fails_on_a_failed_spider(srv):
    db = srv / "data" / "netzwerktimer.db"
    subprocess.run([str(ROOT / ".venv/bin/netzwerktimer"), "demo", "--no-serve", "--db",
                    str(db), "--snapshots", str(SNAPSHOTS)], check=True,
                   capture_output=True)  # fmt: skip
    with sqlite(db) as conn:  # a catalog from an older day, one event short
        conn.execute("delete from events where id = (select min(id) from events)")
    port = free_port()
    serve = shlex.split(exec_start("netzwerktimer-serve.service").replace(SRV, str(srv)))
    serve[serve.index("--port") + 1] = str(port)
    server = subprocess.Popen(serve, cwd=srv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                before = count(base)
                break
            except OSError:
                time.sleep(0.2)
        crawl = subprocess.run(shlex.split(rehearsal(exec_start("netzwerktimer-crawl.service"),
                               srv)), cwd=srv, capture_output=True, text=True)  # fmt: skip
        after = count(base)
    finally:
        server.terminate()
        server.wait()
    assert after == before + 1  # the server shows the new catalog, it was not restarted
    assert crawl.returncode != 0  # so OnFailure= sends the alert
    assert "FAILED: Retry Count monitor" in crawl.stdout and "failed: theen" in crawl.stderr


def test_the_cron_line_mails_the_log_of_a_failed_run(srv):
    readme = (ROOT / "README.md").read_text()
    (line,) = [row.strip() for row in readme.splitlines() if row.strip().startswith("15 5 * * *")]
    command = rehearsal(line.split(None, 5)[5], srv)
    done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True)
    mailed = done.stdout + done.stderr  # what cron would mail
    assert "failed: theen" in mailed and "optonet" in mailed
    assert (srv / "data" / "netzwerktimer.db").exists() and (srv / "crawl.log").exists()


def sqlite(db: Path):
    import sqlite3
    from contextlib import closing, contextmanager

    @contextmanager
    def session():
        with closing(sqlite3.connect(db)) as conn:
            yield conn
            conn.commit()

    return session()
