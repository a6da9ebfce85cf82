"""The index a process serves: loading, readiness, atomic swaps, failed builds."""

from __future__ import annotations

from pathlib import Path

from sanctio import Screener
from sanctio.server import ServerSettings
from tests.factory import person
from tests.server.conftest import auth, import_list, running, tiny_entities


def test_readiness_reports_each_list_and_its_age(client):
    ready = client.get("/readyz").json()
    assert ready["ready"] is True and ready["entities"] == 7 and ready["last_error"] is None
    assert [(x["source"], x["as_of"]) for x in ready["lists"]] == [
        ("demo", "2026-02-15"),
        ("tiny", "2026-02-01"),
    ]
    assert all(x["age_days"] > 0 for x in ready["lists"])


def test_an_empty_store_is_not_ready_and_screening_answers_503(tmp_path, keys):
    settings = ServerSettings(home=tmp_path / "empty", index_poll_seconds=3600)
    from fastapi.testclient import TestClient

    from sanctio.server import create_app

    with TestClient(create_app(settings)) as client:
        client.app.state.sanctio.index.refresh()
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.headers["retry-after"] == "5"
        assert "no lists imported" in ready.json()["last_error"]


def test_a_new_version_is_swapped_in_and_old_indexes_stay_usable(client, keys, home, tmp_path):
    holder = client.app.state.sanctio.index
    before = holder.current
    version = import_list(
        home, tmp_path, "tiny", [*tiny_entities(with_new=True), person("tiny", "new", "Odo Brask")],
        "2026-03-01",
    )  # fmt: skip
    assert holder.refresh() is True
    after = holder.current
    assert after is not before and holder.swaps == 1
    assert ("tiny", version) in after.fingerprint
    # A request that took the old index before the swap still screens on it, unchanged.
    assert before.screener.screen("Odo Brask") == []
    assert after.screener.screen("Odo Brask")[0].entity_id == "tiny:new"
    body = client.post("/v1/screen", json={"name": "Odo Brask"}, headers=auth(keys["screen"]))
    assert body.json()["hits"][0]["entity_id"] == "tiny:new"
    assert holder.refresh() is False  # nothing new: no rebuild


def test_a_failed_build_keeps_the_previous_index_serving(settings, keys, home, tmp_path):
    builds = {"fail": False}

    def build(path: Path) -> Screener:
        if builds["fail"]:
            raise MemoryError("out of memory while building")
        return Screener.from_store(path)

    with running(settings, build=build) as client:
        holder = client.app.state.sanctio.index
        served = holder.current
        import_list(home, tmp_path, "tiny", tiny_entities(), "2026-04-01")
        builds["fail"] = True
        assert holder.refresh() is False
        assert holder.current is served
        ready = client.get("/readyz").json()
        assert ready["ready"] is True and "out of memory" in ready["last_error"]
        response = client.post("/v1/screen", json={"name": "Zarif"}, headers=auth(keys["screen"]))
        assert response.status_code == 200
        assert {v["as_of"] for v in response.json()["versions"]} == {"2026-02-01", "2026-02-15"}
        builds["fail"] = False
        assert holder.refresh() is False  # the same versions failed: not retried at once
        holder.request_refresh()  # an explicit update retries
        assert holder.refresh() is True and holder.last_error is None
