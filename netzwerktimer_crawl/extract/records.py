"""Generic list pages: repeated records found from their dates, without selectors.

1. Anchors (anchors.py) are the blocks that state a date or a time.
2. Two anchors next to each other in reading order (or with one between them, where records
   alternate with day headings) belong to sibling records when the children of their
   lowest common ancestor that hold them share a signature (tag and first class):
   `li.entry` and `li.entry`, `tr` and `tr`, `p` and `p`. A list is every element with the
   same signature path from the root (`div.category > table > tbody > tr`), so a table split
   by category headings is one list; same-shaped siblings without a date of their own join
   it and are dated by a day heading right above them.
3. A list whose "records" each hold many days is a container (an accordion of sections),
   and so is one whose records hold dated entries side by side; a list inside the records
   of another one, when its rows are a record's fields (a Datum row, a Zeit row), is part
   of that record.
4. Each record gives one event per session: its first date, with the time of its own act
   from elsewhere in the record; a record with only a time takes its day from a day
   heading above it, from a date-only record right before it ("Sa_27.06. Party" /
   "22.00h"), or from the page's URL. Weekly patterns ("Dienstag und Mittwoch immer …"),
   closures ("geschlossen") and day headings without a title of their own are no events.
5. Title: of the record's heading, title element, bold text and links, the one closest to
   its date (a heading first); else what its date line says besides the date; else the
   heading above the list.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import combinations, islice, pairwise, takewhile
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .. import places
from ..dates import WEEKDAYS, TimeSpan, When, before_date, find_times, parse_when, residue
from ..identity import normalized_title
from ..items import Event
from ..text import city_from_location, status_from_text
from . import dom
from .anchors import ANY_DAY, Anchor, url_day
from .steps import GENERIC_RECORDS as STEP

# A record holding this many different days is a section of a page, not one event.
_CONTAINER_DAYS = 4
# Generic events are near the page's fetch date; a chronicle's 1903 is history. A page
# saved years after its events (an archived project site) still lists them.
_PAST, _FUTURE = timedelta(days=10 * 366), timedelta(days=5 * 366)
_WEEKLY = re.compile(
    r"\b(?:immer|jeden|jede|jeweils|täglich|wöchentlich|montags|dienstags|mittwochs"
    r"|donnerstags|freitags|samstags|sonntags|werktags|every|daily|weekly)\b",
    re.I,
)
_WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b", re.I)
_CLOSED = re.compile(
    r"\b(?:geschlossen|closed|ruhetag|betriebsferien|betriebsurlaub|betriebsruhe|schließtag"
    # the neighbours' word for it: "Stengt: Påskeaften", "Gesloten", "Fermé", "Chiuso"
    r"|gesloten|fermé|chiuso|cerrado|stengt|lukket|stängt|suljettu)\b"
    # an office's day off between a holiday and the weekend: "Brückentag nach Himmelfahrt"
    r"|^\W*brückentag\b"
    # a holiday's opening hours: "24.12. geschlossen", "02.01. wieder regulär geöffnet"
    r"|^(?:wieder\s+)?(?:regulär|normal|eingeschränkt|verkürzt)\s+geöffnet\b"
    # a day without the usual one: "Kein Gottesdienst", "Keine Probe", "No monthly meeting"
    r"|^\W*(?:kein|keine|no)\s+(?:monthly\s+|regular\s+)?(?:gottesdienst|treffen|training"
    r"|probe|chorprobe|stammtisch|unterricht|vereinsabend|sprechstunde|sitzung|meeting"
    r"|service|class|practice)\b",
    re.I,
)


def closure(title: str) -> bool:
    """A day the place is closed ("Schließtag vor Weihnachten", "Betriebsruhe 2026"): no
    event, whichever step read it."""
    return bool(_CLOSED.search(not_date(title) or title))


_NOTE = 40  # a description this short that says "closed" says only that


def closed(event: Event) -> bool:
    """The event is a closure or opening hours by its title ("Ordinære åpningstider" in a
    feed, every day), or a closure by a description that says no more: a feed's weekly
    "Administrative Day" whose text is "Office Closed"."""
    note = " ".join((event.description or "").split())
    if event.title and (closure(event.title) or opening_hours(event.title)):
        return True
    return 0 < len(note) <= _NOTE and closure(note)


# A post that looks back on an event reports it; it announces none: "Rückblick: Jahrestagung
# 2026" beside the events of a news category.
_LOOKBACK = re.compile(
    r"^\W*(?:rückblick|rueckblick|nachlese|nachbericht|recap|impressionen|bildergalerie"
    r"|fotogalerie)\b",
    re.I,
)
# A post of the day's news named by its day: "Kiez-Nachrichten, 06.06.", "Pressespiegel vom
# 12. März", "Newsletter 03/2026"
_DIGEST_TITLE = re.compile(
    r"^[\w-]*(?:nachrichten|news|meldungen|pressespiegel|presseschau|newsletter|rundbrief"
    r"|infobrief|rückblick)(?:\s+(?:vom|von|der|des|für|aus))?\W*$",
    re.I,
)


def _digest(title: str) -> bool:
    return any(c.isdigit() for c in title) and bool(_DIGEST_TITLE.match(residue(title)))


_GENERIC_LINK = re.compile(
    r"^(?:mehr|weiter|weiterlesen|weiter lesen|mehr lesen|mehr erfahren|mehr infos?|details?"
    r"|weitere informationen|weitere infos|mehr informationen|alle informationen"
    r"|info|infos|read more|more|learn more|find out more|more info|more information"
    r"|click here|here|tickets?|anmelden|anmeldung|zur anmeldung|register"
    # a box office's: "Tickets für dieses Konzert sichern ab € 25", "Karten kaufen"
    r"|(?:jetzt\s+)?(?:tickets?|karten|eintrittskarten)\s+(?:(?:für|for)\s+(?:dieses|diese"
    r"|das|den|this)\b.*|(?:hier\s+|jetzt\s+|online\s+)?(?:kaufen|bestellen|sichern"
    r"|reservieren|buchen|buy|book)(?:\s+ab\b.*)?)"
    r"|jetzt anmelden"
    r"|zum event|zur veranstaltung|hier|link|permalink|»|›|→|\+|infos? (?:&|und) tickets?"
    # "Mehr Informationen finden Sie hier", "Auskunft und Buchungen über NÖVOG"
    r"|(?:mehr|weitere)\s+(?:informationen|infos?)\s+(?:finden\s+sie\s+)?hier"
    r"|(?:auskunft|auskünfte|infos?|informationen)\s+(?:&|und)\s+(?:buchung|buchungen|tickets?"
    r"|karten|anmeldung)\b.*"
    # a performer's or the venue's own pages: "[Website]", "Facebook"
    r"|website|webseite|homepage|facebook|instagram|youtube|soundcloud|bandcamp|spotify"
    # a map of the place: "OpenStreetMap - GoogleMaps" below a meeting's address
    r"|google\s*maps?|openstreetmap|osm|karte|lageplan|anfahrt|route(?:\s+planen)?|map"
    # the programme or invitation as a file: "🖹 Tagungsprogramm", "Flyer (PDF)"
    r"|(?:(?:tagungs|konferenz|veranstaltungs)?programm(?:heft)?|flyer|einladung|pdf|download"
    r"|programme|program)(?:\s*\(?(?:pdf|\d+\s*[km]b)\)?)?)\W*$"
    # a site's address as its link's text: "hymnforher.com", "www.band.de/tour"
    r"|(?-i:^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?:/\S*)?$)",
    re.I,
)
# A box's heading that names what it holds, not an event: "Termindetails", "Event details".
_SECTION = re.compile(
    r"^(?:termin|veranstaltungs?|event|kurs)?-?\s?(?:details|informationen|infos?)"
    r"|(?:mehr|weitere) (?:informationen|infos?)|auf einen blick|kurzinfo|event info(?:rmation)?"
    # a part of an event's page: "<h3>Xamarin, 29.06.2016 …</h3><h2>Abstract</h2>"
    r"|abstract|(?:kurz)?beschreibung|zusammenfassung|inhalte?|description|summary|ablauf"
    r"|anmeldung|registration|downloads?",
    re.I,
)
# Weekdays alone are a date's piece ("Mi." above "12.10" in a card's date box), no title;
# so are they joined, what residue() leaves of "Freitag bis Sonntag 9.-11. Sept.".
# So are an opening-hours table's days: "täglich", "Freitag, Samstag, Sonntag und Feiertage".
_DAYS_WORDS = [*WEEKDAYS, "täglich", "werktags", "feiertags", "feiertage", "feiertagen",
               "an feiertagen", "sonn- und feiertags", "wochenende", "wochenenden", "daily",
               "weekdays", "weekends", "holidays"]  # fmt: skip
_WEEKDAY_ONLY = re.compile(
    r"^(?:(?:{})\.?[\s,/&+-]*(?:(?:bis|und|u\.|and|to|till|until)(?:\s+|$))?)+$".format(
        "|".join(sorted(map(re.escape, _DAYS_WORDS), key=len)[::-1])
    ),
    re.I,
)
# Hashtags and handles name a tag or a profile, not an event: "#PeopleNotProfit", "@ADFC".
_TAGS = re.compile(r"^(?:[#@]\w[\w-]*[\s,;·|]*)+$")  # "#open-mic #konzert" too
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# What introduces an event's further dates names none: "Weitere Termine sind der 13. März,
# 17. April …", "Folgetermine:", "auch am …", "Further dates"; its event is named above.
_MORE_DATES = re.compile(
    r"^(?:(?:weitere|nächste|folgende|kommende|zusätzliche)n?\s+(?:termine?|daten)\b"
    # alone: "Zusatztermin Schwanensee" names its show
    r"|(?:folge|wiederholungs|zusatz)termine?\W*$|(?:auch|außerdem|ebenso|sowie)\s+(?:am|an)\b"
    r"|(?:further|next|more|other|upcoming)\s+dates\b|also\s+on\b)",
    re.I,
)
# Where is not known yet: "Ort wird noch im Chat abgestimmt", "Ort folgt", "Location TBA".
_PLACE_TBA = re.compile(
    r"^(?:der\s+)?(?:ort|veranstaltungsort|location|venue|place)\s*:?\s+"
    r"(?:(?:wird|steht)\b.{0,40}?\b(?:noch|bekannt\w*|mitgeteilt|abgestimmt|festgelegt)\b"
    r"|folgt|noch\s+(?:offen|nicht|unklar|unbekannt)|tba\b|tbd\b"
    r"|to\s+be\s+(?:announced|confirmed|determined))",
    re.I,
)
# What a date line adds of its zone and language names no event: "CET | German"
_ZONE_AND_LANGUAGE = re.compile(
    r"^(?:(?:cet|cest|mez|mesz|utc|gmt|german|english|deutsch|englisch|auf deutsch"
    r"|in english|online|hybrid)\W*)+$",
    re.I,
)
# A field's label alone names nothing: "<strong>Date:</strong> 11.11.2023"
_LABEL_ALONE = re.compile(
    r"^(?:date|dates|datum|time|zeit|uhrzeit|when|wann|termin|where|wo|ort|venue|location"
    r"|date\s*(?:&|and|/)\s*time|datum\s*(?:&|und|/)\s*(?:uhrzeit|zeit))\W*$",
    re.I,
)
# A room alone is where, not what: "room 314.", "Raum 3.101", "Hörsaal 5", "Salle 314".
_ROOM = re.compile(r"^(?:raum|room|saal|salle|hörsaal|hs|seminarraum)\s*[\w./-]{1,10}\W*$", re.I)
# A title not known yet: "TBA", "N.N.", "wird noch bekanntgegeben" (not a talk's "To Be
# Determined" in a table's title column, which beats the speaker's name beside it).
_TBA = re.compile(
    r"^(?:tba|tbd|n\.\s?n\.|folgt"
    r"|wird noch bekannt\s?gegeben|titel folgt)\W*$",
    re.I,
)
# A season's greeting dated on a news page is no event: "Frohe Weihnachten, 25.12.2025".
_WISH = (
    r"(?:(?:frohe|fröhliche|schöne|gesegnete|besinnliche)\s+(?:weihnachten|ostern|pfingsten"
    r"|feiertage|festtage|weihnachtszeit|adventszeit)|(?:ein\s+)?(?:frohes|gutes|gesundes)"
    r"\s+(?:neues\s+jahr|fest)|(?:einen\s+)?guten\s+rutsch(?:\s+ins\s+neue\s+jahr)?"
    r"|merry\s+christmas|happy\s+(?:new\s+year|holidays|easter))"
)
# the whole title: not "Frohe Weihnachten – Adventskonzert", "Merry Christmas Techno"
_GREETING = re.compile(rf"^{_WISH}(?:\W+(?:und|and|&)\s+{_WISH})?\W*$", re.I)
_HOURS = re.compile(
    # "Öffnungszeiten", "Reguläre Öffnungszeiten", a feed's "Ordinære åpningstider" every day
    r"^(?:[^\W\d_]+\s+)?(?:(?:öffnungs|sprech|geschäfts|büro|besuchs)zeiten|(?:opening|office)"
    r"\s+hours|openingstijden|openingsuren|åpningstider|åbningstider|öppettider|aukioloajat"
    r"|horaires\s+d'ouverture|orari\s+di\s+apertura|horarios?\s+de\s+apertura)"
    r"(?:\s+\d{4})?\W*$",
    re.I,
)
# What a day's heading row says of the rows below it: "Talks on Friday March 10, 2017".
_DAY_LABEL = re.compile(
    r"^(?:talks|events|sessions|lectures|meetings|termine|veranstaltungen|vorträge)"
    r"(?:\s+(?:on|am|vom|for|für|at))?$",
    re.I,
)
_SKIP_HREF = re.compile(
    r"^(?:javascript:|mailto:|tel:|webcal:|#$)|maps\.google|google\.[a-z.]+/maps|/maps\?"
    r"|(?:www\.)?openstreetmap\.org/(?:\?|#map=|node/|way/|relation/)|//osm\.org/go/"
    r"|//maps\.app\.goo\.gl/|//maps\.apple\.com/"
    r"|[?&](?:outlook-)?ical=|\.ics\b|/ical/?$|ical\.download|icals\.export"
    r"|outlook|gcal|calendar\.google|facebook\.com/shar|twitter\.com/(?:share|intent)"
    # a picture opened in a lightbox is no event's page (a flyer's PDF may be)
    r"|\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:[?#]|$)",
    re.I,
)
# "card__name" (BEM) as well; a place's name ("venue-name") is left out by _in_place
_TITLE_CLASS = re.compile(
    r"title|titel|headline|heading|event-?name|(?:^|[-_\s])name(?:$|\s)", re.I
)
_LABEL = re.compile(r"^\s*(?:[\w ./()-]{1,30}:|(?:wann|wo|was|wer)\?)\s*$", re.I)
# The words of a field's label, whose colon may follow its bold: "<b>Uhrzeit</b>: 9 Uhr".
_FIELD_LABEL = re.compile(
    r"(?:datum|termin|zeit|uhrzeit|beginn|ende|einlass|ort|treffpunkt|adresse|kosten|preis"
    r"|eintritt|gebühr|anmeldung|anmeldeschluss|hinweis|hinweise|infos?|kontakt|veranstalter"
    r"|(?:referent|anbieter|dozent|trainer|kursleiter|veranstalter|teilnehmer)"
    r"(?:[:*_]?in(?:nen)?|en)?"  # "Referent:in", "Dozent*innen", "Referenten"
    r"|leitung|kursleitung|spielleitung|zielgruppe|teilnehmer(?:zahl|anzahl)?|dauer"
    r"|voraussetzungen|wann|wo|was|wer|date|time|place|location|venue|cost|price|speaker)",
    re.I,
)


def _label_ends(bold: etree._Element) -> bool:
    """The bold text is followed by its label's colon, or by a line break on its own."""
    tail = bold.tail or ""
    after = bold.getnext()
    return tail.startswith(":") or (not tail.strip() and after is not None and after.tag == "br")


