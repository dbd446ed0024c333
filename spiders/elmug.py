"""ELMUG eG, Ilmenau: WordPress [E: date permalinks] with Modern Events Calendar [G: the
plugin is a guess, not checked against the live site]."""

from netzwerktimer_crawl.extract.listing import MEC_LIST, Listing
from netzwerktimer_crawl.spider import NetworkSpider


class ElmugSpider(NetworkSpider):
    name = "elmug"
    # The list skin with one date-only JSON-LD script per event.
    listing = MEC_LIST
    # MEC's single event page: its "Uhrzeit" box adds the times the JSON-LD lacks.
    detail = Listing(
        item="article.mec-single-event",
        title="h1.mec-single-title",
        url="h1.mec-single-title a::attr(href)",  # none: the page is the event's own
        when=".mec-single-event-date .mec-events-abbr, .mec-single-event-time .mec-events-abbr",
        location=".mec-single-event-location dd.author, .mec-single-event-location .mec-address",
        description=".mec-single-event-description",
    )
