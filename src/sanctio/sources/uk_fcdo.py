"""FCDO UK Sanctions List, XML (``UK-Sanctions-List.xml``).

Since 28 January 2026 the only official UK list (OFSI's Consolidated List is frozen). One
file, root ``<Designations>``, recognised by that root and a ``Designation``, ``UniqueID`` or
``DateGenerated`` element in its first bytes. ``<DateGenerated>`` (``dd/mm/yyyy``) is the
as-of date. Each ``<Designation>`` is one entity:

- ``UniqueID`` (``AFG0001``) -> id ``uk-fcdo:AFG0001``; a designation without one is an
  error. ``OFSIGroupID`` (only on designations made before 2026) and ``UNReferenceNumber``
  -> ``ofsi_group_id`` and ``un_reference_number`` properties.
- ``IndividualEntityShip``: ``Individual`` -> Person, ``Entity`` -> Organization, ``Ship`` ->
  Vessel, else Unknown.
- ``Names/Name``: ``Name1`` .. ``Name6`` joined in that order (given names first, ``Name6``
  the family name, or an entity's or ship's whole name); the parts of a person's name in
  two or more fields are ``Name1`` (first), ``Name2`` .. ``Name5`` (middle) and ``Name6``
  (last). ``NameType`` ``Primary Name`` -> PRIMARY, ``Primary Name Variation`` and ``Alias``
  -> ALIAS; ``AliasStrength`` ``Low quality a.k.a`` -> WEAK. The qualifier is
  ``AliasStrength``, else the ``NameType`` of a non-primary name.
  ``NonLatinNames/NonLatinName/NameNonLatinScript`` -> aliases with ``original_script``, the
  script found in their letters (the list's own ``NonLatinScriptType`` is the qualifier: it
  is sometimes wrong), ``NonLatinScriptLanguage`` -> ``lang`` (ISO 639-1). A designation
  without any name is skipped with a warning.
- ``RegimeName`` -> programme; ``DateDesignated`` -> listed_on; ``LastUpdated`` ->
  ``last_updated``; ``OtherInformation`` -> remarks; ``UKStatementofReasons`` ->
  ``statement_of_reasons``; ``DesignationSource`` and ``SanctionsImposed`` (both
  ``|``-separated) -> ``designation_source`` and ``sanctions_imposed`` properties (the
  ``SanctionsImposedIndicators`` booleans repeat them and are not read).
- ``Addresses/Address``: ``AddressLine1`` .. ``AddressLine5`` -> street, ``AddressLine6``
  (the last line before the country: a city or a province) -> city, ``AddressPostalCode``,
  ``AddressCountry``. ``PhoneNumbers``, ``EmailAddresses``, ``Websites``, ``Titles`` ->
  ``phone``, ``email``, ``website``, ``title`` properties.
- ``IndividualDetails/Individual``: ``DOBs/DOB`` (``dd/mm/yyyy``; an unknown day or month
  is written ``dd``, ``mm`` or ``00``: ``dd/mm/1945`` is the year 1945; an unreadable one
  is kept as a ``date_of_birth``), ``Nationalities`` (country names; unknown ones kept
  as ``nationality`` properties), ``Genders``, ``Positions`` (-> ``position``),
  ``PassportDetails`` (``PassportNumber``, ``PassportAdditionalInformation`` -> note),
  ``NationalIdentifierDetails`` (same shape; the issuing country is read from the note's
  first words where they name one: ``Afghan national identification card``),
  ``BirthDetails/Location`` (``TownOfBirth``, ``CountryOfBirth``). The export repeats a
  passport once per birth date: identifiers are kept once each.
- ``EntityDetails/Entity``: ``TypeOfEntities`` -> ``entity_type``,
  ``BusinessRegistrationNumbers`` -> registration identifiers (as published, labels and
  all), ``ParentCompanies`` / ``Subsidiaries`` -> ownership relationships by name.
- ``ShipDetails/Ship``: ``IMONumbers`` -> IMO identifiers (the ``IMO`` prefix that most
  carry is dropped), ``HullIdentificationNumbers`` -> other identifiers,
  ``CurrentOwnerOperators`` -> ownership and ``PreviousOwnerOperators`` -> other
  relationships by name, ``CurrentBelievedFlagOfShips`` -> ``flag`` (and countries),
  ``PreviousFlags``, ``TypeOfShip``, ``TonnageOfShip``, ``LengthOfShip``, ``YearBuilt`` ->
  ``previous_flag``, ``vessel_type``, ``tonnage``, ``length``, ``year_built``.
- ``CryptoWalletAddresses/CryptoWalletAddress`` -> crypto wallet identifiers.

The reader is liberal: details are looked for anywhere in the designation, a default
namespace is ignored, and any other element with text (one the schema adds later) is
kept as a property named after it (``CallSign`` -> ``call_sign``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree
from rigour.langs import iso_639_alpha2

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
    iter_xml,
    join_present,
    parse_date,
    script_of,
    xml_root,
    xml_text,
    xml_texts,
)

__all__ = ["FORMAT", "parse", "sniff"]

FORMAT = "uk-fcdo"
SOURCE = "uk-fcdo"

_ROOT = "Designations"
_MARKERS = (b"<Designation>", b"<UniqueID>", b"<DateGenerated>")
_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_NAME_KINDS = {"primary name": NameKind.PRIMARY}
_PLACEHOLDER = re.compile(r"\b(?:dd|mm)\b", re.I)
# "Afghanistan passport number ...", "Afghan national identification card ...": the issuer.
_DOCUMENT_COUNTRY = re.compile(
    r"^([A-Za-z' -]+?)\s+(?:passport|national|identity|identification|id|citizen)\b", re.I
)
_IMO_PREFIX = re.compile(r"^IMO\s*(?=\d)", re.I)
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# (property, path): plain text details kept as properties.
_PROPERTIES = (
    ("ofsi_group_id", "OFSIGroupID"),
    ("un_reference_number", "UNReferenceNumber"),
    ("statement_of_reasons", "UKStatementofReasons"),
    ("title", ".//Titles/Title"),
    ("position", ".//Positions/Position"),
    ("phone", ".//PhoneNumbers/PhoneNumber"),
    ("email", ".//EmailAddresses/EmailAddress"),
    ("website", ".//Websites/Website"),
    ("entity_type", ".//TypeOfEntities/TypeOfEntity"),
    ("flag", ".//CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip"),
    ("previous_flag", ".//PreviousFlags/PreviousFlag"),
    ("vessel_type", ".//TypeOfShipDetails/TypeOfShip"),
    ("tonnage", ".//TonnageOfShipDetails/TonnageOfShip"),
    ("length", ".//LengthOfShipDetails/LengthOfShip"),
    ("year_built", ".//YearsBuilt/YearBuilt"),
)
# (type, label, path to the document elements, number element, note element)
_DOCUMENTS = (
    (IdType.PASSPORT, "Passport", ".//PassportDetails/*", "PassportNumber",
     "PassportAdditionalInformation"),
    (IdType.NATIONAL_ID, "National identifier", ".//NationalIdentifierDetails/*",
     "NationalIdentifierNumber", "NationalIdentifierAdditionalInformation"),
)  # fmt: skip
# (type, label, path): identifiers published as plain text.
_NUMBERS = (
    (IdType.REGISTRATION, "Business registration number", ".//BusinessRegistrationNumber"),
    (IdType.IMO, "IMO number", ".//IMONumbers/IMONumber"),
    (IdType.OTHER, "Hull identification number", ".//HullIdentificationNumber"),
    (IdType.CRYPTO_WALLET, "Crypto wallet address", ".//CryptoWalletAddress"),
)
# (kind, role, incoming, path): parties named in the designation.
_RELATIONSHIPS = (
    (RelationshipKind.OWNERSHIP, "parent company", True, ".//ParentCompanies/ParentCompany"),
    (RelationshipKind.OWNERSHIP, "subsidiary", False, ".//Subsidiaries/Subsidiary"),
    (RelationshipKind.OWNERSHIP, "current owner/operator", True,
     ".//CurrentOwnerOperators/CurrentOwnerOperator"),
    (RelationshipKind.OTHER, "previous owner/operator", True,
     ".//PreviousOwnerOperators/PreviousOwnerOperator"),
)  # fmt: skip
# Every element read above or below; any other element with text becomes a property.
_KNOWN = {
    "Designation", "LastUpdated", "DateDesignated", "UniqueID", "OFSIGroupID",
    "UNReferenceNumber", "Names", "Name", "NameType", "AliasStrength", "NonLatinNames",
    "NonLatinName", "NameNonLatinScript", "NonLatinScriptType", "NonLatinScriptLanguage",
    "Titles", "Title", "RegimeName", "IndividualEntityShip", "DesignationSource",
    "SanctionsImposed", "SanctionsImposedIndicators", "OtherInformation",
    "UKStatementofReasons", "Addresses", "Address", "AddressPostalCode", "AddressCountry",
    "PhoneNumbers", "PhoneNumber", "EmailAddresses", "EmailAddress", "Websites", "Website",
    "IndividualDetails", "Individual", "DOBs", "DOB", "Nationalities", "Nationality",
    "Genders", "Gender", "Positions", "Position", "PassportDetails", "PassportNumber",
    "PassportAdditionalInformation", "NationalIdentifierDetails", "NationalIdentifierNumber",
    "NationalIdentifierAdditionalInformation", "BirthDetails", "Location", "TownOfBirth",
    "CountryOfBirth", "EntityDetails", "Entity", "TypeOfEntities", "TypeOfEntity",
    "BusinessRegistrationNumbers", "BusinessRegistrationNumber", "ParentCompanies",
    "ParentCompany", "Subsidiaries", "Subsidiary", "ShipDetails", "Ship", "IMONumbers",
    "IMONumber", "CurrentOwnerOperators", "CurrentOwnerOperator", "PreviousOwnerOperators",
    "PreviousOwnerOperator", "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip",
    "PreviousFlags", "PreviousFlag", "TypeOfShipDetails", "TypeOfShip",
    "TonnageOfShipDetails", "TonnageOfShip", "LengthOfShipDetails", "LengthOfShip",
    "YearsBuilt", "YearBuilt", "HullIdentificationNumbers", "HullIdentificationNumber",
    "CryptoWalletAddresses", "CryptoWalletAddress",
    *(f"Name{i}" for i in range(1, 7)), *(f"AddressLine{i}" for i in range(1, 7)),
}  # fmt: skip


def sniff(path: Path, head: bytes) -> str | None:
    """``uk-fcdo`` for an XML file with root ``Designations`` holding FCDO designations."""
    if xml_root(head) == _ROOT and any(marker in head for marker in _MARKERS):
        return SOURCE
    return None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read the UK Sanctions List from its one XML file."""
    if len(files) != 1:
        raise ParseError(f"UK Sanctions List: expected one XML file, got {len(files)}: {files}")
    path = files[0]
    parsed = ParsedList(source=SOURCE, format=FORMAT, entities=[], files=[path])
    elements = iter_xml(path, root=_ROOT, records={"Designation", "DateGenerated"})
    namespaced = etree.QName(next(elements)).namespace is not None
    for element in elements:
        if namespaced:
            for child in element.iter(tag=etree.Element):
                child.tag = etree.QName(child).localname
        if element.tag == "DateGenerated":
            generated = parse_date(element.text)
            parsed.as_of = generated.value if generated else None
            continue
        where = f"{path}: line {element.sourceline}: designation {xml_text(element, 'UniqueID')}"
        parsed.add(_entity(path, element), where)
    if not parsed.entities and not parsed.warnings:
        raise ParseError(f"{path}: no Designation records in <{_ROOT}>")
    return parsed


