"""US BIS Denied Persons List, tab-separated text (``dpl.txt``).

One file per version: tab-separated, fields in double quotes, a header row
``"Name" "Street_Address" "City" "State" "Country" "Postal_Code" "Effective_Date"
"Expiration_Date" "Standard_Order" "Last_Update" "Action" "FR_Citation"``, by which it is
recognised. The file states no date (as-of: None) and has no id column.

One row is one party at one address under one denial order. A party with several
addresses has one row per address (``AIR FREIGHT LTD``: Baghdad, Dubai, Amman), and a few
people appear under two orders (``I. ASH``, 2002 and 2003). Rows are therefore grouped by
the party's name, compared case- and space-insensitively: one group -> one entity with
every address and order date. Names are compared exactly otherwise, so the file's
spelling variants of one party (``AL NASER AIRLINES``, ``AL-NASER  AIRLINES``,
``ALNASER AIRLINES``) stay separate entities, as the file lists them.

- id: ``us-dpl:`` + the first 12 hex digits of the SHA-1 of the normalised name (upper
  case, white space collapsed to single spaces). The name is the one value that stays put
  while a party is listed: temporary denial orders are renewed every 180 days with a new
  ``Effective_Date``, and addresses are corrected, so an id over those would change with
  every renewal. Two parties collide only if their names are equal, and then they are
  one group by design (a namesake under another order is reported as a warning).
  12 hex digits leave a chance of about 10^-9 that two of 1,000 names share an id.
- ``Name`` -> the primary name (the file does not say person or company: schema Unknown).
- ``Street_Address``, ``City``, ``State``, ``Postal_Code``, ``Country`` -> an address
  (street, city, region, postal_code; the country code, or ``us`` where the country is
  blank and a state is given: the file fills ``State`` for US addresses only).
- ``Effective_Date`` (``mm/dd/yyyy``) -> listed_on (the earliest) and ``effective_date``
  properties; ``Expiration_Date`` -> ``expiration_date``, ``Standard_Order`` ->
  ``standard_order``, ``Last_Update`` -> ``last_update``, ``Action`` -> ``action``,
  ``FR_Citation`` -> ``fr_citation`` properties. The programme is ``DPL``.

A row repeated exactly is read once and reported as a warning. Errors: an empty file, a
header without these columns, a row cut short or a row without a name raise ParseError
naming the file, line and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

from sanctio.errors import ParseError
from sanctio.model import Address, Entity, Name, NameKind, Schema
from sanctio.sources._common import (
    EntityDraft,
    ParsedList,
    clean,
    country_code,
    csv_records,
    filled_rows,
    parse_date,
    read_text,
    unique,
)

__all__ = ["FORMAT", "entity_id", "parse", "sniff"]

FORMAT = "us-dpl"
SOURCE = "us-dpl"
PROGRAM = "DPL"

_COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
_PROPERTIES = (
    ("Expiration_Date", "expiration_date"),
    ("Standard_Order", "standard_order"),
    ("Last_Update", "last_update"),
    ("Action", "action"),
    ("FR_Citation", "fr_citation"),
)
_DATE_PROPERTIES = {"expiration_date", "last_update"}


def sniff(path: Path, head: bytes) -> str | None:
    """``us-dpl`` for a tab-separated file whose header is the DPL's."""
    first_line = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    header = [c.strip().strip('"').lower() for c in first_line.split("\t")]
    return SOURCE if header[: len(_COLUMNS)] == [c.lower() for c in _COLUMNS] else None


def entity_id(name: str) -> str:
    """The entity id for a party name: ``us-dpl:`` + 12 hex digits of SHA-1 of the
    upper-cased name with white space collapsed."""
    digest = hashlib.sha1(_normalise(name).encode("utf-8")).hexdigest()
    return f"{SOURCE}:{digest[:12]}"


def parse(files: Sequence[Path]) -> ParsedList:
    """Read the Denied Persons List from its one tab-separated file."""
    if len(files) != 1:
        names = ", ".join(str(f) for f in files)
        raise ParseError(f"DPL: expected one tab-separated file, got {len(files)}: {names}")
    path = files[0]
    text = read_text(path)
    if not text.strip():
        raise ParseError(f"{path}: empty file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    warnings: list[str] = []
    parties: dict[str, list[tuple[int, dict[str, str]]]] = {}
    seen_rows: dict[tuple[str, ...], int] = {}
    records = csv_records(path, reader)
    header = _header(path, next(records, (1, []))[1])
    for line, cells in filled_rows(path, records, len(header)):
        row = dict(zip(header, cells, strict=True))
        if clean(row["Name"]) is None:
            raise ParseError(f"{path}: line {line}: field Name is empty")
        key = tuple(clean(c) or "" for c in cells)
        if key in seen_rows:
            warnings.append(f"{path}: line {line} repeats line {seen_rows[key]}: read once")
            continue
        seen_rows[key] = line
        parties.setdefault(_normalise(row["Name"]), []).append((line, row))
    entities = [_entity(path, rows, warnings) for rows in parties.values()]
    return ParsedList(
        source=SOURCE, format=FORMAT, entities=entities, files=[path], warnings=warnings
    )


def _normalise(name: str) -> str:
    return " ".join(name.split()).upper()


def _header(path: Path, cells: list[str]) -> list[str]:
    header = [c.strip() for c in cells]
    by_lower = {c.lower(): c for c in _COLUMNS}
    missing = [c for c in _COLUMNS if c.lower() not in {h.lower() for h in header}]
    if missing:
        raise ParseError(
            f"{path}: line 1: missing column(s) {', '.join(missing)}: not the BIS Denied "
            f"Persons List or its layout changed (header: {', '.join(header[:6])} ...)"
        )
    return [by_lower.get(h.lower(), h) for h in header]


def _entity(path: Path, rows: list[tuple[int, dict[str, str]]], warnings: list[str]) -> Entity:
    first_line, first = rows[0]
    name = clean(first["Name"]) or ""
    effective = unique(parse_date(row["Effective_Date"], day_first=False) for _, row in rows)
    if len(effective) > 1:
        dates = ", ".join(d.value for d in effective)
        warnings.append(
            f"{path}: line {first_line}: {name!r} is listed under {len(effective)} orders "
            f"(effective {dates}): read as one party"
        )
    draft = EntityDraft(id=entity_id(name), source=SOURCE, schema=Schema.UNKNOWN)
    draft.add_names(Name(full=name, kind=NameKind.PRIMARY))
    draft.add_programs(PROGRAM)
    draft.add_listed(*(d.value for d in effective))
    draft.add_property("effective_date", *(d.value for d in effective))
    for _, row in rows:
        draft.add_addresses(_address(row))
        for column, key in _PROPERTIES:
            value = clean(row[column])
            if value and key in _DATE_PROPERTIES:
                date = parse_date(value, day_first=False)
                value = date.value if date else value
            draft.add_property(key, value)
    return draft.build()


def _address(row: dict[str, str]) -> Address | None:
    street, city, state, postal_code = (
        clean(row[c]) for c in ("Street_Address", "City", "State", "Postal_Code")
    )
    country_text = clean(row["Country"])
    country = country_code(country_text) or ("us" if state and not country_text else None)
    full = ", ".join(p for p in (street, city, state, postal_code, country_text) if p)
    if not full:
        return None
    return Address(
        full=full, street=street, city=city, region=state, postal_code=postal_code, country=country
    )
