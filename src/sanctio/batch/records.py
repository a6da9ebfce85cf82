"""Customer files as screening records: the column mapping and a streaming reader.

A :class:`ColumnMapping` says which column of a customer file holds what (name or name
parts, birth date, countries, id, type, gender, identifiers). :func:`read_rows` streams a
CSV, JSON lines or Parquet file through it, one :class:`InputRow` per data row: either a
``record`` (the dict :func:`sanctio.compare` and ``Query.from_record`` accept) or an
``error`` saying what is wrong with the row. A bad row never stops the reading; a file
that cannot be read at all (missing column, no header, unknown format) raises
:class:`~sanctio.batch.errors.BatchError`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import gzip
import io
import json
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from sanctio.batch.errors import BatchError
from sanctio.errors import QueryError
from sanctio.matching.query import Query, parse_schema

__all__ = [
    "FORMATS",
    "ColumnMapping",
    "InputRow",
    "detect_format",
    "file_columns",
    "read_rows",
]

FORMATS = ("csv", "jsonl", "parquet")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# Customer files write an unknown gender in many ways; it is no evidence either way.
_UNKNOWN_GENDERS = frozenset({"", "u", "unknown", "x", "other", "n/a", "na", "none", "-"})
_PARQUET_BATCH = 4096


@dataclass(frozen=True, slots=True)
class InputRow:
    """One data row of a customer file: a screening record, or why it cannot be screened.

    ``row_number`` counts data rows from 1 (a header and blank lines are not counted);
    ``input_id`` is the id column's value, else the row number as text.
    """

    row_number: int
    input_id: str
    record: dict[str, Any] | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds what. Every field names a column of the input file.

    ``country`` lists one or more columns, each of which may hold several countries
    separated by ``country_separator``. ``identifiers`` pairs an identifier column with its
    type (``passport``, ``tax_id``, ``imo`` ...) or with None where the values say it
    themselves (``passport:X123``, ``IMO 9187629``). ``default_type`` is the schema of rows
    whose type column is empty, or of every row when there is no type column.
    """

    name: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    dob: str | None = None
    country: tuple[str, ...] = ()
    country_separator: str = ";"
    id: str | None = None
    type: str | None = None
    gender: str | None = None
    identifiers: tuple[tuple[str, str | None], ...] = ()
    default_type: str | None = None

    def __post_init__(self) -> None:
        if not (self.name or self.first_name or self.last_name or self.identifiers):
            raise BatchError(
                "column mapping: no column to screen: give a name column "
                "(--name-col), first/last name columns, or an identifier column"
            )
        if not self.country_separator:
            raise BatchError("column mapping: country_separator must not be empty")
        if self.default_type is not None:
            try:
                parse_schema(self.default_type)
            except QueryError as exc:
                raise BatchError(f"column mapping: default_type: {exc}") from None

    # -- building ------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, origin: str = "column mapping") -> ColumnMapping:
        """A mapping from a plain dict (a mapping file's content): the field names as keys;
        ``country`` a column or a list of columns; ``identifiers`` a table of column to
        type (an empty type where the values carry it) or a list of columns."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise BatchError(
                f"{origin}: unknown key(s) {', '.join(unknown)}; known keys: "
                f"{', '.join(sorted(known))}"
            )
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "country":
                values[key] = tuple(_columns(origin, key, value))
            elif key == "identifiers":
                values[key] = _identifier_columns(origin, value)
            elif value is None or isinstance(value, str):
                values[key] = value or None
            else:
                raise BatchError(f"{origin}: {key} must be a column name, not {value!r}")
        if "country_separator" in values and values["country_separator"] is None:
            values["country_separator"] = ""
        return cls(**values)

    @classmethod
    def from_file(cls, path: Path | str) -> ColumnMapping:
        """A mapping file: JSON (``.json``) or TOML (``.toml``) with the keys of
        :meth:`from_dict`."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise BatchError(f"mapping file {path}: {exc.strerror or exc}") from None
        try:
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(raw.decode("utf-8"))
            elif path.suffix.lower() == ".json":
                data = json.loads(raw)
            else:
                raise BatchError(f"mapping file {path}: use a .json or .toml file")
        except (ValueError, UnicodeDecodeError) as exc:
            raise BatchError(f"mapping file {path}: not valid {path.suffix[1:]}: {exc}") from None
        if not isinstance(data, dict):
            raise BatchError(f"mapping file {path}: must hold a table/object of keys")
        return cls.from_dict(data, origin=f"mapping file {path}")

    @classmethod
    def from_columns(cls, columns: Iterable[str]) -> ColumnMapping:
        """The mapping implied by a file whose columns carry the record's own names
        (``name``, ``first_name``, ``middle_name``, ``last_name``, ``birth_date``,
        ``country``/``countries``, ``id``, ``schema``, ``gender``)."""
        present = set(columns)

        def first(*names: str) -> str | None:
            return next((n for n in names if n in present), None)

        return cls(
            name=first("name"),
            first_name=first("first_name"),
            middle_name=first("middle_name"),
            last_name=first("last_name"),
            dob=first("birth_date", "dob"),
            country=tuple(c for c in ("country", "countries") if c in present),
            id=first("id"),
            type=first("schema", "type"),
            gender=first("gender"),
        )

    def updated(self, **changes: Any) -> ColumnMapping:
        """A copy with the given fields replaced; None and empty values leave a field as it is
        (so command-line options override a mapping file only where they are given)."""
        given = {k: v for k, v in changes.items() if v not in (None, (), "")}
        return dataclasses.replace(self, **given) if given else self

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, accepted back by :meth:`from_dict`."""
        data = dataclasses.asdict(self)
        data["country"] = list(self.country)
        data["identifiers"] = {column: kind or "" for column, kind in self.identifiers}
        return data

    # -- using ---------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[str, ...]:
        """Every input column the mapping reads, each once."""
        named = [
            self.name,
            self.first_name,
            self.middle_name,
            self.last_name,
            self.dob,
            *self.country,
            self.id,
            self.type,
            self.gender,
            *(column for column, _ in self.identifiers),
        ]
        return tuple(dict.fromkeys(c for c in named if c))

    def check_columns(self, available: Iterable[str], *, where: str) -> None:
        """BatchError naming each mapped column that ``available`` lacks."""
        have = list(available)
        missing = [c for c in self.columns if c not in set(have)]
        if missing:
            raise BatchError(
                f"{where}: no column {', '.join(repr(c) for c in missing)}; "
                f"its columns are: {', '.join(have) or '(none)'}"
            )

    def to_row(self, row_number: int, values: Mapping[str, Any]) -> InputRow:
        """One input row (column -> value) as a validated record, or an error row."""
        try:
            raw_id = _text(values.get(self.id)) if self.id else None
        except ValueError as exc:
            return InputRow(row_number, str(row_number), error=f"{self.id}: {exc}")
        input_id = raw_id or str(row_number)
        try:
            record = self._record(values)
            Query.from_record(record)
        except ValueError as exc:  # broken encoding, unreadable cell
            return InputRow(row_number, input_id, error=str(exc))
        except QueryError as exc:
            return InputRow(row_number, input_id, error=self._with_column(str(exc)))
        return InputRow(row_number, input_id, record=record)

    def _record(self, values: Mapping[str, Any]) -> dict[str, Any]:
        def cell(column: str | None) -> str | None:
            if column is None:
                return None
            try:
                return _text(values.get(column))
            except ValueError as exc:
                raise ValueError(f"{column}: {exc}") from None

        record: dict[str, Any] = {}
        schema = cell(self.type) or self.default_type
        if schema:
            record["schema"] = schema
        for key, column in (
            ("name", self.name),
            ("first_name", self.first_name),
            ("middle_name", self.middle_name),
            ("last_name", self.last_name),
            ("birth_date", self.dob),
        ):
            if value := cell(column):
                record[key] = value
        countries: list[str] = []
        for column in self.country:
            countries += _split(values.get(column), self.country_separator, column)
        if countries:
            record["countries"] = countries
        gender = cell(self.gender)
        if gender and gender.lower() not in _UNKNOWN_GENDERS:
            record["gender"] = gender
        identifiers: list[Any] = []
        for column, kind in self.identifiers:
            if number := cell(column):
                identifiers.append({"type": kind, "value": number} if kind else number)
        if identifiers:
            record["identifiers"] = identifiers
        return record

    def _with_column(self, message: str) -> str:
        """A Query error message with the input column of its field, where known."""
        field = message.split(":", 1)[0].split("[", 1)[0]
        column = {
            "name": self.name or self.last_name or self.first_name,
            "names": self.name,
            "birth_date": self.dob,
            "countries": ", ".join(self.country),
            "gender": self.gender,
            "schema": self.type,
            "identifiers": ", ".join(c for c, _ in self.identifiers),
        }.get(field)
        return f"{message} (column {column})" if column else message


def _columns(origin: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple) and all(isinstance(v, str) and v for v in value):
        return list(value)
    raise BatchError(f"{origin}: {key} must be a column name or a list of them, not {value!r}")


def _identifier_columns(origin: str, value: Any) -> tuple[tuple[str, str | None], ...]:
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, list | tuple):
        pairs = [tuple(v) if isinstance(v, list | tuple) else (v, None) for v in value]
    else:
        pairs = [(c, None) for c in _columns(origin, "identifiers", value)]
    out = []
    for pair in pairs:
        if len(pair) != 2 or not isinstance(pair[0], str) or not pair[0]:
            raise BatchError(f"{origin}: identifiers: bad entry {pair!r}")
        column, kind = pair
        if kind is not None and not isinstance(kind, str):
            raise BatchError(f"{origin}: identifiers: type of {column!r} must be text")
        out.append((column, kind or None))
    return tuple(out)


def _text(value: Any) -> str | None:
    """A cell as stripped text, None where empty. ValueError for undecodable bytes."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, bytes):
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(_encoding_message(value[exc.start])) from None
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float):
        if value != value:  # NaN: a missing value in data frames
            return None
        text = str(int(value)) if value.is_integer() else str(value)
    elif isinstance(value, datetime.datetime):
        text = value.date().isoformat()
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, list | tuple | dict):
        raise ValueError(f"one value expected, not a {type(value).__name__}")
    else:
        text = str(value)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(_encoding_message(ord(text[exc.start]) - 0xDC00)) from None
    return text.strip() or None


