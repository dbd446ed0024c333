"""The crawl's own overhead: the offline crawl of every spider against a bare Scrapy spider.

    .venv/bin/python benchmarks/bench_crawl.py [--runs 7]

Both run as their own process against the replay server of the bundled snapshots
(netzwerktimer_crawl/snapshots): `netzwerktimer crawl --snapshots` with the project's
spiders, pipelines and catalog, and a spider that fetches every URL of the snapshots'
manifests and does nothing with them. Runs alternate, so both see the same machine. It prints
the medians of wall time and of peak memory (maxrss) beside the goal: at most 1.25 times the
bare spider's time, and 150 MiB.

A second anchor, the bare spider that runs the extraction chain (extract()) on each page it
fetches, tells the reading of the pages apart from everything else the crawl does
(validation, dates, deduplication, the catalog, monitors, the run's records).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_RATIO, GOAL_MIB = 1.25, 150


def bare(reading: bool = False) -> None:
    """The anchor: Scrapy fetching the snapshots' URLs through the replay server; `reading`,
    each page also read by the extraction chain."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from netzwerktimer_crawl.replay import Manifest, ReplayServer, replay_settings

    if reading:  # its imports are part of what it measures
        from netzwerktimer_crawl.extract import extract

    urls = [page.url for page in Manifest().pages.values() if not page.reset]

    class Bare(scrapy.Spider):
        name = "bare"

        def start_requests(self):
            for url in urls:
                yield scrapy.Request(url, dont_filter=True, errback=lambda failure: None)

        def parse(self, response):
            if reading:
                extract(response, "unknown")

    with ReplayServer() as server:
        settings = replay_settings(server.address) | {"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False}
        process = CrawlerProcess(settings)
        process.crawl(Bare)
        process.start()
    print(len(urls), "URLs")


def timed(command: list[str], may_fail: bool = False) -> tuple[float, float]:
    """Wall seconds and peak MiB of `command`, a child process of its own."""
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - began
    if status and not may_fail:
        raise SystemExit(f"{command} failed: {status}")
    return took, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reading", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        return bare(args.reading)
    netzwerktimer = str(Path(sys.executable).with_name("netzwerktimer"))
    results = {"bare spider": [], "bare spider + extract()": [], "netzwerktimer crawl": []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            db = Path(folder) / f"run{run}.db"  # a first run each time, as a new catalog
            commands = {
                "bare spider": [sys.executable, __file__, "--bare"],
                "bare spider + extract()": [sys.executable, __file__, "--bare", "--reading"],
                "netzwerktimer crawl": [netzwerktimer, "crawl", "--db", str(db), "--snapshots",
                                        str(ROOT / "netzwerktimer_crawl" / "snapshots")],
            }  # fmt: skip
            for name, command in commands.items():
                # The crawl exits 1: the snapshots model ThEEN's site failing (its monitors
                # say so), and the crawl reads every other site all the same.
                results[name].append(timed(command, may_fail=name == "netzwerktimer crawl"))
    medians = {
        name: [statistics.median(values) for values in zip(*runs, strict=True)]
        for name, runs in results.items()
    }
    (bare_s, bare_mib), (reading_s, _), (crawl_s, crawl_mib) = medians.values()
    print(f"{'':<22} {'wall (median)':>14} {'peak (median)':>14}")
    for name, (seconds, mib) in medians.items():
        print(f"{name:<22} {seconds:>12.2f} s {mib:>10.0f} MiB")
    ratio = crawl_s / bare_s
    print(f"crawl / bare: {ratio:.2f}x (goal ≤ {GOAL_RATIO}x) "
          f"{'ok' if ratio <= GOAL_RATIO else 'MISSED'}; peak {crawl_mib:.0f} MiB "
          f"(goal ≤ {GOAL_MIB}) {'ok' if crawl_mib <= GOAL_MIB else 'MISSED'}")  # fmt: skip
    print(
        f"crawl / (bare + extract()): {crawl_s / reading_s:.2f}x; reading the pages "
        f"{reading_s - bare_s:.2f} s, the rest of the crawl {crawl_s - reading_s:.2f} s"
    )


if __name__ == "__main__":
    main()
