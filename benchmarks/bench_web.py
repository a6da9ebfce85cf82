"""Web UI benchmark: server time of every page with all shared lists loaded.

The real service (``sanctio.server.create_app``, the UI mounted at /ui) runs in this
process over a store holding every list in ../shared/lists and a case database with
customers planted from the SDN list and monitored (so the alert queue, alert pages and
evidence reports have real alerts). Each page is requested through the ASGI app (no
network): the first request (cold: caches empty) and then ``--runs`` more; the figures
are the time from request to complete response, an upper bound of server time. As in
service, the UI's caches (exposure graph, latest list diffs) are warmed when the index
loads; the benchmark waits for that and reports how long it took.

Run: make bench-web   (or: .venv/bin/python benchmarks/bench_web.py [--home HOME] [--runs N])
Target (issue 7): every page under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 300.0
PASSWORD = "benchmark password"
CUSTOMERS = 300


def build_home(home: Path, lists_dir: Path) -> None:
    """Import every list, create the accounts, plant customers and run monitoring."""
    from sanctio.database import Database
    from sanctio.monitor import customers, run_monitor
    from sanctio.store import Store
    from sanctio.updates import update
    from sanctio.web.users import create_user

    started = time.perf_counter()
    with Store(home) as store:
        report = update(store, from_path=lists_dir)
        if report.failures:
            sys.exit("import failed: " + "; ".join(report.failures))
        sdn = store.current_version("ofac-sdn")
        people = [e for e in store.entities(sdn.id) if e.schema.value == "Person"]
    print(f"imported every list in {time.perf_counter() - started:.1f} s", flush=True)
    db = Database.for_home(home)
    create_user(db, "bench-admin", "admin", PASSWORD, actor="bench")
    step = max(1, len(people) // CUSTOMERS)
    planted = [
        customers.CustomerInput(f"C-{n:05d}", {"name": person.caption, "schema": "Person"})
        for n, person in enumerate(people[::step][:CUSTOMERS])
    ]
    customers.import_customers(db, planted, "bench")
    started = time.perf_counter()
    with Store(home) as store:
        run = run_monitor(db, store, "bench")
    print(f"monitored {CUSTOMERS} customers in {time.perf_counter() - started:.1f} s: {run.counts}")
    db.close()


def measure(
    request: Callable[..., object], runs: int, prepare: Callable[[], object] | None = None
) -> tuple[float, list[float]]:
    """The first request's time and the next ``runs`` times, in milliseconds; ``prepare``
    (untimed) gives each request its argument."""
    timings = []
    for _ in range(runs + 1):
        argument = prepare() if prepare else None
        started = time.perf_counter()
        response = request(argument) if prepare else request()
        timings.append((time.perf_counter() - started) * 1000)
        status = getattr(response, "status_code", 200)
        if status >= 400:
            sys.exit(f"request failed with {status}")
    return timings[0], timings[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("SANCTIO_LISTS_DIR") or str(REPO.parent / "shared" / "lists")
    parser.add_argument("--lists", default=default, help="folder of official list files")
    parser.add_argument("--home", help="an existing home built by an earlier run (kept)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if args.home:
        home = Path(args.home)
        if not (home / "sanctio.db").exists():
            home.mkdir(parents=True, exist_ok=True)
            build_home(home, Path(args.lists))
    else:
        home = Path(tempfile.mkdtemp(prefix="sanctio-bench-web-")) / "home"
        build_home(home, Path(args.lists))
    os.environ.pop("SANCTIO_DATABASE_URL", None)

    from fastapi.testclient import TestClient

    from sanctio.server import ServerSettings, create_app
    from sanctio.web import entity_view, list_diff

    app = create_app(ServerSettings(home=home, index_poll_seconds=3600))
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        started = time.perf_counter()
        if not app.state.sanctio.index.wait_ready(600):
            sys.exit(f"index not ready: {app.state.sanctio.index.last_error}")
        print(f"index loaded in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        screener = app.state.sanctio.index.current.screener
        while screener not in entity_view._exposures or len(list_diff._diffs.items) < 3:
            time.sleep(0.1)  # the service warms its UI caches as soon as the index is live
        print(f"UI caches warmed in {time.perf_counter() - started:.1f} s", flush=True)

        def login_token() -> str:
            login = client.get("/ui/login").text
            return re.search(r'name="login_token" value="([^"]+)"', login).group(1)

        def log_in(token: str) -> object:
            return client.post(
                "/ui/login",
                data={"name": "bench-admin", "password": PASSWORD, "login_token": token},
            )

        log_in(login_token())

        def screen_form() -> dict[str, str]:
            page = client.get("/ui/screen").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            return {"csrf_token": csrf, "name": "Bashar al-Assad"}

        def screen(form: dict[str, str]) -> object:
            return client.post("/ui/screen", data=form)

        screening = client.post("/ui/screen", data=screen_form()).headers["location"]
        alert = re.search(r'href="(/ui/alerts/\d+)"', client.get("/ui/alerts").text).group(1)
        pages: list[tuple[str, Callable[..., object]]] = [
            ("GET login form", lambda: client.get("/ui/login")),
            ("GET screen form", lambda: client.get("/ui/screen")),
            ("POST screen Bashar al-Assad (screen, audit)", screen),
            ("GET screening results", lambda: client.get(screening)),
            ("GET entity ofac-sdn:12735", lambda: client.get("/ui/entities/ofac-sdn:12735")),
            ("GET lists", lambda: client.get("/ui/lists")),
            (
                "GET SDN diff 2021-07 to 2024-05-03, SYRIA",
                lambda: client.get("/ui/lists/ofac-sdn/diff", params={"programme": "SYRIA"}),
            ),
            (
                "GET SDN diff, changed, page 3",
                lambda: client.get(
                    "/ui/lists/ofac-sdn/diff", params={"change": "changed", "page": 3}
                ),
            ),
            ("GET alert queue", lambda: client.get("/ui/alerts")),
            (
                "GET alert queue, SYRIA, by customer",
                lambda: client.get("/ui/alerts", params={"programme": "SYRIA", "sort": "customer"}),
            ),
            ("GET alert page", lambda: client.get(alert)),
            ("GET audit search", lambda: client.get("/ui/audit", params={"q": "C-0001"})),
            ("GET evidence report", lambda: client.get("/ui/audit/customers/C-00010")),
            ("GET users", lambda: client.get("/ui/admin/users")),
            ("POST login (Argon2id check)", log_in),
        ]
        rows = []
        for label, request in pages:
            prepare = {log_in: login_token, screen: screen_form}.get(request)
            cold, warm = measure(request, args.runs, prepare)
            ordered = sorted(warm)
            p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
            rows.append((label, cold, statistics.median(warm), p95, ordered[-1]))
            print(
                f"{label:<48} first {cold:7.1f} ms  median {rows[-1][2]:6.1f}  "
                f"p95 {p95:6.1f}  max {ordered[-1]:6.1f}",
                flush=True,
            )
    worst = max(r[2] for r in rows)
    print()
    print(
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}; runs per page: {args.runs}"
    )
    print("| page | first request | median | p95 | max |")
    print("|---|---|---|---|---|")
    for label, cold, median, p95, top in rows:
        print(f"| {label} | {cold:.0f} ms | {median:.1f} ms | {p95:.1f} ms | {top:.1f} ms |")
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"\nslowest median {worst:.1f} ms: target {TARGET_MS:.0f} ms {verdict}")


if __name__ == "__main__":
    main()
