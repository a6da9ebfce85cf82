"""Exposure over HTTP: one party's section, and the section a screening may carry."""

from __future__ import annotations

from tests.server.conftest import ZARIF, auth


def test_an_analyst_reads_the_exposure_of_a_listed_entity(client, keys):
    response = client.get(f"/v1/exposure/{ZARIF}?hops=2", headers=auth(keys["analyst"]))
    assert response.status_code == 200
    section = response.json()
    assert ZARIF in str(section)


def test_exposure_is_refused_to_a_screening_key(client, keys):
    response = client.get(f"/v1/exposure/{ZARIF}", headers=auth(keys["screen"]))
    assert response.status_code == 403


def test_an_unknown_party_is_a_clear_404(client, keys):
    response = client.get("/v1/exposure/tiny:nobody", headers=auth(keys["analyst"]))
    assert response.status_code == 404
    assert "nobody" in response.json()["detail"]


def test_hops_out_of_range_are_a_422(client, keys):
    response = client.get(f"/v1/exposure/{ZARIF}?hops=0", headers=auth(keys["analyst"]))
    assert response.status_code == 422


def test_a_screening_asked_for_exposure_carries_it_for_each_alert(client, keys):
    body = {"name": "Zarif Qudrani", "exposure": True}
    result = client.post("/v1/screen", json=body, headers=auth(keys["screen"])).json()
    alerts = [h["entity_id"] for h in result["hits"] if h["is_alert"]]
    assert alerts
    assert set(result["exposure"]["entities"]) == set(alerts)


def test_a_screening_carries_no_exposure_unless_asked(client, keys):
    body = {"name": "Zarif Qudrani"}
    result = client.post("/v1/screen", json=body, headers=auth(keys["screen"])).json()
    assert result["exposure"] is None
