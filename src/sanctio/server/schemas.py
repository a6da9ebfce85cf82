"""Request and response shapes of the ``/v1`` API (the OpenAPI document is built from them).

Requests forbid unknown fields, so a misspelt ``birth_dat`` is a 422 naming it instead
of a screening that silently ignored the birth date.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from sanctio.matching.query import MAX_NAME_LENGTH, MAX_NAMES
from sanctio.screener import MAX_LIMIT

__all__ = [
    "BatchParty",
    "BatchRequest",
    "BatchResponse",
    "BatchResult",
    "HitOut",
    "ListsResponse",
    "Party",
    "ScreenOptions",
    "ScreenRequest",
    "ScreenResponse",
    "SearchResponse",
    "UpdateRequest",
    "VersionUsed",
]

NameText = Annotated[str, Field(max_length=MAX_NAME_LENGTH)]
ShortText = Annotated[str, Field(max_length=200)]


def _one_or_many(value: Any) -> Any:
    """A single value stands for a list of one."""
    return [value] if isinstance(value, str | int | float | dict) else value


def _identifier(value: Any) -> Any:
    """ "TYPE:NUMBER" or "NUMBER" text stands for an identifier read by the Screener."""
    return {"type": None, "value": value} if isinstance(value, str) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, coerce_numbers_to_str=True)


class IdentifierIn(_Strict):
    """An identifier: passport, national_id, tax_id, registration, imo, mmsi, swift_bic ...
    Without a type, ``value`` may be written ``TYPE:NUMBER``."""

    type: ShortText | None = None
    value: ShortText
    country: ShortText | None = None

    def record(self) -> str | dict[str, Any]:
        """The identifier as the Screener's query reads it."""
        return self.value if self.type is None else self.model_dump()


Names = Annotated[list[NameText], Field(max_length=MAX_NAMES), BeforeValidator(_one_or_many)]
Texts = Annotated[list[ShortText], Field(max_length=50), BeforeValidator(_one_or_many)]
Identifiers = Annotated[
    list[Annotated[IdentifierIn, BeforeValidator(_identifier)]],
    Field(max_length=50),
    BeforeValidator(_one_or_many),
]


class Party(_Strict):
    """One party to screen: a name (or name parts) and any other facts known. Fields
    taking a list also take a single value."""

    name: Names = Field(
        default_factory=list, description="Full name, or several names (aliases) of one party."
    )
    first_name: NameText | None = None
    middle_name: NameText | None = None
    father_name: NameText | None = Field(None, description="Patronymic.")
    last_name: NameText | None = None
    schema_: ShortText | None = Field(
        None, alias="schema", description="Person, Organization, Vessel, Aircraft (default any)."
    )
    birth_date: Texts = Field(default_factory=list, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    countries: Texts = Field(
        default_factory=list, description="Nationalities or countries: ISO codes or names."
    )
    gender: ShortText | None = None
    identifiers: Identifiers = Field(
        default_factory=list,
        description='"TYPE:NUMBER", "NUMBER", or {"type", "value", "country"}.',
    )

    def record(self) -> dict[str, Any]:
        """The party as a record for :meth:`sanctio.matching.query.Query.from_record`
        (its facts only: no options, no batch key)."""
        facts = set(Party.model_fields) - {"schema_", "name", "identifiers"}
        data = self.model_dump(include=facts, exclude_none=True)
        data.update(
            names=self.name,
            schema=self.schema_,
            identifiers=[i.record() for i in self.identifiers],
        )
        return data


class ScreenOptions(_Strict):
    """How to screen: threshold, number of hits, and which lists and programmes."""

    threshold: float | None = Field(
        None, ge=0, le=1, description="Alert threshold (default: the service's, 0.8)."
    )
    limit: int = Field(10, ge=1, le=MAX_LIMIT, description="Most hits returned per party.")
    sources: Annotated[list[ShortText], Field(max_length=100)] | None = Field(
        None, description="Only these lists (source ids, as in GET /v1/lists)."
    )
    programs: Annotated[list[ShortText], Field(max_length=100)] | None = Field(
        None, description="Only entities with one of these programmes (case-insensitive)."
    )
    explain: bool = Field(True, description="Include each hit's explanation.")
    exposure: bool = Field(
        False,
        description="Add an exposure section: each alert's ownership standing and paths "
        "of up to two relationships to designated persons (docs/exposure.md).",
    )


class ScreenRequest(Party, ScreenOptions):
    """``POST /v1/screen``: one party and the screening options."""


class BatchParty(Party):
    """One party of a batch, with the caller's key for it."""

    key: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        description="The caller's id for this party; its result carries it back."
    )


class BatchRequest(ScreenOptions):
    """``POST /v1/screen/batch``: parties (at most the service's batch limit, 1,000)."""

    parties: Annotated[list[BatchParty], Field(min_length=1)]


class VersionUsed(BaseModel):
    """A list version the result was screened against."""

    source: str
    version: int
    as_of: str


class HitOut(BaseModel):
    """One listed entity the party may be."""

    entity_id: str
    score: float
    is_alert: bool
    matched_name: str
    source: str
    caption: str
    schema_: str = Field(alias="schema")
    programs: list[str]
    explanation: dict[str, Any] | None = None

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class ScreenResponse(BaseModel):
    """The hits of one party, best first, and what they were screened against."""

    request_id: str
    threshold: float
    versions: list[VersionUsed]
    alerts: int
    hits: list[HitOut]
    exposure: dict[str, Any] | None = None


class ErrorOut(BaseModel):
    """Why one party of a batch could not be screened."""

    field: str | None
    message: str


class BatchResult(BaseModel):
    """The result of one party of a batch."""

    key: str
    status: Literal["ok", "error"]
    alerts: int = 0
    hits: list[HitOut] = Field(default_factory=list)
    error: ErrorOut | None = None


class BatchResponse(BaseModel):
    """One result per party, in the order sent."""

    request_id: str
    threshold: float
    versions: list[VersionUsed]
    results: list[BatchResult]


class SearchResponse(BaseModel):
    """Listed entities whose names resemble the text searched."""

    query: str
    results: list[HitOut]


class ListOut(BaseModel):
    """One version of one list in the store."""

    model_config = ConfigDict(extra="allow")

    source: str
    id: int
    as_of: str
    entity_count: int
    is_current: bool
    served: bool = Field(description="This process screens against this version.")


class ListsResponse(BaseModel):
    """Every list version in the store, and which ones are served."""

    lists: list[ListOut]


class UpdateRequest(_Strict):
    """``POST /v1/admin/update``: import new versions, as ``sanctio update`` does."""

    sources: Annotated[list[ShortText], Field(max_length=100)] | None = Field(
        None, description="Only these sources (default: all)."
    )
    max_shrink: float = Field(
        0.5, ge=0, le=1, description="Refuse a version that shrinks by more than this share."
    )
