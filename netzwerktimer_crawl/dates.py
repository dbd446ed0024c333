"""Read the date and time of an event from German listing text.

``parse_when("Mi, 24.08.2022, 14:30 – 16:30 Uhr")`` gives
``When(start=datetime(2022, 8, 24, 14, 30), end=datetime(2022, 8, 24, 16, 30), all_day=False)``.

How it works, in three steps:

1. Normalise: NFC, layout characters (NBSP, soft hyphen, zero-width space, dash variants)
   mapped to plain ASCII, lower case.
2. Scan: one compiled regular expression, assembled from the named pieces below, cuts the
   text into tokens (dates, month words, times, bare numbers, range separators). Text between
   two tokens is a *gap*; a gap is *soft* when it holds only punctuation and filler words
   ("Mittwoch, den", "am", "um", "von", "Beginn:" ...).
3. Combine: a small grammar over the tokens joins neighbours with soft gaps into one
   expression: ``date [times] [sep date [times]]``, ``day sep date`` ("3.–5. Juni"),
   ``time date`` ("ab 18 Uhr am 10.05."), ``month [sep month]`` ("SEP/OKT 2016"). The first
   expression in reading order wins.

Values are naive Europe/Berlin wall-clock times; a missing year comes from ``reference`` (never
from the clock). dateparser is deliberately not used as a fallback: its search mistakes ordinary
words and numbers for dates, and it is ~30x slower than this module.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

__all__ = [
    "WEEKDAYS",
    "TimeSpan",
    "When",
    "find_times",
    "parse_sessions",
    "parse_when",
    "residue",
    "whole_month",
]

BERLIN = ZoneInfo("Europe/Berlin")

# Four-digit numbers outside this window are order numbers, postcodes or phone prefixes.
MIN_YEAR, MAX_YEAR = 1900, 2199


@dataclass(frozen=True, slots=True)
class When:
    """A point or span in naive Europe/Berlin local time.

    ``start``/``end`` are ``date`` when ``all_day`` and ``datetime`` otherwise; ``end`` is
    None for a single point and never before ``start``.

    Open spans: "noch bis 25. Oktober" names only an end (``open_start``, ``start`` None):
    the event is running and its first day is not on the page. "ab Mai 2020" names only a
    start (``open_end``): it has no stated end, which is not the same as lasting one day.
    """

    start: date | None
    end: date | None = None
    all_day: bool = True
    open_start: bool = False
    open_end: bool = False

    @property
    def whole_month(self) -> bool:
        """A month and nothing finer ("September", "Mai 2020"): no event's day."""
        return whole_month(self.start, self.end)

    def fields(self) -> dict[str, object]:
        """The span as an Event's fields (items.Event): start, end, all_day and the opens."""
        return {"start": self.start, "end": self.end, "all_day": self.all_day,
                "open_start": self.open_start, "open_end": self.open_end}  # fmt: skip

    @property
    def day(self) -> date | None:
        """The first day: the start's date."""
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def start_iso(self) -> str | None:
        return None if self.start is None else _iso(self.start)

    @property
    def end_iso(self) -> str | None:
        return None if self.end is None else _iso(self.end)

    def iso(self) -> tuple[str, str | None]:
        """``("YYYY-MM-DD", ...)`` for all-day, ``("YYYY-MM-DDTHH:MM", ...)`` for timed."""
        return self.start_iso, self.end_iso


def whole_month(start: date | None, end: date | None) -> bool:
    """Whether a span of days is exactly one calendar month, 1st to last."""
    if type(start) is not date or type(end) is not date:
        return False
    return start.day == 1 and start.month == end.month and (end + timedelta(days=1)).day == 1


def _iso(value: date) -> str:
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, datetime):
        text += f"T{value.hour:02d}:{value.minute:02d}"
    return text


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    # German full names and the abbreviations calendar plugins print, ASCII spellings of
    # umlauts, Austrian "Jänner"/"Feber", and English names (a few sites are bilingual);
    # the neighbours' below (Dutch, French, Swedish: venues across the border, partners'
    # sister clusters), their names that no German or English word shares.
    "januar": 1, "jänner": 1, "jaenner": 1, "janner": 1, "january": 1, "jan": 1,
    "februar": 2, "feber": 2, "february": 2, "febr": 2, "feb": 2,
    "märz": 3, "maerz": 3, "marz": 3, "march": 3, "mrz": 3, "mär": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "december": 12, "dez": 12, "dec": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "mrt": 3, "mei": 5, "augustus": 8,
    # fr
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3,
    "avril": 4, "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # sv
    "maj": 5, "augusti": 8,
}  # fmt: skip

# Each weekday word with its number (Monday 0), to check a year-less date against it.
_WEEKDAY_NUMBER: dict[str, int] = {
    word: number
    for number, words in enumerate(
        (
            # German, English; Dutch, French, Swedish but for abbreviations that are words
            # here ("wo", "mar", "sam", "tor")
            "montag mo monday mon maandag ma lundi lun måndag mån",
            "dienstag di tuesday tue tues dinsdag mardi tisdag tis",
            "mittwoch mi wednesday wed woensdag mercredi mer onsdag ons",
            "donnerstag do thursday thu thur thurs donderdag jeudi jeu torsdag",
            "freitag fr friday fri vrijdag vr vendredi ven fredag fre",
            "samstag sonnabend sa saturday sat zaterdag za samedi lördag lör",
            "sonntag so sunday sun zondag zo dimanche söndag sön",
        )
    )
    for word in words.split()
}
_WEEKDAYS = list(_WEEKDAY_NUMBER)
WEEKDAYS = tuple(_WEEKDAYS)  # German and English weekday names and abbreviations
MONTHS = tuple(_MONTHS)  # German and English month names and abbreviations
MONTH_NUMBERS = dict(_MONTHS)  # each of them (lower case) with its month's number

# Words that may sit between a date and its time or between the two ends of a range without
# changing the meaning ("Mittwoch, den 14.10. um 18 Uhr", "in der Zeit von 9 bis 12 Uhr").
_FILLER_WORDS = (
    _WEEKDAYS
    + (
        "am an den dem der um ab von vom in im zeit zum zur jeweils einschließlich "
        "einschliesslich einschl inkl inklusive uhr uur uhrzeit beginn start einlass datum termin "
        "wann ca gegen om kl klockan"
    ).split()
    # an end that is none: "18:00 – open end Sektempfang"
    + ["open end", "open-end", "ende offen", "offenes ende"]
    # a time still to come: "Adventskonzert am 29. November, Uhrzeit folgt"
    + ["uhrzeit folgt", "zeit folgt", "beginn folgt", "uhrzeit noch offen", "time tba", "time tbc"]
)


_FILLER_SET = frozenset(_FILLER_WORDS)
# Between a date and its time only, never cut from a title ("Treffpunkt Bibliothek"):
# "10.10.2026<br>Treffpunkt jeweils 8:00 Uhr am Vereinsheim"
_GAP_WORDS = [*_FILLER_WORDS, "treffpunkt"]
_LIST_MARKS = frozenset({";", "|", "·", "•"})  # between a list's days without times


def _alternation(words: list[str] | dict[str, int]) -> str:
    # Longest first, so "märz" is tried before "mär" and "sept" before "sep".
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_NOT_AFTER_LETTER = r"(?<![^\W\d_])"  # no letter right before ("Mai", not "Kaimai")
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"  # no letter right after ("Mai", not "Mail")
_MONTH = rf"(?:{_alternation(_MONTHS)}){_NOT_BEFORE_LETTER}"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MON = r"(?:0?[1-9]|1[0-2])"
_HOUR = r"(?:[01]?\d|2[0-4])"
_FIRST = r"(?<=(?<!\d)1)er"  # French "1er juillet"
# A number that is not the tail of another one ("1.200", "19,50", the seconds of "19:30:00").
_NUM_START = r"(?<![\d.,])(?<!\d:)"

