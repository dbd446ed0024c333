"""The extraction chain on real pages nobody on this project wrote: recall, precision, speed.

    .venv/bin/python benchmarks/bench_real_pages.py [--corpus ../shared/real-pages]

Runs the corpus's own scorer (score.py, which calls `netzwerktimer extract` per page) and
prints its overall recall and precision, then times the chain in this process on the same
pages (the scorer's time is mostly interpreter start-up): pages per second and the slowest
page; then a synthetic table of 1,000 and 2,000 rows, whose time must grow linearly. Without
the corpus (a user's clone does not have it) it says so and stops.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netzwerktimer_crawl.pipelines.offline import rows  # noqa: E402

from netzwerktimer_crawl.extract import extract, saved_page  # noqa: E402


def score(corpus: Path) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "score.json"
        subprocess.run(
            [sys.executable, str(corpus / "score.py"), "--json", str(out), "--jobs", "2"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        return json.loads(out.read_text(encoding="utf-8"))["overall"]


def timings(corpus: Path, rounds: int) -> list[tuple[str, float]]:
    cases = json.loads((corpus / "cases.json").read_text(encoding="utf-8"))
    measured = []
    for case in cases:
        body = (corpus / case["file"]).read_bytes()
        fetched = datetime.fromisoformat(case["fetched"]).replace(hour=12, tzinfo=UTC)
        best = float("inf")
        for _ in range(rounds):
            began = time.perf_counter()
            rows(extract(saved_page(body, case["url"], fetched), "unknown").events)
            best = min(best, time.perf_counter() - began)
        measured.append((case["file"], best))
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "real-pages")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"no real-pages corpus at {args.corpus}: nothing to measure")
        return 0
    overall = score(args.corpus)
    print(f"real pages: {overall['pages']}, expected {overall['expected']}, found "
          f"{overall['found']}, matched {overall['matched']}")  # fmt: skip
    print(f"recall    {100 * overall['recall']:5.1f}%")
    print(f"precision {100 * overall['precision']:5.1f}%")
    measured = timings(args.corpus, args.rounds)
    total = sum(seconds for _, seconds in measured)
    slowest = max(measured, key=lambda m: m[1])
    print(f"chain in-process: {len(measured) / total:6.1f} pages/s "
          f"({1000 * total / len(measured):.0f} ms a page; slowest {slowest[0]} "
          f"{1000 * slowest[1]:.0f} ms)")  # fmt: skip
    for count in (1_000, 2_000):
        seconds, found = big_table(count)
        print(f"a table of {count:,} rows: {seconds:.2f} s, {found:,} events (goal: linear)")
    return 0


def big_table(count: int) -> tuple[float, int]:
    """A venue's year as one table (date, time, title, town): the chain's time must grow
    with the rows, not with their square."""
    cells = (
        f"<tr><td>{i % 28 + 1:02d}.{i % 12 + 1:02d}.2027</td><td>18:00 Uhr</td>"
        f"<td>Veranstaltung Nummer {i}</td><td>Jena</td></tr>"
        for i in range(count)
    )
    body = f"<html><body><h1>Termine</h1><table>{''.join(cells)}</table></body></html>"
    fetched = datetime(2026, 11, 20, 12, tzinfo=UTC)
    began = time.perf_counter()
    found = extract(saved_page(body.encode(), "https://www.beispiel.de/termine/", fetched), "x")
    return time.perf_counter() - began, len(found.events)


if __name__ == "__main__":
    sys.exit(main())
