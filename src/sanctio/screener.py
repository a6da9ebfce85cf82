"""The Screener: the one object every surface (Python, CLI, HTTP, batch, monitoring) uses."""

from __future__ import annotations

import functools
import heapq
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sanctio.errors import QueryError
from sanctio.matching.evidence import most_evidence_can_raise
from sanctio.matching.index import CandidateIndex
from sanctio.matching.query import Query, check_threshold
from sanctio.matching.score import (
    DEFAULT_THRESHOLD,
    Assessment,
    Explained,
    assess,
    prepare_query_names,
)
from sanctio.matching.weights import default_weights
from sanctio.model import Entity
from sanctio.sources.registry import find_bundles, parse_bundle, version_date
from sanctio.store import ListVersion, Store

__all__ = ["Hit", "Screener"]

MAX_LIMIT = 1000


class Hit(Explained):
    """One listed entity a query may be: its id, score, whether it alerts, the listed name
    that matched, and the entity's source, caption, schema and programmes; and why
    (``explanation``, written out when first read)."""

    __slots__ = (
        "caption",
        "entity_id",
        "is_alert",
        "matched_name",
        "programs",
        "schema",
        "score",
        "source",
    )

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(assessment)
        entity = assessment.entity
        self.entity_id: str = entity.id
        self.score: float = assessment.score
        self.is_alert: bool = assessment.is_alert
        self.matched_name: str = assessment.matched_name
        self.source: str = entity.source
        self.caption: str = entity.caption
        self.schema: str = entity.schema.value
        self.programs: tuple[str, ...] = entity.programs

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "entity_id": self.entity_id,
            "score": self.score,
            "is_alert": self.is_alert,
            "matched_name": self.matched_name,
            "source": self.source,
            "caption": self.caption,
            "schema": self.schema,
            "programs": list(self.programs),
            "explanation": self.explanation.to_dict(),
        }

    def _fields(self) -> tuple[Any, ...]:
        return (self.entity_id, self.score, self.is_alert, self.matched_name, self.source,
                self.caption, self.schema, self.programs)  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hit):
            return NotImplemented
        return self._fields() == other._fields() and self.explanation == other.explanation

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Hit({self.entity_id!r}, score={self.score}, is_alert={self.is_alert})"


