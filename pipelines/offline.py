"""The cleaning stages outside a crawl, for `netzwerktimer extract` and the fixture tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from netzwerktimer_crawl.items import Event

from . import Rejected
from .dedupe import DedupePipeline, Duplicate
from .enrich import EnrichPipeline
from .normalize import NormalizePipeline
from .validate import ValidatePipeline

STAGES = (NormalizePipeline, ValidatePipeline, EnrichPipeline, DedupePipeline)


def process(events: Iterable[Event]) -> Iterator[tuple[Event, str | None]]:
    """Rejections with their reason as they come, then each kept event once (merged)."""
    stages = [stage() for stage in STAGES]
    kept: dict[str, Event] = {}
    for event in events:
        try:
            for stage in stages:
                event = stage.process_item(event)
        except Duplicate:
            continue
        except Rejected as rejection:
            yield event, str(rejection)
            continue
        kept[event.id] = event
    for event in kept.values():
        yield event, None


def rows(events: Iterable[Event]) -> tuple[list[dict], list[dict]]:
    """Events-table rows (less the seen stamps) and rejections, as `extract` prints them."""
    from .store import record

    kept, rejected = [], []
    for event, reason in process(events):
        if reason:
            rejected.append({"rejected": reason, "title": event.title, "when": event.when})
        else:
            row = record(event, seen=None)
            del row["first_seen"], row["last_seen"]
            # Which steps of the chain found it ("json-ld+generic-records"), for diagnosis.
            row["found_by"] = "+".join(event.extra.get("steps") or [event.extractor or "?"])
            kept.append(row)
    return kept, rejected
