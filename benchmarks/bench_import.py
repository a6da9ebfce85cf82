"""Import benchmark: every list file in a folder into a fresh store; time and peak memory.

Run: make bench-import   (or: .venv/bin/python benchmarks/bench_import.py [LISTS_DIR] [--runs N])
Targets (issue 2): under 60 s and under 1 GB for all of ../shared/lists.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def one_run(lists_dir: Path) -> None:
    """Import once in this process and print 'seconds peak_mib entities versions'."""
    from sanctio.store import Store
    from sanctio.updates import import_path

    with tempfile.TemporaryDirectory() as home, Store(Path(home)) as store:
        start = time.perf_counter()
        report = import_path(store, lists_dir)
        elapsed = time.perf_counter() - start
        if report.failures:
            sys.exit("import failed: " + "; ".join(report.failures))
        entities = sum(r.version.entity_count for r in report.results)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.2f} {peak_mib:.0f} {entities} {len(report.results)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("SANCTIO_LISTS_DIR") or str(REPO.parent / "shared" / "lists")
    parser.add_argument("lists_dir", nargs="?", default=default)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(Path(args.lists_dir))
        return
    runs = []
    for _ in range(args.runs):  # each run in a fresh process, so peak memory is its own
        out = subprocess.run(
            [sys.executable, __file__, args.lists_dir, "--one"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        runs.append((float(out[0]), float(out[1]), int(out[2]), int(out[3])))
        print(f"run: {out[0]} s, peak {out[1]} MiB, {out[2]} entities in {out[3]} versions")
    seconds = statistics.median(r[0] for r in runs)
    peak = statistics.median(r[1] for r in runs)
    print(
        f"\n| {datetime.now(UTC):%Y-%m-%d} | {platform.machine()}, {os.cpu_count()} cores |"
        f" {runs[0][3]} versions, {runs[0][2]} entities | {seconds:.1f} s | {peak:.0f} MiB |"
        f" median of {len(runs)} |"
    )


if __name__ == "__main__":
    main()
