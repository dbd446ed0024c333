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


def _match(record: dict, candidates: list[dict], key: str | None) -> str | None:
    """The id of the event of `candidates`, those listed on the record's day, that `record`
    (its title key `key`) is another network's copy of (same_event), if any."""
    if not key:
        return None
    timed = len(record["start"]) > 10
    # A timed copy can only be the same event as one at the same minute or one without a
    # time that day; one network's two listings are two events.
    choices = {
        c["id"]: c["key"] for c in candidates
        if c["key"] and c["network"] != record["network"]
        and record["network"] not in c["sources"]
        and (not timed or c["start"] in (record["start"][:10], record["start"]))
        and not _other_town(c, record)
    }  # fmt: skip
    # same_event for every candidate at once: the days and minutes agree already.
    best = process.extractOne(key, choices, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR)
    return best[2] if best else None


def _candidates(db: Database, records: list[dict]) -> dict[str, list[dict]]:
    """The catalog's events that `records` may be copies of, by day, with the networks of
    their sources and their title keys: two lookups in the start index for a batch,
    whatever the catalog's size. A timed record's are those at its minute or without a time
    that day, an all-day record's the whole day."""
    timed = {r["start"] for r in records if len(r["start"]) > 10}
    exact = sorted(timed | {start[:10] for start in timed})
    days = sorted({r["start"] for r in records if len(r["start"]) == 10})
    rows = _dicts(
        db,
        "select id, start, title, city, network, (select group_concat(s.network, ' ') from "
        "event_sources s where s.event_id = e.id) as sources from events e where e.rowid in "
        "(select e.rowid from events e, json_each(?) j where e.start = j.value union "
        "select e.rowid from events e, json_each(?) j where e.start >= j.value "
        "and e.start < j.value || 'U')",
        [json.dumps(exact), json.dumps(days)],
    )
    found: dict[str, list[dict]] = {}
    names = os.environ.get(registry.REGISTRY_ENV)  # _title_key's, read once
    for row in rows:
        row |= {"sources": (row["sources"] or "").split(), "key": _key(row["title"] or "", names)}
        found.setdefault(row["start"][:10], []).append(row)
    return found


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
    sectors = dict(db.execute("select slug, sector from networks").fetchall())
    try:
        with db.atomic():
            _Batch(db, run, sectors, records).store()
        return []
    except UNSTORABLE:
        pass  # rolled back: again, record by record
    failed = []
    with db.atomic():
        for record in records:
            try:
                with db.atomic():
                    _Batch(db, run, sectors, [record]).store()
            except UNSTORABLE as error:
                failed.append((record, f"could not be stored: {error}"))
    return failed


NEW_SOURCE = (
    "insert into event_sources (source_id, event_id, network, url, first_seen, last_seen, "
    "last_run, missing_runs) values (?, ?, ?, ?, ?, ?, ?, 0)"
)


class _Batch:
    """A batch's writes. Its new events, those that match no event, wait and are written
    together, with their sources, their sectors and their search index entries, in a few
    statements (write()); every other record is written at once, after them, since it reads
    and changes events. The events new records may be copies of are read for the batch at
    once (_candidates), and again after such a write. A first run is mostly new events: four
    statements an event before, none now. (Triggers that wrote the sector and the search
    index cost half an insert's time: db.py, m011.)"""

    def __init__(self, db: Database, run: int, sectors: dict[str, str | None],
                 records: list[dict]) -> None:  # fmt: skip
        self.db, self.run, self.sectors, self.records = db, run, sectors, records
        self.known = {row[0] for row in db.execute(
            "select source_id from event_sources where source_id in "
            "(select value from json_each(?))", [json.dumps([r["id"] for r in records])]
        )}  # fmt: skip
        self.candidates: dict[str, list[dict]] | None = None  # by day; None: to be read
        self.events: list[dict] = []
        self.sources: list[list] = []

    def store(self) -> None:
        names = os.environ.get(registry.REGISTRY_ENV)  # _title_key's, read once
        for position, record in enumerate(self.records):
            matched = None
            new = record["id"] not in self.known
            key = _key(record["title"] or "", names) if new else None
            if new and record["start"]:
                if self.candidates is None:
                    later = [r for r in self.records[position:]
                             if r["start"] and r["id"] not in self.known]  # fmt: skip
                    self.candidates = _candidates(self.db, later)
                matched = _match(record, self.candidates.get(record["start"][:10], []), key)
            if new and not matched:
                self._wait(record, key)
                continue
            self.write()
            _store(self.db, record, self.run, matched, self.sectors)
            self.known.add(record["id"])
            self.candidates = None  # that write may have changed any of them
        self.write()

    def _wait(self, record: dict, key: str | None) -> None:
        seen = record["last_seen"]
        event = _new_event(record, self.sectors, record["id"])
        self.events.append(event)
        self.sources.append([record["id"], record["id"], record["network"], record["url"],
                             seen, seen, self.run])  # fmt: skip
        if record["start"] and self.candidates is not None:
            day = self.candidates.setdefault(record["start"][:10], [])
            day.append(event | {"sources": [record["network"]], "key": key})
        self.known.add(record["id"])  # the batch's later copy of it updates it

    def write(self) -> None:
        """Write the waiting events."""
        if not self.events:
            return
        columns = list(self.events[0])
        self.db.conn.executemany(
            f"insert into events ({', '.join(f'[{c}]' for c in columns)}) "
            f"values ({', '.join('?' for _ in columns)})",
            [list(event.values()) for event in self.events],
        )
        self.db.conn.executemany(NEW_SOURCE, self.sources)
        ids = json.dumps([event["id"] for event in self.events])
        rowids = self.db.execute(
            "select rowid from events where id in (select value from json_each(?))", [ids]
        )
        search_text.index(self.db, [row[0] for row in rowids])
        self.events, self.sources = [], []


@lru_cache(maxsize=256)
def _only(network: str) -> str:
    """events.networks of an event of one network, encoded once per network."""
    return json.dumps([network])


def _new_event(record: dict, sectors: dict[str, str | None], event_id: str) -> dict:
    seen = record["last_seen"]
    return {c: record.get(c) for c in EVENT_COLUMNS} | {
        "id": event_id, "networks": _only(record["network"]),
        "sector": sectors.get(record["network"]), "first_seen": seen, "last_changed": seen,
    }  # fmt: skip


def _store(
    db: Database, record: dict, run: int, matched: str | None, sectors: dict[str, str | None]
) -> None:
    """Store a record of a known source, or of a new source that `matched` an event."""
    seen = record["last_seen"]
    source = db.execute(
        "select event_id from event_sources where source_id = ?", [record["id"]]
    ).fetchone()
    event_id = source[0] if source else matched
    db.execute(
        "insert into event_sources (source_id, event_id, network, url, first_seen, last_seen, "
        "last_run, missing_runs) values (?, ?, ?, ?, ?, ?, ?, 0) on conflict (source_id) do "
        "update set event_id = excluded.event_id, network = excluded.network, "
        "url = excluded.url, last_seen = excluded.last_seen, last_run = excluded.last_run, "
        "missing_runs = 0",
        [record["id"], event_id, record["network"], record["url"], seen, seen, run],
    )
    rows = _dicts(db, "select * from events where id = ?", [event_id])
    if not rows:  # a source whose event is gone: it starts the event again
        rowid = _insert(db, "events", _new_event(record, sectors, event_id))
        search_text.index(db, [rowid])
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
