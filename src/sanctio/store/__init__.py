"""The embedded store: list versions with content hashes, entities, diffs."""

from sanctio.store.diff import EntityChange, VersionDiff, diff_versions
from sanctio.store.store import DEFAULT_MAX_SHRINK, ImportResult, ListVersion, Store

__all__ = [
    "DEFAULT_MAX_SHRINK",
    "EntityChange",
    "ImportResult",
    "ListVersion",
    "Store",
    "VersionDiff",
    "diff_versions",
]
