"""Analyst endpoints: entities, search, lists and diffs, and the admin update."""

from __future__ import annotations

import shutil

from sanctio import audit
from tests.server.conftest import ZARIF, auth


def test_an_entity_is_served_with_its_list_version(client, keys):
    body = client.get(f"/v1/entities/{ZARIF}", headers=auth(keys["analyst"])).json()
    assert body["entity"]["names"][0]["full"] == "Zarif Omran Qudrani"
    assert body["version"]["source"] == "tiny" and body["version"]["as_of"] == "2026-02-01"
    missing = client.get("/v1/entities/tiny:nobody", headers=auth(keys["analyst"]))
    assert missing.status_code == 404 and "tiny:nobody" in missing.json()["detail"]


def test_search_ranks_listed_names_for_analysts(client, keys):
    body = client.get("/v1/search", params={"q": "Corvid"}, headers=auth(keys["analyst"])).json()
    assert body["query"] == "Corvid"
    assert body["results"][0]["entity_id"] == "tiny:corvid"
    empty = client.get("/v1/search", params={"q": ""}, headers=auth(keys["analyst"]))
    assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "q"


def test_lists_show_every_version_and_which_are_served(client, keys):
    lists = client.get("/v1/lists", headers=auth(keys["analyst"])).json()["lists"]
    assert [(v["source"], v["as_of"], v["is_current"], v["served"]) for v in lists] == [
        ("demo", "2026-02-15", True, True),
        ("tiny", "2026-01-01", False, False),
        ("tiny", "2026-02-01", True, True),
    ]


def test_a_diff_names_what_changed_between_versions(client, keys):
    response = client.get(
        "/v1/lists/tiny/diff", params={"from": "2026-01-01"}, headers=auth(keys["analyst"])
    )
    assert response.status_code == 200
    body = response.json()
    assert body["summary"] == {"added": 1, "removed": 0, "changed": 0}
    assert body["added"] == [{"id": "tiny:varga", "caption": "Ilona Varga Benedek"}]
    unknown = client.get("/v1/lists/nope/diff", params={"from": "1"}, headers=auth(keys["analyst"]))
    assert unknown.status_code == 404
    no_from = client.get("/v1/lists/tiny/diff", headers=auth(keys["analyst"]))
    assert no_from.status_code == 422 and no_from.json()["detail"][0]["field"] == "from"


def test_an_admin_update_imports_new_lists_and_the_index_follows(
    client, keys, no_downloads, fixtures_dir
):
    shutil.copy(fixtures_dir / "un_xml" / "consolidated.xml", no_downloads / "un.xml")
    response = client.post("/v1/admin/update", json={}, headers=auth(keys["admin"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert [v["source"] for v in body["imported"]] == ["un"] and body["index"] == "rebuilding"
    index = client.app.state.sanctio.index
    for _ in range(200):
        if index.current and "un" in index.current.screener.sources:
            break
        index.refresh()
    assert "un" in {v["source"] for v in client.get("/readyz").json()["lists"]}
    again = client.post("/v1/admin/update", json={}, headers=auth(keys["admin"])).json()
    assert again["imported"] == [] and again["unchanged"] == ["un"]


def test_a_failed_admin_update_is_a_clear_error_and_is_audited(
    client, keys, no_downloads, database
):
    (no_downloads / "notes.txt").write_text("not a list")
    response = client.post("/v1/admin/update", json={}, headers=auth(keys["admin"]))
    assert response.status_code == 400 and "no official list file" in response.json()["detail"]
    with database.read() as connection:
        (record,) = audit.records(connection, actions=["lists.update"])
    assert "no official list file" in record.payload["error"]
    assert client.get("/readyz").json()["ready"] is True
