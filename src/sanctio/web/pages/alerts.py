"""The alert queue, the alert page, and the decisions, through monitoring's own functions.

Every change (assign, comment, decide, confirm, reject, reopen) calls
``sanctio.monitor.alerts``, which holds the workflow's rules (four-eyes included) and
writes the audit trail; the UI adds who may ask: confirming, rejecting another person's
proposal and reopening need the reviewer role.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.monitor import alerts as monitor_alerts
from sanctio.monitor.alerts import DECISIONS, STATES, UNDECIDED
from sanctio.monitor.customers import get_customer
from sanctio.monitor.errors import DecisionError
from sanctio.monitor.settings import load_settings
from sanctio.web.alert_queue import SORTS, UNASSIGNED, QueueFilter, alert_sources, queue_page
from sanctio.web.auth import AnalystForm, ForbiddenError, ReviewerForm, Viewer, web_context
from sanctio.web.comparison import compare_sides, explain_alert
from sanctio.web.rendering import page_path, render
from sanctio.web.sessions import Session
from sanctio.web.users import list_users

router = APIRouter()

PER_PAGE = 50
DECISION_LABELS = {
    "false_positive": "False positive: not the listed party",
    "true_match": "True match: the listed party",
    "escalated": "Escalate for a senior decision",
}
STATE_LABELS = {
    "open": "open",
    "in_review": "in review",
    "escalated": "escalated",
    "true_match": "true match",
    "false_positive": "false positive",
    "closed": "closed",
}


@router.get("/alerts", name="alert_queue")
def alert_queue(
    request: Request,
    session: Viewer,
    state: str = Query("undecided", max_length=20),
    min_score: float | None = Query(None, ge=0, le=1),
    source: str = Query("", max_length=100),
    programme: str = Query("", max_length=100),
    assignee: str = Query("", max_length=200),
    sort: str = Query("score", max_length=20),
    order: str = Query("desc", pattern="^(asc|desc)$"),
    page: int = Query(1, ge=1),
) -> Response:
    """Alerts filtered by state, score, list, programme and assignee; sorted; paged."""
    db = web_context(request).database
    chosen = QueueFilter(
        state=state, min_score=min_score, source=source, programme=programme,
        assignee=assignee, sort=sort, descending=order == "desc",
    )  # fmt: skip
    found = queue_page(db, chosen, page=page, per_page=PER_PAGE)
    return render(
        request, "alerts.html", session=session, section="alerts", found=found, chosen=chosen,
        states=STATES, state_labels=STATE_LABELS, sources=alert_sources(db), sorts=list(SORTS),
        users=[u for u in list_users(db) if not u.disabled], unassigned=UNASSIGNED,
    )  # fmt: skip


def _alert_page(
    request: Request,
    session: Session,
    alert_id: int,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    context = web_context(request)
    db = context.database
    alert = monitor_alerts.get_alert(db, alert_id)
    customer = get_customer(db, alert.customer_id)
    settings = load_settings(db)
    with context.store() as store:
        entity = store.entity(alert.entity_id, alert.list_version)
    explained = explain_alert(customer.record, entity, settings.threshold).explanation.to_dict()
    rows = compare_sides(alert.customer_data, alert.entity_data, explained)
    return render(
        request, "alert.html", status_code, session=session, section="alerts", alert=alert,
        customer=customer, rows=rows,
        history=monitor_alerts.alert_history(db, alert_id), error=error,
        decisions=DECISIONS, decision_labels=DECISION_LABELS, state_labels=STATE_LABELS,
        four_eyes=settings.four_eyes, explained=explained, undecided=alert.state in UNDECIDED,
        users=[u for u in list_users(db) if not u.disabled],
    )  # fmt: skip


@router.get("/alerts/{alert_id}", name="alert")
def alert_page(request: Request, session: Viewer, alert_id: int) -> Response:
    """One alert: customer and entity side by side, the explanation, decisions, history."""
    return _alert_page(request, session, alert_id)


def _act(request: Request, session: Session, alert_id: int, change: Callable[[], Any]) -> Response:
    """Make a change through monitoring; back to the alert, or the alert with the reason
    the change was refused."""
    try:
        change()
    except DecisionError as exc:
        return _alert_page(request, session, alert_id, error=str(exc), status_code=409)
    return RedirectResponse(page_path(request, "alert", alert_id=alert_id), status_code=303)


@router.post("/alerts/{alert_id}/decide", name="decide_alert")
def decide_alert(
    request: Request,
    session: AnalystForm,
    alert_id: int,
    decision: str = Form(""),
    reason: str = Form("", max_length=10_000),
) -> Response:
    """Decide (or, where four-eyes applies, propose) false positive, true match or
    escalation, with a reason (required)."""
    db = web_context(request).database
    return _act(
        request, session, alert_id,
        lambda: monitor_alerts.decide(db, alert_id, decision, reason, session.user.actor),
    )  # fmt: skip


@router.post("/alerts/{alert_id}/confirm", name="confirm_alert")
def confirm_alert(
    request: Request,
    session: ReviewerForm,
    alert_id: int,
    reason: str = Form("", max_length=10_000),
) -> Response:
    """Confirm another person's proposed decision (reviewers; four-eyes)."""
    db = web_context(request).database
    return _act(
        request, session, alert_id,
        lambda: monitor_alerts.confirm(db, alert_id, session.user.actor, reason or None),
    )  # fmt: skip


@router.post("/alerts/{alert_id}/reject", name="reject_alert")
def reject_alert(
    request: Request,
    session: AnalystForm,
    alert_id: int,
    reason: str = Form("", max_length=10_000),
) -> Response:
    """Turn down a proposed decision (reviewers), or withdraw one's own proposal."""
    db = web_context(request).database
    alert = monitor_alerts.get_alert(db, alert_id)
    if not session.user.can("reviewer") and alert.proposed_by != session.user.actor:
        raise ForbiddenError(
            "turning down another person's proposal needs the reviewer role; "
            f"your account is {session.user.role}"
        )
    return _act(
        request, session, alert_id,
        lambda: monitor_alerts.reject(db, alert_id, reason, session.user.actor),
    )  # fmt: skip


@router.post("/alerts/{alert_id}/reopen", name="reopen_alert")
def reopen_alert(
    request: Request,
    session: ReviewerForm,
    alert_id: int,
    reason: str = Form("", max_length=10_000),
) -> Response:
    """Send a decided or closed alert back to open (reviewers)."""
    db = web_context(request).database
    return _act(
        request, session, alert_id,
        lambda: monitor_alerts.reopen(db, alert_id, reason, session.user.actor),
    )  # fmt: skip


@router.post("/alerts/{alert_id}/assign", name="assign_alert")
def assign_alert(
    request: Request,
    session: AnalystForm,
    alert_id: int,
    assignee: str = Form("", max_length=200),
) -> Response:
    """Give the alert to an account (empty: to nobody)."""
    db = web_context(request).database
    return _act(
        request, session, alert_id,
        lambda: monitor_alerts.assign(db, alert_id, assignee or None, session.user.actor),
    )  # fmt: skip


@router.post("/alerts/{alert_id}/comment", name="comment_alert")
def comment_alert(
    request: Request,
    session: AnalystForm,
    alert_id: int,
    text: str = Form("", max_length=10_000),
) -> Response:
    """Add a comment to the alert's history."""
    db = web_context(request).database
    return _act(
        request, session, alert_id,
        lambda: monitor_alerts.comment(db, alert_id, text, session.user.actor),
    )  # fmt: skip
