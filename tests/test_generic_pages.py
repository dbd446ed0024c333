"""The generic chain on small pages of our own that reproduce real structures.

Each folder under tests/pages/ holds a modeled page (page.html), its meta.json (URL, fetch
date, the real structure it reproduces) and expected.json, written by a person from the
page: the events a reader would list. No spider is named, as for a network with only its
registry entry.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from netzwerktimer_crawl.pipelines.offline import rows

from netzwerktimer_crawl.extract import extract, saved_page

PAGES = sorted(p for p in (Path(__file__).parent / "pages").iterdir() if p.is_dir())


def found_on(folder: Path) -> list[dict]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    fetched = datetime.fromisoformat(meta["fetched"]).replace(hour=12, tzinfo=UTC)
    page = next(folder.glob("page.*"))
    response = saved_page(page.read_bytes(), meta["url"], fetched)
    kept, _ = rows(extract(response, "unknown").events)
    return kept


def flat(text: str | None) -> str | None:
    return " ".join(text.split()) if text else text


def differences(expected: list[dict], found: list[dict]) -> list[str]:
    """Each expected event must be found with its title and start; the other fields it
    states must agree; anything else found is an extra."""
    diffs, left = [], list(found)
    for want in expected:
        match = next(
            (
                f
                for f in left
                if flat(f["title"]) == flat(want["title"]) and f["start"] == want["start"]
            ),
            None,
        )
        if match is None:
            near = [
                f"{f['title']!r} {f['start']}"
                for f in left
                if f["start"][:10] == want["start"][:10]
            ]
            diffs.append(f"missing {want['title']!r} {want['start']}; that day: {near}")
            continue
        left.remove(match)
        for field in ("end", "url", "location", "status"):
            if field in want and flat(match[field]) != flat(want[field]):
                diffs.append(
                    f"{want['title']!r} {field}: expected {want[field]!r}, got {match[field]!r}"
                )
    diffs += [f"extra {f['title']!r} {f['start']}" for f in left]
    return diffs


@pytest.mark.parametrize("folder", PAGES, ids=[p.name for p in PAGES])
def test_generic_page(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["events"]
    diffs = differences(expected, found_on(folder))
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("folder", PAGES, ids=[p.name for p in PAGES])
def test_page_says_which_real_structure_it_models(folder: Path) -> None:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["modeled"] is True and len(meta["structure"]) > 40
