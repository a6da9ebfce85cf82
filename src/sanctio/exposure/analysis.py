"""``Exposure``: the relationship graph with the 50 percent rule computed over it, and the
JSON-ready ``exposure`` section that every surface (Python, CLI, HTTP API, web UI) shows.

Build one per set of list versions and share it: the graph and the rule are computed once;
each question after that (a party, a screening result's hits) reads them.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctio.errors import NotFoundError, QueryError
from sanctio.exposure.graph import CUSTOMER_PREFIX, ExposureGraph, Stake
from sanctio.exposure.links import DEFAULT_HOPS, MAX_HOPS, shortest_links
from sanctio.exposure.ownership import OwnershipAnalysis, OwnershipStatus
from sanctio.model import Entity

if TYPE_CHECKING:
    from sanctio.database import Database
    from sanctio.screener import Hit, Screener

__all__ = ["DEFAULT_MAX_LINKS", "Exposure", "exposure_for_hits"]

DEFAULT_MAX_LINKS = 50


class Exposure:
    """Exposure questions over one graph: who is blocked by ownership, who links to whom.

    ``blocked_sources`` limits the lists whose entities are blocked persons for the 50
    percent rule (``{"ofac-sdn"}`` for OFAC's rule proper); by default every list's.
    Designated persons for links are the entities of every list in the graph.
    """

    def __init__(
        self, graph: ExposureGraph, *, blocked_sources: Collection[str] | None = None
    ) -> None:
        self.graph = graph
        self.ownership = OwnershipAnalysis(graph, blocked_sources)

    @classmethod
    def from_entities(
        cls,
        entities: Iterable[Entity],
        stakes: Iterable[Stake] = (),
        *,
        blocked_sources: Collection[str] | None = None,
    ) -> Exposure:
        """The exposure of listed ``entities`` (for example ``screener.entities``) and the
        firm's ``stakes`` (:func:`sanctio.exposure.load_stakes`)."""
        return cls(ExposureGraph.build(entities, stakes), blocked_sources=blocked_sources)

    @classmethod
    def from_store(
        cls,
        home: Path | str | None = None,
        *,
        database: Database | None = None,
        screener: Screener | None = None,
        blocked_sources: Collection[str] | None = None,
    ) -> Exposure:
        """The current lists in the store under ``home`` (or a Screener's entities, which
        are the same and already read) with the ownership data in the case database."""
        from sanctio.database import Database
        from sanctio.exposure.firm import load_stakes
        from sanctio.store import Store

        path = _home(home)
        if screener is not None:
            entities: list[Entity] = screener.entities
        else:
            with Store(path) as store:
                entities = list(store.current_entities())
        owned_database = database is None
        db = Database.for_home(path) if database is None else database
        try:
            with db.read() as connection:
                stakes = load_stakes(connection)
        finally:
            if owned_database:
                db.close()
        return cls.from_entities(entities, stakes, blocked_sources=blocked_sources)

    # -- questions -------------------------------------------------------------------

    def resolve(self, party: str) -> str:
        """The node id of a listed entity id, a customer id (``C-1001`` or
        ``customer:C-1001``) or a node id; NotFoundError if the graph has none."""
        text = party.strip()
        for candidate in (text, f"{CUSTOMER_PREFIX}{text}"):
            if candidate in self.graph:
                return candidate
        raise NotFoundError(
            f"{party!r} is neither a listed entity id nor a customer in the ownership data"
        )

    def party(
        self, party: str, *, max_hops: int = DEFAULT_HOPS, max_links: int = DEFAULT_MAX_LINKS
    ) -> dict[str, Any]:
        """The exposure section of one party (entity id or customer id): its status under
        the 50 percent rule with the ownership paths, and its shortest links to designated
        persons within ``max_hops``."""
        return self._section(self.resolve(party), max_hops, max_links)

    def blocked(self, *, max_paths: int = 5) -> list[dict[str, Any]]:
        """Every entity that the 50 percent rule blocks or may block, not being listed
        itself: blocked first, then by the share of blocked ownership."""
        graph, ownership = self.graph, self.ownership
        found = []
        for position in ownership.flagged():
            node = graph.nodes[position]
            verdict = ownership.verdict(node.id, max_paths=max_paths)
            found.append(
                {
                    "party": node.to_dict(),
                    "summary": verdict.summary(),
                    **verdict.to_dict(),
                }
            )
        found.sort(key=lambda v: (v["status"] != "blocked", -v["blocked_percent"], v["node"]))
        return found

    def _section(self, node_id: str, max_hops: int, max_links: int) -> dict[str, Any]:
        _check_hops(max_hops)
        graph, ownership = self.graph, self.ownership
        position = graph.position(node_id)
        verdict = ownership.verdict(node_id)
        links = shortest_links(graph, position, max_hops, graph.is_listed)

        def status(n: int) -> str:
            return ownership.status(n).value

        return {
            "party": {**graph.nodes[position].to_dict(), "status": verdict.status.value},
            "known": True,
            "listed": graph.is_listed(position),
            "max_hops": max_hops,
            "ownership": {"summary": verdict.summary(), **verdict.to_dict()},
            "links": [link.to_dict(graph, status) for link in links[:max_links]],
            "links_total": len(links),
        }

    def unknown_section(self, node_id: str, max_hops: int) -> dict[str, Any]:
        """The section of a party the graph does not hold: no relationship is known."""
        _check_hops(max_hops)
        return {
            "party": {"id": node_id, "kind": "unknown", "caption": node_id, "status": "clear"},
            "known": False,
            "listed": False,
            "max_hops": max_hops,
            "ownership": {
                "summary": "no ownership or relationship data for this party",
                "node": node_id,
                "status": OwnershipStatus.CLEAR.value,
                "blocked_percent": 0.0,
                "possible_percent": 0.0,
                "stakes": [],
                "directors": [],
                "paths": [],
                "paths_total": 0,
            },
            "links": [],
            "links_total": 0,
        }

    def for_hits(
        self,
        hits: Iterable[Hit | str],
        *,
        max_hops: int = DEFAULT_HOPS,
        max_links: int = DEFAULT_MAX_LINKS,
    ) -> dict[str, Any]:
        """The ``exposure`` section of a screening result: for each hit's entity, its
        section (as :meth:`party`), keyed by entity id."""
        _check_hops(max_hops)
        sections: dict[str, Any] = {}
        for hit in hits:
            entity_id = hit if isinstance(hit, str) else hit.entity_id
            if entity_id in sections:
                continue
            if entity_id in self.graph:
                sections[entity_id] = self._section(entity_id, max_hops, max_links)
            else:
                sections[entity_id] = self.unknown_section(entity_id, max_hops)
        return {"max_hops": max_hops, "entities": sections}


def exposure_for_hits(
    exposure: Exposure, hits: Sequence[Hit | str], max_hops: int = DEFAULT_HOPS
) -> dict[str, Any]:
    """The JSON-ready ``exposure`` section to attach to a screening result (see
    :meth:`Exposure.for_hits`)."""
    return exposure.for_hits(hits, max_hops=max_hops)


def _check_hops(max_hops: int) -> None:
    if not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"max_hops: must be from 1 to {MAX_HOPS}, not {max_hops}")


def _home(home: Path | str | None) -> Path:
    """``home``, else ``$SANCTIO_HOME``, else ``~/.sanctio`` (as Screener.from_store)."""
    return Path(home or os.environ.get("SANCTIO_HOME") or Path.home() / ".sanctio")
