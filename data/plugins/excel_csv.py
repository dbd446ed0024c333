""".excel: the CSV that German Excel opens as it is: UTF-8 with a BOM, semicolon-separated.

Datasette's CSV is UTF-8 without a BOM and comma-separated, so German Excel breaks the
umlauts and puts each row in one cell. This renderer writes the page's rows with its filters
and without its page size: every matching row, streamed in constant memory (streaming.py),
with a label column after each foreign key when the page asks for labels, as Datasette's CSV
does. The link shows up on every table, view and query page next to json and the other
formats.
"""

import re

from datasette import hookimpl

from netzwerktimer_crawl.streaming import EveryRow, StreamingResponse, csv_text

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
    name = table or query_name or database
    return StreamingResponse(
        csv_text(
            EveryRow(datasette, database, data, rows), delimiter=";", bom=True,
            names=HEADERS, cell=_cell,
        ),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )  # fmt: skip


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
