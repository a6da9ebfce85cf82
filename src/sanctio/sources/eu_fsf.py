"""EU Financial Sanctions Files (FSF), XML (``xmlFullSanctionsList_1_1``).

One file, root ``<export xmlns="http://eu.europa.ec/fpi/fsd/export"
generationDate="2026-08-05T16:47:04.449+02:00">`` (its date is the as-of date), recognised
by that root and namespace. Each ``sanctionEntity`` is one entity; the data is in
attributes. Every element may carry ``regulationSummary`` children (ignored):

- ``@logicalId`` -> id ``eu-fsf:<logicalId>``; a record without one is an error.
- ``subjectType/@code``: ``person`` -> Person, ``enterprise`` -> Organization, else Unknown.
- ``nameAlias``: ``@wholeName`` (else ``@firstName @middleName @lastName``) with those parts,
  ``@title``, ``@nameLanguage`` (-> ``lang``, ISO 639-1), ``@gender`` (``M``/``F``) and
  ``@function`` (-> ``position`` property of a person, ``function`` of anything else).
  The EU marks no primary name: the primary is the oldest strong Latin-script name (lowest
  ``@logicalId``), which is the name the entity was first listed under; the others are
  aliases. ``@strong="false"`` -> WEAK, and so is a name whose ``remark`` says ``low
  quality`` (the flag says strong on those); such a quality remark is the name's
  ``qualifier``, any other name remark goes to the entity's remarks.
- ``regulation/@programme`` (``TERR``, ``IRN``) -> programmes; ``@numberTitle`` ->
  ``regulation`` properties. ``@designationDate`` -> listed_on; ``@euReferenceNumber``,
  ``@unitedNationId``, ``@designationDetails`` -> ``eu_reference_number``,
  ``un_reference_number``, ``designation_details`` properties. ``remark`` -> remarks.
- ``citizenship/@countryIso2Code`` (``00`` is unknown) -> citizenships.
- ``birthdate``: ``@birthdate`` (a Gregorian date, also on Hijri records), else
  ``@yearRangeFrom``/``@yearRangeTo``, else ``@year``/``@monthOfYear``/``@dayOfMonth`` of a
  Gregorian record; ``@circa``; the place from ``@place @city @region
  @countryDescription`` (``-`` is empty). A date ``remark`` -> ``date_of_birth`` property.
- ``identification``: ``@identificationTypeCode`` -> IdType (``passport``, ``id``,
  ``regnumber``, ``fiscalcode``, ``swiftbic``, ``imo``, ``ssn``, ``NRN``; the rest Other),
  ``@number`` (else ``@latinNumber``), ``@countryIso2Code``, the description as label; issue
  and validity dates, issuer, name on document, the known-expired/false/lost/revoked and
  diplomatic flags and the remark -> note.
- ``address``: ``@street @poBox @city @zipCode @region @place`` and the country; its
  ``contactInfo`` (``WEB``, ``PHONE``, ``FAX``, ``EMAIL``) -> ``website``/``phone``/``fax``/
  ``email`` properties, its ``remark`` -> ``address_note``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree
from rigour.langs import iso_639_alpha2

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, FuzzyDate, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources._common import (
    EntityDraft,
    ParsedList,
    clean,
    country_code,
    iter_xml,
    join_present,
    parse_date,
    script_of,
    xml_root,
)

__all__ = ["FORMAT", "parse", "sniff"]

FORMAT = "eu-fsf"
SOURCE = "eu-fsf"

_ROOT = "export"
_NAMESPACE = b"http://eu.europa.ec/fpi/fsd/export"
_SCHEMAS = {"person": Schema.PERSON, "enterprise": Schema.ORGANIZATION}
_GENDERS = {"M": "male", "F": "female"}
_ID_TYPES = {
    "passport": IdType.PASSPORT,
    "id": IdType.NATIONAL_ID,
    "ssn": IdType.NATIONAL_ID,
    "nrn": IdType.NATIONAL_ID,
    "regnumber": IdType.REGISTRATION,
    "fiscalcode": IdType.TAX_ID,
    "swiftbic": IdType.SWIFT_BIC,
    "imo": IdType.IMO,
}
_ID_FLAGS = {
    "knownExpired": "known expired",
    "knownFalse": "known false",
    "reportedLost": "reported lost",
    "revokedByIssuer": "revoked by issuer",
    "diplomatic": "diplomatic",
}
_CONTACTS = {"WEB": "website", "PHONE": "phone", "FAX": "fax", "EMAIL": "email"}


def sniff(path: Path, head: bytes) -> str | None:
    """``eu-fsf`` for an XML file with root ``export`` in the FSF namespace."""
    if xml_root(head) == _ROOT and (_NAMESPACE in head or b"<sanctionEntity" in head):
        return SOURCE
    return None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read the EU consolidated list from its one FSF XML file."""
    if len(files) != 1:
        raise ParseError(f"EU FSF list: expected one XML file, got {len(files)}: {list(files)}")
    path = files[0]
    elements = iter_xml(path, root=_ROOT, records={"sanctionEntity"})
    root = next(elements)
    namespace = etree.QName(root).namespace
    tag: Callable[[str], str] = (lambda n: f"{{{namespace}}}{n}") if namespace else str
    generated = parse_date(root.get("generationDate"))
    parsed = ParsedList(
        source=SOURCE,
        format=FORMAT,
        entities=[],
        files=[path],
        as_of=generated.value if generated else None,
    )
    for record in elements:
        where = f"{path}: line {record.sourceline}: sanctionEntity {record.get('logicalId')}"
        parsed.add(_entity(path, record, tag), where)
    if not parsed.entities and not parsed.warnings:
        raise ParseError(f"{path}: no sanctionEntity records in <{_ROOT}>")
    return parsed