def _encoding_message(byte: int) -> str:
    return (
        f"broken encoding: byte 0x{byte:02X} is not valid in the file's encoding "
        "(pass the file's real encoding, e.g. --encoding cp1252)"
    )


def _split(value: Any, separator: str, column: str) -> list[str]:
    """Several values in one cell ("SY; LB"), or a list cell, as clean texts."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    out = []
    for item in items:
        try:
            text = _text(item)
        except ValueError as exc:
            raise ValueError(f"{column}: {exc}") from None
        if text:
            out += [part.strip() for part in text.split(separator) if part.strip()]
    return out


# -- reading files ---------------------------------------------------------------------------


def detect_format(path: Path | str, format: str | None = None) -> str:
    """``csv``, ``jsonl`` or ``parquet``: ``format`` when given, else by file extension
    (``.gz`` allowed after CSV and JSON lines)."""
    if format is not None:
        if format not in FORMATS:
            raise BatchError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        return format
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    found = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if found is None:
        raise BatchError(
            f"{path}: cannot tell the format from the extension; use .csv, .jsonl or "
            ".parquet, or say --format"
        )
    return found


def file_columns(
    path: Path | str,
    format: str | None = None,
    *,
    encoding: str = "utf-8",
    delimiter: str | None = None,
) -> list[str]:
    """The column names of an input file: the CSV header, the Parquet schema, or the keys
    of the first JSON lines object."""
    path = Path(path)
    kind = detect_format(path, format)
    if not path.is_file():
        raise BatchError(f"{path}: no such file")
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            return list(pq.read_schema(path).names)
        except (OSError, ValueError) as exc:
            raise BatchError(f"{path}: not a readable Parquet file: {exc}") from None
    if kind == "csv":
        return _csv_header(path, encoding, _delimiter(path, delimiter))[1]
    for _, value in _jsonl_values(path, None, encoding):
        if isinstance(value, dict):
            return list(value)
    return []


def read_rows(
    path: Path | str,
    mapping: ColumnMapping,
    *,
    format: str | None = None,
    start_row: int = 0,
    encoding: str = "utf-8",
    delimiter: str | None = None,
) -> Iterator[InputRow]:
    """Stream the data rows of a CSV, JSON lines or Parquet file as :class:`InputRow`,
    skipping the first ``start_row`` data rows (to resume). Reading holds one row (one
    Parquet batch) at a time. ``encoding`` applies to CSV and JSON lines; ``delimiter``
    to CSV (default: tab for ``.tsv``, else comma)."""
    path = Path(path)
    kind = detect_format(path, format)
    if not path.is_file():
        raise BatchError(f"{path}: no such file")
    if kind == "csv":
        values = _csv_values(path, mapping, encoding, _delimiter(path, delimiter))
    elif kind == "jsonl":
        values = _jsonl_values(path, mapping, encoding)
    else:
        values = _parquet_values(path, mapping, start_row)
    for row_number, cells in values:
        if row_number <= start_row:
            continue
        if isinstance(cells, str):
            yield InputRow(row_number, str(row_number), error=cells)
        else:
            yield mapping.to_row(row_number, cells)


def _delimiter(path: Path, given: str | None) -> str:
    if given is not None:
        return given
    return "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def _csv_header(path: Path, encoding: str, delimiter: str) -> tuple[Any, list[str], IO[str]]:
    """An open CSV reader past its header row, the header, and the text stream to close."""
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = io.TextIOWrapper(
            _open_binary(path), encoding=codec, errors="surrogateescape", newline=""
        )
    except LookupError:
        raise BatchError(f"unknown encoding {encoding!r}") from None
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, OSError, EOFError) as exc:
        text.close()
        raise BatchError(f"{path}: cannot read the header row: {exc}") from None
    if not header:
        text.close()
        raise BatchError(f"{path}: empty file: a CSV input needs a header row")
    header = [h.strip() for h in header]
    try:
        _check_header(path, header)
    except BatchError:
        text.close()
        raise
    return reader, header, text


def _csv_values(
    path: Path, mapping: ColumnMapping, encoding: str, delimiter: str
) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(row number, column -> text) per data row, or (row number, error message)."""
    reader, header, text = _csv_header(path, encoding, delimiter)
    with text:
        mapping.check_columns(header, where=str(path))
        row_number = 0
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row_number += 1
                yield row_number, f"malformed CSV row: {exc}"
                continue
            except (OSError, EOFError) as exc:  # a truncated gzip stream
                raise BatchError(f"{path}: cannot read past data row {row_number}: {exc}") from None
            if not fields or fields == [""]:
                continue
            row_number += 1
            if len(fields) != len(header):
                yield row_number, f"row has {len(fields)} fields; the header has {len(header)}"
            else:
                yield row_number, dict(zip(header, fields, strict=True))


