"""POST /match/{dataset}: yente's request and response shapes, answered by the Screener."""

from __future__ import annotations

from tests.server.conftest import CORVID, ZARIF, auth

PERSON = {
    "schema": "Person",
    "properties": {
        "firstName": ["Zarif"],
        "lastName": ["Qudrani", "al-Qudrani"],
        "birthDate": ["1971-02-03"],
        "nationality": ["Yemen"],
        "passportNumber": ["P7734521"],
    },
}
COMPANY = {"schema": "Company", "properties": {"name": "Corvid Shipping", "jurisdiction": ["cy"]}}


def match(client, key, queries, dataset="default", **params):
    return client.post(
        f"/match/{dataset}", json={"queries": queries}, params=params, headers=auth(key)
    )


def test_a_yente_request_gets_a_yente_response(client, keys):
    response = match(client, keys["screen"], {"p": PERSON, "c": COMPANY})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"responses", "limit"} and body["limit"] == 5
    person = body["responses"]["p"]
    assert person["status"] == 200
    assert person["total"] == {"value": len(person["results"]), "relation": "eq"}
    assert person["query"]["schema"] == "Person"
    assert person["query"]["properties"]["lastName"] == ["Qudrani", "al-Qudrani"]
    top = person["results"][0]
    assert set(top) >= {"id", "caption", "schema", "properties", "datasets", "score", "match"}
    assert top["id"] == ZARIF and top["schema"] == "Person" and top["datasets"] == ["tiny"]
    assert top["match"] is True and top["score"] >= 0.8
    assert top["properties"]["name"] == ["Zarif Omran Qudrani"]
    assert top["properties"]["passportNumber"] == ["P7734521"]
    assert top["features"]["name_score"] > 0.5
    assert body["responses"]["c"]["results"][0]["id"] == CORVID


def test_match_scores_are_the_screeners_scores(client, keys):
    example = {"schema": "Person", "properties": {"name": ["Zarif Qudrani"], "birthDate": "1971"}}
    matched = match(client, keys["screen"], {"q": example}, limit=10).json()
    screened = client.post(
        "/v1/screen",
        json={"name": "Zarif Qudrani", "birth_date": "1971", "schema": "Person"},
        headers=auth(keys["screen"]),
    ).json()
    assert [(r["id"], r["score"]) for r in matched["responses"]["q"]["results"]] == [
        (h["entity_id"], h["score"]) for h in screened["hits"]
    ]


def test_threshold_decides_match_and_datasets_filter_results(client, keys):
    example = {"schema": "Person", "properties": {"name": ["Zarif Omran Qudrani"]}}
    default = match(client, keys["screen"], {"q": example}).json()["responses"]["q"]["results"]
    assert default[0]["match"] is True and default[0]["score"] == 1.0
    loose = {"schema": "Person", "properties": {"name": ["Zarif Omran Kudrany"]}}
    strict = match(client, keys["screen"], {"q": loose}, threshold=0.99).json()
    assert strict["responses"]["q"]["results"]
    assert not any(r["match"] for r in strict["responses"]["q"]["results"])
    only_demo = match(client, keys["screen"], {"q": example}, dataset="demo").json()
    assert {r["datasets"][0] for r in only_demo["responses"]["q"]["results"]} == {"demo"}
    excluded = match(
        client, keys["screen"], {"q": example}, exclude_dataset="demo", exclude_entity_ids=ZARIF
    ).json()
    assert excluded["responses"]["q"]["results"] == []
    peps = match(client, keys["screen"], {"q": example}, topics="role.pep").json()
    assert peps["responses"]["q"]["results"] == []


def test_match_refuses_what_yente_refuses(client, keys):
    unknown_dataset = match(client, keys["screen"], {"q": PERSON}, dataset="nope")
    assert unknown_dataset.status_code == 404 and "default" in unknown_dataset.json()["detail"]
    bad_property = {"schema": "Person", "properties": {"name": ["X Y"], "shoeSize": ["44"]}}
    response = match(client, keys["screen"], {"q": bad_property})
    assert response.status_code == 400 and "shoeSize" in response.json()["detail"]
    bad_schema = {"schema": "Address", "properties": {"full": ["1 Main St"]}}
    assert match(client, keys["screen"], {"q": bad_schema}).status_code == 400
    assert match(client, keys["screen"], {}).status_code == 400
    assert match(client, keys["screen"], {"q": {"properties": {}}}).status_code == 422
