"""medways e.V., Jena: hand-written PHP [E]; the events page and its layout are a guess [G]."""

from netzwerktimer_crawl.extract.listing import Listing
from netzwerktimer_crawl.spider import NetworkSpider

# veranstaltungen.php: one table row per event (and a "Rückblick" table of past ones);
# date and time in one cell, broken by <br>; the sidebar boxes are not events.
TABLE = Listing(
    item="table.termine tr:not(:first-child)",
    title="td.titel b",
    url="td.titel a::attr(href)",
    when="td.datum",
    location="td.ort",
    description="td.titel .kurz",
)

# veranstaltung.php?id=N: a label–value table ("Termin:", "Ort:") above the text.
PAGE = Listing(
    item="td#inhalt",
    title="h1",
    url="h1 a::attr(href)",  # none: the page is the event's own
    when='td.label:contains("Termin") + td',
    location='td.label:contains("Ort") + td',
    description="div.text",
)


class MedwaysSpider(NetworkSpider):
    name = "medways"
    listing = TABLE
    detail = PAGE
