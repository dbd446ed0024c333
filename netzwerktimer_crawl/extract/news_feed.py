"""RSS and Atom feeds of an events plugin, whose items' dates are the events'.

Most feeds date their items by publication, so a feed is read only where it says, or
shows, that its dates are its events':
- an item carries the event's own fields: the RSS Event module (`ev:startdate`,
  `ev:enddate`, `ev:location`), xCal's `xcal:dtstart`, or Modern Events Calendar's
  `mec:startDate` and `mec:startHour`;
- or its dates are no publication dates: most of them lie after the feed was built
  (nothing is published ahead; Events Manager's, sf_event_mgt's and Contao's calendar
  feeds put each event's start there), or one item is "published" again on other days
  (an older MEC feed's weekly meeting, the same guid ten times).

A date at midnight UTC sharp is a day (MEC writes the day alone that way); another
instant is its Berlin wall clock.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from lxml import etree

from ..berlin import http_date, local, parse_iso
from ..dates import parse_when
from ..items import Event
from ..text import clean, html_to_text
from . import dom
from .steps import NEWS_FEED

_OWN_FIELDS = {  # the element names (without namespace) that carry the event's own dates
    "startdate": "start",
    "enddate": "end",
    "dtstart": "start",
    "dtend": "end",
}
_MEC = "webnus.net"  # MEC's namespace: xmlns:mec="http://webnus.net/rss/mec/"
_AHEAD = timedelta(days=1)  # (a fetch date is only a day: its items of that day are no later)


def is_feed(text: str) -> bool:
    head = text.lstrip("\ufeff \r\n")[:400].lower()
    return head.startswith("<?xml") and any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))


def events(text: str, fetched: datetime | None) -> tuple[list[Event], str]:
    """The feed's events, and what the step says of it: how many, or why it read none."""
    try:  # the text is decoded already: its declaration's encoding would misread it
        root = etree.fromstring(
            dom.without_xml_declaration(text.lstrip("\ufeff \r\n")),
            etree.XMLParser(recover=True, resolve_entities=False),
        )
    except (etree.XMLSyntaxError, ValueError) as error:
        return [], f"not read: {error}"
    if root is None:
        return [], "not read: no feed in it"
    items = [
        _item(node)
        for node in root.iter()
        if isinstance(node.tag, str) and node.tag.rpartition("}")[2] in ("item", "entry")
    ]
    items = [item for item in items if item["title"] and (item["start"] or item["published"])]
    if any(item["start"] for item in items):
        chosen = [item for item in items if item["start"]]
        why = "its items' own event dates"
    elif why := _event_dates(items, _built(root) or fetched, _feed_title(root)):
        chosen = [{**item, "start": item["published"]} for item in items]
    else:
        return [], "not read (its dates are publication dates)"
    found = [event for item in chosen if (event := _event(item))]
    return found, f"{len(found)} ({why})"


def _item(node: etree._Element) -> dict:
    fields: dict = {"start": None, "end": None, "location": None, "hour": None, "end_hour": None}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        namespace, _, name = child.tag.rpartition("}")
        name, value = name.lower(), (child.text or "").strip()
        if name in _OWN_FIELDS and value:
            fields[_OWN_FIELDS[name]] = value
        elif name == "location" and value:
            fields["location"] = value
        elif _MEC in namespace and name in ("starthour", "endhour"):
            fields["hour" if name == "starthour" else "end_hour"] = value
    link = _child(node, "link")
    return {
        **fields,
        "title": clean(_text(node, "title")),
        # RSS writes the link as text, Atom as its href
        "url": (link.text or "").strip() or link.get("href") if link is not None else None,
        "guid": _text(node, "guid", "id"),
        "published": _moment(_text(node, "pubdate", "published", "date", "updated")),
        "description": _text(node, "description", "summary", "content"),
    }


def _child(node: etree._Element, name: str) -> etree._Element | None:
    """The first child of that local name, in whichever namespace (RSS 1.0 and Atom
    have theirs, RSS 2.0 none)."""
    for child in node:
        if isinstance(child.tag, str) and child.tag.rpartition("}")[2].lower() == name:
            return child
    return None


