"""``POST /match/{dataset}``: OpenSanctions yente's matching API, answered by the Screener.

Clients written for yente send FollowTheMoney examples and read yente's response shape;
this router accepts the same request (schema and property names are checked against
FollowTheMoney's model, as yente does) and answers in the same shape. What is and is not
supported is listed in docs/api.md.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from followthemoney import model as ftm
from pydantic import BaseModel, ConfigDict, Field

from sanctio.errors import QueryError
from sanctio.matching.query import MAX_NAMES
from sanctio.matching.query import Query as ScreeningQuery
from sanctio.model import Entity, IdType, NameKind
from sanctio.screener import MAX_LIMIT, Hit
from sanctio.server.auth import BatchScreenKey, charge
from sanctio.server.screening import audit_event
from sanctio.server.state import Service

__all__ = ["ALL_DATASETS", "example_query", "router"]

router = APIRouter(tags=["yente compatibility"])

ALL_DATASETS = ("default", "sanctions", "all")
MATCH_PAGE = 5  # yente's default number of results per query

_NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
_NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
_COUNTRY_PROPS = (
    "nationality", "citizenship", "country", "jurisdiction", "mainCountry", "birthCountry", "flag",
)  # fmt: skip
_ID_TYPES = {
    "passportNumber": IdType.PASSPORT,
    "idNumber": IdType.NATIONAL_ID,
    "socialSecurityNumber": IdType.NATIONAL_ID,
    "taxNumber": IdType.TAX_ID,
    "innCode": IdType.TAX_ID,
    "vatCode": IdType.TAX_ID,
    "registrationNumber": IdType.REGISTRATION,
    "ogrnCode": IdType.REGISTRATION,
    "okpoCode": IdType.REGISTRATION,
    "leiCode": IdType.REGISTRATION,
    "dunsCode": IdType.REGISTRATION,
    "uniqueEntityId": IdType.REGISTRATION,
    "swiftBic": IdType.SWIFT_BIC,
    "imoNumber": IdType.IMO,
    "mmsi": IdType.MMSI,
    "callSign": IdType.CALL_SIGN,
    "serialNumber": IdType.AIRCRAFT_SERIAL,
    "icaoCode": IdType.OTHER,
    "email": IdType.EMAIL,
    "phone": IdType.PHONE,
    "website": IdType.WEBSITE,
}
_OUT_IDS = {
    IdType.PASSPORT: "passportNumber",
    IdType.NATIONAL_ID: "idNumber",
    IdType.TAX_ID: "taxNumber",
    IdType.REGISTRATION: "registrationNumber",
    IdType.IMO: "imoNumber",
    IdType.MMSI: "mmsi",
    IdType.CALL_SIGN: "callSign",
    IdType.SWIFT_BIC: "swiftBic",
    IdType.AIRCRAFT_SERIAL: "serialNumber",
    IdType.EMAIL: "email",
    IdType.PHONE: "phone",
    IdType.WEBSITE: "website",
}
# FollowTheMoney schema -> the Screener's (None: any type).
_SCHEMAS = (("Person", "Person"), ("Vessel", "Vessel"), ("Airplane", "Aircraft"),
            ("Organization", "Organization"), ("LegalEntity", None))  # fmt: skip
_OUT_SCHEMAS = {"Person": "Person", "Organization": "Organization", "Vessel": "Vessel",
                "Aircraft": "Airplane", "Unknown": "LegalEntity"}  # fmt: skip


class EntityExample(BaseModel):
    """A FollowTheMoney example: schema and properties, each a value or a list."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = None
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(examples=[{"name": ["John Doe"]}])


class EntityMatchQuery(BaseModel):
    """yente's request: named examples; ``weights`` and ``config`` are accepted and ignored."""

    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, str | int | float | bool | None] = Field(default_factory=dict)


def _screener_schema(name: str) -> str | None:
    schema = ftm.get(name)
    if schema is None:
        raise ValueError(f"unknown schema {name!r}")
    if name == "Thing":
        return None
    for ftm_name, ours in _SCHEMAS:
        if schema.is_a(ftm.get(ftm_name)):
            return ours
    raise ValueError(f"schema {name!r} cannot be screened (use Person, Company, Vessel ...)")


def _values(properties: dict[str, list[str]], names: tuple[str, ...]) -> list[str]:
    return [v for n in names for v in properties.get(n, [])]


def example_query(example: EntityExample) -> tuple[ScreeningQuery, dict[str, list[str]]]:
    """The Screener query for a FollowTheMoney example, and its properties as lists.
    ValueError or QueryError when the example cannot be read."""
    schema_name = _screener_schema(example.schema_)
    schema = ftm.get(example.schema_)
    assert schema is not None
    properties: dict[str, list[str]] = {}
    for prop, raw in example.properties.items():
        if schema.get(prop) is None:
            raise ValueError(f"property {prop!r} is not a property of {schema.name}")
        values = raw if isinstance(raw, list) else [raw]
        properties[prop] = [str(v).strip() for v in values if v is not None and str(v).strip()]
    names = _values(properties, _NAME_PROPS)
    parts = [properties.get(p) or [""] for p in _NAME_PARTS if properties.get(p)]
    for combination in itertools.islice(itertools.product(*parts), MAX_NAMES):
        names.append(" ".join(p for p in combination if p))
    identifiers = [
        {"type": _ID_TYPES[prop].value, "value": value}
        for prop in _ID_TYPES
        for value in properties.get(prop, [])
    ]
    genders = properties.get("gender", [])
    query = ScreeningQuery.build(
        names[:MAX_NAMES],
        schema=schema_name,
        birth_date=properties.get("birthDate"),
        countries=_values(properties, _COUNTRY_PROPS),
        gender=genders[0] if genders and genders[0] in {"male", "female"} else None,
        identifiers=identifiers,
    )
    return query, properties


