"""Logging in and out, sessions, throttling."""

from __future__ import annotations

from sanctio.audit import records
from sanctio.web import WebSettings
from sanctio.web.throttle import LoginThrottle
from sanctio.web.users import disable_user
from tests.web.conftest import UI, Browser


def test_a_page_asked_for_without_a_session_redirects_to_the_login_form(ui: UI) -> None:
    response = ui.browser().get("/ui/lists")
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/login?next=%2Fui%2Flists"


def test_logging_in_sets_an_httponly_samesite_session_cookie_and_goes_on(ui: UI) -> None:
    browser = ui.browser()
    page = browser.get("/ui/login?next=/ui/lists")
    assert 'name="next" value="/ui/lists"' in page.text
    response = browser.login("ana")
    assert response.status_code == 303
    cookie = next(h for h in response.headers.get_list("set-cookie") if "sanctio_session=" in h)
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/ui" in cookie
    assert "Secure" not in cookie  # plain http in tests; https requests get Secure
    assert browser.get("/ui/lists").status_code == 200


def test_cookies_are_secure_over_https(ui: UI) -> None:
    browser = ui.browser()
    browser.client.base_url = "https://testserver"
    response = browser.login("ana")
    cookie = next(h for h in response.headers.get_list("set-cookie") if "sanctio_session=" in h)
    assert "Secure" in cookie


def test_cookies_are_secure_when_configured_for_a_tls_proxy(make_ui) -> None:
    ui = make_ui(WebSettings(secure_cookies=True))
    cookie = ui.browser().get("/ui/login").headers["set-cookie"]
    assert "sanctio_login=" in cookie
    assert "Secure" in cookie


def test_login_goes_only_to_pages_of_the_ui_never_another_site(ui: UI) -> None:
    for target in ("https://evil.example/", "//evil.example/ui", "/other"):
        browser = ui.browser()
        page = browser.get("/ui/login", params={"next": target})
        assert 'name="next" value="/ui/screen"' in page.text


def test_a_wrong_password_is_refused_and_recorded(ui: UI) -> None:
    response = ui.browser().login("ana", "wrong password!")
    assert response.status_code == 401
    assert "Wrong name or password" in response.text
    with ui.database.read() as connection:
        failed = list(records(connection, actions=["user.login_failed"]))
    assert failed[-1].subject == "user:ana"


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(ui: UI) -> None:
    response = ui.browser().login("nobody", "wrong password!")
    assert response.status_code == 401
    assert "Wrong name or password" in response.text


def test_the_login_form_needs_its_own_token(ui: UI) -> None:
    browser = ui.browser()
    response = browser.client.post(
        "/ui/login", data={"name": "ana", "password": "correct horse battery", "login_token": "x"}
    )
    assert response.status_code == 403
    assert "sanctio_session" not in response.headers.get("set-cookie", "")


def test_too_many_failed_logins_lock_the_account_for_a_while(make_ui) -> None:
    ui = make_ui(WebSettings(throttle=LoginThrottle(per_account=3, lockout=600)))
    browser = ui.browser()
    for _ in range(3):
        assert browser.login("ana", "wrong password!").status_code == 401
    locked = browser.login("ana")  # even the right password waits
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 500
    assert "Too many failed logins" in locked.text
    ui.now[0] += 601
    assert browser.login("ana").status_code == 303


def test_logging_out_ends_the_session(analyst: Browser) -> None:
    response = analyst.post_form("/ui/logout", {})
    assert response.status_code == 303
    assert analyst.get("/ui/lists").status_code == 303


def test_a_session_ends_after_it_is_left_idle(make_ui) -> None:
    ui = make_ui(WebSettings(session_idle=600))
    browser = ui.browser()
    browser.login("ana")
    ui.now[0] += 300
    assert browser.get("/ui/lists").status_code == 200
    ui.now[0] += 599  # idle time counts from the last use
    assert browser.get("/ui/lists").status_code == 200
    ui.now[0] += 601
    assert browser.get("/ui/lists").status_code == 303


def test_disabling_an_account_ends_its_sessions(make_ui) -> None:
    ui = make_ui()
    browser = ui.browser()
    browser.login("ana")
    disable_user(ui.database, "ana", actor="test")
    assert browser.get("/ui/lists").status_code == 303
    assert browser.login("ana").status_code == 401


def test_every_page_forbids_framing_inline_script_and_caching(analyst: Browser) -> None:
    headers = analyst.get("/ui/lists").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


def test_sessions_left_to_expire_are_deleted_at_the_next_login(make_ui) -> None:
    import sqlalchemy as sa

    from sanctio.web.tables import user_sessions

    ui = make_ui(WebSettings(session_idle=600))
    ui.browser().login("ana")
    ui.now[0] += 601
    ui.browser().login("rev")
    with ui.database.read() as connection:
        left = connection.execute(sa.select(sa.func.count()).select_from(user_sessions))
        assert left.scalar_one() == 1


def test_session_settings_come_from_the_environment_and_bad_values_are_refused(
    monkeypatch,
) -> None:
    import pytest

    from sanctio.errors import SanctioError

    monkeypatch.setenv("SANCTIO_UI_SESSION_IDLE", "120")
    monkeypatch.setenv("SANCTIO_UI_SECURE_COOKIES", "true")
    settings = WebSettings.from_env()
    assert (settings.session_idle, settings.secure_cookies) == (120.0, True)
    monkeypatch.setenv("SANCTIO_UI_SESSION_LIFETIME", "forever")
    with pytest.raises(SanctioError, match="SANCTIO_UI_SESSION_LIFETIME: 'forever' is not"):
        WebSettings.from_env()
    monkeypatch.setenv("SANCTIO_UI_SESSION_LIFETIME", "-5")
    with pytest.raises(SanctioError, match="must be more than 0"):
        WebSettings.from_env()
