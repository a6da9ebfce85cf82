"""An entity laid out for its page: names grouped by writing system, and its links both ways.

Lists record a link on one side only (an OFAC ``Linked To:`` sits on the company, not on
the person it names), so the page also shows the entities that link *to* this one; that
reverse index is built once per Screener (per set of list versions) and kept with it.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass

from sanctio.model import Entity, Name, Relationship
from sanctio.screener import Screener
from sanctio.text.scripts import detect_script

__all__ = ["Directory", "NameGroup", "directory", "names_by_script"]


@dataclass(frozen=True, slots=True)
class NameGroup:
    """The names of an entity written in one script."""

    script: str  # ISO 15924 code
    names: tuple[Name, ...]


def names_by_script(entity: Entity) -> list[NameGroup]:
    """The entity's names grouped by script, Latin first, each group in list order."""
    groups: dict[str, list[Name]] = defaultdict(list)
    for name in entity.names:
        groups[name.script or detect_script(name.full) or "Latn"].append(name)
    order = sorted(groups, key=lambda code: (code != "Latn", code))
    return [NameGroup(code, tuple(groups[code])) for code in order]


@dataclass(frozen=True, slots=True)
class Directory:
    """Captions of every screened entity and, for each, the links other entities make to it."""

    captions: dict[str, str]
    incoming: dict[str, list[tuple[str, Relationship]]]


_directories: weakref.WeakKeyDictionary[Screener, Directory] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def directory(screener: Screener) -> Directory:
    """The :class:`Directory` of a Screener's entities (built on first use, then cached)."""
    with _lock:
        found = _directories.get(screener)
        if found is None:
            captions = {}
            incoming: dict[str, list[tuple[str, Relationship]]] = defaultdict(list)
            for entity in screener.entities:
                captions[entity.id] = entity.caption
                for rel in entity.relationships:
                    if rel.target_id:
                        incoming[rel.target_id].append((entity.id, rel))
            found = Directory(captions, dict(incoming))
            _directories[screener] = found
        return found
