"""Thüringer ClusterManagement (LEG Thüringen), Erfurt: TYPO3 (evidenced) with the
sf_event_mgt extension (a guess [G]; the events URLs are not checked against the live site)."""

from netzwerktimer_crawl.extract.listing import SF_EVENT_MGT, Listing
from netzwerktimer_crawl.spider import NetworkSpider


class ThcmSpider(NetworkSpider):
    name = "thcm"
    listing = SF_EVENT_MGT
    # The extension's detail view as the site trims it: event-detail-* rows, the place in
    # one row; its date-only JSON-LD (the FAQ's snippet) is read first.
    detail = Listing(
        item=".tx-sf-event-mgt",
        title="h2.event-title",
        url="h2.event-title a::attr(href)",
        when=".event-detail-value.event-startdate",
        end=".event-detail-value.event-enddate",
        location=".event-detail-value.event-location",
        description=".event-detail-value.event-description",
    )