_LABELLED = re.compile(r"^\s*[\w ./()-]{1,30}:(?:\s|$)")  # "Ort: Gemeindehaus", "Eintritt:"
_PLACE_LABEL = re.compile(
    r"^(?:(?:ort|veranstaltungsort|location|venue|wo|where|adresse|address|treffpunkt)\s*[:\-]"
    r"|wo\?)\s*(.*)",
    re.I,
)
# The pin that stands for a place's label: "📍 Rettenberg Ortszentrum" (U+1F4CD).
_PIN = re.compile(r"^\U0001F4CD\uFE0F?\s*(.+)")
# Parts of class names that name a place: "em-event-location", "field-ort", "loc-place";
# whole parts only ("has-placeholder" is an image).
_PLACE_WORD = re.compile(
    r"(?:event)?(?:location|loc|venue|place|address|adresse|ort|orte|veranstaltungsort)"
    r"(?:name|title|info|details?)?|where|wo"
)
_POSTCODE = re.compile(r"(?<![\d.])\d{5}\s+[A-ZÄÖÜ][\w.-]+")
# Swiss, Austrian, Liechtenstein postcodes have four digits: at the end of an address after a
# comma ("Dorfstrasse 5, 8184 Bachenbülach"), with the country ("CH-4051 Basel"), or alone
# with the town; not where a year may stand ("2027 Jahreshauptversammlung", "…, 2026 Jena")
_TOWN_END = r"\s+[A-ZÄÖÜ][\w.-]+(?:[\s-][A-ZÄÖÜ(][\w.()-]*)?$"
_POSTCODE4 = re.compile(
    rf",\s*(?!19|20)[1-9]\d{{3}}{_TOWN_END}|\b(?:CH|A|AT|FL)-[1-9]\d{{3}}{_TOWN_END}"
    rf"|^(?!19|20)[1-9]\d{{3}}{_TOWN_END}"
)
_TAKES_PLACE = re.compile(
    r"\bfindet\s+(?:in|im|auf|an)\s+(?:der\s+|dem\s+|den\s+)?(.{2,60}?)\s+statt\b"
)
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_FIELDS = frozenset({"dd", "dt"})
_RESIDUE_TITLE = 80


@dataclass(eq=False)
class _List:
    """Records that share the signature path from the root down (MDR's insight: a list's
    records are same-shaped subtrees), e.g. every `div.category > table > tbody > tr`."""

    path: tuple[tuple[str, str], ...]
    records: list[etree._Element] = field(default_factory=list)
    anchors: dict[int, list[Anchor]] = field(default_factory=dict)  # id(record) -> anchors

    def holds(self, element: etree._Element) -> etree._Element | None:
        """The record of this list that contains `element`, if any."""
        ids = {id(r): r for r in self.records}
        for node in element.iterancestors():
            if id(node) in ids:
                return ids[id(node)]
        return None


@dataclass
class Found:
    """What the step made of one record; `borrowed` when the title is the list's heading."""

    event: Event
    borrowed: bool = False
    support: int = 0  # records in its list: a long list outranks a teaser of two
    aside: bool = False  # the list stands in a sidebar ("Nächste Termine")
    yearless: bool = False  # its record writes no year: the fetch date gave it one


def _chain(element: etree._Element, cache: dict[int, list[etree._Element]]) -> list:
    key = id(element)
    if key not in cache:
        cache[key] = dom.ancestors(element)
    return cache[key]


def _lists(anchors: list[Anchor]) -> list[_List]:
    """Candidate lists from consecutive anchors whose record roots are same-shaped siblings."""
    cache: dict[int, list[etree._Element]] = {}
    paths: dict[int, tuple[tuple[str, str], ...]] = {}

    def path(chain: list[etree._Element], depth: int) -> tuple[tuple[str, str], ...]:
        key = id(chain[depth])
        if key not in paths:
            paths[key] = tuple(dom.signature(node) for node in chain[: depth + 1])
        return paths[key]

    found: dict[tuple, _List] = {}
    # Neighbours, and neighbours but one: records may alternate with headings or time
    # separators that carry a date of their own (a day heading over each single event).
    for a, b in [*pairwise(anchors), *zip(anchors, anchors[2:], strict=False)]:
        pa, pb = _chain(a.block.element, cache), _chain(b.block.element, cache)
        depth = 0
        for x, y in zip(pa, pb, strict=False):
            if x is not y:
                break
            depth += 1
        if depth == 0 or depth >= len(pa) or depth >= len(pb):
            continue  # one block holds the other
        if pa[depth].tag in _FIELDS:
            continue  # a definition list's terms and values are one record's fields
        if dom.signature(pa[depth]) == dom.signature(pb[depth]):
            key = path(pa, depth)
            found.setdefault(key, _List(key))
    for candidate in found.values():
        depth = len(candidate.path) - 1
        for anchor in anchors:
            chain = _chain(anchor.block.element, cache)
            if len(chain) <= depth or path(chain, depth) != candidate.path:
                continue
            record = chain[depth]
            if id(record) not in candidate.anchors:
                candidate.records.append(record)
                candidate.anchors[id(record)] = []
            candidate.anchors[id(record)].append(anchor)
    lists = [c for c in found.values() if len(c.records) >= 2]
    for candidate in lists:
        _add_undated_siblings(candidate)
    return lists


def _group_terms(anchors: list[Anchor]) -> None:
    """<dl><dt>03.12.2026</dt><dd>Stammtisch …</dd>…: a definition list whose terms are
    dates (or times, under a day's heading) lists events, each a term and its values. Each
    becomes one record, grouped in a <div> as HTML allows (<dl><div><dt><dd></div>); a list
    of fields (Datum, Ort) keeps its dates in its values and stays as it is."""
    terms: dict[int, tuple[etree._Element, int]] = {}
    for anchor in anchors:
        term, parent = anchor.block.element, anchor.block.element.getparent()
        dated = anchor.sessions or anchor.times  # or a day's programme: "<dt>17:30</dt>"
        if term.tag == "dt" and dated and parent is not None and parent.tag == "dl":
            terms[id(parent)] = (parent, terms.get(id(parent), (parent, 0))[1] + 1)
    for dl, count in terms.values():
        # one term alone too: a day of one show among days of several, each day its <dl>
        alone = count == 1 and sum(1 for child in dl if child.tag == "dt") == 1
        if (count < 2 and not alone) or any(child.tag == "div" for child in dl):
            continue
        group = None
        for child in list(dl):
            if child.tag == "dt":
                group = etree.Element("div")
                child.addprevious(group)
            if group is not None and isinstance(child.tag, str):
                group.append(child)


def _add_undated_siblings(candidate: _List) -> None:
    """The list's same-shaped siblings that state no date of their own: an all-day entry
    under a day heading (Contao prints no time for it). They are dated by a heading
    between them and the record before, or not at all."""
    signature = candidate.path[-1]
    known = {id(r): r for r in candidate.records}  # live proxies: their ids stay theirs
    parents = {id(r.getparent()): r.getparent() for r in candidate.records}
    ordered = []
    for parent in parents.values():
        for child in parent:
            if id(child) in known:
                ordered.append(known[id(child)])
            elif isinstance(child.tag, str) and dom.signature(child) == signature:
                candidate.anchors[id(child)] = []
                ordered.append(child)  # kept alive by the list, so its id stays its own
    candidate.records = ordered


def _days(anchors: list[Anchor]) -> set[date]:
    return {day for a in anchors if (day := a.day) is not None}


def _is_container(candidate: _List) -> bool:
    return any(len(_days(a)) >= _CONTAINER_DAYS for a in candidate.anchors.values())


_END_LABEL = re.compile(r"^\W*(?:ende|bis|end|enddatum|endet|to)\b", re.I)


def _label_before(block: etree._Element) -> str:
    label = block.getprevious()
    return " ".join(label.xpath("string()").split()) if label is not None else ""


def _kind(anchors: list[Anchor]) -> str:
    """A row's part in a record: its "end" (labelled so, in it or in the label cell before
    it: sf_event_mgt's "Ende" row), a "date", or a "time"."""
    if any(_END_LABEL.match(a.block.text) or _END_LABEL.match(_label_before(a.block.element))
           or _END_LABEL.match(_column_head(a.block.element)) for a in anchors):  # fmt: skip
        return "end"
    # a row that shows only times is a time row, whatever day its <time datetime> carries
    # (Squarespace: <time datetime="2026-12-08">10:00</time>)
    return "date" if any(a.sessions or (a.machine and not a.times) for a in anchors) else "time"


def _parallel(outer: _List, inner: _List) -> bool | None:
    """Whether `inner`'s records are events side by side inside `outer`'s records (then
    `outer` is a container: a table of categories, an accordion of sections), or fields of
    one event (a Datum row and a Zeit row, an info list beside the record's date; then
    `inner` is part of `outer`'s records). None: the lists are not nested."""
    groups: dict[int, list[etree._Element]] = defaultdict(list)
    for record in inner.records:
        if (holder := outer.holds(record)) is not None:
            groups[id(holder)].append(record)
    if not groups:
        return None
    rows = [[inner.anchors[id(r)] for r in held] for held in groups.values()]
    if any(sum(_kind(anchors) == "date" for anchors in held) >= 2 for held in rows):
        return True  # dated entries side by side under a day cell (JEvents' range list)
    dated_outside = False
    for (holder_id, held), anchors in zip(groups.items(), rows, strict=True):
        inside = {id(a) for r in held for a in inner.anchors[id(r)]}
        if any(id(a) not in inside for a in outer.anchors[holder_id]):
            # dated outside the inner rows: they are its fields, unless each is an event of
            # its own under the day (MEC's agenda: a time and a link to its page each), as
            # a day of two or more shows, wherever it stands among days of one
            dated_outside = True
            if _side_by_side(anchors) and _own_links(held):
                return True
    return False if dated_outside else any(_side_by_side(held) for held in rows)


def _own_links(records: list[etree._Element]) -> bool:
    """Each record links to a page, none to another's."""
    links = [{href for href in r.xpath(".//a/@href") if not href.startswith("#")} for r in records]
    return all(links) and all(not (a & b) for a, b in combinations(links, 2))


def _side_by_side(rows: list[list[Anchor]]) -> bool:
    """Rows of one record that are events of their own: two dated rows, or a dated row with
    its own time beside rows of times (weekly hours), or two rows of times alone. Not: a
    date row without a time and the time row that completes it, or a start and an end. A
    month that a row's subtitle names ("Lean Beers (October 2026)") dates no row."""
    rows = [[a for a in anchors if not _names_a_month(a)] or anchors for anchors in rows]
    kinds = [_kind(anchors) for anchors in rows]
    if len(rows) < 2 or "end" in kinds:
        return False
    dated = [anchors for anchors, kind in zip(rows, kinds, strict=True) if kind == "date"]
    if len(dated) >= 2:
        return True
    if len(dated) == 1:
        return any(not w.all_day for a in dated[0] for w in a.sessions)
    return True


def _names_a_month(anchor: Anchor) -> bool:
    return bool(anchor.sessions) and all(map(_months_only, anchor.sessions))


def _select(candidates: list[_List]) -> list[_List]:
    """Real lists: no containers (an accordion of sections, a table of categories); of two
    nested lists whose inner records are fields of one event, the outer one."""
    lists = [c for c in candidates if not _is_container(c) and not _lines_of_a_cell(c)]
    dropped: set[int] = set()
    kept: list[_List] = []
    for outer in lists:
        for inner in lists:
            if inner is outer:
                continue
            verdict = _parallel(outer, inner)
            if verdict is True:
                dropped.add(id(outer))
                if (rest := _beside(outer, inner)) is not None:
                    kept.append(rest)
            elif verdict is False:
                dropped.add(id(inner))
    chosen = [c for c in lists if id(c) not in dropped]
    # not records that hold another list's (a month's table of rows, beside the month
    # whose cells' lines made the rows' list look nested)
    return chosen + [
        rest for rest in kept
        if not any(rest.holds(r) is not None for other in chosen for r in other.records)
    ]  # fmt: skip


def _beside(outer: _List, inner: _List) -> _List | None:
    """The outer list's own dated records beside those that hold the inner list's events
    ("<li>Osterfeuer: 27. März</li> … <li>Patronatsfest: <ul><li>19. Mai</li>…</ul></li>"):
    a list of their own, when there are two or more."""
    holders = {id(outer.holds(record)) for record in inner.records}
    rest = [r for r in outer.records if id(r) not in holders and outer.anchors.get(id(r))]
    if len(rest) < 2:
        return None
    return _List(outer.path, rest, {id(r): outer.anchors[id(r)] for r in rest})


def _day_alone(text: str) -> bool:
    """The text says nothing but a day: no words left beside its date and weekday."""
    return not _LETTERS.search(_WEEKDAY_WORD.sub("", residue(text)))


def _lines_of_a_cell(candidate: _List) -> bool:
    """Records that are lines of dates in one table cell, none naming an entry of its own
    ("Samstag 26.03.2022 11 bis 18 Uhr", "und Sonntag 27.03.2022 …"): the days of the row's
    event, whose title is in a cell beside them."""
    held = {next(r.iterancestors("td", "th"), None) for r in candidate.records}
    cell = held.pop() if len(held) == 1 else None
    if cell is None or next(cell.iter(*dom.HEADINGS), None) is not None:
        return False  # (a cell with headings: a layout table's page content, not a field)
    # a dated record that names something ("und Sonntag …" names nothing) is an entry
    return not any(
        candidate.anchors[id(record)] and not _day_alone(dom.text_of(record).replace("und", ""))
        for record in candidate.records
    )


_LETTER = re.compile(r"[^\W\d_]")


def _lettered(text: str) -> bool:
    """Words, or letters if not two in a row: "D&D" is a game's name."""
    return bool(_LETTERS.search(text) or len(_LETTER.findall(text)) >= 2)


# A programme's pause: "Mittagspause", "Kaffeepause", "Coffee break".
_BREAK = re.compile(
    r"^(?:(?:mittags|kaffee|kuchen|kurze|lunch|coffee)?\s*pause|mittagessen|lunch"
    r"|(?:coffee|lunch)\s+break|break)\W*$",
    re.I,
)
# Pictographs before a title decorate it: "📅 Digitalcafé in Oberreut", "🎉 Sommerfest".
_EMOJI_LEAD = re.compile(r"^(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?\s*)+")
_ARROWS = re.compile(r"^[→›»>]+\s*")


def _bare(text: str) -> str:
    """A link's words without the pictograph or arrow before them: "🖹 Tagungsprogramm",
    "→ Details"."""
    return _ARROWS.sub("", _EMOJI_LEAD.sub("", text))


# Rules drawn around a title: "==== PLAYTESTING ====", "*** Sommerfest ***"; not a gender
# star ("für FLINTA*") nor a marker ("*NEU* Kurs").
_RULES = re.compile(r"^(?:[=*~]{2,}\s*)+|(?:\s*[=*~]{2,})+$")
_TIME_WORDS = frozenset({"", "uhr", "h", "um", "ab", "bis", "von", "am", "o'clock"})


_BRACKET_LINK = re.compile(
    r"\s+\[(?:website|homepage|web|webseite|info|infos|link|mehr|more|tickets?|facebook"
    r"|instagram)\].*$",
    re.I,
)
_COVER = re.compile(
    r"\s+\([^()]*(?:\$|€|\beur\b|\bcover\b|eintritt|\bfrei\b|\bfree\b|kostenlos)[^()]*\)$",
    re.I,
)


_LEADER_END = re.compile(r"\s*(?:\.{2,}|…+)\s*$")


def clean_title(text: str | None) -> str | None:
    if not text:
        return None
    text = _EMOJI_LEAD.sub("", " ".join(text.split())).strip(" -–|:,;·/")
    text = _LEADER_END.sub("", text).strip(" -–|:,;·/")  # "Aufstellungsabende: ……"
    text = _RULES.sub("", text)
    # what follows the name: a link in brackets and the rest of the line ("Nancy Dillon Trio
    # [Website] with Phil Hirsch (cello)"), the cover charge ("Global Music Jam ($10 cover)")
    text = _COVER.sub("", _BRACKET_LINK.sub("", text)) or text
    # a town alone names no event: a press release's dateline "Jena, 12.11.2026 –"
    named = _lettered(text) and not places.lookup(text)
    named = named and not _TAGS.match(text) and not _WEEKDAY_ONLY.match(text)
    named = named and not _ADDRESS.match(text)  # a link's bare URL names a page, no event
    named = named and not _MORE_DATES.match(text) and not _DAY_LABEL.match(text)
    named = named and not opening_hours(text) and not _GREETING.match(text)
    named = named and not _PLACE_TBA.match(text) and not _TBA.match(text)
    named = named and not _ROOM.match(text) and not _ZONE_AND_LANGUAGE.match(text)
    # a remark in brackets, or what a date's removal left of one: "(Musik Ende 23:00 Uhr)"
    remark = text.startswith("(") and text.find(")") in (-1, len(text) - 1)
    if named and text.endswith(")") and "(" not in text:
        text = text[:-1].rstrip()  # the date's removal took its bracket: "5. Mai (Fest)"
    return text if named and not remark else None


