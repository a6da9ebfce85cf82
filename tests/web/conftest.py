"""A small UI to test against: invented lists in a temporary store, a case database with
one account per role, and a test client per browser.

``make_ui`` builds a fresh UI (own store and database); ``ui`` is one shared by the tests
that only read. ``Browser`` wraps a test client with what a person does: log in, read the
CSRF token off a page, post a form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sanctio.database import Database
from sanctio.model import Relationship, RelationshipKind
from sanctio.monitor import customers, run_monitor
from sanctio.monitor.settings import save_settings
from sanctio.screener import Screener
from sanctio.store import Store
from sanctio.web import WebContext, WebSettings, create_web_app
from sanctio.web.users import create_user
from tests.factory import organization, parsed_list, person

PASSWORD = "correct horse battery"
ROLES = {"ana": "analyst", "rev": "reviewer", "adm": "admin"}

_TOKEN = re.compile(r'name="(csrf_token|login_token)" value="([^"]+)"')


def tiny_lists(tmp_path: Path) -> list:
    """Two versions of an invented list; the second adds, removes and changes entities and
    holds names and remarks with HTML in them."""
    assad = person(
        "tiny", "1", "Bashar al-Assad", "بشار الأسد", birth_dates=["1965-09-11"],
        nationalities=["sy"], programs=["SYRIA"], gender="male",
    )  # fmt: skip
    old = [
        assad,
        person("tiny", "2", "Rami Makhlouf", programs=["SYRIA"], birth_dates=["1969-07-10"]),
        organization("tiny", "3", "Old Trading LLC", programs=["IRAN"]),
    ]
    new = [
        person(
            "tiny",
            "1",
            "Bashar al-Assad",
            "بشار الأسد",
            "Bashar Hafez al-Assad",
            birth_dates=["1965-09-11"],
            nationalities=["sy"],
            programs=["SYRIA", "SYRIA-EO13894"],
            gender="male",
        ),
        person("tiny", "2", "Rami Makhlouf", programs=["SYRIA"], birth_dates=["1969-07-10"]),
        organization(
            "tiny",
            "4",
            "<script>alert('x')</script> Holdings",
            programs=["<b>BOLD</b>"],
            remarks="<img src=x onerror=alert(1)>",
        ),
        organization(
            "tiny",
            "5",
            "Cham Holding",
            programs=["SYRIA"],
            relationships=(
                Relationship(RelationshipKind.LINKED_TO, target_id="tiny:2"),
                Relationship(RelationshipKind.LINKED_TO, target_id="tiny:4"),
            ),
        ),
    ]
    return [
        parsed_list(tmp_path, "tiny", old, content="v1"),
        parsed_list(tmp_path, "tiny", new, content="v2"),
    ]


@dataclass
class UI:
    """One UI under test: its app, store home, database and a clock tests can move."""

    home: Path
    database: Database
    app: FastAPI
    now: list[float] = field(default_factory=lambda: [1_000_000.0])

    def browser(self) -> Browser:
        """A new browser (its own cookies)."""
        return Browser(TestClient(self.app, base_url="http://testserver", follow_redirects=False))


@dataclass
class Browser:
    """A test client with a person's habits."""

    client: TestClient

    def get(self, path: str, **kwargs: object):
        return self.client.get(path, **kwargs)

    def token(self, path: str) -> str:
        """The CSRF token of the form on a page."""
        page = self.client.get(path)
        assert page.status_code == 200, page.text
        return dict(_TOKEN.findall(page.text))["csrf_token"]

    def post_form(self, path: str, data: dict[str, object], *, from_page: str = "/ui/screen"):
        """Post a form with the CSRF token read off ``from_page``."""
        return self.client.post(path, data={"csrf_token": self.token(from_page), **data})

    def login(self, name: str, password: str = PASSWORD):
        page = self.client.get("/ui/login")
        token = dict(_TOKEN.findall(page.text))["login_token"]
        return self.client.post(
            "/ui/login", data={"name": name, "password": password, "login_token": token}
        )


def build_ui(tmp_path: Path, settings: WebSettings | None = None) -> UI:
    home = tmp_path / "home"
    with Store(home) as store:
        for version, parsed in enumerate(tiny_lists(tmp_path), start=1):
            store.import_version(parsed, as_of=f"2024-0{version}-01", as_of_origin="file")
        screener = Screener(list(store.current_entities()), versions=store.current_versions())
    database = Database(f"sqlite:///{home / 'cases.db'}")  # where the service looks
    for name, role in ROLES.items():
        create_user(database, name, role, PASSWORD, actor="test")
    # Customers alerting on the lists (one with HTML in its name); false positives need a
    # second reviewer too, as many banks configure it.
    found = [
        customers.CustomerInput("C-1", {"name": "Bashar al-Assad", "birth_date": "1965-09-11"}),
        customers.CustomerInput(
            "C-2", {"name": "<script>alert('x')</script> Holdings", "schema": "Organization"}
        ),
        customers.CustomerInput("C-3", {"name": "Rami Makhlouf", "birth_date": "1990"}),
    ]
    customers.import_customers(database, found, "test")
    save_settings(database, "test", four_eyes=("true_match", "false_positive"))
    with Store(home) as store:
        run_monitor(database, store, "test")
    ui = UI(home, database, FastAPI())
    context = WebContext(
        home=home,
        database=database,
        screener=lambda: screener,
        settings=settings or WebSettings(),
        clock=lambda: ui.now[0],
    )
    ui.app.mount("/ui", create_web_app(context))
    return ui


@pytest.fixture
def make_ui(tmp_path: Path) -> Iterator[Callable[..., UI]]:
    """Builds a fresh UI, with its own store and database."""
    built: list[UI] = []

    def make(settings: WebSettings | None = None) -> UI:
        built.append(build_ui(tmp_path / str(len(built)), settings))
        return built[-1]

    yield make
    for ui in built:
        ui.database.close()


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UI]:
    """One UI shared by a module's tests that do not change accounts or settings."""
    built = build_ui(tmp_path_factory.mktemp("ui"))
    yield built
    built.database.close()


@pytest.fixture
def analyst(ui: UI) -> Browser:
    browser = ui.browser()
    assert browser.login("ana").status_code == 303
    return browser


@pytest.fixture
def admin(ui: UI) -> Browser:
    browser = ui.browser()
    assert browser.login("adm").status_code == 303
    return browser
