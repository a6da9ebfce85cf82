"""Monitoring runs: full screening of new customers, delta screening on a new list version,
delisting, idempotence and resuming after a crash."""

from __future__ import annotations

import pytest

from sanctio import audit
from sanctio.errors import SanctioError
from sanctio.monitor import run as run_module
from sanctio.monitor import run_monitor
from sanctio.monitor.settings import save_settings
from sanctio.monitor.tables import customer_screenings
from tests.factory import person
from tests.monitor.conftest import actions, active_alerts, add_customers, alert_of

ZARIF = {"name": "Zarif Qudrani", "schema": "Person"}
BRENNEMOEN = {"name": "Halvard Brennemoen", "schema": "Person"}
NOBODY = {"name": "Emily Watson", "schema": "Person"}


def test_a_run_with_no_lists_imported_is_refused(db, lists):
    with pytest.raises(SanctioError, match="no lists imported"):
        run_monitor(db, lists.store, "alice")


def test_new_customers_are_screened_against_every_entity(db, lists, zarif, brennemoen):
    lists.publish([zarif, brennemoen])
    add_customers(db, {"C1": ZARIF, "C2": BRENNEMOEN, "C3": NOBODY})
    report = run_monitor(db, lists.store, "alice")
    assert report.counts["customers_full"] == 3
    assert set(active_alerts(db)) == {("C1", "test:zarif"), ("C2", "test:brennemoen")}
    alert = alert_of(db, "C1", "test:zarif")
    assert alert.state == "open" and alert.score >= 0.8 and alert.list_version == 1
    assert "Zarif" in alert.explanation["summary"]
    assert actions(db, "customer:C3") == ["customer.created", "customer.screened"]
    assert actions(db, f"alert:{alert.id}") == ["alert.created"]


def test_a_second_run_with_nothing_changed_screens_nobody(db, lists, zarif):
    lists.publish([zarif])
    add_customers(db, {"C1": ZARIF, "C2": NOBODY})
    run_monitor(db, lists.store, "alice")
    report = run_monitor(db, lists.store, "alice")
    assert report.counts == {"customers_up_to_date": 2}
    assert actions(db, "customer:C1") == ["customer.created", "customer.screened"]


def test_a_new_version_is_screened_against_added_and_changed_entities_only(
    db, lists, zarif, brennemoen
):
    lists.publish([zarif, brennemoen])
    add_customers(db, {"C1": ZARIF, "C2": BRENNEMOEN, "C3": {"name": "Osric Pellingham"}})
    run_monitor(db, lists.store, "alice")
    pellingham = person("test", "pellingham", "Osric Pellingham")
    renamed = person("test", "brennemoen", "Halvard Brennemoen", "Hal Brennemoen")
    lists.publish([zarif, renamed, pellingham])
    report = run_monitor(db, lists.store, "alice")
    assert report.counts["customers_delta"] == 3 and "customers_full" not in report.counts
    assert set(active_alerts(db)) == {
        ("C1", "test:zarif"),
        ("C2", "test:brennemoen"),
        ("C3", "test:pellingham"),
    }
    with db.read() as connection:
        subjects, kinds = ["customer:C1"], ["customer.screened"]
        screened = [r.payload for r in audit.records(connection, subjects=subjects, actions=kinds)]
    assert screened[-1]["mode"] == "delta"
    assert screened[-1]["entities_screened"] == 2  # pellingham added, brennemoen changed
    assert screened[-1]["from_versions"] == {"test": 1}
    assert screened[-1]["versions"]["test"]["version"] == 2
    # the unchanged entity's alert was not touched: it still names the version it came from
    assert alert_of(db, "C1", "test:zarif").list_version == 1
    assert alert_of(db, "C2", "test:brennemoen").list_version == 2


def test_alerts_on_removed_entities_are_closed_as_delisted(db, lists, zarif, brennemoen):
    lists.publish([zarif, brennemoen])
    add_customers(db, {"C1": ZARIF, "C2": BRENNEMOEN})
    run_monitor(db, lists.store, "alice")
    lists.publish([zarif])
    report = run_monitor(db, lists.store, "alice")
    assert report.counts["closed_delisted"] == 1
    alert = alert_of(db, "C2", "test:brennemoen")
    assert (alert.state, alert.close_reason, alert.active) == ("closed", "delisted", False)
    assert actions(db, f"alert:{alert.id}") == ["alert.created", "alert.closed"]
    assert alert_of(db, "C1", "test:zarif").state == "open"


def test_a_relisted_entity_reopens_its_closed_alert(db, lists, zarif, brennemoen):
    lists.publish([zarif, brennemoen])
    add_customers(db, {"C2": BRENNEMOEN})
    run_monitor(db, lists.store, "alice")
    lists.publish([zarif])
    run_monitor(db, lists.store, "alice")
    lists.publish([zarif, brennemoen])
    report = run_monitor(db, lists.store, "alice")
    alert = alert_of(db, "C2", "test:brennemoen")
    assert report.counts["alerts_reopened"] == 1
    assert (alert.state, alert.close_reason, alert.active) == ("open", None, True)


