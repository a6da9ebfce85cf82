"""The audit view: find a customer, read its evidence report (printable).

The report is monitoring's own (``sanctio.monitor.evidence.build_evidence``): what was
screened, when, against which list versions, what was found, who decided what and why,
each record with its place and hash in the verified audit chain. Opening it is itself
recorded, as an export.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sanctio.monitor.customers import list_customers
from sanctio.monitor.evidence import build_evidence
from sanctio.web.auth import Viewer, web_context
from sanctio.web.rendering import render

router = APIRouter()

PER_PAGE = 50


@router.get("/audit", name="audit_customers")
def audit_customers(
    request: Request,
    session: Viewer,
    q: str = Query("", max_length=200),
    page: int = Query(1, ge=1),
) -> Response:
    """Customers of the register, searched by id or name, each with its evidence report."""
    found = list_customers(
        web_context(request).database,
        search=q.strip() or None,
        limit=PER_PAGE + 1,
        offset=(page - 1) * PER_PAGE,
    )
    return render(
        request, "audit.html", session=session, section="audit", q=q, page=page,
        customers=found[:PER_PAGE], more=len(found) > PER_PAGE,
    )  # fmt: skip


@router.get("/audit/customers/{customer_id:path}", name="evidence")
def evidence(request: Request, session: Viewer, customer_id: str) -> Response:
    """The evidence report of one customer, laid out for printing."""
    report = build_evidence(web_context(request).database, customer_id, session.user.actor)
    return render(request, "evidence.html", session=session, section="audit", report=report)
