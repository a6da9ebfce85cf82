"""Applying one customer's screening to its alerts: create, update, re-open, suppress, close.

For each entity the screening found alerting: a new pair raises an ``open`` alert; an
undecided or true-match alert takes the new score and data; a false positive stays
quiet while neither side changed materially since the decision (the good-guy list) and
re-opens, saying what changed, when one did; a closed alert that alerts again re-opens
(or returns to false positive if its good-guy entry still holds).

For each existing alert the screening did not find: if its entity left the lists it is
closed as ``delisted``; if its entity was screened and no longer alerts, an undecided
alert is closed as ``no longer matches`` and a decided one keeps its decision; if the
screening did not cover its entity (a delta run, entity unchanged) it is left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from sanctio.audit import AuditEvent
from sanctio.batch import HitRow
from sanctio.model import Entity
from sanctio.monitor.alerts import (
    CLEARED_DECISION,
    CLOSED,
    FALSE_POSITIVE,
    OPEN,
    UNDECIDED,
    Alert,
)
from sanctio.monitor.material import Snapshot, describe_changes, entity_snapshot
from sanctio.monitor.scope import REMOVED, UNTOUCHED, Scope
from sanctio.monitor.tables import alerts, now

__all__ = ["DELISTED", "NO_LONGER_MATCHES", "CustomerScreening", "Finding", "apply_screening"]

DELISTED = "delisted"
NO_LONGER_MATCHES = "no longer matches"
_NO_PROPOSAL = {"proposed_decision": None, "proposed_by": None, "proposed_reason": None}


@dataclass(frozen=True, slots=True)
class Finding:
    """An alerting hit (a batch hit row) and the listed entity it is on."""

    entity: Entity
    hit: HitRow


@dataclass(frozen=True, slots=True)
class CustomerScreening:
    """One customer screened: the data screened (hash and material snapshot) and the alerts."""

    customer_id: str
    customer_hash: str
    customer_data: Snapshot
    findings: tuple[Finding, ...]


def _screened_values(finding: Finding, scope: Scope, customer_data: Snapshot) -> dict[str, Any]:
    hit, entity = finding.hit, finding.entity
    version = scope.versions[entity.source]
    return {
        "active": True,
        "score": hit.score,
        "matched_name": hit.matched_name,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "programs": list(entity.programs),
        "explanation": {
            "summary": hit.explanation,
            "query_name": hit.query_name,
            "matched_name": hit.matched_name,
        },
        "list_version": version.id,
        "list_as_of": version.as_of,
        "customer_data": customer_data,
        "entity_data": entity_snapshot(entity),
    }


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What changed between two sets of screened data, one sentence per field."""
    out = describe_changes("customer", old["customer_data"], new["customer_data"])
    out += describe_changes("list entity", old["entity_data"], new["entity_data"])
    if list(old["programs"]) != list(new["programs"]):
        out.append(f"list entity programmes: {', '.join(new['programs']) or 'none'}")
    return out


def _good_guy_holds(alert: Alert, values: Mapping[str, Any]) -> bool:
    """Whether a false-positive decision still covers the data now screened."""
    return alert.good_guy is not None and alert.good_guy_data() == {
        "customer_data": values["customer_data"],
        "entity_data": values["entity_data"],
    }


class _Writer:
    """Alert writes and their audit events for one customer's screening."""

    def __init__(
        self, connection: Connection, actor: str, run_id: int, counts: Counter[str]
    ) -> None:
        self.connection = connection
        self.actor = actor
        self.run_id = run_id
        self.counts = counts
        self.events: list[AuditEvent] = []

    def insert(self, customer_id: str, finding: Finding, values: dict[str, Any]) -> None:
        stamp = now()
        result = self.connection.execute(
            alerts.insert().values(
                customer_id=customer_id,
                entity_id=finding.entity.id,
                source=finding.entity.source,
                state=OPEN,
                created_at=stamp,
                updated_at=stamp,
                **values,
            )
        )
        alert_id = result.inserted_primary_key[0]
        payload = {
            "run": self.run_id,
            "customer": customer_id,
            "entity": finding.entity.id,
            "score": values["score"],
            "matched_name": values["matched_name"],
            "list_version": values["list_version"],
        }
        self.event(alert_id, "alert.created", None, OPEN, payload, count="alerts_created")

    def update(self, alert: Alert, values: dict[str, Any]) -> None:
        self.connection.execute(
            alerts.update().where(alerts.c.id == alert.id).values(updated_at=now(), **values)
        )

    def event(
        self,
        alert_id: int,
        action: str,
        from_state: str | None,
        to_state: str,
        payload: dict[str, Any],
        *,
        count: str,
    ) -> None:
        body = {"from_state": from_state, "to_state": to_state, "run": self.run_id, **payload}
        self.events.append(AuditEvent(self.actor, action, f"alert:{alert_id}", body))
        self.counts[count] += 1


