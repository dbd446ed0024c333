"""The extraction chain, shared by every spider and by `netzwerktimer extract`.

`extract(response, network)` reads one response, whatever it is:

- an iCalendar feed (ical.py) or The Events Calendar's REST answers (tribe_api.py);
- an HTML page, through every step that applies: schema.org JSON-LD and microdata
  (jsonld.py), microformats' h-event and hCalendar (microformats.py), a known CMS
  template's selectors (listing.py), the generic list records (anchors.py, records.py)
  and the page's own event (eventpage.py).

The steps' findings are merged into one event per event (merge.py); `Extraction.tried`
says what each step found, for a page where nothing was found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from scrapy.http import Headers, Response, TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.utils.response import get_base_url

from ..berlin import http_date, local, parse_iso
from ..dates import whole_month
from ..identity import canonical_url
from ..items import Event
from ..text import INVISIBLE
from . import (
    anchors,
    dom,
    eventpage,
    ical,
    json_feed,
    jsonld,
    listing,
    merge,
    microformats,
    news_feed,
    prose,
    records,
    steps,
    tribe_api,
)
from .listing import Listing


@dataclass
class Extraction:
    events: list[Event] = field(default_factory=list)
    next_url: str | None = None
    # Parts of the page that could not be read; logged and counted, never fatal.
    problems: list[str] = field(default_factory=list)
    # Each step that ran and what it found, for `netzwerktimer extract` to report.
    tried: list[str] = field(default_factory=list)


def _from_json(response: TextResponse) -> Extraction:
    try:
        data = json.loads(response.text)
    except ValueError as error:
        return Extraction(problems=[f"not valid JSON: {error}"])
    if not tribe_api.is_response(data):
        found, problems = json_feed.events(data, _reference(response))
        tried = [f"{steps.TRIBE_API}: not its shape", f"{steps.JSON_FEED}: {len(found)}"]
        if not found and not problems:
            problems = ["JSON of an unknown shape: no list of entries with a title and a start"]
        return Extraction(found, None, problems, tried)
    found, problems = tribe_api.events(data)
    link = response.headers.get("Link", b"").decode("latin-1")
    tried = [f"{steps.TRIBE_API}: {len(found)}"]
    return Extraction(found, tribe_api.next_page(data, link), problems, tried)


def _reference(response: TextResponse) -> date | None:
    fetched = http_date(response.headers.get("Date"))
    return local(fetched).date() if fetched else None


_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/([0-2]\d|3[01])/")
_LD = '//script[@type="application/ld+json"]/text()'
_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_OLDEST_POST = date(1995, 1, 1)  # before: a placeholder (Hugo's "0001-01-01")


def _posted(selector: Selector, response: TextResponse) -> date | None:
    """The day a news article or blog post was published: its Open Graph publication date
    (not JSON-LD's, which Yoast also gives a page for the day it was created), else the day
    its permalink names (/blog/2013/09/12/…)."""
    posted: date | None = None
    if _is_article(selector, response.url):
        value = parse_iso(
            selector.xpath('//meta[@property="article:published_time"]/@content').get()
            # on an article, the day its page was made is the day it was written
            or next(iter(_PUBLISHED.findall(" ".join(selector.xpath(_LD).getall()))), None)
        )
        posted = value.date() if isinstance(value, datetime) else value
    if posted is None and (match := _URL_DAY.search(urlsplit(response.url).path)):
        try:
            posted = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            posted = None
    return posted if posted is not None and posted >= _OLDEST_POST else None


def _month_first(selector: Selector) -> bool:
    """US English pages write 05/04/2019 for 4 May; not one that writes 19/08/2016, whose
    lang is WordPress's default left as it was (an Events Manager page in Italy). A page
    whose dates put a day over 12 second ("02/28/20") writes its month first, whatever its
    lang says (a Joomla site left at en-gb)."""
    text = " ".join(selector.xpath("//body//text()").getall())
    parts = [(int(a), int(b)) for a, b in _SLASH_DAY.findall(text)]
    if any(a > 12 for a, _ in parts):
        return False
    if any(b > 12 for _, b in parts):
        return True
    return (selector.xpath("/html/@lang").get() or "").lower() in ("en-us", "en_us")


_SLASH_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d\d)(?![\d/])")


def _is_article(selector: Selector, url: str) -> bool:
    """A news article or blog post says so in its Open Graph metadata; not a page titled
    as a list of events ("Veranstaltungen", "Termine 2025"), which a theme calls an
    article as it calls every page (Hugo's Ananke), nor a site's home page."""
    if _HOME.match(urlsplit(url).path):
        return False
    kind = (selector.xpath('//meta[@property="og:type"]/@content').get() or "").strip().lower()
    published = selector.xpath('//meta[@property="article:published_time"]/@content').get()
    if not (kind == "article" or published):
        return False
    og = selector.xpath('//meta[@property="og:title"]/@content').get() or ""
    h1 = " ".join(selector.xpath("//h1//text()").getall())
    # the og:title less the site's name after it: "Jahresprogramm | Verein für Gartenbau"
    titles = [og, _SITE_AFTER.split(og)[0], h1] if og else [h1]
    return not any(eventpage.list_title(" ".join(title.split())) for title in titles)


_SITE_AFTER = re.compile(r"\s+[|–—-]\s+")
_HOME = re.compile(r"^/?(?:(?:index|home|start)\.(?:html?|php|aspx?))?$", re.I)


_TYPOGRAPHY = str.maketrans(
    {"–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "’": "'"} | INVISIBLE
)


def _flat(text: str) -> str:
    return " ".join(text.casefold().translate(_TYPOGRAPHY).split())


def _not_shown(found: list[Event], shown: list[Event], root) -> list[Event]:
    """The JSON-LD events, when the page's text names none of their titles (not even their
    first 40 characters) and none falls on a day of an event its HTML shows: structured
    data of other posts, as The Events Calendar's test snapshots and stale page caches
    carry it. One title named or one day shared keeps them all: a calendar that a script
    draws may show some of its events only, a ticket page names its show more briefly."""
    structured = [e for e in found if e.extractor == "json-ld" and e.title]
    days = {merge.first_day(e) for e in shown}
    if not structured or any(merge.first_day(e) in days for e in structured):
        return []
    text = _flat(dom.text_of(root))
    return [] if any(_flat(e.title)[:40] in text for e in structured) else structured


def _own_event(found: list[Event], page: str) -> Event | None:
    """The page's own event, when its JSON-LD holds just one and names no other page for
    it. Dates within its days that link no page of their own on the site are its program."""
    structured = [e for e in found if e.extractor == "json-ld"]
    if len(structured) != 1 or structured[0].start is None:
        return None
    url = structured[0].url
    same_page = url is None or canonical_url(urljoin(page, url)) == canonical_url(page)
    return structured[0] if same_page else None


def _own_page(event: Event, page: str) -> bool:
    """Whether the event links a page of its own on the page's site: another event."""
    if not event.url:
        return False
    url = urljoin(page, event.url)
    own, here = canonical_url(url), canonical_url(page)
    return urlsplit(own).hostname == urlsplit(here).hostname and own != here


def _from_html(response: TextResponse, chosen: Listing | None) -> Extraction:
    base = get_base_url(response)  # honours <base href>, which Contao sets
    selector = Selector(root=dom.tree(response.text), type="html")
    reference = _reference(response)
    if reference and (posted := _posted(selector, response)) and posted < reference:
        reference = posted  # a post's dates without a year are of the days it was written
    month_first = _month_first(selector)
    found, problems = jsonld.events(selector)
    tried = [f"{steps.JSON_LD}: {len(found)}"]
    if "itemtype" in response.text:
        micro, micro_problems = jsonld.microdata_events(response.text, base)
        found += micro
        problems += micro_problems
        tried.append(f"{steps.MICRODATA}: {len(micro)}")
    aside_micro: list[Event] = []  # a sidebar's ("Weitere Termine"): when nothing else is
    if microformats.present(response.text):
        micro, micro_problems = microformats.events(selector.root, base)
        found += [e for e in micro if not e.extra.get("aside")]
        aside_micro = [e for e in micro if e.extra.get("aside")]
        problems += micro_problems
        tried.append(f"{steps.MICROFORMATS}: {len(micro)} ({len(aside_micro)} in a sidebar)")
    inline, inline_problems = json_feed.embedded(selector)
    own = _own_entry(selector, inline)
    if inline or inline_problems:
        found += own or inline
        problems += inline_problems
        mine = f" (the page's own of {len(inline)})" if own else ""
        tried.append(f"{steps.JSON_FEED} (in the page's scripts): {len(own or inline)}{mine}")
    chosen = chosen or listing.detect(selector, response.url)
    next_url = None
    if chosen:
        cms = listing.events(selector, chosen, base, reference)
        found += cms
        next_url = listing.next_page(selector, chosen, base)
        tried.append(f"{steps.CMS_LISTING} ({chosen.name}): {len(cms)}")
    # The generic steps run beside a known template too: a customised theme renames or
    # drops the template's classes, and what several steps find is merged below.
    root = dom.parse(response.text)  # without scripts and styles
    page_blocks = dom.blocks(root)
    page_anchors = anchors.find(page_blocks, reference, month_first)
    generic, notes = records.events(
        page_anchors,
        base,
        reference,
        bare_dates=not _is_article(selector, response.url),
        page=response.url,
    )
    # what the page's main content shows: not a sidebar's list of news or other events
    shown = ([] if not chosen else cms) + [g.event for g in generic if not g.aside]
    if shown and (unseen := _not_shown(found, shown, root)):
        found = [e for e in found if e not in unseen]
        problems.append(
            f"{steps.JSON_LD}: left out {len(unseen)} event(s) the page does not show, "
            f"beside {len(shown)} it does: " + "; ".join(repr(e.title) for e in unseen[:5])
        )
    if own := _own_event(found, response.url):
        kept = [
            g
            for g in generic
            if _own_page(g.event, response.url) or not merge.program_of(g.event, own)
        ]
        if len(kept) < len(generic):
            notes.append(f"{len(generic) - len(kept)} in the days of the page's own event")
        generic = kept
    found += [g.event for g in generic]
    # structured data of an event without any date (microdata's startDate left out) lists
    # nothing beside the page's own event; it stays, for the pipeline to reject and record
    undated = [e for e in found if e.start is None and not e.when and not e.open_start]
    found = [e for e in found if e not in undated]
    rank = {id(g.event): (not g.borrowed, g.support) for g in generic}
    tried.append(f"{steps.GENERIC_RECORDS}: {len(generic)} ({'; '.join(notes)})")
    # the page's own address, not its <base href>: that is the site's root on Contao
    page = response.url
    single, note = eventpage.event(root, selector, page_anchors, page, reference, month_first)
    # A list of one entry: no repeated records, but a record around the page's only timed
    # date with a linked heading of its own, which names the event where an unlabelled date
    # near the page's h1 ("Veranstaltungen") would have made that h1 its title.
    lone: list[records.Found] = []
    aside = {id(g.event) for g in generic if g.aside}
    if not found and (not single or note == eventpage.NEAR_TITLE):
        lone, _ = records.events(
            page_anchors,
            base,
            reference,
            not _is_article(selector, response.url),
            lone=True,
            page=page,
        )
    if lone:
        found += [g.event for g in lone]
        rank = {id(g.event): (not g.borrowed, g.support) for g in lone}
        single, note = [], "not taken: a list of one entry"
    # The page's own event is taken when nothing else is there, or to complete the one
    # event the list steps saw of it (a sidebar widget repeating it, without its end).
    # A sidebar's list ("Nächste Termine") beside it links other pages' events, when the
    # page labels a date of its own ("Datum:"); a date near its title may be the sidebar's.
    elif single and note != eventpage.NEAR_TITLE and found and all(id(e) in aside for e in found):
        found = single
    elif single and (not found or (len(found) == 1 and merge.same(found[0], single[0]))):
        found += single
    elif single and all(
        id(e) in rank
        and e.start == single[0].start
        and not _own_page(e, page)
        and (
            not rank[id(e)][0]
            or (len(found) > 1 and note != eventpage.NEAR_TITLE and e.end == single[0].end)
        )
        for e in found
    ):
        # the page's own event, seen again by the list steps: its details in a box of
        # their own ("Termindetails: Startdatum … Uhrzeit …"), whose entry took a heading
        # above it for its title, or its date told twice in an article ("Dieses Seminar
        # am 22.-23. August …", "Seminartermin: 22. & 23. August")
        found = single
    elif (
        single
        and note == eventpage.SUBHEADING
        and all(not _own_page(e, page) and merge.program_of(e, single[0]) for e in found)
    ):
        # what the page lists on the day below its title, without pages of their own, is
        # that event's programme ("09:15 Neues in QGIS 4")
        found = single
    elif single and all(
        not rank.get(id(e), (True,))[0] and e.title == single[0].title and not _own_page(e, page)
        for e in found
    ):
        # what the page lists takes the page's own title: the further dates of its event
        # ("Weitere Termine" below the first), which is one more of them
        found += single
    elif single:
        single, note = [], "not taken: the page lists other events"
    tried.append(f"{steps.EVENT_PAGE}: {len(single)} ({note})")
    found = found or aside_micro
    if (
        single
        and found == single
        and (later := prose.further_dates(page_blocks, single[0], reference))
    ):
        # the page's event on later days its text gives ("öffnet auch am 27. März, …")
        found = found + later
        tried.append(f"{steps.PROSE} (further dates): {len(later)}")
    said = prose.events(page_blocks, reference)
    prose.retitle(
        [e for e in found if e.extractor in (steps.GENERIC_RECORDS, steps.EVENT_PAGE)], said
    )
    if not found:  # a news post that announces its event in a sentence, and nothing more
        found = said
    named_only = " (naming what other steps found)" if said and found is not said else ""
    tried.append(f"{steps.PROSE}: {len(said)}{named_only}")
    # (not one the page's text dates: its record's date is in the markup beside the data)
    named = {(e.title or "").casefold() for e in found}
    found += [e for e in undated if (e.title or "").casefold() not in named]
    if lone:
        tried.append(f"{steps.GENERIC_RECORDS} (a list of one): {len(lone)}")
    # A month alone ("September: Cybersecurity-Monat") names no event's day on a page;
    # structured data that says so (a month-long exhibition in JSON-LD) is kept.
    html_steps = (steps.CMS_LISTING, steps.GENERIC_RECORDS, steps.EVENT_PAGE)
    events = [
        e
        for e in merge.combine(found, rank)
        if not (e.extractor in html_steps and whole_month(e.start, e.end))
    ]
    merge.displayed_clock(events, lambda: dom.text_of(root))
    merge.share_places(events, response.url)
    return Extraction(events, next_url, problems, tried)


def _from_ical(response: TextResponse) -> Extraction:
    found, problems = ical.events(response.text, http_date(response.headers.get("Date")))
    return Extraction(found, None, problems, [f"{steps.ICAL}: {len(found)}"])


def _own_entry(selector: Selector, inline: list[Event]) -> list[Event]:
    """Of the entries a page's script carries, the one the page is about, where its title
    names exactly one: a talk's page that holds the whole term's talks for its script to
    show the one (og:title "Evolving AI Models Demand New Datacenters …")."""
    if len(inline) < 2:
        return []
    titles = {
        " ".join(text.split()).casefold()
        for text in (
            selector.xpath('//meta[@property="og:title"]/@content').get() or "",
            _SITE_AFTER.split(selector.xpath("//title/text()").get() or "")[0],
        )
        if text.strip()
    }
    named = [e for e in inline if " ".join((e.title or "").split()).casefold() in titles]
    return named if len(named) == 1 else []


def _content_type(response: TextResponse) -> str:
    return response.headers.get("Content-Type", b"").decode("latin-1").lower()


def _is_json(response: TextResponse) -> bool:
    return "json" in _content_type(response) or response.text.lstrip()[:1] in ("{", "[")


_SINGLE_BYTE = ("iso-8859-1", "iso8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii")


def _decoded(response: TextResponse) -> tuple[TextResponse, str | None]:
    """The response read in the charset its bytes are in, when the declared one is wrong,
    and the problem named. Valid UTF-8 with multi-byte sequences under a single-byte label
    is UTF-8 (Latin-1 text practically never is; read as Latin-1, "Prüfung" turns into
    "PrÃ¼fung"). Under a UTF-8 label, bytes that are mostly not UTF-8 are Windows-1252, the
    superset of Latin-1 that such pages are written in; a stray bad byte in a UTF-8 page
    is not enough."""
    body = response.body
    declared = response.encoding.lower().replace("_", "-")
    if body.isascii():
        return response, None
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode())
    good = sum(1 for char in text if char > "\x7f") - bad
    if declared in _SINGLE_BYTE and not bad:
        reading = "utf-8"
    elif declared in ("utf-8", "utf8") and bad > good:
        reading = "cp1252"
    else:
        return response, None
    try:
        body.decode(reading)
    except UnicodeDecodeError:
        reading = "latin-1"
    return response.replace(encoding=reading), f"read as {reading}, not the declared {declared}"


