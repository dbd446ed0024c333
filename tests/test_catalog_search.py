"""German full-text search on /netzwerktimer/events?_search=, against real SQLite FTS5.

The catalog here is written the way the crawler writes it (open_db, history.store), so the
search index is the one the triggers keep.
"""

import asyncio

import pytest
from datasette.plugins import pm
from sqlite_utils import Database

from netzwerktimer_crawl import db as catalog
from netzwerktimer_crawl import history, registry
from netzwerktimer_crawl.catalog import make_datasette

EVENTS = {
    "abend": {
        "network": "itnet",
        "title": "Netzwerkabend IT-Sicherheit",
        "city": "Erfurt",
        "start": "2026-11-20T18:00",
    },
    "gruender": {
        "network": "optonet",
        "title": "Gründerstammtisch Photonik",
        "description": "Für Gründerinnen und Gründer aus der Optik.",
        "location": "Carl-Zeiss-Straße 3, 07743 Jena",
        "city": "Jena",
        "start": "2026-11-21T18:00",
    },
    "messe": {
        "network": "itnet",
        "title": "Digitalmesse",
        "location": "Messe Köln",
        "city": "Köln",
        "start": "2026-11-22",
        "all_day": True,
    },
    "ki": {"network": "thzm", "title": "KI-Sprechstunde", "start": "2026-11-23T10:00"},
    "loki": {"network": "thzm", "title": "Lokis Werkstatt", "start": "2026-11-24T10:00"},
    "mv": {"network": "thzm", "title": "Mitgliederversammlung 2026", "start": "2026-11-25"},
}


def record(id: str, **fields) -> dict:
    return (
        dict.fromkeys(catalog.EVENT_COLUMNS)
        | {"id": id, "all_day": False, "url": f"https://example.org/{id}"}
        | {"first_seen": "2026-11-16T08:00:00Z", "last_seen": "2026-11-16T08:00:00Z"}
        | fields
    )


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "netzwerktimer.db"
    db = catalog.open_db(path)
    history.store(db, [record(id, **fields) for id, fields in EVENTS.items()], run=0)
    db.close()
    return path


@pytest.fixture(scope="module")
def datasette(path):
    return make_datasette(path)


# german_search.py reads up to PROBE hits, then either sorts those or walks the page's sort
# order past the others: each search is asked both ways.
@pytest.fixture(params=["few hits", "many hits"])
def plan(request, monkeypatch):
    plugin = pm.get_plugin("german_search.py")
    monkeypatch.setattr(plugin, "HITS", plugin.Hits())  # hits the other plan kept
    if request.param == "many hits":
        monkeypatch.setattr(plugin, "PROBE", 1)
    return request.param


@pytest.fixture
def search(datasette, plan):
    def search(text: str) -> set[str]:
        answer = asyncio.run(
            datasette.client.get(
                "/netzwerktimer/events.json", params={"_search": text, "_shape": "array"}
            )
        )
        assert answer.status_code == 200, answer.text
        return {row["id"] for row in answer.json()}

    return search


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        # A word finds the words it is part of, anywhere: "Netzwerkabend", and OptoNet's
        # full name "Photoniknetzwerk Thüringen".
        ("Netzwerk", {"abend", "gruender"}),
        ("netzwerk", {"abend", "gruender"}),
        ("abend", {"abend"}),
        ("stammtisch", {"gruender"}),
        ("messe", {"messe"}),
        ("Gründer", {"gruender"}),
        # One or two letters begin a word: "IT" in "IT-Sicherheit" and "ITnet", not "Digital".
        ("IT", {"abend", "messe"}),
        ("it", {"abend", "messe"}),
        ("KI", {"ki"}),  # not "Lokis"
        ("versammlung", {"mv"}),
        ("Mitglieder", {"mv"}),
        ("2026", {"mv"}),
        # Umlauts spelled out, folded, or as they are.
        ("gruender", {"gruender"}),
        ("grunder", {"gruender"}),
        ("Koln", {"messe"}),
        ("Köln", {"messe"}),
        ("koeln", {"messe"}),
        ("Strasse", {"gruender"}),
        ("Zeiss", {"gruender"}),
        # Every term must match, each anywhere in the event.
        ("gruender jena", {"gruender"}),
        ("gruender köln", set()),
        # The network's name and full name are searched too.
        ("ITnet", {"abend", "messe"}),
        ("Photoniknetzwerk", {"gruender"}),
        # A quoted phrase.
        ('"Messe Köln"', {"messe"}),
        ('"Köln Messe"', set()),
    ],
)
def test_german_search(search, typed, found):
    assert search(typed) == found


@pytest.mark.parametrize(
    "typed",
    ["-Messe", '"', 'Messe"', '"Köln', "Messe -", "NOT", "Messe AND", "*", "(", "title:x", "^M"],
)
def test_any_typed_input_answers_without_error(search, typed):
    search(typed)


def test_minus_and_quotes_are_plain_text(search):
    assert search("-Messe") == {"messe"}
    assert search('"Köln') == {"messe"}
    assert search('"') == set()


def test_hits_come_in_the_tables_order_page_by_page(datasette, search):  # in both plans
    def pages(**order) -> tuple[list[str], int]:
        ids, params = [], {"_search": "ITnet", "_size": 1} | order
        while True:
            page = asyncio.run(datasette.client.get("/netzwerktimer/events.json", params=params))
            ids += [row[0] for row in page.json()["rows"]]
            if not page.json()["next"]:
                return ids, page.json()["filtered_table_rows_count"]
            params["_next"] = page.json()["next"]

    assert pages() == (["abend", "messe"], 2)  # by start, the table's order
    assert pages(_sort_desc="start") == (["messe", "abend"], 2)
    assert pages(_sort="title") == (["messe", "abend"], 2)  # Digitalmesse, Netzwerkabend