# --------------------------------------------------------------------------------------------
# Token grammar: one named piece per form, examples beside it. Order matters: at a given
# position the first piece that matches wins, so the more specific forms come first.
# --------------------------------------------------------------------------------------------

_PIECES: dict[str, str] = {
    # 2025-05-10, 2025-05-10T18:00, 2025-05-10T18:00:00+02:00, 2025-05-10T16:00:00.000Z
    "ISO": r"""
        (?<![\d.])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})
        (?:t(?P<iso_h>\d{1,2}):(?P<iso_min>\d{2})(?::\d{2}(?:[.,]\d+)?)?
           (?P<iso_tz>z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?
        (?!\d)""",
    # 7.9.2022, 07.09.22, 07.09., 24. 08. 2025, "Termin:07.09.2022Ort", the "12.05" of
    # "12.05 - 14.05.2025" (the missing dot only before a range, else "10.10 Uhr" is a time)
    "NUMDATE": rf"""
        (?<![\d.])(?P<nd_d>{_DAY})\.\ ?(?P<nd_m>{_MON})
        (?:\.|(?=\s*(?:-|bis)\s*{_DAY}\.\ ?{_MON}\.))
        (?:\ ?(?P<nd_y4>\d{{4}})(?!\d) | (?P<nd_y2>\d\d)(?![\d:]))?   # 2022 | 22 (not 18:00)
        (?!\d)""",
    # 04/05/2019, 4/5/2019: day first unless the page is US English (see parse_when); the
    # Dutch and Danish 01-09-2018, 1-12-2017, with hyphens and its year in full
    "SLASHDATE": r"""
        (?<![\d./])(?P<sd_a>\d{1,2})
        (?:/(?P<sd_b>\d{1,2})/(?P<sd_y>\d{4}|\d\d)(?![\d/])
         |(?<!-\d)(?<!-\d\d)-(?P<sd_hb>\d{1,2})-(?P<sd_hy>\d{4})(?![\d-]))""",
    # 17-Feb-2018, 24-Mai-2019: a table's day, month and year joined by hyphens
    "DASHDATE": rf"""
        (?<![\d.-])(?P<dd_d>{_DAY})-(?P<dd_m>{_MONTH})\.?-(?P<dd_y>\d{{4}}|\d\d)(?![\d-])""",
    # 3. Juni 2025, 3.Juni, 03. Sept., 12. Mai, 2025, 1. Mrz.2025, 12th May 2025
    "TEXTDATE": rf"""
        (?<![\d.])(?P<td_d>{_DAY})(?:\.|st|nd|rd|th|{_FIRST})?\s*(?P<td_m>{_MONTH})\.?
        (?:\s*,?\s*(?P<td_y>\d{{4}})(?!\d))?""",
    # a weekday heading whose date lacks its closing dot: "Donnerstag 17.4 - Slam Poetry",
    # "Sa_27.06." (with the dot, NUMDATE would read it too; the weekday makes it a date)
    "WDNUMDATE": rf"""
        {_NOT_AFTER_LETTER}(?:{_alternation(_WEEKDAYS)})\.?,?[\s_]*
        (?P<wn_d>{_DAY})\.(?P<wn_m>{_MON})
        (?:\.\ ?(?P<wn_y4>\d{{4}})(?!\d) | \.(?P<wn_y2>\d\d)(?![\d:.]) | \.(?!\d) | (?![.\d]))
        (?!\s*(?:uhr|uur|h){_NOT_BEFORE_LETTER})""",
    # a weekday heading with a comma for the day's dot: "Samstag, 30, September"
    "WDTEXTDATE": rf"""
        {_NOT_AFTER_LETTER}(?:{_alternation(_WEEKDAYS)})\.?,?[\s_]*
        (?P<wt_d>{_DAY})\s*[.,]\s*(?P<wt_m>{_MONTH})\.?(?:\s*,?\s*(?P<wt_y>\d{{4}})(?!\d))?""",
    # a day range in English order: Nov. 5-7, 2025; Juni 3 - 5; March 17th - 20th, 2016
    "ENGRANGE": rf"""
        {_NOT_AFTER_LETTER}(?P<er_m>{_MONTH})\.?\s*(?P<er_d1>{_DAY})(?P<er_o1>st|nd|rd|th|\.)?
        \s*(?P<er_sep>-|&|(?:bis|to|and|und){_NOT_BEFORE_LETTER})\s*
        (?P<er_d2>{_DAY})
        # not "Mai 10 - 12 Uhr", "Dec 5 to 7 pm"; an ordinal ends the day ("20th: …")
        (?:(?:st|nd|rd|th){_NOT_BEFORE_LETTER}
         |\.?(?![\d:]|\.\d|\s*(?:uhr|uur|h|[ap]\.?\ ?m\.?){_NOT_BEFORE_LETTER}))
        (?:\s*,?\s*(?P<er_y>\d{{4}})(?!\d))?""",
    # English order as calendar plugins print it: Okt. 16 2019, Mai 10 @ 18:00, Oktober 16, 2019
    "ENGDATE": rf"""
        {_NOT_AFTER_LETTER}(?P<ed_m>{_MONTH})\.?\s*
        (?P<ed_d>{_DAY})
        # an ordinal ends the day ("Oct 4th: Salle 314"); else not "Mai 10 Uhr", "Mai 10:00"
        (?:(?:st|nd|rd|th){_NOT_BEFORE_LETTER}|\.?(?![\d:]|\.\d|\s*(?:uhr|uur|h){_NOT_BEFORE_LETTER}))
        (?:\s*,?\s*(?P<ed_y>\d{{4}})(?!\d))?""",
    # Oktober 2024, Okt. 2024, "OKT 2016" (the second half of "SEP/OKT 2016")
    "MONTHYEAR": rf"""
        {_NOT_AFTER_LETTER}(?P<my_m>{_MONTH})\.?\s*,?\s*(?P<my_y>\d{{4}})(?!\d)""",
    # September, Sept., SEP (a heading, or the first half of a month range)
    "MONTHWORD": rf"{_NOT_AFTER_LETTER}(?P<mw_m>{_MONTH})\.?",
    # 18:00, 18.00, 19:30:00, 18:00 Uhr, 9.30h, 20.00h, 1:00 pm, 10:00 a.m. ("10:00 am
    # Bahnhof" is German: "am" counts as a.m. only where no word follows it)
    "TIMEHM": rf"""
        {_NUM_START}(?P<hm_h>{_HOUR})[:.](?P<hm_m>[0-5]\d)(?::[0-5]\d)?(?!\d)
        (?:\s*(?:uhr|uur|h){_NOT_BEFORE_LETTER}
         |\s*(?P<hm_ap>p\.\ ?m\.?|pm|a\.\ ?m\.?|am(?!\s*[^\W_])){_NOT_BEFORE_LETTER})?""",
    # 18 Uhr, 18h, 18 h, 18h30, 22h, 7 pm, 7 p.m., 10am (a spaced "10 am" may be German),
    # 12 noon
    "TIMEH": rf"""
        {_NUM_START}(?P<th_h>{_HOUR})\s*
        (?:(?:uhr|uur|h)(?:(?P<th_m>[0-5]\d)(?!\d))?|(?P<th_ap>p\.\ ?m\.?|pm|a\.\ ?m\.?|(?<=\d)am)
         |(?<=12)\s*(?:noon|midday))
        {_NOT_BEFORE_LETTER}""",
    # "Noon – 1 p.m."
    "NOON": rf"{_NOT_AFTER_LETTER}(?:noon|midday){_NOT_BEFORE_LETTER}",
    # the "3." of "3.–5. Juni", the "20th" of "20th to 22nd December"
    "DAY": rf"{_NUM_START}(?P<day>{_DAY})(?:\.|(?:st|nd|rd|th|{_FIRST}){_NOT_BEFORE_LETTER})(?!\d)",
    # a bare number: the "9" of "von 9 bis 15 Uhr" or "14 bis 16"
    "NUM": rf"{_NUM_START}(?P<num>\d{{1,2}})(?![.,:]?\d)",
    # range separators: bis, und, u., "Beginn: … Ende: …", to; and - – — (all "-" by now), &, /
    # and the neighbours' "au", "tot", "t/m" and "à" ("14h à 16h", "mars à 20h")
    "SEPWORD": rf"{_NOT_AFTER_LETTER}(?:bis|und|u\.|ende|to|and|au|tot|t/m|à){_NOT_BEFORE_LETTER}",
    # not a doubled "//": a theme's divider ("08. Dezember // 18:00"), a soft gap
    "SEPCHAR": r"[-&]|(?<!/)/(?!/)",
    # ganztägig, ganztaegig, ganztags
    "ALLDAY": rf"{_NOT_AFTER_LETTER}(?:ganzt(?:ä|ae|a)gig\w*|ganztags){_NOT_BEFORE_LETTER}",
}


