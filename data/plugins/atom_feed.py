""".atom: a query's rows as an Atom feed (neu.atom), written with feedgen.

In place of datasette-atom, which answers 500 on a query with no rows (an empty catalog),
gives the feed the request's URL as its id (a new feed for every host name and proxy) and
serves application/xml. Here the id is a tag URI of the query and its filters, an empty
feed is a valid feed, and the type is application/atom+xml. The query's columns are
datasette-atom's: atom_id, atom_title, atom_updated, and optionally atom_content,
atom_link, atom_author_name and atom_author_uri.
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

from datasette import __version__, hookimpl
from datasette.utils.asgi import Response
from feedgen.feed import FeedGenerator

REQUIRED = {"atom_id", "atom_title", "atom_updated"}
TAG = "tag:netzwerktimer-thueringen.de,2026"


@hookimpl
def register_output_renderer():
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}


def can_render_atom(columns):
    return REQUIRED.issubset(columns)


async def render_atom(datasette, request, rows, columns, database, table, query_name):
    if not can_render_atom(columns):
        return Response.text(f"Atom braucht die Spalten {', '.join(sorted(REQUIRED))}", 400)
    name = query_name or table
    feed = FeedGenerator()
    feed.generator("Datasette", version=__version__, uri="https://datasette.io/")
    filters = sorted(
        (k, v)
        for k in request.args.keys()
        if not k.startswith("_")
        for v in request.args.getlist(k)
    )
    feed.id(f"{TAG}:{name}" + (f"?{urlencode(filters)}" if filters else ""))
    feed.link(href=request.url, rel="self")
    feed.title(_title(datasette, database, name))
    feed.language("de")
    rows = [dict(row) for row in rows]
    updated = [row["atom_updated"] for row in rows if row["atom_updated"]]
    feed.updated(max(updated) if updated else await _last_crawl(datasette, database))
    for row in reversed(rows):  # feedgen puts the last entry added first
        entry = feed.add_entry()
        entry.id(str(row["atom_id"]))
        entry.title(str(row["atom_title"]))
        entry.updated(row["atom_updated"])
        if row.get("atom_content"):
            entry.content(row["atom_content"], type="text")
        if link := row.get("atom_link"):
            if link.startswith("/"):  # the catalog's own page: absolute, behind any base_url
                link = datasette.absolute_url(request, datasette.urls.path(link))
            entry.link(href=link)
        if row.get("atom_author_name"):
            author = {"name": row["atom_author_name"]}
            if row.get("atom_author_uri"):
                author["uri"] = row["atom_author_uri"]
            entry.author(author)
    return Response(feed.atom_str(pretty=True), content_type="application/atom+xml; charset=utf-8")


def _title(datasette, database: str, name: str) -> str:
    metadata = datasette.metadata(database=database) or {}
    for kind in ("queries", "tables"):
        if title := (metadata.get(kind, {}).get(name) or {}).get("title"):
            return title
    return name


async def _last_crawl(datasette, database: str) -> str:
    """An empty feed's date: the catalog's last finished crawl (or now, before the first)."""
    rows = await datasette.get_database(database).execute("select max(finished) from crawl_runs")
    return rows.first()[0] or datetime.now(UTC).isoformat(timespec="seconds")
