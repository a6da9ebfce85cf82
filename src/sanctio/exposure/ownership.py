"""OFAC's 50 percent rule over the relationship graph (docs/exposure.md states it exactly).

An entity owned 50 percent or more in the aggregate, directly or indirectly, by one or
more blocked persons is itself blocked. "Indirectly" means through entities that are
themselves blocked (listed, or blocked by this rule): such an intermediate's whole stake
counts, and a stake held through an entity that is not blocked does not count at all.

The blocked set is the least fixed point: start from the listed (blocked) persons and
add every entity whose stakes held by blocked owners sum to 50 or more, until nothing
changes. Each entity joins once and each stake is added once, so cycles end and the run
is linear in the number of stakes. A ring of entities owning each other is blocked only if
blocked persons reach into it.

Unknown percentages are never read as zero. A second fixed point finds what *could* be
blocked: an unknown stake held by a blocked (or possibly blocked) owner may be as large as
the part of the entity that no known stake accounts for. An entity whose stakes could
reach 50 percent that way, and is not blocked on known stakes alone, is "possibly blocked,
percent unknown", for review.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sanctio.exposure.graph import ExposureGraph

__all__ = [
    "MAX_EXPLAINED_PATHS",
    "THRESHOLD",
    "OwnershipAnalysis",
    "OwnershipStatus",
    "Verdict",
]

THRESHOLD = 50.0
MAX_EXPLAINED_PATHS = 20
_MAX_PATH_LENGTH = 12
_MAX_PATHS_COUNTED = 1000
_EPSILON = 1e-9  # percentages are decimals read from files: 33.33 + 16.67 is 50


class OwnershipStatus(StrEnum):
    """Where an entity stands under the 50 percent rule."""

    LISTED = "listed"  # a blocked person by listing: where the aggregation starts
    BLOCKED = "blocked"  # 50 percent or more owned by blocked persons, on known stakes
    POSSIBLY_BLOCKED = "possibly_blocked"  # could reach 50 percent through unknown stakes
    CAUTION = "caution"  # a blocked owner or director, but below 50 percent (FAQ 398)
    CLEAR = "clear"  # no stake held by a blocked person


@dataclass(frozen=True, slots=True)
class Verdict:
    """One entity's status, its aggregate blocked ownership, and how it was reached."""

    node: str
    status: OwnershipStatus
    blocked_percent: float  # the sum of known stakes held by blocked owners
    possible_percent: float  # the most blocked owners could hold, unknown stakes included
    stakes: tuple[dict[str, Any], ...]  # stakes held by blocked or possibly blocked owners
    directors: tuple[str, ...]  # blocked persons that direct it (control is not ownership)
    paths: tuple[dict[str, Any], ...]  # blocked person -> ... -> this entity
    paths_total: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "node": self.node,
            "status": self.status.value,
            "blocked_percent": round(self.blocked_percent, 6),
            "possible_percent": round(self.possible_percent, 6),
            "stakes": list(self.stakes),
            "directors": list(self.directors),
            "paths": list(self.paths),
            "paths_total": self.paths_total,
        }

    def summary(self) -> str:
        """One line for people."""
        if self.status is OwnershipStatus.LISTED:
            return "listed: a blocked person in its own right"
        if self.status is OwnershipStatus.BLOCKED:
            share = f"{self.blocked_percent:g}%"
            return f"blocked by the 50 percent rule: {share} owned by blocked persons"
        if self.status is OwnershipStatus.POSSIBLY_BLOCKED:
            return (
                f"possibly blocked, percent unknown: {self.blocked_percent:g}% known, up to "
                f"{self.possible_percent:g}% with stakes of unknown size; review"
            )
        if self.status is OwnershipStatus.CAUTION:
            what = [f"{self.blocked_percent:g}% owned by blocked persons"]
            if self.directors:
                what.append(f"directed by {len(self.directors)} blocked person(s)")
            return "not blocked, caution (OFAC FAQ 398): " + "; ".join(what)
        return "clear: no stake held by a blocked person"


