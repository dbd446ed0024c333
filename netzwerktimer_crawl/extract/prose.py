"""Events a page announces only in a sentence of its running text.

A municipality's news post or a club's article often has no list, record or field of an
event, only a sentence: "Ein Info- und Austauschabend findet am Montag, den 21. Oktober von
19.00 bis 20.00 im Dorfgemeinschaftshaus Hoitlingen statt." German says it with "findet …
statt" around the date: the subject before "findet" is the event, or, where the sentence
opens with the date ("Am 12. März findet im Bürgerhaus das Frühlingsfest statt"), the
words between them that follow an article. English says "… will take place on …" or "… is
held on …", with the subject before the verb. This is the chain's last step, for a page on
which no other step found an event: in a page that lists events, such a sentence repeats one,
and only names it where the list's title for it is a post's topic (`retitle`). Only the
present or future tense announces: "fand … statt" and "took place" report one that is over.
"""

import re
from datetime import date, datetime

from ..dates import When, parse_sessions, residue
from ..items import Event
from . import dom
from .steps import PROSE

# A sentence ends at . ! ? before a capital, not at a date's dot ("21. Oktober", "12.03.")
# nor at an abbreviation's ("Dr. Müller", "St. Mary's")
_SENTENCE = re.compile(r"(?<=[^\d\s.][.!?])\s+(?=[A-ZÄÖÜ„\"»])")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Dr|Prof|St|Nr|Str|Hr|Fr|Mr|Mrs|Ms|Jr|bzw|ca|vgl|inkl|evtl|[a-z]\.[a-zA-Z])\.$"
)
_ANNOUNCED = re.compile(r"\bfindet\b(?P<between>.+?)\bstatt\b")
_ANNOUNCED_EN = re.compile(
    r"\b(?:will\s+(?:take\s+place|be\s+held)|takes\s+place|is\s+(?:being\s+)?held)\b"
    r"(?P<between>.+)$"
)
_VERB = re.compile(r"\b(?:statt|place|held)\b")
_OPENING = re.compile(r"^(?:am|ab|vom|an|bereits am|schon am)\s", re.I)  # "Am 12. März findet …"
_ARTICLE = r"(?:der|die|das|ein|eine|einen|unser|unsere|unseren|unserer)"
# a preposition opens an adverbial, not the subject: "Unter diesem Motto", "Nach der Pause"
_ADVERBIAL = re.compile(
    r"^(?:unter|nach|wegen|bei|mit|zum|zur|aus|für|vor|seit|trotz|während|anlässlich"
    r"|dazu|daher|deshalb|außerdem|zudem|hierzu|dabei)\s",
    re.I,
)
# the article and the adjectives before the name: "Der monatliche Stammtisch …"
_LEADING_ARTICLE = re.compile(rf"^(?i:{_ARTICLE})\s+(?:[a-zäöüß][\w-]*\s+)*")
_LEADING_ARTICLE_EN = re.compile(
    r"^(?i:the|our|an?|this\s+year['’]s)\s+(?:[a-z][\w-]*\s+)*"  # "The next meeting"
)
# a name may open with its number: "Der 3. Thüringer Photonik-Tag", "The 5th Annual Summit"
_ORDINAL = re.compile(r"^\d{1,3}(?:\.|st|nd|rd|th)\s+(?:[a-zäöüß][\w-]*\s+)*(?=[A-ZÄÖÜ])")
# "im Bürgerhaus das Frühlingsfest", "das Frühlingsfest im Bürgerhaus"
_PLACE_FIRST = re.compile(
    rf"^(?P<place>(?:im|in|auf|an|am|beim)\s.+?)\s+(?P<subject>{_ARTICLE}\s.+)$", re.I
)
_SUBJECT_FIRST = re.compile(
    rf"^(?P<subject>{_ARTICLE}\s.+?)(?:\s+(?P<place>(?:im|in|auf|an|am|beim)\s.+))?$", re.I
)
_PLACE = re.compile(r"^(?:(?:im|in|auf|an|am|beim)\s+(?:der\s+|dem\s+|den\s+)?)?(?P<place>.+)$")
# Words that name no event of their own: the post's heading says which one it is
_GENERIC = frozenset(
    {
        "veranstaltung",
        "event",
        "termin",
        "treffen",
        "sitzung",
        "feier",
        "meeting",
        "session",
        "demonstration",
        "demo",
        "kundgebung",
        "aktion",
        "versammlung",
    }
)
# "at the Village Hall", "in Lisbon": a capitalised name after the sentence's date
_PLACE_EN = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*)"
)
_MONTHS_EN = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$",
    re.I,
)
_TITLE_WORDS = 10
_PLACE_LENGTH = 80


