"""The `netzwerktimer` command: crawl, demo, serve, extract."""

from __future__ import annotations

import json
import sys
import urllib.request
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from pathlib import Path

import click
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

from . import registry, runner
from .berlin import local
from .refresh import Busy
from .settings import NETZWERKTIMER_DB, USER_AGENT

DEFAULT_DB = Path(NETZWERKTIMER_DB)


@click.group()
@click.version_option(package_name="netzwerktimer")
def main() -> None:
    """Events of the Thuringian business networks (CCIT) in one Datasette catalog."""


def _report(results: list[runner.SpiderResult]) -> None:
    click.echo(runner.summary_table(results))
    if failed := [r.spider for r in results if r.failed]:
        raise click.ClickException(f"failed: {', '.join(failed)}")


def _networks(names: tuple[str, ...]) -> list[str]:
    """The spiders to run: the named ones, each a known and enabled network, or all."""
    if not names:
        return runner.enabled_spiders()
    for name in names:
        try:
            network = registry.get(name)
        except KeyError as error:
            raise click.ClickException(error.args[0]) from None
        if not network.enabled:
            raise click.ClickException(f"{name} is disabled in the registry: {network.reason}")
    return list(names)


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sign, value = pair.partition("=")
        if not sign or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="-s")
        overrides[name.strip()] = value
    return overrides


SETTING = click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="A Scrapy or netzwerktimer setting, as with `scrapy crawl -s`, e.g. "
    "-s NETZWERKTIMER_MISSING_AFTER=3.",
)


@main.command()
@click.argument("spiders", nargs=-1)
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
@SETTING
@click.option(
    "--snapshots",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Rehearse: replay the saved pages of this folder (as the demo does) instead of "
    "fetching the live sites.",
)
def crawl(
    spiders: tuple[str, ...], db: Path, settings: tuple[str, ...], snapshots: Path | None
) -> None:
    """Crawl the live sites into the catalog (all enabled networks by default).

    Every spider runs and the catalog is published whatever some of them did; then the
    summary says each one's health (as `netzwerktimer health` would), and the command
    exits non-zero if any spider failed or was flagged, so a scheduler can alert.
    """
    names, overrides = _networks(spiders), _settings(settings)
    if snapshots is None:
        _report(_refresh(names, db, overrides))
        return
    from .replay import ReplayServer, replay_settings

    with ReplayServer(snapshots) as server:
        today = local(server.manifest.captured).date()
        _report(_refresh(names, db, replay_settings(server.address) | overrides, today))


def _refresh(
    spiders: list[str], db: Path, overrides: dict | None = None, today: date | None = None
) -> list[runner.SpiderResult]:
    try:
        return runner.refresh(spiders, db, overrides, today)
    except Busy as busy:
        raise click.ClickException(str(busy)) from None


@main.command()
@click.option(
    "--db", type=click.Path(path_type=Path, exists=True), default=DEFAULT_DB, show_default=True
)
@click.option("--runs", default=3, show_default=True, help="Runs shown per spider.")
def health(db: Path, runs: int) -> None:
    """Each spider's last runs: events, rejections, errors, field coverage and flags.

    Exits non-zero when a spider's latest run is flagged, so a scheduler can alert.
    """
    from sqlite_utils import Database

    from .health import report

    text, flagged = report(Database(db), runner.enabled_spiders(), runs)
    click.echo(text)
    if flagged:
        raise click.ClickException(f"flagged: {', '.join(flagged)}")


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--no-serve", is_flag=True, help="Build the catalog, then stop.")
@click.option("--port", default=8001, show_default=True)
@click.option(
    "--snapshots",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Replay this snapshot folder instead of the bundled one.",
)
def demo(db: Path, no_serve: bool, port: int, snapshots: Path | None) -> None:
    """Offline demo: crawl the bundled snapshots over loopback HTTP, then serve the catalog."""
    from .replay import SNAPSHOTS, ReplayServer, replay_settings

    with ReplayServer(snapshots or SNAPSHOTS) as server:
        click.echo(
            f"Replaying snapshots ({'modeled pages' if server.manifest.modeled else 'captures'}"
            f" of {server.manifest.captured:%Y-%m-%d}) at {server.address}"
        )
        today = local(server.manifest.captured).date()
        results = _refresh(runner.enabled_spiders(), db, replay_settings(server.address), today)
    click.echo(f"Catalog written to {db}; its 'today' is the capture date, {today}")
    # The demo's snapshots fail on purpose (ThEEN's second page answers 500): the summary
    # says so, as `crawl` would, but a demonstration that shows it has not failed.
    click.echo(runner.summary_table(results))
    if not no_serve:
        _serve(db, port)


@main.command()
@click.option(
    "--db", type=click.Path(path_type=Path, exists=True), default=DEFAULT_DB, show_default=True
)
@click.option("--port", default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--allow-sql",
    is_flag=True,
    help="Let every visitor run SQL of their own: only for a server no one else reaches.",
)
def serve(db: Path, port: int, host: str, allow_sql: bool) -> None:
    """Serve the catalog with Datasette and the data/ configuration.

    It reads the file read-only; each crawl publishes into the same file, and the running
    server shows the new catalog from its next request on, with no restart. Visitors get
    the pages, filters, canned queries, feeds and downloads, but no SQL of their own.
    """
    _serve(db, port, host, allow_sql)


