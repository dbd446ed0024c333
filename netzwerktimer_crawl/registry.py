"""The partner networks, read from networks.json (data, not code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

REGISTRY_FILE = Path(__file__).with_name("networks.json")


@dataclass(frozen=True)
class Network:
    slug: str
    name: str
    full_name: str
    sector: str
    city: str | None
    website: str | None
    events_url: str | None
    domains: tuple[str, ...]
    cms: str | None
    enabled: bool
    # Why a network is not crawled (no confirmed website, no spider yet).
    reason: str | None

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
    entries = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    return {e["slug"]: Network(**{**e, "domains": tuple(e["domains"])}) for e in entries}


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
