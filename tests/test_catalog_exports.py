"""Downloads: CSV and JSON of every table, view and canned query, and the CSV for German Excel."""

import asyncio
import csv
import io
import re

import pytest
import yaml

from netzwerktimer_crawl.catalog import make_datasette
from netzwerktimer_crawl.settings import DATA_DIR

QUERIES = list(
    yaml.safe_load((DATA_DIR / "metadata.yml").read_text(encoding="utf-8"))["databases"][
        "netzwerktimer"
    ]["queries"]
)


@pytest.fixture(scope="module")
def datasette(demo_db):
    return make_datasette(demo_db)


@pytest.fixture(scope="module")
def get(datasette):
    return lambda path: asyncio.run(datasette.client.get(path))


def visible_tables(datasette) -> list[str]:
    database = datasette.get_database("netzwerktimer")

    async def names():
        hidden = set(await database.hidden_table_names())
        return [n for n in await database.table_names() if n not in hidden] + list(
            await database.view_names()
        )

    return asyncio.run(names())


def test_every_table_view_and_query_as_csv_and_json(datasette, get):
    names = visible_tables(datasette) + QUERIES
    assert {"events", "networks", "events_public", "kalender", "neu_seit"} <= set(names)
    for name in names:
        as_json = get(f"/netzwerktimer/{name}.json")
        assert as_json.status_code == 200, name
        assert "rows" in as_json.json(), name
        as_csv = get(f"/netzwerktimer/{name}.csv")
        assert as_csv.status_code == 200, name
        assert as_csv.text.split("\r\n", 1)[0], name  # a header row


def test_csv_download_headers(get):
    inline = get("/netzwerktimer/events_public.csv")
    assert inline.headers["content-type"] == "text/plain; charset=utf-8"
    download = get("/netzwerktimer/events_public.csv?_dl=1")
    assert download.headers["content-type"] == "text/csv; charset=utf-8"
    assert download.headers["content-disposition"] == 'attachment; filename="events_public.csv"'


def test_excel_csv_has_a_bom_semicolons_and_umlauts(get):
    answer = get("/netzwerktimer/events_public.excel")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="events_public.csv"'
    # The view's columns, under German names.
    assert answer.content.startswith(
        "\ufeffBeginn;Ende;Ganztägig;Titel;Netzwerk;Kürzel;Netzwerke;Branche;Art;Seite;Ort;"
        "Stadt;Status;Teilnahme;Beschreibung;Zuerst gefunden (UTC);Zuletzt gefunden (UTC);"
        "Zuletzt geändert (UTC);Kennung\r\n".encode()
    )
    assert "Thüringer Energiespeichertage 2027".encode() in answer.content
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    stammtisch = next(r for r in rows if r["Titel"] == "Photonik-Stammtisch Jena – November")
    assert stammtisch["Ort"] == "Optisches Museum Jena, Carl-Zeiss-Platz 12, 07743 Jena"
    assert stammtisch["Branche"] == "Optik und Photonik"
    # Dates and times as German Excel reads them, timed and all-day alike, so they sort.
    assert (stammtisch["Beginn"], stammtisch["Ende"]) == ("19.11.2026 18:00", "19.11.2026 20:00")
    assert stammtisch["Zuerst gefunden (UTC)"] == "16.11.2026 08:00:00"
    workshop = next(r for r in rows if r["Titel"].startswith("Laser-Workshop"))
    assert (workshop["Beginn"], workshop["Ende"]) == ("03.02.2027", "04.02.2027")
    for row in rows:
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4}( \d\d:\d\d)?", row["Beginn"]), row["Beginn"]


def test_excel_csv_writes_decimal_commas(get):
    text = get("/netzwerktimer/events.excel?city=Jena").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows and {(r["Breitengrad"], r["Längengrad"]) for r in rows} == {("50,92878", "11,5899")}


def test_excel_csv_keeps_the_filters(get):
    answer = get("/netzwerktimer/events.excel?network=theen&_labels=on")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert rows and all("theen" in row["Netzwerke"] for row in rows)
    assert {row["Netzwerk"] for row in rows} == {"ThEEN", "CCIT"}  # CCIT's co-hosted one


def test_excel_csv_of_queries(get, demo_db):
    answer = get("/netzwerktimer/diese_woche.excel")
    assert answer.headers["content-disposition"] == 'attachment; filename="diese_woche.csv"'
    text = answer.content.decode("utf-8-sig")
    assert text.startswith("Beginn;Ende;Ganztägig;Titel;Netzwerk")
    assert "Photonik-Stammtisch Jena – November" in text
    # An analyst's own SQL, where SQL is on; in public it is a 403 (tests/test_public_sql.py).
    analyst = make_datasette(demo_db, allow_sql=True)
    path = "/netzwerktimer.excel?sql=select+'Köln'+as+ort,+1+as+n"
    assert asyncio.run(analyst.client.get(path)).content == "\ufeffort;n\r\nKöln;1\r\n".encode()
    assert get(path).status_code == 403


@pytest.mark.parametrize(
    "page", ["/netzwerktimer/events", "/netzwerktimer/events_public", "/netzwerktimer/kalender"]
)
def test_pages_link_the_excel_csv(get, page):
    path = page.rsplit("/", 1)[1]
    assert f'<a href="/netzwerktimer/{path}.excel' in get(page + "?_size=5").text


def test_events_public_streams_every_row(big):
    answer = asyncio.run(big.client.get("/netzwerktimer/events_public.csv?_stream=on"))
    assert len(list(csv.DictReader(io.StringIO(answer.text)))) == 1500


@pytest.mark.parametrize(
    "page",
    [
        "/netzwerktimer/events.csv?_labels=on&_sort=id",  # a table: pages by key
        "/netzwerktimer/events_public.csv?_sort=id",  # a view: pages by offset
        "/netzwerktimer/upcoming_events.csv?network=optonet&_sort=id",
    ],
)
def test_a_streamed_csv_is_datasettes_csv_of_every_row(get, page):
    # Datasette writes a page's CSV itself: the stream (full_downloads.py) writes the same.
    pages, url = [], page + "&_size=5"
    while url:
        answer = get(url.replace(".csv", ".json"))
        pages.append(get(url).text.splitlines(keepends=True)[0 if not pages else 1 :])
        url = answer.json().get("next_url")
        url = url and url.replace(".json", ".csv").removeprefix("http://localhost")
    streamed = get(page + "&_stream=on&_dl=1")
    assert streamed.headers["content-disposition"].startswith("attachment; filename=")
    assert streamed.text == "".join(line for lines in pages for line in lines)
    assert len(streamed.text.splitlines()) > 6  # more than one page


def test_a_streamed_csv_of_a_long_table_has_every_label(big):
    page = "/netzwerktimer/events.csv?_stream=on&_labels=on&_header=off"
    rows = list(csv.reader(io.StringIO(asyncio.run(big.client.get(page)).text)))
    assert len(rows) == 1500 and {row[1:3] for row in map(tuple, rows)} == {("optonet", "OptoNet")}


def test_excel_csv_has_every_row_and_no_formulas(big):
    answer = asyncio.run(big.client.get("/netzwerktimer/events_public.excel"))
    text = answer.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1500
    assert '\'=HYPERLINK("http://example.org","klick")' in {row["Titel"] for row in rows}


def test_excel_csv_labels_every_row_of_a_long_table(big):
    answer = asyncio.run(big.client.get("/netzwerktimer/events.excel?_labels=on"))
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1500  # more than one page, and more than one chunk of the stream
    assert {(row["Kürzel"], row["Netzwerk"]) for row in rows} == {("optonet", "OptoNet")}
