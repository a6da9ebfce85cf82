"""Deciding alerts: states, assignment, comments, four-eyes true matches, bad requests."""

from __future__ import annotations

import pytest

from sanctio.errors import NotFoundError
from sanctio.monitor import alerts, run_monitor
from sanctio.monitor.errors import DecisionError, FourEyesError
from sanctio.monitor.settings import save_settings
from tests.factory import person
from tests.monitor.conftest import actions, add_customers, alert_of


@pytest.fixture
def alert_id(db, lists, zarif) -> int:
    """An open alert: customer C1 on the invented listed person test:zarif."""
    lists.publish([zarif])
    add_customers(db, {"C1": {"name": "Zarif Qudrani", "schema": "Person"}})
    run_monitor(db, lists.store, "monitor")
    return alert_of(db, "C1", "test:zarif").id


def test_assigning_an_open_alert_puts_it_in_review(db, alert_id):
    alert = alerts.assign(db, alert_id, "alice", "lead")
    assert (alert.state, alert.assignee) == ("in_review", "alice")
    assert actions(db, f"alert:{alert_id}")[-1] == "alert.assigned"


def test_comments_are_kept_in_the_history(db, alert_id):
    alerts.comment(db, alert_id, "asked the branch for a passport copy", "alice")
    history = alerts.alert_history(db, alert_id)
    assert history[-1].payload["comment"] == "asked the branch for a passport copy"
    assert history[-1].actor == "alice"


def test_a_true_match_needs_a_second_different_reviewer(db, alert_id):
    proposed = alerts.decide(db, alert_id, "true_match", "same passport", "alice")
    assert proposed.state == "open" and proposed.proposed_decision == "true_match"
    with pytest.raises(FourEyesError, match="alice proposed true_match and cannot confirm"):
        alerts.confirm(db, alert_id, "alice")
    assert alerts.get_alert(db, alert_id).state == "open"
    confirmed = alerts.confirm(db, alert_id, "bob", "checked the passport copy")
    assert confirmed.state == "true_match"
    assert (confirmed.decided_by, confirmed.confirmed_by) == ("alice", "bob")
    assert confirmed.proposed_decision is None
    assert actions(db, f"alert:{alert_id}")[-2:] == ["alert.proposed", "alert.confirmed"]


def test_a_proposal_can_be_rejected_and_the_alert_stays_undecided(db, alert_id):
    alerts.decide(db, alert_id, "true_match", "same name", "alice")
    alert = alerts.reject(db, alert_id, "birth dates differ", "bob")
    assert (alert.state, alert.proposed_decision) == ("in_review", None)
    with pytest.raises(DecisionError, match="no decision awaiting confirmation"):
        alerts.confirm(db, alert_id, "carol")


def test_an_alert_awaiting_confirmation_cannot_be_decided_again(db, alert_id):
    alerts.decide(db, alert_id, "true_match", "same passport", "alice")
    with pytest.raises(DecisionError, match="awaits confirmation"):
        alerts.decide(db, alert_id, "false_positive", "changed my mind", "bob")


def test_a_false_positive_takes_effect_at_once_by_default(db, alert_id):
    alert = alerts.decide(db, alert_id, "false_positive", "born 1990", "alice")
    assert (alert.state, alert.decided_by, alert.confirmed_by) == ("false_positive", "alice", None)
    assert alert.good_guy == {"customer": alert.customer_data, "entity": alert.entity_data}


def test_false_positives_can_be_made_to_need_four_eyes_too(db, alert_id):
    save_settings(db, "admin", four_eyes=["false_positive"])
    alert = alerts.decide(db, alert_id, "false_positive", "born 1990", "alice")
    assert alert.state == "open" and alert.proposed_decision == "false_positive"
    with pytest.raises(FourEyesError):
        alerts.confirm(db, alert_id, "alice")
    assert alerts.confirm(db, alert_id, "bob").state == "false_positive"


def test_an_escalated_alert_can_still_be_decided(db, alert_id):
    assert alerts.decide(db, alert_id, "escalated", "unclear", "alice").state == "escalated"
    with pytest.raises(DecisionError, match="already escalated"):
        alerts.decide(db, alert_id, "escalated", "again", "alice")
    assert alerts.decide(
        db, alert_id, "false_positive", "MLRO: different person", "mlro"
    ).state == ("false_positive")


def test_a_decided_alert_must_be_reopened_before_deciding_again(db, alert_id):
    alerts.decide(db, alert_id, "false_positive", "born 1990", "alice")
    with pytest.raises(DecisionError, match="is false_positive, not open"):
        alerts.decide(db, alert_id, "true_match", "oops", "alice")
    reopened = alerts.reopen(db, alert_id, "new passport copy received", "bob")
    assert (reopened.state, reopened.decided_by, reopened.good_guy) == ("open", None, None)
    with pytest.raises(DecisionError, match="not decided or closed"):
        alerts.reopen(db, alert_id, "again", "bob")


@pytest.mark.parametrize(
    ("decision", "reason", "actor", "message"),
    [
        ("maybe", "hmm", "alice", "unknown 'maybe'"),
        ("false_positive", "", "alice", "reason: required"),
        ("false_positive", "   ", "alice", "reason: required"),
        ("false_positive", "x" * 10_001, "alice", "the limit is 10000"),
        ("false_positive", "born 1990", "", "actor"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    db, alert_id, decision, reason, actor, message
):
    with pytest.raises(DecisionError, match=message):
        alerts.decide(db, alert_id, decision, reason, actor)
    assert alerts.get_alert(db, alert_id).state == "open"
    assert actions(db, f"alert:{alert_id}") == ["alert.created"]


def test_an_unknown_alert_is_not_found(db, alert_id):
    for call in (
        lambda: alerts.get_alert(db, 999),
        lambda: alerts.decide(db, 999, "false_positive", "x", "alice"),
        lambda: alerts.assign(db, 999, "alice", "lead"),
        lambda: alerts.alert_history(db, 999),
    ):
        with pytest.raises(NotFoundError, match="no alert 999"):
            call()


def test_alerts_are_listed_by_filter_and_counted(db, alert_id):
    alerts.assign(db, alert_id, "alice", "lead")
    assert [a.id for a in alerts.list_alerts(db, states=["in_review"], assignee="alice")] == [
        alert_id
    ]
    assert alerts.list_alerts(db, states=["open"]) == []
    assert alerts.count_alerts(db, states=["in_review"]) == 1
    with pytest.raises(DecisionError, match="unknown"):
        alerts.list_alerts(db, states=["pending"])


def test_alerts_are_filtered_by_the_programme_of_their_entity(db, lists):
    lists.publish(
        [
            person("test", "a", "Zarif Qudrani", programs=["SYRIA", "SDGT"]),
            person("test", "b", "Halvard Brennemoen", programs=["SYRIA-EO13894"]),
        ]
    )
    add_customers(db, {"C1": {"name": "Zarif Qudrani"}, "C2": {"name": "Halvard Brennemoen"}})
    run_monitor(db, lists.store, "monitor")
    assert [a.customer_id for a in alerts.list_alerts(db, program="SYRIA")] == ["C1"]
    assert alerts.count_alerts(db, program="SYRIA-EO13894") == 1
    assert alerts.list_alerts(db, program="SYR") == []
