"""medways e.V., Jena: hand-written PHP [E]; the events page and its layout are a guess [G]."""

from netzwerktimer_crawl.spider import NetworkSpider


class MedwaysSpider(NetworkSpider):
    name = "medways"
    # veranstaltung.php?id=N, each event's own page, adds what the table leaves out.
    follow_details = True
