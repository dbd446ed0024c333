"""ThZM – Thüringer Zentrum für Maschinenbau, Ilmenau: CMS unknown [P] (extensionless slugs);
the events page and its markup are a guess [G]."""

from netzwerktimer_crawl.spider import NetworkSpider


class ThzmSpider(NetworkSpider):
    name = "thzm"
    # The cards often give the day only; each event's page has "Uhrzeit" and "Ort".
    follow_details = True
