"""Spidermon's monitors, run when each spider closes. Their failures become the run's health
flags (health.py adds the comparisons with earlier runs).

Scrapy counts log lines per process, not per spider, so with several spiders in one crawl
`log_count/ERROR` blames each spider for the others' errors; these monitors use the stats
that are the spider's own.
"""

from spidermon import MonitorSuite
from spidermon.contrib.scrapy.monitors import (
    BaseStatMonitor,
    FinishReasonMonitor,
    ItemCountMonitor,
    RetryCountMonitor,
)
from spidermon.core.actions import Action


class SpiderExceptionMonitor(BaseStatMonitor):
    """Callbacks that raised: a page the spider's code could not handle."""

    stat_name = "spider_exceptions/count"
    threshold_setting = "NETZWERKTIMER_MAX_SPIDER_EXCEPTIONS"
    assert_type = "<="
    fail_if_stat_missing = False


class HandFailuresToStore(Action):
    def run_action(self) -> None:
        self.data.spider.monitor_failures = [
            f"{result.monitor.name}: {result.reason}"
            for result in self.result.monitors_failed_results
        ]


class RunMonitors(MonitorSuite):
    monitors = [FinishReasonMonitor, ItemCountMonitor, RetryCountMonitor, SpiderExceptionMonitor]
    monitors_failed_actions = [HandFailuresToStore]
