"""A failing source never takes other data down, and the operator learns of it."""

import sqlite3

from conftest import SNAPSHOTS, demo, netzwerktimer, rehearse

API = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50"
THEEN = "https://www.theen-ev.de/de/veranstaltungen.html"


def rows(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchall()


def test_events_api_gone_falls_back_to_the_html_list(tmp_path, snapshot_copy):
    snapshot_copy.drop(API)
    result = demo(tmp_path / "c.db", snapshot_copy.folder)
    assert result.returncode == 0, result.stderr
    got = rows(
        tmp_path / "c.db",
        "select start, title from events where id in "
        "(select event_id from event_sources where network = 'optonet') order by start",
    )
    assert got == [
        ("2026-11-19T18:00", "Photonik-Stammtisch Jena – November"),
        ("2026-11-25T10:00", "Webinar: Quantensensorik für die Industrie"),
        ("2027-01-15T18:30", "OptoNet-Jahresempfang 2027"),
    ]
    ((warnings, http_errors),) = rows(
        tmp_path / "c.db", "select warnings, http_errors from crawl_runs where spider = 'optonet'"
    )
    assert "events API failed" in warnings and http_errors == 1


def test_broken_spider_keeps_its_old_events_and_fails_the_run(tmp_path, snapshot_copy):
    db = tmp_path / "c.db"
    assert demo(db, snapshot_copy.folder).returncode == 0
    before = rows(db, "select * from events order by id")

    # The site is redesigned: the list template no longer matches anything.
    snapshot_copy.replace(
        THEEN, "<html><body><div class='neu'>Bald neue Termine</div></body></html>"
    )
    result = rehearse(db, snapshot_copy.folder)

    assert result.returncode != 0
    assert "failed: theen" in result.stderr
    assert "theen                  0" in result.stdout and "FAILED: " in result.stdout
    assert "optonet" in result.stdout  # the other spider ran to the end and was reported
    assert rows(db, "select * from events order by id") == before
    ((stored, warnings),) = rows(
        db,
        "select items_stored, warnings from crawl_runs "
        "where spider = 'theen' order by id desc limit 1",
    )
    assert stored == 0
    assert "no events found on https://www.theen-ev.de/de/veranstaltungen.html" in warnings


def test_server_error_on_the_only_page(tmp_path, snapshot_copy):
    snapshot_copy.replace(THEEN, "<h1>502 Bad Gateway</h1>", status=502)
    result = rehearse(tmp_path / "c.db", snapshot_copy.folder)
    assert result.returncode != 0
    assert rows(
        tmp_path / "c.db", "select count(*) from event_sources where network = 'optonet'"
    ) == [(5,)]
    ((http_errors, stored),) = rows(
        tmp_path / "c.db", "select http_errors, items_stored from crawl_runs where spider = 'theen'"
    )
    assert (http_errors, stored) == (1, 0)


def test_moved_events_page_is_found_in_the_home_page_menu(tmp_path, snapshot_copy):
    snapshot_copy.drop(THEEN)
    home = snapshot_copy.folder / "theen" / "home.html"
    home.write_text(
        '<html><body><nav><a href="/de/ueber-uns.html">Über uns</a>'
        '<a href="/de/termine.html">Termine</a></nav></body></html>'
    )
    snapshot_copy.add("theen", "https://www.theen-ev.de/", "home.html")
    snapshot_copy.add("theen", "https://www.theen-ev.de/de/termine.html", "veranstaltungen.html")
    result = demo(tmp_path / "c.db", snapshot_copy.folder)
    assert result.returncode == 0, result.stderr
    sources = "select count(*) from event_sources where network = 'theen'"
    assert rows(tmp_path / "c.db", sources) == [(4,)]
    ((warnings,),) = rows(
        tmp_path / "c.db", "select warnings from crawl_runs where spider = 'theen'"
    )
    assert "events page https://www.theen-ev.de/de/veranstaltungen.html answers 404" in warnings
    assert "its menu names https://www.theen-ev.de/de/termine.html" in warnings


def test_the_summary_the_health_and_the_exit_code_agree(tmp_path):
    db = tmp_path / "c.db"
    result = rehearse(db)  # the bundled snapshots: ThEEN's second page answers 500
    assert result.returncode != 0 and "failed: theen" in result.stderr
    theen = next(line for line in result.stdout.splitlines() if line.startswith("theen"))
    assert "FAILED: Retry Count monitor" in theen  # and says why
    optonet = next(line for line in result.stdout.splitlines() if line.startswith("optonet"))
    assert optonet.endswith("  ok")
    health = netzwerktimer("health", "--db", str(db))
    assert health.returncode != 0 and "flagged: theen" in health.stderr


def test_unknown_and_disabled_spiders_are_clear_errors(tmp_path):
    for name, message in (("gibtsnicht", "unknown network 'gibtsnicht'"),
                          ("mnt", "mnt is disabled in the registry")):  # fmt: skip
        result = netzwerktimer("crawl", name, "--db", str(tmp_path / "c.db"))
        assert result.returncode == 1 and message in result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no catalog, no .db.new, no lock left behind


def test_settings_on_the_command_line(tmp_path, snapshot_copy):
    import json

    db = tmp_path / "c.db"
    for _ in range(2):  # absences count once health has two earlier runs to compare with
        assert rehearse(db, SNAPSHOTS, "optonet").returncode == 0
    api = snapshot_copy.folder / "optonet" / "events-api-2.json"
    page = json.loads(api.read_text())
    gone = page["events"].pop()["title"]  # the workshop; the first event is cancelled
    assert not gone.startswith("Abgesagt")
    api.write_text(json.dumps(page))
    # By default an event is missing after two healthy runs without it; here after one.
    result = rehearse(db, snapshot_copy.folder, "optonet", "-s", "NETZWERKTIMER_MISSING_AFTER=1")
    assert result.returncode == 0, result.stderr
    assert rows(db, "select status from events where title = ?", gone) == [("missing",)]
    bad = netzwerktimer("crawl", "optonet", "-s", "NUR_EIN_NAME")
    assert bad.returncode == 2 and "is not NAME=VALUE" in bad.stderr
