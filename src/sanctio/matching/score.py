"""Scoring a query against one listed entity: the best name match, then evidence.

    score = best over (query name, listed name) of name_score x kind_factor
            + the sum of evidence adjustments, clipped to [0, 1];
    an identical decisive identifier lifts the score to at least DECISIVE_SCORE.

``kind_factor`` is 1 for primary names and strong aliases and WEAK_ALIAS_FACTOR for
weak aliases. docs/scoring.md explains the parts and the default threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sanctio.errors import QueryError
from sanctio.matching.evidence import FEATURES
from sanctio.matching.explain import Evidence, Explanation
from sanctio.matching.names import (
    ComparableName,
    comparable_names,
    compare_names,
    score_names,
)
from sanctio.matching.prepare import prepare_name
from sanctio.matching.query import Query, check_threshold
from sanctio.matching.weights import TokenWeights, default_weights
from sanctio.model import Entity, Name, NameKind, Schema

__all__ = [
    "DECISIVE_SCORE",
    "DEFAULT_THRESHOLD",
    "WEAK_ALIAS_FACTOR",
    "Assessment",
    "Comparison",
    "Explained",
    "assess",
    "compare",
    "score_entity",
]

DEFAULT_THRESHOLD = 0.8
WEAK_ALIAS_FACTOR = 0.9
DECISIVE_SCORE = 0.97


ListedNames = Sequence[tuple[Name, ComparableName]]


@lru_cache(maxsize=20_000)
def _comparable(
    names: tuple[str, ...], schema: Schema, weigh: TokenWeights
) -> tuple[ComparableName, ...]:
    """Names prepared for a schema and made comparable; the same names come again and
    again (one query against many candidates, one candidate in many comparisons)."""
    return comparable_names([prepare_name(n, schema) for n in names], weigh)


def listed_names(entity: Entity, weigh: TokenWeights) -> ListedNames:
    """An entity's names, made comparable (the index holds these ready for its entities)."""
    comparable = _comparable(tuple(n.full for n in entity.names), entity.schema, weigh)
    return list(zip(entity.names, comparable, strict=True))


def _best_name(
    query_names: Sequence[ComparableName], listed: ListedNames
) -> tuple[float, ComparableName, ComparableName, Name] | None:
    """The best (query name, listed name) pair, weak aliases scored lower; the first of
    equals wins."""
    best: tuple[float, ComparableName, ComparableName, Name] | None = None
    for q in query_names:
        for name, comparable in listed:
            value = score_names(q, comparable)
            if name.kind is NameKind.WEAK:
                value *= WEAK_ALIAS_FACTOR
            if best is None or value > best[0]:
                best = (value, q, comparable, name)
    return best


@dataclass(frozen=True, slots=True)
class Assessment:
    """A query's score against one entity, with what is needed to explain it. Writing the
    explanation out (aligning the best names in detail) waits until it is asked for,
    since a screening scores many more entities than it shows."""

    score: float
    is_alert: bool
    entity: Entity
    evidence: tuple[Evidence, ...]
    best: tuple[ComparableName, ComparableName, Name] | None

    @property
    def matched_name(self) -> str:
        """The listed name that scored best (the entity's first name when none did)."""
        return self.best[2].full if self.best else self.entity.names[0].full

    def explain(self) -> Explanation:
        """Which names matched, how their tokens aligned, and what the evidence did."""
        if self.best is None:
            match, q_name, name = None, None, self.entity.names[0]
        else:
            q_name, listed, name = self.best
            match = compare_names(q_name, listed)
        return Explanation(
            query_name=q_name.prepared.original if q_name else "",
            matched_name=name.full,
            name_kind=name.kind.value,
            name_score=round(match.score, 4) if match else 0.0,
            pairs=match.pairs if match else (),
            query_unmatched=match.query_unmatched if match else (),
            candidate_unmatched=match.candidate_unmatched if match else (),
            evidence=self.evidence,
            weak_alias_factor=WEAK_ALIAS_FACTOR if name.kind is NameKind.WEAK else 1.0,
        )

    def comparison(self) -> Comparison:
        """The score, whether it alerts, and the explanation when it is read."""
        return Comparison(self)