def _features(hit: Hit) -> dict[str, float]:
    explanation = hit.explanation
    features = {"name_score": round(explanation.name_score, 4)}
    for evidence in explanation.evidence:
        if evidence.adjustment:
            features[evidence.feature] = round(evidence.adjustment, 4)
    return features


def _ftm_properties(entity: Entity) -> dict[str, list[str]]:
    """An entity's facts under FollowTheMoney property names."""
    by_kind = {NameKind.PRIMARY: "name", NameKind.ALIAS: "alias", NameKind.WEAK: "weakAlias"}
    props: dict[str, list[str]] = {}

    def add(prop: str, values: Any) -> None:
        for value in values:
            if value and value not in props.setdefault(prop, []):
                props[prop].append(value)

    for name in entity.names:
        add(by_kind[name.kind], [name.full])
    add("birthDate", [d.value for d in entity.birth_dates])
    add("birthPlace", entity.birth_places)
    add("nationality", entity.nationalities)
    add("citizenship", entity.citizenships)
    add("country", entity.countries)
    add("gender", [entity.gender])
    for ident in entity.identifiers:
        add(_OUT_IDS.get(ident.type, "idNumber"), [ident.value])
    add("address", [a.full for a in entity.addresses])
    add("program", entity.programs)
    add("notes", [entity.remarks])
    add("topics", ["sanction"])
    return {k: v for k, v in props.items() if v}


def _result(hit: Hit, entity: Entity, threshold: float) -> dict[str, Any]:
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": _OUT_SCHEMAS[entity.schema.value],
        "properties": _ftm_properties(entity),
        "datasets": [entity.source],
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "score": round(hit.score, 4),
        "match": hit.score >= threshold,
        "features": _features(hit),
    }


@router.post("/match/{dataset}", summary="Match entities (yente-compatible)")
def match(
    dataset: str,
    body: EntityMatchQuery,
    request: Request,
    key: BatchScreenKey,
    state: Service,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = MATCH_PAGE,
    threshold: Annotated[float | None, Query(ge=0, le=1)] = None,
    cutoff: Annotated[float, Query(ge=0, le=1, deprecated=True)] = 0.0,
    algorithm: Annotated[str | None, Query(description="Accepted and ignored.")] = None,
    include_dataset: Annotated[list[str] | None, Query()] = None,
    exclude_dataset: Annotated[list[str] | None, Query()] = None,
    exclude_schema: Annotated[list[str] | None, Query()] = None,
    exclude_entity_ids: Annotated[list[str] | None, Query()] = None,
    topics: Annotated[list[str] | None, Query()] = None,
    changed_since: Annotated[str | None, Query(description="Accepted and ignored.")] = None,
) -> dict[str, Any]:
    """yente's query-by-example matcher: each example in ``queries`` is screened and
    answered under the same key. ``dataset`` is ``default`` (every list) or one source
    id; ``match`` is true when the score reaches ``threshold`` (default: the service's
    alert threshold, 0.8, not yente's 0.7)."""
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    loaded = state.loaded_index()
    screener = loaded.screener
    if dataset not in ALL_DATASETS and dataset not in screener.sources:
        known = ", ".join([*ALL_DATASETS, *sorted(screener.sources)])
        raise HTTPException(404, f"dataset {dataset!r} not found; use one of {known}")
    if not body.queries:
        raise HTTPException(400, "No queries provided.")
    if len(body.queries) > state.settings.max_batch:
        raise HTTPException(
            400, f"Too many queries in one batch (limit: {state.settings.max_batch})"
        )
    charge(state, key, len(body.queries))
    sources = set(screener.sources) if dataset in ALL_DATASETS else {dataset}
    if include_dataset:
        sources &= set(include_dataset)
    sources -= set(exclude_dataset or ())
    wants_sanctions = topics is None or any(t.startswith("sanction") for t in topics)
    excluded_schemas = set(exclude_schema or ())
    excluded_ids = set(exclude_entity_ids or ())
    cut = screener.threshold if threshold is None else threshold
    options = {"limit": limit, "threshold": cut, "sources": sorted(sources)}
    request_id = request.state.request_id
    responses, events = {}, []
    for name, example in body.queries.items():
        try:
            query, properties = example_query(example)
        except (ValueError, QueryError) as exc:
            raise HTTPException(400, f"Cannot parse example entity {name!r}: {exc}") from exc
        hits = screener.screen_query(query, **options) if sources and wants_sanctions else []
        results = []
        for hit in hits:
            entity = loaded.entities[hit.entity_id]
            out_schema = _OUT_SCHEMAS[entity.schema.value]
            if hit.score < cutoff or hit.entity_id in excluded_ids:
                continue
            if out_schema in excluded_schemas:
                continue
            results.append(_result(hit, entity, cut))
        responses[name] = {
            "status": 200,
            "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": {"id": example.id, "schema": example.schema_, "properties": properties},
        }
        events.append(
            audit_event(
                state, key, action="match", subject=f"api-request:{request_id}/{name}",
                query=example.model_dump(by_alias=True), loaded=loaded, hits=hits,
                options={**options, "dataset": dataset}, at=at,
            )
        )  # fmt: skip
    state.audit.submit(events)
    return {"responses": responses, "limit": limit}
