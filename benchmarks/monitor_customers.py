"""A customer base for monitoring tests and benchmarks, made from two versions of a list.

Planted customers carry names of listed entities, exact or varied the way the quality
benchmark varies them (typos, word order, missing middle names, transliteration ...),
drawn evenly from entities the new version removed, added, changed and kept, sometimes
with the entity's birth date and nationality; the rest are negatives (unlisted people
and companies from many cultures, and near misses sharing a token or two with a listed
name). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from quality_cases import VARIATIONS, negative_cases

from sanctio.model import Entity, NameKind, Schema
from sanctio.text.scripts import detect_script

PLANTED_SHARE = 0.4
VARIED_SHARE = 0.5

_VARIATIONS = [vary for variations in VARIATIONS.values() for _, vary in variations]


def _names(entity: Entity) -> list[str]:
    return [
        n.full
        for n in entity.names
        if n.kind is not NameKind.WEAK and detect_script(n.full) == "Latn" and len(n.full) >= 6
    ]


def _planted(entity: Entity, rng: random.Random) -> dict[str, Any] | None:
    names = _names(entity)
    if not names or entity.schema not in (Schema.PERSON, Schema.ORGANIZATION):
        return None
    name = rng.choice(names)
    if rng.random() < VARIED_SHARE:
        name = rng.choice(_VARIATIONS)(name, entity.schema, rng) or name
    record: dict[str, Any] = {"name": name, "schema": entity.schema.value}
    if entity.birth_dates and rng.random() < 0.3:
        record["birth_date"] = entity.birth_dates[0].value
    if entity.nationalities and rng.random() < 0.3:
        record["countries"] = [entity.nationalities[0]]
    return record


def customer_base(
    old: Sequence[Entity], new: Sequence[Entity], count: int, *, seed: int = 20261130
) -> list[tuple[str, dict[str, Any]]]:
    """``count`` customers as (customer id, screening record), in id order."""
    rng = random.Random(seed)
    old_by_id = {e.id: e for e in old}
    new_by_id = {e.id: e for e in new}
    groups = [
        [e for i, e in sorted(old_by_id.items()) if i not in new_by_id],  # removed
        [e for i, e in sorted(new_by_id.items()) if i not in old_by_id],  # added
        [old_by_id[i] for i in sorted(old_by_id.keys() & new_by_id.keys())],  # old form
        [new_by_id[i] for i in sorted(old_by_id.keys() & new_by_id.keys())],  # new form
    ]
    records: list[dict[str, Any]] = []
    planted = int(count * PLANTED_SHARE)
    while len(records) < planted:
        record = _planted(rng.choice(groups[len(records) % len(groups)]), rng)
        if record is not None:
            records.append(record)
    everyone = sorted({**old_by_id, **new_by_id}.values(), key=lambda e: e.id)
    for case in negative_cases(everyone, rng, count - planted):
        records.append({"name": case.query, "schema": case.schema})
    rng.shuffle(records)
    return [(f"C{n:07d}", record) for n, record in enumerate(records[:count], 1)]
