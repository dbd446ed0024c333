"""Europe/Berlin wall-clock time: the one time zone every event is stored in."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def local(moment: datetime) -> datetime:
    """Naive Berlin wall-clock time; naive input is taken to be Berlin time already."""
    if moment.tzinfo is None:
        return moment.replace(second=0, microsecond=0)
    return moment.astimezone(BERLIN).replace(tzinfo=None, second=0, microsecond=0)


def parse_iso(value: str | None) -> date | datetime | None:
    """An ISO 8601 date or date-time as structured data carries it, in Berlin time.

    "2025-05-10" is a date (all day); "2025-05-10T18:00:00+02:00", "...Z" and the
    offset-less "2025-05-10 18:00:00" of The Events Calendar are wall-clock datetimes.
    """
    if not value:
        return None
    text = padded(str(value).strip().replace("Z", "+00:00"))
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return local(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # OverflowError: in Berlin time beyond year 9999
        return None


# EventON writes its numbers unpadded: "2023-4-1T19:00+0:00".
_UNPADDED = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")
_SHORT_OFFSET = re.compile(r"([+-])(\d):(\d\d)$")


def padded(text: str) -> str:
    """An ISO date or date-time with its month, day, hour and offset in two digits."""
    if match := _UNPADDED.match(text):
        text = f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" + text[match.end() :]
        text = re.sub(r"(?<=[T ])(\d)(?=:)", r"0\1", text, count=1)
    return _SHORT_OFFSET.sub(r"\g<1>0\2:\3", text) if len(text) > 10 else text


_DAY = re.compile(r"^\s*((?:19|20)\d\d)-?(\d\d)-?(\d\d)\s*$")


def parse_day(value: str | None) -> date | None:
    """A day as a data attribute names it: "2026-11-05", or compact, "20261105" (Modern
    Events Calendar's data-mec-cell, Contao's ?day=)."""
    match = _DAY.match(value or "")
    try:
        return date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


# A German date in an attribute meant for ISO: <time datetime="05.10.2026 13:30:00">.
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T]+(\d{1,2})[:.](\d\d)(?::\d\d)?)?$")


def parse_machine(value: str | None) -> date | datetime | None:
    """A machine-readable date attribute (`<time datetime>`, `content`): ISO 8601, or a Unix
    timestamp as custom Contao templates print the database's fields (one at midnight
    Berlin time is a day), or a German date and time as themes print them there too."""
    text = (value or "").strip()
    if text.isdigit() and 9 <= len(text) <= 10:
        moment = local(datetime.fromtimestamp(int(text), UTC))
        return moment.date() if (moment.hour, moment.minute) == (0, 0) else moment
    try:
        if german := _GERMAN.match(text):
            day, month, year, hour, minute = german.groups()
            on = date(int(year), int(month), int(day))
            return datetime(on.year, on.month, on.day, int(hour), int(minute)) if hour else on
        return parse_iso(text)
    except (ValueError, OverflowError):
        return None


# A date further than this from the day it was read is a placeholder or a typo ("9999-12-31",
# "0001-01-01"), not an event. Generous on purpose: archives reach back decades, and a CMS's
# own test events sit decades ahead (The Events Calendar's in 2084).
YEARS_AROUND = 100


def implausible(value: date | datetime | None, around: date) -> str | None:
    """Why `value` is no event date, or None when it can be one."""
    if value is None or abs(value.year - around.year) <= YEARS_AROUND:
        return None
    return f"{iso(value)} is more than {YEARS_AROUND} years from {around.isoformat()}"


def iso(value: date | datetime | None) -> str | None:
    """'YYYY-MM-DD' for dates, 'YYYY-MM-DDTHH:MM' for datetimes."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def http_date(header: bytes | str | None) -> datetime | None:
    """An HTTP Date header as an aware UTC datetime; None when unreadable, or too close to
    year 9999 to be converted to Berlin time (a broken server clock)."""
    if not header:
        return None
    if isinstance(header, bytes):
        header = header.decode("latin-1")
    try:
        moment = parsedate_to_datetime(header).astimezone(UTC)
        local(moment)
    except (TypeError, ValueError, OverflowError):
        return None
    return moment


def utc_stamp(moment: datetime) -> str:
    """Second-precision UTC timestamp with a Z, for first_seen, last_seen and run times."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
