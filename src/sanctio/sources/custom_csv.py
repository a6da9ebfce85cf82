"""A firm's own block lists: Sanctio's documented CSV format (``custom-<name>``).

A UTF-8 CSV file (a byte-order mark is allowed), comma-separated, quoted as RFC 4180
(``"Smith, John"``, ``""`` for a quote inside quotes). For example::

    # sanctio-list: acme-blocklist
    # as-of: 2026-05-01
    id,name,schema,aliases,birth_date,nationality,identifiers,programs
    C-001,John Example,person,Jon Example;J. Example,1970-02-03,gb,passport:123456789:gb,FRAUD
    C-002,"Example Trading, LLC",organization,,,,registration:HRB 123:de,FRAUD

**Comment lines** (starting with ``#``) may come before the header, and only there. Two of
them are read: ``# sanctio-list: <name>`` names the list, and ``# as-of: YYYY-MM-DD``
states the date of the data (the version's as-of date; else none). Without a
``sanctio-list`` line the list is named after the file (``Acme Blocklist.csv`` ->
``acme-blocklist``). The name is lower-cased, every run of other characters than ``a-z``
and ``0-9`` becomes ``-``; the source id is ``custom-<name>`` and entity ids
``custom-<name>:<id>``.

**The header** names the columns, in any order (case and surrounding spaces do not matter):

=================  ========  ================================================================
column             required  meaning
=================  ========  ================================================================
``id``             yes       the firm's own id, unique in the list
``name``           yes       the primary name
``schema``         yes       ``person``, ``organization``, ``vessel``, ``aircraft`` or
                             ``unknown`` (also ``individual``; ``organisation``,
                             ``company``, ``entity``; ``ship``; ``airplane``)
``aliases``                  strong aliases, ``;``-separated
``weak_aliases``             weak aliases (nicknames, short forms): kept, scored lower
``first_name``               parts of the primary name
``middle_name``
``last_name``
``birth_date``               dates of birth, ``;``-separated: ``YYYY``, ``YYYY-MM`` or
                             ``YYYY-MM-DD``
``birth_place``              places of birth, ``;``-separated
``gender``                   ``male`` or ``female``
``nationality``              countries (ISO codes like ``gb`` or names like ``Iran``),
                             ``;``-separated
``citizenship``              countries, ``;``-separated
``countries``                other country links (residence, registration, flag)
``addresses``                full postal addresses, ``;``-separated
``identifiers``              ``type:value`` or ``type:value:cc``, ``;``-separated; type one
                             of ``passport``, ``national_id``, ``tax_id``,
                             ``registration``, ``imo``, ``mmsi``, ``call_sign``,
                             ``swift_bic``, ``crypto_wallet``, ``aircraft_serial``,
                             ``aircraft_tail``, ``email``, ``phone``, ``website``,
                             ``other``; ``cc`` the issuing country's two-letter ISO code.
                             The value may contain ``:`` (``crypto_wallet:bitcoincash:qq9``)
                             as long as it does not end in ``:`` and two letters.
``programs``                 the firm's programmes or reasons, ``;``-separated
``listed_on``                the date the party was put on the list (``YYYY-MM-DD``, or
                             ``YYYY-MM``, ``YYYY``)
``remarks``                  free text
``x_<anything>``             kept as a property ``<anything>`` (``x_case_ref`` ->
                             ``case_ref``), for the firm's own fields
=================  ========  ================================================================

Empty cells and empty ``;`` items are ignored; blank lines are skipped.

**Recognised by content**: a ``# sanctio-list:`` first line, or a header holding ``id``,
``name`` and ``schema`` whose every column is one of the above.

**Errors** name the file, line and column, and stop the import: an empty file, no header,
a missing required column, an unknown or repeated column, a row with more or fewer fields
than the header (a truncated file), an empty ``id``, ``name`` or ``schema``, an unknown
schema, a malformed date, an unknown country, gender or identifier type, and an ``id``
used twice (both lines named).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, FuzzyDate, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources._common import (
    ParsedList,
    clean,
    country_code,
    csv_records,
    filled_rows,
    script_of,
    slugify,
    unique,
)

__all__ = ["FORMAT", "parse", "slug", "sniff"]

FORMAT = "custom-csv"
SOURCE_PREFIX = "custom-"

_REQUIRED = ("id", "name", "schema")
_OPTIONAL = (
    "aliases",
    "weak_aliases",
    "first_name",
    "middle_name",
    "last_name",
    "birth_date",
    "birth_place",
    "gender",
    "nationality",
    "citizenship",
    "countries",
    "addresses",
    "identifiers",
    "programs",
    "listed_on",
    "remarks",
)
_KNOWN = frozenset(_REQUIRED + _OPTIONAL)
_PROPERTY_PREFIX = "x_"
_SCHEMAS = {
    "person": Schema.PERSON,
    "individual": Schema.PERSON,
    "organization": Schema.ORGANIZATION,
    "organisation": Schema.ORGANIZATION,
    "company": Schema.ORGANIZATION,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "ship": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "airplane": Schema.AIRCRAFT,
    "unknown": Schema.UNKNOWN,
}
_LIST_DIRECTIVE = re.compile(r"^#\s*sanctio-list\s*:\s*(.*)$", re.I)
_AS_OF_DIRECTIVE = re.compile(r"^#\s*as-of\s*:\s*(.*)$", re.I)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY_SUFFIX = re.compile(r"^(.+):([A-Za-z]{2})$")


def slug(text: str) -> str:
    """A list name as used in the source id: ``Acme Block_List`` -> ``acme-block-list``."""
    return slugify(text, "-")


def sniff(path: Path, head: bytes) -> str | None:
    """``custom-<name>`` for a file with a ``# sanctio-list:`` line or this format's header."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut at the head's end
            return None
        text = head[: error.start].decode("utf-8-sig")
    name = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            if match := _LIST_DIRECTIVE.match(line.strip()):
                name = slug(match.group(1))
            continue
        if name:
            return SOURCE_PREFIX + name
        columns = [c.strip().lower() for c in next(csv.reader([line]), [])]
        known = all(c in _KNOWN or c.startswith(_PROPERTY_PREFIX) for c in columns)
        if known and set(_REQUIRED) <= set(columns) and slug(path.stem):
            return SOURCE_PREFIX + slug(path.stem)
        return None
    return SOURCE_PREFIX + name if name else None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read one custom list from its CSV file(s); ids must be unique across them."""
    if not files:
        raise ParseError("custom CSV: no files given")
    sheets = [_read(path) for path in files]
    sources = {s.source for s in sheets}
    if len(sources) != 1:
        raise ParseError(f"custom CSV: files of several lists in one bundle: {sorted(sources)}")
    entities: list[Entity] = []
    first_seen: dict[str, tuple[Path, int]] = {}
    for sheet in sheets:
        for line, entity in sheet.entities:
            if entity.id in first_seen:
                other_path, other_line = first_seen[entity.id]
                raise ParseError(
                    f"{sheet.path}: line {line}: field id: {entity.source_id!r} is used twice "
                    f"(first at {other_path}: line {other_line}); ids must be unique"
                )
            first_seen[entity.id] = (sheet.path, line)
            entities.append(entity)
    dates = [s.as_of for s in sheets if s.as_of]
    return ParsedList(
        source=sources.pop(),
        format=FORMAT,
        entities=entities,
        files=list(files),
        as_of=max(dates) if dates else None,
    )


@dataclass(slots=True)
class _Sheet:
    path: Path
    source: str
    as_of: str | None
    entities: list[tuple[int, Entity]]


def _read(path: Path) -> _Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ParseError(f"{path}: line {line}: not UTF-8 text (save the file as UTF-8)") from error
    if not text.strip():
        raise ParseError(f"{path}: empty file")
    name, as_of = slug(path.stem), None
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        comment = lines[start].strip()
        if match := _LIST_DIRECTIVE.match(comment):
            name = slug(match.group(1))
        elif match := _AS_OF_DIRECTIVE.match(comment):
            as_of = _date(path, start + 1, "as-of", match.group(1).strip())
            if as_of is None or len(as_of) != 10:
                raise ParseError(
                    f"{path}: line {start + 1}: as-of {match.group(1).strip()!r} is not a "
                    "date YYYY-MM-DD"
                )
        start += 1
    if not name:
        raise ParseError(f"{path}: no list name: add a line '# sanctio-list: <name>'")
    source = SOURCE_PREFIX + name
    reader = csv.reader(io.StringIO("".join(lines[start:]), newline=""), strict=True)
    records = csv_records(
        path, reader, first_line=start, hint="(a truncated file or an unclosed quote)"
    )
    header = _header(path, start + 1, next(records, (start, None))[1])
    entities = []
    for line, cells in filled_rows(
        path,
        records,
        len(header),
        hint="as in the header (a truncated file, or a value with an unquoted comma)",
    ):
        row = dict(zip(header, cells, strict=True))
        entities.append((line, _entity(path, line, source, row)))
    return _Sheet(path, source, as_of, entities)


def _header(path: Path, line: int, cells: list[str] | None) -> list[str]:
    if not cells or not any(c.strip() for c in cells):
        raise ParseError(f"{path}: line {line}: no header row (expected {', '.join(_REQUIRED)})")
    header = [c.strip().lower() for c in cells]
    for index, column in enumerate(header):
        if column in header[:index]:
            raise ParseError(f"{path}: line {line}: column {column!r} appears twice")
        if column not in _KNOWN and not (
            column.startswith(_PROPERTY_PREFIX) and len(column) > len(_PROPERTY_PREFIX)
        ):
            raise ParseError(
                f"{path}: line {line}: unknown column {column!r}; known columns are "
                f"{', '.join(_REQUIRED + _OPTIONAL)} and x_<name> for your own fields"
            )
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise ParseError(f"{path}: line {line}: missing required column(s) {', '.join(missing)}")
    return header


def _entity(path: Path, line: int, source: str, row: dict[str, str]) -> Entity:
    def where(column: str) -> str:
        return f"{path}: line {line}: field {column}"

    def required(column: str) -> str:
        value = clean(row[column])
        if value is None:
            raise ParseError(f"{where(column)} is empty")
        return value

    def items(column: str) -> list[str]:
        return [i for i in (clean(p) for p in row.get(column, "").split(";")) if i]

    def countries(column: str) -> tuple[str, ...]:
        codes = []
        for text in items(column):
            code = country_code(text)
            if code is None:
                raise ParseError(f"{where(column)}: unknown country {text!r}")
            codes.append(code)
        return unique(codes)

    def dates(column: str) -> tuple[FuzzyDate, ...]:
        found = []
        for text in items(column):
            value = _date(path, line, column, text)
            found.append(FuzzyDate(value))
        return unique(found)

    schema_text = required("schema")
    schema = _SCHEMAS.get(schema_text.lower())
    if schema is None:
        raise ParseError(
            f"{where('schema')}: unknown schema {schema_text!r}; use person, organization, "
            "vessel, aircraft or unknown"
        )
    name = required("name")
    names = [
        Name(
            full=name,
            kind=NameKind.PRIMARY,
            first_name=clean(row.get("first_name")),
            middle_name=clean(row.get("middle_name")),
            last_name=clean(row.get("last_name")),
            script=script_of(name),
        )
    ]
    for column, kind in (("aliases", NameKind.ALIAS), ("weak_aliases", NameKind.WEAK)):
        names.extend(Name(full=a, kind=kind, script=script_of(a)) for a in items(column))
    gender = clean(row.get("gender"))
    if gender is not None and gender.lower() not in {"male", "female"}:
        raise ParseError(f"{where('gender')}: {gender!r} is not male or female")
    listed = dates("listed_on")
    if len(listed) > 1:
        raise ParseError(f"{where('listed_on')}: one date expected, got {len(listed)}")
    return Entity(
        id=f"{source}:{required('id')}",
        source=source,
        schema=schema,
        names=unique(names),
        programs=unique(items("programs")),
        birth_dates=dates("birth_date"),
        birth_places=unique(items("birth_place")),
        nationalities=countries("nationality"),
        citizenships=countries("citizenship"),
        countries=countries("countries"),
        addresses=unique(Address(full=a) for a in items("addresses")),
        gender=gender.lower() if gender else None,
        identifiers=unique(_identifier(where("identifiers"), i) for i in items("identifiers")),
        listed_on=listed[0].value if listed else None,
        remarks=clean(row.get("remarks")),
        properties=unique(
            (column.removeprefix(_PROPERTY_PREFIX), value)
            for column in row
            if column.startswith(_PROPERTY_PREFIX) and (value := clean(row[column]))
        ),
    )


def _date(path: Path, line: int, column: str, text: str) -> str:
    """An ISO date prefix, checked to be a real date."""
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            match = None
    if match is None:
        raise ParseError(
            f"{path}: line {line}: field {column}: malformed date {text!r}; "
            "write YYYY-MM-DD, YYYY-MM or YYYY"
        )
    return text


def _identifier(where: str, text: str) -> Identifier:
    kind_text, colon, rest = text.partition(":")
    try:
        kind = IdType(kind_text.strip().lower())
    except ValueError:
        known = ", ".join(t.value for t in IdType)
        raise ParseError(
            f"{where}: unknown identifier type {kind_text.strip()!r} in {text!r}; use one of "
            f"{known}"
        ) from None
    country = None
    if match := _COUNTRY_SUFFIX.match(rest):
        rest, country = match.group(1), country_code(match.group(2))
        if country is None:
            raise ParseError(f"{where}: unknown country code {match.group(2)!r} in {text!r}")
    value = rest.strip()
    if not colon or not value:
        raise ParseError(f"{where}: {text!r} is not type:value or type:value:country")
    return Identifier(kind, value, country, kind_text.strip())
