"""Small ownership structures written as (owner, owned, percent) triples."""

from __future__ import annotations

from collections.abc import Iterable

from sanctio.exposure import Exposure, Stake, customer_node
from sanctio.model import RelationshipKind
from tests.factory import person

BLOCKED = ("X", "Y", "Z")


def node(label: str) -> str:
    """``X``, ``Y``, ``Z`` are blocked (listed) persons; any other label is an entity."""
    return f"sdn:{label}" if label in BLOCKED else customer_node(label)


def structure(
    *stakes: tuple[str, str, float | None],
    links: Iterable[tuple[str, str, RelationshipKind]] = (),
) -> Exposure:
    """The exposure of a structure: blocked persons X, Y, Z and the stakes given."""
    entities = [person("sdn", label, f"Blocked Person {label}") for label in BLOCKED]
    firm = [Stake(node(owner), node(owned), percent) for owner, owned, percent in stakes]
    firm += [Stake(node(a), node(b), None, kind) for a, b, kind in links]
    return Exposure.from_entities(entities, firm)


def status(exposure: Exposure, label: str) -> str:
    """The 50 percent rule status of a labelled party."""
    return exposure.ownership.verdict(node(label)).status.value
