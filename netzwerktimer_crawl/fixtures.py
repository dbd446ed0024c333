"""Fixture cases are data: a saved response, its request URL and fetch date, and the expected
output of the spider callback that handles it.

    tests/fixtures/<spider>/<case>/
        meta.json      url, fetched, callback (or errback), status, content_type, modeled, note,
                       and cb_kwargs when the callback takes some (parse_detail's listing)
        body.<ext>     the response body as the site sent it
        stated.json    the events as a person reads them from the body: title, start, and
                       end or status where the page states them; written by hand, never by code
        expected.json  the golden file: every field of every row, {"events", "rejected",
                       "follow"}; rewritten only by `netzwerktimer fixtures --update`, whose
                       diff a person reads before committing

One parametrized test checks every case against both; `netzwerktimer record` writes new
cases with an empty stated.json for a person to fill in.
"""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.spiderloader import SpiderLoader
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import MemoryStatsCollector
from twisted.python.failure import Failure

from netzwerktimer_crawl.pipelines.offline import rows

from .items import Event
from .runner import project_settings

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


@dataclass
class Case:
    folder: Path

    @property
    def spider(self) -> str:
        return self.folder.parent.name

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def meta(self) -> dict:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))

    @property
    def body(self) -> bytes:
        return next(self.folder.glob("body.*")).read_bytes()

    def expected(self) -> dict:
        return json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))

    def stated(self) -> dict:
        return json.loads((self.folder / "stated.json").read_text(encoding="utf-8"))


def cases(root: Path = FIXTURES) -> list[Case]:
    return [Case(meta.parent) for meta in sorted(root.glob("*/*/meta.json"))]


def response(case: Case) -> Response:
    meta = case.meta
    fetched = datetime.fromisoformat(meta["fetched"])  # ISO, e.g. 2026-11-16T08:00:00Z
    headers = Headers({"Date": format_datetime(fetched, usegmt=True),
                       "Content-Type": meta["content_type"]})  # fmt: skip
    cls = responsetypes.from_args(headers=headers, url=meta["url"], body=case.body)
    request = scrapy.Request(meta["url"])
    return cls(url=meta["url"], status=meta.get("status", 200), headers=headers,
               body=case.body, request=request)  # fmt: skip


def spider_for(name: str) -> scrapy.Spider:
    """The spider, bound to a crawler that is never started: callbacks need no engine."""
    settings = project_settings(Path("unused.db"))
    spider_cls = SpiderLoader.from_settings(settings).load(name)
    crawler = Crawler(spider_cls, settings)
    crawler.stats = MemoryStatsCollector(crawler)
    return spider_cls.from_crawler(crawler)


def run(case: Case) -> dict[str, Any]:
    """What the spider makes of the saved response: cleaned events, rejections, follow-ups."""
    spider = spider_for(case.spider)
    meta = case.meta
    answer = response(case)
    if "errback" in meta:
        output = getattr(spider, meta["errback"])(Failure(HttpError(answer)))
    elif answer.status >= 400:
        output = []  # Scrapy's HttpErrorMiddleware keeps error pages from callbacks
    else:
        output = getattr(spider, meta.get("callback", "parse"))(answer, **meta.get("cb_kwargs", {}))
    events, follow = [], []
    for thing in output or ():
        if isinstance(thing, Event):
            events.append(thing)
        elif isinstance(thing, scrapy.Request):
            callback = getattr(thing.callback, "__name__", "parse")
            follow.append({"url": thing.url, "callback": callback})
    kept, rejected = rows(events)
    return {"events": kept, "rejected": rejected, "follow": follow}


def compare(expected: dict, actual: dict) -> list[str]:
    """Differences, field by field, in words a maintainer can act on."""
    diffs = []
    for key in ("events", "rejected", "follow"):
        want, got = expected.get(key, []), actual.get(key, [])
        if len(want) != len(got):
            diffs.append(f"{key}: expected {len(want)}, got {len(got)}")
        for index, (w, g) in enumerate(zip(want, got, strict=False)):
            for field in sorted(set(w) | set(g)):
                if w.get(field) != g.get(field):
                    label = w.get("title") or w.get("url") or index
                    diffs.append(f"{key}[{index}] ({label}) {field}: "
                                 f"expected {w.get(field)!r}, got {g.get(field)!r}")  # fmt: skip
    return diffs


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def check_stated(stated: dict, actual: dict) -> list[str]:
    """Differences from what a person read on the page: each stated event found with its
    title and start (and its end and status where stated), nothing found besides them."""
    if not stated.get("stated_by"):
        return ["stated.json is not filled in yet: write the page's events as you read them"]
    diffs, left = [], list(actual["events"])
    for want in stated["events"]:
        match = next(
            (
                e
                for e in left
                if _flat(e["title"]) == _flat(want["title"]) and e["start"] == want["start"]
            ),
            None,
        )
        if match is None:
            diffs.append(f"not found: {want['title']!r} at {want['start']}")
            continue
        left.remove(match)
        for field in ("end", "status"):
            if field in want and match[field] != want[field]:
                diffs.append(
                    f"{want['title']!r} {field}: stated {want[field]!r}, got {match[field]!r}"
                )
    diffs += [f"not on the page: {e['title']!r} at {e['start']}" for e in left]
    return diffs


def update(case: Case) -> list[str]:
    """Rewrite the case's golden file with what the spider makes of it now; the changes."""
    actual = run(case)
    path = case.folder / "expected.json"
    changes = compare(case.expected(), actual) if path.exists() else ["new golden file"]
    if changes:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changes


def write_case(folder: Path, *, url: str, fetched: str, content_type: str, body: bytes,
               status: int = 200, callback: str | None = "parse", errback: str | None = None,
               cb_kwargs: dict | None = None, modeled: bool, note: str) -> Case:  # fmt: skip
    """A new case folder: its golden file is what the spider makes of it today, and its
    stated.json waits for a person to write the events the page shows."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"url": url, "fetched": fetched, "content_type": content_type, "status": status,
            "modeled": modeled, "note": note}  # fmt: skip
    meta |= {"errback": errback} if errback else {"callback": callback}
    meta |= {"cb_kwargs": cb_kwargs} if cb_kwargs else {}
    (folder / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    (folder / f"body{extension(content_type, url)}").write_bytes(body)
    case = Case(folder)
    update(case)
    stub = {"stated_by": None, "events": [], "notes": "Read body.* and list its events by hand."}
    (folder / "stated.json").write_text(json.dumps(stub, indent=2) + "\n", encoding="utf-8")
    return case


def extension(content_type: str, url: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    guessed = {"text/calendar": ".ics", "application/json": ".json", "text/html": ".html"}
    return guessed.get(kind) or mimetypes.guess_extension(kind) or Path(url).suffix or ".txt"
