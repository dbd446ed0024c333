"""The steps of the extraction chain, as `netzwerktimer extract` names them, and how much
each one's values are trusted when two steps found one event (higher wins)."""

TRIBE_API = "tribe-api"
JSON_FEED = "json-feed"
ICAL = "ical"
NEWS_FEED = "rss/atom"
JSON_LD = "json-ld"
MICRODATA = "microdata"
MICROFORMATS = "microformats"
CMS_LISTING = "cms-listing"
GENERIC_RECORDS = "generic-records"
EVENT_PAGE = "event-page"
PROSE = "prose"

TRUST = {
    TRIBE_API: 3,
    JSON_FEED: 3,
    ICAL: 3,
    NEWS_FEED: 3,
    JSON_LD: 3,
    MICRODATA: 3,
    MICROFORMATS: 3,
    CMS_LISTING: 2,
    EVENT_PAGE: 1,
    GENERIC_RECORDS: 1,
    PROSE: 0,
    "html": 1,
}
