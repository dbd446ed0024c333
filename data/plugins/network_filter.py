"""?netzwerk= and ?branche=: one filter, one meaning, on every page that takes it.

An event belongs to every network that lists it (the view event_networks), so a co-hosted
event is found under each of its networks: on the week page, in the calendar feed, in the
canned queries and on the events tables. `netzwerk` and `branche` are the names;
`network` and `sector` are aliases. A slug or name in any case is taken ("OptoNet"); an
unknown one is a 400 naming the known ones, never a silent "all" or "none".

The tables' own `?network=` would filter the organizer column only, so on the events tables
the value moves to `_netzwerk`, which filters_from_request turns into the relation.
"""

import html
import json
import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils.asgi import Response

from netzwerktimer_crawl.catalog import routed

DATABASE = "netzwerktimer"
ALIASES = {"network": "netzwerk", "sector": "branche"}
EVENT_TABLES = ("events", "events_public", "upcoming_events")
TABLES = re.compile(rf"^/{DATABASE}/({'|'.join(EVENT_TABLES)})(\.\w+)?$")
QUERY = re.compile(rf"^/{DATABASE}/(\w+)(\.\w+)?$")
WHERE = {
    "netzwerk": "id in (select event_id from event_networks where network = :p_netzwerk)",
    "branche": "id in (select event_id from event_networks where sector = :p_branche)",
}


async def _known(datasette, name: str) -> dict[str, str]:
    """What a visitor may write for each network or sector, folded, and its stored value."""
    db = datasette.get_database(DATABASE)
    if name == "netzwerk":
        rows = await db.execute("select slug, name from networks")
        return {v.casefold(): r["slug"] for r in rows for v in (r["slug"], r["name"]) if v}
    rows = await db.execute("select distinct sector from networks where sector is not null")
    return {r["sector"].casefold(): r["sector"] for r in rows}


def _refusal(path: str, name: str, value: str, known: dict[str, str]) -> Response:
    shown = ", ".join(sorted(set(known.values())))
    label = "Unbekanntes Netzwerk" if name == "netzwerk" else "Unbekannte Branche"
    message = f"{label} „{value}“. Bekannt sind: {shown}."
    if path.endswith(".json"):  # as Datasette answers its own errors
        return Response.json({"ok": False, "error": message, "status": 400}, status=400)
    if re.search(r"\.\w+$", path):  # a feed or a download
        return Response.text(message, status=400)
    return Response.html(
        f"<!DOCTYPE html><html lang=de><title>{label}</title><p>{html.escape(message)}",
        status=400,
    )


async def _query_parameters(datasette, path: str) -> set[str]:
    """The filters a canned query takes (`:netzwerk`, `:branche`)."""
    match = QUERY.match(path)
    if not match:
        return set()
    queries = await datasette.get_canned_queries(DATABASE, None)
    sql = queries.get(match[1], {}).get("sql", "")
    return {name for name in ("netzwerk", "branche") if f":{name}" in sql}


async def _rewrite(datasette, scope) -> Response | None:
    """The scope's query string with the filters named and checked, or the 400."""
    path = routed(datasette, scope["path"])
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if not any(ALIASES.get(k, k) in ("netzwerk", "branche") for k, _ in pairs):
        return None
    table = bool(TABLES.match(path))
    if not (table or path == "/woche" or await _query_parameters(datasette, path)):
        return None
    rewritten = []
    for key, value in pairs:
        name = ALIASES.get(key, key)
        if name not in ("netzwerk", "branche"):
            rewritten.append((key, value))
            continue
        if value:
            known = await _known(datasette, name)
            if value.casefold() not in known:
                return _refusal(path, name, value, known)
            value = known[value.casefold()]
        rewritten.append((f"_{name}" if table else name, value))
    scope["query_string"] = urlencode(rewritten).encode("latin-1")
    return None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def filtered(scope, receive, send):
            if scope["type"] == "http":
                refusal = await _rewrite(datasette, scope)
                if refusal is not None:
                    await refusal.asgi_send(send)
                    return
            await app(scope, receive, send)

        return filtered

    return wrap


@hookimpl
def filters_from_request(request, database, table):
    if database != DATABASE or table not in EVENT_TABLES:
        return None
    chosen = {name: request.args.get(f"_{name}") for name in WHERE}
    chosen = {name: value for name, value in chosen.items() if value}
    if not chosen:
        return None
    return FilterArguments(
        [WHERE[name] for name in chosen],
        params={f"p_{name}": value for name, value in chosen.items()},
        human_descriptions=[
            f"{'Netzwerk' if name == 'netzwerk' else 'Branche'} ist {json.dumps(value)}"
            for name, value in chosen.items()
        ],
    )
