"""POST /v1/screen and /v1/screen/batch: the Screener's results, filters, validation, limits."""

from __future__ import annotations

from sanctio import Screener
from sanctio.server import ServerSettings
from tests.server.conftest import CORVID, ZARIF, auth, running


def screen(client, key, **body):
    return client.post("/v1/screen", json=body, headers=auth(key))


def test_a_screening_returns_what_the_screener_returns(client, keys, home):
    response = screen(client, keys["screen"], name="Zarif Qudrani", birth_date="1971")
    assert response.status_code == 200
    body = response.json()
    expected = Screener.from_store(home).screen("Zarif Qudrani", birth_date="1971")
    assert [(h["entity_id"], h["score"]) for h in body["hits"]] == [
        (h.entity_id, round(h.score, 4)) for h in expected
    ]
    assert body["alerts"] == sum(h.is_alert for h in expected) >= 1
    assert body["hits"][0]["explanation"]["matched_name"]
    assert body["request_id"] == response.headers["x-request-id"]


def test_results_name_the_list_versions_used(client, keys):
    body = screen(client, keys["screen"], name="Zarif Qudrani").json()
    assert {(v["source"], v["as_of"]) for v in body["versions"]} == {
        ("tiny", "2026-02-01"),
        ("demo", "2026-02-15"),
    }


def test_a_birth_year_may_be_sent_as_a_number(client, keys):
    as_number = screen(client, keys["screen"], name="Zarif Qudrani", birth_date=1971).json()
    as_text = screen(client, keys["screen"], name="Zarif Qudrani", birth_date="1971").json()
    assert as_number["hits"] == as_text["hits"]


def test_name_parts_screen_like_the_full_name(client, keys):
    parts = screen(client, keys["screen"], first_name="Zarif", last_name="Qudrani").json()
    full = screen(client, keys["screen"], name="Zarif Qudrani").json()
    assert [h["entity_id"] for h in parts["hits"]] == [h["entity_id"] for h in full["hits"]]


def test_hits_are_filtered_by_source_and_by_programme(client, keys):
    everything = screen(client, keys["screen"], name="Zarif Omran Qudrani").json()
    assert {h["source"] for h in everything["hits"]} == {"tiny", "demo"}
    only_demo = screen(client, keys["screen"], name="Zarif Omran Qudrani", sources=["demo"]).json()
    assert {h["source"] for h in only_demo["hits"]} == {"demo"}
    sdgt = screen(client, keys["screen"], name="Zarif Omran Qudrani", programs=["sdgt"]).json()
    assert [h["entity_id"] for h in sdgt["hits"]] == [ZARIF]


def test_an_unknown_source_or_programme_is_a_422_naming_the_field(client, keys):
    response = screen(client, keys["screen"], name="Zarif", sources=["ofac-sdnn"])
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "sources"
    assert "ofac-sdnn" in response.json()["detail"][0]["message"]
    response = screen(client, keys["screen"], name="Zarif", programs=["NOPE"])
    assert response.json()["detail"][0]["field"] == "programs"


def test_identifiers_find_their_entity(client, keys):
    body = screen(
        client, keys["screen"], identifiers=[{"type": "registration", "value": "HE448812"}]
    )
    assert body.json()["hits"][0]["entity_id"] == CORVID


def test_without_explanations_hits_are_lighter(client, keys):
    body = screen(client, keys["screen"], name="Zarif Qudrani", explain=False).json()
    assert body["hits"] and all(h["explanation"] is None for h in body["hits"])


def test_validation_errors_are_422_with_the_field_path(client, keys):
    cases = [
        ({"name": "Zarif", "limit": 0}, "limit"),
        ({"name": "Zarif", "threshold": 1.5}, "threshold"),
        ({"name": "Zarif", "birth_dat": "1971"}, "birth_dat"),
        ({"name": "x" * 501}, "name[0]"),
        ({"name": "Zarif", "identifiers": [{"value": "1", "kind": "x"}]}, "identifiers[0]"),
    ]
    for body, field in cases:
        response = screen(client, keys["screen"], **body)
        assert response.status_code == 422, body
        fields = [e["field"] for e in response.json()["detail"]]
        assert any(f.startswith(field) for f in fields), (body, fields)


