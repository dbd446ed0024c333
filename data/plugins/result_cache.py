"""Facet and row counts answered from memory until the catalog changes (result_cache.py)."""

from datasette import hookimpl

from netzwerktimer_crawl.result_cache import ResultCache


@hookimpl
def startup(datasette):
    for database in datasette.databases.values():
        if database.path and not database.is_memory:
            ResultCache(database, datasette.setting("facet_time_limit_ms"))
