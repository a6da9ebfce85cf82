"""The OFAC XML formats, classic (sdnList) and Enhanced (in its ZIP): what each element becomes."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from sanctio.errors import ParseError
from sanctio.model import (
    Address,
    Entity,
    FuzzyDate,
    Identifier,
    IdType,
    Name,
    NameKind,
    Relationship,
    RelationshipKind,
    Schema,
)
from sanctio.sources import ofac_csv, ofac_xml
from sanctio.sources._common import ParsedList

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
XML = FIXTURES / "ofac_xml"
CLASSIC = "ofac/consolidated-xml-2026-01-08/CONSOLIDATED.XML"
ENHANCED = "ofac/consolidated-enhanced-2025-01-10/CONS_ENHANCED.ZIP"
CONS_CSV = "ofac/consolidated-2025-12"


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def _names(entity: Entity, kind: NameKind) -> list[str]:
    return [name.full for name in entity.names if name.kind is kind]


def _properties(entity: Entity, key: str) -> list[str]:
    return [value for k, value in entity.properties if k == key]


def _zip(tmp_path: Path, name: str = "SDN_ENHANCED.ZIP") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(XML / "SDN_ENHANCED.XML", "SDN_ENHANCED.XML")
    return path


@pytest.fixture(scope="module")
def classic() -> ParsedList:
    return ofac_xml.parse([XML / "sdn.xml"])


@pytest.fixture(scope="module")
def enhanced() -> ParsedList:
    return ofac_xml.parse([XML / "SDN_ENHANCED.XML"])


# Recognition


def test_sniff_recognises_classic_and_enhanced_files_and_zips(tmp_path: Path):
    for path in (XML / "sdn.xml", XML / "SDN_ENHANCED.XML", _zip(tmp_path)):
        assert ofac_xml.sniff(path, path.read_bytes()[:65536]) == "ofac-sdn", path.name


def test_sniff_reads_the_enhanced_list_filter_not_the_file_name(tmp_path: Path):
    renamed = _zip(tmp_path, "download.zip")
    assert ofac_xml.sniff(renamed, renamed.read_bytes()) == "ofac-sdn"  # "SDN List" filter
    consolidated = tmp_path / "list.xml"
    consolidated.write_bytes(
        (XML / "SDN_ENHANCED.XML").read_bytes().replace(b">SDN List<", b">Consolidated List<")
    )
    assert ofac_xml.sniff(consolidated, consolidated.read_bytes()) == "ofac-cons"
    assert ofac_xml.parse([consolidated]).entities[0].id == "ofac-cons:90001"


def test_classic_file_named_neither_way_is_judged_by_its_programme_tags(tmp_path: Path):
    renamed = tmp_path / "list.xml"
    shutil.copy(XML / "sdn.xml", renamed)
    assert ofac_xml.sniff(renamed, renamed.read_bytes()) == "ofac-sdn"  # SDGT, IRAN, SDNTK
    renamed.write_bytes(
        re.sub(rb"<program>[^<]*</program>", b"<program>NS-PLC</program>", renamed.read_bytes())
    )
    assert ofac_xml.sniff(renamed, renamed.read_bytes()) == "ofac-cons"


def test_sniff_knows_a_damaged_enhanced_zip_by_its_member_name():
    damaged = XML / "damaged.zip"
    assert ofac_xml.sniff(damaged, damaged.read_bytes()) == "ofac-sdn"


def test_sniff_rejects_other_files():
    for path in (
        XML / "not_ofac.xml",
        XML / "empty.xml",
        FIXTURES / "ofac_csv" / "sdn_full" / "SDN.CSV",
    ):
        assert ofac_xml.sniff(path, path.read_bytes()[:65536]) is None, path.name


# The classic XML


def test_classic_header_gives_as_of_and_source(classic: ParsedList):
    assert (classic.source, classic.format, classic.as_of) == ("ofac-sdn", "ofac-xml", "2024-05-03")
    assert [e.id for e in classic.entities] == [
        "ofac-sdn:90001",
        "ofac-sdn:90002",
        "ofac-sdn:90003",
        "ofac-sdn:90004",
        "ofac-sdn:90007",
    ]
    assert classic.warnings == []


def test_classic_individual(classic: ParsedList):
    kestrel = _by_id(classic)["ofac-sdn:90001"]
    assert kestrel.schema is Schema.PERSON
    assert kestrel.names == (
        Name("ZORVANI, Kestrel Amadou", first_name="Kestrel Amadou", last_name="ZORVANI"),
        Name(
            "SORVANI, Kestrel", NameKind.ALIAS, "Kestrel", last_name="SORVANI", qualifier="a.k.a."
        ),
        Name("ZORVANI, Kes", NameKind.ALIAS, "Kes", last_name="ZORVANI", qualifier="a.k.a."),
        Name(
            "ZORVANI, Kestrel A.",
            NameKind.ALIAS,
            "Kestrel A.",
            last_name="ZORVANI",
            qualifier="a.k.a.",
        ),
        Name("KESTREL", NameKind.WEAK, qualifier="a.k.a."),  # category weak
    )
    assert kestrel.programs == ("IRGC", "SDGT")
    assert kestrel.birth_dates == (
        FuzzyDate("1971-07-04"),
        FuzzyDate("1970", circa=True),
        FuzzyDate("1968", until="1972"),
        FuzzyDate("1969-03"),
    )
    assert (kestrel.birth_places, kestrel.nationalities, kestrel.citizenships) == (
        ("Tabriz, Iran",),
        ("ir",),
        ("tr",),
    )
    assert kestrel.gender == "male"  # an idList entry, idType Gender
    assert kestrel.addresses == (
        Address(
            "12 Example Street, Tabriz 51368, Iran",
            street="12 Example Street",
            city="Tabriz",
            postal_code="51368",
            country="ir",
        ),
    )
    assert kestrel.remarks == "Director of Imaginary Affairs"


def test_classic_id_list_holds_documents_and_labelled_features(classic: ParsedList):
    kestrel = _by_id(classic)["ofac-sdn:90001"]
    assert kestrel.identifiers == (
        Identifier(IdType.NATIONAL_ID, "0012345678", "ir", "National ID No."),
        Identifier(IdType.OTHER, "IPK-0001", "ir", "Invented Permit Kind"),  # unknown idType
        Identifier(
            IdType.PASSPORT, "Z1234567", "ir", "Passport", "issued 01 Feb 2010 expires 31 Jan 2020"
        ),
    )
    assert kestrel.properties == (
        ("additional_sanctions_information", "Subject to Secondary Sanctions"),
        ("email", "kestrel@example.org"),
        ("phone", "982155500000"),
        ("title", "Director of Imaginary Affairs"),
        ("website", "www.example.org"),
    )


def test_classic_entity_with_country_inside_the_number_and_linked_to_remark(classic: ParsedList):
    bluefin = _by_id(classic)["ofac-sdn:90002"]
    assert Identifier(IdType.TAX_ID, "12-3456789", "us", "Tax ID No.") in bluefin.identifiers
    assert bluefin.countries == ("ae",)  # Nationality of Registration
    assert bluefin.relationships == (
        Relationship(
            RelationshipKind.LINKED_TO, target_name="SILVERGATE EXPORTS S.A.", role="Linked To"
        ),
    )
    assert bluefin.remarks is None  # "(Linked To: ...)" was read, nothing is left


def test_classic_vessel_info(classic: ParsedList):
    petrel = _by_id(classic)["ofac-sdn:90003"]
    assert petrel.schema is Schema.VESSEL
    assert petrel.identifiers == (
        Identifier(IdType.CALL_SIGN, "9BXY7", label="Call Sign"),
        Identifier(IdType.IMO, "9000001", label="Vessel Registration Identification"),
        Identifier(IdType.MMSI, "352000001", label="MMSI"),
    )
    assert _properties(petrel, "vessel_flag") == ["Panama"]
    assert _properties(petrel, "gross_registered_tonnage") == ["80,000"]
    assert petrel.countries == ("pa",)


def test_classic_and_csv_give_the_same_ids_names_and_identifiers(classic: ParsedList):
    csv_set = _by_id(ofac_csv.parse(sorted((FIXTURES / "ofac_csv" / "sdn_full").iterdir())))
    for entity in classic.entities:
        from_csv = csv_set[entity.id]
        assert entity.schema is from_csv.schema
        assert entity.names[0] == from_csv.names[0]
        known = {(i.type, i.value, i.country) for i in from_csv.identifiers}
        for identifier in entity.identifiers:
            if identifier.type is not IdType.OTHER:  # the XML has an invented extra kind
                assert (identifier.type, identifier.value, identifier.country) in known
        assert set(entity.programs) == set(from_csv.programs)


def test_classic_record_count_mismatch_is_a_warning(tmp_path: Path):
    path = tmp_path / "sdn.xml"
    path.write_bytes(
        (XML / "sdn.xml").read_bytes().replace(b"<Record_Count>5<", b"<Record_Count>6<")
    )
    assert ofac_xml.parse([path]).warnings == ["Record_Count says 6 entries, the file has 5"]


# The Enhanced XML


def test_enhanced_reads_the_same_from_the_zip_and_the_bare_xml(
    enhanced: ParsedList, tmp_path: Path
):
    zipped = ofac_xml.parse([_zip(tmp_path)])
    assert zipped.entities == enhanced.entities
    assert (zipped.source, zipped.as_of) == ("ofac-sdn", "2024-05-03")


def test_enhanced_translations_become_names_with_their_script(enhanced: ParsedList):
    kestrel, bluefin = _by_id(enhanced)["ofac-sdn:90001"], _by_id(enhanced)["ofac-sdn:90002"]
    assert kestrel.names == (
        Name("ZORVANI, Kestrel Amadou", first_name="Kestrel Amadou", last_name="ZORVANI"),
        Name(
            "ZORVANI, Kestrel A.",
            NameKind.ALIAS,
            "Kestrel A.",
            last_name="ZORVANI",
            qualifier="a.k.a.",
        ),
        Name(
            "ЗОРВАНИ, Кестрел Амаду",
            NameKind.ALIAS,
            first_name="Кестрел Амаду",
            father_name="Ильич",
            last_name="ЗОРВАНИ",
            script="Cyrl",
        ),
        Name("KESTREL", NameKind.WEAK, qualifier="a.k.a."),  # isLowQuality
    )
    assert bluefin.names[1] == Name("蓝鳍贸易行有限责任公司", NameKind.ALIAS, script="Hani")


def test_enhanced_features(enhanced: ParsedList):
    kestrel = _by_id(enhanced)["ofac-sdn:90001"]
    assert kestrel.birth_dates == (FuzzyDate("1971-07-04"), FuzzyDate("1970", circa=True))
    assert (kestrel.birth_places, kestrel.nationalities, kestrel.citizenships, kestrel.gender) == (
        ("Tabriz, Iran",),
        ("ir",),
        ("tr",),
        "male",
    )
    assert kestrel.listed_on == "2019-06-24"
    assert kestrel.programs == ("IRGC", "SDGT")
    assert kestrel.properties == (
        ("invented_feature_kind", "kept as a property"),  # a feature type not known
        ("legal_authority", "Executive Order 13224 (Terrorism)"),
        ("sanctions_list", "SDN List"),
        ("sanctions_type", "Block"),
        ("website", "www.example.org"),
    )


def test_enhanced_identity_documents(enhanced: ParsedList):
    by_id = _by_id(enhanced)
    assert by_id["ofac-sdn:90001"].identifiers == (
        Identifier(
            IdType.CRYPTO_WALLET,
            "1FakeBitcoinAddressForTests0000002",
            label="Digital Currency Address - XBT",
        ),
        Identifier(
            IdType.NATIONAL_ID,
            "0012345678",
            "ir",
            "National ID No.",
            "Invented Civil Registry; not valid",
        ),
        Identifier(IdType.PASSPORT, "Z1234567", "ir", "Passport"),
    )
    assert Identifier(IdType.OTHER, "IRN-77", label="Invented Register Number") in (
        by_id["ofac-sdn:90002"].identifiers
    )
    assert by_id["ofac-sdn:90003"].identifiers == (
        Identifier(IdType.IMO, "9000001", label="Vessel Registration Identification"),
        Identifier(IdType.MMSI, "352000001", label="MMSI"),
    )


def test_enhanced_relationships_carry_ids_and_a_missing_target_is_on_the_other_list(
    enhanced: ParsedList,
):
    by_id = _by_id(enhanced)
    assert by_id["ofac-sdn:90001"].relationships == (
        Relationship(
            RelationshipKind.ASSOCIATE,
            target_id="ofac-sdn:90002",
            target_name="BLUEFIN TRADING HOUSE LLC",
            role="Associate Of",
            source_id="61001",
        ),
        Relationship(
            RelationshipKind.LINKED_TO,
            target_id="ofac-cons:91001",  # not in this SDN file
            target_name="HALVORSEN, Tamsin",
            role="Acting for or on behalf of",
            source_id="61002",
        ),
    )
    assert by_id["ofac-sdn:90003"].relationships == (
        Relationship(
            RelationshipKind.OWNERSHIP,
            target_id="ofac-sdn:90002",
            target_name="BLUEFIN TRADING HOUSE LLC",
            role="Owned or Controlled By",
            incoming=True,
            source_id="61010",
        ),
    )


# Bad input


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.xml", "empty file"),
        ("truncated.xml", "malformed or truncated XML: Premature end of data"),
        ("not_ofac.xml", "not an OFAC XML file"),
        ("damaged.zip", "damaged ZIP"),
    ],
)
def test_bad_files_raise_parse_error_naming_the_file(name: str, message: str):
    with pytest.raises(ParseError, match=re.escape(message)) as error:
        ofac_xml.parse([XML / name])
    assert name in str(error.value)


def test_truncated_xml_error_names_the_line():
    with pytest.raises(ParseError, match=r"line \d+"):
        ofac_xml.parse([XML / "truncated.xml"])


def test_a_zip_cut_short_is_damaged(tmp_path: Path):
    whole = _zip(tmp_path).read_bytes()
    cut = tmp_path / "CUT_ENHANCED.ZIP"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ParseError, match="damaged ZIP"):
        ofac_xml.parse([cut])


def test_a_zip_whose_content_fails_its_checksum_is_damaged(tmp_path: Path):
    path = tmp_path / "SDN_ENHANCED.ZIP"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.write(XML / "SDN_ENHANCED.XML", "SDN_ENHANCED.XML")
    path.write_bytes(path.read_bytes().replace(b"Tabriz", b"Xabriz", 1))
    assert ofac_xml.sniff(path, path.read_bytes()) == "ofac-sdn"
    with pytest.raises(ParseError, match="damaged ZIP: Bad CRC-32"):
        ofac_xml.parse([path])


def test_a_zipped_classic_xml_is_read_too(tmp_path: Path):
    path = tmp_path / "SDN_XML.ZIP"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(XML / "sdn.xml", "SDN.XML")
    assert ofac_xml.sniff(path, path.read_bytes()) == "ofac-sdn"
    assert ofac_xml.parse([path]).entities == ofac_xml.parse([XML / "sdn.xml"]).entities


def test_a_zip_without_one_xml_is_an_error(tmp_path: Path):
    path = tmp_path / "SDN_ENHANCED.ZIP"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no list here")
    with pytest.raises(ParseError, match="the ZIP holds 0 XML files, expected one"):
        ofac_xml.parse([path])


def test_a_csv_file_is_not_an_ofac_xml_file():
    with pytest.raises(ParseError, match="not an OFAC XML file"):
        ofac_xml.parse([FIXTURES / "ofac_csv" / "sdn_full" / "SDN.CSV"])


def test_one_file_at_a_time():
    with pytest.raises(ParseError, match="expected exactly one file"):
        ofac_xml.parse([XML / "sdn.xml", XML / "SDN_ENHANCED.XML"])


def test_an_entry_without_uid_names_its_line(tmp_path: Path):
    path = tmp_path / "sdn.xml"
    path.write_bytes((XML / "sdn.xml").read_bytes().replace(b"<uid>90003</uid>", b""))
    with pytest.raises(ParseError, match=r"line \d+: sdnEntry without uid"):
        ofac_xml.parse([path])


# The real files


@pytest.fixture(scope="module")
def real_classic(lists_dir: Path) -> ParsedList:
    return ofac_xml.parse([lists_dir / CLASSIC])


@pytest.fixture(scope="module")
def real_enhanced(lists_dir: Path) -> ParsedList:
    return ofac_xml.parse([lists_dir / ENHANCED])


@pytest.fixture(scope="module")
def enhanced_text(lists_dir: Path) -> str:
    with zipfile.ZipFile(lists_dir / ENHANCED) as archive:
        return archive.read("CONS_ENHANCED.XML").decode("utf-8")


@pytest.mark.real_lists
def test_real_classic_consolidated(real_classic: ParsedList, lists_dir: Path):
    head = (lists_dir / CLASSIC).read_bytes()[:65536]
    assert ofac_xml.sniff(lists_dir / CLASSIC, head) == "ofac-cons"
    assert ofac_csv.sniff(lists_dir / CLASSIC, head) is None
    text = (lists_dir / CLASSIC).read_text(encoding="utf-8")
    uids = re.findall(r"<sdnEntry>\s*<uid>(\d+)</uid>", text)
    assert len(uids) == 442  # as the MANIFEST says
    assert [e.id for e in real_classic.entities] == [f"ofac-cons:{uid}" for uid in uids]
    assert (real_classic.source, real_classic.as_of) == ("ofac-cons", "2026-01-08")
    assert real_classic.warnings == []  # Record_Count agrees
    weak = len(re.findall(r"<category>weak</category>", text))
    assert sum(len(_names(e, NameKind.WEAK)) for e in real_classic.entities) == weak


@pytest.mark.real_lists
def test_real_classic_spot_checks(real_classic: ParsedList):
    by_id = _by_id(real_classic)
    haniya = by_id["ofac-cons:9639"]
    assert haniya.names[0] == Name(
        "HANIYA, Ismail Abdul Salah", first_name="Ismail Abdul Salah", last_name="HANIYA"
    )
    assert haniya.programs == ("NS-PLC",)
    assert haniya.birth_dates == (FuzzyDate("1962"),)
    assert haniya.birth_places == ("Shati",)
    vtb = by_id["ofac-cons:17013"]
    assert Identifier(IdType.SWIFT_BIC, "VTBRRUMM", label="SWIFT/BIC") in vtb.identifiers
    assert Identifier(IdType.REGISTRATION, "1027739609391", "ru", "Registration ID") in (
        vtb.identifiers
    )


@pytest.mark.real_lists
def test_real_classic_and_csv_versions_share_ids(real_classic: ParsedList, lists_dir: Path):
    from_csv = _by_id(ofac_csv.parse(sorted((lists_dir / CONS_CSV).iterdir())))
    from_xml = _by_id(real_classic)
    shared = from_csv.keys() & from_xml.keys()
    assert len(shared) > 430
    same_names = [i for i in shared if from_csv[i].names == from_xml[i].names]
    assert len(same_names) > 430


@pytest.mark.real_lists
def test_real_enhanced_consolidated(real_enhanced: ParsedList, enhanced_text: str, lists_dir: Path):
    zipped = (lists_dir / ENHANCED).read_bytes()[:65536]
    assert ofac_xml.sniff(lists_dir / ENHANCED, zipped) == "ofac-cons"  # "Consolidated List"
    ids = re.findall(r'<entity id="(\d+)">', enhanced_text)
    assert len(ids) == 443  # as the MANIFEST says
    assert [e.id for e in real_enhanced.entities] == [f"ofac-cons:{i}" for i in ids]
    assert (real_enhanced.source, real_enhanced.as_of) == ("ofac-cons", "2025-01-10")
    relationships = len(re.findall(r"<relationship id=", enhanced_text))
    assert sum(len(e.relationships) for e in real_enhanced.entities) == relationships


@pytest.mark.real_lists
def test_real_enhanced_non_latin_translations(real_enhanced: ParsedList, enhanced_text: str):
    for label, script in (("Cyrillic", "Cyrl"), ("Chinese (?:Simplified|Traditional)", "Hani")):
        in_file = re.findall(
            rf'<script refId="\d+">{label}</script>\s*'
            r"(?:<formattedFirstName>[^<]*</formattedFirstName>\s*)?"
            r"(?:<formattedLastName>[^<]*</formattedLastName>\s*)?"
            r"<formattedFullName>([^<]*)</formattedFullName>",
            enhanced_text,
        )
        names = {n.full for e in real_enhanced.entities for n in e.names if n.script == script}
        assert names == {html.unescape(full) for full in in_file}
        assert names
    vtb = _by_id(real_enhanced)["ofac-cons:17013"]
    assert Name("БАНК ВТБ ПАО", NameKind.ALIAS, script="Cyrl", qualifier="a.k.a.") in vtb.names
    sensetime = _by_id(real_enhanced)["ofac-cons:33114"]
    assert Name("商湯集團有限公司", NameKind.ALIAS, script="Hani") in sensetime.names


@pytest.mark.real_lists
def test_real_enhanced_spot_checks(real_enhanced: ParsedList):
    by_id = _by_id(real_enhanced)
    zahhar = by_id["ofac-cons:9647"]
    assert zahhar.birth_dates == (FuzzyDate("1945"),)
    assert zahhar.nationalities == ("ps",)
    assert zahhar.gender == "male"
    assert zahhar.relationships == (
        Relationship(
            RelationshipKind.LINKED_TO,
            target_id="ofac-sdn:4695",  # HAMAS is on the SDN list, not the Consolidated one
            target_name="HAMAS",
            role="Acting for or on behalf of",
            source_id="17928",
        ),
    )
    kayakiran = by_id["ofac-cons:26182"]
    assert Identifier(IdType.PASSPORT, "U00242309", "tr", "Passport") in kayakiran.identifiers
    assert kayakiran.citizenships == ("tr",)
