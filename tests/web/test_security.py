"""CSRF, authorisation and escaping: what the UI refuses and what it never interprets."""

from __future__ import annotations

import pytest

from sanctio.web.users import list_users
from tests.web.conftest import PASSWORD, UI, Browser

FORMS = [
    ("/ui/screen", {"name": "Bashar al-Assad"}),
    ("/ui/admin/users", {"name": "mallory", "role": "admin", "password": "x" * 12}),
    ("/ui/logout", {}),
]


@pytest.mark.parametrize(("path", "data"), FORMS)
def test_a_form_posted_without_the_csrf_token_is_refused(
    admin: Browser, path: str, data: dict
) -> None:
    response = admin.client.post(path, data=data)
    assert response.status_code == 403
    assert "Form refused" in response.text


@pytest.mark.parametrize(("path", "data"), FORMS)
def test_a_form_posted_with_a_wrong_csrf_token_is_refused(
    admin: Browser, path: str, data: dict
) -> None:
    response = admin.client.post(path, data={**data, "csrf_token": "forged"})
    assert response.status_code == 403


def test_the_csrf_token_of_another_session_is_refused(ui: UI, admin: Browser) -> None:
    other = ui.browser()
    other.login("rev")
    stolen = other.token("/ui/screen")
    response = admin.client.post("/ui/screen", data={"name": "x", "csrf_token": stolen})
    assert response.status_code == 403


def test_nothing_is_done_when_the_csrf_check_fails(ui: UI, admin: Browser) -> None:
    admin.client.post(
        "/ui/admin/users",
        data={"name": "mallory", "role": "admin", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert "mallory" not in {u.name for u in list_users(ui.database)}


def test_an_analyst_cannot_see_or_use_account_administration(ui: UI, analyst: Browser) -> None:
    assert analyst.get("/ui/admin/users").status_code == 403
    response = analyst.post_form(
        "/ui/admin/users",
        {"name": "mallory", "role": "admin", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 403
    assert "this needs the admin role" in response.text
    assert analyst.post_form("/ui/admin/users/rev/disable", {}).status_code == 403
    assert "mallory" not in {u.name for u in list_users(ui.database)}
    assert not next(u for u in list_users(ui.database) if u.name == "rev").disabled


def test_the_users_link_is_shown_to_admins_only(admin: Browser, analyst: Browser) -> None:
    assert 'href="/ui/admin/users"' in admin.get("/ui/screen").text
    assert 'href="/ui/admin/users"' not in analyst.get("/ui/screen").text


def test_an_admin_creates_and_disables_accounts(make_ui) -> None:
    ui = make_ui()
    browser = ui.browser()
    browser.login("adm")
    response = browser.post_form(
        "/ui/admin/users",
        {"name": "carol", "role": "reviewer", "password": PASSWORD, "password_again": PASSWORD},
        from_page="/ui/admin/users",
    )
    assert response.status_code == 303
    assert "Account carol created" in browser.get(response.headers["location"]).text
    assert ui.browser().login("carol").status_code == 303
    response = browser.post_form("/ui/admin/users/carol/disable", {}, from_page="/ui/admin/users")
    assert response.status_code == 303
    assert ui.browser().login("carol").status_code == 401


def test_an_admin_cannot_disable_their_own_account(admin: Browser) -> None:
    response = admin.post_form("/ui/admin/users/adm/disable", {})
    assert response.status_code == 400
    assert "your own account" in response.text


def test_a_bad_new_account_is_refused_with_the_reason(admin: Browser) -> None:
    response = admin.post_form(
        "/ui/admin/users",
        {"name": "dave", "role": "analyst", "password": "short", "password_again": "short"},
    )
    assert response.status_code == 400
    assert "at least 12 characters" in response.text


def test_list_data_containing_html_is_shown_as_text(analyst: Browser) -> None:
    for path in ("/ui/entities/tiny:4", "/ui/entities/tiny:5", "/ui/lists/tiny/diff"):
        html = analyst.get(path).text
        assert "<script>alert('x')</script>" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Holdings" in html
        assert "<b>BOLD</b>" not in html
    entity = analyst.get("/ui/entities/tiny:4").text
    assert "<img src=x" not in entity
    assert "&lt;img src=x onerror=alert(1)&gt;" in entity


def test_screening_input_containing_html_is_shown_as_text(analyst: Browser) -> None:
    response = analyst.post_form("/ui/screen", {"name": "<script>alert('x')</script> Holdings"})
    html = analyst.get(response.headers["location"]).text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Holdings" in html
