"""Event lists in a CMS's own HTML: CSS selectors, with the date text left to parse_when.

A Listing names the selectors of one list template. The ready-made ones below follow the
templates of the CMS event modules (see shared/reference/cms-markup.md); a spider picks
one, or states its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from ..berlin import parse_day, parse_machine
from ..dates import find_times, parse_when
from ..items import Event
from ..text import clean, html_to_text, status_from_text
from .steps import CMS_LISTING


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
    # The end's own element, where a template prints start and end apart (sf_event_mgt).
    end: str | None = None
    # XPath from an item to the heading whose year its year-less dates are in, e.g.
    # "preceding::h2[1]" for a hand-written list under "Termine 2027".
    year_heading: str | None = None
    # XPath from an item to the day it is listed under, where its own date text is a time at
    # most: a month view's day ("20261105", "2026-11-05").
    day: str | None = None
    # What `netzwerktimer extract` calls it: the CMS module, or the spider's own.
    name: str = "site"
    # A news module's list: its dates are the posts' days, an event's only where a site uses
    # it for its dates, on a page that says so (about_events).
    news: bool = False


# The Events Calendar, v2 list view.
TRIBE_LIST = Listing(
    name="The Events Calendar list",
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
    name="Contao event list",
    item=".mod_eventlist .event",
    title="h2, h3",
    url="h2 a::attr(href), h3 a::attr(href)",
    when="p.time",
    location="p.location",
    description=".ce_text, .content-text, .teaser",
    date_hint="p.time time::attr(datetime)",
    next_page="nav.pagination a.next::attr(href), nav.tl_pagination a.next::attr(href)",
)

# Events Manager 6.x, default list item format (templates/formats/event_list_item_format.php):
# plain date and time text (no <time>), a notice div when cancelled, paging with ?pno=N.
EM_LIST = Listing(
    name="Events Manager list",
    item=".em-events-list .em-event.em-item",
    title="h3.em-item-title",
    url="h3.em-item-title a::attr(href)",
    when=".em-event-date, .em-event-time",
    location=".em-event-location",
    description=".em-item-desc",
    status=".em-item-info .em-event-cancelled",
    next_page=".em-pagination a.next::attr(href)",
)

# Events Manager before 6.x, its default list format (em-install.php, dbem_event_list_item_
# format): a table row per event, "#_EVENTDATES<br/>#_EVENTTIMES" in the first cell (old
# installs: d/m/Y), the link and "<i>#_LOCATIONNAME, #_LOCATIONTOWN</i>" in the second.
EM_TABLE = Listing(
    name="Events Manager table",
    item="table.events-table tbody tr",
    title="td:nth-of-type(2) > a",
    url="td:nth-of-type(2) > a::attr(href)",
    when="td:nth-of-type(1)",
    location="td:nth-of-type(2) > i",
)

# Modern Events Calendar (Lite), list skin in its default modern style (app/skins/list/
# render.php): day and month as text, no year; the month divider above names it. Its
# JSON-LD (one script per event, date-only) is read first; this covers a broken script.
MEC_LIST = Listing(
    name="Modern Events Calendar list",
    # and the monthly view's novel style (app/skins/monthly_view/calendar_novel.php): each
    # event an a.event-single-link-novel around its div.mec-event-article and h4 title
    item="article.mec-event-article, a.event-single-link-novel",
    title="h4.mec-event-title",
    url="h4.mec-event-title a::attr(href), a.event-single-link-novel::attr(href)",
    # modern style: day, month and weekday in .mec-event-date; the time in .mec-event-time
    # (classic) or .mec-time-details (standard); app/skins/list/render.php
    when=".mec-event-date, .mec-event-time, .mec-time-details",
    location=".mec-event-loc-place",
    description=".mec-event-description",
    year_heading="preceding::div[contains(@class, 'mec-month-divider')][1]",
    # the monthly view (app/skins/monthly_view/calendar.php): a time at most, in the day's
    # div.mec-calendar-events-sec[data-mec-cell="20261105"] (novel: dt.mec-calendar-day)
    day="ancestor::*[@data-mec-cell][1]/@data-mec-cell",
)

# TYPO3 sf_event_mgt list (Partials/Event/ListItem.html): label-value rows, with start and
# end in rows of their own as "10.05.2025 - 18:00" (a date and its time, not a range).
SF_EVENT_MGT = Listing(
    name="sf_event_mgt list",
    item=".tx-sf-event-mgt .event-list-item",
    title="h2.event-title",
    url="h2.event-title a::attr(href)",
    when=".event-list-value.event-startdate",
    end=".event-list-value.event-enddate",
    location=".event-list-value.event-location",
    description=".event-list-value.event-teaser",
    next_page="ul.paginator li.next a::attr(href)",
)

# TYPO3 news (georgringer/news) list view, Partials/List/Item.html, as sites use it for
# events: the article's date, <time datetime> in format c, is set to the event's start.
TYPO3_NEWS = Listing(
    name="TYPO3 news list",
    item=".news-list-view .article",
    title="h3 [itemprop=headline]",
    url="h3 a::attr(href)",
    when="span.news-list-date time",
    description=".teaser-text [itemprop=description]",
    date_hint="span.news-list-date time::attr(datetime)",
    next_page="ul.f3-widget-paginator li.next a::attr(href)",
    news=True,
)

# Joomla DPCalendar list view (site/views/list/tmpl/default_events.php). Its items carry
# schema.org microdata, which the chain reads first; this is the fallback. Its prev/next
# are <button data-href> that move a date window, and are not followed.
DPCALENDAR_LIST = Listing(
    name="DPCalendar list",
    item="ul.dp-events li.dp-event",
    title="h2.dp-event__title",
    url="a.dp-event__link::attr(href)",
    when=".dp-event__date span.dp-date",
    location=".dp-event__locations .dp-location__title",
    description=".dp-event__description",
)

# TYPO3_NEWS last: a news list is taken for events only when nothing else fits.
KNOWN = (
    TRIBE_LIST, CONTAO_LIST, EM_LIST, EM_TABLE, SF_EVENT_MGT, DPCALENDAR_LIST, MEC_LIST, TYPO3_NEWS,
)  # fmt: skip


def _text(node: Selector, css: str | None) -> str | None:
    if not css:
        return None
    # html_to_text, not string(): a <br> separates words ("25.11.2026<br>16.30 Uhr").
    return clean(" ".join(html_to_text(html) or "" for html in node.css(css).getall()))


def _parts(node: Selector, css: str | None) -> str | None:
    """Text of an address-like element, its child elements joined by commas."""
    if not css:
        return None
    parts = []
    for element in node.css(css):
        children = [c.xpath("string()").get() for c in element.xpath("./*[not(self::br)]")]
        if not any(clean(c) for c in children):  # an icon <i> is no part
            # Lines broken with <br> are parts too: "COMCENTER Brühl<br>99084 Erfurt".
            children = element.xpath("./text()").getall()
        parts += children
    return ", ".join(p for part in parts if (p := clean(part))) or None


def _hint(node: Selector, css: str | None) -> date | datetime | None:
    return parse_machine(node.css(css).get()) if css else None


_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")


def _day(node: Selector, xpath: str | None) -> date | None:
    return parse_day(node.xpath(xpath).get()) if xpath else None


def _heading_year(node: Selector, xpath: str | None) -> date | None:
    """2 July of the year a heading names ("Termine 2027"): nearer to every day of that year
    than the same day of the year before or after, so the nearest reading lands in it."""
    if not xpath:
        return None
    match = _YEAR.search(node.xpath(f"string({xpath})").get() or "")
    return date(int(match.group()), 7, 2) if match else None


def events(
    selector: Selector, listing: Listing, base_url: str, reference: date | None = None
) -> list[Event]:
    """The listing's events, their date text read with parse_when (a missing year from the
    item's `<time datetime>` or heading, else from `reference`, the fetch date)."""
    found = []
    for node in selector.css(listing.item):
        title = _text(node, listing.title)
        href = node.css(listing.url).get()
        when = _text(node, listing.when)
        if not (title or href or when):
            continue  # a day's placeholder: MEC's "Keine Veranstaltungen"
        description = (
            html_to_text(node.css(listing.description).get()) if listing.description else None
        )
        location = _parts(node, listing.location)
        hint = _hint(node, listing.date_hint) or _heading_year(node, listing.year_heading)
        # Hand-written lists lead with the date: "1. Februar: Jahresempfang".
        if title and when and title.startswith(when):
            title = title[len(when) :].lstrip(" :,-–") or title
        if when and (end := _text(node, listing.end)):
            when = f"{when} – {end}"
        start = hint if isinstance(hint, datetime) else None
        anchor = None if isinstance(hint, datetime) else hint
        parsed = parse_when(when, anchor or reference) if when and start is None else None
        end = parsed.end if parsed else None
        all_day = parsed.all_day if parsed else None
        if parsed is not None:
            start = parsed.start
        elif start is None and (day := _day(node, listing.day)) is not None:
            spans = find_times(when or "")
            on = spans[0].on(day) if spans else None
            start, end, all_day = (on.start, on.end, False) if on else (day, None, not when)
        if start is not None and end is None:
            # TYPO3 news used for events: a day in the markup, the hours in the teaser
            start, end, all_day = _hours_in_text(start, description, all_day)
        found.append(
            Event(
                network="",
                title=title,
                when=when,
                # A <time datetime> with a time of day is the start (chain step 4); a bare
                # date (The Events Calendar prints one even for timed events) anchors the year.
                start=start,
                end=end,
                all_day=all_day,
                open_start=bool(parsed and parsed.open_start),
                open_end=bool(parsed and parsed.open_end),
                reference=anchor,
                url=urljoin(base_url, href.strip()) if href else None,
                description=description,
                location=location,
                status=status_from_text(label := _text(node, listing.status)),
                status_evidence=label if status_from_text(label) else None,
                extractor=CMS_LISTING,
            )
        )
    return found