def opening_hours(text: str) -> bool:
    """Hours of opening, no event: "Öffnungszeiten", "Sprechzeiten 2027", "Opening hours"."""
    return bool(_HOURS.match(text))


def not_date(text: str) -> str | None:
    """The text when it is more than a date (what is left must hold words), less a date
    it starts with: "Sa_27.06. Sommerfest" is the Sommerfest."""
    left = residue(text)
    if not (left and _lettered(left)) or _WEEKDAY_ONLY.match(left):
        return None
    flat = " ".join(text.split())
    return clean_title(left if flat.endswith(left) and not flat.startswith(left) else flat)


def _visible(record: etree._Element, *tags: str) -> list[etree._Element]:
    return [
        e for e in record.iter(*tags) if isinstance(e.tag, str) and not dom.hidden(e, within=record)
    ]


def _leads_with_date(text: str) -> bool:
    """The text opens with its date: "Donnerstag 17.4 - Fukuro N°15 - House"."""
    flat, left = " ".join(text.split()), residue(text)
    return bool(left) and not flat.startswith(left.split()[0])


def _kin(a: etree._Element, b: etree._Element) -> int:
    """How closely related two elements are: the depth of their lowest common ancestor."""
    chain = {node: depth for depth, node in enumerate(dom.ancestors(b))}
    for node in (a, *a.iterancestors()):
        if node in chain:
            return chain[node]
    return 0


# The head of a table's column of titles: "Veranstaltung", "Titel", "Thema", "Event".
_TITLE_COLUMN = re.compile(
    r"^(?:veranstaltung|veranstaltungen|titel|thema|themen|event|events|bezeichnung|was|anlass"
    r"|beschreibung"
    r"|ereignis|ereignisse|aktion|aktivität|programm|angebot|seminar|kurs|title|name)\W*$",
    re.I,
)


# What a place's first word ends in: "Berchenschule", "Gemeindesaal", "Marktplatz",
# "Raum 1.12", "St. Gallus"; its last may be a town ("LAGO Shopping Center Konstanz").
_PLACE_NOUN = re.compile(
    r"^(?:\w*(?:schule|saal|säle|halle|kirche|haus|häuser|garten|zentrum|center|platz|hof|heim"
    r"|park|bühne|stadion|arena|museum|bibliothek|kapelle|schloss|burg|gelände|wiese|stube"
    r"|keller|kneipe|gaststätte|gasthof|café|cafe)|aula|raum|st\.?|online|zoom)$",
    re.I,
)
# By table (held, so that lxml gives the same element again), cleared as it grows.
_PLACE_COLUMNS: dict[etree._Element, frozenset[int]] = {}


def _place_column(cell: etree._Element) -> bool:
    """A cell of a table column whose cells, at least half of those that say something,
    name places: a table without a head that says so."""
    table = next(cell.iterancestors("table"), None)
    if table is None:
        return False
    if table not in _PLACE_COLUMNS:
        if len(_PLACE_COLUMNS) > 64:
            _PLACE_COLUMNS.clear()
        _PLACE_COLUMNS[table] = _columns_of_places(table)
    return _column(cell) in _PLACE_COLUMNS[table]


def _columns_of_places(table: etree._Element) -> frozenset[int]:
    said: dict[int, list[bool]] = {}
    for row in table.iter("tr"):
        for cell in row:
            words = " ".join(dom.text_of(cell).split()).split() if cell.tag == "td" else []
            if words and _LETTERS.search(words[0]):
                town = places.lookup(words[-1].strip(",")) is not None
                said.setdefault(_column(cell), []).append(
                    bool(_PLACE_NOUN.match(words[0].strip(",:"))) or town
                )
    found = {c for c, looks in said.items() if len(looks) >= 2 and sum(looks) * 2 >= len(looks)}
    # only beside a column that does not: "Stadtfest Erfurt" ends in a town too
    return frozenset(found) if set(said) - found else frozenset()


# Heads of columns that say something else of an event: a remark, its kind, who runs it.
_OTHER_COLUMN = re.compile(
    r"^(?:bemerkung|bemerkungen|anmerkung|anmerkungen|hinweis|hinweise|info|infos|kategorie"
    r"|art|typ|verein|veranstalter|ausrichter|raum|eintritt|preis|kosten|notes?|category"
    # a time's column: "noch offen" there says the time is not fixed yet; not "Termin",
    # which a school's table heads its events' names with, nor a parish's "Gruppe"
    r"|datum|wann|zeit|uhrzeit|beginn|time|date)\W*$",
    re.I,
)


# The head of a column of places: "Ort", "Spielstätte", "Veranstaltungsort".
_PLACE_COLUMN = re.compile(
    r"^(?:ort|orte|veranstaltungsort|spielstätte|spielort|raum|location|venue|place|wo)\W*$",
    re.I,
)


def _column_head(cell: etree._Element) -> str:
    """The text of the head above a table cell ("Veranstaltung", "Bis"), "" if none."""
    if cell.tag != "td" or (row := cell.getparent()) is None:
        return ""
    table = next(row.iterancestors("table"), None)
    if table is None:
        return ""
    head = _head_row(table)
    if head is None or head is row:
        return ""
    column = _column(cell)
    for cell_of_head in head:
        if isinstance(cell_of_head.tag, str) and _column(cell_of_head) == column:
            return _BROKEN_WORD.sub(r"\1\2", " ".join(dom.text_of(cell_of_head).split()))
    return ""


# Words of a column head written in plain cells: "<tr><td>Von</td><td>Bis</td>
# <td>Veranstaltung</td>…" (a hand-made table without th).
_HEAD_WORDS = re.compile(
    r"^(?:von|bis|datum|termin|wann|zeit|uhrzeit|beginn|ende|veranstaltung|titel|thema|ort"
    r"|wo|date|time|event|title|venue|where|when|programm|veranstaltungsort|spielort"
    # who gives it and what it costs: "Dozent/ Musiker", "Referent", "Preis"
    r"|dozent(?:in)?|referent(?:in)?|musiker|künstler(?:in)?|interpreten|mitwirkende"
    r"|besetzung|leitung|kursleitung|preis|kosten|gebühr|speaker|artists?|price|cost)$",
    re.I,
)
_BROKEN_WORD = re.compile(r"(\w)-\s+([a-zäöü])")
_HEAD_PARTS = re.compile(r"\s*(?:/|&|,|\bund\b|\band\b)\s*", re.I)


def _head_name(name: str) -> bool:
    """A column's name, or names joined: "Datum und Ort", "Dozent/ Musiker"; a long word
    may be broken in two ("Veranstaltungs- ort")."""
    parts = [part for part in _HEAD_PARTS.split(_BROKEN_WORD.sub(r"\1\2", name)) if part]
    return bool(parts) and all(_HEAD_WORDS.match(part) for part in parts)


def _grid(anchors: list[Anchor]) -> tuple[list[Found], list[Anchor]]:
    """Events of a table whose columns of days are not one list's dates, read cell by cell;
    the anchors of other tables are left to the lists. Either its columns are kinds of
    event over their days: a club's year, a row a month, "Versammlungen um 20 Uhr" and
    "Rennen ab 14 Uhr" heading columns of "7. Februar", "22. April (Ostermontag)", "-",
    each day its column's event at the time its head gives. Or two lists stand side by
    side in it, each row a day and its title for each ("03.01.2014 | Jahreshauptversammlung
    | 22.02.2015 | | Winterbörse"): each day is titled by the cell after it."""
    cells: dict[int, list[tuple[etree._Element, Anchor]]] = defaultdict(list)
    for anchor in anchors:
        element = anchor.block.element
        cell = element if element.tag == "td" else next(element.iterancestors("td"), None)
        if cell is not None and anchor.sessions and (table := _table_of(cell)) is not None:
            cells[id(table)].append((cell, anchor))
    found: list[Found] = []
    taken: set[int] = set()
    for dated in cells.values():
        days: dict[int, int] = defaultdict(int)  # cells that are a day alone, by column
        for cell, anchor in dated:
            if _day_alone(_LABEL_IN_BRACKETS.sub("", anchor.block.text)):
                days[_column(cell)] += 1
        table = _table_of(dated[0][0])
        assert table is not None
        kinds = _kind_columns(table, days)
        side = {c for c, n in days.items() if n >= _KIND_DAYS} if not kinds else set()
        # each with its titles' column after it, not a start's and an end's ("Von | Bis")
        apart = all(b - a >= 2 for a, b in pairwise(sorted(side)))
        if not kinds and (len(side) < 2 or not apart):
            continue
        for cell, anchor in dated:
            column = _column(cell)
            if column in kinds:
                name, span = kinds[column]
                label = _LABEL_IN_BRACKETS.search(anchor.block.text)
                title = f"{name} ({label[1]})" if label and clean_title(label[1]) else name
            elif column in side and (beside := _title_beside(cell, side)):
                title, span = beside, None
            else:
                continue
            for when in anchor.sessions:
                day = _day_of(when.start)
                at = _on_day(span, day) if span and when.all_day and day else [when]
                for session in at:
                    event = _event(title, session, None, None, dom.text_of(cell))
                    if event is not None:
                        found.append(Found(event, False, len(dated), False))
            taken.add(id(anchor))
    return found, [a for a in anchors if id(a) not in taken]


_LABEL_IN_BRACKETS = re.compile(r"\(([^()]{3,60})\)\s*$")
_NONE = frozenset({"", "-", "–", "—", "/", "--"})  # a month without that event
_KIND_DAYS = 3  # days at least in a column of an event's kind, or of one of two lists


def _table_of(cell: etree._Element) -> etree._Element | None:
    row = cell.getparent()
    return next(row.iterancestors("table"), None) if row is not None else None


def _title_beside(cell: etree._Element, days: set[int]) -> str | None:
    """The first line of the first cell after a day's that says something, up to the next
    column of days: the title of one of two lists side by side."""
    for after in cell.itersiblings():
        if not isinstance(after.tag, str) or _column(after) in days:
            return None
        text = dom.text_of(after).strip()
        if " ".join(text.split()) not in _NONE:
            return clean_title(text.split("\n")[0])
    return None


_Kind = tuple[str, TimeSpan | None]  # a column's event: its name, the time its head gives


def _kind_columns(table: etree._Element, days: dict[int, int]) -> dict[int, _Kind]:
    """The columns of a table whose head names a kind of event (not a date's, "Datum",
    "Monat") over cells that are days alone (or none, "-"): column → (name, head's time)."""
    head = _head_row(table)
    if head is None or head.find("th") is None:
        return {}
    kinds: dict[int, _Kind] = {}
    for cell in head:
        if not isinstance(cell.tag, str) or days[column := _column(cell)] < _KIND_DAYS:
            continue
        text = dom.text_of(cell)
        name = clean_title(residue(text.split("\n")[0]))
        if not name or _head_name(name) or _MONTH_HEAD.match(name):
            continue
        column_cells = [c for row in table.iter("tr") if row is not head for c in row
                        if isinstance(c.tag, str) and _column(c) == column]  # fmt: skip
        said = [c for c in column_cells if " ".join(dom.text_of(c).split()) not in _NONE]
        if days[column] * 4 < len(said) * 3:
            continue  # a column of titles with some dates in them
        spans = find_times(text)
        kinds[column] = (name, spans[0] if spans else None)
    return kinds


_MONTH_HEAD = re.compile(r"^(?:monat|month|tag|day|jahr|year|woche|week|kw)$", re.I)


def _head_row(table: etree._Element) -> etree._Element | None:
    """The table's head row: its first row when that has th cells (thead's too), else one
    of its first rows whose plain cells are column names ("Von", "Bis", "Veranstaltung")."""
    if table not in _HEAD_ROWS:  # asked for each cell of each row's candidates
        if len(_HEAD_ROWS) > 64:
            _HEAD_ROWS.clear()
        _HEAD_ROWS[table] = _find_head_row(table)
    return _HEAD_ROWS[table]


_HEAD_ROWS: dict[etree._Element, etree._Element | None] = {}  # by table, as _PLACE_COLUMNS


def _find_head_row(table: etree._Element) -> etree._Element | None:
    if (own := _own_head_row(table)) is not None:
        return own
    # a year's programme in one table a month: the first names the columns of all
    before = islice(table.itersiblings("table", preceding=True), _HEAD_TABLES)
    for other in before:
        if other.get("class") != table.get("class"):
            break
        if (head := _own_head_row(other)) is not None:
            return head if _width(head) == _width(next(table.iter("tr"), head)) else None
    return None


_HEAD_TABLES = 24  # tables before it that may name its columns


def _width(row: etree._Element) -> int:
    return sum(1 for cell in row if cell.tag in ("td", "th"))


def _own_head_row(table: etree._Element) -> etree._Element | None:
    rows = [r for r, _ in zip(table.iter("tr"), range(6), strict=False)]
    if rows and rows[0].find("th") is not None:
        return rows[0]
    for row in rows:
        names = [" ".join(dom.text_of(c).split()) for c in row if c.tag in ("td", "th")]
        if len(names) >= 3 and sum(_head_name(n) for n in names) >= 2:
            if not any(_dated(n) for n in names):
                return row
    return None


def _in_head(element: etree._Element, record: etree._Element) -> bool:
    """Inside the head row of a table that holds more rows of the record than that."""
    row = next(element.iterancestors("tr"), None)
    if row is None or row is record or not any(n is record for n in row.iterancestors()):
        return False
    table = next(row.iterancestors("table"), None)
    return table is not None and _head_row(table) is row


def _in_title_column(cell: etree._Element) -> bool:
    """A table cell under a column head that says it holds titles."""
    return bool(_TITLE_COLUMN.match(_column_head(cell)))


def _column(cell: etree._Element) -> int:
    """The cell's column, counting the spans of the cells before it."""
    before = (c for c in cell.itersiblings(preceding=True) if c.tag in ("td", "th"))
    return sum(int(c.get("colspan") or 1) if (c.get("colspan") or "1").isdigit() else 1
               for c in before)  # fmt: skip


# A sentence that opens with its date: "Am 1. Mai laden wir …", "Ab 12.03. gilt …".
_SENTENCE_ON = re.compile(r"^\s*(?:Am|Ab|Vom|Seit|Bis|Von|On|From)\s+\S*\d")


def _subtitle(record: etree._Element) -> bool:
    """A heading right below a higher one, its title: "<h3>…</h3><h4>Auftritt: …</h4>"."""
    above = record.getprevious()
    return (
        record.tag in dom.HEADINGS
        and above is not None
        and above.tag in dom.HEADINGS
        and above.tag < record.tag
        and bool(dom.text_of(above).strip())
    )


