"""US Consolidated Screening List, CSV (``consolidated.csv``, plain or gzip-compressed).

The International Trade Administration merges 13 export-screening lists of Commerce (BIS:
Entity List, Denied Persons, Unverified, Military End User), State (ITAR Debarred,
Nonproliferation Sanctions) and Treasury (OFAC SDN, SSI, FSE, PLC, CAPTA, NS-MBS, CMIC) into
one CSV with a header row; one file per version, read transparently whether gzip-compressed
(``.csv.gz``) or not. Recognised by its header: ``_id`` (``id`` in newer layouts),
``source``, ``name``, ``alt_names`` and ``ids``. The file states no date (as-of: None).

Each row is one party on one source list -> an entity ``us-csl:<_id>``. ``_id`` is OFAC's
entity number for Treasury rows and a hash for the others. A party on several Treasury
lists (SDN and SSI, SDN and CAPTA) has one row per list with the same ``_id``, name and
type: those rows are one entity, their values merged (this is the format spreading one
entity over rows, not a duplicate). Rows that share an ``_id`` but differ in name or type
are kept apart, as the file has them, for validation to reject.

- ``name`` -> the primary name; ``alt_names`` (``;``-separated) -> aliases; a person's name in
  OFAC's ``LAST, First`` form gives last and first name parts. The file does not
  mark weak aliases.
- ``type`` ``Individual`` / ``Entity`` / ``Vessel`` / ``Aircraft`` -> Person / Organization /
  Vessel / Aircraft; the BIS and State lists leave it empty -> Unknown.
- ``source`` (``Specially Designated Nationals (SDN) - Treasury Department``) -> a
  ``source_list`` property and its abbreviation (``SDN``, ``EL``, ``DPL``, ``NS-MBS`` ...) as
  a programme; ``programs`` (``;``-separated: ``SDGT``, ``RUSSIA-EO14024``) -> programmes.
- ``addresses`` (``;``-separated, each ``street, city, region, postcode, CC``) -> addresses,
  the trailing two-letter code as the country.
- ``dates_of_birth`` (``;``-separated, ``1957-10-10``, ``1967``, ``circa 1960``) -> birth
  dates; ``places_of_birth`` -> birth places; ``nationalities`` / ``citizenships``
  (``;``-separated codes) -> nationalities / citizenships.
- ``ids`` (``;``-separated, each ``[country, ][expiration date, ][issue date, ]number,
  type``: OFAC's identification records flattened): ``Passport``, ``National ID No.``,
  ``Tax ID No.``, ``Registration Number``, ``SWIFT/BIC``, ``Vessel Registration
  Identification`` (IMO), ``MMSI``, ``Digital Currency Address - XBT``, aircraft serials and
  tail numbers, ``Email Address``, ``Website``, ``Phone Number`` ... -> identifiers of the
  matching IdType with the label kept (unknown labels -> ``other``); ``Gender`` -> gender;
  informational entries (``Secondary sanctions risk:``, ``Organization Established Date``,
  ``Aircraft Model``, ``Target Type``, ``ISIN`` ...) -> properties named after the label.
- ``call_sign`` -> a call-sign identifier; ``vessel_flag`` -> a country and a ``vessel_flag``
  property; ``vessel_type``, ``gross_tonnage``, ``gross_registered_tonnage``,
  ``vessel_owner``, ``title``, ``federal_register_notice``, ``end_date``,
  ``standard_order``, ``license_requirement``, ``license_policy`` -> properties.
- ``start_date`` -> listed_on; ``remarks`` -> remarks, its ``(Linked To: NAME)`` ->
  relationships by name.
- ``entity_number``, ``source_list_url`` and ``source_information_url`` are not kept (the
  number is the ``_id``; the links are the same for every row of a source list).

Errors: an empty file, a damaged or truncated gzip stream, a header without the key
columns, a row cut short and a row without an id or name raise ParseError naming the
file, line and column. Unknown columns are reported as warnings.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Sequence
from pathlib import Path

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
    csv_records,
    filled_rows,
    parse_date,
    slugify,
)

__all__ = ["FORMAT", "parse", "sniff"]

FORMAT = "us-csl"
SOURCE = "us-csl"

_ID_COLUMNS = ("_id", "id")
_REQUIRED = ("source", "name", "type", "alt_names", "ids")
_KNOWN = frozenset(
    {
        *_ID_COLUMNS,
        *_REQUIRED,
        "entity_number",
        "programs",
        "title",
        "addresses",
        "federal_register_notice",
        "start_date",
        "end_date",
        "standard_order",
        "license_requirement",
        "license_policy",
        "call_sign",
        "vessel_type",
        "gross_tonnage",
        "gross_registered_tonnage",
        "vessel_flag",
        "vessel_owner",
        "remarks",
        "source_list_url",
        "citizenships",
        "dates_of_birth",
        "nationalities",
        "places_of_birth",
        "source_information_url",
    }
)
_PROPERTY_COLUMNS = (
    "title",
    "federal_register_notice",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
)
_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "": Schema.UNKNOWN,
}
_SOURCE_ABBREVIATION = re.compile(r"\(([^()]+)\)")
_LINKED_TO = re.compile(r"\(Linked To: ")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")

# OFAC identification labels, by IdType; a label not listed here and not informational
# (below) becomes IdType.OTHER.
_ID_LABELS: dict[IdType, tuple[str, ...]] = {
    IdType.PASSPORT: (
        "Passport",
        "Diplomatic Passport",
        "British National Overseas Passport",
        "Stateless Person Passport",
        "Travel Document Number",
        "Seafarer's Identification Document",
    ),
    IdType.NATIONAL_ID: (
        "National ID No.",
        "Cedula No.",
        "C.U.R.P.",
        "D.N.I.",
        "Identification Number",
        "National Foreign ID Number",
        "C.U.I.",
        "C.U.I.P.",
        "Credencial electoral",
        "Electoral Registry No.",
        "Personal ID Card",
        "Citizen's Card Number",
        "Bosnian Personal ID No.",
        "Moroccan Personal ID No.",
        "Kenyan ID No.",
        "Tazkira National ID Card",
        "Turkish Identification Number",
        "UAE Identification",
        "CNP (Personal Numerical Code)",
        "Numero de Identidad",
        "SSN",
        "I.F.E.",
        "Birth Certificate Number",
        "Driver's License No.",
        "Residency Number",
        "Refugee ID Card",
        "Stateless Person ID Card",
        "Immigration No.",
        "Public Security and Immigration No.",
        "N.I.E.",
        "Romanian Permanent Resident",
        "Cartilla de Servicio Militar Nacional",
        "SRE Permit No.",
        "VisaNumberID",
        "Pilot License Number",
    ),
    IdType.TAX_ID: (
        "Tax ID No.",
        "NIT #",
        "R.F.C.",
        "RFC",
        "RUC #",
        "RIF #",
        "V.A.T. Number",
        "Italian Fiscal Code",
        "Fiscal Code",
        "C.I.F.",
        "C.U.I.T.",
        "US FEIN",
        "RTN",
        "Romanian Tax Registration",
        "Paraguayan tax identification number",
        "Numero Unico de Identificacao Tributaria (NUIT)",
    ),
    IdType.REGISTRATION: (
        "Registration Number",
        "Registration ID",
        "Government Gazette Number",
        "Commercial Registry Number",
        "Company Number",
        "UK Company Number",
        "Business Registration Number",
        "Business Registration Document #",
        "Business Number",
        "Folio Mercantil No.",
        "Matricula Mercantil No",
        "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)",
        "Legal Entity Number",
        "Trade License No.",
        "C.R. No.",
        "Chamber of Commerce Number",
        "Dubai Chamber of Commerce Membership No.",
        "Istanbul Chamber of Comm. No.",
        "Certificate of Incorporation Number",
        "Public Registration Number",
        "Central Registration System Number",
        "Enterprise Number",
        "Registered Charity No.",
        "D-U-N-S Number",
        "License",
        "Tourism License No.",
        "MSB Registration Number",
        "Afghan Money Service Provider License Number",
        "Romanian C.R.",
        "RSIN",
        "LE Number",
        "Branch Unit Number",
        "File Number",
    ),
    IdType.IMO: ("Vessel Registration Identification",),
    IdType.MMSI: ("MMSI",),
    IdType.CALL_SIGN: ("Other Vessel Call Sign",),
    IdType.SWIFT_BIC: ("SWIFT/BIC",),
    IdType.AIRCRAFT_SERIAL: (
        "Aircraft Manufacturer's Serial Number (MSN)",
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        "Aircraft Serial Identification",
        "Serial No.",
    ),
    IdType.AIRCRAFT_TAIL: ("Aircraft Tail Number", "Previous Aircraft Tail Number"),
    IdType.EMAIL: ("Email Address",),
    IdType.WEBSITE: ("Website",),
    IdType.PHONE: ("Phone Number",),
}
_ID_TYPES = {label.casefold(): kind for kind, labels in _ID_LABELS.items() for label in labels}
# Labels whose value says something about the party but identifies nothing.
_INFO_LABELS = (
    "Additional Sanctions Information -",
    "Secondary sanctions risk:",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
    "Organization Established Date",
    "Organization Type:",
    "Executive Order 13662 Directive Determination -",
    "Executive Order 13846 information:",
    "Executive Order 14024 Directive Information",
    "Executive Order 14024 Directive Information -",
    "CAATSA Section 235 Information:",
    "IFCA Determination -",
    "PEESA Information:",
    "Aircraft Manufacture Date",
    "Aircraft Model",
    "Aircraft Operator",
    "Aircraft Mode S Transponder Code",
    "Target Type",
    "Equity Ticker",
    "ISIN",
    "Issuer Name",
    "MICEX Code",
    "BIK (RU)",
    "Chinese Commercial Code",
    "Former Vessel Flag",
    "Other Vessel Flag",
    "Other Vessel Type",
    "Nationality of Registration",
    "Registration Country",
    "UN/LOCODE",
    "Effective Date (CMIC)",
    "Listing Date (CMIC)",
    "Purchase/Sales For Divestment Date (CMIC)",
)
_INFO_KEYS = {label.casefold(): slugify(label) for label in _INFO_LABELS}
_INFO_PREFIXES = ("listing date (", "effective date (")


def sniff(path: Path, head: bytes) -> str | None:
    """``us-csl`` for a CSL CSV (plain or gzip) whose header has its key columns."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16).decompress(head, 65536)
        except zlib.error:
            return None
    first_line = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    header = {c.strip().lower() for c in next(csv.reader([first_line]), [])}
    has_id = any(c in header for c in _ID_COLUMNS)
    return SOURCE if has_id and set(_REQUIRED) <= header else None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read the Consolidated Screening List from its one CSV (or .csv.gz) file."""
    if len(files) != 1:
        names = ", ".join(str(f) for f in files)
        raise ParseError(f"CSL: expected one consolidated CSV file, got {len(files)}: {names}")
    path = files[0]
    reader = csv.reader(io.StringIO(_read(path), newline=""), strict=True)
    header, id_column = _header(path, reader)
    warnings = [
        f"{path}: line 1: unknown column {name!r} ignored"
        for name in header
        if name not in _KNOWN and name
    ]
    groups: dict[tuple[str, str, str], list[tuple[int, dict[str, str]]]] = {}
    for line, cells in filled_rows(path, csv_records(path, reader), len(header)):
        row = dict(zip(header, cells, strict=True))
        entity_id = clean(row[id_column])
        name = clean(row["name"])
        if entity_id is None:
            raise ParseError(f"{path}: line {line}: field {id_column} is empty")
        if name is None:
            raise ParseError(f"{path}: line {line}: field name is empty")
        key = (entity_id, name, row["type"].strip().lower())
        groups.setdefault(key, []).append((line, row))
    entities = [_entity(path, key, rows, warnings) for key, rows in groups.items()]
    return ParsedList(
        source=SOURCE, format=FORMAT, entities=entities, files=[path], warnings=warnings
    )


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\x1f\x8b"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise ParseError(f"{path}: damaged or truncated gzip file: {error}") from error
    if not raw.strip():
        raise ParseError(f"{path}: empty file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(f"{path}: not UTF-8 text: {error}") from error


def _header(path: Path, reader: csv.Reader) -> tuple[list[str], str]:
    """The header's column names and the id column; ParseError where key columns lack."""
    try:
        header = [c.strip().lower() for c in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise ParseError(f"{path}: line 1: no header row") from error
    missing = [c for c in _REQUIRED if c not in header]
    id_column = next((c for c in _ID_COLUMNS if c in header), None)
    if id_column is None:
        missing.insert(0, "_id")
    if missing:
        raise ParseError(
            f"{path}: line 1: missing column(s) {', '.join(missing)}: not a Consolidated "
            f"Screening List CSV or its layout changed (header: {', '.join(header[:8])} ...)"
        )
    return header, id_column or ""


def _entity(
    path: Path,
    key: tuple[str, str, str],
    rows: list[tuple[int, dict[str, str]]],
    warnings: list[str],
) -> Entity:
    entity_id, name, type_text = key
    line = rows[0][0]
    schema = _SCHEMAS.get(type_text)
    if schema is None:
        warnings.append(f"{path}: line {line}: unknown type {type_text!r}")
        schema = Schema.UNKNOWN
    draft = EntityDraft(id=f"{SOURCE}:{entity_id}", source=SOURCE, schema=schema)
    draft.add_names(_name(name, NameKind.PRIMARY, schema))
    for _, row in rows:
        draft.add_names(
            *(_name(a, NameKind.ALIAS, schema) for a in _split(row["alt_names"]) if a != name)
        )
        source_list = clean(row["source"])
        draft.add_property("source_list", source_list)
        draft.add_programs(*_split(row.get("programs")))
        if source_list:
            draft.add_programs(_abbreviation(source_list))
        draft.add_addresses(*(_address(a) for a in _split(row.get("addresses"))))
        for entry in _split(row["ids"]):
            kind, value = _id_entry(entry)
            if isinstance(value, Identifier):
                draft.add_identifiers(value)
            elif kind == "gender":
                draft.add_gender(value)
            else:
                draft.add_property(kind, value)
        if call_sign := clean(row.get("call_sign")):
            draft.add_identifiers(Identifier(IdType.CALL_SIGN, call_sign, label="call_sign"))
        for column in _PROPERTY_COLUMNS:
            draft.add_property(column, clean(row.get(column)))
        draft.add_countries(country_code(row.get("vessel_flag")))
        draft.add_relationships(
            *(
                Relationship(RelationshipKind.LINKED_TO, target_name=target)
                for target in _linked_to(row.get("remarks") or "")
            )
        )
        draft.add_birth_dates(*(parse_date(d) for d in _split(row.get("dates_of_birth"))))
        draft.add_birth_places(*_split(row.get("places_of_birth")))
        draft.add_nationalities(*(country_code(c) for c in _split(row.get("nationalities"))))
        draft.add_citizenships(*(country_code(c) for c in _split(row.get("citizenships"))))
        if start := parse_date(row.get("start_date")):
            draft.add_listed(start.value)
        draft.add_remarks(clean(row.get("remarks")))
    return draft.build()


def _name(full: str, kind: NameKind, schema: Schema) -> Name:
    """A name; a person's ``LAST, First`` (OFAC's way) gives its last and first names."""
    parts = full.split(", ")
    if schema is Schema.PERSON and len(parts) == 2 and all(parts):
        return Name(full=full, kind=kind, first_name=parts[1], last_name=parts[0])
    return Name(full=full, kind=kind)


def _split(text: str | None) -> list[str]:
    """The items of a ``;``-separated cell, cleaned, empty ones dropped."""
    return [item for item in (clean(part) for part in (text or "").split(";")) if item]


def _abbreviation(source_list: str) -> str:
    """``SDN`` for ``Specially Designated Nationals (SDN) - Treasury Department``."""
    match = _SOURCE_ABBREVIATION.search(source_list)
    if match is None:
        return source_list
    return match.group(1).removesuffix(" List").strip()


def _address(text: str) -> Address:
    last = text.rsplit(",", 1)[-1].strip()
    country = country_code(last) if _COUNTRY_CODE.match(last) else None
    return Address(full=text, country=country)


def _id_entry(entry: str) -> tuple[str, str | Identifier]:
    """One ``ids`` entry -> an Identifier, or (``gender``, value), or a property."""
    if ", " not in entry:
        return "ids", entry
    body, label = entry.rsplit(", ", 1)
    folded = label.casefold()
    if folded == "gender":
        return "gender", body
    if folded in _INFO_KEYS:
        return _INFO_KEYS[folded], body
    if folded.startswith(_INFO_PREFIXES):
        return slugify(folded), body
    parts = body.split(", ")
    country = None
    if len(parts) > 1 and _COUNTRY_CODE.match(parts[0]):
        country = country_code(parts.pop(0))
    dates = []
    while len(parts) > 1 and _ISO_DAY.match(parts[0]):
        dates.append(parts.pop(0))
    number = ", ".join(parts)
    kind = _ID_TYPES.get(folded, IdType.OTHER)
    if kind is IdType.IMO:
        number = number.removeprefix("IMO ").strip()
    elif label.startswith("Digital Currency Address"):
        kind = IdType.CRYPTO_WALLET
    elif label == "Company Number" and number.startswith("IMO "):
        kind, number = IdType.IMO, number.removeprefix("IMO ").strip()
    note = _dates_note(dates)
    return label, Identifier(kind, number, country, label, note)


def _dates_note(dates: list[str]) -> str | None:
    """OFAC's fields come in alphabetical order: expiration date before issue date."""
    if len(dates) == 2:
        return f"issued {dates[1]}, expires {dates[0]}"
    if len(dates) == 1:
        return f"date {dates[0]}"
    return None


def _linked_to(remarks: str) -> list[str]:
    """The names in ``(Linked To: NAME)``, parentheses inside the name kept."""
    targets = []
    for match in _LINKED_TO.finditer(remarks):
        depth, start = 1, match.end()
        for index in range(start, len(remarks)):
            depth += {"(": 1, ")": -1}.get(remarks[index], 0)
            if depth == 0:
                if target := clean(remarks[start:index].rstrip(".")):
                    targets.append(target)
                break
    return targets
