"""The parts of an HTML tree the generic steps read: text blocks, their structural
signatures, headings and boilerplate regions. Pure functions over lxml elements."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from html import unescape
from itertools import islice, pairwise

from lxml import etree, html
from lxml.html import defs as html_defs

from ..dates import MONTH_NUMBERS, MONTHS, find_times, parse_when, residue
from ..text import INVISIBLE

# Elements that break text into separate blocks; everything else is inline.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul center".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_SKIP = frozenset(
    "head script style noscript template svg iframe object select option button".split()
)
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_DIGITS = re.compile(r"\d+")
# Class and id words of regions that hold no events: menus, page chrome, sharing. A token
# names such a region when it starts with the word ("menu-item", "site-footer",
# "main-navigation"); a component's part does not ("tribe-events-…__event-header").
_CHROME = re.compile(
    r"^(?:(?:site|page|main|top|primary|global)[-_])?(?:nav|navbar|navigation|menu|menubar"
    r"|breadcrumbs?|footer|header|masthead|cookies?|cookie-banner|share|sharing|social"
    r"|pagination|pager|skip-link"
    # a post's comments and the form under it ("Your email address will not be published")
    r"|comments|commentlist|comment-list|comment-respond|comment-form|respond)(?:[-_][\w-]*)?$",
    re.I,
)
_CHROME_TAGS = frozenset({"nav", "footer", "header"})
_PERMALINK = frozenset({"#", "¶", "§", "🔗", ""})
# A <header> or <footer> is a part's, not the page's: an article's, a list item's, or one
# whose class says it is a card's or an entry's (Bulma's header.card-header); a calendar's
# header of messages and date pickers ("tribe-events-header") is not.
_PART = re.compile(r"^(?:card|entry|item|post|teaser|tile)[-_]+(?:header|footer|head|foot)$", re.I)


def _part_of(node: etree._Element) -> bool:
    if any(_tag(above) in ("article", "li") for above in node.iterancestors()):
        return True
    return any(_PART.match(word) for word in (node.get("class") or "").split())


@dataclass(eq=False)
class Block:
    """A block element's own text: its text and inline children, not nested blocks."""

    element: html.HtmlElement
    text: str  # lines kept ("\n"), spaces collapsed
    index: int  # position in document order


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def without_xml_declaration(body: str) -> str:
    """lxml refuses text that still declares its bytes' encoding (an XHTML page's
    `<?xml version="1.0" encoding="ISO-8859-1" ?>`); the text is decoded already."""
    return _XML_DECLARATION.sub("", body, count=1)


def tree(body: str) -> html.HtmlElement:
    """The page as a tree. libxml2 gives up on some real markup (a self-closed `<html />`
    leaves it one element); html5lib then parses it as a browser would."""
    if not body.strip():
        return html.fromstring("<html/>")
    body = without_xml_declaration(body)
    root = html.document_fromstring(body)
    if sum(1 for _ in root.iter()) < 5 and body.count("<") > 20:
        import warnings

        from lxml.html import html5parser

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # html5lib's DataLossWarning on "xml:lang"
            root = html5parser.document_fromstring(body)
        for element in root.iter():  # html5lib namespaces its tags; the rest expects plain ones
            if isinstance(element.tag, str) and element.tag.startswith("{"):
                element.tag = element.tag.split("}", 1)[1]
    return root


def parse(body: str) -> html.HtmlElement:
    """The page as a tree, without scripts and styles (which hold no visible text)."""
    root = tree(body)
    for bad in root.xpath("//script|//style|//noscript|//template|//comment()"):
        drop(bad)
    # a heading's permalink (Hugo's <a class=anchor aria-hidden=true href=#…>#</a>, Sphinx's
    # ¶) is no part of its title
    for link in root.xpath("//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or "
                           "self::h6]//a[starts-with(@href, '#')]"):  # fmt: skip
        if (link.text_content() or "").strip() in _PERMALINK:
            drop(link)
    _unfold_card_links(root)
    _labelled_buttons(root)
    _list_numbers_as_days(root)
    _spread_row_spans(root)
    _day_columns(root)
    _split_lined_rows(root)
    _underscored_dates(root)
    _split_dated_lines(root)
    _group_paragraphs(root)
    _date_grid_days(root)
    return root


_MONTH_NAMES = "|".join(sorted(map(re.escape, MONTHS), key=len)[::-1])


# A month calendar's day cell: its number alone, in an element named for it.
_DAY_CLASS = re.compile(r"day|date|tag|datum", re.I)
_DAY_NUMBER = re.compile(r"^\s*(\d{1,2})\.?\s*$")
_GRID_DAYS = 28  # day cells at least in a month's grid
GRID_DAY = "data-grid-day"  # set on a month grid's day number once it reads as its date


def _date_grid_days(root: etree._Element) -> None:
    """A month calendar's day numbers ("2" in <div class="event-calendar__day-date">, the
    month and year only in the grid's header, "2026 Juni") as the dates they are, so that
    each day's events read as dated; the days of the months before and after too."""
    cells = [
        element
        for element in root.iter("div", "span", "td", "li", "a", "strong", "p")
        if _DAY_CLASS.search(element.get("class") or "")
        and len(element) == 0
        and _DAY_NUMBER.match(element.text or "")
    ]
    in_table = len(cells) < _GRID_DAYS
    if in_table:
        cells = _table_days(root)
    if len(cells) < _GRID_DAYS:
        return
    month = _grid_month(root, cells[0])
    if month is None:
        return
    year, number = month
    days = [int(_DAY_NUMBER.match(cell.text or "")[1]) for cell in cells]  # type: ignore[index]
    number -= days[0] > 1  # the grid opens with the last days of the month before
    dated = []
    for cell, day in zip(cells, days, strict=True):
        if dated and day < dated[-1][1].day:
            number += 1  # a new month
        year_of, month_of = year + (number - 1) // 12, (number - 1) % 12 + 1
        try:
            dated.append((cell, date(year_of, month_of, day)))
        except ValueError:
            return  # not a calendar's days
    if any((b - a).days != 1 for (_, a), (_, b) in pairwise(dated)):
        return  # numbers in a row that are no run of days: not a month's grid
    for cell, day in dated:
        if in_table and cell.tag == "td":
            continue  # a table's day with nothing but its number: no events to date
        cell.text = f"{day:%d.%m.%Y}"
        cell.set(GRID_DAY, "")