def _text(node: etree._Element, *names: str) -> str:
    for name in names:
        found = _child(node, name)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


_BASIC = re.compile(r"^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?)?(Z?)$")


def _moment(value: str) -> datetime | None:
    """An RSS date (RFC 822, as HTTP writes it) or an Atom or Dublin Core one (ISO 8601),
    aware UTC; None when unreadable or beyond what Berlin time can hold ("31 Dec 9999")."""
    if not value:
        return None
    if (moment := http_date(value)) is not None:
        return moment
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        local(moment)
    except (ValueError, OverflowError):
        return None
    return moment.astimezone(UTC)


def _built(root: etree._Element) -> datetime | None:
    channel = _child(root, "channel")
    if channel is not None:
        return _moment(_text(channel, "lastbuilddate", "pubdate", "date"))
    return _moment(_text(root, "updated"))


def _feed_title(root: etree._Element) -> str:
    channel = _child(root, "channel")
    return " ".join((_text(channel if channel is not None else root, "title") or "").split())


# The Events Calendar titles its feed by what it lists: "Upcoming Events – Site",
# "Anstehende Veranstaltungen", "Próximos Eventos", "Events from 21 July 2022 – …"
_UPCOMING = re.compile(
    r"^(?:upcoming\s+events|anstehende\s+veranstaltungen|kommende\s+veranstaltungen"
    r"|próximos\s+eventos|prochains\s+[eé]v[eéè]nements|événements\s+à\s+venir|prossimi\s+eventi"
    r"|(?:events|veranstaltungen|évènements|événements|eventos|eventi)\s+(?:from|vom|du|de|dal)\s)",
    re.I,
)


def _event_dates(items: list[dict], built: datetime | None, title: str = "") -> str | None:
    """Why the items' dates are the events', or None: they are publication dates."""
    dated = [item for item in items if item["published"]]
    if not dated:
        return None
    ahead = sum(item["published"] > built + _AHEAD for item in dated) if built else 0
    if built and 2 * ahead > len(dated):
        return "its item dates lie after the feed was built: the events'"
    if _UPCOMING.match(title) and (ahead or not built):
        return "its title says it lists coming events, and dates one after it was built"
    days: dict[str, set] = {}
    for item in dated:
        if key := item["guid"] or item["url"]:
            days.setdefault(key, set()).add(item["published"])
    if any(len(moments) > 1 for moments in days.values()):
        return "one item is dated on several days: its occurrences"
    return None


def _event(item: dict) -> Event | None:
    start = _when(item["start"], item["hour"])
    if start is None:
        return None
    end = _when(item["end"], item["end_hour"]) if item["end"] else None
    if isinstance(start, datetime) != isinstance(end, datetime) or (end and end <= start):
        end = None
    return Event(
        network="",
        title=item["title"],
        start=start,
        end=end,
        all_day=not isinstance(start, datetime),
        url=item["url"],
        description=html_to_text(item["description"]) or None,
        location=clean(item["location"]) or None,
        extractor=NEWS_FEED,
    )


def _when(value: datetime | str | None, hour: str | None) -> date | datetime | None:
    if isinstance(value, datetime):
        if value.utcoffset() == timedelta(0) and (value.hour, value.minute) == (0, 0):
            return value.date()  # a day alone, written as its midnight in UTC
        return local(value)
    if not value:
        return None
    if basic := _BASIC.match(value):  # xCal's "20261207T100000Z"
        y, m, d, hh, mm, ss, utc = basic.groups()
        value = f"{y}-{m}-{d}" + (f"T{hh}:{mm}:{ss or '00'}{'+00:00' if utc else ''}" if hh else "")
    if hour:  # MEC: "2019-03-18" and "7:00 pm"
        when = parse_when(f"{value} {hour}")
        return when.start if when else parse_iso(value)
    moment = parse_iso(value)
    if moment is None and (when := parse_when(value)):
        return when.start
    return moment
