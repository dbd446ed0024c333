"""The item every spider yields: one event as its organizer's page shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Event:
    network: str
    # Stable across runs; set by the dedupe stage once dates and url are clean.
    id: str | None = None
    title: str | None = None
    # Raw date text from the page; the normalize stage turns it into start/end/all_day.
    when: str | None = None
    # Set directly by structured sources (JSON API, JSON-LD, iCal): naive Berlin wall-clock
    # datetime for timed events, date for all-day events.
    start: date | datetime | None = None
    end: date | datetime | None = None
    all_day: bool | None = None
    # "noch bis 25. Oktober": running, its first day not stated (start is then the page's
    # fetch day); "ab Mai 2020": no end stated. See dates.When.
    open_start: bool = False
    open_end: bool = False
    url: str | None = None
    description: str | None = None
    location: str | None = None
    city: str | None = None
    status: str | None = None
    # What the status rests on: the schema.org value, the iCal STATUS or the page's words.
    status_evidence: str | None = None
    attendance: str | None = None
    # Set by the enrich stage: Workshop, Webinar, Konferenz, …; the town's coordinates.
    event_type: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    source_url: str | None = None
    # The page's fetch time (HTTP Date header, aware UTC): the reference for missing years.
    fetched: datetime | None = None
    # A better anchor for a missing year than the fetch date, e.g. the date in a
    # <time datetime> attribute next to year-less text, or the listing's month heading.
    reference: date | None = None
    # Which step of the extraction chain produced the item, e.g. "tribe-api", "json-ld".
    extractor: str | None = None
    extra: dict = field(default_factory=dict)
