"""The text the catalog's search index (events_fts, trigram) holds for an event.

`marked` is the event's text and its network's names, with every word between "~", so that
a term of one or two characters ("KI") can match a word's beginning ("~KI" in
"~KI~ ~Sprechstunde~"). `variants` is the event's own text again with umlauts folded
("Koln") and spelled out ("Gruender"), or None when it has none: SQLite's trigram tokenizer
has no remove_diacritics before 3.45. data/plugins/german_search.py turns a visitor's words
into queries of this index.

history.store indexes the events it adds, one statement per batch (index()); a trigger
per event made every insert a statement journal and an FTS5 flush to disk (db.py, m011).
The triggers that follow updates call these functions in SQL, so every connection that
writes events needs add_search_functions(); open_db() adds them.
"""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database

# The characters that end a word before a short term ("(KI)", "KI-Tag", „KI“).
# german_search.BOUNDARY splits queries at the same ones.
BREAKS = ("-", "/", "(", '"', "„", "\n")
FOLDED = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"}
SPELLED = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}


def _text(title, description, location, city, network) -> str:
    fields = (title, description, location, city, network)
    return " | ".join("" if field is None else str(field) for field in fields)


def marked(
    title: str | None, description: str | None, location: str | None, city: str | None,
    network: str | None,
) -> str:  # fmt: skip
    """The event's words, each between "~"; `network` is its network's slug and names."""
    text = _text(title, description, location, city, network)
    for mark in BREAKS:
        text = text.replace(mark, " ")
    return "~" + text.replace(" ", "~ ~") + "~"


def variants(
    title: str | None, description: str | None, location: str | None, city: str | None
) -> str | None:
    """The event's own text, marked, with umlauts folded, then spelled out; None if it has no
    umlaut. Not the network's names: "Thüringen" in most of them tripled the index."""
    text = marked(title, description, location, city, None)
    if not any(letter in text for letter in FOLDED):
        return None
    folded, spelled = text, text
    for letter in FOLDED:
        folded = folded.replace(letter, FOLDED[letter])
        spelled = spelled.replace(letter, SPELLED[letter])
    return f"{folded} {spelled}"


def add_search_functions(conn: sqlite3.Connection) -> None:
    """SQL functions search_marked() and search_variants(), which the index's triggers call."""
    conn.create_function("search_marked", 5, marked, deterministic=True)
    conn.create_function("search_variants", 4, variants, deterministic=True)


NETWORK = (
    "coalesce((select n.slug || ' ' || coalesce(n.name, '') || ' ' || coalesce(n.full_name, '') "
    "from networks n where n.slug = {e}.network), {e}.network)"
)
FIELDS = "{e}.title, {e}.description, {e}.location, {e}.city"


def values(e: str) -> str:
    """SQL of the index's (marked, variants) for the row `e` ("new", or an alias of events)."""
    fields = FIELDS.format(e=e)
    return f"search_marked({fields}, {NETWORK.format(e=e)}), search_variants({fields})"


def index(db: Database, rowids: list[int] | None = None) -> None:
    """Index the events of `rowids` (all events if None) that the index does not hold yet:
    an update's trigger may have indexed one already."""
    where = "" if rowids is None else "and e.rowid in (select value from json_each(?))"
    db.execute(
        f"insert into events_fts (rowid, marked, variants) "
        f"select e.rowid, {values('e')} from events e "
        f"where e.rowid not in (select rowid from events_fts where rowid = e.rowid) {where}",
        [] if rowids is None else [json.dumps(rowids)],
    )