def _scanner() -> re.Pattern[str]:
    # Speed: the engine tries every piece at every position of the text. Grouping the pieces
    # by the character they start with lets a position inside a number or a word, or on a
    # letter no token starts with, fail after one cheap test instead of fourteen.
    words = [*_MONTHS, *_WEEKDAYS, *"bis und u. ende to and au à ganzt noon midday".split()]
    initials = "".join(sorted({w[0] for w in words}))
    by_start = {
        r"(?<![\d])(?=\d)": [
            "ISO", "SLASHDATE", "DASHDATE", "NUMDATE", "TEXTDATE", "TIMEHM", "TIMEH", "DAY",
            "NUM",
        ],
        rf"{_NOT_AFTER_LETTER}(?=[{initials}])": [
            "WDNUMDATE", "WDTEXTDATE", "ENGRANGE", "ENGDATE", "MONTHYEAR", "MONTHWORD",
            "SEPWORD", "ALLDAY", "NOON",
        ],
        "": ["SEPCHAR"],
    }  # fmt: skip
    assert sorted(sum(by_start.values(), [])) == sorted(_PIECES)
    return re.compile(
        "|".join(
            f"{guard}(?:{'|'.join(f'(?P<{name}>{_PIECES[name]})' for name in names)})"
            for guard, names in by_start.items()
        ),
        re.VERBOSE,
    )


_SCANNER = _scanner()

# A soft gap: layout punctuation and filler words only (no digits, no other words).
_SOFT_GAP = re.compile(
    rf"""(?:
        [\s,;:|@()\[\]{{}}.*•·"'„“”‚‘’«»>_/]
      | {_NOT_AFTER_LETTER}(?:{_alternation(_GAP_WORDS)}){_NOT_BEFORE_LETTER}
    )*""",
    re.VERBOSE,
)

# "Version 3.10." or "Industrie 4.0." end like a year-less date; the word before tells.
_NOT_A_DATE_BEFORE = re.compile(
    rf"(?:{_NOT_AFTER_LETTER}(?:version|v|release|industrie|kapitel|abschnitt|nr|nummer"
    r"|ziffer|punkt|stufe|teil|band|heft|ausgabe|level)|§)\.?\s*$"
)

_HAS_DIGIT = re.compile(r"\d")

_LAYOUT = str.maketrans(
    {
        **dict.fromkeys("\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007", " "),
        **dict.fromkeys("\u2008\u2009\u200a\u202f\u205f\u3000", " "),
        **dict.fromkeys("\xad\u200b\u200c\u200d\u2060\ufeff\u180e"),  # invisible: delete
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)

# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

_DATE, _MONTHTOK, _TIME, _DAYTOK, _NUM, _SEP, _ALLDAY, _BAD = range(8)


class _Tok(NamedTuple):
    kind: int
    start: int
    end: int
    # DATE: (year|None, month, day); MONTH: (year|None, month, 0); DAY/NUM: (None, None, n)
    ymd: tuple[int | None, int | None, int] = (None, None, 0)
    minutes: int | None = None  # TIME, or the time carried by an ISO date-time
    form: str = ""  # DATE: the scanner piece that produced it; SEP: the separator text


_MDAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    if len(text) == 2:  # 07.09.22: a two-digit year is this century up to 69
        y = int(text)
        return 2000 + y if y < 70 else 1900 + y
    return int(text)


def _date_token(m: re.Match[str], form: str, y: int | None, mon: int, d: int) -> _Tok:
    ok = d <= _MDAYS[mon] if y is None else _valid(y, mon, d)
    return _Tok(_DATE if ok else _BAD, m.start(), m.end(), (y, mon, d), None, form)


def _valid(y: int, mon: int, d: int) -> bool:
    if not MIN_YEAR <= y <= MAX_YEAR or not 1 <= mon <= 12 or d < 1:
        return False
    if mon == 2 and d == 29:
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return d <= _MDAYS[mon]


def _tok_iso(m: re.Match[str], s: str) -> _Tok:
    y, mon, d = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
    if not _valid(y, mon, d):
        return _Tok(_BAD, m.start(), m.end())
    if m["iso_h"] is None:
        return _Tok(_DATE, m.start(), m.end(), (y, mon, d), None, "ISO")
    h, mi = int(m["iso_h"]), int(m["iso_min"])
    if h > 24 or mi > 59 or (h == 24 and mi):
        return _Tok(_BAD, m.start(), m.end())
    local = datetime(y, mon, d) + timedelta(hours=h, minutes=mi)
    tz = m["iso_tz"]
    if tz:  # an offset is an instant: express it as Berlin wall-clock time
        if tz == "z":
            offset = timedelta(0)
        else:
            sign = -1 if tz[0] == "-" else 1
            offset = sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:]))
        aware = (local - offset).replace(tzinfo=UTC)
        local = aware.astimezone(BERLIN).replace(tzinfo=None)
    if not MIN_YEAR <= local.year <= MAX_YEAR:
        return _Tok(_BAD, m.start(), m.end())
    return _Tok(
        _DATE,
        m.start(),
        m.end(),
        (local.year, local.month, local.day),
        local.hour * 60 + local.minute,
        "ISO",
    )


def _tok_numdate(m: re.Match[str], s: str) -> _Tok:
    y = _year(m["nd_y4"] or m["nd_y2"])
    if y is None and _NOT_A_DATE_BEFORE.search(s, max(0, m.start() - 12), m.start()):
        return _Tok(_BAD, m.start(), m.end())
    return _date_token(m, "NUMDATE", y, int(m["nd_m"]), int(m["nd_d"]))


def _tok_wdnumdate(m: re.Match[str], s: str) -> _Tok:
    y = _year(m["wn_y4"] or m["wn_y2"])
    return _date_token(m, "NUMDATE", y, int(m["wn_m"]), int(m["wn_d"]))


def _tok_wdtextdate(m: re.Match[str], s: str) -> _Tok:
    return _date_token(m, "TEXTDATE", _year(m["wt_y"]), _MONTHS[m["wt_m"]], int(m["wt_d"]))


def _tok_slashdate(m: re.Match[str], s: str, month_first: bool = False) -> _Tok:
    a, b = int(m["sd_a"]), int(m["sd_b"] or m["sd_hb"])
    day, month = (b, a) if month_first else (a, b)
    if not 1 <= month <= 12:
        return _Tok(_BAD, m.start(), m.end())
    return _date_token(m, "NUMDATE", _year(m["sd_y"] or m["sd_hy"]), month, day)


def _tok_dashdate(m: re.Match[str], s: str) -> _Tok:
    return _date_token(m, "TEXTDATE", _year(m["dd_y"]), _MONTHS[m["dd_m"]], int(m["dd_d"]))


