"""Monitoring benchmark: delta re-screening against a full re-screen, at scale.

Every list in ../shared/lists is imported, the OFAC SDN list at its 2021-07 version; a
customer base (default 100,000: planted list names, exact and varied, and negatives; see
monitor_customers.py) is screened. Then two list changes are measured, each by a delta
monitoring run and by a full re-screen of every customer on a second case database,
whose alerts must be identical (every difference is recorded, and the run exits 1):

1. the real SDN change from 2021-07 to 2024-05-03 (6,870 added, 881 removed, 6,871 changed);
2. a day's change: a synthetic next SDN version with 10 entities added (namesakes of
   listed persons), 10 changed (an alias, a birth date) and 5 removed.

With --sdn-only the store holds the SDN list alone (the issue's setting); by default it
holds every list, as a bank screening against all of them would.

Run: make bench-monitor   (or: .venv/bin/python benchmarks/bench_monitor.py --customers N)
Raw results go to benchmarks/out/monitor-<date>.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import resource
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from monitor_customers import customer_base

from sanctio.database import Database
from sanctio.model import FuzzyDate, Name, NameKind, Schema
from sanctio.monitor import run_monitor
from sanctio.monitor.alerts import list_alerts
from sanctio.monitor.customers import CustomerInput, import_customers
from sanctio.sources._common import ParsedList
from sanctio.sources.registry import find_bundles, parse_bundle
from sanctio.store import Store
from sanctio.updates import import_path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
NEW_SDN = ("ofac", "sdn-2024-05-03")


def say(text: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {text}", flush=True)


def import_lists(store: Store, lists_dir: Path, sdn_only: bool) -> None:
    """Every list file (or the SDN list only) except the newest SDN version."""
    for top in sorted(lists_dir.iterdir()):
        if not top.is_dir():
            continue
        for path in sorted(top.iterdir()):
            if (top.name, path.name) != NEW_SDN and (not sdn_only or path.name.startswith("sdn-")):
                report = import_path(store, path, max_shrink=1.0)
                if report.failures:
                    sys.exit("import failed: " + "; ".join(report.failures))


def active(db: Database) -> dict[tuple[str, str], float]:
    return {
        (a.customer_id, a.entity_id): a.score for a in list_alerts(db, active=True, limit=10**8)
    }


def save(result: dict[str, Any]) -> Path:
    """Write the results so far (a long run stopped part-way keeps what it measured)."""
    out = OUT / f"monitor-{result['date']}.json"
    out.write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    return out


def timed_run(db: Database, store: Store, label: str, **options: Any) -> dict[str, Any]:
    say(f"{label} ...")
    start = time.perf_counter()
    report = run_monitor(db, store, "benchmark", **options)
    seconds = time.perf_counter() - start
    say(f"{label}: {seconds:.1f} s, {report.counts}")
    return {"seconds": round(seconds, 2), "counts": report.counts}


def compare(delta_db: Database, full_db: Database, label: str) -> dict[str, Any]:
    """The alerting pairs of both databases, and every pair or score where they differ."""
    delta, full = active(delta_db), active(full_db)
    found = {
        "alerting_pairs": len(full),
        "only_delta": sorted(set(delta) - set(full)),
        "only_full": sorted(set(full) - set(delta)),
        "scores_differ": sorted(
            (k, delta[k], full[k]) for k in delta.keys() & full.keys() if delta[k] != full[k]
        ),
    }
    found["identical"] = delta == full
    if found["identical"]:
        say(f"{label}: delta and full identical, {len(delta)} alerting pairs")
    else:
        say(
            f"{label}: DELTA AND FULL DIFFER: {len(found['only_delta'])} pairs only in delta, "
            f"{len(found['only_full'])} only in full, {len(found['scores_differ'])} scores"
        )
    return found


def day_change(store: Store, folder: Path) -> None:
    (
        """A synthetic next SDN version: 10 added (namesakes of listed persons), 10 changed
    (an alias and a birth date each), 5 removed."""
        ""
    )
    current = store.current_version("ofac-sdn")
    entities = {e.id: e for e in store.entities(current.id)}
    people = [e for e in entities.values() if e.schema is Schema.PERSON]
    removed = {e.id for e in people[:5]}
    changed = {}
    for entity in people[5:15]:
        alias = " ".join(reversed(entity.caption.replace(",", "").split()))
        changed[entity.id] = dataclasses.replace(
            entity,
            names=(*entity.names, Name(alias, kind=NameKind.ALIAS)),
            birth_dates=(*entity.birth_dates, FuzzyDate("1970")),
        )
    added = [
        dataclasses.replace(e, id=f"ofac-sdn:99{n:05d}", names=(Name(f"{e.caption} Junior"),))
        for n, e in enumerate(people[15:25])
    ]
    new = [changed.get(i, e) for i, e in entities.items() if i not in removed] + added
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / "synthetic-sdn-day.txt"
    marker.write_text("a synthetic day's change of the SDN list\n")
    parsed = ParsedList("ofac-sdn", "synthetic", new, [marker])
    store.import_version(parsed, as_of="2024-05-04", as_of_origin="benchmark")


def markdown(result: dict[str, Any]) -> str:
    rows = []
    for label, key in (
        ("real SDN change 2021-07 → 2024-05-03", "sdn_change"),
        ("a day's change (25 entities)", "day_change"),
    ):
        part = result[key]
        d, f = part["delta"]["seconds"], part["full"]["seconds"]
        rows.append(
            f"| {label} | {part['entities_screened']:,} | {d:.0f} s | {f:.0f} s | {f / d:.1f} × "
            f"| {'identical' if part['identical'] else 'DIFFER'} "
            f"({part['alerting_pairs']:,} alerting pairs) |"
        )
    return "\n".join(
        [
            "| list change | entities screened by delta | delta run | full re-screen "
            "| full / delta | alerts |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = os.environ.get("SANCTIO_LISTS_DIR") or str(REPO.parent / "shared" / "lists")
    parser.add_argument("--lists", default=default, type=Path)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--sdn-only", action="store_true", help="Only the SDN list in the store, not every list."
    )
    parser.add_argument(
        "--database-url", help="Delta database (default: SQLite in benchmarks/out)."
    )
    args = parser.parse_args()

    work = OUT / ("monitor-sdn" if args.sdn_only else "monitor-all-lists")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    store = Store(work / "home")
    say("importing the lists (SDN at 2021-07)")
    import_lists(store, args.lists, args.sdn_only)
    old_sdn = store.current_version("ofac-sdn")
    old = list(store.entities(old_sdn.id))
    (bundle,), _ = find_bundles(args.lists.joinpath(*NEW_SDN))
    new = parse_bundle(bundle).entities

    say(f"generating {args.customers:,} customers")
    customers = [CustomerInput(i, r) for i, r in customer_base(old, new, args.customers)]
    delta_db = Database(args.database_url or f"sqlite:///{work / 'delta.db'}")
    full_db = Database(f"sqlite:///{work / 'full.db'}")
    start = time.perf_counter()
    import_customers(delta_db, customers, "benchmark")
    import_seconds = time.perf_counter() - start
    import_customers(full_db, customers, "benchmark")
    options = {"workers": args.workers}

    result: dict[str, Any] = {
        "date": f"{datetime.now(UTC):%Y-%m-%d}",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "customers": args.customers,
        "workers": args.workers,
        "lists": "the SDN list only" if args.sdn_only else "every list in the folder",
        "delta_database": Database(args.database_url).dialect if args.database_url else "sqlite",
        "customer_import_seconds": round(import_seconds, 2),
        "entities": sum(v.entity_count for v in store.current_versions()),
    }
    result["initial"] = timed_run(delta_db, store, "first screening (SDN 2021-07)", **options)
    save(result)

    import_path(store, args.lists.joinpath(*NEW_SDN), max_shrink=1.0)
    sdn: dict[str, Any] = {
        "delta": timed_run(delta_db, store, "delta run, SDN 2024-05-03", **options)
    }
    sdn["full"] = timed_run(full_db, store, "full re-screen, SDN 2024-05-03", **options)
    sdn.update(compare(delta_db, full_db, "SDN change"))
    old_index = store.entity_index(old_sdn.id)
    new_index = store.entity_index(store.current_version("ofac-sdn").id)
    sdn["entities_screened"] = sum(
        1 for i, (h, _) in new_index.items() if old_index.get(i, ("",))[0] != h
    )
    result["sdn_change"] = sdn
    save(result)

    day_change(store, work / "day")
    day: dict[str, Any] = {
        "delta": timed_run(delta_db, store, "delta run, a day's change", **options)
    }
    day["full"] = timed_run(full_db, store, "full re-screen, a day's change", full=True, **options)
    day.update(compare(delta_db, full_db, "day's change"))
    day["entities_screened"] = 20
    result["day_change"] = day
    result["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["delta_database_mib"] = (
        round((work / "delta.db").stat().st_size / 2**20) if not args.database_url else None
    )

    out = save(result)
    print(markdown(result))
    say(f"raw results in {out}")
    if not (sdn["identical"] and day["identical"]):
        sys.exit("delta and full re-screens differ: see the raw results")


if __name__ == "__main__":
    main()