def _serve(db: Path, port: int, host: str = "127.0.0.1", allow_sql: bool = False) -> None:
    import uvicorn

    from .catalog import make_datasette

    datasette = make_datasette(db, allow_sql=allow_sql)
    click.echo(f"Catalog at http://{host}:{port}/ (the weekly overview; Ctrl+C stops)")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")


def _load(source: str, fetched: date | None) -> tuple[bytes, Headers, str]:
    """Body, headers and URL of a saved file or a live URL."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.read(), Headers(dict(answer.headers.items())), answer.url
        except OSError as error:  # URLError, HTTPError, timeouts
            raise click.ClickException(f"cannot fetch {source}: {error}") from None
    path = Path(source)
    if not path.is_file():
        raise click.ClickException(f"no such file: {source}")
    stamp = (
        datetime.combine(fetched, time(12), tzinfo=UTC)
        if fetched
        else datetime.fromtimestamp(path.stat().st_mtime, UTC)
    )
    # A saved page's fetch date is what anchors years the page leaves out.
    return path.read_bytes(), Headers({"Date": format_datetime(stamp, usegmt=True)}), ""


@main.command()
@click.argument("source")
@click.option("--url", help="The page's original URL: resolves links and picks the network.")
@click.option("--network", help="Network slug (default: the one whose domain serves --url).")
@click.option(
    "--fetched",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The page's fetch date (default: the file's modification date).",
)
def extract(source: str, url: str | None, network: str | None, fetched: datetime | None) -> None:
    """Print the events of one saved page (HTML, JSON or iCal) as JSON Lines.

    Rejected events go to standard error with the reason.
    """
    from netzwerktimer_crawl.pipelines.offline import rows

    from .extract import extract as run_chain

    body, headers, fetched_url = _load(source, fetched.date() if fetched else None)
    url = url or fetched_url or Path(source).resolve().as_uri()
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    response = cls(url=url, headers=headers, body=body)
    slug = network or getattr(registry.for_url(url), "slug", None) or "unknown"
    result = run_chain(response, slug)
    for message in result.problems:
        click.echo(f"problem: {message}", err=True)
    kept, rejected = rows(result.events)
    for row in rejected:
        click.echo(json.dumps(row, ensure_ascii=False), err=True)
    for row in kept:
        click.echo(json.dumps(row, ensure_ascii=False))
    sys.stdout.flush()
    # What each step of the chain found: on a page with no events, what was tried.
    for step in result.tried:
        click.echo(f"tried {step}", err=True)
    click.echo(f"{len(kept)} events, {len(rejected)} rejected", err=True)


@main.command()
@click.argument("spider")
@click.option(
    "--snapshots",
    type=click.Path(path_type=Path, file_okay=False),
    help="Snapshot folder to write into (default: the bundled demo snapshots).",
)
@click.option(
    "--fixtures",
    "fixture_root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Fixture folder to add cases to (default: tests/fixtures).",
)
@click.option(
    "--via",
    metavar="URL",
    help="Fetch through this HTTP server instead of the "
    "real hosts, as the demo does (for testing the recorder).",
)
def record(spider: str, snapshots: Path | None, fixture_root: Path | None, via: str | None) -> None:
    """Fetch the pages SPIDER requests; keep them as its demo snapshots and as fixture cases.

    The new cases' expected.json holds what the spider makes of the pages now: review it.
    """
    from . import fixtures
    from .record import record as record_pages
    from .replay import SNAPSHOTS, replay_settings

    (spider,) = _networks((spider,))
    try:
        cases = record_pages(
            spider,
            snapshots or SNAPSHOTS,
            fixture_root or fixtures.FIXTURES,
            replay_settings(via) if via else None,
        )
    except RuntimeError as error:  # nothing fetched: offline, or the site is down
        raise click.ClickException(str(error)) from None
    for case in cases:
        click.echo(f"recorded {case}")


@main.command("fixtures")
@click.argument("spiders", nargs=-1)
@click.option("--update", is_flag=True, help="Rewrite the golden files with today's output.")
def fixtures_command(spiders: tuple[str, ...], update: bool) -> None:
    """Check the spiders' fixture cases: against what a person read on each page
    (stated.json) and against their golden files (expected.json).

    With --update the golden files are rewritten; read `git diff tests/fixtures` before
    committing. The stated events are never written by this command.
    """
    from . import fixtures

    failed = 0
    for case in fixtures.cases():
        if spiders and case.spider not in spiders:
            continue
        label = f"{case.spider}/{case.name}"
        stated = fixtures.check_stated(case.stated(), fixtures.run(case))
        golden = (
            fixtures.update(case)
            if update
            else fixtures.compare(case.expected(), fixtures.run(case))
        )
        failed += bool(stated or (golden and not update))
        for line in stated:
            click.echo(f"{label}: {line}")
        for line in golden:
            click.echo(f"{label}: {'updated ' if update else ''}{line}")
    if failed:
        raise click.ClickException(f"{failed} case(s) differ")


if __name__ == "__main__":
    main()
