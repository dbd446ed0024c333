"""The catalog database: schema migrations and the writes the pipelines make.

Written with sqlite-utils. Schema changes are migrations, so an existing catalog upgrades
in place; writes are batched, one transaction per batch, in WAL mode.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from . import registry, search_text
from .berlin import BERLIN
from .text import text_only

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
    "status_evidence",
    "event_type",
    "latitude",
    "longitude",
    "start_open",
    "end_open",
)

migrations = Migrations("netzwerktimer")
CACHE_KIB = 64 * 1024  # a writer's page cache; SQLite allocates it only as pages are read


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
    columns = """id network title start end all_day url description location city status
                 attendance source_url first_seen last_seen"""
    db["events"].create(
        # Frozen, as every migration: later columns come in later migrations.
        {column: str for column in columns.split()} | {"all_day": bool},
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


# --- catalog (search, facets) ---


@migrations()
def m003_catalog_facets(db: Database) -> None:
    # Dates to facet and filter on, derived from the wall-clock start/end, so a facet never
    # goes through SQLite's date(), which shifts values with an offset to UTC. Generated
    # columns stay out of the store's writes; sector follows the network by trigger.
    for column, expression in (
        ("start_date", "substr(start, 1, 10)"),
        ("end_date", 'coalesce(substr("end", 1, 10), substr(start, 1, 10))'),
        ("month", "substr(start, 1, 7)"),
    ):
        db.execute(
            f"alter table events add column {column} text generated always as ({expression})"
        )
    db["events"].add_column("sector", str)
    db.execute(
        "update events set sector = (select sector from networks where slug = events.network)"
    )
    # One statement per execute: executescript would commit the migration's transaction.
    set_sector = (
        "update events set sector = (select sector from networks where slug = new.network) "
        "where rowid = new.rowid;"
    )
    db.execute(f"create trigger events_sector_insert after insert on events begin {set_sector} end")
    db.execute(
        "create trigger events_sector_update after update of network on events "
        f"begin {set_sector} end"
    )
    db.execute(
        "create trigger networks_sector_update after update of sector on networks "
        "when old.sector is not new.sector begin "
        "update events set sector = new.sector where network = new.slug; end"
    )
    db.execute("create index idx_events_end_date on events (end_date)")
    db.execute("drop view events_public")
    db.create_view(
        "events_public",
        """
        select e.start, e."end", e.all_day, e.title, n.name as network_name, e.network,
               n.sector, e.url, e.location, e.city, e.status, e.attendance, e.description,
               e.first_seen, e.last_seen, e.id
        from events e join networks n on n.slug = e.network
        order by e.start
        """,
    )


@migrations()
def m004_catalog_search(db: Database) -> None:
    # German full-text search. unicode61 with remove_diacritics folds "Köln" to "koln"; the
    # column `spelled` adds the text with umlauts spelled out ("Gründer" as "Gruender"),
    # so both spellings find it. Prefix matching is on the query side (data/plugins).
    network = (
        "coalesce((select e.network || ' ' || coalesce(n.name, '') || ' ' || "
        "coalesce(n.full_name, '') from networks n where n.slug = e.network), e.network)"
    )
    fields = ["e.title", "e.description", "e.location", "e.city", network]
    text = " || ' ' || ".join(f"coalesce({field}, '')" for field in fields)
    spelled = text
    spellings = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
    for letter, spelling in spellings.items():
        spelled = f"replace({spelled}, '{letter}', '{spelling}')"
    columns = "title, description, location, city, network, spelled"
    insert = (
        f"insert into events_fts (rowid, {columns}) "
        f"select e.rowid, {', '.join(fields)}, nullif({spelled}, {text}) from events e"
    )
    db.execute(
        f"create virtual table events_fts using fts5({columns}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute(insert)
    for trigger in (
        f"events_fts_insert after insert on events begin {insert} where e.rowid = new.rowid; end",
        "events_fts_update after update of title, description, location, city, network "
        "on events begin delete from events_fts where rowid = old.rowid; "
        f"{insert} where e.rowid = new.rowid; end",
        "events_fts_delete after delete on events begin "
        "delete from events_fts where rowid = old.rowid; end",
        "networks_fts_update after update of name, full_name on networks "
        "when old.name is not new.name or old.full_name is not new.full_name begin "
        "delete from events_fts where rowid in "
        "(select rowid from events where network = new.slug); "
        f"{insert} where e.network = new.slug; end",
    ):
        db.execute(f"create trigger {trigger}")


# --- history and run health ---


@migrations()
def m005_history(db: Database) -> None:
    # One catalog event per real event; every network page that lists it is a source.
    for column, kind in (
        ("networks", str), ("last_changed", str), ("status_evidence", str),
        ("event_type", str), ("latitude", float), ("longitude", float),
    ):  # fmt: skip
        db["events"].add_column(column, kind)
    db.execute("update events set networks = network, last_changed = first_seen")
    db["event_sources"].create(
        {
            "source_id": str, "event_id": str, "network": str, "url": str,
            "first_seen": str, "last_seen": str, "last_run": int, "missing_runs": int,
        },
        pk="source_id",
        foreign_keys=[("event_id", "events", "id"), ("network", "networks", "slug")],
    )  # fmt: skip
    db["event_sources"].create_index(["event_id"])
    db["event_sources"].create_index(["network", "last_run"])
    db.execute(
        "insert into event_sources select id, id, network, url, first_seen, last_seen, null, 0 "
        "from events"
    )
    db["changes"].create(
        {"id": int, "event_id": str, "run": int, "field": str, "old": str, "new": str,
         "changed": str},
        pk="id",
        foreign_keys=[("event_id", "events", "id"), ("run", "crawl_runs", "id")],
    )  # fmt: skip
    db["changes"].create_index(["event_id"])
    db["changes"].create_index(["run"])
    db.execute("drop view events_public")
    db.create_view(
        "events_public",
        """
        select e.start, e."end", e.all_day, e.title, n.name as network_name, e.network,
               e.networks, n.sector, e.event_type, e.url, e.location, e.city, e.status,
               e.attendance, e.description, e.first_seen, e.last_seen, e.last_changed, e.id
        from events e join networks n on n.slug = e.network
        order by e.start
        """,
    )
    for column, kind in (
        ("fetched", str), ("bytes", int), ("not_modified", int), ("coverage_url", float),
        ("coverage_location", float), ("coverage_end", float), ("healthy", bool),
        ("flags", str),
    ):  # fmt: skip
        db["crawl_runs"].add_column(column, kind)
    db.create_view(
        "spider_health",
        """
        select spider, started, items_stored, items_rejected, errors, coverage_url,
               coverage_location, coverage_end, healthy, flags
        from crawl_runs where id in (select max(id) from crawl_runs where finished is not null
                                     group by spider)
        order by healthy, spider
        """,
    )


@migrations()
def m006_open_spans(db: Database) -> None:
    # "noch bis 25. Oktober": running, its first day not stated (start is the first day it
    # was seen running); "ab Mai 2020": no end stated. See dates.When.
    db["events"].add_column("start_open", bool)
    db["events"].add_column("end_open", bool)


@migrations()
def m007_event_networks(db: Database) -> None:
    # One relation says which networks run an event: every network whose page lists it
    # (event_sources). Every per-network filter, feed and query reads this view;
    # events.networks is its JSON array, for Datasette's array facet and filters.
    db.execute("create index idx_event_sources_network_event on event_sources (network, event_id)")
    db.create_view(
        "event_networks",
        """
        select distinct s.event_id, s.network, n.name as network_name, n.sector
        from event_sources s join networks n on n.slug = s.network
        """,
    )
    db.execute(
        "update events set networks = (select json_group_array(network) from "
        "(select distinct network from event_sources where event_id = events.id "
        "order by network))"
    )
    # The download keeps its readable "ccit, optonet, theen"; sector is every network's.
    db.execute("drop view events_public")
    db.create_view(
        "events_public",
        """
        select e.start, e."end", e.all_day, e.title, n.name as network_name, e.network,
               (select group_concat(network, ', ') from (select network from event_networks
                  where event_id = e.id order by network)) as networks,
               (select group_concat(sector, ', ') from (select distinct sector
                  from event_networks where event_id = e.id order by sector)) as sector,
               e.event_type, e.url, e.location, e.city, e.status, e.attendance, e.description,
               e.first_seen, e.last_seen, e.last_changed, e.id
        from events e join networks n on n.slug = e.network
        order by e.start
        """,
    )


@migrations()
def m008_search_word_parts(db: Database) -> None:
    # Word parts anywhere: "versammlung" finds "Mitgliederversammlung". The index becomes
    # FTS5's trigram tokenizer (case-insensitive substrings of 3+ characters) over the text
    # with every word between "~" (`marked`), so that a term of one or two characters ("KI")
    # can match a word's beginning ("~KI" in "~KI~ ~Sprechstunde~"). SQLite 3.40 has no
    # remove_diacritics for trigrams: `variants` holds the text again with umlauts folded
    # ("Koln") and spelled out ("Gruender"), where it has any. Queries: german_search.py.
    for trigger in ("insert", "update", "delete"):
        db.execute(f"drop trigger events_fts_{trigger}")
    db.execute("drop trigger networks_fts_update")
    db.execute("drop table events_fts")
    network = (
        "coalesce((select e.network || ' ' || coalesce(n.name, '') || ' ' || "
        "coalesce(n.full_name, '') from networks n where n.slug = e.network), e.network)"
    )
    fields = ["e.title", "e.description", "e.location", "e.city", network]
    text = " || ' | ' || ".join(f"coalesce({field}, '')" for field in fields)
    # The characters that end a word before a short term ("(KI)", "KI-Tag", „KI“); every
    # nested replace() costs SQLite's parser stack, so only these. german_search.BOUNDARY
    # splits queries at the same ones.
    marked = text
    for mark in ("-", "/", "(", '"', "„", "\n"):
        marked = f"replace({marked}, {_sql_text(mark)}, ' ')"
    marked = f"'~' || replace({marked}, ' ', '~ ~') || '~'"
    folded, spelled = marked, marked
    for letter, fold, spelling in (
        ("ä", "a", "ae"), ("ö", "o", "oe"), ("ü", "u", "ue"), ("Ä", "A", "Ae"),
        ("Ö", "O", "Oe"), ("Ü", "U", "Ue"), ("ß", "ss", "ss"),
    ):  # fmt: skip
        folded = f"replace({folded}, '{letter}', '{fold}')"
        spelled = f"replace({spelled}, '{letter}', '{spelling}')"
    variants = f"nullif({folded} || ' ' || {spelled}, {marked} || ' ' || {marked})"
    insert = (
        "insert into events_fts (rowid, marked, variants) "
        f"select e.rowid, {marked}, {variants} from events e"
    )
    db.execute("create virtual table events_fts using fts5(marked, variants, tokenize = 'trigram')")
    db.execute(insert)
    for trigger in (
        f"events_fts_insert after insert on events begin {insert} where e.rowid = new.rowid; end",
        "events_fts_update after update of title, description, location, city, network "
        "on events begin delete from events_fts where rowid = old.rowid; "
        f"{insert} where e.rowid = new.rowid; end",
        "events_fts_delete after delete on events begin "
        "delete from events_fts where rowid = old.rowid; end",
        "networks_fts_update after update of name, full_name on networks "
        "when old.name is not new.name or old.full_name is not new.full_name begin "
        "delete from events_fts where rowid in "
        "(select rowid from events where network = new.slug); "
        f"{insert} where e.network = new.slug; end",
    ):
        db.execute(f"create trigger {trigger}")


@migrations()
def m009_week_index(db: Database) -> None:
    # A week's events without reading every later one: those that start in the 31 days
    # before it or in it (start_date, end_date) and, apart, the few that run longer than 31
    # days (a partial index). See data/plugins/week.py. Measured: benchmarks/bench_catalog.py.
    db.execute("create index idx_events_start_date_end_date on events (start_date, end_date)")
    # week.py's LONG says the same, word for word, or SQLite does not use the index.
    db.execute(
        "create index idx_events_long on events (end_date, start_date) "
        "where julianday(end_date) - julianday(start_date) > 31"
    )
    # event_networks without DISTINCT, which made SQLite build the whole view for every
    # query: one row per event and network is the source with the lowest rowid, found in the
    # (network, event_id) index, so a query's conditions reach event_sources' indexes.
    db.execute("drop view event_networks")
    db.create_view(
        "event_networks",
        """
        select s.event_id, s.network, n.name as network_name, n.sector
        from event_sources s join networks n on n.slug = s.network
        where s.rowid = (select min(rowid) from event_sources
                         where network = s.network and event_id = s.event_id)
        """,
    )


@migrations()
def m010_upcoming(db: Database) -> None:
    # The events that have not ended, in start order, without reading the past: those that
    # start at most 31 days before today (idx_events_start), and apart the few that run
    # longer (idx_events_long). SQLite merges the two arms in order when a query orders by a
    # column it selects, so a feed's first rows come without sorting every upcoming event.
    db.create_view(
        "upcoming_events",
        """
        select e.* from events e
        where e.end_date >= heute() and e.start >= date(heute(), '-31 days')
        union all
        select e.* from events e indexed by idx_events_long
        where julianday(e.end_date) - julianday(e.start_date) > 31
          and e.end_date >= heute() and e.start < date(heute(), '-31 days')
        """,
    )
    # neu.atom: the newest first-found upcoming events without sorting all of them.
    db.execute("create index idx_events_first_seen_start on events (first_seen, start)")


@migrations()
def m011_store_speed(db: Database) -> None:
    # Storing a new event took half of its time in two insert triggers: any trigger made the
    # insert keep a statement journal, and FTS5 writes its pending index to disk at every
    # statement savepoint, so the search index grew by a segment per event. history.store
    # now writes the sector itself and indexes a batch's new events in one statement
    # (search_text.index). The triggers that follow updates stay, calling search_text's
    # functions instead of m008's expression, which SQLite evaluated five times over.
    # `variants` now holds the event's own text only (search_text.py). bench_store.py.
    for trigger in ("events_fts_insert", "events_fts_update", "networks_fts_update",
                    "events_sector_insert"):  # fmt: skip
        db.execute(f"drop trigger {trigger}")
    # search_text.values(), spelled out: a migration's text does not change.
    values = (
        "search_marked({e}.title, {e}.description, {e}.location, {e}.city, "
        "coalesce((select n.slug || ' ' || coalesce(n.name, '') || ' ' || "
        "coalesce(n.full_name, '') from networks n where n.slug = {e}.network), {e}.network)), "
        "search_variants({e}.title, {e}.description, {e}.location, {e}.city)"
    )
    insert = "insert into events_fts (rowid, marked, variants)"
    for trigger in (
        "events_fts_update after update of title, description, location, city, network "
        "on events begin delete from events_fts where rowid = old.rowid; "
        f"{insert} values (new.rowid, {values.format(e='new')}); end",
        "networks_fts_update after update of name, full_name on networks "
        "when old.name is not new.name or old.full_name is not new.full_name begin "
        "delete from events_fts where rowid in "
        "(select rowid from events where network = new.slug); "
        f"{insert} select e.rowid, {values.format(e='e')} from events e "
        "where e.network = new.slug; end",
    ):
        db.execute(f"create trigger {trigger}")
    db.execute("delete from events_fts")
    db.execute(f"{insert} select e.rowid, {values.format(e='e')} from events e")
    # One rebuild leaves hundreds of segments: merged, a common term's search at 1M events
    # read its hits in 73–112 ms instead of 312 ms (count(*) of "Photonik", 218,480 hits).
    db.execute("insert into events_fts (events_fts) values ('optimize')")


def _sql_text(value: str) -> str:
    """`value` as an SQL string literal; a control character as char(n)."""
    if value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return f"char({ord(value)})"


def set_today(db: Database, today: date | None) -> None:
    """Pin the catalog's "today" (demo), or unpin it so the real date applies (live)."""
    with db.atomic():
        if today is None:
            db.execute("delete from catalog_info where key = 'today'")
        else:
            db["catalog_info"].upsert({"key": "today", "value": today.isoformat()}, pk="key")


