"""ThZM – Thüringer Zentrum für Maschinenbau, Ilmenau: CMS unknown [P] (extensionless slugs);
the events page and its markup are a guess [G]."""

from netzwerktimer_crawl.extract.listing import Listing
from netzwerktimer_crawl.spider import NetworkSpider


class ThzmSpider(NetworkSpider):
    name = "thzm"
    # Cards: the title, the date on its own line (often without the time), "Mehr erfahren".
    listing = Listing(
        item="article.card--event",
        title=".card__title",
        url="a.card__more::attr(href)",
        when=".card__date",
        description=".card__text",
    )
    # The event's own page: a label–value block "Datum / Uhrzeit / Ort / Veranstalter".
    detail = Listing(
        item="article.event-detail",
        title="h1",
        url="h1 a::attr(href)",  # none: the page is the event's own
        when='dt:contains("Datum") + dd, dt:contains("Uhrzeit") + dd',
        location='dt:contains("Ort") + dd',
        description=".event-detail__text",
    )
