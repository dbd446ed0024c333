"""German full-text search for ?_search=: word parts anywhere, and no error on any input.

Datasette's escaped search mode passes the typed text through the SQL function escape_fts().
This replaces that function (trylast: after Datasette registered its own) with one for the
catalog's trigram index (netzwerktimer_crawl/search_text.py), where the text has every word
between "~":

- a term of three characters or more matches anywhere, also inside a word: "versammlung"
  finds "Mitgliederversammlung", "Netzwerk" finds "Netzwerkabend";
- a term of two matches a word's beginning ("KI" finds "KI-Sprechstunde", not "Lokis"), a
  term of one a whole word;
- a quoted phrase matches its words in a row: "Messe Köln";
- every term must match; -, NOT, OR, AND, * and brackets are only ever text.

Umlauts need nothing here: the index holds the event's text with umlauts folded (Köln as
Koln) and spelled out (Gründer as Gruender) too.

escape_fts_start() is the same query with every term at a word's beginning ("treffen" finds
"Treffen:" and "Treffenreihe", not "Netzwerktreffen"): the canned query suche ranks those
hits first.

?_search= on a table whose metadata names its `search_index` is answered here, not by
Datasette's own search (which its metadata's fts_table would switch on), so that the plan
follows the number of hits. Datasette's `rowid in (hits)` makes SQLite fetch every hit and
sort them all for a page of 50: 530 ms for a word in a fifth of a million events
(benchmarks/bench_catalog.py). So up to PROBE hits are read first:
- if that is all of them, the rows are looked up from that list and sorted;
- if there are more, `+rowid in (hits)`: the unary plus keeps SQLite from looking each hit
  up, so it walks the index of the page's order and stops at the page's end, which comes
  soon when one row in 50 or more is a hit (310 ms; the search index's own reading of the
  hits is 130 of them).
The count and the facets run the same clause, so they stay exact.
"""

import json
import re

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite

PROBE = 20_000  # hits read before the plan is chosen: up to 20 ms

# A quoted phrase, or a run of anything but white space.
TERM = re.compile(r'"([^"]*)"|(\S+)')
# What the index reads as a word boundary (search_text.py marks words between the same ones).
PUNCTUATION = "\"'„“‚‘()[]{}<>,.;:!?-–—*^+~|/\\"
BOUNDARY = re.compile(r'[\s\-/("„]+')


def fts_query(text: str | None, *, word_start: bool = False) -> str:
    """The FTS5 query of what a visitor typed; with `word_start`, each term must begin a word
    (the index marks word boundaries with "~", search_text.py)."""
    phrases = []
    for phrase, word in TERM.findall(text or ""):
        # Punctuation around a word is not part of it: "KI," and "(Messe" are "KI", "Messe".
        words = [w.strip(PUNCTUATION) for w in BOUNDARY.split(phrase or word)]
        words = [w for w in words if any(c.isalnum() for c in w)]
        if not words:
            continue
        body = "~ ~".join(words).replace('"', '""')
        # A trigram needs three characters: a word of two begins a word ("~KI"), one of one
        # is a word ("~3~"). Anything longer is a substring.
        if word_start or (len(words) == 1 and len(body) < 3):
            body = f"~{body}" + ("~" if len(body) == 1 else "")
        phrases.append(f'"{body}"')
    # An empty MATCH is an FTS5 syntax error; the empty phrase matches nothing instead.
    return " ".join(phrases) or '""'


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function(
        "escape_fts_start", 1, lambda text: fts_query(text, word_start=True), deterministic=True
    )


@hookimpl
def filters_from_request(request, database, table, datasette):
    search = request.args.get("_search")
    index = datasette.table_metadata(database, table).get("search_index")
    if not search or not index:
        return None

    async def hits() -> FilterArguments:
        name = escape_sqlite(index)
        match = f"select rowid from {name} where {name} match escape_fts(:search)"
        first = await datasette.get_database(database).execute(
            f"{match} limit {PROBE + 1}", {"search": search}
        )
        params = {"search": search}
        if len(first) <= PROBE:
            params["search_hits"] = json.dumps([row[0] for row in first])
            where = "rowid in (select value from json_each(:search_hits))"
        else:
            where = f"+rowid in ({match})"
        return FilterArguments(
            [where],
            params,
            [f"search matches {json.dumps(search, ensure_ascii=False)}"],
            {"search": search},
        )

    return hits


@hookimpl
def extra_template_vars(view_name, database, table, datasette):
    # The search box: Datasette shows it only for a table it searches itself.
    if view_name == "table" and datasette.table_metadata(database, table).get("search_index"):
        return {"supports_search": True}
    return {}
