"""The UI as `sanctio serve` runs it: mounted in the HTTP service's app, on its state."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from sanctio.exposure import cache as exposure_cache
from sanctio.server import ServerSettings, create_app
from sanctio.web import list_diff
from tests.web.conftest import PASSWORD, Browser


def test_the_service_serves_the_ui_at_ui_on_its_own_index_and_warms_its_caches(
    make_ui,
) -> None:
    ui = make_ui()
    app = create_app(ServerSettings(home=ui.home, index_poll_seconds=3600))
    with TestClient(app, follow_redirects=False) as client:
        state = app.state.sanctio
        assert state.index.wait_ready(30)
        root = client.get("/")
        assert root.status_code == 307
        assert root.headers["location"] == "/ui/"
        browser = Browser(client)
        assert browser.login("ana", PASSWORD).status_code == 303
        page = browser.get("/ui/entities/tiny:1")
        assert page.status_code == 200
        assert "Bashar al-Assad" in page.text
        screener = state.index.current.screener
        deadline = time.monotonic() + 30
        while screener not in exposure_cache._exposures and time.monotonic() < deadline:
            time.sleep(0.1)
        assert screener in exposure_cache._exposures
        key = (str(ui.home / "sanctio.db"), 1, 2)
        while list_diff._diffs.get(key) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list_diff._diffs.get(key) is not None
        # the API is still the API: its own routes and errors are untouched
        assert client.get("/healthz").status_code == 200
