"""The served catalog is replaced whole or not at all, and two crawls never overlap."""

import sqlite3

import pytest
from conftest import demo

from netzwerktimer_crawl import refresh


def test_a_second_crawl_is_refused_while_one_runs(tmp_path):
    db = tmp_path / "netzwerktimer.db"
    with refresh.lock(db):
        result = demo(db)
    assert result.returncode != 0
    assert f"another crawl is writing {db}" in result.stderr
    assert not db.exists()


def test_lock_is_released_after_a_crawl(tmp_path):
    db = tmp_path / "netzwerktimer.db"
    with refresh.lock(db):
        pass
    with refresh.lock(db):  # would raise Busy if still held
        pass


def catalog(path, rows):
    conn = sqlite3.connect(path)
    conn.execute("pragma journal_mode = wal")
    conn.execute("create table if not exists t (x)")
    conn.executemany("insert into t values (?)", [(r,) for r in rows])
    conn.commit()
    return conn


def test_readers_see_the_old_catalog_until_the_new_one_is_complete(tmp_path):
    db = tmp_path / "c.db"
    catalog(db, ["old"]).close()
    with refresh.working_copy(db) as copy:
        catalog(copy, ["new"]).close()
        assert sqlite3.connect(db).execute("select x from t").fetchall() == [("old",)]
    conn = sqlite3.connect(db)
    assert conn.execute("select x from t").fetchall() == [("old",), ("new",)]
    # Standalone: no WAL to lose, so immutable readers see everything.
    assert conn.execute("pragma journal_mode").fetchone() == ("delete",)
    assert not (tmp_path / "c.db-wal").exists() and not (tmp_path / "c.db.new").exists()


def test_a_failed_crawl_leaves_the_catalog_untouched(tmp_path):
    db = tmp_path / "c.db"
    catalog(db, ["old"]).close()
    with pytest.raises(RuntimeError), refresh.working_copy(db) as copy:
        catalog(copy, ["half"]).close()
        raise RuntimeError("the crawl died")
    assert sqlite3.connect(db).execute("select x from t").fetchall() == [("old",)]