def test_a_query_the_screener_refuses_is_a_422_naming_its_field(client, keys):
    response = screen(client, keys["screen"], name="Zarif", birth_date="3rd of May")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "birth_date", "message": response.json()["detail"][0]["message"]}
    ]
    assert screen(client, keys["screen"], countries=["SY"]).status_code == 422  # no name


def test_a_body_over_the_size_limit_is_refused_with_413(home, keys):
    with running(ServerSettings(home=home, max_body_bytes=1000, key_cache_seconds=0)) as client:
        response = screen(client, keys["screen"], name="Zarif", gender="m" * 2000)
        assert response.status_code == 413
        assert "1000 bytes" in response.json()["detail"]
        chunked = client.post(
            "/v1/screen",
            content=iter([b'{"name": "', b"a" * 600, b"a" * 600, b'"}']),
            headers={**auth(keys["screen"]), "content-type": "application/json"},
        )
        assert chunked.status_code == 413


def test_a_batch_answers_each_party_under_its_key(client, keys):
    parties = [
        {"key": "c-1", "name": "Zarif Qudrani", "birth_date": "1971"},
        {"key": "c-2", "name": "Corvid Shipping", "schema": "Organization"},
        {"key": "c-3", "name": "Zarif", "birth_date": "not a date"},
        {"key": "c-4", "name": "Mathilde Quennell"},
    ]
    response = client.post(
        "/v1/screen/batch", json={"parties": parties}, headers=auth(keys["screen"])
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["key"] for r in results] == ["c-1", "c-2", "c-3", "c-4"]
    assert results[0]["hits"][0]["entity_id"] == ZARIF and results[0]["alerts"] >= 1
    assert results[1]["hits"][0]["entity_id"] == CORVID
    assert results[2]["status"] == "error" and results[2]["error"]["field"] == "birth_date"
    assert results[3] == {"key": "c-4", "status": "ok", "alerts": 0, "hits": [], "error": None}
    single = screen(client, keys["screen"], name="Zarif Qudrani", birth_date="1971").json()
    assert results[0]["hits"] == single["hits"]


def test_a_batch_refuses_duplicate_keys_and_too_many_parties(home, keys):
    with running(ServerSettings(home=home, max_batch=3, key_cache_seconds=0)) as client:
        twice = [
            {"key": "a", "name": "X Y"},
            {"key": "b", "name": "X Y"},
            {"key": "a", "name": "Z"},
        ]
        response = client.post(
            "/v1/screen/batch", json={"parties": twice}, headers=auth(keys["screen"])
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["field"] == "parties[2].key"
        four = [{"key": str(i), "name": "X Y"} for i in range(4)]
        response = client.post(
            "/v1/screen/batch", json={"parties": four}, headers=auth(keys["screen"])
        )
        assert response.status_code == 422
        assert response.json()["detail"][0] == {
            "field": "parties",
            "message": "4 parties; the limit is 3",
            "type": "too_long",
        }
        nested = [{"key": "a", "name": "X Y", "limit": 3}]
        response = client.post(
            "/v1/screen/batch", json={"parties": nested}, headers=auth(keys["screen"])
        )
        assert response.json()["detail"][0]["field"] == "parties[0].limit"


def test_a_key_over_its_rate_gets_429_with_retry_after(home, keys):
    with running(
        ServerSettings(home=home, rate_limit=0.5, rate_burst=3, key_cache_seconds=0)
    ) as client:
        statuses = [screen(client, keys["screen"], name="Zarif").status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        refused = screen(client, keys["screen"], name="Zarif")
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "2"
        assert "rate limit" in refused.json()["detail"]
        # Another key has its own bucket; a batch costs one token per party.
        parties = [{"key": str(i), "name": "X Y"} for i in range(4)]
        batch = client.post(
            "/v1/screen/batch", json={"parties": parties}, headers=auth(keys["analyst"])
        )
        assert batch.status_code == 200
        assert screen(client, keys["analyst"], name="Zarif").status_code == 429
