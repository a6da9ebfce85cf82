"""UK OFSI Consolidated List of Financial Sanctions Targets (``ConList.csv``, ``ConList.xlsx``).

HM Treasury's Office of Financial Sanctions Implementation published the list until
28 January 2026 (the FCDO's UK Sanctions List replaces it; see ``uk_fcdo``). One file per
version, in one of three forms, all read by column name:

- ``ConList.csv``, older layout (to about 2020): Windows-1252, first line
  ``Last Updated,23/03/2016`` (the as-of date), then the header ``Name 6,Name 1,...,Name 5,
  Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Details,NI Number,Position,
  Address 1..6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,
  Listed On,Last Updated,Group ID``.
- ``ConList.csv``, newer layout (about 2021 to 2026): UTF-8, the same first line, and the
  header adds ``Name Non-Latin Script``, ``Non-Latin Script Type``, ``Non-Latin Script
  Language``, ``Passport Number`` (beside ``Passport Details``), ``National Identification
  Number`` / ``National Identification Details`` (for ``NI Number``), ``Alias Quality`` and
  ``UK Sanctions List Date Designated``.
- ``ConList.xlsx``: one sheet with the newer layout's rows, its first row
  ``Last Updated | 10/04/2025`` (the as-of date).

Recognised by content: a header row with the columns ``Name 6``, ``Group Type``, ``Alias
Type`` and ``Group ID`` (the FCDO list has ``OFSI Group ID`` and ``Name type`` instead); for
the spreadsheet, those strings in its first shared strings or first sheet rows.

The file has one row per NAME, and more: a target with 3 names, 4 birth dates and 2
addresses has 24 rows. Rows are grouped by ``Group ID`` into one entity ``uk-ofsi:<Group
ID>``, and every value is kept once:

- ``Name 1`` .. ``Name 5`` (given names) and ``Name 6`` (family name, or an entity's or
  ship's whole name) -> a name ``Name 1 .. Name 5 Name 6``; for a person, first name
  ``Name 1``, middle name ``Name 2 .. Name 5``, last name ``Name 6``. ``Title`` -> the
  name's title.
- ``Alias Type`` ``Primary name`` (older: ``Prime Alias``) -> PRIMARY; ``AKA``, ``FKA`` and
  ``Primary name variation`` -> ALIAS, or WEAK where ``Alias Quality`` is ``Low quality``.
  The type and quality are the ``qualifier`` (``AKA, Good quality``). A few targets have two
  primary names (one per regime) or none: kept as the file has them, primary names first.
- ``Name Non-Latin Script`` -> a further name (ALIAS, or the row's kind where weaker) with
  ``original_script``, its script found in its letters (else from ``Non-Latin Script
  Type``) and ``Non-Latin Script Language`` as an ISO 639-1 ``lang``.
- ``DOB`` ``dd/mm/yyyy`` with ``00`` for an unknown day or month, ``mm/yyyy`` or ``yyyy`` ->
  birth dates at day, month or year precision; unreadable ones -> ``date_of_birth``
  properties. ``Town of Birth`` / ``Country of Birth`` -> birth places (numbered lists
  ``(1) .. (2) ..`` are split and paired town with country).
- ``Nationality`` (numbered lists of countries or adjectives) -> nationalities; texts that
  name no country -> ``nationality`` properties.
- ``Passport Number`` + ``Passport Details`` -> passports, ``National Identification
  Number`` + ``Details`` -> national ids (numbered lists paired item by item, the details as
  the note, the issuing country where the details start with it). The older free-text
  ``Passport Details`` / ``NI Number``: each numbered item's first token holding a digit is
  the number, the item the note.
- ``Address 1`` .. ``Address 6``, ``Post/Zip Code``, ``Country`` -> an address (``full``
  joins them; ``postal_code``, ``country``). The file's address lines are not consistently
  street, town or region, so no other parts are set.
- ``Other Information`` -> remarks. The newer layout writes labelled values in it, read too:
  ``(UK Sanctions List Ref)`` and ``(UN Ref)`` -> properties ``uk_sanctions_list_ref`` and
  ``un_ref``; ``(Gender)`` -> gender; ``(IMO number)`` -> IMO; ``(Business Reg No)`` ->
  registration; ``(Phone number)``, ``(Email address)``, ``(Website)`` -> phone, email and
  website identifiers; ``(Flag of ship)`` -> a country and a ``flag`` property;
  ``(Type of entity)``, ``(Parent company)``, ``(Subsidiaries)``, ``(Current owners)``,
  ``(Previous flags)``, ``(Type of ship)``, ``(Tonnage of ship)``, ``(Length of ship)``,
  ``(Year built)``, ``(Fax)`` -> properties of those names in snake case.
- ``Group Type`` ``Individual`` / ``Entity`` / ``Ship`` -> Person / Organization / Vessel.
- ``Regime`` -> programmes (a target listed under several regimes has several).
- ``Listed On`` -> listed_on (the earliest); ``UK Sanctions List Date Designated`` ->
  ``uk_date_designated``; ``Position`` -> ``position``; the latest row ``Last Updated`` ->
  ``last_updated`` properties.

Errors: an empty file, a header without the key columns, a row cut short (a truncated
file), a damaged spreadsheet and a row without ``Group ID`` raise ParseError naming the
file, line (sheet row) and column. Columns the parser does not know are reported as
warnings. A folder holds one OFSI file: the CSV and the spreadsheet of one date are the same
list, so two files in one bundle are an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from rigour.langs import iso_639_alpha2

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources._common import (
    EntityDraft,
    ParsedList,
    clean,
    country_code,
    csv_records,
    filled_rows,
    parse_date,
    read_text,
    script_of,
    unique,
)

__all__ = ["FORMAT", "parse", "sniff"]

FORMAT = "uk-ofsi"
SOURCE = "uk-ofsi"

_NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_ADDRESS_LINES = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")
_REQUIRED = ("Name 6", "Group Type", "Alias Type", "Regime", "Group ID")
_KNOWN = (
    "Name 6",
    *_NAME_PARTS,
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "NI Number",
    "National Identification Number",
    "National Identification Details",
    "Position",
    *_ADDRESS_LINES,
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "UK Sanctions List Date Designated",
    "Last Updated",
    "Group ID",
)
_CANONICAL = {c.casefold(): c for c in _KNOWN}

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_PRIMARY = {"primary name", "prime alias"}
_SCRIPT_TYPES = {
    "arabic": "Arab",
    "burmese": "Mymr",
    "chinese": "Hani",
    "cyrillic": "Cyrl",
    "cryillic": "Cyrl",
    "cyrilic": "Cyrl",
    "georgian": "Geor",
    "greek": "Grek",
    "hangul": "Hang",
    "hebrew": "Hebr",
    "thai": "Thai",
}
_XLSX_MARKERS = (b">Name 6<", b">Group ID<", b">Alias Type<", b">Group Type<")

# Labelled values inside "Other Information" (newer layout): identifiers by label ...
_INFO_IDS = {
    "imo number": IdType.IMO,
    "business reg no": IdType.REGISTRATION,
    "phone number": IdType.PHONE,
    "email address": IdType.EMAIL,
    "website": IdType.WEBSITE,
}
# ... and properties by label; "(Gender)" sets the gender.
_INFO_PROPERTIES = {
    "uk sanctions list ref": "uk_sanctions_list_ref",
    "un ref": "un_ref",
    "type of entity": "type_of_entity",
    "parent company": "parent_company",
    "subsidiaries": "subsidiaries",
    "current owners": "current_owners",
    "flag of ship": "flag",
    "previous flags": "previous_flags",
    "type of ship": "type_of_ship",
    "tonnage of ship": "tonnage_of_ship",
    "length of ship": "length_of_ship",
    "year built": "year_built",
    "fax": "fax",
}
_INFO_LABEL = re.compile(r"\(([A-Za-z][A-Za-z /]{1,30})\):")
# Numbered lists: "(1) a (2) b", "1) a 2) b", "a) x, b) y"; "(1)-(2) x" names one item twice.
_ITEM_MARK = re.compile(r"(?<![^\s,;])\(?(?:\d{1,2}|[a-h])\)(?:\s*-\s*\(?(?:\d{1,2}|[a-h])\))?")
_HAS_DIGIT_TOKEN = re.compile(r"[A-Za-z0-9][\w./-]*\d[\w./-]*")
_DETAILS_COUNTRY = re.compile(r"^([A-Za-z][A-Za-z .'()-]+?)\s+(?:number|passport|national|id)\b")
_LIST_SEPARATOR = re.compile(r"[.,;]\s+")
_AFTER_NUMBER_COUNTRY = re.compile(r"^\S+\s+\(([A-Za-z ]+)\)")


def sniff(path: Path, head: bytes) -> str | None:
    """``uk-ofsi`` for a ConList.csv or ConList.xlsx, judged by its header columns."""
    if head.startswith(b"PK\x03\x04"):
        return SOURCE if _xlsx_has_markers(path) else None
    text = head.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()[:2]
    for line in lines:
        header = {_norm(c) for c in next(csv.reader([line]), [])}
        if {_norm(c) for c in _REQUIRED} <= header:
            return SOURCE
    return None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read one version of the OFSI Consolidated List from its one CSV or XLSX file."""
    if len(files) != 1:
        names = ", ".join(str(f) for f in files)
        raise ParseError(f"OFSI list: expected one ConList file, got {len(files)}: {names}")
    path = files[0]
    table = _read_xlsx(path) if _is_zip(path) else _read_csv(path)
    columns = _check_header(path, table.header_line, table.header)
    warnings = [
        f"{path}: line {table.header_line}: unknown column {name!r} ignored"
        for name in table.header
        if _norm(name) not in _CANONICAL and name.strip()
    ]
    groups: dict[str, list[_Row]] = {}
    for line, cells in filled_rows(path, table.rows, len(table.header)):
        row = _Row(line, {canon: cells[i] for i, canon in columns.items()})
        group_id = row.get("Group ID")
        if group_id is None:
            raise ParseError(f"{path}: line {line}: field Group ID is empty")
        groups.setdefault(group_id, []).append(row)
    entities = [_entity(path, group_id, rows, warnings) for group_id, rows in groups.items()]
    return ParsedList(
        source=SOURCE,
        format=FORMAT,
        entities=entities,
        files=[path],
        as_of=table.as_of,
        warnings=warnings,
    )