def _tok_textdate(m: re.Match[str], s: str) -> _Tok:
    return _date_token(m, "TEXTDATE", _year(m["td_y"]), _MONTHS[m["td_m"]], int(m["td_d"]))


def _tok_engdate(m: re.Match[str], s: str) -> _Tok:
    return _date_token(m, "ENGDATE", _year(m["ed_y"]), _MONTHS[m["ed_m"]], int(m["ed_d"]))


def _tok_engrange(m: re.Match[str], s: str) -> list[_Tok]:
    # One match, three tokens, so that the grammar sees an ordinary "date sep date".
    y, mon = _year(m["er_y"]), _MONTHS[m["er_m"]]
    # its ordinal's letters are the first date's ("March 17th - 20th")
    first_end = m.end("er_o1") if m["er_o1"] and m["er_o1"] != "." else m.end("er_d1")
    first = _date_token(m, "ENGDATE", y, mon, int(m["er_d1"]))._replace(end=first_end)
    second = _date_token(m, "ENGDATE", y, mon, int(m["er_d2"]))._replace(start=m.start("er_d2"))
    sep = _Tok(_SEP, m.start("er_sep"), m.end("er_sep"), form=m["er_sep"])
    return [first, sep, second]


def _tok_monthyear(m: re.Match[str], s: str) -> _Tok:
    y = int(m["my_y"])
    if not MIN_YEAR <= y <= MAX_YEAR:
        return _Tok(_BAD, m.start(), m.end())
    return _Tok(_MONTHTOK, m.start(), m.end(), (y, _MONTHS[m["my_m"]], 0))


def _tok_monthword(m: re.Match[str], s: str) -> _Tok:
    return _Tok(_MONTHTOK, m.start(), m.end(), (None, _MONTHS[m["mw_m"]], 0))


def _tok_time(
    m: re.Match[str], s: str, hour: str, minute: str | None, meridiem: str | None = None
) -> _Tok:
    h, mi = int(hour), int(minute or 0)
    if meridiem and h > 12:  # "19:00 am": a 24-hour clock, the "am" is German
        meridiem = None
    if meridiem:  # 12-hour clock: 12:30 pm is 12:30, 12:30 am is 0:30, 1 pm is 13:00
        if h == 0:
            return _Tok(_BAD, m.start(), m.end())
        h = h % 12 + (12 if meridiem[0] == "p" else 0)
    if h == 24 and mi:
        return _Tok(_BAD, m.start(), m.end())
    return _Tok(_TIME, m.start(), m.end(), minutes=h * 60 + mi, form="ap" if meridiem else "")


def _tok_timehm(m: re.Match[str], s: str) -> _Tok:
    return _tok_time(m, s, m["hm_h"], m["hm_m"], m["hm_ap"])


def _tok_timeh(m: re.Match[str], s: str) -> _Tok:
    return _tok_time(m, s, m["th_h"], m["th_m"], m["th_ap"])


def _tok_noon(m: re.Match[str], s: str) -> _Tok:
    return _Tok(_TIME, m.start(), m.end(), minutes=12 * 60, form="ap")


def _tok_day(m: re.Match[str], s: str) -> _Tok:
    return _Tok(_DAYTOK, m.start(), m.end(), (None, None, int(m["day"])))


def _tok_num(m: re.Match[str], s: str) -> _Tok:
    return _Tok(_NUM, m.start(), m.end(), (None, None, int(m["num"])))


# The neighbours' separators as the ones they mean: "to" joins two ends but, unlike "bis",
# opens no lone end (a place "Au" before a day is none); "à" joins a day to its time as "-"
_SEP_AS = {"au": "to", "tot": "to", "t/m": "to", "à": "-"}


def _tok_sep(m: re.Match[str], s: str) -> _Tok:
    return _Tok(_SEP, m.start(), m.end(), form=_SEP_AS.get(m.group(), m.group()))


def _tok_allday(m: re.Match[str], s: str) -> _Tok:
    return _Tok(_ALLDAY, m.start(), m.end())


_BUILDERS: dict[str, Callable[[re.Match[str], str], _Tok | list[_Tok]]] = {
    "ISO": _tok_iso,
    "SLASHDATE": _tok_slashdate,
    "DASHDATE": _tok_dashdate,
    "NUMDATE": _tok_numdate,
    "WDNUMDATE": _tok_wdnumdate,
    "WDTEXTDATE": _tok_wdtextdate,
    "TEXTDATE": _tok_textdate,
    "ENGRANGE": _tok_engrange,
    "ENGDATE": _tok_engdate,
    "MONTHYEAR": _tok_monthyear,
    "MONTHWORD": _tok_monthword,
    "TIMEHM": _tok_timehm,
    "TIMEH": _tok_timeh,
    "NOON": _tok_noon,
    "DAY": _tok_day,
    "NUM": _tok_num,
    "SEPWORD": _tok_sep,
    "SEPCHAR": _tok_sep,
    "ALLDAY": _tok_allday,
}
assert _BUILDERS.keys() == _PIECES.keys()

# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------

_PREFERENCES = frozenset({"nearest", "future", "past"})
_MAX_HEADING = 60  # a text without digits can only be a month heading ("September"), short


class TimeSpan(NamedTuple):
    """A time of day without its date, in minutes after midnight (1440 = 24 Uhr)."""

    start: int
    end: int | None = None

    def on(self, day: date) -> When:
        """The span on a given day; an end before the start is on the next day."""
        begin = _at(day, self.start)
        stop = None if self.end is None else _at(day, self.end)
        if stop is not None and stop < begin:
            stop += timedelta(days=1)
        return When(begin, stop, False)


def parse_when(
    text: str,
    reference: date | datetime | None = None,
    prefer: str = "nearest",
    *,
    month_first: bool = False,
) -> When | None:
    """Find the first date expression in ``text``; None when it holds no date.

    ``reference`` supplies missing years (the page's fetch date or its month heading);
    without it a text without a year gives None. ``prefer`` picks that year: ``"nearest"``
    to the reference, ``"future"`` (on or after it, for upcoming listings) or ``"past"``
    (on or before it, for archives); a weekday on the page ("Samstag, 16. Dezember") picks
    the year in which the date falls on it. ``month_first`` reads "05/04/2019" as 4 May,
    as US English pages mean it. A registration deadline ("Anmeldung bis 01.09.") is not
    the event's date and is skipped.
    """
    sessions = parse_sessions(text, reference, prefer, month_first=month_first)
    return sessions[0] if sessions else None


def parse_sessions(
    text: str,
    reference: date | datetime | None = None,
    prefer: str = "nearest",
    *,
    month_first: bool = False,
) -> list[When]:
    """The first date expression of ``text`` once per session it lists: "Sonntag,
    31. Dezember 09:45 – 11:30 und 14:00 – 15:45 Uhr" is two Whens on one day. Doors
    followed by the start ("Einlass: 19.15 Uhr, Beginn: 20.00 Uhr") is the start; so is a
    meeting point's or a registration's time ("Treff: 12:30 Uhr, Beginn: 13 Uhr")."""
    if isinstance(text, str):
        text = _DOORS_THEN_START.sub(lambda m: " " * len(m[0]), text)
    grammar = _grammar(text, reference, prefer, month_first)
    return grammar.run() if grammar else []


_AND = ("und", "&", "u.", "and")
_BETWEEN = re.compile(r"(?:zwischen|between)\s*(?:etwa|ca\.?|circa|about|around)?\s*$", re.I)
_DOORS_THEN_START = re.compile(
    r"(?:einlass|einlaß|saalöffnung|türöffnung|doors(?:\s+open)?|treff(?:punkt|en)?"
    r"|registrierung|anmeldung|registration|check-in)\s*:?\s*(?:ab|um|from|at)?\s*"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:uhr|h|pm|am)?[\s,;|/·–-]*"
    # the start's time follows: "Treffpunkt 9 Uhr, Start: Parkplatz" says where it starts
    r"(?=(?:beginn|konzertbeginn|vorstellungsbeginn|start|show|showtime)\b\W*(?:ab|um|at)?\s*\d)",
    re.I,
)