def events(blocks: list[dom.Block], reference: date | None) -> list[Event]:
    """The events the page's sentences (its blocks, dom.blocks) announce with a date
    ("… findet am … statt")."""
    found = []
    heading = None
    for block in blocks:
        if block.element.tag in dom.HEADINGS:
            heading = block.text
            continue
        if dom.in_chrome(block.element):
            continue
        if not _VERB.search(block.text):
            continue
        for sentence in _sentences(block.text):
            if event := _announced(sentence, reference, heading):
                found.append(event)
    return found


# What gives the further dates of the event a page is about: "Das Reparaturcafé öffnet auch
# am 27. März, 15. Mai und 27. November jeweils von 15.00 bis 18.00 Uhr", "Weitere Termine:
# …", "It meets again on …"
_FURTHER = re.compile(
    r"\b(?:auch|außerdem|ebenso|ebenfalls|zudem|erneut|wieder)\s+(?:am|an\s+den)\b"
    r"|\b(?:weitere|nächste|folgende)n?\s+termine?\b|\bfolgetermine?\b"
    r"|\b(?:also|again)\s+on\b|\b(?:further|next|more)\s+dates\b",
    re.I,
)
_PAST = re.compile(r"\b(?:fand|fanden|war|waren|wurde|wurden|took\s+place|was|were)\b", re.I)


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def further_dates(blocks: list[dom.Block], own: Event, reference: date | None) -> list[Event]:
    """The later days a sentence of the page gives for the page's own event, each an
    occurrence of it with its name and place."""
    first = _day(own.start)
    if first is None:
        return []
    found: list[Event] = []
    days = {first}
    # its name without its first day: "Reparaturcafé am 31. Januar"
    title = residue(own.title or "") or own.title
    for block in blocks:
        if dom.in_chrome(block.element) or dom.in_sidebar(block.element):
            continue
        if not _FURTHER.search(block.text):
            continue
        for sentence in _sentences(block.text):
            if not _FURTHER.search(sentence) or _PAST.search(sentence):
                continue
            for when in _sessions(sentence, reference):
                day = _day(when.start)
                if day is None or day <= first or day in days or when.whole_month:
                    continue
                days.add(day)
                found.append(
                    Event(
                        network="",
                        title=title,
                        **when.fields(),
                        url=own.url,
                        location=own.location,
                        description=sentence,
                        extractor=PROSE,
                    )
                )
    return found


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    sentences, start = [], 0
    for end in _SENTENCE.finditer(text):
        if not _ABBREVIATION.search(text[start : end.start()]):
            sentences.append(text[start : end.start()])
            start = end.end()
    return [*sentences, text[start:]]


