"""Exposure benchmark: 10,000 customers over a generated 100,000-edge ownership graph plus
every real list's relationships: graph build, the 50 percent rule over the whole graph,
and each customer's exposure section (status, ownership paths, links within 2 hops, as
JSON). Beside it, the same 2-hop neighbourhoods through networkx, to show whether the
purpose-built graph earns its keep.

Run: make bench-exposure   (or: .venv/bin/python benchmarks/bench_exposure.py [LISTS_DIR])
Target (issue 8): under 30 s for the 10,000 customers' exposure.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson

from sanctio.exposure import Exposure, ExposureGraph, Stake, customer_node
from sanctio.model import Entity, RelationshipKind
from sanctio.screener import Screener

REPO = Path(__file__).resolve().parent.parent

KINDS_OTHER = (RelationshipKind.DIRECTORSHIP, RelationshipKind.FAMILY, RelationshipKind.ASSOCIATE)


def generated_stakes(
    entities: list[Entity], customers: int, edges: int, rng: random.Random
) -> list[Stake]:
    """A firm's ownership book: customers owned by companies, people and (a few) listed
    entities; companies owned in layers (chains, some cycles); some stakes of unknown size;
    directorships, family and associates. Exactly ``edges`` relationships."""
    listed = [e.id for e in entities]
    companies = [f"customer:CO-{i}" for i in range(customers * 4)]
    people = [f"customer:P-{i}" for i in range(customers)]
    customer_ids = [customer_node(f"C-{i}") for i in range(customers)]
    owners_pool = companies + people
    stakes: dict[tuple[str, str, RelationshipKind], Stake] = {}

    def owner() -> str:
        roll = rng.random()
        if roll < 0.02:
            return rng.choice(listed)
        return rng.choice(people if roll < 0.35 else companies)

    def add(owner_id: str, owned: str, percent: float | None, kind: RelationshipKind) -> None:
        if owner_id != owned:
            stakes.setdefault((owner_id, owned, kind), Stake(owner_id, owned, percent, kind))

    def shareholders(owned: str) -> None:
        left = 100.0
        for _ in range(rng.randint(1, 4)):
            if len(stakes) >= edges:
                return
            share = round(rng.uniform(5, left), 2) if left > 5 else None
            if share is not None:
                left -= share
            known = rng.random() > 0.05
            add(owner(), owned, share if known else None, RelationshipKind.OWNERSHIP)

    for owned in customer_ids:
        shareholders(owned)
    for owned in companies:
        if len(stakes) >= edges:
            break
        shareholders(owned)
    everyone = customer_ids + owners_pool
    while len(stakes) < edges:
        kind = rng.choice(KINDS_OTHER) if rng.random() < 0.5 else RelationshipKind.OWNERSHIP
        if kind is RelationshipKind.OWNERSHIP:
            add(owner(), rng.choice(companies), round(rng.uniform(1, 30), 2), kind)
        else:
            add(rng.choice(everyone), rng.choice(everyone), None, kind)
    return list(stakes.values())


def networkx_two_hops(graph: ExposureGraph, starts: list[int]) -> tuple[float, float, int]:
    """Build seconds, 2-hop neighbourhood seconds and nodes reached, through networkx."""
    import networkx as nx

    started = time.perf_counter()
    nxg = nx.Graph()
    nxg.add_nodes_from(range(len(graph)))
    nxg.add_edges_from((e.source, e.target) for e in graph.edges)
    built = time.perf_counter() - started
    started = time.perf_counter()
    reached = sum(len(nx.single_source_shortest_path_length(nxg, s, cutoff=2)) for s in starts)
    return built, time.perf_counter() - started, reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("SANCTIO_LISTS_DIR") or str(REPO.parent / "shared" / "lists")
    parser.add_argument("lists_dir", nargs="?", default=default)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--hops", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print(f"reading the lists in {args.lists_dir} (not timed) ...", flush=True)
    entities = Screener.from_directory(args.lists_dir).entities
    stakes = generated_stakes(entities, args.customers, args.edges, random.Random(8))
    customers = [f"C-{i}" for i in range(args.customers)]

    builds, rules, sections, totals = [], [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        graph = ExposureGraph.build(entities, stakes)
        built = time.perf_counter()
        exposure = Exposure(graph)  # computes the 50 percent rule
        ruled = time.perf_counter()
        sizes = 0
        for customer in customers:
            sizes += len(orjson.dumps(exposure.party(customer, max_hops=args.hops)))
        done = time.perf_counter()
        builds.append(built - started)
        rules.append(ruled - built)
        sections.append(done - ruled)
        totals.append(done - started)
    statuses: dict[str, int] = {}
    linked = 0
    for customer in customers:
        section = exposure.party(customer, max_hops=args.hops)
        statuses[section["ownership"]["status"]] = (
            statuses.get(section["ownership"]["status"], 0) + 1
        )
        linked += bool(section["links"])
    flagged = exposure.blocked(max_paths=1)

    starts = [graph.position(customer_node(c)) for c in customers]
    nx_build, nx_hops, nx_reached = networkx_two_hops(graph, starts)
    started = time.perf_counter()
    ours = sum(len(_two_hops(graph, s)) for s in starts)
    our_hops = time.perf_counter() - started

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    list_edges = sum(1 for e in graph.edges if e.origin != "firm")
    print(
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}"
    )
    print(
        f"graph: {len(graph):,} nodes, {len(graph.edges):,} edges "
        f"({len(stakes):,} generated firm relationships, {list_edges:,} from the lists)"
    )
    print(f"runs: {args.runs}; medians below (seconds)")
    print(f"  build graph (lists + firm data)      {statistics.median(builds):7.2f}")
    print(f"  50 percent rule over the whole graph {statistics.median(rules):7.2f}")
    print(
        f"  {args.customers:,} customers' exposure (JSON)  {statistics.median(sections):7.2f}"
        f"  ({statistics.median(sections) / args.customers * 1e3:.2f} ms each, "
        f"{sizes / args.customers / 1024:.1f} KiB each)"
    )
    print(f"  total                                {statistics.median(totals):7.2f}  (target < 30)")
    print(f"customers: {statuses}; {linked:,} with links within {args.hops} hops")
    blocked = sum(f["status"] == "blocked" for f in flagged)
    print(f"flagged by the rule: {blocked:,} blocked, {len(flagged) - blocked:,} possibly blocked")
    print(
        f"2-hop neighbourhoods of the customers: ours {our_hops:.2f} s ({ours:,} nodes); "
        f"networkx build {nx_build:.2f} s + {nx_hops:.2f} s ({nx_reached:,} nodes)"
    )
    print(f"peak memory: {peak_mib:.0f} MiB")


def _two_hops(graph: ExposureGraph, start: int) -> set[int]:
    """The plain 2-hop neighbourhood over the adjacency lists, for the networkx comparison."""
    seen = {start}
    frontier = [start]
    for _ in range(2):
        following = []
        for node in frontier:
            for e in graph.adjacent[node]:
                edge = graph.edges[e]
                other = edge.target if edge.source == node else edge.source
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return seen


if __name__ == "__main__":
    main()