def _table_days(root: etree._Element) -> list[etree._Element]:
    """The day numbers of a table that is a month's grid, its cells named for nothing
    (Events Manager's <td class="eventless">1</td>, and <td class="eventful"><a>7</a><ul>…
    for a day with events, the number a link to the event or to the day)."""
    for table in root.iter("table"):
        cells = []
        for cell in table.iter("td"):
            if len(cell) == 0 and _DAY_NUMBER.match(cell.text or ""):
                cells.append(cell)
            elif not (cell.text or "").strip() and len(cell) and _is_day_number(cell[0]):
                cells.append(cell[0])
        if len(cells) >= _GRID_DAYS:
            return cells
    return []


def _is_day_number(element: etree._Element) -> bool:
    return (
        element.tag in ("a", "span", "strong", "b", "div")
        and len(element) == 0
        and _DAY_NUMBER.match(element.text or "") is not None
    )


def _grid_month(root: etree._Element, first: etree._Element) -> tuple[int, int] | None:
    """The month and year the grid shows, from the text before its first day: "Juni 2026",
    "2026 Juni", "June 2026"; the last one named there, outside links."""
    before: list[str] = []
    for element in root.iter():
        if element is first:
            break
        # not the links to the months before and after ("‹ Mai", "Juli ›")
        link = element.tag == "a" or next(element.iterancestors("a"), None) is not None
        if isinstance(element.tag, str) and element.text and not link:
            before.append(element.text)
    text = " ".join(before)[-_GRID_HEADER:]
    found = None
    for match in _MONTH_YEAR.finditer(text):
        found = match
    if found is None:
        return None
    name = (found["m1"] or found["m2"]).lower().rstrip(".")
    number = MONTH_NUMBERS.get(name)
    year = int(found["y1"] or found["y2"])
    return (year, number) if number else None


_GRID_HEADER = 600  # characters before the first day in which its month is named
_MONTH_YEAR = re.compile(
    rf"(?<![^\W\d_])(?:(?P<m1>{_MONTH_NAMES})\.?\s*(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<y2>(?:19|20)\d\d)\s*(?P<m2>{_MONTH_NAMES}))(?![^\W\d_])",
    re.I,
)

# Written out and no one's first name: not Jan, Juli, April, August, Mai, June, July, May.
_PLAIN_MONTHS = "januar|februar|märz|juni|september|oktober|november|dezember|january|february"
_PLAIN_MONTHS += "|march|october|december"
# A month's name alone or with its year: "Januar 2020", "Juli - 10. Oktober", "Juli 2022 …".
_MONTH_ALONE = re.compile(rf"^\s*(?:{_MONTH_NAMES})\.?(?:\s*(?:$|[:,–-])|\s+\d{{4}}\b)", re.I)
# One of _PLAIN_MONTHS before a title ("Juni Unifest"), when the item has no day of its own
# ("Juni-Lesung – Freitag, 16. April 2027"): not "August Müller", "Jan Becker".
_MONTH_TITLED = re.compile(rf"^\s*(?:{_PLAIN_MONTHS})\s+[^\W\d_]", re.I)
_OWN_DAY = re.compile(rf"\b\d{{1,2}}\.\s*(?:{_MONTH_NAMES}|\d{{1,2}}\.)", re.I)


def _month_first(text: str) -> bool:
    titled = _MONTH_TITLED.match(text) and not _OWN_DAY.search(text)
    return bool(_MONTH_ALONE.match(text) or titled)


def _labelled_buttons(root: etree._Element) -> None:
    """A button's label is its value attribute, shown on it: one that names a day or a
    time (<input type=submit value="02.01.2026 - 22:30">, a cinema's ticket button for each
    show) is read as text; buttons are otherwise controls ("Suchen", "Mehr laden")."""
    for field in root.iter("input"):
        kind = (field.get("type") or "").strip().lower()
        label = (field.get("value") or "").strip()
        if kind in ("submit", "button") and _DIGITS.search(label):
            field.tag, field.text = "span", label


def _list_numbers_as_days(root: html.HtmlElement) -> None:
    """Markdown makes "16. Januar 2020" at a line's start an ordered list that starts at 16:
    the day is then only the list's marker, <ol start="16"><li>Januar 2020</li>. Put it back
    where a browser shows it."""
    for ol in root.iter("ol"):
        if not (start := ol.get("start") or "").isdigit():
            continue
        for number, item in enumerate(ol.findall("li"), int(start)):
            if number <= 31 and _month_first(text_of(item)):
                # into the paragraph a loose list wraps its item in: <li><p>Juni Unifest</p>
                while not (item.text or "").strip() and len(item) and item[0].tag == "p":
                    item = item[0]
                item.text = f"{number}. {(item.text or '').lstrip()}"


# A line that opens with a date: "17.03.2027 – …", "05.–07.05.2027", "Sa, 27.06.", "3. Juni",
# "2026-12-08". Only a shape: the chain's date grammar reads the lines afterwards.
_DATED_LINE = re.compile(
    r"^[\s*•·–-]*(?:(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[,_]?\s*)?"
    r"(?:\d{1,2}\.\s?(?:\d{1,2}\.|[a-zäöü]{3,})|\d{1,2}\.?\s*(?:[-–/&+]|und|bis|u\.)\s*\d{1,2}\."
    rf"|\d{{4}}-\d\d-\d\d|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?![\d.:]))",  # "October 24"
    re.I,
)
_BR = re.compile(r"<br\s*/?>", re.I)
_WORD = re.compile(r"[^\W\d_]{3}")


