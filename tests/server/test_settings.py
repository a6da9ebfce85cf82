"""Service settings: SANCTIO_* variables, checked before anything starts."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sanctio.cli import main
from sanctio.errors import SanctioError
from sanctio.server import ServerSettings


def test_settings_come_from_sanctio_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("SANCTIO_HOME", str(tmp_path))
    monkeypatch.setenv("SANCTIO_MAX_BATCH", "250")
    monkeypatch.setenv("SANCTIO_RATE_LIMIT", "12.5")
    monkeypatch.setenv("SANCTIO_AUDIT_QUERY", "hash")
    settings = ServerSettings.from_env()
    assert settings.home == tmp_path
    assert (settings.max_batch, settings.rate_limit, settings.audit_query) == (250, 12.5, "hash")


def test_a_malformed_setting_is_an_error_naming_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("SANCTIO_MAX_BATCH", "a thousand")
    with pytest.raises(SanctioError, match="SANCTIO_MAX_BATCH: 'a thousand' is not a valid int"):
        ServerSettings.from_env(tmp_path)
    monkeypatch.setenv("SANCTIO_MAX_BATCH", "0")
    with pytest.raises(SanctioError, match="max_batch: must be at least 1"):
        ServerSettings.from_env(tmp_path)


def test_serve_refuses_bad_settings_before_starting(tmp_path, monkeypatch):
    monkeypatch.setenv("SANCTIO_RATE_LIMIT", "-1")
    monkeypatch.setenv("SANCTIO_HOME", str(tmp_path))  # serve sets it: restored afterwards
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "serve"])
    assert result.exit_code == 1 and "rate_limit" in result.output