def test_an_entity_that_no_longer_matches_closes_its_undecided_alert(db, lists, zarif):
    lists.publish([zarif])
    add_customers(db, {"C1": ZARIF})
    run_monitor(db, lists.store, "alice")
    renamed = person("test", "zarif", "Marwan Talibi", birth_dates=["1971-02-03"])
    lists.publish([renamed])
    report = run_monitor(db, lists.store, "alice")
    alert = alert_of(db, "C1", "test:zarif")
    assert report.counts["closed_no_longer_matching"] == 1
    assert (alert.state, alert.close_reason, alert.active) == ("closed", "no longer matches", False)


def test_a_changed_customer_is_screened_against_everything(db, lists, zarif, brennemoen):
    lists.publish([zarif, brennemoen])
    add_customers(db, {"C1": NOBODY, "C2": NOBODY})
    run_monitor(db, lists.store, "alice")
    add_customers(db, {"C1": BRENNEMOEN, "C2": NOBODY})
    report = run_monitor(db, lists.store, "alice")
    assert report.counts["customers_full"] == 1 and report.counts["customers_up_to_date"] == 1
    assert set(active_alerts(db)) == {("C1", "test:brennemoen")}


def test_a_new_list_source_counts_as_all_added(db, lists, zarif, brennemoen):
    lists.publish([zarif])
    add_customers(db, {"C2": BRENNEMOEN})
    run_monitor(db, lists.store, "alice")
    other = person("other", "brennemoen", "Halvard Brennemoen")
    lists.publish([other], source="other")
    report = run_monitor(db, lists.store, "alice")
    assert report.counts["customers_delta"] == 1
    assert set(active_alerts(db)) == {("C2", "other:brennemoen")}


def test_changing_the_threshold_rescreens_everyone_fully(db, lists, zarif):
    lists.publish([zarif])
    add_customers(db, {"C1": ZARIF, "C2": NOBODY})
    run_monitor(db, lists.store, "alice")
    save_settings(db, "admin", threshold=0.9)
    report = run_monitor(db, lists.store, "alice")
    assert report.counts["customers_full"] == 2


def test_a_run_that_stops_part_way_is_finished_by_the_next(
    db, lists, zarif, brennemoen, monkeypatch
):
    lists.publish([zarif, brennemoen])
    customers = {f"C{i:02d}": (ZARIF if i % 3 == 0 else NOBODY) for i in range(10)}
    add_customers(db, customers)
    real = run_module._screen_chunk
    calls = []

    def crash_on_third_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(run_module, "_screen_chunk", crash_on_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        run_monitor(db, lists.store, "alice", chunk_size=2)
    monkeypatch.setattr(run_module, "_screen_chunk", real)
    with db.read() as connection:
        done = connection.execute(customer_screenings.select()).all()
    assert len(done) == 4
    report = run_monitor(db, lists.store, "alice", chunk_size=2)
    assert report.counts["customers_full"] == 6 and report.counts["customers_up_to_date"] == 4
    assert set(active_alerts(db)) == {(c, "test:zarif") for c in ("C00", "C03", "C06", "C09")}
    for customer_id in customers:
        assert actions(db, f"customer:{customer_id}").count("customer.screened") == 1


def test_a_failed_run_is_recorded_as_failed(db, lists, zarif, monkeypatch):
    lists.publish([zarif])
    add_customers(db, {"C1": ZARIF})

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(run_module, "_screen_chunk", broken)
    with pytest.raises(RuntimeError):
        run_monitor(db, lists.store, "alice")
    assert actions(db, "monitor-run:1") == ["monitor.run.started", "monitor.run.failed"]


def test_several_worker_processes_find_the_same_alerts(db, lists, zarif, brennemoen):
    lists.publish([zarif, brennemoen])
    customers = {f"C{i:02d}": [ZARIF, BRENNEMOEN, NOBODY][i % 3] for i in range(12)}
    add_customers(db, customers)
    report = run_monitor(db, lists.store, "alice", workers=2, chunk_size=5)
    assert report.counts["customers_full"] == 12
    assert set(active_alerts(db)) == {
        (c, {0: "test:zarif", 1: "test:brennemoen"}[i % 3])
        for i, c in enumerate(customers)
        if i % 3 != 2
    }


def test_workers_must_be_at_least_one(db, lists, zarif):
    lists.publish([zarif])
    add_customers(db, {"C1": ZARIF})
    with pytest.raises(SanctioError, match="workers: must be at least 1"):
        run_monitor(db, lists.store, "alice", workers=0)
    assert actions(db, "customer:C1") == ["customer.created"]  # no run started
