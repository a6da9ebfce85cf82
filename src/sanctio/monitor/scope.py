"""What one screening covers: every current entity (full), or a list change (delta).

A full screening looks at every entity of the current list versions. A delta screening
looks at the change from the versions a customer was last screened against to the
current ones: entities added or changed are screened, entities removed close their
alerts as delisted, and every other entity is untouched, because its score against an
unchanged customer cannot have changed (a score depends only on the customer and that
one entity; token weights are a fixed table, not learned from the lists in the store).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sanctio.model import Entity
from sanctio.store import ListVersion, Store

__all__ = ["REMOVED", "SCREENED", "UNTOUCHED", "Scope", "delta_scope", "full_scope"]

SCREENED, REMOVED, UNTOUCHED = "screened", "removed", "untouched"


@dataclass(frozen=True, slots=True)
class Scope:
    """The entities one screening covers, and the list versions it brings customers to."""

    mode: str  # "full" or "delta"
    versions: Mapping[str, ListVersion]  # the current version of each source, by source
    entities: tuple[Entity, ...]  # to screen against: all (full), added and changed (delta)
    removed: frozenset[str] = frozenset()
    from_versions: Mapping[str, int] = field(default_factory=dict)  # delta: screened before
    _screened: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_screened", frozenset(e.id for e in self.entities))

    def status(self, entity_id: str) -> str:
        """SCREENED, REMOVED (delisted) or UNTOUCHED (a delta leaves its alerts as they are)."""
        if entity_id in self._screened:
            return SCREENED
        if self.mode == "full" or entity_id in self.removed:
            return REMOVED
        return UNTOUCHED

    def describe(self) -> dict[str, Any]:
        """For the audit trail: the versions screened against and how much was screened."""
        return {
            "mode": self.mode,
            "versions": {s: {"version": v.id, "as_of": v.as_of} for s, v in self.versions.items()},
            "from_versions": dict(self.from_versions),
            "entities_screened": len(self.entities),
            "entities_removed": len(self.removed),
        }


def full_scope(store: Store, versions: Mapping[str, ListVersion]) -> Scope:
    """Every entity of the given versions."""
    entities = tuple(e for v in versions.values() for e in store.entities(v.id))
    return Scope("full", dict(versions), entities)


def delta_scope(
    store: Store, from_versions: Mapping[str, int], versions: Mapping[str, ListVersion]
) -> Scope:
    """The change from ``from_versions`` ({source: version id}) to ``versions``: a source new
    to the customer counts as all added, a source gone as all removed."""
    removed: set[str] = set()
    to_load: dict[int, set[str]] = {}
    for source in sorted(set(from_versions) | set(versions)):
        old_id = from_versions.get(source)
        new = versions.get(source)
        if new is not None and old_id == new.id:
            continue
        old_index = store.entity_index(old_id) if old_id is not None else {}
        new_index = store.entity_index(new.id) if new is not None else {}
        removed.update(old_index.keys() - new_index.keys())
        if new is not None:
            wanted = {
                i for i, (digest, _) in new_index.items() if old_index.get(i, ("",))[0] != digest
            }
            to_load[new.id] = wanted
    entities = tuple(
        e for version_id, wanted in to_load.items() if wanted
        for e in store.entities(version_id) if e.id in wanted
    )  # fmt: skip
    return Scope("delta", dict(versions), entities, frozenset(removed), dict(from_versions))