def today(conn: sqlite3.Connection) -> date:
    """The catalog's today: the demo's pinned date if catalog_info has one, else Berlin's."""
    try:
        row = conn.execute("select value from catalog_info where key = 'today'").fetchone()
    except sqlite3.OperationalError:  # a catalog older than catalog_info
        row = None
    return date.fromisoformat(row[0]) if row else datetime.now(BERLIN).date()


def add_today(conn: sqlite3.Connection) -> None:
    """SQL function heute(), which the view upcoming_events and the catalog's queries use."""
    # Declared deterministic so that SQLite calls it once per statement, as it does its own
    # date('now'), and not once per row: the map's query read catalog_info 9,570 times at a
    # million events, 60-90 ms of its 100-130 (benchmarks/bench_catalog.py). It may change
    # between statements, so no index, generated column or CHECK may use it.
    conn.create_function("heute", 0, lambda: today(conn).isoformat(), deterministic=True)


def open_db(path: str | Path) -> Database:
    """The catalog at `path`, created or upgraded to the current schema."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    add_today(db.conn)  # so that a schema change can read the views that call it
    search_text.add_search_functions(db.conn)  # the search index's triggers call them
    db.enable_wal()
    # The store's index and search-index inserts land at random pages: with SQLite's 2 MB
    # page cache they were read back from disk ever more often as the catalog grew
    # (benchmarks/bench_store.py).
    db.execute(f"pragma cache_size = -{CACHE_KIB}")
    migrations.apply(db)
    with db.atomic():
        db["networks"].upsert_all([n.row() for n in registry.networks().values()], pk="slug")
    return db


def start_run(db: Database, spider: str, started: str) -> int:
    with db.atomic():
        return db["crawl_runs"].insert({"spider": spider, "started": started}).last_pk


def finish_run(db: Database, run: int, summary: dict) -> None:
    with db.atomic():
        db["crawl_runs"].update(run, summary)


def reject(
    db: Database, run: int, spider: str, source_url: str | None, reason: str, item: dict
) -> None:
    text = json.dumps(item, ensure_ascii=False, default=str)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: JSON's \u escapes keep it, readable
            text = json.dumps(item, default=str)
    with db.atomic():
        db["rejected_items"].insert(
            {
                "run": run,
                "spider": spider,
                "source_url": text_only(source_url) if source_url else None,
                "reason": text_only(reason),
                "item": text,
            }
        )


def count(db: Database, table: str, where: str | None = None, params: Iterable = ()) -> int:
    return db[table].count_where(where, list(params)) if where else db[table].count
