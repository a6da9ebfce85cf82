"""The good-guy list: a false positive stays quiet until either side changes materially,
then the alert re-opens and says what changed."""

from __future__ import annotations

import pytest

from sanctio.monitor import alerts, run_monitor
from tests.factory import person
from tests.monitor.conftest import add_customers, alert_of

CUSTOMER = {"name": "Zarif Qudrani", "schema": "Person", "birth_date": "1990-05-01"}


@pytest.fixture
def false_positive(db, lists, zarif) -> int:
    """Customer C1 alerted on test:zarif and was decided a false positive."""
    lists.publish([zarif])
    add_customers(db, {"C1": CUSTOMER})
    run_monitor(db, lists.store, "monitor")
    alert_id = alert_of(db, "C1", "test:zarif").id
    alerts.decide(db, alert_id, "false_positive", "customer born 1990, listed 1971", "alice")
    return alert_id


def zarif_with(**changes) -> object:
    fields = {
        "birth_dates": ["1971-02-03"],
        "nationalities": ["ye"],
        "identifiers": ["passport:P7734521"],
        **changes,
    }
    aliases = fields.pop("aliases", ["Zarif al-Qudrani"])
    return person("test", "zarif", "Zarif Omran Qudrani", *aliases, **fields)


def test_a_false_positive_is_not_raised_again_when_nothing_material_changed(
    db, lists, false_positive
):
    lists.publish([zarif_with(programs=["NEW-PROGRAMME"], remarks="designated again")])
    report = run_monitor(db, lists.store, "monitor")
    alert = alerts.get_alert(db, false_positive)
    assert report.counts["suppressed"] == 1 and "alerts_reopened" not in report.counts
    assert alert.state == "false_positive" and alert.programs == ["NEW-PROGRAMME"]


def test_a_new_alias_on_the_list_reopens_the_false_positive(db, lists, false_positive):
    lists.publish([zarif_with(aliases=["Zarif al-Qudrani", "Abu Omran"])])
    report = run_monitor(db, lists.store, "monitor")
    alert = alerts.get_alert(db, false_positive)
    assert report.counts["alerts_reopened"] == 1
    assert (alert.state, alert.good_guy, alert.decided_by) == ("open", None, None)
    reopened = alerts.alert_history(db, false_positive)[-1]
    assert reopened.action == "alert.reopened"
    assert reopened.payload["reason"] == "material change since the false-positive decision"
    assert reopened.payload["changes"] == ["list entity names: added Abu Omran (alias)"]


def test_a_new_birth_date_on_the_list_reopens_the_false_positive(db, lists, false_positive):
    lists.publish([zarif_with(birth_dates=["1971-02-03", "1990-05-01"])])
    run_monitor(db, lists.store, "monitor")
    reopened = alerts.alert_history(db, false_positive)[-1]
    assert alerts.get_alert(db, false_positive).state == "open"
    assert reopened.payload["changes"] == ["list entity birth dates: added 1990-05-01"]


def test_changed_customer_data_reopens_the_false_positive(db, lists, false_positive):
    add_customers(db, {"C1": {**CUSTOMER, "birth_date": "1971-02-03"}})
    run_monitor(db, lists.store, "monitor")
    reopened = alerts.alert_history(db, false_positive)[-1]
    assert alerts.get_alert(db, false_positive).state == "open"
    assert reopened.payload["changes"] == [
        "customer birth dates: added 1971-02-03; removed 1990-05-01"
    ]


def test_a_false_positive_delisted_and_listed_again_unchanged_stays_quiet(
    db, lists, zarif, false_positive
):
    lists.publish([person("test", "other", "Someone Else")])
    run_monitor(db, lists.store, "monitor")
    assert alerts.get_alert(db, false_positive).close_reason == "delisted"
    lists.publish([zarif])
    run_monitor(db, lists.store, "monitor")
    alert = alerts.get_alert(db, false_positive)
    assert (alert.state, alert.active) == ("false_positive", True)
    assert alerts.alert_history(db, false_positive)[-1].action == "alert.suppressed"


def test_a_reopened_false_positive_can_be_decided_again(db, lists, false_positive):
    lists.publish([zarif_with(aliases=["Zarif al-Qudrani", "Abu Omran"])])
    run_monitor(db, lists.store, "monitor")
    alerts.decide(db, false_positive, "false_positive", "still born 1990", "bob")
    lists.publish([zarif_with(aliases=["Zarif al-Qudrani", "Abu Omran"], programs=["X"])])
    report = run_monitor(db, lists.store, "monitor")
    assert report.counts["suppressed"] == 1
    assert alerts.get_alert(db, false_positive).state == "false_positive"
