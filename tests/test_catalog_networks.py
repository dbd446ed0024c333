"""One answer to "which networks run this event": every per-network page, feed, facet, filter
and query lists a co-hosted event under each of its networks (the view event_networks), and
takes ?netzwerk= (alias ?network=) the same way, refusing a network it does not know."""

import html
import re

import pytest
from icalendar import Calendar

# CCIT organizes it; OptoNet and ThEEN list it too (the bundled snapshots, modeled pages).
CO_HOSTED = "Cross-Cluster-Wochen 2026: Photonik trifft Energie"
ITS_NETWORKS = ["ccit", "optonet", "theen"]
ITS_WEEK = "2026-12-02"


def titles_in_feed(answer) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(answer.text).walk("VEVENT")]


def titles(answer) -> list[str]:
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return [row["title"] for row in (data if isinstance(data, list) else data["rows"])]


@pytest.mark.parametrize("network", ITS_NETWORKS)
@pytest.mark.parametrize("name", ["netzwerk", "network"])
def test_every_surface_lists_the_co_hosted_event_for_each_of_its_networks(get, network, name):
    q = f"{name}={network}"
    assert CO_HOSTED in get(f"/woche?datum={ITS_WEEK}&{q}").text
    assert CO_HOSTED in titles_in_feed(get(f"/netzwerktimer/kalender.ics?{q}"))
    assert CO_HOSTED in titles(get(f"/netzwerktimer/nach_netzwerk.json?_shape=array&{q}"))
    for table in ("events", "events_public"):
        assert CO_HOSTED in titles(get(f"/netzwerktimer/{table}.json?_shape=array&_size=max&{q}"))


@pytest.mark.parametrize("network", ITS_NETWORKS)
def test_the_week_pages_table_link_opens_the_same_events(get, network):
    week = get(f"/woche?datum={ITS_WEEK}&netzwerk={network}").text
    link = html.unescape(re.search(r'href="(/netzwerktimer/events\?[^"]+)"', week)[1])
    table = titles(get(link.replace("/events?", "/events.json?_shape=array&")))
    assert CO_HOSTED in table
    for title in table:
        assert html.escape(title) in week or title in week


def test_the_network_facet_counts_a_co_hosted_event_for_each_network(get):
    data = get("/netzwerktimer/events.json?_size=0&_facet_array=networks").json()
    counts = {f["value"]: f["count"] for f in data["facet_results"]["networks"]["results"]}
    for network in ITS_NETWORKS:
        path = f"/netzwerktimer/events.json?_shape=array&_size=max&netzwerk={network}"
        listed = titles(get(path))
        assert counts[network] == len(listed)


def test_a_sector_finds_the_events_of_every_network_in_it(get):
    # ThEEN's sector finds the event CCIT organizes (CCIT's own sector is another).
    sector = "Erneuerbare+Energien"
    assert CO_HOSTED in get(f"/woche?datum={ITS_WEEK}&branche={sector}").text
    assert CO_HOSTED in titles(get(f"/netzwerktimer/events.json?_shape=array&sector={sector}"))


def test_a_network_is_taken_by_slug_or_name_in_any_case(get):
    by_slug = titles_in_feed(get("/netzwerktimer/kalender.ics?network=optonet"))
    assert by_slug and titles_in_feed(get("/netzwerktimer/kalender.ics?network=OptoNet")) == by_slug
    assert titles_in_feed(get("/netzwerktimer/kalender.ics?netzwerk=OPTONET")) == by_slug
    everything = titles_in_feed(get("/netzwerktimer/kalender.ics"))
    assert set(by_slug) < set(everything)


@pytest.mark.parametrize(
    "path",
    [
        "/netzwerktimer/kalender.ics?netzwerk=gibtsnicht",
        "/netzwerktimer/kalender.ics?network=gibtsnicht",
        "/netzwerktimer/nach_netzwerk.json?netzwerk=gibtsnicht",
        "/netzwerktimer/events.json?network=gibtsnicht",
        "/netzwerktimer/events_public.csv?netzwerk=gibtsnicht",
        "/woche?netzwerk=gibtsnicht",
    ],
)
def test_an_unknown_network_is_a_400_naming_the_known_ones(get, path):
    answer = get(path)
    assert answer.status_code == 400
    text = answer.json()["error"] if ".json" in path else answer.text
    assert "Unbekanntes Netzwerk „gibtsnicht“" in text
    assert "optonet" in text and "theen" in text


def test_an_unknown_sector_is_a_400_naming_the_known_ones(get):
    answer = get("/woche?branche=Bergbau")
    assert answer.status_code == 400
    assert "Unbekannte Branche „Bergbau“" in answer.text and "Erneuerbare Energien" in answer.text


def test_the_week_takes_a_date_as_germans_write_it(get):
    german = get("/woche?datum=2.12.2026")
    assert german.status_code == 200
    assert CO_HOSTED in german.text
    assert german.text == get(f"/woche?datum={ITS_WEEK}").text