def test_search_page_shows_the_results(path):
    datasette = make_datasette(path)
    page = asyncio.run(datasette.client.get("/netzwerktimer/events?_search=-Messe"))
    assert page.status_code == 200
    assert "Digitalmesse" in page.text and "Netzwerkabend" not in page.text
    assert 'name="_search" value="-Messe"' in page.text


def test_index_follows_updates_and_deletes(tmp_path, plan):
    # The hits of a search are kept until the catalog changes: these searches come again,
    # each with two hits or more, so that "many hits" reads them as a bitmap.
    db = catalog.open_db(tmp_path / "netzwerktimer.db")
    history.store(db, [record("e", network="itnet", title="Gründerabend")], run=0)
    history.store(db, [record("e", network="itnet", title="Kölner Stammtisch")], run=0)
    history.store(db, [record("k", network="itnet", title="Kölner Abend")], run=0)
    datasette = make_datasette(tmp_path / "netzwerktimer.db")

    def ids(text: str) -> set[str]:
        url = f"/netzwerktimer/events.json?_shape=array&_search={text}"
        return {row["id"] for row in asyncio.run(datasette.client.get(url)).json()}

    assert ids("gruender") == set() and ids("koelner") == {"e", "k"}
    db["events"].delete("e")
    assert ids("koelner") == {"k"}
    history.store(db, [record("f", network="itnet", title="Kölner Stammtisch")], run=1)
    assert ids("koelner") == {"f", "k"}


def test_a_catalog_from_before_the_store_wrote_its_index_is_upgraded(tmp_path):
    # Until m011, triggers indexed each new event and set its sector; the upgrade rebuilds
    # the index (variants now hold the event's own text only) and keeps every sector.
    path = tmp_path / "netzwerktimer.db"
    db = Database(path)
    catalog.add_today(db.conn)
    catalog.migrations.apply(db, stop_before="m011_store_speed")
    db["networks"].upsert_all([n.row() for n in registry.networks().values()], pk="slug")
    db["events"].insert(record("alt", network="theen", title="Gründertag Windkraft"))
    db.close()
    catalog.open_db(path).close()
    datasette = make_datasette(path)
    url = "/netzwerktimer/events.json?_shape=array&_search="
    for typed in ("gruendertag", "Gründertag", "Windkraft", "ThEEN"):
        rows = asyncio.run(datasette.client.get(url + typed)).json()
        assert [(row["id"], row["sector"]) for row in rows] == [("alt", "Erneuerbare Energien")]


def ranked(path, typed: str) -> list[str]:
    datasette = make_datasette(path)
    url = f"/netzwerktimer/suche.json?_shape=array&q={typed}"
    return [row["title"] for row in asyncio.run(datasette.client.get(url)).json()]


def test_the_ranked_search_puts_word_beginnings_first(demo_db):
    # The demo's today is 2026-11-16; "treffen" begins a word only in the first title.
    assert ranked(demo_db, "treffen") == [
        "Internationales Treffen: Smarte Textilien für industrielle Anwendungen",
        "SmartTex-Netzwerktreffen Herbst 2026",  # 19 November
        "ELMUG-Mitgliedertreffen und Jahresausklang 2026",  # 25 November
        "ThZM-Netzwerkforum 2027",  # its description: "Jahresauftakttreffen"
    ]
    assert ranked(demo_db, "versammlung") == [
        "ITnet-Mitgliederversammlung mit Vorstandswahl",
        "ThEEN-Mitgliederversammlung 2026",
        "Mitgliederversammlung automotive thüringen e.V. 2027",
    ]


@pytest.mark.parametrize("typed", ["-Messe", '"', "NOT", "(", "", "a"])
def test_the_ranked_search_takes_any_input(demo_db, typed):
    datasette = make_datasette(demo_db)
    answer = asyncio.run(datasette.client.get(f"/netzwerktimer/suche.json?q={typed}"))
    assert answer.status_code == 200


def test_hits_dropped_before_their_query_runs_are_read_again(datasette):
    # A count filled in the background may run after other searches pushed its hits out.
    plugin = pm.get_plugin("german_search.py")
    key = '["events_fts", "ITnet"]'
    plugin.HITS.found.clear()
    rows = asyncio.run(
        datasette.get_database("netzwerktimer").execute(
            "select id from events where search_hit(search_bits(:k), rowid) order by id", {"k": key}
        )
    )
    assert [row["id"] for row in rows] == ["abend", "messe"]


def test_hits_read_before_a_publish_are_not_kept_after_it(tmp_path):
    # A search that began before a publish ends after another request saw the new catalog:
    # what it read is the old catalog's and must not stand for the new one.
    db = catalog.open_db(tmp_path / "netzwerktimer.db")
    history.store(db, [record("e", network="itnet", title="Kölner Stammtisch")], run=0)
    database = make_datasette(tmp_path / "netzwerktimer.db").get_database("netzwerktimer")
    hits = pm.get_plugin("german_search.py").Hits()
    _, before = hits.current(database, "key")
    history.store(db, [record("f", network="itnet", title="Kölner Abend")], run=1)
    hits.current(database, "key")  # the next request, after the publish
    hits.keep(database.path, "key", "[1]", before)
    assert hits.current(database, "key")[0] is None
    _, now = hits.current(database, "key")
    hits.keep(database.path, "key", "[1, 2]", now)
    assert hits.current(database, "key")[0] == "[1, 2]"
