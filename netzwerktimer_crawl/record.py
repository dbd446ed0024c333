"""`netzwerktimer record SPIDER`: fetch the pages a spider requests and keep them, as the
spider's demo snapshots and as new fixture cases, so a redesigned site is refreshed with one
command. The recorded cases' expected output is what the spider makes of them now: review it.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from . import fixtures, runner
from .berlin import http_date

RECORD_SETTING = "NETZWERKTIMER_RECORD_INTO"


@dataclass
class Recorded:
    url: str
    aliases: list[str]
    status: int
    content_type: str
    fetched: datetime
    body: bytes
    callback: str | None
    errback: str | None


class RecordMiddleware:
    """Keeps every final response (after redirects and retries) the crawl receives."""

    def __init__(self, crawler: Crawler):
        self.pages: list[Recorded] = []
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        self.into = Path(crawler.settings[RECORD_SETTING])

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        self.pages.append(
            Recorded(
                url=response.url,
                aliases=[u for u in request.meta.get("redirect_urls", []) if u != response.url],
                status=response.status,
                content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
                fetched=http_date(response.headers.get("Date")) or datetime.now(UTC),
                body=response.body,
                callback=getattr(request.callback, "__name__", "parse"),
                errback=getattr(request.errback, "__name__", None),
            )
        )
        return response

    def spider_closed(self) -> None:
        # The crawl's process hands its pages to record() through a scratch file.
        self.into.write_bytes(pickle.dumps(self.pages))


def _file_name(index: int, url: str, content_type: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", url.split("://", 1)[-1].lower()).strip("-")[:60]
    return f"{index:02d}-{slug}{fixtures.extension(content_type, url)}"


def record(
    spider: str, snapshots: Path, fixture_root: Path, overrides: dict | None = None
) -> list[Path]:
    """Crawl `spider`, replace its snapshot folder, add one fixture case per page."""
    with tempfile.TemporaryDirectory() as scratch:
        into = Path(scratch) / "pages.pickle"
        settings = {
            RECORD_SETTING: str(into),
            "DOWNLOADER_MIDDLEWARES": runner.project_settings(Path(scratch) / "record.db").getdict(
                "DOWNLOADER_MIDDLEWARES"
            )
            | {"netzwerktimer_crawl.record.RecordMiddleware": 50},
        } | (overrides or {})
        runner.crawl([spider], Path(scratch) / "record.db", settings)
        pages: list[Recorded] = pickle.loads(into.read_bytes()) if into.exists() else []
    if not pages:
        raise RuntimeError(
            f"{spider}: nothing was fetched, nothing recorded (offline, or the site is down?)"
        )

    day = min(p.fetched for p in pages).strftime("%Y-%m-%d")
    folder = snapshots / spider
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    entries = []
    for index, page in enumerate(pages):
        name = _file_name(index, page.url, page.content_type)
        (folder / name).write_bytes(page.body)
        for url in [page.url, *page.aliases]:
            entries.append(
                {
                    "url": url,
                    "file": name,
                    "content_type": page.content_type,
                    "captured": page.fetched.isoformat(),
                    "status": page.status,
                }
            )
    manifest = {
        "modeled": False,
        "note": f"Captured from the live site by `netzwerktimer record {spider}` on {day}.",
        "captured": min(p.fetched for p in pages).isoformat(),
        "pages": entries,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")

    cases = []
    for index, page in enumerate(pages):
        if not (page.callback or page.errback) or page.url.endswith("/robots.txt"):
            continue
        case = fixtures.write_case(
            fixture_root / spider / f"recorded-{day}-{index:02d}",
            url=page.url,
            fetched=page.fetched.isoformat().replace("+00:00", "Z"),
            content_type=page.content_type,
            body=page.body,
            status=page.status,
            callback=page.callback,
            errback=page.errback if page.status >= 400 else None,
            modeled=False,
            note=f"Captured from the live site by `netzwerktimer record {spider}` on {day}.",
        )
        cases.append(case.folder)
    return cases
