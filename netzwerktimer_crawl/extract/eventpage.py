"""Generic event pages: the one event of a page that is an event's own.

- Title: `og:title` without the site's name that SEO plugins append ("… - Netzwerk e. V."),
  unless it is only the site's name; written as the first `h1` outside the page chrome
  writes it when both have the same words; else that `h1`. (JSON-LD, when present, has
  been read before this step.)
- Date: labelled fields first ("Datum", "Termin", "Wann", "Zeit", "Uhrzeit", "Beginn",
  "Ende", "Date/Time" …), as `dt`/`dd`, `th`/`td`, a bold label and the text after it, or
  "Label: value"; else the first date near the title that states a time or a span.
- Publication dates are never the event's: `article:published_time`, bylines ("veröffent-
  licht am", post meta), and on an article page a bare date near the title.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from itertools import takewhile
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector

from ..berlin import parse_iso
from ..dates import TimeSpan, When, parse_sessions, residue
from ..items import Event
from ..text import INVISIBLE, city_from_location
from . import dom
from .anchors import Anchor
from .records import (
    address_line,
    clean_title,
    is_place,
    labelled_title,
    near_fetch,
    not_date,
    opening_hours,
    place_text,
    stamped,
    without_map_links,
)
from .steps import EVENT_PAGE

# The date of a kind of event: "Seminartermin", "Kursdatum", "Veranstaltungsende", "Event
# date"; not "Anmeldetermin", a deadline, nor "Erscheinungsdatum", a publication's.
_KIND = (
    r"(?:seminar|kurs|workshop|webinar|tagungs|konferenz|kongress|messe|event|vortrags"
    r"|schulungs|lehrgangs|sitzungs|veranstaltungs|treffen)"
)
_KIND_OF = (
    rf"{_KIND}(?:datum|termine?|zeit|beginn|ende)"
    r"|(?:event|seminar|course|workshop|webinar|conference) (?:date|dates|time)"
)
_DATE_LABEL = re.compile(
    rf"^(?:datum|termin|termine|wann|zeit|uhrzeit|beginn|start|ende|zeitraum|{_KIND_OF}"
    r"|date|dates|date\(s\)|time|date/time|date & time|when|datum/uhrzeit"
    r"|datum und uhrzeit|datum & uhrzeit|startdatum|enddatum|startzeit|endzeit"
    r"|start date|end date|start time|end time)\s*:?$|^wann\?$"
    # words of a sentence too ("Anmeldungen <b>von</b> 01.12. <b>bis</b> 20.12."): labels
    # only with their colon
    r"|^(?:von|bis|anfang)\s*:$",
    re.I,
)
_PLACE_LABEL = re.compile(
    r"^(?:ort|veranstaltungsort|location|venue|wo|where|adresse|address|treffpunkt)\s*:?$|^wo\?$",
    re.I,
)
_INLINE_LABEL = re.compile(
    rf"^(datum|termin|{_KIND_OF}"
    r"|wann|zeit|uhrzeit|beginn|ende|startdatum|enddatum|startzeit|endzeit|date"
    r"|time|when|start date|end date|ort|veranstaltungsort|location|venue|wo|where)\s*:\s*(.+)$",
    re.I,
)
# A label of the end: its value follows the start's as the end of one span ("Beginn:
# 10. Dezember 2026 @ 14:00", "Ende: 12. Dezember 2026 @ 13:00" in The Events Calendar).
_END_LABEL = re.compile(
    rf"^(?:(?:ende|end|enddatum|end date|endzeit|end time|{_KIND}ende)\s*:?|bis\s*:)$", re.I
)
_LABEL_TAGS = frozenset("dt dd th td strong b label span h2 h3 h4 h5 h6 div p".split())
_NEAR = 12  # blocks after the title in which its date may stand (before it: 3)
_MAX_VALUE = 200


def _meta(selector: Selector, name: str) -> str | None:
    value = selector.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content').get()
    return " ".join(value.split()) if value and value.strip() else None


# What an SEO plugin puts between a page's title and the site's name in og:title.
_SITE_SUFFIX = re.compile(r"\s+[-–—|·:»]+\s*$")


def _logo(heading: etree._Element) -> bool:
    """A heading that only links to the site's home page is its logo: <h1><a href="/">."""
    links = list(heading.iter("a"))
    if len(links) != 1 or " ".join(dom.text_of(links[0]).split()) != " ".join(
        dom.text_of(heading).split()
    ):
        return False
    return urlsplit(links[0].get("href") or "").path.strip("/") == ""