def find_times(text: str) -> list[TimeSpan]:
    """Every explicit time of day in ``text``, in reading order, for a record whose day
    comes from elsewhere (a day heading, the page's URL).

    "Hinterhof Bar ab 19.30 Uhr | Slam ab 20.00 Uhr" gives 19:30 and 20:00, "1:00 pm to
    2:00 pm" one span. Explicit means "18:00", "18 Uhr", "9.30h", "7 pm", a dotted "18.00"
    only after a time word (ab, um, von, Beginn …) or inside a range, and a bare number only
    as the start of a range that ends in an explicit time ("von 9 bis 15 Uhr"). Prices
    ("19.50 €") and counts ("6-11 Jahre") are not times.
    """
    grammar = _grammar(text, None, "nearest", False)
    return grammar.times() if grammar else []


# An opening quote where a date was cut stays: "12.03. „Faust“ – Premiere" is „Faust“ – …
_EDGE = re.compile(
    rf"""^(?:[\s,;:|@()\[\]{{}}.*•·”’»>_/!?&+–—-]
      | {_NOT_AFTER_LETTER}(?:{_alternation(_FILLER_WORDS)}){_NOT_BEFORE_LETTER})+""",
    re.VERBOSE,
)
_EDGE_END = re.compile(
    rf"""(?:[\s,;:|@(\[{{*•·"'„“‚‘«<_/&+-]
      | {_NOT_AFTER_LETTER}(?:{_alternation(_FILLER_WORDS)}){_NOT_BEFORE_LETTER})+$""",
    re.VERBOSE,
)
_DATEISH = frozenset({_DATE, _TIME, _MONTHTOK, _ALLDAY})
_JOINERS = frozenset({_SEP, _DAYTOK, _NUM})


def residue(text: str) -> str:
    """The text less its date and time expressions and the filler words around them:
    "Sa_27.06.   Sommerfest im Hof" → "Sommerfest im Hof", "Samstag, 23. Dezember 19:45 –
    21:30 Uhr ICE – Disco" → "ICE – Disco". What is left may be a title."""
    if not isinstance(text, str):
        return ""
    s = text.lower()
    if len(s) != len(text):  # a case mapping changed the length: offsets would not match
        return text.strip()
    grammar = _grammar(text, None, "nearest", False)
    cut = _cuts(grammar) if grammar is not None else []
    if not cut:
        return " ".join(text.split())
    bounds = [0, *(edge for span in cut for edge in span), len(text)]
    parts = [
        _trim(text[bounds[k] : bounds[k + 1]], head=k > 0, tail=k < len(bounds) - 2)
        for k in range(0, len(bounds), 2)
    ]
    return " ".join(part for part in parts if part)


def before_date(text: str) -> str:
    """What the text says before its first date: "Xamarin, 29.06.2016 um 19:00 Uhr in …"
    → "Xamarin"; "" when it opens with its date."""
    if not isinstance(text, str) or len(text.lower()) != len(text):
        return ""
    grammar = _grammar(text, None, "nearest", False)
    cut = _cuts(grammar) if grammar is not None else []
    return _trim(text[: cut[0][0]], head=False) if cut else ""


def _cuts(grammar: _Grammar) -> list[tuple[int, int]]:
    """Where the text's date and time expressions stand, with what joins them."""
    cut: list[tuple[int, int]] = []
    run: list[_Tok] = []

    def close() -> None:
        while run and run[-1].kind in _JOINERS:
            run.pop()
        if any(t.kind in _DATEISH for t in run):
            cut.append((run[0].start, run[-1].end))
        run.clear()

    for i, tok in enumerate(grammar.toks):
        if tok.kind in _DATEISH or tok.kind in _JOINERS:
            if run and not grammar.soft[i]:
                close()
            if run or tok.kind in _DATEISH or tok.kind == _DAYTOK:
                run.append(tok)
        else:
            close()
    close()
    return cut


def _trim(part: str, head: bool = True, tail: bool = True) -> str:
    """The part less filler words and punctuation where it touched a cut date."""
    lowered = part.lower()
    start = m.end() if head and (m := _EDGE.match(lowered)) else 0
    end = m.start() if tail and (m := _EDGE_END.search(lowered, start)) else len(part)
    return " ".join(part[start:end].split())


def _grammar(text: object, reference: object, prefer: object, month_first: bool) -> _Grammar | None:
    if not isinstance(text, str):
        return None
    if not _HAS_DIGIT.search(text) and len(text) > _MAX_HEADING:
        return None
    if isinstance(reference, datetime):
        reference = reference.date()
    elif not isinstance(reference, date):
        reference = None
    s = _normalize(text)
    toks: list[_Tok] = []
    for m in _SCANNER.finditer(s):
        name = m.lastgroup
        if name == "SLASHDATE":
            tok: _Tok | list[_Tok] = _tok_slashdate(m, s, month_first)
        else:
            tok = _BUILDERS[name](m, s)  # type: ignore[index]
        if tok.__class__ is list:
            toks.extend(tok)  # type: ignore[arg-type]
        else:
            toks.append(tok)  # type: ignore[arg-type]
    if not toks:
        return None
    return _Grammar(s, toks, reference, prefer if prefer in _PREFERENCES else "nearest")


def _normalize(text: str) -> str:
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):  # "Ma\u0308rz" from macOS editors
            text = unicodedata.normalize("NFC", text)
        text = text.translate(_LAYOUT)
    if "&" in text and ";" in text:  # "&nbsp;", "&ndash;" left in scraped text
        text = html.unescape(text).translate(_LAYOUT)
    if ".." in text:  # dotted leaders, as wide as they are: "Samstag, 25. April 2015......9.30 Uhr"
        text = _LEADERS.sub(lambda m: " " * len(m[0]), text)
    return text.lower()


_LEADERS = re.compile(r"\.{2,}")


# --------------------------------------------------------------------------------------------
# Grammar over tokens
# --------------------------------------------------------------------------------------------

_Ymd = tuple[int | None, int | None, int]  # day 0 = last day of the month
_Times = tuple[int | None, int | None]  # (start, end) in minutes after midnight; 1440 = 24 Uhr

_WORD = re.compile(r"[^\W\d_]+")
# Words before a date that make it a deadline, not the event's day.
_DEADLINE = re.compile(
    # a deadline's own noun, then up to seven words of one clause, no number among them:
    # "Bewerbungsschluss für den Preis des Netzwerks ist der 15.12.", not "Anmeldeschluss:
    # 3. Mai, Tagung am 12. Mai"
    r"(?:(?:anmelde|bewerbungs|einsende|melde|buchungs|registrierungs)(?:schluss|frist)"
    r"|deadline)[^\w.!?;]+(?:[^\W\d]\w*[^\w.!?:;,]+){0,7}$"
    # a word of registration, then up to two words: "Anmeldung bis", "Bewerbungen bitte bis
    # zum", "melden Sie sich bis" (an); not "Anmeldung zum Workshop am 12.03."
    r"|(?:anmeld\w*|melden|bewerbung\w*|frühbucher\w*|fruehbucher\w*|registration|register|rsvp)"
    r"\W+(?:\w+\W+){0,2}$"
)
_SINCE = re.compile(r"(?<![^\W\d_])(?:seit|since)(?:\s+(?:dem|den|der))?\s*$")
# Words that make a dotted "18.00" a time of day rather than an amount.
_TIME_WORDS = frozenset(
    "ab um von bis beginn start einlass ca gegen zeit uhrzeit ende from at doors".split()
)
# Between a date and its time, prose may hold this many words ("findet von", "zu Nikolaus").
_PROSE_WORDS = 4
_PROSE_BREAK = re.compile(r"[.!?;\n]")


