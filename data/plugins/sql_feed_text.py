"""SQL functions feed_text(text) and feed_url(url): values fit for a feed, for neu.atom.

The Atom feed (atom_feed.py, feedgen) goes through lxml, which refuses the whole document over
one control character, so the canned query cleans what came from the organizers' pages. The
rules are catalog.clean_text and clean_url, the same as the iCalendar feed's.
"""

import logging

from datasette import hookimpl

from netzwerktimer_crawl.catalog import clean_text, clean_url

log = logging.getLogger("netzwerktimer.sql_feed_text")


@hookimpl
def prepare_connection(conn):
    conn.create_function("feed_text", 1, _logged(clean_text), deterministic=True)
    conn.create_function("feed_url", 1, _logged(clean_url), deterministic=True)


def _logged(clean):
    def function(value):
        if not isinstance(value, str):
            return value
        cleaned = clean(value)
        if cleaned != value:
            log.warning("%s cleaned for the feed: %.80r", clean.__name__, value)
        return cleaned

    return function
