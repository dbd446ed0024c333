"""Event lists in a CMS's own HTML: CSS selectors, with the date text left to parse_when.

A Listing names the selectors of one list template. The ready-made ones below follow the
templates of the CMS event modules (see shared/reference/cms-markup.md); a spider picks
one, or states its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin

from parsel import Selector

from ..berlin import parse_iso
from ..items import Event
from ..text import clean, html_to_text, status_from_text


@dataclass(frozen=True)
class Listing:
    item: str
    title: str
    url: str
    when: str
    location: str | None = None
    description: str | None = None
    # A status label such as "Abgesagt" outside the title.
    status: str | None = None
    # A machine-readable date beside the text, e.g. <time datetime>; anchors the year.
    date_hint: str | None = None
    next_page: str | None = None


# The Events Calendar, v2 list view.
TRIBE_LIST = Listing(
    item=".tribe-events-calendar-list__event-row",
    title=".tribe-events-calendar-list__event-title a",
    url=".tribe-events-calendar-list__event-title a::attr(href)",
    when="time.tribe-events-calendar-list__event-datetime",
    location="address.tribe-events-calendar-list__event-venue",
    description=".tribe-events-calendar-list__event-description",
    status=".tribe-events-status-label__text",
    date_hint="time.tribe-events-calendar-list__event-datetime::attr(datetime)",
    next_page="a.tribe-events-c-nav__next::attr(href)",
)

# Contao calendar-bundle event list (4.13 and 5.x templates).
CONTAO_LIST = Listing(
    item=".mod_eventlist .event",
    title="h2, h3",
    url="h2 a::attr(href), h3 a::attr(href)",
    when="p.time",
    location="p.location",
    description=".ce_text, .content-text, .teaser",
    date_hint="p.time time::attr(datetime)",
    next_page="nav.pagination a.next::attr(href), nav.tl_pagination a.next::attr(href)",
)

KNOWN = (TRIBE_LIST, CONTAO_LIST)


def _text(node: Selector, css: str | None) -> str | None:
    if not css:
        return None
    return clean(" ".join(node.css(css).xpath("string()").getall()))


def _parts(node: Selector, css: str | None) -> str | None:
    """Text of an address-like element, its child elements joined by commas."""
    if not css:
        return None
    parts = []
    for element in node.css(css):
        children = element.xpath("./*")
        parts += (
            [c.xpath("string()").get() for c in children]
            if children
            else [element.xpath("string()").get()]
        )
    return ", ".join(p for part in parts if (p := clean(part))) or None


def _hint(node: Selector, css: str | None) -> date | datetime | None:
    return parse_iso(node.css(css).get()) if css else None


def events(selector: Selector, listing: Listing, base_url: str) -> list[Event]:
    found = []
    for node in selector.css(listing.item):
        title = _text(node, listing.title)
        href = node.css(listing.url).get()
        description = (
            html_to_text(node.css(listing.description).get()) if listing.description else None
        )
        location = _parts(node, listing.location)
        hint = _hint(node, listing.date_hint)
        found.append(
            Event(
                network="",
                title=title,
                when=_text(node, listing.when),
                # A <time datetime> with a time of day is the start (chain step 4); a bare
                # date (The Events Calendar prints one even for timed events) anchors the year.
                start=hint if isinstance(hint, datetime) else None,
                reference=None if isinstance(hint, datetime) else hint,
                url=urljoin(base_url, href.strip()) if href else None,
                description=description,
                location=location,
                status=status_from_text(_text(node, listing.status)),
                extractor="html",
            )
        )
    return found


def next_page(selector: Selector, listing: Listing, base_url: str) -> str | None:
    href = selector.css(listing.next_page).get() if listing.next_page else None
    return urljoin(base_url, href.strip()) if href else None


def detect(selector: Selector) -> Listing | None:
    """The known list template this page uses, for pages without a spider."""
    return next((listing for listing in KNOWN if selector.css(listing.item)), None)
