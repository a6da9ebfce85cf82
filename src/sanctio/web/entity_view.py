"""An entity laid out for its page: names grouped by writing system, the captions of the
entities its links name, and its exposure.

Lists record a link on one side only (an OFAC ``Linked To:`` sits on the company, not on
the person it names) and often by name rather than id; the exposure analysis
(``sanctio.exposure``: its relationship graph resolves those names, finds the paths to
designated persons both ways and applies the 50 percent rule) is built once per Screener
and ownership import and kept with it, as are the captions.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass

from sanctio.model import Entity, Name
from sanctio.screener import Screener
from sanctio.text.scripts import detect_script

__all__ = ["NameGroup", "captions", "names_by_script"]


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


_captions: weakref.WeakKeyDictionary[Screener, dict[str, str]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def captions(screener: Screener) -> dict[str, str]:
    """Entity id -> caption for a Screener's entities (built on first use, then kept)."""
    with _lock:
        found = _captions.get(screener)
        if found is None:
            found = {entity.id: entity.caption for entity in screener.entities}
            _captions[screener] = found
        return found
