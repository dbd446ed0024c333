"""Date anchors: the text blocks of a page that state a date or a time of day.

Every event has a date, so the generic steps start from the dates, not from the layout
(see shared/reference/generic-extraction.md). A block's own text goes through
`parse_sessions` (a date, perhaps with times) and else `find_times` (times only, whose day
comes from a heading or the URL); a `<time datetime>` inside it, an ISO date or a Unix
timestamp, anchors it too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml import etree

from ..berlin import parse_day, parse_machine
from ..dates import WEEKDAYS, TimeSpan, When, find_times, parse_sessions, parse_when, residue
from .dom import Block, heading_text, is_block, preceding_heading, signature

# Only the start of a long block is read: a date deep in a paragraph of prose is no anchor.
_READ = 240
_PUBLISHED_WORDS = re.compile(
    r"\b(?:veröffentlicht|publiziert|geschrieben|erstellt|aktualisiert|zuletzt geändert"
    r"|eingestellt|erschienen|(?:artikel|beitrag|meldung|nachricht|pressemitteilung)\s+vom"
    r"|published|posted|updated|last modified|stand(?!-))\b",  # not "Stand-up Comedy"
    re.I,
)
_PUBLISHED_MARKUP = re.compile(
    r"(?:post|entry|article|news|blog)[-_]*(?:date|meta|time)|published|byline|posted"
    r"|datepublished|datemodified|meta-date|date-meta",
    re.I,
)
_MONTH_HEADING = 30  # a month heading is short: "März 2026", "Oktober"


@dataclass(eq=False)
class Anchor:
    block: Block
    sessions: list[When] = field(default_factory=list)  # a date, once per session
    times: list[TimeSpan] = field(default_factory=list)  # times without a date
    machine: date | None = None  # a <time datetime> (date or datetime) in the block
    month: When | None = None  # the block is a month heading: "März 2026"
    published: bool = False  # a publication date (byline, post meta), not an event's
    deadline: bool = False  # under a label such as "Anmeldeschluss" in the cell before it
    all_day: bool = False  # says only "ganztägig" where a time would stand

    @property
    def has_date(self) -> bool:
        return bool(self.sessions)

    @property
    def day(self) -> date | None:
        """The anchor's first day: of its text, else of its machine-readable date."""
        if self.sessions:
            first = self.sessions[0]
            value = first.start if first.start is not None else first.end
        else:
            value = self.machine
        return value.date() if isinstance(value, datetime) else value


def _own_times(element: etree._Element) -> list[etree._Element]:
    """The `<time>` elements of the block's own text, not of blocks nested in it."""
    found = []
    for node in element.iter("time"):
        parent = node.getparent()
        while parent is not None and parent is not element and not is_block(parent):
            parent = parent.getparent()
        if parent is element:
            found.append(node)
    return found


_BYLINE = re.compile(r"(?:^|[-_ ])(?:author|vcard|byline|updated|published)(?:$|[-_ ])", re.I)


def _byline(element: etree._Element) -> bool:
    """A post's byline: its author (rel=author, a vCard) beside the date."""
    return any(
        node.get("rel") == "author" or _BYLINE.search(node.get("class") or "")
        for node in element.iter()
        if isinstance(node.tag, str)
    )


def _is_published(block: Block, sessions: list[When]) -> bool:
    """A publication date: said in words ("veröffentlicht am"), or a bare date in markup
    named for post metadata (a time span there is an event's, as in TYPO3 news used for
    events)."""
    if _PUBLISHED_WORDS.search(block.text[:80]) or _byline(block.element):
        return True
    if _SIGNED.match(text := " ".join(block.text.split())) or _DATELINE.match(text):
        return True
    if _created(block.element):
        return True  # stamped to the minute, as a CMS stamps it: "06. Juni 2012 um 10:08 Uhr"
    if sessions and (not sessions[0].all_day or sessions[0].end is not None):
        return False
    if sessions and _permalink_day(block.element) == sessions[0].start:
        return True  # "[<a href="/2012/05/17/stammtisch/">Donnerstag, 17. Mai 2012</a>]"
    if _event_post(block.element):
        return False
    node: etree._Element | None = block.element
    for _ in range(3):
        if node is None:
            break
        for name in ("class", "id", "itemprop"):
            if _PUBLISHED_MARKUP.search(node.get(name) or ""):
                return True
        node = node.getparent()
    # the date's own inline element: <span class="elementor-post-date">, <time itemprop=…>;
    # or a <time> stamped to the second, as a CMS stamps a post ("2020-03-24T21:40:37+01:00"):
    # an event's time is set to the minute
    return any(
        _PUBLISHED_MARKUP.search(t.get("itemprop") or t.get("class") or "")
        or _STAMPED.search(t.get("datetime") or "")
        for t in (*_own_times(block.element), *_own_inline(block.element))
    )


