"""Event types from words, towns from the offline gazetteer."""

import pytest
from netzwerktimer_crawl.pipelines.enrich import event_type, place

# fmt: off
TYPES = [
    ("Webinar: Quantensensorik für die Industrie", "Webinar"),
    ("9. Thüringer Maschinenbautag", "Konferenz"),
    ("Mitteldeutscher Kunststofftag 2027", "Konferenz"),
    ("ThEEN-Mitgliederversammlung 2026", "Netzwerktreffen"),
    ("Business-Lounge im November", "Netzwerktreffen"),
    ("Photonik-Stammtisch Jena", "Stammtisch"),
    ("Laser-Workshop: Ultrakurzpulslaser", "Workshop"),
    ("DiagnosTech-Academy: POCTs in der Hausarztpraxis", "Seminar"),
    ("Gemeinschaftsstand Thüringen auf der MEDICA 2026", "Messe"),
    ("DiagnosTech Pitch: Lysine gegen Erreger", "Pitch"),
    ("Firmenbesuch bei Jenoptik", "Exkursion"),
    ("Save the date", None),
]
PLACES = [
    ("Erfurt-Brühl", None, "Erfurt"),
    (None, "IHK Erfurt (Arnstädter Straße 34, 99096 Erfurt)", "Erfurt"),
    (None, "Optisches Museum Jena, Carl-Zeiss-Platz 12, Jena, Deutschland", "Jena"),
    ("Geschwenda", None, "Geschwenda"),
    ("Düsseldorf", "Messe Düsseldorf", None),
]
# fmt: on


@pytest.mark.parametrize(("title", "kind"), TYPES)
def test_event_type(title, kind):
    assert event_type(title) == kind


@pytest.mark.parametrize(("city", "location", "name"), PLACES)
def test_thuringian_place_with_coordinates(city, location, name):
    found = place(city, location)
    assert (found.name if found else None) == name
    if found:
        assert 50.2 < found.latitude < 51.7 and 9.8 < found.longitude < 12.7  # in Thuringia
