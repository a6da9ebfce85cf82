"""Links from a party to designated persons: the shortest paths, up to a number of hops,
through every kind of relationship (ownership, directorship, family, associate, linked to)
in either direction.

A breadth-first search from the party keeps, for every node, each edge that reaches it
at its shortest distance, so all shortest paths to a designated person can be read back
(a few per person). A path ends at the first designated person it meets: the search does
not go on through one designated person to the people around them, whose own links are
that person's exposure, not the party's. The party itself is always expanded, listed or
not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sanctio.exposure.graph import ExposureGraph

__all__ = ["DEFAULT_HOPS", "MAX_HOPS", "Link", "shortest_links"]

DEFAULT_HOPS = 2
MAX_HOPS = 6
PATHS_PER_TARGET = 3


@dataclass(frozen=True, slots=True)
class Link:
    """A designated person ``hops`` relationships away, by one or more shortest paths
    (each a list of edge positions from the party outwards)."""

    target: int
    hops: int
    paths: tuple[tuple[int, ...], ...]

    def to_dict(self, graph: ExposureGraph, status: Callable[[int], str]) -> dict[str, Any]:
        """JSON-ready form: the target, and each path's nodes, edges and one line of text."""
        return {
            "target": {**graph.nodes[self.target].to_dict(), "status": status(self.target)},
            "hops": self.hops,
            "paths": [path_dict(graph, self.target, p, status) for p in self.paths],
        }


def shortest_links(
    graph: ExposureGraph,
    start: int,
    max_hops: int,
    is_designated: Callable[[int], bool],
    *,
    paths_per_target: int = PATHS_PER_TARGET,
) -> list[Link]:
    """Designated persons within ``max_hops`` of ``start``, nearest first."""
    distance = {start: 0}
    reached_by: dict[int, list[int]] = {}  # node -> edges reaching it at its distance
    frontier = [start]
    found: list[int] = []
    for hop in range(1, max_hops + 1):
        following: list[int] = []
        for node in frontier:
            if node != start and is_designated(node):
                continue  # paths end at the first designated person
            for e in graph.adjacent[node]:
                edge = graph.edges[e]
                other = edge.target if edge.source == node else edge.source
                seen = distance.get(other)
                if seen is None:
                    distance[other] = hop
                    reached_by[other] = [e]
                    following.append(other)
                    if is_designated(other):
                        found.append(other)
                elif seen == hop and e not in reached_by[other]:
                    reached_by[other].append(e)
        frontier = following
        if not frontier:
            break
    links = []
    for target in found:
        paths = tuple(_walk_back(graph, start, target, reached_by, paths_per_target))
        links.append(Link(target, distance[target], paths))
    links.sort(key=lambda link: (link.hops, graph.nodes[link.target].caption, link.target))
    return links


def _walk_back(
    graph: ExposureGraph, start: int, target: int, reached_by: dict[int, list[int]], limit: int
) -> Iterator[tuple[int, ...]]:
    """Up to ``limit`` shortest paths from ``start`` to ``target``, as edges from the start."""
    stack: list[tuple[int, tuple[int, ...]]] = [(target, ())]
    count = 0
    while stack and count < limit:
        node, tail = stack.pop()
        if node == start:
            count += 1
            yield tail
            continue
        for e in reversed(reached_by[node]):
            edge = graph.edges[e]
            previous = edge.source if edge.target == node else edge.target
            stack.append((previous, (e, *tail)))


def path_dict(
    graph: ExposureGraph, end: int, edges: tuple[int, ...], status: Callable[[int], str]
) -> dict[str, Any]:
    """A path as its nodes (from the party), its edges, and a line such as
    ``THE EAGLES L.L.C. —linked to→ ABDULKARIM, Wael``."""
    nodes = [end]
    for e in reversed(edges):
        edge = graph.edges[e]
        nodes.append(edge.source if edge.target == nodes[-1] else edge.target)
    nodes.reverse()
    parts = [graph.nodes[nodes[0]].caption]
    for here, e in zip(nodes, edges, strict=False):
        edge = graph.edges[e]
        label = edge.kind.value.replace("_", " ")
        if edge.percent is not None:
            label += f" {edge.percent:g}%"
        forward = edge.source == here
        arrow = f"—{label}→" if forward else f"←{label}—"
        parts.append(f"{arrow} {graph.nodes[edge.target if forward else edge.source].caption}")
    return {
        "nodes": [{**graph.nodes[n].to_dict(), "status": status(n)} for n in nodes],
        "edges": [graph.edge_dict(e) for e in edges],
        "text": " ".join(parts),
    }