# WordPress names a post's type in its classes: the "entry-meta" of an <article class="…
# type-event"> (a theme's own event type, or type-tribe_events, type-mec-events) dates the
# event, as microdata's Event does
_EVENT_POST = re.compile(r"(?:^|\s)type-[\w-]*events?(?:\s|$)", re.I)
_EVENT_POST_REACH = 8


def _event_post(element: etree._Element) -> bool:
    node: etree._Element | None = element
    for _ in range(_EVENT_POST_REACH):
        if node is None or node.tag in ("body", "html"):
            return False
        if _EVENT_POST.search(node.get("class") or "") or "Event" in (node.get("itemtype") or ""):
            return True
        node = node.getparent()
    return False


# Markup that names a post's creation or change, a time of day included: Joomla's
# <td class="createdate">, <dd class="create">, "modifydate", itemprop dateCreated
_CREATED = re.compile(
    r"create[d_-]?date|modif(?:y|ied)[_-]?date|date[_-]?(?:created|modified)"
    r"|(?:^|\s)(?:create|created|modified)(?:\s|$)",
    re.I,
)


def _created(element: etree._Element) -> bool:
    node: etree._Element | None = element
    for _ in range(2):
        if node is None:
            return False
        if any(_CREATED.search(node.get(name) or "") for name in ("class", "itemprop")):
            return True
        node = node.getparent()
    return any(
        _CREATED.search(t.get("class") or t.get("itemprop") or "") for t in _own_inline(element)
    )


_STAMPED = re.compile(r"T\d\d:\d\d:(?!00)\d\d")
_DAY_PATH = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")


def _permalink_day(element: etree._Element) -> date | None:
    """The day in the path of the link the date is written in: a blog's permalink, which
    names the day the post was written ("/2012/05/17/…"); only a link that says nothing
    but the date, not an event's title whose page is filed under its day."""
    for link in (element, *element.iterdescendants("a")):
        if link.tag != "a" or residue(link.xpath("string()")):
            continue
        if match := _DAY_PATH.search(link.get("href") or ""):
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


# A post signed by its authors and day, in brackets or after a dash: "(Ute Recker-Hamm,
# 18.11.2019)", "(Wieland Carls / Christian Hain, 17.06.2020)", "– Maria Schmidt, 03.02.2026";
# a quote's source with its paper: "(Samir H. Köck “Die Presse”, 17.12.2018)".
_NAME = r"[„“\"»]?[A-ZÄÖÜ][\w.'’-]*[“”\"«]?"
_SIGNED = re.compile(
    rf"^[(\[–—-]\s*{_NAME}(?:\s*(?:/|&|\bund\b)?\s+{_NAME}){{1,6}}\s*,\s*"
    r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d\d)\s*[)\]]?$"
)


# A press release's dateline, its place and day before the dash that opens its text:
# "Berlin, 05.03.2018 - Der Bundesverband Deutsche Startups e.V. begrüßt, dass …"
_NOT_A_WEEKDAY = rf"(?!(?i:{'|'.join(map(re.escape, WEEKDAYS))})\b)"
_DATELINE = re.compile(
    _NOT_A_WEEKDAY + r"^[A-ZÄÖÜ][\w./-]*(?:\s(?:am|an|im|in|ob|der|bei|[A-ZÄÖÜ(][\w./)-]*)){0,3}"
    r",\s*(?:den\s+)?\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+\.?)\s?(?:\d{4}|\d\d)\s+[-–—]\s+"
    r"(?:[„\"(]?[^\W\d][\w„\"(),.;:-]*\s+){8}"  # and a sentence of words: no title, no date
)


# Attributes where themes keep an ISO date beside a shorter visible one: hCalendar's
# <abbr class="dtstart" title="2027-01-12T18:00">, a JS calendar's data-date.
_DATE_ATTRIBUTES = ("title", "data-date", "data-start", "data-datetime", "data-start-date")
_ISO_VALUE = re.compile(r"^\s*\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d|\s*$)")