class Explained:
    """A result built on an Assessment whose explanation (the best names aligned in detail,
    and the evidence) is written out when first read: callers ranking many results read
    few explanations."""

    __slots__ = ("_assessment", "_explanation")

    def __init__(self, assessment: Assessment) -> None:
        self._assessment = assessment
        self._explanation: Explanation | None = None

    @property
    def explanation(self) -> Explanation:
        """Which names matched, how their tokens aligned, and what the evidence did."""
        if self._explanation is None:
            self._explanation = self._assessment.explain()
        return self._explanation


class Comparison(Explained):
    """The score of a query against one entity, whether it alerts, and why (written out
    when first read)."""

    __slots__ = ("is_alert", "score")

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(assessment)
        self.score = assessment.score
        self.is_alert = assessment.is_alert

    def __repr__(self) -> str:
        return f"Comparison(score={self.score}, is_alert={self.is_alert})"


def assess(
    query: Query,
    query_names: Sequence[ComparableName],
    entity: Entity,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    names: ListedNames | None = None,
) -> Assessment:
    """Score ``query`` (its names already prepared) against ``entity`` (all its names, or
    only ``names``); the explanation is written out on request."""
    if names is None:
        names = listed_names(entity, default_weights())
    best = _best_name(query_names, names) if query_names else None
    evidence = []
    decisive = False
    for feature in FEATURES:
        outcome = feature.func(query, entity)
        if outcome is None:
            continue
        adjustment, reason = outcome
        if feature.name == "identifier_match" and adjustment >= 1.0:
            decisive = True
            evidence.append(Evidence(feature.name, 0.0, reason))
            continue
        evidence.append(Evidence(feature.name, round(adjustment * feature.weight, 4), reason))
    name_score = best[0] if best else 0.0
    score = name_score + sum(e.adjustment for e in evidence) if name_score else 0.0
    if decisive:
        score = max(score, DECISIVE_SCORE)
    score = min(1.0, max(0.0, score))
    return Assessment(
        round(score, 4), score >= threshold, entity, tuple(evidence), best[1:] if best else None
    )


def score_entity(
    query: Query,
    query_names: Sequence[ComparableName],
    entity: Entity,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    names: ListedNames | None = None,
) -> Comparison:
    """Score ``query`` (its names already prepared) against ``entity``, explained."""
    return assess(query, query_names, entity, threshold=threshold, names=names).comparison()


def prepare_query_names(
    query: Query, weigh: TokenWeights | None = None
) -> tuple[ComparableName, ...]:
    """The query's names, prepared for its schema; names with no usable token are dropped.
    A query whose names all lack letters or digits (and has no identifier) is a QueryError."""
    comparable = _comparable(query.names, query.schema, weigh or default_weights())
    usable = tuple(c for c in comparable if c.prepared.tokens)
    if query.names and not usable and not query.identifiers:
        raise QueryError(f"name: {query.names[0]!r} has no letters or digits to match")
    return usable


def _entity_from_record(record: Mapping[str, Any]) -> Entity:
    """A candidate record dict as an Entity, so compare() scores it as screen() would."""
    candidate = Query.from_record(record)
    names = tuple(
        Name(n, kind=NameKind.PRIMARY if i == 0 else NameKind.ALIAS)
        for i, n in enumerate(candidate.names)
    ) or (Name("(no name)"),)
    return Entity(
        id=str(record.get("id") or "record:candidate"),
        source=str(record.get("id") or "record:candidate").split(":", 1)[0],
        schema=candidate.schema,
        names=names,
        birth_dates=candidate.birth_dates,
        countries=candidate.countries,
        gender=candidate.gender,
        identifiers=candidate.identifiers,
    )


def compare(
    query: Mapping[str, Any], candidate: Mapping[str, Any], *, threshold: float | None = None
) -> Comparison:
    """Score two records (dicts with ``schema``, ``name``/``names``, name parts,
    ``birth_date``, ``countries``, ``gender``, ``identifiers``) exactly as screen() does."""
    q = Query.from_record(query)
    entity = _entity_from_record(candidate)
    return score_entity(
        q,
        prepare_query_names(q),
        entity,
        threshold=DEFAULT_THRESHOLD if threshold is None else check_threshold(threshold),
    )
