"""Stable event identity: the same event gets the same id on every run."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Parameters that track visitors or carry a session: never part of an event's address.
_TRACKING = re.compile(r"^(utm_.*|PHPSESSID|sid|fbclid|gclid|mc_[ce]id|_ga)$", re.I)
# Parameters a link needs (TYPO3 rejects a link without its cHash) but that never select a
# different event: left out of its identity only.
_COSMETIC = re.compile(r"^(cHash|rCH|lang)$", re.I)
_TITLE_NOISE = re.compile(r"[^0-9a-zäöüß]+")


def _clean_query(query: str, *drop: re.Pattern) -> str:
    pairs = parse_qsl(query, True)
    return urlencode([(k, v) for k, v in pairs if not any(p.match(k) for p in drop)])


def without_tracking(url: str) -> str:
    """The URL as the site wrote it, less tracking and session parameters. The parameters
    kept keep their bytes: decoded and encoded again, TEC's "?tribe_events=name%2F/" would
    become "name%2F%2F"."""
    parts = urlsplit(url)
    pairs = parts.query.split("&")
    kept = [p for p in pairs if not _TRACKING.match(unquote_plus(p.partition("=")[0]))]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query="&".join(kept)))


def canonical_url(url: str) -> str:
    """Scheme and host case, trailing slash and tracking parameters normalized away."""
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    query = _clean_query(parts.query, _TRACKING, _COSMETIC)
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("https", host, path, query, ""))


def normalized_title(title: str) -> str:
    return _TITLE_NOISE.sub(" ", title.lower()).strip()


def has_own_page(url: str | None, source_url: str | None) -> bool:
    """Whether the event links a page of its own, not just the listing it was found on."""
    return bool(url) and (not source_url or canonical_url(url) != canonical_url(source_url))


def event_id(network: str, url: str | None, source_url: str | None, start: str, title: str) -> str:
    """A short hash of the organizer's page, or of network, start and title when the event
    has no page of its own (its url is the listing it was found on). The start is to the
    minute: two sessions of one day ("09:45 und 14:00 Uhr") are two events."""
    if has_own_page(url, source_url):
        key = canonical_url(url)
    else:
        key = f"{network}|{start}|{normalized_title(title)}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def occurrence_id(series_id: str, day: str) -> str:
    """One occurrence of a series whose dates share one page: the page's id and the day.
    `day` may be a minute, or the slot a feed names (see DedupePipeline)."""
    return hashlib.sha1(f"{series_id}|{day}".encode()).hexdigest()[:16]