def _attribute_date(element: etree._Element) -> date | None:
    """An ISO date in a date attribute of the block or of its own inline elements, or of
    the day a calendar cell's day number links to; or in a data attribute of the record
    that holds nothing but the block (<li data-fulltime="2026-09-16 18:00:00"
    itemtype=MusicEvent><h3>…</h3></li>)."""
    for node in (element, *_own_inline(element)):
        for name in _DATE_ATTRIBUTES:
            if _ISO_VALUE.match(value := node.get(name) or ""):
                if (found := parse_machine(value)) is not None:
                    return found
        if (day := _day_link(node)) is not None:
            return day
    node = element
    for _ in range(_HOLDER_REACH):
        parent = node.getparent()
        if parent is None or not _holds_alone(parent, node):
            return None
        values = [
            found
            for name, value in parent.attrib.items()
            if name.startswith("data-") and _DATE_NAME.search(name) and _ISO_VALUE.match(value)
            and not _STAMPED.search(value.replace(" ", "T"))  # a page's own clock: 15:50:48
            and (found := parse_machine(value)) is not None
        ]  # fmt: skip
        if values:  # the one with its time: data-fulltime beside data-fulldate
            return max(values, key=lambda v: isinstance(v, datetime))
        node = parent
    return None


_HOLDER_REACH = 2  # the record, or its wrapper: <li data-…><div><h3>…</h3></div></li>
_DATE_NAME = re.compile(r"date|time|start|day", re.I)  # data-fulltime, not data-id


def _day_link(node: etree._Element) -> date | None:
    """The day of a month grid's day number that links to that day's events: Events
    Manager's `<a href="?calendar_day=2026-11-05">5</a>`, a day view's /2026-11-05/."""
    text = (node.text or "").strip() if node.tag == "a" and not len(node) else ""
    if not (text.isdigit() and 1 <= int(text) <= 31):
        return None
    day = url_day(node.get("href") or "")
    return day if day is not None and day.day == int(text) else None


# A calendar's day container: MEC's monthly view, div[data-mec-cell="20261105"], around
# entries that state a time alone.
_CONTAINER_REACH = 4


# An id that names a day: a cinema's day tab, div#tag-2026-10-05 (not an issue's or a
# post's id that holds a date: section#ausgabe-2026-11-20).
_ID_DAY = re.compile(r"(?:^|[-_])(?:tag|day|datum|date)[-_]?((?:19|20)\d\d-\d\d-\d\d)(?!\d)", re.I)


def _container_day(element: etree._Element) -> date | None:
    """The day a data attribute of an element around a time names ("20261105"), or its
    id ("tag-2026-10-05")."""
    node = element.getparent()
    for _ in range(_CONTAINER_REACH):
        if node is None:
            return None
        for name, value in node.attrib.items():
            if name.startswith("data-") and (day := parse_day(value)) is not None:
                return day
        if (found := _ID_DAY.search(node.get("id") or "")) and (day := parse_day(found[1])):
            return day
        node = node.getparent()
    return None


def _own_inline(element: etree._Element) -> list[etree._Element]:
    """The inline elements of the block's own text (spans, not nested blocks)."""
    found = []
    for child in element:
        if isinstance(child.tag, str) and not is_block(child):
            found += [child, *_own_inline(child)]
    return found


_DEADLINE_LABEL = re.compile(
    r"^\W*(?:anmeld\w*|bewerbungs?\w*|einsendeschluss|meldeschluss|frühbucher\w*|deadline"
    r"|registration|register by)\b",
    re.I,
)


# What is due by a day: "Einzahlung Jahresbeitrag bis 30.09.", under "Abgabetermine".
_DUE = re.compile(
    r"\b(?:anmeldung|anmeldeschluss|bewerbung|bewerbungen|einsendung|einsendeschluss"
    r"|meldeschluss|abgabe\w*|einzahlung|zahlung|frist|rückmeldung|einreichung|antr[aä]ge?"
    r"|deadline|due)\b",
    re.I,
)
# What is asked for by a day: "… bis 20.06. bei Frau Heinze melden".
_DUE_AFTER = re.compile(
    r"\b(?:melden|anmelden|zurückmelden|einreichen|abgeben|einsenden|bezahlen|überweisen"
    r"|mitteilen|bestellen|buchen|registrieren)\b",
    re.I,
)
_AT_THE_LATEST = re.compile(r"\bspätestens\s+(?:am\s+|bis\s+(?:zum\s+)?)?\d", re.I)
# A heading of deadlines, not of a programme with its registration ("Kurse und Anmeldung").
# A heading of nothing but due days (not "Termine und Fristen", which has events too).
_DUE_DAY_WORDS = r"fälligkeit\w*|zahlungstermine|steuertermine|abgabetermine"
_DUE_DAYS = re.compile(rf"\b(?:{_DUE_DAY_WORDS})\b", re.I)
_DUE_HEADING = re.compile(
    rf"\b(?:abgabe\w*|fristen|frist|einsendeschluss|deadlines?|{_DUE_DAY_WORDS})\b", re.I
)