def _title(
    record: etree._Element, primary: Anchor | None, dated: list[etree._Element]
) -> tuple[str | None, etree._Element | None]:
    """The record's title (see the module's docstring): of the candidates, the one most
    closely related to the record's date, then a heading before an element whose class
    says title, bold text and a link. An element that holds the record's date is no title:
    a calendar cell's header "1 Veranstaltung, 29" is its day."""
    if (labelled := labelled_title(record)) is not None:
        return labelled
    holders = {node for block in dated for node in (block, *block.iterancestors())}
    elements = [e for e in _visible(record) if e not in holders or e.tag == "a"]
    candidates: list[tuple[int, etree._Element, str]] = []
    for element in elements:
        if element.tag in dom.HEADINGS:
            kind = 0
        elif _TITLE_CLASS.search(element.get("class") or "") or _in_title_column(element):
            kind = 1
        elif element.tag in ("strong", "b"):
            kind = 2
        elif element.tag == "a" and not _SKIP_HREF.search(element.get("href") or ""):
            kind = 3
        elif element.tag == "td" and element.getparent() is record:
            # a row's plain cell: of those, the longest is the title; not one of a column
            # its head or its cells say holds places ("07. März | 21.00 Uhr | Heringsessen |
            # Berchenschule")
            head = _column_head(element)
            if _PLACE_COLUMN.match(head) or _OTHER_COLUMN.match(head) or _place_column(element):
                continue
            kind = 4
        else:
            continue
        if _in_head(element, record):
            continue  # a column's name: "Veranstaltung", "Dozent/ Musiker"
        if (kind or is_place(element)) and _in_place(element, record):
            continue  # "dp-location__title", "h3.event-loc" name the venue
        if kind == 3 and _AT.search(_text_before(element)):
            continue  # a venue's link: "Stammtisch im <a>Kelix</a>"
        full = _text_less_places(element)
        raw = " ".join(full.split())
        if kind == 4 and raw.endswith(":") and _label_cell(element, raw):
            full = raw = raw.rstrip(" :")  # "3. GEBF-Tagung: | 11. bis 13. März 2015"
        if not raw or _LABEL.match(raw) or (kind == 3 and _GENERIC_LINK.match(_bare(raw))):
            continue
        if kind == 2 and _FIELD_LABEL.fullmatch(raw) and _label_ends(element):
            continue  # a label whose colon follows it: "<strong>Uhrzeit</strong>: 9:00 Uhr",
            # or that stands over its value: "<b>Anbieter:in</b><br>Olaf Ahlers"
        if kind == 2 and _BOLD_NOTE.match(raw):
            continue  # a note set in bold: "This is a Hybrid Meeting. Members of the …"
        if kind == 0 and _SECTION.fullmatch(raw.strip(" :")):
            continue
        # a title is one line: "MEDICA 2026 – Gemeinschaftsstand", not the teaser below it
        # as is a table cell's: its title, then the place or a teaser below it
        first, *rest = [line for line in full.split("\n") if line.strip()]
        if rest and not not_date(first):
            # a date line leads it: "<a><b>Freitag bis Sonntag 9.-11. Sept.</b><br>
            # 17. Eggisrieder Seminar</a>"
            text = not_date(rest[0])
        else:
            text = not_date(first if len(raw) > _RESIDUE_TITLE or element.tag == "td" else raw)
        if text and not _GENERIC_LINK.match(text):  # "<h3>11.07.15<br><a>Weitere …</a></h3>"
            candidates.append((kind, element, text))
    # (only when no heading, title element or bold text names it: "12.03.2027 – Erfurt"
    # over a panel's "<strong>Regionalkonferenz Mitte</strong>" is where)
    for block in dated if all(kind == 3 for kind, _, _ in candidates) else []:
        # a heading that opens with its date goes on to name the event: an accordion's
        # "<h4><a href=#collapse1>10. Mai 2025 / Chaos und Paukenschlag</a></h4>" over the
        # programme, its soloists' links and the box office's
        own = primary is not None and primary.block.element is block and not primary.month
        if own and block.tag in dom.HEADINGS and _leads_with_date(line := dom.text_of(block)):
            first, *more = line.split("\n")  # the words may follow on a line of their own
            named = clean_title(residue(first) or (residue(more[0]) if more else ""))
            if named and len(named) <= _RESIDUE_TITLE and not _GENERIC_LINK.match(named):
                candidates.append((0, block, named))
    if candidates and (said := _said_after_date(primary)) is not None:
        candidates.append((2, record, said))
    if candidates:
        # lines that all link one page, a line each ("<p><a href=X>Do_07.01. 21.00h</a></p>
        # <p><a href=X>Live: NOWFRAGO</a></p><p><a href=X>Trip-Pop</a></p>"): the first
        # that names it, the others say more; not a line that leads on to the next
        # ("Do_20.08. Sääli & Marina present:", "HYMN FOR HER (US)")
        firsts: dict[str, etree._Element] = {}
        for kind, element, _text in candidates:
            href = element.get("href") or ""
            if kind == 3 and href not in firsts and not dom.text_of(element).rstrip().endswith(":"):
                firsts[href] = element
        candidates = [
            c for c in candidates
            if c[0] != 3 or firsts.get(c[1].get("href") or "", c[1]) is c[1]
        ]  # fmt: skip
        anchor = dated[0] if dated else record
        inside = {block for block in dated if _leads_with_date(dom.text_of(block))}
        # a date in a sentence: a link or bold words of that sentence are no title beside a
        # heading or a title's class outside it ("<p class="carousel-title">…</p><p>Mark
        # your calendar for the <a><strong>annual meeting</strong></a>, November 7th …")
        prose = {block for block in dated if len(residue(dom.text_of(block))) > _RESIDUE_TITLE}
        # only beside a title of some words outside it, not a category ("Kultur")
        named = any(
            len(text.split()) >= 3 and not any(n in prose for n in element.iterancestors())
            for _, element, text in candidates
        )
        prose = prose if named else set()

        def rank(candidate: tuple[int, etree._Element, str]) -> tuple:
            kind, element, text = candidate
            # bold text within the date line is its subtitle ("17.4 - <b>Fukuro N°15</b>")
            in_date_line = any(node in inside for node in element.iterancestors())
            in_prose = kind in (2, 3) and any(node in prose for node in element.iterancestors())
            # a heading first; else the candidate closest to the date (a widget's headline
            # "Upcoming Events" is further from an entry's date than the entry's link)
            # what a closed dialog says names the record only when nothing shown does
            shown = not dom.in_dialog(element, record)
            return (shown, not in_date_line, not in_prose, kind == 0, _kin(element, anchor),
                    -kind, len(text) if kind in (3, 4) else 0)  # fmt: skip

        kind, element, text = max(candidates, key=rank)
        if kind == 3 and dom.in_folded(element, record):
            # only links, closed until opened, would name it (an accordion's body: its
            # provider's link), while its shown head has a line of words beside the date
            if (plain := _plain_title(record, primary))[0]:
                return plain
        line = next((b for b in dated if any(n is b for n in element.iterancestors())), None)
        if line is not None and _leads_with_date(dom.text_of(line)):
            # a link inside a date line goes on in its words: "1. Februar: <a>Jahresempfang</a>
            # (zusammen mit BVMW)"; not in its times ("08.12.2026 - <a>…</a> 10:00 - 16:00")
            rest = clean_title(residue(dom.text_of(line).split("\n")[0]))
            # only what follows the link: "12.01.2027 | Erfurt | <a>…</a>" puts the town first;
            # and as its own text: "<a>…</a> <span>Foyer</span>" names the room
            said = _LETTERS.search(element.tail or "")
            if rest and rest.startswith(text) and len(rest) <= _RESIDUE_TITLE and said:
                text = rest
        elif line is not None and line.tag in dom.HEADINGS and not _dated(dom.text_of(element)):
            # a heading that names its event before the date, a link after it the speaker:
            # "<h3>Xamarin, 29.06.2016 um 19:00 Uhr … mit <a>Kerry W. Lothrop</a></h3>"
            lead = clean_title(before_date(dom.text_of(line).split("\n")[0]))
            said = _text_before(element)
            if lead and len(lead) <= _RESIDUE_TITLE and text not in lead and _BY.search(said):
                text = lead
        return text, element
    return _plain_title(record, primary)


# Sentences, not a name: some words that end in a full stop ("Limited seating available
# to first 15. This is a Hybrid Meeting.")
_BOLD_NOTE = re.compile(r"^(?=(?:\S+\s+){5})[^.!?]*[a-zäöüß][^.!?]*[.!?](?:\s.*)?$")


def _said_after_date(primary: Anchor | None) -> str | None:
    """What an entry that opens with its date set apart (in bold, as a link) names after it:
    the words after the date on its line ("<a><b>Sonntag, 24. April um 15 Uhr</b></a>
    “l’après-midi d’un faune”"), or, where the date's line adds only a remark ("…, vor
    Palmsonntag", "(vor Pfingsten)"), the next line. It outranks links in the lines below
    (the performers', a partner's: "aus <a>St. Ulrich in St. Peter-Ording</a>")."""
    if primary is None:
        return None
    block = primary.block.element
    head = next(block.iter("a", "strong", "b"), None)
    lines = [line for line in primary.block.text.split("\n") if line.strip()]
    if head is None or head is block or not lines:
        return None
    said = " ".join(dom.text_of(head).split())
    if not said or not lines[0].startswith(said) or not _dated(said):
        return None
    rest = " ".join(lines[0][len(said) :].split()).strip(" ,–-")
    if not rest or not _TITLE_START.match(rest):  # a remark on the day, or nothing
        rest = " ".join(lines[1].split()) if len(lines) > 1 else ""
        if _LABELLED.match(rest) or _dated(rest) or find_times(rest):
            return None
    if not rest or not _TITLE_START.match(rest) or _GENERIC_LINK.match(rest):
        return None
    return _lead_title(rest)


# a capital, or any letter in quotes ("“l’après-midi d’un faune”"); not "vor Palmsonntag"
_TITLE_START = re.compile(r"^(?:[„“”\"»«‚‘'][^\W_]|\(?[A-ZÄÖÜ0-9])")


def _lead_title(line: str) -> str | None:
    """A line as a title: whole when short, else its lead (`_line_up`)."""
    if len(line) <= _RESIDUE_TITLE and len(line.split()) <= 10:
        return clean_title(line)
    return clean_title(lead) if (lead := _line_up(line)) else None


_QUOTED_LEAD = re.compile(r"^[„“”\"»«‚‘][^„“”\"»«]{3,80}[“”\"«»‘’]")


def _plain_title(record: etree._Element, primary: Anchor | None) -> tuple[str | None, None]:
    """Without a heading, a title's element, bold text or a link: the words beside the
    record's date, or the first plain line after it."""
    if primary is not None:
        generic = [
            text
            for link in primary.block.element.iter("a")
            if _GENERIC_LINK.match(_bare(text := " ".join(link.xpath("string()").split())))
        ]
        for line in primary.block.text.split("\n"):
            left = _BRACKET_LINK.sub("", residue(line))
            for text in generic:  # "Frühjahrstagung in Jena (12.–13. März). 🖹 Programm"
                left = left.removesuffix(text).rstrip() if text else left
            if left.casefold().strip(" :.,-") in _TIME_WORDS or _GENERIC_LINK.match(left):
                continue  # a date's word on a line of its own ("<time>… 20:00\n Uhr</time>"),
                # or a link's ("11. / 12.07.15<br><a>Weitere Informationen</a>")
            label = _LABELLED.match(line)
            if label and left.strip(" :") == line[: label.end()].strip(" :") and _subtitle(record):
                continue  # the date's label: "<h3>Pirata Patata</h3><h4>Auftritt: 07.01.2024"
            if left and _at_place(line, left) and dom.preceding_heading(record):
                # "14.03.2026 – 14:00 Uhr im Vereinsheim": where, under a heading that says
                # what ("Mitgliederversammlung"), which the record borrows
                return None, None
            if _SENTENCE_ON.match(line) and left[:1].islower():
                break  # the date stands in a sentence: "Am 1. Mai laden wir zum Hock …"
            if left and _LETTERS.search(left) and not (_LABEL.match(line) or _LABEL.match(left)):
                # what a date line says besides its date is a title only when it is short;
                # else the date stands in a sentence ("Die Saison beginnt am …")
                short = len(left) <= _RESIDUE_TITLE and len(left.split()) <= 10
                # a line of its own below the date may be a line-up (see below)
                if not short and not _dated(line) and (lead := _line_up(left)):
                    left, short = lead, True
                title = clean_title(_less_town(left)) if short else None
                if title or not short:
                    return title, None
                break  # a town or hashtags beside the date: the title may follow
        # else the record's first plain line after its date line, if short: a post's
        # "<p>Sa, 12.12.2026, 10 Uhr</p><p>Weihnachtsmarkt im Hof</p>"; not a labelled
        # value ("Ort: Gemeindehaus") nor a link's "Weiterlesen"
        if line := _line_after(dom.text_of(record), primary.block.text):
            # a time leads it, as in a venue's schedule: "Sat Jun 13", "7pm - Greta Matassa"
            line = residue(line) if _dated(line) or find_times(line) else line
            line = _BRACKET_LINK.sub("", line)
            short = len(line) <= _RESIDUE_TITLE and len(line.split()) <= 10
            if not short and (lead := _line_up(line)):
                line, short = lead, True
            named = not (_LABELLED.match(line) or _GENERIC_LINK.match(line) or _dated(line))
            if line and short and named:
                return clean_title(line), None
    return None, None


def _line_up(line: str) -> str | None:
    """The lead of a long line as its title: a quoted name that opens it ("„Unerhört! –
    Komponierende Frauen“ Ein Projekt-Konzert von …"); a club night's line-up, a long line
    of names and no sentence ("Ça Claque w/ Kack Musikk (Global Ghetto Anthems, Lu), …"); a
    longer one by the night's name before its guests ("Farbe.Form.Musik w/ Kollektiv …")."""
    if quoted := _QUOTED_LEAD.match(line):
        return quoted[0]  # a quoted name before its description: "„Unerhört!“ Ein Konzert …"
    if len(line) > _LINE_UP:
        line = _GUESTS.split(line, 1)[0]
        if len(line) > _RESIDUE_TITLE:
            return None
    return None if _PROSE.search(line) else line


_LINE_UP = 240
_GUESTS = re.compile(r"\s+(?:w/|with|feat\.?|featuring|mit|presents)\s+", re.I)
# A sentence's end, or words running on in lower case as prose does
_PROSE = re.compile(r"[^\W\d_]{2}[.!?](?:\s|$)|(?:\b[a-zäöüß]{3,}\b\s+){5}")


# A preposition of place before what a date line says besides its date and time; not in
# phrases of time or manner ("im Anschluss an", "im Rahmen der").
# Lower case: a capital starts a title ("Im Gespräch mit …", "Am Puls der Zeit").
_AT = re.compile(r"(?:^|\s)(?:im|am|beim|in der|in|auf dem|an der|at)\s+$")
_NOT_PLACE = re.compile(
    r"^(?:anschlu(?:ss|ß)|rahmen|wechsel|kooperation|zusammenarbeit|auftrag|vorfeld|nachgang"
    r"|laufe|abend|morgen|vormittag|nachmittag|wochenende|livestream|präsenz|internet|netz"
    r"|freien)\b",
    re.I,
)


def _at_place(line: str, left: str) -> bool:
    """Whether all a date line says besides its date and time is where: "jeweils 19:00 Uhr
    im Anglerheim", "Treffpunkt jeweils 8:00 Uhr am Vereinsheim"."""
    words = _place_words(left)
    at = line.find(words) if words else -1
    if at <= 0 or not _AT.search(line[:at]) or _NOT_PLACE.match(words):
        return False
    before, after = residue(line[:at]).removeprefix("Treffpunkt"), residue(line[at + len(words) :])
    return not (_LETTERS.search(before) or _LETTERS.search(after))


def _place_words(left: str) -> str:
    return left.removeprefix("Treffpunkt").strip()


def _line_after(text: str, block: str) -> str | None:
    """The line of `text` after those that hold `block` (a block joined of several
    elements, "Mi. 09.12", stands on several lines)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    wanted, seen = " ".join(block.split()), ""
    for index, line in enumerate(lines):
        seen = f"{seen} {line}".strip()
        if wanted in seen:
            return lines[index + 1] if index + 1 < len(lines) else None
    return None


def _less_town(text: str) -> str:
    """A date line's words less the town they end in: "Mitgliederversammlung, Weimar"."""
    head, _, town = text.rpartition(",")
    return head if head.strip() and places.lookup(town.strip()) else text


def _url(record: etree._Element, title_element: etree._Element | None, base: str) -> str | None:
    if title_element is not None:
        for node in (title_element, *title_element.iterancestors()):
            if node.tag == "a" and node.get("href"):
                href = node.get("href").strip()
                if not _SKIP_HREF.search(href):
                    return urljoin(base, href)
            if node is record:
                break
        for link in title_element.iter("a"):
            href = (link.get("href") or "").strip()
            if href and not _SKIP_HREF.search(href):
                return urljoin(base, href)
    # Else a "mehr"/"Details" link, or one on the site's own host; a link elsewhere with
    # other words is the venue's or a partner's site, not the event's page.
    host = (urlsplit(base).hostname or "").removeprefix("www.")
    generic, own, fragments = [], [], []
    for href, text in dom.iter_links(record):
        if _SKIP_HREF.search(href):
            continue
        url = urljoin(base, href)
        if _GENERIC_LINK.match(text):
            generic.append(url)
        elif (urlsplit(url).hostname or "").removeprefix("www.") == host:
            (fragments if href.startswith("#") else own).append(url)
    return (generic or own or fragments or [None])[0]


