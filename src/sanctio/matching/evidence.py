"""Secondary evidence: features that raise or lower a name match.

Each feature is a small function ``(query, entity) -> (adjustment, reason)`` whose
docstring is its published description (docs/scoring.md). A positive adjustment is
evidence for the match, a negative one evidence against; ``None`` means the feature
has nothing to say (one side lacks the data). Identifier agreement is decisive:
see :func:`identifier_match`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sanctio.matching.query import Query
from sanctio.model import Entity, FuzzyDate, IdType, Schema

__all__ = ["FEATURES", "Feature", "most_evidence_can_raise", "normalize_identifier"]

Outcome = tuple[float, str] | None

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def normalize_identifier(value: str) -> str:
    """Identifier text reduced to upper-case letters and digits (``AB-123 45`` -> ``AB12345``)."""
    return _NOT_ALNUM.sub("", value.upper())


def _date_bounds(date: FuzzyDate) -> tuple[str, str]:
    """The first and last day a fuzzy date can mean, as ISO strings, widened by circa."""
    start, end = date.value, date.until or date.value
    lo = start + "-01-01"[len(start) - 4 :] if len(start) < 10 else start
    hi = end + "-12-31"[len(end) - 4 :] if len(end) < 10 else end
    if date.circa:
        lo = f"{int(lo[:4]) - 2:04d}{lo[4:]}"
        hi = f"{int(hi[:4]) + 2:04d}{hi[4:]}"
    return lo, hi


def birth_date(query: Query, entity: Entity) -> Outcome:
    """Birth dates: the same day raises the score, the same year a little; dates that
    cannot be the same (more than a year apart, ranges and circa allowed for) lower it."""
    if not query.birth_dates or not entity.birth_dates:
        return None
    best: Outcome = None
    for q in query.birth_dates:
        q_lo, q_hi = _date_bounds(q)
        for e in entity.birth_dates:
            e_lo, e_hi = _date_bounds(e)
            if q.precision == "day" and e.precision == "day" and q.value == e.value and not e.until:
                return 0.08, f"same birth date {q.value}"
            if q_lo <= e_hi and e_lo <= q_hi:
                best = (0.04, f"birth date {q} agrees with {e}")
            elif best is None and abs(int(q_lo[:4]) - int(e_lo[:4])) <= 1:
                best = (0.0, f"birth year {q} is one year from {e}")
    if best is not None:
        return best
    listed = ", ".join(str(d) for d in entity.birth_dates[:3])
    shown = ", ".join(str(d) for d in query.birth_dates)
    return -0.2, f"birth date {shown} differs from the listed {listed}"


def country(query: Query, entity: Entity) -> Outcome:
    """Countries (nationality, citizenship, address, registration): a shared country raises
    the score slightly; no country in common lowers it slightly, since lists are incomplete."""
    if not query.countries:
        return None
    listed = entity.all_countries()
    if not listed:
        return None
    shared = sorted(set(query.countries) & set(listed))
    if shared:
        return 0.03, f"country agrees: {', '.join(c.upper() for c in shared)}"
    return -0.06, (
        f"country {', '.join(c.upper() for c in query.countries)} not among the listed "
        f"{', '.join(c.upper() for c in listed[:5])}"
    )


def gender(query: Query, entity: Entity) -> Outcome:
    """Gender: a different gender lowers the score."""
    if not query.gender or not entity.gender:
        return None
    if query.gender == entity.gender:
        return 0.0, f"gender agrees: {entity.gender}"
    return -0.15, f"gender differs: {query.gender} against the listed {entity.gender}"


_DECISIVE = {
    IdType.PASSPORT,
    IdType.IMO,
    IdType.SWIFT_BIC,
    IdType.REGISTRATION,
    IdType.TAX_ID,
    IdType.NATIONAL_ID,
    IdType.MMSI,
    IdType.CRYPTO_WALLET,
    IdType.AIRCRAFT_SERIAL,
}


def identifier_match(query: Query, entity: Entity) -> Outcome:
    """Identifiers: the same passport, national id, IMO, MMSI, SWIFT/BIC, registration, tax
    number or wallet is decisive (the score becomes at least 0.97); an identifier of the same
    type and country with a different number lowers the score."""
    if not query.identifiers or not entity.identifiers:
        return None
    listed = {normalize_identifier(i.value): i for i in entity.identifiers}
    for ident in query.identifiers:
        value = normalize_identifier(ident.value)
        found = listed.get(value)
        if found is not None and len(value) >= 4:
            kind = found.type.value.replace("_", " ")
            return 1.0, f"same {kind} number {found.value}"
    for ident in query.identifiers:
        for other in entity.identifiers:
            same_kind = ident.type == other.type and ident.type in _DECISIVE
            same_country = not ident.country or not other.country or ident.country == other.country
            if same_kind and same_country:
                kind = other.type.value.replace("_", " ")
                return (
                    -0.15,
                    f"different {kind} number: {ident.value} against the listed {other.value}",
                )
    return None


_COMPATIBLE = {
    Schema.PERSON: {Schema.PERSON, Schema.UNKNOWN},
    Schema.ORGANIZATION: {Schema.ORGANIZATION, Schema.UNKNOWN},
    Schema.VESSEL: {Schema.VESSEL, Schema.UNKNOWN, Schema.ORGANIZATION},
    Schema.AIRCRAFT: {Schema.AIRCRAFT, Schema.UNKNOWN, Schema.ORGANIZATION},
}


def schema_mismatch(query: Query, entity: Entity) -> Outcome:
    """Type: a person is not a vessel nor a company; a different kind of party lowers the
    score strongly."""
    if query.schema is Schema.UNKNOWN or entity.schema is Schema.UNKNOWN:
        return None
    if entity.schema in _COMPATIBLE[query.schema]:
        return None
    return -0.3, f"a {query.schema.value} is not a {entity.schema.value}"


def most_evidence_can_raise(query: Query) -> float:
    """The most the features can add to a name score for this query (0.08 for a birth
    date, 0.03 for a country): a name scoring less than the threshold minus this can
    never alert. An identical identifier is decisive and found by identifier instead."""
    return (0.08 if query.birth_dates else 0.0) + (0.03 if query.countries else 0.0)


@dataclass(frozen=True, slots=True)
class Feature:
    """One evidence feature and the share of its adjustment that applies (1 = as designed)."""

    name: str
    func: Callable[[Query, Entity], Outcome]
    weight: float = 1.0


FEATURES: tuple[Feature, ...] = (
    Feature("identifier_match", identifier_match),
    Feature("birth_date", birth_date),
    Feature("country", country),
    Feature("gender", gender),
    Feature("schema_mismatch", schema_mismatch),
)