# What a conference's dates name that no one attends: a submission's, a review's milestones.
_MILESTONE = re.compile(
    r"^\W*(?:einreichung\w*|abgabe\w*|frist\w*|deadline|submission|paper submission"
    r"|abstract submission|notification|benachrichtigung|nachricht über die annahme"
    r"|rückmeldung|camera[- ]ready|endfassung|einsendeschluss|anmeldeschluss|meldeschluss"
    r"|bewerbungsschluss|registrierungsschluss)\b",
    re.I,
)


def _deadline(block: Block, sessions: list[When], due_days: bool = True) -> bool:
    """The block is the value of a deadline label: <dt>Anmeldeschluss</dt><dd>04.09.</dd>;
    or it says only until when, without a time, of something due ("Abgabe … bis 01.02.")
    or under a heading of such ("Abgabetermine"): an exhibition "bis 20.12." is not."""
    label = block.element.getprevious()
    if label is not None and label.tag in ("dt", "th", "td", "strong", "b", "span", "label"):
        text = " ".join(label.xpath("string()").split())
        if _DEADLINE_LABEL.match(text):
            return True
        if label.tag in ("td", "th", "dt") and text.endswith(":") and _DUE.search(text):
            return True  # an "Important dates" row: "Frist zur Einreichung der Beiträge:"
    if sessions and sessions[0].all_day and _AT_THE_LATEST.search(block.text):
        return True  # "… werden wir euch spätestens am 26.8. informieren"
    if sessions and sessions[0].all_day and sessions[0].end is None:
        # a call for papers' milestones: "15.10.2021 Einreichung von Beiträgen", also as
        # a table row whose other cell names it
        named = residue(block.text)
        if (
            not named
            and block.element.tag in ("td", "th")
            and block.element.getparent() is not None
        ):
            cells = block.element.getparent().iterchildren("td", "th")
            named = " ".join(c.xpath("string()") for c in cells if c is not block.element)
        if _MILESTONE.match(unicodedata.normalize("NFC", named)):
            return True
        if due_days and _DUE_DAYS.search(preceding_heading(block.element) or ""):
            return True  # the days under "Fälligkeiten 2027", "Abgabetermine"
    if not (sessions and sessions[0].open_start and sessions[0].all_day):
        return False
    before, _, after = block.text.partition(" bis ")
    due = _DUE.search(before) or _DUE_AFTER.search(after)  # "Kuchenspenden bis 20.06. melden"
    return bool(due or _DUE_HEADING.search(preceding_heading(block.element) or ""))


def _is_month(when: When, text: str) -> bool:
    if not (when.all_day and when.start and when.end and when.start.day == 1):
        return False
    return (when.end + timedelta(days=1)).day == 1 and len(text) <= _MONTH_HEADING