def extract(response: Response, network: str, chosen: Listing | None = None) -> Extraction:
    """Every event the response holds, stamped with its network, page and fetch date."""
    if not isinstance(response, TextResponse):
        return Extraction(problems=[f"not a text response: {response.url}"])
    response, misdeclared = _decoded(response)
    if "calendar" in _content_type(response) or ical.is_feed(response.text):
        result = _from_ical(response)
    elif _is_json(response):
        result = _from_json(response)
    elif news_feed.is_feed(response.text):
        found, said = news_feed.events(response.text, http_date(response.headers.get("Date")))
        result = Extraction(found, tried=[f"{steps.NEWS_FEED}: {said}"])
    else:
        result = _from_html(response, chosen)
    if misdeclared:
        result.problems.append(misdeclared)
    if closed := [e for e in result.events if records.closed(e)]:
        # said, not silently dropped: a feed's "Schließtag" is its office's, not an event
        result.events = [e for e in result.events if not records.closed(e)]
        result.problems.append(
            f"left out {len(closed)} closure(s) or opening hours, not events: "
            + "; ".join(repr(e.title) for e in closed[:5])
        )
    fetched = http_date(response.headers.get("Date"))
    base = get_base_url(response)
    for event in result.events:
        event.network = network
        event.source_url = response.url
        event.fetched = fetched
        if event.url:
            event.url = urljoin(base, event.url.strip())
    return result


def saved_page(
    body: bytes, url: str, fetched: datetime, content_type: str | None = None
) -> Response:
    """A saved page as the response it was, its fetch time as the HTTP Date: what anchors
    the years a page leaves out (`netzwerktimer extract`, the page fixtures)."""
    headers = Headers({"Date": format_datetime(fetched.astimezone(UTC), usegmt=True)})
    if content_type:
        headers["Content-Type"] = content_type
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    return cls(url=url, headers=headers, body=body)