class Screener:
    """Screens parties against a fixed set of listed entities (one version of each list)."""

    def __init__(
        self,
        entities: Sequence[Entity],
        *,
        versions: Sequence[ListVersion] = (),
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.versions = tuple(versions)
        self.threshold = threshold
        self.weights = default_weights()
        self.index = CandidateIndex(entities, self.weights)

    @classmethod
    def from_store(cls, home: Path | str | None = None, **options: Any) -> Screener:
        """The current version of every list in the store under ``home`` ($SANCTIO_HOME)."""
        path = Path(home or os.environ.get("SANCTIO_HOME") or Path.home() / ".sanctio")
        with Store(path) as store:
            versions = store.current_versions()
            entities = list(store.current_entities())
        return cls(entities, versions=versions, **options)

    @classmethod
    def from_directory(cls, path: Path | str, **options: Any) -> Screener:
        """Every official list file in a folder, read directly (no store). Where a folder
        holds several versions of a source, only the newest is used."""
        bundles, _ = find_bundles(Path(path))
        newest: dict[str, tuple[str, list[Entity]]] = {}
        for bundle in bundles:
            parsed = parse_bundle(bundle)
            as_of, _ = version_date(bundle, parsed)
            if bundle.source not in newest or newest[bundle.source][0] <= as_of:
                newest[bundle.source] = (as_of, parsed.entities)
        entities = [e for _, found in newest.values() for e in found]
        return cls(entities, **options)

    @property
    def entities(self) -> list[Entity]:
        """The listed entities screened against."""
        return self.index.entities

    def screen(
        self,
        name: str | Iterable[str] | None = None,
        *,
        schema: str | None = None,
        birth_date: str | Iterable[str] | None = None,
        countries: Iterable[str] | str | None = None,
        gender: str | None = None,
        identifiers: Iterable[Any] | None = None,
        limit: int = 10,
        threshold: float | None = None,
        sources: Iterable[str] | None = None,
        programs: Iterable[str] | None = None,
    ) -> list[Hit]:
        """Hits for one party, best first: alerts and, up to ``limit``, the near misses
        scoring at least half the threshold. ``sources`` and ``programs`` keep only entities
        of those lists and with one of those programmes (an unknown one is a QueryError)."""
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit: must be from 1 to {MAX_LIMIT}, not {limit}")
        query = Query.build(
            name if name is not None else (),
            schema=schema,
            birth_date=birth_date,
            countries=countries,
            gender=gender,
            identifiers=identifiers,
        )
        return self.screen_query(
            query, limit=limit, threshold=threshold, sources=sources, programs=programs
        )

    def screen_query(
        self,
        query: Query,
        *,
        limit: int = 10,
        threshold: float | None = None,
        sources: Iterable[str] | None = None,
        programs: Iterable[str] | None = None,
        near_misses: bool = True,
    ) -> list[Hit]:
        """Like :meth:`screen`, for an already validated Query; without ``near_misses``
        only alerts (which is faster: fewer entities can reach the threshold)."""
        keep = self.entity_filter(sources, programs)
        cutoff = self.threshold if threshold is None else check_threshold(threshold)
        query_names = prepare_query_names(query, self.weights)
        evidence_raise = most_evidence_can_raise(query)
        floor = cutoff / 2 if near_misses else cutoff
        kept: list[Assessment] = []
        best_scores: list[float] = []  # a min-heap of the `limit` best scores so far

        def consider(e_pos: int, name_positions: list[int] | None) -> None:
            entity = self.index.entities[e_pos]
            if keep is not None and not keep(entity):
                return
            assessment = assess(
                query,
                query_names,
                entity,
                threshold=cutoff,
                names=self.index.entity_names(e_pos, name_positions),
            )
            if assessment.score >= floor:
                kept.append(assessment)
                if len(best_scores) < limit:
                    heapq.heappush(best_scores, assessment.score)
                else:
                    heapq.heappushpop(best_scores, assessment.score)

        found_by_identifier = {
            e_pos for ident in query.identifiers for e_pos in self.index.by_identifier(ident.value)
        }
        for e_pos in sorted(found_by_identifier):
            consider(e_pos, None)  # found by identifier: score every name
        # Candidates come best name score first, and evidence adds at most evidence_raise:
        # once `limit` hits are in hand, a candidate that cannot reach them ends the scoring.
        for candidate in self.index.candidates(query_names, floor - evidence_raise):
            bound = round(min(1.0, candidate.name_score + evidence_raise), 4)
            if len(best_scores) == limit and bound < best_scores[0]:
                break
            if candidate.entity not in found_by_identifier:
                consider(candidate.entity, candidate.names)
        kept.sort(key=lambda a: (-a.score, a.entity.id))
        return [Hit(assessment) for assessment in kept[:limit]]

    @functools.cached_property
    def sources(self) -> frozenset[str]:
        """The sources (lists) of the entities screened against."""
        return frozenset(e.source for e in self.index.entities)

    @functools.cached_property
    def programs(self) -> frozenset[str]:
        """The programmes of the entities screened against, in lower case."""
        return frozenset(p.casefold() for e in self.index.entities for p in e.programs)

    def entity_filter(
        self, sources: Iterable[str] | None, programs: Iterable[str] | None
    ) -> Callable[[Entity], bool] | None:
        """A test keeping only entities of ``sources`` with one of ``programs`` (either may
        be None: no filter). Filtering the candidates hides no alert of the kept lists: the
        index returns every entity that could alert, and only kept entities count towards
        the best hits that end the scoring early."""
        if sources is None and programs is None:
            return None
        wanted_sources = None if sources is None else frozenset(sources)
        if wanted_sources is not None and (unknown := sorted(wanted_sources - self.sources)):
            known = ", ".join(sorted(self.sources)) or "none"
            raise QueryError(f"sources: unknown source {unknown[0]!r}; the lists are: {known}")
        wanted_programs = None if programs is None else frozenset(p.casefold() for p in programs)
        if wanted_programs is not None and (unknown := sorted(wanted_programs - self.programs)):
            raise QueryError(f"programs: no listed entity has the programme {unknown[0]!r}")

        def keep(entity: Entity) -> bool:
            if wanted_sources is not None and entity.source not in wanted_sources:
                return False
            return wanted_programs is None or any(
                p.casefold() in wanted_programs for p in entity.programs
            )

        return keep
