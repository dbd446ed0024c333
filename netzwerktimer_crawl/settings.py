"""Scrapy settings: polite on the live web, and the pipeline stages in order."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

BOT_NAME = "netzwerktimer"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Identify ourselves, obey robots.txt, and keep to a few requests per site at a time.
USER_AGENT = (
    "netzwerktimer/0.1 (+https://www.netzwerktimer-thueringen.de/; events of the CCIT networks)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.store.StorePipeline": 900,
}

NETZWERKTIMER_DB = str(DATA_DIR / "netzwerktimer.db")
