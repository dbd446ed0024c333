"""The catalog's write path: history.store against sqlite-utils' raw insert_all.

    .venv/bin/python benchmarks/bench_store.py [--events 10000 40000 ...] [--batch 500]

For each size, builds a catalog through the project's own schema (db.open_db) and stores
that many events of 16 networks, spread over two years, in batches as the store stage
does: a first run, then an unchanged rerun; --runs times, each in a fresh folder, and prints
the medians. The anchor is insert_all of the same rows into
a plain table of the same columns. It prints rows/s for each, and each one's share of the
anchor beside the goal (at least 40 %, flat as the catalog grows).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from netzwerktimer_crawl import db as catalog  # noqa: E402
from netzwerktimer_crawl import history, registry, search_text  # noqa: E402

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


def schema_only(db: Database, rows: list[dict], batch: int) -> float:
    """The same rows written straight into the catalog's tables, with their indexes and the
    search index, as new events each with its source: the floor under history.store, which
    also looks up sources, matches other networks' copies and keeps history."""
    sectors = dict(db.execute("select slug, sector from networks").fetchall())
    columns = [*catalog.EVENT_COLUMNS, "networks", "sector"]
    events = f"insert into events ({', '.join(f'[{c}]' for c in columns)}) " \
        f"values ({', '.join('?' for _ in columns)})"  # fmt: skip
    sources = "insert into event_sources (source_id, event_id, network, url, first_seen, " \
        "last_seen, last_run, missing_runs) values (?, ?, ?, ?, ?, ?, 1, 0)"  # fmt: skip
    began = time.perf_counter()
    for i in range(0, len(rows), batch):
        part = rows[i : i + batch]
        with db.atomic():
            first = db.execute("select coalesce(max(rowid), 0) from events").fetchone()[0]
            new = [[*(r[c] for c in catalog.EVENT_COLUMNS), f'["{r["network"]}"]',
                    sectors[r["network"]]] for r in part]  # fmt: skip
            db.conn.executemany(events, new)
            seen = [[r["id"], r["id"], r["network"], r["url"], r["first_seen"], r["last_seen"]]
                    for r in part]  # fmt: skip
            db.conn.executemany(sources, seen)
            search_text.index(db, list(range(first + 1, first + 1 + len(part))))
    return time.perf_counter() - began


def anchor(folder: Path, rows: list[dict], batch: int) -> float:
    db = Database(folder / "raw.db")
    db.enable_wal()
    db.execute(f"pragma cache_size = -{catalog.CACHE_KIB}")  # as open_db gives the store
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
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'events':>9} {'raw rows/s':>11} {'schema only':>18} {'first run':>18} "
          f"{'unchanged rerun':>18}  goal")  # fmt: skip
    for count in args.events:
        rows = records(count)
        rates = []
        for _ in range(args.runs):  # the disk's fsyncs vary: medians of the runs, each fresh
            with tempfile.TemporaryDirectory() as folder:
                raw = rate(count, anchor(Path(folder), rows, args.batch))
                floor = rate(count, schema_only(catalog.open_db(Path(folder) / "floor.db"),
                                                rows, args.batch))  # fmt: skip
                db = catalog.open_db(Path(folder) / "catalog.db")
                first = rate(count, store(db, rows, 1, args.batch))
                again = rate(count, store(db, rows, 2, args.batch))
                rates.append((raw, floor, first, again))
        raw, *rest = (statistics.median(column) for column in zip(*rates, strict=True))
        cells = " ".join(f"{r:>10,.0f} {r / raw:>7.0%}" for r in rest)
        print(f"{count:>9,} {raw:>11,.0f} {cells}  ≥ {GOAL:.0%} of raw")


if __name__ == "__main__":
    main()
