"""Honest history: each real event once, every network page that lists it, every change,
and "missing" (never "cancelled") for upcoming events that stop appearing.

A crawl's copy of an event is a *source* (event_sources), keyed by the spider's stable id.
A new source joins an event another network already listed when it is the same event
(same day, very similar distinctive title, no conflicting time or town); otherwise it starts
a new event. The event's fields are one organizer's view (the first of its networks by slug);
changes to them are recorded.
"""

from __future__ import annotations

import json
import os
import sqlite3
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from . import registry, search_text
from .db import EVENT_COLUMNS
from .identity import normalized_title

# Fields whose changes analysts follow in the changes table.
TRACKED = ("title", "start", "end", "all_day", "url", "description", "location", "city",
           "status", "status_evidence", "attendance", "event_type", "start_open",
           "end_open")  # fmt: skip

# Words that name a kind of event, not an event: two networks' "Netzwerktreffen" on the
# same day are two events.
GENERIC = set(
    """netzwerktreffen netzwerkabend netzwerk stammtisch mitgliederversammlung jahresempfang
    workshop webinar seminar konferenz tagung treffen forum sprechstunde infoveranstaltung
    veranstaltung termin online vor ort live der die das und für fuer mit im in zum zur am an
    von des bei auf ein eine e v ev""".split()
)
SIMILAR = 90  # rapidfuzz token_set_ratio of two titles of the same event


def _title_key(title: str | None) -> str | None:
    """The distinctive words of a title, sorted, as same_event compares them; None when
    there are fewer than two."""
    return _key(title or "", os.environ.get(registry.REGISTRY_ENV))


@lru_cache(maxsize=65536)  # a day's candidates are compared with every copy of that day
def _key(title: str, registry_file: str | None) -> str | None:
    ignored = GENERIC | _name_words(registry_file)
    words = {w for w in normalized_title(title).split() if w not in ignored}
    return " ".join(sorted(words)) if len(words) >= 2 else None


@cache
def _name_words(registry_file: str | None) -> frozenset[str]:
    """The words of the networks' names, read once per registry (not once per title)."""
    names = (network.name for network in registry.networks().values())
    return frozenset(word for name in names for word in normalized_title(name).split())


def same_event(a: dict, b: dict) -> bool:
    """Two networks' listings of one co-hosted event."""
    if not (a["start"] and b["start"]) or a["start"][:10] != b["start"][:10]:
        return False
    if len(a["start"]) > 10 and len(b["start"]) > 10 and a["start"] != b["start"]:
        return False
    if _other_town(a, b):
        return False
    key_a, key_b = _title_key(a["title"]), _title_key(b["title"])
    return bool(key_a and key_b) and fuzz.token_set_ratio(key_a, key_b) >= SIMILAR


def _other_town(a: dict, b: dict) -> bool:
    return bool(a.get("city") and b.get("city") and a["city"].casefold() != b["city"].casefold())


def _match(db: Database, record: dict) -> str | None:
    if not record["start"]:
        return None
    day = record["start"][:10]
    # Blocking by the start index: a timed copy can only be the same event as one at the same
    # minute or one without a time that day (same_event), two lookups whatever the size of
    # the catalog; an all-day copy reads the day's starts, all-day and timed, as a range.
    timed = len(record["start"]) > 10
    starts = "start in (?, ?)" if timed else "start >= ? and start < ?"
    candidates = _dicts(
        db,
        f"select id, start, title, city from events e where {starts} "
        "and network != ? and not exists "
        "(select 1 from event_sources s where s.event_id = e.id and s.network = ?)",
        [day, record["start"] if timed else day + "U", record["network"], record["network"]],
    )
    # same_event for every candidate at once: the days and minutes agree already.
    key = _title_key(record["title"])
    choices = {c["id"]: k for c in candidates if not _other_town(c, record)
               and (k := _title_key(c["title"]))}  # fmt: skip
    best = key and process.extractOne(
        key, choices, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR
    )
    return best[2] if best else None


