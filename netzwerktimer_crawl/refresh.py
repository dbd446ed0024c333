"""Refreshing the served catalog: one crawl at a time, and readers never see half of one.

A crawl writes into a copy of the catalog, under the catalog's lock. When the crawl is
done the copy is published into the served file with SQLite's online backup API, in one
transaction: the served file keeps its path and inode, so a running Datasette (its
connections are read-only, `mode=ro`) sees the new catalog on its next query, with no
restart; the file is in WAL mode, so its readers go on reading the old snapshot while the
new one is written and never wait or fail. (Renaming the copy over the file, as before,
left every open connection on the old inode until a restart.)

The store stage joins the process's writing of a catalog (`Writing.join`), so `netzwerktimer
crawl`, `scrapy crawl X` and a Scrapyd job all lock, copy and publish the same way; the
last spider of a process to close publishes. A crawl that fails before that leaves the
served catalog as it was.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

logger = logging.getLogger(__name__)


class Busy(RuntimeError):
    """Another crawl holds the catalog's lock."""


def _sidecars(db: Path) -> list[Path]:
    return [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _acquire(db: Path, wait: float) -> IO[str]:
    """The catalog's lock file, locked; waits up to `wait` seconds for another crawl."""
    db.parent.mkdir(parents=True, exist_ok=True)
    handle = open(db.with_name(db.name + ".lock"), "a+")  # noqa: SIM115 - held past this call
    deadline = time.monotonic() + wait
    waited = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if not waited and wait:
                logger.info("waiting up to %gs for another crawl of %s", wait, db)
                waited = True
            if time.monotonic() >= deadline:
                handle.close()
                raise Busy(f"another crawl is writing {db} (lock {handle.name})") from None
            time.sleep(0.2)
    handle.truncate(0)
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


@contextmanager
def lock(db: Path, wait: float = 0) -> Iterator[None]:
    """Held for a whole crawl; another crawl of the same catalog waits `wait` seconds for
    it, then fails with Busy."""
    handle = _acquire(db, wait)
    try:
        yield
    finally:
        handle.close()


def copy_of(db: Path) -> Path:
    """A fresh working copy of `db` beside it (an empty one if there is no catalog yet)."""
    new = db.with_name(db.name + ".new")
    for stale in [new, *_sidecars(new)]:
        stale.unlink(missing_ok=True)
    if db.exists():
        with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(new)) as target:
            source.backup(target)  # consistent even while others read the catalog
    return new


def publish(new: Path, db: Path) -> None:
    """The working copy becomes the served catalog, in one transaction (see the module's
    docstring); the copy is removed."""
    with closing(sqlite3.connect(new)) as source:
        source.execute("pragma wal_checkpoint(truncate)")
        if not db.exists():
            source.execute("pragma journal_mode = wal")
            with closing(sqlite3.connect(db)) as target:
                source.backup(target)
        else:
            with closing(sqlite3.connect(db, timeout=60)) as target:
                target.execute("pragma journal_mode = wal")
                source.backup(target)
                target.execute("pragma wal_checkpoint(passive)")  # fold it in when readers allow
    discard(new)


def discard(new: Path) -> None:
    for path in [new, *_sidecars(new)]:
        path.unlink(missing_ok=True)


@dataclass
class Writing:
    """A process's writing of one catalog: its lock, its working copy and how many spiders
    (or callers) are using it. The first to join takes the lock and makes the copy; the
    last to leave publishes the copy, or discards it when told the work failed."""

    db: Path
    copy: Path
    handle: IO[str]
    users: int = 0
    failed: bool = False
    on_publish: list = field(default_factory=list)  # steps on the copy before it is served

    @staticmethod
    def join(db: Path, wait: float = 0) -> Writing:
        db = Path(db).resolve()
        writing = _OPEN.get(db)
        if writing is None:
            handle = _acquire(db, wait)
            try:
                writing = Writing(db, copy_of(db), handle)
            except BaseException:
                handle.close()
                raise
            _OPEN[db] = writing
        writing.users += 1
        return writing

    def leave(self, failed: bool = False) -> None:
        self.failed = self.failed or failed
        self.users -= 1
        if self.users > 0:
            return
        _OPEN.pop(self.db, None)
        try:
            if self.failed:
                discard(self.copy)
            else:
                for step in self.on_publish:
                    step(self.copy)
                publish(self.copy, self.db)
        finally:
            self.handle.close()


_OPEN: dict[Path, Writing] = {}


@contextmanager
def writing(db: Path, wait: float = 0) -> Iterator[Writing]:
    """Holds the process's writing of `db` open around a whole crawl of many spiders, so
    that they publish once, together; an exception discards the copy."""
    held = Writing.join(db, wait)
    try:
        yield held
    except BaseException:
        held.leave(failed=True)
        raise
    held.leave()
