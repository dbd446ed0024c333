"""ITnet Thüringen e.V., Erfurt: a custom CMS [P] with a hand-written events list (a guess
[G]): year-less dates in bold before each title, under year headings."""

from netzwerktimer_crawl.extract.listing import Listing
from netzwerktimer_crawl.spider import NetworkSpider


class ItnetSpider(NetworkSpider):
    name = "itnet"
    # "<strong>1. Februar:</strong> Jahresempfang", under <h2>Termine 2027</h2>.
    listing = Listing(
        item="#inhalt ul > li",
        title="li",
        url="a::attr(href)",
        when="strong",
        year_heading="preceding::h2[1]",
    )
    # An entry's own page: Datum / Uhrzeit / Ort in a definition list.
    detail = Listing(
        item="#inhalt .veranstaltung",
        title="h1",
        url="h1 a::attr(href)",
        when='dt:contains("Datum") + dd, dt:contains("Uhrzeit") + dd',
        location='dt:contains("Ort") + dd',
        description=".text",
    )
