"""Differences between two versions of a list, for reading page by page.

The whole diff of a large list (the SDN list from 2021 to 2024 changes thousands of
entries) is too slow to build on every page view, so it is built in two layers: which
entities were added, removed or changed, with their captions and programmes, is computed
once per pair of versions of a store and kept (versions never change); the field-by-field changes
are computed only for the rows on the page being shown.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sanctio.errors import SanctioError
from sanctio.store import ListVersion, Store
from sanctio.store.diff import _id_order

__all__ = [
    "DiffRow",
    "FieldChange",
    "default_pair",
    "diff_rows",
    "field_changes",
    "filter_rows",
]

CACHED_VERSIONS = 8
CACHED_DIFFS = 8


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One entity that differs between the versions."""

    entity_id: str
    caption: str
    change: str  # "added", "removed" or "changed"
    programs: tuple[str, ...]  # in either version


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a changed entity: the values it lost and gained, as display text."""

    field: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


class _Cache:
    """A small least-recently-used cache, safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_versions = _Cache(CACHED_VERSIONS)
_diffs = _Cache(CACHED_DIFFS)


def _version_index(
    store: Store, version: ListVersion
) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Entity id -> (content hash, caption, programmes) for one version."""
    key = (str(store.path), version.id)
    found = _versions.get(key)
    if found is None:
        hashes = store.entity_index(version.id)
        found = {e.id: (hashes[e.id][0], e.caption, e.programs) for e in store.entities(version.id)}
        _versions.put(key, found)
    return found


def default_pair(versions: list[ListVersion]) -> tuple[ListVersion, ListVersion]:
    """The pair a list's diff shows by default: the current version and the one before it
    (by as-of date); ``versions`` are one source's, oldest first."""
    current = next((v for v in versions if v.is_current), versions[-1])
    earlier = [v for v in versions if (v.as_of, v.id) < (current.as_of, current.id)]
    if not earlier:
        raise SanctioError(f"{current.source} has only one version; there is nothing to compare")
    return earlier[-1], current


def diff_rows(store: Store, old: ListVersion, new: ListVersion) -> list[DiffRow]:
    """Every entity added, removed or changed from ``old`` to ``new``, in id order."""
    if old.source != new.source:
        raise ValueError(f"cannot diff {old.source} against {new.source}")
    key = (str(store.path), old.id, new.id)
    rows = _diffs.get(key)
    if rows is None:
        before, after = _version_index(store, old), _version_index(store, new)
        rows = []
        for entity_id in sorted(before.keys() | after.keys(), key=_id_order):
            was, now = before.get(entity_id), after.get(entity_id)
            if was is None and now is not None:
                rows.append(DiffRow(entity_id, now[1], "added", now[2]))
            elif now is None and was is not None:
                rows.append(DiffRow(entity_id, was[1], "removed", was[2]))
            elif was is not None and now is not None and was[0] != now[0]:
                programs = tuple(dict.fromkeys(was[2] + now[2]))
                rows.append(DiffRow(entity_id, now[1], "changed", programs))
        _diffs.put(key, rows)
    return rows


def filter_rows(
    rows: list[DiffRow], *, change: str | None, programme: str | None, text: str | None
) -> list[DiffRow]:
    """The rows of one kind of change, under a programme (by prefix, in either version:
    ``SYRIA`` finds ``SYRIA-EO13894``) and whose caption or id contains ``text``."""
    wanted_programme = (programme or "").strip().upper()
    wanted_text = (text or "").strip().casefold()
    return [
        row
        for row in rows
        if (not change or row.change == change)
        and (
            not wanted_programme
            or any(p.upper().startswith(wanted_programme) for p in row.programs)
        )
        and (
            not wanted_text
            or wanted_text in row.caption.casefold()
            or wanted_text in row.entity_id.casefold()
        )
    ]


def _display(value: Any) -> str:
    """One element of a field as text: a name by its full form, a record as key: value."""
    if isinstance(value, dict):
        if "full" in value:
            extra = ", ".join(f"{k}: {v}" for k, v in sorted(value.items()) if k != "full")
            return f"{value['full']} ({extra})" if extra else str(value["full"])
        return "; ".join(f"{k}: {v}" for k, v in sorted(value.items()))
    return str(value)


def field_changes(
    store: Store, entity_id: str, old: ListVersion, new: ListVersion
) -> list[FieldChange]:
    """What changed in one entity between two versions, field by field."""
    before = store.entity(entity_id, old.id).to_dict()
    after = store.entity(entity_id, new.id).to_dict()
    changes = []
    for name in sorted(before.keys() | after.keys()):
        if before.get(name) == after.get(name):
            continue
        was = [_display(v) for v in _as_list(before.get(name))]
        now = [_display(v) for v in _as_list(after.get(name))]
        changes.append(
            FieldChange(
                name,
                tuple(v for v in was if v not in now),
                tuple(v for v in now if v not in was),
            )
        )
    return changes


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
