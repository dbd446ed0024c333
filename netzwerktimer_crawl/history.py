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
from functools import cache

from rapidfuzz import fuzz
from sqlite_utils import Database

from . import registry
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


def _distinctive(title: str) -> set[str]:
    ignored = GENERIC | _name_words(os.environ.get(registry.REGISTRY_ENV))
    return {w for w in normalized_title(title).split() if w not in ignored}


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
    if a.get("city") and b.get("city") and a["city"].casefold() != b["city"].casefold():
        return False
    words_a, words_b = _distinctive(a["title"] or ""), _distinctive(b["title"] or "")
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    score = fuzz.token_set_ratio(" ".join(sorted(words_a)), " ".join(sorted(words_b)))
    return score >= SIMILAR


def _match(db: Database, record: dict) -> str | None:
    if not record["start"]:
        return None
    day, timed = record["start"][:10], len(record["start"]) > 10
    candidates = db.execute_returning_dicts(
        # The day's starts, all-day ("2026-12-02") and timed ("2026-12-02T14:00"), as a range
        # of the start index: substr(start, 1, 10) = ? read every event.
        "select id, start, title, city from events e where start >= ? and start < ? "
        # as same_event: two timed copies of one event start at the same minute
        "and (length(start) = 10 or not ? or start = ?) "
        "and network != ? and not exists "
        "(select 1 from event_sources s where s.event_id = e.id and s.network = ?)",
        [day, day + "U", timed, record["start"], record["network"], record["network"]],
    )
    return next((c["id"] for c in candidates if same_event(c, record)), None)


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
    try:
        with db.atomic():
            for record in records:
                _store(db, record, run)
        return []
    except UNSTORABLE:
        pass  # rolled back: again, record by record
    failed = []
    with db.atomic():
        for record in records:
            try:
                with db.atomic():
                    _store(db, record, run)
            except UNSTORABLE as error:
                failed.append((record, f"could not be stored: {error}"))
    return failed


def _store(db: Database, record: dict, run: int) -> None:
    seen = record["last_seen"]
    source = db.execute(
        "select event_id from event_sources where source_id = ?", [record["id"]]
    ).fetchone()
    event_id = source[0] if source else (_match(db, record) or record["id"])
    db.execute(
        "insert into event_sources (source_id, event_id, network, url, first_seen, last_seen, "
        "last_run, missing_runs) values (?, ?, ?, ?, ?, ?, ?, 0) on conflict (source_id) do "
        "update set event_id = excluded.event_id, network = excluded.network, "
        "url = excluded.url, last_seen = excluded.last_seen, last_run = excluded.last_run, "
        "missing_runs = 0",
        [record["id"], event_id, record["network"], record["url"], seen, seen, run],
    )
    rows = list(db.execute_returning_dicts("select * from events where id = ?", [event_id]))
    if not rows:
        row = {c: record.get(c) for c in EVENT_COLUMNS}
        _insert(db, "events", row | {"id": event_id, "networks": json.dumps([record["network"]]),
                                     "first_seen": seen, "last_changed": seen})  # fmt: skip
        return
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


def _insert(db: Database, table: str, row: dict) -> None:
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"insert into {table} ({columns}) values ({marks})", list(row.values()))


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