def _from_document_title(root: etree._Element) -> etree._Element | None:
    """The heading the document's <title> begins with: "Titel - Name der Website" names a
    page whose every h1 sits in the page's chrome (a theme's title bar), when no og:title
    says so. A heading outside the chrome comes first, as the date is printed near it."""
    title = next(root.iter("title"), None)
    words = _words(dom.text_of(title)) if title is not None else ""
    matches = [
        h
        for h in root.iter("h1", "h2", "h3")
        if len(_words(_heading_text(h))) >= _DOCUMENT_TITLE and not _logo(h)
        and words.startswith(_words(_heading_text(h)))
    ]  # fmt: skip
    return next((h for h in matches if not dom.in_chrome(h)), next(iter(matches), None))


_DOCUMENT_TITLE = 8  # letters a heading needs to be a page's title, not "Termine"


def _heading_text(heading: etree._Element) -> str:
    """A heading's words, less a block a theme nests in it (Events Manager's map box inside
    "<h2><div class="em-location-map-container">…</div>BayThreat 2013</h2>")."""
    return dom.own_text(heading) if any(dom.is_block(c) for c in heading) else dom.text_of(heading)


def _names_instead(root: etree._Element, named: etree._Element, h1: etree._Element) -> bool:
    """The heading the document's title names is the page's title rather than its h1: the
    title does not hold the h1's words, and both stand in the content, not one above the
    site's menu and one below it (a banner's site name, a content's "Programm")."""
    if named is h1 or _titled(root, h1):
        return False
    first, second = (named, h1) if named in h1.xpath("preceding::*") else (h1, named)
    return not dom.menu_between(first, second)


def _titled(root: etree._Element, heading: etree._Element) -> bool:
    """The document's <title> holds the heading's words."""
    title = next(root.iter("title"), None)
    return title is not None and _words(_heading_text(heading)) in _words(dom.text_of(title))


def _title(root: etree._Element, selector: Selector) -> tuple[str | None, etree._Element | None]:
    """The title, and the heading that prints it: the date is looked for near that one."""
    headings = [h for h in root.iter("h1", "h2", "h3") if dom.text_of(h).strip() and not _logo(h)]
    og = _meta(selector, "og:title")
    site = _meta(selector, "og:site_name")
    if og and site and og.endswith(site):  # "Titel - Name der Website", as SEO plugins write
        title = og.removesuffix(site)
        if _SITE_SUFFIX.search(title):  # a separator: "Jahresempfang OptoNet" stays whole
            og = _SITE_SUFFIX.sub("", title)
    if og and og != site:
        same = [h for h in headings if _words(dom.text_of(h)) == _words(og)]
        heading = next((h for h in same if not dom.in_chrome(h)), next(iter(same), None))
        # an h1 with the same words, in a title bar too, has the title's own characters („…”)
        written = next((h for h in same if h.tag == "h1"), None)
        text = " ".join(dom.text_of(written).split()) if written is not None else og
        return text, heading if heading is not None else _first_h1(headings)
    heading = _first_h1(headings)
    named = _from_document_title(root)
    if heading is None or (named is not None and _names_instead(root, named, heading)):
        # the heading the document's title names, not an h1 it does not: a description's
        # "<h1>2013 BayThreat Speakers</h1>" below "<h2>BayThreat 2013</h2>"
        heading = named if named is not None else heading
    if heading is not None:
        return " ".join(_heading_text(heading).split()), heading
    return None, None