def _same(old: object, new: object) -> bool:
    as_int = {True: 1, False: 0}
    return as_int.get(old, old) == as_int.get(new, new)  # type: ignore[call-overload]


def _change(db: Database, event_id: str, run: int, field: str, old, new, when: str) -> None:
    _insert(db, "changes", {"event_id": event_id, "run": run, "field": field,
                            "old": None if old is None else str(old),
                            "new": None if new is None else str(new), "changed": when})  # fmt: skip


def _networks(db: Database, event_id: str) -> list[str]:
    """The event's networks by slug: the relation event_networks, as events.networks keeps it."""
    rows = db.execute(
        "select distinct network from event_sources where event_id = ? order by network",
        [event_id],
    ).fetchall()
    return [row[0] for row in rows]


UNSTORABLE = (sqlite3.Error, UnicodeError, ValueError, OverflowError)


def store(db: Database, records: list[dict], run: int) -> list[tuple[dict, str]]:
    """Write one batch of a run's event records, in one transaction. A record that cannot
    be written is left out and returned with the reason, so that one bad value does not
    lose the batch.

    The batch is written whole first. Only when a record fails is it written again, each
    record in a savepoint of its own: FTS5 writes its pending index to disk at every
    savepoint, so a savepoint per record wrote a segment of the search index per event
    (first run of 10,000 events in benchmarks/bench_store.py: 1,444 rows/s before, 2,371
    after)."""
    # A new event's row takes its sector with it, and the batch's new events join the
    # search index in one statement at its end: triggers for both cost half the time of an
    # insert (db.py, m011).
    sectors = dict(db.execute("select slug, sector from networks").fetchall())
    try:
        with db.atomic():
            added = [_store(db, record, run, sectors) for record in records]
            search_text.index(db, [rowid for rowid in added if rowid])
        return []
    except UNSTORABLE:
        pass  # rolled back: again, record by record
    failed = []
    with db.atomic():
        for record in records:
            try:
                with db.atomic():
                    rowid = _store(db, record, run, sectors)
                    search_text.index(db, [rowid] if rowid else [])
            except UNSTORABLE as error:
                failed.append((record, f"could not be stored: {error}"))
    return failed


def _store(db: Database, record: dict, run: int, sectors: dict[str, str | None]) -> int | None:
    """Store one record; the rowid of the event it added, if it added one."""
    seen = record["last_seen"]
    source = db.execute(
        "select event_id from event_sources where source_id = ?", [record["id"]]
    ).fetchone()
    matched = None if source else _match(db, record)
    event_id = source[0] if source else (matched or record["id"])
    db.execute(
        "insert into event_sources (source_id, event_id, network, url, first_seen, last_seen, "
        "last_run, missing_runs) values (?, ?, ?, ?, ?, ?, ?, 0) on conflict (source_id) do "
        "update set event_id = excluded.event_id, network = excluded.network, "
        "url = excluded.url, last_seen = excluded.last_seen, last_run = excluded.last_run, "
        "missing_runs = 0",
        [record["id"], event_id, record["network"], record["url"], seen, seen, run],
    )
    # A new source that matched no event starts one: every event's id is that of a source.
    rows = _dicts(db, "select * from events where id = ?", [event_id]) if source or matched else []
    if not rows:
        row = {c: record.get(c) for c in EVENT_COLUMNS}
        return _insert(db, "events", row | {
            "id": event_id, "networks": json.dumps([record["network"]]),
            "sector": sectors.get(record["network"]), "first_seen": seen, "last_changed": seen,
        })  # fmt: skip
    event = rows[0]
    networks = _networks(db, event_id)
    update = {"last_seen": max(event["last_seen"] or "", seen), "networks": json.dumps(networks)}
    # The organizer whose view the event shows: the first of its networks by slug, so the
    # result does not depend on which spider of a crawl happened to finish first.
    primary = record["network"] == networks[0]
    if primary:
        wanted = {field: record.get(field) for field in TRACKED}
        wanted |= {
            key: record.get(key) for key in ("network", "source_url", "latitude", "longitude")
        }
    elif event["status"] == "missing":
        wanted = {"status": None, "status_evidence": None}  # listed again, by a co-host
    else:
        wanted = {}
    if record.get("start_open") and event["start"] and (record["start"] or "") > event["start"]:
        wanted.pop("start", None)  # still running: its start is the first day it was seen
    changed = {
        f: v for f, v in wanted.items() if not _same(event[f], v) and not _worse(event[f], v)
    }
    # A co-host's view replacing another on the day the event was found is no change to it,
    # and the event takes that organizer's id: the same id whatever order spiders finish in.
    settling = (
        primary and event["network"] != record["network"] and event["first_seen"][:10] == seen[:10]
    )
    if settling and event_id != record["id"]:
        for table, column in (("events", "id"), ("event_sources", "event_id"),
                              ("changes", "event_id")):  # fmt: skip
            db.execute(f"update {table} set {column} = ? where {column} = ?",
                       [record["id"], event_id])  # fmt: skip
        event_id = record["id"]
    tracked = [field for field in changed if field in TRACKED and not settling]
    for field in tracked:
        _change(db, event_id, run, field, event[field], changed[field], seen)
    if tracked:
        update["last_changed"] = seen
    _update(db, "events", event_id, update | changed)