def _titled_date(line: str) -> bool:
    """The line opens with a date and goes on in words: an entry, not one date of a list of
    an entry's days ("12.01.2027<br>19.01.2027" in a table cell)."""
    match = _DATED_LINE.match(line)
    return bool(match and _WORD.search(line, match.end()))


_TAGS = re.compile(r"<[^>]+>")


def _split_dated_lines(root: etree._Element) -> None:
    """A paragraph of lines that each open with a date and name an entry (a hand-written
    list of dates, one per <br>) becomes a block per dated line, with the lines after it
    that have no date of their own (a time, a place below it), so that each reads as an
    entry. Where blank lines (<br><br>) part the entries, each part is one, its date on a
    line of its own ("Thursday, October 24<br><i>Meeting</i><br><br>…"). The lines may run
    between blocks too: after a page's heading, in a heading left unclosed."""
    for element in list(root.iter()):
        if element.find("br") is None or not _lined(element):
            continue
        if _tag(element) in HEADINGS and not any(is_block(child) for child in element):
            continue  # a heading's lines are its title's: "Adventskonzert<br>12.12. Kirche"
        run: list[etree._Element] = []
        before: etree._Element | None = None  # the block the run follows, None: the start
        for child in [*element, None]:
            if child is not None and not is_block(child):
                run.append(child)
                continue
            if any(_tag(c) == "br" for c in run):
                _split_run(element, before, run)
            run, before = [], child


_LINED = frozenset(
    ("p", "div", "td", "li", "dd", "body", "section", "article", "center", *HEADINGS)
)


def _lined(element: etree._Element) -> bool:
    """A block that may hold lines of entries; or an element no HTML defines, which a site
    builder wraps its text in (Cargo Collective's <projectcontent>)."""
    tag = _tag(element)
    return tag in _LINED or (isinstance(element.tag, str) and tag not in _KNOWN_TAGS)


_KNOWN_TAGS = frozenset(html_defs.tags) | BLOCK_TAGS


def _split_run(
    element: etree._Element, before: etree._Element | None, run: list[etree._Element]
) -> None:
    text = (element.text if before is None else before.tail) or ""
    inner = text + "".join(etree.tostring(c, encoding=str, with_tail=True) for c in run)
    lines = _BR.split(inner)
    plain = [unescape(_TAGS.sub("", line)) for line in lines]
    parts = _parts(lines, plain)
    if parts is None:
        parts = _entries(lines)
        if parts is None:
            return
    else:  # a part of several entries, one a line: "15.01.2027 Jahreshauptversammlung<br>…"
        parts = [entry for part in parts for entry in (_entries(part) or [part])]
    try:
        entries = [html.fragment_fromstring("<br>".join(part), create_parent="div")
                   for part in parts if _TAGS.sub("", "".join(part)).strip()]  # fmt: skip
    except (etree.ParserError, ValueError):
        return  # left as it was: read as one block
    for child in run:
        element.remove(child)
    if before is None:
        element.text = None
        for entry in reversed(entries):
            element.insert(0, entry)
    else:
        before.tail = None
        for entry in reversed(entries):
            before.addnext(entry)


def _entries(lines: list[str]) -> list[list[str]] | None:
    """The lines as entries, each a line that opens with a date and names what, with the
    lines after it that have no date of their own; None when fewer than two do."""
    dated = [_titled_date(unescape(_TAGS.sub("", line))) for line in lines]
    if sum(dated) < 2:
        return None
    entries: list[list[str]] = []
    for line, opens in zip(lines, dated, strict=True):
        if opens or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


def _parts(lines: list[str], plain: list[str]) -> list[list[str]] | None:
    """The lines parted by blank ones, when two parts or more open with a date; else None."""
    parts: list[list[str]] = [[]]
    for line, text in zip(lines, plain, strict=True):
        if text.strip():
            parts[-1].append(line)
        elif parts[-1]:
            parts.append([])
    parts = [part for part in parts if part]
    opening = [p for p, part in enumerate(parts) if _DATED_LINE.match(_TAGS.sub("", part[0]))]
    if len(parts) < 2 or len(opening) < 2:
        return None
    # a part without a date of its own goes on with the entry above it, past a blank line
    # inside it ("Freitag 13.03.2015<br><br>Ça Claque meets …<br><br>Bar 22h")
    merged = parts[: opening[0]]
    for p, part in enumerate(parts[opening[0] :], opening[0]):
        if p in opening:
            merged.append(part)
        else:
            merged[-1] += ["", *part]
    return merged


# A line that spaces its fields with underscores, as on a typewriter: "Fr__06_01__22h____Title"
_UNDERSCORED = re.compile(r"^\s*([^\W\d_]{2})_+(\d{1,2})_(\d{1,2})_+(?:(\d{1,2})h_+)?")


def _underscored_dates(root: etree._Element) -> None:
    """Lines that space their fields with runs of underscores and write the day as
    day_month ("Sa__07_01__22h____Raunchy Rawhide Chicken") read as the chain reads a
    date line: "Sa 07.01. 22h Raunchy Rawhide Chicken"."""
    for node in root.iter():
        for attribute in ("text", "tail"):
            value = getattr(node, attribute)
            if value and (match := _UNDERSCORED.match(value)):
                hour = f" {match[4]}h" if match[4] else ""
                lead = f"{match[1]} {match[2]}.{match[3]}.{hour} "
                rest = value[match.end() :].replace("_", " ")
                setattr(node, attribute, lead + rest)