_WORDS = re.compile(r"[^\W\d_]")


def _first_h1(headings: list[etree._Element]) -> etree._Element | None:
    """The first h1 outside the page's chrome; else the page's only h1, which a one-event
    site may set in its header ("<div id="header"><h1>Winter-ZaPF in Freiburg</h1>")."""
    # not a post's date that a theme prints as an h1 above its title ("17.11.2021 -")
    h1s = [h for h in headings if h.tag == "h1" and _WORDS.search(residue(dom.text_of(h)))]
    free = [h for h in h1s if not dom.in_chrome(h)]
    if len(free) >= 2 and dom.menu_between(free[0], free[1]):
        # a hand-made site's name over its menu ("<h1>Tobias Hecker - Musiker</h1>"), the
        # page's own title below it ("<h1>Veranstaltungen / Termine</h1>")
        free = free[1:]
    outside = next(iter(free), None)
    return outside if outside is not None or len(h1s) != 1 else h1s[0]


def _words(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _following_text(label: etree._Element, dated: bool = False) -> str:
    """The value after a label: the next sibling cell (dd, td), else the text after the label
    up to the next label in its block. A date's value keeps only its lines with numbers: not
    the badge a past event wears below its day (MEC's "Expired!")."""
    if label.tag in ("dt", "th", "td"):
        sibling = label.getnext()
        return (place_text(sibling) or "") if sibling is not None else ""
    parts = [label.tail or ""]
    for sibling in label.itersiblings():
        if _is_label(sibling) or _other_label(sibling):
            break
        # a line break is a <br> or a block, not a newline in the page's source
        text = "\x00" if sibling.tag == "br" else dom.text_of(sibling).replace("\n", "\x00")
        if dom.is_block(sibling):
            text = f"\x00{text}\x00"  # a block stands on lines of its own
        parts += [text, sibling.tail or ""]
        if sum(map(len, parts)) > _MAX_VALUE:
            break
    lines = (" ".join(line.split()).strip(" ,") for line in "".join(parts).split("\x00"))
    text = ", ".join(line for line in lines if line and (not dated or _DIGIT.search(line)))
    if not text and label.getparent() is not None and label.getparent().tag not in ("body",):
        sibling = label.getparent().getnext()
        text = (place_text(sibling) or "") if sibling is not None else ""
    return text[:_MAX_VALUE]


_DIGIT = re.compile(r"\d")
# Any field's label in bold: "<b>Kosten:</b>", "<strong>Was?</strong>"; ends a value.
_ANY_LABEL = re.compile(r"^[\w ./()&-]{1,30}[:?]$")


def _other_label(element: etree._Element) -> bool:
    text = " ".join(dom.text_of(element).split()) if element.tag in ("strong", "b") else ""
    return bool(_ANY_LABEL.match(text))


def _is_label(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    text = " ".join(dom.text_of(element).split())
    return bool(text) and bool(_DATE_LABEL.match(text) or _PLACE_LABEL.match(text))


def labelled(root: etree._Element) -> tuple[list[str], list[str]]:
    """Texts under date and under place labels, in page order."""
    dates: list[str] = []
    places: list[str] = []
    inline: set[etree._Element] = set()  # blocks read as "Label: value" already
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        # the chrome test walks every ancestor: only for an element that holds a label
        if element.tag in _LABEL_TAGS and element.getparent() not in inline:
            text = " ".join(dom.own_text(element).split())
            if len(element) == 0 or element.tag in ("dt", "th", "strong", "b", "label"):
                bucket = dates if _DATE_LABEL.match(text) else None
                bucket = places if bucket is None and _PLACE_LABEL.match(text) else bucket
                if bucket is not None:
                    if not dom.in_chrome(element):
                        end = bucket is dates and bool(dates and _END_LABEL.match(text))
                        value = _following_text(element, dated=bucket is dates)
                        bucket.append(("– " if end else "") + value)
                    continue
        if dom.is_block(element):
            for line in dom.own_text(element).split("\n"):
                if (match := _INLINE_LABEL.match(line.strip())) and not dom.in_chrome(element):
                    bucket = places if _PLACE_LABEL.match(match[1]) else dates
                    end = bucket is dates and bool(dates and _END_LABEL.match(match[1]))
                    bucket.append(("– " if end else "") + match[2])
                    inline.add(element)
    return [d for d in dates if d.strip("– ")], [p for p in places if p]


_PLACE_REACH = 3  # levels above the title: its article, not the page's sidebar


def _place_after(heading: etree._Element | None) -> str | None:
    """Without a place label: the first element after the title, in the title's article,
    that markup names a place (Contao's p.location, an address, a div.venue)."""
    node, seen = heading, False
    for _ in range(_PLACE_REACH):
        node = node.getparent() if node is not None else None
        if node is None:
            return None
        for element in node.iter():
            seen = seen or element is heading
            if seen and isinstance(element.tag, str) and is_place(element):
                if not dom.in_chrome(element) and (text := place_text(element)):
                    return text
        seen = False
    return None


_ADDRESS_REACH = 3  # blocks after the date: its own list's items


def _address_after(root: etree._Element, anchor: Anchor) -> str | None:
    """Without a label or a place's markup: an address line right after the date ("am
    18.04. ab 16 Uhr", "auf dem Kulturhof Kalk, Dillenburger Str. 65, 51105 Köln")."""
    blocks = dom.blocks(root)
    start = anchor.block.index
    for block in blocks[start : start + _ADDRESS_REACH + 1]:
        for line in block.text.split("\n"):
            if place := address_line(line):
                return place
    return None


_DEV_HOST = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1)$|\.(?:local|localhost)$")


def _own_url(url: str | None) -> str | None:
    """og:url, unless a site generator left its development server in it
    ("http://localhost:1313/termine/", Hugo's): then the page's own address."""
    host = (urlsplit(url).hostname or "") if url else ""
    return None if not host or _DEV_HOST.search(host) else url


def _published_day(selector: Selector) -> date | None:
    value = parse_iso(_meta(selector, "article:published_time"))
    return value.date() if isinstance(value, datetime) else value


def _near_title(
    anchors: list[Anchor],
    heading: etree._Element | None,
    published: date | None,
    reference: date | None,
) -> tuple[Anchor, When] | None:
    usable = [a for a in anchors if a.sessions and not a.published]
    # in the chrome only beside a title that stands there too: the header's date line
    box = heading.getparent() if heading is not None and dom.in_chrome(heading) else None
    usable = [
        a
        for a in usable
        if not dom.in_chrome(a.block.element)
        or (box is not None and any(node is box for node in a.block.element.iterancestors()))
    ]
    if not usable:
        return None
    position = 0
    if heading is not None:
        found = _index(anchors, heading)
        position = found if found is not None else min(a.block.index for a in anchors)
    near = [a for a in usable if position - 3 <= a.block.index <= position + _NEAR]
    near.sort(key=lambda a: (a.block.index < position, abs(a.block.index - position)))
    for anchor in near:
        when = anchor.sessions[0]
        if when.start is None:
            continue
        day = when.start.date() if isinstance(when.start, datetime) else when.start
        # not the post's own date, nor a byline's stamp ("24. März 2004, 19:49 | Genesis"),
        # nor a date years from the fetch, which an event page near its title would not show
        if day == published or stamped(when.start) or not near_fetch(day, reference):
            continue
        # unlabelled, only a time or a span of days marks an event's date: a bare date
        # near a title is as likely the page's own (a day view, an archive, a post);
        # but not as the subheading right below the title ("<h1>Anwendertreffen</h1>
        # <h3>Freitag, 25. September 2015 - Kassel</h3>")
        if not when.all_day:
            return anchor, when
        if when.end is None and (timed := _time_after(anchor, anchors)) is not None:
            return anchor, timed.on(day)  # "<h2>Saturday, 7th November 2026</h2>", "<h2>, 18:30"
        if when.end is not None and not when.whole_month and not _in_dated_list(anchor, anchors):
            return anchor, when
        if _subheading(anchor.block.element, heading) and not when.whole_month:
            return anchor, when
    return None


_LIST_SIBLINGS = 2
_TIME_PIECE = 40  # characters: a time in a box of its own, not a line of the programme


def _time_after(anchor: Anchor, anchors: list[Anchor]) -> TimeSpan | None:
    """The time in the block right after a date alone, which says nothing else: a page
    builder's date and time in widgets of their own."""
    following = next((a for a in anchors if a.block.index == anchor.block.index + 1), None)
    if following is None or following.sessions or len(following.times) != 1:
        return None
    if len(following.block.text) > _TIME_PIECE or _WORDS.search(residue(following.block.text)):
        return None
    return following.times[0]


def _in_dated_list(anchor: Anchor, anchors: list[Anchor]) -> bool:
    """A line among sibling lines that each hold a day is a list's entry (a press review's
    "EXPRESS, 17./18.04.2026: …" among "Junge Welt, 16.04.2026: …"), not the page's date."""
    element = anchor.block.element
    parent = element.getparent()
    dated = {id(a.block.element) for a in anchors if a.sessions and a is not anchor}
    siblings = [] if parent is None else parent.iterchildren(element.tag)
    return sum(1 for s in siblings if id(s) in dated) >= _LIST_SIBLINGS


def _subheading(element: etree._Element, heading: etree._Element | None) -> bool:
    return (
        heading is not None
        and element.tag in ("h2", "h3", "h4", "h5", "h6")
        and element.getprevious() is heading
    )


# A line that opens with a day: "So 13. September", "13.09.", "Sonntag, 13.09.".
_DAY_LINE = re.compile(r"^\s*(?:[^\W\d_]{2,10}\.?,?\s+)?\d{1,2}\.(?!\d)")
_DAYS_APART = 14  # a festival's or a fair's days, not a later event the box names


def _later_days(text: str, first: When, reference: date | None, month_first: bool) -> list[When]:
    """The further days, each with its hours, that the box of the date near the title gives
    after the first: a festival's "Sa 12. September<br>16:00 bis 23:00 Uhr<br><br>
    So 13. September<br>11.00 Uhr bis 21:00 Uhr"."""
    lines, found = text.split("\n"), [first]
    for at in range(1, len(lines)):
        if not _DAY_LINE.match(lines[at]) or lines[at - 1].rstrip().endswith(":"):
            continue  # not a day "Nächstes Konzert:" or "Ausweichtermin:" names
        # the day's line and its hours below it, up to the next day's
        own = [
            lines[at],
            *takewhile(lambda line: not _DAY_LINE.match(line), lines[at + 1 : at + 3]),
        ]
        parsed = parse_sessions("\n".join(own), reference, month_first=month_first)
        when = parsed[0] if parsed else None
        if when is None or when.start is None or when.all_day:
            continue
        if found[-1].day < when.day <= first.day + timedelta(days=_DAYS_APART):  # type: ignore[operator]
            found.append(when)
    return found[1:]


_TEXT = 60  # a paragraph of the page's text, not a label or a caption
_PROSE = frozenset({"p", "div", "section", "article", "blockquote"})


def _main_text(
    anchors: list[Anchor], root: etree._Element, heading: etree._Element | None
) -> str | None:
    """The first paragraph of text after the title, when the page has no description."""
    # a date line is no description, a paragraph that mentions a date may be
    dated = {a.block.element for a in anchors if len(a.block.text) < 2 * _TEXT}
    after = heading is None
    for block in dom.blocks(root):
        element = block.element
        if heading is not None and (element is heading or heading in element.iterancestors()):
            after = True
            continue
        if not after or element.tag not in _PROSE or element in dated or len(block.text) < _TEXT:
            continue
        if not dom.in_chrome(element) and element.getparent().tag != "address":
            return " ".join(block.text.split())[:600]
    return None


NEAR_TITLE = "date near the title"  # the note of an event dated by no label
SUBHEADING = "date in the subheading below the title"
TITLE_DAY = "the title's date"


_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[A-ZÄÖÜ])")  # not after "31."


