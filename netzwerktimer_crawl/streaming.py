"""Every row of a Datasette page's query, streamed, for the feeds and downloads that cannot page.

A table page holds 50 rows and a query at most max_returned_rows, but a calendar or a
spreadsheet has no next page. The page's own query runs once more, on a read-only connection
of its own, and is fetched a chunk at a time in a worker thread: memory stays constant however
many rows there are, and Datasette's SQL threads stay free for other readers. Datasette's SQL
time limit applies to each chunk, so a query that stalls ends the stream, and `cut` says so.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Mapping

from datasette.utils.asgi import Response

CHUNK = 1000
FIRST_CHUNK = 50  # the first rows go out at once, while the query reads on
_PAGE_LIMIT = re.compile(r"\s+limit\s+\d+(\s+offset\s+\d+)?\s*$", re.I)


class EveryRow:
    """The rows a page of `database` stands for (`data` is Datasette's data for the page)."""

    def __init__(self, datasette, database: str, data: dict, rows) -> None:
        self.datasette, self.database, self.table = datasette, database, data.get("table")
        # Foreign keys the page shows labels of (?_labels=on): their label columns follow them.
        self.expanded: list[str] = list(data.get("expanded_columns") or [])
        self.page = list(rows)
        self.columns: list[str] = list(data.get("columns") or [])
        # Complete when the page is not cut: no next page, no truncated query.
        self.complete = not (data.get("next") or data.get("truncated"))
        query = data.get("query") or {}
        self.sql = query.get("sql", "")
        if data.get("table"):  # the page's own limit goes, its filters and order stay
            self.sql = _PAGE_LIMIT.sub("", self.sql)  # (a query's own limit stays)
        self.params = query.get("params") or {}
        self.count = 0
        self.cut = False  # the time limit ended the stream before its last row

    async def chunks(self) -> AsyncIterator[list[sqlite3.Row]]:
        """The rows, CHUNK at a time; `columns` names their values once the first is here."""
        if self.complete:
            self.count = len(self.page)
            if self.page:
                yield self.page
            return
        conn = await asyncio.to_thread(self._connect)
        limit = self.datasette.setting("sql_time_limit_ms") / 1000
        deadline = [0.0]
        conn.set_progress_handler(lambda: time.monotonic() > deadline[0], 1000)
        try:
            deadline[0] = time.monotonic() + limit
            cursor = await asyncio.to_thread(conn.execute, self.sql, self.params)
            self.columns = [column[0] for column in cursor.description or ()]
            size = FIRST_CHUNK
            while True:
                deadline[0] = time.monotonic() + limit
                rows = await asyncio.to_thread(cursor.fetchmany, size)
                size = CHUNK
                if not rows:
                    return
                self.count += len(rows)
                yield rows
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                raise
            self.cut = True
        finally:
            await asyncio.to_thread(conn.close)

    def _connect(self) -> sqlite3.Connection:
        path = self.datasette.get_database(self.database).path
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        # The SQL functions the catalog's queries call (heute(), feed_text(), ...).
        self.datasette._prepare_connection(conn, self.database)
        return conn


async def csv_text(
    source: EveryRow,
    *,
    delimiter: str = ",",
    bom: bool = False,
    header: bool = True,
    names: Mapping[str, str] = {},
    cell: Callable[[object], str] = lambda value: "" if value is None else str(value),
) -> AsyncIterator[str]:
    """The rows of `source` as CSV, a chunk at a time, as Datasette's CSV writes them: a
    header (its columns renamed by `names`), and a `column`_label after each expanded foreign
    key. `cell` writes a value. A stream the time limit ended says so in its last line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    columns = None
    async for chunk in source.chunks():
        rows = [dict(zip(source.columns, row, strict=True)) for row in chunk]
        for column in source.expanded:
            await _label(source, column, rows)
        if columns is None:
            columns = _with_labels(source.columns, source.expanded)
            out.write("\ufeff" if bom else "")
            if header:
                writer.writerow([names.get(column, column) for column in columns])
        for values in rows:
            writer.writerow([cell(values.get(column)) for column in columns])
        yield _take(out)
    if columns is None:  # no rows: the header still names the columns
        out.write("\ufeff" if bom else "")
        if header:
            columns = _with_labels(source.columns, source.expanded)
            writer.writerow([names.get(column, column) for column in columns])
    if source.cut:  # said in the file itself, where whoever opens it sees it
        writer.writerow([f"[abgebrochen nach {source.count} Zeilen: Zeitlimit der Abfrage]"])
    yield _take(out)


async def _label(source: EveryRow, column: str, rows: list[dict]) -> None:
    """Each row's label of `column`, a foreign key, in `column`_label. A page's own rows come
    expanded already ({"value", "label"}), the rows streamed after them do not."""
    plain = list({row[column] for row in rows if not isinstance(row.get(column), dict)})
    names = {}
    if plain and source.table:
        names = await source.datasette.expand_foreign_keys(
            source.database, source.table, column, plain
        )
    for row in rows:
        if isinstance(value := row.get(column), dict):
            row[column], row[f"{column}_label"] = value["value"], value["label"]
        else:
            row[f"{column}_label"] = names.get((column, value))


def _with_labels(columns: list[str], expanded: list[str]) -> list[str]:
    named = []
    for column in columns:
        named.append(column)
        if column in expanded:
            named.append(f"{column}_label")
    return named


def _take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


class StreamingResponse(Response):
    """A Response whose body is sent as its parts come, for an output renderer to return."""

    def __init__(self, parts: AsyncIterator[str], *, content_type: str, headers=None) -> None:
        super().__init__(None, headers=headers, content_type=content_type)
        self.parts = parts

    async def asgi_send(self, send) -> None:
        headers = {**self.headers, "content-type": self.content_type}
        await send(
            {
                "type": "http.response.start",
                "status": self.status,
                "headers": [[k.encode(), v.encode()] for k, v in headers.items()],
            }
        )
        async for part in self.parts:
            await send({"type": "http.response.body", "body": part.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b""})
