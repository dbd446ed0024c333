"""Events from microformats: h-event (microformats2) and hCalendar's vevent, as older CMSs
print them (Plone's event listings, Drupal 6, TYPO3's cal, WordPress themes), via extruct's
mf2py.

Each h-event becomes the schema.org Event it describes and is read as JSON-LD is
(jsonld.schema_event): dt-start/dtstart and dt-end/dtend as startDate/endDate, p-location
(text or an h-card/h-adr) as its location, u-url as its page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import extruct
from lxml import etree

from ..items import Event
from ..text import clean
from . import dom, jsonld

# hCalendar's compact iCalendar forms: "20260705", "20260705T1900", "20260705T190000Z".
_COMPACT = re.compile(r"^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?(Z|[+-]\d{4})?)?$")


def present(html: str) -> bool:
    """Whether the page may hold microformat events (a cheap look before parsing)."""
    return "h-event" in html or "vevent" in html


def events(root: etree._Element, base_url: str) -> tuple[list[Event], list[str]]:
    """The events of the page's h-event and vevent elements, each read on its own, so that
    an event in a sidebar is marked so (extra["aside"]), as the list steps mark theirs. One
    without a name of its own is left to the other steps: microformats2 would name it by
    its whole text."""
    found, problems = [], []
    for element in _roots(root):
        if not _named(element):
            continue
        fragment = etree.tostring(element, encoding="unicode", method="html")
        try:
            items = extruct.extract(f"<html><body>{fragment}</body></html>", base_url=base_url,
                                    syntaxes=["microformat"], uniform=True)  # fmt: skip
        except Exception as error:  # noqa: BLE001 - extruct raises whatever its parsers raise
            problems.append(f"microformats could not be read: {error}")
            continue
        for item in _events(items["microformat"]):
            event = jsonld.schema_event(_schema_org(item))
            event.extractor = "microformats"
            event.extra["aside"] = dom.in_sidebar(element)
            found.append(event)
            break
    return found, problems


_ROOT = frozenset({"h-event", "vevent"})
_NAMES = frozenset({"p-name", "summary"})


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split()) if isinstance(element.tag, str) else set()


def _roots(root: etree._Element) -> list[etree._Element]:
    """The outermost h-event and vevent elements, in the page's order."""
    return [
        element
        for element in root.iter()
        if _classes(element) & _ROOT
        and not any(_classes(above) & _ROOT for above in element.iterancestors())
    ]


def _named(element: etree._Element) -> bool:
    """An explicit name: p-name (microformats2) or summary (hCalendar)."""
    return any(_classes(node) & _NAMES for node in element.iter())


def _events(items: list) -> Iterator[dict]:
    for item in items:
        if not isinstance(item, dict):
            continue
        if "h-event" in item.get("@type", []):
            yield item
        else:  # an h-feed's or h-entry's children
            yield from _events(item.get("children", []))


def _first(item: dict, key: str) -> object:
    values = item.get(key) or [None]
    return values[0]


def _text(value: object) -> str | None:
    if isinstance(value, dict):  # a nested microformat: its text
        value = value.get("value") or _first(value, "name")
    return clean(value) if isinstance(value, str) else None


def _when(value: object) -> str | None:
    text = _text(value)
    match = _COMPACT.match(text or "")
    if not match:
        # Plone's "2026-10-03 00:00:00": as ISO, so that a whole day's 00:00 to 23:59:59
        # reads as that day, as in JSON-LD
        return re.sub(r"^(\d{4}-\d\d-\d\d) (?=\d)", r"\1T", text) if text else None
    year, month, day, hour, minute, second, zone = match.groups()
    if hour is None:
        return f"{year}-{month}-{day}"
    zone = "+00:00" if zone == "Z" else zone or ""
    return f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}{zone}"


def _place(value: object) -> object:
    """A p-location as schema.org's location: its text, or a Place with its town."""
    if not isinstance(value, dict):
        return _text(value)
    address = _first(value, "adr")
    address = address if isinstance(address, dict) else {}
    town = _first(value, "locality") or _first(address, "locality")
    # mf2py reads an hCalendar vcard's adr as one text, without its parts
    street = _first(value, "street-address") or _first(address, "street-address")
    return {
        "name": _text(value),
        "address": {
            "streetAddress": _text(street) or (None if town else _text(address or None)),
            "addressLocality": _text(town),
        },
    }


def _schema_org(item: dict) -> dict:
    # hCalendar's summary is its name (mf2py maps it); microformats2's p-summary is a teaser
    name = _text(_first(item, "name"))
    summary = _text(_first(item, "summary"))
    start, end = _when(_first(item, "start")), _when(_first(item, "end"))
    if start and end and end[:10] < start[:10]:
        end = None  # a day left from another event (Plone: "13.06. bis 20.06." over 30.03.)
    return {
        "@type": "Event",
        "name": name,
        "startDate": start,
        "endDate": end,
        "url": _text(_first(item, "url")),
        "description": _text(_first(item, "description")) or (summary if summary != name else None),
        "location": _place(_first(item, "location")),
    }