def _hours_in_text(
    root: etree._Element, heading: etree._Element, day: date, reference: date | None
) -> When | None:
    """The hours a sentence of the text after the title gives for its day, however far into
    a paragraph: "… bietet sich am Freitag, 31. Januar, in der Zeit von 15.00 bis 18.00 Uhr"."""
    blocks = dom.blocks(root)
    top = next((b.index for b in blocks if b.element is heading), None)
    if top is None:
        return None
    for block in blocks[top + 1 : top + 1 + _NEAR]:
        for sentence in _SENTENCE_END.split(block.text):
            timed = [w for w in parse_sessions(sentence, reference) if not w.all_day]
            if len(timed) == 1 and timed[0].day == day:
                return timed[0]
    return None


def _titled_day(
    title: str,
    anchors: list[Anchor],
    root: etree._Element,
    heading: etree._Element | None,
    reference: date | None,
) -> When | None:
    """The day the title states ("Netzwerktreffen am 12. März 2027"), at the one time the
    text after it gives ("Beginn ist um 17 Uhr"): a page's own day, which no publication
    date is. Only a single day."""
    sessions = parse_sessions(title, reference)
    if len(sessions) != 1 or sessions[0].start is None or sessions[0].end is not None:
        return None
    if _REPORT.search(title):
        return None  # "Rückblick: …", "Pressemitteilung vom 12.11.2026": not the event's day
    if _LIST_TITLE.match(_FOR_DAY.sub("", residue(title).strip(" :|–-"))):
        return None  # "Events for May 27, 2018": a day's listing (here empty), no event
    when = sessions[0]
    if not when.all_day or heading is None:
        return when
    at = _index(anchors, heading)
    after = [a for a in anchors if a.block.index > (at if at is not None else -1)]
    if (timed := _hours_in_text(root, heading, when.start, reference)) is not None:
        return timed
    times = [span for a in after[:_NEAR] if not a.sessions for span in a.times]
    return times[0].on(when.start) if len(times) == 1 else when