def apply_screening(
    connection: Connection,
    screening: CustomerScreening,
    scope: Scope,
    existing: Mapping[str, Alert],
    *,
    actor: str,
    run_id: int,
    counts: Counter[str],
) -> list[AuditEvent]:
    """Bring one customer's alerts (``existing``, by entity id) in line with a screening;
    returns the audit events to append."""
    writer = _Writer(connection, actor, run_id, counts)
    found = {f.entity.id for f in screening.findings}
    for finding in screening.findings:
        values = _screened_values(finding, scope, screening.customer_data)
        alert = existing.get(finding.entity.id)
        if alert is None:
            writer.insert(screening.customer_id, finding, values)
        else:
            _rematch(writer, alert, values)
    for entity_id, alert in existing.items():
        if entity_id not in found:
            _unmatched(writer, alert, scope.status(entity_id))
    return writer.events


def _rematch(writer: _Writer, alert: Alert, values: dict[str, Any]) -> None:
    """An existing alert whose pair alerted again."""
    holds = _good_guy_holds(alert, values)
    if alert.state == CLOSED and holds:
        writer.update(alert, {**values, "state": FALSE_POSITIVE, "close_reason": None})
        reason = "alerts again; nothing material changed since the false-positive decision"
        writer.event(
            alert.id, "alert.suppressed", CLOSED, FALSE_POSITIVE, {"reason": reason},
            count="suppressed",
        )  # fmt: skip
        return
    if alert.state == CLOSED or (alert.state == FALSE_POSITIVE and not holds):
        if alert.state == CLOSED:
            reason = f"alerts again after it was closed ({alert.close_reason})"
            changes = _changes(alert.to_dict(), values)
        else:
            assert alert.good_guy is not None
            reason = "material change since the false-positive decision"
            changes = _changes({**alert.good_guy_data(), "programs": values["programs"]}, values)
        writer.update(alert, {**values, **CLEARED_DECISION, "state": OPEN, "close_reason": None})
        payload = {"reason": reason, "changes": changes, "score": values["score"]}
        writer.event(
            alert.id, "alert.reopened", alert.state, OPEN, payload, count="alerts_reopened"
        )
        return
    if alert.state == FALSE_POSITIVE:
        writer.counts["suppressed"] += 1
    changes = _changes(alert.to_dict(), values)
    writer.update(alert, values)
    if changes or alert.score != values["score"] or not alert.active:
        payload = {
            "score_before": alert.score,
            "score": values["score"],
            "changes": changes,
            "list_version": values["list_version"],
            "alerting_again": not alert.active,
        }
        writer.event(
            alert.id, "alert.updated", alert.state, alert.state, payload, count="alerts_updated"
        )


def _unmatched(writer: _Writer, alert: Alert, status: str) -> None:
    """An existing alert whose pair did not alert in this screening."""
    if status == UNTOUCHED:
        return
    if status == REMOVED and alert.state != CLOSED:
        writer.update(
            alert, {"state": CLOSED, "close_reason": DELISTED, "active": False, **_NO_PROPOSAL}
        )
        payload = {"reason": DELISTED}
        writer.event(
            alert.id, "alert.closed", alert.state, CLOSED, payload, count="closed_delisted"
        )
    elif not alert.active:
        return
    elif status == REMOVED:
        writer.update(alert, {"active": False})
    elif alert.state in UNDECIDED:
        writer.update(
            alert,
            {"state": CLOSED, "close_reason": NO_LONGER_MATCHES, "active": False, **_NO_PROPOSAL},
        )
        payload = {"reason": NO_LONGER_MATCHES}
        writer.event(
            alert.id,
            "alert.closed",
            alert.state,
            CLOSED,
            payload,
            count="closed_no_longer_matching",
        )
    else:
        writer.update(alert, {"active": False})
        payload = {"reason": "no longer alerts; the decision stands"}
        writer.event(
            alert.id, "alert.updated", alert.state, alert.state, payload, count="alerts_updated"
        )