def _entity(path: Path, designation: etree._Element) -> Entity | None:
    unique_id = xml_text(designation, "UniqueID")
    if unique_id is None:
        raise ParseError(f"{path}: line {designation.sourceline}: Designation has no UniqueID")
    kind = (xml_text(designation, "IndividualEntityShip") or "").lower()
    schema = _SCHEMAS.get(kind, Schema.UNKNOWN)
    draft = EntityDraft(id=f"{SOURCE}:{unique_id}", source=SOURCE, schema=schema)
    draft.add_names(*(_name(name, schema) for name in designation.iterfind(".//Names/Name")))
    draft.add_names(*map(_non_latin_name, designation.iterfind(".//NonLatinNames/NonLatinName")))
    if not draft.names:
        return None
    for key, path_ in _PROPERTIES:
        draft.add_property(key, *xml_texts(designation, path_))
    for key, tag in (
        ("designation_source", "DesignationSource"),
        ("sanctions_imposed", "SanctionsImposed"),
    ):
        for listed in xml_texts(designation, tag):
            draft.add_property(key, *map(clean, listed.split("|")))
    if updated := parse_date(xml_text(designation, "LastUpdated")):
        draft.add_property("last_updated", updated.value)
    for text in xml_texts(designation, ".//DOBs/DOB"):
        found = parse_date(_PLACEHOLDER.sub("00", text))
        draft.add_birth_dates(found)
        if found is None:
            draft.add_property("date_of_birth", text)
    for text in xml_texts(designation, ".//Nationalities/Nationality"):
        code = country_code(text)
        draft.add_nationalities(code)
        if code is None:
            draft.add_property("nationality", text)
    for gender in xml_texts(designation, ".//Genders/Gender"):
        draft.add_gender(gender)
    _add_identifiers(draft, designation)
    draft.add_programs(*xml_texts(designation, "RegimeName"))
    draft.add_birth_places(
        *(
            join_present(xml_text(place, "TownOfBirth"), xml_text(place, "CountryOfBirth"))
            for place in designation.iterfind(".//BirthDetails/Location")
        )
    )
    draft.add_countries(
        *(country_code(v) for v in xml_texts(designation, ".//CurrentBelievedFlagOfShip"))
    )
    draft.add_addresses(*map(_address, designation.iterfind(".//Addresses/Address")))
    if listed := parse_date(xml_text(designation, "DateDesignated")):
        draft.add_listed(listed.value)
    draft.add_remarks(xml_text(designation, "OtherInformation"))
    draft.add_relationships(
        *(
            Relationship(kind=rel, target_name=name, role=role, incoming=incoming)
            for rel, role, incoming, path_ in _RELATIONSHIPS
            for name in xml_texts(designation, path_)
        )
    )
    draft.properties.extend(_unknown_elements(designation))
    return draft.build()


