"""Material data: what a screening decision rests on, on both sides, and how it changed.

A false-positive decision says "this customer is not that listed party" given what was
known then. It stands until either side changes *materially*: for the listed entity its
names, type, birth dates and places, countries, gender or identifiers; for the customer
any of its screening data. A new programme, remark or street address is not material.
Snapshots are ``{field: [value, ...]}`` dicts of display strings, sorted, so they compare
exactly, store as JSON and describe their own changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sanctio.model import Entity

__all__ = ["FIELD_LABELS", "Snapshot", "customer_snapshot", "describe_changes", "entity_snapshot"]

Snapshot = dict[str, list[str]]

FIELD_LABELS = {
    "names": "names",
    "schema": "type",
    "birth_dates": "birth dates",
    "birth_places": "birth places",
    "countries": "countries",
    "gender": "gender",
    "identifiers": "identifiers",
}


def _values(values: Sequence[Any]) -> list[str]:
    return sorted({str(v) for v in values if v not in (None, "")})


def entity_snapshot(entity: Entity) -> Snapshot:
    """The material data of a listed entity."""
    return {
        "names": _values([f"{n.full} ({n.kind.value})" for n in entity.names]),
        "schema": [entity.schema.value],
        "birth_dates": _values(entity.birth_dates),
        "birth_places": _values(entity.birth_places),
        "countries": _values(entity.all_countries()),
        "gender": _values([entity.gender]),
        "identifiers": _values(
            [_identifier(i.type.value, i.value, i.country) for i in entity.identifiers]
        ),
    }


def customer_snapshot(record: Mapping[str, Any]) -> Snapshot:
    """The material data of a customer record (every field screened)."""
    return {
        "names": _values(record.get("names", [])),
        "schema": [record.get("schema") or "Unknown"],
        "birth_dates": _values(record.get("birth_date", [])),
        "countries": _values(record.get("countries", [])),
        "gender": _values([record.get("gender")]),
        "identifiers": _values(
            [
                _identifier(i["type"], i["value"], i.get("country"))
                for i in record.get("identifiers", [])
            ]
        ),
    }


def _identifier(kind: str, value: str, country: str | None) -> str:
    return f"{kind} {value}" + (f" ({country})" if country else "")


def describe_changes(
    side: str, before: Mapping[str, list[str]], after: Mapping[str, list[str]]
) -> list[str]:
    """One sentence per changed field: ``list entity birth dates: added 1970``."""
    out = []
    for key, label in FIELD_LABELS.items():
        old, new = before.get(key, []), after.get(key, [])
        if old == new:
            continue
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = []
        if added:
            parts.append("added " + ", ".join(added))
        if removed:
            parts.append("removed " + ", ".join(removed))
        out.append(f"{side} {label}: {'; '.join(parts)}")
    return out
