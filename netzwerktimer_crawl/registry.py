"""The partner networks, read from networks.json (data, not code)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

# The bundled registry, read as package data (it works from a wheel or a zipped egg too);
# NETZWERKTIMER_REGISTRY names another file, e.g. a test's or a deployment's own.
REGISTRY_ENV = "NETZWERKTIMER_REGISTRY"


@dataclass(frozen=True)
class Network:
    """A registry line. Only slug, name and website are needed: the events page, feeds and
    API are found from the website, and the domains are the website's host."""

    slug: str
    name: str
    website: str | None
    full_name: str | None = None
    sector: str | None = None
    city: str | None = None
    events_url: str | None = None
    domains: tuple[str, ...] = ()
    cms: str | None = None
    enabled: bool = True
    # Why a network is not crawled (no confirmed website, no spider yet).
    reason: str | None = None

    @classmethod
    def from_entry(cls, entry: dict) -> Network:
        domains = tuple(entry.get("domains") or ())
        if not domains and entry.get("website"):
            host = (urlsplit(entry["website"]).hostname or "").lower()
            domains = (host.removeprefix("www."),)
        return cls(
            **{**entry, "domains": domains, "full_name": entry.get("full_name") or entry["name"]}
        )

    def row(self) -> dict:
        """The networks table row."""
        return {
            "slug": self.slug,
            "name": self.name,
            "full_name": self.full_name,
            "sector": self.sector,
            "city": self.city,
            "website": self.website,
            "events_url": self.events_url,
            "cms": self.cms,
            "enabled": self.enabled,
            "reason": self.reason,
        }


@cache
def networks() -> dict[str, Network]:
    override = os.environ.get(REGISTRY_ENV)
    text = (
        Path(override).read_text(encoding="utf-8")
        if override
        else files("netzwerktimer_crawl").joinpath("networks.json").read_text(encoding="utf-8")
    )
    entries = json.loads(text)
    return {e["slug"]: Network.from_entry(e) for e in entries}


def get(slug: str) -> Network:
    try:
        return networks()[slug]
    except KeyError:
        raise KeyError(f"unknown network {slug!r}; known: {', '.join(networks())}") from None


def for_url(url: str) -> Network | None:
    """The network whose domain serves this URL, if any."""
    host = (urlsplit(url).hostname or "").lower()
    for network in networks().values():
        if any(host == d or host.endswith("." + d) for d in network.domains):
            return network
    return None