def find(blocks: list[Block], reference: date | None, month_first: bool = False) -> list[Anchor]:
    """The anchors among `blocks`. Year-less dates take their year from the nearest month
    heading above them ("März 2026"), else from `reference`, the page's fetch date."""
    found = []
    heading: tuple[etree._Element, date] | None = None
    # A year a heading names, for what follows it: in its container, or the whole page for
    # the page's h1 when it names a schedule ("Jahresüberblick 2026" over sections of month
    # headings; not "Rückblick 2025" over a box of coming dates).
    year: tuple[etree._Element | None, date] | None = None
    # only a page that names due days looks for their heading above each day (a table
    # of a thousand rows would look back forty elements a row)
    due_days = any(_DUE_DAYS.search(b.text) for b in blocks)
    for block in _joined(blocks, reference):
        text = block.text[:_READ]
        machine = None
        for element in _own_times(block.element):
            machine = machine or parse_machine(element.get("datetime"))
        if machine is None:
            machine = _attribute_date(block.element)
        ref = reference
        if year and (year[0] is None or _under(block.element, year[0])):
            ref = year[1]
        if heading and _under(block.element, heading[0]):
            ref = heading[1]
        text = _days_listed(_relative_day(text, reference), ref)
        sessions = parse_sessions(text, ref, month_first=month_first)
        if not sessions and (named := _heading_year(block)):  # "Termine 2027" over "1. Februar"
            whole = block.element.tag == "h1" and _SCHEDULE.search(block.text) is not None
            if reference is not None and abs(named - reference.year) > 3:
                whole = False  # "Skiclub 1968 Todtnau" is its founding year
            scope = None if whole else _year_scope(block)
            year, heading = (scope, date(named, 7, 2)), None
            continue
        if len(sessions) == 1 and _is_month(sessions[0], text):
            start = sessions[0].start
            assert start is not None
            heading = (_month_scope(block), start + timedelta(days=14))
            found.append(Anchor(block, month=sessions[0]))
            continue
        times = [] if sessions else find_times(text)
        if times and machine is None:
            machine = _container_day(block.element)
        # (a line of its own: "<i class="icon-time"></i> All Day <br>" in a panel's body)
        all_day = not (sessions or times) and any(
            _ALL_DAY.fullmatch(line.strip()) for line in text.split("\n")
        )
        if sessions or times or all_day or machine is not None:
            published = _is_published(block, sessions)
            found.append(Anchor(block, sessions, times, machine, None, published,
                                _deadline(block, sessions, due_days), all_day))  # fmt: skip
    return found


# A time cell of an agenda that says the event lasts the day (Google Calendar's embed, The
# Events Calendar's day view): under a day heading, as a time is.
_ALL_DAY = re.compile(r"ganzt(?:ä|ae|a)gig|ganztags|all[- ]day|den ganzen tag", re.I)

# "Heute, 19:30 Uhr", "Morgen 10:00 – 12:00", "Today 7pm": a day a venue's program names by
# the day it was printed, read from the page's fetch date. Only before a time: a "Heute"
# alone is a calendar's button back to today, "Morgen" a time of day.
_RELATIVE = re.compile(
    r"^\W*(heute|morgen|übermorgen|today|tomorrow|tonight)(?:\s+abend)?[\s,:|–-]*"
    r"(?=(?:ab|um|from|at)?\s*\d{1,2}(?:[:.]\d\d|\s*(?:uhr|h|am|pm)\b))",
    re.I,
)
_AHEAD = {"heute": 0, "today": 0, "tonight": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2}


def _days_listed(text: str, reference: date | None) -> str:
    """A block of dates alone, one per line ("12.01.2027<br>19.01.2027"), as the list of
    days it is ("12.01.2027, 19.01.2027"): each a session of the entry."""
    lines = text.split("\n")
    if len(lines) < 2 or len(lines) > _DAYS or any(residue(line) for line in lines):
        return text
    if all(parse_when(line, reference or ANY_DAY) is not None for line in lines):
        return ", ".join(lines)
    return text


_DAYS = 31  # lines of dates in one block: more is a calendar's column, not an entry's days
ANY_DAY = date(2000, 1, 1)  # a reference for a test of a date's shape: a year-less one counts


def _relative_day(text: str, fetched: date | None) -> str:
    """The text with a relative day before its time written as the date it means."""
    if fetched is None or not (match := _RELATIVE.match(text)):
        return text
    day = fetched + timedelta(days=_AHEAD[match[1].lower()])
    return f"{day:%d.%m.%Y}, {text[match.end() :]}"


_PIECE = 12  # a piece of a date: "03", "Dez", "2026", "Do", "18:00"
_PIECES = 4


def _joined(blocks: list[Block], reference: date | None) -> list[Block]:
    """The blocks, with a date printed in pieces, a block each, joined into one block of
    their parent: <div>03</div><div>Dez</div><div>2026</div> (iCagenda, many themes' date
    badges) is a date that no piece is alone."""
    by_element = {id(block.element): block for block in blocks}
    joined: list[Block] = []
    taken: set[int] = set()
    for block in blocks:
        if id(block.element) in taken:
            continue
        pieces = _pieces(block, by_element)
        text = " ".join(piece.text for piece in pieces)
        if pieces and parse_when(text, reference) is not None:
            joined.append(Block(block.element.getparent(), text, block.index))
            taken |= {id(piece.element) for piece in pieces}
        else:
            joined.append(block)
    return joined