def _entity(path: Path, record: etree._Element, tag: Callable[[str], str]) -> Entity | None:
    logical_id = _attr(record, "logicalId")
    if logical_id is None:
        raise ParseError(f"{path}: line {record.sourceline}: sanctionEntity has no logicalId")
    subject = record.find(tag("subjectType"))
    schema = _SCHEMAS.get(subject.get("code", "") if subject is not None else "", Schema.UNKNOWN)
    draft = EntityDraft(id=f"{SOURCE}:{logical_id}", source=SOURCE, schema=schema)
    draft.add_remarks(*(clean(r.text) for r in record.iterfind(tag("remark"))))
    function_key = "position" if schema is Schema.PERSON else "function"
    names = []
    for alias in record.iterfind(tag("nameAlias")):
        name = _name(draft, alias, tag)
        if name is not None:
            names.append((name, alias.get("logicalId")))
        draft.add_gender(_GENDERS.get(alias.get("gender") or ""))
        draft.add_property(function_key, _attr(alias, "function"))
    if not names:
        return None
    draft.add_names(*_with_primary(names))
    for birth in record.iterfind(tag("birthdate")):
        _add_birth_date(draft, birth)
        place = (_attr(birth, a) for a in ("place", "city", "region"))
        draft.add_birth_places(join_present(*place, _country_name(birth)))
        draft.add_property("date_of_birth", _remark(birth, tag))
    for address in record.iterfind(tag("address")):
        draft.add_addresses(_address(address))
        for contact in address.iterfind(tag("contactInfo")):
            key, value = contact.get("key") or "", clean(contact.get("value"))
            draft.add_property(_CONTACTS.get(key, key.lower() or "contact"), value)
        draft.add_property("address_note", _remark(address, tag))
    regulations = list(record.iterfind(tag("regulation")))
    draft.add_property("regulation", *(_attr(r, "numberTitle") for r in regulations))
    for key, attribute in (
        ("eu_reference_number", "euReferenceNumber"),
        ("un_reference_number", "unitedNationId"),
        ("designation_details", "designationDetails"),
    ):
        draft.add_property(key, _attr(record, attribute))
    for document in record.iterfind(tag("identification")):
        _add_identifier(draft, document, tag)
    draft.add_programs(*(_attr(r, "programme") for r in regulations))
    draft.add_citizenships(*(_country(c) for c in record.iterfind(tag("citizenship"))))
    if listed := parse_date(record.get("designationDate")):
        draft.add_listed(listed.value)
    return draft.build()


def _name(draft: EntityDraft, alias: etree._Element, tag: Callable[[str], str]) -> Name | None:
    """One nameAlias as an alias; a remark that is not about quality goes to the remarks."""
    first, middle, last = (_attr(alias, a) for a in ("firstName", "middleName", "lastName"))
    full = _attr(alias, "wholeName") or join_present(first, middle, last, separator=" ")
    if full is None:
        return None
    remark = _remark(alias, tag)
    quality = remark if remark and "quality" in remark.lower() else None
    if remark and quality is None:
        draft.add_remarks(f"{full}: {remark}")
    weak = alias.get("strong") == "false" or "low quality" in (quality or "").lower()
    language = _attr(alias, "nameLanguage")
    return Name(
        full=full,
        kind=NameKind.WEAK if weak else NameKind.ALIAS,
        first_name=first,
        middle_name=middle,
        last_name=last,
        title=_attr(alias, "title"),
        script=script_of(full),
        lang=iso_639_alpha2(language) if language else None,
        qualifier=quality,
    )


