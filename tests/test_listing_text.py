"""List HTML to event text: line breaks written as <br> still separate words and parts."""

from parsel import Selector

from netzwerktimer_crawl.extract.listing import Listing, events

ROW = Listing(item="tr", title="td.titel", url="a::attr(href)", when="td.datum",
              location="td.ort")  # fmt: skip


def only_event(html: str):
    (event,) = events(Selector(text=f"<table>{html}</table>"), ROW, "https://example.org/")
    return event


def test_br_between_date_and_time_is_a_space():
    event = only_event(
        '<tr><td class="datum">25.11.2026<br>16.30 Uhr</td><td class="titel"><b>Branchen</b>'
        "talk</td></tr>"
    )
    assert (event.when, event.title) == ("25.11.2026 16.30 Uhr", "Branchentalk")


def test_address_lines_broken_with_br_become_parts():
    event = only_event(
        '<tr><td class="titel">Messe</td><td class="ort">Messe Düsseldorf<br>Halle 3<br>'
        "40474 Düsseldorf</td></tr>"
    )
    assert event.location == "Messe Düsseldorf, Halle 3, 40474 Düsseldorf"


def test_address_of_child_elements_keeps_them_as_parts():
    event = only_event(
        '<tr><td class="titel">Abend</td><td class="ort"><span>Volkshaus Jena</span> '
        "<span>Carl-Zeiß-Platz 15, 07743 Jena</span></td></tr>"
    )
    assert event.location == "Volkshaus Jena, Carl-Zeiß-Platz 15, 07743 Jena"
