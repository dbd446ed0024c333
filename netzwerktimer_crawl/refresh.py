"""Refreshing the served catalog: one crawl at a time, and readers never see half of one.

The crawl writes into a copy of the catalog. Only when it is done is the copy checkpointed
(its WAL folded in, journal mode back to DELETE, so the file stands alone) and renamed over
the served file, which on POSIX replaces it atomically.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(RuntimeError):
    """Another crawl holds the catalog's lock."""


def _sidecars(db: Path) -> list[Path]:
    return [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


@contextmanager
def lock(db: Path) -> Iterator[None]:
    """Held for the whole crawl; a second crawl of the same catalog fails at once."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another crawl is writing {db} (lock {handle.name})") from None
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def checkpoint(db: Path) -> None:
    """Fold the WAL into the file and leave it in rollback-journal mode, self-contained."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("pragma wal_checkpoint(truncate)")
        conn.execute("pragma journal_mode = delete")
    finally:
        conn.close()


@contextmanager
def working_copy(db: Path) -> Iterator[Path]:
    """A copy of `db` to write into; swapped in for `db` when the block ends without error."""
    new = db.with_name(db.name + ".new")
    for stale in [new, *_sidecars(new)]:
        stale.unlink(missing_ok=True)
    if db.exists():
        source, target = sqlite3.connect(db), sqlite3.connect(new)
        try:
            source.backup(target)  # consistent even while others read the catalog
        finally:
            source.close()
            target.close()
    yield new
    checkpoint(new)
    for stale in _sidecars(db):  # a leftover WAL must never be applied to the new file
        stale.unlink(missing_ok=True)
    os.replace(new, db)
