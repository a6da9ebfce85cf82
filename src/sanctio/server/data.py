"""Analyst endpoints: one entity, a name search, the lists and their versions, diffs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from sanctio.errors import NotFoundError
from sanctio.matching.query import MAX_NAME_LENGTH
from sanctio.matching.query import Query as ScreeningQuery
from sanctio.screener import MAX_LIMIT
from sanctio.server.auth import AnalystKey
from sanctio.server.schemas import ListsResponse, SearchResponse
from sanctio.server.screening import audit_event, hit_out
from sanctio.server.state import Service
from sanctio.store import Store, diff_versions

__all__ = ["SEARCH_THRESHOLD", "router"]

router = APIRouter(tags=["Data"])

# A search ranks names an analyst may look for: everything scoring at least half of this.
SEARCH_THRESHOLD = 0.6


@router.get("/v1/entities/{entity_id:path}", summary="One listed entity")
def entity(
    entity_id: str,
    _key: AnalystKey,
    state: Service,
) -> dict[str, Any]:
    """Everything known about one listed entity, from the list version being served."""
    loaded = state.loaded_index()
    found = loaded.entities.get(entity_id)
    if found is None:
        raise NotFoundError(f"no entity {entity_id!r} in the lists served")
    version = next((v for v in loaded.versions if v.source == found.source), None)
    return {
        "entity": found.to_dict(),
        "version": None if version is None else version.to_dict(),
    }


@router.get("/v1/search", response_model=SearchResponse, summary="Search listed names")
def search(
    request: Request,
    key: AnalystKey,
    state: Service,
    q: Annotated[str, Query(min_length=1, max_length=MAX_NAME_LENGTH, description="A name.")],
    schema: Annotated[str | None, Query(max_length=50)] = None,
    source: Annotated[list[str] | None, Query(description="Only these lists.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> dict[str, Any]:
    """Listed entities whose names resemble ``q``, best first: the Screener's ranking with
    a lower bar (scores from 0.3), for analysts looking a name up. Not a screening:
    use ``POST /v1/screen`` to decide alerts."""
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    loaded = state.loaded_index()
    query = ScreeningQuery.build(q, schema=schema)
    options = {"limit": limit, "threshold": SEARCH_THRESHOLD, "sources": source}
    hits = loaded.screener.screen_query(query, **options)
    state.audit.submit(
        [
            audit_event(
                state, key, action="search", subject=f"api-request:{request.state.request_id}",
                query={"q": q, "schema": schema}, loaded=loaded, hits=hits, options=options, at=at,
            )
        ]
    )  # fmt: skip
    return {"query": q, "results": [hit_out(h, explain=False) for h in hits]}


@router.get("/v1/lists", response_model=ListsResponse, summary="Lists and versions")
def lists(
    _key: AnalystKey,
    state: Service,
) -> dict[str, Any]:
    """Every version of every list in the store: source, as-of date, counts, whether it
    is current, and whether this process serves it."""
    loaded = state.index.current
    served = {v.id for v in loaded.versions} if loaded else set()
    with Store(state.settings.home) as store:
        versions = store.versions()
    return {"lists": [{**v.to_dict(), "served": v.id in served} for v in versions]}


@router.get("/v1/lists/{source}/diff", summary="Changes between two versions of a list")
def diff(
    source: str,
    _key: AnalystKey,
    state: Service,
    old: Annotated[str, Query(alias="from", description="A version id or as-of date.")],
    new: Annotated[
        str, Query(alias="to", description="A version id or as-of date (default: current).")
    ] = "current",
    values: Annotated[bool, Query(description="Each changed field's old and new value.")] = False,
) -> dict[str, Any]:
    """Entities added, removed and changed between two versions of one list."""
    with Store(state.settings.home) as store:
        if not store.versions(source):
            raise HTTPException(404, f"no list {source!r} in the store")
        result = diff_versions(
            store, store.resolve_version(source, old), store.resolve_version(source, new)
        )
    return result.to_dict(with_values=values)