# Titles of documents about a day, not of an event on it.
_REPORT = re.compile(
    r"\b(?:vom|stand|rückblick|rueckblick|nachlese|bericht|pressemitteilung|newsletter"
    r"|protokoll|review|recap)\b",
    re.I,
)


_FOR_DAY = re.compile(r"\s+(?:for|on|am|an|für|from)$", re.I)


# A page titled by the kind of list it is ("Termine", "Konzerte", "Veranstaltungen von
# NaturAktiv") is a list, here with one entry: the entry names its event.
_LIST_TITLE = re.compile(
    r"^(?:(?:aktuelle|kommende|nächste|vergangene|frühere|unsere|alle|übersicht|upcoming"
    r"|past|previous|our)\s+)?(?:termine|veranstaltungen|veranstaltungskalender|terminkalender|eventkalender"
    r"|kalender|events|konzerte|auftritte|lesungen|kurse|seminare|workshops|tagungen"
    r"|konferenzen|dates|gigs|concerts|conferences|calendar|aktuelles|neuigkeiten|news"
    # a year's programme: "Jahresprogramm 2025", "Spielplan", "Jahresplan", "Terminplan"
    r"|(?:jahres|monats|semester|veranstaltungs|kurs)?programm|spielplan|jahresplan|terminplan)"
    r"(?:\s*(?:/|&|,|und|and)\s*(?:termine|veranstaltungen|events|konzerte|kurse|seminare))?"
    # "Termine von NaturAktiv", "Veranstaltungen 2027"; not "Konzerte im Park", a series
    r"(?:\s+(?:\d{4}|im überblick|(?:von|des|der|für|of)\b.*))?$",
    re.I,
)


