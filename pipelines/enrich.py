"""Enrich stage: the kind of event from its words, and its town as a Thuringian place name
with coordinates from the offline gazetteer."""

from __future__ import annotations

import re

from netzwerktimer_crawl import places
from netzwerktimer_crawl.items import Event

# Words for a day that name no event day ("am Dienstag", "ganztägig", "Nachmittag"): the
# "…tag" of a Maschinenbautag is any other word's.
_DAYS = r"mon|diens|donners|frei|sams|sonn|feier|werk|arbeits|geburts|all|ganz|halb|mit|"
_DAYS += r"nachmit|vormit|wochen|bundes|land"
# First match wins, title before description; order from specific to general.
EVENT_TYPES = [
    ("Webinar", r"webinar|online-seminar|web-?session|livestream"),
    ("Messe", r"messe|gemeinschaftsstand|ausstellung|\bmedica\b"),
    ("Stammtisch", r"stammtisch"),
    ("Netzwerktreffen", r"netzwerk(treffen|abend|frühstück|fruehstueck|forum)|business-lounge|"
                        r"jahresempfang|mitgliederversammlung|branchentreff|meetup"),
    ("Konferenz", r"konferenz|kongress|tagung|symposium|summit|"
                  rf"\b(?!(?:{_DAYS})tage?\b)\w+tage?\b"),
    ("Workshop", r"workshop|werkstatt|hackathon|lösungsgenerator|loesungsgenerator"),
    ("Seminar", r"seminar|schulung|academy|akademie|\bkurs|weiterbildung|training"),
    ("Exkursion", r"exkursion|firmenbesuch|betriebsbesichtigung|besichtigung"),
    ("Pitch", r"pitch|wettbewerb|award|preisverleihung"),
    ("Informationsveranstaltung", r"sprechstunde|infoveranstaltung|informationsveranstaltung|"
                                  r"infotag|vortrag|dialog|talk"),
]  # fmt: skip
_TYPES = [(name, re.compile(pattern, re.I)) for name, pattern in EVENT_TYPES]
_PARTS = re.compile(r"[-/(),]| bei | an der ")


def event_type(title: str | None, description: str | None = None) -> str | None:
    for text in (title, description):
        for name, pattern in _TYPES:
            if text and pattern.search(text):
                return name
    return None


def place(city: str | None, location: str | None) -> places.Place | None:
    """The place an event is in (places.py: Thuringia's and Germany's big cities): its city,
    the city's first part ("Erfurt-Brühl"), or a place named in its location text."""
    for candidate in (city, *(_PARTS.split(city or "")[:1])):
        if found := places.lookup(candidate):
            return found
    for word in reversed(re.findall(r"[A-ZÄÖÜ][\wäöüß.-]+", location or "")):
        if len(word) > 3 and (found := places.lookup(word.strip(".-"))):
            return found
    return None


class EnrichPipeline:
    def process_item(self, item: Event) -> Event:
        item.event_type = event_type(item.title, item.description)
        if found := place(item.city, item.location):
            item.city, item.latitude, item.longitude = found.name, found.latitude, found.longitude
        return item
