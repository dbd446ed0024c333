"""Finding a network's events page when the configured URL has gone away."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

# Menu words and URL segments of German event pages, best first.
WORDS = ("veranstaltungen", "termine", "events", "kalender", "veranstaltung", "event")
_WORD = re.compile("|".join(WORDS), re.I)


def _own(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def _rank(url: str, text: str = "") -> tuple[int, int]:
    """Lower is better: earlier word in WORDS, then the shorter URL (a list, not an event)."""
    haystack = f"{text} {urlsplit(url).path}".lower()
    position = next((i for i, word in enumerate(WORDS) if word in haystack), len(WORDS))
    return position, len(url)


def events_page(response: Response, domains: tuple[str, ...]) -> str | None:
    """The likeliest events page named by a sitemap or by a page's navigation links."""
    candidates: list[tuple[str, str]] = []
    if response.url.endswith(".xml") or b"<urlset" in response.body[:1000]:
        try:
            candidates = [(entry["loc"], "") for entry in Sitemap(response.body)]
        except Exception:  # noqa: BLE001 - a broken sitemap just offers nothing
            candidates = []
    elif isinstance(response, TextResponse):
        for link in response.css("nav a, header a, .menu a, #menu a"):
            href, text = link.attrib.get("href"), link.xpath("string()").get("")
            if href:
                candidates.append((response.urljoin(href), text.strip()))
    matches = [
        (url, text)
        for url, text in candidates
        if _own(url, domains) and (_WORD.search(text) or _WORD.search(urlsplit(url).path))
    ]
    return min(matches, key=lambda m: _rank(*m))[0] if matches else None
