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
    assert "Termine  fertig" in output
    assert "[scrapy.core.engine] INFO" not in output  # info logs would tear the table


def test_without_terminal_progress_is_logged(tmp_path):
    result = demo(tmp_path / "c.db")
    assert (
        "[netzwerktimer.progress] INFO: progress optonet             3 Seiten     5 Termine  fertig"
        in (result.stderr)
    )
    assert "\x1b[" not in result.stderr
