"""Exposure over HTTP: a party's standing under the 50 percent rule and its paths to
designated persons (docs/exposure.md), from the lists served and the firm's ownership data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sanctio.exposure import DEFAULT_HOPS, MAX_HOPS
from sanctio.exposure.cache import exposure_of
from sanctio.server.auth import AnalystKey
from sanctio.server.state import Service

__all__ = ["router"]

router = APIRouter(tags=["Exposure"])


@router.get("/v1/exposure/{party:path}", summary="Ownership and links of one party")
def party_exposure(
    party: str,
    _key: AnalystKey,
    state: Service,
    hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="Longest path followed.")] = (
        DEFAULT_HOPS
    ),
) -> dict[str, Any]:
    """A listed entity (``ofac-sdn:12735``) or a customer (``customer:C-1001``): whether the
    50 percent rule blocks it, with the ownership paths, and the shortest paths of up to
    ``hops`` relationships to designated persons."""
    loaded = state.loaded_index()
    return exposure_of(loaded.screener, state.database).party(party, max_hops=hops)
