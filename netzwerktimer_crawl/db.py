"""The catalog database: schema migrations and the writes the pipelines make.

Written with sqlite-utils. Schema changes are migrations, so an existing catalog upgrades
in place; writes are batched, one transaction per batch, in WAL mode.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlite_utils import Database, Migrations

from . import registry

EVENT_COLUMNS = (
    "id",
    "network",
    "title",
    "start",
    "end",
    "all_day",
    "url",
    "description",
    "location",
    "city",
    "status",
    "attendance",
    "source_url",
    "first_seen",
    "last_seen",
)

migrations = Migrations("netzwerktimer")


@migrations()
def m001_initial(db: Database) -> None:
    db["networks"].create(
        {
            "slug": str,
            "name": str,
            "full_name": str,
            "sector": str,
            "city": str,
            "website": str,
            "events_url": str,
            "cms": str,
            "enabled": bool,
            "reason": str,
        },
        pk="slug",
    )
    db["events"].create(
        {column: str for column in EVENT_COLUMNS} | {"all_day": bool},
        pk="id",
        foreign_keys=[("network", "networks", "slug")],
    )
    db["events"].create_index(["start"])
    db["events"].create_index(["network", "start"])
    db["crawl_runs"].create(
        {
            "id": int,
            "spider": str,
            "started": str,
            "finished": str,
            "finish_reason": str,
            "items_stored": int,
            "items_rejected": int,
            "errors": int,
            "requests": int,
            "http_errors": int,
            "warnings": str,
        },
        pk="id",
    )
    db["crawl_runs"].create_index(["spider", "started"])
    db["rejected_items"].create(
        {"id": int, "run": int, "spider": str, "source_url": str, "reason": str, "item": str},
        pk="id",
        foreign_keys=[("run", "crawl_runs", "id")],
    )
    db.create_view(
        "events_public",
        """
        select e.start, e."end", e.all_day, e.title, n.name as network_name, e.network,
               e.url, e.location, e.city, e.status, e.attendance, e.description,
               e.first_seen, e.last_seen, e.id
        from events e join networks n on n.slug = e.network
        order by e.start
        """,
    )


@migrations()
def m002_catalog_info(db: Database) -> None:
    # Facts about the catalog itself. "today" is set only by the demo (to the snapshots'
    # capture date), so a demo catalog shows a populated week on any day.
    db["catalog_info"].create({"key": str, "value": str}, pk="key")


def set_today(db: Database, today: date | None) -> None:
    """Pin the catalog's "today" (demo), or unpin it so the real date applies (live)."""
    with db.atomic():
        if today is None:
            db.execute("delete from catalog_info where key = 'today'")
        else:
            db["catalog_info"].upsert({"key": "today", "value": today.isoformat()}, pk="key")


def open_db(path: str | Path) -> Database:
    """The catalog at `path`, created or upgraded to the current schema."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.enable_wal()
    migrations.apply(db)
    with db.atomic():
        db["networks"].upsert_all([n.row() for n in registry.networks().values()], pk="slug")
    return db


def upsert_events(db: Database, records: list[dict]) -> None:
    """Insert or update complete event records in one transaction.

    first_seen of an event already in the catalog is kept; everything else is the
    newest crawl's view of the event.
    """
    if not records:
        return
    ids = [r["id"] for r in records]
    marks = ",".join("?" * len(ids))
    known = dict(db.execute(f"select id, first_seen from events where id in ({marks})", ids))
    rows = [
        {column: r.get(column) for column in EVENT_COLUMNS}
        | {"first_seen": known.get(r["id"]) or r["first_seen"]}
        for r in records
    ]
    with db.atomic():
        db["events"].upsert_all(rows, pk="id")


def start_run(db: Database, spider: str, started: str) -> int:
    with db.atomic():
        return db["crawl_runs"].insert({"spider": spider, "started": started}).last_pk


def finish_run(db: Database, run: int, summary: dict) -> None:
    with db.atomic():
        db["crawl_runs"].update(run, summary)


def reject(
    db: Database, run: int, spider: str, source_url: str | None, reason: str, item: dict
) -> None:
    with db.atomic():
        db["rejected_items"].insert(
            {
                "run": run,
                "spider": spider,
                "source_url": source_url,
                "reason": reason,
                "item": json.dumps(item, ensure_ascii=False, default=str),
            }
        )


def count(db: Database, table: str, where: str | None = None, params: Iterable = ()) -> int:
    return db[table].count_where(where, list(params)) if where else db[table].count
