"""Which listings of two networks are one co-hosted event, and which near misses are not."""

import pytest

from netzwerktimer_crawl.history import same_event


def listing(title: str, start: str, city: str | None = None) -> dict:
    return {"title": title, "start": start, "city": city}


# fmt: off
SAME = [
    ("Cross-Cluster-Wochen 2026: Photonik trifft Energie", "2026-12-02T14:00",
     "Cross-Cluster-Wochen 2026 – Photonik trifft Energie", "2026-12-02T14:00"),
    ("CCW-Auftakt: Cross-Clustern von der Idee zum Markterfolg", "2024-10-14T13:00",
     "Cross-Clustern – von der Idee zum Markterfolg (CCW-Auftakt)", "2024-10-14T13:00"),
    ("9. Thüringer Maschinenbautag", "2025-09-22",
     "9. Thüringer Maschinenbautag", "2025-09-22T09:00"),
    ("Workshop Wasserstoff in der Industrie", "2026-12-03T10:00",
     "Wasserstoff in der Industrie – Workshop", "2026-12-03T10:00"),
]
NEAR_MISSES = [
    # the same title on a different date
    ("Cross-Cluster-Wochen 2026: Photonik trifft Energie", "2026-12-02T14:00",
     "Cross-Cluster-Wochen 2026: Photonik trifft Energie", "2026-12-09T14:00"),
    # two networks' own "Netzwerktreffen" on the same day
    ("Netzwerktreffen", "2026-12-02T17:00", "Netzwerktreffen", "2026-12-02T17:00"),
    ("ThEEN-Netzwerktreffen", "2026-12-02T17:00", "OptoNet Netzwerktreffen", "2026-12-02T17:00"),
    ("Mitgliederversammlung 2026", "2026-11-26", "Mitgliederversammlung 2026", "2026-11-26"),
    # same day and topic, different times
    ("Webinar Förderprogramme Digitalisierung", "2026-12-01T10:00",
     "Webinar Förderprogramme Digitalisierung", "2026-12-01T14:00"),
    # different events of one series
    ("DiagnosTech-Academy: POCTs in der Hausarztpraxis", "2026-12-01T10:00",
     "DiagnosTech-Academy: Antibiotikaresistenzen erkennen", "2026-12-01T10:00"),
    # a date and no date
    ("Thüringer Energiespeichertage 2027", "2027-01-20T09:00",
     "Thüringer Energiespeichertage 2027", ""),
]
# fmt: on


@pytest.mark.parametrize(("a", "start_a", "b", "start_b"), SAME)
def test_co_hosted_listings_are_one_event(a, start_a, b, start_b):
    assert same_event(listing(a, start_a), listing(b, start_b))


@pytest.mark.parametrize(("a", "start_a", "b", "start_b"), NEAR_MISSES)
def test_near_misses_stay_apart(a, start_a, b, start_b):
    assert not same_event(listing(a, start_a), listing(b, start_b))


def test_different_towns_stay_apart():
    a = listing("Wasserstoff-Dialog Thüringen", "2026-12-03T10:00", "Erfurt")
    b = listing("Wasserstoff-Dialog Thüringen", "2026-12-03T10:00", "Jena")
    assert not same_event(a, b)
