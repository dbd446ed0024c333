"""Replays saved pages of the partner sites over real HTTP on 127.0.0.1.

Each spider's folder has a manifest.json mapping each URL to a file, its content type, HTTP
status and capture date; a page may add response headers ("headers", e.g. Retry-After) or
model an outage ("reset": the connection closes without an answer). The server sends the
capture date as the Date header, so the crawl infers years and "upcoming" from it exactly
as from a live fetch. `ReplayDownloadHandler` sends the spiders' requests for the real hosts
to this server instead; everything above it (robots.txt, redirects, offsite, pipelines) sees
the real URLs.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from w3lib.url import canonicalize_url

SNAPSHOTS = Path(__file__).with_name("snapshots")
URL_HEADER = "X-Replay-Url"


@dataclass(frozen=True)
class Page:
    url: str
    file: str
    content_type: str
    captured: datetime
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False


class Manifest:
    """All pages of the snapshot folders: one folder per spider, each with a manifest.json."""

    def __init__(self, folder: Path = SNAPSHOTS):
        self.folder = folder
        self.pages: dict[str, Page] = {}
        self.sites: dict[str, dict] = {}
        for path in sorted(folder.glob("*/manifest.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            self.sites[path.parent.name] = data
            for entry in data["pages"]:
                self.pages[canonicalize_url(entry["url"])] = Page(
                    url=entry["url"],
                    file=f"{path.parent.name}/{entry['file']}",
                    content_type=entry["content_type"],
                    captured=datetime.fromisoformat(entry.get("captured", data["captured"])),
                    status=entry.get("status", 200),
                    headers=entry.get("headers", {}),
                    reset=entry.get("reset", False),
                )
        if not self.pages:
            raise FileNotFoundError(f"no */manifest.json with pages under {folder}")
        self.modeled = any(site["modeled"] for site in self.sites.values())
        self.captured = max(page.captured for page in self.pages.values())

    def find(self, url: str) -> Page | None:
        return self.pages.get(canonicalize_url(url))


class _Handler(BaseHTTPRequestHandler):
    manifest: Manifest
    answered: list[tuple[float, str]]

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = self.headers.get(URL_HEADER, "")
        self.answered.append((time.monotonic(), url))
        page = self.manifest.find(url)
        if page is not None and page.reset:
            self.close_connection = True  # no answer at all: the client sees a lost connection
            return
        if page is None:
            body, status, content_type = b"not in the snapshots\n", 404, "text/plain"
            captured = self.manifest.captured
        else:
            body = (self.manifest.folder / page.file).read_bytes()
            status, content_type, captured = page.status, page.content_type, page.captured
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, body = 304, b""  # unchanged since the crawler's last visit
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Date", format_datetime(captured, usegmt=True))
        # Validators: repeated runs send If-None-Match and get 304 for unchanged pages.
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", format_datetime(captured, usegmt=True))
        for name, value in (page.headers if page else {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    # BaseHTTPRequestHandler would add a Date header of its own (the wall clock).
    def send_response(self, code: int, message: str | None = None) -> None:
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Server", "netzwerktimer-replay")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class ReplayServer:
    """A real HTTP server on an ephemeral loopback port, for as long as the `with` lasts."""

    def __init__(self, folder: Path = SNAPSHOTS):
        self.manifest = Manifest(folder)
        self.answered: list[tuple[float, str]] = []  # (time.monotonic(), URL) of each request
        handler = type("Handler", (_Handler,), {"manifest": self.manifest,
                                                "answered": self.answered})  # fmt: skip
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # shutdown() waits for the server's next poll, by default up to 0.5 s per crawl.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def address(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ReplayServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class ReplayDownloadHandler(HTTP11DownloadHandler):
    """Downloads http(s) URLs from the replay server named by the NETZWERKTIMER_REPLAY setting."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.replay = crawler.settings["NETZWERKTIMER_REPLAY"]

    async def download_request(self, request: Request) -> Response:
        local = request.replace(url=self.replay + "/replay", headers=request.headers.copy())
        local.headers[URL_HEADER] = request.url
        response = await super().download_request(local)
        return response.replace(url=request.url, request=request)


def replay_settings(address: str) -> dict:
    """Settings that send a crawl to the replay server at `address`, without throttling."""
    handler = "netzwerktimer_crawl.replay.ReplayDownloadHandler"
    return {
        "NETZWERKTIMER_REPLAY": address,
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
    }
