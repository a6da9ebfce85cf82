"""The service as deployed: `sanctio serve` (uvicorn) on 127.0.0.1 and a random free port.

One server checks authentication, validation, limits, rate limiting and /match over the
wire; another takes two list updates while four clients keep screening, and no request
may fail. Both stop with SIGINT, as an operator would, and the audit trail must then hold
every screening answered.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from sanctio import audit
from sanctio.database import Database
from sanctio.model import Entity
from sanctio.server.keys import Role, create_key
from tests.factory import person
from tests.server.conftest import auth, import_list

pytestmark = pytest.mark.slow

SANCTIO = Path(sys.executable).parent / "sanctio"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(home: Path, log: Path, workers: int = 1, **env: str) -> Iterator[str]:
    """`sanctio serve` on a free port, every worker ready; stopped with SIGINT afterwards."""
    port = free_port()
    environment = {**os.environ, **env}
    environment.pop("SANCTIO_DATABASE_URL", None)
    command = [str(SANCTIO), "--home", str(home), "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not become ready"
                if log.read_text().count("index loaded") == workers:
                    break
                time.sleep(0.1)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                assert process.wait(30) == 0, log.read_text()
            finally:
                if process.poll() is None:
                    process.kill()


def invented_people(count: int, seed: int) -> list[Entity]:
    """``count`` invented persons with names made of random syllables."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vu", "zor", "dal", "bek", "sun", "ira", "po"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()

    return [person("bulk", str(n), f"{word()} {word()} {word()}") for n in range(count)]


def test_a_real_server_authenticates_validates_and_limits(home, tmp_path, database):
    screen_key = create_key(database, Role.SCREEN, actor="test")[1]
    analyst_key = create_key(database, Role.ANALYST, actor="test")[1]
    env = {"SANCTIO_RATE_LIMIT": "0.2", "SANCTIO_RATE_BURST": "6", "SANCTIO_MAX_BODY_BYTES": "4000"}
    log = tmp_path / "server.log"
    # Two workers; one keep-alive connection stays on one of them (its rate-limit bucket).
    with live_server(home, log, workers=2, **env) as base, httpx.Client() as client:
        url = f"{base}/v1/screen"
        assert client.post(url, json={"name": "Zarif"}).status_code == 401
        assert client.get(f"{base}/v1/lists", headers=auth(screen_key)).status_code == 403
        invalid = client.post(
            url, json={"name": "Zarif", "limit": "many"}, headers=auth(screen_key)
        )
        assert invalid.status_code == 422 and invalid.json()["detail"][0]["field"] == "limit"
        huge = client.post(
            url, json={"name": "Zarif", "gender": "x" * 5000}, headers=auth(screen_key)
        )
        assert huge.status_code == 413
        hit = client.post(url, json={"name": "Zarif Qudrani"}, headers=auth(screen_key)).json()
        assert hit["hits"][0]["entity_id"] == "tiny:zarif"
        example = {"schema": "Company", "properties": {"name": ["Corvid Shipping"]}}
        matched = client.post(
            f"{base}/match/default", json={"queries": {"c": example}}, headers=auth(screen_key)
        )
        assert matched.json()["responses"]["c"]["results"][0]["id"] == "tiny:corvid"
        statuses = [
            client.post(url, json={"name": "Zarif"}, headers=auth(screen_key)).status_code
            for _ in range(5)
        ]
        assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
        limited = client.post(url, json={"name": "Zarif"}, headers=auth(screen_key))
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        metrics = client.get(f"{base}/metrics", headers=auth(analyst_key)).text
        assert (
            'sanctio_http_requests_total{method="POST",route="/v1/screen",status="429"}' in metrics
        )
        assert "sanctio_list_age_seconds" in metrics
    assert screen_key not in log.read_text() and "died" not in log.read_text()


def test_new_list_versions_swap_in_under_load_with_no_failed_request(home, tmp_path, database):
    files = tmp_path / "bulk-files"
    files.mkdir()
    people = invented_people(1500, seed=4)
    first = import_list(home, files, "bulk", people, "2026-01-01")
    key = create_key(database, Role.SCREEN, actor="test")[1]
    names = [e.caption for e in people[:200]] + ["Zarif Qudrani", "Corvid Shipping"]
    outcomes: list[tuple[int, frozenset[tuple[str, int]]]] = []
    errors: list[BaseException] = []
    stop = threading.Event()
    env = {"SANCTIO_INDEX_POLL_SECONDS": "0.2", "SANCTIO_RATE_LIMIT": "0"}

    def load(base: str, worker: int) -> None:
        rng = random.Random(worker)
        with httpx.Client(base_url=base, headers=auth(key), timeout=30) as client:
            while not stop.is_set():
                try:
                    response = client.post("/v1/screen", json={"name": rng.choice(names)})
                    versions = frozenset(
                        (v["source"], v["version"]) for v in response.json().get("versions", [])
                    )
                    outcomes.append((response.status_code, versions))
                except BaseException as exc:  # a failed request is what this test looks for
                    errors.append(exc)
                    return

    def served(base: str) -> set[int]:
        return {
            v["version"]
            for v in httpx.get(f"{base}/readyz").json()["lists"]
            if v["source"] == "bulk"
        }

    with live_server(home, tmp_path / "server.log", **env) as base:
        threads = [threading.Thread(target=load, args=(base, n)) for n in range(4)]
        for thread in threads:
            thread.start()
        new_versions = []
        try:
            for step, as_of in enumerate(("2026-02-01", "2026-03-01"), start=1):
                while len(outcomes) < 100 * step and not errors:
                    time.sleep(0.05)
                extra = [*people, person("bulk", f"new-{step}", f"Added Person {step}")]
                new_versions.append(import_list(home, files, "bulk", extra, as_of))
                deadline = time.monotonic() + 120
                while new_versions[-1] not in served(base) and time.monotonic() < deadline:
                    time.sleep(0.1)
            time.sleep(0.5)  # keep screening on the newest index for a moment
        finally:
            stop.set()
            for thread in threads:
                thread.join(30)
    assert errors == []
    assert {status for status, _ in outcomes} == {200}
    seen = {dict(v)["bulk"] for _, v in outcomes}
    assert seen == {first, *new_versions}, "each version served in turn"
    assert all(dict(v)["tiny"] for _, v in outcomes)  # every answer names every list
    # The shutdown wrote every screening answered to the audit trail.
    with Database.for_home(home).read() as connection:
        assert len(list(audit.records(connection, actions=["screen"]))) == len(outcomes)
