"""``POST /v1/screen`` and ``POST /v1/screen/batch``: parties through the one Screener.

Every party screened becomes one audit record (actor: the key id; subject:
``api-request:<request id>`` or ``api-request:<request id>/<party key>``) holding the
query, or only its sha256 when ``SANCTIO_AUDIT_QUERY=hash``, the list versions, and the
hits' ids and scores. Records are queued before the answer is sent; if the queue is full
the request fails with 503 instead of screening unaudited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, HTTPException, Request

from sanctio.audit import AuditEvent
from sanctio.errors import QueryError
from sanctio.exposure import exposure_for_hits
from sanctio.exposure.cache import exposure_of
from sanctio.matching.query import Query
from sanctio.screener import Hit
from sanctio.server.auth import BatchScreenKey, ScreenKey, actor, charge
from sanctio.server.errors import query_error_detail
from sanctio.server.index import LoadedIndex
from sanctio.server.keys import ApiKey
from sanctio.server.metrics import PARTIES_SCREENED
from sanctio.server.schemas import (
    BatchRequest,
    BatchResponse,
    ScreenOptions,
    ScreenRequest,
    ScreenResponse,
)
from sanctio.server.state import Service, ServiceState

__all__ = ["audit_event", "hit_out", "router"]

router = APIRouter(tags=["Screening"])


def hit_out(hit: Hit, *, explain: bool) -> dict[str, Any]:
    """A hit as the API returns it."""
    out = hit.to_dict() if explain else {**hit.to_dict(), "explanation": None}
    out["score"] = round(hit.score, 4)
    return out


def audit_event(
    state: ServiceState,
    key: ApiKey,
    *,
    action: str,
    subject: str,
    query: dict[str, Any],
    loaded: LoadedIndex,
    hits: Sequence[Hit],
    options: dict[str, Any],
    at: str,
) -> AuditEvent:
    """The audit record of one screening: who, when, the query (or its hash), the list
    versions, and the hits."""
    if state.settings.audit_query == "hash":
        canonical = orjson.dumps(query, option=orjson.OPT_SORT_KEYS)
        what: dict[str, Any] = {"query_sha256": hashlib.sha256(canonical).hexdigest()}
    else:
        what = {"query": query}
    payload = {
        **what,
        "options": options,
        "versions": loaded.versions_used(),
        "hits": [
            {"entity_id": h.entity_id, "score": round(h.score, 4), "alert": h.is_alert}
            for h in hits
        ],
    }
    return AuditEvent(actor(key), action, subject, payload, at=at)


def _screen_options(options: ScreenOptions) -> dict[str, Any]:
    return {
        "limit": options.limit,
        "threshold": options.threshold,
        "sources": options.sources,
        "programs": options.programs,
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@router.post("/v1/screen", response_model=ScreenResponse, summary="Screen one party")
def screen(
    body: ScreenRequest,
    request: Request,
    key: ScreenKey,
    state: Service,
) -> dict[str, Any]:
    """One party (a name or name parts, schema, birth date, countries, identifiers) against
    the current lists: its hits, best first, with scores, explanations and the list
    versions used. Alerts are hits at or above the threshold; near misses down to half
    the threshold are returned up to ``limit``."""
    at = _now()
    loaded = state.loaded_index()
    record = body.record()
    options = _screen_options(body)
    hits = loaded.screener.screen_query(Query.from_record(record), **options)
    request_id = request.state.request_id
    state.audit.submit(
        [
            audit_event(
                state, key, action="screen", subject=f"api-request:{request_id}",
                query=record, loaded=loaded, hits=hits, options=options, at=at,
            )
        ]
    )  # fmt: skip
    alerts = sum(h.is_alert for h in hits)
    PARTIES_SCREENED.labels("screen", "alert" if alerts else "clear").inc()
    result = {
        "request_id": request_id,
        "threshold": loaded.screener.threshold if body.threshold is None else body.threshold,
        "versions": loaded.versions_used(),
        "alerts": alerts,
        "hits": [hit_out(h, explain=body.explain) for h in hits],
    }
    if body.exposure:
        exposure = exposure_of(loaded.screener, state.database)
        result["exposure"] = exposure_for_hits(exposure, [h for h in hits if h.is_alert])
    return result


@router.post("/v1/screen/batch", response_model=BatchResponse, summary="Screen many parties")
def screen_batch(
    body: BatchRequest,
    request: Request,
    key: BatchScreenKey,
    state: Service,
) -> dict[str, Any]:
    """Up to 1,000 parties (the service's batch limit) in one call, screened with the
    same options; each result carries its party's ``key``. A party the Screener refuses
    (an unreadable birth date, say) gets ``status: error`` and the others still run."""
    at = _now()
    parties = body.parties
    if len(parties) > state.settings.max_batch:
        raise HTTPException(
            422,
            [
                {
                    "field": "parties",
                    "message": f"{len(parties)} parties; the limit is {state.settings.max_batch}",
                    "type": "too_long",
                }
            ],
        )
    seen: dict[str, int] = {}
    for position, party in enumerate(parties):
        if party.key in seen:
            raise HTTPException(
                422,
                [
                    {
                        "field": f"parties[{position}].key",
                        "message": f"key {party.key!r} is also used by parties[{seen[party.key]}]",
                        "type": "duplicate",
                    }
                ],
            )
        seen[party.key] = position
    charge(state, key, len(parties))
    loaded = state.loaded_index()
    options = _screen_options(body)
    loaded.screener.entity_filter(body.sources, body.programs)  # an unknown source: one 422
    request_id = request.state.request_id
    results, events = [], []
    for party in parties:
        record = party.record()
        try:
            query = Query.from_record(record)
        except QueryError as exc:
            results.append({"key": party.key, "status": "error", "error": query_error_detail(exc)})
            continue
        hits = loaded.screener.screen_query(query, **options)
        alerts = sum(h.is_alert for h in hits)
        results.append(
            {
                "key": party.key,
                "status": "ok",
                "alerts": alerts,
                "hits": [hit_out(h, explain=body.explain) for h in hits],
            }
        )
        events.append(
            audit_event(
                state, key, action="screen.batch", subject=f"api-request:{request_id}/{party.key}",
                query=record, loaded=loaded, hits=hits, options=options, at=at,
            )
        )  # fmt: skip
        PARTIES_SCREENED.labels("batch", "alert" if alerts else "clear").inc()
    state.audit.submit(events)
    return {
        "request_id": request_id,
        "threshold": loaded.screener.threshold if body.threshold is None else body.threshold,
        "versions": loaded.versions_used(),
        "results": results,
    }
