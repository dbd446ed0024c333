"""German full-text search for ?_search=: prefix matching, and no error on any input.

Datasette's escaped search mode passes the typed text through the SQL function escape_fts().
This replaces that function (trylast: after Datasette registered its own), so that every term
matches as a prefix ("Netzwerk" finds "Netzwerkabend") and quotes, minus signs or FTS5
keywords are only ever text. Umlauts need nothing here: the index holds every text twice,
with umlauts folded (Köln as koln) and spelled out (Gründer as gruender); see db.py.
"""

import re

from datasette import hookimpl

# A quoted phrase, or a run of anything but white space.
TERM = re.compile(r'"([^"]*)"|(\S+)')


def fts_prefix_query(text: str | None) -> str:
    terms = [phrase or word for phrase, word in TERM.findall(text or "")]
    quoted = [
        '"{}"*'.format(term.replace('"', '""'))
        for term in terms
        if any(character.isalnum() for character in term)
    ]
    # An empty MATCH is an FTS5 syntax error; the empty phrase matches nothing instead.
    return " ".join(quoted) or '""'


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_prefix_query, deterministic=True)