def _with_primary(names: list[tuple[Name, str | None]]) -> list[Name]:
    """The names with the oldest strong Latin-script one (lowest logicalId) made primary, first."""

    def age(item: tuple[int, tuple[Name, str | None]]) -> tuple[bool, bool, int, int]:
        order, (name, logical_id) = item
        number = int(logical_id) if logical_id and logical_id.isdigit() else 2**63
        return (name.kind is NameKind.WEAK, name.script is not None, number, order)

    first = min(enumerate(names), key=age)[0]
    primary = dataclasses.replace(names[first][0], kind=NameKind.PRIMARY)
    return [primary] + [name for i, (name, _) in enumerate(names) if i != first]


def _add_birth_date(draft: EntityDraft, birth: etree._Element) -> None:
    circa = birth.get("circa") == "true"
    start, until = _attr(birth, "yearRangeFrom"), _attr(birth, "yearRangeTo")
    gregorian = (birth.get("calendarType") or "GREGORIAN").upper() == "GREGORIAN"
    year = _attr(birth, "year")
    found = parse_date(birth.get("birthdate"))
    if found is None and (start or until):
        found = parse_date(f"{start} to {until}" if start and until else start or until)
    elif found is None and year and gregorian:
        parts = [year, birth.get("monthOfYear"), birth.get("dayOfMonth")]
        found = parse_date("-".join(p for p in parts if p and p != "0"))
    elif found is None and year:
        draft.add_property("date_of_birth", f"{year} ({birth.get('calendarType')} calendar)")
    if found is not None:
        draft.add_birth_dates(FuzzyDate(found.value, until=found.until, circa=circa))


def _add_identifier(
    draft: EntityDraft, document: etree._Element, tag: Callable[[str], str]
) -> None:
    """One identification; one without a number is kept as a ``document`` property."""
    code = _attr(document, "identificationTypeCode") or ""
    label = _attr(document, "identificationTypeDescription") or code or None
    flags = [text for attr, text in _ID_FLAGS.items() if document.get(attr) == "true"]
    note = join_present(
        f"issued {issued}" if (issued := _attr(document, "issueDate")) else None,
        f"valid from {valid}" if (valid := _attr(document, "validFrom")) else None,
        f"valid to {valid}" if (valid := _attr(document, "validTo")) else None,
        f"issued by {issuer}" if (issuer := _attr(document, "issuedBy")) else None,
        f"region {region}" if (region := _attr(document, "region")) else None,
        f"name on document {name}" if (name := _attr(document, "nameOnDocument")) else None,
        *flags,
        _remark(document, tag),
    )
    number = _attr(document, "number") or _attr(document, "latinNumber")
    if number is None:
        draft.add_property("document", join_present(label, note))
        return
    draft.add_identifiers(
        Identifier(
            type=_ID_TYPES.get(code.lower(), IdType.OTHER),
            value=number,
            country=_country(document),
            label=label,
            note=note,
        )
    )


def _address(address: etree._Element) -> Address | None:
    street, city, region, postal, po_box, place = (
        clean((_attr(address, a) or "").strip(" ,;"))
        for a in ("street", "city", "region", "zipCode", "poBox", "place")
    )
    full = join_present(
        street,
        f"P.O. Box {po_box}" if po_box else None,
        city,
        postal,
        region,
        place,
        _country_name(address),
    )
    if full is None:
        return None
    return Address(
        full=full,
        street=street,
        city=city,
        region=region,
        postal_code=postal,
        country=_country(address),
    )


def _country(element: etree._Element) -> str | None:
    code = element.get("countryIso2Code")
    if code and code != "00":
        return country_code(code)
    return country_code(_country_name(element))


def _country_name(element: etree._Element) -> str | None:
    name = _attr(element, "countryDescription")
    return None if name == "UNKNOWN" else name


def _remark(element: etree._Element, tag: Callable[[str], str]) -> str | None:
    return join_present(*(clean(r.text) for r in element.iterfind(tag("remark"))), separator="\n")


def _attr(element: etree._Element, name: str) -> str | None:
    value = clean(element.get(name))
    return None if value == "-" else value