@dataclass(slots=True)
class _Table:
    header_line: int
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    as_of: str | None = None


@dataclass(slots=True)
class _Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        return clean(self.cells.get(column))


def _norm(column: str) -> str:
    return " ".join(column.split()).casefold()


def _is_zip(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == b"PK\x03\x04"


def _xlsx_has_markers(path: Path) -> bool:
    """True where the workbook's first shared strings or first sheet hold the header."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            parts = [n for n in names if n == "xl/sharedStrings.xml"]
            parts += sorted(n for n in names if n.startswith("xl/worksheets/sheet"))[:1]
            head = b"".join(archive.open(n).read(65536) for n in parts)
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return False
    return all(marker in head for marker in _XLSX_MARKERS)


def _read_csv(path: Path) -> _Table:
    text = read_text(path)
    if not text.strip():
        raise ParseError(f"{path}: empty file")
    stream = csv_records(path, csv.reader(io.StringIO(text, newline=""), strict=True))
    as_of = None
    for line, cells in stream:
        if not any(c.strip() for c in cells):
            continue
        if _norm(cells[0]) == "last updated" and len([c for c in cells if c.strip()]) <= 2:
            as_of = _as_of(path, line, cells[1] if len(cells) > 1 else "")
            continue
        return _Table(line, cells, stream, as_of)
    raise ParseError(f"{path}: no header row: not an OFSI ConList file")


def _read_xlsx(path: Path) -> _Table:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        raw_rows = [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        workbook.close()
    except Exception as error:  # zipfile, XML and openpyxl errors: a damaged workbook
        message = f"{path}: cannot read the spreadsheet (damaged or truncated): {error}"
        raise ParseError(message) from error
    as_of = None
    for index, (number, cells) in enumerate(raw_rows):
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        if _norm(cells[0]) == "last updated" and len(filled) <= 2:
            as_of = _as_of(path, number, cells[1] if len(cells) > 1 else "")
            continue
        width = max(i + 1 for i, c in enumerate(cells) if c.strip())
        header = cells[:width]
        body = ((n, _fit(c, width)) for n, c in raw_rows[index + 1 :])
        return _Table(number, header, body, as_of)
    raise ParseError(f"{path}: empty spreadsheet")


def _fit(cells: list[str], width: int) -> list[str]:
    """A sheet row at the header's width (trailing empty cells are not stored)."""
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        return cells[:width]
    return cells + [""] * (width - len(cells)) if len(cells) < width else cells


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_of(path: Path, line: int, text: str) -> str:
    date = parse_date(text)
    if date is None or date.precision != "day":
        raise ParseError(f"{path}: line {line}: Last Updated {text!r} is not a date")
    return date.value


def _check_header(path: Path, line: int, header: list[str]) -> dict[int, str]:
    """Column positions -> canonical names; ParseError where a key column is missing."""
    found = {i: _CANONICAL[_norm(c)] for i, c in enumerate(header) if _norm(c) in _CANONICAL}
    missing = [c for c in _REQUIRED if c not in found.values()]
    if missing:
        raise ParseError(
            f"{path}: line {line}: missing column(s) {', '.join(missing)}: not an OFSI "
            f"ConList file or its layout changed (header: {', '.join(header[:8])} ...)"
        )
    return found


def _entity(path: Path, group_id: str, rows: list[_Row], warnings: list[str]) -> Entity:
    first = rows[0]
    group_type = first.get("Group Type") or ""
    schema = _SCHEMAS.get(group_type.lower())
    if schema is None:
        warnings.append(f"{path}: line {first.line}: unknown Group Type {group_type!r}")
        schema = Schema.UNKNOWN
    draft = EntityDraft(id=f"{SOURCE}:{group_id}", source=SOURCE, schema=schema)
    # Rows repeat each value many times over: each collector sees each distinct
    # combination of its columns once.
    for columns, collect in _COLLECTORS:
        present = [c for c in columns if c in first.cells]
        for cells in unique(tuple(row.cells[c] for c in present) for row in rows):
            collect(_Row(first.line, dict(zip(present, cells, strict=True))), draft)
    if not draft.names:
        raise ParseError(f"{path}: line {first.line}: group {group_id} has no name")
    draft.names.sort(key=lambda name: name.kind is not NameKind.PRIMARY)  # stable: file order
    draft.properties[:] = _final_properties(draft.properties)
    return draft.build()


def _final_properties(properties: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Each property once; of the dates, the earliest designation and the latest update."""
    designated = sorted(v for k, v in properties if k == "uk_date_designated")
    updated = sorted(v for k, v in properties if k == "last_updated")
    kept = [(k, v) for k, v in properties if k not in {"uk_date_designated", "last_updated"}]
    if designated:
        kept.append(("uk_date_designated", designated[0]))
    if updated:
        kept.append(("last_updated", updated[-1]))
    return unique(kept)


def _collect_names(row: _Row, draft: EntityDraft) -> None:
    draft.add_names(*_names(row, draft.schema))


def _collect_nationalities(row: _Row, draft: EntityDraft) -> None:
    for text in _items(row.get("Nationality")):
        codes = [_country(part) for part in _LIST_SEPARATOR.split(text)]
        if _country(text):
            draft.add_nationalities(_country(text))
        elif all(codes):  # "Estonia, Russia"
            draft.add_nationalities(*codes)
        else:
            draft.add_property("nationality", text)


def _collect_documents(row: _Row, draft: EntityDraft) -> None:
    if "Passport Number" in row.cells:
        draft.add_identifiers(
            *_documents(row, IdType.PASSPORT, "Passport Number", "Passport Details")
        )
    else:
        draft.add_identifiers(*_free_text_documents(row, IdType.PASSPORT, "Passport Details"))
    draft.add_identifiers(
        *_documents(
            row,
            IdType.NATIONAL_ID,
            "National Identification Number",
            "National Identification Details",
        )
    )
    draft.add_identifiers(*_free_text_documents(row, IdType.NATIONAL_ID, "NI Number"))


def _collect_address(row: _Row, draft: EntityDraft) -> None:
    draft.add_addresses(_address(row))


def _collect_other_information(row: _Row, draft: EntityDraft) -> None:
    if info := row.get("Other Information"):
        draft.add_remarks(info)
        _collect_info(info, draft)


def _collect_listing(row: _Row, draft: EntityDraft) -> None:
    draft.add_programs(row.get("Regime"))
    draft.add_property("position", row.get("Position"))
    if listed := parse_date(row.get("Listed On")):
        draft.add_listed(listed.value)
    for column, key in (
        ("UK Sanctions List Date Designated", "uk_date_designated"),
        ("Last Updated", "last_updated"),
    ):
        if date := parse_date(row.get(column)):
            draft.add_property(key, date.value)


def _names(row: _Row, schema: Schema) -> list[Name]:
    kind, qualifier = _kind(row)
    given = [p for p in (row.get(c) for c in _NAME_PARTS) if p]
    family = row.get("Name 6")
    names = []
    full = " ".join([*given, family] if family else given)
    if full:
        person = schema is Schema.PERSON and given and family
        names.append(
            Name(
                full=full,
                kind=kind,
                first_name=given[0] if person else None,
                middle_name=" ".join(given[1:]) or None if person else None,
                last_name=family if person else None,
                title=row.get("Title"),
                qualifier=qualifier,
            )
        )
    if original := row.get("Name Non-Latin Script"):
        script_type = (row.get("Non-Latin Script Type") or "").lower()
        names.append(
            Name(
                full=original,
                kind=NameKind.ALIAS if kind is NameKind.PRIMARY else kind,
                script=script_of(original) or _SCRIPT_TYPES.get(script_type),
                lang=_language(row.get("Non-Latin Script Language")),
                original_script=True,
                qualifier="Name Non-Latin Script",
            )
        )
    return names


def _kind(row: _Row) -> tuple[NameKind, str | None]:
    alias_type = row.get("Alias Type")
    quality = row.get("Alias Quality")
    qualifier = ", ".join(q for q in (alias_type, quality) if q) or None
    if (alias_type or "").lower() in _PRIMARY:
        return NameKind.PRIMARY, qualifier
    if (quality or "").lower().startswith("low"):
        return NameKind.WEAK, qualifier
    return NameKind.ALIAS, qualifier


def _language(text: str | None) -> str | None:
    for part in (text or "").split("/"):
        if code := iso_639_alpha2(part.strip()):
            return code
    return None


def _collect_birth(row: _Row, draft: EntityDraft) -> None:
    if dob := row.get("DOB"):
        date = parse_date(dob)
        if date is None:
            draft.add_property("date_of_birth", dob)
        else:
            draft.add_birth_dates(date)
    towns = _items(row.get("Town of Birth"))
    countries = _items(row.get("Country of Birth"))
    if towns and len(towns) == len(countries):
        draft.add_birth_places(*(f"{t}, {c}" for t, c in zip(towns, countries, strict=True)))
    else:
        draft.add_birth_places(*towns, *countries)


def _items(text: str | None) -> list[str]:
    """The items of a numbered list (``(1) a (2) b``), or the text as one item."""
    if not text:
        return []
    parts = (clean(p.strip(" ,;")) for p in _ITEM_MARK.split(text))
    return [p for p in parts if p and p != "-"]


def _country(text: str) -> str | None:
    """A country code for a UK list's country text, tolerating a trailing remark."""
    code = country_code(text)
    if code is None and "(" in text:
        code = country_code(text.split("(", 1)[0])
    return code


def _documents(
    row: _Row, kind: IdType, number_column: str, details_column: str
) -> list[Identifier]:
    """Numbered numbers paired with numbered details (the newer layout)."""
    numbers = _items(row.get(number_column))
    if not numbers:
        return []
    details: list[str | None] = [_note(d) for d in _items(row.get(details_column))]
    if len(details) != len(numbers):
        details = [_note(row.get(details_column))] * len(numbers)
    return [
        Identifier(kind, number.rstrip("."), _details_country(note), number_column, note)
        for number, note in zip(numbers, details, strict=True)
    ]


def _note(text: str | None) -> str | None:
    """Details text, None where it says nothing (``- .``)."""
    return text if text and text.strip(" .-") else None


def _details_country(note: str | None) -> str | None:
    """The issuing country where the details are one (``Libya``) or start with one."""
    if not note:
        return None
    match = _DETAILS_COUNTRY.match(note)
    return _country(note) or (_country(match.group(1)) if match else None)


def _free_text_documents(row: _Row, kind: IdType, column: str) -> list[Identifier]:
    """The older layout's free text: each item's first token with a digit is the number."""
    identifiers = []
    for item in _items(row.get(column)):
        match = _HAS_DIGIT_TOKEN.search(item)
        if match is None:
            continue
        number = match.group(0).rstrip(".")
        country = _AFTER_NUMBER_COUNTRY.match(item[match.start() :])
        identifiers.append(
            Identifier(
                kind,
                number,
                _country(country.group(1)) if country else None,
                column,
                item if item != number else None,
            )
        )
    return identifiers


def _address(row: _Row) -> Address | None:
    lines = [p for p in (row.get(c) for c in _ADDRESS_LINES) if p]
    postcode = row.get("Post/Zip Code")
    country = row.get("Country")
    full = ", ".join([*lines, *([postcode] if postcode else []), *([country] if country else [])])
    if not full:
        return None
    return Address(full=full, postal_code=postcode, country=_country(country) if country else None)


def _collect_info(info: str, draft: EntityDraft) -> None:
    """Labelled values inside Other Information: ``(IMO number):7408873 (Flag of ship):...``."""
    marks = list(_INFO_LABEL.finditer(info))
    ends = [m.start() for m in marks[1:]] + [len(info)] if marks else []
    for mark, end in zip(marks, ends, strict=True):
        label = mark.group(1).lower()
        value = clean(info[mark.end() : end])
        if not value or not _info_known(label):
            continue
        if label == "gender":
            draft.add_gender(value.rstrip("."))
        elif label in _INFO_IDS:
            draft.add_identifiers(
                *(
                    Identifier(_INFO_IDS[label], item.rstrip(". "), label=mark.group(1))
                    for item in _items(value)
                )
            )
        else:
            key = _INFO_PROPERTIES[label]
            if key.endswith("_ref"):  # a reference, then often free text: "QDi.086. Review ..."
                value = value.split()[0].rstrip(".,;")
            draft.add_property(key, value)
            if key == "flag":
                draft.add_countries(_country(value))


def _info_known(label: str) -> bool:
    return label == "gender" or label in _INFO_IDS or label in _INFO_PROPERTIES


_COLLECTORS: tuple[tuple[tuple[str, ...], Callable[[_Row, EntityDraft], None]], ...] = (
    (
        (
            *_NAME_PARTS,
            "Name 6",
            "Title",
            "Name Non-Latin Script",
            "Non-Latin Script Type",
            "Non-Latin Script Language",
            "Alias Type",
            "Alias Quality",
        ),
        _collect_names,
    ),
    (("DOB", "Town of Birth", "Country of Birth"), _collect_birth),
    (("Nationality",), _collect_nationalities),
    (
        (
            "Passport Number",
            "Passport Details",
            "NI Number",
            "National Identification Number",
            "National Identification Details",
        ),
        _collect_documents,
    ),
    ((*_ADDRESS_LINES, "Post/Zip Code", "Country"), _collect_address),
    (("Other Information",), _collect_other_information),
    (
        ("Regime", "Position", "Listed On", "UK Sanctions List Date Designated", "Last Updated"),
        _collect_listing,
    ),
)
