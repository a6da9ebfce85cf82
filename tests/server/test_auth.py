"""API keys: hashed at rest, three ways to present them, roles, revocation, no leaks."""

from __future__ import annotations

import hashlib
import logging

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sanctio.cli import main
from sanctio.server.keys import Role, api_keys, create_key, list_keys
from tests.server.conftest import auth


def test_a_request_without_a_key_is_a_401_json_error(client):
    response = client.post("/v1/screen", json={"name": "Zarif"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "API key is required" in response.json()["detail"]


def test_an_unknown_key_is_a_401_that_never_repeats_the_key(client, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "sk_" + "w" * 43
    response = client.post("/v1/screen", json={"name": "Zarif"}, headers=auth(wrong))
    assert response.status_code == 401
    assert response.json() == {"detail": "the API key is not valid or was revoked"}
    assert wrong not in caplog.text


def test_a_key_is_accepted_as_bearer_apikey_or_x_api_key(client, keys):
    key = keys["screen"]
    for headers in (
        {"Authorization": f"Bearer {key}"},
        {"Authorization": f"ApiKey {key}"},
        {"X-API-Key": key},
    ):
        assert client.post("/v1/screen", json={"name": "Zarif"}, headers=headers).status_code == 200


def test_a_key_in_the_url_is_not_accepted(client, keys):
    response = client.post(f"/v1/screen?api_key={keys['admin']}", json={"name": "Zarif"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "needed"),
    [
        ("POST", "/v1/screen", "screen"),
        ("POST", "/match/default", "screen"),
        ("GET", "/v1/lists", "analyst"),
        ("GET", "/v1/search?q=Zarif", "analyst"),
        ("GET", "/v1/entities/tiny:zarif", "analyst"),
        ("GET", "/metrics", "analyst"),
        ("POST", "/v1/admin/update", "admin"),
    ],
)
def test_each_endpoint_needs_its_role_and_a_lower_role_gets_403(client, keys, method, path, needed):
    order = [r.label for r in Role]
    for role in order:
        response = client.request(method, path, headers=auth(keys[role]), json={})
        if order.index(role) < order.index(needed):
            assert response.status_code == 403, (role, path)
            assert f"needs the {needed} role" in response.json()["detail"]
        else:
            assert response.status_code not in (401, 403), (role, path, response.text)


def test_health_and_readiness_need_no_key(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] is True


def test_keys_are_stored_only_as_their_sha256(database, keys):
    with database.read() as connection:
        rows = connection.execute(sa.select(api_keys)).all()
    stored = " ".join(str(value) for row in rows for value in row)
    assert all(key not in stored for key in keys.values())
    digests = {row.key_hash for row in rows}
    assert {hashlib.sha256(k.encode()).hexdigest() for k in keys.values()} == digests


def test_a_revoked_key_stops_working(client, database, home):
    record, key = create_key(database, Role.SCREEN, actor="test")
    assert client.post("/v1/screen", json={"name": "Zarif"}, headers=auth(key)).status_code == 200
    result = CliRunner().invoke(main, ["--home", str(home), "keys", "revoke", record.id])
    assert result.exit_code == 0, result.output
    assert client.post("/v1/screen", json={"name": "Zarif"}, headers=auth(key)).status_code == 401


def test_keys_create_prints_the_key_once_as_its_last_line(home, database):
    runner = CliRunner()
    result = runner.invoke(main, ["--home", str(home), "keys", "create", "--role", "analyst"])
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert key.startswith("sk_") and len(key) == 46
    listed = runner.invoke(main, ["--home", str(home), "keys", "list", "--json"])
    assert key not in listed.output and '"role": "analyst"' in listed.output
    (record,) = list_keys(database)
    assert record.role is Role.ANALYST and record.created_by.startswith("cli:")


def test_keys_commands_refuse_bad_input(home, database):
    runner = CliRunner()
    bad_role = runner.invoke(main, ["--home", str(home), "keys", "create", "--role", "root"])
    assert bad_role.exit_code == 2 and "root" in bad_role.output
    unknown = runner.invoke(main, ["--home", str(home), "keys", "revoke", "key_nope"])
    assert unknown.exit_code == 1 and "no API key 'key_nope'" in unknown.output
    record, _ = create_key(database, Role.SCREEN, actor="test")
    runner.invoke(main, ["--home", str(home), "keys", "revoke", record.id])
    twice = runner.invoke(main, ["--home", str(home), "keys", "revoke", record.id])
    assert twice.exit_code == 1 and "already revoked" in twice.output
    assert list_keys(database) == [] and len(list_keys(database, include_revoked=True)) == 1


def test_creating_and_revoking_keys_is_audited(home, database):
    from sanctio import audit

    record, _ = create_key(database, Role.ADMIN, name="ops", actor="alice")
    CliRunner().invoke(main, ["--home", str(home), "keys", "revoke", record.id])
    with database.read() as connection:
        found = list(audit.records(connection, subjects=[f"api-key:{record.id}"]))
    assert (found[0].actor, found[0].action) == ("alice", "api_key.create")
    assert found[1].action == "api_key.revoke" and found[1].actor.startswith("cli:")
