"""The alert queue, the alert page, decisions with four-eyes, and the evidence report."""

from __future__ import annotations

import re

import pytest

from sanctio.monitor import customers, run_monitor
from sanctio.monitor.alerts import get_alert, list_alerts
from sanctio.store import Store
from tests.web.conftest import UI, Browser


def alert_of(ui: UI, customer_id: str) -> int:
    (found,) = list_alerts(ui.database, customer_id=customer_id)
    return found.id


@pytest.fixture
def fresh(make_ui) -> UI:
    """A UI of its own, for tests that decide alerts."""
    return make_ui()


def logged_in(ui: UI, name: str) -> Browser:
    browser = ui.browser()
    assert browser.login(name).status_code == 303
    return browser


def test_the_queue_lists_undecided_alerts_with_score_bars(ui: UI, analyst: Browser) -> None:
    html = analyst.get("/ui/alerts").text
    assert "3 in all" in html
    assert f'href="/ui/alerts/{alert_of(ui, "C-1")}"' in html
    assert '<svg class="bar"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"programme": "SYRIA"}, {"C-1", "C-3"}),
        ({"programme": "SYRIA-EO13894"}, {"C-1"}),
        ({"programme": "SYRIA-EO"}, set()),
        ({"source": "tiny"}, {"C-1", "C-2", "C-3"}),
        ({"source": "other"}, set()),
        ({"state": "false_positive"}, set()),
        ({"min_score": "0.99"}, {"C-1", "C-2"}),
        ({"assignee": "-"}, {"C-1", "C-2", "C-3"}),
        ({"assignee": "ana"}, set()),
    ],
)
def test_the_queue_filters_by_programme_list_state_score_and_assignee(
    analyst: Browser, params: dict, expected: set
) -> None:
    html = analyst.get("/ui/alerts", params=params).text
    assert set(re.findall(r'<span class="mono">(C-\d)</span>', html)) == expected


def test_the_queue_sorts_by_any_column_both_ways(analyst: Browser) -> None:
    ascending = analyst.get("/ui/alerts", params={"sort": "customer", "order": "asc"}).text
    descending = analyst.get("/ui/alerts", params={"sort": "customer", "order": "desc"}).text
    ids = re.findall(r'<span class="mono">(C-\d)</span>', ascending)
    assert ids == ["C-1", "C-2", "C-3"]
    assert re.findall(r'<span class="mono">(C-\d)</span>', descending) == ids[::-1]
    assert 'aria-sort="ascending"' in ascending


def test_the_queue_refuses_an_unknown_sort(analyst: Browser) -> None:
    response = analyst.get("/ui/alerts", params={"sort": "password_hash"})
    assert response.status_code == 400
    assert "sort: unknown" in response.text


def test_the_alert_page_puts_customer_and_entity_side_by_side_with_verdicts(
    ui: UI, analyst: Browser
) -> None:
    html = analyst.get(f"/ui/alerts/{alert_of(ui, 'C-1')}").text
    birth = re.search(r"<th scope=\"row\">Birth dates</th>.*?</tr>", html, re.S).group(0)
    assert birth.count('class="agree"') == 2
    assert "same birth date 1965-09-11" in birth
    names = re.search(r"<th scope=\"row\">Names</th>.*?</tr>", html, re.S).group(0)
    assert "<mark>Bashar al-Assad</mark>" in names
    assert "<mark>Bashar al-Assad (primary)</mark>" in names
    assert "How the name parts aligned" in html


def test_a_conflicting_birth_date_is_marked_as_a_conflict(ui: UI, analyst: Browser) -> None:
    html = analyst.get(f"/ui/alerts/{alert_of(ui, 'C-3')}").text
    birth = re.search(r"<th scope=\"row\">Birth dates</th>.*?</tr>", html, re.S).group(0)
    assert birth.count('class="conflict"') == 2
    assert "conflicts" in birth


def test_a_decision_needs_a_reason(fresh: UI) -> None:
    ana = logged_in(fresh, "ana")
    alert_id = alert_of(fresh, "C-1")
    page = f"/ui/alerts/{alert_id}"
    response = ana.post_form(
        f"{page}/decide", {"decision": "false_positive", "reason": "  "}, from_page=page
    )
    assert response.status_code == 409
    assert "reason: required" in response.text
    assert get_alert(fresh.database, alert_id).state == "open"


def test_a_false_positive_takes_effect_when_a_second_reviewer_confirms_it(fresh: UI) -> None:
    alert_id = alert_of(fresh, "C-1")
    page = f"/ui/alerts/{alert_id}"
    ana, rev = logged_in(fresh, "ana"), logged_in(fresh, "rev")
    proposed = ana.post_form(
        f"{page}/decide",
        {"decision": "false_positive", "reason": "customer born in Lyon, another person"},
        from_page=page,
    )
    assert proposed.status_code == 303
    assert get_alert(fresh.database, alert_id).proposed_decision == "false_positive"
    assert "A second, different reviewer must confirm it" in ana.get(page).text
    # the analyst cannot confirm: a reviewer-only action
    refused = ana.post_form(f"{page}/confirm", {}, from_page=page)
    assert refused.status_code == 403
    assert "needs the reviewer role" in refused.text
    assert rev.post_form(f"{page}/confirm", {}, from_page=page).status_code == 303
    alert = get_alert(fresh.database, alert_id)
    assert alert.state == "false_positive"
    assert (alert.decided_by, alert.confirmed_by) == ("user:ana", "user:rev")
    history = rev.get(page).text
    assert "proposed" in history and "confirmed" in history


