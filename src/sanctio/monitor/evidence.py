"""The evidence report for one customer: what was screened, when, against which list
versions, what was found, and who decided what and why, with the audit trail's proof.

Built from the audit trail (the customer's and its alerts' records, each with its chain
sequence number and hash) and the current state of the register and the alerts; the
whole chain is verified as part of the report. Written as JSON and as printable HTML
(Jinja2 with autoescaping: list and customer data are shown as text, never as markup),
each file atomically.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.database import Database
from sanctio.monitor.alerts import list_alerts
from sanctio.monitor.customers import get_customer
from sanctio.monitor.tables import now

__all__ = ["build_evidence", "render_html", "write_evidence"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_environment = Environment(
    loader=PackageLoader("sanctio.monitor", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def build_evidence(db: Database, customer_id: str, actor: str) -> dict[str, Any]:
    """The evidence report as a JSON-ready dict; records the export in the audit trail."""
    customer = get_customer(db, customer_id)
    with db.begin() as connection:
        audit.append(connection, AuditEvent(actor, "audit.exported", f"customer:{customer_id}", {}))
    alerts = list_alerts(db, customer_id=customer_id, limit=1_000_000)
    subjects = [f"customer:{customer_id}"] + [f"alert:{a.id}" for a in alerts]
    with db.read() as connection:
        records = [r.to_dict() for r in audit.records(connection, subjects=subjects)]
        verification = audit.verify(connection)
    history: dict[str, list[dict[str, Any]]] = {s: [] for s in subjects}
    for record in records:
        history[record["subject"]].append(record)
    customer_records = history[f"customer:{customer_id}"]
    return {
        "generated_at": now(),
        "generated_by": actor,
        "customer": customer.to_dict(),
        "register": [
            r
            for r in customer_records
            if r["action"].startswith("customer.") and r["action"] != "customer.screened"
        ],
        "screenings": [r for r in customer_records if r["action"] == "customer.screened"],
        "alerts": [
            {**alert.to_dict(), "history": history[f"alert:{alert.id}"]} for alert in alerts
        ],
        "exports": [r for r in customer_records if r["action"] == "audit.exported"],
        "audit_chain": verification.to_dict(),
    }


def render_html(report: dict[str, Any]) -> str:
    """The report as a printable HTML page."""
    return _environment.get_template("evidence.html").render(report=report)


def write_evidence(db: Database, customer_id: str, folder: Path, actor: str) -> tuple[Path, Path]:
    """Write ``evidence-<customer>.html`` and ``.json`` into ``folder``, each atomically
    (a temporary file in the same folder, then renamed); returns both paths."""
    report = build_evidence(db, customer_id, actor)
    folder.mkdir(parents=True, exist_ok=True)
    stem = "evidence-" + (_UNSAFE.sub("_", customer_id).strip("._") or "customer")
    json_path, html_path = folder / f"{stem}.json", folder / f"{stem}.html"
    data = orjson.dumps(report, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    _write_atomically({json_path: data, html_path: render_html(report).encode()})
    return html_path, json_path


def _write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename them all into place:
    a failure leaves the previous files (if any) untouched and no temporary behind."""
    temps: dict[Path, str] = {}
    try:
        for path, data in files.items():
            handle, temps[path] = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        for path, temp in temps.items():
            os.replace(temp, path)
    finally:
        for temp in temps.values():
            Path(temp).unlink(missing_ok=True)
