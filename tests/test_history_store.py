"""A co-hosted event ends up the same whatever order the networks' spiders store it in."""

import json
from itertools import permutations

import pytest

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history

SEEN = "2026-11-16T08:00:00Z"


def record(network: str, title: str, url: str) -> dict:
    row = {column: None for column in catalog.EVENT_COLUMNS}
    return row | {"id": f"{network}-src", "network": network, "title": title, "url": url,
                  "start": "2026-12-02T14:00", "end": "2026-12-02T17:00", "all_day": False,
                  "city": "Erfurt", "source_url": url,
                  "first_seen": SEEN, "last_seen": SEEN}  # fmt: skip


RECORDS = [
    record("optonet", "Cross-Cluster-Wochen 2026: Photonik trifft Energie", "https://o.de/ccw"),
    record("theen", "Cross-Cluster-Wochen 2026 – Photonik trifft Energie", "https://t.de/ccw"),
    record("ccit", "Cross-Cluster-Wochen 2026: Photonik trifft Energie (CCW)", "https://c.de/ccw"),
]


def build(tmp_path, *runs, together=False):
    """A catalog of the runs' records: each stored on its own, as each spider stores its
    own, or `together` in one batch (a spider that lists several networks' events)."""
    db = catalog.open_db(tmp_path / "c.db")
    for run, records in enumerate(runs, start=1):
        for batch in [records] if together else [[one] for one in records]:
            assert history.store(db, batch, run) == []
    return db


@pytest.mark.parametrize("together", [False, True])
@pytest.mark.parametrize("order", list(permutations(range(3))))
def test_any_order_gives_the_same_event(tmp_path, order, together):
    runs = [RECORDS[i] for i in order], [RECORDS[i] for i in reversed(order)]
    db = build(tmp_path, *runs, together=together)
    assert [(r["id"], r["network"], r["networks"], r["url"]) for r in db["events"].rows] == [
        ("ccit-src", "ccit", '["ccit", "optonet", "theen"]', "https://c.de/ccw")
    ]
    assert db["changes"].count == 0
    assert sorted(r["event_id"] for r in db["event_sources"].rows) == ["ccit-src"] * 3


def test_a_record_that_cannot_be_stored_is_returned_and_the_batch_kept(tmp_path):
    db = catalog.open_db(tmp_path / "c.db")
    bad = record("theen", "Energie\ud800forum", "https://t.de/forum") | {"id": "theen-bad"}
    failed = history.store(db, [RECORDS[0], bad, RECORDS[1] | {"id": "theen-other"}], 1)
    assert [(row["id"], reason.split(":")[0]) for row, reason in failed] == [
        ("theen-bad", "could not be stored")
    ]
    assert {row["source_id"] for row in db["event_sources"].rows} == {"optonet-src", "theen-other"}
    # The kept event is searchable: written again record by record, it was indexed too.
    found = db.execute("select count(*) from events_fts where events_fts match 'Cluster'")
    assert found.fetchone()[0] == 1
    catalog.reject(db, 1, "theen", bad["url"], failed[0][1], bad)
    (rejected,) = db["rejected_items"].rows
    assert json.loads(rejected["item"])["title"] == "Energie\ud800forum"  # kept, as an escape


def test_text_with_replacement_characters_never_overwrites_good_text(tmp_path):
    misread = "Cross-Cluster-Wochen 2026 \ufffd Photonik trifft Energie"
    db = build(tmp_path, [RECORDS[1]], [RECORDS[1] | {"title": misread, "city": "Gera"}])
    (event,) = db["events"].rows
    assert event["title"] == "Cross-Cluster-Wochen 2026 – Photonik trifft Energie"
    assert event["city"] == "Gera"  # the rest of the page's news still arrives


def listed(network: str, title: str, start: str) -> dict:
    url = f"https://{network}.de/{len(title)}"
    return record(network, title, url) | {"id": f"{network}-{start}", "start": start, "end": None}


@pytest.mark.parametrize(
    ("a", "start_a", "b", "start_b", "events"),
    [
        # the candidates the store looks up (by day, by minute) are the pairs same_event takes
        ("9. Thüringer Maschinenbautag", "2025-09-22", "9. Thüringer Maschinenbautag",
         "2025-09-22T09:00", 1),
        ("9. Thüringer Maschinenbautag", "2025-09-22T09:00", "9. Thüringer Maschinenbautag",
         "2025-09-22", 1),
        ("Wasserstoff-Dialog Thüringen 2026", "2026-12-03T10:00",
         "Wasserstoff-Dialog Thüringen 2026", "2026-12-03T10:00", 1),
        ("Wasserstoff-Dialog Thüringen 2026", "2026-12-03T10:00",
         "Wasserstoff-Dialog Thüringen 2026", "2026-12-03T14:00", 2),
        ("Wasserstoff-Dialog Thüringen 2026", "2026-12-03", "Wasserstoff-Dialog Thüringen 2026",
         "2026-12-04", 2),
    ],
)  # fmt: skip
@pytest.mark.parametrize("together", [False, True])
def test_the_store_finds_the_same_event_of_another_network(tmp_path, a, start_a, b, start_b,
                                                           events, together):  # fmt: skip
    records = [listed("optonet", a, start_a), listed("theen", b, start_b)]
    db = build(tmp_path, records, together=together)
    assert db["events"].count == events