def _label_cell(cell: etree._Element, raw: str) -> bool:
    """The first of a row's two cells, naming what the other's date is of (an "Important
    dates" table), not a field's label ("Datum:", "Ort:")."""
    cells = [c for c in cell.getparent() if isinstance(c.tag, str) and c.tag in ("td", "th")]
    return len(cells) == 2 and cells[0] is cell and not _FIELD_LABEL.fullmatch(raw.rstrip(" :"))


def _in_place(element: etree._Element, record: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node is record:
            return False
        if is_place(node):
            return True
    return False


def _text_less_places(element: etree._Element) -> str:
    """The element's text without the places inside it: the title of "Netzwerktreffen
    <span class="event-location">@ TZ Ilmenau</span>" (All-in-One Event Calendar)."""
    places = [e for e in element.iterdescendants() if isinstance(e.tag, str) and is_place(e)]
    if not places:
        return dom.text_of(element)
    copy = deepcopy(element)
    for inner in [e for e in copy.iterdescendants() if isinstance(e.tag, str) and is_place(e)]:
        if inner.getparent() is not None:
            dom.drop(inner)
    return dom.text_of(copy)


_MAP_WIDGET = frozenset({"map", "maps", "gmap", "karte", "leaflet"})


def is_place(element: etree._Element) -> bool:
    classes = element.get("class") or ""
    tokens = {part.casefold() for part in re.split(r"[\s_-]+", classes)}  # "field-ort"
    # run together too: "venuename", "eventLocation", "locationInfo"; not a map of the place
    # ("em-location-map", whose text is "Loading Map....")
    named = any(map(_PLACE_WORD.fullmatch, tokens)) and not tokens & _MAP_WIDGET
    return element.tag == "address" or named


# An icon's class or symbol that stands for a place: Font Awesome's "fa-map-marker-alt",
# "dashicons-location", an SVG sprite's "#icon-map-pin" (a pin alone may bookmark).
_PLACE_ICON = frozenset({"marker", "location", "place", "geo", "venue"})
_MAP_PIN = frozenset({"map", "pin"})  # together: "icon-map-pin"; alone: "fa-map-signs", "Merken"
_ICONS = ("i", "span", "svg", "img", "em")


def _icon_image(image: etree._Element) -> bool:
    """An image that is an icon: an SVG, one kept with icons, or one drawn small."""
    source = (image.get("src") or "").casefold()
    sizes = [image.get("width") or "", image.get("height") or ""]
    small = any(size.isdigit() and int(size) <= 48 for size in sizes)
    return image.tag == "img" and (source.endswith(".svg") or "icon" in source or small)


def _place_icon(element: etree._Element) -> bool:
    """An element that opens with an icon standing for a place, and its text beside it:
    "<li><i class="fas fa-map-marker-alt"></i>Stadtbibliothek Laim</li>"."""
    if (element.text or "").strip() or not len(element):
        return False
    icon = element[0]
    if not isinstance(icon.tag, str) or icon.tag not in _ICONS or dom.text_of(icon).strip():
        return False
    # an icon image's file name too ("/assets/icons/icon-location.svg"), not a photo's
    # ("/img/events/location-biergarten.jpg")
    names = [icon.get("class") or "", icon.get("alt") or ""]
    if _icon_image(icon):
        names.append((icon.get("src") or "").rsplit("/", 1)[-1].rsplit(".", 1)[0])
    names += [u.get("href") or u.get("xlink:href") or "" for u in icon.iter("use")]
    tokens = {part.casefold() for name in names for part in re.split(r"[\s_#-]+", name)}
    text = dom.text_of(element).strip()
    named = bool(tokens & _PLACE_ICON) or _MAP_PIN <= tokens
    return named and bool(text) and not _MAP_LINK.fullmatch(f" {text}")


def place_text(element: etree._Element) -> str | None:
    """An address block's lines as one line: "Kongresszentrum, Am Hang 12, 99096 Erfurt"."""
    lines = [" ".join(line.split()) for line in dom.text_of(element).split("\n")]
    text = ", ".join(line.strip(" ,") for line in lines if line.strip(" ,"))
    label = (element.text or "").strip()
    if len(element) and _PLACE_LABEL.match(f"{label}:") and text.startswith(label):
        text = text[len(label) :]  # "Ort <a>Messe Leipzig</a>" (RSEvents!Pro): a label alone
    # "@ TZ Ilmenau": calendar plugins' "at" before the venue; "(Karte)": its map link
    return without_map_links(_undated(_PLACE_LABEL.sub(r"\1", text).lstrip(" ,")))


def _undated(text: str) -> str:
    """A place line less the parts that give a day or a time: "Ort: Kulturhaus, Gera ·
    19:00 Uhr" is the Kulturhaus."""
    parts = _PARTS.split(text.strip())
    if len(parts) < 2:
        return text.strip()
    # only parts that are a day or a time and nothing else: not "Straße des 17. Juni 135"
    kept = [p for p in parts if not (_dated(p) and not _LETTERS.search(residue(p)))]
    return text.strip() if len(kept) == len(parts) else " · ".join(kept)


def without_map_links(text: str | None) -> str | None:
    """A place less a map link's or a phone-only label's words at its end ("…, 60602,
    Driving Directions", "…, Aachen-Brand, Wo:") and a calendar plugin's "@"."""
    return _MAP_LINK.sub("", text or "").removeprefix("@").strip() or None


_MAP_LINK = re.compile(
    r"[\s,]*[(\[]?\s*(?:karte(?:\s+anzeigen)?|google\s*maps?|map|lageplan|anfahrt|route(?:\s+planen)?"
    r"|routenplaner|driving\s+directions|directions|get\s+directions|in\s+karte\s+zeigen)\s*[)\]]?\s*$"
    # a label that a theme shows on phones only, left at the line's end: "…, Aachen-Brand, Wo:"
    r"|[\s,]*\b(?:wo|wann|ort|where|when)\s*:\s*$",
    re.I,
)


def _labelled_below(record: etree._Element) -> str | None:
    """A record that is a heading alone: the place its paragraphs up to the next heading
    label ("<h3>15. Januar – Neujahrstreffen</h3><p>Ort: Gerätehaus<br>…</p>"), or the
    address that the loose line after it gives ("<a>Pirata Patata</a>: <a href=maps…>
    Kohlfurter Str. 33, 10999 Berlin</a>")."""
    if record.tag not in dom.HEADINGS:
        return None
    loose = [record.tail or ""]  # inline siblings, up to the next block: one line of text
    for sibling in itertools.islice(record.itersiblings(), 6):
        if not isinstance(sibling.tag, str) or dom.is_block(sibling):
            break
        loose += [dom.text_of(sibling), sibling.tail or ""]
    if place := address_line(" ".join("".join(loose).split())):
        return place
    for sibling in itertools.islice(record.itersiblings(), 3):
        if not isinstance(sibling.tag, str) or sibling.tag in dom.HEADINGS:
            return None
        if _leads_with_date(dom.text_of(sibling)):
            return None  # the next event's paragraph
        if place := _labelled_place(dom.text_of(sibling)):
            return place
    return None


_ADDRESS_LINE = 120
# what leads an address in a sentence's words, and a map link's address after it
_PLACE_LEAD = re.compile(r"^(?:auf dem|auf der|im|in der|in|am|an der|beim|bei)\s+(?=[A-ZÄÖÜ])")
_LINK_AFTER = re.compile(r"\s*\((?:https?://|www\.)[^)]*\)\s*$")


def address_line(line: str) -> str | None:
    """A short line that holds a postcode and its town is an address: "Kulturhof Kalk,
    Dillenburger Str. 65, 51105 Köln", less the preposition a note's list item opens with
    ("auf dem …") and a map link written out after it; "Name: address" as "Name, address"."""
    line = " ".join(line.split())
    if not (_POSTCODE.search(line) or _POSTCODE4.search(line)) or len(line) >= _ADDRESS_LINE:
        return None
    line = _LINK_AFTER.sub("", _PLACE_LEAD.sub("", line))
    if (named := _NAMED.match(line)) and not _FIELD_LABEL.fullmatch(named[1]):
        line = f"{named[1]}, {line[named.end() :]}"
    return without_map_links(line.strip(" ,"))


_NAMED = re.compile(r"^([^:,]{2,40}):\s+")


_PLACE_LINES = 4  # an address's lines below its label alone: name, street, town, room


def _labelled_place(text: str) -> str | None:
    """The place a line of `text` labels ("Ort: Kongresszentrum, Erfurt"), less a time; or,
    below a label alone on its line ("<b>Ort:</b><br>Praxis am Markt<br>Herford"), the
    lines up to the next label."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    for at, line in enumerate(lines):
        if not (match := _PLACE_LABEL.match(line)):
            continue
        if not match[1].strip():
            below = list(takewhile(lambda ln: not _LABELLED.match(ln), lines[at + 1 :]))
            match = _PLACE_LABEL.match(f"{line} {', '.join(below[:_PLACE_LINES])}")
        if match and (place := _undated(match[1])):
            return place
    return None


def _location(record: etree._Element, title: str | None = None) -> str | None:
    elements = _visible(record)
    for element in elements:
        # a line of its own: "Datum: 10.12.2026<br>Ort: Kongresszentrum, Erfurt"
        if place := _labelled_place(dom.own_text(element)):
            return place
        labelled = element.tag in ("dd", "td") and _PLACE_COLUMN.match(_label_before(element))
        # (not the record itself: "eo-event-venue-village-hall" names its venue's term)
        named = is_place(element) and element is not record
        if (named or labelled or _PLACE_COLUMN.match(_column_head(element))) and (
            place := place_text(element)
        ):
            return place  # a place's class, its label before it (<dt>Ort:</dt>), its column
    for element in elements:
        if _place_icon(element) and (place := place_text(element)):
            return place  # its icon, where nothing says "Ort:"
    for element in elements:
        for line in dom.own_text(element).split("\n"):
            pinned = _PIN.match(" ".join(line.split()))
            if pinned and (place := _undated(pinned[1])) and not (title and place in title):
                return place  # its pin, which a title may wear too ("📍 Sternwanderung")
    for element in elements:
        if dom.is_block(element):
            for line in dom.own_text(element).split("\n"):
                if match := _TAKES_PLACE.search(line):  # "Prüfung findet in Schraplau statt"
                    return match[1]
                if place := address_line(line):
                    return place
                if (left := residue(line)) and _at_place(line, left):  # "19:00 Uhr im Anglerheim"
                    return _place_words(left)
    return _town_line(elements, title)


_TOWN_LINE = 80
_TOWN_WORDS = 5  # a place's name and its town; a longer line ending in one is a sentence
_ONLINE = re.compile(r"^(?:online|virtuell)$", re.I)


def _town_line(elements: list[etree._Element], title: str | None) -> str | None:
    """A short line of its own that names a known town last, or says online: "Haus der
    Wirtschaft, Erfurt", "Jena", "Online" (places.py's gazetteer, Thuringia and Germany's
    cities); or the part of a date line after its date: "Di, 12. Januar · 10:00 Uhr · Erfurt".
    Not the title's line ("Stammtisch Jena"), nor a date's ("Erfurt, 12.03.2027")."""
    for element in elements:
        if not dom.is_block(element):
            continue
        for line in dom.own_text(element).split("\n"):
            line = _MAP_LINK.sub("", " ".join(line.split())).strip(" ,·|")
            if not line or len(line) > _TOWN_LINE:
                continue
            parts = _PARTS.split(line)
            if len(parts) > 1 and any(_dated(part) for part in parts):
                # a date's line that says where too: "Di, 12. Januar · 10:00 Uhr · Erfurt",
                # "12.01.2027 | Erfurt | Jahresauftakt"
                others = [p for p in parts if not _dated(p) and not (title and p in title)]
                if place := next((p for p in others if _names_town(p)), None):
                    return place
                continue
            if title and (line in title or title in line):
                after = line.partition(title)[2].strip()
                if after.startswith(",") and _names_town(after.lstrip(", ")):
                    return after.lstrip(", ")  # "17.03.2027 – Mitgliederversammlung, Weimar"
                continue
            if _ONLINE.match(line):
                return "Online"
            if _names_town(line):
                return line
    return None


def _names_town(line: str) -> bool:
    """A short line that names a known town last and is no date's."""
    town = re.split(r"[,·|]", line)[-1].strip()
    if not places.lookup(town) and len(line.split()) <= _TOWN_WORDS:
        town = line.split()[-1]  # "Gründerbüro Erfurt", "Messe Erfurt"
    return bool(places.lookup(town)) and not _dated(line)


_PARTS = re.compile(r"\s*[·|•]\s*")


def _dated(text: str) -> bool:
    return parse_when(text, ANY_DAY) is not None or bool(find_times(text))


def _weekly(text: str) -> bool:
    return bool(_WEEKLY.search(text) or _WEEKDAY_WORD.search(text))


_DOORS = frozenset(
    "einlass türöffnung türöffnungen doors bar kasse abendkasse öffnung geöffnet".split()
)
_START_WORDS = frozenset("beginn start anpfiff spielbeginn konzertbeginn begin starts".split())
_END_WORDS = frozenset("ende end schluss ends".split())
_SEGMENT = re.compile(r"\s*(?:\||\n|;|\s/\s)\s*")


_OPEN_END = re.compile(r"\b(?:open[\s-]end|ende offen|offenes ende)\b", re.I)


def _own_time(anchors: list[Anchor], title: str | None) -> TimeSpan | None:
    """Of the times a record states ("Bar ab 19.30 Uhr | Lesung ab 21.00 Uhr"), the one of
    its own act: the part naming a word of the title, else the first that is not the doors'
    or the bar's opening, else the first."""
    words = {w.casefold() for w in _LETTERS.findall(title or "") if len(w) >= 4}
    best: tuple[int, int, TimeSpan] | None = None
    end: int | None = None
    order = 0
    for anchor in anchors:
        text = anchor.block.text.replace(title, " ") if title else anchor.block.text
        label = anchor.block.element.getprevious()
        said = dom.text_of(label) if label is not None else ""
        if not _LETTERS.search(text) and len(said) < 30 and said and not find_times(said):
            # a value cell after its label cell: <div>Beginn</div><div>17:30</div>, "Ende:
            # Sa, 13.03.2027 | 13:00"; not a line with a time of its own, a post's stamp
            # ("23.02.2016 00:03 Uhr")
            text = f"{said} {text}"
        for part in _SEGMENT.split(text):
            for span in find_times(part)[:1]:
                # "18:00 – open end" has no end, and is no "Ende 18:30"
                labels = {w.casefold() for w in _LETTERS.findall(_OPEN_END.sub(" ", part))}
                if labels & _END_WORDS and span.end is None:
                    end = span.start  # "Ende 18:30": the end of the start labelled before it
                    continue
                score = 2 * len(labels & words) - (1 if labels & _DOORS else 0)
                score += 1 if labels & _START_WORDS else 0  # "Treffen 17:25", "Beginn 17:30"
                order -= 1
                if best is None or (score, order) > best[:2]:
                    best = (score, order, span)
    if best is None:
        return None
    span = best[2]
    return span._replace(end=end) if span.end is None and end is not None else span


# A line that leads with its time, then its act: "7pm - Nancy Dillon Trio", "20 Uhr: Lesung".
_LEADING_TIME = re.compile(
    r"^\W*\d{1,2}(?:[:.]\d\d)?\s*(?:uhr|h|[ap]\.?\s?m\.?)?\s*[-–—:|]\s*\w", re.I
)


def _acts(anchors: list[Anchor]) -> list[tuple[TimeSpan, str]]:
    """The record's lines of their own that each lead with a time and name an act."""
    acts = []
    for anchor in anchors:
        line = anchor.block.text.strip().split("\n")[0]
        if anchor.sessions or not anchor.times or not _LEADING_TIME.match(line):
            continue
        name = residue(line)
        if len(name) > _RESIDUE_TITLE:
            name = name.split(" - ")[0]  # "Quintet - Melissa Brewer (vocals), …": its players
        if (name := clean_title(name)) and len(name) <= _RESIDUE_TITLE:
            acts.append((anchor.times[0], name))
    return acts


