"""Health, readiness, metrics and the admin list update."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Response

from sanctio.audit import AuditEvent
from sanctio.audit import append as audit_append
from sanctio.errors import SanctioError
from sanctio.server.auth import AdminKey, AnalystKey, actor
from sanctio.server.index import list_age_seconds
from sanctio.server.keys import ApiKey
from sanctio.server.metrics import CONTENT_TYPE_LATEST, render
from sanctio.server.schemas import UpdateRequest
from sanctio.server.state import Service, ServiceState
from sanctio.store import Store
from sanctio.updates import update

__all__ = ["router"]

router = APIRouter(tags=["System"])

_update_lock = threading.Lock()


@router.get("/healthz", summary="Alive")
def healthz() -> dict[str, str]:
    """The process answers (no authentication)."""
    return {"status": "ok"}


@router.get("/readyz", summary="Ready to screen")
def readyz(response: Response, state: Service) -> dict[str, Any]:
    """200 when an index is loaded, else 503; the age of each list served, and whether a
    new index is being built (no authentication)."""
    loaded = state.index.current
    now = datetime.now(UTC)
    if loaded is None:
        response.status_code = 503
        response.headers["Retry-After"] = "5"
    return {
        "ready": loaded is not None,
        "building": state.index.building,
        "last_error": state.index.last_error,
        "loaded_at": None if loaded is None else loaded.loaded_at.isoformat(timespec="seconds"),
        "entities": 0 if loaded is None else len(loaded.entities),
        "lists": [
            {
                "source": v.source,
                "version": v.id,
                "as_of": v.as_of,
                "imported_at": v.imported_at,
                "age_days": round(list_age_seconds(v, now) / 86400, 1),
            }
            for v in (loaded.versions if loaded else ())
        ],
    }


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(
    _key: AnalystKey,
    state: Service,
) -> Response:
    """Requests, latencies, parties screened, list ages, in Prometheus' text format."""
    return Response(render(state.index), media_type=CONTENT_TYPE_LATEST)


@router.post("/v1/admin/update", summary="Import new list versions")
def admin_update(
    body: UpdateRequest,
    key: AdminKey,
    state: Service,
) -> dict[str, Any]:
    """Import new list versions as ``sanctio update`` does (from ``$SANCTIO_LISTS_DIR``
    when set, else from the official addresses), then rebuild this process's index in
    the background; other processes see the new versions at their next poll. Answers
    when the import is done; ``GET /readyz`` shows the rebuild."""
    if not _update_lock.acquire(blocking=False):
        raise HTTPException(409, "an update is already running in this process")
    try:
        with Store(state.settings.home) as store:
            report = update(store, sources=body.sources, max_shrink=body.max_shrink)
    except SanctioError as exc:
        _record_update(state, key, {"sources": body.sources, "error": str(exc)})
        raise
    finally:
        _update_lock.release()
    outcome = {
        "imported": [r.version.to_dict() for r in report.results if r.status == "imported"],
        "unchanged": [r.version.source for r in report.results if r.status == "unchanged"],
        "not_modified": report.not_modified,
        "unrecognised_files": [str(p) for p in report.unknown_files],
        "failures": report.failures,
    }
    summary = {k: v if k != "imported" else [i["id"] for i in v] for k, v in outcome.items()}
    _record_update(state, key, summary)
    if outcome["imported"]:
        state.index.request_refresh()
    return {**outcome, "index": "rebuilding" if outcome["imported"] else "unchanged"}


def _record_update(state: ServiceState, key: ApiKey, payload: dict[str, Any]) -> None:
    """An update, done or failed, in the audit trail."""
    with state.database.begin() as connection:
        audit_append(connection, AuditEvent(actor(key), "lists.update", "lists", payload))