# The write path runs per event: plain statements, without sqlite-utils' per-call look at the
# table's schema (that was half the time of a run).


def _dicts(db: Database, sql: str, params: list) -> list[dict]:
    # execute_returning_dicts wraps each read in a savepoint of its own.
    cursor = db.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def _insert(db: Database, table: str, row: dict) -> int:
    """Insert `row`; its rowid."""
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" for _ in row)
    return db.execute(
        f"insert into {table} ({columns}) values ({marks})", list(row.values())
    ).lastrowid


def _update(db: Database, table: str, key: str, row: dict) -> None:
    assignments = ", ".join(f'"{column}" = ?' for column in row)
    db.execute(f"update {table} set {assignments} where id = ?", [*row.values(), key])


def _worse(old: object, new: object) -> bool:
    """New text with replacement characters (a page read in the wrong charset) never
    overwrites text without them."""
    return isinstance(new, str) and "\ufffd" in new and isinstance(old, str) and "\ufffd" not in old


def mark_missing(
    db: Database, network: str, run: int, today: str, after: int, when: str
) -> list[str]:
    """After a healthy run: count the run's absences of upcoming events of `network`; an event
    all of whose sources were absent from `after` consecutive healthy runs becomes missing.
    Returns the ids of the events newly marked missing."""
    with db.atomic():
        db.execute(
            "update event_sources set missing_runs = missing_runs + 1 "
            "where network = ? and last_run is not ? and event_id in (select id from events "
            "where end_date >= ?)",
            [network, run, today],
        )
        gone = [
            row[0]
            for row in db.execute(
                # A cancelled event that leaves the page is still cancelled, not missing.
                "select e.id from events e where coalesce(e.status, '') not in "
                "('missing', 'cancelled') "
                "and e.end_date >= ? "
                "and exists (select 1 from event_sources s where s.event_id = e.id "
                "and s.network = ?) and not exists (select 1 from event_sources s "
                "where s.event_id = e.id and s.missing_runs < ?)",
                [today, network, after],
            )
        ]
        for event_id in gone:
            old = db["events"].get(event_id)
            evidence = f"absent from {after} consecutive healthy runs"
            _change(db, event_id, run, "status", old["status"], "missing", when)
            db["events"].update(event_id, {"status": "missing", "status_evidence": evidence,
                                           "last_changed": when})  # fmt: skip
    return gone