def _name(name: etree._Element, schema: Schema) -> Name | None:
    parts = [xml_text(name, f"Name{i}") for i in range(1, 7)]
    full = join_present(*parts, separator=" ")
    if full is None:
        return None
    name_type = xml_text(name, "NameType")
    strength = xml_text(name, "AliasStrength")
    kind = _NAME_KINDS.get((name_type or "").lower(), NameKind.ALIAS)
    if kind is not NameKind.PRIMARY and "low" in (strength or "").lower():
        kind = NameKind.WEAK
    person = schema is Schema.PERSON and sum(1 for part in parts if part) > 1
    return Name(
        full=full,
        kind=kind,
        first_name=parts[0] if person else None,
        middle_name=join_present(*parts[1:5], separator=" ") if person else None,
        last_name=parts[5] if person else None,
        script=script_of(full),
        qualifier=strength or (name_type if kind is not NameKind.PRIMARY else None),
    )


def _non_latin_name(name: etree._Element) -> Name | None:
    full = xml_text(name, "NameNonLatinScript")
    if full is None:
        return None
    language = xml_text(name, "NonLatinScriptLanguage")
    return Name(
        full=full,
        kind=NameKind.ALIAS,
        script=script_of(full),
        lang=iso_639_alpha2(language) if language else None,
        original_script=True,
        qualifier=xml_text(name, "NonLatinScriptType"),
    )


