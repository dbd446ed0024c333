"""The catalog's write path: history.store against sqlite-utils' raw insert_all.

    .venv/bin/python benchmarks/bench_store.py [--events 10000 40000 ...] [--batch 500]

For each size, builds a catalog through the project's own schema (db.open_db) and stores
that many events of 16 networks, spread over two years, in batches as the store stage
does: a first run, then an unchanged rerun. The anchor is insert_all of the same rows into
a plain table of the same columns. It prints rows/s for each, and each one's share of the
anchor beside the goal (at least 40 %, flat as the catalog grows).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from netzwerktimer_crawl import db as catalog  # noqa: E402
from netzwerktimer_crawl import history, registry  # noqa: E402

GOAL = 0.40
WORDS = """Photonik Laser Energie Wasserstoff Kunststoff Sensorik Medizintechnik Batterie
Digitalisierung Fertigung Leichtbau Solar Textil Mobilität Quanten Optik Recycling KI""".split()
KINDS = ["Workshop", "Webinar", "Netzwerktreffen", "Konferenz", "Stammtisch", "Forum"]


def records(count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    networks = sorted(registry.networks())
    first = date(2026, 1, 1)
    seen = "2026-11-16T08:00:00Z"
    rows = []
    for n in range(count):
        network = networks[n % len(networks)]
        day = first + timedelta(days=rng.randrange(730))
        title = f"{rng.choice(KINDS)} {' '.join(rng.sample(WORDS, 3))} {n}"
        rows.append(
            {column: None for column in catalog.EVENT_COLUMNS}
            | {
                "id": f"{network}-{n}",
                "network": network,
                "title": title,
                "start": f"{day}T{rng.randrange(8, 20):02d}:00",
                "all_day": False,
                "url": f"https://{network}.example/veranstaltung/{n}",
                "city": rng.choice(["Jena", "Erfurt", "Ilmenau", "Weimar", None]),
                "source_url": f"https://{network}.example/veranstaltungen",
                "first_seen": seen,
                "last_seen": seen,
            }
        )
    return rows


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def store(db: Database, rows: list[dict], run: int, batch: int) -> float:
    began = time.perf_counter()
    for i in range(0, len(rows), batch):
        failed = history.store(db, rows[i : i + batch], run)
        assert not failed, failed[:1]
    return time.perf_counter() - began


def anchor(folder: Path, rows: list[dict], batch: int) -> float:
    db = Database(folder / "raw.db")
    db.enable_wal()
    db["events"].create({c: str for c in catalog.EVENT_COLUMNS}, pk="id")
    began = time.perf_counter()
    for i in range(0, len(rows), batch):
        with db.atomic():
            db["events"].insert_all(rows[i : i + batch], batch_size=batch)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    print(f"{'events':>9} {'raw rows/s':>11} {'first run':>18} {'unchanged rerun':>18}  goal")
    for count in args.events:
        rows = records(count)
        with tempfile.TemporaryDirectory() as folder:
            raw = rate(count, anchor(Path(folder), rows, args.batch))
            db = catalog.open_db(Path(folder) / "catalog.db")
            first = rate(count, store(db, rows, 1, args.batch))
            again = rate(count, store(db, rows, 2, args.batch))
        cells = [f"{r:>9,.0f} {r / raw:>7.0%}" for r in (first, again)]
        print(f"{count:>9,} {raw:>11,.0f} {cells[0]:>18} {cells[1]:>18}  ≥ {GOAL:.0%} of raw")


if __name__ == "__main__":
    main()
