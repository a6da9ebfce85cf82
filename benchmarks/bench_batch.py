"""Batch screening benchmark: rows/s and memory over time on the local engine, Spark
local[2] throughput beside it, and the recall of planted list names.

Run: make bench-batch   (or: .venv/bin/python benchmarks/bench_batch.py [--rows N]
     [--spark-rows N] [--workers 2] [--lists DIR])

1. The customer file (benchmarks/generate_customers.py, 1,000,000 rows, 2,000 planted list
   names) is generated when missing; the lists of the folder are imported into a store
   under benchmarks/out/batch-home when it is missing.
2. Local engine: ``sanctio batch`` (the command a user runs, as a subprocess) on the first
   --rows rows with --workers processes. Every two seconds the run's process tree is
   sampled: resident memory (RSS) and proportional memory (PSS: shared pages counted once
   across the parent and its workers) against rows done (the checkpoint's parts).
   Throughput is rows screened per second of screening (the summary's figure; the store
   load and index build before it are reported apart).
3. Recall: every planted row of the whole file is screened (a file of those rows alone,
   same command); a planted name is found when its row has an alert on the planted
   entity. Misses go to out/batch-recall-misses.tsv. Alerts on the unplanted rows of the
   sample are counted too (many are genuine namesakes of listed people).
4. Spark: the first --spark-rows rows as Parquet, through ``screen_file(engine="spark")``
   on local[2] (wall time including Spark's jobs and each Python worker's index build),
   and checked equal to the local engine's output on the same rows.

The machine may be shared and noisy: quote medians and ratios. Results go to
out/batch.json and a markdown table is printed for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from generate_customers import COLUMNS, default_lists, generate, load_entities  # noqa: E402

from sanctio import Screener  # noqa: E402
from sanctio.batch import ColumnMapping, screen_file  # noqa: E402
from sanctio.store import Store  # noqa: E402
from sanctio.updates import update  # noqa: E402

MAPPING = ColumnMapping(
    name="full_name",
    dob="dob",
    country=("nationality",),
    id="customer_id",
    type="customer_type",
)
SANCTIO = Path(sys.executable).parent / "sanctio"


def prepare(lists: Path, customers: Path, home: Path) -> None:
    """The customer file and the store, made when missing."""
    if not customers.exists():
        print(f"generating {customers} ...", flush=True)
        generate(load_entities(lists), customers, rows=1_000_000, planted=2000, seed=20261130)
    if not (home / "sanctio.db").exists():
        print(f"importing {lists} into {home} ...", flush=True)
        with Store(home) as store:
            report = update(store, from_path=lists)
        if report.failures:
            raise SystemExit(f"import failed: {report.failures}")


def head(source: Path, rows: int, target: Path) -> Path:
    """The header and first ``rows`` data rows of a CSV file."""
    with source.open(encoding="utf-8") as reader, target.open("w", encoding="utf-8") as writer:
        for index, line in enumerate(reader):
            if index > rows:
                break
            writer.write(line)
    return target


def tree_memory(process: psutil.Process, cpu: dict[int, float]) -> dict[str, float]:
    """RSS and PSS in MiB summed over a process and its children, the process's own RSS
    (the reading, checkpointing parent), and the process count; records each member's CPU
    seconds so far in ``cpu``."""
    rss = pss = parent = 0
    members = [process, *process.children(recursive=True)]
    for member in members:
        try:
            info = member.memory_full_info()
            times = member.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
        parent += info.rss if member.pid == process.pid else 0
        cpu[member.pid] = times.user + times.system
    return {
        "rss_mib": round(rss / 2**20),
        "pss_mib": round(pss / 2**20),
        "parent_rss_mib": round(parent / 2**20),
        "processes": len(members),
    }


def run_batch(home: Path, source: Path, output: Path, workers: int) -> dict[str, Any]:
    """`sanctio batch` as a subprocess, its memory sampled every two seconds."""
    mapping = OUT / "batch-mapping.json"
    mapping.write_text(json.dumps(MAPPING.to_dict()))
    command = [str(SANCTIO), "--home", str(home), "batch", str(source), str(output)]
    command += ["--mapping", str(mapping), "--workers", str(workers), "--restart"]
    command += ["--no-progress", "--json"]
    checkpoint = output.with_name(output.name + ".checkpoint")
    shutil.rmtree(checkpoint, ignore_errors=True)  # --restart would; the sampler reads it first
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    samples: list[dict[str, float]] = []
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(2.0):
            memory = tree_memory(watched, cpu)
            parts = checkpoint.glob("part-*.json") if checkpoint.exists() else []
            done = max((int(p.name.split("-")[-1].split(".")[0]) for p in parts), default=0)
            seconds = round(time.monotonic() - started, 1)
            samples.append({"seconds": seconds, "rows_done": done, **memory})

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"sanctio batch failed ({process.returncode})")
    summary = json.loads(stdout)
    summary["wall_seconds"] = round(time.monotonic() - started, 1)
    summary["memory"] = samples
    worker_cpu = sum(seconds for pid, seconds in cpu.items() if pid != process.pid)
    summary["worker_cpu_seconds"] = round(worker_cpu, 1)
    summary["rows_per_worker_cpu_second"] = (
        round(summary["rows"] / worker_cpu, 1) if worker_cpu else 0.0
    )
    return summary


def recall(home: Path, customers: Path, workers: int) -> dict[str, Any]:
    """Screen every planted row of the customer file; count those alerting on their entity."""
    truth_path = customers.with_name(f"{customers.stem}.truth.csv")
    with truth_path.open(encoding="utf-8") as handle:
        truth = {int(r["row_number"]): r for r in csv.DictReader(handle)}
    planted = OUT / "batch-planted.csv"
    with (
        customers.open(encoding="utf-8") as reader,
        planted.open("w", encoding="utf-8") as writer,
    ):
        for index, line in enumerate(reader):
            if index == 0 or index in truth:
                writer.write(line)
    output = OUT / "batch-planted-hits.csv"
    summary = run_batch(home, planted, output, workers)
    alerts: dict[str, set[str]] = {}
    with output.open(encoding="utf-8") as handle:
        for hit in csv.DictReader(handle):
            if hit["is_alert"] == "true":
                alerts.setdefault(hit["input_id"], set()).add(hit["entity_id"])
    misses, by_variation = [], {}
    for row in truth.values():
        found = row["entity_id"] in alerts.get(row["customer_id"], set())
        total, hit_count = by_variation.get(row["variation"], (0, 0))
        by_variation[row["variation"]] = (total + 1, hit_count + found)
        if not found:
            misses.append(row)
    with (OUT / "batch-recall-misses.tsv").open("w", encoding="utf-8") as handle:
        handle.write("customer_id\tentity_id\tvariation\tlisted_name\twritten\n")
        for row in misses:
            handle.write(
                f"{row['customer_id']}\t{row['entity_id']}\t{row['variation']}\t"
                f"{row['listed_name']}\t{row['written']}\n"
            )
    return {
        "planted": len(truth),
        "found": len(truth) - len(misses),
        "recall": round(1 - len(misses) / len(truth), 4),
        "by_variation": {k: {"planted": t, "found": f} for k, (t, f) in by_variation.items()},
        "rows_per_second": summary["rows_per_second"],
    }


def unplanted_alerts(output: Path, customers: Path, rows: int) -> int:
    """Sample rows with an alert that were not planted."""
    truth_path = customers.with_name(f"{customers.stem}.truth.csv")
    with truth_path.open(encoding="utf-8") as handle:
        planted = {r["customer_id"] for r in csv.DictReader(handle)}
    with output.open(encoding="utf-8") as handle:
        return len(
            {
                h["input_id"]
                for h in csv.DictReader(handle)
                if h["is_alert"] == "true" and h["input_id"] not in planted
            }
        )


def spark_run(home: Path, customers: Path, rows: int) -> dict[str, Any]:
    """The first ``rows`` rows on Spark local[2] and on the local engine: time, equality."""
    from sanctio.batch.spark import spark_session

    sample = head(customers, rows, OUT / "batch-spark-sample.csv")
    parquet = OUT / "batch-spark-sample.parquet"
    columns = {name: pa.string() for name in COLUMNS}
    table = pa_csv.read_csv(sample, convert_options=pa_csv.ConvertOptions(column_types=columns))
    pq.write_table(table, parquet)
    screener = Screener.from_store(home)
    session = spark_session("local[2]", {"spark.ui.enabled": "false"})
    session.sparkContext.setLogLevel("ERROR")
    started = time.monotonic()
    distributed = screen_file(
        parquet, OUT / "batch-spark-hits.parquet", MAPPING, screener=screener, engine="spark"
    )
    spark_seconds = time.monotonic() - started
    session.stop()
    local = screen_file(
        parquet, OUT / "batch-spark-local-hits.parquet", MAPPING, screener=screener, workers=2
    )

    def rows_of(path: Path) -> list[dict[str, Any]]:
        return sorted(
            pq.read_table(path).to_pylist(),
            key=lambda r: (r["row_number"], -r["score"], r["entity_id"]),
        )

    equal = rows_of(OUT / "batch-spark-hits.parquet") == rows_of(
        OUT / "batch-spark-local-hits.parquet"
    )
    return {
        "rows": distributed.rows,
        "spark_seconds": round(spark_seconds, 1),
        "spark_rows_per_second": round(distributed.rows / spark_seconds, 1),
        "local_rows_per_second": local.rows_per_second,
        "identical_to_local": equal,
        "alert_rows": distributed.alert_rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lists", type=Path, default=default_lists())
    parser.add_argument("--customers", type=Path, default=OUT / "customers.csv")
    parser.add_argument("--home", type=Path, default=OUT / "batch-home")
    parser.add_argument("--rows", type=int, default=1_000_000, help="Rows screened locally.")
    parser.add_argument("--spark-rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-spark", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    prepare(args.lists, args.customers, args.home)

    started = time.monotonic()
    screener = Screener.from_store(args.home)
    load_seconds = time.monotonic() - started
    entity_count = len(screener.entities)
    del screener

    sample = args.customers
    if args.rows < 1_000_000:
        sample = head(args.customers, args.rows, OUT / "batch-sample.csv")
    print(f"local engine on {args.rows:,} rows, {args.workers} workers ...", flush=True)
    local = run_batch(args.home, sample, OUT / "batch-hits.csv", args.workers)
    print("recall of the planted names ...", flush=True)
    found = recall(args.home, args.customers, args.workers)
    spark = None
    if not args.skip_spark:
        print(f"Spark local[2] on {args.spark_rows:,} rows ...", flush=True)
        spark = spark_run(args.home, args.customers, args.spark_rows)

    memory = local["memory"]
    steady = [m for m in memory if m["rows_done"] > 0]
    pss = [m["pss_mib"] for m in steady] or [0]
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, load {os.getloadavg()[0]:.1f}",
        "entities": entity_count,
        "store_load_and_index_build_seconds": round(load_seconds, 1),
        "local": {k: v for k, v in local.items() if k not in ("mapping", "lists")},
        "recall": found,
        "spark": spark,
        "unplanted_alert_rows": unplanted_alerts(
            OUT / "batch-hits.csv", args.customers, local["rows"]
        ),
    }
    (OUT / "batch.json").write_text(json.dumps(result, indent=2))
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| entities screened against | {entity_count:,} |")
    print(f"| store load + index build (once, before screening) | {load_seconds:.0f} s |")
    print(f"| local rows screened, workers | {local['rows']:,}, {args.workers} |")
    print(f"| local throughput (screening) | {local['rows_per_second']:,.0f} rows/s |")
    print(f"| local wall time (incl. start-up) | {local['wall_seconds']:,.0f} s |")
    per_cpu = local["rows_per_worker_cpu_second"]
    print(
        f"| rows per worker CPU-second (x {args.workers} = rows/s with whole cores) | "
        f"{per_cpu:,.0f} (x {args.workers} = {per_cpu * args.workers:,.0f}) |"
    )
    if steady:
        marks = []
        for share in (0.1, 0.5, 0.9):
            at = min(steady, key=lambda m: abs(m["rows_done"] - share * local["rows"]))
            marks.append(f"{at['pss_mib']:,} MiB at row {at['rows_done']:,}")
        print(f"| memory (PSS of the process tree) over the run | {'; '.join(marks)} |")
        parents = [m["parent_rss_mib"] for m in steady]
        print(f"| parent (reads, checkpoints) RSS min, max | {min(parents)}, {max(parents)} MiB |")
        print(f"| memory PSS median, max | {statistics.median(pss):,.0f}, {max(pss):,} MiB |")
    print(
        f"| recall of planted names | {found['found']:,} / {found['planted']:,} = "
        f"{found['recall']:.2%} |"
    )
    print(
        f"| sample rows with an alert, not planted | {result['unplanted_alert_rows']:,} of "
        f"{local['rows']:,} |"
    )
    if spark:
        print(
            f"| Spark local[2], {spark['rows']:,} rows | {spark['spark_rows_per_second']:,.0f} "
            f"rows/s ({spark['spark_seconds']:.0f} s wall) vs local engine "
            f"{spark['local_rows_per_second']:,.0f} rows/s; identical: "
            f"{spark['identical_to_local']} |"
        )


if __name__ == "__main__":
    main()
