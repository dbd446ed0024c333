"""The served catalog at scale: median answer times of the pages readers and analysts open.

    .venv/bin/python benchmarks/bench_catalog.py [--events 1000000] [--runs 5] [--db PATH]

Builds a catalog of that many events through the project's schema (db.open_db: its
indexes, triggers and search index) with sqlite-utils' insert_all, 16 networks over ten
years, one in twenty co-hosted by a second network, then asks Datasette in process for each
page and prints the median beside its goal. A --db that exists is reused. Anchors: the
unfaceted table page in Datasette alone (no plugins, no templates) on the same file, and a
plain sqlite3 + csv dump for the downloads.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import itertools
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netzwerktimer_crawl import db as catalog  # noqa: E402
from netzwerktimer_crawl import search_text  # noqa: E402
from netzwerktimer_crawl.catalog import make_datasette  # noqa: E402

TODAY = date(2026, 11, 16)  # pinned, as the demo's
WORDS = """Photonik Laser Energie Wasserstoff Kunststoff Sensorik Medizintechnik Batterie
Digitalisierung Fertigung Leichtbau Solar Textil Mobilität Quanten Optik Recycling KI""".split()
KINDS = "Workshop Webinar Netzwerktreffen Konferenz Stammtisch Mitgliederversammlung".split()
CITIES = ["Jena", "Erfurt", "Ilmenau", "Weimar", "Gera", "Leipzig", None]
PAGES = [
    ("/woche?datum=2026-11-16", 50),
    ("/woche?datum=2026-11-16&netzwerk=theen", 50),
    # where a bare /netzwerktimer/events leads (no built event runs longer than 31 days)
    ("/netzwerktimer/events?start__gte=2026-10-16&end_date__gte=2026-11-16", 200),
    ("/netzwerktimer/events?_sort=start", 200),  # the whole table, with its facets
    ("/netzwerktimer/events?_sort=start&_nofacet=1", 50),
    ("/netzwerktimer/events?_search=Photonik", 100),
    ("/netzwerktimer/kalender.ics", 300),
    ("/netzwerktimer/kalender.ics?netzwerk=theen", 300),
    ("/netzwerktimer/neu.atom", 300),
    ("/netzwerktimer/karte", 300),
]
# Downloads that hold every row: their rate over the first --stream-rows rows, and the marker
# that counts a row.
STREAMS = [
    ("/netzwerktimer/kalender.ics", b"BEGIN:VEVENT"),
    ("/netzwerktimer/events_public.excel", b"\n"),
    ("/netzwerktimer/events_public.csv?_stream=on", b"\n"),
]


def build(path: Path, count: int) -> None:
    db = catalog.open_db(path)
    catalog.set_today(db, TODAY)
    rng = random.Random(1)
    sectors = {row["slug"]: row["sector"] for row in db["networks"].rows}
    networks = list(sectors)
    first = TODAY - timedelta(days=365 * 8)
    seen = "2026-11-16T08:00:00Z"
    batch, sources = [], []
    for n in range(count):
        network = networks[n % len(networks)]
        day = first + timedelta(days=rng.randrange(365 * 10))
        timed = rng.random() < 0.8
        start = f"{day}T{rng.randrange(8, 20):02d}:00" if timed else str(day)
        end = (f"{day}T{rng.randrange(20, 23):02d}:00" if timed
               else str(day + timedelta(days=rng.randrange(3))))  # fmt: skip
        city = rng.choice(CITIES)
        batch.append(
            dict.fromkeys(catalog.EVENT_COLUMNS)
            | {
                "id": f"e{n}", "network": network, "start": start, "end": end,
                "all_day": not timed, "city": city, "first_seen": seen, "last_seen": seen,
                "title": f"{rng.choice(KINDS)} {' '.join(rng.sample(WORDS, 3))}",
                "url": f"https://{network}.example/veranstaltung/{n}",
                "latitude": 50.9 if city else None, "longitude": 11.5 if city else None,
                "networks": f'["{network}"]', "sector": sectors[network],
            }
        )  # fmt: skip
        sources.append({"source_id": f"e{n}", "event_id": f"e{n}", "network": network,
                        "url": batch[-1]["url"], "first_seen": seen, "last_seen": seen,
                        "last_run": 1, "missing_runs": 0})  # fmt: skip
        if n % 20 == 0:  # co-hosted
            other = networks[(n + 3) % len(networks)]
            sources.append(sources[-1] | {"source_id": f"e{n}-{other}", "network": other})
        if len(batch) == 20_000 or n == count - 1:
            with db.atomic():
                db["events"].insert_all(batch)
                db["event_sources"].insert_all(sources)
            batch, sources = [], []
    with db.atomic():
        search_text.index(db)  # as history.store does for the events it adds
        db.execute("insert into events_fts (events_fts) values ('optimize')")
    db.execute("analyze")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--stream-rows", type=int, default=100_000)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain:
        print(asyncio.run(plain_table_ms(args.db, args.runs)))
        return
    path = args.db or Path(tempfile.mkdtemp()) / "netzwerktimer.db"
    if not path.exists():
        began = time.perf_counter()
        build(path, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - began:.0f} s: {path}")
    began = time.perf_counter()
    datasette = make_datasette(path)

    app = datasette.app()

    async def get(page: str, enough=lambda body: False, app=app) -> tuple[int, float, float, int]:
        """Status, ms to the first byte of the body, ms to its end (or to the part that
        `enough` says is enough) and the bytes read, from Datasette's ASGI app as a server
        would call it."""
        path, _, query = page.partition("?")
        scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": query.encode(),
                 "headers": [(b"host", b"localhost")], "root_path": "",
                 "server": ("localhost", 80), "client": ("127.0.0.1", 1)}  # fmt: skip
        began, status, first, size = time.perf_counter(), [0], [0.0], [0]

        class Enough(BaseException):  # past Datasette's handler of errors
            pass

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message.get("body"):
                first[0] = first[0] or time.perf_counter() - began
                size[0] += len(message["body"])
                if enough(message["body"]):
                    raise Enough

        try:
            await app(scope, receive, send)
        except Enough:
            pass
        return status[0], first[0] * 1000, (time.perf_counter() - began) * 1000, size[0]

    async def measure() -> None:
        await datasette.invoke_startup()
        await get("/woche")
        print(f"{'start to first answer':<48} {time.perf_counter() - began:>8.2f} s   ≤ 1.5 s")
        kept = datasette.get_database("netzwerktimer").execute.__self__  # result_cache
        for page, goal in PAGES:
            times, statuses, cut = [], set(), [False]
            # A page's answer; a feed's first event (its header alone comes at once).
            ready = (lambda body: b"BEGIN:VEVENT" in body) if ".ics" in page else bool

            def answer(body: bytes, ready=ready, cut=cut) -> bool:
                cut[0] = cut[0] or b"facets-timed-out" in body
                return ready(body)

            # the first visit after a publish, then (what it left to the background filled,
            # and that of a second visit, whose facets run only once its rows are in) the
            # median of the next --runs
            _, _, first, _ = await get(page, answer)
            cut_first, cut[0] = cut[0], False
            began_filling = time.perf_counter()
            await kept.settled()
            await get(page, ready)
            await kept.settled()
            filled = time.perf_counter() - began_filling
            for _ in range(args.runs):
                status, _, ms, _ = await get(page, answer)
                times.append(ms)
                statuses.add(status)
            median = statistics.median(times)
            mark = "ok" if median <= goal and statuses == {200} and not cut[0] else "MISSED"
            note = f"first {first:.0f} ms{' (facets cut)' if cut_first else ''}"
            note += f", filled in {filled:.1f} s" if filled > 0.05 else ""
            note += ", facets cut" if cut[0] else ""
            print(f"{page:<48} {median:>8.0f} ms ≤ {goal} ms  {sorted(statuses)} {mark}  ({note})")
        # The table page's anchor: Datasette without this project's plugins and templates,
        # on the same file. Its own process: plugins register for the whole process.
        command = [sys.executable, __file__, "--db", str(path), "--runs", str(args.runs)]
        plain = subprocess.run([*command, "--plain"], capture_output=True, text=True, check=True)
        print(f"{'the same page, plain Datasette':<48} {float(plain.stdout):>8.0f} ms (anchor)")
        plain_dump(path, args.stream_rows)  # once to warm the page cache, as the pages did
        dump = plain_dump(path, args.stream_rows)
        print(f"{'plain sqlite3 + csv dump of events_public':<48} {dump:>8,.0f} rows/s (anchor)")
        for page, marker in STREAMS:
            seen = [0]

            def enough(body: bytes, marker=marker, seen=seen) -> bool:
                seen[0] += body.count(marker)
                return seen[0] >= args.stream_rows

            status, first, total, size = await get(page, enough)
            rate = seen[0] / total * 1000
            mark = "ok" if rate >= dump / 4 and status == 200 else "MISSED"
            print(
                f"{page:<48} {rate:>8,.0f} rows/s ≥ {dump / 4:,.0f} (25%)  {seen[0]:,} rows, "
                f"first byte {first:.0f} ms, peak {peak_mib():.0f} MiB  [{status}] {mark}"
            )

    asyncio.run(measure())


async def plain_table_ms(path: Path, runs: int) -> float:
    """The median ms of the unfaceted table page in Datasette alone, in process."""
    from datasette.app import Datasette

    plain = Datasette([str(path)], settings={"default_page_size": 50})
    page = f"/{plain.get_database().name}/events?_sort=start&_nofacet=1"
    if (await plain.client.get(page)).status_code != 200:
        raise SystemExit(f"plain Datasette could not answer {page}")
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        await plain.client.get(page)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def plain_dump(path: Path, rows: int) -> float:
    """Rows a second of the anchor: sqlite3 and the csv module writing events_public."""
    conn = sqlite3.connect(path)
    writer = csv.writer(io.StringIO())
    began = time.perf_counter()
    cursor = conn.execute("select * from events_public")
    for row in itertools.islice(cursor, rows):
        writer.writerow(row)
    took = time.perf_counter() - began
    conn.close()
    return rows / took


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
