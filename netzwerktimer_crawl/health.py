"""Run health: is a spider's latest run as good as its recent ones?

Spidermon's monitors check each run on its own (finish reason, errors, at least one item);
what they cannot do is compare with earlier runs, which is what catches a spider that
"works" but quietly returns a fraction of its events or loses a field.
"""

from __future__ import annotations

from statistics import median

from sqlite_utils import Database

HISTORY = 5  # earlier runs a run is compared with
BASELINE = 2  # earlier runs with events needed before a run can be compared at all
FEWER = 0.5  # a run with less than this share of the median item count is flagged
COVERAGE_DROP = 0.25  # a field's coverage this far below its median is flagged
FIELDS = {"coverage_url": "own page", "coverage_location": "place", "coverage_end": "end"}


def _earlier(db: Database, run: dict) -> list[dict]:
    return list(
        db.execute_returning_dicts(
            "select * from crawl_runs where spider = ? and id < ? and finished is not null "
            "and items_stored > 0 order by id desc limit ?",
            [run["spider"], run["id"], HISTORY],
        )
    )


def flags(db: Database, run_id: int, monitor_failures: list[str] = ()) -> list[str]:
    """Why the run is not healthy; empty when it is."""
    run = db["crawl_runs"].get(run_id)
    found = list(monitor_failures)
    if run["finish_reason"] != "finished":
        found.append(f"finished abnormally: {run['finish_reason']}")
    if not run["items_stored"]:
        found.append("returned nothing")
        return found
    earlier = _earlier(db, run)
    if len(earlier) >= BASELINE:
        usual = median(r["items_stored"] for r in earlier)
        if run["items_stored"] < FEWER * usual:
            found.append(f"returned {run['items_stored']} events, its median is {usual:g}")
        for column, label in FIELDS.items():
            values = [r[column] for r in earlier if r[column] is not None]
            if values and run[column] is not None and run[column] < median(values) - COVERAGE_DROP:
                found.append(
                    f"lost coverage of {label}: {run[column]:.0%} (median {median(values):.0%})"
                )
    return found


def baseline(db: Database, run_id: int) -> int:
    """How many earlier runs the run is compared with. With fewer than BASELINE a truncated
    page looks like a healthy run, so its absences mean nothing (see store.mark_missing)."""
    return len(_earlier(db, db["crawl_runs"].get(run_id)))


def report(db: Database, spiders: list[str], runs: int = 3) -> tuple[str, list[str]]:
    """A table of each spider's last runs, and the spiders whose latest run is flagged."""
    lines = [
        f"{'spider':<16}{'started':<22}{'items':>6}{'rej':>5}{'err':>5}"
        f"{'page':>6}{'place':>6}{'end':>6}  flags"
    ]
    flagged = []
    for spider in spiders:
        rows = list(db.execute_returning_dicts(
            "select * from crawl_runs where spider = ? and finished is not null "
            "order by id desc limit ?", [spider, runs]))  # fmt: skip
        if not rows:
            lines.append(f"{spider:<16}{'never run':<22}")
            flagged.append(spider)
            continue
        if not rows[0]["healthy"]:
            flagged.append(spider)
        for row in rows:
            cov = [row[c] for c in FIELDS]
            cells = "".join(f"{v:>6.0%}" if v is not None else f"{'-':>6}" for v in cov)
            flag_text = "; ".join((row["flags"] or "").splitlines()) or "ok"
            lines.append(
                f"{spider:<16}{row['started']:<22}{row['items_stored']:>6}"
                f"{row['items_rejected']:>5}{row['errors']:>5}{cells}  {flag_text}"
            )
    return "\n".join(lines), flagged
