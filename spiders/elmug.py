"""ELMUG eG, Ilmenau: WordPress [E: date permalinks] with Modern Events Calendar [G: the
plugin is a guess, not checked against the live site]."""

from netzwerktimer_crawl.spider import NetworkSpider


class ElmugSpider(NetworkSpider):
    name = "elmug"
    # The list skin gives days only (its JSON-LD too); each event's page has the times.
    follow_details = True
