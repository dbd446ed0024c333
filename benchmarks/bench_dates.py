"""Throughput of parse_when against dateparser.parse on the same listing texts.

    .venv/bin/python benchmarks/bench_dates.py [--size 3000]

The corpus is generated from templates of real listing lines (seeded, so every run sees the
same texts): about three quarters carry a date in one of the forms the networks' pages use,
the rest are the numbers and words that must not be taken for dates. Both parsers run in this
one process, one after the other; each figure is the best of a few rounds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dateparser  # noqa: E402

from netzwerktimer_crawl.dates import parse_when  # noqa: E402

REFERENCE = date(2026, 11, 16)
MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
MONTHS_SHORT = "Jan. Feb. Mrz. Apr. Mai Jun. Jul. Aug. Sept. Okt. Nov. Dez."
WEEKDAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()
CITIES = "Erfurt Jena Weimar Gera Suhl Ilmenau Eisenach Gotha Nordhausen Arnstadt".split()

# {d} day, {m} month, {y} year, {h}/{h2} hours, {mi} minutes, {d2} a later day ...
DATED = [
    "{wd2}, {d:02d}.{m:02d}.{y}",
    "{d}.{m}.{y} | {h}:{mi:02d}",
    "{d:02d}.{m:02d}.{yy:02d}",
    "Termin:{d:02d}.{m:02d}.{y}Ort",
    "{wd2}, {d:02d}.{m:02d}., {h}:{mi:02d} – {h2}:{mi:02d} Uhr",
    "{d:02d}.{m:02d}.{y}, {h}:{mi:02d} – {h2}:{mi:02d} Uhr",
    "{d:02d}.{m:02d}.{y} / {h}:{mi:02d}-{h2}:30 Uhr",
    "{d:02d}.{m:02d}.{y} - {h}:{mi:02d}",
    "{d}. {month} {y}",
    "{wd}, den {d}. {month} {y}",
    "Am {wd}, dem {d}. {month} {y} um {h} Uhr",
    "{wd2}., {d}. {month_short}",
    "{d}.–{d2}. {month} {y}",
    "{d}. bis {d2}.{m:02d}.{y}",
    "{d:02d}.{m:02d}. – {d2:02d}.{m:02d}.",
    "{d}. und {d2}. {month} {y}",
    "{d:02d}.{m:02d}.{y} {h}:{mi:02d}–{d2:02d}.{m:02d}.{y} {h2}:00",
    "28.12.{y} - 02.01.{y1}",
    "{month_short} {d} @ {h}:00 - {h2}:00",
    "{month_short} {d} {y}",
    "{month} {y}",
    "{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00+02:00",
    "{y}-{m:02d}-{d:02d}",
    "{d:02d}.{m:02d}.{y} von {h} bis {h2} Uhr",
    "{d:02d}.{m:02d}.{y}\n{h}:{mi:02d} Uhr\n{city}",
    "Netzwerkabend {city} {d:02d}.{m:02d}.{y} ab {h} Uhr",
    "{d:02d}.{m:02d}.{y}\xa0|\xa0{h}:{mi:02d}",
    "{d:02d}.{m:02d}.{y} ganztägig",
]
UNDATED = [
    "Tel. 0{n3} / {n2} {n2} {n2}",
    "+49 {n3} {n6}",
    "99{n3} {city}",
    "{city}er Straße {n2}",
    "{n2},50 €",
    "{n2}.000 Besucher",
    "Industrie 4.0 in {city}",
    "Version {n1}.{n1}.{n1}",
    "{n1}-{n2} Jahre",
    "Mo–Fr 9–17 Uhr",
    "jeden {wd}",
    "{n1} Stunden Workshop",
    "Konferenz {y}",
    "{h}:00 Uhr",
    "Unternehmerstammtisch {city}",
    "Anmeldung erforderlich, Teilnahme kostenfrei",
]


def corpus(size: int, seed: int = 2026) -> list[str]:
    rnd = random.Random(seed)
    texts = []
    for _ in range(size):
        y = rnd.randint(2019, 2027)
        m = rnd.randint(1, 12)
        d = rnd.randint(1, 25)
        h = rnd.randint(8, 19)
        values = {
            "d": d, "d2": d + rnd.randint(1, 3), "m": m, "y": y, "y1": y + 1, "yy": y % 100,
            "h": h, "h2": h + rnd.randint(1, 4), "mi": rnd.choice((0, 0, 15, 30, 45)),
            "month": MONTHS.split()[m - 1], "month_short": MONTHS_SHORT.split()[m - 1],
            "wd": rnd.choice(WEEKDAYS), "wd2": rnd.choice(WEEKDAYS)[:2],
            "city": rnd.choice(CITIES), "n1": rnd.randint(1, 9), "n2": rnd.randint(10, 99),
            "n3": rnd.randint(100, 999), "n6": rnd.randint(100000, 999999),
        }  # fmt: skip
        template = rnd.choice(DATED if rnd.random() < 0.75 else UNDATED)
        texts.append(template.format(**values))
    return texts


def throughput(parse: Callable[[str], object], texts: list[str], rounds: int) -> tuple[float, int]:
    """Best texts/s over ``rounds`` passes, and how many texts gave a result."""
    best = float("inf")
    found = 0
    for _ in range(rounds):
        started = time.perf_counter()
        found = sum(parse(text) is not None for text in texts)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best, found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size", type=int, default=3000, help="texts in the corpus")
    options.add_argument("--rounds", type=int, default=3, help="passes per parser, best counts")
    args = options.parse_args()
    texts = corpus(args.size)

    settings = {
        "RELATIVE_BASE": datetime.combine(REFERENCE, datetime.min.time()),
        "PREFER_DATES_FROM": "current_period",
    }

    def with_dateparser(text: str) -> object:
        return dateparser.parse(text, languages=["de"], settings=settings)

    def with_parse_when(text: str) -> object:
        return parse_when(text, REFERENCE)

    for text in texts[:50]:  # warm up: dateparser loads its language data on first use
        with_dateparser(text)
        with_parse_when(text)

    ours, ours_found = throughput(with_parse_when, texts, max(args.rounds, 5))
    theirs, theirs_found = throughput(with_dateparser, texts, args.rounds)
    print(f"corpus: {len(texts)} texts ({Path(__file__).name}, seed 2026)")
    print(f"parse_when       {ours:12,.0f} texts/s   dates found: {ours_found}")
    print(f"dateparser.parse {theirs:12,.0f} texts/s   dates found: {theirs_found}")
    print(f"ratio            {ours / theirs:12.1f}x")


if __name__ == "__main__":
    main()
