"""The lists: sources, versions, as-of dates, the last import, and diffs between versions."""

from __future__ import annotations

import math
from collections import defaultdict

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sanctio.store import ListVersion
from sanctio.web.auth import Viewer, web_context
from sanctio.web.list_diff import default_pair, diff_rows, field_changes, filter_rows
from sanctio.web.rendering import render

router = APIRouter()

DIFF_PAGE_SIZE = 50
CHANGES = ("added", "removed", "changed")


@router.get("/lists", name="lists")
def lists_page(request: Request, session: Viewer) -> Response:
    """Every source: its current version, every version it has had, and its last import."""
    with web_context(request).store() as store:
        versions = store.versions()
    by_source: dict[str, list[ListVersion]] = defaultdict(list)
    for v in versions:
        by_source[v.source].append(v)
    sources = [
        {
            "name": name,
            "versions": found,
            "current": next((v for v in found if v.is_current), None),
            "last_import": max(found, key=lambda v: (v.imported_at, v.id)),
        }
        for name, found in sorted(by_source.items())
    ]
    return render(request, "lists.html", session=session, section="lists", sources=sources)


@router.get("/lists/{source}/diff", name="list_diff")
def list_diff(
    request: Request,
    session: Viewer,
    source: str,
    old: str | None = Query(None, alias="from", max_length=40),
    new: str | None = Query(None, alias="to", max_length=40),
    change: str = Query("", pattern="^(|added|removed|changed)$"),
    programme: str = Query("", max_length=100),
    q: str = Query("", max_length=200),
    page: int = Query(1, ge=1),
) -> Response:
    """Entities added, removed and changed between two versions of a list, filtered by
    kind of change, programme and text, fifty to a page, changed fields spelt out."""
    with web_context(request).store() as store:
        versions = store.versions(source)
        if old is None and new is None:
            old_version, new_version = default_pair(versions or [store.current_version(source)])
        else:
            old_version = store.resolve_version(source, old)
            new_version = store.resolve_version(source, new)
        rows = diff_rows(store, old_version, new_version)
        counts = {kind: sum(1 for r in rows if r.change == kind) for kind in CHANGES}
        shown = filter_rows(rows, change=change or None, programme=programme, text=q)
        pages = max(1, math.ceil(len(shown) / DIFF_PAGE_SIZE))
        page = min(page, pages)
        page_rows = shown[(page - 1) * DIFF_PAGE_SIZE : page * DIFF_PAGE_SIZE]
        details = {
            r.entity_id: field_changes(store, r.entity_id, old_version, new_version)
            for r in page_rows
            if r.change == "changed"
        }
    return render(
        request, "diff.html", session=session, section="lists", source=source,
        versions=versions, old=old_version, new=new_version, counts=counts,
        rows=page_rows, details=details, total=len(shown), page=page, pages=pages,
        change=change, programme=programme, q=q,
    )  # fmt: skip
