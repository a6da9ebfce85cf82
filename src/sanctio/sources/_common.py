"""What every parser shares: the entity draft, the parse result, text, date and country
cleaning, and reading files (text, CSV records, XML)."""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from followthemoney import registry
from lxml import etree

from sanctio.errors import ParseError
from sanctio.model import (
    Address,
    Entity,
    FuzzyDate,
    Identifier,
    Name,
    Relationship,
    Schema,
)
from sanctio.text.scripts import detect_script

if TYPE_CHECKING:
    from _csv import Reader as CsvReader  # what csv.reader returns

__all__ = [
    "EntityDraft",
    "ParsedList",
    "clean",
    "country_code",
    "country_codes",
    "csv_records",
    "filled_rows",
    "iter_xml",
    "join_present",
    "parse_date",
    "parse_dates",
    "read_text",
    "script_of",
    "slugify",
    "unique",
    "xml_root",
    "xml_text",
    "xml_texts",
]


@dataclass(slots=True)
class ParsedList:
    """One version of one list, as read from its official file(s).

    ``as_of`` is the data-as-of date that the file itself states (ISO ``YYYY-MM-DD``),
    or None where it states none: the registry then falls back to a date in the
    folder or file name, and last to the import time.
    """

    source: str
    format: str
    entities: list[Entity]
    files: list[Path]
    as_of: str | None = None
    warnings: list[str] = field(default_factory=list)

    def add(self, entity: Entity | None, record: str) -> None:
        """Keep ``entity``; None stands for a record without any name, skipped with a warning
        that ``record`` starts (``FILE: line N: sanctionEntity 123``)."""
        if entity is None:
            self.warnings.append(f"{record} has no name: skipped")
        else:
            self.entities.append(entity)


T = TypeVar("T")
_SPACES = re.compile(r"\s+")
_GENDERS = frozenset({"male", "female"})


@dataclass(slots=True)
class EntityDraft:
    """An entity being assembled from a list's records: values are added as they are read,
    in file order, None skipped, and :meth:`build` keeps each value once, first occurrence
    first.

    A parser that reads one party from many rows or elements (OFSI's row per name, the CSL's
    row per Treasury list, FtM's sanction and document records) adds to one draft throughout,
    then builds it once. ``listed`` holds every listing date seen (ISO prefixes): the entity
    is listed on the earliest.
    """

    id: str
    source: str
    schema: Schema
    names: list[Name] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    birth_dates: list[FuzzyDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    gender: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    properties: list[tuple[str, str]] = field(default_factory=list)

    remarks_separator: ClassVar[str] = "\n"  # how several remarks are joined into one text

    def add_names(self, *names: Name | None) -> None:
        """Names, in the order the list gives them (the primary name first where it says)."""
        _extend(self.names, names)

    def add_programs(self, *programs: str | None) -> None:
        """Programmes or regimes the party is listed under."""
        _extend(self.programs, programs)

    def add_birth_dates(self, *dates: FuzzyDate | None) -> None:
        """Birth dates (an unreadable date is None: skipped)."""
        _extend(self.birth_dates, dates)

    def add_birth_places(self, *places: str | None) -> None:
        """Birth places as the list writes them."""
        _extend(self.birth_places, places)

    def add_nationalities(self, *codes: str | None) -> None:
        """Nationalities as country codes (an unknown country is None: skipped)."""
        _extend(self.nationalities, codes)

    def add_citizenships(self, *codes: str | None) -> None:
        """Citizenships as country codes."""
        _extend(self.citizenships, codes)

    def add_countries(self, *codes: str | None) -> None:
        """Other country links (registration, flag, jurisdiction) as country codes."""
        _extend(self.countries, codes)

    def add_addresses(self, *addresses: Address | None) -> None:
        """Addresses."""
        _extend(self.addresses, addresses)

    def add_identifiers(self, *identifiers: Identifier | None) -> None:
        """Documents and registry numbers."""
        _extend(self.identifiers, identifiers)

    def add_relationships(self, *relationships: Relationship | None) -> None:
        """Links to other parties."""
        _extend(self.relationships, relationships)

    def add_remarks(self, *texts: str | None) -> None:
        """Free text; several remarks are joined by ``remarks_separator``."""
        _extend(self.remarks, texts)

    def add_listed(self, *dates: str | None) -> None:
        """Listing dates as ISO prefixes; the entity is listed on the earliest."""
        _extend(self.listed, dates)

    def add_property(self, key: str, *values: str | None) -> None:
        """Values kept under ``key`` (title, position, vessel flag ...)."""
        self.properties.extend((key, value) for value in values if value is not None)

    def add_gender(self, text: str | None) -> bool:
        """The gender where ``text`` is ``male`` or ``female`` in any case, unless one is
        already known (the first stated is kept). False where the text is neither."""
        gender = (text or "").lower()
        if gender not in _GENDERS:
            return False
        if self.gender is None:
            self.gender = gender
        return True

    def build(self) -> Entity:
        """The finished entity, each value once, in the order added."""
        return Entity(
            id=self.id,
            source=self.source,
            schema=self.schema,
            names=unique(self.names),
            programs=unique(self.programs),
            birth_dates=unique(self.birth_dates),
            birth_places=unique(self.birth_places),
            nationalities=unique(self.nationalities),
            citizenships=unique(self.citizenships),
            countries=unique(self.countries),
            addresses=unique(self.addresses),
            gender=self.gender,
            identifiers=unique(self.identifiers),
            listed_on=min(self.listed, default=None),
            remarks=self.remarks_separator.join(unique(self.remarks)) or None,
            relationships=unique(self.relationships),
            properties=unique(self.properties),
        )


def _extend(values: list[T], added: Iterable[T | None]) -> None:
    values.extend(value for value in added if value is not None)


def clean(text: str | None) -> str | None:
    """Collapse white space and strip; empty strings and OFAC's ``-0-`` become None."""
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    if not text or text == "-0-":
        return None
    return text


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, separator: str = "_") -> str:
    """Lower-case letters and digits, each other run as ``separator``, none at the ends:
    ``Secondary sanctions risk:`` -> ``secondary_sanctions_risk``."""
    return _NOT_SLUG.sub(separator, text.lower()).strip(separator)


