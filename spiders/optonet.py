"""OptoNet e.V., Jena: WordPress with The Events Calendar (the CMS is evidenced, the
events URLs are not yet checked against the live site)."""

from netzwerktimer_crawl.spider import NetworkSpider


class OptonetSpider(NetworkSpider):
    name = "optonet"
    # The plugin's REST API first; the events page when the API is switched off.
    tribe_api = "https://optonet-jena.de/wp-json/tribe/events/v1/events?per_page=50"
