"""A spider for every enabled network that has no module of its own in `spiders/`.

A network needs only its registry line (slug, names, website, perhaps an events URL): the
base spider finds its events page, feeds and CMS API, and the generic chain reads the
pages. A module in `spiders/` is written only where a site needs hints. Scrapy finds these
classes through SPIDER_MODULES like the hand-written ones.
"""

from __future__ import annotations

from importlib.util import find_spec

from . import registry
from .spider import NetworkSpider


def _class_name(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.replace("-", "_").split("_")) + "Spider"


def _without_module() -> list[str]:
    return [
        slug
        for slug, network in registry.networks().items()
        if network.enabled and find_spec(f"netzwerktimer_crawl.spiders.{slug}") is None
    ]


for _slug in _without_module():
    globals()[_class_name(_slug)] = type(
        _class_name(_slug),
        (NetworkSpider,),
        {"name": _slug, "__module__": __name__, "__doc__": f"{_slug}: its registry line only."},
    )