def list_title(text: str) -> bool:
    """A title that names a list of events: "Veranstaltungen", "Termine 2027"; not one of
    news ("Aktuelles"), whose articles are articles."""
    text = text.translate(INVISIBLE)  # "Jahres&shy;programm"
    return bool(_LIST_TITLE.match(text)) and not _NEWS_TITLE.match(text)


_NEWS_TITLE = re.compile(r"^(?:aktuelles|neuigkeiten|news)\b", re.I)


_ENTRY_TITLE = 150  # characters; longer is a paragraph of text
_SENTENCE = re.compile(r"(?:\S+\s+){4,}\S*[^\W\d]{2}\.$")  # "Hier finden Sie … Termine."


def _entry_line(block: dom.Block) -> str | None:
    line = " ".join(block.text.strip().split("\n")[0].split())
    if not line or len(line) > _ENTRY_TITLE or _SENTENCE.search(line) or _LIST_TITLE.match(line):
        return None
    if dom.in_chrome(block.element) or _LABEL_LINE.match(line) or is_place(block.element):
        return None
    return clean_title(line)


_LABEL_LINE = re.compile(r"^[\w ./()&-]{1,30}[:?](?:\s|$)")


def _entry_title(
    root: etree._Element, anchors: list[Anchor], heading: etree._Element | None, day: date
) -> str | None:
    """The one entry's title on a list page: what its date line or table row names beside
    the date; else the heading or line nearest above the date, below the page's title (the
    page's top, when only og:title names it); else what a dated heading's next line names
    ("<h3>7. Oktober 2018 in Siegburg</h3><p>DTKV-Konzert …")."""
    blocks = dom.blocks(root)
    top = next(
        (b.index for b in blocks if b.element is heading), None if heading is not None else -1
    )
    dated = {a.block.index for a in anchors if a.sessions}
    first = next(
        (
            a
            for a in anchors
            if a.sessions and a.day == day and top is not None and a.block.index > top
        ),
        None,
    )
    if top is None or first is None:
        return None
    line = " ".join(first.block.text.split("\n")[0].split())
    own = not_date(line)
    if ":" in line and _DATE_LABEL.match(line.split(":")[0] + ":"):
        # a labelled date line names its event only in what follows the date ("Datum:
        # 21.03.2027, 17:00 Uhr – Frühjahrskonzert"), not in its label ("Date: June 27–29")
        rest = residue(line.split(":", 1)[1])
        # not the next field's label and value: "…, 10:00 Uhr, Ort: Gemeindehaus"
        labelled = re.match(r"^[\w ./()-]{1,30}:", rest)
        own = clean_title(rest) if re.search(r"[^\W\d_]{3}", rest) and not labelled else None
    at_place = own and re.search(
        rf"\b(?:in|im|at|bei|beim|auf dem|an der)\s+{re.escape(own)}$", line
    )
    if own and not at_place and not is_place(first.block.element):
        return own
    cell = first.block.element
    if cell.tag not in ("td", "th"):  # a paragraph of the cell: "<td><p>Samstag 26.03. …"
        holder = next(cell.iterancestors("td", "th"), None)
        # not a layout table's page content, which has headings, beside its menu
        if holder is not None and next(holder.iter(*_HEADINGS), None) is None:
            cell = holder
    table = next(cell.iterancestors("table"), None)
    if table is not None and (labelled := labelled_title(table)) is not None:
        return labelled[0]  # a table of fields: "Datum: | 31.12.2008", "Programm: | …"
    if cell.tag in ("td", "th") and (row := cell.getparent()) is not None:
        # a table's one row: its other cells ("24./25. Februar 2022 | | SEUH 2022"), each
        # by its first line (its title, not the teaser below it)
        cells = [c for c in row if c is not cell and isinstance(c.tag, str) and not is_place(c)]
        texts = (clean_title(dom.text_of(c).split("\n")[0]) for c in cells if dom.text_of(c))
        if named := next((text for text in texts if text), None):
            return named
    # a heading inside the date's own box: "<div><h4>Fachgespräch</h4><span>10-12 Uhr</span>"
    box = first.block.element
    inner = blocks[first.block.index + 1 : first.block.index + 4]
    for block in inner:
        if block.element.tag in _HEADINGS and box in block.element.iterancestors():
            if title := _entry_line(block):
                return title
    above = [b for b in blocks[top + 1 : first.block.index] if b.index not in dated]
    # headings stacked right above the date name the event first, then its venue
    # ("<h2>Histories of Capitalism</h2><h2>Cornell University</h2><h2>September 29 …")
    stacked = list(takewhile(lambda b: b.element.tag in _HEADINGS, reversed(above)))[::-1]
    rest = sorted(above, key=lambda b: (b.element.tag not in _HEADINGS, -b.index))
    for block in stacked + rest:
        if title := _entry_line(block):
            return title
    after = blocks[first.block.index + 1 : first.block.index + 2]
    if first.block.element.tag in _HEADINGS and after and after[0].index not in dated:
        return _entry_line(after[0])
    return None