def _day_of(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _on_day(span: TimeSpan | None, day: date) -> list[When]:
    return [span.on(day)] if span else []


def _heading_day(
    anchors: list[Anchor],
    record: etree._Element,
    first: Anchor,
    claimed: set[int],
    include: bool = False,
) -> date | None:
    """The day of the nearest day heading above the record: a short date-only anchor that
    is no record of the list ("Montag, 10. November"; a calendar cell's day number with its
    `datetime`), within the record's grandparent's parent."""
    scope: etree._Element | None = record
    for _ in range(3):
        scope = scope.getparent() if scope is not None else None
    # with `include`, `first` is the heading candidate itself rather than the record's anchor
    for anchor in reversed(anchors[: anchors.index(first) + include]):
        if id(anchor) in claimed or len(anchor.block.text) > 60:
            continue
        if anchor.sessions:
            when = anchor.sessions[0]
            day = when.start if when.all_day and when.end is None else None
        else:
            day = anchor.machine if not isinstance(anchor.machine, datetime) else None
        if day is None:
            continue
        if scope is not None and any(
            node is scope for node in anchor.block.element.iterancestors()
        ):
            return day
        return None
    return None


def _heading_above(
    anchors: list[Anchor],
    record: etree._Element,
    candidate: _List,
    claimed: set[int],
    order: dict[int, int],
) -> date | None:
    """The day heading between the record and the list's record before it, if any."""
    position = order.get(id(record), -1)
    earlier = [order.get(id(r), -1) for r in candidate.records if order.get(id(r), -1) < position]
    after = max(earlier, default=-1)
    for anchor in reversed(anchors):
        at = order.get(id(anchor.block.element), -1)
        if at >= position or id(anchor) in claimed:
            continue
        if at <= after:
            return None
        return _heading_day(anchors, record, anchor, set(), include=True)
    return None


def _sessions(
    anchors: list[Anchor], machine: date | None, title: str | None
) -> tuple[list[When], bool]:
    """The record's own dated sessions, and whether they lack a time of day."""
    dated = [a for a in anchors if a.sessions]
    if dated:
        # a date tag ("Jan 22 2026") beside the schedule ("22. Januar @ 18:00 - 21:00"):
        # the line of that day which says more
        head = dated[0]
        # months alone name no day: "PEKiP für Babys geboren Dezember 2024 und Januar 2025"
        # is a course's title beside its date "Do. 15.05.2025, 9.15 Uhr"
        # and a day a <time datetime> gives is the record's, not one its teaser names
        # ("<time datetime="2024-03-02">…</time>" above "Wir öffnen am 3. März …")
        dated.sort(key=lambda a: (_months_only(a.sessions[0]), _off_machine(a, head),
                                  not _says_more(a, head)))  # fmt: skip
        sessions = dated[0].sessions
        first = sessions[0]
        if first.open_start or first.start is None:
            return sessions, False
        day = first.start.date() if isinstance(first.start, datetime) else first.start
        if machine is not None and isinstance(machine, date):
            target = machine.date() if isinstance(machine, datetime) else machine
            if day != target and (day.month, day.day) == (target.month, target.day):
                sessions = [_move_year(s, target.year) for s in sessions]
        elif (year := _year_written(dated, day)) is not None:
            sessions = [_move_year(s, year) for s in sessions]
        if len(sessions) == 1 and first.all_day and not first.whole_month:
            # the time is on another line, or later on the date's line, past the title:
            # "08.12.2026 - <a>Winterforum</a> 10:00 - 16:00" (Events Manager's grouped list)
            timed = [a for a in anchors if a is not dated[0] and a.times]
            span = _own_time(timed or dated[:1], title)
            if span and first.end is None:
                return _on_day(span, first.start), False  # type: ignore[arg-type]
            if span:  # "10 - 12 Mai" and "9:00 - 16:00": from the first day to the last
                begin = span.on(first.start).start  # type: ignore[arg-type]
                # without an end time it runs to the end of its last day, as the date
                # grammar reads "01.09.2026 - 01.11.2026, 09.00 Uhr"
                stop = (
                    span.on(first.end).end  # type: ignore[arg-type]
                    if span.end is not None
                    else datetime.combine(first.end + timedelta(days=1), time())  # type: ignore[operator]
                )
                return [When(begin, stop, False)], False
            return sessions, first.end is None
        return sessions, False
    if isinstance(machine, datetime):
        return [When(machine, None, False)], False
    if machine is not None:
        span = _own_time([a for a in anchors if a.times], title)
        return (_on_day(span, machine) if span else [When(machine)]), span is None
    return [], True


def _off_machine(anchor: Anchor, head: Anchor) -> bool:
    """Whether `anchor` names another day than the one `head`'s machine date gives."""
    machine = head.machine.date() if isinstance(head.machine, datetime) else head.machine
    return machine is not None and anchor is not head and anchor.day != machine


def _year_written(dated: list[Anchor], day: date) -> int | None:
    """The year another date of the record writes out for the day that the first one
    states without a year: a card's teaser "am 12. Juli", its footer "Juli 12, 2018"."""
    if str(day.year) in dated[0].block.text:
        return None
    for anchor in dated[1:]:
        other = anchor.day
        if other and other != day and (other.month, other.day) == (day.month, day.day):
            if str(other.year) in anchor.block.text:
                return other.year
    return None


def _months_only(when: When) -> bool:
    """Whether the span is whole months, the 1st of one to the last of one ("Dezember 2024
    und Januar 2025"), and so names no day."""
    start, end = when.start, when.end
    if type(start) is not date or type(end) is not date:
        return False
    return start.day == 1 and (end + timedelta(days=1)).day == 1


def _says_more(anchor: Anchor, first: Anchor) -> bool:
    """A timed or multi-day reading of the first anchor's day."""
    when = anchor.sessions[0]
    return anchor.day == first.day and (not when.all_day or when.end is not None)


def _move_year(when: When, year: int) -> When:
    def move(value: date | None) -> date | None:
        return None if value is None else value.replace(year=value.year + year - when.start.year)

    return When(move(when.start), move(when.end), when.all_day, when.open_start, when.open_end)


def events(
    anchors: list[Anchor],
    base_url: str,
    reference: date | None,
    bare_dates: bool = True,
    lone: bool = False,
    page: str | None = None,
) -> tuple[list[Found], list[str]]:
    """Events of the page's repeated records, and notes on what was tried. Without
    `bare_dates` (on a news article), records dated by a day alone are not taken: there they
    are related articles, not events. With `lone`, a page without a list may have one
    record (`_lone`). `page` is the page's own address where it is not `base_url` (a
    `<base href>`): a day view's URL names its day."""
    usable = [a for a in anchors if not (a.month or a.published or a.deadline)]
    usable = [a for a in usable if not dom.in_chrome(a.block.element)]
    grid, usable = _grid(usable)
    _group_terms(usable)
    candidates = _lists(usable)
    lists = _select(candidates)
    if lone and not lists and (single := _lone(usable, reference)) is not None:
        lists = [single]
    elif lists and (featured := _featured(usable, lists, reference)) is not None:
        lists.append(featured)
    if (widget := _widget_entries(usable, lists)) is not None:
        lists.append(widget)
    notes = [f"{len(usable)} date anchors, {len(candidates)} candidate lists, {len(lists)} lists"]
    page_day = url_day(page or base_url, posts=False)
    found: list[Found] = grid
    lists_found: list[list[Found]] = []
    root = usable[0].block.element.getroottree().getroot() if usable else None
    # Document order; the list keeps lxml's proxies alive, so their ids stay theirs.
    everything = list(root.iter()) if root is not None else []
    order = {id(e): i for i, e in enumerate(everything)}
    # what a day's heading may stand over: no dated block, nor another list's records
    anchored = {id(a.block.element) for a in anchors if a.sessions or a.machine is not None}
    anchored |= {id(record) for candidate in lists for record in candidate.records}
    for candidate in lists:
        if len(records := _not_news(candidate, reference)) < len(candidate.records):
            notes.append(
                f"{len(candidate.records) - len(records)} in sections of posts, not events"
            )
            candidate.records = records
        claimed = {id(a) for group in candidate.anchors.values() for a in group}
        previous: Found | None = None  # a date-only record waiting for its time
        last: Found | None = None  # the list's last event, which an "Ende" row may end
        last_row: etree._Element | None = None  # the record that made it
        own_day: date | None = None  # the day the list's last dated entry stated itself
        of_list: list[Found] = []
        bare_skipped = 0  # records of an article dated by a day alone: related posts
        # a list of nothing but days, and the time a paragraph before it gives for each
        days_only = _days_only(candidate.records)
        headed = _headed(candidate)
        shared = _shared_time(candidate.records[0]) if days_only else None
        after = dict(zip(map(id, candidate.records), candidate.records[1:], strict=False))
        for record in candidate.records:
            group = candidate.anchors[id(record)]
            # a date labelled as the end ("Enddatum"): of this record's event, or (a row of
            # sf_event_mgt's detail view that holds only it) of the list's last one
            ends = [a for a in group if a.sessions and _kind([a]) == "end"]
            if _kind(group) == "end" and len(ends) == len([a for a in group if a.sessions]):
                if last is not None and ends:
                    _set_end(last.event, ends[0].sessions[0])
                continue
            group = [a for a in group if a not in ends]
            if any(a.times and not a.sessions for a in group):
                # a month in a timed entry's subtitle ("Lean Beers (October 2026)") is no day
                group = [a for a in group if not _names_a_month(a)]
            machine = next((a.machine for a in group if a.machine is not None), None)
            primary = next((a for a in group if a.sessions), None)
            dated = [a.block.element for a in group if a.sessions or a.machine is not None]
            title, title_element = _title(record, primary, dated)
            if id(record) in headed and (
                title_element is None or title_element.tag not in dom.HEADINGS
            ):
                title_element = headed[id(record)]
                title = clean_title(dom.text_of(title_element)) or title
            sessions, untimed = _sessions(group, machine, title)
            if page_day and len(sessions) == 1 and (today := _running_on(sessions[0], page_day)):
                sessions = [today]  # a day's agenda: an exhibition's run, open on its day
            text = dom.text_of(record)
            if not group:  # an entry with no date of its own, under a day heading
                day = _heading_above(usable, record, candidate, claimed, order)
                if day is None or title is None:
                    continue
                sessions, untimed = [When(day)], True
            if not sessions:
                if _weekly(" ".join(a.block.text for a in group)):
                    previous = None
                    continue
                span = _own_time([a for a in group if a.times], title)
                # "Sa_27.06. Party" then "22.00h": a bare time line completes the date line
                if previous is not None and span and title_element is None:
                    _add_time(previous.event, span)
                    previous = None
                    continue
                day = _heading_day(usable, record, group[0], claimed) or page_day
                bare = all(not _LETTERS.search(residue(a.block.text)) for a in group)
                if day is None and span and title_element is not None and bare:
                    # a program that prints each day once, in its first entry: the entries
                    # after it give their times alone ("04.10. Sonntag 14:15", "15:15"), not
                    # beside words ("Termin folgt, 19:00 Uhr")
                    day = own_day
                all_day = not span and any(a.all_day for a in group)
                if day is None or not (span or all_day):
                    previous = None
                    continue
                sessions, untimed = (_on_day(span, day) if span else [When(day)]), False
            borrowed = False
            if (
                bare_dates
                and len(sessions) == 1
                and (entries := _entries_nested(record, anchored, sessions[0]))
            ) or (
                title is None
                and bare_dates
                and len(sessions) == 1
                and (
                    entries := _entries_below(
                        record, after.get(id(record)), anchored, sessions[0], reference
                    )
                )
            ):
                # a day's heading over its events, each an item without a date of its own
                # ("<div class=event-date>Fr. 11.02.</div><div class=events><div class=event>")
                day = _day_of(sessions[0].start)
                for entry, entry_title in entries:
                    spans = find_times(dom.text_of(entry))
                    link = next(iter(entry.xpath(".//a[@href][normalize-space()]")), None)
                    entry_url = urljoin(base_url, link.get("href")) if link is not None else None
                    for when in _on_day(spans[0], day) if spans else [When(day)]:  # type: ignore[arg-type]
                        event = _event(entry_title, when, entry_url, None, dom.text_of(entry))
                        if event is not None:
                            of_list.append(Found(event, False, len(candidate.records), False))
                previous = None
                continue
            if title is None and primary is not None and _heading_row(record):
                # a day's heading row ("<th colspan=4>Talks on Friday March 10, 2017") dates
                # the rows of times below it, and is no event
                own_day = _day_of(sessions[0].start) if len(sessions) == 1 else own_day
                previous = None
                continue
            if (
                title is None
                and primary is not None
                and _GREETING.match(residue(primary.block.text))
            ):
                previous = None  # "Frohe Weihnachten, 24.12." borrows no heading either
                continue
            if title is None and primary is not None and _continued(record, last_row):
                title = last.event.title  # type: ignore[union-attr]
            if title and _AS_ABOVE.fullmatch(title) and last is not None:
                title = last.event.title  # a repeat's row: "siehe oben", the programme above
            if title is None and primary is not None and (label := _item_label(record)):
                title = label  # the item a nested list of days hangs from names them
            if title is None and primary is not None:
                # only a record that is a date line may take the heading above it; a
                # calendar cell with nothing but its day number is no event
                heading = dom.preceding_heading(record)
                if heading and _MORE_DATES.match(heading):
                    # further dates of the event the page is about, named above them; not
                    # a sidebar's "Weitere Termine" of other events, each with its own page
                    own = not (dom.in_sidebar(record) or _links_on(record))
                    # (past a box's name: "Auf einen Blick" above them, the title above it)
                    heading = dom.preceding_heading(record, skip=_further) if own else None
                # not a box's name ("Termindetails") nor a month's ("June", "Mai 2026")
                if heading and not _SECTION.fullmatch(heading.strip(" :")) and not_date(heading):
                    title, borrowed = _heading_for(heading, sessions, reference), True
            if borrowed and shared and len(sessions) == 1 and sessions[0].all_day:
                sessions = _on_day(shared, sessions[0].start)  # type: ignore[arg-type]
            closed = primary is not None and _CLOSED.search(residue(primary.block.text))
            if (
                not title
                or closed
                or _CLOSED.search(title)
                or _LOOKBACK.search(title)
                or _digest(title)
                or _LABEL_ALONE.match(title)
            ):
                previous = None
                continue
            if not borrowed and _continues(record, title_element, primary):
                title = f"{title} {_next_line(record, candidate)}".strip()
            url = _url(record, title_element, base_url)
            location = _location(record, title) or _labelled_below(record)
            if location and _AS_ABOVE.fullmatch(location):
                location = last.event.location if last is not None else None
            made = []
            # headings that open with their day are an agenda's, even in an article
            # ("<h3>15. Januar – Neujahrstreffen</h3><p>Ort: …") with a place or a time,
            # not a report's timeline ("<h3>12. März – Der Gemeinderat stimmt ab</h3>")
            agenda = (
                primary is not None
                and len(candidate.records) >= 3
                and primary.block.element.tag in dom.HEADINGS
                and _leads_with_date(primary.block.text)
                and bool(location or not all(w.all_day for w in sessions))
            )
            # a month grid's days: each day's events, each a link in a list item of its own
            items = _day_items(record, title_element, group, order)
            if items:
                text = dom.text_of(items[0][0])  # the row's other days are not its text
                if not _on(sessions, items[0][1]):
                    sessions = [When(items[0][1])]
            for item, day in items[1:]:
                link = item.xpath(".//a[@href]")[0]
                other = clean_title(dom.text_of(item).split("\n")[0])
                for when in (sessions if _on(sessions, day) else [When(day)]) if other else []:
                    event = _event(other, when, urljoin(base_url, link.get("href")), None, "")
                    if event is not None:
                        made.append(Found(event, False, len(candidate.records), False))
            acts = _acts(group)
            if len(acts) >= 2 and len(sessions) == 1 and sessions[0].start is not None:
                # a day of a venue's schedule with a show per line of its own: "Sat May 2",
                # "7pm - Melissa Brewer Quintet", "9:30pm - Ian Hughes Quartet"
                day = _day_of(sessions[0].start)
                for span, act in acts:
                    event = _event(act, span.on(day), url, location, text) if day else None
                    if event is not None:
                        aside = dom.in_sidebar(record)
                        made.append(Found(event, False, len(candidate.records), aside))
                sessions = []
            for when in sessions:
                if when.whole_month:
                    continue  # "Mai 2017" on a teaser is no event's day
                # on an article, days alone are its related posts' (which link them) or a
                # report's timeline of dated headings; a calendar's lines in its text
                # ("02.11.2022 - Placebo - Stadthalle") are neither
                # nor lines of the past (a CV's, a changelog's, a press review's)
                related = not bare_dates and (
                    _links_on(record)
                    or dom.in_sidebar(record)
                    or record.tag in dom.HEADINGS
                    or (primary is not None and primary.block.element.tag in dom.HEADINGS)
                    or (reference is not None and (_day_of(when.start) or reference) < reference)
                )
                if related and when.all_day and when.end is None and not agenda:
                    bare_skipped += 1
                    continue
                event = _event(title, when, url, location, text)
                if event is not None:
                    made.append(
                        Found(event, borrowed, len(candidate.records), dom.in_sidebar(record),
                              _yearless(dom.text_of(record), when.start))
                    )  # fmt: skip
            if ends and len(made) == 1:
                _set_end(made[0].event, ends[0].sessions[0])
            of_list.extend(made)
            previous = made[-1] if untimed and len(made) == 1 else None
            last = made[-1] if made else last
            last_row = record if made else None
            # the day a time-only entry after this one may take: the date this entry states
            # beside its own title (not a day heading's, which titles nothing)
            if made and primary is not None:
                # (not a run of days: "4.12.-24.2." dates no entry after it)
                spans = _day_of(made[-1].event.end) not in (None, _day_of(made[-1].event.start))
                own_day = None if borrowed or spans else _day_of(made[-1].event.start)
        # Days without a title of their own and without a time are day headings (Contao's
        # div.header, a grid's cells), which date the records under them: no events; unless
        # they are a list of nothing but days, the dates of what the heading names
        _in_order(of_list)
        if bare_skipped > len(of_list):
            # a list is of one kind: in a list of days on an article (a press review's
            # "Junge Welt, 16.04.2026: …"), a span of days is one more of them
            # ("EXPRESS, 17./18.04.2026"), not an event
            of_list = [f for f in of_list if _timed(f.event)]
        # (a post's stamp has no end: "June 20 @ 1:01 pm - 5:01 pm" is a span of time)
        if of_list and all(stamped(f.event.start) and not f.event.end for f in of_list):
            notes.append(f"{len(of_list)} posted at odd minutes (bylines, comments), not events")
        elif _newest_first(of_list):
            notes.append(f"{len(of_list)} stamped newest first on one day (a ticker), not events")
        elif not all(f.borrowed and not _timed(f.event) for f in of_list):
            found.extend(of_list)
            lists_found.append(of_list)
        elif days_only:
            found.extend(of_list)
            lists_found.append(of_list)
    for of_list in lists_found:
        _year_of_repeats(of_list, found)
    unique = _unique(found)
    kept = _within(unique, reference)
    if len(kept) < len(unique):  # said, so that a page of old events is not silently empty
        notes.append(f"{len(unique) - len(kept)} dated over 10 years before or 5 after the fetch")
    return kept, notes


# What a table's repeat says in place of its row's title or place: the row above's.
_AS_ABOVE = re.compile(
    r"\W*(?:siehe|wie|s\.|w\.)\s*(?:oben|o\.)|dto\.?|ditto|dito|(?:as|see|same as)\s+above\W*",
    re.I,
)


def _running_on(when: When, day: date) -> When | None:
    """The session on `day`, when it is a run of days (with daily hours) that `day` falls
    in after its first: "4.12.-24.2. (tägl. 10-20)" on the agenda of 4 January."""
    first, last = _day_of(when.start), _day_of(when.end)
    if first is None or last is None or not first < day <= last:
        return None
    if not isinstance(when.start, datetime) or not isinstance(when.end, datetime):
        return When(day)
    opens, closes = when.start.time(), when.end.time()
    end = datetime.combine(day, closes) if closes > opens else None
    return When(datetime.combine(day, opens), end, all_day=False)


def _yearless(text: str, start: date | None) -> bool:
    if start is None:
        return False
    return str(start.year) not in text and f".{start.year % 100:02d}" not in text


_IN_ORDER = 3  # entries at least, for a list's order to say which year a day is in
_HALF_YEAR = 183


# The heading of a section of posts, which a portal's home page sets beside its events
# ("Personalien" and "News für Verbände" beside "Kongresse"), with the same boxes.
_NEWS_SECTION = re.compile(
    r"^\W*(?:news|nachrichten|neuigkeiten|meldungen|verbandsmeldungen|personalien|presse"
    r"|pressemitteilungen|pressemeldungen|presseticker|verbands-presseticker|pressespiegel"
    r"|blog|blogbeiträge|beiträge|press releases|latest news|latest posts|recent posts)"
    r"(?:\s+(?:für|aus|der|des|vom|from|of|for)\b.*)?\W*$",
    re.I,
)


def _not_news(candidate: _List, reference: date | None) -> list[etree._Element]:
    """The list's records less its sections of posts. A section is a run of sibling
    records, under the heading before its first one; it is of posts when that heading
    says so, or when its records all give one day gone by and nothing more (a digest of
    that day's headlines: "EurActiv (DE) | 09.03.2018" over ten of them)."""
    sections: dict[int, list[etree._Element]] = defaultdict(list)
    for record in candidate.records:
        parent = record.getparent()
        sections[id(parent) if parent is not None else id(record)].append(record)
    kept: set[int] = set()
    for records in sections.values():
        heading = dom.preceding_heading(records[0], limit=6) or ""
        if not (_NEWS_SECTION.match(heading) or _one_past_day(candidate, records, reference)):
            kept |= {id(record) for record in records}
    return [record for record in candidate.records if id(record) in kept]


_DIGEST = 4


def _one_past_day(candidate: _List, records: list[etree._Element], reference: date | None) -> bool:
    sessions = [w for r in records for a in candidate.anchors.get(id(r), []) for w in a.sessions]
    days = {(w.start, w.end) for w in sessions}
    if len(records) < _DIGEST or len(days) != 1 or reference is None:
        return False
    ((start, end),) = days
    return (
        end is None
        and type(start) is date
        and start <= reference
        and all(
            candidate.anchors.get(id(r)) and not any(a.times for a in candidate.anchors[id(r)])
            for r in records
        )
    )


def _headed(candidate: _List) -> dict[int, etree._Element]:
    """Dated records that each follow a heading of their own, which names them: "<h3>
    Executive Committee</h3><p>Thursday, October 22 at 6:30pm -- Board Office<br><b>Online:
    …</b></p>", the next committee's heading over the next record. Only where most of the
    list's dated records do, each under another heading, and not under a day."""
    dated = [
        r for r in candidate.records if any(a.sessions for a in candidate.anchors.get(id(r), []))
    ]
    headings: dict[int, etree._Element] = {}
    for record in dated:
        before = record.getprevious()
        if before is None or before.tag not in _OWN_HEADINGS:
            continue
        if record.find(".//h2") is not None or record.find(".//h3") is not None:
            return {}  # a record with a heading of its own is titled by it
        if not _dated(text := " ".join(dom.text_of(before).split())) and text:
            headings[id(record)] = before
    texts = [" ".join(dom.text_of(h).split()) for h in headings.values()]
    if len(headings) < 2 or 3 * len(headings) < 2 * len(dated) or len(set(texts)) < len(texts):
        return {}
    return headings


_OWN_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_TICKER = 3


def _newest_first(found: list[Found]) -> bool:
    """Entries of one day, each a moment without an end, running back in time down the
    list: a press ticker's stamps ("16:40 Uhr", "16:15 Uhr", "15:45 Uhr"), newest first; a
    day's programme runs forward."""
    starts = [f.event.start for f in found]
    if len(found) < _TICKER or any(f.event.end for f in found):
        return False
    if not all(isinstance(s, datetime) for s in starts) or len({s.date() for s in starts}) > 1:
        return False
    return all(a > b for a, b in pairwise(starts))


def _in_order(found: list[Found]) -> None:
    """A list in date order whose days write no year, across a New Year: a club's season
    ("15 okt.", "3 dec.", "21 jan.", "29 apr.", fetched in October). The fetch date put the
    spring's days in the spring before; the order says they follow the winter's."""
    days = [_day_of(f.event.start) for f in found]
    if len(found) < _IN_ORDER or None in days:
        return
    moved: set[int] = set()
    previous = None
    for at, (entry, day) in enumerate(zip(found, days, strict=True)):
        assert day is not None
        # a jump back of more than half a year that a year later is a step forward
        if previous is not None and (previous - day).days > _HALF_YEAR and entry.yearless:
            later = _a_year_later(day)
            if later is not None and 0 <= (later - previous).days <= _HALF_YEAR:
                days[at], day = later, later
                moved.add(id(entry))
        previous = day
    if moved and all(a <= b for a, b in pairwise(days)):  # type: ignore[operator]  # (no None)
        for entry in found:
            if id(entry) in moved:
                entry.event.start = _a_year_later(entry.event.start)
                entry.event.end = _a_year_later(entry.event.end)


def _a_year_later(value: date | None) -> date | None:
    """The same day a year later (a datetime stays one), None for 29 February."""
    if value is None:
        return None
    try:
        return value.replace(year=value.year + 1)
    except ValueError:  # 29 February
        return None


# What introduces a speaker or a performer after an event's name: "… mit <a>Kerry …</a>";
# not a title after its kind and date ("Vortrag, 12.03.2027, 19:30 Uhr: <a>Die Wölfe …</a>").
_BY = re.compile(
    r"\b(?:mit|with|von|by|feat\.?|featuring|referent(?:in)?:?|gast:?)"
    r"(?:\s*(?:dr|prof|professor|pd)\.?)*\s*$",
    re.I,
)


def _item_label(record: etree._Element) -> str | None:
    """The words of the list item that a nested list of days hangs from: "<li><strong>
    Patronatsfeste</strong>: <ul><li>19. Mai</li><li>10. September</li></ul></li>"."""
    parent = record.getparent()
    item = parent.getparent() if parent is not None and parent.tag in ("ul", "ol") else None
    if record.tag != "li" or item is None or item.tag != "li":
        return None
    label = dom.own_text(item).split("\n")[0].strip(" :–-")
    return label if label and len(label) <= _RESIDUE_TITLE and not _dated(label) else None


def _further(heading: str) -> bool:
    """A heading of further dates, a box's name or a day's ("Sun"), that names no event."""
    section = _SECTION.fullmatch(heading.strip(" :"))
    return bool(_MORE_DATES.match(heading) or section or not not_date(heading))


def _text_before(element: etree._Element) -> str:
    """The text right before the element: its previous sibling's tail, else its parent's
    text (the parent's own text before it, when it opens its parent)."""
    node = element
    while node.getparent() is not None:
        previous = node.getprevious()
        said = previous.tail if previous is not None else node.getparent().text
        if (said or "").strip() or previous is not None:
            return said or ""
        node = node.getparent()
    return ""


# A field that labels the title: "<b>Title:</b> <i>Path operators …</i>", "Thema: …".
_TITLE_LABEL = re.compile(r"^(?:title|titel|thema|topic|talk)\s*:?$", re.I)


# A key/value table's row that names its event: "Programm: | Musik von J.S. Bach …".
_TITLE_CELL = re.compile(
    r"^(?:title|titel|thema|topic|talk|programm|veranstaltung|bezeichnung|was|event)\s*:?$", re.I
)


def _value_cell(label: etree._Element) -> etree._Element | None:
    """The cell after a label cell of a two-cell row ("<td>Programm:</td><td>…</td>")."""
    row = label.getparent()
    cells = [c for c in row if c.tag in ("td", "th")] if row is not None else []
    if len(cells) != 2 or cells[0] is not label:  # noqa: PLR2004 (a label and its value)
        return None
    return cells[1]


def labelled_title(record: etree._Element) -> tuple[str, etree._Element] | None:
    """The value after a bold label that says it is the title, up to the line's end; or the
    value cell beside a title's label cell in a table of fields."""
    for label in record.iter("td", "th"):
        text = " ".join(dom.text_of(label).split())
        if _TITLE_CELL.match(text) and (value := _value_cell(label)) is not None:
            lines = [line for line in dom.text_of(value).split("\n") if line.strip()]
            title = clean_title(" ".join(lines[0].split())) if lines else None
            if title and not _head_name(title):  # a head row's "Was | Wann" names no event
                return title, value
    for label in record.iter("b", "strong", "dt", "th"):
        if not _TITLE_LABEL.match(" ".join(dom.text_of(label).split())):
            continue
        parts, node = [(label.tail or "").lstrip(" :")], label.getnext()
        while node is not None and node.tag not in ("br", *dom.BLOCK_TAGS) and len(parts) < 4:
            parts += [dom.text_of(node), node.tail or ""]
            node = node.getnext()
        value = clean_title(" ".join("".join(parts).split()))
        if value:
            return value, label
    return None


def _heading_row(record: etree._Element) -> bool:
    """A table row of head cells only, inside the table's body, above a row of plain cells:
    a heading of the rows below (not a table of head cells only, each row an event)."""
    cells = [c for c in record if isinstance(c.tag, str)]
    if record.tag != "tr" or not cells or any(c.tag != "th" for c in cells):
        return False
    for below in record.itersiblings():  # past a row of column heads ("Zeit | Ort")
        if below.find("td") is not None:
            return True
        if _dated(dom.text_of(below)):
            return False
    return False


def _links_on(record: etree._Element) -> bool:
    """The record links a page ("mehr »"), not only a map, a mail address or an anchor."""
    return any(not _SKIP_HREF.search(a.get("href") or "#") for a in record.iter("a"))


def _continued(row: etree._Element, above: etree._Element | None) -> bool:
    """A table row whose title cell is left empty, right below the row of an event: more
    days of that event ("Herbstmarkt | Sa, 29.10." then " | So, 30.10.")."""
    if row.tag != "tr" or above is None or row.getprevious() is not above:
        return False
    cells = [c for c in row if c.tag in ("td", "th")]
    return len(cells) >= 2 and not dom.text_of(cells[0]).strip()


_DAYS_ONLY = 3  # "Termine 2023: 7. Januar, 4. Februar, …": one list of days at least this long
# What says that a time holds for every day: "jeweils von 14 bis 17 Uhr".
_EACH = re.compile(r"\b(?:jeweils|immer|each|always)\b", re.I)


def _days_only(records: list[etree._Element]) -> bool:
    """Whether the records are the items of one list, side by side, each nothing but a day:
    a Repair Café's "<ul><li>7. Januar</li><li>4. Februar</li>…", not day headings with
    the entries they date between them."""
    if len(records) < _DAYS_ONLY or len({id(r.getparent()) for r in records}) != 1:
        return False
    siblings = list(records[0].itersiblings())
    if siblings[: len(records) - 1] != records[1:]:
        return False
    return all(_day_alone(dom.text_of(r)) for r in records)


def _shared_time(first: etree._Element) -> TimeSpan | None:
    """The time that a paragraph just before a list of days gives for each of them."""
    node: etree._Element | None = first.getparent()
    for _ in range(_SHARED_BLOCKS):
        node = node.getprevious() if node is not None else None
        if node is None or node.tag in dom.HEADINGS:
            return None
        text = " ".join(dom.text_of(node).split())
        if _EACH.search(text) and (spans := find_times(text)):
            return spans[0]
    return None


_SHARED_BLOCKS = 4


def _day_items(
    record: etree._Element,
    title_element: etree._Element | None,
    group: list[Anchor],
    order: dict[int, int],
) -> list[tuple[etree._Element, date]]:
    """The list items of a month grid's days (Events Manager: a cell's day number, then a
    list of the day's events), each with the day of the cell it is in, when the record's
    title is the first of them: two or more, each with a link of its own and no date. Else
    none: a list of an event's speakers follows the event's own title."""
    items = [li for li in record.iter("li") if li.xpath(".//a[@href]") and not li.xpath(".//li")]
    grid = record.find(f".//*[@{dom.GRID_DAY}]") is not None  # a month grid's day
    if len(items) < 2 and grid:
        # a month grid's day: a box of its own for each, <div class="…day-event"><a>…</a></div>
        boxes = defaultdict(list)
        for box in record.iter("div", "p", "article"):
            if box is not record and box.xpath("./a[@href]") and not box.xpath(".//div"):
                boxes[dom.signature(box)].append(box)
        items = max(boxes.values(), key=len, default=[])
    if len(items) < 2 or title_element is None or not _own_links(items):
        return []
    holders = {id(node) for node in (title_element, *title_element.iterancestors())}
    own = next((item for item in items if id(item) in holders), None)
    if own is None or (own is not items[0] and not grid):
        return []  # elsewhere the day's first item is its title's: not its sharing links
    items = [own, *(item for item in items if item is not own)]  # the title's item first
    days = sorted(
        ((order[id(a.block.element)], a.block.element, a.day) for a in group if a.day),
        key=lambda found: found[0],
    )
    if any(element is node for _, element, _ in days for li in items for node in li.iter()):
        return []  # the items have dates of their own
    found = []
    for item in items:
        # the day of the cell that holds the item, or else of the last day before it
        before = [(element, day) for at, element, day in days if at < order[id(item)]]
        held = [day for element, day in before if _within_block(item, element)]
        if held or before:
            found.append((item, (held or [before[-1][1]])[-1]))
    return found if len(found) == len(items) else []


def _entries_below(
    record: etree._Element,
    following: etree._Element | None,
    anchored: set[int],
    when: When,
    reference: date | None,
) -> list[tuple[etree._Element, str]]:
    """The events a day's heading stands over, with their titles: the items of the lists
    (or of the containers of same-shaped items) between it and the next day's heading, none
    with a date or time of its own, each titled by its link or its first line. None when the
    record is more than a day (a span, a time, words), or is a table's cell or row."""
    if not when.all_day or when.end is not None or record.tag in ("td", "th", "tr"):
        return []
    if not _day_alone(dom.text_of(record)):
        return []
    # only where the boxes say they hold events: not news under its day ("<h3>Mi. 18.11.
    # 2026</h3><ul><li><a>…"), nor a day's speakers with links to their profiles
    parent = record.getparent()
    said = f"{parent.get('class') if parent is not None else ''}"
    entries: list[tuple[etree._Element, str]] = []
    for sibling in itertools.islice(record.itersiblings(), _BELOW):
        if sibling is following or sibling.tag in dom.HEADINGS or not isinstance(sibling.tag, str):
            break
        items = [c for c in sibling if isinstance(c.tag, str)]
        kinds = {dom.signature(c) for c in items}
        if sibling.tag not in ("ul", "ol") and (len(kinds) != 1 or not next(iter(kinds))[1]):
            continue  # not a list nor a box of same-classed items: a teaser, a paragraph
        box = f"{sibling.get('class')} {items[0].get('class')}"
        if not _EVENT_CLASS.search(f"{said} {box}") or _PEOPLE_CLASS.search(box):
            return []
        for item in items:
            if any(id(node) in anchored for node in item.iter()):
                return []  # dated items, or a list's records: a list of their own
            link = next(iter(item.xpath(".//a[@href][normalize-space()]")), None)
            line = dom.text_of(link if link is not None else item).split("\n")[0]
            if _GENERIC_LINK.match(line.strip()):
                line = dom.text_of(item).split("\n")[0]
            if (title := clean_title(line)) and not _CLOSED.search(title):
                entries.append((item, title))
    return entries


def _entries_nested(
    record: etree._Element, anchored: set[int], when: When
) -> list[tuple[etree._Element, str]]:
    """The events of a list item that is a day alone over a nested list of them, none
    with a date, a time or a link of its own (a Markdown programme: "- Freitag, den 2. Juni
    2017" over "  - Festakt in der Nydeggkirche", "  - Cortège zur Schmiedstube"); not a
    day's posts, which link to their pages."""
    if record.tag != "li" or not when.all_day or when.end is not None:
        return []
    nested = [c for c in record if c.tag in ("ul", "ol")]
    if len(nested) != 1 or not _day_alone(dom.own_text(record)):
        return []
    items = [c for c in nested[0] if c.tag == "li"]
    if any(id(n) in anchored or n.tag == "a" for item in items for n in item.iter()):
        return []
    titled = [(item, clean_title(dom.text_of(item).split("\n")[0])) for item in items]
    return [(item, title) for item, title in titled if title and not _CLOSED.search(title)]


_BELOW = 3  # siblings between a day's heading and the next that may hold its events
_EVENT_CLASS = re.compile(r"event|termin|veranstaltung|programm|program|konzert|show|gig", re.I)
_PEOPLE_CLASS = re.compile(r"speaker|referent|person|team|member|autor|author", re.I)


def _on(sessions: list[When], day: date) -> bool:
    """Whether the first of `sessions` begins on `day`."""
    start = sessions[0].start if sessions else None
    return start is not None and (start.date() if isinstance(start, datetime) else start) == day


def _timed(event: Event) -> bool:
    return isinstance(event.start, datetime)


# A lone record is small: the date line, its title, a place and a teaser.
_LONE_TEXT = 600
_LONE_LEVELS = 4


def _within_block(element: etree._Element, block: etree._Element) -> bool:
    return element is block or any(node is block for node in element.iterancestors())


def _lone(anchors: list[Anchor], reference: date | None) -> _List | None:
    """The one record of a list that shows a single event (a network with one upcoming
    event, in a theme's own markup): the page's only date with a time, and the smallest
    block around it that has a linked heading of its own (h2 to h6, the entry's title);
    or the page's only date, still to come, in a card with a heading ("Das nächste Fest":
    "<div aria-label="4. Dezember 2026">04 Dez 2026</div><h3>Weihnachtsfeier …</h3>")."""
    timed = [a for a in anchors if any(not w.all_day for w in a.sessions)]
    # or a time only a machine attribute gives (a record's data-fulltime, no text date)
    timed = timed or [a for a in anchors if not a.sessions and isinstance(a.machine, datetime)]
    if len(timed) == 1:
        return _around(timed[0], anchors, linked=True)
    # (not a date at the head of a long text: a press release's "10th November, 2016, New
    # Delhi: When I …")
    dated = [a for a in anchors if a.sessions and len(a.block.text.split()) <= _LONE_WORDS]
    if timed or len(dated) != 1 or reference is None:
        return None
    day = _day_of(dated[0].sessions[0].start)
    if _SENTENCE_WORDS.search(residue(dated[0].block.text.split("\n")[0])):
        return None  # a date in a sentence: "Redaktionsschluss ist der 15. März 2027"
    return (
        _around(dated[0], anchors, linked=False, link=False) if day and day >= reference else None
    )


_LONE_WORDS = 40

# What makes a date line a sentence: "… ist der 15. März", "gelten ab dem 1. April".
_SENTENCE_WORDS = re.compile(
    r"\b(?:ist|sind|war|wird|werden|gilt|gelten|endet|enden|läuft|beginnt|bis|ab|is|are|will)\b",
    re.I,
)


def _around(anchor: Anchor, anchors: list[Anchor], linked: bool, link: bool = True) -> _List | None:
    """The smallest short block around the anchor with a heading (h2 to h6) that links,
    or when not `linked`, a heading and (unless not `link`) a link anywhere in it: one
    entry's record."""
    element = anchor.block.element
    # a block may be the entry itself, its text beside its heading's ("<article><time>…")
    blocks = [*([] if linked else [element]), *element.iterancestors()]
    for record in blocks[:_LONE_LEVELS]:
        if len(dom.text_of(record)) > _LONE_TEXT:
            return None
        headings = list(record.iter("h2", "h3", "h4", "h5", "h6"))
        if linked:
            found = any(h.find(".//a[@href]") is not None for h in headings)
        elif not headings:
            # or a teaser's date over the link that names its entry ("<small>12.04.2018
            # </small><br><a href=…>Startup Camp Berlin 2018</a>")
            found = _titled_link(record)
        else:
            found = not link or record.find(".//a[@href]") is not None
        if found:
            inside = [a for a in anchors if _within_block(a.block.element, record)]
            return _List((), [record], {id(record): inside})
    return None


def _titled_link(record: etree._Element) -> bool:
    for link in record.iter("a"):
        text = " ".join(link.xpath("string()").split())
        if link.get("href") and _LETTERS.search(residue(text)) and not _GENERIC_LINK.match(text):
            return len(text.split()) >= 2
    return False


def _featured(anchors: list[Anchor], lists: list[_List], reference: date | None) -> _List | None:
    """The upcoming event a page shows on its own above its list of past ones ("Kommende
    Veranstaltung", then "Archiv"): the one date no list holds, on or after the fetch, with
    its time, in a block of the same element as the list's entries (an <article> beside
    <article>s) that has a heading and a link."""
    claimed = {id(a) for c in lists for group in c.anchors.values() for a in group}
    rest = [a for a in anchors if id(a) not in claimed]
    dated = [a for a in rest if a.sessions]
    if len(dated) != 1 or _LETTERS.search(residue(dated[0].block.text.split("\n")[0])):
        return None  # a date in a sentence ("Kartenvorverkauf startet am 1. März …")
    # beside a sidebar's list ("Upcoming Events") the one date left is the page's own
    lists = [c for c in lists if not any(dom.in_sidebar(r) for r in c.records)]
    if not lists:
        return None
    if len(dated) != 1 or reference is None or _day_of(dated[0].sessions[0].start) < reference:
        return None
    featured = _around(dated[0], rest, linked=False)
    if featured is None:
        return None
    record, entries = featured.records[0], [r for c in lists for r in c.records]
    inside = any(_within_block(record, r) or _within_block(r, record) for r in entries)
    timed = any(
        a.times or any(not w.all_day for w in a.sessions) for a in featured.anchors[id(record)]
    )
    tags = {r.tag for r in entries}
    return featured if timed and not inside and record.tag in tags else None


def _widget_entries(anchors: list[Anchor], lists: list[_List]) -> _List | None:
    """The dated items no list holds in a calendar plugin's widget of coming events: a
    widget that shows one ("Upcoming Events: Silicon Valley RightsCon 2014, 03/03/2014 -
    03/05/2014") is a list of one. An item is the widget's outermost list item."""
    held = {id(r) for c in lists for r in c.records}
    found = _List(())
    for anchor in anchors:
        element = anchor.block.element
        if not anchor.sessions or (widget := dom.events_widget(element)) is None:
            continue
        chain = list(takewhile(lambda n: n is not widget, element.iterancestors()))
        if any(id(n) in held for n in (element, *chain)):
            continue
        item = next((n for n in reversed(chain) if n.tag == "li"), element)
        if id(item) not in found.anchors:
            found.records.append(item)
            found.anchors[id(item)] = []
        found.anchors[id(item)].append(anchor)
    return found if found.records else None


def _continues(
    record: etree._Element, title_element: etree._Element | None, primary: Anchor | None
) -> bool:
    """A title that ends in a colon goes on in the next line: "Sääli & Marina present:"."""
    source = title_element if title_element is not None else record
    return dom.text_of(source).rstrip().endswith(":")


def _next_line(record: etree._Element, candidate: _List) -> str:
    following = record.getnext()
    if following is None or candidate.anchors.get(id(following)):
        return ""  # the next record has a date of its own
    return (dom.text_of(following).split("\n") or [""])[0]


def _set_end(event: Event, end: When) -> None:
    value = end.start if end.start is not None else end.end
    if value is None or event.start is None:
        return
    if isinstance(value, datetime) != isinstance(event.start, datetime):
        return  # an end of another kind (a day for a timed start) says too little
    if value >= event.start:
        event.end = value


def _add_time(event: Event, span: TimeSpan) -> None:
    day = event.start
    if isinstance(day, date) and not isinstance(day, datetime):
        when = span.on(day)
        event.start, event.end, event.all_day = when.start, when.end, False


# "Title @ Place", as list plugins join them (Joomla's Ohanah); not "@ 19:00", a time
_AT_PLACE = re.compile(r"^(?P<title>.*?[^\W_].*?)\s+@\s+(?P<place>[^\W\d_][^@]*?)\s*$")


def _event(
    title: str, when: When, url: str | None, location: str | None, text: str
) -> Event | None:
    title = _EMOJI_LEAD.sub("", title) or title  # a borrowed heading's too
    if (at := _AT_PLACE.match(title)) and not location:
        title, location = at["title"], at["place"]  # "Red Rock Trip @ Red Rock Canyon"
    start = when.start
    if isinstance(start, datetime) and when.end is None and (start.hour, start.minute) == (0, 0):
        when = When(start.date())  # "23.06.2026 · 00:00 Uhr": a CMS's time left empty
    if _BREAK.match(title) and url is None and not location:
        return None  # a programme's pause is no event; a lunch with its page or place is
    # the title, or a short line of its own: a course table's traffic light "Kurs
    # ausgefallen" (not a sentence's condition, "Der Kurs fällt aus, wenn …")
    badges = [line for line in text.split("\n") if len(line.split()) <= 4]
    badge = next((line for line in badges if status_from_text(line)), None)
    status = status_from_text(title) or status_from_text(badge)
    evidence = f"title: {title}" if status_from_text(title) else f"text: {badge}"
    return Event(
        description=_description(text, title, location),
        extra={"text": text[:500]},
        network="",
        title=title,
        **when.fields(),
        url=url,
        location=location,
        city=city_from_location(location),
        status=status,
        status_evidence=evidence if status else None,
        extractor=STEP,
    )


_DESCRIPTION = 600


def _description(text: str, title: str, location: str | None) -> str | None:
    """The record's other lines: not its title, dates, place or link words."""
    lines = []
    for line in text.split("\n"):
        flat = " ".join(line.split())
        if len(flat) < 6 or title in flat or title.startswith(flat) or _GENERIC_LINK.match(flat):
            continue
        if (location and flat in location) or _PLACE_LABEL.match(flat) or _PIN.match(flat):
            continue
        if len(_LETTERS.findall(residue(flat))) < 3:
            continue  # a date or time line, a day tag ("Fr 15")
        lines.append(flat)
    text = "\n".join(dict.fromkeys(lines))
    return text[:_DESCRIPTION] or None


def _heading_for(heading: str, sessions: list[When], reference: date | None) -> str:
    """A heading above further dates as their title: without its own day when that is not
    theirs ("Reparaturcafé am 31. Januar" over "auch am 27. März")."""
    named = parse_when(heading, reference)
    if named is None or not sessions or _day_of(named.start) == _day_of(sessions[0].start):
        return heading
    return clean_title(residue(heading)) or heading


def _year_of_repeats(of_list: list[Found], found: list[Found]) -> None:
    """A list without years that repeats entries the page dates with theirs (a summary
    "Barockkonsert i Hamburg den 11 oktober kl 18.00" below the concert cards) is in their
    year, all of it: the fetch date's nearest year was a guess. Then its repeats are the
    cards' duplicates, and its one new entry lands in the right year."""
    yearless = [f for f in of_list if f.yearless and f.event.start is not None]
    stated = [f.event for f in found if not f.yearless and f.event.start is not None]
    shifts = {
        event.start.year - item.event.start.year
        for item in yearless
        for event in stated
        if event.start.year != item.event.start.year and _repeat(item.event, event)
    }
    if len(shifts) != 1 or not (shift := shifts.pop()):
        return
    for item in yearless:
        try:
            item.event.start = item.event.start.replace(year=item.event.start.year + shift)
            if item.event.end is not None:
                item.event.end = item.event.end.replace(year=item.event.end.year + shift)
        except ValueError:  # 29 February
            continue


def _repeat(copy: Event, event: Event) -> bool:
    """The same day of the year and clock, and one title holds the other."""
    a, b = copy.start, event.start
    if (a.month, a.day) != (b.month, b.day):
        return False
    if isinstance(a, datetime) and isinstance(b, datetime) and a.time() != b.time():
        return False
    x, y = sorted(
        (normalized_title(copy.title or ""), normalized_title(event.title or "")), key=len
    )
    return bool(x) and x in y


def _unique(found: list[Found]) -> list[Found]:
    """One event per title and start: highlights repeat the records below them."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in found:
        key = (normalized_title(item.event.title or ""), str(item.event.start or item.event.end))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _within(found: list[Found], reference: date | None) -> list[Found]:
    if reference is None:
        return found

    def day(value: date) -> date:
        return value.date() if isinstance(value, datetime) else value

    return [f for f in found if near_fetch(day(f.event.start or f.event.end), reference)]


def near_fetch(day: date, reference: date | None) -> bool:
    """Whether a day is near enough the page's fetch date to be one of its events."""
    return reference is None or reference - _PAST <= day <= reference + _FUTURE


def stamped(value: date | datetime | None) -> bool:
    """A time at a minute no schedule sets (19:49, 16:19) is when something was posted: a
    byline's or a comment's, not an event's; events start on the hour or every 5 minutes."""
    return isinstance(value, datetime) and value.minute % 5 != 0
