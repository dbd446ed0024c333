"""Facet counts, row counts and rendered pages of the served catalog, kept until the catalog
changes.

At a million events each facet of the events table reads the 200,000 upcoming rows: 0.6 to
4.5 s, against a facet time limit of 200 ms, so the page showed no facet at all, and its row
count took 0.7 s more (benchmarks/bench_catalog.py). Their answers change only when a crawl
publishes, or at Berlin midnight, when "upcoming" moves on. So they are kept per catalog
version: the catalog file's and its write-ahead log's identity, size and mtime, and the day.
A facet or count cut by its time limit is run once more in the background, one at a time and
without that limit, so that the next visitor gets it; this one sees it timed out, as before.

Only these reads are kept: Datasette runs a facet with the facet time limit as its custom
limit, and a count as `select count(*) …`. Every other query runs as it did. PageCache keeps
whole pages the same way (the week page, data/plugins/week.py: 100 ms for a busy week).
"""

from __future__ import annotations

import asyncio
import os
import re
from collections import OrderedDict
from datetime import datetime
from typing import Any

from datasette.database import Database, QueryInterrupted, Results
from datasette.utils import sqlite_timelimit

from .berlin import BERLIN

ENTRIES = 512  # facet results of up to 31 rows each: about 2 MB in all
QUEUE = 32  # background runs waiting at most; a crafted URL cannot keep the server busy
FILL_LIMIT_MS = 30_000  # a background run's own limit: the slowest facet at 1M takes 4.5 s
_COUNT = re.compile(r"\s*select count\(\*\) ", re.I)


def catalog_version(database: Database) -> tuple:
    """What changes when the catalog does: a publish writes the log, a swap the file; and
    the day, on which "upcoming" and "this week" depend."""
    stats = []
    for name in (database.path, f"{database.path}-wal"):
        try:
            stat = os.stat(name)
        except FileNotFoundError:
            stats.append(None)
        else:
            stats.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return (*stats, datetime.now(BERLIN).date())


class PageCache:
    """Rendered pages of one catalog version, up to `size` characters in all."""

    def __init__(self, size: int = 32_000_000) -> None:
        self.size = size
        self.pages: OrderedDict[tuple, str] = OrderedDict()
        self.version: tuple | None = None

    def get(self, database: Database, key: tuple) -> tuple[str | None, tuple]:
        """The page kept under `key`, if any, and the catalog's version to keep it for."""
        version = catalog_version(database)
        if version != self.version:
            self.pages.clear()
            self.version = version
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
        return page, version

    def keep(self, key: tuple, page: str, version: tuple) -> None:
        """Keeps `page` if the catalog is still at `version`, the one it was read from."""
        if version != self.version or len(page) > self.size:
            return
        self.pages[key] = page
        while sum(map(len, self.pages.values())) > self.size:
            self.pages.popitem(last=False)


class ResultCache:
    """Wraps `database.execute` so that facet and count reads are answered from memory."""

    def __init__(self, database: Database, facet_time_limit_ms: int) -> None:
        self.database = database
        self.facet_time_limit_ms = facet_time_limit_ms
        self.results: OrderedDict[tuple, Results] = OrderedDict()
        self.version: tuple | None = None
        self.pending: set[tuple] = set()
        self.tasks: set[asyncio.Task] = set()
        self.locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}
        self.execute = database.execute
        database.execute = self._execute

    def kept(self, sql: str, custom_time_limit: int | None, truncate: bool) -> bool:
        if truncate:
            return False
        return custom_time_limit == self.facet_time_limit_ms or bool(_COUNT.match(sql))

    async def _execute(
        self, sql: str, params: Any = None, truncate: bool = False,
        custom_time_limit: int | None = None, **options: Any,
    ) -> Results:  # fmt: skip
        if not self.kept(sql, custom_time_limit, truncate):
            return await self.execute(sql, params, truncate, custom_time_limit, **options)
        version = catalog_version(self.database)
        if version != self.version:
            self.results.clear()
            self.pending.clear()
            self.version = version
        key = (sql, _frozen(params))
        if key in self.results:
            self.results.move_to_end(key)
            return self.results[key]
        try:
            results = await self.execute(sql, params, truncate, custom_time_limit, **options)
        except QueryInterrupted:
            self._fill_later(key, sql, params, version)
            raise
        self._keep(key, results)
        return results

    def _keep(self, key: tuple, results: Results) -> None:
        self.results[key] = results
        if len(self.results) > ENTRIES:
            self.results.popitem(last=False)

    def _fill_later(self, key: tuple, sql: str, params: Any, version: tuple) -> None:
        if key in self.pending or len(self.pending) >= QUEUE:
            return
        self.pending.add(key)
        task = asyncio.get_running_loop().create_task(self._fill(key, sql, params, version))
        self.tasks.add(task)  # held, so that the loop does not drop it half way
        task.add_done_callback(self.tasks.discard)

    async def _fill(self, key: tuple, sql: str, params: Any, version: tuple) -> None:
        def run(conn):
            with sqlite_timelimit(conn, FILL_LIMIT_MS):
                cursor = conn.execute(sql, params if params is not None else {})
                return Results(cursor.fetchall(), False, cursor.description)

        loop = asyncio.get_running_loop()
        async with self.locks.setdefault(loop, asyncio.Lock()):
            if version != self.version:
                return  # the catalog changed while it waited
            try:
                results = await self.database.execute_fn(run)
            except Exception:  # noqa: BLE001 - interrupted or failed: the page says timed out
                return
            finally:
                self.pending.discard(key)
            if version == self.version:
                self._keep(key, results)

    async def settled(self) -> None:
        """Wait until every background run has ended (for tests and benchmarks)."""
        while self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)


def _frozen(params: Any) -> Any:
    if isinstance(params, dict):
        return tuple(sorted(params.items()))
    return tuple(params) if params is not None else None