def _pieces(block: Block, by_element: dict[int, Block]) -> list[Block]:
    """The blocks of `block`'s parent when `block` is the first of 2 to 4 short one-line
    blocks that are all the parent holds, none of them a date alone."""
    parent = block.element.getparent()
    if parent is None or (parent.text or "").strip():
        return []
    children = [child for child in parent if isinstance(child.tag, str)]
    if not (2 <= len(children) <= _PIECES and children[0] is block.element):
        return []
    pieces = [by_element.get(id(child)) for child in children]
    for child, piece in zip(children, pieces, strict=True):
        if piece is None or len(piece.text) > _PIECE or "\n" in piece.text:
            return []
        if (child.tail or "").strip() or any(is_block(d) for d in child.iterdescendants()):
            return []
        # a day is a date alone though its year is left out: a table row's "7. Februar"
        if (when := parse_when(piece.text, ANY_DAY)) is not None and not when.whole_month:
            return []
    return [piece for piece in pieces if piece is not None]


_YEAR = re.compile(r"(?<![\d.,/-])(?:19|20)\d\d(?![\d.,/-])")


# Words of a page's h1 that say its dates are that year's schedule.
_SCHEDULE = re.compile(
    r"termin|veranstaltung|jahresüberblick|jahresprogramm|programm|kalender|spielplan"
    r"|saison|übersicht|events?\b",
    re.I,
)


def _heading_year(block: Block) -> int | None:
    """The year a heading names ("Termine 2027"); 2 July of it is nearer to every day of
    that year than to any day of another, so year-less dates below it land in it."""
    if heading_text(block.element) is None or len(block.text) > 60:
        return None
    years = _YEAR.findall(block.text)
    return int(years[0]) if len(years) == 1 else None


def _year_scope(block: Block) -> etree._Element:
    """Where a year heading holds: its container; the list, when the container is the first
    of its records to open a year ("<div class=event><h4>2022</h4>…</div><div class=event>
    …"), for the records after it, up to the next year's heading."""
    container = _container(block)
    after = container.getnext()
    first = next((c for c in container if isinstance(c.tag, str)), None)
    if first is block.element and after is not None and container.getparent() is not None:
        if isinstance(after.tag, str) and signature(after) == signature(container):
            return container.getparent()
    return container


def _container(block: Block) -> etree._Element:
    parent = block.element.getparent()
    return block.element if parent is None else parent


def _month_scope(block: Block) -> etree._Element:
    """What a month heading stands over: its container, past wrappers that hold the
    heading alone (MEC's <div class="mec-month-divider"><h5>Juni 2027</h5></div> before
    the month's articles)."""
    node = block.element
    parent = node.getparent()
    while parent is not None and _holds_alone(parent, node):
        node, parent = parent, parent.getparent()
    return node if parent is None else parent


def _holds_alone(parent: etree._Element, child: etree._Element) -> bool:
    """The parent shows nothing but the child (an icon beside it at most)."""
    if (parent.text or "").strip():
        return False
    return all(
        not (other.tail or "").strip() and (other is child or not "".join(other.itertext()).strip())
        for other in parent
        if isinstance(other.tag, str)
    )


# How far below a month heading's container a date still reads under it: The Events
# Calendar's list puts the row's date line eight levels below its month separators.
_HEADING_REACH = 12


def _under(element: etree._Element, container: etree._Element, depth: int = _HEADING_REACH) -> bool:
    node: etree._Element | None = element
    for _ in range(depth):
        if node is None:
            return False
        if node is container:
            return True
        node = node.getparent()
    return False


_URL_DAY = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?!\d)"),  # /2015/03/19/, 2022-05-04
    re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"),  # Contao ?day=20250510
)


def url_day(url: str, posts: bool = True) -> date | None:
    """A single day the page's URL names: `?startDate=04.01.2016`, `/veranstaltungen/
    2022-05-04/`, `?day=20250510`, `/2015/03/19/`. None for a month or no date. Without
    `posts`, not the day of a post's permalink, which its slug follows
    (`/2013/09/12/grundeinkommen/`): the day it was written, not a day view's."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    values = [unquote(v) for _, v in parse_qsl(parts.query)] + [path]
    for value in values:
        for pattern in _URL_DAY:
            if match := pattern.search(value):
                if not posts and value is path and value[match.end() :].strip("/"):
                    continue
                try:
                    return date(int(match[1]), int(match[2]), int(match[3]))
                except ValueError:
                    continue
        when = parse_when(value) if re.fullmatch(r"[\d.]+", value) else None
        if when and when.start and when.all_day and when.end is None:
            return when.start  # type: ignore[return-value]
    return None