_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())


def _index(anchors: list[Anchor], heading: etree._Element) -> int | None:
    """The block index of the first anchor inside `heading`, None if it holds none."""
    for anchor in anchors:
        if heading in (anchor.block.element, *anchor.block.element.iterancestors()):
            return anchor.block.index
    return None


def event(
    root: etree._Element,
    selector: Selector,
    anchors: list[Anchor],
    base_url: str,
    reference: date | None,
    month_first: bool = False,
) -> tuple[list[Event], str]:
    """The page's own event, if it is an event page, and a note on what was found."""
    title, heading = _title(root, selector)
    if not title:
        return [], "no title (og:title, h1)"
    dates, places = labelled(root)
    # a series lists its days under one label: "Termine: 24.08., 31.08. und 07.09.2027"
    sessions = parse_sessions(" ".join(dates), reference, month_first=month_first)
    note = "labelled date" if sessions else NEAR_TITLE
    near = None
    if not sessions and (
        near := _near_title(anchors, heading, _published_day(selector), reference)
    ):
        anchor, when = near
        sessions = [when, *_later_days(anchor.block.text, when, reference, month_first)]
        if _subheading(anchor.block.element, heading):
            note = SUBHEADING
    if not sessions and (named := _titled_day(title, anchors, root, heading, reference)):
        sessions, note = [named], TITLE_DAY
    sessions = [w for w in sessions if w.start is not None or w.open_start]
    if not sessions:
        return [], "no labelled date and no date near the title"
    if opening_hours(title):
        return [], "a page of opening hours"
    if _LIST_TITLE.match(title) and sessions[0].start is not None:
        day = sessions[0].start
        day = day.date() if isinstance(day, datetime) else day
        if entry := _entry_title(root, anchors, heading, day):
            title, note = entry, f"{note}; titled by the list's one entry"
    location = without_map_links(places[0] if places else _place_after(heading))
    if location is None and near:
        location = _address_after(root, near[0])
    # og:description is the page's own; a plain meta description is often the site's
    description = (
        _meta(selector, "og:description")
        or _main_text(anchors, root, heading)
        or _meta(selector, "description")
    )
    found = [
        Event(
            description=description,
            network="",
            title=title,
            **when.fields(),
            url=_own_url(_meta(selector, "og:url")) or base_url,
            location=location,
            city=city_from_location(location),
            extractor=EVENT_PAGE,
        )
        for when in sessions
    ]
    return found, note
