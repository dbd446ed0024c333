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
- if there are more, the search is dense: SQLite walks the index of the page's order and
  asks search_hit() of each row, and stops at the page's end, soon when one row in 50 or
  more is a hit. search_hit() answers from a bitmap of the hits, one bit per rowid.
Either is read once per catalog version (Hits): the trigram index alone needs 110 to 130 ms
to read a fifth of a million events' hits, and 140 ms for three common words, which paging
through them, the count and each facet paid again before.
The count and the facets run the same clause, so they stay exact.
"""

import json
import re
import sqlite3
import threading
from collections import OrderedDict
from contextlib import closing

from datasette import hookimpl
from datasette.database import Database
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite

from netzwerktimer_crawl.result_cache import catalog_version

PROBE = 20_000  # hits read before the plan is chosen: up to 20 ms
KEPT = 32  # searches' hits kept: up to 150 kB of rowids, or a bitmap of 125 kB at 1M

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


def hit_bitmap(conn: sqlite3.Connection, index: str, search: str) -> bytearray:
    """One bit per rowid, set for the rows of `index` that `search` finds."""
    name = escape_sqlite(index)
    sql = f"select rowid from {name} where {name} match ?"
    rowids = [rowid for (rowid,) in conn.execute(sql, [fts_query(search)])]
    bits = bytearray((max(rowids) >> 3) + 1 if rowids else 0)
    for rowid in rowids:
        bits[rowid >> 3] |= 1 << (rowid & 7)
    return bits


class Hits:
    """What searches found, kept per catalog version under the JSON of [index, search]:
    the JSON list of the rowids when there are at most PROBE, else their bitmap. Used from
    the event loop and from Datasette's query threads (search_bits), hence the lock."""

    def __init__(self) -> None:
        self.found: OrderedDict[tuple[str, str], str | bytearray] = OrderedDict()
        self.versions: dict[str, tuple] = {}  # by database path
        self.lock = threading.Lock()

    def current(self, database: Database, key: str) -> tuple[str | bytearray | None, tuple]:
        """What `key` found in the catalog as it is now, if that is kept, and the version
        to keep what is read now for."""
        version = catalog_version(database)
        with self.lock:
            if self.versions.get(database.path) != version:
                for stale in [k for k in self.found if k[0] == database.path]:
                    del self.found[stale]
                self.versions[database.path] = version
            return self.found.get((database.path, key)), version

    def keep(self, path: str, key: str, found: str | bytearray, version: tuple | None) -> None:
        """Keeps `found` if the catalog is still at `version`, the one it was read from."""
        with self.lock:
            if self.versions.get(path) != version:
                return
            self.found[(path, key)] = found
            while len(self.found) > KEPT:
                self.found.popitem(last=False)

    def bitmap(self, path: str, key: str) -> bytearray:
        """`key`'s bitmap; one dropped since its query was planned (by a change of the
        catalog, or by other searches) is read again, on a connection of its own."""
        with self.lock:
            bits, version = self.found.get((path, key)), self.versions.get(path)
        if not isinstance(bits, bytearray):
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
                bits = hit_bitmap(conn, *json.loads(key))
            self.keep(path, key, bits, version)
        return bits


HITS = Hits()


@hookimpl(trylast=True)
def prepare_connection(conn, database, datasette):
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function(
        "escape_fts_start", 1, lambda text: fts_query(text, word_start=True), deterministic=True
    )
    path = datasette.get_database(database).path
    if not path:
        return
    kept: dict[int, bytearray] = {}  # this connection's bitmaps, by search_bits()' token

    def search_bits(key: str) -> int:
        # Deterministic, of a constant: SQLite calls it once per statement, not per row.
        bits = HITS.bitmap(path, key)
        kept[id(bits)] = bits
        while len(kept) > 4:
            del kept[next(iter(kept))]
        return id(bits)

    def search_hit(token: int, rowid: int) -> bool:
        bits = kept[token]
        return rowid >> 3 < len(bits) and bool(bits[rowid >> 3] >> (rowid & 7) & 1)

    conn.create_function("search_bits", 1, search_bits, deterministic=True)
    conn.create_function("search_hit", 2, search_hit, deterministic=True)


@hookimpl
def filters_from_request(request, database, table, datasette):
    search = request.args.get("_search")
    index = datasette.table_metadata(database, table).get("search_index")
    if not search or not index:
        return None

    async def hits() -> FilterArguments:
        db = datasette.get_database(database)
        key = json.dumps([index, search], ensure_ascii=False)
        # a database in memory has no file to version, nor to read a bitmap from: its hits
        # are read each time, as a list
        found, version = HITS.current(db, key) if db.path else (None, None)
        if found is None:
            name = escape_sqlite(index)
            limit = f"limit {PROBE + 1}" if db.path else ""
            first = await db.execute(
                f"select rowid from {name} where {name} match escape_fts(:search) {limit}",
                {"search": search},
            )
            if len(first) <= PROBE or not db.path:
                found = json.dumps([row[0] for row in first])
            else:
                found = await db.execute_fn(lambda conn: hit_bitmap(conn, index, search))
            if db.path:
                HITS.keep(db.path, key, found, version)
        if isinstance(found, str):
            params = {"search": search, "search_hits": found}
            where = "rowid in (select value from json_each(:search_hits))"
        else:
            params = {"search": search, "search_hits": key}
            where = "search_hit(search_bits(:search_hits), rowid)"
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