def _group_paragraphs(root: etree._Element) -> None:
    """Paragraphs that an editor writes a line each, an empty one between entries ("<p>Do_07.01.
    21.00h</p><p>Live: NOWFRAGO (CH)</p><p>Trip-Pop</p><p>&nbsp;</p>…"): each entry that
    opens with a dated line becomes a block of its own, as blank lines part a paragraph's."""
    for parent in list(root.iter()):
        groups: list[list[etree._Element]] = [[]]
        for child in parent:
            if _tag(child) != "p":
                groups.append([])  # only a run of paragraphs
            elif not text_of(child).strip():
                groups.append([])
            else:
                groups[-1].append(child)
        entries = [
            group for group in groups
            if group and _DATED_LINE.match(text_of(group[0]))
            and not any(_DATED_LINE.match(text_of(p)) for p in group[1:])
        ]  # fmt: skip
        if sum(len(group) >= 2 for group in entries) < 2:
            continue  # (an entry of one line among them is one too: "Do 12.01. Quiz")
        for group in entries:
            entry = etree.Element("div")
            group[0].addprevious(entry)
            for paragraph in group:
                entry.append(paragraph)  # (its tail, the source's whitespace, goes along)


_MAX_SPAN = 100  # more rows or columns than this: a layout table's cell, not a day's


def _spread_row_spans(root: etree._Element) -> None:
    """A cell that spans rows (<td rowspan="3">Mi, 03.02.2027</td>: one day, three events)
    is copied into each row it spans, so that every row reads as a whole entry."""
    for table in root.iter("table"):
        if not table.xpath(".//td[@rowspan > 1] | .//th[@rowspan > 1]"):
            continue
        spanning: dict[int, list] = {}  # column: [the cell, rows it still fills]
        for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            column = 0
            for cell in [*(c for c in row if _tag(c) in ("td", "th")), None]:
                while column in spanning:
                    copy = _copy_of_span(spanning, column)
                    if cell is None:
                        row.append(copy)
                    else:
                        cell.addprevious(copy)
                    column += _span(copy, "colspan")
                if cell is None:
                    break
                if (rows := _span(cell, "rowspan")) > 1:
                    del cell.attrib["rowspan"]
                    spanning[column] = [cell, rows - 1]
                column += _span(cell, "colspan")


_DAY_COLUMNS = 3  # days at least across a table's head, for its columns to be days
_SOME_DAY = date(2000, 1, 1)  # a reference only to tell a day from other text


def _day_head(text: str) -> str | None:
    """The day a grid's head cell names, as a date line writes it ("Mi, 22.7" → "22.7.")."""
    when = parse_when(text, _SOME_DAY) if text and len(text) <= 40 else None
    if when is None or not when.all_day or when.end is not None or residue(text) != "":
        return None
    if _DATED_LINE.match(text):
        return text
    day = when.start
    return f"{day.day}.{day.month}." + (str(day.year) if str(day.year) in text else "")


def _day_columns(root: etree._Element) -> None:
    """A grid whose head row names a day a column ("Mi, 22.7", "Do, 23.7", …) and whose
    cells below hold that day's events ("🧘Yoga (ab 10h)"): each cell is given its column's
    day, which it does not write, before its own text."""
    for table in root.iter("table"):
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        if len(rows) < 2:
            continue
        days: dict[int, str] = {}
        column, plain = 0, True
        for cell in (c for c in rows[0] if _tag(c) in ("td", "th")):
            text = " ".join(cell.xpath("string()").split())
            if head := _day_head(text):
                days[column] = head
            elif text and column:
                plain = False  # a head of fields ("Datum", "Titel"), not of days
            column += _span(cell, "colspan")
        if len(days) < _DAY_COLUMNS or not plain:
            continue
        for row in rows[1:]:
            column = 0
            cells = [c for c in row if _tag(c) in ("td", "th")]
            label = cells[0] if cells and 0 not in days else None
            for cell in cells:
                text = " ".join(cell.xpath("string()").split())
                span = _span(cell, "colspan")
                named = _WORD.search(text) is not None  # not an emoji alone
                if column in days and not named and label is not None and find_times(text):
                    _shows(cell, days[column], label)  # a cinema's week: the film's times
                elif column in days and named and parse_when(text, _SOME_DAY) is None:
                    day = etree.Element("span")
                    day.text, day.tail = f"{days[column]} ", (cell.text or "").strip()
                    cell.text = None
                    cell.insert(0, day)
                    # one list of the days' entries, not a list a column
                    cell.tag, cell.attrib["class"] = "div", "grid-day-entry"
                    _split_timed_lines(cell, days[column])
                column += span


_CLOCK = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d.:])")


def _shows(cell: etree._Element, day: str, label: etree._Element) -> None:
    """A cell of times alone ("17:30, 20:15") under a day, in the row its first cell names
    (a film, linked to its page): an entry a time, named and linked as the row is."""
    if _WORD.search(label.xpath("string()")) is None:
        return
    parent = cell.getparent()
    spot = cell
    # each clock a show: "17:30, 20:15", "11:00 / 15:00" (no span of one)
    for hour, minute in _CLOCK.findall(cell.xpath("string()")):
        entry = etree.Element("div", {"class": "grid-day-entry"})
        entry.text = f"{day} {hour}:{minute} Uhr "
        name = deepcopy(label)
        name.attrib.clear()
        name.tag, name.tail = "span", None
        entry.append(name)
        spot.addnext(entry)
        spot = entry
    spot.tail = cell.tail
    parent.remove(cell)


def _split_timed_lines(cell: etree._Element, day: str) -> None:
    """A day's cell of lines, a later one timed ("Konzert (17h)<br>Festtafel (19h)<br>Party
    (21h)", "Abendessen<br>Openair Kino (ab 21h)"), becomes an entry a timed line (and the
    first), each with the day and the lines without a time after it."""
    lines = [line.strip() for line in text_of(cell).split("\n")]
    if lines and lines[0].startswith(day):
        lines[0] = lines[0][len(day) :]
    lines = [line.strip() for line in lines if line.strip()]
    if not any(find_times(line) for line in lines[1:]):
        return  # one entry: its time, if any, on its first line
    groups: list[list[str]] = []
    for line in lines:
        if not groups or find_times(line):
            groups.append([line])
        else:
            groups[-1].append(line)
    entries = []
    for group in groups:
        entry = etree.Element("div", {"class": "grid-day-entry"})
        entry.text = f"{day} " + " ".join(" ".join(group).split())
        entries.append(entry)
    cell.addnext(entries[0])
    for before, after in pairwise(entries):
        before.addnext(after)
    entries[-1].tail = cell.tail
    cell.getparent().remove(cell)


