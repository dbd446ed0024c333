"""Readers of the served catalog while crawls refresh it: errors and freshness.

    .venv/bin/python benchmarks/load_refresh.py [--crawls 8] [--readers 6] [--json OUT]

Builds the demo catalog, starts `netzwerktimer serve` on it, and lets reader threads fetch
/woche, /netzwerktimer/events.json and /netzwerktimer/kalender.ics without pause while
`netzwerktimer demo --no-serve` crawls the snapshots into the same file, again and again,
each time with one more event on ThEEN's list. It prints the requests, the errors (the
goal is 0) and the event count the server reported after each crawl (the goal: one more
each time, with no restart). tests/test_refresh_under_load.py runs it small.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netzwerktimer_crawl.replay import SNAPSHOTS  # noqa: E402

CLI = [sys.executable, "-m", "netzwerktimer_crawl.cli"]
LIST = "theen/veranstaltungen.html"
PATHS = (
    "/woche?datum=2026-11-16",
    "/netzwerktimer/events.json?_size=0",
    "/netzwerktimer/kalender.ics",
)
EVENT = """
  <div class="event layout_list upcoming">
    <h2><a href="de/veranstaltungen/lasttest-{n}.html">Lasttest-Abend {n}</a></h2>
    <p class="time"><time datetime="2026-12-{day:02d}T18:00:00+01:00">{day:02d}.12.2026 18:00</time>
    </p>
  </div>
  <nav class="pagination block\""""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def crawl(db: Path, snapshots: Path) -> None:
    done = subprocess.run([*CLI, "demo", "--no-serve", "--db", str(db), "--snapshots",
                           str(snapshots)], capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stdout[-2000:] + done.stderr[-2000:])


def add_event(snapshots: Path, n: int) -> None:
    page = snapshots / LIST
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('  <nav class="pagination block"', EVENT.format(n=n, day=n), 1))


def count(base: str) -> int:
    with urllib.request.urlopen(base + PATHS[1], timeout=10) as answer:
        return json.load(answer)["filtered_table_rows_count"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crawls", type=int, default=8)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        snapshots, db = scratch / "snapshots", scratch / "netzwerktimer.db"
        shutil.copytree(SNAPSHOTS, snapshots)
        crawl(db, snapshots)
        port = free_port()
        server = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                counts = [count(base)]
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")

        stop = threading.Event()
        requests, errors = Counter(), Counter()

        def read(index: int) -> None:
            while not stop.is_set():
                path = PATHS[(index + requests.total()) % len(PATHS)]
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as answer:
                        answer.read()
                        requests[path] += 1
                except (urllib.error.URLError, OSError) as error:
                    errors[f"{path}: {error}"] += 1

        readers = [threading.Thread(target=read, args=(i,)) for i in range(args.readers)]
        for reader in readers:
            reader.start()
        began = time.monotonic()
        for n in range(1, args.crawls + 1):
            add_event(snapshots, n)
            crawl(db, snapshots)
            counts.append(count(base))
        seconds = time.monotonic() - began
        stop.set()
        for reader in readers:
            reader.join()
        server.terminate()
        server.wait()

    fresh = all(b == a + 1 for a, b in zip(counts, counts[1:], strict=False))
    figures = {
        "crawls": args.crawls,
        "readers": args.readers,
        "seconds": round(seconds, 1),
        "requests": requests.total(),
        "requests_per_second": round(requests.total() / seconds, 1),
        "errors": errors.total(),
        "error_kinds": dict(errors),
        "event_counts": counts,
        "one_more_after_each_crawl": fresh,
    }
    print(f"{args.crawls} crawls, {args.readers} readers, {seconds:.0f} s: "
          f"{requests.total()} requests ({figures['requests_per_second']}/s), "
          f"{errors.total()} errors")  # fmt: skip
    print(f"events served after each crawl: {counts} ({'fresh' if fresh else 'STALE'})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if fresh and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
