"""A record's place as one line (records.place_text): without its map link's words or a
label a theme shows on phones only; an address line (records.address_line)."""

import lxml.html
import pytest

from netzwerktimer_crawl.extract import records


@pytest.mark.parametrize(
    ("html", "place"),
    [
        # a course table's label for phones, inside the cell beside its value
        ('<td><div class="visible-xs-inline">Wo:</div> Mobilé, Aachen-Brand</td>',
         "Mobilé, Aachen-Brand"),
        ('<td>Mobilé, Aachen-Brand <div class="visible-xs-inline">Wann:</div></td>',
         "Mobilé, Aachen-Brand"),
        # a map link's words after the address
        ('<p class="location">Rathaus, Markt 1, 07743 Jena <a href="#">Anfahrt</a></p>',
         "Rathaus, Markt 1, 07743 Jena"),
        ('<p class="location">121 N. La Salle, Chicago, IL 60602 <a href="#">Driving '
         "Directions</a></p>", "121 N. La Salle, Chicago, IL 60602"),
        ('<p class="location">Volkshaus (Karte)</p>', "Volkshaus"),
        ('<p class="location">Wohnzimmer Ort</p>', "Wohnzimmer Ort"),
        # a meta line that gives the time after the place
        ('<span class="ort">Ort: Kulturhaus, Gera · 19:00 Uhr</span>', "Kulturhaus, Gera"),
    ],
)  # fmt: skip
def test_a_place_without_its_map_link_and_label_words(html, place):
    assert records.place_text(lxml.html.fragment_fromstring(html)) == place


@pytest.mark.parametrize(
    ("html", "place"),
    [
        ('<h3 class="event-loc">München · DE</h3>', True),  # a tour's dates: "loc"
        ('<li><i class="fas fa-map-marker-alt"></i>Stadtbibliothek Laim</li>', False),
        ('<div class="event-prog">Wie das flunkert</div>', False),
    ],
)  # fmt: skip
def test_classes_that_name_a_place(html, place):
    assert records.is_place(lxml.html.fragment_fromstring(html)) is place


def test_an_address_with_a_swiss_or_austrian_postcode_is_a_place_and_a_year_is_not():
    assert [
        records.address_line(line)
        for line in (
            "8184 Bachenbülach",
            "Dorfstrasse 5, 8184 Bachenbülach",
            "Hauptplatz 1, A-4020 Linz",
            "2027 Jahreshauptversammlung",
            "Sommerfest, 2026 Jena",
            "auf dem Kulturhof Kalk, Dillenburger Str. 65, 51105 Köln (https://osm.org/node/1)",
        )
    ] == [
        "8184 Bachenbülach",
        "Dorfstrasse 5, 8184 Bachenbülach",
        "Hauptplatz 1, A-4020 Linz",
        None,
        None,
        "Kulturhof Kalk, Dillenburger Str. 65, 51105 Köln",
    ]