class OwnershipAnalysis:
    """The 50 percent rule computed once over a whole graph.

    ``blocked_sources`` limits which lists' entities count as blocked persons (for OFAC's
    rule proper: ``{"ofac-sdn"}``); by default every listed entity does.
    """

    def __init__(
        self, graph: ExposureGraph, blocked_sources: Collection[str] | None = None
    ) -> None:
        self.graph = graph
        self.blocked_sources = frozenset(blocked_sources) if blocked_sources else None
        count = len(graph)
        nodes = graph.nodes
        self.seed = bytearray(
            1
            if node.kind == "listed"
            and (self.blocked_sources is None or node.source in self.blocked_sources)
            else 0
            for node in nodes
        )
        self.blocked = self._blocked(count)
        self.possible = self._possible(count)

    def _blocked(self, count: int) -> bytearray:
        """Seeds, then every node whose known stakes held by blocked owners reach 50."""
        graph = self.graph
        blocked = bytearray(self.seed)
        held = [0.0] * count
        queue = deque(i for i in range(count) if blocked[i])
        while queue:
            owner = queue.popleft()
            for owned, percent, _ in graph.stakes_out(owner):
                if blocked[owned] or percent is None:
                    continue
                held[owned] += percent
                if held[owned] >= THRESHOLD - _EPSILON:
                    blocked[owned] = 1
                    queue.append(owned)
        return blocked

    def _possible(self, count: int) -> bytearray:
        """Blocked nodes, then every node that stakes of unknown size held by blocked or
        possibly blocked owners could bring to 50 (at most the part no known stake holds)."""
        graph = self.graph
        possible = bytearray(self.blocked)
        held = [0.0] * count
        unknown = bytearray(count)
        known_total = [
            sum(p for _, p, _ in graph.stakes_in(i) if p is not None) for i in range(count)
        ]
        queue = deque(i for i in range(count) if possible[i])
        while queue:
            owner = queue.popleft()
            for owned, percent, _ in graph.stakes_out(owner):
                if possible[owned]:
                    continue
                if percent is None:
                    unknown[owned] = 1
                else:
                    held[owned] += percent
                bound = held[owned]
                if unknown[owned]:
                    bound += max(0.0, 100.0 - known_total[owned])
                if bound >= THRESHOLD - _EPSILON:
                    possible[owned] = 1
                    queue.append(owned)
        return possible

    # -- reading ---------------------------------------------------------------------

    def status(self, position: int) -> OwnershipStatus:
        """The status of a node by position."""
        if self.seed[position]:
            return OwnershipStatus.LISTED
        if self.blocked[position]:
            return OwnershipStatus.BLOCKED
        if self.possible[position]:
            return OwnershipStatus.POSSIBLY_BLOCKED
        graph = self.graph
        if any(self.possible[owner] for owner, _, _ in graph.stakes_in(position)):
            return OwnershipStatus.CAUTION
        if any(self.blocked[director] for director, _ in graph.directors_of(position)):
            return OwnershipStatus.CAUTION
        return OwnershipStatus.CLEAR

    def flagged(self) -> Iterator[int]:
        """Positions of nodes blocked or possibly blocked by the rule (not listed ones)."""
        for position in range(len(self.graph)):
            if self.possible[position] and not self.seed[position]:
                yield position

    def verdict(self, node_id: str, *, max_paths: int = MAX_EXPLAINED_PATHS) -> Verdict:
        """The status of one node, with the stakes and ownership paths that explain it."""
        graph = self.graph
        position = graph.position(node_id)
        status = self.status(position)
        stakes = []
        blocked_percent = possible_percent = 0.0
        has_unknown = False
        for owner, percent, edge in graph.stakes_in(position):
            if not self.possible[owner]:
                continue
            owner_status = self.status(owner)
            if percent is None:
                has_unknown = True
            elif self.blocked[owner]:
                blocked_percent += percent
                possible_percent += percent
            else:
                possible_percent += percent
            stakes.append(
                {
                    "owner": graph.nodes[owner].to_dict(),
                    "owner_status": owner_status.value,
                    "percent": percent,
                    "edge": graph.edge_dict(edge),
                }
            )
        if has_unknown:
            known_total = sum(p for _, p, _ in graph.stakes_in(position) if p is not None)
            possible_percent += max(0.0, 100.0 - known_total)
        directors = tuple(
            graph.nodes[d].id for d, _ in graph.directors_of(position) if self.blocked[d]
        )
        paths: list[dict[str, Any]] = []
        total = 0
        if status is not OwnershipStatus.LISTED:
            through = self.blocked if status is OwnershipStatus.BLOCKED else self.possible
            for path in self._paths_to(position, through):
                total += 1
                if len(paths) < max_paths:
                    paths.append(self._path_dict(path))
                if total >= _MAX_PATHS_COUNTED:
                    break
        stakes.sort(key=lambda s: (-(s["percent"] or 0), s["owner"]["id"]))
        return Verdict(
            node_id,
            status,
            blocked_percent,
            max(possible_percent, blocked_percent),
            tuple(stakes),
            directors,
            tuple(paths),
            total,
        )

    def _paths_to(self, position: int, through: bytearray) -> Iterator[list[int]]:
        """Simple paths of stake edges from a blocked person to ``position`` through the
        intermediates marked in ``through``, each as its edge positions, owner first."""
        graph = self.graph
        stack: list[tuple[int, list[int], frozenset[int]]] = [(position, [], frozenset())]
        while stack:
            node, edges, visited = stack.pop()
            visited = visited | {node}
            for owner, _, edge in sorted(graph.stakes_in(node), key=lambda s: -(s[1] or 0)):
                if not through[owner] or owner in visited:
                    continue
                chain = [edge, *edges]
                if self.seed[owner]:
                    yield chain
                elif len(chain) < _MAX_PATH_LENGTH:
                    stack.append((owner, chain, visited))

    def _path_dict(self, edges: list[int]) -> dict[str, Any]:
        graph = self.graph
        first = graph.edges[edges[0]].source
        nodes = [first] + [graph.edges[e].target for e in edges]
        parts = [graph.nodes[first].caption]
        for e in edges:
            edge = graph.edges[e]
            share = "?" if edge.percent is None else f"{edge.percent:g}"
            parts.append(f"—{share}%→ {graph.nodes[edge.target].caption}")
        return {
            "nodes": [{**graph.nodes[n].to_dict(), "status": self.status(n).value} for n in nodes],
            "edges": [graph.edge_dict(e) for e in edges],
            "text": " ".join(parts),
        }
