"""InfectoGnostics Forschungscampus Jena: TYPO3 news used for events (a guess [G] from the
news pages' date menu "Nach Datum einschränken"; the events URLs are not checked)."""

from netzwerktimer_crawl.extract.listing import TYPO3_NEWS
from netzwerktimer_crawl.spider import NetworkSpider


class InfectognosticsSpider(NetworkSpider):
    name = "infectognostics"
    listing = TYPO3_NEWS
