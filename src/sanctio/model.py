"""The entity model: plain typed records that every official list is read into.

An :class:`Entity` is one listed party as one source publishes it. Its id is
``<source>:<id in the official file>`` (``ofac-sdn:12735``), stable across versions.
Records are frozen dataclasses with ``to_dict``/``from_dict`` so the store can keep
them as JSON and a diff can compare them field by field.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson

__all__ = [
    "Address",
    "Entity",
    "FuzzyDate",
    "IdType",
    "Identifier",
    "Name",
    "NameKind",
    "Relationship",
    "RelationshipKind",
    "Schema",
]


class Schema(StrEnum):
    """What kind of party an entity is."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"
    UNKNOWN = "Unknown"


class NameKind(StrEnum):
    """How strongly a list vouches for a name."""

    PRIMARY = "primary"
    ALIAS = "alias"  # a strong a.k.a. / f.k.a. / n.k.a.
    WEAK = "weak"  # a "low quality" / weak alias: kept, matched, scored lower


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity, with its parts where the list gives them.

    ``script`` is the ISO 15924 code of the name's writing system where it is not
    Latin (``Arab``, ``Cyrl``, ``Hani`` ...); ``original_script`` is true where the
    list marks the name as the original-script form of another.
    """

    full: str
    kind: NameKind = NameKind.PRIMARY
    first_name: str | None = None
    middle_name: str | None = None
    father_name: str | None = None  # patronymic
    last_name: str | None = None
    title: str | None = None
    script: str | None = None
    lang: str | None = None
    original_script: bool = False
    qualifier: str | None = None  # the list's own label: "a.k.a.", "f.k.a.", "Good quality" ...


_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as precise as the list states it.

    ``value`` is an ISO prefix: ``1965-09-11`` (day), ``1965-09`` (month) or ``1965``
    (year). A range ("1960 to 1965") has ``until``; "circa 1965" has ``circa``.
    """

    value: str
    until: str | None = None
    circa: bool = False

    def __post_init__(self) -> None:
        for part in (self.value, self.until):
            if part is not None and not _ISO_PREFIX.match(part):
                raise ValueError(f"not an ISO date prefix: {part!r}")

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return {10: "day", 7: "month", 4: "year"}[len(self.value)]

    def __str__(self) -> str:
        text = self.value if self.until is None else f"{self.value} to {self.until}"
        return f"circa {text}" if self.circa else text


class IdType(StrEnum):
    """Kinds of identifiers the lists publish."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    SWIFT_BIC = "swift_bic"
    CRYPTO_WALLET = "crypto_wallet"
    AIRCRAFT_SERIAL = "aircraft_serial"
    AIRCRAFT_TAIL = "aircraft_tail"
    EMAIL = "email"
    PHONE = "phone"
    WEBSITE = "website"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Identifier:
    """A document or registry number, with the list's own label (``Cedula No.``)."""

    type: IdType
    value: str
    country: str | None = None  # ISO 3166-1 alpha-2, lower case
    label: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address; ``full`` is always set, the parts where the list gives them."""

    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, lower case


class RelationshipKind(StrEnum):
    """Kinds of links between parties."""

    LINKED_TO = "linked_to"  # OFAC "Linked To:"
    OWNERSHIP = "ownership"
    DIRECTORSHIP = "directorship"
    FAMILY = "family"
    ASSOCIATE = "associate"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Relationship:
    """A link from this entity to another party.

    ``target_id`` is an entity id where the list names one (``ofac-sdn:1234``);
    else ``target_name`` holds the name as the list gives it. ``role`` is the
    list's wording ("owner", "director", "son"); ``percentage`` an ownership share.
    ``incoming`` is true where this entity is the object (it is owned, it is directed).
    """

    kind: RelationshipKind
    target_id: str | None = None
    target_name: str | None = None
    role: str | None = None
    percentage: float | None = None
    incoming: bool = False
    source_id: str | None = None  # the relationship record's own id, where it has one


@dataclass(frozen=True, slots=True)
class Entity:
    """One listed party as one source publishes it."""

    id: str
    source: str
    schema: Schema
    names: tuple[Name, ...]
    programs: tuple[str, ...] = ()
    birth_dates: tuple[FuzzyDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, lower case
    citizenships: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # other country links: address, registration, flag
    addresses: tuple[Address, ...] = ()
    gender: str | None = None  # "male" | "female"
    identifiers: tuple[Identifier, ...] = ()
    listed_on: str | None = None  # ISO date prefix
    remarks: str | None = None
    relationships: tuple[Relationship, ...] = ()
    properties: tuple[tuple[str, str], ...] = ()  # anything else: title, position, vessel flag

    def __post_init__(self) -> None:
        if not self.names:
            raise ValueError(f"entity {self.id} has no name")
        prefix = f"{self.source}:"
        if not self.id.startswith(prefix) or len(self.id) == len(prefix):
            raise ValueError(f"entity id {self.id!r} must start with {prefix!r}")

    @property
    def source_id(self) -> str:
        """The id in the official file."""
        return self.id.split(":", 1)[1]

    @property
    def caption(self) -> str:
        """The primary name, for display."""
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.full
        return self.names[0].full

    def all_countries(self) -> tuple[str, ...]:
        """Nationalities, citizenships, other countries and address countries, once each."""
        seen = dict.fromkeys(self.nationalities + self.citizenships + self.countries)
        seen.update(dict.fromkeys(a.country for a in self.addresses if a.country))
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict that :meth:`from_dict` reads back to an equal entity."""
        return _record_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Rebuild an entity from :meth:`to_dict` output."""
        return cls(
            id=data["id"],
            source=data["source"],
            schema=Schema(data["schema"]),
            names=tuple(
                Name(**{**n, "kind": NameKind(n.get("kind", "primary"))}) for n in data["names"]
            ),
            programs=tuple(data.get("programs", ())),
            birth_dates=tuple(FuzzyDate(**d) for d in data.get("birth_dates", ())),
            birth_places=tuple(data.get("birth_places", ())),
            nationalities=tuple(data.get("nationalities", ())),
            citizenships=tuple(data.get("citizenships", ())),
            countries=tuple(data.get("countries", ())),
            addresses=tuple(Address(**a) for a in data.get("addresses", ())),
            gender=data.get("gender"),
            identifiers=tuple(
                Identifier(**{**i, "type": IdType(i["type"])}) for i in data.get("identifiers", ())
            ),
            listed_on=data.get("listed_on"),
            remarks=data.get("remarks"),
            relationships=tuple(
                Relationship(**{**r, "kind": RelationshipKind(r["kind"])})
                for r in data.get("relationships", ())
            ),
            properties=tuple((k, v) for k, v in data.get("properties", ())),
        )

    def to_json(self) -> bytes:
        """Canonical JSON: the same entity always gives the same bytes."""
        return orjson.dumps(self.to_dict(), option=orjson.OPT_SORT_KEYS)

    @classmethod
    def from_json(cls, raw: bytes | str) -> Entity:
        """Read :meth:`to_json` output."""
        return cls.from_dict(orjson.loads(raw))


def _is_empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == ()


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return _record_dict(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _record_dict(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, empty ones (None, False, "", ()) left out: every field
    defaults to them, so the dict reads back to an equal record."""
    out = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if not _is_empty(value):
            out[name] = _plain(value)
    return out
