"""automotive thüringen e.V., Ilmenau: WordPress with The Events Calendar [G: no copy of
the site was found; the CMS is a guess, not checked against the live site]."""

from netzwerktimer_crawl.spider import NetworkSpider


class AutomotiveSpider(NetworkSpider):
    name = "automotive"
    # The plugin's REST API first; the events page when the API is switched off.
    tribe_api = "https://www.automotive-thueringen.de/wp-json/tribe/events/v1/events?per_page=50"
