"""Downloads that hold every row (.csv?_stream=on, .excel, .ics), at the speed of SQLite.

Datasette streams a CSV page by page, and pages a view (events_public, the full export) by
OFFSET, so every page reads all the rows before it again: 982 rows/s at 200,000 events, and
slower the further it gets (benchmarks/bench_catalog.py). Here `.csv?_stream=on` is answered
by the renderer `csvstream`, which writes the same CSV (header, values, label columns) from
one pass of the query (streaming.py). The page that these downloads start from is asked for
without its row count and facets, which a download does not show and which take seconds at
a million events.
"""

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from netzwerktimer_crawl.streaming import EveryRow, StreamingResponse, csv_text

FULL = (".ics", ".excel", ".csvstream")
WITHOUT = [("_nocount", "1"), ("_nofacet", "1")]


@hookimpl
def register_output_renderer():
    # can_render False: no link of its own, pages link Datasette's CSV, which comes here.
    return {"extension": "csvstream", "render": render_csv, "can_render": lambda: False}


async def render_csv(datasette, request, database, data, rows):
    if not datasette.setting("allow_csv_stream"):
        return Response.text("CSV streaming is disabled", status=400)
    headers = {}
    content_type = "text/plain; charset=utf-8"  # as Datasette's CSV
    if request.args.get("_dl"):
        content_type = "text/csv; charset=utf-8"
        name = request.url_vars.get("table", database)
        headers["content-disposition"] = f'attachment; filename="{name}.csv"'
    parts = csv_text(
        EveryRow(datasette, database, data, rows), header=request.args.get("_header") != "off"
    )
    return StreamingResponse(parts, content_type=content_type, headers=headers)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def full(scope, receive, send):
            if scope["type"] == "http":
                _rewrite(scope)
            await app(scope, receive, send)

        return full

    return wrap


def _rewrite(scope: dict) -> None:
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    path = scope["path"]
    if path.endswith(".csv") and ("_stream", "on") in args and not dict(args).get("_trace"):
        path = scope["path"] = path.removesuffix(".csv") + ".csvstream"
        if scope.get("raw_path"):  # what Datasette routes by, percent-encoded
            scope["raw_path"] = scope["raw_path"].removesuffix(b".csv") + b".csvstream"
    if path.endswith(FULL):
        args += [arg for arg in WITHOUT if arg[0] not in dict(args)]
        scope["query_string"] = urlencode(args).encode("latin-1")