def _check_header(path: Path, header: list[str]) -> None:
    for name in header:
        if any(0xDC80 <= ord(c) <= 0xDCFF for c in name):
            raise BatchError(f"{path}: the header row is not in the file's encoding (--encoding)")
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise BatchError(f"{path}: the header repeats column(s) {', '.join(duplicates)}")


def _jsonl_values(
    path: Path, mapping: ColumnMapping | None, encoding: str
) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, object) per non-blank line, or (row number, error message). The first
    object must hold at least one mapped column (a misspelt column fails at once)."""
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    try:
        "".encode(encoding)
    except LookupError:
        raise BatchError(f"unknown encoding {encoding!r}") from None
    row_number, checked = 0, False
    with _open_binary(path) as handle:
        try:
            for line in handle:
                if not line.strip():
                    continue
                row_number += 1
                if row_number == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                value = _json_object(line, encoding if not utf8 else None)
                if mapping is not None and not checked and isinstance(value, dict):
                    checked = True
                    if not any(column in value for column in mapping.columns):
                        mapping.check_columns(value, where=f"{path} (row {row_number})")
                yield row_number, value
        except (OSError, EOFError) as exc:
            raise BatchError(f"{path}: cannot read past data row {row_number}: {exc}") from None


def _json_object(line: bytes, encoding: str | None) -> dict[str, Any] | str:
    """One JSON lines row as an object, or an error message. ``encoding`` None is UTF-8."""
    try:
        value = orjson.loads(line if encoding is None else line.decode(encoding))
    except UnicodeDecodeError as exc:
        return _encoding_message(line[exc.start])
    except orjson.JSONDecodeError as exc:
        try:
            line.decode(encoding or "utf-8")
        except UnicodeDecodeError as bad:
            return _encoding_message(line[bad.start])
        return f"malformed JSON: {exc}"
    if not isinstance(value, dict):
        return f"a JSON lines row must be an object, not {type(value).__name__}"
    return value


def _parquet_values(
    path: Path, mapping: ColumnMapping, start_row: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, column -> value) per row, skipping whole row groups before
    ``start_row`` without reading them."""
    import pyarrow
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pyarrow.ArrowException, OSError) as exc:
        raise BatchError(f"{path}: not a readable Parquet file: {exc}") from None
    with parquet:
        mapping.check_columns(parquet.schema_arrow.names, where=str(path))
        groups, row_number = [], 0
        for index in range(parquet.num_row_groups):
            size = parquet.metadata.row_group(index).num_rows
            if row_number + size <= start_row:
                row_number += size
            else:
                groups.append(index)
        if not groups:
            return
        batches = parquet.iter_batches(
            batch_size=_PARQUET_BATCH, row_groups=groups, columns=list(mapping.columns)
        )
        try:
            for batch in batches:
                for values in batch.to_pylist():
                    row_number += 1
                    yield row_number, values
        except pyarrow.ArrowException as exc:
            raise BatchError(f"{path}: cannot read past data row {row_number}: {exc}") from None
