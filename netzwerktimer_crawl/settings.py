"""Scrapy settings: polite on the live web, and the pipeline stages in order."""

import os
from pathlib import Path

# The Datasette configuration directory: its copy inside an installed package (pyproject's
# package-dir), or data/ of a checkout; a zipped egg (Scrapyd) has neither on disk.
_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = (_PACKAGE.parent / "data" / "metadata.yml").exists()
DATA_DIR = (
    _PACKAGE / "data" if (_PACKAGE / "data" / "metadata.yml").exists() else _PACKAGE.parent / "data"
)

BOT_NAME = "netzwerktimer"
# Hand-written spiders first; every other enabled registry entry gets a plain one.
SPIDER_MODULES = ["netzwerktimer_crawl.spiders", "netzwerktimer_crawl.registry_spiders"]
NEWSPIDER_MODULE = "netzwerktimer_crawl.spiders"
# `scrapy crawl` exits non-zero on an unhealthy run (commands/crawl.py).
COMMANDS_MODULE = "netzwerktimer_crawl.commands"

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
# No control ports: neither Scrapy's telnet console nor its remote-control HTTP server.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_VERSIONS: list[str] = []  # the versions are in pyproject's pins, not in every log
LOG_FORMATTER = "netzwerktimer_crawl.logs.LogFormatter"
LOG_LEVEL = "INFO"

# Repeated runs ask "changed since?" (If-None-Match / If-Modified-Since) and reuse the page
# on 304. The cache lives beside the catalog (see runner.project_settings).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_IGNORE_HTTP_CODES = [404, 410, 429, 500, 502, 503, 504]
# max-age=0 makes every run revalidate: without it the RFC 2616 heuristic would take a page
# last modified months ago as fresh for days, and a daily crawl would miss changes.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/json,text/calendar;q=0.9,*/*;q=0.8",
    "Accept-Language": "de",
    "Cache-Control": "max-age=0",
}

# The cache sits above the retries (Scrapy puts it at 900, below them): a site that fails is
# retried first, and only then answered from the cache, as an outage (middlewares.HttpCache).
# The retries wait for Retry-After, up to NETZWERKTIMER_RETRY_AFTER_MAX seconds.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "netzwerktimer_crawl.middlewares.HttpCache": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "netzwerktimer_crawl.middlewares.RetryAfterMiddleware": 550,
    "netzwerktimer_crawl.middlewares.TransferStats": 950,
    # Below the cache, so that a cached page keeps the Date it was fetched with.
    "netzwerktimer_crawl.middlewares.ServerClock": 960,
}
NETZWERKTIMER_RETRY_AFTER_MAX = 120
# Above HttpErrorMiddleware (50), which swallows the HTTP errors it sees first.
SPIDER_MIDDLEWARES = {"netzwerktimer_crawl.middlewares.PageFailures": 60}

ITEM_PIPELINES = {
    "netzwerktimer_crawl.pipelines.normalize.NormalizePipeline": 100,
    "netzwerktimer_crawl.pipelines.validate.ValidatePipeline": 200,
    "netzwerktimer_crawl.pipelines.enrich.EnrichPipeline": 250,
    "netzwerktimer_crawl.pipelines.dedupe.DedupePipeline": 300,
    "netzwerktimer_crawl.pipelines.store.StorePipeline": 900,
}

# The catalog: NETZWERKTIMER_DB from the environment (a job server's, a deployment's), else
# data/netzwerktimer.db in a checkout, else ./netzwerktimer.db (an installed package's or an
# egg's own folder is no place for data). A crawl can also set it: -s NETZWERKTIMER_DB=…
NETZWERKTIMER_DB = os.environ.get("NETZWERKTIMER_DB") or str(
    DATA_DIR / "netzwerktimer.db" if _CHECKOUT else Path("netzwerktimer.db").resolve()
)
# How long a crawl waits for another crawl of the same catalog (Scrapyd runs its jobs side by
# side); 0: it stops at once with "another crawl is writing …".
NETZWERKTIMER_LOCK_WAIT = float(os.environ.get("NETZWERKTIMER_LOCK_WAIT", 0))

# Spidermon checks each run when its spider closes; netzwerktimer_crawl/health.py adds the
# comparison with earlier runs.
SPIDERMON_ENABLED = True
EXTENSIONS = {
    "netzwerktimer_crawl.logs.QuietLogs": 0,
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
    "netzwerktimer_crawl.progress.Progress": 600,
}
# The run's stats are in crawl_runs; a dump per spider is noise in the log.
STATS_DUMP = False
SPIDERMON_SPIDER_CLOSE_MONITORS = ("netzwerktimer_crawl.monitors.RunMonitors",)
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
SPIDERMON_MIN_ITEMS = 1
SPIDERMON_MAX_RETRIES = 0  # no page given up on after retries
NETZWERKTIMER_MAX_SPIDER_EXCEPTIONS = 0

# An event all of whose pages went unlisted in this many consecutive healthy runs is missing.
NETZWERKTIMER_MISSING_AFTER = 2