def join_present(*parts: str | None, separator: str = ", ") -> str | None:
    """The parts that are there, joined; None where none is."""
    return separator.join(p for p in parts if p) or None


def unique(items: Iterable[T | None]) -> tuple[T, ...]:
    """Items once each, first occurrence first, Nones dropped."""
    return tuple(dict.fromkeys(i for i in items if i is not None))


def read_text(path: Path, encodings: tuple[str, ...] = ("utf-8-sig", "cp1252")) -> str:
    """Read a text file, trying each encoding in turn (old UK and OFAC files are cp1252)."""
    raw = path.read_bytes()
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError(f"{path}: cannot decode as any of {', '.join(encodings)}")


def csv_records(
    path: Path,
    reader: CsvReader,
    *,
    first_line: int = 0,
    hint: str = "(a truncated or damaged file)",
) -> Iterator[tuple[int, list[str]]]:
    """Each record of a ``csv.reader`` with the number of its (last) line, counted from
    ``first_line``; a record the reader cannot read (a quoted field left open) is a
    ParseError naming the line, with ``hint`` at its end.
    """
    try:
        for cells in reader:
            yield first_line + reader.line_num, cells
    except csv.Error as error:
        line = first_line + reader.line_num
        raise ParseError(f"{path}: line {line}: {error} {hint}") from error


def filled_rows(
    path: Path,
    rows: Iterable[tuple[int, list[str]]],
    width: int,
    *,
    hint: str = "(a truncated file or a changed layout)",
) -> Iterator[tuple[int, list[str]]]:
    """The (line, cells) rows that hold something, each checked to have ``width`` fields
    (a ParseError naming the line, with ``hint`` at its end, where it has not)."""
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != width:
            raise ParseError(f"{path}: line {line}: {len(cells)} fields, expected {width} {hint}")
        yield line, cells


