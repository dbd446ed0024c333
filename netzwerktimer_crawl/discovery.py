"""Finding where a network publishes its events, from its home page or events page.

In the order the spider tries them:
- calendar feeds: `<link rel="alternate" type="text/calendar">`, links to `.ics` files,
  `?ical=1` exports and `webcal://` subscriptions;
- The Events Calendar's REST APIs, when the page is WordPress: its REST discovery link
  `<link rel="https://api.w.org/" href=".../wp-json/">` names the base;
- the events page: a menu entry (Veranstaltungen, Termine, Events, Kalender, Messen …) or
  an entry of the sitemap.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

# Menu words and URL segments of German event pages, best first.
WORDS = ("veranstaltungen", "termine", "events", "kalender", "messen", "veranstaltung", "event")
_WORD = re.compile("|".join(WORDS), re.I)
_ICS = re.compile(r"\.ics(?:$|\?)|[?&](?:ical|outlook-ical)=1\b|^webcal://", re.I)
TEC_ENDPOINTS = ("tribe/events/v1/events?per_page=50", "tec/v1/events?per_page=50")


def _own(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def _rank(url: str, text: str = "") -> tuple[int, int]:
    """Lower is better: earlier word in WORDS, then the shorter URL (a list, not an event)."""
    haystack = f"{text} {urlsplit(url).path}".lower()
    position = next((i for i, word in enumerate(WORDS) if word in haystack), len(WORDS))
    return position, len(url)


def feeds(response: Response, domains: tuple[str, ...]) -> list[str]:
    """Calendar feeds the page announces or links to, on the network's own domains."""
    if not isinstance(response, TextResponse):
        return []
    hrefs = response.xpath(
        '//link[@rel="alternate"][contains(@type, "calendar")]/@href | //a/@href'
    ).getall()
    found = []
    for href in hrefs:
        href = href.strip()
        if href.startswith("webcal://"):
            href = "https://" + href.removeprefix("webcal://")
        url = response.urljoin(href)
        if _ICS.search(href) and _own(url, domains) and url not in found:
            found.append(url)
    announced = response.xpath('//link[@rel="alternate"][contains(@type, "calendar")]/@href')
    for href in announced.getall():
        url = response.urljoin(href.strip())
        if _own(url, domains) and url not in found:
            found.insert(0, url)
    return found


def tec_apis(response: Response) -> list[str]:
    """The Events Calendar's REST endpoints, when the page announces a WordPress REST API."""
    if not isinstance(response, TextResponse):
        return []
    base = response.xpath('//link[@rel="https://api.w.org/"]/@href').get()
    if not base:
        return []
    base = response.urljoin(base.strip())
    if "rest_route=" in base:  # plain permalinks: ?rest_route=/
        return [f"{base.rstrip('/')}/{endpoint}".replace("?per_page", "&per_page")
                for endpoint in TEC_ENDPOINTS]  # fmt: skip
    return [urljoin(base if base.endswith("/") else base + "/", e) for e in TEC_ENDPOINTS]


def events_page(response: Response, domains: tuple[str, ...]) -> str | None:
    """The likeliest events page named by a sitemap or by a page's navigation links."""
    candidates: list[tuple[str, str]] = []
    if response.url.endswith(".xml") or b"<urlset" in response.body[:1000]:
        try:
            candidates = [(entry["loc"], "") for entry in Sitemap(response.body)]
        except Exception:  # noqa: BLE001 - a broken sitemap just offers nothing
            candidates = []
    elif isinstance(response, TextResponse):
        for link in response.css("nav a, header a, .menu a, #menu a, [role=navigation] a"):
            href, text = link.attrib.get("href"), link.xpath("string()").get("")
            if href:
                candidates.append((response.urljoin(href), text.strip()))
    matches = [
        (url, text)
        for url, text in candidates
        if _own(url, domains)
        and url.rstrip("/") != response.url.rstrip("/")
        and (_WORD.search(text) or _WORD.search(urlsplit(url).path))
    ]
    return min(matches, key=lambda m: _rank(*m))[0] if matches else None
