"""The served catalog is refreshed whole or not at all, in place, and two crawls never
overlap (refresh.py)."""

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
    assert not (tmp_path / "netzwerktimer.db.new").exists()


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


def rows(conn) -> list[str]:
    return [x for (x,) in conn.execute("select x from t")]


def test_an_open_reader_sees_the_new_catalog_after_publication(tmp_path):
    db = tmp_path / "c.db"
    catalog(db, ["old"]).close()
    inode = db.stat().st_ino
    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # as Datasette reads it
    with refresh.writing(db) as held:
        catalog(held.copy, ["new"]).close()
        assert rows(reader) == ["old"]  # nothing of the crawl shows before it is done
    assert rows(reader) == ["old", "new"]  # the same connection: no restart needed
    assert db.stat().st_ino == inode
    assert reader.execute("pragma journal_mode").fetchone() == ("wal",)
    assert not (tmp_path / "c.db.new").exists()


def test_a_failed_crawl_leaves_the_catalog_untouched(tmp_path):
    db = tmp_path / "c.db"
    catalog(db, ["old"]).close()
    with pytest.raises(RuntimeError), refresh.writing(db) as held:
        catalog(held.copy, ["half"]).close()
        raise RuntimeError("the crawl died")
    assert rows(sqlite3.connect(db)) == ["old"]
    assert not (tmp_path / "c.db.new").exists()


def test_spiders_of_one_process_publish_once_when_the_last_leaves(tmp_path):
    db = tmp_path / "c.db"
    catalog(db, ["old"]).close()
    first, second = refresh.Writing.join(db), refresh.Writing.join(db)
    assert first is second
    catalog(first.copy, ["a"]).close()
    first.leave()
    assert rows(sqlite3.connect(db)) == ["old"]  # one spider still writes
    catalog(second.copy, ["b"]).close()
    second.leave()
    assert rows(sqlite3.connect(db)) == ["old", "a", "b"]


def test_a_waiting_crawl_gets_the_lock_when_the_first_is_done(tmp_path):
    import subprocess
    import sys
    import time

    db = tmp_path / "c.db"
    hold = (f"from netzwerktimer_crawl import refresh; import time\n"
            f"with refresh.lock(__import__('pathlib').Path({str(db)!r})):\n"
            f"    print('held', flush=True); time.sleep(1.5)")  # fmt: skip
    other = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline() == "held\n"
    with pytest.raises(refresh.Busy):
        refresh.Writing.join(db)  # without waiting: refused at once
    began = time.monotonic()
    with refresh.writing(db, wait=10):
        waited = time.monotonic() - began
    other.wait()
    assert 0.5 < waited < 10
