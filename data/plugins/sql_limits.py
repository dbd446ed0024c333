"""A cap on the size of any string or blob a query builds: 10 MB instead of SQLite's 1 GB.

The SQL time limit (settings.json) is checked between VM steps, never inside one function
call: printf('%.*c', 1000000000, 'x') held the server for 19 s and took 1 GB. The cap keeps
such a call's memory at 10 MB (zeroblob, randomblob, replace fail at once), but SQLite 3.40's
printf still spins about 8 s of CPU. So arbitrary SQL stays off in public (settings.json);
this bounds it where an operator turns it on (make_datasette(allow_sql=True)). The largest
value in a catalog is a description of a few kB.
"""

import sqlite3

from datasette import hookimpl

MAX_LENGTH = 10_000_000


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
