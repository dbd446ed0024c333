"""Thüringer ClusterManagement (LEG Thüringen), Erfurt: TYPO3 (evidenced) with the
sf_event_mgt extension (a guess [G]; the events URLs are not checked against the live site)."""

from netzwerktimer_crawl.spider import NetworkSpider


class ThcmSpider(NetworkSpider):
    name = "thcm"
    # The detail view has the place and the description the list lacks.
    follow_details = True
