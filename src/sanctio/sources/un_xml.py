"""UN Security Council Consolidated List, XML (``consolidated.xml``).

One file, root ``<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">`` (the
as-of date), holding ``INDIVIDUALS/INDIVIDUAL`` (Person) and ``ENTITIES/ENTITY``
(Organization). Recognised by that root element. Each record maps as follows:

- ``REFERENCE_NUMBER`` (``QDi.001``) -> id ``un:QDi.001``; a record without one is an error.
- ``FIRST_NAME`` .. ``FOURTH_NAME`` -> the primary name, joined in the UN's order. Parts, for
  a person written in two or more fields: the first is the given name, the last the family
  name; of three or four, the second is the father's name and the third of four the
  grandfather's (kept as ``middle_name``). For the DPRK regime the UN writes the family name
  first (``KIM`` / ``SONG CHOL``), so the parts are swapped there. A name in one field (an
  entity's, many Taliban names) gets no parts.
- ``NAME_ORIGINAL_SCRIPT`` -> strong aliases with ``original_script`` and the script found
  in their letters (``Arab``, ``Cyrl``); several in one field are separated by commas.
- ``INDIVIDUAL_ALIAS`` / ``ENTITY_ALIAS``: ``QUALITY`` ``Good``, ``a.k.a.``, ``f.k.a.`` (or
  empty) -> ALIAS, ``Low`` / ``Very Low`` -> WEAK; the quality is the ``qualifier``. An alias's
  ``DATE_OF_BIRTH`` / ``CITY_OF_BIRTH`` / ``COUNTRY_OF_BIRTH`` add to the entity's, its
  ``NOTE`` becomes an ``alias_note`` property.
- ``INDIVIDUAL_DATE_OF_BIRTH``: ``TYPE_OF_DATE`` ``EXACT`` with ``DATE`` or ``YEAR``;
  ``APPROXIMATELY`` (or a ``NOTE`` saying ``Approximately``) -> circa; ``BETWEEN`` with
  ``FROM_YEAR`` / ``TO_YEAR`` -> a range. A date written in ``NOTE`` (``Nov. 1973``, or
  ``Sep.`` beside ``YEAR`` 1958) is read from there; any other note is kept as a
  ``date_of_birth`` property (``30-35 years old``, Hijri dates, ``1979-03-03: from false
  passport``).
- ``INDIVIDUAL_PLACE_OF_BIRTH`` -> birth place ``street, city, province, country, note``.
- ``NATIONALITY/VALUE`` (country names) -> nationalities; names that are no country
  (``na``, ``former Soviet Union`` where unknown) stay as ``nationality`` properties.
- ``INDIVIDUAL_DOCUMENT``: the more specific ``TYPE_OF_DOCUMENT2``, else ``TYPE_OF_DOCUMENT``
  -> IdType by its words (passport, fiscal/tax, national/identity; a ration card, birth
  certificate, driving licence ... is Other) and the label; ``NUMBER``; ``ISSUING_COUNTRY``
  (else ``COUNTRY_OF_ISSUE``); ``DATE_OF_ISSUE``, ``CITY_OF_ISSUE`` and ``NOTE`` -> note.
  14 documents have no ``NUMBER`` (it is inside the note): kept as ``document`` properties.
- ``INDIVIDUAL_ADDRESS`` / ``ENTITY_ADDRESS`` -> addresses; their ``NOTE`` -> ``address_note``.
- ``UN_LIST_TYPE`` (``Al-Qaida``, ``DPRK``, ``Taliban``; else the reference prefix) -> the
  programme; ``LISTED_ON`` -> listed_on; ``COMMENTS1`` -> remarks; ``GENDER`` -> gender;
  ``TITLE/VALUE`` -> ``title`` and ``DESIGNATION/VALUE`` -> ``position`` properties; the
  latest ``LAST_DAY_UPDATED/VALUE`` -> ``last_updated``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

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
    xml_text,
    xml_texts,
)

__all__ = ["FORMAT", "parse", "sniff"]

FORMAT = "un-xml"
SOURCE = "un"

_ROOT = "CONSOLIDATED_LIST"
_RECORDS = {"INDIVIDUAL": Schema.PERSON, "ENTITY": Schema.ORGANIZATION}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_WEAK_QUALITIES = {"low", "very low"}
_SCRIPT_SEPARATORS = re.compile(r"[,،;]")


def sniff(path: Path, head: bytes) -> str | None:
    """``un`` for an XML file whose root element is ``CONSOLIDATED_LIST``."""
    return SOURCE if xml_root(head) == _ROOT else None


def parse(files: Sequence[Path]) -> ParsedList:
    """Read the UN Consolidated List from its one XML file."""
    if len(files) != 1:
        raise ParseError(f"UN list: expected one XML file, got {len(files)}: {list(files)}")
    path = files[0]
    elements = iter_xml(path, root=_ROOT, records=_RECORDS)
    root = next(elements)
    generated = parse_date(root.get("dateGenerated"))
    entities = [_entity(path, element) for element in elements]
    if not entities:
        raise ParseError(f"{path}: no INDIVIDUAL or ENTITY records in <{_ROOT}>")
    return ParsedList(
        source=SOURCE,
        format=FORMAT,
        entities=entities,
        files=[path],
        as_of=generated.value if generated else None,
    )


def _entity(path: Path, record: etree._Element) -> Entity:
    tag = record.tag
    reference = xml_text(record, "REFERENCE_NUMBER")
    if reference is None:
        raise ParseError(
            f"{path}: line {record.sourceline}: <{tag}> (DATAID {xml_text(record, 'DATAID')}) "
            "has no REFERENCE_NUMBER"
        )
    schema = _RECORDS[tag]
    program = xml_text(record, "UN_LIST_TYPE") or reference.split(".")[0]
    primary = _primary_name(record, schema, program)
    if not primary.full:
        raise ParseError(f"{path}: line {record.sourceline}: {reference} has no FIRST_NAME")
    draft = EntityDraft(id=f"{SOURCE}:{reference}", source=SOURCE, schema=schema)
    draft.add_names(primary, *_original_script_names(record))
    draft.add_programs(program)
    for dob in record.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        _add_birth_date(draft, dob)
    draft.add_birth_places(*map(_place, record.iterfind("INDIVIDUAL_PLACE_OF_BIRTH")))
    for alias in record.iterfind(f"{tag}_ALIAS"):
        name = _alias(alias)
        if name is None:
            continue
        draft.add_names(name)
        if note := xml_text(alias, "NOTE"):
            draft.add_property("alias_note", f"{name.full}: {note}")
        draft.add_birth_dates(parse_date(xml_text(alias, "DATE_OF_BIRTH")))
        draft.add_birth_places(
            join_present(xml_text(alias, "CITY_OF_BIRTH"), xml_text(alias, "COUNTRY_OF_BIRTH"))
        )
    for value in xml_texts(record, "NATIONALITY/VALUE"):
        code = country_code(value) if len(value) > 2 else None
        if code:
            draft.add_nationalities(code)
        else:
            draft.add_property("nationality", value)
    for document in record.iterfind("INDIVIDUAL_DOCUMENT"):
        _add_identifier(draft, document)
    for address in record.iterfind(f"{tag}_ADDRESS"):
        draft.add_addresses(_address(address))
        draft.add_property("address_note", xml_text(address, "NOTE"))
    draft.add_property("title", *xml_texts(record, "TITLE/VALUE"))
    draft.add_property("position", *xml_texts(record, "DESIGNATION/VALUE"))
    updated = [parse_date(v) for v in xml_texts(record, "LAST_DAY_UPDATED/VALUE")]
    if dated := [d.value for d in updated if d]:
        draft.add_property("last_updated", max(dated))
    if listed := parse_date(xml_text(record, "LISTED_ON")):
        draft.add_listed(listed.value)
    draft.add_gender(xml_text(record, "GENDER"))
    draft.add_remarks(xml_text(record, "COMMENTS1"))
    return draft.build()


def _primary_name(record: etree._Element, schema: Schema, program: str) -> Name:
    """The name from FIRST_NAME .. FOURTH_NAME, with its parts for a person."""
    parts = [p for p in (xml_text(record, tag) for tag in _NAME_PARTS) if p]
    full = " ".join(parts)
    if schema is not Schema.PERSON or len(parts) < 2:
        return Name(full=full, script=script_of(full))
    if program == "DPRK":  # family name first: KIM / SONG CHOL
        return Name(
            full=full, first_name=" ".join(parts[1:]), last_name=parts[0], script=script_of(full)
        )
    return Name(
        full=full,
        first_name=parts[0],
        father_name=parts[1] if len(parts) > 2 else None,
        middle_name=" ".join(parts[2:-1]) or None,
        last_name=parts[-1],
        script=script_of(full),
    )


def _original_script_names(record: etree._Element) -> list[Name]:
    names = []
    for field in xml_texts(record, "NAME_ORIGINAL_SCRIPT"):
        for text in _SCRIPT_SEPARATORS.split(field):
            if full := clean(text):
                names.append(
                    Name(
                        full=full, kind=NameKind.ALIAS, script=script_of(full), original_script=True
                    )
                )
    return names


def _alias(alias: etree._Element) -> Name | None:
    full = xml_text(alias, "ALIAS_NAME")
    if full is None:
        return None
    quality = xml_text(alias, "QUALITY")
    weak = (quality or "").lower() in _WEAK_QUALITIES
    return Name(
        full=full,
        kind=NameKind.WEAK if weak else NameKind.ALIAS,
        script=script_of(full),
        qualifier=quality,
    )


def _add_birth_date(draft: EntityDraft, dob: etree._Element) -> None:
    """One INDIVIDUAL_DATE_OF_BIRTH; a note that says more than the date is kept as a property."""
    note = xml_text(dob, "NOTE")
    approximate = note is not None and note.lower().startswith("approx")
    year, start, until = xml_text(dob, "YEAR"), xml_text(dob, "FROM_YEAR"), xml_text(dob, "TO_YEAR")
    readings = (  # (text, whether it is the note's)
        (f"{start} to {until}" if start and until else None, False),
        (xml_text(dob, "DATE"), False),
        (f"{note} {year}" if note and year else None, True),  # YEAR 1958, NOTE "Sep."
        (year or start or until, False),
        (note, True),
    )
    found, from_note = next(
        ((date, is_note) for text, is_note in readings if (date := parse_date(text))),
        (None, False),
    )
    if note and not (from_note or approximate):
        draft.add_property("date_of_birth", f"{found}: {note}" if found else note)
    if found is None:
        return
    circa = approximate or found.circa or xml_text(dob, "TYPE_OF_DATE") == "APPROXIMATELY"
    draft.add_birth_dates(FuzzyDate(found.value, until=found.until, circa=circa))


def _place(place: etree._Element) -> str | None:
    tags = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")
    return join_present(*(xml_text(place, tag) for tag in tags))


def _address(address: etree._Element) -> Address | None:
    street, city = xml_text(address, "STREET"), xml_text(address, "CITY")
    region, postal = xml_text(address, "STATE_PROVINCE"), xml_text(address, "ZIP_CODE")
    country = xml_text(address, "COUNTRY")
    full = join_present(street, city, region, postal, country)
    if full is None:
        return None
    return Address(
        full=full,
        street=street,
        city=city,
        region=region,
        postal_code=postal,
        country=country_code(country),
    )


def _add_identifier(draft: EntityDraft, document: etree._Element) -> None:
    """One INDIVIDUAL_DOCUMENT; one without a number is kept as a ``document`` property."""
    kind, specific = xml_text(document, "TYPE_OF_DOCUMENT"), xml_text(document, "TYPE_OF_DOCUMENT2")
    label = specific or kind
    issued = join_present(
        f"issued {date}" if (date := xml_text(document, "DATE_OF_ISSUE")) else None,
        f"in {city}" if (city := xml_text(document, "CITY_OF_ISSUE")) else None,
        separator=" ",
    )
    note = join_present(issued, xml_text(document, "NOTE"))
    number = xml_text(document, "NUMBER")
    if number is None:
        draft.add_property("document", join_present(label, note))
        return
    id_type = _id_type(specific) or _id_type(kind) or IdType.OTHER
    country = country_code(
        xml_text(document, "ISSUING_COUNTRY") or xml_text(document, "COUNTRY_OF_ISSUE")
    )
    draft.add_identifiers(Identifier(id_type, number, country, label, note))


_PASSPORTS = re.compile(r"passport|passeport|pasaporte", re.I)
_OTHER_DOCUMENTS = re.compile(
    r"birth|ration|driv|voter|student|military|residen|certificate|serviceman", re.I
)
_TAX_IDS = re.compile(r"fiscal|tax", re.I)
_NATIONAL_IDS = re.compile(r"national|identi|civil|tazkira|personal|social security|id card", re.I)


def _id_type(label: str | None) -> IdType | None:
    """IdType for the UN's free-text document labels (English, French, Spanish), or None
    where the label says nothing recognisable.
    """
    if label is None:
        return None
    if _PASSPORTS.search(label):
        return IdType.PASSPORT
    if _OTHER_DOCUMENTS.search(label):
        return IdType.OTHER
    if _TAX_IDS.search(label):
        return IdType.TAX_ID
    if _NATIONAL_IDS.search(label):
        return IdType.NATIONAL_ID
    return None
