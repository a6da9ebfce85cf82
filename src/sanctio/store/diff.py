"""Differences between two versions of one list: entities added, removed and changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanctio.store.store import ListVersion, Store

__all__ = ["EntityChange", "VersionDiff", "diff_versions"]


@dataclass(frozen=True, slots=True)
class EntityChange:
    """One entity present in both versions whose record differs, and the fields that did."""

    entity_id: str
    caption: str
    fields: tuple[str, ...]
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What changed from ``old`` to ``new``."""

    old: ListVersion
    new: ListVersion
    added: tuple[tuple[str, str], ...]  # (entity id, caption)
    removed: tuple[tuple[str, str], ...]
    changed: tuple[EntityChange, ...]

    def to_dict(self, *, with_values: bool = False) -> dict[str, Any]:
        """JSON-ready form; ``with_values`` adds each changed field's old and new value."""
        return {
            "source": self.new.source,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
            "added": [{"id": i, "caption": c} for i, c in self.added],
            "removed": [{"id": i, "caption": c} for i, c in self.removed],
            "changed": [
                {
                    "id": c.entity_id,
                    "caption": c.caption,
                    "fields": list(c.fields),
                    **(
                        {
                            "before": {f: c.before.get(f) for f in c.fields},
                            "after": {f: c.after.get(f) for f in c.fields},
                        }
                        if with_values
                        else {}
                    ),
                }
                for c in self.changed
            ],
        }


def diff_versions(store: Store, old: ListVersion, new: ListVersion) -> VersionDiff:
    """Compare two versions of one source entity by entity, by content hash, then field by field."""
    if old.source != new.source:
        raise ValueError(f"cannot diff {old.source} against {new.source}")
    old_index = store.entity_index(old.id)
    new_index = store.entity_index(new.id)
    added_ids = sorted(new_index.keys() - old_index.keys(), key=_id_order)
    removed_ids = sorted(old_index.keys() - new_index.keys(), key=_id_order)
    changed_ids = sorted(
        (i for i in old_index.keys() & new_index.keys() if old_index[i][0] != new_index[i][0]),
        key=_id_order,
    )
    changes = []
    for entity_id in changed_ids:
        before = store.entity(entity_id, old.id).to_dict()
        after = store.entity(entity_id, new.id).to_dict()
        fields = tuple(
            sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        )
        changes.append(EntityChange(entity_id, new_index[entity_id][1], fields, before, after))
    return VersionDiff(
        old=old,
        new=new,
        added=tuple((i, new_index[i][1]) for i in added_ids),
        removed=tuple((i, old_index[i][1]) for i in removed_ids),
        changed=tuple(changes),
    )


def _id_order(entity_id: str) -> tuple[int, str]:
    """Numeric ids in numeric order (ofac-sdn:36 before ofac-sdn:173), others by text."""
    local = entity_id.split(":", 1)[1]
    return (int(local), "") if local.isdigit() else (1 << 62, local)
