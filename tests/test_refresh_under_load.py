"""Readers hit the served catalog while crawls refresh it: no reader sees an error, and
after each crawl the running server shows the new catalog (benchmarks/load_refresh.py,
run small; `make bench` runs it larger)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readers_during_crawls_see_no_error_and_a_fresh_catalog(tmp_path):
    out = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load_refresh.py"),
         "--crawls", "2", "--readers", "3", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    figures = json.loads(out.read_text())
    assert figures["errors"] == 0, figures["error_kinds"]
    assert figures["requests"] > 50
    counts = figures["event_counts"]
    assert counts[1:] == [counts[0] + 1, counts[0] + 2]
    assert done.returncode == 0, done.stdout + done.stderr