def _hours_in_text(
    start: date, text: str | None, all_day: bool | None
) -> tuple[date, datetime | None, bool | None]:
    """The hours a teaser states for a day or start known from markup: "Beginn 18:30 Uhr,
    Ende gegen 21:00 Uhr", "16:00 bis 17:30 Uhr"."""
    spans = find_times(text or "")
    if isinstance(start, datetime):
        for span in spans:
            if span.start == start.hour * 60 + start.minute and span.end is not None:
                return start, span.on(start.date()).end, False
        return start, None, all_day
    if spans:
        when = spans[0].on(start)
        return when.start, when.end, False  # type: ignore[return-value]
    return start, None, all_day


def next_page(selector: Selector, listing: Listing, base_url: str) -> str | None:
    href = selector.css(listing.next_page).get() if listing.next_page else None
    return urljoin(base_url, href.strip()) if href else None


# Words of a page that lists events, in its address, title or h1: "Termine", "/veranstaltungen/".
_EVENT_WORDS = re.compile(
    r"termin|veranstaltung|(?<![a-z])events?(?![a-z])|kalender|calendar|agenda|programm"
    r"|seminar|workshop|kurse|weiterbildung|tagung|konferenz|messe",
    re.I,
)


def about_events(selector: Selector, page: str) -> bool:
    """Whether the page calls itself a page of events, in its address, title or h1."""
    named = [urlsplit(page).path, selector.css("title::text").get() or ""]
    named += selector.css("h1 ::text").getall()
    return bool(_EVENT_WORDS.search(" ".join(named)))


def detect(selector: Selector, page: str) -> Listing | None:
    """The known list template this page uses, for pages without a spider. A news list
    counts only on a page of events: a home page's or an "Aktuelles" page's posts are
    news, dated the day they were published."""
    found = next((listing for listing in KNOWN if selector.css(listing.item)), None)
    return None if found and found.news and not about_events(selector, page) else found