def test_a_reviewer_cannot_confirm_their_own_proposal(fresh: UI) -> None:
    alert_id = alert_of(fresh, "C-1")
    page = f"/ui/alerts/{alert_id}"
    rev = logged_in(fresh, "rev")
    rev.post_form(
        f"{page}/decide", {"decision": "true_match", "reason": "same passport"}, from_page=page
    )
    response = rev.post_form(f"{page}/confirm", {}, from_page=page)
    assert response.status_code == 409
    assert "a second, different reviewer must" in response.text
    assert get_alert(fresh.database, alert_id).state == "open"


def test_an_analyst_cannot_turn_down_another_persons_proposal_or_reopen(fresh: UI) -> None:
    alert_id = alert_of(fresh, "C-1")
    page = f"/ui/alerts/{alert_id}"
    rev, ana = logged_in(fresh, "rev"), logged_in(fresh, "ana")
    rev.post_form(f"{page}/decide", {"decision": "true_match", "reason": "x"}, from_page=page)
    assert ana.post_form(f"{page}/reject", {"reason": "no"}, from_page=page).status_code == 403
    assert ana.post_form(f"{page}/reopen", {"reason": "no"}, from_page=page).status_code == 403
    assert get_alert(fresh.database, alert_id).proposed_by == "user:rev"


def test_alerts_are_assigned_and_commented(fresh: UI) -> None:
    alert_id = alert_of(fresh, "C-2")
    page = f"/ui/alerts/{alert_id}"
    ana = logged_in(fresh, "ana")
    assert ana.post_form(f"{page}/assign", {"assignee": "ana"}, from_page=page).status_code == 303
    commented = ana.post_form(f"{page}/comment", {"text": "<b>look</b>"}, from_page=page)
    assert commented.status_code == 303
    alert = get_alert(fresh.database, alert_id)
    assert (alert.assignee, alert.state) == ("ana", "in_review")
    html = ana.get(page).text
    assert "&lt;b&gt;look&lt;/b&gt;" in html and "<b>look</b>" not in html
    mine = ana.get("/ui/alerts", params={"assignee": "ana"}).text
    assert re.findall(r'<span class="mono">(C-\d)</span>', mine) == ["C-2"]


def test_customer_data_containing_html_is_shown_as_text(ui: UI, analyst: Browser) -> None:
    for path in ("/ui/alerts", f"/ui/alerts/{alert_of(ui, 'C-2')}", "/ui/audit/customers/C-2"):
        html = analyst.get(path).text
        assert "<script>alert('x')</script>" not in html, path
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Holdings" in html, path


def test_the_evidence_report_shows_the_decision_and_the_verified_chain(fresh: UI) -> None:
    alert_id = alert_of(fresh, "C-1")
    page = f"/ui/alerts/{alert_id}"
    ana, rev = logged_in(fresh, "ana"), logged_in(fresh, "rev")
    ana.post_form(
        f"{page}/decide", {"decision": "false_positive", "reason": "born in Lyon"}, from_page=page
    )
    rev.post_form(f"{page}/confirm", {}, from_page=page)
    found = rev.get("/ui/audit", params={"q": "bashar"}).text
    assert 'href="/ui/audit/customers/C-1"' in found
    report = rev.get("/ui/audit/customers/C-1").text
    assert "Audit trail verified" in report
    assert "false positive by user:ana, confirmed by user:rev" in report
    assert "born in Lyon" in report
    assert "data-print" in report


def test_an_unknown_alert_or_customer_is_not_found(analyst: Browser) -> None:
    assert analyst.get("/ui/alerts/999").status_code == 404
    assert analyst.get("/ui/audit/customers/C-999").status_code == 404


def test_the_queue_pages_fifty_alerts_at_a_time(fresh: UI) -> None:
    many = [customers.CustomerInput(f"P-{n:03d}", {"name": "Rami Makhlouf"}) for n in range(55)]
    customers.import_customers(fresh.database, many, "test")
    with Store(fresh.home) as store:
        run_monitor(fresh.database, store, "test")
    ana = logged_in(fresh, "ana")
    first = ana.get("/ui/alerts", params={"sort": "customer", "order": "asc"}).text
    assert "Page 1 of 2 (58 in all)" in first
    following = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    second = ana.get(following).text
    assert "Page 2 of 2" in second
    assert re.findall(r'<span class="mono">([CP]-\d+)</span>', second) == [
        f"P-{n:03d}" for n in range(47, 55)
    ]