def _split_lined_rows(root: etree._Element) -> None:
    """A table row whose cells hold one entry a line ("08.01.<br>15.01.", "19:30<br>19:00",
    "Neujahrsempfang<br>Stammtisch": a club's month in one row) becomes a row per line, so
    that the k-th line of each cell reads as one entry; a cell of one line (a place) is in
    every row. Only where a cell's lines are each a day, and not the two ends of a span."""
    for row in list(root.iter("tr")):
        cells = [c for c in row if _tag(c) in ("td", "th")]
        if len(cells) < 2 or not any(c.find(".//br") is not None for c in cells):
            continue
        lines = [_cell_lines(cell) for cell in cells]
        counts = {len(cell) for cell in lines if len(cell) > 1}
        if len(counts) != 1 or (n := counts.pop()) > _MAX_SPAN:
            continue
        lined = [[plain for _, plain in cell] for cell in lines if len(cell) == n]
        days = [cell for cell in lined if _days_a_line(cell)]
        if not days or not any(map(_entries_a_line, lined)) or any(map(_address, lined)):
            continue  # not "12.01.<br>14.01." | "Grundkurs<br>(zweitägig)" | "Haus<br>Str. 4"
        rows = []
        for k in range(n):
            copy = etree.Element(row.tag, dict(row.attrib))
            for cell, own in zip(cells, lines, strict=True):
                copy.append(_line_cell(cell, own[k][0]) if len(own) == n else deepcopy(cell))
                copy[-1].tail = None
            rows.append(copy)
        copy.tail = row.tail
        for copy in reversed(rows):
            row.addnext(copy)
        row.getparent().remove(row)


def _cell_lines(cell: etree._Element) -> list[tuple[str, str]]:
    """The cell's non-empty <br> lines, each as markup and as text."""
    inner = (cell.text or "") + "".join(etree.tostring(c, encoding=str) for c in cell)
    lines = [(line, unescape(_TAGS.sub("", line)).strip()) for line in _BR.split(inner)]
    return [(line, plain) for line, plain in lines if plain]


_RANGE_END = re.compile(r"(?:[-–—]|\bbis|\bto)\s*$", re.I)


def _days_a_line(lines: list[str]) -> bool:
    return all(_DATED_LINE.match(line) for line in lines) and not any(
        _RANGE_END.search(line) for line in lines
    )


# a line of a title, not a note on the one above it ("(zweitägig)", "jeweils 18 Uhr")
_ENTRY_LINE = re.compile(r"^[„\"»]?[A-ZÄÖÜ\d][^\W_]*[\w\s]*[^\W\d_]{3}")
_ADDRESS_LINE = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ]|(?:stra(?:ss|ß)e|str\.|weg|platz|gasse)\s*\d", re.I)


def _entries_a_line(lines: list[str]) -> bool:
    return not _days_a_line(lines) and all(
        _ENTRY_LINE.match(line) and not _DATED_LINE.match(line) for line in lines
    )


def _address(lines: list[str]) -> bool:
    return any(_ADDRESS_LINE.search(line) for line in lines)


def _line_cell(cell: etree._Element, line: str) -> etree._Element:
    copy = etree.Element(cell.tag, {k: v for k, v in cell.attrib.items() if k != "rowspan"})
    try:
        holder = html.fragment_fromstring(line, create_parent="div")
    except (etree.ParserError, ValueError):
        copy.text = unescape(_TAGS.sub("", line))
        return copy
    copy.text = holder.text
    for child in holder:
        copy.append(child)
    return copy


def _copy_of_span(spanning: dict[int, list], column: int) -> etree._Element:
    cell, left = spanning[column]
    if left > 1:
        spanning[column][1] = left - 1
    else:
        del spanning[column]
    copy = deepcopy(cell)
    copy.tail = None
    return copy


def _span(cell: etree._Element, attribute: str) -> int:
    value = (cell.get(attribute) or "").strip()
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _unfold_card_links(root: etree._Element) -> None:
    """Sibling links that each wrap a whole card in spans (<a class="card"><span>Workshop
    </span><span>Titel</span><span>10.12.2026 · 09:00</span></a>) are shown as blocks, their
    spans as lines: they become <div>s, else a grid of them reads as one line of text."""
    for parent in root.iter():
        cards = [a for a in parent.iterchildren("a") if _wraps_card(a)]
        if len(cards) < 2:
            continue
        for card in cards:
            for child in card.iterchildren("span"):
                child.tag = "div"


def _wraps_card(link: etree._Element) -> bool:
    # spans, perhaps beside a block of their own (a card's <div class="more"> of price and time)
    parts = [c for c in link if isinstance(c.tag, str) and c.tag not in ("br", "img")]
    return (
        len(parts) >= 2
        and not (link.text or "").strip()
        and any(c.tag == "span" for c in parts)
        and all((c.tag == "span" or is_block(c)) and not (c.tail or "").strip() for c in parts)
    )


