"""End to end in a real headless Chromium against `sanctio serve` with every shared list.

A real server process (`sanctio serve`, uvicorn on 127.0.0.1) over a store
holding every official list in ../shared/lists, and a customer register with a namesake
of Bashar al-Assad. An analyst logs in, screens "Bashar al-Assad", opens the top hit,
opens the customer's alert and proposes it as a false positive with a reason; a reviewer
confirms it (four-eyes); the decision is then found in the audit view. Screenshots of
each step go to test-artifacts/e2e/ (kept by CI as artifacts, ignored by git).

Chromium is Debian's (/usr/bin/chromium, installed by .ci/run); Playwright drives it and
never downloads a browser. Without it the test is skipped, except in CI, where it fails.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sanctio.database import Database
from sanctio.monitor import customers, run_monitor
from sanctio.monitor.settings import save_settings
from sanctio.store import Store
from sanctio.updates import update
from sanctio.web.users import create_user
from tests.conftest import REPO

pytestmark = [pytest.mark.real_lists, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts" / "e2e"
PASSWORD = "correct horse battery"
READY_SECONDS = 300
SANCTIO = str(Path(sys.executable).with_name("sanctio"))  # the installed command


def _required(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's Chromium; in CI its absence fails the run."""
    if not CHROMIUM.exists():
        _required(f"{CHROMIUM} not found: apt-get install chromium")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> Iterator[str]:
    """A home with every shared list, two accounts and a customer alerting on the lists,
    served by `sanctio serve`; yields the server's address."""
    home = tmp_path_factory.mktemp("e2e") / "home"
    with Store(home) as store:
        report = update(store, from_path=lists_dir)
    assert not report.failures, report.failures
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SANCTIO_DATABASE_URL"}
    env["SANCTIO_HOME"] = str(home)
    log_path = ARTIFACTS.parent / "e2e-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    server = subprocess.Popen(
        [SANCTIO, "--home", str(home), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # While the server builds its index, register the customer and screen it.
        database = Database(f"sqlite:///{home / 'cases.db'}")
        create_user(database, "ana", "analyst", PASSWORD, actor="e2e")
        create_user(database, "rev", "reviewer", PASSWORD, actor="e2e")
        save_settings(database, "e2e", four_eyes=("true_match", "false_positive"))
        namesake = {"name": "Bashar al-Assad", "schema": "Person"}
        customers.import_customers(database, [customers.CustomerInput("C-7001", namesake)], "e2e")
        with Store(home) as store:
            run_monitor(database, store, "e2e")
        database.close()
        _wait_ready(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"sanctio serve exited with {server.returncode}; see {ARTIFACTS.parent}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"sanctio serve was not ready within {READY_SECONDS} s")


def test_an_analyst_and_a_reviewer_clear_a_namesake_in_a_real_browser(
    chromium: Path, served: str
) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def shot(page, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def log_in(page, name: str) -> None:
        page.goto(f"{served}/")
        expect(page).to_have_url(re.compile(r"/ui/login"))
        page.get_by_label("Name").fill(name)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            analyst = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            log_in(analyst, "ana")
            shot(analyst, "01-screen-form")
            # The keyboard reaches the skip link first.
            analyst.keyboard.press("Tab")
            expect(analyst.get_by_role("link", name="Skip to main content")).to_be_focused()

            analyst.get_by_label("Name", exact=True).fill("Bashar al-Assad")
            analyst.get_by_role("button", name="Screen", exact=True).click()
            expect(analyst.get_by_role("heading", name=re.compile("Results for"))).to_be_visible()
            top = analyst.locator("ol.hits > li").first
            expect(top.get_by_text("Alert", exact=True)).to_be_visible()
            expect(top.get_by_text("How the name parts aligned")).to_be_visible()
            shot(analyst, "02-screening-results")

            top.get_by_role("heading").get_by_role("link").click()
            expect(analyst.get_by_role("heading", level=1)).to_contain_text(
                re.compile("assad", re.I)
            )
            expect(analyst.get_by_role("heading", name="Names")).to_be_visible()
            expect(analyst.get_by_role("heading", name=re.compile("Exposure"))).to_be_visible()
            shot(analyst, "03-entity")

            analyst.get_by_role("link", name="Alerts").click()
            analyst.locator("table.queue tbody tr").filter(has_text="C-7001").first.get_by_role(
                "link"
            ).click()
            expect(
                analyst.get_by_role("heading", name="Customer and listed entity")
            ).to_be_visible()
            alert_url = analyst.url
            shot(analyst, "04-alert")

            analyst.get_by_label(re.compile("False positive")).check()
            analyst.get_by_label("Reason (required)").fill(
                "Namesake: our customer is a dentist born in 1979 in Lyon, French passport seen."
            )
            analyst.get_by_role("button", name="Record the decision").click()
            expect(
                analyst.get_by_text("A second, different reviewer must confirm it")
            ).to_be_visible()
            shot(analyst, "05-false-positive-proposed")
            analyst.get_by_role("button", name="Log out").click()
            expect(analyst).to_have_url(re.compile(r"/ui/login"))

            reviewer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            log_in(reviewer, "rev")
            reviewer.goto(alert_url)
            reviewer.get_by_role("button", name="Confirm false positive").click()
            expect(reviewer.get_by_text("confirmed by user:rev")).to_be_visible()
            shot(reviewer, "06-false-positive-confirmed")

            reviewer.get_by_role("link", name="Audit").click()
            reviewer.get_by_label("Customer id or name contains").fill("C-7001")
            reviewer.get_by_role("button", name="Find").click()
            reviewer.get_by_role("link", name="C-7001").click()
            expect(reviewer.get_by_text("Audit trail verified")).to_be_visible()
            expect(
                reviewer.get_by_text(
                    re.compile("false positive by user:ana, confirmed by user:rev")
                )
            ).to_be_visible()
            shot(reviewer, "07-audit-evidence")

            # The lists, and the Syria entries that changed between the two SDN versions.
            reviewer.get_by_role("link", name="Lists").click()
            expect(reviewer.get_by_role("heading", name="ofac-sdn")).to_be_visible()
            shot(reviewer, "08-lists")
            reviewer.goto(f"{served}/ui/lists/ofac-sdn/diff?programme=SYRIA&change=changed")
            expect(reviewer.get_by_text("6870 added, 881 removed")).to_be_visible()
            expect(reviewer.locator("table.diff tbody tr").first).to_be_visible()
            shot(reviewer, "09-sdn-syria-changes")
        finally:
            browser.close()
