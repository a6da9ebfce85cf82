"""Screening one party: the form, and each screening's results with their explanations.

A screening runs on the current Screener when the form is posted, is written to the audit
trail with everything it found (actor, query, list versions, hits and explanations), and
the browser is sent to the screening's own page, which renders that record: the page
shows exactly what was found then, and can be bookmarked, shared and reloaded.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.audit import AuditEvent, append, records
from sanctio.errors import NotFoundError, QueryError
from sanctio.model import Schema
from sanctio.screener import Screener
from sanctio.web.auth import AnalystForm, Viewer, web_context
from sanctio.web.rendering import page_path, render
from sanctio.web.sessions import Session

router = APIRouter()

SCREEN_ACTION = "screen"
MAX_HITS = 100
SCHEMAS = [s.value for s in Schema if s is not Schema.UNKNOWN]
_LIST_SPLIT = re.compile(r"[,;\n]+")


def split_list(text: str) -> list[str]:
    """Values typed into one field, separated by commas, semicolons or new lines."""
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def _threshold(text: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise QueryError(f"threshold: {text!r} is not a number from 0 to 1") from None


def run_screening(
    screener: Screener, query: dict[str, Any], threshold: float | None, limit: int
) -> dict[str, Any]:
    """Screen one party; the audit payload: query, threshold, list versions and hits."""
    hits = screener.screen(
        query["name"] or None,
        schema=query["schema"] or None,
        birth_date=query["birth_date"] or None,
        countries=query["countries"],
        identifiers=query["identifiers"],
        limit=limit,
        threshold=threshold,
    )
    return {
        "query": query,
        "threshold": screener.threshold if threshold is None else threshold,
        "limit": limit,
        "versions": [
            {"source": v.source, "version": v.id, "as_of": v.as_of} for v in screener.versions
        ],
        "hits": [h.to_dict() for h in hits],
    }


def _form_page(
    request: Request,
    session: Session,
    query: dict[str, Any],
    *,
    error: str | None = None,
    result: dict[str, Any] | None = None,
    record: Any = None,
    status_code: int = 200,
) -> Response:
    return render(
        request, "screen.html", status_code, session=session, section="screen", query=query,
        error=error, result=result, record=record, schemas=SCHEMAS,
        default_threshold=web_context(request).screener().threshold, max_hits=MAX_HITS,
    )  # fmt: skip


EMPTY_QUERY = {
    "name": "", "schema": "", "birth_date": "", "countries": [], "identifiers": [],
    "threshold": "", "limit": 10,
}  # fmt: skip


@router.get("/screen", name="screen_form")
def screen_form(request: Request, session: Viewer) -> Response:
    """The screening form."""
    return _form_page(request, session, EMPTY_QUERY)


@router.post("/screen", name="screen")
def screen(
    request: Request,
    session: AnalystForm,
    name: str = Form("", max_length=500),
    entity_type: str = Form("", alias="schema"),
    birth_date: str = Form("", max_length=40),
    countries: str = Form("", max_length=500),
    identifiers: str = Form("", max_length=1000),
    threshold: str = Form("", max_length=20),
    limit: int = Form(10, ge=1, le=MAX_HITS),
) -> Response:
    """Screen the party in the form, record it, and show its results."""
    query = {
        "name": name.strip(),
        "schema": entity_type,
        "birth_date": birth_date.strip(),
        "countries": split_list(countries),
        "identifiers": split_list(identifiers),
        "threshold": threshold.strip(),
        "limit": limit,
    }
    context = web_context(request)
    try:
        payload = run_screening(context.screener(), query, _threshold(threshold), limit)
    except QueryError as exc:
        return _form_page(request, session, query, error=str(exc), status_code=400)
    screening_id = uuid.uuid4().hex
    with context.database.begin() as connection:
        append(
            connection,
            AuditEvent(session.user.actor, SCREEN_ACTION, f"screening:{screening_id}", payload),
        )
    return RedirectResponse(
        page_path(request, "screening", screening_id=screening_id), status_code=303
    )


@router.get("/screenings/{screening_id}", name="screening")
def screening(request: Request, screening_id: str, session: Viewer) -> Response:
    """One recorded screening: its query, the list versions and the hits, explained."""
    with web_context(request).database.read() as connection:
        found = [
            r
            for r in records(connection, subjects=[f"screening:{screening_id}"])
            if r.action == SCREEN_ACTION
        ]
    if not found:
        raise NotFoundError(f"no screening {screening_id}")
    record = found[0]
    return _form_page(
        request, session, record.payload["query"], result=record.payload, record=record
    )
