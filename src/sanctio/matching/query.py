"""A screening query: one party to look for, validated.

Both :meth:`Screener.screen` arguments and :func:`compare` record dicts become a
:class:`Query`; bad input raises :class:`QueryError` with the field at fault.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sanctio.errors import QueryError
from sanctio.model import FuzzyDate, Identifier, IdType, Schema
from sanctio.sources._common import country_code, parse_date

__all__ = ["MAX_NAME_LENGTH", "Query", "check_threshold", "parse_schema"]

MAX_NAME_LENGTH = 500
MAX_NAMES = 50

_SCHEMA_ALIASES = {
    "person": Schema.PERSON,
    "individual": Schema.PERSON,
    "organization": Schema.ORGANIZATION,
    "organisation": Schema.ORGANIZATION,
    "company": Schema.ORGANIZATION,
    "legalentity": Schema.UNKNOWN,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "ship": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "airplane": Schema.AIRCRAFT,
    "thing": Schema.UNKNOWN,
    "unknown": Schema.UNKNOWN,
}


def parse_schema(value: str | Schema | None) -> Schema:
    """A schema from its name (Person, Organization, Company, Vessel ...); None means Unknown."""
    if value is None or value == "":
        return Schema.UNKNOWN
    if isinstance(value, Schema):
        return value
    schema = _SCHEMA_ALIASES.get(str(value).strip().lower())
    if schema is None:
        known = "Person, Organization, Company, LegalEntity, Vessel, Aircraft"
        raise QueryError(f"schema: unknown schema {value!r}; use one of {known}")
    return schema


# Unicode's control characters (category Cc) but tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Queries repeat the same few dates and countries: read each once.
_query_date = lru_cache(maxsize=20_000)(parse_date)
_query_country = lru_cache(maxsize=2_000)(country_code)


def _is_calendar_date(date: FuzzyDate) -> bool:
    """False for a day that no calendar has (1980-02-31)."""
    for part in (date.value, date.until):
        if part is not None and len(part) == 10:
            try:
                datetime.date.fromisoformat(part)
            except ValueError:
                return False
    return True


def _check_name(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise QueryError(f"{field}: a name must be text, not {type(value).__name__}")
    if len(value) > MAX_NAME_LENGTH:
        raise QueryError(
            f"{field}: name is {len(value)} characters; the limit is {MAX_NAME_LENGTH}"
        )
    controls = _CONTROL.findall(value)
    if controls:
        shown = ", ".join(hex(ord(c)) for c in controls[:3])
        raise QueryError(f"{field}: name contains control characters ({shown})")
    return value.strip()


# "IMO 9187629", "MMSI: 273...", "BIC DEUTDEFF": how lists and payment messages write them.
_LABELLED = re.compile(r"^(IMO|MMSI|BIC|SWIFT|SWIFT/BIC)\s*[:#]?\s*(\S+)$", re.I)
_LABEL_TYPES = {"imo": "imo", "mmsi": "mmsi", "bic": "swift_bic", "swift": "swift_bic"}


def _identifier(field: str, value: Any) -> Identifier:
    if isinstance(value, Identifier):
        return value
    if isinstance(value, Mapping):
        raw_type = str(value.get("type") or "other")
        number = str(value.get("value") or value.get("number") or "").strip()
        country = country_code(value.get("country"))
    else:
        text = str(value).strip()
        country = None
        if labelled := _LABELLED.match(text):
            raw_type = _LABEL_TYPES[labelled.group(1).lower().split("/")[0]]
            number = labelled.group(2)
        else:
            raw_type, _, number = text.rpartition(":") if ":" in text else ("other", "", text)
    if not number:
        raise QueryError(f"{field}: empty identifier")
    try:
        id_type = IdType(raw_type.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        id_type = IdType.OTHER
    return Identifier(type=id_type, value=number, country=country)


def _as_list(value: Any) -> list[Any]:
    """One value or several as a list: "SY", ["SY", "LB"], 1965 and None all work."""
    if value is None or value == "":
        return []
    if type(value) is list or type(value) is tuple:  # the common case, without ABC checks
        return list(value)
    if isinstance(value, (str, int, float)) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def check_threshold(threshold: float) -> float:
    """A threshold between 0 and 1, or QueryError."""
    if not isinstance(threshold, int | float) or not 0.0 <= threshold <= 1.0:
        raise QueryError(f"threshold: must be a number between 0 and 1, not {threshold!r}")
    return float(threshold)


@dataclass(frozen=True, slots=True)
class Query:
    """One party to screen."""

    names: tuple[str, ...]
    schema: Schema = Schema.UNKNOWN
    birth_dates: tuple[FuzzyDate, ...] = ()
    countries: tuple[str, ...] = ()
    gender: str | None = None
    identifiers: tuple[Identifier, ...] = ()

    @classmethod
    def build(
        cls,
        names: Iterable[str] | str = (),
        *,
        schema: str | Schema | None = None,
        birth_date: str | Iterable[str] | None = None,
        countries: Iterable[str] | str | None = None,
        gender: str | None = None,
        identifiers: Iterable[Any] | None = None,
    ) -> Query:
        """Validate loose arguments into a Query; raises QueryError naming the bad field."""
        clean_names = tuple(
            n for n in (_check_name(f"name[{i}]", v) for i, v in enumerate(_as_list(names))) if n
        )
        if len(clean_names) > MAX_NAMES:
            raise QueryError(f"names: {len(clean_names)} names; the limit is {MAX_NAMES}")
        dates_in = _as_list(birth_date)
        dates = []
        for raw in dates_in:
            parsed = _query_date(str(raw))
            if parsed is None or not _is_calendar_date(parsed):
                raise QueryError(
                    f"birth_date: cannot read {raw!r} as a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
                )
            dates.append(parsed)
        country_in = _as_list(countries)
        codes = []
        for raw in country_in:
            code = _query_country(raw) if isinstance(raw, str) else country_code(raw)
            if code is None:
                raise QueryError(f"countries: unknown country {raw!r}")
            codes.append(code)
        idents = tuple(_identifier(f"identifiers[{i}]", v) for i, v in enumerate(identifiers or []))
        if gender is not None and gender.lower() not in {"male", "female", "m", "f"}:
            raise QueryError(f"gender: {gender!r} is not male or female")
        query = cls(
            names=clean_names,
            schema=parse_schema(schema),
            birth_dates=tuple(dates),
            countries=tuple(dict.fromkeys(codes)),
            gender={"m": "male", "f": "female"}.get(gender.lower(), gender.lower())
            if gender
            else None,
            identifiers=idents,
        )
        if not query.names and not query.identifiers:
            raise QueryError("name: a query needs a name or an identifier")
        return query

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Query:
        """A record dict: ``schema`` and any of ``name``/``names``, ``first_name``,
        ``middle_name``, ``father_name``, ``last_name``, ``birth_date``, ``countries``,
        ``gender``, ``identifiers``.
        """
        if type(record) is not dict and not isinstance(record, Mapping):
            raise QueryError(f"a record must be a dict, not {type(record).__name__}")
        names = _as_list(record.get("names"))
        if record.get("name"):
            names.insert(0, record["name"])
        parts = [record.get(k) for k in ("first_name", "middle_name", "father_name", "last_name")]
        if any(parts):
            names.append(" ".join(str(p) for p in parts if p))
        return cls.build(
            names,
            schema=record.get("schema"),
            birth_date=record.get("birth_date"),
            countries=record.get("countries"),
            gender=record.get("gender"),
            identifiers=record.get("identifiers"),
        )