# Official spellings that followthemoney does not know (UK lists write these).
_COUNTRY_ALIASES = {
    "congo (democratic republic)": "cd",
    "occupied palestinian territories": "ps",
}


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code (lower case) for a country name, adjective or code."""
    text = clean(text)
    if text is None:
        return None
    return registry.country.clean(text) or _COUNTRY_ALIASES.get(text.lower())


def country_codes(texts: Iterable[str | None]) -> tuple[str, ...]:
    """Codes for several country texts, unknown ones dropped, each once."""
    return unique(country_code(t) for t in texts)


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_CIRCA = re.compile(r"^(circa|ca\.?|approx(imately)?\.?|about|c\.)\s*", re.I)
_RANGE = re.compile(r"\s+(?:to|-|–|until)\s+", re.I)
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[./-](\d{4})$")  # 05/1973: month and year
_TEXT = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_MDY_TEXT = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")


def _point(text: str, *, day_first: bool = True) -> str | None:
    """One date in any of the lists' spellings as an ISO prefix, or None."""
    text = text.strip().rstrip(".")
    if m := _ISO.match(text):
        year, month, day = m.groups()
        return _iso(year, month, day)
    if m := _DMY.match(text):
        a, b, year = m.groups()
        day, month = (a, b) if day_first else (b, a)
        return _iso(year, month, day)
    if m := _MY.match(text):
        month, year = m.groups()
        return _iso(year, month, None)
    if m := _TEXT.match(text):
        day, month_name, year = m.groups()
        month = _MONTHS.get(month_name.lower())
        return _iso(year, str(month), day) if month else None
    if m := _MDY_TEXT.match(text):
        month_name, day, year = m.groups()
        month = _MONTHS.get(month_name.lower())
        return _iso(year, str(month), day) if month else None
    return None


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if not 1800 <= y <= 2100:
        return None
    if month is None or int(month) == 0:
        return f"{y:04d}"
    mo = int(month)
    if not 1 <= mo <= 12:
        return None
    if day is None or int(day) == 0:
        return f"{y:04d}-{mo:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def parse_date(text: str | None, *, day_first: bool = True) -> FuzzyDate | None:
    """Read a date as lists write it: ``11 Sep 1965``, ``Sep 1965``, ``1965``,
    ``circa 1965``, ``1960 to 1965``, ``11/09/1965`` (day first unless told),
    ``1965-09-11``. Returns None where the text holds no date.
    """
    text = clean(text)
    if text is None:
        return None
    circa = False
    if m := _CIRCA.match(text):
        circa = True
        text = text[m.end() :]
    parts = _RANGE.split(text, maxsplit=1)
    start = _point(parts[0], day_first=day_first)
    if start is None:
        return None
    until = _point(parts[1], day_first=day_first) if len(parts) == 2 else None
    return FuzzyDate(start, until=until if until != start else None, circa=circa)


def parse_dates(texts: Iterable[str | None], *, day_first: bool = True) -> tuple[FuzzyDate, ...]:
    """Several dates, unreadable ones dropped, each once."""
    return unique(parse_date(t, day_first=day_first) for t in texts)


def script_of(text: str | None) -> str | None:
    """ISO 15924 code of the writing system most of a name's letters are in (``Arab``,
    ``Cyrl``, ``Hani``, ``Jpan``, ``Kore`` ...), or None where they are Latin or there are none.
    """
    if not text:
        return None
    code = detect_script(text)
    return None if code in ("Latn", "Zyyy") else code


_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)[\s>/]")


def xml_root(head: bytes) -> str | None:
    """The local name of the root element in the first bytes of an XML file, for sniffing.

    Skips the XML declaration, comments, processing instructions and a doctype;
    None where the bytes do not start like XML.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    while text.startswith((b"<?", b"<!")):
        end = text.find(b"-->") + 3 if text.startswith(b"<!--") else text.find(b">") + 1
        if end <= 0:
            return None
        text = text[end:].lstrip()
    match = _XML_ROOT.match(text)
    return match.group(1).decode("ascii", "replace").rsplit(":", 1)[-1] if match else None


def xml_text(element: etree._Element, path: str) -> str | None:
    """The cleaned text of the first element at ``path`` (an ElementPath), or None."""
    return clean(element.findtext(path))


def xml_texts(element: etree._Element, path: str) -> list[str]:
    """The cleaned texts of every element at ``path``, empty ones dropped."""
    return [v for v in (clean(e.text) for e in element.iterfind(path)) if v]


def iter_xml(path: Path, *, root: str, records: Collection[str]) -> Iterator[etree._Element]:
    """Stream a big XML file: first its root element (attributes only), then each element
    whose local name is in ``records``, whole; each is freed once the caller moves on.

    A record nested inside another record is part of it, not yielded on its own.
    Raises ParseError for an empty file, XML that is not well formed or does not close,
    and a root element other than ``root``.
    """
    with path.open("rb") as stream:
        if not stream.read(65536).strip(b" \t\r\n\xef\xbb\xbf"):
            raise ParseError(f"{path}: empty file")
    depth = 0
    record_depth: int | None = None
    try:
        events = etree.iterparse(
            str(path), events=("start", "end"), huge_tree=True, resolve_entities=False
        )
        for event, element in events:
            name = element.tag.rpartition("}")[2]
            if event == "start":
                depth += 1
                if depth == 1:
                    if name != root:
                        raise ParseError(
                            f"{path}: line {element.sourceline}: root element is <{name}>, "
                            f"expected <{root}>: not this format"
                        )
                    yield element
                elif record_depth is None and name in records:
                    record_depth = depth
                continue
            if depth == record_depth:
                yield element
                record_depth = None
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
            depth -= 1
    except etree.XMLSyntaxError as error:
        raise ParseError(
            f"{path}: line {error.lineno}: not well-formed XML (truncated, damaged or "
            f"another format): {error.msg}"
        ) from error
