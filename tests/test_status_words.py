"""A cancellation or a postponement said in words (text.status_from_text)."""

import pytest

from netzwerktimer_crawl.text import status_from_text


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Abgesagt: Jahresempfang", "cancelled"),
        ("Der Stammtisch entfällt", "cancelled"),
        ("Kurs ausgefallen", "cancelled"),  # a course provider's traffic light
        ("Ausfall: Sommerferien Special", "cancelled"),
        ("Das Konzert fällt leider aus", "cancelled"),
        ("Die Lesung findet nicht statt", "cancelled"),
        ("CANCELLED – Networking Night", "cancelled"),
        ("Verschoben auf März", "postponed"),
        ("Ausgefallene Ideen für den Advent", None),  # unusual, not called off
        ("Ausfallschritt-Training", None),
        ("Workshop", None),
    ],
)
def test_status_words(text, status):
    assert status_from_text(text) == status