def drop(element: etree._Element) -> None:
    """Remove an element, keeping the text that follows it (lxml's drop_tree, for any tree)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def is_block(element: etree._Element) -> bool:
    return _tag(element) in BLOCK_TAGS


def _inline_parts(element: etree._Element, out: list, blocks: bool = False) -> None:
    """The texts of the element's inline descendants into `out`, in document order; a
    nested block as a line break, or with `blocks` as the block itself (for `text_of`)."""
    previous: etree._Element | None = None
    for child in element:
        tag = _tag(child)
        if tag == "br":
            out.append("\n")
        elif tag in BLOCK_TAGS:
            out.append(child if blocks else "\n")  # a nested block is a block of its own
        elif tag and tag not in _SKIP:
            if len(child) == 0 and not (child.text or "").strip():
                out.append(_EMPTY)  # a divider the style sheet draws, an icon
            else:
                if previous is not None and not previous.tail and _apart(out, child):
                    out.append(" ")
                out.append(child.text or "")
                _inline_parts(child, out, blocks)
        elif tag and blocks:
            # a block inside what shows no text of its own (a <button>'s <div>) still shows
            out += [n for n in child.iterdescendants() if is_block(n) and _outermost(n, child)]
        if child.tail:
            out.append(child.tail)
        previous = child if isinstance(child.tag, str) else None


def _apart(out: list, child: etree._Element) -> bool:
    """Two sibling elements side by side without a space that a style sheet lays out apart
    (<span>Friday, October 16, 2026</span><span>10:00–10:50 AM</span><span>GP 208</span>):
    a number against a number, or a word's end against a capital ("timeGP"), is never one
    word; a word split for styling goes on in small letters ("<b>J</b>ena")."""
    before = next((p for p in reversed(out) if isinstance(p, str) and p), "")
    after = (child.text or "") or (child.xpath("string()") or "")
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return False
    last, first = before[-1], after[0]
    return (last.isdigit() and first.isdigit()) or (last.isalnum() and first.isupper())


# A line break in the source inside running words ("Taijiquan\n    Chen-Stil", an editor's
# or a formatter's wrap) is a space, as the browser shows it; between elements it stays a
# line's end (two spans on lines of their own are a venue's name and its address), and
# around a field's line, which a label opens wherever it stands ("…, 10 Uhr\nOrt:
# Gemeindehaus\nWir zeigen …" in a Markdown paragraph).
_FIELD_LINE = re.compile(
    r"\s*(?:Ort|Datum|Uhrzeit|Zeit|Beginn|Ende|Termine?|Wann|Wo|Was|Veranstaltungsort"
    r"|Treffpunkt|Kosten|Eintritt|Preis|Anmeldung|Leitung|Referent\S*|Location|Venue|Where"
    r"|When|Date|Time|Cost|Price)\s*:"
)


def _flowed(parts: list, element: etree._Element) -> list:
    """The parts' texts (each a text node's) as the browser flows them, unless the element
    keeps its source lines."""
    wrapped = [isinstance(p, str) and "\n" in p.strip() for p in parts]
    if not any(wrapped) or _preformatted(element):
        return parts
    return [_flowed_text(p) if w else p for p, w in zip(parts, wrapped, strict=True)]


def _flowed_text(text: str) -> str:
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    lines = text.strip().split("\n")
    out = lines[0].rstrip()
    for before, line in pairwise(lines):
        field = _FIELD_LINE.match(before) or _FIELD_LINE.match(line)
        out += ("\n" if field else " ") + line.strip()
    return lead + out + trail


_PRE_STYLE = re.compile(r"white-space\s*:\s*(?:pre|break-spaces)", re.I)


def _preformatted(element: etree._Element) -> bool:
    """Text whose source lines are its lines: in a <pre>, or styled to keep them."""
    return any(
        node.tag in ("pre", "textarea", "xmp") or _PRE_STYLE.search(node.get("style") or "")
        for node in (element, *element.iterancestors())
        if isinstance(node.tag, str)
    )


def _outermost(block: etree._Element, within: etree._Element) -> bool:
    for node in block.iterancestors():
        if node is within:
            return True
        if is_block(node):
            return False
    return True


_EMPTY = "\x00"
# An empty element between a number or a time and what follows is the range's dash the
# style sheet draws (Squarespace: <time>10:00</time><span class="event-datetime-divider">
# </span><time>16:00</time>, "7:00 PM" in its 12-hour form); elsewhere it separates words,
# as the page shows them, and an icon after a line break opens the next line.
_DIVIDED = re.compile(r"(?:(?<=\d)|(?<=\d[AaPp][Mm])|(?<=\d [AaPp][Mm]))[^\S\n]*\x00+\s*(?=\w)")


def own_text(element: etree._Element) -> str:
    """Text of the element and its inline descendants, with <br> and blocks as line breaks."""
    parts = [element.text or ""]
    _inline_parts(element, parts)
    return _lines(_flowed(parts, element))


def _lines(parts: list[str]) -> str:
    text = "".join(parts).translate(INVISIBLE)  # "Uhr&shy;zeit" is read as "Uhrzeit"
    if _EMPTY in text:
        text = _DIVIDED.sub(" - ", text).replace(_EMPTY, " ")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def text_of(element: etree._Element) -> str:
    """All visible text below the element, one line per block or <br>, in the order a
    reader meets it: a block's words after a nested block come after that block's."""
    lines: list[str] = []

    def walk(block: etree._Element) -> None:
        parts: list = [block.text or ""]
        _inline_parts(block, parts, blocks=True)
        parts = _flowed(parts, block)
        run: list[str] = []
        for part in [*parts, None]:
            if isinstance(part, str):
                run.append(part)
                continue
            if text := _lines(run):
                lines.append(text)
            run = []
            if part is not None:
                walk(part)

    if isinstance(element.tag, str):
        walk(element)
    return "\n".join(lines)


def blocks(root: etree._Element) -> list[Block]:
    """Every block with text of its own, in document order."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or _tag(element) in _SKIP:
            continue
        if is_block(element) or element is root:
            text = own_text(element)
            if text:
                found.append(Block(element, text, len(found)))
    return found


