"""Each network is one spider: registry slug = spider name = module = snapshot and fixture
folder, and each enabled one has demo snapshots and at least two fixture cases."""

import subprocess
import sys

import pytest

from netzwerktimer_crawl import fixtures, registry
from netzwerktimer_crawl.replay import SNAPSHOTS, Manifest
from netzwerktimer_crawl.runner import enabled_spiders

ENABLED = enabled_spiders()


def test_scrapy_list_shows_every_enabled_network():
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], capture_output=True,
                            text=True, check=True).stdout.split()  # fmt: skip
    assert sorted(listed) == sorted(ENABLED)


def test_disabled_networks_say_why():
    for network in registry.networks().values():
        assert network.enabled or network.reason, network.slug


@pytest.mark.parametrize("slug", ENABLED)
def test_enabled_network_has_snapshots_and_two_fixture_cases(slug):
    manifest = Manifest(SNAPSHOTS)
    assert slug in manifest.sites, f"no snapshots/{slug}/manifest.json"
    site = manifest.sites[slug]
    assert site["note"] and isinstance(site["modeled"], bool)
    cases = [c for c in fixtures.cases() if c.spider == slug]
    assert len(cases) >= 2, f"{slug} has {len(cases)} fixture case(s)"


def test_snapshot_urls_stay_on_their_networks_domains():
    for url, page in Manifest(SNAPSHOTS).pages.items():
        network = registry.for_url(url)
        assert network and page.file.startswith(network.slug + "/"), url
