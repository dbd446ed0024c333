"""Item pipelines, one module per stage: normalize → validate → enrich → dedupe → store."""

from scrapy.exceptions import DropItem


class Rejected(DropItem):
    """An item that failed a stage. The store records it in rejected_items with the reason."""