class _Grammar:
    __slots__ = ("s", "toks", "n", "soft", "ref", "prefer", "all_day")

    def __init__(self, s: str, toks: list[_Tok], ref: date | None, prefer: str) -> None:
        self.s, self.toks, self.n, self.ref, self.prefer = s, toks, len(toks), ref, prefer
        gap = _SOFT_GAP.fullmatch
        prev = 0
        soft = []
        for tok in toks:
            soft.append(gap(s, prev, tok.start) is not None)
            prev = tok.end
        self.soft = soft  # soft[i]: the gap before toks[i] holds only fillers
        self.all_day = any(t.kind == _ALLDAY for t in toks)  # "ganztägig" overrides times

    def at(self, i: int, kind: int) -> bool:
        """toks[i] exists, is of this kind and joins its predecessor."""
        return i < self.n and self.toks[i].kind == kind and self.soft[i]

    def gap(self, i: int) -> str:
        """The text between toks[i - 1] and toks[i]."""
        return self.s[self.toks[i - 1].end if i else 0 : self.toks[i].start]

    def run(self) -> list[When]:
        for i, tok in enumerate(self.toks):
            kind = tok.kind
            if kind in (_DATE, _DAYTOK, _MONTHTOK) and self.deadline(i):
                continue
            if kind == _DATE:
                found = self.open_start(i) or self.date_list(i) or self.date_chain(i)
            elif kind == _DAYTOK:
                found = self.day_list(i) or self.day_range(i)
            elif kind == _NUM:
                found = self.day_list(i) or self.day_range(i) or self.time_first(i)
            elif kind == _TIME:
                found = self.time_first(i)
            elif kind == _MONTHTOK:
                found = self.month_range(i)
            else:
                continue
            if found:
                return found if isinstance(found, list) else [found]
        return []

    def deadline(self, i: int) -> bool:
        """Date token i is a deadline: "Anmeldung bis 01.09.", "Anmeldeschluss: 3. Mai"."""
        start = self.toks[i].start
        if i and self.toks[i - 1].kind == _SEP and self.soft[i]:
            start = self.toks[i - 1].start  # "Anmeldung bis": the words before the "bis"
        if _SINCE.search(self.s, max(0, start - 12), start):
            return True  # "seit dem 1. Juni 2014 ein Büro": since then, no day of an event
        return _DEADLINE.search(self.s, max(0, start - 70), start) is not None

    def times(self) -> list[TimeSpan]:
        """Explicit times of day in reading order (see find_times)."""
        found = []
        i = 0
        while i < self.n:
            kind = self.toks[i].kind
            span = self.time_span(i, bare=False, joined=False) if kind in (_TIME, _NUM) else None
            if span is None or not self.explicit(i, span[0]):
                i += 1
                continue
            j, (start, end) = span
            found.append(TimeSpan(start, end))  # type: ignore[arg-type]
            i = j
        return found

    def explicit(self, i: int, j: int) -> bool:
        """toks[i:j] is a time of day, not an amount: a colon, "Uhr"/"h", am/pm, a time word
        before it, or a range of two clock times."""
        clocks = [t for t in self.toks[i:j] if t.kind == _TIME]
        if any(":" in self.s[t.start : t.end] or self.s[t.end - 1].isalpha() for t in clocks):
            return True
        words = _WORD.findall(self.gap(i)[-12:])
        return bool(words and words[-1] in _TIME_WORDS) or len(clocks) == 2

    def weekday(self, i: int) -> int | None:
        """The weekday named right before (or in) date token i: "Samstag, 16. Dezember"."""
        tok = self.toks[i]
        begin = max(self.toks[i - 1].end if i else 0, tok.start - 30)
        if not self.soft[i]:
            begin = tok.start
        days = [_WEEKDAY_NUMBER[w] for w in _WORD.findall(self.s[begin : tok.end])
                if w in _WEEKDAY_NUMBER]  # fmt: skip
        return days[-1] if days else None

    def open_start(self, i: int) -> When | None:
        """A lone end, "noch bis 25. Oktober": the event is running."""
        if not (i and self.toks[i - 1].kind == _SEP and self.toks[i - 1].form == "bis"):
            return None
        if i > 1 and self.toks[i - 2].kind != _SEP and self.soft[i - 1]:
            return None  # "3. bis 5." was tried as a range already
        if not self.soft[i]:
            return None
        end = self.date_chain(i)
        if not isinstance(end, When) or end.start is None:
            return None
        last = end.end or end.start
        return When(None, last, end.all_day, open_start=True)

    # -- forms --------------------------------------------------------------------------

    def date_chain(self, i: int, pre: _Times = (None, None)) -> When | list[When] | None:
        """date [times] [sep date [times]]: "10.05.2025 18:00–11.05.2025 12:00".

        A single day may list further sessions ("09:45 – 11:30 und 14:00 – 15:45 Uhr"),
        returned as one When each.
        """
        first = self.toks[i]
        weekday = self.weekday(i)
        j, times1 = self.times_after(i + 1, first.minutes)
        if self.at(j, _SEP) and self.at(j + 1, _DATE):
            second = self.toks[j + 1]
            _, times2 = self.times_after(j + 2, second.minutes)
            if times1 == (None, None) and times2 == (None, None):
                times1 = pre
            if self.toks[j].form in _AND and (
                two := self.two_days(i, first.ymd, times1, second.ymd, times2, weekday)
            ):
                return two
            return self.build(first.ymd, times1, second.ymd, times2, weekday)
        if times1 == (None, None) and pre == (None, None) and first.minutes is None:
            # prose between the day and its time: "am 6. Dezember zu Nikolaus: 17–18 Uhr"
            span = self.time_span(j, bare=False, joined=False) if self.prose(j) else None
            if span is not None:
                j, times1 = span
        if times1 == (None, None):
            times1 = pre
        when = self.build(first.ymd, times1, None, (None, None), weekday)
        if when is None or times1[1] is None:
            return when
        sessions = [when]
        while True:  # only spans join as sessions: "18:00, Beginn 19:00" is one event
            k = j + 1 if self.at(j, _SEP) and self.toks[j].form in _AND else j
            span = self.time_span(k, bare=False) if k == j + 1 or self.toks_punct(j) else None
            if span is None or span[1][1] is None or not isinstance(when.start, datetime):
                return sessions
            j = span[0]
            sessions.append(TimeSpan(*span[1]).on(when.start.date()))  # type: ignore[arg-type]

    def date_list(self, i: int) -> list[When] | None:
        """date, date [, …] [und date] [jeweils] [times]: "24.08., 31.08. und 07.09.2027,
        jeweils 18–20 Uhr" is three sessions, each at the times that follow the last day
        unless it states its own. A day without a year takes the next one's. Two days
        joined by "und" alone stay a span for date_chain ("10. und 11. Mai")."""
        items: list[tuple[int, _Times]] = []
        k, commas, slashes = i, 0, 0
        while True:
            j, times = self.times_after(k + 1, self.toks[k].minutes)
            items.append((k, times))
            # "12.03., 23.04."; a club's "12.03. | 23.04. | 28.05.2026", but not a timed
            # date then another: "So, 04.01.2026, 19:00 Uhr | Mo, 05.01.2026"
            mark = self.gap(j).strip() if self.at(j, _DATE) else None
            if mark == "," or (mark in _LIST_MARKS and times == (None, None)):
                k, commas = j, commas + 1
            elif (self.at(j, _SEP) and self.toks[j].form in _AND
                  and self.at(j + 1, _DATE) and not self.gap(j).strip()):  # fmt: skip
                k = j + 1
            elif self.at(j, _SEP) and self.toks[j].form == "/" and self.at(j + 1, _DATE):
                k, slashes = j + 1, slashes + 1  # "15. April/20. Mai/17. Juni"
            else:
                break
        # two slashes at least: "30./31.12." and "SEP/OKT" are spans
        if len(items) < 2 or not (commas or slashes >= 2):
            return None
        shared = items[-1][1]
        if all(self.toks[k].ymd[0] is None for k, _ in items):
            return self.rising(items, shared)
        sessions = []
        year: int | None = None  # of the next day that states one, and its month
        year_month = 0
        for k, times in reversed(items):
            y, m, d = self.toks[k].ymd
            if y is None and year is not None:  # "28.12., 04.01.2027": December before
                y = year if (m or 0) <= year_month else year - 1
            if y is not None:
                year, year_month = y, m or 0
            when = self.build((y, m, d), times if times != (None, None) else shared, None,
                              (None, None))  # fmt: skip
            if when is None:
                return None
            sessions.append(when)
        return sessions[::-1]

    def rising(self, items: list[tuple[int, _Times]], shared: _Times) -> list[When] | None:
        """Days without any year, in the order a list gives them ("auch am 27. März,
        15. Mai, 18. September …"): the first in the year nearest the reference, each
        next one on or after the one before it, never a year back."""
        sessions: list[When] = []
        for k, times in items:
            y, m, d = self.toks[k].ymd
            if sessions and m is not None:
                before = sessions[-1].start
                before = before.date() if isinstance(before, datetime) else before
                y = before.year + ((m, d) < (before.month, before.day))  # type: ignore[union-attr]
            when = self.build((y, m, d), times if times != (None, None) else shared, None,
                              (None, None))  # fmt: skip
            if when is None:
                return None
            sessions.append(when)
        return sessions

    def toks_punct(self, j: int) -> bool:
        """The gap before toks[j] is punctuation only (no filler words)."""
        return j < self.n and not _WORD.search(self.gap(j)) and self.soft[j]

    def prose(self, j: int) -> bool:
        """The gap before toks[j] is a few words of one sentence."""
        if j >= self.n:
            return False
        gap = self.gap(j)
        words = [w for w in _WORD.findall(gap) if w not in _FILLER_SET]
        return len(gap) <= 40 and len(words) <= _PROSE_WORDS and not _PROSE_BREAK.search(gap)

    def day_list(self, i: int) -> list[When] | None:
        """days, … und date: "5., 12. und 19. Dezember, jeweils 18 Uhr", "5, 12 and 19
        December" are three sessions in the last one's month, at the times after it; days in
        a row without a start time of their own are one span."""
        kind, days, j = self.toks[i].kind, [self.toks[i].ymd[2]], i + 1
        while self.at(j, kind) and self.gap(j).strip() == ",":
            days.append(self.toks[j].ymd[2])
            j += 1
        if len(days) < 2 or not (self.at(j, _SEP) and self.toks[j].form in _AND):
            return None
        last = self.toks[j + 1] if self.at(j + 1, _DATE) else None
        if last is None or last.form != "TEXTDATE" and kind == _NUM:
            return None  # "5, 12 and 19" need a written month: "5, 12 and 19.03." is vague
        _, shared = self.times_after(j + 2, last.minutes)
        end = self.build(last.ymd, shared, None, (None, None))
        if end is None or end.start is None or days != sorted(set(days)):
            return None
        day = end.start.date() if isinstance(end.start, datetime) else end.start
        if days[-1] >= day.day:
            return None
        if [*days, day.day] == list(range(days[0], day.day + 1)) and not (
            shared[0] is not None and shared[1] is None
        ):  # days in a row, as two_days has it: "3., 4. und 5. März" is one span
            span = self.build((day.year, day.month, days[0]), (None, None), last.ymd, shared)
            return [span] if span else None
        sessions = [self.build((day.year, day.month, d), shared, None, (None, None)) for d in days]
        if any(when is None for when in sessions):
            return None
        return [*sessions, end]  # type: ignore[list-item]

    def day_range(self, i: int) -> When | list[When] | None:
        """day sep date: "3.–5. Juni 2025", "16. bis 25.09.2020", "10./11. Mai"; two days
        joined by "und", "&" or "/" may be two sessions (two_days)."""
        if not (self.at(i + 1, _SEP) and self.at(i + 2, _DATE)):
            return None
        end = self.toks[i + 2]
        # A bare number only before a written month ("3-5 Juni"); "6-11.05." is too vague.
        if end.form != "TEXTDATE" and (end.form != "NUMDATE" or self.toks[i].kind == _NUM):
            return None
        _, times2 = self.times_after(i + 3, None)
        if self.toks[i + 1].form in (*_AND, "/") and (
            two := self.two_days(i, self.toks[i].ymd, (None, None), end.ymd, times2)
        ):
            return two
        return self.build(self.toks[i].ymd, (None, None), end.ymd, times2)

    def two_days(
        self,
        i: int,
        p1: _Ymd,
        times1: _Times,
        p2: _Ymd,
        times2: _Times,
        weekday: int | None = None,
    ) -> list[When] | None:
        """Two days joined by "und", "&" or "and": two sessions at their times ("4. und 11.
        März, 18–21 Uhr"; "18. & 19. Juni, 20 Uhr", two evenings), unless they are two days
        in a row with a time that ends, a span ("10. und 11. Mai, 9–17 Uhr"), or none."""
        if _BETWEEN.search(self.gap(i)):
            return None  # "zu sehen zwischen 3. und 28. Februar": a span
        shared = times2 if times2 != (None, None) else times1
        last = self.build(p2, shared, None, (None, None))
        if last is None or last.start is None:
            return None
        y, m, d = p1
        end_day = last.start.date() if isinstance(last.start, datetime) else last.start
        m = m if m is not None else end_day.month
        y = y if y is not None else end_day.year - (m > end_day.month)
        own = times1 if times1 != (None, None) else shared
        begin = self.build((y, m, d), own, None, (None, None), weekday)
        if begin is None or begin.start is None:
            return None
        begin_day = begin.start.date() if isinstance(begin.start, datetime) else begin.start
        if begin_day >= end_day:
            return None
        in_a_row = (end_day - begin_day).days == 1
        if in_a_row and not (shared[0] is not None and shared[1] is None):
            return None
        return [begin, last]

    def time_first(self, i: int) -> When | list[When] | None:
        """times date: "ab 18 Uhr am 10.05.2025"."""
        span = self.time_span(i, bare=False, joined=False)
        if span is None or span[0] >= self.n or self.toks[span[0]].kind != _DATE:
            return None
        if not (self.soft[span[0]] or self.prose(span[0])):  # "10:00 am Bahnhof, 12.05."
            return None
        return self.date_chain(span[0], pre=span[1])

    def month_range(self, i: int) -> When | None:
        """month [sep month]: "Oktober 2024", "SEP/OKT 2016", "Oktober 2024 – März 2025"."""
        first = self.toks[i]
        last = first
        j = i + 1
        if self.at(j, _SEP) and self.at(j + 1, _MONTHTOK):
            last = self.toks[j + 1]
            j += 2
        if self.at(j, _DATE) or (self.at(j, _DAYTOK) and self.at(j + 1, _SEP)):
            # "Oktober 2024: 16.10. Stammtisch": the month is a heading for the date after it
            y, m, _ = last.ymd if last.ymd[0] is not None else first.ymd
            if y is not None:  # its year wins over the page's
                self.ref, self.prefer = date(y, m, 15), "nearest"  # type: ignore[arg-type]
            return None
        if first.ymd[0] is None and last.ymd[0] is None and not self.is_heading():
            return None  # a lone month word inside running text: "Jan Müller", "Mai-Treffen"
        y2, m2, _ = last.ymd
        words = _WORD.findall(self.gap(i)[-8:])
        if last is first and words and words[-1] == "ab":  # "ab Mai 2020": from then on
            begin = self.build(first.ymd[:2] + (1,), (None, None), None, (None, None))
            return begin and When(begin.start, None, True, open_end=True)
        return self.build(first.ymd[:2] + (1,), (None, None), (y2, m2, 0), (None, None))

    def is_heading(self) -> bool:
        """The text is just a month heading: "September", "Okt./Nov." (fillers allowed)."""
        return (
            all(t.kind in (_MONTHTOK, _SEP) for t in self.toks)
            and all(self.soft)
            and _SOFT_GAP.fullmatch(self.s, self.toks[-1].end) is not None
        )

    # -- times --------------------------------------------------------------------------

    def times_after(self, j: int, start: int | None) -> tuple[int, _Times]:
        """Times following a date; returns the index after them and (start, end)."""
        if start is not None:  # an ISO date-time: only an end time may follow
            if self.at(j, _SEP) and self.at(j + 1, _TIME):
                return j + 2, (start, self.toks[j + 1].minutes)
            return j, (start, None)
        span = self.time_span(j, bare=True)
        if span is None and self.at(j, _SEP) and self.toks[j].form in ("-", "/"):
            # sf_event_mgt prints "10.05.2025 - 18:00": date and start time, not a range
            span = self.time_span(j + 1, bare=False)
        if span is None:
            return j, (None, None)
        return span

    def time_span(self, j: int, bare: bool, joined: bool = True) -> tuple[int, _Times] | None:
        """TIME [sep TIME|hour] | hour sep TIME | hour sep hour (only if ``bare``).

        "18:00", "14:30 – 16:30 Uhr", "von 9 bis 15 Uhr", "18 - 20 Uhr", "14 bis 16",
        "1 - 3 pm". ``joined``: the span must join the token before it.
        """
        if j >= self.n or (joined and not self.soft[j]):
            return None
        tok = self.toks[j]
        if tok.kind == _TIME:
            start = tok.minutes
        elif tok.kind in (_NUM, _DAYTOK) and tok.ymd[2] <= 24:
            start = tok.ymd[2] * 60
        else:
            return None
        end = None
        # "14:00 and 19:30" are two shows; "between 2 and 4 pm", "zwischen 14 und 16 Uhr" a span
        joined = self.at(j + 1, _SEP) and self.toks[j + 1].form in ("und", "and")
        if joined and not _BETWEEN.search(self.gap(j)):
            pass
        elif self.at(j + 1, _SEP) and j + 2 < self.n and self.soft[j + 2]:
            nxt = self.toks[j + 2]
            if nxt.kind == _TIME:
                end = nxt.minutes
            elif nxt.kind in (_NUM, _DAYTOK) and nxt.ymd[2] <= 24 and self.ends_number(nxt):
                if tok.kind == _TIME or bare:
                    end = nxt.ymd[2] * 60
        if start is None or start >= 1440:
            return None
        nxt = self.toks[j + 2] if end is not None else None
        if nxt and nxt.form == "ap" and tok.form != "ap" and start < 720 <= start + 720 <= end:
            start += 720  # "1 - 3 pm": the start shares the end's afternoon
        if tok.kind != _TIME:
            if end is None:
                return None  # a bare number alone is no time
            return j + 3, (start, end)
        return (j + 3, (start, end)) if end is not None else (j + 1, (start, None))

    def ends_number(self, tok: _Tok) -> bool:
        """A bare hour must not run into a word: "14 bis 16" yes, "6-11 Jahre" no."""
        rest = self.s[tok.end : tok.end + 2].lstrip()
        return not rest or not rest[0].isalpha()

    # -- assembling ---------------------------------------------------------------------

    def build(
        self,
        p1: _Ymd,
        times1: _Times,
        p2: _Ymd | None,
        times2: _Times,
        weekday: int | None = None,
    ) -> When | None:
        y1, m1, d1 = p1
        if p2 is None:
            if y1 is None:
                if self.ref is None:
                    return None
                span = self.pick(lambda y: (_mkdate(y, m1, d1), None), weekday)
                if span is None:
                    return None
                start = span[0]
            else:
                start = _mkdate(y1, m1, d1)
            if start is None:
                return None
            return self.timed(start, None, times1, times2)

        y2, m2, d2 = p2
        if m2 is None:
            return None
        if m1 is None:  # "3.–5. Juni": the start day borrows the end's month
            m1 = m2
            if d1 > _day_key(d2):  # "28.–3.1.": the previous month
                m1 = 12 if m2 == 1 else m2 - 1
        # When one side lacks its year it is on the side that keeps end >= start.
        wraps = (m2, _day_key(d2)) < (m1, d1)
        if y1 is None and y2 is None:
            if self.ref is None:
                return None
            span = self.pick(lambda y: (_mkdate(y, m1, d1), _mkdate(y + wraps, m2, d2)), weekday)
            if span is None:
                return None
            start, end = span
        else:
            if y1 is None:
                y1 = y2 - wraps  # type: ignore[operator]
            elif y2 is None:
                y2 = y1 + wraps
            start, end = _mkdate(y1, m1, d1), _mkdate(y2, m2, d2)  # type: ignore[arg-type]
        if start is None:
            return None
        return self.timed(start, end, times1, times2)

    def pick(
        self, make: Callable[[int], tuple[date | None, date | None]], weekday: int | None = None
    ) -> tuple[date, date | None] | None:
        """Choose the year for a year-less date or span as ``prefer`` asks; among those, one
        whose start falls on the weekday the page names wins."""
        ref, prefer = self.ref, self.prefer
        assert ref is not None
        for spread in (1, 8):  # 8: the next 29 February may be that far off
            best: tuple[tuple[bool, int], tuple[date, date | None]] | None = None
            for y in range(ref.year - spread, ref.year + spread + 1):
                start, end = make(y)
                if start is None:
                    continue
                last = end or start
                if prefer == "future":
                    if last < ref:  # an event still running counts as upcoming
                        continue
                    key = (start - ref).days
                elif prefer == "past":
                    if start > ref:
                        continue
                    key = (ref - start).days
                elif start <= ref <= last:
                    key = 0
                else:
                    key = min(abs((start - ref).days), abs((last - ref).days))
                rank = (weekday is not None and start.weekday() != weekday, key)
                if best is None or rank < best[0]:
                    best = (rank, (start, end))
            if best is not None:
                return best[1]
        return None

    def timed(self, start: date, end: date | None, times1: _Times, times2: _Times) -> When:
        t1, t2 = times1
        t3, t4 = times2
        if end is not None and end < start:
            end = None
        if end is None:
            if t1 is None or self.all_day:
                return When(start, None, True)
            begin = _at(start, t1)
            stop = None if t2 is None else _at(start, t2)
            if stop is not None and stop < begin:  # "22–2 Uhr", "bis 0.00 Uhr": next day
                stop += timedelta(days=1)
            return When(begin, stop, False)
        if t1 is not None:  # each date its own time: "10.05. 18:00 – 11.05. 12:00"
            a, b = t1, t4 if t4 is not None else t3 if t3 is not None else t2
        else:  # times after the range apply to it: "3.–5. Juni, 9–17 Uhr"
            a, b = t3, t4
        if a is None or self.all_day:
            return When(start, end, True)
        begin = _at(start, a)
        # Without an end time the span runs to the end of its last day.
        stop = _at(end, b) if b is not None else _at(end + timedelta(days=1), 0)
        return When(begin, stop if stop >= begin else None, False)


def _day_key(d: int) -> int:
    return 32 if d == 0 else d


def _mkdate(y: int, m: int | None, d: int) -> date | None:
    if m is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if d == 0:  # last day of the month
        d = _MDAYS[m] if m != 2 else 28 + _valid(y, 2, 29)
    return date(y, m, d) if _valid(y, m, d) else None


def _at(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)
