"""OpenSanctions data: FollowTheMoney entities, one JSON object a line (``entities.ftm.json``).

OpenSanctions publishes each dataset (``sanctions``, ``zala``, ``us_ofac_sdn`` ...) as
FollowTheMoney (FtM) entities, one JSON object per line: ``id``, ``schema``, ``properties``
(property name -> list of values) and OpenSanctions' ``caption``, ``datasets``, ``target``,
``first_seen``, ``last_seen``, ``last_change``. Records are read with the ``followthemoney``
library (``model.get_proxy``), which checks the schema and property names. Recognised by
content: the first line is such an object. The source is ``opensanctions-<dataset>``, the
dataset taken from the file name before the first ``-<digit>`` or ``.``
(``zala-2026-04-29.entities.ftm.json`` -> ``opensanctions-zala``); for a file named
``entities.ftm.json`` (the download's own name), from its folder's name the same way.
As-of: the newest ``last_seen`` / ``last_change`` date in the file, else None.

Entities: records whose schema is a ``Thing``, except ``Address``, become entities
``opensanctions-<dataset>:<FtM id>``: ``Person`` -> Person, ``Organization``, ``Company``,
``PublicBody`` (any Organization) -> Organization, ``Vessel`` -> Vessel, ``Airplane`` ->
Aircraft, ``LegalEntity`` (person or organisation, unsaid) and every other thing
(``CryptoWallet``, ``Security`` ...) -> Unknown. A thing with no name and no caption of its
own is skipped with a warning. The other records are folded into these:

- ``Sanction`` (by ``entity``) -> programmes (``programId``, else ``program``), its
  ``listingDate`` / ``startDate`` -> listed_on candidates, ``authority`` ->
  ``sanction_authority`` properties.
- ``Passport`` / ``Identification`` (by ``holder``) -> passport / national-id identifiers
  (``number``, ``country``, ``type`` as the note); a ``CryptoWallet`` with a ``holder``
  -> a crypto-wallet identifier of the holder too (``publicKey``, ``currency`` as the note).
- ``Address`` (by ``addressEntity``) -> addresses with their parts (``full``, ``street``,
  ``city``, ``region``, ``postalCode``, ``country``); inline ``address`` texts -> addresses
  too, each full text once.
- Relationship records become relationships on BOTH ends, ``target_id``
  ``opensanctions-<dataset>:<FtM id>`` (``target_name`` too where the other end is in the
  file), ``source_id`` the record's own id, ``incoming`` on the object's side:
  ``Ownership`` (owner -> asset, ``role``, ``percentage``) -> ownership, ``Directorship``
  (director -> organization, ``role``) -> directorship, ``Family`` (person -> relative,
  ``relationship``) -> family, ``Associate`` -> associate, ``UnknownLink`` (subject ->
  object) -> linked_to, any other edge (``Employment``, ``Membership``, ``Occupancy`` ...) ->
  other, with the schema name as role where none is given.

Fields of an entity:

- Names: the record's ``caption`` (where it is one of its ``name`` values) -> PRIMARY,
  other ``name`` values -> ALIAS, ``alias`` and ``previousName`` -> ALIAS,
  ``weakAlias`` and ``abbreviation`` -> WEAK, each full text once, the property name as
  ``qualifier`` and the script found in its letters. ``firstName``, ``middleName``,
  ``fatherName``, ``lastName`` are lists not tied to one name: each name gets the shortest
  value of each that occurs in it as whole words (ignoring case; as written preferred).
- Identifiers: ``passportNumber`` -> passport; ``idNumber`` -> national id (a person's) or
  registration; ``socialSecurityNumber`` -> national id; ``innCode`` (tax, ``ru``),
  ``taxNumber``, ``vatCode`` -> tax id; ``ogrnCode`` / ``okpoCode`` (``ru``),
  ``registrationNumber``, ``leiCode``, ``dunsCode``, ``uscCode``, ``licenseNumber`` ->
  registration (an airplane's ``registrationNumber`` -> tail number); ``imoNumber``,
  ``mmsi``, ``callSign``, ``swiftBic``, ``serialNumber`` (aircraft), ``publicKey``
  (crypto wallet), ``email``, ``phone``, ``website`` -> their types; ``uniqueEntityId``,
  ``permId``, ``bikCode``, ``isinCode``, ``npiCode``, ``icaoCode`` -> other. Each
  (type, value) once; the property name is the label.
- ``birthDate`` -> birth dates, ``birthPlace`` -> birth places, ``nationality`` /
  ``citizenship`` -> nationalities / citizenships, ``country``, ``jurisdiction``,
  ``mainCountry``, ``birthCountry`` and a vessel's ``flag`` -> countries, ``gender``.
- ``notes``, ``summary``, ``description`` -> remarks.
- listed_on: the earliest ``createdAt`` or sanction ``listingDate`` / ``startDate``, else the
  record's ``first_seen`` date.
- Properties: ``topics`` (``topic``), ``datasets`` (``dataset``), ``target`` (``true``),
  ``position``, ``title``, ``legalForm``, ``status``, ``sector``, ``classification``,
  ``incorporationDate``, ``dissolutionDate``, ``deathDate``, ``kppCode``, and a vessel's or
  airplane's ``flag``, ``pastFlags``, ``type``, ``model``, ``manufacturer``, ``buildDate``,
  ``tonnage``, ``grossRegisteredTonnage``.

Errors: an empty file, a line that is not a JSON object (a truncated file ends in one), a
record without ``id`` or ``schema`` and an unknown schema or property raise ParseError
naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from sanctio.errors import ParseError
from sanctio.model import (
    Address,
    Entity,
    Identifier,
    IdType,
    Name,
    NameKind,
    Relationship,
    RelationshipKind,
    Schema,
)
from sanctio.sources._common import (
    EntityDraft,
    ParsedList,
    clean,
    country_code,
    parse_date,
    script_of,
)

__all__ = ["FORMAT", "parse", "sniff", "source_for"]

FORMAT = "ftm"
SOURCE_PREFIX = "opensanctions-"

_SCHEMAS = {
    "Person": Schema.PERSON,
    "Organization": Schema.ORGANIZATION,
    "Vessel": Schema.VESSEL,
    "Airplane": Schema.AIRCRAFT,
}
_NAME_PROPERTIES = (
    ("name", NameKind.ALIAS),
    ("alias", NameKind.ALIAS),
    ("previousName", NameKind.ALIAS),
    ("weakAlias", NameKind.WEAK),
    ("abbreviation", NameKind.WEAK),
)
_NAME_PARTS = (
    ("firstName", "first_name"),
    ("middleName", "middle_name"),
    ("fatherName", "father_name"),
    ("lastName", "last_name"),
)
_IDENTIFIERS: dict[str, tuple[IdType, str | None]] = {
    "passportNumber": (IdType.PASSPORT, None),
    "socialSecurityNumber": (IdType.NATIONAL_ID, None),
    "innCode": (IdType.TAX_ID, "ru"),
    "taxNumber": (IdType.TAX_ID, None),
    "vatCode": (IdType.TAX_ID, None),
    "ogrnCode": (IdType.REGISTRATION, "ru"),
    "okpoCode": (IdType.REGISTRATION, "ru"),
    "registrationNumber": (IdType.REGISTRATION, None),
    "leiCode": (IdType.REGISTRATION, None),
    "dunsCode": (IdType.REGISTRATION, None),
    "uscCode": (IdType.REGISTRATION, "cn"),
    "licenseNumber": (IdType.REGISTRATION, None),
    "imoNumber": (IdType.IMO, None),
    "mmsi": (IdType.MMSI, None),
    "callSign": (IdType.CALL_SIGN, None),
    "swiftBic": (IdType.SWIFT_BIC, None),
    "serialNumber": (IdType.AIRCRAFT_SERIAL, None),
    "publicKey": (IdType.CRYPTO_WALLET, None),
    "email": (IdType.EMAIL, None),
    "phone": (IdType.PHONE, None),
    "website": (IdType.WEBSITE, None),
    "uniqueEntityId": (IdType.OTHER, None),
    "permId": (IdType.OTHER, None),
    "bikCode": (IdType.OTHER, "ru"),
    "isinCode": (IdType.OTHER, None),
    "npiCode": (IdType.OTHER, None),
    "icaoCode": (IdType.OTHER, None),
}
_COUNTRY_PROPERTIES = ("country", "jurisdiction", "mainCountry", "birthCountry", "flag")
_KEPT_PROPERTIES = (
    "position",
    "title",
    "legalForm",
    "status",
    "sector",
    "classification",
    "incorporationDate",
    "dissolutionDate",
    "deathDate",
    "kppCode",
    "flag",
    "pastFlags",
    "type",
    "model",
    "manufacturer",
    "buildDate",
    "tonnage",
    "grossRegisteredTonnage",
)
_REMARK_PROPERTIES = ("notes", "summary", "description")
_RELATIONSHIPS = {
    "Ownership": RelationshipKind.OWNERSHIP,
    "Directorship": RelationshipKind.DIRECTORSHIP,
    "Family": RelationshipKind.FAMILY,
    "Associate": RelationshipKind.ASSOCIATE,
    "UnknownLink": RelationshipKind.LINKED_TO,
}
_DATASET_END = re.compile(r"-\d|\.")
_WORDS = re.compile(r"\w+")
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?")


def source_for(path: Path) -> str:
    """``opensanctions-<dataset>``, the dataset from the file name (or its folder's)."""
    dataset = _dataset(path.name)
    if dataset in {"", "entities"}:
        dataset = _dataset(path.parent.name)
    if not dataset:
        raise ParseError(f"{path}: cannot tell the OpenSanctions dataset from the file name")
    return SOURCE_PREFIX + dataset


def sniff(path: Path, head: bytes) -> str | None:
    """``opensanctions-<dataset>`` where the first line is an FtM entity in JSON."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return None
    first, newline, _ = text.partition(b"\n")
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        record = None
    if isinstance(record, dict):
        is_entity = {"id", "schema", "properties"} <= record.keys()
    else:  # a first line longer than the head: judge by its keys
        is_entity = not newline and b'"schema"' in first and b'"properties"' in first
    if not is_entity:
        return None
    try:
        return source_for(path)
    except ParseError:
        return None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read one OpenSanctions dataset from its FtM JSON-lines file(s)."""
    if not files:
        raise ParseError("FtM: no files given")
    sources = {source_for(path) for path in files}
    if len(sources) != 1:
        raise ParseError(f"FtM: files of several datasets in one bundle: {sorted(sources)}")
    source = sources.pop()
    records = [record for path in files for record in _records(path)]
    reader = _Reader(source, records)
    return ParsedList(
        source=source,
        format=FORMAT,
        entities=reader.entities(),
        files=list(files),
        as_of=reader.as_of(),
        warnings=reader.warnings,
    )


def _dataset(name: str) -> str:
    return _DATASET_END.split(name, maxsplit=1)[0].strip().lower()


@dataclass(slots=True)
class _Record:
    """One line: the FtM proxy and OpenSanctions' own keys."""

    path: Path
    line: int
    proxy: EntityProxy
    raw: dict[str, Any]


def _records(path: Path) -> Iterator[_Record]:
    with path.open("rb") as stream:
        empty = True
        for line, raw_line in enumerate(stream, start=1):
            if not raw_line.strip():
                continue
            empty = False
            try:
                raw = orjson.loads(raw_line)
            except orjson.JSONDecodeError as error:
                raise ParseError(
                    f"{path}: line {line}: not a JSON object (a truncated or damaged file, or "
                    f"another format): {error}"
                ) from error
            if not isinstance(raw, dict) or not raw.get("id") or not raw.get("schema"):
                raise ParseError(f"{path}: line {line}: not an FtM entity (no id or schema)")
            try:
                proxy = model.get_proxy(raw, cleaned=True)
            except InvalidData as error:
                raise ParseError(f"{path}: line {line}: invalid FtM entity: {error}") from error
            yield _Record(path, line, proxy, raw)
    if empty:
        raise ParseError(f"{path}: empty file")


class _Reader:
    """Folds sanctions, documents, addresses and relationships into the parties."""

    def __init__(self, source: str, records: list[_Record]) -> None:
        self.source = source
        self.records = records
        self.warnings: list[str] = []
        self.by_id = {r.proxy.id: r for r in records}
        self.parties = [r for r in records if _is_party(r.proxy)]
        self.drafts = {r.proxy.id: self._draft(r) for r in self.parties}
        for record in records:
            self._fold(record)

    def as_of(self) -> str | None:
        stamps = [
            str(r.raw.get(key))[:10]
            for r in self.records
            for key in ("last_seen", "last_change")
            if r.raw.get(key)
        ]
        dates = [s for s in stamps if (d := parse_date(s)) and d.precision == "day"]
        return max(dates) if dates else None

    def entities(self) -> list[Entity]:
        entities = []
        for record in self.parties:
            draft = self.drafts[record.proxy.id]
            if not draft.names:
                self.warnings.append(
                    f"{record.path}: line {record.line}: {record.proxy.schema.name} "
                    f"{record.proxy.id} has no name: skipped"
                )
                continue
            if not draft.listed:
                first_seen = parse_date(str(record.raw.get("first_seen") or "")[:10] or None)
                draft.add_listed(first_seen.value if first_seen else None)
            draft.identifiers[:] = _unique_identifiers(draft.identifiers)
            entities.append(draft.build())
        return entities

    def _id(self, ftm_id: str) -> str:
        return f"{self.source}:{ftm_id}"

    def _fold(self, record: _Record) -> None:
        proxy = record.proxy
        schema = proxy.schema
        if schema.is_a("Sanction"):
            for target in proxy.get("entity"):
                if draft := self.drafts.get(target):
                    draft.add_programs(*(proxy.get("programId") or proxy.get("program")))
                    draft.add_listed(*_dates(proxy.get("listingDate") + proxy.get("startDate")))
                    draft.add_property("sanction_authority", *proxy.get("authority"))
        elif schema.is_a("Identification"):
            kind = IdType.PASSPORT if schema.is_a("Passport") else IdType.NATIONAL_ID
            for holder in proxy.get("holder"):
                if draft := self.drafts.get(holder):
                    country, note = proxy.first("country"), proxy.first("type")
                    for number in proxy.get("number"):
                        draft.add_identifiers(Identifier(kind, number, country, schema.name, note))
        elif schema.is_a("CryptoWallet"):
            for holder in proxy.get("holder"):
                if draft := self.drafts.get(holder):
                    currency = proxy.first("currency")
                    for key in proxy.get("publicKey"):
                        draft.add_identifiers(
                            Identifier(IdType.CRYPTO_WALLET, key, None, schema.name, currency)
                        )
        elif schema.edge and schema.edge_source and schema.edge_target:
            self._fold_edge(proxy)

    def _fold_edge(self, proxy: EntityProxy) -> None:
        schema = proxy.schema
        kind = _RELATIONSHIPS.get(schema.name, RelationshipKind.OTHER)
        role = proxy.first("role", quiet=True) or proxy.first("relationship", quiet=True)
        if role is None and kind is RelationshipKind.OTHER:
            role = schema.name
        percentage = _percentage(proxy.first("percentage", quiet=True))
        for subject in proxy.get(schema.edge_source):
            for obj in proxy.get(schema.edge_target):
                for this, other, incoming in ((subject, obj, False), (obj, subject, True)):
                    if (draft := self.drafts.get(this)) is None:
                        continue
                    other_record = self.by_id.get(other)
                    draft.add_relationships(
                        Relationship(
                            kind,
                            target_id=self._id(other),
                            target_name=_caption(other_record) if other_record else None,
                            role=role,
                            percentage=percentage,
                            incoming=incoming,
                            source_id=proxy.id,
                        )
                    )

    def _draft(self, record: _Record) -> EntityDraft:
        """A party's draft holding what its own record says; the other records add to it."""
        proxy = record.proxy
        schema = _schema(proxy)
        draft = EntityDraft(id=self._id(proxy.id), source=self.source, schema=schema)
        draft.add_names(*_names(proxy, record.raw.get("caption")))
        draft.add_programs(*_values(proxy, "programId"))
        draft.add_birth_dates(*(parse_date(d) for d in _values(proxy, "birthDate")))
        draft.add_birth_places(*(clean(p) for p in _values(proxy, "birthPlace")))
        draft.add_nationalities(*(country_code(c) for c in _values(proxy, "nationality")))
        draft.add_citizenships(*(country_code(c) for c in _values(proxy, "citizenship")))
        draft.add_countries(
            *(country_code(c) for p in _COUNTRY_PROPERTIES for c in _values(proxy, p))
        )
        draft.add_addresses(*self._addresses(proxy))
        for gender in _values(proxy, "gender"):
            draft.add_gender(gender)
        draft.add_identifiers(*_identifiers(proxy, schema))
        draft.add_listed(*_dates(_values(proxy, "createdAt")))
        draft.add_remarks(*(clean(t) for p in _REMARK_PROPERTIES for t in _values(proxy, p)))
        draft.properties.extend(_properties(proxy, record.raw))
        return draft

    def _addresses(self, proxy: EntityProxy) -> list[Address | None]:
        structured = []
        for address_id in proxy.get("addressEntity"):
            record = self.by_id.get(address_id)
            if record is not None and record.proxy.schema.is_a("Address"):
                structured.append(_address(record.proxy))
        known = {a.full for a in structured if a}
        return structured + [Address(full=t) for t in _values(proxy, "address") if t not in known]


def _dates(texts: list[str]) -> list[str]:
    """The readable dates among ``texts``, as ISO prefixes."""
    return [d.value for text in texts if (d := parse_date(text))]


def _caption(record: _Record) -> str:
    """OpenSanctions' display name for a record, else FtM's."""
    return str(record.raw.get("caption") or record.proxy.caption)


def _is_party(proxy: EntityProxy) -> bool:
    return proxy.schema.is_a("Thing") and not proxy.schema.is_a("Address")


def _schema(proxy: EntityProxy) -> Schema:
    for name, schema in _SCHEMAS.items():
        if proxy.schema.is_a(name):
            return schema
    return Schema.UNKNOWN


def _values(proxy: EntityProxy, prop: str) -> list[str]:
    """A property's values, or none where the schema lacks it."""
    return proxy.get(prop, quiet=True)


def _names(proxy: EntityProxy, caption: str | None) -> tuple[Name, ...]:
    names = _values(proxy, "name")
    primary = caption if caption in names else (names[0] if names else None)
    found: dict[str, Name] = {}
    if primary:
        found[primary] = _name(proxy, primary, NameKind.PRIMARY, "name")
    for prop, kind in _NAME_PROPERTIES:
        for full in _values(proxy, prop):
            if full not in found:
                found[full] = _name(proxy, full, kind, prop)
    if not found and caption and caption != proxy.schema.label:
        found[caption] = _name(proxy, caption, NameKind.PRIMARY, "caption")
    return tuple(found.values())


def _name(proxy: EntityProxy, full: str, kind: NameKind, prop: str) -> Name:
    words = _WORDS.findall(full.casefold())
    parts = {}
    if proxy.schema.is_a("Person"):
        for ftm_prop, field_name in _NAME_PARTS:
            fitting = [v for v in _values(proxy, ftm_prop) if _has_words(words, v)]
            if fitting:
                parts[field_name] = min(fitting, key=lambda v: (v not in full, len(v), v))
    return Name(full=full, kind=kind, script=script_of(full), qualifier=prop, **parts)


def _has_words(words: list[str], value: str) -> bool:
    """True where the value's words occur in order, side by side, in ``words``."""
    wanted = _WORDS.findall(value.casefold())
    size = len(wanted)
    return bool(size) and any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def _identifiers(proxy: EntityProxy, schema: Schema) -> list[Identifier]:
    identifiers = []
    for prop, (kind, country) in _IDENTIFIERS.items():
        if prop == "registrationNumber" and schema is Schema.AIRCRAFT:
            kind = IdType.AIRCRAFT_TAIL
        identifiers.extend(Identifier(kind, v, country, prop) for v in _values(proxy, prop))
    id_kind = IdType.NATIONAL_ID if schema is Schema.PERSON else IdType.REGISTRATION
    identifiers.extend(Identifier(id_kind, v, None, "idNumber") for v in _values(proxy, "idNumber"))
    return identifiers


def _unique_identifiers(identifiers: list[Identifier]) -> tuple[Identifier, ...]:
    """Each (type, value) once, the first label kept."""
    seen: dict[tuple[IdType, str], Identifier] = {}
    for identifier in identifiers:
        seen.setdefault((identifier.type, identifier.value), identifier)
    return tuple(seen.values())


def _address(proxy: EntityProxy) -> Address | None:
    full = proxy.first("full") or proxy.caption
    if not full:
        return None
    return Address(
        full=full,
        street=proxy.first("street"),
        city=proxy.first("city"),
        region=proxy.first("region"),
        postal_code=proxy.first("postalCode"),
        country=proxy.first("country"),
    )


def _properties(proxy: EntityProxy, raw: dict[str, Any]) -> list[tuple[str, str]]:
    properties = [(p, v) for p in _KEPT_PROPERTIES for v in _values(proxy, p)]
    properties += [("topic", t) for t in _values(proxy, "topics")]
    properties += [("dataset", str(d)) for d in raw.get("datasets") or ()]
    if raw.get("target") is True:
        properties.append(("target", "true"))
    return properties


def _percentage(text: str | None) -> float | None:
    match = _PERCENT.search(text or "")
    return float(match.group(0).replace(",", ".")) if match else None
