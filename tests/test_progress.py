"""`crawl` and `demo` show live progress per spider: redrawn lines on a terminal, plain log
lines otherwise."""

import os
import pty
import subprocess

from conftest import CLI, demo


def on_terminal(*args: str) -> str:
    leader, follower = pty.openpty()
    process = subprocess.Popen([*CLI, *args], stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=120)
    return output.decode(errors="replace")


def test_terminal_shows_a_redrawn_line_per_spider(tmp_path):
    output = on_terminal("demo", "--no-serve", "--db", str(tmp_path / "c.db"))
    assert "\x1b[2Koptonet" in output and "\x1b[2Ktheen" in output
    assert "events  done" in output
    assert "[scrapy.core.engine] INFO" not in output  # info logs would tear the table


def test_without_terminal_progress_is_logged(tmp_path):
    result = demo(tmp_path / "c.db")
    assert (
        "[netzwerktimer.progress] INFO: progress optonet             3 pages     5 events  done"
        in (result.stderr)
    )
    assert "\x1b[" not in result.stderr
    assert len(result.stderr.splitlines()) < 60  # no settings, middleware or item dumps
    assert "Remote control" not in result.stderr  # Scrapy's control port stays closed
    # Each event once, as stored: the list and detail copies of smarttex's events are one.
    smarttex = next(line for line in result.stderr.splitlines() if "progress smarttex" in line)
    assert smarttex.endswith(" 6 events  done")
    assert "smarttex               6" in result.stdout