def signature(element: etree._Element) -> tuple[str, str]:
    """Tag and first class, positions removed ("views-row-2" → "views-row-"): siblings of
    one list share it even when they carry extra modifier classes. A table cell's column is
    part of it: the cells of a row are its fields, not a list."""
    # where it stands in its list ("first", "row-last", "odd") is no part of what it is:
    # a hand-made table's first and last rows carry "begin" and "schluss"
    words = [w for w in (element.get("class") or "").split() if not _POSITION.match(w)]
    if len(words) > 1 and _WIDTH.match(words[0]):
        # a grid's width ("ctl-6", "col-md-6") says where it stands, the next class what
        # it is: a timeline row's "ctl-6 timeline-block-time" beside its "…-detail"
        plain = [w for w in words if not _WIDTH.match(w)]
        words = [*plain, *(w for w in words if _WIDTH.match(w))]
    classes = [_DIGITS.sub("", word) for word in words]
    tag = _tag(element)
    if tag in ("td", "th"):
        column = sum(1 for s in element.itersiblings(preceding=True) if _tag(s) in ("td", "th"))
        tag = f"{tag}{column}"
    return tag, _list_class(element, classes)


_POSITION = re.compile(
    r"^(?:[a-z]+[-_])?(?:first|last|odd|even|alt|begin|end|schluss|erste|letzte)"
    r"(?:[-_](?:child|row|item|of-type))?$",
    re.I,
)
_WIDTH = re.compile(
    r"^(?:[a-z]+-)*(?:col|ctl|span|grid|cell|column|large|medium|small|xl|lg|md|sm|xs)"
    r"(?:-[a-z]{2})?-?\d{1,2}$",
    re.I,
)
_SIBLINGS = 50  # looked at on each side
_KINDS = 4  # siblings at least: a list whose items' first class names their kind


def _list_class(element: etree._Element, classes: list[str]) -> str:
    """The class that makes an element one of its list: the first, unless its siblings of
    the same tag (four or more) all carry another and not the first. A course's sessions
    open with their kind ("is-workshop", "is-praesentation") before "is-overview-item",
    which they all carry; a theme's grid columns side by side ("…__date-tag g-col",
    "…__wrapper g-col") and Contao's day headers among events ("header even") stay apart."""
    if len(classes) < 2:
        return classes[0] if classes else ""
    siblings = [
        {_DIGITS.sub("", word) for word in (sibling.get("class") or "").split()}
        for sibling in (
            *islice(element.itersiblings(element.tag), _SIBLINGS),
            *islice(element.itersiblings(element.tag, preceding=True), _SIBLINGS),
        )
    ]
    term = _TERM_CLASS.search(classes[0])  # its venue's or category's: no list's own
    if (len(siblings) + 1 < _KINDS and not term) or all(classes[0] in w for w in siblings):
        return classes[0]
    return next((c for c in classes[1:] if all(c in words for words in siblings)), classes[0])


# A class that names a term of the item's, its slug after it: Event Organiser's
# "eo-event-venue-village-hall", "eo-event-cat-music"; WordPress's "category-news"
_TERM_CLASS = re.compile(r"(?:^|[-_])(?:venue|cat|category|tag|kategorie|location)[-_]\w", re.I)


_MENU = re.compile(r"^(?:(?:site|page|main|top|primary|global)[-_])?(?:nav|navbar|navigation|menu)"
                   r"(?:[-_][\w-]*)?$", re.I)  # fmt: skip


def menu_between(first: etree._Element, second: etree._Element) -> bool:
    """A site's menu stands after `first` and before `second` in the document: `first` is
    a banner's title over the menu, `second` the content's below it."""
    later = set(second.iterancestors())
    for node in first.xpath("following::*"):
        if node is second:
            return False
        if node in later:
            continue
        words = [node.get("id") or "", *(node.get("class") or "").split()]
        if (
            node.tag == "nav"
            or node.get("role") == "navigation"
            or any(_MENU.match(w) for w in words if w)
        ):
            return True
    return False


def ancestors(element: etree._Element) -> list[etree._Element]:
    """The element's ancestors from the root down, the element last."""
    chain = [element, *element.iterancestors()]
    chain.reverse()
    return chain


def events_widget(element: etree._Element) -> etree._Element | None:
    """The calendar plugin's widget of coming events the element stands in, if any."""
    for node in (element, *element.iterancestors()):
        if _EVENTS_WIDGET.search(node.get("class") or ""):
            return node
    return None


def in_chrome(element: etree._Element) -> bool:
    """Inside a menu, header, footer, breadcrumb, sharing box or a post's comments."""
    for node in (element, *element.iterancestors()):
        if _tag(node) in ("body", "html"):
            break
        if _EVENTS_WIDGET.search(node.get("class") or ""):
            return False  # a calendar plugin's widget of coming events, in a footer too
        if node.get("role") in ("navigation", "banner"):
            return True
        if _tag(node) == "nav" and _events_nav(node):
            continue
        if _tag(node) in _CHROME_TAGS and not (_tag(node) != "nav" and _part_of(node)):
            return True  # an article's own <header> holds its title and date, as a card's does
        ident = (node.get("id") or "").strip()
        if ident and _CHROME.match(ident):
            return True
        if _CONTENT_ID.match(ident):
            continue  # Quarto's <div id="quarto-content" class="… page-navbar">: a layout's
        for word in (node.get("class") or "").split():
            if _CHROME.match(word) and (word.lower() not in _AMBIGUOUS or _top_level(node)):
                return True
    return False


# Events Manager's "widget_em_widget", The Events Calendar's "tribe-events-widget", MEC's
# "mec-widget", All-in-One Event Calendar's "widget_ai1ec_agenda_widget"
_EVENTS_WIDGET = re.compile(
    r"(?:^|\s)(?:widget_(?:em|ai1ec|eo|tribe|mec|evcal)\w*|tribe-events-widget\S*|mec-widget\S*)"
    r"(?:\s|$)",
    re.I,
)
# A <nav> named for events is their list: "<nav class="events-list" aria-label="Termine
# 2026">"; not one of links between them ("tribe-events-nav", "event-pagination") or to
# others beside the page's own ("Weitere Veranstaltungen").
_EVENTS_NAME = re.compile(r"event|termin|veranstaltung|kalender|calendar|agenda", re.I)
_LINKS_NAME = re.compile(
    r"nav|menu|pagination|pager|breadcrumb|prev|next|related|more|similar|other"
    r"|weitere|andere|ähnliche|verwandte|vorherige|nächste|zurück",
    re.I,
)


