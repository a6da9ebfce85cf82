"""HTTP API load: POST /v1/screen with real list names against `sanctio serve --workers 2`.

Run: make bench-api   (or: .venv/bin/python benchmarks/bench_api.py [--lists DIR] ...)
Needs wrk (Debian: apt-get install wrk). Everything stays on 127.0.0.1.

1. Every list in --lists ($SANCTIO_LISTS_DIR, else ../shared/lists) is imported into a
   temporary home, as `sanctio update --from` does; --names listed names are drawn from
   the current versions (seeded), each becoming one request body.
2. A screening key is created; `sanctio serve --workers N` starts on a free port with the
   rate limit off and the default audit trail on (each worker writes its audit batches);
   the benchmark waits until every worker has loaded its index.
3. wrk (C, one thread: it takes a few percent of a core on this 2-core machine, where the
   load generator competes with the server) sends the bodies in turn at each --connections
   level for --seconds, each run also bounded by --max-requests. Throughput, latency
   percentiles and failed requests (non-2xx, socket errors) are recorded per level.
4. For reference, the same names are screened in-process by one Screener (no HTTP, a
   warm-up pass then a timed one): the ceiling the matcher itself sets per core.
5. The server is stopped with SIGINT; the audit trail must hold one record per request
   answered (written by the batching writer at shutdown at the latest).

Targets (issue 4): >= 500 requests/s with 2 workers and p99 <= 50 ms. The table printed at
the end is ready for docs/benchmarks.md; everything is also written to out/bench_api.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from sanctio import Screener, audit
from sanctio.database import Database
from sanctio.server.keys import Role, create_key
from sanctio.store import Store
from sanctio.updates import import_path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
SANCTIO = Path(sys.executable).parent / "sanctio"

# wrk script: cycles through the request bodies (one JSON a line), stops a thread after
# its share of --max-requests, and prints one JSON summary line.
WRK_SCRIPT = r"""
local bodies, index, counted, cap = {}, 0, 0, 0
function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  cap = tonumber(args[3])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  index = math.random(#bodies)
end
function request()
  index = index % #bodies + 1
  return wrk.format(nil, "/v1/screen", nil, bodies[index])
end
function response(status, headers, body)
  counted = counted + 1
  if counted >= cap then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "non_2xx": %d, "socket_errors": %d,' ..
    ' "p50_us": %d, "p90_us": %d, "p99_us": %d, "p999_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_lists() -> Path:
    configured = os.environ.get("SANCTIO_LISTS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "lists"


def draw_names(home: Path, count: int, seed: int) -> list[str]:
    """Listed names (primary names and aliases) of the current versions, drawn at random."""
    with Store(home) as store:
        names = sorted({n.full for e in store.current_entities() for n in e.names})
    return random.Random(seed).sample(names, min(count, len(names)))


def start_server(home: Path, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SANCTIO_RATE_LIMIT": "0"}
    env.pop("SANCTIO_DATABASE_URL", None)
    command = [str(SANCTIO), "--home", str(home), "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log"]
    with log.open("wb") as output:
        return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)


def wait_ready(process: subprocess.Popen[bytes], log: Path, workers: int, timeout: float) -> float:
    """Seconds until every worker logged its loaded index."""
    started = time.monotonic()
    while log.read_text(errors="replace").count("index loaded") < workers:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()}")
        if time.monotonic() - started > timeout:
            raise SystemExit(f"the server was not ready after {timeout} s:\n{log.read_text()}")
        time.sleep(0.2)
    return time.monotonic() - started


def run_wrk(
    base: str, script: Path, bodies: Path, key: str, connections: int, seconds: int, cap: int
) -> dict[str, Any]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script), base, "--", str(bodies), key, str(cap)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(x for x in output.splitlines() if x.startswith("WRK "))
    result = json.loads(line[4:])
    result["connections"] = connections
    result["requests_per_s"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def screener_ceiling(home: Path, names: list[str], seconds: float) -> dict[str, float]:
    """Queries per second of one in-process Screener on the same names (no HTTP), timed on
    a second pass so its caches are as warm as a serving worker's."""
    screener = Screener.from_store(home)
    for passes in ("warm-up", "timed"):
        latencies = []
        deadline = time.perf_counter() + seconds
        for name in names:
            started = time.perf_counter()
            screener.screen(name)
            latencies.append(time.perf_counter() - started)
            if started > deadline:
                break
        print(f"in-process {passes} pass: {len(latencies)} queries")
    latencies.sort()
    return {
        "queries": len(latencies),
        "per_s_one_core": len(latencies) / sum(latencies),
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=default_lists())
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--connections", default="2,4,8,16", help="comma-separated levels")
    parser.add_argument("--seconds", type=int, default=20, help="per level")
    parser.add_argument("--max-requests", type=int, default=30_000, help="per level")
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    if not args.lists.is_dir():
        raise SystemExit(f"no lists folder {args.lists}: set SANCTIO_LISTS_DIR")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        home = Path(tmp) / "home"
        started = time.monotonic()
        with Store(home) as store:
            report = import_path(store, args.lists)
        if report.failures:
            raise SystemExit("import failed: " + "; ".join(report.failures))
        print(f"imported {len(report.results)} versions in {time.monotonic() - started:.0f} s")
        names = draw_names(home, args.names, args.seed)
        bodies = Path(tmp) / "bodies.jsonl"
        bodies.write_text("".join(json.dumps({"name": n}) + "\n" for n in names))
        script = Path(tmp) / "screen.lua"
        script.write_text(WRK_SCRIPT)
        database = Database.for_home(home)
        key = create_key(database, Role.SCREEN, name="bench", actor="bench")[1]
        ceiling = screener_ceiling(home, names, seconds=20)
        print(f"in-process Screener: {ceiling['per_s_one_core']:.0f} queries/s on one core")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = OUT / "bench_api-server.log"
        process = start_server(home, port, args.workers, log)
        try:
            ready_s = wait_ready(process, log, args.workers, timeout=600)
            print(f"{args.workers} workers ready in {ready_s:.0f} s")
            warm_up = run_wrk(base, script, bodies, key, 4, 3, 2000)  # not reported
            levels = []
            for connections in (int(c) for c in args.connections.split(",")):
                result = run_wrk(
                    base, script, bodies, key, connections, args.seconds, args.max_requests
                )
                levels.append(result)
                p50, p99 = result["p50_us"] / 1000, result["p99_us"] / 1000
                failed = result["non_2xx"] + result["socket_errors"]
                print(
                    f"c={connections:>3}: {result['requests_per_s']:6.0f} req/s, "
                    f"p50 {p50:5.1f} ms, p99 {p99:5.1f} ms, failed {failed}"
                )
            check = httpx.post(f"{base}/v1/screen", json={"name": names[0]},
                               headers={"Authorization": f"Bearer {key}"})  # fmt: skip
            check.raise_for_status()
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(120)
        with database.read() as connection:
            audited = sum(1 for _ in audit.records(connection, actions=["screen"]))
        answered = sum(r["requests"] - r["non_2xx"] for r in [warm_up, *levels]) + 1
    meeting = [r for r in levels if r["p99_us"] <= 50_000]
    best = max(meeting or levels, key=lambda r: r["requests_per_s"])
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()}",
        "workers": args.workers,
        "names": len(names),
        "screener_in_process": ceiling,
        "levels": levels,
        "best_meeting_p99": best,
        "audit_records": audited,
        "requests_answered_incl_warmup_and_check": answered,
    }
    (OUT / "bench_api.json").write_text(json.dumps(result, indent=2))
    print("\n| connections | requests/s | p50 | p90 | p99 | p99.9 | failed |")
    print("|---|---|---|---|---|---|---|")
    for r in levels:
        print(
            f"| {r['connections']} | {r['requests_per_s']:.0f} | {r['p50_us'] / 1000:.1f} ms"
            f" | {r['p90_us'] / 1000:.1f} ms | {r['p99_us'] / 1000:.1f} ms"
            f" | {r['p999_us'] / 1000:.1f} ms | {r['non_2xx'] + r['socket_errors']} |"
        )
    print(
        f"\nbest with p99 <= 50 ms: {best['requests_per_s']:.0f} req/s at c={best['connections']}"
        f" (target >= 500); audit records {audited} for {answered} requests answered (the"
        " warm-up included)"
    )


if __name__ == "__main__":
    main()
