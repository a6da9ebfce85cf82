"""OFAC XML: the classic ``sdnList`` XML and the Enhanced XML, for the SDN list (``ofac-sdn``)
and the Consolidated non-SDN list (``ofac-cons``). One file a version; a ZIP holding one XML
(``SDN_ENHANCED.ZIP``, ``CONS_ENHANCED.ZIP``, a zipped ``SDN.XML``) is read as its XML.

Classic XML (``SDN.XML``, ``CONSOLIDATED.XML``; root ``sdnList``, namespace ignored):
``publshInformation/Publish_Date`` (``MM/DD/YYYY``) is ``as_of``; a ``Record_Count`` that
disagrees with the entries is a warning. Each ``sdnEntry`` has ``uid`` (the entity number, as
in the CSV: ids agree across formats), ``lastName``/``firstName`` (the name reads ``LAST,
First`` as in the CSV), ``title``, ``sdnType`` (Individual, Entity, Vessel, Aircraft),
``remarks`` (free text, at times ``(Linked To: NAME)``, read as CSV remarks are),
``programList/program``, ``akaList/aka`` (``type`` a.k.a./f.k.a./n.k.a., ``category``
strong/weak), ``addressList/address`` (``address1..3``, ``city``, ``stateOrProvince``,
``postalCode``, ``country``), ``nationalityList``, ``citizenshipList``, ``dateOfBirthList``,
``placeOfBirthList``, ``idList/id`` (``idType``, ``idNumber``, ``idCountry``, ``issueDate``,
``expirationDate``; beside documents it holds labelled features such as ``Gender``,
``Website`` or ``Secondary sanctions risk:``; an unknown ``idType`` is an ``other``
identifier) and ``vesselInfo`` (call sign, type, flag, owner, tonnage, GRT). Labels map as in
:mod:`sanctio.sources.ofac_csv`. Recognised by its root element; SDN and Consolidated files
share the schema, so the file name (``SDN*`` / ``CONS*``) tells them apart, else the programme
tags do.

Enhanced XML (root ``sanctionsData`` in the ``ENHANCED_XML`` namespace):
``publicationInfo/dataAsOf`` is ``as_of``; ``publicationInfo/filters/sanctionsLists`` names
the list (``SDN List`` or ``Consolidated List``) and so the source. Each ``entity`` (``id`` =
the entity number) has ``generalInfo`` (``entityType``, ``remarks``), ``sanctionsLists`` (the
earliest ``datePublished`` is ``listed_on``; the list names are ``sanctions_list``
properties), ``sanctionsPrograms``, ``sanctionsTypes`` and ``legalAuthorities`` (properties),
``names/name`` (``isPrimary``, ``aliasType``, ``isLowQuality`` → weak) with
``translations/translation``: the Latin one is the name, each other (Cyrillic, Chinese ...)
another name of the same kind (an alias for the primary name) with ``script`` set from its
letters (ISO 15924: ``Cyrl``, ``Hani`` ...); ``formattedFirstName``/``formattedLastName`` and
the ``Middle Name``/``Patronymic`` parts give name parts. ``addresses`` (the primary
translation's parts), ``features`` (``Birthdate``, ``Place of Birth``, ``Nationality Country``,
``Citizenship Country``, ``Gender`` and labelled features as above; an unknown feature type is
a property), ``identityDocuments`` (``issuingAuthority`` and ``isValid`` false go to the note)
and ``relationships``: typed links to other entity ids (``Owned or Controlled By`` →
ownership, incoming; ``Associate Of``, ``Family member of``, ``Leader or official of`` ...;
others → linked_to, the OFAC wording in ``role``). A related entity absent from this file is
on the other OFAC list, so its id takes the other source (``ofac-sdn:4695`` from a
Consolidated file). A damaged ZIP is recognised by its member's name and fails to parse.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from lxml import etree

from sanctio.errors import ParseError
from sanctio.model import (
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
    ParsedList,
    clean,
    country_code,
    parse_date,
    script_of,
    slugify,
    xml_root,
    xml_text,
    xml_texts,
)
from sanctio.sources.ofac_csv import OfacDraft, address_of, source_for

__all__ = ["FORMAT", "parse", "sniff"]

FORMAT = "ofac-xml"

_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
_ALIAS_KINDS = {"strong": NameKind.ALIAS, "weak": NameKind.WEAK}
_RELATIONSHIPS: dict[str, tuple[RelationshipKind, bool]] = {
    "owned or controlled by": (RelationshipKind.OWNERSHIP, True),
    "owns, controls, or operates": (RelationshipKind.OWNERSHIP, False),
    "family member of": (RelationshipKind.FAMILY, False),
    "associate of": (RelationshipKind.ASSOCIATE, False),
    "leader or official of": (RelationshipKind.DIRECTORSHIP, False),
    "principal executive officer": (RelationshipKind.DIRECTORSHIP, False),
}
_LIST_SOURCES = {"sdn list": "ofac-sdn", "consolidated list": "ofac-cons"}
_OTHER_SOURCE = {"ofac-sdn": "ofac-cons", "ofac-cons": "ofac-sdn"}
_PROGRAM_LIST = re.compile(rb"<(?:\w+:)?programList>(.*?)</(?:\w+:)?programList>", re.S)
_PROGRAM = re.compile(rb"<(?:\w+:)?program>([^<]*)<")
_LIST_FILTER = re.compile(rb"<(?:\w+:)?sanctionsList\b[^>]*>([^<]+)<")
_OFAC_MEMBER = re.compile(r"^(SDN|CONS|CONSOLIDATED)(_ENHANCED)?\.XML$", re.I)
_HEAD = 64 * 1024


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _any_namespace(path: str) -> str:
    """An ElementPath of local names (``/``-separated) matched in any namespace."""
    return "/".join(f"{{*}}{step}" for step in path.split("/"))


def _text(element: etree._Element, path: str) -> str | None:
    """The cleaned text of the first element at ``path``, in any namespace."""
    return xml_text(element, _any_namespace(path))


def _texts(element: etree._Element, path: str) -> list[str]:
    """The cleaned texts of every element at ``path``, in any namespace."""
    return xml_texts(element, _any_namespace(path))


def _each(element: etree._Element, path: str) -> list[etree._Element]:
    return element.findall(_any_namespace(path))


# ---------------------------------------------------------------------------------------------
# Recognition


def _zip_head(head: bytes) -> tuple[str, bytes | None] | None:
    """(name, first bytes inflated, or None where they cannot be) of the first member of the
    ZIP that ``head`` starts, or None where ``head`` starts no ZIP."""
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        return None
    method = int.from_bytes(head[8:10], "little")
    name_end = 30 + int.from_bytes(head[26:28], "little")
    name = head[30:name_end].decode("cp437", "replace")
    data = head[name_end + int.from_bytes(head[28:30], "little") :]
    if method == 0:
        return name, data
    try:
        return name, zlib.decompressobj(-15).decompress(data, _HEAD) if method == 8 else None
    except zlib.error:
        return name, None


def _kind_and_source(path: Path, head: bytes) -> tuple[str, str] | None:
    """(``classic`` or ``enhanced``, source id) for an OFAC XML file or ZIP, else None."""
    member = _zip_head(head)
    if member is not None:
        name, inner = member
        if inner is None:  # damaged: only the member's name can tell
            found = _OFAC_MEMBER.search(name)
            kind = "enhanced" if found and found.group(2) else "classic"
            return (kind, source_for(Path(name))) if found else None
        xml = inner
    else:
        xml = head
    root = xml_root(xml)
    if root == "sdnList":
        programmes = [
            [p.decode("utf-8", "replace") for p in _PROGRAM.findall(block)]
            for block in _PROGRAM_LIST.findall(xml)
        ]
        return "classic", source_for(Path(member[0]) if member else path, programmes)
    if root == "sanctionsData" and b"ENHANCED_XML" in xml[:4096]:
        listed = xml.split(b"<referenceValues", 1)[0]
        for match in _LIST_FILTER.finditer(listed):
            source = _LIST_SOURCES.get(match.group(1).decode("utf-8", "replace").strip().lower())
            if source:
                return "enhanced", source
        return "enhanced", source_for(Path(member[0]) if member else path)
    return None


def sniff(path: Path, head: bytes) -> str | None:
    """The source id if ``head`` starts an OFAC classic or Enhanced XML file (or its ZIP)."""
    found = _kind_and_source(path, head)
    return found[1] if found else None


# ---------------------------------------------------------------------------------------------
# Reading


def parse(files: Sequence[Path]) -> ParsedList:
    """Read one version of the SDN or Consolidated list from one OFAC XML file or ZIP."""
    if len(files) != 1:
        names = ", ".join(str(p) for p in files) or "none"
        raise ParseError(f"OFAC XML: expected exactly one file, got {names}")
    path = files[0]
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
    if not head.strip():
        raise ParseError(f"{path}: empty file, no OFAC XML")
    if head[:2] == b"PK":
        return _parse_zip(path)
    found = _kind_and_source(path, head)
    if found is None:
        raise ParseError(f"{path}: not an OFAC XML file (root is not sdnList or sanctionsData)")
    kind, source = found
    with path.open("rb") as handle:
        return _read(path, handle, kind, source)


def _parse_zip(path: Path) -> ParsedList:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if i.filename.lower().endswith(".xml")]
            if len(members) != 1:
                raise ParseError(
                    f"{path}: the ZIP holds {len(members)} XML files, expected one "
                    f"({', '.join(archive.namelist()) or 'it is empty'})"
                )
            with archive.open(members[0]) as handle:
                head = handle.read(_HEAD)
            found = _kind_and_source(path, head)
            if found is None:
                raise ParseError(f"{path}: {members[0].filename} is not an OFAC XML file")
            with archive.open(members[0]) as handle:
                return _read(path, handle, *found)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ParseError(f"{path}: damaged ZIP: {error}") from error


def _read(path: Path, handle: IO[bytes], kind: str, source: str) -> ParsedList:
    reader = _ClassicReader(source) if kind == "classic" else _EnhancedReader(source)
    try:
        for element in _elements(handle, reader.record, reader.header):
            reader.read(element)
    except etree.XMLSyntaxError as error:
        raise ParseError(f"{path}: malformed or truncated XML: {error}") from error
    except ValueError as error:
        raise ParseError(f"{path}: {error}") from error
    return ParsedList(
        source=source,
        format=FORMAT,
        entities=reader.entities(),
        files=[path],
        as_of=reader.as_of,
        warnings=reader.warnings,
    )


def _elements(handle: IO[bytes], record: str, header: str) -> Iterator[etree._Element]:
    """Each finished record element and the header element, freed once read."""
    for _, element in etree.iterparse(handle, events=("end",), huge_tree=True):
        name = _local(element.tag)
        if name in (record, header):
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]


class _ClassicReader:
    """Reads ``sdnEntry`` elements of the classic XML."""

    record = "sdnEntry"
    header = "publshInformation"

    def __init__(self, source: str) -> None:
        self.source = source
        self.as_of: str | None = None
        self.warnings: list[str] = []
        self.drafts: list[OfacDraft] = []
        self.record_count: int | None = None

    def read(self, element: etree._Element) -> None:
        if _local(element.tag) == self.header:
            date = parse_date(_text(element, "Publish_Date"), day_first=False)
            self.as_of = date.value if date and date.precision == "day" else None
            count = _text(element, "Record_Count")
            self.record_count = int(count) if count and count.isdigit() else None
            return
        uid = _text(element, "uid")
        if uid is None:
            raise ValueError(f"line {element.sourceline}: sdnEntry without uid")
        sdn_type = (_text(element, "sdnType") or "").lower()
        if sdn_type not in _SCHEMAS:
            raise ValueError(f"line {element.sourceline}: sdnEntry {uid}: unknown sdnType")
        draft = OfacDraft(id=f"{self.source}:{uid}", source=self.source, schema=_SCHEMAS[sdn_type])
        self._add_name(draft, element, NameKind.PRIMARY, None)
        if not draft.names:
            raise ValueError(f"line {element.sourceline}: sdnEntry {uid} has no lastName")
        for aka in _each(element, "akaList/aka"):
            category = (_text(aka, "category") or "strong").lower()
            self._add_name(draft, aka, _ALIAS_KINDS.get(category, NameKind.ALIAS), "type")
        draft.add_programs(*_texts(element, "programList/program"))
        draft.add_feature("Title", _text(element, "title"))
        for item in _each(element, "idList/id"):
            self._add_id(draft, item)
        for address in _each(element, "addressList/address"):
            found = address_of(
                [_text(address, f"address{n}") for n in (1, 2, 3)],
                _text(address, "city"),
                _text(address, "stateOrProvince"),
                _text(address, "postalCode"),
                _text(address, "country"),
            )
            draft.add_addresses(found)
        for label, path in (
            ("nationality", "nationalityList/nationality/country"),
            ("citizen", "citizenshipList/citizenship/country"),
            ("DOB", "dateOfBirthList/dateOfBirthItem/dateOfBirth"),
            ("POB", "placeOfBirthList/placeOfBirthItem/placeOfBirth"),
        ):
            for value in _texts(element, path):
                if not draft.add_feature(label, value):
                    draft.add_remarks(f"{label} {value}")
        vessel = element.find("{*}vesselInfo")
        if vessel is not None:
            for label, tag in (
                ("Call Sign", "callSign"),
                ("Vessel Type", "vesselType"),
                ("Vessel Flag", "vesselFlag"),
                ("Vessel Owner", "vesselOwner"),
                ("Vessel Tonnage", "tonnage"),
                ("Vessel Gross Registered Tonnage", "grossRegisteredTonnage"),
            ):
                draft.add_feature(label, _text(vessel, tag))
        draft.read_remarks(_text(element, "remarks"))
        self.drafts.append(draft)

    @staticmethod
    def _add_name(
        draft: OfacDraft, element: etree._Element, kind: NameKind, qualifier: str | None
    ) -> None:
        last, first = _text(element, "lastName"), _text(element, "firstName")
        full = f"{last}, {first}" if last and first else last or first
        parts = draft.schema is Schema.PERSON and first is not None  # else split ``full``
        draft.add_ofac_name(
            full,
            kind,
            _text(element, qualifier) if qualifier else None,
            first=first if parts else None,
            last=last if parts else None,
        )

    @staticmethod
    def _add_id(draft: OfacDraft, item: etree._Element) -> None:
        label, number = _text(item, "idType"), _text(item, "idNumber")
        if label is None or number is None:
            return
        dates = [
            f"{word} {date}"
            for word, tag in (("issued", "issueDate"), ("expires", "expirationDate"))
            if (date := _text(item, tag))
        ]
        country = _text(item, "idCountry")
        note = " ".join(dates) or None
        if not draft.add_feature(label, number, country, note):
            draft.add_identifiers(
                Identifier(IdType.OTHER, number, country_code(country), label, note)
            )

    def entities(self) -> list[Entity]:
        if self.record_count is not None and self.record_count != len(self.drafts):
            self.warnings.append(
                f"Record_Count says {self.record_count} entries, the file has {len(self.drafts)}"
            )
        return [draft.build() for draft in self.drafts]


class _EnhancedReader:
    """Reads ``entity`` elements of the Enhanced XML."""

    record = "entity"
    header = "publicationInfo"

    def __init__(self, source: str) -> None:
        self.source = source
        self.as_of: str | None = None
        self.warnings: list[str] = []
        self.drafts: list[OfacDraft] = []
        # (draft, relationship id, type, related entity id, related entity name)
        self.links: list[tuple[OfacDraft, str | None, str | None, str | None, str | None]] = []

    def read(self, element: etree._Element) -> None:
        if _local(element.tag) == self.header:
            date = parse_date((_text(element, "dataAsOf") or "")[:10])
            self.as_of = date.value if date and date.precision == "day" else None
            return
        uid = clean(element.get("id"))
        if uid is None:
            raise ValueError(f"line {element.sourceline}: entity without id")
        entity_type = (_text(element, "generalInfo/entityType") or "").lower()
        if entity_type not in _SCHEMAS:
            raise ValueError(f"line {element.sourceline}: entity {uid}: unknown entityType")
        draft = OfacDraft(
            id=f"{self.source}:{uid}", source=self.source, schema=_SCHEMAS[entity_type]
        )
        for name in _each(element, "names/name"):
            self._add_names(draft, name)
        if not draft.names:
            raise ValueError(f"line {element.sourceline}: entity {uid} has no name")
        draft.add_listed(
            *(e.get("datePublished") or None for e in _each(element, "sanctionsLists/*"))
        )
        draft.add_programs(*_texts(element, "sanctionsPrograms/sanctionsProgram"))
        for key, path in (
            ("sanctions_list", "sanctionsLists/sanctionsList"),
            ("sanctions_type", "sanctionsTypes/sanctionsType"),
            ("legal_authority", "legalAuthorities/legalAuthority"),
        ):
            draft.add_property(key, *_texts(element, path))
        for address in _each(element, "addresses/address"):
            self._add_address(draft, address)
        for feature in _each(element, "features/feature"):
            self._add_feature(draft, feature)
        for document in _each(element, "identityDocuments/identityDocument"):
            self._add_document(draft, document)
        for link in _each(element, "relationships/relationship"):
            related = link.find("{*}relatedEntity")
            target, target_name = (
                (clean(related.get("entityId")), clean(related.text))
                if related is not None
                else (None, None)
            )
            self.links.append(
                (draft, clean(link.get("id")), _text(link, "type"), target, target_name)
            )
        draft.read_remarks(_text(element, "generalInfo/remarks"))
        self.drafts.append(draft)

    @staticmethod
    def _add_names(draft: OfacDraft, name: etree._Element) -> None:
        primary = _text(name, "isPrimary") == "true"
        alias_type = _text(name, "aliasType")
        if primary:
            kind = NameKind.PRIMARY
        elif _text(name, "isLowQuality") == "true":
            kind = NameKind.WEAK
        else:
            kind = NameKind.ALIAS
        qualifier = alias_type.lower() if alias_type else None
        translations = sorted(
            _each(name, "translations/translation"),
            key=lambda t: _text(t, "isPrimary") != "true",
        )
        for translation in translations:
            full = _text(translation, "formattedFullName")
            if full is None:
                continue
            latin = (_text(translation, "script") or "Latin").lower() == "latin"
            script = None if latin else script_of(full)
            parts = {
                (_text(part, "type") or "").lower(): _text(part, "value")
                for part in _each(translation, "nameParts/namePart")
            }
            first = _text(translation, "formattedFirstName")
            person = draft.schema is Schema.PERSON and first is not None  # as the CSV splits
            draft.add_names(
                Name(
                    full=full,
                    kind=NameKind.ALIAS if kind is NameKind.PRIMARY and script else kind,
                    first_name=first if person else None,
                    middle_name=parts.get("middle name") if person else None,
                    father_name=parts.get("patronymic") if person else None,
                    last_name=(_text(translation, "formattedLastName") if person else None),
                    script=script,
                    qualifier=qualifier,
                )
            )

    @staticmethod
    def _add_address(draft: OfacDraft, address: etree._Element) -> None:
        translations = _each(address, "translations/translation")
        latin = [t for t in translations if _text(t, "isPrimary") == "true"] or translations
        parts: dict[str, str] = {}
        for part in _each(latin[0], "addressParts/addressPart") if latin else []:
            kind, value = (_text(part, "type") or "").upper(), _text(part, "value")
            if value:
                parts[kind] = value
        found = address_of(
            [parts.get(f"ADDRESS{n}") for n in (1, 2, 3)],
            parts.get("CITY"),
            parts.get("STATE/PROVINCE") or parts.get("REGION"),
            parts.get("POSTAL CODE"),
            _text(address, "country"),
        )
        draft.add_addresses(found)

    @staticmethod
    def _add_feature(draft: OfacDraft, feature: etree._Element) -> None:
        label, value = _text(feature, "type"), _text(feature, "value")
        if label is None or value is None:
            return
        if draft.add_feature(label, value):
            return
        if label.lower() == "birthdate":
            draft.add_remarks(f"DOB {value}")
        else:
            draft.add_property(slugify(label), value)

    @staticmethod
    def _add_document(draft: OfacDraft, document: etree._Element) -> None:
        label, number = _text(document, "type"), _text(document, "documentNumber")
        if label is None or number is None:
            return
        country = _text(document, "issuingCountry")
        location = _text(document, "issuingLocation")
        notes = [
            text
            for text in (
                _text(document, "issuingAuthority"),
                location if location != country else None,
                "not valid" if _text(document, "isValid") == "false" else None,
            )
            if text
        ]
        note = "; ".join(notes) or None
        if not draft.add_feature(label, number, country, note):
            draft.add_identifiers(
                Identifier(IdType.OTHER, number, country_code(country), label, note)
            )

    def entities(self) -> list[Entity]:
        listed = {draft.id for draft in self.drafts}
        for draft, link_id, role, target, target_name in self.links:
            kind, incoming = _RELATIONSHIPS.get(
                (role or "").lower(), (RelationshipKind.LINKED_TO, False)
            )
            target_id = f"{self.source}:{target}" if target else None
            if target_id and target_id not in listed:
                target_id = f"{_OTHER_SOURCE.get(self.source, self.source)}:{target}"
            draft.add_relationships(
                Relationship(
                    kind,
                    target_id=target_id,
                    target_name=target_name,
                    role=role,
                    incoming=incoming,
                    source_id=link_id,
                )
            )
        return [draft.build() for draft in self.drafts]