def _events_nav(node: etree._Element) -> bool:
    names = [node.get(key) or "" for key in ("class", "id", "aria-label")]
    return any(_EVENTS_NAME.search(n) for n in names) and not any(
        _LINKS_NAME.search(n) for n in names
    )


# An id that names the page's content: its classes describe the layout around it.
_CONTENT_ID = re.compile(
    r"^(?:(?:quarto|page|site|primary)[-_]?)?(?:main[-_]?)?content(?:[-_](?:area|wrapper|container))?$"
    r"|^main(?:[-_](?:area|wrapper|container))?$",
    re.I,
)

# A plain class "header" is the page's header only near the top of the tree; deeper down
# it is a part's header, such as a Contao event list's day header.
_AMBIGUOUS = frozenset({"header", "footer"})

# A sidebar's own name, not a layout's ("et_no_sidebar", "has-sidebar" on the body).
# Plone names its side columns "portal-column-one" and "portal-column-two".
_SIDEBAR = re.compile(
    r"^(?:(?:sidebar|widget|widgets|seitenleiste|marginalspalte)(?:$|[-_])"
    r"|portal-column-(?:one|two)$)",
    re.I,
)


def in_sidebar(element: etree._Element) -> bool:
    """Inside an <aside> or a sidebar's widget: beside the page's content, not part of it."""
    for node in (element, *element.iterancestors()):
        if _tag(node) in ("body", "html"):
            return False
        if _tag(node) == "aside":
            return True
        names = [(node.get("id") or "").strip(), *(node.get("class") or "").split()]
        if any(name and _SIDEBAR.search(name) for name in names):
            return True
    return False


def _top_level(node: etree._Element) -> bool:
    return sum(1 for _ in node.iterancestors()) <= 3


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DIALOG_ROLES = ("dialog", "alertdialog")


def hidden(element: etree._Element, within: etree._Element | None = None) -> bool:
    """Hidden by an inline style or the `hidden` attribute, up to `within`."""
    for node in (element, *element.iterancestors()):
        if node.get("hidden") is not None or _HIDDEN.search(node.get("style") or ""):
            return True
        if node is within:
            break
    return False


def in_dialog(element: etree._Element, within: etree._Element | None = None) -> bool:
    """In a dialog that is closed until a button opens it (role=dialog, class "modal"), up
    to `within`: JEvents' "Event exportieren" in each row, or a card's details."""
    for node in (element, *element.iterancestors()):
        if node.get("role") in _DIALOG_ROLES or "modal" in (node.get("class") or "").split():
            return True
        if node is within:
            break
    return False


def in_folded(element: etree._Element, within: etree._Element | None = None) -> bool:
    """In a panel folded until its head is clicked (Bootstrap's "collapse" without "show",
    a closed <details> below its summary), or a dialog, up to `within`."""
    child = None
    for node in (element, *element.iterancestors()):
        classes = (node.get("class") or "").split()
        if "collapse" in classes and "show" not in classes and "in" not in classes:
            return True
        if node.tag == "details" and node.get("open") is None and _tag(child) != "summary":
            return True
        if node is within:
            break
        child = node
    return in_dialog(element, within)


def heading_text(element: etree._Element, strict: bool = False) -> str | None:
    """The element's text when it reads as a heading: an h1–h6, or a block whose class says
    title or heading, or a paragraph or a table's cell that is only bold text, or says so in
    its class ("font_11pt_bold", Bootstrap's "fw-bold")."""
    tag = _tag(element)
    classes = (element.get("class") or "").lower()
    bold_only = tag in ("p", "td") and (
        (
            len(element) >= 1
            and all(_tag(c) in ("strong", "b") and not (c.tail or "").strip() for c in element)
            and not (element.text or "").strip()
        )
        or "bold" in re.split(r"[\s_-]+", classes)
    )
    if tag in HEADINGS or "title" in classes or "heading" in classes or (bold_only and not strict):
        text = " ".join(text_of(element).split())
        return text or None
    return None


def preceding_heading(
    element: etree._Element, limit: int = 40, skip: Callable[[str], object] | None = None
) -> str | None:
    """The nearest heading before the element: its preceding siblings first, then those of
    its ancestors, looking at most `limit` elements back. Bold paragraphs and headings that
    end in a colon ("Saisonanfang", "Die nächsten Termine:") label a part of a section, not
    the section: an h1–h6 or a title element is looked for first, they only after it.
    Headings that `skip` says label a part too ("Weitere Termine") are passed over."""
    return _preceding(element, limit, True, skip) or _preceding(element, limit, False, skip)


def _preceding(
    element: etree._Element, limit: int, strict: bool, skip: Callable[[str], object] | None
) -> str | None:
    seen = 0
    node: etree._Element | None = element
    while node is not None and seen < limit:
        for sibling in node.itersiblings(preceding=True):
            seen += 1
            for candidate in reversed([sibling, *sibling.iterdescendants()]):
                if isinstance(candidate.tag, str) and (text := heading_text(candidate, strict)):
                    if not text.endswith(":") and not (skip and skip(text)):
                        return text
            if seen >= limit:
                break
        node = node.getparent()
    return None


def iter_links(element: etree._Element) -> Iterator[tuple[str, str]]:
    """(href, text) of the element's links, in document order."""
    for link in element.iter("a"):
        href = (link.get("href") or "").strip()
        if href:
            yield href, " ".join(text_of(link).split())