def _address(address: etree._Element) -> Address | None:
    lines = [xml_text(address, f"AddressLine{i}") for i in range(1, 7)]
    postal, country = xml_text(address, "AddressPostalCode"), xml_text(address, "AddressCountry")
    full = join_present(*lines, postal, country)
    if full is None:
        return None
    return Address(
        full=full,
        street=join_present(*lines[:5]),
        city=lines[5],
        postal_code=postal,
        country=country_code(country),
    )


def _add_identifiers(draft: EntityDraft, designation: etree._Element) -> None:
    """Documents and numbers; a document with a note and no number is kept as a property."""
    for id_type, label, path, number_tag, note_tag in _DOCUMENTS:
        for document in designation.iterfind(path):
            number, note = xml_text(document, number_tag), xml_text(document, note_tag)
            if number:
                country = _DOCUMENT_COUNTRY.match(note or "")
                draft.add_identifiers(
                    Identifier(
                        type=id_type,
                        value=number,
                        country=country_code(country.group(1)) if country else None,
                        label=label,
                        note=note,
                    )
                )
            elif note:
                draft.add_property("document", f"{label}: {note}")
    for id_type, label, path in _NUMBERS:
        for value in xml_texts(designation, path):
            if id_type is IdType.IMO:
                value = _IMO_PREFIX.sub("", value)
            draft.add_identifiers(Identifier(type=id_type, value=value, label=label))


def _unknown_elements(designation: etree._Element) -> list[tuple[str, str]]:
    """Elements with text that this reader does not know, as (snake_case name, text)."""
    found = []
    for element in designation.iter(tag=etree.Element):
        parent = element.getparent()
        if element.tag in _KNOWN or parent.tag == "SanctionsImposedIndicators":
            continue
        if len(element) == 0 and (text := clean(element.text)):
            found.append((_WORD_START.sub("_", element.tag).lower(), text))
    return found
