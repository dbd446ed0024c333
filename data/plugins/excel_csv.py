""".excel: the CSV that German Excel opens as it is: UTF-8 with a BOM, semicolon-separated.

Datasette's CSV is UTF-8 without a BOM and comma-separated, so German Excel breaks the
umlauts and puts each row in one cell. This renderer writes the page's rows with its filters
and without its page size: every matching row, streamed in constant memory (streaming.py),
with a label column after each foreign key when the page asks for labels, as Datasette's CSV
does. The link shows up on every table, view and query page next to json and the other
formats.
"""

import csv
import io
import re

from datasette import hookimpl

from netzwerktimer_crawl.streaming import EveryRow, StreamingResponse

# A cell starting with one of these is a formula to Excel: it gets a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel holds at most 32,767 characters in a cell and spills or drops the rest: a longer cell
# is cut here and says so. The CSV and JSON downloads keep it whole.
CELL_LIMIT = 32_767
CUT = " … [gekürzt: {} Zeichen, Excel fasst {} je Zelle]"


# The catalog's columns as a German reader names them (metadata.yml says more).
HEADERS = {
    "start": "Beginn", "end": "Ende", "all_day": "Ganztägig", "title": "Titel",
    "network_name": "Netzwerk", "network": "Kürzel", "networks": "Netzwerke",
    "sector": "Branche", "event_type": "Art", "url": "Seite", "location": "Ort",
    "city": "Stadt", "status": "Status", "attendance": "Teilnahme",
    "description": "Beschreibung", "first_seen": "Zuerst gefunden (UTC)",
    "last_seen": "Zuletzt gefunden (UTC)", "last_changed": "Zuletzt geändert (UTC)",
    "id": "Kennung", "latitude": "Breitengrad", "longitude": "Längengrad",
    "source_url": "Gefunden auf", "start_date": "Tag", "end_date": "Letzter Tag",
    "month": "Monat", "start_open": "Beginn offen", "end_open": "Ende offen",
    "status_evidence": "Status laut", "network_label": "Netzwerk",
}  # fmt: skip
# ISO dates and times as the catalog writes them ("2026-11-19", "2026-11-19T18:00",
# "2026-11-16T08:00:00Z" in UTC): German Excel reads "19.11.2026 18:00" as a date and time,
# but leaves the ISO form with its "T" as text, so a column of both would not sort.
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:Z|[+-]\d{2}:\d{2})?)?")
DECIMAL = re.compile(r"-?\d+\.\d+")  # coordinates: German Excel wants a decimal comma


@hookimpl
def register_output_renderer():
    return {"extension": "excel", "render": render_excel, "can_render": lambda: True}


async def render_excel(datasette, request, database, table, query_name, data, rows):
    source = EveryRow(datasette, database, data, rows)
    labelled = []
    if table and request.args.get("_labels") == "on":
        keys = await datasette.get_database(database).foreign_keys_for_table(table)
        labelled = [key["column"] for key in keys]
    name = table or query_name or database
    return StreamingResponse(
        _csv(datasette, database, table, source, labelled),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


async def _csv(datasette, database: str, table: str, source: EveryRow, labelled: list[str]):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    header = None
    async for chunk in source.chunks():
        if header is None:
            header = _header(source.columns, labelled)
            out.write("\ufeff")
            writer.writerow([HEADERS.get(column, column) for column in header])
        rows = [dict(zip(source.columns, row, strict=True)) for row in chunk]
        for column in labelled:
            if column in source.columns:
                await _label(datasette, database, table, column, rows)
        for values in rows:
            writer.writerow([_cell(values.get(column)) for column in header])
        yield _take(out)
    if header is None:  # no rows: the header still names the columns
        out.write("\ufeff")
        writer.writerow([HEADERS.get(c, c) for c in _header(source.columns, labelled)])
    if source.cut:  # said in the file itself, where whoever opens it sees it
        writer.writerow([f"[abgebrochen nach {source.count} Zeilen: Zeitlimit der Abfrage]"])
    yield _take(out)


async def _label(datasette, database: str, table: str, column: str, rows: list[dict]) -> None:
    """Each row's label of `column`, a foreign key, in `column`_label. A page's own rows come
    expanded already ({"value", "label"}), the rows streamed after them do not."""
    plain = list({row[column] for row in rows if not isinstance(row.get(column), dict)})
    names = await datasette.expand_foreign_keys(database, table, column, plain) if plain else {}
    for row in rows:
        if isinstance(value := row.get(column), dict):
            row[column], row[f"{column}_label"] = value["value"], value["label"]
        else:
            row[f"{column}_label"] = names.get((column, value))


def _header(columns: list[str], labelled: list[str]) -> list[str]:
    header = []
    for column in columns:
        header.append(column)
        if column in labelled:
            header.append(f"{column}_label")
    return header


def _take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return f"<Binary: {len(value):,} bytes>"
    return _fitted(_defused(_german(str(value))))


def _german(cell: str) -> str:
    """A date, time or decimal as German Excel reads it: every start a date it can sort."""
    if moment := ISO.fullmatch(cell):
        year, month, day, clock = moment.groups()
        return f"{day}.{month}.{year}" + (f" {clock}" if clock else "")
    if DECIMAL.fullmatch(cell):
        return cell.replace(".", ",")
    return cell


def _fitted(cell: str) -> str:
    if len(cell) <= CELL_LIMIT:
        return cell
    marker = CUT.format(len(cell), CELL_LIMIT)
    return cell[: CELL_LIMIT - len(marker)] + marker


def _defused(cell: str) -> str:
    if cell.startswith(FORMULA_START) and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
