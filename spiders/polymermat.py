"""PolymerMat e.V., Ilmenau: custom PHP [E], index.php?lang=de&id=<slug>; the menu
"Veranstaltungen" has four list pages [E], their id values are a guess [G]."""

from netzwerktimer_crawl.extract.listing import Listing
from netzwerktimer_crawl.spider import NetworkSpider

PAGE = "http://polymermat.de/index.php?lang=de&id="


class PolymermatSpider(NetworkSpider):
    name = "polymermat"
    # The registry's events_url is the first, "Messen".
    start_pages = (PAGE + "konferenzen", PAGE + "workshops", PAGE + "veranstaltungsarchiv")
    # The archive lists the Kunststofftage since 2014, older than the generic steps take
    # events (three years): its template, one block per event, is read by selectors.
    listing = Listing(
        item="#content .termin",
        title="h2",
        url="h2 a::attr(href)",
        when="p.datum",
        location="p.ort",
        description=".beschreibung",
    )
