"""Text cleanup and the German words that carry an event's status and attendance mode."""

from __future__ import annotations

import re

from w3lib.html import remove_tags, remove_tags_with_content, replace_entities

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)  # soft hyphens …
_SPACE = re.compile(r"\s+")
_BLOCK_TAG = re.compile(r"<(?:br|/p|/div|/li|/h\d)\b[^>]*>", re.I)

_CANCELLED = re.compile(
    r"\b(abgesagt|entf[äa]llt|storniert|ausgefallen|f[äa]llt(?: leider)? aus|findet nicht statt"
    r"|cancel+ed|canceled)\b|(?:^|\W)ausfall:",
    re.I,
)
_POSTPONED = re.compile(r"\b(verschoben|postponed)\b", re.I)
_POSTCODE_CITY = re.compile(
    r"\b\d{5}\s+([A-ZÄÖÜ][\w.-]*(?:\s(?:an der|am|in|bei|/)?\s?[A-ZÄÖÜ][\w.-]*)?)"
)
_HYBRID = re.compile(r"\bhybrid", re.I)
_ONLINE = re.compile(r"\b(online|webinar|zoom|webex|livestream|virtuell|teams[- ]meeting)", re.I)


# What no output can carry: lone UTF-16 surrogates (a JSON "\ud800" escape) cannot be written
# as UTF-8; control characters but tab, LF and CR (C0, DEL, C1), U+FFFE and U+FFFF are not
# allowed in XML 1.0 (the Atom feed) or iCalendar text. Pasted text brings them, most often
# Word's manual line break, \x0b.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_only(value: str) -> str:
    """`value` with surrogates replaced by U+FFFD and the other characters of NOT_TEXT by a
    space."""
    return NOT_TEXT.sub(lambda m: "\ufffd" if "\ud800" <= m[0] <= "\udfff" else " ", value)


def clean(value: str | None) -> str | None:
    """Entities decoded, tags removed, whitespace collapsed; None for empty text."""
    if value is None:
        return None
    text = replace_entities(str(value)).translate(INVISIBLE)
    text = _SPACE.sub(" ", text).strip()
    return text or None


_ESCAPED_TAG = re.compile(r"&lt;/?[a-z][a-z0-9]*(?:\s[^&]*)?&gt;", re.I)


def html_to_text(html: str | None) -> str | None:
    """Plain text of an HTML fragment, keeping paragraph breaks as single newlines."""
    if not html:
        return None
    if "<" not in html and _ESCAPED_TAG.search(html):
        html = replace_entities(html)  # The Events Calendar's JSON-LD escapes its HTML
    # a line break escaped once too often ("…</p>\\n" in JSON): two characters, not one
    html = html.replace("\\n", "\n")
    html = remove_tags_with_content(html, which_ones=("script", "style"))
    html = _BLOCK_TAG.sub("\n", html)
    lines = (clean(remove_tags(line)) for line in html.split("\n"))
    return "\n".join(line for line in lines if line) or None


def status_from_text(*texts: str | None) -> str | None:
    """'cancelled' or 'postponed' when the page says so in words, else None."""
    joined = " ".join(t for t in texts if t)
    if _CANCELLED.search(joined):
        return "cancelled"
    if _POSTPONED.search(joined):
        return "postponed"
    return None


def attendance_from_text(*texts: str | None) -> str | None:
    """'mixed' for hybrid events, 'online' for web events, else None (unknown)."""
    joined = " ".join(t for t in texts if t)
    if _HYBRID.search(joined):
        return "mixed"
    if _ONLINE.search(joined):
        return "online"
    return None


def city_from_location(location: str | None) -> str | None:
    """The town after a German postcode: 'Arnstädter Straße 34, 99096 Erfurt' -> 'Erfurt'."""
    match = _POSTCODE_CITY.search(location or "")
    return match.group(1).rstrip(".,)") if match else None