def _announced(sentence: str, reference: date | None, heading: str | None) -> Event | None:
    match = _ANNOUNCED.search(sentence)
    if not match:
        return _announced_en(sentence, reference, heading)
    before, between = sentence[: match.start()].strip(), match["between"].strip()
    if _ADVERBIAL.match(before) and not _sessions(before, reference):
        # "Unter diesem Motto findet am 14. September eine Demonstration in Berlin statt":
        # what opens the sentence is no subject; the subject follows the date
        before = ""
    if not before or (_OPENING.match(before) and _sessions(before, reference)):
        # "Am 12. März findet um 18 Uhr im Bürgerhaus das Frühlingsfest statt"
        sessions, rest = _sessions(f"{before} {between}", reference), residue(between)
        parts = _PLACE_FIRST.match(rest) or _SUBJECT_FIRST.match(rest)
        if not parts:
            return None
        subject, place = parts["subject"], parts["place"]
    else:  # "Ein Info- und Austauschabend findet am Montag, den 21. Oktober … statt"
        sessions, place = _sessions(between, reference), residue(between)
        subject = before.rsplit(", ", 1)[-1]  # "Liebe Mitglieder, die Versammlung findet …"
    if not sessions or sessions[0].start is None or sessions[0].whole_month:
        return None
    return _event(_title(subject, heading, _LEADING_ARTICLE), sessions, _place(place), sentence)


def _announced_en(sentence: str, reference: date | None, heading: str | None) -> Event | None:
    """ "The annual meeting will take place on Friday, 12 March at 7 pm in the Village Hall" """
    match = _ANNOUNCED_EN.search(sentence)
    if not match:
        return None
    sessions = _sessions(match["between"], reference)
    if not sessions or sessions[0].start is None or sessions[0].whole_month:
        return None
    subject = sentence[: match.start()].strip().rsplit(", ", 1)[-1]
    places = [
        m["place"].rstrip(".")
        for m in _PLACE_EN.finditer(match["between"])
        if not _MONTHS_EN.match(m["place"].split()[0])
    ]
    title = _title(subject, heading, _LEADING_ARTICLE_EN)
    return _event(title, sessions, _place(places[-1]) if places else None, sentence)


def _event(
    title: str | None, sessions: list[When], place: str | None, sentence: str
) -> Event | None:
    if title is None:
        return None
    return Event(
        network="",
        title=title,
        **sessions[0].fields(),
        location=place,
        description=sentence,
        extractor=PROSE,
    )


def _sessions(text: str, reference: date | None) -> list[When]:
    return parse_sessions(text, reference, "future") if text else []


def _title(subject: str, heading: str | None, article: re.Pattern) -> str | None:
    words = article.sub("", subject.strip(" ,:;–-"))
    if words.casefold() in _GENERIC:
        words = heading or ""
    named = _ORDINAL.sub("", words)
    if not named or not named[0].isupper() or len(words.split()) > _TITLE_WORDS:
        return None  # a clause, not a name: "Wie jedes Jahr findet …"
    if not re.search(r"[^\W\d_]{3,}", words):
        return None
    return words


def _place(text: str | None) -> str | None:
    if not text:
        return None
    match = _PLACE.match(text.strip(" ,.;"))
    place = match["place"] if match else ""
    if len(place) > _PLACE_LENGTH or not place[:1].isupper():
        return None
    return place


_WORD = re.compile(r"[^\W\d_]{4,}")


def retitle(events: list[Event], said: list[Event]) -> None:
    """A list step's event that a sentence announces takes the sentence's name for it when
    its own title shares no word with that name: a news post's heading ("Glasfaser: die
    ersten Anschlüsse sind aktiv") is its topic, not the event its text announces, and the
    sentence itself, which a list's page of one entry takes, is no name. A heading that
    names it too ("1. PARTEI-Stammtisch des OV Lübeck") stays."""
    for event in events:
        for sentence in said:
            if sentence.start != event.start or not sentence.title:
                continue
            named = {w.casefold() for w in _WORD.findall(sentence.title)}
            own = {w.casefold() for w in _WORD.findall(event.title or "")}
            # (a title that says "findet … statt" is the sentence itself, not a name, and
            # so is the place read from it)
            verbatim = bool(
                _ANNOUNCED.search(event.title or "") or _ANNOUNCED_EN.search(event.title or "")
            )
            if verbatim or named and not named & own:
                event.title = sentence.title
            if verbatim and sentence.location or not event.location:
                event.location = sentence.location
            break
